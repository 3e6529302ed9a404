"""The Phase 6 catalogue follows the DDNTA comparison: every id of the Phase 6 tables is accounted for.

``src/ncts5/rules/phase6.json`` (written by ``tools/compare_ddnta.py`` from both appendices) classes
each id; the declarations must agree: *same* and *reworded* ids share one declaration (one check,
cases on both releases), *changed* ids have a Phase 6 declaration of their own beside the Phase 5
one, *new* ids exist for Phase 6 only, *dropped* ids for Phase 5 only.
"""

from __future__ import annotations

import json
from importlib import resources

import pytest

import ncts5
from ncts5.messages.p6.cc015c import CC015C as P6CC015C
from ncts5.messages.p6.cc170c import CC170C as P6CC170C
from ncts5.rules import examples
from ncts5.rules.phase6 import classification
from ncts5.rules.registry import message_places, registry

DATA = json.loads(resources.files("ncts5.rules").joinpath("phase6.json").read_text("utf-8"))
P5, P6 = registry("5"), registry("6")


def test_every_id_of_the_phase6_tables_has_a_phase6_declaration() -> None:
    tables = set(message_places(P6CC015C)) | set(message_places(P6CC170C))
    assert len(tables) == 163
    assert set(P6) == tables


@pytest.mark.parametrize("rule_id", sorted(DATA["rules"]))
def test_the_declaration_follows_the_comparison(rule_id: str) -> None:
    kind = classification(rule_id)
    p6 = P6[rule_id]
    if kind in ("same", "reworded"):
        assert p6.releases == ("P5", "P6"), f"{rule_id} is {kind}: share the Phase 5 declaration (releases=P5_P6)"
        assert P5[rule_id].check is p6.check
    elif kind == "changed":
        assert p6.releases == ("P6",), f"{rule_id} changed: declare {rule_id}_P6 beside the Phase 5 one"
        assert P5[rule_id].releases == ("P5",)
        assert p6.check is None or p6.check is not P5[rule_id].check or p6.reason != P5[rule_id].reason
    else:
        assert kind == "new" and p6.releases == ("P6",) and rule_id not in P5


@pytest.mark.parametrize("rule_id", sorted(DATA["dropped"]))
def test_dropped_ids_stay_phase5_only(rule_id: str) -> None:
    assert rule_id in P5 and rule_id not in P6


@pytest.mark.parametrize("name", examples.NAMES)
def test_phase6_rule_examples_are_the_upgrade_of_the_phase5_ones(name: str) -> None:
    """The cases of shared rules mean the same on both releases only while the examples hold the same data."""
    p5 = examples.load(name, "5")
    upgraded = ncts5.upgrade(p5)
    assert upgraded.complete
    assert upgraded.message.to_xml() == examples.load(name, "6").to_xml()
