"""GUI work queued in pieces runs in order, one piece per turn, and a cleared queue runs no more."""
from __future__ import annotations

from PySide6.QtCore import QObject, QTimer

from reviewdesk.gui.turns import Turns


def test_steps_run_in_order_with_other_events_between(qtbot):
    owner = QObject()
    turns = Turns(owner)
    log: list[str] = []
    # A timer of the window's own, started with the steps: it gets its turn before the last step.
    for name in ("a", "b", "c", "d", "e"):
        turns.later(lambda name=name: log.append(name))
    QTimer.singleShot(0, lambda: log.append("other"))
    qtbot.waitUntil(lambda: len(log) == 6, timeout=2000)
    assert [x for x in log if x != "other"] == ["a", "b", "c", "d", "e"]
    assert log.index("other") < 4


def test_clear_drops_the_steps_left(qtbot):
    owner = QObject()
    turns = Turns(owner)
    log: list[str] = []
    turns.later(lambda: log.append("first"))
    turns.later(lambda: log.append("second"))
    turns.clear()
    turns.later(lambda: log.append("new draft"))
    qtbot.wait(50)
    assert log == ["new draft"]
    assert len(turns) == 0
