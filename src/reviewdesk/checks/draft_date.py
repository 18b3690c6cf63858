"""The draft's own date: its dateline or publication line, else the newest present date it states."""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date

from ..core.document import Document

DATELINE = "dateline"          # "WASHINGTON, March 3, 2023 (Reuters) -", a line that is only a date
PUBLISHED = "published"        # "Published 12 March 2023", "Updated: ..."
STATED = "stated"              # the newest past or present date the body states
YEARS_SINCE = "years-since"    # "seven years since 2014", "the 60th anniversary of the 1963 act"

DAY, MONTH, YEAR = "day", "month", "year"


@dataclass(frozen=True, slots=True)
class DraftDate:
    """When the draft is set. `exact`: a dateline or publication line says so; otherwise the body
    only shows the draft is at least this late (the present is no earlier than what it reports)."""

    date: date            # first day of the period ("2023" -> 2023-01-01)
    precision: str        # DAY, MONTH or YEAR
    source: str           # DATELINE, PUBLISHED, STATED or YEARS_SINCE
    start: int            # where the evidence is in the text
    end: int
    text: str = ""        # the evidence as written

    @property
    def exact(self) -> bool:
        return self.source in (DATELINE, PUBLISHED)

    @property
    def last(self) -> date:
        """Last day of the period the date names."""
        d = self.date
        if self.precision == YEAR:
            return date(d.year, 12, 31)
        if self.precision == MONTH:
            return date(d.year, d.month, calendar.monthrange(d.year, d.month)[1])
        return d

    def describe(self) -> str:
        """How a message names it: "12 March 2023", "March 2023", "2023"."""
        d = self.date
        if self.precision == DAY:
            return f"{d.day} {calendar.month_name[d.month]} {d.year}"
        if self.precision == MONTH:
            return f"{calendar.month_name[d.month]} {d.year}"
        return str(d.year)


_MONTHS = {name.lower(): n for n, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): n for n, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|" \
         r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)"
_YEAR = r"(?:1[6-9]|20)\d{2}"
_WEEKDAY = r"(?:(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?,?\s+)"
# A full or partial calendar date, with named groups; the year may be missing ("Feb 1").
_DATE = (rf"(?:(?P<iso>{_YEAR})-(?P<isom>[01]\d)-(?P<isod>[0-3]\d)"
         rf"|(?P<m1>{_MONTH})\s+(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?(?:,?\s+(?P<y1>{_YEAR}))?"
         rf"|(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?\s+(?P<m2>{_MONTH})(?:,?\s+(?P<y2>{_YEAR}))?"
         rf"|(?P<m3>{_MONTH})(?:\s+of)?\s+(?P<y3>{_YEAR}))(?![\w-])")
_DATE_RE = re.compile(_DATE)

_PUBLISHED = re.compile(rf"(?im)^[ \t]*(?:By\b[^\n|]{{1,60}}[|,\u2022\u00b7]\s*)?"
                        rf"(?P<kind>(?:first\s+)?published|updated|last\s+(?:updated|modified)|posted|"
                        rf"date)?(?:\s+on)?:?\s*(?:[\d:.]+\s*(?:[AP]\.?M\.?)?\s*[A-Z]{{2,4}},?\s+)?"
                        rf"{_WEEKDAY}?{_DATE}")
# "WASHINGTON, Feb 1 (Reuters) -", "KYIV, Ukraine, 3 March 2023 -", "March 3, 2023 -": matched where one
# of the first paragraphs starts.
_DATELINE = re.compile(rf"(?:[A-Z][A-Z.'\- ]+(?:,\s*[A-Z][\w.]+(?:\s[A-Z][\w.]+)*)?,\s*)?{_WEEKDAY}?"
                       rf"{_DATE}\s*(?:\([^)\n]{{1,30}}\)\s*)?[-\u2013\u2014]")

# Words that make a stated year a plan, not a report of the present or past ("may" only in lower
# case: the month is not a plan).
_FUTURE = re.compile(r"\b(?:(?i:will|shall|plans?|planned|planning|expects?|expected|scheduled|set\s+to|"
                     r"aims?|aiming|targets?|goal|forecasts?|projected|projections?|upcoming|next|"
                     r"going\s+to|intends?|could|might|would|hopes?|ahead|fiscal|FY|budget|proposed|"
                     r"pledged?|promised?|vow(?:ed|s)?|deadline|takes?\s+effect|come\s+into\s+force|intent|"
                     r"intention|commit(?:ment|ted)?|agreed|agreement\s+to)|may)\b")
