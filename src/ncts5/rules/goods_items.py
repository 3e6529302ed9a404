"""Rules on the goods items: numbering, commodity, packaging and dangerous goods, final and transition period.

Each rule is one :class:`~ncts5.rules.declaration.Rule` value named by its id, with its check and
its example cases just above it (see :mod:`ncts5.rules.declaration`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING

from ncts5.rules.context import Context, Outcome
from ncts5.rules.declaration import IE015, IE015_IE170, P5_P6, P6, TRANSITION, Fires, Rule, Silent, Suspends, Undecided
from ncts5.rules.examples import IE170_PRESENTATION, T1_ROAD, TIR
from ncts5.rules.kit import EXPORT_DECLARATION, exports_followed_by_transit, houses_and_items, office_country, undecided

if TYPE_CHECKING:
    from ncts5.messages.cc015c import CC015C, ConsignmentItem, Packaging
    from ncts5.messages.p6 import cc015c as p6cc015c
    from ncts5.messages.p6.cc015c import CC015C as P6CC015C

_HOUSE = "/CC015C/Consignment/HouseConsignment"
_ITEM = f"{_HOUSE}[1]/ConsignmentItem"

_NEEDS_EXPORT = "needs the goods items of the related export declaration, which only the export system holds"


def _items(m: CC015C) -> list[ConsignmentItem]:
    """The goods items of the first house consignment (the examples have one)."""
    return m.consignment.house_consignment[0].consignment_item


def _second_house(goods_item_numbers: Sequence[int], declaration_numbers: Sequence[int]) -> Callable[[CC015C], None]:
    """A change appending a house consignment whose goods items copy the first goods item of the first one."""

    def change(m: CC015C) -> None:
        house = m.consignment.house_consignment[0].model_copy(deep=True)
        house.sequence_number = 2
        template = house.consignment_item[0]
        house.consignment_item = []
        for goods, declaration in zip(goods_item_numbers, declaration_numbers, strict=True):
            item = template.model_copy(deep=True)
            item.goods_item_number, item.declaration_goods_item_number = goods, declaration
            house.consignment_item.append(item)
        m.consignment.house_consignment.append(house)

    numbers = "_".join(f"{g}_{d}" for g, d in zip(goods_item_numbers, declaration_numbers, strict=True))
    change.__name__ = f"second_house_consignment_items_numbered_{numbers}"
    return change


# ------------------------------------------------------------------------------------------- R0007, R0988


def _numbering(ctx: Context[CC015C], items: Sequence[ConsignmentItem], field: str, scope: str) -> Iterator[Outcome]:
    """Item ``i`` (1-based, document order) must carry number ``i``."""
    seen: set[int] = set()
    for position, item in enumerate(items, 1):
        number: int = getattr(item, field)
        if number != position:
            repeat = f"; {number} is already used by an earlier goods item" if number in seen else ""
            text = (
                f"{ctx.label(item, field)} is {number} but this is goods item {position} of {scope}{repeat}: "
                f"number the goods items 1, 2, 3 … in document order, each number once (here {position})"
            )
            yield ctx.violation(item, field, text)
        seen.add(number)


def _r0007(ctx: Context[CC015C]) -> Iterator[Outcome]:
    items = [item for _, item in houses_and_items(ctx.message)]
    yield from _numbering(ctx, items, "declaration_goods_item_number", "the declaration")


def _declaration_number_gap(m: CC015C) -> None:
    _items(m)[1].declaration_goods_item_number = 3


def _declaration_number_repeated(m: CC015C) -> None:
    _items(m)[1].declaration_goods_item_number = 1


R0007 = Rule(
    "R0007",
    "Declaration goods item numbers run 1, 2, 3 … across the whole declaration, without gaps or repeats.",
    messages=IE015,
    checks="11 11 000 000 Declaration goods item number counts the goods items of the whole declaration 1, 2, 3 … "
    "in document order, across house consignments, each number once.",
    why="NCTS and the accompanying documents refer to a goods item by this number; a gap or repeat makes those "
    "references ambiguous.",
    fix="Number the goods items of the declaration 1, 2, 3 … in the order they appear.",
    check=_r0007,
    cases=(
        Fires(T1_ROAD, _declaration_number_gap, at=f"{_ITEM}[2]/declarationGoodsItemNumber", code=14),
        Fires(T1_ROAD, _declaration_number_repeated, at=f"{_ITEM}[2]/declarationGoodsItemNumber", says="already used"),
        Fires(T1_ROAD, _second_house((1,), (1,)), at=f"{_HOUSE}[2]/ConsignmentItem[1]/declarationGoodsItemNumber"),
        Silent(T1_ROAD),
        Silent(T1_ROAD, _second_house((1, 2), (3, 4))),
    ),
    releases=P5_P6,
)


def _r0988(ctx: Context[CC015C]) -> Iterator[Outcome]:
    for house in ctx.message.consignment.house_consignment:
        scope = f"house consignment {house.sequence_number}"
        yield from _numbering(ctx, house.consignment_item, "goods_item_number", scope)


def _goods_item_numbers_from_2(m: CC015C) -> None:
    _items(m)[0].goods_item_number = 2


R0988 = Rule(
    "R0988",
    "Goods item numbers run 1, 2, 3 … within each house consignment, without gaps or repeats.",
    messages=IE015,
    checks="11 03 000 000 Goods item number counts the goods items of each house consignment 1, 2, 3 … in document "
    "order, each number once, starting again at 1 in every house consignment.",
    why="A goods item is identified within its house consignment by this number; a gap or repeat makes references "
    "to it ambiguous.",
    fix="Number the goods items of each house consignment 1, 2, 3 … in the order they appear.",
    check=_r0988,
    cases=(
        Fires(T1_ROAD, _goods_item_numbers_from_2, at=f"{_ITEM}[1]/goodsItemNumber", code=14),
        Fires(T1_ROAD, _second_house((3,), (3,)), at=f"{_HOUSE}[2]/ConsignmentItem[1]/goodsItemNumber"),
        Silent(T1_ROAD),
        Silent(T1_ROAD, _second_house((1, 2), (3, 4))),
    ),
    releases=P5_P6,
)

# ------------------------------------------------------------------------------------------- not checkable: numbering

G0072 = Rule(
    "G0072",
    "After an export (N830), goods items keep the export declaration's order and item numbers.",
    messages=IE015,
    reason=_NEEDS_EXPORT,
    checks="Nothing ncts5 can see: for an export followed by transit, the goods items are listed in the order of "
    "the export declaration, with goods item number equal to the export's declaration goods item number.",
    why="NCTS matches the transit's goods items with the export's automatically, and only by their order and numbers.",
    fix="List and number the goods items exactly as in the export declaration.",
    cases=(Undecided(T1_ROAD),),
    releases=P5_P6,
)

G0071 = Rule(
    "G0071",
    "After an export (N830), the transit declaration lists all and only the export declaration's goods items.",
    messages=IE015,
    reason=_NEEDS_EXPORT,
    checks="Nothing ncts5 can see: for an export followed by transit, the house consignment lists every goods item "
    "of the export declaration, and no other.",
    why="The export is discharged by the transit only for the goods the transit declares; goods added or left out "
    "break the match with the export.",
    fix="Declare exactly the goods items of the export declaration in the house consignment that cites it.",
    cases=(Undecided(T1_ROAD),),
    releases=P5_P6,
)

G0005 = Rule(
    "G0005",
    "A declaration goods item number is at most 1999.",
    messages=IE015_IE170,
    reason="the limit is part of the XSD pattern, so ncts5 reports a larger number as a SCHEMA finding "
    "before any rule runs; no rule check is left to do",
    checks="The schema check: a declaration goods item number (also when a transport equipment's goods reference "
    "cites one) is at most 1999.",
    why="A declaration holds at most 1999 goods items.",
    fix="Split a larger shipment into several declarations.",
    cases=(Undecided(T1_ROAD), Undecided(IE170_PRESENTATION)),
    releases=P5_P6,
)

# ------------------------------------------------------------------------------------------- C0153, B1834


def _c0153(ctx: Context[CC015C]) -> Iterator[Outcome]:
    declaration_type = ctx.message.transit_operation.declaration_type
    tir = declaration_type == "TIR"
    for house, item in houses_and_items(ctx.message):
        optional = tir and not exports_followed_by_transit(house)
        if not optional and item.commodity.commodity_code is None:
            why = "a TIR declaration after an export (N830)" if tir else f"a {declaration_type} declaration"
            text = (
                f"{why} needs the commodity code: give {ctx.label(item.commodity, 'commodity_code')} with its HS "
                "sub-heading code"
            )
            yield ctx.violation(item.commodity, "commodity_code", text, code=13)


def _no_commodity_code_on_item_2(m: CC015C) -> None:
    _items(m)[1].commodity.commodity_code = None


def _no_commodity_code_on_item_1(m: CC015C) -> None:
    _items(m)[0].commodity.commodity_code = None


def _tir_after_export_without_commodity_code(m: CC015C) -> None:
    from ncts5.messages.cc015c import HouseConsignmentPreviousDocument

    m.consignment.house_consignment[0].previous_document = [
        HouseConsignmentPreviousDocument(
            sequence_number=1, type=EXPORT_DECLARATION, reference_number="26PL000000000123E7"
        )
    ]
    _no_commodity_code_on_item_1(m)


C0153 = Rule(
    "C0153",
    "The commodity code is required, except for TIR declarations that are not export followed by transit.",
    messages=IE015,
    checks="Every goods item gives 18 09 000 000 COMMODITY CODE, except in a TIR declaration whose house "
    "consignment does not follow an export (no previous document N830), where it is optional.",
    why="Customs assess the risk and the guarantee by the goods' tariff classification; only a TIR movement that "
    "does not continue an export may describe its goods without it.",
    fix="Give the commodity code (at least the HS sub-heading) of every goods item.",
    check=_c0153,
    cases=(
        Fires(T1_ROAD, _no_commodity_code_on_item_2, at=f"{_ITEM}[2]/Commodity/CommodityCode", code=13),
        Fires(
            TIR,
            _tir_after_export_without_commodity_code,
            at=f"{_ITEM}[1]/Commodity/CommodityCode",
            says="TIR declaration after an export",
        ),
        Silent(T1_ROAD),
        Silent(TIR, _no_commodity_code_on_item_1),
    ),
    releases=P5_P6,
)

B1834 = Rule(
    "B1834",
    "Transition period: the commodity code is optional (C0153 is suspended).",
    messages=IE015,
    phases=TRANSITION,
    error_code=50,
    suspends=("C0153",),
    checks="During the transition period C0153 is switched off: a goods item may leave out its commodity code.",
    why="Until TPendDate customs convert the declaration into the phase 4 message, in which the commodity code is "
    "optional.",
    fix="Nothing to fix during the transition period; after it, give the commodity code as C0153 requires.",
    cases=(Suspends(T1_ROAD, _no_commodity_code_on_item_2),),
)

# ------------------------------------------------------------------------------------------- C0821


def _c0821(ctx: Context[CC015C]) -> Iterator[Outcome]:
    codes = [
        item.commodity.commodity_code
        for _, item in houses_and_items(ctx.message)
        if item.commodity.commodity_code is not None
        and item.commodity.commodity_code.combined_nomenclature_code is not None
    ]
    if not codes:
        return
    country = office_country(ctx.message.customs_office_of_departure.reference_number)
    ctc = ctx.in_list("CL112", country)
    if ctc is None:
        yield ctx.unchecked(undecided("CL112", country), ctx.path(codes[0], "combined_nomenclature_code"))
        return
    if ctc:
        for code in codes:
            text = (
                f"the office of departure is in {country}, a common transit country outside the Union: "
                f"remove {ctx.label(code, 'combined_nomenclature_code')} (the CN subdivision is for Union offices)"
            )
            yield ctx.violation(code, "combined_nomenclature_code", text, code=15)


def _cn_code(m: CC015C) -> None:
    code = _items(m)[0].commodity.commodity_code
    assert code is not None  # the examples classify every goods item
    code.combined_nomenclature_code = "10"


def _cn_code_from_switzerland(m: CC015C) -> None:
    m.customs_office_of_departure.reference_number = "CH001234"
    _cn_code(m)


_CN = f"{_ITEM}[1]/Commodity/CommodityCode/combinedNomenclatureCode"

C0821 = Rule(
    "C0821",
    "The combined nomenclature code is not allowed when the office of departure is in a CTC country (CL112).",
    messages=IE015,
    checks="No goods item gives 18 09 057 000 Combined nomenclature code when the office of departure is in a "
    "common transit country outside the Union (CL112).",
    why="The combined nomenclature subdivides the HS code for the Union's tariff; common transit countries outside "
    "the Union do not use it.",
    fix="Leave out the combined nomenclature code and declare the HS sub-heading code only.",
    check=_c0821,
    cases=(
        Fires(T1_ROAD, _cn_code_from_switzerland, at=_CN, code=15, says="in CH"),
        Silent(T1_ROAD),
        Silent(T1_ROAD, _cn_code),
        Undecided(T1_ROAD, _cn_code, at=_CN, without_lists=("CL112",)),
    ),
    releases=P5_P6,
)

# ------------------------------------------------------------------------------------------- not checkable: commodity

R0060 = Rule(
    "R0060",
    "HS sub-heading and combined nomenclature code together form a valid TARIC code.",
    messages=IE015,
    reason="needs the TARIC nomenclature, which ncts5 neither ships nor imports",
    checks="Nothing ncts5 can decide: the HS sub-heading code and the combined nomenclature code together are a "
    "code of the TARIC database (checked by the Union's customs offices only).",
    why="A commodity code that does not exist in the tariff cannot be classified for risk analysis or duties.",
    fix="Take the eight-digit code from the TARIC consultation of the goods.",
    cases=(Undecided(T1_ROAD),),
    releases=P5_P6,
)

G0301 = Rule(
    "G0301",
    "A CUS code is used only where CL016 pairs it with the item's CN code.",
    messages=IE015,
    reason="needs the CN code of each CUS number, which the European Customs Inventory of Chemical Substances "
    "(ECICS) holds; the CUS code list CL016 distributed as reference data lists the CUS codes without them",
    checks="Nothing ncts5 can decide: a goods item gives a CUS code only when the chemical substance it names is "
    "classified under the item's HS and CN code.",
    why="The CUS number identifies a chemical substance within its tariff classification; paired with another "
    "commodity code it describes different goods.",
    fix="Look the substance up in ECICS and give its CUS number only with the commodity code ECICS gives for it.",
    cases=(Undecided(T1_ROAD),),
    releases=P5_P6,
)

G0300 = Rule(
    "G0300",
    "Dangerous goods listed by the UN carry their UN number.",
    messages=IE015,
    reason="needs to know whether the goods are dangerous goods listed by the United Nations, which the message "
    "does not state (only the goods' classification for transport tells)",
    checks="Nothing ncts5 can see: a goods item that includes dangerous goods of the UN list declares their UN "
    "number in 18 07 000 000 DANGEROUS GOODS.",
    why="Customs and the carriers along the route must know which dangerous goods travel and how to handle them.",
    fix="Declare the UN number of every dangerous substance the goods item includes.",
    cases=(Undecided(T1_ROAD),),
    releases=P5_P6,
)

# ------------------------------------------------------------------------------------------- C0060


def _c0060(ctx: Context[CC015C]) -> Iterator[Outcome]:
    for _, item in houses_and_items(ctx.message):
        for p in item.packaging:
            kind = p.type_of_packages
            bulk = ctx.in_list("CL181", kind)
            if bulk is None:
                yield ctx.unchecked(undecided("CL181", kind), ctx.path(p, "type_of_packages"))
                continue
            if bulk:
                if p.number_of_packages is not None:
                    label = ctx.label(p, "number_of_packages")
                    text = f"packages of type {kind} are bulk and are not counted: remove {label}"
                    yield ctx.violation(p, "number_of_packages", text, code=15)
                continue
            unpacked = ctx.in_list("CL182", kind)
            if unpacked is None:
                yield ctx.unchecked(undecided("CL182", kind), ctx.path(p, "type_of_packages"))
                continue
            if p.number_of_packages is None:
                what = "unpacked goods" if unpacked else "packages"
                text = f"{what} of type {kind} are counted: give {ctx.label(p, 'number_of_packages')}"
                yield ctx.violation(p, "number_of_packages", text, code=13)
            if not unpacked and p.shipping_marks is None:
                text = f"packages of type {kind} are marked: give {ctx.label(p, 'shipping_marks')}"
                yield ctx.violation(p, "shipping_marks", text, code=13)


def _packaging(seq: int, kind: str, number: int | None, marks: str | None) -> Packaging:
    from ncts5.messages.cc015c import Packaging

    return Packaging(sequence_number=seq, type_of_packages=kind, number_of_packages=number, shipping_marks=marks)


def _item_packaging(item: int, *packagings: tuple[str, int | None, str | None], name: str) -> Callable[[CC015C], None]:
    """A change giving goods item ``item`` (1-based) these packagings: (type, number, shipping marks) each."""

    def change(m: CC015C) -> None:
        _items(m)[item - 1].packaging = [_packaging(seq, *p) for seq, p in enumerate(packagings, 1)]

    change.__name__ = name
    return change


_PACKAGING = f"{_ITEM}[1]/Packaging[1]"

C0060 = Rule(
    "C0060",
    "Bulk packages take no number; unpacked goods need a number; other packages need number and shipping marks.",
    messages=IE015,
    checks="A packaging of a bulk type (CL181) gives no 18 06 004 000 Number of packages; one of an unpacked type "
    "(CL182) gives the number; any other type gives both the number and 18 06 054 000 Shipping marks.",
    why="Bulk goods cannot be counted; unpacked goods are counted piece by piece; packages are counted and "
    "identified by their marks, which is how customs check them against the declaration.",
    fix="Give or remove the number of packages and shipping marks as the type of packages requires.",
    check=_c0060,
    cases=(
        Fires(
            T1_ROAD,
            _item_packaging(1, ("VL", 3, None), name="bulk_counted"),
            at=f"{_PACKAGING}/numberOfPackages",
            code=15,
        ),
        Fires(
            T1_ROAD,
            _item_packaging(1, ("NE", None, None), name="unpacked_not_counted"),
            at=f"{_PACKAGING}/numberOfPackages",
            code=13,
        ),
        Fires(
            T1_ROAD,
            _item_packaging(1, ("PX", None, "MARKS"), name="packages_not_counted"),
            at=f"{_PACKAGING}/numberOfPackages",
            code=13,
        ),
        Fires(
            T1_ROAD,
            _item_packaging(1, ("PX", 2, None), name="packages_without_marks"),
            at=f"{_PACKAGING}/shippingMarks",
            code=13,
        ),
        Silent(T1_ROAD),
        Silent(T1_ROAD, _item_packaging(1, ("VL", None, None), name="bulk")),
        Silent(T1_ROAD, _item_packaging(1, ("VL", None, "TANK 7"), name="bulk_with_marks")),
        Silent(T1_ROAD, _item_packaging(1, ("NE", 1, None), name="unpacked_counted")),
        Undecided(T1_ROAD, at=f"{_PACKAGING}/typeOfPackages", without_lists=("CL181",)),
    ),
    releases=P5_P6,
)

G0024 = Rule(
    "G0024",
    "Shipping marks are filled in when the packages carry marks.",
    messages=IE015,
    reason="needs to know whether the packages carry marks, a fact about the goods that the message does not state "
    "(only an inspection of the goods tells)",
    checks="Nothing ncts5 can see: where the packages bear marks, 18 06 054 000 Shipping marks repeats them.",
    why="Customs identify the packages at inspection by their marks.",
    fix="Copy the marks as they appear on the packages.",
    cases=(Undecided(T1_ROAD),),
    releases=P5_P6,
)

# ------------------------------------------------------------------------------------------- R0219, B1819


def _zero(p: Packaging | p6cc015c.Packaging) -> bool:
    return p.number_of_packages == 0


def _counted_beside_zero(
    ctx: Context[CC015C | P6CC015C], packaging: Sequence[Packaging | p6cc015c.Packaging]
) -> Iterator[Outcome]:
    """R0219 for one goods item's packagings (both releases): once one counts 0 packages, none counts more."""
    zeros = [p.sequence_number for p in packaging if _zero(p)]
    if not zeros:
        return
    for p in packaging:
        if p.number_of_packages not in (None, 0):
            text = (
                f"packaging {zeros[0]} of this goods item declares 0 packages (its goods travel in another item's "
                f"packages), so no other packaging of the item may count packages: set "
                f"{ctx.label(p, 'number_of_packages')} to 0 or declare these goods as a separate goods item"
            )
            yield ctx.violation(p, "number_of_packages", text)


