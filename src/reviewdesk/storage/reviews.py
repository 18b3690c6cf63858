"""Documents and their reviews: finding a draft again, and resolving what callers pass as a review."""
from __future__ import annotations

import copy
from pathlib import Path
from typing import Any, Union

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..core.document import Document
from ..core.errors import UnknownRecord
from .models import DocumentRow, ReviewRow, utcnow
from .records import DocumentRecord

# What the public methods accept for "the review": a DocumentRecord, or a document id.
ReviewRef = Union[DocumentRecord, int]


def resolved_path(path: str | None) -> str | None:
    if not path:
        return None
    try:
        return str(Path(path).expanduser().resolve())
    except OSError:
        return str(Path(path).expanduser().absolute())


def open_document(s: Session, doc: Document) -> DocumentRecord:
    path = resolved_path(doc.path)
    row: DocumentRow | None
    if path is not None:
        row = s.scalars(select(DocumentRow).where(DocumentRow.path == path)).first()
    else:
        # Pasted text has no path: its content is its identity. Prefer another pasted copy.
        row = s.scalars(select(DocumentRow).where(DocumentRow.sha256 == doc.sha256)
                        .order_by(DocumentRow.path.is_not(None), DocumentRow.id.desc())).first()
    now = utcnow()
    if row is None:
        row = DocumentRow(path=path, title=doc.title or "", format=doc.format or "", sha256=doc.sha256,
                          created_at=now, updated_at=now)
        s.add(row)
        s.flush()
    else:   # updated_at doubles as "last opened", for a recent-documents list
        row.title, row.format, row.sha256, row.updated_at = doc.title or "", doc.format or "", doc.sha256, now
    review_id = s.scalar(select(ReviewRow.id).where(ReviewRow.document_id == row.id)
                         .order_by(ReviewRow.id.desc()).limit(1))
    if review_id is None:
        review = ReviewRow(document_id=row.id, metrics={}, created_at=now, updated_at=now)
        s.add(review)
        s.flush()
        review_id = review.id
    return _record(row, review_id)


def review_id_of(s: Session, ref: ReviewRef) -> int:
    if isinstance(ref, DocumentRecord):
        return ref.review_id
    review_id = s.scalar(select(ReviewRow.id).where(ReviewRow.document_id == int(ref))
                         .order_by(ReviewRow.id.desc()).limit(1))
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


def touch(s: Session, review_id: int) -> None:
    review = s.get(ReviewRow, review_id)
    if review is not None:
        review.updated_at = utcnow()


def _record(row: DocumentRow, review_id: int) -> DocumentRecord:
    return DocumentRecord(id=row.id, path=row.path or "", title=row.title, format=row.format,
                          sha256=row.sha256, review_id=review_id)
