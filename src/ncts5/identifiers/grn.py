"""GRN: the guarantee reference number the office of guarantee gives a guarantee.

Structure (DDCOM): 17 characters, or 24 for an individual guarantee in the form of vouchers
(guarantee type 4, DDNTA R0318)::

    24 GB 000001000029 5 [A123456]
    |  |  |            | `- 18-24: voucher identifier, 7 letters or digits (type 4 only)
    |  |  |            `--- 17: check digit, ISO 6346 over characters 1-16
    |  |  `---------------- 5-16: the office's unique number, 12 letters or digits
    |  `------------------- 3-4: country code of the office of guarantee
    `---------------------- 1-2: last two digits of the year of acceptance

>>> validate("24GB0000010000295")
'24GB0000010000295'
>>> is_valid("24GB0000010000296")
False

**Where R0028 applies.** The DDNTA text of R0028 is: "The structure of this Data Item is validated as
specified in DDCOM. The check digit must follow the ISO 6346 standard."  Appendix Q2 attaches it to the
MRN of the IE007 and IE028 only; the IE015 table lists no R0028 anywhere (its GRN carries C0086, G0002
and R0318).  Yet HMRC's system rejects an IE015 whose ``Guarantee/GuaranteeReference/GRN`` has a
wrong check digit with R0028 (its published IE056 example: ``24GB0000010000296``), as the structure
"specified in DDCOM" that R0028 enforces includes the GRN's check digit.  So ncts5 holds R0028 to cover,
in an IE015: the GRN (99 03 069 000, characters 1-17; a voucher's 7 extra characters have no check
digit), and the MRNs a declaration quotes (the export MRN of a house consignment's previous document,
characters 1-18, which R0416 already checks).  :func:`validate` checks exactly that structure.
The rule catalogue has no R0028 yet, so a wrong GRN check digit is found by calling this module,
not by ``ncts5.validate``; adding the rule (GRN positions 1-17) is the catalogue's job.
"""

from __future__ import annotations

from ncts5.checkdigits import iso6346_check_digit
from ncts5.identifiers._parts import ALNUM, DIGITS, LETTERS, clean, need, need_country, need_length
from ncts5.identifiers.exceptions import InvalidChecksum, InvalidIdentifier

__all__ = ["compact", "is_valid", "validate"]

_NAME = "GRN"


def compact(value: str) -> str:
    """The GRN without spaces and separators, upper-cased (not checked)."""
    return clean(value)


def validate(value: str, *, voucher: bool | None = None, countries: bool = True) -> str:
    """The compact GRN, or an :class:`~ncts5.identifiers.InvalidIdentifier` saying what is wrong where.

    ``voucher=True`` wants the 24 characters of a voucher's GRN (guarantee type 4), ``False`` the 17 of
    every other type; ``None`` (the default) accepts either.  ``countries=False`` leaves out the
    country lookup (pycountry, loaded on first use) and only wants two capital letters there.
    """
    grn = compact(value)
    need(grn, 1, len(grn), ALNUM, "letters or digits", _NAME)
    lengths = {None: (17, 24), True: (24,), False: (17,)}[voucher]
    a_name = {None: "a GRN", True: "a voucher's GRN (guarantee type 4)", False: "a GRN (other than a voucher's)"}[
        voucher
    ]
    need_length(grn, a_name, *lengths)
    need(grn, 1, 2, DIGITS, "the last two digits of the year", _NAME)
    need(grn, 3, 4, LETTERS, "the country code", _NAME)
    need(grn, 17, 17, DIGITS, "the check digit", _NAME)
    if countries:
        need_country(grn, 3, _NAME)
    expected = iso6346_check_digit(grn[:16])
    if grn[16] != expected:
        raise InvalidChecksum(
            f"the check digit (17th character) is {grn[16]}, but characters 1-16 give {expected} (ISO 6346)",
            value=grn,
            position=17,
        )
    return grn


def is_valid(value: str, *, voucher: bool | None = None, countries: bool = True) -> bool:
    """Whether ``value`` is a valid GRN (after :func:`compact`); never raises."""
    try:
        validate(value, voucher=voucher, countries=countries)
    except InvalidIdentifier:
        return False
    return True
