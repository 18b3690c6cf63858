"""GUI fixtures: a review database and QSettings in tmp_path, deterministic checks, and the window."""
from __future__ import annotations

import re
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from reviewdesk.core.engine import Engine
from reviewdesk.core.flags import Flag, Severity, Span
from reviewdesk.core.settings import Settings
from reviewdesk.gui.main_window import MainWindow
from reviewdesk.gui.prefs import Prefs
from reviewdesk.storage.store import ReviewStore

SAMPLE = Path(__file__).resolve().parents[2] / "seeds" / "bakhmut-draft.txt"


class WordCheck:
    """Flags every occurrence of some words: a check whose answer a test can predict."""

    def __init__(self, check_id: str, category: str, words: tuple[str, ...],
                 severity: Severity = Severity.WARNING) -> None:
        self.id, self.name, self.categories = check_id, check_id.capitalize(), (category,)
        self._pattern = re.compile(r"\b(" + "|".join(map(re.escape, words)) + r")\b", re.IGNORECASE)
        self._severity = severity

    def run(self, doc, ctx):
        for m in self._pattern.finditer(doc.text):
            yield Flag(self.id, f"{self.id}.{m.group(1).lower()}", self.categories[0], m.start(), m.end(),
                       f"\u201c{m.group(1)}\u201d flagged.", self._severity)


class EchoCheck:
    """One multi-place finding: every occurrence of a phrase, linked."""

    id, name, categories = "echo", "Echo", ("repetition",)

    def __init__(self, phrase: str) -> None:
        self._phrase = phrase

    def run(self, doc, ctx):
        places = tuple(Span(m.start(), m.end()) for m in re.finditer(re.escape(self._phrase), doc.text))
        if len(places) > 1:
            yield Flag(self.id, "echo.phrase", "repetition", places[0].start, places[0].end,
                       f"\u201c{self._phrase}\u201d appears {len(places)} times.", occurrences=places)


class GateCheck:
    """Waits (reporting progress, so it can be cancelled) until the test opens its gate."""

    id, name, categories = "gate", "Gate", ("grammar",)

    def __init__(self) -> None:
        self.release = threading.Event()
        self.started = threading.Event()

    def run(self, doc, ctx):
        self.started.set()
        while not self.release.wait(0.01):
            ctx.progress.report(0.5, "waiting")
        return [Flag(self.id, "gate.word", "grammar", 0, 4, "Gate flag.")]


class BoomCheck:
    id, name, categories = "boom", "Boom", ("grammar",)

    def run(self, doc, ctx):
        raise RuntimeError("the boom check broke on purpose")


@pytest.fixture(autouse=True)
def _qsettings_in_tmp(tmp_path: Path):
    """Anything that builds a default QSettings writes under tmp_path, never the user's settings."""
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))
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

    def make(checks=None, settings: Settings | None = None, engine: Engine | None = None) -> MainWindow:
        engine = engine or Engine(checks if checks is not None else fake_checks)
        window = MainWindow(store, engine=engine, settings=settings or Settings(grammar_engine="harper"),
                            prefs=prefs, warm=False)
        qtbot.addWidget(window)
        window.resize(1200, 800)
        window.show()
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
