"""Rules on the TRANSIT OPERATION data group: declaration type, TIR carnet and holder, limit date.

The data groups whose presence the transit operation governs (places, routing, border means,
transport equipment) are in :mod:`ncts5.rules.header`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ncts5.rules.context import Context, Outcome
from ncts5.rules.registry import not_checkable, rule

#: TIR carnet numbers of the IRU series that NCTS accepts in R0990: two letters of which one is
#: "X", then a serial number from 25 000 000 upwards (eight or nine digits) - 10 or 11 characters.
#: The schema also admits the old purely numeric series (1 to 25 000 000); R0990 does not.
_TIR_CARNET = re.compile(r"(X[A-Z]|[A-Z]X)(2[5-9]|[3-9][0-9]|[1-9][0-9]{2})[0-9]{6}")


def _undecided(list_id: str, value: object) -> str:
    """Why a check that needs a code list could not decide (list missing, or packaged only in part)."""
    return f"code list {list_id} cannot tell whether {value!r} belongs to it: import the official reference data"


def _country(office_reference: str | None) -> str | None:
    """The country code a customs office reference number starts with."""
    return office_reference[:2] if office_reference else None


@rule("R0849", "A TIR declaration must not use the reduced data set.")
def r0849(ctx: Context) -> Iterator[Outcome]:
    op = ctx.message.transit_operation  # type: ignore[attr-defined]
    if op.declaration_type == "TIR" and op.reduced_dataset_indicator != "0":
        yield ctx.violation(
            op,
            "reduced_dataset_indicator",
            "a TIR declaration cannot use the reduced data set; set 11 08 000 000 Reduced dataset indicator to 0",
        )


@rule("C0411", "The TIR carnet number is required for declaration type TIR and not allowed for any other type.")
def c0411(ctx: Context) -> Iterator[Outcome]:
    op = ctx.message.transit_operation  # type: ignore[attr-defined]
    label = ctx.label(op, "tir_carnet_number")
    if op.declaration_type == "TIR" and op.tir_carnet_number is None:
        yield ctx.violation(
            op, "tir_carnet_number", f"a TIR declaration must give the carnet: provide {label}", code=13
        )
    elif op.declaration_type != "TIR" and op.tir_carnet_number is not None:
        yield ctx.violation(
            op,
            "tir_carnet_number",
            f"declaration type {op.declaration_type} is not TIR: remove {label}",
            code=15,
        )


@rule("R0990", "A TIR carnet number has 10 or 11 characters and follows the IRU numbering (e.g. XA30123456).")
def r0990(ctx: Context) -> Iterator[Outcome]:
    op = ctx.message.transit_operation  # type: ignore[attr-defined]
    number = op.tir_carnet_number
    if number is not None and not _TIR_CARNET.fullmatch(number):
        yield ctx.violation(
            op,
            "tir_carnet_number",
            f"{number!r} is not an IRU TIR carnet number: {ctx.label(op, 'tir_carnet_number')} must be two letters "
            "including an X followed by a serial number of 8 or 9 digits from 25000000 up (e.g. XA30123456); "
            "copy it from the carnet",
        )


@rule("R0911", "From San Marino to an EU office of destination the declaration type must be T2 or T2F.")
def r0911(ctx: Context) -> Iterator[Outcome]:
    msg = ctx.message
    op = msg.transit_operation  # type: ignore[attr-defined]
    if _country(msg.customs_office_of_departure.reference_number) != "SM":  # type: ignore[attr-defined]
        return
    if op.declaration_type in ("T2", "T2F"):
        return
    destination = msg.customs_office_of_destination_declared  # type: ignore[attr-defined]
    country = _country(destination.reference_number)
    in_eu = ctx.in_list("CL010", country)
    if in_eu is None:
        yield ctx.unchecked(_undecided("CL010", country), ctx.path(destination, "reference_number"))
    elif in_eu:
        yield ctx.violation(
            op,
            "declaration_type",
            f"goods leaving San Marino for an office of destination in the Union ({country}) travel as Union goods: "
            f"set {ctx.label(op, 'declaration_type')} to T2 or T2F",
        )


@rule("C0839", "The limit date is required for an authorised consignor (C521) unless pre-lodged, else not allowed.")
def c0839(ctx: Context) -> Iterator[Outcome]:
    msg = ctx.message
    op = msg.transit_operation  # type: ignore[attr-defined]
    label = ctx.label(op, "limit_date")
    authorised_consignor = any(a.type == "C521" for a in msg.authorisation)  # type: ignore[attr-defined]
    if not authorised_consignor:
        if op.limit_date is not None:
            yield ctx.violation(
                op,
                "limit_date",
                f"only an authorised consignor (12 12 002 000 Type C521) sets a limit date: remove {label}",
                code=15,
            )
    elif op.additional_declaration_type != "D" and op.limit_date is None:
        yield ctx.violation(
            op,
            "limit_date",
            f"an authorised consignor (authorisation C521) must set the date by which the goods are to be presented "
            f"at destination: provide {label}",
            code=13,
        )


@rule("C0904", "The TIR holder identification number is required for a TIR declaration and not allowed otherwise.")
def c0904(ctx: Context) -> Iterator[Outcome]:
    holder = ctx.message.holder_of_the_transit_procedure  # type: ignore[attr-defined]
    op = ctx.message.transit_operation  # type: ignore[attr-defined]
    declaration_type = getattr(op, "declaration_type", None)
    if declaration_type is None:
        # IE170 carries no declaration type: the one that counts is in the pre-lodged IE015.
        yield ctx.unchecked(
            "needs the declaration type of the pre-lodged IE015 declaration, which this message does not carry",
            ctx.path(holder, "tir_holder_identification_number"),
        )
        return
    label = ctx.label(holder, "tir_holder_identification_number")
    present = holder.tir_holder_identification_number is not None
    if declaration_type == "TIR" and not present:
        yield ctx.violation(
            holder,
            "tir_holder_identification_number",
            f"a TIR declaration must identify the carnet holder: provide {label}",
            code=13,
        )
    elif declaration_type != "TIR" and present:
        yield ctx.violation(
            holder,
            "tir_holder_identification_number",
            f"declaration type {declaration_type} is not TIR: remove {label}",
            code=15,
        )


not_checkable(
    "R0100",
    "The communication language at departure chooses the language customs use towards the trader.",
    reason="describes how the customs system picks the language of its replies; it sets no condition on the "
    "message (the language code itself is checked against CL192)",
    module=__name__,
)
