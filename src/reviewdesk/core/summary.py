"""The review Summary every export format renders: one snapshot of a draft's review, built from the store."""
from __future__ import annotations

import bisect
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Iterable

from ..storage.records import (ACCEPTED, ACTIVE, DISMISSED, PENDING, STATUSES, ClaimRecord,
                               FlagRecord, NoteRecord)
from .document import Block, Document
from .engine import CheckStatus
from .flags import Span
from .layers import is_line_editing
from .line_editing import LineItem, line_editing_summary
from .merge import is_layered, merge_records
from .ranking import ranked_flags

TOP_FINDINGS = 5         # how many accepted findings a summary leads with

# Grade-scale scores, in the order a report lists them. Anything else in the metrics is shown after.
GRADE_SCORES = ("grade", "flesch_kincaid_grade", "gunning_fog", "smog_index", "coleman_liau_index",
                "automated_readability_index")
SCORE_LABELS = {
    "grade": "Consensus grade (median)",
    "flesch_kincaid_grade": "Flesch–Kincaid grade",
    "gunning_fog": "Gunning fog",
    "smog_index": "SMOG",
    "coleman_liau_index": "Coleman–Liau",
    "automated_readability_index": "Automated readability index",
    "flesch_reading_ease": "Flesch reading ease (higher is easier)",
    "dale_chall": "Dale–Chall (under 7 is easy)",
    "words": "Words in body text",
    "sentences": "Sentences in body text",
    "paragraphs": "Body paragraphs",
    "reading_time_minutes": "Reading time (minutes)",
}
CONTEXT_CHARS = 160      # how much of a long sentence to show on each side of a flagged passage


@dataclass(frozen=True)
class DocumentInfo:
    path: str
    title: str
    format: str
    words: int
    sha256: str

    @property
    def file_name(self) -> str:
        return os.path.basename(self.path) if self.path else ""


@dataclass(frozen=True)
class ParagraphGrade:
    number: int          # 1-based, counting body paragraphs only (headings have no grade)
    start: int
    end: int
    words: int
    grade: float


@dataclass(frozen=True)
class Readability:
    scores: dict[str, float] = field(default_factory=dict)
    target_grade: float = 9.0
    paragraphs: tuple[ParagraphGrade, ...] = ()
    verdict: str = ""

    @property
    def measured(self) -> bool:
        return bool(self.scores)

    @property
    def grade(self) -> float | None:
        for key in GRADE_SCORES:
            if isinstance(self.scores.get(key), (int, float)):
                return float(self.scores[key])
        return None


@dataclass(frozen=True)
class Passage:
    """A flagged passage with the words around it (its sentence, trimmed when very long)."""

    before: str
    text: str
    after: str
    cut_before: bool = False
    cut_after: bool = False


