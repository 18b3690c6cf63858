"""Names the draft teaches: a capitalised word it uses again and again is a proper noun, not a typo.

Also finds two spellings of one name (Donbas / Donbass, each used once or more), which become one
consistency flag in place of a spelling flag on each; two words the dictionary knows (Russia /
Russian) or a name and its plural are never paired.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field, replace

from ..core.document import Document
from ..core.flags import Flag, Severity, Span

MIN_USES = 3
VARIANT_RULE = "grammar.name-variant"
_WORD = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)*")
_POSSESSIVE = re.compile(r"['\u2019]s?$", re.IGNORECASE)
_LEAD = re.compile(r"[\s\"'\u201c\u2018\u00ab(\[\u2014\u2013-]*")


def base_word(text: str) -> str:
    """The word without a possessive ending: "Bakhmut's" -> "Bakhmut"."""
    return _POSSESSIVE.sub("", text.strip())


@dataclass
class _Uses:
    spans: list[Span] = field(default_factory=list)
    mid_sentence: int = 0


@dataclass(frozen=True)
class DraftNames:
    """The capitalised words of a draft, their places, and which of them are learned names."""

    uses: dict[str, list[Span]]
    learned: frozenset[str]
    lower: frozenset[str]            # casefolded words the draft also writes in lower case
    mid_sentence: frozenset[str]     # capitalised words used at least once inside a sentence

    def is_learned(self, word: str) -> bool:
        return base_word(word) in self.learned


def draft_names(doc: Document, min_uses: int = MIN_USES) -> DraftNames:
    """Capitalised words used `min_uses`+ times, at least once mid-sentence, never in lower case."""
    text = doc.text
    starts = {s.start for s in doc.sentences}
    uses: dict[str, _Uses] = defaultdict(_Uses)
    lower: set[str] = set()
    for block in doc.blocks:
        for m in _WORD.finditer(text, block.start, block.end):
            word = base_word(m.group())
            if not word:
                continue
            if not word[0].isupper():
                lower.add(word.casefold())
                continue
            entry = uses[word]
            entry.spans.append(Span(m.start(), m.start() + len(word)))
            if not block.is_heading and not _starts_sentence(text, m.start(), starts, block.start):
                entry.mid_sentence += 1
    learned = frozenset(w for w, u in uses.items()
                        if len(w) > 1 and len(u.spans) >= min_uses and u.mid_sentence and w.casefold() not in lower)
    return DraftNames({w: u.spans for w, u in uses.items()}, learned, frozenset(lower),
                      frozenset(w for w, u in uses.items() if u.mid_sentence))


def _starts_sentence(text: str, offset: int, starts: set[int], block_start: int) -> bool:
    i = offset
    while i not in starts and i > block_start and _LEAD.fullmatch(text[i - 1]):
        i -= 1     # step back over opening quotes and spaces: "“Bakhmut is ..." starts a sentence
    return i in starts or i == block_start


def close_pairs(names: DraftNames) -> list[tuple[str, str]]:
    """Pairs of capitalised words of the draft a letter or two apart (Bakhmut / Bakhmout)."""
    words = sorted(w for w in names.uses if len(w) >= 4 and w.casefold() not in names.lower)
    by_initial: dict[str, list[str]] = defaultdict(list)
    for w in words:
        by_initial[w[0].casefold()].append(w)
    out = []
    for group in by_initial.values():
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                if a.isupper() or b.isupper():      # acronyms: EU / EUR are different things
                    continue
                short, long_ = sorted((a.casefold(), b.casefold()), key=len)
                if _derived(short, long_):
                    continue                        # the Kennedys, Nantucketer: a word made from the name
                limit = 2 if min(len(a), len(b)) >= 7 else 1      # Kennedy / Kennedie
                if abs(len(a) - len(b)) <= limit and _distance(a.casefold(), b.casefold(), limit) <= limit:
                    out.append((a, b))
    return out


def name_variants(names: DraftNames, unknown: set[str],
                  pairs: list[tuple[str, str]] | None = None) -> list[list[str]]:
    """Groups of capitalised spellings that differ by a letter or two; one of each pair is unknown.

    `unknown` holds the words the dictionary lacks: two known words (Russia / Russian) are
    different words, not two spellings of one name.
    """
    pairs = close_pairs(names) if pairs is None else pairs
    parent: dict[str, str] = {}

    def root(w: str) -> str:
        parent.setdefault(w, w)
        while parent[w] != w:
            parent[w] = parent[parent[w]]
            w = parent[w]
        return w

    for a, b in pairs:
        if a in unknown or b in unknown:
            parent[root(a)] = root(b)
    clusters: dict[str, list[str]] = defaultdict(list)
    for w in list(parent):
        clusters[root(w)].append(w)
    return [sorted(c, key=lambda w: (-len(names.uses[w]), w)) for c in clusters.values() if len(c) > 1]


# Endings that make a new word from a name: a plural, a demonym, an adjective (Nantucket-er,
# Leviathan-ic, Afric-a). "Donbas" / "Donbass" stays a pair: no plural adds "s" to a final "s".
_DERIVING = ("s", "es", "er", "ers", "an", "ans", "ian", "ians", "ic", "ish", "ese", "ite", "ites", "i",
             "is", "a")


def _derived(short: str, long_: str) -> bool:
    """True when both are one stem with different endings (Leviathans / Leviathanic)."""
    # The shorter word is the stem itself or its plural: "Harres" / "Harris" share no stem.
    for e1 in ("", "s"):
        if not short.endswith(e1) or len(short) - len(e1) < 4:
            continue
        stem = short[:len(short) - len(e1)]
        ending = long_[len(stem):] if long_.startswith(stem) else None
        if ending is not None and ending != e1 and (ending == "" or ending in _DERIVING):
            if {e1, ending} == {"", "s"} and stem.endswith("s"):
                continue
            return True
    return False


def listed_variant_groups() -> list[frozenset[str]]:
    """The spelling groups the consistency check already flags (resources/editorial/variants.txt)."""
    try:
        from .editorial_lists import load_lines
        lines = load_lines("variants.txt")
    except Exception:    # no list shipped: nothing is covered elsewhere
        return []
    return [frozenset(f.strip().casefold() for f in line.split("|") if f.strip()) for line in lines]


def variant_flag(spellings: list[str], names: DraftNames) -> Flag:
    """One consistency flag for every place of every spelling; the most used spelling is suggested."""
    places = sorted((s for w in spellings for s in names.uses[w]), key=lambda s: (s.start, s.end))
    counts = ", ".join(f"\u201c{w}\u201d {len(names.uses[w])}\u00d7" for w in spellings)
    first = places[0]
    return Flag("grammar", VARIANT_RULE, "consistency", first.start, first.end,
                f"One name, {len(spellings)} spellings ({counts}): use one spelling throughout.",
                Severity.WARNING, tuple(spellings), occurrences=tuple(places),
                engines=("reviewdesk",))


def soften_name_flag(flag: Flag, word: str, names: DraftNames) -> Flag:
    """An unknown capitalised word used mid-sentence is probably a name: ask, don't accuse."""
    if word not in names.mid_sentence:
        return flag
    return replace(flag, severity=min(flag.severity, Severity.SUGGESTION),
                   message=f"\u201c{word}\u201d is not in the dictionary: if it is a name, add it to the "
                           "dictionary; if not, check the spelling.")


def _distance(a: str, b: str, limit: int) -> int:
    """Edit distance with adjacent swaps (optimal string alignment), stopping early past `limit`."""
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[-1]
