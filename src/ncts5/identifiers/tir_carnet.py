"""TIR carnet numbers, as in 12 06 000 000 TIR Carnet number.

NCTS accepts the IRU's current series (DDNTA R0990; the schema's TIRCarnetNumberContentType): two
letters of which one is X (XA, XB, XC ... or AX, BX ...), then a serial number of 8 or 9 digits from
25 000 000 up - 10 or 11 characters, no check digit::

    XA 30123456
    |  `- 3-10 (or 3-11): serial number, 25000000 or more
    `---- 1-2: series, two letters including an X

The older purely numeric series (1 to 25 000 000), which the schema still admits, is no longer issued
and R0990 refuses it, so :func:`validate` does too.

>>> validate("XA 30123456")
'XA30123456'
"""

from __future__ import annotations

from ncts5.identifiers._parts import ALNUM, DIGITS, LETTERS, clean, need, need_length
from ncts5.identifiers.exceptions import InvalidComponent, InvalidFormat, InvalidIdentifier

__all__ = ["compact", "is_valid", "validate"]

_NAME = "TIR carnet number"
#: The lowest serial number of the IRU series NCTS accepts.
FIRST_SERIAL = 25_000_000


def compact(value: str) -> str:
    """The carnet number without spaces and separators, upper-cased (not checked)."""
    return clean(value)


def validate(value: str) -> str:
    """The compact carnet number, or an :class:`~ncts5.identifiers.InvalidIdentifier` saying what is
    wrong where."""
    number = compact(value)
    need(number, 1, len(number), ALNUM, "letters or digits", _NAME)
    need_length(number, "a TIR carnet number", 10, 11)
    need(number, 1, 2, LETTERS, "the series (two letters, one of them X)", _NAME)
    need(number, 3, len(number), DIGITS, "the serial number", _NAME)
    if "X" not in number[:2]:
        raise InvalidComponent(
            f"the series {number[:2]!r} (characters 1-2 of the TIR carnet number) has no X: NCTS accepts "
            "the IRU series XA, XB, XC ... (two letters, one of them X)",
            value=number,
            position=1,
        )
    if number[2] == "0":
        raise InvalidFormat(
            "the serial number of the TIR carnet number starts with 0 (3rd character): copy it from the carnet",
            value=number,
            position=3,
        )
    if int(number[2:]) < FIRST_SERIAL:
        raise InvalidComponent(
            f"the serial number {number[2:]} (characters 3-{len(number)}) is below {FIRST_SERIAL}, a series "
            "no longer issued: copy the number from the carnet",
            value=number,
            position=3,
        )
    return number


def is_valid(value: str) -> bool:
    """Whether ``value`` is a TIR carnet number NCTS accepts (after :func:`compact`); never raises."""
    try:
        validate(value)
    except InvalidIdentifier:
        return False
    return True
