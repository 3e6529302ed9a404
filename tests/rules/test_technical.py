"""Technical rules E1102..E1407: transition-period formats, levels and multiplicities.

Each case changes the smallest thing in an example, then asserts the rule's
finding (path, code 50) in the transition phase and silence in the final phase;
a second value at the limit shows the boundary.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest

import ncts5
from ncts5.messages import cc015c
from ncts5.rules.context import Context
from ncts5.rules.registry import get
from tests.rules.conftest import fires, silent

TP = {"phase": "transition"}
ITEM = "/CC015C/Consignment/HouseConsignment[1]/ConsignmentItem[1]"


def _item(m: Any) -> Any:
    return m.consignment.house_consignment[0].consignment_item[0]


def _consignee(m: Any) -> Any:
    item = _item(m)
    item.consignee = cc015c.ConsignmentItemConsignee(
        name="Maas Import BV",
        address=cc015c.ConsignmentItemConsigneeAddress(
            street_and_number="Havenweg 8", postcode="3089 JH", city="Rotterdam", country="NL"
        ),
    )
    return item.consignee


def _supporting(m: Any) -> Any:
    doc = cc015c.ConsignmentItemSupportingDocument(sequence_number=1, type="N935", reference_number="INV-1")
    _item(m).supporting_document = [doc]
    return doc


def _place_of_loading(m: Any) -> Any:
    m.consignment.place_of_loading = cc015c.PlaceOfLoading(country="DE", location="Hamburg")
    return m.consignment.place_of_loading


def _border_means(m: Any) -> Any:
    means = cc015c.ActiveBorderTransportMeans(sequence_number=1, identification_number="SHIP")
    m.consignment.active_border_transport_means = [means]
    return means


# (rule, where: model getter, field, value breaking the rule, value at the limit, path)
FORMATS: list[tuple[str, Callable[[Any], Any], str, Any, Any, str]] = [
    (
        "E1102",
        lambda m: m.holder_of_the_transit_procedure.address,
        "postcode",
        "D-20457-HH",
        "D-20457-H",
        "/CC015C/HolderOfTheTransitProcedure/Address/postcode",
    ),
    (
        "E1102",
        lambda m: _consignee(m).address,
        "postcode",
        "1234567890",
        "123456789",
        f"{ITEM}/Consignee/Address/postcode",
    ),
    (
        "E1103",
        lambda m: m.consignment.departure_transport_means[0],
        "identification_number",
        "A" * 28,
        "A" * 27,
        "/CC015C/Consignment/DepartureTransportMeans[1]/identificationNumber",
    ),
    (
        "E1103",
        _border_means,
        "identification_number",
        "B" * 28,
        "B" * 27,
        "/CC015C/Consignment/ActiveBorderTransportMeans[1]/identificationNumber",
    ),
    ("E1104", lambda m: m.consignment.consignor, "name", "N" * 36, "N" * 35, "/CC015C/Consignment/Consignor/name"),
    (
        "E1104",
        lambda m: m.consignment.consignee.address,
        "street_and_number",
        "S" * 36,
        "S" * 35,
        "/CC015C/Consignment/Consignee/Address/streetAndNumber",
    ),
    (
        "E1104",
        lambda m: _item(m).previous_document[0],
        "reference_number",
        "R" * 36,
        "R" * 35,
        f"{ITEM}/PreviousDocument[1]/referenceNumber",
    ),
    ("E1104", _supporting, "reference_number", "R" * 70, "R" * 35, f"{ITEM}/SupportingDocument[1]/referenceNumber"),
    (
        "E1105",
        lambda m: _item(m).packaging[0],
        "shipping_marks",
        "M" * 43,
        "M" * 42,
        f"{ITEM}/Packaging[1]/shippingMarks",
    ),
    (
        "E1107",
        lambda m: _item(m).commodity,
        "description_of_goods",
        "D" * 281,
        "D" * 280,
        f"{ITEM}/Commodity/descriptionOfGoods",
    ),
    (
        "E1109",
        lambda m: m.consignment,
        "gross_mass",
        Decimal("1250.1234"),
        Decimal("1250.123000"),
        "/CC015C/Consignment/grossMass",
    ),
    (
        "E1109",
        lambda m: _item(m).commodity.goods_measure,
        "net_mass",
        Decimal("123456789012"),
        Decimal("12345678.901"),
        f"{ITEM}/Commodity/GoodsMeasure/netMass",
    ),
    (
        "E1109",
        lambda m: _item(m).commodity.goods_measure,
        "gross_mass",
        Decimal("0.0005"),
        Decimal("0.5"),
        f"{ITEM}/Commodity/GoodsMeasure/grossMass",
    ),
    (
        "E1111",
        lambda m: _item(m).packaging[0],
        "number_of_packages",
        100000,
        99999,
        f"{ITEM}/Packaging[1]/numberOfPackages",
    ),
    (
        "E1114",
        _place_of_loading,
        "location",
        "Hamburg-Waltershof",
        "Hamburg Waltersho",
        "/CC015C/Consignment/PlaceOfLoading/location",
    ),
    (
        "E1117",
        lambda m: _item(m).previous_document[0],
        "complement_of_information",
        "C" * 27,
        "C" * 26,
        f"{ITEM}/PreviousDocument[1]/complementOfInformation",
    ),
    (
        "E1117",
        _supporting,
        "complement_of_information",
        "C" * 35,
        "C" * 26,
        f"{ITEM}/SupportingDocument[1]/complementOfInformation",
    ),
]
FORMAT_IDS = [f"{r}-{p.rsplit('/', 1)[-1]}-{i}" for i, (r, _, _, _, _, p) in enumerate(FORMATS)]


@pytest.mark.parametrize(("rule_id", "where", "field", "bad", "good", "path"), FORMATS, ids=FORMAT_IDS)
def test_transition_format_fires(t1, rule_id, where, field, bad, good, path):
    setattr(where(t1), field, bad)
    (finding,) = fires(t1, rule_id, **TP)
    assert finding.path == path
    assert finding.error_code == 50
    assert "during the transition period" in finding.message
    assert get(rule_id).description in get(rule_id).check.__doc__  # type: ignore[union-attr]


@pytest.mark.parametrize(("rule_id", "where", "field", "bad", "good", "path"), FORMATS, ids=FORMAT_IDS)
def test_transition_format_silent_at_limit(t1, rule_id, where, field, bad, good, path):
    setattr(where(t1), field, good)
    silent(t1, rule_id, **TP)


@pytest.mark.parametrize(("rule_id", "where", "field", "bad", "good", "path"), FORMATS, ids=FORMAT_IDS)
def test_transition_format_does_not_apply_in_final_phase(t1, rule_id, where, field, bad, good, path):
    setattr(where(t1), field, bad)
    silent(t1, rule_id)


def test_e1104_message_names_the_data_element(t1):
    t1.consignment.consignor.name = "Nordwerk Maschinenbau Aktiengesellschaft"
    (finding,) = fires(t1, "E1104", **TP)
    assert finding.data_element == "13 02 016 000"
    assert "13 02 016 000 Name has format an..35" in finding.message
    assert "shorten it to at most 35" in finding.message


def test_e1118_access_code_needs_four_characters(t1):
    # The schema type already fixes the length at 4, so validate() reports a schema error first;
    # the check itself is exercised on a model changed after parsing.
    check = get("E1118").check
    ref = t1.guarantee[0].guarantee_reference[0]
    assert list(check(Context(t1, phase="transition"))) == []
    ref.access_code = "AB1"
    (finding,) = list(check(Context(t1, phase="transition")))
    assert finding.path == "/CC015C/Guarantee[1]/GuaranteeReference[1]/accessCode"
    assert "exactly 4" in finding.message


def test_e1118_silent_for_schema_valid_codes(t1):
    silent(t1, "E1118", **TP)


# ------------------------------------------------------------------ E1301 level restrictions


def _house(m: Any) -> Any:
    return m.consignment.house_consignment[0]


def _consignment_previous(m: Any) -> None:
    m.consignment.previous_document = [
        cc015c.ConsignmentPreviousDocument(sequence_number=1, type="N830", reference_number="26DE000000000123E1")
    ]


LEVELS: list[tuple[str, Callable[[Any], None], str]] = [
    ("consignment-previous-document", _consignment_previous, "/CC015C/Consignment/PreviousDocument[1]"),
    (
        "consignment-supporting-document",
        lambda m: setattr(
            m.consignment,
            "supporting_document",
            [cc015c.ConsignmentSupportingDocument(sequence_number=1, type="N935", reference_number="I")],
        ),
        "/CC015C/Consignment/SupportingDocument[1]",
    ),
    (
        "consignment-transport-document",
        lambda m: setattr(
            m.consignment,
            "transport_document",
            [cc015c.ConsignmentTransportDocument(sequence_number=1, type="N730", reference_number="C")],
        ),
        "/CC015C/Consignment/TransportDocument[1]",
    ),
    (
        "consignment-additional-reference",
        lambda m: setattr(
            m.consignment,
            "additional_reference",
            [cc015c.ConsignmentAdditionalReference(sequence_number=1, type="Y023")],
        ),
        "/CC015C/Consignment/AdditionalReference[1]",
    ),
    (
        "consignment-additional-information",
        lambda m: setattr(
            m.consignment,
            "additional_information",
            [cc015c.ConsignmentAdditionalInformation(sequence_number=1, code="30600")],
        ),
        "/CC015C/Consignment/AdditionalInformation[1]",
    ),
    (
        "house-previous-document",
        lambda m: setattr(
            _house(m),
            "previous_document",
            [cc015c.HouseConsignmentPreviousDocument(sequence_number=1, type="N337", reference_number="P")],
        ),
        "/CC015C/Consignment/HouseConsignment[1]/PreviousDocument[1]",
    ),
    (
        "house-consignor",
        lambda m: setattr(_house(m), "consignor", cc015c.HouseConsignmentConsignor(identification_number="DE1")),
        "/CC015C/Consignment/HouseConsignment[1]/Consignor",
    ),
    (
        "house-consignee",
        lambda m: setattr(_house(m), "consignee", cc015c.HouseConsignmentConsignee(identification_number="NL1")),
        "/CC015C/Consignment/HouseConsignment[1]/Consignee",
    ),
    (
        "house-departure-transport-means",
        lambda m: setattr(
            _house(m),
            "departure_transport_means",
            [
                cc015c.HouseConsignmentDepartureTransportMeans(
                    sequence_number=1, type_of_identification="30", identification_number="HH1", nationality="DE"
                )
            ],
        ),
        "/CC015C/Consignment/HouseConsignment[1]/DepartureTransportMeans[1]",
    ),
    (
        "house-ucr",
        lambda m: setattr(_house(m), "reference_number_ucr", "UCR-1"),
        "/CC015C/Consignment/HouseConsignment[1]/referenceNumberUCR",
    ),
    (
        "house-country-of-destination",
        lambda m: setattr(_house(m), "country_of_destination", "NL"),
        "/CC015C/Consignment/HouseConsignment[1]/countryOfDestination",
    ),
    (
        "house-country-of-dispatch",
        lambda m: setattr(_house(m), "country_of_dispatch", "DE"),
        "/CC015C/Consignment/HouseConsignment[1]/countryOfDispatch",
    ),
    (
        "house-transport-charges",
        lambda m: setattr(
            _house(m), "transport_charges", cc015c.HouseConsignmentTransportCharges(method_of_payment="A")
        ),
        "/CC015C/Consignment/HouseConsignment[1]/TransportCharges",
    ),
]


@pytest.mark.parametrize(("case", "mutate", "path"), LEVELS, ids=[c for c, _, _ in LEVELS])
def test_e1301_forbids_upper_levels_in_transition(t1, case, mutate, path):
    mutate(t1)
    (finding,) = fires(t1, "E1301", **TP)
    assert finding.path == path
    assert finding.error_code == 50


@pytest.mark.parametrize(("case", "mutate", "path"), LEVELS, ids=[c for c, _, _ in LEVELS])
def test_e1301_allows_every_level_in_final_phase(t1, case, mutate, path):
    mutate(t1)
    silent(t1, "E1301")


def test_e1301_previous_document_follows_the_declaration_guide(t1):
    """Guide, 12 01 000 000: in the transition period previous documents go on the house consignment item."""
    silent(t1, "E1301", **TP)  # the example files them on each goods item
    _consignment_previous(t1)
    (finding,) = fires(t1, "E1301", **TP)
    assert finding.path == "/CC015C/Consignment/PreviousDocument[1]"
    assert finding.data_element == "12 01 000 000"
    assert "may not be filed at consignment (master) level" in finding.message
    assert "on each goods item" in finding.message
    silent(t1, "E1301")


def test_e1301_consignor_and_transport_means_belong_at_master_level(t1):
    """Guide, 13 02 and 19 05: during the transition period only at master consignment level."""
    silent(t1, "E1301", **TP)  # the example declares both for the whole consignment
    _house(t1).consignor = cc015c.HouseConsignmentConsignor(identification_number="DE1")
    (finding,) = fires(t1, "E1301", **TP)
    assert "once for the whole consignment" in finding.message


def test_e1301_one_finding_per_occurrence(t1):
    t1.consignment.additional_information = [
        cc015c.ConsignmentAdditionalInformation(sequence_number=i, code="30600") for i in (1, 2)
    ]
    found = fires(t1, "E1301", **TP)
    assert [f.path for f in found] == [f"/CC015C/Consignment/AdditionalInformation[{i}]" for i in (1, 2)]


# ------------------------------------------------------------------ E1401, E1406, E1407 multiplicities


def _previous(n: int) -> list[Any]:
    return [
        cc015c.ConsignmentItemPreviousDocument(sequence_number=i, type="N830", reference_number=f"26DE00000000{i:04}E1")
        for i in range(1, n + 1)
    ]


def test_e1401_at_most_nine_previous_documents_per_item(t1):
    _item(t1).previous_document = _previous(11)
    found = fires(t1, "E1401", **TP)
    assert [f.path for f in found] == [f"{ITEM}/PreviousDocument[{i}]" for i in (10, 11)]
    assert {f.error_code for f in found} == {50}
    silent(t1, "E1401")


def test_e1401_silent_with_nine(t1):
    _item(t1).previous_document = _previous(9)
    silent(t1, "E1401", **TP)


def _second_house(m: Any) -> None:
    m.consignment.house_consignment.append(m.consignment.house_consignment[0].model_copy(deep=True))


def _two_border_means(m: Any) -> None:
    m.consignment.active_border_transport_means = [
        cc015c.ActiveBorderTransportMeans(sequence_number=i, identification_number=f"SHIP{i}") for i in (1, 2)
    ]


def _two_dangerous_goods(m: Any) -> None:
    _item(m).commodity.dangerous_goods = [
        cc015c.DangerousGoods(sequence_number=i, un_number=n) for i, n in ((1, "1202"), (2, "1203"))
    ]


@pytest.mark.parametrize(
    ("mutate", "path"),
    [
        (_second_house, "/CC015C/Consignment/HouseConsignment[2]"),
        (_two_border_means, "/CC015C/Consignment/ActiveBorderTransportMeans[2]"),
        (_two_dangerous_goods, f"{ITEM}/Commodity/DangerousGoods[2]"),
    ],
    ids=["house-consignment", "active-border-transport-means", "dangerous-goods"],
)
def test_e1406_only_one_occurrence(t1, mutate, path):
    mutate(t1)
    (finding,) = fires(t1, "E1406", **TP)
    assert finding.path == path
    assert finding.error_code == 50
    silent(t1, "E1406")


def test_e1406_silent_with_one_of_each(t1):
    _border_means(t1)
    _item(t1).commodity.dangerous_goods = [cc015c.DangerousGoods(sequence_number=1, un_number="1202")]
    silent(t1, "E1406", **TP)


def _documents(item: Any, supporting: int, transport: int, references: int) -> None:
    item.supporting_document = [
        cc015c.ConsignmentItemSupportingDocument(sequence_number=i, type="N935", reference_number=f"S{i}")
        for i in range(1, supporting + 1)
    ]
    item.transport_document = [
        cc015c.ConsignmentItemTransportDocument(sequence_number=i, type="N730", reference_number=f"T{i}")
        for i in range(1, transport + 1)
    ]
    item.additional_reference = [
        cc015c.ConsignmentItemAdditionalReference(sequence_number=i, type="Y923") for i in range(1, references + 1)
    ]


def test_e1407_at_most_99_documents_together_per_item(t1):
    _documents(_item(t1), 40, 40, 21)
    found = fires(t1, "E1407", **TP)
    assert [f.path for f in found] == [f"{ITEM}/AdditionalReference[{i}]" for i in (20, 21)]
    assert {f.error_code for f in found} == {50}
    silent(t1, "E1407")


def test_e1407_silent_with_99(t1):
    _documents(_item(t1), 40, 40, 19)
    _documents(t1.consignment.house_consignment[0].consignment_item[1], 40, 40, 19)
    silent(t1, "E1407", **TP)


# ------------------------------------------------------------------ declarations

OWN = sorted(
    {"E1102", "E1103", "E1104", "E1105", "E1107", "E1109", "E1111", "E1114", "E1117", "E1118"}
    | {"E1301", "E1401", "E1406", "E1407"}
)


@pytest.mark.parametrize("rule_id", OWN)
def test_technical_rules_are_transition_only(rule_id):
    r = get(rule_id)
    assert r.topic == "technical"
    assert r.status == "implemented"
    assert r.phases == frozenset({"transition"})
    assert r.error_code == 50
    assert r.messages == ("CC015C",)


def test_examples_meet_every_technical_rule_in_transition(t1, tir):
    for message in (t1, tir):
        report = ncts5.validate(message, **TP)
        assert not [f for f in report.findings if f.rule in OWN]
