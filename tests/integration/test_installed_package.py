"""The wheel works without the source tree: migrations and seed ship inside it."""

from __future__ import annotations

import os
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_installed_wheel_runs_outside_the_source_tree(tmp_path):
    wheels = tmp_path / "wheels"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(wheels),
            str(ROOT),
        ],
        check=True,
    )
    (wheel,) = wheels.glob("msevidence-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "msevidence/_data/seed.sql" in names
    assert any(
        n.startswith("msevidence/_migrations/versions/") and n.endswith(".py")
        for n in names
    )

    env_dir = tmp_path / "venv"
    venv.EnvBuilder(system_site_packages=True, with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "--no-deps",
            "-q",
            str(wheel),
        ],
        check=True,
    )

    workdir = tmp_path / "elsewhere"
    workdir.mkdir()
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "data")}
    env.pop("PYTHONPATH", None)
    where = subprocess.run(
        [str(python), "-c", "import msevidence; print(msevidence.__file__)"],
        cwd=workdir,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert str(env_dir) in where.stdout, where.stdout
    command = [str(env_dir / "bin" / "msevidence"), "studies", "--drug", "LDN"]
    first, second = (
        subprocess.run(
            [*command, "-f", "csv"],
            cwd=workdir,
            env=env,
            capture_output=True,
            text=True,
        )
        for _ in range(2)
    )
    assert first.returncode == 0, first.stderr
    assert "created the evidence database" in first.stderr
    assert "cree-2010,Cree 2010" in first.stdout
    # The second run reads through sqlite3 with the SQL the first one compiled.
    assert (second.returncode, second.stderr) == (0, "")
    assert second.stdout == first.stdout
    assert list(Path(os.environ["MSEVIDENCE_CACHE_DIR"]).glob("statements-*.json"))
