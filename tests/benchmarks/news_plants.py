"""Plants editorial defects of known kinds into copies of the clean news corpus, recording each one's places.

Each article gets two planted copies (GROUPS): copy A carries a dateline and the defects that need
the story's date, copy B the others. Plants never share a sentence, and a copy holds about as many
problems as a bad real draft. Numbers, years, names and templates are drawn with a fixed seed;
several phrasings per kind, subjects from many beats and, where natural, taken from the article
itself (a name or a number it states, a word it spells, one of its paragraphs). One planting
function per kind is in news_planters.py; the sentences and facts they use are ours, in
news_templates.py: the only third-party text is the corpus itself.
"""
from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from news_templates import dialect_of
from reviewdesk.core.segment import split_sentences

ROOT = Path(__file__).resolve().parents[2]
NEWS = ROOT.parent / "shared" / "corpus" / "news"
SEED = 20231

# Kind -> the rules that find it: (rule id or dotted prefix, how the flag must cover the plant).
# "changed": one of the flag's places overlaps a `must` place (for a conflict, the changed place);
# "every": the flag's places overlap every recorded place (a repetition naming both copies).
RULES: dict[str, tuple[tuple[str, str], ...]] = {
    "date-conflict": (("consistency.date", "changed"), ("consistency.timeline", "changed")),
    "timeline-arithmetic": (("consistency.timeline", "changed"), ("consistency.duration", "changed"),
                            ("consistency.date", "changed")),
    "number-conflict": (("consistency.number", "changed"), ("consistency.duration", "changed")),
    "quote-no-speaker": (("sourcing.unattributed-quote", "changed"),),
    "unsourced-statistic": (("sourcing.unsourced-figure", "changed"),),
    "vague-attribution": (("sourcing.vague-attribution", "changed"),),
    "web-leftover": (("filler.leftover", "changed"),),
    "machine-filler": (("filler.seo", "changed"),),
    "dialect-mix": (("consistency.spelling", "changed"),),
    "name-variant": (("grammar.name-variant", "changed"), ("consistency.spelling", "changed")),
    "wrong-era-official": (("sourcing.out-of-office", "changed"),),
    "repeated-phrase": (("repetition.phrase", "changed"),),
    "duplicated-paragraph": (("repetition.near-duplicate", "changed"), ("repetition", "every")),
    "doubled-word": (("repetition.doubled", "changed"),),
}
KINDS = tuple(RULES)
# Copy A has a dateline, so the story's date is known. In B, duplicated-paragraph goes first so
# the paragraph it copies is still untouched.
GROUPS: dict[str, tuple[str, ...]] = {
    "A": ("wrong-era-official", "timeline-arithmetic", "quote-no-speaker", "number-conflict",
          "web-leftover", "dialect-mix", "doubled-word"),
    "B": ("duplicated-paragraph", "unsourced-statistic", "date-conflict", "vague-attribution",
          "machine-filler", "name-variant", "repeated-phrase"),
}
MARK = re.compile("[\ue000-\uf8ff]")


@dataclass(frozen=True)
class Article:
    name: str
    date: date
    dialect: str              # "us" or "uk", from the spellings the article itself uses
    headline: str
    paragraphs: tuple[str, ...]

    @property
    def text(self) -> str:
        return "\n\n".join((self.headline, *self.paragraphs)) + "\n"


@dataclass(frozen=True)
class Plant:
    kind: str
    article: str
    phrasing: str                        # the template or method that planted it
    note: str                            # what was planted, for whoever reads the misses
    places: tuple[tuple[int, int], ...]  # character spans in the planted copy's text
    must: tuple[int, ...]                # the places a finding must overlap (any one of them)


@dataclass(frozen=True)
class PlantedCopy:
    name: str                            # article name + "#A" or "#B"
    article: str
    text: str
    plants: tuple[Plant, ...]


