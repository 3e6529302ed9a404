"""Rules on the CONSIGNMENT level as a whole and on the declaration type per goods item.

Several data items (country of dispatch and destination, UCR, declaration type) may be declared at
one level only: for the whole consignment, per house consignment or per goods item.  The
conditions here say which level is allowed and the rules say what the declaration type must be for
excise goods and for goods travelling to San Marino.

Each rule is one :class:`~ncts5.rules.declaration.Rule` value named by its id, with its check and
its example cases just above it (see :mod:`ncts5.rules.declaration`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from ncts5.rules.context import Context, Outcome
from ncts5.rules.declaration import IE015, P5_P6, P6, TRANSITION, Fires, Rule, Silent, Suspends, Undecided
from ncts5.rules.examples import T1_ROAD, TIR
from ncts5.rules.kit import (
    any_in_list,
    exports_followed_by_transit,
    houses_and_items,
    item_cites_export,
    office_country,
    undecided,
)

if TYPE_CHECKING:
    from ncts5.messages import cc015c
    from ncts5.messages.cc015c import CC015C, ConsignmentItem
    from ncts5.messages.p6 import cc015c as p6cc015c
    from ncts5.messages.p6.cc015c import CC015C as P6CC015C

UNION_TYPES = frozenset({"T2", "T2F"})

_OP = "/CC015C/TransitOperation"
_CONSIGNMENT = "/CC015C/Consignment"
_HOUSE = f"{_CONSIGNMENT}/HouseConsignment[1]"
_ITEM = f"{_HOUSE}/ConsignmentItem"


def _any_excise(ctx: Context[CC015C | P6CC015C], types: Sequence[str]) -> bool | None:
    """Whether one of the document ``types`` is an excise document (CL234); None when CL234 cannot tell."""
    return any_in_list(ctx, "CL234", types)


def _cl234_undecided(ctx: Context[CC015C | P6CC015C], types: Sequence[str]) -> str:
    """The *cannot decide* reply for the first document type CL234 cannot classify."""
    return undecided("CL234", next((t for t in types if ctx.in_list("CL234", t) is None), None))


# ------------------------------------------------------------------------------------------- example changes


def _items(m: CC015C) -> list[ConsignmentItem]:
    return m.consignment.house_consignment[0].consignment_item


def _declaration_type(code: str) -> Callable[[CC015C], None]:
    def change(m: CC015C) -> None:
        m.transit_operation.declaration_type = code

    change.__name__ = f"declaration_type_{code}"
    return change


def _item_types(*codes: str | None) -> Callable[[CC015C], None]:
    """A mixed declaration (type T) whose goods items have the declaration types ``codes``."""

    def change(m: CC015C) -> None:
        m.transit_operation.declaration_type = "T"
        for item, code in zip(_items(m), codes, strict=True):
            item.declaration_type = code

    change.__name__ = f"mixed_with_item_types_{'_'.join(str(c) for c in codes)}"
    return change


def _excise_reference(m: CC015C, type_: str = "C651") -> None:
    """The first goods item refers to an excise document (an e-AD, additional reference C651)."""
    from ncts5.messages.cc015c import ConsignmentItemAdditionalReference

    _items(m)[0].additional_reference = [ConsignmentItemAdditionalReference(sequence_number=1, type=type_)]


def _excise_document(m: CC015C, type_: str = "C651", item: int = 1) -> None:
    """A goods item moves under excise suspension with an e-AD (supporting document C651)."""
    from ncts5.messages.cc015c import ConsignmentItemSupportingDocument

    _items(m)[item].supporting_document = [
        ConsignmentItemSupportingDocument(sequence_number=1, type=type_, reference_number="24DEA1B2C3D4E5F6G7H83")
    ]


def _export_mrn(m: CC015C) -> None:
    """The house consignment follows an export (previous document N830 at house consignment level)."""
    from ncts5.messages.cc015c import HouseConsignmentPreviousDocument

    m.consignment.house_consignment[0].previous_document = [
        HouseConsignmentPreviousDocument(sequence_number=1, type="N830", reference_number="26DE000000000123E0")
    ]


# ------------------------------------------------------------------------------------------- C0045


def _c0045(ctx: Context[CC015C]) -> Iterator[Outcome]:
    op = ctx.message.transit_operation
    mixed = op.declaration_type == "T"
    for _, item in houses_and_items(ctx.message):
        label = ctx.label(item, "declaration_type")
        if mixed and item.declaration_type is None:
            msg = f"the declaration type is T (mixed consignment): give {label} for every goods item"
            yield ctx.violation(item, "declaration_type", msg, code=13)
        elif not mixed and item.declaration_type is not None:
            msg = (
                f"{label} is only allowed when {ctx.label(op, 'declaration_type')} of the transit operation is T; "
                f"remove it (the type {op.declaration_type} applies to all goods items)"
            )
            yield ctx.violation(item, "declaration_type", msg, code=15)


def _second_item_t2(m: CC015C) -> None:
    _items(m)[1].declaration_type = "T2"


C0045 = Rule(
    "C0045",
    "Goods items carry their own declaration type exactly when the declaration type is 'T' (mixed).",
    messages=IE015,
    checks="Each goods item gives 11 01 000 000 Declaration type when the transit operation's declaration type "
    "is T (a mixed consignment), and none gives it otherwise.",
    why="Declaration type T means the goods items differ in status (T1, T2 ...), so each must say which; any "
    "other declaration type already applies to every goods item.",
    fix="For declaration type T give every goods item its own declaration type; otherwise remove them.",
    check=_c0045,
    cases=(
        Fires(
            T1_ROAD, _declaration_type("T"), at=(f"{_ITEM}[1]/declarationType", f"{_ITEM}[2]/declarationType"), code=13
        ),
        Fires(T1_ROAD, _second_item_t2, at=f"{_ITEM}[2]/declarationType", code=15, says="the type T1 applies"),
        Silent(T1_ROAD),
        Silent(T1_ROAD, _item_types("T1", "T2")),
    ),
    releases=P5_P6,
)

# ------------------------------------------------------------------------------------------- R0601, B1922


def _r0601_outcomes(
    ctx: Context[CC015C | P6CC015C],
    header: cc015c.TransitOperation | p6cc015c.TransitOperation,
    goods: Iterable[tuple[ConsignmentItem | p6cc015c.ConsignmentItem, bool]],
) -> Iterator[Outcome]:
    """R0601 over the goods items, each with whether its house consignment follows an export (both releases).

    The e-AD branch (supporting document in CL234) applies to every item that is not an export of excise
    goods: R0601's text nests it under the additional-reference case, but its transition twin B1922 and the
    declaration guide treat it as a case of its own, and the two readings agree wherever R0601's applies."""
    at_header: list[tuple[str, str, frozenset[str]]] = []
    for item, follows_export in goods:
        if not item.additional_reference and not item.supporting_document:
            continue  # no document that could make it excise goods
        references = [r.type for r in item.additional_reference]
        excise_reference = _any_excise(ctx, references)
        if excise_reference is None:
            yield ctx.unchecked(_cl234_undecided(ctx, references), ctx.path(item))
            continue
        if excise_reference and follows_export:
            item_allowed, allowed_at_header = frozenset({"T1"}), frozenset({"T1", "TIR"})
        else:
            documents = [d.type for d in item.supporting_document]
            excise_document = _any_excise(ctx, documents)
            if excise_document is None:
                yield ctx.unchecked(_cl234_undecided(ctx, documents), ctx.path(item))
                continue
            if not excise_document:
                continue
            item_allowed, allowed_at_header = UNION_TYPES, UNION_TYPES
        why = (
            "refers to an export declaration (N830) and to an excise document"
            if "T1" in item_allowed
            else "moves under excise suspension with an e-AD or fallback document"
        )
        if item.declaration_type is not None:
            if item.declaration_type not in item_allowed:
                msg = (
                    f"goods item {item.declaration_goods_item_number} {why}: set "
                    f"{ctx.label(item, 'declaration_type')} to {' or '.join(sorted(item_allowed))}"
                )
                yield ctx.violation(item, "declaration_type", msg)
        elif header.declaration_type not in allowed_at_header:
            at_header.append((str(item.declaration_goods_item_number), why, allowed_at_header))
    if at_header:
        parts = "; ".join(f"goods item {n} {why}" for n, why, _ in at_header)
        allowed = sorted(set.intersection(*(set(a) for _, _, a in at_header)))
        todo = (
            f"set {ctx.label(header, 'declaration_type')} to {' or '.join(allowed)}"
            if allowed
            else "declare type T with the right declaration type on each goods item"
        )
        yield ctx.violation(header, "declaration_type", f"{parts}: {todo}")


