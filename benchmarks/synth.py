"""Build a realistic synthetic msevidence database for benchmarks and plan tests.

    python benchmarks/synth.py --studies 1000000 --db sqlite:////tmp/ms-1m.db [--seed 42]

The schema comes from the project's own migrations (msevidence.db.migrate.upgrade)
and, unless --no-seed, the shipped seed is loaded first (negative ids) with
msevidence.db.seed.load_seed, so real drug queries (`--drug naltrexone`) return the
same handful of rows at every size. Synthetic rows get positive ids.

How it is fast: every random draw comes from random.Random(seed), but Python does
not build the ~11 rows of every study one by one (executemany of Python tuples tops
out near 11,000 studies/s, mostly spent binding parameters). Instead:

1. the small tables (a few thousand interventions with aliases, outcomes, bodies,
   a few hundred guidelines and recommendations) are drawn in Python and written with
   executemany (COPY on PostgreSQL), into the models' own tables;
2. weighted choices become lookup tables of 2**k equally likely buckets (a Zipf-like
   law over the interventions, design/phenotype/status mixes, sampled years, sizes,
   effect estimates, prose fragments ...);
3. for each chunk of studies Python draws eight 63-bit integers per study
   (Random.randbytes) into a temporary table, and one INSERT ... SELECT per target
   table (studies, study_phenotypes, registrations, publications,
   study_publications, arms, results) decodes bit fields of those integers into
   bucket numbers and joins the lookup tables. The database does the per-row work
   in C, and the tables' CHECK constraints still validate every row.

Generating the rows costs no more than SQLite writing them: 1M studies load in about
25 s, and copying the same rows into the same schema without computing any value takes
about as long (benchmarks/synth_floor.py). Re-creating the indexes, the study listings
and ANALYZE take about 40 s more, so the whole build runs at 12,500-16,000 studies/s on
two cores, not the 50,000 once aimed for (benchmarks/ANALYSIS.md).

The same --seed gives the same database: the chunks are seeded from --seed and their
first study number, and every id is a function of the study number i (arms and
results 4*i+k, publications and registrations 2*i+k).
"""

from __future__ import annotations

import argparse
import json
import random
import struct
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# Run from a source checkout without installing; the synth_* modules sit beside this one.
_HERE = Path(__file__).resolve().parent
for _path in (_HERE.parent / "src", _HERE):
    if _path.is_dir() and str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

from sqlalchemy import text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from msevidence.db.engine import make_engine  # noqa: E402
from msevidence.db.listings import rebuild_listings  # noqa: E402
from msevidence.db.migrate import upgrade  # noqa: E402
from msevidence.db.seed import analyze, load_seed  # noqa: E402
from synth_vocab import DRUG_BITS, build_vocabulary  # noqa: E402
from synth_writers import PostgresWriter, SqliteWriter  # noqa: E402

CHUNK = 100_000  # studies per INSERT ... SELECT round
N_INTERVENTIONS = 3_000


@dataclass(frozen=True)
class BuildReport:
    url: str
    studies: int
    seconds: float
    rows: dict[str, int]

    @property
    def studies_per_second(self) -> float:
        return self.studies / self.seconds if self.seconds else float("inf")


# --------------------------------------------------------------------------- studies


def _f(word: int, shift: int, bits: int) -> str:
    """Bits shift..shift+bits-1 of the study's random word rN, as a bucket number."""
    return f"((r.r{word} >> {shift}) & {(1 << bits) - 1})"


def _cap(expr: str) -> str:
    return f"upper(substr({expr}, 1, 1)) || substr({expr}, 2)"


def _text(expr: str) -> str:
    return f"CAST({expr} AS VARCHAR(40))"


