"""Derived tables, rebuilt from the data at seed time and by `db reindex`.

- search_documents: the documents full-text search runs over (one per study and per
  recommendation). The engine-specific index lives beside it: an FTS5 table on
  SQLite, a GIN index on a tsvector expression on PostgreSQL (migration 0002,
  db/fulltext.py).
- study_listings: the derived columns of a `studies` row (migration 0003,
  db/listings.py), so a listing or a full export reads one row per study instead of
  evaluating five correlated subqueries per study.
"""

from __future__ import annotations

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from msevidence.models.base import Base, IntPK


class SearchDocument(Base):
    __tablename__ = "search_documents"
    __table_args__ = (Index("ix_search_documents_kind_ref", "kind", "ref_id"),)

    id: Mapped[IntPK]
    kind: Mapped[str] = mapped_column(String(20))  # study | recommendation
    ref_id: Mapped[int]
    body: Mapped[str] = mapped_column(Text)


class StudyListing(Base):
    """The text a `studies` row shows that is not a column of studies itself."""

    __tablename__ = "study_listings"

    study_id: Mapped[int] = mapped_column(
        ForeignKey("studies.id", ondelete="CASCADE"), primary_key=True
    )
    first_author: Mapped[str | None] = mapped_column(Text)
    phenotypes: Mapped[str | None] = mapped_column(Text)
    intervention: Mapped[str | None] = mapped_column(Text)
    comparator: Mapped[str | None] = mapped_column(Text)
    primary_result: Mapped[str | None] = mapped_column(Text)
    pmid: Mapped[str | None] = mapped_column(Text)
    doi: Mapped[str | None] = mapped_column(Text)
    registry_ids: Mapped[str | None] = mapped_column(Text)
