"""Runs built-in checks in worker processes, so their CPU work never holds the window's GIL.

Checks are Python; on a novel several of them spend hundreds of milliseconds inside single C
calls (a regex over the whole text, Harper's language test, loading the pronouncing
dictionary) during which no other thread of the process can run Python, the GUI thread
included. In a process of their own they cannot stall the window. Each check job is still a
QThreadPool job (numbered, cancellable, applied on the GUI thread); it hands the computing to a
process here and waits, which costs the window nothing.

Progress and cancellation cross the process boundary through two small shared arrays, one slot
per running check. Children are started with "spawn" (safe with Qt's threads) and build their
own Engine of the built-in checks once.
"""
from __future__ import annotations

import concurrent.futures as cf
import logging
import multiprocessing
import os
import pickle
import threading
import time
from collections import OrderedDict
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from ..core.document import Document
from ..core.engine import FAILED, OK, CheckStatus, Outcome
from ..core.errors import Cancelled, InputError
from ..core.progress import CancelToken, Progress
from ..core.settings import Settings

log = logging.getLogger(__name__)

_SLOTS = 64
_POLL_SECONDS = 0.05

# -- the child's side ---------------------------------------------------------------------------
READY, GO = 1, 2          # a slot's state: the outcome waits for leave to write; leave given
_engine: Any = None
_progress: Any = None
_cancel: Any = None
_state: Any = None
_caches: dict[str, Any] = {}
_documents: OrderedDict[str, Document] = OrderedDict()


def _init_child(progress: Any, cancel: Any, state: Any) -> None:
    global _progress, _cancel, _state
    _progress, _cancel, _state = progress, cancel, state
    # Below the window in the scheduler's eyes: on two cores, two busy check processes would
    # otherwise take the CPU from the GUI thread for a third of a second at a time.
    try:
        os.nice(10)
    except (AttributeError, OSError):
        pass


def _child_engine() -> Any:
    global _engine
    if _engine is None:
        from ..core.engine import Engine
        _engine = Engine()
    return _engine


class _SlotToken(CancelToken):
    """A CancelToken whose flag lives in the shared array, set by the window's process."""

    def __init__(self, slot: int) -> None:
        super().__init__()
        self._slot = slot

    def cancel(self) -> None:
        _cancel[self._slot] = 1

    @property
    def cancelled(self) -> bool:
        return bool(_cancel[self._slot])


def _child_store(url: str | None) -> Any:
    """This process's own connection to the review database (result cache, and flag writes)."""
    if not url:
        return None
    if url not in _caches:
        from ..storage.store import ReviewStore
        try:
            _caches[url] = ReviewStore(url)
        except Exception:     # without it checks are slower and the window records; never wrong
            log.exception("the review database is not available in a check process")
            _caches[url] = None
    return _caches[url]


# Records per pickled batch: each batch unpickles in 1-2 ms, so the window's process never holds
# the GIL for long while a novel's flags arrive (one pickle.loads of them all took 20-40 ms).
_BATCH = 200


def _batched(items: list) -> list[bytes]:
    return [pickle.dumps(items[i:i + _BATCH], protocol=pickle.HIGHEST_PROTOCOL)
            for i in range(0, len(items), _BATCH)]


def _unbatched(batches: list[bytes]) -> list:
    out: list = []
    for batch in batches:
        out.extend(pickle.loads(batch))
    return out


def _load(path: str) -> Document:
    from ..core.loaders import load_document

    doc = load_document(path)
    # Cached on the Document (and pickled with it): counted once, not in every check.
    _ = (doc.word_count, doc.sentences, doc.quotes)
    _documents[doc.sha256] = doc
    while len(_documents) > 3:
        _documents.popitem(last=False)
    return doc


def _document(ref: Document | tuple[str, str]) -> Document:
    """A draft sent whole, or by (path, sha256): read here once instead of pickled for every check."""
    if isinstance(ref, Document):
        return ref
    path, sha = ref
    doc = _documents.get(sha) or _load(path)
    if doc.sha256 != sha:
        raise InputError(f"{os.path.basename(path)} changed on disk since it was opened; open it again.")
    return doc


