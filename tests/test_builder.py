"""``ncts5.build``: declarations from plain values, with numbering, totals, header and coercion done.

The README's example is run as written and must validate clean with the packaged reference data;
the rest pins each promise of the builder: numbers and totals filled where missing and kept where
given, flags and amounts coerced, bad input refused naming the field, and the realistic
declarations of ``ncts5.testing`` rebuilt from their data without their bookkeeping.
"""

from __future__ import annotations

import contextlib
import copy
import io
import re
import subprocess
import sys
from collections.abc import Iterator
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings

import ncts5
from ncts5 import codelists
from ncts5.messages.builder import BuildError
from ncts5.messages.cc015c import CC015C, CustomsOfficeOfDeparture, CustomsOfficeOfDestinationDeclared
from ncts5.messages.meta import XmlModel
from ncts5.messages.p6.cc015c import CC015C as P6CC015C
from ncts5.testing import valid_declarations

README = Path(__file__).resolve().parent.parent / "README.md"


@pytest.fixture(scope="module", autouse=True)
def packaged_lists_only(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Validate with the packaged code lists only, whatever is imported on this machine."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(codelists.ENV_VAR, str(tmp_path_factory.mktemp("ncts5-data")))
        codelists.reload()
        yield
    codelists.reload()


def _readme_example() -> str:
    section = README.read_text(encoding="utf-8").split("## Build a declaration", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```python\n(.*?)```", section, re.S)
    assert len(blocks) == 1, "the README's 'Build a declaration' section has one Python example"
    return str(blocks[0])


def test_the_readme_example_validates_clean_and_prints_what_it_says() -> None:
    code = _readme_example()
    namespace: dict[str, Any] = {}
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, "README.md: Build a declaration", "exec"), namespace)
    message = namespace["message"]
    assert isinstance(message, CC015C)
    report = ncts5.validate(message)
    assert report.errors == [], report.errors
    assert report.findings == []  # not even a warning
    claimed = re.search(r"print\(.*\)\s+# (.*)", code)
    assert claimed is not None
    assert out.getvalue().strip() == claimed.group(1).strip()


def test_the_readme_example_is_short() -> None:
    assert len(_readme_example().strip().splitlines()) <= 27


# ------------------------------------------------------------------------------ a small declaration


def _item(description: str, mass: object, **extra: object) -> dict[str, Any]:
    return {
        "commodity": {
            "description_of_goods": description,
            "commodity_code": {"harmonized_system_sub_heading_code": "841350"},
            "goods_measure": {"gross_mass": mass},
        },
        "packaging": [{"type_of_packages": "PX", "number_of_packages": 1, "shipping_marks": description}],
        **extra,
    }


def _fields(**consignment: object) -> dict[str, Any]:
    return {
        "message_sender": "DE123456789012345",
        "message_recipient": "NTA.DE",
        "transit_operation": {
            "lrn": "DE26LRN000001",
            "declaration_type": "T1",
            "additional_declaration_type": "A",
            "security": "0",
            "reduced_dataset_indicator": False,
            "binding_itinerary": 0,
        },
        "customs_office_of_departure": {"reference_number": "DE004058"},
        "customs_office_of_destination_declared": {"reference_number": "FR002990"},
        "holder_of_the_transit_procedure": {"identification_number": "DE123456789012345"},
        "guarantee": [
            {
                "guarantee_type": "1",
                "guarantee_reference": [{"grn": "26DE0000000000012", "amount_to_be_covered": 100, "currency": "EUR"}],
            }
        ],
        "consignment": {
            "house_consignment": [
                {"consignment_item": [_item("pumps", Decimal("850.5")), _item("valves", 120)]},
                {"consignment_item": [_item("hoses", 10.25)]},
            ],
            **consignment,
        },
    }


