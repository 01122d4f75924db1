"""The evidence-brief rules on hand-made rows: each rule fires when, and only when, it should."""

from __future__ import annotations

from msevidence.queries.brief import (
    BriefRows,
    GuidelineRow,
    PublicationRow,
    RecommendationRow,
    ResultRow,
    StudyRow,
)
from msevidence.synthesis.brief import build_brief
from msevidence.synthesis.brief_text import (
    References,
    body_label,
    brief_markdown,
    guideline_label,
    reference_text,
)
from msevidence.synthesis.readings import (
    NULL,
    SIGNIFICANT,
    UNCLEAR,
    group_studies,
    safety_verdict,
    significance,
)

ECTRIMS = (
    "ectrims",
    "European Committee for Treatment and Research in Multiple Sclerosis",
)
EBMT = ("ebmt", "European Society for Blood and Marrow Transplantation")


def effect(outcome: str = "MHI", **kw: object) -> ResultRow:
    return ResultRow(
        outcome=outcome,
        result_type="effect",
        category=str(kw.pop("category", "qol")),
        **kw,
    )  # type: ignore[arg-type]


def narrative(
    summary: str, outcome: str = "MSQOL54-MHC", category: str = "qol"
) -> ResultRow:
    return ResultRow(
        outcome=outcome, result_type="narrative", category=category, summary=summary
    )


def study(
    key: str,
    design: str = "rct-parallel",
    n: int | None = 50,
    pubs: tuple[int, ...] = (1,),
    **kw: object,
) -> StudyRow:
    return StudyRow(
        key=key, short_name=key.title(), design=design, n=n, publication_ids=pubs, **kw
    )  # type: ignore[arg-type]


def rows(
    studies: tuple[StudyRow, ...] = (), guidelines: tuple[GuidelineRow, ...] = ()
) -> BriefRows:
    pubs = {
        i: PublicationRow(id=i, key=f"pub-{i}", title=f"Paper {i}", pmid=str(1000 + i))
        for i in range(1, 10)
    }
    return BriefRows("drugx", ("drugx",), "name", guidelines, studies, pubs)


def rules(brief: dict[str, object]) -> dict[str, dict[str, object]]:
    return {c["rule"]: c for c in brief["claims"]}  # type: ignore[attr-defined, index]


# ------------------------------------------------------------------ significance


def test_significance_p_values_use_p_le_005():
    assert significance(effect(p_value=0.04)) == SIGNIFICANT
    assert significance(effect(p_value=0.05)) == SIGNIFICANT
    assert significance(effect(p_value=0.001, p_operator="<")) == SIGNIFICANT
    assert significance(effect(p_value=0.2)) == NULL
    assert significance(effect(p_value=0.05, p_operator=">")) == NULL
    assert significance(effect(p_value=0.1, p_operator="<")) == UNCLEAR


def test_significance_ci_excluding_no_effect():
    assert (
        significance(
            effect(measure="hazard-ratio", value=0.6, ci_lower=0.4, ci_upper=0.9)
        )
        == SIGNIFICANT
    )
    assert (
        significance(
            effect(measure="rate-ratio", value=0.9, ci_lower=0.7, ci_upper=1.2)
        )
        == NULL
    )
    assert (
        significance(
            effect(measure="mean-difference", value=1, ci_lower=-0.5, ci_upper=2)
        )
        == NULL
    )
    assert (
        significance(
            effect(measure="mean-difference", value=1, ci_lower=0.5, ci_upper=2)
        )
        == SIGNIFICANT
    )


def test_significance_narrative_text():
    assert (
        significance(narrative("No statistically significant difference between arms."))
        == NULL
    )
    assert (
        significance(narrative("Spasticity was significantly lower at the end."))
        == SIGNIFICANT
    )
    assert (
        significance(narrative("The primary measure has no result in the abstract."))
        == UNCLEAR
    )


def test_group_studies_by_design_group_with_every_group_present():
    groups = group_studies(
        [
            study("a"),
            study("b", "cohort"),
            study("c", "quasi-experimental"),
            study("d", "meta-analysis"),
        ]
    )
    assert {g: [s.key for s in v] for g, v in groups.items()} == {
        "randomised": ["a"],
        "non-randomised": ["c"],
        "observational": ["b"],
        "review": ["d"],
    }
    assert all(v == [] for v in group_studies([]).values())


# ------------------------------------------------------------------ study rules


def test_mixed_randomised_results_cite_both_sides():
    sig = study("sig", results=(effect(value=3.3, p_value=0.04),), pubs=(1,))
    null = study(
        "null",
        results=(narrative("No significant difference in any scale."),),
        pubs=(2,),
    )
    claim = rules(build_brief(rows((sig, null))))["randomised-mixed"]
    assert (
        "mixed" in claim["text"] and "Sig" in claim["text"] and "Null" in claim["text"]
    )
    refs = build_brief(rows((sig, null)))["references"]
    cited = {r["key"] for r in refs if r["n"] in claim["references"]}  # type: ignore[index]
    assert cited == {"pub-1", "pub-2"}


