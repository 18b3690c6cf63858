"""Sentences, quotes, line/column and fingerprints on the document model."""
from __future__ import annotations

import subprocess
import sys

from reviewdesk.core.document import document_from_text
from reviewdesk.core.engine import finalise
from reviewdesk.core.flags import Flag, fingerprint
from reviewdesk.core.segment import split_sentences
from reviewdesk.core.settings import Settings


def _sentences(text):
    return [text[s.start:s.end] for s in split_sentences(text)]


def test_sentences_respect_abbreviations_and_quotes():
    text = ('In October 2020, a top U.S. official stated it. Mr. Smith agreed. '
            '"It is not over yet," he said. Then J. R. Jones left. Nobody knew.')
    assert _sentences(text) == [
        "In October 2020, a top U.S. official stated it.", "Mr. Smith agreed.",
        '"It is not over yet," he said.', "Then J. R. Jones left.", "Nobody knew."]


def test_sentence_split_basic():
    assert _sentences("One. Two! Three? \u201cFour.\u201d Five") == [
        "One.", "Two!", "Three?", "\u201cFour.\u201d", "Five"]


def test_heading_without_punctuation_is_its_own_sentence():
    doc = document_from_text("Big Title\n\nFirst sentence here. Second one.\n\nSub Head\n\nLast.")
    assert [doc.text[s.start:s.end] for s in doc.sentences] == [
        "Big Title", "First sentence here.", "Second one.", "Sub Head", "Last."]


def test_quotes_and_in_quote():
    text = 'He said \u201cthe war is far from over\u201d and "we will win" today.'
    doc = document_from_text(text)
    assert [text[q.start:q.end] for q in doc.quotes] == ["\u201cthe war is far from over\u201d", '"we will win"']
    i = text.index("far from")
    assert doc.in_quote(i, i + 13)
    assert not doc.in_quote(0, 7)


def test_line_col_counts_code_points():
    doc = document_from_text("ab\n\U0001F600cd\nef")
    assert doc.line_col(0) == (1, 1)
    assert doc.line_col(4) == (2, 2)   # the emoji is one code point
    assert doc.line_col(8) == (3, 2)


def test_fingerprint_ignores_offsets_but_not_context():
    a = document_from_text("One two three. The the cat sat down.")
    b = document_from_text("Something else entirely comes first.\n\nOne two three. The the cat sat down.")
    fa = Flag("repetition", "repetition.doubled", "repetition", 15, 22, "Doubled word")
    i = b.text.index("The the")
    fb = Flag("repetition", "repetition.doubled", "repetition", i, i + 7, "Doubled word")
    assert fingerprint(fa, a.text) == fingerprint(fb, b.text)
    c = document_from_text("One two three. The the dog ran off.")
    assert fingerprint(fa, a.text) != fingerprint(fa, c.text)


def test_finalise_gives_unique_ids_to_identical_findings():
    doc = document_from_text("the the. the the.")
    flags = [Flag("repetition", "repetition.doubled", "repetition", 0, 7, "x"),
             Flag("repetition", "repetition.doubled", "repetition", 9, 16, "x")]
    out = finalise(doc, flags, Settings())
    assert len({f.id for f in out}) == 2 and all(len(f.id) == 8 for f in out)


def test_finalise_drops_ignored_rules_and_dictionary_words():
    doc = document_from_text("Bakhmut is here.")
    flags = [Flag("grammar", "grammar.spelling", "spelling", 0, 7, "Misspelt"),
             Flag("grammar", "grammar.style", "grammar", 8, 10, "Style")]
    out = finalise(doc, flags, Settings(dictionary=frozenset({"bakhmut"}),
                                        ignored_rules=frozenset({"grammar.style"})))
    assert out == []


def test_core_imports_no_qt():
    code = ("import sys, reviewdesk.core.engine, reviewdesk.checks, reviewdesk.storage.records, "
            "reviewdesk.cli.main, reviewdesk.service\n"
            "from reviewdesk.checks import builtin_checks\nbuiltin_checks()\n"
            "bad = [m for m in sys.modules if m.startswith('PySide6')]\n"
            "assert not bad, bad\nprint('clean')")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert "clean" in out.stdout


def test_quote_opened_curly_and_closed_straight():
    text = 'He noted \u201cthe risks are very real". Then he left.'
    doc = document_from_text(text)
    assert [text[q.start:q.end] for q in doc.quotes] == ['\u201cthe risks are very real"']


def test_quote_across_a_hard_wrapped_line_but_not_a_blank_line():
    text = '\u201cI am not\nat all sure,\u201d said she.\n\n\u201cOpen\n\nnever closed.'
    doc = document_from_text(text)
    assert [text[q.start:q.end] for q in doc.quotes] == ['\u201cI am not\nat all sure,\u201d']


def test_echo_fingerprint_follows_its_own_place():
    from reviewdesk.core.flags import Span
    a = document_from_text("The war went on. The war, they said, went on and on.")
    b = document_from_text("Peace came. The war went on. The war, they said, went on and on.")
    def echo(doc, nth):
        starts = [i for i in range(len(doc.text)) if doc.text.startswith("war", i)]
        return Flag("repetition", "repetition.echo", "repetition", starts[nth], starts[nth] + 3, "echo",
                    occurrences=(Span(starts[0], starts[0] + 3), Span(starts[nth], starts[nth] + 3)))
    assert fingerprint(echo(a, 1), a.text) == fingerprint(echo(b, 1), b.text)
    phrase = Flag("repetition", "repetition.phrase", "repetition", 4, 7, "p", key="the war")
    assert fingerprint(phrase, a.text) == fingerprint(phrase, b.text)


def test_pickled_document_keeps_its_fields_and_counted_spans():
    import pickle

    from reviewdesk.core.document import Document

    doc = document_from_text("Title\n\nHe said \u201cit\u2019s fine.\u201d Then he left.\n\nA second paragraph.")
    counted = (doc.sentences, doc.quotes, doc.word_count)
    copy = pickle.loads(pickle.dumps(doc))
    assert isinstance(copy, Document) and copy == doc
    assert (copy.sentences, copy.quotes, copy.word_count) == counted
    # Spans come back already counted: nothing is split again after the copy crosses a process.
    assert {"sentences", "quotes", "word_count"} <= set(copy.__dict__)
    assert copy.blocks == doc.blocks and len(copy.blocks) == 3


def test_pickled_document_not_yet_counted_counts_later():
    import pickle

    doc = document_from_text("One sentence. Two sentences.")
    copy = pickle.loads(pickle.dumps(doc))
    assert "sentences" not in copy.__dict__
    assert copy.sentences == doc.sentences
