"""Controlled vocabularies shared by the models, the seed builder and the CLI.

Kept free of SQLAlchemy so `--help` and shell completion can use them cheaply.
"""

from __future__ import annotations

VERIFICATION = ("verified", "secondary", "derived")
DESIGNS = (
    "rct-parallel",
    "rct-crossover",
    "non-randomised-trial",
    "cohort",
    "registry",
    "quasi-experimental",
    "case-series",
    "systematic-review",
    "meta-analysis",
    "narrative-review",
)
# Design groups used by evidence briefs and `--design randomised` style filters.
DESIGN_GROUPS = {
    "randomised": ("rct-parallel", "rct-crossover"),
    "non-randomised": ("non-randomised-trial", "quasi-experimental"),
    "observational": ("cohort", "registry", "case-series"),
    "review": ("systematic-review", "meta-analysis", "narrative-review"),
}
PHENOTYPES = ("CIS", "RRMS", "RMS", "SPMS", "PPMS", "NMOSD", "mixed")
# A user asking for RRMS wants the trials of "relapsing MS" too (Lublin 2014 folds
# relapsing SPMS into relapsing disease; trials enrol both under "RMS").
PHENOTYPE_MATCHES = {"RRMS": ("RRMS", "RMS"), "SPMS": ("SPMS", "RMS")}
STATUSES = (
    "completed",
    "ongoing",
    "recruiting",
    "active-not-recruiting",
    "terminated",
    "withdrawn",
    "unknown",
)
BLINDING = (
    "double-blind",
    "single-blind",
    "assessor-blind",
    "open-label",
    "not-applicable",
)
INTERVENTION_KINDS = ("drug", "procedure", "placebo", "other")
APPROVAL = (
    "approved",
    "off-label",
    "investigational",
    "not-approved",
    "not-applicable",
)
ALIAS_KINDS = ("brand", "abbreviation", "synonym", "code")
ARM_ROLES = (
    "experimental",
    "active-comparator",
    "placebo",
    "no-intervention",
    "single-arm",
)
RESULT_TYPES = ("effect", "arm", "narrative")
EFFECT_MEASURES = (
    "rate-ratio",
    "hazard-ratio",
    "risk-ratio",
    "odds-ratio",
    "mean-difference",
    "risk-difference",
    "relative-reduction-pct",
)
RATIO_MEASURES = ("rate-ratio", "hazard-ratio", "risk-ratio", "odds-ratio")
ARM_MEASURES = ("rate", "proportion", "percent", "mean", "median", "count")
P_OPERATORS = ("=", "<", "<=", ">")
PUB_TYPES = (
    "article",
    "letter",
    "review",
    "meta-analysis",
    "guideline",
    "consensus",
    "position",
    "web-page",
    "abstract",
)
PUB_ROLES = ("primary", "secondary", "follow-up", "protocol", "registry")
OUTCOME_CATEGORIES = (
    "relapse",
    "disability",
    "mri",
    "qol",
    "symptom",
    "safety",
    "other",
)
DOC_TYPES = (
    "guideline",
    "consensus",
    "technology-appraisal",
    "position-statement",
    "web-page",
)
DIRECTIONS = (
    "recommend",
    "recommend-against",
    "consider",
    "research-only",
    "insufficient-evidence",
    "informational",
)
FORMATS = ("table", "csv", "json", "jsonl", "markdown")
# Seed rows own ids below this limit; rows users add start above it, so a newer seed
# never collides with them.
SEED_ID_LIMIT = 1_000_000

# Arm roles as a listing groups them: the drugs studied and what they were compared with.
EXPERIMENTAL_ROLES = ("experimental", "single-arm")
COMPARATOR_ROLES = ("placebo", "active-comparator", "no-intervention")
