"""Finds phrases of 2 to 6 words that a document repeats, keeping the maximal ones, one finding each."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from .repetition_words import WordStream, word_list

MIN_WORDS, MAX_WORDS = 2, 6
# Occurrences a phrase needs in a draft of about REFERENCE_WORDS words, by its length in words: a
# two-word phrase repeats by chance far more often than a four-word one.
BASE_MIN_COUNT = {2: 4, 3: 3, 4: 2, 5: 2, 6: 2}
REFERENCE_WORDS = 3000
# A phrase overlapped at every place by one more than this many times as frequent is an accident of
# that phrase ("bakhmut is far from over" inside "far from over"), not a finding of its own.
ABSORB_RATIO = 2.0


@dataclass(frozen=True)
class Phrase:
    """A repeated phrase: `positions` are the index of its first word at each place."""

    length: int
    positions: tuple[int, ...]
    units: int                  # places counted, all places inside one quotation counting once

    @property
    def count(self) -> int:
        return len(self.positions)


def min_count(length: int, doc_words: int) -> int:
    """Occurrences needed, growing with the square root of the length of the document."""
    scale = max(1.0, (doc_words / REFERENCE_WORDS) ** 0.5)
    return max(2, round(BASE_MIN_COUNT[length] * scale))


def find_repeated_phrases(ws: WordStream, *, skip_quotes: bool = True,
                          tick: Callable[[float], None] | None = None) -> list[Phrase]:
    """Maximal repeated phrases, the weightiest (count x words) first.

    Counting grows phrases a word at a time and only extends those that already repeat often enough
    (a phrase cannot occur more often than its prefix), so a million words stay cheap.
    """
    n_words = len(ws)
    floor = min(min_count(n, n_words) for n in range(MIN_WORDS, MAX_WORDS + 1))
    ids, clause = ws.ids, ws.clause
    vocab_size = max(1, len(ws.vocab))
    candidates: list[Phrase] = []
    groups: dict[int, list[int]] = {}
    for p in range(n_words - 1):
        if clause[p] == clause[p + 1]:
            key = ids[p] * vocab_size + ids[p + 1]
            found = groups.get(key)
            if found is None:
                groups[key] = [p]
            else:
                found.append(p)
    for length in range(MIN_WORDS, MAX_WORDS + 1):
        if tick is not None:
            tick((length - MIN_WORDS) / (MAX_WORDS - MIN_WORDS + 1))
        kept = {k: v for k, v in groups.items() if len(v) >= floor}
        if length == MAX_WORDS:
            candidates.extend(_longest(ws, list(kept.values()), skip_quotes))
            break
        need = min_count(length, n_words)
        for positions in kept.values():
            if len(positions) >= need:
                ph = _candidate(ws, positions, length, need, skip_quotes)
                if ph is not None:
                    candidates.append(ph)
        groups = {}
        for key, positions in kept.items():
            for p in positions:
                q = p + length
                if q < n_words and clause[q] == clause[p]:
                    longer = key * vocab_size + ids[q]
                    found = groups.get(longer)
                    if found is None:
                        groups[longer] = [p]
                    else:
                        found.append(p)
    return _select_maximal(ws, candidates, n_words)


def _candidate(ws: WordStream, positions: list[int] | tuple[int, ...], length: int, need: int,
               skip_quotes: bool) -> Phrase | None:
    if not _is_phrase(ws, positions[0], length):
        return None
    units = _units(ws, positions, length, skip_quotes)
    if units < need or _is_name(ws, positions, length):
        return None
    return Phrase(length, tuple(positions), units)


def _longest(ws: WordStream, groups: list[list[int]], skip_quotes: bool) -> list[Phrase]:
    """Phrases of MAX_WORDS words, with overlapping windows of one longer repeated passage joined.

    A repeated 9-word passage gives four 6-word windows whose places are shifted by one word each;
    reporting them as one phrase beats four overlapping findings.
    """
    need = min_count(MAX_WORDS, len(ws))
    by_places = {tuple(g): g for g in groups}
    out: list[Phrase] = []
    for places in by_places:
        if tuple(p - 1 for p in places) in by_places:
            continue                      # not the head of a chain
        length = MAX_WORDS
        nxt = tuple(p + 1 for p in places)
        while nxt in by_places:
            length += 1
            nxt = tuple(p + 1 for p in nxt)
        first = 0
        if length > MAX_WORDS:            # trim function words off the joined passage's ends
            while first < length - 1 and ws.edge[ws.ids[places[0] + first]]:
                first += 1
            while length > first + 1 and ws.edge[ws.ids[places[0] + length - 1]]:
                length -= 1
        positions = tuple(p + first for p in places)
        if length - first < MIN_WORDS or len(positions) < need:
            continue
        ph = _candidate(ws, positions, length - first, need, skip_quotes)
        if ph is not None:
            out.append(ph)
    return out


def _is_phrase(ws: WordStream, first: int, length: int) -> bool:
    """Not function words alone, and not starting or ending on a word that adds nothing there."""
    ids = ws.ids
    if ws.edge[ids[first]] or ws.edge[ids[first + length - 1]]:
        return False
    if all(ws.stop[ids[i]] for i in range(first, first + length)):
        return False
    # Numbers alone ("2014 2015") are data, not wording.
    return not all(ws.vocab[ids[i]].isdigit() for i in range(first, first + length))


def _units(ws: WordStream, positions: list[int], length: int, skip_quotes: bool) -> int:
    """Places, counting those inside one quotation once: a speaker repeating themselves is their business."""
    if not skip_quotes:
        return len(positions)
    seen: set[int] = set()
    units = 0
    quote = ws.quote
    for p in positions:
        q = quote[p]
        if q >= 0 and quote[p + length - 1] == q:
            if q in seen:
                continue
            seen.add(q)
        units += 1
    return units


def _is_name(ws: WordStream, positions: list[int] | tuple[int, ...], length: int) -> bool:
    """Capitalised words everywhere ("Mr. Darcy", "United States", "de Bourgh") make a name, not wording."""
    ids, capital, vocab = ws.ids, ws.capital, ws.vocab
    particles = word_list("name_particles.txt")
    for p in positions:
        for i in range(p, p + length):
            if not capital[i] and vocab[ids[i]] not in particles:
                return False
    return True


def _select_maximal(ws: WordStream, candidates: list[Phrase], n_words: int) -> list[Phrase]:
    """Longest first; a sub-phrase is kept only when it repeats often enough outside the longer ones."""
    absorbed = _absorbed(candidates)
    reach = [0] * (n_words + 1)   # reach[i]: furthest end of a kept phrase place covering word i
    kept: list[Phrase] = []
    seen: set[tuple[int, ...]] = set()
    for i in sorted(range(len(candidates)), key=lambda i: (-candidates[i].length, -candidates[i].count)):
        ph = candidates[i]
        key = tuple(ws.ids[ph.positions[0]:ph.positions[0] + ph.length])
        if i in absorbed or key in seen:
            continue
        length = ph.length
        free = sum(1 for p in ph.positions if reach[p] < p + length)
        if free < ph.count and free < max(2, min_count(min(length, MAX_WORDS), n_words) // 2):
            continue          # seldom used outside the longer phrase already reported
        seen.add(key)
        kept.append(ph)
        for p in ph.positions:
            stop = p + length
            for j in range(p, stop):
                if reach[j] < stop:
                    reach[j] = stop
    kept.sort(key=lambda ph: (-ph.count * ph.length, ph.positions[0]))
    return kept


def _absorbed(candidates: list[Phrase]) -> set[int]:
    """Candidates that are accidents of a far more frequent phrase overlapping every one of their places.

    "bakhmut is far from over" (3 places) is "far from over" (8 places) with a word before it.
    """
    covering: dict[int, list[int]] = {}
    for i, ph in enumerate(candidates):
        for p in ph.positions:
            for j in range(p, p + ph.length):
                covering.setdefault(j, []).append(i)
    out: set[int] = set()
    for i, ph in enumerate(candidates):
        common: set[int] | None = None
        for p in ph.positions:
            here = {k for j in range(p, p + ph.length) for k in covering[j]
                    if candidates[k].count > ABSORB_RATIO * ph.count}
            common = here if common is None else common & here
            if not common:
                break
        if common:
            out.add(i)
    return out
