"""PDF report: read back with poppler's pdftotext; text, non-ASCII and page furniture intact."""
from __future__ import annotations

import shutil
import subprocess

import pytest

from reviewdesk.export import export_summary

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                reason="needs poppler-utils (pdftotext)")


@pytest.fixture
def pdf_text(qapp, tmp_path):
    """Export with the test run's QApplication (as the window would) and extract the text."""
    def run(summary) -> str:
        path = export_summary(summary, "pdf", tmp_path / "r.pdf")
        assert path.read_bytes().startswith(b"%PDF-")
        return subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True,
                              capture_output=True, text=True).stdout
    return run


def test_the_first_page_has_title_draft_reviewer_date_and_verdict(summary, pdf_text):
    first = pdf_text(summary).split("\f")[0]
    for expected in ("REVIEW SUMMARY", "Bakhmut Under Fire", "bakhmut.txt", "Олена Коваленко",
                     "25 November 2025, 09:30 UTC", "VERDICT", "Needs revision: 5 accepted flags"):
        assert expected in first


def test_readability_counts_and_chart_caption_are_there(summary, pdf_text):
    text = pdf_text(summary)
    assert "Readability and counts" in text and "Gunning fog" in text
    assert "3.0 above target" in text and "All categories" in text
    assert "Grade per paragraph" in text and "2 of 3 paragraphs above the target" in text


def test_accepted_flags_show_passage_message_suggestion_and_note(summary, pdf_text):
    text = " ".join(pdf_text(summary).split())
    assert "ACCEPTED FLAGS" in text.upper() and "READABILITY (1)" in text
    assert "was very heavily shelled overnight" in text
    assert "“very” weakens the sentence — cut it." in text
    assert "SUGGESTION heavily" in text
    assert "REVIEWER NOTE Agree — cut “very”, Андрій. — Олена Коваленко" in text


def test_the_script_in_the_draft_is_printed_as_text(summary, pdf_text):
    assert "<script>alert('owned')</script>" in pdf_text(summary)


def test_words_are_extracted_without_ligature_characters(summary, pdf_text):
    text = pdf_text(summary)
    assert "officials said" in text and "\ufb01" not in text and "\ufb03" not in text


def test_dismissed_flags_only_when_asked_for(summary, summary_with_dismissed, pdf_text):
    assert "Vague attribution." not in pdf_text(summary)
    assert "Vague attribution." in pdf_text(summary_with_dismissed)


def test_claims_notes_and_checks_are_listed(summary, pdf_text):
    text = " ".join(pdf_text(summary).split())
    assert "Claims to verify" in text and "VERIFIED" in text and "DISPUTED" in text
    assert "Strong lede; the ending trails off — tighten it." in text
    assert "Which Friday? Give the date." in text and "Dana Smith" in text
    assert "Checks run" in text and "Phrase list missing — reinstall." in text


def test_every_page_has_a_numbered_footer(summary, pdf_text):
    pages = [p for p in pdf_text(summary).split("\f") if p.strip()]
    assert len(pages) >= 2
    for n, page in enumerate(pages, start=1):
        assert f"Page {n} of {len(pages)}" in page
