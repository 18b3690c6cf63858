"""Smoke-runs the PyInstaller bundle (dist/reviewdesk) from outside the source tree, as a user would.

Run after packaging/build.sh:  python packaging/smoke_bundle.py [--source-cli .venv/bin/reviewdesk]
- `--version` answers with every component;
- `check` of the sample draft gives the same flags (ids and rules) as the source install;
- `export` writes every format;
- the window's `--screenshot` (offscreen) ends with every check `ok` (read back from the database);
- prints the bundle's size and the time to the window's screenshot next to the source install's.
Exits 1 with one line per failure.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUNDLE = ROOT / "dist" / "reviewdesk" / "reviewdesk"
SAMPLE = ROOT / "seeds" / "bakhmut-draft.txt"
FORMATS = {"docx": ".docx", "pdf": ".pdf", "html": ".html", "markdown": ".md", "json": ".json", "csv": ".csv"}


def run(cmd: list[str], cwd: Path, env: dict, timeout: int = 600) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle", type=Path, default=BUNDLE)
    parser.add_argument("--source-cli", default=str(ROOT / ".venv" / "bin" / "reviewdesk"))
    args = parser.parse_args()
    failures: list[str] = []
    if not args.bundle.exists():
        print(f"smoke: no bundle at {args.bundle}; run packaging/build.sh first")
        return 1
    work = Path(tempfile.mkdtemp(prefix="reviewdesk-smoke-"))
    draft = work / "draft.txt"
    shutil.copyfile(SAMPLE, draft)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("REVIEWDESK_", "PYTHON"))}
    env.update({"QT_QPA_PLATFORM": "offscreen", "REVIEWDESK_REVIEWER": "Smoke Test",
                "HOME": str(work / "home"), "XDG_CONFIG_HOME": str(work / "config"),
                "XDG_DATA_HOME": str(work / "data"), "XDG_STATE_HOME": str(work / "state")})
    exe = str(args.bundle)

    out = run([exe, "--version"], work, env)
    if out.returncode != 0 or not all(n in out.stdout for n in ("ReviewDesk", "Qt", "Harper", "textstat",
                                                                 "LanguageTool")):
        failures.append(f"--version: exit {out.returncode}: {out.stdout!r} {out.stderr!r}")

    def check_ids(cli: str, db: Path) -> dict:
        done = run([cli, "check", str(draft), "--format", "json", "--db", str(db)], work, env)
        if done.returncode not in (0, 1):
            failures.append(f"{cli} check: exit {done.returncode}: {done.stderr.strip()[-300:]}")
            return {}
        data = json.loads(done.stdout)
        bad = [c["id"] for c in data["checks"] if c["status"] != "ok"]
        if bad:
            failures.append(f"{cli} check: not ok: {bad}")
        return {f["id"]: f["rule"] for f in data["flags"]}

    bundled = check_ids(exe, work / "bundle.db")
    if Path(args.source_cli).exists():
        source = check_ids(args.source_cli, work / "source.db")
        if bundled != source:
            failures.append(f"check: the bundle's flags differ from the source install's "
                            f"({len(bundled)} vs {len(source)}; "
                            f"{sorted(set(bundled) ^ set(source))[:5]})")
        else:
            print(f"smoke: check gives the same {len(bundled)} flags as the source install")
    for fmt, ext in FORMATS.items():
        target = work / f"review{ext}"
        done = run([exe, "export", str(draft), "--format", fmt, "-o", str(target), "--db",
                    str(work / "bundle.db")], work, env)
        if done.returncode != 0 or not target.exists() or target.stat().st_size == 0:
            failures.append(f"export {fmt}: exit {done.returncode}: {done.stderr.strip()[-300:]}")
    print(f"smoke: exported {', '.join(FORMATS)}")

    timings = {}
    for name, cli in (("bundle", exe), ("source", args.source_cli)):
        if not Path(cli).exists():
            continue
        db = work / f"window-{name}.db"
        shot = work / f"window-{name}.png"
        started = time.perf_counter()
        done = run([cli, str(draft), "--screenshot", str(shot), "--db", str(db)], work, env, timeout=900)
        timings[name] = time.perf_counter() - started
        if done.returncode != 0 or not shot.exists():
            failures.append(f"{name} window screenshot: exit {done.returncode}: {done.stderr.strip()[-300:]}")
            continue
        summary = work / f"window-{name}.json"
        run([cli, "export", str(draft), "--format", "json", "-o", str(summary), "--db", str(db)], work, env)
        try:
            checks = json.loads(summary.read_text(encoding="utf-8"))["checks"]
        except (OSError, ValueError, KeyError):
            checks = []
        bad = [(c["id"], c["status"], c["message"]) for c in checks if c["status"] != "ok"]
        if not checks or bad:
            failures.append(f"{name} window: checks not all ok: {bad or 'none recorded'}")
        if name == "bundle":
            keep = ROOT / "dist" / "bundle-window.png"
            shutil.copyfile(shot, keep)
            print(f"smoke: the bundle's window screenshot is {keep}")
    size = folder_size(args.bundle.parent)
    print(f"smoke: bundle size {size / 1e6:.0f} MB; window opened, checked and pictured in "
          + ", ".join(f"{k} {v:.1f} s" for k, v in timings.items()))
    logs = list((work / "state").rglob("reviewdesk.log")) + list((work / "data").rglob("reviewdesk.log"))
    print(f"smoke: log file {'created: ' + str(logs[0]) if logs else 'NOT created'}")
    if not logs:
        failures.append("no log file was created in the platform's log folder")
    for line in failures:
        print(f"smoke: FAILED: {line}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
