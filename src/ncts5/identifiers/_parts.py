"""What the identifier modules share: cleaning, naming a position, and the checks of common parts."""

from __future__ import annotations

from functools import cache

from ncts5.identifiers.exceptions import InvalidComponent, InvalidFormat, InvalidLength

#: Characters people put inside identifiers when they copy or print them; ``compact`` drops them.
_SEPARATORS = str.maketrans("", "", " \t\r\n\u00a0-./")
#: The letters and digits the structured identifiers are made of (ASCII only: "Ä" is no letter here).
LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
DIGITS = frozenset("0123456789")
ALNUM = LETTERS | DIGITS
#: Country codes in use in identifiers that ISO 3166-1 does not assign: XI is Northern Ireland
#: (MRNs, GRNs and EORI numbers issued under the Windsor Framework).
_EXTRA_COUNTRIES = frozenset({"XI"})


def clean(value: str) -> str:
    """``value`` without spaces and separators (``-``, ``.``, ``/``), upper-cased."""
    return value.translate(_SEPARATORS).upper()


def ordinal(n: int) -> str:
    """``1st``, ``2nd``, ``3rd``, ``4th``, ``11th``, ``12th``, ``21st`` ..."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _kind(allowed: frozenset[str]) -> str:
    return {LETTERS: "a capital letter", DIGITS: "a digit", ALNUM: "a letter or a digit"}[allowed]


def need(value: str, start: int, end: int, allowed: frozenset[str], what: str, name: str) -> None:
    """Raise :class:`InvalidFormat` unless characters ``start``..``end`` (1-based, inclusive) are all in
    ``allowed``; ``what`` says what those characters are (``"the year"``), ``name`` the identifier."""
    for pos in range(start, end + 1):
        ch = value[pos - 1]
        if ch not in allowed:
            span = "it" if start == end else f"characters {start}-{end}"
            raise InvalidFormat(
                f"the {ordinal(pos)} character of the {name} is {ch!r}, not {_kind(allowed)}: {span} must be {what}",
                value=value,
                position=pos,
            )


def need_length(value: str, a_name: str, *lengths: int) -> None:
    """Raise :class:`InvalidLength` unless ``value`` has one of ``lengths`` characters; ``a_name`` is
    the identifier with its article (``"an MRN"``)."""
    if len(value) not in lengths:
        wanted = " or ".join(str(n) for n in lengths)
        raise InvalidLength(f"{a_name} has {wanted} characters, this one has {len(value)}", value=value)


@cache
def _iso_countries() -> frozenset[str]:
    import pycountry

    return frozenset(c.alpha_2 for c in pycountry.countries)


def need_country(value: str, start: int, name: str) -> None:
    """Raise :class:`InvalidComponent` unless the two letters at ``start`` are a country code
    (ISO 3166-1 alpha-2, from pycountry, or XI)."""
    code = value[start - 1 : start + 1]
    if code not in _EXTRA_COUNTRIES and code not in _iso_countries():
        raise InvalidComponent(
            f"{code!r} (characters {start}-{start + 1} of the {name}) is not a country code",
            value=value,
            position=start,
        )
