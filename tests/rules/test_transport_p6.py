"""Phase 6 narrowed three transport conditions; the same declaration shows the hand-over.

C0599 and C0806 (mode of transport at the border, active border transport means) now follow from
security 2 only, not 1 or 3; C0670 no longer asks a single transport equipment without a container
number for goods references.  Each test validates one declaration written as Phase 5 and as Phase 6
(the rule examples, ``examples.load(name, release)``) and compares what each release reports.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from ncts5 import validate
from ncts5.messages.catalogue import Release
from ncts5.rules import examples
from ncts5.rules.examples import T1_ROAD, TIR

CONSIGNMENT = "/CC015C/Consignment"


def _findings(name: str, release: Release, change: Callable[[Any], None], rule: str) -> list[str]:
    """The paths ``rule`` reports on example ``name`` of ``release`` after ``change``."""
    message = examples.load(name, release)
    change(message)
    return [f.path for f in validate(message).findings if f.rule == rule]


def _security(code: str) -> Callable[[Any], None]:
    def change(m: Any) -> None:
        m.transit_operation.security = code

    return change


@pytest.mark.parametrize("security", ["1", "3"])
def test_security_1_or_3_needs_border_mode_and_means_in_phase_5_only(security: str) -> None:
    change = _security(security)
    assert _findings(T1_ROAD, "5", change, "C0599") == [f"{CONSIGNMENT}/modeOfTransportAtTheBorder"]
    assert _findings(T1_ROAD, "5", change, "C0806") == [f"{CONSIGNMENT}/ActiveBorderTransportMeans"]
    assert _findings(T1_ROAD, "6", change, "C0599") == []
    assert _findings(T1_ROAD, "6", change, "C0806") == []


def test_security_2_needs_border_mode_and_means_in_both_releases() -> None:
    change = _security("2")
    releases: tuple[Release, ...] = ("5", "6")
    for release in releases:
        assert _findings(T1_ROAD, release, change, "C0599") == [f"{CONSIGNMENT}/modeOfTransportAtTheBorder"]
        assert _findings(T1_ROAD, release, change, "C0806") == [f"{CONSIGNMENT}/ActiveBorderTransportMeans"]


def test_single_sealed_load_needs_goods_references_in_phase_5_only() -> None:
    def unchanged(m: Any) -> None:
        return None

    assert _findings(TIR, "5", unchanged, "C0670") == [f"{CONSIGNMENT}/TransportEquipment[1]/GoodsReference"]
    assert _findings(TIR, "6", unchanged, "C0670") == []
