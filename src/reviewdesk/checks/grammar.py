"""The grammar check: spelling and grammar from the grammar engines (Harper, the offline floor)."""
from __future__ import annotations

from typing import Iterable

from ..core.document import Document
from ..core.errors import CheckUnavailable
from ..core.flags import Flag
from .base import RunContext
from .grammar_harper import HarperEngine


class GrammarCheck:
    id = "grammar"
    name = "Grammar and spelling"
    categories = ("grammar", "spelling")

    def __init__(self) -> None:
        self.harper = HarperEngine()

    def warm(self, language: str = "en-US") -> None:
        """Build the linter ahead of the first check (the window calls this in the background)."""
        self.harper.warm(language)

    def run(self, doc: Document, ctx: RunContext) -> Iterable[Flag]:
        settings = ctx.settings
        if settings.grammar_engine == "off":
            raise CheckUnavailable("Grammar checking is switched off in the settings.")
        ctx.engine_label = self.harper.label
        flags = self.harper.lint(doc, ctx.progress, settings.language)
        if settings.is_enabled("repetition"):
            # Doubled words are the repetition check's finding; one highlight, not two.
            flags = [f for f in flags if f.rule != "grammar.repetition"]
        return flags