def _r0601(ctx: Context[CC015C]) -> Iterator[Outcome]:
    goods = ((item, exports_followed_by_transit(house)) for house, item in houses_and_items(ctx.message))
    yield from _r0601_outcomes(ctx, ctx.message.transit_operation, goods)


def _exported_excise_goods(declaration_type: str) -> Callable[[CC015C], None]:
    """Excise goods (e-AD reference) of a house consignment that follows an export, under ``declaration_type``."""

    def change(m: CC015C) -> None:
        _export_mrn(m)
        _excise_reference(m)
        m.transit_operation.declaration_type = declaration_type

    change.__name__ = f"exported_excise_goods_declared_{declaration_type}"
    return change


def _exported_excise_goods_on_a_t2_item(m: CC015C) -> None:
    _export_mrn(m)
    _item_types("T2", "T1")(m)
    _excise_reference(m)


def _excise_goods_under_suspension(m: CC015C) -> None:
    _excise_document(m)


def _excise_goods_under_suspension_as_t2f(m: CC015C) -> None:
    _excise_document(m)
    m.transit_operation.declaration_type = "T2F"


#: Phase 6 reworded R0601 only in its brackets: both declarations run these cases.
_R0601_CASES = (
    Fires(T1_ROAD, _exported_excise_goods("T2"), at=f"{_OP}/declarationType", code=14, says="T1 or TIR"),
    Fires(T1_ROAD, _exported_excise_goods_on_a_t2_item, at=f"{_ITEM}[1]/declarationType"),
    Fires(T1_ROAD, _excise_goods_under_suspension, at=f"{_OP}/declarationType", says="T2 or T2F"),
    Silent(T1_ROAD),
    Silent(T1_ROAD, _exported_excise_goods("T1")),
    Silent(T1_ROAD, _exported_excise_goods("TIR")),
    Silent(T1_ROAD, _excise_goods_under_suspension_as_t2f),
    Undecided(T1_ROAD, _excise_goods_under_suspension, at=f"{_ITEM}[2]", without_lists=("CL234",)),
)

