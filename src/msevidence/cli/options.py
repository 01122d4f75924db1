"""Options shared by commands, declared once, and the context every command gets."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated

import typer

from msevidence.vocab import DESIGN_GROUPS, DESIGNS, FORMATS, PHENOTYPES, STATUSES

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from msevidence.db.prepared import Reader


@dataclass(frozen=True)
class AppContext:
    db: str | None
    debug: bool

    def engine(self) -> Engine:
        from msevidence.config import resolve_database_url
        from msevidence.db.session import open_database

        url, embedded = resolve_database_url(self.db)
        return open_database(url, embedded=embedded, notify=note)

    @contextmanager
    def reader(self) -> Iterator[Reader]:
        """The direct sqlite3 reader where it applies (db/direct.py), else SQLAlchemy."""
        from msevidence.config import resolve_database_url
        from msevidence.db.direct import open_direct

        url, embedded = resolve_database_url(self.db)
        direct = open_direct(url, embedded=embedded)
        if direct is not None:
            with direct:
                yield direct
            return
        from msevidence.db.prepared import AlchemyReader
        from msevidence.db.session import open_database

        engine = open_database(url, embedded=embedded, notify=note)
        with engine.connect() as conn:
            yield AlchemyReader(conn)


def note(message: str) -> None:
    print(message, file=sys.stderr)


def app_context(ctx: typer.Context) -> AppContext:
    obj = ctx.find_root().obj
    assert isinstance(obj, AppContext)
    return obj


def _complete(values: tuple[str, ...]):  # type: ignore[no-untyped-def]
    def complete(incomplete: str) -> list[str]:
        return [v for v in values if v.lower().startswith(incomplete.lower())]

    return complete


def complete_drug(incomplete: str) -> list[str]:
    """Drug names and aliases from the embedded database, read with the stdlib sqlite3
    module so completion stays fast (no SQLAlchemy); nothing when there is none yet."""
    import sqlite3

    from msevidence.config import default_database_path

    path = default_database_path()
    if not path.exists():
        return []
    query = (
        "SELECT name FROM interventions UNION SELECT alias FROM intervention_aliases "
        "UNION SELECT drug_class FROM interventions WHERE drug_class IS NOT NULL"
    )
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
            names = [row[0] for row in conn.execute(query)]
    except sqlite3.Error:
        return []
    wanted = incomplete.casefold()
    return sorted(n for n in names if n.casefold().startswith(wanted))


FormatOpt = Annotated[
    str | None,
    typer.Option(
        "--format",
        "-f",
        help=f"Output format: {', '.join(FORMATS)} (default: table on a terminal, else csv).",
        autocompletion=_complete(FORMATS),
        show_default=False,
    ),
]
OutputOpt = Annotated[
    str | None,
    typer.Option(
        "--output",
        "-o",
        help="Write to FILE instead of standard output.",
        metavar="FILE",
    ),
]
DrugOpt = Annotated[
    str | None,
    typer.Option(
        "--drug",
        "-d",
        help="INN, brand, alias or class (case-insensitive), e.g. LDN, Ocrevus, anti-CD20.",
        autocompletion=complete_drug,
    ),
]
DesignOpt = Annotated[
    str | None,
    typer.Option(
        "--design",
        help=f"Study design ({', '.join(DESIGNS)}) or group ({', '.join(DESIGN_GROUPS)}).",
        autocompletion=_complete(DESIGNS + tuple(DESIGN_GROUPS)),
    ),
]
PhenotypeOpt = Annotated[
    str | None,
    typer.Option(
        "--phenotype",
        help=f"MS phenotype: {', '.join(PHENOTYPES)} (RRMS also finds relapsing-MS trials).",
        autocompletion=_complete(PHENOTYPES),
    ),
]
StatusOpt = Annotated[
    str | None,
    typer.Option(
        "--status",
        help=f"Study status: {', '.join(STATUSES)}.",
        autocompletion=_complete(STATUSES),
    ),
]
YearFromOpt = Annotated[
    int | None,
    typer.Option("--year-from", help="Published in or after YEAR.", metavar="YEAR"),
]
YearToOpt = Annotated[
    int | None,
    typer.Option("--year-to", help="Published in or before YEAR.", metavar="YEAR"),
]
MinNOpt = Annotated[
    int | None,
    typer.Option(
        "--min-n",
        help="At least N participants (randomised, else enrolled).",
        metavar="N",
        min=0,
    ),
]
LimitOpt = Annotated[
    int | None, typer.Option("--limit", help="At most N rows.", metavar="N", min=0)
]


def check_choice(name: str, value: str | None, allowed: tuple[str, ...]) -> str | None:
    """Validate a constrained option with one clear line (and the allowed values)."""
    from msevidence.errors import UserError

    if value is None or value in allowed:
        return value
    lowered = {a.lower(): a for a in allowed}
    if value.lower() in lowered:
        return lowered[value.lower()]
    raise UserError(f"unknown {name} {value!r}: use one of {', '.join(allowed)}")


def resolve_format(fmt: str | None, output: str | None) -> str:
    from msevidence.render import default_format

    return check_choice("format", fmt, FORMATS) or default_format(output)
