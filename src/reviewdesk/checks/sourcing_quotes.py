"""Which quotations in a draft have no speaker: stand-alone quote paragraphs and quotes inside sentences,
told apart from scare quotes, titles of works, sayings and fiction dialogue."""
from __future__ import annotations

import bisect
import re

from ..core.document import Document
from ..core.flags import Span
from .editorial_lists import load_phrases
from .editorial_names import SPEECH, names_speaker
from .editorial_text import SpanIndex

# A quotation this short is a term or a scare quote ("Battle of Bakhmut"), not someone's words.
MIN_QUOTE_WORDS = 3
# Up to this many words, a quote that is not a sentence of its own is a term ('the "peace through
# strength" doctrine'); longer fragments are someone's words even without a full stop.
TERM_WORDS = 4
QUOTE_OPENERS = "\"\u201c\u2018'"
_SMALL_WORDS = frozenset("a an and as at but by for from in into of on or the to with vs via nor".split())
# A speech verb away from the quote credits it when it reports speech: "continued cooperation" or
# "added to the list" do not. Case matters: "States" in "United States" is no speech verb.
_SPEECH_ANYWHERE = re.compile(rf"\b(?!continue)(?!add(?:ed|s)\s+to\b){SPEECH}\b(?!\s+(?:to|for|by|with|up)\b)"
                              r"|\bsp(?:oke|eaks|eaking)\s+(?:to|with)\b")
# Verbs that put words in the subject's mouth as a description: 'She called the flood "the worst
# disaster in memory"', 'he described the plan as "a gift to landlords"'. Only in the quote's own sentence.
_CHARACTERISE = re.compile(r"\b(?:call(?:s|ed|ing)|hail(?:s|ed|ing)|prais(?:es|ed|ing)|dismiss(?:es|ed|ing)|"
                           r"derid(?:es|ed|ing)|describ(?:es|ed|ing)|characteri[sz](?:es|ed|ing)|"
                           r"sum(?:s|med)\s+up|brand(?:s|ed|ing)|label(?:s|led|ed|ling|ing)|term(?:s|ed)|mock(?:s|ed|ing)|"
                           r"promis(?:es|ed|ing)|pledg(?:es|ed|ing)|vow(?:s|ed|ing))\b")
# Beside the quote, on its own line: a verb in the next paragraph ("They also spoke about ...")
# is not the quote's speaker.
_VERB_AFTER = re.compile(rf"[^\S\n]*,?[^\S\n]*(?:\w+[^\S\n]+){{0,3}}?{SPEECH}\b")
_VERB_BEFORE = re.compile(rf"\b{SPEECH}[^\S\n]*[,:]?[^\S\n]*$")
# The paragraph before a quote paragraph introduces its speaker when it reports speech ("Smith said
# the plan would work."); "They announced a new fund" or "called it overdue" do not hand on a voice.
_REPORTS = re.compile(r"\b(?:said|says|told|tells|added|adds|explained|explains|wrote|writes|noted|notes|"
                      r"recalled|recalls|argued|argues|insisted|insists|warned|warns|stated|states|declared|"
                      r"asked|asks|replied|answered|testified)\b(?!\s+(?:to|for|by|up|with)\b)|"
                      r"\b(?:put|puts)\s+it\b|\bsp(?:oke|eaks)\s+(?:to|with)\b")
# A sentence about a person, just before a quote in the same paragraph, hands the quote to them:
# 'Jones was blunt. "It will fail."', 'She shrugged. "We tried."'.
_PERSON_SUBJECT = re.compile(r"\s*(?!(?:The|A|An|This|That|These|Those|It|Its|There|Their|Our)\b)"
                             r"(?:(?:Mr|Mrs|Ms|Dr|Prof)\.?\s+)?(?:[A-Z][a-z]+(?:[-'\u2019][A-Z][a-z]+)?"
                             r"(?:\s+[A-Z][a-z]+){0,2}|He|She|They)\s+(?:was|is|were|are|had|has|seemed|looked|"
                             r"remained|sounded|grew|became|appeared|sat|stood|shook|smiled|laughed|paused|"
                             r"shrugged|nodded|sighed|frowned|hesitated|agreed|disagreed|insisted|went\s+further|"
                             r"put\s+it\s+bluntly)\b")
