"""The draft's own date and the wrong-era officials it shows (rule sourcing.out-of-office)."""
from __future__ import annotations

import time
from datetime import date
from pathlib import Path

import pytest

from reviewdesk.checks.draft_date import DATELINE, PUBLISHED, STATED, YEARS_SINCE, draft_date
from reviewdesk.checks.officeholders import RULE, load_table, officeholder_flags
from reviewdesk.core.document import document_from_text

ROOT = Path(__file__).resolve().parents[2]


def _date(text: str):
    return draft_date(document_from_text(text))


@pytest.mark.parametrize("text, expected, precision, source", [
    ("Published 12 March 2023\n\nThe council met.", date(2023, 3, 12), "day", PUBLISHED),
    ("Published: March 12, 2023\n\nThe council met.", date(2023, 3, 12), "day", PUBLISHED),
    ("Updated: 5 June 2023 14:05 BST\n\nThe council met.", date(2023, 6, 5), "day", PUBLISHED),
    ("First published on Sun 12 Mar 2023 07.00 GMT\n\nThe council met.", date(2023, 3, 12), "day", PUBLISHED),
    ("Updated 2:15 PM EST, Sun March 12, 2023\n\nThe council met.", date(2023, 3, 12), "day", PUBLISHED),
    ("By Ann Lee | March 3, 2023\n\nThe council met.", date(2023, 3, 3), "day", PUBLISHED),
    ("Monday, July 28, 2014\n\nThe council met.", date(2014, 7, 28), "day", DATELINE),
    ("March 3, 2023 - The city council voted to close the library.", date(2023, 3, 3), "day", DATELINE),
    ("LONDON, 3 March 2023 (Reuters) - Shares fell.", date(2023, 3, 3), "day", DATELINE),
    ("2023-03-03\n\nThe council met.", date(2023, 3, 3), "day", DATELINE),
    ("Leaders meet\n\nWASHINGTON, Sept. 2, 2022 \u2014 The vice president met them.", date(2022, 9, 2), "day",
     DATELINE),
    ("Shares fall\n\nKYIV, Ukraine, 3 March 2023 - Shares fell.", date(2023, 3, 3), "day", DATELINE),
])
def test_dateline_and_publication_line(text, expected, precision, source):
    found = _date(text)
    assert found is not None and (found.date, found.precision, found.source) == (expected, precision, source)
    assert found.exact


def test_a_dateline_without_year_takes_the_newest_year_the_draft_reports():
    found = _date("WASHINGTON, Feb 1 (Reuters) - The bill, first drafted in 2021, passed on Tuesday.")
    assert (found.date, found.source, found.exact) == (date(2021, 2, 1), STATED, False)


def test_the_newest_reported_date_not_a_plan():
    found = _date("The plant will open in 2030. It was approved in March 2021 after a long fight. "
                  "Work is due to finish by the end of 2027.")
    assert (found.date, found.precision, found.source) == (date(2021, 3, 1), "month", STATED)
    assert not found.exact


def test_an_intent_or_commitment_is_not_the_present():
    found = _date("The leaders announced their intent to negotiate a trade agreement in 2024. "
                  "They first met in 2019.")
    assert found.date == date(2019, 1, 1)


def test_years_since_an_event_the_draft_dates_elsewhere():
    found = _date("It has been seven years since Russia annexed the Crimean peninsula.\n\n"
                  "Russia annexed Crimea from Ukraine in 2014.")
    assert (found.date.year, found.source) == (2021, YEARS_SINCE)


def test_years_since_a_year_in_the_same_phrase_and_an_anniversary():
    assert _date("It is twenty years since 2003, and the bridge still stands.").date.year == 2023
    assert _date("Today marks the 50th anniversary of the 1973 ceasefire.").date.year == 2023


def test_a_birthday_counts_from_the_birth_year():
    found = _date("We celebrate the 100th birthday of the painter Ann Roe. Ann Roe was born in 1925 in Leeds.")
    assert found.date.year == 2025


def test_no_date():
    assert _date("The council met on Tuesday and voted to close the library.") is None


def test_sample_draft_flags_esper_and_volker_only():
    doc = document_from_text((ROOT / "seeds" / "bakhmut-draft.txt").read_text(encoding="utf-8"))
    flags = officeholder_flags(doc)
    names = sorted(f.message.split(" was ")[0] for f in flags)
    assert names == ["Kurt Volker", "Mark Esper"]
    esper = next(f for f in flags if f.message.startswith("Mark Esper"))
    assert "from July 2019 to November 2020" in esper.message and "2021 or later" in esper.message
    assert esper.rule == RULE and esper.category == "sourcing" and esper.severity.label == "warning"
    assert doc.text[esper.start:esper.end] == "Secretary of Defense Mark Esper"


