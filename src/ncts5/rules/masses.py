"""Rules on gross and net mass of house consignments and goods items (Decimal arithmetic throughout)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from ncts5.messages.facets import to_text
from ncts5.rules.consignment import exports_followed_by_transit
from ncts5.rules.context import Context, Outcome
from ncts5.rules.registry import rule


def _gross(item: Any) -> Decimal | None:
    measure = item.commodity.goods_measure
    return None if measure is None else measure.gross_mass  # type: ignore[no-any-return]


def _net(item: Any) -> Decimal | None:
    measure = item.commodity.goods_measure
    return None if measure is None else measure.net_mass  # type: ignore[no-any-return]


def _at_gross(ctx: Context, item: Any, message: str) -> Outcome:
    """A finding at the item's gross mass (or at its missing GOODS MEASURE)."""
    measure = item.commodity.goods_measure
    if measure is None:
        return ctx.violation(item.commodity, "goods_measure", message)
    return ctx.violation(measure, "gross_mass", message)


@rule("R0983", "A house consignment's gross mass is at least the sum of its goods items' gross masses.")
def r0983(ctx: Context) -> Iterator[Outcome]:
    for house in ctx.message.consignment.house_consignment:  # type: ignore[attr-defined]
        masses = [m for m in (_gross(i) for i in house.consignment_item) if m is not None]
        total = sum(masses, Decimal(0))
        if house.gross_mass < total:
            msg = (
                f"{ctx.label(house, 'gross_mass')} {to_text(house.gross_mass)} kg is less than the "
                f"{to_text(total)} kg its goods items weigh together: raise it to at least {to_text(total)} "
                "or correct the goods items' gross mass"
            )
            yield ctx.violation(house, "gross_mass", msg)


@rule(
    "R0221",
    "Goods counted in another item's packages (0 packages) weigh 0 and need an item with mass; others weigh > 0.",
)
def r0221(ctx: Context) -> Iterator[Outcome]:
    """An absent gross mass (optional at item level) is neither 0 nor 'different from 0' and is not reported."""
    for house in ctx.message.consignment.house_consignment:  # type: ignore[attr-defined]
        weighed: list[Any] | None = None  # the house's items with a gross mass other than 0, found once
        for item in house.consignment_item:
            gross = _gross(item)
            shares_packages = any(p.number_of_packages == 0 for p in item.packaging)
            if not shares_packages:
                if gross is not None and gross == 0:
                    msg = (
                        "the gross mass of goods with their own packages cannot be 0: give the real "
                        "18 04 000 000 Gross mass (0 only when the item declares 0 packages)"
                    )
                    yield _at_gross(ctx, item, msg)
                continue
            if gross is not None and gross != 0:
                msg = (
                    "this goods item declares 0 packages, so its mass is included in the goods item that carries "
                    "the packages: set 18 04 000 000 Gross mass to 0 and add the mass to that item"
                )
                yield _at_gross(ctx, item, msg)
            if weighed is None:
                weighed = [o for o in house.consignment_item if _gross(o)][:2]
            if not any(o is not item for o in weighed):  # no other item has a gross mass
                msg = (
                    f"this goods item declares 0 packages but no other goods item of house consignment "
                    f"{house.sequence_number} has a gross mass other than 0: give the gross mass of the shared "
                    "packages on the goods item that counts them"
                )
                yield _at_gross(ctx, item, msg)


@rule("R0223", "A goods item's net mass does not exceed its gross mass.")
def r0223(ctx: Context) -> Iterator[Outcome]:
    for item in ctx.all("Consignment/HouseConsignment/ConsignmentItem"):
        gross, net = _gross(item), _net(item)
        if gross is not None and gross > 0 and net is not None and net > gross:
            measure = item.commodity.goods_measure  # type: ignore[attr-defined]
            msg = (
                f"the net mass {to_text(net)} kg is more than the gross mass {to_text(gross)} kg: the net mass "
                "excludes packaging and cannot exceed the gross mass; correct 18 01 000 000 Net mass or "
                "18 04 000 000 Gross mass"
            )
            yield ctx.violation(measure, "net_mass", msg)


def _net_mass_findings(ctx: Context, required_after_export: bool, code: int | None) -> Iterator[Outcome]:
    reduced = ctx.reduced_data_set
    for house in ctx.message.consignment.house_consignment:  # type: ignore[attr-defined]
        export = required_after_export and exports_followed_by_transit(house)
        for item in house.consignment_item:
            commodity = item.commodity
            net = _net(item)
            if export and net is None:
                msg = (
                    "house consignment refers to an export declaration (N830): give 18 01 000 000 Net mass "
                    "for every goods item"
                )
                if commodity.goods_measure is None:
                    yield ctx.violation(commodity, "goods_measure", msg, code=13)
                else:
                    yield ctx.violation(commodity.goods_measure, "net_mass", msg, code=13)
            elif not export and reduced and net is not None:
                msg = "a declaration with the reduced data set gives no net mass: remove 18 01 000 000 Net mass"
                yield ctx.violation(commodity.goods_measure, "net_mass", msg, code=code)


@rule("C0837", "Net mass is required after an export (N830), not allowed with the reduced data set, else optional.")
def c0837(ctx: Context) -> Iterator[Outcome]:
    yield from _net_mass_findings(ctx, required_after_export=True, code=15)


@rule(
    "B1805",
    "Transition period: net mass is not allowed with the reduced data set, else optional (replaces C0837).",
    phases=("transition",),
    suspends=("C0837",),
)
def b1805(ctx: Context) -> Iterator[Outcome]:
    yield from _net_mass_findings(ctx, required_after_export=False, code=None)


@rule(
    "B1860",
    "Transition period: R0221 on the gross mass of goods items is suspended.",
    phases=("transition",),
    suspends=("R0221",),
)
def b1860(ctx: Context) -> Iterator[Outcome]:
    """Its only effect is the suspension of R0221."""
    return iter(())


@rule(
    "B1862",
    "Transition period: R0223 (net mass not above gross mass) is suspended.",
    phases=("transition",),
    suspends=("R0223",),
)
def b1862(ctx: Context) -> Iterator[Outcome]:
    """Its only effect is the suspension of R0223."""
    return iter(())
