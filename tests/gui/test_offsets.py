"""The code-point <-> UTF-16 helper agrees with Qt's own positions, emoji and block breaks included."""
from __future__ import annotations

from PySide6.QtGui import QTextCursor, QTextDocument

from reviewdesk.gui.editor.offsets import OffsetMap

TEXT = "Kyiv 🇺🇦 said\nno 😀 deal\u2029in Bakhmut.\n\nEnd 𝔘."


def test_positions_round_trip_through_qt(qapp):
    offsets = OffsetMap(TEXT)
    doc = QTextDocument()
    doc.setPlainText(TEXT)
    for i, ch in enumerate(TEXT):
        if ch in "\n\u2029":
            continue
        cursor = QTextCursor(doc)
        cursor.setPosition(offsets.to_qt(i))
        cursor.setPosition(offsets.to_qt(i + 1), QTextCursor.MoveMode.KeepAnchor)
        assert cursor.selectedText() == ch
        assert offsets.from_qt(offsets.to_qt(i)) == i


def test_middle_of_a_surrogate_pair_maps_to_its_character():
    offsets = OffsetMap("a😀b")
    assert offsets.to_qt(2) == 3
    assert offsets.from_qt(2) == 1


def test_block_starts_match_qt_blocks(qapp):
    offsets = OffsetMap(TEXT)
    doc = QTextDocument()
    doc.setPlainText(TEXT)
    block, qt_starts = doc.begin(), []
    while block.isValid():
        qt_starts.append(block.position())
        block = block.next()
    assert list(offsets.block_starts) == qt_starts


def test_a_span_over_a_line_break_is_cut_per_block():
    text = "one two\nthree four"
    offsets = OffsetMap(text)
    assert offsets.segments(4, 13) == [(0, 4, 3), (1, 0, 5)]
