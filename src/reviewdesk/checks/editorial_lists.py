"""Reads the editorial phrase lists in resources/editorial/ and finds their entries in a text.

The list format is meant for editors, not programmers (each file repeats it in its header):

    # a comment              blank lines and lines starting with '#' are ignored
    delve into               literal words; case, curly/straight apostrophes and spacing are ignored
    [a|an|one] official      one of the alternatives; a trailing '|' ([top|senior|]) makes it optional
    looking for ... right place   '...' is a gap of up to about twenty words inside one sentence
    ^Post a Comment$         '^' = must start a line, '$' = must end it (so page furniture on a line
                             of its own is caught, and the same words inside a sentence are not)
    at the end of the day => ultimately; finally     text after '=>' is offered as suggestions
"""
from __future__ import annotations

import bisect
import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from typing import Any, Iterator

_APOSTROPHES = "'\u2019\u2018\u02bc"
_HYPHENS = "-\u2010\u2011\u2013"
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_HYPHENATED_WORD = re.compile(rf"[^\W_]+(?:[{_HYPHENS}][^\W_]+)*")
# A gap never crosses a sentence end (. ! ? followed by space) or a blank line; hard-wrapped lines are fine.
_GAP = r"(?:(?![.!?]\s)(?!\n[ \t]*\n)[\s\S]){0,160}?"


@dataclass(frozen=True)
class Entry:
    """One line of a phrase list, compiled."""

    source: str                       # the line as the editor wrote it (without the suggestions)
    regex: re.Pattern[str]
    first_words: frozenset[str] | None   # None: the entry cannot be indexed by its first word
    suggestions: tuple[str, ...] = ()
    line_start: bool = False
    line_end: bool = False
    scan_regex: re.Pattern[str] | None = None


@dataclass(frozen=True)
class Match:
    entry: Entry
    start: int
    end: int


def resource_text(name: str) -> str:
    """The text of resources/editorial/<name>, read through the installed package."""
    return files("reviewdesk.resources").joinpath("editorial", name).read_text(encoding="utf-8")


@lru_cache(maxsize=None)
def load_toml(name: str) -> dict[str, Any]:
    return tomllib.loads(resource_text(name))


@lru_cache(maxsize=None)
def load_lines(name: str) -> tuple[str, ...]:
    """Non-empty, non-comment lines of a list file, stripped."""
    out = []
    for raw in resource_text(name).splitlines():
        line = raw.strip()
        if line and not line.startswith("#"):
            out.append(line)
    return tuple(out)


@lru_cache(maxsize=None)
def load_phrases(name: str) -> "PhraseList":
    return PhraseList([compile_entry(line) for line in load_lines(name)])


def fold(word: str) -> str:
    """How words are compared: case-folded with plain apostrophes."""
    return word.casefold().translate(_FOLD)


_FOLD = str.maketrans({c: "'" for c in _APOSTROPHES[1:]})


def compile_entry(line: str) -> Entry:
    suggestions: tuple[str, ...] = ()
    if "=>" in line:
        line, _, hint = line.partition("=>")
        suggestions = tuple(s.strip() for s in hint.split(";") if s.strip())
        line = line.strip()
    line_start, line_end = line.startswith("^"), line.endswith("$")
    body = line.strip("^$").strip()
    units = _units(body)
    pattern = r"(?<![\w])" + _join(units) + r"(?![\w])"
    if line_end:
        # Navigation items end bare or with ':' '>' '|', never with a full stop ("...went home.").
        pattern += r"(?=[ \t:!?\-|\u00bb\u203a>\u2026]*(?:\n|$))"
    regex = re.compile(pattern, re.IGNORECASE)
    first = _first_words(units)
    # An entry that cannot be indexed by its first word is scanned for; a line-start one then
    # needs the anchor in the pattern itself.
    scan = re.compile(r"(?:(?<=\n)|^)[ \t]*" + pattern, re.IGNORECASE) if line_start and first is None else None
    return Entry(body, regex, first, suggestions, line_start, line_end, scan)


