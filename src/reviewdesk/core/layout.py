"""Lays the blocks a reader found (paragraphs, list items, table cells, footnotes) out as one plain text.

Every format goes through here, so the same story gives the same text, and the same flag ids,
whether it came as .md, .html or .docx:
- blocks are separated by a blank line; the items of one list by a line break, each after its
  bullet or number ("• ", "2. "), indented two spaces a level;
- a table is one line per row, its cells separated by a tab (the window lines them up);
- whitespace is collapsed, and soft hyphens, zero-width spaces and word joiners are dropped, so
  "inter\u00adnational" is one word for every check.
The separators, bullets and numbers lie outside every block's span: no check reads them as prose.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from .document import HEADING, LIST_ITEM, TABLE_CELL, Block, Document

BULLET = "\u2022"
CELL_SEPARATOR = "\t"
# Invisible characters a CMS or a word processor leaves inside words.
INVISIBLE = "\u00ad\u200b\u2060\ufeff"
_MESSY = re.compile(r"[\t\r\f\v\n" + INVISIBLE + r"]|  |^\s|\s$")
_REAL_EDIT = re.compile(r"[ \t\r\f\v\n" + INVISIBLE + r"]{2,}|[\t\r\f\v\n" + INVISIBLE + r"]")
_STRIP = " \t\r\f\v\n" + INVISIBLE


@dataclass(slots=True)
class Part:
    """One block as a reader found it, before layout. `anchors` are (offset in text, source line,
    source column) points, 1-based, that map the text back to the file it came from."""

    kind: str
    level: int
    text: str
    source_index: int | None = None
    table: int | None = None
    row: int | None = None
    col: int | None = None
    header: bool = False
    marker: str = ""
    source_part: str = ""
    anchors: tuple[tuple[int, int, int], ...] = ()


def clean(raw: str) -> tuple[str, list[tuple[int, int]]]:
    """The text of a block as checks read it, and (raw offset, clean offset) checkpoints after
    every edit: a raw offset p maps to clean + (p - raw) of the last checkpoint at or before p.
    Only real edits are visited (a single space between words is not one), so a 10 MB line of
    ordinary words costs one pass of a regex."""
    if not _MESSY.search(raw):
        return raw, []
    lead = len(raw) - len(raw.lstrip(_STRIP))
    stop = len(raw.rstrip(_STRIP))
    if stop <= lead:
        return "", [(len(raw), 0)]
    out: list[str] = []
    marks: list[tuple[int, int]] = [(lead, 0)] if lead else []
    pos = lead
    shift = -lead                        # clean offset minus raw offset so far
    for m in _REAL_EDIT.finditer(raw, lead, stop):
        a, b = m.span()
        run = m.group()
        if "\n" in run:
            rep = "\n" * run.count("\n")
        elif run.strip(INVISIBLE) == "":
            rep = ""                       # only invisible characters: the word stays whole
        else:
            rep = " "
        if rep == run:
            continue
        out.append(raw[pos:a])
        out.append(rep)
        shift += len(rep) - (b - a)
        marks.append((b, b + shift))
        pos = b
    out.append(raw[pos:stop])
    return "".join(out), marks


def clean_map(marks: list[tuple[int, int]], raw_offset: int) -> int:
    if not marks:
        return raw_offset
    i = bisect.bisect_right(marks, (raw_offset, float("inf"))) - 1
    if i < 0:
        return raw_offset
    raw, cleaned = marks[i]
    return cleaned + (raw_offset - raw)


def raw_index(raw: str) -> tuple[str, list[int]]:
    """The clean text of `raw` and the raw index of each of its characters (for the Word export,
    which must find the run holding a reviewed character). Visits the same edits as clean()."""
    text, marks = clean(raw)
    if not marks:
        return text, list(range(len(text)))
    lead = len(raw) - len(raw.lstrip(_STRIP))
    stop = len(raw.rstrip(_STRIP))
    index: list[int] = []
    pos = lead
    for m in _REAL_EDIT.finditer(raw, lead, max(lead, stop)):
        a, b = m.span()
        run = m.group()
        if "\n" in run:
            rep = "\n" * run.count("\n")
        elif run.strip(INVISIBLE) == "":
            rep = ""
        else:
            rep = " "
        if rep == run:
            continue
        index.extend(range(pos, a))
        if "\n" in run:
            index.extend(a + k for k, ch in enumerate(run) if ch == "\n")
        elif rep:
            index.append(a + next(k for k, ch in enumerate(run) if ch not in INVISIBLE))
        pos = b
    index.extend(range(pos, max(pos, stop)))
    assert len(index) == len(text)
    return text, index


def _as_part(part) -> Part:
    if isinstance(part, Part):
        return part
    kind, level, text, source_index = part
    return Part(kind, level, text, source_index)


def _separator(prev: Part, part: Part) -> str:
    if prev.kind == TABLE_CELL and part.kind == TABLE_CELL and prev.table == part.table:
        if prev.row != part.row:
            return "\n"
        return " " if prev.col == part.col else CELL_SEPARATOR * max(1, (part.col or 0) - (prev.col or 0))
    if prev.kind == LIST_ITEM and part.kind == LIST_ITEM:
        return "\n"
    return "\n\n"


def _prefix(part: Part) -> str:
    if part.kind == LIST_ITEM and part.marker:
        return "  " * max(0, part.level) + part.marker + " "
    return ""


def assemble(parts: list, *, path: str | None, title: str, fmt: str, sha256: str,
             notices: tuple[str, ...] = ()) -> Document:
    pieces: list[str] = []
    blocks: list[Block] = []
    anchors: list[tuple[int, int, int]] = []
    offset = 0
    prev: Part | None = None
    pending_cols = 0          # a row that starts with empty cells still keeps its columns
    for raw_part in parts:
        part = _as_part(raw_part)
        text, marks = clean(part.text)
        if not text:
            continue
        if prev is not None:
            sep = _separator(prev, part)
        else:
            sep = ""
        if part.kind == TABLE_CELL and (prev is None or prev.kind != TABLE_CELL or prev.table != part.table
                                        or prev.row != part.row):
            pending_cols = part.col or 0
            sep = sep + CELL_SEPARATOR * pending_cols
        sep += _prefix(part)
        pieces.append(sep)
        offset += len(sep)
        blocks.append(Block(offset, offset + len(text), part.kind, part.level, part.source_index,
                            part.table, part.row, part.col, part.header, part.marker, part.source_part))
        for at, line, col in part.anchors:
            anchors.append((offset + clean_map(marks, at), line, col))
        pieces.append(text)
        offset += len(text)
        prev = part
    full = "".join(pieces)
    if not title:
        head = next((b for b in blocks if b.kind == HEADING), blocks[0] if blocks else None)
        title = full[head.start:head.end][:200] if head else ""
    anchors.sort()
    return Document(text=full, blocks=tuple(blocks), path=path, title=title, format=fmt, sha256=sha256,
                    notices=tuple(notices), source_map=tuple(anchors))
