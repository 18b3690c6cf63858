"""The sourcing check: vague attributions, quotes with no named speaker, unsourced figures, stacked hedges, titles to verify."""
from __future__ import annotations

import bisect
import re
from typing import Iterable

from ..core.document import Document
from ..core.flags import Flag, Severity, Span
from .base import RunContext
from .editorial_lists import Match, load_phrases
from .editorial_names import find_organisations, find_people, names_speaker
from .editorial_text import SentenceIndex, SpanIndex, find_figures

CHECK = "sourcing"
# A quotation this short is a term or a scare quote ("Battle of Bakhmut"), not someone's words.
MIN_QUOTE_WORDS = 3
_QUOTE_OPENERS = "\"\u201c\u2018'"
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
        vague = [m for m in load_phrases("sourcing_vague.txt").finditer(text) if outside_quotes(m)]
        flags = [_vague_flag(text, m) for m in vague]
        vague_sentences = {sentence_index(m.start) for m in vague}
        # "US officials" is a weak source but a source; "it is believed" is none.
        credited_sentences = {sentence_index(m.start) for m in vague
                              if not re.match(r"it\b", text[m.start:m.end], re.IGNORECASE)}

        ctx.progress.report(0.2, "Looking for people and organisations")
        people = find_people(doc)
        organisations = find_organisations(doc)
        known_names = sorted({p.name.split()[-1] for p in people}, key=len, reverse=True)
        flags.extend(_title_flags(people))

        ctx.progress.report(0.4, "Checking quotations")
        flags.extend(self._quote_flags(doc, sentences, sentence_index, blocks, vague_sentences, known_names))

        ctx.progress.report(0.6, "Checking figures")
        markers = load_phrases("sourcing_markers.txt")
        sourced_sentences = set(credited_sentences)
        for m in markers.finditer(text):
            sourced_sentences.add(sentence_index(m.start))
        for entity in [*people, *organisations]:
            sourced_sentences.add(sentence_index(entity.start))
        for figure in find_figures(text):
            if doc.in_quote(figure.start, figure.end):
                continue  # the speaker is the source, and the quote rule checks the speaker
            if blocks.spans and blocks.at(figure.start).is_heading:
                continue
            i = sentence_index(figure.start)
            if i in sourced_sentences or i + 1 in sourced_sentences:
                continue
            flags.append(Flag(CHECK, "sourcing.unsourced-figure", "sourcing", figure.start, figure.end,
                              f"Unsourced figure: \u201c{_one_line(figure.text)}\u201d has no source in "
                              "this sentence or the next. Say who counted or estimated it.",
                              Severity.WARNING))

        ctx.progress.report(0.8, "Looking for stacked hedges")
        flags.extend(_hedge_flags(doc, sentences, sentence_index, outside_quotes))
        return flags

    def _quote_flags(self, doc: Document, sentences: list[Span], sentence_index, blocks: SpanIndex,
                     vague_sentences: set[int], known_names: list[str]) -> list[Flag]:
        text = doc.text
        flags = []
        for quote in doc.quotes:
            inner = text[quote.start + 1:quote.end - 1]
            if inner != inner.strip() or inner[:1] in ",;:.!?":
                continue  # a closing and an opening mark paired up by mistake: '" said she; "'
            words = inner.split()
            if len(words) < MIN_QUOTE_WORDS or all(w[:1].isupper() or w in ("of", "for", "the", "and")
                                                   for w in words):
                continue
            block = blocks.at(quote.start) if blocks.spans else None
            if block is None or block.is_heading or _is_dialogue(text, block.start):
                continue
            i = sentence_index(quote.start)
            j = sentence_index(quote.end - 1)
            if vague_sentences & {i - 1, i, j}:
                continue  # the vague attribution is flagged already, in words the editor can act on
            if _speech_verb_beside(text, quote) or _continues_quote(text, doc.quotes, quote):
                continue  # '"...," said his wife' / 'the statement said: "..."': credited in place
            passage = text[sentences[max(0, i - 1)].start:sentences[j].end]
            passage = passage.replace(text[quote.start:quote.end], " ")
            if names_speaker(passage, known_names):
                continue
            flags.append(Flag(CHECK, "sourcing.unattributed-quote", "sourcing", quote.start, quote.end,
                              "Quotation with no named speaker in this sentence or the one before. "
                              "Say who said it.", Severity.WARNING))
        return flags


_VERB_AFTER = re.compile(r"\s*(?:\w+\s+){0,3}?(?:said|says|asked|replied|cried|added|continued|"
                         r"answered|told|wrote|writes|explained|insisted|observed|returned)\b")
_VERB_BEFORE = re.compile(r"\b(?:said|says|asked|replied|cried|added|told|wrote|writes|declared|"
                          r"stated|noted|explained|insisted|announced|tweeted|posted)\s*[,:]?\s*$")


def _speech_verb_beside(text: str, quote: Span) -> bool:
    return bool(_VERB_AFTER.match(text, quote.end, quote.end + 40)
                or _VERB_BEFORE.search(text, max(0, quote.start - 30), quote.start))


def _continues_quote(text: str, quotes, quote: Span) -> bool:
    """'"You saved it," said the woman, "and it is yours."': the second part has its speaker before."""
    k = bisect.bisect_left([q.start for q in quotes], quote.start)
    if k == 0:
        return False
    gap = text[quotes[k - 1].end:quote.start]
    return len(gap) <= 80 and "\n\n" not in gap and bool(_ANY_SPEECH.search(gap))


_ANY_SPEECH = re.compile(r"\b(?:said|says|asked|replied|cried|added|continued|answered|told|wrote|"
                         r"explained|insisted|observed|returned|shouted|whispered|called)\b")


def _is_dialogue(text: str, block_start: int) -> bool:
    """A paragraph that opens with a quotation is dialogue: fiction and Q&A name speakers by turns."""
    return text[block_start:block_start + 1] in _QUOTE_OPENERS


def _vague_flag(text: str, m: Match) -> Flag:
    passage = _one_line(text[m.start:m.end])
    return Flag(CHECK, "sourcing.vague-attribution", "sourcing", m.start, m.end,
                f"Vague attribution: \u201c{passage}\u201d. Name the source (who, in what role), or say "
                "why they cannot be named.", Severity.WARNING)


def _title_flags(people) -> list[Flag]:
    flags, seen = [], set()
    for person in people:
        if not person.official or len(person.name.split()) < 2:
            continue
        key = (person.title.casefold(), person.name.casefold())
        if key in seen:
            continue
        seen.add(key)
        flags.append(Flag(CHECK, "sourcing.title-to-verify", "sourcing", person.start, person.end,
                          f"Verify the title: was {person.name} \u201c{person.title}\u201d at the time "
                          "described? Titles change; check the name's spelling too.", Severity.INFO))
    return flags


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
