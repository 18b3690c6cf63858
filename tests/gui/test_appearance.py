"""The dark appearance gives a dark palette the window's colours follow; the light one a light palette."""
from __future__ import annotations

import pytest
from PySide6.QtGui import QPalette

from reviewdesk.gui import theme


@pytest.fixture
def restore_palette(qapp):
    palette, style = QPalette(qapp.palette()), qapp.style().name()
    yield qapp
    qapp.setStyle(style)
    qapp.setPalette(palette)


def test_dark_and_light_appearances(restore_palette):
    app = restore_palette
    theme.apply_appearance(app, "dark")
    assert theme.is_dark()
    base, text = app.palette().color(QPalette.ColorRole.Base), app.palette().color(QPalette.ColorRole.Text)
    assert text.lightness() - base.lightness() > 150           # light text on a dark page, readable
    theme.apply_appearance(app, "light")
    assert not theme.is_dark()


def test_system_appearance_leaves_the_desktop_palette(restore_palette):
    app = restore_palette
    before = app.palette().color(QPalette.ColorRole.Base)
    theme.apply_appearance(app, "system")
    assert app.palette().color(QPalette.ColorRole.Base) == before


def test_appearance_chosen_in_settings_is_kept_for_the_next_start(qtbot, make_window, prefs, monkeypatch):
    from reviewdesk.gui.dialogs import SettingsDialog

    def choose_dark(dialog: SettingsDialog) -> int:
        dialog.appearance.setCurrentIndex(dialog.appearance.findData("dark"))
        return SettingsDialog.DialogCode.Accepted

    monkeypatch.setattr(SettingsDialog, "exec", choose_dark)
    window = make_window()
    assert prefs.appearance == "system"
    window.edit_settings()
    assert prefs.appearance == "dark"
    assert "starts again" in window.statusBar().currentMessage()
