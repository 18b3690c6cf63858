"""The readability check: document scores, paragraph grades and Hemingway-style sentence flags."""
from __future__ import annotations

import bisect
from typing import Any, Iterable

from ..core.document import Document
from ..core.flags import Flag, Severity
from ..core.settings import Settings
from .base import RunContext
from .readability_scores import document_scores, engine_label, fk_grade, syllables, warm
from .style_rules import (ADVERB, COMPLEX, PASSIVE, Hit, find_adverbs, find_complex,
                          find_passive, keyed_text, tokens_of, word_lists)

CHECK_ID = "readability"
CATEGORY = "readability"
HARD = "readability.hard-sentence"
VERY_HARD = "readability.very-hard-sentence"
LONG = "readability.long-sentence"

_SEVERITY = {PASSIVE: Severity.SUGGESTION, ADVERB: Severity.INFO, COMPLEX: Severity.SUGGESTION}
_PROGRESS_EVERY = 250   # sentences between progress reports (and cancel checks)


class ReadabilityCheck:
    """Scores the whole document and flags sentences that are hard to read, like Hemingway does.

    A sentence is hard `hard_margin` grades above the target grade and very hard `very_hard_margin` grades above it.
    Short sentences (under `min_hard_words`) are never hard: one long word in a four-word
    sentence makes a silly grade.
    """

    id = CHECK_ID
    name = "Readability"
    categories = (CATEGORY,)

    def __init__(self, hard_margin: float = 3.0, very_hard_margin: float = 7.0,
                 min_hard_words: int = 12) -> None:
        # A single sentence's grade is noisy: only clear excess over the target is worth a flag,
        # or every other sentence of news copy would be "hard" and the real ones drown.
        self.hard_margin = hard_margin
        self.very_hard_margin = very_hard_margin
        self.min_hard_words = min_hard_words

    def warm(self, language: str = "en-US") -> None:
        """Load the dictionary and word lists ahead of the first check (the window calls this)."""
        warm()
        word_lists()

    def run(self, doc: Document, ctx: RunContext) -> Iterable[Flag]:
        settings = ctx.settings
        ctx.engine_label = engine_label()
        target = float(settings.target_grade)
        lists = word_lists()
        progress = ctx.progress
        text = doc.text
        keyed = keyed_text(text)
        quotes = _QuoteIndex(doc)
        skip_quotes = settings.skip_quotes

        flags: list[Flag] = []
        counts = dict.fromkeys(("very_hard_sentences", "hard_sentences", "long_sentences",
                                "passive_voice", "adverbs", "complex_words"), 0)
        paragraphs: list[dict[str, Any]] = []
        body_parts: list[str] = []
        body_words = body_sentences = 0

        sentences = doc.sentences
        total = max(1, len(sentences))
        si = 0
        done = 0
        progress.report(0.0, "Reading sentences")
        for block in doc.blocks:
            p_words = p_sentences = p_syllables = 0
            while si < len(sentences) and sentences[si].start < block.start:
                si += 1
            while si < len(sentences) and sentences[si].start < block.end:
                sent = sentences[si]
                si += 1
                done += 1
                if done % _PROGRESS_EVERY == 0:
                    progress.report(0.6 * done / total, "Reading sentences")
                tokens = tokens_of(keyed, sent.start, sent.end)
                if not tokens:
                    continue
                syl = sum(syllables(t[2]) for t in tokens)
                hits = find_passive(text, tokens, lists)
                hits += find_adverbs(tokens, lists)
                hits += find_complex(text, tokens, lists)
                for hit in hits:
                    if skip_quotes and doc.in_quote(hit.start, hit.end):
                        continue
                    flags.append(self._word_flag(text, hit))
                    counts[_COUNT_KEY[hit.rule]] += 1
                if not block.is_prose:      # headings, table cells, bylines: no sentence grades
                    continue
                p_words += len(tokens)
                p_sentences += 1
                p_syllables += syl
                if skip_quotes and quotes.mostly_quoted(sent.start, sent.end):
                    continue
                for flag in self._sentence_flags(sent.start, sent.end, len(tokens), syl,
                                                 target, settings):
                    flags.append(flag)
                    counts[_COUNT_KEY[flag.rule]] += 1
            if not block.is_prose:
                continue
            body_parts.append(text[block.start:block.end])
            body_words += p_words
            body_sentences += p_sentences
            if p_words:
                paragraphs.append({"start": block.start, "end": block.end, "words": p_words,
                                   "grade": round(max(0.0, fk_grade(p_words, p_sentences,
                                                                    p_syllables)), 1)})

        progress.report(0.6, "Scoring the document")
        scores = document_scores("\n\n".join(body_parts), body_words, body_sentences,
                                 len(paragraphs))
        progress.report(1.0, "Readability done")
        ctx.metrics["scores"] = scores
        ctx.metrics["target_grade"] = target
        ctx.metrics["paragraphs"] = paragraphs
        ctx.metrics["counts"] = counts
        ctx.metrics["verdict"] = verdict(scores, target, counts)
        flags.sort(key=lambda f: (f.start, f.end, f.rule))
        return flags

    def _sentence_flags(self, start: int, end: int, words: int, syl: int, target: float,
                        settings: Settings) -> list[Flag]:
        out: list[Flag] = []
        grade = fk_grade(words, 1, syl)
        if words >= self.min_hard_words and grade >= target + self.hard_margin:
            shown = _grade_text(grade, target)
            if grade >= target + self.very_hard_margin:
                out.append(Flag(CHECK_ID, VERY_HARD, CATEGORY, start, end,
                                f"Very hard to read: {words} words at grade {shown} "
                                f"(target {target:g}). Split it.",
                                Severity.WARNING, score=round(grade, 1)))
            else:
                out.append(Flag(CHECK_ID, HARD, CATEGORY, start, end,
                                f"Hard to read: {words} words at grade {shown} "
                                f"(target {target:g}). Shorten it or use plainer words.",
                                Severity.SUGGESTION, score=round(grade, 1)))
        # A sentence that is already hard to read gets one flag (its message gives the length);
        # a long one made of plain words still gets the length advice.
        if words > settings.long_sentence_words and not out:
            severity = (Severity.WARNING if words > settings.very_long_sentence_words
                        else Severity.SUGGESTION)
            out.append(Flag(CHECK_ID, LONG, CATEGORY, start, end,
                            f"Long sentence: {words} words (aim for {settings.long_sentence_words}"
                            f" or fewer). Split it.", severity, score=float(words)))
        return out

    @staticmethod
    def _word_flag(text: str, hit: Hit) -> Flag:
        passage = text[hit.start:hit.end]
        if hit.rule == PASSIVE:
            message = f"Passive voice: \u201c{passage}\u201d. Say who did it, if that matters."
        elif hit.rule == ADVERB:
            message = (f"\u201c{passage}\u201d weakens the sentence. Cut it or pick a "
                       f"stronger word.")
        else:
            plain = " or ".join(f"\u201c{s}\u201d" for s in hit.suggestions)
            message = f"Complex wording: \u201c{passage}\u201d. Try {plain}."
        return Flag(CHECK_ID, hit.rule, CATEGORY, hit.start, hit.end, message,
                    _SEVERITY[hit.rule], suggestions=hit.suggestions)