def load_articles(folder: Path = NEWS) -> list[Article]:
    """The clean corpus: line 1 the headline, then paragraphs separated by blank lines."""
    out = []
    for path in sorted(folder.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        blocks = [b.strip() for b in text.split("\n\n") if b.strip()]
        found = re.search(r"(\d{4})-(\d{2})-(\d{2})", path.stem)
        day = date(*map(int, found.groups())) if found else date(2020, 1, 1)
        # SOURCES.md: GOV.UK copy is British even where no variant spelling shows it.
        dialect = "uk" if path.stem.startswith("govuk-") else dialect_of(text)
        out.append(Article(path.stem, day, dialect, blocks[0], tuple(blocks[1:])))
    return out


def plant_corpus(articles: list[Article], seed: int = SEED) -> list[PlantedCopy]:
    """Two planted copies of every article (GROUPS), the same ones on every run."""
    from news_planters import PLANTERS, dateline

    headlines = [a.headline for a in articles]
    copies = []
    for article in articles:
        for group, kinds in GROUPS.items():
            rng = random.Random(f"{seed}/{article.name}/{group}")
            draft = Draft(article, rng, [h for h in headlines if h != article.headline])
            if group == "A":
                dateline(draft)
            for kind in kinds:
                PLANTERS[kind](draft)
            copies.append(draft.render(f"{article.name}#{group}"))
    return copies


@dataclass
class Para:
    sentences: list[str]
    article: bool = True      # a paragraph of the article (not one we inserted)
    frozen: bool = False      # no sentence may change (headline, dateline, copied paragraphs)
    no_append: bool = False   # its last sentence must stay last (a statistic, a quote's neighbour)
    guard: bool = False       # no paragraph may be inserted next to it
    used: set[int] = field(default_factory=set)

    @property
    def text(self) -> str:
        return " ".join(self.sentences)


class Draft:
    """The copy being planted: paragraphs of sentences, each place wrapped in marker characters."""

    def __init__(self, article: Article, rng: random.Random, headlines: list[str]) -> None:
        self.article, self.rng, self.headlines = article, rng, headlines
        self.paras = [Para([article.headline], frozen=True)]
        for p in article.paragraphs:
            # A paragraph ending "... said:" introduces the next one: nothing goes after it.
            lead_in = p.endswith(":")
            self.paras.append(Para([p[s.start:s.end] for s in split_sentences(p)],
                                   frozen=lead_in, no_append=lead_in, guard=lead_in))
        self.plants: list[tuple[str, str, str, tuple[int, ...]]] = []

    def plant(self, kind: str, phrasing: str, note: str, must: tuple[int, ...] = (0,)) -> int:
        self.plants.append((kind, phrasing, note, must))
        return len(self.plants) - 1

    @staticmethod
    def opener(pid: int, place: int) -> str:
        return chr(0xE000 + 2 * (pid * 8 + place))

    @staticmethod
    def closer(pid: int, place: int) -> str:
        return chr(0xE001 + 2 * (pid * 8 + place))

    def mark(self, pid: int, place: int, text: str) -> str:
        return self.opener(pid, place) + text + self.closer(pid, place)

    def marked(self, pid: int, template: str, place: int = 0) -> str:
        """A filled template with its [[...]] part (or all of it) wrapped as place `place`."""
        if "[[" not in template:
            return self.mark(pid, place, template)
        return re.sub(r"\[\[(.+?)\]\]", lambda m: self.mark(pid, place, m.group(1)), template, count=1)

    def body(self) -> list[Para]:
        return [p for p in self.paras[1:] if p.article and not p.frozen]

    def sentences(self, ok=lambda s: True) -> list[tuple[Para, int]]:
        """Article sentences with no plant in them yet that satisfy `ok`."""
        return [(p, i) for p in self.body() for i, s in enumerate(p.sentences)
                if i not in p.used and not MARK.search(s) and ok(s)]

    def replace(self, para: Para, i: int, text: str) -> None:
        para.sentences[i] = text
        para.used.add(i)

    def appendable(self, after: int = 1) -> list[Para]:
        return [p for p in self.paras[after:] if p.article and not p.frozen and not p.no_append]

    def append(self, para: Para, text: str) -> None:
        para.sentences.append(text)
        para.used.add(len(para.sentences) - 1)

    def positions(self, ok=lambda before, after: True) -> list[int]:
        """Where a new paragraph may go: after the lede, never next to a guarded paragraph."""
        first = next(i for i, p in enumerate(self.paras) if i and p.article)
        out = []
        for pos in range(first + 1, len(self.paras) + 1):
            before = self.paras[pos - 1]
            after = self.paras[pos] if pos < len(self.paras) else None
            if not before.guard and not (after and after.guard) and ok(before, after):
                out.append(pos)
        return out

    def insert(self, pos: int, text: str, **flags) -> Para:
        para = Para([text], article=False, frozen=True, **flags)
        self.paras.insert(pos, para)
        return para

    def index(self, para: Para) -> int:
        return next(i for i, p in enumerate(self.paras) if p is para)

    def add_sentence(self, pid: int, text: str, share: float = 0.6) -> None:
        """The plant's sentence at the end of a paragraph (most of the time) or as its own."""
        paras = self.appendable()
        if paras and self.rng.random() < share:
            self.append(self.rng.choice(paras), self.marked(pid, text))
        else:
            self.insert(self.rng.choice(self.positions()), self.marked(pid, text))

    def wrap(self, pid: int, place: int, para: Para, i: int, m: re.Match) -> None:
        """Record an existing word as a place, without changing the text."""
        s = para.sentences[i]
        para.sentences[i] = s[:m.start()] + self.mark(pid, place, m.group(0)) + s[m.end():]
        para.used.add(i)

    def render(self, name: str) -> PlantedCopy:
        raw = "\n\n".join(p.text for p in self.paras) + "\n"
        text: list[str] = []
        opened: dict[tuple[int, int], int] = {}
        spans: dict[tuple[int, int], tuple[int, int]] = {}
        for ch in raw:
            if not MARK.fullmatch(ch):
                text.append(ch)
                continue
            k = ord(ch) - 0xE000
            key = divmod(k // 2, 8)
            if k % 2 == 0:
                opened[key] = len(text)
            else:
                spans[key] = (opened.pop(key), len(text))
        plants = []
        for pid, (kind, phrasing, note, must) in enumerate(self.plants):
            places = tuple(spans[(pid, n)] for n in range(8) if (pid, n) in spans)
            plants.append(Plant(kind, self.article.name, phrasing, note, places, must))
        return PlantedCopy(name, self.article.name, "".join(text), tuple(plants))


def found_by(plant: Plant, flags) -> list:
    """The flags (of the default view) that count as finding the plant (RULES)."""
    hits = []
    for flag in flags:
        for rule, mode in RULES[plant.kind]:
            if flag.rule != rule and not flag.rule.startswith(rule + "."):
                continue
            places = [(p.start, p.end) for p in flag.places]
            covered = [any(s < pe and ps < e for s, e in places) for ps, pe in plant.places]
            if (mode == "every" and len(plant.places) > 1 and all(covered)) or \
                    (mode == "changed" and any(covered[m] for m in plant.must)):
                hits.append(flag)
                break
    return hits
