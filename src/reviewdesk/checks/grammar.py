"""The grammar check: spelling and grammar from Harper (the offline floor) and LanguageTool, merged.

Engine choice (Settings.grammar_engine):
- "auto": Harper, plus LanguageTool when it is usable without waiting for a download: a server
  URL is set (Settings.languagetool_url or REVIEWDESK_LANGUAGETOOL_URL) or a local LanguageTool is
  installed and Java 17+ is present. Nothing leaves the machine unless a server URL is set.
- "languagetool": LanguageTool (a local one is downloaded on first use, with progress); Harper's
  flags stand in if LanguageTool fails.
- "harper": Harper only. "off": the check does not run.

English drafts are checked in their own dialect: a language the settings or the document set
(en-GB, en-AU...) wins; otherwise ("en", or the untouched default en-US) the draft's spellings
decide (dialect.py), so British copy is not spell-checked as American. The dialect is the
metric "dialect" and, when it is not American, a notice on the check's status. Harper's rules are
then switched off, demoted or guarded as resources/grammar/harper-rules.toml says, and spelling
flags on names, acronyms and known compounds are set aside (grammar_spelling.py).

LanguageTool gets Settings.languagetool_timeout seconds (20 by default) per request; when it fails,
the reason is one notice on the check's status, Harper's flags stand, and it is not asked again
for 30 seconds (so re-checks while typing do not each wait for the same timeout).
"""
from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Iterable

from ..core.document import Document
from ..core.errors import Cancelled, CheckUnavailable
from ..core.flags import Flag
from ..core.progress import Progress
from ..core.settings import Settings
from .base import RunContext
from .consistency_terms import variant_words
from .dialect import DialectGuess, choose as choose_dialect
from .grammar_harper import HarperEngine
from .grammar_lt import LanguageToolEngine, LTResult, configured_url, flag_for
from .grammar_lt_local import LanguageToolUnavailable
from .grammar_merge import merge
from .grammar_names import (DraftNames, close_pairs, draft_names, listed_variant_groups,
                            name_variants, soften_name_flag, variant_flag)
from .grammar_rules import apply as apply_rule_decisions
from .grammar_spelling import clean_word, spelling_stands

ENGINES = ("auto", "harper", "languagetool", "off")
_MIN_WORDS_TO_DETECT = 30     # Harper's English test is unreliable on a sentence or two


@dataclass(frozen=True)
class Plan:
    harper_language: str | None      # None: Harper does not run (the draft is not English)
    lt_language: str                 # what LanguageTool is asked for ("auto" = it detects)
    preferred_variant: str           # the English variant LanguageTool prefers under "auto"
    use_languagetool: bool
    not_english: str = ""            # the notice when the draft is not in English


def document_language(doc: Document, settings: Settings) -> str:
    """The settings' language, unless it is the untouched default and the document declares its own."""
    if settings.language == Settings.language and doc.language and doc.language != settings.language:
        return doc.language
    return settings.language or "en-US"


