"""The dictionary and ignored rules, as the editor sees them: the learn menu of a flag and the dialog
that lists the words and rules (this draft, all drafts) and removes them."""
from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QListWidget,
                               QListWidgetItem, QMenu, QPushButton, QVBoxLayout, QWidget)

from ..core.errors import ReviewdeskError
from .flag_model import Row

THIS_DRAFT, ALL_DRAFTS = "this draft", "all drafts"
WORD, RULE = "word", "rule"


def flagged_word(row: Row, text: str) -> str:
    """The word a spelling flag is about ("" for any other flag)."""
    if not row.is_flag or row.category != "spelling" or not row.places:
        return ""
    start, end = row.places[0]
    return " ".join(text[start:end].split())


def fill_learn_menu(menu: QMenu, row: Row | None, text: str,
                    add_word: Callable[[str, bool], None], ignore_rule: Callable[[str, bool], None]) -> None:
    """Add "Add to dictionary" (spelling flags) and "Ignore this rule" entries for `row` to `menu`.

    The callbacks take (word or rule, for_all_drafts)."""
    if row is None or not row.is_flag:
        return
    word = flagged_word(row, text)
    if word:
        menu.addAction(f"Add \u201c{word}\u201d to the Dictionary for This Draft",
                       lambda: add_word(word, False)).setObjectName("learn_word_draft")
        menu.addAction(f"Add \u201c{word}\u201d to the Dictionary for All Drafts",
                       lambda: add_word(word, True)).setObjectName("learn_word_all")
        menu.addSeparator()
    rule = row.rule
    menu.addAction(f"Ignore Rule {rule} in This Draft",
                   lambda: ignore_rule(rule, False)).setObjectName("ignore_rule_draft")
    menu.addAction(f"Ignore Rule {rule} in All Drafts",
                   lambda: ignore_rule(rule, True)).setObjectName("ignore_rule_all")


class DictionaryDialog(QDialog):
    """Lists the words and ignored rules that apply to the open draft; Remove takes one out."""

    entry_removed = Signal(str, str)      # WORD | RULE, the word or rule

    def __init__(self, store: Any, record: Any, on_error: Callable[[str, str], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Dictionary and Ignored Rules")
        self._store, self._record, self._on_error = store, record, on_error
        self.words = self._list("dictionaryWords")
        self.rules = self._list("ignoredRules")
        remove_word = QPushButton("Remove Word")
        remove_word.clicked.connect(lambda: self.remove_selected(WORD))
        remove_rule = QPushButton("Remove Rule")
        remove_rule.clicked.connect(lambda: self.remove_selected(RULE))
        columns = QHBoxLayout()
        for title, widget, button in (("Words the checks accept", self.words, remove_word),
                                      ("Rules that are ignored", self.rules, remove_rule)):
            box = QVBoxLayout()
            box.addWidget(QLabel(title))
            box.addWidget(widget, 1)
            box.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
            columns.addLayout(box)
        hint = QLabel("Removing an entry runs the affected checks again, so its flags come back.")
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        self.resize(620, 420)
        self.reload()

    @staticmethod
    def _list(name: str) -> QListWidget:
        widget = QListWidget()
        widget.setObjectName(name)
        widget.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        return widget

    def reload(self) -> None:
        for widget, read in ((self.words, self._store.words), (self.rules, self._store.ignored_rules)):
            widget.clear()
            everywhere = read(None)
            here = read(self._record.id) - everywhere if self._record is not None else set()
            for value, scope in sorted([(v, ALL_DRAFTS) for v in everywhere] +
                                       [(v, THIS_DRAFT) for v in here], key=lambda e: e[0].casefold()):
                item = QListWidgetItem(f"{value}   ({scope})", widget)
                item.setData(Qt.ItemDataRole.UserRole, (value, scope))

    def entries(self, which: str) -> list[tuple[str, str]]:
        """(value, scope) of every entry listed, for tests and the window."""
        widget = self.words if which == WORD else self.rules
        return [widget.item(i).data(Qt.ItemDataRole.UserRole) for i in range(widget.count())]

    def remove(self, which: str, value: str, scope: str) -> bool:
        """Take one entry out of the store; False (and a dialog) when the store refuses."""
        record = None if scope == ALL_DRAFTS else self._record
        try:
            if which == WORD:
                self._store.remove_word(value, record)
            else:
                self._store.unignore_rule(value, record)
        except ReviewdeskError as exc:
            self._on_error("Could not change the dictionary", str(exc))
            return False
        self.entry_removed.emit(which, value)
        return True

    def remove_selected(self, which: str) -> None:
        widget = self.words if which == WORD else self.rules
        chosen = [item.data(Qt.ItemDataRole.UserRole) for item in widget.selectedItems()]
        for value, scope in chosen:
            self.remove(which, value, scope)
        if chosen:
            self.reload()
