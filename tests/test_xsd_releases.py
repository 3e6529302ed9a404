"""The official-XSD check per release, and the transition phase that Phase 6 does not have.

``--xsd DIR`` takes one release's schema folder or a folder holding one per release
(``../shared/xsd`` holds ``p5-51.8.6/`` and ``p6-60.4.16/``); each message is checked against its
own release's schema, and a folder of the other release says which folder to give.
"""

from __future__ import annotations

import json
import re
import shutil
from datetime import date
from pathlib import Path

import pytest

import ncts5
from ncts5.cli import main
from ncts5.messages.catalogue import message_class
from ncts5.validation import NO_P6_TRANSITION
from ncts5.xml.xsd import XsdError, XsdValidator
from tests.conftest import EXAMPLES, SHARED, XSD_DIR, XSD_DIR_P6, need_shared

P5_T1 = EXAMPLES / "t1-road.xml"
P6_T1 = EXAMPLES / "phase6" / "t1-road.xml"
P6_IE170 = EXAMPLES / "phase6" / "ie170-presentation.xml"


def _official(report: ncts5.Report) -> list[ncts5.Finding]:
    return [f for f in report.findings if f.message.startswith("official XSD")]


def _with_item_consignee(raw: bytes) -> bytes:
    """An item-level Consignee before the first Commodity: valid in 51.8.6, gone from 60.4.16."""
    i = raw.index(b"<Commodity>")
    return raw[:i] + b"<Consignee><name>Item consignee</name></Consignee>\n        " + raw[i:]


# --------------------------------------------------------------------------- folders
def test_a_folder_of_release_folders_gives_each_release_its_schema() -> None:
    xsd = XsdValidator(need_shared(XSD_DIR.parent))
    assert xsd.releases == ("5", "6")
    assert {r: (p.name, v) for r, (p, v) in xsd.folders.items()} == {
        "5": ("p5-51.8.6", "51.8.6"),
        "6": ("p6-60.4.16", "60.4.16"),
    }
    xsd.compile_all()
    assert xsd.schema("CC015C", "6") is not xsd.schema("CC015C", "5")
    for path in (P5_T1, P6_T1, P6_IE170, EXAMPLES / "ie170-presentation.xml"):
        report = ncts5.validate(path, xsd=xsd)
        assert report.findings == ncts5.validate(path).findings == [], path


def test_one_release_folder_is_recognised_by_its_schema_version() -> None:
    assert XsdValidator(need_shared(XSD_DIR)).releases == ("5",)
    assert XsdValidator(need_shared(XSD_DIR_P6)).releases == ("6",)


def test_a_message_of_the_other_release_is_told_which_folder_to_give() -> None:
    p5_only = XsdValidator(need_shared(XSD_DIR))
    p6_only = XsdValidator(need_shared(XSD_DIR_P6))
    report = ncts5.validate(P6_T1, xsd=p5_only)
    [finding] = report.findings
    assert (finding.rule, finding.severity, finding.path) == ("SCHEMA", "error", "/CC015C")
    assert "is schema 51.8.6 (Phase 5) but the message is Phase 6: give the 60.4.16 folder" in finding.message
    assert not report.ok and report.release == "6"
    # the Phase 5 example would pass the 60.4.16 schema (it accepts NCTS5.1): only the version tells
    [finding] = ncts5.validate(P5_T1, xsd=p6_only).findings
    assert "is schema 60.4.16 (Phase 6) but the message is Phase 5: give the 51.8.6 folder" in finding.message
    assert ncts5.validate(P6_T1, xsd=p6_only).ok and ncts5.validate(P5_T1, xsd=p5_only).ok


