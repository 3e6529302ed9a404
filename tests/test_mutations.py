"""ncts5 rejects a mutated document exactly when the official XSD does; broken bytes never crash it.

Structure-level mutations (drop, duplicate, swap, re-value an element...) are
applied to valid documents (the examples, the XSD-valid public samples and
generated messages); ``ncts5.from_xml`` must raise ``SchemaError`` exactly when
``xmlschema`` (XSD 1.1, the official 51.8.6 files) says the result is invalid.

Where the two disagreed, the XSD specification decided:

* ncts5 was right and xmlschema deviates: xmlschema treats every Unicode space
  (U+00A0 no-break space, U+2003 em space, U+3000 ideographic space, U+0085...)
  as white space when it applies the ``whiteSpace`` facet, so it strips
  ``"1\\u00a0"`` to ``"1"`` (a valid integer) or a lone ``"\\u00a0"`` to ``""``
  (failing ``.{1,35}``).  XSD Part 2 §4.3.6 normalises only #x9, #xA, #xD and
  #x20 (lxml/libxml2 agrees with ncts5).  Values here therefore never contain
  other Unicode white space.
* xmlschema was right and ncts5 deviates (kept out of the property test, shown
  by the strict xfail tests at the end): ``xs:dateTime`` allows ``24:00:00``
  (the first instant of the next day) and XSD 1.1, which the schema declares
  (``vc:minVersion="1.1"``), allows year ``0000``; ncts5 stores Python
  ``date``/``datetime`` values, which can represent neither.
* ``xsi:type`` naming an element's own declared type is schema-valid, and
  ncts5 refuses it as an unknown attribute; the mutations never add ``xsi:*``
  attributes.
"""

from __future__ import annotations

import contextlib
import copy
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from lxml import etree

import ncts5
from ncts5.report import Report
from tests.conftest import EXAMPLES, SAMPLES

SETTINGS = settings(
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large],
)
VALID_SAMPLES = [
    "cc015c-valid.xml",
    "cc015c-valid-2.xml",
    "cc170c-valid.xml",
    "cc015c-invalid-lrn.xml",
    "cc015c-invalid-reference-departure.xml",
]


def _seed_documents() -> list[bytes]:
    docs = [p.read_bytes() for p in sorted(EXAMPLES.glob("*.xml"))]
    docs += [(SAMPLES / n).read_bytes() for n in VALID_SAMPLES if (SAMPLES / n).exists()]
    return docs


SEEDS = _seed_documents()