def test_header_defaults() -> None:
    first = ncts5.build.declaration(**_fields())
    second = ncts5.build.declaration(**_fields())
    assert first.message_type == "CC015C"
    assert first.phase_id == "NCTS5.1"
    assert first.preparation_date_and_time.microsecond == 0
    assert first.preparation_date_and_time.year >= 2026
    assert first.message_identification != second.message_identification
    assert re.fullmatch(r"[0-9a-f]{32}", first.message_identification)


def test_header_values_given_are_kept() -> None:
    when = datetime(2026, 3, 2, 9, 15)
    message = ncts5.build.declaration(
        **_fields(), preparation_date_and_time=when, message_identification="MSG-1", phase_id="NCTS5.0"
    )
    assert (message.preparation_date_and_time, message.message_identification, message.phase_id) == (
        when,
        "MSG-1",
        "NCTS5.0",
    )


def test_phase6_messages_get_the_phase6_phase_id() -> None:
    message = ncts5.build.message(P6CC015C, **_fields())
    assert isinstance(message, P6CC015C)
    assert message.phase_id == "NCTS6"
    assert message.message_type == "CC015C"


def test_numbers_are_filled_in() -> None:
    message = ncts5.build.declaration(**_fields())
    houses = message.consignment.house_consignment
    assert [h.sequence_number for h in houses] == [1, 2]
    assert [[i.goods_item_number for i in h.consignment_item] for h in houses] == [[1, 2], [1]]
    assert [[i.declaration_goods_item_number for i in h.consignment_item] for h in houses] == [[1, 2], [3]]
    assert [p.sequence_number for h in houses for i in h.consignment_item for p in i.packaging] == [1, 1, 1]
    assert [g.sequence_number for g in message.guarantee] == [1]
    assert [r.sequence_number for r in message.guarantee[0].guarantee_reference] == [1]


def test_numbers_given_are_kept() -> None:
    fields = _fields()
    items = fields["consignment"]["house_consignment"][0]["consignment_item"]
    items[1]["goods_item_number"] = 7
    items[1]["declaration_goods_item_number"] = 9
    fields["guarantee"][0]["sequence_number"] = 5
    message = ncts5.build.declaration(**fields)
    built = message.consignment.house_consignment[0].consignment_item
    assert [(i.goods_item_number, i.declaration_goods_item_number) for i in built] == [(1, 1), (7, 9)]
    assert message.consignment.house_consignment[1].consignment_item[0].declaration_goods_item_number == 3
    assert message.guarantee[0].sequence_number == 5


def test_gross_masses_are_totalled() -> None:
    message = ncts5.build.declaration(**_fields())
    houses = message.consignment.house_consignment
    assert [h.gross_mass for h in houses] == [Decimal("970.5"), Decimal("10.25")]
    assert message.consignment.gross_mass == Decimal("980.75")


def test_gross_masses_given_are_kept_and_count_in_the_total() -> None:
    fields = _fields()
    fields["consignment"]["house_consignment"][0]["gross_mass"] = 1000  # packing material included
    message = ncts5.build.declaration(**fields)
    assert message.consignment.house_consignment[0].gross_mass == Decimal(1000)
    assert message.consignment.gross_mass == Decimal("1010.25")
    kept = ncts5.build.declaration(**_fields(gross_mass=Decimal("2000.5")))
    assert kept.consignment.gross_mass == Decimal("2000.5")


def test_a_total_needs_every_mass_below_it() -> None:
    fields = _fields()
    del fields["consignment"]["house_consignment"][1]["consignment_item"][0]["commodity"]["goods_measure"]
    with pytest.raises(BuildError) as error:
        ncts5.build.declaration(**fields)
    assert error.value.field == "consignment.house_consignment[1].gross_mass"
    assert "consignment.house_consignment[1].consignment_item[0].commodity.goods_measure" in str(error.value)