def _r0219(ctx: Context[CC015C]) -> Iterator[Outcome]:
    for _, item in houses_and_items(ctx.message):
        yield from _counted_beside_zero(ctx, item.packaging)


_ZERO_AND_COUNTED = _item_packaging(1, ("PX", 0, "M"), ("CT", 5, "M"), name="zero_and_counted_packaging")
#: R0219's cases in Phase 5, all kept in Phase 6.
_R0219_CASES = (
    Fires(T1_ROAD, _ZERO_AND_COUNTED, at=f"{_ITEM}[1]/Packaging[2]/numberOfPackages", code=14),
    Silent(T1_ROAD),
    Silent(T1_ROAD, _item_packaging(1, ("PX", 0, "M"), ("CT", 0, "M"), name="all_packagings_zero")),
)

R0219 = Rule(
    "R0219",
    "A goods item with a packaging of 0 packages has no packaging with a non-zero number of packages.",
    messages=IE015,
    checks="When one packaging of a goods item gives 0 as its number of packages, no other packaging of that goods "
    "item gives a number other than 0.",
    why="0 packages says the item's goods travel in packages counted on another goods item; counting packages of "
    "its own as well contradicts that.",
    fix="Set the other packagings' number to 0, or declare the separately packed goods as a goods item of their own.",
    check=_r0219,
    cases=_R0219_CASES,
)


