"""The CONSIGNEE rules and additional information code 30600 (consignee unknown).

The cases follow the declaration guide (13 03 000 000 Consignee, 12 02 000 000 Additional
information): one consignee at consignment level, several at house consignment level and then
not the same for all, none at all with code 30600, and code 30600 refused for goods going to a
common-transit country.
"""

from __future__ import annotations

import pytest

import ncts5
from ncts5 import codelists
from ncts5.messages import cc015c as m
from ncts5.rules.registry import get
from tests.rules.conftest import fires, load, silent

# Complete copies of the country lists the rules read, as in the official reference data
# snapshot of 2025-02-12, so that results do not depend on what ncts5 packages.
COUNTRY_LISTS = {
    "CL009": "AD AT AX BE BG CH CY CZ DE DK EE ES FI FR GB GF GG GP GR HR HU IE IM IS IT JE LI LT LU LV MC MF MK "
    "MQ MT NL NO PL PT RE RO RS SE SI SJ SK SM TR UA XI XS YT",
    "CL010": "AT AX BE BG CY CZ DE DK EE ES FI FR GF GP GR HR HU IE IT LT LU LV MC MF MQ MT NL PL PT RE RO SE SI SK "
    "XI YT",
    "CL198": "IE LU",
    "CL505": "AE AG AO AQ AW BF BI BJ BO BQ BS BV BW BZ CF CG CI CK CM CW DM ER FJ GA GD GM GQ GY HK IR JM KM KR LY "
    "ML MR QA RW SB SC SL SO SR SS ST SX SY TD TG TK TO TV VU YE ZW",
}

CONSIGNEE_RULES = ("C0001", "R3060", "R3061", "R3062", "G0001", "B1820", "B1821", "B1822", "B1877", "B2400")


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    """A code list data directory of the test's own: packaged lists only, nothing the user imported."""
    path = tmp_path / "data"
    monkeypatch.setenv(codelists.ENV_VAR, str(path))
    codelists.reload()
    yield path
    codelists.reload()  # lazy: the next lookup reads the restored environment


@pytest.fixture
def lists(data_dir, tmp_path):
    """Complete CL009, CL010, CL198 and CL505 imported into the test's data directory."""
    for list_id, codes in COUNTRY_LISTS.items():
        src = tmp_path / f"{list_id}.csv"
        src.write_text("code,description\n" + "".join(f"{c},{c}\n" for c in codes.split()), encoding="utf-8")
        codelists.import_list(src, list_id, data_dir=data_dir)
    codelists.reload()


def not_checked(message, rule_id, **options):
    return [n for n in ncts5.validate(message, **options).not_checked if n.rule == rule_id]


def consignee(cls=m.HouseConsignmentConsignee, name="Maas Import BV", country="NL", postcode="3089 JH"):
    address_cls = {
        m.HouseConsignmentConsignee: m.HouseConsignmentConsigneeAddress,
        m.ConsignmentItemConsignee: m.ConsignmentItemConsigneeAddress,
    }[cls]
    address = address_cls(street_and_number="Havenweg 8", postcode=postcode, city="Rotterdam", country=country)
    return cls(name=name, address=address)


def code_30600(cls, seq=1):
    return cls(sequence_number=seq, code="30600", text="to order, blank endorsed")


def second_house_consignment(msg):
    """Split the T1 example's two items into two house consignments."""
    hc1 = msg.consignment.house_consignment[0]
    hc2 = hc1.model_copy(deep=True)
    hc2.sequence_number = 2
    hc1.consignment_item = hc1.consignment_item[:1]
    hc2.consignment_item = hc2.consignment_item[1:]
    msg.consignment.house_consignment.append(hc2)
    return hc1, hc2


def unknown_consignee(msg, destination="US", security="2"):
    """Goods going outside the common-transit area with safety and security data: code 30600 may be used."""
    msg.transit_operation.security = security
    msg.consignment.country_of_destination = destination


# ---------------------------------------------------------------- the user's case


@pytest.mark.usefixtures("data_dir")
def test_code_30600_next_to_a_consignment_consignee_gives_one_clear_finding(t1):
    """T1 to NL, consignee at consignment level, plus code 30600: only R3060, at the code.

    Out of the box: only the code lists ncts5 packages, nothing imported.
    """
    baseline = {(f.rule, f.path) for f in ncts5.validate(load("t1-road.xml")).findings}
    t1.consignment.additional_information = [code_30600(m.ConsignmentAdditionalInformation)]
    report = ncts5.validate(t1)
    new = [f for f in report.findings if (f.rule, f.path) not in baseline]
    assert [(f.rule, f.path, f.error_code) for f in new] == [
        ("R3060", "/CC015C/Consignment/AdditionalInformation[1]/code", 14)
    ]
    (finding,) = new
    assert finding.severity == "error"
    assert finding.data_element == "12 02 008 000"
    assert finding.value == "30600"
    assert "NL" in finding.message
    assert finding.message.endswith("remove this 12 02 000 000 Additional information")
    assert not [n for n in report.not_checked if n.rule in CONSIGNEE_RULES]


