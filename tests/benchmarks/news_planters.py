"""One planting function per defect kind (news_plants.RULES), each drawing its phrasing with the draft's seed.

Every planter leaves the text grammatical, records the places a finding must cover, and touches
only sentences no other plant has used; one that finds no fitting place in an article plants nothing.
"""
from __future__ import annotations

import random
import re

from lemminflect import getAllLemmas

from news_plants import MARK, Draft, Para
from news_templates import (AGE_PEOPLE, CLAUSES, DATE_PAIRS, DOUBLE_WORDS, FAMILY_SENTENCES, LEFTOVERS,
                            MONTHS, NAME_ENDINGS, NAME_VARIANTS, NAME_VOWELS, NOT_NAMES, NUMBER_PAIRS,
                            OFFICEHOLDERS, OPENERS, QUOTES, ROLES, SEO_PREFIXES, SEO_SENTENCES,
                            SOURCE_WORDS, SPEAKER_WORDS, STARTERS, STATISTICS, STOCK_PHRASES, TIMELINES,
                            UNITS, VAGUE, WRONG_ERA, localise, number_words, other_spelling, us_form)

_WORD = re.compile(r"[A-Za-z]+")


def _has(pattern: str, text: str) -> bool:
    return re.search(pattern, text, re.IGNORECASE) is not None


def _lowered(sentence: str) -> str | None:
    """The sentence as it reads after an opening phrase of ours, or None when it cannot take one.

    Its first word goes to lower case when it is a common opener ("The", "Each"); it stays as it
    is when it begins a name or title ("President Biden", "Domestic Policy Advisor Susan Rice").
    """
    words = sentence.split(" ", 5)
    # An opening adverbial already there ("This year, ...") would read badly after ours.
    if len(words) < 3 or any(w.endswith(",") for w in words[:5]) or not words[0][:1].isupper():
        return None
    if words[0] in STARTERS and not (words[0] in ("Her", "His") and words[1][:1].isupper()):
        return sentence[0].lower() + sentence[1:]
    if words[0].isalpha() and words[0] not in OPENERS and (
            words[1][:1].isupper() or (len(words[0]) >= 4 and not getAllLemmas(words[0].lower()))):
        return sentence
    return None


def _apostrophes(d: Draft, text: str) -> str:
    """Our templates in the article's own apostrophe (most of the corpus uses the curly one)."""
    return text.replace("'", "\u2019") if "\u2019" in d.article.text else text


def _pair(d: Draft, pid: int, first: str, second: str) -> None:
    """The two sentences of a conflict in two paragraphs, the second (the changed place) later."""
    paras = d.appendable()
    spots = d.positions()
    if len(paras) >= 2 and (d.rng.random() < 0.7 or len(spots) < 2):
        i = d.rng.randrange(0, len(paras) - 1)
        j = d.rng.randrange(i + 1, len(paras))
        d.append(paras[i], d.marked(pid, first, 0))
        d.append(paras[j], d.marked(pid, second, 1))
        return
    a, b = sorted(d.rng.sample(spots, 2)) if len(spots) >= 2 else (spots[0], spots[0])
    d.insert(b, d.marked(pid, second, 1))
    d.insert(a, d.marked(pid, first, 0))


def dateline(d: Draft) -> None:
    a, rng = d.article, d.rng
    day, month, year = a.date.day, MONTHS[a.date.month - 1], a.date.year
    if a.name.startswith("whitehouse") and rng.random() < 0.5:
        lede = d.body()[0]
        lede.sentences[0] = f"WASHINGTON, {month} {day}, {year} \u2014 " + lede.sentences[0]
        return
    if a.dialect == "uk":
        line = rng.choice((f"Published {day} {month} {year}", f"{day} {month} {year}"))
    else:
        line = rng.choice((f"{month} {day}, {year}", f"Published {month} {day}, {year}",
                           f"Updated {month} {day}, {year}, 10:{rng.randint(10, 59)} a.m. ET"))
    d.paras.insert(1, Para([line], article=False, frozen=True))


def _plant_wrong_era(d: Draft) -> None:
    year = d.article.date.year
    people = [o for o in OFFICEHOLDERS if o[3] <= year - 2 or o[2] >= year + 2]
    title, desc, start, end, name = d.rng.choice(people)
    n = d.rng.randrange(len(WRONG_ERA))
    text = localise(WRONG_ERA[n].format(title=title, name=name, desc=desc), d.article.dialect)
    pid = d.plant("wrong-era-official", f"wrong-era-{n}", f"{title} {name} ({start}-{end}) in a {year} story")
    d.add_sentence(pid, text)


