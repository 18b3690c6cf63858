"""The Flag a check reports, its severity, and the fingerprint that follows it across revisions."""
from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from enum import IntEnum


class Severity(IntEnum):
    INFO = 0
    SUGGESTION = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, value: "str | int | Severity") -> "Severity":
        if isinstance(value, Severity):
            return value
        if isinstance(value, int):
            return cls(value)
        return cls[value.strip().upper()]


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int

    def __len__(self) -> int:
        return self.end - self.start

    def contains(self, other: "Span") -> bool:
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: "Span") -> bool:
        return self.start < other.end and other.start < self.end


@dataclass(frozen=True, slots=True)
class Also:
    """Another check's word on the same problem, kept when its flag merged into a finding (core/merge)."""

    id: str             # the merged flag's own id: deciding the finding decides it too
    check: str
    rule: str
    category: str
    severity: str       # error|warning|suggestion|info
    message: str

    def as_dict(self) -> dict[str, str]:
        return {"id": self.id, "check": self.check, "rule": self.rule, "category": self.category,
                "severity": self.severity, "message": self.message}


@dataclass(frozen=True, slots=True)
class Flag:
    """One finding. Offsets are Python str indices (code points) into Document.text.

    A multi-place finding (a repeated phrase, a near duplicate, a conflict) lists every place in
    `occurrences`; start/end is the first of them. The engine fills `fingerprint` and `id`.
    """

    check: str
    rule: str
    category: str
    start: int
    end: int
    message: str
    severity: Severity = Severity.WARNING
    suggestions: tuple[str, ...] = ()
    occurrences: tuple[Span, ...] = ()
    engines: tuple[str, ...] = ()
    fingerprint: str = ""
    id: str = ""
    score: float | None = None
    key: str = ""      # what names a document-wide finding (the repeated phrase itself), if not its place

    @property
    def places(self) -> tuple[Span, ...]:
        return self.occurrences or (Span(self.start, self.end),)


_WORD = re.compile(r"\w+", re.UNICODE)
_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Case-folded, NFKC, curly quotes and dashes made plain, whitespace collapsed."""
    text = unicodedata.normalize("NFKC", text)
    text = text.translate(_PLAIN).casefold()
    return _SPACE.sub(" ", text).strip()


_PLAIN = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
                        "\u2013": "-", "\u2014": "-", "\u00a0": " "})


def context_words(text: str, start: int, end: int, n: int = 3) -> tuple[str, str]:
    """The n words before start and after end, normalised: the neighbourhood of a passage."""
    before = _WORD.findall(text[max(0, start - 80):start])[-n:]
    after = _WORD.findall(text[end:end + 80])[:n]
    return normalise(" ".join(before)), normalise(" ".join(after))


def fingerprint(flag: Flag, text: str) -> str:
    """rule + normalised flagged text + nearby words; never offsets, so it survives edits elsewhere.

    A document-wide finding (a repeated phrase, two spellings of one name) sets `key` to what it
    is about; its fingerprint is rule + key, so one more or one fewer place in a revision keeps
    the same finding. Everything else is known by its first place and that place's neighbours.
    """
    if flag.key:
        raw = "\x1f".join((flag.rule, "key", normalise(flag.key)))
    else:
        before, after = context_words(text, flag.start, flag.end)
        raw = "\x1f".join((flag.rule, normalise(text[flag.start:flag.end]), before, after))
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()


def short_id(fp: str) -> str:
    return fp[:8]
