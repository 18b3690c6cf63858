"""The Notes tab: notes on the whole draft (written here) and every note on a flag or passage (listed).

Document notes are saved as they are typed, within 100 ms of the last keystroke, and at once
when the editor loses focus, another note is picked or the window closes.
"""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPlainTextEdit,
                               QPushButton, QSplitter, QVBoxLayout, QWidget)

from ..core.errors import ReviewdeskError
from . import theme
from .review import ReviewController

_ID_ROLE = Qt.ItemDataRole.UserRole + 1
# A crash or kill loses at most this much typing (the issue asks for 100 ms).
SAVE_AFTER_MS = 80


def _first_line(text: str, limit: int = 90) -> str:
    line = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    return line if len(line) <= limit else line[:limit - 1] + "\u2026"


class NotesPanel(QWidget):
    row_activated = Signal(str)          # a flag or span-note row to show

    def __init__(self, controller: ReviewController, on_error: Callable[[str, str], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._controller = controller
        self._on_error = on_error
        self._editing: int | None = None
        self._dirty = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_AFTER_MS)
        self._timer.timeout.connect(self.flush)

        self.doc_list = QListWidget()
        self.doc_list.setObjectName("documentNotes")
        self.doc_list.currentItemChanged.connect(self._on_doc_list_current_item_changed)
        self.new_button = QPushButton(theme.icon("note"), "New Note on the Draft")
        self.new_button.clicked.connect(self.new_document_note)
        self.delete_button = QPushButton(theme.icon("dismiss"), "Delete")
        self.delete_button.clicked.connect(self._on_delete_clicked)
        self.editor = QPlainTextEdit()
        self.editor.setObjectName("documentNoteEditor")
        self.editor.setPlaceholderText("A note on the whole draft: what the writer should fix first, "
                                       "what the desk should know. Saved as you type.")
        self.editor.textChanged.connect(self._on_editor_text_changed)
        self.editor.installEventFilter(self)
        self.saved = QLabel()
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        buttons.addWidget(self.saved)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(8, 8, 8, 4)
        top_layout.addWidget(QLabel("Notes on the whole draft"))
        top_layout.addWidget(self.doc_list, 1)
        top_layout.addLayout(buttons)
        top_layout.addWidget(self.editor, 2)

        self.passage_list = QListWidget()
        self.passage_list.setObjectName("passageNotes")
        self.passage_list.setWordWrap(True)
        self.passage_list.itemActivated.connect(self._on_passage_list_item_activated)
        self.passage_list.itemClicked.connect(self._on_passage_list_item_activated)
        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(8, 4, 8, 8)
        bottom_layout.addWidget(QLabel("Notes on flags and passages (click to go there)"))
        bottom_layout.addWidget(self.passage_list, 1)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(bottom)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        controller.notes_changed.connect(self.refresh)
        controller.document_opened.connect(self.refresh)
        controller.document_closed.connect(self.refresh)
        controller.rows_changed.connect(lambda _change: self._refresh_passages())
        self.refresh()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt override)
        if watched is self.editor and event.type() == QEvent.Type.FocusOut:
            self.flush()
        return super().eventFilter(watched, event)

    def refresh(self) -> None:
        self._refresh_documents()
        self._refresh_passages()

    def _refresh_documents(self) -> None:
        current = self._editing
        self.doc_list.blockSignals(True)
        self.doc_list.clear()
        for note in self._controller.document_notes:
            when = note.updated_at.strftime("%d %b %H:%M") if note.updated_at else ""
            item = QListWidgetItem(theme.category_icon(theme.NOTE),
                                   f"{_first_line(note.body) or '(empty note)'} \u2014 {note.author}, {when}")
            item.setData(_ID_ROLE, note.id)
            self.doc_list.addItem(item)
            if note.id == current:
                self.doc_list.setCurrentItem(item)
        self.doc_list.blockSignals(False)
        if current is not None and all(n.id != current for n in self._controller.document_notes):
            self._load(None)
        has_doc = self._controller.record is not None
        self.new_button.setEnabled(has_doc)
        self.delete_button.setEnabled(self._editing is not None)
        self.editor.setEnabled(self._editing is not None)

    def _refresh_passages(self) -> None:
        self.passage_list.clear()
        for row in self._controller.model.rows:
            if not row.note.strip():
                continue
            where = f"line {row.line}" if row.active else "outdated"
            label = (f"{theme.category_label(row.category)} flag, {where}: \u201c{row.excerpt}\u201d"
                     if row.is_flag else f"Passage, {where}: \u201c{row.excerpt}\u201d")
            item = QListWidgetItem(theme.category_icon(row.category), f"{label}\n{_first_line(row.note, 160)}")
            item.setData(_ID_ROLE, row.key)
            self.passage_list.addItem(item)

    # -- document notes ----------------------------------------------------------------------
    def new_document_note(self) -> None:
        self.flush()
        try:
            note = self._controller.add_document_note("")
        except ReviewdeskError as exc:
            self._on_error("Could not add the note", str(exc))
            return
        if note is not None:
            self._editing = note.id
            self._refresh_documents()
            self._load(note.id)
            self.editor.setFocus()

    def _load(self, note_id: int | None) -> None:
        self._editing = note_id
        body = next((n.body for n in self._controller.document_notes if n.id == note_id), "")
        self.editor.blockSignals(True)
        self.editor.setPlainText(body)
        self.editor.blockSignals(False)
        self._dirty = False
        self.saved.setText("")
        self.editor.setEnabled(note_id is not None)
        self.delete_button.setEnabled(note_id is not None)

    def _on_doc_list_current_item_changed(self, current: QListWidgetItem | None, _previous) -> None:
        self.flush()
        self._load(current.data(_ID_ROLE) if current is not None else None)

    def _on_editor_text_changed(self) -> None:
        if self._editing is None:
            return
        self._dirty = True
        self.saved.setText("Editing\u2026")
        self._timer.start()

    def flush(self) -> None:
        """Write the note being typed now (before switching notes, drafts, or closing)."""
        self._timer.stop()
        if not self._dirty or self._editing is None:
            return
        self._dirty = False
        try:
            self._controller.set_document_note(self._editing, self.editor.toPlainText())
        except ReviewdeskError as exc:
            self.saved.setText("Not saved")
            self._on_error("Could not save the note", str(exc))
            return
        self.saved.setText("Saved")

    def _on_delete_clicked(self) -> None:
        if self._editing is None:
            return
        self._timer.stop()
        self._dirty = False
        try:
            self._controller.delete_document_note(self._editing)
        except ReviewdeskError as exc:
            self._on_error("Could not delete the note", str(exc))
        self._load(None)

    def _on_passage_list_item_activated(self, item: QListWidgetItem) -> None:
        key = item.data(_ID_ROLE)
        if key:
            self.row_activated.emit(key)
