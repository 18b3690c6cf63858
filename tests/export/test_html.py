"""HTML report: one self-contained file, every section present, the draft's markup harmless."""
from __future__ import annotations

from html.parser import HTMLParser

from reviewdesk.export import export_summary


class _Page(HTMLParser):
    """Collects elements (with attributes), the text inside each id'd section, and marked text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []
        self.marks: list[str] = []
        self._in_mark = 0

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))
        self._in_mark += tag == "mark"

    def handle_endtag(self, tag):
        self._in_mark -= tag == "mark"

    def handle_data(self, data):
        self.text.append(data)
        if self._in_mark:
            self.marks.append(data)

    def tags(self, name):
        return [attrs for tag, attrs in self.elements if tag == name]


def _page(summary, tmp_path) -> _Page:
    page = _Page()
    page.feed(export_summary(summary, "html", tmp_path / "r.html").read_text(encoding="utf-8"))
    page.close()
    return page


def test_a_draft_containing_a_script_yields_no_script_element(summary, tmp_path):
    page = _page(summary, tmp_path)
    assert page.tags("script") == []
    assert not any(k.startswith("on") for _, attrs in page.elements for k in attrs)
    assert "<script>alert('owned')</script>" in page.marks


def test_the_file_loads_nothing_from_outside(summary, tmp_path):
    page = _page(summary, tmp_path)
    assert page.tags("link") == [] and page.tags("img") == [] and page.tags("iframe") == []
    for _, attrs in page.elements:
        for key in ("src", "href"):
            assert not attrs.get(key, "#").lstrip().lower().startswith(("http", "//", "javascript"))
    policy = next(a["content"] for a in page.tags("meta") if a.get("http-equiv"))
    assert "default-src 'none'" in policy


def test_header_has_title_draft_reviewer_date_and_verdict(summary, tmp_path):
    text = " ".join(_page(summary, tmp_path).text)
    for expected in ("Bakhmut Under Fire", "bakhmut.txt", "Олена Коваленко",
                     "25 November 2025, 09:30 UTC", "Needs revision: 5 accepted flags"):
        assert expected in text


def test_every_section_is_there(summary_with_dismissed, tmp_path):
    ids = {a.get("id") for _, a in _page(summary_with_dismissed, tmp_path).elements}
    assert {"readability", "counts", "accepted", "dismissed", "claims", "notes", "checks"} <= ids


def test_dismissed_flags_appear_only_when_asked_for(summary, tmp_path):
    page = _page(summary, tmp_path)
    assert "dismissed" not in {a.get("id") for _, a in page.elements}
    assert "officials said" not in page.marks


def test_the_chart_has_one_bar_per_paragraph_and_a_target_line(summary, tmp_path):
    page = _page(summary, tmp_path)
    assert len(page.tags("svg")) == 1
    bars = [a for a in page.tags("rect") if a.get("fill") not in ("#ffffff",)]
    assert len(bars) == len(summary.readability.paragraphs)
    assert any(a.get("stroke-dasharray") for a in page.tags("line"))


def test_each_accepted_flag_shows_passage_message_suggestion_and_note(summary, tmp_path):
    page = _page(summary, tmp_path)
    text = "".join(page.text)
    assert sorted(page.marks) == sorted(f.text for f in summary.flags)
    assert "“very” weakens the sentence — cut it." in text
    assert "Agree — cut “very”, Андрій." in text
    assert "=SUM(A1:A2)" in text


def test_claims_and_notes_are_listed_with_their_status(summary, tmp_path):
    text = "".join(_page(summary, tmp_path).text)
    assert "Андрій Мельник, the deputy mayor" in text and "Verified" in text and "Disputed" in text
    assert "Strong lede; the ending trails off — tighten it." in text
    assert "Which Friday? Give the date." in text
