"""The word stream the repetition rules share: one pass over a Document giving ids, clauses, quotes and stems."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from typing import Callable

from ..core.document import Document

# A dotted acronym ("U.S.") is one word, so "U.S. officials" and "US officials" match.
_TOKEN = re.compile(r"(?:[A-Za-z]\.){2,}|[^\W_]+(?:['\u2019\-][^\W_]+)*", re.UNICODE)
# Inside one sentence, a gap of spaces, full stops ("Mr. Darcy") and apostrophes (plural possessives)
# keeps words in one clause; any other mark (comma, dash, quote, colon, bracket) ends the clause.
_CLAUSE_BREAK = re.compile(r"[^\s.'\u2019]")
_PLAIN_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'"})
# A first line of at most this many words, not ending as a sentence does, is the headline even when
# it is too long for a heading ("Statement from the President on the 60th Anniversary of ...").
HEADLINE_WORDS = 30


@lru_cache(maxsize=None)
def word_list(name: str) -> frozenset[str]:
    """A one-word-a-line list from resources/repetition/, lowercased, with `#` comments skipped."""
    raw = files("reviewdesk.resources").joinpath("repetition", name).read_text(encoding="utf-8")
    words = set()
    for line in raw.splitlines():
        line = line.split("#", 1)[0].strip().lower().translate(_PLAIN_QUOTES)
        if line:
            words.add(line)
    return frozenset(words)


def normalise_word(word: str) -> str:
    """Lowercase with curly apostrophes made straight: the key repeated words are matched on."""
    word = word.lower()
    if "\u2019" in word or "\u2018" in word:
        word = word.translate(_PLAIN_QUOTES)
    return word


@dataclass
class WordStream:
    """Parallel per-word arrays over a document, in text order.

    `ids` index `vocab`; `clause` numbers runs of words with no punctuation between them (phrases never
    cross a clause); `quote` is the index into `doc.quotes` holding the word, or -1.
    """

    doc: Document
    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)
    ids: list[int] = field(default_factory=list)
    clause: list[int] = field(default_factory=list)
    sentence: list[int] = field(default_factory=list)
    quote: list[int] = field(default_factory=list)
    capital: list[bool] = field(default_factory=list)
    initial: list[bool] = field(default_factory=list)
    vocab: list[str] = field(default_factory=list)
    stop: list[bool] = field(default_factory=list)
    edge: list[bool] = field(default_factory=list)
    sentence_first: list[int] = field(default_factory=list)    # first word of each sentence, or -1
    sentence_block: list[int] = field(default_factory=list)    # index into doc.blocks
    _stems: dict[int, str] = field(default_factory=dict)
    _capitals: dict[str, list[int]] | None = None   # stem -> [capitalised, capitalised mid-sentence, mid-sentence]
    _counts: Counter[int] | None = None              # word id -> uses

    def __len__(self) -> int:
        return len(self.ids)

    def stem(self, word_id: int) -> str:
        found = self._stems.get(word_id)
        if found is None:
            found = self._stems[word_id] = light_stem(self.vocab[word_id])
        return found

    def sentence_ranges(self) -> list[tuple[int, int]]:
        """Per sentence, its words as [first, stop) indexes (first == stop when it has none)."""
        out: list[tuple[int, int]] = []
        stop = len(self.ids)
        for first in reversed(self.sentence_first):
            if first < 0:
                out.append((stop, stop))
            else:
                out.append((first, stop))
                stop = first
        out.reverse()
        return out

    def inflection_ids(self) -> tuple[list[int], int]:
        """Per word, an id shared by the inflections of one word ("official"/"officials"), and how many ids.

        Function words and words written with capitals ("US") keep their own id: "US" is not "us".
        """
        key_of: dict[str, int] = {}
        by_vocab: list[int] = []
        for wid, word in enumerate(self.vocab):
            key = word if self.stop[wid] or not word.islower() else "~" + self.stem(wid)
            by_vocab.append(key_of.setdefault(key, len(key_of)))
        return list(map(by_vocab.__getitem__, self.ids)), len(key_of)

    def word_counts(self) -> Counter[int]:
        """Uses of each word id in the whole draft (counted with subject_stems's tally)."""
        if self._counts is None:
            subject_stems(self)
        assert self._counts is not None
        return self._counts

    def surface(self, first: int, last: int) -> str:
        """The document text from word `first` to word `last` inclusive."""
        return self.doc.text[self.starts[first]:self.ends[last]]


def build_stream(doc: Document, tick: Callable[[float], None] | None = None) -> WordStream:
    """One pass over the sentences; per-word work is kept small since a novel has 120,000 words."""
    stops, edges = word_list("stopwords.txt"), word_list("phrase_edge_words.txt")
    ws = WordStream(doc)
    text = doc.text
    vocab_index: dict[str, int] = {}
    by_surface: dict[str, int] = {}     # the word as written -> id, for all but possible acronyms

    def intern(word: str, sentence_shouts: bool) -> tuple[int, bool]:
        key = normalise_word(word)
        cacheable = True
        if word.isupper() and len(key) > 1 and (key in stops or "." in key):
            # "US" or "U.S." is the country, not the pronoun, unless the whole sentence shouts.
            cacheable = False
            if not sentence_shouts:
                key = key.replace(".", "").upper()
        wid = vocab_index.get(key)
        if wid is None:
            wid = vocab_index[key] = len(ws.vocab)
            ws.vocab.append(key)
            ws.stop.append(key in stops)
            ws.edge.append(key in edges)
        return wid, cacheable

    quotes = doc.quotes
    quote_starts = [q.start for q in quotes]
    quote_ends = [q.end for q in quotes]
    qi = 0
    clause = -1
    ids, clauses, capital = ws.ids, ws.clause, ws.capital
    blocks = doc.blocks
    bi = 0
    find_break = _CLAUSE_BREAK.search
    n_sentences = max(1, len(doc.sentences))
    for si, sent in enumerate(doc.sentences):
        if tick is not None and si % 4096 == 0:
            tick(si / n_sentences)
        s0, s1 = sent.start, sent.end
        while bi < len(blocks) - 1 and blocks[bi].end < s0:
            bi += 1
        ws.sentence_block.append(bi)
        spans = [m.span() for m in _TOKEN.finditer(text, s0, s1)]
        if not spans:
            ws.sentence_first.append(-1)
            continue
        ws.sentence_first.append(len(ids))
        shouts: bool | None = None
        prev_end = -1
        for start, end in spans:
            if prev_end < 0 or (start - prev_end != 1 or text[prev_end] != " ") \
                    and find_break(text, prev_end, start):
                clause += 1
            prev_end = end
            clauses.append(clause)
            word = text[start:end]
            wid = by_surface.get(word)
            if wid is None:
                if shouts is None:
                    shouts = text[s0:s1].isupper()
                wid, cacheable = intern(word, shouts)
                if cacheable:
                    by_surface[word] = wid
            ids.append(wid)
            capital.append(word[0].isupper())
        k = len(spans)
        ws.starts.extend([a for a, _ in spans])
        ws.ends.extend([b for _, b in spans])
        ws.sentence.extend([si] * k)
        ws.initial.append(True)
        ws.initial.extend([False] * (k - 1))
        while qi < len(quotes) and quote_ends[qi] <= s0:
            qi += 1
        if qi >= len(quotes) or quote_starts[qi] >= s1:
            ws.quote.extend([-1] * k)           # no quotation touches this sentence
            continue
        for start, end in spans:
            while qi < len(quotes) and quote_ends[qi] <= start:
                qi += 1
            inside = qi < len(quotes) and quote_starts[qi] <= start and end <= quote_ends[qi]
            ws.quote.append(qi if inside else -1)
    return ws


def headline_block(ws: WordStream) -> int:
    """Index of the draft's headline in doc.blocks (its first block, when a heading or a title line), or -1."""
    blocks = ws.doc.blocks
    if len(blocks) < 2:
        return -1
    head = blocks[0]
    if head.is_heading:
        return 0
    text = ws.doc.text[head.start:head.end]
    if "\n" in text or len(text.split()) > HEADLINE_WORDS or text[-1] in ".!?:;,\"'\u201d\u2019)":
        return -1
    return 0


def subject_stems(ws: WordStream, min_uses: int = 5) -> frozenset[str]:
    """Stems of proper nouns the draft is about: capitalised `min_uses` times, and mostly mid-sentence.

    Mid-sentence uses decide whether a word is a name (any word is capitalised at a sentence start);
    headings are left out because title case capitalises everything there.
    """
    counts = ws._capitals
    if counts is None:
        # Counted per (word, capitalised, sentence-initial) in C, then folded by stem.
        raw = Counter(zip(ws.ids, ws.capital, ws.initial))
        words: Counter[int] = Counter()
        for (wid, _, _), n in raw.items():
            words[wid] += n
        ws._counts = words
        for si, (first, stop) in enumerate(ws.sentence_ranges()):
            if first < stop and ws.doc.blocks[ws.sentence_block[si]].is_heading:
                raw.subtract(zip(ws.ids[first:stop], ws.capital[first:stop], ws.initial[first:stop]))
        counts = {}
        for (wid, cap, initial), n in raw.items():
            if n <= 0 or ws.stop[wid]:
                continue
            stem = ws.stem(wid)
            c = counts.get(stem)
            if c is None:
                c = counts[stem] = [0, 0, 0]
            if cap:
                c[0] += n
            if not initial:
                c[1] += n if cap else 0
                c[2] += n
        ws._capitals = counts
    return frozenset(s for s, (anywhere, mid, mid_all) in counts.items()
                     if anywhere >= min_uses and mid and 2 * mid >= mid_all)


_SUFFIXES = ("ingly", "edly", "ings", "ing", "ies", "ied", "ly", "es", "ed", "s")


@lru_cache(maxsize=65536)
def light_stem(word: str) -> str:
    """A lemma-ish key so "fighting"/"fight" and "forces"/"forced"/"force" compare equal.

    Deliberately light: it strips possessives, plural and tense endings and a final "e", and leaves
    words it cannot shorten safely alone, since a false echo is worse than a missed one.
    """
    word = word.lower()
    for poss in ("'s", "s'"):
        if word.endswith(poss):
            word = word[:-2] if poss == "'s" else word[:-1]
    if len(word) <= 4 or word.endswith(("ss", "us", "is")):
        return word.rstrip("e") if len(word) > 3 else word
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            base = word[:-len(suffix)]
            if suffix in ("ies", "ied"):
                base += "y"
            elif suffix in ("ing", "ed", "ings", "edly", "ingly") and len(base) > 3 \
                    and base[-1] == base[-2] and base[-1] not in "lsz":
                base = base[:-1]        # "stopped" -> "stop", but "called" stays "call"
            word = base
            break
    return word.rstrip("e") if len(word) > 3 else word
