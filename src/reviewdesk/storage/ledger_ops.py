"""The claims ledger, the dictionaries and ignored rules, and the per-paragraph result cache."""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import timedelta
from typing import Any

from sqlalchemy import delete, insert, or_, select, update
from sqlalchemy.orm import Session

from ..core.errors import UnknownRecord
from .flag_ops import chunks
from .models import ClaimRow, DictionaryWordRow, IgnoredRuleRow, ParagraphCacheRow, utcnow
from .records import ACTIVE, CLAIM_STATUSES, OUTDATED, ClaimRecord
from .revision_ops import OVERLAP_MIN

_CLAIM_FIELDS = ("kind", "text", "start", "end", "sentence")


def sync_claims(s: Session, review_id: int, claims: Iterable[ClaimRecord]) -> None:
    """Match by claim id, or as the same claim with its words edited a little (see revision_ops.adopt):
    the finding is refreshed, the editor's status and note are kept."""
    now = utcnow()
    stored = {row.claim_id: row for row in s.scalars(select(ClaimRow).where(ClaimRow.review_id == review_id))}
    fresh: dict[str, ClaimRecord] = {}
    for claim in claims:
        fresh.setdefault(claim.id, claim)
    unseen = [row for claim_id, row in stored.items() if claim_id not in fresh and row.state == ACTIVE]
    new = [c for c in fresh.values() if c.id not in stored]
    # The claims' own words stand in for the text: both sides are already on the current one.
    renamed = _adopt_claims(unseen, new)
    for old_id, new_id in renamed.items():
        row = stored.pop(old_id)
        row.claim_id = new_id
        stored[new_id] = row
    if renamed:
        s.flush()      # the new ids are taken before any new claim row is added
    for claim in fresh.values():
        row = stored.get(claim.id)
        values = {name: getattr(claim, name) for name in _CLAIM_FIELDS}
        if row is None:
            status = claim.status if claim.status in CLAIM_STATUSES else CLAIM_STATUSES[0]
            s.add(ClaimRow(review_id=review_id, claim_id=claim.id, status=status, note=claim.note or "",
                           state=ACTIVE, updated_at=now, **values))
        elif any(getattr(row, k) != v for k, v in values.items()) or row.state != ACTIVE:
            for k, v in values.items():
                setattr(row, k, v)
            row.state, row.updated_at = ACTIVE, now
    for claim_id, row in stored.items():
        if claim_id not in fresh and row.state != OUTDATED:
            row.state, row.updated_at = OUTDATED, now


def _adopt_claims(unseen: list[ClaimRow], new: list[ClaimRecord]) -> dict[str, str]:
    from .anchors import PASSAGE_MIN, similarity
    pairs = []
    for row in unseen:
        for c in new:
            shared = min(row.end, c.end) - max(row.start, c.start)
            longest = max(row.end - row.start, c.end - c.start, 1)
            if row.kind == c.kind and shared > 0 and shared / longest >= OVERLAP_MIN:
                score = similarity(row.text, c.text)
                if score >= PASSAGE_MIN:
                    pairs.append((score, row.claim_id, c.id))
    out: dict[str, str] = {}
    for _score, old, fresh in sorted(pairs, reverse=True):
        if old not in out and fresh not in out.values():
            out[old] = fresh
    return out


def list_claims(s: Session, review_id: int) -> list[ClaimRecord]:
    rows = list(s.scalars(select(ClaimRow).where(ClaimRow.review_id == review_id)))
    rows.sort(key=lambda r: (r.state != ACTIVE, r.start, r.end, r.claim_id))
    return [_claim(r) for r in rows]


def set_claim(s: Session, review_id: int, claim_id: str, status: str | None, note: str | None,
              reviewer: str | None = None) -> ClaimRecord:
    if status is not None and status not in CLAIM_STATUSES:
        raise ValueError(f"Unknown claim status {status!r}: use {', '.join(CLAIM_STATUSES)}.")
    row = s.scalars(select(ClaimRow).where(ClaimRow.review_id == review_id,
                                           ClaimRow.claim_id == claim_id)).first()
    if row is None:
        raise UnknownRecord(f"There is no claim {claim_id} in the review of this document.")
    if status is not None:
        row.status = status
    if note is not None:
        row.note = note
    if reviewer:
        row.decided_by = reviewer
    row.updated_at = utcnow()
    return _claim(row)


def _claim(row: ClaimRow) -> ClaimRecord:
    return ClaimRecord(id=row.claim_id, kind=row.kind, text=row.text, start=row.start, end=row.end,
                       sentence=row.sentence, status=row.status, note=row.note, state=row.state,
                       decided_by=row.decided_by, updated_at=row.updated_at)


# Dictionary words and ignored rules share one shape: a value, and a document or NULL for all.
_LISTS: dict[str, tuple[Any, Any]] = {
    "word": (DictionaryWordRow, DictionaryWordRow.word),
    "rule": (IgnoredRuleRow, IgnoredRuleRow.rule),
}


def add_entry(s: Session, which: str, value: str, document_id: int | None) -> None:
    model, column = _LISTS[which]
    value = value.strip()
    if not value:
        raise ValueError(f"An empty {which} cannot be added.")
    # Checked here rather than by the unique constraint: NULL document ids never collide in SQL.
    if s.scalar(select(model.id).where(column == value, _scope(model, document_id)).limit(1)) is None:
        s.execute(insert(model).values({which: value, "document_id": document_id, "created_at": utcnow()}))


def remove_entry(s: Session, which: str, value: str, document_id: int | None) -> None:
    model, column = _LISTS[which]
    s.execute(delete(model).where(column == value.strip(), _scope(model, document_id)))


def entries(s: Session, which: str, document_id: int | None) -> set[str]:
    """Every document's entries, plus this document's when one is given."""
    model, column = _LISTS[which]
    scope = model.document_id.is_(None)
    if document_id is not None:
        scope = or_(scope, model.document_id == document_id)
    return set(s.scalars(select(column).where(scope)))


def _scope(model: Any, document_id: int | None) -> Any:
    return model.document_id.is_(None) if document_id is None else model.document_id == document_id


def cache_get(s: Session, engine: str, keys: Iterable[str]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for part in chunks(list(dict.fromkeys(keys))):
        for key, payload in s.execute(select(ParagraphCacheRow.key, ParagraphCacheRow.payload)
                                      .where(ParagraphCacheRow.engine == engine,
                                             ParagraphCacheRow.key.in_(part))):
            found[key] = payload
    return found


def cache_put(s: Session, engine: str, results: Mapping[str, Any]) -> None:
    now = utcnow()
    present = set(cache_get(s, engine, results))
    rows = [{"engine": engine, "key": k, "payload": v, "used_at": now} for k, v in results.items()]
    new = [r for r in rows if r["key"] not in present]
    old = [r for r in rows if r["key"] in present]
    if new:
        s.execute(insert(ParagraphCacheRow), new)
    if old:
        s.execute(update(ParagraphCacheRow), old)     # by primary key (engine, key)

def cache_prune(s: Session, older_than_days: float) -> int:
    cutoff = utcnow() - timedelta(days=older_than_days)
    result = s.execute(delete(ParagraphCacheRow).where(ParagraphCacheRow.used_at < cutoff))
    return int(getattr(result, "rowcount", 0) or 0)
