"""`msevidence validate`: the data's own consistency checks, one line per problem."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterator

from sqlalchemy import Connection, func, select

from msevidence.aliases import normalise
from msevidence.db.listings import stale_listings
from msevidence.models import (
    Arm,
    Intervention,
    InterventionAlias,
    Outcome,
    Publication,
    Recommendation,
    Registration,
    Result,
    Study,
    StudyPublication,
)

PMID = re.compile(r"^\d{1,9}$")
DOI = re.compile(r"^10\.\d{4,9}/\S+$")
REGISTRY = {
    "NCT": re.compile(r"^NCT\d{8}$"),
    "EudraCT": re.compile(r"^\d{4}-\d{6}-\d{2}$"),
    "ISRCTN": re.compile(r"^ISRCTN\d{8}$"),
    "ACTRN": re.compile(r"^ACTRN\d{14}$"),
    "DRKS": re.compile(r"^DRKS\d{8}$"),
}


def check_results(conn: Connection) -> Iterator[str]:
    rows = conn.execute(
        select(
            Result.id,
            Study.key,
            Outcome.code,
            Result.value,
            Result.ci_lower,
            Result.ci_upper,
            Result.p_value,
            Result.source,
        )
        .join(Study, Study.id == Result.study_id)
        .join(Outcome, Outcome.id == Result.outcome_id)
    )
    for rid, study, outcome, value, lo, hi, p, source in rows:
        where = f"result {rid} ({study}, {outcome})"
        if lo is not None and hi is not None:
            if lo > hi:
                yield f"{where}: CI lower {lo:g} exceeds upper {hi:g}"
            elif value is not None and not lo <= value <= hi:
                yield f"{where}: CI {lo:g} to {hi:g} does not contain the estimate {value:g}"
        elif (lo is None) != (hi is None):
            yield f"{where}: only one CI bound is given"
        if p is not None and not 0 <= p <= 1:
            yield f"{where}: p-value {p:g} is outside [0, 1]"
        if not (source or "").strip():
            yield f"{where}: no source"


def check_arm_sizes(conn: Connection) -> Iterator[str]:
    arms: dict[int, list[int | None]] = defaultdict(list)
    for study_id, n in conn.execute(select(Arm.study_id, Arm.n)):
        arms[study_id].append(n)
    totals = conn.execute(
        select(Study.id, Study.key, Study.n_randomised, Study.n_enrolled)
    )
    for sid, key, randomised, enrolled in totals:
        sizes = arms.get(sid, [])
        total = randomised if randomised is not None else enrolled
        if total is None or not sizes or any(n is None for n in sizes):
            continue
        counted = sum(n for n in sizes if n is not None)
        if counted != total:
            yield f"study {key}: arm sizes add up to {counted}, the study total is {total}"


def check_identifiers(conn: Connection) -> Iterator[str]:
    for key, pmid, doi in conn.execute(
        select(Publication.key, Publication.pmid, Publication.doi)
    ):
        if pmid is not None and not PMID.match(pmid):
            yield f"publication {key}: PMID {pmid!r} is not digits"
        if doi is not None and not DOI.match(doi):
            yield f"publication {key}: DOI {doi!r} is not of the form 10.xxxx/..."
    for scheme, ident in conn.execute(
        select(Registration.scheme, Registration.identifier)
    ):
        pattern = REGISTRY.get(scheme)
        if pattern is None:
            yield f"registry id {ident}: unknown registry {scheme!r}"
        elif not pattern.match(ident):
            yield f"registry id {ident!r} is not a well-formed {scheme} id"


def check_duplicate_publications(conn: Connection) -> Iterator[str]:
    seen: dict[tuple[str, str | None], str] = {}
    # A guideline printed in two journals is two publications; same journal, title and
    # year is one publication entered twice.
    rows = conn.execute(
        select(
            Publication.key,
            Publication.pmid,
            Publication.doi,
            Publication.title,
            Publication.year,
            Publication.journal,
        )
    )
    for key, pmid, doi, title, year, journal in rows:
        citation = f"{normalise(title)} {year} {normalise(journal or '')}"
        for ident in (
            ("pmid", pmid),
            ("doi", (doi or "").lower()),
            ("title", citation),
        ):
            if not ident[1]:
                continue
            if ident in seen:
                yield f"publication {key}: same {ident[0]} as publication {seen[ident]}"
            seen.setdefault(ident, key)


def check_study_identifiers(conn: Connection) -> Iterator[str]:
    linked = select(StudyPublication.study_id).union(select(Registration.study_id))
    for (key,) in conn.execute(select(Study.key).where(Study.id.not_in(linked))):
        yield f"study {key}: has neither a publication nor a registry id"


def check_sources(conn: Connection) -> Iterator[str]:
    rows = conn.execute(
        select(Recommendation.id, Recommendation.code, Recommendation.source)
    )
    for rid, code, source in rows:
        if not (source or "").strip():
            yield f"recommendation {rid} ({code}): no source"
    for (key,) in conn.execute(
        select(Study.key).where(func.coalesce(func.trim(Study.source), "") == "")
    ):
        yield f"study {key}: no source"


def check_aliases(conn: Connection) -> Iterator[str]:
    owner: dict[str, str] = {}
    for key, name in conn.execute(select(Intervention.key, Intervention.name)):
        owner[normalise(name)] = key
    rows = conn.execute(
        select(InterventionAlias.alias, Intervention.key).join(
            Intervention, Intervention.id == InterventionAlias.intervention_id
        )
    )
    for alias, key in rows:
        norm = normalise(alias)
        if norm in owner and owner[norm] != key:
            yield f"alias {alias!r} of {key} also names {owner[norm]}"
        owner.setdefault(norm, key)


def check_listings(conn: Connection) -> Iterator[str]:
    """Stored study listings that no longer match the data (rows edited with SQL)."""
    stale = dict(stale_listings(conn))
    if not stale:
        return
    ids = select(Study.id, Study.key).where(Study.id.in_(list(stale)))
    keys = {sid: key for sid, key in conn.execute(ids)}  # noqa: C416 (a Result is no mapping)
    for sid, state in sorted(stale.items(), key=lambda item: keys[item[0]]):
        yield f"study {keys[sid]}: stored listing is {state} (run msevidence db reindex)"


CHECKS: tuple[Callable[[Connection], Iterator[str]], ...] = (
    check_results,
    check_arm_sizes,
    check_identifiers,
    check_duplicate_publications,
    check_study_identifiers,
    check_sources,
    check_aliases,
    check_listings,
)


def validate_database(conn: Connection) -> Iterator[str]:
    for check in CHECKS:
        yield from check(conn)
