"""How an evidence brief reads one row: design groups, significance, safety verdicts.

Pure functions over the rows of queries/brief.py, shared by the claim rules in
synthesis/brief.py. Each verdict is a rule a reader can check against the row.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from msevidence.formatting import result_text
from msevidence.queries.brief import ResultRow, StudyRow
from msevidence.vocab import DESIGN_GROUPS, RATIO_MEASURES

ALPHA = 0.05
SIGNIFICANT, NULL, UNCLEAR = "significant", "no significant difference", "unclear"
_NULL_TEXT = re.compile(
    r"\bno (statistically )?significant|\bnot (statistically )?significant|\bno (meaningful )?difference"
    r"|\bdid not (differ|improve|reduce|change)|\bno effect\b",
    re.IGNORECASE,
)
_SIG_TEXT = re.compile(r"\b(statistically )?significant(ly)?\b", re.IGNORECASE)
_NO_SAFETY = re.compile(
    r"^\s*(not (assessed|reported|stated)|none reported)\b", re.IGNORECASE
)
# Safety text is read clause by clause: a clause reports serious harm when it names
# serious/major/severe adverse events or deaths, unless it negates them ("no deaths",
# "none died") or says the point is unverified.
_NO_SAE = re.compile(
    r"\bno\b[^.;,]*\b(serious|major|severe)\b[^.;]*\badverse", re.IGNORECASE
)
_NO_DEATH = re.compile(
    r"\bno\b[^.;,]*\bdeaths?\b|\bnone\b[^.;]*\bdied\b", re.IGNORECASE
)
_UNVERIFIED = re.compile(r"\bnot (verified|reported|stated|known)\b", re.IGNORECASE)
_SERIOUS = re.compile(
    r"\b(serious|major|severe)\b[^.;]*\badverse|\bdeaths?\b|\bdied\b|\bmortality\b",
    re.IGNORECASE,
)
SERIOUS_OUTCOMES = ("SAE", "TRM", "MORTALITY", "SERIOUS-INFECTION")


def design_group(design: str) -> str:
    """The brief's group for a design; unknown designs count as observational."""
    return next(
        (g for g, designs in DESIGN_GROUPS.items() if design in designs),
        "observational",
    )


def group_studies(studies: Iterable[StudyRow]) -> dict[str, list[StudyRow]]:
    """Studies by design group, every group present (empty ones say 'none')."""
    groups: dict[str, list[StudyRow]] = {g: [] for g in DESIGN_GROUPS}
    for study in studies:
        groups[design_group(study.design)].append(study)
    return groups


def significance(result: ResultRow) -> str:
    """Significant (p <= 0.05 or a CI excluding no effect), null, or unclear."""
    if result.p_value is not None:
        op, p = result.p_operator or "=", result.p_value
        if op in ("=", "<", "<=") and p <= ALPHA:
            return SIGNIFICANT
        if (op == "=" and p > ALPHA) or (op == ">" and p >= ALPHA):
            return NULL
        return UNCLEAR
    if (
        result.result_type == "effect"
        and result.ci_lower is not None
        and result.ci_upper is not None
    ):
        no_effect = 1.0 if result.measure in RATIO_MEASURES else 0.0
        return NULL if result.ci_lower <= no_effect <= result.ci_upper else SIGNIFICANT
    if result.summary and _NULL_TEXT.search(result.summary):
        return NULL
    if result.summary and _SIG_TEXT.search(result.summary):
        return SIGNIFICANT
    return UNCLEAR


def efficacy_results(study: StudyRow) -> list[ResultRow]:
    return [r for r in study.results if r.category != "safety"]


def study_significance(study: StudyRow) -> str:
    """A study is significant if any efficacy result is; null if some result is null."""
    verdicts = {significance(r) for r in efficacy_results(study)}
    return next((v for v in (SIGNIFICANT, NULL) if v in verdicts), UNCLEAR)


def line(result: ResultRow) -> str:
    text = result_text(
        result.outcome,
        result.result_type,
        result.measure,
        result.value,
        result.ci_lower,
        result.ci_upper,
        result.ci_level,
        result.p_value,
        result.p_operator,
        result.summary,
    )
    text = text or result.outcome
    return (
        f"{text} ({result.arm})" if result.result_type == "arm" and result.arm else text
    )


def headline(results: Iterable[ResultRow]) -> list[ResultRow]:
    """Comparisons first: an effect row says more than the arm values behind it."""
    rows = list(results)
    return [r for r in rows if r.result_type == "effect"] or rows


def primary_result(study: StudyRow) -> str | None:
    chosen = headline(r for r in study.results if r.is_primary) or list(
        study.results[:1]
    )
    return "; ".join(line(r) for r in chosen) or None


def names(studies: Sequence[StudyRow]) -> str:
    return ", ".join(s.short_name for s in studies)


def sizes(studies: Sequence[StudyRow]) -> str:
    return ", ".join(str(s.n) if s.n is not None else "not reported" for s in studies)


def safety_texts(study: StudyRow) -> list[str]:
    texts = (
        [study.safety] if study.safety and not _NO_SAFETY.match(study.safety) else []
    )
    return texts + [line(r) for r in study.results if r.category == "safety"]


def safety_summary(study: StudyRow) -> str:
    """The study's own safety text, else its safety results."""
    texts = safety_texts(study)
    return (
        texts[0]
        if study.safety and not _NO_SAFETY.match(study.safety)
        else "; ".join(texts)
    )


def safety_verdict(study: StudyRow) -> str | None:
    """'serious', 'no-sae', 'no-deaths' or None, from safety text and SAE/TRM/death counts."""
    clauses = [
        c
        for t in safety_texts(study)
        for c in re.split(r"[.;]", t)
        if not _UNVERIFIED.search(c)
    ]
    counted = [
        r
        for r in study.results
        if r.outcome in SERIOUS_OUTCOMES and r.value is not None
    ]

    def negated(clause: str) -> bool:
        return bool(_NO_SAE.search(clause) or _NO_DEATH.search(clause))

    if any(_SERIOUS.search(c) and not negated(c) for c in clauses) or any(
        r.value and r.value > 0 for r in counted
    ):
        return "serious"
    if any(_NO_SAE.search(c) for c in clauses) or any(
        r.outcome == "SAE" and r.value == 0 for r in counted
    ):
        return "no-sae"
    if any(_NO_DEATH.search(c) for c in clauses) or any(r.value == 0 for r in counted):
        return "no-deaths"
    return None
