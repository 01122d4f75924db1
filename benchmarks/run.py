"""Benchmark msevidence against sqlite-utils and the sqlite3 shell on the same files.

    python benchmarks/run.py [--sizes 10000,1000000] [--repeat 5] [--pg URL]

Builds (or reuses) synthetic databases with benchmarks/synth.py: one "seed-size"
database (the shipped seed plus the synthetic vocabulary, no synthetic studies) and
one per size. Every command runs in a subprocess with its output sent to /dev/null;
the tools take turns within each round (A B A B ...), after one untimed warm-up run
each. Wall time is the median over the rounds; peak memory is the largest peak
resident set size of the command's own process (GNU time %M). Results go to
benchmarks/RESULTS.md (and RESULTS.json beside it); benchmarks/ANALYSIS.md, when
present, is appended. `--report-only` rewrites RESULTS.md from RESULTS.json.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from harness import (
    ALCHEMY,
    ALCHEMY_ENV,
    BIN,
    HERE,
    ROOT,
    Measure,
    measure_group,
    msevidence_cmd,
    tool_env,
)
from report import machine_info, sqlite_targets, synth_targets, write_report

sys.path.insert(0, str(ROOT / "src"))

DRUG = "naltrexone"  # a seed drug: the same 7 studies at every size

# The small drug query for sqlite-utils / sqlite3: the columns msevidence shows,
# joining studies, arms and interventions the straightforward way.
DRUG_SQL = """
SELECT s.key, s.short_name AS study, s.year, s.design,
  (SELECT group_concat(p.phenotype, ', ') FROM study_phenotypes p WHERE p.study_id = s.id) AS phenotypes,
  coalesce(s.n_randomised, s.n_enrolled) AS n,
  (SELECT group_concat(i.name, ', ') FROM arms a JOIN interventions i ON i.id = a.intervention_id
    WHERE a.study_id = s.id AND a.role IN ('experimental', 'single-arm')) AS intervention,
  (SELECT group_concat(i.name, ', ') FROM arms a JOIN interventions i ON i.id = a.intervention_id
    WHERE a.study_id = s.id AND a.role IN ('placebo', 'active-comparator', 'no-intervention')) AS comparator,
  (SELECT pb.pmid FROM study_publications sp JOIN publications pb ON pb.id = sp.publication_id
    WHERE sp.study_id = s.id ORDER BY sp.role <> 'primary' LIMIT 1) AS pmid,
  (SELECT group_concat(r.identifier, ', ') FROM registrations r WHERE r.study_id = s.id) AS registry_ids
FROM studies s
WHERE s.id IN (SELECT a.study_id FROM arms a JOIN interventions i ON i.id = a.intervention_id
               WHERE i.name = '{drug}')
