"""Validate msevidence.synthesis against published metafor results (BCG data).

Reference data set: dat.bcg, 13 BCG vaccine trials (Colditz et al. 1994), log
risk ratios. Every reference number below was copied from a published source,
cited next to it:

[README]  wviechtb/metafor, README.md (commit 49fcd483ebc11a4e716fd3742d26d03e35d30674),
          https://github.com/wviechtb/metafor -- prints dat.bcg, the escalc(RR)
          yi/vi, rma(yi, vi, data=dat, test="knha") (REML + Hartung-Knapp) and
          predict(res, transf=exp, digits=2).
[METAN]   wviechtb/metafor, tests/testthat/test_misc_metan_vs_rma.uni_with_dat.bcg.r
          (commit 0e54b316e8c58fe0f0ab5890017193728a305ad1; also at
          https://rdrr.io/cran/metafor/src/tests/testthat/test_misc_metan_vs_rma.uni_with_dat.bcg.r)
          -- FE and DL results for RR and OR, cross-checked by metafor's author
          against Stata's metan.
[REMLZ]   https://cttir.github.io/courses/course3_design_causal/labs/lab_week4_session2_slides.html
          -- printed output of metafor rma(yi, vi, data=dat) (REML, z test) on
          the same escalc(RR) data; its tau^2/I^2/H^2/Q lines agree with [README].

"To three decimals" is checked as |ours - published| < 5e-4 for numbers
published with four decimals; numbers published with fewer decimals (I^2 and
H^2 with two, the README's predict() with two) are checked to their own
rounding (< 5e-3).
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from scipy import stats

from msevidence.synthesis.forest import forest_plot
from msevidence.synthesis.meta import (
    MetaInputError,
    MetaResult,
    StudyEffect,
    _prediction_interval,
    from_2x2,
    from_difference_ci,
    from_ratio_ci,
    is_ratio_measure,
    pool,
)

TOL3 = 5e-4  # agreement to three decimals
TOL2 = 5e-3  # for values published with two decimals

# dat.bcg 2x2 counts: (author, year, tpos, tneg, cpos, cneg). Source: [README].
BCG_COUNTS: list[tuple[str, int, int, int, int, int]] = [
    ("Aronson", 1948, 4, 119, 11, 128),
    ("Ferguson & Simes", 1949, 6, 300, 29, 274),
    ("Rosenthal et al", 1960, 3, 228, 11, 209),
    ("Hart & Sutherland", 1977, 62, 13536, 248, 12619),
    ("Frimodt-Moller et al", 1973, 33, 5036, 47, 5761),
    ("Stein & Aronson", 1953, 180, 1361, 372, 1079),
    ("Vandiviere et al", 1973, 8, 2537, 10, 619),
    ("TPT Madras", 1980, 505, 87886, 499, 87892),
    ("Coetzee & Berjak", 1968, 29, 7470, 45, 7232),
    ("Rosenthal et al", 1961, 17, 1699, 65, 1600),
    ("Comstock et al", 1974, 186, 50448, 141, 27197),
    ("Comstock & Webster", 1969, 5, 2493, 3, 2338),
    ("Comstock et al", 1976, 27, 16886, 29, 17825),
]

# escalc(measure="RR") log risk ratios and variances, 4 decimals. Source: [README].
BCG_YI_VI: list[tuple[float, float]] = [
    (-0.8893, 0.3256),
    (-1.5854, 0.1946),
    (-1.3481, 0.4154),
    (-1.4416, 0.0200),
    (-0.2175, 0.0512),
    (-0.7861, 0.0069),
    (-1.6209, 0.2230),
    (0.0120, 0.0040),
    (-0.4694, 0.0564),
    (-1.3713, 0.0730),
    (-0.3394, 0.0124),
    (0.4459, 0.5325),
    (-0.0173, 0.0714),
]


def bcg_effects(measure: str = "RR") -> list[StudyEffect]:
    """The 13 BCG trials built through the 2x2 input path."""
    return [
        from_2x2(f"{author}, {year}", tpos, tpos + tneg, cpos, cpos + cneg, measure)  # type: ignore[arg-type]
        for author, year, tpos, tneg, cpos, cneg in BCG_COUNTS
    ]


def published_effects() -> list[StudyEffect]:
    """The BCG yi/vi exactly as printed by metafor (independent of our escalc)."""
    return [
        StudyEffect(label=str(i), yi=yi, vi=vi, measure="RR")
        for i, (yi, vi) in enumerate(BCG_YI_VI, start=1)
    ]


def close(actual: float | None, expected: float, tol: float = TOL3) -> bool:
    return actual is not None and abs(actual - expected) < tol


# --------------------------------------------------------------------------- #
# 2x2 input path
# --------------------------------------------------------------------------- #


def test_2x2_log_risk_ratios_match_metafor_escalc() -> None:
    # Reference: [README] escalc(measure="RR", ai=tpos, bi=tneg, ci=cpos, di=cneg)
    for effect, (yi, vi) in zip(bcg_effects(), BCG_YI_VI, strict=True):
        assert close(effect.yi, yi), (effect.label, effect.yi, yi)
        assert close(effect.vi, vi), (effect.label, effect.vi, vi)
        assert effect.measure == "RR"


def test_2x2_and_published_yi_vi_pool_to_the_same_result() -> None:
    ours = pool(bcg_effects())
    printed = pool(published_effects())
    assert abs(ours.mu - printed.mu) < TOL3
    assert abs(ours.tau2 - printed.tau2) < TOL3


def test_2x2_continuity_correction_only_when_a_cell_is_zero() -> None:
    # Zero cell: 0.5 added to all four cells (metafor escalc add=1/2, to="only0").
    zero = from_2x2("zero", 0, 10, 5, 10, "RR")
    a, b, c, d = 0.5, 10.5, 5.5, 5.5
    assert zero.yi == pytest.approx(math.log((a / (a + b)) / (c / (c + d))))
    assert zero.vi == pytest.approx(1 / a - 1 / (a + b) + 1 / c - 1 / (c + d))
    zero_or = from_2x2("zero", 0, 10, 5, 10, "OR")
    assert zero_or.yi == pytest.approx(math.log((a * d) / (b * c)))
    assert zero_or.vi == pytest.approx(1 / a + 1 / b + 1 / c + 1 / d)
    # No zero cell: no correction at all.
    plain = from_2x2("plain", 4, 123, 11, 139, "OR")
    assert plain.yi == pytest.approx(math.log((4 * 128) / (119 * 11)))
    assert plain.vi == pytest.approx(1 / 4 + 1 / 119 + 1 / 11 + 1 / 128)


# --------------------------------------------------------------------------- #
# Pooled results against published metafor output
# --------------------------------------------------------------------------- #


def test_reml_matches_metafor() -> None:
    res = pool(bcg_effects(), method="REML")
    # [README] (REML; these lines do not depend on the test) and [REMLZ]:
    assert close(res.mu, -0.7145)
    assert close(res.tau2, 0.3132)
    assert close(res.tau, 0.5597)
    assert close(res.i2, 92.22, TOL2)
    assert close(res.h2, 12.86, TOL2)
    assert close(res.q, 152.2330)
    assert res.q_df == 12
    assert res.q_p < 1e-4  # "p-val < .0001"
    # [REMLZ] z test: se 0.1798, zval -3.9744, pval <.0001, ci -1.0669 .. -0.3622
    assert res.statistic_name == "z" and res.df is None
    assert close(res.se, 0.1798)
    assert close(res.statistic, -3.9744)
    assert res.p_value < 1e-4
    assert close(res.mu_ci[0], -1.0669)
    assert close(res.mu_ci[1], -0.3622)
    # Back-transformation: the reported estimate is on the risk-ratio scale.
    assert res.estimate == pytest.approx(math.exp(res.mu))
    assert res.ci_lower == pytest.approx(math.exp(res.mu_ci[0]))
    assert res.ci_upper == pytest.approx(math.exp(res.mu_ci[1]))


def test_hartung_knapp_matches_metafor_knha() -> None:
    res = pool(bcg_effects(), method="REML", hartung_knapp=True)
    # [README] rma(yi, vi, data=dat, test="knha"):
    # estimate -0.7145, se 0.1808, tval -3.9522, df 12, pval 0.0019,
    # ci.lb -1.1084, ci.ub -0.3206
    assert res.statistic_name == "t"
    assert res.df == 12
    assert close(res.mu, -0.7145)
    assert close(res.se, 0.1808)
    assert close(res.statistic, -3.9522)
    assert close(res.p_value, 0.0019, 5e-5)
    assert close(res.mu_ci[0], -1.1084)
    assert close(res.mu_ci[1], -0.3206)
    assert close(res.tau2, 0.3132)
    # [README] predict(res, transf=exp, digits=2): pred 0.49, ci 0.33 .. 0.73
    assert close(res.estimate, 0.49, TOL2)
    assert close(res.ci_lower, 0.33, TOL2)
    assert close(res.ci_upper, 0.73, TOL2)


def test_dl_matches_metafor_and_metan() -> None:
    res = pool(bcg_effects(), method="DL")
    # [METAN] "RE model w/ DL estimator, measure='RR'":
    # beta -0.7141, ci -1.0644 .. -0.3638, zval -3.9952, tau2 0.3088, I2 92.1173;
    # exp: 0.4896 (0.3449 .. 0.6950)
    assert close(res.mu, -0.7141)
    assert close(res.mu_ci[0], -1.0644)
    assert close(res.mu_ci[1], -0.3638)
    assert close(res.statistic, -3.9952)
    assert close(res.tau2, 0.3088)
    assert close(res.i2, 92.1173)
    assert close(res.estimate, 0.4896)
    assert close(res.ci_lower, 0.3449)
    assert close(res.ci_upper, 0.6950)


def test_fe_matches_metafor_and_metan() -> None:
    res = pool(bcg_effects(), method="FE")
    # [METAN] "FE model, measure='RR'": beta -0.4303, ci -0.5097 .. -0.3509,
    # zval -10.6247, QE 152.2330; exp: 0.6503 (0.6007 .. 0.7040)
    assert close(res.mu, -0.4303)
    assert close(res.mu_ci[0], -0.5097)
    assert close(res.mu_ci[1], -0.3509)
    assert close(res.statistic, -10.6247)
    assert close(res.q, 152.2330)
    assert close(res.estimate, 0.6503)
    assert close(res.ci_lower, 0.6007)
    assert close(res.ci_upper, 0.7040)
    assert res.tau2 == 0.0
    assert res.mu_pi is None and res.pi_lower is None and res.pi_upper is None


def test_log_odds_ratios_match_metafor_and_metan() -> None:
    effects = bcg_effects("OR")
    fe = pool(effects, method="FE")
    # [METAN] "FE model, measure='OR'": -0.4361 (-0.5190 .. -0.3533),
    # zval -10.3190, QE 163.1649; exp 0.6465 (0.5951 .. 0.7024)
    assert close(fe.mu, -0.4361)
    assert close(fe.mu_ci[0], -0.5190)
    assert close(fe.mu_ci[1], -0.3533)
    assert close(fe.statistic, -10.3190)
    assert close(fe.q, 163.1649)
    assert close(fe.estimate, 0.6465)
    dl = pool(effects, method="DL")
    # [METAN] "RE model w/ DL estimator, measure='OR'": -0.7474 (-1.1242 .. -0.3706),
    # zval -3.8873, tau2 0.3663, I2 92.6455; exp 0.4736 (0.3249 .. 0.6903)
    assert close(dl.mu, -0.7474)
    assert close(dl.mu_ci[0], -1.1242)
    assert close(dl.mu_ci[1], -0.3706)
    assert close(dl.statistic, -3.8873)
    assert close(dl.tau2, 0.3663)
    assert close(dl.i2, 92.6455)
    assert close(dl.estimate, 0.4736)
    assert close(dl.ci_lower, 0.3249)
    assert close(dl.ci_upper, 0.6903)


def test_weights_are_inverse_variance_percentages() -> None:
    # metafor's weights(): 100 * (1/(vi+tau2)) / sum(1/(vi+tau2))
    # (tests/testthat/test_misc_weights.r in wviechtb/metafor).
    effects = bcg_effects()
    res = pool(effects, method="DL")
    raw = [1 / (e.vi + res.tau2) for e in effects]
    expected = [100 * r / sum(raw) for r in raw]
    assert sum(res.weights) == pytest.approx(100.0)
    assert res.weights == pytest.approx(expected)
    assert all(
        s.weight_raw == pytest.approx(r) for s, r in zip(res.studies, raw, strict=True)
    )
    # Input effects are not mutated; results carry filled-in copies.
    assert all(e.weight is None for e in effects)


# --------------------------------------------------------------------------- #
# Prediction interval
# --------------------------------------------------------------------------- #


def test_prediction_interval_formula_reproduces_metafor_predict() -> None:
    # [README] predict() after test="knha" uses t(k-1 = 12) with the HK se:
    # pi.lb 0.14, pi.ub 1.76 (risk-ratio scale, two decimals).
    res = pool(bcg_effects(), method="REML", hartung_knapp=True)
    lo, hi = _prediction_interval(res.mu, res.se, res.tau2, 12, 95.0)
    assert close(math.exp(lo), 0.14, TOL2)
    assert close(math.exp(hi), 1.76, TOL2)


def test_prediction_interval_uses_t_with_k_minus_2_df() -> None:
    # Higgins, Thompson & Spiegelhalter (2009): mu +/- t(k-2) sqrt(se^2 + tau^2)
    # (metafor predict(pi.type="Riley")). Rebuilt here from the published
    # REML values of [REMLZ]: mu -0.7145, se 0.1798, tau2 0.3132.
    res = pool(bcg_effects(), method="REML")
    half = stats.t.ppf(0.975, 11) * math.sqrt(0.1798**2 + 0.3132)
    assert res.mu_pi is not None
    assert close(res.mu_pi[0], -0.7145 - half)
    assert close(res.mu_pi[1], -0.7145 + half)
    assert res.pi_lower == pytest.approx(math.exp(res.mu_pi[0]))
    assert res.pi_upper == pytest.approx(math.exp(res.mu_pi[1]))


def test_prediction_interval_absent_for_fewer_than_three_studies() -> None:
    res = pool(bcg_effects()[:2], method="REML")
    assert res.k == 2
    assert res.mu_pi is None and res.pi_lower is None


# --------------------------------------------------------------------------- #
# CI-based constructors
# --------------------------------------------------------------------------- #


def test_from_ratio_ci_recovers_log_scale_se() -> None:
    effect = from_ratio_ci("OPERA I", 0.54, 0.40, 0.72, measure="RR")
    z = stats.norm.ppf(0.975)
    assert effect.yi == pytest.approx(math.log(0.54))
    assert effect.se == pytest.approx((math.log(0.72) - math.log(0.40)) / (2 * z))
    assert effect.reported_ci == (0.40, 0.72)
    ninety = from_ratio_ci("x", 0.54, 0.40, 0.72, ci_level=90)
    assert ninety.se == pytest.approx(
        (math.log(0.72) - math.log(0.40)) / (2 * stats.norm.ppf(0.95))
    )
    assert ninety.measure == "RATIO" and is_ratio_measure(ninety.measure)


def test_from_difference_ci_uses_natural_scale() -> None:
    effect = from_difference_ci("t", -1.2, -2.0, -0.4, measure="MD")
    assert effect.yi == -1.2
    assert effect.se == pytest.approx(1.6 / (2 * stats.norm.ppf(0.975)))
    res = pool(
        [effect, from_difference_ci("u", -0.5, -1.4, 0.4, measure="MD")],
        method="FE",
        ratio=False,
    )
    assert res.estimate == pytest.approx(res.mu)
    assert res.null_value == 0.0


def test_ratio_ci_round_trip_through_pooling() -> None:
    # Two identical ratio studies pool to the same ratio with a narrower CI.
    a = from_ratio_ci("a", 0.7, 0.5, 0.98)
    b = from_ratio_ci("b", 0.7, 0.5, 0.98)
    res = pool([a, b], method="FE")
    assert res.estimate == pytest.approx(0.7)
    assert res.ci_lower > 0.5 and res.ci_upper < 0.98
    assert res.tau2 == 0.0 and res.i2 == 0.0


# --------------------------------------------------------------------------- #
# Errors: one-line MetaInputError (a ValueError)
# --------------------------------------------------------------------------- #


def _assert_one_line(exc: pytest.ExceptionInfo[MetaInputError], fragment: str) -> None:
    message = str(exc.value)
    assert isinstance(exc.value, ValueError)
    assert "\n" not in message
    assert fragment in message


def test_fewer_than_two_studies() -> None:
    with pytest.raises(MetaInputError) as exc:
        pool(bcg_effects()[:1])
    _assert_one_line(exc, "at least two studies")
    with pytest.raises(MetaInputError):
        pool([])


def test_mixed_measures() -> None:
    effects = [bcg_effects("RR")[0], bcg_effects("OR")[1]]
    with pytest.raises(MetaInputError) as exc:
        pool(effects)
    _assert_one_line(exc, "mixed measures")


def test_scale_mismatch() -> None:
    md = [
        from_difference_ci("a", 1, 0, 2, measure="MD"),
        from_difference_ci("b", 1, 0.5, 1.5, measure="MD"),
    ]
    with pytest.raises(MetaInputError) as exc:
        pool(md)  # ratio=True by default
    _assert_one_line(exc, "ratio=False")
    with pytest.raises(MetaInputError) as exc:
        pool(bcg_effects(), ratio=False)
    _assert_one_line(exc, "ratio=True")


@pytest.mark.parametrize(
    ("estimate", "lower", "upper", "fragment"),
    [
        (0.8, 0.9, 0.7, "not below"),
        (0.8, 0.8, 0.8, "not below"),
        (0.8, 0.0, 1.2, "must be positive"),
        (-0.1, -0.5, 1.2, "must be positive"),
        (1.5, 0.6, 1.2, "outside its CI"),
        (float("nan"), 0.6, 1.2, "non-finite"),
        (0.8, float("inf"), 1.2, "non-finite"),
    ],
)
def test_invalid_ratio_ci(
    estimate: float, lower: float, upper: float, fragment: str
) -> None:
    with pytest.raises(MetaInputError) as exc:
        from_ratio_ci("Trial X", estimate, lower, upper)
    _assert_one_line(exc, fragment)
    assert "Trial X" in str(exc.value)


def test_missing_ci_bound() -> None:
    with pytest.raises(MetaInputError) as exc:
        from_difference_ci("Trial Y", 0.1, None, 0.4)  # type: ignore[arg-type]
    _assert_one_line(exc, "missing")


def test_invalid_difference_ci_and_level() -> None:
    with pytest.raises(MetaInputError) as exc:
        from_difference_ci("d", 2.0, -1.0, 1.0)
    _assert_one_line(exc, "outside its CI")
    with pytest.raises(MetaInputError) as exc:
        from_ratio_ci("r", 0.8, 0.6, 1.1, ci_level=0.95)
    _assert_one_line(exc, "percentage")


@pytest.mark.parametrize(
    ("events_t", "total_t", "events_c", "total_c"),
    [(5, 4, 1, 10), (-1, 10, 1, 10), (1, 0, 1, 10), (1, 10, 11, 10)],
)
def test_invalid_2x2_counts(
    events_t: int, total_t: int, events_c: int, total_c: int
) -> None:
    with pytest.raises(MetaInputError) as exc:
        from_2x2("bad", events_t, total_t, events_c, total_c)
    _assert_one_line(exc, "invalid")


def test_unknown_method_and_measure() -> None:
    with pytest.raises(MetaInputError) as exc:
        pool(bcg_effects(), method="PM")  # type: ignore[arg-type]
    _assert_one_line(exc, "unknown method")
    with pytest.raises(MetaInputError) as exc:
        from_2x2("x", 1, 10, 2, 10, measure="RD")  # type: ignore[arg-type]
    _assert_one_line(exc, "not a 2x2 measure")
    with pytest.raises(MetaInputError):
        StudyEffect("x", 0.1, 0.0)


def test_method_name_is_case_insensitive() -> None:
    assert pool(bcg_effects(), method="reml").method == "REML"  # type: ignore[arg-type]


# --------------------------------------------------------------------------- #
# Forest plot
# --------------------------------------------------------------------------- #

MAGIC = {".png": b"\x89PNG\r\n\x1a\n", ".pdf": b"%PDF-"}


def _check_file(path: Path) -> None:
    data = path.read_bytes()
    assert len(data) > 2000
    if path.suffix == ".svg":
        assert data.lstrip().startswith(b"<?xml") and b"<svg" in data[:2000]
    else:
        assert data.startswith(MAGIC[path.suffix])


@pytest.mark.parametrize("suffix", [".png", ".svg", ".pdf"])
def test_forest_plot_writes_each_format(tmp_path: Path, suffix: str) -> None:
    res = pool(bcg_effects(), method="REML")
    out = forest_plot(res, tmp_path / f"bcg{suffix}", "Risk ratio", title="BCG")
    assert out == tmp_path / f"bcg{suffix}"
    _check_file(out)


def test_forest_plot_without_prediction_interval_and_difference_scale(
    tmp_path: Path,
) -> None:
    fe: MetaResult = pool(bcg_effects(), method="FE")
    _check_file(forest_plot(fe, str(tmp_path / "fe.png"), "Risk ratio"))
    md = pool(
        [
            from_difference_ci(
                "A trial with a label far longer than any column allows",
                -1.2,
                -2.0,
                -0.4,
                measure="MD",
            ),
            from_difference_ci("B", -0.5, -1.4, 0.4, measure="MD"),
        ],
        method="DL",
        ratio=False,
    )
    _check_file(forest_plot(md, tmp_path / "md.svg", "Mean difference"))


def test_forest_plot_rejects_unknown_suffix_and_missing_dir(tmp_path: Path) -> None:
    res = pool(bcg_effects())
    with pytest.raises(MetaInputError) as exc:
        forest_plot(res, tmp_path / "plot.jpg", "Risk ratio")
    _assert_one_line(exc, "unsupported plot format")
    with pytest.raises(MetaInputError) as exc:
        forest_plot(res, tmp_path / "nope" / "plot.png", "Risk ratio")
    _assert_one_line(exc, "does not exist")
