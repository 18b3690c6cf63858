"""Ordinary Markdown read as a writer means it (markdown-it-py): the cases the hand-written reader
got wrong, and the ones it got right that must stay right."""
from __future__ import annotations

import pytest

from reviewdesk.core.loaders import load_document


@pytest.mark.parametrize("source,expected", [
    ("Shares in AT&amp;T rose.", ["Shares in AT&T rose."]),
    ("See [the report](https://example.org/a_(b)) today.", ["See the report today."]),
    ("Not \\*emphasis\\* here.", ["Not *emphasis* here."]),
    ("Contact <press@example.org> for comment.", ["Contact press@example.org for comment."]),
    ("Read <https://example.org/x> later.", ["Read https://example.org/x later."]),
    ("Some **bold** and _light_ and `code`.", ["Some bold and light and code."]),
    ("Line one  \nline two.", ["Line one\nline two."]),
    ("Soft\nwrapped line.", ["Soft wrapped line."]),
    ("snake_case_name stays.", ["snake_case_name stays."]),
    ("Costs 5 * 3 = 15 pounds.", ["Costs 5 * 3 = 15 pounds."]),
    ("![A flooded road](road.jpg) after the storm.", ["A flooded road after the storm."]),
    ("Title\n=====\n\nBody.", ["Title", "Body."]),
    ("    indented code\n\nProse.", ["Prose."]),
    ("```\nfenced code\n```\nProse.", ["Prose."]),
    ("1986\\. A great year.", ["1986. A great year."]),
    ("Tom &mdash; the mayor &mdash; left.", ["Tom \u2014 the mayor \u2014 left."]),
])
def test_ordinary_markdown(tmp_path, source, expected):
    p = tmp_path / "d.md"
    p.write_text(source + "\n", encoding="utf-8")
    doc = load_document(p)
    assert [doc.text[b.start:b.end] for b in doc.blocks] == expected


def test_nested_lists_keep_their_numbers_and_depth(tmp_path):
    p = tmp_path / "d.md"
    p.write_text("3. Third\n4. Fourth\n   - a point\n   - another\n5. Fifth\n", encoding="utf-8")
    doc = load_document(p)
    assert [(b.marker, b.level) for b in doc.blocks] == [("3.", 0), ("4.", 0), ("\u2022", 1),
                                                          ("\u2022", 1), ("5.", 0)]
    assert doc.text == "3. Third\n4. Fourth\n  \u2022 a point\n  \u2022 another\n5. Fifth"


def test_a_table_cell_with_a_pipe_and_an_empty_cell(tmp_path):
    p = tmp_path / "d.md"
    p.write_text("| Item | Note |\n|---|---|\n| Bus \\| rail | |\n|  | Late |\n", encoding="utf-8")
    doc = load_document(p)
    assert [(doc.text[b.start:b.end], b.row, b.col) for b in doc.blocks] == [
        ("Item", 0, 0), ("Note", 0, 1), ("Bus | rail", 1, 0), ("Late", 2, 1)]
    assert doc.text == "Item\tNote\nBus | rail\n\tLate"
