"""Rules on documents and references: previous, supporting and transport documents, additional
references and transport charges, final and transition period.

Each rule is one :class:`~ncts5.rules.declaration.Rule` value named by its id, with its check and
its example cases just above it (see :mod:`ncts5.rules.declaration`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from typing import TYPE_CHECKING

from ncts5.identifiers import InvalidChecksum, InvalidIdentifier, mrn
from ncts5.rules.context import Context, Outcome
from ncts5.rules.declaration import FINAL, IE015, P5_P6, P6, TRANSITION, Fires, Rule, Silent, Suspends, Undecided
from ncts5.rules.examples import T1_ROAD
from ncts5.rules.kit import (
    EXPORT_DECLARATION,
    any_in_list,
    has_security_data,
    houses_and_items,
    office_country,
    undecided,
)

if TYPE_CHECKING:
    from ncts5.messages.cc015c import (
        CC015C,
        ConsignmentItem,
        ConsignmentItemAdditionalReference,
        ConsignmentItemSupportingDocument,
    )

_HOUSE = "/CC015C/Consignment/HouseConsignment[1]"
_ITEM = f"{_HOUSE}/ConsignmentItem"

#: Declaration types of Union goods (11 01 000 000 at header or, for a mixed declaration, per item).
_UNION_TYPES = ("T2", "T2F")
#: Previous document / additional reference types of the excise movement control system (EMCS):
#: C651 the electronic administrative document (e-AD), C658 its fallback document.
_EXCISE_DOCUMENTS = ("C651", "C658")
#: Administrative reference code of an e-AD: year, Member State, 16 letters/digits, check digit.
_ARC = re.compile(r"[0-9]{2}[A-Z]{2}[A-Z0-9]{16}[0-9]")

_ARC_EXAMPLE = "24DEA1B2C3D4E5F6G7H83"
_EXPORT_MRN = "26DE000000000123E0"  # check digit 0 (ISO 6346)


def _items(m: CC015C) -> list[ConsignmentItem]:
    """The goods items of the first house consignment (the examples have one)."""
    return m.consignment.house_consignment[0].consignment_item


def _union_goods_item(msg: CC015C, item: ConsignmentItem) -> bool:
    """T2/T2F for the whole declaration, or for this goods item of a mixed (T) declaration."""
    return msg.transit_operation.declaration_type in _UNION_TYPES or item.declaration_type in _UNION_TYPES


# ------------------------------------------------------------------------------------------- shared changes


def _union_goods_from_switzerland(m: CC015C) -> None:
    m.transit_operation.declaration_type = "T2"
    m.customs_office_of_departure.reference_number = "CH001234"


def _consignment_previous_document(document_type: str, reference: str) -> Callable[[CC015C], None]:
    def change(m: CC015C) -> None:
        from ncts5.messages.cc015c import ConsignmentPreviousDocument

        _union_goods_from_switzerland(m)
        m.consignment.previous_document = [
            ConsignmentPreviousDocument(sequence_number=1, type=document_type, reference_number=reference)
        ]

    change.__name__ = f"union_goods_from_switzerland_with_consignment_{document_type}"
    return change


def _house_previous_document(reference: str, *, additional_declaration_type: str = "A") -> Callable[[CC015C], None]:
    def change(m: CC015C) -> None:
        from ncts5.messages.cc015c import HouseConsignmentPreviousDocument

        m.transit_operation.additional_declaration_type = additional_declaration_type
        m.consignment.house_consignment[0].previous_document = [
            HouseConsignmentPreviousDocument(sequence_number=1, type=EXPORT_DECLARATION, reference_number=reference)
        ]

    change.__name__ = f"house_consignment_export_{reference}"
    if additional_declaration_type != "A":
        change.__name__ += f"_declaration_type_{additional_declaration_type}"
    return change


# ------------------------------------------------------------------------------------------- C0035


def _c0035(ctx: Context[CC015C]) -> Iterator[Outcome]:
    msg = ctx.message
    if msg.consignment.previous_document:
        return
    country = office_country(msg.customs_office_of_departure.reference_number)
    for _, item in houses_and_items(msg):
        if item.previous_document or not _union_goods_item(msg, item):
            continue
        ctc = ctx.in_list("CL112", country)
        if ctc is None:
            yield ctx.unchecked(undecided("CL112", country), ctx.path(item, "previous_document"))
        elif ctc:
            text = (
                f"Union goods (T2/T2F) leaving {country} must prove their status: give a "
                f"{ctx.label(item, 'previous_document')} for this goods item or one for the whole consignment"
            )
            yield ctx.violation(item, "previous_document", text, code=13)


def _union_goods_from_switzerland_second_item_without_document(m: CC015C) -> None:
    _union_goods_from_switzerland(m)
    _items(m)[1].previous_document = []


def _mixed_declaration_from_switzerland_without_documents(m: CC015C) -> None:
    m.transit_operation.declaration_type = "T"
    m.customs_office_of_departure.reference_number = "CH001234"
    _items(m)[0].declaration_type, _items(m)[1].declaration_type = "T1", "T2F"
    for item in _items(m):
        item.previous_document = []


def _union_goods_from_switzerland_with_consignment_document_only(m: CC015C) -> None:
    _consignment_previous_document("N825", "T2L-4711")(m)
    for item in _items(m):
        item.previous_document = []


def _union_goods_from_germany_without_documents(m: CC015C) -> None:
    m.transit_operation.declaration_type = "T2"
    for item in _items(m):
        item.previous_document = []


C0035 = Rule(
    "C0035",
    "Union goods (T2/T2F) leaving a CTC country need a previous document per item unless one covers the consignment.",
    messages=IE015,
    checks="When the declaration (or, for a mixed declaration, the goods item) is T2 or T2F and the office of "
    "departure is in a common transit country outside the Union (CL112), every such goods item has a 12 01 000 000 "
    "PREVIOUS DOCUMENT, unless one is declared for the whole consignment.",
    why="Goods leaving a common transit country keep their Union status only when a document proves it; customs "
    "at departure cannot accept T2 or T2F without that proof.",
    fix="Add the previous document proving Union status (T2L, T2LF, the earlier T2 declaration...) to each goods "
    "item, or once for the whole consignment.",
    check=_c0035,
    cases=(
        Fires(
            T1_ROAD,
            _union_goods_from_switzerland_second_item_without_document,
            at=f"{_ITEM}[2]/PreviousDocument",
            code=13,
            says="leaving CH",
        ),
        Fires(T1_ROAD, _mixed_declaration_from_switzerland_without_documents, at=f"{_ITEM}[2]/PreviousDocument"),
        Silent(T1_ROAD),
        Silent(T1_ROAD, _union_goods_from_switzerland_with_consignment_document_only),
        Silent(T1_ROAD, _union_goods_from_germany_without_documents),
        Undecided(
            T1_ROAD,
            _union_goods_from_switzerland_second_item_without_document,
            at=f"{_ITEM}[2]/PreviousDocument",
            without_lists=("CL112",),
        ),
    ),
    releases=P5_P6,
)

# ------------------------------------------------------------------------------------------- R0020


def _r0020(ctx: Context[CC015C]) -> Iterator[Outcome]:
    msg = ctx.message
    country = office_country(msg.customs_office_of_departure.reference_number)
    consignment_types = [d.type for d in msg.consignment.previous_document]
    for _, item in houses_and_items(msg):
        if not _union_goods_item(msg, item):
            continue
        ctc = ctx.in_list("CL112", country)
        if ctc is None:
            yield ctx.unchecked(undecided("CL112", country), ctx.path(item, "previous_document"))
            continue
        if not ctc:
            continue
        types = consignment_types + [d.type for d in item.previous_document]
        proven = any_in_list(ctx, "CL178", types)
        if proven is None:
            unknown = next(t for t in types if ctx.in_list("CL178", t) is None)
            yield ctx.unchecked(undecided("CL178", unknown), ctx.path(item, "previous_document"))
        elif not proven:
            text = (
                f"Union goods (T2/T2F) leaving {country} must refer to a document proving their Union status "
                f"(a T2/T2F declaration or T2L/T2LF document, code list CL178): add such a "
                f"{ctx.label(item, 'previous_document')} for this goods item or for the consignment"
            )
            yield ctx.violation(item, "previous_document", text)


def _t2l_per_item(m: CC015C) -> None:
    from ncts5.messages.cc015c import ConsignmentItemPreviousDocument

    _union_goods_from_switzerland(m)
    for item in _items(m):
        item.previous_document.append(
            ConsignmentItemPreviousDocument(sequence_number=2, type="N825", reference_number="T2L-4711")
        )


def _t1_from_switzerland(m: CC015C) -> None:
    m.customs_office_of_departure.reference_number = "CH001234"


R0020 = Rule(
    "R0020",
    "Union goods (T2/T2F) leaving a CTC country cite a previous document proving Union status (CL178).",
    messages=IE015,
    needs="code list CL178 (PreviousDocumentUnionGoods)",
    reason="needs code list CL178 (PreviousDocumentUnionGoods), packaged with ncts5; a newer edition is imported "
    "with `ncts5 codelists import RD_NCTS-P5.json.gz`",
    checks="When the declaration (or, for a mixed declaration, the goods item) is T2 or T2F and the office of "
    "departure is in a common transit country outside the Union (CL112), each such goods item, or the whole "
    "consignment, cites a previous document of a type in CL178 (PreviousDocumentUnionGoods).",
    why="Only a T2/T2F declaration or a T2L/T2LF document proves that goods leaving a common transit country are "
    "Union goods; any other previous document leaves their status unproven.",
    fix="Cite the T2L/T2LF document or the earlier T2/T2F declaration that proves the goods' Union status.",
    check=_r0020,
    cases=(
        Fires(
            T1_ROAD,
            _union_goods_from_switzerland,
            at=(f"{_ITEM}[1]/PreviousDocument", f"{_ITEM}[2]/PreviousDocument"),
            code=14,
            says="code list CL178",
        ),
        Silent(T1_ROAD, _t2l_per_item),
        Silent(T1_ROAD, _consignment_previous_document("N822", "26CH0000000001234")),
        Silent(T1_ROAD, _t1_from_switzerland),
        Undecided(T1_ROAD, _union_goods_from_switzerland, at=f"{_ITEM}[1]/PreviousDocument", without_lists=("CL178",)),
    ),
    releases=P5_P6,
)

# ------------------------------------------------------------------------------------------- C0298


def _c0298(ctx: Context[CC015C]) -> Iterator[Outcome]:
    for _, item in houses_and_items(ctx.message):
        for d in item.previous_document:
            unit = ctx.label(d, "measurement_unit_and_qualifier")
            if d.quantity is not None and d.measurement_unit_and_qualifier is None:
                yield ctx.violation(d, "measurement_unit_and_qualifier", f"a quantity is given: give {unit}", code=13)
            elif d.quantity is None and d.measurement_unit_and_qualifier is not None:
                text = f"no {ctx.label(d, 'quantity')} is given: remove {unit}"
                yield ctx.violation(d, "measurement_unit_and_qualifier", text, code=15)


def _quantity(m: CC015C) -> None:
    _items(m)[0].previous_document[0].quantity = Decimal("12")


def _unit(m: CC015C) -> None:
    _items(m)[0].previous_document[0].measurement_unit_and_qualifier = "KGM"


def _quantity_and_unit(m: CC015C) -> None:
    _quantity(m)
    _unit(m)


_UNIT = f"{_ITEM}[1]/PreviousDocument[1]/measurementUnitAndQualifier"

C0298 = Rule(
    "C0298",
    "A previous document's measurement unit is given exactly when its quantity is.",
    messages=IE015,
    checks="12 01 005 000 Measurement unit and qualifier of a goods item's previous document is present exactly "
    "when its 12 01 006 000 Quantity is.",
    why="A quantity means nothing without its unit, and a unit without a quantity describes nothing.",
    fix="Give the unit with the quantity, or remove the unit when no quantity is written off the document.",
    check=_c0298,
    cases=(
        Fires(T1_ROAD, _quantity, at=_UNIT, code=13),
        Fires(T1_ROAD, _unit, at=_UNIT, code=15, says="remove 12 01 005 000"),
        Silent(T1_ROAD),
        Silent(T1_ROAD, _quantity_and_unit),
    ),
    releases=P5_P6,
)

# ------------------------------------------------------------------------------------------- B1000 (transition)


def _b1000(ctx: Context[CC015C]) -> Iterator[Outcome]:
    for _, item in houses_and_items(ctx.message):
        exports = [i for i, d in enumerate(item.previous_document) if d.type == EXPORT_DECLARATION]
        for index in exports[1:]:
            text = (
                "during the transition period a goods item refers to at most one export declaration (N830): "
                "split the goods item so that each one cites a single export MRN"
            )
            yield ctx.violation(item, "previous_document", text, index=index)


def _second_export_on_item_2(m: CC015C) -> None:
    from ncts5.messages.cc015c import ConsignmentItemPreviousDocument

    _items(m)[1].previous_document.append(
        ConsignmentItemPreviousDocument(
            sequence_number=2, type=EXPORT_DECLARATION, reference_number="26DE000000000124E2"
        )
    )


B1000 = Rule(
    "B1000",
    "Transition period: at most one export MRN (previous document N830) per goods item.",
    messages=IE015,
    phases=TRANSITION,
    error_code=50,
    checks="During the transition period each goods item cites at most one previous document of type N830 "
    "(export declaration).",
    why="Until TPendDate an export followed by transit may carry the export MRN on the goods item, and the "
    "phase 4 message customs convert the declaration into has room for one export MRN per item.",
    fix="Split the goods item so that each one cites a single export MRN.",
    check=_b1000,
    cases=(
        Fires(T1_ROAD, _second_export_on_item_2, at=f"{_ITEM}[2]/PreviousDocument[2]", phase="transition", code=50),
        Silent(T1_ROAD, phase="transition"),
    ),
)

# ------------------------------------------------------------------------------------------- G0991 (final)


def _g0991(ctx: Context[CC015C]) -> Iterator[Outcome]:
    for house, item in houses_and_items(ctx.message):
        for d in item.previous_document:
            if d.type == EXPORT_DECLARATION:
                text = (
                    "after the transition period N830 (export declaration) is valid only in the house consignment's "
                    f"{ctx.label(house, 'previous_document')} (CL228): move the export MRN there"
                )
                yield ctx.violation(d, "type", text)


def _export_at_house_level(m: CC015C) -> None:
    _house_previous_document(_EXPORT_MRN)(m)
    for item in _items(m):
        item.previous_document = []


G0991 = Rule(
    "G0991",
    "After the transition period, N830 (export) is declared at house consignment level, not per item.",
    messages=IE015,
    phases=FINAL,
    checks="After the transition period no goods item's previous document has type N830 (export declaration).",
    why="From TPendDate N830 belongs only to CL228 (PreviousDocumentExportType), used by the house consignment's "
    "previous document to mark an export followed by transit; at item level it is no longer a valid type.",
    fix="Move the export MRN to the house consignment's previous document (type N830).",
    check=_g0991,
    cases=(
        Fires(T1_ROAD, at=(f"{_ITEM}[1]/PreviousDocument[1]/type", f"{_ITEM}[2]/PreviousDocument[1]/type")),
        Silent(T1_ROAD, _export_at_house_level),
    ),
)

# ------------------------------------------------------------------------------------------- G0026


def _g0026(ctx: Context[CC015C]) -> Iterator[Outcome]:
    op = ctx.message.transit_operation
    additional = op.additional_declaration_type
    for house in ctx.message.consignment.house_consignment:
        for index, d in enumerate(house.previous_document):
            if index > 0:
                text = (
                    "a house consignment should refer to one export declaration only: move the goods of the "
                    "other export declarations to their own house consignment"
                )
                yield ctx.violation(house, "previous_document", text, index=index)
            elif additional != "A":
                text = (
                    f"a house consignment previous document belongs to a standard declaration "
                    f"({ctx.label(op, 'additional_declaration_type')} A), not type {additional}: remove it or lodge "
                    "a standard declaration"
                )
                yield ctx.violation(house, "previous_document", text, index=index)
            elif d.type != EXPORT_DECLARATION:
                text = f"a house consignment previous document is the export declaration (N830), not {d.type}"
                yield ctx.violation(d, "type", text)


def _two_house_exports(m: CC015C) -> None:
    from ncts5.messages.cc015c import HouseConsignmentPreviousDocument

    _house_previous_document(_EXPORT_MRN)(m)
    m.consignment.house_consignment[0].previous_document.append(
        HouseConsignmentPreviousDocument(
            sequence_number=2, type=EXPORT_DECLARATION, reference_number="26DE000000000124E2"
        )
    )


def _house_document_of_other_type(m: CC015C) -> None:
    _house_previous_document(_EXPORT_MRN)(m)
    m.consignment.house_consignment[0].previous_document[0].type = "N337"


G0026 = Rule(
    "G0026",
    "A house consignment cites at most one previous document: the export (N830) of a standard declaration.",
    messages=IE015,
    checks="A house consignment's 12 01 000 000 PREVIOUS DOCUMENT occurs at most once, only on a standard "
    "declaration (additional declaration type A) and only as the export declaration (N830).",
    why="The house consignment's previous document marks an export followed by transit; NCTS matches one export "
    "MRN per house consignment against the export system, and there is no export to match on a pre-lodged "
    "declaration.",
    fix="Keep one export MRN per house consignment (give the goods of other exports their own house "
    "consignment), and lodge a standard declaration.",
    check=_g0026,
    cases=(
        Fires(T1_ROAD, _two_house_exports, at=f"{_HOUSE}/PreviousDocument[2]"),
        Fires(
            T1_ROAD,
            _house_previous_document(_EXPORT_MRN, additional_declaration_type="D"),
            at=f"{_HOUSE}/PreviousDocument[1]",
            says="not type D",
        ),
        Fires(T1_ROAD, _house_document_of_other_type, at=f"{_HOUSE}/PreviousDocument[1]/type", says="not N337"),
        Silent(T1_ROAD),
        Silent(T1_ROAD, _house_previous_document(_EXPORT_MRN)),
    ),
    releases=P5_P6,
)

# ------------------------------------------------------------------------------------------- R0416


def _export_mrn_problem(ref: str) -> str | None:
    """What keeps ``ref``, as written, from being an export MRN (checked by :mod:`ncts5.identifiers.mrn`)."""
    if mrn.compact(ref) != ref:
        return "is not an MRN (18 capital letters or digits, without spaces or separators)"
    try:
        mrn.validate(ref, countries=False)  # as before: customs know the country; skip loading pycountry
    except InvalidChecksum as e:
        if ref[16] in "ABE":
            return f"has a wrong check digit: {e}"
    except InvalidIdentifier as e:
        return f"is not an MRN (year, country code, 12 letters or digits, procedure letter, check digit): {e}"
    if ref[16] not in "ABE":
        return f"is not an export MRN (its 17th character is {ref[16]}, not A, B or E)"
    return None


def _r0416(ctx: Context[CC015C]) -> Iterator[Outcome]:
    for house in ctx.message.consignment.house_consignment:
        for d in house.previous_document:
            ref = d.reference_number
            problem = _export_mrn_problem(ref)
            if problem is None:
                continue
            label = ctx.label(d, "reference_number")
            yield ctx.violation(d, "reference_number", f"{label} {problem}: give the MRN of the export declaration")


_HOUSE_REFERENCE = f"{_HOUSE}/PreviousDocument[1]/referenceNumber"

R0416 = Rule(
    "R0416",
    "A house consignment's previous document is an export MRN (procedure letter A, B or E).",
    messages=IE015,
    checks="The reference number of a house consignment's previous document is an MRN (18 characters with an "
    "ISO 6346 check digit) whose 17th character is A, B or E (export, export and exit summary, dispatch to a "
    "special fiscal territory).",
    why="The house consignment's previous document names the export declaration that the transit follows; NCTS "
    "looks it up by its MRN, which must be one the export system issued.",
    fix="Copy the export declaration's MRN exactly as the export system issued it.",
    check=_r0416,
    cases=(
        Fires(
            T1_ROAD,
            _house_previous_document("26DE000000000123T5"),
            at=_HOUSE_REFERENCE,
            code=14,
            says="not an export MRN",
        ),
        Fires(T1_ROAD, _house_previous_document("26DE000000000123E1"), at=_HOUSE_REFERENCE, says="wrong check digit"),
        Fires(T1_ROAD, _house_previous_document("EXPORT-4711"), at=_HOUSE_REFERENCE, says="is not an MRN"),
        Silent(T1_ROAD),
        Silent(T1_ROAD, _house_previous_document(_EXPORT_MRN)),
    ),
    releases=P5_P6,
)

# ------------------------------------------------------------------------------------------- G0058


def _g0058(ctx: Context[CC015C]) -> Iterator[Outcome]:
    for _, item in houses_and_items(ctx.message):
        for d in item.previous_document:
            if d.type in _EXCISE_DOCUMENTS and d.goods_item_number is None:
                text = (
                    f"for an excise document ({d.type}) give the unique body reference (UBR) in "
                    f"{ctx.label(d, 'goods_item_number')}"
                )
                yield ctx.violation(d, "goods_item_number", text, code=13)


def _excise_previous_document(goods_item_number: int | None) -> Callable[[CC015C], None]:
    def change(m: CC015C) -> None:
        from ncts5.messages.cc015c import ConsignmentItemPreviousDocument

        _items(m)[0].previous_document = [
            ConsignmentItemPreviousDocument(
                sequence_number=1, type="C651", reference_number=_ARC_EXAMPLE, goods_item_number=goods_item_number
            )
        ]

    change.__name__ = "e_ad_previous_document" + ("_with_ubr" if goods_item_number is not None else "")
    return change


G0058 = Rule(
    "G0058",
    "A previous document of an excise type (C651/C658) records the UBR in its goods item number.",
    messages=IE015,
    checks="A goods item's previous document of type C651 (e-AD) or C658 (fallback e-AD) gives 12 01 007 000 "
    "Goods item number.",
    why="For an excise document that field carries the unique body reference (UBR), which identifies the body "
    "record of the e-AD the goods item corresponds to.",
    fix="Give the UBR of the e-AD's body record in the goods item number.",
    check=_g0058,
    cases=(
        Fires(T1_ROAD, _excise_previous_document(None), at=f"{_ITEM}[1]/PreviousDocument[1]/goodsItemNumber", code=13),
        Silent(T1_ROAD),
        Silent(T1_ROAD, _excise_previous_document(1)),
    ),
    releases=P5_P6,
)

# ------------------------------------------------------------------------------------------- G0050, G0424, G0414


def _arc_findings(
    ctx: Context[CC015C],
    docs: Iterable[ConsignmentItemAdditionalReference | ConsignmentItemSupportingDocument],
    what: str,
) -> Iterator[Outcome]:
    for d in docs:
        ref = d.reference_number
        if d.type == "C651" and ref not in (None, "0") and not _ARC.fullmatch(ref):
            text = (
                f"for an e-AD (C651) {ctx.label(d, 'reference_number')} of the {what} is the ARC "
                "(21 characters: year, Member State code, 16 letters or digits, check digit): give the ARC"
            )
            yield ctx.violation(d, "reference_number", text)


def _item_additional_reference_arcs(ctx: Context[CC015C]) -> Iterator[Outcome]:
    for _, item in houses_and_items(ctx.message):
        yield from _arc_findings(ctx, item.additional_reference, "additional reference")


def _item_additional_reference(document_type: str, reference: str | None) -> Callable[[CC015C], None]:
    def change(m: CC015C) -> None:
        from ncts5.messages.cc015c import ConsignmentItemAdditionalReference

        _items(m)[0].additional_reference = [
            ConsignmentItemAdditionalReference(sequence_number=1, type=document_type, reference_number=reference)
        ]

    change.__name__ = f"item_additional_reference_{document_type}_{reference or 'without_number'}"
    return change


_ITEM_REFERENCE = f"{_ITEM}[1]/AdditionalReference[1]/referenceNumber"
_ARC_CASES = (
    Fires(T1_ROAD, _item_additional_reference("C651", "EAD-123"), at=_ITEM_REFERENCE, code=14, says="give the ARC"),
    Silent(T1_ROAD),
    Silent(T1_ROAD, _item_additional_reference("C651", _ARC_EXAMPLE)),
    Silent(T1_ROAD, _item_additional_reference("C658", "FALLBACK-DE-1")),
    Silent(T1_ROAD, _item_additional_reference("Y015", "X")),
)

G0050 = Rule(
    "G0050",
    "An additional reference of type C651 carries the ARC of the e-AD.",
    messages=IE015,
    checks="A goods item's additional reference of type C651 (e-AD) has a reference number shaped like an ARC "
    "(21 characters: year, Member State, 16 letters or digits, check digit), unless it is '0'.",
    why="The administrative reference code (ARC) is how the excise system (EMCS) identifies the e-AD; customs "
    "cannot find the excise movement under any other number.",
    fix="Copy the ARC from the e-AD (for a fallback document, C658, its fallback reference number).",
    check=_item_additional_reference_arcs,
    cases=_ARC_CASES,
    releases=P5_P6,
)

G0424 = Rule(
    "G0424",
    "An item's additional reference of type C651 records the ARC (C658: the national fallback number).",
    messages=IE015,
    checks="A goods item's additional reference of type C651 (e-AD) has a reference number shaped like an ARC "
    "(21 characters: year, Member State, 16 letters or digits, check digit), unless it is '0'.",
    why="For excise goods the additional reference links the transit to the excise movement in EMCS, which knows "
    "it by its ARC; a fallback document (C658) is known by its national fallback number instead.",
    fix="Copy the ARC from the e-AD (for C658, the national fallback registration number).",
    check=_item_additional_reference_arcs,
    cases=_ARC_CASES,
    releases=P5_P6,
)


def _g0414(ctx: Context[CC015C]) -> Iterator[Outcome]:
    for _, item in houses_and_items(ctx.message):
        yield from _arc_findings(ctx, item.supporting_document, "supporting document")


def _item_supporting_e_ad(reference: str) -> Callable[[CC015C], None]:
    def change(m: CC015C) -> None:
        from ncts5.messages.cc015c import ConsignmentItemSupportingDocument

        _items(m)[1].supporting_document = [
            ConsignmentItemSupportingDocument(sequence_number=1, type="C651", reference_number=reference)
        ]

    change.__name__ = f"item_2_supporting_e_ad_{reference}"
    return change


G0414 = Rule(
    "G0414",
    "An item's supporting document of type C651 records the ARC (C658: the national fallback number).",
    messages=IE015,
    checks="A goods item's supporting document of type C651 (e-AD) has a reference number shaped like an ARC "
    "(21 characters: year, Member State, 16 letters or digits, check digit), unless it is '0'.",
    why="Excise goods moving under an e-AD through a common transit country are linked to EMCS by the ARC; a "
    "fallback document (C658) is known by its national fallback number instead.",
    fix="Copy the ARC from the e-AD (for C658, the national fallback registration number).",
    check=_g0414,
    cases=(
        Fires(T1_ROAD, _item_supporting_e_ad("EAD-123"), at=f"{_ITEM}[2]/SupportingDocument[1]/referenceNumber"),
        Silent(T1_ROAD),
        Silent(T1_ROAD, _item_supporting_e_ad(_ARC_EXAMPLE)),
    ),
    releases=P5_P6,
)

# ------------------------------------------------------------------------------------------- C0015, R0023


def _c0015(ctx: Context[CC015C]) -> Iterator[Outcome]:
    for _, item in houses_and_items(ctx.message):
        for ref in item.additional_reference:
            if ref.reference_number is not None:
                continue
            excise = ctx.in_list("CL234", ref.type)
            if excise is None:
                yield ctx.unchecked(undecided("CL234", ref.type), ctx.path(ref, "reference_number"))
            elif excise:
                text = (
                    f"an excise document ({ref.type}) is identified by its number: give "
                    f"{ctx.label(ref, 'reference_number')} (the ARC or the fallback reference)"
                )
                yield ctx.violation(ref, "reference_number", text, code=13)


C0015 = Rule(
    "C0015",
    "An item's additional reference of an excise type (CL234) needs a reference number.",
    messages=IE015,
    checks="A goods item's additional reference whose type is in CL234 (DocumentTypeExcise) gives 12 04 001 000 "
    "Reference number; for other types it is optional.",
    why="An excise document is identified only by its number (the ARC of the e-AD or the fallback reference); "
    "the type alone does not tell customs which excise movement the goods belong to.",
    fix="Give the ARC (C651) or the fallback reference number (C658) of the excise document.",
    check=_c0015,
    cases=(
        Fires(T1_ROAD, _item_additional_reference("C658", None), at=_ITEM_REFERENCE, code=13),
        Silent(T1_ROAD),
        Silent(T1_ROAD, _item_additional_reference("Y015", None)),
        Undecided(T1_ROAD, _item_additional_reference("C658", None), at=_ITEM_REFERENCE, without_lists=("CL234",)),
    ),
    releases=P5_P6,
)


def _r0023(ctx: Context[CC015C]) -> Iterator[Outcome]:
    for _, item in houses_and_items(ctx.message):
        for ref in item.additional_reference:
            if ref.reference_number != "0":
                continue
            excise = ctx.in_list("CL234", ref.type)
            if excise is None:
                yield ctx.unchecked(undecided("CL234", ref.type), ctx.path(ref, "reference_number"))
            elif excise:
                text = (
                    f"'0' (number unknown) is not accepted for an excise document ({ref.type}): give "
                    f"the ARC or fallback reference in {ctx.label(ref, 'reference_number')}"
                )
                yield ctx.violation(ref, "reference_number", text)


R0023 = Rule(
    "R0023",
    "An item's additional reference of an excise type (CL234) has a real reference number, not '0'.",
    messages=IE015,
    checks="A goods item's additional reference whose type is in CL234 (DocumentTypeExcise) does not give '0' as "
    "its reference number.",
    why="'0' stands for a document number that is unknown or too long (G0321); an excise document's number is "
    "always known, and customs need it to find the excise movement.",
    fix="Give the ARC (C651) or the fallback reference number (C658) instead of '0'.",
    check=_r0023,
    cases=(
        Fires(T1_ROAD, _item_additional_reference("C651", "0"), at=_ITEM_REFERENCE, code=14, says="'0'"),
        Silent(T1_ROAD),
        Silent(T1_ROAD, _item_additional_reference("Y015", "0")),
        Undecided(T1_ROAD, _item_additional_reference("C651", "0"), at=_ITEM_REFERENCE, without_lists=("CL234",)),
    ),
    releases=P5_P6,
)

# ------------------------------------------------------------------------------------------- not checkable

G0068 = Rule(
    "G0068",
    "After an export of excise goods, the export's previous documents map to the item's additional references.",
    messages=IE015,
    reason="needs the related export declaration, which only the export system holds",
    checks="Nothing ncts5 can see: for an export of excise goods followed by transit, the goods item's additional "
    "references (types of CL234) should repeat the previous documents of the export declaration's goods item.",
    why="The transit must carry the excise documents the export declared, so that the movement stays linked to "
    "EMCS; only the export declaration shows which those are.",
    fix="Copy the excise documents of the export declaration's goods item into the transit goods item's "
    "additional references.",
    cases=(Undecided(T1_ROAD),),
)

G0068_P6 = Rule(
    "G0068",
    "After an export of excise goods, the export's previous documents map to the item's additional references.",
    messages=IE015,
    releases=P6,
    reason="needs the related export declaration, which only the export system holds",
    checks="Nothing ncts5 can see: for an export of excise goods followed by transit, the goods item's additional "
    "references (types of CL234) should repeat the previous documents of the export declaration's goods item. "
    "Unlike Phase 5, the text also names the opt-in administrations' forms CCA15D and CCA13D beside CC015C and "
    "CC013C.",
    why="The transit must carry the excise documents the export declared, so that the movement stays linked to "
    "EMCS; only the export declaration shows which those are.",
    fix="Copy the excise documents of the export declaration's goods item into the transit goods item's "
    "additional references.",
    cases=(Undecided(T1_ROAD),),
)

G0069 = Rule(
    "G0069",
    "An item's supporting documents may carry EMCS documents (CL234) for excise goods moving via a CTC country.",
    messages=IE015,
    reason="advice only: it describes a permitted use and sets no condition a message could break, so there is "
    "nothing to decide",
    checks="Nothing: the guideline allows excise documents (CL234) among a goods item's supporting documents for "
    "excise goods moving between Member States through a common transit country.",
    why="Customs never reject a declaration for it; it tells the declarant where such documents may go.",
    fix="Nothing to fix; declare the e-AD as a supporting document where the guideline allows it.",
    cases=(Undecided(T1_ROAD),),
    releases=P5_P6,
)

G0057 = Rule(
    "G0057",
    "Common code lists may be extended nationally; purely national codes stay out of common domain messages.",
    messages=IE015,
    reason="needs the national code list extensions of the country concerned; the common lists are checked "
    "by the code list checks",
    checks="Nothing ncts5 can see: a national code may only appear in national messages, never in a message of "
    "the common domain.",
    why="Other countries' systems know only the common code lists; a code their systems cannot read would stop "
    "the movement at the office of transit or destination.",
    fix="Use codes of the common code lists in the declaration.",
    cases=(Undecided(T1_ROAD),),
    releases=P5_P6,
)

G0321 = Rule(
    "G0321",
    "A document reference number may be '0' when the number is missing or longer than 70 characters.",
    messages=IE015,
    reason="needs the records of the authority that issued the document: only they tell a dummy number from a "
    "real one ('0' itself is always allowed)",
    checks="Nothing ncts5 can decide: a missing or over-long document number is declared as '0', never as a dummy "
    "or truncated number.",
    why="A dummy or truncated number points to a document that does not exist; '0' tells customs honestly that the "
    "number is not available, which is not a reason to reject the declaration.",
    fix="Declare '0' instead of inventing or truncating a document number.",
    cases=(Undecided(T1_ROAD),),
    releases=P5_P6,
)

# ------------------------------------------------------------------------------------------- B1814 (transition)


def _item_additional_information_30600(m: CC015C) -> None:
    from ncts5.messages.cc015c import ConsignmentItemAdditionalInformation

    _items(m)[0].additional_information = [ConsignmentItemAdditionalInformation(sequence_number=1, code="30600")]


B1814 = Rule(
    "B1814",
    "Transition period: R3061 (no code 30600 on goods items) is suspended.",
    messages=IE015,
    phases=TRANSITION,
    error_code=50,
    suspends=("R3061",),
    checks="During the transition period R3061 is switched off: a goods item's additional information may carry "
    "code 30600.",
    why="Until TPendDate customs convert the declaration into the phase 4 message, which carries this additional "
    "information on the goods item.",
    fix="Nothing to fix during the transition period; after it, declare code 30600 as R3061 requires.",
    cases=(Suspends(T1_ROAD, _item_additional_information_30600),),
)

# ------------------------------------------------------------------------------------------- C0186, C0337, B1875


def _c0186(ctx: Context[CC015C]) -> Iterator[Outcome]:
    op = ctx.message.transit_operation
    if op.security != "0":
        return
    consignment = ctx.message.consignment
    text = (
        f"{ctx.label(op, 'security')} is 0 (no entry or exit summary declaration): remove "
        f"{ctx.label(consignment, 'transport_charges')}"
    )
    if consignment.transport_charges is not None:
        yield ctx.violation(consignment, "transport_charges", text, code=15)
    for house in consignment.house_consignment:
        if house.transport_charges is not None:
            yield ctx.violation(house, "transport_charges", text, code=15)


def _consignment_charges(m: CC015C) -> None:
    from ncts5.messages.cc015c import ConsignmentTransportCharges

    m.consignment.transport_charges = ConsignmentTransportCharges(method_of_payment="A")


def _house_charges(m: CC015C) -> None:
    from ncts5.messages.cc015c import HouseConsignmentTransportCharges

    m.consignment.house_consignment[0].transport_charges = HouseConsignmentTransportCharges(method_of_payment="A")


def _item_charges(m: CC015C) -> None:
    from ncts5.messages.cc015c import ConsignmentItemTransportCharges

    _items(m)[0].transport_charges = ConsignmentItemTransportCharges(method_of_payment="A")


def _consignment_and_house_charges(m: CC015C) -> None:
    _consignment_charges(m)
    _house_charges(m)


def _exit_summary(m: CC015C) -> None:
    m.transit_operation.security = "2"


def _exit_summary_with_consignment_charges(m: CC015C) -> None:
    _exit_summary(m)
    _consignment_charges(m)


def _exit_summary_with_consignment_and_house_charges(m: CC015C) -> None:
    _exit_summary(m)
    _consignment_and_house_charges(m)


def _exit_summary_with_house_charges(m: CC015C) -> None:
    _exit_summary(m)
    _house_charges(m)


C0186 = Rule(
    "C0186",
    "Transport charges are not declared when security is 0 (no safety and security data).",
    messages=IE015,
    checks="With 11 07 000 000 Security 0 neither the consignment nor a house consignment declares 14 02 000 000 "
    "TRANSPORT CHARGES; with safety and security data they are optional.",
    why="The method of payment of transport charges is safety and security data for the entry or exit summary "
    "declaration; a declaration without one has no use for it.",
    fix="Remove the transport charges, or declare the safety and security data (security 1, 2 or 3) they belong to.",
    check=_c0186,
    cases=(
        Fires(
            T1_ROAD,
            _consignment_and_house_charges,
            at=("/CC015C/Consignment/TransportCharges", f"{_HOUSE}/TransportCharges"),
            code=15,
        ),
        Silent(T1_ROAD),
        Silent(T1_ROAD, _exit_summary_with_consignment_charges),
    ),
    releases=P5_P6,
)


def _c0337(ctx: Context[CC015C]) -> Iterator[Outcome]:
    consignment = ctx.message.consignment
    if consignment.transport_charges is None:
        return
    for house in consignment.house_consignment:
        if house.transport_charges is not None:
            text = (
                f"{ctx.label(house, 'transport_charges')} are already declared for the whole consignment: "
                "remove them from the house consignment"
            )
            yield ctx.violation(house, "transport_charges", text, code=15)


C0337 = Rule(
    "C0337",
    "Transport charges declared for the consignment are not repeated per house consignment.",
    messages=IE015,
    checks="When the consignment declares 14 02 000 000 TRANSPORT CHARGES, no house consignment declares them too.",
    why="The method of payment is stated once, at the level it applies to; two levels could contradict each other.",
    fix="Declare the transport charges either for the whole consignment or per house consignment.",
    check=_c0337,
    cases=(
        Fires(T1_ROAD, _exit_summary_with_consignment_and_house_charges, at=f"{_HOUSE}/TransportCharges", code=15),
        Silent(T1_ROAD),
        Silent(T1_ROAD, _exit_summary_with_house_charges),
    ),
    releases=P5_P6,
)


def _b1875(ctx: Context[CC015C]) -> Iterator[Outcome]:
    op = ctx.message.transit_operation
    consignment = ctx.message.consignment
    if op.security == "0":
        why = f"{ctx.label(op, 'security')} is 0"
    elif consignment.transport_charges is not None:
        why = "the consignment already declares its transport charges"
    else:
        return
    for _, item in houses_and_items(ctx.message):
        if item.transport_charges is not None:
            text = f"{why}: remove {ctx.label(item, 'transport_charges')} from the goods item"
            yield ctx.violation(item, "transport_charges", text)


def _exit_summary_with_item_charges(m: CC015C) -> None:
    _exit_summary(m)
    _item_charges(m)


def _exit_summary_with_consignment_and_item_charges(m: CC015C) -> None:
    _exit_summary_with_consignment_charges(m)
    _item_charges(m)


_ITEM_CHARGES = f"{_ITEM}[1]/TransportCharges"

B1875 = Rule(
    "B1875",
    "Transition period: no item transport charges when security is 0 or the consignment declares them.",
    messages=IE015,
    phases=TRANSITION,
    error_code=50,
    checks="During the transition period a goods item declares no 14 02 000 000 TRANSPORT CHARGES when security "
    "is 0 or when the consignment already declares them.",
    why="Until TPendDate the goods item may carry the method of payment (as in phase 4), but only as safety and "
    "security data and only once per declaration.",
    fix="Remove the goods item's transport charges.",
    check=_b1875,
    cases=(
        Fires(T1_ROAD, _item_charges, at=_ITEM_CHARGES, phase="transition", code=50, says="Security is 0"),
        Fires(
            T1_ROAD,
            _exit_summary_with_consignment_and_item_charges,
            at=_ITEM_CHARGES,
            phase="transition",
            says="already declares",
        ),
        Silent(T1_ROAD, phase="transition"),
        Silent(T1_ROAD, _exit_summary_with_item_charges, phase="transition"),
    ),
)

# ------------------------------------------------------------------------------------------- B1896 (transition)


def _b1896(ctx: Context[CC015C]) -> Iterator[Outcome]:
    op = ctx.message.transit_operation
    if not has_security_data(op.security) or op.declaration_type == "TIR":
        return
    if ctx.message.consignment.reference_number_ucr is not None:
        return
    items = [item for _, item in houses_and_items(ctx.message)]
    if not items or any(i.reference_number_ucr is not None for i in items):
        return
    why = (
        f"during the transition period a declaration with security {op.security} and no reference number UCR "
        "needs a transport document on its first goods item"
    )
    yield from ctx.require(items[0], "transport_document", why, code=None)


def _entry_summary(m: CC015C) -> None:
    m.transit_operation.security = "1"


def _tir_exit_summary(m: CC015C) -> None:
    _exit_summary(m)
    m.transit_operation.declaration_type = "TIR"


def _exit_summary_with_consignment_ucr(m: CC015C) -> None:
    _exit_summary(m)
    m.consignment.reference_number_ucr = "UCR-1"


def _exit_summary_with_item_ucr(m: CC015C) -> None:
    _exit_summary(m)
    _items(m)[1].reference_number_ucr = "UCR-2"


def _exit_summary_with_transport_document(m: CC015C) -> None:
    from ncts5.messages.cc015c import ConsignmentItemTransportDocument

    _exit_summary(m)
    _items(m)[0].transport_document = [
        ConsignmentItemTransportDocument(sequence_number=1, type="N741", reference_number="CMR-77")
    ]


B1896 = Rule(
    "B1896",
    "Transition: with security data and no UCR, the first goods item needs a transport document (except TIR).",
    messages=IE015,
    phases=TRANSITION,
    error_code=50,
    checks="During the transition period a declaration with safety and security data (security 1, 2 or 3) that "
    "is not TIR and gives no 12 08 000 000 Reference number/UCR, neither for the consignment nor on a goods item, "
    "declares a 12 05 000 000 TRANSPORT DOCUMENT on its first goods item.",
    why="Until TPendDate customs convert the declaration into the phase 4 message, whose safety and security data "
    "identify the consignment by its UCR or, failing that, by a transport document.",
    fix="Give the UCR, or the transport document (bill of lading, CMR...) on the first goods item.",
    check=_b1896,
    cases=(
        Fires(T1_ROAD, _entry_summary, at=f"{_ITEM}[1]/TransportDocument", phase="transition", code=50),
        Silent(T1_ROAD, phase="transition"),
        Silent(T1_ROAD, _exit_summary_with_transport_document, phase="transition"),
        Silent(T1_ROAD, _exit_summary_with_consignment_ucr, phase="transition"),
        Silent(T1_ROAD, _exit_summary_with_item_ucr, phase="transition"),
        Silent(T1_ROAD, _tir_exit_summary, phase="transition"),
    ),
)
