"""From study rows to a pooled result and back to rows a renderer can print.

Why a module of its own: synthesis/meta.py is the statistics, checked against metafor,
and should not learn about CSV columns or output tables; the CLI should stay thin. This
is the glue: build `StudyEffect`s from plain rows, pool them, and lay out the answer as
titled sections (per-study rows, heterogeneity, notes) and one JSON-ready document.
"""

from __future__ import annotations

from typing import Any

from msevidence.queries.meta_rows import MEASURE_LABELS, EffectRow, EffectRows
from msevidence.queries.result import ResultSet
from msevidence.synthesis.meta import (
    MetaInputError,
    MetaResult,
    StudyEffect,
    from_2x2,
    from_difference_ci,
    from_ratio_ci,
    is_ratio_measure,
    pool,
)

STUDY_COLUMNS = ["study", "estimate", "ci_lower", "ci_upper", "weight_pct"]
DIGITS = 4


def to_effect(row: EffectRow) -> StudyEffect:
    """A 2x2 table, a ratio with its CI (log scale) or a difference with its CI."""
    if row.counts is not None:
        return from_2x2(row.label, *row.counts, measure=row.measure)  # type: ignore[arg-type]
    if row.estimate is None or row.ci_lower is None or row.ci_upper is None:
        raise MetaInputError(
            f"study '{row.label}': estimate and both CI bounds are needed"
        )
    build = from_ratio_ci if is_ratio_measure(row.measure) else from_difference_ci
    return build(
        row.label, row.estimate, row.ci_lower, row.ci_upper, row.ci_level, row.measure
    )


def pool_rows(
    rows: EffectRows, method: str = "REML", hartung_knapp: bool = False
) -> MetaResult:
    """Pool the rows, with errors that say which studies were left out and why."""
    if len(rows.rows) < 2:
        skipped = [n for n in rows.notes if n.startswith("skipped")]
        why = f" ({'; '.join(skipped)})" if skipped else ""
        raise MetaInputError(
            f"meta-analysis needs at least two studies with an estimate and CI, got {len(rows.rows)}{why}"
        )
    measures = sorted({r.measure for r in rows.rows})
    if len(measures) > 1:
        by = "; ".join(
            f"{m}: {', '.join(r.label for r in rows.rows if r.measure == m)}"
            for m in measures
        )
        raise MetaInputError(
            f"cannot pool mixed measures ({by}); pool one measure at a time"
        )
    effects = [to_effect(r) for r in rows.rows]
    return pool(
        effects,
        method=method,  # type: ignore[arg-type]
        hartung_knapp=hartung_knapp,
        ratio=is_ratio_measure(measures[0]),
    )


def study_interval(
    result: MetaResult, study: StudyEffect
) -> tuple[float, float, float]:
    """Estimate and CI on the reporting scale, as published when the CI was given."""
    estimate = result.to_reporting_scale(study.yi)
    if study.reported_ci is not None:
        return estimate, study.reported_ci[0], study.reported_ci[1]
    low, high = study.ci(result.level)
    return estimate, result.to_reporting_scale(low), result.to_reporting_scale(high)


def _r(value: float | None) -> float | None:
    return None if value is None else round(value, DIGITS)


def model_name(result: MetaResult) -> str:
    name = {
        "FE": "fixed effect",
        "DL": "random effects, DerSimonian-Laird",
        "REML": "random effects, REML",
    }[result.method]
    return name + (", Hartung-Knapp" if result.hartung_knapp else "")


def report(
    result: MetaResult, rows: EffectRows
) -> tuple[list[tuple[str, ResultSet]], dict[str, Any]]:
    """Sections for table/markdown/csv and one document for json."""
    studies = []
    for s in result.studies:
        est, low, high = study_interval(result, s)
        studies.append(
            {
                "study": s.label,
                "estimate": est,
                "ci_lower": low,
                "ci_upper": high,
                "weight_pct": s.weight,
            }
        )
    pooled = {
        "estimate": result.estimate,
        "ci_lower": result.ci_lower,
        "ci_upper": result.ci_upper,
        "se": result.se,
        "statistic_name": result.statistic_name,
        "statistic": result.statistic,
        "df": result.df,
        "p_value": result.p_value,
    }
    heterogeneity = {
        "k": result.k,
        "tau2": result.tau2,
        "tau": result.tau,
        "i2_pct": result.i2,
        "h2": result.h2,
        "q": result.q,
        "q_df": result.q_df,
        "q_p": result.q_p,
        "pi_lower": result.pi_lower,
        "pi_upper": result.pi_upper,
    }
    document = {
        "title": rows.title,
        "measure": result.measure,
        "measure_label": MEASURE_LABELS.get(result.measure, result.measure),
        "scale": "log (reported back-transformed)" if result.ratio else "natural",
        "method": result.method,
        "model": model_name(result),
        "hartung_knapp": result.hartung_knapp,
        "level": result.level,
        "studies": studies,
        "pooled": pooled,
        "heterogeneity": heterogeneity,
        "notes": list(rows.notes),
    }
    return _sections(document, result), document


def _sections(
    document: dict[str, Any], result: MetaResult
) -> list[tuple[str, ResultSet]]:
    rows: list[tuple[Any, ...]] = [
        tuple(_r(v) if isinstance(v, float) else v for v in s.values())
        for s in document["studies"]
    ]
    rows.append(
        (
            f"Pooled ({model_name(result)})",
            _r(result.estimate),
            _r(result.ci_lower),
            _r(result.ci_upper),
            100.0,
        )
    )
    facts: list[tuple[str, Any]] = [
        ("measure", f"{document['measure_label']} ({result.measure})"),
        ("model", document["model"]),
        ("level", f"{result.level:g}% CI"),
        ("k", result.k),
        ("tau2", _r(result.tau2)),
        ("I2 (%)", round(result.i2, 2)),
        ("H2", _r(result.h2)),
        ("Q", _r(result.q)),
        ("Q df", result.q_df),
        ("Q p", _p(result.q_p)),
        ("prediction interval", _interval(result.pi_lower, result.pi_upper)),
        (f"pooled {result.statistic_name}", _r(result.statistic)),
        ("pooled p", _p(result.p_value)),
    ]
    title = f"{document['title']}: {document['measure_label']}"
    sections = [
        (title, ResultSet(STUDY_COLUMNS, rows)),
        ("Heterogeneity", ResultSet(["statistic", "value"], facts)),
    ]
    if document["notes"]:
        sections.append(
            ("Notes", ResultSet(["note"], [(n,) for n in document["notes"]]))
        )
    return sections


def _p(value: float) -> str:
    return "<0.0001" if value < 1e-4 else f"{value:.4f}"


def _interval(lower: float | None, upper: float | None) -> str:
    """'0.1532 to 1.5669', or why there is none (fixed effect, or k < 3)."""
    if lower is None or upper is None:
        return "none (fixed effect, or fewer than three studies)"
    return f"{lower:.{DIGITS}f} to {upper:.{DIGITS}f}"
