"""The public HMRC validator samples: what ``ncts5 validate`` says about each, and lossless round trips.

Four samples are XSD-invalid (``messageSender`` missing, empty or too long); five
are XSD-valid (two of them rejected by HMRC for business reasons only).  The
samples are test data, not perfect declarations, so DDNTA rule findings on the
valid ones are expected; what matters here is the schema verdict.
"""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

import pytest

import ncts5
from ncts5.cli import main
from tests.conftest import SAMPLES, XSD_DIR, canonical, need_shared

XSD_INVALID = {
    "cc015c-invalid.xml": "/CC015C/messageSender",
    "cc015c-invalid-message-sender.xml": "/CC015C/messageSender",
    "cc170c-invalid.xml": "/CC170C/messageSender",
    "cc170c-invalid-message-sender.xml": "/CC170C/messageSender",
}
XSD_VALID = [
    "cc015c-valid.xml",
    "cc015c-valid-2.xml",
    "cc170c-valid.xml",
    "cc015c-invalid-lrn.xml",
    "cc015c-invalid-reference-departure.xml",
]


@pytest.fixture(scope="module")
def cli_results() -> dict[str, dict]:
    """``ncts5 validate --format json`` over the whole sample folder, run once, keyed by file name."""
    folder = need_shared(SAMPLES)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(["validate", "--format", "json", str(folder)])
    results = json.loads(out.getvalue())
    return {"exit": code, **{Path(r["file"]).name: r for r in results}}


def test_the_sample_folder_exits_1(cli_results):
    assert cli_results["exit"] == 1
    assert set(cli_results) - {"exit"} == set(XSD_INVALID) | set(XSD_VALID)


@pytest.mark.parametrize("name", sorted(XSD_INVALID))
def test_xsd_invalid_samples_give_schema_findings_naming_message_sender(cli_results, name):
    result = cli_results[name]
    assert result["valid"] is False
    assert result["message"] == name[:6].upper()
    assert {f["rule"] for f in result["findings"]} == {"SCHEMA"}
    assert XSD_INVALID[name] in [f["path"] for f in result["findings"]]
    assert all(f["severity"] == "error" for f in result["findings"])


@pytest.mark.parametrize("name", XSD_VALID)
def test_xsd_valid_samples_parse_without_schema_findings(cli_results, name):
    result = cli_results[name]
    assert result["message"] == name[:6].upper()
    assert not [f for f in result["findings"] if f["rule"] in ("PARSE", "SCHEMA")]


@pytest.mark.parametrize("name", XSD_VALID)
def test_xsd_valid_samples_round_trip_losslessly(name, xsd_schemas):
    raw = need_shared(SAMPLES / name).read_bytes()
    assert xsd_schemas[name[:6].upper()].is_valid(raw)
    message = ncts5.from_xml(raw)
    out = message.to_xml()
    assert canonical(out) == canonical(raw)
    assert xsd_schemas[message.root_name].is_valid(out)
    again = ncts5.from_xml(out)
    assert again == message
    assert again.to_xml() == out


@pytest.mark.parametrize("name", sorted(XSD_INVALID))
def test_xsd_invalid_samples_are_invalid_for_xmlschema_and_ncts5(name, xsd_schemas):
    path = need_shared(SAMPLES / name)
    assert not xsd_schemas[name[:6].upper()].is_valid(path.read_bytes())
    with pytest.raises(ncts5.SchemaError) as info:
        ncts5.from_xml(path)
    assert any(p.path == XSD_INVALID[name] for p in info.value.problems)
    assert info.value.source == str(path)


def test_official_xsd_cross_check_agrees_on_every_sample(capsys):
    need_shared(SAMPLES)
    code = main(["validate", "--format", "json", "--xsd", str(need_shared(XSD_DIR)), str(SAMPLES)])
    assert code == 1
    for r in json.loads(capsys.readouterr().out):
        name = Path(r["file"]).name
        official = [f for f in r["findings"] if f["message"].startswith("official XSD")]
        if name in XSD_INVALID:
            assert official and all("messageSender" in f["message"] for f in official), name
        else:
            assert not official, name
