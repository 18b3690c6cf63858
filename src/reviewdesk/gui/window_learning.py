"""The window's dictionary, ignored rules and grammar engines: "Add to dictionary" and "Ignore this
rule" from the flag detail and the flag list's context menu, the dictionary dialog, the LanguageTool
download with its progress and Cancel, and which grammar engines ran (status bar, About).
A mixin of MainWindow, kept apart to keep each module to one job."""
from __future__ import annotations

from functools import partial

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QLabel, QMenu, QProgressDialog

from ..core.engine import OK
from ..core.errors import ReviewdeskError
from ..core.progress import CancelToken
from .dialogs import AboutDialog
from .dictionary import RULE, WORD, DictionaryDialog, fill_learn_menu

LT_TAG = "languagetool"


# The Englishes Harper spell-checks in; "" finds out from the draft's own spellings (checks/dialect.py).
DIALECTS = (("", "Detect from the draft"), ("en-US", "American English"), ("en-GB", "British English"),
            ("en-CA", "Canadian English"), ("en-AU", "Australian English"))


class WindowLearning:
    """Methods of MainWindow that change what the checks accept, and the grammar engines."""

    def _connect_learning(self) -> None:
        a, c, p = self.actions, self.controller, self.flag_panel
        self._lt_job = 0
        self._lt_dialog: QProgressDialog | None = None
        self.engine_label = QLabel()
        self.engine_label.setObjectName("grammarEngines")
        self.engine_label.setContentsMargins(10, 0, 4, 0)
        self.engine_label.setToolTip("The grammar engines that ran in the last check")
        self.statusBar().addPermanentWidget(self.engine_label)
        p.detail.learn_menu.aboutToShow.connect(self._on_learn_menu_about_to_show)
        p.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        p.table.customContextMenuRequested.connect(self._on_table_context_menu_requested)
        a["dictionary"].triggered.connect(self.edit_dictionary)
        a["download_lt"].triggered.connect(self.download_languagetool)
        c.check_finished.connect(self._on_learning_check_finished)
        c.document_opened.connect(self._update_learning_enabled)
        c.document_closed.connect(self._update_learning_enabled)
        c.runner.job_done.connect(self._on_lt_job_done)
        c.runner.job_failed.connect(self._on_lt_job_failed)
        c.runner.job_cancelled.connect(self._on_lt_job_cancelled)
        c.runner.job_progress.connect(self._on_lt_job_progress)
        self._build_dialect_menu()
        c.document_opened.connect(self._show_dialect)
        c.metrics_changed.connect(self._on_dialect_metrics_changed)
        self._update_learning_enabled()

    def _update_learning_enabled(self) -> None:
        self.actions["dictionary"].setEnabled(self.controller.is_open)
        self.dialect_menu.setEnabled(self.controller.is_open)

    # -- the draft's English ------------------------------------------------------------------------
    def _build_dialect_menu(self) -> None:
        """Review > Spelling: detect this draft's English, or choose it; kept with the draft's review."""
        menu = self.actions.menus["Review"].addMenu("&Spelling")
        menu.setObjectName("dialectMenu")
        group = QActionGroup(self)
        group.setExclusive(True)
        self.dialect_actions: dict[str, QAction] = {}
        for code, label in DIALECTS:
            action = QAction(label, self)
            action.setCheckable(True)
            action.setData(code)
            action.setObjectName(f"action_dialect_{code or 'detect'}")
            group.addAction(action)
            menu.addAction(action)
            if not code:
                menu.addSeparator()
            self.dialect_actions[code] = action
        group.triggered.connect(lambda action: self.set_dialect(str(action.data() or "")))
        self.dialect_menu = menu

    def set_dialect(self, code: str) -> None:
        """Spell-check this draft in `code` (en-GB, ...), or detect it (""); the checks run again."""
        c = self.controller
        if c.record is None:
            return
        c.store.set_review_setting(c.record, "dialect", code or None)
        c.relearn({"grammar", "consistency"})
        self._show_dialect()
        name = dict(DIALECTS).get(code, code)
        self.alerts.status(f"Spelling: {name}. Checking the draft again." if code else
                           "Spelling: detected from the draft. Checking it again.")

    def _show_dialect(self) -> None:
        c = self.controller
        chosen = c.settings.dialect if c.record is not None else ""
        action = self.dialect_actions.get(chosen) or self.dialect_actions[""]
        action.setChecked(True)
        detected = (c.metrics.get("grammar") or {}).get("dialect", "") if c.record is not None else ""
        label = "Detect from the draft" + (f" ({dict(DIALECTS).get(detected, detected)})" if detected else "")
        self.dialect_actions[""].setText(label)

    def _on_dialect_metrics_changed(self, check_id: str) -> None:
        if check_id == "grammar":
            self._show_dialect()

    # -- add to dictionary, ignore this rule ------------------------------------------------------
    def _fill_learn_menu(self, menu: QMenu) -> None:
        doc = self.controller.doc
        fill_learn_menu(menu, self.flag_panel.current_row(), doc.text if doc else "",
                        self.add_word, self.ignore_rule)

    def _on_learn_menu_about_to_show(self) -> None:
        menu = self.flag_panel.detail.learn_menu
        menu.clear()
        self._fill_learn_menu(menu)

    def _on_table_context_menu_requested(self, pos: QPoint) -> None:
        table = self.flag_panel.table
        index = table.indexAt(pos)
        if not index.isValid():
            return
        if not table.selectionModel().isSelected(index):
            table.setCurrentIndex(index)
        row = self.flag_panel.current_row()
        if row is None:
            return
        menu = QMenu(table)
        menu.setObjectName("flagContextMenu")
        if row.is_flag:
            for name in ("accept", "dismiss", "dismiss_similar", "note"):
                menu.addAction(self.actions[name])
            menu.addSeparator()
            self._fill_learn_menu(menu)
        else:
            menu.addAction(self.actions["note"])
        self._context_menu = menu          # kept for tests, which cannot click a popup
        menu.popup(table.viewport().mapToGlobal(pos))

    def add_word(self, word: str, all_drafts: bool) -> bool:
        """Accept `word` as correctly spelt, here or everywhere; the spelling checks run again."""
        return self._learn(WORD, word, all_drafts)

    def ignore_rule(self, rule: str, all_drafts: bool) -> bool:
        """Stop flagging `rule`, here or everywhere; its check runs again."""
        return self._learn(RULE, rule, all_drafts)

    def _learn(self, which: str, value: str, all_drafts: bool) -> bool:
        c = self.controller
        if c.record is None:
            return False
        record = None if all_drafts else c.record
        try:
            if which == WORD:
                self.store.add_word(value, record)
            else:
                self.store.ignore_rule(value, record)
        except ReviewdeskError as exc:
            self.alerts.error("Could not change the dictionary", str(exc))
            return False
        where = "all drafts" if all_drafts else "this draft"
        self.alerts.status(f"Added \u201c{value}\u201d to the dictionary for {where}; checking again\u2026"
                           if which == WORD else f"Ignoring {value} in {where}; checking again\u2026")
        c.relearn(self._checks_for(which, value))
        return True

    def _checks_for(self, which: str, value: str) -> set[str] | None:
        """The checks a dictionary word or rule can change (None: all of them)."""
        checks = self.controller.engine.checks_for(self.controller.settings)
        if which == WORD:
            return {ch.id for ch in checks if "spelling" in ch.categories} or None
        owner = {ch.id for ch in checks if value == ch.id or value.startswith(ch.id + ".")}
        return owner or None

    def edit_dictionary(self) -> None:
        c = self.controller
        if c.record is None:
            return
        dialog = DictionaryDialog(self.store, c.record, self.alerts.error, self)
        dialog.entry_removed.connect(lambda which, value: c.relearn(self._checks_for(which, value)))
        self._dictionary_dialog = dialog    # kept for tests, which cannot click a modal dialog
        dialog.exec()

    # -- grammar engines ----------------------------------------------------------------------------
    def _on_learning_check_finished(self, check_id: str, status: str, _message: str) -> None:
        state = self.controller.statuses.get(check_id)
        if check_id == "grammar" and status == OK and state is not None and state.engine:
            self.engine_label.setText(f"Grammar: {state.engine}")

    def grammar_engines(self) -> str:
        """Which grammar engines ran on the open draft, or the grammar check's last answer."""
        state = self.controller.statuses.get("grammar")
        if state is not None and state.status == OK and state.engine:
            return state.engine
        try:
            return self.controller.engine.check("grammar").engines_status() + " (not yet run on this draft)"
        except (KeyError, AttributeError):
            return "no grammar check"

    def show_about(self) -> None:
        try:
            database = self.store.database_info()
        except ReviewdeskError as exc:
            database = str(exc)
        AboutDialog(database, self, engines=self.grammar_engines()).exec()

    # -- LanguageTool download ------------------------------------------------------------------------
    def download_languagetool(self) -> int:
        """Download and start a local LanguageTool in the background, with progress and Cancel."""
        c = self.controller
        try:
            check = c.engine.check("grammar")
        except KeyError:
            self.alerts.error("LanguageTool is not available", "The grammar check is not installed.")
            return 0
        if self._lt_job:
            return self._lt_job
        token = CancelToken()
        dialog = QProgressDialog("Getting LanguageTool ready\u2026", "Cancel", 0, 1000, self)
        dialog.setObjectName("languagetoolProgress")
        dialog.setWindowTitle("Download LanguageTool")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.canceled.connect(partial(self._on_lt_dialog_canceled, token))
        self._lt_dialog = dialog
        self._lt_job = c.runner.submit(LT_TAG, partial(check.prepare_languagetool, c.base_settings), token)
        dialog.show()
        return self._lt_job

    def _end_lt(self) -> None:
        self._lt_job = 0
        if self._lt_dialog is not None:
            self._lt_dialog.hide()
            self._lt_dialog.deleteLater()
            self._lt_dialog = None

    def _on_lt_dialog_canceled(self, token: CancelToken) -> None:
        token.cancel()
        # The download stops at its next chunk; the window does not wait for it.
        self.controller.runner.forget(self._lt_job)
        self._end_lt()
        self.alerts.status("LanguageTool download cancelled.")

    def _on_lt_job_progress(self, job: int, tag: str, fraction: float, message: str) -> None:
        if tag == LT_TAG and job == self._lt_job and self._lt_dialog is not None:
            self._lt_dialog.setValue(int(max(0.0, min(1.0, fraction)) * 1000))
            if message:
                self._lt_dialog.setLabelText(message)

    def _on_lt_job_done(self, job: int, tag: str, label: object) -> None:
        if tag != LT_TAG or job != self._lt_job:
            return
        self._end_lt()
        engine = self.controller.base_settings.grammar_engine
        hint = "" if engine in ("auto", "languagetool") else \
            " Choose the auto or LanguageTool grammar engine in Settings to use it."
        self.alerts.status(f"LanguageTool is ready ({label}).{hint}", 30)
        if not hint:
            self.controller.relearn({"grammar"})

    def _on_lt_job_failed(self, job: int, tag: str, message: str) -> None:
        if tag == LT_TAG and job == self._lt_job:
            self._end_lt()
            self.alerts.error("Could not get LanguageTool", message)

    def _on_lt_job_cancelled(self, job: int, tag: str) -> None:
        if tag == LT_TAG and job == self._lt_job:
            self._end_lt()
