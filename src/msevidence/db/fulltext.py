"""Full-text search on both engines: documents, index upkeep and the match query.

One text document per study (names, title, population, conclusion, safety, outcome
names and result summaries) and per recommendation (guideline title, subject,
population, paraphrase). SQLite indexes them with FTS5 (porter stemming, bm25
ranking); PostgreSQL with a GIN index on to_tsvector('english', body) (ts_rank).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from sqlalchemy import (
    Connection,
    Float,
    Integer,
    String,
    delete,
    insert,
    inspect,
    select,
    text,
)

from msevidence.models import (
    Guideline,
    Outcome,
    Recommendation,
    Result,
    SearchDocument,
    Study,
)

_WORD = re.compile(r"\w+", re.UNICODE)
BATCH = 5000


def _study_documents(conn: Connection) -> Iterator[dict[str, Any]]:
    """One document per study, BATCH studies at a time, so memory stays flat."""
    last = None
    while True:
        stmt = (
            select(
                Study.id,
                Study.short_name,
                Study.acronym,
                Study.title,
                Study.population,
                Study.conclusion,
                Study.safety,
            )
            .order_by(Study.id)
            .limit(BATCH)
        )
        if last is not None:
            stmt = stmt.where(Study.id > last)
        studies = conn.execute(stmt).all()
        if not studies:
            return
        first, last = studies[0][0], studies[-1][0]
        extra: dict[int, list[str]] = defaultdict(list)
        rows = conn.execute(
            select(Result.study_id, Outcome.name, Result.summary)
            .join(Outcome, Outcome.id == Result.outcome_id)
            .where(Result.study_id.between(first, last))
            .order_by(Result.study_id, Result.id)
        )
        for study_id, outcome, summary in rows:
            extra[study_id].extend(x for x in (outcome, summary) if x)
        for sid, *fields in studies:
            parts = [f for f in fields if f] + list(dict.fromkeys(extra.get(sid, [])))
            yield {"kind": "study", "ref_id": sid, "body": " ".join(parts)}


def _recommendation_documents(conn: Connection) -> Iterator[dict[str, Any]]:
    rows = conn.execute(
        select(
            Recommendation.id,
            Guideline.title,
            Recommendation.intervention_text,
            Recommendation.population,
            Recommendation.paraphrase,
        ).join(Guideline, Guideline.id == Recommendation.guideline_id)
    )
    for rid, *fields in rows:
        yield {
            "kind": "recommendation",
            "ref_id": rid,
            "body": " ".join(f for f in fields if f),
        }


def rebuild_index(conn: Connection) -> None:
    """Rewrite every search document and the engine's index from the data."""
    if not inspect(conn).has_table("search_documents"):
        return
    conn.execute(delete(SearchDocument))
    batch: list[dict[str, Any]] = []
    for doc in _chain(_study_documents(conn), _recommendation_documents(conn)):
        batch.append(doc)
        if len(batch) >= BATCH:
            conn.execute(insert(SearchDocument), batch)
            batch = []
    if batch:
        conn.execute(insert(SearchDocument), batch)
    if conn.dialect.name == "sqlite":
        conn.execute(text("INSERT INTO search_fts(search_fts) VALUES ('rebuild')"))


def _chain(*iterators: Iterator[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for iterator in iterators:
        yield from iterator


def match_query(conn: Connection, words: str) -> Any:
    """A selectable (ref kind, ref id, score) of the documents matching every word.

    Lower score is better on both engines, so callers order ascending.
    """
    tokens = _WORD.findall(words)
    if not tokens:
        from msevidence.errors import UserError

        raise UserError("search needs at least one word")
    if conn.dialect.name == "sqlite":
        expression = " AND ".join('"' + t.replace('"', '""') + '"' for t in tokens)
        return (
            text(
                "SELECT d.kind AS kind, d.ref_id AS ref_id, bm25(search_fts) AS score "
                "FROM search_fts JOIN search_documents d ON d.id = search_fts.rowid "
                "WHERE search_fts MATCH :q"
            )
            .bindparams(q=expression)
            .columns(kind=String(), ref_id=Integer(), score=Float())
        )
    return (
        text(
            "SELECT d.kind AS kind, d.ref_id AS ref_id, "
            "-ts_rank(to_tsvector('english', d.body), plainto_tsquery('english', :q)) AS score "
            "FROM search_documents d "
            "WHERE to_tsvector('english', d.body) @@ plainto_tsquery('english', :q)"
        )
        .bindparams(q=" ".join(tokens))
        .columns(kind=String(), ref_id=Integer(), score=Float())
    )
