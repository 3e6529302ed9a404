"""Consignment-level rules and the declaration type per goods item (C0045, R0601, R0909, R0507, ...)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from ncts5 import codelists
from ncts5.messages import cc015c
from ncts5.rules.engine import Options, applicable
from tests.rules.conftest import findings_of, fires, silent

ITEM = "/CC015C/Consignment/HouseConsignment[1]/ConsignmentItem"
Install = Callable[[str, list[str]], None]


@contextmanager
def private_code_lists(directory: Path) -> Iterator[Install]:
    """Import small code lists into a private data directory (the packaged lists stay in force)."""
    before = os.environ.get(codelists.ENV_VAR)
    os.environ[codelists.ENV_VAR] = str(directory)
    codelists.reload()

    def install(list_id: str, codes: list[str]) -> None:
        source = directory / f"{list_id}.csv"
        source.write_text("code,description\n" + "".join(f"{c},test code {c}\n" for c in codes), encoding="utf-8")
        codelists.import_list(source, list_id)
        codelists.reload()

    try:
        yield install
    finally:
        if before is None:
            del os.environ[codelists.ENV_VAR]
        else:
            os.environ[codelists.ENV_VAR] = before
        codelists.reload()


@pytest.fixture
def install_list(tmp_path: Path) -> Iterator[Install]:
    with private_code_lists(tmp_path) as install:
        yield install


def not_checked(message, rule_id: str, **options) -> list:
    import ncts5

    return [n for n in ncts5.validate(message, **options).not_checked if n.rule == rule_id]


def excise_reference(number: str | None = "24DEA1B2C3D4E5F6G7H83") -> cc015c.ConsignmentItemAdditionalReference:
    return cc015c.ConsignmentItemAdditionalReference(sequence_number=1, type="C651", reference_number=number)


def excise_document(number: str = "24DEA1B2C3D4E5F6G7H83") -> cc015c.ConsignmentItemSupportingDocument:
    return cc015c.ConsignmentItemSupportingDocument(sequence_number=1, type="C651", reference_number=number)


def export_mrn(house) -> None:
    house.previous_document = [
        cc015c.HouseConsignmentPreviousDocument(sequence_number=1, type="N830", reference_number="26DE000000000123E0")
    ]


# ---------------------------------------------------------------------- C0045
def test_c0045_requires_item_types_for_mixed_declarations(t1):
    t1.transit_operation.declaration_type = "T"
    found = fires(t1, "C0045")
    assert [f.path for f in found] == [f"{ITEM}[1]/declarationType", f"{ITEM}[2]/declarationType"]
    assert all(f.error_code == 13 and f.data_element == "11 01 000 000" for f in found)


def test_c0045_forbids_item_types_otherwise(t1):
    t1.consignment.house_consignment[0].consignment_item[1].declaration_type = "T2"
    (finding,) = fires(t1, "C0045")
    assert finding.path == f"{ITEM}[2]/declarationType"
    assert finding.error_code == 15
    assert finding.value == "T2"


def test_c0045_silent_for_mixed_declaration_with_item_types(t1):
    t1.transit_operation.declaration_type = "T"
    for item, kind in zip(t1.consignment.house_consignment[0].consignment_item, ["T1", "T2"], strict=True):
        item.declaration_type = kind
    silent(t1, "C0045")


def test_c0045_silent_on_baseline(t1):
    silent(t1, "C0045")


# ---------------------------------------------------------------------- R0601
def test_r0601_export_of_excise_goods_needs_t1_at_header(t1):
    house = t1.consignment.house_consignment[0]
    export_mrn(house)
    house.consignment_item[0].additional_reference = [excise_reference()]
    t1.transit_operation.declaration_type = "T2"
    (finding,) = fires(t1, "R0601")
    assert finding.path == "/CC015C/TransitOperation/declarationType"
    assert finding.error_code == 14
    assert "T1 or TIR" in finding.message


@pytest.mark.parametrize("header", ["T1", "TIR"])
def test_r0601_silent_for_export_of_excise_goods_under_t1_or_tir(t1, header):
    house = t1.consignment.house_consignment[0]
    export_mrn(house)
    house.consignment_item[0].additional_reference = [excise_reference()]
    t1.transit_operation.declaration_type = header
    silent(t1, "R0601")


def test_r0601_export_of_excise_goods_needs_t1_at_item(t1):
    house = t1.consignment.house_consignment[0]
    export_mrn(house)
    t1.transit_operation.declaration_type = "T"
    house.consignment_item[0].declaration_type = "T2"
    house.consignment_item[1].declaration_type = "T1"
    house.consignment_item[0].additional_reference = [excise_reference()]
    (finding,) = fires(t1, "R0601")
    assert finding.path == f"{ITEM}[1]/declarationType"


def test_r0601_excise_suspension_needs_t2(t1):
    t1.consignment.house_consignment[0].consignment_item[1].supporting_document = [excise_document()]
    (finding,) = fires(t1, "R0601")
    assert finding.path == "/CC015C/TransitOperation/declarationType"
    assert "T2 or T2F" in finding.message


def test_r0601_silent_for_excise_suspension_under_t2(t1):
    t1.transit_operation.declaration_type = "T2F"
    t1.consignment.house_consignment[0].consignment_item[1].supporting_document = [excise_document()]
    silent(t1, "R0601")


def test_r0601_silent_without_excise_documents(t1):
    silent(t1, "R0601")


# ---------------------------------------------------------------------- R0909
def to_san_marino(msg, departure: str) -> None:
    msg.customs_office_of_destination_declared.reference_number = "SM000100"
    msg.customs_office_of_departure.reference_number = departure


def test_r0909_from_italy_needs_t2sm(t1):
    to_san_marino(t1, "IT018100")
    (finding,) = fires(t1, "R0909")
    assert finding.path == "/CC015C/TransitOperation/declarationType"
    assert "T2SM" in finding.message


def test_r0909_silent_from_italy_with_t2sm(t1):
    to_san_marino(t1, "IT018100")
    t1.transit_operation.declaration_type = "T2SM"
    silent(t1, "R0909")


def test_r0909_from_other_union_country_needs_t2(t1):
    to_san_marino(t1, "DE004058")
    (finding,) = fires(t1, "R0909")
    assert finding.path == "/CC015C/TransitOperation/declarationType"
    assert "T2 or T2F" in finding.message


def test_r0909_checks_item_types_of_mixed_declarations(t1):
    to_san_marino(t1, "DE004058")
    t1.transit_operation.declaration_type = "T"
    items = t1.consignment.house_consignment[0].consignment_item
    items[0].declaration_type, items[1].declaration_type = "T2", "T1"
    (finding,) = fires(t1, "R0909")
    assert finding.path == f"{ITEM}[2]/declarationType"


@pytest.mark.parametrize("kind", ["T2", "T2F"])
def test_r0909_silent_for_union_goods(t1, kind):
    to_san_marino(t1, "DE004058")
    t1.transit_operation.declaration_type = kind
    silent(t1, "R0909")


def test_r0909_silent_for_other_destinations(t1):
    silent(t1, "R0909")


# ---------------------------------------------------------------------- R0507
@pytest.mark.parametrize(
    ("field", "xml", "values"),
    [
        ("country_of_dispatch", "countryOfDispatch", ("DE", "DE")),
        ("country_of_destination", "countryOfDestination", ("NL", "NL")),
        ("reference_number_ucr", "referenceNumberUCR", ("UCR-1", "UCR-1")),
        ("declaration_type", "declarationType", ("T1", "T1")),
    ],
)
def test_r0507_fires_when_every_item_repeats_the_same_value(t1, field, xml, values):
    for item, value in zip(t1.consignment.house_consignment[0].consignment_item, values, strict=True):
        setattr(item, field, value)
    (finding,) = fires(t1, "R0507")
    assert finding.path == f"{ITEM}[1]/{xml}"
    assert finding.error_code == 14


def test_r0507_fires_for_a_single_item_value(tir):
    tir.consignment.house_consignment[0].consignment_item[0].country_of_dispatch = "PL"
    (finding,) = fires(tir, "R0507")
    assert finding.path.endswith("ConsignmentItem[1]/countryOfDispatch")


def test_r0507_silent_when_items_differ(t1):
    items = t1.consignment.house_consignment[0].consignment_item
    items[0].country_of_dispatch, items[1].country_of_dispatch = "DE", "PL"
    items[0].reference_number_ucr = "UCR-1"  # not on every item
    silent(t1, "R0507")


# ---------------------------------------------------------------------- C0343 / C0909
COUNTRY_LEVELS = [
    ("C0343", "country_of_destination", "countryOfDestination"),
    ("C0909", "country_of_dispatch", "countryOfDispatch"),
]


@pytest.mark.parametrize(("rule_id", "field", "xml"), COUNTRY_LEVELS)
def test_country_levels_forbid_lower_levels_when_consignment_has_it(t1, rule_id, field, xml):
    house = t1.consignment.house_consignment[0]
    setattr(house, field, "BE")
    setattr(house.consignment_item[1], field, "BE")
    found = fires(t1, rule_id)
    assert {f.path for f in found} == {
        f"/CC015C/Consignment/HouseConsignment[1]/{xml}",
        f"{ITEM}[2]/{xml}",
    }
    assert all(f.error_code == 15 for f in found)


@pytest.mark.parametrize(("rule_id", "field", "xml"), COUNTRY_LEVELS)
def test_country_levels_forbid_item_value_when_house_has_it(t1, rule_id, field, xml):
    setattr(t1.consignment, field, None)
    house = t1.consignment.house_consignment[0]
    setattr(house, field, "BE")
    setattr(house.consignment_item[0], field, "BE")
    (finding,) = fires(t1, rule_id)
    assert finding.path == f"{ITEM}[1]/{xml}"
    assert finding.error_code == 15


@pytest.mark.parametrize(("rule_id", "field", "xml"), COUNTRY_LEVELS)
def test_country_levels_require_item_value_when_no_level_has_it(t1, rule_id, field, xml):
    setattr(t1.consignment, field, None)
    setattr(t1.consignment.house_consignment[0].consignment_item[0], field, "BE")
    (finding,) = fires(t1, rule_id)
    assert finding.path == f"{ITEM}[2]/{xml}"
    assert finding.error_code == 13


@pytest.mark.parametrize(("rule_id", "field"), [("C0343", "country_of_destination"), ("C0909", "country_of_dispatch")])
def test_country_levels_silent_at_house_level(t1, rule_id, field):
    setattr(t1.consignment, field, None)
    setattr(t1.consignment.house_consignment[0], field, "BE")
    silent(t1, rule_id)


@pytest.mark.parametrize("rule_id", ["C0343", "C0909"])
def test_country_levels_silent_on_baseline(t1, rule_id):
    silent(t1, rule_id)


# ---------------------------------------------------------------------- C0502
def test_c0502_requires_ucr_without_transport_document(t1):
    found = fires(t1, "C0502")
    assert [f.path for f in found] == [f"{ITEM}[1]/referenceNumberUCR", f"{ITEM}[2]/referenceNumberUCR"]
    assert all(f.error_code == 13 and f.data_element == "12 08 000 000" for f in found)


def test_c0502_silent_with_consignment_ucr(t1):
    t1.consignment.reference_number_ucr = "DE-UCR-2026-1"
    silent(t1, "C0502")


def test_c0502_silent_with_transport_document(t1):
    t1.consignment.house_consignment[0].transport_document = [
        cc015c.ConsignmentTransportDocument(sequence_number=1, type="N730", reference_number="CMR-4711")
    ]
    silent(t1, "C0502")


def test_c0502_forbids_lower_levels_when_consignment_has_ucr(t1):
    t1.consignment.reference_number_ucr = "DE-UCR-2026-1"
    t1.consignment.house_consignment[0].reference_number_ucr = "HC-1"
    t1.consignment.house_consignment[0].consignment_item[0].reference_number_ucr = "I-1"
    found = fires(t1, "C0502")
    assert {f.path for f in found} == {
        "/CC015C/Consignment/HouseConsignment[1]/referenceNumberUCR",
        f"{ITEM}[1]/referenceNumberUCR",
    }
    assert all(f.error_code == 15 for f in found)


def test_c0502_suspended_in_transition(t1):
    if "C0502" in {r.id for r in applicable("CC015C", Options(phase="transition"))}:
        pytest.skip("B1895 (another topic) is not declared yet")
    silent(t1, "C0502", phase="transition")


# ---------------------------------------------------------------------- C0511, B1833
def test_c0511_requires_correlation_for_listed_message_types(t1, install_list):
    install_list("CL610", ["CC015C"])  # test data: pretend CC015C answers another message
    (finding,) = fires(t1, "C0511")
    assert finding.path == "/CC015C/correlationIdentifier"
    assert finding.error_code == 13


def test_c0511_forbids_correlation_for_messages_without_header(ie170, install_list):
    install_list("CL610", ["CC004C"])
    install_list("CL385", ["CC170C"])  # test data
    ie170.correlation_identifier = "MSG-1"
    (finding,) = fires(ie170, "C0511")
    assert finding.path == "/CC170C/correlationIdentifier"
    assert finding.error_code == 15


def test_c0511_silent_when_correlation_is_optional(t1, install_list):
    install_list("CL610", ["CC004C"])
    install_list("CL385", ["CC999C"])
    t1.correlation_identifier = "MSG-1"
    silent(t1, "C0511")
    assert not not_checked(t1, "C0511")


def test_c0511_not_checked_without_its_code_lists(t1, install_list):
    silent(t1, "C0511")
    (reason,) = not_checked(t1, "C0511")
    assert "CL610" in reason.reason


def test_b1833_suspends_c0511_in_transition(t1, install_list):
    install_list("CL610", ["CC015C"])
    fires(t1, "C0511")
    silent(t1, "C0511", phase="transition")
    silent(t1, "B1833", phase="transition")


def test_b1833_applies_in_transition_only():
    final = {r.id for r in applicable("CC015C", Options(phase="final"))}
    transition = {r.id for r in applicable("CC015C", Options(phase="transition"))}
    assert "B1833" in transition and "B1833" not in final
    assert "C0511" in final and "C0511" not in transition
    # "C0511 attached to /*/correlationIdentifier shall be disabled": the suspension holds in IE170 too
    assert "C0511" in {r.id for r in applicable("CC170C", Options(phase="final"))}
    assert "C0511" not in {r.id for r in applicable("CC170C", Options(phase="transition"))}


def test_findings_helper_sees_no_internal_errors(t1):
    """None of this topic's checks crashes on the baseline (a crash would hide as 'not checked')."""
    import ncts5

    report = ncts5.validate(t1)
    assert not [n for n in report.not_checked if "internal error" in n.reason]
    assert findings_of(t1, "R0601") == []
