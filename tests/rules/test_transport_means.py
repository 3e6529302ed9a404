"""Rules on modes of transport, DEPARTURE TRANSPORT MEANS and ACTIVE BORDER TRANSPORT MEANS."""

from __future__ import annotations

from typing import Any

import pytest

import ncts5
from ncts5.messages import cc015c, cc170c
from ncts5.rules.registry import get
from tests.rules.conftest import fires, silent

DTM = "/CC015C/Consignment/DepartureTransportMeans"
HOUSE_DTM = "/CC015C/Consignment/HouseConsignment[1]/DepartureTransportMeans"
ABTM = "/CC015C/Consignment/ActiveBorderTransportMeans[1]"


def dtm(seq: int, type_: str | None, ident: str | None = "HHAB1234", *, house: bool = False) -> Any:
    """A departure transport means of an IE015, at consignment or house consignment level."""
    if house:
        return cc015c.HouseConsignmentDepartureTransportMeans(
            sequence_number=seq, type_of_identification=type_, identification_number=ident, nationality="DE"
        )
    return cc015c.ConsignmentDepartureTransportMeans(
        sequence_number=seq, type_of_identification=type_, identification_number=ident, nationality="DE"
    )


def dtm170(seq: int, type_: str, ident: str = "HHAB1234") -> Any:
    return cc170c.ConsignmentDepartureTransportMeans(
        sequence_number=seq, type_of_identification=type_, identification_number=ident, nationality="DE"
    )


def abtm(**values: Any) -> Any:
    """An IE015 active border transport means; keyword arguments override the defaults (None removes)."""
    data = {
        "sequence_number": 1,
        "customs_office_at_border_reference_number": "NL000396",
        "type_of_identification": "30",
        "identification_number": "AB123CD",
        "nationality": "DE",
    }
    data.update(values)
    return cc015c.ActiveBorderTransportMeans(**data)


def abtm170(**values: Any) -> Any:
    data = {
        "sequence_number": 1,
        "customs_office_at_border_reference_number": "NL000396",
        "type_of_identification": "30",
        "identification_number": "AB123CD",
        "nationality": "DE",
    }
    data.update(values)
    return cc170c.ActiveBorderTransportMeans(**data)


def not_checked(message: Any, rule_id: str, **options: Any) -> list[Any]:
    return [n for n in ncts5.validate(message, **options).not_checked if n.rule == rule_id]


def add_house_consignment(msg: Any) -> Any:
    """A second house consignment, copied from the first."""
    hc = msg.consignment.house_consignment[0].model_copy(deep=True)
    hc.sequence_number = 2
    msg.consignment.house_consignment.append(hc)
    return hc


# ---------------------------------------------------------------------- C0826
def test_c0826_forbids_departure_means_for_mail(t1):
    t1.consignment.inland_mode_of_transport = "5"
    (finding,) = fires(t1, "C0826")
    assert finding.path == f"{DTM}[1]"
    assert finding.error_code == 15
    assert finding.data_element == "19 05 000 000"


def test_c0826_forbids_house_level_means_when_declared_for_the_consignment(t1):
    t1.consignment.house_consignment[0].departure_transport_means = [dtm(1, "30", house=True)]
    (finding,) = fires(t1, "C0826")
    assert finding.path == f"{HOUSE_DTM}[1]"
    assert finding.error_code == 15
    assert "remove" in finding.message


def test_c0826_silent_for_the_baseline_and_for_house_level_only(t1):
    silent(t1, "C0826")
    t1.consignment.departure_transport_means = []
    t1.consignment.house_consignment[0].departure_transport_means = [dtm(1, "30", house=True)]
    silent(t1, "C0826")


# ---------------------------------------------------------------------- R0855
@pytest.mark.parametrize(("mode", "count", "first_excess"), [("3", 4, 4), ("1", 2, 2), (None, 2, 2)])
def test_r0855_limits_the_number_of_departure_means(t1, mode, count, first_excess):
    t1.consignment.inland_mode_of_transport = mode
    t1.consignment.departure_transport_means = [dtm(i, "30") for i in range(1, count + 1)]
    (finding,) = fires(t1, "R0855")
    assert finding.path == f"{DTM}[{first_excess}]"
    assert finding.error_code == 14


def test_r0855_counts_each_house_consignment(t1):
    t1.consignment.inland_mode_of_transport = "1"
    t1.consignment.departure_transport_means = []
    t1.consignment.house_consignment[0].departure_transport_means = [dtm(1, "10", house=True), dtm(2, "10", house=True)]
    (finding,) = fires(t1, "R0855")
    assert finding.path == f"{HOUSE_DTM}[2]"


