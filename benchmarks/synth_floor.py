"""The floor under synth.py: how fast can SQLite write a synthetic database at all?

    python benchmarks/synth_floor.py benchmarks/data/synth-1000000-seed42.sqlite3

Copies every table of an existing synth database into a fresh migrated file, naming
the columns so that SQLite decodes and re-encodes each record but computes no value
(`INSERT INTO t (cols) SELECT cols FROM src.t` is not the page-copying "xfer"
shortcut that `SELECT *` would allow). The loading settings are synth's: journal and
fsync off, exclusive lock, 1 GiB of cache, secondary indexes dropped and re-created
afterwards with two sorter threads. Then, as synth does, the study listings are
rebuilt and ANALYZE runs.

The copy computes nothing, so if it takes as long as synth's own load, generation is
not what limits synth; and the finishing phases cost the same whoever wrote the rows.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import time
from pathlib import Path

_SRC = Path(__file__).resolve().parent.parent / "src"
if _SRC.is_dir() and str(_SRC) not in sys.path:
    sys.path.insert(0, str(_SRC))

from msevidence.db.engine import make_engine  # noqa: E402
from msevidence.db.listings import rebuild_listings  # noqa: E402
from msevidence.db.migrate import upgrade  # noqa: E402
from msevidence.db.seed import analyze  # noqa: E402

# Derived tables, which synth does not write row by row either (listings are rebuilt
# below), the full-text index and the migration stamp.
SKIP = {"alembic_version", "study_listings"}
LOADING = (
    "journal_mode=OFF",
    "synchronous=OFF",
    "locking_mode=EXCLUSIVE",
    "foreign_keys=OFF",
    "temp_store=MEMORY",
    "cache_size=-1048576",
    "threads=2",
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", type=Path, help="a database built by synth.py")
    parser.add_argument("--out", type=Path, help="default: <source>-floor.sqlite3")
    args = parser.parse_args(argv)
    out = args.out or args.source.with_name(args.source.stem + "-floor.sqlite3")
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{out}{suffix}").unlink(missing_ok=True)

    started = time.perf_counter()
    engine = make_engine(f"sqlite:///{out}")
    upgrade(engine)
    engine.dispose()
    con = sqlite3.connect(out, isolation_level=None)
    for pragma in LOADING:
        con.execute(f"PRAGMA {pragma}")
    con.execute("ATTACH DATABASE ? AS src", (str(args.source),))
    tables = [
        name
        for (name,) in con.execute(
            "SELECT name FROM main.sqlite_master WHERE type = 'table'"
            " AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'search_%'"
        )
        if name not in SKIP
    ]
    studies = con.execute("SELECT count(*) FROM src.studies").fetchone()[0]
    con.execute("BEGIN")
    indexes = con.execute(
        "SELECT name, sql FROM main.sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
    ).fetchall()
    for name, _sql in indexes:
        con.execute(f'DROP INDEX main."{name}"')
    phases: list[tuple[str, float]] = [("schema", time.perf_counter() - started)]

    mark = time.perf_counter()
    rows = 0
    for table in tables:
        columns = ", ".join(
            f'"{c[1]}"' for c in con.execute(f'PRAGMA main.table_info("{table}")')
        )
        rows += con.execute(
            f'INSERT INTO main."{table}" ({columns}) SELECT {columns} FROM src."{table}"'
        ).rowcount
    phases.append(
        (f"copy {rows:,} rows, no values computed", time.perf_counter() - mark)
    )

    mark = time.perf_counter()
    for _name, sql in indexes:
        con.execute(sql)
    con.execute("COMMIT")
    con.execute("DETACH DATABASE src")
    con.execute("PRAGMA locking_mode=NORMAL")
    con.execute("PRAGMA journal_mode=WAL")
    con.close()
    phases.append(
        (f"re-create {len(indexes)} indexes, commit", time.perf_counter() - mark)
    )

    mark = time.perf_counter()
    engine = make_engine(f"sqlite:///{out}")
    with engine.begin() as conn:
        rebuild_listings(conn)
        analyze(conn)
    engine.dispose()
    phases.append(("study listings and ANALYZE", time.perf_counter() - mark))

    total = time.perf_counter() - started
    print(f"| phase ({studies:,} studies) | seconds |\n|---|---:|")
    for label, seconds in phases:
        print(f"| {label} | {seconds:.1f} |")
    print(f"| **total** | **{total:.1f}** ({studies / total:,.0f} studies/s) |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