class GrammarCheck:
    id = "grammar"
    name = "Grammar and spelling"
    categories = ("grammar", "spelling", "consistency")

    def __init__(self, harper: HarperEngine | None = None,
                 languagetool: LanguageToolEngine | None = None) -> None:
        self.harper = harper or HarperEngine()
        self.languagetool = languagetool or LanguageToolEngine()
        self._english: dict[str, bool] = {}
        self._label = self.harper.label

    def warm(self, language: str = "en-US", settings: Settings | None = None) -> None:
        """Build the linter (and start an installed local LanguageTool) ahead of the first check."""
        self.harper.warm(language if language.startswith("en") else "en-US")
        if settings is not None and settings.grammar_engine in ("auto", "languagetool") \
                and not configured_url(settings) and self.languagetool.local.usable_without_download():
            try:
                self.languagetool.local.ensure_running(Progress(), allow_download=False)
            except LanguageToolUnavailable:
                pass    # the check itself will say why

    def prepare_languagetool(self, settings: Settings, progress: Progress | None = None) -> str:
        """Download (with progress, cancellable) and start a local LanguageTool; return its label."""
        try:
            result = self.languagetool.check(["Ready."], "en-US", settings, progress,
                                             allow_download=True)
        except LanguageToolUnavailable as exc:
            raise CheckUnavailable(str(exc)) from None
        return result.label

    def engines_status(self) -> str:
        """Which engines ran in the last check, e.g. "harper 0.2.0 + languagetool 6.8 (server)"."""
        return self._label

    def close(self) -> None:
        self.languagetool.close()

    def run(self, doc: Document, ctx: RunContext) -> Iterable[Flag]:
        settings = ctx.settings
        choice = settings.grammar_engine or "auto"
        if choice == "off":
            raise CheckUnavailable("Grammar checking is switched off in the settings.")
        if choice not in ENGINES:
            raise CheckUnavailable(f"Unknown grammar engine \u201c{choice}\u201d: choose auto, harper, "
                                   "languagetool or off.")
        plan = self._plan(doc, settings, choice)
        if plan.harper_language is not None:
            guess = choose_dialect(doc.text, settings.language,
                                   doc.language if doc.language != Settings.language else "")
            if settings.dialect.startswith("en"):       # the editor chose this draft's English
                guess = DialectGuess(settings.dialect, 0, 0, (), detected=False)
            plan = Plan(guess.language, guess.language if plan.lt_language.startswith("en") else
                        plan.lt_language, plan.preferred_variant, plan.use_languagetool, plan.not_english)
            ctx.metrics["dialect"] = guess.language
            ctx.metrics["dialect_evidence"] = list(guess.evidence)
            if guess.notice():
                ctx.notices.append(guess.notice())
        blocks = [doc.text[b.start:b.end] for b in doc.blocks]
        harper_flags: list[Flag] = []
        harper_ran = False
        lt_result: LTResult | None = None
        lt_problem = ""
        labels: list[str] = []

        if plan.use_languagetool and plan.harper_language and choice == "auto":
            # LanguageTool waits on the network while Harper works: run both at once.
            runner = _Background(lambda: self.languagetool.check(
                blocks, plan.lt_language, settings, Progress(None, ctx.progress.token),
                allow_download=False, preferred_variant=plan.preferred_variant))
            harper_flags, harper_ran = self._harper(doc, ctx, settings, plan, 0.0, 0.8), True
            lt_result, lt_problem = runner.wait(ctx.progress)
        elif plan.use_languagetool:
            try:
                lt_result = self.languagetool.check(
                    blocks, plan.lt_language, settings, ctx.progress.part(0.0, 0.8),
                    allow_download=choice == "languagetool", preferred_variant=plan.preferred_variant)
            except LanguageToolUnavailable as exc:
                lt_problem = str(exc)
            if lt_result is None and plan.harper_language:
                harper_flags, harper_ran = self._harper(doc, ctx, settings, plan, 0.8, 1.0), True
        elif plan.harper_language:
            harper_flags, harper_ran = self._harper(doc, ctx, settings, plan, 0.0, 1.0), True

        if plan.harper_language is None and lt_result is None:
            reason = plan.not_english
            if lt_problem:
                reason += f" LanguageTool could not check it: {lt_problem}"
            raise CheckUnavailable(reason)

        lt_flags: list[Flag] = []
        if lt_result is not None:
            lt_flags = [flag_for(m, b.start) for b, ms in zip(doc.blocks, lt_result.matches) for m in ms]
        if harper_ran:
            labels.append(self.harper.label)
        if lt_result is not None:
            labels.append(lt_result.label)
        self._label = ctx.engine_label = " + ".join(labels)
        if plan.not_english:
            ctx.notices.append(plan.not_english + (f" LanguageTool detected {lt_result.detected_language}."
                                                   if lt_result and lt_result.detected_language else ""))
        if lt_problem:
            ctx.notices.append(f"LanguageTool not used: {lt_problem}"
                               + (" Harper's flags stand." if plan.harper_language else ""))

        # Other checks' duplicates go first: a long-sentence flag renamed to line-editing advice
        # would otherwise escape being dropped as the readability check's finding.
        harper_flags = apply_rule_decisions(_without_other_checks(harper_flags, settings), doc.text)
        unknown = {clean_word(doc.text[f.start:f.end]) for f in harper_flags + lt_flags
                   if f.category == "spelling"}
        flags = merge(harper_flags, lt_flags, doc.text) if lt_result is not None and harper_ran \
            else harper_flags + lt_flags
        flags = self._apply_names(doc, flags, unknown, settings,
                                  plan.harper_language if harper_ran else None)
        return _without_other_checks(flags, settings)

    def _harper(self, doc: Document, ctx: RunContext, settings: Settings, plan: Plan,
                lo: float, hi: float) -> list[Flag]:
        return self.harper.lint(doc, ctx.progress.part(lo, hi), plan.harper_language or "en-US",
                                words=frozenset(settings.dictionary), cache=ctx.cache)

    def _plan(self, doc: Document, settings: Settings, choice: str) -> Plan:
        language = document_language(doc, settings)
        use_lt = choice == "languagetool" or (
            choice == "auto" and self.languagetool.available_without_waiting(settings))
        if language == "auto":
            if self._looks_english(doc):
                return Plan("en-US", "en-US", "", use_lt)
            return Plan(None, "auto", "en-US", use_lt and choice != "harper",
                        "The draft does not look like English; Harper checks English only.")
        if not language.lower().startswith("en"):
            return Plan(None, language, "", use_lt and choice != "harper",
                        f"The draft's language is {language}; Harper checks English only.")
        if not self._looks_english(doc):
            return Plan(None, "auto", language, use_lt and choice != "harper",
                        "The draft does not look like English, so Harper's spelling flags would be "
                        "false alarms; set a LanguageTool server (or choose the LanguageTool engine) "
                        "to check it in its own language.")
        return Plan(language, language, "", use_lt)

    def _looks_english(self, doc: Document) -> bool:
        if doc.word_count < _MIN_WORDS_TO_DETECT:
            return True
        key = doc.sha256 or str(hash(doc.text))
        if key not in self._english:
            # A few thousand characters tell the language; more only holds the GIL longer.
            self._english[key] = self.harper.is_likely_english(doc.text[:3000])
        return self._english[key]

    def _apply_names(self, doc: Document, flags: list[Flag], unknown: set[str],
                     settings: Settings, language: str | None) -> list[Flag]:
        """Names, acronyms, dictionary words are not misspelt; two spellings of a name are one flag.

        `language` is Harper's (None when Harper did not run: no word is looked up in it).
        """
        names: DraftNames = draft_names(doc)
        known = {w.casefold() for entry in settings.dictionary for w in entry.split()}
        # Harper may pass a name in running text that it does not know alone ("Katte Bedingfield"):
        # the words of close pairs are looked up one by one too.
        pairs = close_pairs(names)
        if pairs and language:
            unknown = unknown | self.harper.unknown_words({w for p in pairs for w in p}, language)
        unknown = {w for w in unknown if w.casefold() not in known}
        variants = name_variants(names, unknown - names.learned, pairs) if unknown else []
        in_variant = {w for group in variants for w in group}
        # Both spellings of a word the consistency check flags (colour/color): its one finding.
        consistent = variant_words(doc) if settings.is_enabled("consistency") else set()
        starts = {s.start for s in doc.sentences}

        def harper_unknown(words: set[str]) -> set[str]:
            return self.harper.unknown_words(words, language) if language else set(words)

        out: list[Flag] = []
        for flag in flags:
            if flag.category == "spelling":
                word = clean_word(doc.text[flag.start:flag.end])
                if word in names.learned or word.casefold() in known or word in in_variant \
                        or word.casefold() in consistent:
                    continue
                if not spelling_stands(flag, doc, names, starts, harper_unknown):
                    continue
                flag = soften_name_flag(flag, word, names)
            out.append(flag)
        # Spellings listed in variants.txt are the consistency check's flag (consistency.spelling).
        listed = listed_variant_groups() if settings.is_enabled("consistency") else []
        out.extend(variant_flag(group, names) for group in variants
                   if not any({w.casefold() for w in group} <= known_group for known_group in listed))
        return out


