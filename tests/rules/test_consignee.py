"""The consignee rules together: one clear finding for the user's case, none on the examples.

Each rule's own cases are declared beside it in ``ncts5/rules/consignee.py``; these tests look at
the whole report, across rules.
"""

from __future__ import annotations

import pytest

import ncts5
from ncts5 import codelists
from ncts5.messages import cc015c as m
from tests.rules.conftest import load

CONSIGNEE_RULES = ("C0001", "R3060", "R3061", "R3062", "G0001", "B1820", "B1821", "B1822", "B1877", "B2400")


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    """A code list data directory of the test's own: packaged lists only, nothing the user imported."""
    monkeypatch.setenv(codelists.ENV_VAR, str(tmp_path / "data"))
    codelists.reload()
    yield
    codelists.reload()  # lazy: the next lookup reads the restored environment


@pytest.mark.usefixtures("data_dir")
def test_code_30600_next_to_a_consignment_consignee_gives_one_clear_finding(t1):
    """T1 to NL, consignee at consignment level, plus code 30600: only R3060, at the code.

    Out of the box: only the code lists ncts5 packages, nothing imported.
    """
    baseline = {(f.rule, f.path) for f in ncts5.validate(load("t1-road.xml")).findings}
    t1.consignment.additional_information = [
        m.ConsignmentAdditionalInformation(sequence_number=1, code="30600", text="to order, blank endorsed")
    ]
    report = ncts5.validate(t1)
    new = [f for f in report.findings if (f.rule, f.path) not in baseline]
    assert [(f.rule, f.path, f.error_code) for f in new] == [
        ("R3060", "/CC015C/Consignment/AdditionalInformation[1]/code", 14)
    ]
    (finding,) = new
    assert finding.severity == "error"
    assert finding.value == "30600"
    assert "NL" in finding.message
    assert finding.message.endswith("remove this 12 02 000 000 ADDITIONAL INFORMATION")
    assert not [n for n in report.not_checked if n.rule in CONSIGNEE_RULES]


def test_consignee_rules_silent_on_every_example(t1, tir, ie170):
    for msg in (t1, tir, ie170):
        for phase in ("final", "transition"):
            assert not [str(f) for f in ncts5.validate(msg, phase=phase).findings if f.rule in CONSIGNEE_RULES]
