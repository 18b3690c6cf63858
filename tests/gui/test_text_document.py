"""The draft's Qt document built in pieces, in a pool thread, matches what setPlainText makes."""
from __future__ import annotations

import threading

from PySide6.QtGui import QFont, QTextDocument

from reviewdesk.gui.editor import text_document
from reviewdesk.gui.editor.offsets import OffsetMap
from reviewdesk.gui.editor.text_document import build_document

LINE = "Kyiv \U0001F1FA\U0001F1E6 said no \U0001F600 deal in Bakhmut,\nthen left.\u2029Next\n\nEnd \U0001D518.\n"


def _blocks(doc: QTextDocument) -> list[str]:
    out, block = [], doc.begin()
    while block.isValid():
        out.append(block.text())
        block = block.next()
    return out


def test_pieces_cut_only_after_line_breaks(monkeypatch):
    monkeypatch.setattr(text_document, "_PIECE", 40)
    text = LINE * 20
    pieces = text_document._pieces(text)
    assert "".join(pieces) == text and len(pieces) > 5
    assert all(p.endswith("\n") for p in pieces[:-1])          # never inside a line
    assert all(len(p) >= 40 for p in pieces[:-1])


def test_document_built_in_a_thread_equals_set_plain_text(qapp, monkeypatch):
    monkeypatch.setattr(text_document, "_PIECE", 100)           # many pieces on a short text
    text = LINE * 50
    reference = QTextDocument()
    reference.setPlainText(text)
    built: list[QTextDocument] = []
    worker = threading.Thread(target=lambda: built.append(build_document(text, QFont("Serif", 13), 18)))
    worker.start()
    worker.join()
    doc = built[0]
    assert doc.thread() is qapp.thread()         # handed over to the GUI thread
    assert _blocks(doc) == _blocks(reference)
    assert doc.characterCount() == reference.characterCount() == OffsetMap(text).to_qt(len(text)) + 1
    assert doc.documentMargin() == 18 and doc.defaultFont().pointSize() == 13
    assert not doc.isUndoRedoEnabled()
