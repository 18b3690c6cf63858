"""Picks the few findings an editor should see first: the draft's problems at a glance."""
from __future__ import annotations

from typing import Any, Iterable

from .ranking import ranked_flags


def highlights(flags: Iterable[Any], limit: int = 12) -> list[Any]:
    """The strongest open findings in rank order (core/ranking.py): facts that disagree, wrong-era
    officials and page leftovers first, then sourcing and errors, style last; one finding per rule
    before the second of any. Dismissed and outdated flags are left out."""
    open_flags = [f for f in flags
                  if getattr(f, "status", "pending") != "dismissed" and getattr(f, "state", "active") == "active"]
    return ranked_flags(open_flags)[:limit]
