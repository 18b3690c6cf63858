"""The one small interface every check implements, and the context a run hands it."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable, Protocol, runtime_checkable

from ..core.document import Document
from ..core.flags import Flag
from ..core.progress import Progress
from ..core.settings import Settings


@dataclass
class RunContext:
    """What a check gets besides the document: settings, progress/cancel, and a place for metrics.

    `metrics` is for document-level numbers that are not flags (readability scores); the engine
    returns them beside the flags under the check's id.
    """

    settings: Settings = field(default_factory=Settings)
    progress: Progress = field(default_factory=Progress)
    metrics: dict[str, Any] = field(default_factory=dict)
    engine_label: str = ""          # which engine(s) actually ran, e.g. "harper 0.2"
    notices: list[str] = field(default_factory=list)   # one-line remarks for the check's status
    # Optional store of raw per-paragraph results that outlives the process (the review database):
    # `cached_results(engine, keys) -> {key: payload}` and `save_results(engine, {key: payload})`,
    # JSON payloads. None: nothing is kept beyond the check's own memory.
    cache: Any = None


@runtime_checkable
class Check(Protocol):
    id: str
    name: str
    categories: tuple[str, ...]

    def run(self, doc: Document, ctx: RunContext) -> Iterable[Flag]: ...
