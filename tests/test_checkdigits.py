"""``ncts5.checkdigits``: the check digits of MRNs, GRNs, container and IMO numbers, on published examples."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ncts5.checkdigits import imo_check_digit, iso6346_check_digit

#: MRNs HMRC issued in its published transit accompanying document examples
#: (../shared/reference/tad/Post-Transition_IE029_TAD.xml and Example_IE029_Message_November_2023.xml).
HMRC_MRNS = ["24GB000246J8NY33L7", "23GB000246IF9W5YJ0"]
#: GRNs in HMRC's published examples that its system accepts (the TAD example and a sample message).
ACCEPTED_GRNS = ["24GB0000010000295", "20XI0000010000070"]


@pytest.mark.parametrize("mrn", HMRC_MRNS)
def test_published_mrns_end_with_their_check_digit(mrn: str) -> None:
    assert iso6346_check_digit(mrn[:17]) == mrn[17]


@pytest.mark.parametrize("grn", ACCEPTED_GRNS)
def test_accepted_grns_end_with_their_check_digit(grn: str) -> None:
    assert iso6346_check_digit(grn[:16]) == grn[16]


def test_the_grn_hmrc_rejects_with_r0028_has_a_wrong_check_digit() -> None:
    # HMRC's published IE056 example rejects 24GB0000010000296 with R0028 (check digit)
    assert iso6346_check_digit("24GB000001000029") == "5"


def test_iso_6346_container_example() -> None:
    assert iso6346_check_digit("CSQU305438") == "3"  # CSQU3054383, the standard's own example


def test_letters_skip_the_multiples_of_11() -> None:
    # A=10, B=12 (11 skipped), ... K=21, L=23 (22 skipped), ... U=32, V=34 (33 skipped)
    assert iso6346_check_digit("A") == "0"  # 10 % 11 = 10, written 0
    assert iso6346_check_digit("B") == "1"  # 12 % 11
    assert iso6346_check_digit("L") == "1"  # 23 % 11
    assert iso6346_check_digit("V") == "1"  # 34 % 11
    assert iso6346_check_digit("0A") == str(10 * 2 % 11)  # the second position weighs 2


@given(st.text("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1, max_size=20))
def test_iso_6346_digit_is_one_digit(text: str) -> None:
    digit = iso6346_check_digit(text)
    assert len(digit) == 1 and digit.isdigit()


@pytest.mark.parametrize("text", ["24gb000246J8NY33L", "24-GB", "24GB 0001", "ÄB"])
def test_characters_outside_capitals_and_digits_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match="no ISO 6346 value"):
        iso6346_check_digit(text)


def test_imo_number_example() -> None:
    assert imo_check_digit("907472") == "9"  # IMO 9074729: 9*7 + 0*6 + 7*5 + 4*4 + 7*3 + 2*2 = 139


@pytest.mark.parametrize("six", ["90747", "9074729", "90747a", "９０７４７２"])
def test_imo_check_digit_wants_six_ascii_digits(six: str) -> None:
    with pytest.raises(ValueError, match="exactly six digits"):
        imo_check_digit(six)
