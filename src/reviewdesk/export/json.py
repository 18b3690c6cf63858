"""The review summary as JSON, schema "reviewdesk.summary/1" (resources/schemas/reviewdesk.summary-1.schema.json)."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..core.summary import Summary
from ..storage.records import ACCEPTED, DISMISSED, PENDING, NoteRecord
from .common import GENERATOR, iso

SCHEMA_ID = "reviewdesk.summary/1"
SCHEMA_RESOURCE = "schemas/reviewdesk.summary-1.schema.json"


def write(summary: Summary, path: Path) -> None:
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        json.dump(to_dict(summary), fh, ensure_ascii=False, indent=2)
        fh.write("\n")


def schema() -> dict[str, Any]:
    """The JSON Schema this export follows, as shipped in the package."""
    from importlib.resources import files

    return json.loads(files("reviewdesk.resources").joinpath(SCHEMA_RESOURCE).read_text("utf-8"))


def to_dict(summary: Summary) -> dict[str, Any]:
    doc = summary.document
    r = summary.readability
    return {
        "schema": SCHEMA_ID,
        "generator": GENERATOR,
        "created_at": iso(summary.created_at),
        "reviewer": summary.reviewer,
        "verdict": summary.verdict,
        "document": {"path": doc.path, "title": doc.title, "format": doc.format,
                     "words": doc.words, "sha256": doc.sha256},
        "options": {"include_dismissed": summary.include_dismissed,
                    "include_pending": summary.include_pending},
        "readability": {
            "measured": r.measured,
            "target_grade": r.target_grade,
            "grade": r.grade,
            "verdict": r.verdict,
            "scores": dict(r.scores),
            "paragraphs": [{"number": p.number, "start": p.start, "end": p.end, "words": p.words,
                            "grade": p.grade} for p in r.paragraphs],
        },
        "line_editing": [item.as_dict() for item in summary.line_items],
        "counts": {
            "by_category": {cat: {ACCEPTED: per.get(ACCEPTED, 0), DISMISSED: per.get(DISMISSED, 0),
                                  PENDING: per.get(PENDING, 0), "total": sum(per.values())}
                            for cat, per in summary.counts.items()},
            "by_status": summary.by_status,
            "outdated": summary.outdated,
        },
        "flags": [_flag(summary, f) for f in summary.flags],
        "claims": [{"id": c.id, "kind": c.kind, "text": c.text, "start": c.start, "end": c.end,
                    "sentence": c.sentence, "status": c.status, "note": c.note}
                   for c in summary.claims],
        "notes": {"document": [_note(n) for n in summary.document_notes],
                  "passages": [_note(n) | {"start": n.start or 0, "end": n.end or 0,
                                           "text": summary.text[n.start or 0:n.end or 0]
                                           or n.anchor_text}
                               for n in summary.span_notes]},
        "checks": [{"id": c.id, "name": c.name, "engine": c.engine, "status": c.status,
                    "message": c.message, "seconds": round(c.seconds, 3), "count": c.count}
                   for c in summary.checks],
    }


def _flag(summary: Summary, f: Any) -> dict[str, Any]:
    p = summary.passage(f.start, f.end)
    note = summary.flag_notes.get(f.id)
    return {
        "id": f.id, "fingerprint": f.fingerprint, "check": f.check, "rule": f.rule,
        "category": f.category, "severity": f.severity, "status": f.status,
        "start": f.start, "end": f.end, "line": f.line, "column": f.column,
        "text": f.text, "context": {"before": p.before, "after": p.after},
        "message": f.message, "suggestions": list(f.suggestions),
        "occurrences": [{"start": s, "end": e} for s, e in (f.occurrences or ((f.start, f.end),))],
        "score": f.score if isinstance(getattr(f, "score", None), (int, float)) else None,
        "note": f.note, "note_author": note.author if note else None,
        "decided_by": f.decided_by, "decided_at": iso(f.decided_at),
        "also": [a.as_dict() for a in getattr(f, "also", ())],
    }


def _note(n: NoteRecord) -> dict[str, Any]:
    return {"id": n.id, "body": n.body, "author": n.author, "created_at": iso(n.created_at),
            "updated_at": iso(n.updated_at)}
