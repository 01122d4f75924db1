"""Full-text search: search_documents plus an FTS5 table (SQLite) or a GIN index on
a tsvector expression (PostgreSQL).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25 15:30:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "search_documents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("ref_id", sa.Integer(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_search_documents")),
    )
    op.create_index(
        "ix_search_documents_kind_ref", "search_documents", ["kind", "ref_id"]
    )
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        op.execute(
            "CREATE VIRTUAL TABLE search_fts USING fts5(body, content='search_documents', "
            "content_rowid='id', tokenize='porter unicode61')"
        )
    else:
        op.execute(
            "CREATE INDEX ix_search_documents_tsv ON search_documents "
            "USING GIN (to_tsvector('english', body))"
        )
    from msevidence.db.fulltext import rebuild_index

    rebuild_index(bind)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        op.execute("DROP TABLE search_fts")
    else:
        op.execute("DROP INDEX ix_search_documents_tsv")
    op.drop_index("ix_search_documents_kind_ref", table_name="search_documents")
    op.drop_table("search_documents")
