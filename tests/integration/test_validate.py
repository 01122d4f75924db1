"""`msevidence validate` on the shipped data and on deliberately broken rows."""

from __future__ import annotations

from sqlalchemy import insert, select, update

from msevidence.models import Arm, Publication, Registration, Result, Study


def test_shipped_data_validates(cli, seeded_url):
    result = cli("validate", db=seeded_url)
    assert result.code == 0, result.out
    assert result.out == ""


def test_broken_rows_are_each_reported(cli, fresh_seeded_engine):
    engine = fresh_seeded_engine
    url = engine.url.render_as_string(hide_password=False)
    with engine.begin() as conn:
        sid = conn.execute(select(Study.id).where(Study.key == "affirm")).scalar_one()
        conn.execute(
            update(Result)
            .where(Result.study_id == sid, Result.value == 0.325)
            .values(value=0.9)
        )
        conn.execute(
            update(Publication)
            .where(Publication.pmid == "20695007")
            .values(pmid="2069500x")
        )
        conn.execute(
            update(Registration)
            .where(Registration.identifier == "NCT00501696")
            .values(identifier="NCT123")
        )
        orphan = conn.execute(
            insert(Study)
            .values(
                key="orphan",
                short_name="Orphan",
                design="cohort",
                status="completed",
                source="test",
                verification="verified",
                n_randomised=100,
            )
            .returning(Study.id)
        ).scalar_one()
        conn.execute(
            insert(Arm).values(
                study_id=orphan, key="a", label="a", role="experimental", n=30
            )
        )
        conn.execute(
            insert(Arm).values(
                study_id=orphan, key="b", label="b", role="placebo", n=30
            )
        )
        conn.execute(
            update(Result)
            .where(Result.study_id == sid, Result.value == 0.9)
            .values(source=" ")
        )
    engine.dispose()
    result = cli("validate", db=url)
    assert result.code == 5
    lines = result.out.splitlines()
    assert any("does not contain the estimate 0.9" in line for line in lines)
    assert any("PMID '2069500x' is not digits" in line for line in lines)
    assert any("'NCT123' is not a well-formed NCT id" in line for line in lines)
    assert any(
        "study orphan: has neither a publication nor a registry id" in line
        for line in lines
    )
    assert any(
        "study orphan: arm sizes add up to 60, the study total is 100" in line
        for line in lines
    )
    assert any("no source" in line for line in lines)
    # The edits went around the derived listings, and validate notices.
    assert [line for line in lines if "stored listing" in line] == [
        "study affirm: stored listing is out of date (run msevidence db reindex)",
        "study cree-2010: stored listing is out of date (run msevidence db reindex)",
        "study orphan: stored listing is missing (run msevidence db reindex)",
    ]
    assert result.err == "msevidence: error: 9 problem(s) found\n"
    # After a reindex only the data problems remain.
    assert cli("db", "reindex", db=url).code == 0
    after = cli("validate", db=url)
    assert not [line for line in after.out.splitlines() if "stored listing" in line]
    assert after.err == "msevidence: error: 6 problem(s) found\n"
