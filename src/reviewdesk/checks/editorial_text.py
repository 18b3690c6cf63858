"""Finds dates, durations and figures in prose and reads their values (shared by the editorial checks)."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from ..core.document import Document

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
_MONTH_ABBR = {"Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8, "Sep": 9,
               "Sept": 9, "Oct": 10, "Nov": 11, "Dec": 12}
_MONTH_NUM = {m: i + 1 for i, m in enumerate(MONTHS)} | _MONTH_ABBR

_UNITS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
          "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
          "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
          "nineteen": 19, "a": 1, "an": 1, "a dozen": 12, "a couple of": 2, "a half": 0.5}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
           "trillion": 1_000_000_000_000, "bn": 1_000_000_000, "m": 1_000_000, "k": 1_000}

WORD_NUMBER = (r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[-\s](?:one|two|three|"
               r"four|five|six|seven|eight|nine))?|zero|one|two|three|four|five|six|seven|eight|nine|"
               r"ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)")
DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
APPROX = (r"(?:up to|more than|fewer than|less than|over|under|nearly|almost|about|around|some|roughly|"
          r"approximately|at least|as many as|as few as|close to|just over|just under|an estimated|"
          r"estimated|well over|well under|more or less)")


class SpanIndex:
    """Finds the sentence or block holding an offset in O(log n) (Document.sentence_at and
    block_at rebuild their index on every call, which is slow across a novel)."""

    def __init__(self, spans) -> None:
        self.spans = list(spans)
        self._starts = [s.start for s in self.spans]

    def index(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self._starts, offset) - 1)

    def at(self, offset: int):
        return self.spans[self.index(offset)]


class SentenceIndex(SpanIndex):
    def __init__(self, doc: Document) -> None:
        super().__init__(doc.sentences)


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    text: str
    year: int | None
    month: int | None = None
    day: int | None = None
    part: str = ""            # early|mid|late, from "the beginning of 2020"

    def label(self) -> str:
        """The date as a reader would say it: "2014", "April 2014", "early 2020"."""
        if self.year is None:
            return self.text
        if self.month:
            month = MONTHS[self.month - 1]
            return f"{month} {self.day}, {self.year}" if self.day else f"{month} {self.year}"
        return f"{self.part} {self.year}" if self.part else str(self.year)

    def compatible(self, other: "DateMention") -> bool:
        """Both can be true: 2014 and April 2014 can; 2014 and 2018, or April and June 2014, cannot."""
        if self.year != other.year:
            return False
        if self.month and other.month and self.month != other.month:
            return False
        if self.part and other.part and self.part != other.part:
            return False
        return not (self.day and other.day and self.day != other.day)


@dataclass(frozen=True)
class Quantity:
    start: int
    end: int
    text: str
    value: float | None       # None for "hundreds of thousands"
    approx: str = ""          # "up to", "more than", "nearly"...
    unit: str = ""            # the counted noun or time unit, singular and lower case


_MONTH_RE = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.)"
_YEAR = r"(?:1[5-9]\d\d|20\d\d)"
# Between the parts of a date: spaces and at most one line break (never a blank line, which
# would join "kills 19" in a headline to "March 4, 2023" on the dateline below it).
_SP = r"(?:[^\S\n]+\n?[^\S\n]*|\n[^\S\n]*)"
_DATE = re.compile(
    rf"(?P<part1>(?:the\s+)?(?P<pw>beginning|start|end|middle|spring|summer|autumn|fall|winter|first half|second half)\s+of\s+)?"
    rf"(?:(?P<pre>early|mid|late)[-\s])?"
    rf"(?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?{_SP}(?:of{_SP})?(?P<m1>{_MONTH_RE})(?:,?{_SP}(?P<y1>{_YEAR}))?"
    rf"|(?P<m2>{_MONTH_RE})(?:{_SP}(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?)?,?{_SP}(?P<y2>{_YEAR})"
    rf"|(?P<m3>{_MONTH_RE}){_SP}(?P<d3>\d{{1,2}})(?:st|nd|rd|th)?(?![\d,])"
    rf"|(?P<y3>{_YEAR}))(?![\d\w-])")
_PARTS = {"beginning": "early", "start": "early", "first half": "early", "spring": "early",
          "end": "late", "second half": "late", "autumn": "late", "fall": "late", "winter": "late",
          "middle": "mid", "summer": "mid"}


def anchored(regex: re.Pattern[str], anchor: re.Pattern[str], text: str, start: int, end: int,
             before: int = 60, after: int = 40) -> list[re.Match[str]]:
    """regex's matches that cover a hit of the cheap anchor regex.

    The full patterns start with optional words and alternations that are slow to try at every
    position of a novel; they are tried only in small windows around the few anchor hits.
    """
    found: dict[tuple[int, int], re.Match[str]] = {}
    for a in anchor.finditer(text, start, end):
        lo = max(start, a.start() - before)
        hi = min(end, a.end() + after)
        for m in regex.finditer(text, lo, hi):
            if m.start() <= a.start() and a.end() <= m.end():
                found.setdefault((m.start(), m.end()), m)
    ordered = sorted(found.values(), key=lambda m: (m.start(), -m.end()))
    out: list[re.Match[str]] = []
    for m in ordered:
        if out and m.start() < out[-1].end():
            continue
        out.append(m)
    return out


# The lookahead rejects most positions at the cost of one character test.
_DATE_ANCHOR = re.compile(rf"(?=[JFMASOND12])(?:{_MONTH_RE}|(?<!\d){_YEAR}(?!\d))")


def find_dates(text: str, start: int = 0, end: int | None = None) -> list[DateMention]:
    """Dates with a year, or a day and a month: "in 2014", "April 2014", "the beginning of 2020"."""
    end = len(text) if end is None else end
    out: list[DateMention] = []
    for m in anchored(_DATE, _DATE_ANCHOR, text, start, end):
        if m.start() > 0 and (text[m.start() - 1].isalnum() or text[m.start() - 1] in "$£€,.-"):
            continue
        year = m.group("y1") or m.group("y2") or m.group("y3")
        if m.group("y3") and not _year_context(text, m.start("y3"), m.end("y3")):
            continue
        month_name = m.group("m1") or m.group("m2") or m.group("m3")
        day = m.group("d1") or m.group("d2") or m.group("d3")
        if month_name == "May" and not (year or day):
            continue
        part = m.group("pre") or _PARTS.get((m.group("pw") or "").lower(), "")
        out.append(DateMention(m.start(), m.end(), text[m.start():m.end()],
                               int(year) if year else None,
                               _MONTH_NUM.get(month_name.rstrip(".")) if month_name else None,
                               int(day) if day else None, part))
    return out


_YEAR_BEFORE = re.compile(r"(?:\b(?:in|since|from|by|until|till|to|during|of|before|after|around|"
                          r"circa|c\.|year|the|and|or|between|through|early|mid|late|spring|summer|"
                          r"autumn|fall|winter|as of)|[(,;–—-])\s*$", re.IGNORECASE)


_COUNTED = re.compile(r"\s+(?:people|persons|men|women|children|troops|soldiers|civilians|refugees|km|"
                      r"miles|feet|metres|meters|dollars|pounds|euros|tons|tonnes|votes|homes|houses)\b")
_VAGUE_OF = re.compile(r"(?:\s+of\s+(?:thousands|millions|billions))?\s+of\s+[a-z]")


def _counted_after(text: str, end: int) -> bool:
    return bool(_COUNTED.match(text, end, end + 16))


def _year_context(text: str, start: int, end: int) -> bool:
    """A bare four-digit number is a year after "in", "since", "(" and the like, not before "troops"."""
    if _counted_after(text, end):
        return False
    return bool(_YEAR_BEFORE.search(text[max(0, start - 14):start]))


def number_value(words: str) -> float | None:
    """The value of "seven", "twenty-one", "1.5 million", "2,000", "a dozen"; None if unreadable."""
    words = words.strip().lower().replace("\u2009", " ")
    if words in _UNITS:
        return float(_UNITS[words])
    m = re.fullmatch(rf"({DIGITS})\s*(hundred|thousand|million|billion|trillion|bn|m|k)?", words)
    if m:
        value = float(m.group(1).replace(",", ""))
        return value * _SCALES[m.group(2)] if m.group(2) else value
    total, current = 0.0, 0.0
    for part in re.split(r"[\s-]+(?:and\s+)?", words):
        if part in _UNITS:
            current += _UNITS[part]
        elif part in _TENS:
            current += _TENS[part]
        elif part in _SCALES and part not in ("m", "k", "bn"):
            current = (current or 1) * _SCALES[part]
            if _SCALES[part] >= 1000:
                total, current = total + current, 0.0
        else:
            return None
    return total + current


_TIME_UNITS = r"(?:years?|months?|weeks?|days?|decades?|hours?)"
_DURATION = re.compile(
    rf"(?<![\w-])(?:(?P<approx>{APPROX})\s+)?(?P<num>{DIGITS}|{WORD_NUMBER}|a|an|a couple of|a dozen)"
    rf"(?:\s+and\s+a\s+half)?[\s-]+(?P<unit>{_TIME_UNITS})(?![\w-])", re.IGNORECASE)
_DURATION_ANCHOR = re.compile(rf"\b{_TIME_UNITS}\b", re.IGNORECASE)
_DAYS = {"hour": 1 / 24, "day": 1, "week": 7, "month": 30.44, "year": 365.25, "decade": 3652.5}


def find_durations(text: str, start: int = 0, end: int | None = None) -> list[Quantity]:
    """Spans of time: "seven years", "nearly five years", "18 months"; value in days."""
    end = len(text) if end is None else end
    out = []
    for m in anchored(_DURATION, _DURATION_ANCHOR, text, start, end, before=70, after=2):
        value = number_value(m.group("num"))
        if value is None:
            continue
        if "half" in m.group(0).lower():
            value += 0.5
        unit = m.group("unit").lower().rstrip("s")
        out.append(Quantity(m.start(), m.end(), m.group(0), value * _DAYS[unit],
                            (m.group("approx") or "").lower(), unit))
    return out


_FIGURE = re.compile(
    rf"(?<![\w.$£€-])(?:(?P<approx>{APPROX})\s+)?"
    rf"(?:(?P<cur>[$£€])\s?)?(?P<num>{DIGITS}|{WORD_NUMBER}|(?:hundreds|thousands|millions|billions|tens)"
    rf"(?:\s+of\s+(?:thousands|millions|billions))?)"
    rf"(?:\s*(?P<scale>million|billion|trillion|thousand|hundred|bn)\b)?"
    rf"(?:\s*(?P<pct>%|percent\b|per\s+cent\b|percentage points?\b))?(?![\w,]*\d)", re.IGNORECASE)
# Every figure worth a source has a digit, a big scale word, a percent or a currency sign.
_FIGURE_ANCHOR = re.compile(r"(?=[\dmbthpMBTHP%$\u00a3\u20ac])(?:\d|million|billion|trillion|\bbn\b|hundreds|thousands|millions|billions|"
                            r"\btens\b|%|percent|per\s+cent|[$\u00a3\u20ac])", re.IGNORECASE)
_WORD_AFTER = re.compile(r"\s+([a-z]+(?:-[a-z]+)*)", re.IGNORECASE)
_NOT_FIGURE_BEFORE = re.compile(r"(?:\b(?:chapter|section|page|pp?\.|no\.|number|article|paragraph|"
                                r"volume|vol\.|verse|line|part|figure|fig\.|table|room|route|flight|"
                                r"step|grade|level|size|rank)\s*$)|[A-Za-z]-$|#$", re.IGNORECASE)


def find_figures(text: str, start: int = 0, end: int | None = None) -> list[Quantity]:
    """Counts, sums and percentages worth a source: "up to 500", "1.5 million people", "40%".

    Years, dates, times, ordinals, model numbers ("S-300") and small counts spelled as words
    ("two sides") are left out: they are not statistics.
    """
    end = len(text) if end is None else end
    dates = find_dates(text, start, end)
    date_spans = [(d.start, d.end) for d in dates]
    out: list[Quantity] = []
    for m in anchored(_FIGURE, _FIGURE_ANCHOR, text, start, end, before=50, after=40):
        num = m.group("num")
        lowered = num.lower()
        scale, pct, cur = m.group("scale"), m.group("pct"), m.group("cur")
        is_digits = num[0].isdigit()
        if any(ds <= m.start("num") < de for ds, de in date_spans):
            continue
        if _NOT_FIGURE_BEFORE.search(text[max(0, m.start() - 14):m.start()]):
            continue
        if is_digits and re.match(r"(?:st|nd|rd|th|:\d|[./]\d)", text[m.end("num"):m.end("num") + 2]):
            continue
        if is_digits and not scale and not pct and re.fullmatch(_YEAR, num) and not _counted_after(text, m.end()):
            continue  # a year standing alone ("Jane Austen 1818"), not a count
        if lowered.startswith(("hundreds", "thousands", "millions", "billions", "tens")):
            if not _VAGUE_OF.match(text, m.end("num")):
                continue  # "thousands upon thousands": a way of speaking, not a figure
            value = None
        else:
            value = number_value(num + (" " + scale if scale else ""))
            if value is None:
                continue
        big_scale = bool(scale) and scale.lower() not in ("hundred", "thousand")
        if not (pct or cur or big_scale or value is None or (is_digits and value >= 100)):
            continue  # "five thousand a year" in a novel is not a statistic
        stop, noun = m.end(), ""
        if pct:
            noun = "percent"
        else:
            stop, noun = counted_noun(text, m.end(), end)
        if value is None and (not noun or noun in _TIME_NOUNS):
            continue  # "thousands of years" is a way of speaking
        out.append(Quantity(m.start(), stop, text[m.start():stop], value,
                            (m.group("approx") or "").lower(), noun))
    return out


def counted_noun(text: str, pos: int, end: int) -> tuple[int, str]:
    """What a number counts: up to two words after it ("people", "internally displaced people")."""
    stop, noun = pos, ""
    cursor = pos
    if text.startswith(" of ", cursor):
        cursor += 3
    for _ in range(2):
        m = _WORD_AFTER.match(text, cursor, min(end, cursor + 30))
        if not m or m.group(1).lower() in _NOT_NOUNS:
            break
        stop, noun, cursor = m.end(), m.group(1).lower(), m.end()
    if noun.endswith("s") and not noun.endswith("ss"):
        noun = noun[:-1]
    return stop, noun


_TIME_NOUNS = frozenset("year month week day hour minute second decade century time mile".split())
# Words that can follow a number without being what it counts.
_NOT_NOUNS = frozenset("""a an the and or but of to in on at by for from with as is are was were be
been have has had will would could should may might that which who this these those than then it its
their our his her they we he she you i so if before after ago later earlier since until into over
under about per each more less again here there now not no all also only still just yet ever""".split())
