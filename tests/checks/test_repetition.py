"""The repetition check on small examples with exact spans, and on the sample draft it is built for."""
from __future__ import annotations

import gc
import time
from pathlib import Path

import pytest

from reviewdesk.checks.base import RunContext
from reviewdesk.checks.repetition import RepetitionCheck
from reviewdesk.checks.repetition_words import light_stem
from reviewdesk.core.document import document_from_text
from reviewdesk.core.engine import Engine
from reviewdesk.core.errors import Cancelled
from reviewdesk.core.flags import Severity
from reviewdesk.core.loaders import load_document
from reviewdesk.core.progress import CancelToken, Progress
from reviewdesk.core.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
DRAFT = ROOT / "seeds" / "bakhmut-draft.txt"
CORPUS = ROOT.parent / "shared" / "corpus"


def run(text: str, **settings) -> list:
    doc = document_from_text(text)
    return list(RepetitionCheck().run(doc, RunContext(settings=Settings(**settings))))


def texts(doc, flag) -> list[str]:
    return [doc.text[s.start:s.end] for s in flag.occurrences]


@pytest.fixture(scope="module")
def draft():
    doc = load_document(DRAFT)
    ctx = RunContext()
    flags = list(RepetitionCheck().run(doc, ctx))
    return doc, flags, ctx.metrics


FILLER = ("Officials met on Monday to discuss the budget. Reporters waited outside the hall. "
          "Nobody expected a quick answer. ")

EXAMPLES = [
    # repeated phrases
    ("The war is far from over. Critics say the talks are far from over. "
     "Even so, the season is far from over.", "repetition.phrase", True),
    ("The war is far from over. Critics say the talks are far from over.", "repetition.phrase", False),
    ("Bakhmut held. Bakhmut burned. Bakhmut waited. Bakhmut endured. Bakhmut slept. Bakhmut woke.",
     "repetition.phrase", False),
    ("One of the men saw one of the dogs. One of the girls fed one of the cats. "
     "Some of the boys met some of the birds.", "repetition.phrase", False),
    ("He said: \u201cWe shall never surrender the city, never surrender the city, never surrender the city.\u201d",
     "repetition.phrase", False),
    # echoes
    ("The committee approved the plan on Tuesday. Then the committee adjourned.", "repetition.echo", True),
    ("The committee approved the plan. " + FILLER * 5 + "Later the committee adjourned.",
     "repetition.echo", False),
    ("Which one did she choose, and which did she leave behind?", "repetition.echo", False),
    ("Smith spoke first. Then Smith paused, and Smith smiled. Smith left. Later Smith came back.",
     "repetition.echo", False),
    ("\u201cThe government failed, and the government knows it,\u201d she said.", "repetition.echo", False),
    # doubled words
    ("I saw the the dog in the park.", "repetition.doubled", True),
    ("She looked at the\nthe dog.", "repetition.doubled", True),
    ("He had had enough of it.", "repetition.doubled", False),
    ("It was over. Over the hill the sun rose.", "repetition.doubled", False),
    # openers
    ("The Battle for Bakhmut began in spring.\n\nThe Battle for Bakhmut dragged on.\n\n"
     "The Battle for Bakhmut is not over.", "repetition.opener", True),
    ("The army moved east.\n\nThe river froze early.\n\nThe town emptied by May.",
     "repetition.opener", False),
    ("She ran to the door. She opened it. She saw nobody there. Then the wind rose.",
     "repetition.opener", True),
    ("She ran to the door. He opened it. She saw nobody there.", "repetition.opener", False),
    # near-duplicates
    ("Recently a senior US official warned that the battle for the city is far from over. "
     "Prices rose sharply in March. "
     "According to a senior US official, the battle for the city is still far from over.",
     "repetition.paraphrase", True),
    ("Recently a senior US official warned that the battle for the city is far from over. "
     "Farmers in the south expect a poor harvest after the dry summer.",
     "repetition.near-duplicate", False),
]


@pytest.mark.parametrize("text, rule, should_flag", EXAMPLES)
def test_examples(text, rule, should_flag):
    flagged = [f for f in run(text) if f.rule == rule]
    assert bool(flagged) == should_flag, [f.message for f in flagged]


