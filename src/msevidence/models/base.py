"""Declarative base, naming convention and the column shapes every table shares."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated

from sqlalchemy import CheckConstraint, ForeignKey, Integer, MetaData, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

IntPK = Annotated[int, mapped_column(Integer, primary_key=True)]
Key = Annotated[str, mapped_column(String(120), unique=True)]
Short = Annotated[str, mapped_column(String(200))]
Prose = Annotated[str | None, mapped_column(Text)]


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {str: String(400)}


def one_of(
    column: str, values: Sequence[str], name: str | None = None
) -> CheckConstraint:
    """CHECK that a constrained-string column holds one of `values` (or NULL)."""
    quoted = ", ".join(f"'{v}'" for v in values)
    return CheckConstraint(f"{column} IN ({quoted})", name=name or column)


def ref(target: str) -> ForeignKey:
    """A foreign key that can be deferred to commit time.

    `db seed` replaces the seed rows in one transaction; deferring the checks lets
    rows users added keep pointing at seed rows that are deleted and re-inserted with
    the same id, instead of cascading their deletion.
    """
    return ForeignKey(target, deferrable=True, initially="IMMEDIATE")


class Provenance:
    """Every data row names where its values come from and how they were checked.

    Tables using it add `one_of("verification", VERIFICATION)` to their table args.
    """

    source: Mapped[str] = mapped_column(Text)
    verification: Mapped[str] = mapped_column(String(20), default="verified")
