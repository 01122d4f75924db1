"""`guideline BODY` and `guidelines`."""

from __future__ import annotations

import csv
import io
import json


def test_guideline_ectrims_shows_the_ahsct_recommendations(cli, seeded_url):
    result = cli("guideline", "ectrims", "-f", "csv", db=seeded_url)
    assert result.code == 0, result.err
    recs = [
        r
        for r in csv.DictReader(io.StringIO(result.out))
        if r["guideline"] == "ectrims-ebmt-ahsct-2025"
    ]
    assert len(recs) == 8
    ideal = next(r for r in recs if r["code"] == "r2")
    assert (
        "age under 45 years" in ideal["criteria"]
        and "EDSS below 6.0" in ideal["criteria"]
    )
    assert all("PMID 39814869" in r["citation"] for r in recs)
    assert all(r["source"].startswith("https://") for r in recs)
    # Naltrexone is not among the options of the AHSCT recommendations.
    assert not any("naltrexone" in r["interventions"] for r in recs)


def test_joint_guideline_appears_under_each_body(cli, seeded_sqlite):
    ebmt = json.loads(cli("guideline", "EBMT", "-f", "json", db=seeded_sqlite).out)
    assert any(r["guideline"] == "ectrims-ebmt-ahsct-2025" for r in ebmt)


def test_guideline_drug_filter_and_levels(cli, seeded_sqlite):
    aan = json.loads(cli("guideline", "aan", "-f", "json", db=seeded_sqlite).out)
    assert aan and all(r["citation"] for r in aan)
    assert {r["strength"] for r in aan} & {"Level A", "Level B"}
    nice = json.loads(
        cli(
            "guideline", "nice", "--drug", "Ocrevus", "-f", "json", db=seeded_sqlite
        ).out
    )
    assert nice and all("ocrelizumab" in r["interventions"] for r in nice)


def test_guidelines_lists_every_guideline(cli, seeded_url):
    listed = json.loads(cli("guidelines", "-f", "json", db=seeded_url).out)
    keys = {g["key"] for g in listed}
    assert {
        "ectrims-ebmt-ahsct-2025",
        "aan-dmt-2018",
        "ectrims-ean-dmt-2018",
        "nice-ng220",
    } <= keys