_COUNT_KEY = {VERY_HARD: "very_hard_sentences", HARD: "hard_sentences", LONG: "long_sentences",
              PASSIVE: "passive_voice", ADVERB: "adverbs", COMPLEX: "complex_words"}


def _grade_text(grade: float, target: float) -> str:
    """A whole grade reads better, but '9 (target 9)' for a 9.3 would look like a mistake."""
    whole = round(grade)
    return f"{whole}" if whole > target else f"{grade:.1f}"


class _QuoteIndex:
    """How much of a span lies inside direct quotations, by bisecting the sorted quote spans."""

    def __init__(self, doc: Document) -> None:
        self._quotes = doc.quotes
        self._ends = [q.end for q in self._quotes]

    def mostly_quoted(self, start: int, end: int) -> bool:
        """More than half the sentence is a speaker's words, so its style is theirs, not ours."""
        covered = 0
        i = bisect.bisect_right(self._ends, start)
        while i < len(self._quotes) and self._quotes[i].start < end:
            q = self._quotes[i]
            covered += min(end, q.end) - max(start, q.start)
            i += 1
        return covered * 2 > end - start


def _sentences_phrase(n: int, what: str) -> str:
    return f"{n} sentence is {what}" if n == 1 else f"{n} sentences are {what}"


def verdict(scores: dict[str, Any], target: float, counts: dict[str, int]) -> str:
    """One plain sentence on the document against the target grade."""
    if not scores.get("words"):
        return "Nothing to read yet."
    grade = scores["grade"]
    if grade > target:
        head = f"Grade {grade:.1f}: harder than your target of {target:g}"
    else:
        head = f"Grade {grade:.1f}: within your target of {target:g}"
    very, hard = counts["very_hard_sentences"], counts["hard_sentences"]
    if very and hard:
        tail = f"{_sentences_phrase(very, 'very hard to read')} and {hard} " \
               f"{'is' if hard == 1 else 'are'} hard."
    elif very:
        tail = f"{_sentences_phrase(very, 'very hard to read')}."
    elif hard:
        tail = f"{_sentences_phrase(hard, 'hard to read')}."
    else:
        tail = "no sentence is hard to read."
    return f"{head}; {tail}"
