"""Consistency of form: spelling variants, dotted abbreviations, hyphenation, capitalisation, number style.

Spelling variants come from two places: resources/editorial/variants.txt (names and terms, the
house form first) and breame's US/UK pairs (resources/grammar/dialect-spellings.tsv), found from
the draft itself: "organisation" and "organization" in one draft are one finding, and the
suggestion is the form of the draft's own dialect (dialect.py), or its majority.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from ..core.document import Document
from ..core.flags import normalise, Flag, Severity, Span
from .dialect import AMERICAN, BRITISH, CANADIAN, detect, pairs
from .editorial_lists import load_lines

CHECK = "consistency"
# Characters after which a word is capitalised by position, not by choice.
_INITIAL_BEFORE = set(".!?:;\"\u201c\u201d'\u2018\u2019([\u2014\u2013-\n")


@dataclass(frozen=True)
class _Form:
    text: str
    places: tuple[Span, ...]


def term_flags(doc: Document) -> list[Flag]:
    flags: list[Flag] = []
    covered: set[str] = set()
    flags.extend(_listed_variants(doc, covered))
    flags.extend(_dialect_variants(doc, covered))
    flags.extend(_dotted_abbreviations(doc, covered))
    flags.extend(_hyphenation(doc, covered))
    flags.extend(_capitalisation(doc))
    flags.extend(_number_style(doc))
    return flags


def _quoted_forms(forms: list[_Form]) -> str:
    parts = [f"\u201c{f.text}\u201d ({len(f.places)})" for f in forms]
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def _multi_flag(rule: str, forms: list[_Form], message: str, severity: Severity,
                suggestion: str = "") -> Flag:
    places = tuple(sorted((p for f in forms for p in f.places), key=lambda s: s.start))
    first = places[0]
    return Flag(CHECK, f"consistency.{rule}", "consistency", first.start, first.end, message, severity,
                (suggestion,) if suggestion else (), places,
                key="|".join(sorted(normalise(f.text) for f in forms)))


@lru_cache(maxsize=None)
def _variant_groups() -> tuple[tuple[tuple[str, ...], ...], re.Pattern[str]]:
    """The groups of variants.txt, and one regex finding any form of any group (one pass)."""
    groups = []
    for line in load_lines("variants.txt"):
        groups.append(tuple(f.strip() for f in line.split("|") if f.strip()))
    forms = sorted({f for g in groups for f in g}, key=len, reverse=True)
    regex = re.compile(r"(?<![\w.\-])(?:" + "|".join(re.escape(f) for f in forms) + r")(?![\w\-]|\.\w)",
                       re.IGNORECASE)
    return tuple(groups), regex


def _form_matches(form: str, found: str) -> bool:
    # A form written with capitals ("US") matches only as written; a lowercase one in any case.
    return found.casefold() == form.casefold() if form == form.lower() else found == form


def _listed_variants(doc: Document, covered: set[str]) -> list[Flag]:
    text = doc.text
    groups, regex = _variant_groups()
    hits = [(m.group(), Span(m.start(), m.end())) for m in regex.finditer(text)]
    flags = []
    for group in groups:
        forms = []
        for form in group:
            places = tuple(span for found, span in hits if _form_matches(form, found))
            if places:
                forms.append(_Form(form, places))
        if len(forms) < 2:
            continue
        covered.update(f.text.replace(".", "").replace("-", "").replace(" ", "").casefold() for f in forms)
        house = group[0]
        flags.append(_multi_flag(
            "spelling", forms,
            f"Spelled {len(forms)} ways: {_quoted_forms(forms)}. Use one throughout (house style: "
            f"\u201c{house}\u201d).", Severity.WARNING, house))
    return flags


_LETTERS = re.compile(r"(?<![\w\-'\u2019])[A-Za-z]+(?![\w\-]|['\u2019]\w)")


@lru_cache(maxsize=20000)
def _family(word: str) -> str:
    """One key for the US and UK forms of a word and its inflections: the American form's lemma."""
    american = pairs()[word].american
    try:
        from lemminflect import getAllLemmas
        lemmas = getAllLemmas(american)
    except ImportError:
        lemmas = {}
    for pos in ("NOUN", "VERB", "ADJ", "ADV"):
        if pos in lemmas:
            return lemmas[pos][0]
    return american


