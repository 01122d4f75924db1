"""Evidence briefs: what guidelines and studies in the database say about one drug.

Why rules and not prose: a brief must never say more than the data do. Every key
finding comes from an explicit rule over the rows of queries/brief.py (one function
each, below), and cites the guidelines or studies the rule looked at, so the same code
writes the brief for naltrexone, ocrelizumab or AHSCT and each sentence can be checked.
The module is pure: rows in, a JSON-ready document (and its Markdown) out.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from msevidence.queries.brief import BriefRows, GuidelineRow, ResultRow, StudyRow
from msevidence.synthesis.brief_text import (
    POSITIVE,
    References,
    guideline_entry,
    guideline_label,
)
from msevidence.synthesis.readings import (
    NULL,
    SIGNIFICANT,
    efficacy_results,
    group_studies,
    headline,
    line,
    names,
    primary_result,
    safety_summary,
    safety_texts,
    safety_verdict,
    significance,
    sizes,
    study_significance,
)

RELAPSE_OUTCOMES = ("ARR", "RELAPSE-FREE", "TIME-TO-RELAPSE")
DOUBTFUL = ("insufficient-evidence", "research-only")
# Documents written to guide practice; web pages of charities and societies are not.
FORMAL_DOCS = ("guideline", "consensus", "technology-appraisal", "position-statement")
SMALL_N = 100
DISCLAIMER = (
    "Evidence information from the msevidence database, not medical advice: "
    "decisions about treatment belong with a qualified clinician."
)
Claim = dict[str, Any]


# ------------------------------------------------------------------ guideline rules


def guideline_claims(
    guidelines: Sequence[GuidelineRow], drug: str, refs: References
) -> list[Claim]:
    """Who recommends, advises against or doubts the drug; 'no guideline recommends X'."""
    about = [(g, r) for g in guidelines for r in g.recommendations if r.about_drug]
    claims: list[Claim] = []

    def listed(pairs: Sequence[tuple[GuidelineRow, Any]]) -> str:
        return "; ".join(
            f"{guideline_label(g)} ({r.direction}: {r.population or 'population not stated'})"
            for g, r in pairs
        )

    positive = [(g, r) for g, r in about if r.direction in POSITIVE]
    formal = [(g, r) for g, r in positive if g.doc_type in FORMAL_DOCS]
    if formal:
        claims.append(
            _claim(
                "guideline-recommends",
                f"{drug} is recommended or suggested for consideration by: {listed(formal)}.",
                refs.guidelines(g for g, _ in formal),
            )
        )
    else:
        addressing = {g.key for g, _ in about}
        excluding = [g for g in guidelines if g.exclusions]
        cited = [
            g
            for g in guidelines
            if g.key in addressing or g.exclusions or g.doc_type in FORMAL_DOCS
        ] or list(guidelines)
        text = (
            f"No guideline, consensus, technology appraisal or position statement in the database recommends {drug} "
            "(none of their recommendations on it has direction recommend or consider)."
        )
        if excluding:
            verb = "leaves" if len(excluding) == 1 else "leave"
            text += f" {', '.join(guideline_label(g) for g in excluding)} {verb} it outside its scope."
        if positive:
            text += f" Only web pages suggest it: {listed(positive)}."
        claims.append(_claim("no-guideline-recommends", text, refs.guidelines(cited)))
    against = [(g, r) for g, r in about if r.direction == "recommend-against"]
    if against:
        claims.append(
            _claim(
                "guideline-against",
                f"{drug} is advised against by: {listed(against)}.",
                refs.guidelines(g for g, _ in against),
            )
        )
    doubtful = [(g, r) for g, r in about if r.direction in DOUBTFUL]
    if doubtful:
        claims.append(
            _claim(
                "guideline-insufficient",
                f"Evidence on {drug} is judged insufficient, or its use limited to research, by: {listed(doubtful)}.",
                refs.guidelines(g for g, _ in doubtful),
            )
        )
    return claims


def alternatives_claim(entries: Sequence[dict[str, Any]], drug: str) -> list[Claim]:
    """What the guidelines that do not address the drug recommend instead."""
    by_drug: dict[str, list[str]] = {}
    cited: list[int] = []
    for e in entries:
        formal = e["type"] in FORMAL_DOCS
        if (
            formal
            and e["status"] in ("not-addressed", "scope-excludes")
            and e["recommended_alternatives"]
        ):
            cited += e["references"]
            for name in e["recommended_alternatives"]:
                by_drug.setdefault(name, []).append(e["label"])
    if not by_drug:
        return []
    listed = "; ".join(
        f"{n} ({', '.join(dict.fromkeys(labels))})"
        for n, labels in sorted(by_drug.items())
    )
    return [
        _claim(
            "recommended-alternatives",
            f"Guidelines that do not address {drug} recommend or consider other treatments: {listed}.",
            cited,
        )
    ]


# ------------------------------------------------------------------ study rules


def evidence_base_claim(
    groups: dict[str, list[StudyRow]], drug: str, refs: References
) -> list[Claim]:
    studies = [s for group in groups.values() for s in group]
    if not studies:
        return []
    counts = ", ".join(f"{len(v)} {g}" for g, v in groups.items() if v)
    total = sum(s.n for s in studies if s.n is not None)
    pending = [s for s in studies if not s.results]
    text = f"The database holds {len(studies)} stud{'y' if len(studies) == 1 else 'ies'} of {drug} ({counts}; {total} participants where reported)."
    if pending:
        text += f" {len(pending)} ha{'s' if len(pending) == 1 else 've'} no results stored ({names(pending)})."
    return [_claim("evidence-base", text, refs.studies(studies))]


def randomised_claim(
    groups: dict[str, list[StudyRow]], drug: str, refs: References
) -> list[Claim]:
    """'Randomised results are mixed' when some are significant and others null."""
    rcts = [s for s in groups["randomised"] if s.results]
    sig = [s for s in rcts if study_significance(s) == SIGNIFICANT]
    null = [s for s in rcts if study_significance(s) == NULL]

    def details(study: StudyRow) -> str:
        found = [
            line(r) for r in efficacy_results(study) if significance(r) == SIGNIFICANT
        ][:3]
        return f"{study.short_name} ({'; '.join(found)})"

    if sig and null:
        text = (
            f"Randomised results for {drug} are mixed: a significant difference (p <= 0.05 or a CI excluding "
            f"no effect) on at least one outcome in {'; '.join(details(s) for s in sig)}; "
            f"no significant difference in {names(null)}."
        )
        return [_claim("randomised-mixed", text, refs.studies(sig + null))]
    if sig:
        text = (
            f"All {len(sig)} randomised studies of {drug} whose results could be classified report a significant "
            f"difference (p <= 0.05 or a CI excluding no effect) on at least one outcome: {'; '.join(details(s) for s in sig)}."
        )
        return [_claim("randomised-significant", text, refs.studies(sig))]
    if null:
        return [
            _claim(
                "randomised-null",
                f"No randomised study of {drug} reports a significant difference on an efficacy outcome ({names(null)}).",
                refs.studies(null),
            )
        ]
    return []


def relapse_claim(
    studies: Sequence[StudyRow], drug: str, refs: References
) -> list[Claim]:
    """Whether any study measured relapses: where claims about relapses stand or fall."""
    if not studies:
        return []

    def relapse(r: ResultRow) -> bool:
        return r.outcome in RELAPSE_OUTCOMES or r.category == "relapse"

    measured = [s for s in studies if any(relapse(r) for r in s.results)]
    if not measured:
        text = (
            f"No study of {drug} in the database measured relapses (ARR, RELAPSE-FREE or TIME-TO-RELAPSE), "
            f"so these data cannot show an effect of {drug} on relapses."
        )
        return [_claim("relapses-not-measured", text, refs.studies(studies))]
    found = " | ".join(
        f"{s.short_name}: {line(headline(r for r in s.results if relapse(r))[0])}"
        for s in measured
    )
    return [
        _claim(
            "relapses-measured",
            f"{len(measured)} of {len(studies)} studies of {drug} measured relapses ({found}).",
            refs.studies(measured),
        )
    ]


def uncertainty_claim(
    groups: dict[str, list[StudyRow]], drug: str, refs: References
) -> list[Claim]:
    """Efficacy is uncertain without randomised results, or when all are small or null."""
    everything = [s for group in groups.values() for s in group]
    rcts = [s for s in groups["randomised"] if s.results]
    reasons: list[str] = []
    if not groups["randomised"]:
        reasons.append(f"no randomised study of {drug} is in the database")
    elif not rcts:
        reasons.append(f"no randomised study of {drug} has results stored yet")
    else:
        if all(s.n is not None and s.n < SMALL_N for s in rcts):
            reasons.append(
                f"every randomised study is small (n = {sizes(rcts)}; fewer than {SMALL_N} each)"
            )
        numeric = [
            s
            for s in rcts
            if any(
                significance(r) == SIGNIFICANT and r.value is not None
                for r in efficacy_results(s)
            )
        ]
        if not numeric:
            reasons.append(
                "no randomised study reports a significant effect with a numeric estimate"
            )
    if not reasons or not everything:
        return []
    text = f"The efficacy of {drug} remains uncertain: {'; '.join(reasons)}."
    return [_claim("efficacy-uncertain", text, refs.studies(rcts or everything))]


def uncontrolled_claim(
    groups: dict[str, list[StudyRow]], drug: str, refs: References
) -> list[Claim]:
    other = groups["non-randomised"] + groups["observational"]
    if not other:
        return []
    total = sum(len(v) for v in groups.values())
    text = (
        f"{len(other)} of the {total} studies of {drug} are non-randomised or observational "
        f"({names(other)}); without randomisation their findings cannot separate the effect of {drug} from other causes."
    )
    return [_claim("non-randomised-evidence", text, refs.studies(other))]


def tolerability_claim(
    studies: Sequence[StudyRow], drug: str, refs: References
) -> list[Claim]:
    """Safety from SAE / SAFETY-TOLERABILITY results and the studies' safety text."""
    reporting = [s for s in studies if safety_texts(s)]
    if not reporting:
        if not studies:
            return []
        return [
            _claim(
                "safety-not-reported",
                f"None of the {len(studies)} studies of {drug} reports safety data.",
                refs.studies(studies),
            )
        ]
    total = sum(s.n for s in reporting if s.n is not None)
    weeks = [s.follow_up_weeks for s in reporting if s.follow_up_weeks is not None]
    text = f"Safety data come from {len(reporting)} of {len(studies)} studies of {drug} ({total} participants where reported"
    text += f"; follow-up up to {max(weeks):g} weeks)." if weeks else ")."
    if all(s.n is not None and s.n < SMALL_N for s in reporting):
        text += f" Each has fewer than {SMALL_N} participants, too few to exclude uncommon harms."
    verdicts = {s.key: safety_verdict(s) for s in reporting}
    clean = [s for s in reporting if verdicts[s.key] == "no-sae"]
    alive = [s for s in reporting if verdicts[s.key] == "no-deaths"]
    harmed = [s for s in reporting if verdicts[s.key] == "serious"]
    if clean:
        text += f" No serious adverse events were reported by {names(clean)}."
    if alive:
        text += f" No deaths were reported by {names(alive)}."
    if harmed:
        text += f" Serious or major adverse events (or deaths) were reported by {names(harmed)}."
    text += " Reported: " + " | ".join(
        f"{s.short_name}: {safety_summary(s)}" for s in reporting
    )
    return [_claim("tolerability", text.rstrip(".") + ".", refs.studies(reporting))]


