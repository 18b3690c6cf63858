"""The fact rules of the consistency check: how statements are grouped by what they are about, and
what they give on the sample draft and on clean published copy. Rule examples: examples/consistency.toml."""
from __future__ import annotations

import time
from pathlib import Path

import pytest

from reviewdesk.checks.base import RunContext
from reviewdesk.checks.consistency import ConsistencyCheck
from reviewdesk.checks.consistency_ages import age_flags, length_flags
from reviewdesk.checks.consistency_facts import number_flags
from reviewdesk.checks.consistency_figures import find_counts
from reviewdesk.checks.consistency_lang import canonical, event_lemma, main_names, verb_lemma
from reviewdesk.checks.consistency_time import dated_events, event_date_flags
from reviewdesk.checks.consistency_timeline import story_year, timeline_flags
from reviewdesk.core.document import document_from_text

ROOT = Path(__file__).resolve().parents[2]
DRAFT = ROOT / "seeds" / "bakhmut-draft.txt"
NEWS = sorted((ROOT.parent / "shared" / "corpus" / "news").glob("*.txt"))
CLEAN = sorted((ROOT / "tests" / "data" / "clean").glob("*.txt"))
NOVEL = ROOT.parent / "shared" / "corpus" / "pride_and_prejudice.txt"
FACT = ("consistency.date", "consistency.number", "consistency.duration", "consistency.timeline",
        "consistency.contradiction")


def doc(text: str):
    return document_from_text(text)


def places(d, flag) -> list[str]:
    return [d.text[p.start:p.end] for p in flag.places]


def fact_flags(d) -> list:
    return [f for f in ConsistencyCheck().run(d, RunContext()) if f.rule in FACT]


# --- reading words -----------------------------------------------------------------------------

def test_verbs_and_nouns_share_one_name_through_the_same_meaning_table():
    assert canonical(verb_lemma("killed")) == canonical(event_lemma("deaths")) == canonical(verb_lemma("died"))
    assert event_lemma("founding") == canonical("found")
    assert event_lemma("passage") == "pass"
    assert verb_lemma("wing") is None and verb_lemma("jobs") is None and verb_lemma("said") is None


# --- consistency.number -------------------------------------------------------------------------

def test_predicate_lemma_groups_a_bare_count_with_a_counted_one():
    d = doc("A car bomb exploded in a market on Friday, killing at least 19. Police said the blast "
            "killed 23 people.")
    [flag] = number_flags(d)
    assert places(d, flag) == ["at least 19", "23 people"]
    assert "at least 19" in flag.message and "23 people" in flag.message


def test_counted_noun_lemma_groups_a_verb_with_its_noun():
    d = doc("The company said it would cut 1,200 jobs. Union leaders condemned the 1,500 job cuts.")
    [flag] = number_flags(d)
    assert places(d, flag)[0] == "1,200 jobs"


def test_measured_noun_and_its_qualifier():
    assert number_flags(doc("The council approved a budget of $4.2 billion. Critics said the $4.5 billion "
                            "budget was too large."))
    assert not number_flags(doc("The state budget is $4.2 billion. The city budget is $900 million."))


def test_names_in_the_clause_keep_two_places_apart():
    assert not number_flags(doc("About 500 people were killed in Bakhmut. About 2,000 people were killed "
                                "in Mariupol."))


def test_a_clause_without_names_is_about_the_story_subject():
    text = ("Harbor Foods said its sales rose. Harbor Foods, which employs 18,000 people, will hire more.\n\n"
            "Its rival Meridian Markets said it would cut 900 jobs. Meridian employs about 11,000 people.")
    d = doc(text)
    assert "Foods" in main_names(d)
    assert not number_flags(d)


def test_they_is_read_against_the_sentence_before():
    d = doc("President Biden and First Lady Jill Biden filed their return. Their tax rate is 23.8 percent.\n\n"
            "Vice President Harris and Second Gentleman Doug Emhoff filed too. They paid tax at a rate of "
            "20.5 percent.")
    assert not number_flags(d)


def test_subjects_that_differ_are_two_things():
    assert not number_flags(doc("The refinery employs 2,400 workers. The nearby mine employs 1,800 workers."))
    assert number_flags(doc("The charity raised $2.3 million at its gala. Organisers said the gala raised "
                            "$3.1 million."))


def test_change_part_rate_and_time_frame_are_not_restatements():
    for text in ("The death toll rose from 19 to 23 on Saturday.",
                 "The blast killed 19 people, including 4 children.",
                 "Women walked 5,200 steps a day, and men walked 5,900. Those walking more than 8,000 steps "
                 "gained little.",
                 "The school has 450 students. Last year it had 420 students.",
                 "Unemployment was 5 percent, up from 4 percent."):
        assert not number_flags(doc(text)), text


def test_how_precisely_a_figure_is_stated():
    [a, b] = find_counts(doc("About 1.5 million people were displaced. Aid groups said 1,523,000 people "
                             "had been displaced."))
    assert a.unit == 100_000 and b.unit == 1_000     # "1,523,000" may itself be rounded
    assert not number_flags(doc("About 1.5 million people were displaced. Aid groups said 1,523,000 "
                                "people had been displaced."))
    assert number_flags(doc("Police arrested 45 protesters. Organisers said 60 protesters were arrested."))


