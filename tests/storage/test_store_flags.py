"""Flags in the store: round trips, decisions and their history, and revisions of the draft."""
from __future__ import annotations

from datetime import UTC

import pytest
from storage_helpers import DRAFT, P1, P2, P3, TITLE, by_text, findings, flag_on, places

from reviewdesk.core.engine import finalise
from reviewdesk.core.errors import UnknownFlag
from reviewdesk.core.settings import Settings
from reviewdesk.storage.records import ACCEPTED, ACTIVE, DISMISSED, OUTDATED, PENDING
from reviewdesk.storage.store import ReviewStore

ALL_CHECKS = {"style", "repetition"}
MOVED = TITLE + "A new opening paragraph now comes first.\n\n" + "\n\n".join((P1, P2, P3)) + "\n"
WITHOUT_P2 = TITLE + "\n\n".join((P1, P3)) + "\n"


def test_open_document_finds_the_same_draft_again(store, draft):
    first = store.open_document(draft())
    again = store.open_document(draft(MOVED))
    assert (again.id, again.review_id) == (first.id, first.review_id)
    assert again.sha256 == draft(MOVED).sha256 != first.sha256


def test_pasted_text_without_path_is_found_by_its_content(store):
    from reviewdesk.core.document import document_from_text

    first = store.open_document(document_from_text(DRAFT))
    again = store.open_document(document_from_text(DRAFT))
    other = store.open_document(document_from_text(MOVED))
    assert again.id == first.id != other.id
    assert first.path == ""


def test_synced_flags_come_back_with_every_field(store, draft):
    doc = draft()
    record = store.open_document(doc)
    flags = findings(doc)
    stored = by_text(store.sync_flags(record, doc, flags, ALL_CHECKS))
    doubled = stored["the the"]
    source = next(f for f in flags if f.rule == "repetition.doubled")
    assert doubled.id == source.id and doubled.fingerprint == source.fingerprint
    assert (doubled.line, doubled.column) == doc.line_col(source.start) == (5, 16)
    assert (doubled.start, doubled.end, doubled.severity) == (source.start, source.end, "error")
    assert doubled.suggestions == ("the",)
    assert doubled.occurrences == ((source.start, source.end),)
    assert (doubled.state, doubled.status, doubled.note) == (ACTIVE, PENDING, "")
    assert stored["very"].engines == ("style",)
    assert store.flags(record) == list(stored.values())


def test_multi_place_flag_keeps_all_its_occurrences(store, draft):
    doc = draft()
    record = store.open_document(doc)
    spots = places(doc, "said")
    flag = finalise(doc, [flag_on(doc, "said", "repetition.phrase", occurrences=spots, score=0.5)],
                    Settings())
    [stored] = store.sync_flags(record, doc, flag, {"repetition"})
    assert stored.occurrences == tuple((s.start, s.end) for s in spots) and len(spots) == 2
    assert stored.score == 0.5


def test_flags_are_listed_active_first_in_document_order(store, draft):
    doc = draft()
    record = store.open_document(doc)
    store.sync_flags(record, doc, findings(doc), ALL_CHECKS)
    revised = draft(WITHOUT_P2)
    listed = store.sync_flags(record, revised, findings(revised), ALL_CHECKS)
    assert [(f.text, f.state) for f in listed] == [
        ("very", ACTIVE), ("nobody believed", ACTIVE), ("the the", OUTDATED)]
    assert [f.text for f in store.flags(record, include_outdated=False)] == ["very", "nobody believed"]


def test_decisions_and_notes_are_there_after_reopening(db_url, draft):
    doc = draft()
    with ReviewStore(db_url) as store:
        record = store.open_document(doc)
        ids = by_text(store.sync_flags(record, doc, findings(doc), ALL_CHECKS))
        store.set_status(record, ids["very"].id, ACCEPTED, "ana")
        store.set_flag_note(record, ids["very"].id, "Cut it.", "ana")
    with ReviewStore(db_url) as store:
        record = store.open_document(draft())
        very = by_text(store.flags(record))["very"]
    assert (very.status, very.decided_by, very.note) == (ACCEPTED, "ana", "Cut it.")
    assert very.decided_at is not None and very.decided_at.tzinfo == UTC


def test_moved_passage_keeps_its_decision_and_new_place(store, draft):
    doc = draft()
    record = store.open_document(doc)
    very = by_text(store.sync_flags(record, doc, findings(doc), ALL_CHECKS))["very"]
    store.set_status(record, very.id, DISMISSED, "ana")
    moved = draft(MOVED)
    after = by_text(store.sync_flags(record, moved, findings(moved), ALL_CHECKS))["very"]
    assert (after.id, after.status, after.state) == (very.id, DISMISSED, ACTIVE)
    assert after.start == moved.text.index("very") != very.start
    assert (after.line, after.column) == moved.line_col(after.start) and after.line == very.line + 2


