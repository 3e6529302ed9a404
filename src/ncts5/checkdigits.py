"""Check digits of the identifiers transit declarations carry, computed in one place.

MRNs, GRNs and container numbers end with an ISO 6346 check digit (DDNTA rule R0028: "the check
digit must follow the ISO 6346 standard"); IMO ship numbers end with their own.
:mod:`ncts5.identifiers` (which the rules call to check these identifiers) and :mod:`ncts5.testing`,
which draws identifiers with correct digits, both use this module, so a checker and a generator can
never disagree.  It depends on nothing else in
ncts5.
"""

from __future__ import annotations

__all__ = ["imo_check_digit", "iso6346_check_digit"]


def _iso6346_values() -> dict[str, int]:
    """Digits count as themselves; letters A=10, B=12, C=13, ... skipping the multiples of 11."""
    values = {str(d): d for d in range(10)}
    value = 10
    for letter in "ABCDEFGHIJKLMNOPQRSTUVWXYZ":
        if value % 11 == 0:
            value += 1
        values[letter] = value
        value += 1
    return values


_ISO6346_VALUES = _iso6346_values()


def iso6346_check_digit(text: str) -> str:
    """The ISO 6346 check digit of ``text`` (capital letters and digits), as a one-character string.

    Character ``i`` (from 0) weighs ``2**i``; the weighted sum modulo 11 is the digit, 10 being
    written 0.  Pass what precedes the digit: the first 17 characters of an MRN, the first 16 of a
    GRN, the 10 characters of a container's owner code, category and serial number.

    >>> iso6346_check_digit("CSQU305438")
    '3'

    Raises :class:`ValueError` for a character other than ``0-9`` and ``A-Z``.
    """
    total = 0
    for i, ch in enumerate(text):
        value = _ISO6346_VALUES.get(ch)
        if value is None:
            raise ValueError(f"{text!r}: {ch!r} is not a capital letter or digit, it has no ISO 6346 value")
        total += value * 2**i
    return str(total % 11 % 10)


def imo_check_digit(six_digits: str) -> str:
    """The check digit of an IMO ship number ``IMO`` + 7 digits: the first six weighted 7 down to 2,
    the sum modulo 10.

    >>> imo_check_digit("907472")  # IMO 9074729
    '9'

    Raises :class:`ValueError` unless given exactly six digits.
    """
    if len(six_digits) != 6 or not six_digits.isascii() or not six_digits.isdigit():
        raise ValueError(f"{six_digits!r}: an IMO number's check digit follows exactly six digits")
    return str(sum(int(d) * w for d, w in zip(six_digits, range(7, 1, -1), strict=True)) % 10)
