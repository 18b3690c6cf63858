"""The status-bar widget for running checks: each check's progress, the overall bar, and Cancel."""
from __future__ import annotations

from PySide6.QtCore import QSize, QTimer, Signal
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QToolButton, QWidget

from . import theme

class ThinBar(QWidget):
    """A flat progress bar. QProgressBar repaints at once on every setValue (20 ms a time in a
    busy window); this one only asks for a repaint."""

    def __init__(self, height: int = 6, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._value, self._maximum, self._height = 0, 1, height
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFixedHeight(height)

    def sizeHint(self) -> QSize:
        return QSize(120, self._height)

    def value(self) -> int:
        return self._value

    def set_progress(self, value: int, maximum: int) -> None:
        if (value, maximum) != (self._value, self._maximum):
            self._value, self._maximum = value, max(1, maximum)
            self.update()

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        pal = self.palette()
        painter.fillRect(self.rect(), pal.color(QPalette.ColorRole.Midlight))
        done = self.rect()
        done.setWidth(int(self.width() * min(1.0, self._value / self._maximum)))
        painter.fillRect(done, pal.color(QPalette.ColorRole.Highlight))
        painter.end()


_MARKS = {"ok": "\u2713", "failed": "\u2717", "unavailable": "\u2013", "cancelled": "\u2013"}


class CheckStatusBar(QWidget):
    cancel_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._names: dict[str, str] = {}
        self._fractions: dict[str, float] = {}
        self._results: dict[str, str] = {}
        self.label = QLabel()
        self.label.setObjectName("checkStatus")
        self.bar = ThinBar(8)
        self.bar.setFixedWidth(120)
        self.cancel = QToolButton()
        self.cancel.setIcon(theme.icon("cancel"))
        self.cancel.setText("Cancel")
        self.cancel.setToolTip("Stop the checks that are running (Esc)")
        self.cancel.setAutoRaise(True)
        self.cancel.clicked.connect(self.cancel_requested)
        # Hidden between runs but still holding their place: the status bar keeps its size, so
        # checks starting and ending do not relayout (and repaint) the whole window.
        for widget in (self.bar, self.cancel):
            policy = widget.sizePolicy()
            policy.setRetainSizeWhenHidden(True)
            widget.setSizePolicy(policy)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel)
        # Progress arrives many times a second from every job; the label follows at 5 Hz.
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(200)
        self._timer.timeout.connect(self._refresh)
        self._refresh()

    def reset(self) -> None:
        self._names.clear()
        self._fractions.clear()
        self._results.clear()
        self._refresh()

    def started(self, check_id: str, name: str) -> None:
        if not self.running:
            self._results.clear()
            self._names.clear()
        self._names[check_id] = name
        self._fractions[check_id] = 0.0
        self._results.pop(check_id, None)
        self._refresh()

    def progressed(self, check_id: str, fraction: float) -> None:
        if check_id in self._fractions:
            self._fractions[check_id] = fraction
            if not self._timer.isActive():
                self._timer.start()

    def finished(self, check_id: str, status: str) -> None:
        self._fractions.pop(check_id, None)
        self._results[check_id] = status
        self._refresh()

    @property
    def running(self) -> bool:
        return bool(self._fractions)

    def text(self) -> str:
        return self.label.text()

    def _refresh(self) -> None:
        running = self.running
        self.bar.setVisible(running)
        self.cancel.setVisible(running)
        if running:
            # A check that has not reported any work yet is starting (its process building its
            # engine, or waiting for a free core), not "0%" done.
            parts = [f"{self._names.get(c, c)} {int(f * 100)}%" if f > 0 else f"{self._names.get(c, c)} starting"
                     for c, f in self._fractions.items()]
            parts += [f"{self._names.get(c, c)} {_MARKS.get(s, s)}" for c, s in self._results.items()]
            self.label.setText("Checking: " + " \u00b7 ".join(parts))
            total = len(self._fractions) + len(self._results)
            done = len(self._results) + sum(self._fractions.values())
            self.bar.set_progress(int(1000 * done / max(1, total)), 1000)
        elif self._results:
            failed = [self._names.get(c, c) for c, s in self._results.items() if s not in ("ok", "cancelled")]
            if failed:
                # A check that could not run is never "finished": say which, in the editor's words.
                self.label.setText(f"{len(failed)} of {len(self._results)} checks did not run: "
                                   f"{', '.join(failed)}")
            else:
                self.label.setText("Checks finished")
        else:
            self.label.setText("")
