"""Rules on the CONSIGNEE data groups and on additional information code 30600 (consignee unknown).

How the consignee is declared, in short:

* one consignee for everything: once, for the whole consignment;
* several consignees: per house consignment (during the transition period: per
  consignment item), and then not for the whole consignment;
* goods going to a common-transit country (CL009) always need a consignee, so
  code 30600 "consignee unknown" is refused there; where 30600 is used, no
  consignee is declared at any level, and (after the transition period) the
  code is never given for a single consignment item.

Which countries are common-transit countries comes from code list CL009; when it cannot decide,
the checks that depend on it report *not checked*.  Each rule is one
:class:`~ncts5.rules.declaration.Rule` value named by its id, with its check and its example cases
just above it (see :mod:`ncts5.rules.declaration`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING

from ncts5.rules.context import Context, Outcome, Unchecked
from ncts5.rules.declaration import FINAL, IE015, P5_P6, P6, TRANSITION, Fires, Rule, Silent, Suspends, Undecided
from ncts5.rules.examples import T1_ROAD
from ncts5.rules.kit import has_exit_summary, undecided
from ncts5.rules.parties import all_the_same, name_and_address, postcode_required

if TYPE_CHECKING:
    from ncts5.messages.cc015c import (
        CC015C,
        Consignment,
        ConsignmentAdditionalInformation,
        ConsignmentItem,
        ConsignmentItemAdditionalInformation,
        HouseConsignment,
        HouseConsignmentAdditionalInformation,
    )
    from ncts5.messages.p6.cc015c import CC015C as P6CC015C

    _AdditionalInformation = (
        ConsignmentAdditionalInformation | HouseConsignmentAdditionalInformation | ConsignmentItemAdditionalInformation
    )

CONSIGNEE_UNKNOWN = "30600"

_CONSIGNMENT = "/CC015C/Consignment"
_HOUSE = f"{_CONSIGNMENT}/HouseConsignment"
_ITEM = f"{_HOUSE}[1]/ConsignmentItem"


def _has_30600(additional_information: Iterable[_AdditionalInformation]) -> bool:
    return any(ai.code == CONSIGNEE_UNKNOWN for ai in additional_information)


def _without_exit_summary(security: str) -> bool:
    """Security 0 or 1: no exit summary declaration, so the consignee is optional outside CL009.

    Not ``not has_exit_summary(...)``: a security code outside CL217 (already a code list finding)
    is neither, and the consignee checks go on for it.
    """
    return security in ("0", "1")


def _common(ctx: Context[CC015C], country: str | None) -> bool | None:
    """Whether ``country`` is a common-transit country: False when absent, None when CL009 cannot tell."""
    if country is None:
        return False
    return ctx.in_list("CL009", country)


def _destinations(consignment: Consignment) -> Iterator[str]:
    """Every declared country of destination (consignment, house consignments, items)."""
    if consignment.country_of_destination is not None:
        yield consignment.country_of_destination
    for hc in consignment.house_consignment:
        if hc.country_of_destination is not None:
            yield hc.country_of_destination
        for item in hc.consignment_item:
            if item.country_of_destination is not None:
                yield item.country_of_destination


def _common_destination(ctx: Context[CC015C]) -> tuple[bool | None, str | None]:
    """(True, country) when some destination is a common-transit country, (False, None) when none is,
    (None, country) when CL009 cannot decide for ``country`` and no other destination settles it."""
    unknown = None
    for country in _destinations(ctx.message.consignment):
        found = _common(ctx, country)
        if found:
            return True, country
        if found is None and unknown is None:
            unknown = country
    return (None, unknown) if unknown else (False, None)


def _consignee_of_item(item: ConsignmentItem) -> object | None:
    """A goods item's consignee: Phase 5 only (Phase 6 removed CONSIGNMENT ITEM-CONSIGNEE, so never one there)."""
    return getattr(item, "consignee", None)


def _any_consignee(consignment: Consignment) -> bool:
    """Whether a consignee is declared at any level (consignment, house consignment, item)."""
    return consignment.consignee is not None or any(
        hc.consignee is not None or any(_consignee_of_item(item) is not None for item in hc.consignment_item)
        for hc in consignment.house_consignment
    )


def _code_30600_forbidden(ctx: Context[CC015C], owners: Iterable[Consignment | HouseConsignment]) -> Iterator[Outcome]:
    """Code 30600 anywhere in ``owners``' additional information while a destination is in CL009."""
    found = [(o, ai) for o in owners for ai in o.additional_information if ai.code == CONSIGNEE_UNKNOWN]
    if not found:
        return
    common, country = _common_destination(ctx)
    consignment = ctx.message.consignment
    for owner, ai in found:
        if common is None:
            yield ctx.unchecked(undecided("CL009", country), ctx.path(ai, "code"))
        elif common:
            todo = f"remove this {ctx.label(owner, 'additional_information')}"
            if not _any_consignee(consignment):
                todo += f" and declare {ctx.label(consignment, 'consignee')}"
            yield ctx.violation(
                ai,
                "code",
                f"code 30600 (consignee unknown) cannot be used: the goods go to {country}, a common-transit "
                f"country (CL009), where the consignee must be known; {todo}",
            )


