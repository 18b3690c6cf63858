"""Two processes at once on one database: first checks of a new draft, first migrations, first notes; none may fail."""
from __future__ import annotations

import os
import uuid

import pytest
from sqlalchemy import create_engine
from sqlalchemy.engine import make_url
from storage_helpers import DRAFT, findings

from reviewdesk.core.document import document_from_text
from reviewdesk.storage.records import ClaimRecord
from reviewdesk.storage.store import ReviewStore

# 20 by default to keep the suite fast; the issue measures 50 (REVIEWDESK_RACE_ROUNDS=50). Each
# round is a real race: both processes wait at one barrier and then hit the database together.
ROUNDS = int(os.environ.get("REVIEWDESK_RACE_ROUNDS", "20"))

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="forks two processes per round")


def _race(work, *args) -> list[int]:
    """Run work(*args, index) in two forked processes released together; their exit codes."""
    go_r, go_w = os.pipe()
    pids = []
    for index in range(2):
        pid = os.fork()
        if pid == 0:
            code = 1
            try:
                os.close(go_w)
                os.read(go_r, 1)          # the barrier
                work(*args, index)
                code = 0
            except BaseException as exc:     # reported through the exit code and stderr
                os.write(2, f"race child failed: {type(exc).__name__}: {exc}\n".encode())
            finally:
                os._exit(code)
        pids.append(pid)
    os.write(go_w, b"xx")
    os.close(go_w)
    os.close(go_r)
    return [os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) for pid in pids]


def _first_check(url: str, text: str, path: str, _index: int) -> None:
    with ReviewStore(url) as store:
        doc = document_from_text(text, path=path)
        record = store.open_document(doc)
        store.sync_flags(record, doc, findings(doc), {"style", "repetition"})
        at = doc.text.index("Friday")
        store.sync_claims(record, [ClaimRecord("c1", "date", "Friday", at, at + 6, "")])


@pytest.mark.postgres
def test_two_first_checks_of_a_new_draft_both_succeed(pg_url, tmp_path):
    ReviewStore(pg_url).close()
    for round_ in range(ROUNDS):
        # A draft the database has never seen, at one path for both (one reviewer, two windows).
        text = DRAFT.replace("Friday", f"Friday, round {round_}")
        assert _race(_first_check, pg_url, text, str(tmp_path / f"d{round_}.txt")) == [0, 0], round_
    with ReviewStore(pg_url) as store:
        assert len(store.documents()) == ROUNDS
        for record in store.documents():
            assert len(store.flags(record)) == 3 and len(store.claims(record)) == 1


def _migrate(url: str, _index: int) -> None:
    ReviewStore(url).close()


@pytest.mark.postgres
def test_two_first_opens_of_an_empty_database_both_migrate(pg_url):
    base = os.environ["REVIEWDESK_TEST_PG_URL"]
    admin = create_engine(base)
    try:
        for round_ in range(ROUNDS):
            schema = f"m_{uuid.uuid4().hex[:10]}"
            with admin.begin() as connection:
                connection.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
            url = make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
            try:
                assert _race(_migrate, url.render_as_string(hide_password=False)) == [0, 0], round_
            finally:
                with admin.begin() as connection:
                    connection.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')
    finally:
        admin.dispose()


def _note(url: str, path: str, author_of, index: int) -> None:
    with ReviewStore(url) as store:
        doc = document_from_text(DRAFT, path=path)
        record = store.open_document(doc)
        very = next(f for f in store.flags(record) if f.text == "very")
        store.set_flag_note(record, very.id, f"note from process {index}", author_of(index))


def _same_author(_index: int) -> str:
    return "ana"


def _two_authors(index: int) -> str:
    return ("ana", "ben")[index]


@pytest.mark.parametrize("author_of", [_same_author, _two_authors], ids=["one author", "two authors"])
@pytest.mark.parametrize("db", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def test_two_first_notes_on_one_flag_at_once_both_succeed(db, author_of, request, tmp_path):
    url = request.getfixturevalue("pg_url") if db == "postgres" else f"sqlite:///{tmp_path / 'r.db'}"
    with ReviewStore(url) as store:
        for round_ in range(ROUNDS):
            path = str(tmp_path / f"n{round_}.txt")
            doc = document_from_text(DRAFT, path=path)
            record = store.open_document(doc)
            store.sync_flags(record, doc, findings(doc), {"style", "repetition"})
        for round_ in range(ROUNDS):
            assert _race(_note, url, str(tmp_path / f"n{round_}.txt"), author_of) == [0, 0], round_
        expected = 1 if author_of is _same_author else 2
        for record in store.documents():
            very = next(f for f in store.flags(record) if f.text == "very")
            assert len(very.notes) == expected
