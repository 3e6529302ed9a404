"""Transition-period business rules on levels and repetitions (B1890, B1895, B1896, B1965).

During the transition period some data may only be declared at one level of
the declaration (the whole consignment, or the goods item) and some data groups
repeat less than in the final phase.  The final-phase rules these replace are
switched off through ``suspends=``; see :mod:`ncts5.rules.transition` for the
other transition rules and the shared helpers.
"""

from __future__ import annotations

from collections.abc import Iterator

from ncts5.rules.context import Context, Outcome
from ncts5.rules.registry import rule
from ncts5.rules.transition import SECURITY_SUMMARY, TP, TP_CODE, at_most


@rule(
    "B1890",
    "Transition: at most 3 departure transport means for road (inland mode 3), otherwise at most 1.",
    phases=TP,
    suspends=("R0855",),
    error_code=TP_CODE,
)
def b1890(ctx: Context) -> Iterator[Outcome]:
    consignment = ctx.message.consignment  # type: ignore[attr-defined]
    mode = consignment.inland_mode_of_transport
    limit = 3 if mode == "3" else 1
    why = f"during the transition period, with inland mode of transport {mode or '(none)'}"
    yield from at_most(ctx, consignment, "departure_transport_means", limit, why)


@rule(
    "B1895",
    "Transition: a UCR on the consignment excludes a UCR on the goods items.",
    phases=TP,
    suspends=("C0502",),
    error_code=TP_CODE,
)
def b1895(ctx: Context) -> Iterator[Outcome]:
    consignment = ctx.message.consignment  # type: ignore[attr-defined]
    if consignment.reference_number_ucr is None:
        return
    why = (
        f"during the transition period the UCR {consignment.reference_number_ucr} declared for the whole "
        "consignment may not be repeated on goods items"
    )
    for item in ctx.all("Consignment/HouseConsignment/ConsignmentItem"):
        yield from ctx.forbid(item, "reference_number_ucr", why, code=None)


@rule(
    "B1896",
    "Transition: with security data and no UCR, the first goods item needs a transport document (except TIR).",
    phases=TP,
    error_code=TP_CODE,
)
def b1896(ctx: Context) -> Iterator[Outcome]:
    op = ctx.message.transit_operation  # type: ignore[attr-defined]
    if op.security not in SECURITY_SUMMARY or op.declaration_type == "TIR":
        return
    if ctx.message.consignment.reference_number_ucr is not None:  # type: ignore[attr-defined]
        return
    items = list(ctx.all("Consignment/HouseConsignment/ConsignmentItem"))
    if not items or any(i.reference_number_ucr is not None for i in items):
        return
    why = (
        f"during the transition period a declaration with security {op.security} and no reference number UCR "
        "needs a transport document on its first goods item"
    )
    yield from ctx.require(items[0], "transport_document", why, code=None)


@rule(
    "B1965",
    "Transition: country of dispatch is only declared for TIR, at one level only, and then required.",
    phases=TP,
    suspends=("C0909",),
    error_code=TP_CODE,
)
def b1965(ctx: Context) -> Iterator[Outcome]:
    consignment = ctx.message.consignment  # type: ignore[attr-defined]
    field = "country_of_dispatch"
    if ctx.message.transit_operation.declaration_type != "TIR":  # type: ignore[attr-defined]
        why = "during the transition period the country of dispatch is only declared for TIR"
        yield from ctx.forbid(consignment, field, why, code=None)
        for house in consignment.house_consignment:
            yield from ctx.forbid(house, field, why, code=None)
            for item in house.consignment_item:
                yield from ctx.forbid(item, field, why, code=None)
        return
    for house in consignment.house_consignment:
        if consignment.country_of_dispatch is not None:
            why = (
                "during the transition period a TIR country of dispatch given for the whole consignment is not repeated"
            )
            yield from ctx.forbid(house, field, why, code=None)
        above = consignment.country_of_dispatch is not None or house.country_of_dispatch is not None
        for item in house.consignment_item:
            if above:
                why = (
                    "during the transition period a TIR country of dispatch declared at a higher level is not repeated"
                )
                yield from ctx.forbid(item, field, why, code=None)
            else:
                why = "during the transition period a TIR declaration states the country of dispatch"
                yield from ctx.require(item, field, why, code=None)