def test_no_mixed_claim_when_all_randomised_agree():
    both = (
        study("a", results=(effect(p_value=0.01),)),
        study("b", results=(effect(p_value=0.03),), pubs=(2,)),
    )
    found = rules(build_brief(rows(both)))
    assert "randomised-mixed" not in found and "randomised-significant" in found


def test_relapse_claim_when_no_study_measured_relapses():
    brief = build_brief(
        rows((study("a", results=(effect(),)), study("b", "cohort", pubs=(2,))))
    )
    claim = rules(brief)["relapses-not-measured"]
    assert claim["text"].startswith(
        "No study of drugx in the database measured relapses"
    )  # type: ignore[union-attr]
    assert len(claim["references"]) == 2  # type: ignore[arg-type]


def test_relapse_claim_names_the_studies_that_measured_relapses():
    arr = effect(
        "ARR",
        category="relapse",
        measure="rate-ratio",
        value=0.5,
        ci_lower=0.4,
        ci_upper=0.7,
    )
    found = rules(
        build_brief(rows((study("a", results=(arr,)), study("b", pubs=(2,)))))
    )
    assert "relapses-not-measured" not in found
    assert "1 of 2 studies" in found["relapses-measured"]["text"]  # type: ignore[operator]


def test_efficacy_uncertain_when_every_randomised_study_is_small():
    small = (
        study("a", n=80, results=(effect(p_value=0.04, value=3.0),)),
        study("b", n=96, results=(effect(p_value=0.3),), pubs=(2,)),
    )
    claim = rules(build_brief(rows(small)))["efficacy-uncertain"]
    assert "every randomised study is small (n = 80, 96" in claim["text"]  # type: ignore[operator]


def test_efficacy_uncertain_when_randomised_results_are_only_narrative_or_null():
    big = (study("a", n=500, results=(narrative("No significant difference."),)),)
    claim = rules(build_brief(rows(big)))["efficacy-uncertain"]
    assert (
        "no randomised study reports a significant effect with a numeric estimate"
        in claim["text"]
    )  # type: ignore[operator]


def test_no_uncertainty_claim_for_a_large_significant_trial():
    big = (
        study(
            "a",
            n=800,
            results=(
                effect(measure="rate-ratio", value=0.5, ci_lower=0.4, ci_upper=0.6),
            ),
        ),
    )
    assert "efficacy-uncertain" not in rules(build_brief(rows(big)))


def test_efficacy_uncertain_without_randomised_studies():
    claim = rules(
        build_brief(
            rows((study("a", "cohort", n=1000, results=(effect(p_value=0.01),)),))
        )
    )["efficacy-uncertain"]
    assert "no randomised study of drugx is in the database" in claim["text"]  # type: ignore[operator]


def test_safety_verdicts_read_text_and_counts():
    assert (
        safety_verdict(study("a", safety="Well tolerated; no serious adverse events."))
        == "no-sae"
    )
    assert (
        safety_verdict(study("a", safety="Five dropouts and two major adverse events."))
        == "serious"
    )
    assert safety_verdict(study("a", safety="No deaths in either arm.")) == "no-deaths"
    assert safety_verdict(study("a", safety="Deaths were not verified.")) is None
    sae = ResultRow("SAE", "arm", "safety", measure="count", value=3)
    assert safety_verdict(study("a", results=(sae,))) == "serious"


def test_tolerability_claim_cites_only_studies_with_safety_data():
    ok = study("ok", safety="No serious adverse events.", pubs=(1,))
    bad = study("bad", safety="Two major adverse events.", pubs=(2,))
    silent = study("silent", "cohort", safety="Not assessed.", pubs=(3,))
    brief = build_brief(rows((ok, bad, silent)))
    claim = rules(brief)["tolerability"]
    assert "No serious adverse events were reported by Ok" in claim["text"]  # type: ignore[operator]
    assert (
        "Serious or major adverse events (or deaths) were reported by Bad"
        in claim["text"]
    )  # type: ignore[operator]
    assert "fewer than 100 participants" in claim["text"]  # type: ignore[operator]
    assert len(claim["references"]) == 2  # type: ignore[arg-type]


# ------------------------------------------------------------------ guideline rules


def guideline(
    key: str,
    *recs: RecommendationRow,
    doc_type: str = "guideline",
    exclusions: tuple[str, ...] = (),
    pub: int | None = None,
) -> GuidelineRow:
    return GuidelineRow(
        key,
        f"Title {key}",
        (EBMT, ECTRIMS),
        2025,
        doc_type,
        None,
        "https://example.org",
        pub,
        recs,
        exclusions,
    )


