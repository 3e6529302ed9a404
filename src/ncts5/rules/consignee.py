"""Rules on the CONSIGNEE data groups and on additional information code 30600 (consignee unknown).

How the consignee is declared, in short:

* one consignee for everything: once, for the whole consignment;
* several consignees: per house consignment (during the transition period: per
  consignment item), and then not for the whole consignment;
* goods going to a common-transit country (CL009) always need a consignee, so
  code 30600 "consignee unknown" is refused there; where 30600 is used, no
  consignee is declared at any level, and (after the transition period) the
  code is never given for a single consignment item.

Which countries are common-transit countries comes from code list CL009; when
it is not available the checks that depend on it report *not checked*.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from ncts5.rules.context import Context, Outcome, Unchecked
from ncts5.rules.parties import all_the_same, name_and_address, postcode_required
from ncts5.rules.registry import not_checkable, rule

CONSIGNEE_UNKNOWN = "30600"
_CONSIGNEES = (
    "Consignment/Consignee",
    "Consignment/HouseConsignment/Consignee",
    "Consignment/HouseConsignment/ConsignmentItem/Consignee",
)
_NO_CL009 = "code list CL009 (common-transit countries) is not available for {country}"


def _has_30600(additional_information: Iterable[Any]) -> bool:
    return any(ai.code == CONSIGNEE_UNKNOWN for ai in additional_information)


def _common(ctx: Context, country: str | None) -> bool | None:
    """Whether ``country`` is a common-transit country: False when absent, None when CL009 cannot tell."""
    if country is None:
        return False
    return ctx.in_list("CL009", country)


def _destinations(ctx: Context) -> Iterator[tuple[Any, str]]:
    """Every declared country of destination (consignment, house consignments, items) with its model."""
    cons = ctx.message.consignment  # type: ignore[attr-defined]
    if cons.country_of_destination is not None:
        yield cons, cons.country_of_destination
    for hc in cons.house_consignment:
        if hc.country_of_destination is not None:
            yield hc, hc.country_of_destination
        for item in hc.consignment_item:
            if item.country_of_destination is not None:
                yield item, item.country_of_destination


def _common_destination(ctx: Context) -> tuple[bool | None, str | None]:
    """(True, country) when some destination is a common-transit country, (False, None) when none is,
    (None, country) when CL009 cannot decide for ``country`` and no other destination settles it."""
    undecided = None
    for _model, country in _destinations(ctx):
        found = _common(ctx, country)
        if found:
            return True, country
        if found is None and undecided is None:
            undecided = country
    return (None, undecided) if undecided else (False, None)


def _code_30600_forbidden(ctx: Context, owners: Iterable[Any]) -> Iterator[Outcome]:
    """Code 30600 anywhere in ``owners``' additional information while a destination is in CL009."""
    found = [(o, i) for o in owners for i, ai in enumerate(o.additional_information) if ai.code == CONSIGNEE_UNKNOWN]
    if not found:
        return
    common, country = _common_destination(ctx)
    declared = any(True for path in _CONSIGNEES for _ in ctx.all(path))
    todo = "remove this 12 02 000 000 Additional information" + (
        "" if declared else " and declare 13 03 000 000 Consignee"
    )
    for owner, i in found:
        ai = owner.additional_information[i]
        if common is None:
            yield ctx.unchecked(_NO_CL009.format(country=country), ctx.path(ai, "code"))
        elif common:
            yield ctx.violation(
                ai,
                "code",
                f"code 30600 (consignee unknown) cannot be used: the goods go to {country}, a common-transit "
                f"country (CL009), where the consignee must be known; {todo}",
            )


@rule("R3060", "Code 30600 (consignee unknown) is refused for the consignment when a destination is in CL009.")
def r3060(ctx: Context) -> Iterator[Outcome]:
    yield from _code_30600_forbidden(ctx, [ctx.message.consignment])  # type: ignore[attr-defined]


@rule("R3062", "Code 30600 (consignee unknown) is refused for a house consignment when a destination is in CL009.")
def r3062(ctx: Context) -> Iterator[Outcome]:
    yield from _code_30600_forbidden(ctx, ctx.all("Consignment/HouseConsignment"))


@rule("R3061", "Code 30600 (consignee unknown) is never given for a single consignment item.", phases=("final",))
def r3061(ctx: Context) -> Iterator[Outcome]:
    for item in ctx.all("Consignment/HouseConsignment/ConsignmentItem"):
        for ai in item.additional_information:  # type: ignore[attr-defined]
            if ai.code == CONSIGNEE_UNKNOWN:
                yield ctx.violation(
                    ai,
                    "code",
                    "code 30600 (consignee unknown) cannot be given for a consignment item; declare it as "
                    "12 02 000 000 Additional information of the consignment or of the house consignment",
                )


