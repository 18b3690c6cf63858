"""ReviewStore: owns the database engine; every method is one short transaction returning plain records."""
from __future__ import annotations

import random
import sqlite3
import time
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session

from ..core.document import Document
from ..core.errors import StorageError
from ..core.flags import Flag
from ..paths import database_url, sqlite_file
from . import decision_ops, flag_ops, ledger_ops, note_ops, reviews
from .database import WRITES, describe, ensure_folder, make_engine, storage_errors
from .migrations import upgrade_to_head
from .records import (ClaimRecord, DecisionRecord, DocumentRecord, FlagRecord, NoteRecord,
                      ReviewState)
from .reviews import ReviewRef
from .revision_ops import ensure_anchored
from .writer import ReviewWriter

T = TypeVar("T")
# A transaction that lost a race (two first checks of one draft, two first notes, a deadlock
# between two checks on PostgreSQL) is run again from the start, up to this many times; the
# second run sees the winner's rows.
RETRIES = 8
# SQLSTATEs worth another try: unique violation, serialization failure, deadlock.
_RACES = {"23505", "40001", "40P01"}


def lost_race(exc: BaseException | None) -> bool:
    if not isinstance(exc, DBAPIError):
        return False
    orig = exc.orig
    state = getattr(orig, "sqlstate", None) or getattr(orig, "pgcode", None)
    if state:
        return state in _RACES
    return isinstance(exc, IntegrityError) and "UNIQUE constraint failed" in str(orig)


