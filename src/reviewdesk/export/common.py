"""Wording and numbers shared by the export formats, so every format says the same thing the same way."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

from .. import __version__
from ..core.summary import GRADE_SCORES, SCORE_LABELS, Readability, Summary
from ..storage.records import ACCEPTED, DISMISSED, PENDING, STATUSES, FlagRecord

STATUS_LABELS = {ACCEPTED: "Accepted", DISMISSED: "Dismissed", PENDING: "Pending"}
CLAIM_STATUS_LABELS = {"unchecked": "Unchecked", "verified": "Verified", "disputed": "Disputed",
                       "false": "False"}
GENERATOR = f"ReviewDesk {__version__}"


def category_label(category: str) -> str:
    return category.replace("_", " ").replace("-", " ").capitalize() or "Other"


def format_date(moment: datetime) -> str:
    """'25 November 2025, 19:20 UTC': unambiguous for readers on both sides of the Atlantic."""
    moment = moment.astimezone(timezone.utc) if moment.tzinfo else moment
    return f"{moment.day} {moment:%B %Y, %H:%M} UTC"


def format_day(moment: datetime | None) -> str:
    return f"{moment.day} {moment:%b %Y}" if moment else ""


def iso(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    if moment.tzinfo is None:          # the store keeps naive UTC
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc).isoformat().replace("+00:00", "Z")


def number(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


@dataclass(frozen=True)
class ScoreRow:
    key: str
    label: str
    value: str
    against_target: str          # "" for scores that are not grades
    above: bool = False


def score_rows(readability: Readability) -> list[ScoreRow]:
    """The readability table: grade scores first, each said against the target grade."""
    target = readability.target_grade
    keys = [k for k in GRADE_SCORES if k in readability.scores]
    keys += [k for k in SCORE_LABELS if k in readability.scores and k not in keys]
    keys += sorted(k for k in readability.scores if k not in keys)
    rows = []
    for key in keys:
        value = readability.scores[key]
        label = SCORE_LABELS.get(key, key.replace("_", " ").capitalize())
        if key in GRADE_SCORES:
            gap = value - target
            if gap > 0.05:
                verdict, above = f"{gap:.1f} above target", True
            else:
                verdict, above = "within target", False
            rows.append(ScoreRow(key, label, f"{value:.1f}", verdict, above))
        else:
            rows.append(ScoreRow(key, label, number(value), ""))
    return rows


def count_rows(summary: Summary) -> list[tuple[str, list[int]]]:
    """(category label, [accepted, dismissed, pending, total]) rows, plus a total row at the end."""
    rows = []
    totals = [0, 0, 0, 0]
    for category, per in sorted(summary.counts.items(), key=lambda kv: (-sum(kv[1].values()), kv[0])):
        values = [per.get(ACCEPTED, 0), per.get(DISMISSED, 0), per.get(PENDING, 0)]
        values.append(sum(values))
        totals = [a + b for a, b in zip(totals, values)]
        rows.append((category_label(category), values))
    rows.append(("All categories", totals))
    return rows


COUNT_HEADERS = ("Category", "Accepted", "Dismissed", "Pending", "Total")


def suggestions_text(flag: FlagRecord, limit: int = 5) -> str:
    shown = [s for s in flag.suggestions[:limit] if s.strip()]
    text = " · ".join(shown)
    if len(flag.suggestions) > limit:
        text += f" (and {len(flag.suggestions) - limit} more)"
    return text


def places_text(flag: FlagRecord, summary: Summary, limit: int = 12) -> str:
    """'8 places, on lines 3, 9, 14…' for a multi-place finding; '' for a single passage."""
    if len(flag.occurrences) <= 1:
        return ""
    lines: list[int] = []
    for start, _ in flag.occurrences:
        line = summary.line_of(start)
        if line not in lines:
            lines.append(line)
    shown = ", ".join(str(n) for n in lines[:limit]) + ("…" if len(lines) > limit else "")
    where = f"line {shown}" if len(lines) == 1 else f"lines {shown}"
    return f"{len(flag.occurrences)} places, on {where}"


# Findings about two forms of one word or name: a comment belongs on the form to change.
VARIANT_RULES = ("consistency.spelling", "grammar.name-variant", "consistency.hyphenation",
                 "consistency.capitalisation")


def anchor_place(flag: FlagRecord, summary: Summary) -> tuple[int, int]:
    """Where a finding's one comment goes: its first place, or for two forms of one word the first
    place of the form used least (the one the writer should change)."""
    places = list(flag.occurrences or ((flag.start, flag.end),))
    if len(places) == 1 or not any(flag.rule == r or flag.rule.startswith(r + ".") for r in VARIANT_RULES):
        return places[0]
    forms: dict[str, list[tuple[int, int]]] = {}
    for start, end in places:
        forms.setdefault(summary.text[start:end], []).append((start, end))
    if len(forms) < 2:
        return places[0]
    fewest = min(forms.values(), key=lambda spots: (len(spots), -spots[0][0]))
    return fewest[0]


def paragraph_label(summary: Summary, start: int, end: int, words: int = 6) -> str:
    """A paragraph as the writer can find it: its first words in quotes ("“Russian forces have…”")."""
    first = summary.text[start:end].split()
    shown = " ".join(first[:words]) + ("\u2026" if len(first) > words else "")
    return f"\u201c{shown}\u201d"


def unchecked_line(summary: Summary) -> str:
    """'24 more claims are not yet checked (export with --all-claims to list them).'"""
    n = summary.unchecked_claims
    if not n or summary.include_unchecked_claims:
        return ""
    more = "more " if summary.listed_claims else ""
    return (f"{n} {more}{'claim is' if n == 1 else 'claims are'} not yet checked "
            "(listed when the export includes unchecked claims).")


def flag_heading(flag: FlagRecord) -> str:
    return f"Line {flag.line}:{flag.column} · {flag.severity} · {flag.rule}"


def status_sections(summary: Summary) -> list[tuple[str, str]]:
    """(status, title) for each flag section a report shows, accepted first."""
    sections = [(ACCEPTED, "Accepted flags")]
    if summary.include_pending:
        sections.append((PENDING, "Pending flags (not yet decided)"))
    if summary.include_dismissed:
        sections.append((DISMISSED, "Dismissed flags"))
    return sections


def subtitle(summary: Summary) -> str:
    doc = summary.document
    bits = [doc.file_name or "(unsaved draft)", f"{doc.words:,} words"]
    if summary.reviewer:
        bits.append(f"reviewed by {summary.reviewer}")
    bits.append(format_date(summary.created_at))
    return " · ".join(bits)


__all__ = ["STATUSES", "STATUS_LABELS", "CLAIM_STATUS_LABELS", "GENERATOR", "COUNT_HEADERS",
           "ScoreRow", "score_rows", "count_rows", "category_label", "format_date", "format_day",
           "iso", "number", "suggestions_text", "places_text", "flag_heading", "status_sections",
           "subtitle", "anchor_place", "paragraph_label", "VARIANT_RULES", "unchecked_line"]