def _claim(rule: str, text: str, references: Iterable[int]) -> Claim:
    return {
        "text": text[:1].upper() + text[1:],
        "references": sorted(set(references)),
        "rule": rule,
    }


# ------------------------------------------------------------------ the document


def display_name(rows: BriefRows) -> str:
    if len(rows.names) == 1:
        return rows.names[0]
    return f"{rows.query} ({', '.join(rows.names)})"


def build_brief(rows: BriefRows) -> dict[str, Any]:
    """The whole brief as one JSON-ready object; Markdown is rendered from it."""
    drug = display_name(rows)
    refs = References(rows.publications)
    guidelines = sorted(rows.guidelines, key=_guideline_order)
    entries = [guideline_entry(g, drug, rows.names, refs) for g in guidelines]
    groups = group_studies(rows.studies)
    studies = [
        _study_entry(s, group, refs)
        for group, members in groups.items()
        for s in members
    ]
    everything = [s for members in groups.values() for s in members]
    claims = (
        guideline_claims(guidelines, drug, refs)
        + alternatives_claim(entries, drug)
        + evidence_base_claim(groups, drug, refs)
        + randomised_claim(groups, drug, refs)
        + relapse_claim(everything, drug, refs)
        + uncertainty_claim(groups, drug, refs)
        + uncontrolled_claim(groups, drug, refs)
        + tolerability_claim(everything, drug, refs)
    )
    return {
        "drug": {
            "query": rows.query,
            "name": drug,
            "interventions": list(rows.names),
            "matched_by": rows.matched_by,
        },
        "guidelines": entries,
        "studies": studies,
        "claims": [c for c in claims if c["references"]],
        "references": refs.entries(),
        "disclaimer": DISCLAIMER,
    }


def _guideline_order(g: GuidelineRow) -> tuple[int, int, str]:
    rank = (
        0 if any(r.about_drug for r in g.recommendations) else 1 if g.exclusions else 2
    )
    return (rank, -(g.year or 0), g.key)


def _study_entry(s: StudyRow, group: str, refs: References) -> dict[str, Any]:
    return {
        "key": s.key,
        "study": s.short_name,
        "design": s.design,
        "design_group": group,
        "year": s.year,
        "status": s.status,
        "population": s.population,
        "n": s.n,
        "phenotypes": list(s.phenotypes),
        "interventions": list(s.interventions),
        "comparators": list(s.comparators),
        "primary_result": primary_result(s),
        "significance": study_significance(s) if s.results else None,
        "safety": s.safety,
        "conclusion": s.conclusion,
        "references": refs.study(s),
    }
