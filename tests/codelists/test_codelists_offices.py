"""Customs offices: never guessed without an import, checked with their roles after one."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from codelist_helpers import minimal_col, write_json

from ncts5 import codelists

SNAPSHOT_DAY = date(2025, 2, 12)


def test_offices_are_not_checked_without_an_import() -> None:
    assert codelists.customs_office("DE004058") is None
    assert codelists.office_has_role("DE004058", "DES") is None
    for list_id in ("CL141", "CL171", "CL172", "CL173", "CL175"):
        result = codelists.check(list_id, "DE004058")
        assert result.status == "not-checked", list_id
        assert "COL" in result.reason


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


def test_office_not_yet_active_on_the_decisive_date(tmp_path: Path) -> None:
    codelists.import_reference_data(write_json(tmp_path / "col.json", minimal_col()))
    assert codelists.office_has_role("FR000002", "TRA", date(2025, 12, 31)) is False
    assert codelists.office_has_role("FR000002", "TRA", date(2026, 1, 1)) is True
    assert codelists.check("CL173", "FR000002", on=date(2025, 12, 31)).status == "invalid"