@dataclass
class Summary:
    document: DocumentInfo
    reviewer: str
    created_at: datetime                      # UTC
    verdict: str                              # one line; verdict_level says how good: ready|light|revise
    readability: Readability
    counts: dict[str, dict[str, int]]         # category -> status -> n (active flags)
    flags: list[FlagRecord]                   # accepted, plus dismissed/pending when asked for
    claims: list[ClaimRecord] = field(default_factory=list)
    document_notes: list[NoteRecord] = field(default_factory=list)
    span_notes: list[NoteRecord] = field(default_factory=list)
    flag_notes: dict[str, NoteRecord] = field(default_factory=dict)   # flag id -> its note
    checks: list[CheckStatus] = field(default_factory=list)
    text: str = ""
    blocks: tuple[Block, ...] = ()
    sentences: tuple[Span, ...] = ()
    include_dismissed: bool = False
    include_pending: bool = False
    outdated: int = 0                          # flags whose passage has gone from this draft
    verdict_level: str = ""
    line_editing: bool = False                 # pending line-editing flags counted and listed
    line_items: list[LineItem] = field(default_factory=list)   # that advice as counts vs targets
    include_unchecked_claims: bool = False     # list claims nobody checked (otherwise only counted)

    def __post_init__(self) -> None:
        self._sentence_starts = [s.start for s in self.sentences]
        self._block_starts = [b.start for b in self.blocks]
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", self.text)]

    @property
    def top(self) -> list[FlagRecord]:
        """The accepted findings a summary leads with, most important first (core/ranking.py)."""
        return ranked_flags(self.flags_with(ACCEPTED))[:TOP_FINDINGS]

    @property
    def listed_claims(self) -> list[ClaimRecord]:
        """Claims a report lists: those checked or noted, or every one when asked for."""
        if self.include_unchecked_claims:
            return list(self.claims)
        return [c for c in self.claims if c.status != "unchecked" or c.note]

    @property
    def unchecked_claims(self) -> int:
        return sum(1 for c in self.claims if c.status == "unchecked" and not c.note)

    @property
    def by_category(self) -> dict[str, int]:
        return {cat: sum(per.values()) for cat, per in self.counts.items()}

    @property
    def by_status(self) -> dict[str, int]:
        totals = dict.fromkeys(STATUSES, 0)
        for per in self.counts.values():
            for status, n in per.items():
                totals[status] = totals.get(status, 0) + n
        return totals

    def flags_with(self, status: str) -> list[FlagRecord]:
        return [f for f in self.flags if f.status == status]

    def grouped(self, status: str = ACCEPTED) -> list[tuple[str, list[FlagRecord]]]:
        """Flags of one status by category: the biggest category first, then by name."""
        groups: dict[str, list[FlagRecord]] = {}
        for flag in self.flags_with(status):
            groups.setdefault(flag.category, []).append(flag)
        return sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))

    def passage(self, start: int, end: int) -> Passage:
        """The passage [start, end) inside its sentence, cut to CONTEXT_CHARS a side at word breaks."""
        text = self.text
        if not text or not 0 <= start <= end <= len(text):
            return Passage("", text[start:end] if text else "", "")
        lo, hi = self._sentence_bounds(start, end)
        cut_before = start - lo > CONTEXT_CHARS
        if cut_before:
            lo = _word_break(text, start - CONTEXT_CHARS, forward=True)
        cut_after = hi - end > CONTEXT_CHARS
        if cut_after:
            hi = _word_break(text, end + CONTEXT_CHARS, forward=False)
        return Passage(text[lo:start], text[start:end], text[end:hi], cut_before, cut_after)

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self._line_starts, offset)

    def block_index(self, offset: int) -> int | None:
        i = bisect.bisect_right(self._block_starts, offset) - 1
        if i >= 0 and offset <= self.blocks[i].end:
            return i
        return None

    def _sentence_bounds(self, start: int, end: int) -> tuple[int, int]:
        if self.sentences:
            i = max(0, bisect.bisect_right(self._sentence_starts, start) - 1)
            j = max(i, bisect.bisect_right(self._sentence_starts, max(start, end - 1)) - 1)
            lo, hi = self.sentences[i].start, self.sentences[j].end
            if lo <= start and end <= hi:
                return lo, hi
        # No sentence model (a Summary built by hand): the nearest line breaks will do.
        lo = self.text.rfind("\n", 0, start) + 1
        hi = self.text.find("\n", end)
        return lo, len(self.text) if hi < 0 else hi


def _word_break(text: str, at: int, *, forward: bool) -> int:
    """The nearest start of a word after `at` (forward) or end of a word before it (backward)."""
    at = max(1, min(len(text) - 1, at))
    for step in range(30):                  # a word longer than 30 letters is cut where it is
        probe = at + step if forward else at - step
        if not 0 < probe < len(text):
            break
        before, here = text[probe - 1].isspace(), text[probe].isspace()
        if (forward and before and not here) or (not forward and here and not before):
            return probe
    return at


def initials(name: str) -> str:
    """'Олена Коваленко' -> 'ОК'; 'mary-jane o'neil' -> 'MO'; at most three letters."""
    letters = [part[0].upper() for part in name.replace("-", " ").split() if part[:1].isalpha()]
    return "".join(letters[:3]) if letters else (name[:2].upper() if name else "")


def build_summary(store: Any, record: Any, doc: Document, *, reviewer: str = "",
                  include_dismissed: bool = False, checks: list | None = None,
                  include_pending: bool = False, now: datetime | None = None,
                  line_editing: bool = False, include_unchecked_claims: bool = False) -> Summary:
    """Snapshot a document's review from the ReviewStore into a Summary (one read transaction each)."""
    state = store.state(record)
    metrics = store.metrics(record) or {}
    if checks is None:
        checks = [_check_status(c) for c in metrics.get("checks", []) if isinstance(c, dict)]
    return summary_from_parts(
        doc, state.flags, state.notes, state.claims, metrics, reviewer=reviewer,
        include_dismissed=include_dismissed, include_pending=include_pending, checks=checks,
        path=getattr(state.document, "path", "") or doc.path or "", now=now,
        line_editing=line_editing, include_unchecked_claims=include_unchecked_claims)


