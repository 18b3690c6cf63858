"""Flags remember their neighbourhood: one key for the words before the passage, one for after.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Nullable: rows written before this revision get their keys at their next check.
    with op.batch_alter_table("flags") as batch:
        batch.add_column(sa.Column("before_key", sa.String(16), nullable=True))
        batch.add_column(sa.Column("after_key", sa.String(16), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("flags") as batch:
        batch.drop_column("after_key")
        batch.drop_column("before_key")
