"""Errors the core raises, with messages written for the people who read them."""
from __future__ import annotations


class ReviewdeskError(Exception):
    """Base for every error whose message can be shown to a user as it is."""


class InputError(ReviewdeskError):
    """A draft that cannot be read: missing, a directory, binary, corrupt, too large."""


class UnsupportedFormat(InputError):
    """A file whose extension ReviewDesk does not open."""


class StorageError(ReviewdeskError):
    """The review database cannot be opened or written."""


class ExportError(ReviewdeskError):
    """A summary could not be written."""


class CheckUnavailable(ReviewdeskError):
    """A check cannot run here (no binary, no server); the message says what to do."""


class Cancelled(ReviewdeskError):
    """The job was cancelled or became stale; partial results are thrown away."""

    def __init__(self, message: str = "Cancelled.") -> None:
        super().__init__(message)


class UnknownFlag(ReviewdeskError):
    """A flag id that the review of this document does not have."""


class UnknownRecord(ReviewdeskError):
    """A document, note or claim id that the review database does not have."""
