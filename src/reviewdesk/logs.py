"""The log file and crash reports, in the platform's log folder (platformdirs), for CLI and window alike.

A window started from a desktop has no terminal: without a file, its errors would leave no trace.
"""
from __future__ import annotations

import logging
import logging.handlers
import os
import sys
import time
from pathlib import Path

from platformdirs import user_log_path

from .paths import APP_NAME, DATA_DIR_ENV

LOG_DIR_ENV = "REVIEWDESK_LOG_DIR"
LOG_FILE = "reviewdesk.log"
_FORMAT = "%(asctime)s %(process)d %(levelname)s %(name)s: %(message)s"


def log_dir() -> Path:
    """$REVIEWDESK_LOG_DIR, else a "logs" folder in $REVIEWDESK_DATA_DIR, else the platform's."""
    chosen = os.environ.get(LOG_DIR_ENV, "").strip()
    if chosen:
        return Path(chosen).expanduser().resolve()
    data = os.environ.get(DATA_DIR_ENV, "").strip()
    if data:
        return Path(data).expanduser().resolve() / "logs"
    return user_log_path(APP_NAME, appauthor=False)


def log_to_file(level: int = logging.INFO) -> Path | None:
    """Add a rotating log file to the root logger (once); returns its path, None if it cannot be made."""
    root = logging.getLogger()
    for handler in root.handlers:
        if getattr(handler, "_reviewdesk", False):
            return Path(handler.baseFilename)
    folder = log_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(folder / LOG_FILE, maxBytes=2_000_000,
                                                       backupCount=3, encoding="utf-8", delay=False)
    except OSError:
        return None       # a read-only home: logging to stderr still works
    handler._reviewdesk = True
    handler.setLevel(level)
    handler.setFormatter(logging.Formatter(_FORMAT))
    root.addHandler(handler)
    # Migrations announce every plug-in they load at INFO: noise in a user's log.
    logging.getLogger("alembic").setLevel(logging.WARNING)
    if root.level == logging.NOTSET or root.level > level:
        root.setLevel(level)
    return folder / LOG_FILE


def write_crash_report(details: str) -> Path | None:
    """A crash-<time>.txt in the log folder with the versions and the traceback; its path, or None."""
    from .versions import version_text

    folder = log_dir()
    stamp = time.strftime("%Y%m%d-%H%M%S")
    path = folder / f"crash-{stamp}-{os.getpid()}.txt"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        path.write_text(f"ReviewDesk crash report, {time.strftime('%Y-%m-%d %H:%M:%S %z')}\n"
                        f"Command: {' '.join(sys.argv)}\n\n{version_text()}\n\n{details}\n",
                        encoding="utf-8")
    except OSError:
        return None
    return path
