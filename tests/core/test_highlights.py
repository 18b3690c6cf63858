"""The at-a-glance list puts facts and leftovers before style, one finding per rule first."""
from __future__ import annotations

from dataclasses import dataclass

from reviewdesk.core.highlights import highlights


@dataclass
class F:
    category: str
    rule: str
    severity: str
    start: int
    occurrences: tuple = ()
    status: str = "pending"
    state: str = "active"


def test_facts_before_style_and_one_per_rule_first():
    flags = [
        F("readability", "readability.hard-sentence", "warning", 1),
        F("repetition", "repetition.echo", "info", 2, ((0, 1), (5, 6))),
        F("consistency", "consistency.spelling", "warning", 3, tuple((i, i) for i in range(18))),
        F("consistency", "consistency.spelling", "warning", 9, tuple((i, i) for i in range(9))),
        F("consistency", "consistency.date", "warning", 4, ((0, 1),) * 4),
        F("filler", "filler.leftover", "warning", 5),
        F("sourcing", "sourcing.vague-attribution", "warning", 6, status="dismissed"),
    ]
    top = highlights(flags, limit=4)
    assert [f.rule for f in top] == ["consistency.date", "filler.leftover", "consistency.spelling",
                                     "consistency.spelling"]
    assert top[2].start == 3          # the spelling finding with more places first


def test_dismissed_and_outdated_are_left_out():
    flags = [F("filler", "filler.seo", "warning", 1, status="dismissed"),
             F("filler", "filler.seo", "warning", 2, state="outdated")]
    assert highlights(flags) == []
