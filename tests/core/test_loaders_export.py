"""The Word export of the council .docx comments on the run that holds each finding, in a table
cell, a text box or a footnote as well as in the body, read back from the saved file."""
from __future__ import annotations

import re
import sys
import zipfile
from pathlib import Path

import docx
import pytest

from reviewdesk.core.loaders import load_document
from reviewdesk.core.summary import summary_from_parts
from reviewdesk.export import export_summary

HERE = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(HERE / "data" / "drafts"))
sys.path.insert(0, str(HERE / "export"))
from export_samples import REVIEWER, WHEN, flag  # noqa: E402
from make_drafts import council_docx  # noqa: E402

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _anchored(root) -> dict[str, str]:
    """comment id -> the text between its range start and end, in document order."""
    out: dict[str, list[str]] = {}
    open_ids: list[str] = []
    for el in root.iter():
        if el.tag == W + "commentRangeStart":
            open_ids.append(el.get(W + "id"))
            out[el.get(W + "id")] = []
        elif el.tag == W + "commentRangeEnd":
            open_ids.remove(el.get(W + "id"))
        elif el.tag == W + "t":
            for cid in open_ids:
                out[cid].append(el.text or "")
    return {k: "".join(v) for k, v in out.items()}


@pytest.fixture
def exported(tmp_path):
    source = tmp_path / "council.docx"
    source.write_bytes(council_docx())
    doc = load_document(source)
    flags = [flag(doc, "Share", "aaaa0001", "editorial"),
             flag(doc, "\u00a31.7m", "aaaa0002", "consistency"),
             flag(doc, "12 January", "aaaa0003", "sourcing"),
             flag(doc, "path reopens", "aaaa0004", "grammar"),
             flag(doc, "Okafor", "aaaa0005", "spelling")]
    summary = summary_from_parts(doc, flags, [], [], {}, reviewer=REVIEWER, now=WHEN)
    return export_summary(summary, "docx", tmp_path / "review.docx")


def test_comments_land_on_table_cells_text_boxes_and_the_body(exported):
    from lxml import etree

    with zipfile.ZipFile(exported) as z:
        body = etree.fromstring(z.read("word/document.xml"))
        notes = etree.fromstring(z.read("word/footnotes.xml"))
    anchors = set(_anchored(body).values())
    assert {"Share", "\u00a31.7m", "path reopens", "Okafor"} <= anchors
    assert "12 January" in _anchored(notes).values()
    cells = [c for c in body.iter(W + "tc") if any(e.tag == W + "commentRangeStart" for e in c.iter())]
    assert len(cells) == 2


def test_the_exported_copy_still_reads_the_same(exported, tmp_path):
    word = docx.Document(str(exported))
    comments = {c.text.split("]")[0] for c in word.comments}
    assert len(word.comments) == 6                  # five findings and the summary
    assert any("Sourcing" in c for c in comments)
    again = load_document(exported)
    original = tmp_path / "council.docx"
    assert again.text == load_document(original).text


def test_an_entity_in_the_original_does_not_cost_the_copy_its_text(tmp_path):
    sys.path.insert(0, str(HERE / "benchmarks"))
    import make_bad_drafts as bad

    source = tmp_path / "e.docx"
    source.write_bytes(bad._entity_docx('<!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
                                        "<w:p><w:r><w:t>Before &x; and the words after it.</w:t></w:r></w:p>"))
    doc = load_document(source)
    summary = summary_from_parts(doc, [flag(doc, "words after", "bbbb0001", "grammar")], [], [], {},
                                 reviewer=REVIEWER, now=WHEN)
    out = export_summary(summary, "docx", tmp_path / "r.docx")
    with zipfile.ZipFile(out) as z:
        xml = z.read("word/document.xml").decode()
    assert "&x;" not in xml and re.search(r"words after", xml)
    assert load_document(out).text == "Before and the words after it."
