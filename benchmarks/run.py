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
import os
import platform
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "src"))


BIN = Path(sys.executable).parent
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


@dataclass
class Measure:
    scenario: str
    size: str
    tool: str
    command: list[str]
    times: list[float] = field(default_factory=list)
    rss_kib: list[int] = field(default_factory=list)
    error: str | None = None
    pythonpath: str | None = None  # another src/ tree (the baseline)
    extra_env: dict[str, str] = field(default_factory=dict)

    @property
    def median(self) -> float:
        return statistics.median(self.times) if self.times else float("nan")

    @property
    def peak_mib(self) -> float:
        return max(self.rss_kib) / 1024 if self.rss_kib else float("nan")


TIME = shutil.which("time") and Path("/usr/bin/time")


def run_once(cmd: list[str], env: dict[str, str]) -> tuple[float, int, int, bytes]:
    """Wall seconds, peak RSS (KiB) and exit code of one run of cmd.

    Peak memory comes from GNU time (`%M`): a child forked from this (large) Python
    process would report our own resident size as its peak, since Linux carries the
    high-water mark across exec. Without /usr/bin/time, os.wait4's ru_maxrss is used
    and is only an upper bound.
    """
    import tempfile

    with open(os.devnull, "wb") as sink, tempfile.NamedTemporaryFile("r") as rss_file:
        wrapped = (
            [str(TIME), "-f", "%M", "-o", rss_file.name, *cmd]
            if TIME and TIME.exists()
            else cmd
        )
        started = time.perf_counter()
        proc = subprocess.Popen(
            wrapped, stdout=sink, stderr=subprocess.PIPE, env=env, cwd=ROOT
        )
        assert proc.stderr is not None
        err = proc.stderr.read()
        _pid, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        proc.stderr.close()
        rss = usage.ru_maxrss
        if wrapped is not cmd:
            text = rss_file.read().strip().splitlines()
            rss = int(text[-1]) if text and text[-1].isdigit() else rss
    return elapsed, rss, proc.returncode, err


def measure_group(
    group: list[Measure], repeat: int, env: dict[str, str], log: Any
) -> None:
    """Warm up every command once, then run them in turns, `repeat` rounds."""

    def env_of(m: Measure) -> dict[str, str]:
        own = env if m.pythonpath is None else dict(env, PYTHONPATH=m.pythonpath)
        return own | m.extra_env

    for m in group:
        _t, _rss, code, err = run_once(m.command, env_of(m))
        if code:
            m.error = (
                err.decode(errors="replace").strip().splitlines()[-1]
                if err.strip()
                else f"exit {code}"
            )
    for _ in range(repeat):
        for m in group:
            if m.error:
                continue
            elapsed, rss, code, err = run_once(m.command, env_of(m))
            if code:
                m.error = err.decode(errors="replace").strip()[-300:]
                continue
            m.times.append(elapsed)
            m.rss_kib.append(rss)
    for m in group:
        status = m.error or f"median {m.median:.3f}s  peak {m.peak_mib:.1f} MiB"
        print(
            f"  {m.scenario:<28} {m.size:>9} {m.tool:<34} {status}",
            file=log,
            flush=True,
        )


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

    return hashlib.sha256((HERE / "synth.py").read_bytes()).hexdigest()[:16]


def msevidence_cmd() -> list[str]:
    """The console script (as users run it), else `python -m msevidence`."""
    script = BIN / "msevidence"
    return [str(script)] if script.exists() else [sys.executable, "-m", "msevidence"]


