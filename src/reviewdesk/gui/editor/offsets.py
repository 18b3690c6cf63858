"""The one place that converts Python code-point offsets to Qt's UTF-16 positions and back.

Python indexes a str by code point; QTextDocument counts UTF-16 units, so every character outside
the Basic Multilingual Plane (emoji, some CJK) shifts Qt positions by one. Everything in the window
that hands an offset to Qt, or reads one back, goes through an OffsetMap built from the same text.
"""
from __future__ import annotations

import bisect
import re

_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")
# Characters QTextDocument.setPlainText turns into block breaks (checked against Qt 6.12).
_BLOCK_BREAK = re.compile("[\n\r\u2029\ufdd0\ufdd1]")


class OffsetMap:
    """Code point <-> UTF-16 conversion for one text, plus where Qt's text blocks start."""

    def __init__(self, text: str) -> None:
        self._length = len(text)
        self._astral = [m.start() for m in _ASTRAL.finditer(text)]
        self._astral_qt = [a + i for i, a in enumerate(self._astral)]
        self.block_starts: tuple[int, ...] = (0,) + tuple(
            self.to_qt(m.end()) for m in _BLOCK_BREAK.finditer(text))

    @property
    def identity(self) -> bool:
        return not self._astral

    def to_qt(self, offset: int) -> int:
        """Qt position of a code-point offset (offsets past the end are clamped)."""
        offset = max(0, min(offset, self._length))
        if not self._astral:
            return offset
        return offset + bisect.bisect_left(self._astral, offset)

    def from_qt(self, pos: int) -> int:
        """Code-point offset of a Qt position; the middle of a surrogate pair maps to its character."""
        if not self._astral:
            return max(0, min(pos, self._length))
        whole = bisect.bisect_right(self._astral_qt, pos - 2)   # astral characters entirely before pos
        if whole < len(self._astral_qt) and self._astral_qt[whole] == pos - 1:
            return pos - 1 - whole
        return max(0, min(pos - whole, self._length))

    def block_of(self, qt_pos: int) -> int:
        """Number of the Qt text block holding a Qt position."""
        return bisect.bisect_right(self.block_starts, qt_pos) - 1

    def segments(self, start: int, end: int) -> list[tuple[int, int, int]]:
        """A code-point span as (block number, column, length) pieces in Qt units, one per block."""
        qs, qe = self.to_qt(start), self.to_qt(end)
        out: list[tuple[int, int, int]] = []
        block = self.block_of(qs)
        while qs < qe:
            block_start = self.block_starts[block]
            next_start = self.block_starts[block + 1] if block + 1 < len(self.block_starts) else None
            stop = qe if next_start is None else min(qe, next_start - 1)   # - 1: the break itself
            if stop > qs:
                out.append((block, qs - block_start, stop - qs))
            if next_start is None or qe <= next_start:
                break
            block += 1
            qs = next_start
        return out
