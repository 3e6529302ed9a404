"""Declaration-header rules: data groups the transit operation governs, holder and carrier, gross mass."""

from __future__ import annotations

from decimal import Decimal

import pytest

import ncts5
from ncts5 import codelists
from ncts5.messages import cc015c, cc170c
from tests.rules.conftest import fires, silent

#: Official lists (reference data 2025-02-12). The packaged CL010 and CL147 name only some
#: codes, so a country outside them is "not checked"; these tests import complete lists.
FULL_LISTS = {
    "CL010": "AT AX BE BG CY CZ DE DK EE ES FI FR GF GP GR HR HU IE IT LT LU LV MC MF MQ MT NL PL PT RE RO SE SI SK "
    "XI YT",
    "CL147": "AD AT AX BE BG CH CY CZ DE DK EE ES FI FR GF GP GR HR HU IE IT LI LT LU LV MC MF MQ MT NL NO PL PT RE "
    "RO SE SI SK SM XI YT",
}


@pytest.fixture
def full_lists(tmp_path, monkeypatch):
    """Complete CL010 and CL147 in a private data directory for one test."""
    data_dir = tmp_path / "ncts5-data"
    monkeypatch.setenv(codelists.ENV_VAR, str(data_dir))
    for list_id, codes in FULL_LISTS.items():
        csv = tmp_path / f"{list_id}.csv"
        csv.write_text("code,description\n" + "".join(f"{c},{list_id} {c}\n" for c in codes.split()))
        codelists.import_list(csv, list_id, data_dir=data_dir)
    codelists.reload()
    yield
    codelists.reload()


def unloading():
    return cc015c.PlaceOfUnloading(un_locode="NLRTM")


def loading():
    return cc015c.PlaceOfLoading(un_locode="DEHAM")


def routing(*countries):
    return [cc015c.CountryOfRoutingOfConsignment(sequence_number=i, country=c) for i, c in enumerate(countries, 1)]


def border_means(n=1):
    return [
        cc015c.ActiveBorderTransportMeans(
            sequence_number=i,
            customs_office_at_border_reference_number="DE004058",
            type_of_identification="30",
            identification_number=f"HHAB{i:04d}",
            nationality="DE",
        )
        for i in range(1, n + 1)
    ]


def ie170_equipment():
    return cc170c.TransportEquipment(
        sequence_number=1, number_of_seals=1, seal=[cc170c.Seal(sequence_number=1, identifier="DE-SEAL-1")]
    )


# ------------------------------------------------------------------------------------------- C0191 place of unloading


@pytest.mark.parametrize("security", ["1", "3"])
def test_c0191_requires_place_of_unloading_with_ens(t1, security):
    t1.transit_operation.security = security
    (finding,) = fires(t1, "C0191")
    assert finding.path == "/CC015C/Consignment/PlaceOfUnloading"
    assert finding.data_element == "16 14 000 000"
    assert finding.error_code == 13


def test_c0191_forbids_place_of_unloading_without_security_data(t1):
    t1.consignment.place_of_unloading = unloading()
    (finding,) = fires(t1, "C0191")
    assert finding.path == "/CC015C/Consignment/PlaceOfUnloading"
    assert finding.error_code == 15


@pytest.mark.parametrize("security,present", [("0", False), ("2", False), ("2", True), ("1", True)])
def test_c0191_silent_when_allowed(t1, security, present):
    t1.transit_operation.security = security
    t1.consignment.place_of_unloading = unloading() if present else None
    silent(t1, "C0191")


# ------------------------------------------------------------------------------------------- C0403 place of loading


def test_c0403_requires_place_of_loading_on_a_standard_declaration(t1):
    (finding,) = fires(t1, "C0403")  # the T1 example has none
    assert finding.path == "/CC015C/Consignment/PlaceOfLoading"
    assert finding.data_element == "16 13 000 000"
    assert finding.error_code == 13


def test_c0403_silent_with_place_of_loading(t1):
    t1.consignment.place_of_loading = loading()
    silent(t1, "C0403")


def test_c0403_place_of_loading_optional_when_pre_lodged(t1):
    t1.transit_operation.additional_declaration_type = "D"
    silent(t1, "C0403")


# ------------------------------------------------------------------------------------------- C0586 routing


