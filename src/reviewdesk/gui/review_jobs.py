"""The work the window sends to the thread pool: open a draft, run one check and record its outcome.

These functions see only plain data (the immutable Document, the thread-safe ReviewStore, an
OffsetMap) and return plain results; the GUI thread applies them. Recording a check's flags runs
here because on a long draft it is a transaction over thousands of rows; the WriteGate makes sure
nothing is written for a draft once the window has let go of it.
"""
from __future__ import annotations

import gc
import threading
from dataclasses import dataclass, field
from typing import Any, Callable

from ..core.document import Document
from ..core.engine import OK, CheckStatus, Engine
from ..core.errors import Cancelled
from ..core.loaders import load_document
from ..core.progress import Progress
from ..core.settings import Settings
from .. import service
from ..service import record_outcome, settings_for
from ..storage.records import DocumentRecord, NoteRecord
from .editor.offsets import OffsetMap
from .flag_model import Row, row_from_flag, row_from_note

Places = dict[tuple, list[tuple[int, int, int]]]


class WriteGate:
    """A draft's permission to write: closed (under the lock) before the window moves on.

    A job writes only inside `with gate:` after `gate.check(progress)`; closing takes the same
    lock, so once close() returns no job of that draft can write again.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._open = True

    def __enter__(self) -> "WriteGate":
        self._lock.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self._lock.release()

    def check(self, progress: Progress) -> None:
        progress.check()
        if not self._open:
            raise Cancelled()

    def close(self) -> None:
        with self._lock:
            self._open = False


@dataclass
class OpenedDraft:
    doc: Document
    record: DocumentRecord
    offsets: OffsetMap
    settings: Settings
    rows: list[Row]
    places: Places
    notes: list[NoteRecord]
    claims: list[Any]
    metrics: dict[str, Any]
    same_text: bool          # the stored review was made on exactly this text
    text_document: Any = None    # the draft's QTextDocument, built here when the window asked


@dataclass
class CheckResult:
    status: CheckStatus
    rows: list[Row] = field(default_factory=list)      # this check's flags after recording
    places: Places = field(default_factory=dict)
    metrics: dict[str, Any] = field(default_factory=dict)
    claims: list[Any] | None = None


def places_for(rows: list[Row], offsets: OffsetMap) -> Places:
    out: Places = {}
    for row in rows:
        if row.places not in out:
            out[row.places] = [seg for a, b in row.places for seg in offsets.segments(a, b)]
    return out


def learned_away(row: Row, settings: Settings, text: str) -> bool:
    """An outdated flag that went because the editor added its word to the dictionary or ignored
    its rule: the store keeps it (its decision returns if the entry is removed), the list does not."""
    if row.status != "outdated" or not row.is_flag:
        return False
    if any(row.rule == r or row.rule.startswith(r + ".") for r in settings.ignored_rules):
        return True
    if row.category != "spelling" or not row.places or not settings.dictionary:
        return False
    start, end = row.places[0]
    return text[start:end].casefold() in {w.casefold() for w in settings.dictionary}


def open_draft(path: str, store: Any, base: Settings, gate: WriteGate, progress: Progress, *,
               load: Callable[[str, Progress], Document] | None = None,
               read_state: Callable[[Any, Progress], Any] | None = None,
               build_text: Callable[[str], Any] | None = None) -> OpenedDraft:
    """Read the draft and what the database already knows about it; `load` and `read_state`,
    when given, do the reading in a check process (a novel's review is thousands of rows)."""
    # A novel arrives as millions of new objects; a full garbage collection over them, set off
    # while they are unpickled, would hold the GIL (and the window) for 60-200 ms. Collection
    # waits until they are read, and then they are frozen out of its full passes.
    paused = load is not None and gc.isenabled()
    if paused:
        gc.disable()
    try:
        opened = _open_draft(path, store, base, gate, progress, load=load, read_state=read_state)
        if build_text is not None:
            # Last, once nothing can fail or be cancelled: the document then always reaches the window.
            progress.report(0.9, "Laying out the text")
            opened.text_document = build_text(opened.doc.text, blocks=opened.doc.blocks)
        return opened
    finally:
        if paused:
            gc.freeze()
            gc.enable()


def _open_draft(path: str, store: Any, base: Settings, gate: WriteGate, progress: Progress, *,
                load: Callable[[str, Progress], Document] | None,
                read_state: Callable[[Any, Progress], Any] | None) -> OpenedDraft:
    progress.report(0.1, "Reading")
    doc = load(path, progress) if load is not None else load_document(path)
    progress.report(0.4, "Opening the review")
    # Cached on the immutable Document: counted once, not on the GUI thread or in every check.
    _ = (doc.word_count, doc.sentences, doc.quotes)
    offsets = OffsetMap(doc.text)
    with gate:
        gate.check(progress)
        record = store.open_document(doc)
        metrics = store.metrics(record)
        same = metrics.get("sha256") == doc.sha256
        if not same:
            # A revised draft: span notes move to their passages, or become outdated.
            store.relocate_notes(record, doc)
    state = read_state(record, progress) if read_state is not None else store.state(record)
    progress.report(0.7, "Restoring decisions")
    # Stored flags of another version point into another text: they wait for the checks.
    settings = settings_for(store, record, base)
    rows = [row_from_flag(f, doc.text) for f in state.flags if same or f.state == "outdated"]
    rows = [r for r in rows if not learned_away(r, settings, doc.text)]
    rows += [row_from_note(n, doc.text) for n in state.notes if n.kind == "span"]
    notes = [n for n in state.notes if n.kind != "span"]
    return OpenedDraft(doc, record, offsets, settings, rows,
                       places_for([r for r in rows if r.active], offsets), notes,
                       list(state.claims) if same else [], metrics if same else {}, same)


def run_and_record(engine: Engine, check: Any, doc: Document, settings: Settings, store: Any,
                   record: DocumentRecord, offsets: OffsetMap, gate: WriteGate,
                   progress: Progress, *, run: Callable[..., tuple] | None = None) -> CheckResult:
    """Run one check, here or through `run` in a check process (which may record the flags
    itself), then record its outcome unless the draft was let go meanwhile."""
    records = claims = None
    if run is not None:
        outcome, records, claims = run(check, doc, settings, progress, record=record, gate=gate)
    else:
        # The store keeps per-paragraph results, so an unchanged paragraph is not linted again.
        outcome = engine.run_check(check, doc, settings, progress, cache=store)
    if outcome.status.status != OK:
        return CheckResult(outcome.status)
    if records is None:
        with gate:
            gate.check(progress)
            records = record_outcome(store, record, doc, outcome)
            claims = store.claims(record) if "claims" in outcome.metrics else None
    rows = [row_from_flag(r, doc.text) for r in records if r.check == check.id]
    rows = [r for r in rows if not learned_away(r, settings, doc.text)]
    return CheckResult(outcome.status, rows, places_for([r for r in rows if r.active], offsets),
                       dict(outcome.metrics), claims)


def save_check_statuses(store: Any, record: DocumentRecord, sha256: str, statuses: list[dict],
                        gate: WriteGate, progress: Progress, *,
                        write: Callable[..., None] | None = None) -> None:
    """After a full run: which checks ran, and on which text (the CLI's `export` reads this).

    `write`, when given, does it in a check process: the saved metrics of a novel are megabytes
    of JSON, and decoding them here held the GIL (and the window) for tens of milliseconds."""
    with gate:
        gate.check(progress)
        if write is not None:
            write(record, sha256, statuses, progress)
        else:
            service.save_check_statuses(store, record, sha256, statuses)


_WARM_TEXT = ("Warming up\n\nThe desk reads this short paragraph once, so that word lists and "
              "dictionaries are loaded before the first draft arrives. It was written quickly.")


def warm(engine: Engine, settings: Settings, progress: Progress, *, heavy: bool = True) -> str:
    """Build costly engines (the Harper linter, word lists) ahead of the first check.

    heavy=False leaves out the checks with engines of their own (they run in check processes).
    """
    from ..core.document import document_from_text

    sample = document_from_text(_WARM_TEXT)
    for check in sorted(engine.checks_for(settings), key=lambda c: hasattr(c, "warm")):
        progress.check()
        if hasattr(check, "warm"):
            if heavy:
                check.warm(settings.language)
        else:
            engine.run_check(check, sample, settings)
    return "warm"
