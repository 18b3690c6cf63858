"""Documents and their reviews: finding a draft again, and resolving what callers pass as a review."""
from __future__ import annotations

import copy
import hashlib
from pathlib import Path
from typing import Any, Union

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from ..core.document import Document
from ..core.errors import UnknownRecord
from .models import DocumentRow, ReviewRow, RevisionRow, utcnow
from .records import DocumentRecord
from .revision_ops import ensure_anchored

# What the public methods accept for "the review": a DocumentRecord, or a document id.
ReviewRef = Union[DocumentRecord, int]


def resolved_path(path: str | None) -> str | None:
    if not path:
        return None
    try:
        return str(Path(path).expanduser().resolve())
    except OSError:
        return str(Path(path).expanduser().absolute())


def open_document(s: Session, doc: Document, story: str | None = None) -> DocumentRecord:
    """The review of this draft's story, found by (in order) the desk's story slug, the file's
    path, or the text itself (a copy, a moved or renamed file); created when none knows it."""
    path = resolved_path(doc.path)
    story = (story or "").strip() or None
    if s.get_bind().dialect.name != "sqlite":
        # Two first opens of one text at once (two reviewers' copies) must find one review, not
        # make two; SQLite writers are already one at a time.
        s.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _lock_key(story or doc.sha256)})
    row = s.scalars(select(DocumentRow).where(DocumentRow.path == path)).first() if path else None
    review_id = None
    if story is not None:
        review_id = s.scalar(select(ReviewRow.id).where(ReviewRow.story == story))
    if review_id is None and row is not None:
        review_id = _review_of(s, row)
    if review_id is None:
        review_id = s.scalar(select(RevisionRow.review_id).join(ReviewRow, ReviewRow.id == RevisionRow.review_id)
                             .where(RevisionRow.sha256 == doc.sha256)
                             .order_by(ReviewRow.updated_at.desc(), ReviewRow.id.desc()).limit(1))
    if review_id is None and path is None:
        # Pasted text from before revisions were kept: its content was its identity.
        old = s.scalars(select(DocumentRow).where(DocumentRow.sha256 == doc.sha256)
                        .order_by(DocumentRow.path.is_not(None), DocumentRow.id.desc())).first()
        if old is not None:
            row, review_id = old, _review_of(s, old)
    now = utcnow()
    if row is None:
        row = DocumentRow(path=path, title=doc.title or "", format=doc.format or "", sha256=doc.sha256,
                          created_at=now, updated_at=now)
        s.add(row)
        s.flush()
    else:   # updated_at doubles as "last opened", for a recent-documents list
        row.title, row.format, row.sha256, row.updated_at = doc.title or "", doc.format or "", doc.sha256, now
    if review_id is None:
        review = ReviewRow(document_id=row.id, metrics={}, story=story, created_at=now, updated_at=now)
        s.add(review)
        s.flush()
        review_id = review.id
    else:
        review = s.get(ReviewRow, review_id)
        assert review is not None
        if review.document_id != row.id:
            row.review_id = review_id       # this file is another copy of the review's story
        elif row.review_id is not None:
            row.review_id = None
        if story is not None and review.story is None:
            review.story = story
        review.updated_at = now
    s.flush()
    ensure_anchored(s, review_id, doc)
    primary = s.get(DocumentRow, review.document_id)
    assert primary is not None
    return DocumentRecord(id=primary.id, path=row.path or "", title=row.title, format=row.format,
                          sha256=row.sha256, review_id=review_id, story=review.story)


def set_story(s: Session, review_id: int, story: str | None) -> None:
    """Name the review's story (the desk's slug), so every copy opened with that slug finds it."""
    story = (story or "").strip() or None
    if story is not None:
        other = s.scalar(select(ReviewRow.id).where(ReviewRow.story == story, ReviewRow.id != review_id))
        if other is not None:
            raise ValueError(f"Another review is already the story '{story}'.")
    review = s.get(ReviewRow, review_id)
    assert review is not None
    review.story = story


def _review_of(s: Session, row: DocumentRow) -> int | None:
    if row.review_id is not None and s.get(ReviewRow, row.review_id) is not None:
        return row.review_id
    return s.scalar(select(ReviewRow.id).where(ReviewRow.document_id == row.id)
                    .order_by(ReviewRow.id.desc()).limit(1))


def _lock_key(value: str) -> int:
    digest = hashlib.blake2b(f"reviewdesk-open:{value}".encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def review_id_of(s: Session, ref: ReviewRef) -> int:
    if isinstance(ref, DocumentRecord):
        return ref.review_id
    row = s.get(DocumentRow, int(ref))
    review_id = _review_of(s, row) if row is not None else None
    if review_id is None:
        raise UnknownRecord(f"There is no document {ref} in the review database.")
    return review_id


def document_record(s: Session, ref: ReviewRef) -> DocumentRecord:
    review_id = review_id_of(s, ref)
    row = s.scalars(select(DocumentRow).join(ReviewRow, ReviewRow.document_id == DocumentRow.id)
                    .where(ReviewRow.id == review_id)).one()
    return _record(row, review_id)


def document_id_of(s: Session, ref: DocumentRecord | int | None) -> int | None:
    """For dictionaries and ignored rules: None means every document."""
    if ref is None:
        return None
    document_id = ref.id if isinstance(ref, DocumentRecord) else int(ref)
    if s.get(DocumentRow, document_id) is None:
        raise UnknownRecord(f"There is no document {document_id} in the review database.")
    return document_id


def documents(s: Session) -> list[DocumentRecord]:
    """Every document with its latest review, the most recently opened first."""
    rows = s.execute(select(DocumentRow, ReviewRow.id)
                     .join(ReviewRow, ReviewRow.document_id == DocumentRow.id)
                     .order_by(DocumentRow.updated_at.desc(), ReviewRow.id.desc())).all()
    seen: dict[int, DocumentRecord] = {}
    for row, review_id in rows:
        seen.setdefault(row.id, _record(row, review_id))
    return list(seen.values())


def metrics(s: Session, ref: ReviewRef) -> dict[str, Any]:
    value = s.scalar(select(ReviewRow.metrics).where(ReviewRow.id == review_id_of(s, ref)))
    return copy.deepcopy(value or {})


def save_metrics(s: Session, ref: ReviewRef, values: dict[str, Any]) -> None:
    review = s.get(ReviewRow, review_id_of(s, ref))
    assert review is not None
    review.metrics = copy.deepcopy(values)
    review.updated_at = utcnow()


def settings(s: Session, ref: ReviewRef) -> dict[str, Any]:
    value = s.scalar(select(ReviewRow.settings).where(ReviewRow.id == review_id_of(s, ref)))
    return copy.deepcopy(value or {})


def set_setting(s: Session, ref: ReviewRef, name: str, value: Any) -> None:
    """One of the editor's choices for this draft; None forgets it. Only that key is written."""
    review = s.get(ReviewRow, review_id_of(s, ref), with_for_update=True)
    assert review is not None
    chosen = copy.deepcopy(review.settings or {})
    if value is None:
        chosen.pop(name, None)
    else:
        chosen[name] = value
    review.settings = chosen
    review.updated_at = utcnow()


def touch(s: Session, review_id: int) -> None:
    review = s.get(ReviewRow, review_id)
    if review is not None:
        review.updated_at = utcnow()


def _record(row: DocumentRow, review_id: int) -> DocumentRecord:
    return DocumentRecord(id=row.id, path=row.path or "", title=row.title, format=row.format,
                          sha256=row.sha256, review_id=review_id)

