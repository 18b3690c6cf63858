"""Word-level reading for the fact checks: tokens, clauses, verb and noun lemmas, names and what a statement is about."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from lemminflect import getAllLemmas, getAllLemmasOOV

from .editorial_lists import load_toml
from .editorial_text import MONTHS

_TOKEN = re.compile(r"[A-Za-z][A-Za-z'\u2019]*(?:-[A-Za-z]+)*|\d[\d,.]*\d|\d")
# Where one clause ends and another, about something else, begins.
CLAUSE_BREAK = re.compile(r";|:\s|\s[\u2014\u2013]\s|\u2014|,\s+(?:and|but|while|whereas|although|though)\s|"
                          r"\s+(?:while|whereas)\s|,\s+which\s")
_MODALS = frozenset("to will would could can may might should must did does do shall".split())
_AUX = frozenset("""be is are was were been being am have has had having do does did will would shall
should can could may might must get got gets""".split())
_NOT_ENTITY = frozenset("""The This That These Those There Their They Then When While Since After Before
During Despite Although However Meanwhile According It Its His Her Our We He She Some Many Most Both Each
Such What Which Who How Yet Still Even Also In On At By For From With As If And But Or Of To A An
Mr Mrs Ms Dr Sir Dame Monday Tuesday Wednesday Thursday Friday Saturday Sunday Today Yesterday Last Next
President Prime Minister Secretary Governor Senator Sen Rep Representative Mayor Chief Officer Director
I You My Your Now Here Every Several Under Over About Around Nearly Almost More Less Than Only Just One Two
Three Four Five Six Seven Eight Nine Ten""".split()) | frozenset(MONTHS)


_FUNCTION = frozenset("""that this these those then than there their they them when where which while
with within without into onto upon from about above below after before since until what whom whose
also very much many more most some such each every both either neither none nothing could would
should shall might must will your yours ours hers theirs itself himself herself themselves they them
he him she it we us you i me""".split())


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    text: str

    @property
    def lower(self) -> str:
        return self.text.lower().replace("\u2019", "'")


def tokens(text: str, start: int, end: int) -> list[Token]:
    return [Token(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text, start, end)]


@lru_cache(maxsize=None)
def config() -> dict[str, Any]:
    data = load_toml("consistency.toml")
    facts = data.get("facts", {})
    canon: dict[str, str] = {}
    for group in facts.get("same_meaning", []):
        for word in group:
            canon[word] = group[0]
    return {
        "canon": canon,
        "light": frozenset(facts.get("light_verbs", [])),
        "generic": frozenset(facts.get("generic_nouns", [])),
        "change": _phrases(facts.get("change_words", [])),
        "compare": _phrases(facts.get("compare_words", [])),
        "part_before": _phrases(facts.get("part_before", [])),
        "part_after": _phrases(facts.get("part_after", [])),
        "rate": _phrases(facts.get("rate_words", [])),
        "repeat": _phrases(facts.get("repeat_words", [])),
        "not_nouns": frozenset(facts.get("not_counted", [])),
        "reporting": frozenset(facts.get("reporting_verbs", [])),
        "units": frozenset(facts.get("units", [])),
        "future": _phrases(facts.get("future_words", [])),
    }


def _phrases(words: list[str]) -> re.Pattern[str]:
    body = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{body or '(?!)'})(?![\w-])", re.IGNORECASE)


def canonical(lemma: str) -> str:
    """One name for words that count or date the same thing ("died", "killed", "deaths")."""
    return config()["canon"].get(lemma, lemma)


@lru_cache(maxsize=20000)
def _lemmas(word: str) -> dict[str, tuple[str, ...]]:
    return getAllLemmas(word)


def verb_form(word: str) -> bool:
    """Any verb in a finite or participle form, light ones too ("showed", "said", "killed")."""
    w = word.lower()
    verbs = _lemmas(w).get("VERB") if w.isalpha() else None
    return bool(verbs) and w != verbs[0] and not (w.endswith("s") and "NOUN" in _lemmas(w))


def verb_lemma(word: str, after_modal: bool = False, light: bool = True) -> str | None:
    """The lemma of a word used as a full verb ("killed" -> "kill"); None for nouns, auxiliaries
    and light verbs ("said", "had") that never say what a figure is about."""
    w = word.lower().replace("\u2019", "'")
    if w in _AUX or not w.isalpha() and "-" not in w:
        return None
    lem = _lemmas(w)
    verbs = lem.get("VERB")
    if not verbs:
        return None
    v = verbs[0]
    if v in _AUX or (v in config()["light"] if light else v in config()["reporting"]):
        return None
    if (w.endswith(("ed", "ing")) and w != v) or after_modal:
        return v
    if w != v and not w.endswith("s"):
        return v                 # irregular past: "won", "rose", "paid"
    if w != v and "NOUN" not in lem:
        return v                 # "employs", but not "jobs" or "cuts"
    return None


def noun_lemma(word: str) -> str | None:
    w = word.lower().replace("\u2019", "'")
    if not w.replace("-", "").isalpha() or w in _FUNCTION:
        return None
    lemmas = _lemmas(w)
    nouns = lemmas.get("NOUN")
    if nouns:
        return nouns[0]
    if not lemmas and len(w) > 3 and w not in _FUNCTION:
        # lemminflect's dictionary lacks many plain nouns ("gallery", "county"); its rules read them
        return getAllLemmasOOV(w, "NOUN").get("NOUN", (w,))[0]
    return None


def event_lemma(word: str) -> str | None:
    """What a noun or verb says happened, as a verb-like lemma: "founding" -> "found",
    "passage" -> "pass", "election" -> "elect", "deaths" -> "die" (through the same-meaning table)."""
    w = word.lower()
    v = verb_lemma(w)
    if v:
        return canonical(v)
    n = noun_lemma(w)
    if n is None:
        return None
    if canonical(n) != n:
        return canonical(n)
    verbs = _lemmas(n).get("VERB")
    if verbs:
        return canonical(verbs[0])
    for suffix in ("ation", "ition", "ion", "age", "ment", "al", "ure", "ing"):
        if n.endswith(suffix) and len(n) - len(suffix) >= 3:
            stem = n[: -len(suffix)]
            for cand in (stem, stem + "e", stem[:-1] if stem[-1:] == stem[-2:-1] else stem):
                if _lemmas(cand).get("VERB", ("",))[0] == cand:
                    return canonical(cand)
    return None


def clause_bounds(text: str, sentence_start: int, sentence_end: int, pos: int) -> tuple[int, int]:
    """The clause of a sentence that holds pos (between ";", dashes, ", and", ", while"...)."""
    lo, hi = sentence_start, sentence_end
    for m in CLAUSE_BREAK.finditer(text, sentence_start, sentence_end):
        if m.end() <= pos:
            lo = m.end()
        elif m.start() >= pos:
            hi = m.start()
            break
    return lo, hi


def entities(text: str, start: int, end: int, known: frozenset[str] = frozenset()) -> frozenset[str]:
    """Names in a stretch of text: capitalised words that are not there because they start a
    sentence (a dictionary word opening a sentence counts when `known` has it from mid-sentence)."""
    out = set()
    for t in tokens(text, start, end):
        w = t.text
        if not w[0].isupper() or w in _NOT_ENTITY or len(w) < 2:
            continue
        at_start = t.start == start or re.search(r"(?:^|[.!?\"\u201c\u2018(\n])\s*$",
                                                 text[max(0, t.start - 3):t.start])
        if at_start and (_lemmas(w.lower()) or w.lower() in _FUNCTION) and w not in known:
            continue     # "Officials said...": capitalised only by its place
        out.add(w.rstrip("'\u2019s") if w.endswith(("'s", "\u2019s")) else w)
    return frozenset(out)


def years_in(text: str, start: int, end: int) -> frozenset[int]:
    return frozenset(int(m.group()) for m in re.finditer(r"(?<![\d$,.])(?:19|20)\d\d(?![\d,])", text[start:end]))


_PRONOUN = re.compile(r"\b(?:they|he|she|it|its|their|his|her|them|him)\b", re.IGNORECASE)


def names_for(text: str, spans, index: int, lo: int, hi: int, known: frozenset[str] = frozenset()) -> frozenset[str]:
    """The names a clause is about: its own, or, when it says only "they" or "she", those of the
    sentence before it in the same paragraph."""
    own = entities(text, lo, hi, known)
    head = re.match(r"\s*(?:(?:and|but|so|yet|still|now|meanwhile),?\s+)?", text[lo:hi], re.IGNORECASE)
    if own or not _PRONOUN.match(text, lo + head.end()):
        return own                # only a clause that opens with "They", "She", "Its" is read back
    for k in range(index - 1, max(-1, index - 3), -1):
        prev = spans[k]
        if "\n\n" in text[prev.end:spans[k + 1].start]:
            break
        found = entities(text, prev.start, prev.end, known)
        if found:
            return found
    return own


def mid_capitals(doc) -> frozenset[str]:
    """Capitalised words the draft uses inside sentences: names, even when they are also words."""
    cached = doc.__dict__.get("_consistency_capitals")
    if cached is None:
        cached = frozenset(m.group(1) for m in re.finditer(r"[a-z,][ \t]+([A-Z][a-z]{2,})\b", doc.text))
        doc.__dict__["_consistency_capitals"] = cached
    return cached


def main_names(doc) -> frozenset[str]:
    """The names the story is about: those of its first sentence with a name that the draft
    repeats. A clause without names ("the company employs 18,000") is taken to be about them."""
    cached = doc.__dict__.get("_consistency_main_names")
    if cached is None:
        text = doc.text
        known = mid_capitals(doc)
        cached = frozenset()
        body = [s for s in doc.sentences if (doc.block_at(s.start) or doc.blocks[0]).is_prose]
        for s in body[:3]:
            found = entities(text, s.start, s.end, known)
            repeated = frozenset(n for n in found if len(re.findall(rf"\b{re.escape(n)}\b", text)) >= 2)
            if repeated:
                cached = repeated
                break
        doc.__dict__["_consistency_main_names"] = cached
    return cached


def clash_groups(items: list, clash, reach: int) -> list[list[int]]:
    """Indexes of items that clash with one another, grouped (union-find over clashing pairs).

    `clash(a, b)` says two statements are about one thing and disagree; each item is compared with
    the next `reach` items only, so a novel's thousands of figures stay fast."""
    parent = list(range(len(items)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    clashing: set[int] = set()
    for i, a in enumerate(items):
        for j in range(i + 1, min(len(items), i + reach)):
            if clash(a, items[j]):
                parent[root(j)] = root(i)
                clashing.update((i, j))
    groups: dict[int, list[int]] = {}
    for i in sorted(clashing):
        groups.setdefault(root(i), []).append(i)
    return list(groups.values())


def and_list(items: list[str]) -> str:
    """'2014', '2014 and 2018', '2014, 2018 and 2020'."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
