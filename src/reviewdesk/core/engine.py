"""Runs checks over a Document and turns their raw flags into identified, ordered findings."""
from __future__ import annotations

import hashlib
import logging
import time
from dataclasses import dataclass, field, replace
from typing import Any, Callable, Iterable, Sequence

from .document import Document
from .errors import Cancelled, CheckUnavailable
from .flags import Flag, fingerprint, short_id
from .progress import Progress
from .settings import Settings

log = logging.getLogger(__name__)

OK, UNAVAILABLE, FAILED, CANCELLED = "ok", "unavailable", "failed", "cancelled"


@dataclass
class CheckStatus:
    id: str
    name: str
    engine: str
    status: str
    message: str = ""
    seconds: float = 0.0
    count: int = 0


@dataclass
class Outcome:
    """One check's result on one document."""

    status: CheckStatus
    flags: list[Flag] = field(default_factory=list)
    metrics: dict[str, Any] = field(default_factory=dict)


@dataclass
class Report:
    document: Document
    flags: list[Flag]
    checks: list[CheckStatus]
    metrics: dict[str, dict[str, Any]]

    @property
    def readability(self) -> dict[str, Any]:
        return dict(self.metrics.get("readability", {}).get("scores", {}))

    def ran_ok(self) -> set[str]:
        return {c.id for c in self.checks if c.status == OK}


class Engine:
    """Holds check instances (so costly ones, like the Harper linter, are built once) and runs them."""

    def __init__(self, checks: Sequence[Any] | None = None) -> None:
        if checks is None:
            from ..checks import builtin_checks
            checks = builtin_checks()
        self._checks = list(checks)

    @property
    def all_checks(self) -> list[Any]:
        return list(self._checks)

    def checks_for(self, settings: Settings) -> list[Any]:
        return [c for c in self._checks if settings.is_enabled(c.id)]

    def check(self, check_id: str) -> Any:
        for c in self._checks:
            if c.id == check_id:
                return c
        raise KeyError(check_id)

    def run_check(self, check: Any, doc: Document, settings: Settings,
                  progress: Progress | None = None, cache: Any = None) -> Outcome:
        """Run one check; its failure becomes a status, never an exception (except Cancelled).

        `cache` (optional) keeps raw per-paragraph results between runs: see RunContext.cache.
        """
        from ..checks.base import RunContext

        progress = progress or Progress()
        ctx = RunContext(settings=settings, progress=progress, cache=cache)
        started = time.perf_counter()
        try:
            raw = list(check.run(doc, ctx)) if doc.text.strip() else []
        except Cancelled:
            raise
        except CheckUnavailable as exc:
            return Outcome(CheckStatus(check.id, check.name, ctx.engine_label or check.id, UNAVAILABLE,
                                       str(exc), time.perf_counter() - started))
        except Exception as exc:  # a broken check must not take the others down
            log.exception("check %s failed", check.id)
            return Outcome(CheckStatus(check.id, check.name, ctx.engine_label or check.id, FAILED,
                                       f"{check.name} failed: {exc}", time.perf_counter() - started))
        flags = finalise(doc, raw, settings)
        status = CheckStatus(check.id, check.name, ctx.engine_label or check.id, OK,
                             "; ".join(ctx.notices), time.perf_counter() - started, len(flags))
        return Outcome(status, flags, ctx.metrics)

    def run(self, doc: Document, settings: Settings | None = None, progress: Progress | None = None,
            on_outcome: Callable[[Outcome], None] | None = None, cache: Any = None) -> Report:
        settings = settings or Settings()
        progress = progress or Progress()
        checks = self.checks_for(settings)
        outcomes: list[Outcome] = []
        for i, check in enumerate(checks):
            part = progress.part(i / max(1, len(checks)), (i + 1) / max(1, len(checks)))
            outcome = self.run_check(check, doc, settings, part, cache)
            outcomes.append(outcome)
            if on_outcome is not None:
                on_outcome(outcome)
        return merge_outcomes(doc, outcomes)


def merge_outcomes(doc: Document, outcomes: Iterable[Outcome]) -> Report:
    outcomes = list(outcomes)
    flags = sorted((f for o in outcomes for f in o.flags), key=lambda f: (f.start, f.end, f.rule))
    metrics = {o.status.id: o.metrics for o in outcomes if o.metrics}
    return Report(doc, flags, [o.status for o in outcomes], metrics)


def finalise(doc: Document, raw: Iterable[Flag], settings: Settings) -> list[Flag]:
    """Drop ignored rules and dictionary words, then give every flag its fingerprint and id."""
    text = doc.text
    seen: dict[str, int] = {}
    ids: set[str] = set()
    out: list[Flag] = []
    dictionary = {w.casefold() for w in settings.dictionary}
    for flag in sorted(raw, key=lambda f: (f.start, f.end, f.rule)):
        if _ignored(flag.rule, settings.ignored_rules):
            continue
        if flag.category == "spelling" and text[flag.start:flag.end].casefold() in dictionary:
            continue
        fp = fingerprint(flag, text)
        n = seen.get(fp, 0)
        seen[fp] = n + 1
        if n:  # the same problem in the same words twice: number the later ones
            fp = hashlib.sha1(f"{fp}#{n}".encode()).hexdigest()
        fid = short_id(fp)
        if fid in ids:  # rare: two fingerprints share their first eight hex digits
            fid = fp[:16]
        ids.add(fid)
        out.append(replace(flag, fingerprint=fp, id=fid))
    return out


def _ignored(rule: str, ignored: frozenset[str]) -> bool:
    return any(rule == r or rule.startswith(r + ".") for r in ignored)
