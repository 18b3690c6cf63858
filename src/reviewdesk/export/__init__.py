"""Writes a review Summary in any of the export formats, atomically, with one-sentence errors."""
from __future__ import annotations

import importlib
import logging
import os
import tempfile
from pathlib import Path

from ..core.errors import ExportError, ReviewdeskError
from ..core.summary import Summary

log = logging.getLogger(__name__)

FORMATS = ("docx", "pdf", "html", "markdown", "json", "csv")
EXTENSIONS = {"docx": ".docx", "pdf": ".pdf", "html": ".html", "markdown": ".md", "json": ".json",
              "csv": ".csv"}
LABELS = {"docx": "Word document with comments", "pdf": "PDF report", "html": "HTML report",
          "markdown": "Markdown", "json": "JSON (reviewdesk.summary/1)", "csv": "CSV, one row per flag"}
_ALIASES = {"md": "markdown", "htm": "html", "word": "docx"}
_MODULES = {"docx": "docx", "pdf": "pdf", "html": "html", "markdown": "markdown", "json": "json",
            "csv": "csv"}


def normalise_format(fmt: str) -> str:
    key = (fmt or "").strip().lower().lstrip(".")
    key = _ALIASES.get(key, key)
    if key not in FORMATS:
        raise ExportError(f"Unknown export format '{fmt}'; choose one of {', '.join(FORMATS)}.")
    return key


def export_summary(summary: Summary, fmt: str, out: str | os.PathLike[str]) -> Path:
    """Write the summary as `fmt` to `out` (the format's extension is added when out has none).

    The file appears whole or not at all: we write a temporary file beside it and rename it over
    the target, so a failed export never leaves half a report or clobbers the previous one.
    """
    fmt = normalise_format(fmt)
    out = Path(out).expanduser()
    if not out.suffix:
        out = out.with_suffix(EXTENSIONS[fmt])
    if out.is_dir():
        raise ExportError(f"{out} is a folder; choose a file name for the {fmt} summary.")
    folder = out.parent if str(out.parent) else Path(".")
    if not folder.is_dir():
        raise ExportError(f"Cannot write {out.name}: the folder {folder} does not exist.")
    writer = importlib.import_module(f"{__name__}.{_MODULES[fmt]}")
    try:
        handle, tmp_name = tempfile.mkstemp(dir=folder, prefix=f".{out.name}.", suffix=".part")
    except OSError as exc:
        raise ExportError(f"Cannot write {out.name} in {folder}: {exc.strerror or exc}.") from None
    os.close(handle)
    tmp = Path(tmp_name)
    try:
        writer.write(summary, tmp)
        _keep_permissions(out, tmp)
        os.replace(tmp, out)
    except ReviewdeskError as exc:
        tmp.unlink(missing_ok=True)
        raise ExportError(str(exc)) from None
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise ExportError(f"Cannot write {out.name}: {exc.strerror or exc}.") from None
    except Exception as exc:  # a bug in a writer must still reach the user as one sentence
        tmp.unlink(missing_ok=True)
        log.exception("%s export failed", fmt)
        raise ExportError(f"The {fmt} summary could not be written ({type(exc).__name__}: {exc}).") \
            from None
    return out


def _keep_permissions(out: Path, tmp: Path) -> None:
    """mkstemp makes the file private (0600); a report should get the usual permissions."""
    try:
        mode = out.stat().st_mode & 0o777 if out.exists() else 0o666 & ~_UMASK
        os.chmod(tmp, mode)
    except OSError:
        pass


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# Read once at import: os.umask can only be read by setting it, which would race with other threads.
_UMASK = _umask()
