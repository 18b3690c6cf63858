"""Decisions, notes and claims on the open review: small writes, on the GUI thread, at once.
A mixin of ReviewController (which owns the model, the store and the signals used here)."""
from __future__ import annotations

from typing import Iterable

from ..storage.records import NoteRecord
from . import review_jobs
from .flag_model import Row, RowsChange, row_from_note, with_decision, with_note


class ReviewEdits:
    """The editor's writes: every one goes to the store first, then to the model."""

    def decide(self, keys: Iterable[str], status: str) -> dict[str, str]:
        """Set flags' status (pending, accepted, dismissed); returns their previous statuses."""
        rows = [r for r in (self.model.row(k) for k in keys) if r is not None and r.is_flag]
        if not rows or self.record is None:
            return {}
        previous = {r.key: r.decision for r in rows}
        # A merged finding's decision is every merged flag's (core/merge.py).
        self.store.set_statuses(self.record, [k for r in rows for k in (r.key, *r.members)], status,
                                self.reviewer)
        updated = [with_decision(r, status) for r in rows]
        self.model.update_rows(updated)
        self.rows_changed.emit(RowsChange(tuple(updated)))
        self.decision_saved.emit([r.key for r in rows], status)
        return previous

    def restore(self, previous: dict[str, str]) -> None:
        """Put flags back to the statuses decide() returned (undo)."""
        by_status: dict[str, list[str]] = {}
        for key, status in previous.items():
            by_status.setdefault(status, []).append(key)
        for status, keys in by_status.items():
            self.decide(keys, status)

    def similar_pending(self, key: str) -> list[str]:
        """Pending flags with the same rule as this one, this one included ("dismiss all like this")."""
        row = self.model.row(key)
        if row is None or not row.is_flag:
            return []
        return [r.key for r in self.model.rows
                if r.is_flag and r.rule == row.rule and r.status == "pending"]

    def progress_counts(self, line_editing: bool = True) -> tuple[int, int]:
        """(reviewed, total) over the current draft's active flags; without line_editing, the
        line-editing advice (hidden in that view) is left out, as the list leaves it out."""
        total = reviewed = 0
        for r in self.model.rows:
            if r.kind == "flag" and r.status != "outdated" and (line_editing or not r.line_editing):
                total += 1
                reviewed += r.decision != "pending"
        return reviewed, total

    def set_flag_note(self, key: str, body: str) -> None:
        row = self.model.row(key)
        if row is None or not row.is_flag or self.record is None or row.note == body:
            return
        self.store.set_flag_note(self.record, key, body, self.reviewer)
        self.model.update_rows([with_note(row, body)])
        self.notes_changed.emit()

    def add_span_note(self, start: int, end: int, body: str = "") -> str | None:
        if self.record is None or self.doc is None:
            return None
        note = self.store.add_span_note(self.record, start, end, self.doc.text[start:end], body,
                                        self.reviewer)
        row = row_from_note(note, self.doc.text)
        self.places.update(review_jobs.places_for([row], self.offsets))
        self.model.replace_where(lambda r: True, [row])
        self.rows_changed.emit(RowsChange((row,)))
        self.notes_changed.emit()
        return row.key

    def set_span_note(self, key: str, body: str) -> None:
        row = self.model.row(key)
        if row is None or row.is_flag or row.note == body:
            return
        note = self.store.update_note(int(key.split(":", 1)[1]), body)
        self.model.update_rows([row_from_note(note, self.doc.text if self.doc else "")])
        self.notes_changed.emit()

    def delete_span_note(self, key: str) -> None:
        row = self.model.row(key)
        if row is None or row.is_flag:
            return
        self.store.delete_note(int(key.split(":", 1)[1]))
        self.model.replace_where(lambda r: r.key != key, [])
        self.rows_changed.emit(RowsChange(removed=frozenset({key})))
        self.notes_changed.emit()

    def add_document_note(self, body: str = "") -> NoteRecord | None:
        if self.record is None:
            return None
        note = self.store.add_document_note(self.record, body, self.reviewer)
        self.document_notes.append(note)
        self.notes_changed.emit()
        return note

    def set_document_note(self, note_id: int, body: str) -> None:
        note = self.store.update_note(note_id, body)
        self.document_notes = [note if n.id == note_id else n for n in self.document_notes]
        self.notes_changed.emit()

    def delete_document_note(self, note_id: int) -> None:
        self.store.delete_note(note_id)
        self.document_notes = [n for n in self.document_notes if n.id != note_id]
        self.notes_changed.emit()

    def set_claim(self, claim_id: str, status: str | None = None, note: str | None = None) -> None:
        if self.record is None:
            return
        updated = self.store.set_claim(self.record, claim_id, status, note)
        self.claims = [updated if c.id == claim_id else c for c in self.claims]
        self.claims_changed.emit()

    def row(self, key: str) -> Row | None:
        return self.model.row(key)
