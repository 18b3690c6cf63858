"""How the words around a figure say what it is about: the noun it counts, its verb, its subject, the
time it is said of, and whether it is a part, a rate or a plan (the reading behind consistency.number)."""
from __future__ import annotations

import re

from .consistency_lang import Token, canonical, config, noun_lemma, tokens, verb_form, verb_lemma
from .editorial_text import number_value

_SKIP_BEFORE = frozenset("""the a an of at to by for about nearly some around roughly almost over more than
less fewer under just least as many up estimated approximately its their his her our this that these
those worth valued totaling totalling totalled totaled value valuing amounting amounted of""".split())


_FRAME = re.compile(r"\b(?:(?:last|this|next|previous|the\s+same)\s+(?:year|month|week|season|quarter|"
                    r"spring|summer|autumn|fall|winter|weekend|period)|a\s+(?:year|month|week|decade)\s+"
                    r"(?:earlier|ago|before|later)|(?:in|during|by)\s+(?:January|February|March|April|May|June|"
                    r"July|August|September|October|November|December|the\s+(?:first|second|third|fourth)\s+"
                    r"(?:quarter|half))|on\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|"
                    r"(?:yesterday|today|tonight|overnight))\b", re.IGNORECASE)
_PRONOUNS = frozenset("it its they their them he his she her we our i you this that these those".split())
_SUBJECT_STOP = frozenset("said says told that who which and but also has have had will would could can was "
                          "were is are the a an its their his her this these those".split())


def present_tense(before: list[Token], rest: list[Token], c_lo: int) -> bool:
    near = [t.lower for t in before if t.start >= c_lo][-3:] + [t.lower for t in rest[:2]]
    if any(w in ("has", "have", "is", "are") for w in near):
        return not any(w in ("been",) or w.endswith("ed") for w in near)
    return any(w.endswith("s") and verb_lemma(w) and verb_lemma(w) != w for w in near)


def past_frames(frames: frozenset[str]) -> set[str]:
    return {f for f in frames if re.search(r"\b(?:last|previous|earlier|ago|before|same)\b", f)}


def context_words(text: str, start: int, end: int) -> frozenset[str]:
    out = set()
    for t in tokens(text, start, end):
        if t.text[0].isalpha() and len(t.text) > 2 and t.lower not in _SUBJECT_STOP:
            out.add(t.text if t.text[0].isupper() and t.start != start else
                    canonical(noun_lemma(t.lower) or t.lower))
    return frozenset(out)


def subject_words(text: str, before: list[Token], verb: str, c_lo: int) -> frozenset[str]:
    """Who or what does what a figure counts, when the verb comes first: "the refinery employs
    2,400 workers" -> {refinery}. Empty for a participle after a comma ("..., killing 19"), whose
    subject is the whole clause before it."""
    window = [t for t in before if t.start >= c_lo]
    k = next((i for i in range(len(window) - 1, -1, -1) if verb_lemma(window[i].text, light=False)), None)
    if k is None:
        return frozenset()
    if window[k].lower.endswith("ing") and re.search(r",\s*$", text[max(0, window[k].start - 3):window[k].start]):
        return frozenset()
    words = []
    for t in reversed(window[:k]):
        if t.lower in _SUBJECT_STOP or verb_form(t.text):
            if words or t.lower in ("said", "says", "told", "that"):
                break
            continue
        n = noun_lemma(t.lower) if t.text[0].islower() else None if t.lower in _PRONOUNS else t.text
        if n:
            words.append(n if t.text[0].isupper() else canonical(n))
        if len(words) == 3:
            break
    return frozenset(words)


def purpose_words(rest: list[Token], cfg) -> frozenset[str]:
    """The words of an "in ..." or "for ..." phrase just after a figure: "$29,023 in Delaware income
    tax" is about Delaware income tax, "$137,658 in federal income tax" about another sum."""
    if not rest or rest[0].lower not in ("in", "for", "on", "of", "to"):
        return frozenset()
    out = set()
    for t in rest[1:5]:
        if t.lower in cfg["not_nouns"] or t.lower in ("and",):
            if out:
                break
            continue
        if verb_lemma(t.text) or verb_form(t.text):
            if out:
                if noun_lemma(t.lower):
                    out.add(noun_lemma(t.lower))   # "on a new science building"
                break
            continue          # "in combined federal ... taxes"
        out.add(noun_lemma(t.lower) or t.lower)
    return frozenset(out)


