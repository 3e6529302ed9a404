"""``ncts5.validate``: every input form, the report's shape, options, and no side effects."""

from __future__ import annotations

import copy
import json
from datetime import date
from pathlib import Path

import pytest

import ncts5
from ncts5.report import Finding, Report
from ncts5.rules.engine import OptionsError
from ncts5.rules.profiles import ProfileError, load_profile
from tests.conftest import EXAMPLES, XSD_DIR, need_shared

T1 = EXAMPLES / "t1-road.xml"
TIR = EXAMPLES / "tir.xml"
IE170 = EXAMPLES / "ie170-presentation.xml"
FINDING_FIELDS = ["rule", "severity", "path", "data_element", "message", "error_code", "value", "line", "column"]


def road_with_four_vehicles():
    """t1-road with four departure transport means: R0855 (road allows 3) and R0476 fire."""
    message = ncts5.from_xml(T1)
    first = message.consignment.departure_transport_means[0]
    message.consignment.departure_transport_means = [
        first.model_copy(update={"sequence_number": i}) for i in range(1, 5)
    ]
    return message


def tir_with_reduced_data_set():
    """The TIR example declaring the reduced data set: R0849 fires."""
    message = ncts5.from_xml(TIR)
    message.transit_operation.reduced_dataset_indicator = "1"
    return message


def snapshot(message) -> tuple[object, bytes]:
    return copy.deepcopy(message.model_dump()), message.to_xml()


# --------------------------------------------------------------------------- input forms
@pytest.mark.parametrize("example", [T1, TIR, IE170], ids=lambda p: p.name)
def test_every_input_form_gives_the_same_report(example):
    raw = example.read_bytes()
    forms = {
        "model": ncts5.from_xml(raw),
        "bytes": raw,
        "bytearray": bytearray(raw),
        "text": raw.decode("utf-8"),
        "path": example,
        "path as str": str(example),
    }
    reports = {name: ncts5.validate(form) for name, form in forms.items()}
    expected = reports["bytes"]
    assert isinstance(expected, Report)
    assert expected.ok, [str(f) for f in expected.findings]  # the examples are valid declarations
    for name, report in reports.items():
        assert report.message == expected.message == ncts5.from_xml(raw).root_name, name
        assert report.findings == expected.findings, name
        assert report.not_checked == expected.not_checked, name
    assert reports["path"].source == str(example)
    assert reports["bytes"].source is None and reports["model"].source is None


def test_findings_have_the_documented_fields():
    report = ncts5.validate(tir_with_reduced_data_set())
    assert not report.ok
    (finding,) = [f for f in report.findings if f.rule == "R0849"]
    assert isinstance(finding, Finding)
    assert finding.severity == "error"
    assert finding.path == "/CC015C/TransitOperation/reducedDatasetIndicator"
    assert finding.data_element == "11 08 000 000"
    assert finding.message and isinstance(finding.message, str)
    assert finding.error_code == 14
    assert finding.value == "1"
    assert list(finding.to_dict()) == FINDING_FIELDS
    assert report.errors == [f for f in report.findings if f.severity == "error"]
    assert report.rules() >= {"R0849"}
    assert list(report) == report.findings
    data = report.to_dict()
    assert set(data) >= {"file", "message", "valid", "findings", "not_checked"}
    assert data["valid"] is False and data["message"] == "CC015C"
    json.dumps(data)  # plain data only


def test_report_order_is_deterministic():
    message = road_with_four_vehicles()
    first = ncts5.validate(message)
    second = ncts5.validate(message)
    assert first.findings == second.findings and first.not_checked == second.not_checked
    again = ncts5.validate(message.to_xml())
    assert again.findings == first.findings
    paths = [f.path for f in first.findings if f.rule == "R0476"]
    assert paths == sorted(paths)


def test_is_valid_and_iter_findings_agree_with_validate():
    bad = tir_with_reduced_data_set()
    assert ncts5.is_valid(T1) is True
    assert ncts5.is_valid(bad) is False
    assert list(ncts5.iter_findings(bad)) == ncts5.validate(bad).findings
    assert list(ncts5.iter_findings(T1)) == []
    # options pass through
    assert ncts5.is_valid(bad, disable=["R0849"]) is True
    assert [f.rule for f in ncts5.iter_findings(bad, warn=["R0849"])] == ["R0849"]


def test_unreadable_input_is_a_parse_finding_not_an_exception(tmp_path):
    for data in (b"", b"<not-xml", tmp_path / "missing.xml", b"<ncts:CC014C xmlns:ncts='http://ncts.dgtaxud.ec'/>"):
        report = ncts5.validate(data)
        assert not report.ok and report.message is None
        assert [f.rule for f in report.findings] == ["PARSE"]


