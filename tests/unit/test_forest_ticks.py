"""Ratio-axis ticks of the forest plot: readable wherever the intervals fall."""

from __future__ import annotations

import math

import pytest

from msevidence.synthesis.forest_layout import MIN_TICK_GAP, ratio_ticks

# (axis lower limit, upper limit): narrow and wide ranges on both sides of 1.
RANGES = [(0.28, 1.05), (0.35, 0.75), (0.2, 0.6), (0.6, 1.6), (0.05, 3.0), (0.9, 4.5)]


@pytest.mark.parametrize(("lo", "hi"), RANGES)
def test_ticks_span_the_axis_without_crowding(lo: float, hi: float) -> None:
    ticks = ratio_ticks(lo, hi)
    width = math.log(hi / lo)
    assert len(ticks) >= 4, ticks
    assert all(lo <= t <= hi for t in ticks), ticks
    # Neither end of the axis is left without a label for more than 30% of its width.
    assert math.log(ticks[0] / lo) <= 0.3 * width, ticks
    assert math.log(hi / ticks[-1]) <= 0.3 * width, ticks
    gaps = [math.log(b / a) for a, b in zip(ticks, ticks[1:], strict=False)]
    assert min(gaps) >= MIN_TICK_GAP * width, ticks
