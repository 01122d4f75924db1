"""Publications: the papers, registry records and pages that evidence is cited from."""

from __future__ import annotations

from sqlalchemy import CheckConstraint, String
from sqlalchemy.orm import Mapped, mapped_column

from msevidence.models.base import Base, IntPK, Key, Prose, Provenance, one_of
from msevidence.vocab import PUB_TYPES, VERIFICATION


class Publication(Provenance, Base):
    __tablename__ = "publications"
    __table_args__ = (
        one_of("pub_type", PUB_TYPES),
        one_of("verification", VERIFICATION),
        CheckConstraint("year BETWEEN 1900 AND 2100", name="year_range"),
    )

    id: Mapped[IntPK]
    key: Mapped[Key]
    authors: Mapped[Prose]
    first_author: Mapped[str | None] = mapped_column(String(200))
    title: Mapped[str] = mapped_column(String(600))
    journal: Mapped[str | None] = mapped_column(String(300))
    year: Mapped[int | None]
    volume: Mapped[str | None] = mapped_column(String(40))
    issue: Mapped[str | None] = mapped_column(String(40))
    pages: Mapped[str | None] = mapped_column(String(60))
    pmid: Mapped[str | None] = mapped_column(String(12), unique=True)
    doi: Mapped[str | None] = mapped_column(String(200), unique=True)
    pmcid: Mapped[str | None] = mapped_column(String(20))
    url: Mapped[str | None] = mapped_column(String(600))
    pub_type: Mapped[str] = mapped_column(String(30), default="article")