def _r0219_p6(ctx: Context[P6CC015C]) -> Iterator[Outcome]:
    for house in ctx.message.consignment.house_consignment:
        for item in house.consignment_item:
            yield from _counted_beside_zero(ctx, item.packaging)


R0219_P6 = Rule(
    "R0219",
    "A goods item with a packaging of 0 packages has no packaging with a non-zero number of packages.",
    messages=IE015,
    releases=P6,
    checks="When one packaging of a goods item gives 0 as its number of packages, every other number of packages "
    "given in that goods item is 0.  Phase 6 only rephrased the Phase 5 text; a packaging without a number "
    "(bulk) is no occurrence of the number, so the check is unchanged.",
    why="0 packages says the item's goods travel in packages counted on another goods item; counting packages of "
    "its own as well contradicts that.",
    fix="Set the other packagings' number to 0, or declare the separately packed goods as a goods item of their own.",
    check=_r0219_p6,
    cases=(
        *_R0219_CASES,
        Silent(T1_ROAD, _item_packaging(1, ("PX", 0, "M"), ("VL", None, None), name="zero_and_bulk")),
    ),
)

B1819 = Rule(
    "B1819",
    "Transition period: R0219 on the number of packages is suspended.",
    messages=IE015,
    phases=TRANSITION,
    error_code=50,
    suspends=("R0219",),
    checks="During the transition period R0219 is switched off: a goods item may combine a packaging of 0 packages "
    "with counted ones.",
    why="Until TPendDate customs convert the declaration into the phase 4 message, which does not know the rule.",
    fix="Nothing to fix during the transition period; after it, follow R0219.",
    cases=(Suspends(T1_ROAD, _ZERO_AND_COUNTED),),
)

