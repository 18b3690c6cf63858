"""Word export: every accepted flag and note is a comment on its passage; a .docx draft keeps its look."""
from __future__ import annotations

import docx
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx_read import read_comments
from export_samples import REVIEWER, WHEN, flag

from reviewdesk.core.loaders import load_document
from reviewdesk.core.summary import summary_from_parts
from reviewdesk.export import export_summary


@pytest.fixture
def comments(summary, tmp_path):
    return read_comments(export_summary(summary, "docx", tmp_path / "r.docx"))


def _by_anchor(comments):
    out: dict[str, list] = {}
    for c in comments:
        out.setdefault(c.anchor, []).append(c)
    return out


def test_each_accepted_finding_is_one_comment_naming_its_other_places(summary, comments):
    anchors = _by_anchor(comments)
    for f in summary.flags:
        start, end = f.occurrences[0] if f.occurrences else (f.start, f.end)
        assert sum(f.message in c.text for cs in anchors.values() for c in cs) == 1, f.message
        assert any(f.message in c.text for c in anchors[summary.text[start:end]])
    [far] = anchors["far from over"]
    assert "3 places, on lines" in far.text          # one comment, the writer resolves it once


def test_a_variant_finding_is_commented_on_the_form_to_change():
    from types import SimpleNamespace

    from reviewdesk.export.common import anchor_place
    text = "The US said. The U.S. team left. The US team won."
    places = tuple((m, m + len(w)) for w in ("US", "U.S.") for m in
                   [i for i in range(len(text)) if text.startswith(w + " ", i)])
    variant = SimpleNamespace(rule="consistency.spelling", occurrences=places, start=4, end=6)
    assert text[slice(*anchor_place(variant, SimpleNamespace(text=text)))] == "U.S."
    phrase = SimpleNamespace(rule="repetition.phrase", occurrences=places, start=4, end=6)
    assert anchor_place(phrase, SimpleNamespace(text=text)) == places[0]


def test_the_comment_says_category_message_suggestion_and_note(comments):
    very = _by_anchor(comments)["very heavily"][0]
    assert very.text == ("[Readability · suggestion] “very” weakens the sentence — cut it.\n"
                         "Suggestion: heavily\nNote: Agree — cut “very”, Андрій.")


def test_comments_carry_the_reviewer_initials_and_decision_date(comments):
    flag_comment = _by_anchor(comments)["the the"][0]
    assert (flag_comment.author, flag_comment.initials) == (REVIEWER, "ОК")
    assert flag_comment.date == WHEN


def test_notes_are_comments_too(comments):
    anchors = _by_anchor(comments)
    span = anchors["repairs by Friday"][0]
    assert (span.text, span.author, span.initials) == ("Which Friday? Give the date.", "Dana Smith", "DS")
    title = [c.text for c in anchors["Bakhmut Under Fire"]]
    assert "Note on the draft: Strong lede; the ending trails off — tighten it." in title
    assert any(t.startswith("ReviewDesk summary. Needs revision") for t in title)


def test_the_count_is_findings_notes_claims_and_the_summary(summary, comments):
    assert len(comments) == 1 + len(summary.document_notes) + len(summary.flags) + len(summary.span_notes) + 2


def test_dismissed_flags_are_not_commented_unless_asked_for(summary, summary_with_dismissed, tmp_path):
    assert "officials said" not in _by_anchor(read_comments(
        export_summary(summary, "docx", tmp_path / "a.docx")))
    dismissed = _by_anchor(read_comments(
        export_summary(summary_with_dismissed, "docx", tmp_path / "b.docx")))["officials said"][0]
    assert dismissed.text.startswith("(dismissed) [Sourcing · warning] Vague attribution.")


def test_the_text_of_a_plain_draft_is_kept_word_for_word(summary, tmp_path):
    word = docx.Document(str(export_summary(summary, "docx", tmp_path / "r.docx")))
    paragraphs = [p.text for p in word.paragraphs]
    assert paragraphs == [summary.text[b.start:b.end] for b in summary.blocks]
    assert word.paragraphs[0].style.name == "Title"
    assert "<script>alert('owned')</script>" in paragraphs[2]


# -- a .docx draft: comment on a copy of the original -------------------------------------------

def _hyperlink(paragraph, text: str, url: str) -> None:
    rid = paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink", attrs={qn("r:id"): rid})
    run = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = text
    run.append(t)
    link.append(run)
    paragraph._p.append(link)


@pytest.fixture
def word_draft(tmp_path):
    """A formatted draft: styles, a phrase split over bold and italic runs, a link, odd spacing."""
    word = docx.Document()
    word.add_heading("Bakhmut Under Fire", level=1)
    p = word.add_paragraph("The battle is ")
    p.add_run("far from").bold = True
    p.add_run(" over").italic = True
    p.add_run(",  officials\tsaid, and ")
    _hyperlink(p, "the city", "https://example.org/city")
    p.add_run(" was very heavily shelled.")
    table = word.add_table(rows=1, cols=1)
    table.cell(0, 0).text = "A table the loader does not read."
    word.add_paragraph("Residents said the the water failed. Андрій Мельник agreed.", style="Quote")
    word.save(tmp_path / "draft.docx")
    return tmp_path / "draft.docx"


