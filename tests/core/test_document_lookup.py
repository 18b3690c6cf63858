"""Document.block_at and sentence_at: the right span for an offset, fast enough to call per flag."""
from __future__ import annotations

import time

from reviewdesk.core.document import document_from_text

TEXT = "A title\n\nFirst sentence here. Second one follows.\n\nA new paragraph. Its end."


def test_block_at_finds_the_block_holding_an_offset():
    doc = document_from_text(TEXT)
    at = TEXT.index("Second")
    block = doc.block_at(at)
    assert TEXT[block.start:block.end] == "First sentence here. Second one follows."
    assert doc.block_at(TEXT.index("Its")).start == TEXT.index("A new")
    assert doc.block_at(TEXT.index("\n\nA new") + 1) is None      # between blocks


def test_sentence_at_finds_the_sentence_holding_an_offset():
    doc = document_from_text(TEXT)
    sentence = doc.sentence_at(TEXT.index("one follows"))
    assert TEXT[sentence.start:sentence.end] == "Second one follows."
    title = doc.sentence_at(0)
    assert TEXT[title.start:title.end] == "A title"      # a heading is its own sentence


def test_lookups_across_a_long_draft_do_not_rebuild_their_index():
    doc = document_from_text("One short sentence. Another short one.\n\n" * 10000)
    offsets = [w.start for w in doc.words()][::4]
    started = time.perf_counter()
    for offset in offsets:
        assert doc.block_at(offset) is not None and doc.sentence_at(offset) is not None
    # 20,000 lookups each way: well under a second with a kept index; a rebuilt one takes minutes.
    assert time.perf_counter() - started < 3.0
