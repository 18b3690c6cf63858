"""Finding a passage of one revision in the next: an exact diff first, then fuzzy matching of what moved or changed a little.

A passage is found again when its words are still recognisably there, in a sentence that is still
recognisably the same; otherwise it is lost (its finding or note becomes outdated). It is never
moved onto other words just because they sit at the same offset.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from diff_match_patch import diff_match_patch
from rapidfuzz import fuzz, process

from ..core.flags import normalise

# Similarity (0-100, rapidfuzz) a passage must keep to stay attached: a typo fixed or one word of
# a long passage changed stays well above it ("Russia-backed"/"Russian-backed": 99), a replaced
# word ("very"/"extremely") falls well below.
PASSAGE_MIN = 80.0
# ... and its sentence: one word added or changed in a sentence keeps 85-99; a sentence rewritten
# in other words drops under 60.
SENTENCE_MIN = 75.0
# A moved sentence is looked for among the new sentences only this similar or better.
MOVED_MIN = 85.0
_DIFF_SECONDS = 2.0
_BOUNDARY = re.compile(r"(?<=[.!?\u2026])[\"'\u201d\u2019)\]]*\s+|\n+")


@dataclass(frozen=True, slots=True)
class Found:
    start: int
    end: int
    exact: bool          # the very same characters


class TextMap:
    """Maps offsets of `old` to `new` through a character diff, and finds passages again."""

    def __init__(self, old: str, new: str) -> None:
        self.old, self.new = old, new
        dmp = diff_match_patch()
        dmp.Diff_Timeout = _DIFF_SECONDS
        diffs = dmp.diff_main(old, new)
        # Semantic cleanup removes coincidental one-letter equalities inside rewritten passages,
        # which would otherwise pin an old offset to unrelated new words.
        dmp.diff_cleanupSemantic(diffs)
        # Runs of equal text: (old start, new start, length), in order.
        self._runs: list[tuple[int, int, int]] = []
        o = n = 0
        for op, chunk in diffs:
            if op == 0:
                self._runs.append((o, n, len(chunk)))
                o += len(chunk)
                n += len(chunk)
            elif op < 0:
                o += len(chunk)
            else:
                n += len(chunk)
        self._starts = [r[0] for r in self._runs]
        self._new_sentences: list[tuple[int, int]] | None = None

    def position(self, at: int, *, side: str = "start") -> int:
        """Where old offset `at` is in the new text; inside changed text, the edge of the change
        (its start for a passage's start, its end for a passage's end, so the change is covered)."""
        i = bisect_right(self._starts, at) - 1
        if i >= 0:
            o, n, length = self._runs[i]
            if at < o + length or (side == "end" and at == o + length):
                return n + (at - o)
        # In a deletion or replacement: the gap of new text between run i and the next one.
        gap_start = self._runs[i][1] + self._runs[i][2] if i >= 0 else 0
        gap_end = self._runs[i + 1][1] if i + 1 < len(self._runs) else len(self.new)
        return gap_start if side == "start" else gap_end

    def unchanged(self, start: int, end: int) -> bool:
        """Whether old[start:end] lies in one equal run (copied as it is)."""
        i = bisect_right(self._starts, start) - 1
        return i >= 0 and end <= self._runs[i][0] + self._runs[i][2]

    def find(self, start: int, end: int) -> Found | None:
        """The new place of old[start:end], or None when its words are gone or rewritten."""
        passage = self.old[start:end]
        if self.unchanged(start, end) and (end > start or self.unchanged(max(0, start - 1), start)):
            at = self.position(start)
            # The same characters, but in a sentence rewritten around them, are other words now.
            a0, a1 = sentence_around(self.old, start, end)
            if self.unchanged(a0, a1) or self._same_sentence(start, end, at, at + (end - start)):
                return Found(at, at + (end - start), True)
            return self._moved(start, end)
        if not passage.strip():
            return None
        s, e = self.position(start, side="start"), self.position(end, side="end")
        if e < s:
            s, e = e, s
        found = self._accept(start, end, s, e)
        if found is not None:
            return found
        return self._moved(start, end)

    def _accept(self, start: int, end: int, s: int, e: int) -> Found | None:
        passage, candidate = self.old[start:end], self.new[s:e]
        if candidate == passage and self._same_sentence(start, end, s, e):
            return Found(s, e, True)
        if not candidate.strip():
            return None
        # Both ends of the passage are still where they were: a word added, dropped or swapped
        # inside it is the same passage, however short ("a third night", "a third straight night").
        anchored = self._kept(start) and self._kept(end, side="end")
        if not _similar(passage, candidate, PASSAGE_MIN) and not (anchored and _few_words_changed(passage, candidate)):
            return None
        if not self._same_sentence(start, end, s, e):
            return None
        return Found(s, e, False)

    def _kept(self, at: int, *, side: str = "start") -> bool:
        """Whether offset `at` lies in text the diff kept (for an end: the character before it)."""
        probe = at - 1 if side == "end" else at
        if probe < 0:
            return True
        i = bisect_right(self._starts, probe) - 1
        return i >= 0 and probe < self._runs[i][0] + self._runs[i][2]

    def _same_sentence(self, start: int, end: int, s: int, e: int) -> bool:
        a0, a1 = sentence_around(self.old, start, end)
        b0, b1 = sentence_around(self.new, s, e)
        return _similar(self.old[a0:a1], self.new[b0:b1], SENTENCE_MIN)

    def _moved(self, start: int, end: int) -> Found | None:
        """The sentence moved elsewhere (a cut and paste): find it, then the passage inside it."""
        a0, a1 = sentence_around(self.old, start, end)
        old_sentence = normalise(self.old[a0:a1])
        if len(old_sentence) < 20:       # too short to be told apart from another sentence
            return None
        if self._new_sentences is None:
            self._new_sentences = sentences(self.new)
        choices = [normalise(self.new[b0:b1]) for b0, b1 in self._new_sentences]
        best = process.extract(old_sentence, choices, scorer=fuzz.ratio, score_cutoff=MOVED_MIN, limit=2)
        if not best or (len(best) > 1 and best[1][1] >= best[0][1] - 1):
            return None      # not found, or two sentences just as like it: do not guess
        b0, b1 = self._new_sentences[best[0][2]]
        passage = self.old[start:end]
        inner = self.new.find(passage, b0, b1)
        if inner != -1 and self.new.find(passage, inner + 1, b1) == -1:
            return Found(inner, inner + len(passage), True)
        # The passage was edited too: align it inside the sentence.
        hit = fuzz.partial_ratio_alignment(passage, self.new[b0:b1], score_cutoff=PASSAGE_MIN)
        if hit is None or hit.dest_end <= hit.dest_start:
            return None
        s, e = b0 + hit.dest_start, b0 + hit.dest_end
        return Found(s, e, self.new[s:e] == passage) if _similar(passage, self.new[s:e], PASSAGE_MIN) else None


_WORDS = re.compile(r"\w+(?:['\u2019-]\w+)*")


def _few_words_changed(a: str, b: str) -> bool:
    """At most two words differ, and most of the old words are still there."""
    old, new = _WORDS.findall(normalise(a)), _WORDS.findall(normalise(b))
    if len(old) < 2:
        return False
    gone, added = set(old) - set(new), set(new) - set(old)
    return len(gone) + len(added) <= 2 and len(set(old) & set(new)) >= max(1, len(set(old)) - 1)


def _similar(a: str, b: str, minimum: float) -> bool:
    a, b = normalise(a), normalise(b)
    return a == b or fuzz.ratio(a, b) >= minimum


def similarity(a: str, b: str) -> float:
    return fuzz.ratio(normalise(a), normalise(b))


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence (or sentences) holding text[start:end]: from the boundary before to the one after."""
    lo = max(0, start - 600)
    before = [m.end() for m in _BOUNDARY.finditer(text, lo, start)]
    s = before[-1] if before else (0 if lo == 0 else lo)
    m = _BOUNDARY.search(text, max(end, s + 1) if end > s else end, min(len(text), end + 600))
    e = m.start() if m else min(len(text), end + 600)
    return s, max(e, end)


def sentences(text: str) -> list[tuple[int, int]]:
    out, at = [], 0
    for m in _BOUNDARY.finditer(text):
        if m.start() > at:
            out.append((at, m.start()))
        at = m.end()
    if at < len(text):
        out.append((at, len(text)))
    return out
