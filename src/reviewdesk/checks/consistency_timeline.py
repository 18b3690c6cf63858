"""consistency.timeline: a stated span of years that does not fit the years the draft gives or its own date.

"Seven years since 2014" in a story set in 2020, "the law, passed three years ago in 2019" in a 2024
story, "its 25th anniversary" of a choir founded in 2010, "five years after the 2014 vote, in 2017".
The span is read from the words around it ("since", "ago", "after", "anniversary", "turns"); the
year is the one its sentence states or, for "since Russia annexed Crimea", the date the draft gives
that event elsewhere; "now" is the draft's own date (draft_date.py), or at least the newest year it
reports when it has no dateline.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ..core.document import Document
from ..core.flags import Flag, Severity, Span
from .consistency_lang import tokens, verb_lemma, canonical
from .consistency_time import dated_events
from .draft_date import YEARS_SINCE, draft_date
from .editorial_text import WORD_NUMBER, SentenceIndex, find_dates, number_value

RULE = "consistency.timeline"

_COUNT = rf"(?:\d{{1,3}}|{WORD_NUMBER}|a\s+dozen|a\s+hundred|one\s+hundred)"
_APPROX = r"(?:nearly|almost|about|around|roughly|some|more\s+than|over|just\s+over|just\s+under|less\s+than|close\s+to)"
# The span and how it is tied to a year: "seven years since", "three years ago", "25th anniversary".
_SPAN = re.compile(
    rf"(?<![\w-])(?:(?P<approx>{_APPROX})\s+)?(?P<n>{_COUNT})[\s-]+(?P<unit>years?|decades?)\s+"
    rf"(?P<how>since|ago|after|later|on\s+from|on\s+since|in\s+business|old|of\s+service)\b"
    rf"|(?<![\w-])(?P<ord>\d{{1,3}})(?:st|nd|rd|th)\s+(?P<how2>anniversary|birthday|year)\b"
    rf"|\b(?P<how3>turns|turned|will\s+turn|marks|celebrates|is\s+celebrating|celebrating)\s+"
    rf"(?:(?P<approx3>{_APPROX})\s+)?(?P<n3>{_COUNT})(?:\s+(?P<unit3>years?))?(?![\w-])", re.IGNORECASE)
_ANCHOR = re.compile(r"years?|decades?|anniversary|birthday|turn|marks|celebrat", re.IGNORECASE)
_NOW = re.compile(r"\b(?:now|today|this\s+year|this\s+month|this\s+week|it\s+has\s+been|it['\u2019]s\s+been|"
                  r"has|have|is|are|marks|celebrates)\b", re.IGNORECASE)


# "WASHINGTON, Sept. 2, 2022 — The vice president...": a dateline that opens the first paragraph
# (draft_date reads it as a stated date; here it says when the story is set).
_INLINE_DATELINE = re.compile(
    r"[A-Z][A-Z.'\- ]{2,}(?:,\s*[A-Z][\w.]+(?:\s[A-Z][\w.]+)*)?,\s*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+|"
    r"\d{1,2}\s+[A-Z][a-z]{2,8}\s+)(?P<y>(?:19|20)\d\d)\s*(?:\([^)\n]{1,30}\)\s*)?[-\u2013\u2014]")


@dataclass(frozen=True)
class Span_:
    start: int
    end: int
    n: float
    approx: str
    how: str


def story_year(doc: Document) -> tuple[int, bool] | None:
    """The year the draft is set in, and whether a dateline or publication line says so
    (otherwise the draft is only known to be no earlier than the newest year it reports)."""
    dd = draft_date(doc)
    if dd is not None and dd.exact:
        return dd.date.year, True
    for block in doc.paragraphs[:3]:
        m = _INLINE_DATELINE.match(doc.text, block.start, block.end)
        if m:
            return int(m.group("y")), True
    if dd is not None and dd.source != YEARS_SINCE:
        return dd.date.year, False
    years = [d.year for d in find_dates(doc.text) if d.year and d.year <= date.today().year]
    return (max(years), False) if years else None


def timeline_flags(doc: Document) -> list[Flag]:
    text = doc.text
    sentences = SentenceIndex(doc)
    if not sentences.spans:
        return []
    now: tuple[int, bool] | None = None
    flags: list[Flag] = []
    seen_end = -1
    for a in _ANCHOR.finditer(text):
        if a.start() < seen_end:
            continue
        m = next((m for m in _SPAN.finditer(text, max(0, a.start() - 40), min(len(text), a.end() + 40))
                  if m.start() <= a.start() < m.end()), None)
        if m is None:
            continue
        seen_end = m.end()
        span = _read(m)
        if span is None:
            continue
        s = sentences.at(m.start())
        years = [d for d in find_dates(text, s.start, s.end) if d.year and not (m.start() <= d.start < m.end())
                 and not _in_dateline(doc, d.start)]
        distinct = sorted({d.year for d in years})
        ref_year, exact, year_place, in_sentence = None, True, None, False
        if len(distinct) == 2 and span.how in ("after", "later", "anniversary", "birthday", "year", "old"):
            ref_year, year, in_sentence = distinct[1], distinct[0], True
            year_place = next(d for d in years if d.year == year)
        else:
            if len(distinct) == 1:
                year = distinct[0]
                year_place = years[0]
            elif not distinct and span.how in ("since", "anniversary", "after", "on from"):
                si = sentences.index(m.start())
                linked = _linked(doc, text, m.end(), s.end, si)
                if linked is None and span.how == "anniversary" and si > 0 and \
                        re.search(r"\b(?:its|their|his|her)\s+\S+\s+(?:anniversary|birthday)", text[s.start:s.end], re.I):
                    prev = sentences.spans[si - 1]
                    before = [d for d in find_dates(text, prev.start, prev.end) if d.year]
                    linked = before[0] if len({d.year for d in before}) == 1 else None
                    if linked is not None:
                        year, year_place = linked.year, linked
                elif linked is not None:
                    linked = linked.date
                    year, year_place = linked.year, linked
                if linked is None:
                    continue
            else:
                continue
            if span.how in ("after", "later", "on from") and not _NOW.search(text, s.start, s.end):
                continue
            if now is None:
                now = story_year(doc) or (0, False)
            ref_year, exact = now
            if not ref_year:
                continue
        elapsed = ref_year - year
        if elapsed < 0 or _fits(span, elapsed, exact):
            continue
        places = (Span(m.start(), m.end()), Span(year_place.start, year_place.end))
        places = tuple(sorted(places, key=lambda p: p.start))
        said = " ".join(text[m.start():m.end()].split())
        if in_sentence:
            when = f"from {year} to {ref_year} is {elapsed} years"
        elif exact:
            when = f"the story is set in {ref_year}, {elapsed} years after {year}"
        else:
            when = f"the draft already reports {ref_year}, {elapsed} years after {year}"
        flags.append(Flag("consistency", RULE, "consistency", m.start(), m.end(),
                          f"\u201c{said}\u201d does not fit the dates: {when}.", Severity.WARNING, (), places))
    return flags


def _in_dateline(doc: Document, at: int) -> bool:
    """Whether a date is the draft's own (its dateline or publication line), not a date it reports."""
    dd = draft_date(doc)
    if dd is not None and dd.exact and dd.start <= at < dd.end:
        return True
    block = doc.block_at(at)
    if block is not None:
        m = _INLINE_DATELINE.match(doc.text, block.start, block.end)
        if m and block.start <= at < m.end():
            return True
    return False