# Fiction tells its speakers by turns and with verbs news copy rarely uses.
_FICTION_SPEECH = re.compile(r"[,!?\u2014-][\"\u201d\u2019]\s*(?:\w+\s+){0,3}?(?:replied|cried|exclaimed|"
                             r"whispered|murmured|shouted|retorted|sighed|rejoined|returned|stammered|"
                             r"muttered|answered)\b|\bsaid\s+(?:he|she|I)\b")
# Where the next paragraph credits a quote paragraph: '"...."\n\nSaid the mayor: ...', '— Jane Roe'.
_NEXT_CREDITS = re.compile(r"\s*(?:[\u2014\u2013-]+\s*[A-Z]|(?:So\s+)?(?:[Ss]aid|[Ss]ays|[Ww]rote|[Aa]dded)\b)")


class QuoteFinder:
    """Finds quotations with no speaker; built once per draft."""

    def __init__(self, doc: Document, sentences: SpanIndex, blocks: SpanIndex, known_names: list[str]):
        self.doc, self.text = doc, doc.text
        self.sentences, self.blocks = sentences, blocks
        self.known_names = known_names
        self.quotes = doc.quotes
        self._quote_starts = [q.start for q in self.quotes]
        self.intros = load_phrases("sourcing_quote_intros.txt")
        self.terms = load_phrases("sourcing_quote_terms.txt")
        self.dialogue = _dialogue_document(doc)

    def unattributed(self, vague_sentences: set[int]) -> list[Span]:
        out = []
        for quote in self.quotes:
            if self._is_unattributed(quote, vague_sentences):
                out.append(quote)
        return out

    def _is_unattributed(self, quote: Span, vague_sentences: set[int]) -> bool:
        text = self.text
        inner = text[quote.start + 1:quote.end - 1]
        if inner != inner.strip() or inner[:1] in ",;:.!?":
            return False  # a closing and an opening mark paired up by mistake: '" said she; "'
        words = inner.split()
        if len(words) < MIN_QUOTE_WORDS or _is_title(words):
            return False
        if not self.blocks.spans:
            return False
        block = self.blocks.at(quote.start)
        if not block.is_prose:
            return False
        opens_block = text[block.start:block.start + 1] in QUOTE_OPENERS and quote.start == block.start
        if opens_block and self.dialogue:
            return False  # fiction and transcripts name their speakers by turns
        i = self.sentences.index(quote.start)
        j = self.sentences.index(quote.end - 1)
        if vague_sentences & {i - 1, i, j}:
            return False  # the vague attribution is flagged already, in words the editor can act on
        sentence = Span(self.sentences.spans[i].start, self.sentences.spans[j].end)
        if not opens_block and self._is_term(quote, inner, words, sentence):
            return False
        if self._introduced(sentence):
            return False
        if _VERB_AFTER.match(text, quote.end, quote.end + 40) or \
                _VERB_BEFORE.search(text, max(0, quote.start - 30), quote.start) or self._continues(quote):
            return False  # '"...," said his wife' / 'the statement said: "..."': credited in place
        outside = self._outside_quotes(sentence)
        if _credits(outside) or _CHARACTERISE.search(outside):
            return False  # '"...," the author of the book writes' / 'He called the plan "..."'
        if re.search(r":\s*$", text[max(sentence.start, quote.start - 3):quote.start]) and \
                len(text[sentence.start:quote.start].split()) >= 2:
            return False  # 'The report was blunt: "..."': what comes before the colon gives it
        prev = self.sentences.spans[max(0, i - 1)]
        if opens_block or prev.start < block.start:
            prev = sentence  # the paragraph before is weighed below, by what it says, not whom it names
        elif _SPEECH_ANYWHERE.search(self._outside_quotes(prev)) or _PERSON_SUBJECT.match(text, prev.start):
            return False  # 'A spokesperson said the plant would reopen. "We expect ..."' / 'Jones was blunt.'
        passage = self._outside_quotes(Span(prev.start, sentence.end))
        if names_speaker(passage, self.known_names):
            return False
        if opens_block and self._credited_by_neighbours(block):
            return False
        return True

    def _is_term(self, quote: Span, inner: str, words: list[str], sentence: Span) -> bool:
        """'the "peace through strength" doctrine': a few words used as a name, not said by anyone."""
        if len(words) > TERM_WORDS or inner.rstrip()[-1:] in ".!?,;:":
            return False
        before = self.text[sentence.start:quote.start].rstrip()
        return bool(before) and before[-1:] not in ":,"

    def _introduced(self, sentence: Span, terms: bool = True) -> bool:
        """'the sign reads: "..."', '"...", according to the report', and with `terms` also
        'the so-called "..."', 'the bill would ban "..."'."""
        lists = (self.intros, self.terms) if terms else (self.intros,)
        for phrases in lists:
            for m in phrases.finditer(self.text, sentence.start, sentence.end):
                if not self.doc.in_quote(m.start, m.end):
                    return True
        return False

    def _continues(self, quote: Span) -> bool:
        """'"You saved it," said the woman, "and it is yours."': the second part has its speaker before."""
        k = bisect.bisect_left(self._quote_starts, quote.start)
        if k == 0:
            return False
        gap = self.text[self.quotes[k - 1].end:quote.start]
        return len(gap) <= 80 and "\n\n" not in gap and bool(_SPEECH_ANYWHERE.search(gap))

    def _credited_by_neighbours(self, block) -> bool:
        """A quote paragraph is credited by its own words outside the quote, by the paragraph before
        ('She said:', a speaker in its last sentence, or a quote paragraph whose speaker runs on), or by
        the next one opening with 'said ...' or a dash and a name."""
        text = self.text
        own = self._outside_quotes(Span(block.start, block.end))
        if _SPEECH_ANYWHERE.search(own) or names_speaker(own, []):
            return True
        k = self.blocks.index(block.start)
        if k > 0:
            prev = self.blocks.spans[k - 1]
            body = text[prev.start:prev.end].rstrip(" \t\n-\u2013\u2014")
            if not prev.is_heading:
                if body.endswith(":") or body[:1] in QUOTE_OPENERS:
                    return True
                last = self.sentences.at(max(prev.start, prev.end - 2))
                tail_span = Span(max(last.start, prev.start), prev.end)
                if _REPORTS.search(self._outside_quotes(tail_span)) or self._introduced(tail_span, terms=False):
                    return True
        if k + 1 < len(self.blocks.spans):
            nxt = self.blocks.spans[k + 1]
            if not nxt.is_heading and _NEXT_CREDITS.match(text, nxt.start, nxt.end):
                return True
        return False

    def _outside_quotes(self, span: Span) -> str:
        """The span's text with every quotation in it blanked out."""
        text = self.text
        parts, pos = [], span.start
        k = max(0, bisect.bisect_right(self._quote_starts, span.start) - 1)
        while k < len(self.quotes) and self.quotes[k].start < span.end:
            q = self.quotes[k]
            if q.end > pos:
                parts.append(text[pos:max(pos, q.start)])
                parts.append(" ")
                pos = max(pos, q.end)
            k += 1
        parts.append(text[pos:span.end] if pos < span.end else "")
        return "".join(parts)


