"""Upgrading Phase 5 IE015/IE170 to Phase 6: what carries over, what needs a decision, and the CLI."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import HealthCheck, given, settings
from lxml import etree

import ncts5
from ncts5.cli import main
from ncts5.messages.cc015c import (
    ConsignmentItemConsignee,
    ConsignmentItemConsigneeAddress,
    ConsignmentItemTransportCharges,
    ConsignmentItemTransportDocument,
)
from ncts5.testing import cc015c, cc170c
from ncts5.upgrading import Decision, UpgradeError, UpgradeResult
from tests.conftest import EXAMPLES

PHASE5_EXAMPLES = sorted(p.name for p in EXAMPLES.glob("*.xml"))
PROPERTY = settings(max_examples=6, deadline=None, suppress_health_check=list(HealthCheck))
ITEM = "/CC015C/Consignment/HouseConsignment[1]/ConsignmentItem"


# --------------------------------------------------------------------------- the property: nothing lost
def _leaves(xml: bytes) -> dict[str, str]:
    """Every attribute and text leaf of a document by a path with every step numbered (PhaseID left out)."""
    root = etree.fromstring(xml)
    out: dict[str, str] = {}

    def walk(el: etree._Element, path: str) -> None:
        for name, value in el.attrib.items():
            if name != "PhaseID" and not name.startswith("{"):
                out[f"{path}/@{name}"] = value
        children = [c for c in el if isinstance(c.tag, str)]
        if not children and el.text and el.text.strip():
            out[path] = el.text.strip()
        seen: dict[str, int] = {}
        for c in children:
            seen[c.tag] = seen.get(c.tag, 0) + 1
            walk(c, f"{path}/{c.tag}[{seen[c.tag]}]")

    walk(root, f"/{etree.QName(root).localname}[1]")
    return out


def _numbered(path: str) -> str:
    """A decision's path with every step numbered like :func:`_leaves` (unnumbered steps are the first)."""
    steps = path.strip("/").split("/")
    return "/" + "/".join(s if s.startswith("@") or s.endswith("]") else f"{s}[1]" for s in steps)


def assert_nothing_lost(source: bytes, result: UpgradeResult) -> None:
    """Every leaf of the input is in the output at the same place, or named by a decision with its value."""
    output = _leaves(result.to_xml())
    named = {_numbered(p): v for d in result.decisions for p, v in d.values}
    for path, value in _leaves(source).items():
        if output.get(path) == value:
            continue
        assert named.get(path) == value, f"{path}={value!r} neither in the output nor named by a decision"
    for d in result.decisions:
        if d.action == "moved":
            assert d.target is not None
            prefix = _numbered(d.target).removesuffix("[1]") + "["  # every occurrence of the target group
            moved = {p: v for p, v in output.items() if p.startswith(prefix)}
            for _, value in d.values:
                assert value in moved.values(), f"{value!r} moved to {d.target} but is not there"


@pytest.mark.parametrize("name", PHASE5_EXAMPLES)
def test_examples_upgrade_completely_to_valid_phase6(name, xsd_schemas_p6):
    raw = (EXAMPLES / name).read_bytes()
    result = ncts5.upgrade(EXAMPLES / name)
    assert result.complete and result.decisions == ()
    out = result.to_xml()
    assert b"INCOMPLETE" not in out and b"<!--" not in out
    xsd_schemas_p6[result.message.root_name].validate(out)
    again = ncts5.from_xml(out)
    assert again.release == "6" and again.phase_id == "NCTS6"
    assert_nothing_lost(raw, result)


@PROPERTY
@given(cc015c(max_items=3))
def test_generated_phase5_declarations_lose_nothing_silently(xsd_schemas_p6, message):
    source = message.to_xml()
    result = ncts5.upgrade(source)
    assert_nothing_lost(source, result)
    assert result.complete == (not any(d.needs_decision for d in result.decisions))
    out = result.to_xml()
    assert (b"INCOMPLETE Phase 6 upgrade" in out) == (not result.complete)
    if any(d.action == "required" for d in result.decisions):
        with pytest.raises(ncts5.SchemaError):
            ncts5.from_xml(out)
    else:  # values without a Phase 6 place are left out, so what remains is valid Phase 6
        xsd_schemas_p6["CC015C"].validate(out)


