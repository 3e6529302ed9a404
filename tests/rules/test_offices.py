"""Office rules beyond their declared cases (those live beside each rule in ncts5/rules/offices.py).

R0904 needs CL553 (MSCountry), which the official reference data does not carry: with the packaged
lists it can only be *not checked*, so its firing example runs here with CL553 imported into a
private data directory.  C0394 (filed in places.py) keeps its property over every qualifier here.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from ncts5 import codelists
from ncts5.messages import cc015c, cc170c
from ncts5.rules.cases import failures
from ncts5.rules.declaration import Fires, Silent
from ncts5.rules.examples import T1_ROAD
from ncts5.rules.registry import get
from tests.rules.conftest import fires, silent

# ------------------------------------------------------------------------------ R0904 (CL553 imported)


@pytest.fixture
def member_states(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A private data directory with (part of) CL553, the Union member states, imported."""
    monkeypatch.setenv(codelists.ENV_VAR, str(tmp_path / "ncts5-data"))
    codelists.reload()
    path = tmp_path / "CL553.csv"
    codes = ["AT", "DE", "ES", "FR", "IT", "NL"]  # enough member states for the examples
    path.write_text("code,description\n" + "".join(f"{c},{c}\n" for c in codes), encoding="utf-8")
    codelists.import_list(path, "CL553")
    yield
    monkeypatch.undo()
    codelists.reload()


def _from_to(departure: str, destination: str) -> Any:
    def change(m: cc015c.CC015C) -> None:
        m.customs_office_of_departure.reference_number = departure
        m.customs_office_of_destination_declared.reference_number = destination

    change.__name__ = f"from_{departure}_to_{destination}"
    return change


@pytest.mark.usefixtures("member_states")
@pytest.mark.parametrize("departure", ["AD000001", "SM000100"])
def test_r0904_fires_for_a_destination_outside_the_member_states(departure: str) -> None:
    destination = "/CC015C/CustomsOfficeOfDestinationDeclared/referenceNumber"
    cases = (
        Fires(T1_ROAD, _from_to(departure, "CH001234"), at=destination, code=14, says="Union member state"),
        Silent(T1_ROAD, _from_to(departure, "ES000100")),
    )
    assert failures(replace(get("R0904"), cases=cases)) == []


# ------------------------------------------------------------------------------ C0394 over every qualifier

LOCATION_PARTS: dict[str, tuple[str, Any]] = {
    "T": ("PostcodeAddress", {"postcode": "20457", "country": "DE"}),
    "U": ("UNLocode", "DEHAM"),
    "V": ("CustomsOffice", {"referenceNumber": "DE004058"}),
    "W": ("GNSS", {"latitude": "53.54100", "longitude": "9.98400"}),
    "X": ("EconomicOperator", {"identificationNumber": "DE123456789012345"}),
    "Y": ("authorisationNumber", "DEACE1234567890"),
    "Z": ("Address", {"streetAndNumber": "Am Hafen 12", "city": "Hamburg", "country": "DE"}),
}


def set_location(msg: Any, qualifier: str, *parts: str) -> None:
    """Replace LOCATION OF GOODS by one with ``qualifier`` and the parts named by their XML names."""
    module = cc015c if msg.root_name == "CC015C" else cc170c
    data: dict[str, Any] = {"typeOfLocation": "B", "qualifierOfIdentification": qualifier}
    by_name = dict(LOCATION_PARTS.values())
    for part in parts:
        data[part] = by_name[part]
    msg.consignment.location_of_goods = module.LocationOfGoods.model_validate(data)


@pytest.mark.parametrize("qualifier", sorted(LOCATION_PARTS))
@pytest.mark.parametrize("fixture", ["t1", "ie170"])
def test_c0394_silent_with_exactly_the_part_the_qualifier_names(request, fixture, qualifier):
    msg = request.getfixturevalue(fixture)
    set_location(msg, qualifier, LOCATION_PARTS[qualifier][0])
    silent(msg, "C0394")


@pytest.mark.parametrize("qualifier", sorted(LOCATION_PARTS))
def test_c0394_requires_the_part_the_qualifier_names(t1, qualifier):
    set_location(t1, qualifier)
    (finding,) = fires(t1, "C0394")
    assert finding.path == f"/CC015C/Consignment/LocationOfGoods/{LOCATION_PARTS[qualifier][0]}"
    assert finding.error_code == 13
