"""Transition-period business rules (B1889..B1966): presence, code and suspension rules.

While the decisive date is on or before TPendDate, customs systems still have to
turn every IE015 into the older phase-4 message.  These rules say what that
costs the declarant: some final-phase rules are switched off (``suspends=``)
and replaced by tighter presence rules or multiplicities, which the checks
below enforce.  All of them run only in the transition phase and report error
code 50 (transitional constraint violation).

The rules on levels and repetitions (B1890, B1895, B1896, B1965) are in
:mod:`ncts5.rules.transition_levels`; the transition formats and multiplicities
of the technical rules (E....) in :mod:`ncts5.rules.technical`.

Rules whose whole content is the switching-off of a final-phase rule
(B1904, B1919, B1964) have nothing further to check: the engine applies the
suspension, and their check reports nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ncts5.rules.context import Context, Outcome
from ncts5.rules.registry import rule

TP = ("transition",)
TP_CODE = 50
SECURITY_SUMMARY = {"1", "2", "3"}


def at_most(ctx: Context, model: Any, field: str, limit: int, why: str) -> Iterator[Outcome]:
    """A finding for each occurrence of the repeated ``model.field`` beyond ``limit``."""
    value = getattr(model, field)
    label = ctx.label(model, field)
    times = "once" if limit == 1 else f"{limit} times"
    for i in range(limit, len(value)):
        yield ctx.violation(
            model, field, f"{why}, {label} may occur at most {times}: remove occurrence {i + 1}", index=i
        )


def _container(ctx: Context) -> bool:
    return ctx.message.consignment.container_indicator == "1"  # type: ignore[attr-defined]


@rule(
    "B1889",
    "Transition: mode of transport at the border is required with a security declaration from outside the EU.",
    phases=TP,
    suspends=("C0599",),
    error_code=TP_CODE,
    needs="the official code list CL010 (EU member states) to recognise an office outside the EU",
)
def b1889(ctx: Context) -> Iterator[Outcome]:
    op = ctx.message.transit_operation  # type: ignore[attr-defined]
    consignment = ctx.message.consignment  # type: ignore[attr-defined]
    if op.security not in SECURITY_SUMMARY or consignment.mode_of_transport_at_the_border is not None:
        return
    office = ctx.message.customs_office_of_departure  # type: ignore[attr-defined]
    country = office.reference_number[:2]
    in_eu = ctx.in_list("CL010", country)
    if in_eu is None:
        yield ctx.unchecked(
            f"the code list CL010 (EU member states) in use cannot tell whether {country} is in the EU: "
            "import the official reference data",
            ctx.path(consignment, "mode_of_transport_at_the_border"),
        )
    elif not in_eu:
        yield ctx.violation(
            consignment,
            "mode_of_transport_at_the_border",
            f"during the transition period a declaration with security {op.security} whose office of departure "
            f"is outside the EU ({country}) needs the mode of transport at the border: "
            f"provide {ctx.label(consignment, 'mode_of_transport_at_the_border')}",
        )


@rule(
    "B1891",
    "Transition: departure transport means is forbidden for post, optional with containers, required otherwise.",
    phases=TP,
    suspends=("C0826",),
    error_code=TP_CODE,
)
def b1891(ctx: Context) -> Iterator[Outcome]:
    consignment = ctx.message.consignment  # type: ignore[attr-defined]
    if consignment.inland_mode_of_transport == "5":
        why = "during the transition period postal consignments (inland mode of transport 5) declare no transport means"
        yield from ctx.forbid(consignment, "departure_transport_means", why, code=None)
    elif not _container(ctx):
        why = "during the transition period goods not in containers need the departure transport means"
        yield from ctx.require(consignment, "departure_transport_means", why, code=None)


@rule(
    "B1892",
    "Transition: each departure transport means needs its type and identification number unless in containers.",
    phases=TP,
    error_code=TP_CODE,
)
def b1892(ctx: Context) -> Iterator[Outcome]:
    if _container(ctx):
        return
    why = "during the transition period, for goods not in containers, each departure transport means is identified"
    for means in ctx.message.consignment.departure_transport_means:  # type: ignore[attr-defined]
        yield from ctx.require(means, "type_of_identification", why, code=None)
        yield from ctx.require(means, "identification_number", why, code=None)


@rule(
    "B1893",
    "Transition: place of loading is required with a security declaration and forbidden without one.",
    phases=TP,
    suspends=("C0403",),
    error_code=TP_CODE,
)
def b1893(ctx: Context) -> Iterator[Outcome]:
    security = ctx.message.transit_operation.security  # type: ignore[attr-defined]
    consignment = ctx.message.consignment  # type: ignore[attr-defined]
    if security == "0":
        why = "during the transition period a declaration without security data (security 0) has no place of loading"
        yield from ctx.forbid(consignment, "place_of_loading", why, code=None)
    else:
        why = f"during the transition period a declaration with security {security} needs the place of loading"
        yield from ctx.require(consignment, "place_of_loading", why, code=None)


@rule(
    "B1897",
    "Transition: nationality of departure transport means is forbidden for rail, required unless in containers.",
    phases=TP,
    error_code=TP_CODE,
)
def b1897(ctx: Context) -> Iterator[Outcome]:
    consignment = ctx.message.consignment  # type: ignore[attr-defined]
    for means in consignment.departure_transport_means:
        if consignment.inland_mode_of_transport == "2":
            why = "during the transition period rail transport (inland mode of transport 2) declares no nationality"
            yield from ctx.forbid(means, "nationality", why, code=None)
        elif not _container(ctx):
            why = "during the transition period, for goods not in containers, the transport means needs a nationality"
            yield from ctx.require(means, "nationality", why, code=None)


@rule(
    "B1898",
    "Transition: a guarantee currency is required with an amount to be covered and forbidden without one.",
    phases=TP,
    error_code=TP_CODE,
)
def b1898(ctx: Context) -> Iterator[Outcome]:
    for ref in ctx.all("Guarantee/GuaranteeReference"):
        if ref.amount_to_be_covered is not None:  # type: ignore[attr-defined]
            why = "during the transition period the amount to be covered needs its currency"
            yield from ctx.require(ref, "currency", why, code=None)
        else:
            why = "during the transition period a currency is only declared with an amount to be covered"
            yield from ctx.forbid(ref, "currency", why, code=None)


def _nothing(ctx: Context) -> Iterator[Outcome]:
    """Rules that only switch a final-phase rule off: the engine applies the suspension."""
    return iter(())


rule(
    "B1904",
    "Transition: the estimated arrival date at a transit office need not lie after the message preparation.",
    phases=TP,
    suspends=("R0005",),
    error_code=TP_CODE,
)(_nothing)
rule(
    "B1919",
    "Transition: the check of package types against a zero number of packages (R0220) is switched off.",
    phases=TP,
    suspends=("R0220",),
    error_code=TP_CODE,
)(_nothing)
rule(
    "B1964",
    "Transition: the check of items with zero packages against other items (R0364) is switched off.",
    phases=TP,
    suspends=("R0364",),
    error_code=TP_CODE,
)(_nothing)


_NO_CL234 = "the code list CL234 (excise document types) in use cannot classify the document types of this item"


def _types_in(ctx: Context, docs: list[Any], list_id: str) -> bool | None:
    """Whether any document type is in ``list_id``; None when the list is unavailable and it matters."""
    unknown = False
    for d in docs:
        found = ctx.in_list(list_id, d.type)
        if found:
            return True
        unknown = unknown or found is None
    return None if unknown else False


@rule(
    "B1922",
    "Transition: excise goods exported then in transit are T1 (or TIR); excise goods under suspension are T2/T2F.",
    phases=TP,
    suspends=("R0601",),
    error_code=TP_CODE,
)
def b1922(ctx: Context) -> Iterator[Outcome]:
    op = ctx.message.transit_operation  # type: ignore[attr-defined]
    header_reported = False
    for item in ctx.all("Consignment/HouseConsignment/ConsignmentItem"):
        excise_reference = _types_in(ctx, item.additional_reference, "CL234")  # type: ignore[attr-defined]
        if excise_reference is None:
            yield ctx.unchecked(_NO_CL234, ctx.path(item))
            continue
        if excise_reference:
            if not any(d.type == "N830" for d in item.previous_document):  # type: ignore[attr-defined]
                continue
            allowed, case = ({"T1"}, {"T1", "TIR"}), "excise goods exported (e-AD and export MRN N830)"
        else:
            excise_support = _types_in(ctx, item.supporting_document, "CL234")  # type: ignore[attr-defined]
            if excise_support is None:
                yield ctx.unchecked(_NO_CL234, ctx.path(item))
                continue
            if not excise_support:
                continue
            allowed, case = ({"T2", "T2F"}, {"T2", "T2F"}), "excise goods moved under duty suspension"
        item_type = item.declaration_type  # type: ignore[attr-defined]
        if item_type is not None:
            if item_type not in allowed[0]:
                yield ctx.violation(
                    item,
                    "declaration_type",
                    f"during the transition period {case} must be declared as {' or '.join(sorted(allowed[0]))}: "
                    f"change {ctx.label(item, 'declaration_type')} of goods item {item.goods_item_number}",  # type: ignore[attr-defined]
                )
        elif op.declaration_type not in allowed[1] and not header_reported:
            header_reported = True
            yield ctx.violation(
                op,
                "declaration_type",
                f"during the transition period {case} must be declared as {' or '.join(sorted(allowed[1]))}: change "
                f"{ctx.label(op, 'declaration_type')} or declare the type on goods item {item.goods_item_number}",  # type: ignore[attr-defined]
            )


@rule(
    "B1966",
    "Transition: with an exit summary declaration, an office of exit for transit only when a transit office lies "
    "outside the security area.",
    phases=TP,
    suspends=("C0587",),
    error_code=TP_CODE,
    needs="the official code list CL147 (security agreement area) to recognise a transit office outside it",
)
def b1966(ctx: Context) -> Iterator[Outcome]:
    msg = ctx.message
    if msg.transit_operation.security not in {"2", "3"} or not msg.customs_office_of_exit_for_transit_declared:  # type: ignore[attr-defined]
        return
    outside = False
    unknown = False
    for office in msg.customs_office_of_transit_declared:  # type: ignore[attr-defined]
        inside = ctx.in_list("CL147", office.reference_number[:2])
        if inside is None:
            unknown = True
        elif not inside:
            outside = True
    if outside:
        return
    if unknown:
        yield ctx.unchecked(
            "the code list CL147 (security agreement area) in use cannot tell whether every office of transit "
            "lies inside the area: import the official reference data",
            ctx.path(msg, "customs_office_of_exit_for_transit_declared"),
        )
        return
    why = (
        "during the transition period an office of exit for transit is only declared when at least one office "
        "of transit lies outside the security agreement area (CL147)"
    )
    yield from ctx.forbid(msg, "customs_office_of_exit_for_transit_declared", why, code=None)