R0601 = Rule(
    "R0601",
    "Excise goods: T1 (or TIR) after an export, T2/T2F when moving under excise suspension with an e-AD.",
    messages=IE015,
    checks="A goods item of a house consignment that follows an export (previous document N830) and refers to "
    "an excise document (CL234) is declared T1 (or the declaration is T1 or TIR); a goods item moving under "
    "excise suspension with an e-AD (supporting document in CL234) is declared T2 or T2F.",
    why="Exported excise goods have left the Union's excise system and travel as non-Union goods; goods under "
    "excise duty suspension are Union goods moving between Member States.",
    fix="Declare the goods item (or the whole declaration) with the declaration type the excise status requires.",
    check=_r0601,
    cases=_R0601_CASES,
)


def _r0601_p6(ctx: Context[P6CC015C]) -> Iterator[Outcome]:
    goods = ((item, exports_followed_by_transit(house)) for house, item in houses_and_items(ctx.message))
    yield from _r0601_outcomes(ctx, ctx.message.transit_operation, goods)


R0601_P6 = Rule(
    "R0601",
    "Excise goods: T1 (or TIR) after an export, T2/T2F when moving under excise suspension with an e-AD.",
    messages=IE015,
    releases=P6,
    checks="A goods item of a house consignment that follows an export (previous document N830) and refers to "
    "an excise document (CL234) is declared T1 (or the declaration is T1 or TIR); a goods item moving under "
    "excise suspension with an e-AD (supporting document in CL234) is declared T2 or T2F.  Phase 6 only added "
    "two unbalanced brackets to the text; the check is the Phase 5 one.",
    why="Exported excise goods have left the Union's excise system and travel as non-Union goods; goods under "
    "excise duty suspension are Union goods moving between Member States.",
    fix="Declare the goods item (or the whole declaration) with the declaration type the excise status requires.",
    check=_r0601_p6,
    cases=_R0601_CASES,
)


def _b1922(ctx: Context[CC015C]) -> Iterator[Outcome]:
    op = ctx.message.transit_operation
    header_reported = False
    for _, item in houses_and_items(ctx.message):
        references = [r.type for r in item.additional_reference]
        excise_reference = _any_excise(ctx, references)
        if excise_reference is None:
            yield ctx.unchecked(_cl234_undecided(ctx, references), ctx.path(item))
            continue
        if excise_reference:
            if not item_cites_export(item):
                continue
            allowed, case = ({"T1"}, {"T1", "TIR"}), "excise goods exported (e-AD and export MRN N830)"
        else:
            documents = [d.type for d in item.supporting_document]
            excise_document = _any_excise(ctx, documents)
            if excise_document is None:
                yield ctx.unchecked(_cl234_undecided(ctx, documents), ctx.path(item))
                continue
            if not excise_document:
                continue
            allowed, case = ({"T2", "T2F"}, {"T2", "T2F"}), "excise goods moved under duty suspension"
        if item.declaration_type is not None:
            if item.declaration_type not in allowed[0]:
                yield ctx.violation(
                    item,
                    "declaration_type",
                    f"during the transition period {case} must be declared as {' or '.join(sorted(allowed[0]))}: "
                    f"change {ctx.label(item, 'declaration_type')} of goods item {item.goods_item_number}",
                )
        elif op.declaration_type not in allowed[1] and not header_reported:
            header_reported = True
            yield ctx.violation(
                op,
                "declaration_type",
                f"during the transition period {case} must be declared as {' or '.join(sorted(allowed[1]))}: change "
                f"{ctx.label(op, 'declaration_type')} or declare the type on goods item {item.goods_item_number}",
            )