# --------------------------------------------------------------------------- phase and dates
def test_phase_defaults_to_final_and_can_be_chosen():
    message = ncts5.from_xml(T1)
    assert ncts5.validate(message).phase == "final"
    assert ncts5.validate(message, phase="final").phase == "final"
    assert ncts5.validate(message, phase="transition").phase == "transition"
    assert ncts5.validate(message, phase=None).phase == "final"


def test_phase_follows_the_decisive_date_and_tpend_date():
    message = ncts5.from_xml(T1)  # prepared 2026-03-02
    day = date(2026, 3, 2)
    assert ncts5.validate(message, decisive_date=day, tpend_date=day).phase == "transition"  # on TPendDate
    assert ncts5.validate(message, decisive_date=day, tpend_date=date(2026, 3, 1)).phase == "final"
    assert ncts5.validate(message, phase=None, decisive_date=day, tpend_date=date(2027, 1, 1)).phase == "transition"
    # without a decisive date, the preparation date decides
    assert ncts5.validate(message, tpend_date=date(2026, 3, 2)).phase == "transition"
    assert ncts5.validate(message, tpend_date=date(2026, 3, 1)).phase == "final"
    assert ncts5.validate(T1.read_bytes(), tpend_date=date(2026, 3, 2)).phase == "transition"
    # a decisive date alone is compared with the published TPendDate, 2025-01-21
    assert ncts5.validate(message, decisive_date=date(2025, 1, 21)).phase == "transition"
    assert ncts5.validate(message, decisive_date=date(2025, 1, 22)).phase == "final"


def test_contradictory_or_unknown_options_raise_options_error():
    message = ncts5.from_xml(T1)
    assert issubclass(OptionsError, ncts5.NCTSError) and issubclass(OptionsError, ValueError)
    with pytest.raises(OptionsError, match="contradicts"):
        ncts5.validate(message, phase="transition", decisive_date=date(2026, 3, 2), tpend_date=date(2026, 1, 1))
    with pytest.raises(OptionsError, match="contradicts"):  # the preparation date is the decisive date
        ncts5.validate(message, phase="transition", tpend_date=date(2026, 1, 1))
    with pytest.raises(OptionsError, match="contradicts"):  # an explicit final phase is not overridden
        ncts5.validate(message, phase="final", decisive_date=date(2024, 6, 1))
    with pytest.raises(OptionsError, match="phase"):
        ncts5.validate(message, phase="bogus")
    with pytest.raises(OptionsError, match="XYZ1234"):
        ncts5.validate(message, disable=["XYZ1234"])
    with pytest.raises(OptionsError, match="R9999"):
        ncts5.validate(message, warn=["R9999"])
    with pytest.raises(ProfileError, match="nope"):
        ncts5.validate(message, profile="nope")
    assert issubclass(ProfileError, ncts5.NCTSError)
    # bad options raise even for unreadable input: they are the caller's bug, not the message's
    with pytest.raises(OptionsError):
        ncts5.validate(b"", phase="bogus")


def test_transition_phase_runs_the_transition_rules():
    final = ncts5.validate(T1)
    transition = ncts5.validate(T1, phase="transition")
    assert final.ok
    assert transition.rules() - final.rules()  # e.g. B1893: transition-only rules
    assert all(f.rule.startswith(("B", "E", "C", "R", "G", "CL")) for f in transition.findings)


# --------------------------------------------------------------------------- disable, warn, profile
def test_disable_and_warn():
    message = road_with_four_vehicles()
    rules = ncts5.validate(message).rules()
    assert {"R0855", "R0476"} <= rules
    assert "R0855" not in ncts5.validate(message, disable=["R0855"]).rules()
    assert "R0855" not in ncts5.validate(message, disable=["r0855"]).rules()  # ids are case-insensitive
    warned = ncts5.validate(message, warn=["R0855"])
    assert {f.severity for f in warned.findings if f.rule == "R0855"} == {"warning"}
    assert next(f for f in warned.findings if f.rule == "R0855") in warned.warnings
    only = ncts5.validate(message, warn=["R0855", "R0476"])
    assert only.findings and only.ok  # warnings alone keep a message valid
    assert ncts5.validate(message, disable=["R0855", "R0476"]).ok


