"""consistency.duration: one person's age, or one length of time, given two values in a draft.

Ages are read from the forms news copy uses ("Smith, 54,", "the 56-year-old", "Smith (54)", "aged 54")
and grouped by the person's surname; "the 56-year-old" is the person last named before it.
Lengths of time ("has served on the board for 12 years", "ten years since the plant closed") are
grouped by the lemma of the verb they measure and the words it is said of, as the figures are.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..core.document import Document
from ..core.flags import Flag, Severity, Span
from .consistency_lang import canonical, config, noun_lemma, tokens, verb_lemma
from .editorial_text import MONTHS, WORD_NUMBER, SentenceIndex, find_durations, number_value

CHECK = "consistency"
RULE = "consistency.duration"

_NAME = r"(?P<name>[A-Z][a-z'\u2019\-]+(?:\s+(?:[A-Z][a-z'\u2019\-]+|[A-Z]\.|de|da|van|von|bin|al|le))*)"
_AGE = r"(?P<age>\d{1,3})"
_AGE_FORMS = (
    re.compile(rf"{_NAME},\s+{_AGE}(?=,|\s+(?:of|from|who|said|says|was|is|has|had|and|told|died)\b)"),
    re.compile(rf"{_NAME}\s+\({_AGE}\)"),
    re.compile(rf"{_NAME},?\s+aged\s+{_AGE}\b"),
    re.compile(rf"{_NAME},\s+who\s+is\s+(?:now\s+)?{_AGE}\b(?!\s*(?:percent|%|per|[a-z]))"),
    re.compile(rf"\b(?P<age>\d{{1,3}}|{WORD_NUMBER})-year-old\s+(?:[a-z]+\s+){{0,3}}?{_NAME}"),
)
# The forms start with a name, slow to try at every capital of a novel: tried only near an age.
_AGE_ANCHOR = re.compile(r"(?=[\d-])(?:(?<![\d,.])\d{1,3}(?![\d,.]\d)|-year-old)")
_ANAPHOR = re.compile(rf"\b[Tt]he\s+(?P<age>\d{{1,3}}|{WORD_NUMBER})-year-old\b(?!\s+(?:[a-z]+\s+){{0,3}}[A-Z])")
_CHANGED = re.compile(r"\b(?:turn(?:s|ed)?|birthday|when\s+(?:he|she|they)\s+was|at\s+the\s+time|then|aged?\s+"
                      r"\d+\s+when|at\s+age)\b", re.IGNORECASE)
_NOT_NAMES = frozenset(MONTHS) | frozenset("""The A An This That In On At By For From With And But Or If
When While After Before Since During Room Chapter Page Section Article Route Flight Number No""".split())
_FULL_NAME = re.compile(r"\b[A-Z][a-z'\u2019\-]+(?:\s+[A-Z]\.)?\s+[A-Z][a-z'\u2019\-]+\b")


@dataclass(frozen=True)
class _Age:
    span: Span
    person: str
    age: int
    sentence: int


def _ages(doc: Document) -> list[_Age]:
    text = doc.text
    sentences = SentenceIndex(doc)
    out: list[_Age] = []
    if not sentences.spans or not re.search(r"\d", text):
        return out
    windows = _windows(text)
    for form in _AGE_FORMS:
        for m in (m for lo, hi in windows for m in form.finditer(text, lo, hi)):
            words = [w for w in m.group("name").split() if w not in _NOT_NAMES]
            age = number_value(m.group("age"))
            if not words or age is None or not 0 < age < 120:
                continue
            s = sentences.at(m.start())
            if _CHANGED.search(text, s.start, s.end):
                continue
            out.append(_Age(Span(m.start("age"), m.end("age")), _surname(words[-1]), int(age),
                            sentences.index(m.start())))
    for m in _ANAPHOR.finditer(text):
        age = number_value(m.group("age"))
        s = sentences.at(m.start())
        if age is None or _CHANGED.search(text, s.start, s.end):
            continue
        person = _last_person(text, out, sentences, m.start())
        if person:
            out.append(_Age(Span(m.start("age"), m.end("age")), person, int(age), sentences.index(m.start())))
    return sorted(out, key=lambda a: a.span.start)


def _windows(text: str) -> list[tuple[int, int]]:
    """Stretches of text around each number or "-year-old", merged: one scan for every form."""
    out: list[list[int]] = []
    for a in _AGE_ANCHOR.finditer(text):
        lo, hi = max(0, a.start() - 70), min(len(text), a.end() + 40)
        if out and lo <= out[-1][1]:
            out[-1][1] = hi
        else:
            out.append([lo, hi])
    return [(lo, hi) for lo, hi in out]


def _surname(word: str) -> str:
    return re.sub(r"['\u2019]s$", "", word)


def _last_person(text: str, ages: list[_Age], sentences: SentenceIndex, at: int) -> str | None:
    """Who "the 56-year-old" is: the person last named in the two sentences before it."""
    i = sentences.index(at)
    lo = sentences.spans[max(0, i - 2)].start
    names = [m for m in _FULL_NAME.finditer(text, lo, at) if m.group().split()[0] not in _NOT_NAMES]
    if names:
        return _surname(names[-1].group().split()[-1])
    earlier = [a for a in ages if a.span.start < at and a.sentence >= i - 2]
    return earlier[-1].person if earlier else None


def age_flags(doc: Document) -> list[Flag]:
    by_person: dict[str, list[_Age]] = {}
    for a in _ages(doc):
        by_person.setdefault(a.person, []).append(a)
    flags = []
    for person, ages in by_person.items():
        if len({a.age for a in ages}) < 2 or len({a.sentence for a in ages}) < 2:
            continue
        places = tuple(a.span for a in ages)
        stated = " and ".join(dict.fromkeys(str(a.age) for a in ages))
        flags.append(Flag(CHECK, RULE, "consistency", places[0].start, places[0].end,
                          f"{person}'s age is given as {stated}.", Severity.WARNING, (), places))
    return flags


@dataclass(frozen=True)
class _Length:
    span: Span
    days: float
    approx: str
    unit: str
    event: str
    words: frozenset[str]
    sentence: int


_FOR = re.compile(r"\b(?:for|over)\s+(?:the\s+(?:past|last)\s+)?$", re.IGNORECASE)
_SINCE = re.compile(r"\s+(?:since|after)\s+", re.IGNORECASE)
_SKIP = frozenset("the a an of in on at to by for from with as and or was were is are be been being has have "
                  "had its his her their our it he she they this that since after first".split())


def _lengths(doc: Document) -> list[_Length]:
    text = doc.text
    sentences = SentenceIndex(doc)
    out: list[_Length] = []
    for q in find_durations(text):
        if q.value is None or not sentences.spans or q.unit in ("hour", "day"):
            continue
        si = sentences.index(q.start)
        s = sentences.spans[si]
        since = _SINCE.match(text, q.end, s.end)
        if since:
            clause = tokens(text, since.end(), min(s.end, since.end() + 90))
            event = next((canonical(v) for v in (verb_lemma(t.text, light=False) for t in clause[:6]) if v), None)
            words = clause[:8]
        elif _FOR.search(text, max(s.start, q.start - 20), q.start):
            before = [t for t in tokens(text, s.start, q.start)][-8:]
            event = next((canonical(v) for v in (verb_lemma(t.text, light=False) for t in reversed(before)) if v),
                         None)
            words = before
        else:
            continue
        if event is None or config()["repeat"].search(text, max(s.start, q.start - 40), q.end) or \
                re.search(r"\b(?:another|more|additional|next|up\s+to|at\s+least)\b", text[max(s.start, q.start - 25):q.end], re.I):
            continue
        content = frozenset(w for w in (_content(t.text) for t in words) if w)
        out.append(_Length(Span(q.start, q.end), q.value, q.approx, q.unit, event, content, si))
    return out


def _content(word: str) -> str | None:
    w = word.lower().replace("\u2019", "'").removesuffix("'s")
    if w in _SKIP or not w.isalpha() or verb_lemma(w, light=False):
        return None
    return w if word[0].isupper() else noun_lemma(w)


_LOW = {"nearly": 0.85, "almost": 0.85, "just under": 0.9, "under": 0.8, "less than": 0.5, "close to": 0.85}
_HIGH = {"more than": 1.6, "over": 1.6, "just over": 1.15, "at least": 1.6}
_DAYS = {"week": 7, "month": 30.44, "year": 365.25, "decade": 3652.5}


def _interval(x: _Length) -> tuple[float, float]:
    v, a = x.days, x.approx
    if a in _LOW:
        return v * _LOW[a], v
    if a in _HIGH:
        return v, v * _HIGH[a]
    if a:
        return v * 0.8, v * 1.25
    return v, v + _DAYS.get(x.unit, 1) * 0.99     # "seven years" is seven and some months


def length_flags(doc: Document) -> list[Flag]:
    items = _lengths(doc)
    flags = []
    used: set[int] = set()
    for i, a in enumerate(items):
        if i in used:
            continue
        group = [a]
        for j in range(i + 1, len(items)):
            b = items[j]
            if j in used or b.event != a.event or b.sentence == a.sentence:
                continue
            shared = a.words & b.words
            if not shared or (a.words - shared and b.words - shared and len(shared) < 2):
                continue
            lo_a, hi_a = _interval(a)
            lo_b, hi_b = _interval(b)
            if hi_a < lo_b or hi_b < lo_a:
                group.append(b)
                used.add(j)
        if len(group) > 1:
            places = tuple(x.span for x in group)
            stated = " and ".join(dict.fromkeys(" ".join(doc.text[x.span.start:x.span.end].split())
                                                for x in group))
            flags.append(Flag(CHECK, RULE, "consistency", places[0].start, places[0].end,
                              f"One length of time, two values: {stated}.", Severity.WARNING, (), places))
    return flags