def _item_exported_excise_goods(declaration_type: str) -> Callable[[CC015C], None]:
    """Excise goods (e-AD reference) on the first goods item, which cites the export (N830) as in the example."""

    def change(m: CC015C) -> None:
        _excise_reference(m)
        m.transit_operation.declaration_type = declaration_type

    change.__name__ = f"item_exported_excise_goods_declared_{declaration_type}"
    return change


def _item_exported_excise_goods_on_a_t2_item(m: CC015C) -> None:
    _item_types("T2", None)(m)
    _excise_reference(m)


def _excise_reference_without_export(m: CC015C) -> None:
    _item_exported_excise_goods("T2")(m)
    _items(m)[0].previous_document = []


def _excise_goods_under_suspension_on_the_first_item(m: CC015C) -> None:
    _excise_document(m, "C658", item=0)


def _no_excise_document(m: CC015C) -> None:
    _excise_document(m, "N935", item=0)
    _excise_reference(m, "Y923")
    m.transit_operation.declaration_type = "T2"


B1922 = Rule(
    "B1922",
    "Transition: excise goods exported then in transit are T1 (or TIR); excise goods under suspension are T2/T2F.",
    messages=IE015,
    phases=TRANSITION,
    error_code=50,
    suspends=("R0601",),
    checks="During the transition period a goods item that refers to an excise document (CL234) and cites an "
    "export declaration (N830, on the goods item) is declared T1 (or the declaration T1 or TIR); one moving "
    "under excise suspension (supporting document in CL234) is declared T2 or T2F.",
    why="Until TPendDate the export MRN sits on the goods item, where R0601 cannot see it; this rule applies the "
    "same excise logic to the transition form.",
    fix="Declare the goods item (or the whole declaration) with the declaration type the excise status requires.",
    check=_b1922,
    cases=(
        Fires(T1_ROAD, _item_exported_excise_goods("T2"), at=f"{_OP}/declarationType", phase="transition", code=50),
        Fires(T1_ROAD, _item_exported_excise_goods_on_a_t2_item, at=f"{_ITEM}[1]/declarationType", phase="transition"),
        Fires(
            T1_ROAD,
            _excise_goods_under_suspension_on_the_first_item,
            at=f"{_OP}/declarationType",
            phase="transition",
            says="T2 or T2F",
        ),
        Silent(T1_ROAD, phase="transition"),
        Silent(T1_ROAD, _item_exported_excise_goods("TIR"), phase="transition"),
        Silent(T1_ROAD, _excise_goods_under_suspension_as_t2f, phase="transition"),
        Silent(T1_ROAD, _excise_reference_without_export, phase="transition"),
        Silent(T1_ROAD, _no_excise_document, phase="transition"),
        Undecided(
            T1_ROAD,
            _item_exported_excise_goods("T2"),
            at=f"{_ITEM}[1]",
            phase="transition",
            without_lists=("CL234",),
        ),
        Suspends(T1_ROAD, _exported_excise_goods("T2")),
    ),
)

# ------------------------------------------------------------------------------------------- R0909


