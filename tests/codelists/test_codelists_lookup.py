"""Lookup by id and name, membership, active dates and the errors of `get`."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ncts5 import codelists
from ncts5.codelists import CodeList, CodeListNotAvailable, Entry, UnknownCodeList
from ncts5.errors import NCTSError


def make(entries: list[Entry], *, complete: bool = True) -> CodeList:
    return CodeList("CL231", "DeclarationType", "imported", "test", date(2025, 1, 1), tuple(entries), complete)


def test_get_by_id_and_by_name_return_the_same_list() -> None:
    by_id = codelists.get("CL231")
    assert by_id is codelists.get("DeclarationType")
    assert by_id is codelists.get("cl231")
    assert by_id.id == "CL231"
    assert by_id.name == "DeclarationType"
    assert by_id.source == "packaged"
    assert isinstance(by_id.snapshot_date, date)
    assert by_id.origin


def test_membership_and_length_of_a_packaged_list() -> None:
    declaration_types = codelists.get("CL231")
    assert "T1" in declaration_types
    assert "T3" not in declaration_types
    assert 7 not in declaration_types  # type: ignore[operator]  # not a string: never a member
    assert len(declaration_types) == len(declaration_types.entries) == 6
    assert declaration_types.codes() == frozenset({"T", "T1", "T2", "T2F", "T2SM", "TIR"})
    assert declaration_types.description("TIR")
    assert declaration_types.description("T9") is None


def test_unknown_list_raises_unknown_code_list_which_is_a_key_error() -> None:
    with pytest.raises(UnknownCodeList) as caught:
        codelists.get("CL999")
    assert isinstance(caught.value, KeyError)
    assert isinstance(caught.value, NCTSError)
    assert str(caught.value).startswith("unknown code list 'CL999'")  # not KeyError's quoted repr
    with pytest.raises(UnknownCodeList):
        codelists.get("NoSuchList")
    assert codelists.available("CL999") is False


@pytest.mark.parametrize("key", ["CL141", "CL172", "CL016", "CL101", "CL152", "UnLocodeExtended"])
def test_large_lists_ship_with_the_package(key: str) -> None:
    assert codelists.available(key) is True
    code_list = codelists.get(key)
    assert code_list.source == "packaged"
    assert len(code_list) > 1000


def test_a_list_without_values_is_not_available_and_says_how_to_import() -> None:
    assert codelists.available("CL610") is False
    with pytest.raises(CodeListNotAvailable) as caught:
        codelists.get("CL610")
    assert "ncts5 codelists import --list CL610" in str(caught.value)
    assert isinstance(caught.value, NCTSError)


def test_available_for_packaged_lists() -> None:
    assert codelists.available("CL231")
    assert codelists.available("GuaranteeType")


def test_list_ids_used_by_messages_are_the_41_of_the_message_tables() -> None:
    ids = codelists.list_ids_used_by_messages()
    assert len(ids) == len(set(ids)) == 41
    assert {"CL231", "CL251", "CL048", "CL141", "CL171", "CL175", "CL754"} <= set(ids)
    assert "CL010" not in ids  # used by rules, not by a message field
    assert all(i in codelists.NAMES for i in ids)


def test_entries_outside_their_period_are_absent() -> None:
    code_list = make(
        [
            Entry("OLD", "withdrawn", None, date(2024, 12, 31)),
            Entry("NEW", "introduced", date(2025, 3, 1), None),
            Entry("WINDOW", "temporary", date(2025, 1, 1), date(2025, 1, 31)),
            Entry("ALWAYS", "open-ended"),
        ]
    )
    assert code_list.is_valid("OLD", date(2024, 12, 31))
    assert not code_list.is_valid("OLD", date(2025, 1, 1))
    assert not code_list.is_valid("NEW", date(2025, 2, 28))
    assert code_list.is_valid("NEW", date(2025, 3, 1))
    assert code_list.is_valid("WINDOW", date(2025, 1, 15))
    assert not code_list.is_valid("WINDOW", date(2025, 2, 1))
    assert code_list.codes(date(2025, 1, 15)) == {"ALWAYS", "WINDOW"}
    assert code_list.codes(date(2030, 1, 1)) == {"ALWAYS", "NEW"}
    assert code_list.knows("OLD") and not code_list.knows("NEVER")


def test_a_code_with_two_periods_is_valid_in_either() -> None:
    code_list = make([Entry("X", "", date(2020, 1, 1), date(2020, 12, 31)), Entry("X", "", date(2022, 1, 1), None)])
    assert code_list.is_valid("X", date(2020, 6, 1))
    assert not code_list.is_valid("X", date(2021, 6, 1))
    assert code_list.is_valid("X", date(2023, 6, 1))


def test_default_date_is_today() -> None:
    today = date.today()
    code_list = make([Entry("PAST", "", None, today - timedelta(days=1)), Entry("NOW", "", today, None)])
    assert "NOW" in code_list
    assert "PAST" not in code_list
    assert code_list.codes() == {"NOW"}


def test_a_large_list_is_indexed_once() -> None:
    entries = [Entry(f"{i:06d}", "") for i in range(60_000)]
    code_list = make(entries)
    assert code_list.is_valid("059999")
    assert not code_list.is_valid("060000")
    assert code_list.codes() is code_list.codes()  # no per-call rebuild


_dates = st.dates(min_value=date(2019, 1, 1), max_value=date(2027, 12, 31))
_entries = st.lists(
    st.builds(
        Entry,
        code=st.sampled_from(["A", "B", "C", "D"]),
        description=st.just(""),
        active_from=st.none() | _dates,
        active_to=st.none() | _dates,
    ),
    max_size=8,
)


@given(entries=_entries, on=_dates, code=st.sampled_from(["A", "B", "C", "D", "E"]))
def test_index_agrees_with_a_scan_of_the_entries(entries: list[Entry], on: date, code: str) -> None:
    code_list = make(entries)
    expected = any(e.code == code and e.is_active(on) for e in entries)
    assert code_list.is_valid(code, on) is expected
    assert (code in code_list.codes(on)) is expected
