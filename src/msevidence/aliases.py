"""How names are compared: one normal form for drug names, aliases and classes."""

from __future__ import annotations

import re

_SEPARATORS = re.compile(r"[\s\-‐‑‒–—_/]+")


def normalise(name: str) -> str:
    """Lower-case, with hyphens, dashes and runs of spaces folded to one space.

    "Low-dose  Naltrexone" and "low dose naltrexone" compare equal, as do
    "interferon beta-1a" and "Interferon Beta 1a".
    """
    return _SEPARATORS.sub(" ", name.casefold()).strip()