class ReviewStore:
    """The review database. Safe to share between threads: each call opens its own Session.

    Where a method takes `record_or_id`, pass the DocumentRecord from open_document or its `id`
    (the document id). Failures of the database itself raise StorageError; a failed call changes
    nothing.
    """

    def __init__(self, url: str | None = None, *, busy_timeout_ms: int = 5000) -> None:
        self.url: str = database_url(url)
        self._where = describe(self.url)
        ensure_folder(self.url)
        self._engine = make_engine(self.url, busy_timeout_ms=busy_timeout_ms)
        self._writer = self._engine.execution_options(**{WRITES: True})
        self._closed = False
        try:
            with storage_errors(self.url):
                self.revision: str = upgrade_to_head(self._engine, self._where)
        except BaseException:
            self._engine.dispose()
            raise


    @property
    def engine(self) -> Any:
        """The SQLAlchemy engine, for work that needs its own Session (e.g. an export worker)."""
        return self._engine

    def session(self) -> Session:
        """A new Session for the calling thread; the caller closes it."""
        return Session(self._engine, expire_on_commit=False)

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            self._engine.dispose()

    def __enter__(self) -> "ReviewStore":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _run(self, write: bool, work: Callable[..., T], *args: Any) -> T:
        if self._closed:
            raise StorageError("The review database has been closed.")
        for attempt in range(RETRIES + 1):
            try:
                with storage_errors(self.url):
                    with Session(self._writer if write else self._engine, expire_on_commit=False) as s:
                        with s.begin():      # commits on return, rolls everything back on any exception
                            return work(s, *args)
            except StorageError as exc:
                if attempt == RETRIES or not lost_race(exc.__cause__):
                    raise
                time.sleep(random.uniform(0.001, 0.01 * (attempt + 1)))
        raise AssertionError("unreachable")

    def _in_review(self, write: bool, work: Callable[..., T], ref: ReviewRef, *args: Any) -> T:
        return self._run(write, lambda s: work(s, reviews.review_id_of(s, ref), *args))

    def database_info(self) -> str:
        path = sqlite_file(self.url)
        if self._engine.dialect.name == "sqlite":
            return f"SQLite {sqlite3.sqlite_version} ({path if path else 'in memory'})"
        with storage_errors(self.url), self._engine.connect() as connection:
            info = connection.dialect.server_version_info or ()
        name = {"postgresql": "PostgreSQL", "mysql": "MySQL", "mariadb": "MariaDB",
                "mssql": "SQL Server", "oracle": "Oracle"}.get(self._engine.dialect.name,
                                                               self._engine.dialect.name)
        version = ".".join(str(part) for part in info)
        return f"{name} {version} ({self._where})".replace("  ", " ")

    def open_document(self, doc: Document, story: str | None = None) -> DocumentRecord:
        """Find the draft's review: by the desk's story slug, the file's path, or its text (a copy,
        a moved or renamed file: see reviews.open_document); create it if none knows it. A new
        text moves every flag, note and claim onto it (see revision_ops)."""
        return self._run(True, reviews.open_document, doc, story)

    def set_story(self, record_or_id: ReviewRef, story: str | None) -> None:
        """Name the review's story; ValueError if another review already has that name."""
        self._in_review(True, reviews.set_story, record_or_id, story)

    def documents(self) -> list[DocumentRecord]:
        """Every reviewed document, most recently opened first."""
        return self._run(False, reviews.documents)

    def metrics(self, record_or_id: ReviewRef) -> dict[str, Any]:
        """The document-level numbers saved with the review (JSON-compatible)."""
        return self._run(False, reviews.metrics, record_or_id)

    def save_metrics(self, record_or_id: ReviewRef, values: dict[str, Any]) -> None:
        self._run(True, reviews.save_metrics, record_or_id, values)

    def review_settings(self, record_or_id: ReviewRef) -> dict[str, Any]:
        """The editor's choices for this draft (its dialect, say), kept apart from the metrics."""
        return self._run(False, reviews.settings, record_or_id)

    def set_review_setting(self, record_or_id: ReviewRef, name: str, value: Any) -> None:
        self._run(True, reviews.set_setting, record_or_id, name, value)

    def state(self, record_or_id: ReviewRef) -> ReviewState:
        def work(s: Session) -> ReviewState:
            document = reviews.document_record(s, record_or_id)
            rid = document.review_id
            return ReviewState(document, flag_ops.list_flags(s, rid), note_ops.list_notes(s, rid),
                               ledger_ops.list_claims(s, rid))
        return self._run(False, work)

    def sync_flags(self, record: ReviewRef, doc: Document, flags: Iterable[Flag],
                   checks_ran: Iterable[str], listed: bool = True) -> list[FlagRecord]:
        """Record a run: match by fingerprint, add new flags as pending, outdate what a ran check
        no longer finds (keeping its decision and note). Returns every flag of the review, or
        nothing with listed=False (a caller recording several checks lists once, at the end)."""
        ran = set(checks_ran)

        def work(s: Session, rid: int) -> list[FlagRecord]:
            ensure_anchored(s, rid, doc)
            flag_ops.sync_flags(s, rid, doc, flags, ran)
            reviews.touch(s, rid)
            return flag_ops.list_flags(s, rid) if listed else []
        return self._in_review(True, work, record)

    def flags(self, record_or_id: ReviewRef, include_outdated: bool = True) -> list[FlagRecord]:
        return self._in_review(False, flag_ops.list_flags, record_or_id, include_outdated)

    def set_status(self, record_or_id: ReviewRef, flag_id: str, status: str, reviewer: str,
                   expected: int | None = None, force: bool = False) -> FlagRecord:
        return self.set_statuses(record_or_id, [flag_id], status, reviewer,
                                 None if expected is None else {flag_id: expected}, force)[0]

    def set_statuses(self, record_or_id: ReviewRef, flag_ids: list[str], status: str,
                     reviewer: str, expected: Mapping[str, int] | None = None,
                     force: bool = False) -> list[FlagRecord]:
        """All or none: an unknown id (UnknownFlag), a bad status (ValueError) or a decision
        someone else made since the caller saw the flag (DecisionConflict, see decision_ops;
        `expected`: flag id -> the version the caller saw) changes nothing."""
        return self._in_review(True, decision_ops.set_statuses, record_or_id, list(flag_ids), status,
                               reviewer, expected, force)

    def history(self, record_or_id: ReviewRef, flag_id: str) -> list[DecisionRecord]:
        return self._in_review(False, decision_ops.history, record_or_id, flag_id)

    def versions(self, record_or_id: ReviewRef) -> dict[str, int]:
        """Flag id -> decision version, for every flag ever decided (unlisted flags are at 0)."""
        return self._in_review(False, decision_ops.versions, record_or_id)

    def changes_since(self, record_or_id: ReviewRef, seq: int,
                      notes_after: datetime | None = None) -> dict[str, Any]:
        """What others wrote since: {"seq": the review's decision counter now, "flags": the
        FlagRecords decided after `seq` or whose notes changed after `notes_after`, "notes_at":
        the newest note's time}. A window polls it with the values of its last call."""
        return self._in_review(False, decision_ops.changes_since, record_or_id, seq, notes_after)

    def write_together(self, record_or_id: ReviewRef, work: Callable[[ReviewWriter], T]) -> T:
        """Run `work` with a ReviewWriter whose writes all land in one transaction, or none do
        (an error, a conflict or a kill before the commit leaves the review as it was)."""
        return self._in_review(True, lambda s, rid: work(ReviewWriter(s, rid)), record_or_id)

    def set_flag_note(self, record_or_id: ReviewRef, flag_id: str, body: str,
                      author: str) -> NoteRecord | None:
        """The flag's one note; an empty (or blank) body deletes it and returns None."""
        return self._in_review(True, note_ops.set_flag_note, record_or_id, flag_id, body, author)

    def add_span_note(self, record_or_id: ReviewRef, start: int, end: int, anchor_text: str, body: str,
                      author: str) -> NoteRecord:
        return self._in_review(True, note_ops.add_note, record_or_id, note_ops.SPAN, body, author,
                               start, end, anchor_text)

    def add_document_note(self, record_or_id: ReviewRef, body: str, author: str) -> NoteRecord:
        return self._in_review(True, note_ops.add_note, record_or_id, note_ops.DOCUMENT, body, author)

    def update_note(self, note_id: int, body: str) -> NoteRecord:
        return self._run(True, note_ops.update_note, note_id, body)

    def delete_note(self, note_id: int) -> None:
        self._run(True, note_ops.delete_note, note_id)

    def notes(self, record_or_id: ReviewRef) -> list[NoteRecord]:
        return self._in_review(False, note_ops.list_notes, record_or_id)

    def relocate_notes(self, record: ReviewRef, doc: Document) -> None:
        """After a revision: each span note moves to its passage (nearest copy) or becomes outdated."""
        self._in_review(True, note_ops.relocate_notes, record, doc)

    def sync_claims(self, record: ReviewRef, claims: Iterable[ClaimRecord]) -> list[ClaimRecord]:
        def work(s: Session, rid: int) -> list[ClaimRecord]:
            ledger_ops.sync_claims(s, rid, claims)
            s.flush()
            return ledger_ops.list_claims(s, rid)
        return self._in_review(True, work, record)

    def set_claim(self, record: ReviewRef, claim_id: str, status: str | None = None,
                  note: str | None = None, reviewer: str | None = None) -> ClaimRecord:
        return self._in_review(True, ledger_ops.set_claim, record, claim_id, status, note, reviewer)

    def claims(self, record: ReviewRef) -> list[ClaimRecord]:
        return self._in_review(False, ledger_ops.list_claims, record)

    def add_word(self, word: str, document_id: DocumentRecord | int | None = None) -> None:
        self._entry(ledger_ops.add_entry, "word", word, document_id)

    def remove_word(self, word: str, document_id: DocumentRecord | int | None = None) -> None:
        self._entry(ledger_ops.remove_entry, "word", word, document_id)

    def words(self, document_id: DocumentRecord | int | None = None) -> set[str]:
        """Words for every document, plus that document's own."""
        return self._entry(ledger_ops.entries, "word", None, document_id, write=False)

    def ignore_rule(self, rule: str, document_id: DocumentRecord | int | None = None) -> None:
        self._entry(ledger_ops.add_entry, "rule", rule, document_id)

    def unignore_rule(self, rule: str, document_id: DocumentRecord | int | None = None) -> None:
        self._entry(ledger_ops.remove_entry, "rule", rule, document_id)

    def ignored_rules(self, document_id: DocumentRecord | int | None = None) -> set[str]:
        return self._entry(ledger_ops.entries, "rule", None, document_id, write=False)

    def _entry(self, work: Callable[..., T], which: str, value: str | None,
               document: DocumentRecord | int | None, write: bool = True) -> T:
        def run(s: Session) -> T:
            document_id = reviews.document_id_of(s, document)
            if value is None:
                return work(s, which, document_id)
            return work(s, which, value, document_id)
        return self._run(write, run)

    def cached_results(self, engine: str, keys: Iterable[str]) -> dict[str, Any]:
        """Stored payloads of `engine` (e.g. "harper/en-US/1") for the keys it has; JSON values."""
        return self._run(False, ledger_ops.cache_get, engine, list(keys))

    def save_results(self, engine: str, results: Mapping[str, Any]) -> None:
        self._run(True, ledger_ops.cache_put, engine, dict(results))

    def prune_cache(self, older_than_days: float = 90) -> int:
        return self._run(True, ledger_ops.cache_prune, older_than_days)
