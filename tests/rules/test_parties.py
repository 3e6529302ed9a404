"""Rules on the parties: holder, representative, consignor, consignee, carrier, supply chain actors."""

from __future__ import annotations

import pytest

import ncts5
from ncts5 import codelists
from ncts5.messages import cc015c as m
from ncts5.messages import cc170c
from ncts5.rules.registry import get
from tests.rules.conftest import fires, silent
from tests.rules.test_consignee import consignee, data_dir, lists, second_house_consignment  # noqa: F401

PARTY_RULES = ("C0250", "C0505", "C0542", "R0506", "R0850")


def not_checked(message, rule_id, **options):
    return [n for n in ncts5.validate(message, **options).not_checked if n.rule == rule_id]


# ---------------------------------------------------------------- C0250


@pytest.mark.parametrize(("field", "suffix"), [("name", "name"), ("address", "Address")])
def test_c0250_holder_without_number_needs_name_and_address(t1, field, suffix):
    holder = t1.holder_of_the_transit_procedure
    holder.identification_number = None
    setattr(holder, field, None)
    (finding,) = fires(t1, "C0250")
    assert finding.path == f"/CC015C/HolderOfTheTransitProcedure/{suffix}"
    assert finding.error_code == 13
    assert "13 07 017 000 Identification number" in finding.message


def test_c0250_applies_to_house_consignors_and_consignees(t1):
    hc = t1.consignment.house_consignment[0]
    hc.consignor = m.HouseConsignmentConsignor(name="Nordwerk Maschinenbau AG")
    c = consignee()
    c.address = None
    hc.consignee = c
    found = fires(t1, "C0250")
    assert sorted(f.path for f in found) == [
        "/CC015C/Consignment/HouseConsignment[1]/Consignee/Address",
        "/CC015C/Consignment/HouseConsignment[1]/Consignor/Address",
    ]


def test_c0250_silent_for_tir_holder_with_name_and_address(tir):
    """The TIR holder's number is not an identification number: name and address are given."""
    silent(tir, "C0250")


def test_c0250_ie170_holder_without_number(ie170):
    ie170.holder_of_the_transit_procedure.identification_number = None
    found = fires(ie170, "C0250")
    assert sorted(f.path for f in found) == [
        "/CC170C/HolderOfTheTransitProcedure/Address",
        "/CC170C/HolderOfTheTransitProcedure/name",
    ]


def test_c0250_registration_of_a_number_is_not_checked(ie170):
    silent(ie170, "C0250")
    (nc,) = not_checked(ie170, "C0250")
    assert nc.path == "/CC170C/HolderOfTheTransitProcedure/identificationNumber"
    assert "EOS" in nc.reason


# ---------------------------------------------------------------- C0505


@pytest.mark.usefixtures("lists")
def test_c0505_postcode_required(t1):
    t1.consignment.consignor.address.postcode = None
    (finding,) = fires(t1, "C0505")
    assert finding.path == "/CC015C/Consignment/Consignor/Address/postcode"
    assert finding.error_code == 13
    assert finding.data_element == "13 02 018 021"


@pytest.mark.usefixtures("lists")
def test_c0505_silent_for_a_country_without_postcodes(t1):
    address = t1.consignment.consignee.address
    address.country, address.postcode = "AE", None
    silent(t1, "C0505")


@pytest.mark.usefixtures("lists")
def test_c0505_location_of_goods_address_in_ie170(ie170):
    loc = ie170.consignment.location_of_goods
    loc.qualifier_of_identification, loc.authorisation_number = "Z", None
    loc.address = cc170c.LocationOfGoodsAddress(street_and_number="Am Hafen 12", city="Hamburg", country="DE")
    (finding,) = fires(ie170, "C0505")
    assert finding.path == "/CC170C/Consignment/LocationOfGoods/Address/postcode"


@pytest.mark.usefixtures("data_dir")
def test_c0505_not_checked_without_cl505(t1):
    if codelists.available("CL505"):
        pytest.skip("CL505 is packaged")
    t1.holder_of_the_transit_procedure.address.postcode = None
    silent(t1, "C0505")
    (nc,) = not_checked(t1, "C0505")
    assert nc.path == "/CC015C/HolderOfTheTransitProcedure/Address/postcode"


# ---------------------------------------------------------------- C0542


def test_c0542_no_consignor_with_reduced_data_set_and_no_security(t1):
    t1.transit_operation.reduced_dataset_indicator = "1"
    (finding,) = fires(t1, "C0542")
    assert finding.path == "/CC015C/Consignment/Consignor"
    assert finding.error_code == 15


def test_c0542_consignor_at_one_level_only(t1):
    t1.consignment.house_consignment[0].consignor = m.HouseConsignmentConsignor(name="Other GmbH")
    (finding,) = fires(t1, "C0542")
    assert finding.path == "/CC015C/Consignment/HouseConsignment[1]/Consignor"
    assert finding.error_code == 15


def test_c0542_house_consignors_allowed_without_consignment_consignor(t1):
    hc1, hc2 = second_house_consignment(t1)
    t1.consignment.consignor = None
    hc1.consignor = m.HouseConsignmentConsignor(name="A")
    hc2.consignor = m.HouseConsignmentConsignor(name="B")
    silent(t1, "C0542")


