"""Study effects: the inputs of a meta-analysis, built from a ratio CI, a difference
CI or a 2x2 table, and checked so that bad input fails with one clear line.

Split from meta.py (the pooling) so each module has one job; meta.py re-exports
these names, so `from msevidence.synthesis.meta import from_ratio_ci` keeps working.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

from scipy import stats

from msevidence.errors import UserError

Measure2x2 = Literal["RR", "OR"]


RATIO_MEASURES: frozenset[str] = frozenset({"RR", "OR", "HR", "IRR", "RATIO"})


DIFFERENCE_MEASURES: frozenset[str] = frozenset({"MD", "SMD", "RD", "DIFF"})


GENERIC_MEASURE = "GEN"


CONTINUITY_CORRECTION = 0.5


class MetaInputError(UserError, ValueError):
    """Input that cannot be pooled; the message is one line, fit for the CLI.

    It is a `ValueError` (bad values, not a bug) and a `UserError`, so the CLI
    prints it without a traceback like every other user mistake.
    """


@dataclass(frozen=True)
class StudyEffect:
    """One study's effect on the analysis scale (log scale for ratio measures).

    ``yi``/``vi`` are the effect and its sampling variance, as in metafor's
    ``escalc``. ``reported_ci`` keeps the interval as published (on the
    reporting scale) so a forest plot shows what the paper said rather than a
    recomputed, possibly rounded, interval. ``weight`` (percent of the total)
    and ``weight_raw`` (1/(vi + tau^2)) stay None until `pool` fills them in.
    """

    label: str
    yi: float
    vi: float
    measure: str = GENERIC_MEASURE
    reported_ci: tuple[float, float] | None = None
    weight: float | None = None
    weight_raw: float | None = None

    def __post_init__(self) -> None:
        """Reject values that would silently poison the pooled estimate."""
        if not math.isfinite(self.yi):
            raise MetaInputError(f"study '{self.label}': effect is not a finite number")
        if not math.isfinite(self.vi) or self.vi <= 0.0:
            raise MetaInputError(
                f"study '{self.label}': variance must be a positive finite number"
            )

    @property
    def se(self) -> float:
        """Standard error on the analysis scale."""
        return math.sqrt(self.vi)

    def ci(self, level: float = 95.0) -> tuple[float, float]:
        """Wald interval on the analysis scale (log scale for ratios)."""
        half = _z_crit(level) * self.se
        return (self.yi - half, self.yi + half)


def from_ratio_ci(
    label: str,
    estimate: float,
    lower: float,
    upper: float,
    ci_level: float = 95.0,
    measure: str = "RATIO",
) -> StudyEffect:
    """Build a log-scale effect from a published ratio (HR, RR, OR) and its CI.

    Trials report ratios with a CI, not a variance, so the standard error is
    recovered from the CI width on the log scale:
    se = (ln(upper) - ln(lower)) / (2 * z).
    """
    name = _checked_measure(measure, RATIO_MEASURES, "ratio")
    _check_ci(label, estimate, lower, upper)
    for what, value in (("estimate", estimate), ("lower", lower), ("upper", upper)):
        if value <= 0.0:
            raise MetaInputError(
                f"study '{label}': ratio {what} must be positive (got {value:g})"
            )
    se = (math.log(upper) - math.log(lower)) / (2.0 * _z_crit(ci_level))
    return StudyEffect(
        label=label,
        yi=math.log(estimate),
        vi=se * se,
        measure=name,
        reported_ci=(lower, upper),
    )


def from_difference_ci(
    label: str,
    estimate: float,
    lower: float,
    upper: float,
    ci_level: float = 95.0,
    measure: str = "DIFF",
) -> StudyEffect:
    """Build a natural-scale effect (mean or risk difference) from its CI.

    se = (upper - lower) / (2 * z); no transformation because differences are
    already approximately normal on their own scale.
    """
    name = _checked_measure(measure, DIFFERENCE_MEASURES, "difference")
    _check_ci(label, estimate, lower, upper)
    se = (upper - lower) / (2.0 * _z_crit(ci_level))
    return StudyEffect(
        label=label, yi=estimate, vi=se * se, measure=name, reported_ci=(lower, upper)
    )


def from_2x2(
    label: str,
    events_t: int,
    total_t: int,
    events_c: int,
    total_c: int,
    measure: Measure2x2 = "RR",
) -> StudyEffect:
    """Build a log risk ratio or log odds ratio from a 2x2 table.

    Matches metafor's ``escalc(measure="RR"|"OR")`` with its defaults
    (``add=1/2, to="only0"``): 0.5 is added to every cell only when a cell is
    zero, because the log ratio and its variance are undefined there and
    correcting tables without zeros would bias them needlessly.
    """
    name = _checked_measure(measure, frozenset({"RR", "OR"}), "2x2")
    _check_counts(label, events_t, total_t, "treatment")
    _check_counts(label, events_c, total_c, "control")
    a, b = float(events_t), float(total_t - events_t)
    c, d = float(events_c), float(total_c - events_c)
    if min(a, b, c, d) == 0.0:
        a, b, c, d = (x + CONTINUITY_CORRECTION for x in (a, b, c, d))
    if name == "RR":
        n1, n2 = a + b, c + d
        yi = math.log((a / n1) / (c / n2))
        vi = 1.0 / a - 1.0 / n1 + 1.0 / c - 1.0 / n2
    else:
        yi = math.log((a * d) / (b * c))
        vi = 1.0 / a + 1.0 / b + 1.0 / c + 1.0 / d
    return StudyEffect(label=label, yi=yi, vi=vi, measure=name)


def is_ratio_measure(measure: str) -> bool:
    """True for measures pooled on the log scale (RR, OR, HR, IRR, RATIO)."""
    return measure.upper() in RATIO_MEASURES


def _z_crit(level: float) -> float:
    """Two-sided normal critical value for a CI level given in percent."""
    _check_level(level)
    return float(stats.norm.ppf(0.5 + level / 200.0))


def _check_level(level: float) -> None:
    """CI levels are percentages in [1, 100): 95, not 0.95, which is a likely slip."""
    if not (math.isfinite(level) and 1.0 <= level < 100.0):
        raise MetaInputError(
            f"confidence level must be a percentage between 1 and 100 (got {level:g})"
        )


def _check_ci(label: str, estimate: float, lower: float, upper: float) -> None:
    """A CI must exist, be ordered and contain its point estimate."""
    values = (("estimate", estimate), ("lower", lower), ("upper", upper))
    for what, value in values:
        if value is None or not math.isfinite(value):
            raise MetaInputError(f"study '{label}': missing or non-finite CI {what}")
    if lower >= upper:
        raise MetaInputError(
            f"study '{label}': CI lower bound {lower:g} is not below upper bound "
            f"{upper:g}"
        )
    if not lower <= estimate <= upper:
        raise MetaInputError(
            f"study '{label}': estimate {estimate:g} lies outside its CI "
            f"[{lower:g}, {upper:g}]"
        )


def _check_counts(label: str, events: int, total: int, arm: str) -> None:
    """Counts must be whole, non-negative, with events <= a positive total."""
    if (
        isinstance(events, bool)
        or isinstance(total, bool)
        or not (isinstance(events, int) and isinstance(total, int))
    ):
        raise MetaInputError(f"study '{label}': {arm} counts must be integers")
    if total <= 0 or events < 0 or events > total:
        raise MetaInputError(
            f"study '{label}': invalid {arm} counts ({events} events of {total})"
        )


def _checked_measure(measure: str, allowed: frozenset[str], kind: str) -> str:
    """Normalise a measure name and make sure it fits the constructor used."""
    name = measure.upper()
    if name not in allowed:
        choices = ", ".join(sorted(allowed))
        raise MetaInputError(
            f"'{measure}' is not a {kind} measure; use one of {choices}"
        )
    return name
