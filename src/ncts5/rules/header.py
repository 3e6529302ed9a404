"""Rules on the declaration header: the master-consignment data groups the transit operation governs.

Whether PLACE OF LOADING, PLACE OF UNLOADING, LOCATION OF GOODS, COUNTRY OF ROUTING,
ACTIVE BORDER TRANSPORT MEANS, TRANSPORT EQUIPMENT and the border mode of transport are
required, optional or not allowed follows from the security, additional declaration
type and binding itinerary codes of TRANSIT OPERATION (and, while the transition period
lasts, from the B18xx variants that replace those conditions).  The holder and carrier
guidelines and the consignment gross-mass total live here too.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from ncts5.rules.context import Context, Outcome
from ncts5.rules.registry import not_checkable, rule

SAFETY_AND_SECURITY = frozenset({"1", "2", "3"})


def _undecided(list_id: str, value: object) -> str:
    """Why a check that needs a code list could not decide (list missing, or packaged only in part)."""
    return f"code list {list_id} cannot tell whether {value!r} belongs to it: import the official reference data"


def _country(office_reference: str | None) -> str | None:
    return office_reference[:2] if office_reference else None


def _op(ctx: Context) -> Any:
    return ctx.message.transit_operation  # type: ignore[attr-defined]


def _consignment(ctx: Context) -> Any:
    return ctx.message.consignment  # type: ignore[attr-defined]


# ---------------------------------------------------------------------------------------- final conditions


@rule(
    "C0191",
    "Place of unloading: required for security 1 or 3, not allowed for security 0, else optional.",
    phases=("final",),
)
def c0191(ctx: Context) -> Iterator[Outcome]:
    security = _op(ctx).security
    c = _consignment(ctx)
    if security in ("1", "3"):
        why = f"11 07 000 000 Security {security} includes an entry summary declaration, naming the place of unloading"
        yield from ctx.require(c, "place_of_unloading", why)
    elif security == "0":
        yield from ctx.forbid(c, "place_of_unloading", "without safety and security data (Security 0)")


@rule(
    "C0403",
    "Place of loading: required unless the declaration is pre-lodged (additional declaration type D).",
    phases=("final",),
)
def c0403(ctx: Context) -> Iterator[Outcome]:
    op = _op(ctx)
    if op.additional_declaration_type != "D":
        why = f"11 02 000 000 Additional declaration type {op.additional_declaration_type} is not pre-lodged"
        yield from ctx.require(_consignment(ctx), "place_of_loading", why)


@rule(
    "C0586",
    "Country of routing: required with a binding itinerary or with safety and security data.",
    phases=("final",),
)
def c0586(ctx: Context) -> Iterator[Outcome]:
    op = _op(ctx)
    c = _consignment(ctx)
    if op.binding_itinerary == "1":
        yield from ctx.require(c, "country_of_routing_of_consignment", "16 17 000 000 Binding itinerary is 1")
    elif op.security in SAFETY_AND_SECURITY:
        why = f"11 07 000 000 Security {op.security} includes safety and security data"
        yield from ctx.require(c, "country_of_routing_of_consignment", why)


@rule(
    "C0599",
    "Mode of transport at the border: required with safety and security data on a standard declaration.",
    phases=("final",),
)
def c0599(ctx: Context) -> Iterator[Outcome]:
    op = _op(ctx)
    if op.security in SAFETY_AND_SECURITY and op.additional_declaration_type == "A":
        why = f"11 07 000 000 Security {op.security} on a standard (type A) declaration"
        yield from ctx.require(_consignment(ctx), "mode_of_transport_at_the_border", why)


@rule(
    "C0710",
    "Location of goods: required unless pre-lodged or departing from the security agreement area (CL147).",
    phases=("final",),
)
def c0710(ctx: Context) -> Iterator[Outcome]:
    op = _op(ctx)
    c = _consignment(ctx)
    if op.additional_declaration_type == "D" or c.location_of_goods is not None:
        return
    office = ctx.message.customs_office_of_departure  # type: ignore[attr-defined]
    country = _country(office.reference_number)
    in_area = ctx.in_list("CL147", country)
    if in_area is None:
        yield ctx.unchecked(_undecided("CL147", country), ctx.path(c, "location_of_goods"))
    elif not in_area:
        why = f"the office of departure is in {country}, outside the customs security agreement area"
        yield from ctx.require(c, "location_of_goods", why)


@rule(
    "C0806",
    "Active border transport means: not allowed for postal traffic, required with S&S data on type A.",
    phases=("final",),
)
def c0806(ctx: Context) -> Iterator[Outcome]:
    op = _op(ctx)
    c = _consignment(ctx)
    if c.mode_of_transport_at_the_border == "5":
        why = "19 03 000 000 Mode of transport at the border is 5 (postal consignment)"
        yield from ctx.forbid(c, "active_border_transport_means", why)
    elif op.security in SAFETY_AND_SECURITY and op.additional_declaration_type == "A":
        why = f"11 07 000 000 Security {op.security} on a standard (type A) declaration"
        yield from ctx.require(c, "active_border_transport_means", why)


@rule("C0822", "Container indicator: required unless the declaration is pre-lodged (additional declaration type D).")
def c0822(ctx: Context) -> Iterator[Outcome]:
    op = _op(ctx)
    if op.additional_declaration_type != "D":
        why = f"11 02 000 000 Additional declaration type {op.additional_declaration_type} is not pre-lodged"
        yield from ctx.require(_consignment(ctx), "container_indicator", why)


@rule("C0823", "Transport equipment: required for containers, optional otherwise, not allowed without the indicator.")
def c0823(ctx: Context) -> Iterator[Outcome]:
    c = _consignment(ctx)
    if c.container_indicator == "1":
        why = "19 01 000 000 Container indicator 1 declares containers, each one a transport equipment"
        yield from ctx.require(c, "transport_equipment", why)
    elif c.container_indicator is None:
        why = "19 01 000 000 Container indicator is absent, and transport equipment depends on it"
        yield from ctx.forbid(c, "transport_equipment", why)


@rule("R0789", "Without a declared customs office of transit only one active border transport means is allowed.")
def r0789(ctx: Context) -> Iterator[Outcome]:
    if ctx.message.customs_office_of_transit_declared:  # type: ignore[attr-defined]
        return
    c = _consignment(ctx)
    count = len(c.active_border_transport_means)
    for i in range(1, count):
        yield ctx.violation(
            c,
            "active_border_transport_means",
            f"{count} active border transport means without any 17 04 000 000 Customs office of transit: keep one "
            "(the means crossing the border) or declare the offices of transit where the means change",
            index=i,
        )


@rule("R0994", "The consignment gross mass is at least the sum of the house consignments' gross masses.")
def r0994(ctx: Context) -> Iterator[Outcome]:
    c = _consignment(ctx)
    total = sum((h.gross_mass for h in c.house_consignment), Decimal(0))
    if c.gross_mass < total:
        yield ctx.violation(
            c,
            "gross_mass",
            f"{ctx.label(c, 'gross_mass')} {c.gross_mass} is less than the {total} kg the house consignments weigh "
            f"together: enter at least {total}",
        )


# ---------------------------------------------------------------------------------------- guidelines


@rule("G0332", "Without a container indicator there should be no transport equipment.")
def g0332(ctx: Context) -> Iterator[Outcome]:
    c = _consignment(ctx)
    if c.container_indicator is None:
        for i in range(len(c.transport_equipment)):
            yield ctx.violation(
                c,
                "transport_equipment",
                "transport equipment is declared but 19 01 000 000 Container indicator, which governs it, is absent: "
                "set the container indicator or remove the transport equipment",
                index=i,
            )


@rule("G0103", "Transport equipment records containers or sealed goods; unsealed, non-containerised goods are not.")
def g0103(ctx: Context) -> Iterator[Outcome]:
    c = _consignment(ctx)
    for i, te in enumerate(c.transport_equipment):
        if te.container_identification_number is None and not te.seal and not te.number_of_seals:
            yield ctx.violation(
                c,
                "transport_equipment",
                "this transport equipment has neither a 19 07 063 000 Container identification number nor seals; "
                "goods that are neither containerised nor sealed are not recorded here: remove it or add the "
                "container number or the seals",
                index=i,
            )


@rule("G0090", "The carrier is declared only when it is not the holder of the transit procedure.")
def g0090(ctx: Context) -> Iterator[Outcome]:
    c = _consignment(ctx)
    holder = ctx.message.holder_of_the_transit_procedure  # type: ignore[attr-defined]
    carrier = c.carrier
    if carrier is not None and carrier.identification_number == holder.identification_number:
        yield ctx.violation(
            c,
            "carrier",
            f"the carrier {carrier.identification_number} is the holder of the transit procedure: "
            f"remove {ctx.label(c, 'carrier')}",
            value=carrier.identification_number,
        )


@rule(
    "G0120",
    "A holder established in a common transit country is identified by number (unless a private person).",
)
def g0120(ctx: Context) -> Iterator[Outcome]:
    holder = ctx.message.holder_of_the_transit_procedure  # type: ignore[attr-defined]
    if holder.identification_number is not None or holder.address is None:
        return
    country = holder.address.country
    in_ctc = ctx.in_list("CL009", country)
    if in_ctc is None:
        yield ctx.unchecked(_undecided("CL009", country), ctx.path(holder, "identification_number"))
    elif in_ctc:
        yield ctx.violation(
            holder,
            "identification_number",
            f"the holder is established in {country}, a common transit country: provide "
            f"{ctx.label(holder, 'identification_number')} (EORI or TCUIN) unless the holder is a private person",
        )


@rule(
    "G0115",
    "The border mode of transport may be left out only for non-rail movements that stay inside the Union.",
)
def g0115(ctx: Context) -> Iterator[Outcome]:
    c = _consignment(ctx)
    if c.mode_of_transport_at_the_border is not None:
        return
    label = ctx.label(c, "mode_of_transport_at_the_border")
    if c.inland_mode_of_transport == "2":
        yield ctx.violation(
            c,
            "mode_of_transport_at_the_border",
            f"rail movements (19 04 000 000 Inland mode of transport 2) cannot leave it out: provide {label}",
        )
        return
    msg = ctx.message
    offices = [msg.customs_office_of_departure]  # type: ignore[attr-defined]
    offices += [getattr(msg, "customs_office_of_destination_declared", None)]
    offices += list(getattr(msg, "customs_office_of_transit_declared", []))
    outside: list[str] = []
    for office in offices:
        if office is None:
            continue
        country = _country(office.reference_number)
        in_union = ctx.in_list("CL010", country)
        if in_union is None:
            yield ctx.unchecked(_undecided("CL010", country), ctx.path(c, "mode_of_transport_at_the_border"))
            return
        if not in_union and country not in outside:
            outside.append(country)  # type: ignore[arg-type]
    if outside:
        yield ctx.violation(
            c,
            "mode_of_transport_at_the_border",
            f"the movement crosses the external border of the Union (offices in {', '.join(outside)}): provide {label}",
        )


@rule("G0061", "With a binding itinerary the countries of routing run from the departure to the destination country.")
def g0061(ctx: Context) -> Iterator[Outcome]:
    op = _op(ctx)
    c = _consignment(ctx)
    routing = [r.country for r in c.country_of_routing_of_consignment]
    if op.binding_itinerary != "1" or not routing:
        return
    msg = ctx.message
    ends = {
        "departure": _country(msg.customs_office_of_departure.reference_number),  # type: ignore[attr-defined]
        "destination": _country(msg.customs_office_of_destination_declared.reference_number),  # type: ignore[attr-defined]
    }
    missing = [f"{country} (office of {role})" for role, country in ends.items() if country not in routing]
    if missing:
        yield ctx.violation(
            c,
            "country_of_routing_of_consignment",
            f"the binding itinerary {', '.join(routing)} leaves out {' and '.join(missing)}: list every country "
            "from the office of departure to the office of destination, in order",
            index=0,
            value=" ".join(routing),
        )


not_checkable(
    "G0020",
    "The mode of transport at the border is that of the active means expected to cross the S&S area border.",
    reason="defines what the code means; which means of transport will be active at the border is not stated "
    "anywhere else in the message to compare with",
    module=__name__,
)
not_checkable(
    "G0118",
    "Active border transport means may be waived for multimodal units or AEOC holders without S&S data.",
    reason="the waivers depend on a customs authorisation, the holder's AEOC status and the logistical pattern, "
    "none of which the message states",
    module=__name__,
)


# ---------------------------------------------------------------------------------------- transition period
# While the decisive date is on or before TPendDate these replace the final conditions above.


@rule(
    "B1804",
    "Transition period: location of goods is optional (C0710 is switched off).",
    phases=("transition",),
    suspends=("C0710",),
)
def b1804(ctx: Context) -> Iterator[Outcome]:
    """Only switches C0710 off: an optional data group cannot be wrong by being present or absent."""
    return iter(())


@rule(
    "B1806",
    "Transition period: active border transport means required when a border mode other than rail or post is given.",
    phases=("transition",),
    suspends=("C0806",),
)
def b1806(ctx: Context) -> Iterator[Outcome]:
    c = _consignment(ctx)
    mode = c.mode_of_transport_at_the_border
    if mode is not None and mode not in ("2", "5"):
        why = f"during the transition period 19 03 000 000 Mode of transport at the border {mode} needs it"
        yield from ctx.require(c, "active_border_transport_means", why, code=None)


@rule(
    "B1823",
    "Transition period: the consignee is given at consignment level, by destination and security (C0001 off).",
    phases=("transition",),
    suspends=("C0001",),
)
def b1823(ctx: Context) -> Iterator[Outcome]:
    c = _consignment(ctx)
    op = _op(ctx)
    items = list(ctx.all("Consignment/HouseConsignment/ConsignmentItem"))
    if c.country_of_destination is not None:
        in_ctc = ctx.in_list("CL009", c.country_of_destination)
        if in_ctc is None:
            yield ctx.unchecked(_undecided("CL009", c.country_of_destination), ctx.path(c, "consignee"))
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
    if op.security in ("2", "3"):
        unknown = any(a.code == "30600" for i in items for a in i.additional_information)
        if unknown:
            why = "a goods item declares the consignee unknown (additional information 30600)"
            yield from ctx.forbid(c, "consignee", why, code=None)


@rule(
    "B1848",
    "Transition period: countries of routing only, and always, with safety and security data (C0586 off).",
    phases=("transition",),
    suspends=("C0586",),
)
def b1848(ctx: Context) -> Iterator[Outcome]:
    op = _op(ctx)
    c = _consignment(ctx)
    if op.security in SAFETY_AND_SECURITY:
        why = f"during the transition period 11 07 000 000 Security {op.security} needs the countries of routing"
        yield from ctx.require(c, "country_of_routing_of_consignment", why, code=None)
    else:
        why = "during the transition period countries of routing are given only with safety and security data"
        yield from ctx.forbid(c, "country_of_routing_of_consignment", why, code=None)


@rule(
    "B1858",
    "Transition period: place of unloading required with S&S data unless the AEO indicator XXX is used (C0191 off).",
    phases=("transition",),
    suspends=("C0191",),
)
def b1858(ctx: Context) -> Iterator[Outcome]:
    op = _op(ctx)
    c = _consignment(ctx)
    if op.security == "0":
        why = "during the transition period there is no place of unloading without safety and security data"
        yield from ctx.forbid(c, "place_of_unloading", why, code=None)
    elif op.specific_circumstance_indicator != "XXX":
        why = (
            f"during the transition period 11 07 000 000 Security {op.security} needs it unless "
            "11 04 000 000 Specific circumstance indicator is XXX"
        )
        yield from ctx.require(c, "place_of_unloading", why, code=None)
