"""Table cells, headers and headings are not prose: no prose check flags them, whatever the format.

The council story (tests/data/drafts/) has headings, a list of phases and a "Who pays" table of £
amounts and shares, written as Markdown, HTML and Word.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from reviewdesk.core.engine import Engine
from reviewdesk.core.loaders import load_document
from reviewdesk.core.settings import Settings

DRAFTS = Path(__file__).resolve().parents[1] / "data" / "drafts"
# Spelling and grammar read every word, cells included; every other check reads prose only.
READS_CELLS = ("grammar", "consistency.spelling")


@pytest.fixture(scope="module")
def reports():
    engine = Engine()
    out = {}
    for ext in ("md", "html", "docx"):
        doc = load_document(str(DRAFTS / f"council.{ext}"))
        out[ext] = (doc, engine.run(doc, Settings(grammar_engine="harper", line_editing=True)))
    return out


def test_the_story_has_cells_and_headings_to_leave_alone(reports):
    for ext, (doc, _report) in reports.items():
        kinds = {b.kind for b in doc.blocks if not b.is_prose}
        assert len(kinds) >= 2, f"{ext}: the fixture lost its table or headings ({kinds})"


@pytest.mark.parametrize("ext", ["md", "html", "docx"])
def test_no_prose_check_flags_a_table_cell_or_heading(reports, ext):
    doc, report = reports[ext]
    apart = [b for b in doc.blocks if not b.is_prose]
    wrong = [(f.rule, doc.text[p.start:p.end], b.kind) for f in report.flags if not f.rule.startswith(READS_CELLS)
             for p in f.places for b in apart if b.start <= p.start and p.end <= b.end]
    assert wrong == []


def test_the_same_story_gets_the_same_findings_in_every_format(reports):
    found = {ext: {(f.id, f.rule, doc.text[f.start:f.end]) for f in report.flags}
             for ext, (doc, report) in reports.items()}
    assert found["md"] == found["html"] == found["docx"]
