"""Text size with Ctrl+plus/minus/0 (remembered), and a window that works at 960x600."""
from __future__ import annotations


def test_zoom_in_out_and_reset_are_remembered(qtbot, make_window, open_and_wait, prefs):
    window = open_and_wait(make_window())
    size = window.view.document().defaultFont().pointSizeF()
    window.actions["zoom_in"].trigger()
    window.actions["zoom_in"].trigger()
    bigger = window.view.document().defaultFont().pointSizeF()
    assert bigger > size
    assert prefs.text("view/zoom") == "2"
    window.actions["zoom_out"].trigger()
    assert size < window.view.document().defaultFont().pointSizeF() < bigger
    window.actions["zoom_reset"].trigger()
    assert window.view.document().defaultFont().pointSizeF() == size
    assert prefs.text("view/zoom") == "0"
    assert [k.toString() for k in window.actions["zoom_in"].shortcuts()][0] == "Ctrl++"


def test_the_window_fits_half_a_full_hd_screen(qtbot, make_window, open_and_wait):
    window = open_and_wait(make_window())
    hint = window.minimumSizeHint()
    assert hint.width() <= 960 and hint.height() <= 600
    window.resize(960, 600)
    qtbot.waitUntil(lambda: window.width() == 960, timeout=2000)
    # Both the draft and the list keep a usable share of the width, and the list shows more
    # than five flags (the At a glance strip steps aside once the layout has settled).
    rows = window.flag_panel.table.verticalHeader().defaultSectionSize()
    qtbot.waitUntil(lambda: window.view.width() >= 300 and window.flag_panel.width() >= 300
                    and window.flag_panel.table.height() > 5 * rows, timeout=3000)