def test_message_names_the_term_and_the_draft_date():
    doc = document_from_text("Published 12 March 2023\n\nSecretary of Defense Mark Esper said more aid would follow.")
    (flag,) = officeholder_flags(doc)
    assert flag.message == ("Mark Esper was US Secretary of Defense from July 2019 to November 2020; "
                            "this draft is dated 12 March 2023.")


def test_one_flag_per_person_and_office_with_every_titled_place():
    doc = document_from_text("Published 12 March 2023\n\nDefense Secretary Mark Esper spoke first. Esper said "
                             "little. Later Secretary Esper took questions.")
    (flag,) = officeholder_flags(doc)
    assert [doc.text[o.start:o.end] for o in flag.occurrences] == ["Defense Secretary Mark Esper",
                                                                   "Secretary Esper"]


def test_two_terms_in_one_office():
    doc = document_from_text("Published 1 June 2010\n\nPrime Minister Benjamin Netanyahu spoke.")
    assert officeholder_flags(doc) == []
    doc = document_from_text("Published 1 June 2005\n\nPrime Minister Benjamin Netanyahu spoke.")
    (flag,) = officeholder_flags(doc)
    assert "from June 1996 to July 1999 and from March 2009 to June 2021 and from December 2022" in flag.message


def test_an_inferred_date_never_flags_someone_as_not_yet_in_office():
    # The body says only that the draft is 2019 or later: Blinken may well be in office.
    doc = document_from_text("The deal was signed in 2019. Secretary of State Antony Blinken praised it.")
    assert officeholder_flags(doc) == []


def test_table_terms_are_ordered_and_holders_of_one_office_do_not_overlap():
    from reviewdesk.checks.editorial_lists import load_toml
    from reviewdesk.checks.officeholders import _parse_date
    for office in load_toml("officeholders.toml")["office"]:
        terms = []
        for row in office["holders"]:
            start = _parse_date(row["start"])[0]
            end = _parse_date(row["end"])[0] if row.get("end") else date.max
            assert start < end, (office["office"], row["name"])
            terms.append((start, end, row["name"]))
        terms.sort()
        for (s1, e1, n1), (s2, e2, n2) in zip(terms, terms[1:]):
            assert e1 <= s2, f"{office['office']}: {n1} and {n2} overlap"
        assert office["titles"], office["office"]


def test_a_long_draft_is_checked_fast():
    para = (
        "Secretary of State Antony Blinken met Prime Minister Rishi Sunak in London on Tuesday, and "
        "President Joe Biden spoke to Chancellor Olaf Scholz about the 2022 energy crisis. The talks "
        "ran long, officials said, and the ministers agreed to meet again in the spring.\n\n")
    text = "Published 12 March 2023\n\n" + para * 2300   # about 100,000 words
    doc = document_from_text(text)
    load_table()
    doc.sentences   # segmentation belongs to the document, not to this check
    t0 = time.process_time()   # CPU time: the machine is shared, wall time is not this check's
    flags = officeholder_flags(doc)
    elapsed = time.process_time() - t0
    assert doc.word_count > 90_000
    assert flags == []   # all four were in office in March 2023
    assert elapsed < 0.5, elapsed


def test_without_arithmetic_the_sample_draft_is_dated_by_what_it_reports():
    doc = document_from_text((ROOT / "seeds" / "bakhmut-draft.txt").read_text(encoding="utf-8"))
    with_sums = draft_date(doc)
    reported = draft_date(doc, arithmetic=False)
    assert (with_sums.date.year, with_sums.source) == (2021, YEARS_SINCE)
    assert "seven years since Russia annexed" in with_sums.text
    assert (reported.date, reported.precision, reported.source) == (date(2020, 10, 1), "month", STATED)


def test_a_reported_date_after_today_is_a_plan():
    found = _date("The trial opens on 3 March 2199. The charges were filed in 2019.")
    assert found.date == date(2019, 1, 1)


def test_a_year_after_the_draft_date_does_not_make_a_mention_history():
    # "2021" here is a plan of a 2019 story, not the time Blinken spoke.
    doc = document_from_text("Published 11 December 2019\n\nThe probe will reach the asteroid in 2021. "
                             "Secretary of State Antony Blinken praised the team.")
    (flag,) = officeholder_flags(doc)
    assert "only in January 2021" in flag.message