# ----------------------------------------------------------------------------- values
#: Text XML 1.0 can carry, without Unicode white space other than XML's own four characters
#: (xmlschema collapses those too, against the spec; see the module docstring).
_OTHER_SPACES = "".join(chr(c) for c in range(0x10000) if chr(c).isspace() and chr(c) not in " \t\n\r")
TEXT = st.characters(
    codec="utf-8",
    exclude_categories=("Cs", "Cc", "Co", "Cn"),
    include_characters="\t\n\r",
    exclude_characters=_OTHER_SPACES,
)
#: Wrong and borderline numbers: signs, exponents, digits beyond the facets, non-ASCII digits.
NUMBERS = [
    "", " ", "abc", "1.2.3", "1e5", "1E5", "-1", "+1", "-0", "+0.5", "0", "00", "01", "1.", ".5", "0.0", "00.1", "01.5",
    "1.0000001", "1.000000", "0.000000", "12345678901234567", "1234567890123456", "12345678901234.12",
    "1234567890123.456", "99999", "100000", "1999", "2000", "9999", "10000", "99999999", "100000000",
    "NaN", "INF", "-INF", "0x10", "1_000", "1,5", "\u0661", "\uff11", "1 1", " 1 ", "1\n", "\t7\t",
]  # fmt: skip
#: Wrong and borderline dates and date-times (never 24:00:00 or year 0000: see the module docstring).
DATES = [
    "2024-02-29", "2023-02-29", "2024-02-30", "2024-13-01", "2024-00-10", "2024-01-00", "2024-1-01", "24-01-01",
    "20240-01-01", "-2024-01-01", "+2024-01-01", "2024-01-01Z", "2024-01-01+01:00", "2024/01/01", "01.01.2024",
    "2024-01-01T12:00:00", "2024-01-01T12:00", "2024-01-01T12:00:00Z", "2024-01-01T12:00:00+01:00",
    "2024-01-01T12:00:00.5", "2024-01-01 12:00:00", "2024-01-01T25:00:00", "2024-01-01T23:60:00",
    "2024-01-01T23:59:60", "2024-01-01t12:00:00", "9999-12-31T23:59:59", "0001-01-01T00:00:00", "0001-01-01",
    "2024-01-01", " 2024-01-01 ", "2024-01-01T00:00:00\n",
]  # fmt: skip
#: Wrong and borderline codes and identifiers.
CODES = [
    "", " ", "A", "AB", "ABC", "ab", "DE", "de", "XX", "D", "DE1", "A1", "1", "T1", "T", "TIR", "C524", "N830",
    "DE004058", "de004058", "DE00405", "DE0040581", "NCTS5.0", "NCTS5.1", "NCTS5.2", " NCTS5.1 ", "CC015C",
    "CC170C", "cc015c", "CC999C", "0", "1", "2", "01", "\u00e9", "\U0001f600", "A\u200bB", "\uff24\uff25", "a  b",
    " a", "a ", "a\tb", "a\r\nb", "x@y.z", "@", "x@y",
]  # fmt: skip


def _value(draw: Any, original: str) -> str:
    kind = draw(st.sampled_from(["number", "date", "code", "longer", "repeat", "text"]))
    if kind == "number":
        return draw(st.sampled_from(NUMBERS))
    if kind == "date":
        return draw(st.sampled_from(DATES))
    if kind == "code":
        return draw(st.sampled_from(CODES))
    if kind == "longer":  # over-long by a little or by a lot
        filler = draw(st.sampled_from(["A", "9", "x", " ", "é"]))
        return original + filler * draw(st.sampled_from([1, 2, 5, 20, 500]))
    if kind == "repeat":
        return original * draw(st.integers(2, 40))
    return draw(st.text(TEXT, max_size=40))


# ----------------------------------------------------------------------------- structure mutations
def _elements(root: etree._Element) -> list[etree._Element]:
    return [e for e in root.iter(etree.Element) if e is not root]


def _next_element(el: etree._Element) -> etree._Element | None:
    sibling = el.getnext()
    while sibling is not None and not isinstance(sibling.tag, str):
        sibling = sibling.getnext()
    return sibling


def _mutate(draw: Any, root: etree._Element) -> str:
    """Apply one random mutation to ``root`` in place; return what was done, for failure messages."""
    elements = _elements(root)
    el = elements[draw(st.integers(0, len(elements) - 1))]
    leaves = [e for e in elements if len(e) == 0]
    groups = [e for e in elements if len(e)]
    kind = draw(st.sampled_from(["drop", "duplicate", "swap", "move", "value", "value", "empty", "unknown", "extra"]))
    where = root.getroottree().getpath(el)
    if kind == "drop":
        el.getparent().remove(el)
    elif kind == "duplicate":
        for _ in range(draw(st.sampled_from([1, 1, 2, 9, 99]))):
            el.addnext(copy.deepcopy(el))
    elif kind == "swap":
        other = _next_element(el)
        if other is None:
            return f"swap {where} (no next sibling: unchanged)"
        el.addprevious(other)
    elif kind == "move":  # to another position among its siblings
        parent = el.getparent()
        parent.remove(el)
        parent.insert(draw(st.integers(0, len(parent))), el)
    elif kind == "value":
        leaf = leaves[draw(st.integers(0, len(leaves) - 1))]
        where = root.getroottree().getpath(leaf)
        leaf.text = _value(draw, leaf.text or "")
        return f"value {where} = {leaf.text!r}"
    elif kind == "empty":
        group = groups[draw(st.integers(0, len(groups) - 1))]
        where = root.getroottree().getpath(group)
        for child in list(group):
            group.remove(child)
    elif kind == "unknown":
        name = draw(st.sampled_from(["unknown", "LRN", "Consignment", "sequenceNumber", "name"]))
        el.addnext(etree.Element(name))
        where += f" + <{name}/>"
    else:  # extra markup: an attribute, stray text, or an element inside a data item
        extra = draw(st.sampled_from(["attribute", "text", "tail", "child"]))
        if extra == "attribute":
            el.set(draw(st.sampled_from(["PhaseID", "id", "lang"])), "NCTS5.1")
        elif extra == "text" and len(el):
            el.text = draw(st.sampled_from(["x", " \n ", "\t"]))
        elif extra == "tail":
            el.tail = draw(st.sampled_from(["x", "\n  ", " "]))
        else:
            leaf = leaves[draw(st.integers(0, len(leaves) - 1))]
            leaf.append(etree.Element("b"))
        kind = f"extra {extra}"
    return f"{kind} {where}"


