"""build_summary: what the review store holds becomes one Summary every format renders."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest
from export_samples import REVIEWER, sample_doc, sample_metrics, sample_summary

from reviewdesk.core.flags import Flag, Severity
from reviewdesk.core.engine import finalise
from reviewdesk.core.settings import Settings
from reviewdesk.core.summary import build_summary, initials, summary_from_parts
from reviewdesk.storage.records import ClaimRecord
from reviewdesk.storage.store import ReviewStore


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory):
    """A draft in a real SQLite store: 3 flags (accepted, dismissed, pending), notes, a claim.

    Module-scoped: the tests only read it, and building a migrated database takes a while.
    """
    tmp_path = tmp_path_factory.mktemp("review")
    doc = sample_doc(path=str(tmp_path / "bakhmut.txt"))
    store = ReviewStore(f"sqlite:///{tmp_path / 'review.db'}")
    record = store.open_document(doc)

    def at(phrase):
        start = doc.text.index(phrase)
        return start, start + len(phrase)

    raw = [Flag("grammar", "grammar.doubled", "grammar", *at("the the"), "Doubled word.",
                Severity.ERROR, suggestions=("the",)),
           Flag("sourcing", "sourcing.vague", "sourcing", *at("officials said"), "Vague."),
           Flag("readability", "readability.adverb", "readability", *at("very"), "Weak adverb.")]
    flags = store.sync_flags(record, doc, finalise(doc, raw, Settings()),
                             ["grammar", "sourcing", "readability"])
    ids = {f.rule: f.id for f in flags}
    store.set_status(record, ids["grammar.doubled"], "accepted", REVIEWER)
    store.set_status(record, ids["sourcing.vague"], "dismissed", REVIEWER)
    store.set_flag_note(record, ids["grammar.doubled"], "Fix before Friday.", REVIEWER)
    store.add_document_note(record, "Tighten the ending.", REVIEWER)
    store.add_span_note(record, *at("repairs by Friday"), "repairs by Friday", "Which Friday?",
                        "Dana Smith")
    start, end = at("Андрій Мельник")
    store.sync_claims(record, [ClaimRecord("c1", "person", "Андрій Мельник", start, end,
                                           "“We will hold,” said Андрій Мельник.")])
    store.set_claim(record, "c1", status="verified", note="Council site.")
    store.save_metrics(record, sample_metrics(doc) | {"checks": [
        {"id": "grammar", "name": "Grammar", "engine": "harper", "status": "ok", "message": "",
         "seconds": 0.2, "count": 1}]})
    yield store, record, doc, ids
    store.close()


def test_only_accepted_flags_are_listed_by_default(reviewed):
    store, record, doc, ids = reviewed
    summary = build_summary(store, record, doc, reviewer=REVIEWER)
    assert [f.id for f in summary.flags] == [ids["grammar.doubled"]]


def test_dismissed_flags_are_listed_when_asked_for(reviewed):
    store, record, doc, ids = reviewed
    summary = build_summary(store, record, doc, include_dismissed=True)
    assert {f.status for f in summary.flags} == {"accepted", "dismissed"}


def test_counts_cover_every_flag_by_category_and_status(reviewed):
    store, record, doc, _ = reviewed
    summary = build_summary(store, record, doc, line_editing=True)
    assert summary.counts["grammar"]["accepted"] == 1
    assert summary.counts["sourcing"]["dismissed"] == 1
    assert summary.by_status == {"pending": 1, "accepted": 1, "dismissed": 1}


def test_pending_line_editing_advice_is_left_out_unless_asked_for(reviewed):
    store, record, doc, _ = reviewed
    summary = build_summary(store, record, doc, include_pending=True)
    # The pending adverb flag is line-editing advice: not counted, not listed, not "still pending".
    assert summary.by_status == {"pending": 0, "accepted": 1, "dismissed": 1}
    assert "readability" not in summary.counts
    assert all(f.rule != "readability.adverb" for f in summary.flags)
    assert "still pending" not in summary.verdict
    shown = build_summary(store, record, doc, include_pending=True, line_editing=True)
    assert any(f.rule == "readability.adverb" for f in shown.flags)


def test_notes_claims_metrics_and_checks_come_from_the_store(reviewed):
    store, record, doc, ids = reviewed
    summary = build_summary(store, record, doc)
    assert summary.flags[0].note == "Fix before Friday."
    assert [n.body for n in summary.document_notes] == ["Tighten the ending."]
    assert [(n.body, n.author) for n in summary.span_notes] == [("Which Friday?", "Dana Smith")]
    assert [(c.text, c.status, c.note) for c in summary.claims] == [
        ("Андрій Мельник", "verified", "Council site.")]
    assert summary.readability.grade == 10.9 and len(summary.readability.paragraphs) == 3
    assert [c.id for c in summary.checks] == ["grammar"]


def test_the_reviewer_defaults_to_whoever_made_the_decisions(reviewed):
    store, record, doc, _ = reviewed
    assert build_summary(store, record, doc).reviewer == REVIEWER


def test_the_document_and_time_are_recorded(reviewed):
    store, record, doc, _ = reviewed
    summary = build_summary(store, record, doc)
    assert summary.document.file_name == "bakhmut.txt"
    assert summary.document.sha256 == doc.sha256 and summary.document.words == doc.word_count
    assert summary.created_at.tzinfo is not None
    assert abs((datetime.now(timezone.utc) - summary.created_at).total_seconds()) < 60


def test_the_verdict_names_the_accepted_flags_the_claims_and_the_grade():
    summary = sample_summary()
    assert summary.verdict_level == "revise"
    assert summary.verdict.startswith("Needs revision: 5 accepted flags")
    assert "1 claim disputed or false" in summary.verdict
    assert "grade 10.9, above the target of 9" in summary.verdict
    assert summary.verdict.endswith("1 flag is still pending.")


def test_a_passage_comes_with_its_sentence_around_it():
    summary = sample_summary()
    start = summary.text.index("the the")
    p = summary.passage(start, start + 7)
    assert (p.before, p.text) == ("Residents said ", "the the")
    assert p.after.startswith(" water supply failed again.")


def test_a_long_sentence_is_cut_at_word_breaks_around_the_passage():
    words = " ".join(f"word{i}" for i in range(200))
    summary = summary_from_parts(sample_doc(f"Title\n\nStart {words} TARGET {words} end.\n"),
                                 [], [], [], {})
    start = summary.text.index("TARGET")
    p = summary.passage(start, start + 6)
    assert p.cut_before and p.cut_after
    assert 140 <= len(p.before) <= 170 and p.before.startswith("word")
    assert p.after.rstrip().split()[-1].startswith("word")


def test_initials_handle_cyrillic_and_hyphens():
    assert initials("Олена Коваленко") == "ОК"
    assert initials("mary-jane o'neil") == "MJO"
    assert initials("") == ""