# ------------------------------------------------------------------------------------------- example changes


def _to(destination: str, security: str = "2") -> Callable[[CC015C], None]:
    """The T1 example's goods going to ``destination`` with safety and security data (consignee kept)."""

    def change(m: CC015C) -> None:
        m.transit_operation.security = security
        m.consignment.country_of_destination = destination

    change.__name__ = f"security_{security}_to_{destination}"
    return change


_TO_THE_US = _to("US")


def _no_consignee(m: CC015C) -> None:
    m.consignment.consignee = None


def _code_30600(m: CC015C) -> None:
    from ncts5.messages.cc015c import ConsignmentAdditionalInformation

    m.consignment.additional_information = [
        ConsignmentAdditionalInformation(sequence_number=1, code=CONSIGNEE_UNKNOWN, text="to order, blank endorsed")
    ]


def _house_code_30600(house: HouseConsignment) -> None:
    from ncts5.messages.cc015c import HouseConsignmentAdditionalInformation

    house.additional_information = [HouseConsignmentAdditionalInformation(sequence_number=1, code=CONSIGNEE_UNKNOWN)]


def _item_code_30600(item: ConsignmentItem) -> None:
    from ncts5.messages.cc015c import ConsignmentItemAdditionalInformation

    item.additional_information = [ConsignmentItemAdditionalInformation(sequence_number=1, code=CONSIGNEE_UNKNOWN)]


def _house_consignee(house: HouseConsignment, name: str = "Maas Import BV") -> None:
    from ncts5.messages.cc015c import HouseConsignmentConsignee, HouseConsignmentConsigneeAddress

    address = HouseConsignmentConsigneeAddress(
        street_and_number="Havenweg 8", postcode="3089 JH", city="Rotterdam", country="NL"
    )
    house.consignee = HouseConsignmentConsignee(name=name, address=address)


def _item_consignee(
    item: ConsignmentItem, name: str | None = "Maas Import BV", postcode: str | None = "3089 JH", country: str = "NL"
) -> None:
    from ncts5.messages.cc015c import ConsignmentItemConsignee, ConsignmentItemConsigneeAddress

    address = ConsignmentItemConsigneeAddress(
        street_and_number="Havenweg 8", postcode=postcode, city="Rotterdam", country=country
    )
    item.consignee = ConsignmentItemConsignee(name=name, address=address)


def _house(m: CC015C) -> HouseConsignment:
    return m.consignment.house_consignment[0]


def _items(m: CC015C) -> list[ConsignmentItem]:
    return _house(m).consignment_item


def _two_house_consignments(m: CC015C) -> tuple[HouseConsignment, HouseConsignment]:
    """Splits the T1 example's two goods items into two house consignments."""
    hc1 = _house(m)
    hc2 = hc1.model_copy(deep=True)
    hc2.sequence_number = 2
    hc1.consignment_item = hc1.consignment_item[:1]
    hc2.consignment_item = hc2.consignment_item[1:]
    m.consignment.house_consignment.append(hc2)
    return hc1, hc2


def _unknown_consignee_to_the_us(m: CC015C) -> None:
    """Code 30600 for the consignment and no consignee: goods to the US with safety and security data."""
    _TO_THE_US(m)
    _no_consignee(m)
    _code_30600(m)


# ------------------------------------------------------------------------------------------- R3060, R3062


def _r3060(ctx: Context[CC015C]) -> Iterator[Outcome]:
    yield from _code_30600_forbidden(ctx, [ctx.message.consignment])


def _unknown_consignee_with_an_item_going_to_switzerland(m: CC015C) -> None:
    _unknown_consignee_to_the_us(m)
    _items(m)[1].country_of_destination = "CH"


def _other_additional_information(m: CC015C) -> None:
    from ncts5.messages.cc015c import ConsignmentAdditionalInformation

    m.consignment.additional_information = [ConsignmentAdditionalInformation(sequence_number=1, code="20300")]


_CODE = f"{_CONSIGNMENT}/AdditionalInformation[1]/code"

R3060 = Rule(
    "R3060",
    "Code 30600 (consignee unknown) is refused for the consignment when a destination is in CL009.",
    messages=IE015,
    checks="The consignment's additional information does not use code 30600 (consignee unknown) when any "
    "country of destination (of the consignment, a house consignment or a goods item) is a common-transit "
    "country (CL009).",
    why="Goods going to a common-transit country must have a known consignee; 'to order' shipments are only "
    "accepted for destinations outside the common-transit area.",
    fix="Remove code 30600 and declare the consignee.",
    check=_r3060,
    cases=(
        Fires(T1_ROAD, _code_30600, at=_CODE, code=14, says="the goods go to NL"),
        Fires(T1_ROAD, _unknown_consignee_with_an_item_going_to_switzerland, at=_CODE, says="and declare 13 03"),
        Silent(T1_ROAD, _unknown_consignee_to_the_us),
        Silent(T1_ROAD, _other_additional_information),
        Undecided(T1_ROAD, _unknown_consignee_to_the_us, at=_CODE, without_lists=("CL009",)),
    ),
    releases=P5_P6,
)