def test_c0586_requires_routing_for_binding_itinerary(t1):
    t1.transit_operation.binding_itinerary = "1"
    (finding,) = fires(t1, "C0586")
    assert finding.path == "/CC015C/Consignment/CountryOfRoutingOfConsignment"
    assert finding.error_code == 13
    assert "Binding itinerary" in finding.message


@pytest.mark.parametrize("security", ["1", "2", "3"])
def test_c0586_requires_routing_with_security_data(t1, security):
    t1.transit_operation.security = security
    (finding,) = fires(t1, "C0586")
    assert finding.error_code == 13


def test_c0586_silent_when_given_or_optional(t1):
    silent(t1, "C0586")
    t1.transit_operation.binding_itinerary = "1"
    t1.consignment.country_of_routing_of_consignment = routing("DE", "NL")
    silent(t1, "C0586")


# ------------------------------------------------------------------------------------------- C0599 border mode


def test_c0599_requires_border_mode_with_security_data_on_type_a(t1):
    t1.transit_operation.security = "2"
    (finding,) = fires(t1, "C0599")
    assert finding.path == "/CC015C/Consignment/modeOfTransportAtTheBorder"
    assert finding.data_element == "19 03 000 000"
    assert finding.error_code == 13


@pytest.mark.parametrize("security,declaration,mode", [("0", "A", None), ("2", "D", None), ("2", "A", "3")])
def test_c0599_silent_when_optional_or_given(t1, security, declaration, mode):
    t1.transit_operation.security = security
    t1.transit_operation.additional_declaration_type = declaration
    t1.consignment.mode_of_transport_at_the_border = mode
    silent(t1, "C0599")


# ------------------------------------------------------------------------------------------- C0710 location of goods


def test_c0710_requires_location_outside_the_security_area(t1, full_lists):
    t1.customs_office_of_departure.reference_number = "GB000060"
    t1.consignment.location_of_goods = None
    (finding,) = fires(t1, "C0710")
    assert finding.path == "/CC015C/Consignment/LocationOfGoods"
    assert finding.data_element == "16 15 000 000"
    assert finding.error_code == 13
    assert "GB" in finding.message


def test_c0710_location_optional_inside_the_security_area(t1):
    t1.consignment.location_of_goods = None
    silent(t1, "C0710")  # DE is in CL147


def test_c0710_location_optional_when_pre_lodged(t1, full_lists):
    t1.customs_office_of_departure.reference_number = "GB000060"
    t1.transit_operation.additional_declaration_type = "D"
    t1.consignment.location_of_goods = None
    silent(t1, "C0710")


def test_c0710_not_checked_when_cl147_cannot_decide(t1):
    if codelists.get("CL147").complete:
        pytest.skip("a complete CL147 is installed")
    t1.customs_office_of_departure.reference_number = "GB000060"
    t1.consignment.location_of_goods = None
    silent(t1, "C0710")
    assert any(n.rule == "C0710" for n in ncts5.validate(t1).not_checked)


# ------------------------------------------------------------------------------------------- C0806 border means


def test_c0806_forbids_border_means_for_postal_traffic(t1):
    t1.consignment.mode_of_transport_at_the_border = "5"
    t1.consignment.active_border_transport_means = border_means()
    (finding,) = fires(t1, "C0806")
    assert finding.path == "/CC015C/Consignment/ActiveBorderTransportMeans[1]"
    assert finding.error_code == 15


def test_c0806_requires_border_means_with_security_data_on_type_a(t1):
    t1.transit_operation.security = "1"
    (finding,) = fires(t1, "C0806")
    assert finding.path == "/CC015C/Consignment/ActiveBorderTransportMeans"
    assert finding.data_element == "19 08 000 000"
    assert finding.error_code == 13


def test_c0806_silent_when_optional_or_given(t1):
    silent(t1, "C0806")
    t1.transit_operation.security = "1"
    t1.consignment.active_border_transport_means = border_means()
    silent(t1, "C0806")


# ------------------------------------------------------------------------------------------- C0822 / C0823 / G0332


def test_c0822_requires_container_indicator_on_a_standard_declaration(t1):
    t1.consignment.container_indicator = None
    (finding,) = fires(t1, "C0822")
    assert finding.path == "/CC015C/Consignment/containerIndicator"
    assert finding.data_element == "19 01 000 000"
    assert finding.error_code == 13


def test_c0822_silent_when_given_or_pre_lodged(t1):
    silent(t1, "C0822")
    t1.transit_operation.additional_declaration_type = "D"
    t1.consignment.container_indicator = None
    silent(t1, "C0822")


