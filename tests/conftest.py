"""Shared test setup: Qt runs offscreen, and no test leaves work behind in Qt's thread pool."""
from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import sys  # noqa: E402

import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def _drain_qt_thread_pool():
    yield
    # Only tests that loaded Qt can have pool jobs; the others must not pay for importing it.
    if "PySide6.QtCore" in sys.modules:
        from PySide6.QtCore import QThreadPool
        QThreadPool.globalInstance().waitForDone(5000)
