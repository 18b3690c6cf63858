"""The reviewer's name is asked on first run (a banner, not a dialog) and signs every decision."""
from __future__ import annotations

from PySide6.QtCore import Qt


def test_first_run_asks_for_the_name_and_signs_decisions_with_it(qtbot, make_window, open_and_wait,
                                                                  prefs, monkeypatch):
    monkeypatch.delenv("REVIEWDESK_REVIEWER", raising=False)
    prefs.q.remove("review/reviewer")           # a first run: nobody has given a name yet
    window = open_and_wait(make_window())
    banner = window.reviewer_banner
    assert banner.isVisible()
    qtbot.keyClicks(banner.name, "Olena Kovalenko")
    assert banner.initials.text() == "(OK)"
    qtbot.keyClick(banner.name, Qt.Key.Key_Return)
    assert not banner.isVisible()
    assert prefs.reviewer == "Olena Kovalenko" and prefs.reviewer_chosen
    panel = window.flag_panel
    key = panel.neighbour("", 1)
    panel.select_key(key)
    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_A)
    c = window.controller
    [decided] = [f for f in c.store.flags(c.record) if f.id == key]
    assert decided.decided_by == "Olena Kovalenko"


def test_no_banner_once_a_name_is_known(qtbot, make_window, prefs, monkeypatch):
    monkeypatch.delenv("REVIEWDESK_REVIEWER", raising=False)
    prefs.reviewer = "Sam Roe"
    window = make_window()
    assert not window.reviewer_banner.isVisible()