def test_c0823_requires_transport_equipment_for_containers(t1):
    t1.consignment.container_indicator = "1"
    (finding,) = fires(t1, "C0823")
    assert finding.path == "/CC015C/Consignment/TransportEquipment"
    assert finding.data_element == "19 07 000 000"
    assert finding.error_code == 13


def test_c0823_forbids_transport_equipment_without_container_indicator(tir):
    tir.consignment.container_indicator = None
    (finding,) = fires(tir, "C0823")
    assert finding.path == "/CC015C/Consignment/TransportEquipment[1]"
    assert finding.error_code == 15


def test_c0823_applies_to_ie170(ie170):
    ie170.consignment.container_indicator = None
    ie170.consignment.transport_equipment = [ie170_equipment()]
    (finding,) = fires(ie170, "C0823")
    assert finding.path == "/CC170C/Consignment/TransportEquipment[1]"
    ie170.consignment.container_indicator = "1"
    silent(ie170, "C0823")


def test_c0823_silent_on_baselines(t1, tir, ie170):
    silent(t1, "C0823")
    silent(tir, "C0823")  # sealed truck: indicator 0 with transport equipment
    silent(ie170, "C0823")


@pytest.mark.parametrize("fixture,path", [("tir", "/CC015C"), ("ie170", "/CC170C")])
def test_g0332_warns_of_transport_equipment_without_container_indicator(request, fixture, path):
    msg = request.getfixturevalue(fixture)
    msg.consignment.container_indicator = None
    if fixture == "ie170":
        msg.consignment.transport_equipment = [ie170_equipment()]
    (finding,) = fires(msg, "G0332")
    assert finding.severity == "warning"
    assert finding.path == f"{path}/Consignment/TransportEquipment[1]"


def test_g0332_silent_with_container_indicator(tir, ie170):
    silent(tir, "G0332")
    silent(ie170, "G0332")


# ------------------------------------------------------------------------------------------- G0103 what TE records


def test_g0103_warns_of_unsealed_non_containerised_equipment(tir):
    te = tir.consignment.transport_equipment[0]
    te.number_of_seals = 0
    te.seal = []
    (finding,) = fires(tir, "G0103")
    assert finding.severity == "warning"
    assert finding.path == "/CC015C/Consignment/TransportEquipment[1]"


def test_g0103_applies_to_ie170(ie170):
    te = ie170_equipment()
    te.number_of_seals = 0
    te.seal = []
    ie170.consignment.transport_equipment = [te]
    (finding,) = fires(ie170, "G0103")
    assert finding.path == "/CC170C/Consignment/TransportEquipment[1]"
    ie170.consignment.transport_equipment = [ie170_equipment()]
    silent(ie170, "G0103")


def test_g0103_silent_for_sealed_or_containerised_equipment(tir):
    silent(tir, "G0103")  # sealed truck
    te = tir.consignment.transport_equipment[0]
    te.number_of_seals = 0
    te.seal = []
    te.container_identification_number = "MSKU1234565"
    silent(tir, "G0103")


# ------------------------------------------------------------------------------------------- R0789 border means count


def test_r0789_one_border_means_without_transit_office(t1):
    t1.consignment.active_border_transport_means = border_means(2)
    (finding,) = fires(t1, "R0789")
    assert finding.path == "/CC015C/Consignment/ActiveBorderTransportMeans[2]"
    assert finding.error_code == 14


def test_r0789_silent_with_transit_office_or_single_means(t1):
    t1.consignment.active_border_transport_means = border_means(1)
    silent(t1, "R0789")
    t1.consignment.active_border_transport_means = border_means(3)
    t1.customs_office_of_transit_declared = [
        cc015c.CustomsOfficeOfTransitDeclared(sequence_number=1, reference_number="CH001234")
    ]
    silent(t1, "R0789")


# ------------------------------------------------------------------------------------------- R0994 gross mass


def test_r0994_consignment_gross_mass_covers_the_house_consignments(t1):
    t1.consignment.gross_mass = Decimal("1000")
    (finding,) = fires(t1, "R0994")
    assert finding.path == "/CC015C/Consignment/grossMass"
    assert finding.data_element == "18 04 000 000"
    assert finding.error_code == 14
    assert finding.value == "1000"
    assert "1250.5" in finding.message


