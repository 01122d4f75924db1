"""The drug list, and the statements behind resolving `--drug` (queries/drug_match.py)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import Connection, bindparam, func, select

from msevidence import tables as t
from msevidence.formatting import join_sorted
from msevidence.queries.result import ResultSet


def vocabulary(conn: Connection) -> list[tuple[int, str, str, str | None]]:
    """(id, name, key, class) for every intervention, plus one row per alias."""
    rows = list(
        conn.execute(
            select(
                t.interventions.c.id,
                t.interventions.c.name,
                t.interventions.c.drug_class,
            )
        )
    )
    alias_rows = conn.execute(
        select(t.intervention_aliases.c.intervention_id, t.intervention_aliases.c.alias)
    ).all()
    by_id = {r.id: r for r in rows}
    vocab = [(r.id, r.name, "name", r.drug_class) for r in rows]
    vocab += [
        (a.intervention_id, a.alias, "alias", by_id[a.intervention_id].drug_class)
        for a in alias_rows
    ]
    return vocab


def by_name_statement(params: Mapping[str, Any]) -> Any:
    """Interventions whose lower-cased name is the typed or the normalised query."""
    wanted: list[Any] = [
        bindparam("typed", params["typed"]),
        bindparam("wanted", params["wanted"]),
    ]
    return (
        select(t.interventions.c.id, t.interventions.c.name)
        .where(func.lower(t.interventions.c.name).in_(wanted))
        .order_by(t.interventions.c.id)
    )


def by_alias_statement(params: Mapping[str, Any]) -> Any:
    """Interventions with the normalised query as an alias (a unique index)."""
    return (
        select(t.interventions.c.id, t.interventions.c.name)
        .join(
            t.intervention_aliases,
            t.intervention_aliases.c.intervention_id == t.interventions.c.id,
        )
        .where(
            t.intervention_aliases.c.alias_norm == bindparam("wanted", params["wanted"])
        )
        .order_by(t.interventions.c.id)
    )


DRUG_COLUMNS = [
    "key",
    "name",
    "kind",
    "class",
    "atc_code",
    "route",
    "approval",
    "aliases",
    "studies",
    "source",
]


def list_drugs(conn: Connection) -> ResultSet:
    studies = (
        select(func.count(func.distinct(t.arms.c.study_id)))
        .where(t.arms.c.intervention_id == t.interventions.c.id)
        .scalar_subquery()
    )
    aliases = (
        select(func.aggregate_strings(t.intervention_aliases.c.alias, "|"))
        .where(t.intervention_aliases.c.intervention_id == t.interventions.c.id)
        .scalar_subquery()
    )
    stmt = select(
        t.interventions.c.key,
        t.interventions.c.name,
        t.interventions.c.kind,
        t.interventions.c.drug_class,
        t.interventions.c.atc_code,
        t.interventions.c.route,
        t.interventions.c.approval,
        aliases,
        studies,
        t.interventions.c.source,
    ).order_by(t.interventions.c.name)
    rows = ((*r[:7], join_sorted(r[7]), r[8], r[9]) for r in conn.execute(stmt))
    shown = ["name", "kind", "class", "atc_code", "approval", "aliases", "studies"]
    return ResultSet(DRUG_COLUMNS, rows, title="Interventions", table_columns=shown)
