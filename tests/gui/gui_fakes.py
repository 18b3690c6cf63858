"""Deterministic checks for GUI tests: predictable flags, a multi-place finding, a gate, a failure."""
from __future__ import annotations

import re
import threading

from reviewdesk.core.flags import Flag, Severity, Span


class WordCheck:
    """Flags every occurrence of some words: a check whose answer a test can predict."""

    def __init__(self, check_id: str, category: str, words: tuple[str, ...],
                 severity: Severity = Severity.WARNING) -> None:
        self.id, self.name, self.categories = check_id, check_id.capitalize(), (category,)
        self._pattern = re.compile(r"\b(" + "|".join(map(re.escape, words)) + r")\b", re.IGNORECASE)
        self._severity = severity

    def run(self, doc, ctx):
        for m in self._pattern.finditer(doc.text):
            yield Flag(self.id, f"{self.id}.{m.group(1).lower()}", self.categories[0], m.start(), m.end(),
                       f"\u201c{m.group(1)}\u201d flagged.", self._severity)


class EchoCheck:
    """One multi-place finding: every occurrence of a phrase, linked."""

    id, name, categories = "echo", "Echo", ("repetition",)

    def __init__(self, phrase: str) -> None:
        self._phrase = phrase

    def run(self, doc, ctx):
        places = tuple(Span(m.start(), m.end()) for m in re.finditer(re.escape(self._phrase), doc.text))
        if len(places) > 1:
            yield Flag(self.id, "echo.phrase", "repetition", places[0].start, places[0].end,
                       f"\u201c{self._phrase}\u201d appears {len(places)} times.", occurrences=places)


class GateCheck:
    """Waits (reporting progress, so it can be cancelled) until the test opens its gate."""

    id, name, categories = "gate", "Gate", ("grammar",)

    def __init__(self) -> None:
        self.release = threading.Event()
        self.started = threading.Event()

    def run(self, doc, ctx):
        self.started.set()
        while not self.release.wait(0.01):
            ctx.progress.report(0.5, "waiting")
        return [Flag(self.id, "gate.word", "grammar", 0, 4, "Gate flag.")]


class BoomCheck:
    id, name, categories = "boom", "Boom", ("grammar",)

    def run(self, doc, ctx):
        raise RuntimeError("the boom check broke on purpose")
