"""ReviewWriter: several writes to one review inside a single transaction (see ReviewStore.write_together)."""
from __future__ import annotations

from collections.abc import Mapping, Sequence

from sqlalchemy.orm import Session

from . import decision_ops, ledger_ops, note_ops, reviews
from .records import ClaimRecord, FlagRecord, NoteRecord


class ReviewWriter:
    """The review's writes, sharing one Session: nothing is committed until the work returns."""

    def __init__(self, session: Session, review_id: int) -> None:
        self._s = session
        self._rid = review_id

    def set_statuses(self, flag_ids: Sequence[str], status: str, reviewer: str,
                     expected: Mapping[str, int] | None = None, force: bool = False) -> list[FlagRecord]:
        return decision_ops.set_statuses(self._s, self._rid, list(flag_ids), status, reviewer,
                                         expected, force)

    def set_flag_note(self, flag_id: str, body: str, author: str) -> NoteRecord | None:
        return note_ops.set_flag_note(self._s, self._rid, flag_id, body, author)

    def add_document_note(self, body: str, author: str) -> NoteRecord:
        return note_ops.add_note(self._s, self._rid, note_ops.DOCUMENT, body, author)

    def add_span_note(self, start: int, end: int, anchor_text: str, body: str, author: str) -> NoteRecord:
        return note_ops.add_note(self._s, self._rid, note_ops.SPAN, body, author, start, end, anchor_text)

    def set_claim(self, claim_id: str, status: str | None = None, note: str | None = None,
                  reviewer: str | None = None) -> ClaimRecord:
        return ledger_ops.set_claim(self._s, self._rid, claim_id, status, note, reviewer)

    def set_story(self, story: str | None) -> None:
        reviews.set_story(self._s, self._rid, story)

    def _document(self, everywhere: bool) -> int | None:
        if everywhere:
            return None
        from .models import ReviewRow
        row = self._s.get(ReviewRow, self._rid)
        assert row is not None
        return row.document_id

    def add_word(self, word: str, everywhere: bool = False) -> None:
        ledger_ops.add_entry(self._s, "word", word, self._document(everywhere))

    def remove_word(self, word: str, everywhere: bool = False) -> None:
        ledger_ops.remove_entry(self._s, "word", word, self._document(everywhere))

    def ignore_rule(self, rule: str, everywhere: bool = False) -> None:
        ledger_ops.add_entry(self._s, "rule", rule, self._document(everywhere))

    def unignore_rule(self, rule: str, everywhere: bool = False) -> None:
        ledger_ops.remove_entry(self._s, "rule", rule, self._document(everywhere))
