"""The open review behind the window: the draft, its flags model, notes, claims, and the checks running on it.

No widgets here: the window and the tests drive a ReviewController and listen to its signals.
Decisions and notes are written to the store at once, on the GUI thread (they are small);
opening a draft and recording a check's flags run in the pool (see review_jobs).
"""
from __future__ import annotations

import gc
import logging
import os
from functools import partial
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

from ..core.document import Document
from ..core.engine import CANCELLED, FAILED, OK, CheckStatus, Engine
from ..core.progress import CancelToken
from ..core.settings import Settings
from ..service import settings_for
from ..storage.records import DocumentRecord, NoteRecord
from . import review_jobs
from .check_processes import CheckProcesses
from .editor.offsets import OffsetMap
from .flag_model import FlagModel, RowsChange, with_decision, with_note
from .review_edits import ReviewEdits
from .turns import Turns
from .workers import JobRunner

log = logging.getLogger(__name__)

# Past this many characters (about 7,000 words) a check's longest C calls hold the GIL long enough
# to make the window stutter, so every built-in check goes to a check process.
LARGE_DRAFT_CHARS = 40_000
# Seconds a check took on its first (cold) run, until we have measured it here: the quick checks
# go first so the first flags show within a second; the costly ones follow.
_EXPECTED_SECONDS = {"grammar": 3.0, "readability": 2.0}

def _settle_heap() -> None:
    """Take what the heap holds now out of the cyclic garbage collector's full passes.

    A novel's Document and flags are millions of long-lived objects; each automatic full
    collection walked them all, holding the GIL (and the window) for 100-200 ms. Frozen objects
    are still freed by reference counting when the draft goes; only young cycles are collected
    first, because a full collection here would be the very pause this avoids.
    """
    gc.collect(1)
    gc.freeze()


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


