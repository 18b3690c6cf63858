"""Reads every figure of a draft that can be compared with another: its value, how precisely it is
stated, and what it is about (the counted noun's lemma, the predicate's lemma, the names and the time
of its clause), for consistency.number."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..core.document import Document
from .consistency_figure_words import (DETERMINERS, PREPOSITIONS, context_words, counted, end_of, frames_in,
                                       is_part, measured_noun, participle, possessor, predicate, present_tense, rate_of,
                                       purpose_words, subject_words, until_punctuation, unit_of)
from .consistency_lang import canonical, clause_bounds, config, entities, event_lemma, main_names, mid_capitals, \
    names_for, noun_lemma, tokens, verb_lemma, years_in
from .editorial_text import APPROX, DIGITS, WORD_NUMBER, SentenceIndex, find_dates, number_value

_NUMBER = re.compile(
    rf"(?<![\w.$£€,/:-])(?:(?P<approx>{APPROX})\s+)?(?:(?P<cur>[$£€])\s?)?"
    rf"(?P<num>{DIGITS}|{WORD_NUMBER}|a\s+dozen)(?:\s*(?P<scale>million|billion|trillion|thousand|hundred|bn)\b)?"
    rf"(?:\s*(?P<pct>%|percent\b|per\s+cent\b))?(?![\w,]*\d)(?!-|\s*(?:a\.m\.|p\.m\.|am\b|pm\b))", re.IGNORECASE)
_ANCHOR = re.compile(r"\d|\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
                     r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|"
                     r"eighty|ninety|dozen)\b", re.IGNORECASE)
_TIME_AFTER = re.compile(r"\s*(?:years?|months?|weeks?|days?|hours?|minutes?|seconds?|decades?|centur"
                         r"(?:y|ies)|times|o'clock|st\b|nd\b|rd\b|th\b)", re.IGNORECASE)
_RANGE = re.compile(rf"(?:between\s+\S+\s+and|from\s+\S+\s+to|(?:\d|\b{WORD_NUMBER})\s*(?:-|\u2013|to|or)\s*)\s*$|"
                    rf"^\s*(?:-|\u2013|to|or|and)\s*(?:[$£€]?\d|{WORD_NUMBER}\b)", re.IGNORECASE)
# "the number of students at 1,500", "the death toll stood at 23": the count is told, not done.
_NUMBER_OF = re.compile(r"\b(?:number|count|total|tally|toll)\s+of\s+(?:the\s+)?([a-z]+(?:\s+[a-z]+)?)\s+"
                        r"(?:at|to|is|was|stands\s+at|stood\s+at|reached|rose\s+to|of)\s+", re.IGNORECASE)
_CURRENCY_WORDS = {"dollar": "$", "pound": "£", "euro": "€"}
_NOT_BEFORE = re.compile(r"(?:\b(?:no\.|number|page|chapter|section|article|room|route|flight|grade|level|"
                         r"size|rank|top|aged?|age|ages|at|no|nos|model|vol\.|pp?\.)\s*$)|#$", re.IGNORECASE)

@dataclass(frozen=True)
class Figure:
    start: int
    end: int
    text: str
    value: float
    approx: str
    kind: str                  # "count", "percent", or a currency sign
    noun: str | None           # head noun lemma of what is counted ("job")
    nouns: frozenset[str]      # every noun lemma the figure is about (counted, measured, modified)
    verb: str | None           # canonical predicate lemma ("kill")
    qualifier: str | None      # the word before a measured noun: "state" in "the state budget is $4 billion"
    measured: str | None       # the noun a sum or share is of: "turnout" in "turnout was 54 percent"
    purpose: frozenset[str]    # what a sum is in or for: "in federal income tax" -> federal, income, tax
    future: bool               # a plan or forecast ("will cut", "intends to commit")
    spelled: bool              # "twelve", not "12": a small count that needs its verb to be compared
    names: frozenset[str]
    soft_names: str            # where the names come from: "own" clause, read "back" from "they", "main" subject
    years: frozenset[int]
    sentence: int
    unit: float                # what the last stated digit counts: 1e8 for "4.2 billion"
    subject: frozenset[str]    # who or what does the counted thing: "refinery" in "the refinery employs"
    frames: frozenset[str]     # the time it is said of: "last year", "in june", "on monday"
    context: frozenset[str]    # the content words of its sentence, to see that "the gala" is the charity's
    present: bool              # said in the simple present ("has 450 students", "employs 2,400")
    rate: str                  # "a day" in "300 tonnes a day": compared only with the same rate

    @property
    def round_figure(self) -> bool:
        return self.unit > 1 or (self.value >= 10 and self.value % 10 == 0)


def find_counts(doc: Document) -> list[Figure]:
    """Every figure that can be compared: counts (small ones too), sums and percentages."""
    text = doc.text
    cfg = config()
    sentences = SentenceIndex(doc)
    if not sentences.spans:
        return []
    dates = [(d.start, d.end) for d in find_dates(text)]
    out: list[Figure] = []
    seen_end = -1
    for a in _ANCHOR.finditer(text):
        if a.start() < seen_end:
            continue
        lo = max(0, a.start() - 40)
        m = next((m for m in _NUMBER.finditer(text, lo, min(len(text), a.end() + 30))
                  if m.start("num") <= a.start() < m.end("num")), None)
        if m is None:
            continue
        seen_end = m.end()
        fig = _figure(doc, text, m, sentences, dates, cfg)
        if fig is not None:
            out.append(fig)
    return out


def _figure(doc, text, m, sentences, dates, cfg) -> Figure | None:
    num, scale, pct, cur = m.group("num"), m.group("scale"), m.group("pct"), m.group("cur")
    if any(ds <= m.start("num") < de for ds, de in dates):
        return None
    told = _NUMBER_OF.search(text, max(0, m.start() - 60), m.start())
    told = told if told and told.end() == m.start() else None
    if _TIME_AFTER.match(text, m.end()) or (not told and not (pct or cur) and
                                            _NOT_BEFORE.search(text[max(0, m.start() - 12):m.start()])):
        return None
    if not (cur or scale or pct) and re.fullmatch(r"(?:1[5-9]|20)\d\d", num):
        return None              # a year
    if re.match(r"[\w'\u2019]", text[m.end():m.end() + 1] or " ") or text[m.end():m.end() + 2] in (".5", ",5"):
        return None
    value = number_value(num.lower() + (" " + scale.lower() if scale else ""))
    if value is None or value == 0:
        return None
    s_index = sentences.index(m.start())
    s = sentences.spans[s_index]
    if _RANGE.search(text[max(s.start, m.start() - 24):m.start()]) or _RANGE.search(text[m.end():m.end() + 8]):
        return None
    after = until_punctuation(text, m.end(), tokens(text, m.end(), min(s.end, m.end() + 60)))
    before = tokens(text, max(s.start, m.start() - 70), m.start())
    kind = cur or ("percent" if pct else "count")
    nouns, modifiers, rest = counted(after, cfg)
    if kind == "count" and nouns and nouns[-1] in _CURRENCY_WORDS:
        kind, nouns = _CURRENCY_WORDS[nouns[-1]], nouns[:-1]
    if kind == "percent":
        of = re.match(r"\s+of\s+(?:the\s+|all\s+|its\s+|their\s+)?", text[m.end():m.end() + 20])
        if of:
            after = until_punctuation(text, m.end() + of.end(),
                                      tokens(text, m.end() + of.end(), min(s.end, m.end() + 90)))
        nouns, modifiers, rest = counted(after, cfg) if of else ([], [], after)
    if not nouns and kind == "count" and told:
        nouns = [n for n in (noun_lemma(w) for w in told.group(1).split()) if n][-1:]
    elif not nouns and kind == "count":
        # "women walked 5,200 steps a day, and men walked 5,900": the noun is left out, not absent
        earlier = list(_ELLIPSIS.finditer(text, s.start, m.start()))
        if earlier:
            e = earlier[-1]
            if cfg["rate"].match(text, e.end(1) + 1) or cfg["part_after"].match(text, e.end(1) + 1):
                return None
            nouns = [n for n in (noun_lemma(e.group(1)),) if n]
    if nouns and (nouns[0] in cfg["units"] or nouns[-1] in cfg["units"]) and kind != "£":
        return None              # "460 feet (140 meters) wide" measures a crater; it is not a count
    if kind == "count" and not nouns and not scale and value < 2:
        return None
    after_verb = bool(before) and bool(verb_lemma(before[-1].text)) and before[-1].end >= m.start() - 2
    if kind == "count" and not num[0].isdigit() and not scale and (
            (not nouns and not after_verb) or (before and before[-1].lower in DETERMINERS and before[-1].end >= m.start() - 2)):
        return None              # "two" on its own, or "her five daughters", names people; "killing seven" counts
    c_lo, c_hi = clause_bounds(text, s.start, s.end, m.start())
    clause = text[max(s.start, c_lo - 30):m.start()] + " " * (m.end() - m.start()) + text[m.end():min(s.end, c_hi + 30)]
    # a change word counts next to the figure ("rose from 19 to 23", "up from 4 percent"), not
    # anywhere in its clause ("a bus plunged off the road, killing 19")
    near = text[max(c_lo, m.start() - 40):m.start()] + " " * (m.end() - m.start()) + text[m.end():min(s.end, m.end() + 45)]
    consumed = len(after) - len(rest)
    phrase_end = after[consumed - 1].end if consumed else m.end()
    rest = until_punctuation(text, phrase_end, rest)
    compared = cfg["compare"].search(clause)
    if compared and re.search(r"\d", clause[compared.end():compared.end() + 40]):
        return None               # "higher than the 45 percent of 2019"
    if cfg["change"].search(near) or is_part(text, m, phrase_end, cfg, kind == "percent"):
        return None
    in_phrase = bool(before) and before[-1].lower in DETERMINERS and before[-1].end >= m.start() - 2
    governed = in_phrase and len(before) > 1 and before[-2].lower in PREPOSITIONS and before[-2].start >= c_lo
    verb = (participle(rest) if governed else None) or \
        (None if governed or told else predicate([] if in_phrase else before, rest, c_lo, c_hi))
    measured, qualifier = (measured_noun(before, c_lo, kind != "percent") if kind != "count" else (None, None))
    purpose = purpose_words(rest, cfg)
    n_lo, n_hi = max(c_lo, m.start() - 80), min(c_hi, m.end() + 50)
    if re.search(r",\s+(?:which|who)\s+$", text[max(s.start, c_lo - 10):c_lo]):
        n_lo = max(s.start, m.start() - 80)     # "Harbor Foods, which employs 18,000": Harbor's staff
    here = entities(text, n_lo, n_hi, mid_capitals(doc))
    own_names = here or names_for(text, sentences.spans, s_index, c_lo, n_hi, mid_capitals(doc))
    soft = "own" if here else "back" if own_names else "main"
    own_names = own_names or main_names(doc)
    future = bool(cfg["future"].search(text[c_lo:m.start()])) or _modal_first(rest, verb)
    subject = subject_words(text, before, verb, c_lo) if verb and not in_phrase else possessor(before, c_lo)
    rate = rate_of(text, phrase_end, c_hi, cfg)
    frames = frozenset(" ".join(f.group().lower().split()) for f in frames_in(text, c_lo, c_hi))
    about = {n for n in nouns} | ({measured} if measured else set())
    about |= {event_lemma(w) or w for w in modifiers}
    approx = (m.group("approx") or "").lower()
    return Figure(m.start(), m.end() if not nouns else max(m.end(), end_of(after, len(nouns) + len(modifiers))),
                  m.group(), value, approx, kind, nouns[-1] if nouns else measured,
                  frozenset(canonical(n) for n in about if n), verb, qualifier, measured, purpose, future,
                  not num[0].isdigit() and not scale,
                  own_names, soft, years_in(text, c_lo, c_hi), s_index,
                  unit_of(num, scale, value), subject, frames, context_words(text, s.start, s.end),
                  present_tense(before, rest, c_lo), rate)


_ELLIPSIS = re.compile(rf"(?<![\w.,])(?:\d[\d,.]*|{WORD_NUMBER})\s+([a-z]+)\b")


def _modal_first(rest, verb: str | None) -> bool:
    """ "The 5,500 layoffs will be spread": a modal before the figure's own verb, after it."""
    for t in rest[:4]:
        if t.lower in ("will", "would", "could", "might", "may", "shall"):
            return True
        if verb and canonical(verb_lemma(t.text, after_modal=True) or "") == verb:
            return False
    return False
