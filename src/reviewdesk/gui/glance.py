"""The "At a glance" strip above the flag list: the few findings an editor should take first."""
from __future__ import annotations

from itertools import islice
from operator import attrgetter
from typing import Iterable

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QLabel, QToolButton, QVBoxLayout, QWidget

from ..core.ranking import ranked
from . import theme
from .flag_model import DISMISSED, PENDING, Row

GLANCE_ROWS = 4
COMPACT_BELOW = 560      # panel height (px) under which the strip gives its room to the list
_WIDTH = 90


class GlanceStrip(QWidget):
    """Up to four top findings (core/ranking.py) as one-line buttons; clicking one selects it."""

    activated = Signal(str)     # row key

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("glanceStrip")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(1)
        self.title = QLabel("At a glance")
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        layout.addWidget(self.title)
        self._buttons: list[QToolButton] = []
        for _ in range(GLANCE_ROWS):
            b = QToolButton()
            b.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            b.setAutoRaise(True)
            b.setIconSize(QSize(14, 14))
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            b.setSizePolicy(b.sizePolicy().horizontalPolicy().Expanding, b.sizePolicy().verticalPolicy())
            b.clicked.connect(lambda _c=False, button=b: self.activated.emit(button.property("key")))
            layout.addWidget(b)
            self._buttons.append(b)
        self.keys: list[str] = []
        self.compact = False
        self.setVisible(False)

    def minimumSizeHint(self) -> QSize:
        # The strip never sets the window's minimum height: in a short window it steps aside
        # (set_compact) rather than forcing the window taller than the screen.
        return QSize(0, 0)

    def set_compact(self, compact: bool) -> None:
        """In a short window the list needs the room more: the strip hides until there is space."""
        if compact != self.compact:
            self.compact = compact
            self.setVisible(bool(self.keys) and not compact)

    def set_rows(self, rows: Iterable[Row], line_editing: bool = False, in_rank_order: bool = False) -> None:
        """The open findings of the view, ranked; line-editing advice only when it is shown.

        in_rank_order: the rows are already ranked (the list's default order), so the first few
        open ones are the top; the list is not ranked a second time on every recount."""
        candidates = (r for r in rows if r.is_flag and r.active and r.decision == PENDING
                      and r.status != DISMISSED and (line_editing or not r.line_editing))
        if in_rank_order:
            top = list(islice(candidates, GLANCE_ROWS))
        else:
            top = ranked(list(candidates), rule=attrgetter("rule"), severity=attrgetter("severity"),
                         places=lambda r: len(r.places), start=attrgetter("start"))[:GLANCE_ROWS]
        keys = [r.key for r in top]
        if keys == self.keys:
            return
        self.keys = keys
        for b, row in zip(self._buttons, top + [None] * (GLANCE_ROWS - len(top))):
            b.setVisible(row is not None)
            if row is None:
                continue
            message = " ".join(row.message.split())
            shown = message if len(message) <= _WIDTH else message[:_WIDTH - 1] + "\u2026"
            b.setText(shown)
            b.setToolTip(f"{theme.category_label(row.category)}: {message}")
            b.setIcon(theme.category_icon(row.category))
            b.setProperty("key", row.key)
        self.setVisible(bool(top) and not self.compact)