def _r3062(ctx: Context[CC015C]) -> Iterator[Outcome]:
    yield from _code_30600_forbidden(ctx, ctx.message.consignment.house_consignment)


def _code_30600_for_the_house_consignment(m: CC015C) -> None:
    _no_consignee(m)
    _house_code_30600(_house(m))


def _unknown_house_consignee_to_the_us(m: CC015C) -> None:
    _TO_THE_US(m)
    _code_30600_for_the_house_consignment(m)


R3062 = Rule(
    "R3062",
    "Code 30600 (consignee unknown) is refused for a house consignment when a destination is in CL009.",
    messages=IE015,
    checks="No house consignment's additional information uses code 30600 (consignee unknown) when any country "
    "of destination is a common-transit country (CL009).",
    why="Goods going to a common-transit country must have a known consignee; 'to order' shipments are only "
    "accepted for destinations outside the common-transit area.",
    fix="Remove code 30600 from the house consignment and declare its consignee.",
    check=_r3062,
    cases=(
        Fires(T1_ROAD, _code_30600_for_the_house_consignment, at=f"{_HOUSE}[1]/AdditionalInformation[1]/code", code=14),
        Silent(T1_ROAD, _unknown_house_consignee_to_the_us),
        Silent(T1_ROAD),
    ),
    releases=P5_P6,
)

# ------------------------------------------------------------------------------------------- R3061


def _r3061(ctx: Context[CC015C]) -> Iterator[Outcome]:
    for hc in ctx.message.consignment.house_consignment:
        for item in hc.consignment_item:
            for ai in item.additional_information:
                if ai.code == CONSIGNEE_UNKNOWN:
                    yield ctx.violation(
                        ai,
                        "code",
                        "code 30600 (consignee unknown) cannot be given for a consignment item; declare it as "
                        f"{ctx.label(item, 'additional_information')} of the consignment or of the house consignment",
                    )


def _code_30600_for_an_item(m: CC015C) -> None:
    _TO_THE_US(m)
    _item_code_30600(_items(m)[1])


R3061 = Rule(
    "R3061",
    "Code 30600 (consignee unknown) is never given for a single consignment item.",
    messages=IE015,
    phases=FINAL,
    checks="No consignment item's additional information uses code 30600 (consignee unknown).",
    why="After the transition period the consignee is declared for the consignment or per house consignment, "
    "so whether it is unknown is said at that level too.",
    fix="Move code 30600 to the additional information of the consignment or of the house consignment.",
    check=_r3061,
    cases=(
        Fires(
            T1_ROAD,
            _code_30600_for_an_item,
            at=f"{_ITEM}[2]/AdditionalInformation[1]/code",
            code=14,
            says="house consignment",
        ),
        Silent(T1_ROAD),
        Silent(T1_ROAD, _unknown_consignee_to_the_us),
    ),
    releases=P5_P6,
)

# ------------------------------------------------------------------------------------------- C0001, B1823


def _needing_consignee(
    ctx: Context[CC015C], consignment: Consignment
) -> list[tuple[HouseConsignment, str]] | Unchecked | None:
    """The house consignments that need a consignee because goods go to a common-transit country.

    Every house consignment when the consignment does; otherwise those going there themselves, else
    those with an item going there.  None when no destination is in CL009.
    """
    destination = consignment.country_of_destination
    found = _common(ctx, destination)
    if found is None:
        return ctx.unchecked(undecided("CL009", destination), ctx.path(consignment, "country_of_destination"))
    if found and destination is not None:
        return [(hc, destination) for hc in consignment.house_consignment]
    needing = []
    for hc in consignment.house_consignment:  # house consignments going there themselves
        found = _common(ctx, hc.country_of_destination)
        if found is None:
            return ctx.unchecked(undecided("CL009", hc.country_of_destination), ctx.path(hc, "country_of_destination"))
        if found and hc.country_of_destination is not None:
            needing.append((hc, hc.country_of_destination))
    if needing:
        return needing
    for hc in consignment.house_consignment:  # else those with a goods item going there
        for item in hc.consignment_item:
            found = _common(ctx, item.country_of_destination)
            if found is None:
                reason = undecided("CL009", item.country_of_destination)
                return ctx.unchecked(reason, ctx.path(item, "country_of_destination"))
            if found and item.country_of_destination is not None:
                needing.append((hc, item.country_of_destination))
                break
    return needing or None


def _unknown_consignee(consignment: Consignment) -> tuple[list[HouseConsignment], str]:
    """The house consignments whose consignee is unknown (code 30600), and where the code was given."""
    if _has_30600(consignment.additional_information):
        return list(consignment.house_consignment), "the consignment"
    unknown = [hc for hc in consignment.house_consignment if _has_30600(hc.additional_information)]
    return unknown, "house consignment " + ", ".join(str(hc.sequence_number) for hc in unknown)


