"""Building the Qt text document of a draft, off the GUI thread when the draft is long.

Laying a novel's 13,000 lines into a QTextDocument takes 35-60 ms of C++ that would stall the
window; QTextDocument is reentrant, so the open job builds it in the pool and hands it over to
the GUI thread, where the view only swaps it in (about 12 ms).
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFont, QTextCursor, QTextDocument
from PySide6.QtWidgets import QPlainTextDocumentLayout


_PIECE = 32_000          # characters per Qt call: about 2 ms


def _pieces(text: str) -> list[str]:
    """The text cut after line breaks into pieces of about _PIECE characters (never inside \\r\\n)."""
    out, start = [], 0
    while start < len(text):
        cut = text.find("\n", start + _PIECE)
        end = len(text) if cut < 0 else cut + 1
        out.append(text[start:end])
        start = end
    return out


def build_document(text: str, font: QFont, margin: float) -> QTextDocument:
    """A plain-text document for DraftView, owned by the GUI thread whichever thread built it."""
    doc = QTextDocument()
    # The layout QPlainTextEdit needs, set before the text so the text is laid out only once.
    doc.setDocumentLayout(QPlainTextDocumentLayout(doc))
    doc.setDefaultFont(font)
    doc.setDocumentMargin(margin)
    doc.setUndoRedoEnabled(False)       # read-only: no undo history to keep for a novel
    # In pieces: PySide holds the GIL through each Qt call, so one setPlainText of a novel kept
    # the GUI thread waiting ~35 ms. Appending through a cursor is what setPlainText does inside.
    cursor = QTextCursor(doc)
    for piece in _pieces(text):
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.insertText(piece)
    app = QCoreApplication.instance()
    if app is not None and doc.thread() is not app.thread():
        doc.moveToThread(app.thread())
    return doc
