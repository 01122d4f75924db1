"""Forest plot of a pooled `MetaResult`, written to PNG, SVG or PDF.

Why it looks the way it does: it follows the layout readers know from Cochrane
reviews and metafor's ``forest()`` -- labels on the left, estimates with CIs in
the middle (log axis for ratios so that 0.5 and 2 are equally far from 1),
numbers and weights on the right, the pooled diamond and the prediction
interval at the bottom, and heterogeneity statistics under the axis.

matplotlib is imported inside the function so that importing msevidence (and
every CLI command that never plots) stays fast, and the figure is drawn on an
explicit Agg canvas so that no GUI backend or global pyplot state is involved.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from msevidence.synthesis.forest_layout import (
    MAX_LABEL_CHARS,
    column_decimals,
    fmt_ci,
    fmt_num,
    heterogeneity_text,
    model_name,
    ratio_ticks,
    shorten,
    study_interval,
    x_limits,
)
from msevidence.synthesis.meta import MetaInputError, MetaResult

if TYPE_CHECKING:
    from matplotlib.axes import Axes

FORMATS: tuple[str, ...] = ("png", "svg", "pdf")
ROW_INCHES = 0.34
FONT_SIZE = 9.5
STUDY_COLOUR = "#1f4e79"
POOLED_COLOUR = "#b22222"
PI_COLOUR = "#555555"


def forest_plot(
    result: MetaResult,
    path: str | Path,
    measure_label: str,
    title: str | None = None,
) -> Path:
    """Draw ``result`` as a forest plot at ``path``; the suffix picks the format.

    ``measure_label`` names the x axis (for example "Hazard ratio"). Returns the
    written path. Raises `MetaInputError` for an unsupported suffix or a
    missing directory, so the CLI can report it in one line.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    out = Path(path)
    fmt = _format_from_suffix(out)
    k = len(result.studies)
    has_pi = result.mu_pi is not None
    n_rows = k + (4 if has_pi else 3)
    height = 1.9 + ROW_INCHES * n_rows + (0.35 if title else 0.0)
    fig = Figure(figsize=(11.0, height))
    FigureCanvasAgg(fig)
    label_width = min(MAX_LABEL_CHARS, max(len(s.label) for s in result.studies))
    grid = fig.add_gridspec(
        1, 3, width_ratios=(max(2.4, 0.105 * label_width + 0.6), 4.6, 2.9), wspace=0.02
    )
    ax_lab = fig.add_subplot(grid[0, 0])
    ax = fig.add_subplot(grid[0, 1], sharey=ax_lab)
    ax_num = fig.add_subplot(grid[0, 2], sharey=ax_lab)
    rows = _Rows(k=k, has_pi=has_pi)

    _draw_studies(ax, result, rows)
    _draw_pooled(ax, result, rows)
    _style_effect_axis(ax, result, measure_label, rows)
    _draw_label_column(ax_lab, result, rows)
    _draw_number_column(ax_num, result, rows)

    bottom_in = 1.15
    top_in = 0.25 + (0.35 if title else 0.0)
    fig.subplots_adjust(
        left=0.02, right=0.98, bottom=bottom_in / height, top=1.0 - top_in / height
    )
    fig.text(
        0.02,
        0.18 / height,
        heterogeneity_text(result),
        fontsize=FONT_SIZE - 0.5,
        ha="left",
        va="bottom",
        color="#333333",
    )
    if title:
        fig.suptitle(
            title,
            x=0.02,
            y=1.0 - 0.12 / height,
            ha="left",
            va="top",
            fontsize=FONT_SIZE + 2.5,
            fontweight="bold",
        )
    fig.savefig(out, format=fmt, dpi=150)
    return out


class _Rows:
    """Y positions, top to bottom: header, studies, separator, pooled, PI.

    Kept in one place so the three columns line up row for row.
    """

    def __init__(self, k: int, has_pi: bool) -> None:
        self.pi = 0.0 if has_pi else None
        self.pooled = 1.0 if has_pi else 0.0
        self.separator = self.pooled + 1.0
        first = self.separator + 1.0
        self.studies = [first + (k - 1 - i) for i in range(k)]
        self.header = first + k + 0.2
        self.bottom = (self.pi if self.pi is not None else self.pooled) - 0.8
        self.top = self.header + 0.8


def _format_from_suffix(out: Path) -> str:
    """Pick the file format from the suffix and check the directory exists."""
    fmt = out.suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise MetaInputError(
            f"unsupported plot format '{out.suffix or out.name}'; use .png, .svg or .pdf"
        )
    if not out.parent.is_dir():
        raise MetaInputError(f"directory '{out.parent}' does not exist")
    return fmt


def _draw_studies(ax: Axes, result: MetaResult, rows: _Rows) -> None:
    """Squares sized by weight (area proportional), whiskers for the CIs."""
    weights = [s.weight or 0.0 for s in result.studies]
    top_weight = max(weights) or 1.0
    for study, y, weight in zip(result.studies, rows.studies, weights, strict=True):
        lo, hi = study_interval(result, study)
        ax.plot([lo, hi], [y, y], color=STUDY_COLOUR, lw=1.2, solid_capstyle="butt")
        size = 18.0 + 150.0 * weight / top_weight
        ax.scatter(
            [result.to_reporting_scale(study.yi)],
            [y],
            s=size,
            marker="s",
            color=STUDY_COLOUR,
            zorder=3,
            linewidths=0,
        )


