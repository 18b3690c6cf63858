"""The flags as CSV, one row each, for spreadsheets: UTF-8 with a BOM, quoted, formulas neutralised."""
from __future__ import annotations

import csv
from pathlib import Path

from ..core.summary import Summary
from .common import iso

HEADERS = ("id", "status", "category", "severity", "rule", "check", "line", "column", "passage",
           "context", "message", "suggestions", "note", "note_author", "decided_by", "decided_at",
           "places", "start", "end", "fingerprint")

# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection). Tab and
# carriage return are on OWASP's list too: some spreadsheets strip them and then see the formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(value: object) -> object:
    """Text that a spreadsheet would read as a formula gets a leading apostrophe; numbers pass."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return "" if value is None else value


def rows(summary: Summary) -> list[list[object]]:
    out = []
    for f in summary.flags:
        p = summary.passage(f.start, f.end)
        context = ("…" if p.cut_before else "") + p.before + "[" + p.text + "]" + p.after + (
            "…" if p.cut_after else "")
        note = summary.flag_notes.get(f.id)
        out.append([f.id, f.status, f.category, f.severity, f.rule, f.check, f.line, f.column,
                    f.text, " ".join(context.split()), f.message, " | ".join(f.suggestions),
                    f.note, note.author if note else "", f.decided_by or "", iso(f.decided_at) or "",
                    max(1, len(f.occurrences)), f.start, f.end, f.fingerprint])
    return out


def write(summary: Summary, path: Path) -> None:
    # utf-8-sig writes the BOM that makes Excel read UTF-8 rather than the local code page;
    # newline="" leaves line endings to the csv module (CRLF, as RFC 4180 and Excel expect).
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh, quoting=csv.QUOTE_MINIMAL)
        writer.writerow(HEADERS)
        writer.writerows([cell(v) for v in row] for row in rows(summary))
