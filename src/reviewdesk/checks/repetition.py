"""The repetition check: repeated phrases and terms, echoes, doubled words, openers, copies and paraphrases.

Rules in the default view: `repetition.phrase` (wording repeated), `repetition.doubled`,
`repetition.near-duplicate` (a passage pasted twice). Line-editing advice: `repetition.term` (the
story's own names and terms repeated), `repetition.paraphrase` (sentences saying much the same),
`repetition.echo`, `repetition.opener`.
"""
from __future__ import annotations

import gc
import re
from typing import Iterable

from ..core.document import Document
from ..core.flags import Flag, Severity, Span
from .base import RunContext
from .near_duplicates import NearDuplicate, find_near_duplicates
from .repeated_phrases import Phrase, find_repeated_phrases, judge_phrases, wording_min
from .repetition_words import WordStream, build_stream, subject_stems
from .sentence_openers import Opener, find_openers
from .word_echoes import doubled_is_certain, find_doubled, find_echoes

CATEGORY = "repetition"
TOP_PHRASES = 10
# An echo this close reads as a stumble rather than a habit.
CLOSE_ECHO_WORDS = 10
_SPACES = re.compile(r"\s+")


class RepetitionCheck:
    """Whole-document check; every finding that has several places lists them all in one flag."""

    id = "repetition"
    name = "Repetition"
    categories = (CATEGORY,)

    def run(self, doc: Document, ctx: RunContext) -> Iterable[Flag]:
        # The check allocates millions of small lists and tuples that all live until it ends; the
        # cyclic garbage collector would rescan them again and again (a third of the time on a
        # million words) while finding nothing to free.
        # The pause is process-wide but lasts only this run (seconds at most).
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            return self._run(doc, ctx)
        finally:
            if was_enabled:
                gc.enable()

    def _run(self, doc: Document, ctx: RunContext) -> list[Flag]:
        progress = ctx.progress
        settings = ctx.settings
        progress.report(0.0, "Reading words")
        ws = build_stream(doc, tick=progress.part(0.0, 0.15).report)
        progress.report(0.15, "Finding repeated phrases")
        phrases = judge_phrases(ws, find_repeated_phrases(ws, skip_quotes=settings.skip_quotes,
                                                          tick=progress.part(0.15, 0.35).report))
        flags = [self._phrase_flag(ws, ph) for ph in phrases]
        in_phrase = bytearray(len(ws))
        for ph in phrases:
            for p in ph.positions:
                in_phrase[p:p + ph.length] = b"\x01" * ph.length
        progress.report(0.35, "Finding doubled words")
        doubled = find_doubled(ws)
        flags.extend(self._doubled_flag(ws, a, b) for a, b in doubled)
        progress.report(0.4, "Finding echoes")
        subjects = subject_stems(ws)
        echoes = find_echoes(ws, settings.echo_window, skip_quotes=settings.skip_quotes,
                             in_phrase=in_phrase, subjects=subjects,
                             tick=progress.part(0.4, 0.55).report)
        flags.extend(self._echo_flag(ws, a, b) for a, b in echoes)
        progress.report(0.55, "Finding repeated openers")
        openers = find_openers(ws, skip_quotes=settings.skip_quotes, subjects=subjects)
        flags.extend(self._opener_flag(ws, op) for op in openers)
        progress.report(0.6, "Finding near-duplicate sentences")
        near = find_near_duplicates(ws, skip_quotes=settings.skip_quotes,
                                    tick=progress.part(0.6, 0.98).report)
        flags.extend(self._near_duplicate_flag(group) for group in near)
        ctx.metrics.update({
            "words": len(ws),
            "repeated_phrases": sum(1 for ph in phrases if ph.kind == "phrase"),
            "repeated_terms": sum(1 for ph in phrases if ph.kind == "term"),
            "top_phrases": [{"phrase": _shown(ws, ph.positions[0], ph.length), "count": ph.count}
                            for ph in sorted(phrases, key=lambda p: -p.count)[:TOP_PHRASES]],
            "echoes": len(echoes),
            "doubled_words": len(doubled),
            "repeated_openers": len(openers),
            "near_duplicates": sum(1 for g in near if g.copy),
            "paraphrases": sum(1 for g in near if not g.copy),
        })
        progress.report(1.0, "Repetition done")
        flags.sort(key=lambda f: (f.start, f.rule))
        return flags

    def _phrase_flag(self, ws: WordStream, ph: Phrase) -> Flag:
        places = tuple(Span(ws.starts[p], ws.ends[p + ph.length - 1]) for p in ph.positions)
        shown = _shown(ws, ph.positions[0], ph.length)
        if ph.kind == "term":
            # The story's own names and terms ("Battle for Bakhmut", "income tax"): good copy
            # repeats them, so they are line-editing information, not a finding.
            rule, severity = "repetition.term", Severity.INFO
        else:
            rule = "repetition.phrase"
            many = ph.units >= 2 * wording_min(len(ws))
            severity = Severity.WARNING if many else Severity.SUGGESTION
        message = f"\u201c{shown}\u201d appears {ph.count} times"
        others = _other_forms(ws, ph)
        if others:
            message += " (also as " + ", ".join(f"\u201c{o}\u201d" for o in others) + ")"
        return Flag(check=self.id, rule=rule, category=CATEGORY,
                    start=places[0].start, end=places[0].end,
                    message=message + ".",
                    severity=severity, occurrences=places, score=float(ph.count), key=shown)

    def _doubled_flag(self, ws: WordStream, a: int, b: int) -> Flag:
        word = ws.doc.text[ws.starts[a]:ws.ends[a]]
        return Flag(check=self.id, rule="repetition.doubled", category=CATEGORY,
                    start=ws.starts[a], end=ws.ends[b],
                    message=f"\u201c{word}\u201d is doubled.",
                    severity=Severity.ERROR if doubled_is_certain(word) else Severity.WARNING,
                    suggestions=(word,))

    def _echo_flag(self, ws: WordStream, a: int, b: int) -> Flag:
        first = ws.doc.text[ws.starts[a]:ws.ends[a]]
        second = ws.doc.text[ws.starts[b]:ws.ends[b]]
        gap = b - a
        if first.lower() == second.lower():
            message = f"\u201c{second}\u201d again, {gap} words after the last one."
        else:
            message = f"\u201c{second}\u201d echoes \u201c{first}\u201d {gap} words before."
        return Flag(check=self.id, rule="repetition.echo", category=CATEGORY,
                    start=ws.starts[b], end=ws.ends[b], message=message,
                    severity=Severity.SUGGESTION if gap <= CLOSE_ECHO_WORDS else Severity.INFO,
                    occurrences=(Span(ws.starts[a], ws.ends[a]), Span(ws.starts[b], ws.ends[b])),
                    score=float(gap))

    def _near_duplicate_flag(self, group: NearDuplicate) -> Flag:
        score = round(group.score, 3)
        n = len(group.places)
        if group.copy:
            # A passage pasted twice, perhaps with a word changed: almost always a slip.
            return Flag(check=self.id, rule="repetition.near-duplicate", category=CATEGORY,
                        start=group.places[0].start, end=group.places[0].end,
                        message=(f"These {n} {group.kind}s repeat each other almost word for "
                                 f"word ({round(score * 100)}% alike)."),
                        severity=Severity.WARNING, occurrences=group.places, score=score)
        # Sentences that share much of their wording: padding in a draft, but also the parallel
        # reports of good copy (two leaders' incomes, two firms' results), so advice.
        return Flag(check=self.id, rule="repetition.paraphrase", category=CATEGORY,
                    start=group.places[0].start, end=group.places[0].end,
                    message=(f"These {n} {group.kind}s say nearly the same thing "
                             f"({round(score * 100)}% alike)."),
                    severity=Severity.SUGGESTION, occurrences=group.places, score=score)

    def _opener_flag(self, ws: WordStream, op: Opener) -> Flag:
        places = tuple(Span(ws.starts[p], ws.ends[p + op.length - 1]) for p in op.places)
        shown = _shown(ws, op.places[0], op.length)
        where = "paragraphs" if op.scope == "paragraph" else "sentences in a row"
        return Flag(check=self.id, rule="repetition.opener", category=CATEGORY,
                    start=places[0].start, end=places[0].end,
                    message=f"{len(places)} {where} open with \u201c{shown}\u201d.",
                    severity=Severity.SUGGESTION, occurrences=places, score=float(len(places)),
                    key=f"{op.scope}:{shown}")


def _other_forms(ws: WordStream, ph: Phrase) -> list[str]:
    """The inflected forms of a joined phrase other than its first ("US officials" beside "US official")."""
    first_key = tuple(ws.ids[ph.positions[0]:ph.positions[0] + ph.length])
    seen = {first_key}
    out: list[str] = []
    for p in ph.positions:
        key = tuple(ws.ids[p:p + ph.length])
        if key not in seen:
            seen.add(key)
            out.append(_shown(ws, p, ph.length))
    return out


def _shown(ws: WordStream, first: int, length: int) -> str:
    return _SPACES.sub(" ", ws.surface(first, first + length - 1))
