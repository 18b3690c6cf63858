"""Revisions of a review: recording each text it sees, and moving every flag, note and claim onto the new text.

Every stored offset of a review points into one text, its anchor revision. When a new text
arrives, each passage is mapped through a diff of the two (see anchors); one that cannot be found
again becomes outdated and keeps its decision and notes. Checks that run afterwards then match
their findings to the moved flags (see adopt).
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from ..core.document import Document
from .anchors import PASSAGE_MIN, Found, TextMap, similarity
from .models import ClaimRow, FlagRow, NoteRow, ReviewRow, RevisionRow, utcnow
from .records import ACTIVE, OUTDATED

# A new finding takes over a moved flag when their spans share at least this much of the longer.
OVERLAP_MIN = 0.5


def lock_review(s: Session, review_id: int) -> ReviewRow:
    """The review row, locked until the transaction ends (PostgreSQL; SQLite writers are serial)."""
    query = select(ReviewRow).where(ReviewRow.id == review_id).execution_options(populate_existing=True)
    if s.get_bind().dialect.name != "sqlite":
        query = query.with_for_update()
    row = s.scalars(query).one()
    return row


def ensure_anchored(s: Session, review_id: int, doc: Document) -> bool:
    """Make `doc` the text the review's offsets point into, moving them there if it is new.

    False when the review has offsets into a text it never kept (made before revisions were)."""
    review = lock_review(s, review_id)
    if review.anchor_sha == doc.sha256:
        return True
    old_text = None
    if review.anchor_sha is not None:
        old_text = s.scalar(select(RevisionRow.text).where(RevisionRow.review_id == review_id,
                                                           RevisionRow.sha256 == review.anchor_sha))
    if old_text is not None and old_text != doc.text:
        reanchor(s, review_id, TextMap(old_text, doc.text), doc)
    record_revision(s, review_id, doc, review.anchor_sha)
    known = old_text is not None or not _has_passages(s, review_id)
    review.anchor_sha = doc.sha256
    return known


def _has_passages(s: Session, review_id: int) -> bool:
    return s.scalar(select(FlagRow.id).where(FlagRow.review_id == review_id).limit(1)) is not None or \
        s.scalar(select(NoteRow.id).where(NoteRow.review_id == review_id).limit(1)) is not None


def record_revision(s: Session, review_id: int, doc: Document, parent: str | None) -> None:
    exists = s.scalar(select(RevisionRow.id).where(RevisionRow.review_id == review_id,
                                                   RevisionRow.sha256 == doc.sha256))
    if exists is None:
        s.add(RevisionRow(review_id=review_id, sha256=doc.sha256, parent_sha256=parent, text=doc.text,
                          created_at=utcnow()))
        s.flush()


def reanchor(s: Session, review_id: int, mapping: TextMap, doc: Document) -> None:
    now = utcnow()
    _move_flags(s, review_id, mapping, doc, now)
    _move_notes(s, review_id, mapping, now)
    _move_claims(s, review_id, mapping, now)


def _move_flags(s: Session, review_id: int, mapping: TextMap, doc: Document, now: Any) -> None:
    table = FlagRow.__table__
    moved: list[dict[str, Any]] = []
    for pk, start, end, places in s.execute(
            select(FlagRow.id, FlagRow.start, FlagRow.end, FlagRow.occurrences)
            .where(FlagRow.review_id == review_id, FlagRow.state == ACTIVE)):
        found = mapping.find(start, end)
        if found is None:
            moved.append({"row_id": pk, "state": OUTDATED, "updated_at": now})
            continue
        new_places = []
        for a, b in _decoded(places) or [[start, end]]:
            if (a, b) == (start, end):
                new_places.append([found.start, found.end])
                continue
            other = mapping.find(a, b)
            if other is not None:
                new_places.append([other.start, other.end])
        line, col = doc.line_col(found.start)
        moved.append({"row_id": pk, "start_offset": found.start, "end_offset": found.end, "line": line,
                      "col": col, "text": doc.text[found.start:found.end],
                      "occurrences": sorted(new_places), "state": ACTIVE, "updated_at": now})
    # Two shapes of update (outdated, moved): executemany needs one shape per statement.
    lost = [m for m in moved if "text" not in m]
    for batch in (lost, [m for m in moved if "text" in m]):
        if batch:
            columns = {k: bindparam(k) for k in batch[0] if k != "row_id"}
            s.execute(table.update().where(table.c.id == bindparam("row_id")).values(columns), batch)


def _decoded(value: Any) -> list[list[int]]:
    if isinstance(value, str):
        import json
        return json.loads(value)
    return list(value or [])


def _move_notes(s: Session, review_id: int, mapping: TextMap, now: Any) -> None:
    for row in s.scalars(select(NoteRow).where(NoteRow.review_id == review_id, NoteRow.kind == "span")):
        if row.start is None or row.end is None:
            continue
        found = mapping.find(row.start, row.end) if row.state == ACTIVE else None
        if found is None and row.anchor_text and row.state != ACTIVE:
            # An outdated note comes back when its exact passage is in the text again.
            at = nearest(mapping.new, row.anchor_text, row.start)
            found = None if at is None else Found(at, at + len(row.anchor_text), True)
        if found is None:
            if row.state != OUTDATED:
                row.state, row.updated_at = OUTDATED, now
            continue
        row.start, row.end, row.state, row.updated_at = found.start, found.end, ACTIVE, now
        row.anchor_text = mapping.new[found.start:found.end]


def _move_claims(s: Session, review_id: int, mapping: TextMap, now: Any) -> None:
    for row in s.scalars(select(ClaimRow).where(ClaimRow.review_id == review_id, ClaimRow.state == ACTIVE)):
        found = mapping.find(row.start, row.end)
        if found is None:
            row.state, row.updated_at = OUTDATED, now
        else:
            row.start, row.end = found.start, found.end
            row.text = " ".join(mapping.new[found.start:found.end].split())


def nearest(text: str, anchor: str, near: int) -> int | None:
    best: int | None = None
    at = text.find(anchor)
    while at != -1:
        if best is None or abs(at - near) < abs(best - near):
            best = at
        elif at > near:
            break     # later places only get further away
        at = text.find(anchor, at + 1)
    return best


def adopt(olds: Sequence[tuple[Any, str, Sequence[tuple[int, int]]]],
          news: Sequence[tuple[Any, str, Sequence[tuple[int, int]]]], text: str) -> dict[Any, Any]:
    """Old item -> new item for findings that are the same one with its words edited a little.

    Each item is (key, kind, places), old ones already moved onto `text`. A pair must be of the
    same kind (rule) and have a place of each overlap by OVERLAP_MIN and read alike (PASSAGE_MIN);
    each old and each new item is used once, the closest pairs first.
    """
    if not olds or not news:
        return {}
    by_kind: dict[str, list[tuple[Any, str, Sequence[tuple[int, int]]]]] = {}
    for item in news:
        by_kind.setdefault(item[1], []).append(item)
    pairs: list[tuple[float, Any, Any]] = []
    for key, kind, places in olds:
        for nkey, _nkind, nplaces in by_kind.get(kind, ()):
            best = 0.0
            for start, end in places:
                for nstart, nend in nplaces:
                    shared = min(end, nend) - max(start, nstart)
                    longest = max(end - start, nend - nstart, 1)
                    if shared <= 0 or shared / longest < OVERLAP_MIN:
                        continue
                    score = similarity(text[start:end], text[nstart:nend])
                    if score >= PASSAGE_MIN:
                        best = max(best, score + shared / longest)
            if best:
                pairs.append((best, key, nkey))
    pairs.sort(key=lambda p: -p[0])
    out: dict[Any, Any] = {}
    used: set[Any] = set()
    for _score, key, nkey in pairs:
        if key not in out and nkey not in used:
            out[key] = nkey
            used.add(nkey)
    return out