@pytest.mark.parametrize(("mode", "count"), [("3", 3), ("2", 5), ("1", 1)])
def test_r0855_silent_within_the_limit(t1, mode, count):
    t1.consignment.inland_mode_of_transport = mode
    t1.consignment.departure_transport_means = [dtm(i, "30" if i == 1 else "31") for i in range(1, count + 1)]
    silent(t1, "R0855")


def test_r0855_in_ie170(ie170):
    ie170.consignment.inland_mode_of_transport = "4"
    ie170.consignment.departure_transport_means = [dtm170(1, "40", "LH1234"), dtm170(2, "41", "DABCD")]
    (finding,) = fires(ie170, "R0855")
    assert finding.path == "/CC170C/Consignment/DepartureTransportMeans[2]"


# ---------------------------------------------------------------------- R0472
def test_r0472_type_must_match_the_inland_mode(t1):
    t1.consignment.departure_transport_means[0].type_of_identification = "20"
    (finding,) = fires(t1, "R0472")
    assert finding.path == f"{DTM}[1]/typeOfIdentification"
    assert finding.data_element == "19 05 061 000"
    assert finding.value == "20"
    assert finding.error_code == 14


def test_r0472_checks_house_level_means(t1):
    t1.consignment.departure_transport_means = []
    t1.consignment.house_consignment[0].departure_transport_means = [dtm(1, "10", house=True)]
    (finding,) = fires(t1, "R0472")
    assert finding.path == f"{HOUSE_DTM}[1]/typeOfIdentification"


def test_r0472_in_ie170(ie170):
    ie170.consignment.departure_transport_means[0].type_of_identification = "80"
    (finding,) = fires(ie170, "R0472")
    assert finding.path == "/CC170C/Consignment/DepartureTransportMeans[1]/typeOfIdentification"


@pytest.mark.parametrize("mode", ["3", "5", "7", "9", None])
def test_r0472_silent_when_matching_or_mode_without_types(t1, mode):
    t1.consignment.inland_mode_of_transport = mode
    silent(t1, "R0472")


# ---------------------------------------------------------------------- R0473 / B1815
def test_r0473_forbids_lowercase_registration_numbers(t1):
    t1.consignment.departure_transport_means[0].identification_number = "hh-ab 1234"
    (finding,) = fires(t1, "R0473")
    assert finding.path == f"{DTM}[1]/identificationNumber"
    assert finding.data_element == "19 05 017 000"
    assert finding.value == "hh-ab 1234"
    assert finding.error_code == 14


def test_r0473_at_house_level_and_in_ie170(t1, ie170):
    t1.consignment.departure_transport_means = []
    t1.consignment.house_consignment[0].departure_transport_means = [dtm(1, "30", "hhab1", house=True)]
    (finding,) = fires(t1, "R0473")
    assert finding.path == f"{HOUSE_DTM}[1]/identificationNumber"
    ie170.consignment.departure_transport_means[0].identification_number = "Hhab1234"
    (finding,) = fires(ie170, "R0473")
    assert finding.path == "/CC170C/Consignment/DepartureTransportMeans[1]/identificationNumber"


def test_r0473_silent_for_capitals_and_for_vessel_names(t1):
    silent(t1, "R0473")
    t1.consignment.inland_mode_of_transport = "1"
    t1.consignment.departure_transport_means = [dtm(1, "11", "Nordic Star")]
    silent(t1, "R0473")


def test_b1815_suspends_r0473_in_the_transition_phase(t1):
    assert get("B1815").suspends == ("R0473",)
    t1.consignment.departure_transport_means[0].identification_number = "hhab1234"
    fires(t1, "R0473")
    silent(t1, "R0473", phase="transition")
    silent(t1, "B1815", phase="transition")


# ---------------------------------------------------------------------- R0474 / R0476
def test_r0474_first_road_means_is_the_vehicle(t1):
    t1.consignment.departure_transport_means[0].type_of_identification = "31"
    (finding,) = fires(t1, "R0474")
    assert finding.path == f"{DTM}[1]/typeOfIdentification"
    assert "set 19 05 061 000 Type of identification to 30" in finding.message


def test_r0474_per_house_consignment(t1):
    t1.consignment.departure_transport_means = []
    t1.consignment.house_consignment[0].departure_transport_means = [dtm(1, "31", house=True)]
    (finding,) = fires(t1, "R0474")
    assert finding.path == f"{HOUSE_DTM}[1]/typeOfIdentification"