def test_c0542_silent_with_reduced_data_set_and_security(t1):
    t1.transit_operation.reduced_dataset_indicator = "1"
    t1.transit_operation.security = "1"
    silent(t1, "C0542")


# ---------------------------------------------------------------- R0506


def test_r0506_same_country_of_destination_for_every_house_consignment(t1):
    t1.consignment.country_of_destination = None
    hc1, hc2 = second_house_consignment(t1)
    hc1.country_of_destination = hc2.country_of_destination = "NL"
    (finding,) = fires(t1, "R0506")
    assert finding.path == "/CC015C/Consignment/HouseConsignment[1]/countryOfDestination"
    assert finding.error_code == 14
    assert "all 2 house consignments" in finding.message


def test_r0506_same_consignee_for_every_house_consignment(t1):
    """The guide: several consignees go to house consignment level and are not the same for all."""
    t1.consignment.consignee = None
    hc1, hc2 = second_house_consignment(t1)
    hc1.consignee, hc2.consignee = consignee(), consignee()
    (finding,) = fires(t1, "R0506")
    assert finding.path == "/CC015C/Consignment/HouseConsignment[1]/Consignee"


def test_r0506_transport_means_compared_without_sequence_numbers(t1):
    hc1, hc2 = second_house_consignment(t1)
    for hc, seq in ((hc1, 1), (hc2, 7)):
        hc.departure_transport_means = [
            m.HouseConsignmentDepartureTransportMeans(
                sequence_number=seq, type_of_identification="30", identification_number="HHAB1234", nationality="DE"
            )
        ]
    (finding,) = fires(t1, "R0506")
    assert finding.path == "/CC015C/Consignment/HouseConsignment[1]/DepartureTransportMeans[1]"


def test_r0506_silent_when_one_differs_or_one_is_missing(t1):
    hc1, hc2 = second_house_consignment(t1)
    hc1.country_of_destination, hc2.country_of_destination = "NL", "BE"
    hc1.reference_number_ucr = "UCR1"
    silent(t1, "R0506")


def test_r0506_silent_for_a_single_house_consignment(t1):
    t1.consignment.house_consignment[0].country_of_destination = "NL"
    silent(t1, "R0506")


def test_r0506_ie170_transport_means(ie170):
    hc1 = ie170.consignment.house_consignment[0]
    hc1.departure_transport_means = [
        cc170c.HouseConsignmentDepartureTransportMeans(
            sequence_number=1, type_of_identification="30", identification_number="HHAB1234", nationality="DE"
        )
    ]
    hc2 = hc1.model_copy(deep=True)
    hc2.sequence_number = 2
    ie170.consignment.house_consignment.append(hc2)
    (finding,) = fires(ie170, "R0506")
    assert finding.path == "/CC170C/Consignment/HouseConsignment[1]/DepartureTransportMeans[1]"


# ---------------------------------------------------------------- R0850


@pytest.mark.parametrize("number", ["de123456789012345", "123456789", "D"])
@pytest.mark.usefixtures("lists")
def test_r0850_eori_format_where_lodged_in_the_eu(t1, number):
    t1.holder_of_the_transit_procedure.identification_number = number
    (finding,) = fires(t1, "R0850")
    assert finding.path == "/CC015C/HolderOfTheTransitProcedure/identificationNumber"
    assert finding.error_code == 14
    assert finding.value == number
    assert "EORI or TCUIN" in finding.message


@pytest.mark.usefixtures("lists")
def test_r0850_applies_to_representative_and_location_operator(ie170):
    ie170.representative = cc170c.Representative(identification_number="12345", status="2")
    loc = ie170.consignment.location_of_goods
    loc.qualifier_of_identification, loc.authorisation_number = "X", None
    loc.economic_operator = cc170c.EconomicOperator(identification_number="DE 123")
    found = fires(ie170, "R0850")
    assert sorted(f.path for f in found) == [
        "/CC170C/Consignment/LocationOfGoods/EconomicOperator/identificationNumber",
        "/CC170C/Representative/identificationNumber",
    ]


@pytest.mark.usefixtures("lists")
def test_r0850_national_numbers_outside_the_eu(t1):
    t1.customs_office_of_departure.reference_number = "CH001234"
    t1.holder_of_the_transit_procedure.identification_number = "123456789"
    silent(t1, "R0850")
    assert {n.path for n in not_checked(t1, "R0850")} == {
        "/CC015C/HolderOfTheTransitProcedure/identificationNumber",
        "/CC015C/Consignment/Consignor/identificationNumber",
    }


@pytest.mark.usefixtures("lists")
def test_r0850_silent_for_eori_numbers(t1):
    silent(t1, "R0850")
    assert not_checked(t1, "R0850"), "registration in EOS is reported as not checked"


# ---------------------------------------------------------------- not checkable


@pytest.mark.parametrize("rule_id", ["R0840", "G0062", "G0105", "G0123", "G0201", "G0825", "G0850"])
def test_declared_not_checkable_with_a_reason(rule_id):
    r = get(rule_id)
    assert r.status == "not-checkable"
    assert r.reason and r.topic == "parties"


@pytest.mark.usefixtures("lists")
def test_party_rules_silent_on_every_example(t1, tir, ie170):
    for msg in (t1, tir, ie170):
        for phase in ("final", "transition"):
            assert not [str(f) for f in ncts5.validate(msg, phase=phase).findings if f.rule in PARTY_RULES]