def summary_from_parts(doc: Document, flags: Iterable[FlagRecord], notes: Iterable[NoteRecord],
                       claims: Iterable[ClaimRecord], metrics: dict[str, Any], *,
                       reviewer: str = "", include_dismissed: bool = False,
                       include_pending: bool = False, checks: list | None = None, path: str = "",
                       now: datetime | None = None, line_editing: bool = False,
                       include_unchecked_claims: bool = False) -> Summary:
    """The same Summary from plain records: what build_summary reads, for callers without a store.

    Without `line_editing`, pending line-editing advice is left out of the counts and lists (it is
    summarised in `line_items`); line-editing flags the editor decided on always count.
    """
    # One finding per problem (core/merge.py): what several checks said of the same words.
    flags = [f for f in merge_records(list(flags))
             if line_editing or f.status != PENDING or not is_layered(f)]
    active = [f for f in flags if f.state == ACTIVE]
    counts: dict[str, dict[str, int]] = {}
    for f in active:
        per = counts.setdefault(f.category, dict.fromkeys(STATUSES, 0))
        per[f.status] = per.get(f.status, 0) + 1
    wanted = {ACCEPTED} | ({DISMISSED} if include_dismissed else set()) | (
        {PENDING} if include_pending else set())
    shown = sorted((f for f in active if f.status in wanted), key=lambda f: (f.start, f.end, f.id))
    notes = [n for n in notes if n.state == ACTIVE]
    readability = readability_from_metrics(metrics.get("readability") or {})
    if not reviewer:
        # Whoever made most of the decisions is the reviewer the report speaks for.
        deciders = Counter(f.decided_by for f in active if f.status != PENDING and f.decided_by)
        reviewer = deciders.most_common(1)[0][0] if deciders else ""
    claims = [c for c in claims if c.state == ACTIVE]
    summary = Summary(
        document=DocumentInfo(path or doc.path or "", doc.title, doc.format, doc.word_count,
                              doc.sha256),
        reviewer=reviewer,
        created_at=(now or datetime.now(timezone.utc)).astimezone(timezone.utc),
        verdict="",
        readability=readability,
        counts=dict(sorted(counts.items())),
        flags=shown,
        claims=sorted(claims, key=lambda c: (c.start, c.end)),
        document_notes=[n for n in notes if n.kind == "document"],
        span_notes=sorted((n for n in notes if n.kind == "span"), key=lambda n: (n.start or 0)),
        flag_notes={n.flag_id: n for n in notes if n.kind == "flag" and n.flag_id},
        checks=list(checks or []),
        text=doc.text, blocks=doc.blocks, sentences=doc.sentences,
        include_dismissed=include_dismissed, include_pending=include_pending,
        outdated=sum(1 for f in flags if f.state != ACTIVE),
        line_editing=line_editing,
        line_items=line_editing_summary(metrics),
        include_unchecked_claims=include_unchecked_claims,
    )
    summary.verdict_level, summary.verdict = assess(summary)
    return summary


def readability_from_metrics(values: dict[str, Any]) -> Readability:
    """The readability check's metrics ({scores, target_grade, paragraphs, verdict}) as a Readability."""
    scores = {k: float(v) for k, v in (values.get("scores") or {}).items()
              if isinstance(v, (int, float)) and not isinstance(v, bool)}
    paragraphs = []
    for i, p in enumerate(values.get("paragraphs") or [], start=1):
        if isinstance(p, dict) and isinstance(p.get("grade"), (int, float)):
            paragraphs.append(ParagraphGrade(i, int(p.get("start", 0)), int(p.get("end", 0)),
                                             int(p.get("words", 0)), float(p["grade"])))
    target = values.get("target_grade")
    return Readability(scores, float(target) if isinstance(target, (int, float)) else 9.0,
                       tuple(paragraphs), str(values.get("verdict") or ""))


READY, LIGHT, REVISE = "ready", "light", "revise"


def assess(summary: Summary) -> tuple[str, str]:
    """(level, line): one sentence an editor can put at the top of an email, and how good it is."""
    by_status = summary.by_status
    accepted, pending = by_status.get(ACCEPTED, 0), by_status.get(PENDING, 0)
    grade = summary.readability.grade
    target = summary.readability.target_grade
    bad_claims = sum(1 for c in summary.claims if c.status in ("disputed", "false"))
    words = max(1, summary.document.words)
    per_k = accepted * 1000 / words
    if accepted == 0 and bad_claims == 0 and (grade is None or grade <= target):
        level, head = READY, "Ready to publish"
    elif bad_claims or per_k > 10 or (grade is not None and grade > target + 3):
        level, head = REVISE, "Needs revision"
    else:
        level, head = LIGHT, "Ready after light edits"
    parts = [f"{accepted} accepted {'flag' if accepted == 1 else 'flags'}"]
    top = Counter({cat: per.get(ACCEPTED, 0) for cat, per in summary.counts.items()}).most_common(2)
    top = [f"{n} {cat}" for cat, n in top if n]
    if top:
        parts[0] += f" ({', '.join(top)})"
    if bad_claims:
        parts.append(f"{bad_claims} {'claim' if bad_claims == 1 else 'claims'} disputed or false")
    if grade is not None:
        side = "above" if grade > target else "within"
        parts.append(f"grade {grade:.1f}, {side} the target of {target:g}")
    line = f"{head}: {'; '.join(parts)}."
    if pending:
        line += f" {pending} {'flag is' if pending == 1 else 'flags are'} still pending."
    return level, line


def _check_status(values: dict[str, Any]) -> CheckStatus:
    return CheckStatus(id=str(values.get("id", "")), name=str(values.get("name", "")),
                       engine=str(values.get("engine", "")), status=str(values.get("status", "")),
                       message=str(values.get("message", "")),
                       seconds=float(values.get("seconds", 0.0) or 0.0),
                       count=int(values.get("count", 0) or 0))
