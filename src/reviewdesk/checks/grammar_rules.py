"""What happens to each Harper rule on edited prose: off, demoted, line-editing, or kept with a guard.

The decisions and the counts they rest on are data (resources/grammar/harper-rules.toml), measured
with tests/benchmarks/bench_harper_rules.py. A guard keeps a rule that is often right and drops
the one shape of false alarm it is known for.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources

from ..core.flags import Flag, Severity

_SEVERITIES = {"info": Severity.INFO, "suggestion": Severity.SUGGESTION, "warning": Severity.WARNING,
               "error": Severity.ERROR}
# Initials and the abbreviations that stand before names or numbers: the word after them is not
# the start of a sentence ("Joseph R. Biden", "Sen. Ted Cruz", "Dec. 13").
_ABBREVIATION = re.compile(
    r"(?:\b[A-Z]|\b(?:Jr|Sr|Dr|Mr|Mrs|Ms|Mx|Prof|Sen|Rep|Gov|Gen|Lt|Col|Capt|Cmdr|Adm|Sgt|Maj|Rev|"
    r"Hon|St|Mt|Ft|No|Nos|Vol|Inc|Corp|Co|Ltd|Bros|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|"
    r"U\.S|U\.K|U\.N|D\.C|a\.m|p\.m|vs|etc|approx|est|ca))\.[,\s]*$")
# An existential "there" stands before a verb; "their" never does.
_THERE_VERB = re.compile(
    r"\s+(?:is|are|was|were|be|been|being|has|have|had|needs?|seems?|seemed|appears?|appeared|"
    r"remains?|remained|will|would|can|could|may|might|must|shall|should|used|exists?|existed|"
    r"comes?|came|lies|lay|stands?|stood|follows?|followed|goes|went|arises?|arose|emerged?|"
    r"isn['\u2019]t|aren['\u2019]t|wasn['\u2019]t|weren['\u2019]t)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Decision:
    decision: str = "keep"          # keep | off | demote | line-editing
    severity: Severity | None = None
    guard: str = ""


@lru_cache(maxsize=1)
def decisions() -> dict[str, Decision]:
    path = resources.files("reviewdesk.resources") / "grammar" / "harper-rules.toml"
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    out = {}
    for rule, row in data.get("rule", {}).items():
        out[rule] = Decision(row.get("decision", "keep"), _SEVERITIES.get(row.get("severity", "")),
                             row.get("guard", ""))
    return out


def apply(flags: list[Flag], text: str) -> list[Flag]:
    """Harper's flags after the decisions; flags of other engines pass unchanged."""
    table = decisions()
    out: list[Flag] = []
    for flag in flags:
        rule = table.get(flag.rule)
        if rule is None or "harper" not in flag.engines and flag.engines:
            out.append(flag)
            continue
        if rule.decision == "off" or (rule.guard and _guarded(rule.guard, flag, text)):
            continue
        if rule.decision == "demote" and rule.severity is not None:
            flag = replace(flag, severity=min(flag.severity, rule.severity))
        elif rule.decision == "line-editing":
            flag = replace(flag, rule="grammar.style." + flag.rule.split(".", 2)[-1],
                           severity=min(flag.severity, Severity.SUGGESTION))
        out.append(flag)
    return out


def _guarded(guard: str, flag: Flag, text: str) -> bool:
    """True when the flag is the known false alarm the guard names."""
    if guard == "after-abbreviation":
        if text[flag.end:flag.end + 1] == "." and _ABBREVIATION.search(text[flag.start:flag.end + 1]):
            return True     # the flagged word is the abbreviation: "Dec. 13"
        return bool(_ABBREVIATION.search(text, max(0, flag.start - 12), flag.start))
    if guard == "before-acronym":
        return bool(re.match(r"\s*[A-Z]{2,}\b", text[flag.end:flag.end + 12]))   # "the WHO", "the EU"
    if guard == "existential-there":
        return bool(_THERE_VERB.match(text, flag.end))
    return False
