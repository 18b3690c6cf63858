"""The word stream the repetition rules share: one pass over a Document giving ids, clauses, quotes and stems."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files

from ..core.document import Document

# A dotted acronym ("U.S.") is one word, so "U.S. officials" and "US officials" match.
_TOKEN = re.compile(r"(?:[A-Za-z]\.){2,}|[^\W_]+(?:['\u2019\-][^\W_]+)*", re.UNICODE)
# Inside one sentence, a gap of spaces, full stops ("Mr. Darcy") and apostrophes (plural possessives)
# keeps words in one clause; any other mark (comma, dash, quote, colon, bracket) ends the clause.
_CLAUSE_BREAK = re.compile(r"[^\s.'\u2019]")
_PLAIN_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'"})


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
    _capitals: dict[str, tuple[int, int]] | None = None     # stem -> (capitalised, all) mid-sentence uses

    def __len__(self) -> int:
        return len(self.ids)

    def stem(self, word_id: int) -> str:
        found = self._stems.get(word_id)
        if found is None:
            found = self._stems[word_id] = light_stem(self.vocab[word_id])
        return found

    def in_heading(self, word: int) -> bool:
        return self.doc.blocks[self.sentence_block[self.sentence[word]]].is_heading

    def surface(self, first: int, last: int) -> str:
        """The document text from word `first` to word `last` inclusive."""
        return self.doc.text[self.starts[first]:self.ends[last]]


def build_stream(doc: Document) -> WordStream:
    stops, edges = word_list("stopwords.txt"), word_list("phrase_edge_words.txt")
    ws = WordStream(doc)
    text = doc.text
    vocab_index: dict[str, int] = {}
    quotes = doc.quotes
    qi = 0
    clause = -1
    starts, ends, ids, clauses = ws.starts, ws.ends, ws.ids, ws.clause
    sentences, quote_of, capital, initial = ws.sentence, ws.quote, ws.capital, ws.initial
    blocks = doc.blocks
    bi = 0
    for si, sent in enumerate(doc.sentences):
        while bi < len(blocks) - 1 and blocks[bi].end < sent.start:
            bi += 1
        ws.sentence_block.append(bi)
        ws.sentence_first.append(len(ids))
        shouting = None
        prev_end = -1
        for m in _TOKEN.finditer(text, sent.start, sent.end):
            start, end = m.span()
            word = m.group()
            if prev_end < 0:
                clause += 1
                initial.append(True)
            else:
                gap = text[prev_end:start]
                if gap != " " and _CLAUSE_BREAK.search(gap):
                    clause += 1
                initial.append(False)
            prev_end = end
            key = normalise_word(word)
            if word.isupper() and len(key) > 1 and (key in stops or "." in key):
                # "US" or "U.S." is the country, not the pronoun, unless the whole sentence shouts.
                if shouting is None:
                    shouting = text[sent.start:sent.end].isupper()
                if not shouting:
                    key = key.replace(".", "").upper()
            wid = vocab_index.get(key)
            if wid is None:
                wid = vocab_index[key] = len(ws.vocab)
                ws.vocab.append(key)
                ws.stop.append(key in stops)
                ws.edge.append(key in edges)
            while qi < len(quotes) and quotes[qi].end <= start:
                qi += 1
            starts.append(start)
            ends.append(end)
            ids.append(wid)
            clauses.append(clause)
            sentences.append(si)
            quote_of.append(qi if qi < len(quotes) and quotes[qi].start <= start
                            and end <= quotes[qi].end else -1)
            capital.append(word[0].isupper())
        if prev_end < 0:
            ws.sentence_first[-1] = -1
    return ws


def subject_stems(ws: WordStream, min_uses: int = 5) -> frozenset[str]:
    """Stems of proper nouns the draft is about: capitalised mid-sentence `min_uses` times, and mostly.

    Headings are left out of the count because title case capitalises everything there.
    """
    counts = ws._capitals
    if counts is None:
        capital: dict[str, int] = {}
        total: dict[str, int] = {}
        heading = [ws.doc.blocks[b].is_heading for b in ws.sentence_block]
        for i, wid in enumerate(ws.ids):
            if ws.initial[i] or ws.stop[wid] or heading[ws.sentence[i]]:
                continue
            stem = ws.stem(wid)
            total[stem] = total.get(stem, 0) + 1
            if ws.capital[i]:
                capital[stem] = capital.get(stem, 0) + 1
        counts = ws._capitals = {s: (c, total[s]) for s, c in capital.items()}
    return frozenset(s for s, (c, t) in counts.items() if c >= min_uses and 2 * c >= t)


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
