"""Shared pieces of the seed builder: errors, the row tables, ids and checks."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

# The builder modules take the vocabulary from here: this module puts src/ on the
# path first, so they work when run from a checkout without installing.
from msevidence import vocab  # noqa: E402, F401
from msevidence.aliases import normalise  # noqa: E402, F401

REGISTRY_PATTERNS = {
    "NCT": re.compile(r"^NCT\d{8}$"),
    "EudraCT": re.compile(r"^\d{4}-\d{6}-\d{2}$"),
    "ISRCTN": re.compile(r"^ISRCTN\d{8}$"),
    "ACTRN": re.compile(r"^ACTRN\d{14}$"),
    "DRKS": re.compile(r"^DRKS\d{8}$"),
}


class CurationError(Exception):
    pass


@dataclass
class Tables:
    rows: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    columns: dict[str, list[str]] = field(default_factory=dict)

    def add(self, table: str, row: dict[str, Any]) -> None:
        self.rows.setdefault(table, []).append(row)
        cols = self.columns.setdefault(table, [])
        cols.extend(c for c in row if c not in cols)


class IdRegistry:
    """Stable negative ids for top-level records; sequential ones for child rows."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.ids: dict[tuple[str, str], int] = {}
        if path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                if line and not line.startswith("#"):
                    table, key, value = line.split("\t")
                    self.ids[(table, key)] = int(value)
        self.counters: dict[str, int] = {}
        self.dirty = False

    def stable(self, table: str, key: str) -> int:
        if (table, key) not in self.ids:
            used = [v for (t, _), v in self.ids.items() if t == table]
            self.ids[(table, key)] = min(used, default=0) - 1
            self.dirty = True
        return self.ids[(table, key)]

    def next(self, table: str) -> int:
        self.counters[table] = self.counters.get(table, 0) - 1
        return self.counters[table]

    def save(self) -> None:
        lines = ["# table\tkey\tid  (generated; ids stay stable across releases)"]
        lines += [
            f"{t}\t{k}\t{v}"
            for (t, k), v in sorted(self.ids.items(), key=lambda i: (i[0][0], -i[1]))
        ]
        self.path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def fold(value: Any) -> Any:
    """Collapse whitespace in strings so every SQL statement stays on one line."""
    if isinstance(value, str):
        return " ".join(value.split())
    return value


def check_enum(
    where: str, name: str, value: Any, allowed: Iterable[str], required: bool = False
) -> None:
    if value is None:
        if required:
            raise CurationError(f"{where}: {name} is required")
        return
    if value not in allowed:
        raise CurationError(
            f"{where}: {name} {value!r} is not one of {', '.join(allowed)}"
        )


def need(where: str, record: dict[str, Any], *names: str) -> None:
    for name in names:
        if record.get(name) in (None, ""):
            raise CurationError(f"{where}: {name} is required")


def check_known(where: str, record: dict[str, Any], allowed: set[str]) -> None:
    unknown = set(record) - allowed
    if unknown:
        raise CurationError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")


def load_curated(folder: Path) -> dict[str, list[dict[str, Any]]]:
    merged: dict[str, list[dict[str, Any]]] = {}
    for path in sorted(folder.glob("*.yaml")):
        document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        if not isinstance(document, dict):
            raise CurationError(f"{path.name}: top level must be a mapping")
        for section, items in document.items():
            if section not in (
                "interventions",
                "outcomes",
                "publications",
                "studies",
                "guidelines",
            ):
                raise CurationError(f"{path.name}: unknown section {section!r}")
            for item in items or []:
                item["_file"] = path.name
                merged.setdefault(section, []).append(item)
    return merged


def unique_by(
    items: list[dict[str, Any]], field_name: str, section: str
) -> dict[str, dict[str, Any]]:
    index: dict[str, dict[str, Any]] = {}
    for item in items:
        key = item.get(field_name)
        if not key:
            raise CurationError(
                f"{item['_file']}: a {section} entry has no {field_name}"
            )
        if key in index:
            raise CurationError(
                f"{section} {field_name} {key!r} is defined twice ({index[key]['_file']}, {item['_file']})"
            )
        index[key] = item
    return index


def registry_id(raw: str) -> tuple[str, str]:
    """(scheme, identifier) for 'NCT01234567', 'EudraCT 2020-000979-21', ..."""
    identifier = raw.strip()
    for prefix in ("EudraCT ", "EudraCT:", "ISRCTN:"):
        if identifier.startswith(prefix):
            identifier = identifier[len(prefix) :].strip()
    return registry_scheme(identifier), identifier


def registry_scheme(identifier: str) -> str:
    for scheme, pattern in REGISTRY_PATTERNS.items():
        if pattern.match(identifier):
            return scheme
    raise CurationError(
        f"registry id {identifier!r} is not NCT########, EudraCT ####-######-##, ISRCTN########, ACTRN or DRKS"
    )


def none_or_str(value: Any) -> str | None:
    return None if value is None else str(value)


class BuilderState:
    """The state build_seed.Builder holds, declared for the row mixins that use it."""

    data: dict[str, list[dict[str, Any]]]
    ids: IdRegistry
    t: Tables
    interventions: dict[str, dict[str, Any]]
    outcomes: dict[str, dict[str, Any]]
    publications: dict[str, dict[str, Any]]
    studies: dict[str, dict[str, Any]]
    guidelines: dict[str, dict[str, Any]]
    bodies: dict[str, int]

    def iid(self, key: str, where: str) -> int:
        raise NotImplementedError
