"""Turns an HTML draft or a saved article page into the article's parts and one furniture notice.

Two opinions, measured against each other on saved pages (tests/benchmarks/bench_loaders.py):
- the structural reading (loaders_html.PageReader) sets apart what the page marks as furniture
  (navigation, banners, cookie boxes, share bars, related links, newsletters, comments, footers,
  forms) by tag, ARIA role or class and id names; it keeps every article block, bylines, captions
  and cells included, but leaves furniture a template names in its own words (a "widget-area");
- trafilatura finds the article by its text and drops all such furniture, but also bylines and
  captions. So on a page that has furniture, a running-text block trafilatura does not keep goes
  too; headlines, bylines, captions, cells and footnotes are left to the structural reading.
A draft with no furniture (a CMS preview, an exported draft) is read structurally alone.
"""
from __future__ import annotations

import logging

import re

from .document import BYLINE, CAPTION, FOOTNOTE, HEADING, TABLE_CELL
from .layout import Part
from .loaders_html import PageReader

log = logging.getLogger(__name__)

_TRUST_ALWAYS = {BYLINE, CAPTION, FOOTNOTE, TABLE_CELL}
_MAX_ELEMENTS_FOR_EXTRACTOR = 200_000     # past this a page is not an article page; skip the second opinion
_SPACE = re.compile(r"\s+")

_FEED = 1 << 20          # characters per HTMLParser.feed call: keeps its buffer small


def read_page(text: str, *, max_elements: int) -> tuple[list[Part], str, list[str]]:
    """(the article's parts, the page title, notices)."""
    reader = PageReader(max_elements)
    for i in range(0, len(text), _FEED):
        reader.feed(text[i:i + _FEED])
    reader.close()
    parts: list[Part] = []
    removed: list[Part] = []
    for where, part in reader.found:
        if where == "furniture" or (where == "header" and reader.saw_article):
            removed.append(part)
        else:
            parts.append(part)
    if removed and reader.elements <= _MAX_ELEMENTS_FOR_EXTRACTOR:
        parts, dropped = _second_opinion(text, parts)
        removed += dropped
    notices = []
    if removed:
        words = sum(len(p.text.split()) for p in removed)
        sample = "; ".join(_short(p.text) for p in removed[:3])
        notices.append(f"Page furniture removed: {len(removed)} block{'s' if len(removed) != 1 else ''} "
                       f"({words} words) of navigation, banners, share and related links, not checked "
                       f"(first: {sample}).")
    return parts, reader.title, notices


def _second_opinion(html: str, parts: list[Part]) -> tuple[list[Part], list[Part]]:
    try:
        import trafilatura
    except ImportError as exc:         # an install without it reads structurally alone
        log.warning("trafilatura cannot be imported (%s): saved pages are read by structure alone", exc)
        return parts, []
    try:
        kept = trafilatura.extract(html, include_tables=True, include_comments=False, favor_recall=True)
    except Exception:                  # its failure is no reason to refuse the draft
        return parts, []
    if not kept:
        return parts, []
    kept = _SPACE.sub(" ", kept)
    out: list[Part] = []
    dropped: list[Part] = []
    for part in parts:
        trusted = part.kind in _TRUST_ALWAYS or (part.kind == HEADING and part.level <= 1)
        if trusted or _SPACE.sub(" ", part.text).strip() in kept:
            out.append(part)
        else:
            dropped.append(part)
    # An extractor that threw away most of the running text has misread the page: ignore it.
    words = lambda ps: sum(len(p.text.split()) for p in ps if p.kind not in _TRUST_ALWAYS)
    if words(out) < 0.6 * words(parts):
        return parts, []
    return out, dropped


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 40 else text[:39] + "\u2026"
