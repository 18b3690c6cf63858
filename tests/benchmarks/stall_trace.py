"""A sampling tracer for the GUI benchmark: what the GUI thread was doing during its longest stalls.

A background thread looks at the main thread's Python stack every 2 ms. After the run, each long
heartbeat gap is matched with the samples taken inside it, and the deepest ReviewDesk frames seen
most often are printed. The samples need the GIL, so a stall inside one long C call shows as the
Python line that made the call.
"""
from __future__ import annotations

import gc
import sys
import threading
import time
from collections import Counter


class StallTrace:
    def __init__(self, interval_s: float = 0.002) -> None:
        self.interval_s = interval_s
        self.samples: list[tuple[float, tuple[str, ...]]] = []   # (perf_counter ms, stack, innermost last)
        self.others: list[tuple[float, tuple[str, ...]]] = []    # the same for busy worker threads
        self.collections: list[tuple[float, float, int, str]] = []   # (end ms, ms, generation, thread)
        self._gc_start = 0.0
        self._main = threading.main_thread().ident
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="stall-trace", daemon=True)

    def start(self) -> None:
        self._thread.start()
        gc.callbacks.append(self._on_gc)

    def _on_gc(self, phase: str, info: dict) -> None:
        now = time.perf_counter() * 1000
        if phase == "start":
            self._gc_start = now
        else:
            self.collections.append((now, now - self._gc_start, info.get("generation", -1),
                                     threading.current_thread().name))

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        me = threading.get_ident()
        while not self._stop.is_set():
            frames = sys._current_frames()
            now = time.perf_counter() * 1000
            self.samples.append((now, _stack(frames.get(self._main))))
            # Other threads busy in Python at the same moment (they compete for the GIL).
            for ident, frame in frames.items():
                if ident in (self._main, me):
                    continue
                stack = _stack(frame)
                if stack and not any(w in stack[-1] for w in _IDLE):
                    self.others.append((now, stack))
            del frames, frame        # holding the main thread's frames would keep its objects alive
            time.sleep(self.interval_s)

    def explain(self, start_ms: float, end_ms: float, top: int = 4) -> list[str]:
        """The commonest stacks (shortened to ReviewDesk and Qt-facing frames) between two times."""
        inside = [s for t, s in self.samples if start_ms <= t <= end_ms]
        if not inside:
            return ["(no samples)"]
        counts = Counter(_short(s) for s in inside)
        lines = [f"{n:3d} x {stack}" for stack, n in counts.most_common(top)]
        busy = Counter(_short(s, 3) for t, s in self.others if start_ms <= t <= end_ms)
        lines += [f"{n:3d} x [worker] {stack}" for stack, n in busy.most_common(3)]
        lines += [f"garbage collection of generation {g}: {ms:.0f} ms in {thread}"
                  for end, ms, g, thread in self.collections if start_ms <= end and end - ms <= end_ms and ms > 2]
        return lines


_IDLE = (" wait", " _wait", " sleep", " select", " get", " poll", " _recv", " recv_bytes", " _worker")


def _stack(frame) -> tuple[str, ...]:
    stack = []
    while frame is not None:
        code = frame.f_code
        stack.append(f"{code.co_filename.rsplit('/', 1)[-1]}:{frame.f_lineno} {code.co_name}")
        frame = frame.f_back
    return tuple(reversed(stack))


def _short(stack: tuple[str, ...], depth: int = 5) -> str:
    ours = [f for f in stack if "bench_gui" not in f and "stall_trace" not in f]
    return " > ".join(ours[-depth:]) if ours else "(event loop)"


class NoSamples:
    """Stands in for StallTrace when only the slow events are wanted (bench_gui.py --events)."""

    def explain(self, start_ms: float, end_ms: float) -> list[str]:
        return []


def timed_application(threshold_ms: float = 4.0):
    """A QApplication that records every event whose delivery took longer than `threshold_ms`.

    Events are (end perf_counter ms, duration ms, receiver class, event type); nested deliveries
    (a paint inside a layout) are recorded too, each with its own duration.
    """
    from PySide6.QtWidgets import QApplication

    class TimedApplication(QApplication):
        slow: list[tuple[float, float, str, str]] = []

        def notify(self, receiver, event):   # noqa: D401 - Qt override
            t = time.perf_counter()
            kind = event.type()
            result = super().notify(receiver, event)
            ms = (time.perf_counter() - t) * 1000
            if ms > threshold_ms:
                who = type(receiver).__name__
                parent = receiver.parent() if hasattr(receiver, "parent") else None
                if who in ("QWidget", "QObject") and parent is not None:
                    who = f"{type(parent).__name__}.{receiver.objectName() or 'child'}"
                self.slow.append((time.perf_counter() * 1000, ms, who, getattr(kind, "name", str(kind))))
            return result

    return TimedApplication(sys.argv[:1])


def slow_events(app, start_ms: float, end_ms: float) -> list[str]:
    found = [(ms, who, kind) for t, ms, who, kind in getattr(app, "slow", []) if start_ms <= t <= end_ms + 1]
    return [f"{ms:5.0f} ms  {kind} -> {who}" for ms, who, kind in sorted(found, reverse=True)[:8]]
