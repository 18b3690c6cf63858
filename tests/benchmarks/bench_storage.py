"""Times the review store on a novel with many flags: first sync, re-sync, a revision, listing, decisions.

Run: /work/venv/bin/python tests/benchmarks/bench_storage.py [--flags 20000] [--db URL]
"""
from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from reviewdesk.core.document import document_from_text
from reviewdesk.core.engine import finalise
from reviewdesk.core.flags import Flag
from reviewdesk.core.settings import Settings
from reviewdesk.storage.store import ReviewStore

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "pride_and_prejudice.txt"


PREFIX = "A new first paragraph.\n\n"


def flags_for(doc, count: int, shift: int = 0) -> list[Flag]:
    """`count` flags spread over the words; `shift` puts the same ones on a text with a prefix."""
    words = document_from_text(doc.text[shift:]).words()
    step = max(1, len(words) // count)
    raw = [Flag("bench", f"bench.rule{i % 7}", "style", w.start + shift, w.end + shift,
                "A benchmark finding.", suggestions=("x",)) for i, w in enumerate(words[::step][:count])]
    return finalise(doc, raw, Settings())


def timed(label: str, work):
    started = time.perf_counter()
    result = work()
    print(f"{label:<44} {time.perf_counter() - started:7.3f} s")
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--flags", type=int, default=20000)
    parser.add_argument("--db", default="")
    args = parser.parse_args()
    text = CORPUS.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as folder:
        url = args.db or f"sqlite:///{Path(folder) / 'bench.db'}"
        store = timed("open (create + migrate)", lambda: ReviewStore(url))
        doc = document_from_text(text, path=str(Path(folder) / "novel.txt"))
        revised = document_from_text(PREFIX + text, path=doc.path)
        flags, revised_flags = flags_for(doc, args.flags), flags_for(revised, args.flags, len(PREFIX))
        print(f"{len(text.split()):,} words, {len(flags):,} flags, {store.database_info()}")
        record = timed("open_document", lambda: store.open_document(doc))
        stored = timed("sync_flags, first time (all new)",
                       lambda: store.sync_flags(record, doc, flags, {"bench"}))
        timed("sync_flags, unchanged re-check", lambda: store.sync_flags(record, doc, flags, {"bench"}))
        timed("sync_flags, revision (every offset moved)",
              lambda: store.sync_flags(record, revised, revised_flags, {"bench"}))
        timed("flags()", lambda: store.flags(record))
        ids = [f.id for f in stored[:5000]]
        timed("set_statuses, 5,000 flags", lambda: store.set_statuses(record, ids, "accepted", "bench"))
        timed("set_status, one flag", lambda: store.set_status(record, ids[0], "dismissed", "bench"))
        timed("set_flag_note, one flag", lambda: store.set_flag_note(record, ids[1], "A note.", "bench"))
        timed("state()", lambda: store.state(record))
        store.close()
        timed("reopen (already at head)", lambda: ReviewStore(url).close())


if __name__ == "__main__":
    main()
