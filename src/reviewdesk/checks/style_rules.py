"""Word-level style rules for readability: passive voice, weakening adverbs, complex words.

The rules work on a sentence's word tokens (start, end, key) and read their word lists from
`reviewdesk.resources/readability/`, so an editor can extend them without touching code.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from typing import NamedTuple, Sequence

from .readability_scores import WORD, word_key

PASSIVE = "readability.passive-voice"
ADVERB = "readability.adverb"
COMPLEX = "readability.complex-word"

_BE_FORMS = frozenset("am is are was were be been being isn't aren't wasn't weren't".split())
_BE_AUXILIARIES = frozenset(("been", "being"))   # "was being built", "has been built"
# Short words that may sit between "be" and the participle: "was not built", "were all killed".
_BETWEEN = frozenset("not never also still often always just already now then all both each "
                     "ever soon once even thus".split())
_MAX_BETWEEN = 2


# (start, end, key): offsets into the document, key in lower case with straight apostrophes.
# Plain tuples, not a NamedTuple: a novel has 120,000 of them and construction time shows.
Token = tuple[int, int, str]


class Hit(NamedTuple):
    rule: str
    start: int
    end: int
    suggestions: tuple[str, ...] = ()


def _read_list(name: str) -> list[str]:
    path = files("reviewdesk.resources").joinpath("readability", name)
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(line)
    return out


@dataclass(frozen=True)
class WordLists:
    adverbs: frozenset[str]
    participles: frozenset[str]
    not_passive: frozenset[str]
    # first word of a complex word/phrase -> [(all its words, alternatives)], longest first
    complex: dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]]


@lru_cache(maxsize=1)
def word_lists() -> WordLists:
    complex_index: dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]] = {}
    for line in _read_list("complex_words.txt"):
        phrase, _, plain = line.partition("->")
        words = tuple(word_key(m.group()) for m in WORD.finditer(phrase))
        alternatives = tuple(a.strip() for a in plain.split(",") if a.strip())
        if words and alternatives:
            complex_index.setdefault(words[0], []).append((words, alternatives))
    for entries in complex_index.values():
        entries.sort(key=lambda e: -len(e[0]))
    return WordLists(
        adverbs=frozenset(w.lower() for w in _read_list("weak_adverbs.txt")),
        participles=frozenset(w.lower() for w in _read_list("irregular_participles.txt")),
        not_passive=frozenset(w.lower() for w in _read_list("not_passive.txt")),
        complex=complex_index,
    )


def keyed_text(text: str) -> str:
    """The text in lower case with straight apostrophes, the same length so offsets still match."""
    low = word_key(text)
    if len(low) == len(text):
        return low
    # A few characters ("\u0130") lower-case into two; keep those as they are.
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text).replace("\u2019", "'")


def tokens_of(keyed: str, start: int, end: int) -> list[Token]:
    """Word tokens of keyed[start:end]; `keyed` is keyed_text(doc.text)."""
    return [(m.start(), m.end(), m.group()) for m in WORD.finditer(keyed, start, end)]


def _adjacent(text: str, left: Token, right: Token) -> bool:
    """Only whitespace between two tokens: a comma or dash breaks a phrase."""
    gap = text[left[1]:right[0]]
    return not gap or gap.isspace()


def is_participle(key: str, lists: WordLists) -> bool:
    if key in lists.participles:
        return True
    if len(key) < 4 or not key.endswith("ed") or key in lists.not_passive:
        return False
    # "unexpected", "unprecedented": un- adjectives describe a state, not an action done to someone.
    return not key.startswith("un")


def find_passive(text: str, tokens: Sequence[Token], lists: WordLists) -> list[Hit]:
    """'was built', 'is being reviewed', 'were not told': a form of "be", then a past participle."""
    hits: list[Hit] = []
    keys = [t[2] for t in tokens]
    n = len(keys)
    i = 0
    while i < n:
        if keys[i] not in _BE_FORMS:
            i += 1
            continue
        j = i + 1
        if j < n and keys[j] in _BE_AUXILIARIES and _adjacent(text, tokens[j - 1], tokens[j]):
            j += 1
        between = 0
        while (j < n and between < _MAX_BETWEEN and _adjacent(text, tokens[j - 1], tokens[j])
               and (keys[j] in _BETWEEN or (keys[j].endswith("ly") and len(keys[j]) > 4))):
            j += 1
            between += 1
        if j < n and _adjacent(text, tokens[j - 1], tokens[j]) and is_participle(keys[j], lists):
            hits.append(Hit(PASSIVE, tokens[i][0], tokens[j][1]))
            i = j + 1
        else:
            i += 1
    return hits


def find_adverbs(tokens: Sequence[Token], lists: WordLists) -> list[Hit]:
    adverbs = lists.adverbs
    return [Hit(ADVERB, start, end) for start, end, key in tokens if key in adverbs]


def find_complex(text: str, tokens: Sequence[Token], lists: WordLists) -> list[Hit]:
    """Complex words and wordy phrases from the list, longest phrase first, never overlapping."""
    hits: list[Hit] = []
    n = len(tokens)
    i = 0
    while i < n:
        entries = lists.complex.get(tokens[i][2])
        matched = 0
        for words, alternatives in entries or ():
            k = len(words)
            if i + k <= n and all(tokens[i + m][2] == words[m] and
                                  (m == 0 or _adjacent(text, tokens[i + m - 1], tokens[i + m]))
                                  for m in range(k)):
                first = text[tokens[i][0]:tokens[i][1]]
                hits.append(Hit(COMPLEX, tokens[i][0], tokens[i + k - 1][1],
                                tuple(_match_case(first, a) for a in alternatives)))
                matched = k
                break
        i += matched or 1
    return hits


def _match_case(original: str, replacement: str) -> str:
    """'Utilize' -> 'Use': a capitalised word keeps its capital in the suggestion."""
    if original[:1].isupper() and not original.isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement
