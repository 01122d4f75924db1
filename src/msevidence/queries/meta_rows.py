"""The study rows `msevidence meta` pools: stored effect estimates, or a user's CSV.

Why both sources live here: either way the command needs the same plain rows (a label,
a measure and an estimate with its CI, or a 2x2 table), so one row type serves both and
the pooling code never learns where they came from. Database rows are filtered so that
nothing is counted twice: analyses pooled across trials and results of reviews or
meta-analyses are left out, and each study contributes at most one estimate.
"""

from __future__ import annotations

import csv
import difflib
import math
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Connection, func, select
from sqlalchemy.orm import aliased

from msevidence.errors import NotFoundError, UserError
from msevidence.models import Arm, Outcome, Result, Study
from msevidence.queries.drug_match import resolve_drug
from msevidence.vocab import DESIGN_GROUPS

# Vocabulary measures and the short codes synthesis.meta pools them under.
MEASURE_CODES = {
    "rate-ratio": "IRR",
    "hazard-ratio": "HR",
    "risk-ratio": "RR",
    "odds-ratio": "OR",
    "mean-difference": "MD",
    "risk-difference": "RD",
}
CODES = ("RR", "OR", "HR", "IRR", "RATIO", "MD", "SMD", "RD", "DIFF")
MEASURE_LABELS = {
    "IRR": "Rate ratio",
    "HR": "Hazard ratio",
    "RR": "Risk ratio",
    "OR": "Odds ratio",
    "RATIO": "Ratio",
    "MD": "Mean difference",
    "SMD": "Standardised mean difference",
    "RD": "Risk difference",
    "DIFF": "Difference",
}
EFFECT_COLUMNS = ("label", "measure", "estimate", "ci_lower", "ci_upper")
COUNT_COLUMNS = ("label", "events_treat", "total_treat", "events_ctrl", "total_ctrl")
DOUBLE_COUNTING_NOTE = (
    "Rows flagged as pooled analyses across trials (analysis containing 'pooled') and "
    "results of reviews or meta-analyses are skipped to avoid double counting."
)


@dataclass(frozen=True)
class EffectRow:
    """One study's estimate (measure code, value, CI) or its 2x2 table."""

    label: str
    measure: str
    estimate: float | None = None
    ci_lower: float | None = None
    ci_upper: float | None = None
    ci_level: float = 95.0
    counts: tuple[int, int, int, int] | None = (
        None  # events/total, treated then control
    )
    study: str | None = None


@dataclass
class EffectRows:
    rows: list[EffectRow]
    notes: list[str] = field(default_factory=list)
    title: str = "Meta-analysis"


def measure_code(measure: str) -> str | None:
    """'hazard-ratio' or 'HR' -> 'HR'; None for measures that cannot be pooled."""
    if measure.strip().lower() in MEASURE_CODES:
        return MEASURE_CODES[measure.strip().lower()]
    return measure.strip().upper() if measure.strip().upper() in CODES else None


def resolve_outcome(conn: Connection, code: str) -> tuple[int, str]:
    rows = conn.execute(select(Outcome.id, Outcome.code)).all()
    for oid, known in rows:
        if known.lower() == code.strip().lower():
            return oid, known
    close = difflib.get_close_matches(
        code.upper(), [c for _, c in rows], n=4, cutoff=0.5
    )
    hint = f"; did you mean: {', '.join(close)}?" if close else ""
    raise NotFoundError(
        f"no outcome {code!r}{hint} (see the outcome column of msevidence study KEY)"
    )


def collect_effect_rows(
    conn: Connection, drug: str, outcome: str, comparator: str | None = None
) -> EffectRows:
    """Stored effect estimates of `drug` (vs `comparator`) on `outcome`, ready to pool."""
    match = resolve_drug(conn, drug)
    versus = resolve_drug(conn, comparator) if comparator else None
    outcome_id, code = resolve_outcome(conn, outcome)
    arm, other = aliased(Arm), aliased(Arm)
    stmt = (
        select(
            Study.key,
            Study.short_name,
            Study.design,
            Result.measure,
            Result.value,
            Result.ci_lower,
            Result.ci_upper,
            Result.ci_level,
            Result.analysis,
        )
        .join(Study, Study.id == Result.study_id)
        .join(arm, arm.id == Result.arm_id)
        .join(other, other.id == Result.comparator_arm_id)
        .where(
            Result.result_type == "effect",
            Result.outcome_id == outcome_id,
            arm.intervention_id.in_(match.ids),
        )
        .order_by(
            Study.year.nulls_last(),
            Study.short_name,
            Result.is_primary.desc(),
            func.abs(Result.id),
        )
    )
    if versus is not None:
        stmt = stmt.where(other.intervention_id.in_(versus.ids))
    notes = [DOUBLE_COUNTING_NOTE]
    rows: list[EffectRow] = []
    seen: set[str] = set()
    reviews = DESIGN_GROUPS["review"]
    for (
        key,
        name,
        design,
        measure,
        value,
        lower,
        upper,
        level,
        analysis,
    ) in conn.execute(stmt):
        skip = None
        pooled_as = measure_code(measure or "")
        if analysis and "pooled" in analysis.lower():
            skip = f"skipped {name}: pooled analysis ({analysis})"
        elif design in reviews:
            skip = f"skipped {name}: a {design}, whose estimate already pools trials"
        elif key in seen:
            skip = (
                f"skipped a further {code} estimate of {name}: one estimate per study"
            )
        elif value is None or lower is None or upper is None:
            skip = f"skipped {name}: no confidence interval stored"
        elif pooled_as is None:
            skip = f"skipped {name}: measure {measure} cannot be pooled"
        if skip or pooled_as is None:
            notes.append(skip or "")
            continue
        seen.add(key)
        rows.append(
            EffectRow(name, pooled_as, value, lower, upper, level or 95.0, study=key)
        )
    title = f"{', '.join(match.names)}{' vs ' + ', '.join(versus.names) if versus else ''}: {code}"
    return EffectRows(rows, notes, title)


def read_effect_csv(path: str, measure_2x2: str = "RR") -> EffectRows:
    """Rows from a CSV with label,measure,estimate,ci_lower,ci_upper[,ci_level] or 2x2 counts."""
    try:
        with Path(path).open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            columns = [c.strip() for c in reader.fieldnames or []]
            records = [
                {(k or "").strip(): (v or "").strip() for k, v in r.items()}
                for r in reader
            ]
    except OSError as exc:
        raise UserError(f"cannot read {path}: {exc.strerror or exc}") from exc
    try:
        if all(c in columns for c in EFFECT_COLUMNS):
            rows = [_effect_row(r, n) for n, r in enumerate(records, start=2)]
        elif all(c in columns for c in COUNT_COLUMNS):
            rows = [
                _count_row(r, n, measure_2x2) for n, r in enumerate(records, start=2)
            ]
        else:
            rows = None
    except UserError as exc:
        raise UserError(f"{path}, {exc}") from None
    if rows is None:
        raise UserError(
            f"{path}: missing columns; need {','.join(EFFECT_COLUMNS)}[,ci_level] "
            f"or {','.join(COUNT_COLUMNS)} (found: {','.join(columns) or 'none'})"
        )
    return EffectRows(rows, [], Path(path).name)


def _effect_row(record: dict[str, str], line: int) -> EffectRow:
    code = measure_code(record["measure"])
    if code is None:
        known = ", ".join(list(MEASURE_CODES) + list(CODES))
        raise UserError(
            f"line {line}: unknown measure {record['measure']!r}; use one of {known}"
        )
    level = _number(record, "ci_level", line) if record.get("ci_level") else 95.0
    return EffectRow(
        _label(record, line),
        code,
        _number(record, "estimate", line),
        _number(record, "ci_lower", line),
        _number(record, "ci_upper", line),
        level,
    )


def _count_row(record: dict[str, str], line: int, measure: str) -> EffectRow:
    counts = tuple(int(_number(record, c, line, whole=True)) for c in COUNT_COLUMNS[1:])
    return EffectRow(
        _label(record, line),
        measure.upper(),
        counts=(counts[0], counts[1], counts[2], counts[3]),
    )


def _label(record: dict[str, str], line: int) -> str:
    return record.get("label") or f"row {line}"


def _number(
    record: dict[str, str], column: str, line: int, whole: bool = False
) -> float:
    text = record.get(column, "")
    try:
        value = float(text)
    except ValueError:
        shown = repr(text) if text else "an empty cell"
        raise UserError(
            f"line {line}: {column} must be a number, got {shown}"
        ) from None
    if not math.isfinite(value) or (whole and not value.is_integer()):
        raise UserError(
            f"line {line}: {column} must be a {'whole ' if whole else ''}finite number, got {text!r}"
        )
    return value