@PROPERTY
@given(cc170c())
def test_generated_phase5_presentation_notifications_upgrade(xsd_schemas_p6, message):
    source = message.to_xml()
    result = ncts5.upgrade(message)
    assert_nothing_lost(source, result)
    assert result.complete  # IE170 only gains an optional MRN in Phase 6
    xsd_schemas_p6["CC170C"].validate(result.to_xml())


# --------------------------------------------------------------------------- the item-level data groups
def _consignee(name: str) -> ConsignmentItemConsignee:
    address = ConsignmentItemConsigneeAddress(street_and_number="Kade 1", city="Rotterdam", country="NL")
    return ConsignmentItemConsignee(name=name, address=address)


def _with_items(**per_item: list[object]) -> bytes:
    """The T1 road example with the given item-level values (one per goods item, None for none)."""
    message = ncts5.from_xml(EXAMPLES / "t1-road.xml")
    house = message.consignment.house_consignment[0]
    items = [
        item.model_copy(update={field: values[n] for field, values in per_item.items()})
        for n, item in enumerate(house.consignment_item)
    ]
    house = house.model_copy(update={"consignment_item": items})
    consignment = message.consignment.model_copy(update={"house_consignment": [house]})
    return message.model_copy(update={"consignment": consignment}).to_xml()


def test_item_level_groups_without_a_phase6_place_are_decisions(xsd_schemas_p6):
    doc = ConsignmentItemTransportDocument(sequence_number=1, type="N730", reference_number="CMR-1")
    source = _with_items(
        consignee=[_consignee("Maas BV"), _consignee("Rijn BV")],
        transport_charges=[ConsignmentItemTransportCharges(method_of_payment="A"), None],
        transport_document=[[], [doc]],
    )
    result = ncts5.upgrade(source)
    got = {(d.action, d.path) for d in result.decisions}
    assert got == {
        ("dropped", f"{ITEM}[1]/Consignee"),
        ("dropped", f"{ITEM}[2]/Consignee"),
        ("dropped", f"{ITEM}[1]/TransportCharges"),
        ("dropped", f"{ITEM}[2]/TransportDocument"),
    }
    assert not result.complete
    consignee = next(d for d in result.decisions if d.path == f"{ITEM}[1]/Consignee")
    assert "goods item 1 of house consignment 1 has no Phase 6 place" in consignee.message
    assert "at house consignment level" in consignee.message and "split the house consignment" in consignee.message
    assert (f"{ITEM}[2]/TransportDocument[1]/referenceNumber", "CMR-1") in next(
        d.values for d in result.decisions if d.path == f"{ITEM}[2]/TransportDocument"
    )
    assert_nothing_lost(source, result)
    out = result.to_xml()
    assert out.count(b"ncts5 upgrade, dropped") == 4
    assert re.search(rb"<!-- INCOMPLETE Phase 6 upgrade by ncts5: 4 decision", out)
    # the dropped groups leave nothing Phase 6 rejects: the file is valid, yet never looks finished
    xsd_schemas_p6["CC015C"].validate(out)


def test_groups_every_goods_item_shares_move_to_the_house_consignment(xsd_schemas_p6):
    doc = ConsignmentItemTransportDocument(sequence_number=1, type="N730", reference_number="CMR-1")
    charges = ConsignmentItemTransportCharges(method_of_payment="A")
    source = _with_items(
        consignee=[_consignee("Maas BV"), _consignee("Maas BV")],
        transport_charges=[charges, charges],
        transport_document=[[doc], [doc]],
    )
    result = ncts5.upgrade(source)
    assert result.complete
    assert {(d.action, d.path) for d in result.decisions} == {
        ("moved", f"{ITEM}[{n}]/{group}")
        for n in (1, 2)
        for group in ("Consignee", "TransportCharges", "TransportDocument")
    }
    assert {d.target for d in result.decisions} == {
        f"/CC015C/Consignment/HouseConsignment[1]/{g}" for g in ("Consignee", "TransportCharges", "TransportDocument")
    }
    house = result.message.consignment.house_consignment[0]
    assert house.consignee is not None and house.consignee.name == "Maas BV"
    assert house.transport_charges is not None and house.transport_charges.method_of_payment == "A"
    assert [d.reference_number for d in house.transport_document] == ["CMR-1"]
    out = result.to_xml()
    assert b"<!--" not in out
    xsd_schemas_p6["CC015C"].validate(out)
    assert_nothing_lost(source, result)


