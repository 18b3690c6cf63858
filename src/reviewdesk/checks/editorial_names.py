"""Finds people (with their titles), organisations and who is speaking, for the claims and sourcing checks."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..core.document import Document
from .editorial_lists import load_lines

_CAP = r"[A-Z][\w'\u2019\-]*"
# A personal name: two or three capitalised words, or two with a middle initial ("Antony J. Blinken").
# One word of a name: "Volker", "O'Brien", "Jean-Pierre"; never a possessive ("Forster's").
_NAME_WORD = r"(?:[A-Z][a-z]+(?:['\u2019][A-Z][a-z]+|-[A-Z]?[a-z]+)*)(?!['\u2019]s\b)"
_NAME = (rf"(?:{_NAME_WORD}\s+(?:[A-Z]\.\s+)?(?:(?:de|van|von|der|al|bin|da|di|du|la|le)\s+)?"
         rf"{_NAME_WORD})")
_SINGLE = _NAME_WORD
NAME = _NAME  # a personal name pattern, for checks that look for one beside a role
# Nationality and body prefixes before a title ("US Ambassador", "EU High Representative").
_PREFIX = (r"(?:(?:[A-Z]{2,5}|(?:[A-Z]\.){2,}|[A-Z][a-z]+(?:ian|ean|ese|ish|an|ch|i)|White House|State "
           r"Department|Pentagon|Kremlin|former|then-|acting|deputy|interim|outgoing)\s+)")
# Capitalised words that start sentences or name times, and the generic words of place and body
# names ("United States", "Defence Ministry"): never a person's first or last name. Places are not
# listed: a capitalised name before a speech verb is a speaker, person or place, and a place after
# a title ("President Ukraine") does not occur.
_NOT_NAME = frozenset("""The A An This That These Those It He She They We I You His Her Their Our Its
In On At For Of And But Or If When While As According Although After Before Since During Despite
Meanwhile However Indeed Moreover Furthermore Finally Today Yesterday Monday Tuesday Wednesday
Thursday Friday Saturday Sunday January February March April May June July August September October
November December North South East West Northern Southern Eastern Western Central New Old Great
United States Kingdom Union Nations Republic Federation Minister Secretary President Ambassador
Government Oblast Region Province City County State Department Ministry House Office Forces Army
Council Street Road Avenue University College School Hospital Church Court Party Company Group""".split())


@dataclass(frozen=True)
class Person:
    start: int
    end: int
    text: str          # title and name as written
    title: str         # "Secretary of Defense"; "" when named without one
    name: str          # "Mark Esper"
    official: bool     # an official title (to verify), not a courtesy one ("Mr.")


@dataclass(frozen=True)
class Organisation:
    start: int
    end: int
    text: str


def _alternation(words: tuple[str, ...]) -> str:
    ordered = sorted(words, key=len, reverse=True)
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered) + ")"


@lru_cache(maxsize=None)
def _title_regex() -> re.Pattern[str]:
    titles = _alternation(load_lines("titles.txt"))
    # Words after the title core: "of Defense", "at Large for Ukraine Negotiations" (lazy, so the
    # last two or three capitalised words are left for the name).
    extension = rf"(?:\s+(?:of|for|at|on)(?:\s+(?:the|and|of|for|at|on))*(?:\s+{_CAP})+?)*?"
    return re.compile(rf"(?<![\w.])(?P<title>{_PREFIX}*{titles}{extension})\s+(?P<name>{_NAME}|{_SINGLE})"
                      rf"(?!\s*[A-Z](?:[a-z]|\.\s))(?!\s+(?:of|for|at|on)\s+[A-Z])(?![\w'\u2019])")


@lru_cache(maxsize=None)
def _honorific_regex() -> re.Pattern[str]:
    titles = _alternation(load_lines("honorifics.txt"))
    return re.compile(rf"(?<![\w.])(?P<title>{titles})\s+(?P<name>{_NAME}|{_SINGLE})(?![\w'\u2019])")


# Verbs that credit words to a speaker ("said", "writes", "reminded us"): shared with the sourcing check.
SPEECH = (r"(?:said|says|told|tells|noted|notes|added|adds|warned|warns|stated|states|explained|"
          r"explains|argued|argues|insisted|insists|wrote|writes|announced|announces|declared|declares|"
          r"asked|asks|replied|replies|answered|cried|continued|continues|observed|remarked|claimed|"
          r"claims|admitted|acknowledged|urged|urges|recalled|recalls|conceded|concedes|reminded|"
          r"reminds|tweeted|posted|testified|predicted|predicts|promised|promises|vowed|pledged|"
          r"boasted|complained|lamented|quipped|joked|mused|emphasized|emphasised|stressed|cautioned|"
          r"spoke|speaks)")
_SPEECH = SPEECH
_NAME_THEN_VERB = re.compile(rf"(?<![\w.])(?P<name>{_NAME})(?:,[^,.;\"\u201c\u201d]{{1,80}},)?\s+"
                             rf"(?:has\s+|had\s+|have\s+)?(?:also\s+|recently\s+|later\s+)?{_SPEECH}\b")
_VERB_THEN_NAME = re.compile(rf"\b{_SPEECH}\s+(?P<name>{_NAME})(?![\w'\u2019])")


def find_people(doc: Document) -> list[Person]:
    """Named people in body text (headings are title case and would look like names)."""
    text = doc.text
    found: dict[int, Person] = {}
    for block in doc.blocks:
        if block.is_heading:
            continue
        for regex, official in ((_title_regex(), True), (_honorific_regex(), False)):
            for m in regex.finditer(text, block.start, block.end):
                name = m.group("name")
                if name.split()[0] in _NOT_NAME or name.split()[-1] in _NOT_NAME or \
                        name.split()[-1] in _organisation_words():
                    continue  # "Director of the Bar Association" names a body, not a person
                title = re.sub(r"\s+", " ", m.group("title"))
                found.setdefault(m.start(), Person(m.start(), m.end(), text[m.start():m.end()],
                                                   title, name, official))
        for regex in (_NAME_THEN_VERB, _VERB_THEN_NAME):
            for m in regex.finditer(text, block.start, block.end):
                name = m.group("name")
                parts = name.split()
                if parts[0] in _NOT_NAME or parts[-1] in _NOT_NAME or _inside(found, m.start("name")):
                    continue
                if parts[-1] in _organisation_words():
                    continue  # "The Washington Post said": a source, but not a person
                found.setdefault(m.start("name"), Person(m.start("name"), m.end("name"), name, "",
                                                         name, False))
    return sorted(found.values(), key=lambda p: p.start)


@lru_cache(maxsize=None)
def _organisation_words() -> frozenset[str]:
    return frozenset(load_lines("organisation_words.txt"))


def _inside(found: dict[int, Person], offset: int) -> bool:
    return any(p.start <= offset < p.end for p in found.values())


@lru_cache(maxsize=None)
def _organisation_regexes() -> tuple[re.Pattern[str], re.Pattern[str]]:
    names = _alternation(load_lines("organisations.txt"))
    listed = re.compile(rf"(?<![\w.]){names}(?![\w'\u2019])")
    last = _alternation(load_lines("organisation_words.txt"))
    # A capitalised run ending in an organisation word: "Ukrainian Defence Ministry",
    # "Institute for the Study of War" (the run may hold of/for/the/and).
    run = re.compile(rf"(?<![\w.])(?:(?:{_CAP})\s+(?:(?:of|for|the|and|on)\s+)*)*(?:{_CAP}\s+)?{last}"
                     rf"(?:\s+(?:of|for|on)\s+(?:the\s+)?{_CAP}(?:\s+{_CAP})*)*(?![\w'\u2019])")
    return listed, run


_LEADING_JUNK = re.compile(r"^(?:(?:The|A|An|According|Meanwhile|In|On|At|By|For|From|With|While|"
                           r"When|But|And|However|Yet|Still|Since)\s+)+")


def find_organisations(doc: Document) -> list[Organisation]:
    text = doc.text
    listed, run = _organisation_regexes()
    spans: list[tuple[int, int]] = []
    for block in doc.blocks:
        if block.is_heading:
            continue
        for m in run.finditer(text, block.start, block.end):
            start = m.start() + len(_LEADING_JUNK.match(m.group()).group()) if _LEADING_JUNK.match(m.group()) else m.start()
            # A lone organisation word ("Army") or one opening a sentence is not a name.
            if " " in text[start:m.end()].strip():
                spans.append((start, m.end()))
        for m in listed.finditer(text, block.start, block.end):
            spans.append((m.start(), m.end()))
    spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
    out: list[Organisation] = []
    for start, end in spans:
        if out and start < out[-1].end:
            continue
        out.append(Organisation(start, end, text[start:end]))
    return out


_PRONOUN_SPEAKER = re.compile(rf"\b(?:[Hh]e|[Ss]he|I|[Ww]e|[Tt]hey)\s+(?:has\s+|had\s+|also\s+|then\s+|later\s+)?"
                              rf"{_SPEECH}\b|\b{_SPEECH}\s+(?:he|she|they)\b")


def names_speaker(passage: str, people: list[str]) -> bool:
    """True when the passage credits words to a named person (or to he/she, who points back to one).

    `people` are names already found in the document, so "According to Volker" counts.
    """
    if _NAME_THEN_VERB.search(passage) or _VERB_THEN_NAME.search(passage):
        return True
    if _PRONOUN_SPEAKER.search(passage):
        return True
    for m in re.finditer(rf"\baccording\s+to\s+(?P<who>{_NAME}|{_SINGLE})", passage, re.IGNORECASE):
        if m.group("who").split()[0] not in _NOT_NAME:
            return True
    return any(re.search(rf"(?<!\w){re.escape(name)}(?!\w)", passage) for name in people)
