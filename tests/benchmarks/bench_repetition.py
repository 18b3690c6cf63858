"""Times the repetition check stage by stage, and measures it on clean news copy with planted defects.

Run: .venv/bin/python tests/benchmarks/bench_repetition.py [FILE ...]
With no arguments it times the draft, the 10k excerpt, the novel and the 1.1M-word file. Times are
CPU seconds of this process (the machine is shared, so wall time drifts); the document's own
segmentation (sentences, quotes) is timed apart, since every check shares it. Stages are timed
with the garbage collector paused, as RepetitionCheck.run pauses it.

Run: .venv/bin/python tests/benchmarks/bench_repetition.py --news [-v]
reads the clean articles in ../shared/corpus/news, prints the default view's repetition flags per
1,000 words by rule, then plants defects of each kind and prints the share found per kind.
"""
from __future__ import annotations

import gc
import resource
import sys
import time
from collections import Counter
from pathlib import Path

from reviewdesk.checks.base import RunContext
from reviewdesk.checks.near_duplicates import find_near_duplicates
from reviewdesk.checks.repeated_phrases import find_repeated_phrases, judge_phrases
from reviewdesk.checks.repetition import RepetitionCheck
from reviewdesk.checks.repetition_words import build_stream, subject_stems
from reviewdesk.checks.sentence_openers import find_openers
from reviewdesk.checks.word_echoes import find_doubled, find_echoes
from reviewdesk.core.document import document_from_text
from reviewdesk.core.layers import is_line_editing
from reviewdesk.core.loaders import load_document

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared" / "corpus"
DEFAULT = [ROOT / "seeds" / "bakhmut-draft.txt", CORPUS / "pride_excerpt_10k.txt",
           CORPUS / "pride_and_prejudice.txt", CORPUS / "gutenberg_1M.txt"]


def _timed(fn, *args, **kwargs):
    started = time.process_time()
    result = fn(*args, **kwargs)
    return result, time.process_time() - started


def bench(path: Path) -> None:
    doc, load_s = _timed(load_document, path)
    _, seg_s = _timed(lambda: (doc.sentences, doc.quotes))
    gc.disable()        # as the check itself does while it runs
    ws, stream_s = _timed(build_stream, doc)
    phrases, phrase_s = _timed(lambda: judge_phrases(ws, find_repeated_phrases(ws)))
    _, doubled_s = _timed(find_doubled, ws)
    subjects, subj_s = _timed(subject_stems, ws)
    _, echo_s = _timed(find_echoes, ws, 50, subjects=subjects)
    _, opener_s = _timed(find_openers, ws, subjects=subjects)
    near, near_s = _timed(find_near_duplicates, ws)
    gc.enable()
    # The whole check three times, the fastest counted: the machine is shared.
    runs = [_timed(lambda: list(RepetitionCheck().run(doc, RunContext()))) for _ in range(3)]
    flags, total_s = min(runs, key=lambda r: r[1])
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{path.name}: {len(ws):,} words, {len(doc.sentences):,} sentences; load {load_s:.2f}s, "
          f"segment {seg_s:.2f}s")
    print(f"  stages: words {stream_s:.2f}s, phrases {phrase_s:.2f}s, doubled {doubled_s:.2f}s, "
          f"subjects {subj_s:.2f}s, echoes {echo_s:.2f}s, openers {opener_s:.2f}s, "
          f"near-duplicates {near_s:.2f}s")
    wording = sum(1 for ph in phrases if ph.kind == "phrase")
    print(f"  whole check: {total_s:.2f}s CPU (best of 3), {len(flags):,} flags ({wording} phrases, "
          f"{len(phrases) - wording} terms, {len(near)} near-duplicate groups); "
          f"peak RSS so far {peak_mb:.0f} MB")


