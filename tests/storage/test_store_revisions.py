"""Re-anchoring across revisions: decisions, notes and claims follow small edits and leave rewritten words."""
from __future__ import annotations

from storage_helpers import flag_on

from reviewdesk.core.engine import finalise
from reviewdesk.core.settings import Settings
from reviewdesk.storage.anchors import TextMap
from reviewdesk.storage.records import ACCEPTED, ACTIVE, DISMISSED, OUTDATED, ClaimRecord

SENTENCE = ("The mayor said Russia-backed fighters shelled the eastern districts for a third night "
            "while crews tried to restore power.")
TEXT = ("Storm Over the Valley\n\n" + SENTENCE + " Schools stayed shut.\n\n"
        "The council will meet on Friday to discuss the repairs and who should pay for them.\n")


def _sentence_flag(doc, sentence: str = SENTENCE):
    return finalise(doc, [flag_on(doc, sentence, "readability.hard-sentence", check="readability")],
                    Settings())


def test_one_word_changed_in_a_dismissed_sentence_keeps_the_dismissal(store, draft):
    doc = draft(TEXT)
    record = store.open_document(doc)
    [flag] = store.sync_flags(record, doc, _sentence_flag(doc), {"readability"})
    store.set_status(record, flag.id, DISMISSED, "ana")
    store.set_flag_note(record, flag.id, "Long, but it reads well.", "ana")
    edited = SENTENCE.replace("Russia-backed", "Russian-backed")
    revised = draft(TEXT.replace(SENTENCE, edited))
    store.open_document(revised)
    flags = store.sync_flags(record, revised, _sentence_flag(revised, edited), {"readability"})
    [only] = flags          # the same flag, not an outdated one plus a new pending one
    assert (only.id, only.state, only.status, only.note) == (flag.id, ACTIVE, DISMISSED, "Long, but it reads well.")
    assert revised.text[only.start:only.end] == edited


def test_a_word_added_to_a_noted_passage_keeps_the_note_on_the_passage(store, draft):
    doc = draft(TEXT)
    record = store.open_document(doc)
    passage = "shelled the eastern districts"
    start = doc.text.index(passage)
    store.add_span_note(record, start, start + len(passage), passage, "Which districts?", "ana")
    revised = draft(TEXT.replace(passage, "shelled the south-eastern districts"))
    store.open_document(revised)
    [note] = store.notes(record)
    assert note.state == ACTIVE
    assert revised.text[note.start:note.end] == "shelled the south-eastern districts"


def test_a_rewritten_sentence_outdates_its_flag_and_note(store, draft):
    doc = draft(TEXT)
    record = store.open_document(doc)
    [flag] = store.sync_flags(record, doc, _sentence_flag(doc), {"readability"})
    store.set_status(record, flag.id, ACCEPTED, "ana")
    start = doc.text.index("third night")
    store.add_span_note(record, start, start + len("third night"), "third night", "Or fourth?", "ana")
    rewritten = "Overnight attacks left half the city dark, officials told reporters at dawn."
    revised = draft(TEXT.replace(SENTENCE, rewritten))
    store.open_document(revised)
    assert [(f.id, f.state, f.status) for f in store.flags(record)] == [(flag.id, OUTDATED, ACCEPTED)]
    assert [n.state for n in store.notes(record)] == [OUTDATED]


def test_a_moved_sentence_takes_its_flag_along(store, draft):
    doc = draft(TEXT)
    record = store.open_document(doc)
    [flag] = store.sync_flags(record, doc, _sentence_flag(doc), {"readability"})
    store.set_status(record, flag.id, ACCEPTED, "ana")
    moved = TEXT.replace(SENTENCE + " ", "").replace("pay for them.", "pay for them. " + SENTENCE)
    revised = draft(moved)
    store.open_document(revised)
    [only] = store.sync_flags(record, revised, _sentence_flag(revised), {"readability"})
    assert (only.id, only.status, only.state) == (flag.id, ACCEPTED, ACTIVE)
    assert only.start == moved.index(SENTENCE)


def test_flags_of_a_check_that_did_not_run_move_with_the_text(store, draft):
    doc = draft(TEXT)
    record = store.open_document(doc)
    [flag] = store.sync_flags(record, doc, _sentence_flag(doc), {"readability"})
    revised = draft("A line the writer added.\n\n" + TEXT)
    store.open_document(revised)
    [moved] = store.flags(record)
    assert (moved.id, moved.state, revised.text[moved.start:moved.end]) == (flag.id, ACTIVE, SENTENCE)


def test_a_claim_with_a_word_edited_keeps_its_status(store, draft):
    doc = draft(TEXT)
    record = store.open_document(doc)
    at = doc.text.index("a third night")
    claim = ClaimRecord("c-old", "number", "a third night", at, at + len("a third night"), SENTENCE)
    store.sync_claims(record, [claim])
    store.set_claim(record, "c-old", status="verified", note="Police log.", reviewer="ana")
    revised = draft(TEXT.replace("a third night", "a third straight night"))
    store.open_document(revised)
    at = revised.text.index("a third straight night")
    [kept] = store.sync_claims(record, [ClaimRecord("c-new", "number", "a third straight night", at,
                                                    at + len("a third straight night"), SENTENCE)])
    assert (kept.id, kept.status, kept.note, kept.state, kept.decided_by) == (
        "c-new", "verified", "Police log.", ACTIVE, "ana")


def test_revisions_record_their_predecessor(store, draft):
    doc = draft(TEXT)
    record = store.open_document(doc)
    revised = draft(TEXT + "\nOne more line.\n")
    store.open_document(revised)
    from sqlalchemy import select
    from reviewdesk.storage.models import RevisionRow
    with store.session() as s:
        rows = s.execute(select(RevisionRow.sha256, RevisionRow.parent_sha256)
                         .where(RevisionRow.review_id == record.review_id).order_by(RevisionRow.id)).all()
    assert [tuple(r) for r in rows] == [(doc.sha256, None), (revised.sha256, doc.sha256)]


def test_text_map_examples():
    old = "The city was very heavily shelled. Crews worked all night."
    cases = {
        # (passage, new text) -> what the passage is now (None: gone)
        ("heavily shelled", old.replace("heavily", "heavilly")): "heavilly shelled",
        ("very", old.replace("very", "extremely")): None,
        ("Crews worked", "Crews worked all night. The city was very heavily shelled."): "Crews worked",
        ("worked all night", "Power came back at dawn. " + old): "worked all night",
        ("The city was very heavily shelled.", "Nobody slept. Crews worked all night."): None,
    }
    for (passage, new), expected in cases.items():
        start = old.index(passage)
        found = TextMap(old, new).find(start, start + len(passage))
        assert (None if found is None else new[found.start:found.end]) == expected, (passage, new)
