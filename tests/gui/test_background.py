"""Checks run in the pool: results per check, cancel, a broken check, and a draft opened over another."""
from __future__ import annotations

from reviewdesk.core.settings import Settings

from gui_fakes import BoomCheck, GateCheck, WordCheck


def test_first_results_show_while_a_slow_check_still_runs(qtbot, make_window):
    gate = GateCheck()
    window = make_window([WordCheck("words", "spelling", ("Bakhmut",)), gate])
    with qtbot.waitSignal(window.controller.rows_changed, timeout=5000,
                          check_params_cb=lambda _change: any(r.check == "words" for r in window.controller.model.rows)):
        window.open_path(str(_sample()))
    assert "gate" in window.controller.running_checks
    assert "Gate" in window.check_status.text()
    with qtbot.waitSignal(window.checks_settled, timeout=5000):
        gate.release.set()
    assert any(r.check == "gate" for r in window.controller.model.rows)


def test_cancel_stops_a_running_check_and_keeps_nothing_of_it(qtbot, make_window):
    gate = GateCheck()
    window = make_window([gate])
    with qtbot.waitSignal(window.controller.check_started, timeout=5000):
        window.open_path(str(_sample()))
    qtbot.waitUntil(gate.started.is_set, timeout=5000)
    with qtbot.waitSignal(window.checks_settled, timeout=5000):
        window.check_status.cancel.click()
    assert window.controller.running_checks == []
    assert window.controller.statuses["gate"].status == "cancelled"
    gate.release.set()
    assert window.controller.store.flags(window.controller.record) == []


def test_a_check_that_raises_is_reported_and_the_others_go_on(qtbot, make_window, open_and_wait):
    window = open_and_wait(make_window([BoomCheck(), WordCheck("words", "spelling", ("Bakhmut",))]))
    assert any(r.check == "words" for r in window.controller.model.rows)
    assert "the boom check broke on purpose" in window.alerts.problem_label.text()
    assert "boom" in window.statusBar().currentMessage()


def test_opening_a_second_draft_drops_the_first_drafts_results(qtbot, make_window, tmp_path):
    gate = GateCheck()
    window = make_window([gate, WordCheck("words", "spelling", ("second",))])
    first = _sample()
    second = tmp_path / "second.txt"
    second.write_text("The second draft.\n\nIt is short and second to none.\n", encoding="utf-8")
    with qtbot.waitSignal(window.controller.document_opened, timeout=5000):
        window.open_path(str(first))
    qtbot.waitUntil(gate.started.is_set, timeout=5000)
    first_record = window.controller.record
    with qtbot.waitSignal(window.checks_settled, timeout=5000):
        window.open_path(str(second))
        gate.release.set()          # the first draft's job finishes now, too late to count
    c = window.controller
    assert c.doc.path == str(second)
    assert all(r.places[0][1] <= len(c.doc.text) for r in c.model.rows)
    assert {r.check for r in c.model.rows} == {"words", "gate"}
    assert c.store.flags(first_record) == []       # nothing was written for the first draft


def test_open_failure_is_one_clear_sentence_in_a_dialog(qtbot, make_window, monkeypatch, tmp_path):
    from PySide6.QtWidgets import QMessageBox
    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda self: shown.append(self.text()) or 0)
    window = make_window()
    with qtbot.waitSignal(window.controller.open_failed, timeout=5000):
        window.open_path(str(tmp_path / "missing.txt"))
    assert shown == ["missing.txt: no such file."]
    assert not window.controller.is_open


def test_settings_change_runs_the_checks_again(qtbot, make_window, open_and_wait):
    window = open_and_wait(make_window())
    with qtbot.waitSignal(window.checks_settled, timeout=5000):
        window.controller.set_settings(Settings(grammar_engine="harper", enabled=("words",)))
    assert {r.check for r in window.controller.model.rows if r.active} == {"words"}


def _sample():
    from pathlib import Path
    return Path(__file__).resolve().parents[2] / "seeds" / "bakhmut-draft.txt"
