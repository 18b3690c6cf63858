"""Progress reporting and cooperative cancellation for long check work."""
from __future__ import annotations

import threading
from typing import Callable

from .errors import Cancelled

ProgressCallback = Callable[[float, str], None]


class CancelToken:
    """Set from any thread; checked by the worker at every progress report."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()


class Progress:
    """Reports fractions in [0, 1] and raises Cancelled once the job is cancelled or stale."""

    def __init__(self, callback: ProgressCallback | None = None, token: CancelToken | None = None,
                 lo: float = 0.0, hi: float = 1.0) -> None:
        self._callback = callback
        self.token = token or CancelToken()
        self._lo, self._hi = lo, hi

    def report(self, fraction: float, message: str = "") -> None:
        self.check()
        if self._callback is not None:
            f = self._lo + (self._hi - self._lo) * min(1.0, max(0.0, fraction))
            self._callback(f, message)

    def check(self) -> None:
        if self.token.cancelled:
            raise Cancelled()

    def part(self, lo: float, hi: float) -> "Progress":
        """A Progress for a slice [lo, hi] of this one, sharing its cancel token."""
        span = self._hi - self._lo
        return Progress(self._callback, self.token, self._lo + span * lo, self._lo + span * hi)
