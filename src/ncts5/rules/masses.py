"""Rules on gross and net mass of the consignment, house consignments and goods items.

Masses are compared as :class:`~decimal.Decimal` throughout: 0.1 + 0.2 is 0.3 here, as it is for
customs.  Each rule is one :class:`~ncts5.rules.declaration.Rule` value named by its id, with its
check and its example cases just above it (see :mod:`ncts5.rules.declaration`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import TYPE_CHECKING

from ncts5.messages.facets import to_text
from ncts5.rules.context import Context, Outcome
from ncts5.rules.declaration import IE015, P5_P6, TRANSITION, Fires, Rule, Silent, Suspends
from ncts5.rules.examples import T1_ROAD
from ncts5.rules.kit import exports_followed_by_transit, field_label

if TYPE_CHECKING:
    from ncts5.messages.cc015c import CC015C, ConsignmentItem, GoodsMeasure

_HOUSE = "/CC015C/Consignment/HouseConsignment[1]"
_ITEM = f"{_HOUSE}/ConsignmentItem"


def _gross(item: ConsignmentItem) -> Decimal | None:
    measure = item.commodity.goods_measure
    return None if measure is None else measure.gross_mass


def _net(item: ConsignmentItem) -> Decimal | None:
    measure = item.commodity.goods_measure
    return None if measure is None else measure.net_mass


def _label(ctx: Context[CC015C], field: str) -> str:
    """How the message names a field of GOODS MEASURE, for an item that may lack the group.

    Read from the models of the message's own release, so that judging a Phase 6 message never loads
    the Phase 5 models (the names are the same; the load is not free).
    """
    return field_label(
        ctx.group("Consignment", "HouseConsignment", "ConsignmentItem", "Commodity", "GoodsMeasure"), field
    )


def _at_gross(ctx: Context[CC015C], item: ConsignmentItem, message: str) -> Outcome:
    """A finding at the item's gross mass (or at its missing GOODS MEASURE)."""
    measure = item.commodity.goods_measure
    if measure is None:
        return ctx.violation(item.commodity, "goods_measure", message)
    return ctx.violation(measure, "gross_mass", message)


# Changes to the T1 example: its house consignment weighs 1250.5 kg, goods item 1 850.5 kg gross (800 net),
# goods item 2 400 kg gross (380 net); the consignment weighs 1250.5 kg.


def _measure(m: CC015C, index: int) -> GoodsMeasure:
    """Goods measure of goods item ``index`` (0-based) of the example, which gives every item one."""
    measure = m.consignment.house_consignment[0].consignment_item[index].commodity.goods_measure
    if measure is None:
        raise ValueError("the example gives every goods item a goods measure")
    return measure


def _masses(index: int, gross: str | None, net: str | None) -> Callable[[CC015C], None]:
    """Goods item ``index`` (0-based) weighs ``gross`` kg gross and ``net`` kg net (None: not given)."""

    def change(m: CC015C) -> None:
        measure = _measure(m, index)
        measure.gross_mass = None if gross is None else Decimal(gross)
        measure.net_mass = None if net is None else Decimal(net)

    change.__name__ = f"item_{index + 1}_gross_{gross}_net_{net}"
    return change


def _shares_packages(m: CC015C, index: int) -> None:
    """Goods item ``index`` declares 0 packages: its goods travel in another item's packages."""
    from ncts5.messages.cc015c import Packaging

    item = m.consignment.house_consignment[0].consignment_item[index]
    item.packaging = [
        Packaging(sequence_number=1, type_of_packages="PX", number_of_packages=0, shipping_marks="NORDWERK 1-4")
    ]


def _export_mrn(m: CC015C) -> None:
    """The house consignment follows an export: its previous document is the export declaration (N830)."""
    from ncts5.messages.cc015c import HouseConsignmentPreviousDocument

    m.consignment.house_consignment[0].previous_document = [
        HouseConsignmentPreviousDocument(sequence_number=1, type="N830", reference_number="26DE000000000123E0")
    ]


def _reduced_data_set(m: CC015C) -> None:
    m.transit_operation.reduced_dataset_indicator = "1"


# ------------------------------------------------------------------------------------------- R0983


def _r0983(ctx: Context[CC015C]) -> Iterator[Outcome]:
    for house in ctx.message.consignment.house_consignment:
        masses = [m for m in (_gross(i) for i in house.consignment_item) if m is not None]
        total = sum(masses, Decimal(0))
        if house.gross_mass < total:
            msg = (
                f"{ctx.label(house, 'gross_mass')} {to_text(house.gross_mass)} kg is less than the "
                f"{to_text(total)} kg its goods items weigh together: raise it to at least {to_text(total)} "
                "or correct the goods items' gross mass"
            )
            yield ctx.violation(house, "gross_mass", msg)