def _without_other_checks(flags: list[Flag], settings: Settings) -> list[Flag]:
    """Doubled words and long sentences are other checks' findings: one highlight, not two."""
    dropped: list[str] = []
    if settings.is_enabled("repetition"):
        dropped.append("grammar.repetition")
    if settings.is_enabled("readability"):
        dropped.append("grammar.readability")
    return [f for f in flags if not any(f.rule == d or f.rule.startswith(d + ".") for d in dropped)]


class _Background:
    """Runs one call in a daemon thread; wait() polls so a cancelled job stops waiting at once."""

    def __init__(self, work) -> None:
        self._result: LTResult | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, args=(work,), daemon=True,
                                        name="reviewdesk-languagetool")
        self._thread.start()

    def _run(self, work) -> None:
        try:
            self._result = work()
        except BaseException as exc:   # handed to the waiting thread, never lost in this one
            self._error = exc

    def wait(self, progress: Progress) -> tuple[LTResult | None, str]:
        while self._thread.is_alive():
            progress.report(0.85, "Waiting for LanguageTool")
            self._thread.join(0.1)
        if isinstance(self._error, Cancelled):
            raise self._error
        if isinstance(self._error, LanguageToolUnavailable):
            return None, str(self._error)
        if self._error is not None:
            return None, f"LanguageTool failed: {self._error}"
        return self._result, ""
