"""A small reviewed draft for the export tests: curly quotes, em dashes, Cyrillic names, markup, formulas."""
from __future__ import annotations

from datetime import datetime, timezone

from reviewdesk.core.document import Document, document_from_text
from reviewdesk.core.engine import CheckStatus
from reviewdesk.core.summary import Summary, summary_from_parts
from reviewdesk.storage.records import ClaimRecord, FlagRecord, NoteRecord

REVIEWER = "Олена Коваленко"
WHEN = datetime(2025, 11, 25, 9, 30, tzinfo=timezone.utc)

DRAFT = (
    "Bakhmut Under Fire\n\n"
    "The battle is far from over, officials said \u2014 and the city was very heavily shelled "
    "overnight. \u201cWe will hold,\u201d said Андрій Мельник, the deputy mayor.\n\n"
    "Residents said the the water supply failed again. <script>alert('owned')</script> "
    "The formula =2+3 was left in the copy by mistake.\n\n"
    "Analysts agree the fight is far from over, and the mayor promised repairs by Friday. "
    "It is far from over for the people who stayed.\n"
)


def at(doc: Document, phrase: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = doc.text.index(phrase, start + 1)
    return start, start + len(phrase)


def flag(doc: Document, phrase: str, fid: str, category: str, *, status: str = "accepted",
         note: str = "", nth: int = 0, places: int = 1, message: str = "",
         suggestions: tuple[str, ...] = (), severity: str = "warning") -> FlagRecord:
    start, end = at(doc, phrase, nth)
    occurrences = tuple(at(doc, phrase, k) for k in range(places)) if places > 1 else ()
    line, column = doc.line_col(start)
    return FlagRecord(
        id=fid, fingerprint=fid * 5, check=category, rule=f"{category}.rule", category=category,
        severity=severity, start=start, end=end, line=line, column=column, text=phrase,
        message=message or f"Problem with \u201c{phrase}\u201d.", suggestions=suggestions,
        occurrences=occurrences, engines=(), state="active", status=status,
        decided_by=REVIEWER if status != "pending" else None,
        decided_at=WHEN if status != "pending" else None, note=note)


def sample_doc(text: str = DRAFT, path: str = "/drafts/bakhmut.txt") -> Document:
    return document_from_text(text, path=path)


def sample_flags(doc: Document) -> list[FlagRecord]:
    return [
        flag(doc, "far from over", "aaaa0001", "repetition", places=3,
             message="\u201cfar from over\u201d appears 3 times."),
        flag(doc, "very heavily", "aaaa0002", "readability", severity="suggestion",
             message="\u201cvery\u201d weakens the sentence \u2014 cut it.", suggestions=("heavily",),
             note="Agree \u2014 cut \u201cvery\u201d, Андрій."),
        flag(doc, "the the", "aaaa0003", "grammar", severity="error", message="Doubled word.",
             suggestions=("the",)),
        flag(doc, "<script>alert('owned')</script>", "aaaa0004", "filler",
             message="Leftover markup: <script> in the copy.", note="@desk remove before publishing"),
        flag(doc, "=2+3", "aaaa0005", "filler", message="A stray formula.",
             suggestions=("=SUM(A1:A2)",)),
        flag(doc, "officials said", "aaaa0006", "sourcing", status="dismissed",
             message="Vague attribution.", note="Named in the next draft."),
        flag(doc, "the mayor promised", "aaaa0007", "sourcing", status="pending",
             message="Which mayor?"),
    ]


def sample_notes(doc: Document) -> list[NoteRecord]:
    start, end = at(doc, "repairs by Friday")
    return [
        NoteRecord(id=1, kind="document", body="Strong lede; the ending trails off \u2014 tighten it.",
                   author=REVIEWER, created_at=WHEN, updated_at=WHEN),
        NoteRecord(id=2, kind="span", body="Which Friday? Give the date.", author="Dana Smith",
                   created_at=WHEN, updated_at=WHEN, start=start, end=end,
                   anchor_text="repairs by Friday"),
        NoteRecord(id=3, kind="flag", body="Agree \u2014 cut \u201cvery\u201d, Андрій.",
                   author=REVIEWER, created_at=WHEN, updated_at=WHEN, flag_id="aaaa0002"),
    ]


def sample_claims(doc: Document) -> list[ClaimRecord]:
    start, end = at(doc, "Андрій Мельник")
    s2, e2 = at(doc, "Friday")
    return [
        ClaimRecord(id="c1", kind="person", text="Андрій Мельник, the deputy mayor", start=start,
                    end=end, sentence="\u201cWe will hold,\u201d said Андрій Мельник, the deputy mayor.",
                    status="verified", note="City council site, 24 Nov."),
        ClaimRecord(id="c2", kind="date", text="Friday", start=s2, end=e2,
                    sentence="Analysts agree the fight is far from over, and the mayor promised "
                             "repairs by Friday.", status="disputed", note=""),
    ]


def sample_metrics(doc: Document) -> dict:
    paragraphs = [{"start": b.start, "end": b.end, "words": len(doc.words(b.start, b.end)),
                   "grade": g} for b, g in zip(doc.paragraphs, (11.4, 6.2, 15.8))]
    return {"readability": {
        "scores": {"flesch_reading_ease": 55.1, "flesch_kincaid_grade": 10.2, "gunning_fog": 12.0,
                   "smog_index": 11.1, "coleman_liau_index": 9.8, "automated_readability_index": 10.9,
                   "dale_chall": 8.4, "words": doc.word_count, "sentences": 7, "paragraphs": 3,
                   "reading_time_minutes": 0.3, "grade": 10.9},
        "target_grade": 9.0, "paragraphs": paragraphs,
        "verdict": "Grade 10.9: harder than your target of 9; 1 sentence is hard to read."}}


CHECKS = [CheckStatus("grammar", "Grammar", "harper 0.2", "ok", "", 0.21, 2),
          CheckStatus("readability", "Readability", "textstat 0.7.8", "ok", "", 0.05, 1),
          CheckStatus("sourcing", "Sourcing", "sourcing", "unavailable",
                      "Phrase list missing \u2014 reinstall.", 0.0, 0)]


def sample_summary(doc: Document | None = None, **options) -> Summary:
    doc = doc or sample_doc()
    return summary_from_parts(doc, sample_flags(doc), sample_notes(doc), sample_claims(doc),
                              sample_metrics(doc), reviewer=REVIEWER, checks=CHECKS, now=WHEN,
                              **options)
