"""Goods item numbering, commodity and packaging rules (R0007, R0988, C0153, C0060, R0219, R0364, ...)."""

from __future__ import annotations

import pytest

from ncts5.messages import cc015c
from ncts5.rules.engine import Options, applicable
from ncts5.rules.registry import get
from tests.rules.conftest import fires, silent

HOUSE = "/CC015C/Consignment/HouseConsignment"
ITEM = f"{HOUSE}[1]/ConsignmentItem"


def items(msg):
    return msg.consignment.house_consignment[0].consignment_item


def second_house(msg, goods_item_numbers=(1,), declaration_numbers=(3,)):
    """Append a house consignment whose items copy the first item of the first one."""
    house = msg.consignment.house_consignment[0].model_copy(deep=True)
    house.sequence_number = 2
    template = house.consignment_item[0]
    house.consignment_item = []
    for goods, declaration in zip(goods_item_numbers, declaration_numbers, strict=True):
        item = template.model_copy(deep=True)
        item.goods_item_number, item.declaration_goods_item_number = goods, declaration
        house.consignment_item.append(item)
    msg.consignment.house_consignment.append(house)
    return house


def packaging(kind="PX", number=None, marks=None, seq=1):
    return cc015c.Packaging(sequence_number=seq, type_of_packages=kind, number_of_packages=number, shipping_marks=marks)


# ---------------------------------------------------------------------- R0007
def test_r0007_fires_on_a_gap(t1):
    items(t1)[1].declaration_goods_item_number = 3
    (finding,) = fires(t1, "R0007")
    assert finding.path == f"{ITEM}[2]/declarationGoodsItemNumber"
    assert finding.data_element == "11 11 000 000"
    assert finding.error_code == 14
    assert finding.value == "3"


def test_r0007_fires_on_a_repeat(t1):
    items(t1)[1].declaration_goods_item_number = 1
    (finding,) = fires(t1, "R0007")
    assert finding.path == f"{ITEM}[2]/declarationGoodsItemNumber"
    assert "already used" in finding.message


def test_r0007_numbers_across_house_consignments(t1):
    second_house(t1, goods_item_numbers=(1,), declaration_numbers=(1,))
    (finding,) = fires(t1, "R0007")
    assert finding.path == f"{HOUSE}[2]/ConsignmentItem[1]/declarationGoodsItemNumber"


def test_r0007_silent_when_numbering_continues_in_the_next_house_consignment(t1):
    second_house(t1, goods_item_numbers=(1, 2), declaration_numbers=(3, 4))
    silent(t1, "R0007")


def test_r0007_silent_on_baseline(t1):
    silent(t1, "R0007")


# ---------------------------------------------------------------------- R0988
def test_r0988_fires_when_numbers_do_not_start_at_1(t1):
    items(t1)[0].goods_item_number = 2
    found = fires(t1, "R0988")
    assert [f.path for f in found] == [f"{ITEM}[1]/goodsItemNumber"]
    assert found[0].data_element == "11 03 000 000"
    assert found[0].error_code == 14


def test_r0988_fires_when_a_house_consignment_continues_the_numbering(t1):
    second_house(t1, goods_item_numbers=(3,), declaration_numbers=(3,))
    (finding,) = fires(t1, "R0988")
    assert finding.path == f"{HOUSE}[2]/ConsignmentItem[1]/goodsItemNumber"


def test_r0988_silent_when_each_house_consignment_starts_at_1(t1):
    second_house(t1, goods_item_numbers=(1, 2), declaration_numbers=(3, 4))
    silent(t1, "R0988")


# ---------------------------------------------------------------------- C0153, B1834
def test_c0153_requires_commodity_code(t1):
    items(t1)[1].commodity.commodity_code = None
    (finding,) = fires(t1, "C0153")
    assert finding.path == f"{ITEM}[2]/Commodity/CommodityCode"
    assert finding.error_code == 13
    assert finding.data_element == "18 09 000 000"


def test_c0153_silent_for_tir_without_export(tir):
    items(tir)[0].commodity.commodity_code = None
    silent(tir, "C0153")


def test_c0153_requires_commodity_code_for_tir_after_export(tir):
    house = tir.consignment.house_consignment[0]
    house.previous_document = [
        cc015c.HouseConsignmentPreviousDocument(sequence_number=1, type="N830", reference_number="26PL000000000123E7")
    ]
    items(tir)[0].commodity.commodity_code = None
    (finding,) = fires(tir, "C0153")
    assert "TIR declaration after an export" in finding.message


def test_c0153_silent_on_baseline(t1):
    silent(t1, "C0153")


def test_b1834_suspends_c0153_in_transition(t1):
    items(t1)[1].commodity.commodity_code = None
    fires(t1, "C0153")
    silent(t1, "C0153", phase="transition")
    silent(t1, "B1834", phase="transition")


# ---------------------------------------------------------------------- C0821
def test_c0821_forbids_cn_code_when_departing_from_ctc_country(t1):
    t1.customs_office_of_departure.reference_number = "CH001234"
    items(t1)[0].commodity.commodity_code.combined_nomenclature_code = "10"
    (finding,) = fires(t1, "C0821")
    assert finding.path == f"{ITEM}[1]/Commodity/CommodityCode/combinedNomenclatureCode"
    assert finding.error_code == 15
    assert finding.value == "10"


