"""Harper (harper-py): the embedded, offline grammar and spelling engine.

The linter takes about a second to build and is not thread-safe, so one is built per dialect,
once, and used under a lock. Results are cached per paragraph text (and dictionary), so
re-checking a revised draft lints only the paragraphs that changed. Invisible characters (soft
hyphens, zero-width spaces and joiners, BOM) are taken out before Harper reads a paragraph, so
"Netan\u00adyahu" is one word; lint spans are mapped back to the original text.
"""
from __future__ import annotations

import hashlib
import logging
import os
import re
import threading
from collections import OrderedDict
from dataclasses import dataclass

from ..core.document import Document
from ..core.errors import CheckUnavailable
from ..core.flags import Flag, Severity
from ..core.progress import Progress

# Harper lint kind -> (our category, rule kind, severity)
_KINDS = {
    "Spelling": ("spelling", "spelling", Severity.ERROR),
    "Typo": ("spelling", "typo", Severity.ERROR),
    "Agreement": ("grammar", "agreement", Severity.ERROR),
    "Grammar": ("grammar", "grammar", Severity.ERROR),
    "BoundaryError": ("grammar", "boundary", Severity.ERROR),
    "Punctuation": ("grammar", "punctuation", Severity.WARNING),
    "Capitalization": ("grammar", "capitalization", Severity.WARNING),
    "Repetition": ("grammar", "repetition", Severity.WARNING),
    "WordChoice": ("grammar", "word-choice", Severity.SUGGESTION),
    "Usage": ("grammar", "usage", Severity.SUGGESTION),
    "Style": ("grammar", "style", Severity.SUGGESTION),
    "Readability": ("grammar", "readability", Severity.SUGGESTION),
    "Redundancy": ("grammar", "redundancy", Severity.SUGGESTION),
    "Formatting": ("grammar", "formatting", Severity.INFO),
    "Miscellaneous": ("grammar", "misc", Severity.SUGGESTION),
}
DIALECTS = {"en-US": "AMERICAN", "en-GB": "BRITISH", "en-AU": "AUSTRALIAN", "en-CA": "CANADIAN",
            "en-IN": "INDIAN"}
_CACHE_LIMIT = 20000
# Characters a word processor or web page leaves inside words that no reader sees.
INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
_INVISIBLE = re.compile(f"[{INVISIBLE}]")
# Below this much new text a second linter (a second of building) is not worth it.
_PARALLEL_MIN_CHARS = 60_000
log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class HarperLint:
    """One lint, relative to the paragraph it came from (plain data, safe to cache)."""

    start: int
    end: int
    kind: str
    rule_name: str
    message: str
    suggestions: tuple[str, ...]


def harper_version() -> str:
    try:
        from importlib.metadata import version
        return version("harper-py")
    except Exception:
        return "unknown"


def slug(name: str) -> str:
    """CamelCase or SNAKE_CASE -> kebab-case, for rule ids."""
    name = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "-", name)
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def dialect_for(language: str) -> str:
    if language in DIALECTS:
        return DIALECTS[language]
    return "BRITISH" if language.lower().startswith("en-") and language[3:].upper() in {
        "NZ", "ZA", "IE"} else "AMERICAN"


def rule_for(lint: HarperLint) -> tuple[str, str, Severity]:
    """(rule id, category, severity) of a lint: `grammar.<kind>.<harper rule>`."""
    category, kind, severity = _KINDS.get(lint.kind, ("grammar", slug(lint.kind), Severity.SUGGESTION))
    return f"grammar.{kind}.{slug(lint.rule_name)}", category, severity