# ---------------------------------------------------------------- R3060 / R3062 / R3061


def test_r3060_fires_when_only_an_item_goes_to_a_common_transit_country(t1, lists):
    unknown_consignee(t1)
    t1.consignment.consignee = None
    t1.consignment.house_consignment[0].consignment_item[1].country_of_destination = "CH"
    t1.consignment.additional_information = [code_30600(m.ConsignmentAdditionalInformation)]
    (finding,) = fires(t1, "R3060")
    assert finding.path == "/CC015C/Consignment/AdditionalInformation[1]/code"
    assert finding.error_code == 14
    assert "CH" in finding.message
    assert finding.message.endswith("and declare 13 03 000 000 Consignee")


def test_r3060_silent_for_destinations_outside_common_transit(t1, lists):
    unknown_consignee(t1)
    t1.consignment.consignee = None
    t1.consignment.additional_information = [code_30600(m.ConsignmentAdditionalInformation)]
    silent(t1, "R3060")


def test_r3060_silent_for_other_codes(t1):
    t1.consignment.additional_information = [m.ConsignmentAdditionalInformation(sequence_number=1, code="20300")]
    silent(t1, "R3060")


def test_r3060_not_checked_when_cl009_cannot_decide(t1, data_dir):
    if codelists.available("CL009") and codelists.get("CL009").complete:
        pytest.skip("a complete CL009 is packaged: every destination can be decided")
    unknown_consignee(t1)
    t1.consignment.consignee = None
    t1.consignment.additional_information = [code_30600(m.ConsignmentAdditionalInformation)]
    silent(t1, "R3060")
    (nc,) = not_checked(t1, "R3060")
    assert nc.path == "/CC015C/Consignment/AdditionalInformation[1]/code"
    assert "CL009" in nc.reason


def test_r3062_fires_for_a_house_consignment_going_to_a_common_transit_country(t1):
    t1.consignment.consignee = None
    t1.consignment.house_consignment[0].additional_information = [code_30600(m.HouseConsignmentAdditionalInformation)]
    (finding,) = fires(t1, "R3062")
    assert finding.path == "/CC015C/Consignment/HouseConsignment[1]/AdditionalInformation[1]/code"
    assert finding.error_code == 14


def test_r3062_silent_outside_common_transit(t1, lists):
    unknown_consignee(t1)
    t1.consignment.consignee = None
    t1.consignment.house_consignment[0].additional_information = [code_30600(m.HouseConsignmentAdditionalInformation)]
    silent(t1, "R3062")


def test_r3061_fires_for_code_30600_on_an_item(t1, lists):
    unknown_consignee(t1)
    item = t1.consignment.house_consignment[0].consignment_item[1]
    item.additional_information = [code_30600(m.ConsignmentItemAdditionalInformation)]
    (finding,) = fires(t1, "R3061")
    assert finding.path == "/CC015C/Consignment/HouseConsignment[1]/ConsignmentItem[2]/AdditionalInformation[1]/code"
    assert finding.error_code == 14
    assert "house consignment" in finding.message


def test_r3061_silent_during_the_transition_period(t1, lists):
    """The guide: during the transition period code 30600 is entered at item level."""
    unknown_consignee(t1)
    item = t1.consignment.house_consignment[0].consignment_item[1]
    item.additional_information = [code_30600(m.ConsignmentItemAdditionalInformation)]
    silent(t1, "R3061", phase="transition")


def test_r3061_silent_without_code_30600(t1):
    silent(t1, "R3061")


# ---------------------------------------------------------------- C0001


def test_c0001_silent_for_one_consignee_at_consignment_level(t1):
    silent(t1, "C0001")


def test_c0001_consignee_at_one_level_only(t1):
    t1.consignment.house_consignment[0].consignee = consignee()
    (finding,) = fires(t1, "C0001")
    assert finding.path == "/CC015C/Consignment/HouseConsignment[1]/Consignee"
    assert finding.error_code == 15
    assert finding.data_element == "13 03 000 000"
    assert "one level only" in finding.message


