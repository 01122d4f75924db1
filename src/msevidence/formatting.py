"""Plain-text forms of results, shared by every output format."""

from __future__ import annotations

from msevidence.aliases import normalise


def number(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:g}"


def p_text(p_value: float | None, operator: str | None) -> str:
    if p_value is None:
        return ""
    op = "=" if operator in (None, "=") else operator
    return f"p{op}{number(p_value)}"


def ci_text(lower: float | None, upper: float | None, level: float | None) -> str:
    if lower is None or upper is None:
        return ""
    return f"{number(level or 95)}% CI {number(lower)} to {number(upper)}"


def result_text(
    outcome: str | None,
    result_type: str | None,
    measure: str | None,
    value: float | None,
    lower: float | None,
    upper: float | None,
    level: float | None,
    p_value: float | None,
    p_operator: str | None,
    summary: str | None,
) -> str | None:
    """One line such as 'ARR rate-ratio 0.54 (95% CI 0.4 to 0.72; p<0.001)'."""
    if outcome is None:
        return None
    if result_type == "narrative" or value is None:
        return f"{outcome}: {summary or ''}".strip()
    detail = "; ".join(
        part
        for part in (ci_text(lower, upper, level), p_text(p_value, p_operator))
        if part
    )
    head = f"{outcome} {measure} {number(value)}"
    return f"{head} ({detail})" if detail else head


def join_sorted(aggregate: str | None, sep: str = "|") -> str | None:
    """A database string aggregate, de-duplicated and sorted so engines agree."""
    if not aggregate:
        return None
    return ", ".join(sorted(set(aggregate.split(sep)), key=lambda s: (normalise(s), s)))
