"""Builds the SQLAlchemy engine for any URL and turns database failures into one-sentence StorageErrors."""
from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, SQLAlchemyError
from sqlalchemy.pool import StaticPool

from ..core.errors import StorageError
from ..paths import sqlite_file

# Execution option that marks a transaction as one that will write (see _on_begin below).
WRITES = "reviewdesk_writes"


def make_engine(url: str, *, busy_timeout_ms: int = 5000) -> Engine:
    """An engine for `url`; SQLite gets WAL, foreign keys, a busy timeout and honest transactions."""
    try:
        parsed = make_url(url)
        if parsed.get_backend_name() != "sqlite":
            return create_engine(parsed, pool_pre_ping=True)
        kwargs: dict[str, Any] = {}
        if sqlite_file(url) is None and not (parsed.database or "").startswith("file:"):
            # One shared in-memory database for every thread, instead of one per thread.
            kwargs = {"poolclass": StaticPool, "connect_args": {"check_same_thread": False}}
        engine = create_engine(parsed, **kwargs)
    except (ArgumentError, NoSuchModuleError, ImportError) as exc:
        raise StorageError(f"The database address {_safe(url)} is not usable: {exc}.") from exc
    _tune_sqlite(engine, busy_timeout_ms)
    return engine


def _tune_sqlite(engine: Engine, busy_timeout_ms: int) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        # Let SQLAlchemy, not the sqlite3 module, decide where transactions begin (its documented
        # recipe): the module's implicit BEGIN comes too late for a read-then-write transaction.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
            cursor.execute("PRAGMA foreign_keys = ON")
            # WAL lets a reader (an export) run while the window writes a decision. synchronous
            # stays at its FULL default: a committed decision must survive a power cut too.
            cursor.execute("PRAGMA journal_mode = WAL")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        # A writer takes the write lock up front, so it waits (busy_timeout) for another writer
        # instead of failing halfway when its read snapshot turns out to be stale.
        writes = connection.get_execution_options().get(WRITES, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if writes else "BEGIN")


def describe(url: str) -> str:
    """Where the database is, for messages: its file for SQLite, the URL without password otherwise."""
    path = sqlite_file(url)
    return str(path) if path is not None else _safe(url)


def _safe(url: str) -> str:
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "(unreadable address)"


def ensure_folder(url: str) -> None:
    path = sqlite_file(url)
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StorageError(f"Cannot create the folder for the review database at {path.parent}: "
                           f"{exc.strerror or exc}.") from exc
    if path.exists() and path.is_dir():
        raise StorageError(f"The review database path {path} is a folder, not a file.")


@contextmanager
def storage_errors(url: str) -> Iterator[None]:
    """The boundary: SQLAlchemy and OS failures leave as StorageError, everything else passes."""
    try:
        yield
    except StorageError:
        raise
    except (SQLAlchemyError, sqlite3.Error, OSError) as exc:
        raise StorageError(explain(exc, url)) from exc


def explain(exc: BaseException, url: str) -> str:
    where = describe(url)
    detail = _driver_message(exc)
    low = detail.lower()
    if "database is locked" in low or "database table is locked" in low:
        return (f"The review database {where} is locked by another program; "
                "close the other ReviewDesk window or try again in a moment.")
    if "file is not a database" in low or "file is encrypted" in low:
        return f"The file {where} is not a ReviewDesk database (it is not an SQLite database)."
    if "unable to open database file" in low:
        return (f"Cannot open or create the review database {where}: "
                "check that the folder exists and is writable.")
    if "readonly database" in low or "read-only" in low:
        return f"The review database {where} is read-only; ReviewDesk needs to write to it."
    if "disk i/o error" in low or "database or disk is full" in low:
        return f"Cannot write the review database {where}: the disk failed or is full."
    if "malformed" in low:
        return f"The review database {where} is damaged (SQLite reports it as malformed)."
    unreachable = "connection" in low and any(w in low for w in ("refused", "failed", "timeout"))
    if unreachable or (isinstance(exc, DBAPIError) and exc.connection_invalidated):
        return f"Cannot reach the review database {where}: {detail}."
    if isinstance(exc, OSError):
        return f"Cannot use the review database {where}: {exc.strerror or exc}."
    return f"The review database {where} could not be read or written: {detail}."


def _driver_message(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None)
    text = str(orig if orig is not None else exc).strip()
    # Drivers add context lines (SQL, hints); the first line is the one a person can act on.
    return (text.splitlines() or [type(exc).__name__])[0].rstrip(".")

