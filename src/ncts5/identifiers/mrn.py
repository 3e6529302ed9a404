"""MRN: the movement reference number customs give a declaration when they accept it.

Structure (18 characters, DDCOM; DDNTA R0028 "the check digit must follow the ISO 6346 standard")::

    24 GB 000246J8NY33 L 7
    |  |  |            | `- 18: check digit, ISO 6346 over characters 1-17
    |  |  |            `--- 17: procedure category indicator, a letter (A, B, E: export; J-M: transit ...)
    |  |  `---------------- 5-16: the issuing office's unique number, 12 letters or digits
    |  `------------------- 3-4: country code of the issuing office
    `---------------------- 1-2: last two digits of the year of acceptance

>>> validate("24GB 000246J8NY33L7")
'24GB000246J8NY33L7'
>>> is_valid("24GB000246J8NY33L8")
False

Any two digits are a possible year (MRNs of 1999 and 2099 alike), so the year is not checked beyond
being digits.
"""

from __future__ import annotations

from ncts5.checkdigits import iso6346_check_digit
from ncts5.identifiers._parts import ALNUM, DIGITS, LETTERS, clean, need, need_country, need_length
from ncts5.identifiers.exceptions import InvalidChecksum, InvalidIdentifier

__all__ = ["compact", "is_valid", "procedure_category", "validate"]

_NAME = "MRN"


def compact(value: str) -> str:
    """The MRN without spaces and separators, upper-cased (not checked)."""
    return clean(value)


def validate(value: str, *, countries: bool = True) -> str:
    """The compact MRN, or an :class:`~ncts5.identifiers.InvalidIdentifier` saying what is wrong where.

    ``countries=False`` leaves out the country lookup (pycountry, loaded on first use) and only wants
    two capital letters there: what a rule on a hot path needs when customs check the rest.
    """
    mrn = compact(value)
    need(mrn, 1, len(mrn), ALNUM, "letters or digits", _NAME)
    need_length(mrn, "an MRN", 18)
    need(mrn, 1, 2, DIGITS, "the last two digits of the year", _NAME)
    need(mrn, 3, 4, LETTERS, "the country code", _NAME)
    need(mrn, 17, 17, LETTERS, "the procedure category (a letter)", _NAME)
    need(mrn, 18, 18, DIGITS, "the check digit", _NAME)
    if countries:
        need_country(mrn, 3, _NAME)
    expected = iso6346_check_digit(mrn[:17])
    if mrn[17] != expected:
        raise InvalidChecksum(
            f"the check digit (18th character) is {mrn[17]}, but characters 1-17 give {expected} (ISO 6346)",
            value=mrn,
            position=18,
        )
    return mrn


def is_valid(value: str, *, countries: bool = True) -> bool:
    """Whether ``value`` is a valid MRN (after :func:`compact`); never raises."""
    try:
        validate(value, countries=countries)
    except InvalidIdentifier:
        return False
    return True


def procedure_category(value: str) -> str:
    """The procedure category indicator (17th character) of a valid MRN: ``A``, ``B`` or ``E`` for an
    export, ``J`` to ``M`` for a transit declaration ..."""
    return validate(value)[16]
