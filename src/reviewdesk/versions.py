"""The versions of ReviewDesk and the engines it runs on, for --version, Help > About and crash reports.

Read from package metadata, so asking costs no import of Qt or Harper.
"""
from __future__ import annotations

import platform
import sys
from importlib.metadata import PackageNotFoundError, version

from . import __version__


def package_version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "not installed"


def languagetool_version() -> str:
    """The local LanguageTool's version, if one is installed (none ships with ReviewDesk)."""
    import re
    try:
        from .checks.grammar_lt_local import installed_jar
        jar = installed_jar()
    except Exception:     # language-tool-python missing or broken: reported, never fatal
        return "not installed"
    if jar is None:
        return "not installed (Harper is used; a server URL or a download adds it)"
    found = re.search(r"(\d+(?:\.\d+)+)", jar.parent.name)
    return f"{found.group(1) if found else 'installed'} ({jar.parent})"


def component_versions() -> list[tuple[str, str]]:
    qt = package_version("pyside6-essentials")
    if qt == "not installed":
        qt = package_version("PySide6")
    frozen = " (bundle)" if getattr(sys, "frozen", False) else ""
    return [("ReviewDesk", __version__ + frozen), ("Qt", qt),
            ("Harper", package_version("harper-py")),
            ("textstat", package_version("textstat")), ("LanguageTool", languagetool_version()),
            ("SQLAlchemy", package_version("sqlalchemy")), ("Python", platform.python_version())]


def version_text() -> str:
    """What `reviewdesk --version` prints: one line per component."""
    rows = component_versions()
    width = max(len(name) for name, _ in rows)
    return "\n".join(f"{name:<{width}}  {value}" for name, value in rows)
