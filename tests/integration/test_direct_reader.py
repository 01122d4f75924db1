"""The direct SQLite reader (db/direct.py): when it reads, and its statement cache.

Whether its rows equal SQLAlchemy's is checked over random filters in
test_engines_generative.py; here are the cases where it must step aside, and a cache
that is stale, corrupt or unwritable.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import literal, select

from msevidence.db import direct
from msevidence.db.direct import (
    StatementCache,
    compile_sqlite,
    fingerprint,
    open_direct,
    sqlite_path,
)
from msevidence.db.prepared import Prepared
from msevidence.db.versions import HEAD_REVISION
from msevidence.queries.studies import StudyFilters, list_studies


def _copy(seeded_sqlite: str, tmp_path: Path) -> tuple[str, Path]:
    path = tmp_path / "copy.sqlite3"
    shutil.copy(sqlite_path(seeded_sqlite) or "", path)
    return f"sqlite:///{path}", path


def _set(path: Path, sql: str) -> None:
    with sqlite3.connect(path) as con:
        con.execute(sql)


def test_urls_the_sqlite3_module_may_open_alone():
    assert sqlite_path("sqlite:///data/ms.sqlite3") == "data/ms.sqlite3"
    assert sqlite_path("sqlite:////abs/ms.sqlite3") == "/abs/ms.sqlite3"
    assert sqlite_path("sqlite+pysqlite:///ms.db") == "ms.db"
    for url in (
        "sqlite://",
        "sqlite:///:memory:",
        "sqlite:///ms.db?mode=ro",
        "sqlite:///my%20file.db",
        "postgresql+psycopg://u@h/db",
    ):
        assert sqlite_path(url) is None, url


def test_a_current_file_is_read_directly(seeded_sqlite):
    reader = open_direct(seeded_sqlite, embedded=False)
    assert reader is not None
    with reader:
        rows = list(list_studies(reader, StudyFilters(drug="LDN")).rows)
    assert rows and all(isinstance(row, tuple) for row in rows)


def test_steps_aside_for_an_old_schema(seeded_sqlite, tmp_path, cli):
    url, path = _copy(seeded_sqlite, tmp_path)
    _set(path, "UPDATE alembic_version SET version_num = '0002'")
    assert open_direct(url, embedded=False) is None
    # ...so the SQLAlchemy path gives its usual error.
    outcome = cli("studies", "-f", "csv", db=url)
    assert outcome.code == 4
    assert "is not at the current schema" in outcome.err


def test_steps_aside_for_an_embedded_database_with_an_old_seed(seeded_sqlite, tmp_path):
    url, path = _copy(seeded_sqlite, tmp_path)
    assert open_direct(url, embedded=True) is not None
    _set(path, "UPDATE seed_info SET checksum = 'old'")
    assert open_direct(url, embedded=True) is None  # SQLAlchemy reloads the seed
    assert open_direct(url, embedded=False) is not None  # --db files are not seeded


def test_steps_aside_when_switched_off_missing_or_not_a_database(
    seeded_sqlite, tmp_path, monkeypatch
):
    monkeypatch.setenv("MSEVIDENCE_DIRECT", "0")
    assert open_direct(seeded_sqlite, embedded=False) is None
    monkeypatch.delenv("MSEVIDENCE_DIRECT")
    assert open_direct(f"sqlite:///{tmp_path / 'none.sqlite3'}", embedded=False) is None
    assert not (tmp_path / "none.sqlite3").exists()
    junk = tmp_path / "junk.sqlite3"
    junk.write_text("not a database")
    assert open_direct(f"sqlite:///{junk}", embedded=False) is None
    _empty = tmp_path / "empty.sqlite3"
    sqlite3.connect(_empty).close()
    assert open_direct(f"sqlite:///{_empty}", embedded=False) is None


def test_cli_output_is_the_same_either_way(seeded_sqlite, cli, monkeypatch):
    args = ("studies", "--design", "randomised", "--limit", "7", "-f", "json")
    cold = cli(*args, db=seeded_sqlite)
    warm = cli(*args, db=seeded_sqlite)
    monkeypatch.setenv("MSEVIDENCE_DIRECT", "0")
    alchemy = cli(*args, db=seeded_sqlite)
    assert cold.code == warm.code == alchemy.code == 0
    assert cold.out == warm.out == alchemy.out
    assert len(json.loads(alchemy.out)) == 7


def test_a_study_without_a_listing_is_derived_by_the_direct_reader(
    seeded_sqlite, tmp_path, cli, monkeypatch
):
    url, path = _copy(seeded_sqlite, tmp_path)
    _set(
        path,
        "DELETE FROM study_listings WHERE study_id IN (SELECT min(id) FROM studies)",
    )
    direct_out = cli("studies", "-f", "csv", db=url).out
    monkeypatch.setenv("MSEVIDENCE_DIRECT", "0")
    assert direct_out == cli("studies", "-f", "csv", db=url).out
    assert direct_out == cli("studies", "-f", "csv", db=seeded_sqlite).out


def _prepared(sql_value: int = 1) -> Prepared:
    return Prepared("one", {}, lambda _params: select(literal(sql_value)))


def test_a_value_not_bound_by_name_is_refused():
    # literal(1) would be compiled into the cached SQL and answer every later call.
    with pytest.raises(RuntimeError, match="binds"):
        compile_sqlite(_prepared())


def test_the_cache_stores_shapes_and_survives_corruption(tmp_path):
    cache = StatementCache(tmp_path)
    assert cache.get("a()") is None
    cache.put("a()", "SELECT 1")
    assert StatementCache(tmp_path).get("a()") == "SELECT 1"
    cache.path.write_text("{not json")
    assert StatementCache(tmp_path).get("a()") is None
    StatementCache(tmp_path).put("b()", "SELECT 2")
    assert json.loads(cache.path.read_text()) == {"b()": "SELECT 2"}


def test_processes_adding_shapes_keep_each_others(tmp_path):
    first, second = StatementCache(tmp_path), StatementCache(tmp_path)
    assert first.get("x") is None and second.get("x") is None  # both loaded empty
    first.put("a()", "SELECT 1")
    second.put("b()", "SELECT 2")
    assert json.loads(first.path.read_text()) == {"a()": "SELECT 1", "b()": "SELECT 2"}


def test_an_unwritable_cache_costs_time_not_answers(seeded_sqlite, tmp_path, cli):
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache directory should be")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("MSEVIDENCE_CACHE_DIR", str(blocked / "cache"))
        outcome = cli("studies", "--drug", "ocrelizumab", "-f", "csv", db=seeded_sqlite)
    assert outcome.code == 0 and outcome.err == ""
    default_cache = cli(
        "studies", "--drug", "ocrelizumab", "-f", "csv", db=seeded_sqlite
    )
    assert outcome.out == default_cache.out


def test_changed_code_gets_a_new_cache_file(tmp_path, monkeypatch):
    package = tmp_path / "pkg"
    package.mkdir()
    module = package / "mod.py"
    module.write_text("A = 1\n")
    monkeypatch.setattr(direct, "_PACKAGE", package)
    before = fingerprint()
    old = StatementCache(tmp_path / "cache")
    old.put("a()", "SELECT 1")
    module.write_text("A = 22\n")
    assert fingerprint() != before
    new = StatementCache(tmp_path / "cache")
    assert new.get("a()") is None
    new.put("a()", "SELECT 2")
    assert not old.path.exists()  # files of other fingerprints are removed


def test_head_revision_matches_the_direct_check(seeded_sqlite):
    with sqlite3.connect(sqlite_path(seeded_sqlite) or "") as con:
        assert con.execute("SELECT version_num FROM alembic_version").fetchall() == [
            (HEAD_REVISION,)
        ]


def test_a_failed_write_leaves_no_temporary_file(tmp_path):
    cache = StatementCache(tmp_path)
    cache.path.mkdir()  # a directory where the cache file should go
    cache.put("a()", "SELECT 1")
    assert cache.get("a()") == "SELECT 1"  # kept for the rest of this process
    assert not list(tmp_path.glob("*.tmp"))
