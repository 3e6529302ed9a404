"""Phase 6 XML (schema 60.4.16) as for Phase 5: lossless round trips, output valid against 60.4.16."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

import ncts5
from ncts5.testing import cc015c, cc170c
from tests.conftest import EXAMPLES, canonical

PHASE6_EXAMPLES = sorted(p.name for p in (EXAMPLES / "phase6").glob("*.xml"))
PROPERTY = settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck))


@pytest.mark.parametrize("name", PHASE6_EXAMPLES)
def test_phase6_examples_are_valid_against_60_4_16_and_round_trip(name, xsd_schemas_p6):
    raw = (EXAMPLES / "phase6" / name).read_bytes()
    xsd_schemas_p6[ncts5.from_xml(raw).root_name].validate(raw)
    message = ncts5.from_xml(raw)
    assert message.release == "6"
    out = message.to_xml()
    assert canonical(out) == canonical(raw)
    xsd_schemas_p6[message.root_name].validate(out)


def test_the_hmrc_mrn_extension_of_ie170_round_trips(xsd_schemas_p6):
    raw = (EXAMPLES / "phase6" / "ie170-presentation.xml").read_bytes()
    with_mrn = raw.replace(b"</LRN>", b"</LRN>\n    <MRN>26DE123456789012J8</MRN>", 1)
    xsd_schemas_p6["CC170C"].validate(with_mrn)
    message = ncts5.from_xml(with_mrn)
    assert message.transit_operation.mrn == "26DE123456789012J8"
    assert canonical(message.to_xml()) == canonical(with_mrn)


@PROPERTY
@given(cc015c(release="6"))
def test_generated_phase6_cc015c_is_valid_against_60_4_16_and_round_trips(xsd_schemas_p6, message):
    out = message.to_xml()
    xsd_schemas_p6["CC015C"].validate(out)
    again = ncts5.from_xml(out)
    assert again.release == "6" and again == message


@PROPERTY
@given(cc170c(release="6"))
def test_generated_phase6_cc170c_is_valid_against_60_4_16_and_round_trips(xsd_schemas_p6, message):
    out = message.to_xml()
    xsd_schemas_p6["CC170C"].validate(out)
    again = ncts5.from_xml(out)
    assert again.release == "6" and again == message
