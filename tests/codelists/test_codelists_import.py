"""Import of official reference data and of simple per-list files: shape checks, atomicity, precedence."""

from __future__ import annotations

import gzip
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from codelist_helpers import COL_FILE, minimal_col, minimal_payload, tree, write_json

from ncts5 import codelists
from ncts5.codelists import CodeListImportError, CodeListNotAvailable, CodeListStoreError, UnknownCodeList
from ncts5.codelists.registry import Registry
from ncts5.codelists.store import MANIFEST, SUBDIR, Store, default_data_dir

# -- the official snapshot ----------------------------------------------------------------------


def test_after_importing_the_snapshot_every_message_list_is_available(with_snapshot: Path) -> None:
    rows = codelists.status()
    assert len(rows) == 41
    assert [r.id for r in rows if r.status == "missing"] == []
    by_id = {r.id: r for r in rows}
    assert by_id["CL231"].status == "imported"
    assert by_id["CL231"].snapshot_date == date(2025, 2, 12)
    assert by_id["CL141"].status == "imported"
    assert by_id["CL141"].entries > 4000
    # Not in the official payload: still packaged.
    assert {by_id[i].status for i in ("CL027", "CL060", "CL192")} == {"packaged"}
    for list_id in codelists.list_ids_used_by_messages():
        assert codelists.available(list_id), list_id


def test_imported_lists_take_precedence_over_packaged_ones(with_snapshot: Path) -> None:
    declaration_types = codelists.get("CL231")
    assert declaration_types.source == "imported"
    assert "RD_NCTS-P5.json.gz" in declaration_types.origin
    assert declaration_types.snapshot_date == date(2025, 2, 12)
    # The official CL239 has codes the packaged (partial) one lacks; now they are checked.
    assert codelists.check("CL239", "00200", on=date(2025, 2, 12)).status == "valid"
    assert codelists.check("CL239", "99999", on=date(2025, 2, 12)).status == "invalid"


def test_imported_entries_match_the_official_valid_entries(with_snapshot: Path, official_rd: dict[str, Any]) -> None:
    official = official_rd["lists"]["GuaranteeType"]["listEntries"]
    expected = {e["code"] for e in official if e["state"] == "valid"}
    assert codelists.get("GuaranteeType").codes(date(2025, 2, 12)) == expected
    unlocodes = codelists.get("CL244")
    assert len(unlocodes) == sum(
        1 for e in official_rd["lists"]["UnLocodeExtended"]["listEntries"] if e["state"] == "valid"
    )
    assert codelists.check("CL244", "DEHAM", on=date(2025, 2, 12)).status == "valid"
    currencies = codelists.get("CurrencyCodes")  # code field "currency" in the payload
    assert "EUR" in currencies.codes(date(2025, 2, 12))


def test_entries_in_an_invalid_state_are_withdrawn_from_their_version_date(tmp_path: Path) -> None:
    payload = minimal_payload(
        {
            "DeclarationType": [
                {"state": "valid", "activeFrom": "2024-01-01", "code": "T1", "description": "external"},
                {"state": "invalid", "activeFrom": "2024-01-01", "code": "T9", "description": "withdrawn"},
            ]
        }
    )
    summary = codelists.import_reference_data(write_json(tmp_path / "rd.json", payload))
    assert codelists.get("CL231").codes(date(2025, 1, 1)) == {"T1"}
    assert codelists.get("CL231").codes(date(2023, 12, 31)) == {"T1", "T9"}  # in the list before its withdrawal
    result = codelists.check("CL231", "T9", on=date(2025, 1, 1))
    assert result.status == "invalid"
    assert result.detail is not None and "withdrawn from the list on 2024-01-01" in result.detail
    assert "judged on 2025-01-01" in result.detail
    item = next(i for i in summary.lists if i.id == "CL231")
    assert (item.entries, item.dropped) == (2, 0)
    assert summary.snapshot_date == date(2025, 6, 1)
    assert summary.kind == "reference-data"


