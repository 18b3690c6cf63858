"""What the window remembers between sessions (QSettings): geometry, splitters, filters, recent files,
the reviewer's name and the review settings chosen in the Settings dialog.

Tests point QSettings at a temporary folder (QSettings.setPath) or pass their own QSettings.
"""
from __future__ import annotations

import os
from dataclasses import fields
from typing import Any

from PySide6.QtCore import QByteArray, QSettings

from ..core.settings import Settings
from ..service import default_reviewer
from .flag_filter import FilterState
from .flag_model import PENDING

ORGANISATION = "ReviewDesk"
APPLICATION = "ReviewDesk"
MAX_RECENT = 10
# Review settings the dialog edits and QSettings keeps; anything else comes from the CLI or defaults.
_REVIEW_FIELDS = ("target_grade", "skip_quotes", "long_sentence_words", "grammar_engine",
                  "languagetool_url", "enabled")


def _as_list(value: Any) -> list[str]:
    # INI files give a one-item list back as a plain string, and an empty one as None.
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value]


class Prefs:
    def __init__(self, qsettings: QSettings | None = None) -> None:
        self.q = qsettings if qsettings is not None else QSettings(ORGANISATION, APPLICATION)

    def sync(self) -> None:
        self.q.sync()

    # -- reviewer and recent files ----------------------------------------------------------
    @property
    def reviewer(self) -> str:
        return str(self.q.value("review/reviewer", "") or "") or default_reviewer()

    @property
    def reviewer_chosen(self) -> bool:
        """True once the reviewer has given a name (or REVIEWDESK_REVIEWER names one)."""
        return bool(str(self.q.value("review/reviewer", "") or "").strip()
                    or os.environ.get("REVIEWDESK_REVIEWER", "").strip())

    @reviewer.setter
    def reviewer(self, name: str) -> None:
        self.q.setValue("review/reviewer", name.strip())

    @property
    def appearance(self) -> str:
        """system (the desktop's colours), light or dark; read when the window starts."""
        value = str(self.q.value("window/appearance", "system") or "system")
        return value if value in ("system", "light", "dark") else "system"

    @appearance.setter
    def appearance(self, value: str) -> None:
        self.q.setValue("window/appearance", value)

    def recent_files(self) -> list[str]:
        return [p for p in _as_list(self.q.value("files/recent", [])) if p]

    def add_recent(self, path: str) -> list[str]:
        path = os.path.abspath(path)
        recent = [path] + [p for p in self.recent_files() if p != path]
        self.q.setValue("files/recent", recent[:MAX_RECENT])
        return recent[:MAX_RECENT]

    def forget_recent(self, path: str) -> None:
        self.q.setValue("files/recent", [p for p in self.recent_files() if p != path])

    def last_folder(self) -> str:
        return str(self.q.value("files/last_folder", "") or "")

    def set_last_folder(self, folder: str) -> None:
        self.q.setValue("files/last_folder", folder)

    # -- window layout ----------------------------------------------------------------------
    def state(self, key: str) -> QByteArray | None:
        value = self.q.value(f"window/{key}")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_state(self, key: str, value: QByteArray) -> None:
        self.q.setValue(f"window/{key}", value)

    def text(self, key: str, default: str = "") -> str:
        return str(self.q.value(key, default) or default)

    def set_text(self, key: str, value: str) -> None:
        self.q.setValue(key, value)

    # -- filters ----------------------------------------------------------------------------
    def filters(self) -> FilterState:
        statuses = _as_list(self.q.value("filters/statuses", [PENDING])) or [PENDING]
        try:
            severity = int(self.q.value("filters/min_severity", 0) or 0)
        except (TypeError, ValueError):
            severity = 0
        line = str(self.q.value("filters/line_editing", "false")).lower() == "true"
        return FilterState(frozenset(_as_list(self.q.value("filters/hidden", []))),
                           frozenset(statuses), severity, "", line)

    def set_filters(self, state: FilterState) -> None:
        self.q.setValue("filters/hidden", sorted(state.hidden))
        self.q.setValue("filters/statuses", sorted(state.statuses))
        self.q.setValue("filters/min_severity", state.min_severity)
        self.q.setValue("filters/line_editing", "true" if state.line_editing else "false")

    # -- review settings --------------------------------------------------------------------
    def review_settings(self, base: Settings) -> Settings:
        """The base settings (CLI or defaults) with the editor's saved choices where base is default."""
        defaults = Settings()
        changes: dict[str, Any] = {}
        types = {f.name: f.type for f in fields(Settings)}
        for name in _REVIEW_FIELDS:
            key = f"review/{name}"
            if not self.q.contains(key) or getattr(base, name) != getattr(defaults, name):
                continue
            raw = self.q.value(key)
            try:
                if name == "enabled":
                    changes[name] = tuple(_as_list(raw))
                elif "bool" in str(types[name]):
                    changes[name] = raw in (True, "true", "1", 1)
                elif "float" in str(types[name]):
                    changes[name] = float(raw)
                elif "int" in str(types[name]):
                    changes[name] = int(raw)
                else:
                    changes[name] = str(raw or "")
            except (TypeError, ValueError):
                continue
        return base.with_(**changes) if changes else base

    def save_review_settings(self, settings: Settings) -> None:
        for name in _REVIEW_FIELDS:
            value = getattr(settings, name)
            self.q.setValue(f"review/{name}", list(value) if name == "enabled" else value)
