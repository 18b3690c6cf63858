"""The order an editor takes findings in: facts and leftovers first, then sourcing and mechanics, style last.

One ranking for the window's list, its "At a glance" strip and the command line's summary, so they
agree on what the biggest problems are. A finding's tier comes from its rule (contradictions, wrong-era
officials and page leftovers are tier 0); within a tier the first finding of every rule comes before
the second of any, so one rule with thirty flags cannot push every other problem off the first screen.
"""
from __future__ import annotations

from typing import Any, Callable, Iterable, Sequence, TypeVar

from .layers import is_line_editing

T = TypeVar("T")

# Rule ids or dotted prefixes, most urgent first. Anything unlisted is ranked by its severity.
TIERS: tuple[tuple[str, ...], ...] = (
    ("consistency.date", "consistency.number", "consistency.duration", "consistency.timeline",
     "consistency.contradiction", "sourcing.out-of-office", "filler.leftover"),
    ("sourcing.unattributed-quote", "sourcing.vague-attribution", "sourcing.stacked-hedge",
     "filler.seo", "repetition.doubled", "repetition.near-duplicate", "sourcing.unsourced-figure"),
    ("consistency.spelling", "grammar.name-variant", "repetition.phrase", "filler.cliche"),
)
_ERRORS_TIER = 1          # an error-level grammar or spelling flag sits with the sourcing problems
_DEFAULT_TIER = 3
_LINE_TIER = 5
_SEVERITY = {"error": 3, "warning": 2, "suggestion": 1, "info": 0}


def _severity(value: Any) -> int:
    if isinstance(value, str):
        return _SEVERITY.get(value.lower(), 0)
    return int(value)


def tier(rule: str, severity: Any = 2) -> int:
    """0 for the findings an editor must see first, higher for less urgent ones."""
    for n, prefixes in enumerate(TIERS):
        if any(rule == p or rule.startswith(p + ".") for p in prefixes):
            return n
    if is_line_editing(rule):
        return _LINE_TIER
    sev = _severity(severity)
    if sev >= 3:
        return _ERRORS_TIER
    return _DEFAULT_TIER if sev >= 2 else _DEFAULT_TIER + 1


def ranked(items: Iterable[T], *, rule: Callable[[T], str], severity: Callable[[T], Any],
           places: Callable[[T], int], start: Callable[[T], int]) -> list[T]:
    """Items in rank order (see the module docstring); ties go to document order."""
    items = list(items)
    base = [(tier(rule(it), severity(it)), -_severity(severity(it)), -places(it), start(it))
            for it in items]
    # The n-th best finding of each rule, n counted from 0 within its rule.
    by_rule = sorted(range(len(items)), key=lambda i: (rule(items[i]), base[i]))
    nth = [0] * len(items)
    previous, n = None, 0
    for i in by_rule:
        r = rule(items[i])
        n = n + 1 if r == previous else 0
        previous = r
        nth[i] = n
    order = sorted(range(len(items)), key=lambda i: (base[i][0], nth[i], base[i][1], base[i][2],
                                                     base[i][3]))
    return [items[i] for i in order]


def ranked_flags(flags: Sequence[Any]) -> list[Any]:
    """Flags or flag records (anything with rule, severity, occurrences and start) in rank order."""
    return ranked(flags, rule=lambda f: f.rule, severity=lambda f: f.severity,
                  places=lambda f: max(1, len(getattr(f, "occurrences", ()) or ())),
                  start=lambda f: f.start)
