"""Paths to the migrations and the seed, in a wheel or in the source tree."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_SOURCE_ROOT = _PACKAGE.parent.parent


def _first_existing(*candidates: Path) -> Path:
    for path in candidates:
        if path.exists():
            return path
    raise FileNotFoundError(f"none of {', '.join(map(str, candidates))} exists")


def migrations_dir() -> Path:
    return _first_existing(_PACKAGE / "_migrations", _SOURCE_ROOT / "migrations")


def seed_path() -> Path:
    return _first_existing(
        _PACKAGE / "_data" / "seed.sql", _SOURCE_ROOT / "data" / "seed.sql"
    )
