"""``ncts5 validate`` for CI: lines in findings, SARIF, JUnit and GitHub formats, --output, --exit-zero, exit codes."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import pytest

import ncts5
from ncts5.cli import main
from ncts5.xml.lines import Locator
from ncts5.xml.parsing import parse

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
T1 = EXAMPLES / "t1-road.xml"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err and "internal error" not in err
    return code, out, err


def line_of(path: Path, text: str, nth: int = 1) -> int:
    """The 1-based line of the ``nth`` line of ``path`` containing ``text``."""
    hits = [i for i, line in enumerate(path.read_text().splitlines(), 1) if text in line]
    return hits[nth - 1]


@pytest.fixture
def bad_country(tmp_path: Path) -> Path:
    """t1-road with the consignee's country QQ: CL248 fires, a rule finding (not a schema one)."""
    path = tmp_path / "bad-country.xml"
    path.write_bytes(T1.read_bytes().replace(b"<country>NL</country>", b"<country>QQ</country>", 1))
    return path


@pytest.fixture
def schema_broken(tmp_path: Path) -> Path:
    """t1-road with an LRN too long and an unknown element."""
    path = tmp_path / "broken.xml"
    raw = T1.read_bytes().replace(b"<LRN>", b"<LRN>ABC", 1)
    path.write_bytes(raw.replace(b"</TransitOperation>", b"<x/></TransitOperation>", 1))
    return path


@pytest.fixture
def not_xml(tmp_path: Path) -> Path:
    path = tmp_path / "notes.xml"
    path.write_text("<a>\n  <b></c></a>")
    return path


# --------------------------------------------------------------------------- lines
def test_rule_schema_and_parse_findings_carry_their_line(bad_country, schema_broken, not_xml):
    (cl248,) = ncts5.validate(bad_country).findings
    assert cl248.rule == "CL248" and cl248.path.endswith("/Consignee/Address/country")
    assert cl248.line == line_of(bad_country, "<country>QQ</country>")
    by_path = {f.path: f for f in ncts5.validate(schema_broken).findings}
    assert by_path["/CC015C/TransitOperation/LRN"].line == line_of(schema_broken, "<LRN>")
    assert by_path["/CC015C/TransitOperation/x"].line == line_of(schema_broken, "<x/>")
    (parse_error,) = ncts5.validate(not_xml).findings
    assert (parse_error.rule, parse_error.line, parse_error.column) == ("PARSE", 2, 10)
    # a model built in code has no source file: no line, and the finding equals the one read from XML
    (from_model,) = ncts5.validate(ncts5.from_xml(bad_country)).findings
    assert from_model.line is None and from_model == cl248


def test_the_locator_falls_back_to_the_nearest_existing_element():
    root = parse(T1.read_bytes())
    locator = Locator(root)
    guarantee = line_of(T1, "<Guarantee>")
    assert locator.line("/CC015C/Guarantee[1]") == guarantee
    assert locator.line("/CC015C/Guarantee[1]/GuaranteeReference[1]/GRN") == line_of(T1, "<GRN>")
    assert locator.line("/CC015C/Guarantee[1]/nothingHere") == guarantee  # a missing element: its parent
    assert locator.line("/CC015C/Guarantee[9]") == root.sourceline  # no such repetition: the root
    assert locator.line("/CC015C/@PhaseID") == root.sourceline
    assert locator.line("/CC015C/{urn:x}y/z") == root.sourceline  # an unknown namespaced element: the parent
    assert locator.line("/CC014C/Guarantee[1]") is None  # another message's path


def test_text_format_puts_the_line_after_the_file(capsys, bad_country, not_xml):
    code, out, _ = run(capsys, "validate", str(bad_country), str(not_xml))
    assert code == 1
    line = line_of(bad_country, "<country>QQ</country>")
    assert f"{bad_country}:{line}: /CC015C/Consignment/Consignee/Address/country: CL248 " in out
    assert f"{not_xml}:2: PARSE not well-formed XML" in out


