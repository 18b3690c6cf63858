"""Markdown summary: the same content as the reports, with the draft's markup made inert."""
from __future__ import annotations

import re

from reviewdesk.export import export_summary


def _read(summary, tmp_path) -> str:
    return export_summary(summary, "markdown", tmp_path / "s.md").read_text(encoding="utf-8")


def test_header_names_draft_reviewer_date_and_verdict(summary, tmp_path):
    text = _read(summary, tmp_path)
    assert text.startswith("# Review summary: Bakhmut Under Fire\n")
    assert "**Draft:** bakhmut.txt (76 words)" in text
    assert "**Reviewer:** Олена Коваленко" in text
    assert "**Date:** 25 November 2025, 09:30 UTC" in text
    assert "> **Verdict:** Needs revision: 5 accepted flags" in text


def test_accepted_flags_are_grouped_by_category_with_passage_message_and_note(summary, tmp_path):
    text = _read(summary, tmp_path)
    readability = text.split("### Readability (1)")[1].split("###")[0]
    assert "was **very heavily** shelled overnight" in readability
    assert "“very” weakens the sentence — cut it." in readability
    assert "*Suggestion:* heavily" in readability
    assert "*Reviewer note (Олена Коваленко):* Agree — cut “very”, Андрій." in readability


def test_dismissed_flags_are_left_out_unless_asked_for(summary, summary_with_dismissed, tmp_path):
    assert "Vague attribution." not in _read(summary, tmp_path)
    assert "## Dismissed flags" in _read(summary_with_dismissed, tmp_path)


def test_counts_readability_claims_and_notes_are_tables_and_lists(summary, tmp_path):
    text = _read(summary, tmp_path)
    assert "| Sourcing | 0 | 1 | 1 | 2 |" in text
    assert "| All categories | 5 | 1 | 1 | 7 |" in text
    assert "| Gunning fog | 12.0 | 3.0 above target |" in text
    assert "| Андрій Мельник, the deputy mayor | person | Verified | City council site, 24 Nov. |" in text
    assert "- Strong lede; the ending trails off — tighten it. — Олена Коваленко, 25 Nov 2025" in text
    assert "“repairs by Friday” — Which Friday? Give the date. (Dana Smith, 25 Nov 2025)" in text


def test_markup_from_the_draft_is_escaped(summary, tmp_path):
    text = _read(summary, tmp_path)
    assert not re.search(r"(?<!\\)<script", text)
    assert r"\<script\>alert('owned')\</script\>" in text
