"""Times the repetition check, stage by stage, on the sample draft and the long corpus files.

Run: /work/venv/bin/python tests/benchmarks/bench_repetition.py [FILE ...]
With no arguments it times the draft, the 10k excerpt, the novel and the 1.1M-word file. Times are
CPU seconds of this process (the machine is shared, so wall time drifts); the document's own
segmentation (sentences, quotes) is timed apart, since every check shares it. Stages are timed
with the garbage collector paused, as RepetitionCheck.run pauses it.
"""
from __future__ import annotations

import gc
import resource
import sys
import time
from pathlib import Path

from reviewdesk.checks.base import RunContext
from reviewdesk.checks.near_duplicates import find_near_duplicates
from reviewdesk.checks.repeated_phrases import find_repeated_phrases
from reviewdesk.checks.repetition import RepetitionCheck
from reviewdesk.checks.repetition_words import build_stream, subject_stems
from reviewdesk.checks.sentence_openers import find_openers
from reviewdesk.checks.word_echoes import find_doubled, find_echoes
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
    phrases, phrase_s = _timed(find_repeated_phrases, ws)
    _, doubled_s = _timed(find_doubled, ws)
    subjects, subj_s = _timed(subject_stems, ws)
    _, echo_s = _timed(find_echoes, ws, 50, subjects=subjects)
    _, opener_s = _timed(find_openers, ws, subjects=subjects)
    near, near_s = _timed(find_near_duplicates, ws)
    gc.enable()
    flags, total_s = _timed(lambda: list(RepetitionCheck().run(doc, RunContext())))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{path.name}: {len(ws):,} words, {len(doc.sentences):,} sentences; load {load_s:.2f}s, "
          f"segment {seg_s:.2f}s")
    print(f"  stages: words {stream_s:.2f}s, phrases {phrase_s:.2f}s, doubled {doubled_s:.2f}s, "
          f"subjects {subj_s:.2f}s, echoes {echo_s:.2f}s, openers {opener_s:.2f}s, "
          f"near-duplicates {near_s:.2f}s")
    print(f"  whole check: {total_s:.2f}s CPU, {len(flags):,} flags ({len(phrases)} phrases, "
          f"{len(near)} near-duplicate groups); peak RSS so far {peak_mb:.0f} MB")


def main(argv: list[str]) -> None:
    for name in argv or [str(p) for p in DEFAULT]:
        path = Path(name)
        if path.exists():
            bench(path)
        else:
            print(f"{path}: not found, skipped")


if __name__ == "__main__":
    main(sys.argv[1:])
