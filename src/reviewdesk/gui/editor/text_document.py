"""Building the Qt text document of a draft, off the GUI thread when the draft is long.

Laying a novel's 13,000 lines into a QTextDocument takes 35-60 ms of C++ that would stall the
window; QTextDocument is reentrant, so the open job builds it in the pool and hands it over to
the GUI thread, where the view only swaps it in (about 12 ms).

Given the draft's blocks, a table shows as a table: one line per row, its tab-separated cells
lined up in columns on a shaded ground, the header row in bold. Lists already read as lists (the
loader puts each item on its own line after its bullet or number).
"""
from __future__ import annotations

from typing import Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import (QBrush, QColor, QFont, QFontMetricsF, QTextBlockFormat, QTextCharFormat,
                           QTextCursor, QTextDocument, QTextOption)
from PySide6.QtWidgets import QPlainTextDocumentLayout

from .offsets import OffsetMap


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


_CELL_GAP = 2.0          # em between a column's widest cell and the next column
_TABLE_GROUND = QColor(0, 0, 0, 14)     # a faint shade that reads on light and dark themes


def build_document(text: str, font: QFont, margin: float, blocks: Sequence = ()) -> QTextDocument:
    """A plain-text document for DraftView, owned by the GUI thread whichever thread built it;
    `blocks` (the Document's) lets tables show as tables."""
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
    if any(getattr(b, "table", None) is not None for b in blocks):
        _lay_out_tables(doc, text, font, blocks)
    app = QCoreApplication.instance()
    if app is not None and doc.thread() is not app.thread():
        doc.moveToThread(app.thread())
    return doc


def _lay_out_tables(doc: QTextDocument, text: str, font: QFont, blocks: Sequence) -> None:
    """Tab stops so the columns line up, a shaded ground, a bold header row. Only formats change:
    the text, and so every offset, stays as the loader made it.

    QPlainTextDocumentLayout ignores a block's own tab positions and reads the document's text
    option, so the stops are one set for the draft: column k of every table starts after the
    widest cell any table has in its columns before k (tabs appear nowhere else in a draft's text)."""
    metrics = QFontMetricsF(font)
    bold = QFont(font)
    bold.setBold(True)
    bold_metrics = QFontMetricsF(bold)
    gap = metrics.horizontalAdvance("M") * _CELL_GAP
    widths: dict[int, float] = {}
    rows: dict[tuple[int, int], list] = {}
    for b in blocks:
        if getattr(b, "table", None) is None:
            continue
        m = bold_metrics if b.header else metrics
        widths[b.col] = max(widths.get(b.col, 0.0), m.horizontalAdvance(text[b.start:b.end]))
        rows.setdefault((b.table, b.row), []).append(b)
    stops, x = [], 0.0
    for col in range(max(widths)):
        x += widths.get(col, 0.0) + gap
        stops.append(QTextOption.Tab(x, QTextOption.TabType.LeftTab))
    option = doc.defaultTextOption()
    option.setTabs(stops)
    doc.setDefaultTextOption(option)
    ground = QTextBlockFormat()
    ground.setBackground(QBrush(_TABLE_GROUND))
    strong = QTextCharFormat()
    strong.setFontWeight(QFont.Weight.Bold)
    offsets = OffsetMap(text)
    for cells in rows.values():
        cursor = QTextCursor(doc.findBlock(offsets.to_qt(min(c.start for c in cells))))
        cursor.mergeBlockFormat(ground)
        if any(c.header for c in cells):
            cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
            cursor.mergeCharFormat(strong)
