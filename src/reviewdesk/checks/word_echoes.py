"""Word-level repetition: doubled words ("the the") and echoes (one content word again a few words later)."""
from __future__ import annotations

from typing import Callable

from .repetition_words import WordStream, normalise_word, word_list

ECHO_MIN_LETTERS = 4


def find_doubled(ws: WordStream) -> list[tuple[int, int]]:
    """Pairs of word indexes where a word is typed twice, across a line break but not a paragraph.

    Left alone: words that may stand twice (doubled_ok.txt), numbers, and a content word
    capitalised twice ("Bora Bora", "Walla Walla"), which is a name or a cry rather than a slip.
    """
    allowed = word_list("doubled_ok.txt")
    text, ids, starts, ends, vocab = ws.doc.text, ws.ids, ws.starts, ws.ends, ws.vocab
    out: list[tuple[int, int]] = []
    for i in range(1, len(ids)):
        if ids[i] != ids[i - 1]:
            continue
        gap = text[ends[i - 1]:starts[i]]
        if not gap.isspace() or gap.count("\n") > 1:
            continue        # "is, is" or "over. Over" is a different matter from a slip of the keys
        word = vocab[ids[i]]
        if word in allowed or word.isdigit():
            continue
        if ws.capital[i] and ws.capital[i - 1] and not ws.stop[ids[i]] \
                and not text[starts[i]:ends[i]].isupper():
            continue        # "Bora Bora"; but "The The" is a slip
        if word == "is" and _after_what(ws, i - 1):
            continue        # "what it is is a tax"
        out.append((i - 1, i))
    return out


def _after_what(ws: WordStream, i: int) -> bool:
    """True when "what" or "whatever" opens the clause a few words before word `i` in its sentence."""
    sentence = ws.sentence[i]
    for j in range(i - 1, max(-1, i - 6), -1):
        if ws.sentence[j] != sentence:
            return False
        if ws.vocab[ws.ids[j]] in ("what", "whatever"):
            return True
    return False


def doubled_is_certain(word: str) -> bool:
    """False for a word that grammatical English sometimes doubles ("gave her her coat")."""
    return normalise_word(word) not in word_list("doubled_maybe.txt")


def find_echoes(ws: WordStream, window: int, *, skip_quotes: bool = True,
                in_phrase: bytearray | None = None, subjects: frozenset[str] = frozenset(),
                tick: Callable[[float], None] | None = None) -> list[tuple[int, int]]:
    """Pairs (earlier, later) of word indexes: one content word used again within `window` words.

    Words are compared by a light stem, so "forces ... forced" is an echo. Left alone: function
    words and words under four letters, the draft's own subjects ("Bakhmut"), words inside
    quotations (when skip_quotes), pairs where both places already belong to a reported repeated
    phrase, and pairs touching a heading (a section naturally picks up its heading's words).
    """
    ids, vocab, stop, quote = ws.ids, ws.vocab, ws.stop, ws.quote
    heading = [not ws.doc.blocks[b].is_prose for b in ws.sentence_block]
    sentence = ws.sentence
    last: dict[str, int] = {}
    out: list[tuple[int, int]] = []
    n = len(ids)
    eligible: dict[int, str | None] = {}
    for i in range(n):
        if tick is not None and i % 50000 == 0:
            tick(i / max(1, n))
        wid = ids[i]
        stem = eligible.get(wid, "")
        if stem == "":
            word = vocab[wid]
            ok = not stop[wid] and len(word) >= ECHO_MIN_LETTERS and not word.isdigit()
            stem = ws.stem(wid) if ok else None
            if stem is not None and stem in subjects:
                stem = None
            eligible[wid] = stem
        if stem is None:
            continue
        prev = last.get(stem)
        last[stem] = i
        if prev is None or i - prev > window:
            continue
        if i - prev == 1 and ids[prev] == wid:
            continue        # a doubled word, reported as such
        if skip_quotes and (quote[i] >= 0 or quote[prev] >= 0):
            continue
        if heading[sentence[i]] or heading[sentence[prev]]:
            continue
        if in_phrase is not None and in_phrase[i] and in_phrase[prev]:
            continue
        out.append((prev, i))
    return out