def _credits(passage: str) -> bool:
    """A speech verb with a speaker: "it said" leaves the reader asking what "it" is (an unnamed
    statement), so a bare "it" does not count."""
    for m in _SPEECH_ANYWHERE.finditer(passage):
        if not re.search(r"\b[Ii]t\s+(?:also\s+|then\s+)?$", passage[max(0, m.start() - 12):m.start()]):
            return True
    return False


def _is_title(words: list[str]) -> bool:
    """'"100 Women Using Their Power to Empower"', '"The Old Man and the Sea"': a title, not speech."""
    content = [w.strip("\"'\u201c\u201d\u2018\u2019()[],.:;!?") for w in words]
    content = [w for w in content if w and w.lower() not in _SMALL_WORDS]
    if not content or not words[0][:1].isupper() and not words[0][:1].isdigit():
        return False
    return all(w[:1].isupper() or w[:1].isdigit() for w in content)


def _dialogue_document(doc: Document) -> bool:
    """Fiction or a transcript: many paragraphs open with a quote and speakers are told by turns."""
    text = doc.text
    body = [b for b in doc.blocks if not b.is_heading]
    opening = sum(1 for b in body if text[b.start:b.start + 1] in QUOTE_OPENERS)
    if opening < 4:
        return False
    fiction_verbs = len(_FICTION_SPEECH.findall(text))
    return fiction_verbs >= 3 or opening >= 0.5 * len(body)
