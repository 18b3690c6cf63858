"""The consistency check: one fact told two ways (a date, a figure, an age or span of time, a contradiction) and forms used two ways; it owns the older start-date and conflict-age rules and runs the rest from consistency_*.py."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterable

from ..core.document import Document
from ..core.flags import Flag, Severity, Span
from .base import RunContext
from .consistency_ages import age_flags, length_flags
from .consistency_facts import number_flags
from .consistency_lang import and_list as _and_list
from .consistency_time import event_date_flags
from .consistency_timeline import timeline_flags
from .consistency_terms import term_flags
from .editorial_lists import load_toml
from .editorial_text import DateMention, Quantity, SentenceIndex, find_dates, find_durations

CHECK = "consistency"


class ConsistencyCheck:
    id = CHECK
    name = "Consistency"
    categories = ("consistency",)

    def run(self, doc: Document, ctx: RunContext) -> Iterable[Flag]:
        ctx.progress.report(0.0, "Comparing dates")
        flags = start_date_flags(doc)
        flags += _not_covered(event_date_flags(doc), flags)
        ctx.progress.report(0.25, "Comparing durations and figures")
        flags += duration_flags(doc)
        flags += _not_covered(age_flags(doc) + length_flags(doc), flags)
        flags += number_flags(doc)
        flags += timeline_flags(doc)
        ctx.progress.report(0.5, "Looking for contradictions")
        flags += contradiction_flags(doc)
        ctx.progress.report(0.7, "Comparing spellings and forms")
        flags += term_flags(doc)
        return flags


def _not_covered(new: list[Flag], old: list[Flag]) -> list[Flag]:
    """New findings whose places are not already all part of an earlier finding."""
    out = []
    for f in new:
        if not any(all(any(p.overlaps(q) for q in o.places) for p in f.places) for o in old):
            out.append(f)
    return out


@lru_cache(maxsize=None)
def _config() -> dict[str, Any]:
    data = load_toml("consistency.toml")

    def words(key: str) -> str:
        return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(data[key], key=len, reverse=True))

    families = {noun.casefold(): family for family, nouns in data["event_families"].items() for noun in nouns}
    events = "|".join(re.escape(n) for n in sorted(families, key=len, reverse=True))
    return {
        "event": re.compile(rf"\b(?:{events})\b", re.IGNORECASE),
        "family": families,
        # Both are searched in the words just before a date, so they end where the date starts.
        "start": re.compile(rf"\b(?:{words('start_verbs')})\s+(?:(?:in|on|at|around|during|by|as\s+early\s+as|"
                            rf"as\s+far\s+back\s+as)\s+)?$", re.IGNORECASE),
        "ongoing": re.compile(rf"\b(?:has|have|had)\s+(?:been\s+)?(?:\w+\s+){{0,2}}?(?:{words('ongoing_words')})\b"
                              rf"[^.;!?]{{0,100}}?\bsince\s+$", re.IGNORECASE),
        "contradictions": [(c["topic"], re.compile(c["a"], re.IGNORECASE), re.compile(c["b"], re.IGNORECASE),
                            c["message"]) for c in data.get("contradiction", [])],
    }


_CLAUSE_BREAK = re.compile(r",\s+(?:and|but|while|when|as)\s+|;\s+|\s+(?:while|whereas)\s+")
_PROPER = re.compile(r"(?<![\w'\u2019.-])[A-Z][a-z]{2,}(?:[-'\u2019][A-Za-z]+)?\b")
_NOT_ENTITY = frozenset("""The This That These Those There Their They Then When While Since After
Before During Despite Although However Meanwhile According It Its His Her Our We He She Some Many Most
Both Each Such What Which Who How Yet Still Even Also""".split())


@dataclass(frozen=True)
class _Statement:
    span: Span           # the words to highlight: "began in 2014", "raging since 2018"
    value: Any           # a DateMention or a Quantity
    noun: str            # the event noun: "battle", "fighting", "conflict"
    family: str          # its family in consistency.toml: "fighting", "invasion"...
    entities: frozenset[str]
    phrase: str          # "battle for Bakhmut", for the message


def _entities(text: str, start: int, end: int, skip_first: bool = True) -> list[str]:
    words = []
    for m in _PROPER.finditer(text, start, end):
        if m.group() in _NOT_ENTITY or (skip_first and m.start() == start):
            continue
        if _config()["event"].fullmatch(m.group()):
            continue
        words.append(m.group())
    return words


def _subject_statements(doc: Document) -> list[_Statement]:
    """Statements that date the start of an event: "The fighting began in 2014"."""
    text = doc.text
    cfg = _config()
    sentences = SentenceIndex(doc)
    out: list[_Statement] = []
    for date in find_dates(text):
        i = sentences.index(date.start)
        s = sentences.spans[i]
        head = text[s.start:date.start]
        m = cfg["start"].search(head)
        if m is None or m.end() != len(head):
            m = cfg["ongoing"].search(head) if re.search(r"\bsince\s+$", head) else None
            if m is None or m.end() != len(head):
                continue
        verb_at = _verb_start(text, s.start, s.start + m.start())
        clause = s.start
        for br in _CLAUSE_BREAK.finditer(text, s.start, verb_at):
            clause = br.end()
        subject = text[clause:verb_at]
        event = cfg["event"].search(subject)
        if event is None:
            continue
        entities = _entities(text, clause + event.end(), verb_at, skip_first=False)
        phrase = event.group().lower()
        named = re.match(r"\s+(for|of|in|at|around|over)\s+(?:the\s+)?([A-Z][\w'\u2019-]+)",
                         text[clause + event.end():verb_at])
        if named:
            phrase += f" {named.group(1)} {named.group(2)}"
        if not entities:
            entities = _entities(text, s.start, s.end)
        if not entities and i > 0:
            prev = sentences.spans[i - 1]
            entities = _entities(text, prev.start, prev.end)
        noun = event.group().lower()
        out.append(_Statement(Span(s.start + m.start(), date.end), date, noun, cfg["family"][noun],
                              frozenset(entities[:1]), phrase))
    return out


def _verb_start(text: str, sentence_start: int, verb: int) -> int:
    """Where the verb group starts: back over "has been", "have", "had"."""
    before = text[sentence_start:verb]
    m = re.search(r"(?:\s+(?:has|have|had|was|were)(?:\s+been)?)?\s*$", before)
    return sentence_start + (m.start() if m else len(before))


def start_date_flags(doc: Document) -> list[Flag]:
    groups: dict[tuple[str, str], list[_Statement]] = {}
    for st in _subject_statements(doc):
        place = next(iter(st.entities)).casefold() if st.entities else ""
        # nouns of one family are one event only where they share a place: "the fighting" near
        # Bakhmut and "the battle for Bakhmut"; "the war" and "the battle for the city" are two
        groups.setdefault((st.family if place else st.noun, place), []).append(st)
    flags = []
    for group in groups.values():
        dates: list[DateMention] = [st.value for st in group]
        if all(a.compatible(b) for a in dates for b in dates):
            continue
        nouns = list(dict.fromkeys(st.noun for st in group))
        tail = next((st.phrase[len(st.noun):] for st in group if st.phrase != st.noun), "")
        label = "/".join(nouns) + tail
        stated = _and_list(list(dict.fromkeys(d.label() for d in dates)))
        places = tuple(st.span for st in group)
        flags.append(Flag(CHECK, "consistency.date", "consistency", places[0].start, places[0].end,
                          f"The start of the {label} is dated {stated}.", Severity.WARNING, (), places))
    return flags



_LOW = {"nearly": 0.75, "almost": 0.75, "under": 0.75, "just under": 0.9, "less than": 0.5,
        "fewer than": 0.5, "up to": 0.0, "as many as": 0.5}
_HIGH = {"more than": 1.5, "over": 1.5, "just over": 1.1, "well over": 2.0, "at least": 2.0}
_ROUGH = {"about", "around", "roughly", "approximately", "some", "close to", "an estimated",
          "estimated", "more or less"}


def _interval(q: Quantity, unit_days: float = 0.0) -> tuple[float, float]:
    v = q.value or 0.0
    if q.approx in _LOW:
        return v * _LOW[q.approx], v
    if q.approx in _HIGH:
        return v, v * _HIGH[q.approx]
    if q.approx in _ROUGH:
        return v * 0.85, v * 1.15
    return v, v + unit_days   # "seven years" is at least seven and less than eight


_UNIT_DAYS = {"hour": 1 / 24, "day": 1, "week": 7, "month": 30.44, "year": 365.25, "decade": 3652.5}
_AGE_FORMS = (
    # "It's been seven years since ... the conflict ..."
    re.compile(r"\bit(?:['\u2019]s|\s+has|\s+had|\s+is|\s+was)\s+(?:been\s+)?$", re.IGNORECASE),
)


def _age_statements(doc: Document) -> list[_Statement]:
    text = doc.text
    cfg = _config()
    sentences = SentenceIndex(doc)
    out = []
    for q in find_durations(text):
        if q.value is None or not sentences.spans:
            continue
        s = sentences.at(q.start)
        before = text[max(s.start, q.start - 20):q.start]
        after = text[q.end:s.end]
        what = None
        if any(f.search(before) for f in _AGE_FORMS):
            m = re.match(r"\s+since\s+", after)
            what = (q.end + m.end(), s.end) if m else None
        else:
            m = re.match(r"(?:-old)?\s+(?:of\s+|into\s+)?(?:the\s+)?", after)
            if m and q.text.count("-") and cfg["event"].match(text, q.end + m.end()):
                what = (q.end + m.end(), q.end + m.end() + 40)   # "the seven-year war"
        if what is None:
            continue
        event = cfg["event"].search(text, what[0], what[1])
        if event is None:
            continue
        entities = frozenset(_entities(text, what[0], what[1], skip_first=False))
        noun = event.group().lower()
        out.append(_Statement(Span(q.start, q.end), q, noun, cfg["family"][noun], entities, noun))
    return out


def duration_flags(doc: Document) -> list[Flag]:
    groups: dict[str, list[_Statement]] = {}
    for st in _age_statements(doc):
        groups.setdefault(st.family, []).append(st)
    flags = []
    for group in groups.values():
        noun = group[0].noun
        members = _conflicting(group, lambda st: _interval(st.value, _UNIT_DAYS.get(st.value.unit, 0)))
        if not members:
            continue
        stated = _and_list(list(dict.fromkeys(" ".join(st.value.text.split()) for st in members)))
        places = tuple(st.span for st in members)
        flags.append(Flag(CHECK, "consistency.duration", "consistency", places[0].start, places[0].end,
                          f"The {noun}'s age is given as {stated}.", Severity.WARNING, (), places))
    return flags


def _conflicting(group: list[_Statement], interval) -> list[_Statement]:
    """Members that clash with another member about the same things (shared names, or none given)."""
    clash: set[int] = set()
    for i, a in enumerate(group):
        for j in range(i + 1, len(group)):
            b = group[j]
            if a.entities and b.entities and not (a.entities & b.entities):
                continue
            lo_a, hi_a = interval(a)
            lo_b, hi_b = interval(b)
            if hi_a < lo_b or hi_b < lo_a:
                clash.update((i, j))
    return [st for k, st in enumerate(group) if k in clash]


def contradiction_flags(doc: Document) -> list[Flag]:
    text = doc.text
    flags = []
    for topic, a, b, message in _config()["contradictions"]:
        a_places = [Span(m.start(), m.end()) for m in a.finditer(text)]
        b_places = [Span(m.start(), m.end()) for m in b.finditer(text)]
        if not a_places or not b_places:
            continue
        places = tuple(sorted(a_places + b_places, key=lambda s: s.start))
        a_text, b_text = (f"\u201c{' '.join(text[p.start:p.end].split())}\u201d"
                          for p in (a_places[0], b_places[0]))
        flags.append(Flag(CHECK, "consistency.contradiction", "consistency", places[0].start,
                          places[0].end, message.format(a=a_text, b=b_text),
                          Severity.WARNING, (), places))
    return flags
