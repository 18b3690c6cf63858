"""Bad input and a troubled database: one line on stderr, exit 2 (130 when interrupted), no
traceback, and the decisions already stored are still there afterwards."""
from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from cli_helpers import SEED, check_json, cli

from reviewdesk.storage.store import ReviewStore

EXE = Path(sys.executable).with_name("reviewdesk")
SHORT = "Residents said the the water failed. Officials said it was very late.\n"


@pytest.fixture
def reviewed(tmp_path) -> tuple[str, Path, str]:
    """A database holding one accepted flag with a note, on a small draft."""
    db, draft = f"sqlite:///{tmp_path / 'review.db'}", tmp_path / "short.txt"
    draft.write_text(SHORT, encoding="utf-8")
    flag = check_json(draft, db, "--checks=repetition")["flags"][0]
    code, _, err = cli("review", draft, "--db", db, "--checks=repetition", "--accept", flag["id"],
                       "--note", flag["id"], "Keep me.")
    assert code == 0, err
    return db, draft, flag["id"]


def stored(db: str, flag_id: str) -> tuple[str, str]:
    with ReviewStore(db) as store:
        record = next(r for r in store.documents() if r.path.endswith("short.txt"))
        [flag] = [f for f in store.flags(record) if f.id == flag_id]
    return flag.status, flag.note


def one_clean_line(err: str) -> bool:
    return err.count("\n") == 1 and err.startswith("reviewdesk: ") and "Traceback" not in err


def _big(p: Path) -> None:
    with p.open("wb") as f:
        f.truncate(50 * 1024 * 1024)       # sparse: 50 MB on paper, nothing written


@pytest.mark.parametrize("name,make,needle", [
    ("missing.txt", None, "no such file"),
    ("folder.txt", lambda p: p.mkdir(), "folder"),
    ("binary.txt", lambda p: p.write_bytes(bytes(range(256)) * 64), "binary"),
    ("huge.txt", _big, "MB"),
    ("corrupt.docx", lambda p: p.write_bytes(b"PK\x03\x04 not really a zip"), "Word document"),
    ("notes.rtf", lambda p: p.write_text("{\\rtf1 hello}"), ".rtf"),
])
@pytest.mark.parametrize("command", ["check", "review"])
def test_bad_draft_is_one_line_exit_2_and_keeps_decisions(reviewed, tmp_path, name, make, needle,
                                                           command):
    db, _, flag_id = reviewed
    path = tmp_path / name
    if make:
        make(path)
    code, out, err = cli(command, path, "--db", db, "--checks=repetition")
    assert code == 2 and needle in err and one_clean_line(err), err
    assert stored(db, flag_id) == ("accepted", "Keep me.")


def test_empty_draft_is_nothing_to_check(reviewed, tmp_path):
    db, _, flag_id = reviewed
    empty = tmp_path / "empty.md"
    empty.write_text("\n  \n")
    code, out, err = cli("check", empty, "--db", db)
    assert code == 0 and "nothing to check" in err and one_clean_line(err)
    assert stored(db, flag_id) == ("accepted", "Keep me.")


def test_database_in_a_folder_that_cannot_exist(tmp_path):
    blocker = tmp_path / "plain-file"
    blocker.write_text("x")
    code, out, err = cli("check", SEED, "--db", f"sqlite:///{blocker}/review.db", "--checks=repetition")
    assert code == 2 and one_clean_line(err) and "review database" in err


def test_file_that_is_not_a_database_is_left_alone(tmp_path):
    bogus = tmp_path / "bogus.db"
    bogus.write_bytes(b"not a database " * 200)
    code, out, err = cli("check", SEED, "--db", f"sqlite:///{bogus}", "--checks=repetition")
    assert code == 2 and one_clean_line(err) and "not a ReviewDesk database" in err
    assert bogus.read_bytes() == b"not a database " * 200


