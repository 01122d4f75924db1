"""Resolving what users type (`--drug`) to interventions.

An exact name or alias, the common case, is two indexed lookups run as prepared
statements, so the direct SQLite reader needs no SQLAlchemy for it. Classes and
misspellings load the whole vocabulary through SQLAlchemy (queries/interventions.py).
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from msevidence.aliases import normalise
from msevidence.db.prepared import Prepared, Reader, as_reader
from msevidence.errors import NotFoundError

if TYPE_CHECKING:
    from sqlalchemy import Connection


@dataclass(frozen=True)
class DrugMatch:
    """The interventions a `--drug` value names, and how it matched."""

    query: str
    ids: tuple[int, ...]
    names: tuple[str, ...]
    matched_by: str  # name | alias | class


def _by_name(params: Mapping[str, Any]) -> Any:
    from msevidence.queries.interventions import by_name_statement

    return by_name_statement(params)


def _by_alias(params: Mapping[str, Any]) -> Any:
    from msevidence.queries.interventions import by_alias_statement

    return by_alias_statement(params)


def _indexed_match(reader: Reader, query: str, wanted: str) -> DrugMatch | None:
    """Exact name or alias through the unique indexes, without loading the vocabulary.

    Most `--drug` values are a name or an alias; only class and misspelt queries
    need the whole vocabulary.
    """
    typed = " ".join(query.casefold().split())
    lookups = (
        (
            "name",
            Prepared("drug-by-name", {"typed": typed, "wanted": wanted}, _by_name),
        ),
        ("alias", Prepared("drug-by-alias", {"wanted": wanted}, _by_alias)),
    )
    for kind, prepared in lookups:
        found = list(reader.rows(prepared))
        if found:
            ids = tuple(r[0] for r in found)
            return DrugMatch(query, ids, tuple(r[1] for r in found), kind)
    return None


def resolve_drug(conn: Connection | Reader, query: str) -> DrugMatch:
    """Match an INN, alias or brand exactly (case- and hyphen-insensitive), else a class.

    A class matches when the query is a whole-word prefix of it, so "anti-CD20" finds
    "anti-CD20 monoclonal antibody" and "interferon beta" finds every interferon beta.
    """
    reader = as_reader(conn)
    wanted = normalise(query)
    if not wanted:
        raise NotFoundError("--drug needs a name")
    indexed = _indexed_match(reader, query, wanted)
    if indexed is not None:
        return indexed
    from msevidence.queries.interventions import vocabulary

    vocab = vocabulary(reader.connection())
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
