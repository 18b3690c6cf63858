"""Window responsiveness: GUI-thread heartbeat while every check runs on a novel, time to first flags
on the sample draft, and filtering 20,000 flags.

Run: QT_QPA_PLATFORM=offscreen /work/venv/bin/python tests/benchmarks/bench_gui.py [--skip-novel]
     [--only-novel] [--trace]   (--trace prints what the GUI thread was doing in the longest stalls)
"""
from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QElapsedTimer, QSettings, QThreadPool, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from reviewdesk.core.settings import Settings  # noqa: E402
from reviewdesk.gui.flag_filter import FilterState
from reviewdesk.gui.flag_model import Row  # noqa: E402
from reviewdesk.gui.main_window import MainWindow  # noqa: E402
from reviewdesk.gui.prefs import Prefs  # noqa: E402
from reviewdesk.storage.store import ReviewStore  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "seeds" / "bakhmut-draft.txt"
NOVEL = ROOT.parent / "shared" / "corpus" / "pride_and_prejudice.txt"
SETTINGS = Settings(grammar_engine="harper")     # never LanguageTool in a benchmark


class Heartbeat:
    """A 5 ms timer on the GUI thread; the longest gap between its ticks is the longest stall."""

    def __init__(self) -> None:
        self.clock = QElapsedTimer()
        self.gaps: list[tuple[float, float]] = []    # (gap ms, at ms)
        self.wall: dict[float, float] = {}             # at ms -> time.perf_counter() ms, for --trace
        self._last = 0.0
        self.timer = QTimer()
        self.timer.setInterval(5)
        self.timer.timeout.connect(self._tick)

    def start(self) -> None:
        self.clock.start()
        self._last = 0.0
        self.timer.start()

    def _tick(self) -> None:
        now = self.clock.nsecsElapsed() / 1e6
        self.gaps.append((now - self._last, now))
        self.wall[now] = time.perf_counter() * 1000
        self._last = now

    def stop(self) -> None:
        self.timer.stop()

    def worst(self, n: int = 5) -> list[tuple[float, float]]:
        return sorted(self.gaps, reverse=True)[:n]

    def summary(self) -> str:
        gaps = sorted(g for g, _ in self.gaps)
        if not gaps:
            return "no ticks"
        p99 = gaps[int(len(gaps) * 0.99)]
        over = sum(1 for g in gaps if g > 50)
        return (f"{len(gaps)} ticks, longest gap {gaps[-1]:.0f} ms, 99th percentile {p99:.0f} ms, "
                f"{over} gaps over 50 ms")


def _window(tmp: Path, name: str, warm: bool = True) -> tuple[MainWindow, ReviewStore]:
    store = ReviewStore(f"sqlite:///{tmp / (name + '.db')}")
    prefs = Prefs(QSettings(str(tmp / f"{name}.ini"), QSettings.Format.IniFormat))
    window = MainWindow(store, settings=SETTINGS, prefs=prefs, warm=warm)   # built-in checks, as the app
    window.resize(1440, 900)
    window.show()
    return window, store


def _wait(app: QApplication, done, timeout_s: float) -> float:
    start = time.perf_counter()
    while not done() and time.perf_counter() - start < timeout_s:
        app.processEvents()
        time.sleep(0.001)
    return time.perf_counter() - start


def _explain(beat: Heartbeat, trace, worst: list[tuple[float, float]]) -> None:
    if trace is None:
        return
    from stall_trace import slow_events
    for gap, at in worst:
        end = beat.wall[at]
        print(f"  stall of {gap:.0f} ms:")
        for line in trace.explain(end - gap, end) + slow_events(QApplication.instance(), end - gap, end):
            print(f"      {line}")


def bench_heartbeat(app: QApplication, tmp: Path, trace=None) -> None:
    window, store = _window(tmp, "novel")
    # The window has been open a moment: its warm-up (word lists, check processes) is done.
    warm: list[str] = []
    window.controller.engines_warm.connect(warm.append)
    _wait(app, lambda: bool(warm), 60)
    _wait(app, lambda: False, 1.0)
    # The same heartbeat with nothing to do: what the machine itself (other processes) costs.
    idle = Heartbeat()
    idle.start()
    _wait(app, lambda: False, 8.0)
    idle.stop()
    print(f"idle window, baseline: {idle.summary()}")
    _explain(idle, trace, idle.worst(1))
    settled = []
    window.checks_settled.connect(lambda: settled.append(time.perf_counter()))
    beat = Heartbeat()
    marks: list[tuple[float, str]] = []
    c = window.controller
    c.document_opened.connect(lambda: marks.append((beat.clock.nsecsElapsed() / 1e6, "opened")))
    c.check_finished.connect(lambda cid, st, _m: marks.append((beat.clock.nsecsElapsed() / 1e6, f"{cid} {st}")))
    beat.start()
    started = time.perf_counter()
    window.open_path(str(NOVEL))
    _wait(app, lambda: bool(settled) and not window.view.painter.busy, 600)
    beat.stop()
    total = time.perf_counter() - started
    rows = len(c.model.rows)
    print(f"novel: {c.doc.word_count:,} words, {rows:,} flags, all checks + painting in {total:.1f} s")
    for check_id, status in c.statuses.items():
        print(f"  {check_id:12s} {status.status:11s} {status.seconds:6.1f} s  {status.count:6d} flags")
    worst = beat.worst()
    print(f"while checking: {beat.summary()} (target < 50 ms); next longest "
          f"{', '.join(f'{g:.0f}' for g, _ in worst[1:])} ms")
    for gap, at in worst[:3]:
        near = [m for t, m in marks if at - gap - 5 <= t <= at + 5]
        print(f"  gap {gap:.0f} ms ending at {at / 1000:.2f} s {('during ' + ', '.join(near)) if near else ''}")
    _explain(beat, trace, worst)
    # Opening the same draft again: decisions restored at once, paragraphs come from the cache.
    settled.clear()
    again = Heartbeat()
    again.start()
    started = time.perf_counter()
    window.open_path(str(NOVEL))
    _wait(app, lambda: bool(settled) and not window.view.painter.busy, 600)
    again.stop()
    print(f"novel reopened: all checks in {time.perf_counter() - started:.1f} s; {again.summary()}")
    _explain(again, trace, again.worst())
    window.close()
    QThreadPool.globalInstance().waitForDone(10000)
    store.close()


