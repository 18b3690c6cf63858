"""Wrong-era officials: a titled name the draft's own date puts outside that person's term."""
from __future__ import annotations

import bisect
import calendar
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from ..core.document import Document
from ..core.flags import Flag, Severity, Span
from .draft_date import DraftDate, draft_date
from .editorial_lists import load_toml

RULE = "sourcing.out-of-office"
CHECK = "sourcing"
TABLE = "officeholders.toml"

# Words before a title that say the writer knows the term is over, or not begun.
_NOT_SITTING = re.compile(r"\b(?:former|ex|then|late|onetime|one-time|erstwhile|previous|past|retired|"
                          r"outgoing|incoming|future|would-be|soon-to-be|eventual|under|during)\b|\bex-|\bthen-|"
                          # An act of the term names its holder as they were: "a judge appointed by
                          # President Barack Obama", "an aide to Prime Minister Theresa May".
                          r"\b(?:appointed|nominated|named|chosen|picked|tapped|confirmed|hired|fired|"
                          r"dismissed|ousted|replaced|signed|vetoed|pardoned|commissioned|ordered)\s+by\b|"
                          r"\b(?:adviser|advisor|aide|counsel|deputy|spokesman|spokeswoman|envoy)\s+to\b|"
                          r"\b(?:served|worked)\s+(?:as|under|for|with)\b", re.IGNORECASE)
_AFTER_TITLE = re.compile(r"\s*-?\s*(?:elect|designate|nominee|in-waiting|pick)\b", re.IGNORECASE)
# After the name: the person is gone, or their term is over ("X's funeral", "X, who resigned").
# One such mention shows the draft knows, so it clears every mention of them.
_GONE_AFTER = re.compile(r"(?:['\u2019]s?\s+(?:death|funeral|assassination|legacy|birthday|passing|memory|"
                         r"memorial|widow|widower|resignation|ouster)\b|,?\s+who\s+(?:died|served|had\s+been|"
                         r"was\s+then|reigned|ruled|led|resigned|stepped\s+down|left\s+office|was\s+(?:killed|"
                         r"assassinated|ousted|removed|succeeded))\b|\s+(?:died|was\s+assassinated|served\s+as)\b)",
                         re.IGNORECASE)
# After the name: this mention names an era ("President Obama's administration"), not a sitting holder.
_ERA_AFTER = re.compile(r"['\u2019]s?\s+(?:administration|presidency|tenure|term|era|government|cabinet|"
                        r"years|premiership|reign)\b", re.IGNORECASE)
_YEARS_AGO = re.compile(r"\b(?P<n>\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|"
                        r"forty|fifty|sixty|seventy|eighty|ninety)\s+years\s+ago\b", re.IGNORECASE)
_AGO_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
              "nine": 9, "ten": 10, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
              "seventy": 70, "eighty": 80, "ninety": 90}
_YEAR = re.compile(r"(?<![\w$\u00a3\u20ac,.])(?:1[6-9]|20)\d{2}(?![\w%])")
_NATIONALITY = r"(?:(?:the\s+)?(?:[A-Z]{2,5}|(?:[A-Z]\.){2,}|[A-Z][a-z]+(?:ian|ean|ese|ish|an|ch|i))\s+)?"
_OTHER_OFFICE = re.compile(r"\b(?:vice|deputy|under|assistant|associate|shadow|junior|principal|press|"
                           r"sub|lieutenant)[\s-]*$", re.IGNORECASE)
_HONORIFIC = re.compile(r"(?<![\w.])(?:Dr|Sir|Dame|Lord|Lady|Baroness|Gen|Adm|Prof)\.?[ \t]+$")
_CAP_BEFORE = re.compile(r"([A-Z][\w.\-]*)\s+$")
_WORD_BEFORE = re.compile(r"([\w\-]+)\s*,?\s+$")
_NATION = re.compile(r"[A-Z]{2,5}|(?:[A-Z]\.){2,}|[A-Z][a-z]+(?:ian|ean|ese|ish|an|ch|i)")
_OPENERS = frozenset("""The A An And But Or So Then When While As After Before Since If In On At By For
With From Under During According Meanwhile Later Earlier Today Yesterday Now Also""".split())
_CAP_WORD = re.compile(r"[A-Z\u00c0-\u00de][\w'\u2019\-]*")


@dataclass(frozen=True)
class Term:
    start: date
    start_precision: str      # "day", "month" or "year"
    end: date | None          # None: no end recorded (sitting, or not known to us)
    end_precision: str


