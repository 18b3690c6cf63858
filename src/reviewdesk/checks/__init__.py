"""The built-in checks, plus any that other packages register in the `reviewdesk.checks` entry-point group."""
from __future__ import annotations

import logging
from importlib.metadata import entry_points
from typing import Any

log = logging.getLogger(__name__)


def builtin_checks() -> list[Any]:
    from .grammar import GrammarCheck
    from .readability import ReadabilityCheck
    from .repetition import RepetitionCheck
    from .claims import ClaimsCheck
    from .consistency import ConsistencyCheck
    from .filler import FillerCheck
    from .sourcing import SourcingCheck

    checks: list[Any] = [GrammarCheck(), ReadabilityCheck(), RepetitionCheck()]
    checks += [ConsistencyCheck(), SourcingCheck(), FillerCheck(), ClaimsCheck()]
    checks.extend(plugin_checks())
    return checks


def plugin_checks() -> list[Any]:
    found = []
    for ep in entry_points(group="reviewdesk.checks"):
        try:
            factory = ep.load()
            found.append(factory())
        except Exception:  # a broken plug-in is logged and skipped; the built-ins still run
            log.exception("check plug-in %s could not be loaded", ep.name)
    return found


BUILTIN_IDS = ("grammar", "readability", "repetition", "consistency", "sourcing", "filler", "claims")


def builtin_checks_ids() -> list[str]:
    """Ids of every check that can run, without building the costly ones."""
    ids = list(BUILTIN_IDS)
    for ep in entry_points(group="reviewdesk.checks"):
        ids.append(ep.name)
    return ids
