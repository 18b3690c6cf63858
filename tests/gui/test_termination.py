"""`kill` (SIGTERM) closes the window cleanly: exit 0, check processes stopped, nothing left behind."""
from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

SAMPLE = Path(__file__).resolve().parents[2] / "seeds" / "bakhmut-draft.txt"


def _draft_recorded(db: Path) -> bool:
    if not db.exists():
        return False
    try:
        with sqlite3.connect(db) as con:
            return con.execute("select count(*) from documents").fetchone()[0] > 0
    except sqlite3.Error:
        return False


def test_sigterm_closes_the_window_cleanly(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", REVIEWDESK_DATA_DIR=str(tmp_path))
    proc = subprocess.Popen([sys.executable, "-c", "from reviewdesk.cli.main import main; raise SystemExit(main())",
                             str(SAMPLE)], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while not _draft_recorded(tmp_path / "reviewdesk.db") and time.monotonic() < deadline:
            assert proc.poll() is None, proc.communicate()[1]
            time.sleep(0.2)
        assert _draft_recorded(tmp_path / "reviewdesk.db"), "the window never opened the draft"
        proc.send_signal(signal.SIGTERM)
        _out, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err
    assert "leaked" not in err            # the check processes were shut down, not abandoned
