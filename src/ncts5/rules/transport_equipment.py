"""Rules on TRANSPORT EQUIPMENT (containers), its SEALs and GOODS REFERENCEs.

Transport equipment (19 07 000 000) records containers and sealed
non-containerised loads; each instance counts its seals (19 10 068 000), lists
them (19 10 000 000) and says which goods items it carries (19 07 044 000).
The same checks serve IE015 and IE170 where both tables name a rule.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ncts5.rules.context import Context, Outcome
from ncts5.rules.registry import not_checkable, rule

#: Authorisation type for the use of seals of a special type (CL235).
SEALS_AUTHORISATION = "C523"
#: Authorisation type of the authorised consignor, the simplified transit procedure (CL235).
AUTHORISED_CONSIGNOR = "C521"


def _equipment(ctx: Context) -> list[Any]:
    return ctx.message.consignment.transport_equipment  # type: ignore[attr-defined]


# ---------------------------------------------------------------------- containers
@rule("C0055", "Container numbers are not allowed without containers, and at least one is required with them.")
def c0055(ctx: Context) -> Iterator[Outcome]:
    c = ctx.message.consignment  # type: ignore[attr-defined]
    equipment = c.transport_equipment
    indicator = ctx.label(c, "container_indicator")
    if c.container_indicator == "0":
        for te in equipment:
            if te.container_identification_number is not None:
                yield ctx.violation(
                    te,
                    "container_identification_number",
                    f"{indicator} is 0 (no containers): remove {ctx.label(te, 'container_identification_number')} "
                    f"or set the container indicator to 1",
                    code=15,
                )
    elif (
        c.container_indicator == "1"
        and equipment
        and all(te.container_identification_number is None for te in equipment)
    ):
        te = equipment[0]
        yield ctx.violation(
            te,
            "container_identification_number",
            f"{indicator} is 1 (containers): provide {ctx.label(te, 'container_identification_number')} "
            f"for at least one transport equipment",
            code=13,
        )


@rule("C0670", "Goods references are required unless the only transport equipment is one container.")
def c0670(ctx: Context) -> Iterator[Outcome]:
    equipment = _equipment(ctx)
    if len(equipment) == 1 and equipment[0].container_identification_number is not None:
        return
    for te in equipment:
        if not te.goods_reference:
            why = (
                "there is more than one transport equipment"
                if len(equipment) > 1
                else "the transport equipment is not a container"
            )
            yield ctx.violation(
                te,
                "goods_reference",
                f"{why}: add {ctx.label(te, 'goods_reference')} for each goods item it carries",
                code=13,
            )


@rule("G0006", "Goods references name declaration goods item numbers that exist in the declaration.")
def g0006(ctx: Context) -> Iterator[Outcome]:
    refs = [(te, ref) for te in _equipment(ctx) for ref in te.goods_reference]
    if not refs:
        return
    if ctx.name == "CC170C":
        yield ctx.unchecked(
            "the goods items are in the IE015, not in the IE170",
            ctx.path(refs[0][1], "declaration_goods_item_number"),
        )
        return
    items = {item.declaration_goods_item_number for item in ctx.all("Consignment/HouseConsignment/ConsignmentItem")}
    for _, ref in refs:
        if ref.declaration_goods_item_number not in items:
            yield ctx.violation(
                ref,
                "declaration_goods_item_number",
                f"no consignment item has 11 11 000 000 Declaration goods item number "
                f"{ref.declaration_goods_item_number}: use the number of a declared goods item "
                f"({', '.join(str(n) for n in sorted(items))})",
            )


not_checkable(
    "G0670",
    "Goods references list every goods item in the container or under the seals (omitted for a single container).",
    reason="which goods items are loaded in which container or under which seals is not in the message",
    module=__name__,
)


# ---------------------------------------------------------------------- seals
@rule("C0569", "Seals are listed exactly when the number of seals is greater than 0.")
def c0569(ctx: Context) -> Iterator[Outcome]:
    for te in _equipment(ctx):
        count = ctx.label(te, "number_of_seals")
        if te.number_of_seals > 0 and not te.seal:
            yield ctx.violation(
                te,
                "seal",
                f"{count} is {te.number_of_seals}: list each seal in {ctx.label(te, 'seal')}",
                code=13,
            )
        elif te.number_of_seals == 0:
            for i, _ in enumerate(te.seal):
                yield ctx.violation(
                    te,
                    "seal",
                    f"{count} is 0: remove {ctx.label(te, 'seal')} or give the number of seals",
                    code=15,
                    index=i,
                )


@rule("R0106", "The number of seals equals the highest seal sequence number of that transport equipment.")
def r0106(ctx: Context) -> Iterator[Outcome]:
    for te in _equipment(ctx):
        highest = max((s.sequence_number for s in te.seal), default=0)
        if te.number_of_seals != highest:
            yield ctx.violation(
                te,
                "number_of_seals",
                f"{ctx.label(te, 'number_of_seals')} is {te.number_of_seals} but the seals are numbered up to "
                f"{highest}: make the number of seals equal to the last seal's sequence number",
            )


@rule(
    "B1832",
    "Transition period: R0106 (number of seals equals the last seal number) is switched off.",
    phases=("transition",),
    suspends=("R0106",),
)
def b1832(ctx: Context) -> Iterator[Outcome]:
    """Nothing to check: the rule's only effect is suspending R0106, which the engine does."""
    yield from ()


@rule("R0107", "Each seal identifier is used only once in the whole declaration.")
def r0107(ctx: Context) -> Iterator[Outcome]:
    first_seen: dict[str, str] = {}
    for te in _equipment(ctx):
        for seal in te.seal:
            where = first_seen.setdefault(seal.identifier, ctx.path(seal, "identifier"))
            if where != ctx.path(seal, "identifier"):
                yield ctx.violation(
                    seal,
                    "identifier",
                    f"{ctx.label(seal, 'identifier')} {seal.identifier!r} is already declared at {where}: "
                    "each seal is listed once; correct or remove the duplicate",
                )


@rule("R0448", "Transport equipment without a container number must have at least one seal.")
def r0448(ctx: Context) -> Iterator[Outcome]:
    for te in _equipment(ctx):
        if te.container_identification_number is None and te.number_of_seals == 0:
            yield ctx.violation(
                te,
                "number_of_seals",
                f"transport equipment without {ctx.label(te, 'container_identification_number')} is only declared "
                f"for sealed goods: give the seals and their number in {ctx.label(te, 'number_of_seals')}, "
                "or remove this transport equipment",
            )


@rule("R0165", "With an authorisation for seals of a special type, every transport equipment has seals.")
def r0165(ctx: Context) -> Iterator[Outcome]:
    types = {a.type for a in ctx.message.authorisation}  # type: ignore[attr-defined]
    unsealed = [te for te in _equipment(ctx) if te.number_of_seals == 0]
    if not unsealed:
        return
    if SEALS_AUTHORISATION in types:
        for te in unsealed:
            yield ctx.violation(
                te,
                "number_of_seals",
                f"12 12 002 000 Authorisation type {SEALS_AUTHORISATION} (seals of a special type) is declared: "
                f"seal the goods and give {ctx.label(te, 'number_of_seals')} greater than 0",
            )
    elif AUTHORISED_CONSIGNOR in types:
        for te in unsealed:
            yield ctx.unchecked(
                f"whether the authorised consignor authorisation ({AUTHORISED_CONSIGNOR}) requires seals is "
                "recorded in that authorisation, not in the message",
                ctx.path(te, "number_of_seals"),
            )
