"""Rules on the modes of transport, DEPARTURE TRANSPORT MEANS and ACTIVE BORDER TRANSPORT MEANS.

Departure transport means (19 05 000 000) are declared either once for the
whole consignment or per house consignment; most rules look at whichever level
is used.  Active border transport means (19 08 000 000) exist only at
consignment level.  The same checks serve IE015 and IE170 where both tables
name a rule.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ncts5.rules.context import Context, Outcome
from ncts5.rules.registry import not_checkable, rule

#: Types of identification whose identification numbers are registration-style codes (R0473).
UPPERCASE_DEPARTURE_TYPES = frozenset({"10", "20", "21", "30", "31", "40", "41", "80"})
#: The same for the active border transport means (R0076).
UPPERCASE_BORDER_TYPES = frozenset({"10", "21", "30", "40", "41", "80"})
#: Inland modes whose code is the first digit of the matching type of identification (R0472).
MODES_WITH_TYPED_MEANS = frozenset({"1", "2", "3", "4", "8"})
#: IATA/ICAO flight number: airline prefix an..3, flight number n..4, optional letter suffix (R0315).
FLIGHT_NUMBER = re.compile(r"[A-Za-z0-9]{1,3}[0-9]{1,4}[A-Za-z]?")
#: An IMO ship identification number, optionally written with its "IMO" prefix (G0112).
IMO_NUMBER = re.compile(r"(?:IMO ?)?([0-9]{7})", re.IGNORECASE)


# ---------------------------------------------------------------------- helpers
def _consignment(ctx: Context) -> Any:
    return ctx.message.consignment  # type: ignore[attr-defined]


def _all_departure_means(ctx: Context) -> Iterator[Any]:
    """Every departure transport means, consignment level first, then per house consignment."""
    c = _consignment(ctx)
    yield from c.departure_transport_means
    for hc in c.house_consignment:
        yield from hc.departure_transport_means


def _departure_groups(ctx: Context) -> list[list[Any]]:
    """The departure transport means lists that count: the consignment's, or else each house consignment's."""
    c = _consignment(ctx)
    if c.departure_transport_means:
        return [c.departure_transport_means]
    return [hc.departure_transport_means for hc in c.house_consignment if hc.departure_transport_means]


def _owners(ctx: Context) -> Iterator[Any]:
    """The consignment and every house consignment: the models that hold departure transport means."""
    c = _consignment(ctx)
    yield c
    yield from c.house_consignment


def _has_lowercase(value: str | None) -> bool:
    return value is not None and any(ch.islower() for ch in value)


def _is_imo_number(value: str | None) -> bool:
    """A 7-digit IMO number whose last digit is its check digit."""
    m = IMO_NUMBER.fullmatch((value or "").strip())
    if m is None:
        return False
    digits = [int(d) for d in m.group(1)]
    return sum(d * w for d, w in zip(digits[:6], range(7, 1, -1), strict=True)) % 10 == digits[6]


# ---------------------------------------------------------------------- departure transport means
@rule("C0826", "No departure transport means for postal consignments (inland mode 5); never at both levels.")
def c0826(ctx: Context) -> Iterator[Outcome]:
    c = _consignment(ctx)
    mode = c.inland_mode_of_transport
    if mode == "5":
        for i, _ in enumerate(c.departure_transport_means):
            yield ctx.violation(
                c,
                "departure_transport_means",
                f"{ctx.label(c, 'inland_mode_of_transport')} is 5 (mail): remove "
                f"{ctx.label(c, 'departure_transport_means')}",
                code=15,
                index=i,
            )
    for hc in c.house_consignment:
        if mode != "5" and not c.departure_transport_means:
            continue
        why = (
            f"{ctx.label(c, 'inland_mode_of_transport')} is 5 (mail)"
            if mode == "5"
            else "departure transport means are already declared for the whole consignment"
        )
        for i, _ in enumerate(hc.departure_transport_means):
            yield ctx.violation(
                hc,
                "departure_transport_means",
                f"{why}: remove {ctx.label(hc, 'departure_transport_means')} from the house consignment",
                code=15,
                index=i,
            )


@rule("R0855", "At most one departure transport means per level, up to 3 by road, any number by rail.")
def r0855(ctx: Context) -> Iterator[Outcome]:
    c = _consignment(ctx)
    mode = c.inland_mode_of_transport
    if mode == "2":
        return
    limit = 3 if mode == "3" else 1
    for owner in _owners(ctx):
        means = owner.departure_transport_means
        if len(means) > limit:
            why = (
                "road transport allows at most 3 (vehicle and up to 2 trailers)"
                if mode == "3"
                else (f"with {ctx.label(c, 'inland_mode_of_transport')} {mode or 'not given'} only 1 is allowed")
            )
            yield ctx.violation(
                owner,
                "departure_transport_means",
                f"{len(means)} iterations of {ctx.label(owner, 'departure_transport_means')} given; {why}: "
                f"remove the iterations after the {limit}{'st' if limit == 1 else 'rd'}",
                index=limit,
            )


@rule("R0472", "The first digit of each departure means' type of identification equals the inland mode.")
def r0472(ctx: Context) -> Iterator[Outcome]:
    c = _consignment(ctx)
    mode = c.inland_mode_of_transport
    if mode not in MODES_WITH_TYPED_MEANS:
        return
    for group in _departure_groups(ctx):
        for dtm in group:
            t = dtm.type_of_identification
            if t is not None and t[0] != mode:
                yield ctx.violation(
                    dtm,
                    "type_of_identification",
                    f"type {t} does not match {ctx.label(c, 'inland_mode_of_transport')} {mode}: use a "
                    f"{ctx.label(dtm, 'type_of_identification')} starting with {mode}, or correct the inland mode",
                )


@rule("R0473", "Departure means identified by registration-style types must not use lowercase letters.")
def r0473(ctx: Context) -> Iterator[Outcome]:
    for dtm in _all_departure_means(ctx):
        if dtm.type_of_identification in UPPERCASE_DEPARTURE_TYPES and _has_lowercase(dtm.identification_number):
            yield ctx.violation(
                dtm,
                "identification_number",
                f"with type of identification {dtm.type_of_identification} the "
                f"{ctx.label(dtm, 'identification_number')} must not contain lowercase letters: write it in capitals",
            )


@rule("R0474", "By road (inland mode 3) the first departure transport means is the vehicle (type 30).")
def r0474(ctx: Context) -> Iterator[Outcome]:
    c = _consignment(ctx)
    if c.inland_mode_of_transport != "3":
        return
    for owner in _owners(ctx):
        if not owner.departure_transport_means:
            continue
        first = owner.departure_transport_means[0]
        t = first.type_of_identification
        if t is not None and t != "30":
            yield ctx.violation(
                first,
                "type_of_identification",
                f"by road the first {ctx.label(owner, 'departure_transport_means')} must be the vehicle: set "
                f"{ctx.label(first, 'type_of_identification')} to 30 (registration number of the road vehicle)",
            )


@rule("R0476", "By road (inland mode 3) the 2nd and 3rd departure transport means are trailers (type 31).")
def r0476(ctx: Context) -> Iterator[Outcome]:
    c = _consignment(ctx)
    if c.inland_mode_of_transport != "3":
        return
    if len(c.departure_transport_means) > 1:
        owners = [c]
    else:
        owners = [hc for hc in c.house_consignment if len(hc.departure_transport_means) > 1]
    for owner in owners:
        for dtm in owner.departure_transport_means[1:3]:
            t = dtm.type_of_identification
            if t is not None and t != "31":
                yield ctx.violation(
                    dtm,
                    "type_of_identification",
                    f"by road the 2nd and 3rd {ctx.label(owner, 'departure_transport_means')} are trailers: set "
                    f"{ctx.label(dtm, 'type_of_identification')} to 31 (registration number of the road trailer)",
                )


@rule(
    "B1091",
    "Transition period: native messages must not use type of identification 99 (unknown) for departure means.",
    phases=("transition",),
    error_code=50,
)
def b1091(ctx: Context) -> Iterator[Outcome]:
    for dtm in _consignment(ctx).departure_transport_means:
        if dtm.type_of_identification == "99":
            yield ctx.violation(
                dtm,
                "type_of_identification",
                f"code 99 (unknown) in {ctx.label(dtm, 'type_of_identification')} is reserved for legacy messages "
                "upgraded by customs: give the real type of identification (e.g. 30 for a road vehicle)",
            )


@rule(
    "B1815",
    "Transition period: R0473 (no lowercase in departure means identification) is switched off.",
    phases=("transition",),
    suspends=("R0473",),
)
def b1815(ctx: Context) -> Iterator[Outcome]:
    """Nothing to check: the rule's only effect is suspending R0473, which the engine does."""
    yield from ()