def test_r0994_silent_when_equal_or_more(t1):
    silent(t1, "R0994")  # equal
    t1.consignment.gross_mass = Decimal("1300")
    silent(t1, "R0994")


# ------------------------------------------------------------------------------------------- G0090 carrier


def test_g0090_warns_when_the_carrier_is_the_holder(t1):
    t1.consignment.carrier = cc015c.Carrier(identification_number="DE123456789012345")
    (finding,) = fires(t1, "G0090")
    assert finding.severity == "warning"
    assert finding.path == "/CC015C/Consignment/Carrier"
    assert finding.value == "DE123456789012345"


def test_g0090_silent_for_another_carrier(t1):
    silent(t1, "G0090")
    t1.consignment.carrier = cc015c.Carrier(identification_number="NL000111222B01")
    silent(t1, "G0090")


# ------------------------------------------------------------------------------------------- G0120 holder id


def test_g0120_warns_when_a_common_transit_holder_has_no_number(t1):
    t1.holder_of_the_transit_procedure.identification_number = None
    (finding,) = fires(t1, "G0120")
    assert finding.severity == "warning"
    assert finding.path == "/CC015C/HolderOfTheTransitProcedure/identificationNumber"
    assert finding.data_element == "13 07 017 000"


def test_g0120_applies_to_ie170(ie170):
    holder = ie170.holder_of_the_transit_procedure
    holder.identification_number = None
    holder.name = "Elbe Spedition GmbH"
    holder.address = cc170c.HolderOfTheTransitProcedureAddress(
        street_and_number="Am Hafen 12", postcode="20457", city="Hamburg", country="DE"
    )
    (finding,) = fires(ie170, "G0120")
    assert finding.path == "/CC170C/HolderOfTheTransitProcedure/identificationNumber"


def test_g0120_silent_with_a_number(t1, ie170):
    silent(t1, "G0120")
    silent(ie170, "G0120")


# ------------------------------------------------------------------------------------------- G0115 border mode waiver


def test_g0115_rail_cannot_leave_out_the_border_mode(t1, ie170):
    t1.consignment.inland_mode_of_transport = "2"
    (finding,) = fires(t1, "G0115")
    assert finding.severity == "warning"
    assert finding.path == "/CC015C/Consignment/modeOfTransportAtTheBorder"
    ie170.consignment.inland_mode_of_transport = "2"
    (finding,) = fires(ie170, "G0115")
    assert finding.path == "/CC170C/Consignment/modeOfTransportAtTheBorder"


def test_g0115_movement_crossing_the_external_border_gives_the_border_mode(t1, full_lists):
    t1.customs_office_of_transit_declared = [
        cc015c.CustomsOfficeOfTransitDeclared(sequence_number=1, reference_number="CH001234")
    ]
    (finding,) = fires(t1, "G0115")
    assert "CH" in finding.message


def test_g0115_silent_inside_the_union_or_when_given(t1, full_lists):
    silent(t1, "G0115")  # road, DE to NL
    t1.consignment.inland_mode_of_transport = "2"
    t1.consignment.mode_of_transport_at_the_border = "2"
    silent(t1, "G0115")


# ------------------------------------------------------------------------------------------- G0061 binding itinerary


def test_g0061_binding_itinerary_runs_from_departure_to_destination(t1):
    t1.transit_operation.binding_itinerary = "1"
    t1.consignment.country_of_routing_of_consignment = routing("DE", "BE")
    (finding,) = fires(t1, "G0061")
    assert finding.severity == "warning"
    assert finding.path == "/CC015C/Consignment/CountryOfRoutingOfConsignment[1]"
    assert "NL (office of destination)" in finding.message


def test_g0061_silent_for_a_complete_itinerary_or_without_binding(t1):
    t1.consignment.country_of_routing_of_consignment = routing("DE", "BE")
    silent(t1, "G0061")
    t1.transit_operation.binding_itinerary = "1"
    t1.consignment.country_of_routing_of_consignment = routing("DE", "BE", "NL")
    silent(t1, "G0061")


# ------------------------------------------------------------------------------------------- transition period


def test_b1804_switches_c0710_off_in_the_transition_period(t1, full_lists):
    t1.customs_office_of_departure.reference_number = "GB000060"
    t1.consignment.location_of_goods = None
    fires(t1, "C0710")
    silent(t1, "C0710", phase="transition")
    silent(t1, "B1804", phase="transition")


