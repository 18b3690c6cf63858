"""Reads a Markdown draft through markdown-it-py (CommonMark, tables, footnotes, front matter) into blocks.

Each text piece keeps an anchor to its line and column in the .md file. Code, HTML comments, link
targets and front matter are not prose and are left out; a link keeps its words, an autolink or an
e-mail address in angle brackets keeps its address.
"""
from __future__ import annotations

import re

from .document import FOOTNOTE, HEADING, LIST_ITEM, PARAGRAPH, QUOTE_BLOCK, TABLE_CELL
from .layout import BULLET, Part

_TAG = re.compile(r"<!--.*?-->|<[^>]*>", re.S)
_SEARCH_SLACK = 200        # how far past the cursor a text piece is looked for (keeps it linear)


def _parser():
    from markdown_it import MarkdownIt
    from mdit_py_plugins.footnote import footnote_plugin
    from mdit_py_plugins.front_matter import front_matter_plugin

    return MarkdownIt("commonmark").enable("table").use(footnote_plugin).use(front_matter_plugin)


class _Locator:
    """Finds where each text piece of an inline sits in the source, cursor by cursor."""

    def __init__(self, source: str) -> None:
        self.lines = source.split("\n")
        self._key: tuple[int, int] | None = None
        self._line = self._col = 0

    def start(self, line_range: list[int] | None) -> None:
        key = tuple(line_range) if line_range else None
        if key != self._key:                 # cells of one table row share their line: go on
            self._key = key
            self._line = line_range[0] if line_range else 0
            self._col = 0

    def find(self, piece: str) -> tuple[int, int] | None:
        probe = piece.strip()[:24]
        probe = re.split(r"[&\\*_`\[\]<>]", probe, maxsplit=1)[0].strip() or probe
        if not probe or self._key is None:
            return None
        end_line = self._key[1]
        line, col = self._line, self._col
        while line < min(end_line, len(self.lines)):
            text = self.lines[line]
            window = text[col:col + len(piece) + _SEARCH_SLACK]
            at = window.find(probe)
            if at >= 0:
                found = col + at
                self._line, self._col = line, found + len(probe)
                lead = len(piece) - len(piece.lstrip())
                return line + 1, found + 1 - lead
            if len(text) > col + len(piece) + _SEARCH_SLACK:
                return None                  # not within reach on this line: give up, stay put
            line, col = line + 1, 0
        return None


_DEEP = re.compile(r"^(?:[ \t]*>){20,}", re.M)      # markdown-it reads 20 levels of nesting, no more


_MAX_MARKS_PER_LINE = 5_000     # real prose has a few dozen; 300,000 take markdown-it ~7 s to pair


def markdown_notices(source: str) -> list[str]:
    out = []
    deep = _DEEP.search(source, 0, min(len(source), 2_000_000))
    if deep is not None:
        line = source.count("\n", 0, deep.start()) + 1
        out.append(f"Block quotes nested more than 20 deep are not read (from line {line}).")
    marked = [n for n, line in enumerate(source.split("\n"), 1) if _too_marked(line)]
    if marked:
        out.append(f"{len(marked)} line{'s' if len(marked) != 1 else ''} with more than "
                   f"{_MAX_MARKS_PER_LINE:,} Markdown marks (from line {marked[0]}) read as plain text.")
    return out


def _too_marked(line: str) -> bool:
    if len(line) < _MAX_MARKS_PER_LINE:
        return False
    return sum(line.count(c) for c in "*_[]`<") > _MAX_MARKS_PER_LINE


# Stand-ins (private-use characters, same length, so columns hold) that markdown-it reads as text.
_HIDE = str.maketrans({c: chr(0xE000 + i) for i, c in enumerate("*_[]`<")})
_SHOW = str.maketrans({chr(0xE000 + i): c for i, c in enumerate("*_[]`<")})