@rule("G0119", "Departure transport means should be declared unless mail, containers or an AEO waiver apply.")
def g0119(ctx: Context) -> Iterator[Outcome]:
    c = _consignment(ctx)
    if c.inland_mode_of_transport == "5" or c.departure_transport_means:
        return
    if any(te.container_identification_number for te in c.transport_equipment):
        return  # multimodal units with container numbers may be waived by customs
    missing = [hc for hc in c.house_consignment if not hc.departure_transport_means]
    if not missing:
        return
    if ctx.name == "CC170C":
        yield ctx.unchecked(
            "the departure transport means may already be in the IE015 this presentation notification completes",
            ctx.path(c, "departure_transport_means"),
        )
        return
    advice = "unless the holder is an AEO (AEOC) whose logistics do not allow it and whose records trace the means"
    if len(missing) == len(c.house_consignment):
        yield ctx.violation(
            c,
            "departure_transport_means",
            f"declare {ctx.label(c, 'departure_transport_means')} (type, identification number, nationality) {advice}",
            code=13,
        )
        return
    for hc in missing:
        yield ctx.violation(
            hc,
            "departure_transport_means",
            f"other house consignments declare their departure transport means but this one does not: add "
            f"{ctx.label(hc, 'departure_transport_means')} {advice}",
            code=13,
        )


