"""Merging Harper's and LanguageTool's flags: one flag per passage and problem, both engines' advice.

A LanguageTool match and a Harper lint are the same problem when they are in the same category
(spelling or grammar), overlap, and either cover the same span, share a suggestion, overlap by at
least half the longer span, or would correct the passage to the same words ("have took" -> "have
taken" and "took" -> "taken"). The merged flag keeps Harper's rule, span and message
(so a finding keeps its id whether or not LanguageTool ran) and gains LanguageTool's suggestions.
"""
from __future__ import annotations

from dataclasses import replace

from ..core.flags import Flag

BOTH = ("harper", "languagetool")
_MAX_SUGGESTIONS = 6


def same_problem(a: Flag, b: Flag, text: str) -> bool:
    if a.category != b.category or a.start >= b.end or b.start >= a.end:
        return False
    if (a.start, a.end) == (b.start, b.end):
        return True
    if {s.casefold() for s in a.suggestions} & {s.casefold() for s in b.suggestions}:
        return True
    overlap = min(a.end, b.end) - max(a.start, b.start)
    if overlap * 2 >= max(a.end - a.start, b.end - b.start):
        return True
    return bool(_corrections(a, b, text) & _corrections(b, a, text))


def _corrections(flag: Flag, other: Flag, text: str) -> set[str]:
    """The passage both flags cover, as each of `flag`'s suggestions would rewrite it."""
    lo, hi = min(flag.start, other.start), max(flag.end, other.end)
    return {" ".join((text[lo:flag.start] + s + text[flag.end:hi]).casefold().split())
            for s in flag.suggestions[:3]}


def merge(harper: list[Flag], languagetool: list[Flag], text: str) -> list[Flag]:
    """Harper's flags, each joined by the LanguageTool matches on the same problem, then the rest.

    A Harper spelling flag on a capitalised word that LanguageTool (with its larger dictionary of
    names) accepted is dropped: those are names, and it is where Harper's false alarms are.
    """
    merged: list[Flag] = list(harper)
    partners: dict[int, list[Flag]] = {}
    alone: list[Flag] = []
    for lt in languagetool:
        best, best_overlap = None, 0
        for i, h in enumerate(harper):
            if same_problem(h, lt, text):
                overlap = min(h.end, lt.end) - max(h.start, lt.start)
                if overlap > best_overlap:
                    best, best_overlap = i, overlap
        if best is None:
            alone.append(lt)
        else:
            partners.setdefault(best, []).append(lt)
    out: list[Flag] = []
    for i, h in enumerate(merged):
        joined = partners.get(i)
        if joined:
            out.append(_join(h, joined, text))
        elif not (h.category == "spelling" and _capitalised(text[h.start:h.end])):
            out.append(h)
    out.extend(alone)
    return sorted(out, key=lambda f: (f.start, f.end, f.rule))


def _join(h: Flag, lts: list[Flag], text: str) -> Flag:
    theirs = [r for lt in lts for s in lt.suggestions if (r := _respan(lt, s, h, text)) is not None]
    theirs_folded = {s.casefold() for s in theirs}
    agreed = [s for s in h.suggestions if s.casefold() in theirs_folded]
    suggestions = list(dict.fromkeys(agreed + list(h.suggestions) + theirs))[:_MAX_SUGGESTIONS]
    message = h.message
    if h.category != "spelling":   # spelling messages say the same thing twice; grammar ones differ
        extra = [lt.message for lt in lts
                 if lt.message and lt.message.casefold() != h.message.casefold()]
        if extra:
            message = f"{h.message} LanguageTool: {extra[0]}"
    return replace(h, suggestions=tuple(suggestions), engines=BOTH,
                   severity=max([h.severity] + [lt.severity for lt in lts]), message=message)


def _respan(lt: Flag, suggestion: str, h: Flag, text: str) -> str | None:
    """LanguageTool's suggestion rewritten as a replacement for Harper's span, or None if it can't be.

    "have took" -> "have taken" becomes "took" -> "taken" when Harper flagged only "took".
    """
    lo, hi = min(lt.start, h.start), max(lt.end, h.end)
    rewritten = text[lo:lt.start] + suggestion + text[lt.end:hi]
    before, after = text[lo:h.start], text[h.end:hi]
    if rewritten.startswith(before) and rewritten.endswith(after) and \
            len(rewritten) >= len(before) + len(after):
        return rewritten[len(before):len(rewritten) - len(after)]
    return None


def _capitalised(word: str) -> bool:
    return bool(word) and word[0].isupper()