# Words right before the year that make it a limit still ahead: "by 2030", "until the end of 2027".
_FUTURE_LIMIT = re.compile(r"\b(?:by|until|till|through|before|ahead\s+of)\s+(?:the\s+(?:end|start|middle)\s+"
                           r"of\s+|(?:early|late|mid)[\s-]+)?$", re.IGNORECASE)
_PAST = re.compile(r"\b(?:was|were|had|did|said|told|been|ago|earlier|last|since|\w{3,}ed|met|went|came|"
                   r"took|gave|made|held|began|spent|won|lost|left|saw|rose|fell|paid|sent|hit|put|cut|"
                   r"led|ran|sold|wrote|spoke|chose|became|brought|bought|found|kept|grew|knew|drew|"
                   r"struck|fought|caught|flew|stood|built|broke|meant|heard|felt|read|fled|shot)\b",
                   re.IGNORECASE)
_YEAR_IN_TIME = re.compile(rf"\b(?P<prep>in|since|during|of|early|late|mid|throughout|after|spring|"
                           rf"summer|autumn|fall|winter|end\s+of|start\s+of|beginning\s+of)[\s-]+"
                           rf"(?:(?:early|late|mid)[\s-]+)?(?P<y>{_YEAR})(?![\w-]|,\d)", re.IGNORECASE)

_NUMBER_WORDS = {w: n for n, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty".split())}
_NUMBER_WORDS.update({"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
                      "ninety": 90, "a hundred": 100, "one hundred": 100})
_COUNT = r"(?P<n>\d{1,3}|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")"
_YEARS_SINCE = re.compile(rf"\b(?P<about>nearly\s+|almost\s+|about\s+|around\s+|roughly\s+)?{_COUNT}"
                          rf"\s+years\s+(?:since|after)\s+(?P<what>[^.;:!?\n]{{3,120}})", re.IGNORECASE)
_ORDINAL = re.compile(r"\b(?P<n>\d{1,3})(?:st|nd|rd|th)\s+(?P<kind>anniversary|birthday)\s+of\s+"
                      r"(?P<what>[^.;:!?\n]{3,120})", re.IGNORECASE)
_CLAUSE_END = re.compile(r",|;|\s(?:that|which|who|when|where|while|and\s+[a-z]+ed)\s")
_STOP = frozenset("""between the a an of in on at to for and or by with from that this its it their his her
since after was were is are has have had been be which who what when where""".split())
_CONTENT = re.compile(r"[A-Za-z][\w'\u2019-]{2,}")


def draft_date(doc: Document, *, arithmetic: bool = True) -> DraftDate | None:
    """The date the draft is set at, or None when it states none. Cached on the document.

    arithmetic=False leaves out what the draft's own "N years since ..." sums imply: a check of
    those sums compares them with this date and must not be handed one of them as the answer."""
    key = "_draft_date" if arithmetic else "_draft_date_stated"
    cached = doc.__dict__.get(key, _MISSING)
    if cached is _MISSING:
        cached = _find(doc, arithmetic)
        doc.__dict__[key] = cached   # a frozen dataclass: its cached properties live here too
    return cached


_MISSING = object()


def _find(doc: Document, arithmetic: bool) -> DraftDate | None:
    text = doc.text
    stated = _stated(doc)
    found = _publication(text, stated)
    if found is None:
        candidates = [c for c in (stated, _years_since(doc) if arithmetic else None) if c is not None]
        found = max(candidates, key=lambda c: (c.date, c.source == YEARS_SINCE)) if candidates else None
    if found is None:
        return None
    if found.exact:
        evidence = text[found.start:found.end]
    else:
        sentence = doc.sentence_at(found.start)
        evidence = text[sentence.start:max(sentence.end, found.end)] if sentence else text[found.start:found.end]
    return replace(found, text=" ".join(evidence.split()))


