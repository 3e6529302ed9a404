"""`check`: the call the rule engine makes for every coded field."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from ncts5 import codelists
from ncts5.codelists import UnknownCodeList


def test_a_new_user_gets_three_findings_without_any_import() -> None:
    """The issue's acceptance example: T3, guarantee type 7 and currency XXX are all wrong."""
    results = [codelists.check("CL231", "T3"), codelists.check("CL251", "7"), codelists.check("CL048", "XXX")]
    assert [r.status for r in results] == ["invalid", "invalid", "invalid"]
    assert [r.list_id for r in results] == ["CL231", "CL251", "CL048"]
    assert not any(r.ok for r in results)
    assert results[0].allowed == ("T", "T1", "T2", "T2F", "T2SM", "TIR")
    assert results[1].allowed is not None and "7" not in results[1].allowed and "1" in results[1].allowed
    assert results[2].allowed is not None and "EUR" in results[2].allowed
    assert "'T3' is not a code of CL231 DeclarationType" in results[0].reason
    assert all(r.source == "packaged" for r in results)


def test_valid_value() -> None:
    result = codelists.check("CL251", "1")
    assert result.status == "valid"
    assert result.ok
    assert result.allowed is None
    assert result.list_name == "GuaranteeType"


def test_check_accepts_the_list_name_and_reports_the_id() -> None:
    result = codelists.check("DeclarationType", "T9")
    assert result.status == "invalid"
    assert result.list_id == "CL231"


def test_unknown_list_is_a_programming_error() -> None:
    with pytest.raises(UnknownCodeList):
        codelists.check("CL000", "X")


def test_list_without_data_is_not_checked_and_says_how_to_import() -> None:
    # CL610 is not in the official payload and ncts5 has no source for it.
    result = codelists.check("CL610", "CC015C")
    assert result.status == "not-checked"
    assert result.ok
    assert "ncts5 codelists import --list CL610" in result.reason
    assert result.source is None


def test_large_official_lists_are_checked_out_of_the_box() -> None:
    assert codelists.check("CL101", "1203").status == "valid"  # UN number: petrol
    assert codelists.check("CL101", "0000").status == "invalid"
    assert codelists.check("CL244", "DEHAM").status == "valid"


def test_code_missing_from_a_partial_packaged_list_is_not_checked() -> None:
    # CL192 (languages) is national and not in the official payload: ncts5 ships the common ones.
    assert codelists.get("CL192").complete is False
    assert codelists.check("CL192", "DE").status == "valid"
    result = codelists.check("CL192", "ZU")
    assert result.status == "not-checked"
    assert "holds only the codes its source names" in result.reason


def test_long_lists_do_not_report_allowed_codes() -> None:
    result = codelists.check("CL008", "ZZ")
    assert result.status == "invalid"
    assert result.allowed is None


def test_value_not_in_force_on_the_decisive_date(tmp_path: Path) -> None:
    csv = tmp_path / "cl296.csv"
    csv.write_text("code,description,active_from,active_to\nA20,Express,2025-01-01,\nXXX,AEO,,2024-12-31\n")
    codelists.import_list(csv, "CL296")
    before = codelists.check("CL296", "A20", on=date(2024, 6, 1))
    assert before.status == "invalid"
    assert before.detail == "in force only from 2025-01-01; judged on 2024-06-01, the decisive date"
    assert "but not in force" in before.reason
    assert before.allowed == ("XXX",)
    assert codelists.check("CL296", "A20", on=date(2025, 6, 1)).status == "valid"
    assert codelists.check("CL296", "XXX", on=date(2025, 6, 1)).status == "invalid"
