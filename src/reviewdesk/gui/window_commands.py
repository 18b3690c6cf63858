"""The window's commands beyond the review flow: open (dialog, recent files, drag and drop),
export, settings, About, saving notes typed in the panels, and remembering the layout.
A mixin of MainWindow, kept apart to keep each module to one job."""
from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QFileDialog

from ..core.errors import ReviewdeskError
from ..core.loaders import FORMATS, OPEN_FILTER
from .dialogs import AboutDialog, SettingsDialog
from .export_dialog import ExportDialog, run_export, show_written


class WindowCommands:
    """Methods of MainWindow that talk to files, dialogs and QSettings."""

    def choose_file(self) -> None:
        folder = self.prefs.last_folder() or str(Path.home())
        path, _f = QFileDialog.getOpenFileName(self, "Open Draft", folder, f"{OPEN_FILTER};;All files (*)")
        if path:
            self.open_path(path)

    def open_path(self, path: str) -> None:
        self._flush_notes()
        self.undo_stack.clear()
        self.alerts.clear_problems()
        self.controller.reviewer = self.prefs.reviewer
        self.controller.open_path(path)

    def close_draft(self) -> None:
        self._flush_notes()
        self.undo_stack.clear()
        self.controller.close_document()

    def _on_controller_opening(self, path: str) -> None:
        self.alerts.status(f"Opening {os.path.basename(path)}\u2026")
        self.doc_header.setText(f"Opening {os.path.basename(path)}\u2026")

    def _on_controller_open_failed(self, path: str, message: str) -> None:
        self.doc_header.setText("No draft open")
        if not os.path.exists(path):
            self.prefs.forget_recent(os.path.abspath(path))
        self.alerts.error("Could not open the draft", message)
        self._update_enabled()

    def _fill_recent_menu(self) -> None:
        menu = self.actions.recent_menu
        menu.clear()
        for path in self.prefs.recent_files():
            menu.addAction(os.path.basename(path), lambda p=path: self.open_path(p)).setToolTip(path)
        if menu.isEmpty():
            menu.addAction("No recent drafts").setEnabled(False)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if any(Path(u.toLocalFile()).suffix.lower() in FORMATS for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        for url in event.mimeData().urls():
            if Path(url.toLocalFile()).suffix.lower() in FORMATS:
                event.acceptProposedAction()
                self.open_path(url.toLocalFile())
                return

    def _on_find_triggered(self) -> None:
        self.tabs.setCurrentWidget(self.flag_panel)
        self.flag_panel.search.setFocus()
        self.flag_panel.search.selectAll()

    def _on_recheck_triggered(self) -> None:
        self.alerts.clear_problems()
        self.controller.start_checks()

    def export_summary(self) -> None:
        c = self.controller
        if c.doc is None or c.record is None:
            return
        self._flush_notes()
        fmt = self.prefs.text("export/format", "docx")
        include = self.prefs.text("export/include_dismissed", "false") == "true"
        try:
            shows = self.flag_panel.proxy.state
            pending = sum(1 for r in c.model.rows if r.is_flag and r.active and r.status == "pending"
                          and (shows.line_editing or not r.line_editing))
            unchecked = sum(1 for cl in c.store.claims(c.record)
                            if cl.status == "unchecked" and not cl.note and cl.state == "active")
            dialog = ExportDialog(c.doc, fmt, include, self, pending=pending, unchecked_claims=unchecked)
        except ImportError as exc:
            self.alerts.error("Export is not available", f"The export module could not be loaded ({exc}).")
            return
        if dialog.exec() != ExportDialog.DialogCode.Accepted:
            return
        fmt, include, out = dialog.choice()
        self.prefs.set_text("export/format", fmt)
        self.prefs.set_text("export/include_dismissed", "true" if include else "false")
        self.start_export(fmt, include, out, **dialog.extras())

    def start_export(self, fmt: str, include_dismissed: bool, out: str, *,
                     include_pending: bool = False, include_unchecked_claims: bool = False) -> int:
        c = self.controller
        self.alerts.status(f"Exporting the {fmt} summary\u2026")
        line_editing = self.flag_panel.filter_state().line_editing   # the summary follows the view
        work = lambda progress: run_export(c.store, c.record, c.doc, c.reviewer, include_dismissed,  # noqa: E731
                                           fmt, out, progress, line_editing, include_pending,
                                           include_unchecked_claims)
        return c.runner.submit("export", work)

    def _on_runner_job_done(self, _job: int, tag: str, result: object) -> None:
        if tag == "export":
            self.alerts.status(f"Summary saved to {result}")
            self.exported.emit(str(result))
            show_written(self, str(result))

    def _on_runner_job_failed(self, _job: int, tag: str, message: str) -> None:
        if tag == "export":
            self.alerts.error("Could not export the summary", message)

    def edit_settings(self) -> None:
        c = self.controller
        dialog = SettingsDialog(self.prefs.reviewer, c.base_settings, c.engine.all_checks, self,
                                appearance=self.prefs.appearance)
        if dialog.exec() != SettingsDialog.DialogCode.Accepted:
            return
        if dialog.appearance_choice() != self.prefs.appearance:
            self.prefs.appearance = dialog.appearance_choice()
            self.alerts.status("The new appearance takes effect when ReviewDesk starts again.")
        if dialog.reviewer_name():
            self.prefs.reviewer = dialog.reviewer_name()
            c.reviewer = self.prefs.reviewer
            self.reviewer_banner.hide()
        new = dialog.review_settings()
        self.prefs.save_review_settings(new)
        if new != c.base_settings:
            self.alerts.clear_problems()
            c.set_settings(new)
            if c.doc is not None:
                self.flag_panel.set_categories(cat for check in c.engine.checks_for(c.settings)
                                               for cat in check.categories)

    def show_about(self) -> None:
        try:
            database = self.store.database_info()
        except ReviewdeskError as exc:
            database = str(exc)
        AboutDialog(database, self).exec()

    def _restore_layout(self) -> None:
        geometry = self.prefs.state("geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1440, 900)
        state = self.prefs.state("state")
        if state is not None:
            self.restoreState(state)
        for splitter in (self.splitter, self.flag_panel.splitter):
            saved = self.prefs.state(splitter.objectName())
            if saved is None or not splitter.restoreState(saved):
                splitter.setSizes([860, 580] if splitter is self.splitter else [520, 260])
        self.flag_panel.set_filter_state(self.prefs.filters())
        self.flag_panel.set_sort(self.prefs.text("view/sort", "rank") or "rank")
        try:
            zoom = int(self.prefs.text("view/zoom", "0") or 0)
        except ValueError:
            zoom = 0
        if zoom:
            self.view.set_zoom(max(-6, min(12, zoom)))

    def save_layout(self) -> None:
        self.prefs.set_state("geometry", self.saveGeometry())
        self.prefs.set_state("state", self.saveState())
        for splitter in (self.splitter, self.flag_panel.splitter):
            self.prefs.set_state(splitter.objectName(), splitter.saveState())
        self.prefs.set_filters(self.flag_panel.filter_state())
        self.prefs.sync()

    def _on_detail_note_edited(self, key: str, body: str) -> None:
        try:
            if key.startswith("note:"):
                self.controller.set_span_note(key, body)
            else:
                self.controller.set_flag_note(key, body)
        except ReviewdeskError as exc:
            self.flag_panel.detail.mark_saved(False)
            self.alerts.error("Could not save the note", str(exc))
            return
        self.flag_panel.detail.mark_saved(True)

    def _on_detail_delete_note_requested(self, key: str) -> None:
        try:
            self.controller.delete_span_note(key)
        except ReviewdeskError as exc:
            self.alerts.error("Could not delete the note", str(exc))

    def _on_document_note_triggered(self) -> None:
        self.tabs.setCurrentWidget(self.notes)
        self.notes.new_document_note()