# The bit layout of the eight random words of a study:
#  r0: kind_a 0-11, year 12-21, n 22-33, drug 34-51, acronym? 52-61
#  r1: comparator drug 0-17, kind_b 18-29, author 30-41, n_analysed? 42-44, analysed share 45-51
#  r2: (spare)
#  r3: NCT? 0-9, EudraCT? 10-19, 2nd publication? 20-29, journals 30-33 / 34-37,
#      volume 38-46, issue 47-50, first page 51-60
#  r4: per publication k (shift 20k): PMID? 0-6, DOI? 7-13, PMCID? 14-19;
#      2nd publication gap 40-41, role 42, third arm? 43-52
#  r5: number of results 0-9, kind of result k 16+10k
#  r6: outcome of result k 10k, narrative of result k 40+3k, arm of result k 52+2k
#  r7: value bucket of result k 12k
STUDY_SQL = f"""
CREATE TEMP TABLE syn_study AS
SELECT q.*, COALESCE(q.acronym, q.surname || ' ' || {_text("q.year")}) AS short_name
FROM (
  SELECT r.i AS i, a.design AS design, a.randomised AS randomised, a.trial AS trial, a.words AS design_words,
    a.pub_type AS pub_type, y.year AS year, nn.n AS n, dr.drug_id AS drug_id, dr.name AS dname,
    CASE a.comp_role WHEN 'placebo' THEN {{placebo}} WHEN 'active-comparator' THEN cd.drug_id END AS comp_id,
    CASE a.comp_role WHEN 'placebo' THEN 'matching placebo' WHEN 'active-comparator' THEN cd.name
      ELSE 'no treatment' END AS comp_name,
    a.comp_role AS comp_role, a.ph1 AS ph1, a.ph2 AS ph2, a.status AS status,
    au.surname AS surname, au.keyname AS keyname, au.first_author AS first_author, au.authors AS authors,
    CASE WHEN {_f(0, 52, 10)} < 358 THEN au.acr || '-' || {_text("r.i % 1000")} END AS acronym,
    b.country AS country, b.blinding AS blinding, b.phase AS phase, b.fu_weeks AS fu_weeks,
    b.fu_label AS fu_label, b.pop_a AS pop_a, b.pop_z AS pop_z, b.con_a AS con_a, b.con_z AS con_z,
    b.safety AS safety, b.caveats AS caveats, b.verification AS verification,
    CASE WHEN {_f(1, 42, 3)} < 5 THEN nn.n * (850 + {_f(1, 45, 7)}) / 1000 END AS n_analysed,
    2 + CASE WHEN {_f(4, 43, 10)} < 307 THEN 1 ELSE 0 END AS n_arms,
    2 + {_f(5, 0, 10)} % 3 AS n_results,
    b.regimen AS regimen, b.timepoint AS timepoint, b.analysis AS analysis,
    r.r3 AS r3, r.r4 AS r4, r.r5 AS r5, r.r6 AS r6, r.r7 AS r7
  FROM syn_rand r
  JOIN syn_kind_a a ON a.b = {_f(0, 0, 12)}
  JOIN syn_year y ON y.b = {_f(0, 12, 10)}
  JOIN syn_n nn ON nn.b = {_f(0, 22, 12)}
  JOIN syn_drug dr ON dr.b = {_f(0, 34, DRUG_BITS)}
  JOIN syn_drug cd ON cd.b = {_f(1, 0, DRUG_BITS)}
  JOIN syn_kind_b b ON b.b = {_f(1, 18, 12)}
  JOIN syn_author au ON au.b = {_f(1, 30, 12)}
) q
"""

