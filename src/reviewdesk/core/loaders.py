"""Reads a draft file (.txt, .md, .html, .docx) into a Document, refusing bad input with one clear sentence."""
from __future__ import annotations

import hashlib
import os
import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path

from .document import (HEADING, LIST_ITEM, PARAGRAPH, QUOTE_BLOCK, Document, document_from_blocks,
                       document_from_text)
from .errors import InputError, UnsupportedFormat

MAX_BYTES = 20 * 1024 * 1024
FORMATS = {".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md", ".html": "html",
           ".htm": "html", ".docx": "docx"}
OPEN_FILTER = "Drafts (*.txt *.md *.markdown *.html *.htm *.docx)"


def load_document(path: str | os.PathLike[str]) -> Document:
    p = Path(path)
    name = p.name or str(p)
    if not p.exists():
        raise InputError(f"{name}: no such file.")
    if p.is_dir():
        raise InputError(f"{name} is a folder, not a draft; open a .txt, .md, .html or .docx file.")
    fmt = FORMATS.get(p.suffix.lower())
    if fmt is None:
        raise UnsupportedFormat(
            f"{name}: ReviewDesk opens .txt, .md, .html and .docx drafts, not '{p.suffix or 'no extension'}'.")
    try:
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise InputError(f"{name} is {size / 1048576:.1f} MB; ReviewDesk opens drafts up to "
                             f"{MAX_BYTES // 1048576} MB.")
        data = p.read_bytes()
    except PermissionError:
        raise InputError(f"{name}: permission denied.") from None
    except OSError as exc:
        raise InputError(f"{name}: cannot be read ({exc.strerror or exc}).") from None
    sha = hashlib.sha256(data).hexdigest()
    resolved = str(p.resolve())
    if fmt == "docx":
        return _load_docx(data, resolved, name, sha)
    text = decode(data, name)
    if fmt == "md":
        return document_from_blocks(markdown_blocks(text), path=resolved, title="", fmt="md", sha256=sha)
    if fmt == "html":
        parser = _HtmlBlocks()
        parser.feed(text)
        parser.close()
        return document_from_blocks(parser.blocks, path=resolved, title=parser.title, fmt="html",
                                    sha256=sha)
    return document_from_text(text, path=resolved, fmt="txt", sha256=sha)


def decode(data: bytes, name: str = "file") -> str:
    """Bytes to text: BOMs first, then strict UTF-8, then detection of legacy encodings."""
    if data.startswith(b"\xef\xbb\xbf"):
        text = data[3:].decode("utf-8", errors="replace")
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError(f"{name}: damaged UTF-16 text.") from None
    else:
        if b"\x00" in data[:8192]:
            raise InputError(f"{name} looks like a binary file, not a text draft.")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = _detect(data, name)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _control_share(text) > 0.05:
        raise InputError(f"{name} looks like a binary file, not a text draft.")
    return text


def _detect(data: bytes, name: str) -> str:
    """A legacy single-byte file. Detectors cannot tell cp1252 from its Latin cousins (cp1250,
    cp1257) on short English text, so when the best guess is Latin script and cp1252 reads the
    bytes cleanly, cp1252 (the most common by far) wins; other scripts keep the detector's answer."""
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError(f"{name} looks like a binary file, not a text draft.")
    guess = str(best)
    if _latin_share(guess) >= 0.9:
        try:
            western = data.decode("cp1252")
        except UnicodeDecodeError:
            return guess
        if _latin_share(western) >= 0.9:
            return western
    return guess


def _latin_share(text: str) -> float:
    import unicodedata

    letters = [ch for ch in text[:20000] if ord(ch) > 127 and ch.isalpha()]
    if not letters:
        return 1.0
    return sum(1 for ch in letters if unicodedata.name(ch, "").startswith("LATIN")) / len(letters)


def _control_share(text: str) -> float:
    sample = text[:20000]
    if not sample:
        return 0.0
    bad = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\t\f" or ch == "\ufffd")
    return bad / len(sample)


def _load_docx(data: bytes, path: str, name: str, sha: str) -> Document:
    import io

    from docx import Document as open_docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        word = open_docx(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise InputError(f"{name} is not a readable Word document ({type(exc).__name__}).") from None
    except Exception as exc:  # lxml and python-docx raise many kinds on a damaged package
        raise InputError(f"{name} is a damaged Word document ({type(exc).__name__}).") from None
    parts: list[tuple[str, int, str, int | None]] = []
    title = (word.core_properties.title or "").strip()
    for index, para in enumerate(word.paragraphs):
        style = (para.style.name if para.style is not None else "") or ""
        kind, level = PARAGRAPH, 0
        if style == "Title":
            kind, level = HEADING, 1
        elif style.startswith("Heading"):
            digits = re.findall(r"\d+", style)
            kind, level = HEADING, (int(digits[0]) + 1 if digits else 2)
        elif style.startswith("List"):
            kind = LIST_ITEM
        elif style in ("Quote", "Intense Quote"):
            kind = QUOTE_BLOCK
        parts.append((kind, level, para.text, index))
    return document_from_blocks(parts, path=path, title=title, fmt="docx", sha256=sha)


_MD_INLINE = [
    (re.compile(r"\[\^[^\]\s]+\]"), ""),                  # footnote reference [^1]
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),
    (re.compile(r"<https?://[^>]+>"), ""),
    (re.compile(r"</?[A-Za-z][^>]*>"), ""),
    (re.compile(r"`([^`]+)`"), r"\1"),
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),
    (re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?!\*)"), r"\1"),
    (re.compile(r"(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w_])"), r"\1"),
    (re.compile(r"~~(.+?)~~"), r"\1"),
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!>])"), r"\1"),
]


