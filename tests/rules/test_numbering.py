"""R0987 sequence numbers and B2101, the items required once the transition period is over."""

from __future__ import annotations

import pytest

from ncts5.messages import cc015c, cc170c
from ncts5.rules.registry import get, rule_places
from tests.rules.conftest import fires, silent

# ------------------------------------------------------------------------------------------- R0987


def test_r0987_sequence_numbers_start_at_one(t1):
    t1.guarantee[0].guarantee_reference[0].sequence_number = 2
    (finding,) = fires(t1, "R0987")
    assert finding.path == "/CC015C/Guarantee[1]/GuaranteeReference[1]/sequenceNumber"
    assert finding.error_code == 14
    assert finding.value == "2"
    assert "set it to 1" in finding.message


def test_r0987_sequence_numbers_increase_by_one(t1):
    item = t1.consignment.house_consignment[0].consignment_item[1]
    item.packaging.append(cc015c.Packaging(sequence_number=1, type_of_packages="CT", number_of_packages=2))
    (finding,) = fires(t1, "R0987")
    assert finding.path == "/CC015C/Consignment/HouseConsignment[1]/ConsignmentItem[2]/Packaging[2]/sequenceNumber"


def test_r0987_reports_every_iteration_out_of_place(t1):
    t1.consignment.departure_transport_means[0].sequence_number = 3
    t1.consignment.house_consignment[0].sequence_number = 7
    found = fires(t1, "R0987")
    assert [f.path for f in found] == [
        "/CC015C/Consignment/DepartureTransportMeans[1]/sequenceNumber",
        "/CC015C/Consignment/HouseConsignment[1]/sequenceNumber",
    ]


def test_r0987_applies_to_ie170(ie170):
    ie170.consignment.transport_equipment = [
        cc170c.TransportEquipment(
            sequence_number=1,
            number_of_seals=2,
            seal=[cc170c.Seal(sequence_number=1, identifier="S1"), cc170c.Seal(sequence_number=3, identifier="S2")],
        )
    ]
    (finding,) = fires(ie170, "R0987")
    assert finding.path == "/CC170C/Consignment/TransportEquipment[1]/Seal[2]/sequenceNumber"


def test_r0987_silent_on_baselines(t1, tir, ie170):
    silent(t1, "R0987")
    silent(tir, "R0987")
    silent(ie170, "R0987")


def test_r0987_covers_every_place_the_tables_name():
    """The check walks the models' metadata, so each named place is a numbered repeated group."""
    from ncts5.messages.cc015c import CC015C
    from ncts5.messages.cc170c import CC170C

    roots = {"CC015C": CC015C, "CC170C": CC170C}
    for message, path in rule_places()["R0987"]:
        cls = roots[message]
        *groups, leaf = path.strip("/").split("/")[1:]
        for name in groups:
            child = cls.__xml_by_name__[name]
            cls = child.model
        assert child.repeated and leaf == "sequenceNumber", path


# ------------------------------------------------------------------------------------------- B2101


def test_b2101_amount_to_be_covered_required_after_the_transition(t1):
    t1.guarantee[0].guarantee_reference[0].amount_to_be_covered = None
    (finding,) = fires(t1, "B2101")
    assert finding.path == "/CC015C/Guarantee[1]/GuaranteeReference[1]/amountToBeCovered"
    assert finding.data_element == "99 03 071 000"
    assert finding.error_code == 13
    silent(t1, "B2101", phase="transition")


def test_b2101_goods_measure_and_gross_mass_required(t1):
    items = t1.consignment.house_consignment[0].consignment_item
    items[0].commodity.goods_measure = None
    items[1].commodity.goods_measure.gross_mass = None
    found = fires(t1, "B2101")
    assert [f.path for f in found] == [
        "/CC015C/Consignment/HouseConsignment[1]/ConsignmentItem[1]/Commodity/GoodsMeasure",
        "/CC015C/Consignment/HouseConsignment[1]/ConsignmentItem[2]/Commodity/GoodsMeasure/grossMass",
    ]


@pytest.mark.parametrize("field", ["type_of_identification", "identification_number", "nationality"])
def test_b2101_departure_transport_means_fully_identified(t1, field):
    setattr(t1.consignment.departure_transport_means[0], field, None)
    (finding,) = fires(t1, "B2101")
    assert finding.path.startswith("/CC015C/Consignment/DepartureTransportMeans[1]/")


def test_b2101_silent_on_baselines(t1, tir):
    silent(t1, "B2101")
    silent(tir, "B2101")


@pytest.mark.parametrize("rule_id", ["G0002", "G0021"])
def test_informational_guidelines_are_declared_not_checkable(rule_id):
    assert get(rule_id).status == "not-checkable"