def _dialect_variants(doc: Document, covered: set[str]) -> list[Flag]:
    """British and American spellings of one word in one draft (colour/color), as one finding."""
    text = doc.text
    table = pairs()
    found: dict[str, dict[str, list[Span]]] = {}
    for m in _LETTERS.finditer(text):
        low = m.group()
        pair = table.get(low)
        # Lower case only: "Labour Party", "Ministry of Defence", "Pearl Harbor" are names.
        if pair is None or pair.different or not low.islower():
            continue
        found.setdefault(_family(low), {}).setdefault(low, []).append(Span(m.start(), m.end()))
    flags = []
    guess = None
    for family, forms in found.items():
        sides = {("british" if table[w].british == w else "american") for w in forms}
        if len(sides) < 2 or family in covered:
            continue
        guess = guess or detect(text)
        if guess.language != AMERICAN and any(table[w].different_gb for w in forms) \
                and not _all_units(text, forms, table):
            continue    # British copy has both "practice" (noun) and "practise" (verb)
        ordered = sorted(forms, key=lambda w: (-len(forms[w]), w))
        suggestion = _dialect_form(ordered, guess.language, guess.british != guess.american)
        covered.update(forms)
        covered.add(family)
        entries = [_Form(w, tuple(forms[w])) for w in ordered]
        name = {BRITISH: "British", CANADIAN: "Canadian"}.get(guess.language, "American")
        why = (f"this draft is written in {name} English" if guess.british != guess.american
               else "the draft's commoner form")
        flags.append(_multi_flag(
            "spelling", entries,
            f"Spelled {len(entries)} ways: {_quoted_forms(entries)} (US and UK spelling of one word). "
            f"Use one throughout: \u201c{suggestion}\u201d ({why}).", Severity.WARNING, suggestion))
    return flags


def _all_units(text: str, forms: dict[str, list[Span]], table) -> bool:
    """Every American form follows a number ("200 meters"): the unit, which British spells "metres"."""
    places = [p for w, ps in forms.items() if table[w].american == w for p in ps]
    return bool(places) and all(re.search(r"\d[\d,.]*\s*$", text[max(0, p.start - 12):p.start]) for p in places)


def _dialect_form(ordered: list[str], language: str, decisive: bool) -> str:
    """The draft's dialect's form when its spellings tell the dialect, else the commonest form."""
    if decisive:
        table = pairs()
        for word in ordered:
            pair = table[word]
            if language == AMERICAN and pair.american == word:
                return word
            if language == BRITISH and pair.british == word:
                return word
            if language == CANADIAN and word == (pair.american if pair.z else pair.british):
                return word
    return ordered[0]


def variant_words(doc: Document) -> set[str]:
    """Casefolded words of every spelling-variant finding: their spelling flags would be a second flag."""
    out: set[str] = set()
    for flag in _listed_variants(doc, set()) + _dialect_variants(doc, set()):
        out.update(doc.text[p.start:p.end].casefold() for p in flag.places)
    return out


_DOTTED = re.compile(r"(?<![\w.])((?:[A-Z]\.){2,4})(?!\w)")
_CAPITALS = re.compile(r"(?<![\w.])[A-Z]{2,4}(?!\w|\.\w)")


def _dotted_abbreviations(doc: Document, covered: set[str]) -> list[Flag]:
    text = doc.text
    flags = []
    dotted: dict[str, list[Span]] = {}
    for m in _DOTTED.finditer(text):
        dotted.setdefault(m.group(1), []).append(Span(m.start(1), m.end(1)))
    if not dotted:
        return []
    wanted = {form.replace(".", "") for form in dotted}
    capitals: dict[str, list[Span]] = {}
    for m in _CAPITALS.finditer(text):
        if m.group() in wanted and not _shouted(text, m.start(), m.end()):
            capitals.setdefault(m.group(), []).append(Span(m.start(), m.end()))
    for form, places in dotted.items():
        bare = form.replace(".", "")
        plain = capitals.get(bare)
        if bare.casefold() in covered or not plain:
            continue
        forms = [_Form(form, tuple(places)), _Form(bare, tuple(plain))]
        flags.append(_multi_flag("spelling", forms,
                                 f"Abbreviation written two ways: {_quoted_forms(forms)}. Use one throughout.",
                                 Severity.WARNING))
    return flags


_HYPHENATED = re.compile(r"(?<![\w\-])([A-Za-z]{2,})-([A-Za-z]{2,})(?![\w\-])")


def _shouted(text: str, start: int, end: int) -> bool:
    """A capitalised word among other capitalised words is emphasis or a heading, not an abbreviation."""
    before = re.search(r"([A-Za-z]{2,})[^A-Za-z]{1,3}$", text[max(0, start - 20):start])
    after = re.match(r"[^A-Za-z]{1,3}([A-Za-z]{2,})", text[end:end + 20])
    return any(m and m.group(1).isupper() for m in (before, after))


def _hyphenation(doc: Document, covered: set[str]) -> list[Flag]:
    """Closed and hyphenated forms of one word (ceasefire/cease-fire, to-day/today)."""
    text = doc.text
    hyphenated: dict[str, list[Span]] = {}
    for m in _HYPHENATED.finditer(text):
        hyphenated.setdefault((m.group(1) + m.group(2)).casefold(), []).append(Span(m.start(), m.end()))
    if not hyphenated:
        return []
    closed: dict[str, list[Span]] = {}
    for m in re.finditer(r"(?<![\w\-])[A-Za-z]{4,}(?![\w\-])", text):
        key = m.group().casefold()
        if key in hyphenated:
            closed.setdefault(key, []).append(Span(m.start(), m.end()))
    flags = []
    for key, places in closed.items():
        if key in covered:
            continue
        joined = hyphenated[key]
        hyphen_form = _commonest(text, joined)
        closed_form = _commonest(text, places)
        forms = [_Form(hyphen_form, tuple(joined)), _Form(closed_form, tuple(places))]
        flags.append(_multi_flag("hyphenation", forms,
                                 f"Hyphenated and closed up: {_quoted_forms(forms)}. Use one form.",
                                 Severity.SUGGESTION))
    return flags


