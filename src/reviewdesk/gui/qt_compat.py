"""A guard against PySide6 builds that drop a reference to None on every call of a void method.

PySide6 6.12.0 on Python 3.11 (where None is not yet immortal) loses one reference to None per
call such as widget.resize() or timer.start(); after a few thousand calls Python aborts with
"none_dealloc". pyproject.toml excludes that release; this guard covers an environment that has
it anyway: it measures the leak once at start and, if there is one, keeps a reserve of
references to None topped up so the count never reaches zero.
"""
from __future__ import annotations

import logging
import sys

from PySide6.QtCore import QObject, QTimer

log = logging.getLogger(__name__)

_RESERVE_STEP = 1_000_000          # 8 MB of list slots buys a million void calls
_reserve: list[None] = []


def none_leak_per_call() -> float:
    """References to None lost per void Qt call in this interpreter (0 on a sound build)."""
    if sys.version_info >= (3, 12):
        return 0.0                  # None is immortal: nothing to lose
    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(200):
        probe.setObjectName("probe")
    return max(0.0, (before - sys.getrefcount(None)) / 200)


def install_guard(parent: QObject) -> bool:
    """Start topping up references to None if this PySide6 leaks them; True when it does."""
    if none_leak_per_call() < 0.5:
        return False
    import PySide6
    log.warning("PySide6 %s leaks references to None on Python %d.%d; install pyside6-essentials<6.12. "
                "ReviewDesk keeps a reserve so the window does not crash.", PySide6.__version__,
                *sys.version_info[:2])

    def top_up() -> None:
        if sys.getrefcount(None) < _RESERVE_STEP // 2:
            _reserve.extend([None] * _RESERVE_STEP)

    top_up()
    timer = QTimer(parent)
    timer.setInterval(500)
    timer.timeout.connect(top_up)
    timer.start()
    return True
