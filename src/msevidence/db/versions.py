"""What makes a database current, checkable without importing SQLAlchemy.

The direct SQLite reader (db/direct.py) checks these before it trusts a file, so they
live apart from the modules that need SQLAlchemy.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from msevidence.resources import seed_path

# The newest migration; tests check it against the migration history, so the
# start-up check needs no Alembic import.
HEAD_REVISION = "0003"

# Bump when the text db.listings.derive() produces changes: the seed checksum
# includes it, so every database rebuilds its listings the next time its seed is checked.
LISTING_FORMAT = "1"


def seed_checksum(path: Path | None = None) -> str:
    """The seed file's hash, with the version of the derived listing text folded in:
    a change to either reloads the seed and rebuilds the derived tables."""
    digest = hashlib.sha256((path or seed_path()).read_bytes())
    digest.update(f"listing-format:{LISTING_FORMAT}".encode())
    return digest.hexdigest()