def test_draft_far_from_over_is_one_finding_with_eight_places(draft):
    doc, flags, _ = draft
    found = [f for f in flags if f.rule == "repetition.phrase"
             and doc.text[f.start:f.end].lower() == "far from over"]
    assert len(found) == 1
    flag = found[0]
    assert len(flag.occurrences) == 8
    assert [t.lower() for t in texts(doc, flag)] == ["far from over"] * 8
    assert (flag.start, flag.end) == (flag.occurrences[0].start, flag.occurrences[0].end)
    assert flag.message == "\u201cfar from over\u201d appears 8 times."
    assert flag.severity == Severity.WARNING
    assert flag.score == 8


def test_draft_reports_no_sub_or_super_phrase_of_far_from_over(draft):
    doc, flags, _ = draft
    phrases = {doc.text[f.start:f.end].lower() for f in flags if f.rule == "repetition.phrase"}
    for other in ("far from", "from over", "is far from over", "bakhmut is far from over", "bakhmut is far"):
        assert other not in phrases


def test_draft_battle_for_bakhmut_counts_headings(draft):
    doc, flags, _ = draft
    # The draft's subject is a term of the story (line-editing advice), not a repeated phrase.
    assert not any(f.rule == "repetition.phrase" and doc.text[f.start:f.end].lower() == "battle for bakhmut"
                   for f in flags)
    flag = next(f for f in flags if f.rule == "repetition.term"
                and doc.text[f.start:f.end].lower() == "battle for bakhmut")
    headings = [h for h in doc.headings if "battle for bakhmut" in doc.text[h.start:h.end].lower()]
    in_headings = [s for s in flag.occurrences if any(h.start <= s.start < h.end for h in headings)]
    assert len(headings) >= 4 and len(in_headings) == len(headings)
    assert len(flag.occurrences) == doc.text.lower().count("battle for bakhmut")


def test_draft_gets_a_handful_of_phrases_not_hundreds(draft):
    _, flags, metrics = draft
    phrases = [f for f in flags if f.rule == "repetition.phrase"]
    assert 5 <= len(phrases) <= 25
    assert metrics["repeated_phrases"] == len(phrases)
    assert {"phrase": "far from over", "count": 8} in metrics["top_phrases"]


def test_draft_single_names_are_not_phrases(draft):
    doc, flags, _ = draft
    for f in flags:
        if f.rule == "repetition.phrase":
            assert " " in doc.text[f.start:f.end]


def test_draft_paragraph_opener_battle_for_bakhmut(draft):
    doc, flags, _ = draft
    flag = next(f for f in flags if f.rule == "repetition.opener"
                and doc.text[f.start:f.end] == "The Battle for Bakhmut")
    assert len(flag.occurrences) >= 3
    assert all(doc.block_at(s.start).start == s.start for s in flag.occurrences)


def test_draft_near_duplicates_find_the_far_from_over_paraphrases(draft):
    doc, flags, _ = draft
    groups = [f for f in flags if f.rule == "repetition.paraphrase" and "sentences" in f.message]
    paraphrases = [f for f in groups
                   if sum("far from over" in t and "official" in t for t in texts(doc, f)) >= 2]
    assert paraphrases
    flag = paraphrases[0]
    assert 0 < flag.score < 1
    assert flag.message == (f"These {len(flag.occurrences)} sentences say nearly the same thing "
                            f"({round(flag.score * 100)}% alike).")


def test_draft_echoes_skip_the_subject_and_reported_phrases(draft):
    doc, flags, _ = draft
    echoes = [f for f in flags if f.rule == "repetition.echo"]
    assert echoes
    words = {doc.text[f.start:f.end].lower() for f in echoes}
    assert not words & {"bakhmut", "ukraine", "russia"}
    phrase_places = [s for f in flags if f.rule == "repetition.phrase" for s in f.occurrences]
    for f in echoes:
        assert not all(any(p.start <= s.start and s.end <= p.end for p in phrase_places)
                       for s in f.occurrences)


def test_phrase_places_and_message_are_exact():
    text = "Talks are far from over. The season is Far From Over. The war is far from over."
    doc = document_from_text(text)
    (flag,) = [f for f in run(text) if f.rule == "repetition.phrase"]
    assert texts(doc, flag) == ["far from over", "Far From Over", "far from over"]
    assert flag.message == "\u201cfar from over\u201d appears 3 times."
    assert flag.severity == Severity.SUGGESTION


