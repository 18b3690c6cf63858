"""Groups sets of features (sentences, paragraphs) that overlap by weighted similarity, without comparing all pairs."""
from __future__ import annotations

import math
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from typing import Callable, Sequence

# A name ("Bakhmut", "Lady Catherine") shared by two sentences says less about sameness than shared
# wording does: its weight is scaled down, and a pair must share some non-name words too.
NAME_WEIGHT = 0.25
# A short sentence restated inside one more than this many times heavier is not padding, just a
# sentence that happens to use some of the same words.
MAX_WEIGHT_RATIO = 3.0
# Features in more than DROP_SHARE of the units (and at least DROP_MIN) are ignored as this
# document's own stop words; only those in at most PROBE_SHARE (at least PROBE_MIN) find candidates.
DROP_SHARE, DROP_MIN = 0.05, 100
PROBE_SHARE, PROBE_MIN = 0.002, 100


@dataclass(frozen=True)
class Unit:
    """One sentence or paragraph to compare: the caller's index for it and its feature ids."""

    index: int
    features: frozenset[int]


@dataclass(frozen=True)
class Group:
    """Units that say much the same thing; `score` is the mean similarity of the pairs that joined them."""

    members: tuple[int, ...]    # Unit.index values, ascending
    score: float


def similarity(shared: float, weight_a: float, weight_b: float) -> float:
    """Mean of weighted Dice (same size, same words) and weighted containment (one restated inside the other)."""
    if shared <= 0:
        return 0.0
    dice = 2 * shared / (weight_a + weight_b)
    containment = shared / min(weight_a, weight_b)
    return (dice + containment) / 2


def find_groups(units: Sequence[Unit], *, threshold: float, names: frozenset[int] = frozenset(),
                min_shared: int = 4, min_shared_words: int = 2,
                tick: Callable[[float], None] | None = None) -> list[Group]:
    """Groups of units whose pairwise similarity reaches `threshold`.

    Features are weighted by rarity in this document (idf), names by NAME_WEIGHT more. Candidate
    pairs come from an inverted index of the less common features only: a pair must share two of
    those, or more when the units have too few common features to make up `min_shared`. Pairs are
    counted in C (Counter.update) and only the candidates are scored, so a million words take
    seconds rather than the minutes that scoring every pair sharing a word would.
    """
    n = len(units)
    if n < 2:
        return []
    df: dict[int, int] = {}
    for u in units:
        for f in u.features:
            df[f] = df.get(f, 0) + 1
    drop_cap = max(DROP_MIN, int(DROP_SHARE * n))
    probe_cap = max(PROBE_MIN, int(PROBE_SHARE * n))
    single = math.log(1 + n)
    weight = {f: math.log(1 + n / c) * (NAME_WEIGHT if f in names else 1.0)
              for f, c in df.items() if 1 < c <= drop_cap}
    sets: list[frozenset[int]] = []
    totals: list[float] = []
    postings: dict[int, list[int]] = {}
    for i, u in enumerate(units):
        usable = frozenset(f for f in u.features if f in weight)
        sets.append(usable)
        # Words found nowhere else still count in a unit's weight: many of them make it less alike.
        unique = sum(1 for f in u.features if df[f] == 1)
        totals.append(sum(weight[f] for f in usable) + unique * single)
        for f in usable:
            if df[f] <= probe_cap:
                postings.setdefault(f, []).append(i)

    pairs: list[tuple[int, int, float]] = []
    for i in range(n):
        if tick is not None and i % 1024 == 0:
            tick(i / n)
        mine = sets[i]
        if len(mine) < min_shared:
            continue
        probed = [f for f in mine if f in postings]
        need = max(2, min_shared - (len(mine) - len(probed)))
        if len(probed) < need:
            continue
        counts: Counter[int] = Counter()
        for f in probed:
            plist = postings[f]
            k = bisect_right(plist, i)          # partners after i only: each pair is met once
            if k < len(plist):
                counts.update(plist[k:])
        ti = totals[i]
        for j in [j for j, c in counts.items() if c >= need]:
            tj = totals[j]
            if tj > MAX_WEIGHT_RATIO * ti or ti > MAX_WEIGHT_RATIO * tj:
                continue
            shared = mine & sets[j]
            if len(shared) < min_shared or len(shared - names) < min_shared_words:
                continue
            score = similarity(sum(weight[f] for f in shared), ti, tj)
            if score >= threshold:
                pairs.append((i, j, score))
    return _cluster(units, pairs, threshold)


def _cluster(units: Sequence[Unit], pairs: list[tuple[int, int, float]], threshold: float) -> list[Group]:
    """Average-linkage grouping: two groups join only if their members are alike on average.

    Joining on any single similar pair would chain a novel's sentences about one character into a
    group of dozens. Pairs not found similar count as 0 in the average.
    """
    score = {(i, j): s for i, j, s in pairs}
    group_of = {i: i for pair in pairs for i in pair[:2]}
    members: dict[int, list[int]] = {i: [i] for i in group_of}
    for i, j, _ in sorted(pairs, key=lambda p: -p[2]):
        gi, gj = group_of[i], group_of[j]
        if gi == gj:
            continue
        a, b = members[gi], members[gj]
        total = sum(score.get((x, y) if x < y else (y, x), 0.0) for x in a for y in b)
        if total / (len(a) * len(b)) < threshold / 2:
            continue
        if len(a) < len(b):
            gi, gj, a, b = gj, gi, b, a
        a.extend(b)
        for x in b:
            group_of[x] = gi
        del members[gj]
    edges: dict[int, list[float]] = {}
    for i, j, s in pairs:
        if group_of[i] == group_of[j]:
            edges.setdefault(group_of[i], []).append(s)
    groups = [Group(tuple(sorted(units[x].index for x in members[g])), sum(e) / len(e))
              for g, e in edges.items()]
    groups.sort(key=lambda g: g.members[0])
    return groups
