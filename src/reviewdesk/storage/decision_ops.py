"""Decisions on flags by a team: versioned writes that refuse to overwrite another reviewer unseen, history, and what changed since."""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from .flag_ops import chunks, flag_pks, list_flags
from .models import DecisionRow, FlagRow, NoteRow
from .models import utcnow
from .records import PENDING, STATUSES, Conflict, DecisionConflict, DecisionRecord, FlagRecord
from .revision_ops import lock_review


def set_statuses(s: Session, review_id: int, flag_ids: Sequence[str], status: str, reviewer: str,
                 expected: Mapping[str, int] | None = None, force: bool = False) -> list[FlagRecord]:
    """Decide flags, all or none.

    `expected` maps flag ids to the version the caller last saw: a flag decided since then by
    someone else is a conflict. Without `expected`, a flag another reviewer already decided
    otherwise is one. Conflicts raise DecisionConflict (nothing written) unless `force`.
    """
    if status not in STATUSES:
        raise ValueError(f"Unknown status {status!r}: use pending, accepted or dismissed.")
    pks = flag_pks(s, review_id, flag_ids)
    # The review row is the lock every decision of this review takes: versions come from its
    # counter, so two reviewers deciding at once are put in order, never lost.
    review = lock_review(s, review_id)
    current: dict[int, tuple[str, str, str | None, datetime | None, int]] = {}
    for part in chunks(list(pks.values())):
        for pk, sid, st, who, at, version in s.execute(
                select(FlagRow.id, FlagRow.short_id, FlagRow.status, FlagRow.decided_by,
                       FlagRow.decided_at, FlagRow.version).where(FlagRow.id.in_(part))):
            current[pk] = (sid, st, who, at, version or 0)
    if not force:
        conflicts = [Conflict(sid, st, who, at, version, status)
                     for sid, st, who, at, version in (current[pks[f]] for f in dict.fromkeys(flag_ids))
                     if _conflicts(st, who, version, status, reviewer,
                                   None if expected is None else expected.get(sid))]
        if conflicts:
            raise DecisionConflict(conflicts)
    changed = [pk for pk, (_sid, st, *_rest) in current.items() if st != status]
    if changed:
        now = utcnow()
        review.decision_seq = (review.decision_seq or 0) + 1
        decided_by, decided_at = (None, None) if status == PENDING else (reviewer, now)
        for part in chunks(changed):
            s.execute(update(FlagRow).where(FlagRow.id.in_(part))
                      .values(status=status, decided_by=decided_by, decided_at=decided_at,
                              version=review.decision_seq, updated_at=now))
        s.execute(insert(DecisionRow), [{"flag_id": pk, "status": status, "reviewer": reviewer, "at": now}
                                        for pk in changed])
    records = {rec.id: rec for rec in list_flags(s, review_id, pks=list(pks.values()))}
    return [records[flag_id] for flag_id in dict.fromkeys(flag_ids)]


def _conflicts(status: str, decided_by: str | None, version: int, wanted: str, reviewer: str,
               seen: int | None) -> bool:
    if status == wanted:
        return False            # the same decision: nothing is overwritten
    if seen is not None:
        return version > seen and decided_by != reviewer and version > 0
    # No version given (a command line naming ids it read earlier): someone else's decision stands.
    return status != PENDING and decided_by is not None and decided_by != reviewer


def history(s: Session, review_id: int, flag_id: str) -> list[DecisionRecord]:
    pk = flag_pks(s, review_id, [flag_id])[flag_id]
    rows = s.execute(select(DecisionRow.status, DecisionRow.reviewer, DecisionRow.at)
                     .where(DecisionRow.flag_id == pk).order_by(DecisionRow.at, DecisionRow.id))
    return [DecisionRecord(flag_id=flag_id, status=st, reviewer=who, at=at) for st, who, at in rows]


def versions(s: Session, review_id: int) -> dict[str, int]:
    """Short id -> version of every flag ever decided (a window's starting point)."""
    return dict(s.execute(select(FlagRow.short_id, FlagRow.version)
                          .where(FlagRow.review_id == review_id, FlagRow.version > 0)).all())


def changes_since(s: Session, review_id: int, seq: int, notes_after: datetime | None) -> dict[str, Any]:
    """Decisions made after decision_seq `seq`, and flags whose notes changed after `notes_after`.

    Cheap enough to ask every few seconds: one indexed query on (review_id, version), one on notes.
    """
    from .models import ReviewRow

    now_seq = s.scalar(select(ReviewRow.decision_seq).where(ReviewRow.id == review_id)) or 0
    pks: list[int] = []
    if now_seq > seq:
        pks = list(s.scalars(select(FlagRow.id).where(FlagRow.review_id == review_id, FlagRow.version > seq)))
    if notes_after is not None:
        pks += list(s.scalars(select(NoteRow.flag_id).where(
            NoteRow.review_id == review_id, NoteRow.kind == "flag", NoteRow.updated_at > notes_after)))
    latest = s.scalar(select(NoteRow.updated_at).where(NoteRow.review_id == review_id)
                      .order_by(NoteRow.updated_at.desc()).limit(1))
    flags = list_flags(s, review_id, pks=list(dict.fromkeys(pks))) if pks else []
    return {"seq": now_seq, "flags": flags, "notes_at": latest or notes_after}