def _plant_timeline(d: Draft) -> None:
    rng, year = d.rng, d.article.date.year
    n = rng.randrange(len(TIMELINES))
    since = rng.randint(1960, year - 8)
    right = year - since
    wrong = right + rng.choice((-1, 1)) * rng.randint(3, 6)
    count = number_words(wrong) if wrong <= 10 and rng.random() < 0.6 else str(wrong)
    text = TIMELINES[n].format(n=count, N=count[0].upper() + count[1:], y=since, nth=_ordinal(wrong))
    pid = d.plant("timeline-arithmetic", f"timeline-{n}", f"{count} years since {since}, story {year}")
    d.add_sentence(pid, localise(text, d.article.dialect))


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _plant_quote(d: Draft) -> None:
    def quiet(before: Para, after: Para | None) -> bool:
        texts = [before.text] + ([after.text] if after else [])
        return not any(_has(SPEAKER_WORDS, t) for t in texts)
    spots = d.positions(quiet)
    if not spots:
        return
    n = d.rng.randrange(len(QUOTES))
    opening, closing = d.rng.choice((("\u201c", "\u201d"), ('"', '"')))
    text = opening + _apostrophes(d, localise(QUOTES[n], d.article.dialect)) + closing
    pid = d.plant("quote-no-speaker", f"quote-{n}", text[:50])
    pos = d.rng.choice(spots)
    d.insert(pos, d.marked(pid, text), guard=True)
    for p in (d.paras[pos - 1], d.paras[pos + 1] if pos + 1 < len(d.paras) else None):
        if p is not None:
            p.no_append = True


def _other_number(rng: random.Random, value: int, below: bool = False) -> int:
    """A clearly different value: not a rounding of the first."""
    step = max(2, round(value * rng.uniform(0.15, 0.4)))
    return value - step if (below or rng.random() < 0.4) and value - step >= 2 else value + step


def _plant_number(d: Draft) -> None:
    rng = d.rng
    stated = []
    for para, i in d.sentences():
        for m in re.finditer(r"(?<![\w$.,\u2013-])(\d{1,3}(?:,\d{3})*)\s+([a-z]{3,}s)\b", para.sentences[i]):
            value = int(m.group(1).replace(",", ""))
            if m.group(2) not in UNITS and value >= 3 and not 1900 <= value <= 2100:
                stated.append((para, i, m, value))
    if stated and rng.random() < 0.6:
        para, i, m, value = rng.choice(stated)
        later = d.appendable(d.index(para) + 1)
        if later:
            other = _other_number(rng, value)
            n = rng.randrange(2)
            second = (f"Officials put the number of {m.group(2)} at [[{other:,}]].",
                      f"In all, [[{other:,} {m.group(2)}]] were counted.")[n]
            pid = d.plant("number-conflict", f"article-number-{n}", f"{m.group(0)} then {other:,}", (1,))
            d.wrap(pid, 0, para, i, m)
            d.append(rng.choice(later), d.marked(pid, second, 1))
            return
    topic, first, second, low, high = NUMBER_PAIRS[rng.randrange(len(NUMBER_PAIRS))]
    a = rng.randint(low, high)
    values = dict(a=a, b=_other_number(rng, a, below="at least" in first))
    if topic == "percent":
        values["b"] = a + rng.choice((-1, 1)) * rng.randint(5, 15)
    who = rng.choice(AGE_PEOPLE)
    if topic == "age":
        values["b"] = a + rng.choice((-1, 1)) * rng.randint(3, 7)
    fill = {k: f"{v:,}" for k, v in values.items()}
    first = localise(first.format(who=who, last=who.split()[-1], **fill), d.article.dialect)
    second = localise(second.format(who=who, last=who.split()[-1], **fill), d.article.dialect)
    pid = d.plant("number-conflict", f"number-{topic}", f"{fill['a']} then {fill['b']} ({topic})", (1,))
    _pair(d, pid, first, second)


def _plant_leftover(d: Draft) -> None:
    n = d.rng.randrange(len(LEFTOVERS))
    line = LEFTOVERS[n].format(headline=d.rng.choice(d.headlines))
    pid = d.plant("web-leftover", f"leftover-{n}", line[:50])
    spots = d.positions() + [len(d.paras)]
    d.insert(d.rng.choice(spots), d.marked(pid, line))


def _occurrences(d: Draft, ok) -> list[tuple[Para, int, re.Match]]:
    """Words of the article (headline included) in sentences that hold no plant yet."""
    out = []
    for n, para in enumerate(d.paras):
        if not para.article or (n and para.frozen):
            continue
        for i, s in enumerate(para.sentences):
            if not MARK.search(s) and (n == 0 or i not in para.used):
                out.extend((para, i, m) for m in _WORD.finditer(s) if ok(m.group(0)))
    return out