def test_b1806_requires_border_means_for_a_road_border_mode(t1):
    t1.consignment.mode_of_transport_at_the_border = "3"
    (finding,) = fires(t1, "B1806", phase="transition")
    assert finding.path == "/CC015C/Consignment/ActiveBorderTransportMeans"
    assert finding.error_code == 50
    silent(t1, "B1806")  # final phase: C0806 applies instead


@pytest.mark.parametrize("mode", [None, "2", "5"])
def test_b1806_silent_for_rail_post_or_no_border_mode(t1, mode):
    t1.consignment.mode_of_transport_at_the_border = mode
    silent(t1, "B1806", phase="transition")


def test_b1823_consignee_at_consignment_level_for_common_transit_destination(t1):
    t1.consignment.consignee = None
    (finding,) = fires(t1, "B1823", phase="transition")
    assert finding.path == "/CC015C/Consignment/Consignee"
    assert finding.error_code == 50


def test_b1823_no_consignment_consignee_next_to_item_consignees(t1):
    item = t1.consignment.house_consignment[0].consignment_item[0]
    item.consignee = cc015c.ConsignmentItemConsignee(identification_number="NL001234567B01")
    (finding,) = fires(t1, "B1823", phase="transition")
    assert finding.path == "/CC015C/Consignment/Consignee"
    assert finding.error_code == 50


def test_b1823_no_consignee_when_declared_unknown(t1):
    t1.consignment.country_of_destination = None
    t1.transit_operation.security = "2"
    item = t1.consignment.house_consignment[0].consignment_item[0]
    item.additional_information = [cc015c.ConsignmentItemAdditionalInformation(sequence_number=1, code="30600")]
    (finding,) = fires(t1, "B1823", phase="transition")
    assert "30600" in finding.message


def test_b1823_silent_on_baseline(t1):
    silent(t1, "B1823", phase="transition")


def test_b1848_routing_with_and_only_with_security_data(t1):
    t1.transit_operation.security = "1"
    (finding,) = fires(t1, "B1848", phase="transition")
    assert finding.path == "/CC015C/Consignment/CountryOfRoutingOfConsignment"
    assert finding.error_code == 50
    t1.transit_operation.security = "0"
    t1.consignment.country_of_routing_of_consignment = routing("DE", "NL")
    found = fires(t1, "B1848", phase="transition")
    assert [f.path.rsplit("/", 1)[1] for f in found] == [
        "CountryOfRoutingOfConsignment[1]",
        "CountryOfRoutingOfConsignment[2]",
    ]


def test_b1848_silent_when_consistent(t1):
    silent(t1, "B1848", phase="transition")
    t1.transit_operation.security = "2"
    t1.consignment.country_of_routing_of_consignment = routing("DE", "NL")
    silent(t1, "B1848", phase="transition")


def test_b1858_place_of_unloading_in_the_transition_period(t1):
    t1.consignment.place_of_unloading = unloading()
    (finding,) = fires(t1, "B1858", phase="transition")  # security 0
    assert finding.path == "/CC015C/Consignment/PlaceOfUnloading"
    assert finding.error_code == 50
    t1.transit_operation.security = "2"
    t1.consignment.place_of_unloading = None
    (finding,) = fires(t1, "B1858", phase="transition")
    assert "XXX" in finding.message


def test_b1858_optional_for_authorised_economic_operators(t1):
    silent(t1, "B1858", phase="transition")
    t1.transit_operation.security = "2"
    t1.transit_operation.specific_circumstance_indicator = "XXX"
    silent(t1, "B1858", phase="transition")


def test_informational_guidelines_are_declared_not_checkable():
    from ncts5.rules.registry import get

    for rule_id in ("G0020", "G0118"):
        assert get(rule_id).status == "not-checkable"


@pytest.mark.parametrize(
    "rule_id,replaced_by",
    [
        ("C0191", "B1858"),
        ("C0403", "B1893"),
        ("C0586", "B1848"),
        ("C0599", "B1889"),
        ("C0710", "B1804"),
        ("C0806", "B1806"),
    ],
)
def test_conditions_replaced_during_the_transition_apply_in_the_final_phase_only(rule_id, replaced_by):
    from ncts5.rules.registry import get

    assert get(rule_id).phases == frozenset({"final"})
    assert rule_id in get(replaced_by).suspends


def test_c0403_silent_in_the_transition_period(t1):
    fires(t1, "C0403")
    silent(t1, "C0403", phase="transition")
