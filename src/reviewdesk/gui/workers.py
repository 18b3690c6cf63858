"""Background jobs: numbered QRunnables in the global pool whose results come back on the GUI thread.

Snapshot on the GUI thread, compute in the pool, apply on the GUI thread. Every job gets a number;
a result is delivered only while its number is still wanted, so forgetting a job (a new draft was
opened, the window is closing) drops whatever it produces later. Workers see only plain data and a
Progress whose CancelToken stops them at their next report.
"""
from __future__ import annotations

import itertools
import logging
import time
from typing import Any, Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from ..core.errors import Cancelled, ReviewdeskError
from ..core.progress import CancelToken, Progress

log = logging.getLogger(__name__)

_PROGRESS_INTERVAL = 0.1   # seconds between progress signals from one job


class _Relay(QObject):
    """Lives on the GUI thread; pool threads emit on it and Qt queues the calls over."""

    done = Signal(int, object)
    failed = Signal(int, str)
    cancelled = Signal(int)
    progressed = Signal(int, float, str)


class _Job(QRunnable):
    def __init__(self, job_id: int, work: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._job_id, self._work, self._relay = job_id, work, relay

    def run(self) -> None:   # pool thread: plain data only, and nothing may escape into Qt
        try:
            result = self._work()
        except Cancelled:
            self._relay.cancelled.emit(self._job_id)
        except ReviewdeskError as exc:
            self._relay.failed.emit(self._job_id, str(exc))
        except Exception as exc:
            log.exception("background job %s failed", self._job_id)
            self._relay.failed.emit(self._job_id, f"{type(exc).__name__}: {exc}")
        else:
            self._relay.done.emit(self._job_id, result)


class _Throttle:
    """A progress callback (called on the pool thread) that emits at most every 100 ms."""

    def __init__(self, relay: _Relay, job_id: int) -> None:
        self._relay, self._job_id, self._last = relay, job_id, 0.0

    def __call__(self, fraction: float, message: str) -> None:
        now = time.monotonic()
        if fraction >= 1.0 or now - self._last >= _PROGRESS_INTERVAL:
            self._last = now
            self._relay.progressed.emit(self._job_id, fraction, message)


MIN_THREADS = 8       # threads in the job pool, whatever the number of cores (see JobRunner)


class JobRunner(QObject):
    """Runs tagged work in QThreadPool.globalInstance() and reports only the jobs still wanted."""

    job_done = Signal(int, str, object)         # job id, tag, result
    job_failed = Signal(int, str, str)          # job id, tag, one-sentence reason
    job_cancelled = Signal(int, str)
    job_progress = Signal(int, str, float, str)  # job id, tag, fraction, message
    idle = Signal()                             # no wanted job is left

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ids = itertools.count(1)
        self._wanted: dict[int, str] = {}
        # No parent on purpose: a job that outlives the window still holds a live relay to emit on.
        self._relay = _Relay()
        self._relay.done.connect(self._on_relay_done)
        self._relay.failed.connect(self._on_relay_failed)
        self._relay.cancelled.connect(self._on_relay_cancelled)
        self._relay.progressed.connect(self._on_relay_progressed)
        # Jobs that hand their work to a check process spend their time waiting on it: with one
        # thread per core, grammar's job waited for readability's to end before its process could
        # start, and the two checks ran one after the other. Enough threads for every check.
        pool = QThreadPool.globalInstance()
        if pool.maxThreadCount() < MIN_THREADS:
            pool.setMaxThreadCount(MIN_THREADS)

    def submit(self, tag: str, work: Callable[[Progress], Any], token: CancelToken | None = None,
               priority: int = 0) -> int:
        """Start work(progress) in the pool; returns the job's number."""
        job_id = next(self._ids)
        self._wanted[job_id] = tag
        progress = Progress(_Throttle(self._relay, job_id), token or CancelToken())
        QThreadPool.globalInstance().start(_Job(job_id, lambda: work(progress), self._relay), priority)
        return job_id

    def forget(self, job_id: int) -> None:
        if self._wanted.pop(job_id, None) is not None and not self._wanted:
            self.idle.emit()

    def forget_all(self) -> None:
        """Drop every job's future result (their tokens should be cancelled by the caller)."""
        self._wanted.clear()

    def is_wanted(self, job_id: int) -> bool:
        return job_id in self._wanted

    @property
    def busy(self) -> bool:
        return bool(self._wanted)

    def wanted_tags(self) -> list[str]:
        return list(self._wanted.values())

    def _finish(self, job_id: int) -> str | None:
        return self._wanted.pop(job_id, None)

    @Slot(int, object)
    def _on_relay_done(self, job_id: int, result: object) -> None:
        tag = self._finish(job_id)
        if tag is not None:
            self.job_done.emit(job_id, tag, result)
            self._maybe_idle()

    @Slot(int, str)
    def _on_relay_failed(self, job_id: int, message: str) -> None:
        tag = self._finish(job_id)
        if tag is not None:
            self.job_failed.emit(job_id, tag, message)
            self._maybe_idle()

    @Slot(int)
    def _on_relay_cancelled(self, job_id: int) -> None:
        tag = self._finish(job_id)
        if tag is not None:
            self.job_cancelled.emit(job_id, tag)
            self._maybe_idle()

    @Slot(int, float, str)
    def _on_relay_progressed(self, job_id: int, fraction: float, message: str) -> None:
        tag = self._wanted.get(job_id)
        if tag is not None:
            self.job_progress.emit(job_id, tag, fraction, message)

    def _maybe_idle(self) -> None:
        if not self._wanted:
            self.idle.emit()