def tool_env(src: Path, cache: Path) -> dict[str, str]:
    """The environment of every command: this src tree, no database URL, and a
    statement cache of msevidence's own (db/direct.py), emptied for each run."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("MSEVIDENCE_DATABASE_URL", "MSEVIDENCE_DIRECT")
    }
    shutil.rmtree(cache, ignore_errors=True)
    return env | {"PYTHONPATH": str(src), "MSEVIDENCE_CACHE_DIR": str(cache)}


# The same command with the direct SQLite reader off: what the first call of a new
# query shape costs (it compiles the SQL with SQLAlchemy), and any non-SQLite engine.
ALCHEMY = "msevidence (SQLAlchemy path)"
ALCHEMY_ENV = {"MSEVIDENCE_DIRECT": "0"}


# --------------------------------------------------------------------------- report


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _ram() -> str:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                return f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    return "unknown"


def _version(cmd: list[str]) -> str:
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=30)
        return (out.stdout or out.stderr).strip().splitlines()[0]
    except (OSError, subprocess.SubprocessError, IndexError):
        return "unavailable"


def versions(pg_url: str | None) -> dict[str, str]:
    import sqlalchemy

    import msevidence

    out = {
        "python": platform.python_version(),
        "SQLite library (Python)": sqlite3.sqlite_version,
        "sqlite3 shell": _version(["sqlite3", "--version"])
        if shutil.which("sqlite3")
        else "not installed",
        "sqlite-utils": _version([str(BIN / "sqlite-utils"), "--version"]),
        "SQLAlchemy": sqlalchemy.__version__,
        "msevidence": msevidence.__version__,
        "msevidence commit": _version(
            ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"]
        ),
    }
    if pg_url:
        from sqlalchemy import create_engine, text

        engine = create_engine(pg_url)
        with engine.connect() as conn:
            out["PostgreSQL"] = str(conn.execute(text("SHOW server_version")).scalar())
        engine.dispose()
    return out


def _fmt_s(value: float) -> str:
    return (
        "n/a" if value != value else (f"{value:.3f}" if value < 10 else f"{value:.1f}")
    )


def _find(
    results: list[Measure], scenario: str, size: str, tool: str
) -> Measure | None:
    for m in results:
        if m.scenario == scenario and m.size == size and m.tool == tool:
            return m
    return None


def write_report(
    path: Path, results: list[Measure], builds: dict[str, Any], info: dict[str, Any]
) -> None:
    lines = [
        "# msevidence benchmarks",
        "",
        f"Generated by `python benchmarks/run.py {info['argv']}` on {info['date']}.",
        "",
        "## Machine and versions",
        "",
        f"- CPU: {info['cpu']} ({info['nproc']} cores available), RAM {info['ram']}",
        f"- OS: {info['os']}",
    ]
    lines += [f"- {k}: {v}" for k, v in info["versions"].items()]
    lines += [
        "",
        "Method: every command is a fresh process with standard output sent to /dev/null;",
        f"after one untimed warm-up run each, the tools of a comparison take turns for {info['repeat']} rounds",
        "(A B A B ...). Times are medians of wall-clock time; memory is the peak resident set",
        "size of the command's own process (GNU time `%M`). msevidence and",
        "sqlite-utils run from their console scripts in the same Python, without pyenv shims.",
        "On SQLite, msevidence reads through sqlite3 with SQL compiled for an earlier call",
        "of the same query shape (db/direct.py); the warm-up run compiles it. The rows",
        f"'{ALCHEMY}' run with MSEVIDENCE_DIRECT=0: what a first call of a new shape costs.",
        "",
        "## Synthetic databases (benchmarks/synth.py)",
        "",
        "| database | studies | rows | file size | build time | studies/s |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name, meta in builds.items():
        rate = (
            f"{meta['studies_per_second']:,}" if meta.get("studies_per_second") else "-"
        )
        seconds = meta.get("seconds")
        took = (
            f"{seconds:.1f} s"
            if seconds == seconds and seconds is not None
            else "(reused)"
        )
        rows = f"{meta['rows']:,}" if meta.get("rows") else "-"
        lines.append(
            f"| {name} | {meta['studies']:,} | {rows} | {meta['bytes'] / 2**20:,.0f} MiB "
            f"| {took} | {rate} |"
        )
    lines += ["", "## Targets", "", "| target | measured | met? |", "|---|---|---|"]
    for target, measured, met in info["targets"]:
        lines.append(f"| {target} | {measured} | {'met' if met else '**not met**'} |")
    lines += ["", "## All measurements", ""]
    scenarios: dict[str, list[Measure]] = {}
    for m in results:
        scenarios.setdefault(m.scenario, []).append(m)
    for scenario, ms in scenarios.items():
        # Peer comparisons show msevidence / peer; flatness rows show this / seed-size.
        flat = "flatness" in scenario
        lines += [
            f"### {scenario}",
            "",
            "| size | tool | median s | min s | peak MiB | "
            + ("this / seed-size |" if flat else "msevidence / this |"),
            "|---|---|---:|---:|---:|---:|",
        ]
        firsts: dict[str, Measure] = {}
        for m in ms:
            first = firsts.setdefault(m.size, m)
            ratio = float("nan")
            if first.times and m.times:
                ratio = m.median / first.median if flat else first.median / m.median
            if m.error:
                lines.append(f"| {m.size} | {m.tool} | error: {m.error[:80]} | | | |")
                continue
            lines.append(
                f"| {m.size} | {m.tool} | {_fmt_s(m.median)} | {_fmt_s(min(m.times))} | {m.peak_mib:.1f} "
                f"| {'-' if m is first else f'{ratio:.2f}x'} |"
            )
        lines.append("")
        commands = {m.tool: m.command for m in ms}
        lines.append("<details><summary>commands</summary>\n")
        for tool, cmd in commands.items():
            shown = " ".join(
                c if " " not in c and "\n" not in c else repr(" ".join(c.split()))
                for c in cmd
            )
            lines.append(f"- {tool}: `{shown[:400]}`")
        lines += ["", "</details>", ""]
    analysis = HERE / "ANALYSIS.md"
    if analysis.exists():
        lines += [analysis.read_text().strip(), ""]
    if info.get("notes"):
        lines += ["## Notes", ""] + [f"- {n}" for n in info["notes"]] + [""]
    path.write_text("\n".join(lines))


# --------------------------------------------------------------------------- main


def main() -> int:
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
    args = parser.parse_args()
    if args.report_only:
        saved = json.loads(args.out.with_suffix(".json").read_text())
        fields = set(Measure.__dataclass_fields__)
        measures = [
            Measure(**{k: v for k, v in r.items() if k in fields})
            for r in saved["results"]
        ]
        write_report(args.out, measures, saved["builds"], saved["info"])
        print(f"wrote {args.out}")
        return 0
    log = sys.stdout
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    args.data.mkdir(parents=True, exist_ok=True)
    notes: list[str] = []

    builds: dict[str, Any] = {}
    dbs: dict[str, Path] = {}
    for n in [0, *sizes]:
        label = "seed-size" if n == 0 else f"{n:,}"
        dbs[label], builds[f"SQLite {label}"] = ensure_sqlite(
            args.data, n, args.seed, args.rebuild, log
        )

    env = tool_env(ROOT / "src", args.data / "statement-cache")
    ms = msevidence_cmd()
    su = [str(BIN / "sqlite-utils")]
    sqlite3_shell = shutil.which("sqlite3")
    if not sqlite3_shell:
        notes.append(
            "the sqlite3 shell is not installed (apt-get install -y sqlite3): its rows are missing"
        )
    baseline = None
    if args.baseline_src:
        baseline = [sys.executable, "-m", "msevidence"]
        notes.append(
            f"'msevidence (baseline)' runs the src tree at {args.baseline_src} (PYTHONPATH)."
        )
    results: list[Measure] = []

    def group(
        scenario: str, size: str, tools: list[tuple[str, list[str]]]
    ) -> list[Measure]:
        g = [Measure(scenario, size, name, cmd) for name, cmd in tools]
        measure_group(g, args.repeat, env, log)
        results.extend(g)
        return g

    def with_baseline(
        scenario: str, size: str, tools: list[tuple[str, list[str]]], ms_args: list[str]
    ) -> None:
        g = [Measure(scenario, size, name, cmd) for name, cmd in tools]
        g.insert(
            1, Measure(scenario, size, ALCHEMY, ms + ms_args, extra_env=ALCHEMY_ENV)
        )
        if baseline is not None:
            g.insert(1, Measure(scenario, size, "msevidence (baseline)", baseline + ms_args,
                                pythonpath=str(args.baseline_src)))  # fmt: skip
        measure_group(g, args.repeat, env, log)
        results.extend(g)

    print("1. start-up", file=log)
    group(
        "1. start-up (--help)",
        "-",
        [
            ("msevidence --help", [*ms, "--help"]),
            ("sqlite-utils --help", [*su, "--help"]),
        ],
    )

    print("2. small drug query, CSV", file=log)
    drug_sql = " ".join(DRUG_SQL.format(drug=DRUG).split())
    for label, path in dbs.items():
        drug_args = ["--db", str(path), "studies", "--drug", DRUG, "-f", "csv"]
        tools = [
            (f"msevidence studies --drug {DRUG} -f csv", [*ms, *drug_args]),
            ("sqlite-utils query --csv", [*su, "query", str(path), drug_sql, "--csv"]),
        ]
        if sqlite3_shell:
            tools.append(
                (
                    "sqlite3 -csv",
                    [sqlite3_shell, "-csv", "-header", str(path), drug_sql],
                )
            )
        with_baseline("2. drug query (CSV)", label, tools, drug_args)

    print("3. full export", file=log)
    from sqlalchemy import create_engine

    from msevidence.db.prepared import AlchemyReader
    from msevidence.queries.studies import StudyFilters, prepare_listing

    engine = create_engine("sqlite://")
    with engine.connect() as conn:
        full_sql = str(
            prepare_listing(AlchemyReader(conn), StudyFilters())
            .statement()
            .compile(dialect=engine.dialect, compile_kwargs={"literal_binds": True})
        )
    full_sql = " ".join(full_sql.split())
    for label, path in dbs.items():
        if label == "seed-size":
            continue
        for fmt in ("csv", "json"):
            flag = ["--csv"] if fmt == "csv" else []
            tools = [
                (
                    f"msevidence studies -f {fmt}",
                    [*ms, "--db", str(path), "studies", "-f", fmt],
                ),
                (
                    f"sqlite-utils rows studies {' '.join(flag)}".strip(),
                    [*su, "rows", str(path), "studies", *flag],
                ),
                (
                    f"sqlite-utils query (msevidence's SQL) {' '.join(flag)}".strip(),
                    [*su, "query", str(path), full_sql, *flag],
                ),
            ]
            if sqlite3_shell:
                tools.append(
                    (
                        f"sqlite3 -{fmt} select * from studies",
                        [sqlite3_shell, f"-{fmt}", str(path), "select * from studies"],
                    )
                )
            with_baseline(
                f"3. full export ({fmt.upper()})",
                label,
                tools,
                ["--db", str(path), "studies", "-f", fmt],
            )

    print(
        "4. flatness: the same filters on the largest database vs seed-size", file=log
    )
    largest = max(sizes) if sizes else 0
    big_label = f"{largest:,}"
    for case, fargs in FLAT_CASES.items():
        tools = []
        for label in ("seed-size", big_label):
            tools.append(
                (
                    f"msevidence {label}",
                    [*ms, "--db", str(dbs[label]), "studies", *fargs, "-f", "csv"],
                )
            )
        group(f"4. flatness: {case}", "-", tools)

    pg_results: dict[str, Any] = {}
    if args.pg:
        print("5. PostgreSQL (msevidence only)", file=log)
        pg_results = run_postgres(args, sizes, ms, env, results, builds, log)

    # ------------------------------------------------------------------ targets
    targets = []
    start = _find(results, "1. start-up (--help)", "-", "msevidence --help")
    start_su = _find(results, "1. start-up (--help)", "-", "sqlite-utils --help")
    if start and start_su:
        targets.append(
            ("`msevidence --help` <= `sqlite-utils --help`",
             f"{start.median:.3f} s vs {start_su.median:.3f} s ({start.median / start_su.median:.2f}x)",
             start.median <= start_su.median)
        )  # fmt: skip
    for label in dbs:
        m = _find(
            results,
            "2. drug query (CSV)",
            label,
            f"msevidence studies --drug {DRUG} -f csv",
        )
        p = _find(results, "2. drug query (CSV)", label, "sqlite-utils query --csv")
        if m and p and m.times and p.times:
            targets.append(
                (f"small drug query CSV <= 2.5x sqlite-utils ({label})",
                 f"{m.median:.3f} s vs {p.median:.3f} s ({m.median / p.median:.2f}x)", m.median <= 2.5 * p.median)
            )  # fmt: skip
    peak = 0.0
    for label in dbs:
        if label == "seed-size":
            continue
        m = _find(results, "3. full export (CSV)", label, "msevidence studies -f csv")
        rows = _find(
            results, "3. full export (CSV)", label, "sqlite-utils rows studies --csv"
        )
        same = _find(
            results,
            "3. full export (CSV)",
            label,
            "sqlite-utils query (msevidence's SQL) --csv",
        )
        if m and rows and m.times and rows.times:
            targets.append(
                (f"full CSV export <= sqlite-utils `rows studies --csv` ({label})",
                 f"{_fmt_s(m.median)} s vs {_fmt_s(rows.median)} s ({m.median / rows.median:.2f}x)", m.median <= rows.median)
            )  # fmt: skip
        if m and same and m.times and same.times:
            targets.append(
                (f"full CSV export <= sqlite-utils query with the same SQL ({label})",
                 f"{_fmt_s(m.median)} s vs {_fmt_s(same.median)} s ({m.median / same.median:.2f}x)", m.median <= same.median)
            )  # fmt: skip
        for fmt in ("CSV", "JSON"):
            mm = _find(
                results,
                f"3. full export ({fmt})",
                label,
                f"msevidence studies -f {fmt.lower()}",
            )
            if mm and mm.rss_kib:
                peak = max(peak, mm.peak_mib)
    if peak:
        targets.append(
            (
                "full export peak memory <= 100 MiB at any N",
                f"{peak:.1f} MiB (largest over sizes, CSV and JSON)",
                peak <= 100,
            )
        )
    for case in FLAT_CASES:
        small = _find(results, f"4. flatness: {case}", "-", "msevidence seed-size")
        big = _find(results, f"4. flatness: {case}", "-", f"msevidence {big_label}")
        if small and big and small.times and big.times:
            ratio = big.median / small.median
            targets.append(
                (f"`studies {' '.join(FLAT_CASES[case])}` on {big_label} <= 1.3x seed-size",
                 f"{big.median:.3f} s vs {small.median:.3f} s ({ratio:.2f}x)", ratio <= 1.3)
            )  # fmt: skip
    for target in pg_results.get("targets", []):
        targets.append(target)
    if builds:
        rates = [
            (k, v["studies_per_second"])
            for k, v in builds.items()
            if v.get("studies_per_second")
            and k.startswith("SQLite")
            and v["studies"] >= 100_000
        ]
        for k, rate in rates:
            targets.append(
                (
                    f"synth build >= 50,000 studies/s ({k})",
                    f"{rate:,} studies/s",
                    rate >= 50_000,
                )
            )

    info = {
        "argv": " ".join(sys.argv[1:]),
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cpu": _cpu_model(),
        "nproc": os.cpu_count(),
        "ram": _ram(),
        "os": platform.platform(),
        "versions": versions(args.pg),
        "repeat": args.repeat,
        "targets": targets,
        "notes": notes + pg_results.get("notes", []),
    }
    write_report(args.out, results, builds, info)
    args.out.with_suffix(".json").write_text(
        json.dumps(
            {
                "info": info,
                "builds": builds,
                "results": [asdict(m) | {"median": m.median} for m in results],
            },
            indent=1,
        )
    )
    print(f"wrote {args.out}", file=log)
    return 0


def run_postgres(
    args: Any, sizes: list[int], ms: list[str], env: dict[str, str], results: list[Measure],
    builds: dict[str, Any], log: Any,
) -> dict[str, Any]:  # fmt: skip
    """Build one PostgreSQL database per size (msevidence_bench_N) and time msevidence."""
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
        fresh = not exists
        if fresh:
            print(f"building PostgreSQL {name} ({n:,} studies)", file=log, flush=True)
            report = build_database(url, n, args.seed)
            builds[f"PostgreSQL {label}"] = report | {"bytes": _pg_size(url)}
        else:
            print(f"reusing PostgreSQL {name}", file=log)
            builds[f"PostgreSQL {label}"] = {"studies": n, "seconds": float("nan"), "studies_per_second": None,
                                             "rows": 0, "bytes": _pg_size(url)}  # fmt: skip
        urls[label] = url
    admin.dispose()

    out: dict[str, Any] = {"targets": [], "notes": []}
    for label, url in urls.items():
        g = [
            Measure(
                "5. PostgreSQL: drug query (CSV)",
                label,
                "msevidence",
                [*ms, "--db", url, "studies", "--drug", DRUG, "-f", "csv"],
            )
        ]
        measure_group(g, args.repeat, env, log)
        results.extend(g)
    for label, url in urls.items():
        if label == "seed-size":
            continue
        for fmt in ("csv", "json"):
            g = [
                Measure(
                    f"5. PostgreSQL: full export ({fmt.upper()})",
                    label,
                    "msevidence",
                    [*ms, "--db", url, "studies", "-f", fmt],
                )
            ]
            measure_group(g, args.repeat, env, log)
            results.extend(g)
            if g[0].rss_kib:
                out["targets"].append(
                    (
                        f"PostgreSQL full {fmt.upper()} export peak memory <= 100 MiB ({label})",
                        f"{g[0].peak_mib:.1f} MiB",
                        g[0].peak_mib <= 100,
                    )
                )
    big = f"{max(sizes):,}" if sizes else "seed-size"
    for case, fargs in FLAT_CASES.items():
        g = [Measure(f"5. PostgreSQL flatness: {case}", "-", f"msevidence {label}", [*ms, "--db", urls[label], "studies", *fargs, "-f", "csv"])
             for label in ("seed-size", big)]  # fmt: skip
        measure_group(g, args.repeat, env, log)
        results.extend(g)
        if all(m.times for m in g):
            ratio = g[1].median / g[0].median
            out["targets"].append(
                (f"PostgreSQL `studies {' '.join(fargs)}` on {big} <= 1.3x seed-size",
                 f"{g[1].median:.3f} s vs {g[0].median:.3f} s ({ratio:.2f}x)", ratio <= 1.3)
            )  # fmt: skip
    return out


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


if __name__ == "__main__":
    sys.exit(main())
