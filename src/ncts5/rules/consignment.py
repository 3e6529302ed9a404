"""Rules on the CONSIGNMENT level as a whole and on the declaration type per goods item.

Several data items (country of dispatch and destination, UCR, declaration type)
may be declared at one level only: for the whole consignment, per house
consignment or per goods item.  The conditions here say which level is allowed
and the rules say what the declaration type must be for excise goods and for
goods travelling to San Marino.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ncts5.rules.context import Context, Outcome
from ncts5.rules.registry import not_checkable, rule

ITEMS = "Consignment/HouseConsignment/ConsignmentItem"
UNION_TYPES = frozenset({"T2", "T2F"})


# ---------------------------------------------------------------------- helpers shared by the goods topics
def departure_country(ctx: Context) -> str:
    """The country code of the customs office of departure (its first two characters)."""
    return ctx.message.customs_office_of_departure.reference_number[:2]  # type: ignore[attr-defined]


def header_type(ctx: Context) -> str:
    return ctx.message.transit_operation.declaration_type  # type: ignore[attr-defined, no-any-return]


def exports_followed_by_transit(house: Any) -> bool:
    """Whether a house consignment refers to an export declaration (previous document N830)."""
    return any(d.type == "N830" for d in house.previous_document)


def houses_and_items(ctx: Context) -> Iterator[tuple[Any, Any]]:
    for house in ctx.message.consignment.house_consignment:  # type: ignore[attr-defined]
        for item in house.consignment_item:
            yield house, item


def any_in_list(ctx: Context, list_id: str, codes: list[str]) -> bool | None:
    """True if one code is in the list, False if none is, None if the list is not available."""
    unknown = False
    for code in codes:
        found = ctx.in_list(list_id, code)
        if found:
            return True
        unknown = unknown or found is None
    return None if unknown else False


def not_available(list_id: str) -> str:
    return (
        f"code list {list_id} cannot decide this value (not imported, or not among the packaged codes); "
        "import the official reference data with `ncts5 codelists import RD_NCTS-P5.json.gz`"
    )


# ---------------------------------------------------------------------- declaration type per item
@rule("C0045", "Goods items carry their own declaration type exactly when the declaration type is 'T' (mixed).")
def c0045(ctx: Context) -> Iterator[Outcome]:
    mixed = header_type(ctx) == "T"
    for item in ctx.all(ITEMS):
        if mixed and item.declaration_type is None:  # type: ignore[attr-defined]
            label = ctx.label(item, "declaration_type")
            msg = f"the declaration type is T (mixed consignment): give {label} for every goods item"
            yield ctx.violation(item, "declaration_type", msg, code=13)
        elif not mixed and item.declaration_type is not None:  # type: ignore[attr-defined]
            label = ctx.label(item, "declaration_type")
            msg = (
                f"{label} is only allowed when 11 01 000 000 Declaration type of the transit operation is T; "
                f"remove it (the type {header_type(ctx)} applies to all goods items)"
            )
            yield ctx.violation(item, "declaration_type", msg, code=15)


def _excise_required_types(ctx: Context, house: Any, item: Any) -> tuple[frozenset[str], frozenset[str]] | None:
    """(allowed item types, allowed header types) for an excise goods item, or None if unconstrained.

    Raises LookupError when CL234 is needed but not available.
    """
    references = any_in_list(ctx, "CL234", [r.type for r in item.additional_reference])
    if references is None:
        raise LookupError
    if references and exports_followed_by_transit(house):
        return frozenset({"T1"}), frozenset({"T1", "TIR"})
    supporting = any_in_list(ctx, "CL234", [d.type for d in item.supporting_document])
    if supporting is None:
        raise LookupError
    if supporting:
        return UNION_TYPES, UNION_TYPES
    return None


@rule(
    "R0601",
    "Excise goods: T1 (or TIR) after an export, T2/T2F when moving under excise suspension with an e-AD.",
)
def r0601(ctx: Context) -> Iterator[Outcome]:
    """The e-AD branch (supporting document in CL234) applies to every item that is not an export of excise
    goods: R0601's text nests it under the additional-reference case, but its transition twin B1922 and the
    declaration guide treat it as a case of its own, and the two readings agree wherever R0601's applies."""
    header = ctx.message.transit_operation  # type: ignore[attr-defined]
    at_header: list[tuple[str, str, frozenset[str]]] = []
    for house, item in houses_and_items(ctx):
        if not item.additional_reference and not item.supporting_document:
            continue  # no document that could make it excise goods: _excise_required_types gives None
        try:
            required = _excise_required_types(ctx, house, item)
        except LookupError:
            yield ctx.unchecked(not_available("CL234"), ctx.path(item))
            continue
        if required is None:
            continue
        item_allowed, allowed_at_header = required
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
            f"set 11 01 000 000 Declaration type to {' or '.join(allowed)}"
            if allowed
            else "declare type T with the right declaration type on each goods item"
        )
        yield ctx.violation(header, "declaration_type", f"{parts}: {todo}")