def test_elements_phase6_makes_mandatory_are_required_not_invented(xsd_schemas_p6):
    message = ncts5.from_xml(EXAMPLES / "t1-road.xml")
    means = message.consignment.departure_transport_means[0].model_copy(update={"nationality": None})
    consignment = message.consignment.model_copy(update={"departure_transport_means": [means]})
    result = ncts5.upgrade(message.model_copy(update={"consignment": consignment}))
    path = "/CC015C/Consignment/DepartureTransportMeans[1]/nationality"
    assert [(d.action, d.path) for d in result.decisions] == [("required", path)]
    assert "mandatory in Phase 6" in result.decisions[0].message and not result.complete
    assert result.message.consignment.departure_transport_means[0].nationality is None
    out = result.to_xml()
    assert b"INCOMPLETE Phase 6 upgrade" in out and b"ncts5 upgrade, required" in out
    with pytest.raises(ncts5.SchemaError):
        ncts5.from_xml(out)


def test_a_phase6_message_is_refused():
    with pytest.raises(UpgradeError, match="already Phase 6"):
        ncts5.upgrade(EXAMPLES / "phase6" / "t1-road.xml")


def test_decision_as_json():
    d = Decision("/CC015C/x", "moved", "m", (("/CC015C/x/y", "1"),), "/CC015C/z")
    assert d.to_dict() == {
        "path": "/CC015C/x",
        "action": "moved",
        "needs_decision": False,
        "message": "m",
        "target": "/CC015C/z",
        "values": [{"path": "/CC015C/x/y", "value": "1"}],
    }


# --------------------------------------------------------------------------- CLI
def test_cli_writes_phase6_xml_and_exits_0_when_complete(tmp_path, capsys, xsd_schemas_p6):
    out = tmp_path / "out.xml"
    assert main(["upgrade", str(EXAMPLES / "tir.xml"), "-o", str(out)]) == 0
    xsd_schemas_p6["CC015C"].validate(out.read_bytes())
    assert "upgraded to Phase 6 (complete)" in capsys.readouterr().err


def test_cli_json_lists_decisions_and_exits_1(tmp_path, capsys):
    source = tmp_path / "in.xml"
    source.write_bytes(_with_items(consignee=[_consignee("Maas BV"), None]))
    assert main(["upgrade", str(source), "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["complete"] is False and report["release"] == "6" and report["root"] == "CC015C"
    assert [(d["action"], d["path"]) for d in report["decisions"]] == [("dropped", f"{ITEM}[1]/Consignee")]
    assert report["xml"].startswith("<?xml") and "INCOMPLETE" in report["xml"]


def test_cli_text_prints_decisions_on_stderr(tmp_path, capsys):
    source = tmp_path / "in.xml"
    source.write_bytes(_with_items(consignee=[_consignee("Maas BV"), None]))
    assert main(["upgrade", str(source)]) == 1
    captured = capsys.readouterr()
    assert captured.out.startswith("<?xml") and 'PhaseID="NCTS6"' in captured.out
    assert f"dropped: {ITEM}[1]/Consignee" in captured.err and "1 decision(s) needed" in captured.err


def test_cli_refuses_phase6_and_bad_input_without_traceback(tmp_path, capsys):
    assert main(["upgrade", str(EXAMPLES / "phase6" / "t1-road.xml")]) == 2
    assert "already Phase 6" in capsys.readouterr().err
    bad = tmp_path / "bad.xml"
    bad.write_text("<not-xml")
    assert main(["upgrade", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "bad.xml" in err and "Traceback" not in err
    assert main(["upgrade"]) == 2


def test_readme_example_runs_as_written(monkeypatch, capsys):
    readme = (EXAMPLES.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Upgrading Phase 5 declarations", 1)[1].split("\n## ", 1)[0]
    (code,) = re.findall(r"```python\n(.*?)```", section, re.S)
    monkeypatch.chdir(EXAMPLES.parent)
    exec(compile(code, "README.md: Upgrading Phase 5 declarations", "exec"), {})
    assert capsys.readouterr().out == "True NCTS6\n"
