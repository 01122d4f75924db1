"""Inverse-variance meta-analysis of study effects (fixed effect, DL and REML).

Why this module exists: `msevidence meta` pools published trial results, and those
pooled numbers end up in front of clinicians. Every formula here therefore follows
a named, citable reference implementation -- R's metafor (Viechtbauer 2010,
`rma.uni()` and `predict.rma()`) -- and the unit tests check it against
metafor's published output for the BCG vaccine data to three decimals.

The module is pure: no database, no CLI, no plotting. Effects go in as
`StudyEffect` values (built from a ratio CI, a difference CI or a 2x2 table) and
a frozen `MetaResult` comes out.

Conventions, each chosen to match metafor so results can be cross-checked:

* Ratio measures (RR, OR, HR, ...) are pooled on the log scale and reported back
  on the ratio scale with ``exp``; difference measures stay on their own scale.
* tau^2 is truncated at 0. REML uses Fisher scoring started from the DL value
  and stops when tau^2 changes by less than 1e-10.
* Hartung-Knapp(-Sidik-Jonkman) follows metafor's ``test="knha"``: the HK
  variance sum(w*(y-mu)^2) / ((k-1)*sum(w)) *without* truncating the HK factor
  at 1, and the t distribution with k-1 df.
* I^2 and H^2 follow metafor: for random-effects models they are computed from
  tau^2 and the "typical" within-study variance (Higgins & Thompson 2002); for
  the fixed-effect model from Q.
* The prediction interval follows Higgins, Thompson & Spiegelhalter (2009):
  mu +/- t(k-2) * sqrt(se^2 + tau^2), which is metafor's
  ``predict(res, pi.type="Riley")``. With Hartung-Knapp the HK standard error
  is used (Partlett & Riley 2017). It is None for the fixed-effect model and
  when k < 3 (no degrees of freedom left).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal

import numpy as np
import numpy.typing as npt
from scipy import stats

from msevidence.synthesis.effects import (
    CONTINUITY_CORRECTION,
    DIFFERENCE_MEASURES,
    GENERIC_MEASURE,
    RATIO_MEASURES,
    Measure2x2,
    MetaInputError,
    StudyEffect,
    _check_level,
    _z_crit,
    from_2x2,
    from_difference_ci,
    from_ratio_ci,
    is_ratio_measure,
)

__all__ = [
    "CONTINUITY_CORRECTION",
    "DIFFERENCE_MEASURES",
    "GENERIC_MEASURE",
    "RATIO_MEASURES",
    "Measure2x2",
    "MetaInputError",
    "MetaResult",
    "StudyEffect",
    "from_2x2",
    "from_difference_ci",
    "from_ratio_ci",
    "is_ratio_measure",
    "pool",
]

Method = Literal["REML", "DL", "FE"]
FloatArray = npt.NDArray[np.float64]

METHODS: tuple[str, ...] = ("REML", "DL", "FE")

REML_TOLERANCE = 1e-10
REML_MAX_ITERATIONS = 1000


# --------------------------------------------------------------------------- #
# Study-level effects
# --------------------------------------------------------------------------- #


# --------------------------------------------------------------------------- #
# Pooled result
# --------------------------------------------------------------------------- #


@dataclass(frozen=True)
class MetaResult:
    """Everything `msevidence meta` reports about one pooled analysis.

    ``mu``, ``se``, ``mu_ci`` and ``mu_pi`` are on the analysis scale (log scale
    for ratios); ``estimate``, ``ci_lower``/``ci_upper`` and
    ``pi_lower``/``pi_upper`` are on the reporting scale (exp applied when
    ``ratio``). ``i2`` is a percentage; ``statistic`` is z, or t with ``df``
    degrees of freedom under Hartung-Knapp.
    """

    method: Method
    measure: str
    ratio: bool
    hartung_knapp: bool
    level: float
    k: int
    mu: float
    se: float
    mu_ci: tuple[float, float]
    estimate: float
    ci_lower: float
    ci_upper: float
    statistic_name: Literal["z", "t"]
    statistic: float
    df: int | None
    p_value: float
    tau2: float
    tau: float
    i2: float
    h2: float
    q: float
    q_df: int
    q_p: float
    mu_pi: tuple[float, float] | None
    pi_lower: float | None
    pi_upper: float | None
    studies: tuple[StudyEffect, ...]

    @property
    def weights(self) -> tuple[float, ...]:
        """Per-study weights in percent, in input order (they sum to 100)."""
        return tuple(
            s.weight if s.weight is not None else math.nan for s in self.studies
        )

    @property
    def null_value(self) -> float:
        """The value of no effect on the reporting scale: 1 for ratios, else 0."""
        return 1.0 if self.ratio else 0.0

    def to_reporting_scale(self, value: float) -> float:
        """Back-transform an analysis-scale value (exp for ratio measures)."""
        return math.exp(value) if self.ratio else value

    def as_dict(self) -> dict[str, object]:
        """A JSON-ready summary, for ``--json`` output and snapshots."""
        return {
            "method": self.method,
            "measure": self.measure,
            "ratio": self.ratio,
            "hartung_knapp": self.hartung_knapp,
            "level": self.level,
            "k": self.k,
            "estimate": self.estimate,
            "ci_lower": self.ci_lower,
            "ci_upper": self.ci_upper,
            "mu": self.mu,
            "se": self.se,
            "statistic_name": self.statistic_name,
            "statistic": self.statistic,
            "df": self.df,
            "p_value": self.p_value,
            "tau2": self.tau2,
            "tau": self.tau,
            "i2": self.i2,
            "h2": self.h2,
            "q": self.q,
            "q_df": self.q_df,
            "q_p": self.q_p,
            "pi_lower": self.pi_lower,
            "pi_upper": self.pi_upper,
            "studies": [
                {"label": s.label, "yi": s.yi, "vi": s.vi, "weight": s.weight}
                for s in self.studies
            ],
        }


def pool(
    effects: Sequence[StudyEffect],
    method: Method = "REML",
    hartung_knapp: bool = False,
    ratio: bool = True,
    level: float = 95.0,
) -> MetaResult:
    """Pool study effects by inverse-variance weighting.

    ``method`` picks the tau^2 estimator ("FE" fixes it at 0). ``ratio`` says
    the effects are log ratios to be reported with exp; it must agree with the
    studies' measure when that is known, because a silent mix-up would report
    exp(mean difference) as a ratio.
    """
    method_name = _checked_method(method)
    measure = _check_effects(effects, ratio)
    _check_level(level)
    y = np.array([e.yi for e in effects], dtype=np.float64)
    v = np.array([e.vi for e in effects], dtype=np.float64)
    k = len(effects)

    q = _cochran_q(y, v)
    tau2 = _estimate_tau2(method_name, y, v, q)
    w = 1.0 / (v + tau2)
    mu = float(np.sum(w * y) / np.sum(w))
    se, df = _pooled_se(y, w, mu, hartung_knapp)
    crit = _crit(level, df)
    statistic = mu / se
    p_value = _two_sided_p(statistic, df)
    i2, h2 = _heterogeneity(method_name, v, tau2, q, k)
    mu_ci = (mu - crit * se, mu + crit * se)
    mu_pi = (
        _prediction_interval(mu, se, tau2, k - 2, level)
        if (method_name != "FE" and k >= 3)
        else None
    )

    def back(value: float) -> float:
        return math.exp(value) if ratio else value

    percent = w / np.sum(w) * 100.0
    studies = tuple(
        replace(e, weight=float(pct), weight_raw=float(raw))
        for e, pct, raw in zip(effects, percent, w, strict=True)
    )
    return MetaResult(
        method=method_name,
        measure=measure,
        ratio=ratio,
        hartung_knapp=hartung_knapp,
        level=level,
        k=k,
        mu=mu,
        se=se,
        mu_ci=mu_ci,
        estimate=back(mu),
        ci_lower=back(mu_ci[0]),
        ci_upper=back(mu_ci[1]),
        statistic_name="t" if df is not None else "z",
        statistic=statistic,
        df=df,
        p_value=p_value,
        tau2=tau2,
        tau=math.sqrt(tau2),
        i2=i2,
        h2=h2,
        q=q,
        q_df=k - 1,
        q_p=float(stats.chi2.sf(q, k - 1)),
        mu_pi=mu_pi,
        pi_lower=None if mu_pi is None else back(mu_pi[0]),
        pi_upper=None if mu_pi is None else back(mu_pi[1]),
        studies=studies,
    )


# --------------------------------------------------------------------------- #
# Estimators
# --------------------------------------------------------------------------- #


def _cochran_q(y: FloatArray, v: FloatArray) -> float:
    """Cochran's Q with fixed-effect weights; the basis of DL, I^2 (FE) and its test."""
    w = 1.0 / v
    mu_fe = np.sum(w * y) / np.sum(w)
    return float(np.sum(w * (y - mu_fe) ** 2))


