"""Notes in the store: on a flag, on a span of text (found again after a revision), on the document."""
from __future__ import annotations

from datetime import UTC

import pytest
from storage_helpers import DRAFT, P1, P3, TITLE, by_text, findings

from reviewdesk.core.errors import UnknownFlag, UnknownRecord
from reviewdesk.storage.records import ACTIVE, OUTDATED


def _span(doc, phrase: str, nth: int = 0) -> tuple[int, int]:
    at = -1
    for _ in range(nth + 1):
        at = doc.text.index(phrase, at + 1)
    return at, at + len(phrase)


def test_a_reviewer_has_one_note_on_a_flag_that_editing_replaces(store, draft):
    doc = draft()
    record = store.open_document(doc)
    very = by_text(store.sync_flags(record, doc, findings(doc), {"style"}))["very"]
    first = store.set_flag_note(record, very.id, "Cut it.", "ana")
    second = store.set_flag_note(record, very.id, "Cut it, or say how heavily.", "ana")
    assert second.id == first.id and second.author == "ana"
    assert second.created_at == first.created_at <= second.updated_at
    assert [n.body for n in store.notes(record)] == ["Cut it, or say how heavily."]
    assert by_text(store.flags(record))["very"].note == "Cut it, or say how heavily."


def test_notes_of_two_reviewers_on_one_flag_stand_side_by_side(store, draft):
    doc = draft()
    record = store.open_document(doc)
    very = by_text(store.sync_flags(record, doc, findings(doc), {"style"}))["very"]
    store.set_flag_note(record, very.id, "Cut it.", "ana")
    store.set_flag_note(record, very.id, "Keep it: it is a quote.", "ben")
    flag = by_text(store.flags(record))["very"]
    assert [(n.author, n.body) for n in flag.notes] == [("ana", "Cut it."), ("ben", "Keep it: it is a quote.")]
    assert flag.note == "Keep it: it is a quote."          # the latest one
    store.set_flag_note(record, very.id, "", "ben")         # ben removes only his own
    assert [(n.author, n.body) for n in by_text(store.flags(record))["very"].notes] == [("ana", "Cut it.")]


def test_an_empty_flag_note_deletes_it(store, draft):
    doc = draft()
    record = store.open_document(doc)
    very = by_text(store.sync_flags(record, doc, findings(doc), {"style"}))["very"]
    store.set_flag_note(record, very.id, "Cut it.", "ana")
    assert store.set_flag_note(record, very.id, "  \n", "ana") is None
    assert store.notes(record) == [] and by_text(store.flags(record))["very"].note == ""


def test_a_note_on_an_unknown_flag_is_refused(store, draft):
    record = store.open_document(draft())
    with pytest.raises(UnknownFlag):
        store.set_flag_note(record, "deadbeef", "hm", "ana")


def test_span_and_document_notes_round_trip_in_reading_order(store, draft):
    doc = draft()
    record = store.open_document(doc)
    start, end = _span(doc, "nobody believed him")
    span = store.add_span_note(record, start, end, "nobody believed him", "Who says?", "ana")
    whole = store.add_document_note(record, "Needs a second source.\nAnd a map.", "ben")
    assert [n.kind for n in store.notes(record)] == ["document", "span"]
    assert store.notes(record) == [whole, span]
    assert (span.start, span.end, span.anchor_text, span.state) == (start, end, "nobody believed him", ACTIVE)
    assert whole.start is None and whole.created_at.tzinfo == UTC


def test_update_and_delete_a_note(store, draft):
    record = store.open_document(draft())
    note = store.add_document_note(record, "draft one", "ana")
    updated = store.update_note(note.id, "draft two")
    assert (updated.id, updated.body, updated.author) == (note.id, "draft two", "ana")
    store.delete_note(note.id)
    store.delete_note(note.id)          # a second delete is harmless
    assert store.notes(record) == []
    with pytest.raises(UnknownRecord):
        store.update_note(note.id, "gone")


def test_a_bad_span_is_refused(store, draft):
    record = store.open_document(draft())
    with pytest.raises(ValueError):
        store.add_span_note(record, 10, 5, "", "backwards", "ana")


def test_span_note_follows_its_passage_when_the_text_moves(store, draft):
    doc = draft()
    record = store.open_document(doc)
    start, end = _span(doc, "nobody believed him")
    store.add_span_note(record, start, end, "nobody believed him", "Who says?", "ana")
    moved = draft(TITLE + "An added paragraph at the top.\n\n" + DRAFT[len(TITLE):])
    store.relocate_notes(record, moved)
    [note] = store.notes(record)
    assert (note.start, note.end, note.state) == (*_span(moved, "nobody believed him"), ACTIVE)


def test_span_note_is_outdated_when_its_passage_is_gone_and_active_when_back(store, draft):
    doc = draft()
    record = store.open_document(doc)
    start, end = _span(doc, "the the water")
    store.add_span_note(record, start, end, "the the water", "Typo", "ana")
    store.relocate_notes(record, draft(TITLE + "\n\n".join((P1, P3))))
    assert [(n.state, n.start, n.body) for n in store.notes(record)] == [(OUTDATED, start, "Typo")]
    store.relocate_notes(record, doc)
    assert [n.state for n in store.notes(record)] == [ACTIVE]


def test_span_note_moves_to_the_nearest_copy_of_its_passage(store, draft):
    text = "Officials said no. " + "Then came a long pause in the hall. " * 5 + "Officials said yes.\n"
    doc = draft(text)
    record = store.open_document(doc)
    start, end = _span(doc, "Officials said", 1)
    store.add_span_note(record, start, end, "Officials said", "which ones?", "ana")
    revised = draft("Late on Monday. " + text)
    store.relocate_notes(record, revised)
    [note] = store.notes(record)
    assert (note.start, note.end) == _span(revised, "Officials said", 1)
