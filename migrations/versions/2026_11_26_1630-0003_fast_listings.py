"""Fast listings: stored derived columns per study, and an index in listing order.

- study_listings holds the text a `studies` row shows beyond the studies columns
  (db/listings.py), filled here and kept up to date at seed time and by `db reindex`.
- ix_studies_listing_order delivers `ORDER BY year DESC NULLS LAST, short_name, id`,
  so `studies --design X --limit 20` stops after 20 rows instead of sorting every
  match. SQLite puts NULLs last in a DESC index already and has no NULLS LAST in
  CREATE INDEX; PostgreSQL needs it spelt out. Being engine-specific, it is not in
  the models (migrate.DIALECT_SPECIFIC_INDEXES).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26 16:30:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

LISTING_TEXT = (
    "first_author",
    "phenotypes",
    "intervention",
    "comparator",
    "primary_result",
    "pmid",
    "doi",
    "registry_ids",
)


def upgrade() -> None:
    op.create_table(
        "study_listings",
        sa.Column("study_id", sa.Integer(), nullable=False),
        *(sa.Column(name, sa.Text(), nullable=True) for name in LISTING_TEXT),
        sa.ForeignKeyConstraint(
            ["study_id"],
            ["studies.id"],
            name=op.f("fk_study_listings_study_id_studies"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("study_id", name=op.f("pk_study_listings")),
    )
    bind = op.get_bind()
    nulls_last = " NULLS LAST" if bind.dialect.name == "postgresql" else ""
    op.execute(
        "CREATE INDEX ix_studies_listing_order ON studies "
        f"(year DESC{nulls_last}, short_name, id)"
    )
    # Fill the table now so an upgraded database lists fast at once. This uses the
    # current derivation code, as 0002 does for search: if a later revision renames
    # a column it reads, replace this call with the SQL of that time.
    from msevidence.db.listings import rebuild_listings

    rebuild_listings(bind)


def downgrade() -> None:
    op.execute("DROP INDEX ix_studies_listing_order")
    op.drop_table("study_listings")
