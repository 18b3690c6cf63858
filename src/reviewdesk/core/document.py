"""The Document every check reads: one plain text with its blocks, sentences and quotes as spans.

Blocks know what they are (a paragraph, a heading, a list item with its number, a table cell with its
table, row and column, a caption, a footnote), so a check can leave what is not prose alone through
`is_prose` / `Document.prose_blocks`; sentences and quotes never run from one block into the next.
"""
from __future__ import annotations

import bisect
import hashlib
import re
from array import array
from dataclasses import dataclass, field
from functools import cached_property

from .flags import Span
from .segment import find_quotes, split_sentences

PARAGRAPH = "paragraph"
HEADING = "heading"
LIST_ITEM = "list_item"
QUOTE_BLOCK = "blockquote"
TABLE_CELL = "table_cell"
CAPTION = "caption"
FOOTNOTE = "footnote"        # footnotes and endnotes, after the body
TEXT_BOX = "text_box"        # a Word text box or pull-out, after the paragraph that anchors it
BYLINE = "byline"
# Running text a reader reads as sentences; headings, table cells and bylines are labels and data.
PROSE_KINDS = frozenset({PARAGRAPH, LIST_ITEM, QUOTE_BLOCK, CAPTION, FOOTNOTE, TEXT_BOX})

_WORD = re.compile(r"[^\W_]+(?:['\u2019\-][^\W_]+)*", re.UNICODE)


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph, heading, list item, block quote, table cell, caption or footnote of the text."""

    start: int
    end: int
    kind: str = PARAGRAPH
    level: int = 0                    # a heading's level; a list item's nesting depth (0 = top)
    source_index: int | None = None   # paragraph index in the source file (.docx), when known
    table: int | None = None          # a table cell's table (0-based, in reading order) ...
    row: int | None = None            # ... its row and column (0-based)
    col: int | None = None
    header: bool = False              # a header cell of a table
    marker: str = ""                  # a list item's bullet or number as the reader sees it ("3.")
    source_part: str = ""             # the .docx part holding source_index: "" (body), "footnotes", ...

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)

    @property
    def is_heading(self) -> bool:
        return self.kind == HEADING

    @property
    def is_cell(self) -> bool:
        return self.kind == TABLE_CELL

    @property
    def is_prose(self) -> bool:
        return self.kind in PROSE_KINDS


def is_prose(block: Block | None) -> bool:
    """True for running text (paragraphs, list items, quotes, captions, footnotes); False for
    headings, table cells and bylines, which a prose check (readability, leftovers, sourcing) skips."""
    return block is not None and block.kind in PROSE_KINDS


@dataclass(frozen=True)
class Document:
    text: str
    blocks: tuple[Block, ...]
    path: str | None = None
    title: str = ""
    format: str = "txt"
    sha256: str = ""
    language: str = "en-US"
    # One-line remarks on how the draft was read ("Page furniture removed: ...", the encoding
    # chosen for a damaged file): shown once, never checked.
    notices: tuple[str, ...] = ()
    # (text offset, source line, source column) anchors, 1-based, for drafts whose text is not the
    # file's (Markdown, HTML): the source of offset t is the last anchor at or before t, moved on
    # by t minus its offset. Empty for .txt (the text is the file) and .docx (see source_index).
    source_map: tuple[tuple[int, int, int], ...] = ()

    def __reduce__(self):
        # Sent to and from check processes. Pickled field by field, a novel's Document is tens
        # of thousands of small objects that one pickle.loads call (holding the GIL for ~40 ms)
        # rebuilds; as flat integer arrays it unpickles at once, and Python code makes the spans.
        cached = {name: _pack_spans(self.__dict__[name]) for name in ("sentences", "quotes")
                  if name in self.__dict__}
        blocks = [_block_tuple(b) for b in self.blocks]
        source_map = array("q", [n for anchor in self.source_map for n in anchor]).tobytes()
        return (_unpickle_document, (self.text, blocks, self.path, self.title, self.format,
                                     self.sha256, self.language, cached, self.__dict__.get("word_count"),
                                     self.notices, source_map))

    @cached_property
    def sentences(self) -> tuple[Span, ...]:
        """Sentence spans block by block, so none runs across blocks: a heading or a table cell is
        one span of its own (a label or a datum, never split or joined with its neighbours)."""
        out: list[Span] = []
        for block in self.blocks:
            if block.kind in (HEADING, TABLE_CELL):
                out.append(block.span)
            else:
                out.extend(split_sentences(self.text, block.start, block.end))
        return tuple(out)

    @cached_property
    def prose_sentences(self) -> tuple[Span, ...]:
        """The sentences of prose blocks only (see is_prose)."""
        out: list[Span] = []
        for block in self.blocks:
            if block.kind in PROSE_KINDS:
                out.extend(split_sentences(self.text, block.start, block.end))
        return tuple(out)

    @cached_property
    def quotes(self) -> tuple[Span, ...]:
        # Block by block: a quotation never opens in one cell or list item and closes in another.
        # On plain text this is the same as one pass (blocks are split at the blank lines that a
        # quotation cannot cross), and it is what keeps the sample draft's findings as they were.
        if self.format == "txt" or not self.blocks:
            return tuple(find_quotes(self.text))
        out: list[Span] = []
        for block in self.blocks:
            piece = self.text[block.start:block.end]
            if '"' in piece or "\u201c" in piece:
                out.extend(Span(q.start + block.start, q.end + block.start) for q in find_quotes(piece))
        return tuple(out)

    @property
    def prose_blocks(self) -> tuple[Block, ...]:
        return tuple(b for b in self.blocks if b.kind in PROSE_KINDS)

    @property
    def table_cells(self) -> tuple[Block, ...]:
        return tuple(b for b in self.blocks if b.kind == TABLE_CELL)

    def source_line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column in the draft's file of a text offset (its text's own line and
        column for a .txt or .docx draft)."""
        if not self.source_map:
            return self.line_col(offset)
        i = bisect.bisect_right(self._source_offsets, offset) - 1
        if i < 0:
            return self.source_map[0][1], self.source_map[0][2]
        at, line, col = self.source_map[i]
        return line, col + (offset - at)

    @cached_property
    def _source_offsets(self) -> list[int]:
        return [a[0] for a in self.source_map]

    @property
    def paragraphs(self) -> tuple[Block, ...]:
        return tuple(b for b in self.blocks if not b.is_heading)

    @property
    def headings(self) -> tuple[Block, ...]:
        return tuple(b for b in self.blocks if b.is_heading)

    @cached_property
    def _line_starts(self) -> list[int]:
        return [0] + [m.end() for m in re.finditer("\n", self.text)]

    @cached_property
    def _quote_starts(self) -> list[int]:
        return [q.start for q in self.quotes]

    # Built once: block_at and sentence_at are called per flag, thousands of times on a novel.
    @cached_property
    def _block_starts(self) -> list[int]:
        return [b.start for b in self.blocks]

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s.start for s in self.sentences]

    @cached_property
    def word_count(self) -> int:
        if self.format == "txt" or not self.blocks:
            return sum(1 for _ in _WORD.finditer(self.text))
        # The words of the blocks: a list's bullets and numbers and a table's separators are not words.
        return sum(1 for b in self.blocks for _ in _WORD.finditer(self.text, b.start, b.end))

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column (in code points) of a text offset."""
        line = bisect.bisect_right(self._line_starts, offset) - 1
        return line + 1, offset - self._line_starts[line] + 1

    def in_quote(self, start: int, end: int) -> bool:
        """True when [start, end) lies inside one direct quotation."""
        i = bisect.bisect_right(self._quote_starts, start) - 1
        return i >= 0 and self.quotes[i].start <= start and end <= self.quotes[i].end

    def block_at(self, offset: int) -> Block | None:
        i = bisect.bisect_right(self._block_starts, offset) - 1
        if i >= 0 and offset <= self.blocks[i].end:
            return self.blocks[i]
        return None

    def sentence_at(self, offset: int) -> Span | None:
        i = bisect.bisect_right(self._sentence_starts, offset) - 1
        if i >= 0 and offset <= self.sentences[i].end:
            return self.sentences[i]
        return None

    def words(self, start: int = 0, end: int | None = None) -> list[Span]:
        end = len(self.text) if end is None else end
        return [Span(m.start(), m.end()) for m in _WORD.finditer(self.text, start, end)]


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def document_from_text(text: str, *, path: str | None = None, title: str = "", fmt: str = "txt",
                       sha256: str = "") -> Document:
    """Plain text: paragraphs are separated by blank lines; short unpunctuated lines are headings."""
    blocks = tuple(plain_text_blocks(text))
    if not title:
        first = next((b for b in blocks), None)
        title = text[first.start:first.end].strip()[:200] if first else ""
    return Document(text=text, blocks=blocks, path=path, title=title, format=fmt,
                    sha256=sha256 or sha256_text(text))


_PARA_BREAK = re.compile(r"\n[ \t]*\n\s*")


def plain_text_blocks(text: str) -> list[Block]:
    raw: list[tuple[int, int]] = []
    cursor = 0
    for match in _PARA_BREAK.finditer(text):
        raw.append((cursor, match.start()))
        cursor = match.end()
    raw.append((cursor, len(text)))
    blocks: list[Block] = []
    for start, end in raw:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end <= start:
            continue
        kind = HEADING if _looks_like_heading(text[start:end]) else PARAGRAPH
        blocks.append(Block(start, end, kind, 1 if kind == HEADING else 0))
    # The very first heading-like line is the title (level 1); later ones are section heads.
    blocks = [b if b.kind != HEADING or i == 0 else Block(b.start, b.end, HEADING, 2)
              for i, b in enumerate(blocks)]
    return blocks


def _looks_like_heading(chunk: str) -> bool:
    if "\n" in chunk or len(chunk) > 120:
        return False
    words = chunk.split()
    if not words or len(words) > 14:
        return False
    if chunk[-1] in ".,;:!\"'\u201d\u2019)":
        return False
    # A question can be a heading ("What's Needed to End the Conflict?") when it is title-cased.
    if chunk.endswith("?"):
        caps = sum(1 for w in words if w[:1].isupper())
        return caps >= max(2, len(words) // 2)
    return chunk[0].isupper() or chunk[0].isdigit()


def document_from_blocks(parts: list, *, path: str | None, title: str, fmt: str, sha256: str,
                         notices: tuple[str, ...] = ()) -> Document:
    """Lay out (kind, level, text, source_index) tuples, or layout.Part records (tables, lists,
    source anchors), as one Document: see core/layout.py for where each kind goes."""
    from .layout import assemble

    return assemble(parts, path=path, title=title, fmt=fmt, sha256=sha256, notices=notices)


def _pack_spans(spans: tuple[Span, ...]) -> bytes:
    return array("q", [n for span in spans for n in (span.start, span.end)]).tobytes()


def _unpack_spans(packed: bytes) -> tuple[Span, ...]:
    numbers = array("q")
    numbers.frombytes(packed)
    it = iter(numbers)
    return tuple(Span(start, end) for start, end in zip(it, it))


def _block_tuple(b: Block) -> tuple:
    # The common block (no table, no marker) travels as five fields, as it always has.
    full = (b.start, b.end, b.kind, b.level, b.source_index, b.table, b.row, b.col, b.header,
            b.marker, b.source_part)
    return full if (b.table is not None or b.marker or b.source_part or b.header) else full[:5]


def _unpickle_document(text: str, blocks: list[tuple], path: str | None, title: str, format: str,
                       sha256: str, language: str, cached: dict[str, bytes],
                       word_count: int | None, notices: tuple[str, ...] = (),
                       source_map: bytes = b"") -> Document:
    numbers = array("q")
    numbers.frombytes(source_map)
    it = iter(numbers)
    anchors = tuple(zip(it, it, it))
    doc = Document(text, tuple(Block(*b) for b in blocks), path, title, format, sha256, language,
                   tuple(notices), anchors)
    for name, packed in cached.items():
        doc.__dict__[name] = _unpack_spans(packed)
    if word_count is not None:
        doc.__dict__["word_count"] = word_count
    return doc