def test_locked_database_is_one_line_and_keeps_decisions(reviewed):
    db, draft, flag_id = reviewed
    other = sqlite3.connect(db.removeprefix("sqlite:///"), isolation_level=None)
    try:
        other.execute("BEGIN EXCLUSIVE")      # another program in the middle of a write
        code, out, err = cli("review", draft, "--db", db, "--checks=repetition", "--dismiss", flag_id)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert code == 2 and one_clean_line(err) and "locked" in err
    assert stored(db, flag_id) == ("accepted", "Keep me.")


def test_unknown_check_id_is_refused(tmp_path):
    code, out, err = cli("check", SEED, "--db", tmp_path / "r.db", "--checks", "readability,spellin")
    assert code == 2 and one_clean_line(err) and "'spellin'" in err


def test_review_of_an_unknown_claim_writes_nothing(reviewed):
    db, draft, flag_id = reviewed
    code, out, err = cli("review", draft, "--db", db, "--checks=repetition,claims",
                         "--dismiss", flag_id, "--claim", "0000000000", "verified")
    assert code == 2 and one_clean_line(err) and "no claim '0000000000'" in err
    assert stored(db, flag_id) == ("accepted", "Keep me.")


def test_interrupted_check_exits_130_and_keeps_decisions(reviewed, tmp_path):
    db, _, flag_id = reviewed
    long_draft = tmp_path / "long.txt"
    long_draft.write_text("\n\n".join([SEED.read_text(encoding="utf-8")] * 30), encoding="utf-8")
    child = subprocess.Popen([str(EXE), "check", str(long_draft), "--db", db, "--checks=readability"],
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                             preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        watcher = sqlite3.connect(db.removeprefix("sqlite:///"))
        deadline = time.monotonic() + 60
        # The draft's row appears once the checks are about to run: interrupt them mid-way.
        while not watcher.execute("SELECT 1 FROM documents WHERE path LIKE '%long.txt'").fetchone():
            assert child.poll() is None and time.monotonic() < deadline
            time.sleep(0.05)
        watcher.close()
        time.sleep(0.3)
        child.send_signal(signal.SIGINT)
        err = child.communicate(timeout=60)[1]
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode == 130 and err == "reviewdesk: interrupted\n"
    assert stored(db, flag_id) == ("accepted", "Keep me.")


def test_another_programs_database_is_refused_and_untouched(tmp_path):
    other = tmp_path / "contacts.db"
    with sqlite3.connect(other) as connection:
        connection.execute("CREATE TABLE contacts (name TEXT)")
    code, out, err = cli("check", SEED, "--db", other, "--checks=repetition")
    assert code == 2 and one_clean_line(err) and "another program's SQLite database" in err
    with sqlite3.connect(other) as connection:
        assert connection.execute("SELECT name FROM sqlite_master").fetchall() == [("contacts",)]


def test_mistyped_command_is_not_opened_as_a_draft():
    code, out, err = cli("chek")
    assert code == 2 and one_clean_line(err) and "'chek' is neither a command" in err


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="displays are a Linux question")
def test_window_without_a_display_is_one_line_not_a_qt_abort(monkeypatch):
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    code, out, err = cli(SEED)
    assert code == 2 and one_clean_line(err) and "no display" in err


def test_the_command_line_keeps_a_log_file(tmp_path):
    import subprocess
    import sys
    draft = tmp_path / "d.txt"
    draft.write_text("Residents said the the water failed.\n", encoding="utf-8")
    env = {"REVIEWDESK_LOG_DIR": str(tmp_path / "logs"), "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-m", "reviewdesk.cli.main", "check", str(draft), "--db",
                           str(tmp_path / "r.db"), "--checks=repetition"], capture_output=True, text=True,
                          env=env, timeout=120)
    assert done.returncode == 1, done.stderr
    log = (tmp_path / "logs" / "reviewdesk.log").read_text(encoding="utf-8")
    assert "INFO reviewdesk: reviewdesk 0.1.0: check" in log
