"""``ncts5.testing.valid_declarations()``: realistic IE015 declarations with no error finding.

The property tests validate against the packaged code lists only (a private, empty data
directory), so what a developer imported on their machine cannot change the outcome; one test
imports the official reference data snapshot from ``../shared`` as well, where the code lists
ncts5 does not package (customs offices and their roles, HS codes, package kinds, UN/LOCODEs,
document types) are checked too.
"""

from __future__ import annotations

import gzip
import json
import re
import subprocess
import sys
import tomllib
from collections.abc import Callable, Iterator
from fnmatch import fnmatch
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, find, given, note, settings
from hypothesis import strategies as st

import ncts5
from ncts5 import codelists
from ncts5.checkdigits import iso6346_check_digit
from ncts5.messages.cc015c import CC015C
from ncts5.report import Report
from ncts5.testing import valid_declarations
from ncts5.testing.identifiers import container_number, export_mrns, grns, imo_number
from ncts5.testing.tables import (
    ADDITIONAL_REFERENCES,
    BORDER_MEANS_TYPES,
    BULK,
    COUNTRIES,
    CTC_COUNTRIES,
    GOODS,
    MEANS_TYPES,
    OFFICES,
    POSTCODE_ADDRESS_COUNTRIES,
    ROUTES,
    SUPPORTING_DOCUMENTS,
    THIRD_COUNTRIES,
    TRANSPORT_DOCUMENTS,
    UNPACKED,
)
from tests.conftest import REFERENCE, ROOT, need_shared

PHASES = ("final", "transition")
PROPERTY = settings(max_examples=30, deadline=None)
SLOW = settings(max_examples=4, deadline=None)
#: Searching stops at the first match: no shrinking, which would take minutes on examples this size.
SEARCH = settings(
    max_examples=3000,
    deadline=None,
    database=None,
    phases=[Phase.generate],
    suppress_health_check=[HealthCheck.too_slow],
)
CSRD = REFERENCE / "csrd2"


