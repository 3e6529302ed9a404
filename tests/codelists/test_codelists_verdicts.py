"""Verdicts that depend on reference data: right out of the box, and the same after an import.

The issue this answers: a fresh install said "valid" where customs reject (lists missing or
partial), and importing the official snapshot said "invalid" where customs accept (the
payload's ``activeFrom`` read as the day a code came into existence). Both sides are checked
here on the bundled examples, HMRC's sample messages, transition-period declarations prepared
in 2024, and the individual cases the issue names.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from codelist_helpers import SHARED

import ncts5
from ncts5 import codelists
from ncts5.messages.cc015c import PostcodeAddress

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((REPO / "examples").glob("*.xml"))
SAMPLES = sorted((SHARED / "samples" / "hmrc-validator").glob("*.xml"))


def _verdict(source: Any, **options: Any) -> tuple[bool, list[tuple[str, str, str]], list[str]]:
    report = ncts5.validate(source, **options)
    findings = sorted((f.rule, f.path, f.severity) for f in report.findings)
    return report.ok, findings, sorted({n.rule for n in report.not_checked})


def _transition_variant(path: Path) -> Any:
    """The example as if prepared on 15 June 2024, during the transition period."""
    message = ncts5.from_xml(path)
    message.preparation_date_and_time = datetime(2024, 6, 15, 10, 0)
    return message


def _corpus() -> Iterator[tuple[str, Callable[[], Any], dict[str, Any]]]:
    for path in EXAMPLES:
        yield path.name, (lambda p=path: p), {}
        yield f"{path.name}@2024", (lambda p=path: _transition_variant(p)), {"phase": "transition"}
    for path in SAMPLES:
        yield f"hmrc/{path.name}", (lambda p=path: p), {}


CORPUS = list(_corpus())


@pytest.mark.parametrize(("name", "load", "options"), CORPUS, ids=[c[0] for c in CORPUS])
def test_same_verdict_packaged_and_after_importing_the_snapshot(
    name: str, load: Callable[[], Any], options: dict[str, Any], snapshot_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    packaged = _verdict(load(), **options)
    monkeypatch.setenv(codelists.ENV_VAR, str(snapshot_dir))
    codelists.reload()
    imported = _verdict(load(), **options)
    assert imported == packaged
    if name in {p.name for p in EXAMPLES}:
        assert packaged[0], f"the bundled example {name} must be valid against the official data: {packaged[1]}"
    if name in {p.name for p in EXAMPLES} or name.endswith("@2024"):
        # Transition-period variants break transition rules (E1301...), never a code list.
        assert not [f for f in packaged[1] if f[0].startswith("CL")], packaged[1]
        assert not any(rule.startswith("CL") for rule in packaged[2]), packaged[2]


def test_the_examples_are_corpus_members() -> None:
    assert len(EXAMPLES) >= 3
    if not SAMPLES:
        pytest.skip(f"HMRC samples not found in {SHARED} (../shared is absent)")
    assert len(CORPUS) == 2 * len(EXAMPLES) + len(SAMPLES)


@pytest.fixture(params=["packaged", "imported"])
def data(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run a test with the packaged data, then with the imported official snapshot."""
    if request.param == "imported":
        snapshot_dir = request.getfixturevalue("snapshot_dir")
        monkeypatch.setenv(codelists.ENV_VAR, str(snapshot_dir))
        codelists.reload()
    return str(request.param)


def _t1() -> Any:
    return ncts5.from_xml(REPO / "examples" / "t1-road.xml")


def _rules(message: Any, **options: Any) -> tuple[set[str], set[str]]:
    report = ncts5.validate(message, **options)
    return report.rules(), {n.rule for n in report.not_checked}


def test_office_without_the_destination_role(data: str) -> None:
    message = _t1()
    message.customs_office_of_destination_declared.reference_number = "NL000396"
    report = ncts5.validate(message)
    (finding,) = [f for f in report.findings if f.rule == "CL172"]
    assert "does not have the role DES" in finding.message
    assert "Rotterdam Maasvlakte" in finding.message


def test_a_made_up_office_is_refused(data: str) -> None:
    message = _t1()
    message.customs_office_of_departure.reference_number = "DE999999"
    found, _ = _rules(message)
    assert "CL171" in found


@pytest.mark.parametrize("country", ["US", "CN"])
def test_c0001_is_decided_for_a_destination_outside_common_transit(data: str, country: str) -> None:
    message = _t1()
    message.consignment.country_of_destination = country
    found, unchecked = _rules(message)
    assert "C0001" not in unchecked
    assert "C0001" not in found  # outside CL009 the consignee may be given either way


def test_destination_liechtenstein_without_consignee_is_refused(data: str) -> None:
    message = _t1()
    message.consignment.country_of_destination = "LI"
    message.consignment.consignee = None
    found, unchecked = _rules(message)
    assert "C0001" in found
    assert "C0001" not in unchecked


def test_c0382_house_number_outside_cl198(data: str) -> None:
    message = _t1()
    goods = message.consignment.location_of_goods
    goods.qualifier_of_identification = "T"
    goods.customs_office = None
    goods.postcode_address = PostcodeAddress(postcode="10115", country="DE")
    found, unchecked = _rules(message)
    assert "C0382" in found
    assert "C0382" not in unchecked
    goods.postcode_address = PostcodeAddress(postcode="L-1234", country="LU")  # LU is in CL198
    assert "C0382" not in _rules(message)[0]


def test_r0900_guarantee_type_j_for_a_departure_in_the_union(data: str) -> None:
    message = _t1()
    message.guarantee[0].guarantee_type = "J"
    message.guarantee[0].guarantee_reference = []
    found, unchecked = _rules(message)
    assert "R0900" in found
    assert "R0900" not in unchecked


def test_a_2024_declaration_keeps_its_currency_and_guarantee_type(data: str) -> None:
    """The snapshot's activeFrom (2025-01-01 for currencies) must not reject a declaration of 2024."""
    message = _transition_variant(REPO / "examples" / "t1-road.xml")
    report = ncts5.validate(message, phase="transition")
    assert not [str(f) for f in report.findings if f.rule.startswith("CL")]
    assert not [n for n in report.not_checked if n.rule.startswith("CL")]
    message.guarantee[0].guarantee_reference[0].currency = "ZZZ"  # the same walk does refuse a wrong code
    assert "CL048" in ncts5.validate(message, phase="transition").rules()