def test_the_gb_profile_disables_b1890_and_r0855(tmp_path):
    gb = load_profile("without-b1890")
    assert gb.disable == {"B1890", "R0855"}
    message = road_with_four_vehicles()
    assert "R0855" not in ncts5.validate(message, profile="without-b1890").rules()
    assert "R0476" in ncts5.validate(message, profile="without-b1890").rules()  # everything else still runs
    assert "B1890" in ncts5.validate(message, phase="transition").rules()
    assert "B1890" not in ncts5.validate(message, phase="transition", profile="without-b1890").rules()
    assert "R0855" not in ncts5.validate(message, profile=gb).rules()  # a Profile object works too
    # a profile file
    custom = tmp_path / "mine.json"
    custom.write_text(json.dumps({"name": "mine", "disable": ["R0476"], "warn": ["R0855"]}))
    report = ncts5.validate(message, profile=str(custom))
    assert "R0476" not in report.rules()
    assert {f.severity for f in report.findings if f.rule == "R0855"} == {"warning"}
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps({"name": "broken", "disable": ["NOPE"]}))
    with pytest.raises(OptionsError, match="NOPE"):
        ncts5.validate(message, profile=str(broken))


def test_codelists_can_be_switched_off():
    message = ncts5.from_xml(T1)
    message.transit_operation.declaration_type = "T9"  # schema-valid (an..5), not in CL231
    assert "CL231" in ncts5.validate(message).rules()
    assert "CL231" not in ncts5.validate(message, codelists=False).rules()


# --------------------------------------------------------------------------- models are never changed
@pytest.mark.parametrize("make", [lambda: ncts5.from_xml(T1), road_with_four_vehicles, tir_with_reduced_data_set])
def test_validating_a_model_never_changes_it(make):
    message = make()
    before = snapshot(message)
    twin = make()
    for options in ({}, {"phase": "transition"}, {"profile": "without-b1890"}, {"warn": ["R0855"]}):
        ncts5.validate(message, **options)
    assert snapshot(message) == before
    assert message == twin


def test_validating_a_schema_invalid_model_never_changes_it():
    message = ncts5.from_xml(T1)
    item = message.consignment.house_consignment[0].consignment_item[1]
    item.commodity.description_of_goods = "x" * 513  # assignment is not validated: validate() catches it
    message.guarantee = message.guarantee * 10
    dumped = copy.deepcopy(message.model_dump())
    assert not ncts5.validate(message).ok
    assert message.model_dump() == dumped
    assert len(message.guarantee) == 10


def test_a_model_made_schema_invalid_gives_schema_findings():
    message = ncts5.from_xml(T1)
    message.transit_operation.lrn = "L" * 23
    message.consignment.house_consignment[0].consignment_item[1].commodity.description_of_goods = "x" * 513
    message.consignment.gross_mass = "heavy"
    message.transit_operation.security = 5  # a wrong type, not only a wrong value
    report = ncts5.validate(message)
    assert not report.ok
    assert report.message == "CC015C"
    schema = {f.path: f for f in report.findings}
    assert {f.rule for f in report.findings} == {"SCHEMA"}
    assert schema["/CC015C/TransitOperation/LRN"].data_element == "12 09 000 000"
    item = "/CC015C/Consignment/HouseConsignment[1]/ConsignmentItem[2]/Commodity/descriptionOfGoods"
    assert "512" in schema[item].message and schema[item].data_element == "18 05 000 000"
    assert schema["/CC015C/Consignment/grossMass"].value == "heavy"
    assert "/CC015C/TransitOperation/security" in schema


def test_validating_a_model_emits_no_warnings(recwarn):
    message = ncts5.from_xml(T1)
    message.transit_operation = 5  # pydantic would warn while dumping this
    report = ncts5.validate(message)
    assert [f.path for f in report.findings] == ["/CC015C/TransitOperation"]
    assert not [w for w in recwarn if "serializ" in str(w.message).lower()]


# --------------------------------------------------------------------------- the official XSD as a second opinion
def test_xsd_option_adds_schema_findings_only_for_invalid_messages():
    from ncts5.xml.xsd import XsdError, XsdValidator

    xsd = XsdValidator(need_shared(XSD_DIR))
    for example in (T1, TIR, IE170):
        assert ncts5.validate(example, xsd=xsd).findings == ncts5.validate(example).findings
    assert ncts5.validate(ncts5.from_xml(T1), xsd=xsd).ok
    broken = T1.read_bytes().replace(b"<GRN>", b"<GRN>x", 1)
    report = ncts5.validate(broken, xsd=xsd)
    official = [f for f in report.findings if f.message.startswith("official XSD")]
    assert official and {f.rule for f in official} == {"SCHEMA"}
    assert official[0].path == "/CC015C/Guarantee[1]/GuaranteeReference[1]/GRN"  # ncts5's path form
    assert official[0].data_element == "99 03 069 000"
    ours = [f for f in report.findings if f.rule == "SCHEMA" and not f.message.startswith("official XSD")]
    assert [f.path for f in ours] == [official[0].path]
    with pytest.raises(XsdError):
        XsdValidator(Path(__file__).parent)