not_checkable(
    "G0088",
    "By road, the trailer's registration number should be declared too, where there is a trailer.",
    reason="whether the road vehicle pulls a trailer is not stated anywhere in the message",
    module=__name__,
)


# ---------------------------------------------------------------------- type 10 vs 11 (both kinds of means)
@rule("G0112", "A ship with an IMO number is identified by it (type 10), not by its name (type 11).")
def g0112(ctx: Context) -> Iterator[Outcome]:
    c = _consignment(ctx)
    for means in [*_all_departure_means(ctx), *c.active_border_transport_means]:
        if means.type_of_identification != "11":
            continue
        if _is_imo_number(means.identification_number):
            yield ctx.violation(
                means,
                "type_of_identification",
                f"{ctx.label(means, 'identification_number')} {means.identification_number!r} is an IMO ship "
                f"number: set {ctx.label(means, 'type_of_identification')} to 10 (IMO number) instead of 11 (name)",
            )
        else:
            yield ctx.unchecked(
                "whether the vessel named under type 11 has an IMO number (to be used instead) is not in the message",
                ctx.path(means, "type_of_identification"),
            )


# ---------------------------------------------------------------------- active border transport means
@rule("R0076", "Active border means identified by registration-style types must not use lowercase letters.")
def r0076(ctx: Context) -> Iterator[Outcome]:
    for abtm in _consignment(ctx).active_border_transport_means:
        if abtm.type_of_identification in UPPERCASE_BORDER_TYPES and _has_lowercase(abtm.identification_number):
            yield ctx.violation(
                abtm,
                "identification_number",
                f"with type of identification {abtm.type_of_identification} the "
                f"{ctx.label(abtm, 'identification_number')} must not contain lowercase letters: write it in capitals",
            )


@rule(
    "B1811",
    "Transition period: R0076 (no lowercase in active border means identification) is switched off.",
    phases=("transition",),
    suspends=("R0076",),
)
def b1811(ctx: Context) -> Iterator[Outcome]:
    """Nothing to check: the rule's only effect is suspending R0076, which the engine does."""
    yield from ()


@rule("C0531", "With security data and transport by air at the border, the flight number is required.")
def c0531(ctx: Context) -> Iterator[Outcome]:
    c = _consignment(ctx)
    security = ctx.message.transit_operation.security  # type: ignore[attr-defined]
    if security not in {"1", "2", "3"} or c.mode_of_transport_at_the_border != "4":
        return
    for abtm in c.active_border_transport_means:
        if abtm.conveyance_reference_number is None:
            yield ctx.violation(
                abtm,
                "conveyance_reference_number",
                f"security data ({security}) with air transport at the border: provide the flight number in "
                f"{ctx.label(abtm, 'conveyance_reference_number')}",
                code=13,
            )