@rule(
    "R0909",
    "Goods for San Marino move as T2SM from Italy and as T2/T2F from other EU countries.",
)
def r0909(ctx: Context) -> Iterator[Outcome]:
    """From a Union country other than Italy every goods item must be T2/T2F, by its own type or the header's.

    The destination (actual) half of the rule concerns the arrival messages, not IE015.
    """
    msg_ = ctx.message
    destination = msg_.customs_office_of_destination_declared  # type: ignore[attr-defined]
    if destination.reference_number[:2] != "SM":
        return
    header = msg_.transit_operation  # type: ignore[attr-defined]
    departure = departure_country(ctx)
    if departure == "IT":
        if header.declaration_type != "T2SM":
            msg = (
                "goods leaving Italy for a San Marino office of destination move under T2SM: "
                "set 11 01 000 000 Declaration type to T2SM"
            )
            yield ctx.violation(header, "declaration_type", msg)
        return
    community = ctx.in_list("CL010", departure)
    if community is None:
        yield ctx.unchecked(not_available("CL010"), ctx.path(msg_.customs_office_of_departure))  # type: ignore[attr-defined]
        return
    if not community:
        return
    header_wrong = False
    for item in ctx.all(ITEMS):
        if item.declaration_type is not None:  # type: ignore[attr-defined]
            if item.declaration_type not in UNION_TYPES:  # type: ignore[attr-defined]
                msg = (
                    f"goods leaving {departure} for San Marino must be Union goods: set "
                    f"{ctx.label(item, 'declaration_type')} to T2 or T2F"
                )
                yield ctx.violation(item, "declaration_type", msg)
        elif header.declaration_type not in UNION_TYPES:
            header_wrong = True
    if header_wrong:
        msg = (
            f"goods leaving {departure} for a San Marino office of destination must be Union goods: "
            "set 11 01 000 000 Declaration type to T2 or T2F"
        )
        yield ctx.violation(header, "declaration_type", msg)


# ---------------------------------------------------------------------- one level only
_ITEM_LEVEL = (
    ("declaration_type", "11 01 000 000 Declaration type of the transit operation"),
    ("country_of_dispatch", "the consignment or its house consignments"),
    ("country_of_destination", "the consignment or its house consignments"),
    ("reference_number_ucr", "the consignment or its house consignments"),
)


@rule("R0507", "A value that every goods item repeats identically belongs at a higher level, not on each item.")
def r0507(ctx: Context) -> Iterator[Outcome]:
    """Compared across all goods items of the declaration, as R0506 compares all house consignments."""
    items = list(ctx.all(ITEMS))
    for field, higher in _ITEM_LEVEL:
        values = [getattr(i, field) for i in items]
        if values and all(v is not None for v in values) and len(set(values)) == 1:
            label = ctx.label(items[0], field)
            if field == "declaration_type":
                todo = f"declare {values[0]} as {higher} instead of T and remove it from the items"
            else:
                todo = f"declare it once for {higher} and remove it from the items"
            msg = f"every goods item has the same {label} {values[0]}: {todo}"
            yield ctx.violation(items[0], field, msg)


def _three_levels(ctx: Context, field: str) -> Iterator[Outcome]:
    """The pattern of C0343 and C0909: consignment, else house consignment, else each item."""
    consignment = ctx.message.consignment  # type: ignore[attr-defined]
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


@rule("C0343", "Country of destination is declared at exactly one level: consignment, house consignment or item.")
def c0343(ctx: Context) -> Iterator[Outcome]:
    yield from _three_levels(ctx, "country_of_destination")


@rule("C0909", "Country of dispatch is declared at exactly one level: consignment, house consignment or item.")
def c0909(ctx: Context) -> Iterator[Outcome]:
    yield from _three_levels(ctx, "country_of_dispatch")


@rule("C0502", "The UCR is given at one level only, and on every item when no UCR or transport document covers it.")
def c0502(ctx: Context) -> Iterator[Outcome]:
    consignment = ctx.message.consignment  # type: ignore[attr-defined]
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
                    f"there is neither a UCR nor a 12 05 000 000 Transport document for the consignment or this "
                    f"house consignment: give {label} (for the consignment, the house consignment or this item) "
                    "or add a transport document"
                )
                yield ctx.violation(item, "reference_number_ucr", msg, code=13)


not_checkable(
    "G0113",
    "The country of destination may differ from the consignee's country.",
    reason="advice only: it allows a difference and sets no condition the message could break",
    module=__name__,
)
not_checkable(
    "G0988",
    "The country of dispatch may differ from the consignor's country.",
    reason="advice only: it allows a difference and sets no condition the message could break",
    module=__name__,
)


# ---------------------------------------------------------------------- message header
@rule(
    "C0511",
    "The correlation identifier is required or forbidden according to the message type (CL610, CL385).",
    needs="code lists CL610 (MessageWithCorrelationIdentifier) and CL385 (MessageTypeWithoutHeader)",
)
def c0511(ctx: Context) -> Iterator[Outcome]:
    message = ctx.message
    present = message.correlation_identifier is not None  # type: ignore[attr-defined]
    with_correlation = ctx.in_list("CL610", message.message_type)  # type: ignore[attr-defined]
    if with_correlation is None:
        yield ctx.unchecked(not_available("CL610"), ctx.path(message, "correlation_identifier"))
        return
    if with_correlation:
        if not present:
            msg = f"a {message.message_type} message answers an earlier one: give its Correlation identifier"  # type: ignore[attr-defined]
            yield ctx.violation(message, "correlation_identifier", msg, code=13)
        return
    if not present:
        return
    without_header = ctx.in_list("CL385", message.message_type)  # type: ignore[attr-defined]
    if without_header is None:
        yield ctx.unchecked(not_available("CL385"), ctx.path(message, "correlation_identifier"))
    elif without_header:
        msg = f"a {message.message_type} message has no correlation: remove the Correlation identifier"  # type: ignore[attr-defined]
        yield ctx.violation(message, "correlation_identifier", msg, code=15)


@rule(
    "B1833",
    "Transition period: the correlation identifier is optional (C0511 is suspended).",
    phases=("transition",),
    suspends=("C0511",),
)
def b1833(ctx: Context) -> Iterator[Outcome]:
    """Its only effect is the suspension of C0511: an optional element has nothing to report."""
    return iter(())


not_checkable(
    "R0008",
    "The correlation identifier repeats the message identification of the message it answers.",
    reason="needs the NCTS record of the earlier message this one answers",
    module=__name__,
)