def test_plain_and_gzip_payloads_are_both_accepted(tmp_path: Path) -> None:
    payload = minimal_payload()
    for path in (write_json(tmp_path / "rd.json", payload), write_json(tmp_path / "rd.json.gz", payload, gz=True)):
        registry = Registry(tmp_path / path.name.replace(".", "-"))
        registry.import_reference_data(path)
        assert registry.get("CL231").codes(date(2025, 1, 1)) == {"Z9"}


def test_a_name_shared_by_two_ids_fills_both(tmp_path: Path) -> None:
    codelists.import_reference_data(write_json(tmp_path / "rd.json", minimal_payload()))
    assert codelists.get("CL226").source == codelists.get("CL227").source == "imported"


def test_importing_keeps_lists_imported_earlier(tmp_path: Path) -> None:
    csv = tmp_path / "cl349.csv"
    csv.write_text("code,description\nKGM,kilogram\n")
    codelists.import_list(csv, "CL349")
    offices = minimal_col()
    codelists.import_reference_data(write_json(tmp_path / "col.json", offices))
    assert codelists.get("CL349").codes() == {"KGM"}
    assert codelists.customs_office("DE000001") is not None


def test_reimport_keeps_one_previous_generation_and_collects_older_ones(
    tmp_path: Path, isolated_data_dir: Path
) -> None:
    path = write_json(tmp_path / "rd.json", minimal_payload())
    codelists.import_reference_data(path)
    first = set(tree(isolated_data_dir))
    codelists.import_reference_data(path)
    second = set(tree(isolated_data_dir))
    assert first < second  # the replaced generation stays: a reader may still be using it
    codelists.import_reference_data(path)
    third = set(tree(isolated_data_dir))
    assert len(third) == len(second)  # old files are collected, not accumulated
    lists_of_first = {name for name in first if name.endswith(".json") and "manifest" not in name}
    assert lists_of_first and not lists_of_first & third


# -- customs offices ----------------------------------------------------------------------------


def test_customs_office_list_import(tmp_path: Path) -> None:
    summary = codelists.import_reference_data(write_json(tmp_path / "col.json", minimal_col()))
    assert summary.kind == "customs-offices"
    assert summary.offices == 3  # the invalid office is kept, as withdrawn
    office = codelists.customs_office("DE000001")
    assert office is not None
    assert office.name == "Customs office one"  # the English name when there is one
    assert office.country == "DE"
    assert office.roles == {"DEP", "DES"}
    assert dict(office.names) == {"DE": "Zollamt Eins", "EN": "Customs office one"}
    withdrawn = codelists.customs_office("FR000003")  # invalid state: kept, to say since when it is refused
    assert withdrawn is not None and withdrawn.withdrawn_from == date(2020, 1, 1)
    assert codelists.get("CL172").codes(date(2025, 1, 1)) == {"DE000001"}
    assert codelists.get("CL175").codes(date(2026, 6, 1)) == {"FR000002"}


# -- simple per-list files ----------------------------------------------------------------------


def test_simple_csv_import_takes_precedence_and_keeps_dates(tmp_path: Path) -> None:
    csv = tmp_path / "types.csv"
    csv.write_text("code,description,active_from,active_to\nT1,External,2024-01-01,\nT2,Internal,,\n", encoding="utf-8")
    summary = codelists.import_list(csv, "DeclarationType", snapshot_date=date(2025, 3, 1))
    code_list = codelists.get("CL231")
    assert code_list.source == "imported"
    assert code_list.snapshot_date == date(2025, 3, 1)
    assert code_list.origin == "user file types.csv"
    assert code_list.codes(date(2023, 6, 1)) == {"T2"}
    assert code_list.codes(date(2024, 6, 1)) == {"T1", "T2"}
    assert summary.kind == "list"
    assert codelists.check("CL231", "TIR").status == "invalid"  # the imported list replaced the packaged one


