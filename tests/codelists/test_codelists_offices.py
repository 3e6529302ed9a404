"""Customs offices: the official list ships with ncts5; checked with their roles and dates."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from codelist_helpers import minimal_col, write_json

from ncts5 import codelists

SNAPSHOT_DAY = date(2025, 2, 12)


def test_offices_are_checked_without_an_import() -> None:
    office = codelists.customs_office("DE004058")
    assert office is not None and office.country == "DE"
    assert codelists.office_has_role("DE004058", "DES") is True
    for list_id in ("CL141", "CL171", "CL172", "CL173"):
        result = codelists.check(list_id, "DE004058")
        assert result.status == "valid", list_id
        assert result.source == "packaged"
    made_up = codelists.check("CL141", "DE999999")
    assert made_up.status == "invalid"
    assert "not a code of CL141" in made_up.reason
    assert codelists.office_has_role("DE999999", "DEP") is False


def test_office_roles_after_importing_the_snapshot(with_snapshot: Path) -> None:
    office = codelists.customs_office("DE004058")
    assert office is not None
    assert office.country == "DE"
    assert office.name
    assert {"DEP", "DES", "TRA"} <= office.roles
    assert codelists.office_has_role("DE004058", codelists.ROLE_DESTINATION, SNAPSHOT_DAY) is True
    assert codelists.office_has_role("DE004058", "des", SNAPSHOT_DAY) is True
    # AT010000 exists but is not an office of destination.
    assert codelists.customs_office("AT010000") is not None
    assert codelists.office_has_role("AT010000", "DES", SNAPSHOT_DAY) is False
    # An office that does not exist is reported, not ignored.
    assert codelists.customs_office("XX999999") is None
    assert codelists.office_has_role("XX999999", "DES", SNAPSHOT_DAY) is False


def test_role_lists_are_derived_from_the_office_list(with_snapshot: Path) -> None:
    departure = codelists.get("CL171")
    destination = codelists.get("CL172")
    transit = codelists.get("CL173")
    exit_for_transit = codelists.get("CL175")
    every_office = codelists.get("CustomsOffices")
    assert departure.source == "imported"
    assert "COL-Generic-20250212.json.gz" in departure.origin
    for derived in (departure, destination, transit, exit_for_transit):
        assert derived.codes(SNAPSHOT_DAY) <= every_office.codes(SNAPSHOT_DAY)
        assert 0 < len(derived) < len(every_office)
    for ref in exit_for_transit.codes(SNAPSHOT_DAY):
        office = codelists.customs_office(ref)
        assert office is not None and "TXT" in office.roles
    assert codelists.check("CL172", "DE004058", on=SNAPSHOT_DAY).status == "valid"
    missing_role = codelists.check("CL172", "AT010000", on=SNAPSHOT_DAY)
    assert missing_role.status == "invalid"
    assert missing_role.allowed is None  # thousands of offices: no list of alternatives
    assert "does not have the role DES" in missing_role.reason
    assert codelists.check("CL172", "XX999999", on=SNAPSHOT_DAY).status == "invalid"


def test_an_office_version_date_does_not_make_it_unknown_before(tmp_path: Path) -> None:
    """activeFrom starts the office entry's current version: the office existed before it."""
    codelists.import_reference_data(write_json(tmp_path / "col.json", minimal_col()))
    assert codelists.office_has_role("FR000002", "TRA", date(2025, 12, 31)) is True
    assert codelists.office_has_role("FR000002", "TRA", date(2026, 1, 1)) is True
    assert codelists.check("CL173", "FR000002", on=date(2025, 12, 31)).status == "valid"


def test_a_withdrawn_office_is_refused_with_its_date(tmp_path: Path) -> None:
    codelists.import_reference_data(write_json(tmp_path / "col.json", minimal_col()))
    office = codelists.customs_office("FR000003")
    assert office is not None and office.withdrawn_from == date(2020, 1, 1)
    assert codelists.office_has_role("FR000003", "DEP", date(2025, 1, 1)) is False
    result = codelists.check("CL141", "FR000003", on=date(2025, 1, 1))
    assert result.status == "invalid"
    assert result.detail is not None and "withdrawn from the list on 2020-01-01" in result.detail
