"""The claims check: a ledger of checkable statements (dates, numbers, people, quotes, organisations); it raises no flags."""
from __future__ import annotations

import hashlib
from typing import Iterable

from ..core.document import Document
from ..core.flags import Flag, context_words, normalise
from ..storage.records import ClaimRecord
from .base import RunContext
from .editorial_names import find_organisations, find_people
from .editorial_text import SentenceIndex, find_dates, find_durations, find_figures

KINDS = ("date", "number", "person", "quote", "organisation")
# A quotation of one word is a term, not a statement anyone can check.
MIN_QUOTE_WORDS = 2


class ClaimsCheck:
    id = "claims"
    name = "Claims to verify"
    categories = ("claims",)

    def run(self, doc: Document, ctx: RunContext) -> Iterable[Flag]:
        ctx.progress.report(0.0, "Collecting claims to verify")
        claims = extract_claims(doc, ctx)
        ctx.metrics["claims"] = claims
        ctx.metrics["counts"] = {kind: sum(1 for c in claims if c.kind == kind) for kind in KINDS}
        return []


def extract_claims(doc: Document, ctx: RunContext | None = None) -> list[ClaimRecord]:
    """Every claim in document order; ids are stable across edits elsewhere in the draft."""
    text = doc.text
    raw: list[tuple[str, int, int]] = []
    for d in find_dates(text):
        raw.append(("date", d.start, d.end))
    numbers = [(q.start, q.end) for q in find_figures(text)]
    for q in find_durations(text):
        if q.text.split()[0].lower() in ("a", "an"):
            continue  # "a year", "an hour": a way of speaking, not a figure to check
        if not any(s < q.end and q.start < e for s, e in numbers):
            numbers.append((q.start, q.end))
    raw.extend(("number", s, e) for s, e in numbers)
    if ctx is not None:
        ctx.progress.report(0.3, "Collecting people and organisations")
    seen_people: set[tuple[str, str]] = set()
    for p in find_people(doc):
        key = (normalise(p.title), normalise(p.name))
        if key not in seen_people:  # the first mention carries the title; later ones repeat it
            seen_people.add(key)
            raw.append(("person", p.start, p.end))
    seen_orgs: set[str] = set()
    for o in find_organisations(doc):
        key = normalise(o.text)
        if key not in seen_orgs:
            seen_orgs.add(key)
            raw.append(("organisation", o.start, o.end))
    if ctx is not None:
        ctx.progress.report(0.7, "Collecting quotations")
    for q in doc.quotes:
        inner = text[q.start + 1:q.end - 1]
        if inner != inner.strip() or len(inner.split()) < MIN_QUOTE_WORDS:
            continue
        raw.append(("quote", q.start, q.end))
    raw.sort(key=lambda r: (r[1], KINDS.index(r[0])))
    return _records(doc, raw)


def _records(doc: Document, raw: list[tuple[str, int, int]]) -> list[ClaimRecord]:
    text = doc.text
    sentences = SentenceIndex(doc)
    out: list[ClaimRecord] = []
    used: set[str] = set()
    for kind, start, end in raw:
        lo, hi = _sentence_bounds(sentences, start, end)
        key = claim_key(text[lo:hi], kind, start - lo, end - lo)
        claim_id, n = key, 1
        while claim_id in used:  # the same words in the same surroundings twice: number them
            claim_id = _short(f"{key}#{n}")
            n += 1
        used.add(claim_id)
        out.append(ClaimRecord(claim_id, kind, " ".join(text[start:end].split()), start, end,
                               " ".join(text[lo:hi].split())))
    return out


def claim_key(text: str, kind: str, start: int, end: int) -> str:
    """Short hash of kind + normalised text + up to three words either side; never offsets.

    Callers pass the claim's sentence as `text`, so a new paragraph above it keeps its id.
    """
    before, after = context_words(text, start, end, n=3)
    return _short("\x1f".join((kind, normalise(text[start:end]), before, after)))


def _short(raw: str) -> str:
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:10]


def _sentence_bounds(sentences: SentenceIndex, start: int, end: int) -> tuple[int, int]:
    """The sentence (or sentences, for a long quote) holding [start, end)."""
    if not sentences.spans:
        return start, end
    first, last = sentences.at(start), sentences.at(max(start, end - 1))
    return min(first.start, start), max(first.end, last.end, end)
