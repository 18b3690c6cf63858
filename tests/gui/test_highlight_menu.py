"""Right-click and hover on a highlight: the findings on the passage and the keyboard's actions."""
from __future__ import annotations

from PySide6.QtWidgets import QMenu


def _point_of(window, row):
    """A point in the view's viewport over the row's first place."""
    start, end = row.places[0]
    cursor = window.view.cursor_for(start, start + 1)
    rect = window.view.cursorRect(cursor)
    return rect.center()


def _actions(menu: QMenu) -> dict[str, object]:
    return {a.text(): a for a in menu.actions() if not a.isSeparator()}


def test_right_click_on_a_highlight_accepts_its_finding_through_the_undo_history(qtbot, make_window,
                                                                                 open_and_wait):
    window = open_and_wait(make_window())
    c = window.controller
    row = next(r for r in c.model.rows if r.is_flag and r.rule == "style.delve")
    window.view.painter.flush()
    window.view.scroll_to(*row.places[0])
    keys = window.view.keys_at_point(_point_of(window, row))
    assert row.key in keys
    menu = QMenu(window)
    window._fill_highlight_menu(menu, keys)
    acts = _actions(menu)
    assert any(row.message[:40] in t for t in acts)              # the finding is named
    assert {"Accept", "Dismiss", "Note on This Flag\u2026", "Dictionary / Ignore"} <= set(acts)
    acts["Accept"].trigger()
    assert c.row(row.key).decision == "accepted"
    assert window.flag_panel.current_key == row.key              # the decided finding is selected
    stored = {f.id: f.status for f in c.store.flags(c.record)}
    assert stored[row.key] == "accepted"
    window.undo_stack.undo()                                     # the same history as the A key
    assert c.row(row.key).decision == "pending"


def test_the_hover_card_lists_every_finding_on_the_passage(qtbot, make_window, open_and_wait):
    window = open_and_wait(make_window())
    c = window.controller
    row = next(r for r in c.model.rows if r.is_flag and r.rule == "style.delve")
    card = window.view.hover_text([row.key])
    assert row.message.split()[0] in card and "right-click" in card
    assert window.view.hover_text([]) == ""