def _estimate_tau2(method: Method, y: FloatArray, v: FloatArray, q: float) -> float:
    """Dispatch to the tau^2 estimator; FE assumes no between-study variance."""
    if method == "FE":
        return 0.0
    dl = _tau2_dl(v, q)
    if method == "DL":
        return dl
    return _tau2_reml(y, v, start=dl)


def _tau2_dl(v: FloatArray, q: float) -> float:
    """DerSimonian-Laird moment estimator, truncated at 0."""
    w = 1.0 / v
    sw = float(np.sum(w))
    denominator = sw - float(np.sum(w**2)) / sw
    return max(0.0, (q - (len(v) - 1)) / denominator)


def _tau2_reml(y: FloatArray, v: FloatArray, start: float) -> float:
    """REML tau^2 by Fisher scoring, as in metafor's rma.uni.

    For the intercept-only model P = W - W11'W / sum(w), so the score step is
    (y'PPy - tr P) / tr(PP). Steps that would go below 0 are truncated there:
    the REML estimate is constrained to the parameter space.
    """
    tau2 = start
    for _ in range(REML_MAX_ITERATIONS):
        w = 1.0 / (v + tau2)
        sw = float(np.sum(w))
        sw2 = float(np.sum(w**2))
        mu = float(np.sum(w * y)) / sw
        py = w * (y - mu)
        y_ppy = float(np.sum(py**2))
        tr_p = sw - sw2 / sw
        tr_pp = sw2 - 2.0 * float(np.sum(w**3)) / sw + (sw2 / sw) ** 2
        new = max(0.0, tau2 + (y_ppy - tr_p) / tr_pp)
        if abs(new - tau2) < REML_TOLERANCE:
            return new
        tau2 = new
    raise MetaInputError(
        f"REML estimate of tau^2 did not converge in {REML_MAX_ITERATIONS} "
        "iterations; try method='DL'"
    )


