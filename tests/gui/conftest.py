"""GUI fixtures: a review database and QSettings in tmp_path, deterministic checks, and the window."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from reviewdesk.core.engine import Engine
from reviewdesk.core.flags import Severity
from reviewdesk.core.settings import Settings
from reviewdesk.gui.main_window import MainWindow
from reviewdesk.gui.prefs import Prefs
from reviewdesk.storage.store import ReviewStore

from gui_fakes import EchoCheck, WordCheck

SAMPLE = Path(__file__).resolve().parents[2] / "seeds" / "bakhmut-draft.txt"


@pytest.fixture(autouse=True)
def _qsettings_in_tmp(tmp_path: Path):
    """Anything that builds a default QSettings writes under tmp_path, never the user's settings."""
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))
    yield


@pytest.fixture(autouse=True)
def _no_unexpected_dialogs(monkeypatch):
    """A message box no test asked for fails the test at once instead of waiting for a click forever.

    Tests that expect a dialog patch QMessageBox.exec themselves, after this fixture.
    """
    def refuse(box: QMessageBox) -> int:
        raise AssertionError(f"unexpected dialog: {box.windowTitle()}: {box.text()}")
    monkeypatch.setattr(QMessageBox, "exec", refuse)
    yield


@pytest.fixture
def store(tmp_path: Path):
    s = ReviewStore(f"sqlite:///{tmp_path / 'review.db'}")
    yield s
    s.close()


@pytest.fixture
def prefs(tmp_path: Path) -> Prefs:
    p = Prefs(QSettings(str(tmp_path / "prefs.ini"), QSettings.Format.IniFormat))
    p.reviewer = "Ada Editor"
    return p


@pytest.fixture
def fake_checks():
    return [WordCheck("words", "spelling", ("Bakhmut", "Ukraine"), Severity.ERROR),
            WordCheck("style", "filler", ("delve", "important"), Severity.SUGGESTION),
            EchoCheck("Battle for Bakhmut")]


@pytest.fixture
def make_window(qtbot, store, prefs, fake_checks):
    """A window on the tmp store; pass checks=... for other engines."""
    windows = []

    def make(checks=None, settings: Settings | None = None, builtin: bool = False) -> MainWindow:
        """builtin=True: the real built-in checks, in check processes as in the app."""
        engine = None if builtin else Engine(checks if checks is not None else fake_checks)
        window = MainWindow(store, engine=engine, settings=settings or Settings(grammar_engine="harper"),
                            prefs=prefs, warm=False)
        qtbot.addWidget(window)
        window.resize(1200, 800)
        with qtbot.waitActive(window):
            window.show()
            window.activateWindow()
        windows.append(window)
        return window

    yield make
    for w in windows:
        w.controller.shutdown()


@pytest.fixture
def open_and_wait(qtbot):
    """Open a draft in a window and return once every check has finished."""
    def run(window: MainWindow, path: Path | str = SAMPLE, timeout: int = 20000) -> MainWindow:
        with qtbot.waitSignal(window.checks_settled, timeout=timeout):
            window.open_path(str(path))
        return window
    return run


@pytest.fixture
def sample() -> Path:
    return SAMPLE