def _c0001(ctx: Context[CC015C]) -> Iterator[Outcome]:
    cons = ctx.message.consignment
    top = cons.consignee is not None
    reported: set[int] = set()

    def remove(hc: HouseConsignment, why: str) -> Outcome:
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
    if _without_exit_summary(ctx.message.transit_operation.security):
        return  # consignee optional; the one-level rule above is all

    unknown_for, where = _unknown_consignee(cons)
    if not unknown_for:
        return
    why = f"{ctx.label(cons, 'additional_information')} code 30600 (consignee unknown) is declared for {where}"
    if top:
        yield ctx.violation(cons, "consignee", f"{why}; remove {ctx.label(cons, 'consignee')}", code=15)
    yield from (remove(hc, why) for hc in unknown_for if hc.consignee is not None and id(hc) not in reported)


def _house_consignee_too(m: CC015C) -> None:
    _house_consignee(_house(m))


def _a_consignee_per_house_consignment(m: CC015C) -> None:
    _no_consignee(m)
    hc1, hc2 = _two_house_consignments(m)
    _house_consignee(hc1, "Maas Import BV")
    _house_consignee(hc2, "Delta Parts NV")


def _house_consignments_to_the_us_and_norway(m: CC015C) -> None:
    _no_consignee(m)
    m.consignment.country_of_destination = None
    hc1, hc2 = _two_house_consignments(m)
    hc1.country_of_destination, hc2.country_of_destination = "US", "NO"


def _items_to_the_us_and_switzerland(m: CC015C) -> None:
    _no_consignee(m)
    m.consignment.country_of_destination = None
    hc1, hc2 = _two_house_consignments(m)
    hc1.consignment_item[0].country_of_destination = "US"
    hc2.consignment_item[0].country_of_destination = "CH"


def _no_consignee_for_an_entry_summary_to_the_us(m: CC015C) -> None:
    _to("US", security="1")(m)
    _no_consignee(m)


def _consignee_and_code_30600(m: CC015C) -> None:
    _TO_THE_US(m)
    _code_30600(m)


def _consignees_at_both_levels_and_code_30600(m: CC015C) -> None:
    _consignee_and_code_30600(m)
    _house_consignee_too(m)


def _house_consignee_and_house_code_30600(m: CC015C) -> None:
    _TO_THE_US(m)
    _a_consignee_per_house_consignment(m)
    _house_code_30600(m.consignment.house_consignment[1])


def _no_consignee_to_the_us(m: CC015C) -> None:
    _no_consignee(m)
    m.consignment.country_of_destination = "US"


def _house_consignee_too_to_the_us(m: CC015C) -> None:
    m.consignment.country_of_destination = "US"
    _house_consignee_too(m)


_HOUSE_CONSIGNEE = f"{_HOUSE}[1]/Consignee"

C0001 = Rule(
    "C0001",
    "A consignee is declared at one level only; required per house consignment for common-transit destinations "
    "without a consignment-level consignee; refused with code 30600.",
    messages=IE015,
    phases=FINAL,
    checks="13 03 000 000 CONSIGNEE is declared for the consignment or per house consignment, never both. When "
    "goods go to a common-transit country (CL009) and no consignee is declared for the consignment, each house "
    "consignment concerned declares one. With an exit summary declaration (security 2 or 3) and code 30600 "
    "(consignee unknown), no consignee is declared where the code applies.",
    why="Customs of the common-transit countries require a known consignee; one consignee at two levels is "
    "ambiguous; and a consignee next to 'consignee unknown' contradicts it.",
    fix="Declare the consignee once: for the whole consignment, or for each house consignment; remove it where "
    "code 30600 says it is unknown.",
    check=_c0001,
    cases=(
        Fires(T1_ROAD, _house_consignee_too, at=_HOUSE_CONSIGNEE, code=15, says="one level only"),
        Fires(T1_ROAD, _no_consignee, at=_HOUSE_CONSIGNEE, code=13, says="the goods go to NL"),
        Fires(T1_ROAD, _house_consignments_to_the_us_and_norway, at=f"{_HOUSE}[2]/Consignee", code=13),
        Fires(T1_ROAD, _items_to_the_us_and_switzerland, at=f"{_HOUSE}[2]/Consignee", code=13),
        Fires(T1_ROAD, _consignee_and_code_30600, at=f"{_CONSIGNMENT}/Consignee", code=15, says="30600"),
        Fires(T1_ROAD, _house_consignee_and_house_code_30600, at=f"{_HOUSE}[2]/Consignee", code=15),
        Fires(T1_ROAD, _consignees_at_both_levels_and_code_30600, at=(f"{_CONSIGNMENT}/Consignee", _HOUSE_CONSIGNEE)),
        Fires(T1_ROAD, _house_consignee_too_to_the_us, at=_HOUSE_CONSIGNEE, without_lists=("CL009",)),
        Silent(T1_ROAD),
        Silent(T1_ROAD, _a_consignee_per_house_consignment),
        Silent(T1_ROAD, _no_consignee_for_an_entry_summary_to_the_us),
        Silent(T1_ROAD, _unknown_consignee_to_the_us),
        Undecided(
            T1_ROAD, _no_consignee_to_the_us, at=f"{_CONSIGNMENT}/countryOfDestination", without_lists=("CL009",)
        ),
    ),
    releases=P5_P6,
)


