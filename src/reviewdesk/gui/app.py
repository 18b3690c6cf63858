"""Starts the window: the QApplication, the review database, the error hook, and the --screenshot mode.

`reviewdesk [FILE] [--screenshot OUT.png] [--db URL]` (the CLI) and
`python -m reviewdesk.gui.app [FILE] ...` both end in run_app().
"""
from __future__ import annotations

import argparse
import logging
import signal
import sys
import time
from typing import Sequence

from PySide6.QtCore import QThreadPool, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from ..core.errors import ReviewdeskError
from ..core.settings import Settings
from . import theme
from .main_window import MainWindow
from .prefs import APPLICATION, ORGANISATION, Prefs
from .qt_compat import install_guard

log = logging.getLogger(__name__)

SCREENSHOT_SIZE = (1480, 920)
SCREENSHOT_TIMEOUT_S = 300


def _application() -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("ReviewDesk")
    app.setWindowIcon(theme.app_icon())
    if not getattr(app, "_reviewdesk_guarded", False):
        app._reviewdesk_guarded = True
        install_guard(app)
        # Checks are Python threads too: hand the GIL back to the GUI thread within ~1 ms rather
        # than the default 5 ms, so a busy pool cannot make the window stutter.
        sys.setswitchinterval(0.001)
    return app


class Screenshot:
    """Waits for every check on the draft, selects the first flag, saves the window as a PNG, quits."""

    def __init__(self, window: MainWindow, out: str, app: QApplication) -> None:
        self.window, self.out, self.app = window, out, app
        self.code = 0
        self._started = time.monotonic()
        window.checks_settled.connect(self._on_window_checks_settled)
        window.controller.open_failed.connect(self._on_controller_open_failed)
        self._timeout = QTimer(window)
        self._timeout.setSingleShot(True)
        self._timeout.timeout.connect(self._take)
        self._timeout.start(SCREENSHOT_TIMEOUT_S * 1000)

    def _on_controller_open_failed(self, _path: str, message: str) -> None:
        sys.stderr.write(f"reviewdesk: error: {message}\n")
        self.code = 2
        self.app.exit(2)

    def _on_window_checks_settled(self) -> None:
        if self.window.controller.running_checks or self.window.controller.is_loading:
            return
        # Let the last results paint before the picture is taken.
        QTimer.singleShot(50, self._take)

    def _take(self) -> None:
        w = self.window
        first = w.flag_panel.neighbour("", 1) or (w.flag_panel.visible_keys() or [""])[0]
        if first:
            w.flag_panel.select_key(first)
        w.view.painter.flush()
        for _ in range(5):
            self.app.processEvents()
        pixmap = w.grab()
        if not pixmap.save(self.out, "PNG"):
            sys.stderr.write(f"reviewdesk: error: could not write the screenshot to {self.out}.\n")
            self.code = 2
        else:
            log.info("screenshot saved after %.1f s", time.monotonic() - self._started)
        self.app.exit(self.code)


def run_app(path: str | None, *, db_url: str | None = None, screenshot: str | None = None,
            settings: Settings | None = None, appearance: str | None = None,
            size: tuple[int, int] | None = None) -> int:
    """Open the window (on `path` if given) and run until it closes; returns the exit code.

    appearance: system, light or dark; None takes the one chosen in Settings."""
    app = _application()
    prefs = Prefs()
    theme.apply_appearance(app, appearance or prefs.appearance)
    from ..storage.store import ReviewStore
    try:
        store = ReviewStore(db_url)
    except ReviewdeskError as exc:
        if screenshot:
            sys.stderr.write(f"reviewdesk: error: {exc}\n")
        else:
            QMessageBox.critical(None, "ReviewDesk cannot start", str(exc))
        return 2
    window = MainWindow(store, settings=settings, prefs=prefs)
    previous_hook = sys.excepthook
    sys.excepthook = window.alerts.crash
    shot = None
    try:
        if screenshot:
            window.alerts.interactive = False
            window.resize(*(size or SCREENSHOT_SIZE))
            shot = Screenshot(window, screenshot, app)
        window.show()
        handlers = _close_on_termination(window)
        if path:
            window.open_path(path)
        elif shot is not None:
            QTimer.singleShot(200, shot._take)
        code = app.exec()
        if window.isVisible():
            window.close()
        for sig, handler in handlers.items():
            signal.signal(sig, handler)
    finally:
        sys.excepthook = previous_hook
        # Jobs were cancelled on close; give them a moment to notice before the store goes.
        QThreadPool.globalInstance().waitForDone(5000)
        store.close()
    return shot.code if shot is not None else code


def _close_on_termination(window: MainWindow) -> dict:
    """SIGTERM (logging out, `kill`) and Ctrl+C close the window as its close button does: notes
    being typed are saved and the check processes stop, instead of the process just dying.
    Returns the handlers it replaced."""
    def close(_signum: int, _frame: object) -> None:
        QTimer.singleShot(0, window.close)

    previous = {sig: signal.signal(sig, close) for sig in (signal.SIGTERM, signal.SIGINT)}
    # Python runs signal handlers between bytecodes only; a light timer gives it that chance
    # while Qt's event loop waits in C++.
    wake = QTimer(window)
    wake.timeout.connect(lambda: None)
    wake.start(250)
    return previous


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="reviewdesk-gui", description="Open the ReviewDesk window.")
    parser.add_argument("file", nargs="?")
    parser.add_argument("--screenshot", metavar="OUT.png")
    parser.add_argument("--db", metavar="URL")
    parser.add_argument("--appearance", choices=("system", "light", "dark"),
                        help="light or dark for this run (default: the one chosen in Settings)")
    parser.add_argument("--size", metavar="WxH", help="window size for --screenshot, e.g. 960x600")
    args = parser.parse_args(argv)
    size = None
    if args.size:
        try:
            w, h = (int(v) for v in args.size.lower().split("x"))
            size = (w, h)
        except ValueError:
            parser.error(f"--size takes WIDTHxHEIGHT, e.g. 960x600, not {args.size!r}")
    logging.basicConfig(level=logging.WARNING, format="reviewdesk: %(levelname)s: %(message)s")
    if args.screenshot:
        log.setLevel(logging.INFO)
    return run_app(args.file, db_url=args.db, screenshot=args.screenshot, appearance=args.appearance,
                   size=size)


if __name__ == "__main__":
    raise SystemExit(main())
