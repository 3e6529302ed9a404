"""LRN: the local reference number, the declarant's own reference for a declaration.

Up to 22 characters the declarant chooses (IE015 ``TransitOperation/LRN``, format an..22), unique per
declarant; there is no check digit and no fixed structure.  Because the declarant chose it, the LRN is
kept as written: :func:`compact` only trims surrounding white space and does not upper-case (customs
quote the LRN back character for character in their replies).

>>> validate(" HMRC-2024-000123 ")
'HMRC-2024-000123'
"""

from __future__ import annotations

from ncts5.identifiers._parts import ordinal
from ncts5.identifiers.exceptions import InvalidFormat, InvalidIdentifier, InvalidLength

__all__ = ["compact", "is_valid", "validate"]

MAX_LENGTH = 22


def compact(value: str) -> str:
    """The LRN without surrounding white space (not checked)."""
    return value.strip()


def validate(value: str) -> str:
    """The compact LRN, or an :class:`~ncts5.identifiers.InvalidIdentifier` saying what is wrong where."""
    lrn = compact(value)
    if not 1 <= len(lrn) <= MAX_LENGTH:
        raise InvalidLength(f"an LRN has 1 to {MAX_LENGTH} characters, this one has {len(lrn)}", value=lrn)
    for pos, ch in enumerate(lrn, 1):
        if not ch.isprintable():
            raise InvalidFormat(
                f"the {ordinal(pos)} character of the LRN ({ch!r}) is a control character: use printable characters",
                value=lrn,
                position=pos,
            )
    return lrn


def is_valid(value: str) -> bool:
    """Whether ``value`` is a valid LRN (after :func:`compact`); never raises."""
    try:
        validate(value)
    except InvalidIdentifier:
        return False
    return True
