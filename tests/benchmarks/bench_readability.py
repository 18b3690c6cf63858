"""Times the readability check on the corpus novel: cold (dictionary load included), edited, unchanged.

Run: /work/venv/bin/python tests/benchmarks/bench_readability.py [FILE ...] [--all]
With no FILE it times the 121,000-word novel; --all adds the 10k excerpt and the 1.1M-word file.
"""
from __future__ import annotations

import argparse
import resource
import time
from pathlib import Path

from reviewdesk.checks.base import RunContext
from reviewdesk.checks.readability import ReadabilityCheck
from reviewdesk.core.document import document_from_text

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
NOVEL = CORPUS / "pride_and_prejudice.txt"
OTHERS = [CORPUS / "pride_excerpt_10k.txt", CORPUS / "gutenberg_1M.txt"]


def _timed_run(check: ReadabilityCheck, text: str) -> tuple[float, float, int, dict]:
    doc = document_from_text(text)
    doc.sentences  # segmentation belongs to the document model, not to this check
    doc.quotes
    ctx = RunContext()
    start, cpu = time.perf_counter(), time.process_time()
    flags = list(check.run(doc, ctx))
    # CPU time too: on a shared machine wall time also measures the neighbours.
    return time.perf_counter() - start, time.process_time() - cpu, len(flags), ctx.metrics


def bench(path: Path, check: ReadabilityCheck) -> None:
    text = path.read_text(encoding="utf-8")
    cold, cold_cpu, n_flags, metrics = _timed_run(check, text)
    # An edit at the end: new text for textstat, warm dictionaries and syllable cache.
    edited, edited_cpu, _, _ = _timed_run(check, text + "\n\nOne more short paragraph was added.")
    again, again_cpu, _, _ = _timed_run(check, text)
    words = metrics["scores"]["words"]
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{path.name}: {words:,} words, {n_flags:,} flags, peak RSS {peak:.0f} MB\n"
          f"  first run (loads the dictionary) {cold:.2f} s wall / {cold_cpu:.2f} s CPU\n"
          f"  after an edit {edited:.2f} s wall / {edited_cpu:.2f} s CPU "
          f"({words / edited_cpu:,.0f} words per CPU second)\n"
          f"  unchanged {again:.2f} s wall / {again_cpu:.2f} s CPU")
    print(f"  {metrics['verdict']}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--all", action="store_true", help="also the 10k and 1.1M-word files")
    args = parser.parse_args()
    files = args.files or [NOVEL] + (OTHERS if args.all else [])
    check = ReadabilityCheck()
    for path in files:
        bench(path, check)


if __name__ == "__main__":
    main()