def test_phrase_matching_ignores_curly_or_straight_apostrophes():
    text = ("Russia\u2019s spring offensive stalled. Russia's spring offensive resumed. "
            "Analysts doubt Russia\u2019s spring offensive.")
    (flag,) = [f for f in run(text) if f.rule in ("repetition.phrase", "repetition.term")]
    assert len(flag.occurrences) == 3


def test_sub_phrase_only_inside_the_longer_one_is_not_reported():
    text = ("The battle for the northern bridge went on. Nobody won the battle for the northern bridge. "
            "Both armies needed the battle for the northern bridge.")
    doc = document_from_text(text)
    phrases = [doc.text[f.start:f.end].lower() for f in run(text) if f.rule == "repetition.phrase"]
    assert phrases == ["battle for the northern bridge"]


def test_sub_phrase_also_used_on_its_own_is_reported_too():
    text = ("The peace talks in Geneva failed. Peace talks resumed in May. New peace talks began. "
            "Peace talks stalled again. Later the peace talks in Geneva resumed. "
            "Observers hoped the peace talks in Geneva would last.")
    doc = document_from_text(text)
    flags = [f for f in run(text) if f.rule in ("repetition.phrase", "repetition.term")]
    found = {doc.text[f.start:f.end].lower(): len(f.occurrences) for f in flags}
    assert found == {"peace talks in geneva": 3, "peace talks": 6}


def test_phrase_inside_one_quote_is_flagged_when_quotes_are_not_skipped():
    text = ("He said: \u201cWe shall never surrender the city, never surrender the city, "
            "never surrender the city.\u201d")
    assert any(f.rule == "repetition.phrase" for f in run(text, skip_quotes=False))


def test_phrase_in_a_quote_still_counts_with_the_same_phrase_outside():
    text = ("The war is far from over. \u201cIt is far from over,\u201d he said. "
            "Critics agree it is far from over.")
    (flag,) = [f for f in run(text) if f.rule == "repetition.phrase"]
    assert len(flag.occurrences) == 3


def test_doubled_word_span_severity_and_suggestion():
    text = "I saw The the dog."
    (flag,) = [f for f in run(text) if f.rule == "repetition.doubled"]
    assert text[flag.start:flag.end] == "The the"
    assert flag.severity == Severity.ERROR
    assert flag.suggestions == ("The",)


def test_doubled_word_inside_a_quote_is_still_flagged():
    text = "\u201cWe saw the the tanks,\u201d she said."
    assert any(f.rule == "repetition.doubled" for f in run(text))


def test_echo_is_flagged_at_the_second_place_with_both_places():
    text = "Forces moved at dawn, and the enemy forced a retreat."
    (flag,) = [f for f in run(text) if f.rule == "repetition.echo"]
    assert text[flag.start:flag.end] == "forced"
    assert [text[s.start:s.end] for s in flag.occurrences] == ["Forces", "forced"]
    assert flag.severity == Severity.SUGGESTION


def test_echo_window_comes_from_settings():
    text = "The committee approved the plan on Tuesday after a long debate. Then the committee left."
    assert any(f.rule == "repetition.echo" for f in run(text))
    assert not any(f.rule == "repetition.echo" for f in run(text, echo_window=5))


def test_echo_inside_a_quote_is_flagged_when_quotes_are_not_skipped():
    text = "\u201cThe government failed, and the government knows it,\u201d she said."
    assert any(f.rule == "repetition.echo" for f in run(text, skip_quotes=False))


def test_sentence_opener_run_lists_every_place():
    text = "She ran to the door. She opened it. She saw nobody there. Then the wind rose."
    (flag,) = [f for f in run(text) if f.rule == "repetition.opener"]
    assert [text[s.start:s.end] for s in flag.occurrences] == ["She", "She", "She"]
    assert flag.message == "3 sentences in a row open with \u201cShe\u201d."


