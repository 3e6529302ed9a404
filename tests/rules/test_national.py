"""National rules in profiles: HMRC's GB/XI rules and the Phase 6 opt-out security codes, as data."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest

import ncts5
from ncts5.cli import main
from ncts5.messages.message import Message
from ncts5.rules import examples
from ncts5.rules.options import OptionsError
from ncts5.rules.profiles import ProfileError, available_profiles, load_profile


def _declaration(release: str, office: str, security: str, prepared: str = "2026-03-02T08:00:00") -> Message:
    m = examples.load(examples.T1_ROAD, release)  # type: ignore[arg-type]
    m.customs_office_of_departure.reference_number = office  # type: ignore[attr-defined]
    m.transit_operation.security = security  # type: ignore[attr-defined]
    m.preparation_date_and_time = datetime.fromisoformat(prepared)  # type: ignore[attr-defined]
    return m


def test_packaged_national_profiles_load() -> None:
    profiles = available_profiles()
    assert {r.id for r in profiles["uk"].national_rules} == {"GB001", "GB002", "XI001", "XI002"}
    assert [r.id for r in profiles["opt-out"].national_rules] == ["OPTOUT"]
    assert profiles["opt-out"].national_rules[0].departure_countries == frozenset({"SE"})


@pytest.mark.parametrize("release", ["5", "6"])
def test_gb002_refuses_ens_data_from_great_britain_after_1_september_2025(release: str) -> None:
    report = ncts5.validate(_declaration(release, "GB000060", "1"), profile="uk")
    found = [f for f in report.findings if f.rule == "GB002"]
    assert [(f.path, f.error_code, f.value) for f in found] == [("/CC015C/TransitOperation/security", 12, "1")]
    assert "security 0 or 2 only" in found[0].message and "GB002" in found[0].message
    assert [n.rule for n in report.not_checked if n.rule.startswith("GB")] == ["GB001"]  # named, never passed


@pytest.mark.parametrize(
    ("office", "security", "prepared"),
    [
        ("GB000060", "2", "2026-03-02T08:00:00"),  # allowed value
        ("GB000060", "0", "2026-03-02T08:00:00"),
        ("GB000060", "1", "2025-08-31T23:00:00"),  # before the rule's date
        ("FR000690", "1", "2026-03-02T08:00:00"),  # not a UK departure
    ],
)
def test_gb002_stays_silent_where_it_does_not_apply(office: str, security: str, prepared: str) -> None:
    report = ncts5.validate(_declaration("6", office, security, prepared), profile="uk")
    assert not [f for f in report.findings if f.rule in ("GB002", "XI002")]


def test_xi002_is_the_northern_ireland_twin() -> None:
    report = ncts5.validate(_declaration("6", "XI000142", "3"), profile="uk")
    assert [f.rule for f in report.findings if f.rule in ("GB002", "XI002")] == ["XI002"]


def test_opt_out_profile_applies_to_phase_6_departures_from_sweden_only() -> None:
    fired = ncts5.validate(_declaration("6", "SE000001", "1"), profile="opt-out")
    assert [(f.rule, f.error_code) for f in fired.findings if f.rule == "OPTOUT"] == [("OPTOUT", 12)]
    for message in (
        _declaration("5", "SE000001", "1"),
        _declaration("6", "SE000001", "2"),
        _declaration("6", "DE004058", "1"),
    ):
        assert not [f for f in ncts5.validate(message, profile="opt-out").findings if f.rule == "OPTOUT"]


def test_national_rules_follow_disable_and_warn() -> None:
    message = _declaration("6", "GB000060", "1")
    assert not [f for f in ncts5.validate(message, profile="uk", disable=["GB002"]).findings if f.rule == "GB002"]
    warned = [f for f in ncts5.validate(message, profile="uk", warn=["GB002"]).findings if f.rule == "GB002"]
    assert [f.severity for f in warned] == ["warning"]
    with pytest.raises(OptionsError, match="GB002"):
        ncts5.validate(message, disable=["GB002"])  # without the profile the id is unknown


def _write(tmp_path: Path, rules: object) -> str:
    path = tmp_path / "mine.json"
    path.write_text(json.dumps({"name": "mine", "national_rules": rules}), encoding="utf-8")
    return str(path)


_GOOD = {"id": "DE901", "summary": "s", "source": "src", "field": "/CC015C/TransitOperation/security", "allowed": ["0"]}


@pytest.mark.parametrize(
    ("change", "says"),
    [
        ({"colour": "red"}, "unknown key(s) colour"),
        ({"id": "gb 2"}, "'id' must be"),
        ({"source": ""}, "'source' is required"),
        ({"field": "/CC015C/Nowhere/../x"}, "'field' must be an XML path"),
        ({"field": "/CC170C/TransitOperation/security"}, "'field' must be an XML path of one of its messages"),
        ({"not_checked": "why"}, "either 'field' and 'allowed', or 'not_checked'"),
        ({"from": "1st of May"}, "'from' must be a date"),
        ({"error_code": "12"}, "IE056 error code"),
        ({"releases": ["7"]}, "'releases'"),
    ],
)
def test_a_bad_national_rule_is_refused_naming_file_and_rule(
    tmp_path: Path, change: dict[str, object], says: str
) -> None:
    path = _write(tmp_path, [{**_GOOD, **change}])
    with pytest.raises(ProfileError, match=r"mine\.json: national_rules\[0\]") as info:
        load_profile(path)
    assert says in str(info.value)


def test_a_huge_profile_file_is_refused_without_reading_it_whole(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    path.write_bytes(b" " * (2 << 20))
    with pytest.raises(ProfileError, match="larger than"):
        load_profile(str(path))


def test_a_field_the_release_does_not_have_is_not_checked_never_passed(tmp_path: Path) -> None:
    rule = {**_GOOD, "field": "/CC015C/Consignment/HouseConsignment/ConsignmentItem/TransportCharges/methodOfPayment"}
    report = ncts5.validate(_declaration("6", "DE004058", "0"), profile=_write(tmp_path, [rule]))
    assert [n.rule for n in report.not_checked if n.rule == "DE901"] == ["DE901"]


def test_cli_profile_uk_reports_gb002_and_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "gb.xml"
    path.write_bytes(_declaration("6", "GB000060", "1").to_xml())
    code = main(["validate", str(path), "--profile", "uk", "--no-config"])
    out, err = capsys.readouterr()
    assert code == 1, err
    assert "GB002" in out and "Traceback" not in err


def test_judged_date_is_the_decisive_date_when_given() -> None:
    message = _declaration("6", "GB000060", "1", prepared="2025-08-01T08:00:00")
    late = ncts5.validate(message, profile="uk", decisive_date=date(2025, 9, 2))
    assert [f.rule for f in late.findings if f.rule == "GB002"] == ["GB002"]


def test_explain_shows_a_national_rule_of_the_profile(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", "GB002", "--profile", "uk"]) == 0
    out = capsys.readouterr().out
    assert "national rule of profile uk" in out and "allowed: 0, 2" in out and "from 2025-09-01" in out
    assert main(["explain", "GB001", "--profile", "uk"]) == 0
    assert "status: not checked" in capsys.readouterr().out
    assert main(["explain", "GB002"]) == 2  # without the profile: a hint, not a traceback
    assert "--profile uk" in capsys.readouterr().err
    assert main(["explain", "GB002", "--profile", "nope"]) == 2
    assert "unknown profile" in capsys.readouterr().err
