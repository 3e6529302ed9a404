"""The cases the issues ask a new user to try: each gives the clear finding(s) it should, nothing else."""

from __future__ import annotations

import ncts5
from tests.conftest import EXAMPLES


def errors(message) -> list[ncts5.Finding]:
    return [f for f in ncts5.validate(message).findings if f.severity == "error"]


def test_tir_with_reduced_data_set_gives_one_r0849():
    m = ncts5.from_xml(EXAMPLES / "tir.xml")
    m.transit_operation.reduced_dataset_indicator = "1"
    (finding,) = errors(m)
    assert finding.rule == "R0849"
    assert finding.path == "/CC015C/TransitOperation/reducedDatasetIndicator"
    assert "set 11 08 000 000 Reduced dataset indicator to 0" in finding.message


def test_guarantee_type_1_without_grn_gives_one_c0086():
    m = ncts5.from_xml(EXAMPLES / "t1-road.xml")
    m.guarantee[0].guarantee_reference[0].grn = None
    (finding,) = errors(m)
    assert (finding.rule, finding.error_code) == ("C0086", 13)
    assert finding.path == "/CC015C/Guarantee[1]/GuaranteeReference[1]/GRN"


def test_consignee_unknown_next_to_a_consignee_gives_one_finding():
    from ncts5.messages.cc015c import ConsignmentAdditionalInformation

    m = ncts5.from_xml(EXAMPLES / "t1-road.xml")
    m.consignment.additional_information = [ConsignmentAdditionalInformation(sequence_number=1, code="30600")]
    (finding,) = errors(m)
    assert finding.rule in {"R3060", "C0001", "R3061", "R3062"}
    assert finding.path.startswith("/CC015C/Consignment/AdditionalInformation[1]")


def test_wrong_codes_give_three_code_list_findings_without_any_import(tmp_path, monkeypatch):
    monkeypatch.setenv("NCTS5_DATA_DIR", str(tmp_path))  # nothing imported
    from ncts5 import codelists

    codelists.reload()
    raw = (EXAMPLES / "t1-road.xml").read_bytes()
    raw = raw.replace(b"<declarationType>T1<", b"<declarationType>T3<")
    raw = raw.replace(b"<guaranteeType>1<", b"<guaranteeType>7<")
    raw = raw.replace(b"<currency>EUR<", b"<currency>XXX<")
    report = ncts5.validate(raw)
    assert sorted(f.rule for f in report.errors) == ["CL048", "CL231", "CL251"]
    assert all(f.error_code == 12 for f in report.errors)
    codelists.reload()
