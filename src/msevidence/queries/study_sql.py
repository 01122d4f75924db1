"""The Core statement behind `msevidence studies`, and the filters `search` shares.

Every filter value is a bindparam named after its parameter (see db/prepared.py), so
the statement depends only on which filters are set: the direct SQLite reader runs
SQL compiled from it once per shape.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import Select, bindparam, exists, func, literal_column, or_, select

from msevidence import tables as t
from msevidence.db.prepared import listed_names
from msevidence.queries.studies import STUDY_COLUMNS

# Newest first; name and id make the order total, so a limit is reproducible.
STUDY_ORDER = (
    t.studies.c.year.desc().nulls_last(),
    t.studies.c.short_name,
    t.studies.c.id,
)

# SQLite walks ix_studies_listing_order for any ORDER BY it matches, reading every
# study row in year order, i.e. at random: 5.4 s for a million studies where a scan
# and a sort take 2.8 s. The walk pays only when a LIMIT stops it early; otherwise
# SQLite is given the same order as an expression the index cannot serve.
SORTED_ORDER = (
    (-t.studies.c.year).asc().nulls_last(),
    t.studies.c.short_name,
    t.studies.c.id,
)


def study_size() -> Any:
    """The n shown and filtered on: randomised when known, else enrolled."""
    return func.coalesce(t.studies.c.n_randomised, t.studies.c.n_enrolled)


def _as_is(condition: Any) -> Any:
    return condition


def _likely(condition: Any) -> Any:
    return func.likelihood(condition, literal_column("0.9"))


def _unlikely(condition: Any) -> Any:
    return func.likelihood(condition, literal_column("0.0625"))


def _one(name: str, params: Mapping[str, Any]) -> Any:
    return bindparam(name, params[name])


def _each(prefix: str, params: Mapping[str, Any]) -> list[Any]:
    return [bindparam(name, params[name]) for name in listed_names(prefix, params)]


def apply_filters(
    dialect: str, stmt: Select[Any], params: Mapping[str, Any]
) -> Select[Any]:
    """`stmt` narrowed by the filters in `params` (queries.studies.filter_params)."""
    # SQLite's planner has no per-value statistics (no STAT4 in Python's build) and
    # does not weigh a LIMIT, so without --drug (whose few studies lead the plan)
    # it gets told the one thing known here. With --limit, the listing-order index
    # walk stops after `limit` matches: likelihood(0.9) marks the filter as passing
    # most rows, and the planner walks instead of reading and sorting every match
    # (1.4x slower at 1M studies than at seed size). Without a limit every match is
    # read anyway: likelihood(1/16) keeps the filter's own index in use instead of
    # a walk through every study.
    drug = "drug_0" in params
    walk = "limit" in params and not drug
    hint = _as_is
    if dialect == "sqlite" and not drug:
        hint = _likely if walk else _unlikely
    studies = t.studies.c
    if drug:
        arms = select(t.arms.c.study_id).where(
            t.arms.c.intervention_id.in_(_each("drug", params))
        )
        stmt = stmt.where(studies.id.in_(arms))
    if "design_0" in params:
        stmt = stmt.where(hint(studies.design.in_(_each("design", params))))
    if "phenotype_0" in params:
        # With a drug (few studies) or a walk up to the limit, check each candidate
        # rather than list every study of a common phenotype.
        wanted = _each("phenotype", params)
        stmt = stmt.where(_phenotype_condition(wanted, per_study=drug or walk))
    if "year_from" in params:
        stmt = stmt.where(studies.year >= _one("year_from", params))
    if "year_to" in params:
        stmt = stmt.where(studies.year <= _one("year_to", params))
    if "min_n" in params:
        stmt = stmt.where(_size_condition(_one("min_n", params)))
    if "status" in params:
        stmt = stmt.where(hint(studies.status == _one("status", params)))
    if "limit" in params:
        # SQLite writes a bound LIMIT with an OFFSET; a literal one binds no value.
        stmt = stmt.limit(_one("limit", params)).offset(literal_column("0"))
    return stmt


def _phenotype_condition(wanted: list[Any], per_study: bool) -> Any:
    phenotypes = t.study_phenotypes.c
    if per_study:
        return exists().where(
            phenotypes.study_id == t.studies.c.id, phenotypes.phenotype.in_(wanted)
        )
    matching = select(phenotypes.study_id).where(phenotypes.phenotype.in_(wanted))
    return t.studies.c.id.in_(matching)


def _size_condition(min_n: Any) -> Any:
    """study_size() >= min_n, written so the n_randomised/n_enrolled indexes apply."""
    studies = t.studies.c
    return or_(
        studies.n_randomised >= min_n,
        studies.n_randomised.is_(None) & (studies.n_enrolled >= min_n),
    )


def _study_columns() -> dict[str, Any]:
    """The STUDY_COLUMNS that come from the studies table; the rest are stored text."""
    studies = t.studies.c
    return {
        "key": studies.key,
        "study": studies.short_name,
        "year": studies.year,
        "design": studies.design,
        "n": study_size(),
    }


def study_rows_statement(dialect: str, params: Mapping[str, Any]) -> Select[Any]:
    """The listing rows (STUDY_COLUMNS), then the study id and a `listed` marker.

    The outer join keeps a study that has no listing row yet (added with SQL since
    the last reindex); its `listed` column is NULL and list_studies derives it.
    """
    own = _study_columns()
    listing = t.study_listings.c
    sort = "limit" not in params and dialect == "sqlite"
    stmt = (
        select(
            *(own[name] if name in own else listing[name] for name in STUDY_COLUMNS),
            t.studies.c.id,
            listing.study_id.label("listed"),
        )
        .select_from(t.studies)
        .outerjoin(t.study_listings, listing.study_id == t.studies.c.id)
        .order_by(*(SORTED_ORDER if sort else STUDY_ORDER))
    )
    return apply_filters(dialect, stmt, params)
