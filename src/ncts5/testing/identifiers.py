"""Strategies for the identifiers a declaration carries, in their official shapes and with correct
check digits (computed by :mod:`ncts5.checkdigits`, the module the rules check them with).

Every identifier is drawn with one integer per template (see :func:`codes`), not one per character
or from a regex, which keeps generation fast and shrinks an identifier towards ``AA000``.
"""

from __future__ import annotations

from hypothesis import strategies as st

from ncts5.checkdigits import imo_check_digit, iso6346_check_digit

__all__ = [
    "arcs",
    "codes",
    "container_number",
    "eori_numbers",
    "export_mrns",
    "grns",
    "imo_number",
    "lrns",
    "mrns",
    "tir_carnet_numbers",
    "ucrs",
]

_RADIX = {"A": 26, "9": 10, "X": 36}
_ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _spell(template: str, n: int) -> str:
    """The ``n``-th string of ``template`` (see :func:`codes`)."""
    out = []
    for ch in reversed(template):
        radix = _RADIX.get(ch)
        if radix is None:
            out.append(ch)
            continue
        n, r = divmod(n, radix)
        out.append(chr(65 + r) if ch == "A" else _ALNUM[r])
    return "".join(reversed(out))


def codes(template: str) -> st.SearchStrategy[str]:
    """Strings shaped by ``template``: ``A`` a capital letter, ``9`` a digit, ``X`` either, anything else literal."""
    space = 1
    for ch in template:
        space *= _RADIX.get(ch, 1)
    return st.integers(0, space - 1).map(lambda n: _spell(template, n))


def eori_numbers(country: str) -> st.SearchStrategy[str]:
    """EORI numbers of ``country``: its code and 12 digits (R0850 asks for two letters and up to 15 more)."""
    return codes("999999999999").map(lambda digits: f"{country}{digits}")


def lrns(country: str, year: int) -> st.SearchStrategy[str]:
    """Local reference numbers: country, the year's last two digits, 12 letters or digits."""
    return codes("XXXXXXXXXXXX").map(lambda body: f"{country}{year % 100}{body}")


def mrns(country: str, year: int, letters: str) -> st.SearchStrategy[str]:
    """MRNs: year, country, 12 characters, a procedure letter from ``letters``, the check digit."""

    def build(body: str, letter: str) -> str:
        head = f"{year % 100:02d}{country}{body}{letter}"
        return head + iso6346_check_digit(head)

    return st.tuples(codes("XXXXXXXXXXXX"), st.sampled_from(letters)).map(lambda t: build(*t))


def export_mrns(country: str, year: int) -> st.SearchStrategy[str]:
    """MRNs of export declarations lodged in ``country`` in ``year``: procedure letter A, B or E as the
    17th character and a correct check digit (R0416)."""
    return mrns(country, year, "ABE")


def grns(country: str, year: int, *, voucher: bool = False) -> st.SearchStrategy[str]:
    """Guarantee reference numbers: year, country, 12 characters and a check digit (17 characters);
    a voucher (guarantee type 4) adds a letter and 6 digits (24 characters, R0318)."""

    def build(body: str, suffix: str) -> str:
        head = f"{year % 100:02d}{country}{body}"
        return head + iso6346_check_digit(head) + suffix

    return st.tuples(codes("XXXXXXXXXXXX"), codes("A999999") if voucher else st.just("")).map(lambda t: build(*t))


def ucrs(country: str, year: int) -> st.SearchStrategy[str]:
    """WCO unique consignment references: year digit, country, trader number, own reference."""
    return st.tuples(codes("999999999"), codes("XXXXXX")).map(lambda t: f"{year % 10}{country}{t[0]}-{t[1]}")


def arcs(country: str, year: int) -> st.SearchStrategy[str]:
    """Administrative reference codes of an e-AD: year, Member State, 16 characters, a digit (G0414)."""
    return codes("XXXXXXXXXXXXXXXX9").map(lambda body: f"{year % 100:02d}{country}{body}")


def tir_carnet_numbers() -> st.SearchStrategy[str]:
    """IRU TIR carnet numbers: series XA, XB or XC and 8 digits (C0411, R0990)."""
    return st.tuples(st.sampled_from(("XA", "XB", "XC")), st.integers(25_000_000, 99_999_999)).map(
        lambda t: f"{t[0]}{t[1]}"
    )


def container_number(owner: str, serial: int) -> str:
    """The ISO 6346 number of ``owner``'s container ``serial``: owner code with category, 6 digits, check digit."""
    head = f"{owner}{serial:06d}"
    return head + iso6346_check_digit(head)


def imo_number(n: int) -> str:
    """An IMO ship number: ``IMO`` and 7 digits, the first six from ``n`` (900000 and up), then the check digit."""
    six = f"{900_000 + n % 100_000:06d}"
    return f"IMO{six}{imo_check_digit(six)}"