def test_r0474_silent(t1, ie170):
    silent(t1, "R0474")
    silent(ie170, "R0474")
    t1.consignment.inland_mode_of_transport = "1"
    t1.consignment.departure_transport_means = [dtm(1, "10", "9074729")]
    silent(t1, "R0474")


def test_r0476_second_and_third_road_means_are_trailers(t1):
    t1.consignment.departure_transport_means = [dtm(1, "30"), dtm(2, "31"), dtm(3, "30")]
    (finding,) = fires(t1, "R0476")
    assert finding.path == f"{DTM}[3]/typeOfIdentification"
    assert finding.error_code == 14


def test_r0476_per_house_consignment_and_in_ie170(t1, ie170):
    t1.consignment.departure_transport_means = []
    t1.consignment.house_consignment[0].departure_transport_means = [dtm(1, "30", house=True), dtm(2, "30", house=True)]
    (finding,) = fires(t1, "R0476")
    assert finding.path == f"{HOUSE_DTM}[2]/typeOfIdentification"
    ie170.consignment.departure_transport_means.append(dtm170(2, "30"))
    (finding,) = fires(ie170, "R0476")
    assert finding.path == "/CC170C/Consignment/DepartureTransportMeans[2]/typeOfIdentification"


def test_r0476_silent_for_vehicle_and_trailers(t1):
    silent(t1, "R0476")
    t1.consignment.departure_transport_means = [dtm(1, "30"), dtm(2, "31"), dtm(3, "31")]
    silent(t1, "R0476")


# ---------------------------------------------------------------------- B1091
def test_b1091_forbids_unknown_type_99_in_the_transition_phase(t1):
    t1.consignment.departure_transport_means[0].type_of_identification = "99"
    (finding,) = fires(t1, "B1091", phase="transition")
    assert finding.path == f"{DTM}[1]/typeOfIdentification"
    assert finding.error_code == 50
    assert finding.value == "99"


def test_b1091_in_ie170(ie170):
    ie170.consignment.departure_transport_means[0].type_of_identification = "99"
    (finding,) = fires(ie170, "B1091", phase="transition")
    assert finding.path == "/CC170C/Consignment/DepartureTransportMeans[1]/typeOfIdentification"


def test_b1091_silent_for_real_types_and_outside_the_transition_phase(t1):
    silent(t1, "B1091", phase="transition")
    t1.consignment.departure_transport_means[0].type_of_identification = "99"
    silent(t1, "B1091")


# ---------------------------------------------------------------------- G0119 / G0088
def test_g0119_warns_without_departure_means(t1):
    t1.consignment.departure_transport_means = []
    (finding,) = fires(t1, "G0119")
    assert finding.severity == "warning"
    assert finding.path == DTM
    assert finding.error_code == 13
    assert "AEO" in finding.message


def test_g0119_warns_for_the_house_consignment_that_lacks_them(t1):
    t1.consignment.departure_transport_means = []
    t1.consignment.house_consignment[0].departure_transport_means = [dtm(1, "30", house=True)]
    add_house_consignment(t1).departure_transport_means = []
    (finding,) = fires(t1, "G0119")
    assert finding.path == "/CC015C/Consignment/HouseConsignment[2]/DepartureTransportMeans"


def test_g0119_silent_for_mail_for_containers_and_when_declared(t1):
    silent(t1, "G0119")
    t1.consignment.departure_transport_means = []
    t1.consignment.inland_mode_of_transport = "5"
    silent(t1, "G0119")
    t1.consignment.inland_mode_of_transport = "3"
    t1.consignment.container_indicator = "1"
    t1.consignment.transport_equipment = [
        cc015c.TransportEquipment(sequence_number=1, container_identification_number="MSCU1234567", number_of_seals=0)
    ]
    silent(t1, "G0119")


def test_g0119_not_decided_for_ie170_without_departure_means(ie170):
    ie170.consignment.departure_transport_means = []
    silent(ie170, "G0119")
    (nc,) = not_checked(ie170, "G0119")
    assert "IE015" in nc.reason


def test_g0088_is_not_checkable():
    r = get("G0088")
    assert r.status == "not-checkable"
    assert "trailer" in r.reason


# ---------------------------------------------------------------------- G0112
def test_g0112_warns_for_an_imo_number_given_as_vessel_name(t1):
    t1.consignment.inland_mode_of_transport = "1"
    t1.consignment.departure_transport_means = [dtm(1, "11", "IMO 9074729")]
    (finding,) = fires(t1, "G0112")
    assert finding.severity == "warning"
    assert finding.path == f"{DTM}[1]/typeOfIdentification"
    assert "set 19 05 061 000 Type of identification to 10" in finding.message


