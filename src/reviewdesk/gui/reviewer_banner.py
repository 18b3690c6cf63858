"""The first-run banner that asks who is reviewing, so decisions are not signed with the login name."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from ..core.summary import initials


class ReviewerBanner(QFrame):
    """A strip above the draft: "Sign your review: [name] (initials) [Save]". Not a modal dialog,
    so the editor can start reading at once and answer when ready."""

    name_chosen = Signal(str)

    def __init__(self, suggestion: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reviewerBanner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 4, 10, 4)
        label = QLabel("Sign your review: your name goes on decisions, notes and Word comments.")
        label.setWordWrap(True)
        self.name = QLineEdit()
        self.name.setObjectName("reviewerName")
        self.name.setPlaceholderText(suggestion or "Your name")
        self.name.setMinimumWidth(140)
        self.initials = QLabel("")
        self.initials.setToolTip("Initials shown on Word comments")
        self.save = QPushButton("Save")
        self.save.setEnabled(False)
        self.name.textChanged.connect(self._on_name_text_changed)
        self.name.returnPressed.connect(self._on_save_clicked)
        self.save.clicked.connect(self._on_save_clicked)
        row.addWidget(label, 1)
        row.addWidget(self.name)
        row.addWidget(self.initials)
        row.addWidget(self.save)

    def _on_name_text_changed(self, text: str) -> None:
        name = text.strip()
        self.save.setEnabled(bool(name))
        self.initials.setText(f"({initials(name)})" if name else "")

    def _on_save_clicked(self) -> None:
        name = self.name.text().strip()
        if name:
            self.hide()
            self.name_chosen.emit(name)
