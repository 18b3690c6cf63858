"""Flags of a review: syncing a check's findings by fingerprint, listing them, and deciding on them."""
from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from typing import Any

from sqlalchemy import Text, bindparam, select, type_coerce, update
from sqlalchemy.orm import Session

from ..core.document import Document
from ..core.errors import UnknownFlag
from ..core.flags import Flag, Severity, context_words, fingerprint, normalise, short_id
from .models import FlagRow, NoteRow, utcnow
from .records import ACTIVE, OUTDATED, PENDING, FlagNote, FlagRecord
from .revision_ops import adopt

# Stays under every SQLite build's limit on bound parameters in one statement.
CHUNK = 500

# What a new run of a check may change. Their digest is stored, so a re-check compares one short
# string per flag (no JSON to decode) and writes only the flags that really changed.
_FINDING = ("check", "rule", "category", "severity", "start", "end", "line", "col", "text", "message",
            "suggestions", "occurrences", "engines", "score", "before_key", "after_key")


def chunks(items: Sequence[Any], size: int = CHUNK) -> Iterator[Sequence[Any]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


def sync_flags(s: Session, review_id: int, doc: Document, flags: Iterable[Flag],
               checks_ran: set[str]) -> None:
    now = utcnow()
    stored: dict[str, tuple[int, str, str, str]] = {}
    neighbours: dict[int, tuple[str | None, str | None]] = {}
    places: dict[int, tuple[str, tuple[tuple[int, int], ...]]] = {}
    taken: set[str] = set()
    for pk, fp, sid, check, state, digest, before_key, after_key, rule, start, end, where in s.execute(
            select(FlagRow.id, FlagRow.fingerprint, FlagRow.short_id, FlagRow.check, FlagRow.state,
                   FlagRow.digest, FlagRow.before_key, FlagRow.after_key, FlagRow.rule, FlagRow.start,
                   FlagRow.end, type_coerce(FlagRow.occurrences, Text))
            .where(FlagRow.review_id == review_id)):
        stored[fp] = (pk, check, state, digest)
        neighbours[pk] = (before_key, after_key)
        places[pk] = (rule, _places(where, start, end))
        taken.add(sid)

    updates: list[dict[str, Any]] = []
    inserts: list[dict[str, Any]] = []
    displaced: list[int] = []
    seen: set[str] = set()
    for flag in flags:
        fp = flag.fingerprint or fingerprint(flag, doc.text)
        if fp in seen:      # one finding reported twice (two merged runs): keep the first
            continue
        seen.add(fp)
        values = _finding(doc, flag)
        old = stored.get(fp)
        if old is not None and old[2] == ACTIVE and neighbours[old[0]] != (None, None) and \
                not _touch(places[old[0]][1], _value_places(values)):
            # The same words in the same surroundings, but elsewhere, while the stored flag still
            # has its own place in this text (revision_ops moved it): another passage, so it
            # starts pending. The stored flag gives up the fingerprint and waits, outdated.
            displaced.append(old[0])
            old = None
        if old is not None:
            if (old[2], old[3]) != (ACTIVE, values["digest"]):
                updates.append({"id": old[0], **values, "state": ACTIVE, "updated_at": now})
            continue
        sid = _free_id(flag.id or short_id(fp), fp, taken)
        taken.add(sid)
        inserts.append({**values, "review_id": review_id, "fingerprint": fp, "short_id": sid,
                        "state": ACTIVE, "status": PENDING, "decided_by": None, "decided_at": None,
                        "created_at": now, "updated_at": now})

    gone = [pk for fp, (pk, check, state, _) in stored.items()
            if fp not in seen and state == ACTIVE and check in checks_ran]
    found_again = _found_again(inserts, {pk: neighbours[pk] for pk in gone})
    # The passage itself was edited a little (a typo fixed, a word changed): the flag, already
    # moved onto this text (revision_ops), is the new finding at the same place that reads alike.
    taken_new = set(found_again.values())
    found_again.update(adopt(
        [(pk, *places[pk]) for pk in gone if pk not in found_again],
        [(i, v["rule"], _value_places(v)) for i, v in enumerate(inserts) if i not in taken_new],
        doc.text))
    moved = [{"id": pk, **{k: v for k, v in inserts[i].items() if k in _FOUND_AGAIN}, "state": ACTIVE}
             for pk, i in found_again.items()]
    if found_again:
        gone = [pk for pk in gone if pk not in found_again]
        adopted = set(found_again.values())
        inserts = [values for i, values in enumerate(inserts) if i not in adopted]
    # Core statements with executemany: the ORM's per-row bookkeeping costs seconds at 20,000 flags.
    table = FlagRow.__table__
    for batch in (updates, moved):
        if batch:
            s.execute(table.update().where(table.c.id == bindparam("row_id")),
                      [{"row_id": u.pop("id"), **_by_column(u)} for u in batch])
    for part in chunks(gone):
        s.execute(update(FlagRow).where(FlagRow.id.in_(part)).values(state=OUTDATED, updated_at=now))
    for pk in displaced:
        s.execute(update(FlagRow).where(FlagRow.id == pk).values(
            state=OUTDATED, fingerprint=f"{[f for f, v in stored.items() if v[0] == pk][0][:40]}:{pk}",
            updated_at=now))
    if inserts:
        s.execute(table.insert(), [_by_column(values) for values in inserts])


def _value_places(values: dict[str, Any]) -> tuple[tuple[int, int], ...]:
    return tuple((a, b) for a, b in values["occurrences"]) or ((values["start"], values["end"]),)


def _touch(a: Sequence[tuple[int, int]], b: Sequence[tuple[int, int]]) -> bool:
    return any(min(x[1], y[1]) > max(x[0], y[0]) or x == y for x in a for y in b)


_COLUMN = {name: column.key for name, column in FlagRow.__mapper__.columns.items()}
# What a flag found again takes from the new finding; its id, decision, history and note stay.
_FOUND_AGAIN = (*_FINDING, "digest", "fingerprint", "updated_at")


def _found_again(inserts: list[dict[str, Any]],
                 gone: dict[int, tuple[str | None, str | None]]) -> dict[int, int]:
    """Stored flag -> index of the new finding that is the same one with a neighbouring word edited.

    A flag's fingerprint includes the words on both sides, so an edit right beside the passage
    makes it look new. It is the same flag when rule, passage and the words on the other side all
    match one flag that this run no longer finds, and nothing else makes the same claim.
    """
    if not inserts or not gone:
        return {}
    by_key: dict[str, set[int]] = {}
    for pk, keys in gone.items():
        for key in keys:
            if key:
                by_key.setdefault(key, set()).add(pk)
    wanted: dict[int, list[int]] = {}
    for i, values in enumerate(inserts):
        olds = {pk for key in (values["before_key"], values["after_key"]) if key
                for pk in by_key.get(key, ())}
        if len(olds) == 1:
            wanted.setdefault(olds.pop(), []).append(i)
    return {pk: found[0] for pk, found in wanted.items() if len(found) == 1}


def _by_column(values: dict[str, Any]) -> dict[str, Any]:
    """Attribute names (start, check) to column names (start_offset, check_id) for Core statements."""
    return {_COLUMN[name]: value for name, value in values.items()}


def _finding(doc: Document, flag: Flag) -> dict[str, Any]:
    line, col = doc.line_col(flag.start)
    places = flag.occurrences or ((flag.start, flag.end),)
    values = {
        "check": flag.check, "rule": flag.rule, "category": flag.category,
        "severity": Severity.parse(flag.severity).label,
        "start": flag.start, "end": flag.end, "line": line, "col": col,
        "text": doc.text[flag.start:flag.end], "message": flag.message,
        "suggestions": list(flag.suggestions),
        "occurrences": [[int(p[0]), int(p[1])] if isinstance(p, (tuple, list)) else [p.start, p.end]
                        for p in places],
        "engines": list(flag.engines),
        "score": None if flag.score is None else float(flag.score),
        "before_key": None, "after_key": None,
    }
    if not flag.key:    # a finding known by what it is about (flag.key) never needs finding again
        passage = normalise(values["text"])
        before, after = context_words(doc.text, flag.start, flag.end)
        values["before_key"] = _side_key(flag.rule, passage, "before", before)
        values["after_key"] = _side_key(flag.rule, passage, "after", after)
    values["digest"] = hashlib.blake2b(repr([values[k] for k in _FINDING]).encode("utf-8"),
                                       digest_size=12).hexdigest()
    return values


def _side_key(rule: str, passage: str, side: str, words: str) -> str:
    raw = "\x1f".join((rule, passage, side, words))
    return hashlib.blake2b(raw.encode("utf-8"), digest_size=8).hexdigest()


def _free_id(wanted: str, fp: str, taken: set[str]) -> str:
    """The engine's short id unless an older flag of this review already has it; then a longer one."""
    for candidate in (wanted, fp[:8], fp[:16]):
        if candidate and candidate not in taken:
            return candidate
    return fp      # unique: a stored flag with this fingerprint would have been matched


_LISTED = (FlagRow.start, FlagRow.end, FlagRow.rule, FlagRow.short_id, FlagRow.fingerprint,
           FlagRow.check, FlagRow.category, FlagRow.severity, FlagRow.line, FlagRow.col, FlagRow.text,
           FlagRow.message, type_coerce(FlagRow.suggestions, Text), type_coerce(FlagRow.occurrences, Text),
           type_coerce(FlagRow.engines, Text), FlagRow.state, FlagRow.status, FlagRow.decided_by,
           FlagRow.decided_at, FlagRow.id, FlagRow.score, FlagRow.version)


def list_flags(s: Session, review_id: int, include_outdated: bool = True,
               pks: Sequence[int] | None = None) -> list[FlagRecord]:
    """Active flags in document order, then outdated ones, each with its decision and notes."""
    # Plain tuples, not ORM objects, and JSON decoded here with a cache: a long review has tens
    # of thousands of flags, most with the same few suggestion and engine lists.
    query = (select(*_LISTED).where(FlagRow.review_id == review_id)
             .order_by(FlagRow.state != ACTIVE, FlagRow.start, FlagRow.end, FlagRow.rule, FlagRow.short_id))
    if not include_outdated:
        query = query.where(FlagRow.state == ACTIVE)
    rows: list[Any] = []
    if pks is None:
        rows = list(s.execute(query))
    else:
        for part in chunks(list(pks)):
            rows.extend(s.execute(query.where(FlagRow.id.in_(part))))
        rows.sort(key=lambda r: (r[15] != ACTIVE, r[0], r[1], r[2], r[3]))
    # Notes are few next to flags: one query for the review's, grouped here, instead of a join
    # that would repeat a flag once per reviewer who wrote on it.
    notes = flag_notes(s, review_id)
    out = []
    for r in rows:
        mine = notes.get(r[19], ())
        latest = max(mine, key=lambda n: n.updated_at).body if mine else ""
        out.append(FlagRecord(
            id=r[3], fingerprint=r[4], check=r[5], rule=r[2], category=r[6], severity=r[7], start=r[0],
            end=r[1], line=r[8], column=r[9], text=r[10], message=r[11], suggestions=_strings(r[12]),
            occurrences=_places(r[13], r[0], r[1]), engines=_strings(r[14]), state=r[15], status=r[16],
            decided_by=r[17], decided_at=r[18], note=latest, score=r[20], version=r[21] or 0,
            notes=mine))
    return out


def flag_notes(s: Session, review_id: int) -> dict[int, tuple[FlagNote, ...]]:
    """Flag row id -> every reviewer's note on it, oldest first."""
    out: dict[int, list[FlagNote]] = {}
    for flag_id, author, body, created, updated in s.execute(
            select(NoteRow.flag_id, NoteRow.author, NoteRow.body, NoteRow.created_at, NoteRow.updated_at)
            .where(NoteRow.review_id == review_id, NoteRow.kind == "flag")
            .order_by(NoteRow.created_at, NoteRow.id)):
        out.setdefault(flag_id, []).append(FlagNote(author, body, created, updated))
    return {k: tuple(v) for k, v in out.items()}


@lru_cache(maxsize=4096)
def _strings_of(raw: str) -> tuple[str, ...]:
    return tuple(json.loads(raw))


def _strings(value: Any) -> tuple[str, ...]:
    # SQLite hands back the JSON text; PostgreSQL's driver has already decoded it.
    if value is None:
        return ()
    return _strings_of(value) if isinstance(value, str) else tuple(value)


def _places(value: Any, start: int, end: int) -> tuple[tuple[int, int], ...]:
    if value is None:
        return ()
    if value == f"[[{start}, {end}]]":      # the usual single place, without a JSON parse
        return ((start, end),)
    return tuple((a, b) for a, b in (json.loads(value) if isinstance(value, str) else value))


def flag_pks(s: Session, review_id: int, flag_ids: Sequence[str]) -> dict[str, int]:
    """Short id -> row id for every given id; raises UnknownFlag naming the first one missing."""
    found: dict[str, int] = {}
    for part in chunks(list(dict.fromkeys(flag_ids))):
        for pk, sid in s.execute(select(FlagRow.id, FlagRow.short_id)
                                 .where(FlagRow.review_id == review_id, FlagRow.short_id.in_(part))):
            found[sid] = pk
    for flag_id in flag_ids:
        if flag_id not in found:
            raise UnknownFlag(f"There is no flag {flag_id} in the review of this document.")
    return found