def _changeable(d: Draft, para: Para, i: int) -> bool:
    return para is not d.paras[0] and not para.frozen and i not in para.used


def _family(word: str) -> str:
    lemmas = getAllLemmas(word.lower())
    for pos in ("VERB", "NOUN", "ADJ"):
        if pos in lemmas:
            return lemmas[pos][0]
    return word.lower()


def _family_sentence(template: str, dialect: str) -> str:
    """A FAMILY_SENTENCES template in one dialect, its variant word marked [[...]]."""
    return re.sub(r"\{(\w+)\}", lambda m: "[[" + (m.group(1) if dialect == "us" else
                                                  other_spelling(m.group(1))) + "]]", template)


def _plant_dialect(d: Draft) -> None:
    rng, dialect = d.rng, d.article.dialect
    other = "uk" if dialect == "us" else "us"
    families: dict[str, list[tuple[Para, int, re.Match]]] = {}
    for para, i, m in _occurrences(d, lambda w: other_spelling(w) is not None):
        families.setdefault(_family(us_form(m.group(0))), []).append((para, i, m))
    twice = {}
    for fam, seen in families.items():
        later = [x for x in seen[1:] if _changeable(d, x[0], x[1]) and x[2].group(0).islower()
                 and (x[0], x[1]) != (seen[0][0], seen[0][1])]
        if later:
            twice[fam] = (seen[0], later)
    if twice and rng.random() < 0.6:
        first, later = twice[rng.choice(sorted(twice))]
        para, i, m = rng.choice(later)
        new = other_spelling(m.group(0))
        pid = d.plant("dialect-mix", "change-one", f"{first[2].group(0)} ... {new}", (1,))
        s = para.sentences[i]
        d.replace(para, i, s[:m.start()] + d.mark(pid, 1, new) + s[m.end():])
        d.wrap(pid, 0, *first)
        return
    # A capitalised word may be part of a name ("Kennedy Center"), which keeps its own spelling.
    lower = {f: [x for x in seen if x[2].group(0).islower()] for f, seen in families.items()}
    once = sorted(f for f in families if f in FAMILY_SENTENCES and lower[f])
    if once and rng.random() < 0.7:
        fam = rng.choice(once)
        para, i, m = lower[fam][0]
        later = d.appendable(d.index(para) + 1) or d.appendable()
        if later:
            # The article's word may itself be the minority spelling (a lone "fulfil" in US copy).
            theirs = "uk" if us_form(m.group(0)) == m.group(0).lower() else "us"
            text = _apostrophes(d, _family_sentence(rng.choice(FAMILY_SENTENCES[fam]), theirs))
            pid = d.plant("dialect-mix", "insert-other", f"{m.group(0)} ... {text[:40]}", (1,))
            d.wrap(pid, 0, para, i, m)
            d.append(rng.choice([p for p in later if p is not para] or later), d.marked(pid, text, 1))
            return
    fam = rng.choice(sorted(set(FAMILY_SENTENCES) - set(families)))
    one, two = rng.sample(FAMILY_SENTENCES[fam], 2)
    first = localise(_family_sentence(one, dialect), dialect)
    second = _family_sentence(two, other)
    pid = d.plant("dialect-mix", "insert-pair", f"{first[:30]} ... {second[:30]}", (1,))
    _pair(d, pid, _apostrophes(d, first), _apostrophes(d, second))


def _plant_doubled(d: Draft) -> None:
    rng = d.rng
    phrasing, words = DOUBLE_WORDS[rng.randrange(len(DOUBLE_WORDS))]
    if phrasing == "sentence-start":
        spots = d.sentences(lambda s: s.split(" ", 1)[0] in ("The", "This", "In", "It", "We"))
        if spots:
            para, i = rng.choice(spots)
            s = para.sentences[i]
            w = s.split(" ", 1)[0]
            pid = d.plant("doubled-word", phrasing, f"{w} {w.lower()}")
            d.replace(para, i, d.mark(pid, 0, f"{w} {w.lower()}") + s[len(w):])
            return
        words = "the|of|to|and"
    pattern = re.compile(rf"(?<=\s)(?:{words})(?=\s)")
    spots = d.sentences(lambda s: pattern.search(s) is not None)
    if not spots:
        return
    para, i = rng.choice(spots)
    s = para.sentences[i]
    m = rng.choice(list(pattern.finditer(s)))
    pid = d.plant("doubled-word", phrasing, f"{m.group(0)} {m.group(0)}")
    d.replace(para, i, s[:m.start()] + d.mark(pid, 0, f"{m.group(0)} {m.group(0)}") + s[m.end():])


