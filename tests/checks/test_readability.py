"""The readability check: scores, verdict, paragraph grades and Hemingway-style flags."""
from __future__ import annotations

import json
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from reviewdesk.checks.base import RunContext
from reviewdesk.checks.readability import (HARD, LONG, VERY_HARD, ReadabilityCheck, verdict)
from reviewdesk.checks.readability_scores import syllables
from reviewdesk.checks.style_rules import ADVERB, COMPLEX, PASSIVE
from reviewdesk.core.document import document_from_text
from reviewdesk.core.errors import Cancelled
from reviewdesk.core.flags import Severity
from reviewdesk.core.progress import CancelToken, Progress
from reviewdesk.core.settings import Settings

DRAFT = Path(__file__).resolve().parents[2] / "seeds" / "bakhmut-draft.txt"
NO_QUOTE_SKIP = {"skip_quotes": False}

# (text, rule, should_flag, settings changes). Each text is one paragraph ending in punctuation,
# so document_from_text never mistakes it for a heading.
EXAMPLES = [
    ("The bridge was built in 1932.", PASSIVE, True, {}),
    ("The report is being reviewed by the board.", PASSIVE, True, {}),
    ("The gates were not opened until noon.", PASSIVE, True, {}),
    ("Up to 500 people have been killed.", PASSIVE, True, {}),
    ("They built the bridge in 1932.", PASSIVE, False, {}),
    ("She was tired after the march.", PASSIVE, False, {}),
    ("It is indeed a hard winter.", PASSIVE, False, {}),
    ("The result was unexpected.", PASSIVE, False, {}),
    ("The town was, in the end, abandoned.", PASSIVE, False, {}),
    ("The mayor said, \u201cThe bridge was built too fast.\u201d", PASSIVE, False, {}),
    ("The mayor said, \u201cThe bridge was built too fast.\u201d", PASSIVE, True, NO_QUOTE_SKIP),
    ('The mayor said, "The bridge was built too fast."', PASSIVE, False, {}),
    ("The war is really far from over.", ADVERB, True, {}),
    ("The report is very long.", ADVERB, True, {}),
    ("He just left the room.", ADVERB, False, {}),
    ("\u201cIt is really over,\u201d he said.", ADVERB, False, {}),
    ("\u201cIt is really over,\u201d he said.", ADVERB, True, NO_QUOTE_SKIP),
    ("We utilize drones to map the front.", COMPLEX, True, {}),
    ("They stayed in order to help.", COMPLEX, True, {}),
    ("Keep the files in order, to be safe.", COMPLEX, False, {}),
    ("We use drones to map the front.", COMPLEX, False, {}),
    ("The general said they would \u201cutilize every asset\u201d at once.", COMPLEX, False, {}),
    ("This attests to how difficult it is for diplomatic efforts to reach a lasting "
     "resolution amid such violence and destruction.", HARD, True, {}),
    ("The cat sat on the mat and looked at the dog for a long time.", HARD, False, {}),
    ("The international delegation recommended additional humanitarian corridors around the "
     "besieged industrial city before the winter.", VERY_HARD, True, {}),
    ("The soldiers moved east at dawn and held the road for two days while the town slept.",
     VERY_HARD, False, {}),
    ("Analysis of the Geopolitical Implications of International Humanitarian Intervention"
     "\n\nThe cat sat on the mat.", VERY_HARD, False, {}),
    ("\u201cThe international delegation recommended additional humanitarian corridors around "
     "the besieged industrial city,\u201d she said.", VERY_HARD, False, {}),
    ("\u201cThe international delegation recommended additional humanitarian corridors around "
     "the besieged industrial city,\u201d she said.", VERY_HARD, True, NO_QUOTE_SKIP),
    ("I went to the shop and I got a loaf of bread and a jug of milk and then I went home to "
     "see my mum and my dad at six.", LONG, True, {}),
    ("I went to the shop and I got a loaf of bread and a jug of milk.", LONG, False, {}),
    ("I went to the shop and I got a loaf of bread and a jug of milk and then I went home to "
     "see my mum and my dad at six.", LONG, False, {"long_sentence_words": 40}),
]


def run(text: str, **changes):
    doc = document_from_text(text)
    ctx = RunContext(settings=Settings().with_(**changes))
    flags = list(ReadabilityCheck().run(doc, ctx))
    return doc, flags, ctx.metrics


def passages(doc, flags, rule):
    return [doc.text[f.start:f.end] for f in flags if f.rule == rule]


@pytest.mark.parametrize("text, rule, should_flag, changes", EXAMPLES,
                         ids=[f"{r.split('.')[1]}-{'flag' if s else 'pass'}-{i}"
                              for i, (_, r, s, _) in enumerate(EXAMPLES)])
def test_examples(text, rule, should_flag, changes):
    doc, flags, _ = run(text, **changes)
    assert bool(passages(doc, flags, rule)) is should_flag


def test_passive_flag_covers_be_verb_to_participle():
    doc, flags, _ = run("The bridge was quickly built in 1932, and it is being repaired.")
    assert passages(doc, flags, PASSIVE) == ["was quickly built", "is being repaired"]


def test_adverb_flag_covers_the_word_only():
    doc, flags, _ = run("The report is very long and basically useless.")
    spans = [(f.start, f.end) for f in flags if f.rule == ADVERB]
    assert spans == [(14, 18), (28, 37)]
    assert all(f.severity == Severity.INFO for f in flags if f.rule == ADVERB)


def test_complex_word_suggests_plainer_words_in_the_same_case():
    doc, flags, _ = run("Utilize the road. Commenced at noon, the march went on.")
    found = {doc.text[f.start:f.end]: f.suggestions for f in flags if f.rule == COMPLEX}
    assert found == {"Utilize": ("Use",), "Commenced": ("Started", "Began")}