@st.composite
def mutated_documents(draw: Any, seeds: st.SearchStrategy[bytes]) -> tuple[str, bytes, list[str]]:
    raw = draw(seeds)
    root = etree.fromstring(raw, etree.XMLParser(remove_comments=True, remove_blank_text=True))
    done = [_mutate(draw, root) for _ in range(draw(st.integers(1, 3)))]
    return etree.QName(root).localname, etree.tostring(root, xml_declaration=True, encoding="UTF-8"), done


def check_agreement(xsd_schemas: dict[str, Any], name: str, data: bytes, done: list[str]) -> None:
    xsd_ok = xsd_schemas[name].is_valid(data)
    event(f"XSD {'accepts' if xsd_ok else 'rejects'}")
    try:
        message = ncts5.from_xml(data)
    except ncts5.SchemaError as exc:
        assert not xsd_ok, f"ncts5 rejects what the XSD accepts after {done}:\n{exc}"
        assert exc.problems
        assert all(p.path.startswith(f"/{name}") for p in exc.problems)
        return
    if xsd_ok:  # accepted by both: what ncts5 writes is valid too and reads back the same
        out = message.to_xml()
        assert xsd_schemas[name].is_valid(out), f"to_xml is XSD-invalid after {done}"
        assert ncts5.from_xml(out) == message
        return
    errors = "\n".join(str(e) for e in list(xsd_schemas[name].iter_errors(data))[:3])
    pytest.fail(f"ncts5 accepts what the XSD rejects after {done}:\n{errors}")


@settings(SETTINGS, max_examples=500)
@given(mutated_documents(st.sampled_from(SEEDS)))
def test_structure_mutations_rejected_exactly_when_the_xsd_rejects(xsd_schemas, case):
    name, data, done = case
    check_agreement(xsd_schemas, name, data, done)


def _generated() -> st.SearchStrategy[bytes]:
    from ncts5.testing import cc015c, cc170c

    return st.one_of(cc015c(), cc170c()).map(lambda m: m.to_xml())


@settings(SETTINGS, max_examples=15)
@given(mutated_documents(_generated()))
def test_mutations_of_generated_messages_rejected_exactly_when_the_xsd_rejects(xsd_schemas, case):
    name, data, done = case
    check_agreement(xsd_schemas, name, data, done)


