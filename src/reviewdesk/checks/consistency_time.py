"""consistency.date and consistency.timeline: one event dated two ways, and spans of time that do not
fit the years the draft gives or its own date.

An event is what a date is attached to: the lemma of its verb ("was founded in 1998" -> found) or
of its noun ("since its founding in 2001" -> found, "the law's passage" -> pass), with the subject
it is said of (a noun, names, or a pronoun read against the sentences around it).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..core.document import Document
from ..core.flags import Flag, Severity, Span
from .consistency_lang import (Token, and_list as _and_list, canonical, clash_groups, clause_bounds, config,
                               event_lemma, noun_lemma, tokens, verb_form, verb_lemma)
from .editorial_text import DateMention, SentenceIndex, find_dates

CHECK = "consistency"

_PRONOUNS = frozenset("it its he his she her they their them this which who that".split())
_SKIP = frozenset("""the a an of in on at during to by for from with as and or was were is are be been
being has have had its his her their our first officially formally finally also only just since when
after before although though because while if once until where whereas now today then""".split()) | {
    m.lower() for m in ("January February March April May June July August September October November "
                        "December").split()}
_RANGE_BEFORE = re.compile(r"(?:\b(?:from|between|through|until|till|by|before|after|to|and|or|than|"
                           r"around|circa|about|since\s+at\s+least)|[-\u2013/])\s*$", re.IGNORECASE)
_RANGE_AFTER = re.compile(r"^\s*(?:[-\u2013/]|to\b|and\b|or\b|through\b|until\b)\s*(?:\w+\s+)?\d", re.IGNORECASE)


@dataclass(frozen=True)
class Dated:
    span: Span                 # the words to show: "founded in 1998", "its founding in 2001"
    date: DateMention
    event: str                 # canonical lemma: "found", "open", "elect"
    subject: frozenset[str]    # lower-case words of what it is said of: {"riverside", "bank"}
    context: frozenset[str]    # words of its sentence and the one before, to read a pronoun against
    pronoun: bool              # said of "it", "its", "he": the subject is in the context
    objects: frozenset[str]
    sentence: int
    modifier: bool             # "the 2019 law": a name for a thing rather than a statement


def dated_events(doc: Document) -> list[Dated]:
    cached = doc.__dict__.get("_consistency_dated")
    if cached is not None:
        return cached
    text = doc.text
    sentences = SentenceIndex(doc)
    out: list[Dated] = []
    for d in find_dates(text):
        if not sentences.spans or d.year is None:
            continue
        si = sentences.index(d.start)
        s = sentences.spans[si]
        lo, hi = clause_bounds(text, s.start, s.end, d.start)
        before_text = text[max(lo, d.start - 30):d.start]
        if _RANGE_BEFORE.search(before_text) or _RANGE_AFTER.match(text[d.end:d.end + 16]):
            continue
        found = _event_of(text, d, lo, hi)
        if found is None:
            continue
        event, at, subj_lo, subj_hi, modifier, obj_lo, obj_hi = found
        if config()["repeat"].search(text, max(lo, at - 22), max(min(hi, at + 14), d.start)):
            continue
        if subj_lo == lo and re.search(r",\s+(?:which|who)\s+$", text[max(s.start, lo - 10):lo]):
            subj_lo = s.start    # "The study, which began in 2011": the study began
        subj_tokens = tokens(text, subj_lo, subj_hi)
        if subj_tokens and re.search(r",\s*$", text[subj_tokens[-1].end:subj_hi + 1][:3]) and not modifier:
            subj_tokens = subj_tokens[-2:]     # "the album, released in 2006": the album was released
        elif not any(_word(t) or t.lower in _PRONOUNS for t in subj_tokens) and subj_lo == lo and at < d.start:
            # "Born in 1953, the senator grew up...": the subject follows the opening phrase
            comma = text.find(",", d.end, hi)
            if 0 <= comma < d.end + 3:
                tail = tokens(text, comma + 1, hi)
                k = next((i for i, t in enumerate(tail) if verb_form(t.text) or verb_lemma(t.text)), len(tail))
                subj_tokens = tail[:min(k, 4)]
        subject = frozenset([w for w in (_word(t) for t in subj_tokens) if w][-4:])
        pronoun = not subject and any(t.lower in _PRONOUNS for t in subj_tokens)
        if not subject and not pronoun:
            continue          # said of nothing we can read: "Married, December 16, 1810"
        prev = sentences.spans[si - 1] if si > 0 else s
        context = frozenset(w for w in (_word(t) for t in tokens(text, prev.start, s.end)) if w)
        objects = frozenset(w for w in (_word(t, adjectives=True) for t in tokens(text, obj_lo, obj_hi)) if w)
        out.append(Dated(Span(min(at, d.start), max(d.end, at)), d, event, subject, context, pronoun,
                         objects, si, modifier))
    doc.__dict__["_consistency_dated"] = out
    return out


def _word(t: Token, adjectives: bool = False) -> str | None:
    w = t.lower
    if w in _SKIP or w in _PRONOUNS or not w[0].isalpha():
        return None
    if t.text[0].isupper():
        return w.removesuffix("'s")
    w = w.removesuffix("'s")
    n = noun_lemma(w)
    if n and not verb_lemma(w):
        return n
    return w if adjectives and not verb_lemma(w) and len(w) > 2 else None


def _event_of(text: str, d: DateMention, lo: int, hi: int):
    """(event, where its word starts, subject span, modifier?, object span) for a date, or None."""
    before = tokens(text, lo, d.start)
    after = tokens(text, d.end, hi)
    # "the 2019 law", "its 2016 election": a year that names a thing
    if d.month is None and before and before[-1].lower in ("the", "its", "their", "his", "her", "a", "this") \
            and after and after[0].start - d.end <= 1 and after[0].text[0].islower():
        n = noun_lemma(after[0].lower)
        if n and n not in config()["generic"]:
            return (event_lemma(after[0].lower) or canonical(n), d.start, after[0].start, after[0].end, True,
                    d.end, d.end)
    window = before[-9:]
    prep_skipped = False
    for k in range(len(window) - 1, -1, -1):
        t = window[k]
        w = t.lower
        if not prep_skipped and w in ("in", "on", "at", "during", "since", "of", "around", "as"):
            prep_skipped = True
            # "its founding in 2001", "the law's passage in 2010": the noun that names the event
            if k > 0 and window[k - 1].text[0].islower() and _names_event(window, k - 1):
                noun = window[k - 1]
                if noun_lemma(noun.lower) and not verb_lemma(noun.lower) or noun.lower.endswith("ing"):
                    ev = event_lemma(noun.lower)
                    if ev and ev not in config()["generic"] and ev not in config()["light"]:
                        subj_lo = window[max(0, k - 4)].start
                        return ev, noun.start, subj_lo, noun.start, False, noun.end, t.start
            continue
        modal = k > 0 and window[k - 1].lower in ("to", "will", "would", "could", "can", "may", "might",
                                                   "must", "did")
        v = verb_lemma(t.text, after_modal=modal, light=False)
        if v:
            return canonical(v), t.start, lo, t.start, False, t.end, d.start
        if t.text[0].isupper() and k < len(window) - 1 and w not in ("in", "on"):
            continue
    if len(before) <= 2:
        # "In 2019, the company launched ...": the verb comes after the date
        for k, t in enumerate(after[:9]):
            modal = k > 0 and after[k - 1].lower in ("to", "will", "would", "did")
            v = verb_lemma(t.text, after_modal=modal, light=False)
            if v:
                return canonical(v), t.start, d.end, t.start, False, t.end, hi
    return None


_EVENT_SUFFIX = ("ing", "tion", "sion", "ment", "al", "age", "ure", "ance", "ence", "th")


def _names_event(window: list[Token], k: int) -> bool:
    """Whether the noun at k names an event ("its founding", "the law's passage", "his death"),
    not a thing ("the school board in 2010")."""
    w = window[k].lower
    if canonical(w) != w or canonical(noun_lemma(w) or w) != (noun_lemma(w) or w):
        return True
    before = window[k - 1].lower if k > 0 else ""
    possessive = before in ("its", "his", "her", "their", "our") or before.endswith(("'s", "s'"))
    return w.endswith(_EVENT_SUFFIX) and (possessive or w.endswith(("ing", "tion", "sion", "ment")))


def _subjects_agree(a: Dated, b: Dated) -> bool:
    if a.subject and b.subject and not a.pronoun and not b.pronoun:
        return bool(a.subject & b.subject)
    if a.pronoun and b.pronoun:
        return bool(a.context & b.context & (a.subject | b.subject)) or bool(a.subject & b.subject) \
            or (not a.subject and not b.subject and bool(a.context & b.context))
    one, other = (a, b) if a.pronoun else (b, a)
    return bool(other.subject & (one.context | one.subject))


def same_event(a: Dated, b: Dated) -> bool:
    if a.event != b.event or a.sentence == b.sentence or (a.modifier and b.modifier):
        return False
    if a.objects and b.objects and not (a.objects <= b.objects or b.objects <= a.objects):
        return False      # "its debut album" and "a live album" are two albums
    if (a.objects & b.subject and not b.objects) or (b.objects & a.subject and not a.objects):
        return True       # "released her first album" and "the album, released in"
    return _subjects_agree(a, b)


def event_date_flags(doc: Document) -> list[Flag]:
    """One event given two dates: "opened in 2001" ... "since it opened in 2003"."""
    events = dated_events(doc)
    groups = clash_groups(events, lambda a, b: not a.date.compatible(b.date) and same_event(a, b), reach=300)
    flags = []
    text = doc.text
    for members in ([events[i] for i in group] for group in groups):
        stated = _and_list(list(dict.fromkeys(m.date.label() for m in members)))
        places = tuple(m.span for m in members)
        what = " ".join(text[members[0].span.start:members[0].date.start].split()) or members[0].event
        flags.append(Flag(CHECK, "consistency.date", "consistency", places[0].start, places[0].end,
                          f"One event, two dates: \u201c{what}\u201d is dated {stated}.",
                          Severity.WARNING, (), places))
    return flags

