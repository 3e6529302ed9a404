"""EORI: the economic operators registration and identification number.

A country code (the Member State that registered the operator; GB or XI for the United Kingdom)
followed by up to 15 letters or digits, 17 characters at most, without a check digit
(Commission Implementing Regulation (EU) 2015/2447, Article 7)::

    DE 123456789012345
    |  `- 3-17: the national number, 1 to 15 letters or digits
    `---- 1-2: country code

>>> validate("de 1234 5678 9012")
'DE123456789012'

Whether a number is registered only EOS (the EORI database) can tell; this module checks the form.
"""

from __future__ import annotations

from ncts5.identifiers._parts import ALNUM, LETTERS, clean, need, need_country
from ncts5.identifiers.exceptions import InvalidIdentifier, InvalidLength

__all__ = ["compact", "is_valid", "validate"]

_NAME = "EORI number"
MAX_LENGTH = 17


def compact(value: str) -> str:
    """The EORI number without spaces and separators, upper-cased (not checked)."""
    return clean(value)


def validate(value: str, *, countries: bool = True) -> str:
    """The compact EORI number, or an :class:`~ncts5.identifiers.InvalidIdentifier` saying what is wrong where.

    ``countries=False`` leaves out the country lookup (pycountry, loaded on first use) and only wants
    two capital letters there: what a rule on a hot path needs when customs check the rest.
    """
    eori = compact(value)
    need(eori, 1, len(eori), ALNUM, "letters or digits", _NAME)
    if not 3 <= len(eori) <= MAX_LENGTH:
        raise InvalidLength(
            f"an EORI number has 3 to {MAX_LENGTH} characters (country code and up to 15 more), "
            f"this one has {len(eori)}",
            value=eori,
        )
    need(eori, 1, 2, LETTERS, "the country code", _NAME)
    if countries:
        need_country(eori, 1, _NAME)
    return eori


def is_valid(value: str, *, countries: bool = True) -> bool:
    """Whether ``value`` is a valid EORI number (after :func:`compact`); never raises."""
    try:
        validate(value, countries=countries)
    except InvalidIdentifier:
        return False
    return True
