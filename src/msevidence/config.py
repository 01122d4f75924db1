"""Where the database is: --db > MSEVIDENCE_DATABASE_URL > the embedded default."""

from __future__ import annotations

import os
from pathlib import Path

ENV_URL = "MSEVIDENCE_DATABASE_URL"


def default_database_path() -> Path:
    """The embedded SQLite file in the user data directory (XDG on Linux)."""
    from platformdirs import user_data_path

    return user_data_path("msevidence", appauthor=False) / "msevidence.sqlite3"


def resolve_database_url(cli_value: str | None = None) -> tuple[str, bool]:
    """Return (url, is_embedded_default).

    A bare file path is accepted as a SQLite database for convenience.
    """
    value = cli_value or os.environ.get(ENV_URL) or None
    if value is None:
        return f"sqlite:///{default_database_path()}", True
    if "://" not in value:
        return f"sqlite:///{Path(value).expanduser()}", False
    return value, False
