"""A loaded table shown in the draft view's document: its columns line up, the text unchanged."""
from __future__ import annotations

from pathlib import Path

import pytest

DRAFTS = Path(__file__).resolve().parents[1] / "data" / "drafts"


def test_a_table_lines_up_in_columns_and_keeps_every_offset(qapp):
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QPlainTextEdit

    from reviewdesk.core.loaders import load_document
    from reviewdesk.gui.editor.text_document import build_document

    draft = load_document(DRAFTS / "council.md")
    doc = build_document(draft.text, QFont("Sans", 12), 18, draft.blocks)
    assert doc.toPlainText() == draft.text
    view = QPlainTextEdit()
    view.setDocument(doc)
    view.resize(900, 1200)
    view.show()
    qapp.processEvents()                # the plain-text layout lays out blocks when shown
    starts: dict[int, set[float]] = {}
    block = doc.begin()
    while block.isValid():
        if "\t" in block.text():
            line = block.layout().lineAt(0)
            tabs = [i + 1 for i, ch in enumerate(block.text()) if ch == "\t"]
            for col, at in enumerate(tabs, 1):
                starts.setdefault(col, set()).add(round(line.cursorToX(at)[0], 1))
            assert block.blockFormat().background().color().alpha() > 0
        block = block.next()
    assert len(starts) == 2 and all(len(xs) == 1 for xs in starts.values())
    view.close()
