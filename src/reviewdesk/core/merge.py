"""One finding per problem: flags from different checks about the same words become one finding.

Checks look at a draft independently, so one problem often raises several flags: "far from over" is a
cliché to the filler check and a repeated phrase to the repetition check; "delve into" is SEO filler
and a complex word. An editor wants one finding that says everything the checks said about it.

Merging is a view over the stored flags, never a change to them: each check keeps writing its own
flags (so a check re-run alone still matches its old flags and their decisions), and the window, the
command line and the exports show the merged findings. Deciding a merged finding decides every flag
in it. The lead of a finding is its highest-ranked flag (core/ranking.py); it gives the finding its
id, message and first place, and the others' messages follow it as `also`.

Two flags are about the same words when one place of each covers most of the other: the overlap is
at least SAME_WORDS of the longer of the two passages (so "US" inside "US officials" is not the same
words, but "a top US official" and "US official" are). A flag of several places merges when most of
its places (MOST_PLACES) are the same words as places of the lead. A repeated phrase whose places
mostly lie inside another finding's places is that finding's wording, not a problem of its own.

Unnamed sources: PATTERN_MIN or more vague attributions are one pattern, one finding with every place,
not a dozen findings that each say the same thing.
"""
from __future__ import annotations

import math
from dataclasses import replace
from typing import Any, Callable, Sequence, TypeVar

from .flags import Also
from .layers import is_line_editing
from .ranking import ranked

T = TypeVar("T")

SAME_WORDS = 0.45       # overlap as a share of the longer passage
MOST_PLACES = 0.6       # share of a multi-place flag's places that must match the lead's
INSIDE = 0.8            # a repeated phrase's place lies inside a place of another finding
PATTERN_RULE = "sourcing.vague-attribution"
PATTERN_MIN = 3
# Findings that never absorb or join another: a list of the draft's own variants (its places are
# every use of a spelling, so they say nothing about the words around them), and a sentence's
# difficulty (a hard sentence is its own problem, whatever else is wrong inside it).
_APART = ("consistency.spelling", "consistency.capitalisation", "consistency.hyphenation",
          "consistency.abbreviation", "consistency.number-style", "grammar.name-variant",
          "readability.hard-sentence", "readability.very-hard-sentence", "readability.long-sentence")

Place = tuple[int, int]


def _overlap(a: Place, b: Place) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def same_words(a: Place, b: Place) -> bool:
    """Two passages are about the same words (see the module docstring)."""
    longer = max(a[1] - a[0], b[1] - b[0], 1)
    return _overlap(a, b) >= SAME_WORDS * longer


def _inside(small: Place, big: Place) -> bool:
    return _overlap(small, big) >= INSIDE * max(1, small[1] - small[0])


def _apart(rule: str) -> bool:
    return any(rule == r or rule.startswith(r + ".") for r in _APART)


_BUCKET = 512          # characters per bucket of the place index