def _from_match(m: re.Match[str], fallback_year: int | None) -> tuple[date, str] | None:
    g = m.groupdict()
    try:
        if g.get("iso"):
            return date(int(g["iso"]), int(g["isom"]), int(g["isod"])), DAY
        if g.get("m3"):
            return date(int(g["y3"]), _MONTHS[g["m3"].rstrip(".").lower()], 1), MONTH
        month = g.get("m1") or g.get("m2")
        day = g.get("d1") or g.get("d2")
        year = g.get("y1") or g.get("y2")
        if month and day:
            year_n = int(year) if year else fallback_year
            if year_n is None:
                return None
            return date(year_n, _MONTHS[month.rstrip(".").lower()], int(day)), DAY
    except (ValueError, KeyError):
        return None
    return None


def _publication(text: str, stated: DraftDate | None) -> DraftDate | None:
    """A publication line anywhere, or a dateline opening one of the first paragraphs."""
    fallback = stated.date.year if stated else None
    best: tuple[int, DraftDate] | None = None
    for m in _PUBLISHED.finditer(text):
        kind = (m.group("kind") or "").lower()
        line_end = text.find("\n", m.end())
        rest = text[m.end():len(text) if line_end < 0 else line_end]
        if not kind and rest.strip(" \t,.:;0-9APMGTUCESDT") != "":
            continue  # a date opening a sentence, not a date line
        parsed = _from_match(m, None)
        if parsed is None:
            continue
        rank = 0 if "published" in kind or kind in ("posted", "date") else 1 if kind else 2
        byline = m.group().lstrip().startswith("By")
        dd = DraftDate(parsed[0], parsed[1], PUBLISHED if kind or byline else DATELINE, m.start(), m.end())
        if best is None or rank < best[0]:
            best = (rank, dd)
    if best is not None:
        return best[1]
    for m in _para_starts(text, 6):
        d = _DATELINE.match(text, m)
        if d is None:
            continue
        has_year = any(d.group(k) for k in ("iso", "y1", "y2", "y3"))
        parsed = _from_match(d, fallback)
        if parsed is None:
            continue
        # Without a year the dateline gives the day; the year is only the newest the body states.
        return DraftDate(parsed[0], parsed[1], DATELINE if has_year else STATED, d.start(), d.end())
    return None


def _para_starts(text: str, limit: int):
    out = [0]
    for m in re.finditer(r"\n\s*\n\s*", text):
        if len(out) >= limit:
            break
        out.append(m.end())
    while out and out[0] < len(text) and text[out[0]].isspace():
        out[0] += 1
    return out


def _stated(doc: Document) -> DraftDate | None:
    """The newest date the body reports as past or present (plans and forecasts left out)."""
    text = doc.text
    by_year: dict[int, list[int]] = {}
    for m in _YEAR_ANYWHERE.finditer(text):
        by_year.setdefault(int(m.group()), []).append(m.start())
    # Newest year first: the first year that has a reported mention wins, so most text is never read.
    for year in sorted(by_year, reverse=True):
        best: DraftDate | None = None
        done: set[int] = set()
        for offset in by_year[year]:
            s = doc.sentence_at(offset)
            if s is None or s.start in done:
                continue
            done.add(s.start)
            for cand in _reported_dates(text, s.start, s.end):
                if cand.date.year == year and (best is None or cand.date > best.date):
                    best = cand
        if best is not None:
            return best
    return None


_YEAR_ANYWHERE = re.compile(rf"(?<!\d){_YEAR}(?!\d)")


def _reported_dates(text: str, start: int, end: int) -> list[DraftDate]:
    sentence = text[start:end]
    past = _PAST.search(sentence) is not None
    out = []
    for m in _DATE_RE.finditer(sentence):
        parsed = _from_match(m, None)
        # A day is reported more often than planned; a bare month or year needs a past verb.
        if parsed is None or not _reported(sentence, m.start(), m.end(), past or parsed[1] == DAY):
            continue
        if parsed[0] > date.today():
            continue   # a draft reports nothing later than the day it is read: a plan
        out.append(DraftDate(parsed[0], parsed[1], STATED, start + m.start(), start + m.end()))
    for m in _YEAR_IN_TIME.finditer(sentence):
        prep = m.group("prep").lower()
        if prep == "since" or _reported(sentence, m.start("y"), m.end("y"), past):
            y = int(m.group("y"))
            if y > date.today().year:
                continue
            out.append(DraftDate(date(y, 1, 1), YEAR, STATED, start + m.start("y"), start + m.end("y")))
    return out


