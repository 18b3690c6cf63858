"""Times `reviewdesk check` as a user runs it: the sample draft and the novel, first run and re-check,
how long the database sync takes, and how the run grows from 10k to 121k (and 1.1M) words.

    /work/venv/bin/python tests/benchmarks/bench_cli.py                 # sample draft + novel, all checks
    /work/venv/bin/python tests/benchmarks/bench_cli.py --checks readability,repetition --scaling
    /work/venv/bin/python tests/benchmarks/bench_cli.py --scaling --million   # adds the 1.1M-word file

Each run is a fresh `reviewdesk` process on a fresh SQLite database in a temporary folder (the
re-check reuses it), so the numbers include start-up, loading, every check and the database sync.
The sync is timed again in-process (ReviewStore.sync_flags of the run's flags): first write, unchanged
re-sync, and after a paragraph is added at the top.
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "seeds" / "bakhmut-draft.txt"
CORPUS = REPO.parent / "shared" / "corpus"
EXE = Path(sys.executable).with_name("reviewdesk")


def run_cli(path: Path, db: Path, checks: str | None) -> tuple[float, int, dict]:
    argv = [str(EXE), "check", str(path), "--format", "json", "--db", str(db)]
    if checks:
        argv.append(f"--checks={checks}")
    started = time.perf_counter()
    done = subprocess.run(argv, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode not in (0, 1):
        raise SystemExit(f"reviewdesk failed on {path.name}: {done.stderr.strip()}")
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, peak_kb, json.loads(done.stdout)


def per_check(data: dict) -> str:
    return ", ".join(f"{c['id']} {c['seconds']:.2f}" for c in data["checks"])


def time_sync(path: Path, checks: str | None) -> None:
    """The database part alone: the engine's flags written, re-written unchanged, and revised."""
    from reviewdesk.core.document import document_from_text
    from reviewdesk.core.engine import Engine
    from reviewdesk.core.loaders import load_document
    from reviewdesk.core.settings import Settings
    from reviewdesk.storage.store import ReviewStore

    settings = Settings(enabled=tuple(checks.split(","))) if checks else Settings()
    doc = load_document(path)
    report = Engine().run(doc, settings)
    ran = report.ran_ok()
    revised = document_from_text("A paragraph added at the top.\n\n" + doc.text, path=doc.path)
    revised_flags = Engine().run(revised, settings).flags
    with tempfile.TemporaryDirectory() as folder, ReviewStore(str(Path(folder) / "s.db")) as store:
        record = store.open_document(doc)
        for label, d, flags in (("first sync", doc, report.flags), ("unchanged re-sync", doc, report.flags),
                                ("revised sync", revised, revised_flags)):
            started = time.perf_counter()
            store.sync_flags(record, d, flags, ran, listed=False)
            print(f"    {label:<18} {len(flags):6d} flags  {time.perf_counter() - started:6.2f} s")
        started = time.perf_counter()
        listed = store.flags(record)
        print(f"    {'listing':<18} {len(listed):6d} flags  {time.perf_counter() - started:6.2f} s")


def bench(path: Path, checks: str | None, sync: bool) -> None:
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "review.db"
        first, peak, data = run_cli(path, db, checks)
        again, _, data2 = run_cli(path, db, checks)
    words = data["document"]["words"]
    print(f"{path.name}: {words:,} words, {len(data['flags'])} flags")
    print(f"    first run  {first:6.2f} s  ({words / first:,.0f} words/s)  [{per_check(data)}]")
    print(f"    re-check   {again:6.2f} s  [{per_check(data2)}]")
    print(f"    peak memory of the largest child so far {peak / 1024:,.0f} MB")
    if sync:
        time_sync(path, checks)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--checks", default=None, help="check ids (default: all)")
    parser.add_argument("--scaling", action="store_true", help="also the 10k-word excerpt")
    parser.add_argument("--million", action="store_true", help="also the 1.1M-word file (slow)")
    parser.add_argument("--no-sync", action="store_true", help="skip the in-process sync timing")
    args = parser.parse_args()
    files = [SEED]
    if args.scaling:
        files.append(CORPUS / "pride_excerpt_10k.txt")
    files.append(CORPUS / "pride_and_prejudice.txt")
    if args.million:
        files.append(CORPUS / "gutenberg_1M.txt")
    print(f"checks: {args.checks or 'all'}")
    for path in files:
        bench(path, args.checks, sync=not args.no_sync)


if __name__ == "__main__":
    main()
