"""Built-in checks in their own processes: same findings as in the window's process, and they stop on cancel."""
from __future__ import annotations

import threading

import pytest

from reviewdesk.core.document import document_from_text
from reviewdesk.core.engine import Engine
from reviewdesk.core.errors import Cancelled
from reviewdesk.core.progress import CancelToken, Progress
from reviewdesk.core.settings import Settings
from reviewdesk.gui.check_processes import CheckProcesses

SETTINGS = Settings(grammar_engine="harper")


@pytest.fixture(scope="module")
def processes():
    procs = CheckProcesses(workers=1)
    yield procs
    procs.shutdown()


def test_a_check_in_a_process_finds_what_it_finds_here(processes, sample):
    doc = document_from_text(sample.read_text(encoding="utf-8"))
    engine = Engine()
    check = engine.check("repetition")
    here = engine.run_check(check, doc, SETTINGS)
    there, _records, _claims = processes.run(check, doc, SETTINGS, Progress())
    assert there.status.status == "ok"
    assert [(f.id, f.start, f.end, f.occurrences) for f in there.flags] == \
        [(f.id, f.start, f.end, f.occurrences) for f in here.flags]


def test_cancel_stops_a_check_running_in_a_process(processes, sample):
    doc = document_from_text(sample.read_text(encoding="utf-8") * 25)     # about 65,000 words
    token = CancelToken()
    started = threading.Event()

    def on_progress(fraction: float, _message: str) -> None:
        if fraction > 0:          # the child is linting: stop it now
            started.set()
            token.cancel()

    with pytest.raises(Cancelled):
        processes.run(Engine().check("grammar"), doc, SETTINGS, Progress(on_progress, token))
    assert started.is_set()
    # The process is free again for the next check.
    small = document_from_text("The the cat sat.\n\nIt sat sat there.")
    outcome, _records, _claims = processes.run(Engine().check("repetition"), small, SETTINGS, Progress())
    assert outcome.status.status == "ok"
