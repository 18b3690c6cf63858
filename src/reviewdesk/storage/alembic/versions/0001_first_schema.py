"""First schema: documents, reviews, flags with their decisions and notes, claims, dictionaries.

Revision ID: 0001
Revises:
Create Date: 2026-05-10
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

# A migration is a frozen snapshot: it spells the tables out instead of importing the models.
_WHEN = sa.DateTime(timezone=True)


def _stamps(*names: str) -> list[sa.Column]:
    return [sa.Column(n, _WHEN, nullable=False) for n in names]


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("path", sa.Text(), nullable=True),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("format", sa.String(16), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        *_stamps("created_at", "updated_at"),
        sa.PrimaryKeyConstraint("id", name="pk_documents"),
        sa.UniqueConstraint("path", name="uq_documents_path"),
    )
    op.create_index("ix_documents_sha256", "documents", ["sha256"])

    op.create_table(
        "reviews",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("metrics", sa.JSON(), nullable=False),
        *_stamps("created_at", "updated_at"),
        sa.PrimaryKeyConstraint("id", name="pk_reviews"),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], ondelete="CASCADE",
                                name="fk_reviews_document_id_documents"),
    )
    op.create_index("ix_reviews_document_id", "reviews", ["document_id"])

    op.create_table(
        "flags",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("review_id", sa.Integer(), nullable=False),
        sa.Column("short_id", sa.String(64), nullable=False),
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.Column("check_id", sa.String(100), nullable=False),
        sa.Column("rule", sa.String(200), nullable=False),
        sa.Column("category", sa.String(100), nullable=False),
        sa.Column("severity", sa.String(16), nullable=False),
        sa.Column("start_offset", sa.Integer(), nullable=False),
        sa.Column("end_offset", sa.Integer(), nullable=False),
        sa.Column("line", sa.Integer(), nullable=False),
        sa.Column("col", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("suggestions", sa.JSON(), nullable=False),
        sa.Column("occurrences", sa.JSON(), nullable=False),
        sa.Column("engines", sa.JSON(), nullable=False),
        sa.Column("score", sa.Float(), nullable=True),
        sa.Column("digest", sa.String(32), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("decided_by", sa.String(200), nullable=True),
        sa.Column("decided_at", _WHEN, nullable=True),
        *_stamps("created_at", "updated_at"),
        sa.PrimaryKeyConstraint("id", name="pk_flags"),
        sa.ForeignKeyConstraint(["review_id"], ["reviews.id"], ondelete="CASCADE",
                                name="fk_flags_review_id_reviews"),
        sa.UniqueConstraint("review_id", "fingerprint", name="uq_flags_review_id_fingerprint"),
        sa.UniqueConstraint("review_id", "short_id", name="uq_flags_review_id_short_id"),
        sa.CheckConstraint("status IN ('pending', 'accepted', 'dismissed')", name="ck_flags_status"),
        sa.CheckConstraint("state IN ('active', 'outdated')", name="ck_flags_state"),
        sa.CheckConstraint("start_offset >= 0 AND end_offset >= start_offset", name="ck_flags_span"),
    )

    op.create_table(
        "decisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("flag_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("reviewer", sa.String(200), nullable=False),
        sa.Column("at", _WHEN, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_decisions"),
        sa.ForeignKeyConstraint(["flag_id"], ["flags.id"], ondelete="CASCADE",
                                name="fk_decisions_flag_id_flags"),
        sa.CheckConstraint("status IN ('pending', 'accepted', 'dismissed')",
                           name="ck_decisions_status"),
    )
    op.create_index("ix_decisions_flag_id", "decisions", ["flag_id"])

    op.create_table(
        "notes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("review_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("flag_id", sa.Integer(), nullable=True),
        sa.Column("start_offset", sa.Integer(), nullable=True),
        sa.Column("end_offset", sa.Integer(), nullable=True),
        sa.Column("anchor_text", sa.Text(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("author", sa.String(200), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        *_stamps("created_at", "updated_at"),
        sa.PrimaryKeyConstraint("id", name="pk_notes"),
        sa.ForeignKeyConstraint(["review_id"], ["reviews.id"], ondelete="CASCADE",
                                name="fk_notes_review_id_reviews"),
        sa.ForeignKeyConstraint(["flag_id"], ["flags.id"], ondelete="CASCADE",
                                name="fk_notes_flag_id_flags"),
        sa.UniqueConstraint("flag_id", name="uq_notes_flag_id"),
        sa.CheckConstraint("kind IN ('flag', 'span', 'document')", name="ck_notes_kind"),
        sa.CheckConstraint("kind <> 'flag' OR flag_id IS NOT NULL", name="ck_notes_flag_has_flag"),
        sa.CheckConstraint("kind <> 'span' OR (start_offset IS NOT NULL AND end_offset >= start_offset)",
                           name="ck_notes_span_has_span"),
        sa.CheckConstraint("state IN ('active', 'outdated')", name="ck_notes_state"),
    )
    op.create_index("ix_notes_review_id", "notes", ["review_id"])

    op.create_table(
        "claims",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("review_id", sa.Integer(), nullable=False),
        sa.Column("claim_id", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("start_offset", sa.Integer(), nullable=False),
        sa.Column("end_offset", sa.Integer(), nullable=False),
        sa.Column("sentence", sa.Text(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        *_stamps("updated_at"),
        sa.PrimaryKeyConstraint("id", name="pk_claims"),
        sa.ForeignKeyConstraint(["review_id"], ["reviews.id"], ondelete="CASCADE",
                                name="fk_claims_review_id_reviews"),
        sa.UniqueConstraint("review_id", "claim_id", name="uq_claims_review_id_claim_id"),
        sa.CheckConstraint("state IN ('active', 'outdated')", name="ck_claims_state"),
    )

    for table, column in (("dictionary_words", "word"), ("ignored_rules", "rule")):
        op.create_table(
            table,
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column(column, sa.String(255), nullable=False),
            sa.Column("document_id", sa.Integer(), nullable=True),
            *_stamps("created_at"),
            sa.PrimaryKeyConstraint("id", name=f"pk_{table}"),
            sa.ForeignKeyConstraint(["document_id"], ["documents.id"], ondelete="CASCADE",
                                    name=f"fk_{table}_document_id_documents"),
            sa.UniqueConstraint(column, "document_id", name=f"uq_{table}_{column}_document_id"),
        )
        op.create_index(f"ix_{table}_document_id", table, ["document_id"])

    op.create_table(
        "paragraph_cache",
        sa.Column("engine", sa.String(100), nullable=False),
        sa.Column("cache_key", sa.String(64), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("used_at", _WHEN, nullable=False),
        sa.PrimaryKeyConstraint("engine", "cache_key", name="pk_paragraph_cache"),
    )
    op.create_index("ix_paragraph_cache_used_at", "paragraph_cache", ["used_at"])


def downgrade() -> None:
    for table in ("paragraph_cache", "ignored_rules", "dictionary_words", "claims", "notes",
                  "decisions", "flags", "reviews", "documents"):
        op.drop_table(table)
