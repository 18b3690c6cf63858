"""Picks the few findings an editor should see first: the draft's problems at a glance."""
from __future__ import annotations

from typing import Any, Iterable

_SEVERITY = {"error": 3, "warning": 2, "suggestion": 1, "info": 0}
# What usually needs an editor most in a draft: facts that disagree, claims nobody stands behind,
# text that should not be there at all, then padding and the mechanics.
_CATEGORY_ORDER = ("consistency", "sourcing", "filler", "repetition", "grammar", "spelling",
                   "readability")
_PER_CATEGORY = 3
# Findings about facts and leftovers outrank style of the same severity.
_RULE_WEIGHT = {"consistency.date": 3, "consistency.duration": 3, "consistency.number": 3,
                "consistency.contradiction": 3, "filler.leftover": 3, "sourcing.stacked-hedge": 2,
                "sourcing.vague-attribution": 2, "sourcing.unattributed-quote": 2,
                "filler.seo": 2, "repetition.phrase": 2, "repetition.doubled": 2}


def _severity(flag: Any) -> int:
    value = flag.severity
    if isinstance(value, str):
        return _SEVERITY.get(value, 0)
    return int(value)


def _places(flag: Any) -> int:
    return max(1, len(flag.occurrences or ()))


def highlights(flags: Iterable[Any], limit: int = 12) -> list[Any]:
    """The strongest open findings, a few per category, in the order an editor would take them.

    Within a category: one finding per rule first (the most severe, weightiest, most repeated),
    then the next best; dismissed and outdated flags are left out.
    """
    by_category: dict[str, list[Any]] = {}
    for flag in flags:
        if getattr(flag, "status", "pending") == "dismissed" or getattr(flag, "state", "active") != "active":
            continue
        by_category.setdefault(flag.category, []).append(flag)
    order = list(_CATEGORY_ORDER) + sorted(set(by_category) - set(_CATEGORY_ORDER))
    picked: list[Any] = []
    for category in order:
        items = sorted(by_category.get(category, ()),
                       key=lambda f: (-_severity(f), -_RULE_WEIGHT.get(f.rule, 0), -_places(f), f.start))
        firsts, rules = [], set()
        for f in items:
            if f.rule not in rules:
                rules.add(f.rule)
                firsts.append(f)
        ranked = sorted(firsts, key=lambda f: (-_severity(f), -_RULE_WEIGHT.get(f.rule, 0), -_places(f)))
        rest = [f for f in items if f not in firsts]
        picked.extend((ranked + rest)[:_PER_CATEGORY])
    return picked[:limit]
