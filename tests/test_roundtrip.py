"""Reading and writing XML loses nothing, and everything written is schema-valid."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

import ncts5
from ncts5.testing import cc015c, cc170c
from tests.conftest import EXAMPLES, SAMPLES, canonical, need_shared

VALID_SAMPLES = [
    "cc015c-valid.xml",
    "cc015c-valid-2.xml",
    "cc170c-valid.xml",
    "cc015c-invalid-lrn.xml",
    "cc015c-invalid-reference-departure.xml",
]
EXAMPLE_FILES = sorted(p.name for p in EXAMPLES.glob("*.xml"))
PROPERTY = settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))


@pytest.mark.parametrize("name", VALID_SAMPLES)
def test_public_samples_round_trip_losslessly(name, xsd_schemas):
    raw = need_shared(SAMPLES / name).read_bytes()
    message = ncts5.from_xml(raw)
    out = message.to_xml()
    assert canonical(out) == canonical(raw)
    xsd_schemas[message.root_name].validate(out)


@pytest.mark.parametrize("name", EXAMPLE_FILES)
def test_examples_round_trip_and_are_schema_valid(name, xsd_schemas):
    raw = (EXAMPLES / name).read_bytes()
    message = ncts5.from_xml(raw)
    out = message.to_xml()
    assert canonical(out) == canonical(raw)
    xsd_schemas[message.root_name].validate(out)


def test_output_format_is_utf8_with_declaration_and_ncts_prefix():
    out = ncts5.from_xml(EXAMPLES / "t1-road.xml").to_xml()
    assert out.startswith(b"<?xml version='1.0' encoding='UTF-8'?>")
    assert b'<ncts:CC015C xmlns:ncts="http://ncts.dgtaxud.ec"' in out


def test_xsi_schema_location_on_the_root_survives_a_round_trip():
    raw = need_shared(SAMPLES / "cc015c-valid-2.xml").read_bytes()
    assert b"schemaLocation" in ncts5.from_xml(raw).to_xml()


def test_whitespace_is_normalised_as_the_schema_does(xsd_schemas):
    # messageSender is an xs:token: the schema collapses its whitespace before checking it
    raw = (EXAMPLES / "t1-road.xml").read_bytes()
    spaced = raw.replace(b"<messageSender>DE123", b"<messageSender>\n  DE123")
    assert xsd_schemas["CC015C"].is_valid(spaced)
    assert ncts5.from_xml(spaced).message_sender == "DE123456789012345"
    # LRN is a normalizedString whose pattern forbids leading spaces: both ncts5 and the XSD refuse it
    padded = raw.replace(b"<LRN>DE26", b"<LRN>  DE26")
    assert not xsd_schemas["CC015C"].is_valid(padded)
    with pytest.raises(ncts5.SchemaError, match="LRN"):
        ncts5.from_xml(padded)


@PROPERTY
@given(cc015c())
def test_generated_cc015c_is_schema_valid_and_round_trips(xsd_schemas, message):
    out = message.to_xml()
    xsd_schemas["CC015C"].validate(out)
    again = ncts5.from_xml(out)
    assert again == message
    assert again.to_xml() == out


@PROPERTY
@given(cc170c())
def test_generated_cc170c_is_schema_valid_and_round_trips(xsd_schemas, message):
    out = message.to_xml()
    xsd_schemas["CC170C"].validate(out)
    again = ncts5.from_xml(out)
    assert again == message
    assert again.to_xml() == out