def _reported(sentence: str, start: int, end: int, past: bool) -> bool:
    """A date in a sentence about the past or present, not inside a plan or a forecast."""
    # Commas do not end the clause: "intent to negotiate a Science, Technology, and ... in 2022".
    clause_start = max(sentence.rfind(c, 0, start) for c in ";(\u2014") + 1
    before = sentence[max(clause_start, start - 90):start]
    after = sentence[end:end + 25]
    if _FUTURE.search(before) or _FUTURE_LIMIT.search(before) or _PLAN_AFTER.match(after):
        return False
    return past


_PLAN_AFTER = re.compile(r"\s*(?:will|would|is\s+expected|budget|fiscal|target|goal|deadline)\b", re.IGNORECASE)


def _years_since(doc: Document) -> DraftDate | None:
    """'Seven years since Russia annexed Crimea' with the annexation dated 2014 elsewhere: 2021."""
    text = doc.text
    found: list[DraftDate] = []
    for regex in (_YEARS_SINCE, _ORDINAL):
        for m in regex.finditer(text):
            raw = m.group("n").lower()
            n = int(raw) if raw.isdigit() else _NUMBER_WORDS.get(raw)
            if not n or n > 400:
                continue
            what = _CLAUSE_END.split(m.group("what"), 1)[0]
            year = _year_in(what) or _linked_year(doc, what, m.start(), m.groupdict().get("kind"))
            # A draft is not set after the day it is read; a link that says so linked the wrong year.
            if m.groupdict().get("about"):
                n -= 1   # "nearly five years since 2020" may be read in 2024
            if year is None or year + n > date.today().year + 1:
                continue
            found.append(DraftDate(date(year + n, 1, 1), YEAR, YEARS_SINCE, m.start(), m.end()))
    # A draft whose arithmetic disagrees with itself is trusted for the earliest present it implies.
    return min(found, key=lambda c: c.date) if found else None


def _year_in(passage: str) -> int | None:
    years = {int(y) for y in re.findall(rf"(?<![\w$\u00a3\u20ac,.-]){_YEAR}(?![\w%-])", passage)}
    return years.pop() if len(years) == 1 else None


def _key(word: str) -> str:
    return word.lower().replace("\u2019", "'").removesuffix("'s")[:5]


def _dated_sentences(doc: Document) -> list[tuple[int, int, int, frozenset[str]]]:
    """(start, end, year, content keys) of every sentence that states exactly one year; built once."""
    cached = doc.__dict__.get("_dated_sentences")
    if cached is None:
        text = doc.text
        cached = []
        for s in doc.sentences:
            sentence = text[s.start:s.end]
            if re.search(r"\b(?:anniversary|birthday)\b", sentence, re.IGNORECASE):
                continue  # another telling of the anniversary, not of the event
            year = _year_in(sentence)
            if year is not None:
                keys = frozenset(_key(w) for w in _CONTENT.findall(sentence))
                cached.append((s.start, s.end, year, keys))
        doc.__dict__["_dated_sentences"] = cached
    return cached


def _linked_year(doc: Document, what: str, at: int, kind: str | None) -> int | None:
    """The year of the one sentence elsewhere that best tells of the same event (two or more
    content words shared, and more than any other dated sentence shares)."""
    wanted = {_key(w) for w in _CONTENT.findall(what) if w.lower() not in _STOP}
    if len(wanted) < 2:
        return None
    birthday = bool(kind) and kind.lower() == "birthday"
    scores: dict[int, int] = {}
    for start, end, year, keys in _dated_sentences(doc):
        if start <= at < end or (birthday and "born" not in keys):
            continue
        shared = len(wanted & keys)
        if shared >= 2:
            scores[year] = max(scores.get(year, 0), shared)
    if not scores:
        return None
    ranked = sorted(scores.items(), key=lambda kv: -kv[1])
    if len(ranked) > 1 and ranked[1][1] == ranked[0][1]:
        return None
    return ranked[0][0]
