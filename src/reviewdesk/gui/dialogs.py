"""Small dialogs: review settings (with the reviewer's name), About with versions, and the shortcut sheet."""
from __future__ import annotations

import html
from typing import Any, Iterable

from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QDoubleSpinBox,
                               QFormLayout, QGroupBox, QLabel, QLineEdit, QPushButton, QSpinBox,
                               QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget, QHeaderView)

from .. import __version__
from ..core.settings import Settings
from . import theme

_APPEARANCES = (("system", "Follow the desktop"), ("light", "Light"), ("dark", "Dark"))
_ENGINES = (("auto", "Automatic (LanguageTool if set up, else Harper)"), ("harper", "Harper only (offline)"),
            ("languagetool", "LanguageTool"), ("off", "Off"))


class SettingsDialog(QDialog):
    """Edits the reviewer's name and the review settings; the caller saves them and re-runs checks."""

    def __init__(self, reviewer: str, settings: Settings, checks: Iterable[Any],
                 parent: QWidget | None = None, appearance: str = "system") -> None:
        super().__init__(parent)
        self.setWindowTitle("ReviewDesk Settings")
        self._settings = settings
        self.reviewer = QLineEdit(reviewer)
        self.reviewer.setPlaceholderText("Your name on decisions, notes and exported comments")
        self.target = QDoubleSpinBox()
        self.target.setRange(1, 20)
        self.target.setDecimals(1)
        self.target.setSingleStep(0.5)
        self.target.setValue(settings.target_grade)
        self.skip_quotes = QCheckBox("Leave direct quotations alone in style checks")
        self.skip_quotes.setChecked(settings.skip_quotes)
        self.long_words = QSpinBox()
        self.long_words.setRange(10, 200)
        self.long_words.setValue(settings.long_sentence_words)
        self.long_words.setSuffix(" words")
        self.engine = QComboBox()
        for value, label in _ENGINES:
            self.engine.addItem(label, value)
        self.engine.setCurrentIndex(max(0, self.engine.findData(settings.grammar_engine)))
        self.lt_url = QLineEdit(settings.languagetool_url)
        self.lt_url.setPlaceholderText("http://localhost:8081 (optional LanguageTool server)")
        self.appearance = QComboBox()
        for value, label in _APPEARANCES:
            self.appearance.addItem(label, value)
        self.appearance.setCurrentIndex(max(0, self.appearance.findData(appearance)))
        self.appearance.setToolTip("Takes effect when ReviewDesk starts again.")
        self._check_boxes: dict[str, QCheckBox] = {}
        checks_box = QGroupBox("Checks to run")
        checks_layout = QVBoxLayout(checks_box)
        for check in checks:
            box = QCheckBox(f"{check.name}  ({', '.join(theme.category_label(c) for c in check.categories)})")
            box.setChecked(settings.is_enabled(check.id))
            self._check_boxes[check.id] = box
            checks_layout.addWidget(box)
        form = QFormLayout()
        form.addRow("Reviewer name", self.reviewer)
        form.addRow("Target reading grade", self.target)
        form.addRow("Long sentence from", self.long_words)
        form.addRow("", self.skip_quotes)
        form.addRow("Grammar engine", self.engine)
        form.addRow("LanguageTool server", self.lt_url)
        form.addRow("Appearance (on restart)", self.appearance)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(checks_box)
        layout.addWidget(buttons)

    def appearance_choice(self) -> str:
        return str(self.appearance.currentData())

    def reviewer_name(self) -> str:
        return self.reviewer.text().strip()

    def review_settings(self) -> Settings:
        chosen = tuple(cid for cid, box in self._check_boxes.items() if box.isChecked())
        enabled = () if len(chosen) == len(self._check_boxes) else chosen
        long_words = self.long_words.value()
        return self._settings.with_(
            target_grade=self.target.value(), skip_quotes=self.skip_quotes.isChecked(),
            long_sentence_words=long_words,
            very_long_sentence_words=max(self._settings.very_long_sentence_words, long_words + 1),
            grammar_engine=self.engine.currentData(), languagetool_url=self.lt_url.text().strip(),
            enabled=enabled)


def versions(database: str) -> list[tuple[str, str]]:
    from ..versions import component_versions
    import PySide6
    rows = [(name, value) for name, value in component_versions() if name != "Qt"]
    return [rows[0], ("Qt", qVersion()), ("PySide6", PySide6.__version__), *rows[1:],
            ("Database", database)]


class AboutDialog(QDialog):
    def __init__(self, database: str, parent: QWidget | None = None, engines: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle("About ReviewDesk")
        self.versions = versions(database)
        if engines:
            self.versions.append(("Grammar engines", engines))
        title = QLabel("<h2>ReviewDesk</h2><p>An editorial review desk for article drafts: grammar, "
                       "readability, repetition and editorial checks, with decisions and notes "
                       "kept in a review database.</p>")
        title.setWordWrap(True)
        title.setTextFormat(Qt.TextFormat.RichText)
        icon = QLabel()
        icon.setPixmap(theme.app_icon().pixmap(64, 64))
        rows = "".join(f"<tr><td><b>{html.escape(k)}</b>&nbsp;&nbsp;</td><td>{html.escape(v)}</td></tr>"
                       for k, v in self.versions)
        table = QLabel(f"<table>{rows}</table>")
        table.setTextFormat(Qt.TextFormat.RichText)
        table.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        copy = QPushButton("Copy Versions")
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(
            "\n".join(f"{k}: {v}" for k, v in self.versions)))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(icon)
        layout.addWidget(title)
        layout.addWidget(table)
        layout.addWidget(buttons)


class ShortcutSheet(QDialog):
    """Every action that has a shortcut, read from the actions themselves so it never goes stale."""

    def __init__(self, groups: list[tuple[str, list[QAction]]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard Shortcuts")
        rows: list[tuple[str, str, str]] = []
        for group, actions in groups:
            for action in actions:
                keys = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts()]
                if keys:
                    rows.append((group, action.text().replace("&", "").rstrip("\u2026"), ", ".join(keys)))
        self.table = QTableWidget(len(rows), 3)
        self.table.setObjectName("shortcutTable")
        self.table.setHorizontalHeaderLabels(["", "Action", "Keys"])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setShowGrid(False)
        for r, (group, text, keys) in enumerate(rows):
            for c, value in enumerate((group, text, keys)):
                self.table.setItem(r, c, QTableWidgetItem(value))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(520, 560)
