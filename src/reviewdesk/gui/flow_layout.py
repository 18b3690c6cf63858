"""A box that wraps its widgets onto new lines, for the filter chips in a narrow panel.

It places its children itself on resize: simpler than a QLayout subclass, and it only ever
holds a handful of chips.
"""
from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QSizePolicy, QWidget


class FlowBox(QWidget):
    def __init__(self, parent: QWidget | None = None, spacing: int = 4) -> None:
        super().__init__(parent)
        self._widgets: list[QWidget] = []
        self._spacing = spacing
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def set_widgets(self, widgets: list[QWidget]) -> None:
        if widgets == self._widgets:
            return
        for w in self._widgets:
            if w not in widgets:
                w.hide()
        self._widgets = list(widgets)
        for w in self._widgets:
            w.setParent(self)
            w.show()
        self._arrange(self.width(), move=True)
        self.updateGeometry()

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(width, move=False)

    def sizeHint(self) -> QSize:
        width = max(self.width(), 200)
        return QSize(width, self._arrange(width, move=False))

    def minimumSizeHint(self) -> QSize:
        widest = max((w.sizeHint().width() for w in self._widgets), default=0)
        return QSize(widest, self._arrange(max(self.width(), widest), move=False))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._arrange(event.size().width(), move=True)
        if self._arrange(event.size().width(), move=False) != self.height():
            self.updateGeometry()

    def _arrange(self, width: int, move: bool) -> int:
        x = y = line = 0
        for w in self._widgets:
            hint = w.sizeHint()
            if x + hint.width() > width and line > 0:
                x, y, line = 0, y + line + self._spacing, 0
            if move:
                w.setGeometry(x, y, hint.width(), hint.height())
            x += hint.width() + self._spacing
            line = max(line, hint.height())
        return y + line