class _Places:
    """Every lead's places, indexed by position, so a long draft's thousands of flags merge in
    time linear in their places rather than comparing every pair."""

    def __init__(self) -> None:
        self._buckets: dict[int, list[tuple[Place, int]]] = {}

    def add(self, place: Place, group: int) -> None:
        for b in range(place[0] // _BUCKET, max(place[0], place[1] - 1) // _BUCKET + 1):
            self._buckets.setdefault(b, []).append((place, group))

    def near(self, place: Place) -> list[tuple[Place, int]]:
        out = []
        for b in range(place[0] // _BUCKET, max(place[0], place[1] - 1) // _BUCKET + 1):
            out.extend(self._buckets.get(b, ()))
        return out


def groups(items: Sequence[T], *, rule: Callable[[T], str], category: Callable[[T], str],
           severity: Callable[[T], Any], places: Callable[[T], Sequence[Place]],
           active: Callable[[T], bool] = lambda _: True) -> list[list[int]]:
    """Indices of `items` grouped into findings, each group's lead first; every item in one group."""
    order = ranked(range(len(items)), rule=lambda i: rule(items[i]), severity=lambda i: severity(items[i]),
                   places=lambda i: len(places(items[i])),
                   start=lambda i: min((p[0] for p in places(items[i])), default=0))
    out: list[list[int]] = []
    rules: list[set[str]] = []
    index = _Places()
    taken: set[int] = set()
    # The unnamed-sources pattern first: it is one finding however the others merge.
    vague = [i for i in order if active(items[i]) and rule(items[i]) == PATTERN_RULE]
    if len(vague) >= PATTERN_MIN:
        out.append(vague)
        rules.append({PATTERN_RULE})
        taken.update(vague)
        for i in vague:
            for p in places(items[i]):
                index.add(p, 0)
    for i in order:
        if i in taken:
            continue
        it = items[i]
        r, mine = rule(it), [tuple(p) for p in places(it)]
        joinable = active(it) and not _apart(r) and bool(mine)
        home = None
        if joinable:
            home = _home(index, mine, r, rules, category(it) == "repetition" and len(mine) > 1)
        if home is None:
            out.append([i])
            rules.append({r})
            if joinable:
                for p in mine:
                    index.add(p, len(out) - 1)
        else:
            out[home].append(i)
            rules[home].add(r)
            for p in mine:
                if not any(g == home and same_words(p, q) for q, g in index.near(p)):
                    index.add(p, home)
    return out


def _home(index: _Places, mine: list[Place], r: str, rules: list[set[str]], repeated: bool) -> int | None:
    """The first (highest-ranked) group this flag's places join, if any."""
    need = max(1, math.ceil(MOST_PLACES * len(mine)))
    same: dict[int, int] = {}
    inside: dict[int, int] = {}
    for p in mine:
        near = index.near(p)
        for g in {g for q, g in near if same_words(p, q)}:
            same[g] = same.get(g, 0) + 1
        if repeated:
            for g in {g for q, g in near if _inside(p, q)}:
                inside[g] = inside.get(g, 0) + 1
    fits = [g for g, n in same.items() if n >= need] + [g for g, n in inside.items() if n >= need]
    fits = sorted(g for g in set(fits) if r not in rules[g])
    return fits[0] if fits else None


def merged_places(lead: Sequence[Place], others: Sequence[Sequence[Place]]) -> tuple[Place, ...]:
    """The lead's places first (its first place stays the finding's), then every other place not
    already covered, in document order."""
    out = list(lead)
    extra: list[Place] = []
    for places in others:
        for p in places:
            if not any(same_words(p, q) for q in out + extra):
                extra.append(p)
    return tuple(out[:1]) + tuple(sorted(out[1:] + extra))


_SEVERITY = ("info", "suggestion", "warning", "error")


def _label(severity: Any) -> str:
    if isinstance(severity, str):
        return severity.lower()
    return _SEVERITY[max(0, min(3, int(severity)))]


def pattern_message(passages: Sequence[str]) -> str:
    quoted = [f"\u201c{' '.join(p.split())}\u201d" for p in passages[:3]]
    more = len(passages) - len(quoted)
    listed = ", ".join(quoted) + (f" and {more} more" if more > 0 else "")
    return (f"Unnamed sources: {len(passages)} passages credit no one by name ({listed}). Name who "
            "said it (who, in what role), or say why they cannot be named.")


def merge_records(records: Sequence[Any], text: str | None = None) -> list[Any]:
    """Storage FlagRecords as findings: one record per group, the lead's with every place, the
    highest severity, every suggestion and engine, and the others in `also` (their ids included)."""
    records = list(records)
    grouped = groups(records, rule=lambda r: r.rule, category=lambda r: r.category,
                     severity=lambda r: r.severity, places=_record_places,
                     active=lambda r: r.state == "active")
    out = []
    for g in grouped:
        lead, rest = records[g[0]], [records[i] for i in g[1:]]
        if not rest:
            out.append(lead)
            continue
        places = merged_places(_record_places(lead), [_record_places(r) for r in rest])
        message = lead.message
        if lead.rule == PATTERN_RULE and all(r.rule == PATTERN_RULE for r in rest[:PATTERN_MIN - 1]):
            message = pattern_message([r.text for r in [lead, *rest] if r.rule == PATTERN_RULE])
        also = tuple(Also(r.id, r.check, r.rule, r.category, _label(r.severity), r.message) for r in rest)
        worst = max([lead, *rest], key=lambda r: _SEVERITY.index(_label(r.severity)))
        # A suggestion replaces its own flag's words: only those on the lead's passage carry over.
        suggestions = tuple(dict.fromkeys(s for r in [lead, *rest] if (r.start, r.end) == (lead.start, lead.end)
                                          for s in r.suggestions))
        engines = tuple(dict.fromkeys(e for r in [lead, *rest] for e in r.engines))
        notes = tuple(n for r in [lead, *rest] for n in getattr(r, "notes", ()))
        note = lead.note or next((r.note for r in rest if r.note), "")
        out.append(replace(lead, message=message, occurrences=places, severity=_label(worst.severity),
                           suggestions=suggestions, engines=engines, also=lead.also + also,
                           notes=notes, note=note))
    return out


def _record_places(r: Any) -> list[Place]:
    return [(int(a), int(b)) for a, b in (r.occurrences or ((r.start, r.end),))]


def member_ids(finding: Any) -> list[str]:
    """Every stored flag id a finding stands for: its own and those merged into it."""
    return [finding.id, *(a.id for a in getattr(finding, "also", ()))]


def expand_ids(records: Sequence[Any], ids: Sequence[str]) -> list[str]:
    """The ids a decision on these findings must write: each finding's own and its merged flags'."""
    wanted = set(ids)
    out = list(dict.fromkeys(ids))
    for finding in merge_records(records):
        if finding.id in wanted:
            out.extend(a.id for a in finding.also if a.id not in out)
    return out


def is_layered(finding: Any) -> bool:
    """A merged finding is line-editing advice only when every flag in it is."""
    return is_line_editing(finding.rule) and all(is_line_editing(a.rule) for a in getattr(finding, "also", ()))


def other_voices(finding: Any) -> list[Also]:
    """What other rules said of this finding, one message per rule (the pattern's own members, of
    the lead's rule, are its places, not other voices)."""
    seen: set[str] = {finding.rule}
    out = []
    for a in getattr(finding, "also", ()):
        if a.rule not in seen:
            seen.add(a.rule)
            out.append(a)
    return out
