"""The Readability tab: the verdict in plain words, the scores, and a chart of grade per paragraph.

Everything shown comes from the readability check's metrics; clicking a bar or a listed
paragraph jumps to it in the draft.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QMouseEvent, QPainter, QPalette, QPen
from PySide6.QtWidgets import (QFormLayout, QGroupBox, QLabel, QListWidget, QListWidgetItem,
                               QScrollArea, QToolTip, QVBoxLayout, QWidget)

from ..core.line_editing import line_editing_summary
from .editor.grade_strip import grade_colour

_SCORES = (("flesch_reading_ease", "Flesch reading ease", "higher is easier; 60\u201370 is plain English"),
           ("flesch_kincaid_grade", "Flesch\u2013Kincaid grade", ""),
           ("gunning_fog", "Gunning fog", ""),
           ("smog_index", "SMOG", ""),
           ("coleman_liau_index", "Coleman\u2013Liau", ""),
           ("automated_readability_index", "Automated readability", ""),
           ("dale_chall", "Dale\u2013Chall", "not a grade: under 5 is easy, over 9 is hard"))
_COUNTS = (("very_hard_sentences", "Very hard sentences"), ("hard_sentences", "Hard sentences"),
           ("long_sentences", "Long sentences"), ("passive_voice", "Passive voice"),
           ("adverbs", "Weakening adverbs"), ("complex_words", "Complex words"))
_ROLE = Qt.ItemDataRole.UserRole + 1


class GradeChart(QWidget):
    """Columns of grade per paragraph, in reading order, with the target as a line."""

    paragraph_clicked = Signal(int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumHeight(120)
        self.setMouseTracking(True)
        self._paragraphs: list[dict] = []
        self._target = 9.0

    def sizeHint(self) -> QSize:
        return QSize(300, 140)

    def set_data(self, paragraphs: list[dict], target: float) -> None:
        self._paragraphs, self._target = list(paragraphs), float(target)
        self.update()

    def _top(self) -> float:
        return max([self._target + 3.0] + [p["grade"] for p in self._paragraphs])

    def _index_at(self, x: float) -> int | None:
        n = len(self._paragraphs)
        if not n or self.width() <= 8:
            return None
        i = int((x - 4) / max(1e-6, (self.width() - 8) / n))
        return i if 0 <= i < n else None

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        pal = self.palette()
        area = QRectF(4, 6, self.width() - 8, self.height() - 20)
        painter.fillRect(self.rect(), pal.color(QPalette.ColorRole.Base))
        n = len(self._paragraphs)
        if not n:
            painter.setPen(pal.color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "No paragraphs scored yet")
            painter.end()
            return
        top = self._top()
        width = area.width() / n
        for i, p in enumerate(self._paragraphs):
            h = area.height() * min(p["grade"], top) / top
            bar = QRectF(area.left() + i * width, area.bottom() - h, max(1.0, width - (1 if width > 3 else 0)), h)
            painter.fillRect(bar, grade_colour(p["grade"], self._target))
        y = area.bottom() - area.height() * self._target / top
        pen = QPen(pal.color(QPalette.ColorRole.Text))
        pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.drawLine(QPointF(area.left(), y), QPointF(area.right(), y))
        painter.drawText(QRectF(area.left(), self.height() - 14, area.width(), 14),
                         Qt.AlignmentFlag.AlignLeft, f"target {self._target:g}  \u00b7  {n} paragraphs")
        painter.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        i = self._index_at(event.position().x())
        if i is not None and event.button() == Qt.MouseButton.LeftButton:
            p = self._paragraphs[i]
            self.paragraph_clicked.emit(p["start"], p["end"])

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        i = self._index_at(event.position().x())
        if i is None:
            QToolTip.hideText()
            return
        p = self._paragraphs[i]
        QToolTip.showText(event.globalPosition().toPoint(),
                          f"Paragraph {i + 1}: grade {p['grade']:.1f}, {p.get('words', 0)} words", self)


class ReadabilityPanel(QScrollArea):
    paragraph_activated = Signal(int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        body = QWidget()
        self.verdict = QLabel("Open a draft to see how easy it is to read.")
        self.verdict.setObjectName("readabilityVerdict")
        self.verdict.setWordWrap(True)
        font = self.verdict.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.verdict.setFont(font)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.chart = GradeChart()
        self.chart.paragraph_clicked.connect(self.paragraph_activated)
        self.hardest = QListWidget()
        self.hardest.setObjectName("hardestParagraphs")
        self.hardest.setMaximumHeight(150)
        self.hardest.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.hardest.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.hardest.itemClicked.connect(self._on_hardest_item_clicked)
        self.counts_form = QFormLayout()
        self.line_form = QFormLayout()
        line_box = QGroupBox("Line editing against targets")
        line_box.setToolTip("Echoes, passive voice, adverbs, hard sentences and complex words, "
                            "counted against house targets. View > Line-Editing Advice (Ctrl+L) "
                            "lists each one.")
        line_box.setLayout(self.line_form)
        self.line_box = line_box
        self.scores_form = QFormLayout()
        counts_box = QGroupBox("Sentences and words")
        counts_box.setLayout(self.counts_form)
        scores_box = QGroupBox("Formulas (textstat)")
        scores_box.setLayout(self.scores_form)
        self._fill(self.scores_form, [("", "")] * (len(_SCORES) + 1))     # made now, shown later
        chart_box = QGroupBox("Grade per paragraph (click to go there)")
        chart_layout = QVBoxLayout(chart_box)
        chart_layout.addWidget(self.chart)
        chart_layout.addWidget(QLabel("Hardest paragraphs"))
        chart_layout.addWidget(self.hardest)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.addWidget(self.verdict)
        layout.addWidget(self.summary)
        layout.addWidget(chart_box)
        layout.addWidget(line_box)
        layout.addWidget(counts_box)
        layout.addWidget(scores_box)
        layout.addStretch(1)
        self.setWidget(body)
        self._text = ""
        self._pending: tuple[dict[str, Any], str] | None = None
        self.clear()

    def clear(self) -> None:
        self.show_metrics({}, "")
        self.show_line_editing({})

    def show_line_editing(self, metrics: dict[str, Any]) -> None:
        """Counts against targets from every check's metrics (readability and repetition)."""
        items = line_editing_summary(metrics)
        self.line_box.setVisible(bool(items))
        self._fill(self.line_form, [(i.label[:1].upper() + i.label[1:],
                                     f"{i.count}  (aim for {i.target} or fewer)" + ("  ✖" if i.over else ""))
                                    for i in items])

    def show_metrics(self, metrics: dict[str, Any], text: str) -> None:
        self._text = text
        self.verdict.setText(metrics.get("verdict") or "Readability has not been checked yet.")
        # The rest waits until the tab is shown: filling a hidden panel for a novel cost 10-15 ms
        # of the GUI thread each time the readability check ended.
        self._pending = (metrics, text)
        if self.isVisible():
            self._show_pending()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._show_pending()

    def _show_pending(self) -> None:
        if self._pending is None:
            return
        metrics, text = self._pending
        self._pending = None
        scores = metrics.get("scores") or {}
        target = float(metrics.get("target_grade", 9))
        paragraphs = list(metrics.get("paragraphs") or [])
        if scores:
            self.summary.setText(
                f"{scores.get('words', 0):,} words \u00b7 {scores.get('sentences', 0):,} sentences \u00b7 "
                f"{scores.get('paragraphs', 0):,} paragraphs \u00b7 about "
                f"{scores.get('reading_time_minutes', 0):g} minutes to read")
        else:
            self.summary.setText("")
        self.chart.set_data(paragraphs, target)
        self.hardest.clear()
        for i, p in sorted(enumerate(paragraphs), key=lambda ip: -ip[1]["grade"])[:8]:
            if p["grade"] <= target:
                break
            excerpt = " ".join(text[p["start"]:p["end"]].split())[:90]
            item = QListWidgetItem(f"Grade {p['grade']:.1f} \u00b7 paragraph {i + 1}: {excerpt}\u2026")
            item.setData(_ROLE, (p["start"], p["end"]))
            item.setForeground(grade_colour(p["grade"], target))
            self.hardest.addItem(item)
        self._fill(self.counts_form, [(label, str((metrics.get("counts") or {}).get(key, "\u2013")))
                                      for key, label in _COUNTS])
        rows = [("Consensus grade", f"{scores['grade']:.1f} (target {target:g})")] if "grade" in scores else []
        for key, label, tip in _SCORES:
            if key in scores:
                rows.append((label, f"{float(scores[key]):.1f}" + (f"  ({tip})" if tip else "")))
        self._fill(self.scores_form, rows)

    @staticmethod
    def _fill(form: QFormLayout, rows: list[tuple[str, str]]) -> None:
        # Rows are made once, then reused or hidden: making and styling new labels each time a
        # check ended took 10-15 ms of the GUI thread.
        while form.rowCount() < len(rows):
            value = QLabel()
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(QLabel(), value)
        for i in range(form.rowCount()):
            form.setRowVisible(i, i < len(rows))
            if i < len(rows):
                label, value = rows[i]
                for role, text in ((QFormLayout.ItemRole.LabelRole, label),
                                   (QFormLayout.ItemRole.FieldRole, value)):
                    widget = form.itemAt(i, role).widget()
                    if widget.text() != text:
                        widget.setText(text)

    def _on_hardest_item_clicked(self, item: QListWidgetItem) -> None:
        start, end = item.data(_ROLE)
        self.paragraph_activated.emit(start, end)