# ----------------------------------------------------------------------------- byte-level mutations
@st.composite
def broken_bytes(draw: Any) -> bytes:
    data = bytearray(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["truncate", "flip", "insert", "delete", "duplicate", "overwrite"]))
        at = draw(st.integers(0, len(data)))
        if kind == "truncate":
            del data[at:]
        elif kind == "flip" and at < len(data):
            data[at] ^= draw(st.integers(1, 255))
        elif kind == "insert":
            data[at:at] = draw(
                st.one_of(
                    st.binary(min_size=1, max_size=16),
                    st.sampled_from([b"<", b">", b"&", b"]]>", b"<!--", b"<?x", b"\x00", b"\xff\xfe", b"&#0;", b"<x>"]),
                )
            )
        elif kind == "delete":
            del data[at : at + draw(st.integers(1, 64))]
        elif kind == "duplicate":
            data[at:at] = data[at : at + draw(st.integers(1, 256))]
        elif kind == "overwrite" and at < len(data):
            data[at] = draw(st.sampled_from(b"<>/&'\"=;x \x00\x80"))
    return bytes(data)


def _only_ncts5_errors(data: bytes | str) -> None:
    with contextlib.suppress(ncts5.ParseError, ncts5.SchemaError):
        ncts5.from_xml(data)
    report = ncts5.validate(data)
    assert isinstance(report, Report)
    rules = [f.rule for f in report.findings]
    if "PARSE" in rules:
        assert rules == ["PARSE"] and report.message is None
    elif "SCHEMA" in rules:
        assert set(rules) <= {"SCHEMA"}
    assert report.ok == (not any(f.severity == "error" for f in report.findings))


@settings(SETTINGS, max_examples=600)
@given(broken_bytes())
def test_byte_mutations_give_only_ncts5_errors_or_a_report(data):
    _only_ncts5_errors(data)


@settings(SETTINGS, max_examples=100)
@given(broken_bytes())
def test_byte_mutations_as_text_give_only_ncts5_errors_or_a_report(data):
    text = data.decode("utf-8", "replace")
    if text.lstrip("\ufeff \t\r\n")[:1] == "<":  # other text names a file
        _only_ncts5_errors(text)


# ----------------------------------------------------------------------------- known ncts5 deviations
@pytest.mark.xfail(strict=True, reason="ncts5 stores datetime values, which cannot hold 24:00:00 (reported to lead)")
def test_end_of_day_24_00_00_is_a_valid_date_time(xsd_schemas):
    data = (EXAMPLES / "t1-road.xml").read_bytes().replace(b"T09:15:00<", b"T24:00:00<", 1)
    assert xsd_schemas["CC015C"].is_valid(data)
    ncts5.from_xml(data)


@pytest.mark.xfail(strict=True, reason="ncts5 stores datetime values, which cannot hold year 0000 (reported to lead)")
def test_year_0000_is_valid_in_xsd_1_1(xsd_schemas):
    data = (
        (EXAMPLES / "t1-road.xml")
        .read_bytes()
        .replace(b"<preparationDateAndTime>2026", b"<preparationDateAndTime>0000")
    )
    assert xsd_schemas["CC015C"].is_valid(data)
    ncts5.from_xml(data)


def test_unicode_spaces_follow_the_spec_not_xmlschema(xsd_schemas):
    """The deviation the property test steers around, pinned down: ncts5 follows XSD Part 2 and lxml."""
    raw = (EXAMPLES / "t1-road.xml").read_bytes()
    no_break = raw.replace(b"<messageSender>DE123456789012345<", "<messageSender>\u00a0<".encode(), 1)
    assert ncts5.from_xml(no_break).message_sender == "\u00a0"  # one character: matches .{1,35}
    assert not xsd_schemas["CC015C"].is_valid(no_break)  # xmlschema strips it to "" first
    padded = raw.replace(b"<sequenceNumber>1<", "<sequenceNumber>1\u00a0<".encode(), 1)
    with pytest.raises(ncts5.SchemaError, match="sequenceNumber"):
        ncts5.from_xml(padded)  # "1\u00a0" is not an integer
    assert xsd_schemas["CC015C"].is_valid(padded)  # xmlschema strips it to "1"
    from lxml import etree as lx

    from tests.conftest import XSD_DIR

    lxml_schema = lx.XMLSchema(lx.parse(str(XSD_DIR / "cc015c.xsd")))
    assert lxml_schema.validate(lx.fromstring(no_break))
    assert not lxml_schema.validate(lx.fromstring(padded))
