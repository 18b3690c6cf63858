"""Finds near-duplicate sentences and paragraphs (paraphrased padding) by weighted word overlap, without all pairs."""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable, Sequence

from ..core.flags import Span
from .repetition_words import WordStream, subject_stems, word_list

# A name ("Bakhmut", "Lady Catherine") shared by two sentences says less about sameness than shared
# wording does: its weight is scaled down, and a pair must share some non-name words too.
NAME_WEIGHT = 0.25
# A short sentence restated inside one more than this many times heavier is not padding, just a
# sentence that happens to use some of the same words.
MAX_WEIGHT_RATIO = 3.0
SENTENCE_THRESHOLD = 0.33
PARAGRAPH_THRESHOLD = 0.33
# What a pair must share: feature count, and of those, words that are not names.
SENTENCE_SHARED, SENTENCE_SHARED_WORDS = 4, 3
PARAGRAPH_SHARED, PARAGRAPH_SHARED_WORDS = 8, 4
NAME_MIN_USES = 3


@dataclass(frozen=True)
class Unit:
    """One sentence or paragraph to compare: its feature ids and which of them are names."""

    index: int                  # caller's index (sentence or block number)
    features: frozenset[int]
    names: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Group:
    """Units that say much the same thing; `score` is the mean similarity of the pairs that joined them."""

    members: tuple[int, ...]    # Unit.index values, in document order
    score: float
    pairs: tuple[tuple[int, int, float], ...]


@dataclass(frozen=True)
class NearDuplicate:
    """Sentences (or paragraphs) that say nearly the same thing, as spans in document order."""

    kind: str                   # "sentence" or "paragraph"
    places: tuple[Span, ...]
    score: float


def find_near_duplicates(ws: WordStream, *, skip_quotes: bool = True,
                         tick: Callable[[float], None] | None = None) -> list[NearDuplicate]:
    """Near-duplicate paragraphs, then sentences not already inside one reported paragraph group.

    Units are compared on stems of content words plus a few claim-bearing function words
    ("not", "over"). Headings are left out (a section restating its heading is expected), and so are
    sentences wholly inside one quotation when skip_quotes is on.
    """
    doc = ws.doc
    keep = word_list("near_duplicate_words.txt")
    names = subject_stems(ws, NAME_MIN_USES) | word_list("name_particles.txt")
    feature_of: dict[int, int | None] = {}
    feature_ids: dict[str, int] = {}
    name_features: set[int] = set()
    sentence_feats: dict[int, set[int]] = {}
    block_feats: dict[int, set[int]] = {}
    heading = [doc.blocks[b].is_heading for b in ws.sentence_block]
    quoted = [skip_quotes and doc.in_quote(s.start, s.end) for s in doc.sentences]
    ids, vocab, stop, sentence_of, block_of = ws.ids, ws.vocab, ws.stop, ws.sentence, ws.sentence_block
    for i, wid in enumerate(ids):
        si = sentence_of[i]
        if heading[si]:
            continue
        f = feature_of.get(wid, -1)
        if f == -1:
            word = vocab[wid]
            if word.isdigit() or stop[wid] and word not in keep:
                f = None
            else:
                # A kept function word is its own feature, so the stem of "noted" cannot match "not".
                key = "=" + word if stop[wid] else ws.stem(wid)
                f = feature_ids.setdefault(key, len(feature_ids))
                if key in names:
                    name_features.add(f)
            feature_of[wid] = f
        if f is None:
            continue
        if not quoted[si]:
            sentence_feats.setdefault(si, set()).add(f)
        block_feats.setdefault(block_of[si], set()).add(f)
    sentences_in_block: dict[int, int] = {}
    for si, b in enumerate(block_of):
        sentences_in_block[b] = sentences_in_block.get(b, 0) + 1
    block_units = [Unit(b, frozenset(fs), frozenset(fs & name_features))
                   for b, fs in sorted(block_feats.items()) if sentences_in_block[b] >= 2]
    sentence_units = [Unit(si, frozenset(fs), frozenset(fs & name_features))
                      for si, fs in sorted(sentence_feats.items())]
    part = (lambda lo, hi: (lambda f: tick(lo + (hi - lo) * f))) if tick else (lambda lo, hi: None)
    out: list[NearDuplicate] = []
    covered: dict[int, int] = {}      # block index -> paragraph group number
    for n, g in enumerate(find_groups(block_units, threshold=PARAGRAPH_THRESHOLD,
                                      min_shared=PARAGRAPH_SHARED,
                                      min_shared_words=PARAGRAPH_SHARED_WORDS, tick=part(0.0, 0.3))):
        out.append(NearDuplicate("paragraph", tuple(doc.blocks[b].span for b in g.members), g.score))
        covered.update((b, n) for b in g.members)
    for g in find_groups(sentence_units, threshold=SENTENCE_THRESHOLD, min_shared=SENTENCE_SHARED,
                         min_shared_words=SENTENCE_SHARED_WORDS, tick=part(0.3, 1.0)):
        homes = {covered.get(block_of[si], -1 - si) for si in g.members}
        if len(homes) == 1:
            continue          # already said by the paragraph group these sentences sit in
        out.append(NearDuplicate("sentence", tuple(doc.sentences[si] for si in g.members), g.score))
    out.sort(key=lambda nd: nd.places[0].start)
    return out


