"""Typed SQLAlchemy models. Importing this package registers every table."""

from msevidence.models.base import Base
from msevidence.models.guideline import (
    Body,
    Guideline,
    GuidelineBody,
    Recommendation,
    RecommendationIntervention,
    ScopeExclusion,
    SeedInfo,
)
from msevidence.models.intervention import Intervention, InterventionAlias
from msevidence.models.outcome import Outcome, Result
from msevidence.models.publication import Publication
from msevidence.models.search import SearchDocument, StudyListing
from msevidence.models.study import (
    Arm,
    Registration,
    Study,
    StudyPhenotype,
    StudyPublication,
)

__all__ = [
    "Arm",
    "Base",
    "Body",
    "Guideline",
    "GuidelineBody",
    "Intervention",
    "InterventionAlias",
    "Outcome",
    "Publication",
    "Recommendation",
    "RecommendationIntervention",
    "Registration",
    "Result",
    "SearchDocument",
    "ScopeExclusion",
    "SeedInfo",
    "Study",
    "StudyListing",
    "StudyPhenotype",
    "StudyPublication",
]
