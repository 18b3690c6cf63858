"""Reviews follow the story and a team: revisions with their text, a story slug, decision versions,
one note per reviewer on a flag, and who set a claim.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_WHEN = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "revisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("review_id", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("parent_sha256", sa.String(64), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", _WHEN, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_revisions"),
        sa.ForeignKeyConstraint(["review_id"], ["reviews.id"], ondelete="CASCADE",
                                name="fk_revisions_review_id_reviews"),
        sa.UniqueConstraint("review_id", "sha256", name="uq_revisions_review_id_sha256"),
    )
    op.create_index("ix_revisions_sha256", "revisions", ["sha256"])

    with op.batch_alter_table("documents") as batch:
        batch.add_column(sa.Column("review_id", sa.Integer(), nullable=True))
        batch.create_index("ix_documents_review_id", ["review_id"])
    with op.batch_alter_table("reviews") as batch:
        batch.add_column(sa.Column("story", sa.String(200), nullable=True))
        batch.add_column(sa.Column("anchor_sha", sa.String(64), nullable=True))
        batch.add_column(sa.Column("decision_seq", sa.Integer(), nullable=False, server_default="0"))
        batch.create_unique_constraint("uq_reviews_story", ["story"])
    with op.batch_alter_table("flags") as batch:
        # Flags decided before this revision count as version 1: a window that loaded them
        # at 0 then sees that someone decided them.
        batch.add_column(sa.Column("version", sa.Integer(), nullable=False, server_default="0"))
        batch.create_index("ix_flags_review_id_version", ["review_id", "version"])
    op.execute("UPDATE flags SET version = 1 WHERE status <> 'pending'")
    op.execute("UPDATE reviews SET decision_seq = 1 WHERE id IN "
               "(SELECT review_id FROM flags WHERE status <> 'pending')")
    with op.batch_alter_table("notes") as batch:
        batch.drop_constraint("uq_notes_flag_id", type_="unique")
        batch.create_unique_constraint("uq_notes_flag_id_author", ["flag_id", "author"])
        batch.create_index("ix_notes_flag_id", ["flag_id"])
    with op.batch_alter_table("claims") as batch:
        batch.add_column(sa.Column("decided_by", sa.String(200), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("claims") as batch:
        batch.drop_column("decided_by")
    with op.batch_alter_table("notes") as batch:
        batch.drop_index("ix_notes_flag_id")
        batch.drop_constraint("uq_notes_flag_id_author", type_="unique")
        batch.create_unique_constraint("uq_notes_flag_id", ["flag_id"])
    with op.batch_alter_table("flags") as batch:
        batch.drop_index("ix_flags_review_id_version")
        batch.drop_column("version")
    with op.batch_alter_table("reviews") as batch:
        batch.drop_constraint("uq_reviews_story", type_="unique")
        batch.drop_column("decision_seq")
        batch.drop_column("anchor_sha")
        batch.drop_column("story")
    with op.batch_alter_table("documents") as batch:
        batch.drop_index("ix_documents_review_id")
        batch.drop_column("review_id")
    op.drop_index("ix_revisions_sha256", "revisions")
    op.drop_table("revisions")
