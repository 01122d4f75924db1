"""db commands, the embedded default, start-up imports, errors, docs."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from msevidence.db.session import HEAD_REVISION

ROOT = Path(__file__).resolve().parents[2]


def test_db_commands_walk_the_schema(cli, empty_url):
    assert cli("db", "current", db=empty_url).out == "base\n"
    assert cli("db", "upgrade", db=empty_url).code == 0
    assert cli("db", "current", db=empty_url).out == f"{HEAD_REVISION}\n"
    seeded = cli("db", "seed", db=empty_url)
    assert seeded.code == 0 and "seed loaded" in seeded.err
    again = cli("db", "seed", db=empty_url)
    assert "already current, nothing changed" in again.err
    assert (
        cli("db", "reindex", db=empty_url).err
        == "msevidence: search index, study listings and statistics rebuilt\n"
    )
    assert (
        "cree-2010" in cli("search", "quality of life", "-f", "csv", db=empty_url).out
    )
    assert cli("db", "downgrade", "base", db=empty_url).code == 0
    assert cli("db", "current", db=empty_url).out == "base\n"
    bad = cli("db", "downgrade", "nonsense", db=empty_url)
    assert bad.code != 0 and bad.err.count("\n") == 1


def test_unmigrated_database_is_one_clear_line(cli, empty_url):
    if empty_url.startswith("sqlite:///"):
        Path(empty_url.removeprefix("sqlite:///")).touch()  # an empty SQLite file
    result = cli("studies", db=empty_url)
    assert (
        result.code == 4
        and "run msevidence db upgrade" in result.err
        and result.err.count("\n") == 1
    )


def test_embedded_default_is_created_once(cli):
    first = cli("studies", "--drug", "LDN", "-f", "csv")
    assert first.code == 0
    assert re.fullmatch(
        r"msevidence: created the evidence database at .+msevidence\.sqlite3 \(\d+ studies\)\n",
        first.err,
    )
    second = cli("studies", "--drug", "LDN", "-f", "csv")
    assert second.err == "" and second.out == first.out


def test_unreadable_or_unreachable_database(cli, tmp_path):
    missing = cli("--db", str(tmp_path / "nope.sqlite3"), "studies")
    assert (
        missing.code == 4
        and "does not exist" in missing.err
        and missing.err.count("\n") == 1
    )
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"this is not a database" * 100)
    broken = cli("--db", str(junk), "studies")
    assert (
        broken.code == 4
        and broken.err.count("\n") == 1
        and "Traceback" not in broken.err
    )
    server = cli("--db", "postgresql+psycopg://nobody@127.0.0.1:9/none", "studies")
    assert (
        server.code == 4 and "cannot use" in server.err and server.err.count("\n") == 1
    )


def _modules_for(*args: str) -> set[str]:
    """Every module a fresh interpreter has loaded after running the command."""
    code = (
        "import sys; from msevidence.cli import run\n"
        f"code = run({list(args)!r})\n"
        "print(' '.join(sorted(sys.modules)), file=sys.stderr)"
    )
    env = {**os.environ, "_MSEVIDENCE_COMPLETE": ""}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env
    )
    return set(result.stderr.split())


def _imports_for(*args: str) -> set[str]:
    return {m.split(".")[0] for m in _modules_for(*args)}


def test_help_and_completion_do_not_import_heavy_libraries():
    for args in (["--help"], ["studies", "--help"], ["--show-completion", "bash"]):
        loaded = _imports_for(*args)
        assert not loaded & {"sqlalchemy", "alembic", "rich"}, (
            args,
            loaded & {"sqlalchemy", "alembic", "rich"},
        )


HEAVY = {"rich", "alembic", "pydantic", "matplotlib", "scipy", "numpy"}
ORM = {"sqlalchemy.orm", "msevidence.models"}


def test_a_csv_query_stays_off_the_heavy_paths(
    seeded_sqlite, cli, tmp_path, monkeypatch
):
    # Start-up dominates a small query: Rich is for terminal tables only, Alembic
    # for migrations, pydantic comes with typer >= 0.29, matplotlib/scipy with meta,
    # and the read path builds its SQL on msevidence.tables, not the ORM models.
    # The first run of a query shape compiles its SQL with SQLAlchemy; later runs
    # read the compiled SQL (db/direct.py) and import no SQLAlchemy at all.
    args = ["studies", "--drug", "naltrexone", "-f", "csv"]
    assert cli(*args).code == 0  # creates and seeds the embedded database
    for i, argv in enumerate((["--db", seeded_sqlite, *args], args)):
        monkeypatch.setenv("MSEVIDENCE_CACHE_DIR", str(tmp_path / f"cache{i}"))
        for run in ("compiles", "cached"):
            loaded = _modules_for(*argv)
            assert "msevidence.queries.studies" in loaded, argv  # the query ran
            assert ("sqlalchemy" in loaded) == (run == "compiles"), (argv, run)
            assert not {m.split(".")[0] for m in loaded} & HEAVY, (argv, run)
            assert not loaded & ORM, (argv, run, loaded & ORM)


def test_drug_completion_reads_the_embedded_database(cli):
    assert cli("studies", "--drug", "LDN", "-f", "csv").code == 0  # creates it
    env = {
        **os.environ,
        "_MSEVIDENCE_COMPLETE": "complete_zsh",
        "_TYPER_COMPLETE_ARGS": "msevidence studies --drug Ocr",
    }
    code = (
        "import atexit, sys\n"
        "atexit.register(lambda: print(' '.join(sorted(sys.modules)), file=sys.stderr))\n"
        "from msevidence.cli import run; run(['studies', '--drug', 'Ocr'])"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env
    )
    assert '"Ocrevus"' in result.stdout
    loaded = {m.split(".")[0] for m in result.stderr.split()}
    assert not loaded & {"sqlalchemy", "alembic", "rich"}


def test_every_command_is_documented_in_the_readme():
    import typer.main

    from msevidence.cli import app

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    group = typer.main.get_command(app)
    names = []
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        sub = getattr(command, "commands", None)
        names += [f"{name} {s}" for s in sub] if sub else [name]
        assert command.help, f"{name} has no help"
    for name in names:
        assert f"`{name}" in readme, f"README does not document `{name}`"


def test_version(cli):
    from msevidence import __version__

    assert cli("--version").out == f"msevidence {__version__}\n"
