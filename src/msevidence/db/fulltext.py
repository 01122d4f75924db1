"""Full-text search index upkeep (filled in by the search migration)."""

from __future__ import annotations

from sqlalchemy import Connection


def rebuild_index(conn: Connection) -> None:
    """Rebuild the search index after bulk changes; nothing to do before it exists."""
    return None
