"""The generated models type-check for users: mypy --strict with and without the pydantic plugin, and pyright.

A user builds messages by Python field names (``message_sender=...``) and leaves optional fields
out; the XML names are validation and serialization aliases, which type checkers do not treat
as ``__init__`` parameter names.  A script doing that must pass each checker with zero errors,
and a script with real mistakes must fail each of them where the mistakes are: both, so that a
pass cannot come from a checker that saw only ``Any``.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import ncts5

USER_SCRIPT = '''
"""A user's script: build an IE015 by Python field names, optional fields left out, write, read back."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import ncts5
from ncts5 import CC015C, Report
from ncts5.messages.cc015c import (
    Commodity,
    CommodityCode,
    Consignment,
    ConsignmentItem,
    CustomsOfficeOfDeparture,
    CustomsOfficeOfDestinationDeclared,
    GoodsMeasure,
    Guarantee,
    GuaranteeReference,
    HolderOfTheTransitProcedure,
    HolderOfTheTransitProcedureAddress,
    HouseConsignment,
    Packaging,
    TransitOperation,
)


def build() -> CC015C:
    item = ConsignmentItem(
        goods_item_number=1,
        declaration_goods_item_number=1,
        commodity=Commodity(
            description_of_goods="Hydraulic pumps",
            commodity_code=CommodityCode(harmonized_system_sub_heading_code="841350"),
            goods_measure=GoodsMeasure(gross_mass=Decimal("850.5")),
        ),
        packaging=[Packaging(sequence_number=1, type_of_packages="PX", number_of_packages=4, shipping_marks="NW 1-4")],
    )
    return CC015C(
        phase_id="NCTS5.1",
        message_sender="DE123456789012345",
        message_recipient="NTA.DE",
        preparation_date_and_time=datetime(2026, 3, 2, 9, 15),
        message_identification="MSG20260302-0001",
        message_type="CC015C",
        transit_operation=TransitOperation(
            lrn="DE26NCTS5EXAMPLE0001",
            declaration_type="T1",
            additional_declaration_type="A",
            security="0",
            reduced_dataset_indicator="0",
            binding_itinerary="0",
        ),
        customs_office_of_departure=CustomsOfficeOfDeparture(reference_number="DE004058"),
        customs_office_of_destination_declared=CustomsOfficeOfDestinationDeclared(reference_number="NL000854"),
        holder_of_the_transit_procedure=HolderOfTheTransitProcedure(
            identification_number="DE123456789012345",
            name="Elbe Spedition GmbH",
            address=HolderOfTheTransitProcedureAddress(street_and_number="Am Hafen 12", city="Hamburg", country="DE"),
        ),
        guarantee=[
            Guarantee(
                sequence_number=1,
                guarantee_type="1",
                guarantee_reference=[
                    GuaranteeReference(
                        sequence_number=1,
                        grn="26DE0000000000017",
                        access_code="AB12",
                        amount_to_be_covered=Decimal("12500.00"),
                        currency="EUR",
                    )
                ],
            )
        ],
        consignment=Consignment(
            container_indicator="0",
            inland_mode_of_transport="3",
            gross_mass=Decimal("850.5"),
            house_consignment=[
                HouseConsignment(sequence_number=1, gross_mass=Decimal("850.5"), consignment_item=[item])
            ],
        ),
    )


def read_back(xml: bytes) -> tuple[str, date, Decimal, int]:
    message = ncts5.from_xml(xml)
    if not isinstance(message, CC015C):
        raise TypeError("expected an IE015")
    lrn: str = message.transit_operation.lrn
    prepared: date = message.preparation_date_and_time.date()
    items = message.consignment.house_consignment[0].consignment_item
    measure = items[0].commodity.goods_measure
    mass: Decimal | None = measure.gross_mass if measure is not None else None
    number: int = items[0].goods_item_number + 1
    return lrn, prepared, (mass or Decimal(0)) + Decimal("0.5"), number


def main() -> None:
    message = build()
    report: Report = ncts5.validate(message)
    errors: list[str] = [f"{f.rule} {f.path}" for f in report.findings if f.severity == "error"]
    lrn, prepared, mass, number = read_back(message.to_xml())
    print(lrn, prepared.isoformat(), mass, number, "SCHEMA" in {e.split()[0] for e in errors})


if __name__ == "__main__":
    main()