# ------------------------------------------------------------------------------------------- R0220, B1919


def _r0220(ctx: Context[CC015C]) -> Iterator[Outcome]:
    for _, item in houses_and_items(ctx.message):
        if not any(_zero(p) for p in item.packaging):
            continue
        for p in item.packaging:
            unpacked = ctx.in_list("CL182", p.type_of_packages)
            if unpacked is None:
                yield ctx.unchecked(undecided("CL182", p.type_of_packages), ctx.path(p, "type_of_packages"))
            elif unpacked:
                text = (
                    f"this goods item has a packaging with 0 packages, so its goods are packed: "
                    f"replace the unpacked type {p.type_of_packages} in {ctx.label(p, 'type_of_packages')} "
                    "by the type of the shared packages"
                )
                yield ctx.violation(p, "type_of_packages", text)


_ZERO_UNPACKED = _item_packaging(2, ("NE", 0, None), name="item_2_zero_unpacked")
_ZERO_PACKED_SHARED = _item_packaging(2, ("PX", 0, "NORDWERK 1-4"), name="item_2_zero_packages_shared_with_item_1")

R0220 = Rule(
    "R0220",
    "A goods item with a packaging of 0 packages has no packaging of an unpacked type (CL182).",
    messages=IE015,
    checks="When a packaging of a goods item gives 0 as its number of packages, no packaging of that goods item has "
    "a type of packages in CL182 (KindOfPackagesUnpacked).",
    why="0 packages says the goods are packed together with another item's goods; unpacked goods cannot share a "
    "package.",
    fix="Declare the type of the shared packages, or count the unpacked goods.",
    check=_r0220,
    cases=(
        Fires(T1_ROAD, _ZERO_UNPACKED, at=f"{_ITEM}[2]/Packaging[1]/typeOfPackages", code=14),
        Silent(T1_ROAD),
        Silent(T1_ROAD, _ZERO_PACKED_SHARED),
        Undecided(T1_ROAD, _ZERO_UNPACKED, at=f"{_ITEM}[2]/Packaging[1]/typeOfPackages", without_lists=("CL182",)),
    ),
    releases=P5_P6,
)