def test_every_place_of_a_conflict_is_in_one_finding():
    d = doc("The storm destroyed 240 homes. Insurers counted the 310 homes destroyed by the storm.\n\n"
            "Later the mayor said the storm destroyed 400 homes.")
    [flag] = number_flags(d)
    assert len(flag.places) == 3
    assert (flag.start, flag.end) == (flag.places[0].start, flag.places[0].end)


# --- consistency.date ---------------------------------------------------------------------------

def test_event_noun_and_pronoun_subject():
    d = doc("The Riverside Food Bank was founded in 1998.\n\nSince its founding in 2001, the food bank has "
            "grown.")
    [flag] = event_date_flags(d)
    assert "1998" in flag.message and "2001" in flag.message
    assert [e.event for e in dated_events(d)] == ["found", "found"]


def test_two_things_of_one_kind_keep_their_own_dates():
    for text in ("The band released its debut album in 2001. It released a live album in 2005.",
                 "He was elected to the Senate in 1976. He was elected to the House in 1970.",
                 "Hatch was born in 1934. His wife, Elaine, was born in 1936.",
                 "The team won the title in 2015. It won the title again in 2018.",
                 "The law was passed in 2010 and amended in 2015."):
        assert not event_date_flags(doc(text)), text


def test_participle_opener_and_reduced_relative():
    assert event_date_flags(doc("The senator was born in 1950 in Ohio.\n\nBorn in 1953, the senator grew "
                                "up on a farm."))
    assert event_date_flags(doc("The singer released her first album in 2004. Critics still praise the "
                                "album, released in 2006."))


# --- consistency.timeline -----------------------------------------------------------------------

def test_span_against_the_dateline():
    d = doc("March 3, 2020\n\nIt has been seven years since the food bank opened in 2014.")
    assert story_year(d) == (2020, True)
    [flag] = timeline_flags(d)
    assert "2020" in flag.message and "2014" in flag.message
    assert not timeline_flags(doc("March 3, 2020\n\nIt has been six years since the food bank opened in 2014."))


def test_inline_dateline_sets_the_story_date():
    d = doc("Readout\n\nWASHINGTON, September 2, 2022 \u2014 The vice president met a delegation. It has been "
            "63 years since the food bank opened in 1962.")
    assert story_year(d) == (2022, True)
    assert timeline_flags(d)


def test_without_a_dateline_only_a_span_too_short_is_sure():
    assert not timeline_flags(doc("Seven years since the plant opened in 2014, it is busy. Sales in 2020 "
                                  "were high."))
    assert timeline_flags(doc("Three years since the plant opened in 2010, it is busy. Sales in 2020 "
                              "were high."))


def test_span_linked_to_an_event_dated_elsewhere():
    d = doc("March 3, 2020\n\nRussia annexed Crimea in 2014.\n\nIt has been nine years since Russia annexed "
            "Crimea, and the sanctions remain.")
    assert timeline_flags(d)


def test_two_years_in_one_sentence():
    assert timeline_flags(doc("In 2019, five years after the 2011 referendum, the region voted again."))
    assert not timeline_flags(doc("In 2016, five years after the 2011 referendum, the region voted again."))


# --- consistency.duration -----------------------------------------------------------------------

def test_ages_by_surname_and_the_n_year_old():
    d = doc("James Okafor, 31, scored twice. The 33-year-old striker was later substituted.")
    [flag] = age_flags(d)
    assert "Okafor" in flag.message and places(d, flag) == ["31", "33"]
    assert not age_flags(doc("Maria Delgado, 54, and her son Luis Delgado, 28, run the shop."))


def test_lengths_of_time_by_verb_and_what_it_is_said_of():
    assert length_flags(doc("She has taught at the school for 18 years. Colleagues said she has taught at "
                            "the school for 12 years."))
    assert not length_flags(doc("He served in the House for six years. He served in the Senate for 36 years."))


# --- the sample draft and clean copy --------------------------------------------------------------

def test_sample_draft_keeps_its_findings_and_gains_no_others():
    d = doc(DRAFT.read_text(encoding="utf-8"))
    flags = fact_flags(d)
    rules = sorted(f.rule for f in flags)
    assert rules == ["consistency.contradiction", "consistency.date", "consistency.duration"], \
        [(f.rule, f.message) for f in flags]


@pytest.mark.parametrize("path", NEWS + CLEAN, ids=lambda p: p.stem)
def test_clean_copy_has_no_fact_findings(path):
    flags = fact_flags(doc(path.read_text(encoding="utf-8")))
    assert not flags, [(f.rule, f.message) for f in flags]


@pytest.mark.skipif(not NOVEL.exists(), reason="no novel in the shared corpus")
def test_a_novel_is_checked_in_seconds():
    d = doc(NOVEL.read_text(encoding="utf-8"))
    d.sentences
    list(ConsistencyCheck().run(d, RunContext()))       # loads lemminflect's tables once
    started = time.perf_counter()
    flags = fact_flags(document_from_text(d.text))
    assert time.perf_counter() - started < 8.0
    assert not flags
