"""The one place the window tells the editor something went wrong.

Failed opens, saves and exports get a dialog with one clear sentence; check problems go to the
status bar (and stay listed on a warning label until the next run); an unexpected error shows
its traceback with the app and Qt versions, and is logged.
"""
from __future__ import annotations

import logging
import traceback

from PySide6.QtCore import QObject, Qt, qVersion
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QStatusBar

from .. import __version__
from . import theme

log = logging.getLogger(__name__)

STATUS_SECONDS = 10


class Alerts(QObject):
    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self._window = window
        self._problems: dict[str, str] = {}
        self.problem_label = QLabel()
        self.problem_label.setObjectName("checkProblems")
        self.problem_label.setTextFormat(Qt.TextFormat.PlainText)
        self.problem_label.setVisible(False)
        self.last_error = ""         # the last dialog's message, for tests and logs
        self.interactive = True      # False (--screenshot): no modal dialog may wait for a click

    @property
    def status_bar(self) -> QStatusBar:
        return self._window.statusBar()

    def error(self, title: str, message: str) -> None:
        """A dialog for something the editor asked for and did not get (open, save, export)."""
        self.last_error = message
        log.warning("%s: %s", title, message)
        if not self.interactive:
            return
        box = QMessageBox(QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok,
                          self._window)
        box.exec()

    def status(self, message: str, seconds: int = STATUS_SECONDS) -> None:
        self.status_bar.showMessage(message, seconds * 1000)

    def check_problem(self, check_id: str, message: str) -> None:
        """A check could not run or failed; the others go on. Listed until cleared."""
        self._problems[check_id] = message
        self.status(message)
        self._show_problems()

    def clear_problems(self) -> None:
        self._problems.clear()
        self._show_problems()

    @property
    def problems(self) -> dict[str, str]:
        return dict(self._problems)

    def _show_problems(self) -> None:
        count = len(self._problems)
        self.problem_label.setVisible(bool(count))
        if count:
            first = next(iter(self._problems.values()))
            self.problem_label.setText(f"\u26a0 {first}" if count == 1 else
                                       f"\u26a0 {count} checks had problems")
            self.problem_label.setToolTip("\n".join(self._problems.values()))
            colour = theme.category_colour("spelling").name()
            self.problem_label.setStyleSheet(f"QLabel#checkProblems {{ color: {colour}; }}")

    def crash(self, exc_type, exc, tb) -> None:
        """An error nobody expected: log it and show the details rather than vanish."""
        from ..logs import write_crash_report

        details = "".join(traceback.format_exception(exc_type, exc, tb))
        log.error("unexpected error\n%s", details)
        report = write_crash_report(details)
        self.last_crash_report = report
        if not self.interactive:
            return
        where = f" A report was written to {report}." if report else ""
        box = QMessageBox(QMessageBox.Icon.Critical, "ReviewDesk: unexpected error",
                          "Something went wrong inside ReviewDesk. Your decisions and notes are "
                          f"saved; you can go on working or restart the window.{where}",
                          QMessageBox.StandardButton.Ok, self._window)
        box.setDetailedText(f"ReviewDesk {__version__}, Qt {qVersion()}\n\n{details}")
        box.exec()
