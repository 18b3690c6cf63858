"""The real checks in the window, the readability panel, export, About, the shortcut sheet, --screenshot."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QFormLayout, QMessageBox

from reviewdesk.checks.readability import ReadabilityCheck
from reviewdesk.core.settings import Settings
from reviewdesk.gui import export_dialog
from reviewdesk.gui.app import run_app
from reviewdesk.gui.dialogs import AboutDialog, ShortcutSheet


def test_sample_draft_gets_flags_from_every_builtin_check(qtbot, make_window, open_and_wait):
    window = open_and_wait(make_window(builtin=True), timeout=60000)
    assert window.controller.processes is not None
    c = window.controller
    assert {s.status for s in c.statuses.values()} == {"ok"}
    categories = {r.category for r in c.model.rows}
    # No spelling flag: the sample's names (Esper, Volker, Donbas...) are names, not typos.
    assert {"readability", "repetition", "consistency", "sourcing", "filler"} <= categories
    # Grammar ran, and recorded its flags, in a check process of its own.
    assert any(f.check == "grammar" for f in c.store.flags(c.record))
    window.view.painter.flush()
    assert not window.view.painter.busy


def test_readability_verdict_strip_and_jump(qtbot, make_window, open_and_wait):
    window = open_and_wait(make_window([ReadabilityCheck()]))
    metrics = window.controller.metrics["readability"]
    assert window.readability.verdict.text() == metrics["verdict"]
    # The scores fill in when the tab is shown (a hidden panel is not filled on every run).
    window.tabs.setCurrentWidget(window.readability)
    shown = {window.readability.scores_form.itemAt(i, QFormLayout.ItemRole.FieldRole).widget().text()
             for i in range(window.readability.scores_form.rowCount())
             if window.readability.scores_form.isRowVisible(i)}
    assert f"{metrics['scores']['grade']:.1f} (target 9)" in shown
    paragraphs = window.strip.paragraphs
    assert len(paragraphs) == len(metrics["paragraphs"]) > 10
    target = paragraphs[len(paragraphs) // 2]
    band = window.strip._band(target)
    qtbot.mouseClick(window.strip, Qt.MouseButton.LeftButton, pos=QPoint(8, int(band.center().y())))
    cursor = window.view.textCursor()
    assert window.view.offsets.from_qt(cursor.selectionStart()) == target["start"]


def test_export_writes_the_summary_and_says_where(qtbot, make_window, open_and_wait, monkeypatch, tmp_path):
    told = []
    monkeypatch.setattr(export_dialog, "show_written", lambda parent, path: told.append(path))
    monkeypatch.setattr("reviewdesk.gui.window_commands.show_written", lambda parent, path: told.append(path))
    window = open_and_wait(make_window())
    out = tmp_path / "summary.md"
    with qtbot.waitSignal(window.exported, timeout=20000):
        window.start_export("markdown", False, str(out))
    assert told == [str(out)]
    assert "Bakhmut" in out.read_text(encoding="utf-8")


def test_export_dialog_offers_formats_and_options(qtbot, make_window, open_and_wait, monkeypatch, tmp_path):
    window = open_and_wait(make_window())
    started = []
    monkeypatch.setattr(window, "start_export", lambda *a, **k: started.append((a, k)))
    pending = sum(1 for r in window.controller.model.rows if r.status == "pending")
    said = []

    def choose(dialog):
        said.append(dialog.pending_label.text())
        dialog.format.setCurrentIndex(dialog.format.findData("csv"))
        dialog.include_dismissed.setChecked(True)
        dialog.include_pending.setChecked(True)
        dialog.path.setText(str(tmp_path / "out.csv"))
        return export_dialog.ExportDialog.DialogCode.Accepted

    monkeypatch.setattr(export_dialog.ExportDialog, "exec", choose)
    window.actions["export"].trigger()
    assert said == [f"{pending} findings are still pending: the summary lists accepted findings only, "
                    "unless you include them."]
    assert started == [(("csv", True, str(tmp_path / "out.csv")),
                        {"include_pending": True, "include_unchecked_claims": False})]


def test_about_names_qt_harper_textstat_and_the_database(qtbot, store):
    about = AboutDialog(store.database_info())
    qtbot.addWidget(about)
    names = dict(about.versions)
    assert {"Qt", "Harper", "textstat", "Database"} <= set(names)
    assert names["Database"].startswith("SQLite")


def test_f1_sheet_lists_the_review_keys(qtbot, make_window, monkeypatch):
    window = make_window()
    seen = []
    monkeypatch.setattr(ShortcutSheet, "exec", lambda self: seen.append(self) or 0)
    window.flag_panel.table.setFocus()
    qtbot.keyClick(window.flag_panel.table, Qt.Key.Key_F1)
    table = seen[0].table
    rows = {table.item(r, 1).text(): table.item(r, 2).text() for r in range(table.rowCount())}
    assert rows["Accept"] == "A" and rows["Dismiss"] == "D"
    assert rows["Next Pending Flag"] == "J"


def test_screenshot_mode_saves_the_window_and_exits_zero(qtbot, tmp_path, monkeypatch, sample):
    monkeypatch.setattr(QMessageBox, "exec", lambda self: 0)
    out = tmp_path / "shot.png"
    code = run_app(str(sample), db_url=str(tmp_path / "shot.db"), screenshot=str(out),
                   settings=Settings(enabled=("repetition",)))
    assert code == 0
    image = QImage(str(out))
    assert image.width() > 800 and image.height() > 500


def test_screenshot_of_a_missing_file_exits_two(qtbot, tmp_path, capsys):
    code = run_app(str(tmp_path / "nope.txt"), db_url=str(tmp_path / "shot.db"),
                   screenshot=str(tmp_path / "shot.png"), settings=Settings(enabled=("repetition",)))
    assert code == 2
    assert "no such file" in capsys.readouterr().err
    assert not Path(tmp_path / "shot.png").exists()


def test_claims_tab_marks_a_claim_and_keeps_it(qtbot, make_window, open_and_wait, sample):
    settings = Settings(grammar_engine="harper", enabled=("claims",))
    window = open_and_wait(make_window(builtin=True, settings=settings))
    panel = window.claims
    assert panel.model.rowCount() > 5
    panel.table.selectRow(0)
    claim_id = panel.model.claims[0].id
    panel.buttons.button(1).click()                      # Verified
    qtbot.keyClicks(panel.note, "Checked with the agency wire.")
    window.close()
    again = open_and_wait(make_window(builtin=True, settings=settings))
    stored = {c.id: c for c in again.controller.claims}
    assert stored[claim_id].status == "verified"
    assert stored[claim_id].note == "Checked with the agency wire."