def _r0909(ctx: Context[CC015C]) -> Iterator[Outcome]:
    """From a Union country other than Italy every goods item must be T2/T2F, by its own type or the header's.

    The destination (actual) half of the rule concerns the arrival messages, not IE015.
    """
    msg = ctx.message
    if office_country(msg.customs_office_of_destination_declared.reference_number) != "SM":
        return
    header = msg.transit_operation
    label = ctx.label(header, "declaration_type")
    departure = office_country(msg.customs_office_of_departure.reference_number)
    if departure == "IT":
        if header.declaration_type != "T2SM":
            text = f"goods leaving Italy for a San Marino office of destination move under T2SM: set {label} to T2SM"
            yield ctx.violation(header, "declaration_type", text)
        return
    community = ctx.in_list("CL010", departure)
    if community is None:
        yield ctx.unchecked(undecided("CL010", departure), ctx.path(msg.customs_office_of_departure))
        return
    if not community:
        return
    header_wrong = False
    for _, item in houses_and_items(ctx.message):
        if item.declaration_type is not None:
            if item.declaration_type not in UNION_TYPES:
                text = (
                    f"goods leaving {departure} for San Marino must be Union goods: set "
                    f"{ctx.label(item, 'declaration_type')} to T2 or T2F"
                )
                yield ctx.violation(item, "declaration_type", text)
        elif header.declaration_type not in UNION_TYPES:
            header_wrong = True
    if header_wrong:
        text = (
            f"goods leaving {departure} for a San Marino office of destination must be Union goods: "
            f"set {label} to T2 or T2F"
        )
        yield ctx.violation(header, "declaration_type", text)


def _to_san_marino_from(departure: str, *changes: Callable[[CC015C], None]) -> Callable[[CC015C], None]:
    def change(m: CC015C) -> None:
        m.customs_office_of_destination_declared.reference_number = "SM000100"
        m.customs_office_of_departure.reference_number = departure
        for c in changes:
            c(m)

    change.__name__ = "_".join(["to_san_marino_from", departure, *(c.__name__ for c in changes)])
    return change


R0909 = Rule(
    "R0909",
    "Goods for San Marino move as T2SM from Italy and as T2/T2F from other EU countries.",
    messages=IE015,
    checks="A declaration whose office of destination is in San Marino is of type T2SM when the office of "
    "departure is in Italy; from another Union country (CL010) every goods item is T2 or T2F.",
    why="San Marino is in a customs union with the EU: Union goods reach it under T2 (T2SM from Italy, which "
    "administers the border), never as non-Union goods.",
    fix="Declare T2SM from Italy, and T2 or T2F from another Member State.",
    check=_r0909,
    cases=(
        Fires(T1_ROAD, _to_san_marino_from("IT018100"), at=f"{_OP}/declarationType", code=14, says="T2SM"),
        Fires(T1_ROAD, _to_san_marino_from("DE004058"), at=f"{_OP}/declarationType", says="T2 or T2F"),
        Fires(T1_ROAD, _to_san_marino_from("DE004058", _item_types("T2", "T1")), at=f"{_ITEM}[2]/declarationType"),
        Silent(T1_ROAD),
        Silent(T1_ROAD, _to_san_marino_from("IT018100", _declaration_type("T2SM"))),
        Silent(T1_ROAD, _to_san_marino_from("DE004058", _declaration_type("T2F"))),
        Undecided(
            T1_ROAD,
            _to_san_marino_from("DE004058"),
            at="/CC015C/CustomsOfficeOfDeparture",
            without_lists=("CL010",),
        ),
    ),
    releases=P5_P6,
)

# ------------------------------------------------------------------------------------------- R0507

#: The data items R0507 compares across the goods items.
_ITEM_LEVEL = ("declaration_type", "country_of_dispatch", "country_of_destination", "reference_number_ucr")


def _r0507(ctx: Context[CC015C]) -> Iterator[Outcome]:
    """Compared across all goods items of the declaration, as R0506 compares all house consignments."""
    items = [item for _, item in houses_and_items(ctx.message)]
    op = ctx.message.transit_operation
    for field in _ITEM_LEVEL:
        values = [getattr(i, field) for i in items]
        if values and all(v is not None for v in values) and len(set(values)) == 1:
            label = ctx.label(items[0], field)
            if field == "declaration_type":
                higher = f"{ctx.label(op, 'declaration_type')} of the transit operation"
                todo = f"declare {values[0]} as {higher} instead of T and remove it from the items"
            else:
                todo = "declare it once for the consignment or its house consignments and remove it from the items"
            msg = f"every goods item has the same {label} {values[0]}: {todo}"
            yield ctx.violation(items[0], field, msg)


def _on_items(field: str, *values: str | None) -> Callable[[CC015C], None]:
    """A change giving the goods items of the example ``values`` for ``field`` (None: leave it out)."""

    def change(m: CC015C) -> None:
        for item, value in zip(_items(m), values, strict=True):
            setattr(item, field, value)

    change.__name__ = f"{field}_on_items_{'_'.join(str(v) for v in values)}"
    return change


def _dispatch_on_the_only_item(m: CC015C) -> None:
    _items(m)[0].country_of_dispatch = "PL"


