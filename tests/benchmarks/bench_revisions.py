"""Do decisions and notes survive a writer's edits? Review drafts fully, edit them as writers do, check again.

For the sample draft and five corpus articles: every flag decided (accepted or dismissed), a note on
every third flag, a passage note in every paragraph, every claim verified with a note. Then writer
edits at several rates (edits per paragraph): one-letter typo fixes, one word changed, a sentence
moved, a paragraph rewritten in other words, a paragraph inserted. The edits are tracked character
by character, so the benchmark knows where each old passage is now, or that it is gone.

A decision or note is *owed* when its passage survived (80 % of its characters are still there,
together) and the checks find the same rule there again; it is *kept* when the review shows it
there. It is on the *wrong words* when the review shows it anywhere it does not belong: on a
passage that was rewritten or deleted, or away from where its passage went.

Run: .venv/bin/python tests/benchmarks/bench_revisions.py [--rates 0.25,0.5,1,2] [--seeds 3]
"""
from __future__ import annotations

import argparse
import random
import re
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from reviewdesk.core.document import document_from_text
from reviewdesk.core.engine import Engine
from reviewdesk.core.settings import Settings
from reviewdesk.service import check_and_record
from reviewdesk.storage.records import ACCEPTED, ACTIVE, DISMISSED
from reviewdesk.storage.store import ReviewStore

ROOT = Path(__file__).resolve().parents[2]
CORPUS = Path("/work/shared/corpus/news")
ARTICLES = ("nasa-2019-12-13-osiris-rex-sample-site-nightingale.txt",
            "wikinews-2015-08-21-north-korea-quasi-state-of-war.txt",
            "govuk-2014-05-08-improving-food-in-hospitals-and-schools.txt",
            "whitehouse-2022-09-08-statement-death-of-queen-elizabeth-ii.txt",
            "whitehouse-2024-09-17-statement-sudan.txt")
EDITS = ("typo", "word", "move", "rewrite", "insert")
# Words a writer's new sentences are made of: none of the drafts' passages are rebuilt from them.
_NEW_WORDS = ("council members argued late into the evening over budget lines while residents "
              "waited outside for answers about rents schools buses and the closed library branch "
              "nobody could say when a decision might come or who would pay").split()
_SUBSTITUTES = ("several", "recent", "quickly", "officials", "major", "local", "new", "early",
                "broad", "formal")
_WORD = re.compile(r"[A-Za-z]{3,}")
_SENTENCE = re.compile(r"[^.!?]+[.!?]+[\"'\u201d\u2019)]*\s*")
SHOW = False       # --show: print every miss and every wrong attachment


class Tracked:
    """A text and, for each character, the offset it had in the original (-1: new)."""

    def __init__(self, text: str) -> None:
        self.chars = list(text)
        self.origin = list(range(len(text)))

    @property
    def text(self) -> str:
        return "".join(self.chars)

    def replace(self, start: int, end: int, new: str) -> None:
        self.chars[start:end] = list(new)
        self.origin[start:end] = [-1] * len(new)

    def move(self, start: int, end: int, to: int) -> None:
        """Cut [start, end) and paste it at `to` (an offset of the text before the cut)."""
        chars, origin = self.chars[start:end], self.origin[start:end]
        del self.chars[start:end], self.origin[start:end]
        if to > start:
            to -= end - start
        self.chars[to:to] = chars
        self.origin[to:to] = origin

    def paragraphs(self) -> list[tuple[int, int]]:
        text, out, at = self.text, [], 0
        for m in re.finditer(r"\n\s*\n", text):
            out.append((at, m.start()))
            at = m.end()
        out.append((at, len(text)))
        return [(a, b) for a, b in out if b > a]

    def where(self) -> dict[int, int]:
        return {o: i for i, o in enumerate(self.origin) if o >= 0}


def _new_sentence(rng: random.Random, words: int) -> str:
    picked = [rng.choice(_NEW_WORDS) for _ in range(max(4, words))]
    return " ".join(picked).capitalize() + "."