def test_near_duplicate_of_a_copied_sentence_scores_high():
    sentence = "The regional council approved the new hospital budget after a long debate."
    text = f"{sentence} Prices rose sharply in March. {sentence}"
    (flag,) = [f for f in run(text) if f.rule == "repetition.near-duplicate"]
    assert flag.score == pytest.approx(1.0)
    assert flag.severity == Severity.WARNING
    assert [text[s.start:s.end] for s in flag.occurrences] == [sentence, sentence]


def test_near_duplicate_paragraphs():
    para = ("The regional council approved the new hospital budget after a long debate. "
            "Doctors welcomed the decision, while nurses asked for higher wages. ")
    other = "Farmers in the south expect a poor harvest. The dry summer ruined the wheat. "
    para2 = ("After a long debate, the regional council approved the hospital budget. "
             "Nurses asked for higher wages, while doctors welcomed the decision.")
    text = f"{para}\n\n{other}\n\n{para2}"
    flags = [f for f in run(text) if f.rule == "repetition.near-duplicate"]
    assert [f.message.split(" repeat")[0] for f in flags] == ["These 2 paragraphs"]


def test_sentences_wholly_inside_quotes_are_not_near_duplicates_by_default():
    sentence = "\u201cThe regional council approved the new hospital budget after a long debate.\u201d"
    text = f"{sentence} Prices rose sharply in March. {sentence}"
    assert not any(f.rule == "repetition.near-duplicate" for f in run(text))
    assert any(f.rule == "repetition.near-duplicate" for f in run(text, skip_quotes=False))


def test_garbage_collection_is_back_on_after_a_run_even_when_cancelled():
    doc = load_document(DRAFT)
    RepetitionCheck().run(doc, RunContext())
    assert gc.isenabled()
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        RepetitionCheck().run(doc, RunContext(progress=Progress(token=token)))
    assert gc.isenabled()


def test_progress_is_reported_and_cancel_stops_the_check():
    seen = []
    doc = load_document(DRAFT)
    RepetitionCheck().run(doc, RunContext(progress=Progress(lambda f, m: seen.append(f))))
    assert seen[0] == 0.0 and seen[-1] == 1.0 and len(seen) > 5
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        RepetitionCheck().run(doc, RunContext(progress=Progress(token=token)))


def test_engine_runs_the_check_and_ids_every_flag():
    doc = load_document(DRAFT)
    outcome = Engine([RepetitionCheck()]).run_check(RepetitionCheck(), doc, Settings())
    assert outcome.status.status == "ok"
    assert outcome.flags and all(f.id and f.fingerprint for f in outcome.flags)
    assert outcome.metrics["top_phrases"]


def test_light_stem_joins_inflections():
    assert light_stem("forces") == light_stem("forced") == light_stem("force")
    assert light_stem("fighting") == light_stem("fight")
    assert light_stem("stopped") == light_stem("stop")
    assert light_stem("cities") == light_stem("city")
    assert light_stem("called") == light_stem("call")


@pytest.mark.skipif(not (CORPUS / "pride_and_prejudice.txt").exists(), reason="corpus not present")
def test_novel_finishes_in_seconds():
    doc = load_document(CORPUS / "pride_and_prejudice.txt")
    doc.sentences, doc.quotes
    started = time.process_time()
    flags = list(RepetitionCheck().run(doc, RunContext()))
    assert time.process_time() - started < 10
    assert any(f.rule == "repetition.near-duplicate" for f in flags)


NEWS = CORPUS / "news"
BEFORE = ROOT / "tests" / "benchmarks" / "data" / "bakhmut-findings-before.json"
DEFAULT_VIEW = ("repetition.phrase", "repetition.near-duplicate", "repetition.doubled")


@pytest.mark.skipif(not NEWS.exists(), reason="news corpus not present")
def test_clean_news_copy_gets_almost_no_default_view_repetition_flags():
    words = flagged = 0
    for path in sorted(NEWS.glob("*.txt")):
        doc = load_document(path)
        words += doc.word_count
        flagged += sum(1 for f in RepetitionCheck().run(doc, RunContext()) if f.rule in DEFAULT_VIEW)
    assert flagged * 1000 / words <= 0.5, flagged