@pytest.fixture
def word_summary(word_draft):
    doc = load_document(word_draft)
    flags = [flag(doc, "far from over", "bbbb0001", "repetition"),
             flag(doc, "officials said", "bbbb0002", "sourcing", note="Name them."),
             flag(doc, "the city", "bbbb0003", "grammar"),
             flag(doc, "very heavily", "bbbb0004", "readability"),
             flag(doc, "the the", "bbbb0005", "grammar"),
             flag(doc, "Андрій Мельник", "bbbb0006", "consistency")]
    return summary_from_parts(doc, flags, [], [], {}, reviewer=REVIEWER, now=WHEN)


def test_a_word_draft_gets_comments_on_the_exact_passages(word_summary, tmp_path):
    anchors = _by_anchor(read_comments(export_summary(word_summary, "docx", tmp_path / "r.docx")))
    for phrase in ("far from over", "officials\tsaid", "the city", "very heavily", "the the",
                   "Андрій Мельник"):
        assert phrase in anchors, phrase


def test_a_word_draft_keeps_its_text_styles_table_and_link(word_draft, word_summary, tmp_path):
    before = docx.Document(str(word_draft))
    after = docx.Document(str(export_summary(word_summary, "docx", tmp_path / "r.docx")))
    assert [p.text for p in after.paragraphs] == [p.text for p in before.paragraphs]
    assert [p.style.name for p in after.paragraphs] == [p.style.name for p in before.paragraphs]
    assert after.tables[0].cell(0, 0).text == "A table the loader does not read."
    assert after.paragraphs[1]._p.xpath("./w:hyperlink/w:r/w:t")[0].text == "the city"


def test_a_word_draft_keeps_run_formatting_where_runs_were_split(word_summary, tmp_path):
    after = docx.Document(str(export_summary(word_summary, "docx", tmp_path / "r.docx")))
    runs = [(r.text, bool(r.bold), bool(r.italic)) for r in after.paragraphs[1].runs if r.text]
    assert ("far from", True, False) in runs and (" over", False, True) in runs
    assert ("very heavily", False, False) in runs


def test_comments_already_in_a_word_draft_are_kept_and_ids_stay_unique(word_draft, tmp_path):
    word = docx.Document(str(word_draft))
    word.add_comment(word.paragraphs[2].runs[0], text="Editor's earlier comment.", author="Ed")
    word.save(word_draft)
    doc = load_document(word_draft)
    summary = summary_from_parts(doc, [flag(doc, "the the", "bbbb0005", "grammar")], [], [], {},
                                 reviewer=REVIEWER, now=WHEN)
    comments = read_comments(export_summary(summary, "docx", tmp_path / "r.docx"))
    assert "Editor's earlier comment." in [c.text for c in comments]
    assert len({c.id for c in comments}) == len(comments) == 3


def test_a_word_draft_that_has_gone_missing_is_rebuilt_from_its_text(word_summary, word_draft,
                                                                    tmp_path):
    word_draft.unlink()
    path = export_summary(word_summary, "docx", tmp_path / "r.docx")
    first = read_comments(path)[0]
    assert "original Word file was not found" in first.text
    assert docx.Document(str(path)).paragraphs[1].text.startswith("The battle is far from over")


@pytest.mark.parametrize("raw", ["plain text", "  lead and trail  ", "tab\tand  double  space",
                                 "line \n break\n\n twice", "\u00a0nbsp at start", "a \t \n b",
                                 "form\ffeed and\vvertical", "ends with break\n"])
def test_offsets_map_back_through_the_loaders_whitespace_clean_up(raw):
    from reviewdesk.core.document import document_from_blocks
    from reviewdesk.export.docx import _loader_map

    loaded = document_from_blocks([("paragraph", 0, raw, 0)], path=None, title="x", fmt="docx",
                                  sha256="").text
    cleaned, index = _loader_map(raw)
    assert cleaned == loaded
    assert all(raw[index[k]] == ch or (ch == " " and raw[index[k]].isspace())
               for k, ch in enumerate(cleaned))


def test_a_note_across_two_paragraphs_spans_both(tmp_path):
    from export_samples import sample_doc
    from reviewdesk.storage.records import NoteRecord

    doc = sample_doc()
    start = doc.text.index("the deputy mayor.")
    end = doc.text.index("the the") + 7
    note = NoteRecord(id=9, kind="span", body="Merge these.", author="Dana Smith", created_at=WHEN,
                      updated_at=WHEN, start=start, end=end, anchor_text=doc.text[start:end])
    summary = summary_from_parts(doc, [], [note], [], {}, reviewer=REVIEWER, now=WHEN)
    merged = next(c for c in read_comments(export_summary(summary, "docx", tmp_path / "r.docx"))
                  if c.text == "Merge these.")
    assert merged.anchor == "the deputy mayor.\nResidents said the the"


def test_an_empty_draft_still_exports(tmp_path):
    from export_samples import sample_doc

    summary = summary_from_parts(sample_doc("   \n"), [], [], [], {}, now=WHEN)
    assert read_comments(export_summary(summary, "docx", tmp_path / "r.docx")) == []
