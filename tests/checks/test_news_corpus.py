"""The measure of issue 10 in CI: planted defects found in real news copy, calm on clean copy, the sample draft.

The plants and figures are those of tests/benchmarks/bench_news.py (news_plants.py plants them,
with a fixed seed, into copies of ../shared/corpus/news/); `python tests/benchmarks/bench_news.py
--list` prints the same numbers with every miss and every clean-copy flag. One Engine, default
Settings, the default view (core/layers.py). Each failure message lists what was missed or flagged.
"""
from __future__ import annotations

import random
import sys
from collections import Counter
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

import bench_news  # noqa: E402
from news_plants import KINDS, NEWS, Draft, load_articles, plant_corpus  # noqa: E402
from reviewdesk.core.engine import Engine  # noqa: E402
from reviewdesk.core.settings import Settings  # noqa: E402

MIN_PLANTS = 20


@pytest.fixture(scope="module")
def engine() -> Engine:
    assert NEWS.is_dir(), f"the news corpus is missing: {NEWS} (CI lays shared/ beside the clone)"
    return Engine()


@pytest.fixture(scope="module")
def articles(engine):
    return load_articles()


@pytest.fixture(scope="module")
def clean(engine, articles) -> dict:
    return bench_news.measure_clean(engine, Settings(), articles)


@pytest.fixture(scope="module")
def planted(engine, articles) -> dict:
    return bench_news.measure_planted(engine, Settings(), plant_corpus(articles))


@pytest.fixture(scope="module")
def sample(engine) -> dict:
    return bench_news.measure_sample(engine, Settings())


def _misses(row: dict) -> str:
    lines = []
    for miss in row["misses"]:
        lines.append(f"  {miss['copy']} [{miss['phrasing']}] {miss['note']}")
        lines += [f"      place: {p!r}" for p in miss["places"]]
        lines += [f"      near:  {n}" for n in miss["near"][:3]]
    return "\n".join(lines)


@pytest.mark.parametrize("kind", KINDS)
def test_planted_kind_is_found(planted, kind):
    assert not planted["problems"], planted["problems"]
    row = planted["kinds"][kind]
    assert row["planted"] >= MIN_PLANTS, f"only {row['planted']} {kind} plants: the planting code lost its places"
    assert row["share"] >= bench_news.RECALL_TARGET, (
        f"{kind}: {row['found']} of {row['planted']} found ({row['share']:.2f}, target "
        f"{bench_news.RECALL_TARGET}); missed:\n{_misses(row)}")


_TARGET_CATEGORIES = {"all": None, "editorial": bench_news.EDITORIAL, "spelling": ("spelling",)}


@pytest.mark.parametrize("target", sorted(bench_news.TARGETS))
def test_clean_copy_is_calm(clean, target):
    assert not clean["problems"], clean["problems"]
    rate, limit = clean["per_1000"][target], bench_news.TARGETS[target]
    categories = _TARGET_CATEGORIES[target]
    flags = [f for f in clean["list"] if categories is None or f["category"] in categories]
    rules = Counter(f["rule"] for f in flags).most_common()
    listing = "\n".join(f"  {f['article'][:40]:40} {f['rule']:40} {f['passage'][:70]!r}" for f in flags[:60])
    assert rate <= limit, (
        f"{target}: {rate:.2f} flags per 1,000 words on clean copy (target <= {limit:g}); by rule "
        f"{rules}\n{listing}")


# Repeated names and paraphrase-level near duplicates moved to the line-editing layer (clean copy
# has them in the same similarity range); a finding still reported there under its successor
# rule is kept, not lost.
SUCCESSORS = {"repetition.phrase": ("repetition.term",),
              "repetition.near-duplicate": ("repetition.paraphrase",)}


def test_sample_draft_keeps_its_real_findings(sample):
    really_lost = [b for b in sample["lost"]
                   if not any(any(n.startswith(s) for s in SUCCESSORS.get(b["rule"], ())) for n in b["now"])]
    lost = "\n".join(f"  {b['rule']:28} {b['text'][:60]!r} now: {', '.join(b['now']) or 'nothing'}"
                     for b in really_lost)
    assert not really_lost, (f"{len(sample['lost'])} of {sample['real_before']} real findings of the "
                                f"sample draft are no longer found (default view):\n{lost}")


def test_sample_draft_names(sample):
    assert sample["names_ok"], sample["names"]


def test_planting_is_sound():
    """An article rebuilt from its sentences is the file itself, and no two plants' places overlap."""
    articles = load_articles()
    for article in articles:
        rebuilt = Draft(article, random.Random(0), []).render(article.name)
        assert rebuilt.text == (NEWS / f"{article.name}.txt").read_text(encoding="utf-8"), article.name
    copies = plant_corpus(articles)
    assert len(copies) == 2 * len(articles)
    for copy in copies:
        spans = sorted((s, e, p.kind) for p in copy.plants for s, e in p.places[p.must[0]:p.must[0] + 1])
        for (s1, e1, k1), (s2, e2, k2) in zip(spans, spans[1:]):
            assert e1 <= s2, f"{copy.name}: {k1} and {k2} overlap"
        for plant in copy.plants:
            assert plant.places and all(0 <= s < e <= len(copy.text) for s, e in plant.places), plant
            assert all(m < len(plant.places) for m in plant.must), plant