def _commonest(text: str, places: list[Span]) -> str:
    return Counter(text[p.start:p.end] for p in places).most_common(1)[0][0]


# "Battle for Bakhmut" / "battle for Bakhmut"; "Eastern Ukraine" / "eastern Ukraine";
# "Minsk Agreements" / "Minsk agreements". The varying word is group "w"; the name is group "n".
_CASE_PATTERNS = (
    re.compile(r"(?<![\w\-'\u2019])(?P<w>[A-Za-z]{3,})\s+(?P<p>for|of)\s+(?P<n>[A-Z][a-z]{2,})\b"),
    re.compile(r"(?<![\w\-'\u2019.])(?P<w>[A-Za-z]{3,})\s+(?P<n>[A-Z][a-z]{2,})\b"),
    re.compile(r"(?<![\w\-'\u2019.])(?P<n>[A-Z][a-z]{2,})\s+(?P<w>[A-Za-z]{3,})\b(?![\-'\u2019])"),
)


def _capitalisation(doc: Document) -> list[Flag]:
    text = doc.text
    found: dict[tuple, dict[str, list[Span]]] = {}
    for block in doc.blocks:
        if not block.is_prose:
            continue  # headings and table cells are title case by design
        for k, regex in enumerate(_CASE_PATTERNS):
            for m in regex.finditer(text, block.start, block.end):
                word = m.group("w")
                if word.casefold() in _FUNCTION_WORDS:
                    continue
                if _initial(text, m.start("w"), block.start) or _initial(text, m.start("n"), block.start):
                    continue
                if not (word.islower() or word.istitle()):
                    continue
                key = (k, word.casefold(), m.groupdict().get("p", ""), m.group("n"))
                found.setdefault(key, {}).setdefault(" ".join(m.group().split()), []).append(
                    Span(m.start(), m.end()))
    flags, seen = [], set()
    for key, variants in found.items():
        if len(variants) < 2:
            continue
        spans = frozenset(p for places in variants.values() for p in places)
        if any(spans & other for other in seen):
            continue
        seen.add(spans)
        forms = sorted((_Form(t, tuple(p)) for t, p in variants.items()), key=lambda f: -len(f.places))
        flags.append(_multi_flag("capitalisation", forms,
                                 f"Capitalised two ways: {_quoted_forms(forms)}. Decide whether it is a "
                                 "proper name and use one form.", Severity.SUGGESTION, forms[0].text))
    return flags


_FUNCTION_WORDS = frozenset("""the and for but nor yet with from into onto upon this that these those
his her its our their your who whom whose which what when where while than then there here all any
some each every both either neither not our dear poor good old young great little""".split())


def _initial(text: str, offset: int, block_start: int) -> bool:
    """True when the word at offset is capitalised by position (starts a sentence, line or quote)."""
    i = offset - 1
    while i >= block_start and text[i] in " \t":
        i -= 1
    return i < block_start or text[i] in _INITIAL_BEFORE


_SMALL_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}
_SMALL_WORD = re.compile(r"(?<![\w\-])(two|three|four|five|six|seven|eight|nine)(?![\w\-])", re.IGNORECASE)
# A lone digit 2-9 used as a count: not part of a date, time, decimal, list number, score or model.
_SMALL_DIGIT = re.compile(r"(?<![\w.,:/$\u00a3\u20ac#\-])([2-9])(?![\w.,:/%\-]|\s*(?:%|percent|per cent|"
                          r"a\.m|p\.m|am\b|pm\b|st\b|nd\b|rd\b|th\b|[-\u2013]\d|o'clock))")


_NOT_COUNT_BEFORE = re.compile(r"\b(?:chapter|section|page|pp?\.|no\.|number|article|paragraph|volume|"
                               r"vol\.|verse|line|part|figure|fig\.|table|step|grade|level|phase|"
                               r"round|game|act|scene|book|type|class|category)\s*$", re.IGNORECASE)


def _number_style(doc: Document) -> list[Flag]:
    """Numbers under ten spelled out in some places and written as digits in others."""
    text = doc.text
    words, digits = [], []
    for block in doc.blocks:
        if not block.is_prose:
            continue
        words += [Span(m.start(), m.end()) for m in _SMALL_WORD.finditer(text, block.start, block.end)]
        digits += [Span(m.start(), m.end()) for m in _SMALL_DIGIT.finditer(text, block.start, block.end)
                   if not _NOT_COUNT_BEFORE.search(text, max(0, m.start() - 12), m.start())]
    if not words or not digits:
        return []
    examples = ", ".join(f"\u201c{text[s.start:s.end]}\u201d" for s in digits[:3])
    places = tuple(sorted(digits + words, key=lambda s: s.start))
    return [Flag(CHECK, "consistency.number-style", "consistency", places[0].start, places[0].end,
                 f"Numbers under ten are spelled out {len(words)} times and written as digits "
                 f"{len(digits)} times ({examples}). Pick one style.", Severity.SUGGESTION, (), places)]
