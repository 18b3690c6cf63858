"""Paints flags, span notes and headings onto the draft, block by block, without stalling the window.

This does what QSyntaxHighlighter does (set a text block layout's formats, then mark the block
dirty) but only for the blocks whose flags changed, in slices of a few milliseconds from a
zero-timer, visible blocks first. QSyntaxHighlighter would rehighlight every block of a novel in
one go when the text is set; here loading a draft costs nothing and 20,000 flags never block the
GUI thread for long.
"""
from __future__ import annotations

import time
from collections import deque
from typing import Callable, Iterable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QFont, QTextCharFormat, QTextDocument, QTextLayout

from .. import theme
from ..flag_model import Row
from .offsets import OffsetMap

Segment = tuple[int, int, str, int, bool, str]     # column, length, category, severity, reviewed, key
_SLICE_SECONDS = 0.005      # per turn of the event loop: leaves room for a repaint in the same 50 ms
_LONG_SPAN = 90          # characters; sentence-long flags get a lighter tint so words stay readable


class FlagPainter(QObject):
    """Formats each Qt text block from the segments of the rows that should show."""

    repainted = Signal()        # every dirty block has been repainted

    def __init__(self, document: QTextDocument, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self._offsets = OffsetMap("")
        self._blocks: dict[int, list[Segment]] = {}
        self._signature: dict[str, tuple] = {}
        self._places: dict[tuple, list[tuple[int, int, int]]] = {}
        self._headings: dict[int, int] = {}
        self._formats: dict[tuple, QTextCharFormat] = {}
        self._dirty: set[int] = set()
        self._todo: deque = deque()          # (True, row) to add, (False, key) to drop
        self._dark = theme.is_dark()
        self._visible: Callable[[], tuple[int, int]] = lambda: (0, 50)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._on_timer_timeout)

    def document(self) -> QTextDocument:
        return self._document

    def set_document(self, document: QTextDocument) -> None:
        """The view swapped in a new draft's document; reset() follows."""
        self._document = document

    def set_visible_range(self, visible: Callable[[], tuple[int, int]]) -> None:
        self._visible = visible

    def reset(self, offsets: OffsetMap, headings: Iterable[tuple[int, int, int]]) -> None:
        """A new draft (already set as the text): its offsets and headings as (start, end, level)."""
        self._offsets = offsets
        self._blocks.clear()
        self._signature.clear()
        self._places.clear()
        self._dirty.clear()
        self._todo.clear()
        self._headings = {}
        for start, end, level in headings:
            for block, _col, _len in offsets.segments(start, end):
                self._headings[block] = level
        self._formats.clear()
        self._dark = theme.is_dark()
        self._dirty.update(self._headings)
        self._schedule()

    @property
    def busy(self) -> bool:
        return bool(self._dirty or self._todo)

    def use_places(self, places: dict[tuple, list[tuple[int, int, int]]]) -> None:
        """Share the controller's block segments (precomputed in the pool), keyed by a row's places."""
        self._places = places

    def _segments_of(self, places: tuple[tuple[int, int], ...]) -> list[tuple[int, int, int]]:
        found = self._places.get(places)
        if found is None:
            found = [seg for start, end in places for seg in self._offsets.segments(start, end)]
            self._places[places] = found
        return found

    def set_rows(self, rows: Iterable[Row]) -> None:
        """Show exactly these rows (the caller drops dismissed and filtered-out ones).

        Everything shown now is taken away and the rows are queued, to be worked off in slices.
        """
        self._dirty.update(self._blocks)
        self._blocks = {}
        self._signature = {}
        self._todo.clear()
        self._todo.extend((True, row) for row in rows)
        self._schedule()

    def update(self, rows: Iterable[Row], drop: Iterable[str] = ()) -> None:
        """Repaint only these rows (added or changed) and take away the dropped keys.

        Queued and worked off in the same few-millisecond slices as the painting.
        """
        rows = list(rows)
        self._todo.extend((False, key) for key in set(drop) | {r.key for r in rows})
        self._todo.extend((True, row) for row in rows)
        self._schedule()

    def _work_todo(self, deadline: float | None) -> None:
        todo, signature, blocks, dirty = self._todo, self._signature, self._blocks, self._dirty
        done = 0
        while todo:
            add, item = todo.popleft()
            if add:
                signature[item.key] = (item.places, item.category, item.severity, item.reviewed)
                for block, col, length in self._segments_of(item.places):
                    blocks.setdefault(block, []).append(
                        (col, length, item.category, item.severity, item.reviewed, item.key))
                    dirty.add(block)
            else:
                old = signature.pop(item, None)
                for block, _col, _len in (self._segments_of(old[0]) if old else ()):
                    segs = blocks.get(block)
                    if segs:
                        blocks[block] = [seg for seg in segs if seg[5] != item]
                    dirty.add(block)
            done += 1
            if deadline is not None and done % 16 == 0 and time.perf_counter() > deadline:
                return

    def keys_at(self, block: int, column: int) -> list[str]:
        """The rows whose passage covers a position, innermost (shortest) first."""
        hits = [(length, key) for col, length, _c, _s, _r, key in self._blocks.get(block, ())
                if col <= column < col + length]
        return [key for _length, key in sorted(hits)]

    def repaint_all(self) -> None:
        self._formats.clear()
        self._dark = theme.is_dark()
        self._dirty.update(range(self.document().blockCount()))
        self._schedule()

    def flush(self) -> None:
        """Repaint every dirty block now (tests and screenshots want a finished picture)."""
        self._work_todo(None)
        while self._dirty:
            self._drain(deadline=None)

    def _schedule(self) -> None:
        if (self._dirty or self._todo) and not self._timer.isActive():
            self._timer.start()

    def _on_timer_timeout(self) -> None:
        deadline = time.perf_counter() + _SLICE_SECONDS
        self._work_todo(deadline)
        if not self._todo and time.perf_counter() < deadline:
            self._drain(deadline)
        self._schedule()
        if not self.busy:
            self.repainted.emit()

    def _drain(self, deadline: float | None) -> None:
        first, last = self._visible()
        visible = [b for b in range(first, last + 1) if b in self._dirty]
        order = visible + [b for b in sorted(self._dirty) if b < first or b > last]
        doc = self.document()
        for n in order:
            self._dirty.discard(n)
            block = doc.findBlockByNumber(n)
            if block.isValid():
                self._paint(block)
            if deadline is not None and time.perf_counter() > deadline:
                break

    def _format(self, category: str, severity: int, reviewed: bool, long: bool, level: int) -> QTextCharFormat:
        key = (category, severity, reviewed, long, level)
        fmt = self._formats.get(key)
        if fmt is None:
            fmt = QTextCharFormat(self._heading_format(level)) if level else QTextCharFormat()
            if category:
                flag_fmt = theme.highlight_format(category, severity, reviewed=reviewed, dark=self._dark)
                if long:
                    # A whole sentence underlined reads as noise: a faint tint is enough.
                    flag_fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.NoUnderline)
                    if flag_fmt.hasProperty(QTextCharFormat.Property.BackgroundBrush):
                        tint = flag_fmt.background().color()
                        tint.setAlpha(max(22, int(tint.alpha() * 0.6)))
                        flag_fmt.setBackground(tint)
                fmt.merge(flag_fmt)
            self._formats[key] = fmt
        return fmt

    def _heading_format(self, level: int) -> QTextCharFormat:
        fmt = QTextCharFormat()
        fmt.setFontWeight(QFont.Weight.Bold)
        base = self.document().defaultFont().pointSizeF()
        if base > 0:
            fmt.setFontPointSize(base * (1.45 if level <= 1 else 1.2))
        return fmt

    def _paint(self, block) -> None:
        number = block.blockNumber()
        level = self._headings.get(number, 0)
        length = block.length() - 1
        ranges = []
        for start, stop, seg in _flatten(self._blocks.get(number, ()), length):
            category, severity, reviewed = (seg[2], seg[3], seg[4]) if seg else ("", 0, False)
            if not category and not level:
                continue
            r = QTextLayout.FormatRange()
            r.start, r.length = start, stop - start
            r.format = self._format(category, severity, reviewed, bool(seg) and seg[1] >= _LONG_SPAN, level)
            ranges.append(r)
        block.layout().setFormats(ranges)
        self._document.markContentsDirty(block.position(), block.length())


def _flatten(segments, length: int) -> list[tuple[int, int, Segment | None]]:
    """Cut overlapping segments into adjacent pieces, each showing the one painted on top.

    Shorter spans win over longer ones (a misspelt word inside a flagged sentence), pending over
    reviewed, then higher severity.
    """
    if not segments:
        return [(0, length, None)] if length > 0 else []
    ranked = sorted(segments, key=lambda s: (-s[1], not s[4], s[3]))   # last = on top
    cuts = sorted({0, length, *(max(0, min(length, s[0])) for s in segments),
                   *(max(0, min(length, s[0] + s[1])) for s in segments)})
    out: list[tuple[int, int, Segment | None]] = []
    for a, b in zip(cuts, cuts[1:]):
        if b <= a:
            continue
        top = None
        for seg in ranked:
            if seg[0] <= a and b <= seg[0] + seg[1]:
                top = seg
        if out and out[-1][2] is top and out[-1][1] == a:
            out[-1] = (out[-1][0], b, top)
        else:
            out.append((a, b, top))
    return out
