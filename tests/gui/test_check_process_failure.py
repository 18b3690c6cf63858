"""A check process that cannot start is a failed check with its reason, never "checks finished"."""
from __future__ import annotations

import multiprocessing.spawn

import pytest


@pytest.fixture
def broken_interpreter():
    """Check processes start an interpreter that exits at once, as a bundle missing
    freeze_support() did (its children re-entered the command line and quit)."""
    previous = multiprocessing.spawn.get_executable()
    multiprocessing.spawn.set_executable("/bin/false")
    yield
    multiprocessing.spawn.set_executable(previous)


def test_checks_that_cannot_start_say_so(qtbot, make_window, open_and_wait, broken_interpreter):
    window = open_and_wait(make_window(builtin=True), timeout=60000)
    c = window.controller
    statuses = {s.id: s for s in c.statuses.values()}
    # Grammar and readability run in check processes; the light checks of a short draft run here.
    failed = {k for k, s in statuses.items() if s.status == "failed"}
    assert {"grammar", "readability"} <= failed
    assert all("did not run: its worker process" in statuses[k].message for k in failed)
    label = window.check_status.text()
    assert label.startswith(f"{len(failed)} of {len(statuses)} checks did not run")
    assert "finished" not in label.lower()
    shown = window.statusBar().currentMessage()
    assert shown.startswith("Not every check ran") and "finished" not in shown.lower()
    assert window.alerts.problems        # the warning on the right names the problem too
