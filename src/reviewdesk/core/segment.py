"""Splits a block of prose into sentence spans, and finds direct quotations.

Our own rule-based splitter: linear in the text, predictable, and aware of the abbreviations news
copy is full of ("U.S.", "Gen.", "Oct."); its cases are in tests/core/test_document.py.
"""
from __future__ import annotations

import re

from .flags import Span

_ABBREVIATIONS = frozenset("""
mr mrs ms dr prof st jr sr gen col lt sgt capt cmdr adm maj sen rep gov pres supt insp rev fr hon
no nos vs etc e.g i.e cf al approx dept est fig inc ltd co corp bros jan feb mar apr jun jul aug sep
sept oct nov dec mon tue wed thu fri sat sun a.m p.m u.s u.k u.n e.u d.c n.y l.a mt ft ave blvd rd
""".split())

# An end mark, then any closing quotes/brackets, then whitespace, then something that can start a sentence.
_BOUNDARY = re.compile(
    r"""(?P<end>[.!?\u2026]+)(?P<close>["'\u201d\u2019)\]]*)(?P<space>\s+)(?=["'\u201c\u2018(\[]?[A-Z0-9\u00c0-\u024f\u0400-\u04ff])"""
)
_WORD_BEFORE = re.compile(r"([\w.]+)$")


def _is_abbreviation(text: str, dot_at: int) -> bool:
    match = _WORD_BEFORE.search(text, max(0, dot_at - 12), dot_at)
    if not match:
        return False
    word = match.group(1).lower().rstrip(".")
    if word in _ABBREVIATIONS:
        return True
    # A single initial ("J. Smith") or a dotted acronym ("U.S.") is not a sentence end.
    return len(word) == 1 and word.isalpha() or bool(re.fullmatch(r"(?:[a-z]\.)+[a-z]", word))


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Sentence spans inside text[start:end], trimmed of surrounding whitespace."""
    end = len(text) if end is None else end
    spans: list[Span] = []
    cursor = start
    for match in _BOUNDARY.finditer(text, start, end):
        marks = match.group("end")
        if marks == "." and _is_abbreviation(text, match.start("end")):
            continue
        stop = match.end("close")
        _append_trimmed(text, cursor, stop, spans)
        cursor = match.end("space")
    _append_trimmed(text, cursor, end, spans)
    return spans


def _append_trimmed(text: str, start: int, end: int, out: list[Span]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Span(start, end))


# A quotation may run across the single line breaks of hard-wrapped text, never across a blank line.
_IN = r"(?:[^{stop}\n]|\n(?![ \t]*\n))"
_CURLY = re.compile("\u201c" + _IN.format(stop="\u201c\u201d") + "{1,2000}?\u201d")
_STRAIGHT = re.compile(r'(?<![\w])"' + _IN.format(stop='"') + '{1,2000}?"')
# Pasted copy often opens a quote with a curly mark and closes it with a straight one.
_MIXED = re.compile("\u201c" + _IN.format(stop='\u201c\u201d"') + '{1,2000}?"')


def find_quotes(text: str) -> list[Span]:
    """Direct quotations, marks included: curly pairs and straight pairs within one paragraph."""
    spans = [Span(m.start(), m.end()) for m in _CURLY.finditer(text)]
    spans += [Span(m.start(), m.end()) for m in _MIXED.finditer(text)]
    spans += [Span(m.start(), m.end()) for m in _STRAIGHT.finditer(text)]
    spans.sort(key=lambda s: s.start)
    merged: list[Span] = []
    for span in spans:
        if merged and span.start < merged[-1].end:
            continue
        merged.append(span)
    return merged
