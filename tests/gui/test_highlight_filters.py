"""What you filter is what you see: the text's highlights follow every filter of the list."""
from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt


def _painted_rules(window) -> set[str]:
    """The rules of every row whose passage the painter highlights now."""
    painter = window.view.painter
    painter.flush()
    rows = {r.key: r for r in window.controller.model.rows}
    return {rows[k].rule for k in painter._signature if k in rows}


def test_severity_and_search_filters_apply_to_highlights(qtbot, make_window, open_and_wait):
    window = open_and_wait(make_window())
    assert _painted_rules(window) >= {"words.bakhmut", "style.delve"}
    panel = window.flag_panel
    panel.set_filter_state(replace(panel.filter_state(), min_severity=3))     # errors only
    painted = _painted_rules(window)
    assert "style.delve" not in painted and "words.bakhmut" in painted
    panel.set_filter_state(replace(panel.filter_state(), min_severity=0, text="delve"))
    assert _painted_rules(window) == {"style.delve"}


def test_an_accepted_flag_stays_listed_and_a_note_goes_to_it(qtbot, make_window, open_and_wait,
                                                              monkeypatch):
    window = open_and_wait(make_window())
    panel = window.flag_panel
    first = panel.neighbour("", 1)
    panel.select_key(first)
    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_A)
    moved_to = panel.current_key
    assert moved_to != first
    assert panel._proxy_index(first).isValid()          # still listed (dimmed), not gone
    qtbot.keyClick(panel.table, Qt.Key.Key_K)
    assert panel.current_key == first                    # K goes back to the flag just accepted
