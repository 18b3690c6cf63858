"""Decisions, notes, filters and layout survive closing the window and opening the draft again."""
from __future__ import annotations

from PySide6.QtCore import Qt

from reviewdesk.gui.flag_filter import FilterState


def test_everything_is_restored_after_close_and_reopen(qtbot, make_window, open_and_wait, sample):
    window = open_and_wait(make_window())
    c = window.controller
    panel = window.flag_panel
    first = panel.neighbour("", 1)
    panel.select_key(first)
    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_A)
    second = panel.current_key
    qtbot.keyClick(panel.table, Qt.Key.Key_D)
    # A note on the flag now selected, typed and left to its debounce.
    noted = panel.current_key
    qtbot.keyClick(panel.table, Qt.Key.Key_N)
    qtbot.keyClicks(panel.detail.note, "Check this against the wire copy.")
    qtbot.keyClick(panel.detail.note, Qt.Key.Key_Return)
    qtbot.keyClicks(panel.detail.note, "Second line.")
    qtbot.waitUntil(lambda: c.row(noted).note.startswith("Check this"), timeout=3000)
    # A note on a passage selected in the text.
    window.view.setTextCursor(window.view.cursor_for(0, 6))
    window.add_passage_note(0, 6)
    qtbot.keyClicks(panel.detail.note, "Headline too long")
    # A note on the whole draft, typed and not waited for: closing must save it.
    window.notes.new_document_note()
    qtbot.keyClicks(window.notes.editor, "Send back to the writer.")
    window.close()

    again = open_and_wait(make_window(), sample)
    c2 = again.controller
    assert c2.row(first).decision == "accepted"
    assert c2.row(second).decision == "dismissed"
    assert c2.row(noted).note == "Check this against the wire copy.\nSecond line."
    span = [r for r in c2.model.rows if r.kind == "note"]
    assert [(r.places, r.note) for r in span] == [(((0, 6),), "Headline too long")]
    assert [n.body for n in c2.document_notes] == ["Send back to the writer."]
    assert again.flag_panel.progress_label.text().startswith("2 of ")


def test_filters_and_splitters_are_remembered(qtbot, make_window, open_and_wait):
    window = open_and_wait(make_window())
    window.flag_panel.set_filter_state(FilterState(hidden=frozenset({"filler"}),
                                                   statuses=frozenset({"pending", "accepted"}),
                                                   min_severity=1))
    window.splitter.setSizes([700, 500])
    sizes = window.splitter.sizes()
    window.close()
    again = make_window()
    state = again.flag_panel.filter_state()
    assert state.hidden == frozenset({"filler"})
    assert state.statuses == frozenset({"pending", "accepted"})
    assert state.min_severity == 1
    assert again.splitter.sizes()[1] == sizes[1]      # the side panel keeps its width


def test_recent_files_list_the_opened_draft(qtbot, make_window, open_and_wait, sample, prefs):
    open_and_wait(make_window(), sample)
    assert prefs.recent_files()[0] == str(sample)


def test_span_note_is_highlighted_and_listed(qtbot, make_window, open_and_wait):
    window = open_and_wait(make_window())
    key = window.controller.add_span_note(10, 20, "")
    window.view.painter.flush()
    block = window.view.document().findBlock(window.view.offsets.to_qt(10))
    assert key in window.view.painter.keys_at(block.blockNumber(), window.view.offsets.to_qt(12) - block.position())
    assert window.controller.row(key).category == "note"


def test_selecting_text_then_n_starts_a_passage_note(qtbot, make_window, open_and_wait):
    window = open_and_wait(make_window())
    view = window.view
    cursor = view.cursor_for(100, 120)
    view.setTextCursor(cursor)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_N)
    row = window.flag_panel.current_row()
    assert row is not None and row.kind == "note" and row.places == ((100, 120),)
    assert window.flag_panel.detail.note.hasFocus()
