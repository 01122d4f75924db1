"""Initial schema: publications, interventions, studies, arms, outcomes, results,
guidelines and recommendations, each data row with its source and verification.

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-25 14:15:48.698861
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "bodies",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=120), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bodies")),
        sa.UniqueConstraint("key", name=op.f("uq_bodies_key")),
    )
    op.create_table(
        "interventions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=120), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("drug_class", sa.String(length=200), nullable=True),
        sa.Column("atc_code", sa.String(length=10), nullable=True),
        sa.Column("route", sa.String(length=100), nullable=True),
        sa.Column("approval", sa.String(length=20), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("verification", sa.String(length=20), nullable=False),
        sa.CheckConstraint(
            "approval IN ('approved', 'off-label', 'investigational', 'not-approved', 'not-applicable')",
            name=op.f("ck_interventions_approval"),
        ),
        sa.CheckConstraint(
            "kind IN ('drug', 'procedure', 'placebo', 'other')",
            name=op.f("ck_interventions_kind"),
        ),
        sa.CheckConstraint(
            "verification IN ('verified', 'secondary', 'derived')",
            name=op.f("ck_interventions_verification"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_interventions")),
        sa.UniqueConstraint("key", name=op.f("uq_interventions_key")),
        sa.UniqueConstraint("name", name=op.f("uq_interventions_name")),
    )
    with op.batch_alter_table("interventions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_interventions_drug_class"), ["drug_class"], unique=False
        )

    op.create_table(
        "outcomes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("category", sa.String(length=20), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "category IN ('relapse', 'disability', 'mri', 'qol', 'symptom', 'safety', 'other')",
            name=op.f("ck_outcomes_category"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outcomes")),
        sa.UniqueConstraint("code", name=op.f("uq_outcomes_code")),
    )
    op.create_table(
        "publications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=120), nullable=False),
        sa.Column("authors", sa.Text(), nullable=True),
        sa.Column("first_author", sa.String(length=200), nullable=True),
        sa.Column("title", sa.String(length=600), nullable=False),
        sa.Column("journal", sa.String(length=300), nullable=True),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("volume", sa.String(length=40), nullable=True),
        sa.Column("issue", sa.String(length=40), nullable=True),
        sa.Column("pages", sa.String(length=60), nullable=True),
        sa.Column("pmid", sa.String(length=12), nullable=True),
        sa.Column("doi", sa.String(length=200), nullable=True),
        sa.Column("pmcid", sa.String(length=20), nullable=True),
        sa.Column("url", sa.String(length=600), nullable=True),
        sa.Column("pub_type", sa.String(length=30), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("verification", sa.String(length=20), nullable=False),
        sa.CheckConstraint(
            "pub_type IN ('article', 'letter', 'review', 'meta-analysis', 'guideline', 'consensus', 'position', 'web-page', 'abstract')",
            name=op.f("ck_publications_pub_type"),
        ),
        sa.CheckConstraint(
            "verification IN ('verified', 'secondary', 'derived')",
            name=op.f("ck_publications_verification"),
        ),
        sa.CheckConstraint(
            "year BETWEEN 1900 AND 2100", name=op.f("ck_publications_year_range")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_publications")),
        sa.UniqueConstraint("doi", name=op.f("uq_publications_doi")),
        sa.UniqueConstraint("key", name=op.f("uq_publications_key")),
        sa.UniqueConstraint("pmid", name=op.f("uq_publications_pmid")),
    )
    op.create_table(
        "seed_info",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("checksum", sa.String(length=64), nullable=False),
        sa.Column("package_version", sa.String(length=40), nullable=False),
        sa.Column("loaded_at", sa.String(length=40), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_seed_info")),
    )
    op.create_table(
        "studies",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=120), nullable=False),
        sa.Column("short_name", sa.String(length=200), nullable=False),
        sa.Column("acronym", sa.String(length=100), nullable=True),
        sa.Column("title", sa.String(length=600), nullable=True),
        sa.Column("design", sa.String(length=30), nullable=False),
        sa.Column("phase", sa.String(length=10), nullable=True),
        sa.Column("blinding", sa.String(length=20), nullable=True),
        sa.Column("countries", sa.String(length=400), nullable=True),
        sa.Column("status", sa.String(length=30), nullable=False),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("n_enrolled", sa.Integer(), nullable=True),
        sa.Column("n_randomised", sa.Integer(), nullable=True),
        sa.Column("n_analysed", sa.Integer(), nullable=True),
        sa.Column("follow_up", sa.String(length=200), nullable=True),
        sa.Column("follow_up_weeks", sa.Float(), nullable=True),
        sa.Column("population", sa.Text(), nullable=True),
        sa.Column("conclusion", sa.Text(), nullable=True),
        sa.Column("safety", sa.Text(), nullable=True),
        sa.Column("caveats", sa.Text(), nullable=True),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("verification", sa.String(length=20), nullable=False),
        sa.CheckConstraint(
            "blinding IN ('double-blind', 'single-blind', 'assessor-blind', 'open-label', 'not-applicable')",
            name=op.f("ck_studies_blinding"),
        ),
        sa.CheckConstraint(
            "design IN ('rct-parallel', 'rct-crossover', 'non-randomised-trial', 'cohort', 'registry', 'quasi-experimental', 'case-series', 'systematic-review', 'meta-analysis', 'narrative-review')",
            name=op.f("ck_studies_design"),
        ),
        sa.CheckConstraint(
            "status IN ('completed', 'ongoing', 'recruiting', 'active-not-recruiting', 'terminated', 'withdrawn', 'unknown')",
            name=op.f("ck_studies_status"),
        ),
        sa.CheckConstraint(
            "verification IN ('verified', 'secondary', 'derived')",
            name=op.f("ck_studies_verification"),
        ),
        sa.CheckConstraint(
            "n_analysed IS NULL OR n_analysed >= 0",
            name=op.f("ck_studies_n_analysed_nonneg"),
        ),
        sa.CheckConstraint(
            "n_enrolled IS NULL OR n_enrolled >= 0",
            name=op.f("ck_studies_n_enrolled_nonneg"),
        ),
        sa.CheckConstraint(
            "n_randomised IS NULL OR n_randomised >= 0",
            name=op.f("ck_studies_n_randomised_nonneg"),
        ),
        sa.CheckConstraint(
            "year IS NULL OR year BETWEEN 1900 AND 2100",
            name=op.f("ck_studies_year_range"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_studies")),
        sa.UniqueConstraint("key", name=op.f("uq_studies_key")),
    )
    with op.batch_alter_table("studies", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_studies_acronym"), ["acronym"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_studies_design"), ["design"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_studies_n_enrolled"), ["n_enrolled"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_studies_n_randomised"), ["n_randomised"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_studies_short_name"), ["short_name"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_studies_status"), ["status"], unique=False)
        batch_op.create_index(batch_op.f("ix_studies_year"), ["year"], unique=False)

    op.create_table(
        "arms",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("study_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=60), nullable=False),
        sa.Column("label", sa.String(length=300), nullable=False),
        sa.Column("intervention_id", sa.Integer(), nullable=True),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("regimen", sa.Text(), nullable=True),
        sa.Column("n", sa.Integer(), nullable=True),
        sa.Column("source", sa.String(length=600), nullable=True),
        sa.CheckConstraint(
            "role IN ('experimental', 'active-comparator', 'placebo', 'no-intervention', 'single-arm')",
            name=op.f("ck_arms_role"),
        ),
        sa.CheckConstraint("n IS NULL OR n >= 0", name=op.f("ck_arms_n_nonneg")),
        sa.ForeignKeyConstraint(
            ["intervention_id"],
            ["interventions.id"],
            name=op.f("fk_arms_intervention_id_interventions"),
            initially="IMMEDIATE",
            deferrable=True,
        ),
        sa.ForeignKeyConstraint(
            ["study_id"],
            ["studies.id"],
            name=op.f("fk_arms_study_id_studies"),
            initially="IMMEDIATE",
            deferrable=True,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_arms")),
        sa.UniqueConstraint("study_id", "key", name="uq_arms_study_key"),
    )
    with op.batch_alter_table("arms", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_arms_intervention_id"), ["intervention_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_arms_study_id"), ["study_id"], unique=False
        )

    op.create_table(
        "guidelines",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=120), nullable=False),
        sa.Column("title", sa.String(length=600), nullable=False),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("doc_type", sa.String(length=30), nullable=False),
        sa.Column("publication_id", sa.Integer(), nullable=True),
        sa.Column("citation", sa.String(length=400), nullable=True),
        sa.Column("url", sa.String(length=600), nullable=True),
        sa.Column("grading_system", sa.Text(), nullable=True),
        sa.Column("scope", sa.Text(), nullable=True),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("verification", sa.String(length=20), nullable=False),
        sa.CheckConstraint(
            "doc_type IN ('guideline', 'consensus', 'technology-appraisal', 'position-statement', 'web-page')",
            name=op.f("ck_guidelines_doc_type"),
        ),
        sa.CheckConstraint(
            "verification IN ('verified', 'secondary', 'derived')",
            name=op.f("ck_guidelines_verification"),
        ),
        sa.CheckConstraint(
            "year IS NULL OR year BETWEEN 1900 AND 2100",
            name=op.f("ck_guidelines_year_range"),
        ),
        sa.ForeignKeyConstraint(
            ["publication_id"],
            ["publications.id"],
            name=op.f("fk_guidelines_publication_id_publications"),
            initially="IMMEDIATE",
            deferrable=True,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_guidelines")),
        sa.UniqueConstraint("key", name=op.f("uq_guidelines_key")),
    )
    op.create_table(
        "intervention_aliases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("intervention_id", sa.Integer(), nullable=False),
        sa.Column("alias", sa.String(length=200), nullable=False),
        sa.Column("alias_norm", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("source", sa.String(length=600), nullable=True),
        sa.CheckConstraint(
            "kind IN ('brand', 'abbreviation', 'synonym', 'code')",
            name=op.f("ck_intervention_aliases_kind"),
        ),
        sa.ForeignKeyConstraint(
            ["intervention_id"],
            ["interventions.id"],
            name=op.f("fk_intervention_aliases_intervention_id_interventions"),
            initially="IMMEDIATE",
            deferrable=True,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_intervention_aliases")),
        sa.UniqueConstraint(
            "alias_norm", name=op.f("uq_intervention_aliases_alias_norm")
        ),
    )
    with op.batch_alter_table("intervention_aliases", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_intervention_aliases_intervention_id"),
            ["intervention_id"],
            unique=False,
        )

    op.create_table(
        "registrations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("study_id", sa.Integer(), nullable=False),
        sa.Column("scheme", sa.String(length=20), nullable=False),
        sa.Column("identifier", sa.String(length=60), nullable=False),
        sa.ForeignKeyConstraint(
            ["study_id"],
            ["studies.id"],
            name=op.f("fk_registrations_study_id_studies"),
            initially="IMMEDIATE",
            deferrable=True,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_registrations")),
        sa.UniqueConstraint("identifier", name=op.f("uq_registrations_identifier")),
    )
    with op.batch_alter_table("registrations", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_registrations_study_id"), ["study_id"], unique=False
        )

    op.create_table(
        "study_phenotypes",
        sa.Column("study_id", sa.Integer(), nullable=False),
        sa.Column("phenotype", sa.String(length=10), nullable=False),
        sa.CheckConstraint(
            "phenotype IN ('CIS', 'RRMS', 'RMS', 'SPMS', 'PPMS', 'NMOSD', 'mixed')",
            name=op.f("ck_study_phenotypes_phenotype"),
        ),
        sa.ForeignKeyConstraint(
            ["study_id"],
            ["studies.id"],
            name=op.f("fk_study_phenotypes_study_id_studies"),
            initially="IMMEDIATE",
            deferrable=True,
        ),
        sa.PrimaryKeyConstraint(
            "study_id", "phenotype", name=op.f("pk_study_phenotypes")
        ),
    )
    with op.batch_alter_table("study_phenotypes", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_study_phenotypes_phenotype"), ["phenotype"], unique=False
        )

    op.create_table(
        "study_publications",
        sa.Column("study_id", sa.Integer(), nullable=False),
        sa.Column("publication_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.CheckConstraint(
            "role IN ('primary', 'secondary', 'follow-up', 'protocol', 'registry')",
            name=op.f("ck_study_publications_role"),
        ),
        sa.ForeignKeyConstraint(
            ["publication_id"],
            ["publications.id"],
            name=op.f("fk_study_publications_publication_id_publications"),
            initially="IMMEDIATE",
            deferrable=True,
        ),
        sa.ForeignKeyConstraint(
            ["study_id"],
            ["studies.id"],
            name=op.f("fk_study_publications_study_id_studies"),
            initially="IMMEDIATE",
            deferrable=True,
        ),
        sa.PrimaryKeyConstraint(
            "study_id", "publication_id", name=op.f("pk_study_publications")
        ),
    )
    with op.batch_alter_table("study_publications", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_study_publications_publication_id"),
            ["publication_id"],
            unique=False,
        )

    op.create_table(
        "guideline_bodies",
        sa.Column("guideline_id", sa.Integer(), nullable=False),
        sa.Column("body_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["body_id"],
            ["bodies.id"],
            name=op.f("fk_guideline_bodies_body_id_bodies"),
            initially="IMMEDIATE",
            deferrable=True,
        ),
        sa.ForeignKeyConstraint(
            ["guideline_id"],
            ["guidelines.id"],
            name=op.f("fk_guideline_bodies_guideline_id_guidelines"),
            initially="IMMEDIATE",
            deferrable=True,
        ),
        sa.PrimaryKeyConstraint(
            "guideline_id", "body_id", name=op.f("pk_guideline_bodies")
        ),
    )
    with op.batch_alter_table("guideline_bodies", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_guideline_bodies_body_id"), ["body_id"], unique=False
        )

    op.create_table(
        "recommendations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("guideline_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("intervention_text", sa.String(length=300), nullable=True),
        sa.Column("population", sa.Text(), nullable=True),
        sa.Column("direction", sa.String(length=30), nullable=False),
        sa.Column("strength", sa.Text(), nullable=True),
        sa.Column("criteria", sa.Text(), nullable=True),
        sa.Column("paraphrase", sa.Text(), nullable=True),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("verification", sa.String(length=20), nullable=False),
        sa.CheckConstraint(
            "direction IN ('recommend', 'recommend-against', 'consider', 'research-only', 'insufficient-evidence', 'informational')",
            name=op.f("ck_recommendations_direction"),
        ),
        sa.CheckConstraint(
            "verification IN ('verified', 'secondary', 'derived')",
            name=op.f("ck_recommendations_verification"),
        ),
        sa.ForeignKeyConstraint(
            ["guideline_id"],
            ["guidelines.id"],
            name=op.f("fk_recommendations_guideline_id_guidelines"),
            initially="IMMEDIATE",
            deferrable=True,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_recommendations")),
        sa.UniqueConstraint(
            "guideline_id", "code", name="uq_recommendations_guideline_code"
        ),
    )
    with op.batch_alter_table("recommendations", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_recommendations_guideline_id"),
            ["guideline_id"],
            unique=False,
        )

    op.create_table(
        "results",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("study_id", sa.Integer(), nullable=False),
        sa.Column("outcome_id", sa.Integer(), nullable=False),
        sa.Column("arm_id", sa.Integer(), nullable=True),
        sa.Column("comparator_arm_id", sa.Integer(), nullable=True),
        sa.Column("result_type", sa.String(length=20), nullable=False),
        sa.Column("is_primary", sa.Boolean(), nullable=False),
        sa.Column("measure", sa.String(length=30), nullable=True),
        sa.Column("value", sa.Float(), nullable=True),
        sa.Column("ci_lower", sa.Float(), nullable=True),
        sa.Column("ci_upper", sa.Float(), nullable=True),
        sa.Column("ci_level", sa.Float(), nullable=True),
        sa.Column("p_value", sa.Float(), nullable=True),
        sa.Column("p_operator", sa.String(length=2), nullable=True),
        sa.Column("timepoint", sa.String(length=100), nullable=True),
        sa.Column("analysis", sa.String(length=200), nullable=True),
        sa.Column("summary", sa.Text(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("verification", sa.String(length=20), nullable=False),
        sa.CheckConstraint(
            "measure IN ('rate-ratio', 'hazard-ratio', 'risk-ratio', 'odds-ratio', 'mean-difference', 'risk-difference', 'relative-reduction-pct', 'rate', 'proportion', 'percent', 'mean', 'median', 'count')",
            name=op.f("ck_results_measure"),
        ),
        sa.CheckConstraint(
            "p_operator IN ('=', '<', '<=', '>')", name=op.f("ck_results_p_operator")
        ),
        sa.CheckConstraint(
            "result_type <> 'effect' OR comparator_arm_id IS NOT NULL",
            name=op.f("ck_results_effect_has_comparator"),
        ),
        sa.CheckConstraint(
            "result_type IN ('effect', 'arm', 'narrative')",
            name=op.f("ck_results_result_type"),
        ),
        sa.CheckConstraint(
            "verification IN ('verified', 'secondary', 'derived')",
            name=op.f("ck_results_verification"),
        ),
        sa.CheckConstraint(
            "ci_level IS NULL OR (ci_level > 0 AND ci_level < 100)",
            name=op.f("ck_results_ci_level_range"),
        ),
        sa.CheckConstraint(
            "ci_lower IS NULL OR ci_upper IS NULL OR ci_lower <= ci_upper",
            name=op.f("ck_results_ci_ordered"),
        ),
        sa.CheckConstraint(
            "p_value IS NULL OR (p_value >= 0 AND p_value <= 1)",
            name=op.f("ck_results_p_range"),
        ),
        sa.ForeignKeyConstraint(
            ["arm_id"],
            ["arms.id"],
            name=op.f("fk_results_arm_id_arms"),
            initially="IMMEDIATE",
            deferrable=True,
        ),
        sa.ForeignKeyConstraint(
            ["comparator_arm_id"],
            ["arms.id"],
            name=op.f("fk_results_comparator_arm_id_arms"),
            initially="IMMEDIATE",
            deferrable=True,
        ),
        sa.ForeignKeyConstraint(
            ["outcome_id"],
            ["outcomes.id"],
            name=op.f("fk_results_outcome_id_outcomes"),
            initially="IMMEDIATE",
            deferrable=True,
        ),
        sa.ForeignKeyConstraint(
            ["study_id"],
            ["studies.id"],
            name=op.f("fk_results_study_id_studies"),
            initially="IMMEDIATE",
            deferrable=True,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_results")),
    )
    with op.batch_alter_table("results", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_results_outcome_id"), ["outcome_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_results_study_id"), ["study_id"], unique=False
        )

    op.create_table(
        "scope_exclusions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("guideline_id", sa.Integer(), nullable=False),
        sa.Column("intervention_id", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("verification", sa.String(length=20), nullable=False),
        sa.CheckConstraint(
            "verification IN ('verified', 'secondary', 'derived')",
            name=op.f("ck_scope_exclusions_verification"),
        ),
        sa.ForeignKeyConstraint(
            ["guideline_id"],
            ["guidelines.id"],
            name=op.f("fk_scope_exclusions_guideline_id_guidelines"),
            initially="IMMEDIATE",
            deferrable=True,
        ),
        sa.ForeignKeyConstraint(
            ["intervention_id"],
            ["interventions.id"],
            name=op.f("fk_scope_exclusions_intervention_id_interventions"),
            initially="IMMEDIATE",
            deferrable=True,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_scope_exclusions")),
    )
    with op.batch_alter_table("scope_exclusions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_scope_exclusions_guideline_id"),
            ["guideline_id"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_scope_exclusions_intervention_id"),
            ["intervention_id"],
            unique=False,
        )

    op.create_table(
        "recommendation_interventions",
        sa.Column("recommendation_id", sa.Integer(), nullable=False),
        sa.Column("intervention_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["intervention_id"],
            ["interventions.id"],
            name=op.f("fk_recommendation_interventions_intervention_id_interventions"),
            initially="IMMEDIATE",
            deferrable=True,
        ),
        sa.ForeignKeyConstraint(
            ["recommendation_id"],
            ["recommendations.id"],
            name=op.f(
                "fk_recommendation_interventions_recommendation_id_recommendations"
            ),
            initially="IMMEDIATE",
            deferrable=True,
        ),
        sa.PrimaryKeyConstraint(
            "recommendation_id",
            "intervention_id",
            name=op.f("pk_recommendation_interventions"),
        ),
    )
    with op.batch_alter_table("recommendation_interventions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_recommendation_interventions_intervention_id"),
            ["intervention_id"],
            unique=False,
        )


def downgrade() -> None:
    with op.batch_alter_table("recommendation_interventions", schema=None) as batch_op:
        batch_op.drop_index(
            batch_op.f("ix_recommendation_interventions_intervention_id")
        )

    op.drop_table("recommendation_interventions")
    with op.batch_alter_table("scope_exclusions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_scope_exclusions_intervention_id"))
        batch_op.drop_index(batch_op.f("ix_scope_exclusions_guideline_id"))

    op.drop_table("scope_exclusions")
    with op.batch_alter_table("results", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_results_study_id"))
        batch_op.drop_index(batch_op.f("ix_results_outcome_id"))

    op.drop_table("results")
    with op.batch_alter_table("recommendations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_recommendations_guideline_id"))

    op.drop_table("recommendations")
    with op.batch_alter_table("guideline_bodies", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_guideline_bodies_body_id"))

    op.drop_table("guideline_bodies")
    with op.batch_alter_table("study_publications", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_study_publications_publication_id"))

    op.drop_table("study_publications")
    with op.batch_alter_table("study_phenotypes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_study_phenotypes_phenotype"))

    op.drop_table("study_phenotypes")
    with op.batch_alter_table("registrations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_registrations_study_id"))

    op.drop_table("registrations")
    with op.batch_alter_table("intervention_aliases", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_intervention_aliases_intervention_id"))

    op.drop_table("intervention_aliases")
    op.drop_table("guidelines")
    with op.batch_alter_table("arms", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_arms_study_id"))
        batch_op.drop_index(batch_op.f("ix_arms_intervention_id"))

    op.drop_table("arms")
    with op.batch_alter_table("studies", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_studies_year"))
        batch_op.drop_index(batch_op.f("ix_studies_status"))
        batch_op.drop_index(batch_op.f("ix_studies_short_name"))
        batch_op.drop_index(batch_op.f("ix_studies_n_randomised"))
        batch_op.drop_index(batch_op.f("ix_studies_n_enrolled"))
        batch_op.drop_index(batch_op.f("ix_studies_design"))
        batch_op.drop_index(batch_op.f("ix_studies_acronym"))

    op.drop_table("studies")
    op.drop_table("seed_info")
    op.drop_table("publications")
    op.drop_table("outcomes")
    with op.batch_alter_table("interventions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_interventions_drug_class"))

    op.drop_table("interventions")
    op.drop_table("bodies")
