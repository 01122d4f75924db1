"""The documents full-text search runs over (one per study and per recommendation).

The engine-specific index lives beside it: an FTS5 table on SQLite, a GIN index on a
tsvector expression on PostgreSQL (migration 0002, db/fulltext.py).
"""

from __future__ import annotations

from sqlalchemy import Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from msevidence.models.base import Base, IntPK


class SearchDocument(Base):
    __tablename__ = "search_documents"
    __table_args__ = (Index("ix_search_documents_kind_ref", "kind", "ref_id"),)

    id: Mapped[IntPK]
    kind: Mapped[str] = mapped_column(String(20))  # study | recommendation
    ref_id: Mapped[int]
    body: Mapped[str] = mapped_column(Text)
