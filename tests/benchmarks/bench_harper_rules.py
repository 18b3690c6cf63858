"""Harper's rules on edited prose: every rule's flags on clean copy and the sample draft, with examples.

    python tests/benchmarks/bench_harper_rules.py                 # summary and per-rule table
    python tests/benchmarks/bench_harper_rules.py --raw           # Harper's own lints, before our decisions
    python tests/benchmarks/bench_harper_rules.py --examples 3    # show up to 3 passages per rule
    python tests/benchmarks/bench_harper_rules.py --sentences     # also: correct sentences, one per draft
    python tests/benchmarks/bench_harper_rules.py --own           # also: our own name/typo sentences

Clean copy is /work/shared/corpus/news/*.txt (real published articles) and tests/data/clean/*.txt
(public-domain prose); every flag there is a false alarm or a house-style remark. The sample
draft (seeds/bakhmut-draft.txt) has real errors. The table is what resources/grammar/harper-rules.toml
records beside each decision. "default view" drops line-editing rules (core/layers.py), as the
product's default does. --sentences checks every corpus sentence as its own draft (the shape of a
public set of corrected web sentences) and prints the share with any grammar or spelling flag.
"""
from __future__ import annotations

import argparse
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

from reviewdesk.checks.base import RunContext
from reviewdesk.checks.grammar import GrammarCheck
from reviewdesk.core.document import document_from_text
from reviewdesk.core.layers import is_line_editing
from reviewdesk.core.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
NEWS = Path("/work/shared/corpus/news")
CLEAN = ROOT / "tests" / "data" / "clean"
SAMPLE = ROOT / "seeds" / "bakhmut-draft.txt"
OWN = ROOT / "tests" / "benchmarks" / "data" / "names-sentences.tsv"


