"""Grammar benchmark: the share of wrong sentences that get a flag, and of corrected ones (false alarms).

Runs the grammar check (Harper alone, and Harper merged with LanguageTool when one is reachable)
over sentence pairs, each sentence as its own draft:

    /work/venv/bin/python tests/benchmarks/bench_grammar.py
    /work/venv/bin/python tests/benchmarks/bench_grammar.py --languagetool-url http://127.0.0.1:8081
    /work/venv/bin/python tests/benchmarks/bench_grammar.py --jfleg /path/to/jfleg/test

The built-in set is tests/benchmarks/data/grammar-pairs.tsv (written for this project, labelled
with ERRANT error types). --jfleg reads a local copy of the public JFLEG corpus (Napoles,
Sakaguchi and Tetreault, EACL 2017; CC BY-NC-SA 4.0, so not shipped here): DIR/test.src and one
reference file (test.ref0 by default, --jfleg-ref to choose). Only pairs whose reference differs
from the source count.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from collections import defaultdict
from pathlib import Path

from reviewdesk.checks.base import RunContext
from reviewdesk.checks.grammar import GrammarCheck
from reviewdesk.checks.grammar_lt_local import installed_jar, java_problem
from reviewdesk.core.document import document_from_text
from reviewdesk.core.settings import Settings

PAIRS = Path(__file__).resolve().parent / "data" / "grammar-pairs.tsv"


def builtin_pairs() -> list[tuple[str, str, str]]:
    rows = []
    for line in PAIRS.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            kind, wrong, right = line.split("\t")
            rows.append((kind, wrong, right))
    return rows


def jfleg_pairs(folder: Path, ref: str) -> list[tuple[str, str, str]]:
    sources = (folder / "test.src").read_text(encoding="utf-8").splitlines()
    refs = (folder / ref).read_text(encoding="utf-8").splitlines()
    return [("JFLEG", s.strip(), r.strip()) for s, r in zip(sources, refs)
            if s.strip() and r.strip() and " ".join(s.split()) != " ".join(r.split())]


def flagged(check: GrammarCheck, text: str, settings: Settings) -> tuple[bool, list[str]]:
    ctx = RunContext(settings=settings)
    flags = list(check.run(document_from_text(text), ctx))
    problems = [n for n in ctx.notices if n.startswith("LanguageTool")]   # not the dialect notice
    if problems:
        raise SystemExit(f"LanguageTool problem: {problems[0]}")
    return bool(flags), [f"{text[f.start:f.end]!r} {f.rule}" for f in flags]


def measure(check: GrammarCheck, pairs, settings: Settings, show: bool) -> dict:
    caught, alarms, by_kind = [], [], defaultdict(lambda: [0, 0])
    started = time.perf_counter()
    for kind, wrong, right in pairs:
        hit, _ = flagged(check, wrong, settings)
        alarm, why = flagged(check, right, settings)
        caught.append(hit)
        alarms.append(alarm)
        by_kind[kind][0] += hit
        by_kind[kind][1] += 1
        if show and not hit:
            print(f"  missed   [{kind}] {wrong}")
        if show and alarm:
            print(f"  alarm    [{kind}] {right}  <- {'; '.join(why)}")
    return {"n": len(pairs), "caught": caught, "alarms": alarms, "by_kind": dict(by_kind),
            "seconds": time.perf_counter() - started}


def report(name: str, engine: str, result: dict) -> None:
    n = result["n"]
    print(f"{name:<10} {engine:<34} n={n:<4} wrong flagged {sum(result['caught']) / n:6.1%}   "
          f"corrected flagged (false alarms) {sum(result['alarms']) / n:6.1%}   "
          f"({result['seconds']:.1f} s)")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--languagetool-url", default=os.environ.get("REVIEWDESK_LANGUAGETOOL_URL", ""))
    p.add_argument("--jfleg", type=Path, help="folder holding JFLEG's test.src and references")
    p.add_argument("--jfleg-ref", default="test.ref0")
    p.add_argument("--language", default="en-US")
    p.add_argument("--show", action="store_true", help="list misses and false alarms")
    p.add_argument("--by-type", action="store_true", help="catches per ERRANT type (built-in set)")
    args = p.parse_args(argv)

    sets = [("built-in", builtin_pairs())]
    if args.jfleg:
        sets.append(("JFLEG", jfleg_pairs(args.jfleg, args.jfleg_ref)))
    base = Settings(enabled=("grammar",), language=args.language)
    engines = [("harper", base.with_(grammar_engine="harper"))]
    if args.languagetool_url:
        engines.append(("harper + languagetool (server)", base.with_(languagetool_url=args.languagetool_url)))
    elif installed_jar() is not None and java_problem() is None:
        engines.append(("harper + languagetool (local)", base))
    else:
        print("LanguageTool: not reachable here (no --languagetool-url, no local LanguageTool): "
              "Harper alone.", file=sys.stderr)

    check = GrammarCheck()
    try:
        for name, pairs in sets:
            results = {}
            for engine, settings in engines:
                results[engine] = measure(check, pairs, settings, args.show)
                report(name, engine, results[engine])
                if args.by_type and name == "built-in":
                    for kind, (hit, total) in sorted(results[engine]["by_kind"].items()):
                        print(f"    {kind:<10} {hit}/{total}")
            if len(results) == 2:
                (_, alone), (_, merged) = results.items()
                lost = sum(a and not m for a, m in zip(alone["caught"], merged["caught"]))
                print(f"{name:<10} merged loses {lost} of Harper's catches")
    finally:
        check.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
