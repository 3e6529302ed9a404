"""``ncts5.identifiers``: published examples accepted, each kind of mistake named, generated ones round-trip."""

from __future__ import annotations

import doctest
import importlib
from types import ModuleType

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ncts5 import NCTSError
from ncts5.identifiers import (
    InvalidChecksum,
    InvalidComponent,
    InvalidFormat,
    InvalidIdentifier,
    InvalidLength,
    container,
    eori,
    grn,
    lrn,
    mrn,
    tir_carnet,
)
from ncts5.testing import identifiers as draw

MODULES = (container, eori, grn, lrn, mrn, tir_carnet)

#: (module, value as a user might type it, its compact form)
VALID = [
    (mrn, "24GB000246J8NY33L7", "24GB000246J8NY33L7"),  # HMRC's published TAD examples
    (mrn, "23GB000246IF9W5YJ0", "23GB000246IF9W5YJ0"),
    (mrn, "24gb 0002-46J8.NY33/L7", "24GB000246J8NY33L7"),
    (mrn, "26DE000000000123E0", "26DE000000000123E0"),
    (grn, "24GB0000010000295", "24GB0000010000295"),  # accepted by HMRC (TAD example, sample message)
    (grn, "20XI0000010000070", "20XI0000010000070"),
    (grn, "24GB0000010000295A123456", "24GB0000010000295A123456"),  # a voucher's GRN (type 4)
    (lrn, " LRN-2024/000123 ", "LRN-2024/000123"),
    (lrn, "lower case kept", "lower case kept"),
    (lrn, "A" * 22, "A" * 22),
    (eori, "DE123456789012345", "DE123456789012345"),
    (eori, "gb 123 456 789 000", "GB123456789000"),
    (eori, "XI123456789000", "XI123456789000"),
    (container, "CSQU3054383", "CSQU3054383"),  # ISO 6346's own example
    (container, "csqu 305438 3", "CSQU3054383"),
    (container, "MSKU1234565", "MSKU1234565"),
    (tir_carnet, "XA30123456", "XA30123456"),
    (tir_carnet, "HX877242599", "HX877242599"),
    (tir_carnet, "xa 25000000", "XA25000000"),
]

#: (module, value, the error it raises, a fragment of the message, the position named)
INVALID = [
    (grn, "24GB0000010000296", InvalidChecksum, "check digit (17th character) is 6, but characters 1-16 give 5", 17),
    (grn, "24GB000001000029", InvalidLength, "a GRN has 17 or 24 characters, this one has 16", None),
    (grn, "2AGB0000010000295", InvalidFormat, "2nd character of the GRN is 'A', not a digit", 2),
    (grn, "24G10000010000295", InvalidFormat, "4th character of the GRN is '1', not a capital letter", 4),
    (grn, "24QQ0000010000295", InvalidComponent, "'QQ' (characters 3-4 of the GRN) is not a country code", 3),
    (grn, "24GB000001000029X", InvalidFormat, "not a digit: it must be the check digit", 17),
    (grn, "24GB00000100002Ä5", InvalidFormat, "16th character of the GRN is 'Ä', not a letter or a digit", 16),
    (mrn, "24GB000246J8NY33L8", InvalidChecksum, "check digit (18th character) is 8, but characters 1-17 give 7", 18),
    (mrn, "24GB000246J8NY33L", InvalidLength, "an MRN has 18 characters, this one has 17", None),
    (mrn, "24GB000246J8NY3317", InvalidFormat, "17th character of the MRN is '1', not a capital letter", 17),
    (mrn, "X4GB000246J8NY33L7", InvalidFormat, "characters 1-2 must be the last two digits of the year", 1),
    (mrn, "24ZZ000246J8NY33L7", InvalidComponent, "'ZZ' (characters 3-4 of the MRN) is not a country code", 3),
    (mrn, "24GB000246J8NY33L_", InvalidFormat, "18th character of the MRN is '_'", 18),
    (lrn, "", InvalidLength, "an LRN has 1 to 22 characters, this one has 0", None),
    (lrn, "A" * 23, InvalidLength, "this one has 23", None),
    (lrn, "LRN\x00123", InvalidFormat, "4th character of the LRN ('\\x00') is a control character", 4),
    (eori, "DE", InvalidLength, "an EORI number has 3 to 17 characters", None),
    (eori, "DE1234567890123456", InvalidLength, "this one has 18", None),
    (eori, "123456789", InvalidFormat, "1st character of the EORI number is '1', not a capital letter", 1),
    (eori, "QQ123456789", InvalidComponent, "'QQ' (characters 1-2 of the EORI number) is not a country code", 1),
    (eori, "DE12345_789", InvalidFormat, "8th character of the EORI number is '_'", 8),
    (container, "CSQU3054384", InvalidChecksum, "check digit (11th character) is 4, but characters 1-10 give 3", 11),
    (container, "CSQX3054383", InvalidComponent, "equipment category must be U (freight container), J", 4),
    (container, "CS1U3054383", InvalidFormat, "3rd character of the container number is '1'", 3),
    (container, "CSQU30543A3", InvalidFormat, "characters 5-10 must be the serial number (6 digits)", 10),
    (container, "CSQU305438", InvalidLength, "a container number has 11 characters, this one has 10", None),
    (tir_carnet, "XA12345678", InvalidComponent, "serial number 12345678 (characters 3-10) is below 25000000", 3),
    (tir_carnet, "AB30123456", InvalidComponent, "series 'AB' (characters 1-2 of the TIR carnet number) has no X", 1),
    (tir_carnet, "25000000", InvalidLength, "a TIR carnet number has 10 or 11 characters, this one has 8", None),
    (tir_carnet, "XA3012345A", InvalidFormat, "10th character of the TIR carnet number is 'A', not a digit", 10),
    (tir_carnet, "XA030123456", InvalidFormat, "serial number of the TIR carnet number starts with 0", 3),
]