R0507 = Rule(
    "R0507",
    "A value that every goods item repeats identically belongs at a higher level, not on each item.",
    messages=IE015,
    checks="Declaration type, country of dispatch, country of destination and UCR are not declared with the "
    "same value on every goods item of the declaration.",
    why="A value shared by all goods items is declared once, for the consignment (or as the declaration type of "
    "the transit operation); repeating it per item only invites the items to disagree.",
    fix="Declare the common value once at the higher level and remove it from the goods items.",
    check=_r0507,
    cases=(
        Fires(T1_ROAD, _on_items("country_of_dispatch", "DE", "DE"), at=f"{_ITEM}[1]/countryOfDispatch", code=14),
        Fires(T1_ROAD, _on_items("reference_number_ucr", "UCR-1", "UCR-1"), at=f"{_ITEM}[1]/referenceNumberUCR"),
        Fires(
            T1_ROAD, _on_items("declaration_type", "T1", "T1"), at=f"{_ITEM}[1]/declarationType", says="instead of T"
        ),
        Fires(TIR, _dispatch_on_the_only_item, at=f"{_ITEM}[1]/countryOfDispatch"),
        Silent(T1_ROAD),
        Silent(T1_ROAD, _on_items("country_of_dispatch", "DE", "PL")),
        Silent(T1_ROAD, _on_items("reference_number_ucr", "UCR-1", None)),
    ),
    releases=P5_P6,
)

# ------------------------------------------------------------------------------------------- C0343, C0909, B1965


def _three_levels(ctx: Context[CC015C], field: str) -> Iterator[Outcome]:
    """The pattern of C0343 and C0909: consignment, else house consignment, else each item."""
    consignment = ctx.message.consignment
    label = ctx.label(consignment, field)
    at_consignment = getattr(consignment, field)
    for house in consignment.house_consignment:
        if at_consignment is not None and getattr(house, field) is not None:
            msg = f"{label} is already declared for the whole consignment: remove it from the house consignment"
            yield ctx.violation(house, field, msg, code=15)
        at_house = at_consignment if at_consignment is not None else getattr(house, field)
        for item in house.consignment_item:
            value = getattr(item, field)
            if at_house is not None and value is not None:
                where = "the whole consignment" if at_consignment is not None else "its house consignment"
                msg = f"{label} is already declared for {where}: remove it from the goods item"
                yield ctx.violation(item, field, msg, code=15)
            elif at_house is None and value is None:
                msg = (
                    f"{label} is declared neither for the consignment nor for this house consignment: "
                    "give it for the consignment, the house consignment or every goods item"
                )
                yield ctx.violation(item, field, msg, code=13)


def _c0343(ctx: Context[CC015C]) -> Iterator[Outcome]:
    yield from _three_levels(ctx, "country_of_destination")


def _c0909(ctx: Context[CC015C]) -> Iterator[Outcome]:
    yield from _three_levels(ctx, "country_of_dispatch")


def _levels(field: str, consignment: bool, house: bool, items: tuple[bool, bool]) -> Callable[[CC015C], None]:
    """A change declaring ``field`` (as BE) at the levels named; the T1 example has it for the consignment."""

    def change(m: CC015C) -> None:
        setattr(m.consignment, field, "DE" if consignment else None)
        setattr(m.consignment.house_consignment[0], field, "BE" if house else None)
        for item, given in zip(_items(m), items, strict=True):
            setattr(item, field, "BE" if given else None)

    where = [name for name, given in (("consignment", consignment), ("house", house)) if given]
    where += [f"item_{i}" for i, given in enumerate(items, 1) if given]
    change.__name__ = f"{field}_for_{'_'.join(where) or 'nothing'}"
    return change


def _three_levels_cases(field: str, xml: str) -> tuple[Fires | Silent, ...]:
    return (
        Fires(
            T1_ROAD,
            _levels(field, True, True, (False, True)),
            at=(f"{_HOUSE}/{xml}", f"{_ITEM}[2]/{xml}"),
            code=15,
            says="already declared for the whole consignment",
        ),
        Fires(T1_ROAD, _levels(field, False, True, (True, False)), at=f"{_ITEM}[1]/{xml}", code=15),
        Fires(T1_ROAD, _levels(field, False, False, (True, False)), at=f"{_ITEM}[2]/{xml}", code=13),
        Silent(T1_ROAD),
        Silent(T1_ROAD, _levels(field, False, True, (False, False))),
        Silent(T1_ROAD, _levels(field, False, False, (True, True))),
    )


