"""GUI-thread work in pieces: one piece per turn of the event loop, in the order given.

Everything the window does with a check's result on a novel (the table, the highlights, the
readability panel, the status bar) costs 10-40 ms; run as one piece per turn, no turn goes past
the 50 ms the window may stall, and input and painting get their turns in between.
"""
from __future__ import annotations

from collections import deque
from typing import Callable

from PySide6.QtCore import QObject, QTimer

# 1 ms, not 0: Qt runs a 0 ms single shot as a posted call, in the same pass as the one that
# posted it, so the window would not get a turn in between.
_YIELD_MS = 1


class Turns:
    """A queue of steps run one per turn; clear() drops what is left (the draft was closed)."""

    def __init__(self, context: QObject) -> None:
        self._context = context             # the timers die with it
        self._steps: deque[Callable[[], object]] = deque()

    def later(self, step: Callable[[], object]) -> None:
        self._steps.append(step)
        if len(self._steps) == 1:
            self._schedule(self._steps)

    def clear(self) -> None:
        # A new queue: a timer already set for the old one finds it is not current and stops.
        self._steps = deque()

    def __len__(self) -> int:
        return len(self._steps)

    def _schedule(self, steps: deque) -> None:
        QTimer.singleShot(_YIELD_MS, self._context, lambda: self._run(steps))

    def _run(self, steps: deque) -> None:
        if steps is not self._steps or not steps:
            return
        step = steps.popleft()
        try:
            step()
        finally:
            if steps and steps is self._steps:
                self._schedule(steps)
