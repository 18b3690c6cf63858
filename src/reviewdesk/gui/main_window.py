"""The main window: the draft beside its flags, wired to the ReviewController and the keyboard."""
from __future__ import annotations

import os
from dataclasses import replace
from functools import partial
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QUndoStack
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QMainWindow, QSplitter, QTabWidget,
                               QVBoxLayout, QWidget)

from ..core.engine import Engine
from ..core.errors import ReviewdeskError
from ..core.settings import Settings
from . import theme
from .alerts import Alerts
from .check_processes import CheckProcesses
from .check_status import CheckStatusBar
from .claims_panel import ClaimsPanel
from .dialogs import ShortcutSheet
from .editor.draft_view import DraftView
from .editor.grade_strip import GradeStrip
from .editor.text_document import build_document
from .reviewer_banner import ReviewerBanner
from .flag_model import DISMISSED, PENDING, STATUS_FILTERS, RowsChange
from .flag_panel import FlagPanel
from .notes_panel import NotesPanel
from .prefs import Prefs
from .readability_panel import ReadabilityPanel
from .review import ReviewController
from .undo import push_decision
from .highlight_menu import fill_highlight_menu, findings_at, hover_card
from .window_actions import build_actions
from .window_commands import WindowCommands
from .window_learning import WindowLearning