class ReviewController(ReviewEdits, QObject):
    """One draft under review at a time; every public method runs on the GUI thread."""

    opening = Signal(str)                       # path
    open_failed = Signal(str, str)              # path, one-sentence reason
    document_opened = Signal()
    document_closed = Signal()
    check_started = Signal(str, str)            # check id, name
    check_progress = Signal(str, float)         # check id, fraction
    check_finished = Signal(str, str, str)      # check id, ok|failed|unavailable|cancelled, message
    checks_done = Signal()
    rows_changed = Signal(object)               # RowsChange: flags or span notes added, removed, redecided
    metrics_changed = Signal(str)               # check id
    notes_changed = Signal()
    claims_changed = Signal()
    decision_saved = Signal(list, str)          # flag ids, status
    engines_warm = Signal(str)                  # "" when ready, else why not

    def __init__(self, store: Any, engine: Engine | None = None, settings: Settings | None = None,
                 reviewer: str = "reviewer", parent: QObject | None = None,
                 processes: CheckProcesses | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.engine = engine or Engine()
        # Built-in checks can run in processes of their own (see check_processes); checks handed
        # in as objects (tests, scripts) run in this process's thread pool.
        self.processes = processes
        self.base_settings = settings or Settings()
        self.reviewer = reviewer
        self.model = FlagModel(self)
        self.runner = JobRunner(self)
        self.runner.job_done.connect(self._on_runner_job_done)
        self.runner.job_failed.connect(self._on_runner_job_failed)
        self.runner.job_cancelled.connect(self._on_runner_job_cancelled)
        self.runner.job_progress.connect(self._on_runner_job_progress)
        self._seconds: dict[str, float] = {}
        self._shared: dict[str | None, str | None] = {}
        # Set by the window: builds a draft's text document in the open job (see editor.text_document).
        self.text_builder: Any = None
        self.text_document: Any = None      # the open draft's, until the window takes it
        self._warm_token = CancelToken()
        self._turns = Turns(self)
        self._reset_state()

    def _reset_state(self) -> None:
        self.path: str | None = None
        self.doc: Document | None = None
        self.record: DocumentRecord | None = None
        self.offsets = OffsetMap("")
        self.settings = self.base_settings
        self.places: dict[tuple, list[tuple[int, int, int]]] = {}
        self.document_notes: list[NoteRecord] = []
        self.claims: list[Any] = []
        self.metrics: dict[str, Any] = {}
        self.statuses: dict[str, CheckStatus] = {}
        self._gate: review_jobs.WriteGate | None = None
        self._token: CancelToken | None = None
        self._jobs: dict[int, str] = {}           # this draft's jobs: id -> check id ("" = open)
        self._turns.clear()                        # GUI work for the last draft, one piece per turn

    # -- opening and closing -----------------------------------------------------------------
    def warm(self) -> None:
        """Build the costly engines (Harper) in the background, once, at start."""
        if self.processes is not None:
            self.processes.start(self.base_settings)
        self.runner.submit("warm", partial(review_jobs.warm, self.engine, self.base_settings,
                                           heavy=self.processes is None),
                           self._warm_token, priority=-1)

    def shutdown(self) -> None:
        """The window is closing: stop everything, the warm-up and the check processes included."""
        self._warm_token.cancel()
        self.close_document()
        if self.processes is not None:
            self.processes.shutdown()

    def _run_for(self, check: Any):
        """Where a check runs: its own process for native engines and long drafts, else here."""
        if self.processes is None or self.doc is None:
            return None
        if hasattr(check, "warm") or len(self.doc.text) > LARGE_DRAFT_CHARS:
            return partial(self.processes.run, url=self._shared_url())
        return None

    def _shared_url(self) -> str | None:
        """The database URL another process can open too (not an in-memory SQLite)."""
        url = getattr(self.store, "url", None)
        if url not in self._shared:
            from ..paths import sqlite_file
            # Resolving the file's path touches the disk: once per store, not for every check.
            self._shared[url] = None if not url or (url.startswith("sqlite") and sqlite_file(url) is None) \
                else url
        return self._shared[url]

    def open_path(self, path: str) -> None:
        self.close_document()
        self.path = path
        self._gate, self._token = review_jobs.WriteGate(), CancelToken()
        load = read_state = None
        large = _size(path) > LARGE_DRAFT_CHARS
        if large:
            # Before the draft arrives, so reading it cannot set off a full pass over the window's heap.
            _settle_heap()
        if self.processes is not None and large:
            load = self.processes.load
            url = self._shared_url()
            if url:
                read_state = partial(self.processes.state, url)
        job = self.runner.submit("open", partial(review_jobs.open_draft, path, self.store, self.base_settings,
                                                 self._gate, load=load, read_state=read_state,
                                                 build_text=self.text_builder),
                                 self._token, 1)
        self._jobs[job] = ""
        self.opening.emit(path)

    @property
    def is_open(self) -> bool:
        return self.doc is not None

    @property
    def is_loading(self) -> bool:
        return "" in self._jobs.values()

    @property
    def running_checks(self) -> list[str]:
        return [c for c in self._jobs.values() if c and c != "-"]

    def close_document(self) -> None:
        """Stop this draft's jobs; once this returns nothing more is written for it."""
        if self._token is not None:
            self._token.cancel()
        if self._gate is not None:
            self._gate.close()
        for job in list(self._jobs):
            self.runner.forget(job)
        had = self.doc is not None or self.path is not None
        self._reset_state()
        self.model.set_rows([])
        if had:
            self.document_closed.emit()

    def cancel_checks(self, *, announce: bool = True) -> None:
        """Stop the running checks of this draft; their results are thrown away."""
        if self._token is not None:
            self._token.cancel()
        for job, check_id in list(self._jobs.items()):
            if check_id:
                self.runner.forget(job)
                del self._jobs[job]
                self.statuses[check_id] = CheckStatus(check_id, self._name(check_id), "", CANCELLED,
                                                      "Cancelled.")
                self.check_finished.emit(check_id, CANCELLED, "Cancelled.")
        self._token = CancelToken()
        if announce:
            self.checks_done.emit()

    def start_checks(self, only: set[str] | None = None) -> None:
        """(Re)run every enabled check (or those in `only`), one job each, fast checks first."""
        if self.doc is None or self.record is None or self._gate is None:
            return
        if self.running_checks:
            # A check still running saw the old settings: run everything again.
            self.cancel_checks(announce=False)
            only = None
        self._token = CancelToken()
        if only is None:
            self.statuses = {}
        checks = sorted((c for c in self.engine.checks_for(self.settings) if only is None or c.id in only),
                        key=lambda c: self._seconds.get(c.id, _EXPECTED_SECONDS.get(c.id, 0.1)))
        for check in checks:
            work = partial(review_jobs.run_and_record, self.engine, check, self.doc, self.settings,
                           self.store, self.record, self.offsets, self._gate, run=self._run_for(check))
            job = self.runner.submit(f"check:{check.id}", work, self._token)
            self._jobs[job] = check.id
            self.check_started.emit(check.id, check.name)
        if not checks:
            self.checks_done.emit()

    def set_settings(self, settings: Settings) -> None:
        """New review settings: checks run again on the open draft."""
        self.base_settings = settings
        if self.doc is not None and self.record is not None:
            self.settings = settings_for(self.store, self.record, settings)
            enabled = self._enabled_ids()
            # Flags of checks switched off stay in the database, out of the way.
            off = frozenset(r.key for r in self.model.raw_rows if r.is_flag and r.check not in enabled)
            self.model.replace_where(lambda r: r.key not in off, [])
            self.rows_changed.emit(RowsChange(removed=off))
            self.start_checks()

    def relearn(self, check_ids: set[str] | None = None) -> None:
        """The dictionary or ignored rules changed: read them again and re-run the checks affected."""
        if self.doc is None or self.record is None:
            return
        self.settings = settings_for(self.store, self.record, self.base_settings)
        self.start_checks(check_ids or None)

    def _enabled_ids(self) -> set[str]:
        return {c.id for c in self.engine.checks_for(self.settings)}

    def _name(self, check_id: str) -> str:
        try:
            return self.engine.check(check_id).name
        except KeyError:
            return check_id

    # -- results from the pool ----------------------------------------------------------------
    @Slot(int, str, object)
    def _on_runner_job_done(self, job_id: int, tag: str, result: object) -> None:
        if tag == "warm":
            # What the warm-up loaded (word lists, engines) lives as long as the window: keep it out
            # of the full garbage collections, each of which walked it for about 80 ms.
            _settle_heap()
            self.engines_warm.emit("")
            return
        check_id = self._jobs.get(job_id)
        if check_id is None or check_id == "-" or check_id == "":
            self._jobs.pop(job_id, None)
            if check_id == "":
                self._apply_open(result)
            return
        # One check's flags per turn of the event loop: results that arrive together (a reopened
        # draft's checks come from the cache) would otherwise be applied, and the table and
        # highlights redone, in one long stall. The job stays in _jobs until it is applied,
        # so the checks are not "done" early, and a cancelled or closed draft drops it.
        self.later(partial(self._apply_rows, job_id, result))

    def later(self, step) -> None:
        """Run `step` on a later turn of the event loop, after the steps queued before it; the
        steps belong to the open draft, and closing it drops what is left (see turns)."""
        self._turns.later(step)

    def _apply_open(self, opened: review_jobs.OpenedDraft) -> None:
        self.doc, self.record, self.offsets = opened.doc, opened.record, opened.offsets
        self.settings = opened.settings
        self.places = dict(opened.places)
        self.document_notes = [n for n in opened.notes if n.kind == "document"]
        self.claims = list(opened.claims)
        self.metrics = {k: v for k, v in opened.metrics.items() if isinstance(v, dict)}
        self.text_document, opened.text_document = opened.text_document, None
        self.document_opened.emit()
        self.text_document = None
        if len(self.doc.text) > LARGE_DRAFT_CHARS:
            _settle_heap()
        # The stored review goes in on later turns: laying out a novel's text, filling the table
        # and the panels in one go would hold the window up for too long.
        enabled = self._enabled_ids()
        rows = [r for r in opened.rows if not r.is_flag or r.check in enabled]
        self.later(partial(self._restore_rows, rows))
        for check_id in self.metrics:           # the readability panel alone is 10-20 ms
            self.later(partial(self.metrics_changed.emit, check_id))
        if self.claims:
            self.later(self.claims_changed.emit)
        self.later(self.start_checks)

    def _restore_rows(self, rows: list) -> None:
        self.model.set_rows(rows)
        self.rows_changed.emit(RowsChange(full=True))

    def _apply_rows(self, job_id: int, result: review_jobs.CheckResult) -> None:
        """First piece of a check's result: its flags into the table and the highlights."""
        check_id = self._jobs.get(job_id)
        if not check_id:
            return                          # cancelled meanwhile
        if result.status.status == OK:
            known = {r.key: r for r in self.model.raw_rows if r.check == check_id}
            merged = []
            for row in result.rows:
                mine = known.get(row.key)
                # Decisions and notes made here while the check ran are newer than the job's read.
                if mine is not None and (mine.decision, mine.note) != (row.decision, row.note):
                    row = with_note(with_decision(row, mine.decision), mine.note)
                merged.append(row)
            self.places.update(result.places)
            self.model.replace_where(lambda r: r.check != check_id, merged)
            new_keys = frozenset(r.key for r in merged)
            # What the list shows is merged findings (core/merge.py): repaint those this check's
            # flags are in, and take away every flag that is now part of another's finding.
            touched = tuple(r for r in self.model.rows
                            if r.key in new_keys or any(m in new_keys or m in known for m in r.members))
            absorbed = frozenset(m for r in self.model.rows for m in r.members)
            gone = (frozenset(known) - new_keys) | absorbed
            # The highlights and counts follow on the next turn: on a novel, the table and the
            # highlights together were over 30 ms in one turn.
            self.later(partial(self.rows_changed.emit, RowsChange(touched, gone)))
        self.later(partial(self._apply_check, job_id, result))

    def _apply_check(self, job_id: int, result: review_jobs.CheckResult) -> None:
        """Second piece: the check's numbers and claims, and its status."""
        check_id = self._jobs.pop(job_id, None)
        if not check_id:
            return
        self.statuses[check_id] = result.status
        self._seconds[check_id] = result.status.seconds
        if result.status.status == OK:
            self.metrics[check_id] = result.metrics
            self.metrics_changed.emit(check_id)
            if result.claims is not None:
                self.claims = list(result.claims)
                self.claims_changed.emit()
            if self.doc is not None and len(self.doc.text) > LARGE_DRAFT_CHARS:
                _settle_heap()
        self.check_finished.emit(check_id, result.status.status, result.status.message)
        self._maybe_done()

    @Slot(int, str, str)
    def _on_runner_job_failed(self, job_id: int, tag: str, message: str) -> None:
        if tag == "warm":
            self.engines_warm.emit(message)
            return
        check_id = self._jobs.pop(job_id, None)
        if check_id is None or check_id == "-":
            if check_id == "-":
                log.warning("could not save the check statuses: %s", message)
            return
        if check_id == "":
            path = self.path or ""
            self._reset_state()
            self.open_failed.emit(path, message)
            return
        self.statuses[check_id] = CheckStatus(check_id, self._name(check_id), "", FAILED, message)
        self.check_finished.emit(check_id, FAILED, message)
        self._maybe_done()

    @Slot(int, str)
    def _on_runner_job_cancelled(self, job_id: int, _tag: str) -> None:
        check_id = self._jobs.pop(job_id, None)
        if check_id and check_id != "-":
            self.check_finished.emit(check_id, CANCELLED, "Cancelled.")
            self._maybe_done()

    @Slot(int, str, float, str)
    def _on_runner_job_progress(self, job_id: int, _tag: str, fraction: float, _message: str) -> None:
        check_id = self._jobs.get(job_id)
        if check_id:
            self.check_progress.emit(check_id, fraction)

    def _maybe_done(self) -> None:
        if self.running_checks:
            return
        if self.record is not None and self.doc is not None and self._gate is not None and \
                all(s.status != CANCELLED for s in self.statuses.values()):
            # Same bookkeeping as the CLI, so `reviewdesk export` knows this review is current.
            # In the pool: the saved metrics of a novel take a few hundred ms to copy.
            statuses = [dict(s.__dict__) for s in self.statuses.values()]
            url = self._shared_url() if len(self.doc.text) > LARGE_DRAFT_CHARS else None
            write = partial(self.processes.save_statuses, url) if url and self.processes else None
            job = self.runner.submit("bookkeeping", partial(
                review_jobs.save_check_statuses, self.store, self.record, self.doc.sha256, statuses,
                self._gate, write=write), self._token)
            self._jobs[job] = "-"
        # On a turn of its own: the window selects the first flag and updates its actions then,
        # which should not share a turn with laying out the last check's flags.
        self.later(self._announce_done)

    def _announce_done(self) -> None:
        if not self.running_checks:
            self.checks_done.emit()
