"""Undoable review actions for the QUndoStack: a decision on one or more flags.

The decision is written before the command is pushed, so a database error reaches the editor as
a dialog and leaves nothing on the stack; redo after an undo writes it again.
"""
from __future__ import annotations

from typing import Callable

from PySide6.QtGui import QUndoCommand, QUndoStack

from ..core.errors import ReviewdeskError
from .review import ReviewController

_VERBS = {"accepted": "Accept", "dismissed": "Dismiss", "pending": "Reset"}


class DecisionCommand(QUndoCommand):
    """Flags moved from their previous statuses to one new status."""

    def __init__(self, controller: ReviewController, previous: dict[str, str], status: str,
                 on_applied: Callable[[list[str]], None], on_error: Callable[[str], None]) -> None:
        count = len(previous)
        what = "flag" if count == 1 else f"{count} flags"
        super().__init__(f"{_VERBS.get(status, status)} {what}")
        self._controller = controller
        self._previous = dict(previous)
        self._status = status
        self._on_applied = on_applied
        self._on_error = on_error
        self._applied = True        # push() calls redo() at once; the write already happened

    def redo(self) -> None:
        if self._applied:
            self._applied = False
            return
        self._run(lambda: self._controller.decide(self._previous, self._status))

    def undo(self) -> None:
        self._run(lambda: self._controller.restore(self._previous))

    def _run(self, work: Callable[[], object]) -> None:
        try:
            work()
        except ReviewdeskError as exc:
            self._on_error(str(exc))
        else:
            self._on_applied(list(self._previous))


def push_decision(stack: QUndoStack, controller: ReviewController, keys: list[str], status: str,
                  on_applied: Callable[[list[str]], None], on_error: Callable[[str], None]) -> bool:
    """Decide now and make it undoable; False when nothing changed (or the write failed)."""
    try:
        previous = controller.decide(keys, status)
    except ReviewdeskError as exc:
        on_error(str(exc))
        return False
    changed = {k: v for k, v in previous.items() if v != status}
    if not changed:
        return False
    stack.push(DecisionCommand(controller, changed, status, on_applied, on_error))
    return True