# A unit is ("gap",), ("lit", text) or ("alt", [texts], optional).
def _units(body: str) -> list[tuple]:
    units: list[tuple] = []
    for part in re.findall(r"\[[^\]]*\]|\.\.\.|[^\s\[]+", body):
        if part == "...":
            units.append(("gap",))
        elif part.startswith("["):
            alts = [a.strip() for a in part[1:-1].split("|")]
            optional = "" in alts
            units.append(("alt", [a for a in alts if a], optional))
        else:
            units.append(("lit", part))
    return units


def _literal(text: str) -> str:
    out = []
    for ch in text:
        if ch in _APOSTROPHES:
            out.append("[" + _APOSTROPHES + "]")
        elif ch in _HYPHENS:
            out.append("[" + _HYPHENS + r"\s]?")
        elif ch.isspace():
            out.append(r"\s+")
        else:
            out.append(re.escape(ch))
    return "".join(out)


def _join(units: list[tuple]) -> str:
    pattern = ""
    pending_space = False
    for unit in units:
        if unit[0] == "gap":
            pattern += r"\s*" + _GAP + r"(?<![\w'\u2019])"
            pending_space = False
            continue
        if unit[0] == "lit":
            piece, optional = _literal(unit[1]), False
        else:
            piece = "(?:" + "|".join(_literal(a) for a in unit[1]) + ")"
            optional = unit[2]
        sep = r"\s+" if pending_space else ""
        if optional:
            # The space before an optional word belongs to it, so "a [top|] official" fits "a official".
            pattern += "(?:" + sep + piece + ")?" if sep else "(?:" + piece + r"\s+)?"
            pending_space = bool(sep)
        else:
            pattern += sep + piece
            pending_space = True
    return pattern


def _first_words(units: list[tuple]) -> frozenset[str] | None:
    words: set[str] = set()
    for unit in units:
        if unit[0] == "gap":
            return None
        texts = [unit[1]] if unit[0] == "lit" else unit[1]
        for text in texts:
            found = _HYPHENATED_WORD.match(text)
            if not found:
                return None
            parts = re.split(f"[{_HYPHENS}]", found.group())
            words.add(fold(parts[0]))
            if len(parts) > 1:  # "cease-fire" also finds "ceasefire", which is one word
                words.add(fold("".join(parts)))
        if not (unit[0] == "alt" and unit[2]):
            return frozenset(words)
    return None


@lru_cache(maxsize=4)
def _tokens(text: str) -> tuple[list[int], list[str]]:
    """Word starts and folded words of a text, shared by every list run over the same draft."""
    starts, words = [], []
    for m in _WORD.finditer(text):
        word = m.group().lower()
        starts.append(m.start())
        words.append(word.translate(_FOLD) if not word.isascii() else word)
    return starts, words


def _at_line_start(text: str, offset: int) -> bool:
    i = offset - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    return i < 0 or text[i] == "\n"


class PhraseList:
    """A compiled list; finditer() tries an entry only where a word it can start with occurs."""

    def __init__(self, entries: list[Entry]) -> None:
        self.entries = entries
        self._by_first: dict[str, list[Entry]] = {}
        self._scan: list[Entry] = []
        for entry in entries:
            if entry.first_words is None:
                self._scan.append(entry)
            else:
                for word in entry.first_words:
                    self._by_first.setdefault(word, []).append(entry)

    def finditer(self, text: str, start: int = 0, end: int | None = None) -> Iterator[Match]:
        """Matches, left to right, longest first at one place, never overlapping."""
        end = len(text) if end is None else end
        found: list[Match] = []
        starts, words = _tokens(text)
        by_first = self._by_first
        for k in range(bisect.bisect_left(starts, start), bisect.bisect_left(starts, end)):
            entries = by_first.get(words[k])
            if not entries:
                continue
            at = starts[k]
            for entry in entries:
                if entry.line_start and not _at_line_start(text, at):
                    continue
                m = entry.regex.match(text, at, end)
                if m:
                    found.append(Match(entry, m.start(), m.end()))
        for entry in self._scan:
            regex = entry.scan_regex or entry.regex
            for m in regex.finditer(text, start, end):
                found.append(Match(entry, m.start(), m.end()))
        found.sort(key=lambda m: (m.start, -(m.end - m.start)))
        out: list[Match] = []
        for m in found:
            if out and m.start < out[-1].end:
                continue
            out.append(m)
        return iter(out)
