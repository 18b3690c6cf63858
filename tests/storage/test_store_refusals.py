"""Databases the store must not touch: another program's SQLite file is refused and left as it was."""
from __future__ import annotations

import sqlite3

import pytest

from reviewdesk.core.errors import StorageError
from reviewdesk.storage.store import ReviewStore


def _tables(path) -> list[str]:
    with sqlite3.connect(path) as connection:
        return [r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]


@pytest.mark.parametrize("table", ["contacts", "documents"])
def test_another_programs_sqlite_file_is_refused_and_untouched(tmp_path, table):
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as connection:
        connection.execute(f"CREATE TABLE {table} (name TEXT)")
        connection.execute(f"INSERT INTO {table} VALUES ('kept')")
    with pytest.raises(StorageError, match="another program's SQLite database"):
        ReviewStore(f"sqlite:///{path}")
    assert _tables(path) == [table]


def test_an_empty_sqlite_file_becomes_a_review_database(tmp_path):
    path = tmp_path / "empty.db"
    path.touch()
    with ReviewStore(f"sqlite:///{path}") as store:
        assert store.documents() == []
    assert "flags" in _tables(path)
