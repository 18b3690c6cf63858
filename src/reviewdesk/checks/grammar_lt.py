"""LanguageTool through language-tool-python: a server URL or a local LanguageTool, never fatal.

Every way LanguageTool can fail here (no Java, no download, server down, too slow, an answer that
is not LanguageTool's JSON) becomes one `LanguageToolUnavailable` whose message is written for the
editor; the grammar check then keeps Harper's flags. Results are cached per paragraph, like Harper's.
"""
from __future__ import annotations

import json
import os
import threading
import time
import urllib.parse
from collections import OrderedDict
from dataclasses import dataclass
from importlib import resources

from ..core.errors import Cancelled
from ..core.flags import Flag, Severity
from ..core.progress import Progress
from .grammar_harper import slug
from .grammar_lt_local import LanguageToolUnavailable, LocalServer

ENV_URL = "REVIEWDESK_LANGUAGETOOL_URL"
_BATCH_CHARS = 12_000        # well under what self-hosted and public servers accept per request
_RETRY_AFTER = 30.0          # after a failure, don't make every re-check wait on the same timeout
_CACHE_LIMIT = 20_000

# LanguageTool category id -> our rule kind (the middle part of grammar.<kind>.lt-<rule>)
_KINDS = {
    "GRAMMAR": "grammar", "PUNCTUATION": "punctuation", "TYPOGRAPHY": "typography",
    "CASING": "capitalization", "CONFUSED_WORDS": "word-choice", "COLLOCATIONS": "word-choice",
    "COMPOUNDING": "word-choice", "FALSE_FRIENDS": "word-choice", "REDUNDANCY": "redundancy",
    "STYLE": "style", "PLAIN_ENGLISH": "style", "REPETITIONS_STYLE": "style", "WIKIPEDIA": "style",
    "REPETITIONS": "repetition", "SEMANTICS": "usage", "NONSTANDARD_PHRASES": "usage",
    "REGIONALISMS": "usage", "GENDER_NEUTRALITY": "usage", "TYPOS": "typo", "MISC": "misc",
}
_SEVERITY = {"misspelling": Severity.ERROR, "grammar": Severity.ERROR, "typographical": Severity.INFO,
             "whitespace": Severity.INFO, "formatting": Severity.INFO, "style": Severity.SUGGESTION,
             "register": Severity.SUGGESTION, "length": Severity.SUGGESTION}


class MalformedAnswer(ValueError):
    """The server answered JSON, but not in the shape LanguageTool documents."""


@dataclass(frozen=True, slots=True)
class LTMatch:
    """One LanguageTool match, in code points relative to the paragraph it came from."""

    start: int
    end: int
    rule_id: str
    category_id: str
    issue_type: str
    message: str
    replacements: tuple[str, ...]


@dataclass
class LTResult:
    matches: list[list[LTMatch]]     # per text, in the order given
    label: str                       # "languagetool 6.8 (server)"
    detected_language: str = ""      # LanguageTool's name for it, when asked to detect


def configured_url(settings) -> str:
    return (settings.languagetool_url or os.environ.get(ENV_URL, "")).strip()


def disabled_rules() -> frozenset[str]:
    """LanguageTool rules we switch off: typography that paragraph-by-paragraph checking gets wrong."""
    path = resources.files("reviewdesk.resources") / "grammar" / "languagetool-disabled-rules.txt"
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (FileNotFoundError, OSError):
        return frozenset()
    return frozenset(l.split("#", 1)[0].strip() for l in lines if l.split("#", 1)[0].strip())


def flag_for(match: LTMatch, offset: int) -> Flag:
    spelling = match.issue_type == "misspelling"
    kind = "spelling" if spelling else _KINDS.get(match.category_id, slug(match.category_id) or "misc")
    severity = _SEVERITY.get(match.issue_type, Severity.WARNING)
    return Flag("grammar", f"grammar.{kind}.lt-{slug(match.rule_id)}",
                "spelling" if spelling else "grammar", offset + match.start, offset + match.end,
                match.message, severity, match.replacements[:5], engines=("languagetool",))