@dataclass(frozen=True, eq=False)   # one object per row group: hashed by identity, fast
class Holding:
    """One person in one office, with every term they served in it."""

    office: str               # "US Secretary of Defense"
    name: str                 # "Mark Esper"
    terms: tuple[Term, ...]
    title_re: re.Pattern[str]  # a title of the office, ending where the name begins
    after_re: re.Pattern[str]  # ", the defense secretary" after the name
    title_ends: frozenset[str]  # last words of the titles, lower case: a cheap test before title_re
    title_span: int            # characters the longest title can take
    lower_titles: frozenset[str]  # one-word titles the table writes in lower case ("premier")


@dataclass(frozen=True)
class Table:
    history_years: int
    by_key: dict[str, tuple[tuple[str, Holding, bool], ...]]  # last word -> (name form, holding, full)


def _parse_date(value) -> tuple[date, str]:
    if isinstance(value, date):
        return value, "day"
    parts = [int(p) for p in str(value).split("-")]
    if len(parts) == 3:
        return date(*parts), "day"
    if len(parts) == 2:
        return date(parts[0], parts[1], 1), "month"
    return date(parts[0], 1, 1), "year"


def _last_day(d: date, precision: str) -> date:
    if precision == "year":
        return date(d.year, 12, 31)
    if precision == "month":
        return date(d.year, d.month, calendar.monthrange(d.year, d.month)[1])
    return d


def _alternation(words) -> str:
    ordered = sorted({w.strip() for w in words if w.strip()}, key=len, reverse=True)
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered) + ")"


@lru_cache(maxsize=None)
def load_table(name: str = TABLE) -> Table:
    data = load_toml(name)
    by_key: dict[str, list] = {}
    for office in data.get("office", []):
        titles = _alternation(office["titles"])
        title_re = re.compile(rf"(?<![\w\-]){titles}\s*,?\s+$", re.IGNORECASE)
        # After the name only a title of two or more words: ", the secretary of the club" is not one.
        long_titles = _alternation(t for t in office["titles"] if " " in t.strip() or "-" in t)
        after_re = re.compile(rf",\s+{_NATIONALITY}{long_titles}(?=\s*(?:[,.;:)\u2014]|and\b|said\b|"
                              rf"says\b|told\b))", re.IGNORECASE)
        ends = frozenset(t.split()[-1].lower() for t in office["titles"])
        span = max(len(t) for t in office["titles"]) + 6
        lower = frozenset(t for t in office["titles"] if " " not in t and t[:1].islower())
        people: dict[str, dict] = {}
        for row in office.get("holders", []):
            person = people.setdefault(row["name"], {"forms": set(), "surnames": set(), "terms": []})
            person["forms"].update([row["name"], *row.get("also", [])])
            surnames = row.get("surname", [])
            person["surnames"].update([surnames] if isinstance(surnames, str) else surnames)
            start, sp = _parse_date(row["start"])
            end, ep = _parse_date(row["end"]) if row.get("end") else (None, "day")
            person["terms"].append(Term(start, sp, end, ep))
        for person_name, person in people.items():
            holding = Holding(office["office"], person_name, tuple(sorted(person["terms"], key=lambda t: t.start)),
                              title_re, after_re, ends, span, lower)
            surnames = person["surnames"] or {f.split()[-1] for f in person["forms"]}
            for form, full in [*((f, True) for f in person["forms"]), *((s, False) for s in surnames)]:
                # A token never ends in a full stop: "Biden Jr." is found as "Biden Jr".
                form = " ".join(form.split()).rstrip(".")
                by_key.setdefault(form.split()[-1], []).append((form, holding, full))
    return Table(int(data.get("history_after_years", 20)),
                 {k: tuple(sorted(v, key=lambda x: -len(x[0]))) for k, v in by_key.items()})


@dataclass(frozen=True)
class _Mention:
    start: int      # the title's start
    end: int        # the name's end
    name_start: int


