"""Document and reference rules: previous, supporting and transport documents, additional references,
transport charges (C0035, R0020, R0416, C0015, R0023, C0186, ...)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from ncts5.messages import cc015c
from ncts5.rules.engine import Options, applicable
from ncts5.rules.registry import get
from tests.rules.conftest import fires, silent
from tests.rules.test_consignment import Install, not_checked, private_code_lists

HOUSE = "/CC015C/Consignment/HouseConsignment[1]"
ITEM = f"{HOUSE}/ConsignmentItem"
ARC = "24DEA1B2C3D4E5F6G7H83"
EXPORT_MRN = "26DE000000000123E0"  # check digit 0 (ISO 6346)


@pytest.fixture
def install_list(tmp_path: Path) -> Iterator[Install]:
    with private_code_lists(tmp_path) as install:
        yield install


def items(msg):
    return msg.consignment.house_consignment[0].consignment_item


def item_previous(kind="N830", ref=EXPORT_MRN, seq=1, **extra):
    return cc015c.ConsignmentItemPreviousDocument(sequence_number=seq, type=kind, reference_number=ref, **extra)


def house_previous(kind="N830", ref=EXPORT_MRN, seq=1):
    return cc015c.HouseConsignmentPreviousDocument(sequence_number=seq, type=kind, reference_number=ref)


def union_goods_from_switzerland(msg):
    msg.transit_operation.declaration_type = "T2"
    msg.customs_office_of_departure.reference_number = "CH001234"


# ---------------------------------------------------------------------- C0035
def test_c0035_requires_previous_document_for_union_goods_from_ctc_country(t1):
    union_goods_from_switzerland(t1)
    items(t1)[1].previous_document = []
    (finding,) = fires(t1, "C0035")
    assert finding.path == f"{ITEM}[2]/PreviousDocument"
    assert finding.data_element == "12 01 000 000"
    assert finding.error_code == 13


def test_c0035_per_item_declaration_type(t1):
    t1.transit_operation.declaration_type = "T"
    t1.customs_office_of_departure.reference_number = "CH001234"
    items(t1)[0].declaration_type, items(t1)[1].declaration_type = "T1", "T2F"
    for item in items(t1):
        item.previous_document = []
    (finding,) = fires(t1, "C0035")
    assert finding.path == f"{ITEM}[2]/PreviousDocument"


def test_c0035_silent_with_consignment_previous_document(t1):
    union_goods_from_switzerland(t1)
    for item in items(t1):
        item.previous_document = []
    t1.consignment.previous_document = [
        cc015c.ConsignmentPreviousDocument(sequence_number=1, type="N825", reference_number="T2L-4711")
    ]
    silent(t1, "C0035")


def test_c0035_silent_for_union_office_of_departure(t1):
    t1.transit_operation.declaration_type = "T2"
    for item in items(t1):
        item.previous_document = []
    silent(t1, "C0035")


# ---------------------------------------------------------------------- R0020
def test_r0020_fires_without_proof_of_union_status(t1, install_list):
    install_list("CL178", ["C612", "C620", "N822", "N825"])
    union_goods_from_switzerland(t1)
    found = fires(t1, "R0020")
    assert [f.path for f in found] == [f"{ITEM}[1]/PreviousDocument", f"{ITEM}[2]/PreviousDocument"]
    assert all(f.error_code == 14 for f in found)


def test_r0020_silent_with_t2l_per_item(t1, install_list):
    install_list("CL178", ["C612", "C620", "N822", "N825"])
    union_goods_from_switzerland(t1)
    for item in items(t1):
        item.previous_document.append(item_previous("N825", "T2L-4711", seq=2))
    silent(t1, "R0020")


def test_r0020_silent_with_t2l_for_the_consignment(t1, install_list):
    install_list("CL178", ["C612", "C620", "N822", "N825"])
    union_goods_from_switzerland(t1)
    t1.consignment.previous_document = [
        cc015c.ConsignmentPreviousDocument(sequence_number=1, type="N822", reference_number="26CH0000000001234")
    ]
    silent(t1, "R0020")


def test_r0020_silent_for_t1(t1, install_list):
    install_list("CL178", ["N825"])
    t1.customs_office_of_departure.reference_number = "CH001234"
    silent(t1, "R0020")


def test_r0020_not_checked_without_cl178(t1, install_list):
    union_goods_from_switzerland(t1)
    silent(t1, "R0020")
    assert {n.path for n in not_checked(t1, "R0020")} == {f"{ITEM}[1]/PreviousDocument", f"{ITEM}[2]/PreviousDocument"}


# ---------------------------------------------------------------------- C0298
def test_c0298_requires_unit_with_quantity(t1):
    items(t1)[0].previous_document[0].quantity = Decimal("12")
    (finding,) = fires(t1, "C0298")
    assert finding.path == f"{ITEM}[1]/PreviousDocument[1]/measurementUnitAndQualifier"
    assert finding.error_code == 13


def test_c0298_forbids_unit_without_quantity(t1):
    items(t1)[0].previous_document[0].measurement_unit_and_qualifier = "KGM"
    (finding,) = fires(t1, "C0298")
    assert finding.error_code == 15
    assert finding.value == "KGM"


def test_c0298_silent_with_both(t1):
    doc = items(t1)[0].previous_document[0]
    doc.quantity, doc.measurement_unit_and_qualifier = Decimal("12"), "KGM"
    silent(t1, "C0298")


# ---------------------------------------------------------------------- B1000
def test_b1000_one_export_mrn_per_item_in_transition(t1):
    items(t1)[1].previous_document.append(item_previous("N830", "26DE000000000124E2", seq=2))
    (finding,) = fires(t1, "B1000", phase="transition")
    assert finding.path == f"{ITEM}[2]/PreviousDocument[2]"
    assert finding.error_code == 50


def test_b1000_silent_with_one_export_mrn_per_item(t1):
    silent(t1, "B1000", phase="transition")


def test_b1000_does_not_run_in_final_phase(t1):
    items(t1)[1].previous_document.append(item_previous("N830", "26DE000000000124E2", seq=2))
    silent(t1, "B1000")


# ---------------------------------------------------------------------- G0991
def test_g0991_warns_about_item_level_export_after_transition(t1):
    found = fires(t1, "G0991")
    assert [f.path for f in found] == [f"{ITEM}[1]/PreviousDocument[1]/type", f"{ITEM}[2]/PreviousDocument[1]/type"]
    assert all(f.severity == "warning" for f in found)


def test_g0991_silent_in_transition(t1):
    silent(t1, "G0991", phase="transition")


def test_g0991_silent_for_house_level_export(t1):
    for item in items(t1):
        item.previous_document = []
    t1.consignment.house_consignment[0].previous_document = [house_previous()]
    silent(t1, "G0991")


# ---------------------------------------------------------------------- G0026
def test_g0026_silent_for_one_export_in_standard_declaration(t1):
    t1.consignment.house_consignment[0].previous_document = [house_previous()]
    silent(t1, "G0026")


def test_g0026_warns_about_a_second_document(t1):
    t1.consignment.house_consignment[0].previous_document = [
        house_previous(seq=1),
        house_previous(ref="26DE000000000124E2", seq=2),
    ]
    (finding,) = fires(t1, "G0026")
    assert finding.path == f"{HOUSE}/PreviousDocument[2]"
    assert finding.severity == "warning"


def test_g0026_warns_for_prelodged_declaration(t1):
    t1.transit_operation.additional_declaration_type = "D"
    t1.consignment.house_consignment[0].previous_document = [house_previous()]
    (finding,) = fires(t1, "G0026")
    assert finding.path == f"{HOUSE}/PreviousDocument[1]"


# ---------------------------------------------------------------------- R0416
def test_r0416_silent_for_export_mrn(t1):
    t1.consignment.house_consignment[0].previous_document = [house_previous()]
    silent(t1, "R0416")


@pytest.mark.parametrize(
    ("reference", "problem"),
    [
        ("26DE000000000123T5", "not an export MRN"),
        ("26DE000000000123E1", "wrong check digit"),
        ("EXPORT-4711", "is not an MRN"),
    ],
)
def test_r0416_fires(t1, reference, problem):
    t1.consignment.house_consignment[0].previous_document = [house_previous(ref=reference)]
    (finding,) = fires(t1, "R0416")
    assert finding.path == f"{HOUSE}/PreviousDocument[1]/referenceNumber"
    assert finding.error_code == 14
    assert problem in finding.message


# ---------------------------------------------------------------------- G0058
def test_g0058_asks_for_the_ubr(t1):
    items(t1)[0].previous_document = [item_previous("C651", ARC)]
    (finding,) = fires(t1, "G0058")
    assert finding.path == f"{ITEM}[1]/PreviousDocument[1]/goodsItemNumber"
    assert finding.error_code == 13


def test_g0058_silent_with_goods_item_number(t1):
    items(t1)[0].previous_document = [item_previous("C651", ARC, goods_item_number=1)]
    silent(t1, "G0058")


# ---------------------------------------------------------------------- G0050, G0424, G0414
@pytest.mark.parametrize("rule_id", ["G0050", "G0424"])
def test_additional_reference_arc_warnings(t1, rule_id):
    items(t1)[0].additional_reference = [
        cc015c.ConsignmentItemAdditionalReference(sequence_number=1, type="C651", reference_number="EAD-123")
    ]
    (finding,) = fires(t1, rule_id)
    assert finding.path == f"{ITEM}[1]/AdditionalReference[1]/referenceNumber"
    assert finding.severity == "warning"


@pytest.mark.parametrize("rule_id", ["G0050", "G0424"])
@pytest.mark.parametrize(("kind", "number"), [("C651", ARC), ("C658", "FALLBACK-DE-1"), ("Y015", "X")])
def test_additional_reference_arc_silent(t1, rule_id, kind, number):
    items(t1)[0].additional_reference = [
        cc015c.ConsignmentItemAdditionalReference(sequence_number=1, type=kind, reference_number=number)
    ]
    silent(t1, rule_id)


def test_g0414_supporting_document_arc(t1):
    items(t1)[1].supporting_document = [
        cc015c.ConsignmentItemSupportingDocument(sequence_number=1, type="C651", reference_number="EAD-123")
    ]
    (finding,) = fires(t1, "G0414")
    assert finding.path == f"{ITEM}[2]/SupportingDocument[1]/referenceNumber"


def test_g0414_silent_with_arc(t1):
    items(t1)[1].supporting_document = [
        cc015c.ConsignmentItemSupportingDocument(sequence_number=1, type="C651", reference_number=ARC)
    ]
    silent(t1, "G0414")


# ---------------------------------------------------------------------- C0015, R0023
def test_c0015_requires_number_for_excise_reference(t1):
    items(t1)[0].additional_reference = [cc015c.ConsignmentItemAdditionalReference(sequence_number=1, type="C658")]
    (finding,) = fires(t1, "C0015")
    assert finding.path == f"{ITEM}[1]/AdditionalReference[1]/referenceNumber"
    assert finding.error_code == 13


def test_c0015_silent_for_other_references(t1):
    items(t1)[0].additional_reference = [cc015c.ConsignmentItemAdditionalReference(sequence_number=1, type="Y015")]
    silent(t1, "C0015")


def test_r0023_rejects_zero_for_excise_reference(t1):
    items(t1)[0].additional_reference = [
        cc015c.ConsignmentItemAdditionalReference(sequence_number=1, type="C651", reference_number="0")
    ]
    (finding,) = fires(t1, "R0023")
    assert finding.error_code == 14
    assert finding.value == "0"


def test_r0023_silent_for_zero_on_other_references(t1):
    items(t1)[0].additional_reference = [
        cc015c.ConsignmentItemAdditionalReference(sequence_number=1, type="Y015", reference_number="0")
    ]
    silent(t1, "R0023")


# ---------------------------------------------------------------------- transport charges
def charges(cls):
    return cls(method_of_payment="A")


def test_c0186_forbids_transport_charges_without_security(t1):
    t1.consignment.transport_charges = charges(cc015c.ConsignmentTransportCharges)
    t1.consignment.house_consignment[0].transport_charges = charges(cc015c.HouseConsignmentTransportCharges)
    found = fires(t1, "C0186")
    assert {f.path for f in found} == {"/CC015C/Consignment/TransportCharges", f"{HOUSE}/TransportCharges"}
    assert all(f.error_code == 15 for f in found)


def test_c0186_silent_with_security(t1):
    t1.transit_operation.security = "2"
    t1.consignment.transport_charges = charges(cc015c.ConsignmentTransportCharges)
    silent(t1, "C0186")


def test_c0337_forbids_house_charges_next_to_consignment_charges(t1):
    t1.transit_operation.security = "2"
    t1.consignment.transport_charges = charges(cc015c.ConsignmentTransportCharges)
    t1.consignment.house_consignment[0].transport_charges = charges(cc015c.HouseConsignmentTransportCharges)
    (finding,) = fires(t1, "C0337")
    assert finding.path == f"{HOUSE}/TransportCharges"
    assert finding.error_code == 15


def test_c0337_silent_for_house_charges_alone(t1):
    t1.transit_operation.security = "2"
    t1.consignment.house_consignment[0].transport_charges = charges(cc015c.HouseConsignmentTransportCharges)
    silent(t1, "C0337")


def test_b1875_forbids_item_charges_without_security(t1):
    items(t1)[0].transport_charges = charges(cc015c.ConsignmentItemTransportCharges)
    (finding,) = fires(t1, "B1875", phase="transition")
    assert finding.path == f"{ITEM}[1]/TransportCharges"
    assert finding.error_code == 50


def test_b1875_forbids_item_charges_next_to_consignment_charges(t1):
    t1.transit_operation.security = "2"
    t1.consignment.transport_charges = charges(cc015c.ConsignmentTransportCharges)
    items(t1)[0].transport_charges = charges(cc015c.ConsignmentItemTransportCharges)
    fires(t1, "B1875", phase="transition")


def test_b1875_silent_for_item_charges_with_security(t1):
    t1.transit_operation.security = "2"
    items(t1)[0].transport_charges = charges(cc015c.ConsignmentItemTransportCharges)
    silent(t1, "B1875", phase="transition")


# ---------------------------------------------------------------------- suspension, not checkable
def test_b1814_suspends_r3061_in_transition():
    final = {r.id for r in applicable("CC015C", Options(phase="final"))}
    transition = {r.id for r in applicable("CC015C", Options(phase="transition"))}
    assert "B1814" in transition and "B1814" not in final
    assert "R3061" not in transition
    assert get("B1814").suspends == ("R3061",)


def test_b1814_silences_r3061_on_items_in_transition(t1):
    items(t1)[0].additional_information = [cc015c.ConsignmentItemAdditionalInformation(sequence_number=1, code="30600")]
    fires(t1, "R3061")
    silent(t1, "R3061", phase="transition")
    silent(t1, "B1814", phase="transition")


@pytest.mark.parametrize("rule_id", ["G0057", "G0068", "G0069", "G0321"])
def test_rules_that_cannot_be_decided_are_declared_with_a_reason(rule_id):
    r = get(rule_id)
    assert r.status == "not-checkable"
    assert r.reason
