"""Phase 6 messages (schema 60.4.16) beside Phase 5: chosen from PhaseID or forced, validated by Phase 6 rules.

A Phase 6 message runs the Phase 6 catalogue (the rules the two releases share, and Phase 6's own
declarations of changed and new ids) and the code-list checks; no Phase 5-only rule runs on it.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import ncts5
from ncts5.cli import main
from ncts5.messages.catalogue import CATALOGUE, message_type, release_of_phase_id
from ncts5.messages.meta import XmlModel
from ncts5.messages.p6.cc015c import CC015C as P6CC015C
from ncts5.messages.p6.cc170c import CC170C as P6CC170C
from ncts5.rules.registry import message_places
from tests.conftest import EXAMPLES, ROOT

P6_T1 = EXAMPLES / "phase6" / "t1-road.xml"
P6_IE170 = EXAMPLES / "phase6" / "ie170-presentation.xml"
P5_T1 = EXAMPLES / "t1-road.xml"
PHASE6_FILES = [P6_T1, P6_IE170]


def test_the_catalogue_has_every_message_in_both_releases() -> None:
    assert {(m.root_name, m.release) for m in CATALOGUE} == {(r, n) for r in ("CC015C", "CC170C") for n in "56"}
    p6 = message_type("CC015C", "6")
    assert (p6.module, p6.xsd_folder, p6.phase_ids) == ("ncts5.messages.p6.cc015c", "p6-60.4.16", ("NCTS6",))
    p5 = message_type("CC015C")
    assert (p5.module, p5.xsd_folder, p5.phase_ids) == ("ncts5.messages.cc015c", "p5-51.8.6", ("NCTS5.0", "NCTS5.1"))
    assert p6.model() is P6CC015C and P6CC015C.release == "6" and ncts5.CC015C.release == "5"


@pytest.mark.parametrize(("phase_id", "release"), [("NCTS6", "6"), ("NCTS5.1", "5"), ("NCTS5.0", "5"), (None, "5")])
def test_phase_id_names_the_release(phase_id: str | None, release: str) -> None:
    assert release_of_phase_id(phase_id) == release


def _group(cls: type[XmlModel], *names: str) -> type[XmlModel]:
    for name in names:
        model = cls.__xml_by_name__[name].model
        assert model is not None
        cls = model
    return cls


def test_phase6_models_carry_the_tables_metadata() -> None:
    means = _group(P6CC015C, "Consignment", "DepartureTransportMeans")
    nationality = means.__xml_by_name__["nationality"].item
    # optional in Phase 5, required in Phase 6; the data element number is the same path's
    assert (nationality.data_element, nationality.min_occurs, nationality.codelist) == ("19 05 062 000", 1, "CL165")
    item = _group(P6CC015C, "Consignment", "HouseConsignment", "ConsignmentItem")
    assert "Consignee" not in item.__xml_by_name__ and "TransportCharges" not in item.__xml_by_name__
    assert "Consignee" in _group(ncts5.CC015C, "Consignment", "HouseConsignment", "ConsignmentItem").__xml_by_name__
    mrn = _group(P6CC170C, "TransitOperation").__xml_by_name__["MRN"].item
    assert (mrn.priority, mrn.min_occurs, mrn.data_element) == ("D", 0, None)  # HMRC's extension: in no table


@pytest.mark.parametrize("path", PHASE6_FILES, ids=lambda p: p.name)
def test_phase6_examples_are_read_as_release_6_and_validated_by_phase6_rules(path) -> None:
    from ncts5.rules.registry import registry

    message = ncts5.from_xml(path)
    assert message.release == "6" and type(message).__module__.startswith("ncts5.messages.p6.")
    report = ncts5.validate(path)
    assert report.release == "6" and report.ok
    assert report.findings == []
    p6 = registry("6")
    unchecked = {n.rule for n in report.not_checked}
    # listed: what the Phase 6 catalogue says cannot be decided offline, or what the Phase 5 form of the
    # same example cannot decide either (an EORI's registration, a list the package does not ship)
    same_in_phase5 = {n.rule for n in ncts5.validate(EXAMPLES / path.name).not_checked}
    undecidable = {r for r in unchecked if p6[r].status in ("not-checkable", "reference-data")}
    assert unchecked - undecidable <= same_in_phase5
    assert not [n for n in report.not_checked if "no Phase 6 declaration" in n.reason]
    assert not [n for n in report.not_checked if n.rule.startswith("CL")]  # code lists checked


def test_phase6_tables_name_the_expected_rule_ids() -> None:
    ids = set(message_places(P6CC015C)) | set(message_places(P6CC170C))
    assert len(ids) == 163  # as ../shared/README.md counts them
    assert not any(i[0] in "BE" for i in ids)  # Phase 6 has no B or E rules


def test_only_phase6_declarations_run_on_a_phase6_message() -> None:
    from ncts5.rules.registry import rule_set

    for cls, p5 in ((P6CC015C, ncts5.CC015C), (P6CC170C, ncts5.CC170C)):
        on_p6 = rule_set().runnable(cls, "final", frozenset())
        assert on_p6 and all("P6" in r.releases for r in on_p6)
        assert not any(r.kind in "BE" for r in on_p6)
        on_p5 = rule_set().runnable(p5, "final", frozenset())
        assert on_p5 and all("P5" in r.releases for r in on_p5)  # Phase 5 keeps its own


def test_a_broken_phase6_file_gets_schema_findings_with_paths_and_data_elements() -> None:
    end = b"</DepartureTransportMeans>"
    raw = P6_T1.read_bytes().replace(b"<nationality>DE</nationality>\n    " + end, end)
    report = ncts5.validate(raw)
    assert report.release == "6" and not report.ok
    [finding] = report.findings
    assert (finding.rule, finding.path, finding.data_element) == (
        "SCHEMA",
        "/CC015C/Consignment/DepartureTransportMeans[1]/nationality",
        "19 05 062 000",
    )
    # the same data is schema-valid as Phase 5: nationality is optional there (a rule asks for it)
    as_phase5 = ncts5.validate(raw.replace(b'PhaseID="NCTS6"', b'PhaseID="NCTS5.1"'))
    assert "SCHEMA" not in as_phase5.rules() and as_phase5.release == "5"


def test_a_forced_release_contradicting_phase_id_is_a_schema_finding() -> None:
    as5 = ncts5.validate(P6_T1, release="5")
    assert as5.release == "5" and not as5.ok
    messages = [f.message for f in as5.findings if f.path == "/CC015C/@PhaseID"]
    assert any("PhaseID NCTS6 is a Phase 6 message" in m and "release 6" in m for m in messages)
    as6 = ncts5.validate(P5_T1, release="6")
    assert as6.release == "6"
    [finding] = as6.findings
    assert finding.rule == "SCHEMA" and "PhaseID NCTS5.1 is a Phase 5 message" in finding.message
    with pytest.raises(ncts5.SchemaError, match="Phase 6 message"):
        ncts5.from_xml(P6_T1, release="5")
    assert ncts5.from_xml(P6_T1, release="6").release == "6"
    without = P6_T1.read_bytes().replace(b' PhaseID="NCTS6"', b"")
    assert ncts5.from_xml(without).release == "5" and ncts5.from_xml(without, release="6").release == "6"
    with pytest.raises(ValueError, match="release"):
        ncts5.validate(P6_T1, release="7")  # type: ignore[arg-type]


def test_phase5_reports_say_release_5() -> None:
    report = ncts5.validate(P5_T1)
    assert report.release == "5" and report.to_dict()["release"] == "5"
    assert ncts5.validate(ncts5.from_xml(P6_T1)).release == "6"  # a model keeps its release


def test_cli_json_names_the_release_and_strict_fails_phase6(capsys) -> None:
    code = main(["validate", "--format", "json", str(P5_T1), str(P6_T1)])
    results = json.loads(capsys.readouterr().out)
    assert code == 0 and [r["release"] for r in results] == ["5", "6"]
    assert main(["validate", "--strict", str(P6_T1)]) == 1  # never complete: its rules are not checked
    capsys.readouterr()
    assert main(["validate", "--release", "5", "--format", "json", str(P6_T1)]) == 1
    [result] = json.loads(capsys.readouterr().out)
    assert result["release"] == "5"
    assert any("drop --release" in f["message"] for f in result["findings"])
    assert main(["validate", "--release", "6", "--format", "json", str(P6_T1)]) == 0
    capsys.readouterr()


def test_a_phase5_run_loads_no_phase6_model() -> None:
    code = "import sys, ncts5; ncts5.validate(sys.argv[1]); print(any('messages.p6' in m for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code, str(P5_T1)], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "False"


def test_rules_lists_each_release_catalogue(capsys) -> None:
    from ncts5.rules.registry import registry

    for release in ("5", "6"):
        assert main(["rules", "--release", release, "--format", "json"]) == 0
        rows = json.loads(capsys.readouterr().out)
        assert {r["id"] for r in rows} == set(registry(release))
        assert {r["release"] for r in rows} == {release}
    six = {r["id"]: r for r in rows}
    assert six["C0599"]["phase6"] == "changed" and six["C0599"]["releases"] == ["P6"]
    assert six["C0001"]["phase6"] == "reworded" and six["C0001"]["releases"] == ["P5", "P6"]
    assert "B1000" not in six


def test_explain_shows_the_declaration_of_the_release_asked_for(capsys) -> None:
    from ncts5.rules.registry import get

    assert main(["explain", "C0599", "--release", "6"]) == 0
    six = capsys.readouterr().out
    assert get("C0599", "6").summary in six and "changed in Phase 6" in six
    assert "phases: final (Phase 6 has no transition period)" in six
    assert main(["explain", "C0599"]) == 0
    five = capsys.readouterr().out
    assert get("C0599", "5").summary in five and "--release 6" in five
    assert main(["explain", "C0409"]) == 0  # only Phase 6 has it: no --release needed
    assert "new in Phase 6" in capsys.readouterr().out
    assert main(["explain", "B1000", "--release", "6"]) == 2
    err = capsys.readouterr().err
    assert "not a Phase 6 rule (dropped)" in err and "--release 5" in err


def test_judging_phase6_messages_loads_no_phase5_model(tmp_path) -> None:
    """Every Phase 6 rule case's message, validated in a fresh process, never imports the Phase 5 models.

    A check that named a Phase 5 class to word its message would load them (~40 ms) for every Phase 6 file.
    """
    from ncts5.rules.cases import message_of
    from ncts5.rules.registry import registry

    paths = []
    for rule in registry("6").values():
        for i, case in enumerate(rule.cases_for("6")):
            path = tmp_path / f"{rule.id}-{i}.xml"
            path.write_bytes(message_of(case, "6").to_xml())
            paths.append(str(path))
    assert len(paths) > 300
    code = (
        "import sys, ncts5\n"
        "for p in sys.argv[1:]: ncts5.validate(p)\n"
        "print(sorted(m for m in sys.modules if m in ('ncts5.messages.cc015c', 'ncts5.messages.cc170c')))"
    )
    done = subprocess.run([sys.executable, "-c", code, *paths], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