def test_g0112_checks_active_border_means_too(t1):
    t1.consignment.active_border_transport_means = [abtm(type_of_identification="11", identification_number="9074729")]
    (finding,) = fires(t1, "G0112")
    assert finding.path == f"{ABTM}/typeOfIdentification"


@pytest.mark.parametrize(("type_", "ident"), [("10", "9074729"), ("11", "9074728"), ("11", "NORDIC STAR")])
def test_g0112_silent_for_imo_type_or_names(t1, type_, ident):
    t1.consignment.inland_mode_of_transport = "1"
    t1.consignment.departure_transport_means = [dtm(1, type_, ident)]
    silent(t1, "G0112")


def test_g0112_vessel_name_is_reported_as_not_checked(t1):
    t1.consignment.inland_mode_of_transport = "1"
    t1.consignment.departure_transport_means = [dtm(1, "11", "NORDIC STAR")]
    (nc,) = not_checked(t1, "G0112")
    assert nc.path == f"{DTM}[1]/typeOfIdentification"


# ---------------------------------------------------------------------- R0076 / B1811
def test_r0076_forbids_lowercase_border_registration_numbers(t1):
    t1.consignment.active_border_transport_means = [abtm(identification_number="ab123cd")]
    (finding,) = fires(t1, "R0076")
    assert finding.path == f"{ABTM}/identificationNumber"
    assert finding.data_element == "19 08 017 000"
    assert finding.error_code == 14


def test_r0076_in_ie170(ie170):
    ie170.consignment.active_border_transport_means = [abtm170(identification_number="ab123cd")]
    (finding,) = fires(ie170, "R0076")
    assert finding.path == "/CC170C/Consignment/ActiveBorderTransportMeans[1]/identificationNumber"


def test_r0076_silent_for_capitals_and_vessel_names(t1):
    t1.consignment.active_border_transport_means = [abtm()]
    silent(t1, "R0076")
    t1.consignment.active_border_transport_means = [abtm(type_of_identification="11", identification_number="Nordic")]
    silent(t1, "R0076")


def test_b1811_suspends_r0076_in_the_transition_phase(t1):
    assert get("B1811").suspends == ("R0076",)
    t1.consignment.active_border_transport_means = [abtm(identification_number="ab123cd")]
    fires(t1, "R0076")
    silent(t1, "R0076", phase="transition")
    silent(t1, "B1811", phase="transition")


# ---------------------------------------------------------------------- C0531 / R0315
def test_c0531_requires_the_flight_number_with_security_by_air(t1):
    t1.transit_operation.security = "2"
    t1.consignment.mode_of_transport_at_the_border = "4"
    t1.consignment.active_border_transport_means = [abtm(type_of_identification="40", identification_number="LH1234")]
    (finding,) = fires(t1, "C0531")
    assert finding.path == f"{ABTM}/conveyanceReferenceNumber"
    assert finding.error_code == 13
    assert finding.data_element == "19 02 000 000"


@pytest.mark.parametrize(("security", "mode", "ref"), [("0", "4", None), ("2", "3", None), ("2", "4", "LH1234")])
def test_c0531_silent(t1, security, mode, ref):
    t1.transit_operation.security = security
    t1.consignment.mode_of_transport_at_the_border = mode
    t1.consignment.active_border_transport_means = [abtm(conveyance_reference_number=ref)]
    silent(t1, "C0531")


@pytest.mark.parametrize("ref", ["LH 1234", "LH123456", "ABCD123", "LH12AB"])
def test_r0315_flight_number_format(t1, ref):
    t1.consignment.mode_of_transport_at_the_border = "4"
    t1.consignment.active_border_transport_means = [abtm(conveyance_reference_number=ref)]
    (finding,) = fires(t1, "R0315")
    assert finding.path == f"{ABTM}/conveyanceReferenceNumber"
    assert finding.value == ref
    assert finding.error_code == 14


def test_r0315_in_ie170(ie170):
    ie170.consignment.mode_of_transport_at_the_border = "4"
    ie170.consignment.active_border_transport_means = [abtm170(conveyance_reference_number="FLIGHT-12")]
    (finding,) = fires(ie170, "R0315")
    assert finding.path == "/CC170C/Consignment/ActiveBorderTransportMeans[1]/conveyanceReferenceNumber"


