"""The same object filter migrations/env.py uses, importable by tests."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from msevidence.resources import migrations_dir


def _load():  # type: ignore[no-untyped-def]
    source = (migrations_dir() / "env.py").read_text(encoding="utf-8")
    start = source.index("def include_name")
    end = source.index("\n\n\n", start)
    namespace: dict[str, object] = {}
    exec(
        compile(source[start:end], str(Path(migrations_dir()) / "env.py"), "exec"),
        namespace,
    )
    return namespace["include_name"]


include_name = _load()
del importlib
