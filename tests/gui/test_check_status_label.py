"""The status line's check progress: a check that has not reported work yet says it is starting."""
from __future__ import annotations

from reviewdesk.gui.check_status import CheckStatusBar


def test_a_check_with_no_work_reported_is_starting_then_shows_its_share(qtbot):
    status = CheckStatusBar()
    qtbot.addWidget(status)
    status.started("grammar", "Grammar and spelling")
    status.started("readability", "Readability")
    assert status.text() == "Checking: Grammar and spelling starting \u00b7 Readability starting"
    status.progressed("grammar", 0.4)
    qtbot.waitUntil(lambda: "Grammar and spelling 40%" in status.text(), timeout=2000)
    assert "Readability starting" in status.text()
    status.finished("grammar", "ok")
    status.finished("readability", "ok")
    assert status.text() == "Checks finished"