def _b1823(ctx: Context[CC015C]) -> Iterator[Outcome]:
    c = ctx.message.consignment
    items = [item for hc in c.house_consignment for item in hc.consignment_item]
    if c.country_of_destination is not None:
        in_ctc = ctx.in_list("CL009", c.country_of_destination)
        if in_ctc is None:
            yield ctx.unchecked(undecided("CL009", c.country_of_destination), ctx.path(c, "consignee"))
            return
        if in_ctc:
            if any(i.consignee is not None for i in items):
                why = "during the transition period consignees are given either per goods item or for the consignment"
                yield from ctx.forbid(c, "consignee", why, code=None)
            else:
                why = (
                    f"during the transition period a destination in a common transit country "
                    f"({c.country_of_destination}) needs the consignee at consignment level"
                )
                yield from ctx.require(c, "consignee", why, code=None)
            return
    unknown = any(_has_30600(i.additional_information) for i in items)
    if has_exit_summary(ctx.message.transit_operation.security) and unknown:
        why = "a goods item declares the consignee unknown (additional information 30600)"
        yield from ctx.forbid(c, "consignee", why, code=None)


def _item_consignee_too(m: CC015C) -> None:
    _item_consignee(_items(m)[0])


def _unknown_item_consignee_with_exit_summary(m: CC015C) -> None:
    m.consignment.country_of_destination = None
    m.transit_operation.security = "2"
    _item_code_30600(_items(m)[0])


B1823 = Rule(
    "B1823",
    "Transition period: the consignee is given at consignment level, by destination and security (C0001 off).",
    messages=IE015,
    phases=TRANSITION,
    error_code=50,
    suspends=("C0001",),
    checks="During the transition period, goods going to a common-transit country (CL009) declare the consignee "
    "for the consignment, unless goods items declare their own (then not for the consignment); with an exit "
    "summary declaration (security 2 or 3) a goods item's code 30600 excludes a consignment consignee.",
    why="Until TPendDate customs convert the declaration to the phase 4 message, which knows consignees only "
    "for the whole consignment or per goods item.",
    fix="Declare the consignee for the consignment, or on every goods item, not both; leave it out when code "
    "30600 says it is unknown.",
    check=_b1823,
    cases=(
        Fires(T1_ROAD, _no_consignee, at=f"{_CONSIGNMENT}/Consignee", phase="transition", code=50),
        Fires(T1_ROAD, _item_consignee_too, at=f"{_CONSIGNMENT}/Consignee", phase="transition", says="per goods item"),
        Fires(
            T1_ROAD,
            _unknown_item_consignee_with_exit_summary,
            at=f"{_CONSIGNMENT}/Consignee",
            phase="transition",
            says="30600",
        ),
        Silent(T1_ROAD, phase="transition"),
        Undecided(T1_ROAD, at=f"{_CONSIGNMENT}/Consignee", phase="transition", without_lists=("CL009",)),
        Suspends(T1_ROAD, _house_consignee_too),
    ),
)

# ------------------------------------------------------------------------------------------- G0001


def _g0001(ctx: Context[CC015C]) -> Iterator[Outcome]:
    cons = ctx.message.consignment
    owners: list[HouseConsignment | ConsignmentItem] = [
        hc for hc in cons.house_consignment if _has_30600(hc.additional_information)
    ]
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


def _house_consignee_next_to_house_code_30600(m: CC015C) -> None:
    _TO_THE_US(m)
    _no_consignee(m)
    _house_code_30600(_house(m))
    _house_consignee(_house(m))


def _consignee_next_to_house_code_30600(m: CC015C) -> None:
    _TO_THE_US(m)
    _house_code_30600(_house(m))


def _item_consignee_next_to_item_code_30600(m: CC015C) -> None:
    _TO_THE_US(m)
    _no_consignee(m)
    item = _items(m)[0]
    _item_code_30600(item)
    _item_consignee(item)


G0001 = Rule(
    "G0001",
    "Where a house consignment (or, during the transition period, an item) carries code 30600, no consignee "
    "is declared for it nor for the whole consignment.",
    messages=IE015,
    checks="A house consignment with additional information code 30600 (consignee unknown) declares no "
    "consignee, and neither does the consignment; during the transition period the same holds for goods items.",
    why="Code 30600 says the consignee is not known when the goods leave; a consignee beside it contradicts it.",
    fix="Remove the consignee, or remove code 30600 if the consignee is known.",
    check=_g0001,
    cases=(
        Fires(T1_ROAD, _house_consignee_next_to_house_code_30600, at=_HOUSE_CONSIGNEE, code=15),
        Fires(T1_ROAD, _consignee_next_to_house_code_30600, at=f"{_CONSIGNMENT}/Consignee"),
        Fires(T1_ROAD, _item_consignee_next_to_item_code_30600, at=f"{_ITEM}[1]/Consignee", phase="transition"),
        Silent(T1_ROAD, _item_consignee_next_to_item_code_30600),
        Silent(T1_ROAD, _code_30600),
    ),
)


