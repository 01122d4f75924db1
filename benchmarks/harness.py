"""Running commands for the benchmarks: fresh processes, interleaved rounds, peak memory."""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BIN = Path(sys.executable).parent


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
