"""Resolving what users type (`--drug`) to interventions, and the drug list."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from sqlalchemy import Connection, func, select

from msevidence import tables as t
from msevidence.aliases import normalise
from msevidence.errors import NotFoundError
from msevidence.formatting import join_sorted
from msevidence.queries.result import ResultSet


@dataclass(frozen=True)
class DrugMatch:
    """The interventions a `--drug` value names, and how it matched."""

    query: str
    ids: tuple[int, ...]
    names: tuple[str, ...]
    matched_by: str  # name | alias | class


def _vocabulary(conn: Connection) -> list[tuple[int, str, str, str | None]]:
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


def _indexed_match(conn: Connection, query: str, wanted: str) -> DrugMatch | None:
    """Exact name or alias through the unique indexes, without loading the vocabulary.

    Most `--drug` values are a name or an alias; only class and misspelt queries
    need the whole vocabulary.
    """
    typed = " ".join(query.casefold().split())
    by_name = conn.execute(
        select(t.interventions.c.id, t.interventions.c.name)
        .where(func.lower(t.interventions.c.name).in_({typed, wanted}))
        .order_by(t.interventions.c.id)
    ).all()
    if by_name:
        return DrugMatch(
            query, tuple(r.id for r in by_name), tuple(r.name for r in by_name), "name"
        )
    by_alias = conn.execute(
        select(t.interventions.c.id, t.interventions.c.name)
        .join(
            t.intervention_aliases,
            t.intervention_aliases.c.intervention_id == t.interventions.c.id,
        )
        .where(t.intervention_aliases.c.alias_norm == wanted)
    ).all()
    if by_alias:
        return DrugMatch(
            query,
            tuple(r.id for r in by_alias),
            tuple(r.name for r in by_alias),
            "alias",
        )
    return None


def resolve_drug(conn: Connection, query: str) -> DrugMatch:
    """Match an INN, alias or brand exactly (case- and hyphen-insensitive), else a class.

    A class matches when the query is a whole-word prefix of it, so "anti-CD20" finds
    "anti-CD20 monoclonal antibody" and "interferon beta" finds every interferon beta.
    """
    wanted = normalise(query)
    if not wanted:
        raise NotFoundError("--drug needs a name")
    indexed = _indexed_match(conn, query, wanted)
    if indexed is not None:
        return indexed
    vocab = _vocabulary(conn)
    names = {i: n for i, n, kind, _ in vocab if kind == "name"}
    exact = sorted({i for i, term, _, _ in vocab if normalise(term) == wanted})
    if exact:
        kind = "name" if any(normalise(names[i]) == wanted for i in exact) else "alias"
        return DrugMatch(query, tuple(exact), tuple(names[i] for i in exact), kind)
    by_class = sorted(
        {
            i
            for i, _, _, cls in vocab
            if cls
            and (normalise(cls) == wanted or normalise(cls).startswith(wanted + " "))
        }
    )
    if by_class:
        return DrugMatch(
            query, tuple(by_class), tuple(sorted(names[i] for i in by_class)), "class"
        )
    candidates = {term for _, term, _, _ in vocab} | {cls for *_, cls in vocab if cls}
    close = difflib.get_close_matches(
        wanted, {normalise(c): c for c in candidates}.keys(), n=4, cutoff=0.6
    )
    lookup = {normalise(c): c for c in candidates}
    hint = f"; did you mean: {', '.join(lookup[c] for c in close)}?" if close else ""
    raise NotFoundError(
        f"no intervention matches {query!r}{hint} (see msevidence drugs)"
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