def parse_answer(answer: object, text: str) -> tuple[list[LTMatch], str, str]:
    """(matches, LanguageTool version, detected language name) from a /v2/check answer."""
    if not isinstance(answer, dict) or not isinstance(answer.get("matches"), list):
        raise MalformedAnswer("it has no list of matches")
    to_cp = _utf16_to_codepoints(text)
    found: list[LTMatch] = []
    for n, m in enumerate(answer["matches"]):
        try:
            offset, length, rule = m["offset"], m["length"], m["rule"]
            rule_id, category = rule["id"], rule["category"]["id"]
            message = m["message"]
            replacements = tuple(r["value"] for r in m.get("replacements") or ())
        except (KeyError, TypeError) as exc:
            raise MalformedAnswer(f"match {n} lacks {exc}") from None
        if not (isinstance(offset, int) and isinstance(length, int) and isinstance(message, str)
                and isinstance(rule_id, str) and all(isinstance(r, str) for r in replacements)):
            raise MalformedAnswer(f"match {n} has fields of the wrong type")
        if offset < 0 or length < 0 or offset + length >= len(to_cp):
            raise MalformedAnswer(f"match {n} points outside the text")
        found.append(LTMatch(to_cp[offset], to_cp[offset + length], rule_id, str(category),
                             str(rule.get("issueType", "")), message, replacements))
    software = answer.get("software")
    version = str(software.get("version", "")) if isinstance(software, dict) else ""
    language = answer.get("language")
    detected = ""
    if isinstance(language, dict) and isinstance(language.get("detectedLanguage"), dict):
        detected = str(language["detectedLanguage"].get("name", ""))
    return found, version, detected


def _utf16_to_codepoints(text: str) -> list[int]:
    """Index i: the code-point index of UTF-16 unit i (LanguageTool counts in UTF-16, Java's way)."""
    table: list[int] = []
    for i, ch in enumerate(text):
        table.append(i)
        if ord(ch) > 0xFFFF:
            table.append(i)
    table.append(len(text))
    return table


_client_class = None


def _client_type():
    """language-tool-python's client with our timeout, one try per request, and the whole answer."""
    global _client_class
    if _client_class is None:
        from language_tool_python import LanguageTool
        from language_tool_python.language_tag import LanguageTag

        class ReviewDeskClient(LanguageTool):
            def __init__(self, url: str, timeout: float) -> None:
                self._TIMEOUT = timeout      # read per request; the library's default is 300 s
                self._known_languages: set[str] | None = None
                # "auto" is valid on every server, so a server without en-US still connects
                super().__init__("auto", remote_server=url)

            def _get_languages(self) -> set[str]:
                if self._known_languages is None:
                    self._known_languages = super()._get_languages()
                return self._known_languages

            def check_answer(self, text: str, language: str, extra: dict[str, str]) -> object:
                try:
                    tag = str(LanguageTag(language, self._get_languages()))
                except ValueError:
                    raise LanguageToolUnavailable(
                        f"This LanguageTool does not support the language \u201c{language}\u201d.") from None
                params = self._create_params(text)
                params.update(extra, language=tag)
                url = urllib.parse.urljoin(self._url, "check")
                # one try: the library retries failures, which would double every timeout
                return self._query_server(url, params, num_tries=1, method="post")

        _client_class = ReviewDeskClient
    return _client_class


def explain(exc: BaseException, where: str, timeout: float) -> str:
    """One sentence an editor can act on, for anything that went wrong talking to LanguageTool."""
    import requests
    from language_tool_python.exceptions import RateLimitError

    chain, e = [], exc
    while e is not None and len(chain) < 8:
        chain.append(e)
        e = e.__cause__ or e.__context__
    if isinstance(exc, LanguageToolUnavailable):
        return str(exc)
    if isinstance(exc, MalformedAnswer):
        return f"LanguageTool at {where} sent an answer that is not a LanguageTool result ({exc})."
    if any(isinstance(c, requests.exceptions.Timeout) for c in chain):
        return f"LanguageTool at {where} did not answer within {timeout:g} s."
    if any(isinstance(c, requests.exceptions.ConnectionError) for c in chain):
        return f"LanguageTool at {where} cannot be reached; is the server running?"
    if any(isinstance(c, RateLimitError) for c in chain):
        return f"LanguageTool at {where} refuses more checks for now (rate limit); try again later."
    if any(isinstance(c, json.JSONDecodeError) for c in chain):
        body = " ".join(str(exc).split())[:100] or "an empty answer"
        return f"LanguageTool at {where} answered with something other than a result: \u201c{body}\u201d."
    return f"LanguageTool at {where} failed: {exc}"


def _where(url: str) -> str:
    parts = urllib.parse.urlsplit(url if "//" in url else "http://" + url)
    return f"{parts.scheme}://{parts.netloc}" if parts.netloc else url


