"""msevidence.tables (the ORM-free read path) is generated from the models."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from msevidence import tables
from msevidence.models import Base

ROOT = Path(__file__).resolve().parents[2]


def test_tables_module_is_up_to_date_with_the_models():
    result = subprocess.run(
        [sys.executable, "tools/gen_tables.py", "--check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_model_column_has_the_same_name_and_type():
    for name, table in Base.metadata.tables.items():
        core = tables.metadata.tables[name]
        assert [c.name for c in core.columns] == [c.name for c in table.columns]
        assert [repr(c.type) for c in core.columns] == [
            repr(c.type) for c in table.columns
        ]
    assert set(tables.metadata.tables) == set(Base.metadata.tables)
