"""Rules on TRANSPORT EQUIPMENT, SEAL and GOODS REFERENCE."""

from __future__ import annotations

from typing import Any

import pytest

import ncts5
from ncts5.messages import cc015c, cc170c
from ncts5.rules.registry import get
from tests.rules.conftest import fires, silent

TE = "/CC015C/Consignment/TransportEquipment"


def equipment(
    seq: int = 1,
    container: str | None = "MSCU1234567",
    seals: tuple[str, ...] = (),
    refs: tuple[int, ...] = (),
    *,
    module=cc015c,
) -> Any:
    """A transport equipment with the given container number, seal identifiers and goods item numbers."""
    return module.TransportEquipment(
        sequence_number=seq,
        container_identification_number=container,
        number_of_seals=len(seals),
        seal=[module.Seal(sequence_number=i, identifier=s) for i, s in enumerate(seals, 1)],
        goods_reference=[
            module.GoodsReference(sequence_number=i, declaration_goods_item_number=n) for i, n in enumerate(refs, 1)
        ],
    )


def containers(msg: Any, *items: Any) -> None:
    msg.consignment.container_indicator = "1"
    msg.consignment.transport_equipment = list(items)


def not_checked(message: Any, rule_id: str, **options: Any) -> list[Any]:
    return [n for n in ncts5.validate(message, **options).not_checked if n.rule == rule_id]


# ---------------------------------------------------------------------- C0055
def test_c0055_forbids_container_numbers_without_containers(tir):
    tir.consignment.transport_equipment[0].container_identification_number = "MSCU1234567"
    (finding,) = fires(tir, "C0055")
    assert finding.path == f"{TE}[1]/containerIdentificationNumber"
    assert finding.error_code == 15
    assert finding.value == "MSCU1234567"


def test_c0055_requires_one_container_number_with_containers(t1):
    containers(t1, equipment(1, None, refs=(1,)), equipment(2, None, refs=(2,)))
    (finding,) = fires(t1, "C0055")
    assert finding.path == f"{TE}[1]/containerIdentificationNumber"
    assert finding.error_code == 13
    assert finding.data_element == "19 07 063 000"


def test_c0055_in_ie170(ie170):
    ie170.consignment.transport_equipment = [equipment(module=cc170c)]
    (finding,) = fires(ie170, "C0055")
    assert finding.path == "/CC170C/Consignment/TransportEquipment[1]/containerIdentificationNumber"


def test_c0055_silent(t1, tir):
    silent(tir, "C0055")
    containers(t1, equipment(1, "MSCU1234567", refs=(1,)), equipment(2, None, ("S1",), refs=(2,)))
    silent(t1, "C0055")


# ---------------------------------------------------------------------- C0670 / G0670
def test_c0670_requires_goods_references_for_sealed_non_containerised_goods(tir):
    # The tir.xml example itself breaks C0670: its single, sealed transport equipment is not a container.
    (finding,) = fires(tir, "C0670")
    assert finding.path == f"{TE}[1]/GoodsReference"
    assert finding.error_code == 13
    assert finding.data_element == "19 07 044 000"


def test_c0670_requires_goods_references_with_several_containers(t1):
    containers(t1, equipment(1, "MSCU1234567", refs=(1,)), equipment(2, "MSCU7654321"))
    (finding,) = fires(t1, "C0670")
    assert finding.path == f"{TE}[2]/GoodsReference"


def test_c0670_in_ie170(ie170):
    ie170.consignment.container_indicator = "1"
    ie170.consignment.transport_equipment = [
        equipment(1, module=cc170c, refs=(1,)),
        equipment(2, "MSCU7654321", module=cc170c),
    ]
    (finding,) = fires(ie170, "C0670")
    assert finding.path == "/CC170C/Consignment/TransportEquipment[2]/GoodsReference"


def test_c0670_silent_for_one_container_or_with_references(t1, tir):
    containers(t1, equipment())
    silent(t1, "C0670")
    tir.consignment.transport_equipment[0].goods_reference = [
        cc015c.GoodsReference(sequence_number=1, declaration_goods_item_number=1)
    ]
    silent(tir, "C0670")


def test_g0670_is_not_checkable():
    r = get("G0670")
    assert r.status == "not-checkable"
    assert "container" in r.reason


# ---------------------------------------------------------------------- G0006
def test_g0006_goods_reference_names_a_declared_goods_item(t1):
    containers(t1, equipment(1, refs=(1, 3)))
    (finding,) = fires(t1, "G0006")
    assert finding.severity == "warning"
    assert finding.path == f"{TE}[1]/GoodsReference[2]/declarationGoodsItemNumber"
    assert finding.value == "3"


def test_g0006_silent_for_declared_goods_items(t1):
    containers(t1, equipment(1, refs=(1, 2)))
    silent(t1, "G0006")


def test_g0006_not_decided_in_ie170(ie170):
    ie170.consignment.transport_equipment = [equipment(module=cc170c, refs=(7,))]
    silent(ie170, "G0006")
    (nc,) = not_checked(ie170, "G0006")
    assert "IE015" in nc.reason


# ---------------------------------------------------------------------- C0569
def test_c0569_requires_seals_when_counted(tir):
    tir.consignment.transport_equipment[0].seal = []
    (finding,) = fires(tir, "C0569")
    assert finding.path == f"{TE}[1]/Seal"
    assert finding.error_code == 13
    assert finding.data_element == "19 10 000 000"