def test_simple_json_import_with_header(tmp_path: Path) -> None:
    path = write_json(
        tmp_path / "cl349.json",
        {"snapshot_date": "2025-05-05", "origin": "my spreadsheet", "entries": [{"code": "KGM", "description": "kg"}]},
    )
    codelists.import_list(path, "CL349")
    units = codelists.get("CL349")
    assert units.snapshot_date == date(2025, 5, 5)
    assert units.origin == "my spreadsheet"
    assert units.codes() == {"KGM"}


def test_simple_json_array_import(tmp_path: Path) -> None:
    codelists.import_list(
        write_json(tmp_path / "x.json", [{"code": "N830"}, {"code": "N999", "description": "x"}]), "CL228"
    )
    assert codelists.get("CL228").codes() == {"N830", "N999"}


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("description\nfoo\n", "header row"),
        ("code,description,colour\nA,b,red\n", "unknown column(s) colour"),
        ("code,description\n,empty code\n", "line 2: 'code' is missing or empty"),
        ("code,description,active_from\nA,b,01/02/2025\n", "line 2: 'active_from' must be a YYYY-MM-DD date"),
        ("code,description,active_from,active_to\nA,b,2025-02-01,2025-01-01\n", "active_to is before active_from"),
        ("code,description\n", "holds no entries"),
        ("code,description\nA,b,c\n", "more fields than header columns"),
    ],
)
def test_bad_simple_file_is_rejected_and_changes_nothing(
    tmp_path: Path, isolated_data_dir: Path, content: str, problem: str
) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(content, encoding="utf-8")
    before = tree(isolated_data_dir)
    with pytest.raises(CodeListImportError) as caught:
        codelists.import_list(path, "CL231")
    assert problem in str(caught.value)
    assert str(path) in str(caught.value)
    assert tree(isolated_data_dir) == before
    assert codelists.get("CL231").source == "packaged"


def test_simple_import_of_an_office_list_or_unknown_list_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("code,description\nDE000001,x\n")
    with pytest.raises(CodeListImportError, match="customs office list"):
        codelists.import_list(path, "CL172")
    with pytest.raises(UnknownCodeList):
        codelists.import_list(path, "CL999")


# -- corrupt official files ---------------------------------------------------------------------


