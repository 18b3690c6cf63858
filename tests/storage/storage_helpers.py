"""Shared helpers of the storage tests: the sample draft and flags placed on its phrases."""
from __future__ import annotations

from reviewdesk.core.document import Document
from reviewdesk.core.engine import finalise
from reviewdesk.core.flags import Flag, Severity, Span
from reviewdesk.core.settings import Settings

TITLE = "Bakhmut Under Fire\n\n"
P1 = ("The battle is far from over, officials said. The city was very heavily shelled overnight "
      "and the damage is wide.")
P2 = "Residents said the the water supply failed again."
P3 = "The mayor promised repairs by Friday at the latest, and nobody believed him."
DRAFT = TITLE + "\n\n".join((P1, P2, P3)) + "\n"


def flag_on(doc: Document, phrase: str, rule: str, nth: int = 0, **extra) -> Flag:
    start = -1
    for _ in range(nth + 1):
        start = doc.text.index(phrase, start + 1)
    check = extra.pop("check", rule.split(".")[0])
    return Flag(check=check, rule=rule, category=extra.pop("category", check), start=start,
                end=start + len(phrase), message=extra.pop("message", f"{rule} on {phrase!r}"), **extra)


def findings(doc: Document) -> list[Flag]:
    """The three findings of DRAFT whose passages are present, fingerprinted by the engine."""
    raw = []
    if "very" in doc.text:
        raw.append(flag_on(doc, "very", "style.adverb", severity=Severity.SUGGESTION,
                           suggestions=("",), engines=("style",)))
    if "the the" in doc.text:
        raw.append(flag_on(doc, "the the", "repetition.doubled", severity=Severity.ERROR,
                           suggestions=("the",)))
    if "nobody believed" in doc.text:
        raw.append(flag_on(doc, "nobody believed", "style.hedge"))
    return finalise(doc, raw, Settings())


def by_text(flags: list) -> dict:
    return {f.text: f for f in flags}


def places(doc: Document, phrase: str) -> tuple[Span, ...]:
    out, at = [], doc.text.find(phrase)
    while at != -1:
        out.append(Span(at, at + len(phrase)))
        at = doc.text.find(phrase, at + 1)
    return tuple(out)