@pytest.mark.parametrize(("module", "value", "compacted"), VALID, ids=lambda v: getattr(v, "__name__", repr(v)))
def test_valid_identifiers_validate_to_their_compact_form(module: ModuleType, value: str, compacted: str) -> None:
    assert module.compact(value) == compacted
    assert module.validate(value) == compacted
    assert module.is_valid(value) is True


@pytest.mark.parametrize(
    ("module", "value", "error", "fragment", "position"), INVALID, ids=lambda v: getattr(v, "__name__", repr(v))
)
def test_invalid_identifiers_raise_the_specific_error(
    module: ModuleType, value: str, error: type[InvalidIdentifier], fragment: str, position: int | None
) -> None:
    with pytest.raises(error) as raised:
        module.validate(value)
    assert fragment in str(raised.value)
    assert raised.value.position == position
    assert raised.value.value == module.compact(value)
    assert module.is_valid(value) is False


def test_the_grn_hmrc_rejects_with_r0028_is_refused_for_its_check_digit() -> None:
    with pytest.raises(InvalidChecksum):
        grn.validate("24GB0000010000296")


def test_the_error_family_is_ncts_error_and_value_error() -> None:
    for error in (InvalidChecksum, InvalidComponent, InvalidFormat, InvalidLength):
        assert issubclass(error, InvalidIdentifier)
    assert issubclass(InvalidIdentifier, NCTSError) and issubclass(InvalidIdentifier, ValueError)


def test_grn_length_follows_the_guarantee_type() -> None:
    assert grn.validate("24GB0000010000295", voucher=False) == "24GB0000010000295"
    assert grn.is_valid("24GB0000010000295", voucher=True) is False
    with pytest.raises(InvalidLength, match="a voucher's GRN \\(guarantee type 4\\) has 24 characters"):
        grn.validate("24GB0000010000295", voucher=True)
    with pytest.raises(InvalidLength, match="has 17 characters, this one has 24"):
        grn.validate("24GB0000010000295A123456", voucher=False)


def test_the_country_lookup_can_be_left_out() -> None:
    # the rules skip it (customs know their countries) and want only two capital letters there
    assert mrn.validate("24ZZ000246J8NY33L2", countries=False) == "24ZZ000246J8NY33L2"
    assert mrn.is_valid("24ZZ000246J8NY33L2") is False
    assert grn.is_valid("24QQ0000010000291", countries=False) is True
    assert grn.is_valid("24QQ0000010000291") is False
    assert eori.validate("QQ123", countries=False) == "QQ123"
    with pytest.raises(InvalidFormat, match="3rd character of the MRN is '1', not a capital letter"):
        mrn.validate("241Z000246J8NY33L2", countries=False)


def test_mrn_procedure_category() -> None:
    assert mrn.procedure_category("26DE000000000123E0") == "E"
    with pytest.raises(InvalidChecksum):
        mrn.procedure_category("26DE000000000123E1")


def test_container_format_is_the_printed_form() -> None:
    assert container.format("csqu3054383") == "CSQU 305438 3"
    assert container.validate(container.format("CSQU3054383")) == "CSQU3054383"
    with pytest.raises(InvalidChecksum):
        container.format("CSQU3054384")


_YEARS = st.integers(2000, 2099)
_COUNTRIES = st.sampled_from(("DE", "FR", "GB", "XI", "CH", "TR"))


@given(
    st.one_of(
        st.tuples(_COUNTRIES, _YEARS).flatmap(lambda t: draw.mrns(t[0], t[1], "ABEJKLM")).map(lambda v: (mrn, v)),
        st.tuples(_COUNTRIES, _YEARS, st.booleans())
        .flatmap(lambda t: draw.grns(t[0], t[1], voucher=t[2]))
        .map(lambda v: (grn, v)),
        st.tuples(_COUNTRIES, _YEARS).flatmap(lambda t: draw.lrns(*t)).map(lambda v: (lrn, v)),
        _COUNTRIES.flatmap(draw.eori_numbers).map(lambda v: (eori, v)),
        st.builds(
            draw.container_number, st.sampled_from(("CSQU", "MSKU", "TGHJ", "ABCZ")), st.integers(0, 999_999)
        ).map(lambda v: (container, v)),
        draw.tir_carnet_numbers().map(lambda v: (tir_carnet, v)),
    )
)
def test_generated_identifiers_round_trip(case: tuple[ModuleType, str]) -> None:
    # ncts5.testing draws identifiers with ncts5.checkdigits; the validators must accept every one
    module, value = case
    assert module.validate(module.compact(value)) == value
    if module is not lrn:  # the others drop the spaces people put in when they copy a number
        assert module.validate(" ".join(value)) == value


@given(st.text())
def test_is_valid_never_raises(text: str) -> None:
    for module in MODULES:
        assert module.is_valid(text) in (True, False)


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.__name__)
def test_module_docstring_examples(module: ModuleType) -> None:
    result = doctest.testmod(importlib.import_module(module.__name__), raise_on_error=False, verbose=False)
    assert result.attempted > 0 and result.failed == 0


def test_public_names_are_reexported() -> None:
    import ncts5

    assert ncts5.identifiers.mrn is mrn
    assert "identifiers" in ncts5.__all__