ORDER BY s.year DESC, s.short_name, s.id
"""

# Filters whose cost should not grow with the database (target: <= 1.3x seed size).
FLAT_CASES = {
    "drug": ["--drug", DRUG],
    "drug+design": ["--drug", DRUG, "--design", "randomised"],
    "drug+phenotype": ["--drug", DRUG, "--phenotype", "RRMS"],
    "drug+year": ["--drug", DRUG, "--year-from", "2010"],
    # Without a drug the result grows with the database; --limit keeps it at 20 rows.
    "design, limit 20": ["--design", "randomised", "--limit", "20"],
    "phenotype, limit 20": ["--phenotype", "PPMS", "--limit", "20"],
    "year, limit 20": ["--year-from", "2020", "--limit", "20"],
}


# --------------------------------------------------------------------------- setup


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def ensure_sqlite(
    data: Path, n: int, seed: int, rebuild: bool, log: Any
) -> tuple[Path, dict[str, Any]]:
    path = data / f"synth-{n}-seed{seed}.sqlite3"
    meta_path = path.with_suffix(".json")
    if path.exists() and meta_path.exists() and not rebuild:
        meta = json.loads(meta_path.read_text())
        if meta.get("synth") == synth_fingerprint():
            print(f"reusing {path}", file=log)
            return path, meta
    print(f"building {path} ({n:,} studies)", file=log, flush=True)
    report = build_database(sqlite_url(path), n, seed, replace=True)
    meta = report | {"bytes": path.stat().st_size, "synth": synth_fingerprint()}
    meta_path.write_text(json.dumps(meta, indent=2))
    print(f"  {meta}", file=log, flush=True)
    return path, meta


def build_database(
    url: str, n: int, seed: int, *, replace: bool = False
) -> dict[str, Any]:
    """Run synth.py in its own process (its page cache is 1 GiB) and return its report."""
    cmd = [
        sys.executable,
        str(HERE / "synth.py"),
        "--studies",
        str(n),
        "--db",
        url,
        "--seed",
        str(seed),
        "--json",
    ]
    out = subprocess.run(
        cmd + (["--replace"] if replace else []),
        check=True,
        capture_output=True,
        text=True,
    )
    report = json.loads(out.stdout.strip().splitlines()[-1])
    report["rows"] = sum(report["rows"].values())
    return dict(report)


def synth_fingerprint() -> str:
    import hashlib

    digest = hashlib.sha256()
    for name in ("synth.py", "synth_vocab.py", "synth_words.py", "synth_writers.py"):
        digest.update((HERE / name).read_bytes())
    return digest.hexdigest()[:16]


def full_export_sql() -> str:
    """The SQL msevidence runs for `studies` (no filters), for sqlite-utils to run."""
    from sqlalchemy import create_engine

    from msevidence.db.prepared import AlchemyReader
    from msevidence.queries.studies import StudyFilters, prepare_listing

    engine = create_engine("sqlite://")
    with engine.connect() as conn:
        sql = str(
            prepare_listing(AlchemyReader(conn), StudyFilters())
            .statement()
            .compile(dialect=engine.dialect, compile_kwargs={"literal_binds": True})
        )
    engine.dispose()
    return " ".join(sql.split())


# --------------------------------------------------------------------------- scenarios


@dataclass
class Bench:
    """One run: the tools, their environment, and every measurement so far."""

    args: Any
    log: Any
    env: dict[str, str]
    ms: list[str] = field(default_factory=msevidence_cmd)
    su: list[str] = field(default_factory=lambda: [str(BIN / "sqlite-utils")])
    shell: str | None = field(default_factory=lambda: shutil.which("sqlite3"))
    results: list[Measure] = field(default_factory=list)

    def group(
        self, scenario: str, size: str, tools: list[tuple[str, list[str]]]
    ) -> list[Measure]:
        g = [Measure(scenario, size, name, cmd) for name, cmd in tools]
        measure_group(g, self.args.repeat, self.env, self.log)
        self.results.extend(g)
        return g

    def with_alternatives(
        self,
        scenario: str,
        size: str,
        tools: list[tuple[str, list[str]]],
        ms_args: list[str],
    ) -> None:
        """tools, plus msevidence on its SQLAlchemy path and, if given, the baseline."""
        g = [Measure(scenario, size, name, cmd) for name, cmd in tools]
        g.insert(
            1,
            Measure(scenario, size, ALCHEMY, self.ms + ms_args, extra_env=ALCHEMY_ENV),
        )
        if self.args.baseline_src:
            g.insert(1, Measure(scenario, size, "msevidence (baseline)",
                                [sys.executable, "-m", "msevidence", *ms_args],
                                pythonpath=str(self.args.baseline_src)))  # fmt: skip
        measure_group(g, self.args.repeat, self.env, self.log)
        self.results.extend(g)

    def startup(self) -> None:
        print("1. start-up", file=self.log)
        self.group(
            "1. start-up (--help)",
            "-",
            [
                ("msevidence --help", [*self.ms, "--help"]),
                ("sqlite-utils --help", [*self.su, "--help"]),
            ],
        )

    def drug_query(self, dbs: dict[str, Path]) -> None:
        print("2. small drug query, CSV", file=self.log)
        drug_sql = " ".join(DRUG_SQL.format(drug=DRUG).split())
        for label, path in dbs.items():
            drug_args = ["--db", str(path), "studies", "--drug", DRUG, "-f", "csv"]
            tools = [
                (f"msevidence studies --drug {DRUG} -f csv", [*self.ms, *drug_args]),
                (
                    "sqlite-utils query --csv",
                    [*self.su, "query", str(path), drug_sql, "--csv"],
                ),
            ]
            if self.shell:
                tools.append(
                    (
                        "sqlite3 -csv",
                        [self.shell, "-csv", "-header", str(path), drug_sql],
                    )
                )
            self.with_alternatives("2. drug query (CSV)", label, tools, drug_args)

    def full_export(self, dbs: dict[str, Path]) -> None:
        print("3. full export", file=self.log)
        full_sql = full_export_sql()
        for label, path in dbs.items():
            if label == "seed-size":
                continue
            for fmt in ("csv", "json"):
                flag = ["--csv"] if fmt == "csv" else []
                shown = f" {flag[0]}" if flag else ""
                ms_args = ["--db", str(path), "studies", "-f", fmt]
                tools = [
                    (f"msevidence studies -f {fmt}", [*self.ms, *ms_args]),
                    (
                        f"sqlite-utils rows studies{shown}",
                        [*self.su, "rows", str(path), "studies", *flag],
                    ),
                    (
                        f"sqlite-utils query (msevidence's SQL){shown}",
                        [*self.su, "query", str(path), full_sql, *flag],
                    ),
                ]
                if self.shell:
                    tools.append((f"sqlite3 -{fmt} select * from studies",
                                  [self.shell, f"-{fmt}", str(path), "select * from studies"]))  # fmt: skip
                self.with_alternatives(
                    f"3. full export ({fmt.upper()})", label, tools, ms_args
                )

    def flatness(self, dbs: dict[str, Path], big: str) -> None:
        print(
            "4. flatness: the same filters on the largest database vs seed-size",
            file=self.log,
        )
        for case, fargs in FLAT_CASES.items():
            tools = [
                (
                    f"msevidence {label}",
                    [*self.ms, "--db", str(dbs[label]), "studies", *fargs, "-f", "csv"],
                )
                for label in ("seed-size", big)
            ]
            self.group(f"4. flatness: {case}", "-", tools)


# --------------------------------------------------------------------------- PostgreSQL


def postgres_databases(
    args: Any, sizes: list[int], builds: dict[str, Any], log: Any
) -> dict[str, str]:
    """One PostgreSQL database per size (msevidence_bench_N), built when missing."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    admin = create_engine(args.pg, isolation_level="AUTOCOMMIT")
    urls: dict[str, str] = {}
    for n in [0, *sizes]:
        label = "seed-size" if n == 0 else f"{n:,}"
        name = f"msevidence_bench_{n}_s{args.seed}"
        url = make_url(args.pg).set(database=name).render_as_string(hide_password=False)
        with admin.connect() as conn:
            exists = conn.execute(
                text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}
            ).scalar()
            if exists and args.rebuild:
                conn.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
                exists = False
            if not exists:
                conn.execute(text(f'CREATE DATABASE "{name}"'))
        if not exists:
            print(f"building PostgreSQL {name} ({n:,} studies)", file=log, flush=True)
            report = build_database(url, n, args.seed)
            builds[f"PostgreSQL {label}"] = report | {"bytes": _pg_size(url)}
        else:
            print(f"reusing PostgreSQL {name}", file=log)
            builds[f"PostgreSQL {label}"] = {"studies": n, "seconds": float("nan"), "studies_per_second": None,
                                             "rows": 0, "bytes": _pg_size(url)}  # fmt: skip
        urls[label] = url
    admin.dispose()
    return urls