@pytest.mark.parametrize(("given", "written"), [(True, "1"), (False, "0"), (1, "1"), (0, "0"), ("1", "1")])
def test_flags_accept_bool_int_and_text(given: object, written: str) -> None:
    fields = _fields(container_indicator=given)
    fields["transit_operation"]["binding_itinerary"] = given
    message = ncts5.build.declaration(**fields)
    assert message.consignment.container_indicator == written
    assert message.transit_operation.binding_itinerary == written
    assert f"<containerIndicator>{written}</containerIndicator>" in message.to_xml().decode()


@pytest.mark.parametrize("bad", [2, -1, "yes", 0.0, None.__class__])
def test_a_bad_flag_is_refused_naming_the_field(bad: object) -> None:
    fields = _fields()
    fields["transit_operation"]["reduced_dataset_indicator"] = bad
    with pytest.raises(BuildError, match=r"^transit_operation\.reduced_dataset_indicator: ") as error:
        ncts5.build.declaration(**fields)
    assert error.value.field == "transit_operation.reduced_dataset_indicator"


@pytest.mark.parametrize(
    ("given", "written"),
    [
        (Decimal("12500.00"), "12500.00"),
        (12500, "12500"),
        (12500.5, "12500.5"),
        (0.1 + 0.2, "0.3"),  # a float's binary noise is rounded to the 2 fraction digits of n..16,2
    ],
)
def test_amounts_accept_decimal_int_and_float(given: object, written: str) -> None:
    fields = _fields()
    fields["guarantee"][0]["guarantee_reference"][0]["amount_to_be_covered"] = given
    message = ncts5.build.declaration(**fields)
    assert f"<amountToBeCovered>{written}</amountToBeCovered>" in message.to_xml().decode()


def test_masses_round_floats_to_the_schemas_fraction_digits() -> None:
    message = ncts5.build.declaration(**_fields(gross_mass=1 / 3))
    assert message.consignment.gross_mass == Decimal("0.333333")  # n..16,6


@pytest.mark.parametrize(
    ("bad", "problem"),
    [
        (Decimal("1.234"), "more than 2 digits after the decimal point"),  # a Decimal is never rounded
        (float("nan"), "not a decimal number"),
        (True, "boolean"),
        ([1], "expected a decimal number"),
        (10**16, "more than 16 digits"),
    ],
)
def test_a_bad_amount_is_refused_naming_the_field(bad: object, problem: str) -> None:
    fields = _fields()
    fields["guarantee"][0]["guarantee_reference"][0]["amount_to_be_covered"] = bad
    with pytest.raises(BuildError, match=re.escape(problem)) as error:
        ncts5.build.declaration(**fields)
    assert error.value.field == "guarantee[0].guarantee_reference[0].amount_to_be_covered"
    assert "Amount to be covered" in str(error.value)  # the data item's name, as the DDNTA says it


def test_unknown_and_missing_fields_are_named() -> None:
    fields = _fields()
    fields["holder_of_the_transit_procedure"]["nmae"] = "Elbe Spedition"
    with pytest.raises(BuildError, match=r"^holder_of_the_transit_procedure: .*'nmae'"):
        ncts5.build.declaration(**fields)
    fields = _fields()
    del fields["customs_office_of_departure"]["reference_number"]
    with pytest.raises(BuildError, match=r"^customs_office_of_departure\.reference_number: required"):
        ncts5.build.declaration(**fields)
    with pytest.raises(BuildError, match=r"^guarantee: expected a list"):
        ncts5.build.declaration(**{**_fields(), "guarantee": {"guarantee_type": "1"}})


def test_model_instances_are_accepted_where_dicts_are() -> None:
    fields = _fields()
    fields["customs_office_of_departure"] = CustomsOfficeOfDeparture(reference_number="DE004058")
    message = ncts5.build.declaration(**fields)
    assert message.customs_office_of_departure.reference_number == "DE004058"
    fields["customs_office_of_departure"] = CustomsOfficeOfDestinationDeclared(reference_number="FR002990")
    with pytest.raises(BuildError, match="expected CustomsOfficeOfDeparture, got CustomsOfficeOfDestinationDeclared"):
        ncts5.build.declaration(**fields)