def _plant_duplicate(d: Draft) -> None:
    rng = d.rng
    body = [p for p in d.body() if len(p.text.split()) >= 20 and not p.used
            and not MARK.search(p.text)]
    if not body:
        return
    phrasing = rng.choice(("repeated-next", "repeated-later", "edited-copy", "lede-at-end"))
    source = body[0] if phrasing == "lede-at-end" else rng.choice(body)
    at = d.index(source)
    sentences = list(source.sentences)
    if phrasing == "edited-copy" and len(sentences) >= 2:
        del sentences[rng.randrange(1, len(sentences))]
    elif phrasing == "edited-copy":
        phrasing = "repeated-later"
    if phrasing == "repeated-next":
        pos = at + 1
    elif phrasing == "lede-at-end":
        pos = len(d.paras)
    else:
        pos = rng.choice(range(at + 2, len(d.paras) + 1)) if at + 2 <= len(d.paras) else len(d.paras)
    pid = d.plant("duplicated-paragraph", phrasing, " ".join(sentences)[:50], (1,))
    source.sentences[0] = d.opener(pid, 0) + source.sentences[0]
    source.sentences[-1] += d.closer(pid, 0)
    source.frozen = True
    d.paras.insert(pos, Para([d.mark(pid, 1, " ".join(sentences))], article=False, frozen=True))


def _plant_statistic(d: Draft) -> None:
    rng = d.rng
    n = rng.randrange(len(STATISTICS))
    k_of_m = rng.choice(("Two out of five", "Three out of four", "Four out of five", "Seven out of ten",
                         "Three out of ten", "Six out of ten"))
    text = STATISTICS[n].format(n=rng.randint(12, 80), pct=rng.randint(18, 74), k_of_m=k_of_m,
                                frac=rng.choice(("a third", "a quarter", "half", "two-thirds")))
    pid = d.plant("unsourced-statistic", f"statistic-{n}", text[:50])
    text = d.marked(pid, localise(text, d.article.dialect))

    def first(p: Para | None) -> str:
        return p.sentences[0] if p else ""

    def quiet(before: Para, after: Para | None) -> bool:
        return not _has(SOURCE_WORDS, before.sentences[-1]) and not _has(SOURCE_WORDS, first(after))
    ends = [p for p in d.appendable() if quiet(p, _next(d, p)) and not (_next(d, p) or p).guard]
    if ends and rng.random() < 0.5:
        para = rng.choice(ends)
        d.append(para, text)
        para.no_append = para.guard = True
        return
    spots = d.positions(quiet)
    if spots:
        d.insert(rng.choice(spots), text, guard=True)
    else:
        d.plants.pop()


def _next(d: Draft, para: Para) -> Para | None:
    i = d.index(para)
    return d.paras[i + 1] if i + 1 < len(d.paras) else None


def _plant_date(d: Draft) -> None:
    rng, year = d.rng, d.article.date.year
    phrasing, first, second = DATE_PAIRS[rng.randrange(len(DATE_PAIRS))]
    y1 = rng.randint(1972, year - 8)
    y2 = y1 + rng.choice((-1, 1)) * rng.randint(2, 6)
    m1, m2 = rng.sample(MONTHS, 2)
    d1 = rng.randint(1, 16)
    who = rng.choice(AGE_PEOPLE)
    fill = dict(y1=y1, y2=y2, m=m1, m2=m2, d1=d1, d2=d1 + rng.randint(3, 12), who=who,
                last=who.split()[-1])
    first = localise(first.format(**fill), d.article.dialect)
    second = localise(second.format(**fill), d.article.dialect)
    pid = d.plant("date-conflict", f"date-{phrasing}", f"{first[:40]} ... {second[:40]}", (1,))
    _pair(d, pid, first, second)


def _plant_vague(d: Draft) -> None:
    rng = d.rng
    n = rng.randrange(len(VAGUE))
    clause = rng.choice(CLAUSES)
    text = VAGUE[n].format(clause=clause, Clause=clause[0].upper() + clause[1:], role=rng.choice(ROLES))
    pid = d.plant("vague-attribution", f"vague-{n}", re.sub(r"\[\[|\]\]", "", text)[:50])
    d.add_sentence(pid, localise(text, d.article.dialect), share=0.7)


