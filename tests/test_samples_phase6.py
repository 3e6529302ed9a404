"""HMRC's public samples recreated as Phase 6 messages: read as release 6, lossless, and judged by Phase 6 rules.

HMRC publishes its validator samples as Phase 5 files; their Phase 6 form is what ``ncts5.upgrade``
writes (the tables say where each value goes), with the one decision the samples need taken here:
Phase 6 makes a goods item's GOODS MEASURE mandatory, so the items without one get a gross mass.
A rule the two releases share must then give the same findings on both forms; an id Phase 6 dropped
must not appear at all.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

import ncts5
from ncts5.messages.message import Message
from ncts5.messages.p6.cc015c import GoodsMeasure
from ncts5.rules.phase6 import classification
from tests.conftest import SAMPLES, canonical, need_shared

SCHEMA_VALID = ["cc015c-valid.xml", "cc015c-valid-2.xml", "cc170c-valid.xml", "cc015c-invalid-lrn.xml",
                "cc015c-invalid-reference-departure.xml"]  # fmt: skip


def recreated_as_phase6(name: str) -> Message:
    result = ncts5.upgrade(need_shared(SAMPLES / name))
    assert {d.action for d in result.decisions} <= {"required"}, result.decisions
    message = result.message
    for decision in result.decisions:
        assert decision.path.endswith("/Commodity/GoodsMeasure"), decision
    if message.root_name == "CC015C":
        for house in message.consignment.house_consignment:  # type: ignore[attr-defined]
            for item in house.consignment_item:
                if item.commodity.goods_measure is None:
                    item.commodity.goods_measure = GoodsMeasure(gross_mass=Decimal("1"))
    return message


@pytest.mark.parametrize("name", SCHEMA_VALID)
def test_a_sample_recreated_as_phase6_is_valid_60_4_16_and_round_trips(name: str, xsd_schemas_p6) -> None:
    xml = recreated_as_phase6(name).to_xml()
    assert xsd_schemas_p6[name[:6].upper()].is_valid(xml)
    message = ncts5.from_xml(xml)
    assert message.release == "6"
    assert canonical(message.to_xml()) == canonical(xml)


@pytest.mark.parametrize("name", SCHEMA_VALID)
def test_shared_rules_judge_both_forms_alike(name: str) -> None:
    phase5 = ncts5.validate(need_shared(SAMPLES / name))
    phase6 = ncts5.validate(recreated_as_phase6(name))
    assert phase6.release == "6" and "SCHEMA" not in phase6.rules()

    def shared(report: ncts5.Report) -> set[tuple[str, str, int | None]]:
        kept = ("same", "reworded")
        return {(f.rule, f.path, f.error_code) for f in report.findings if classification(f.rule) in kept}

    assert shared(phase6) == shared(phase5)
    codes = {(f.rule, f.path) for f in phase5.findings if f.rule.startswith("CL")}
    assert {(f.rule, f.path) for f in phase6.findings if f.rule.startswith("CL")} == codes
    assert not [f for f in phase6.findings if classification(f.rule) == "dropped"]