class MainWindow(WindowLearning, WindowCommands, QMainWindow):
    checks_settled = Signal()           # every check of the open draft has finished or stopped
    exported = Signal(str)              # the summary file written

    def __init__(self, store: Any, *, engine: Engine | None = None, settings: Settings | None = None,
                 prefs: Prefs | None = None, warm: bool = True) -> None:
        super().__init__()
        self.prefs = prefs or Prefs()
        self.store = store
        base = self.prefs.review_settings(settings or Settings())
        # The built-in checks (no engine given) run in check processes; given checks run here.
        processes = CheckProcesses() if engine is None else None
        self.controller = ReviewController(store, engine, base, self.prefs.reviewer, self, processes)
        self.undo_stack = QUndoStack(self)
        self.alerts = Alerts(self)
        self.setWindowTitle("ReviewDesk")
        self.setWindowIcon(theme.app_icon())
        self.setAcceptDrops(True)
        self._build()
        font, margin = self.view.document_style()
        self.controller.text_builder = partial(build_document, font=font, margin=margin)
        self.actions = build_actions(self, self.undo_stack)
        self._connect()
        self._connect_learning()
        self._restore_layout()
        self._update_enabled()
        if warm:
            self.controller.warm()
            theme.warm_category_icons(sorted({cat for check in self.controller.engine.checks_for(base)
                                              for cat in check.categories} | {theme.NOTE}))

    # -- construction -------------------------------------------------------------------------
    def _build(self) -> None:
        c = self.controller
        self.view = DraftView()
        self.strip = GradeStrip()
        self.doc_header = QLabel("No draft open")
        self.doc_header.setObjectName("docHeader")
        self.doc_header.setContentsMargins(10, 6, 10, 6)
        self.doc_header.setTextFormat(Qt.TextFormat.PlainText)
        self.doc_header.setWordWrap(True)         # a long title wraps instead of widening the window
        text_area = QWidget()
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.view, 1)
        row.addWidget(self.strip)
        column = QVBoxLayout(text_area)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.doc_header)
        self.reviewer_banner = ReviewerBanner(self.prefs.reviewer)
        self.reviewer_banner.name_chosen.connect(self._on_reviewer_banner_name_chosen)
        self.reviewer_banner.setVisible(not self.prefs.reviewer_chosen)
        column.addWidget(self.reviewer_banner)
        column.addLayout(row, 1)
        self.flag_panel = FlagPanel(c.model)
        self.readability = ReadabilityPanel()
        self.claims = ClaimsPanel(c, self.alerts.error)
        self.notes = NotesPanel(c, self.alerts.error)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("sideTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.flag_panel, theme.icon("accept"), "Flags")
        self.tabs.addTab(self.readability, theme.category_icon("readability"), "Readability")
        self.tabs.addTab(self.claims, theme.category_icon("claims"), "Claims")
        self.tabs.addTab(self.notes, theme.category_icon(theme.NOTE), "Notes")
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(text_area)
        self.splitter.addWidget(self.tabs)
        # The side panel keeps its width when the window is resized; the draft takes the rest.
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 0)
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)
        self.check_status = CheckStatusBar()
        self.statusBar().addPermanentWidget(self.alerts.problem_label)
        self.statusBar().addPermanentWidget(self.check_status)

    def _connect(self) -> None:
        a, c, p = self.actions, self.controller, self.flag_panel
        a["open"].triggered.connect(self.choose_file)
        a["export"].triggered.connect(self.export_summary)
        a["close"].triggered.connect(self.close_draft)
        a["settings"].triggered.connect(self.edit_settings)
        a["quit"].triggered.connect(self.close)
        a["find"].triggered.connect(self._on_find_triggered)
        a["accept"].triggered.connect(lambda: self.decide("accepted"))
        a["dismiss"].triggered.connect(lambda: self.decide(DISMISSED))
        a["reset"].triggered.connect(lambda: self.decide(PENDING, advance=False))
        a["dismiss_similar"].triggered.connect(self.dismiss_similar)
        a["next"].triggered.connect(lambda: self.step(1))
        a["previous"].triggered.connect(lambda: self.step(-1))
        a["next_place"].triggered.connect(lambda: p.detail.step_place(1))
        a["previous_place"].triggered.connect(lambda: p.detail.step_place(-1))
        a["note"].triggered.connect(self.write_note)
        a["document_note"].triggered.connect(self._on_document_note_triggered)
        a["recheck"].triggered.connect(self._on_recheck_triggered)
        a["cancel"].triggered.connect(c.cancel_checks)
        for i, name in enumerate(("show_flags", "show_readability", "show_claims", "show_notes")):
            a[name].triggered.connect(lambda _c=False, i=i: self.tabs.setCurrentIndex(i))
        a["show_all"].triggered.connect(lambda: p.show_statuses(STATUS_FILTERS))
        a["show_pending"].triggered.connect(lambda: p.show_statuses([PENDING]))
        a["line_editing"].toggled.connect(p.line_button.setChecked)
        a["zoom_in"].triggered.connect(lambda: self.zoom(1))
        a["zoom_out"].triggered.connect(lambda: self.zoom(-1))
        a["zoom_reset"].triggered.connect(lambda: self.zoom(0))
        a["shortcuts"].triggered.connect(lambda: ShortcutSheet(self.actions.groups(), self).exec())
        a["about"].triggered.connect(self.show_about)
        self.actions.recent_menu.aboutToShow.connect(self._fill_recent_menu)

        c.opening.connect(self._on_controller_opening)
        c.open_failed.connect(self._on_controller_open_failed)
        c.document_opened.connect(self._on_controller_document_opened)
        c.document_closed.connect(self._on_controller_document_closed)
        c.rows_changed.connect(self._on_controller_rows_changed)
        c.metrics_changed.connect(self._on_controller_metrics_changed)
        c.check_started.connect(self.check_status.started)
        c.check_progress.connect(self.check_status.progressed)
        c.check_finished.connect(self._on_controller_check_finished)
        c.checks_done.connect(self._on_controller_checks_done)
        c.engines_warm.connect(self._on_controller_engines_warm)
        self.check_status.cancel_requested.connect(c.cancel_checks)
        c.runner.job_done.connect(self._on_runner_job_done)
        c.runner.job_failed.connect(self._on_runner_job_failed)

        p.current_changed.connect(self._on_panel_current_changed)
        p.filters_changed.connect(self._on_panel_filters_changed)
        p.sort_changed.connect(lambda mode: self.prefs.set_text("view/sort", mode))
        p.detail.place_changed.connect(lambda i: self.view.show_row(p.current_row(), i))
        p.detail.accept_requested.connect(lambda: self.decide("accepted"))
        p.detail.dismiss_requested.connect(lambda: self.decide(DISMISSED))
        p.detail.dismiss_similar_requested.connect(self.dismiss_similar)
        p.detail.reset_requested.connect(lambda: self.decide(PENDING, advance=False))
        p.detail.note_edited.connect(self._on_detail_note_edited)
        p.detail.delete_note_requested.connect(self._on_detail_delete_note_requested)
        self.view.passage_clicked.connect(self._on_view_passage_clicked)
        self.view.flag_menu_filler = self._fill_highlight_menu
        self.view.hover_text = lambda keys: hover_card(findings_at(self.controller.row, keys))
        self.view.note_requested.connect(self.add_passage_note)
        self.view.viewport_moved.connect(self._update_strip_view)
        self.strip.paragraph_clicked.connect(self.go_to_passage)
        self.readability.paragraph_activated.connect(self.go_to_passage)
        self.claims.claim_activated.connect(self.go_to_passage)
        self.notes.row_activated.connect(self._on_notes_row_activated)
        self.undo_stack.indexChanged.connect(lambda _i: self._update_enabled())

    def _on_controller_document_opened(self) -> None:
        c = self.controller
        doc = c.doc
        self.view.set_draft(doc.text, c.offsets, [(h.start, h.end, h.level) for h in doc.headings],
                            c.text_document, blocks=doc.blocks)
        self.view.painter.use_places(c.places)
        self.flag_panel.set_text(doc.text)
        name = os.path.basename(doc.path) if doc.path else "Untitled draft"
        self.setWindowTitle(f"{name} \u2014 ReviewDesk")
        self.doc_header.setText(f"{doc.title or name}   \u00b7   {name}, {doc.format.upper()}, "
                                f"{doc.word_count:,} words")
        self.strip.clear()
        self.readability.clear()
        self.alerts.status(f"Opened {name}; checking\u2026")
        self.flag_panel.table.setFocus()
        self._update_enabled()
        # The rest on the next turn (dropped if the draft is closed first): swapping in a novel's
        # text is already ~15 ms of this one.
        self.controller.later(self._settle_opened)

    def _settle_opened(self) -> None:
        c, doc = self.controller, self.controller.doc
        self.flag_panel.set_categories(cat for check in c.engine.checks_for(c.settings)
                                       for cat in check.categories)
        if doc.path:
            self.prefs.add_recent(doc.path)
            self.prefs.set_last_folder(os.path.dirname(doc.path))

    def _on_controller_document_closed(self) -> None:
        self.view.clear_draft()
        self.flag_panel.set_text("")
        self.flag_panel.clear_selection()
        self.strip.clear()
        self.readability.clear()
        self.check_status.reset()
        self.setWindowTitle("ReviewDesk")
        self.doc_header.setText("No draft open")
        self._update_enabled()

    # -- results ------------------------------------------------------------------------------
    def _on_controller_rows_changed(self, change: RowsChange) -> None:
        if change.full:
            self._repaint_flags()
        else:
            shows = self.flag_panel.proxy.shows
            shown = [r for r in change.upserted if self._highlighted(r, shows)]
            unshown = {r.key for r in change.upserted} - {r.key for r in shown}
            self.view.painter.update(shown, change.removed | unshown)
        self.flag_panel.set_progress(*self.controller.progress_counts(self.flag_panel.proxy.state.line_editing))
        self.flag_panel.refresh_detail()
        if not self.flag_panel.current_key and self.controller.model.rows:
            first = self.flag_panel.neighbour("", 1)
            if first and not self.check_status.running:
                self.flag_panel.select_key(first)
        self._update_enabled()

    @staticmethod
    def _highlighted(row, shows) -> bool:
        """What you filter is what you see: a passage is highlighted when its row is in the list."""
        return row.active and shows(row)

    def _repaint_flags(self) -> None:
        self._painted_view = self.flag_panel.proxy.state
        shows = self.flag_panel.proxy.shows
        self.view.painter.set_rows([r for r in self.controller.model.rows if self._highlighted(r, shows)])

    def _on_panel_filters_changed(self) -> None:
        state = self.flag_panel.filter_state()
        self.prefs.set_filters(state)
        a = self.actions["line_editing"]
        if a.isChecked() != state.line_editing:
            a.blockSignals(True)
            a.setChecked(state.line_editing)
            a.blockSignals(False)
        if self.flag_panel.proxy.state != getattr(self, "_painted_view", None):
            self._repaint_flags()

    def _on_controller_metrics_changed(self, check_id: str) -> None:
        if check_id in ("readability", "repetition") and self.controller.doc is not None:
            self.readability.show_line_editing(self.controller.metrics)
        if check_id != "readability" or self.controller.doc is None:
            return
        metrics = self.controller.metrics.get("readability") or {}
        self.readability.show_metrics(metrics, self.controller.doc.text)
        # The strip on a turn of its own: its bands for a novel's 2,000 paragraphs take ~10 ms.
        self.controller.later(partial(self._show_grades, metrics))

    def _show_grades(self, metrics: dict) -> None:
        self.strip.set_grades(metrics.get("paragraphs") or [], metrics.get("target_grade", 9),
                              len(self.controller.doc.text))
        self._update_strip_view()

    def _on_controller_check_finished(self, check_id: str, status: str, message: str) -> None:
        self.check_status.finished(check_id, status)
        if status not in ("ok", "cancelled") and message:
            self.alerts.check_problem(check_id, message)
        elif status == "ok" and message:
            self.alerts.status(message)

    def _on_controller_checks_done(self) -> None:
        reviewed, total = self.controller.progress_counts(self.flag_panel.proxy.state.line_editing)
        if self.controller.is_open:
            problems = list(self.alerts.problems.values())
            if problems:
                why = problems[0] if len(problems) == 1 else \
                    f"{len(problems)} checks had problems (see the warning on the right)."
                self.alerts.status(f"Not every check ran: {why} {total} flags so far.", 60)
            else:
                self.alerts.status(f"Checks finished: {total} flags, {reviewed} reviewed.", 30)
            if not self.flag_panel.current_key:
                first = self.flag_panel.neighbour("", 1)
                if first:
                    self.flag_panel.select_key(first)
        self.checks_settled.emit()

    def _on_controller_engines_warm(self, problem: str) -> None:
        if problem:
            self.alerts.check_problem("grammar", f"Grammar engine not ready: {problem}")

    def _update_strip_view(self) -> None:
        first, last = self.view.visible_blocks()
        starts = self.view.offsets.block_starts
        if not starts:
            return
        a = self.view.offsets.from_qt(starts[min(first, len(starts) - 1)])
        b = self.view.offsets.from_qt(starts[min(last, len(starts) - 1)]) if last < len(starts) else \
            len(self.controller.doc.text if self.controller.doc else "")
        self.strip.set_view(a, max(a, b))

    # -- the review flow ------------------------------------------------------------------------
    def _on_panel_current_changed(self, key: str) -> None:
        row = self.controller.row(key) if key else None
        self.view.show_row(row, 0)
        self._update_enabled()

    def decide(self, status: str, advance: bool = True) -> None:
        keys = self.flag_panel.selected_keys()
        rows = [r for r in (self.controller.row(k) for k in keys) if r is not None and r.is_flag]
        if not rows:
            return
        last = rows[-1].key
        following = self.flag_panel.neighbour(last, 1) if advance else ""
        if push_decision(self.undo_stack, self.controller, [r.key for r in rows], status,
                         self._on_undo_applied, self._decision_failed) and advance:
            if following and following not in keys:
                self.flag_panel.select_key(following)
            elif not self.flag_panel.neighbour(last, 1):
                self.alerts.status("No pending flags left in this view.")

    def dismiss_similar(self) -> None:
        row = self.flag_panel.current_row()
        if row is None or not row.is_flag:
            return
        keys = self.controller.similar_pending(row.key) or [row.key]
        following = self.flag_panel.neighbour(row.key, 1)
        while following in keys and following:
            following = self.flag_panel.neighbour(following, 1)
        if push_decision(self.undo_stack, self.controller, keys, DISMISSED, self._on_undo_applied,
                         self._decision_failed):
            self.alerts.status(f"Dismissed {len(keys)} flag{'s' if len(keys) != 1 else ''} "
                               f"like this ({row.rule}). Ctrl+Z brings them back.")
            if following:
                self.flag_panel.select_key(following)

    def _on_reviewer_banner_name_chosen(self, name: str) -> None:
        self.prefs.reviewer = name
        self.controller.reviewer = name
        self.alerts.status(f"Decisions and notes are now signed “{name}” (Settings changes it).")

    def zoom(self, step: int) -> None:
        """Ctrl+plus / Ctrl+minus / Ctrl+0: the draft's text size in steps, remembered."""
        current = self.view.zoom_steps
        wanted = 0 if step == 0 else max(-6, min(12, current + step))
        self.view.set_zoom(wanted)
        self.prefs.set_text("view/zoom", str(wanted))
        self.alerts.status(f"Text size {100 + wanted * 10}%")

    def step(self, direction: int) -> None:
        key = self.flag_panel.neighbour(self.flag_panel.current_key, direction, pending_only=False)
        if key:
            self.flag_panel.select_key(key)
            self.tabs.setCurrentWidget(self.flag_panel)
        else:
            self.alerts.status("No pending flags in this view.")

    def _on_undo_applied(self, keys: list[str]) -> None:
        if keys:
            self.reveal(keys[0])

    def _decision_failed(self, message: str) -> None:
        self.alerts.error("Could not save the decision", message)

    def reveal(self, key: str) -> None:
        """Select a row, first turning on the filters that hide it."""
        row = self.controller.row(key)
        if row is None:
            return
        if not self.flag_panel.select_key(key):
            state = self.flag_panel.filter_state()
            status = row.status if row.is_flag or row.status == "outdated" else None
            self.flag_panel.set_filter_state(replace(
                state, hidden=state.hidden - {row.category}, text="",
                line_editing=state.line_editing or row.line_editing,
                statuses=state.statuses | ({status} if status else set()),
                min_severity=min(state.min_severity, row.severity) if row.is_flag else state.min_severity))
            self.flag_panel.select_key(key)
        self.tabs.setCurrentWidget(self.flag_panel)

    def _fill_highlight_menu(self, menu, keys: list[str]) -> None:
        """Right-click on a highlight: accept, dismiss, note, dictionary or ignore for each finding."""
        doc = self.controller.doc
        fill_highlight_menu(menu, findings_at(self.controller.row, keys), doc.text if doc else "",
                            select=self.reveal, decide=lambda status: self.decide(status, advance=False),
                            note=self.flag_panel.detail.focus_note, add_word=self.add_word,
                            ignore_rule=self.ignore_rule)

    def _on_view_passage_clicked(self, keys: list[str]) -> None:
        current = self.flag_panel.current_key
        # Clicking again where several flags overlap steps through them.
        key = keys[(keys.index(current) + 1) % len(keys)] if current in keys else keys[0]
        self.reveal(key)
        row = self.controller.row(key)
        if row is not None and len(row.places) > 1:
            pos = self.view.offsets.from_qt(self.view.textCursor().position())
            place = next((i for i, (s, e) in enumerate(row.places) if s <= pos <= e), 0)
            self.flag_panel.detail.set_place(place)

    def _on_notes_row_activated(self, key: str) -> None:
        self.reveal(key)

    def go_to_passage(self, start: int, end: int) -> None:
        self.view.scroll_to(start, end)
        self.view.setTextCursor(self.view.cursor_for(start, end))

    # -- notes --------------------------------------------------------------------------------
    def write_note(self) -> None:
        span = self.view.selected_span() if self.view.hasFocus() or not self.flag_panel.current_key else None
        if span is not None:
            self.add_passage_note(*span)
        elif self.flag_panel.current_row() is not None:
            self.tabs.setCurrentWidget(self.flag_panel)
            self.flag_panel.detail.focus_note()

    def add_passage_note(self, start: int, end: int) -> None:
        try:
            key = self.controller.add_span_note(start, end, "")
        except ReviewdeskError as exc:
            self.alerts.error("Could not add the note", str(exc))
            return
        if key:
            self.reveal(key)
            self.flag_panel.detail.focus_note()

    def _flush_notes(self) -> None:
        self.flag_panel.detail.flush()
        self.notes.flush()
        self.claims.flush()

    def _update_enabled(self) -> None:
        a, c = self.actions, self.controller
        row = self.flag_panel.current_row()
        is_flag = row is not None and row.is_flag
        for name in ("accept", "dismiss", "dismiss_similar", "reset"):
            a[name].setEnabled(is_flag)
        for name in ("export", "close", "recheck", "next", "previous", "document_note"):
            a[name].setEnabled(c.is_open)
        a["note"].setEnabled(c.is_open)
        multi = row is not None and len(row.places) > 1
        a["next_place"].setEnabled(multi)
        a["previous_place"].setEnabled(multi)

    # -- closing ---------------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        self._flush_notes()
        self.save_layout()
        self.controller.shutdown()
        event.accept()