def _g0001_p6(ctx: Context[P6CC015C]) -> Iterator[Outcome]:
    cons = ctx.message.consignment
    houses = [
        hc for hc in cons.house_consignment if any(ai.code == CONSIGNEE_UNKNOWN for ai in hc.additional_information)
    ]
    if not houses:
        return
    if cons.consignee is not None:
        yield ctx.violation(
            cons,
            "consignee",
            f"code 30600 (consignee unknown) is declared for {len(houses)} house consignment(s); "
            f"leave out {ctx.label(cons, 'consignee')}",
            code=15,
        )
    for house in houses:
        if house.consignee is not None:
            yield ctx.violation(
                house,
                "consignee",
                f"code 30600 (consignee unknown) is declared here; leave out {ctx.label(house, 'consignee')}",
                code=15,
            )


def _item_code_30600_beside_the_consignee(m: CC015C) -> None:
    """A goods item (not its house consignment) carries code 30600; the consignment keeps its consignee."""
    _item_code_30600(_items(m)[0])


G0001_P6 = Rule(
    "G0001",
    "Where a house consignment carries code 30600, no consignee is declared for it nor for the whole consignment.",
    messages=IE015,
    releases=P6,
    checks="A house consignment with additional information code 30600 (consignee unknown) declares no "
    "consignee, and neither does the consignment. Unlike Phase 5, goods items are out of scope: the text keeps "
    "them for the NCTS-P4/NCTS-P5 transitional period only, and a Phase 6 goods item has no consignee.",
    why="Code 30600 says the consignee is not known when the goods leave; a consignee beside it contradicts it.",
    fix="Remove the consignee, or remove code 30600 if the consignee is known.",
    check=_g0001_p6,
    cases=(
        Fires(T1_ROAD, _house_consignee_next_to_house_code_30600, at=_HOUSE_CONSIGNEE, code=15),
        Fires(T1_ROAD, _consignee_next_to_house_code_30600, at=f"{_CONSIGNMENT}/Consignee", code=15),
        Silent(T1_ROAD),
        Silent(T1_ROAD, _code_30600),
        Silent(T1_ROAD, _item_code_30600_beside_the_consignee),
    ),
)

# ------------------------------------------------------------------------------------------- B1820-B1822, B1877, B2400


def _b1820(ctx: Context[CC015C]) -> Iterator[Outcome]:
    cons = ctx.message.consignment
    top = cons.consignee is not None
    common = _common(ctx, cons.country_of_destination)
    if common is None:
        reason = undecided("CL009", cons.country_of_destination)
        yield ctx.unchecked(reason, ctx.path(cons, "country_of_destination"))
        return
    optional = _without_exit_summary(ctx.message.transit_operation.security)
    unknown_for_all = _has_30600(cons.additional_information)
    for hc in cons.house_consignment:
        for item in hc.consignment_item:
            label = ctx.label(item, "consignee")
            if common:
                need, why = (
                    ("N", f"{label} is declared for the whole consignment")
                    if top
                    else ("R", f"the goods go to {cons.country_of_destination}, a common-transit country (CL009)")
                )
            else:
                found = _common(ctx, item.country_of_destination)
                if found is None:
                    reason = undecided("CL009", item.country_of_destination)
                    yield ctx.unchecked(reason, ctx.path(item, "country_of_destination"))
                    continue
                if found:
                    need, why = (
                        "R",
                        f"this item goes to {item.country_of_destination}, a common-transit country (CL009)",
                    )
                elif optional:
                    need, why = ("N", f"{label} is declared for the whole consignment") if top else ("O", "")
                elif unknown_for_all or _has_30600(item.additional_information):
                    need, why = "N", "code 30600 (consignee unknown) is declared"
                elif top:
                    need, why = "N", f"{label} is declared for the whole consignment"
                else:
                    need, why = "R", "no consignee is declared for the whole consignment"
            present = item.consignee is not None
            if need == "R" and not present:
                yield ctx.violation(item, "consignee", f"{why}: declare {label} for this item", code=13)
            elif need == "N" and present:
                yield ctx.violation(item, "consignee", f"{why}: remove {label} from this item", code=15)


def _second_item_consignee_too(m: CC015C) -> None:
    _item_consignee(_items(m)[1])


def _a_consignee_per_item(m: CC015C) -> None:
    _no_consignee(m)
    for i, item in enumerate(_items(m)):
        _item_consignee(item, name=f"Consignee {i}")


