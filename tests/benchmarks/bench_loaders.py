"""Bad drafts: each opened in a fresh process, timed, its peak memory and its one line recorded.

    python tests/benchmarks/bench_loaders.py [folder]      (writes the corpus there first)

For every file of make_bad_drafts.py: wall time and peak RSS of load_document in its own process,
and what `reviewdesk check` prints for the ones refused (one line on stderr, exit 2), with the
review database checked intact afterwards. Also times the council story in every format and
compares the two HTML extractors measured for issue 16 on the saved page.
"""
from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_bad_drafts import write_all  # noqa: E402

_PROBE = r"""
import json, resource, sys, time
t = time.perf_counter()
from reviewdesk.core.loaders import load_document
from reviewdesk.core.errors import InputError
try:
    d = load_document(sys.argv[1])
    out = {"ok": True, "chars": len(d.text), "blocks": len(d.blocks), "notices": list(d.notices)}
except InputError as e:
    out = {"ok": False, "error": str(e)}
out["seconds"] = time.perf_counter() - t
out["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(out))
"""


def probe(path: Path) -> dict:
    started = time.perf_counter()
    run = subprocess.run([sys.executable, "-c", _PROBE, str(path)], capture_output=True, text=True,
                         timeout=120)
    try:
        out = json.loads(run.stdout.strip().splitlines()[-1])
    except (IndexError, json.JSONDecodeError):
        out = {"ok": False, "error": "CRASH " + run.stderr.strip().splitlines()[-1] if run.stderr else "?"}
    out["wall"] = time.perf_counter() - started
    return out


def cli(path: Path, db: Path) -> tuple[int, str]:
    run = subprocess.run([sys.executable, "-m", "reviewdesk", "check", str(path), "--db",
                          f"sqlite:///{db}", "--engine", "off", "--checks", "readability"],
                         capture_output=True, text=True, timeout=300)
    return run.returncode, run.stderr.strip()


DRAFTS = Path(__file__).resolve().parents[1] / "data" / "drafts"
# Per saved page: phrases of the article (each must be kept) and of its furniture (each must go).
PAGES = {
    "council-page.html": (
        ["Harbourside council approves", "By Priya Natarajan", "Waves break over", "Harbourside District Council has",
         "Councillors voted 31", "We cannot leave", "The work in three phases", "Shoring up", "Rebuilding the",
         "Resurfacing the", "Who pays", "Council reserves", "Environment Agency grant", "15%",
         "was confirmed in a letter", "Opposition councillor", "dated 12 January"],
        ["We use cookies", "Accept all", "Skip to content", "Sport", "Local politics", "Share on", "Related stories",
         "Storm damage bill", "Get the Gazette", "Sign up to our", "Comments (12)", "Most read", "Pier fire",
         "All rights reserved", "About us"]),
    "clinic-page.html": (
        ["Walk-in clinic hours cut", "Tomasz Wilk", "The walk-in clinic on Mill Street", "fewer than 15 patients",
         "Patients who need care", "When to go straight", "Chest pain", "Signs of a stroke", "Heavy bleeding",
         "Local GP Dr Sunita Rao", "Monday to Friday", "8am to 6pm", "Saturday"],
        ["uses cookies", "Got it", "Conditions", "Subscribe", "Share this", "Twitter", "Flu jabs",
         "New pharmacy", "Popular posts", "Ten tips", "Stay informed", "weekly health roundup", "Powered by WordPress"]),
    "preview-page.html": (
        ["School meals to cost 20p more", "Primary school meals", "The council said the price",
         "Families who receive", "Nobody wants to put prices up"],
        ["Preview mode", "Back to editor", "Publish"]),
}


def _ours(html: str) -> str:
    from reviewdesk.core.layout import assemble
    from reviewdesk.core.loaders_page import read_page
    parts, title, _n = read_page(html, max_elements=10**7)
    return assemble(parts, path=None, title=title, fmt="html", sha256="").text


def _trafilatura(html: str) -> str:
    import trafilatura
    return trafilatura.extract(html, include_tables=True, include_comments=False, favor_recall=True) or ""


def _readability(html: str) -> str:
    import lxml.html
    from readability import Document
    doc = Document(html)
    return doc.title() + "\n" + lxml.html.fromstring(doc.summary(html_partial=True)).text_content()


def compare_extractors() -> None:
    """Article phrases kept and furniture phrases left, per extractor, on the saved pages."""
    print(f"{'extractor':<12} {'page':<20} {'kept':>9} {'furniture left':>15} {'ms':>6}")
    totals: dict[str, list[int]] = {}
    for name, (article, furniture) in PAGES.items():
        html = (DRAFTS / name).read_text(encoding="utf-8")
        for label, extract in (("ours", _ours), ("trafilatura", _trafilatura), ("readability", _readability)):
            started = time.perf_counter()
            try:
                text = " ".join(extract(html).split())
            except Exception as exc:           # an extractor that fails is a result too
                text = f"FAILED {type(exc).__name__}"
            ms = (time.perf_counter() - started) * 1000
            kept = sum(1 for a in article if a in text)
            left = sum(1 for f in furniture if f in text)
            t = totals.setdefault(label, [0, 0, 0, 0])
            t[0] += kept
            t[1] += len(article)
            t[2] += left
            t[3] += len(furniture)
            print(f"{label:<12} {name:<20} {kept:>4}/{len(article):<4} {left:>7}/{len(furniture):<7} {ms:6.0f}")
    for label, (kept, n, left, m) in totals.items():
        print(f"{label:<12} {'all pages':<20} {kept:>4}/{n:<4} {left:>7}/{m:<7}")


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp(prefix="bad-drafts-"))
    files = write_all(folder)
    db = folder / "review.db"
    worst_time = worst_mb = 0.0
    for path in files:
        r = probe(path)
        worst_time, worst_mb = max(worst_time, r["wall"]), max(worst_mb, r.get("peak_mb", 0))
        what = (f"loaded, {r['chars']:,} chars; " + " | ".join(r["notices"])) if r["ok"] else r["error"]
        line = f"{path.name:<24} {r['wall']:6.2f} s {r.get('peak_mb', 0):7.0f} MB  {what[:150]}"
        if not r["ok"]:
            code, err = cli(path, db)
            line += f"\n{'':24} cli exit {code}, {len(err.splitlines())} line(s) on stderr"
        print(line, flush=True)
    if db.exists():
        ok = sqlite3.connect(db).execute("PRAGMA integrity_check").fetchone()[0]
        print(f"database {db.name}: integrity {ok}")
    print(f"worst: {worst_time:.2f} s, {worst_mb:.0f} MB peak")
    compare_extractors()


if __name__ == "__main__":
    if sys.argv[1:] == ["extractors"]:
        compare_extractors()
    else:
        main()
