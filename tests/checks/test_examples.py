"""Every rule's must-flag and must-pass examples (tests/checks/examples/*.toml), run through its check.

Each file holds `[[case]]` rows:

    rule = "sourcing.unattributed-quote"   # a rule id, or a dotted prefix ("grammar.spelling")
    flag = true                            # true: the rule must flag the text; false: it must not
    text = "..."                           # the draft (plain text: blank lines between paragraphs)
    passage = "..."                        # optional: a flag of the rule must (flag = true) or must
                                           # not (flag = false) cover text containing these words
    language = "en-GB"                     # optional Settings.language
    settings = { skip_quotes = false }     # optional other Settings fields
    why = "..."                            # optional: where the row came from (a false alarm seen ...)

The check is the rule's first dotted part (`sourcing`), run alone through the engine, so ignored
rules, dictionary words and ids work as in a real run.
"""
from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path

import pytest

from reviewdesk.core.document import document_from_text
from reviewdesk.core.engine import Engine
from reviewdesk.core.settings import Settings

EXAMPLES = Path(__file__).resolve().parent / "examples"


def _cases() -> list:
    out = []
    for path in sorted(EXAMPLES.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for n, case in enumerate(data.get("case", []), 1):
            label = f"{path.stem}-{n}-{case['rule']}-{'flag' if case['flag'] else 'pass'}"
            out.append(pytest.param(case, id=label))
    return out


@lru_cache(maxsize=1)
def _engine() -> Engine:
    return Engine()


def _passage(text: str, flag) -> str:
    return " ".join(" ".join(text[p.start:p.end].split()) for p in flag.places)


def _matches(rule: str, wanted: str) -> bool:
    return rule == wanted or rule.startswith(wanted + ".")


def test_every_example_file_has_both_kinds():
    for path in sorted(EXAMPLES.glob("*.toml")):
        cases = tomllib.loads(path.read_text(encoding="utf-8")).get("case", [])
        assert any(c["flag"] for c in cases) and any(not c["flag"] for c in cases), path.name


@pytest.mark.parametrize("case", _cases())
def test_example(case):
    settings = Settings().with_(**case.get("settings", {}))
    if "language" in case:
        settings = settings.with_(language=case["language"])
    check_id = case["rule"].split(".")[0]
    engine = _engine()
    doc = document_from_text(case["text"])
    outcome = engine.run_check(engine.check(check_id), doc, settings)
    assert outcome.status.status == "ok", outcome.status.message
    hits = [f for f in outcome.flags if _matches(f.rule, case["rule"])]
    wanted = case.get("passage")
    if wanted is not None:
        hits = [f for f in hits if wanted in _passage(doc.text, f)]
    found = [(f.rule, _passage(doc.text, f), f.message) for f in hits]
    if case["flag"]:
        assert found, f"{case['rule']} should flag {wanted or case['text']!r}"
    else:
        assert not found, f"{case['rule']} should not flag: {found}"
