"""Rules only the IE170 presentation notification names."""

from __future__ import annotations

from typing import Any

import pytest

import ncts5
from ncts5.messages import cc170c
from ncts5.rules.registry import get
from tests.rules.conftest import fires, silent

CONSIGNMENT = "/CC170C/Consignment"


def unchecked(message: Any, rule_id: str) -> list[Any]:
    return [n for n in ncts5.validate(message).not_checked if n.rule == rule_id]


def border_means(n: int) -> list[cc170c.ActiveBorderTransportMeans]:
    return [
        cc170c.ActiveBorderTransportMeans(
            sequence_number=i,
            customs_office_at_border_reference_number="DE004058",
            type_of_identification="40",
            identification_number=f"IMO930000{i}",
            nationality="DE",
        )
        for i in range(1, n + 1)
    ]


def house_means() -> list[cc170c.HouseConsignmentDepartureTransportMeans]:
    return [
        cc170c.HouseConsignmentDepartureTransportMeans(
            sequence_number=1, type_of_identification="30", identification_number="HHCD5678", nationality="DE"
        )
    ]


# ------------------------------------------------------------------------------ C0404


def test_c0404_requires_the_place_of_loading(ie170):
    (finding,) = fires(ie170, "C0404")  # the example has none
    assert finding.path == f"{CONSIGNMENT}/PlaceOfLoading"
    assert finding.error_code == 13
    assert finding.data_element == "16 13 000 000"


def test_c0404_silent_with_a_place_of_loading(ie170):
    ie170.consignment.place_of_loading = cc170c.PlaceOfLoading(un_locode="DEHAM")
    silent(ie170, "C0404")


# ------------------------------------------------------------------------------ C0807


def test_c0807_forbids_active_border_means_for_fixed_installations(ie170):
    ie170.consignment.mode_of_transport_at_the_border = "5"
    ie170.consignment.active_border_transport_means = border_means(2)
    found = fires(ie170, "C0807")
    assert [f.path for f in found] == [
        f"{CONSIGNMENT}/ActiveBorderTransportMeans[1]",
        f"{CONSIGNMENT}/ActiveBorderTransportMeans[2]",
    ]
    assert all(f.error_code == 15 for f in found)


@pytest.mark.parametrize(("mode", "count"), [("5", 0), ("1", 1), (None, 1)])
def test_c0807_silent_and_decided(ie170, mode, count):
    ie170.consignment.mode_of_transport_at_the_border = mode
    ie170.consignment.active_border_transport_means = border_means(count)
    silent(ie170, "C0807")
    assert not unchecked(ie170, "C0807")


def test_c0807_not_checked_when_the_stored_declaration_decides(ie170):
    ie170.consignment.mode_of_transport_at_the_border = "1"
    silent(ie170, "C0807")
    (note,) = unchecked(ie170, "C0807")
    assert note.path == f"{CONSIGNMENT}/ActiveBorderTransportMeans"
    assert "IE015" in note.reason


# ------------------------------------------------------------------------------ C0833


def test_c0833_forbids_departure_means_for_fixed_installations(ie170):
    ie170.consignment.inland_mode_of_transport = "5"
    ie170.consignment.house_consignment[0].departure_transport_means = house_means()
    found = fires(ie170, "C0833")
    assert [f.path for f in found] == [
        f"{CONSIGNMENT}/DepartureTransportMeans[1]",
        f"{CONSIGNMENT}/HouseConsignment[1]/DepartureTransportMeans[1]",
    ]
    assert all(f.error_code == 15 for f in found)


def test_c0833_silent_on_the_example(ie170):
    silent(ie170, "C0833")
    assert not unchecked(ie170, "C0833")


def test_c0833_silent_for_fixed_installation_without_means(ie170):
    ie170.consignment.inland_mode_of_transport = "5"
    ie170.consignment.departure_transport_means = []
    silent(ie170, "C0833")


def test_c0833_not_checked_for_means_at_both_levels(ie170):
    ie170.consignment.house_consignment[0].departure_transport_means = house_means()
    silent(ie170, "C0833")
    (note,) = unchecked(ie170, "C0833")
    assert "IE015" in note.reason


# ------------------------------------------------------------------------------ the rest needs the stored IE015

NOT_CHECKABLE = ["C0170", "C0600", "C0808", "C0824", "C0840", "G0045", "G0165", "G0196", "R0790"]


@pytest.mark.parametrize("rule_id", NOT_CHECKABLE)
def test_rules_needing_the_stored_declaration_are_not_checkable(rule_id):
    r = get(rule_id)
    assert r.status == "not-checkable"
    assert r.check is None
    assert "IE015" in (r.reason or "")
    assert r.messages == ("CC170C",)


def test_presentation_rules_belong_to_this_topic():
    for rule_id in [*NOT_CHECKABLE, "C0404", "C0807", "C0833"]:
        assert get(rule_id).topic == "presentation"