def _md_inline(text: str) -> str:
    for pattern, repl in _MD_INLINE:
        text = pattern.sub(repl, text)
    return text


_MD_COMMENT = re.compile(r"<!--.*?-->", re.S)
_MD_LINK_DEFINITION = re.compile(r"^\s{0,3}\[(?!\^)[^\]]+\]:\s*\S")
_MD_FOOTNOTE = re.compile(r"^\s{0,3}\[\^[^\]]+\]:\s*(.*)$")


def markdown_blocks(text: str) -> list[tuple[str, int, str, int | None]]:
    """CommonMark's block structure, enough for prose drafts: headings, paragraphs, lists, quotes.

    Code blocks, tables and front matter are left out: they are not prose to review.
    """
    lines = _MD_COMMENT.sub("", text).split("\n")
    if lines and lines[0].strip() == "---":
        end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
        if end is not None:
            lines = lines[end + 1:]
    blocks: list[tuple[str, int, str, int | None]] = []
    para: list[str] = []
    kind = PARAGRAPH
    fence = None

    def flush() -> None:
        nonlocal para, kind
        if para:
            blocks.append((kind, 0, _md_inline(" ".join(s.strip() for s in para)), None))
        para, kind = [], PARAGRAPH

    for i, line in enumerate(lines):
        stripped = line.strip()
        if fence:
            if stripped.startswith(fence):
                fence = None
            continue
        if stripped.startswith(("```", "~~~")):
            flush()
            fence = stripped[:3]
            continue
        if not stripped:
            flush()
            continue
        if not para and _MD_LINK_DEFINITION.match(line):
            continue      # [id]: https://... "title": where a link points, not prose
        note = _MD_FOOTNOTE.match(line) if not para else None
        if note:
            flush()
            para = [note.group(1)]        # the footnote's own text is prose; its marker is not
            continue
        heading = re.match(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$", line)
        if heading:
            flush()
            blocks.append((HEADING, len(heading.group(1)), _md_inline(heading.group(2)), None))
            continue
        if para and re.fullmatch(r"\s{0,3}(=+|-+)\s*", line) and kind == PARAGRAPH:
            level = 1 if stripped[0] == "=" else 2
            blocks.append((HEADING, level, _md_inline(" ".join(para)), None))
            para = []
            continue
        if re.fullmatch(r"\s{0,3}([-*_])(\s*\1){2,}\s*", line) or stripped.startswith("|"):
            flush()
            continue
        item = re.match(r"^\s*(?:[-*+]|\d+[.)])\s+(.*)$", line)
        if item:
            flush()
            kind = LIST_ITEM
            para = [item.group(1)]
            continue
        quote = re.match(r"^\s*>\s?(.*)$", line)
        if quote:
            if kind != QUOTE_BLOCK:
                flush()
                kind = QUOTE_BLOCK
            if quote.group(1).strip():
                para.append(quote.group(1))
            continue
        if line.startswith("    ") and not para:
            continue
        para.append(line)
    flush()
    return blocks


class _HtmlBlocks(HTMLParser):
    """Block-level text of an HTML page; scripts, styles, navigation chrome and markup dropped."""

    _BLOCK = {"p", "div", "section", "article", "li", "blockquote", "td", "th", "dd", "dt",
              "figcaption", "pre", "tr", "ul", "ol", "table", "main", "header", "footer", "aside",
              "h1", "h2", "h3", "h4", "h5", "h6", "title", "body", "caption"}
    # Not prose: code and page machinery, site navigation, and the labels of form controls.
    _SKIP = {"script", "style", "noscript", "template", "svg", "head", "iframe", "object", "nav",
             "button", "select", "textarea"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[str, int, str, int | None]] = []
        self.title = ""
        self._buf: list[str] = []
        self._kind = (PARAGRAPH, 0)
        self._skip = 0
        self._in_title = False

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag == "body":
            # <body> ends the <head> even when </head> is missing, as in browsers; without this
            # a page with an unclosed head would read as empty.
            self._skip, self._in_title = 0, False
        if tag in self._SKIP:
            self._skip += 1
            return
        if tag == "title":
            self._in_title = True
            return
        if tag == "br":
            self._buf.append("\n")
            return
        if tag in self._BLOCK:
            self._flush()
            if tag[0] == "h" and tag[1:].isdigit():
                self._kind = (HEADING, int(tag[1:]))
            elif tag == "li":
                self._kind = (LIST_ITEM, 0)
            elif tag == "blockquote":
                self._kind = (QUOTE_BLOCK, 0)

    def handle_startendtag(self, tag: str, attrs) -> None:
        if tag == "br":
            self._buf.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP:
            self._skip = max(0, self._skip - 1)
            return
        if tag == "title":
            self._in_title = False
            return
        if tag in self._BLOCK:
            self._flush()

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data.strip()
        elif not self._skip:
            self._buf.append(data)

    def _flush(self) -> None:
        chunk = re.sub(r"[ \t\r\n]+", " ", "".join(self._buf)).strip()
        if chunk:
            self.blocks.append((self._kind[0], self._kind[1], chunk, None))
        self._buf = []
        self._kind = (PARAGRAPH, 0)

    def close(self) -> None:
        super().close()
        self._flush()