def run_postgres(bench: Bench, urls: dict[str, str], big: str) -> list[Any]:
    """Time msevidence on PostgreSQL; returns its targets."""
    print("5. PostgreSQL (msevidence only)", file=bench.log)
    targets: list[Any] = []
    for label, url in urls.items():
        bench.group("5. PostgreSQL: drug query (CSV)", label,
                    [("msevidence", [*bench.ms, "--db", url, "studies", "--drug", DRUG, "-f", "csv"])])  # fmt: skip
    for label, url in urls.items():
        if label == "seed-size":
            continue
        for fmt in ("csv", "json"):
            (m,) = bench.group(f"5. PostgreSQL: full export ({fmt.upper()})", label,
                               [("msevidence", [*bench.ms, "--db", url, "studies", "-f", fmt])])  # fmt: skip
            if m.rss_kib:
                targets.append((f"PostgreSQL full {fmt.upper()} export peak memory <= 100 MiB ({label})",
                                f"{m.peak_mib:.1f} MiB", m.peak_mib <= 100))  # fmt: skip
    for case, fargs in FLAT_CASES.items():
        small, large = bench.group(f"5. PostgreSQL flatness: {case}", "-", [
            (f"msevidence {label}", [*bench.ms, "--db", urls[label], "studies", *fargs, "-f", "csv"])
            for label in ("seed-size", big)])  # fmt: skip
        if small.times and large.times:
            ratio = large.median / small.median
            targets.append((f"PostgreSQL `studies {' '.join(fargs)}` on {big} <= 1.3x seed-size",
                            f"{large.median:.3f} s vs {small.median:.3f} s ({ratio:.2f}x)", ratio <= 1.3))  # fmt: skip
    return targets


