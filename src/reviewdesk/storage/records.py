"""Plain dataclasses the ReviewStore returns: no ORM object ever leaves storage."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

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
    note: str = ""
    score: float | None = None   # e.g. a near-duplicate's similarity


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


@dataclass
class ReviewState:
    document: DocumentRecord
    flags: list[FlagRecord] = field(default_factory=list)
    notes: list[NoteRecord] = field(default_factory=list)
    claims: list[ClaimRecord] = field(default_factory=list)