def officeholder_flags(doc: Document, table: Table | None = None) -> list[Flag]:
    """Flags for officials named with a title they did not hold at the draft's date."""
    when = draft_date(doc)
    if when is None:
        return []
    table = table or load_table()
    text = doc.text
    mentions: dict[Holding, list[_Mention]] = {}
    named: dict[Holding, list[tuple[int, int]]] = {}   # every place the person is named
    verdicts: dict[Holding, str | None] = {}
    for token in _CAP_WORD.finditer(text):
        word = token.group().removesuffix("\u2019s").removesuffix("'s")
        candidates = table.by_key.get(word)
        if not candidates:
            continue
        end = token.start() + len(word)
        seen: set[Holding] = set()
        at_token: list[tuple[Holding, int, bool]] = []
        for form, holding, full in candidates:
            if holding in seen:
                continue
            start = end - len(form)
            if not _ends_with(text, form, start, end):
                continue
            seen.add(holding)
            named.setdefault(holding, []).append((start, end))
            if holding not in verdicts:
                verdicts[holding] = _verdict(holding, when, table.history_years)
            at_token.append((holding, start, full))
        # Titles are read only where someone here is out of office at the draft's date (most are not).
        if not any(verdicts[h] for h, _, _ in at_token):
            continue
        found = []
        for holding, start, full in at_token:
            mention = _titled(text, holding, start, end, full)
            if mention is not None and not doc.in_quote(mention.start, mention.end):
                found.append((holding, mention, full))
        offices = [h.office for h, _, full in found if not full]
        for holding, mention, full in found:
            # "President Bush", "Premier Li": a surname two holders of the office share names neither.
            if verdicts[holding] and (full or offices.count(holding.office) == 1):
                mentions.setdefault(holding, []).append(mention)
    flags = []
    for holding, found in mentions.items():
        live = [mn for mn in found if _as_sitting(text, mn)]
        if not live or _placed_in_term(doc, holding, named.get(holding, []), when):
            continue
        flags.append(Flag(CHECK, RULE, "sourcing", live[0].start, live[0].end, verdicts[holding],
                          Severity.WARNING, (), tuple(Span(mn.start, mn.end) for mn in live)))
    return flags


def _ends_with(text: str, form: str, start: int, end: int) -> bool:
    """The name form ends at `end` and starts a word ("Mark Esper", not "Clark Esper")."""
    if start < 0:
        return False
    if not text.startswith(form, start, end):
        piece = text[start:end]
        if "\n" not in piece or piece.replace("\n", " ") != form:
            return False
    return start == 0 or not (text[start - 1].isalnum() or text[start - 1] in "'\u2019.-")


def _titled(text: str, holding: Holding, name_start: int, name_end: int, full: bool) -> _Mention | None:
    """The mention with its title, when a title of the office comes just before the name (or, for
    a full name, in an apposition just after: "Mark Esper, the defense secretary,")."""
    if not full and text[max(0, name_start - 1):name_start] not in (" ", "\n", "\t", ","):
        return None
    honorific = _HONORIFIC.search(text, max(0, name_start - 12), name_start)
    if honorific is not None:   # "NIAID Director Dr. Anthony Fauci"
        name_start = honorific.start()
    word = _WORD_BEFORE.search(text, max(0, name_start - 30), name_start)
    m = None
    if word is not None and word.group(1).lower() in holding.title_ends:
        m = holding.title_re.search(text, max(0, name_start - holding.title_span), name_start)
    if m is not None:
        if _OTHER_OFFICE.search(text, max(0, m.start() - 20), m.start()):
            return None   # "Vice President", "Deputy Secretary of State", "Shadow Chancellor"
        word = m.group().strip(" ,\n\t")
        if " " not in word and word[:1].islower() and word not in holding.lower_titles:
            return None   # "keynote speaker Paul Ryan", "the club's president": a common noun
        if " " not in word:
            # A one-word title after another title word names another post: "Army Secretary".
            before = _CAP_BEFORE.search(text, max(0, m.start() - 30), m.start())
            if before and not _NATION.fullmatch(before.group(1)) and before.group(1) not in _OPENERS:
                return None
        return _Mention(_title_start(text, m.start()), name_end, name_start)
    if full:
        a = holding.after_re.match(text, name_end)
        if a is not None and not _NOT_SITTING.search(a.group()):
            return _Mention(name_start, a.end(), name_start)
    return None


# One word of a title, never across a sentence end or a line: "U.S." yes, "Jordan." no.
_TITLE_WORD = re.compile(r"(?<![\w.])(?:[A-Z][\w'\u2019\-]*|(?:[A-Z]\.){2,}|of|for|at|on|the|and)[ \t]+$")


def _title_start(text: str, start: int) -> int:
    """Where the whole title begins: "US Ambassador at Large for" before "Ukraine Negotiations"."""
    best = start
    for _ in range(8):
        m = _TITLE_WORD.search(text, max(0, start - 30), start)
        if m is None:
            break
        if m.group().strip() in _OPENERS:
            break
        start = m.start()
        if m.group()[:1].isupper():
            best = start
    return best