def _item_consignees_and_item_code_30600_to_the_us(m: CC015C) -> None:
    _item_consignee_next_to_item_code_30600(m)
    _item_consignee(_items(m)[1])


def _one_item_consignee_to_the_us(m: CC015C) -> None:
    _TO_THE_US(m)
    _no_consignee(m)
    _item_consignee(_items(m)[0])


B1820 = Rule(
    "B1820",
    "Transition period: when a consignee is required, optional or refused for each consignment item.",
    messages=IE015,
    phases=TRANSITION,
    checks="During the transition period each goods item declares a consignee when it goes to a common-transit "
    "country (CL009) and none is declared for the consignment, and also, with an exit summary declaration, "
    "when no code 30600 applies; it declares none beside a consignment consignee or code 30600.",
    why="Until TPendDate customs convert the declaration to the phase 4 message, where several consignees are "
    "declared per goods item and 'consignee unknown' excludes one.",
    fix="Declare the consignee for the consignment or on each goods item as required; remove item consignees "
    "that repeat the consignment's or contradict code 30600.",
    check=_b1820,
    cases=(
        Fires(T1_ROAD, _second_item_consignee_too, at=f"{_ITEM}[2]/Consignee", phase="transition", code=15),
        Fires(
            T1_ROAD, _no_consignee, at=(f"{_ITEM}[1]/Consignee", f"{_ITEM}[2]/Consignee"), phase="transition", code=13
        ),
        Fires(
            T1_ROAD,
            _item_consignees_and_item_code_30600_to_the_us,
            at=f"{_ITEM}[1]/Consignee",
            phase="transition",
            code=15,
        ),
        Fires(T1_ROAD, _one_item_consignee_to_the_us, at=f"{_ITEM}[2]/Consignee", phase="transition", code=13),
        Silent(T1_ROAD, phase="transition"),
        Silent(T1_ROAD, _a_consignee_per_item, phase="transition"),
        Undecided(T1_ROAD, at=f"{_CONSIGNMENT}/countryOfDestination", phase="transition", without_lists=("CL009",)),
    ),
)


def _b1821(ctx: Context[CC015C]) -> Iterator[Outcome]:
    for hc in ctx.message.consignment.house_consignment:
        for item in hc.consignment_item:
            if item.consignee is not None:
                yield from name_and_address(ctx, item.consignee)


def _item_consignee_without_name(m: CC015C) -> None:
    _item_consignee(_items(m)[0], name=None)


def _item_consignee_by_number(m: CC015C) -> None:
    from ncts5.messages.cc015c import ConsignmentItemConsignee

    _items(m)[0].consignee = ConsignmentItemConsignee(identification_number="NL001234567B01")


B1821 = Rule(
    "B1821",
    "Transition period: an item's consignee without identification number needs name and address.",
    messages=IE015,
    phases=TRANSITION,
    checks="During the transition period a goods item's consignee without 13 03 017 000 Identification number "
    "gives its name and address.",
    why="Customs must be able to identify the consignee: by its registered number, or else by name and address.",
    fix="Give the consignee's EORI number, or its name and address.",
    check=_b1821,
    cases=(
        Fires(
            T1_ROAD,
            _item_consignee_without_name,
            at=f"{_ITEM}[1]/Consignee/name",
            phase="transition",
            code=13,
            says="13 03 016 000",
        ),
        Silent(T1_ROAD, _item_consignee_too, phase="transition"),
        Undecided(
            T1_ROAD, _item_consignee_by_number, at=f"{_ITEM}[1]/Consignee/identificationNumber", phase="transition"
        ),
    ),
)


def _b1822(ctx: Context[CC015C]) -> Iterator[Outcome]:
    for hc in ctx.message.consignment.house_consignment:
        for item in hc.consignment_item:
            if item.consignee is not None and item.consignee.address is not None:
                yield from postcode_required(ctx, item.consignee.address)


def _item_consignee_without_postcode(m: CC015C) -> None:
    _item_consignee(_items(m)[0], postcode=None)


def _item_consignee_in_the_emirates_without_postcode(m: CC015C) -> None:
    _item_consignee(_items(m)[0], postcode=None, country="AE")


_ITEM_POSTCODE = f"{_ITEM}[1]/Consignee/Address/postcode"

B1822 = Rule(
    "B1822",
    "Transition period: an item's consignee address needs a postcode unless its country has none (CL505).",
    messages=IE015,
    phases=TRANSITION,
    checks="During the transition period the address of a goods item's consignee gives its postcode, unless its "
    "country has no postcodes (CL505).",
    why="The postcode is part of the address wherever the country uses postcodes; without it the address is "
    "incomplete.",
    fix="Add the postcode to the consignee's address.",
    check=_b1822,
    cases=(
        Fires(T1_ROAD, _item_consignee_without_postcode, at=_ITEM_POSTCODE, phase="transition", code=13),
        Silent(T1_ROAD, _item_consignee_in_the_emirates_without_postcode, phase="transition"),
        Silent(T1_ROAD, _item_consignee_too, phase="transition"),
        Undecided(
            T1_ROAD, _item_consignee_without_postcode, at=_ITEM_POSTCODE, phase="transition", without_lists=("CL505",)
        ),
    ),
)


