"""Where ReviewDesk keeps its data: the platform data folder and the review database URL."""
from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_path
from sqlalchemy.engine import URL

APP_NAME = "ReviewDesk"
DATA_DIR_ENV = "REVIEWDESK_DATA_DIR"
DB_ENV = "REVIEWDESK_DB"
DB_FILENAME = "reviewdesk.db"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The data folder: an explicit override, else $REVIEWDESK_DATA_DIR, else the platform's.

    Nothing is created here; the store creates the folder when it opens the database.
    """
    chosen = override or os.environ.get(DATA_DIR_ENV, "").strip()
    if chosen:
        return Path(chosen).expanduser().resolve()
    # appauthor=False keeps Windows from nesting the folder under a company name.
    return user_data_path(APP_NAME, appauthor=False)


def default_db_path(override_dir: str | os.PathLike[str] | None = None) -> Path:
    return data_dir(override_dir) / DB_FILENAME


def sqlite_url(path: str | os.PathLike[str]) -> str:
    return URL.create("sqlite", database=str(Path(path).expanduser().resolve())).render_as_string()


def database_url(url: str | None = None) -> str:
    """An explicit URL, else $REVIEWDESK_DB, else SQLite in the data folder.

    A value without "://" is taken as a file path for SQLite, so `--db review.db` works too.
    """
    chosen = (url or "").strip() or os.environ.get(DB_ENV, "").strip()
    if not chosen:
        return sqlite_url(default_db_path())
    if "://" not in chosen:
        return sqlite_url(chosen)
    return chosen


def sqlite_file(url: str) -> Path | None:
    """The database file of a SQLite URL; None for other databases and for in-memory SQLite."""
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return None
    name = parsed.database or ""
    if not name or name == ":memory:" or name.startswith("file:") or parsed.query.get("mode") == "memory":
        return None
    return Path(name).expanduser().resolve()
