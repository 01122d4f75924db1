"""`summary` and `meta` through the real CLI entry point, on the shipped seed."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from sqlalchemy import insert, select

from tests.unit.test_meta import BCG_COUNTS

BRIEF_KEYS = {"drug", "guidelines", "studies", "claims", "references", "disclaimer"}


def brief(cli, db: str, drug: str = "naltrexone") -> dict:  # type: ignore[no-untyped-def]
    result = cli("summary", "--drug", drug, "-f", "json", db=db)
    assert result.code == 0, result.err
    return json.loads(result.out)


def seed_publications(url: str) -> set[tuple[str, str | None, str | None]]:
    from msevidence.db.engine import make_engine
    from msevidence.models import Publication

    engine = make_engine(url)
    with engine.connect() as conn:
        rows = conn.execute(
            select(Publication.key, Publication.pmid, Publication.doi)
        ).all()
    engine.dispose()
    return {tuple(r) for r in rows}  # type: ignore[misc]


def test_summary_naltrexone_claims_are_all_referenced(cli, seeded_url):
    data = brief(cli, seeded_url)
    assert set(data) == BRIEF_KEYS
    numbers = {r["n"] for r in data["references"]}
    assert data["claims"]
    for claim in data["claims"]:
        assert claim["references"], claim
        assert set(claim["references"]) <= numbers, claim


def test_summary_naltrexone_references_are_seed_publications(cli, seeded_sqlite):
    data = brief(cli, seeded_sqlite)
    known = seed_publications(seeded_sqlite)
    pubs = [r for r in data["references"] if r["kind"] == "publication"]
    assert pubs and all((r["key"], r["pmid"], r["doi"]) in known for r in pubs)
    cree = next(r for r in pubs if r["pmid"] == "20695007")
    assert (
        cree["key"] == "cree-2010"
        and cree["doi"] == "10.1002/ana.22006"
        and cree["year"] == 2010
    )
    assert "Cree BAC" in cree["text"] and "PMID 20695007" in cree["text"]
    cree_study = next(s for s in data["studies"] if s["key"] == "cree-2010")
    assert cree["n"] in cree_study["references"]


def test_summary_naltrexone_says_no_study_measured_relapses(cli, seeded_sqlite):
    data = brief(cli, seeded_sqlite, "LDN")
    claim = next(c for c in data["claims"] if c["rule"] == "relapses-not-measured")
    assert claim["text"].startswith(
        "No study of naltrexone in the database measured relapses"
    )
    assert (
        len(claim["references"]) >= 5
    )  # every LDN study is cited as the evidence of absence


def test_summary_naltrexone_ectrims_ebmt_does_not_recommend_it(cli, seeded_sqlite):
    data = brief(cli, seeded_sqlite)
    ectrims_ebmt = next(
        g for g in data["guidelines"] if g["bodies"] == ["ectrims", "ebmt"]
    )
    assert ectrims_ebmt["status"] == "not-addressed"
    assert "ECTRIMS/EBMT 2025 does not address naltrexone" in ectrims_ebmt["statement"]
    assert "does not recommend naltrexone" in ectrims_ebmt["statement"]
    assert (
        "autologous haematopoietic stem cell transplantation"
        in ectrims_ebmt["recommended_alternatives"]
    )
    excluded = [g for g in data["guidelines"] if g["status"] == "scope-excludes"]
    assert excluded and all(g["scope_exclusions"] for g in excluded)
    rules = {c["rule"] for c in data["claims"]}
    assert {
        "no-guideline-recommends",
        "randomised-mixed",
        "efficacy-uncertain",
        "tolerability",
    } <= rules


def test_summary_markdown_is_the_default(cli, seeded_sqlite):
    result = cli("summary", "--drug", "naltrexone", db=seeded_sqlite)
    assert result.code == 0, result.err
    md = result.out
    for heading in (
        "# Evidence brief: naltrexone",
        "## From the guidelines",
        "## From the research",
        "### Randomised trials (2)",
        "## Key findings",
        "## References",
    ):
        assert heading in md
    assert "Cree BAC, Kornyeyeva E, Goodin DS. Pilot trial of low-dose naltrexone" in md
    assert md.rstrip().endswith("*") and "not medical advice" in md.splitlines()[-1]
    assert (
        cli("summary", "--drug", "naltrexone", "-f", "table", db=seeded_sqlite).out
        == md
    )


def test_summary_output_file_takes_json_from_its_suffix(cli, seeded_sqlite, tmp_path):
    target = tmp_path / "ldn.json"
    result = cli("summary", "--drug", "LDN", "-o", str(target), db=seeded_sqlite)
    assert result.code == 0 and result.out == ""
    assert set(json.loads(target.read_text(encoding="utf-8"))) == BRIEF_KEYS


def test_summary_works_for_every_intervention(cli, seeded_sqlite):
    drugs = json.loads(cli("drugs", "-f", "json", db=seeded_sqlite).out)
    assert len(drugs) > 3
    for drug in drugs:
        data = brief(cli, seeded_sqlite, drug["name"])
        assert data["drug"]["interventions"] == [drug["name"]]
        assert all(c["references"] for c in data["claims"]), drug["name"]
        assert len(data["studies"]) == drug["studies"], drug["name"]
        assert cli("summary", "--drug", drug["name"], db=seeded_sqlite).code == 0


def test_summary_unknown_drug_is_one_line_error(cli, seeded_sqlite):
    result = cli("summary", "--drug", "naltrexon", db=seeded_sqlite)
    assert result.code != 0 and result.out == ""
    assert len(result.err.strip().splitlines()) == 1
    assert (
        "no intervention matches 'naltrexon'" in result.err
        and "naltrexone" in result.err
    )


def test_summary_rejects_row_formats(cli, seeded_sqlite):
    result = cli("summary", "--drug", "LDN", "-f", "csv", db=seeded_sqlite)
    assert result.code == 2 and "unknown format 'csv'" in result.err


# ------------------------------------------------------------------ meta


@pytest.fixture
def bcg_csv(tmp_path: Path) -> Path:
    path = tmp_path / "bcg.csv"
    lines = ["label,events_treat,total_treat,events_ctrl,total_ctrl"]
    lines += [
        f'"{a}, {y}",{tp},{tp + tn},{cp},{cp + cn}'
        for a, y, tp, tn, cp, cn in BCG_COUNTS
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_meta_input_bcg_matches_metafor(cli, bcg_csv):
    result = cli("meta", "--input", str(bcg_csv), "-f", "json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    # Same references as tests/unit/test_meta.py (metafor rma REML on dat.bcg, log RR).
    assert abs(math.log(data["pooled"]["estimate"]) - (-0.7145)) < 5e-4
    assert abs(math.log(data["pooled"]["ci_lower"]) - (-1.0669)) < 5e-4
    assert abs(data["heterogeneity"]["tau2"] - 0.3132) < 5e-4
    assert abs(data["heterogeneity"]["i2_pct"] - 92.22) < 5e-3
    assert abs(data["heterogeneity"]["q"] - 152.2330) < 5e-4
    assert data["heterogeneity"]["k"] == 13 and data["measure"] == "RR"
    assert abs(sum(s["weight_pct"] for s in data["studies"]) - 100) < 1e-9
    hk = json.loads(
        cli("meta", "--input", str(bcg_csv), "--hartung-knapp", "-f", "json").out
    )
    assert abs(math.log(hk["pooled"]["ci_lower"]) - (-1.1084)) < 5e-4


def test_meta_input_csv_rows_and_pooled_row(cli, bcg_csv):
    out = cli("meta", "--input", str(bcg_csv), "--method", "DL", "-f", "csv").out
    lines = out.splitlines()
    assert lines[0] == "study,estimate,ci_lower,ci_upper,weight_pct"
    assert len(lines) == 15 and lines[-1].startswith(
        '"Pooled (random effects, DerSimonian-Laird)",0.4896,0.3449,0.695,'
    )


def test_meta_plot_writes_a_png(cli, bcg_csv, tmp_path):
    plot = tmp_path / "forest.png"
    result = cli("meta", "--input", str(bcg_csv), "--plot", str(plot), "-f", "json")
    assert result.code == 0, result.err
    assert (
        plot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and plot.stat().st_size > 10_000
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("label,measure,estimate,ci_lower\nA,HR,0.5,0.3\n", "missing columns"),
        (
            "label,measure,estimate,ci_lower,ci_upper\nA,HR,0.5,0.3,x\nB,HR,1,0.5,2\n",
            "line 2: ci_upper must be a number, got 'x'",
        ),
        (
            "label,measure,estimate,ci_lower,ci_upper\nA,HR,0.5,0.3,0.9\nB,mean-difference,1,0.5,2\n",
            "cannot pool mixed measures",
        ),
        (
            "label,measure,estimate,ci_lower,ci_upper\nA,HR,0.5,0.3,0.9\n",
            "needs at least two studies",
        ),
        (
            "label,measure,estimate,ci_lower,ci_upper\nA,HR,0.5,0.3,0.9\nB,XYZ,1,0.5,2\n",
            "unknown measure 'XYZ'",
        ),
    ],
)
def test_meta_input_errors_are_one_line(cli, tmp_path, content, message):
    path = tmp_path / "in.csv"
    path.write_text(content, encoding="utf-8")
    result = cli("meta", "--input", str(path))
    assert result.code == 2 and result.out == ""
    assert len(result.err.strip().splitlines()) == 1 and message in result.err


def test_meta_database_rows_without_ci_are_not_pooled(cli, seeded_sqlite):
    result = cli("meta", "--drug", "naltrexone", "--outcome", "MHI", db=seeded_sqlite)
    assert result.code == 2 and len(result.err.strip().splitlines()) == 1
    assert "no confidence interval stored" in result.err


def test_meta_unknown_outcome_suggests_codes(cli, seeded_sqlite):
    result = cli("meta", "--drug", "naltrexone", "--outcome", "ARRR", db=seeded_sqlite)
    assert (
        result.code == 3 and "no outcome 'ARRR'" in result.err and "ARR" in result.err
    )


@pytest.fixture
def effects_db(tmp_path: Path) -> str:
    """A fresh seeded SQLite file plus three LDN-vs-placebo ARR estimates, one pooled."""
    from msevidence.db.engine import make_engine
    from msevidence.db.migrate import upgrade
    from msevidence.db.seed import load_seed
    from msevidence.models import Arm, Intervention, Outcome, Result, Study

    url = f"sqlite:///{tmp_path / 'effects.sqlite3'}"
    engine = make_engine(url)
    upgrade(engine)
    load_seed(engine)
    with engine.begin() as conn:
        ids = dict(conn.execute(select(Intervention.key, Intervention.id)).all())
        arr = conn.execute(select(Outcome.id).where(Outcome.code == "ARR")).scalar_one()
        for n, (value, low, high, analysis) in enumerate(
            [
                (0.6, 0.4, 0.9, "ITT"),
                (0.8, 0.6, 1.1, None),
                (0.7, 0.5, 0.9, "pooled A and B"),
            ],
            1,
        ):
            sid = conn.execute(
                insert(Study).values(
                    key=f"t{n}",
                    short_name=f"Trial {n}",
                    design="rct-parallel",
                    source="test",
                )
            ).inserted_primary_key[0]
            arms = [
                conn.execute(
                    insert(Arm).values(
                        study_id=sid, key=k, label=k, intervention_id=ids[d], role=r
                    )
                ).inserted_primary_key[0]
                for k, d, r in (
                    ("ldn", "naltrexone", "experimental"),
                    ("pbo", "placebo", "placebo"),
                )
            ]
            conn.execute(
                insert(Result).values(
                    study_id=sid,
                    outcome_id=arr,
                    arm_id=arms[0],
                    comparator_arm_id=arms[1],
                    result_type="effect",
                    measure="rate-ratio",
                    value=value,
                    ci_lower=low,
                    ci_upper=high,
                    ci_level=95,
                    analysis=analysis,
                    source="test",
                )
            )
    engine.dispose()
    return url


def test_meta_database_pools_stored_ratios_and_skips_pooled_rows(cli, effects_db):
    from msevidence.synthesis.meta import from_ratio_ci, pool

    result = cli(
        "meta",
        "--drug",
        "LDN",
        "--outcome",
        "ARR",
        "--comparator",
        "placebo",
        "-f",
        "json",
        db=effects_db,
    )
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert [s["study"] for s in data["studies"]] == ["Trial 1", "Trial 2"]
    assert data["measure"] == "IRR" and data["heterogeneity"]["k"] == 2
    expected = pool(
        [
            from_ratio_ci("1", 0.6, 0.4, 0.9, measure="IRR"),
            from_ratio_ci("2", 0.8, 0.6, 1.1, measure="IRR"),
        ]
    )
    assert data["pooled"]["estimate"] == pytest.approx(expected.estimate)
    assert any("skipped Trial 3: pooled analysis" in n for n in data["notes"])
    assert any("avoid double counting" in n for n in data["notes"])
    table = cli(
        "meta", "--drug", "LDN", "--outcome", "ARR", "-f", "markdown", db=effects_db
    ).out
    assert (
        "| Trial 1 | 0.6 | 0.4 | 0.9 |" in table
        and "## Heterogeneity" in table
        and "avoid double counting" in table
    )