def _needing_consignee(ctx: Context, cons: Any) -> list[tuple[Any, str]] | Unchecked | None:
    """The house consignments that need a consignee because goods go to a common-transit country.

    Every house consignment when the consignment does; otherwise those going there themselves, else
    those with an item going there. None when no destination is in CL009.
    """
    found = _common(ctx, cons.country_of_destination)
    if found is None:
        return ctx.unchecked(
            _NO_CL009.format(country=cons.country_of_destination), ctx.path(cons, "country_of_destination")
        )
    if found:
        return [(hc, cons.country_of_destination) for hc in cons.house_consignment]
    for places_of in (lambda hc: [hc], lambda hc: hc.consignment_item):
        needing = []
        for hc in cons.house_consignment:
            for place in places_of(hc):
                found = _common(ctx, place.country_of_destination)
                if found is None:
                    return ctx.unchecked(
                        _NO_CL009.format(country=place.country_of_destination),
                        ctx.path(place, "country_of_destination"),
                    )
                if found:
                    needing.append((hc, place.country_of_destination))
                    break
        if needing:
            return needing
    return None


def _unknown_consignee(cons: Any) -> tuple[list[Any], str]:
    """The house consignments whose consignee is unknown (code 30600), and where the code was given."""
    if _has_30600(cons.additional_information):
        return list(cons.house_consignment), "the consignment"
    unknown = [hc for hc in cons.house_consignment if _has_30600(hc.additional_information)]
    return unknown, "house consignment " + ", ".join(str(hc.sequence_number) for hc in unknown)


@rule(
    "C0001",
    "A consignee is declared at one level only; required per house consignment for common-transit destinations "
    "without a consignment-level consignee; refused with code 30600.",
    phases=("final",),
)
def c0001(ctx: Context) -> Iterator[Outcome]:
    cons = ctx.message.consignment  # type: ignore[attr-defined]
    top = cons.consignee is not None
    reported: set[int] = set()

    def remove(hc: Any, why: str) -> Outcome:
        reported.add(id(hc))
        msg = f"{why}; remove {ctx.label(hc, 'consignee')} from this house consignment"
        return ctx.violation(hc, "consignee", msg, code=15)

    # In every case, a consignment-level consignee excludes house-level ones.
    if top:
        why = (
            f"{ctx.label(cons, 'consignee')} is already declared for the whole consignment, and a consignee is "
            "declared at one level only"
        )
        yield from (remove(hc, why) for hc in cons.house_consignment if hc.consignee is not None)

    needing = _needing_consignee(ctx, cons)
    if isinstance(needing, Unchecked):
        yield needing
        return
    if needing is not None:
        for hc, country in needing:
            if not top and hc.consignee is None:
                yield ctx.violation(
                    hc,
                    "consignee",
                    f"the goods go to {country}, a common-transit country (CL009), and no consignee is declared "
                    f"for the whole consignment: declare {ctx.label(hc, 'consignee')} for this house consignment "
                    "(or once for the consignment)",
                    code=13,
                )
        return
    if ctx.message.transit_operation.security in ("0", "1"):  # type: ignore[attr-defined]
        return  # consignee optional; the one-level rule above is all

    unknown_for, where = _unknown_consignee(cons)
    if not unknown_for:
        return
    why = f"12 02 000 000 Additional information code 30600 (consignee unknown) is declared for {where}"
    if top:
        yield ctx.violation(cons, "consignee", f"{why}; remove {ctx.label(cons, 'consignee')}", code=15)
    yield from (remove(hc, why) for hc in unknown_for if hc.consignee is not None and id(hc) not in reported)


@rule(
    "G0001",
    "Where a house consignment (or, during the transition period, an item) carries code 30600, no consignee "
    "is declared for it nor for the whole consignment.",
)
def g0001(ctx: Context) -> Iterator[Outcome]:
    cons = ctx.message.consignment  # type: ignore[attr-defined]
    owners: list[Any] = [hc for hc in cons.house_consignment if _has_30600(hc.additional_information)]
    if ctx.phase == "transition":
        owners += [
            it for hc in cons.house_consignment for it in hc.consignment_item if _has_30600(it.additional_information)
        ]
    if not owners:
        return
    if cons.consignee is not None:
        yield ctx.violation(
            cons,
            "consignee",
            f"code 30600 (consignee unknown) is declared for {len(owners)} house consignment(s) or item(s); "
            f"leave out {ctx.label(cons, 'consignee')}",
            code=15,
        )
    for owner in owners:
        if owner.consignee is not None:
            yield ctx.violation(
                owner,
                "consignee",
                f"code 30600 (consignee unknown) is declared here; leave out {ctx.label(owner, 'consignee')}",
                code=15,
            )


# ---------------------------------------------------------------- consignee per consignment item (transition)