C0343 = Rule(
    "C0343",
    "Country of destination is declared at exactly one level: consignment, house consignment or item.",
    messages=IE015,
    checks="16 03 000 000 Country of destination is declared for the consignment, or else for a house "
    "consignment, or else for each of its goods items; never at two levels.",
    why="One country of destination per goods item: declared at two levels, the two could disagree; declared "
    "at none, customs do not know where the goods go.",
    fix="Declare the country of destination once, at the highest level it holds for.",
    check=_c0343,
    cases=_three_levels_cases("country_of_destination", "countryOfDestination"),
    releases=P5_P6,
)

C0909 = Rule(
    "C0909",
    "Country of dispatch is declared at exactly one level: consignment, house consignment or item.",
    messages=IE015,
    checks="16 06 000 000 Country of dispatch is declared for the consignment, or else for a house consignment, "
    "or else for each of its goods items; never at two levels.",
    why="One country of dispatch per goods item: declared at two levels, the two could disagree; declared at "
    "none, customs do not know where the goods come from.",
    fix="Declare the country of dispatch once, at the highest level it holds for.",
    check=_c0909,
    cases=_three_levels_cases("country_of_dispatch", "countryOfDispatch"),
    releases=P5_P6,
)


def _b1965(ctx: Context[CC015C]) -> Iterator[Outcome]:
    consignment = ctx.message.consignment
    field = "country_of_dispatch"
    if ctx.message.transit_operation.declaration_type != "TIR":
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


def _no_country_of_dispatch(m: CC015C) -> None:
    m.consignment.country_of_dispatch = None


def _dispatch_on_the_item_only(m: CC015C) -> None:
    _no_country_of_dispatch(m)
    _dispatch_on_the_only_item(m)


B1965 = Rule(
    "B1965",
    "Transition: country of dispatch is only declared for TIR, at one level only, and then required.",
    messages=IE015,
    phases=TRANSITION,
    error_code=50,
    suspends=("C0909",),
    checks="During the transition period the country of dispatch is declared only for a TIR declaration, and "
    "there at exactly one level (consignment, house consignment or each goods item).",
    why="Until TPendDate customs convert the declaration to the phase 4 message, which has a country of dispatch "
    "for TIR movements only.",
    fix="Remove the country of dispatch from a non-TIR declaration; for TIR declare it once.",
    check=_b1965,
    cases=(
        Fires(T1_ROAD, at=f"{_CONSIGNMENT}/countryOfDispatch", phase="transition", code=50),
        Fires(T1_ROAD, _dispatch_on_the_item_only, at=f"{_ITEM}[1]/countryOfDispatch", phase="transition"),
        Fires(
            TIR, _dispatch_on_the_only_item, at=f"{_ITEM}[1]/countryOfDispatch", phase="transition", says="not repeated"
        ),
        Fires(TIR, _no_country_of_dispatch, at=f"{_ITEM}[1]/countryOfDispatch", phase="transition", says="states"),
        Silent(T1_ROAD, _no_country_of_dispatch, phase="transition"),
        Silent(TIR, phase="transition"),
        Silent(TIR, _dispatch_on_the_item_only, phase="transition"),
        Suspends(T1_ROAD, _levels("country_of_dispatch", False, False, (True, False))),
    ),
)

# ------------------------------------------------------------------------------------------- C0502, B1895


def _c0502(ctx: Context[CC015C]) -> Iterator[Outcome]:
    consignment = ctx.message.consignment
    label = ctx.label(consignment, "reference_number_ucr")
    for house in consignment.house_consignment:
        if consignment.reference_number_ucr is not None and house.reference_number_ucr is not None:
            msg = f"{label} is already declared for the whole consignment: remove it from the house consignment"
            yield ctx.violation(house, "reference_number_ucr", msg, code=15)
        above = consignment.reference_number_ucr or house.reference_number_ucr
        documents = bool(consignment.transport_document or house.transport_document)
        for item in house.consignment_item:
            if above is not None and item.reference_number_ucr is not None:
                where = "the whole consignment" if consignment.reference_number_ucr else "its house consignment"
                msg = f"{label} is already declared for {where}: remove it from the goods item"
                yield ctx.violation(item, "reference_number_ucr", msg, code=15)
            elif above is None and not documents and item.reference_number_ucr is None:
                msg = (
                    f"there is neither a UCR nor a {ctx.label(consignment, 'transport_document')} for the "
                    f"consignment or this house consignment: give {label} (for the consignment, the house "
                    "consignment or this item) or add a transport document"
                )
                yield ctx.violation(item, "reference_number_ucr", msg, code=13)


