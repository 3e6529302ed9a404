"""Phase 6 coded fields are checked against the packaged official lists, as Phase 5's are.

The Phase 6 models name the same CSRD2 lists (a list keeps its number across releases); the Phase 6
production code-list overview says which lists NCTS-P6 uses.  Every list a Phase 6 field names must be
in that overview and packaged, so no Phase 6 coded field goes unchecked for want of data.
"""

from __future__ import annotations

import csv

import ncts5
from ncts5.codelists import packaged
from ncts5.codelists.catalogue import OFFICE_LISTS
from ncts5.messages.catalogue import messages
from ncts5.messages.meta import XmlModel
from ncts5.rules import examples
from tests.conftest import EXAMPLES, REFERENCE, need_shared

OVERVIEW = REFERENCE / "ddnta-q2-p6" / "CodeListOverview-2025-07-01-PROD.csv"


def _lists(model: type[XmlModel], found: set[str]) -> set[str]:
    for child in model.__xml_children__:
        if child.model is not None:
            _lists(child.model, found)
        elif child.item.codelist:
            found.add(child.item.codelist)
    return found


PHASE6_LISTS = sorted(set().union(*(_lists(m.model(), set()) for m in messages("6"))))


def test_every_list_of_a_phase6_field_is_in_the_phase6_overview_and_packaged() -> None:
    with need_shared(OVERVIEW).open(encoding="utf-8") as f:
        in_production = {row["CL_NUMBER"] for row in csv.DictReader(f) if row["APPLICABILITY"] == "NCTS-P6"}
    assert PHASE6_LISTS and set(PHASE6_LISTS) <= in_production
    unshipped = [
        cl for cl in PHASE6_LISTS if cl not in OFFICE_LISTS and cl != "CL141" and cl not in packaged.packaged_ids()
    ]
    assert unshipped == []


def test_a_bad_code_in_a_phase6_message_is_a_code_list_finding() -> None:
    message = examples.load(examples.T1_ROAD, "6")
    message.consignment.country_of_destination = "XY"  # type: ignore[attr-defined]
    report = ncts5.validate(message)
    found = [(f.rule, f.path, f.error_code) for f in report.findings if f.rule == "CL008"]
    assert found == [("CL008", "/CC015C/Consignment/countryOfDestination", 12)]


def test_phase6_examples_leave_no_code_list_unchecked() -> None:
    for name in ("t1-road.xml", "ie170-presentation.xml"):
        report = ncts5.validate(EXAMPLES / "phase6" / name)
        assert not [n for n in report.not_checked if n.rule.startswith("CL")], name