def _load_in_child(path: str) -> Document:
    return _load(path)


def _state_in_child(url: str, record: Any) -> Any:
    """The stored review (thousands of flags on a novel): read here, pickled over."""
    store = _child_store(url)
    if store is None:
        raise InputError("The review database cannot be read from a check process.")
    state = store.state(record)
    return state.document, _batched(state.flags), _batched(state.notes), state.claims


def _save_statuses_in_child(url: str, record: Any, sha256: str, statuses: list[dict]) -> None:
    from ..service import save_check_statuses

    store = _child_store(url)
    if store is None:
        raise InputError("The review database cannot be written from a check process.")
    save_check_statuses(store, record, sha256, statuses)


def _run_in_child(check_id: str, ref: Document | tuple[str, str], settings: Settings, slot: int,
                  url: str | None, record: Any) -> tuple[Outcome, list | None, list | None]:
    """Run a check; then, when given a record, write its flags once the window says so."""
    engine = _child_engine()
    doc = _document(ref)
    token = _SlotToken(slot)

    def report(fraction: float, _message: str) -> None:
        _progress[slot] = fraction

    store = _child_store(url)
    outcome = engine.run_check(engine.check(check_id), doc, settings, Progress(report, token), cache=store)
    if record is None or store is None or outcome.status.status != OK:
        return outcome, None, None
    # The window answers under the draft's write gate, so nothing is written for a closed draft.
    _state[slot] = READY
    while _state[slot] != GO:
        if token.cancelled:
            raise Cancelled()
        time.sleep(0.005)
    from ..service import record_outcome
    records = [r for r in record_outcome(store, record, doc, outcome) if r.check == check_id]
    claims = store.claims(record) if "claims" in outcome.metrics else None
    # The window needs the recorded flags only: sending the check's own Flags too doubled what
    # the window process unpickles, in one call that holds the GIL.
    return Outcome(outcome.status, [], outcome.metrics), _batched(records), claims


def _warm_child(settings: Settings) -> int:
    engine = _child_engine()
    for check in engine.checks_for(settings):
        if hasattr(check, "warm"):
            check.warm(settings.language)
    return os.getpid()


# -- the window's side --------------------------------------------------------------------------
def _unpacked(result: tuple) -> tuple:
    outcome, records, claims = result
    return outcome, (_unbatched(records) if records is not None else None), claims


