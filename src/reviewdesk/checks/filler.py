"""The filler check: web page leftovers, SEO and machine-written padding, cliches and empty intensifiers."""
from __future__ import annotations

from typing import Iterable

from ..core.document import Document
from ..core.flags import Flag, Severity, Span, normalise
from .base import RunContext
from .editorial_lists import Match, load_phrases

# (rule suffix, list file, severity, grouped): a grouped rule gives one flag per phrase listing
# every place it is used; the others give one flag per place. Earlier rules win an overlap.
_RULES = (
    ("leftover", "filler_leftovers.txt", Severity.WARNING, False),
    ("seo", "filler_seo.txt", Severity.WARNING, False),
    ("cliche", "filler_cliches.txt", Severity.SUGGESTION, True),
    ("intensifier", "filler_intensifiers.txt", Severity.SUGGESTION, False),
)


class FillerCheck:
    id = "filler"
    name = "Filler and leftovers"
    categories = ("filler",)

    def run(self, doc: Document, ctx: RunContext) -> Iterable[Flag]:
        text = doc.text
        skip_quotes = ctx.settings.skip_quotes
        taken: list[Span] = []
        flags: list[Flag] = []
        for i, (rule, name, severity, grouped) in enumerate(_RULES):
            ctx.progress.report(i / len(_RULES), f"Looking for {rule} phrases")
            matches = []
            for m in load_phrases(name).finditer(text):
                if skip_quotes and doc.in_quote(m.start, m.end):
                    continue  # the speaker's words, not ours to cut
                if any(s.start < m.end and m.start < s.end for s in taken):
                    continue
                block = doc.block_at(m.start)
                if block is not None and block.is_cell:
                    continue  # a table's "Share" column is not a share button
                matches.append(m)
            taken.extend(Span(m.start, m.end) for m in matches)
            if grouped:
                flags.extend(_grouped(text, rule, severity, matches))
            else:
                flags.extend(_single(text, rule, severity, m) for m in matches)
        ctx.metrics["counts"] = {rule: sum(1 for f in flags if f.rule == f"filler.{rule}")
                                 for rule, *_ in _RULES}
        return flags


_MESSAGES = {
    "leftover": "Web page leftover: \u201c{t}\u201d is page furniture (comments, navigation, sharing, "
                "cookies), not part of the article. Delete it.",
    "seo": "Filler: \u201c{t}\u201d is stock SEO or machine-written padding. Cut it and say what the "
           "piece reports.",
    "intensifier": "Empty intensifier: \u201c{t}\u201d adds emphasis, not information. Cut it or give "
                   "the fact behind it.",
}


def _single(text: str, rule: str, severity: Severity, m: Match) -> Flag:
    passage = _one_line(text[m.start:m.end])
    return Flag("filler", f"filler.{rule}", "filler", m.start, m.end,
                _MESSAGES[rule].format(t=passage), severity, m.entry.suggestions)


def _grouped(text: str, rule: str, severity: Severity, matches: list[Match]) -> list[Flag]:
    groups: dict[str, list[Match]] = {}
    for m in matches:
        groups.setdefault(m.entry.source, []).append(m)
    flags = []
    for group in groups.values():
        first = group[0]
        forms = sorted({normalise(text[m.start:m.end]) for m in group})
        times = f" ({len(group)} times)" if len(group) > 1 else ""
        quoted = ", ".join(f"\u201c{form}\u201d" for form in forms)
        message = (f"Clich\u00e9: {quoted}{times}. "
                   "A stock phrase tells the reader nothing new; say it plainly or cut it.")
        places = tuple(Span(m.start, m.end) for m in group)
        flags.append(Flag("filler", f"filler.{rule}", "filler", first.start, first.end, message,
                          severity, first.entry.suggestions, places if len(places) > 1 else (),
                          key="|".join(forms) if len(places) > 1 else ""))
    return flags


def _one_line(passage: str) -> str:
    return " ".join(passage.split())
