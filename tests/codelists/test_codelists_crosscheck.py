"""Cross-check of every packaged list against the official snapshot in ../shared (test data only).

A packaged list must never hold a code the official list lacks: that would accept a
declaration customs reject. Codes we miss are reported (in the session summary, see
conftest.py) rather than failing,
because a packaged list written from public sources may know fewer codes; a list that claims
to be complete may only miss the gaps recorded below, so new gaps are noticed.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from codelist_helpers import MISSED, TCL_XSD

from ncts5 import codelists
from ncts5.codelists.catalogue import NAMES
from ncts5.codelists.importer import LIST_SPECS

#: Codes the official snapshot has that complete packaged lists do not, knowingly: ncts5
#: writes its lists from public sources and does not copy them from the snapshot.
KNOWN_GAPS_OF_COMPLETE_LISTS: dict[str, set[str]] = {
    "CL008": {"EU"},
    "CL248": {"EU"},
    "CL165": {"QU"},
}

#: Packaged lists the RD_NCTS-P5 payload does not carry (the XSD enumerates two of them).
NOT_IN_SNAPSHOT = {"CL027", "CL060", "CL192"}


def _official_codes(official_rd: dict[str, Any], list_id: str) -> set[str]:
    name = NAMES[list_id]
    key = LIST_SPECS[name].code
    return {e[key] for e in official_rd["lists"][name]["listEntries"] if e["state"] == "valid"}


def _packaged_in_snapshot() -> list[str]:
    return sorted(codelists.packaged_ids() - NOT_IN_SNAPSHOT)


@pytest.mark.parametrize("list_id", _packaged_in_snapshot())
def test_packaged_list_holds_no_code_the_official_list_lacks(official_rd: dict[str, Any], list_id: str) -> None:
    ours = codelists.get(list_id)
    official = _official_codes(official_rd, list_id)
    # Compare what each side accepts on the day of the snapshot (BGN is packaged until 2025-12-31).
    snapshot_day = date.fromisoformat(official_rd["messageInformation"]["snapshotDate"])
    shipped = ours.codes(snapshot_day)
    extra = sorted(shipped - official)
    assert not extra, f"{list_id} {ours.name} ships codes the official list lacks: {extra}"
    missing = sorted(official - shipped)
    if missing:
        state = "complete" if ours.complete else "partial"
        MISSED[list_id] = f"{ours.name} ({state}): {', '.join(missing)}"  # printed in the session summary
    if ours.complete:
        unexpected = set(missing) - KNOWN_GAPS_OF_COMPLETE_LISTS.get(list_id, set())
        assert not unexpected, f"{list_id} claims to be complete but misses {sorted(unexpected)}"


def test_every_packaged_list_is_cross_checked(official_rd: dict[str, Any]) -> None:
    in_snapshot = {list_id for list_id in codelists.packaged_ids() if NAMES[list_id] in official_rd["lists"]}
    assert in_snapshot == set(_packaged_in_snapshot())
    assert {NAMES[i] for i in NOT_IN_SNAPSHOT}.isdisjoint(official_rd["lists"])


@pytest.mark.parametrize(("list_id", "type_name"), [("CL027", "Flag"), ("CL060", "MessageTypes")])
def test_lists_outside_the_snapshot_agree_with_the_xsd_enumeration(list_id: str, type_name: str) -> None:
    if not TCL_XSD.is_file():
        pytest.skip(f"{TCL_XSD} not found (../shared is absent)")
    from lxml import etree

    ns = {"xs": "http://www.w3.org/2001/XMLSchema"}
    values = set(
        etree.parse(str(TCL_XSD)).xpath(f'//xs:simpleType[@name="{type_name}"]//xs:enumeration/@value', namespaces=ns)
    )
    assert values, f"no enumeration {type_name} in {TCL_XSD.name}"
    ours = codelists.get(list_id)
    assert ours.codes() <= values, sorted(ours.codes() - values)
    if ours.complete:
        assert ours.codes() == values
