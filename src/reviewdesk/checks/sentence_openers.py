"""Repeated openers: paragraphs across the draft, or sentences within one paragraph, that start the same way."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from .repetition_words import WordStream

MAX_OPENER_WORDS = 3      # openers are grouped on their first 1 to 3 words...
MAX_SHOWN_WORDS = 6       # ...and shown with as many more words as every place shares
PARAGRAPH_MIN = 3
SENTENCE_MIN = 3
REFERENCE_PARAGRAPHS = 60
# One-word sentence openers that say nothing about style however often they recur.
_ARTICLES = frozenset({"the", "a", "an"})


@dataclass(frozen=True)
class Opener:
    """The same opening words at several places; `places` are word indexes of the first word."""

    places: tuple[int, ...]
    length: int                 # words shown
    scope: str                  # "paragraph" or "sentence"


def paragraph_min(paragraphs: int) -> int:
    """Paragraphs needed: 3 in an article, more in a book, where some recurrence is only chance."""
    return max(PARAGRAPH_MIN, round(PARAGRAPH_MIN * (paragraphs / REFERENCE_PARAGRAPHS) ** 0.5))


def find_openers(ws: WordStream, *, skip_quotes: bool = True,
                 subjects: frozenset[str] = frozenset()) -> list[Opener]:
    """Paragraph openers shared across the draft, and runs of sentences in a paragraph opening alike.

    A one-word paragraph opener counts only when it is a content word other than one of the
    draft's subjects: a novel's paragraphs open with "Elizabeth" as a matter of course.
    """
    firsts: list[int] = []                      # first word of each paragraph
    runs: dict[int, list[int | None]] = {}      # block -> first word of each sentence (None: skipped)
    for si, first in enumerate(ws.sentence_first):
        if first < 0:
            continue
        block = ws.sentence_block[si]
        if not ws.doc.blocks[block].is_prose:
            continue
        skipped = skip_quotes and ws.quote[first] >= 0
        runs.setdefault(block, []).append(None if skipped else first)
        if len(runs[block]) == 1 and not skipped and _block_starts_at(ws, block, first):
            firsts.append(first)

    def paragraph_word_ok(wid: int) -> bool:
        return not ws.stop[wid] and ws.stem(wid) not in subjects

    out = _group(ws, firsts, paragraph_min(len(ws.doc.paragraphs)), paragraph_word_ok)
    for starts in runs.values():
        out.extend(_sentence_runs(ws, starts))
    out.sort(key=lambda o: o.places[0])
    return out


def _sentence_runs(ws: WordStream, starts: list[int | None]) -> list[Opener]:
    """Runs of SENTENCE_MIN or more sentences in a row opening with the same word ("She ... She ... She")."""
    out: list[Opener] = []
    run: list[int] = []
    for first in starts + [None]:
        if first is not None and run and ws.ids[first] == ws.ids[run[0]]:
            run.append(first)
            continue
        if len(run) >= SENTENCE_MIN and ws.vocab[ws.ids[run[0]]] not in _ARTICLES:
            out.append(Opener(tuple(run), _shared_length(ws, run, 1), "sentence"))
        run = [first] if first is not None else []
    return out


def _block_starts_at(ws: WordStream, block: int, word: int) -> bool:
    """True when `word` is the first word of the block (its first sentence was not skipped)."""
    b = ws.doc.blocks[block]
    return not ws.doc.text[b.start:ws.starts[word]].strip(" \t\n\"'\u201c\u2018(")


def _group(ws: WordStream, starts: list[int], need: int,
           one_word_ok: Callable[[int], bool]) -> list[Opener]:
    """Longest shared opener first: places grouped on 3 words, the rest on 2, then on 1."""
    ids, clause = ws.ids, ws.clause
    left = list(starts)
    out: list[Opener] = []
    for k in range(MAX_OPENER_WORDS, 0, -1):
        groups: dict[tuple[int, ...], list[int]] = {}
        for p in left:
            if p + k > len(ids) or clause[p + k - 1] != clause[p]:
                continue
            groups.setdefault(tuple(ids[p:p + k]), []).append(p)
        taken: set[int] = set()
        for key, places in groups.items():
            if len(places) < need:
                continue
            if k == 1 and not one_word_ok(key[0]):
                continue
            if k > 1 and all(ws.edge[w] for w in key):
                continue      # "It is", "In the": function words only
            out.append(Opener(tuple(places), _shared_length(ws, places, k), "paragraph"))
            taken.update(places)
        left = [p for p in left if p not in taken]
    return out


def _shared_length(ws: WordStream, places: list[int], k: int) -> int:
    ids, clause = ws.ids, ws.clause
    length = k
    while length < MAX_SHOWN_WORDS:
        q = [p + length for p in places]
        if any(x >= len(ids) or clause[x] != clause[p] for x, p in zip(q, places)):
            break
        if len({ids[x] for x in q}) != 1:
            break
        length += 1
    # Do not end the shown opener on a function word ("The Battle for").
    while length > k and ws.edge[ids[places[0] + length - 1]]:
        length -= 1
    return length
