"""Brings a review database to the newest schema with Alembic, run from code on every open.

Developers add a revision after changing models.py with
`python -m reviewdesk.storage.migrations revision "what changed"`, then review the generated file.
"""
from __future__ import annotations

import sys
from functools import lru_cache

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import Connection, Engine, inspect

from ..core.errors import StorageError
from .database import WRITES

SCRIPTS = "reviewdesk.storage:alembic"      # shipped as package data, found through the package
VERSION_TABLE = "alembic_version"


def alembic_config(url: str | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", SCRIPTS)
    if url:
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


@lru_cache(maxsize=1)
def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


# pg_advisory_lock key held while a server database is migrated: two programs opening a new
# database at once would otherwise both create the tables, and one fail on a duplicate key.
_MIGRATION_LOCK = 0x52657644   # "RevD"


def upgrade_to_head(engine: Engine, where: str) -> str:
    """Migrate in one transaction (Alembic's own); returns the revision the database is now at."""
    with engine.connect() as connection:
        current = current_revision(connection)
        if current == head_revision():
            return current
        if engine.dialect.name != "postgresql":
            return _upgrade(engine, connection, current, where)
        connection.rollback()
        connection.exec_driver_sql(f"SELECT pg_advisory_lock({_MIGRATION_LOCK})")
        try:
            connection.commit()
            # Whoever held the lock may have migrated meanwhile.
            return _upgrade(engine, connection, current_revision(connection), where)
        finally:
            connection.rollback()
            connection.exec_driver_sql(f"SELECT pg_advisory_unlock({_MIGRATION_LOCK})")
            connection.commit()


def _upgrade(engine: Engine, connection: Connection, current: str | None, where: str) -> str:
    """Bring the database from `current` to head (the caller holds any lock needed)."""
    if current == head_revision():
        connection.rollback()
        return current
    known = {s.revision for s in ScriptDirectory.from_config(alembic_config()).walk_revisions()}
    if current is not None and current not in known:
        raise StorageError(f"The review database {where} was made by a newer ReviewDesk "
                           f"(schema {current}); update ReviewDesk to open it.")
    if current is None and engine.dialect.name == "sqlite":
        # A SQLite file is one program's database: never add our tables to another's.
        # (A server database may well be shared, so this holds for SQLite only.)
        others = sorted(set(inspect(connection).get_table_names()) - {VERSION_TABLE})
        if others:
            raise StorageError(f"The file {where} is another program's SQLite database (it has "
                               f"a table \"{others[0]}\"), not a ReviewDesk review database; "
                               "choose another --db file.")
    connection.rollback()   # the version query opened a transaction; Alembic begins its own
    # As a writer, so a second process opening a new database waits instead of racing.
    connection.execution_options(**{WRITES: True})
    config = alembic_config()
    config.attributes["connection"] = connection
    try:
        command.upgrade(config, "head")
    except CommandError as exc:
        raise StorageError(f"Cannot update the review database {where} to the current "
                           f"schema: {exc}.") from exc
    connection.commit()
    return head_revision()


def _main(argv: list[str]) -> int:
    if len(argv) >= 2 and argv[0] == "revision":
        # Autogenerate against a scratch database at head, so only the model changes show up.
        import tempfile
        from pathlib import Path

        from ..paths import sqlite_url
        from .database import make_engine

        with tempfile.TemporaryDirectory() as folder:
            url = sqlite_url(Path(folder) / "scratch.db")
            engine = make_engine(url)
            upgrade_to_head(engine, url)
            engine.dispose()
            command.revision(alembic_config(url), message=" ".join(argv[1:]), autogenerate=True,
                             rev_id=f"{int(head_revision()) + 1:04d}")
        return 0
    print('usage: python -m reviewdesk.storage.migrations revision "message"', file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(_main(sys.argv[1:]))
