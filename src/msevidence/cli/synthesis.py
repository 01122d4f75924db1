"""`summary` and `meta`: evidence briefs and pooled estimates (see issue 5)."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Registers nothing yet; the synthesis commands land here."""