def test_c0001_requires_a_consignee_for_a_common_transit_destination(t1):
    t1.consignment.consignee = None
    (finding,) = fires(t1, "C0001")
    assert finding.path == "/CC015C/Consignment/HouseConsignment[1]/Consignee"
    assert finding.error_code == 13
    assert "NL" in finding.message


def test_c0001_silent_for_several_consignees_at_house_level(t1):
    t1.consignment.consignee = None
    hc1, hc2 = second_house_consignment(t1)
    hc1.consignee = consignee(name="Maas Import BV")
    hc2.consignee = consignee(name="Delta Parts NV")
    silent(t1, "C0001")


def test_c0001_requires_a_consignee_only_for_the_house_consignment_going_to_common_transit(t1, lists):
    t1.consignment.consignee = None
    t1.consignment.country_of_destination = None
    hc1, hc2 = second_house_consignment(t1)
    hc1.country_of_destination = "US"
    hc2.country_of_destination = "NO"
    (finding,) = fires(t1, "C0001")
    assert finding.path == "/CC015C/Consignment/HouseConsignment[2]/Consignee"
    assert finding.error_code == 13


def test_c0001_requires_a_consignee_for_the_house_consignment_of_a_common_transit_item(t1, lists):
    t1.consignment.consignee = None
    t1.consignment.country_of_destination = None
    hc1, hc2 = second_house_consignment(t1)
    hc1.consignment_item[0].country_of_destination = "US"
    hc2.consignment_item[0].country_of_destination = "CH"
    (finding,) = fires(t1, "C0001")
    assert finding.path == "/CC015C/Consignment/HouseConsignment[2]/Consignee"


def test_c0001_consignee_optional_with_security_data_outside_common_transit(t1, lists):
    unknown_consignee(t1, security="1")
    t1.consignment.consignee = None
    silent(t1, "C0001")


def test_c0001_no_consignment_consignee_with_code_30600(t1, lists):
    unknown_consignee(t1)
    t1.consignment.additional_information = [code_30600(m.ConsignmentAdditionalInformation)]
    (finding,) = fires(t1, "C0001")
    assert finding.path == "/CC015C/Consignment/Consignee"
    assert finding.error_code == 15
    assert "30600" in finding.message


def test_c0001_no_house_consignee_with_code_30600_for_that_house_consignment(t1, lists):
    unknown_consignee(t1)
    t1.consignment.consignee = None
    hc1, hc2 = second_house_consignment(t1)
    hc1.consignee = consignee(name="Maas Import BV")
    hc2.consignee = consignee(name="Delta Parts NV")
    hc2.additional_information = [code_30600(m.HouseConsignmentAdditionalInformation)]
    (finding,) = fires(t1, "C0001")
    assert finding.path == "/CC015C/Consignment/HouseConsignment[2]/Consignee"
    assert finding.error_code == 15


def test_c0001_reports_a_house_consignee_once(t1, lists):
    unknown_consignee(t1)
    t1.consignment.additional_information = [code_30600(m.ConsignmentAdditionalInformation)]
    t1.consignment.house_consignment[0].consignee = consignee()
    found = fires(t1, "C0001")
    assert sorted(f.path for f in found) == [
        "/CC015C/Consignment/Consignee",
        "/CC015C/Consignment/HouseConsignment[1]/Consignee",
    ]


def test_c0001_silent_without_consignee_when_code_30600_is_used(t1, lists):
    unknown_consignee(t1)
    t1.consignment.consignee = None
    t1.consignment.additional_information = [code_30600(m.ConsignmentAdditionalInformation)]
    silent(t1, "C0001")


def test_c0001_replaced_during_the_transition_period(t1):
    t1.consignment.house_consignment[0].consignee = consignee()
    silent(t1, "C0001", phase="transition")


def test_c0001_not_checked_when_cl009_cannot_decide(t1, data_dir):
    if codelists.available("CL009") and codelists.get("CL009").complete:
        pytest.skip("a complete CL009 is packaged: every destination can be decided")
    t1.consignment.consignee = None
    t1.consignment.country_of_destination = "US"
    silent(t1, "C0001")
    (nc,) = not_checked(t1, "C0001")
    assert nc.path == "/CC015C/Consignment/countryOfDestination"


def test_c0001_one_level_rule_holds_even_when_cl009_cannot_decide(t1, data_dir):
    t1.consignment.country_of_destination = "US"
    t1.consignment.house_consignment[0].consignee = consignee()
    (finding,) = fires(t1, "C0001")
    assert finding.path == "/CC015C/Consignment/HouseConsignment[1]/Consignee"


