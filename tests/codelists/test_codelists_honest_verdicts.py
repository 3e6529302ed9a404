"""Honest verdicts: what was not checked is counted and can fail CI; old reference data is named as such."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from ncts5 import codelists
from ncts5.cli import main

REPO = Path(__file__).resolve().parents[2]
TIR = str(REPO / "examples" / "tir.xml")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_text_summary_counts_what_was_not_checked(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "validate", TIR)
    assert code == 0
    summary = next(line for line in out.splitlines() if line.startswith("1 file(s)"))
    assert "rule(s) not checked in 1 file(s)" in summary  # R0850: an EORI's registration needs EOS


def test_strict_fails_a_file_with_anything_not_checked(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "validate", TIR)[0] == 0
    code, out, _ = run(capsys, "validate", "--strict", TIR)
    assert code == 1
    assert "(--strict: a failure)" in out
    assert "R0850" in out  # the rules that were not decided are named even with --strict -q
    code, out, _ = run(capsys, "validate", "--strict", "-q", TIR)
    assert code == 1 and "R0850" in out


def test_json_says_whether_a_file_was_completely_checked(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "validate", "--format", "json", TIR)
    assert code == 0
    (result,) = json.loads(out)
    assert result["complete"] is False
    assert result["not_checked"]
    assert all(n["reason"] for n in result["not_checked"])
    assert "warning: the reference data in use" in err  # JSON stays parseable: the warning goes to stderr


def test_validate_warns_about_old_reference_data(capsys: pytest.CaptureFixture[str]) -> None:
    snapshot = codelists.staleness().snapshot_date
    assert snapshot is not None
    age = (date.today() - snapshot).days
    _, out, _ = run(capsys, "validate", TIR, "--max-age", str(age - 1))
    assert f"reference data in use is {age} days old (snapshot {snapshot}" in out
    assert "ncts5 codelists import RD_NCTS-P5.json.gz" in out
    _, out, _ = run(capsys, "validate", TIR, "--max-age", str(age + 1))
    assert "reference data in use" not in out


def test_staleness_is_judged_on_the_oldest_official_snapshot_in_use() -> None:
    fresh = codelists.staleness(today=date(2025, 3, 1))
    assert fresh.snapshot_date == date(2025, 2, 12)
    assert fresh.age_days == 17 and not fresh.stale and fresh.warning() is None
    old = codelists.staleness(today=date(2025, 2, 12) + timedelta(days=91))
    assert old.stale
    assert "CL231" in old.oldest and "CL027" not in old.oldest  # lists ncts5 writes itself are not judged


def test_codelists_status_reports_the_data_in_use_and_its_age(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "codelists", "status")
    assert code == 0
    assert "packaged with ncts5 from: RD_NCTS-P5.json.gz (2025-02-12), COL-Generic-20250212.json.gz" in out
    assert "warning: the reference data in use" in out
    code, out, _ = run(capsys, "codelists", "status", "--format", "json", "--max-age", "100000")
    data = json.loads(out)
    assert data["snapshot_date"] == "2025-02-12" and data["stale"] is False and data["warning"] is None
    assert len(data["lists"]) == 41


def test_status_after_an_import_judges_the_imported_snapshot(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    csv = tmp_path / "cl231.csv"
    csv.write_text("code,description\nT1,external\n")
    assert run(capsys, "codelists", "import", "--list", "CL231", str(csv), "--snapshot-date", "2020-01-01")[0] == 0
    data = json.loads(run(capsys, "codelists", "status", "--format", "json")[1])
    assert data["snapshot_date"] == "2020-01-01"
    row = next(r for r in data["lists"] if r["id"] == "CL231")
    assert row["status"] == "imported"


def test_explain_a_code_list(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "explain", "CL017")
    assert code == 0
    assert out.startswith("CL017 KindOfPackages: code list")
    assert "package type" in out  # the official description
    assert "/CC015C/Consignment/HouseConsignment/ConsignmentItem/Packaging/typeOfPackages  18 06 003 000" in out
    assert "snapshot 2025-02-12" in out and "406 entries" in out
    assert "RD_NCTS-P5.json.gz" in out
    code, out, _ = run(capsys, "explain", "cl172")
    assert "role DES" in out and "17 05 001 000" in out
    code, _, err = run(capsys, "explain", "CL999")
    assert code == 2 and "unknown code list 'CL999'" in err


def test_explain_a_list_ncts5_has_no_values_for(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "explain", "CL610")
    assert code == 0
    assert "values: none" in out
    assert "ncts5 codelists import --list CL610" in out


def test_every_not_checked_reason_says_what_would_decide_it(capsys: pytest.CaptureFixture[str]) -> None:
    """Each reason names data, a system or a command; none is a bare "not checked"."""
    files = [str(p) for p in sorted((REPO / "examples").glob("*.xml"))]
    _, out, _ = run(capsys, "validate", "--format", "json", *files)
    reasons = {n["reason"] for r in json.loads(out) for n in r["not_checked"]}
    assert reasons
    deciders = ("import", "needs", "EOS", "NCTS", "database", "depends on", "offline")
    for reason in reasons:
        assert any(word in reason for word in deciders), reason