def test_json_findings_have_line_and_column(capsys, bad_country):
    code, out, _ = run(capsys, "validate", "--format", "json", str(bad_country))
    assert code == 1
    (finding,) = json.loads(out)[0]["findings"]
    assert finding["line"] == line_of(bad_country, "<country>QQ</country>") and finding["column"] is None


# --------------------------------------------------------------------------- SARIF
def _require(obj: dict[str, Any], *keys: str) -> None:
    missing = [k for k in keys if k not in obj]
    assert not missing, f"required SARIF properties {missing} missing from {obj}"


def _message(obj: dict[str, Any]) -> None:
    """SARIF §3.11: a message has text (or an id); text is a string."""
    assert isinstance(obj.get("text"), str) or isinstance(obj.get("id"), str), obj


def _location(loc: dict[str, Any]) -> None:
    physical = loc["physicalLocation"]
    assert "artifactLocation" in physical or "address" in physical  # §3.29.2
    assert isinstance(physical["artifactLocation"]["uri"], str)
    if "region" in physical:
        assert isinstance(physical["region"]["startLine"], int) and physical["region"]["startLine"] >= 1


def check_sarif(log: dict[str, Any]) -> None:
    """The required structure of a SARIF 2.1.0 log (OASIS SARIF 2.1.0, sections 3.13-3.58), checked by hand."""
    _require(log, "version", "runs")
    assert log["version"] == "2.1.0" and isinstance(log["runs"], list)
    for run_ in log["runs"]:
        _require(run_, "tool")
        driver = run_["tool"]["driver"]
        _require(driver, "name")
        assert isinstance(driver["name"], str) and driver["name"]
        ids = []
        for rule in driver.get("rules", []):
            _require(rule, "id")  # §3.49.3
            ids.append(rule["id"])
            for key in ("shortDescription", "fullDescription", "help"):
                if key in rule:
                    assert isinstance(rule[key]["text"], str)  # multiformatMessageString §3.12.3
        assert len(ids) == len(set(ids))
        for result in run_.get("results", []):
            _require(result, "message")  # §3.27.11
            _message(result["message"])
            assert result.get("level", "warning") in ("none", "note", "warning", "error")
            if "ruleIndex" in result:
                assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
            for loc in result.get("locations", []):
                _location(loc)
        for invocation in run_.get("invocations", []):
            _require(invocation, "executionSuccessful")  # §3.20.14
            for note in invocation.get("toolExecutionNotifications", []):
                _require(note, "message")  # §3.58.5
                _message(note["message"])
                assert note.get("level", "warning") in ("none", "note", "warning", "error")
                for loc in note.get("locations", []):
                    _location(loc)


def test_sarif_has_the_required_structure_and_the_findings(capsys, bad_country, schema_broken, not_xml):
    code, out, _ = run(
        capsys, "validate", "--format", "sarif", str(T1), str(bad_country), str(schema_broken), str(not_xml)
    )
    assert code == 1
    log = json.loads(out)
    check_sarif(log)
    (run_,) = log["runs"]
    driver = run_["tool"]["driver"]
    assert driver["name"] == "ncts5" and driver["version"] == ncts5.__version__
    rules = {r["id"]: r for r in driver["rules"]}
    assert set(rules) == {"CL248", "SCHEMA", "PARSE"}  # the ids that occur, no more
    assert "CL248" in rules["CL248"]["shortDescription"]["text"]
    results = run_["results"]
    assert all(r["level"] == "error" for r in results)
    cl248 = next(r for r in results if r["ruleId"] == "CL248")
    physical = cl248["locations"][0]["physicalLocation"]
    assert physical["artifactLocation"]["uri"] == bad_country.as_uri()
    assert physical["region"]["startLine"] == line_of(bad_country, "<country>QQ</country>")
    parse_result = next(r for r in results if r["ruleId"] == "PARSE")
    assert parse_result["locations"][0]["physicalLocation"]["region"] == {"startLine": 2, "startColumn": 10}
    # rules not checked are notifications of the invocation, not results (no code-scanning alerts)
    notes = run_["invocations"][0]["toolExecutionNotifications"]
    assert notes and {n["level"] for n in notes} == {"note"}
    assert all(n["associatedRule"]["id"] and "not checked" in n["message"]["text"] for n in notes)


