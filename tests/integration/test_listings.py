"""study_listings, the stored derived columns of `studies` rows (db/listings.py).

The stored rows and the on-the-fly derivation must agree byte for byte, a study
added with SQL must list correctly before any reindex, and `db reindex` must store
its row.
"""

from __future__ import annotations

from sqlalchemy import Engine, delete, func, insert, select

from msevidence.models import (
    Arm,
    Intervention,
    Registration,
    Study,
    StudyListing,
    StudyPhenotype,
)


def _url(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=False)


def _count(engine: Engine, column) -> int:  # type: ignore[no-untyped-def]
    with engine.connect() as conn:
        return int(conn.execute(select(func.count(column))).scalar_one())


def test_every_study_has_a_stored_listing(fresh_seeded_engine: Engine) -> None:
    assert _count(fresh_seeded_engine, StudyListing.study_id) == _count(
        fresh_seeded_engine, Study.id
    )


def test_derived_on_the_fly_equals_stored(cli, fresh_seeded_engine: Engine) -> None:  # type: ignore[no-untyped-def]
    url = _url(fresh_seeded_engine)
    stored = cli("studies", "-f", "csv", db=url)
    assert stored.code == 0 and stored.out.count("\n") > 40
    with fresh_seeded_engine.begin() as conn:
        conn.execute(delete(StudyListing))
    derived = cli("studies", "-f", "csv", db=url)
    assert derived.out == stored.out


def test_a_study_added_with_sql_lists_before_and_after_reindex(
    cli, fresh_seeded_engine: Engine
) -> None:  # type: ignore[no-untyped-def]
    url = _url(fresh_seeded_engine)
    with fresh_seeded_engine.begin() as conn:
        ldn = conn.execute(
            select(Intervention.id).where(Intervention.name == "naltrexone")
        ).scalar_one()
        conn.execute(
            insert(Study).values(
                id=7,
                key="local-ldn-2026",
                short_name="Local LDN cohort 2026",
                design="cohort",
                status="completed",
                year=2026,
                n_enrolled=12,
                source="local audit",
                verification="derived",
            )
        )
        conn.execute(insert(StudyPhenotype).values(study_id=7, phenotype="SPMS"))
        conn.execute(
            insert(Registration).values(
                id=7, study_id=7, scheme="ISRCTN", identifier="ISRCTN00000007"
            )
        )
        conn.execute(
            insert(Arm).values(
                id=7,
                study_id=7,
                key="ldn",
                label="LDN 4.5 mg",
                intervention_id=ldn,
                role="single-arm",
            )
        )
    before = cli("studies", "--drug", "LDN", "-f", "csv", db=url)
    assert (
        "local-ldn-2026,Local LDN cohort 2026,,2026,cohort,SPMS,12,naltrexone,,,,,"
        "ISRCTN00000007\r\n" in before.out
    )
    assert (
        _count(fresh_seeded_engine, StudyListing.study_id)
        == _count(fresh_seeded_engine, Study.id) - 1
    )
    assert cli("db", "reindex", db=url).code == 0
    assert _count(fresh_seeded_engine, StudyListing.study_id) == _count(
        fresh_seeded_engine, Study.id
    )
    after = cli("studies", "--drug", "LDN", "-f", "csv", db=url)
    assert after.out == before.out