class HarperEngine:
    """One linter per dialect, built on first use (or by warm() in the background) and kept."""

    name = "harper"

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._linters: dict[str, object] = {}
        self._words: dict[str, frozenset[str]] = {}      # dialect -> words imported into it
        # A second linter per dialect for long new text: Linter releases the GIL, so two lint in
        # parallel on two cores. It is only used inside lint(), under the lock.
        self._helpers: dict[str, object] = {}
        self._helper_words: dict[str, frozenset[str]] = {}
        self._cache: OrderedDict[tuple[str, str], list[HarperLint]] = OrderedDict()
        self._known: dict[tuple[str, str], bool] = {}      # (dialect, word) -> in the dictionary

    @property
    def label(self) -> str:
        return f"harper {harper_version()}"

    def warm(self, language: str = "en-US") -> None:
        with self._lock:
            self._linter(language)

    def _linter(self, language: str):
        dialect = dialect_for(language)
        linter = self._linters.get(dialect)
        if linter is None:
            try:
                from harper import Dialect, Linter
            except ImportError as exc:
                raise CheckUnavailable(f"Harper is not installed ({exc}); reinstall ReviewDesk.") from None
            linter = Linter(getattr(Dialect, dialect))
            self._linters[dialect] = linter
            self._words[dialect] = frozenset()
        return linter

    def is_likely_english(self, text: str) -> bool:
        with self._lock:
            return bool(self._linter("en-US").is_likely_english(text))

    def _sync_words(self, linter, language: str, words: frozenset[str]) -> str:
        """Make the linter's added words exactly `words`, in one batch; return the cache token."""
        dialect = dialect_for(language)
        if self._words.get(dialect) != words:
            # import_words is costly per call, not per word: clear and re-add all in one call.
            linter.clear_words()
            if words:
                linter.import_words(sorted(words))
            self._words[dialect] = words
            self._known = {k: v for k, v in self._known.items() if k[0] != dialect}
        if not words:
            return ""
        return hashlib.sha1("\n".join(sorted(words)).encode()).hexdigest()[:12]

    def lint(self, doc: Document, progress: Progress, language: str = "en-US",
             words: frozenset[str] = frozenset(), cache: object = None) -> list[Flag]:
        """Flags for every block of the document; `words` are dictionary words Harper must accept.

        `cache` (RunContext.cache, e.g. the review database) keeps each paragraph's lints across
        processes: only paragraphs it does not know are linted, and their lints are added to it.
        """
        flags: list[Flag] = []
        blocks = doc.blocks
        harper_words = frozenset(w for entry in words for w in entry.split() if w)
        with self._lock:
            linter = self._linter(language)
            token = self._sync_words(linter, language, harper_words)
            prefix = f"{language}|{token}"
            chunks = [doc.text[b.start:b.end] for b in blocks]
            fresh = self._from_store(cache, prefix, chunks) if cache is not None else set()
            self._lint_ahead(language, prefix, harper_words, chunks, progress)
            for i, block in enumerate(blocks):
                if i % 16 == 0:
                    progress.report(i / max(1, len(blocks)), "Harper")
                chunk = chunks[i]
                for lint in self._lint_chunk(linter, prefix, chunk):
                    rule, category, severity = rule_for(lint)
                    flags.append(Flag("grammar", rule, category, block.start + lint.start,
                                      block.start + lint.end, lint.message, severity,
                                      lint.suggestions, engines=("harper",)))
            if fresh:
                self._to_store(cache, prefix, fresh)
        progress.report(1.0, "Harper")
        return flags

    def _lint_ahead(self, language: str, prefix: str, words: frozenset[str], chunks: list[str],
                    progress: Progress) -> None:
        """Lint a long run of new paragraphs on two linters at once, filling the memory cache."""
        todo = [c for c in dict.fromkeys(chunks) if (prefix, c) not in self._cache]
        if (os.cpu_count() or 1) < 2 or sum(map(len, todo)) < _PARALLEL_MIN_CHARS:
            return
        helper = self._helper(language, words)
        mine, theirs = todo[0::2], todo[1::2]
        results: dict[str, list[HarperLint]] = {}
        stop = threading.Event()
        failure: list[BaseException] = []

        def work() -> None:
            try:
                for chunk in theirs:
                    if stop.is_set() or progress.token.cancelled:
                        return
                    results[chunk] = _lints_of(helper, chunk)
            except BaseException as exc:     # reported on the calling thread below
                failure.append(exc)

        thread = threading.Thread(target=work, name="harper-second-linter", daemon=True)
        thread.start()
        try:
            linter = self._linter(language)
            for i, chunk in enumerate(mine):
                if i % 16 == 0:
                    progress.report(0.9 * i / max(1, len(mine)), "Harper")
                self._lint_chunk(linter, prefix, chunk)
        finally:
            stop.set()
            thread.join()
        if failure:
            raise failure[0]
        for chunk, lints in results.items():
            self._remember((prefix, chunk), lints)

    def _helper(self, language: str, words: frozenset[str]):
        from harper import Dialect, Linter

        dialect = dialect_for(language)
        helper = self._helpers.get(dialect)
        if helper is None:
            helper = self._helpers[dialect] = Linter(getattr(Dialect, dialect))
            self._helper_words[dialect] = frozenset()
        if self._helper_words[dialect] != words:
            helper.clear_words()
            if words:
                helper.import_words(sorted(words))
            self._helper_words[dialect] = words
        return helper

    def _remember(self, key: tuple[str, str], lints: list[HarperLint]) -> None:
        self._cache[key] = lints
        if len(self._cache) > _CACHE_LIMIT:
            self._cache.popitem(last=False)

    def _store_engine(self, prefix: str) -> str:
        # The version is in the name: a new Harper may lint differently, so old entries are not used.
        # "/v2": lints of text with invisible characters changed when they stopped splitting words.
        return f"harper/{harper_version()}/v2/{prefix}"

    def _from_store(self, cache, prefix: str, chunks: list[str]) -> set[str]:
        """Fill the memory cache from `cache`; return the chunks still to lint (to store later)."""
        missing = {c for c in chunks if (prefix, c) not in self._cache}
        keys = {_chunk_key(c): c for c in missing}
        try:
            found = cache.cached_results(self._store_engine(prefix), list(keys)) if keys else {}
        except Exception as exc:     # a cache that cannot be read costs time, never the check
            log.warning("Harper result cache not read: %s", exc)
            return set()
        for key, payload in found.items():
            try:
                lints = [HarperLint(int(a), int(b), str(k), str(r), str(m), tuple(map(str, sug)))
                         for a, b, k, r, m, sug in payload]
            except (TypeError, ValueError):
                continue            # an entry of another shape: lint the paragraph again
            self._cache[(prefix, keys[key])] = lints
            missing.discard(keys[key])
        return missing

    def _to_store(self, cache, prefix: str, chunks: set[str]) -> None:
        results = {_chunk_key(c): [[h.start, h.end, h.kind, h.rule_name, h.message, list(h.suggestions)]
                                   for h in self._cache.get((prefix, c), ())]
                   for c in chunks if (prefix, c) in self._cache}
        try:
            cache.save_results(self._store_engine(prefix), results)
        except Exception as exc:
            log.warning("Harper result cache not written: %s", exc)

    def unknown_words(self, words: set[str], language: str = "en-US") -> set[str]:
        """The words of `words` that Harper's dictionary for this dialect does not know."""
        dialect = dialect_for(language)
        todo = sorted(w for w in words if (dialect, w) not in self._known)
        if todo:
            with self._lock:
                linter = self._linter(language)
                text = "\n\n".join(todo)
                bad = set()
                for rule_name, lints in linter.organized_lints(text, language="plaintext").items():
                    for lint in lints:
                        if lint.lint_kind == "Spelling" or rule_name == "SplitWords":
                            bad.add(text[lint.span.start:lint.span.end])
                for w in todo:
                    self._known[(dialect, w)] = w not in bad
        return {w for w in words if not self._known[(dialect, w)]}

    def lint_text(self, text: str, language: str = "en-US") -> list[HarperLint]:
        """Lint one plain string (benchmarks and tests)."""
        with self._lock:
            linter = self._linter(language)
            token = self._sync_words(linter, language, frozenset())
            return list(self._lint_chunk(linter, f"{language}|{token}", text))

    def _lint_chunk(self, linter, key_prefix: str, chunk: str) -> list[HarperLint]:
        key = (key_prefix, chunk)
        hit = self._cache.get(key)
        if hit is not None:
            self._cache.move_to_end(key)
            return hit
        found = _lints_of(linter, chunk)
        self._remember(key, found)
        return found