def _draw_pooled(ax: Axes, result: MetaResult, rows: _Rows) -> None:
    """The pooled diamond (width = CI) and, if present, the prediction interval."""
    from matplotlib.patches import Polygon

    y = rows.pooled
    xs = (result.ci_lower, result.estimate, result.ci_upper, result.estimate)
    ys = (y, y + 0.34, y, y - 0.34)
    ax.add_patch(
        Polygon(
            list(zip(xs, ys, strict=True)),
            closed=True,
            facecolor=POOLED_COLOUR,
            edgecolor=POOLED_COLOUR,
            zorder=3,
        )
    )
    if (
        rows.pi is not None
        and result.pi_lower is not None
        and result.pi_upper is not None
    ):
        yp = rows.pi
        ax.plot([result.pi_lower, result.pi_upper], [yp, yp], color=PI_COLOUR, lw=1.6)
        for end in (result.pi_lower, result.pi_upper):
            ax.plot([end, end], [yp - 0.2, yp + 0.2], color=PI_COLOUR, lw=1.6)
    ax.axhline(rows.separator, color="#999999", lw=0.8)


def _style_effect_axis(
    ax: Axes, result: MetaResult, measure_label: str, rows: _Rows
) -> None:
    """Null line, log scale for ratios with readable plain-number ticks."""
    from matplotlib.ticker import FixedLocator, FuncFormatter, NullLocator

    lo, hi = x_limits(result)
    ax.plot(
        [result.null_value] * 2,
        [rows.bottom, rows.header - 0.5],
        color="black",
        lw=0.9,
        zorder=1,
    )
    if result.ratio:
        ax.set_xscale("log")
        ticks = ratio_ticks(lo, hi)
        if ticks:
            ax.xaxis.set_major_locator(FixedLocator(ticks))
        ax.xaxis.set_minor_locator(NullLocator())
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos: f"{v:g}"))
    ax.set_xlim(lo, hi)
    ax.set_ylim(rows.bottom, rows.top)
    scale = " (log scale)" if result.ratio else ""
    ax.set_xlabel(f"{measure_label}{scale}", fontsize=FONT_SIZE + 0.5)
    ax.tick_params(axis="x", labelsize=FONT_SIZE)
    ax.tick_params(axis="y", left=False, labelleft=False)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)


def _draw_label_column(ax: Axes, result: MetaResult, rows: _Rows) -> None:
    """Study labels, the header, and the names of the pooled rows."""
    tr = ax.get_yaxis_transform()
    ax.text(
        0.0,
        rows.header,
        "Study",
        transform=tr,
        fontsize=FONT_SIZE,
        fontweight="bold",
        va="center",
    )
    for study, y in zip(result.studies, rows.studies, strict=True):
        ax.text(
            0.0, y, shorten(study.label), transform=tr, fontsize=FONT_SIZE, va="center"
        )
    ax.text(
        0.0,
        rows.pooled,
        model_name(result),
        transform=tr,
        fontsize=FONT_SIZE,
        fontweight="bold",
        va="center",
    )
    if rows.pi is not None:
        ax.text(
            0.0,
            rows.pi,
            f"{result.level:g}% prediction interval",
            transform=tr,
            fontsize=FONT_SIZE,
            va="center",
            color=PI_COLOUR,
        )
    _hide_axis(ax)


def _draw_number_column(ax: Axes, result: MetaResult, rows: _Rows) -> None:
    """Estimate [CI] and weight (%) per row, right-aligned so decimals line up."""
    tr = ax.get_yaxis_transform()
    dp = column_decimals(result)
    ax.text(
        0.70,
        rows.header,
        f"Estimate [{result.level:g}% CI]",
        transform=tr,
        fontsize=FONT_SIZE,
        fontweight="bold",
        va="center",
        ha="right",
    )
    ax.text(
        0.98,
        rows.header,
        "Weight",
        transform=tr,
        fontsize=FONT_SIZE,
        fontweight="bold",
        va="center",
        ha="right",
    )
    for study, y in zip(result.studies, rows.studies, strict=True):
        lo, hi = study_interval(result, study)
        est = result.to_reporting_scale(study.yi)
        ax.text(
            0.70,
            y,
            fmt_ci(est, lo, hi, dp),
            transform=tr,
            fontsize=FONT_SIZE,
            va="center",
            ha="right",
            family="monospace",
        )
        ax.text(
            0.98,
            y,
            f"{study.weight or 0.0:.1f}%",
            transform=tr,
            fontsize=FONT_SIZE,
            va="center",
            ha="right",
            family="monospace",
        )
    ax.text(
        0.70,
        rows.pooled,
        fmt_ci(result.estimate, result.ci_lower, result.ci_upper, dp),
        transform=tr,
        fontsize=FONT_SIZE,
        va="center",
        ha="right",
        family="monospace",
        fontweight="bold",
    )
    ax.text(
        0.98,
        rows.pooled,
        "100.0%",
        transform=tr,
        fontsize=FONT_SIZE,
        va="center",
        ha="right",
        family="monospace",
        fontweight="bold",
    )
    if (
        rows.pi is not None
        and result.pi_lower is not None
        and result.pi_upper is not None
    ):
        ax.text(
            0.70,
            rows.pi,
            f"[{fmt_num(result.pi_lower, dp)}, {fmt_num(result.pi_upper, dp)}]",
            transform=tr,
            fontsize=FONT_SIZE,
            va="center",
            ha="right",
            family="monospace",
            color=PI_COLOUR,
        )
    _hide_axis(ax)


def _hide_axis(ax: Axes) -> None:
    """Text-only columns: no ticks, no frame."""
    ax.set_axis_off()
