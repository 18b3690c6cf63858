"""Which spelling flags stand: names, acronyms, initials, name particles and prefixed words are not typos.

A spell checker's dictionary never holds every name a news story uses, so an unknown capitalised
word inside a sentence is a name (SUNY, Hochul, El Fasher), even if the draft uses it once, unless
it is a slip on a month or day ("Febuary") or two swapped letters of a known word ("Amercian"). A
capitalised word that starts a sentence or sits in a heading is a name too unless it looks like a
slip on a common word ("Goverment" -> "Government"). Lower-case words stand unless they are a name particle joined
to a name ("al-Kasasbeh") or a learned compound of a combining form and a known word
("microgravity", "hydrologic", "covariation"); other typos are still found.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable

from ..core.document import Document
from ..core.flags import Flag
from .grammar_harper import INVISIBLE
from .grammar_names import DraftNames, _distance, _starts_sentence, base_word

# The spelling rules whose flags name logic may set aside (not "teh" -> "the", a typo rule).
SPELLING_RULES = ("grammar.spelling.spell-check", "grammar.typo.split-words")
_PARTICLES = frozenset("al el ul bin ibn abu abd bint de del della di da dos du van von der den le la "
                       "ter ten ben".split())
# Combining forms that make learned words Harper's dictionary may lack (micro + gravity).
_PREFIXES = tuple(sorted("""un dis mis ante anti astro auto bio co counter cross cyber eco electro geo hydro hyper
hypo infra inter intra macro mega meta micro mid mini mono multi nano neo neuro non omni over paleo
para photo poly post pre proto pseudo psycho quasi radio re retro semi socio sub super supra tele
thermo trans ultra under""".split(), key=len, reverse=True))
# Closed-class words lemminflect does not list (it knows nouns, verbs, adjectives, adverbs).
_FUNCTION = frozenset("""the a an and or but nor of to in on at by for with from into onto as than
that this these those there their they them he she his her its our we you your who whom whose which
what when where while if then so not no yes all any some each every both either neither about over
after before under between through during without within upon among""".split())


def clean_word(text: str) -> str:
    """The flagged word as a dictionary would see it: no invisible characters, no possessive."""
    return base_word("".join(c for c in text if c not in INVISIBLE))


@lru_cache(maxsize=20000)
def common_word(word: str) -> bool:
    """True for an English word in lower case (lemminflect's lexicon, or a function word)."""
    if word in _FUNCTION:
        return True
    try:
        from lemminflect import getAllInflections, getAllLemmas
    except ImportError:       # without it, a capitalised sentence opener is taken for a name
        return False
    # The lexicon also lemmatises common misspellings ("occured" -> occur): accept a word only
    # when it is a lemma or one of its lemma's regular inflections.
    for lemmas in getAllLemmas(word).values():
        for lemma in lemmas:
            if lemma == word or any(word in forms for forms in getAllInflections(lemma).values()):
                return True
    return False


def is_name_or_term(flag: Flag, doc: Document, names: DraftNames, starts: set[int]) -> bool:
    """True when a spelling flag is on a name, an acronym, an initial or an abbreviation."""
    text = doc.text
    word = clean_word(text[flag.start:flag.end]).rstrip(".")
    if not word or not word[0].isupper():
        return False
    if len(word) == 1 or any(c.isdigit() for c in word) or any(c.isupper() for c in word[1:]):
        return True         # an initial (R.), an acronym (SUNY, COP26, NOAA) or CamelCase (KinetX)
    if text[flag.end:flag.end + 1] == "." and len(word) <= 4:
        return True         # an abbreviation: Sen., Gov., Dec.
    block = doc.block_at(flag.start)
    block_start = block.start if block else 0
    if _calendar_slip(word, flag.suggestions) or _transposed(word, flag.suggestions):
        return False        # "Febuary", "Amercian": a slip on a month or a known name, not a name
    heading = block is not None and block.is_heading
    if not heading and not _starts_sentence(text, flag.start, starts, block_start):
        return True         # capitalised inside a sentence: a name
    if len(names.uses.get(word, ())) > 1 or word in names.mid_sentence:
        return True         # the draft uses it again: a name it spells consistently
    after = text[flag.end:flag.end + 40]
    if not heading and re.match(r"(?:['\u2019]s)?[\s\-]+[A-Z]", after):
        return True         # "Carnahan Smith", "Abdullah's" followed by a name: a name
    if _REPORTING.match(after):
        return True         # "Heald said", "Okonjo noted": a person speaking
    return not _slip_on_common_word(word, flag.suggestions)


# Verbs that follow a person's name at the start of a news sentence.
_REPORTING = re.compile(r",?\s+(?:said|says|told|tells|added|adds|noted|notes|wrote|writes|explained|"
                        r"argued|asked|stated|insisted|warned|recalled|replied|agreed|acknowledged|"
                        r"testified|tweeted|posted)\b")


_CALENDAR = frozenset("""january february march april may june july august september october
november december monday tuesday wednesday thursday friday saturday sunday""".split())


def _calendar_slip(word: str, suggestions: tuple[str, ...]) -> bool:
    low = word.casefold()
    return any(s.casefold() in _CALENDAR and _distance(low, s.casefold(), 2) <= 2 for s in suggestions[:5])


def _transposed(word: str, suggestions: tuple[str, ...]) -> bool:
    """Two neighbouring letters swapped ("Amercian" / "American"): a typing slip, rarely a second name."""
    if len(word) < 6:
        return False        # short names are often a swap away from another name (Tamim / Tammi)
    for s in suggestions[:3]:
        if len(s) == len(word) and s != word:
            diff = [i for i, (a, b) in enumerate(zip(word, s)) if a != b]
            if len(diff) == 2 and diff[1] == diff[0] + 1 and word[diff[0]] == s[diff[1]] \
                    and word[diff[1]] == s[diff[0]]:
                return True
    return False


def _slip_on_common_word(word: str, suggestions: tuple[str, ...]) -> bool:
    low = word.casefold()
    # One edit: "Goverment", "Polce". Two edits turn many names into words (Kherson / Person).
    limit = 1
    return any(common_word(s.casefold()) and _distance(low, s.casefold(), limit) <= limit
               for s in suggestions[:5] if s[:1].isupper() and " " not in s)


def is_particle(flag: Flag, text: str) -> bool:
    """A lower-case name particle joined to a name: "al-Kasasbeh", "bin Salman", "van Gogh"."""
    word = clean_word(text[flag.start:flag.end])
    return word.casefold() in _PARTICLES and bool(re.match(r"[\s\-\u2010\u2011][A-Z]", text[flag.end:flag.end + 2]))


def compound_parts(word: str) -> list[str]:
    """The known-word parts that would make `word` a word: "re-engage" -> [re, engage]."""
    low = word.casefold()
    if re.search(r"[\-\u2010\u2011]", low):
        parts = [p for p in re.split(r"[\-\u2010\u2011]", low) if p]
        return [p for p in parts if p not in _PREFIXES]
    from .dialect import pairs
    if low in pairs():
        return []           # "colour" is not co + lour: US/UK spellings are the dialect's question
    for prefix in _PREFIXES:
        rest = low[len(prefix):]
        # The shorter the prefix, the longer the rest must be: "co" + "lour" is no compound.
        if low.startswith(prefix) and len(rest) >= max(3, 7 - len(prefix)):
            return [rest]
    return []


def is_known_compound(flag: Flag, text: str, unknown: Callable[[set[str]], set[str]]) -> bool:
    """True for a lower-case compound of a combining form (or hyphenated words) Harper knows."""
    word = clean_word(text[flag.start:flag.end])
    if not word or not word.islower() and "-" not in word:
        return False
    parts = compound_parts(word)
    if not parts or not all(p.isalpha() for p in parts):
        return False
    return not unknown(set(parts))


def is_dictionary_word(flag: Flag, text: str, unknown: Callable[[set[str]], set[str]]) -> bool:
    """A lower-case word a second dictionary knows (lemminflect's lexicon: "quitted", "midwestern"),
    or a noun + -ed after a hyphen ("well-intentioned"). US/UK spellings are left to the dialect."""
    word = clean_word(text[flag.start:flag.end])
    if not word.isalpha() or not word.islower():
        return False
    from .dialect import pairs
    if word in pairs():
        return False        # "colour" in American copy is a finding, not a gap in the dictionary
    # The lexicon lists some common misspellings too ("occured"): one edit from Harper's
    # suggestion ("occurred") is a typo whatever the lexicon says.
    if common_word(word) and not any(_distance(word, s.casefold(), 1) <= 1 for s in flag.suggestions[:5]):
        return True
    return (text[flag.start - 1:flag.start] in "-\u2010\u2011" and flag.start > 0
            and word.endswith("ed") and len(word) > 5 and not unknown({word[:-2]}))


def spelling_stands(flag: Flag, doc: Document, names: DraftNames, starts: set[int],
                    unknown: Callable[[set[str]], set[str]]) -> bool:
    """False when a spelling flag is on a name, an acronym, a particle or a known compound."""
    if flag.rule not in SPELLING_RULES:
        return True
    if is_name_or_term(flag, doc, names, starts) or is_particle(flag, doc.text):
        return False
    return not (is_known_compound(flag, doc.text, unknown) or is_dictionary_word(flag, doc.text, unknown))