PUBMED = "'https://pubmed.ncbi.nlm.nih.gov/' || {} || '/'"
INSERTS: dict[str, str] = {
    "studies": f"""
INSERT INTO studies (id, key, short_name, acronym, title, design, phase, blinding, countries, status, year,
  n_enrolled, n_randomised, n_analysed, follow_up, follow_up_weeks, population, conclusion, safety, caveats,
  source, verification)
SELECT s.i, s.keyname || '-' || {_text("s.year")} || '-' || {_text("s.i")}, s.short_name, s.acronym,
  {_cap("s.dname")} || ' versus ' || s.comp_name || ' in ' || s.ph1 || ': a ' || s.design_words || ' study',
  s.design, CASE WHEN s.trial = 1 THEN s.phase END,
  CASE WHEN s.trial = 1 THEN s.blinding ELSE 'not-applicable' END, s.country, s.status, s.year,
  s.n, CASE WHEN s.randomised = 1 THEN s.n END, s.n_analysed, s.fu_label, s.fu_weeks,
  s.pop_a || s.ph1 || s.pop_z, {_cap("s.dname")} || s.con_a || s.comp_name || s.con_z, s.safety, s.caveats,
  {PUBMED.format(_text("10000000 + 2 * s.i"))}, s.verification
FROM syn_study s""",
    "study_phenotypes": """
INSERT INTO study_phenotypes (study_id, phenotype)
SELECT i, ph1 FROM syn_study
UNION ALL SELECT i, ph2 FROM syn_study WHERE ph2 IS NOT NULL AND ph2 <> ph1""",
    "registrations": f"""
INSERT INTO registrations (id, study_id, scheme, identifier)
SELECT 2 * s.i, s.i, 'NCT', 'NCT' || {_text("(s.i * 7) % 90000000 + 10000000")}
FROM syn_study s WHERE ((s.r3 >> 0) & 1023) < CASE WHEN s.trial = 1 THEN 870 ELSE 154 END
UNION ALL
SELECT 2 * s.i + 1, s.i, 'EudraCT', {_text("s.year - 1")} || '-' || {_text("1000000 + s.i")} || '-' || {_text("10 + s.i % 90")}
FROM syn_study s
WHERE ((s.r3 >> 0) & 1023) < CASE WHEN s.trial = 1 THEN 870 ELSE 154 END AND ((s.r3 >> 10) & 1023) < 205""",
    "publications": f"""
INSERT INTO publications (id, key, authors, first_author, title, journal, year, volume, issue, pages, pmid, doi,
  pmcid, url, pub_type, source, verification)
SELECT 2 * s.i + k.k, 'syn-pub-' || {_text("2 * s.i + k.k")}, s.authors, s.first_author,
  {_cap("s.dname")} || ' in ' || s.ph1 || CASE WHEN k.k = 1 THEN ': long-term follow-up' ELSE '' END
    || ' (' || s.short_name || ')',
  j.journal,
  CASE WHEN s.year + k.k * (1 + ((s.r4 >> 40) & 3)) > 2026 THEN 2026 ELSE s.year + k.k * (1 + ((s.r4 >> 40) & 3)) END,
  {_text("1 + ((s.r3 >> 38) & 511) % 400")}, {_text("1 + ((s.r3 >> 47) & 15) % 12")},
  {_text("1 + ((s.r3 >> 51) & 1023)")} || '-' || {_text("5 + ((s.r3 >> 51) & 1023) + ((s.r3 >> 51) & 7)")},
  CASE WHEN ((s.r4 >> (20 * k.k)) & 127) < 118 THEN {_text("10000000 + 2 * s.i + k.k")} END,
  CASE WHEN ((s.r4 >> (20 * k.k + 7)) & 127) < 115 THEN '10.' || j.prefix || '/syn.' || {_text("2 * s.i + k.k")} END,
  CASE WHEN ((s.r4 >> (20 * k.k + 14)) & 63) < 19 THEN 'PMC' || {_text("5000000 + 2 * s.i + k.k")} END,
  {PUBMED.format(_text("10000000 + 2 * s.i + k.k"))}, s.pub_type,
  {PUBMED.format(_text("10000000 + 2 * s.i + k.k"))}, 'verified'
FROM syn_study s
JOIN syn_slot k ON k.k < 1 + CASE WHEN ((s.r3 >> 20) & 1023) < 307 THEN 1 ELSE 0 END
JOIN syn_journal j ON j.b = (s.r3 >> (30 + 4 * k.k)) & 15""",
    "study_publications": """
INSERT INTO study_publications (study_id, publication_id, role)
SELECT s.i, 2 * s.i + k.k,
  CASE WHEN k.k = 0 THEN 'primary' WHEN ((s.r4 >> 42) & 1) = 0 THEN 'follow-up' ELSE 'secondary' END
FROM syn_study s
JOIN syn_slot k ON k.k < 1 + CASE WHEN ((s.r3 >> 20) & 1023) < 307 THEN 1 ELSE 0 END""",
    "arms": """
INSERT INTO arms (id, study_id, key, label, intervention_id, role, regimen, n, source)
SELECT 4 * s.i + k.k, s.i,
  CASE k.k WHEN 0 THEN 'exp' WHEN 1 THEN 'ctl' ELSE 'exp-low' END,
  CASE k.k WHEN 0 THEN s.dname WHEN 1 THEN s.comp_name ELSE s.dname || ' low dose' END,
  CASE k.k WHEN 1 THEN s.comp_id ELSE s.drug_id END,
  CASE k.k WHEN 1 THEN s.comp_role ELSE 'experimental' END,
  CASE k.k WHEN 0 THEN s.dname || ' ' || s.regimen WHEN 2 THEN s.dname || ' low dose' END,
  CASE k.k WHEN 2 THEN s.n / 4 ELSE s.n / 2 END, NULL
FROM syn_study s JOIN syn_slot k ON k.k < s.n_arms""",
    "results": f"""
INSERT INTO results (id, study_id, outcome_id, arm_id, comparator_arm_id, result_type, is_primary, measure, value,
  ci_lower, ci_upper, ci_level, p_value, p_operator, timepoint, analysis, summary, note, source, verification)
SELECT 4 * s.i + k.k, s.i, o.outcome_id,
  CASE t.kind WHEN 'effect' THEN 4 * s.i WHEN 'arm' THEN 4 * s.i + ((s.r6 >> (52 + 2 * k.k)) & 3) % s.n_arms END,
  CASE t.kind WHEN 'effect' THEN 4 * s.i + 1 END,
  t.kind, (k.k = 0),
  CASE t.kind WHEN 'effect' THEN e.measure WHEN 'arm' THEN e.arm_measure END,
  CASE t.kind WHEN 'effect' THEN e.value WHEN 'arm' THEN e.arm_value END,
  CASE t.kind WHEN 'effect' THEN e.lower END, CASE t.kind WHEN 'effect' THEN e.upper END,
  CASE t.kind WHEN 'effect' THEN 95.0 END, CASE t.kind WHEN 'effect' THEN e.p END,
  CASE t.kind WHEN 'effect' THEN e.p_op END,
  s.timepoint, CASE t.kind WHEN 'effect' THEN s.analysis END,
  CASE t.kind WHEN 'narrative' THEN nr.txt END, NULL,
  {PUBMED.format(_text("10000000 + 2 * s.i"))},
  CASE t.kind WHEN 'narrative' THEN 'secondary' ELSE 'verified' END
FROM syn_study s
JOIN syn_slot k ON k.k < s.n_results
JOIN syn_kind t ON t.b = ((s.r5 >> (16 + 10 * k.k)) & 1023) + CASE WHEN k.k = 0 THEN 0 ELSE 1024 END
JOIN syn_outcome o ON o.b = (s.r6 >> (10 * k.k)) & 1023
JOIN syn_narrative nr ON nr.b = (s.r6 >> (40 + 3 * k.k)) & 7
JOIN syn_value e ON e.b = (s.r7 >> (12 * k.k)) & 4095""",
}
STUDY_TABLES = list(INSERTS)