def similarity(shared: float, weight_a: float, weight_b: float) -> float:
    """Mean of weighted Dice (same size, same words) and weighted containment (one restated inside the other)."""
    if shared <= 0:
        return 0.0
    dice = 2 * shared / (weight_a + weight_b)
    containment = shared / min(weight_a, weight_b)
    return (dice + containment) / 2


def find_groups(units: Sequence[Unit], *, threshold: float, min_shared: int = 4,
                min_shared_words: int = 2, max_df_share: float = 0.05,
                tick: Callable[[float], None] | None = None) -> list[Group]:
    """Groups of units whose pairwise similarity reaches `threshold`.

    Features are weighted by rarity in this document (idf). Features in more than `max_df_share` of
    the units (at least 100) are dropped: too common to tell two units apart, and they would make
    candidate generation quadratic. Candidates come from prefix filtering: since similarity >= t
    needs containment >= t, the lighter unit of a similar pair must share one of the rare features
    that make up more than (1 - t) of its weight, so only those are probed in the inverted index.
    """
    n = len(units)
    if n < 2:
        return []
    df: dict[int, int] = {}
    for u in units:
        for f in u.features:
            df[f] = df.get(f, 0) + 1
    cap = max(100, int(max_df_share * n))
    idf = {f: math.log(1 + n / c) for f, c in df.items() if 1 < c <= cap}

    feats: list[list[int]] = []       # usable features of each unit, rarest first
    weights: list[dict[int, float]] = []
    totals: list[float] = []
    for u in units:
        w = {f: idf[f] * (NAME_WEIGHT if f in u.names else 1.0) for f in u.features if f in idf}
        # Singletons still count in the unit's weight: a unit with many unique words is less alike.
        unique = sum(1 for f in u.features if df[f] == 1)
        weights.append(w)
        feats.append(sorted(w, key=lambda f: (-w[f], f)))
        totals.append(sum(w.values()) + unique * math.log(1 + n))

    index: dict[int, list[int]] = {}
    for i, fs in enumerate(feats):
        for f in fs:
            index.setdefault(f, []).append(i)

    pairs: list[tuple[int, int, float]] = []
    for i in range(n):
        if tick is not None and i % 512 == 0:
            tick(i / n)
        fs = feats[i]
        if len(fs) < min_shared:
            continue
        # Probe with the prefix of i; only partners at least as heavy (ties broken by index), so
        # the lighter side of each pair does the probing and each pair is met once.
        seen: set[int] = set()
        rest = sum(weights[i].values())
        for f in fs:
            if rest < threshold * totals[i]:
                break            # what is left cannot reach containment >= threshold on its own
            rest -= weights[i][f]
            for j in index[f]:
                if j == i or j in seen:
                    continue
                if totals[j] < totals[i] or totals[j] == totals[i] and j < i:
                    continue
                if totals[j] > MAX_WEIGHT_RATIO * totals[i]:
                    continue
                seen.add(j)
                score = _score(units, weights, totals, i, j, min_shared, min_shared_words)
                if score >= threshold:
                    pairs.append((min(i, j), max(i, j), score))
    return _cluster(units, pairs)


def _score(units: Sequence[Unit], weights: list[dict[int, float]], totals: list[float], i: int, j: int,
           min_shared: int, min_shared_words: int) -> float:
    wi, wj = weights[i], weights[j]
    if len(wi) > len(wj):
        wi, wj = wj, wi
    shared = [f for f in wi if f in wj]
    if len(shared) < min_shared:
        return 0.0
    names = units[i].names | units[j].names
    if sum(1 for f in shared if f not in names) < min_shared_words:
        return 0.0
    # Weights differ between the two only by the name scaling, which both apply alike.
    return similarity(sum(wi[f] for f in shared), totals[i], totals[j])


def _cluster(units: Sequence[Unit], pairs: list[tuple[int, int, float]]) -> list[Group]:
    """Average-linkage grouping: two groups join only if their members are alike on average.

    Joining on any single similar pair would chain a long novel's sentences about one character
    into one group of dozens; pairs not found similar count as 0 in the average.
    """
    threshold = min((s for _, _, s in pairs), default=0.0)
    score = {(i, j): s for i, j, s in pairs}
    group_of = {i: i for pair in pairs for i in pair[:2]}
    members: dict[int, list[int]] = {i: [i] for i in group_of}
    for i, j, s in sorted(pairs, key=lambda p: -p[2]):
        gi, gj = group_of[i], group_of[j]
        if gi == gj:
            continue
        a, b = members[gi], members[gj]
        total = sum(score.get((min(x, y), max(x, y)), 0.0) for x in a for y in b)
        if total / (len(a) * len(b)) < threshold * 0.5:
            continue
        if len(a) < len(b):
            gi, gj, a, b = gj, gi, b, a
        a.extend(b)
        for x in b:
            group_of[x] = gi
        del members[gj]
    groups = []
    for g in members.values():
        if len(g) < 2:
            continue
        inside = set(g)
        edges = tuple((units[i].index, units[j].index, s) for i, j, s in pairs if i in inside and j in inside)
        groups.append(Group(tuple(sorted(units[i].index for i in g)),
                            sum(e[2] for e in edges) / len(edges), edges))
    groups.sort(key=lambda g: g.members[0])
    return groups