def test_c0821_silent_for_union_office_of_departure(t1):
    items(t1)[0].commodity.commodity_code.combined_nomenclature_code = "10"
    silent(t1, "C0821")


# ---------------------------------------------------------------------- C0060
@pytest.mark.parametrize(
    ("kind", "number", "marks", "field", "code"),
    [
        ("VL", 3, None, "numberOfPackages", 15),  # bulk: no number
        ("NE", None, None, "numberOfPackages", 13),  # unpacked: number required
        ("PX", None, "MARKS", "numberOfPackages", 13),  # packed: number required
        ("PX", 2, None, "shippingMarks", 13),  # packed: marks required
    ],
)
def test_c0060_fires(t1, kind, number, marks, field, code):
    items(t1)[0].packaging = [packaging(kind, number, marks)]
    (finding,) = fires(t1, "C0060")
    assert finding.path == f"{ITEM}[1]/Packaging[1]/{field}"
    assert finding.error_code == code


@pytest.mark.parametrize(
    ("kind", "number", "marks"),
    [("VL", None, None), ("VL", None, "TANK 7"), ("NE", 1, None), ("PX", 2, "MARKS")],
)
def test_c0060_silent(t1, kind, number, marks):
    items(t1)[0].packaging = [packaging(kind, number, marks)]
    silent(t1, "C0060")


# ---------------------------------------------------------------------- R0219, B1819
def test_r0219_fires_for_counted_packaging_next_to_zero(t1):
    items(t1)[0].packaging = [packaging("PX", 0, "M", seq=1), packaging("CT", 5, "M", seq=2)]
    (finding,) = fires(t1, "R0219")
    assert finding.path == f"{ITEM}[1]/Packaging[2]/numberOfPackages"
    assert finding.error_code == 14


def test_r0219_silent_when_all_packagings_are_zero(t1):
    items(t1)[0].packaging = [packaging("PX", 0, "M", seq=1), packaging("CT", 0, "M", seq=2)]
    silent(t1, "R0219")


def test_r0219_silent_on_baseline(t1):
    silent(t1, "R0219")


def test_b1819_suspends_r0219_in_transition(t1):
    items(t1)[0].packaging = [packaging("PX", 0, "M", seq=1), packaging("CT", 5, "M", seq=2)]
    silent(t1, "R0219", phase="transition")
    silent(t1, "B1819", phase="transition")


# ---------------------------------------------------------------------- R0220
def test_r0220_fires_for_unpacked_type_with_zero_packages(t1):
    items(t1)[1].packaging = [packaging("NE", 0, None)]
    (finding,) = fires(t1, "R0220")
    assert finding.path == f"{ITEM}[2]/Packaging[1]/typeOfPackages"
    assert finding.value == "NE"


def test_r0220_silent_for_packed_type_with_zero_packages(t1):
    items(t1)[1].packaging = [packaging("CT", 0, "NORDWERK 1-4")]
    silent(t1, "R0220")


# ---------------------------------------------------------------------- R0364
def test_r0364_silent_when_another_item_counts_the_shared_packages(t1):
    items(t1)[1].packaging = [packaging("PX", 0, "NORDWERK 1-4")]  # item 1 has 4 PX with these marks
    silent(t1, "R0364")


def test_r0364_fires_without_a_matching_item(t1):
    items(t1)[1].packaging = [packaging("PX", 0, "OTHER MARKS")]
    (finding,) = fires(t1, "R0364")
    assert finding.path == f"{ITEM}[2]/Packaging[1]/numberOfPackages"
    assert finding.error_code == 14


def test_r0364_fires_when_the_matching_item_is_bulk(t1):
    items(t1)[0].packaging = [packaging("VR", 4, "NORDWERK 1-4")]
    items(t1)[1].packaging = [packaging("PX", 0, "NORDWERK 1-4")]
    fires(t1, "R0364")


def test_r0364_looks_only_in_the_same_house_consignment(t1):
    house = second_house(t1)
    house.consignment_item[0].packaging = [packaging("PX", 0, "NORDWERK 1-4")]
    (finding,) = fires(t1, "R0364")
    assert finding.path.startswith(f"{HOUSE}[2]/")


# ---------------------------------------------------------------------- not checkable
@pytest.mark.parametrize("rule_id", ["G0005", "G0024", "G0071", "G0072", "G0300", "G0301", "R0060"])
def test_rules_that_cannot_be_decided_are_declared_with_a_reason(rule_id):
    r = get(rule_id)
    assert r.status == "not-checkable"
    assert r.reason


@pytest.mark.parametrize(("rule_id", "suspended"), [("B1819", "R0219"), ("B1834", "C0153")])
def test_transition_rules_suspend_their_rule(rule_id, suspended):
    final = {r.id for r in applicable("CC015C", Options(phase="final"))}
    transition = {r.id for r in applicable("CC015C", Options(phase="transition"))}
    assert rule_id in transition and rule_id not in final
    assert suspended in final and suspended not in transition