'''

#: Mistakes every checker must catch, each on its own line, marked with the error it is.
MISTAKES_SCRIPT = """
from __future__ import annotations

from typing import Literal, TypedDict

from ncts5.messages.cc015c import CC015C, CustomsOfficeOfDeparture, GoodsMeasure, TransitOperation


class Flags(TypedDict):
    declaration_type: str
    additional_declaration_type: str
    security: str
    reduced_dataset_indicator: Literal["0", "1"]
    binding_itinerary: Literal["0", "1"]


FLAGS: Flags = {
    "declaration_type": "T1",
    "additional_declaration_type": "A",
    "security": "0",
    "reduced_dataset_indicator": "0",
    "binding_itinerary": "0",
}


def mistakes(message: CC015C) -> None:
    TransitOperation(lrn=22, **FLAGS)  # MISTAKE: int for a text field
    CustomsOfficeOfDeparture()  # MISTAKE: required field left out
    GoodsMeasure(gross_mass="850.5")  # MISTAKE: text for a decimal
    message.phase_id = "NCTS6"  # MISTAKE: not in the enumeration
    carnet: str = message.transit_operation.tir_carnet_number  # MISTAKE: optional field used as required
    name: int = message.message_sender  # MISTAKE: text is not a number
"""

MYPY_CONFIGS = {
    "without plugin": "[mypy]\nstrict = True\n",
    "with pydantic plugin": textwrap.dedent(
        """\
        [mypy]
        strict = True
        plugins = pydantic.mypy

        [pydantic-mypy]
        init_forbid_extra = True
        init_typed = True
        warn_required_dynamic_aliases = True
        """
    ),
}


def _mistake_lines(script: str) -> set[int]:
    return {n for n, line in enumerate(script.splitlines(), 1) if "# MISTAKE" in line}


def _have(module: str) -> bool:
    return importlib.util.find_spec(module) is not None


def test_the_user_script_runs(tmp_path: Path) -> None:
    # the script type-checked below is a working program, not only a well-typed one
    script = tmp_path / "user_script.py"
    script.write_text(USER_SCRIPT, encoding="utf-8")
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["DE26NCTS5EXAMPLE0001", "2026-03-02", "851.0", "2", "False"]


@pytest.fixture(scope="module")
def mypy_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One mypy cache per configuration for the module's runs: ncts5 and pydantic are analysed once."""
    return tmp_path_factory.mktemp("mypy-cache")


def _mypy(tmp_path: Path, config: str, script: str, cache: Path) -> tuple[int, list[str]]:
    (tmp_path / "mypy.ini").write_text(MYPY_CONFIGS[config], encoding="utf-8")
    (tmp_path / "script.py").write_text(script, encoding="utf-8")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--config-file",
            "mypy.ini",
            "--cache-dir",
            str(cache / config.replace(" ", "-")),
            "--no-error-summary",
            "script.py",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert not done.stderr.strip(), done.stderr  # mypy itself failed (bad config, crash)
    return done.returncode, [line for line in done.stdout.splitlines() if ": error:" in line]


@pytest.mark.skipif(not _have("mypy"), reason="mypy is not installed (pip install '.[test]')")
@pytest.mark.parametrize("config", sorted(MYPY_CONFIGS))
def test_user_script_passes_mypy_strict(tmp_path: Path, config: str, mypy_cache: Path) -> None:
    code, errors = _mypy(tmp_path, config, USER_SCRIPT, mypy_cache)
    assert errors == []
    assert code == 0


@pytest.mark.skipif(not _have("mypy"), reason="mypy is not installed (pip install '.[test]')")
@pytest.mark.parametrize("config", sorted(MYPY_CONFIGS))
def test_mypy_catches_each_mistake(tmp_path: Path, config: str, mypy_cache: Path) -> None:
    _, errors = _mypy(tmp_path, config, MISTAKES_SCRIPT, mypy_cache)
    lines = {int(m.group(1)) for e in errors if (m := re.match(r"script\.py:(\d+):", e))}
    assert lines == _mistake_lines(MISTAKES_SCRIPT), "\n".join(errors)


def _pyright(tmp_path: Path, script: str) -> dict[str, object]:
    (tmp_path / "pyrightconfig.json").write_text(json.dumps({"typeCheckingMode": "strict"}), encoding="utf-8")
    (tmp_path / "script.py").write_text(script, encoding="utf-8")
    # pyright from PyPI runs a bundled pyright on Node: a global node, or one it downloads once.
    env = {**os.environ, "PYRIGHT_PYTHON_IGNORE_WARNINGS": "1"}  # no network check for a newer pyright
    done = subprocess.run(
        [sys.executable, "-m", "pyright", "--outputjson", "--pythonpath", sys.executable, "script.py"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        env=env,
    )
    try:
        result: dict[str, object] = json.loads(done.stdout)
    except json.JSONDecodeError:
        pytest.skip(f"pyright could not run here (no Node.js and no network to fetch it?): {done.stderr[-300:]}")
    return result


def _pyright_errors(result: dict[str, object]) -> list[dict[str, object]]:
    diagnostics = result["generalDiagnostics"]
    assert isinstance(diagnostics, list)
    return [d for d in diagnostics if d["severity"] == "error"]


@pytest.mark.skipif(not _have("pyright"), reason="pyright is not installed (pip install '.[test]')")
def test_user_script_passes_pyright_strict(tmp_path: Path) -> None:
    result = _pyright(tmp_path, USER_SCRIPT)
    assert _pyright_errors(result) == []
    assert result["summary"] == {**result["summary"], "filesAnalyzed": 1}  # type: ignore[dict-item]


@pytest.mark.skipif(not _have("pyright"), reason="pyright is not installed (pip install '.[test]')")
def test_pyright_catches_each_mistake(tmp_path: Path) -> None:
    errors = _pyright_errors(_pyright(tmp_path, MISTAKES_SCRIPT))
    lines = {d["range"]["start"]["line"] + 1 for d in errors}  # type: ignore[index]
    assert lines == _mistake_lines(MISTAKES_SCRIPT), errors


def test_models_accept_python_and_xml_names_at_run_time() -> None:
    # what the aliases still do at run time: XML names in and out, Python names in
    from ncts5.messages.cc015c import CustomsOfficeOfDeparture, GuaranteeReference

    by_name = GuaranteeReference(sequence_number=1, grn="26DE0000000000017")
    by_xml = GuaranteeReference.model_validate({"sequenceNumber": "1", "GRN": "26DE0000000000017"})
    assert by_name == by_xml
    assert by_xml.model_dump(by_alias=True, exclude_none=True) == {"sequenceNumber": 1, "GRN": "26DE0000000000017"}
    assert CustomsOfficeOfDeparture(referenceNumber="DE004058").reference_number == "DE004058"  # type: ignore[call-arg]
    assert GuaranteeReference.item("grn").xml_name == "GRN"
    assert ncts5.CC015C.model_fields["message_sender"].validation_alias == "messageSender"
