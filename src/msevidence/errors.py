"""Errors that users cause. The CLI prints them as one line and exits non-zero."""

from __future__ import annotations


class MsEvidenceError(Exception):
    """Base of every error this package raises on purpose."""

    exit_code = 1


class UserError(MsEvidenceError):
    """Bad input or an environment problem the user can fix; no traceback needed."""

    exit_code = 2


class NotFoundError(UserError):
    """A drug, study, guideline body or revision that the database does not hold."""

    exit_code = 3


class DatabaseError(UserError):
    """The database cannot be opened, reached or is not migrated."""

    exit_code = 4


class ValidationFailed(MsEvidenceError):
    """`msevidence validate` found problems; each is printed before this is raised."""

    exit_code = 5
