"""Rules on documents and references: previous, supporting and transport documents, additional
references and information, and transport charges."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ncts5.rules.consignment import (
    ITEMS,
    UNION_TYPES,
    any_in_list,
    departure_country,
    header_type,
    not_available,
)
from ncts5.rules.context import Context, Outcome
from ncts5.rules.registry import not_checkable, rule

EXCISE_DOCUMENTS = ("C651", "C658")
#: Administrative reference code of an e-AD: year, Member State, 16 letters/digits, check digit.
ARC = re.compile(r"[0-9]{2}[A-Z]{2}[A-Z0-9]{16}[0-9]")
#: Movement reference number: year, country, 13 letters/digits (the last one the procedure letter), check digit.
MRN = re.compile(r"[0-9]{2}[A-Z]{2}[A-Z0-9]{13}[0-9]")


def _union_goods_item(ctx: Context, item: Any) -> bool:
    return header_type(ctx) in UNION_TYPES or item.declaration_type in UNION_TYPES


# ---------------------------------------------------------------------- previous documents
@rule(
    "C0035",
    "Union goods (T2/T2F) leaving a CTC country need a previous document per item unless one covers the consignment.",
)
def c0035(ctx: Context) -> Iterator[Outcome]:
    if ctx.message.consignment.previous_document:  # type: ignore[attr-defined]
        return
    for item in ctx.all(ITEMS):
        if item.previous_document or not _union_goods_item(ctx, item):  # type: ignore[attr-defined]
            continue
        ctc = ctx.in_list("CL112", departure_country(ctx))
        if ctc is None:
            yield ctx.unchecked(not_available("CL112"), ctx.path(item, "previous_document"))
        elif ctc:
            msg = (
                f"Union goods (T2/T2F) leaving {departure_country(ctx)} must prove their status: give a "
                "12 01 000 000 PREVIOUS DOCUMENT for this goods item or one for the whole consignment"
            )
            yield ctx.violation(item, "previous_document", msg, code=13)


@rule(
    "R0020",
    "Union goods (T2/T2F) leaving a CTC country cite a previous document proving Union status (CL178).",
    needs="code list CL178 (PreviousDocumentUnionGoods)",
)
def r0020(ctx: Context) -> Iterator[Outcome]:
    consignment_types = [d.type for d in ctx.message.consignment.previous_document]  # type: ignore[attr-defined]
    for item in ctx.all(ITEMS):
        if not _union_goods_item(ctx, item):
            continue
        ctc = ctx.in_list("CL112", departure_country(ctx))
        if ctc is None:
            yield ctx.unchecked(not_available("CL112"), ctx.path(item, "previous_document"))
            continue
        if not ctc:
            continue
        types = consignment_types + [d.type for d in item.previous_document]  # type: ignore[attr-defined]
        proven = any_in_list(ctx, "CL178", types)
        if proven is None:
            yield ctx.unchecked(not_available("CL178"), ctx.path(item, "previous_document"))
        elif not proven:
            msg = (
                f"Union goods (T2/T2F) leaving {departure_country(ctx)} must refer to a document proving their "
                "Union status (a T2/T2F declaration or T2L/T2LF document, code list CL178): add such a "
                "12 01 000 000 PREVIOUS DOCUMENT for this goods item or for the consignment"
            )
            yield ctx.violation(item, "previous_document", msg)


@rule("C0298", "A previous document's measurement unit is given exactly when its quantity is.")
def c0298(ctx: Context) -> Iterator[Outcome]:
    for d in ctx.all(f"{ITEMS}/PreviousDocument"):
        unit = ctx.label(d, "measurement_unit_and_qualifier")
        if d.quantity is not None and d.measurement_unit_and_qualifier is None:  # type: ignore[attr-defined]
            yield ctx.violation(d, "measurement_unit_and_qualifier", f"a quantity is given: give {unit}", code=13)
        elif d.quantity is None and d.measurement_unit_and_qualifier is not None:  # type: ignore[attr-defined]
            msg = f"no 12 01 006 000 Quantity is given: remove {unit}"
            yield ctx.violation(d, "measurement_unit_and_qualifier", msg, code=15)


@rule(
    "B1000",
    "Transition period: at most one export MRN (previous document N830) per goods item.",
    phases=("transition",),
    error_code=50,
)
def b1000(ctx: Context) -> Iterator[Outcome]:
    for item in ctx.all(ITEMS):
        exports = [i for i, d in enumerate(item.previous_document) if d.type == "N830"]  # type: ignore[attr-defined]
        for index in exports[1:]:
            msg = (
                "during the transition period a goods item refers to at most one export declaration (N830): "
                "split the goods item so that each one cites a single export MRN"
            )
            yield ctx.violation(item, "previous_document", msg, index=index)


@rule(
    "G0991",
    "After the transition period, N830 (export) is declared at house consignment level, not per item.",
    phases=("final",),
)
def g0991(ctx: Context) -> Iterator[Outcome]:
    for d in ctx.all(f"{ITEMS}/PreviousDocument"):
        if d.type == "N830":  # type: ignore[attr-defined]
            msg = (
                "after the transition period N830 (export declaration) is valid only in the house consignment's "
                "12 01 000 000 PREVIOUS DOCUMENT (CL228): move the export MRN there"
            )
            yield ctx.violation(d, "type", msg)


@rule("G0026", "A house consignment cites at most one previous document: the export (N830) of a standard declaration.")
def g0026(ctx: Context) -> Iterator[Outcome]:
    additional = ctx.message.transit_operation.additional_declaration_type  # type: ignore[attr-defined]
    for house in ctx.message.consignment.house_consignment:  # type: ignore[attr-defined]
        for index, d in enumerate(house.previous_document):
            if index > 0:
                msg = (
                    "a house consignment should refer to one export declaration only: move the goods of the "
                    "other export declarations to their own house consignment"
                )
                yield ctx.violation(house, "previous_document", msg, index=index)
            elif additional != "A":
                msg = (
                    f"a house consignment previous document belongs to a standard declaration (11 02 000 000 "
                    f"Additional declaration type A), not type {additional}: remove it or lodge a standard declaration"
                )
                yield ctx.violation(house, "previous_document", msg, index=index)
            elif d.type != "N830":
                msg = f"a house consignment previous document is the export declaration (N830), not {d.type}"
                yield ctx.violation(d, "type", msg)


def _mrn_values() -> dict[str, int]:
    """ISO 6346 character values: digits as such, letters from 10 on, skipping multiples of 11."""
    values: dict[str, int] = {str(d): d for d in range(10)}
    value = 10
    for letter in "ABCDEFGHIJKLMNOPQRSTUVWXYZ":
        if value % 11 == 0:
            value += 1
        values[letter] = value
        value += 1
    return values


_MRN_VALUES = _mrn_values()


def _mrn_check_digit(mrn: str) -> str:
    """ISO 6346 check digit over the first 17 characters (letters skip multiples of 11)."""
    total = sum(_MRN_VALUES[c] * 2**i for i, c in enumerate(mrn[:17]))
    return str(total % 11 % 10)


@rule("R0416", "A house consignment's previous document is an export MRN (procedure letter A, B or E).")
def r0416(ctx: Context) -> Iterator[Outcome]:
    for d in ctx.all("Consignment/HouseConsignment/PreviousDocument"):
        ref = d.reference_number  # type: ignore[attr-defined]
        if not MRN.fullmatch(ref):
            problem = "is not an MRN (18 characters: year, country code, 13 letters or digits, check digit)"
        elif ref[16] not in "ABE":
            problem = f"is not an export MRN (its 17th character is {ref[16]}, not A, B or E)"
        elif ref[17] != _mrn_check_digit(ref):
            problem = f"has a wrong check digit ({ref[17]} instead of {_mrn_check_digit(ref)})"
        else:
            continue
        label = ctx.label(d, "reference_number")
        yield ctx.violation(d, "reference_number", f"{label} {problem}: give the MRN of the export declaration")


@rule("G0058", "A previous document of an excise type (C651/C658) records the UBR in its goods item number.")
def g0058(ctx: Context) -> Iterator[Outcome]:
    for d in ctx.all(f"{ITEMS}/PreviousDocument"):
        if d.type in EXCISE_DOCUMENTS and d.goods_item_number is None:  # type: ignore[attr-defined]
            msg = (
                f"for an excise document ({d.type}) give the unique body reference (UBR) in "  # type: ignore[attr-defined]
                f"{ctx.label(d, 'goods_item_number')}"
            )
            yield ctx.violation(d, "goods_item_number", msg, code=13)


# ---------------------------------------------------------------------- excise references
def _arc_findings(ctx: Context, docs: Iterator[Any], what: str) -> Iterator[Outcome]:
    for d in docs:
        ref = d.reference_number
        if d.type == "C651" and ref not in (None, "0") and not ARC.fullmatch(ref):
            msg = (
                f"for an e-AD (C651) {ctx.label(d, 'reference_number')} of the {what} is the ARC "
                "(21 characters: year, Member State code, 16 letters or digits, check digit): give the ARC"
            )
            yield ctx.violation(d, "reference_number", msg)


@rule("G0050", "An additional reference of type C651 carries the ARC of the e-AD.")
def g0050(ctx: Context) -> Iterator[Outcome]:
    yield from _arc_findings(ctx, ctx.all(f"{ITEMS}/AdditionalReference"), "additional reference")


@rule("G0424", "An item's additional reference of type C651 records the ARC (C658: the national fallback number).")
def g0424(ctx: Context) -> Iterator[Outcome]:
    yield from _arc_findings(ctx, ctx.all(f"{ITEMS}/AdditionalReference"), "additional reference")


@rule("G0414", "An item's supporting document of type C651 records the ARC (C658: the national fallback number).")
def g0414(ctx: Context) -> Iterator[Outcome]:
    yield from _arc_findings(ctx, ctx.all(f"{ITEMS}/SupportingDocument"), "supporting document")


@rule(
    "C0015",
    "An item's additional reference of an excise type (CL234) needs a reference number.",
)
def c0015(ctx: Context) -> Iterator[Outcome]:
    for ref in ctx.all(f"{ITEMS}/AdditionalReference"):
        if ref.reference_number is not None:  # type: ignore[attr-defined]
            continue
        excise = ctx.in_list("CL234", ref.type)  # type: ignore[attr-defined]
        if excise is None:
            yield ctx.unchecked(not_available("CL234"), ctx.path(ref, "reference_number"))
        elif excise:
            msg = (
                f"an excise document ({ref.type}) is identified by its number: give "  # type: ignore[attr-defined]
                f"{ctx.label(ref, 'reference_number')} (the ARC or the fallback reference)"
            )
            yield ctx.violation(ref, "reference_number", msg, code=13)


@rule(
    "R0023",
    "An item's additional reference of an excise type (CL234) has a real reference number, not '0'.",
)
def r0023(ctx: Context) -> Iterator[Outcome]:
    for ref in ctx.all(f"{ITEMS}/AdditionalReference"):
        if ref.reference_number != "0":  # type: ignore[attr-defined]
            continue
        excise = ctx.in_list("CL234", ref.type)  # type: ignore[attr-defined]
        if excise is None:
            yield ctx.unchecked(not_available("CL234"), ctx.path(ref, "reference_number"))
        elif excise:
            msg = (
                f"'0' (number unknown) is not accepted for an excise document ({ref.type}): give "  # type: ignore[attr-defined]
                f"the ARC or fallback reference in {ctx.label(ref, 'reference_number')}"
            )
            yield ctx.violation(ref, "reference_number", msg)


not_checkable(
    "G0068",
    "After an export of excise goods, the export's previous documents map to the item's additional references.",
    reason="needs the related export declaration, which only the export system holds",
    module=__name__,
)
not_checkable(
    "G0069",
    "An item's supporting documents may carry EMCS documents (CL234) for excise goods moving via a CTC country.",
    reason="advice only: it describes a permitted use and sets no condition the message could break",
    module=__name__,
)
not_checkable(
    "G0057",
    "Common code lists may be extended nationally; purely national codes stay out of common domain messages.",
    reason="needs the national code list extensions of the country concerned; the common lists are checked "
    "by the code list checks",
    module=__name__,
)
not_checkable(
    "G0321",
    "A document reference number may be '0' when the number is missing or longer than 70 characters.",
    reason="advice only: it allows '0' and forbids dummy numbers, and a dummy number cannot be told from a real one",
    module=__name__,
)


@rule(
    "B1814",
    "Transition period: R3061 (no code 30600 on goods items) is suspended.",
    phases=("transition",),
    suspends=("R3061",),
)
def b1814(ctx: Context) -> Iterator[Outcome]:
    """Its only effect is the suspension of R3061."""
    return iter(())


# ---------------------------------------------------------------------- transport charges
@rule("C0186", "Transport charges are not declared when security is 0 (no safety and security data).")
def c0186(ctx: Context) -> Iterator[Outcome]:
    if ctx.message.transit_operation.security != "0":  # type: ignore[attr-defined]
        return
    consignment = ctx.message.consignment  # type: ignore[attr-defined]
    msg = "11 07 000 000 Security is 0 (no entry or exit summary declaration): remove 14 02 000 000 TRANSPORT CHARGES"
    if consignment.transport_charges is not None:
        yield ctx.violation(consignment, "transport_charges", msg, code=15)
    for house in consignment.house_consignment:
        if house.transport_charges is not None:
            yield ctx.violation(house, "transport_charges", msg, code=15)


@rule("C0337", "Transport charges declared for the consignment are not repeated per house consignment.")
def c0337(ctx: Context) -> Iterator[Outcome]:
    consignment = ctx.message.consignment  # type: ignore[attr-defined]
    if consignment.transport_charges is None:
        return
    for house in consignment.house_consignment:
        if house.transport_charges is not None:
            msg = (
                "14 02 000 000 TRANSPORT CHARGES are already declared for the whole consignment: "
                "remove them from the house consignment"
            )
            yield ctx.violation(house, "transport_charges", msg, code=15)


@rule(
    "B1875",
    "Transition period: no item transport charges when security is 0 or the consignment declares them.",
    phases=("transition",),
    error_code=50,
)
def b1875(ctx: Context) -> Iterator[Outcome]:
    consignment = ctx.message.consignment  # type: ignore[attr-defined]
    if ctx.message.transit_operation.security == "0":  # type: ignore[attr-defined]
        why = "11 07 000 000 Security is 0"
    elif consignment.transport_charges is not None:
        why = "the consignment already declares its transport charges"
    else:
        return
    for item in ctx.all(ITEMS):
        if item.transport_charges is not None:  # type: ignore[attr-defined]
            msg = f"{why}: remove 14 02 000 000 TRANSPORT CHARGES from the goods item"
            yield ctx.violation(item, "transport_charges", msg)
