"""Snapshot `msevidence studies` outputs, to prove a performance change alters no byte.

    python benchmarks/outputs.py --db sqlite:////tmp/x.db --out /tmp/before
    ... change the code ...
    python benchmarks/outputs.py --db sqlite:////tmp/x.db --out /tmp/after --compare /tmp/before

Every filter of `studies` (and a few `search` cases) in every text format (csv, json, jsonl, markdown) is run
through the real CLI in a subprocess and written to one file per case.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FORMATS = ("csv", "json", "jsonl", "markdown")


def cases(db_url: str) -> dict[str, list[str]]:
    out = {
        "all": [],
        "drug-naltrexone": ["--drug", "naltrexone"],
        "drug-alias-ldn": ["--drug", "LDN"],
        "drug-class-anti-cd20": ["--drug", "anti-CD20"],
        "design-randomised": ["--design", "randomised"],
        "design-cohort": ["--design", "cohort"],
        "phenotype-rrms": ["--phenotype", "RRMS"],
        "phenotype-ppms": ["--phenotype", "PPMS"],
        "year-from-2015": ["--year-from", "2015"],
        "year-to-2005": ["--year-to", "2005"],
        "min-n-200": ["--min-n", "200"],
        "status-completed": ["--status", "completed"],
        "limit-7": ["--limit", "7"],
        "drug-phenotype": ["--drug", "naltrexone", "--phenotype", "RRMS"],
        "class-phenotype-limit": [
            "--drug",
            "anti-CD20",
            "--phenotype",
            "SPMS",
            "--limit",
            "3",
        ],
        "search-drug-phenotype": [
            "search",
            "relapse",
            "--drug",
            "naltrexone",
            "--phenotype",
            "RRMS",
        ],
        "search-phenotype-limit": [
            "search",
            "quality of life",
            "--phenotype",
            "RRMS",
            "--limit",
            "5",
        ],
        "combined": [
            "--design",
            "randomised",
            "--phenotype",
            "RRMS",
            "--year-from",
            "2010",
            "--limit",
            "50",
        ],
    }
    path = db_url.removeprefix("sqlite:///")
    if db_url.startswith("sqlite:///") and Path(path).exists():
        con = sqlite3.connect(path)
        top = con.execute(
            "SELECT i.name FROM arms a JOIN interventions i ON i.id = a.intervention_id "
            "WHERE i.id > 1 GROUP BY i.id ORDER BY count(*) DESC, i.id LIMIT 1"
        ).fetchone()
        con.close()
        if top:
            out["drug-top-synthetic"] = ["--drug", top[0]]
            out["drug-top-synthetic-phenotype"] = [
                "--drug",
                top[0],
                "--phenotype",
                "RRMS",
            ]
            out["drug-top-synthetic-all-filters"] = [
                "--drug", top[0], "--phenotype", "SPMS", "--design", "randomised",
                "--year-from", "2000", "--limit", "25",
            ]  # fmt: skip
    return out


def snapshot(db_url: str, target: Path, src: Path = ROOT / "src") -> list[Path]:
    target.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, PYTHONPATH=str(src))
    written = []
    for name, args in cases(db_url).items():
        for fmt in FORMATS:
            path = target / f"{name}.{fmt}"
            command = args if args[:1] == ["search"] else ["studies", *args]
            cmd = [
                sys.executable,
                "-m",
                "msevidence",
                "--db",
                db_url,
                *command,
                "-f",
                fmt,
            ]
            with path.open("wb") as handle:
                proc = subprocess.run(
                    cmd, stdout=handle, stderr=subprocess.PIPE, env=env, cwd=ROOT
                )
            if proc.returncode:
                path.write_bytes(b"exit %d\n" % proc.returncode + proc.stderr)
            written.append(path)
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--out", required=True, type=Path)
    parser.add_argument(
        "--src", type=Path, default=ROOT / "src", help="the src/ tree to run"
    )
    parser.add_argument(
        "--compare", type=Path, help="a directory of an earlier snapshot"
    )
    args = parser.parse_args()
    files = snapshot(args.db, args.out, args.src)
    print(f"{len(files)} outputs in {args.out}")
    if args.compare:
        names = [f.name for f in files]
        _match, mismatch, errors = filecmp.cmpfiles(
            args.compare, args.out, names, shallow=False
        )
        for name in mismatch + errors:
            print(f"DIFFERS: {name}")
        print(
            "identical"
            if not (mismatch or errors)
            else f"{len(mismatch) + len(errors)} differ"
        )
        return 1 if mismatch or errors else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
