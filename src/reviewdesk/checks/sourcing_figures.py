"""Which figures in a draft are statistics with no source: shares, rates, "one in 50", counts of people
affected, told apart from measurements, addresses, ages, prices and an actor's own sums."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from ..core.document import Document
from ..core.flags import Span
from .editorial_lists import load_lines, load_phrases
from .editorial_text import WORD_NUMBER, Quantity, SpanIndex, find_figures

# What a measurement measures: the size, distance or duration of a thing described ("a crater 460 feet
# wide", "the next 250 years") is not a statistic that needs a source.
_UNITS = frozenset("""foot feet ft inch inches yard yards yd mile miles meter meters metre metres km
kilometer kilometers kilometre kilometres cm centimeter centimeters centimetre centimetres mm millimeter
millimetre millimeters millimetres acre acres hectare hectares square cubic sq gallon gallons litre litres
liter liters ml pound pounds lb lbs ounce ounces oz ton tons tonne tonnes kg kilogram kilograms gram grams
degree degrees mph kph knot knots volt volts watt watts kilowatt kilowatts megawatt megawatts gigawatt
gigawatts calorie calories byte bytes megabyte megabytes gigabyte gigabytes terabyte terabytes pixel pixels
year years month months week weeks day days hour hours minute minutes second seconds decade decades century
centuries millennium light-year light-years storey storeys story stories floor floors lap laps
horsepower hp""".split())
# Terms of a deal, not measurements of a population: "a 24% pay raise", "a 10 percent tariff".
_TERM_AFTER_PERCENT = re.compile(r"[\s-]*(?:annual\s+|yearly\s+|monthly\s+)?(?:pay|raise|wage|salary|tariff|"
                                 r"tax|levy|discount|stake|interest|commission|fee|bonus|dividend|down\s+"
                                 r"payment|deposit|royalty|markup|mark-up|surcharge|rebate|tip|coupon|"
                                 r"alcohol|abv|chance|probability|efficacy|premium)\b", re.IGNORECASE)
_TERM_BEFORE_PERCENT = re.compile(r"\b(?:tax|interest|mortgage|tariff|commission|discount|royalty|vat|"
                                  r"withholding|coupon|dividend|fixed|annual\s+percentage)\s+rates?\s+"
                                  r"(?:of|is|was|at|to|from)\s+(?:(?:about|around|roughly|nearly|just)\s+)?$",
                                  re.IGNORECASE)
# Changing a thing by a share is a term of the change ("raises property taxes by 4%"); a verb with
# no object ("prices increased by 4%") is a statistic and stays.
_ACTION_BY = re.compile(r"\b(?:raises?|raised|raising|cuts?|cutting|lowers?|lowered|lowering|lifts?|lifted|"
                        r"increases?|increased|increasing|boosts?|boosted|reduces?|reduced|reducing|hikes?|hiked|"
                        r"trims?|trimmed|slashes|slashed)\s+(?:(?:the|its|their|his|her|our|all)\s+)?"
                        r"[a-z]+(?:\s+[a-z]+)?\s+by\s+(?:(?:about|around|nearly|roughly|up\s+to)\s+)?$",
                        re.IGNORECASE)
_STREET = re.compile(r"\s+(?:[A-Z][\w.'-]*\s+){1,4}?(?:St|Street|Ave|Avenue|Rd|Road|Dr|Drive|Blvd|Boulevard|"
                     r"Lane|Ln|Way|Place|Pl|Court|Ct|Square|Sq|Parkway|Pkwy|Highway|Hwy|Terrace|Crescent|"
                     r"Close|Row|Suite|Building|Plaza)\b\.?")
_PHONE = re.compile(r"(?:\+?\d{1,3}[\s.-]?)?\(?\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}|\+\d[\d\s-]{7,}\d")
_AGE_BEFORE = re.compile(r"\b(?:aged|age|ages|at\s+the\s+age\s+of|died\s+at|turned|turns)\s*$", re.IGNORECASE)
_AGE_AFTER = re.compile(r"[\s-]*(?:years?[\s-]+old|year-old|-year-old|-years-old)", re.IGNORECASE)
_CURRENCY = re.compile(r"[$\u00a3\u20ac\u00a5]|\b(?:dollars?|euros?|pounds?\s+sterling|yen|yuan|rupees?|"
                       r"francs?|pesos?)\b", re.IGNORECASE)
# "For millions of veterans", "to the millions of people touched by her life": a way of speaking
# when the vague count follows a preposition or an article; "Tens of thousands fled" is a count.
_RHETORICAL_BEFORE = re.compile(r"\b(?:for|to|of|the|among|with|by|from|across|around|in|on|like|and|"
                                r"these|those|inspired|touched|reached|moved|served)\s*$", re.IGNORECASE)
# A ratio or a fraction of a population: "one in 50 adults", "two out of three voters", "half of all
# nurses". find_figures leaves these out (no digit over 100, no percent sign).
_RATIO = re.compile(rf"(?<![\w-])(?:(?:about|around|roughly|nearly|almost|some|more than|fewer than|less "
                    rf"than|over|under|just over|just under|as many as|at least|only)\s+)?"
                    rf"(?:{WORD_NUMBER}|\d+)\s+(?:in|out\s+of)\s+(?:every\s+)?(?:{WORD_NUMBER}|\d[\d,]*)"
                    rf"(?=\s+[a-z])"
                    rf"|(?<![\w-])(?:(?:about|around|roughly|nearly|almost|more than|fewer than|less than|"
                    rf"over|under|just over|just under|only)\s+)?(?:half|a\s+third|a\s+quarter|a\s+fifth|"
                    rf"a\s+tenth|one[\s-](?:third|quarter|fifth|tenth)|two[\s-]thirds|three[\s-]quarters)"
                    rf"\s+of\s+(?:all\s+|the\s+)?"
                    rf"(?!(?:its|his|this|us|was|has|is|hers|theirs|ours|yours)\b)(?:[a-z]+(?:['\u2019]s)?\s+)?"
                    rf"(?:[a-z]+s|people|men|women|children)\b", re.IGNORECASE)
_SENTENCE_MARKER_FILE = "sourcing_markers.txt"
_PARAGRAPH_MARKER_FILE = "sourcing_studies.txt"
_VAGUE_LEAD = re.compile(r"\b(?:tens|hundreds|many|several)\s+of\s+$", re.IGNORECASE)
# Counted nouns of a population: a count of these is a statistic someone compiled.
_POPULATION = frozenset("""people person persons resident adult child children kid teen teenager youth student
pupil patient worker employee staff voter user customer consumer household family families home house migrant
immigrant refugee asylum-seeker civilian soldier troop death case infection victim casualty job business
company firm school hospital arrest visitor tourist member subscriber viewer reader fan protester
demonstrator applicant claim complaint incident crime shooting attack american briton canadian australian
european african asian mexican indian chinese women men girl boy baby infant senior retiree veteran nurse
doctor teacher farmer driver prisoner inmate detainee displaced homeless unemployed""".split())
_HAS_BEFORE = re.compile(r"\b(?:has|have|had|employs|employed|employing|is\s+home\s+to|was\s+home\s+to|"
                         r"home\s+to|population\s+of|workforce\s+of|staff\s+of|enrollment\s+of|enrolment\s+of)"
                         r"\s+(?:(?:about|around|roughly|nearly|almost|some|more\s+than|over|just\s+over|"
                         r"fewer\s+than|less\s+than|only|just)\s+)?$", re.IGNORECASE)
_MARKET = re.compile(r"\b(?:shares?|stocks?|index|indexes|indices|Dow|Nasdaq|S&P|FTSE|Nikkei|DAX|bonds?|"
                     r"yields?|futures|currency|dollar|euro|pound|yen|bitcoin|crude|oil|gold|bullion)\b",
                     re.IGNORECASE)
_CROWD_AFTER = re.compile(r"\s*(?:\w+\s+){0,3}?(?:attended|gathered|turned\s+out|showed\s+up|marched|rallied|"
                          r"watched|packed|filled|lined|queued|cheered|joined)\b", re.IGNORECASE)
_CROWD_BEFORE = re.compile(r"\b(?:in\s+front\s+of|a\s+crowd\s+of|crowds?\s+of|watched\s+by|attendance\s+of|"
                           r"audience\s+of|sell-out|sellout|capacity)\s+(?:(?:about|around|nearly|some|more\s+than|"
                           r"over|almost)\s+)?$", re.IGNORECASE)
_ESTIMATE_CUE = re.compile(r"\b(?:estimated|estimates?|cost(?:s|ing)?\s+(?:the|taxpayers|an\s+estimated)|"
                           r"could\s+cost|would\s+cost|will\s+cost|losses|damages?|toll|on\s+average|average|"
                           r"median|killed|died|dead|deaths|injured|wounded|displaced|evacuated|infected|"
                           r"hospitali[sz]ed|missing|affected|lost\s+their|without\s+power)\b", re.IGNORECASE)
_CHANGE_BEFORE = re.compile(r"\b(?:fell|rose|dropped|jumped|climbed|gained|lost|slipped|surged|tumbled|plunged|"
                            r"soared|declined|increased|decreased|grew|shrank|slid|sank|rallied|"
                            r"edged\s+(?:up|down)|(?:was|were)\s+(?:up|down))\s+(?:by\s+)?"
                            r"(?:about\s+|nearly\s+|almost\s+|more\s+than\s+)?$", re.IGNORECASE)
_NEXT_SENTENCE_CREDIT = re.compile(r"according\s+to|said|says|told|estimated|estimates|reported|counted|"
                                   r"calculated|per|citing", re.IGNORECASE)
_FIRST_PERSON = re.compile(r"\b(?:I|my|we|our|us)\b")
# A personal pronoun or a proper name acting in the sentence: the actor's own sums ("They paid
# $169,820 in taxes", "Acme agreed a $19 billion takeover") need no one else's word.
_PRONOUN_ACTOR = re.compile(r"\b(?:I|we|he|she|they|our|my|his|her|their)\b", re.IGNORECASE)
_PROPER = re.compile(r"(?<=[\w,;:)] )[A-Z][a-z]+|\b[A-Z]{2,}\b")


@dataclass(frozen=True)
class Figure:
    start: int
    end: int
    text: str


class FigureFinder:
    """Finds statistics with no source; built once per draft."""

    def __init__(self, doc: Document, sentences: SpanIndex, blocks: SpanIndex,
                 actor_spans: list[tuple[int, int]], credited_sentences: set[int],
                 vague_spans: list[tuple[int, int]] = ()):
        self.doc, self.text = doc, doc.text
        self.sentences, self.blocks = sentences, blocks
        self.actor_sentences = {sentences.index(s) for s, _ in actor_spans}
        self.credited_sentences = credited_sentences
        text = self.text

        def counts(m) -> bool:  # "reports indicate" is flagged as vague; it sources nothing
            return not doc.in_quote(m.start, m.end) and not any(s < m.end and m.start < e for s, e in vague_spans)

        self.sentence_markers = [(m.start, m.end) for m in load_phrases(_SENTENCE_MARKER_FILE).finditer(text)
                                 if counts(m)]
        self.paragraph_markers = [(m.start, m.end) for m in load_phrases(_PARAGRAPH_MARKER_FILE).finditer(text)
                                  if counts(m)]
        self.titles = _the_title_regex()
        self._quote_starts = [q.start for q in doc.quotes]

    def unsourced(self) -> list[Figure]:
        text = self.text
        found: list[Figure] = []
        candidates = []
        for q in find_figures(text):
            if not self._is_statistic(q):
                continue
            # find_figures reads "Tens" of "Tens of thousands" as "ten" and keeps only "thousands of ...".
            lead = _VAGUE_LEAD.search(text, max(0, q.start - 20), q.start)
            start = lead.start() if lead else q.start
            candidates.append(Figure(start, q.end, text[start:q.end]))
        taken = [(f.start, f.end) for f in candidates]
        for m in _RATIO.finditer(text):
            if not any(s < m.end() and m.start() < e for s, e in taken):
                candidates.append(Figure(m.start(), m.end(), m.group()))
        for figure in sorted(candidates, key=lambda f: f.start):
            if self.doc.in_quote(figure.start, figure.end):
                continue  # the speaker is the source, and the quote rule checks the speaker
            if self.blocks.spans and not self.blocks.at(figure.start).is_prose:
                continue
            if not self._sourced(figure):
                found.append(figure)
        return found

    def _is_statistic(self, q: Quantity) -> bool:
        text = self.text
        num_end = _number_end(text, q)
        following = re.match(r"[\s-]*\(?([A-Za-z][\w-]*)", text[num_end:num_end + 30])
        word = following.group(1).lower() if following else ""
        sentence = self.sentences.at(q.start)
        if q.unit == "percent":
            if _TERM_AFTER_PERCENT.match(text, q.end, q.end + 30) or \
                    _TERM_BEFORE_PERCENT.search(text, max(0, q.start - 40), q.start) or \
                    _ACTION_BY.search(text, max(sentence.start, q.start - 60), q.start):
                return False
            # "Acme's shares fell 4%": a price's own change, read off a market board.
            change = _CHANGE_BEFORE.search(text, max(0, q.start - 30), q.start)
            return not (change and _MARKET.search(text, max(sentence.start, q.start - 80), q.start))
        if word in _UNITS or word.split("-")[0] in _UNITS:
            return False
        if _STREET.match(text, num_end, num_end + 60) or re.match(r"[\s-]*\d{3}", text[num_end:num_end + 5]):
            return False  # an address or a phone number
        if any(m.start() <= q.start < m.end() for m in _PHONE.finditer(text, max(0, q.start - 8), q.start + 20)):
            return False
        if _AGE_BEFORE.search(text, max(0, q.start - 20), q.start) or _AGE_AFTER.match(text, num_end):
            return False
        if q.value is None:
            lead = _VAGUE_LEAD.search(text, max(0, q.start - 20), q.start)
            start = lead.start() if lead else q.start
            return not _RHETORICAL_BEFORE.search(text, max(0, start - 20), start)
        if _CURRENCY.search(text, q.start, min(q.end + 12, sentence.end)):
            # A sum is a statistic when it is an estimate or a toll ("the repairs will cost $4 billion"),
            # not a price, a deal or a sum someone paid ("They paid $169,820 in taxes").
            return bool(_ESTIMATE_CUE.search(text, sentence.start, sentence.end)) and not self._has_actor(q.start)
        counted = [re.sub(r"ies$", "y", w.lower()).rstrip("s") if len(w) > 3 else w.lower()
                   for w in re.findall(r"[A-Za-z][\w-]*", text[num_end:num_end + 40])[:2]]
        if any(w in _POPULATION or w + "s" in _POPULATION for w in counted):
            # "The town has about 11,000 residents", "employs 2,400 people": what a place or a firm
            # is, not a toll someone compiled; "about 200 people attended": what the reporter saw.
            return not (_CROWD_AFTER.match(text, num_end, num_end + 50)
                        or _CROWD_BEFORE.search(text, max(sentence.start, q.start - 40), q.start)
                        or _HAS_BEFORE.search(text, max(sentence.start, q.start - 40), q.start))
        # Other counts ("500,000 vaccines", "32,000 projects") are the story's facts, not statistics,
        # unless told as an estimate or a toll.
        return bool(_ESTIMATE_CUE.search(text, sentence.start, sentence.end))

    def _has_actor(self, offset: int) -> bool:
        i = self.sentences.index(offset)
        if i in self.actor_sentences or i in self.credited_sentences:
            return True
        s = self.sentences.spans[i]
        body = self.text[s.start:s.end]
        return bool(_PRONOUN_ACTOR.search(body) or _PROPER.search(body))

    def _sourced(self, figure: Figure) -> bool:
        i = self.sentences.index(figure.start)
        # A person or body in the figure's own sentence is its source; in the next one only when it
        # speaks (a marker below), since the next sentence is often about something else.
        if i in self.actor_sentences or {i, i + 1} & self.credited_sentences:
            return True
        span = self.sentences.spans[i]
        block = self.blocks.at(figure.start) if self.blocks.spans else span
        if self.titles.search(self.text, span.start, span.end):
            return True  # "the President highlighted the 32,000 projects": the officeholder speaks
        if _FIRST_PERSON.search(self._outside_quotes(span)):
            return True  # "my plan helped 220,000 providers": the writer vouches for it (a statement)
        hi = self.sentences.spans[min(len(self.sentences.spans) - 1, i + 1)]
        for start, end in self.sentence_markers:
            if span.start <= start < span.end and not self._own_verb(figure, start):
                return True
            # The next sentence of the paragraph credits the figure when it says who gave it
            # ('..., officials said.'), not when it merely shows or announces something else.
            if hi.start <= start < hi.end and i + 1 < len(self.sentences.spans) and hi.start < block.end \
                    and _NEXT_SENTENCE_CREDIT.fullmatch(self.text[start:end]) and not self._quotes_in(hi):
                return True
        for start, end in self.paragraph_markers:
            if block.start <= start < block.end or hi.start <= start < hi.end:
                return True
        return False

    def _quotes_within(self, span: Span):
        k = bisect.bisect_left(self._quote_starts, span.start)
        while k < len(self._quote_starts) and self._quote_starts[k] < span.end:
            yield self.doc.quotes[k]
            k += 1

    def _outside_quotes(self, span: Span) -> str:
        text = self.text[span.start:span.end]
        for q in self._quotes_within(span):
            a, b = q.start - span.start, min(q.end, span.end) - span.start
            text = text[:a] + " " * (b - a) + text[b:]
        return text

    def _quotes_in(self, span: Span) -> bool:
        """A sentence with a quotation in it: its 'said' credits the quote, not an earlier figure."""
        return next(self._quotes_within(span), None) is not None

    def _own_verb(self, figure: Figure, marker_start: int) -> bool:
        """"About 60 percent of voters say ...": the counted people speak, nobody counted them."""
        if marker_start < figure.end:
            return False
        gap = self.text[figure.end:marker_start]
        return len(gap) <= 40 and not re.search(r"[,;:.!?()\n\u2014\u2013\"\u201c\u201d]", gap)


def _number_end(text: str, q: Quantity) -> int:
    """Where the number (with its scale word) ends inside the figure's text."""
    m = _NUMBER_PART.match(text, q.start, q.end)
    if m:
        return m.end()
    words = q.text.split()
    return q.start + len(words[0]) if words else q.end


_NUMBER_PART = re.compile(r"[^\d]*?(?:[$\u00a3\u20ac]\s?)?[\d.,]+"
                          r"(?:\s*(?:million|billion|trillion|thousand|hundred|bn)\b)?", re.IGNORECASE)


@lru_cache(maxsize=None)
def _the_title_regex() -> re.Pattern[str]:
    """"the President", "the Governor": an officeholder named by the post (titles.txt)."""
    titles = sorted(load_lines("titles.txt"), key=len, reverse=True)
    alternation = "|".join(re.escape(t).replace(r"\ ", r"\s+") for t in titles)
    return re.compile(rf"\b[Tt]he\s+(?:{alternation})(?![\w-])")