def _house_lighter_than_its_items(m: CC015C) -> None:
    m.consignment.house_consignment[0].gross_mass = Decimal("1250.499999")


def _tenths_that_sum_exactly(m: CC015C) -> None:
    """0.1 + 0.2 kg in a house consignment of 0.3 kg: more than 0.3 in binary floating point, not in Decimal."""
    _masses(0, "0.1", None)(m)
    _masses(1, "0.2", None)(m)
    m.consignment.house_consignment[0].gross_mass = Decimal("0.3")


def _item_without_gross_mass(m: CC015C) -> None:
    _measure(m, 1).gross_mass = None
    m.consignment.house_consignment[0].gross_mass = Decimal("850.5")


R0983 = Rule(
    "R0983",
    "A house consignment's gross mass is at least the sum of its goods items' gross masses.",
    messages=IE015,
    checks="Each house consignment's 18 04 000 000 Gross mass is at least the sum of the gross masses its goods "
    "items declare (items without a gross mass count for nothing).",
    why="The house consignment holds its goods items: it cannot weigh less than they do together, so one of the "
    "masses is wrong.",
    fix="Correct the house consignment's gross mass, or the goods items' gross masses.",
    check=_r0983,
    cases=(
        Fires(T1_ROAD, _house_lighter_than_its_items, at=f"{_HOUSE}/grossMass", code=14, says="1250.5"),
        Silent(T1_ROAD),
        Silent(T1_ROAD, _tenths_that_sum_exactly),
        Silent(T1_ROAD, _item_without_gross_mass, release="5"),  # gross mass is mandatory in Phase 6
    ),
    releases=P5_P6,
)

# ------------------------------------------------------------------------------------------- R0221


