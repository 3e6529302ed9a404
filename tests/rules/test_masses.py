"""Gross and net mass rules (R0983, R0221, R0223, C0837 and their transition counterparts)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ncts5.messages import cc015c
from ncts5.rules.engine import Options, applicable
from tests.rules.conftest import fires, silent

HOUSE = "/CC015C/Consignment/HouseConsignment[1]"
ITEM = f"{HOUSE}/ConsignmentItem"


def items(msg):
    return msg.consignment.house_consignment[0].consignment_item


def measure(msg, index):
    return items(msg)[index].commodity.goods_measure


def share_packages(item, marks="NORDWERK 1-4"):
    item.packaging = [
        cc015c.Packaging(sequence_number=1, type_of_packages="PX", number_of_packages=0, shipping_marks=marks)
    ]


def export_mrn(house):
    house.previous_document = [
        cc015c.HouseConsignmentPreviousDocument(sequence_number=1, type="N830", reference_number="26DE000000000123E0")
    ]


# ---------------------------------------------------------------------- R0983
def test_r0983_silent_when_house_mass_equals_sum_of_items(t1):
    # 850.5 + 400 = 1250.5 exactly
    silent(t1, "R0983")


def test_r0983_fires_when_items_weigh_more(t1):
    t1.consignment.house_consignment[0].gross_mass = Decimal("1250.499999")
    (finding,) = fires(t1, "R0983")
    assert finding.path == f"{HOUSE}/grossMass"
    assert finding.data_element == "18 04 000 000"
    assert finding.error_code == 14
    assert finding.value == "1250.499999"
    assert "1250.5" in finding.message


def test_r0983_uses_exact_decimal_sums(t1):
    measure(t1, 0).gross_mass = Decimal("0.1")
    measure(t1, 1).gross_mass = Decimal("0.2")
    t1.consignment.house_consignment[0].gross_mass = Decimal("0.3")  # 0.1 + 0.2 > 0.3 in binary floating point
    silent(t1, "R0983")


def test_r0983_ignores_items_without_gross_mass(t1):
    measure(t1, 1).gross_mass = None
    t1.consignment.house_consignment[0].gross_mass = Decimal("850.5")
    silent(t1, "R0983")


# ---------------------------------------------------------------------- R0221, B1860
def test_r0221_fires_for_zero_mass_of_packed_goods(t1):
    measure(t1, 0).gross_mass = Decimal("0")
    (finding,) = fires(t1, "R0221")
    assert finding.path == f"{ITEM}[1]/Commodity/GoodsMeasure/grossMass"
    assert finding.error_code == 14


def test_r0221_fires_for_mass_on_item_sharing_packages(t1):
    share_packages(items(t1)[1])
    (finding,) = fires(t1, "R0221")
    assert finding.path == f"{ITEM}[2]/Commodity/GoodsMeasure/grossMass"
    assert finding.value == "400"


def test_r0221_silent_for_item_sharing_packages_with_zero_mass(t1):
    share_packages(items(t1)[1])
    measure(t1, 1).gross_mass = Decimal("0")
    silent(t1, "R0221")


def test_r0221_fires_when_no_item_carries_the_mass(t1):
    for i in (0, 1):
        share_packages(items(t1)[i])
        measure(t1, i).gross_mass = Decimal("0")
    found = fires(t1, "R0221")
    assert [f.path for f in found] == [
        f"{ITEM}[1]/Commodity/GoodsMeasure/grossMass",
        f"{ITEM}[2]/Commodity/GoodsMeasure/grossMass",
    ]
    assert all("no other goods item" in f.message for f in found)


def test_r0221_silent_on_baseline(t1):
    silent(t1, "R0221")


def test_b1860_suspends_r0221_in_transition(t1):
    measure(t1, 0).gross_mass = Decimal("0")
    silent(t1, "R0221", phase="transition")
    silent(t1, "B1860", phase="transition")


# ---------------------------------------------------------------------- R0223, B1862
def test_r0223_fires_when_net_exceeds_gross(t1):
    measure(t1, 1).net_mass = Decimal("400.000001")
    (finding,) = fires(t1, "R0223")
    assert finding.path == f"{ITEM}[2]/Commodity/GoodsMeasure/netMass"
    assert finding.data_element == "18 01 000 000"
    assert finding.error_code == 14


@pytest.mark.parametrize(("gross", "net"), [("400", "400"), ("0", "5"), (None, "5"), ("400", None)])
def test_r0223_silent(t1, gross, net):
    m = measure(t1, 1)
    m.gross_mass = None if gross is None else Decimal(gross)
    m.net_mass = None if net is None else Decimal(net)
    silent(t1, "R0223")


def test_b1862_suspends_r0223_in_transition(t1):
    measure(t1, 1).net_mass = Decimal("401")
    silent(t1, "R0223", phase="transition")
    silent(t1, "B1862", phase="transition")


# ---------------------------------------------------------------------- C0837, B1805
def test_c0837_requires_net_mass_after_export(t1):
    export_mrn(t1.consignment.house_consignment[0])
    measure(t1, 1).net_mass = None
    (finding,) = fires(t1, "C0837")
    assert finding.path == f"{ITEM}[2]/Commodity/GoodsMeasure/netMass"
    assert finding.error_code == 13


def test_c0837_points_at_missing_goods_measure(t1):
    export_mrn(t1.consignment.house_consignment[0])
    items(t1)[0].commodity.goods_measure = None
    (finding,) = fires(t1, "C0837")
    assert finding.path == f"{ITEM}[1]/Commodity/GoodsMeasure"


def test_c0837_forbids_net_mass_with_reduced_data_set(t1):
    t1.transit_operation.reduced_dataset_indicator = "1"
    found = fires(t1, "C0837")
    assert [f.error_code for f in found] == [15, 15]


def test_c0837_silent_after_export_with_net_mass(t1):
    export_mrn(t1.consignment.house_consignment[0])
    t1.transit_operation.reduced_dataset_indicator = "1"
    silent(t1, "C0837")


def test_c0837_silent_on_baseline(t1):
    silent(t1, "C0837")


def test_b1805_forbids_net_mass_with_reduced_data_set_in_transition(t1):
    t1.transit_operation.reduced_dataset_indicator = "1"
    export_mrn(t1.consignment.house_consignment[0])  # no exception for exports during the transition
    found = fires(t1, "B1805", phase="transition")
    assert [f.path for f in found] == [
        f"{ITEM}[1]/Commodity/GoodsMeasure/netMass",
        f"{ITEM}[2]/Commodity/GoodsMeasure/netMass",
    ]
    assert all(f.error_code == 50 for f in found)
    silent(t1, "C0837", phase="transition")


def test_b1805_silent_without_reduced_data_set(t1):
    export_mrn(t1.consignment.house_consignment[0])
    measure(t1, 1).net_mass = None
    silent(t1, "B1805", phase="transition")


def test_b1805_does_not_run_in_final_phase(t1):
    t1.transit_operation.reduced_dataset_indicator = "1"
    silent(t1, "B1805")


@pytest.mark.parametrize(("rule_id", "suspended"), [("B1805", "C0837"), ("B1860", "R0221"), ("B1862", "R0223")])
def test_transition_rules_suspend_their_rule(rule_id, suspended):
    final = {r.id for r in applicable("CC015C", Options(phase="final"))}
    transition = {r.id for r in applicable("CC015C", Options(phase="transition"))}
    assert rule_id in transition and rule_id not in final
    assert suspended in final and suspended not in transition
