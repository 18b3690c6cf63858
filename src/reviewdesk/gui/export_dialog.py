"""File > Export Summary: choose the format and options, write it in the pool, say where it went.

The export reads the review through its own Session in the worker (ReviewStore is thread-safe);
the window stays usable while a long PDF is written.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QLabel, QFileDialog,
                               QFormLayout, QHBoxLayout, QLineEdit, QMessageBox, QPushButton,
                               QVBoxLayout, QWidget)

from ..core.document import Document
from ..core.progress import Progress


def export_formats() -> list[tuple[str, str, str]]:
    """(format, label, extension) for every format the core can write."""
    from ..export import EXTENSIONS, FORMATS, LABELS
    return [(f, LABELS.get(f, f), EXTENSIONS.get(f, f".{f}")) for f in FORMATS]


def run_export(store: Any, record: Any, doc: Document, reviewer: str, include_dismissed: bool,
               fmt: str, out: str, progress: Progress, line_editing: bool = False,
               include_pending: bool = False, include_unchecked_claims: bool = False) -> str:
    """Pool thread: build the summary from the database and write it; returns the file written."""
    from ..core.summary import build_summary
    from ..export import export_summary

    progress.report(0.1, "Collecting the review")
    summary = build_summary(store, record, doc, reviewer=reviewer, include_dismissed=include_dismissed,
                            line_editing=line_editing, include_pending=include_pending,
                            include_unchecked_claims=include_unchecked_claims)
    progress.report(0.5, "Writing")
    written = export_summary(summary, fmt, out)
    progress.report(1.0, "Done")
    return str(written)


def default_path(doc: Document, extension: str) -> str:
    if doc.path:
        p = Path(doc.path)
        return str(p.with_name(f"{p.stem}-review{extension}"))
    return str(Path.home() / f"review{extension}")


class ExportDialog(QDialog):
    def __init__(self, doc: Document, fmt: str, include_dismissed: bool,
                 parent: QWidget | None = None, *, pending: int = 0, unchecked_claims: int = 0) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export Summary")
        self._doc = doc
        self._formats = export_formats()
        self.format = QComboBox()
        for f, label, ext in self._formats:
            self.format.addItem(f"{label} ({ext})", f)
        self.format.setCurrentIndex(max(0, self.format.findData(fmt)))
        self.include_dismissed = QCheckBox("Include dismissed flags")
        self.include_dismissed.setChecked(include_dismissed)
        # Say what the summary leaves out, and offer it, rather than dropping it without a word.
        self.include_pending = QCheckBox(
            f"Include the {pending} {'finding' if pending == 1 else 'findings'} not yet decided")
        self.include_pending.setObjectName("includePending")
        self.include_pending.setVisible(pending > 0)
        self.pending_label = QLabel(
            f"{pending} {'finding is' if pending == 1 else 'findings are'} still pending: the summary "
            "lists accepted findings only, unless you include them." if pending else
            "Every finding has been decided.")
        self.pending_label.setWordWrap(True)
        self.include_claims = QCheckBox(f"List the {unchecked_claims} claims nobody checked "
                                        "(otherwise they are counted)")
        self.include_claims.setVisible(unchecked_claims > 0)
        self.path = QLineEdit(default_path(doc, self._extension()))
        browse = QPushButton("Choose\u2026")
        browse.clicked.connect(self._on_browse_clicked)
        where = QHBoxLayout()
        where.addWidget(self.path, 1)
        where.addWidget(browse)
        form = QFormLayout()
        form.addRow("Format", self.format)
        form.addRow("", self.pending_label)
        form.addRow("", self.include_pending)
        form.addRow("", self.include_dismissed)
        form.addRow("", self.include_claims)
        form.addRow("Save as", where)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = buttons.addButton("Export", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.format.currentIndexChanged.connect(self._on_format_changed)
        self.resize(560, self.sizeHint().height())

    def _extension(self) -> str:
        fmt = self.format.currentData()
        return next((ext for f, _label, ext in self._formats if f == fmt), "")

    def _on_format_changed(self, _index: int) -> None:
        current = Path(self.path.text())
        self.path.setText(str(current.with_suffix(self._extension())))

    def _on_browse_clicked(self) -> None:
        ext = self._extension()
        chosen, _filter = QFileDialog.getSaveFileName(self, "Export Summary", self.path.text(),
                                                      f"{self.format.currentText()} (*{ext})")
        if chosen:
            self.path.setText(chosen if Path(chosen).suffix else chosen + ext)

    def choice(self) -> tuple[str, bool, str]:
        return self.format.currentData(), self.include_dismissed.isChecked(), self.path.text().strip()

    def extras(self) -> dict[str, bool]:
        """The other choices: pending findings and unchecked claims listed too."""
        return {"include_pending": not self.include_pending.isHidden() and self.include_pending.isChecked(),
                "include_unchecked_claims": not self.include_claims.isHidden()
                and self.include_claims.isChecked()}


def show_written(parent: QWidget, path: str) -> None:
    """Tell the editor where the summary went, with a way to get there."""
    box = QMessageBox(QMessageBox.Icon.Information, "Summary exported",
                      f"The summary was saved to\n{path}", QMessageBox.StandardButton.Close, parent)
    folder = box.addButton("Open Folder", QMessageBox.ButtonRole.ActionRole)
    opened = box.addButton("Open File", QMessageBox.ButtonRole.ActionRole)
    box.exec()
    if box.clickedButton() is folder:
        QDesktopServices.openUrl(QUrl.fromLocalFile(os.path.dirname(path)))
    elif box.clickedButton() is opened:
        QDesktopServices.openUrl(QUrl.fromLocalFile(path))