def test_draft_default_view_keeps_the_padding_an_editor_cuts(draft):
    doc, flags, metrics = draft
    wording = {doc.text[f.start:f.end].lower(): f for f in flags if f.rule == "repetition.phrase"}
    assert "far from over" in wording
    us = wording["us official"]
    assert {doc.text[s.start:s.end] for s in us.occurrences} >= {"US official", "US officials"}
    assert us.severity == Severity.WARNING and "also as" in us.message
    terms = {doc.text[f.start:f.end].lower() for f in flags if f.rule == "repetition.term"}
    assert {"battle for bakhmut", "russia and ukraine"} <= terms
    assert not wording.keys() & terms
    assert metrics["repeated_terms"] == len(terms)


@pytest.mark.skipif(not BEFORE.exists(), reason="first-release findings not present")
def test_draft_every_first_release_repetition_finding_is_still_reported(draft):
    import json
    doc, flags, _ = draft
    now = {tuple(doc.text[p.start:p.end] for p in f.places) for f in flags}
    joined = {doc.text[s.start:s.end] for f in flags if f.rule == "repetition.phrase" for s in f.places}
    for finding in json.loads(BEFORE.read_text(encoding="utf-8")):
        if finding["rule"] in ("repetition.phrase", "repetition.near-duplicate", "repetition.opener"):
            assert tuple(finding["places"]) in now or set(finding["places"]) <= joined, finding["message"]


def test_stock_phrase_three_times_is_wording_and_a_topic_term_is_not():
    text = ("Council weighs tax on tourist flats\n\n"
            "In the coming weeks, the council will vote on the tax. The tax would fund housing. "
            "Owners oppose the tax.\n\nLandlords say they will respond in the coming weeks. "
            "A tourist tax exists in other cities, and the tourist tax raised millions there.\n\n"
            "The mayor will meet owners in the coming weeks. The tourist tax starts in May.")
    doc = document_from_text(text)
    flags = run(text)
    wording = [doc.text[f.start:f.end] for f in flags if f.rule == "repetition.phrase"]
    terms = [doc.text[f.start:f.end].lower() for f in flags if f.rule == "repetition.term"]
    assert wording == ["coming weeks"]
    assert "tourist tax" in terms


def test_a_term_is_information_and_wording_repeated_often_is_a_warning():
    text = " ".join(["The dispute is far from over."] * 6 +
                     ["The Department of Health said so."] * 3)
    flags = {f.rule: f for f in run(text) if f.rule in ("repetition.phrase", "repetition.term")}
    assert flags["repetition.phrase"].severity == Severity.WARNING
    assert flags["repetition.term"].severity == Severity.INFO


def test_headline_restated_by_the_lede_is_not_a_near_duplicate():
    text = ("Council approves new hospital budget after a long debate on Tuesday\n\n"
            "The regional council approved the new hospital budget on Tuesday after a long debate.\n\n"
            "Nurses asked for higher wages.")
    assert not [f for f in run(text) if f.rule in ("repetition.near-duplicate", "repetition.paraphrase")]


def test_parallel_reports_with_other_figures_are_paraphrase_advice_not_copies():
    text = ("The bank reported a profit of $2.1 billion for the quarter, up 8 percent from a year "
            "earlier.\n\nShares rose.\n\nThe insurer reported a profit of $900 million for the "
            "quarter, down 3 percent from a year earlier.")
    rules = {f.rule for f in run(text)}
    assert "repetition.near-duplicate" not in rules


def test_a_pasted_paragraph_with_a_changed_figure_is_a_copy():
    para = ("Regulators approved the vaccine for children aged five to eleven after a trial of "
            "{n} pupils. Side effects were mild, the agency said.")
    text = para.format(n="4,000") + "\n\nPharmacies expect deliveries.\n\n" + para.format(n="4,500")
    (flag,) = [f for f in run(text) if f.rule == "repetition.near-duplicate"]
    assert flag.severity == Severity.WARNING and "word for word" in flag.message


def test_doubled_word_that_grammar_sometimes_doubles_is_a_warning_not_an_error():
    (flag,) = [f for f in run("The vote was held in in March.") if f.rule == "repetition.doubled"]
    assert flag.severity == Severity.WARNING
    (flag,) = [f for f in run("The The company denied it.") if f.rule == "repetition.doubled"]
    assert flag.severity == Severity.ERROR
    assert not [f for f in run("She flew to Walla Walla.") if f.rule == "repetition.doubled"]