def _chunks(n: int, size: int = CHUNK) -> Iterator[tuple[int, int]]:
    for first in range(1, n + 1, size):
        yield first, min(first + size - 1, n)


def insert_studies(writer: Any, seed: int, first: int, last: int) -> dict[str, int]:
    """Studies first..last (inclusive) and their rows, from a chunk-seeded RNG."""
    rng = random.Random(f"{seed}-studies-{first}")
    count = last - first + 1
    words = struct.iter_unpack("<8q", rng.randbytes(64 * count))
    writer.execute("DROP TABLE IF EXISTS syn_rand")
    writer.execute("DROP TABLE IF EXISTS syn_study")
    writer.execute(
        "CREATE TEMP TABLE syn_rand (i INTEGER PRIMARY KEY, r0 BIGINT, r1 BIGINT, r2 BIGINT, r3 BIGINT,"
        " r4 BIGINT, r5 BIGINT, r6 BIGINT, r7 BIGINT)"
    )
    writer.insert(
        "syn_rand",
        ["i", *(f"r{k}" for k in range(8))],
        ((first + j, *w) for j, w in enumerate(words)),
    )
    writer.execute(STUDY_SQL.format(placebo=writer.placebo_id))
    return {name: writer.execute(sql) for name, sql in INSERTS.items()}


