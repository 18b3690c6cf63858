"""Near-duplicate sentences and paragraphs (paraphrased padding): what is compared, and which findings to keep."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from ..core.flags import Span
from .repetition_words import WordStream, headline_block, subject_stems, word_list
from .similar_sets import Unit, find_groups

SENTENCE_THRESHOLD = 0.33
PARAGRAPH_THRESHOLD = 0.33
# What a pair must share: feature count, and of those, words that are not names.
SENTENCE_SHARED, SENTENCE_SHARED_WORDS = 4, 3
PARAGRAPH_SHARED, PARAGRAPH_SHARED_WORDS = 8, 4
NAME_MIN_USES = 3
# Units this alike are copies with small edits rather than paraphrases...
NEAR_COPY = 0.8


@dataclass(frozen=True)
class NearDuplicate:
    """Sentences (or paragraphs) that say nearly the same thing, as spans in document order."""

    kind: str                   # "sentence" or "paragraph"
    places: tuple[Span, ...]
    score: float
    copy: bool = False          # a passage pasted again (perhaps edited), not a paraphrase


def find_near_duplicates(ws: WordStream, *, skip_quotes: bool = True,
                         tick: Callable[[float], None] | None = None) -> list[NearDuplicate]:
    """Near-duplicate paragraphs, then sentences not already inside one reported paragraph group.

    Units are compared on stems of content words plus a few claim-bearing function words
    ("not", "over"). Headings are left out (a section restating its heading is expected, and a lede
    restates its headline even when the headline is a full sentence), and so are sentences wholly
    inside one quotation when skip_quotes is on.
    """
    doc = ws.doc
    keep = word_list("near_duplicate_words.txt")
    names = subject_stems(ws, NAME_MIN_USES) | word_list("name_particles.txt")
    # Each vocabulary word's feature id, or None for words that say nothing about the claim.
    feature_ids: dict[str, int] = {}
    name_features: set[int] = set()
    feature_of: list[int | None] = []
    for wid, word in enumerate(ws.vocab):
        if word.isdigit() or ws.stop[wid] and word not in keep:
            feature_of.append(None)
            continue
        # A kept function word is its own feature, so the stem of "noted" cannot match "not".
        key = "=" + word if ws.stop[wid] else ws.stem(wid)
        f = feature_ids.setdefault(key, len(feature_ids))
        if key in names:
            name_features.add(f)
        feature_of.append(f)
    quoted = _quoted_sentences(ws) if skip_quotes else [False] * len(doc.sentences)
    block_of = ws.sentence_block
    sentence_feats: dict[int, set[int]] = {}
    block_feats: dict[int, set[int]] = {}
    ids = ws.ids
    headline = headline_block(ws)
    ranges = ws.sentence_ranges()
    block_ranges: dict[int, list[tuple[int, int]]] = {}
    for si, (first, stop) in enumerate(ranges):
        block = block_of[si]
        if first == stop or not doc.blocks[block].is_prose or block == headline:
            continue
        feats = {feature_of[w] for w in ids[first:stop]}
        feats.discard(None)
        if not feats:
            continue
        if not quoted[si]:
            sentence_feats[si] = feats
        block_feats.setdefault(block, set()).update(feats)
        block_ranges.setdefault(block, []).append((first, stop))
    sentences_in_block: dict[int, int] = {}
    for si, b in enumerate(block_of):
        sentences_in_block[b] = sentences_in_block.get(b, 0) + 1
    block_units = [Unit(b, frozenset(fs))
                   for b, fs in sorted(block_feats.items()) if sentences_in_block[b] >= 2]
    sentence_units = [Unit(si, frozenset(fs))
                      for si, fs in sorted(sentence_feats.items())]
    names_f = frozenset(name_features)
    part = (lambda lo, hi: (lambda f: tick(lo + (hi - lo) * f))) if tick else (lambda lo, hi: None)
    out: list[NearDuplicate] = []
    covered: dict[int, int] = {}      # block index -> paragraph group number
    for n, g in enumerate(find_groups(block_units, threshold=PARAGRAPH_THRESHOLD, names=names_f,
                                      min_shared=PARAGRAPH_SHARED,
                                      min_shared_words=PARAGRAPH_SHARED_WORDS, tick=part(0.0, 0.3))):
        copy = g.score >= NEAR_COPY and not _parallel(
            ws, [(block_feats[b], block_ranges[b]) for b in g.members])
        out.append(NearDuplicate("paragraph", tuple(doc.blocks[b].span for b in g.members), g.score,
                                 copy))
        covered.update((b, n) for b in g.members)
    for g in find_groups(sentence_units, threshold=SENTENCE_THRESHOLD, names=names_f,
                         min_shared=SENTENCE_SHARED,
                         min_shared_words=SENTENCE_SHARED_WORDS, tick=part(0.3, 1.0)):
        homes = {covered.get(block_of[si], -1 - si) for si in g.members}
        if len(homes) == 1:
            continue          # already said by the paragraph group these sentences sit in
        copy = g.score >= NEAR_COPY and not _parallel(
            ws, [(sentence_feats[si], [ranges[si]]) for si in g.members])
        out.append(NearDuplicate("sentence", tuple(doc.sentences[si] for si in g.members), g.score,
                                 copy))
    out.sort(key=lambda nd: nd.places[0].start)
    return out


def _numbers(ws: WordStream, ranges: list[tuple[int, int]]) -> frozenset[int]:
    """The numbers (as word ids) stated in these word ranges."""
    vocab, ids = ws.vocab, ws.ids
    return frozenset(w for first, stop in ranges for w in ids[first:stop] if vocab[w].isdigit())


def _parallel(ws: WordStream, members: list[tuple[set[int], list[tuple[int, int]]]]) -> bool:
    """Two parallel reports rather than a pasted copy.

    "The bank reported a profit of $2.1 billion, up 8 percent" and "The insurer reported a profit
    of $900 million, down 3 percent" share most words, but state other figures about another
    subject: good copy is full of such pairs. A copy changes a word, or a figure, not both.
    """
    numbers = [_numbers(ws, ranges) for _, ranges in members]
    for i, (feats_a, _) in enumerate(members):
        for j in range(i + 1, len(members)):
            if numbers[i] and numbers[j] and numbers[i] != numbers[j] and feats_a != members[j][0]:
                return True
    return False


def _quoted_sentences(ws: WordStream) -> list[bool]:
    """Per sentence: are all its words inside one quotation (the speaker's words, not the writer's)?"""
    quoted = [False] * len(ws.doc.sentences)
    quote, sentence_of = ws.quote, ws.sentence
    for si, first in enumerate(ws.sentence_first):
        quoted[si] = first >= 0 and quote[first] >= 0
    for i, si in enumerate(sentence_of):
        if quoted[si] and quote[i] != quote[ws.sentence_first[si]]:
            quoted[si] = False
    return quoted

