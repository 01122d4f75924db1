"""A sample of curated facts per intervention and guideline body, pinned to the
fact sheets (../shared/evidence) and the pages they cite. A failing test here means a
value in data/curated changed: check it against its `source` before updating."""

from __future__ import annotations

import json

import pytest

# (study, fact) pairs; each value was read on the page named in the row's source.
STUDY_FACTS = [
    ("ifnb-1993", {"n_randomised": 372, "pmids": {"8469318"}}),
    ("mscrg", {"n_randomised": 301, "pmids": {"8602746"}}),
    (
        "informs",
        {"n_randomised": 970, "registry_ids": ["NCT00731692"], "pmids": {"26827074"}},
    ),
    (
        "opera-i",
        {"n_randomised": 821, "registry_ids": ["NCT01247324"], "pmids": {"28002679"}},
    ),
    ("opera-ii", {"registry_ids": ["NCT01412333"], "pmids": {"28002679"}}),
    (
        "mist",
        {"n_randomised": 110, "registry_ids": ["NCT00273364"], "pmids": {"30644983"}},
    ),
    ("cree-2010", {"n_enrolled": 80, "n_analysed": 60, "pmids": {"20695007"}}),
]


def study(cli, url: str, key: str) -> dict:  # type: ignore[type-arg]
    result = cli("study", key, "-f", "json", db=url)
    assert result.code == 0, result.err
    return json.loads(result.out)  # type: ignore[no-any-return]


@pytest.mark.parametrize(("key", "facts"), STUDY_FACTS, ids=[k for k, _ in STUDY_FACTS])
def test_study_identifiers_and_sizes(cli, seeded_sqlite, key, facts):
    detail = study(cli, seeded_sqlite, key)
    for field, value in facts.items():
        if field == "pmids":
            assert value <= {p["pmid"] for p in detail["publications"]}
        else:
            assert detail[field] == value, field


def result(detail: dict, outcome: str, **match: object) -> dict:  # type: ignore[type-arg]
    rows = [
        r
        for r in detail["results"]
        if r["outcome"] == outcome and all(r[k] == v for k, v in match.items())
    ]
    assert rows, (outcome, match)
    return rows[0]  # type: ignore[no-any-return]


def test_effect_estimates_and_caveats(cli, seeded_sqlite):
    opera = study(cli, seeded_sqlite, "OPERA I")
    assert result(opera, "ARR", arm="ocr", measure="rate")["value"] == 0.16
    assert result(opera, "ARR", arm="ifn", measure="rate")["value"] == 0.29
    pooled = result(opera, "CDP12W", type="effect")
    assert (pooled["value"], pooled["ci_lower"], pooled["ci_upper"]) == (
        0.6,
        0.45,
        0.81,
    )
    assert "pooled" in pooled["analysis"].lower()
    # CARE-MS I missed its disability co-primary endpoint.
    care = result(study(cli, seeded_sqlite, "CARE-MS I"), "CDP24W", type="effect")
    assert (care["value"], care["ci_lower"], care["ci_upper"], care["p_value"]) == (
        0.7,
        0.4,
        1.23,
        0.22,
    )
    # HALT-MS reports 90% confidence intervals.
    halt = study(cli, seeded_sqlite, "halt-ms")
    assert {r["ci_level"] for r in halt["results"] if r["ci_lower"] is not None} == {90}
    # INFORMS was negative on its primary endpoint: no effect size is invented.
    informs = [
        r for r in study(cli, seeded_sqlite, "informs")["results"] if r["primary"]
    ]
    assert informs and all(r["type"] == "narrative" for r in informs)
    affirm = result(study(cli, seeded_sqlite, "AFFIRM"), "ARR", type="effect")
    assert (affirm["value"], affirm["ci_lower"], affirm["ci_upper"]) == (
        0.325,
        0.256,
        0.412,
    )


def test_interventions_vocabulary(cli, seeded_sqlite):
    drugs = {
        d["key"]: d
        for d in json.loads(cli("drugs", "-f", "json", db=seeded_sqlite).out)
    }
    assert drugs["fingolimod"]["atc_code"] == "L04AE01"  # 2024 ATC revision
    assert drugs["natalizumab"]["atc_code"] == "L04AG03"
    assert drugs["ahsct"]["kind"] == "procedure"
    assert drugs["naltrexone"]["approval"] == "off-label"
    assert {"Gilenya", "FTY720"} <= set(drugs["fingolimod"]["aliases"].split(", "))
    classes = {
        d["class"]
        for k, d in drugs.items()
        if k.startswith(("interferon", "peginterferon"))
    }
    assert classes == {"interferon beta"}


def test_guideline_bodies(cli, seeded_sqlite):
    def recs(body: str) -> list[dict]:  # type: ignore[type-arg]
        out = cli("guideline", body, "-f", "json", db=seeded_sqlite)
        assert out.code == 0, out.err
        return json.loads(out.out)  # type: ignore[no-any-return]

    assert any(r["strength"] and r["strength"].startswith("Level") for r in recs("aan"))
    assert all(r["citation"] for r in recs("aan"))
    assert recs("nice") and recs("ebmt") and recs("nmss")
    ean = recs("ean")
    assert any(
        "strong" in (r["strength"] or "").lower()
        or "weak" in (r["strength"] or "").lower()
        for r in ean
    )


def test_scope_exclusion_of_naltrexone(seeded_url):
    from sqlalchemy import select

    from msevidence.db.engine import make_engine
    from msevidence.models import Guideline, Intervention, ScopeExclusion

    engine = make_engine(seeded_url)
    with engine.connect() as conn:
        rows = conn.execute(
            select(Guideline.key, ScopeExclusion.source)
            .join(ScopeExclusion, ScopeExclusion.guideline_id == Guideline.id)
            .join(Intervention, Intervention.id == ScopeExclusion.intervention_id)
            .where(Intervention.key == "naltrexone")
        ).all()
    engine.dispose()
    assert [r.key for r in rows] == ["ectrims-ean-dmt-2018"]
    assert rows[0].source.startswith("http")
