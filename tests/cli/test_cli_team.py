"""Two reviewers on one review from the command line: who decided shows, a conflict writes nothing, a killed review writes all or nothing."""
from __future__ import annotations

import os
import random
import shutil
import signal

import pytest
from cli_helpers import FAST, SEED, check_json, cli
from sqlalchemy import event

from reviewdesk.storage.store import ReviewStore


@pytest.fixture
def desk(tmp_path):
    db, draft = f"sqlite:///{tmp_path / 'review.db'}", tmp_path / "draft.txt"
    shutil.copy(SEED, draft)
    flags = check_json(draft, db, FAST)["flags"]
    return db, draft, flags


def test_json_says_who_decided_and_keeps_every_reviewers_note(desk):
    db, draft, flags = desk
    fid = flags[0]["id"]
    assert cli("review", draft, "--db", db, FAST, "--reviewer", "Ana", "--accept", fid,
               "--note", fid, "Cut it.")[0] == 0
    assert cli("review", draft, "--db", db, FAST, "--reviewer", "Ben", "--note", fid, "Keep it.")[0] == 0
    [flag] = [f for f in check_json(draft, db, FAST)["flags"] if f["id"] == fid]
    assert (flag["status"], flag["decided_by"], flag["version"]) == ("accepted", "Ana", 1)
    assert flag["decided_at"].endswith("+00:00")
    assert [(n["author"], n["body"]) for n in flag["notes"]] == [("Ana", "Cut it."), ("Ben", "Keep it.")]


def test_a_second_reviewers_other_decision_is_a_conflict_unless_forced(desk):
    db, draft, flags = desk
    fid = flags[0]["id"]
    assert cli("review", draft, "--db", db, FAST, "--reviewer", "Ana", "--accept", fid)[0] == 0
    code, out, err = cli("review", draft, "--db", db, FAST, "--reviewer", "Ben", "--dismiss", fid,
                         "--doc-note", "Looked at it.")
    assert code == 2 and len(err.strip().splitlines()) == 1
    assert f"flag {fid} was accepted by Ana" in err and "--force" in err
    assert check_json(draft, db, FAST)["flags"][0]["status"] == "accepted"
    with ReviewStore(db) as store:
        assert store.documents() and not [n for n in store.notes(store.documents()[0]) if n.kind == "document"]
    assert cli("review", draft, "--db", db, FAST, "--reviewer", "Ben", "--dismiss", fid, "--force")[0] == 0
    [flag] = [f for f in check_json(draft, db, FAST)["flags"] if f["id"] == fid]
    assert (flag["status"], flag["decided_by"]) == ("dismissed", "Ben")


def test_a_copy_of_the_draft_elsewhere_finds_the_same_review(desk, tmp_path):
    db, draft, flags = desk
    fid = flags[0]["id"]
    assert cli("review", draft, "--db", db, FAST, "--reviewer", "Ana", "--accept", fid)[0] == 0
    other = tmp_path / "ben" / "renamed-copy.txt"
    other.parent.mkdir()
    shutil.copy(draft, other)
    [flag] = [f for f in check_json(other, db, FAST)["flags"] if f["id"] == fid]
    assert (flag["status"], flag["decided_by"]) == ("accepted", "Ana")


ROUNDS = 30


def _review_killed_after(db, draft, ids, statements: int) -> None:
    """In a child: run the three-action review, and SIGKILL itself after `statements` writes."""
    from reviewdesk.cli import main as cli_main
    from reviewdesk.storage import store as store_module

    original = store_module.make_engine

    def engine_that_dies(*args, **kwargs):
        engine = original(*args, **kwargs)
        count = {"n": 0}

        @event.listens_for(engine, "after_cursor_execute")
        def _after(conn, cursor, statement, *rest):
            # Only the review's own writes: opening the draft commits before they begin.
            head = " ".join(statement.split()[:3]).upper()
            if head.startswith(("UPDATE FLAGS", "INSERT INTO DECISIONS", "INSERT INTO NOTES",
                                "UPDATE REVIEWS SET DECISION_SEQ")):
                count["n"] += 1
                if count["n"] >= statements:
                    os.kill(os.getpid(), signal.SIGKILL)

        @event.listens_for(engine, "commit")
        def _commit(conn):
            if count["n"] and statements == 999:
                os.kill(os.getpid(), signal.SIGKILL)     # at the commit, before it is written
        return engine

    store_module.make_engine = engine_that_dies
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    cli_main.main(["review", str(draft), "--db", db, FAST, "--reviewer", "Ana",
                   "--accept", ids[0], "--dismiss", ids[1], "--note", ids[2], "Three actions."])
    os.kill(os.getpid(), signal.SIGKILL)      # killed after it finished


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork to kill a review mid-transaction")
def test_a_review_killed_at_any_write_is_all_or_nothing(desk, tmp_path):
    db, draft, flags = desk
    ids = [f["id"] for f in flags[:3]]
    seen = {"none": 0, "all": 0}
    rng = random.Random(12)
    for trial in range(ROUNDS):
        trial_db = tmp_path / f"trial{trial}.db"
        shutil.copy(db.removeprefix("sqlite:///"), trial_db)
        url = f"sqlite:///{trial_db}"
        # 1 = killed right after A's decision was written, 2.. later writes, 999 = at the
        # commit, 10**6 = after the command finished.
        statements = rng.choice((1, 2, 3, 4, 5, 999, 10**6))
        pid = os.fork()
        if pid == 0:
            try:
                _review_killed_after(url, draft, ids, statements)
            finally:
                os._exit(0)
        _, status = os.waitpid(pid, 0)
        assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
        with ReviewStore(url) as store:
            record = store.documents()[0]
            by_id = {f.id: f for f in store.flags(record)}
            state = (by_id[ids[0]].status, by_id[ids[1]].status, bool(by_id[ids[2]].note))
        assert state in (("pending", "pending", False), ("accepted", "dismissed", True)), (trial, state)
        seen["none" if state[0] == "pending" else "all"] += 1
    assert seen["none"] and seen["all"], seen        # both sides of the race really happened