def until_punctuation(text: str, start: int, rest: list[Token]) -> list[Token]:
    out, prev = [], start
    for t in rest:
        if re.search(r"[,;:()\u2014\u2013\"\u201c\u201d]", text[prev:t.start]):
            break
        out.append(t)
        prev = t.end
    return out


def end_of(after: list[Token], n: int) -> int:
    return after[min(n, len(after)) - 1].end if after and n else 0


def counted(after: list[Token], cfg) -> tuple[list[str], list[str], list[Token]]:
    """Noun lemmas of what a figure counts ("new jobs" -> [job]), participle modifiers
    ("displaced"), and the tokens after the noun phrase."""
    nouns: list[str] = []
    mods: list[str] = []
    i = 0
    while i < min(4, len(after)):
        w = after[i].lower
        if w in cfg["not_nouns"] or not w[0].isalpha():
            break
        n = noun_lemma(w)
        if w.endswith("ly") and not n:
            i += 1
            continue
        if n and not (nouns and w.endswith("ed")):
            nouns.append(n)
            i += 1
            if w != n or w in ("people", "staff", "police", "personnel"):
                break            # a plural ends the phrase: "visitors last summer"
            continue
        if nouns:
            break
        if w.endswith("ed") and verb_lemma(w):
            mods.append(w)
        i += 1
    return nouns, mods, after[i:]


def is_part(text: str, m, phrase_end: int, cfg, percent: bool = False) -> bool:
    """A part of a bigger figure ("including 4", "4 of them")."""
    near_before = text[max(0, m.start() - 22):m.start()]
    hit = None
    for hit in cfg["part_before"].finditer(near_before):
        pass
    if hit and not near_before[hit.end():].strip(" ,"):
        return True
    if not percent:
        near_after = text[m.end():m.end() + 16]
        hit = cfg["part_after"].search(near_after)
        if hit and not near_after[:hit.start()].strip(" ,"):
            return True
    return False


def rate_of(text: str, end: int, stop: int, cfg) -> str:
    """ "a day" in "300 tonnes of steel a day": a rate is compared only with the same rate."""
    tail = re.split(r"[,;:()\u2014]", text[end:min(stop, end + 40)], maxsplit=1)[0]
    hit = cfg["rate"].search(tail)
    return " ".join(hit.group().lower().split()) if hit else ""


def possessor(before: list[Token], c_lo: int) -> frozenset[str]:
    """Who has what a figure counts: "the city has 1.2 million residents" -> {city}."""
    window = [t for t in before if t.start >= c_lo]
    if not window or window[-1].lower not in ("has", "have", "had", "holds", "employs", "includes"):
        return frozenset()
    words = []
    for t in reversed(window[:-1]):
        if t.lower in _SUBJECT_STOP:
            if words:
                break
            continue
        n = noun_lemma(t.lower) if t.text[0].islower() else None if t.lower in _PRONOUNS else t.text
        if n:
            words.append(n)
        if len(words) == 2:
            break
    return frozenset(words)


# A base form just after the counted noun is its verb ("renters spend"), but not "trees last year".
_NOT_BARE = frozenset("last next this that more less most each every per a an the".split())
_TIME_WORDS = frozenset("year years month months week weeks day days night time season quarter".split())


def _s_form(word: str) -> str | None:
    """ "Crash kills 19": a verb in -s right before a figure, though it could be a noun elsewhere."""
    from .consistency_lang import _AUX, _lemmas
    verbs = _lemmas(word).get("VERB")
    if not verbs or word in _AUX or verbs[0] in _AUX or verbs[0] in config()["light"]:
        return None
    return verbs[0] if word.endswith("s") and word != verbs[0] else None


