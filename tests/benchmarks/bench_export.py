"""Times every export format on a 100,000-word draft with 5,000 accepted flags (target: under 10 s each).

Run: /work/venv/bin/python tests/benchmarks/bench_export.py [--words N] [--flags N] [--keep DIR]

The draft is the first 100,000 words of the corpus novel (real prose, real paragraph lengths).
The review is read back from a real SQLite ReviewStore through build_summary, as the CLI does;
besides the 5,000 accepted flags it has 1,000 pending and 500 dismissed ones, 1,000 flag notes,
200 passage notes and 300 claims. The .docx format is timed twice: on the plain-text draft and on
the same draft saved as a Word file (comments go on a copy of the original).
"""
from __future__ import annotations

import argparse
import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from reviewdesk.core.document import Document, document_from_text  # noqa: E402
from reviewdesk.core.engine import finalise  # noqa: E402
from reviewdesk.core.flags import Flag, Severity, Span  # noqa: E402
from reviewdesk.core.loaders import load_document  # noqa: E402
from reviewdesk.core.settings import Settings  # noqa: E402
from reviewdesk.core.summary import build_summary  # noqa: E402
from reviewdesk.export import FORMATS, export_summary  # noqa: E402
from reviewdesk.storage.records import ClaimRecord  # noqa: E402
from reviewdesk.storage.store import ReviewStore  # noqa: E402

NOVEL = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "pride_and_prejudice.txt"
CATEGORIES = ("grammar", "spelling", "readability", "repetition", "consistency", "sourcing",
              "filler")
REVIEWER = "Олена Коваленко"


def draft(words: int) -> str:
    """The novel's opening, cut at the paragraph where it reaches `words` words.

    Each paragraph's wrapped lines are joined, so the Word copy reads back to the very same text.
    """
    text = NOVEL.read_text(encoding="utf-8").replace("\r\n", "\n")
    paragraphs, count = [], 0
    for para in text.split("\n\n"):
        para = " ".join(para.split())
        if not para:
            continue
        paragraphs.append(para)
        count += len(para.split())
        if count >= words:
            break
    return "\n\n".join(paragraphs) + "\n"


def raw_flags(doc: Document, n: int, rng: random.Random) -> list[Flag]:
    spans = doc.words()
    step = len(spans) / n
    out = []
    for i in range(n):
        w = spans[int(i * step)]
        end = spans[min(len(spans) - 1, int(i * step) + rng.randint(0, 3))].end
        category = CATEGORIES[i % len(CATEGORIES)]
        occurrences = ()
        if category == "repetition":          # multi-place findings, as the repetition check makes
            later = [spans[min(len(spans) - 1, int(i * step) + k * 97)] for k in range(1, 3)]
            occurrences = (Span(w.start, end),) + tuple(Span(s.start, s.end) for s in later)
        out.append(Flag(category, f"{category}.rule{i % 5}", category, w.start, end,
                        f"Finding {i}: “{doc.text[w.start:end]}” needs a look — see the style guide.",
                        Severity(i % 4), suggestions=("a plainer word", "another") if i % 3 else (),
                        occurrences=occurrences))
    return out


def reviewed_store(doc: Document, accepted: int, folder: Path) -> tuple[ReviewStore, object]:
    rng = random.Random(7)
    store = ReviewStore(f"sqlite:///{folder / 'review.db'}")
    record = store.open_document(doc)
    flags = finalise(doc, raw_flags(doc, accepted + 1500, rng), Settings())
    records = store.sync_flags(record, doc, flags, CATEGORIES)
    ids = [f.id for f in records]
    rng.shuffle(ids)
    store.set_statuses(record, ids[:accepted], "accepted", REVIEWER)
    store.set_statuses(record, ids[accepted:accepted + 500], "dismissed", REVIEWER)
    for fid in ids[:1000]:
        store.set_flag_note(record, fid, "Checked against the house style — keep the change.", REVIEWER)
    paragraphs = doc.paragraphs
    for k in range(200):
        block = paragraphs[(k * 7) % len(paragraphs)]
        end = min(block.end, block.start + 40)
        store.add_span_note(record, block.start, end, doc.text[block.start:end],
                            "Rewrite this opening; it repeats the previous paragraph.", "Dana Smith")
    store.add_document_note(record, "Strong material; cut a third before it runs.", REVIEWER)
    claims = []
    for k in range(300):
        w = doc.words()[k * 97]
        claims.append(ClaimRecord(f"c{k}", "person", doc.text[w.start:w.end], w.start, w.end,
                                  doc.text[w.start:w.start + 80], "unchecked", ""))
    store.sync_claims(record, claims)
    grades = [{"start": b.start, "end": b.end, "words": len(doc.words(b.start, b.end)),
               "grade": round(4 + (b.start * 7919 % 1300) / 100, 1)} for b in paragraphs]
    store.save_metrics(record, {"readability": {
        "scores": {"flesch_reading_ease": 61.2, "flesch_kincaid_grade": 9.8, "gunning_fog": 12.1,
                   "grade": 10.2, "words": doc.word_count}, "target_grade": 9.0,
        "paragraphs": grades, "verdict": "Grade 10.2: harder than your target of 9."}})
    return store, record


def word_copy(text: str, path: Path) -> Document:
    import docx

    word = docx.Document()
    for block in document_from_text(text).blocks:
        word.add_paragraph(text[block.start:block.end])
    word.save(path)
    return load_document(path)


def timed(label: str, work) -> object:
    start, cpu = time.perf_counter(), time.process_time()
    result = work()
    wall, used = time.perf_counter() - start, time.process_time() - cpu
    size = ""
    if isinstance(result, Path):
        size = f"{result.stat().st_size / 1e6:8.1f} MB"
    print(f"{label:<28} {wall:7.2f} s wall {used:7.2f} s cpu {size}", flush=True)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=100_000)
    parser.add_argument("--flags", type=int, default=5_000)
    parser.add_argument("--keep", type=Path, help="write the outputs here instead of a temp folder")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        text = draft(args.words)
        doc = document_from_text(text, path=str(folder / "draft.txt"))
        print(f"draft: {doc.word_count:,} words, {len(doc.paragraphs):,} paragraphs; "
              f"setting up the review…", flush=True)
        store, record = reviewed_store(doc, args.flags, Path(tmp))
        summary = timed("build_summary (SQLite)", lambda: build_summary(store, record, doc,
                                                                        reviewer=REVIEWER))
        accepted = len(summary.flags)
        places = sum(len(f.occurrences) or 1 for f in summary.flags)
        print(f"summary: {accepted:,} accepted flags ({places:,} places), "
              f"{len(summary.span_notes)} passage notes, {len(summary.claims)} claims", flush=True)
        for fmt in FORMATS:
            timed(f"export {fmt}", lambda fmt=fmt: export_summary(summary, fmt, folder / f"summary.{fmt}"))
        original = word_copy(text, folder / "draft.docx")
        word_summary = build_summary(store, record, original, reviewer=REVIEWER)
        word_summary.document = type(word_summary.document)(
            str(folder / "draft.docx"), original.title, "docx", original.word_count, original.sha256)
        timed("export docx (on original)", lambda: export_summary(word_summary, "docx",
                                                                  folder / "commented.docx"))
        store.close()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory {peak:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
