"""The errors :mod:`ncts5.identifiers` raises: one family, four kinds, each saying what and where.

Every error is an :class:`~ncts5.errors.NCTSError` (so one ``except`` catches all of ncts5) and a
:class:`ValueError` (so code written for python-stdnum's ``ValidationError`` habits still works).
``value`` is the compacted identifier that failed and ``position`` the 1-based character the
problem starts at (``None`` when the problem is the whole value, such as its length).
"""

from __future__ import annotations

from ncts5.errors import NCTSError

__all__ = ["InvalidChecksum", "InvalidComponent", "InvalidFormat", "InvalidIdentifier", "InvalidLength"]


class InvalidIdentifier(NCTSError, ValueError):
    """An identifier (MRN, GRN, LRN, EORI, container or TIR carnet number) that is not valid."""

    def __init__(self, message: str, *, value: str = "", position: int | None = None) -> None:
        super().__init__(message)
        self.value = value
        self.position = position


class InvalidFormat(InvalidIdentifier):
    """A character where the format wants another kind (a digit for a letter, a symbol, ...)."""


class InvalidLength(InvalidIdentifier):
    """Too many or too few characters for the identifier."""


class InvalidChecksum(InvalidIdentifier):
    """The check digit does not match the characters before it (for an MRN or GRN, DDNTA R0028)."""


class InvalidComponent(InvalidIdentifier):
    """A well-shaped part that cannot be right: an unknown country, a container category other than
    U/J/Z, a TIR carnet series NCTS does not accept."""