class CheckProcesses:
    """A small pool of check processes (started ahead of need) and the slots to talk to them."""

    def __init__(self, workers: int = 2) -> None:
        self._ctx = multiprocessing.get_context("spawn")
        self._progress = self._ctx.RawArray("d", _SLOTS)
        self._cancel = self._ctx.RawArray("b", _SLOTS)
        self._state = self._ctx.RawArray("b", _SLOTS)
        self._free = list(range(_SLOTS))
        self._lock = threading.Lock()
        self._workers = workers
        self._pool: cf.ProcessPoolExecutor | None = None
        self._closed = False

    def _executor(self) -> cf.ProcessPoolExecutor:
        with self._lock:
            if self._closed:
                raise Cancelled("The window is closing.")
            if self._pool is None:
                self._pool = cf.ProcessPoolExecutor(self._workers, mp_context=self._ctx,
                                                    initializer=_init_child,
                                                    initargs=(self._progress, self._cancel, self._state))
            return self._pool

    def start(self, settings: Settings) -> None:
        """Spawn the processes now and build their engines, so the first draft does not wait."""
        pool = self._executor()
        for _ in range(self._workers):
            pool.submit(_warm_child, settings)

    def _take_slot(self) -> int:
        with self._lock:
            if not self._free:
                raise Cancelled("Too many checks at once.")
            slot = self._free.pop()
        self._cancel[slot] = 0
        self._state[slot] = 0
        self._progress[slot] = 0.0
        return slot

    def _give_slot(self, slot: int) -> None:
        with self._lock:
            self._free.append(slot)

    def run(self, check: Any, doc: Document, settings: Settings, progress: Progress, *,
            url: str | None = None, record: Any = None, gate: Any = None
            ) -> tuple[Outcome, list | None, list | None]:
        """Run one check in a process and wait for it (from a pool thread, never the GUI's).

        url: the review database, which keeps per-paragraph results between runs. With a record
        and a gate (review_jobs.WriteGate) the process also writes the flags, under the gate, and
        returns (outcome, this check's FlagRecords, claims); else (outcome, None, None).
        """
        slot = self._take_slot()
        ref = (doc.path, doc.sha256) if doc.path and doc.sha256 else doc
        try:
            future = self._executor().submit(_run_in_child, check.id, ref, settings, slot, url,
                                             record if gate is not None else None)
        except (BrokenProcessPool, OSError) as exc:
            # The worker could not be started (or died at once): a failed check, said plainly.
            self._give_slot(slot)
            self._discard_pool()
            return self._not_started(check, exc), None, None
        except BaseException:
            self._give_slot(slot)
            raise
        # The slot is free again only once the child is done with it, even after a cancel.
        future.add_done_callback(lambda _f: self._give_slot(slot))
        try:
            while True:
                try:
                    return _unpacked(future.result(timeout=_POLL_SECONDS))
                except cf.TimeoutError:
                    pass
                if progress.token.cancelled:
                    raise Cancelled()
                if self._state[slot] == READY and gate is not None:
                    with gate:
                        gate.check(progress)
                        self._state[slot] = GO
                        result = future.result()    # the write itself: one short transaction
                    return _unpacked(result)
                progress.report(self._progress[slot])
        except Cancelled:
            self._cancel[slot] = 1
            future.cancel()
            raise
        except (BrokenProcessPool, OSError) as exc:
            self._discard_pool()
            return self._not_started(check, exc), None, None

    @staticmethod
    def _not_started(check: Any, exc: BaseException) -> Outcome:
        log.error("check process for %s failed: %r", check.id, exc)
        return Outcome(CheckStatus(check.id, check.name, check.id, FAILED,
                                   f"{check.name} did not run: its worker process stopped or could not "
                                   "start; run the checks again (F5), and see the log if it happens "
                                   "again."))

    def load(self, path: str, progress: Progress) -> Document:
        """Read a draft (and split its sentences) in a check process."""
        return self._wait(self._executor().submit(_load_in_child, path), progress,
                          "The draft could not be read: its worker process ended.")

    def state(self, url: str, record: Any, progress: Progress) -> Any:
        """The stored review of a draft (ReviewState), read in a check process."""
        from ..storage.records import ReviewState

        document, flags, notes, claims = self._wait(
            self._executor().submit(_state_in_child, url, record), progress,
            "The review could not be read: its worker process ended.")
        return ReviewState(document, _unbatched(flags), _unbatched(notes), claims)

    def save_statuses(self, url: str, record: Any, sha256: str, statuses: list[dict],
                      progress: Progress) -> None:
        """Record which checks ran on which text, from a check process."""
        self._wait(self._executor().submit(_save_statuses_in_child, url, record, sha256, statuses),
                   progress, "The check statuses could not be saved: the worker process ended.")

    def _wait(self, future: cf.Future, progress: Progress, lost: str) -> Any:
        """The future's result, polling so a cancelled job stops waiting at once."""
        try:
            while True:
                try:
                    return future.result(timeout=_POLL_SECONDS)
                except cf.TimeoutError:
                    progress.check()
        except BrokenProcessPool:
            self._discard_pool()
            raise Cancelled(lost) from None

    def _discard_pool(self) -> None:
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)

    def shutdown(self) -> None:
        """Stop every running check and let the processes go."""
        with self._lock:
            self._closed = True
            pool, self._pool = self._pool, None
        for slot in range(_SLOTS):
            self._cancel[slot] = 1
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)
