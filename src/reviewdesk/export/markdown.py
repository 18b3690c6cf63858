"""The review summary as Markdown: readable as plain text, and safe to render (draft text is escaped)."""
from __future__ import annotations

import re
from pathlib import Path

from ..core.summary import Summary
from ..storage.records import FlagRecord
from .common import (CLAIM_STATUS_LABELS, COUNT_HEADERS, GENERATOR, category_label, count_rows,
                     format_date, format_day, paragraph_label, places_text, score_rows,
                     status_sections, suggestions_text, unchecked_line)

# The marks that can open markup in the middle of a line (emphasis, code, links, raw HTML,
# entities, table cells, strike-through). Draft text never starts a line here, so line-start
# markers (#, -, 1.) need no escape; CommonMark lets a backslash escape any ASCII punctuation.
_SPECIAL = re.compile(r"([\\`*_\[\]<>&|~])")
_SPACES = re.compile(r"\s+")


def md(text: str) -> str:
    """Inline Markdown for text from the draft: one line, every markup character escaped."""
    return _SPECIAL.sub(r"\\\1", _SPACES.sub(" ", text))


def write(summary: Summary, path: Path) -> None:
    path.write_text(render(summary), encoding="utf-8", newline="\n")


def render(summary: Summary) -> str:
    doc = summary.document
    out: list[str] = [f"# Review summary: {md(doc.title or doc.file_name or 'Untitled draft')}", ""]
    meta = [f"**Draft:** {md(doc.file_name or '(unsaved)')} ({doc.words:,} words)"]
    if summary.reviewer:
        meta.append(f"**Reviewer:** {md(summary.reviewer)}")
    meta.append(f"**Date:** {format_date(summary.created_at)}")
    out += ["  \n".join(meta), "", f"> **Verdict:** {md(summary.verdict)}", ""]
    out += _document_notes(summary)
    out += _top(summary)
    out += _readability(summary)
    out += ["## Flags by category and status", "", _table(COUNT_HEADERS, [
        [md(label)] + [str(v) for v in values] for label, values in count_rows(summary)]), ""]
    if summary.outdated:
        out += [f"{summary.outdated} earlier flags refer to passages no longer in this draft.", ""]
    for status, title in status_sections(summary):
        out += _flags(summary, status, title)
    out += _claims(summary)
    out += _notes(summary)
    out += _checks(summary)
    out += [f"*Written by {GENERATOR} on {format_date(summary.created_at)}.*", ""]
    return "\n".join(out)


def _table(headers: tuple[str, ...] | list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def _readability(summary: Summary) -> list[str]:
    r = summary.readability
    out = ["## Readability", ""]
    if not r.measured:
        return out + ["Readability was not measured for this review.", ""]
    out += [f"Target grade: **{r.target_grade:g}**." + (f" {md(r.verdict)}" if r.verdict else ""), ""]
    out += [_table(("Score", "Value", "Against target"),
                   [[row.label, row.value, row.against_target or "—"] for row in score_rows(r)]), ""]
    if summary.line_items:
        out += [_table(("Line editing", "Count", "Target"),
                       [[i.label, str(i.count), f"{i.target} or fewer" + (" (over)" if i.over else "")]
                        for i in summary.line_items]), ""]
    above = [p for p in r.paragraphs if p.grade > r.target_grade]
    if r.paragraphs:
        out.append(f"Paragraphs above the target grade: {len(above)} of {len(r.paragraphs)}.")
        if above:
            worst = sorted(above, key=lambda p: -p.grade)[:10]
            out.append("Hardest: " + ", ".join(
                f"{md(paragraph_label(summary, p.start, p.end))} (grade {p.grade:.1f})" for p in worst) + ".")
        out.append("")
    return out


def _flags(summary: Summary, status: str, title: str) -> list[str]:
    groups = summary.grouped(status)
    out = [f"## {title}", ""]
    if not groups:
        return out + ["None.", ""]
    for category, flags in groups:
        out += [f"### {md(category_label(category))} ({len(flags)})", ""]
        for n, flag in enumerate(flags, start=1):
            out += _flag(summary, n, flag)
    return out


def _flag(summary: Summary, n: int, flag: FlagRecord) -> list[str]:
    p = summary.passage(flag.start, flag.end)
    before = ("…" if p.cut_before else "") + md(p.before)
    after = md(p.after) + ("…" if p.cut_after else "")
    marked = md(p.text.strip()) or md(flag.text)
    out = [f"{n}. **{md(flag.message)}** (line {flag.line}:{flag.column} · {flag.severity} · "
           f"`{flag.rule.replace('`', '')}`)", "", f"   > {before}**{marked}**{after}"]
    extra = []
    if flag.suggestions:
        extra.append(f"   *Suggestion:* {md(suggestions_text(flag))}")
    places = places_text(flag, summary)
    if places:
        extra.append(f"   *{places}*")
    if flag.note:
        note = summary.flag_notes.get(flag.id)
        who = f" ({md(note.author)})" if note and note.author else ""
        extra.append(f"   *Reviewer note{who}:* {md(flag.note)}")
    if extra:
        out += ["", "  \n".join(extra)]
    return out + [""]


def _claims(summary: Summary) -> list[str]:
    out = ["## Claims to verify", ""]
    if not summary.claims:
        return out + ["No claims were listed.", ""]
    listed = summary.listed_claims
    if listed:
        rows = [[str(i), md(c.text), md(c.kind), CLAIM_STATUS_LABELS.get(c.status, md(c.status)),
                 md(c.note) or "—", md(c.sentence)] for i, c in enumerate(listed, start=1)]
        out += [_table(("#", "Claim", "Kind", "Status", "Note", "Sentence"), rows), ""]
    return out + [unchecked_line(summary), ""] if unchecked_line(summary) else out


def _document_notes(summary: Summary) -> list[str]:
    if not summary.document_notes:
        return []
    out = ["## Notes on the draft", ""]
    out += [f"- {md(n.body)} — {md(n.author or 'reviewer')}, {format_day(n.created_at)}"
            for n in summary.document_notes]
    return out + [""]


def _top(summary: Summary) -> list[str]:
    top = summary.top
    if not top:
        return []
    out = ["## Fix first", ""]
    for n, flag in enumerate(top, start=1):
        passage = md(" ".join(summary.text[flag.start:flag.end].split())[:80])
        out.append(f"{n}. **{md(flag.message)}** — “{passage}” (line {flag.line})")
    return out + [""]


def _notes(summary: Summary) -> list[str]:
    out: list[str] = []
    if summary.span_notes:
        out += ["## Notes on passages", ""]
        for n in summary.span_notes:
            passage = summary.text[n.start or 0:n.end or 0] or n.anchor_text
            line = summary.line_of(n.start or 0)
            out += [f"- Line {line}: “{md(passage)}” — {md(n.body)} "
                    f"({md(n.author or 'reviewer')}, {format_day(n.created_at)})"]
        out.append("")
    return out


def _checks(summary: Summary) -> list[str]:
    if not summary.checks:
        return []
    rows = [[md(c.name or c.id), md(c.engine), md(c.status), str(c.count), f"{c.seconds:.1f}",
             md(c.message) or "—"] for c in summary.checks]
    return ["## Checks run", "",
            _table(("Check", "Engine", "Status", "Flags", "Seconds", "Message"), rows), ""]
