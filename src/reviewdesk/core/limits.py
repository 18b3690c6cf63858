"""The limits on what a draft may unpack to, and the one-line errors that name the limit and its setting.

The limits are on what is unpacked, not on the file: a small .docx can hold a gigabyte of XML. Each
can be raised for one run with an environment variable, named in the error.
"""
from __future__ import annotations

import os

from .errors import InputError


def _limit(name: str, default: int) -> int:
    try:
        return max(1, int(os.environ.get(name, "") or default))
    except ValueError:
        return default


# The file itself (a .txt, .md or .html is read whole; a .docx is compressed).
MAX_FILE_MB = "REVIEWDESK_MAX_FILE_MB"
# One zip member unpacked (a long novel's document.xml is about 20 MB).
MAX_MEMBER_MB = "REVIEWDESK_MAX_UNPACKED_MB"
# Unpacked bytes per compressed byte of one member (Word's XML packs about 5-20 to 1).
MAX_RATIO = "REVIEWDESK_MAX_ZIP_RATIO"
# XML elements in one .docx part, or HTML elements on one page (a novel's document.xml has ~1.5M).
MAX_NODES = "REVIEWDESK_MAX_ELEMENTS"
# Characters of text after reading (a 20 MB plain-text file).
MAX_CHARS = "REVIEWDESK_MAX_CHARACTERS"


def max_file_bytes() -> int:
    return _limit(MAX_FILE_MB, 20) * 1024 * 1024


def max_member_bytes() -> int:
    return _limit(MAX_MEMBER_MB, 100) * 1024 * 1024


def max_ratio() -> int:
    return _limit(MAX_RATIO, 100)


def max_nodes() -> int:
    return _limit(MAX_NODES, 3_000_000)


def max_chars() -> int:
    return _limit(MAX_CHARS, 20_000_000)


class LimitExceeded(InputError):
    """A draft that would unpack to more than a limit allows; the message names the limit."""

    def __init__(self, what: str, limit: str, variable: str, name: str = "") -> None:
        lead = f"{name}: " if name else ""
        super().__init__(f"{lead}{what}, over the limit of {limit}; to open it anyway, set "
                         f"{variable} higher and try again.")


class TooManyElements(LimitExceeded):
    def __init__(self, budget: int, name: str = "") -> None:
        self.budget = budget
        super().__init__(f"more than {budget:,} elements of markup", f"{budget:,}", MAX_NODES, name)


class DamagedDraft(InputError):
    """A file whose markup or package cannot be read at all."""
