"""The council story (tests/data/drafts) read the same from .md, .html, a saved web page and .docx:
the same text and blocks, tables cell by cell, lists with their numbers, footnotes, a text box,
the page's furniture removed with no article paragraph lost, and source line/column kept."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from reviewdesk.core.document import (BYLINE, CAPTION, FOOTNOTE, HEADING, LIST_ITEM, TABLE_CELL,
                                      TEXT_BOX, is_prose)
from reviewdesk.core.loaders import load_document

DRAFTS = Path(__file__).resolve().parents[1] / "data" / "drafts"
sys.path.insert(0, str(DRAFTS))
from make_drafts import BOX_TEXT, council_docx  # noqa: E402

CELLS = ["Payer", "Amount", "Share", "Council reserves", "\u00a31.9m", "45%", "Environment Agency grant",
         "\u00a31.7m", "40%", "County council", "\u00a30.6m", "15%"]
PHASES = ["Shoring up the worst-hit section near the lifeboat station, from March.",
          "Rebuilding the promenade steps and railings over the summer.",
          "Resurfacing the coastal path before the October half-term."]
FURNITURE = ["We use cookies", "Accept all cookies", "Related stories", "Storm damage bill", "Share on",
             "Most read", "Sign up", "All rights reserved", "Skip to content", "Home", "Comments (12)",
             "Local politics"]


@pytest.fixture(scope="module")
def docx_path(tmp_path_factory):
    p = tmp_path_factory.mktemp("drafts") / "council.docx"
    p.write_bytes(council_docx())
    return p


def _texts(doc, kind=None):
    return [doc.text[b.start:b.end] for b in doc.blocks if kind is None or b.kind == kind]


@pytest.mark.parametrize("name", ["council.md", "council.html", "council-page.html", "docx"])
def test_every_format_reads_the_table_cell_by_cell_and_the_list_with_numbers(name, docx_path):
    doc = load_document(docx_path if name == "docx" else DRAFTS / name)
    cells = [b for b in doc.blocks if b.kind == TABLE_CELL]
    assert [doc.text[b.start:b.end] for b in cells] == CELLS
    assert [(b.table, b.row, b.col) for b in cells] == [(0, r, c) for r in range(4) for c in range(3)]
    assert [b.header for b in cells] == [True] * 3 + [False] * 9
    items = [b for b in doc.blocks if b.kind == LIST_ITEM]
    assert [doc.text[b.start:b.end] for b in items] == PHASES
    assert [b.marker for b in items] == ["1.", "2.", "3."]
    assert "1. Shoring up" in doc.text and "Payer\tAmount\tShare\nCouncil reserves\t" in doc.text
    assert _texts(doc, FOOTNOTE) == ["The letter, dated 12 January, is published on the council's website."]
    assert "Who pays" in _texts(doc, HEADING)


def test_markdown_and_html_give_the_same_text_and_blocks():
    md, html = load_document(DRAFTS / "council.md"), load_document(DRAFTS / "council.html")
    assert md.text == html.text
    strip = lambda d: [(b.start, b.end, b.kind, b.marker, b.table, b.row, b.col, b.header) for b in d.blocks]
    assert strip(md) == strip(html)


def test_the_word_draft_adds_only_its_text_box(docx_path):
    md, word = load_document(DRAFTS / "council.md"), load_document(docx_path)
    assert _texts(word, TEXT_BOX) == [BOX_TEXT]            # read once: not again from mc:Fallback
    assert word.text.replace(BOX_TEXT + "\n\n", "") == md.text
    footnote = next(b for b in word.blocks if b.kind == FOOTNOTE)
    assert (footnote.source_part, footnote.source_index) == ("footnotes", 2)


def test_the_saved_page_loses_its_furniture_and_no_article_paragraph(docx_path):
    page, md = load_document(DRAFTS / "council-page.html"), load_document(DRAFTS / "council.md")
    for block in md.blocks:
        assert md.text[block.start:block.end] in page.text
    for leftover in FURNITURE:
        assert leftover not in page.text, leftover
    [notice] = page.notices
    assert notice.startswith("Page furniture removed: ") and "\n" not in notice
    assert _texts(page, BYLINE) == ["By Priya Natarajan, Local Democracy Reporter", "8 February 2023"]
    assert _texts(page, CAPTION) == ["Waves break over the damaged section of the seafront wall in January."]


def test_cells_headings_and_bylines_are_not_prose():
    page = load_document(DRAFTS / "council-page.html")
    kinds = {b.kind for b in page.blocks if not is_prose(b)}
    assert kinds == {HEADING, TABLE_CELL, BYLINE}
    prose = page.prose_sentences
    assert all(page.block_at(s.start).is_prose for s in prose)
    assert not any(page.text[s.start:s.end] == "Share" for s in prose)
    # A cell is one sentence of its own: nothing runs from one cell into the next.
    cell = next(b for b in page.blocks if b.kind == TABLE_CELL and page.text[b.start:b.end] == "Share")
    assert page.sentence_at(cell.start) == cell.span


def test_markdown_keeps_the_source_line_and_column():
    doc = load_document(DRAFTS / "council.md")
    src = (DRAFTS / "council.md").read_text(encoding="utf-8").split("\n")
    for word in ["Harbourside District", "Okafor", "Resurfacing", "Environment Agency grant", "15%",
                 "dated 12 January"]:
        at = doc.text.index(word)
        line, col = doc.source_line_col(at)
        assert src[line - 1][col - 1:].startswith(word), word


def test_html_keeps_the_source_line_and_column():
    doc = load_document(DRAFTS / "council-page.html")
    src = (DRAFTS / "council-page.html").read_text(encoding="utf-8").split("\n")
    for word in ["Councillors voted", "Rebuilding", "\u00a30.6m", "Opposition"]:
        line, col = doc.source_line_col(doc.text.index(word))
        assert src[line - 1][col - 1:].startswith(word), word


def test_pickled_document_keeps_cells_markers_notices_and_source_map():
    import pickle

    doc = load_document(DRAFTS / "council-page.html")
    _ = doc.sentences
    copy = pickle.loads(pickle.dumps(doc))
    assert copy == doc and copy.blocks == doc.blocks
    assert copy.notices == doc.notices and copy.source_map == doc.source_map


@pytest.mark.parametrize("name", ["council-page.html", "clinic-page.html", "preview-page.html"])
def test_saved_pages_keep_every_article_phrase_and_drop_every_furniture_phrase(name):
    sys.path.insert(0, str(DRAFTS.parent.parent / "benchmarks"))
    from bench_loaders import PAGES

    doc = load_document(DRAFTS / name)
    text = " ".join(doc.text.split())
    article, furniture = PAGES[name]
    assert [a for a in article if a not in text] == []
    assert [f for f in furniture if f in text] == []
