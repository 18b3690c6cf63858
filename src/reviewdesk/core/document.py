"""The Document every check reads: one plain text with its blocks, sentences and quotes as spans."""
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

_WORD = re.compile(r"[^\W_]+(?:['\u2019\-][^\W_]+)*", re.UNICODE)


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph, heading, list item or block quote of the text."""

    start: int
    end: int
    kind: str = PARAGRAPH
    level: int = 0
    source_index: int | None = None   # paragraph index in the source file (.docx), when known

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)

    @property
    def is_heading(self) -> bool:
        return self.kind == HEADING


@dataclass(frozen=True)
class Document:
    text: str
    blocks: tuple[Block, ...]
    path: str | None = None
    title: str = ""
    format: str = "txt"
    sha256: str = ""
    language: str = "en-US"

    def __reduce__(self):
        # Sent to and from check processes. Pickled field by field, a novel's Document is tens
        # of thousands of small objects that one pickle.loads call (holding the GIL for ~40 ms)
        # rebuilds; as flat integer arrays it unpickles at once, and Python code makes the spans.
        cached = {name: _pack_spans(self.__dict__[name]) for name in ("sentences", "quotes")
                  if name in self.__dict__}
        blocks = [(b.start, b.end, b.kind, b.level, b.source_index) for b in self.blocks]
        return (_unpickle_document, (self.text, blocks, self.path, self.title, self.format,
                                     self.sha256, self.language, cached, self.__dict__.get("word_count")))

    @cached_property
    def sentences(self) -> tuple[Span, ...]:
        out: list[Span] = []
        for block in self.blocks:
            if block.is_heading:
                out.append(block.span)
            else:
                out.extend(split_sentences(self.text, block.start, block.end))
        return tuple(out)

    @cached_property
    def quotes(self) -> tuple[Span, ...]:
        return tuple(find_quotes(self.text))

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
        return sum(1 for _ in _WORD.finditer(self.text))

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


def document_from_blocks(parts: list[tuple[str, int, str, int | None]], *, path: str | None,
                         title: str, fmt: str, sha256: str) -> Document:
    """Join (kind, level, text, source_index) blocks with blank lines into one Document."""
    pieces: list[str] = []
    blocks: list[Block] = []
    offset = 0
    for kind, level, chunk, source_index in parts:
        chunk = re.sub(r"[ \t\r\f\v]+", " ", chunk).strip()
        chunk = re.sub(r" ?\n ?", "\n", chunk)
        if not chunk:
            continue
        if pieces:
            pieces.append("\n\n")
            offset += 2
        blocks.append(Block(offset, offset + len(chunk), kind, level, source_index))
        pieces.append(chunk)
        offset += len(chunk)
    text = "".join(pieces)
    if not title:
        head = next((b for b in blocks if b.is_heading), blocks[0] if blocks else None)
        title = text[head.start:head.end][:200] if head else ""
    return Document(text=text, blocks=tuple(blocks), path=path, title=title, format=fmt, sha256=sha256)


def _pack_spans(spans: tuple[Span, ...]) -> bytes:
    return array("q", [n for span in spans for n in (span.start, span.end)]).tobytes()


def _unpack_spans(packed: bytes) -> tuple[Span, ...]:
    numbers = array("q")
    numbers.frombytes(packed)
    it = iter(numbers)
    return tuple(Span(start, end) for start, end in zip(it, it))


def _unpickle_document(text: str, blocks: list[tuple], path: str | None, title: str, format: str,
                       sha256: str, language: str, cached: dict[str, bytes],
                       word_count: int | None) -> Document:
    doc = Document(text, tuple(Block(*b) for b in blocks), path, title, format, sha256, language)
    for name, packed in cached.items():
        doc.__dict__[name] = _unpack_spans(packed)
    if word_count is not None:
        doc.__dict__["word_count"] = word_count
    return doc