def _pooled_se(
    y: FloatArray, w: FloatArray, mu: float, hartung_knapp: bool
) -> tuple[float, int | None]:
    """Standard error of mu, and the t df when Hartung-Knapp is used (else None).

    The HK variance is used as is, without max(1, .) truncation, because that
    is metafor's ``test="knha"`` default and what the published results use.
    """
    sw = float(np.sum(w))
    if not hartung_knapp:
        return math.sqrt(1.0 / sw), None
    k = len(y)
    variance = float(np.sum(w * (y - mu) ** 2)) / ((k - 1) * sw)
    if variance <= 0.0:
        raise MetaInputError(
            "Hartung-Knapp variance is zero because all study effects are "
            "identical; pool without hartung_knapp"
        )
    return math.sqrt(variance), k - 1


def _heterogeneity(
    method: Method, v: FloatArray, tau2: float, q: float, k: int
) -> tuple[float, float]:
    """I^2 (percent) and H^2 as metafor reports them.

    Random effects: I^2 = tau^2 / (tau^2 + s^2), H^2 = (tau^2 + s^2) / s^2 with
    the typical within-study variance s^2 (Higgins & Thompson 2002), so they
    reflect the chosen tau^2 estimator. Fixed effect: from Q, truncated at 0.
    """
    df = k - 1
    if method == "FE":
        i2 = 100.0 * (q - df) / q if q > df else 0.0
        return i2, q / df
    w = 1.0 / v
    sw = float(np.sum(w))
    s2 = df * sw / (sw**2 - float(np.sum(w**2)))
    return 100.0 * tau2 / (tau2 + s2), (tau2 + s2) / s2


def _prediction_interval(
    mu: float, se: float, tau2: float, df: int, level: float
) -> tuple[float, float]:
    """Higgins-Thompson-Spiegelhalter interval: mu +/- t(df) sqrt(se^2 + tau^2).

    It describes where the true effect of a new, similar study is expected to
    lie, which is what clinicians usually want to know under heterogeneity.
    """
    half = _crit(level, df) * math.sqrt(se * se + tau2)
    return (mu - half, mu + half)


# --------------------------------------------------------------------------- #
# Small helpers
# --------------------------------------------------------------------------- #


def _crit(level: float, df: int | None) -> float:
    """Two-sided critical value: normal when df is None, else Student t."""
    if df is None:
        return _z_crit(level)
    return float(stats.t.ppf(0.5 + level / 200.0, df))


def _two_sided_p(statistic: float, df: int | None) -> float:
    """Two-sided p-value of a z (df None) or t statistic."""
    if df is None:
        return float(2.0 * stats.norm.sf(abs(statistic)))
    return float(2.0 * stats.t.sf(abs(statistic), df))


def _checked_method(method: str) -> Method:
    """Accept "reml"/"dl"/"fe" in any case; reject anything else by name."""
    name = method.upper()
    if name == "REML":
        return "REML"
    if name == "DL":
        return "DL"
    if name == "FE":
        return "FE"
    raise MetaInputError(f"unknown method '{method}'; use one of {', '.join(METHODS)}")


def _check_effects(effects: Sequence[StudyEffect], ratio: bool) -> str:
    """At least two studies, one measure, and a scale that matches ``ratio``."""
    if len(effects) < 2:
        raise MetaInputError(
            f"meta-analysis needs at least two studies (got {len(effects)})"
        )
    measures = sorted({e.measure.upper() for e in effects})
    if len(measures) > 1:
        raise MetaInputError(
            f"cannot pool mixed measures ({', '.join(measures)}); pool one at a time"
        )
    measure = measures[0]
    if ratio and measure in DIFFERENCE_MEASURES:
        raise MetaInputError(
            f"measure {measure} is a difference, not a ratio; pool with ratio=False"
        )
    if not ratio and measure in RATIO_MEASURES:
        raise MetaInputError(
            f"measure {measure} is a ratio on the log scale; pool with ratio=True"
        )
    return measure