@pytest.fixture(scope="module", autouse=True)
def packaged_lists_only(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Validate with the packaged code lists only, whatever is imported on this machine."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(codelists.ENV_VAR, str(tmp_path_factory.mktemp("ncts5-data")))
        codelists.reload()
        yield
    codelists.reload()


def check(msg: CC015C, phase: str) -> Report:
    """Validate and assert the strategy's promise, listing every error finding when it is broken."""
    report = ncts5.validate(msg, phase=phase)
    if not report.ok:
        note(msg.to_xml().decode())
    assert report.ok, "error findings:\n" + "\n".join(f"  {f}" for f in report.errors)
    crashed = [n for n in report.not_checked if "internal error" in n.reason]
    assert not crashed, crashed
    return report


# ---------------------------------------------------------------------------------------- the promise


@pytest.mark.parametrize("phase", PHASES)
@PROPERTY
@given(data=st.data())
def test_every_declaration_has_no_error_finding(phase: str, data: st.DataObject) -> None:
    check(data.draw(valid_declarations(phase=phase), label="declaration"), phase)


@pytest.mark.parametrize("phase", PHASES)
@SLOW
@given(data=st.data())
def test_declarations_are_valid_against_the_official_schema(phase: str, data: st.DataObject, xsd_schemas) -> None:
    msg = data.draw(valid_declarations(phase=phase), label="declaration")
    xsd_schemas["CC015C"].validate(msg.to_xml())


@pytest.mark.parametrize("phase", PHASES)
@PROPERTY
@given(data=st.data())
def test_declarations_round_trip_through_xml(phase: str, data: st.DataObject) -> None:
    msg = data.draw(valid_declarations(phase=phase), label="declaration")
    assert ncts5.from_xml(msg.to_xml()) == msg


@PROPERTY
@given(data=st.data())
def test_phase6_declarations_have_no_error_finding_under_the_phase6_rules(data: st.DataObject) -> None:
    """The same declarations in their Phase 6 form: read as release 6, and the Phase 6 catalogue finds no error.

    A Phase 6 rule that refused what DDNTA 6.4.1 allows (a false rejection) shows up here.
    """
    msg = data.draw(valid_declarations(release="6"), label="declaration")
    assert msg.release == "6" and msg.phase_id == "NCTS6"
    report = check(msg, "final")  # type: ignore[arg-type]
    assert report.release == "6"
    assert ncts5.from_xml(msg.to_xml()) == msg


@SLOW
@given(data=st.data())
def test_phase6_declarations_are_valid_against_the_60_4_16_schema(data: st.DataObject, xsd_schemas_p6) -> None:
    xsd_schemas_p6["CC015C"].validate(data.draw(valid_declarations(release="6"), label="declaration").to_xml())


def test_phase6_has_no_transition_declarations() -> None:
    with pytest.raises(ValueError, match="no transition period"):
        valid_declarations(phase="transition", release="6")
    with pytest.raises(ValueError, match="release must be"):
        valid_declarations(release="7")  # type: ignore[call-overload]


def test_unknown_phase_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown phase"):
        valid_declarations(phase="phase4")


# ---------------------------------------------------------------------------------------- variety


@pytest.mark.parametrize("phase", PHASES)
def test_the_strategy_varies(phase: str) -> None:
    seen: list[CC015C] = []

    @settings(max_examples=50, deadline=None, database=None)
    @given(valid_declarations(phase=phase))
    def collect(msg: CC015C) -> None:
        seen.append(msg)

    collect()
    kinds = {m.transit_operation.declaration_type for m in seen}
    item_counts = {sum(len(h.consignment_item) for h in m.consignment.house_consignment) for m in seen}
    securities = {m.transit_operation.security for m in seen}
    routes = {
        (
            m.customs_office_of_departure.reference_number[:2],
            m.customs_office_of_destination_declared.reference_number[:2],
        )
        for m in seen
    }
    assert len(kinds) > 1, kinds
    assert len(item_counts) > 1, item_counts
    assert len(securities) > 1, securities
    assert len(routes) > 3, routes
    if phase == "final":
        assert len({len(m.consignment.house_consignment) for m in seen}) > 1


def _items(msg: CC015C) -> list[Any]:
    return [i for h in msg.consignment.house_consignment for i in h.consignment_item]


def _transit_countries(msg: CC015C) -> set[str]:
    return {o.reference_number[:2] for o in msg.customs_office_of_transit_declared}


#: Situations the strategy must be able to produce (each one exercises rules the others do not).
SITUATIONS: dict[str, tuple[str, Callable[[CC015C], bool]]] = {
    "mixed T with a T2 goods item and an office of transit": (
        "final",
        lambda m: (
            m.transit_operation.declaration_type == "T"
            and {"T1", "T2"} <= {i.declaration_type for i in _items(m)}
            and bool(m.customs_office_of_transit_declared)
        ),
    ),
    "TIR under carnet, guarantee B": (
        "final",
        lambda m: m.transit_operation.tir_carnet_number is not None and m.guarantee[0].guarantee_type == "B",
    ),
    "three house consignments with several goods items": (
        "final",
        lambda m: len(m.consignment.house_consignment) == 3 and len(_items(m)) >= 6,
    ),
    "entry and exit summary declaration (security 3) with border transport means": (
        "final",
        lambda m: (
            m.transit_operation.security == "3"
            and bool(m.consignment.active_border_transport_means)
            and m.consignment.place_of_unloading is not None
        ),
    ),
    "to Switzerland through an office of transit there": (
        "final",
        lambda m: (
            m.customs_office_of_destination_declared.reference_number.startswith("CH") and "CH" in _transit_countries(m)
        ),
    ),
    "from Switzerland into the Union, T2 goods proving their status": (
        "final",
        lambda m: (
            m.customs_office_of_departure.reference_number.startswith("CH")
            and any(i.previous_document and i.previous_document[0].type in ("N825", "C620", "N822") for i in _items(m))
        ),
    ),
    "export followed by transit, export MRN per house consignment": (
        "final",
        lambda m: any(
            h.previous_document and h.previous_document[0].type == "N830" for h in m.consignment.house_consignment
        ),
    ),
    "exit summary declaration with an office of exit for transit": (
        "final",
        lambda m: bool(m.customs_office_of_exit_for_transit_declared),
    ),
    "consignee unknown (30600) for goods exported to a third country": (
        "final",
        lambda m: (
            any(ai.code == "30600" for ai in m.consignment.additional_information)
            or any(ai.code == "30600" for h in m.consignment.house_consignment for ai in h.additional_information)
        ),
    ),
    "goods item packed in another item's packages": (
        "final",
        lambda m: any(p.number_of_packages == 0 for i in _items(m) for p in i.packaging),
    ),
    "voucher guarantee with a 24-character GRN": (
        "final",
        lambda m: any(g.guarantee_type == "4" for g in m.guarantee),
    ),
    "containers with seals and goods references": (
        "final",
        lambda m: (
            len(m.consignment.transport_equipment) > 1
            and all(te.container_identification_number for te in m.consignment.transport_equipment)
        ),
    ),
    "transition: export MRN on the goods item": (
        "transition",
        lambda m: any(d.type == "N830" for i in _items(m) for d in i.previous_document),
    ),
    "transition: a consignee per goods item": (
        "transition",
        lambda m: len(_items(m)) > 1 and all(i.consignee is not None for i in _items(m)),
    ),
    "transition: consignee unknown (30600) on a goods item, the others with their consignee": (
        "transition",
        lambda m: (
            any(ai.code == "30600" for i in _items(m) for ai in i.additional_information)
            and any(i.consignee is not None for i in _items(m))
        ),
    ),
    "transition: TIR with its country of dispatch": (
        "transition",
        lambda m: (
            m.transit_operation.declaration_type == "TIR"
            and (m.consignment.country_of_dispatch is not None or all(i.country_of_dispatch for i in _items(m)))
        ),
    ),
    "transition: security data, no UCR, transport document on the first item": (
        "transition",
        lambda m: (
            m.transit_operation.security != "0"
            and m.consignment.reference_number_ucr is None
            and bool(_items(m)[0].transport_document)
        ),
    ),
}


@pytest.mark.parametrize("situation", SITUATIONS)
def test_the_strategy_reaches(situation: str) -> None:
    phase, condition = SITUATIONS[situation]
    msg = find(valid_declarations(phase=phase), condition, settings=SEARCH)
    check(msg, phase)


# ---------------------------------------------------------------------------------------- identifiers


@given(export_mrns("DE", 2026))
def test_export_mrns_carry_the_check_digit_the_rules_expect(mrn: str) -> None:
    assert re.fullmatch(r"26DE[A-Z0-9]{12}[ABE][0-9]", mrn)
    assert mrn[17] == iso6346_check_digit(mrn[:17])


@given(grns("PL", 2025), grns("PL", 2025, voucher=True))
def test_grns_have_17_or_24_characters(grn: str, voucher: str) -> None:
    assert re.fullmatch(r"25PL[A-Z0-9]{12}[0-9]", grn)
    assert re.fullmatch(r"25PL[A-Z0-9]{12}[0-9][A-Z][0-9]{6}", voucher)
    assert grn[16] == iso6346_check_digit(grn[:16]) and voucher[16] == iso6346_check_digit(voucher[:16])


def test_container_and_imo_numbers_end_with_their_check_digit() -> None:
    assert container_number("CSQU", 305438) == "CSQU3054383"  # the ISO 6346 example
    assert imo_number(7472) == "IMO9074729"


# ---------------------------------------------------------------------------------------- the package


def test_every_data_file_says_what_it_holds_and_where_it_comes_from_and_is_shipped() -> None:
    data = Path(ncts5.__file__).parent / "testing" / "data"
    files = sorted(data.glob("*"))
    names = ("codes", "countries", "goods", "names", "offices", "routes")
    assert {f.name for f in files} == {f"{n}.json" for n in names}
    package_data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    shipped = package_data["package-data"]["ncts5"]
    for f in files:
        head = json.loads(f.read_text(encoding="utf-8"))
        assert head["about"] and head["source"], f.name
        assert any(fnmatch(f"testing/data/{f.name}", pattern) for pattern in shipped), f"{f.name} is not package data"


def test_importing_the_strategies_needs_only_hypothesis() -> None:
    # what `pip install 'ncts5[testing]'` installs: no pytest, no xmlschema
    code = "import sys; sys.modules['pytest'] = sys.modules['xmlschema'] = None; import ncts5.testing; print('ok')"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert run.stdout.strip() == "ok", run.stderr


# ---------------------------------------------------------------------------------------- real data


def _official() -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    rd = json.loads(gzip.decompress(need_shared(CSRD / "RD_NCTS-P5.json.gz").read_bytes()))["lists"]
    col = json.loads(gzip.decompress(need_shared(CSRD / "COL-Generic-20250212.json.gz").read_bytes()))["lists"]

    def codes(name: str, key: str = "code") -> set[str]:
        return {e[key] for e in rd[name]["listEntries"] if e["state"] == "valid"}

    lists = {
        "HScode": codes("HScode"),
        "KindOfPackages": codes("KindOfPackages"),
        "UnDangerousGoodsCode": codes("UnDangerousGoodsCode"),
        "UnLocodeExtended": codes("UnLocodeExtended", "unLocodeExtendedCode"),
        "CurrencyCodes": codes("CurrencyCodes", "currency"),
        "CountryAddressPostcodeBased": codes("CountryAddressPostcodeBased"),
        "SupportingDocumentType": codes("SupportingDocumentType"),
        "TransportDocumentType": codes("TransportDocumentType"),
        "AdditionalReference": codes("AdditionalReference", "documentType"),
        "KindOfPackagesBulk": codes("KindOfPackagesBulk"),
        "KindOfPackagesUnpacked": codes("KindOfPackagesUnpacked"),
        "CountryCodesCommonTransit": codes("CountryCodesCommonTransit"),
        "CountryCodesCommunity": codes("CountryCodesCommunity"),
        "TypeOfIdentificationOfMeansOfTransport": codes("TypeOfIdentificationOfMeansOfTransport", "type"),
        "TypeOfIdentificationofMeansOfTransportActive": codes("TypeOfIdentificationofMeansOfTransportActive", "code"),
    }
    roles: dict[str, set[str]] = {}
    for e in col["customsOffices"]["listEntries"]:
        if e["state"] == "valid":
            roles.setdefault(e["id"], set()).update(r["role"] for r in e["roles"])
    return lists, roles


def test_value_tables_hold_real_reference_data() -> None:
    lists, roles = _official()
    for office in OFFICES.values():
        assert office.roles <= roles.get(office.ref, set()), office
    for route in ROUTES:
        assert all("DEP" in OFFICES[ref].roles for ref in route.departure), route
        assert all("DES" in OFFICES[ref].roles for ref in route.destination), route
        assert all("TRA" in OFFICES[ref].roles for ref in route.transit), route
        assert all("TXT" in OFFICES[ref].roles for ref in route.exit), route
        assert len({ref[:2] for ref in route.departure}) == len({ref[:2] for ref in route.destination}) == 1
    for goods in GOODS:
        assert goods.hs in lists["HScode"], goods
        assert set(goods.packages) <= lists["KindOfPackages"], goods
        assert goods.un is None or goods.un in lists["UnDangerousGoodsCode"], goods
    for country in COUNTRIES.values():
        assert {s.unlocode for s in country.sites} <= lists["UnLocodeExtended"], country.code
    # guarantee currencies: the euro or that of the country of departure
    assert {COUNTRIES[ref[:2]].currency for ref in OFFICES} <= lists["CurrencyCodes"]
    assert set(POSTCODE_ADDRESS_COUNTRIES) <= lists["CountryAddressPostcodeBased"]
    assert set(SUPPORTING_DOCUMENTS) <= lists["SupportingDocumentType"]
    assert {t for kinds in TRANSPORT_DOCUMENTS.values() for t in kinds} <= lists["TransportDocumentType"]
    assert set(ADDITIONAL_REFERENCES) <= lists["AdditionalReference"]
    assert lists["KindOfPackagesBulk"] == BULK
    assert lists["KindOfPackagesUnpacked"] == UNPACKED
    assert not CTC_COUNTRIES - (lists["CountryCodesCommonTransit"] - lists["CountryCodesCommunity"])
    assert not THIRD_COUNTRIES & lists["CountryCodesCommonTransit"]
    assert {t for kinds in MEANS_TYPES.values() for t in kinds} <= lists["TypeOfIdentificationOfMeansOfTransport"]
    assert set(BORDER_MEANS_TYPES.values()) <= lists["TypeOfIdentificationofMeansOfTransportActive"]


@pytest.fixture(scope="module")
def official_reference_data(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A data directory with the official snapshot imported (about two seconds)."""
    rd, col = need_shared(CSRD / "RD_NCTS-P5.json.gz"), need_shared(CSRD / "COL-Generic-20250212.json.gz")
    folder = tmp_path_factory.mktemp("official")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(codelists.ENV_VAR, str(folder))
        codelists.reload()
        codelists.import_reference_data(rd)
        codelists.import_reference_data(col)
        yield folder
    codelists.reload()


@pytest.mark.parametrize("phase", PHASES)
def test_no_error_finding_with_the_official_reference_data(phase: str, official_reference_data: Path) -> None:
    @settings(max_examples=15, deadline=None, database=None)
    @given(valid_declarations(phase=phase))
    def validate(msg: CC015C) -> None:
        check(msg, phase)

    validate()
