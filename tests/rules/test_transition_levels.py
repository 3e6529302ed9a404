"""Transition-period rules on levels and repetitions: B1890, B1895, B1896, B1965.

The declaration guide's transition notes these follow: country of dispatch only
for TIR (16 06 000 000), UCR at master or item level (12 08 000 000), departure
transport means only at master level, up to three for road (19 05 000 000).
"""

from __future__ import annotations

import pytest

from ncts5.messages import cc015c
from tests.rules.conftest import fires, silent

TP = {"phase": "transition"}


def transport_means(seq: int, **fields: str | None) -> cc015c.ConsignmentDepartureTransportMeans:
    data = {"type_of_identification": "30", "identification_number": f"AB{seq}CD", "nationality": "DE"} | fields
    return cc015c.ConsignmentDepartureTransportMeans(sequence_number=seq, **data)


def only(findings: list, path: str) -> None:
    """The rule fired once, at ``path``, as a transitional constraint."""
    assert [f.path for f in findings] == [path]
    assert findings[0].error_code == 50
    assert findings[0].severity == "error"


# ------------------------------------------------------------------ B1890 departure transport means


@pytest.mark.parametrize(("mode", "count", "first_extra"), [("3", 4, 4), ("2", 2, 2), ("1", 2, 2), (None, 2, 2)])
def test_b1890_limits_departure_transport_means(t1, mode, count, first_extra):
    t1.consignment.inland_mode_of_transport = mode
    t1.consignment.departure_transport_means = [transport_means(i) for i in range(1, count + 1)]
    found = fires(t1, "B1890", **TP)
    assert [f.path for f in found] == [
        f"/CC015C/Consignment/DepartureTransportMeans[{i}]" for i in range(first_extra, count + 1)
    ]
    assert {f.error_code for f in found} == {50}


@pytest.mark.parametrize(("mode", "count"), [("3", 3), ("2", 1), ("1", 1)])
def test_b1890_silent_within_limit(t1, mode, count):
    t1.consignment.inland_mode_of_transport = mode
    t1.consignment.departure_transport_means = [transport_means(i) for i in range(1, count + 1)]
    silent(t1, "B1890", **TP)


def test_b1890_does_not_apply_in_final_phase(t1):
    t1.consignment.departure_transport_means = [transport_means(i) for i in range(1, 5)]
    silent(t1, "B1890")


# ------------------------------------------------------------------ B1895, B1896 UCR and transport documents


def test_b1895_forbids_item_ucr_under_consignment_ucr(t1):
    t1.consignment.reference_number_ucr = "UCR-1"
    t1.consignment.house_consignment[0].consignment_item[1].reference_number_ucr = "UCR-2"
    only(
        fires(t1, "B1895", **TP),
        "/CC015C/Consignment/HouseConsignment[1]/ConsignmentItem[2]/referenceNumberUCR",
    )


def test_b1895_silent(t1):
    t1.consignment.house_consignment[0].consignment_item[1].reference_number_ucr = "UCR-2"
    silent(t1, "B1895", **TP)
    t1.consignment.house_consignment[0].consignment_item[1].reference_number_ucr = None
    t1.consignment.reference_number_ucr = "UCR-1"
    silent(t1, "B1895", **TP)


def test_b1896_requires_transport_document_on_first_item(t1):
    t1.transit_operation.security = "1"
    only(
        fires(t1, "B1896", **TP),
        "/CC015C/Consignment/HouseConsignment[1]/ConsignmentItem[1]/TransportDocument",
    )


@pytest.mark.parametrize("case", ["no-security", "tir", "consignment-ucr", "item-ucr", "document"])
def test_b1896_silent(t1, case):
    t1.transit_operation.security = "0" if case == "no-security" else "2"
    item = t1.consignment.house_consignment[0].consignment_item[0]
    if case == "tir":
        t1.transit_operation.declaration_type = "TIR"
    elif case == "consignment-ucr":
        t1.consignment.reference_number_ucr = "UCR-1"
    elif case == "item-ucr":
        t1.consignment.house_consignment[0].consignment_item[1].reference_number_ucr = "UCR-2"
    elif case == "document":
        item.transport_document = [
            cc015c.ConsignmentItemTransportDocument(sequence_number=1, type="N741", reference_number="CMR-77")
        ]
    silent(t1, "B1896", **TP)


# ------------------------------------------------------------------ B1965 country of dispatch


def test_b1965_forbids_country_of_dispatch_for_t1(t1):
    # Guide, 16 06 000 000: "provided when the declaration type is TIR, but not for other types".
    only(fires(t1, "B1965", **TP), "/CC015C/Consignment/countryOfDispatch")


def test_b1965_forbids_country_of_dispatch_on_items_for_t1(t1):
    t1.consignment.country_of_dispatch = None
    t1.consignment.house_consignment[0].consignment_item[0].country_of_dispatch = "DE"
    only(
        fires(t1, "B1965", **TP),
        "/CC015C/Consignment/HouseConsignment[1]/ConsignmentItem[1]/countryOfDispatch",
    )


def test_b1965_tir_forbids_item_country_below_consignment_country(tir):
    tir.consignment.house_consignment[0].consignment_item[0].country_of_dispatch = "PL"
    only(
        fires(tir, "B1965", **TP),
        "/CC015C/Consignment/HouseConsignment[1]/ConsignmentItem[1]/countryOfDispatch",
    )


def test_b1965_tir_requires_country_of_dispatch_somewhere(tir):
    tir.consignment.country_of_dispatch = None
    only(
        fires(tir, "B1965", **TP),
        "/CC015C/Consignment/HouseConsignment[1]/ConsignmentItem[1]/countryOfDispatch",
    )


def test_b1965_silent(t1, tir):
    t1.consignment.country_of_dispatch = None
    silent(t1, "B1965", **TP)
    silent(tir, "B1965", **TP)
    tir.consignment.country_of_dispatch = None
    tir.consignment.house_consignment[0].consignment_item[0].country_of_dispatch = "PL"
    silent(tir, "B1965", **TP)


def test_b1965_does_not_apply_in_final_phase(t1):
    silent(t1, "B1965")