# ---------------------------------------------------------------- G0001


def test_g0001_warns_about_a_house_consignee_next_to_code_30600(t1, lists):
    unknown_consignee(t1)
    t1.consignment.consignee = None
    hc = t1.consignment.house_consignment[0]
    hc.additional_information = [code_30600(m.HouseConsignmentAdditionalInformation)]
    hc.consignee = consignee()
    (finding,) = fires(t1, "G0001")
    assert finding.severity == "warning"
    assert finding.path == "/CC015C/Consignment/HouseConsignment[1]/Consignee"
    assert finding.error_code == 15


def test_g0001_warns_about_the_consignment_consignee_next_to_house_code_30600(t1, lists):
    unknown_consignee(t1)
    t1.consignment.house_consignment[0].additional_information = [code_30600(m.HouseConsignmentAdditionalInformation)]
    (finding,) = fires(t1, "G0001")
    assert finding.path == "/CC015C/Consignment/Consignee"


def test_g0001_items_count_during_the_transition_period_only(t1, lists):
    unknown_consignee(t1)
    t1.consignment.consignee = None
    item = t1.consignment.house_consignment[0].consignment_item[0]
    item.additional_information = [code_30600(m.ConsignmentItemAdditionalInformation)]
    item.consignee = consignee(m.ConsignmentItemConsignee)
    (finding,) = fires(t1, "G0001", phase="transition")
    assert finding.path == "/CC015C/Consignment/HouseConsignment[1]/ConsignmentItem[1]/Consignee"
    silent(t1, "G0001")


def test_g0001_silent_without_code_30600_at_house_level(t1):
    t1.consignment.additional_information = [code_30600(m.ConsignmentAdditionalInformation)]
    silent(t1, "G0001")


# ---------------------------------------------------------------- transition period: consignee per item


def test_b1820_item_consignee_refused_next_to_a_consignment_consignee(t1):
    t1.consignment.house_consignment[0].consignment_item[1].consignee = consignee(m.ConsignmentItemConsignee)
    (finding,) = fires(t1, "B1820", phase="transition")
    assert finding.path == "/CC015C/Consignment/HouseConsignment[1]/ConsignmentItem[2]/Consignee"
    assert finding.error_code == 15


def test_b1820_item_consignees_required_for_a_common_transit_destination(t1):
    t1.consignment.consignee = None
    found = fires(t1, "B1820", phase="transition")
    assert [(f.path, f.error_code) for f in found] == [
        ("/CC015C/Consignment/HouseConsignment[1]/ConsignmentItem[1]/Consignee", 13),
        ("/CC015C/Consignment/HouseConsignment[1]/ConsignmentItem[2]/Consignee", 13),
    ]


def test_b1820_silent_for_a_consignee_per_item(t1):
    t1.consignment.consignee = None
    for i, item in enumerate(t1.consignment.house_consignment[0].consignment_item):
        item.consignee = consignee(m.ConsignmentItemConsignee, name=f"Consignee {i}")
    silent(t1, "B1820", phase="transition")


def test_b1820_item_consignee_refused_with_code_30600(t1, lists):
    unknown_consignee(t1)
    t1.consignment.consignee = None
    item = t1.consignment.house_consignment[0].consignment_item[0]
    item.additional_information = [code_30600(m.ConsignmentItemAdditionalInformation)]
    item.consignee = consignee(m.ConsignmentItemConsignee)
    t1.consignment.house_consignment[0].consignment_item[1].consignee = consignee(m.ConsignmentItemConsignee)
    (finding,) = fires(t1, "B1820", phase="transition")
    assert finding.path == "/CC015C/Consignment/HouseConsignment[1]/ConsignmentItem[1]/Consignee"
    assert finding.error_code == 15


def test_b1820_item_consignee_required_with_security_data_and_no_30600(t1, lists):
    unknown_consignee(t1)
    t1.consignment.consignee = None
    t1.consignment.house_consignment[0].consignment_item[0].consignee = consignee(m.ConsignmentItemConsignee)
    (finding,) = fires(t1, "B1820", phase="transition")
    assert finding.path == "/CC015C/Consignment/HouseConsignment[1]/ConsignmentItem[2]/Consignee"
    assert finding.error_code == 13


def test_b1820_only_during_the_transition_period(t1):
    t1.consignment.consignee = None
    silent(t1, "B1820")