def _read(m: re.Match[str]) -> Span_ | None:
    if m.group("ord"):
        return Span_(m.start(), m.end(), float(m.group("ord")), "", m.group("how2").lower())
    raw = m.group("n") or m.group("n3")
    n = number_value(raw.replace("a hundred", "hundred").replace("one hundred", "hundred")
                     if "hundred" in raw.lower() else raw)
    if n is None or n <= 0:
        return None
    if m.group("how3"):
        if not m.group("unit3") and m.group("how3").lower() not in ("turns", "turned", "will turn"):
            return None
        return Span_(m.start(), m.end(), n, (m.group("approx3") or "").lower(), "anniversary")
    if m.group("unit").lower().startswith("decade"):
        n *= 10
    how = " ".join(m.group("how").lower().split())
    return Span_(m.start(), m.end(), n, (m.group("approx") or "").lower(), how)


def _fits(span: Span_, elapsed: int, exact: bool) -> bool:
    """Whether "N years" can be true of a span that runs from one year to another: N whole years
    lie between elapsed - 1 and elapsed (the months are not known)."""
    n, a = span.n, span.approx
    if span.how in ("anniversary", "birthday", "year"):
        lo, hi = n - 1, n + 1                    # a statement ahead of, or just after, the date
    elif a in ("nearly", "almost", "just under", "close to", "less than"):
        lo, hi = n - 1, n + 1
    elif a in ("more than", "over", "just over"):
        lo, hi = n, n + 100
    elif a in ("about", "around", "roughly", "some"):
        lo, hi = n - 1, n + 1 + (2 if n >= 20 else 0)
    else:
        lo, hi = n, n + 1
    if n % 10 == 0 and n >= 20 and a:
        lo, hi = lo - 2, hi + 2
    if not exact:
        return elapsed <= hi     # "now" is at least ref_year: only a span too short is sure to be wrong
    return lo <= elapsed <= hi


def _linked(doc: Document, text: str, start: int, end: int, sentence: int):
    """The dated event a "since ..." clause tells of: "since Russia annexed Crimea" and, elsewhere,
    "Russia annexed Crimea in 2014"."""
    clause = tokens(text, start, min(end, start + 120))
    event = None
    for t in clause[:6]:
        v = verb_lemma(t.text)
        if v:
            event = canonical(v)
            break
    if event is None:
        return None
    words = {t.lower.removesuffix("'s") for t in clause if len(t.text) > 3}
    best = None
    for d in dated_events(doc):
        if d.event != event or d.sentence == sentence:
            continue
        shared = len(words & (d.subject | d.objects))
        if shared and (best is None or shared > best[0]):
            best = (shared, d)
    return best[1] if best else None