class LanguageToolEngine:
    """Checks paragraphs with a LanguageTool server (a URL, or our own local one)."""

    name = "languagetool"

    def __init__(self, local: LocalServer | None = None) -> None:
        self.local = local or LocalServer()
        self._lock = threading.Lock()
        self._clients: dict[tuple[str, float], object] = {}
        self._cache: OrderedDict[tuple[str, str, str], list[LTMatch]] = OrderedDict()
        self._failed: dict[str, tuple[float, str]] = {}
        self.version = ""

    def available_without_waiting(self, settings) -> bool:
        """True when a server URL is set or a local LanguageTool is installed with Java: no download."""
        return bool(configured_url(settings)) or self.local.running or self.local.usable_without_download()

    def check(self, texts: list[str], language: str, settings, progress: Progress | None = None,
              allow_download: bool = False, preferred_variant: str = "") -> LTResult:
        """LanguageTool's matches for each text; raises LanguageToolUnavailable with the reason."""
        progress = progress or Progress()
        url = configured_url(settings)
        mode = "server" if url else "local"
        key = url or "local"
        with self._lock:
            failure = self._failed.get(key)
            if failure and time.monotonic() - failure[0] < _RETRY_AFTER:
                raise LanguageToolUnavailable(failure[1])
            where = _where(url) if url else "this computer"
            try:
                if not url:
                    url = self.local.ensure_running(progress.part(0.0, 0.5), allow_download)
                    progress = progress.part(0.5, 1.0)
                client = self._client(url, settings.languagetool_timeout)
                extra = {"preferredVariants": preferred_variant} if language == "auto" and preferred_variant else {}
                matches, detected = self._check(client, key, texts, language, extra, progress)
            except Cancelled:
                raise
            except Exception as exc:   # every failure is a reason, never a crash of the check
                reason = explain(exc, where, settings.languagetool_timeout)
                self._failed[key] = (time.monotonic(), reason)
                if mode == "local":
                    self.local.stop()
                self._clients.pop((url, settings.languagetool_timeout), None)
                raise LanguageToolUnavailable(reason) from None
            self._failed.pop(key, None)
        label = f"languagetool {self.version} ({mode})" if self.version else f"languagetool ({mode})"
        return LTResult(matches, label, detected)

    def _client(self, url: str, timeout: float):
        client = self._clients.get((url, timeout))
        if client is None:
            client = _client_type()(url, timeout)
            client.disabled_rules = set(disabled_rules())
            self._clients[(url, timeout)] = client
        return client

    def _check(self, client, key: str, texts: list[str], language: str, extra: dict[str, str],
               progress: Progress) -> tuple[list[list[LTMatch]], str]:
        results: list[list[LTMatch] | None] = [None] * len(texts)
        pending: list[int] = []
        for i, text in enumerate(texts):
            hit = self._cache.get((key, language, text))
            if hit is None:
                pending.append(i)
            else:
                self._cache.move_to_end((key, language, text))
                results[i] = hit
        detected = ""
        batches = _batches(pending, texts)
        for n, batch in enumerate(batches):
            progress.report(n / len(batches), "LanguageTool")
            starts, parts, pos = [], [], 0
            for i in batch:
                starts.append(pos)
                parts.append(texts[i])
                pos += len(texts[i]) + 2
            joined = "\n\n".join(parts)
            found, version, detected = parse_answer(client.check_answer(joined, language, extra), joined)
            self.version = version or self.version
            for i, start in zip(batch, starts):
                end = start + len(texts[i])
                # a match across the paragraph break belongs to neither paragraph
                mine = [LTMatch(m.start - start, m.end - start, m.rule_id, m.category_id, m.issue_type,
                                m.message, m.replacements)
                        for m in found if start <= m.start and m.end <= end]
                results[i] = mine
                self._cache[(key, language, texts[i])] = mine
                if len(self._cache) > _CACHE_LIMIT:
                    self._cache.popitem(last=False)
        progress.report(1.0, "LanguageTool")
        return [r or [] for r in results], detected

    def close(self) -> None:
        self.local.stop()


def _batches(indices: list[int], texts: list[str]) -> list[list[int]]:
    batches: list[list[int]] = []
    size = 0
    for i in indices:
        if not batches or size + len(texts[i]) > _BATCH_CHARS:
            batches.append([])
            size = 0
        batches[-1].append(i)
        size += len(texts[i]) + 2
    return batches
