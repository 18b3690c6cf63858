"""Which English a draft is written in (American, British, Canadian), told from its own spellings.

The evidence is breame's maintained list of US/UK spelling pairs (resources/grammar/
dialect-spellings.tsv, marked with what Harper's American and British dictionaries accept, so
"organization", fine in Oxford British, is no sign of American copy). Only lower-case words count:
"Labour Party" or "Pearl Harbor" are names, not the writer's spelling. A draft that uses both
forms of one word is the consistency check's finding (consistency.spelling); here it only tips
the balance.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

AMERICAN, BRITISH, CANADIAN = "en-US", "en-GB", "en-CA"
NAMES = {"en-US": "American", "en-GB": "British", "en-CA": "Canadian", "en-AU": "Australian",
         "en-IN": "Indian", "en-NZ": "New Zealand", "en-IE": "Irish", "en-ZA": "South African"}
# Languages that mean "English, variant unknown": the draft's spellings decide.
UNDECIDED = frozenset({"en", "en-US"})
_WORD = re.compile(r"(?<![\w\-'\u2019])[a-z]+(?![\w\-'\u2019]*\w)")


@dataclass(frozen=True)
class Pair:
    british: str
    american: str
    marks_uk: bool        # Harper's American dictionary rejects the British form
    marks_us: bool        # Harper's British dictionary rejects the American form
    z: bool               # an -ise/-ize pair: Oxford British writes -ize too
    different: bool       # two words in every dialect (disc/disk): never "spelled two ways"
    different_gb: bool    # two words in British English only (practise/practice, metre/meter)


@dataclass(frozen=True)
class DialectGuess:
    language: str                       # "en-US", "en-GB", "en-CA"
    british: float                      # British spellings found (lower-case words)
    american: float                     # American ones (an -ize form counts half)
    evidence: tuple[str, ...] = ()      # a few of the words that decided it
    detected: bool = True               # False when the settings or the document chose

    @property
    def name(self) -> str:
        return NAMES.get(self.language, self.language)

    def notice(self) -> str:
        """One line for the grammar check's status."""
        words = ", ".join(f"\u201c{w}\u201d" for w in self.evidence[:3])
        if not self.detected:
            return f"Spelling checked as {self.name} English (chosen in the settings or the document)."
        if self.language == AMERICAN and not self.british:
            return ""    # the default, and nothing to say about it
        if self.language == AMERICAN:
            return (f"Spelling checked as American English; the draft also writes British forms "
                    f"({words}).")
        return f"Spelling checked as {self.name} English, detected from the draft ({words})."


def grammar_resource(name: str) -> list[str]:
    """The lines of resources/grammar/<name>, without blank lines and '#' comments."""
    text = (resources.files("reviewdesk.resources") / "grammar" / name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


@lru_cache(maxsize=1)
def different_words() -> dict[frozenset[str], bool]:
    """Pairs that are two words, not two spellings -> True when only British English has both
    (resources/grammar/dialect-different-words.txt; "GB:" marks those)."""
    out = {}
    for line in grammar_resource("dialect-different-words.txt"):
        gb = line.startswith("GB:")
        out[frozenset(f.strip().casefold() for f in line.removeprefix("GB:").split("|") if f.strip())] = gb
    return out


@lru_cache(maxsize=1)
def pairs() -> dict[str, Pair]:
    """Every spelling of the list (British or American form) -> its pair."""
    skip = different_words()
    out: dict[str, Pair] = {}
    for line in grammar_resource("dialect-spellings.tsv"):
        british, american, marks = (line.split("\t") + ["", ""])[:3]
        if not british or not american:
            continue
        flags = set(marks.split(","))
        key = frozenset((british, american))
        pair = Pair(british, american, "uk" in flags, "us" in flags, "z" in flags,
                    key in skip and not skip[key], bool(skip.get(key)))
        out.setdefault(british, pair)
        out.setdefault(american, pair)
    return out


def spellings(text: str) -> Counter:
    """Lower-case words of `text` that are one side of a listed pair, with their counts."""
    table = pairs()
    return Counter(w for w in _WORD.findall(text) if w in table)


def detect(text: str, default: str = AMERICAN) -> DialectGuess:
    """The draft's English from its spellings; `default` when it has no decisive spelling."""
    table = pairs()
    found = spellings(text)
    british = Counter({w: n for w, n in found.items()
                       if table[w].british == w and table[w].marks_uk})
    # An American form counts when British copy would not use it: Harper's British dictionary
    # rejects it (color), or the British form is distinctively British (maneuver / manoeuvre),
    # except pairs British English keeps as two words (meter / metre).
    american = Counter({w: n for w, n in found.items() if table[w].american == w and (
        table[w].marks_us or (table[w].marks_uk and not table[w].different_gb
                              and not table[w].different))})
    uk = sum(british.values())
    # -ize counts half: most British news writes -ise, but Oxford spelling writes -ize too.
    us = sum(n / 2 if table[w].z else n for w, n in american.items())
    if uk > us:
        # Canadian spelling is British in -our and -re but American in -ize: "colour", "organize".
        ize = sum(n for w, n in found.items() if table[w].z and table[w].american == w)
        ise = sum(n for w, n in british.items() if table[w].z)
        plain_uk = uk - ise
        if ize >= 2 and not ise and plain_uk >= 2:
            return DialectGuess(CANADIAN, uk, us, _top(british) + _top(Counter(
                {w: n for w, n in found.items() if table[w].z and table[w].american == w})))
        return DialectGuess(BRITISH, uk, us, _top(british))
    if us:
        return DialectGuess(AMERICAN, uk, us, _top(british) or _top(american))
    return DialectGuess(default, uk, us, _top(british))


def _top(counts: Counter, n: int = 3) -> tuple[str, ...]:
    return tuple(w for w, _ in counts.most_common(n))


def choose(text: str, language: str, declared: str = "") -> DialectGuess:
    """The dialect to check in: a document's declared English or a chosen one wins, else detection.

    `language` is the settings' language; "en" and the untouched default "en-US" mean "find out".
    """
    chosen = declared if declared and declared.startswith("en") and declared not in UNDECIDED else ""
    if not chosen and language.startswith("en") and language not in UNDECIDED:
        chosen = language
    if chosen:
        return DialectGuess(chosen, 0, 0, (), detected=False)
    return detect(text)
