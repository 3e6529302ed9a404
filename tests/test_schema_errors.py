"""Schema-invalid input raises one SchemaError that lists every problem, each with its XML path.

Every case starts from a shipped example (always schema-valid), breaks it in one
place with lxml, and checks the exact XML path (1-based indices on repeated
elements), the data element number and the gist of the message.  A second test
confirms with the official XSD that each broken document really is invalid, so
the expectations here cannot drift from the schema.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

import pytest
from lxml import etree
from pydantic import ValidationError

import ncts5
from ncts5.errors import SchemaProblem
from tests.conftest import EXAMPLES, SAMPLES, need_shared

ITEM2 = "Consignment/HouseConsignment[1]/ConsignmentItem[2]"
ITEM2_PATH = "/CC015C/Consignment/HouseConsignment[1]/ConsignmentItem[2]"


# --------------------------------------------------------------------------- helpers
def example_tree(name: str = "t1-road.xml") -> etree._Element:
    return etree.fromstring((EXAMPLES / name).read_bytes())


def at(root: etree._Element, path: str) -> etree._Element:
    el = root.find(path)
    assert el is not None, f"the example has no {path}: update this test's mutation"
    return el


def to_bytes(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def problems_of(data: bytes) -> list[SchemaProblem]:
    with pytest.raises(ncts5.SchemaError) as info:
        ncts5.from_xml(data)
    return info.value.problems


def set_text(path: str, text: str) -> Callable[[etree._Element], None]:
    def mutate(root: etree._Element) -> None:
        at(root, path).text = text

    return mutate


def remove(path: str) -> Callable[[etree._Element], None]:
    def mutate(root: etree._Element) -> None:
        el = at(root, path)
        el.getparent().remove(el)

    return mutate


def repeat(path: str, total: int) -> Callable[[etree._Element], None]:
    def mutate(root: etree._Element) -> None:
        el = at(root, path)
        for _ in range(total - 1):
            el.addnext(copy.deepcopy(el))

    return mutate


def move_before(path: str, anchor: str) -> Callable[[etree._Element], None]:
    def mutate(root: etree._Element) -> None:
        at(root, anchor).addprevious(at(root, path))

    return mutate


def append_child(path: str, xml: str) -> Callable[[etree._Element], None]:
    def mutate(root: etree._Element) -> None:
        at(root, path).append(etree.fromstring(xml))

    return mutate


def insert_after(path: str, xml: str) -> Callable[[etree._Element], None]:
    def mutate(root: etree._Element) -> None:
        at(root, path).addnext(etree.fromstring(xml))

    return mutate


def set_attribute(path: str, name: str, value: str) -> Callable[[etree._Element], None]:
    def mutate(root: etree._Element) -> None:
        el = root if path == "." else at(root, path)
        el.set(name, value)

    return mutate


def stray_text(path: str, text: str) -> Callable[[etree._Element], None]:
    def mutate(root: etree._Element) -> None:
        at(root, path).text = text

    return mutate


def stray_tail(path: str, text: str) -> Callable[[etree._Element], None]:
    def mutate(root: etree._Element) -> None:
        at(root, path).tail = text

    return mutate


@dataclass(frozen=True)
class Case:
    id: str
    mutate: Callable[[etree._Element], None]
    path: str
    data_element: str | None
    fragment: str
    #: False when the case touches an element another case also breaks (kept out of the combined test).
    combinable: bool = True
    example: str = "t1-road.xml"


CASES = [
    # missing mandatory element
    Case("missing-LRN", remove("TransitOperation/LRN"), "/CC015C/TransitOperation/LRN", "12 09 000 000", "missing"),
    Case(
        "missing-description-in-item-2",
        remove(f"{ITEM2}/Commodity/descriptionOfGoods"),
        f"{ITEM2_PATH}/Commodity/descriptionOfGoods",
        "18 05 000 000",
        "missing",
        combinable=False,
    ),
    Case("missing-every-guarantee", remove("Guarantee"), "/CC015C/Guarantee", "99 02 000 000", "missing", False),
    Case(
        "empty-LRN",
        set_text("TransitOperation/LRN", ""),
        "/CC015C/TransitOperation/LRN",
        "12 09 000 000",
        "pattern",
        False,
    ),
    # wrong order
    Case(
        "dispatch-after-destination",
        move_before("Consignment/countryOfDestination", "Consignment/countryOfDispatch"),
        "/CC015C/Consignment/countryOfDispatch",
        "16 06 000 000",
        "out of order",
    ),
    Case(
        "commodity-after-packaging-in-item-2",
        move_before(f"{ITEM2}/Packaging", f"{ITEM2}/Commodity"),
        f"{ITEM2_PATH}/Commodity",
        None,
        "out of order",
    ),
    # over-long value
    Case(
        "description-of-item-2-too-long",
        set_text(f"{ITEM2}/Commodity/descriptionOfGoods", "x" * 513),
        f"{ITEM2_PATH}/Commodity/descriptionOfGoods",
        "18 05 000 000",
        "at most 512",
    ),
    Case(
        "LRN-too-long",
        set_text("TransitOperation/LRN", "A" * 23),
        "/CC015C/TransitOperation/LRN",
        "12 09 000 000",
        "22",
        False,
    ),
    Case("message-sender-too-long", set_text("messageSender", "S" * 36), "/CC015C/messageSender", None, ".{1,35}"),
    # bad number
    Case(
        "gross-mass-of-item-2-not-a-number",
        set_text(f"{ITEM2}/Commodity/GoodsMeasure/grossMass", "4x0"),
        f"{ITEM2_PATH}/Commodity/GoodsMeasure/grossMass",
        "18 04 000 000",
        "pattern",
    ),
    Case(
        "net-mass-with-seven-decimals",
        set_text(f"{ITEM2}/Commodity/GoodsMeasure/netMass", "1.1234567"),
        f"{ITEM2_PATH}/Commodity/GoodsMeasure/netMass",
        "18 01 000 000",
        "6 digits after the decimal point",
    ),
    Case(
        "gross-mass-with-seventeen-digits",
        set_text("Consignment/grossMass", "12345678901234567"),
        "/CC015C/Consignment/grossMass",
        "18 04 000 000",
        "16 digits",
    ),
    Case(
        "number-of-packages-in-words",
        set_text(f"{ITEM2}/Packaging/numberOfPackages", "ten"),
        f"{ITEM2_PATH}/Packaging[1]/numberOfPackages",
        "18 06 004 000",
        "pattern",
    ),
    Case(
        "negative-sequence-number",
        set_text("Guarantee/sequenceNumber", "-1"),
        "/CC015C/Guarantee[1]/sequenceNumber",
        None,
        "pattern",
    ),
    # bad date / date-time
    Case(
        "limit-date-30-february",
        insert_after("TransitOperation/bindingItinerary", "<limitDate>2026-02-30</limitDate>"),
        "/CC015C/TransitOperation/limitDate",
        "15 11 000 000",
        "not a valid calendar date",
    ),
    Case(
        "preparation-time-with-a-space",
        set_text("preparationDateAndTime", "2026-03-02 09:15:00"),
        "/CC015C/preparationDateAndTime",
        None,
        "pattern",
    ),
    # unknown element, also one in the ncts namespace (children are unqualified)
    Case(
        "unknown-element-in-item-2",
        append_child(f"{ITEM2}/Commodity", "<colour>red</colour>"),
        f"{ITEM2_PATH}/Commodity/colour",
        None,
        "unknown element",
    ),
    Case(
        "namespaced-child",
        append_child("CustomsOfficeOfDeparture", '<n:note xmlns:n="http://ncts.dgtaxud.ec">x</n:note>'),
        "/CC015C/CustomsOfficeOfDeparture/{http://ncts.dgtaxud.ec}note",
        None,
        "unknown element",
    ),
    # too many repetitions
    Case("ten-guarantees", repeat("Guarantee", 10), "/CC015C/Guarantee[10]", "99 02 000 000", "at most 9"),
    Case(
        "hundred-packagings-in-item-2",
        repeat(f"{ITEM2}/Packaging", 100),
        f"{ITEM2_PATH}/Packaging[100]",
        "18 06 000 000",
        "at most 99",
    ),
    Case(
        "two-security-indicators",
        repeat("TransitOperation/security", 2),
        "/CC015C/TransitOperation/security",
        "11 07 000 000",
        "at most 1",
    ),
    # stray text
    Case(
        "text-in-a-group",
        stray_text("Consignment/Consignor", "stray"),
        "/CC015C/Consignment/Consignor",
        "13 02 000 000",
        "unexpected text",
    ),
    Case(
        "text-between-elements",
        stray_tail("HolderOfTheTransitProcedure/name", "loose words"),
        "/CC015C/HolderOfTheTransitProcedure",
        "13 07 000 000",
        "unexpected text",
    ),
    Case(
        "element-inside-a-data-item",
        append_child("TransitOperation/declarationType", "<b>T1</b>"),
        "/CC015C/TransitOperation/declarationType",
        "11 01 000 000",
        "cannot contain elements",
    ),
    # unknown attribute, on a data item, a data group and the root; a bad value of a known attribute
    Case(
        "attribute-on-a-data-item",
        set_attribute(f"{ITEM2}/Commodity/descriptionOfGoods", "lang", "en"),
        f"{ITEM2_PATH}/Commodity/descriptionOfGoods/@lang",
        "18 05 000 000",
        "unknown attribute",
        combinable=False,
    ),
    Case(
        "attribute-on-a-group",
        set_attribute("Consignment/Consignee", "id", "c1"),
        "/CC015C/Consignment/Consignee/@id",
        None,
        "unknown attribute",
    ),
    Case("PhaseID-not-in-the-enumeration", set_attribute(".", "PhaseID", "NCTS7"), "/CC015C/@PhaseID", None, "NCTS5.0"),
    # the same checks hold for IE170
    Case(
        "ie170-missing-LRN",
        remove("TransitOperation/LRN"),
        "/CC170C/TransitOperation/LRN",
        "12 09 000 000",
        "missing",
        example="ie170-presentation.xml",
    ),
    Case(
        "ie170-message-sender-too-long",
        set_text("messageSender", "T" * 40),
        "/CC170C/messageSender",
        None,
        ".{1,35}",
        example="ie170-presentation.xml",
    ),
]


def broken(case: Case) -> bytes:
    root = example_tree(case.example)
    case.mutate(root)
    return to_bytes(root)


def matching(problems: list[SchemaProblem], case: Case) -> list[SchemaProblem]:
    return [p for p in problems if p.path == case.path and case.fragment in p.message]


# --------------------------------------------------------------------------- one problem at a time
def test_schema_error_is_an_ncts_error():
    assert issubclass(ncts5.SchemaError, ncts5.NCTSError)
    assert issubclass(ncts5.ParseError, ncts5.NCTSError)
    assert not issubclass(ncts5.SchemaError, ncts5.ParseError)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_each_problem_has_its_exact_path_and_data_element(case):
    problems = problems_of(broken(case))
    found = matching(problems, case)
    assert found, f"expected a problem at {case.path} mentioning {case.fragment!r}; got:\n" + "\n".join(
        map(str, problems)
    )
    assert found[0].data_element == case.data_element
    assert found[0].message and found[0].message[0] != " "


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_each_broken_document_is_invalid_per_the_official_xsd(case, xsd_schemas):
    assert not xsd_schemas[case.path.split("/")[1]].is_valid(broken(case))


def test_the_offending_value_is_kept():
    case = next(c for c in CASES if c.id == "gross-mass-of-item-2-not-a-number")
    (problem,) = matching(problems_of(broken(case)), case)
    assert problem.value == "4x0"
    assert "4x0" in problem.message


# --------------------------------------------------------------------------- every problem at once
def test_every_problem_in_one_document_is_reported():
    cases = [c for c in CASES if c.combinable and c.example == "t1-road.xml"]
    root = example_tree()
    for case in cases:
        case.mutate(root)
    problems = problems_of(to_bytes(root))
    missing = [c.id for c in cases if not matching(problems, c)]
    assert not missing, "not reported: " + ", ".join(missing) + "\n" + "\n".join(map(str, problems))
    assert len(problems) >= len(cases)


def test_the_error_text_lists_every_problem_with_path_and_data_element():
    root = example_tree()
    set_text(f"{ITEM2}/Commodity/descriptionOfGoods", "x" * 513)(root)
    remove("TransitOperation/LRN")(root)
    with pytest.raises(ncts5.SchemaError) as info:
        ncts5.from_xml(to_bytes(root))
    text = str(info.value)
    assert "2 schema problem(s)" in text
    assert f"{ITEM2_PATH}/Commodity/descriptionOfGoods [18 05 000 000]: must be at most 512 characters" in text
    assert "/CC015C/TransitOperation/LRN [12 09 000 000]: " in text


def test_problems_are_in_a_stable_order():
    root = example_tree()
    for case in CASES[:8]:
        if case.combinable:
            case.mutate(root)
    data = to_bytes(root)
    assert problems_of(data) == problems_of(data)


def test_schema_error_names_the_file(tmp_path):
    path = tmp_path / "broken.xml"
    path.write_bytes(broken(CASES[0]))
    with pytest.raises(ncts5.SchemaError) as info:
        ncts5.from_xml(path)
    assert info.value.source == str(path)
    assert str(info.value).startswith(f"{path}: ")


def test_schema_findings_carry_the_same_paths():
    case = next(c for c in CASES if c.id == "description-of-item-2-too-long")
    report = ncts5.validate(broken(case))
    assert not report.ok
    schema = [f for f in report.findings if f.rule == "SCHEMA"]
    assert [(f.path, f.data_element, f.severity) for f in schema] == [(case.path, "18 05 000 000", "error")]
    assert report.message == "CC015C"


# --------------------------------------------------------------------------- the XSD-invalid public samples
INVALID_SAMPLES = {
    "cc015c-invalid.xml": ("/CC015C/messageSender", "missing"),
    "cc015c-invalid-message-sender.xml": ("/CC015C/messageSender", ".{1,35}"),
    "cc170c-invalid.xml": ("/CC170C/messageSender", "missing"),
    "cc170c-invalid-message-sender.xml": ("/CC170C/messageSender", ".{1,35}"),
}


@pytest.mark.parametrize("name", sorted(INVALID_SAMPLES))
def test_invalid_samples_give_schema_findings_naming_the_element(name, xsd_schemas):
    path = need_shared(SAMPLES / name)
    raw = path.read_bytes()
    expected_path, fragment = INVALID_SAMPLES[name]
    assert not xsd_schemas[expected_path.split("/")[1]].is_valid(raw)
    with pytest.raises(ncts5.SchemaError) as info:
        ncts5.from_xml(path)
    assert any(p.path == expected_path and fragment in p.message for p in info.value.problems)
    report = ncts5.validate(path)
    assert not report.ok
    assert [f.rule for f in report.findings] == ["SCHEMA"] * len(report.findings)
    assert any(f.path == expected_path and "messageSender" in f.path for f in report.findings)


# --------------------------------------------------------------------------- models built in Python
def test_models_built_in_python_reject_invalid_values():
    from ncts5.messages.cc015c import Commodity, GoodsMeasure, Packaging, TransitOperation

    with pytest.raises(ValidationError, match="at most 512"):
        Commodity(description_of_goods="x" * 513)
    with pytest.raises(ValidationError, match="at most 512"):
        Commodity(descriptionOfGoods="x" * 513)  # by XML name too
    with pytest.raises(ValidationError):
        Commodity()  # descriptionOfGoods is mandatory
    with pytest.raises(ValidationError):
        Commodity(description_of_goods="Pumps", colour="red")  # unknown field
    with pytest.raises(ValidationError, match="pattern"):
        Packaging(sequence_number=1, type_of_packages="PX", number_of_packages="ten")
    with pytest.raises(ValidationError, match=r"pattern|maximum"):
        Packaging(sequence_number=100000, type_of_packages="PX")
    with pytest.raises(ValidationError, match="6 digits after the decimal point"):
        GoodsMeasure(gross_mass=Decimal("1.1234567"))
    with pytest.raises(ValidationError, match="calendar date"):
        TransitOperation(
            lrn="X1",
            declaration_type="T1",
            additional_declaration_type="A",
            security="0",
            reduced_dataset_indicator="0",
            binding_itinerary="0",
            limit_date="2026-02-30",
        )
    assert Commodity(description_of_goods="Pumps").description_of_goods == "Pumps"


def test_whole_models_reject_too_many_repetitions_and_bad_values():
    from ncts5.messages.cc015c import CC015C

    data = ncts5.from_xml(EXAMPLES / "t1-road.xml").model_dump()
    CC015C.model_validate(data)  # the dump of a valid message is valid
    too_many = copy.deepcopy(data)
    too_many["guarantee"] = too_many["guarantee"] * 10
    with pytest.raises(ValidationError) as info:
        CC015C.model_validate(too_many)
    assert info.value.errors()[0]["loc"] == ("guarantee",)
    bad = copy.deepcopy(data)
    bad["transit_operation"]["lrn"] = "L" * 23
    with pytest.raises(ValidationError) as info:
        CC015C.model_validate(bad)
    assert info.value.errors()[0]["loc"] == ("transit_operation", "lrn")