def test_removed_passage_is_outdated_with_decision_and_note_kept(store, draft):
    doc = draft()
    record = store.open_document(doc)
    doubled = by_text(store.sync_flags(record, doc, findings(doc), ALL_CHECKS))["the the"]
    store.set_status(record, doubled.id, ACCEPTED, "ana")
    store.set_flag_note(record, doubled.id, "Typo.", "ana")
    revised = draft(WITHOUT_P2)
    gone = by_text(store.sync_flags(record, revised, findings(revised), ALL_CHECKS))["the the"]
    assert (gone.state, gone.status, gone.note, gone.text) == (OUTDATED, ACCEPTED, "Typo.", "the the")
    [note] = store.notes(record)
    assert (note.flag_id, note.state) == (doubled.id, OUTDATED)


def test_passage_that_returns_is_active_again_with_its_decision(store, draft):
    doc = draft()
    record = store.open_document(doc)
    doubled = by_text(store.sync_flags(record, doc, findings(doc), ALL_CHECKS))["the the"]
    store.set_status(record, doubled.id, ACCEPTED, "ana")
    store.sync_flags(record, draft(WITHOUT_P2), findings(draft(WITHOUT_P2)), ALL_CHECKS)
    back = by_text(store.sync_flags(record, doc, findings(doc), ALL_CHECKS))["the the"]
    assert (back.id, back.state, back.status) == (doubled.id, ACTIVE, ACCEPTED)


def test_flags_of_checks_that_did_not_run_are_untouched(store, draft):
    doc = draft()
    record = store.open_document(doc)
    store.sync_flags(record, doc, findings(doc), ALL_CHECKS)
    only_style = [f for f in findings(doc) if f.check == "style"]
    listed = by_text(store.sync_flags(record, doc, only_style[:1], {"style"}))
    assert listed["the the"].state == ACTIVE          # repetition did not run
    assert listed["nobody believed"].state == OUTDATED   # style ran and no longer found it


def test_history_lists_every_change_in_order(store, draft):
    doc = draft()
    record = store.open_document(doc)
    very = by_text(store.sync_flags(record, doc, findings(doc), ALL_CHECKS))["very"]
    store.set_status(record, very.id, ACCEPTED, "ana")
    store.set_status(record, very.id, ACCEPTED, "ana")      # no change, no new row
    store.set_status(record, very.id, DISMISSED, "ben", force=True)   # over ana's: see test_store_team
    last = store.set_status(record, very.id, PENDING, "ana", force=True)
    history = store.history(record, very.id)
    assert [(h.status, h.reviewer) for h in history] == [
        (ACCEPTED, "ana"), (DISMISSED, "ben"), (PENDING, "ana")]
    assert all(h.flag_id == very.id and h.at.tzinfo == UTC for h in history)
    assert (last.status, last.decided_by) == (PENDING, None)


def test_set_statuses_decides_many_at_once(store, draft):
    doc = draft()
    record = store.open_document(doc)
    ids = [f.id for f in store.sync_flags(record, doc, findings(doc), ALL_CHECKS)]
    changed = store.set_statuses(record, ids[::-1], DISMISSED, "ana")
    assert [f.id for f in changed] == ids[::-1]
    assert {f.status for f in store.flags(record)} == {DISMISSED}


def test_an_unknown_flag_id_changes_nothing(store, draft):
    doc = draft()
    record = store.open_document(doc)
    ids = [f.id for f in store.sync_flags(record, doc, findings(doc), ALL_CHECKS)]
    with pytest.raises(UnknownFlag, match="nope"):
        store.set_statuses(record, [ids[0], "nope"], ACCEPTED, "ana")
    assert {f.status for f in store.flags(record)} == {PENDING}
    assert store.history(record, ids[0]) == []


def test_a_bad_status_is_refused(store, draft):
    doc = draft()
    record = store.open_document(doc)
    [first, *_] = store.sync_flags(record, doc, findings(doc), ALL_CHECKS)
    with pytest.raises(ValueError, match="maybe"):
        store.set_status(record, first.id, "maybe", "ana")


def test_document_id_works_wherever_a_record_does(store, draft):
    doc = draft()
    record = store.open_document(doc)
    store.sync_flags(record.id, doc, findings(doc), ALL_CHECKS)
    assert store.flags(record.id) == store.flags(record)
    assert store.state(record.id).document == record
