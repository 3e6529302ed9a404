"""Rules on the goods items: numbering, commodity, packaging and dangerous goods."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ncts5.rules.consignment import (
    ITEMS,
    departure_country,
    exports_followed_by_transit,
    header_type,
    houses_and_items,
    not_available,
)
from ncts5.rules.context import Context, Outcome
from ncts5.rules.registry import not_checkable, rule

NEEDS_EXPORT = "needs the goods items of the related export declaration, which only the export system holds"


# ---------------------------------------------------------------------- numbering
def _numbering(ctx: Context, items: list[Any], field: str, scope: str) -> Iterator[Outcome]:
    """Item ``i`` (1-based, document order) must carry number ``i``."""
    seen: set[int] = set()
    for position, item in enumerate(items, 1):
        number = getattr(item, field)
        if number != position:
            repeat = f"; {number} is already used by an earlier goods item" if number in seen else ""
            msg = (
                f"{ctx.label(item, field)} is {number} but this is goods item {position} of {scope}{repeat}: "
                f"number the goods items 1, 2, 3 … in document order, each number once (here {position})"
            )
            yield ctx.violation(item, field, msg)
        seen.add(number)


@rule("R0007", "Declaration goods item numbers run 1, 2, 3 … across the whole declaration, without gaps or repeats.")
def r0007(ctx: Context) -> Iterator[Outcome]:
    yield from _numbering(ctx, list(ctx.all(ITEMS)), "declaration_goods_item_number", "the declaration")


@rule("R0988", "Goods item numbers run 1, 2, 3 … within each house consignment, without gaps or repeats.")
def r0988(ctx: Context) -> Iterator[Outcome]:
    for house in ctx.message.consignment.house_consignment:  # type: ignore[attr-defined]
        scope = f"house consignment {house.sequence_number}"
        yield from _numbering(ctx, house.consignment_item, "goods_item_number", scope)


not_checkable(
    "G0072",
    "After an export (N830), goods items keep the export declaration's order and item numbers.",
    reason=NEEDS_EXPORT,
    module=__name__,
)
not_checkable(
    "G0071",
    "After an export (N830), the transit declaration lists all and only the export declaration's goods items.",
    reason=NEEDS_EXPORT,
    module=__name__,
)
not_checkable(
    "G0005",
    "A declaration goods item number is at most 1999.",
    reason="the limit is part of the XSD pattern, so ncts5 reports a larger number as a SCHEMA finding "
    "before any rule runs; no rule check is left to do",
    module=__name__,
)


# ---------------------------------------------------------------------- commodity
@rule("C0153", "The commodity code is required, except for TIR declarations that are not export followed by transit.")
def c0153(ctx: Context) -> Iterator[Outcome]:
    tir = header_type(ctx) == "TIR"
    for house, item in houses_and_items(ctx):
        optional = tir and not exports_followed_by_transit(house)
        if not optional and item.commodity.commodity_code is None:
            why = "a TIR declaration after an export (N830)" if tir else f"a {header_type(ctx)} declaration"
            msg = f"{why} needs the commodity code: give 18 09 000 000 COMMODITY CODE with its HS sub-heading code"
            yield ctx.violation(item.commodity, "commodity_code", msg, code=13)


@rule(
    "B1834",
    "Transition period: the commodity code is optional (C0153 is suspended).",
    phases=("transition",),
    suspends=("C0153",),
)
def b1834(ctx: Context) -> Iterator[Outcome]:
    """Its only effect is the suspension of C0153: an optional group has nothing to report."""
    return iter(())


@rule(
    "C0821",
    "The combined nomenclature code is not allowed when the office of departure is in a CTC country (CL112).",
)
def c0821(ctx: Context) -> Iterator[Outcome]:
    codes = [c for c in ctx.all(f"{ITEMS}/Commodity/CommodityCode") if c.combined_nomenclature_code is not None]  # type: ignore[attr-defined]
    if not codes:
        return
    country = departure_country(ctx)
    ctc = ctx.in_list("CL112", country)
    if ctc is None:
        yield ctx.unchecked(not_available("CL112"), ctx.path(codes[0], "combined_nomenclature_code"))
        return
    if ctc:
        for code in codes:
            msg = (
                f"the office of departure is in {country}, a common transit country outside the Union: "
                f"remove {ctx.label(code, 'combined_nomenclature_code')} (the CN subdivision is for Union offices)"
            )
            yield ctx.violation(code, "combined_nomenclature_code", msg, code=15)


not_checkable(
    "R0060",
    "HS sub-heading and combined nomenclature code together form a valid TARIC code.",
    reason="needs the TARIC nomenclature, which ncts5 neither ships nor imports",
    module=__name__,
)
not_checkable(
    "G0301",
    "A CUS code is used only where CL016 pairs it with the item's CN code.",
    reason="the official CUS code list (CL016) distributed as reference data holds the CUS codes without "
    "their CN codes, so the pairing cannot be looked up",
    module=__name__,
)
not_checkable(
    "G0300",
    "Dangerous goods listed by the UN carry their UN number.",
    reason="whether the goods are dangerous is a fact about the goods that the message does not state",
    module=__name__,
)


# ---------------------------------------------------------------------- packaging
@rule(
    "C0060",
    "Bulk packages take no number; unpacked goods need a number; other packages need number and shipping marks.",
)
def c0060(ctx: Context) -> Iterator[Outcome]:
    for p in ctx.all(f"{ITEMS}/Packaging"):
        kind = p.type_of_packages  # type: ignore[attr-defined]
        bulk = ctx.in_list("CL181", kind)
        if bulk is None:
            yield ctx.unchecked(not_available("CL181"), ctx.path(p, "type_of_packages"))
            continue
        if bulk:
            if p.number_of_packages is not None:  # type: ignore[attr-defined]
                label = ctx.label(p, "number_of_packages")
                msg = f"packages of type {kind} are bulk and are not counted: remove {label}"
                yield ctx.violation(p, "number_of_packages", msg, code=15)
            continue
        unpacked = ctx.in_list("CL182", kind)
        if unpacked is None:
            yield ctx.unchecked(not_available("CL182"), ctx.path(p, "type_of_packages"))
            continue
        if p.number_of_packages is None:  # type: ignore[attr-defined]
            what = "unpacked goods" if unpacked else "packages"
            msg = f"{what} of type {kind} are counted: give {ctx.label(p, 'number_of_packages')}"
            yield ctx.violation(p, "number_of_packages", msg, code=13)
        if not unpacked and p.shipping_marks is None:  # type: ignore[attr-defined]
            msg = f"packages of type {kind} are marked: give {ctx.label(p, 'shipping_marks')}"
            yield ctx.violation(p, "shipping_marks", msg, code=13)


not_checkable(
    "G0024",
    "Shipping marks are filled in when the packages carry marks.",
    reason="whether the packages carry marks is a fact about the goods that the message does not state",
    module=__name__,
)


def _zero(p: Any) -> bool:
    return p.number_of_packages == 0  # type: ignore[no-any-return]


@rule("R0219", "A goods item with a packaging of 0 packages has no packaging with a non-zero number of packages.")
def r0219(ctx: Context) -> Iterator[Outcome]:
    for item in ctx.all(ITEMS):
        packaging = item.packaging  # type: ignore[attr-defined]
        zeros = [p.sequence_number for p in packaging if _zero(p)]
        if not zeros:
            continue
        for p in packaging:
            if p.number_of_packages not in (None, 0):
                msg = (
                    f"packaging {zeros[0]} of this goods item declares 0 packages (its goods travel in another item's "
                    f"packages), so no other packaging of the item may count packages: set "
                    f"{ctx.label(p, 'number_of_packages')} to 0 or declare these goods as a separate goods item"
                )
                yield ctx.violation(p, "number_of_packages", msg)


@rule(
    "R0220",
    "A goods item with a packaging of 0 packages has no packaging of an unpacked type (CL182).",
)
def r0220(ctx: Context) -> Iterator[Outcome]:
    for item in ctx.all(ITEMS):
        packaging = item.packaging  # type: ignore[attr-defined]
        if not any(_zero(p) for p in packaging):
            continue
        for p in packaging:
            unpacked = ctx.in_list("CL182", p.type_of_packages)
            if unpacked is None:
                yield ctx.unchecked(not_available("CL182"), ctx.path(p, "type_of_packages"))
            elif unpacked:
                msg = (
                    f"this goods item has a packaging with 0 packages, so its goods are packed: "
                    f"replace the unpacked type {p.type_of_packages} in {ctx.label(p, 'type_of_packages')} "
                    "by the type of the shared packages"
                )
                yield ctx.violation(p, "type_of_packages", msg)


@rule(
    "R0364",
    "0 packages are allowed only when another item of the house consignment counts packages with the same marks.",
)
def r0364(ctx: Context) -> Iterator[Outcome]:
    for house in ctx.message.consignment.house_consignment:  # type: ignore[attr-defined]
        # Packagings that count packages, by shipping marks, in document order: built once per house
        # consignment (when one of its packagings has 0 packages) instead of once per such packaging.
        counted: dict[Any, list[tuple[Any, Any]]] | None = None
        for item in house.consignment_item:
            for p in item.packaging:
                if not _zero(p):
                    continue
                if counted is None:
                    counted = {}
                    for other in house.consignment_item:
                        for q in other.packaging:
                            if q.number_of_packages:
                                counted.setdefault(q.shipping_marks, []).append((other, q))
                candidates = [q for other, q in counted.get(p.shipping_marks, ()) if other is not item]
                verdicts = [_counted_packages(ctx, q.type_of_packages) for q in candidates]
                if any(verdicts):
                    continue
                if None in verdicts:
                    yield ctx.unchecked(not_available("CL181 or CL182"), ctx.path(p, "number_of_packages"))
                    continue
                marks = "no shipping marks" if p.shipping_marks is None else f"shipping marks {p.shipping_marks!r}"
                msg = (
                    f"0 packages means these goods travel in packages counted on another goods item of house "
                    f"consignment {house.sequence_number}, but no other item counts packages (not bulk, not "
                    f"unpacked) with {marks}: give the number of packages here or declare the shared packages, "
                    "with the same shipping marks, on the other item"
                )
                yield ctx.violation(p, "number_of_packages", msg)


def _counted_packages(ctx: Context, kind: str) -> bool | None:
    """True if the type is neither bulk (CL181) nor unpacked (CL182); None when a list is missing."""
    bulk = ctx.in_list("CL181", kind)
    if bulk:
        return False
    unpacked = ctx.in_list("CL182", kind)
    if unpacked:
        return False
    if bulk is None or unpacked is None:
        return None
    return True


@rule(
    "B1819",
    "Transition period: R0219 on the number of packages is suspended.",
    phases=("transition",),
    suspends=("R0219",),
)
def b1819(ctx: Context) -> Iterator[Outcome]:
    """Its only effect is the suspension of R0219."""
    return iter(())
