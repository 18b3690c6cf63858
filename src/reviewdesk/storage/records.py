"""Plain dataclasses the ReviewStore returns (no ORM object ever leaves storage), and its conflict error."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from ..core.errors import ReviewdeskError
from ..core.flags import Also

PENDING, ACCEPTED, DISMISSED = "pending", "accepted", "dismissed"
STATUSES = (PENDING, ACCEPTED, DISMISSED)
# A stored flag whose passage is gone from the current draft keeps its decision and notes.
ACTIVE, OUTDATED = "active", "outdated"

CLAIM_STATUSES = ("unchecked", "verified", "disputed", "false")


@dataclass(frozen=True)
class DocumentRecord:
    id: int
    path: str
    title: str
    format: str
    sha256: str
    review_id: int
    story: str | None = None     # the desk's story slug, when one was set


@dataclass(frozen=True)
class FlagRecord:
    """A flag as the review knows it: the finding plus its decision and note."""

    id: str                      # short id, stable across revisions (from the fingerprint)
    fingerprint: str
    check: str
    rule: str
    category: str
    severity: str                # error|warning|suggestion|info
    start: int
    end: int
    line: int
    column: int
    text: str
    message: str
    suggestions: tuple[str, ...]
    occurrences: tuple[tuple[int, int], ...]
    engines: tuple[str, ...]
    state: str                   # active|outdated
    status: str                  # pending|accepted|dismissed
    decided_by: str | None = None
    decided_at: datetime | None = None
    note: str = ""               # the most recently written note (every reviewer's are in notes)
    score: float | None = None   # e.g. a near-duplicate's similarity
    version: int = 0             # the decision's version: 0 never decided; see set_statuses
    notes: tuple["FlagNote", ...] = ()    # every reviewer's note, oldest first
    also: tuple[Also, ...] = ()  # flags merged into this finding, each with its rule and message (core/merge)


@dataclass(frozen=True)
class FlagNote:
    """One reviewer's note on a flag; several reviewers' notes stand side by side."""

    author: str
    body: str
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class Conflict:
    """A flag decided by someone else since the caller last saw it."""

    flag_id: str
    status: str                  # what it is now
    decided_by: str | None
    decided_at: datetime | None
    version: int
    wanted: str                  # what the caller asked for


class DecisionConflict(ReviewdeskError):
    """Decisions refused because another reviewer decided those flags since the caller saw them.

    Nothing of the refused call is written; repeat it with force=True to replace their decisions.
    """

    def __init__(self, conflicts: list[Conflict]) -> None:
        self.conflicts = conflicts
        first = conflicts[0]
        who = first.decided_by or "another reviewer"
        when = f" at {first.decided_at:%H:%M} UTC" if first.decided_at else ""
        more = f" (and {len(conflicts) - 1} more)" if len(conflicts) > 1 else ""
        super().__init__(f"flag {first.flag_id} was {first.status} by {who}{when} since you loaded it"
                         f"{more}; nothing was written (use --force to replace it with {first.wanted})")


@dataclass(frozen=True)
class DecisionRecord:
    flag_id: str
    status: str
    reviewer: str
    at: datetime


@dataclass(frozen=True)
class NoteRecord:
    id: int
    kind: str                    # flag|span|document
    body: str
    author: str
    created_at: datetime
    updated_at: datetime
    flag_id: str | None = None
    start: int | None = None
    end: int | None = None
    anchor_text: str = ""        # the passage a span note was written on, to find it again
    state: str = ACTIVE


@dataclass(frozen=True)
class ClaimRecord:
    id: str
    kind: str                    # date|number|person|quote|organisation
    text: str
    start: int
    end: int
    sentence: str
    status: str = "unchecked"
    note: str = ""
    state: str = ACTIVE
    decided_by: str | None = None     # who last set its status or note
    updated_at: datetime | None = None


@dataclass
class ReviewState:
    document: DocumentRecord
    flags: list[FlagRecord] = field(default_factory=list)
    notes: list[NoteRecord] = field(default_factory=list)
    claims: list[ClaimRecord] = field(default_factory=list)
