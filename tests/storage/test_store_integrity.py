"""The database itself: migrations, constraints, all-or-nothing writes, and failures as StorageError."""
from __future__ import annotations

import sqlite3
import threading
from dataclasses import replace

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlalchemy.exc import IntegrityError
from storage_helpers import DRAFT, by_text, findings, flag_on

from reviewdesk.core.errors import StorageError
from reviewdesk.storage.migrations import head_revision
from reviewdesk.storage.models import Base
from reviewdesk.storage.records import ACCEPTED, ACTIVE
from reviewdesk.storage.store import ReviewStore

TABLES = {"documents", "reviews", "flags", "decisions", "notes", "claims", "dictionary_words", "revisions",
          "ignored_rules", "paragraph_cache", "alembic_version"}


def test_an_empty_database_is_migrated_to_head(store):
    with store.engine.connect() as connection:
        assert TABLES <= set(inspect(connection).get_table_names())
        version = connection.execute(text("SELECT version_num FROM alembic_version")).scalar_one()
    assert version == head_revision() == store.revision == "0004"


def test_the_migrations_build_exactly_the_models(store):
    with store.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []


def test_reopening_a_migrated_database_keeps_its_data(db_url, draft):
    with ReviewStore(db_url) as store:
        record = store.open_document(draft())
    with ReviewStore(db_url) as store:
        assert store.documents() == [record]


def test_foreign_keys_are_enforced(store):
    with pytest.raises(IntegrityError), store.engine.begin() as connection:
        connection.execute(text("INSERT INTO decisions (flag_id, status, reviewer, at) "
                                "VALUES (4242, 'accepted', 'ana', CURRENT_TIMESTAMP)"))


def test_a_failed_write_leaves_earlier_data_intact(store, draft):
    doc = draft()
    record = store.open_document(doc)
    very = by_text(store.sync_flags(record, doc, findings(doc), {"style", "repetition"}))["very"]
    store.set_status(record, very.id, ACCEPTED, "ana")
    before = store.flags(record)
    # Outdating runs first; the broken new flag (end before start) then fails in the database.
    broken = replace(flag_on(doc, "battle", "style.odd"), end=0, fingerprint="f" * 40, id="ffffffff")
    with pytest.raises(StorageError):
        store.sync_flags(record, doc, [broken], {"style", "repetition"})
    assert store.flags(record) == before
    assert {f.state for f in before} == {ACTIVE}


def test_timestamps_are_timezone_aware_utc(store, draft):
    record = store.open_document(draft())
    note = store.add_document_note(record, "x", "ana")
    assert note.created_at.utcoffset().total_seconds() == 0


def test_database_info_names_the_engine(store):
    info = store.database_info()
    assert info.startswith(("SQLite 3.", "PostgreSQL "))


# SQLite only from here: the file, its pragmas and its failure modes.

def test_sqlite_runs_in_wal_mode_with_foreign_keys(tmp_path):
    with ReviewStore(f"sqlite:///{tmp_path / 'r.db'}") as store, store.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000


def test_a_path_that_cannot_be_created_is_a_storage_error(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(StorageError, match="Cannot create the folder"):
        ReviewStore(f"sqlite:///{blocker / 'sub' / 'review.db'}")


def test_a_file_that_is_not_a_database_is_a_storage_error(tmp_path):
    junk = tmp_path / "notes.db"
    junk.write_bytes(b"This is a shopping list, not SQLite.\n" * 200)
    with pytest.raises(StorageError, match="not a ReviewDesk database"):
        ReviewStore(f"sqlite:///{junk}")
    assert junk.read_bytes().startswith(b"This is a shopping list")


def test_a_locked_database_is_a_storage_error(tmp_path, draft):
    path = tmp_path / "r.db"
    store = ReviewStore(f"sqlite:///{path}", busy_timeout_ms=50)
    record = store.open_document(draft())
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")       # another program holds the write lock
    try:
        with pytest.raises(StorageError, match="locked"):
            store.add_document_note(record, "waits, then gives up", "ana")
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert store.notes(record) == []
    store.close()


def test_a_database_from_a_newer_version_is_refused(tmp_path):
    url = f"sqlite:///{tmp_path / 'r.db'}"
    ReviewStore(url).close()
    with sqlite3.connect(tmp_path / "r.db") as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0099'")
    with pytest.raises(StorageError, match="newer ReviewDesk"):
        ReviewStore(url)


def test_a_closed_store_says_so(tmp_path):
    store = ReviewStore(f"sqlite:///{tmp_path / 'r.db'}")
    store.close()
    with pytest.raises(StorageError, match="closed"):
        store.documents()


def test_threads_can_share_one_store(tmp_path, draft):
    with ReviewStore(f"sqlite:///{tmp_path / 'r.db'}") as store:
        record = store.open_document(draft())

        def write(n: int) -> None:
            for i in range(10):
                store.add_document_note(record, f"{n}-{i}", "ana")

        workers = [threading.Thread(target=write, args=(n,)) for n in range(4)]
        for w in workers:
            w.start()
        for w in workers:
            w.join()
        assert len(store.notes(record)) == 40


def test_in_memory_sqlite_works_for_quick_use():
    from reviewdesk.core.document import document_from_text

    with ReviewStore("sqlite://") as store:
        record = store.open_document(document_from_text(DRAFT))
        assert store.documents() == [record]
        assert store.database_info() == "SQLite %s (in memory)" % sqlite3.sqlite_version