def _as_sitting(text: str, mention: _Mention) -> bool:
    """False when the words around the mention already say the person is no longer (or not yet) in office."""
    lo = max(0, mention.start - 45)
    line_start = max(text.rfind(c, lo, mention.start) for c in ".;:!?\n\u201c\"(") + 1
    before = text[max(line_start, lo):mention.start]
    if _NOT_SITTING.search(before):
        return False
    title = text[mention.start:mention.name_start]
    if _NOT_SITTING.search(title) or _AFTER_TITLE.search(title):
        return False
    return _GONE_AFTER.match(text, mention.end) is None and _ERA_AFTER.match(text, mention.end) is None


def _placed_in_term(doc: Document, holding: Holding, places: list[tuple[int, int]], when: DraftDate) -> bool:
    """True when the draft dates any mention of the person inside their term (the same sentence or
    the one before it in its paragraph states such a year, or "sixty years ago"): it is history."""
    text = doc.text
    offsets, years = _years(doc, when)
    for offset, name_end in places:
        block = doc.block_at(offset)
        sentence = doc.sentence_at(offset)
        if block is None or sentence is None:
            continue
        if _GONE_AFTER.match(text, name_end) or _LATE.search(text, max(block.start, offset - 60), offset):
            return True
        previous = doc.sentence_at(sentence.start - 1) if sentence.start > block.start else None
        lo = bisect.bisect_left(offsets, max(block.start, previous.start if previous else sentence.start))
        hi = bisect.bisect_left(offsets, sentence.end)
        if any(_year_in_terms(y, holding.terms) for y in years[lo:hi]):
            return True
    return False


_LATE = re.compile(r"\b(?:the\s+)?late\s+(?:\S+\s+){0,5}$", re.IGNORECASE)


def _years(doc: Document, when: DraftDate) -> tuple[list[int], list[int]]:
    """Offsets and values of the past years the draft states ("sixty years ago" counted back from
    its date), leaving out the date it is compared with ("OTTAWA, April 2, 2025"); built once."""
    held = doc.__dict__.get("_officeholder_years")
    cached = held[1] if held is not None and held[0] == when else None
    if cached is None:
        text = doc.text
        # A year after the draft's own is a plan ("will return in 2023"), not a time of the mention.
        found = [(m.start(), int(m.group())) for m in _YEAR.finditer(text)
                 if not when.start <= m.start() < when.end and int(m.group()) <= when.last.year]
        for m in _YEARS_AGO.finditer(text):
            n = m.group("n").lower()
            found.append((m.start(), when.date.year - (int(n) if n.isdigit() else _AGO_WORDS[n])))
        found.sort()
        cached = ([o for o, _ in found], [y for _, y in found])
        doc.__dict__["_officeholder_years"] = (when, cached)
    return cached


def _year_in_terms(year: int, terms: tuple[Term, ...]) -> bool:
    return any(t.start.year <= year <= (t.end.year if t.end else 9999) for t in terms)


def _verdict(holding: Holding, when: DraftDate, history_years: int) -> str | None:
    """The message when no term covers the draft's date, else None."""
    lo = when.date
    hi = when.last if when.exact else date.max
    for t in holding.terms:
        t_end = _last_day(t.end, t.end_precision) if t.end else date.max
        if t.start <= hi and t_end >= lo:
            return None
    past = [t for t in holding.terms if t.end and _last_day(t.end, t.end_precision) < lo]
    later = [t for t in holding.terms if t.start > hi]
    dated = f"this draft is dated {when.describe()}" if when.exact else (
        f"this draft is set in {when.describe()} or later ({_evidence(when)})")
    if later:   # only an exact date has an end (hi), so only then is anyone "not yet" in office
        if not past:
            first = min(t.start for t in later)
            return f"{holding.name} became {holding.office} only in {_month_year(first, 'month')}; {dated}."
        return f"{holding.name} was {holding.office} {_spans(holding.terms)}; {dated}."
    if past:
        last = max(t.end for t in past)
        # Someone a generation out of office is written about as history, not with a stale title.
        if lo.year - last.year > history_years:
            return None
        return f"{holding.name} was {holding.office} {_spans(holding.terms)}; {dated}."
    return None


def _evidence(when: DraftDate) -> str:
    words = when.text.split()
    quoted = " ".join(words[:8]) + ("\u2026" if len(words) > 8 else "")
    return f"it says \u201c{quoted}\u201d"


def _month_year(d: date, precision: str) -> str:
    if precision == "year":
        return str(d.year)
    return f"{calendar.month_name[d.month]} {d.year}"


def _spans(terms: tuple[Term, ...]) -> str:
    parts = []
    for t in terms:
        start = _month_year(t.start, t.start_precision)
        parts.append(f"from {start} to {_month_year(t.end, t.end_precision)}" if t.end else f"from {start}")
    return " and ".join(parts)