def test_sarif_rule_help_comes_from_the_rule_declaration(capsys, tmp_path):
    message = ncts5.from_xml(T1)
    first = message.consignment.departure_transport_means[0]
    message.consignment.departure_transport_means = [
        first.model_copy(update={"sequence_number": i}) for i in range(1, 5)
    ]
    path = tmp_path / "four.xml"
    path.write_bytes(message.to_xml())
    code, out, _ = run(capsys, "validate", "--format", "sarif", "--warn", "R0476", "--strict", str(path))
    assert code == 1
    log = json.loads(out)
    check_sarif(log)
    from ncts5.rules.registry import registry

    rules = {r["id"]: r for r in log["runs"][0]["tool"]["driver"]["rules"]}
    assert rules["R0855"]["shortDescription"]["text"] == registry()["R0855"].summary
    assert registry()["R0855"].fix in rules["R0855"]["help"]["text"]
    levels = {r["ruleId"]: r["level"] for r in log["runs"][0]["results"]}
    assert levels["R0855"] == "error" and levels["R0476"] == "warning"
    notes = log["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert {n["level"] for n in notes} == {"error"}  # --strict: not checked fails the run


# --------------------------------------------------------------------------- JUnit
def test_junit_one_case_per_file_and_a_failure_per_invalid_file(capsys, bad_country, schema_broken, not_xml):
    files = [str(T1), str(bad_country), str(schema_broken), str(not_xml)]
    code, out, _ = run(capsys, "validate", "--format", "junit", *files)
    assert code == 1
    root = ET.fromstring(out.encode())
    assert root.tag == "testsuites"
    (suite,) = root.findall("testsuite")
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("4", "3", "0")
    cases = suite.findall("testcase")
    assert [c.get("name") for c in cases] == files
    assert [c.get("classname") for c in cases] == ["ncts5.CC015C"] * 3 + ["ncts5.unreadable"]
    assert [c.find("failure") is not None for c in cases] == [False, True, True, True]
    failure = cases[1].find("failure")
    assert failure is not None and failure.get("message") == "1 error(s)"
    line = line_of(bad_country, "<country>QQ</country>")
    assert f"/CC015C/Consignment/Consignee/Address/country (line {line}): CL248 " in (failure.text or "")
    schema_failure = cases[2].find("failure")
    assert schema_failure is not None and "/CC015C/TransitOperation/LRN" in (schema_failure.text or "")
    system_out = cases[0].find("system-out")  # the valid file's rules not checked are reported, not failed
    assert system_out is not None and (system_out.text or "").startswith("not checked: ")


def test_junit_warnings_do_not_fail(capsys, bad_country):
    code, out, _ = run(capsys, "validate", "--format", "junit", "--warn", "CL248", str(bad_country))
    assert code == 0
    suite = ET.fromstring(out.encode()).find("testsuite")
    assert suite is not None and suite.get("failures") == "0"
    case = suite.find("testcase")
    assert case is not None and case.find("failure") is None
    assert "CL248 (warning)" in (case.findtext("system-out") or "")


# --------------------------------------------------------------------------- GitHub
GITHUB = re.compile(r"^::(?P<level>error|warning|notice) (?P<props>[^:]*)::(?P<message>.*)$")


def test_github_annotations_with_file_line_and_title(capsys, bad_country, not_xml):
    code, out, _ = run(capsys, "validate", "--format", "github", "--warn", "CL248", str(bad_country), str(not_xml))
    assert code == 1
    lines = out.splitlines()
    commands = [GITHUB.match(line) for line in lines[:-1]]
    assert all(commands), lines
    line = line_of(bad_country, "<country>QQ</country>")
    warning = next(c for c in commands if c and c["level"] == "warning")
    assert warning["props"] == f"file={bad_country},line={line},title=CL248"
    assert warning["message"].startswith("/CC015C/Consignment/Consignee/Address/country: ")
    error = next(c for c in commands if c and c["level"] == "error")
    assert error["props"] == f"file={not_xml},line=2,col=10,title=PARSE"
    assert lines[-1].startswith("2 file(s): 1 valid, 1 invalid; 1 error(s), 1 warning(s)")  # the summary ends it


def test_github_escapes_properties_and_data(capsys, tmp_path):
    odd = tmp_path / "a,b:c%.xml"
    odd.write_text("<a>")
    code, out, _ = run(capsys, "validate", "--format", "github", str(odd))
    assert code == 1
    command = out.splitlines()[0]
    assert f"file={str(odd).replace('%', '%25').replace(':', '%3A').replace(',', '%2C')}," in command
    assert "\r" not in command and GITHUB.match(command)


def test_github_escaping_rules():
    from ncts5.cli_formats import _escape_data, _escape_property

    assert _escape_data("50% done\r\nnext: a,b") == "50%25 done%0D%0Anext: a,b"
    assert _escape_property("50% done\r\nnext: a,b") == "50%25 done%0D%0Anext%3A a%2Cb"


# --------------------------------------------------------------------------- --output, --exit-zero, exit codes
def test_output_writes_the_report_to_a_file(capsys, tmp_path, bad_country):
    target = tmp_path / "report.sarif"
    code, out, _ = run(capsys, "validate", "--format", "sarif", "--output", str(target), str(bad_country))
    assert code == 1 and out == ""
    check_sarif(json.loads(target.read_text(encoding="utf-8")))
    text_report = tmp_path / "report.txt"
    code, out, _ = run(capsys, "validate", "-o", str(text_report), str(bad_country))
    assert code == 1 and out == ""
    assert text_report.read_text().splitlines()[-1].startswith("1 file(s): 0 valid, 1 invalid")


def test_output_to_an_unwritable_place_is_a_usage_error(capsys, tmp_path, bad_country):
    code, out, err = run(capsys, "validate", "--output", str(tmp_path / "no" / "dir" / "r.json"), str(bad_country))
    assert code == 2 and out == ""
    assert "cannot write the report" in err


def test_exit_zero_reports_but_does_not_fail(capsys, bad_country):
    code, out, _ = run(capsys, "validate", "--exit-zero", str(bad_country))
    assert code == 0 and "CL248" in out


def test_missing_file_and_empty_glob_are_both_usage_errors(capsys, tmp_path):
    typo, empty_glob = str(tmp_path / "typo.xml"), str(tmp_path / "*.xml")
    for args in ([str(T1), typo], [str(T1), empty_glob], ["--exit-zero", str(T1), typo]):
        code, out, err = run(capsys, "validate", *args)
        assert code == 2 and out == "", args
        assert re.search(r"typo\.xml: no such file|\*\.xml: no file matches", err), err


def test_sarif_describes_a_changed_rule_by_the_releases_it_was_reported_for() -> None:
    from ncts5.cli_formats import sarif
    from ncts5.rules.registry import get

    def result(release: str, rule: str) -> dict[str, object]:
        finding = {"rule": rule, "severity": "error", "path": "/CC015C/Consignment", "data_element": None,
                   "message": "m", "error_code": 13, "value": None, "line": None, "column": None}  # fmt: skip
        return {"file": f"p{release}.xml", "release": release, "valid": False, "complete": True,
                "findings": [finding], "not_checked": []}  # fmt: skip

    def described(*results: dict[str, object]) -> dict[str, str]:
        rules = json.loads(sarif(list(results)))["runs"][0]["tool"]["driver"]["rules"]
        return {r["id"]: r["shortDescription"]["text"] for r in rules}

    assert described(result("6", "C0599"))["C0599"] == get("C0599", "6").summary
    assert described(result("5", "C0599"))["C0599"] == get("C0599", "5").summary
    both = described(result("5", "C0599"), result("6", "C0599"))["C0599"]
    assert both == f"Phase 5: {get('C0599', '5').summary} / Phase 6: {get('C0599', '6').summary}"
    assert described(result("6", "C0001"), result("5", "C0001"))["C0001"] == get("C0001").summary  # shared
    assert "national rule" in described(result("6", "GB002"))["GB002"]
