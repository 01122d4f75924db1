"""`studies`, `study`, `drugs` and `search` on both engines, exact CSV/JSON."""

from __future__ import annotations

import csv
import io
import json

import pytest

NALTREXONE_QUERIES = ["naltrexone", "LDN", "low-dose naltrexone", "Low Dose Naltrexone"]
HEADER = "key,study,first_author,year,design,phenotypes,n,intervention,comparator,primary_result,pmid,doi,registry_ids"


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_studies_naltrexone_lists_the_ldn_studies(cli, seeded_url):
    result = cli("studies", "--drug", "naltrexone", "-f", "csv", db=seeded_url)
    assert result.code == 0, result.err
    assert result.out.splitlines()[0] == HEADER
    assert "\r\n" in result.out  # RFC 4180 line ends
    by_key = {r["key"]: r for r in rows(result.out)}
    assert set(by_key) == {
        "cree-2010",
        "sharafaddinzadeh-2010",
        "gironi-2008",
        "raknes-2017",
        "ludwig-2016",
        "turel-2015",
    }
    # Pinned facts (fact sheet LDN-01..06): n, design, year, PMID/DOI.
    assert (
        by_key["cree-2010"]["n"],
        by_key["cree-2010"]["design"],
        by_key["cree-2010"]["pmid"],
    ) == ("80", "rct-crossover", "20695007")
    assert by_key["cree-2010"]["doi"] == "10.1002/ana.22006"
    assert by_key["cree-2010"]["registry_ids"] == "NCT00501696"
    assert (
        by_key["gironi-2008"]["year"],
        by_key["gironi-2008"]["phenotypes"],
        by_key["gironi-2008"]["n"],
    ) == ("2008", "PPMS", "40")
    assert (
        by_key["raknes-2017"]["design"],
        by_key["raknes-2017"]["n"],
        by_key["raknes-2017"]["pmid"],
    ) == ("quasi-experimental", "341", "29099849")
    assert (
        by_key["sharafaddinzadeh-2010"]["n"],
        by_key["sharafaddinzadeh-2010"]["pmid"],
    ) == ("96", "")
    assert by_key["ludwig-2016"]["pmid"] == "28607740"
    assert by_key["turel-2015"]["pmid"] == "26203498"


@pytest.mark.parametrize("query", NALTREXONE_QUERIES[1:])
def test_studies_drug_aliases_give_the_same_rows(cli, seeded_sqlite, query):
    expected = cli("studies", "--drug", "naltrexone", "-f", "csv", db=seeded_sqlite).out
    assert (
        cli("studies", "--drug", query, "-f", "csv", db=seeded_sqlite).out == expected
    )


def test_studies_csv_and_json_hold_the_same_rows(cli, seeded_url):
    as_csv = rows(cli("studies", "--drug", "LDN", "-f", "csv", db=seeded_url).out)
    as_json = json.loads(
        cli("studies", "--drug", "LDN", "-f", "json", db=seeded_url).out
    )
    as_jsonl = [
        json.loads(line)
        for line in cli(
            "studies", "--drug", "LDN", "-f", "jsonl", db=seeded_url
        ).out.splitlines()
    ]
    assert as_json == as_jsonl
    assert [r["key"] for r in as_csv] == [r["key"] for r in as_json]
    for c, j in zip(as_csv, as_json, strict=True):
        assert c == {k: "" if v is None else str(v) for k, v in j.items()}


def test_studies_markdown_and_table(cli, seeded_sqlite):
    md = cli("studies", "--drug", "LDN", "-f", "markdown", db=seeded_sqlite).out
    assert md.splitlines()[0].startswith("| key | study | first_author |")
    assert "| cree-2010 | Cree 2010 |" in md
    table = cli("studies", "--drug", "LDN", "-f", "table", db=seeded_sqlite).out
    assert "Cree 2010" in table and "20695007" in table


def test_studies_by_brand_and_class(cli, seeded_sqlite):
    ocrevus = {
        r["key"]
        for r in rows(cli("studies", "--drug", "Ocrevus", db=seeded_sqlite).out)
    }
    assert {"opera-i", "opera-ii", "oratorio"} <= ocrevus
    anti_cd20 = {
        r["key"]
        for r in rows(cli("studies", "--drug", "anti-CD20", db=seeded_sqlite).out)
    }
    assert ocrevus <= anti_cd20 and {"asclepios-i", "ultimate-i"} <= anti_cd20
    interferons = {
        r["key"]
        for r in rows(cli("studies", "--drug", "interferon beta", db=seeded_sqlite).out)
    }
    assert {"ifnb-1993", "mscrg", "prisms"} <= interferons