def _consignment_ucr(m: CC015C) -> None:
    m.consignment.reference_number_ucr = "DE-UCR-2026-1"


def _house_transport_document(m: CC015C) -> None:
    from ncts5.messages.cc015c import ConsignmentTransportDocument

    m.consignment.house_consignment[0].transport_document = [
        ConsignmentTransportDocument(sequence_number=1, type="N730", reference_number="CMR-4711")
    ]


def _ucr_at_every_level(m: CC015C) -> None:
    _consignment_ucr(m)
    m.consignment.house_consignment[0].reference_number_ucr = "HC-1"
    _items(m)[0].reference_number_ucr = "I-1"


_UCR = "referenceNumberUCR"

C0502 = Rule(
    "C0502",
    "The UCR is given at one level only, and on every item when no UCR or transport document covers it.",
    messages=IE015,
    checks="12 08 000 000 Reference number UCR is declared for the consignment, or else for a house consignment, "
    "or else for its goods items, never at two levels; and each goods item not covered by a UCR or a transport "
    "document of its consignment or house consignment gives its own.",
    why="The UCR or a transport document is how customs trace the goods commercially; one UCR at two levels "
    "could disagree.",
    fix="Declare the UCR once at the highest level it covers, or declare a transport document.",
    check=_c0502,
    cases=(
        Fires(T1_ROAD, at=(f"{_ITEM}[1]/{_UCR}", f"{_ITEM}[2]/{_UCR}"), code=13),
        Fires(T1_ROAD, _ucr_at_every_level, at=(f"{_HOUSE}/{_UCR}", f"{_ITEM}[1]/{_UCR}"), code=15),
        Silent(T1_ROAD, _consignment_ucr),
        Silent(T1_ROAD, _house_transport_document),
    ),
    releases=P5_P6,
)


def _b1895(ctx: Context[CC015C]) -> Iterator[Outcome]:
    consignment = ctx.message.consignment
    if consignment.reference_number_ucr is None:
        return
    why = (
        f"during the transition period the UCR {consignment.reference_number_ucr} declared for the whole "
        "consignment may not be repeated on goods items"
    )
    for _, item in houses_and_items(ctx.message):
        yield from ctx.forbid(item, "reference_number_ucr", why, code=None)


def _item_ucr(m: CC015C) -> None:
    _items(m)[1].reference_number_ucr = "UCR-2"


def _consignment_and_item_ucr(m: CC015C) -> None:
    _consignment_ucr(m)
    _item_ucr(m)


B1895 = Rule(
    "B1895",
    "Transition: a UCR on the consignment excludes a UCR on the goods items.",
    messages=IE015,
    phases=TRANSITION,
    error_code=50,
    suspends=("C0502",),
    checks="During the transition period a goods item gives no 12 08 000 000 Reference number UCR when the "
    "consignment has one.",
    why="Until TPendDate customs convert the declaration to the phase 4 message, which has the UCR for the "
    "consignment or per goods item, not both.",
    fix="Remove the goods items' UCR, or the consignment's.",
    check=_b1895,
    cases=(
        Fires(T1_ROAD, _consignment_and_item_ucr, at=f"{_ITEM}[2]/{_UCR}", phase="transition", code=50),
        Silent(T1_ROAD, _item_ucr, phase="transition"),
        Silent(T1_ROAD, _consignment_ucr, phase="transition"),
        Suspends(T1_ROAD),
    ),
)

# ------------------------------------------------------------------------------------------- G0113, G0988

G0113 = Rule(
    "G0113",
    "The country of destination may differ from the consignee's country.",
    messages=IE015,
    reason="advice only: it allows the country of destination to differ from the consignee's country and sets "
    "no condition, so no data or system could find a message wrong by it",
    checks="Nothing: the guideline only says that both countries may differ.",
    why="Customs do not reject a declaration for it.",
    fix="Nothing to fix; declare where the goods really go.",
    cases=(Undecided(T1_ROAD),),
    releases=P5_P6,
)

G0988 = Rule(
    "G0988",
    "The country of dispatch may differ from the consignor's country.",
    messages=IE015,
    reason="advice only: it allows the country of dispatch to differ from the consignor's country and sets no "
    "condition, so no data or system could find a message wrong by it",
    checks="Nothing: the guideline only says that both countries may differ.",
    why="Customs do not reject a declaration for it.",
    fix="Nothing to fix; declare where the goods really come from.",
    cases=(Undecided(T1_ROAD),),
    releases=P5_P6,
)
