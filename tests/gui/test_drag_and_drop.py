"""Dropping a draft file on the window (on the text, where an editor drops it) opens it."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

SAMPLE = Path(__file__).resolve().parents[2] / "seeds" / "bakhmut-draft.txt"


def _mime(path: Path) -> QMimeData:
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(path))])
    return data


def _drag_enter(widget, data: QMimeData) -> QDragEnterEvent:
    event = QDragEnterEvent(widget.rect().center(), Qt.DropAction.CopyAction, data,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, event)
    return event


def test_a_draft_dropped_on_the_text_opens(qtbot, make_window):
    window = make_window()
    target = window.view.viewport()
    data = _mime(SAMPLE)
    # The read-only text passes the drag on to the window, which takes draft files.
    assert _drag_enter(target, data).isAccepted()
    drop = QDropEvent(QPointF(target.rect().center()), Qt.DropAction.CopyAction, data,
                      Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(window.checks_settled, timeout=20000):
        QApplication.sendEvent(target, drop)
    assert window.controller.path == str(SAMPLE)
    assert "Bakhmut" in window.view.toPlainText()
    assert any(r.is_flag for r in window.controller.model.rows)


def test_other_files_are_refused_at_the_door(qtbot, make_window, tmp_path):
    window = make_window()
    picture = tmp_path / "photo.png"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n")
    assert not _drag_enter(window.view.viewport(), _mime(picture)).isAccepted()
    assert not window.controller.is_open and window.controller.path is None