def _defuse(source: str) -> tuple[str, bool]:
    """Lines so full of emphasis and bracket marks that pairing them would take markdown-it
    seconds are read as the plain text they are."""
    if len(source) < _MAX_MARKS_PER_LINE:
        return source, False
    lines = source.split("\n")
    changed = False
    for n, line in enumerate(lines):
        if _too_marked(line):
            lines[n] = line.translate(_HIDE)
            changed = True
    return ("\n".join(lines), True) if changed else (source, False)


def markdown_parts(source: str) -> list[Part]:
    source, defused = _defuse(source)
    parts = _markdown_parts(source)
    if defused:
        for part in parts:
            part.text = part.text.translate(_SHOW)
    return parts


def _markdown_parts(source: str) -> list[Part]:
    tokens = _parser().parse(source)
    locate = _Locator(source)
    parts: list[Part] = []
    lists: list[list] = []            # per open list: [ordered, next number]
    item_marker: list[str] = []       # the marker of the open list item's first paragraph
    quote_depth = 0
    in_footnote = False
    table = -1
    row = col = 0
    header = False
    for i, tok in enumerate(tokens):
        t = tok.type
        if t in ("bullet_list_open", "ordered_list_open"):
            start = tok.attrGet("start")
            lists.append([t == "ordered_list_open", int(start) if start is not None else 1,
                          tok.markup or "."])
        elif t in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif t == "list_item_open":
            ordered, number, delim = lists[-1]
            if ordered:
                label = tok.info or str(number)
                lists[-1][1] = int(label) + 1 if label.isdigit() else number + 1
                item_marker.append(f"{label}{delim}")
            else:
                item_marker.append(BULLET)
        elif t == "list_item_close":
            item_marker.pop()
        elif t == "blockquote_open":
            quote_depth += 1
        elif t == "blockquote_close":
            quote_depth -= 1
        elif t == "footnote_open":
            in_footnote = True
        elif t == "footnote_close":
            in_footnote = False
        elif t == "table_open":
            table += 1
            row = -1
        elif t == "tr_open":
            row += 1
            col = -1
        elif t in ("th_open", "td_open"):
            col += 1
            header = t == "th_open"
        elif t == "inline":
            parent = tokens[i - 1].type if i else ""
            part = _inline_part(tok, locate)
            if parent == "heading_open":
                part.kind, part.level = HEADING, int(tokens[i - 1].tag[1:])
            elif parent in ("th_open", "td_open"):
                part.kind, part.table, part.row, part.col, part.header = TABLE_CELL, table, row, col, header
            elif in_footnote:
                part.kind = FOOTNOTE
            elif item_marker:
                part.kind, part.level = LIST_ITEM, len(lists) - 1
                part.marker, item_marker[-1] = item_marker[-1], ""   # later paragraphs: no second bullet
            elif quote_depth:
                part.kind = QUOTE_BLOCK
            parts.append(part)
        elif t == "html_block":
            text = _TAG.sub(" ", tok.content)
            if text.strip():
                parts.append(Part(QUOTE_BLOCK if quote_depth else PARAGRAPH, 0, text))
    return parts


def _inline_part(tok, locate: _Locator) -> Part:
    pieces: list[str] = []
    anchors: list[tuple[int, int, int]] = []
    length = 0
    locate.start(tok.map)
    for child in tok.children or ():
        ct = child.type
        if ct in ("text", "code_inline"):
            content = child.content
        elif ct == "softbreak":
            content = " "
        elif ct == "hardbreak":
            content = "\n"
        elif ct == "image":
            content = "".join(c.content for c in child.children or () if c.type == "text")
        else:
            continue                  # markup, inline HTML, footnote references
        if ct in ("text", "code_inline", "image") and content.strip():
            where = locate.find(content)
            if where is not None:
                anchors.append((length, where[0], where[1]))
        pieces.append(content)
        length += len(content)
    return Part(PARAGRAPH, 0, "".join(pieces), anchors=tuple(anchors))

