"""The `ncts5 codelists` subcommand, driven through argparse as the main CLI will drive it."""

from __future__ import annotations

import argparse
import io
import json
from pathlib import Path

import pytest
from codelist_helpers import minimal_payload, tree, write_json

from ncts5 import codelists
from ncts5.codelists.cli import register


def run(*argv: str) -> tuple[int, str, str]:
    parser = argparse.ArgumentParser(prog="ncts5")
    register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["codelists", *argv])
    out, err = io.StringIO(), io.StringIO()
    code = args.func(args, out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_bare_command_lists_every_message_list_as_text() -> None:
    code, out, err = run()
    assert code == 0
    assert err == ""
    lines = out.splitlines()
    assert lines[0].split()[:5] == ["ID", "NAME", "STATUS", "SNAPSHOT", "ENTRIES"]
    assert sum(1 for line in lines if line.startswith("CL")) == 41
    row = next(line for line in lines if line.startswith("CL231"))
    assert "DeclarationType" in row and "packaged" in row
    assert next(line for line in lines if line.startswith("CL141")).split()[2] == "packaged"
    assert "not checked until imported" not in out  # every message list ships with ncts5


@pytest.mark.parametrize("argv", [("--format", "json"), ("list", "--format", "json"), ("--format", "json", "list")])
def test_json_listing(argv: tuple[str, ...]) -> None:
    code, out, _ = run(*argv)
    assert code == 0
    rows = json.loads(out)
    assert len(rows) == 41
    assert {"id", "name", "status", "source", "snapshot_date", "entries"} <= set(rows[0])
    by_id = {r["id"]: r for r in rows}
    assert by_id["CL231"]["status"] == "packaged"
    assert by_id["CL231"]["entries"] == 6
    assert by_id["CL141"]["status"] == "packaged"
    assert by_id["CL141"]["snapshot_date"] == "2025-02-12"
    assert "COL-Generic-20250212.json.gz" in by_id["CL141"]["source"]


def test_listing_after_importing_the_snapshot_has_nothing_missing(with_snapshot: Path) -> None:
    code, out, _ = run("--format", "json")
    assert code == 0
    rows = json.loads(out)
    assert {r["status"] for r in rows} <= {"packaged", "imported"}
    assert {r["id"] for r in rows if r["status"] == "imported"} >= {"CL141", "CL172", "CL231", "CL244"}


def test_all_lists(tmp_path: Path) -> None:
    code, out, _ = run("list", "--all", "--format", "json")
    assert code == 0
    assert len(json.loads(out)) == len(codelists.NAMES)


def test_import_then_show(tmp_path: Path, isolated_data_dir: Path) -> None:
    csv = tmp_path / "cl349.csv"
    csv.write_text("code,description\nKGM,kilogram\nLTR,litre\n")
    code, out, err = run("import", str(csv), "--list", "CL349")
    assert (code, err) == (0, "")
    assert "CL349 Unit: 2 entries" in out
    code, out, _ = run("show", "Unit")
    assert code == 0
    assert out.splitlines()[0] == "CL349 Unit"
    assert "status: imported" in out
    assert "KGM  kilogram" in out
    code, out, _ = run("show", "CL349", "--format", "json", "--limit", "1")
    assert json.loads(out)["entries"] == [
        {"code": "KGM", "description": "kilogram", "active_from": None, "active_to": None}
    ]


def test_import_official_payload_into_a_given_data_dir(tmp_path: Path, isolated_data_dir: Path) -> None:
    path = write_json(tmp_path / "rd.json.gz", minimal_payload(), gz=True)
    target = tmp_path / "target"
    code, out, _ = run("import", str(path), "--data-dir", str(target))
    assert code == 0
    assert f"into {target}" in out
    assert tree(isolated_data_dir) == {}
    code, out, _ = run("--data-dir", str(target), "--format", "json")
    assert {r["id"]: r["status"] for r in json.loads(out)}["CL231"] == "imported"


def test_import_of_a_corrupt_file_fails_with_one_line(tmp_path: Path, isolated_data_dir: Path) -> None:
    bad = tmp_path / "bad.json.gz"
    bad.write_bytes(b"\x1f\x8bnot gzip at all")
    code, out, err = run("import", str(bad))
    assert code == 1
    assert out == ""
    assert err.count("\n") == 1
    assert err.startswith("ncts5 codelists: error: ")
    assert "not a valid gzip file" in err and str(bad) in err
    assert "Traceback" not in err
    assert tree(isolated_data_dir) == {}


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    code, _, err = run("show", "CL999")
    assert code == 2
    assert "unknown code list 'CL999'" in err
    csv = tmp_path / "x.csv"
    csv.write_text("code\nA\n")
    code, _, err = run("import", str(csv), "--list", "NoSuchList")
    assert code == 2
    code, _, err = run("import", str(csv), "--snapshot-date", "2025-01-01")
    assert code == 2
    assert "--snapshot-date only applies with --list" in err


def test_show_a_list_that_is_not_available_fails_and_says_how_to_import() -> None:
    code, out, err = run("show", "CL610")  # not in the official payload, not written by ncts5
    assert code == 1
    assert out == ""
    assert "ncts5 codelists import --list CL610" in err


def test_show_partial_list_and_on_date(tmp_path: Path) -> None:
    csv = tmp_path / "cl048.csv"
    csv.write_text("code,description,active_from,active_to\nEUR,Euro,,\nBGN,Bulgarian lev,,2025-12-31\n")
    assert run("import", str(csv), "--list", "CL048")[0] == 0
    code, out, _ = run("show", "CL048", "--on", "2026-01-01")
    assert code == 0
    assert "BGN" not in out.split("\n\n", 1)[1]
    code, out, _ = run("show", "CL048", "--on", "2025-06-01")
    assert "BGN" in out
    code, out, _ = run("show", "CL192")
    assert "partial" in out
