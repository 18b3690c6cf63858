"""Reads an HTML draft or a saved article page into blocks, its page furniture set apart.

One pass of the standard library's HTMLParser (linear, no depth limit, positions for every piece
of text) finds the blocks: headings, paragraphs, list items with their numbers, table cells with
their table, row and column, captions, bylines. What sits in the page's furniture (navigation,
cookie banners, share bars, related links, footers, forms) is set apart, to be reported once and
not checked; see loaders_page.py for how an article page is told from a draft.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser

from .document import (BYLINE, CAPTION, FOOTNOTE, HEADING, LIST_ITEM, PARAGRAPH, QUOTE_BLOCK,
                       TABLE_CELL)
from .layout import BULLET, Part

_BLOCK = {"p", "div", "section", "article", "li", "blockquote", "td", "th", "dd", "dt", "figcaption",
          "pre", "tr", "ul", "ol", "table", "main", "header", "footer", "aside", "nav", "form",
          "h1", "h2", "h3", "h4", "h5", "h6", "title", "body", "caption", "figure", "dl", "address",
          "details", "summary", "dialog", "hr", "thead", "tbody", "tfoot"}
# Not prose: code and page machinery, and the labels of form controls.
_SKIP = {"script", "style", "noscript", "template", "svg", "head", "iframe", "object", "button",
         "select", "textarea", "canvas", "math", "video", "audio", "picture", "map"}
_VOID = {"br", "img", "hr", "input", "meta", "link", "source", "wbr", "col", "area", "base", "embed",
         "param", "track"}
# Elements that are the page around an article, by their tag or their ARIA role.
_FURNITURE_TAGS = {"nav", "aside", "footer", "form", "dialog"}
_FURNITURE_ROLES = {"navigation", "banner", "contentinfo", "complementary", "search", "dialog",
                    "alertdialog", "menu", "menubar", "toolbar"}
# Words CMS templates use in class and id names for the same furniture (checked as whole
# hyphen- or underscore-separated parts, so "shared-story" is not "share").
_FURNITURE_WORDS = {"nav", "navbar", "navigation", "menu", "breadcrumb", "breadcrumbs", "cookie",
                    "cookies", "consent", "gdpr", "share", "sharing", "social", "related", "recommended",
                    "newsletter", "subscribe", "signup", "promo", "advert", "advertisement", "ad", "ads",
                    "sidebar", "footer", "masthead", "comments", "skip", "popup", "modal", "paywall",
                    "trending", "outbrain", "taboola", "sponsored", "toolbar", "banner"}
_BYLINE_WORDS = {"byline", "author", "authors", "contributor", "credit", "dateline", "timestamp",
                 "meta", "pubdate"}
_PART = re.compile(r"[a-z]+")
# A link to a footnote ("1" in a <sup>): the mark, not text; the note itself is read where it is.
_NOTE_REF = re.compile(r"#(?:fn|footnote|note|endnote|cite_note)", re.I)
_MAX_STACK_SEARCH = 512        # an unmatched end tag looks this far down the open elements, no further


def _words(attrs: dict[str, str]) -> set[str]:
    names = " ".join((attrs.get("class") or "", attrs.get("id") or "")).lower()
    return set(_PART.findall(names))


class _Frame:
    __slots__ = ("tag", "furniture", "skip", "list", "number", "table", "kind")

    def __init__(self, tag: str) -> None:
        self.tag = tag
        self.kind: tuple | None = None     # (kind, level, extra) when this element makes a block
        self.furniture = self.skip = False
        self.list: str | None = None       # "ol" / "ul" for a list element
        self.number = 1                    # an ordered list's next number
        self.table: list[int] | None = None   # [table index, row, col] for a table element


class PageReader(HTMLParser):
    """Blocks of an HTML document, each with where it sat: in the text or in the page's furniture."""

    def __init__(self, max_elements: int) -> None:
        super().__init__(convert_charrefs=True)
        # Every block in page order with where it sat: "text", "furniture", or "header" (a
        # <header> outside any <article>: the site's masthead on a page, the headline in a draft).
        self.found: list[tuple[str, Part]] = []
        self.title = ""
        self.elements = 0
        self.max_elements = max_elements
        self.saw_article = False           # an <article> or <main>: the page says where its story is
        self._stack: list[_Frame] = []
        self._buf: list[str] = []
        self._anchors: list[tuple[int, int, int]] = []
        self._length = 0
        self._furniture = self._skip = self._header = 0
        self._byline = False
        self._in_title = False
        self._tables = -1

    # -- the element stack ----------------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs) -> None:
        self.elements += 1
        if self.elements > self.max_elements:
            from .limits import TooManyElements
            raise TooManyElements(self.max_elements)
        a = {k: (v or "") for k, v in attrs}
        if tag == "body":
            # <body> ends the <head> even when </head> is missing, as in browsers.
            self._skip, self._in_title = 0, False
            self._stack = [f for f in self._stack if not f.skip]
        if tag in _VOID:
            if tag == "br":
                self._text("\n")
            elif tag == "hr":
                self._flush()
            return
        if tag == "title":
            self._in_title = True
            return
        if tag in ("p", "li", "dt", "dd", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6"):
            self._close_implied(tag)
        frame = _Frame(tag)
        words = _words(a)
        role = (a.get("role") or "").lower()
        if (tag in _SKIP or "hidden" in a or (a.get("aria-hidden") or "").lower() == "true"
                or (tag == "a" and _NOTE_REF.match(a.get("href") or "")) or role == "doc-noteref"):
            frame.skip = True
        elif tag in _FURNITURE_TAGS or role in _FURNITURE_ROLES or words & _FURNITURE_WORDS:
            frame.furniture = True
        if tag == "header" and not self._inside("article"):
            frame.number = -1              # marks a page-level header (see `found`)
            self._header += 1
        if tag in ("article", "main") or role == "main":
            self.saw_article = True
        if tag in _BLOCK or tag in ("td", "th"):
            self._flush()
        self._stack.append(frame)
        self._skip += frame.skip
        self._furniture += frame.furniture
        if tag in ("ol", "ul"):
            frame.list = tag
            start = a.get("start", "")
            frame.number = int(start) if start.lstrip("-").isdigit() else 1
        elif tag == "table":
            self._tables += 1
            frame.table = [self._tables, -1, 0]
        elif tag == "tr":
            t = self._nearest_table()
            if t is not None:
                t[1] += 1
                t[2] = 0
        if "footnote" in words or "footnotes" in words or role in ("doc-footnote", "doc-endnotes"):
            frame.kind = (FOOTNOTE, 0, "")
        elif tag[0] == "h" and tag[1:].isdigit():
            frame.kind = (HEADING, int(tag[1:]), "")
        elif tag == "li":
            frame.kind = (LIST_ITEM, 0, self._marker(a))
        elif tag == "blockquote":
            frame.kind = (QUOTE_BLOCK, 0, "")
        elif tag in ("figcaption", "caption"):
            frame.kind = (CAPTION, 0, "")
        elif tag in ("td", "th"):
            t = self._nearest_table()
            if t is not None:
                span = a.get("colspan", "1")
                frame.kind = (TABLE_CELL, 0, (t[0], max(t[1], 0), t[2], tag == "th"))
                t[2] += int(span) if span.isdigit() and 0 < int(span) < 100 else 1
        elif words & _BYLINE_WORDS or (a.get("rel") or "") == "author" or "author" in (a.get("itemprop") or ""):
            frame.kind = (BYLINE, 0, "")
            self._byline = True        # an author's name inside a line makes the line a byline

    def handle_startendtag(self, tag: str, attrs) -> None:
        if tag in _VOID:
            self.handle_starttag(tag, attrs)
        else:
            self.handle_starttag(tag, attrs)
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
            return
        if tag in _VOID:
            return
        low = max(0, len(self._stack) - _MAX_STACK_SEARCH)
        for i in range(len(self._stack) - 1, low - 1, -1):
            if self._stack[i].tag == tag:
                if tag in _BLOCK or tag in ("td", "th"):
                    self._flush()
                while len(self._stack) > i:
                    self._pop()
                return

    def _pop(self) -> None:
        frame = self._stack.pop()
        if frame.tag == "header" and frame.number == -1:
            self._header -= 1
        self._skip -= frame.skip
        self._furniture -= frame.furniture

    def _close_implied(self, tag: str) -> None:
        # <p> and <li> close an open <p>; <li> an open <li> of the same list; a cell a cell.
        closers = {"p": {"p"}, "li": {"li", "p"}, "dt": {"dt", "dd", "p"}, "dd": {"dt", "dd", "p"},
                   "tr": {"tr", "td", "th", "p"}, "td": {"td", "th", "p"}, "th": {"td", "th", "p"}}
        stop = {"ul", "ol", "table", "div", "section", "article", "blockquote", "body", "dl"}
        wanted = closers.get(tag, {"p"})
        for i in range(len(self._stack) - 1, max(-1, len(self._stack) - 8), -1):
            t = self._stack[i].tag
            if t in wanted:
                self._flush()
                while len(self._stack) > i:
                    self._pop()
                return
            if t in stop:
                return

    def _inside(self, tag: str) -> bool:
        return any(f.tag == tag for f in self._stack[-_MAX_STACK_SEARCH:])

    def _nearest_table(self) -> list[int] | None:
        for f in reversed(self._stack[-_MAX_STACK_SEARCH:]):
            if f.table is not None:
                return f.table
        return None

    def _marker(self, attrs: dict[str, str]) -> str:
        for f in reversed(self._stack[-_MAX_STACK_SEARCH:]):
            if f.list == "ul":
                return BULLET
            if f.list == "ol":
                value = attrs.get("value", "")
                n = int(value) if value.isdigit() else f.number
                f.number = n + 1
                return f"{n}."
        return BULLET

    def _depth(self) -> int:
        return max(0, sum(1 for f in self._stack[-_MAX_STACK_SEARCH:] if f.list) - 1)

    # -- text -----------------------------------------------------------------------------------
    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        elif not self._skip:
            self._text(data)

    def _text(self, data: str) -> None:
        if data.strip():
            line, col = self.getpos()
            self._anchors.append((self._length + len(data) - len(data.lstrip()), line,
                                  col + 1 + len(data) - len(data.lstrip())))
        self._buf.append(data)
        self._length += len(data)

    def _block_kind(self) -> tuple:
        for f in reversed(self._stack[-_MAX_STACK_SEARCH:]):
            if f.kind is not None:
                kind = f.kind
                if kind[0] == LIST_ITEM:
                    f.kind = (LIST_ITEM, 0, "")     # a second paragraph of the item: no second number
                return kind
        return (PARAGRAPH, 0, "")

    def _flush(self) -> None:
        text = "".join(self._buf)
        if text.strip():
            kind, level, extra = self._block_kind()
            if kind == PARAGRAPH and self._byline:
                kind = BYLINE
            part = Part(kind, level, text, anchors=tuple(self._anchors))
            if kind == LIST_ITEM:
                part.marker, part.level = extra, self._depth()
            elif kind == TABLE_CELL:
                part.table, part.row, part.col, part.header = extra
            where = "furniture" if self._furniture else "header" if self._header else "text"
            self.found.append((where, part))
        self._buf, self._anchors, self._length = [], [], 0
        self._byline = False

    def close(self) -> None:
        super().close()
        self._flush()
        self.title = " ".join(self.title.split())
