"""The ``ncts5`` command: exit codes, output formats, file expansion, options, and no tracebacks."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import ncts5
from ncts5.cli import main
from tests.conftest import EXAMPLES, ROOT, SAMPLES, XSD_DIR, need_shared

T1 = EXAMPLES / "t1-road.xml"
EXAMPLE_FILES = sorted(EXAMPLES.glob("*.xml"))
#: ``FILE:LINE: PATH: RULE message``, ``FILE:PATH: RULE message`` when the line is unknown, ``FILE:LINE: PARSE
#: message`` (a warning says so after the rule id)
LINE = re.compile(
    r"^(?P<file>.+?):(?:(?P<line>\d+): )?(?:(?P<path>/\S*): )?(?P<rule>[A-Z]+[0-9]*)(?P<warning> \(warning\))?"
    r" (?P<message>.+)$"
)
SUMMARY = re.compile(
    r"^(\d+) file\(s\): (\d+) valid, (\d+) invalid; (\d+) error\(s\), (\d+) warning\(s\)"
    r"; (?:0 rule\(s\) not checked|\d+ rule\(s\) not checked in \d+ file\(s\))$"
)
#: The staleness warning: the packaged reference data is older than 90 days (see docs/codelists.md).
STALE = re.compile(r"^warning: the reference data in use is \d+ days old")
FINDING_KEYS = {"rule", "severity", "path", "data_element", "message", "error_code", "value", "line", "column"}


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    assert "internal error" not in err
    return code, out, err


def finding_lines(out: str) -> list[re.Match[str]]:
    return [m for m in map(LINE.match, out.splitlines()) if m]


def summary(out: str) -> tuple[int, ...]:
    match = SUMMARY.match(out.splitlines()[-1])
    assert match, out
    return tuple(int(g) for g in match.groups())


@pytest.fixture
def schema_broken(tmp_path) -> Path:
    """t1-road with an LRN one character too long and an unknown element."""
    path = tmp_path / "broken.xml"
    raw = (
        T1.read_bytes().replace(b"<LRN>", b"<LRN>ABC", 1).replace(b"</TransitOperation>", b"<x/></TransitOperation>", 1)
    )
    path.write_bytes(raw)
    return path


@pytest.fixture
def four_vehicles(tmp_path) -> Path:
    """t1-road by road with four departure transport means: R0855 and R0476 fire."""
    message = ncts5.from_xml(T1)
    first = message.consignment.departure_transport_means[0]
    message.consignment.departure_transport_means = [
        first.model_copy(update={"sequence_number": i}) for i in range(1, 5)
    ]
    path = tmp_path / "four-vehicles.xml"
    path.write_bytes(message.to_xml())
    return path


# --------------------------------------------------------------------------- exit codes
def test_valid_examples_exit_0(capsys):
    code, out, _ = run(capsys, "validate", *map(str, EXAMPLE_FILES))
    assert code == 0
    assert summary(out) == (len(EXAMPLE_FILES), len(EXAMPLE_FILES), 0, 0, 0)
    assert not finding_lines(out)


def test_invalid_or_unreadable_files_exit_1(capsys, schema_broken, tmp_path):
    assert run(capsys, "validate", str(schema_broken))[0] == 1
    not_xml = tmp_path / "notes.xml"
    not_xml.write_text("just words")
    assert run(capsys, "validate", str(not_xml))[0] == 1
    # one bad file among good ones is enough
    code, out, _ = run(capsys, "validate", str(T1), str(schema_broken))
    assert code == 1
    assert summary(out)[:3] == (2, 1, 1)


def test_an_invalid_public_sample_exits_1(capsys):
    code, out, _ = run(capsys, "validate", str(need_shared(SAMPLES / "cc015c-invalid.xml")))
    assert code == 1
    assert any(m["rule"] == "SCHEMA" and m["path"].endswith("/messageSender") for m in finding_lines(out))


@pytest.mark.parametrize(
    "args",
    [
        ["validate", "--bogus", str(T1)],
        ["validate", "--disable", "XYZ", str(T1)],
        ["validate", "--warn", "R99999", str(T1)],
        ["validate", "--profile", "no-such-profile", str(T1)],
        ["validate", "--phase", "bogus", str(T1)],
        ["validate", "--format", "xml", str(T1)],
        ["validate", "--decisive-date", "yesterday", str(T1)],
        ["validate", "--phase", "transition", "--decisive-date", "2026-03-02", "--tpend-date", "2026-01-01", str(T1)],
        ["validate", "--phase", "transition", "--tpend-date", "2026-01-01", str(T1)],  # T1 was prepared after
        ["validate"],
        ["validate", "no-such-*.xml"],
        ["validate", "-", "-"],
        ["explain", "XYZ"],
        ["explain"],
        ["rules", "--status", "bogus"],
        ["frobnicate"],
        [],
    ],
    ids=lambda a: " ".join(a) or "no command",
)
def test_usage_errors_exit_2(capsys, args):
    code, out, err = run(capsys, *args)
    assert code == 2
    assert err.strip()  # says what is wrong
    assert not finding_lines(out)


def test_version_and_help_exit_0(capsys):
    code, out, _ = run(capsys, "--version")
    assert code == 0 and ncts5.__version__ in out
    assert run(capsys, "validate", "--help")[0] == 0


# --------------------------------------------------------------------------- output formats
def test_text_format_one_line_per_finding_and_a_summary(capsys, schema_broken):
    code, out, _ = run(capsys, "validate", str(schema_broken), str(T1))
    assert code == 1
    lines = finding_lines(out)
    assert lines and {m["file"] for m in lines} == {str(schema_broken)}
    by_path = {m["path"]: m for m in lines}
    lrn = by_path["/CC015C/TransitOperation/LRN"]
    assert lrn["rule"] == "SCHEMA" and "22" in lrn["message"] and lrn["message"].endswith("[12 09 000 000]")
    assert by_path["/CC015C/TransitOperation/x"]["rule"] == "SCHEMA"
    assert summary(out) == (2, 1, 1, len(lines), 0)


def test_quiet_prints_errors_and_the_summary_only(capsys, four_vehicles):
    code, out, _ = run(capsys, "validate", "-q", "--warn", "R0476", str(four_vehicles))
    assert code == 1
    lines = out.splitlines()
    assert all(LINE.match(line) for line in lines[:-1])
    assert {m["rule"] for m in finding_lines(out)} == {"R0855"}
    assert summary(out)[3:] == (1, 2)  # the two R0476 warnings are counted, not printed


def test_json_format_shape(capsys, schema_broken, tmp_path):
    unreadable_file = tmp_path / "notes.xml"
    unreadable_file.write_text("just words")
    code, out, _ = run(capsys, "validate", "--format", "json", str(T1), str(schema_broken), str(unreadable_file))
    assert code == 1
    results = json.loads(out)
    assert isinstance(results, list) and len(results) == 3
    for r in results:
        assert {"file", "message", "valid", "findings", "not_checked"} <= set(r)
        for f in r["findings"]:
            assert set(f) == FINDING_KEYS
            assert f["severity"] in ("error", "warning")
    valid, broken, unreadable = results
    assert (valid["file"], valid["message"], valid["valid"], valid["findings"]) == (str(T1), "CC015C", True, [])
    assert all({"rule", "reason"} <= set(n) for n in valid["not_checked"])
    assert broken["valid"] is False and broken["message"] == "CC015C"
    assert {f["rule"] for f in broken["findings"]} == {"SCHEMA"}
    lrn = next(f for f in broken["findings"] if f["path"] == "/CC015C/TransitOperation/LRN")
    assert lrn["data_element"] == "12 09 000 000" and lrn["value"] == "ABC" + "DE26NCTS5EXAMPLE0001"
    assert unreadable["message"] is None and unreadable["valid"] is False
    assert [f["rule"] for f in unreadable["findings"]] == ["PARSE"]


def test_json_output_is_the_only_output(capsys):
    code, out, err = run(capsys, "validate", "--format", "json", *map(str, EXAMPLE_FILES))
    assert code == 0 and all(STALE.match(line) for line in err.splitlines())  # only the data's age, on stderr
    assert [r["file"] for r in json.loads(out)] == [str(p) for p in EXAMPLE_FILES]


# --------------------------------------------------------------------------- which files
def test_folders_are_searched_recursively_and_globs_expanded(capsys, tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    shutil.copy(T1, tmp_path / "one.xml")
    shutil.copy(EXAMPLE_FILES[0], tmp_path / "a" / "two.XML")
    shutil.copy(EXAMPLE_FILES[-1], tmp_path / "a" / "b" / "three.xml")
    (tmp_path / "a" / "readme.txt").write_text("not a declaration")
    expected = sorted(
        str(p) for p in (tmp_path / "one.xml", tmp_path / "a" / "two.XML", tmp_path / "a" / "b" / "three.xml")
    )

    code, out, _ = run(capsys, "validate", "--format", "json", str(tmp_path))
    assert code == 0
    assert sorted(r["file"] for r in json.loads(out)) == expected

    code, out, _ = run(capsys, "validate", "--format", "json", str(tmp_path / "**" / "*.xml"))
    assert code == 0
    assert sorted(r["file"] for r in json.loads(out)) == sorted(
        str(p) for p in (tmp_path / "one.xml", tmp_path / "a" / "b" / "three.xml")
    )
    empty = tmp_path / "empty"
    empty.mkdir()
    assert run(capsys, "validate", str(empty))[0] == 2


def test_standard_input(capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(T1.read_bytes())))
    code, out, _ = run(capsys, "validate", "--format", "json", "-")
    assert code == 0
    (result,) = json.loads(out)
    assert result["file"] == "-" and result["valid"] is True


def test_a_file_whose_name_looks_like_xml_is_still_a_file(capsys, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    shutil.copy(T1, tmp_path / "<odd>.xml")
    code, out, _ = run(capsys, "validate", "<odd>.xml")
    assert code == 0, out
    assert summary(out)[:2] == (1, 1)


# --------------------------------------------------------------------------- --xsd
def test_xsd_adds_nothing_for_valid_files_and_schema_findings_for_invalid_ones(capsys, schema_broken):
    xsd = str(need_shared(XSD_DIR))
    code, out, _ = run(capsys, "validate", "--format", "json", "--xsd", xsd, *map(str, EXAMPLE_FILES))
    assert code == 0
    assert all(r["findings"] == [] for r in json.loads(out))
    code, out, _ = run(capsys, "validate", "--format", "json", "--xsd", xsd, str(schema_broken))
    assert code == 1
    (result,) = json.loads(out)
    official = [f for f in result["findings"] if f["message"].startswith("official XSD")]
    assert official and {f["rule"] for f in official} == {"SCHEMA"}
    assert all(f["path"].startswith("/CC015C/") for f in official)


def test_xsd_on_public_invalid_samples_names_the_element(capsys):
    xsd = str(need_shared(XSD_DIR))
    samples = [need_shared(SAMPLES / n) for n in ("cc015c-invalid-message-sender.xml", "cc170c-invalid.xml")]
    code, out, _ = run(capsys, "validate", "--format", "json", "--xsd", xsd, *map(str, samples))
    assert code == 1
    for r in json.loads(out):
        official = [f for f in r["findings"] if f["message"].startswith("official XSD")]
        assert official and any("messageSender" in f["message"] for f in official), r


def test_xsd_on_a_bad_folder_is_a_usage_error(capsys, tmp_path):
    code, _, err = run(capsys, "validate", "--xsd", str(tmp_path), str(T1))
    assert code == 2 and "cc015c.xsd" in err
    (tmp_path / "cc015c.xsd").write_text("<not a schema")
    (tmp_path / "cc170c.xsd").write_text("<xs:schema xmlns:xs='http://www.w3.org/2001/XMLSchema'/>")
    code, _, err = run(capsys, "validate", "--xsd", str(tmp_path), str(T1))
    assert code == 2 and "not a usable XML schema" in err
    code, _, err = run(capsys, "validate", "--xsd", str(tmp_path / "missing"), str(T1))
    assert code == 2 and "not a folder" in err


# --------------------------------------------------------------------------- rule selection
def test_disable_warn_and_profile(capsys, four_vehicles):
    def rules(*options: str) -> tuple[int, dict[str, set[str]]]:
        code, out, _ = run(capsys, "validate", "--format", "json", *options, str(four_vehicles))
        (result,) = json.loads(out)
        found: dict[str, set[str]] = {}
        for f in result["findings"]:
            found.setdefault(f["rule"], set()).add(f["severity"])
        return code, found

    code, found = rules()
    assert code == 1 and found["R0855"] == {"error"} and found["R0476"] == {"error"}
    code, found = rules("--disable", "R0855")
    assert code == 1 and "R0855" not in found and "R0476" in found
    code, found = rules("--disable", "R0855", "--disable", "r0476")
    assert code == 0 and not found
    code, found = rules("--warn", "R0855", "--warn", "R0476")
    assert code == 0 and found == {"R0855": {"warning"}, "R0476": {"warning"}}
    code, found = rules("--profile", "without-b1890")
    assert "R0855" not in found and "R0476" in found
    code, found = rules("--phase", "transition")
    assert "B1890" in found
    code, found = rules("--phase", "transition", "--profile", "without-b1890")
    assert "B1890" not in found


def test_text_warnings_are_marked(capsys, four_vehicles):
    code, out, _ = run(capsys, "validate", "--warn", "R0855", "--disable", "R0476", str(four_vehicles))
    assert code == 0
    (line,) = finding_lines(out)
    assert line["rule"] == "R0855" and line["warning"]
    assert summary(out) == (1, 1, 0, 0, 1)


# --------------------------------------------------------------------------- rules and explain
def test_rules_json_lists_every_rule(capsys):
    from ncts5.rules.registry import registry

    code, out, _ = run(capsys, "rules", "--format", "json")
    assert code == 0
    rows = json.loads(out)
    assert isinstance(rows, list)
    for row in rows:
        assert {"id", "kind", "status", "phases", "description"} <= set(row)
        assert row["phases"] and set(row["phases"]) <= {"final", "transition"}
        assert row["description"]
    ids = [row["id"] for row in rows]
    assert len(ids) == len(set(ids))
    assert set(ids) == set(registry())
    assert {"R0849", "R0855", "B1890", "C0086"} <= set(ids)


def test_rules_text_and_status_filter(capsys):
    code, out, _ = run(capsys, "rules")
    assert code == 0
    total = int(re.search(r"^(\d+) rules:", out.splitlines()[-1])[1])
    code, out, _ = run(capsys, "rules", "--status", "implemented", "--format", "json")
    implemented = json.loads(out)
    assert 0 < len(implemented) <= total
    assert {r["status"] for r in implemented} == {"implemented"}


def test_explain_shows_the_rule_and_the_fields_it_touches(capsys):
    code, out, _ = run(capsys, "explain", "R0849")
    assert code == 0
    assert out.startswith("R0849 ")
    assert re.search(r"^\s+/CC015C/TransitOperation/reducedDatasetIndicator\s+11 08 000 000 ", out, re.M)
    assert run(capsys, "explain", "r0849")[1] == out  # ids are case-insensitive
    code, out, _ = run(capsys, "explain", "B1890")
    assert "R0855" in out  # the rule it suspends in the transition phase


# --------------------------------------------------------------------------- a real process
def _ncts5(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run(
        [sys.executable, "-m", "ncts5.cli", *args], capture_output=True, text=True, env=env, cwd=cwd, timeout=120
    )
    assert "Traceback" not in done.stdout + done.stderr
    return done


def test_real_process_exit_codes_without_tracebacks(tmp_path, schema_broken):
    done = _ncts5("validate", str(T1), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert SUMMARY.match(done.stdout.splitlines()[-1])

    garbage = tmp_path / "garbage.xml"
    garbage.write_bytes(bytes(range(256)))
    done = _ncts5("validate", "--format", "json", str(schema_broken), str(garbage), cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    assert [r["valid"] for r in json.loads(done.stdout)] == [False, False]
    assert all(STALE.match(line) for line in done.stderr.splitlines())
    # a path naming no file is a usage error, like an empty glob: nothing is validated
    done = _ncts5("validate", str(schema_broken), str(tmp_path / "no.xml"), cwd=tmp_path)
    assert (done.returncode, done.stdout) == (2, "")
    assert "no.xml: no such file" in done.stderr

    for args in (["validate", "--phase", "bogus", str(T1)], []):
        done = _ncts5(*args, cwd=tmp_path)
        assert done.returncode == 2
        assert "usage" in done.stderr.lower()
        assert done.stdout == ""


def test_files_may_follow_options(capsys):
    """`ncts5 validate a.xml --strict b.xml` validates both files (argparse alone would refuse b.xml)."""
    code, out, _ = run(capsys, "validate", str(EXAMPLE_FILES[0]), "-q", str(EXAMPLE_FILES[1]))
    assert code == 0
    assert summary(out)[0] == 2
    code, _, err = run(capsys, "validate", str(EXAMPLE_FILES[0]), "--no-such-option", str(EXAMPLE_FILES[1]))
    assert code == 2 and "unrecognized arguments: --no-such-option" in err