def build(
    url: str,
    n_studies: int,
    *,
    seed: int = 42,
    with_seed: bool = True,
    n_interventions: int = N_INTERVENTIONS,
    replace: bool = False,
    checks: bool = False,
    verify: bool = False,
    defer_indexes: bool = True,
    progress: Callable[[str], None] | None = None,
) -> BuildReport:
    """Migrate `url`, load the seed and add n_studies synthetic studies."""
    say = progress or (lambda _msg: None)
    parsed = make_url(url)
    dialect = parsed.get_backend_name()
    if dialect == "sqlite":
        if parsed.database in (None, "", ":memory:"):
            raise SystemExit("synth needs a SQLite file")
        path = Path(parsed.database)
        if path.exists():
            if not replace:
                raise SystemExit(f"{path} exists; pass --replace to rebuild it")
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
    elif dialect != "postgresql":
        raise SystemExit("synth builds a SQLite file or a PostgreSQL database")

    started = time.perf_counter()
    engine = make_engine(url)
    if dialect == "postgresql" and replace:
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
    upgrade(engine)
    if with_seed:
        load_seed(engine)
    with engine.connect() as conn:
        if conn.execute(text("SELECT count(*) FROM studies WHERE id > 0")).scalar():
            raise SystemExit(
                "the database already has synthetic (positive-id) studies; use --replace"
            )
    say(
        f"schema{' and seed' if with_seed else ''} ready in {time.perf_counter() - started:.1f}s"
    )

    if dialect == "sqlite":
        engine.dispose()
        writer: Any = SqliteWriter(str(parsed.database), checks=checks)
        if defer_indexes:
            writer.drop_indexes(STUDY_TABLES)
    else:
        writer = PostgresWriter(engine)
    counts = build_vocabulary(writer, seed, n_interventions)
    counts.update(dict.fromkeys(STUDY_TABLES, 0))
    loading = time.perf_counter()
    for first, last in _chunks(n_studies):
        for name, rows in insert_studies(writer, seed, first, last).items():
            counts[name] += rows
        say(
            f"{last:>9,} studies  {last / (time.perf_counter() - loading):,.0f} studies/s"
        )
    for name in ("syn_rand", "syn_study"):
        writer.execute(f"DROP TABLE IF EXISTS {name}")
    say("re-creating indexes" if dialect == "sqlite" else "committing and analysing")
    writer.finish(verify=verify)
    # What `db reindex` does after a bulk load, minus full-text search: the stored
    # listing rows of the new studies, and planner statistics.
    say("study listings and statistics")
    with engine.begin() as conn:
        rebuild_listings(conn)
        analyze(conn)
    engine.dispose()
    return BuildReport(url, n_studies, time.perf_counter() - started, counts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Build a synthetic msevidence database."
    )
    parser.add_argument(
        "--studies", type=int, required=True, help="number of synthetic studies"
    )
    parser.add_argument(
        "--db", required=True, help="sqlite:////path.db or postgresql+psycopg://..."
    )
    parser.add_argument("--seed", type=int, default=42, help="random seed (default 42)")
    parser.add_argument("--interventions", type=int, default=N_INTERVENTIONS)
    parser.add_argument(
        "--no-seed", action="store_true", help="do not load the shipped seed first"
    )
    parser.add_argument(
        "--replace",
        action="store_true",
        help="delete an existing SQLite file / drop the PG schema",
    )
    parser.add_argument(
        "--checks",
        action="store_true",
        help="evaluate CHECK constraints while loading (slower)",
    )
    parser.add_argument(
        "--verify",
        action="store_true",
        help="PRAGMA quick_check the result (CHECK, NOT NULL, indexes)",
    )
    parser.add_argument(
        "--live-indexes",
        action="store_true",
        help="keep secondary indexes while loading",
    )
    parser.add_argument("--quiet", action="store_true")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    args = parser.parse_args(argv)
    say = (
        (lambda _m: None)
        if args.quiet
        else (lambda m: print(m, file=sys.stderr, flush=True))
    )
    report = build(
        args.db, args.studies, seed=args.seed, with_seed=not args.no_seed,
        n_interventions=args.interventions, replace=args.replace, checks=args.checks, verify=args.verify,
        defer_indexes=not args.live_indexes, progress=say,
    )  # fmt: skip
    if args.json:
        print(json.dumps({"studies": report.studies, "seconds": round(report.seconds, 2),
                          "studies_per_second": round(report.studies_per_second) if report.studies else None,
                          "rows": report.rows}))  # fmt: skip
        return 0
    print(
        f"built {report.studies:,} studies ({sum(report.rows.values()):,} rows) in {report.seconds:.1f}s: "
        f"{report.studies_per_second:,.0f} studies/s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