def _texts(folder: Path) -> list[tuple[str, str]]:
    return [(p.name, p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.txt"))
            if p.name not in {"README.txt", "SOURCES.txt"}] if folder.is_dir() else []


def run_grammar(check: GrammarCheck, text: str, settings: Settings):
    doc = document_from_text(text)
    ctx = RunContext(settings=settings)
    return doc, list(check.run(doc, ctx)), ctx


def raw_lints(check: GrammarCheck, text: str, language: str):
    doc = document_from_text(text)
    out = []
    for block in doc.blocks:
        chunk = text[block.start:block.end]
        for lint in check.harper.lint_text(chunk, language):
            out.append((f"{lint.kind}/{lint.rule_name}", chunk[lint.start:lint.end], chunk, lint.start))
    return doc, out


def _context(text: str, start: int, end: int) -> str:
    lo, hi = max(0, start - 40), min(len(text), end + 40)
    return " ".join((text[lo:start] + "[" + text[start:end] + "]" + text[end:hi]).split())


def table(check: GrammarCheck, sets: dict[str, list[tuple[str, str]]], raw: bool, examples: int,
          settings: Settings) -> None:
    counts: dict[str, Counter] = {name: Counter() for name in sets}
    words = {name: 0 for name in sets}
    shown: dict[str, list[str]] = defaultdict(list)
    severity: dict[str, str] = {}
    errors: Counter = Counter()
    dialects: Counter = Counter()
    for name, texts in sets.items():
        for fname, text in texts:
            if raw:
                doc, lints = raw_lints(check, text, "en-US")
                words[name] += doc.word_count
                for rule, word, chunk, start in lints:
                    counts[name][rule] += 1
                    if len(shown[rule]) < examples and name != "sample":
                        shown[rule].append(f"{fname[:28]}: {_context(chunk, start, start + len(word))}")
                continue
            doc, flags, ctx = run_grammar(check, text, settings)
            dialects[ctx.metrics.get("dialect", "?")] += 1
            words[name] += doc.word_count
            for f in flags:
                counts[name][f.rule] += 1
                severity[f.rule] = f.severity.name.lower()
                errors[name] += f.severity.name == "ERROR"
                if len(shown[f.rule]) < examples and name != "sample":
                    shown[f.rule].append(f"{fname[:28]}: {_context(text, f.start, f.end)}")
    names = list(sets)
    print(f"{'rule':<58}" + "".join(f"{n:>14}" for n in names) + "   sev")
    print(f"{'(words)':<58}" + "".join(f"{words[n]:>14}" for n in names))
    for n in names:
        total = sum(counts[n].values())
        default = sum(c for r, c in counts[n].items() if not is_line_editing(r))
        spelling = sum(c for r, c in counts[n].items() if ".spelling." in r or r.startswith("Spelling/"))
        print(f"  {n}: {total} flags = {1000 * total / max(1, words[n]):.1f}/1k words; default view "
              f"{1000 * default / max(1, words[n]):.1f}/1k; spelling {1000 * spelling / max(1, words[n]):.2f}/1k"
              + (f"; {errors[n]} at severity error" if not raw else ""))
    if dialects:
        print(f"  dialects detected: {dict(dialects)}")
    rules = sorted({r for c in counts.values() for r in c}, key=lambda r: -sum(c[r] for c in counts.values()))
    for rule in rules:
        print(f"{rule[:58]:<58}" + "".join(f"{counts[n][rule]:>14}" for n in names)
              + f"   {severity.get(rule, '')}")
        for line in shown[rule]:
            print(f"      {line[:150]}")


def sentences(check: GrammarCheck, texts: list[tuple[str, str]], settings: Settings, show: bool) -> None:
    total = hit = 0
    by_rule: Counter = Counter()
    started = time.perf_counter()
    for fname, text in texts:
        doc = document_from_text(text)
        for block in doc.blocks:
            if block.is_heading:
                continue
            for s in doc.sentences:
                if not (block.start <= s.start < block.end):
                    continue
                sentence = text[s.start:s.end].strip()
                if len(sentence.split()) < 4:
                    continue
                total += 1
                _, flags, _ = run_grammar(check, sentence, settings)
                flags = [f for f in flags if not is_line_editing(f.rule)]
                if flags:
                    hit += 1
                    by_rule.update({f.rule for f in flags})
                    if show:
                        print("   ", "; ".join(f"{sentence[f.start:f.end]!r} {f.rule}" for f in flags),
                              "|", sentence[:110])
    print(f"sentences: {hit} of {total} correct sentences get a grammar/spelling flag "
          f"({hit / max(1, total):.1%}) in {time.perf_counter() - started:.0f} s")
    for rule, n in by_rule.most_common(25):
        print(f"    {n:>4}  {rule}")


def own(check: GrammarCheck, settings: Settings) -> None:
    """Names and acronyms in sentences written for this project, and typos beside them."""
    rows = [line.split("\t", 1) for line in OWN.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]
    alarms, caught = [], []
    for kind, sentence in rows:
        _, flags, _ = run_grammar(check, sentence, settings)
        flags = [f for f in flags if not is_line_editing(f.rule)]
        (alarms if kind == "ok" else caught).append((bool(flags), sentence, flags))
    print(f"own sentences: {sum(a for a, _, _ in alarms)} of {len(alarms)} correct ones flagged; "
          f"{sum(c for c, _, _ in caught)} of {len(caught)} typos caught")
    for hit, sentence, flags in alarms:
        if hit:
            print("    alarm ", "; ".join(f"{sentence[f.start:f.end]!r} {f.rule}" for f in flags), "|", sentence)
    for hit, sentence, _ in caught:
        if not hit:
            print("    missed", sentence)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--raw", action="store_true", help="Harper's lints before ReviewDesk's decisions")
    p.add_argument("--examples", type=int, default=0)
    p.add_argument("--sentences", action="store_true")
    p.add_argument("--show", action="store_true", help="with --sentences: list flagged sentences")
    p.add_argument("--own", action="store_true", help="our own sentences with names, and typos")
    p.add_argument("--language", default=Settings.language)
    args = p.parse_args(argv)
    sets = {"news": _texts(NEWS), "clean": _texts(CLEAN),
            "sample": [(SAMPLE.name, SAMPLE.read_text(encoding="utf-8"))]}
    if not sets["news"]:
        print(f"{NEWS} not found: news corpus skipped", file=sys.stderr)
    settings = Settings(grammar_engine="harper", language=args.language)
    check = GrammarCheck()
    table(check, sets, args.raw, args.examples, settings)
    if args.sentences:
        sentences(check, sets["news"], settings, args.show)
    if args.own:
        own(check, settings)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
