"""Full-text search (`msevidence search`)."""

from __future__ import annotations

from sqlalchemy import Connection

from msevidence.queries.result import ResultSet
from msevidence.queries.studies import StudyFilters


def search_studies(conn: Connection, text: str, filters: StudyFilters) -> ResultSet:
    raise NotImplementedError("search lands with the full-text migration")