def test_official_findings_carry_the_data_elements_of_the_messages_release() -> None:
    xsd = XsdValidator(need_shared(XSD_DIR.parent))
    path = "/CC015C/Consignment/HouseConsignment[1]/ConsignmentItem[1]/Consignee"
    # Phase 6 dropped the item-level consignee: its official finding names no Phase 5 data element
    [p6] = _official(ncts5.validate(_with_item_consignee(P6_T1.read_bytes()), xsd=xsd))
    assert (p6.path, p6.data_element) == (path, None) and "not expected" in p6.message
    # a Phase 6 element with a Phase 6 data element: nationality became mandatory in 60.4.16
    end = b"</DepartureTransportMeans>"
    raw = P6_T1.read_bytes().replace(b"<nationality>DE</nationality>\n    " + end, end)
    [missing] = _official(ncts5.validate(raw, xsd=xsd))
    assert missing.path == "/CC015C/Consignment/DepartureTransportMeans[1]" and "nationality" in missing.message
    means = message_class("CC015C", "6").__xml_by_name__["Consignment"].model
    assert means is not None
    assert missing.data_element == means.__xml_by_name__["DepartureTransportMeans"].item.data_element is not None


def test_folders_the_check_cannot_use_are_refused(tmp_path: Path) -> None:
    with pytest.raises(XsdError, match=re.escape("p5-51.8.6/, p6-60.4.16/")):
        XsdValidator(tmp_path)
    two = tmp_path / "two"
    for name in ("a", "b"):
        shutil.copytree(need_shared(XSD_DIR), two / name)
    with pytest.raises(XsdError, match=r"two folders of Phase 5 schemas \(a, b\)"):
        XsdValidator(two)
    odd = tmp_path / "odd"
    shutil.copytree(XSD_DIR, odd)
    text = (odd / "cc015c.xsd").read_text(encoding="utf-8")
    (odd / "cc015c.xsd").write_text(text.replace('version="51.8.6"', 'version="99.1"'), encoding="utf-8")
    with pytest.raises(XsdError, match=r"version '99.1', so its NCTS release is unknown"):
        XsdValidator(odd)


def test_cli_xsd_with_both_releases_and_with_the_wrong_one(capsys: pytest.CaptureFixture[str]) -> None:
    both = str(need_shared(SHARED / "xsd"))
    files = [str(P5_T1), str(P6_T1)]
    assert main(["validate", "--format", "json", "--xsd", both, *files]) == 0
    results = json.loads(capsys.readouterr().out)
    assert [(r["release"], r["findings"]) for r in results] == [("5", []), ("6", [])]
    assert main(["validate", "--format", "json", "--xsd", str(XSD_DIR), *files]) == 1
    p5, p6 = json.loads(capsys.readouterr().out)
    assert p5["valid"] and not p6["valid"]
    assert "give the 60.4.16 folder" in p6["findings"][0]["message"]


# --------------------------------------------------------------------------- Phase 6 has no transition
def test_phase6_in_the_transition_phase_is_a_finding_and_runs_as_final() -> None:
    for options in ({"phase": "transition"}, {"decisive_date": date(2024, 6, 1)}, {"tpend_date": date(2099, 1, 1)}):
        report = ncts5.validate(P6_T1, **options)
        [finding] = report.findings
        assert (finding.rule, finding.severity, finding.message) == ("PHASE", "error", NO_P6_TRANSITION), options
        assert report.phase == "final" and report.release == "6"
        assert report.not_checked == ncts5.validate(P6_T1).not_checked  # validated as it would be in final
    model = ncts5.from_xml(P6_IE170)
    assert ncts5.validate(model, phase="transition").rules() == {"PHASE"}
    assert ncts5.validate(model, phase="final").ok
    # Phase 5 keeps its transition phase
    p5 = ncts5.validate(P5_T1, phase="transition")
    assert p5.phase == "transition" and "PHASE" not in p5.rules()


def test_cli_transition_batch_of_mixed_releases_fails_only_the_phase6_files(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["validate", "--format", "json", "--phase", "transition", str(P5_T1), str(P6_T1)])
    p5, p6 = json.loads(capsys.readouterr().out)
    assert code == 1
    assert p5["phase"] == "transition" and "PHASE" not in {f["rule"] for f in p5["findings"]}
    assert (p6["phase"], p6["valid"], [f["rule"] for f in p6["findings"]]) == ("final", False, ["PHASE"])
    assert "Phase 6 has no transition period" in p6["findings"][0]["message"]
