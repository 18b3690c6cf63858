"""An unexpected error writes a crash report (versions and traceback) to the log folder."""
from __future__ import annotations

import sys


def test_a_crash_writes_its_report_to_the_log_folder(qtbot, make_window, tmp_path, monkeypatch):
    monkeypatch.setenv("REVIEWDESK_LOG_DIR", str(tmp_path / "logs"))
    window = make_window()
    window.alerts.interactive = False          # the dialog is not shown in tests
    try:
        raise RuntimeError("a bug on purpose")
    except RuntimeError:
        window.alerts.crash(*sys.exc_info())
    [report] = list((tmp_path / "logs").glob("crash-*.txt"))
    text = report.read_text(encoding="utf-8")
    assert "RuntimeError: a bug on purpose" in text
    assert "ReviewDesk" in text and "Harper" in text and "Qt" in text
    assert window.alerts.last_crash_report == report
