"""consistency.number: one count, sum or percentage stated twice with two values, for any subject.

A figure (consistency_figures.py) is grouped by what it is about: the lemma of the noun it counts
("1,200 jobs" -> job), the lemma of its predicate ("were killed", "killing" -> kill, through the
same-meaning table), the noun it measures ("a budget of $4 billion"), its subject and the names in
its clause. Figures that changed, are compared, are a part of another, are said of another time or
sit in one sentence together are not restatements.
"""
from __future__ import annotations

from ..core.document import Document
from ..core.flags import Flag, Severity, Span
from .consistency_figure_words import past_frames
from .consistency_figures import Figure, find_counts
from .consistency_lang import and_list as _and_list, canonical, clash_groups, config

CHECK = "consistency"
RULE = "consistency.number"


def interval(f: Figure) -> tuple[float, float]:
    """What a stated figure allows. "At least 19" is a confirmed count of 19, so 23 elsewhere
    disagrees; "more than 1,000" is a round lower bound, so 1,200 does not."""
    v, a = f.value, f.approx
    slack = 0.5 if f.round_figure else 0.05
    if a in ("at least", "more than", "over", "just over", "well over", "as many as"):
        return v, v * (1 + slack)
    if a in ("nearly", "almost", "just under", "under", "less than", "fewer than", "close to"):
        return v * (1 - min(0.3, slack)), v
    if a == "up to":
        return 0.0, v
    if a:
        return v * (0.85 if f.round_figure else 0.9), v * (1.15 if f.round_figure else 1.1)
    return v - f.unit / 2, v + f.unit / 2   # "1.5 million" is how one says 1,523,000


def same_thing(a: Figure, b: Figure) -> bool:
    generic = config()["generic"]
    if a.kind != b.kind or a.sentence == b.sentence:
        return False
    if (a.spelled and not a.verb) or (b.spelled and not b.verb):
        return False
    sources = {a.soft_names, b.soft_names}
    weak = "main" in sources and (sources == {"main"} or "back" in sources or not (a.verb and b.verb))
    if a.names and b.names and not weak and not (a.names & b.names):
        return False      # "Meridian employs 11,000" is not the story's company employing 18,000
    if a.years and b.years and not (a.years & b.years):
        return False
    if a.qualifier and b.qualifier and a.qualifier != b.qualifier:
        return False
    if a.subject and b.subject and not (a.subject & b.subject) and \
            not (a.subject & b.context) and not (b.subject & a.context):
        return False      # "the refinery employs 2,400" and "the mine employs 1,800"
    if (a.frames and b.frames and not (a.frames & b.frames)) or \
            bool(past_frames(a.frames)) != bool(past_frames(b.frames)):
        return False      # "has 450 students" and "last year it had 420"
    if (a.verb and b.verb and a.future != b.future) or (a.purpose and b.purpose and a.purpose != b.purpose):
        return False
    verbs_agree = not (a.verb and b.verb) or a.verb == b.verb or a.verb in b.nouns or b.verb in a.nouns
    if not verbs_agree or a.rate != b.rate:
        return False      # "the 5,500 layoffs will be spread" still counts what "lay off" does
    about_a = a.nouns | a.purpose | ({a.verb} if a.verb else set())
    about_b = b.nouns | b.purpose | ({b.verb} if b.verb else set())
    if a.noun and b.noun and canonical(a.noun) not in about_b and canonical(b.noun) not in about_a:
        return False
    strong = ((a.nouns & about_b) | (about_a & b.nouns)) - generic   # not just the same verb
    if a.kind == "percent":
        # "turnout reached 61 percent" / "turnout was 54 percent"; "58 percent of the vote" needs its verb
        if a.measured and a.measured == b.measured:
            return True
        return bool(a.verb and a.verb == b.verb and strong)
    strong |= (a.purpose & b.nouns) | (b.purpose & a.nouns)    # "spend $75 million on a building"
    if strong:
        return True
    if a.verb and a.verb == b.verb:
        # "killing at least 19" (no noun) and "killed 23 people": the same count (a bare figure
        # whose noun was left out, "men walked 5,900", took it from the figure before it)
        if a.noun and b.noun:
            return bool(a.nouns & b.nouns)
        return True
    return False


def disagree(a: Figure, b: Figure) -> bool:
    lo_a, hi_a = interval(a)
    lo_b, hi_b = interval(b)
    return hi_a < lo_b or hi_b < lo_a


def number_flags(doc: Document) -> list[Flag]:
    figures = find_counts(doc)
    groups = clash_groups(figures, lambda a, b: disagree(a, b) and same_thing(a, b), reach=400)
    flags = []
    text = doc.text
    for members in groups:
        figs = [figures[i] for i in members]
        stated = _and_list(list(dict.fromkeys(" ".join(text[f.start:f.end].split()) for f in figs)))
        label = _label(figs)
        places = tuple(Span(f.start, f.end) for f in figs)
        flags.append(Flag(CHECK, RULE, "consistency", places[0].start, places[0].end,
                          f"Two different figures for {label}: {stated}. Check which is right, or say "
                          f"why they differ.", Severity.WARNING, (), places))
    return flags


def _label(figs: list[Figure]) -> str:
    from lemminflect import getInflection
    verb = next((f.verb for f in figs if f.verb), None)
    noun = next((f.noun for f in figs if f.noun and f.noun not in config()["generic"]), None)
    noun = noun or next((f.noun for f in figs if f.noun), None)
    parts = []
    if noun:
        parts.append(noun if figs[0].kind == "percent" else _plural(noun))
    if verb:
        parts.append((getInflection(verb, "VBN") or (verb,))[0])
    return "the " + " ".join(parts) if parts else "the same thing"


def _plural(noun: str) -> str:
    from lemminflect import getInflection
    forms = getInflection(noun, "NNS")
    return forms[0] if forms and noun not in ("people", "staff") else noun