def test_studies_filters(cli, seeded_sqlite):
    rcts = rows(
        cli("studies", "--drug", "LDN", "--design", "randomised", db=seeded_sqlite).out
    )
    assert {r["key"] for r in rcts} == {"cree-2010", "sharafaddinzadeh-2010"}
    ppms = rows(cli("studies", "--phenotype", "PPMS", db=seeded_sqlite).out)
    assert "gironi-2008" in {r["key"] for r in ppms} and all(
        "PPMS" in r["phenotypes"] for r in ppms
    )
    recent = rows(
        cli("studies", "--year-from", "2016", "--year-to", "2017", db=seeded_sqlite).out
    )
    assert recent and all(2016 <= int(r["year"]) <= 2017 for r in recent)
    big = rows(cli("studies", "--min-n", "1000", db=seeded_sqlite).out)
    assert big and all(int(r["n"]) >= 1000 for r in big)
    assert len(rows(cli("studies", "--limit", "3", db=seeded_sqlite).out)) == 3


def test_output_file_is_written_whole(cli, seeded_sqlite, tmp_path):
    target = tmp_path / "ldn.csv"
    result = cli("studies", "--drug", "LDN", "-o", str(target), db=seeded_sqlite)
    assert result.code == 0 and result.out == ""
    assert (
        target.read_bytes().decode("utf-8")
        == cli("studies", "--drug", "LDN", "-f", "csv", db=seeded_sqlite).out
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["studies", "--drug", "naltrexon"],
            "no intervention matches 'naltrexon'; did you mean: naltrexone",
        ),
        (["studies", "-f", "xml"], "unknown format 'xml'"),
        (["studies", "--design", "anecdote"], "unknown design 'anecdote'"),
        (["study", "no-such-trial"], "no study 'no-such-trial'"),
        (["guideline", "who"], "known bodies: aan,"),
    ],
)
def test_bad_input_is_one_line_and_writes_nothing(
    cli, seeded_sqlite, tmp_path, args, message
):
    target = tmp_path / "out.csv"
    result = cli(*args, "-o", str(target), db=seeded_sqlite)
    assert result.code != 0
    assert result.err.count("\n") == 1 and message in result.err, result.err
    assert "Traceback" not in result.err
    assert not target.exists() and list(tmp_path.iterdir()) == []


def test_study_detail_by_every_kind_of_key(cli, seeded_url):
    detail = json.loads(cli("study", "cree-2010", "-f", "json", db=seeded_url).out)
    assert detail["n_enrolled"] == 80 and detail["registry_ids"] == ["NCT00501696"]
    mcs = next(r for r in detail["results"] if r["outcome"] == "SF36-MCS")
    assert (mcs["value"], mcs["p_value"], mcs["arm"], mcs["comparator"]) == (
        3.3,
        0.04,
        "ldn",
        "placebo",
    )
    assert mcs["source"].startswith("https://")
    for key in ("Cree 2010", "20695007", "10.1002/ana.22006", "nct00501696"):
        assert (
            json.loads(cli("study", key, "-f", "json", db=seeded_url).out)["key"]
            == "cree-2010"
        )


def test_study_shows_effect_estimates_with_ci(cli, seeded_sqlite):
    results = rows(cli("study", "AFFIRM", "-f", "csv", db=seeded_sqlite).out)
    ratio = next(r for r in results if r["outcome"] == "ARR" and r["type"] == "effect")
    assert (
        ratio["value"],
        ratio["ci_lower"],
        ratio["ci_upper"],
        ratio["ci_level"],
    ) == ("0.325", "0.256", "0.412", "95")


def test_drugs_lists_aliases_and_counts(cli, seeded_url):
    drugs = {
        d["key"]: d for d in json.loads(cli("drugs", "-f", "json", db=seeded_url).out)
    }
    assert drugs["naltrexone"]["approval"] == "off-label"
    assert "LDN" in drugs["naltrexone"]["aliases"]
    assert drugs["naltrexone"]["studies"] == 6
    assert drugs["ocrelizumab"]["atc_code"] == "L04AG08"


def test_search_finds_ldn_quality_of_life_trials(cli, seeded_url):
    found = rows(cli("search", "quality of life", db=seeded_url).out)
    keys = [r["key"] for r in found]
    assert {"cree-2010", "sharafaddinzadeh-2010"} <= set(keys)
    narrowed = rows(
        cli("search", "quality of life", "--drug", "LDN", db=seeded_url).out
    )
    assert {r["key"] for r in narrowed if r["kind"] == "study"} == {
        "cree-2010",
        "sharafaddinzadeh-2010",
    }
    assert len(narrowed) < len(found)