# Stock phrases planted three times each, in sentences of our own. Detection must not rely on any
# list: these are the kind of padding a writer repeats, not entries the check knows.
STOCK = [
    ("at the end of the day", "adverbial"), ("in the coming weeks", "adverbial"),
    ("a significant step forward", "noun"), ("in the long run", "adverbial"),
    ("a step in the right direction", "noun"), ("on a daily basis", "adverbial"),
    ("it remains to be seen", "clause"), ("a wake-up call", "noun"),
    ("in the months ahead", "adverbial"), ("a top priority", "noun"),
    ("as a matter of fact", "adverbial"), ("is here to stay", "predicate"),
    ("a major milestone", "noun"), ("going forward", "adverbial"),
    ("behind closed doors", "adverbial"), ("is far from over", "predicate"),
]
TEMPLATES = {
    "adverbial": ["{P}, the plan will need more support.",
                  "Officials said the figures would be checked again {p}.",
                  "The cost, {p}, falls on ordinary families."],
    "noun": ["Supporters described the change as {p}.",
             "For many residents the decision was {p}.",
             "Critics doubted it would prove {p} for the region."],
    "clause": ["{P} whether the money arrives on time.",
               "Even so, {p} how voters will respond.",
               "{P} if the promise will be kept."],
    "predicate": ["The argument over funding {p}.",
                  "Local leaders warned that the problem {p}.",
                  "For the families involved, the matter {p}."],
}
LINE_RULE_IDS = ("repetition.term", "repetition.paraphrase")


def _news_files() -> list[Path]:
    return sorted(p for p in (CORPUS / "news").glob("*.txt"))


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    doc = document_from_text(text)
    return [(b.start, b.end) for b in doc.paragraphs]


def _default_view(flags) -> list:
    return [f for f in flags if not is_line_editing(f.rule) and f.rule not in LINE_RULE_IDS]


def _insert(text: str, at: int, piece: str) -> str:
    return text[:at] + piece + text[at:]


OPENING = {
    "adverbial": ["{P}, the council will vote on the proposal.", "{P}, prices are expected to settle.",
                  "{P}, the agency plans to hire more staff."],
    "noun": ["It was {p}, the mayor said.", "Many saw the ruling as {p}.",
             "Researchers called the result {p}."],
    "clause": ["{P} whether the league will agree.", "{P} how the court will rule.",
               "{P} what the board decides."],
    "predicate": ["The dispute {p}.", "The recovery {p}, economists said.", "The search {p}."],
}