def visible(chunk: str) -> tuple[str, list[int] | None]:
    """`chunk` without invisible characters, and where each of its characters came from (None: same)."""
    if not _INVISIBLE.search(chunk):
        return chunk, None
    where = [i for i, c in enumerate(chunk) if c not in INVISIBLE]
    return "".join(chunk[i] for i in where), where + [len(chunk)]


def _lints_of(linter, chunk: str) -> list[HarperLint]:
    found: list[HarperLint] = []
    text, where = visible(chunk)
    # organized_lints gives the same lints as lint(), keyed by the rule that made each one:
    # the rule name makes "ignore this rule" precise.
    for rule_name, lints in linter.organized_lints(text, language="plaintext").items():
        for lint in lints:
            suggestions = tuple(dict.fromkeys(
                s.replacement_text for s in lint.suggestions
                if getattr(s, "replacement_text", None)))[:5]
            start, end = lint.span.start, lint.span.end
            if where is not None:
                start, end = where[start], (where[end - 1] + 1 if end > start else where[start])
            found.append(HarperLint(start, end, lint.lint_kind, rule_name,
                                    _plain(lint.message), suggestions))
    found.sort(key=lambda h: (h.start, h.end))
    return found


def _chunk_key(chunk: str) -> str:
    return hashlib.sha256(chunk.encode("utf-8")).hexdigest()


def _plain(message: str) -> str:
    """Harper writes messages in Markdown; show them plain, with curly quotes for `code`."""
    out, opening = [], True
    for part in re.split(r"(`)", message):
        if part == "`":
            out.append("\u201c" if opening else "\u201d")
            opening = not opening
        else:
            out.append(part)
    return "".join(out)