def edit(text: str, rate: float, rng: random.Random) -> tuple[str, Tracked, Counter]:
    t = Tracked(text)
    done: Counter = Counter()
    count = len(t.paragraphs())
    # Later paragraphs first, so the offsets of those still to edit stay put.
    for index in range(count - 1, -1, -1):
        n = int(rate) + (rng.random() < rate - int(rate))
        for _ in range(n):
            a, b = t.paragraphs()[index] if index < len(t.paragraphs()) else (0, 0)
            if b <= a:
                break
            kind = rng.choice(EDITS)
            if _apply(t, kind, a, b, rng):
                done[kind] += 1
    return t.text, t, done


def _apply(t: Tracked, kind: str, a: int, b: int, rng: random.Random) -> bool:
    text = t.text
    words = [m for m in _WORD.finditer(text, a, b)]
    if kind == "typo":
        long = [m for m in words if len(m.group()) >= 5]
        if not long:
            return False
        m = rng.choice(long)
        i = rng.randrange(m.start() + 1, m.end() - 1)
        t.replace(i, i + 1, "x" if text[i] != "x" else "z")
        return True
    if kind == "word":
        if not words:
            return False
        m = rng.choice(words)
        t.replace(m.start(), m.end(), rng.choice([w for w in _SUBSTITUTES if w != m.group()]))
        return True
    if kind == "move":
        # Sentences as the product's own segmenter sees them ("U.S." does not end one).
        sentences = [_Span(max(a, x.start), min(b, x.end), text)
                     for x in document_from_text(text).sentences if x.start >= a and x.end <= b]
        if len(sentences) < 2:
            return False
        first, second = rng.sample(range(len(sentences)), 2)
        s, other = sentences[first], sentences[second]
        start, end = s.start(), s.end()
        # A writer's cut and paste keeps one space between sentences.
        if second > first:
            to = other.end()
            if not text[to - 1].isspace():
                t.replace(to, to, " ")
                to += 1
        else:
            to = other.start()
        if not text[end - 1].isspace():
            t.replace(end, end, " ")
            end += 1
            if to >= end - 1:
                to += 1
        t.move(start, end, to)
        return True
    if kind == "rewrite":
        n = len(words)
        new = " ".join(_new_sentence(rng, rng.randint(8, 18)) for _ in range(max(1, n // 14)))
        t.replace(a, b, new)
        return True
    if kind == "insert":
        new = " ".join(_new_sentence(rng, rng.randint(8, 18)) for _ in range(rng.randint(1, 3)))
        t.replace(b, b, "\n\n" + new)
        return True
    return False


class _Span:
    """A sentence with the trailing spaces a cut takes along."""

    def __init__(self, start: int, end: int, text: str) -> None:
        while end < len(text) and text[end] == " ":
            end += 1
        self._start, self._end = start, end

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end


def expected_span(where: dict[int, int], start: int, end: int) -> tuple[int, int] | None:
    """Where old [start, end) is now, if 80 % of it survives in one piece; None if it is gone."""
    if end <= start:
        return None
    kept = [where[i] for i in range(start, end) if i in where]
    if len(kept) < 0.8 * (end - start):
        return None
    lo, hi = min(kept), max(kept) + 1
    if hi - lo > 1.25 * (end - start) + 2:
        return None      # torn apart by a move: not the same passage any more
    return lo, hi


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    shared = min(a[1], b[1]) - max(a[0], b[0])
    return shared > 0 and shared >= 0.5 * max(a[1] - a[0], b[1] - b[0], 1)


def review_everything(store, record, run, doc, rng: random.Random) -> dict:
    """Decide every flag, note every third, a passage note per paragraph, verify every claim."""
    active = [f for f in run.flags if f.state == ACTIVE]
    wanted = {f.id: (ACCEPTED if i % 2 == 0 else DISMISSED) for i, f in enumerate(active)}
    for status in (ACCEPTED, DISMISSED):
        ids = [i for i, s in wanted.items() if s == status]
        if ids:
            store.set_statuses(record, ids, status, "ana")
    notes = {}
    for i, f in enumerate(active):
        if i % 3 == 0:
            body = f"Note {i} on {f.rule}"
            store.set_flag_note(record, f.id, body, "ana")
            notes[f.id] = body
    spans = {}
    for a, b in Tracked(doc.text).paragraphs():
        words = [m for m in _WORD.finditer(doc.text, a, b) if len(m.group()) >= 5]
        if len(words) < 6:
            continue
        m = rng.choice(words[1:-1])
        note = store.add_span_note(record, m.start(), m.end(), m.group(), f"Check {m.group()}", "ana")
        spans[note.id] = (m.start(), m.end())
    claims = {}
    for c in store.claims(record):
        if c.state == ACTIVE:
            store.set_claim(record, c.id, status="verified", note="Source seen.", reviewer="ana")
            claims[c.id] = c
    return {"flags": {f.id: f for f in active}, "status": wanted, "notes": notes, "spans": spans,
            "claims": claims}


def score(before: dict, store, record, run, t: Tracked) -> Counter:
    where = t.where()
    out: Counter = Counter()
    now = {f.id: f for f in store.flags(record)}
    found = [f for f in run.flags if f.state == ACTIVE]
    for fid, old in before["flags"].items():
        places = old.occurrences or ((old.start, old.end),)
        moved = [p for p in (expected_span(where, a, b) for a, b in places) if p is not None]
        # A finding about several places (a pair of like sentences, an echo) is the same finding
        # only while all of them are there; with one gone it is owed nothing, wherever it shows.
        whole = len(moved) == len(places)
        rec = now.get(fid)
        shown = rec is not None and rec.state == ACTIVE
        rec_places = (rec.occurrences or ((rec.start, rec.end),)) if shown else ()
        right_place = shown and any(_overlaps(p, q) for p in moved for q in rec_places)
        # Owed: the passage is there and the checks flag the same rule on it again.
        owed = whole and any(f.rule == old.rule and any(
            _overlaps(p, q) for p in moved for q in (f.occurrences or ((f.start, f.end),)))
            for f in found)
        for what, keep in (("decision", True), ("note", fid in before["notes"])):
            if not keep:
                continue
            carried = shown and (rec.status == before["status"][fid] if what == "decision"
                                 else any(n.body == before["notes"][fid] for n in rec.notes))
            if owed:
                out[f"{what} owed"] += 1
                out[f"{what} kept"] += bool(carried and right_place)
            if carried and not right_place:
                out[f"{what} wrong"] += 1
            if SHOW and ((owed and not (carried and right_place)) or (carried and not right_place)):
                label = "WRONG" if carried and not right_place else "MISS"
                print(f"  {label} {what} {old.rule} {old.text[:60]!r} -> "
                      f"{[t.text[a:b][:60] for a, b in moved]!r} shown: "
                      f"{rec.state if rec else None} {rec.text[:60] if rec else ''!r} "
                      f"old places {places} expected {moved} shown at {rec_places}")
    notes = {n.id: n for n in store.notes(record) if n.kind == "span"}
    for nid, (a, b) in before["spans"].items():
        moved = expected_span(where, a, b)
        note = notes.get(nid)
        shown = note is not None and note.state == ACTIVE
        right = shown and moved is not None and _overlaps(moved, (note.start, note.end))
        if moved is not None:
            out["passage note owed"] += 1
            out["passage note kept"] += bool(right)
        if shown and not right:
            out["passage note wrong"] += 1
    claims_now = store.claims(record)
    for cid, old in before["claims"].items():
        moved = expected_span(where, old.start, old.end)
        same_kind = [c for c in claims_now if c.kind == old.kind and c.state == ACTIVE]
        owed = moved is not None and any(_overlaps(moved, (c.start, c.end)) for c in same_kind)
        carried = [c for c in same_kind if c.status == "verified" and c.note == "Source seen."]
        right = [c for c in carried if moved is not None and _overlaps(moved, (c.start, c.end))]
        if owed:
            out["claim owed"] += 1
            out["claim kept"] += bool(right)
    # A verified claim the review shows where no verified claim's passage went is on the wrong words.
    homes = [expected_span(where, c.start, c.end) for c in before["claims"].values()]
    for c in claims_now:
        if c.state == ACTIVE and c.status == "verified" and c.note == "Source seen." and \
                not any(h is not None and _overlaps(h, (c.start, c.end)) for h in homes):
            out["claim wrong"] += 1
    return out


def one(name: str, text: str, rate: float, seed: int, engine: Engine, settings: Settings,
        folder: Path) -> Counter:
    rng = random.Random(f"{name}/{rate}/{seed}")
    path = folder / f"{abs(hash((name, rate, seed)))}.txt"
    with ReviewStore(f"sqlite:///{folder / (path.stem + '.db')}") as store:
        doc = document_from_text(text, path=str(path))
        record = store.open_document(doc)
        run = check_and_record(store, record, doc, engine, settings)
        before = review_everything(store, record, run, doc, rng)
        new_text, tracked, done = edit(text, rate, rng)
        revised = document_from_text(new_text, path=str(path))
        record = store.open_document(revised)
        run = check_and_record(store, record, revised, engine, settings)
        result = score(before, store, record, run, tracked)
        result.update({f"edit {k}": v for k, v in done.items()})
        result["paragraphs"] += len(Tracked(text).paragraphs())
        return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rates", default="0.25,0.5,1,2")
    parser.add_argument("--seeds", type=int, default=2)
    parser.add_argument("--show", action="store_true", help="print every miss and wrong attachment")
    args = parser.parse_args(argv)
    global SHOW
    SHOW = args.show
    drafts = {"bakhmut-draft": (ROOT / "seeds" / "bakhmut-draft.txt").read_text(encoding="utf-8")}
    for name in ARTICLES:
        drafts[name.rsplit(".", 1)[0]] = (CORPUS / name).read_text(encoding="utf-8")
    engine = Engine()
    settings = Settings().with_(grammar_engine="harper")
    print(f"{'edits/paragraph':>15} {'decisions kept':>16} {'notes kept':>12} {'passage notes':>14} "
          f"{'claims kept':>12} {'all kept':>9} {'wrong words':>11} {'seconds':>8}")
    worst = 1.0
    for rate in (float(r) for r in args.rates.split(",")):
        total: Counter = Counter()
        started = time.perf_counter()
        with tempfile.TemporaryDirectory() as folder:
            for seed in range(args.seeds):
                for name, text in drafts.items():
                    total += one(name, text, rate, seed, engine, settings, Path(folder))
        owed = sum(total[f"{k} owed"] for k in ("decision", "note", "passage note", "claim"))
        kept = sum(total[f"{k} kept"] for k in ("decision", "note", "passage note", "claim"))
        wrong = sum(total[f"{k} wrong"] for k in ("decision", "note", "passage note", "claim"))
        share = kept / owed if owed else 1.0
        if rate == 1:
            worst = share

        def part(k: str) -> str:
            return f"{total[k + ' kept']}/{total[k + ' owed']}"
        print(f"{rate:>15g} {part('decision'):>16} {part('note'):>12} {part('passage note'):>14} "
              f"{part('claim'):>12} {share:>9.3f} {wrong:>11} {time.perf_counter() - started:>8.1f}")
        edits = ", ".join(f"{total['edit ' + k]} {k}" for k in EDITS)
        print(f"{'':>15} edits: {edits} over {total['paragraphs']} paragraphs")
    return 0 if worst >= 0.98 else 1


if __name__ == "__main__":
    sys.exit(main())