@pytest.mark.parametrize(("mode", "ref"), [("4", "LH1234"), ("4", "BAW12A"), ("4", "U21"), ("1", "VOYAGE 77/2")])
def test_r0315_silent(t1, mode, ref):
    t1.consignment.mode_of_transport_at_the_border = mode
    t1.consignment.active_border_transport_means = [abtm(conveyance_reference_number=ref)]
    silent(t1, "R0315")


# ---------------------------------------------------------------------- G0789
def test_g0789_office_at_border_must_be_a_declared_office(t1):
    t1.consignment.active_border_transport_means = [abtm(customs_office_at_border_reference_number="BE000001")]
    (finding,) = fires(t1, "G0789")
    assert finding.severity == "warning"
    assert finding.path == f"{ABTM}/customsOfficeAtBorderReferenceNumber"
    assert "NL000396" in finding.message


def test_g0789_silent_for_destination_transit_or_exit_office(t1):
    t1.consignment.active_border_transport_means = [abtm()]
    silent(t1, "G0789")
    t1.customs_office_of_transit_declared = [
        cc015c.CustomsOfficeOfTransitDeclared(sequence_number=1, reference_number="BE000001")
    ]
    t1.consignment.active_border_transport_means = [abtm(customs_office_at_border_reference_number="BE000001")]
    silent(t1, "G0789")


def test_g0789_not_decided_in_ie170(ie170):
    ie170.consignment.active_border_transport_means = [abtm170()]
    silent(ie170, "G0789")
    (nc,) = not_checked(ie170, "G0789")
    assert nc.path == "/CC170C/Consignment/ActiveBorderTransportMeans[1]/customsOfficeAtBorderReferenceNumber"


# ---------------------------------------------------------------------- B1016 / B1838 / B1850 (transition)
def test_b1016_requires_the_office_at_border_in_the_transition_phase(t1):
    t1.consignment.active_border_transport_means = [abtm(customs_office_at_border_reference_number=None)]
    (finding,) = fires(t1, "B1016", phase="transition")
    assert finding.path == f"{ABTM}/customsOfficeAtBorderReferenceNumber"
    assert finding.error_code == 50


def test_b1016_silent(t1):
    t1.consignment.active_border_transport_means = [abtm()]
    silent(t1, "B1016", phase="transition")
    t1.consignment.active_border_transport_means = [abtm(customs_office_at_border_reference_number=None)]
    silent(t1, "B1016")  # final phase: B2101 covers it


def test_b1838_requires_type_and_number_with_a_nationality(t1):
    t1.consignment.mode_of_transport_at_the_border = "3"
    t1.consignment.active_border_transport_means = [abtm(type_of_identification=None, identification_number=None)]
    found = fires(t1, "B1838", phase="transition")
    assert [f.path for f in found] == [f"{ABTM}/identificationNumber", f"{ABTM}/typeOfIdentification"]
    assert {f.error_code for f in found} == {50}


def test_b1838_requires_type_and_number_by_rail(t1):
    t1.consignment.mode_of_transport_at_the_border = "2"
    t1.consignment.active_border_transport_means = [abtm(nationality=None, identification_number=None)]
    (finding,) = fires(t1, "B1838", phase="transition")
    assert finding.path == f"{ABTM}/identificationNumber"


def test_b1838_silent_without_nationality_by_road_and_in_final_phase(t1):
    t1.consignment.mode_of_transport_at_the_border = "3"
    t1.consignment.active_border_transport_means = [abtm(nationality=None, identification_number=None)]
    silent(t1, "B1838", phase="transition")
    t1.consignment.active_border_transport_means = [abtm(identification_number=None)]
    silent(t1, "B1838")


@pytest.mark.parametrize("mode", ["3", None])
def test_b1850_requires_nationality_unless_rail(t1, mode):
    t1.consignment.mode_of_transport_at_the_border = mode
    t1.consignment.active_border_transport_means = [abtm(nationality=None)]
    (finding,) = fires(t1, "B1850", phase="transition")
    assert finding.path == f"{ABTM}/nationality"
    assert finding.error_code == 50


def test_b1850_silent_by_rail_with_nationality_and_in_final_phase(t1):
    t1.consignment.mode_of_transport_at_the_border = "2"
    t1.consignment.active_border_transport_means = [abtm(nationality=None)]
    silent(t1, "B1850", phase="transition")
    t1.consignment.mode_of_transport_at_the_border = "3"
    silent(t1, "B1850")
    t1.consignment.active_border_transport_means = [abtm()]
    silent(t1, "B1850", phase="transition")
