"""Reads a draft file (.txt, .md, .html, .docx) into a Document, refusing bad input with one clear sentence.

Markdown goes through loaders_markdown, HTML pages through loaders_page, Word files through
loaders_docx; all are laid out by core/layout.py, within the limits of core/limits.py.
"""
from __future__ import annotations

import hashlib
import os
import re
import zipfile
from pathlib import Path

from .document import Document, document_from_blocks, document_from_text
from .errors import InputError, UnsupportedFormat
from .limits import MAX_CHARS, MAX_FILE_MB, DamagedDraft, LimitExceeded, TooManyElements, max_chars, \
    max_file_bytes, max_nodes

MAX_BYTES = 20 * 1024 * 1024          # the default of limits.max_file_bytes()
MAX_ZIP_MEMBERS = 10_000
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
        limit = max_file_bytes()
        if size > limit:
            raise InputError(f"{name} is {size / 1048576:.1f} MB; ReviewDesk opens drafts up to "
                             f"{limit // 1048576} MB (set {MAX_FILE_MB} to open a bigger one).")
        data = p.read_bytes()
    except PermissionError:
        raise InputError(f"{name}: permission denied.") from None
    except OSError as exc:
        raise InputError(f"{name}: cannot be read ({exc.strerror or exc}).") from None
    sha = hashlib.sha256(data).hexdigest()
    resolved = str(p.resolve())
    try:
        if fmt == "docx":
            return _load_docx(data, resolved, name, sha)
        text, notices = decode_with_notice(data, name)
        if len(text) > max_chars():
            raise LimitExceeded(f"{len(text):,} characters of text", f"{max_chars():,}", MAX_CHARS, name)
        if fmt == "md":
            from .loaders_markdown import markdown_notices, markdown_parts
            return document_from_blocks(markdown_parts(text), path=resolved, title="", fmt="md",
                                        sha256=sha, notices=tuple(notices + markdown_notices(text)))
        if fmt == "html":
            from .loaders_page import read_page
            parts, title, page_notices = read_page(text, max_elements=max_nodes())
            return document_from_blocks(parts, path=resolved, title=title, fmt="html", sha256=sha,
                                        notices=tuple(notices + page_notices))
        doc = document_from_text(text, path=resolved, fmt="txt", sha256=sha)
        return doc if not notices else _with_notices(doc, notices)
    except TooManyElements as exc:
        if exc.args and str(exc.args[0]).startswith(name):
            raise
        raise TooManyElements(exc.budget, name) from None
    except RecursionError:
        raise DamagedDraft(f"{name}: markup nested too deeply to read.") from None
    except MemoryError:
        raise InputError(f"{name}: too large to read in the memory available.") from None


def _with_notices(doc: Document, notices: list[str]) -> Document:
    from dataclasses import replace
    return replace(doc, notices=tuple(notices))


def decode(data: bytes, name: str = "file") -> str:
    """Bytes to text: BOMs first, then strict UTF-8, then detection of legacy encodings."""
    return decode_with_notice(data, name)[0]


_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
                            rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}"
                            rb"|[\xf1-\xf3][\x80-\xbf]{3}|\xf4[\x80-\x8f][\x80-\xbf]{2}")


def decode_with_notice(data: bytes, name: str = "file") -> tuple[str, list[str]]:
    """Bytes to text, and a notice when the bytes were not clean UTF-8: the encoding chosen and
    where the first bad byte is, so a reviewer knows which characters to doubt."""
    notices: list[str] = []
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            text = data[3:].decode("utf-8")
        except UnicodeDecodeError as exc:
            text = data[3:].decode("utf-8", errors="replace")
            notices.append(_bad_utf8_notice(data[3:], exc, "UTF-8, with each bad byte shown as \ufffd"))
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
        except UnicodeDecodeError as exc:
            valid = sum(1 for _ in _UTF8_SEQUENCE.finditer(data, 0, min(len(data), 4_000_000)))
            bad = data.decode("utf-8", errors="replace").count("\ufffd")
            if valid > bad:
                # Mostly UTF-8 with a few damaged bytes: re-reading it all as a legacy
                # encoding would turn every accented letter into mojibake.
                text = data.decode("utf-8", errors="replace")
                notices.append(_bad_utf8_notice(data, exc, "UTF-8, with each bad byte shown as \ufffd"))
            else:
                text, encoding = _detect(data, name)
                notices.append(_bad_utf8_notice(data, exc, encoding))
    if "\x00" in text:
        raise InputError(f"{name} looks like a binary file (it holds NUL bytes), not a text draft.")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _control_share(text) > 0.05:
        raise InputError(f"{name} looks like a binary file, not a text draft.")
    return text, notices


def _bad_utf8_notice(data: bytes, exc: UnicodeDecodeError, chosen: str) -> str:
    at = exc.start
    line = data.count(b"\n", 0, at) + 1
    col = at - (data.rfind(b"\n", 0, at) + 1) + 1
    return (f"Not valid UTF-8: the first bad byte is 0x{data[at]:02X} at line {line}, byte {col}; "
            f"read as {chosen}.")


def _detect(data: bytes, name: str) -> tuple[str, str]:
    """A legacy single-byte file. Detectors cannot tell cp1252 from its Latin cousins (cp1250,
    cp1257) on short English text, so when the best guess is Latin script and cp1252 reads the
    bytes cleanly, cp1252 (the most common by far) wins; other scripts keep the detector's answer."""
    from charset_normalizer import from_bytes

    best = from_bytes(data[:1_000_000]).best()
    if best is None:
        raise InputError(f"{name} looks like a binary file, not a text draft.")
    encoding = best.encoding
    try:
        guess = data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        guess, encoding = data.decode("cp1252", errors="replace"), "cp1252"
    if _latin_share(guess) >= 0.9:
        try:
            western = data.decode("cp1252")
        except UnicodeDecodeError:
            return guess, _encoding_name(encoding)
        if _latin_share(western) >= 0.9:
            return western, _encoding_name("cp1252")
    return guess, _encoding_name(encoding)


def _encoding_name(codec: str) -> str:
    known = {"cp1252": "Windows-1252 (Western European)", "cp1250": "Windows-1250 (Central European)",
             "cp1251": "Windows-1251 (Cyrillic)", "latin_1": "ISO-8859-1", "iso8859_1": "ISO-8859-1"}
    return known.get(codec.lower().replace("-", "_"), codec)


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

    from .loaders_docx import read_docx

    try:
        z = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise InputError(f"{name} is not a readable Word document ({type(exc).__name__}).") from None
    with z:
        members = z.infolist()
        if len(members) > MAX_ZIP_MEMBERS:
            raise InputError(f"{name} holds {len(members):,} files; a Word document has a few dozen, "
                             f"so this is not one ReviewDesk will unpack.")
        if "word/document.xml" not in z.namelist():
            raise InputError(f"{name} is not a readable Word document (no word/document.xml).")
        try:
            parts, title, notices = read_docx(z, name)
        except (InputError, MemoryError, RecursionError):
            raise
        except (zipfile.BadZipFile, EOFError, OSError, ValueError, KeyError) as exc:
            # zlib and CRC errors from a damaged member, or a member the directory lies about.
            raise DamagedDraft(f"{name} is a damaged Word document ({type(exc).__name__}).") from None
    text_chars = sum(len(p.text) for p in parts)
    if text_chars > max_chars():
        raise LimitExceeded(f"{text_chars:,} characters of text", f"{max_chars():,}", MAX_CHARS, name)
    return document_from_blocks(parts, path=path, title=title, fmt="docx", sha256=sha,
                                notices=tuple(notices))
