"""Rules on the GUARANTEE and GUARANTEE REFERENCE data groups."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ncts5.rules.context import Context, Outcome
from ncts5.rules.registry import rule


def guarantees(ctx: Context) -> Iterator[Any]:
    """The guarantees whose type is a valid CL251 code: the others already have a CL251 finding,
    and every condition on the guarantee type would only repeat it in a misleading way."""
    for g in ctx.message.guarantee:  # type: ignore[attr-defined]
        if not ctx.invalid_code(g, "guarantee_type"):
            yield g


def _undecided(list_id: str, value: object) -> str:
    """Why a check that needs a code list could not decide (list missing, or packaged only in part)."""
    return f"code list {list_id} cannot tell whether {value!r} belongs to it: import the official reference data"


@rule("C0086", "GRN and access code are required exactly for the guarantee types of CL286 (with GRN).")
def c0086(ctx: Context) -> Iterator[Outcome]:
    for g in guarantees(ctx):  # type: ignore[attr-defined]
        with_grn = ctx.in_list("CL286", g.guarantee_type)
        if with_grn is None:
            if g.guarantee_type is not None:
                yield ctx.unchecked("code list CL286 is not available", ctx.path(g, "guarantee_type"))
            continue
        for ref in g.guarantee_reference:
            for field in ("grn", "access_code"):
                present = getattr(ref, field) is not None
                if with_grn and not present:
                    msg = f"guarantee type {g.guarantee_type} is identified by a GRN: provide {ctx.label(ref, field)}"
                    yield ctx.violation(ref, field, msg, code=13)
                elif not with_grn and present:
                    msg = f"guarantee type {g.guarantee_type} has no GRN: remove {ctx.label(ref, field)}"
                    yield ctx.violation(ref, field, msg, code=15)


@rule("C0085", "A guarantee reference is required for the guarantee types of CL076 and not allowed for the others.")
def c0085(ctx: Context) -> Iterator[Outcome]:
    for g in guarantees(ctx):  # type: ignore[attr-defined]
        with_reference = ctx.in_list("CL076", g.guarantee_type)
        if with_reference is None:
            yield ctx.unchecked(_undecided("CL076", g.guarantee_type), ctx.path(g, "guarantee_type"))
            continue
        label = ctx.label(g, "guarantee_reference")
        if with_reference and not g.guarantee_reference:
            msg = f"guarantee type {g.guarantee_type} is identified by a reference: provide {label}"
            yield ctx.violation(g, "guarantee_reference", msg, code=13)
        elif not with_reference:
            for i in range(len(g.guarantee_reference)):
                msg = f"guarantee type {g.guarantee_type} takes no guarantee reference: remove {label}"
                yield ctx.violation(g, "guarantee_reference", msg, code=15, index=i)


@rule("C0130", "Other guarantee reference: required for type 8, optional for type 3, not allowed for other types.")
def c0130(ctx: Context) -> Iterator[Outcome]:
    for g in guarantees(ctx):  # type: ignore[attr-defined]
        label = ctx.label(g, "other_guarantee_reference")
        if g.guarantee_type == "8" and g.other_guarantee_reference is None:
            msg = f"guarantee type 8 (public body, no guarantee required) is identified this way: provide {label}"
            yield ctx.violation(g, "other_guarantee_reference", msg, code=13)
        elif g.guarantee_type not in ("8", "3") and g.other_guarantee_reference is not None:
            msg = f"guarantee type {g.guarantee_type} takes no other guarantee reference: remove {label}"
            yield ctx.violation(g, "other_guarantee_reference", msg, code=15)


@rule("R0318", "A GRN has 24 characters for guarantee type 4 (vouchers) and 17 for every other type.")
def r0318(ctx: Context) -> Iterator[Outcome]:
    for g in guarantees(ctx):  # type: ignore[attr-defined]
        length = 24 if g.guarantee_type == "4" else 17
        for ref in g.guarantee_reference:
            if ref.grn is not None and len(ref.grn) != length:
                kind = "a voucher (type 4)" if length == 24 else f"guarantee type {g.guarantee_type}"
                msg = (
                    f"the GRN of {kind} has {length} characters, this one {len(ref.grn)}: "
                    f"check {ctx.label(ref, 'grn')} against the guarantee document"
                )
                yield ctx.violation(ref, "grn", msg)


def _guarantee_list(ctx: Context) -> tuple[str, str] | None:
    """The list guarantee types must come from (id and who it is for), or None when CL010 is unavailable."""
    office = ctx.message.customs_office_of_departure  # type: ignore[attr-defined]
    country = office.reference_number[:2]
    if country in ("SM", "AD"):
        return "CL230", f"a movement from {country}"
    in_union = ctx.in_list("CL010", country)
    if in_union is None:
        return None
    if in_union:
        return "CL230", f"a Union movement (departure in {country})"
    return "CL229", f"a common transit movement from {country}"


@rule("R0900", "Guarantee type B for TIR; otherwise from CL230 when departing from the Union, SM or AD, else CL229.")
def r0900(ctx: Context) -> Iterator[Outcome]:
    msg = ctx.message
    op = msg.transit_operation  # type: ignore[attr-defined]
    if op.declaration_type == "TIR":
        for g in guarantees(ctx):
            if g.guarantee_type != "B":
                text = "a TIR declaration is covered by the TIR guarantee: set 99 02 000 000 Guarantee type to B"
                yield ctx.violation(g, "guarantee_type", text)
        return
    chosen = _guarantee_list(ctx)
    if chosen is None:
        office = msg.customs_office_of_departure  # type: ignore[attr-defined]
        yield ctx.unchecked(_undecided("CL010", office.reference_number[:2]), ctx.path(office, "reference_number"))
        return
    list_id, movement = chosen
    for g in guarantees(ctx):
        allowed = ctx.in_list(list_id, g.guarantee_type)
        if allowed is None:
            yield ctx.unchecked(_undecided(list_id, g.guarantee_type), ctx.path(g, "guarantee_type"))
        elif not allowed:
            text = (
                f"guarantee type {g.guarantee_type} cannot cover {movement} under declaration type "
                f"{op.declaration_type}: choose a type of {list_id}"
            )
            yield ctx.violation(g, "guarantee_type", text)
