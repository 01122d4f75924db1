"""The numbers of a forest plot: axis range, ratio ticks and the text columns.

Plain functions of a `MetaResult`, apart from the drawing in synthesis/forest.py, so
they can be tested without matplotlib.
"""

from __future__ import annotations

import math

from msevidence.synthesis.meta import MetaResult, StudyEffect

MAX_LABEL_CHARS = 42
# Candidate tick sets for ratio axes, coarse to fine; the first giving at least
# three ticks that do not crowd each other is used.
RATIO_TICK_SETS: tuple[tuple[float, ...], ...] = (
    (0.001, 0.01, 0.1, 1.0, 10.0, 100.0, 1000.0),
    (0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0),
    (0.1, 0.2, 0.3, 0.5, 0.7, 1.0, 1.5, 2.0, 3.0, 5.0),
    (0.1, 0.25, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0, 4.0),
    (0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0),
)
MIN_TICK_GAP = 0.07  # fraction of the log-axis width between neighbouring ticks


def study_interval(result: MetaResult, study: StudyEffect) -> tuple[float, float]:
    """The study CI on the reporting scale, as published when we have it."""
    if study.reported_ci is not None:
        return study.reported_ci
    lo, hi = study.ci(result.level)
    return result.to_reporting_scale(lo), result.to_reporting_scale(hi)


def x_limits(result: MetaResult) -> tuple[float, float]:
    """Limits covering every interval plus a margin (in log space for ratios)."""
    values = [result.ci_lower, result.ci_upper, result.null_value]
    for study in result.studies:
        values.extend(study_interval(result, study))
    if result.pi_lower is not None and result.pi_upper is not None:
        values.extend((result.pi_lower, result.pi_upper))
    if result.ratio:
        logs = [math.log(v) for v in values if v > 0]
        lo, hi = min(logs), max(logs)
        pad = 0.06 * (hi - lo or 1.0)
        return math.exp(lo - pad), math.exp(hi + pad)
    lo, hi = min(values), max(values)
    pad = 0.06 * (hi - lo or 1.0)
    return lo - pad, hi + pad


def ratio_ticks(lo: float, hi: float) -> list[float]:
    """Plain-number ticks (0.1, 0.5, 1, 2 ...) that are neither sparse nor crowded."""
    width = math.log(hi) - math.log(lo)
    best: list[float] = []
    for candidates in RATIO_TICK_SETS:
        ticks = [t for t in candidates if lo <= t <= hi]
        gaps = [
            math.log(b) - math.log(a) for a, b in zip(ticks, ticks[1:], strict=False)
        ]
        if gaps and min(gaps) < MIN_TICK_GAP * width:
            continue
        if len(ticks) > len(best):
            best = ticks
        if len(ticks) >= 4:
            return ticks
    return best


def model_name(result: MetaResult) -> str:
    """Name of the pooled row, e.g. 'Random effects (REML, HK)'."""
    if result.method == "FE":
        name = "Fixed effect"
        detail = ["HK"] if result.hartung_knapp else []
    else:
        name = "Random effects"
        detail = [result.method] + (["HK"] if result.hartung_knapp else [])
    return f"{name} ({', '.join(detail)})" if detail else name


def heterogeneity_text(result: MetaResult) -> str:
    """One line of heterogeneity statistics plus the test of the pooled effect."""
    test = (
        f"t({result.df}) = {result.statistic:.2f}"
        if result.df is not None
        else f"z = {result.statistic:.2f}"
    )
    return (
        f"Heterogeneity: \u03c4\u00b2 = {result.tau2:.3f}; I\u00b2 = {result.i2:.1f}%; "
        f"Q = {result.q:.2f} (df = {result.q_df}), p {fmt_p(result.q_p)}\n"
        f"Test for overall effect: {test}, p {fmt_p(result.p_value)}   "
        f"(k = {result.k})"
    )


def fmt_p(p: float) -> str:
    """'< 0.001' for tiny p-values, otherwise '= 0.123'."""
    return "< 0.001" if p < 0.001 else f"= {p:.3f}"


def column_decimals(result: MetaResult) -> int:
    """Two decimals, or three for the whole column when any value is below 0.1.

    One precision per plot keeps the monospaced column aligned, and three
    decimals keep a small ratio such as 0.004 from printing as 0.00.
    """
    values = [result.estimate, result.ci_lower, result.ci_upper]
    for study in result.studies:
        values.append(result.to_reporting_scale(study.yi))
        values.extend(study_interval(result, study))
    if result.pi_lower is not None and result.pi_upper is not None:
        values.extend((result.pi_lower, result.pi_upper))
    return 3 if any(0.0 < abs(v) < 0.1 for v in values) else 2


def fmt_num(value: float, decimals: int) -> str:
    """A number with the plot-wide decimals and a true minus sign, as on the axis."""
    return f"{value:.{decimals}f}".replace("-", "\u2212")


def fmt_ci(est: float, lo: float, hi: float, decimals: int) -> str:
    """'0.49 [0.34, 0.70]'."""
    return (
        f"{fmt_num(est, decimals)} [{fmt_num(lo, decimals)}, {fmt_num(hi, decimals)}]"
    )


def shorten(label: str) -> str:
    """Cut very long labels so they cannot run into the plot area."""
    if len(label) <= MAX_LABEL_CHARS:
        return label
    return label[: MAX_LABEL_CHARS - 1] + "\u2026"
