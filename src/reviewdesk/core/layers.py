"""Which findings the default review shows, and which belong to the line-editing layer.

The default review is what an editor acts on: grammar and spelling errors, facts that disagree,
claims nobody stands behind, leftovers and padding, copied passages. Line-editing advice (echoes,
passive voice, adverbs, hard sentences, complex words, repeated openers, style preferences) is a
layer the editor turns on; off, it is summarised as counts against targets instead of flags.
Checks always report every flag and the store keeps them all: the layer is a view, so turning it
on and off never loses a decision.
"""
from __future__ import annotations

from typing import Any, Iterable, TypeVar

T = TypeVar("T")

LINE_EDITING = "line-editing"
# Rule ids (or dotted prefixes) that are line-editing advice.
LINE_RULES: tuple[str, ...] = (
    "readability.hard-sentence",
    "readability.very-hard-sentence",
    "readability.long-sentence",
    "readability.passive-voice",
    "readability.adverb",
    "readability.complex-word",
    "repetition.echo",
    "repetition.opener",
    "repetition.term",          # the story's own names and terms, repeated
    "repetition.paraphrase",    # passages that say nearly the same thing (not copies)
    "grammar.style",
)


def _matches(rule: str, prefix: str) -> bool:
    return rule == prefix or rule.startswith(prefix + ".")


def is_line_editing(rule: str) -> bool:
    """True for a rule whose flags belong to the line-editing layer."""
    return any(_matches(rule, p) for p in LINE_RULES)


def in_view(rule: str, settings: Any) -> bool:
    """True when a flag of `rule` is shown under these settings."""
    return bool(getattr(settings, "line_editing", False)) or not is_line_editing(rule)


def shown(flags: Iterable[T], settings: Any) -> list[T]:
    """The flags the settings' view shows (anything with a `rule` attribute)."""
    return [f for f in flags if in_view(getattr(f, "rule"), settings)]