def bench_first_flags(app: QApplication, tmp: Path) -> None:
    window, store = _window(tmp, "sample")
    first: list[float] = []
    c = window.controller
    c.rows_changed.connect(lambda: first or (any(r.is_flag and r.active for r in c.model.rows)
                                             and first.append(time.perf_counter())))
    settled = []
    window.checks_settled.connect(lambda: settled.append(time.perf_counter()))
    started = time.perf_counter()
    window.open_path(str(SAMPLE))           # at once, while the engines still warm up: `reviewdesk FILE`
    _wait(app, lambda: bool(settled), 120)
    print(f"sample draft: first flags after {(first[0] - started) * 1000:.0f} ms (target < 1000 ms), "
          f"all {len(c.model.rows)} flags after {(settled[0] - started):.1f} s")
    window.close()
    QThreadPool.globalInstance().waitForDone(10000)
    store.close()


def bench_filter(app: QApplication, tmp: Path, n: int = 20000) -> None:
    window, store = _window(tmp, "filter", warm=False)
    categories = ("spelling", "grammar", "readability", "repetition", "consistency", "sourcing", "filler")
    statuses = ("pending",) * 6 + ("accepted", "dismissed")
    rows = [Row(f"k{i:05d}", "flag", "c", f"c.rule{i % 40}", categories[i % 7], i % 4, statuses[i % 8],
                statuses[i % 8], f"Message number {i} about word{i % 997}", f"passage {i}", "",
                ((i * 10, i * 10 + 5),), haystack=f"message number {i} about word{i % 997}\x1fpassage {i}")
            for i in range(n)]
    panel = window.flag_panel
    t = time.perf_counter()
    window.controller.model.set_rows(rows)
    load = time.perf_counter() - t
    panel.set_categories(categories)
    timings = {}
    for label, state in (("hide one category", FilterState(frozenset({"grammar"}), frozenset({"pending"}))),
                         ("all statuses", FilterState(frozenset(), frozenset({"pending", "accepted", "dismissed",
                                                                              "outdated"}))),
                         ("errors only", FilterState(frozenset(), frozenset({"pending"}), 3)),
                         ("text search", FilterState(frozenset(), frozenset({"pending"}), 0, "word42")),
                         ("back to pending", FilterState())):
        t = time.perf_counter()
        panel.proxy.set_state(state)
        shown = panel.proxy.rowCount()
        timings[label] = ((time.perf_counter() - t) * 1000, shown)
    t = time.perf_counter()
    panel.recount()
    recount = (time.perf_counter() - t) * 1000
    print(f"filter with {n:,} flags: model load {load * 1000:.0f} ms, counts {recount:.0f} ms")
    for label, (ms, shown) in timings.items():
        print(f"  {label:18s} {ms:6.1f} ms  ({shown:,} shown)")
    t = time.perf_counter()
    for _ in range(50):
        panel.table.verticalScrollBar().setValue(panel.table.verticalScrollBar().value() + 40)
        app.processEvents()
    print(f"  scrolling: {(time.perf_counter() - t) / 50 * 1000:.1f} ms per page")
    window.close()
    store.close()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--skip-novel", action="store_true")
    parser.add_argument("--only-novel", action="store_true")
    parser.add_argument("--trace", action="store_true", help="sample the GUI thread's stack to explain stalls")
    parser.add_argument("--events", action="store_true", help="only list the slow Qt events in each stall "
                        "(lighter than --trace, which can change the timing it measures)")
    args = parser.parse_args()
    trace = None
    if args.events:
        from stall_trace import NoSamples, timed_application
        timed_application()
        trace = NoSamples()
    if args.trace:
        from stall_trace import StallTrace, timed_application
        timed_application()
        trace = StallTrace()
        trace.start()
    from reviewdesk.gui.app import _application
    app = _application()     # the same process set-up as the real window
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        if not args.only_novel:
            bench_first_flags(app, tmp)
            bench_filter(app, tmp)
        if not args.skip_novel:
            bench_heartbeat(app, tmp, trace)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
