"""The selected flag in full: message, suggestions, every place it occurs, the decision buttons and its note.

The note is saved as it is typed, half a second after the last keystroke, and at once when the
selection moves on or the window closes (flush()).
"""
from __future__ import annotations

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QMenu,
                               QPlainTextEdit, QPushButton, QSizePolicy, QToolButton, QVBoxLayout, QWidget)

from . import theme
from .flag_model import Row

NOTE_DEBOUNCE_MS = 500
_CONTEXT = 40


def place_excerpt(text: str, start: int, end: int) -> str:
    """The passage with a little context either side, on one line."""
    before = text[max(0, start - _CONTEXT):start].split("\n")[-1]
    after = text[end:end + _CONTEXT].split("\n")[0]
    passage = " ".join(text[start:end].split())
    return f"\u2026{' '.join(before.split())} \u2039{passage}\u203a {' '.join(after.split())}\u2026"


# The places list and the note box, in a window of normal height and in a short one (set_compact).
PLACES_HEIGHT, NOTE_HEIGHT = 110, 96
COMPACT_PLACES_HEIGHT, COMPACT_NOTE_HEIGHT = 58, 52

class FlagDetail(QWidget):
    accept_requested = Signal()
    dismiss_requested = Signal()
    dismiss_similar_requested = Signal()
    reset_requested = Signal()
    delete_note_requested = Signal(str)
    place_changed = Signal(int)
    note_edited = Signal(str, str)          # row key, body

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._row: Row | None = None
        self._note_key: str | None = None
        self._note_dirty = False
        self._place = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(NOTE_DEBOUNCE_MS)
        self._timer.timeout.connect(self.flush)

        self.kind = QLabel()
        self.kind.setTextFormat(Qt.TextFormat.PlainText)
        self.kind.setObjectName("flagKind")
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        font = self.message.font()
        font.setPointSizeF(font.pointSizeF() * 1.08)
        font.setBold(True)
        self.message.setFont(font)
        self.suggestions = QLabel()
        self.suggestions.setWordWrap(True)
        self.suggestions.setTextFormat(Qt.TextFormat.PlainText)

        self.place_label = QLabel()
        self.place_prev = self._tool("place-previous", "Previous place of this finding (Alt+Left)")
        self.place_next = self._tool("place-next", "Next place of this finding (Alt+Right)")
        self.place_prev.clicked.connect(lambda: self.step_place(-1))
        self.place_next.clicked.connect(lambda: self.step_place(1))
        self.places = QListWidget()
        self.places.setObjectName("placesList")
        self.places.setMaximumHeight(PLACES_HEIGHT)
        self.places.setUniformItemSizes(True)
        self.places.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.places.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.places.currentRowChanged.connect(self._on_places_current_row_changed)
        place_bar = QHBoxLayout()
        place_bar.setContentsMargins(0, 0, 0, 0)
        place_bar.addWidget(self.place_label)
        place_bar.addStretch(1)
        place_bar.addWidget(self.place_prev)
        place_bar.addWidget(self.place_next)
        self.place_box = QWidget()
        box = QVBoxLayout(self.place_box)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addLayout(place_bar)
        box.addWidget(self.places)

        self.accept_button = self._button("accept", "Accept", "A", self.accept_requested)
        self.dismiss_button = self._button("dismiss", "Dismiss", "D", self.dismiss_requested)
        self.similar_button = self._button("dismiss-all", "Dismiss All Like This", "Shift+D",
                                           self.dismiss_similar_requested)
        self.reset_button = self._button("undo", "Back to Pending", "P", self.reset_requested)
        self.delete_button = QPushButton(theme.icon("dismiss"), "Delete Note")
        self.delete_button.clicked.connect(self._on_delete_clicked)
        # "Add to dictionary" and "Ignore this rule": the window fills the menu as it opens.
        self.learn_button = QToolButton()
        self.learn_button.setObjectName("learnButton")
        self.learn_button.setText("Dictionary / Ignore")
        self.learn_button.setToolTip("Add the word to the dictionary, or ignore this rule, "
                                     "in this draft or in all drafts")
        self.learn_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.learn_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.learn_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.learn_menu = QMenu(self.learn_button)
        self.learn_button.setMenu(self.learn_menu)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        for b in (self.accept_button, self.dismiss_button, self.similar_button, self.reset_button,
                  self.delete_button, self.learn_button):
            buttons.addWidget(b)
        buttons.addStretch(1)

        self.note_label = QLabel("Note")
        self.note_state = QLabel()
        self.note_state.setObjectName("noteState")
        self.note = QPlainTextEdit()
        self.note.setObjectName("flagNote")
        self.note.setTabChangesFocus(True)
        self.note.setPlaceholderText("A note for the writer or the desk (N). Saved as you type.")
        self.note.setMaximumHeight(NOTE_HEIGHT)
        self.note.textChanged.connect(self._on_note_text_changed)
        note_bar = QHBoxLayout()
        note_bar.setContentsMargins(0, 0, 0, 0)
        note_bar.addWidget(self.note_label)
        note_bar.addStretch(1)
        note_bar.addWidget(self.note_state)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(5)
        layout.addWidget(self.kind)
        layout.addWidget(self.message)
        layout.addWidget(self.suggestions)
        layout.addWidget(self.place_box)
        layout.addLayout(buttons)
        layout.addLayout(note_bar)
        layout.addWidget(self.note)
        self.show_row(None, "")

    def _tool(self, icon_name: str, tip: str) -> QToolButton:
        b = QToolButton()
        b.setIcon(theme.icon(icon_name))
        b.setIconSize(QSize(16, 16))
        b.setToolTip(tip)
        b.setAutoRaise(True)
        return b

    def _button(self, icon_name: str, label: str, key: str, signal) -> QPushButton:
        b = QPushButton(theme.icon(icon_name), label)
        b.setToolTip(f"{label} ({QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText)})")
        b.setFocusPolicy(Qt.FocusPolicy.NoFocus)      # the keyboard stays on the list
        b.clicked.connect(signal.emit)
        return b

    @property
    def row(self) -> Row | None:
        return self._row

    @property
    def place(self) -> int:
        return self._place

    def set_compact(self, compact: bool) -> None:
        """A short window (960x600 beside a CMS): smaller places list and note box, so the flag
        list above keeps room for a screenful of findings."""
        self.places.setMaximumHeight(COMPACT_PLACES_HEIGHT if compact else PLACES_HEIGHT)
        self.note.setMaximumHeight(COMPACT_NOTE_HEIGHT if compact else NOTE_HEIGHT)

    def show_row(self, row: Row | None, text: str, place: int = 0) -> None:
        """Show a row (None: nothing selected); `text` is the draft, for the places' context."""
        if self._row is None or row is None or row.key != self._row.key:
            self.flush()
        same = row is not None and self._row is not None and row.key == self._row.key
        self._row = row
        self.setEnabled(row is not None)
        if row is None:
            self.kind.setText("No flag selected")
            self.message.setText("Pick a flag in the list, or click a highlighted passage.")
            for w in (self.suggestions, self.place_box, self.delete_button, self.reset_button,
                      self.learn_button):
                w.setVisible(False)
            self._set_note(None, "")
            return
        if row.is_flag:
            self.kind.setText(f"{theme.category_label(row.category)} \u00b7 "
                              f"{theme.severity_label(row.severity).lower()} \u00b7 {row.rule} \u00b7 "
                              f"{theme.status_label(row.status).lower()} \u00b7 line {row.line}")
        else:
            self.kind.setText(f"Note on a passage \u00b7 line {row.line}")
        message = row.message if row.is_flag else f"\u201c{row.excerpt}\u201d"
        # A merged finding (core/merge.py) says what each other check said of the same words.
        message += "".join(f"\n\nAlso ({rule}): {said}" for rule, said in row.also)
        self.message.setText(message)
        self.suggestions.setVisible(bool(row.suggestions))
        self.suggestions.setText("Suggested: " + ", ".join(f"\u201c{s}\u201d" for s in row.suggestions))
        for b in (self.accept_button, self.dismiss_button, self.similar_button):
            b.setVisible(row.is_flag)
            b.setEnabled(row.is_flag and row.active)
        self.accept_button.setEnabled(row.is_flag and row.decision != "accepted")
        self.dismiss_button.setEnabled(row.is_flag and row.decision != "dismissed")
        self.similar_button.setEnabled(row.is_flag and row.active)
        self.reset_button.setVisible(row.is_flag and row.reviewed)
        self.delete_button.setVisible(not row.is_flag)
        self.learn_button.setVisible(row.is_flag)
        multi = len(row.places) > 1
        self.place_box.setVisible(multi)
        if multi and not same:
            self.places.blockSignals(True)
            self.places.clear()
            for i, (a, b) in enumerate(row.places):
                line = text.count("\n", 0, a) + 1
                QListWidgetItem(f"{i + 1}. line {line}: {place_excerpt(text, a, b)}", self.places)
            self.places.blockSignals(False)
        self.note_label.setText("Note on this flag" if row.is_flag else "Note")
        if not same or self._note_key != row.key:
            self._set_note(row.key, row.note)
        self.set_place(place if not same else self._place, emit=False)

    def set_place(self, place: int, emit: bool = True) -> None:
        row = self._row
        count = len(row.places) if row else 0
        if not count:
            return
        self._place = place % count
        self.place_label.setText(f"Place {self._place + 1} of {count}")
        self.place_prev.setEnabled(count > 1)
        self.place_next.setEnabled(count > 1)
        if count > 1 and self.places.currentRow() != self._place:
            self.places.blockSignals(True)
            self.places.setCurrentRow(self._place)
            self.places.blockSignals(False)
        if emit:
            self.place_changed.emit(self._place)

    def step_place(self, step: int) -> None:
        if self._row is not None and len(self._row.places) > 1:
            self.set_place(self._place + step)

    def _on_places_current_row_changed(self, row: int) -> None:
        if row >= 0:
            self.set_place(row)

    def _on_delete_clicked(self) -> None:
        if self._row is not None and not self._row.is_flag:
            self._timer.stop()
            self._note_dirty = False
            self.delete_note_requested.emit(self._row.key)

    # -- the note ----------------------------------------------------------------------------
    def _set_note(self, key: str | None, body: str) -> None:
        self._note_key = key
        self.note.blockSignals(True)
        self.note.setPlainText(body)
        self.note.blockSignals(False)
        self._note_dirty = False
        self.note_state.setText("")

    def focus_note(self) -> None:
        if self._row is not None:
            self.note.setFocus(Qt.FocusReason.ShortcutFocusReason)
            self.note.moveCursor(self.note.textCursor().MoveOperation.End)

    def _on_note_text_changed(self) -> None:
        if self._note_key is None:
            return
        self._note_dirty = True
        self.note_state.setText("Editing\u2026")
        self._timer.start()

    def flush(self) -> None:
        """Save a note still waiting for its debounce."""
        self._timer.stop()
        if self._note_dirty and self._note_key is not None:
            self._note_dirty = False
            self.note_edited.emit(self._note_key, self.note.toPlainText())

    def mark_saved(self, ok: bool = True) -> None:
        self.note_state.setText("Saved" if ok else "Not saved")
