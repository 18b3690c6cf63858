"""A narrow strip beside the draft: each paragraph's reading grade as a coloured band, the view as a frame.

The strip maps the whole draft onto its height by character position, so long paragraphs get
tall bands. Clicking a band jumps to that paragraph.
"""
from __future__ import annotations

import bisect
from typing import Sequence

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QToolTip, QWidget

from .. import theme

EASY, NEAR, HARD = "#30a46c", "#f5a524", "#e5484d"


def grade_colour(grade: float, target: float) -> QColor:
    """Green within the target, amber up to three grades over, red beyond."""
    if grade <= target:
        colour = QColor(EASY)
    elif grade <= target + 3:
        colour = QColor(NEAR)
    else:
        colour = QColor(HARD)
    return colour.lighter(120) if theme.is_dark() else colour


class GradeStrip(QWidget):
    """Per-paragraph grades against the target, beside the text; emits the paragraph clicked."""

    paragraph_clicked = Signal(int, int)     # code-point span of the paragraph

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMouseTracking(True)
        self.setFixedWidth(16)
        self.setToolTip("Reading grade per paragraph. Click a band to go there.")
        self._paragraphs: list[dict] = []
        self._starts: list[int] = []
        self._length = 1
        self._target = 9.0
        self._view: tuple[float, float] = (0.0, 0.0)
        self._picture: tuple[tuple, QPixmap | None] = ((), None)
        self._version = 0                   # grades set so far: the picture is redrawn after each

    def sizeHint(self) -> QSize:
        return QSize(16, 200)

    def set_grades(self, paragraphs: Sequence[dict], target: float, length: int) -> None:
        self._paragraphs = sorted(paragraphs, key=lambda p: p["start"])
        self._starts = [p["start"] for p in self._paragraphs]
        self._target = float(target)
        self._length = max(1, length)
        self._version += 1
        if self.isVisible():
            self._bands_picture()           # drawn now, so the next repaint is only a copy
        self.update()

    def clear(self) -> None:
        self.set_grades([], self._target, 1)

    def set_view(self, first: int, last: int) -> None:
        """The part of the draft on screen, as code-point offsets."""
        self._view = (first / self._length, last / self._length)
        self.update()

    @property
    def paragraphs(self) -> list[dict]:
        return list(self._paragraphs)

    def _band(self, p: dict) -> QRectF:
        h = self.height()
        top = h * p["start"] / self._length
        bottom = max(top + 2.0, h * p["end"] / self._length)
        return QRectF(3, top, self.width() - 6, bottom - top)

    def paragraph_at(self, y: float) -> dict | None:
        if not self._paragraphs or self.height() <= 0:
            return None
        offset = int(y / self.height() * self._length)
        i = max(0, bisect.bisect_right(self._starts, offset) - 1)
        # The nearest band within a few pixels: thin bands are hard to hit.
        best, best_gap = None, 4.0
        for p in self._paragraphs[max(0, i - 2):i + 3]:
            band = self._band(p)
            gap = 0.0 if band.top() <= y <= band.bottom() else min(abs(band.top() - y), abs(band.bottom() - y))
            if gap <= best_gap:
                best, best_gap = p, gap
        return best

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        pal = self.palette()
        painter.drawPixmap(0, 0, self._bands_picture())
        a, b = self._view
        if b > a:
            frame = QRectF(0.5, a * self.height(), self.width() - 1.0, max(6.0, (b - a) * self.height()))
            shade = QColor(pal.color(QPalette.ColorRole.Text))
            shade.setAlpha(40)
            painter.fillRect(frame, shade)
            painter.setPen(pal.color(QPalette.ColorRole.Mid))
            painter.drawRect(frame)
        painter.end()

    def _bands_picture(self) -> QPixmap:
        """The background and bands, drawn once per change: the strip repaints on every scroll
        and every highlight slice, and hundreds of bands took ~10 ms each time."""
        ratio = self.devicePixelRatioF()
        key = (self.width(), self.height(), ratio, theme.is_dark(), self._version)
        if self._picture[0] != key:
            bands = self._merged_bands()
            picture = QPixmap(max(1, round(self.width() * ratio)), max(1, round(self.height() * ratio)))
            picture.setDevicePixelRatio(ratio)
            picture.fill(self.palette().color(QPalette.ColorRole.AlternateBase))
            painter = QPainter(picture)
            for rect, colour in bands:
                painter.fillRect(rect, colour)
            painter.end()
            self._picture = (key, picture)
        return self._picture[1]

    def _merged_bands(self) -> list[tuple[QRectF, QColor]]:
        """The bands as drawn: a novel has thousands of paragraphs but the strip a few hundred
        pixels, so neighbours of one colour merge (drawn into the picture _bands_picture keeps)."""
        colours: dict[int, QColor] = {}
        spans: list[list] = []          # [top, bottom, colour]
        h, length, target = self.height(), self._length, self._target
        for p in self._paragraphs:
            grade = p["grade"]
            tier = 0 if grade <= target else 1 if grade <= target + 3 else 2
            colour = colours.get(tier)
            if colour is None:
                colour = colours[tier] = grade_colour(grade, target)
            top = h * p["start"] / length
            bottom = max(top + 2.0, h * p["end"] / length)     # as _band: thin bands stay visible
            if spans and spans[-1][2] is colour and top <= spans[-1][1] + 0.5:
                spans[-1][1] = max(spans[-1][1], bottom)
            else:
                spans.append([top, bottom, colour])
        return [(QRectF(3, top, self.width() - 6, bottom - top), colour) for top, bottom, colour in spans]

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            p = self.paragraph_at(event.position().y())
            if p is not None:
                self.paragraph_clicked.emit(p["start"], p["end"])

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        p = self.paragraph_at(event.position().y())
        if p is None:
            QToolTip.hideText()
            return
        number = self._paragraphs.index(p) + 1
        QToolTip.showText(event.globalPosition().toPoint(),
                          f"Paragraph {number}: grade {p['grade']:.1f} (target {self._target:g}), "
                          f"{p.get('words', 0)} words", self)
