"""Finds phrases of 2 to 6 words that a document repeats, keeping the maximal ones, and tells wording from terms.

A repeated phrase is either wording the writer could vary ("far from over", "in the coming weeks"),
reported as `repetition.phrase`, or one of the story's own names and terms ("Department of Health",
"income tax" in a tax story, "emergency rental assistance"), which good copy repeats on purpose and
which is reported apart as `repetition.term` (line-editing advice).
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from typing import Callable

from .repetition_words import WordStream, headline_block, word_list

MIN_WORDS, MAX_WORDS = 2, 6
# Occurrences a phrase needs in a draft of about REFERENCE_WORDS words, by its length in words, to
# be looked at at all; judge_phrases then decides which are wording and which are terms.
BASE_MIN_COUNT = {2: 3, 3: 3, 4: 2, 5: 2, 6: 2}
# Wording: places a fixed expression needs in a short draft (more in a long one, see wording_min).
WORDING_MIN = 3
# A compound that a name modifies ("US official") is far more often a term than a habit: it needs
# this many places to be wording. A bare compound of ordinary words ("health care") is a term.
BARE_MIN = 6
# A phrase used only twice is chance or deliberate parallelism, unless it is a copied clause this
# long, mostly of ordinary (lowercase) words.
COPIED_CLAUSE_WORDS = 8
# Words joining two nouns into one pair ("women and men"): they do not make a fixed phrase.
_COORDINATORS = frozenset({"and", "or", "&"})
# The story's most used content words are its topic words when also used outside the phrase this
# often, and at least as often as in it ("conflict" beside "the conflict between ... and ...").
TOPIC_WORDS, TOPIC_OUTSIDE = 10, 3
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
    kind: str = "phrase"        # "phrase": wording to vary; "term": a name or the story's own term

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
    # Inflections count as one phrase: "a US official" and "US officials" are one habit.
    ids, vocab_size = ws.inflection_ids()
    vocab_size = max(1, vocab_size)
    clause = ws.clause
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
    return _select_maximal(ws, ids, candidates, n_words)


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


def _select_maximal(ws: WordStream, ids: list[int], candidates: list[Phrase], n_words: int) -> list[Phrase]:
    """Longest first; a sub-phrase is kept only when it repeats often enough outside the longer ones."""
    absorbed = _absorbed(candidates)
    reach = [0] * (n_words + 1)   # reach[i]: furthest end of a kept phrase place covering word i
    kept: list[Phrase] = []
    seen: set[tuple[int, ...]] = set()
    for i in sorted(range(len(candidates)), key=lambda i: (-candidates[i].length, -candidates[i].count)):
        ph = candidates[i]
        key = tuple(ids[ph.positions[0]:ph.positions[0] + ph.length])
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


def judge_phrases(ws: WordStream, phrases: list[Phrase]) -> list[Phrase]:
    """The phrases, each with its kind set: wording to vary, or a term of the story.

    Wording ("phrase") needs WORDING_MIN places (more in a long draft), and is a fixed expression:
    it holds a function word inside ("far from over") or shares words around it at every place
    ("in the coming weeks" found as "coming weeks"); a compound that a name modifies ("US
    official") needs BARE_MIN places. Terms: a bare compound of ordinary words ("health care"),
    one always after "the" ("the prime minister") or a number ("per cent"), attribution ("the
    trust said in a statement"), anything made of capitalised words, and anything at least half
    made of the story's topic words (words of its headline, or among its most used words and used
    outside the phrase as often as in it).
    """
    if not phrases:
        return []
    n_words = len(ws)
    # The story's topic words: its headline's (by stem, as headlines inflect freely), and its most
    # used word forms. Forms rather than stems, so that "called" everywhere in a story does not make
    # "a wake-up call" one of its terms.
    counts = ws.word_counts()
    headline = _headline_stems(ws)
    top = {w for w, _ in Counter({w: n for w, n in counts.items() if not ws.stop[w]})
           .most_common(TOPIC_WORDS)}
    out: list[Phrase] = []
    for ph in phrases:
        out.append(replace(ph, kind=_kind(ws, ph, n_words, counts, headline, top)))
    return out


def _kind(ws: WordStream, ph: Phrase, n_words: int, counts: Counter[int],
          headline: frozenset[str], top: set[int]) -> str:
    first = ph.positions[0]
    wids = ws.ids[first:first + ph.length]
    if _is_name_like(ws, ph):
        return "term"
    capitals = sum(1 for i in range(first, first + ph.length) if ws.capital[i])
    if ph.length >= COPIED_CLAUSE_WORDS and 2 * capitals <= ph.length:
        return "phrase"       # a clause pasted again, whatever it is about
    reporting = word_list("reporting_verbs.txt")
    if any(ws.vocab[w] in reporting for w in wids):
        return "term"
    names = [_written_as_name(ws, ph, k) for k in range(ph.length)]
    content = [k for k, w in enumerate(wids) if not ws.stop[w] and not ws.vocab[w].isdigit()]
    strict = max(TOPIC_OUTSIDE, ph.count)
    topical = sum(1 for k in content if _topical(ws, ph, k, counts, headline, top, strict))
    fixed_words = any(ws.stop[w] and ws.vocab[w] not in _COORDINATORS for w in wids)
    if content and 2 * topical >= len(content):
        # Even the story's subject does not need the same four or more words again and again
        # ("the conflict between Russia and Ukraine" nine times in one article).
        heavy = ph.length >= 4 and fixed_words and ph.units >= 2 * wording_min(n_words)
        return "phrase" if heavy else "term"
    if ph.units < WORDING_MIN:
        return "term"
    context = _context(ws, ph)
    if context == "number" or context == "definite" and not fixed_words:
        return "term"
    scale = max(1.0, (n_words / REFERENCE_WORDS) ** 0.5)
    named = any(names)
    if not named and (fixed_words or context == "fixed"):
        return "phrase" if ph.units >= round(WORDING_MIN * scale) else "term"
    # A bare compound ("health care", "legal services") or a phrase about a name ("eastern
    # Ukraine", "Sudanese people") names a thing of the story. One that a name only modifies ("US
    # official") is a habit when used very often and its own words are not topic words.
    if not named or names[-1]:
        return "term"
    if any(_topical(ws, ph, k, counts, headline, top, TOPIC_OUTSIDE)
           for k in content if not names[k]):
        return "term"
    return "phrase" if ph.units >= round(BARE_MIN * scale) else "term"


def _topical(ws: WordStream, ph: Phrase, k: int, counts: Counter[int], headline: frozenset[str],
             top: set[int], outside_min: int) -> bool:
    """Is the phrase's k-th word a topic word: in the headline, or much used outside the phrase too?"""
    forms = {ws.ids[p + k] for p in ph.positions}
    if ws.stem(ws.ids[ph.positions[0] + k]) in headline:
        return True
    outside = sum(counts[w] for w in forms) - ph.count
    return bool(forms & top) and outside >= outside_min


def wording_min(n_words: int) -> int:
    """Places a fixed expression needs to be reported as wording in a draft of `n_words` words."""
    return round(WORDING_MIN * max(1.0, (n_words / REFERENCE_WORDS) ** 0.5))


def _written_as_name(ws: WordStream, ph: Phrase, k: int) -> bool:
    """Is the phrase's k-th word an acronym, or capitalised at half or more of its places inside a sentence?"""
    if ws.vocab[ws.ids[ph.positions[0] + k]].isupper():
        return True
    inside = [p + k for p in ph.positions if not ws.initial[p + k]]
    return bool(inside) and 2 * sum(1 for i in inside if ws.capital[i]) >= len(inside)


def _is_name_like(ws: WordStream, ph: Phrase) -> bool:
    """Every content word capitalised at half its places or more ("Equal Pay Act" / "equal pay").

    Only places inside a sentence of the body count: a sentence start or a title-case heading
    capitalises any word.
    """
    first = ph.positions[0]
    blocks = ws.doc.blocks
    body = [p for p in ph.positions if not blocks[ws.sentence_block[ws.sentence[p]]].is_heading]
    for k in range(ph.length):
        wid = ws.ids[first + k]
        if ws.stop[wid] or ws.vocab[wid].isdigit() or ws.vocab[wid].isupper():
            continue
        inside = [p for p in body if not ws.initial[p + k]]
        if not inside or 2 * sum(1 for p in inside if ws.capital[p + k]) < len(inside):
            return False
    return True


def _context(ws: WordStream, ph: Phrase) -> str:
    """What every place shares around the phrase, in its clause: "fixed", "definite", "number" or "".

    "fixed": the same word just before or after it everywhere ("in the coming weeks" is found as
    "coming weeks", "a wake-up call" as "wake-up call"). "definite": only "the" before it, which
    names one thing of the story ("the two leaders", "the prime minister"), not stock wording.
    "number": a number before it everywhere, a unit ("40 per cent", "12 square miles").
    """
    ids, clause, vocab = ws.ids, ws.clause, ws.vocab
    n = len(ids)
    before = [p - 1 for p in ph.positions]
    after = [p + ph.length for p in ph.positions]
    if all(0 <= x and clause[x] == clause[p] and vocab[ids[x]].isdigit()
           for x, p in zip(before, ph.positions)):
        return "number"
    shared_after = all(x < n and clause[x] == clause[p] for x, p in zip(after, ph.positions)) \
        and len({ids[x] for x in after}) == 1
    if shared_after:
        return "fixed"
    if all(0 <= x and clause[x] == clause[p] for x, p in zip(before, ph.positions)) \
            and len({ids[x] for x in before}) == 1:
        if vocab[ids[before[0]]] != "the":
            return "fixed"
        wider = Phrase(ph.length + 1, tuple(before), ph.units)
        return "fixed" if _context(ws, wider) == "fixed" else "definite"
    return ""


def _headline_stems(ws: WordStream) -> frozenset[str]:
    """Content-word stems of the draft's headline, if it has one."""
    head = headline_block(ws)
    if head < 0:
        return frozenset()
    end = ws.doc.blocks[head].end
    out = set()
    for i, si in enumerate(ws.sentence):
        if ws.starts[i] >= end:
            break
        if ws.sentence_block[si] == head and not ws.stop[ws.ids[i]]:
            out.add(ws.stem(ws.ids[i]))
    return frozenset(out)