def test_very_hard_message_names_words_grade_and_target():
    doc, flags, _ = run(EXAMPLES[24][0])
    (flag,) = [f for f in flags if f.rule == VERY_HARD]
    assert re.fullmatch(r"Very hard to read: 15 words at grade \d+ \(target 9\)\. Split it\.",
                        flag.message)
    assert flag.severity == Severity.WARNING and flag.score > 14
    assert (flag.start, flag.end) == (0, len(doc.text))


def test_target_grade_setting_moves_the_bar():
    _, flags, metrics = run(EXAMPLES[22][0], target_grade=16)
    assert not [f for f in flags if f.rule in (HARD, VERY_HARD)]
    assert metrics["target_grade"] == 16


def test_long_hard_sentence_gets_one_flag_that_gives_its_length():
    text = " ".join(["the dog ran to the park and back"] * 6) + "."
    _, flags, _ = run(text.capitalize())
    (flag,) = [f for f in flags if f.rule in (LONG, HARD, VERY_HARD)]
    assert flag.rule == HARD
    assert "48 words" in flag.message


def test_scores_metrics_and_paragraph_chart():
    text = ("Why Readers Leave\n\nThe cat sat on the mat. It was a warm day.\n\n"
            "Although the negotiators emphasised that a comprehensive settlement remained "
            "achievable, analysts disagreed.")
    doc, _, metrics = run(text)
    scores = metrics["scores"]
    for name in ("flesch_reading_ease", "flesch_kincaid_grade", "gunning_fog", "smog_index",
                 "coleman_liau_index", "automated_readability_index", "dale_chall", "grade"):
        assert isinstance(scores[name], float), name
    assert (scores["words"], scores["sentences"], scores["paragraphs"]) == (23, 3, 2)
    assert scores["reading_time_minutes"] == round(23 / 238, 1)
    chart = metrics["paragraphs"]
    assert [doc.text[p["start"]:p["end"]][:7] for p in chart] == ["The cat", "Althoug"]
    assert [p["words"] for p in chart] == [11, 12]
    assert chart[0]["grade"] < 3 < 12 < chart[1]["grade"]


def test_verdict_reads_as_a_sentence():
    counts = {"very_hard_sentences": 14, "hard_sentences": 0}
    assert verdict({"words": 500, "grade": 11.2}, 9, counts) == \
        "Grade 11.2: harder than your target of 9; 14 sentences are very hard to read."
    counts = {"very_hard_sentences": 1, "hard_sentences": 3}
    assert verdict({"words": 500, "grade": 8.04}, 9, counts) == \
        "Grade 8.0: within your target of 9; 1 sentence is very hard to read and 3 are hard."


def test_empty_document_has_nothing_to_read():
    _, flags, metrics = run("   \n\n  ")
    assert flags == []
    assert metrics["verdict"] == "Nothing to read yet."
    assert metrics["scores"]["words"] == 0 and metrics["paragraphs"] == []


def test_syllables_from_dictionary_and_fallback():
    assert [syllables(w) for w in ("built", "readability", "well-known", "bakhmut's")] == \
        [1, 5, 2, syllables("bakhmut")]
    assert syllables("bakhmut") >= 1


def test_progress_is_reported_and_cancel_stops_the_run():
    seen = []
    doc = document_from_text("The cat sat on the mat. " * 600)
    ReadabilityCheck().run(doc, RunContext(progress=Progress(lambda f, m: seen.append(f))))
    assert len(seen) > 3 and seen == sorted(seen) and seen[-1] == 1.0
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        ReadabilityCheck().run(doc, RunContext(progress=Progress(token=token)))


def test_textstat_scores_with_the_network_switched_off(tmp_path):
    # A fresh interpreter, so nothing is loaded before the sockets are closed.
    script = textwrap.dedent("""
        import json, socket
        def refuse(*args, **kwargs):
            raise OSError("network disabled by the test")
        socket.socket.connect = refuse
        socket.socket.connect_ex = refuse
        socket.create_connection = refuse
        socket.getaddrinfo = refuse
        from reviewdesk.checks.readability_scores import document_scores
        text = ("The battle for the city is far from over. Officials said more help "
                "would come soon. Nobody knew when the fighting would stop.")
        print(json.dumps(document_scores(text, 24, 3, 1)))
    """)
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         timeout=120, cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    scores = json.loads(out.stdout)
    assert 60 < scores["flesch_reading_ease"] < 100
    assert 0 < scores["grade"] < 9 and scores["dale_chall"] > 0


def test_sample_draft_gives_sensible_numbers():
    doc, flags, metrics = run(DRAFT.read_text(encoding="utf-8"))
    scores = metrics["scores"]
    assert 11 < scores["grade"] < 17 and 30 < scores["flesch_reading_ease"] < 55
    assert 2400 < scores["words"] < 2700 and scores["sentences"] > 90
    grade = scores["grade"]
    assert metrics["verdict"].startswith(f"Grade {grade:.1f}: harder than your target of 9")
    rules = {f.rule for f in flags}
    assert {HARD, VERY_HARD, PASSIVE, COMPLEX} <= rules  # its one "very" is inside Borrell's quote
    assert "is believed" in passages(doc, flags, PASSIVE)
    assert passages(doc, flags, COMPLEX).count("in order to") == 3
    headings = [(b.start, b.end) for b in doc.headings]
    assert not [f for f in flags if f.rule in (HARD, VERY_HARD, LONG)
                and (f.start, f.end) in headings]
