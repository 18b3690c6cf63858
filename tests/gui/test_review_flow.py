"""Working through flags from the keyboard: accept, dismiss, undo, redo, next/previous, dismiss all like this."""
from __future__ import annotations

from PySide6.QtCore import Qt


def _stored(window):
    c = window.controller
    return {f.id: f.status for f in c.store.flags(c.record)}


def _first(window):
    panel = window.flag_panel
    key = panel.neighbour("", 1)
    panel.select_key(key)
    panel.table.setFocus()
    return key


def test_accept_and_dismiss_with_a_and_d(qtbot, make_window, open_and_wait):
    window = open_and_wait(make_window())
    first = _first(window)
    qtbot.keyClick(window.flag_panel.table, Qt.Key.Key_A)
    second = window.flag_panel.current_key
    assert second and second != first          # moved on to the next pending flag
    qtbot.keyClick(window.flag_panel.table, Qt.Key.Key_D)
    stored = _stored(window)
    assert stored[first] == "accepted"
    assert stored[second] == "dismissed"
    reviewed, total = window.controller.progress_counts()
    assert window.flag_panel.progress_label.text() == f"2 of {total} reviewed"


def test_undo_and_redo_a_decision(qtbot, make_window, open_and_wait):
    window = open_and_wait(make_window())
    first = _first(window)
    qtbot.keyClick(window.flag_panel.table, Qt.Key.Key_A)
    qtbot.keyClick(window.flag_panel.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _stored(window)[first] == "pending"
    assert window.flag_panel.current_key == first     # undo brings the flag back into view
    qtbot.keyClick(window.flag_panel.table, Qt.Key.Key_Z,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert _stored(window)[first] == "accepted"


def test_j_and_k_step_through_pending_flags(qtbot, make_window, open_and_wait):
    window = open_and_wait(make_window())
    first = _first(window)
    qtbot.keyClick(window.flag_panel.table, Qt.Key.Key_J)
    second = window.flag_panel.current_key
    qtbot.keyClick(window.flag_panel.table, Qt.Key.Key_K)
    assert second != first
    assert window.flag_panel.current_key == first


def test_dismiss_all_like_this_in_one_undoable_step(qtbot, make_window, open_and_wait):
    window = open_and_wait(make_window())
    c = window.controller
    rule = "words.bakhmut"
    key = next(r.key for r in c.model.rows if r.rule == rule)
    window.flag_panel.select_key(key)
    qtbot.keyClick(window.flag_panel.table, Qt.Key.Key_D, Qt.KeyboardModifier.ShiftModifier)
    same = [r for r in c.model.rows if r.rule == rule]
    assert len(same) > 5
    assert all(_stored(window)[r.key] == "dismissed" for r in same)
    window.undo_stack.undo()
    assert all(_stored(window)[r.key] == "pending" for r in same)


def test_typing_a_in_the_note_does_not_accept(qtbot, make_window, open_and_wait):
    window = open_and_wait(make_window())
    first = _first(window)
    note = window.flag_panel.detail.note
    note.setFocus()
    qtbot.keyClicks(note, "a date")
    assert note.toPlainText() == "a date"
    assert _stored(window)[first] == "pending"


def test_multi_place_finding_steps_through_its_places(qtbot, make_window, open_and_wait):
    window = open_and_wait(make_window())
    c = window.controller
    echo = next(r for r in c.model.rows if r.rule == "echo.phrase")
    window.flag_panel.select_key(echo.key)
    detail = window.flag_panel.detail
    assert detail.place_label.text() == f"Place 1 of {len(echo.places)}"
    qtbot.keyClick(window.flag_panel.table, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert detail.place_label.text() == f"Place 2 of {len(echo.places)}"
    cursor = window.view.textCursor().position()
    assert window.view.offsets.from_qt(cursor) == echo.places[1][0]


def test_clicking_a_highlighted_passage_selects_its_flag(qtbot, make_window, open_and_wait):
    window = open_and_wait(make_window())
    c = window.controller
    target = next(r for r in c.model.rows if r.rule == "style.delve")
    window.view.painter.flush()
    window.view.scroll_to(*target.places[0])
    rect = window.view.cursorRect(window.view.cursor_for(target.places[0][0] + 1, target.places[0][0] + 1))
    qtbot.mouseClick(window.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.flag_panel.current_key == target.key