def _plant_seo(d: Draft) -> None:
    rng = d.rng
    spots = d.sentences(lambda s: _lowered(s) is not None)
    if spots and rng.random() < 0.5:
        n = rng.randrange(len(SEO_PREFIXES))
        prefix = _apostrophes(d, SEO_PREFIXES[n])
        if prefix.startswith("In conclusion"):  # it belongs on the last paragraph
            last = [x for x in spots if x[0] is d.body()[-1]]
            spots = last or spots
        para, i = rng.choice(spots)
        pid = d.plant("machine-filler", f"seo-prefix-{n}", prefix)
        d.replace(para, i, d.mark(pid, 0, prefix) + " " + _lowered(para.sentences[i]))
        return
    n = rng.randrange(len(SEO_SENTENCES))
    text = _apostrophes(d, SEO_SENTENCES[n])
    pid = d.plant("machine-filler", f"seo-sentence-{n}", text)
    lede = d.body()[0] if d.body() else None
    if lede is not None and not lede.no_append and rng.random() < 0.6:
        d.append(lede, d.mark(pid, 0, text))
    else:
        d.insert(rng.choice(d.positions()), d.mark(pid, 0, text))


def _misspell(rng: random.Random, name: str, taken: set[str]) -> tuple[str, str] | None:
    for phrasing, pattern, repl in rng.sample(NAME_VARIANTS, len(NAME_VARIANTS)):
        matches = list(re.finditer(pattern, name))
        rng.shuffle(matches)
        for m in matches:
            if phrasing == "vowel-swap":
                new = name[:m.start()] + NAME_VOWELS[m.group(1)] + name[m.end():]
            elif phrasing == "ending":
                new = name[:m.start()] + NAME_ENDINGS[m.group(1)]
            else:
                new = name[:m.start()] + m.expand(repl) + name[m.end():]
            if new != name and new.lower() not in taken and not getAllLemmas(new.lower()):
                return phrasing, new
    return None


def _name_like(word: str) -> bool:
    """A capitalised word no word list knows, and not a demonym or a day: most likely a name."""
    return (len(word) >= 4 and word[0].isupper() and word[1:].islower() and not getAllLemmas(word.lower())
            and not NOT_NAMES.search(word))


def _plant_name(d: Draft) -> None:
    rng = d.rng
    taken = {w.lower() for w in _WORD.findall(d.article.text)}
    seen: dict[str, list[tuple[Para, int, re.Match]]] = {}
    for para, i, m in _occurrences(d, _name_like):
        seen.setdefault(m.group(0), []).append((para, i, m))
    names = [(w, v) for w, v in sorted(seen.items())
             if len(v) >= 2 and any(_changeable(d, p, i) and (p, i) != (v[0][0], v[0][1]) for p, i, _ in v[1:])]
    rng.shuffle(names)
    for name, places in names:
        spelled = _misspell(rng, name, taken)
        if spelled is None:
            continue
        phrasing, new = spelled
        first = places[0]
        para, i, m = rng.choice([x for x in places[1:] if _changeable(d, x[0], x[1])
                                 and (x[0], x[1]) != (first[0], first[1])])
        pid = d.plant("name-variant", phrasing, f"{name} ... {new}", (1,))
        s = para.sentences[i]
        d.replace(para, i, s[:m.start()] + d.mark(pid, 1, new) + s[m.end():])
        d.wrap(pid, 0, *first)
        return


def _plant_phrase(d: Draft) -> None:
    rng = d.rng
    n = rng.randrange(len(STOCK_PHRASES))
    phrase = STOCK_PHRASES[n]
    spots = d.sentences(lambda s: _lowered(s) is not None)
    by_para: dict[int, tuple[Para, int]] = {}
    for para, i in rng.sample(spots, len(spots)):
        by_para.setdefault(id(para), (para, i))
    chosen = list(by_para.values())
    chosen += [x for x in spots if x not in chosen]
    count = rng.choice((3, 3, 4))
    if len(chosen) < count:
        return
    pid = d.plant("repeated-phrase", f"phrase-{n}", phrase, tuple(range(count)))
    for place, (para, i) in enumerate(chosen[:count]):
        d.replace(para, i, d.mark(pid, place, phrase) + ", " + _lowered(para.sentences[i]))


PLANTERS = {
    "date-conflict": _plant_date, "timeline-arithmetic": _plant_timeline,
    "number-conflict": _plant_number, "quote-no-speaker": _plant_quote,
    "unsourced-statistic": _plant_statistic, "vague-attribution": _plant_vague,
    "web-leftover": _plant_leftover, "machine-filler": _plant_seo, "dialect-mix": _plant_dialect,
    "name-variant": _plant_name, "wrong-era-official": _plant_wrong_era,
    "repeated-phrase": _plant_phrase, "duplicated-paragraph": _plant_duplicate,
    "doubled-word": _plant_doubled,
}