def test_the_builder_is_public_api() -> None:
    assert "build" in ncts5.__all__
    assert ncts5.build.declaration is not None and ncts5.build.BuildError is BuildError
    assert issubclass(BuildError, ncts5.NCTSError) and issubclass(BuildError, ValueError)


# ------------------------------------------------------------------- realistic declarations, rebuilt


def _data(model: XmlModel, position: int | None = None) -> dict[str, Any]:
    """A model's values by field name, without what the builder fills in (where it equals that)."""
    out: dict[str, Any] = {}
    goods_item = type(model).__xml_by_name__.get("goodsItemNumber")
    is_goods_item = goods_item is not None and goods_item.item.min_occurs == 1
    for child in type(model).__xml_children__:
        value = getattr(model, child.field)
        if value is None or value == []:
            continue
        if child.xml_name == "sequenceNumber" and value == position:
            continue
        if is_goods_item and child.xml_name in ("goodsItemNumber", "declarationGoodsItemNumber"):
            continue  # the strategy numbers them as the builder does (checked by the equality below)
        if child.model is not None:
            value = [_data(v, i) for i, v in enumerate(value, 1)] if child.repeated else _data(value)
        elif child.item.codelist == "CL027":
            value = value == "1"
        out[child.field] = value
    return out


def _strip_masses(data: dict[str, Any]) -> None:
    consignment = data["consignment"]
    del consignment["gross_mass"]
    for house in consignment["house_consignment"]:
        masses = [i.get("commodity", {}).get("goods_measure", {}).get("gross_mass") for i in house["consignment_item"]]
        if None not in masses and sum(masses, Decimal(0)) == house["gross_mass"]:
            del house["gross_mass"]


@settings(max_examples=5, deadline=None)
@given(valid_declarations())
def test_realistic_declarations_rebuild_from_their_data(original: CC015C) -> None:
    data = _data(original)
    _strip_masses(data)
    rebuilt = ncts5.build.declaration(**copy.deepcopy(data))
    if rebuilt == original:  # field by field; a total of 4851.25 equals one written 4851.250
        return
    got, want = rebuilt.to_xml().decode().splitlines(), original.to_xml().decode().splitlines()
    # Report the first differing line only: pytest's diff of two whole declarations takes minutes,
    # and hypothesis would repeat it while shrinking.
    first = next((i for i, (a, b) in enumerate(zip(got, want, strict=False)) if a != b), min(len(got), len(want)))
    raise AssertionError(f"rebuilt differs at line {first + 1}: {got[first : first + 1]} != {want[first : first + 1]}")


# ------------------------------------------------------------------------------------- for mypy users

USER_SCRIPT = """
from __future__ import annotations

from decimal import Decimal

import ncts5
from ncts5 import CC015C


def build() -> CC015C:
    return ncts5.build.declaration(
        message_sender="DE123456789012345",
        consignment={"gross_mass": Decimal("1.5"), "container_indicator": True},
    )


def describe(message: CC015C) -> str:
    try:
        return ncts5.build.declaration(message_recipient="NTA.DE").message_type
    except ncts5.build.BuildError as error:
        return error.field + message.message_identification
"""


def test_users_code_type_checks_under_mypy_strict(tmp_path: Path) -> None:
    pytest.importorskip("mypy")
    good = tmp_path / "good.py"
    good.write_text(USER_SCRIPT, encoding="utf-8")
    bad = tmp_path / "bad.py"
    bad_script = USER_SCRIPT + "\n\nn: int = build().message_type  # MISTAKE\n"
    bad.write_text(bad_script, encoding="utf-8")
    mistake = next(n for n, line in enumerate(bad_script.splitlines(), 1) if "# MISTAKE" in line)
    ran = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", good.name, bad.name],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    errors = [line for line in ran.stdout.splitlines() if ": error:" in line]
    assert len(errors) == 1 and errors[0].startswith(f"bad.py:{mistake}:"), ran.stdout