def plant_stock(text: str, phrase: str, kind: str, templates: dict | None = None
                ) -> tuple[str, list[tuple[int, int]]]:
    """Three sentences carrying `phrase`, appended to three paragraphs spread over the article."""
    templates = templates or TEMPLATES
    paras = _paragraph_spans(text)
    picks = [paras[min(1, len(paras) - 1)], paras[len(paras) // 2], paras[-1]]
    spans: list[tuple[int, int]] = []
    for n, (_, end) in sorted(enumerate(picks), key=lambda x: -x[1][1]):
        template = templates[kind][n]
        sentence = template.replace("{P}", phrase[:1].upper() + phrase[1:]).replace("{p}", phrase)
        at = sentence.lower().index(phrase)
        text = _insert(text, end, " " + sentence)
        shift = len(sentence) + 1
        spans = [(a + shift, b + shift) for a, b in spans]
        spans.append((end + 1 + at, end + 1 + at + len(phrase)))
    return text, spans


def plant_paragraph(text: str, edit: int, single: bool = False) -> tuple[str, list[tuple[int, int]]]:
    """A paragraph pasted again two paragraphs later: edit 0 as it was, 1 with a word added,
    2 with a word changed and another dropped. `single`: a one-sentence paragraph (often a quote)."""
    doc = document_from_text(text)
    count = {b: sum(1 for s in doc.sentences if b.start <= s.start < b.end) for b in doc.paragraphs}
    paras = [b for b in doc.paragraphs[1:] if (count[b] == 1) == single and len(text[b.start:b.end]) > 60]
    if not paras:
        return text, []
    src = paras[len(paras) // 3]
    words = text[src.start:src.end].split(" ")
    i = len(words) // 2
    if edit == 1:
        words[i] = "really " + words[i]
    elif edit == 2:
        words[i] = "several" if words[i][:1].islower() else "Several"
        del words[max(0, i - 3)]
    copy = " ".join(words)
    later = [b for b in doc.paragraphs if b.start > src.end]
    at = later[min(1, len(later) - 1)].end if later else src.end
    text = _insert(text, at, "\n\n" + copy)
    return text, [(src.start, src.end), (at + 2, at + 2 + len(copy))]


def plant_doubled(text: str, variant: int) -> tuple[str, list[tuple[int, int]]]:
    """"the the" in a paragraph, or "to\nto" across a line break."""
    word = (" the ", " to ")[variant]
    paras = _paragraph_spans(text)
    for start, end in paras[len(paras) // 2:] + paras:
        at = text.find(word, start, end)
        if at >= 0:
            break
    else:
        return text, []
    w = word.strip()
    piece = f" {w} {w} " if variant == 0 else f" {w}\n{w} "
    return text[:at] + piece + text[at + len(word):], [(at + 1, at + len(piece) - 1)]


def _found(flags, spans, rules: tuple[str, ...], need: int) -> bool:
    for f in _default_view(flags):
        if f.rule.split(".")[0] != "repetition" or (rules and f.rule not in rules):
            continue
        hit = sum(1 for a, b in spans if any(p.start < b and a < p.end for p in f.places))
        if hit >= need:
            return True
    return False


def _check(text: str) -> list:
    return list(RepetitionCheck().run(document_from_text(text), RunContext()))


def bench_news(verbose: bool = False) -> None:
    files = _news_files()
    words = 0
    by_rule: Counter[str] = Counter()
    for path in files:
        text = path.read_text(encoding="utf-8")
        doc = document_from_text(text)
        words += doc.word_count
        for f in _default_view(_check(text)):
            by_rule[f.rule] += 1
            if verbose:
                places = " || ".join(text[p.start:p.end][:60] for p in f.places[:3])
                print(f"  {path.stem[:32]} {f.rule} {f.severity.label}: {f.message} | {places}")
    total = sum(by_rule.values())
    print(f"clean news copy: {len(files)} files, {words:,} words; default view "
          f"{total * 1000 / words:.2f} repetition flags per 1,000 words")
    for rule, n in by_rule.most_common():
        print(f"  {rule}: {n} ({n * 1000 / words:.2f} per 1,000)")
    kinds: dict[str, list[bool]] = {"stock phrase x3": [], "stock phrase x3 in a 2,000-word draft": [],
                                    "duplicated paragraph": [], "doubled word": []}
    texts = [path.read_text(encoding="utf-8") for path in files]
    for k, path in enumerate(files):
        text = texts[k]
        # Four articles in one: a longer draft, where chance repetition is likelier.
        long_text = "\n\n".join(texts[(k + i) % len(texts)] for i in range(4))
        for j in range(2):
            phrase, kind = STOCK[(2 * k + j) % len(STOCK)]
            for name, base, templates in (("stock phrase x3", text, TEMPLATES if j == 0 else OPENING),
                                          ("stock phrase x3 in a 2,000-word draft", long_text, None)):
                planted, spans = plant_stock(base, phrase, kind, templates)
                ok = _found(_check(planted), spans, ("repetition.phrase",), 3)
                kinds[name].append(ok)
                if verbose and not ok:
                    print(f"  missed stock phrase {phrase!r} ({name}) in {path.stem}")
            for edit in range(3):
                planted, spans = plant_paragraph(text, edit, single=bool(j))
                if not spans:
                    continue
                ok = _found(_check(planted), spans, (), 2)
                kinds["duplicated paragraph"].append(ok)
                if verbose and not ok:
                    print(f"  missed duplicated paragraph (edit {edit}, single {j}) in {path.stem}")
            planted, spans = plant_doubled(text, j)
            if spans:
                ok = _found(_check(planted), spans, ("repetition.doubled",), 1)
                kinds["doubled word"].append(ok)
                if verbose and not ok:
                    print(f"  missed doubled word (variant {j}) in {path.stem}")
    for kind, hits in kinds.items():
        print(f"planted {kind}: {sum(hits)} of {len(hits)} found ({sum(hits) / max(1, len(hits)):.2f})")


def main(argv: list[str]) -> None:
    if argv and argv[0] == "--news":
        bench_news(verbose="-v" in argv)
        return
    for name in argv or [str(p) for p in DEFAULT]:
        path = Path(name)
        if path.exists():
            bench(path)
        else:
            print(f"{path}: not found, skipped")


if __name__ == "__main__":
    main(sys.argv[1:])