B1919 = Rule(
    "B1919",
    "Transition: the check of package types against a zero number of packages (R0220) is switched off.",
    messages=IE015,
    phases=TRANSITION,
    error_code=50,
    suspends=("R0220",),
    checks="During the transition period R0220 is switched off: a goods item with 0 packages may declare an "
    "unpacked type.",
    why="Until TPendDate customs convert the declaration into the phase 4 message, which does not know the rule.",
    fix="Nothing to fix during the transition period; after it, follow R0220.",
    cases=(Suspends(T1_ROAD, _ZERO_UNPACKED),),
)

# ------------------------------------------------------------------------------------------- R0364, B1964


def _counted_packages(ctx: Context[CC015C], kind: str) -> tuple[bool | None, str]:
    """Whether the type is neither bulk (CL181) nor unpacked (CL182), and the list that could not tell (if None)."""
    bulk = ctx.in_list("CL181", kind)
    if bulk:
        return False, ""
    unpacked = ctx.in_list("CL182", kind)
    if unpacked:
        return False, ""
    if bulk is None:
        return None, "CL181"
    if unpacked is None:
        return None, "CL182"
    return True, ""


def _r0364(ctx: Context[CC015C]) -> Iterator[Outcome]:
    for house in ctx.message.consignment.house_consignment:
        # Packagings that count packages, by shipping marks, in document order: built once per house
        # consignment (when one of its packagings has 0 packages) instead of once per such packaging.
        counted: dict[str | None, list[tuple[ConsignmentItem, Packaging]]] | None = None
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
                verdicts = [(q, *_counted_packages(ctx, q.type_of_packages)) for q in candidates]
                if any(verdict for _, verdict, _ in verdicts):
                    continue
                unknown = [(q, list_id) for q, verdict, list_id in verdicts if verdict is None]
                if unknown:
                    q, list_id = unknown[0]
                    yield ctx.unchecked(undecided(list_id, q.type_of_packages), ctx.path(p, "number_of_packages"))
                    continue
                marks = "no shipping marks" if p.shipping_marks is None else f"shipping marks {p.shipping_marks!r}"
                text = (
                    f"0 packages means these goods travel in packages counted on another goods item of house "
                    f"consignment {house.sequence_number}, but no other item counts packages (not bulk, not "
                    f"unpacked) with {marks}: give the number of packages here or declare the shared packages, "
                    "with the same shipping marks, on the other item"
                )
                yield ctx.violation(p, "number_of_packages", text)


