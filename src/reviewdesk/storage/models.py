"""The review database schema as SQLAlchemy 2 typed ORM classes (the migrations build the same)."""
from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (JSON, CheckConstraint, DateTime, Float, ForeignKey, Index, Integer, MetaData,
                        String, Text, TypeDecorator, UniqueConstraint)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """Always hands back timezone-aware UTC; SQLite keeps no zone, so naive values are read as UTC."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("timestamps must be timezone-aware")
        value = value.astimezone(UTC)
        # SQLite would store the offset as text and compare strings: store plain UTC instead.
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


# Named constraints let later migrations alter them, including SQLite's batch mode.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class DocumentRow(Base):
    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    path: Mapped[str | None] = mapped_column(Text, unique=True)   # resolved path; NULL for pasted text
    title: Mapped[str] = mapped_column(Text, default="")
    format: Mapped[str] = mapped_column(String(16), default="txt")
    sha256: Mapped[str] = mapped_column(String(64), index=True, default="")
    # The review this file follows when it is a copy of another file's story (see reviews.py);
    # NULL: the review whose document_id is this row. No FK: reviews already points here.
    review_id: Mapped[int | None] = mapped_column(Integer, index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ReviewRow(Base):
    __tablename__ = "reviews"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    metrics: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)   # last run's document scores
    settings: Mapped[dict[str, Any] | None] = mapped_column(JSON)   # the editor's choices for this draft
    story: Mapped[str | None] = mapped_column(String(200), unique=True)   # the desk's slug, optional
    # The text every stored offset of this review points into (a revision's sha256).
    anchor_sha: Mapped[str | None] = mapped_column(String(64))
    # Bumped by every decision; a flag's version is the value at its latest decision, so a
    # window asks for "decisions after N" with one indexed query.
    decision_seq: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class FlagRow(Base):
    __tablename__ = "flags"
    __table_args__ = (
        UniqueConstraint("review_id", "fingerprint"),
        UniqueConstraint("review_id", "short_id"),
        CheckConstraint("status IN ('pending', 'accepted', 'dismissed')", name="status"),
        CheckConstraint("state IN ('active', 'outdated')", name="state"),
        CheckConstraint("start_offset >= 0 AND end_offset >= start_offset", name="span"),
        Index("ix_flags_review_id_version", "review_id", "version"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    review_id: Mapped[int] = mapped_column(ForeignKey("reviews.id", ondelete="CASCADE"))
    short_id: Mapped[str] = mapped_column(String(64))
    fingerprint: Mapped[str] = mapped_column(String(64))
    check: Mapped[str] = mapped_column("check_id", String(100))
    rule: Mapped[str] = mapped_column(String(200))
    category: Mapped[str] = mapped_column(String(100))
    severity: Mapped[str] = mapped_column(String(16))
    start: Mapped[int] = mapped_column("start_offset", Integer)
    end: Mapped[int] = mapped_column("end_offset", Integer)
    line: Mapped[int] = mapped_column(Integer)
    col: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    message: Mapped[str] = mapped_column(Text)
    suggestions: Mapped[list[str]] = mapped_column(JSON, default=list)
    occurrences: Mapped[list[list[int]]] = mapped_column(JSON, default=list)
    engines: Mapped[list[str]] = mapped_column(JSON, default=list)
    score: Mapped[float | None] = mapped_column(Float)    # e.g. a near-duplicate's similarity
    digest: Mapped[str] = mapped_column(String(32))        # of the finding's fields: see flag_ops
    # rule + passage + the words on one side: finds the flag again when a word on the other side
    # was edited (its fingerprint then changes). NULL for findings known by what they are about.
    before_key: Mapped[str | None] = mapped_column(String(16))
    after_key: Mapped[str | None] = mapped_column(String(16))
    state: Mapped[str] = mapped_column(String(16), default="active")
    # Denormalised from the latest decision, so listing flags needs no join over the history.
    status: Mapped[str] = mapped_column(String(16), default="pending")
    decided_by: Mapped[str | None] = mapped_column(String(200))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Optimistic concurrency: the review's decision_seq at this flag's latest decision (0: never).
    version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class RevisionRow(Base):
    """A text a review has seen: its hash, its predecessor's, and the text, to map offsets from."""

    __tablename__ = "revisions"
    __table_args__ = (UniqueConstraint("review_id", "sha256"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    review_id: Mapped[int] = mapped_column(ForeignKey("reviews.id", ondelete="CASCADE"))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    parent_sha256: Mapped[str | None] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class DecisionRow(Base):
    __tablename__ = "decisions"
    __table_args__ = (
        CheckConstraint("status IN ('pending', 'accepted', 'dismissed')", name="status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    flag_id: Mapped[int] = mapped_column(ForeignKey("flags.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(16))
    reviewer: Mapped[str] = mapped_column(String(200))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class NoteRow(Base):
    __tablename__ = "notes"
    __table_args__ = (
        CheckConstraint("kind IN ('flag', 'span', 'document')", name="kind"),
        CheckConstraint("kind <> 'flag' OR flag_id IS NOT NULL", name="flag_has_flag"),
        CheckConstraint("kind <> 'span' OR (start_offset IS NOT NULL AND end_offset >= start_offset)",
                        name="span_has_span"),
        CheckConstraint("state IN ('active', 'outdated')", name="state"),
        # One note per reviewer on a flag, side by side; NULLs (span and document notes) never collide.
        UniqueConstraint("flag_id", "author"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    review_id: Mapped[int] = mapped_column(ForeignKey("reviews.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    flag_id: Mapped[int | None] = mapped_column(ForeignKey("flags.id", ondelete="CASCADE"), index=True)
    start: Mapped[int | None] = mapped_column("start_offset", Integer)
    end: Mapped[int | None] = mapped_column("end_offset", Integer)
    anchor_text: Mapped[str] = mapped_column(Text, default="")
    body: Mapped[str] = mapped_column(Text)
    author: Mapped[str] = mapped_column(String(200))
    state: Mapped[str] = mapped_column(String(16), default="active")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ClaimRow(Base):
    __tablename__ = "claims"
    __table_args__ = (
        UniqueConstraint("review_id", "claim_id"),
        CheckConstraint("state IN ('active', 'outdated')", name="state"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    review_id: Mapped[int] = mapped_column(ForeignKey("reviews.id", ondelete="CASCADE"))
    claim_id: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(32))
    text: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column("start_offset", Integer)
    end: Mapped[int] = mapped_column("end_offset", Integer)
    sentence: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(16), default="unchecked")   # checked in Python
    note: Mapped[str] = mapped_column(Text, default="")
    state: Mapped[str] = mapped_column(String(16), default="active")
    decided_by: Mapped[str | None] = mapped_column(String(200))     # who set the status or note
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class DictionaryWordRow(Base):
    """A word the spelling checks accept; document_id NULL means every document."""

    __tablename__ = "dictionary_words"
    __table_args__ = (UniqueConstraint("word", "document_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    word: Mapped[str] = mapped_column(String(255))
    document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"),
                                                    index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class IgnoredRuleRow(Base):
    """A rule (or rule prefix) whose flags are dropped; document_id NULL means every document."""

    __tablename__ = "ignored_rules"
    __table_args__ = (UniqueConstraint("rule", "document_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    rule: Mapped[str] = mapped_column(String(255))
    document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"),
                                                    index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ParagraphCacheRow(Base):
    """A check's raw result for one paragraph text, so an unchanged paragraph is not checked again."""

    __tablename__ = "paragraph_cache"

    engine: Mapped[str] = mapped_column(String(100), primary_key=True)
    key: Mapped[str] = mapped_column("cache_key", String(64), primary_key=True)   # hash of the paragraph text
    payload: Mapped[Any] = mapped_column(JSON)
    used_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)