def predicate(before: list[Token], rest: list[Token], c_lo: int, c_hi: int) -> str | None:
    """The nearest full verb of the figure's clause: after it ("19 people died", "were killed",
    "42 percent of renters spend") or before it ("killing at least 19", "cut 1,200 jobs")."""
    for k, t in enumerate(rest[:6]):
        if t.start >= c_hi:
            break
        bare = k == 0 and t.lower not in _NOT_BARE and not (len(rest) > 1 and rest[1].lower in _TIME_WORDS)
        v = verb_lemma(t.text, after_modal=(k > 0 and rest[k - 1].lower in _MODALS_AUX) or bare)
        if v:
            return canonical(v)
        if t.lower not in _BETWEEN and not _is_light(t.lower):
            break
    back = [t for t in before if t.start >= c_lo][-6:]
    for k in range(len(back) - 1, -1, -1):
        t = back[k]
        modal = k > 0 and back[k - 1].lower in ("to", "will", "would", "could", "can", "may", "might", "must")
        v = verb_lemma(t.text, after_modal=modal, light=False) or (_s_form(t.lower) if k == len(back) - 1 else None)
        if v:
            for head in (t.lower, v):
                phrasal = f"{head} {back[k + 1].lower}" if k + 1 < len(back) else ""
                if phrasal and canonical(phrasal) != phrasal:
                    return canonical(phrasal)     # "lay off 4,000 staff"
            return canonical(v)      # a light verb here is the predicate: "leaving 50,000 homes"
    return None


def _lemmas_known_name(word: str) -> bool:
    """A capitalised word lemminflect does not know as a word: a name, not "Turnout"."""
    from .consistency_lang import _lemmas
    return not _lemmas(word.lower())


def participle(rest: list[Token]) -> str | None:
    """ "of the 81 people arrested": a participle just after the noun says what the figure counts."""
    if rest and rest[0].lower.endswith(("ed", "en", "wn", "ht")):
        v = verb_lemma(rest[0].text)
        return canonical(v) if v else None
    return None


def measured_noun(before: list[Token], c_lo: int, money: bool) -> tuple[str | None, str | None]:
    """The noun a sum or count measures or belongs to when it comes first: "a budget of $4
    billion", "the bill would cost $1.2 trillion"."""
    window = [t for t in before if t.start >= c_lo][-6:]
    for k in range(len(window) - 1, -1, -1):
        w = window[k].lower
        if w in _SKIP_BEFORE or w in _MODALS_AUX:
            continue
        if verb_form(w) and not verb_lemma(w):
            continue              # "turnout reached 61 percent", "the bill totals $4 billion"
        verb = verb_lemma(w, after_modal=k > 0 and window[k - 1].lower in _MODALS_AUX)
        if verb:
            if money and canonical(verb) == "cost":
                continue
            return None, None
        t = window[k]
        n = noun_lemma(w)
        if not (n and (t.text[0].islower() or k == 0 and not _lemmas_known_name(t.text))):
            return None, None
        q = window[k - 1].lower if k > 0 and window[k - 1].lower not in _SKIP_BEFORE else None
        return n, q
    return None, None


_BETWEEN = frozenset("""were was have had been are is has reportedly later all also who being be now
will would could can may might must should they that it he she we there then still""".split())
PREPOSITIONS = frozenset("of on in at for from with to by among between into onto over under about".split())


def _is_light(word: str) -> bool:
    from .consistency_lang import _lemmas
    verbs = _lemmas(word).get("VERB")
    return bool(verbs) and verbs[0] in config()["light"] and word.endswith(("ed", "id", "ld", "s"))


_MODALS_AUX = frozenset("will would could can may might must should shall is are was were be been has "
                        "have had does do did".split())
DETERMINERS = frozenset("the a an its their his her our my your this that these those".split())


def unit_of(num: str, scale: str | None, value: float) -> float:
    """How precisely a figure is stated: "4.2 billion" to 0.1 billion, "2,000" to a thousand,
    "523" and "500" to one (below 1,000 a round number is read as exact)."""
    mult = number_value("1 " + scale.lower()) if scale else 1.0
    digits = num.replace(",", "")
    if not digits[0].isdigit():
        return mult or 1.0
    if "." in digits:
        return (mult or 1.0) * 10 ** -len(digits.split(".")[1])
    if scale:
        return mult or 1.0
    if value >= 1000:
        return float(10 ** (len(digits) - len(digits.rstrip("0"))))
    return 1.0



def frames_in(text: str, start: int, end: int):
    """The time phrases of a clause: "last year", "in June", "on Monday"."""
    return _FRAME.finditer(text, start, end)
