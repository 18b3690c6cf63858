"""Harper (harper-py): the embedded, offline grammar and spelling engine.

The linter takes about a second to build and is not thread-safe, so one is built per dialect,
once, and used under a lock. Results are cached per paragraph text, so re-checking a revised
draft lints only the paragraphs that changed.
"""
from __future__ import annotations

import re
import threading
from collections import OrderedDict

from ..core.document import Document
from ..core.errors import CheckUnavailable
from ..core.flags import Flag, Severity
from ..core.progress import Progress

# Harper lint kind -> (our category, rule suffix, severity)
_KINDS = {
    "Spelling": ("spelling", "spelling", Severity.ERROR),
    "Typo": ("spelling", "typo", Severity.ERROR),
    "Agreement": ("grammar", "agreement", Severity.ERROR),
    "Grammar": ("grammar", "grammar", Severity.ERROR),
    "BoundaryError": ("grammar", "boundary", Severity.ERROR),
    "Punctuation": ("grammar", "punctuation", Severity.WARNING),
    "Capitalization": ("grammar", "capitalization", Severity.WARNING),
    "Repetition": ("grammar", "repetition", Severity.WARNING),
    "WordChoice": ("grammar", "word-choice", Severity.SUGGESTION),
    "Usage": ("grammar", "usage", Severity.SUGGESTION),
    "Style": ("grammar", "style", Severity.SUGGESTION),
    "Readability": ("grammar", "readability", Severity.SUGGESTION),
    "Redundancy": ("grammar", "redundancy", Severity.SUGGESTION),
    "Formatting": ("grammar", "formatting", Severity.INFO),
    "Miscellaneous": ("grammar", "misc", Severity.SUGGESTION),
}
_DIALECTS = {"en-US": "AMERICAN", "en-GB": "BRITISH", "en-AU": "AUSTRALIAN", "en-CA": "CANADIAN",
             "en-IN": "INDIAN"}
_CACHE_LIMIT = 20000


def harper_version() -> str:
    try:
        from importlib.metadata import version
        return version("harper-py")
    except Exception:
        return "unknown"


def _slug(kind: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "-", kind).lower()


class HarperEngine:
    """One linter per dialect, built on first use (or by warm() in the background) and kept."""

    name = "harper"

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._linters: dict[str, object] = {}
        self._cache: OrderedDict[tuple[str, str], list[tuple[int, int, str, str, tuple[str, ...]]]] = OrderedDict()

    @property
    def label(self) -> str:
        return f"harper {harper_version()}"

    def warm(self, language: str = "en-US") -> None:
        with self._lock:
            self._linter(language)

    def _linter(self, language: str):
        dialect = _DIALECTS.get(language, "AMERICAN")
        linter = self._linters.get(dialect)
        if linter is None:
            try:
                from harper import Dialect, Linter
            except ImportError as exc:
                raise CheckUnavailable(f"Harper is not installed ({exc}); reinstall ReviewDesk.") from None
            linter = Linter(getattr(Dialect, dialect))
            self._linters[dialect] = linter
        return linter

    def is_likely_english(self, text: str) -> bool:
        with self._lock:
            return bool(self._linter("en-US").is_likely_english(text))

    def lint(self, doc: Document, progress: Progress, language: str = "en-US") -> list[Flag]:
        flags: list[Flag] = []
        blocks = doc.blocks
        with self._lock:
            linter = self._linter(language)
            for i, block in enumerate(blocks):
                if i % 16 == 0:
                    progress.report(i / max(1, len(blocks)), "Harper")
                chunk = doc.text[block.start:block.end]
                for start, end, kind, message, suggestions in self._lint_chunk(linter, language, chunk):
                    category, rule, severity = _KINDS.get(kind, ("grammar", _slug(kind), Severity.SUGGESTION))
                    flags.append(Flag("grammar", f"grammar.{rule}", category, block.start + start,
                                      block.start + end, message, severity, suggestions,
                                      engines=("harper",)))
        progress.report(1.0, "Harper")
        return flags

    def _lint_chunk(self, linter, language: str, chunk: str):
        key = (language, chunk)
        hit = self._cache.get(key)
        if hit is not None:
            self._cache.move_to_end(key)
            return hit
        found = []
        for lint in linter.lint(chunk, language="plaintext"):
            suggestions = tuple(dict.fromkeys(
                s.replacement_text for s in lint.suggestions if getattr(s, "replacement_text", None)))[:5]
            found.append((lint.span.start, lint.span.end, lint.lint_kind, _plain(lint.message), suggestions))
        self._cache[key] = found
        if len(self._cache) > _CACHE_LIMIT:
            self._cache.popitem(last=False)
        return found


def _plain(message: str) -> str:
    """Harper writes messages in Markdown; show them plain."""
    return message.replace("`", "\u201c", 1).replace("`", "\u201d", 1).replace("`", "")