def _b1877(ctx: Context[CC015C]) -> Iterator[Outcome]:
    items = [item for hc in ctx.message.consignment.house_consignment for item in hc.consignment_item]
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


def _the_same_consignee_on_every_item(m: CC015C) -> None:
    _no_consignee(m)
    for item in _items(m):
        _item_consignee(item)


def _the_same_transport_charges_on_every_item(m: CC015C) -> None:
    from ncts5.messages.cc015c import ConsignmentItemTransportCharges

    for item in _items(m):
        item.transport_charges = ConsignmentItemTransportCharges(method_of_payment="A")


def _different_consignees_and_charges_on_one_item(m: CC015C) -> None:
    from ncts5.messages.cc015c import ConsignmentItemTransportCharges

    first, second = _items(m)
    _item_consignee(first, name="A")
    _item_consignee(second, name="B")
    first.transport_charges = ConsignmentItemTransportCharges(method_of_payment="A")


B1877 = Rule(
    "B1877",
    "Transition period: when every consignment item has a consignee (or transport charges), they must not all "
    "be the same.",
    messages=IE015,
    phases=TRANSITION,
    checks="During the transition period the goods items of a declaration do not all declare the same consignee, "
    "nor all the same transport charges.",
    why="A value that every goods item repeats belongs to the consignment; declaring it per item only makes "
    "the declaration longer and the items disagree easily.",
    fix="Declare the common consignee or transport charges once, for the whole consignment.",
    check=_b1877,
    cases=(
        Fires(T1_ROAD, _the_same_consignee_on_every_item, at=f"{_ITEM}[1]/Consignee", phase="transition", code=14),
        Fires(
            T1_ROAD, _the_same_transport_charges_on_every_item, at=f"{_ITEM}[1]/TransportCharges", phase="transition"
        ),
        Silent(T1_ROAD, _different_consignees_and_charges_on_one_item, phase="transition"),
    ),
)


def _b2400(ctx: Context[CC015C]) -> Iterator[Outcome]:
    where = {
        "consignee": "declare it for the consignment or the house consignment",
        "transport_document": "declare it for the consignment or the house consignment",
        "transport_charges": "declare them for the consignment or the house consignment",
    }
    for hc in ctx.message.consignment.house_consignment:
        for item in hc.consignment_item:
            for field, todo in where.items():
                value = getattr(item, field)
                if not value:  # absent, or an empty list (a present data group is always true)
                    continue
                indices = range(len(value)) if isinstance(value, list) else [None]
                for i in indices:
                    yield ctx.violation(
                        item,
                        field,
                        f"{ctx.label(item, field)} is no longer accepted for a consignment item after the "
                        f"transition period; {todo}",
                        index=i,
                    )


def _item_transport_document(m: CC015C) -> None:
    from ncts5.messages.cc015c import ConsignmentItemTransportDocument

    _items(m)[1].transport_document = [
        ConsignmentItemTransportDocument(sequence_number=1, type="N741", reference_number="CMR1")
    ]


def _item_transport_charges(m: CC015C) -> None:
    from ncts5.messages.cc015c import ConsignmentItemTransportCharges

    _items(m)[1].transport_charges = ConsignmentItemTransportCharges(method_of_payment="A")


B2400 = Rule(
    "B2400",
    "After the transition period, consignment items carry no consignee, transport document or transport charges.",
    messages=IE015,
    phases=FINAL,
    error_code=15,
    checks="After the transition period no goods item declares 13 03 000 000 CONSIGNEE, 12 05 000 000 TRANSPORT "
    "DOCUMENT or 14 02 000 000 TRANSPORT CHARGES.",
    why="The phase 5 message declares these for the consignment or per house consignment; the goods item level "
    "was only kept for the transition period.",
    fix="Move the consignee, transport documents and transport charges to the house consignment or the consignment.",
    check=_b2400,
    cases=(
        Fires(T1_ROAD, _second_item_consignee_too, at=f"{_ITEM}[2]/Consignee", code=15),
        Fires(T1_ROAD, _item_transport_document, at=f"{_ITEM}[2]/TransportDocument[1]", says="after the transition"),
        Fires(T1_ROAD, _item_transport_charges, at=f"{_ITEM}[2]/TransportCharges"),
        Silent(T1_ROAD),
    ),
)

R0851 = Rule(
    "R0851",
    "The consignee's identification number is validated where the consignee is established.",
    messages=IE015,
    reason="needs the trader register of the contracting party where the consignee is established; only its "
    "customs administration can validate the number",
    checks="Nothing the message shows: whether the consignee's number is valid in the register of the country "
    "where the consignee is established.",
    why="Customs of that country check the number against their register (EOS or the national one).",
    fix="Give the consignee's number exactly as registered.",
    cases=(Undecided(T1_ROAD),),
    releases=P5_P6,
)