def test_b1821_item_consignee_without_number_needs_a_name(t1):
    c = consignee(m.ConsignmentItemConsignee)
    c.name = None
    t1.consignment.house_consignment[0].consignment_item[0].consignee = c
    (finding,) = fires(t1, "B1821", phase="transition")
    assert finding.path == "/CC015C/Consignment/HouseConsignment[1]/ConsignmentItem[1]/Consignee/name"
    assert finding.error_code == 13
    assert "13 03 016 000" in finding.message


def test_b1821_silent_with_name_and_address(t1):
    t1.consignment.house_consignment[0].consignment_item[0].consignee = consignee(m.ConsignmentItemConsignee)
    silent(t1, "B1821", phase="transition")


def test_b1821_registration_of_a_number_is_not_checked(t1):
    c = m.ConsignmentItemConsignee(identification_number="NL001234567B01")
    t1.consignment.house_consignment[0].consignment_item[0].consignee = c
    silent(t1, "B1821", phase="transition")
    (nc,) = not_checked(t1, "B1821", phase="transition")
    assert nc.path.endswith("ConsignmentItem[1]/Consignee/identificationNumber")


def test_b1822_item_consignee_postcode_required(t1, lists):
    t1.consignment.house_consignment[0].consignment_item[0].consignee = consignee(
        m.ConsignmentItemConsignee, postcode=None
    )
    (finding,) = fires(t1, "B1822", phase="transition")
    assert finding.path == "/CC015C/Consignment/HouseConsignment[1]/ConsignmentItem[1]/Consignee/Address/postcode"
    assert finding.error_code == 13


def test_b1822_silent_for_a_country_without_postcodes(t1, lists):
    t1.consignment.house_consignment[0].consignment_item[0].consignee = consignee(
        m.ConsignmentItemConsignee, postcode=None, country="AE"
    )
    silent(t1, "B1822", phase="transition")


def test_b1877_item_consignees_must_not_all_be_the_same(t1):
    t1.consignment.consignee = None
    for item in t1.consignment.house_consignment[0].consignment_item:
        item.consignee = consignee(m.ConsignmentItemConsignee)
    (finding,) = fires(t1, "B1877", phase="transition")
    assert finding.path == "/CC015C/Consignment/HouseConsignment[1]/ConsignmentItem[1]/Consignee"
    assert finding.error_code == 14


def test_b1877_item_transport_charges_must_not_all_be_the_same(t1):
    for item in t1.consignment.house_consignment[0].consignment_item:
        item.transport_charges = m.ConsignmentItemTransportCharges(method_of_payment="A")
    (finding,) = fires(t1, "B1877", phase="transition")
    assert finding.path == "/CC015C/Consignment/HouseConsignment[1]/ConsignmentItem[1]/TransportCharges"


def test_b1877_silent_when_they_differ_or_are_not_on_every_item(t1):
    items = t1.consignment.house_consignment[0].consignment_item
    items[0].consignee = consignee(m.ConsignmentItemConsignee, name="A")
    items[1].consignee = consignee(m.ConsignmentItemConsignee, name="B")
    items[0].transport_charges = m.ConsignmentItemTransportCharges(method_of_payment="A")
    silent(t1, "B1877", phase="transition")


@pytest.mark.parametrize(
    ("field", "value", "suffix"),
    [
        ("consignee", lambda: consignee(m.ConsignmentItemConsignee), "Consignee"),
        (
            "transport_document",
            lambda: [m.ConsignmentItemTransportDocument(sequence_number=1, type="N741", reference_number="CMR1")],
            "TransportDocument[1]",
        ),
        ("transport_charges", lambda: m.ConsignmentItemTransportCharges(method_of_payment="A"), "TransportCharges"),
    ],
)
def test_b2400_item_groups_refused_after_the_transition_period(t1, field, value, suffix):
    setattr(t1.consignment.house_consignment[0].consignment_item[1], field, value())
    (finding,) = fires(t1, "B2400")
    assert finding.path == f"/CC015C/Consignment/HouseConsignment[1]/ConsignmentItem[2]/{suffix}"
    assert finding.error_code == 15
    silent(t1, "B2400", phase="transition")


def test_b2400_silent_on_the_example(t1):
    silent(t1, "B2400")


def test_r0851_is_not_checkable():
    r = get("R0851")
    assert r.status == "not-checkable"
    assert "register" in r.reason


def test_consignee_rules_silent_on_every_example(t1, tir, ie170):
    for msg in (t1, tir, ie170):
        for phase in ("final", "transition"):
            assert not [str(f) for f in ncts5.validate(msg, phase=phase).findings if f.rule in CONSIGNEE_RULES]