def _corrupt_files(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    good = minimal_payload()
    bad_state = minimal_payload(
        {"DeclarationType": [{"state": "maybe", "activeFrom": "2024-01-01", "code": "T1", "description": "x"}]}
    )
    bad_date = minimal_payload(
        {"DeclarationType": [{"state": "valid", "activeFrom": "1 Jan 2024", "code": "T1", "description": "x"}]}
    )
    no_code = minimal_payload({"GuaranteeType": [{"state": "valid", "activeFrom": "2024-01-01", "description": "x"}]})
    missing_list = minimal_payload()
    del missing_list["lists"]["GuaranteeType"]
    wrong_type = minimal_payload()
    wrong_type["lists"]["DeclarationType"]["listEntries"] = {"code": "T1"}
    bad_office = minimal_col([{"state": "valid", "activeFrom": "2020-01-01", "name": "x", "id": "DE1",
                               "countryId": "DE", "roles": []}])  # fmt: skip
    truncated = gzip.compress(json.dumps(good).encode())[:200]
    (tmp_path / "truncated.json.gz").write_bytes(truncated)
    (tmp_path / "garbage.gz").write_bytes(b"\x1f\x8b" + b"not really gzip")
    (tmp_path / "bad.json").write_text('{"messageInformation": {', encoding="utf-8")
    (tmp_path / "empty.json").write_text("", encoding="utf-8")
    (tmp_path / "latin1.json").write_bytes('{"x": "é"}'.encode("latin-1"))
    files = {
        "array root": (write_json(tmp_path / "array.json", []), "$: expected an object, got an array"),
        "no envelope": (write_json(tmp_path / "noenv.json", {"lists": {}}), "'messageInformation' is missing"),
        "bad state": (write_json(tmp_path / "state.json", bad_state), "state: expected 'valid' or 'invalid'"),
        "bad date": (write_json(tmp_path / "date.json", bad_date), "activeFrom: expected a YYYY-MM-DD date"),
        "no code": (write_json(tmp_path / "nocode.json", no_code), "required property 'code' is missing"),
        "missing list": (write_json(tmp_path / "missing.json", missing_list), "list(s) missing: GuaranteeType"),
        "wrong type": (write_json(tmp_path / "type.json", wrong_type), "listEntries: expected an array, got an object"),
        "bad office": (write_json(tmp_path / "office.json", bad_office), "8 characters"),
    }
    return {
        "truncated gzip": (tmp_path / "truncated.json.gz", "not a valid gzip file"),
        "bad gzip": (tmp_path / "garbage.gz", "not a valid gzip file"),
        "bad JSON": (tmp_path / "bad.json", "not valid JSON"),
        "empty": (tmp_path / "empty.json", "empty file"),
        "not UTF-8": (tmp_path / "latin1.json", "not UTF-8"),
        "no such file": (tmp_path / "nope.json.gz", "no such file"),
        "csv given": (tmp_path / "list.csv", "import it with --list"),
        **files,
    }


CORRUPT = [
    "truncated gzip", "bad gzip", "bad JSON", "empty", "not UTF-8", "array root", "no envelope", "bad state",
    "bad date", "no code", "missing list", "wrong type", "bad office", "no such file", "csv given",
]  # fmt: skip


@pytest.mark.parametrize("case", CORRUPT)
def test_corrupt_file_raises_and_leaves_the_data_dir_unchanged(
    tmp_path: Path, isolated_data_dir: Path, case: str
) -> None:
    # Start from a data dir that already holds an import, so "unchanged" means something.
    csv = tmp_path / "cl231.csv"
    csv.write_text("code,description\nT1,x\n")
    codelists.import_list(csv, "CL231")
    before = tree(isolated_data_dir)
    assert before
    path, problem = _corrupt_files(tmp_path)[case]
    with pytest.raises(CodeListImportError) as caught:
        codelists.import_reference_data(path)
    message = str(caught.value)
    assert message.startswith(str(path)), message
    assert problem in message
    assert "\n" not in message
    assert tree(isolated_data_dir) == before
    assert codelists.get("CL231").codes() == {"T1"}


def test_corrupt_snapshot_copy_is_rejected(
    tmp_path: Path, isolated_data_dir: Path, official_rd: dict[str, Any]
) -> None:
    """The real payload with one broken entry deep inside: the error names where it is."""
    entry = official_rd["lists"]["KindOfPackages"]["listEntries"][100]
    saved = entry["activeFrom"]
    entry["activeFrom"] = 20240101
    try:
        path = write_json(tmp_path / "RD_broken.json", official_rd)
    finally:
        entry["activeFrom"] = saved  # the session fixture is shared
    with pytest.raises(CodeListImportError, match=r"KindOfPackages\.listEntries\[100\]\.activeFrom: expected a string"):
        codelists.import_reference_data(path)
    assert tree(isolated_data_dir) == {}


def test_a_failed_write_leaves_the_previous_state(
    tmp_path: Path, isolated_data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    csv = tmp_path / "a.csv"
    csv.write_text("code,description\nT1,x\n")
    codelists.import_list(csv, "CL231")
    before = tree(isolated_data_dir)
    original = Store._write
    calls = {"n": 0}

    def failing_write(self: Store, name: str, data: bytes, written: list[Path] | None) -> tuple[int, str]:
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError(28, "No space left on device")
        return original(self, name, data, written)

    monkeypatch.setattr(Store, "_write", failing_write)
    with pytest.raises(CodeListImportError, match="No space left on device; nothing was changed"):
        codelists.import_reference_data(write_json(tmp_path / "rd.json", minimal_payload()))
    assert tree(isolated_data_dir) == before
    assert codelists.get("CL231").codes() == {"T1"}


def test_a_damaged_manifest_is_reported_not_ignored(isolated_data_dir: Path) -> None:
    (isolated_data_dir / SUBDIR).mkdir(parents=True)
    (isolated_data_dir / SUBDIR / MANIFEST).write_text("{not json", encoding="utf-8")
    codelists.reload()
    # Both kinds of error: the list is not available, and the store needs repair.
    with pytest.raises(CodeListNotAvailable, match="the manifest is damaged") as caught:
        codelists.get("CL231")
    assert isinstance(caught.value, CodeListStoreError)
    assert "ncts5 codelists import" in str(caught.value)


def test_a_good_import_repairs_a_damaged_manifest(tmp_path: Path, isolated_data_dir: Path) -> None:
    (isolated_data_dir / SUBDIR).mkdir(parents=True)
    (isolated_data_dir / SUBDIR / MANIFEST).write_text("{not json", encoding="utf-8")
    codelists.import_reference_data(write_json(tmp_path / "rd.json", minimal_payload()))
    assert codelists.get("CL231").source == "imported"


def test_lists_outside_the_schema_are_taken_or_skipped_not_fatal(tmp_path: Path) -> None:
    payload = minimal_payload()
    payload["lists"]["MessageTypes"] = {
        "listName": "MessageTypes",
        "listEntries": [{"state": "valid", "activeFrom": "2024-01-01", "code": "CC015C", "description": "IE015"}],
    }
    payload["lists"]["SomethingNew"] = {"listName": "SomethingNew", "listEntries": [{"unexpected": True}]}
    payload["lists"]["ControlType"] = {"listName": "ControlType", "listEntries": []}  # in the schema, empty is fine
    summary = codelists.import_reference_data(write_json(tmp_path / "rd.json", payload))
    assert summary.skipped == ("SomethingNew",)
    assert codelists.get("CL060").source == "imported"
    assert codelists.get("CL060").codes(date(2025, 1, 1)) == {"CC015C"}


def test_import_into_an_explicit_data_dir(tmp_path: Path, isolated_data_dir: Path) -> None:
    other = tmp_path / "elsewhere"
    summary = codelists.import_reference_data(write_json(tmp_path / "rd.json", minimal_payload()), data_dir=other)
    assert summary.data_dir == other
    assert (other / SUBDIR / MANIFEST).is_file()
    assert tree(isolated_data_dir) == {}
    assert codelists.get("CL231").source == "packaged"
    assert Registry(other).get("CL231").source == "imported"


# -- where the data directory is ----------------------------------------------------------------


def test_data_dir_follows_the_environment_variable(isolated_data_dir: Path) -> None:
    assert codelists.data_dir() == isolated_data_dir


@pytest.mark.parametrize(
    ("platform", "env", "expected"),
    [
        ("linux", {"XDG_DATA_HOME": "/xdg"}, Path("/xdg/ncts5")),
        ("linux", {"XDG_DATA_HOME": "relative/ignored"}, Path("HOME/.local/share/ncts5")),
        ("linux", {}, Path("HOME/.local/share/ncts5")),
        ("darwin", {}, Path("HOME/Library/Application Support/ncts5")),
        ("win32", {"LOCALAPPDATA": "C:/Users/me/AppData/Local"}, Path("C:/Users/me/AppData/Local/ncts5")),
        ("win32", {}, Path("HOME/AppData/Local/ncts5")),
    ],
)
def test_platform_default_data_dir(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, platform: str, env: dict[str, str], expected: Path
) -> None:
    monkeypatch.delenv(codelists.ENV_VAR, raising=False)
    for var in ("XDG_DATA_HOME", "LOCALAPPDATA"):
        monkeypatch.delenv(var, raising=False)
    for var, value in env.items():
        monkeypatch.setenv(var, value)
    monkeypatch.setattr("sys.platform", platform)
    monkeypatch.setattr(Path, "home", classmethod(lambda cls: Path("HOME")))
    assert default_data_dir() == expected


def test_snapshot_files_are_recognised_by_content() -> None:
    if not COL_FILE.is_file():
        pytest.skip("official snapshot not found (../shared is absent)")
    from ncts5.codelists.importer import read_reference_data

    parsed = read_reference_data(COL_FILE)
    assert parsed.kind == "customs-offices"
    assert parsed.offices is not None
    assert len(parsed.offices.offices) > 4000
