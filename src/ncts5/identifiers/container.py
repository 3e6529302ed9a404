"""Container identification numbers (ISO 6346), as in 19 07 063 000 Container identification number.

Structure (11 characters)::

    CSQ U 305438 3
    |   | |      `- 11: check digit, ISO 6346 over characters 1-10
    |   | `-------- 5-10: serial number, 6 digits
    |   `---------- 4: equipment category: U freight container, J detachable freight container
    |                  equipment, Z trailer or chassis
    `-------------- 1-3: owner code, 3 capital letters (registered with the BIC)

>>> validate("csqu 305438-3")
'CSQU3054383'
>>> format("CSQU3054383")
'CSQU 305438 3'

The declaration's data element is an..17 and no DDNTA rule requires ISO 6346 there (swap bodies and
non-ISO equipment exist), so the rules do not reject other numbers; this module tells whether a
number is a well-formed ISO 6346 one.
"""

from __future__ import annotations

from ncts5.checkdigits import iso6346_check_digit
from ncts5.identifiers._parts import ALNUM, DIGITS, LETTERS, clean, need, need_length
from ncts5.identifiers.exceptions import InvalidChecksum, InvalidComponent, InvalidIdentifier

__all__ = ["compact", "format", "is_valid", "validate"]

_NAME = "container number"
#: ISO 6346 equipment category identifiers.
CATEGORIES = {"U": "freight container", "J": "detachable freight container equipment", "Z": "trailer or chassis"}


def compact(value: str) -> str:
    """The container number without spaces and separators, upper-cased (not checked)."""
    return clean(value)


def validate(value: str) -> str:
    """The compact container number, or an :class:`~ncts5.identifiers.InvalidIdentifier` saying what is
    wrong where."""
    number = compact(value)
    need(number, 1, len(number), ALNUM, "letters or digits", _NAME)
    need_length(number, "a container number", 11)
    need(number, 1, 3, LETTERS, "the owner code (3 capital letters)", _NAME)
    need(number, 4, 4, LETTERS, "the equipment category (U, J or Z)", _NAME)
    if number[3] not in CATEGORIES:
        raise InvalidComponent(
            f"the 4th character of the container number is {number[3]!r}: the equipment category must be "
            "U (freight container), J (detachable equipment) or Z (trailer or chassis)",
            value=number,
            position=4,
        )
    need(number, 5, 10, DIGITS, "the serial number (6 digits)", _NAME)
    need(number, 11, 11, DIGITS, "the check digit", _NAME)
    expected = iso6346_check_digit(number[:10])
    if number[10] != expected:
        raise InvalidChecksum(
            f"the check digit (11th character) is {number[10]}, but characters 1-10 give {expected} (ISO 6346)",
            value=number,
            position=11,
        )
    return number


def is_valid(value: str) -> bool:
    """Whether ``value`` is a valid ISO 6346 container number (after :func:`compact`); never raises."""
    try:
        validate(value)
    except InvalidIdentifier:
        return False
    return True


def format(value: str) -> str:  # python-stdnum's name for the printed form
    """The number as printed on a container: owner code and category, serial number, check digit."""
    number = validate(value)
    return f"{number[:4]} {number[4:10]} {number[10]}"