def _pg_size(url: str) -> int:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.connect() as conn:
        size = int(
            conn.execute(text("SELECT pg_database_size(current_database())")).scalar()
            or 0
        )
    engine.dispose()
    return size


# --------------------------------------------------------------------------- main


def parse_args() -> Any:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes", default="10000,1000000", help="comma-separated study counts"
    )
    parser.add_argument(
        "--pg", help="PostgreSQL admin URL: also benchmark msevidence on PostgreSQL"
    )
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument(
        "--data", type=Path, default=HERE / "data", help="where the databases go"
    )
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument(
        "--baseline-src",
        type=Path,
        help="another src/ tree to time as 'msevidence (baseline)'",
    )
    parser.add_argument("--out", type=Path, default=HERE / "RESULTS.md")
    parser.add_argument(
        "--report-only", action="store_true", help="rewrite --out from its .json"
    )
    return parser.parse_args()


def report_only(out: Path) -> int:
    saved = json.loads(out.with_suffix(".json").read_text())
    fields = set(Measure.__dataclass_fields__)
    measures = [
        Measure(**{k: v for k, v in r.items() if k in fields}) for r in saved["results"]
    ]
    write_report(out, measures, saved["builds"], saved["info"])
    print(f"wrote {out}")
    return 0


def main() -> int:
    args = parse_args()
    if args.report_only:
        return report_only(args.out)
    log = sys.stdout
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    args.data.mkdir(parents=True, exist_ok=True)
    builds: dict[str, Any] = {}
    dbs: dict[str, Path] = {}
    for n in [0, *sizes]:
        label = "seed-size" if n == 0 else f"{n:,}"
        dbs[label], builds[f"SQLite {label}"] = ensure_sqlite(
            args.data, n, args.seed, args.rebuild, log
        )
    big = f"{max(sizes):,}" if sizes else "seed-size"

    bench = Bench(args, log, tool_env(ROOT / "src", args.data / "statement-cache"))
    notes: list[str] = []
    if not bench.shell:
        notes.append(
            "the sqlite3 shell is not installed (apt-get install -y sqlite3): its rows are missing"
        )
    if args.baseline_src:
        notes.append(
            f"'msevidence (baseline)' runs the src tree at {args.baseline_src} (PYTHONPATH)."
        )
    bench.startup()
    bench.drug_query(dbs)
    bench.full_export(dbs)
    bench.flatness(dbs, big)
    targets = sqlite_targets(bench.results, list(dbs), big, DRUG, FLAT_CASES)
    if args.pg:
        targets += run_postgres(
            bench, postgres_databases(args, sizes, builds, log), big
        )
    targets += synth_targets(builds)

    info = {
        "argv": " ".join(sys.argv[1:]),
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        **machine_info(args.pg),
        "repeat": args.repeat,
        "targets": targets,
        "notes": notes,
    }
    write_report(args.out, bench.results, builds, info)
    payload = {"info": info, "builds": builds,
               "results": [asdict(m) | {"median": m.median} for m in bench.results]}  # fmt: skip
    args.out.with_suffix(".json").write_text(json.dumps(payload, indent=1))
    print(f"wrote {args.out}", file=log)
    return 0


if __name__ == "__main__":
    sys.exit(main())
