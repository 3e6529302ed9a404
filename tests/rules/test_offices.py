"""Rules on the CUSTOMS OFFICE data groups (and C0394, LOCATION OF GOODS).

Every test runs against a private, empty data directory, so only the packaged code lists are
in force unless the test imports something: the packaged country lists CL010, CL009 and CL147
are partial (a country they lack cannot be called outside them), CL112 is complete.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

import ncts5
from ncts5 import codelists
from ncts5.messages import cc015c, cc170c
from tests.rules.conftest import fires, silent

# ------------------------------------------------------------------------------ fixtures and helpers


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    """A private data directory with nothing imported (the packaged lists only)."""
    folder = tmp_path / "ncts5-data"
    monkeypatch.setenv(codelists.ENV_VAR, str(folder))
    codelists.reload()
    yield folder
    monkeypatch.undo()
    codelists.reload()


def import_countries(tmp_path: Path, list_id: str, codes: str) -> None:
    """Import a complete country list (test data) into the private data directory."""
    path = tmp_path / f"{list_id}.csv"
    path.write_text("code,description\n" + "".join(f"{c},{c}\n" for c in codes.split()), encoding="utf-8")
    codelists.import_list(path, list_id)


def import_offices(tmp_path: Path, offices: dict[str, list[str]]) -> None:
    """Import a tiny customs office list in the official COL shape: reference number -> roles."""
    entries = [
        {
            "state": "valid",
            "activeFrom": "2020-01-01",
            "languageCode": "EN",
            "name": f"Office {ref}",
            "id": ref,
            "countryId": ref[:2],
            "roles": [{"role": r} for r in roles],
        }
        for ref, roles in offices.items()
    ]
    payload = {
        "messageInformation": {"messageID": "0d864dbc-0cfd-40c0-900f-6aecee8b7f38", "snapshotDate": "2025-02-12"},
        "lists": {"customsOffices": {"listName": "CustomsOffices", "listEntries": entries}},
    }
    path = tmp_path / "COL-test.json"
    path.write_text(json.dumps(payload), encoding="utf-8")
    codelists.import_reference_data(path)


def unchecked(message: Any, rule_id: str, **options: Any) -> list[Any]:
    return [n for n in ncts5.validate(message, **options).not_checked if n.rule == rule_id]


def transit(*refs: str, arrival: datetime | None = None) -> list[cc015c.CustomsOfficeOfTransitDeclared]:
    return [
        cc015c.CustomsOfficeOfTransitDeclared(
            sequence_number=i, reference_number=ref, arrival_date_and_time_estimated=arrival
        )
        for i, ref in enumerate(refs, 1)
    ]


def exits(*refs: str) -> list[cc015c.CustomsOfficeOfExitForTransitDeclared]:
    return [
        cc015c.CustomsOfficeOfExitForTransitDeclared(sequence_number=i, reference_number=ref)
        for i, ref in enumerate(refs, 1)
    ]


def route(msg: Any, *countries: str) -> None:
    msg.consignment.country_of_routing_of_consignment = [
        cc015c.CountryOfRoutingOfConsignment(sequence_number=i, country=c) for i, c in enumerate(countries, 1)
    ]


def offices(msg: Any, dep: str, dest: str, transits: tuple[str, ...] = (), exit_: tuple[str, ...] = ()) -> None:
    msg.customs_office_of_departure.reference_number = dep
    msg.customs_office_of_destination_declared.reference_number = dest
    msg.customs_office_of_transit_declared = transit(*transits)
    msg.customs_office_of_exit_for_transit_declared = exits(*exit_)


TRANSIT = "/CC015C/CustomsOfficeOfTransitDeclared"
EXIT = "/CC015C/CustomsOfficeOfExitForTransitDeclared"
LATER = datetime(2026, 3, 3, 8, 0, 0)  # after t1's preparation date and time (2026-03-02T09:15:00)


# ------------------------------------------------------------------------------ R0003 and B1813


def test_r0003_fires_for_a_repeated_office_of_transit(t1):
    t1.customs_office_of_transit_declared = transit("CH001234", "DE004058", "CH001234")
    (finding,) = fires(t1, "R0003")
    assert finding.path == f"{TRANSIT}[3]/referenceNumber"
    assert finding.error_code == 14
    assert finding.value == "CH001234"
    assert finding.data_element == "17 04 001 000"
    assert "sequence number 1" in finding.message


def test_r0003_silent_for_distinct_offices(t1):
    t1.customs_office_of_transit_declared = transit("CH001234", "DE004058")
    silent(t1, "R0003")


def test_b1813_suspends_r0003_and_r0006_in_the_transition_period(t1):
    offices(t1, "DE004058", "CH001234", ("AT000100", "AT000100"))
    fires(t1, "R0003")
    fires(t1, "R0006")
    silent(t1, "R0003", phase="transition")
    silent(t1, "R0006", phase="transition")


def test_b1813_itself_reports_nothing(t1):
    offices(t1, "DE004058", "CH001234", ("AT000100", "AT000100"))
    silent(t1, "B1813", phase="transition")


# ------------------------------------------------------------------------------ R0005


@pytest.mark.parametrize("arrival", [datetime(2026, 3, 2, 9, 15, 0), datetime(2026, 3, 1, 12, 0, 0)])
def test_r0005_fires_when_arrival_is_not_after_preparation(t1, arrival):
    t1.customs_office_of_transit_declared = transit("CH001234", arrival=arrival)
    (finding,) = fires(t1, "R0005")
    assert finding.path == f"{TRANSIT}[1]/arrivalDateAndTimeEstimated"
    assert finding.error_code == 14
    assert finding.data_element == "15 03 000 000"


def test_r0005_silent_for_a_later_arrival_or_none(t1):
    t1.customs_office_of_transit_declared = [*transit("CH001234", arrival=LATER), *transit("AT000100")]
    silent(t1, "R0005")


# ------------------------------------------------------------------------------ R0006


def test_r0006_fires_without_an_office_of_transit_in_the_ctc_country_of_destination(t1):
    offices(t1, "DE004058", "CH001234", ("AT000100",))
    (finding,) = fires(t1, "R0006")
    assert finding.path == TRANSIT
    assert finding.error_code == 14
    assert "enter CH" in finding.message


def test_r0006_reports_missing_offices_of_transit_with_code_13(t1):
    offices(t1, "DE004058", "CH001234")
    (finding,) = fires(t1, "R0006")
    assert finding.error_code == 13


def test_r0006_fires_without_a_union_office_of_transit_from_a_ctc_country(t1):
    offices(t1, "CH001234", "DE004058", ("CH002000",))
    (finding,) = fires(t1, "R0006")
    assert "enter the Union" in finding.message


@pytest.mark.parametrize(
    ("dep", "dest", "transits"),
    [
        ("DE004058", "CH001234", ("AT000100", "CH002000")),
        ("CH001234", "DE004058", ("CH002000", "DE004058")),
        ("DE004058", "NL000396", ()),  # within the Union: nothing to say
        ("NO000100", "CH001234", ("CH002000",)),  # between CTC countries: only the destination's office
    ],
)
def test_r0006_silent(t1, dep, dest, transits):
    offices(t1, dep, dest, transits)
    silent(t1, "R0006")


# ------------------------------------------------------------------------------ R0906


def test_r0906_fires_when_no_office_of_transit_is_in_andorra(t1):
    offices(t1, "FR000100", "AD000001", ("FR000200",))
    (finding,) = fires(t1, "R0906")
    assert finding.path == TRANSIT
    assert finding.error_code == 14


@pytest.mark.parametrize(
    ("dest", "transits"), [("AD000001", ("FR000200", "AD000002")), ("AD000001", ()), ("ES000100", ("FR000200",))]
)
def test_r0906_silent(t1, dest, transits):
    offices(t1, "FR000100", dest, transits)
    silent(t1, "R0906")


# ------------------------------------------------------------------------------ C0030


def test_c0030_forbids_offices_of_transit_for_tir(tir):
    tir.customs_office_of_transit_declared = transit("DE004058", "NL000396")
    found = fires(tir, "C0030")
    assert [f.path for f in found] == [f"{TRANSIT}[1]", f"{TRANSIT}[2]"]
    assert all(f.error_code == 15 for f in found)


def test_c0030_forbids_offices_of_transit_for_t2sm(t1):
    t1.transit_operation.declaration_type = "T2SM"
    t1.customs_office_of_transit_declared = transit("IT000100")
    (finding,) = fires(t1, "C0030")
    assert finding.error_code == 15


def _t_with_t2_item(msg: Any) -> None:
    msg.transit_operation.declaration_type = "T"
    msg.consignment.house_consignment[0].consignment_item[0].declaration_type = "T2"


@pytest.mark.parametrize(
    ("change", "why"),
    [
        (lambda m: setattr(m.transit_operation, "declaration_type", "T2"), "T2"),
        (_t_with_t2_item, "T2"),
        (lambda m: offices(m, "DE004058", "CH001234"), "common transit country"),
        (lambda m: offices(m, "GB000100", "DE004058"), "common transit country"),
        (lambda m: route(m, "DE", "CH", "IT"), "CH"),
        (lambda m: offices(m, "ES000100", "AD000001"), "Andorra"),
        (lambda m: setattr(m, "customs_office_of_exit_for_transit_declared", exits("FR000100")), "exit for transit"),
    ],
)
def test_c0030_requires_offices_of_transit(t1, change, why):
    change(t1)
    (finding,) = fires(t1, "C0030")
    assert finding.path == TRANSIT
    assert finding.error_code == 13
    assert why in finding.message


@pytest.mark.parametrize(
    "change",
    [
        lambda m: None,  # T1 within the Union
        lambda m: offices(m, "DE004058", "NL000396", ("BE000100",)),  # optional: allowed too
        lambda m: (setattr(m.transit_operation, "declaration_type", "T2"), offices(m, "CH001234", "CH002000")),
    ],
)
def test_c0030_silent(t1, change):
    change(t1)
    silent(t1, "C0030")


# ------------------------------------------------------------------------------ G0030


def test_g0030_warns_for_a_route_outside_common_transit_without_union_office(t1, tmp_path):
    import_countries(tmp_path, "CL009", "AT DE GR NL CH RS")
    offices(t1, "DE004058", "GR000100")
    route(t1, "DE", "AL", "GR")
    (finding,) = fires(t1, "G0030")
    assert finding.severity == "warning"
    assert finding.path == TRANSIT
    assert finding.error_code == 13
    assert "AL" in finding.message


def test_g0030_silent_with_a_union_office_of_transit(t1, tmp_path):
    import_countries(tmp_path, "CL009", "AT DE GR NL CH RS")
    offices(t1, "DE004058", "GR000100", ("GR000200",))
    route(t1, "DE", "AL", "GR")
    silent(t1, "G0030")


@pytest.mark.parametrize(
    ("dest", "countries"),
    [
        ("DE004851", ("DE", "US")),  # export: transit to the office of exit in Hamburg, goods bound for the US
        ("NL000396", ("DE", "NL", "US")),
        ("NL000396", ("US", "DE", "NL")),  # listed before the departure country: not passed on the way
    ],
)
def test_g0030_silent_for_a_third_country_outside_the_stretch_between_departure_and_destination(
    t1, tmp_path, dest, countries
):
    # Regression: the guide has the routing end with the country of destination, which after an
    # export is a third country beyond the office of destination; G0030 is about countries passed
    # *via* between two member states, so that country must not count.
    import_countries(tmp_path, "CL009", "AT DE GR NL CH RS")
    offices(t1, "DE004058", dest)
    route(t1, *countries)
    silent(t1, "G0030")
    assert not unchecked(t1, "G0030")


def test_g0030_warns_for_a_third_country_between_departure_and_destination_after_an_export(t1, tmp_path):
    import_countries(tmp_path, "CL009", "AT DE GR NL CH RS")
    offices(t1, "DE004058", "GR000100")
    route(t1, "DE", "AL", "GR", "US")
    (finding,) = fires(t1, "G0030")
    assert "through AL, outside" in finding.message


def test_g0030_silent_for_a_route_within_common_transit(t1):
    offices(t1, "DE004058", "IT000100")
    route(t1, "DE", "CH", "IT")
    silent(t1, "G0030")


def test_g0030_not_checked_when_the_packaged_list_cannot_place_a_country(t1):
    offices(t1, "DE004058", "GR000100")
    route(t1, "DE", "AL", "GR")
    silent(t1, "G0030")
    (note,) = unchecked(t1, "G0030")
    assert "AL" in note.reason and "CL009" in note.reason


# ------------------------------------------------------------------------------ G0142


@pytest.mark.parametrize(
    ("dep", "dest", "countries", "transits", "missing"),
    [
        ("DE004058", "CH001234", (), (), ["CH"]),
        ("DE004058", "AT000100", ("DE", "CH", "AT"), ("CH002000",), ["the Union"]),
        ("DE004058", "AT000100", ("DE", "CH", "AT"), (), ["CH", "the Union"]),
        ("CH001234", "NO000100", ("CH", "DE", "NO"), ("DE004058",), ["NO"]),
    ],
)
def test_g0142_warns_for_each_contracting_party_entered_without_office(t1, dep, dest, countries, transits, missing):
    offices(t1, dep, dest, transits)
    if countries:
        route(t1, *countries)
    found = fires(t1, "G0142")
    assert [f.message.split("into ", 1)[1].split(":")[0] for f in found] == missing
    assert all(f.severity == "warning" and f.error_code == 13 and f.path == TRANSIT for f in found)


@pytest.mark.parametrize(
    ("dep", "dest", "countries", "transits"),
    [
        ("DE004058", "NL000396", (), ()),
        ("DE004058", "AT000100", ("DE", "CH", "AT"), ("CH002000", "AT000200")),
        ("DE004058", "CH001234", (), ("CH002000",)),
    ],
)
def test_g0142_silent(t1, dep, dest, countries, transits):
    offices(t1, dep, dest, transits)
    if countries:
        route(t1, *countries)
    silent(t1, "G0142")


def test_g0142_silent_for_tir(tir):
    tir.customs_office_of_destination_declared.reference_number = "CH001234"
    silent(tir, "G0142")


# ------------------------------------------------------------------------------ C0598 and B1831


@pytest.mark.parametrize("security", ["1", "3"])
def test_c0598_requires_arrival_at_offices_in_the_security_area(t1, security):
    t1.transit_operation.security = security
    offices(t1, "DE004058", "CH001234", ("CH002000",))
    (finding,) = fires(t1, "C0598")
    assert finding.path == f"{TRANSIT}[1]/arrivalDateAndTimeEstimated"
    assert finding.error_code == 13


@pytest.mark.parametrize(("security", "arrival"), [("0", None), ("2", None), ("1", LATER)])
def test_c0598_silent(t1, security, arrival):
    t1.transit_operation.security = security
    t1.customs_office_of_transit_declared = transit("CH002000", arrival=arrival)
    silent(t1, "C0598")


def test_c0598_silent_outside_the_security_area(t1, tmp_path):
    import_countries(tmp_path, "CL147", "AT CH DE NL NO")
    t1.transit_operation.security = "1"
    offices(t1, "DE004058", "GB000100", ("GB000200",))
    silent(t1, "C0598")


def test_c0598_not_checked_for_a_country_the_packaged_list_cannot_place(t1):
    t1.transit_operation.security = "1"
    offices(t1, "DE004058", "GB000100", ("GB000200",))
    silent(t1, "C0598")
    (note,) = unchecked(t1, "C0598")
    assert note.path == f"{TRANSIT}[1]/referenceNumber"


def test_c0598_suspended_in_the_transition_period(t1):
    t1.transit_operation.security = "1"
    offices(t1, "DE004058", "CH001234", ("CH002000",))
    silent(t1, "C0598", phase="transition")


def test_b1831_requires_arrival_at_union_offices_from_outside_the_union(t1):
    t1.transit_operation.security = "2"
    offices(t1, "CH001234", "NL000396", ("DE004058", "CH002000"))
    (finding,) = fires(t1, "B1831", phase="transition")
    assert finding.path == f"{TRANSIT}[1]/arrivalDateAndTimeEstimated"
    assert finding.error_code == 50


@pytest.mark.parametrize(
    ("security", "dep", "arrival"), [("0", "CH001234", None), ("2", "DE004058", None), ("1", "CH001234", LATER)]
)
def test_b1831_silent(t1, security, dep, arrival):
    t1.transit_operation.security = security
    t1.customs_office_of_departure.reference_number = dep
    t1.customs_office_of_transit_declared = transit("DE004058", arrival=arrival)
    silent(t1, "B1831", phase="transition")


def test_b1831_only_in_the_transition_period(t1):
    t1.transit_operation.security = "2"
    offices(t1, "CH001234", "NL000396", ("DE004058",))
    silent(t1, "B1831")


# ------------------------------------------------------------------------------ C0587, G0587, R0103


@pytest.mark.parametrize(("security", "transits"), [("0", ("GB000100",)), ("1", ("GB000100",)), ("2", ("CH001234",))])
def test_c0587_forbids_an_office_of_exit_for_transit(t1, security, transits):
    t1.transit_operation.security = security
    offices(t1, "DE004058", "NL000396", transits, ("FR000100", "BE000100"))
    found = fires(t1, "C0587")
    assert [f.path for f in found] == [f"{EXIT}[1]", f"{EXIT}[2]"]
    assert all(f.error_code == 15 for f in found)


@pytest.mark.parametrize("security", ["2", "3"])
def test_c0587_silent_with_exs_and_an_office_of_transit_outside_the_area(t1, tmp_path, security):
    import_countries(tmp_path, "CL147", "AT CH DE FR IE NL NO")
    t1.transit_operation.security = security
    offices(t1, "DE004058", "IE000100", ("GB000100", "IE000200"), ("FR000100",))
    silent(t1, "C0587")


def test_c0587_not_checked_when_the_packaged_list_cannot_place_the_offices(t1):
    t1.transit_operation.security = "2"
    offices(t1, "DE004058", "IE000100", ("GB000100",), ("FR000100",))
    silent(t1, "C0587")
    assert unchecked(t1, "C0587")


def test_g0587_suggests_an_office_of_exit_for_transit(t1, tmp_path):
    import_countries(tmp_path, "CL147", "AT CH DE FR IE NL NO")
    t1.transit_operation.security = "2"
    offices(t1, "DE004058", "IE000100", ("GB000100", "IE000200"))
    (finding,) = fires(t1, "G0587")
    assert finding.severity == "warning"
    assert finding.path == EXIT
    assert finding.error_code == 13
    assert "GB000100" in finding.message


@pytest.mark.parametrize(
    ("security", "transits", "exit_"),
    [
        ("0", ("GB000100",), ()),
        ("2", ("GB000100",), ("FR000100",)),
        ("2", ("CH001234",), ()),
    ],
)
def test_g0587_silent(t1, tmp_path, security, transits, exit_):
    import_countries(tmp_path, "CL147", "AT CH DE FR IE NL NO")
    t1.transit_operation.security = security
    offices(t1, "DE004058", "IE000100", transits, exit_)
    silent(t1, "G0587")


@pytest.mark.parametrize(("exit_ref", "role"), [("NL000396", "destination"), ("GB000200", "transit")])
def test_r0103_fires_when_exit_office_repeats_another_office(t1, exit_ref, role):
    offices(t1, "DE004058", "NL000396", ("GB000100", "GB000200"), ("FR000100", exit_ref))
    (finding,) = fires(t1, "R0103")
    assert finding.path == f"{EXIT}[2]/referenceNumber"
    assert finding.error_code == 14
    assert role in finding.message


def test_r0103_silent_for_a_distinct_exit_office(t1):
    offices(t1, "DE004058", "NL000396", ("GB000100",), ("FR000100",))
    silent(t1, "R0103")


# ------------------------------------------------------------------------------ R0901, R0904, R0905


@pytest.mark.parametrize(
    ("dep", "dest", "where"),
    [
        ("CH001234", "DE004058", "CustomsOfficeOfDeparture"),
        ("PL301010", "NO000100", "CustomsOfficeOfDestinationDeclared"),
    ],
)
def test_r0901_fires_for_tir_outside_the_union(tir, dep, dest, where):
    offices(tir, dep, dest)
    (finding,) = fires(tir, "R0901")
    assert finding.path == f"/CC015C/{where}/referenceNumber"
    assert finding.error_code == 14


def test_r0901_silent(tir, t1):
    silent(tir, "R0901")
    offices(t1, "CH001234", "NO000100")  # not TIR
    silent(t1, "R0901")


def test_r0901_not_checked_for_a_country_the_packaged_list_cannot_place(tir):
    tir.customs_office_of_destination_declared.reference_number = "MA000100"
    silent(tir, "R0901")
    (note,) = unchecked(tir, "R0901")
    assert note.path == "/CC015C/CustomsOfficeOfDestinationDeclared/referenceNumber"


@pytest.mark.parametrize("dep", ["AD000001", "SM000100"])
def test_r0904_fires_for_a_destination_outside_the_member_states(t1, tmp_path, dep):
    import_countries(tmp_path, "CL553", "AT DE ES FR IT NL")
    offices(t1, dep, "CH001234")
    (finding,) = fires(t1, "R0904")
    assert finding.path == "/CC015C/CustomsOfficeOfDestinationDeclared/referenceNumber"
    assert finding.error_code == 14


def test_r0904_silent(t1, tmp_path):
    import_countries(tmp_path, "CL553", "AT DE ES FR IT NL")
    offices(t1, "AD000001", "ES000100")
    silent(t1, "R0904")
    offices(t1, "CH001234", "MA000100")  # departure not in Andorra or San Marino
    silent(t1, "R0904")


def test_r0904_not_checked_without_cl553(t1):
    offices(t1, "AD000001", "ES000100")
    silent(t1, "R0904")
    assert unchecked(t1, "R0904")


@pytest.mark.parametrize("dest", ["AD000001", "SM000100"])
def test_r0905_fires_from_a_ctc_country_to_andorra_or_san_marino(t1, dest):
    offices(t1, "CH001234", dest)
    (finding,) = fires(t1, "R0905")
    assert finding.path == "/CC015C/CustomsOfficeOfDestinationDeclared/referenceNumber"
    assert finding.value == dest
    assert finding.error_code == 14


@pytest.mark.parametrize(("dep", "dest"), [("DE004058", "AD000001"), ("CH001234", "IT000100")])
def test_r0905_silent(t1, dep, dest):
    offices(t1, dep, dest)
    silent(t1, "R0905")


# ------------------------------------------------------------------------------ G0034 (customs office list)

DEST = "/CC015C/CustomsOfficeOfDestinationDeclared/referenceNumber"


def test_g0034_not_checked_without_the_customs_office_list(t1):
    silent(t1, "G0034")  # t1 follows an export (previous document N830) into NL
    (note,) = unchecked(t1, "G0034")
    assert note.path == DEST
    assert "CL141" in note.reason


@pytest.mark.parametrize(("roles", "missing"), [(["DES"], "exit"), (["EXT", "ENT"], "destination")])
def test_g0034_warns_for_a_destination_that_is_not_also_an_exit_office(t1, tmp_path, roles, missing):
    import_offices(tmp_path, {"NL000396": roles, "DE004058": ["DEP", "DES"]})
    (finding,) = fires(t1, "G0034")
    assert finding.severity == "warning"
    assert finding.path == DEST
    assert finding.error_code == 12
    assert f"not an office of {missing}" in finding.message


def test_g0034_warns_for_an_unknown_destination_office(t1, tmp_path):
    import_offices(tmp_path, {"DE004058": ["DEP", "DES"]})
    (finding,) = fires(t1, "G0034")
    assert "destination (CL172) or exit (CL294)" in finding.message


def test_g0034_silent_for_a_destination_and_exit_office(t1, tmp_path):
    import_offices(tmp_path, {"NL000396": ["DES", "EXT"]})
    silent(t1, "G0034")
    assert not unchecked(t1, "G0034")


def test_g0034_silent_without_export_or_outside_the_union(t1, tmp_path):
    import_offices(tmp_path, {"NL000396": ["EXT"], "CH001234": ["TRA"]})
    t1.customs_office_of_destination_declared.reference_number = "CH001234"
    silent(t1, "G0034")  # a CTC office is appropriate by default
    t1.customs_office_of_destination_declared.reference_number = "NL000396"
    for item in t1.consignment.house_consignment[0].consignment_item:
        item.previous_document = []
    silent(t1, "G0034")


# ------------------------------------------------------------------------------ C0394 (IE015 and IE170)

LOCATION_PARTS: dict[str, tuple[str, dict[str, Any]]] = {
    "T": ("PostcodeAddress", {"postcode": "20457", "country": "DE"}),
    "U": ("UNLocode", "DEHAM"),  # type: ignore[dict-item]
    "V": ("CustomsOffice", {"referenceNumber": "DE004058"}),
    "W": ("GNSS", {"latitude": "53.54100", "longitude": "9.98400"}),
    "X": ("EconomicOperator", {"identificationNumber": "DE123456789012345"}),
    "Y": ("authorisationNumber", "DEACE1234567890"),  # type: ignore[dict-item]
    "Z": ("Address", {"streetAndNumber": "Am Hafen 12", "city": "Hamburg", "country": "DE"}),
}


def set_location(msg: Any, qualifier: str, *parts: str) -> None:
    """Replace LOCATION OF GOODS by one with ``qualifier`` and the parts named by their XML names."""
    module = cc015c if msg.root_name == "CC015C" else cc170c
    data: dict[str, Any] = {"typeOfLocation": "B", "qualifierOfIdentification": qualifier}
    by_name = {name: value for name, value in LOCATION_PARTS.values()}
    for part in parts:
        data[part] = by_name[part] if part != "ContactPerson" else {"name": "A. Person", "phoneNumber": "+49 40 1"}
    msg.consignment.location_of_goods = module.LocationOfGoods.model_validate(data)


@pytest.mark.parametrize("qualifier", sorted(LOCATION_PARTS))
@pytest.mark.parametrize("fixture", ["t1", "ie170"])
def test_c0394_silent_with_exactly_the_part_the_qualifier_names(request, fixture, qualifier):
    msg = request.getfixturevalue(fixture)
    set_location(msg, qualifier, LOCATION_PARTS[qualifier][0])
    silent(msg, "C0394")


@pytest.mark.parametrize("qualifier", sorted(LOCATION_PARTS))
def test_c0394_requires_the_part_the_qualifier_names(t1, qualifier):
    set_location(t1, qualifier)
    (finding,) = fires(t1, "C0394")
    assert finding.path == f"/CC015C/Consignment/LocationOfGoods/{LOCATION_PARTS[qualifier][0]}"
    assert finding.error_code == 13


def test_c0394_forbids_other_parts(ie170):
    set_location(ie170, "X", "EconomicOperator", "Address", "UNLocode")
    found = fires(ie170, "C0394")
    assert [f.path for f in found] == [
        "/CC170C/Consignment/LocationOfGoods/Address",
        "/CC170C/Consignment/LocationOfGoods/UNLocode",
    ]
    assert all(f.error_code == 15 for f in found)


def test_c0394_contact_person_not_allowed_with_a_customs_office(t1):
    set_location(t1, "V", "CustomsOffice", "ContactPerson")
    (finding,) = fires(t1, "C0394")
    assert finding.path == "/CC015C/Consignment/LocationOfGoods/ContactPerson"
    assert finding.error_code == 15


def test_c0394_contact_person_allowed_otherwise(t1):
    set_location(t1, "Z", "Address", "ContactPerson")
    silent(t1, "C0394")


def test_c0394_silent_on_the_examples(t1, tir, ie170):
    for msg in (t1, tir, ie170):
        silent(msg, "C0394")