def test_c0569_forbids_seals_when_the_count_is_zero(tir):
    tir.consignment.transport_equipment[0].number_of_seals = 0
    (finding,) = fires(tir, "C0569")
    assert finding.path == f"{TE}[1]/Seal[1]"
    assert finding.error_code == 15


def test_c0569_in_ie170(ie170):
    te = equipment(module=cc170c, seals=("S1",))
    te.number_of_seals = 0
    ie170.consignment.transport_equipment = [te]
    (finding,) = fires(ie170, "C0569")
    assert finding.path == "/CC170C/Consignment/TransportEquipment[1]/Seal[1]"


def test_c0569_silent(tir, t1):
    silent(tir, "C0569")
    containers(t1, equipment())
    silent(t1, "C0569")


# ---------------------------------------------------------------------- R0106 / B1832
def test_r0106_number_of_seals_equals_the_last_seal_number(tir):
    tir.consignment.transport_equipment[0].number_of_seals = 2
    (finding,) = fires(tir, "R0106")
    assert finding.path == f"{TE}[1]/numberOfSeals"
    assert finding.value == "2"
    assert finding.error_code == 14


def test_r0106_in_ie170(ie170):
    te = equipment(module=cc170c, seals=("S1", "S2"))
    te.seal[1].sequence_number = 3
    ie170.consignment.transport_equipment = [te]
    (finding,) = fires(ie170, "R0106")
    assert "numbered up to 3" in finding.message


def test_r0106_silent(tir):
    silent(tir, "R0106")


def test_b1832_suspends_r0106_in_the_transition_phase(tir):
    assert get("B1832").suspends == ("R0106",)
    tir.consignment.transport_equipment[0].number_of_seals = 2
    fires(tir, "R0106")
    silent(tir, "R0106", phase="transition")
    silent(tir, "B1832", phase="transition")


# ---------------------------------------------------------------------- R0107
def test_r0107_seal_identifiers_are_unique_in_the_declaration(t1):
    containers(t1, equipment(1, "MSCU1234567", ("S1", "S2"), (1,)), equipment(2, "MSCU7654321", ("S3", "S1"), (2,)))
    (finding,) = fires(t1, "R0107")
    assert finding.path == f"{TE}[2]/Seal[2]/identifier"
    assert f"{TE}[1]/Seal[1]/identifier" in finding.message
    assert finding.error_code == 14


def test_r0107_in_ie170(ie170):
    ie170.consignment.transport_equipment = [equipment(module=cc170c, seals=("S1", "S1"))]
    (finding,) = fires(ie170, "R0107")
    assert finding.path == "/CC170C/Consignment/TransportEquipment[1]/Seal[2]/identifier"


def test_r0107_silent(t1, tir):
    silent(tir, "R0107")
    containers(t1, equipment(1, "MSCU1234567", ("S1", "S2"), (1,)), equipment(2, "MSCU7654321", ("S3",), (2,)))
    silent(t1, "R0107")


# ---------------------------------------------------------------------- R0448
def test_r0448_equipment_without_container_needs_seals(tir):
    tir.consignment.transport_equipment[0].number_of_seals = 0
    tir.consignment.transport_equipment[0].seal = []
    (finding,) = fires(tir, "R0448")
    assert finding.path == f"{TE}[1]/numberOfSeals"
    assert finding.value == "0"
    assert finding.error_code == 14


def test_r0448_in_ie170(ie170):
    ie170.consignment.transport_equipment = [equipment(container=None, module=cc170c)]
    (finding,) = fires(ie170, "R0448")
    assert finding.path == "/CC170C/Consignment/TransportEquipment[1]/numberOfSeals"


def test_r0448_silent_for_sealed_equipment_or_unsealed_containers(tir, t1):
    silent(tir, "R0448")
    containers(t1, equipment())
    silent(t1, "R0448")


# ---------------------------------------------------------------------- R0165
def authorise(msg: Any, type_: str) -> None:
    msg.authorisation = [cc015c.Authorisation(sequence_number=1, type=type_, reference_number="DE-AUTH-0001")]


def test_r0165_seals_authorisation_requires_seals(t1):
    authorise(t1, "C523")
    containers(t1, equipment(1, refs=(1,)), equipment(2, "MSCU7654321", ("S1",), (2,)))
    (finding,) = fires(t1, "R0165")
    assert finding.path == f"{TE}[1]/numberOfSeals"
    assert finding.error_code == 14
    assert "C523" in finding.message


def test_r0165_silent_with_seals_or_without_the_authorisation(t1, tir):
    authorise(tir, "C523")
    silent(tir, "R0165")
    containers(t1, equipment())
    silent(t1, "R0165")


def test_r0165_not_decided_for_authorised_consignor_without_seals(t1):
    authorise(t1, "C521")
    containers(t1, equipment())
    silent(t1, "R0165")
    (nc,) = not_checked(t1, "R0165")
    assert nc.path == f"{TE}[1]/numberOfSeals"


@pytest.mark.parametrize("rule_id", ["R0165", "B1832"])
def test_ie015_only_rules_are_named_only_in_the_ie015_table(rule_id):
    assert get(rule_id).messages == ("CC015C",)
