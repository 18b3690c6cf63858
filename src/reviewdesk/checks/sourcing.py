"""The sourcing check: vague attributions, quotes with no named speaker, unsourced figures, stacked hedges and
wrong-era officials (officeholders.py), as flags."""
from __future__ import annotations

import re
from typing import Iterable

from ..core.document import Document
from ..core.flags import Flag, Severity, Span
from .base import RunContext
from .editorial_lists import Match, load_phrases
from .editorial_names import NAME, find_organisations, find_people
from .editorial_text import SentenceIndex, SpanIndex
from .officeholders import officeholder_flags
from .sourcing_figures import FigureFinder
from .sourcing_quotes import QuoteFinder

CHECK = "sourcing"
HEDGE_GAP = 60   # characters between two hedges that still qualify one claim


class SourcingCheck:
    id = CHECK
    name = "Sourcing and attribution"
    categories = ("sourcing",)

    def run(self, doc: Document, ctx: RunContext) -> Iterable[Flag]:
        text = doc.text
        skip_quotes = ctx.settings.skip_quotes
        index = SentenceIndex(doc)
        sentences = index.spans
        sentence_index = index.index
        blocks = SpanIndex(doc.blocks)

        def outside_quotes(m: Match) -> bool:
            return not (skip_quotes and doc.in_quote(m.start, m.end))

        ctx.progress.report(0.0, "Looking for vague attributions")
        vague = [m for m in load_phrases("sourcing_vague.txt").finditer(text)
                 if outside_quotes(m) and not _NAMED_AFTER.match(text, m.end, m.end + 80)]
        flags = [_vague_flag(text, m) for m in vague]
        vague_sentences = {sentence_index(m.start) for m in vague}
        # "US officials" is a weak source but a source; "it is believed" is none.
        credited_sentences = {sentence_index(m.start) for m in vague
                              if not re.match(r"it\b", text[m.start:m.end], re.IGNORECASE)}

        ctx.progress.report(0.2, "Looking for people and organisations")
        people = find_people(doc)
        organisations = find_organisations(doc)
        known_names = sorted({p.name.split()[-1] for p in people}, key=len, reverse=True)
        flags.extend(officeholder_flags(doc))

        ctx.progress.report(0.4, "Checking quotations")
        quotes = QuoteFinder(doc, index, blocks, known_names)
        for quote in quotes.unattributed(vague_sentences):
            flags.append(Flag(CHECK, "sourcing.unattributed-quote", "sourcing", quote.start, quote.end,
                              "Quotation with no named speaker in its sentence, the one before or the "
                              "paragraphs beside it. Say who said it.", Severity.WARNING))

        ctx.progress.report(0.6, "Checking figures")
        actors = [(e.start, e.end) for e in [*people, *organisations]]
        for figure in FigureFinder(doc, index, blocks, actors, credited_sentences,
                                   [(m.start, m.end) for m in vague]).unsourced():
            flags.append(Flag(CHECK, "sourcing.unsourced-figure", "sourcing", figure.start, figure.end,
                              f"Unsourced figure: \u201c{_one_line(figure.text)}\u201d has no source in "
                              "this sentence, the next or its paragraph. Say who counted or estimated it.",
                              Severity.WARNING))

        ctx.progress.report(0.8, "Looking for stacked hedges")
        flags.extend(_hedge_flags(doc, sentences, sentence_index, outside_quotes))
        return flags


# "a senior official, Jane Roe, said": the source is named right after its role.
_NAMED_AFTER = re.compile(rf"\s*,\s*{NAME}\s*[,(]|\s+(?:named|called)\s+{NAME}\b")


def _vague_flag(text: str, m: Match) -> Flag:
    passage = _one_line(text[m.start:m.end])
    return Flag(CHECK, "sourcing.vague-attribution", "sourcing", m.start, m.end,
                f"Vague attribution: \u201c{passage}\u201d. Name the source (who, in what role), or say "
                "why they cannot be named.", Severity.WARNING)


def _hedge_flags(doc: Document, sentences: list[Span], sentence_index, outside_quotes) -> list[Flag]:
    text = doc.text
    by_sentence: dict[int, list[Match]] = {}
    for m in load_phrases("sourcing_hedges.txt").finditer(text):
        if outside_quotes(m):
            by_sentence.setdefault(sentence_index(m.start), []).append(m)
    flags = []
    for i, found in sorted(by_sentence.items()):
        # Hedges far apart in a long sentence qualify different things; stacked ones sit close.
        if len(found) < 2 or not any(b.start - a.end <= HEDGE_GAP for a, b in zip(found, found[1:])):
            continue
        s = sentences[i]
        hedges = ", ".join(f"\u201c{_one_line(text[m.start:m.end])}\u201d" for m in found)
        flags.append(Flag(CHECK, "sourcing.stacked-hedge", "sourcing", s.start, s.end,
                          f"Stacked hedges ({hedges}): the sentence qualifies its claim twice and "
                          "still credits no one. Find out who says it, and say it once.",
                          Severity.WARNING, (), tuple(Span(m.start, m.end) for m in found)))
    return flags


def _one_line(passage: str) -> str:
    return " ".join(passage.split())
