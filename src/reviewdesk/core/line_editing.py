"""Line-editing advice summarised as counts against targets (as Hemingway does), for the default view.

With the line-editing layer off, an editor sees one line per kind of advice ("12 hard sentences of
140; aim for 14 or fewer") instead of hundreds of flags. The counts come from the metrics the
readability and repetition checks already report; the targets are shares of the draft's own
sentences or words, so a long draft is allowed proportionally more.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# (key, label, rule, metric check, metric name, basis, share): the target is share * basis.
# Basis "sentences" or "words" of the body text. Targets are house goals for news copy.
TARGETS: tuple[tuple[str, str, str, str, str, str, float], ...] = (
    ("hard", "hard or very hard sentences", "readability.hard-sentence", "readability",
     "hard_or_very_hard", "sentences", 0.10),
    ("long", "long sentences", "readability.long-sentence", "readability", "long_sentences",
     "sentences", 0.10),
    ("passive", "uses of the passive voice", "readability.passive-voice", "readability",
     "passive_voice", "sentences", 0.10),
    ("adverbs", "weakening adverbs", "readability.adverb", "readability", "adverbs", "words", 0.005),
    ("complex", "complex words or phrases", "readability.complex-word", "readability",
     "complex_words", "words", 0.005),
    ("echoes", "echoed words", "repetition.echo", "repetition", "echoes", "words", 0.01),
    ("paraphrases", "passages saying nearly the same thing", "repetition.paraphrase", "repetition",
     "paraphrases", "sentences", 0.05),
    ("openers", "repeated sentence openers", "repetition.opener", "repetition", "repeated_openers",
     "sentences", 0.03),
)


@dataclass(frozen=True)
class LineItem:
    key: str
    label: str
    rule: str
    count: int
    target: int          # the most the draft should have
    basis: str           # "sentences" | "words"
    of: int              # how many sentences or words the target is a share of

    @property
    def over(self) -> bool:
        return self.count > self.target

    def sentence(self) -> str:
        """'12 hard or very hard sentences (aim for 14 or fewer)'."""
        return f"{self.count} {self.label} (aim for {self.target} or fewer)"

    def as_dict(self) -> dict[str, Any]:
        return {"key": self.key, "label": self.label, "rule": self.rule, "count": self.count,
                "target": self.target, "basis": self.basis, "of": self.of, "over": self.over}


def line_editing_summary(metrics: dict[str, Any]) -> list[LineItem]:
    """One item per kind of line-editing advice whose check ran; [] when none did.

    `metrics` maps a check id to its metrics, as the engine's Report and the store keep them.
    """
    readability = metrics.get("readability") or {}
    counts = dict(readability.get("counts") or {})
    scores = readability.get("scores") or {}
    repetition = metrics.get("repetition") or {}
    if counts:
        counts["hard_or_very_hard"] = int(counts.get("hard_sentences", 0)) + int(
            counts.get("very_hard_sentences", 0))
    sentences = int(scores.get("sentences") or 0)
    words = int(scores.get("words") or repetition.get("words") or 0)
    items: list[LineItem] = []
    for key, label, rule, check, metric, basis, share in TARGETS:
        source = counts if check == "readability" else repetition
        if metric not in source:
            continue
        of = sentences if basis == "sentences" else words
        if not of:
            continue
        target = max(1, round(of * share))
        items.append(LineItem(key, label, rule, int(source[metric] or 0), target, basis, of))
    return items


def summary_line(items: list[LineItem]) -> str:
    """'Line editing: 3 of 7 over target: 20 hard or very hard sentences (aim for 9 or fewer), ...'."""
    if not items:
        return ""
    over = [i for i in items if i.over]
    if not over:
        return "Line editing: every count within its target."
    parts = "; ".join(i.sentence() for i in over)
    return f"Line editing: {len(over)} of {len(items)} over target: {parts}."