_ZERO_OTHER_MARKS = _item_packaging(2, ("PX", 0, "OTHER MARKS"), name="item_2_zero_packages_with_unmatched_marks")


def _shared_with_bulk(m: CC015C) -> None:
    _items(m)[0].packaging = [_packaging(1, "VR", 4, "NORDWERK 1-4")]
    _ZERO_PACKED_SHARED(m)


def _shared_across_house_consignments(m: CC015C) -> None:
    _second_house((1,), (3,))(m)
    m.consignment.house_consignment[1].consignment_item[0].packaging = [_packaging(1, "PX", 0, "NORDWERK 1-4")]


_ITEM_2_NUMBER = f"{_ITEM}[2]/Packaging[1]/numberOfPackages"

R0364 = Rule(
    "R0364",
    "0 packages are allowed only when another item of the house consignment counts packages with the same marks.",
    messages=IE015,
    checks="A packaging with 0 packages has a partner: another goods item of the same house consignment with a "
    "packaging of the same shipping marks that counts packages (more than 0) of a type neither bulk (CL181) nor "
    "unpacked (CL182).",
    why="0 packages says these goods travel in packages declared on another goods item; customs must find those "
    "packages, by their marks, within the same house consignment.",
    fix="Give the number of packages, or declare the shared packages with the same shipping marks on the other "
    "goods item of the house consignment.",
    check=_r0364,
    cases=(
        Fires(T1_ROAD, _ZERO_OTHER_MARKS, at=_ITEM_2_NUMBER, code=14),
        Fires(T1_ROAD, _shared_with_bulk, at=_ITEM_2_NUMBER),
        Fires(
            T1_ROAD,
            _shared_across_house_consignments,
            at=f"{_HOUSE}[2]/ConsignmentItem[1]/Packaging[1]/numberOfPackages",
        ),
        Silent(T1_ROAD),
        Silent(T1_ROAD, _ZERO_PACKED_SHARED),
        Undecided(T1_ROAD, _ZERO_PACKED_SHARED, at=_ITEM_2_NUMBER, without_lists=("CL181",)),
    ),
    releases=P5_P6,
)

B1964 = Rule(
    "B1964",
    "Transition: the check of items with zero packages against other items (R0364) is switched off.",
    messages=IE015,
    phases=TRANSITION,
    error_code=50,
    suspends=("R0364",),
    checks="During the transition period R0364 is switched off: a packaging of 0 packages needs no partner on "
    "another goods item.",
    why="Until TPendDate customs convert the declaration into the phase 4 message, which does not know the rule.",
    fix="Nothing to fix during the transition period; after it, follow R0364.",
    cases=(Suspends(T1_ROAD, _ZERO_OTHER_MARKS),),
)