@rule("R0315", "By air at the border, the conveyance reference is a flight number (an..3 + n..4 + optional letter).")
def r0315(ctx: Context) -> Iterator[Outcome]:
    c = _consignment(ctx)
    if c.mode_of_transport_at_the_border != "4":
        return
    for abtm in c.active_border_transport_means:
        ref = abtm.conveyance_reference_number
        if ref is not None and not FLIGHT_NUMBER.fullmatch(ref):
            yield ctx.violation(
                abtm,
                "conveyance_reference_number",
                f"by air the {ctx.label(abtm, 'conveyance_reference_number')} is the IATA/ICAO flight number: "
                "write the airline prefix (up to 3 characters), the flight number (up to 4 digits) and an optional "
                "letter, without spaces, e.g. LH1234 or BAW12A",
            )


@rule(
    "G0789",
    "The customs office at border is one of the declared offices of transit, exit for transit or destination.",
)
def g0789(ctx: Context) -> Iterator[Outcome]:
    c = _consignment(ctx)
    given = [a for a in c.active_border_transport_means if a.customs_office_at_border_reference_number]
    if not given:
        return
    if ctx.name == "CC170C":
        for abtm in given:
            yield ctx.unchecked(
                "the declared offices of transit, exit and destination are in the IE015, not in the IE170",
                ctx.path(abtm, "customs_office_at_border_reference_number"),
            )
        return
    m = ctx.message
    offices = {o.reference_number for o in m.customs_office_of_transit_declared}  # type: ignore[attr-defined]
    offices |= {o.reference_number for o in m.customs_office_of_exit_for_transit_declared}  # type: ignore[attr-defined]
    offices.add(m.customs_office_of_destination_declared.reference_number)  # type: ignore[attr-defined]
    for abtm in given:
        if abtm.customs_office_at_border_reference_number not in offices:
            yield ctx.violation(
                abtm,
                "customs_office_at_border_reference_number",
                f"{ctx.label(abtm, 'customs_office_at_border_reference_number')} should be the border crossing "
                "point: use one of the declared offices of transit, exit for transit or destination "
                f"({', '.join(sorted(offices))})",
            )


@rule(
    "B1016",
    "Transition period: a native IE015 gives the customs office at border for each active border means.",
    phases=("transition",),
    error_code=50,
)
def b1016(ctx: Context) -> Iterator[Outcome]:
    for abtm in _consignment(ctx).active_border_transport_means:
        if abtm.customs_office_at_border_reference_number is None:
            yield ctx.violation(
                abtm,
                "customs_office_at_border_reference_number",
                f"provide {ctx.label(abtm, 'customs_office_at_border_reference_number')}: only declarations "
                "upgraded from NCTS phase 4 may omit it",
            )


@rule(
    "B1838",
    "Transition period: active border means type and number are required with a nationality or by rail.",
    phases=("transition",),
    error_code=50,
)
def b1838(ctx: Context) -> Iterator[Outcome]:
    c = _consignment(ctx)
    rail = c.mode_of_transport_at_the_border == "2"
    for abtm in c.active_border_transport_means:
        if abtm.nationality is None and not rail:
            continue
        why = "rail transport at the border" if rail else f"{ctx.label(abtm, 'nationality')} is given"
        for field in ("type_of_identification", "identification_number"):
            if getattr(abtm, field) is None:
                yield ctx.violation(abtm, field, f"{why}: provide {ctx.label(abtm, field)}")


@rule(
    "B1850",
    "Transition period: active border means nationality is required unless transport at the border is by rail.",
    phases=("transition",),
    error_code=50,
)
def b1850(ctx: Context) -> Iterator[Outcome]:
    c = _consignment(ctx)
    mode = c.mode_of_transport_at_the_border
    if mode is not None and mode[0] == "2":
        return
    for abtm in c.active_border_transport_means:
        if abtm.nationality is None:
            yield ctx.violation(
                abtm,
                "nationality",
                f"{ctx.label(c, 'mode_of_transport_at_the_border')} is {mode or 'not given'} (not rail): provide "
                f"{ctx.label(abtm, 'nationality')}",
            )