def test_no_guideline_recommends_and_scope_exclusions_are_stated():
    other = RecommendationRow("r1", "recommend", ("AHSCT",))
    gl = (
        guideline("ectrims-ebmt-x", other, pub=5),
        guideline("ectrims-ean-y", exclusions=("Only EMA-approved drugs.",)),
    )
    brief = build_brief(rows(guidelines=gl))
    claim = rules(brief)["no-guideline-recommends"]
    assert "No guideline" in claim["text"] and "outside its scope" in claim["text"]  # type: ignore[operator]
    entries = {e["guideline"]: e for e in brief["guidelines"]}  # type: ignore[attr-defined]
    first = entries["ectrims-ebmt-x"]
    assert first["status"] == "not-addressed" and first["bodies"] == ["ectrims", "ebmt"]
    assert "ECTRIMS/EBMT 2025 does not address drugx" in first["statement"]
    assert "does not recommend drugx" in first["statement"] and first[
        "recommended_alternatives"
    ] == ["AHSCT"]
    assert entries["ectrims-ean-y"]["status"] == "scope-excludes"
    assert "Only EMA-approved drugs." in entries["ectrims-ean-y"]["statement"]
    assert rules(brief)["recommended-alternatives"]["references"]


def test_formal_recommendation_replaces_the_no_guideline_claim():
    rec = RecommendationRow(
        "r1", "recommend", ("drugx",), about_drug=True, population="RRMS"
    )
    found = rules(build_brief(rows(guidelines=(guideline("g", rec),))))
    assert "no-guideline-recommends" not in found
    assert found["guideline-recommends"]["text"].startswith("Drugx is recommended")  # type: ignore[union-attr]


def test_web_pages_alone_do_not_count_as_guideline_recommendations():
    rec = RecommendationRow("r1", "consider", ("drugx",), about_drug=True)
    claim = rules(
        build_brief(rows(guidelines=(guideline("page", rec, doc_type="web-page"),)))
    )["no-guideline-recommends"]
    assert "Only web pages suggest it" in claim["text"]  # type: ignore[operator]


# ------------------------------------------------------------------ the document


def test_every_claim_has_a_reference_and_numbers_are_contiguous():
    ongoing = study(
        "trial",
        pubs=(),
        status="recruiting",
        registry_ids=("NCT01234567",),
        source="https://registry",
    )
    brief = build_brief(
        rows((study("a", results=(effect(p_value=0.01),)), ongoing), (guideline("g"),))
    )
    numbers = [r["n"] for r in brief["references"]]  # type: ignore[attr-defined, index]
    assert numbers == list(range(1, len(numbers) + 1))
    assert brief["claims"] and all(
        c["references"] and set(c["references"]) <= set(numbers)
        for c in brief["claims"]
    )  # type: ignore[attr-defined, index]
    registry = next(r for r in brief["references"] if r["kind"] == "study")  # type: ignore[attr-defined, index]
    assert "NCT01234567" in registry["text"]
    assert set(brief) == {
        "drug",
        "guidelines",
        "studies",
        "claims",
        "references",
        "disclaimer",
    }


def test_markdown_has_the_four_sections_and_the_disclaimer():
    brief = build_brief(
        rows((study("a", results=(effect(p_value=0.01),)),), (guideline("g"),))
    )
    md = brief_markdown(brief)
    for heading in (
        "## From the guidelines",
        "## From the research",
        "### Randomised trials (1)",
        "## Key findings",
        "## References",
    ):
        assert heading in md
    assert "### Observational studies (0)" in md and "not medical advice" in md


def test_labels_and_reference_text():
    assert body_label(*ECTRIMS) == "ECTRIMS"
    assert body_label("mstrust", "MS Trust (UK)") == "MS Trust (UK)"
    assert guideline_label(guideline("ectrims-ebmt-ahsct-2025")) == "ECTRIMS/EBMT 2025"
    ref = {
        "authors": "Cree BAC, Kornyeyeva E, Goodin DS",
        "title": "Pilot trial.",
        "journal": "Ann Neurol",
        "year": 2010,
        "volume": "68",
        "issue": "2",
        "pages": "145-150",
        "pmid": "20695007",
        "doi": "10.1002/ana.22006",
    }
    assert (
        reference_text(ref)
        == "Cree BAC, Kornyeyeva E, Goodin DS. Pilot trial. Ann Neurol. 2010;68(2):145-150. PMID 20695007. doi:10.1002/ana.22006."
    )
    many = {**ref, "authors": ", ".join(f"A{i} X" for i in range(8))}
    assert reference_text(many).startswith("A0 X, A1 X, A2 X, et al.")


def test_references_number_each_source_once():
    refs = References({1: PublicationRow(1, "p", "T")})
    assert refs.study(study("a")) == [1] and refs.study(study("b")) == [1]
    assert len(refs.entries()) == 1
