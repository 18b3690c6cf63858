"""Notes of a review: one per flag, on a span of the text, or on the whole document."""
from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from ..core.document import Document
from ..core.errors import UnknownRecord
from .flag_ops import flag_pks
from .models import FlagRow, NoteRow, utcnow
from .records import ACTIVE, OUTDATED, NoteRecord
from .revision_ops import nearest, ensure_anchored

FLAG, SPAN, DOCUMENT = "flag", "span", "document"


def set_flag_note(s: Session, review_id: int, flag_id: str, body: str, author: str) -> NoteRecord | None:
    """The author's own note on the flag (other reviewers' notes stand beside it, untouched)."""
    pk = flag_pks(s, review_id, [flag_id])[flag_id]
    row = s.scalars(select(NoteRow).where(NoteRow.flag_id == pk, NoteRow.author == author)).first()
    if not body.strip():
        if row is not None:
            s.delete(row)
        return None
    now = utcnow()
    if row is None:
        row = NoteRow(review_id=review_id, kind=FLAG, flag_id=pk, anchor_text="", body=body,
                      author=author, state=ACTIVE, created_at=now, updated_at=now)
        s.add(row)
    else:
        row.body, row.updated_at = body, now
    s.flush()
    return _record(row, flag_id, _flag_state(s, pk))


def add_note(s: Session, review_id: int, kind: str, body: str, author: str, start: int | None = None,
             end: int | None = None, anchor_text: str = "") -> NoteRecord:
    if kind == SPAN and (start is None or end is None or not 0 <= start <= end):
        raise ValueError(f"A note needs a passage with 0 <= start <= end, not {start}..{end}.")
    now = utcnow()
    row = NoteRow(review_id=review_id, kind=kind, flag_id=None, start=start, end=end,
                  anchor_text=anchor_text, body=body, author=author, state=ACTIVE,
                  created_at=now, updated_at=now)
    s.add(row)
    s.flush()
    return _record(row, None, ACTIVE)


def update_note(s: Session, note_id: int, body: str) -> NoteRecord:
    row = s.get(NoteRow, note_id)
    if row is None:
        raise UnknownRecord(f"There is no note {note_id} in the review database.")
    row.body, row.updated_at = body, utcnow()
    s.flush()
    return note_record(s, row)


def delete_note(s: Session, note_id: int) -> None:
    # Deleting twice (an undo racing a delete) is not an error: the note is gone either way.
    s.execute(delete(NoteRow).where(NoteRow.id == note_id))


def note_record(s: Session, row: NoteRow) -> NoteRecord:
    if row.flag_id is None:
        return _record(row, None, row.state)
    flag = s.get(FlagRow, row.flag_id)
    assert flag is not None
    return _record(row, flag.short_id, flag.state)


def list_notes(s: Session, review_id: int) -> list[NoteRecord]:
    """Document notes first, then flag and span notes in the order of their passages."""
    rows = s.execute(select(NoteRow, FlagRow.short_id, FlagRow.state, FlagRow.start)
                     .outerjoin(FlagRow, FlagRow.id == NoteRow.flag_id)
                     .where(NoteRow.review_id == review_id)).all()
    out: list[tuple[tuple[int, int, int], NoteRecord]] = []
    for row, short_id, flag_state, flag_start in rows:
        # A flag note is as current as its flag: it follows the flag into "outdated" and back.
        record = _record(row, short_id, flag_state or row.state)
        where = flag_start if row.kind == FLAG else (row.start or 0)
        out.append(((0 if row.kind == DOCUMENT else 1, where, row.id), record))
    out.sort(key=lambda pair: pair[0])
    return [record for _, record in out]


def relocate_notes(s: Session, review_id: int, doc: Document) -> None:
    """After a revision: every passage of the review moves onto the new text, or becomes outdated."""
    if ensure_anchored(s, review_id, doc):
        return
    # A review from before revisions were kept has no text to diff against: find each span
    # note's exact passage, nearest to where it was.
    text = doc.text
    now = utcnow()
    for row in s.scalars(select(NoteRow).where(NoteRow.review_id == review_id, NoteRow.kind == SPAN)):
        start, end, anchor = row.start or 0, row.end or 0, row.anchor_text
        if not anchor or text[start:end] == anchor:
            if anchor and row.state != ACTIVE:
                row.state, row.updated_at = ACTIVE, now
            continue
        found = nearest(text, anchor, start)
        if found is None:
            if row.state != OUTDATED:
                row.state, row.updated_at = OUTDATED, now
        else:
            row.start, row.end, row.state, row.updated_at = found, found + len(anchor), ACTIVE, now


def _flag_state(s: Session, pk: int) -> str:
    return s.scalar(select(FlagRow.state).where(FlagRow.id == pk)) or ACTIVE


def _record(row: NoteRow, flag_id: str | None, state: str) -> NoteRecord:
    return NoteRecord(id=row.id, kind=row.kind, body=row.body, author=row.author,
                      created_at=row.created_at, updated_at=row.updated_at, flag_id=flag_id,
                      start=row.start, end=row.end, anchor_text=row.anchor_text or "", state=state)
