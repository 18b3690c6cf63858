"""Review settings shared by the CLI and the window: which checks run and how strict they are."""
from __future__ import annotations

from dataclasses import dataclass, field, replace


@dataclass(frozen=True)
class Settings:
    target_grade: float = 9.0
    skip_quotes: bool = True            # style checks leave direct quotations alone
    enabled: tuple[str, ...] = ()       # check id prefixes; empty means every built-in check
    language: str = "en-US"
    dialect: str = ""                   # English to spell-check in (en-US, en-GB, ...); "" detects it
    grammar_engine: str = "auto"        # auto | harper | languagetool | off
    languagetool_url: str = ""
    languagetool_timeout: float = 20.0
    long_sentence_words: int = 30
    very_long_sentence_words: int = 40
    echo_window: int = 25               # words within which a repeated content word is an echo (about a sentence)
    dictionary: frozenset[str] = field(default_factory=frozenset)
    ignored_rules: frozenset[str] = field(default_factory=frozenset)
    line_editing: bool = False          # show line-editing advice as flags (core/layers.py)

    def with_(self, **changes) -> "Settings":
        return replace(self, **changes)

    def is_enabled(self, check_id: str) -> bool:
        return not self.enabled or any(check_id == p or check_id.startswith(p + ".") or
                                       check_id.startswith(p) for p in self.enabled)