@rule(
    "B1820",
    "Transition period: when a consignee is required, optional or refused for each consignment item.",
    phases=("transition",),
)
def b1820(ctx: Context) -> Iterator[Outcome]:
    cons = ctx.message.consignment  # type: ignore[attr-defined]
    top = cons.consignee is not None
    common = _common(ctx, cons.country_of_destination)
    if common is None:
        yield ctx.unchecked(
            _NO_CL009.format(country=cons.country_of_destination), ctx.path(cons, "country_of_destination")
        )
        return
    security_data = ctx.message.transit_operation.security in ("0", "1")  # type: ignore[attr-defined]
    unknown_for_all = _has_30600(cons.additional_information)
    for item in ctx.all("Consignment/HouseConsignment/ConsignmentItem"):
        label = ctx.label(item, "consignee")
        if common:
            need, why = (
                ("N", f"{label} is declared for the whole consignment")
                if top
                else ("R", f"the goods go to {cons.country_of_destination}, a common-transit country (CL009)")
            )
        else:
            found = _common(ctx, item.country_of_destination)  # type: ignore[attr-defined]
            if found is None:
                yield ctx.unchecked(
                    _NO_CL009.format(country=item.country_of_destination),  # type: ignore[attr-defined]
                    ctx.path(item, "country_of_destination"),
                )
                continue
            if found:
                need, why = "R", f"this item goes to {item.country_of_destination}, a common-transit country (CL009)"  # type: ignore[attr-defined]
            elif security_data:
                need, why = ("N", f"{label} is declared for the whole consignment") if top else ("O", "")
            elif unknown_for_all or _has_30600(item.additional_information):  # type: ignore[attr-defined]
                need, why = "N", "code 30600 (consignee unknown) is declared"
            elif top:
                need, why = "N", f"{label} is declared for the whole consignment"
            else:
                need, why = "R", "no consignee is declared for the whole consignment"
        present = item.consignee is not None  # type: ignore[attr-defined]
        if need == "R" and not present:
            yield ctx.violation(item, "consignee", f"{why}: declare {label} for this item", code=13)
        elif need == "N" and present:
            yield ctx.violation(item, "consignee", f"{why}: remove {label} from this item", code=15)


@rule(
    "B1821",
    "Transition period: an item's consignee without identification number needs name and address.",
    phases=("transition",),
)
def b1821(ctx: Context) -> Iterator[Outcome]:
    for party in ctx.all("Consignment/HouseConsignment/ConsignmentItem/Consignee"):
        yield from name_and_address(ctx, party)


@rule(
    "B1822",
    "Transition period: an item's consignee address needs a postcode unless its country has none (CL505).",
    phases=("transition",),
)
def b1822(ctx: Context) -> Iterator[Outcome]:
    for address in ctx.all("Consignment/HouseConsignment/ConsignmentItem/Consignee/Address"):
        yield from postcode_required(ctx, address)


@rule(
    "B1877",
    "Transition period: when every consignment item has a consignee (or transport charges), they must not all "
    "be the same.",
    phases=("transition",),
)
def b1877(ctx: Context) -> Iterator[Outcome]:
    items = list(ctx.all("Consignment/HouseConsignment/ConsignmentItem"))
    for field, where in (
        ("consignee", "declare it once for the whole consignment"),
        ("transport_charges", "declare them once for the whole consignment"),
    ):
        values = [getattr(it, field) for it in items]
        if all(v is not None for v in values) and all_the_same(values):
            label = ctx.label(items[0], field)
            yield ctx.violation(
                items[0], field, f"all {len(items)} consignment items declare the same {label}; {where} instead"
            )


@rule(
    "B2400",
    "After the transition period, consignment items carry no consignee, transport document or transport charges.",
    phases=("final",),
    error_code=15,
)
def b2400(ctx: Context) -> Iterator[Outcome]:
    where = {
        "consignee": "declare it for the consignment or the house consignment",
        "transport_document": "declare it for the consignment or the house consignment",
        "transport_charges": "declare them for the consignment or the house consignment",
    }
    for item in ctx.all("Consignment/HouseConsignment/ConsignmentItem"):
        for field, todo in where.items():
            value = getattr(item, field)
            if not value:  # absent, or an empty list (a present data group is always true)
                continue
            indices = range(len(value)) if isinstance(value, list) else ([None] if value is not None else [])
            for i in indices:
                yield ctx.violation(
                    item,
                    field,
                    f"{ctx.label(item, field)} is no longer accepted for a consignment item after the transition "
                    f"period; {todo}",
                    index=i,
                )


not_checkable(
    "R0851",
    "The consignee's identification number is validated where the consignee is established.",
    reason="needs the trader register of the contracting party where the consignee is established; only its "
    "customs administration can validate the number",
    module=__name__,
)
