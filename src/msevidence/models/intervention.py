"""Interventions (drugs and procedures) and the names people call them by."""

from __future__ import annotations

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from msevidence.models.base import Base, IntPK, Key, Prose, Provenance, one_of, ref
from msevidence.vocab import ALIAS_KINDS, APPROVAL, INTERVENTION_KINDS, VERIFICATION


class Intervention(Provenance, Base):
    __tablename__ = "interventions"
    __table_args__ = (
        one_of("kind", INTERVENTION_KINDS),
        one_of("approval", APPROVAL),
        one_of("verification", VERIFICATION),
    )

    id: Mapped[IntPK]
    key: Mapped[Key]
    name: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(20))
    drug_class: Mapped[str | None] = mapped_column(String(200), index=True)
    atc_code: Mapped[str | None] = mapped_column(String(10))
    route: Mapped[str | None] = mapped_column(String(100))
    approval: Mapped[str] = mapped_column(String(20))
    description: Mapped[Prose]

    aliases: Mapped[list[InterventionAlias]] = relationship(
        back_populates="intervention", cascade="all, delete-orphan"
    )


class InterventionAlias(Base):
    __tablename__ = "intervention_aliases"
    __table_args__ = (one_of("kind", ALIAS_KINDS),)

    id: Mapped[IntPK]
    intervention_id: Mapped[int] = mapped_column(ref("interventions.id"), index=True)
    alias: Mapped[str] = mapped_column(String(200))
    # Lower-cased, space-folded form: the lookup key, unique so an alias names one drug.
    alias_norm: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(20))
    source: Mapped[str | None] = mapped_column(String(600))

    intervention: Mapped[Intervention] = relationship(back_populates="aliases")
