"""Glue shared by the CLI and the window: run checks on a draft and record the results in the store."""
from __future__ import annotations

import getpass
import os
from dataclasses import dataclass
from typing import Any, Callable

from .core.document import Document
from .core.engine import OK, Engine, Outcome, Report, merge_outcomes
from .core.progress import Progress
from .core.settings import Settings


def default_reviewer() -> str:
    name = os.environ.get("REVIEWDESK_REVIEWER", "").strip()
    if name:
        return name
    try:
        return getpass.getuser()
    except Exception:
        return "reviewer"


def settings_for(store: Any, record: Any, base: Settings) -> Settings:
    """The settings with this document's (and every document's) dictionary and ignored rules."""
    chosen = store.review_settings(record.id) if hasattr(store, "review_settings") else {}
    return base.with_(dictionary=frozenset(store.words(record.id)) | base.dictionary,
                      ignored_rules=frozenset(store.ignored_rules(record.id)) | base.ignored_rules,
                      # The English the editor chose for this draft, unless this run names one.
                      dialect=base.dialect or str(chosen.get("dialect") or ""))


def record_outcome(store: Any, record: Any, doc: Document, outcome: Outcome,
                   listed: bool = True) -> list[Any]:
    """Write one check's outcome: its flags (matched by fingerprint), its metrics, its claims.

    Returns every flag of the review after the write (none with listed=False)."""
    ran = {outcome.status.id} if outcome.status.status == OK else set()
    flags = store.sync_flags(record, doc, outcome.flags, ran, listed=listed)
    if outcome.status.status == OK and outcome.metrics:
        metrics = dict(outcome.metrics)
        claims = metrics.pop("claims", None)
        if claims is not None:
            store.sync_claims(record, list(claims))
        saved = store.metrics(record)
        saved[outcome.status.id] = _jsonable(metrics)
        saved["sha256"] = doc.sha256
        store.save_metrics(record, saved)
    return flags


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if hasattr(value, "__dataclass_fields__"):
        from dataclasses import asdict
        return _jsonable(asdict(value))
    return str(value)


@dataclass
class CheckRun:
    report: Report
    flags: list[Any]        # FlagRecords after syncing


def check_and_record(store: Any, record: Any, doc: Document, engine: Engine, settings: Settings,
                     progress: Progress | None = None,
                     on_outcome: Callable[[Outcome], None] | None = None) -> CheckRun:
    settings = settings_for(store, record, settings)
    outcomes: list[Outcome] = []

    def keep(outcome: Outcome) -> None:
        outcomes.append(outcome)
        record_outcome(store, record, doc, outcome, listed=False)    # listed once, below
        if on_outcome is not None:
            on_outcome(outcome)

    # The store doubles as the per-paragraph result cache, so a re-check of an unchanged draft
    # (a new `reviewdesk check` process) does not lint every paragraph again.
    engine.run(doc, settings, progress, keep, cache=store)
    report = merge_outcomes(doc, outcomes)
    save_check_statuses(store, record, doc.sha256, [_jsonable(s.__dict__) for s in report.checks])
    return CheckRun(report, store.flags(record))


def save_check_statuses(store: Any, record: Any, sha256: str, statuses: list[dict]) -> None:
    """After a full run: which checks ran, and on which text (`export` reads this to know the
    review is current)."""
    saved = store.metrics(record)
    saved["checks"] = statuses
    saved["sha256"] = sha256
    store.save_metrics(record, saved)