def _r0221(ctx: Context[CC015C]) -> Iterator[Outcome]:
    """An absent gross mass (optional at item level) is neither 0 nor 'different from 0' and is not reported."""
    gross_label = _label(ctx, "gross_mass")
    for house in ctx.message.consignment.house_consignment:
        weighed: list[ConsignmentItem] | None = None  # the house's items with a gross mass other than 0, found once
        for item in house.consignment_item:
            gross = _gross(item)
            shares_packages = any(p.number_of_packages == 0 for p in item.packaging)
            if not shares_packages:
                if gross is not None and gross == 0:
                    msg = (
                        "the gross mass of goods with their own packages cannot be 0: give the real "
                        f"{gross_label} (0 only when the item declares 0 packages)"
                    )
                    yield _at_gross(ctx, item, msg)
                continue
            if gross is not None and gross != 0:
                msg = (
                    "this goods item declares 0 packages, so its mass is included in the goods item that carries "
                    f"the packages: set {gross_label} to 0 and add the mass to that item"
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


def _zero_gross_mass(m: CC015C) -> None:
    _measure(m, 0).gross_mass = Decimal("0")


def _item_2_shares_packages(m: CC015C) -> None:
    _shares_packages(m, 1)


def _item_2_shares_packages_weighing_0(m: CC015C) -> None:
    _shares_packages(m, 1)
    _measure(m, 1).gross_mass = Decimal("0")


def _no_item_carries_the_mass(m: CC015C) -> None:
    for i in (0, 1):
        _shares_packages(m, i)
        _measure(m, i).gross_mass = Decimal("0")


_GROSS = "Commodity/GoodsMeasure/grossMass"

R0221 = Rule(
    "R0221",
    "Goods counted in another item's packages (0 packages) weigh 0 and need an item with mass; others weigh > 0.",
    messages=IE015,
    checks="A goods item declaring 0 packages (its goods travel in another item's packages) has gross mass 0, and "
    "another goods item of its house consignment has a gross mass other than 0; every other goods item has a "
    "gross mass other than 0.",
    why="Goods packed together are weighed once, on the goods item that counts the packages; a mass on both, or "
    "on neither, makes the consignment's weight wrong.",
    fix="Put the mass of shared packages on the goods item that counts them and 0 on the items sharing them; "
    "give every other goods item its real gross mass.",
    check=_r0221,
    cases=(
        Fires(T1_ROAD, _zero_gross_mass, at=f"{_ITEM}[1]/{_GROSS}", code=14, says="cannot be 0"),
        Fires(T1_ROAD, _item_2_shares_packages, at=f"{_ITEM}[2]/{_GROSS}", says="set 18 04 000 000 Gross mass to 0"),
        Fires(T1_ROAD, _no_item_carries_the_mass, at=(f"{_ITEM}[1]/{_GROSS}", f"{_ITEM}[2]/{_GROSS}"), says="no other"),
        Silent(T1_ROAD),
        Silent(T1_ROAD, _item_2_shares_packages_weighing_0),
    ),
    releases=P5_P6,
)

B1860 = Rule(
    "B1860",
    "Transition period: R0221 on the gross mass of goods items is suspended.",
    messages=IE015,
    phases=TRANSITION,
    error_code=50,
    suspends=("R0221",),
    checks="Nothing in the message: during the transition period R0221 is switched off.",
    why="Declarations converted from NCTS phase 4 may lack the goods items' gross mass, so customs do not apply "
    "R0221 until TPendDate.",
    fix="Nothing to fix during the transition period; after it, follow R0221.",
    cases=(Suspends(T1_ROAD, _zero_gross_mass),),
)

# ------------------------------------------------------------------------------------------- R0223


def _r0223(ctx: Context[CC015C]) -> Iterator[Outcome]:
    for house in ctx.message.consignment.house_consignment:
        for item in house.consignment_item:
            measure = item.commodity.goods_measure
            if measure is None:
                continue
            gross, net = measure.gross_mass, measure.net_mass
            if gross is not None and gross > 0 and net is not None and net > gross:
                msg = (
                    f"the net mass {to_text(net)} kg is more than the gross mass {to_text(gross)} kg: the net mass "
                    f"excludes packaging and cannot exceed the gross mass; correct {ctx.label(measure, 'net_mass')} "
                    f"or {ctx.label(measure, 'gross_mass')}"
                )
                yield ctx.violation(measure, "net_mass", msg)


R0223 = Rule(
    "R0223",
    "A goods item's net mass does not exceed its gross mass.",
    messages=IE015,
    checks="A goods item with a gross mass above 0 declares a 18 01 000 000 Net mass no greater than its "
    "18 04 000 000 Gross mass.",
    why="The gross mass is the net mass plus packaging: a net mass above it is impossible.",
    fix="Correct the net or the gross mass of the goods item.",
    check=_r0223,
    cases=(
        Fires(T1_ROAD, _masses(1, "400", "400.000001"), at=f"{_ITEM}[2]/Commodity/GoodsMeasure/netMass", code=14),
        Silent(T1_ROAD),
        Silent(T1_ROAD, _masses(1, "400", "400")),
        Silent(T1_ROAD, _masses(1, "0", "5")),
        Silent(T1_ROAD, _masses(1, None, "5"), release="5"),  # gross mass is mandatory in Phase 6
        Silent(T1_ROAD, _masses(1, "400", None)),
    ),
    releases=P5_P6,
)

B1862 = Rule(
    "B1862",
    "Transition period: R0223 (net mass not above gross mass) is suspended.",
    messages=IE015,
    phases=TRANSITION,
    error_code=50,
    suspends=("R0223",),
    checks="Nothing in the message: during the transition period R0223 is switched off.",
    why="Declarations converted from NCTS phase 4 may carry masses phase 4 did not compare, so customs do not "
    "apply R0223 until TPendDate.",
    fix="Nothing to fix during the transition period; after it, follow R0223.",
    cases=(Suspends(T1_ROAD, _masses(1, "400", "401")),),
)

# ------------------------------------------------------------------------------------------- C0837, B1805


def _net_mass_findings(ctx: Context[CC015C], required_after_export: bool, code: int | None) -> Iterator[Outcome]:
    reduced = ctx.reduced_data_set
    net_label = _label(ctx, "net_mass")
    for house in ctx.message.consignment.house_consignment:
        export = required_after_export and exports_followed_by_transit(house)
        for item in house.consignment_item:
            commodity = item.commodity
            measure = commodity.goods_measure
            net = _net(item)
            if export and net is None:
                msg = f"house consignment refers to an export declaration (N830): give {net_label} for every goods item"
                if measure is None:
                    yield ctx.violation(commodity, "goods_measure", msg, code=13)
                else:
                    yield ctx.violation(measure, "net_mass", msg, code=13)
            elif not export and reduced and measure is not None and net is not None:
                msg = f"a declaration with the reduced data set gives no net mass: remove {net_label}"
                yield ctx.violation(measure, "net_mass", msg, code=code)


def _c0837(ctx: Context[CC015C]) -> Iterator[Outcome]:
    yield from _net_mass_findings(ctx, required_after_export=True, code=15)


def _export_without_net_mass(m: CC015C) -> None:
    _export_mrn(m)
    _measure(m, 1).net_mass = None


def _export_without_goods_measure(m: CC015C) -> None:
    _export_mrn(m)
    m.consignment.house_consignment[0].consignment_item[0].commodity.goods_measure = None


def _export_with_reduced_data_set(m: CC015C) -> None:
    _export_mrn(m)
    _reduced_data_set(m)


_NET = "Commodity/GoodsMeasure/netMass"

C0837 = Rule(
    "C0837",
    "Net mass is required after an export (N830), not allowed with the reduced data set, else optional.",
    messages=IE015,
    checks="Every goods item of a house consignment whose previous document is an export declaration (N830) "
    "gives 18 01 000 000 Net mass; otherwise a declaration with the reduced data set gives none.",
    why="Goods leaving the Union after export are checked against the export declaration, which states their "
    "net mass; the reduced data set leaves the net mass out by design.",
    fix="Give the net mass of each goods item that follows an export; remove it under the reduced data set.",
    check=_c0837,
    cases=(
        Fires(T1_ROAD, _export_without_net_mass, at=f"{_ITEM}[2]/{_NET}", code=13, says="N830"),
        # Phase 6 makes GOODS MEASURE (and its gross mass) mandatory: the schema already refuses these two
        Fires(T1_ROAD, _export_without_goods_measure, at=f"{_ITEM}[1]/Commodity/GoodsMeasure", code=13, release="5"),
        Fires(T1_ROAD, _reduced_data_set, at=(f"{_ITEM}[1]/{_NET}", f"{_ITEM}[2]/{_NET}"), code=15),
        Silent(T1_ROAD),
        Silent(T1_ROAD, _export_with_reduced_data_set),
    ),
    releases=P5_P6,
)


def _b1805(ctx: Context[CC015C]) -> Iterator[Outcome]:
    yield from _net_mass_findings(ctx, required_after_export=False, code=None)


B1805 = Rule(
    "B1805",
    "Transition period: net mass is not allowed with the reduced data set, else optional (replaces C0837).",
    messages=IE015,
    phases=TRANSITION,
    error_code=50,
    suspends=("C0837",),
    checks="During the transition period C0837 is switched off: no goods item gives 18 01 000 000 Net mass under "
    "the reduced data set, even after an export; otherwise the net mass is optional.",
    why="Declarations converted from NCTS phase 4 carry no net mass for exported goods, so customs do not require "
    "it until TPendDate; the reduced data set never carries one.",
    fix="Remove the net mass under the reduced data set.",
    check=_b1805,
    cases=(
        Fires(
            T1_ROAD,
            _export_with_reduced_data_set,
            at=(f"{_ITEM}[1]/{_NET}", f"{_ITEM}[2]/{_NET}"),
            phase="transition",
            code=50,
        ),
        Silent(T1_ROAD, phase="transition"),
        Silent(T1_ROAD, _export_without_net_mass, phase="transition"),
        Suspends(T1_ROAD, _export_without_net_mass),
    ),
)

# ------------------------------------------------------------------------------------------- R0994


def _r0994(ctx: Context[CC015C]) -> Iterator[Outcome]:
    c = ctx.message.consignment
    total = sum((h.gross_mass for h in c.house_consignment), Decimal(0))
    if c.gross_mass < total:
        yield ctx.violation(
            c,
            "gross_mass",
            f"{ctx.label(c, 'gross_mass')} {c.gross_mass} is less than the {total} kg the house consignments weigh "
            f"together: enter at least {total}",
        )


def _consignment_weighs(mass: str) -> Callable[[CC015C], None]:
    def change(m: CC015C) -> None:
        m.consignment.gross_mass = Decimal(mass)

    change.__name__ = f"consignment_weighs_{mass}"
    return change


R0994 = Rule(
    "R0994",
    "The consignment gross mass is at least the sum of the house consignments' gross masses.",
    messages=IE015,
    checks="The consignment's 18 04 000 000 Gross mass is at least the sum of its house consignments' gross masses.",
    why="The consignment is made of its house consignments: it cannot weigh less than they do together.",
    fix="Correct the consignment's gross mass, or the house consignments' gross masses.",
    check=_r0994,
    cases=(
        Fires(T1_ROAD, _consignment_weighs("1000"), at="/CC015C/Consignment/grossMass", code=14, says="1250.5"),
        Silent(T1_ROAD),
        Silent(T1_ROAD, _consignment_weighs("1300")),
    ),
    releases=P5_P6,
)
