"""How `reviewdesk check` prints: plain text for people and grep, Markdown, and JSON records."""
from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from ..core.document import Document
from ..core.highlights import highlights
from ..core.merge import other_voices
from ..core.line_editing import line_editing_summary, summary_line

_EXCERPT = 70


def flag_json(f: Any) -> dict:
    return {
        "id": f.id, "fingerprint": f.fingerprint, "check": f.check, "rule": f.rule,
        "category": f.category, "severity": f.severity, "start": f.start, "end": f.end,
        "line": f.line, "column": f.column, "text": f.text, "message": f.message,
        "suggestions": list(f.suggestions),
        "occurrences": [{"start": s, "end": e} for s, e in (f.occurrences or ((f.start, f.end),))],
        "engines": list(f.engines), "status": f.status, "note": f.note, "state": f.state,
        # Who decided and when, and every reviewer's note: a team reads one review.
        "decided_by": getattr(f, "decided_by", None),
        "decided_at": _when(getattr(f, "decided_at", None)),
        "version": getattr(f, "version", 0),
        # The other checks' flags merged into this finding (core/merge.py): deciding it decides them.
        "also": [a.as_dict() for a in getattr(f, "also", ())],
        "notes": [{"author": n.author, "body": n.body, "created_at": _when(n.created_at),
                   "updated_at": _when(n.updated_at)} for n in getattr(f, "notes", ())],
    }


def _when(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def excerpt(text: str, limit: int = _EXCERPT) -> str:
    one_line = " ".join(text.split())
    return one_line if len(one_line) <= limit else one_line[: limit - 1] + "\u2026"


def _counts(flags: list[Any]) -> str:
    by_cat = Counter(f.category for f in flags)
    return ", ".join(f"{n} {cat}" for cat, n in by_cat.most_common())


def _readability_line(metrics: dict) -> str:
    r = metrics.get("readability", {})
    return r.get("verdict", "") if r else ""


def _line_editing_line(metrics: dict, line_editing: bool) -> str:
    """The counts against targets, when the line-editing flags themselves are not listed."""
    if line_editing:
        return ""
    line = summary_line(line_editing_summary(metrics))
    return f"{line} (--line-editing lists them)" if line and "over target" in line else line


def render_text(doc: Document, shown_path: str, flags: list[Any], checks: list[dict],
                metrics: dict, line_editing: bool = False) -> str:
    lines = [f"{shown_path}: \u201c{excerpt(doc.title, 60)}\u201d, {doc.word_count:,} words"]
    verdict = _readability_line(metrics)
    if verdict:
        lines.append(f"Readability: {verdict}")
    advice = _line_editing_line(metrics, line_editing)
    if advice:
        lines.append(advice)
    lines.append("Checks: " + "; ".join(
        f"{c['id']} {c['status']} ({c['engine']}, {c['seconds']:.1f} s)" for c in checks))
    top = highlights(flags)
    if top:
        lines.append("")
        lines.append("At a glance:")
        for f in top:
            places = f" ({len(f.occurrences)} places)" if len(f.occurrences) > 1 else ""
            lines.append(f"  - {f.category}: {excerpt(f.message, 110)}{places}  "
                         f"[line {f.line}, id {f.id}]")
    lines.append("")
    for f in flags:
        where = f"{shown_path}:{f.line}:{f.column}"
        status = "" if f.status == "pending" else f" ({f.status})"
        places = f" [{len(f.occurrences)} places]" if len(f.occurrences) > 1 else ""
        lines.append(f"{where}: {f.category} {f.severity}: {f.message}{places}{status}")
        lines.append(f"    \u00ab{excerpt(f.text)}\u00bb  id {f.id}"
                     + (f"  suggest: {' | '.join(f.suggestions[:3])}" if f.suggestions else "")
                     + (f"  note: {excerpt(f.note, 60)}" if f.note else ""))
        lines.extend(f"    also {a.rule}: {excerpt(a.message, 100)}" for a in other_voices(f))
    lines.append("")
    reviewed = sum(1 for f in flags if f.status != "pending")
    lines.append(f"{len(flags)} flags ({_counts(flags) or 'none'}); {reviewed} of {len(flags)} reviewed.")
    return "\n".join(lines)


def _md_escape(text: str) -> str:
    return "".join("\\" + ch if ch in "\\`*_[]<>|#" else ch for ch in text)


def render_markdown(doc: Document, flags: list[Any], checks: list[dict], metrics: dict,
                    line_editing: bool = False) -> str:
    name = Path(doc.path).name if doc.path else "draft"
    out = [f"# Check of {_md_escape(doc.title or name)}", "",
           f"*{_md_escape(name)}*, {doc.word_count:,} words.", ""]
    verdict = _readability_line(metrics)
    if verdict:
        out += [f"**Readability:** {_md_escape(verdict)}", ""]
    advice = _line_editing_line(metrics, line_editing)
    if advice:
        out += [_md_escape(advice), ""]
    out += ["| Check | Status | Engine | Flags |", "|---|---|---|---|"]
    out += [f"| {c['name']} | {c['status']} | {_md_escape(c['engine'])} | {c['count']} |" for c in checks]
    out.append("")
    top = highlights(flags)
    if top:
        out += ["## At a glance", ""]
        out += [f"- **{f.category}** {_md_escape(f.message)} (line {f.line}, `{f.id}`)" for f in top]
        out.append("")
    by_cat: dict[str, list[Any]] = {}
    for f in flags:
        by_cat.setdefault(f.category, []).append(f)
    for cat, items in by_cat.items():
        out += [f"## {cat.capitalize()} ({len(items)})", ""]
        for f in items:
            out.append(f"- **{f.line}:{f.column}** {_md_escape(f.message)} "
                       f"\u2014 \u201c{_md_escape(excerpt(f.text))}\u201d `{f.id}`"
                       + (f" ({f.status})" if f.status != "pending" else ""))
            out.extend(f"  - also *{a.rule}*: {_md_escape(a.message)}" for a in other_voices(f))
        out.append("")
    return "\n".join(out)
