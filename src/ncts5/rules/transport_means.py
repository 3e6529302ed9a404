"""Rules on the modes of transport, DEPARTURE TRANSPORT MEANS and ACTIVE BORDER TRANSPORT MEANS.

Departure transport means (19 05 000 000) are declared either once for the
whole consignment or per house consignment; most rules look at whichever level
is used.  Active border transport means (19 08 000 000) exist only at
consignment level.  The same checks serve IE015 and IE170 where both tables
name a rule.  The transition rules sit beside the rules they suspend.

Each rule is one :class:`~ncts5.rules.declaration.Rule` value named by its id, with its check and
its example cases just above it (see :mod:`ncts5.rules.declaration`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, TypeAlias

from ncts5.checkdigits import imo_check_digit
from ncts5.rules.context import Context, Outcome
from ncts5.rules.declaration import (
    FINAL,
    IE015,
    IE015_IE170,
    P5_P6,
    P6,
    TRANSITION,
    Fires,
    Rule,
    Silent,
    Suspends,
    Undecided,
)
from ncts5.rules.examples import IE170_PRESENTATION, T1_ROAD
from ncts5.rules.kit import has_security_data, is_ie015, office_country, stated, undecided

if TYPE_CHECKING:
    from ncts5.messages import cc015c, cc170c
    from ncts5.messages.cc015c import CC015C
    from ncts5.messages.cc170c import CC170C
    from ncts5.messages.p6 import cc015c as p6cc015c
    from ncts5.messages.p6 import cc170c as p6cc170c
    from ncts5.messages.p6.cc015c import CC015C as P6CC015C
    from ncts5.messages.p6.cc170c import CC170C as P6CC170C

    #: A departure transport means at either level, of either message.
    DepartureMeans: TypeAlias = (
        cc015c.ConsignmentDepartureTransportMeans
        | cc015c.HouseConsignmentDepartureTransportMeans
        | cc170c.ConsignmentDepartureTransportMeans
        | cc170c.HouseConsignmentDepartureTransportMeans
    )
    #: An active border transport means of either message, of either release.
    BorderMeans: TypeAlias = (
        cc015c.ActiveBorderTransportMeans
        | cc170c.ActiveBorderTransportMeans
        | p6cc015c.ActiveBorderTransportMeans
        | p6cc170c.ActiveBorderTransportMeans
    )
    #: What holds departure transport means: the consignment or a house consignment.
    Owner: TypeAlias = cc015c.Consignment | cc015c.HouseConsignment | cc170c.Consignment | cc170c.HouseConsignment

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

_CONSIGNMENT = "/CC015C/Consignment"
_DTM = f"{_CONSIGNMENT}/DepartureTransportMeans"
_HOUSE_DTM = f"{_CONSIGNMENT}/HouseConsignment[1]/DepartureTransportMeans"
_ABTM = f"{_CONSIGNMENT}/ActiveBorderTransportMeans[1]"
_BORDER_MODE = f"{_CONSIGNMENT}/modeOfTransportAtTheBorder"
_DTM_170 = "/CC170C/Consignment/DepartureTransportMeans"
_ABTM_170 = "/CC170C/Consignment/ActiveBorderTransportMeans[1]"


# ---------------------------------------------------------------------- helpers
def _all_departure_means(message: CC015C | CC170C) -> Iterator[DepartureMeans]:
    """Every departure transport means, consignment level first, then per house consignment."""
    c = message.consignment
    yield from c.departure_transport_means
    for hc in c.house_consignment:
        yield from hc.departure_transport_means


def _departure_groups(message: CC015C | CC170C) -> list[list[DepartureMeans]]:
    """The departure transport means lists that count: the consignment's, or else each house consignment's."""
    c = message.consignment
    if c.departure_transport_means:
        return [list(c.departure_transport_means)]
    return [list(hc.departure_transport_means) for hc in c.house_consignment if hc.departure_transport_means]


def _owners(message: CC015C | CC170C) -> Iterator[Owner]:
    """The consignment and every house consignment: the models that hold departure transport means."""
    c = message.consignment
    yield c
    yield from c.house_consignment


def _has_lowercase(value: str | None) -> bool:
    return value is not None and any(ch.islower() for ch in value)


def _is_imo_number(value: str | None) -> bool:
    """A 7-digit IMO number whose last digit is its check digit (:func:`ncts5.checkdigits.imo_check_digit`)."""
    m = IMO_NUMBER.fullmatch((value or "").strip())
    if m is None:
        return False
    number = m.group(1)
    return imo_check_digit(number[:6]) == number[6]


def _in_containers(message: CC015C) -> bool:
    """19 01 000 000 Container indicator 1: the goods travel in containers."""
    return message.consignment.container_indicator == "1"


def _at_most(ctx: Context[CC015C], model: cc015c.Consignment, field: str, limit: int, why: str) -> Iterator[Outcome]:
    """A finding for each occurrence of the repeated ``model.field`` beyond ``limit``."""
    value: list[object] = getattr(model, field)
    label = ctx.label(model, field)
    times = "once" if limit == 1 else f"{limit} times"
    for i in range(limit, len(value)):
        yield ctx.violation(
            model, field, f"{why}, {label} may occur at most {times}: remove occurrence {i + 1}", index=i
        )


# ---------------------------------------------------------------------- changes to the examples
# The T1 example travels by road (inland mode 3) with one departure transport means at consignment level
# (type 30, HHAB1234, DE), no active border transport means, no mode of transport at the border, security 0.


def _means(seq: int, type_: str | None, ident: str | None = "HHAB1234") -> cc015c.ConsignmentDepartureTransportMeans:
    from ncts5.messages.cc015c import ConsignmentDepartureTransportMeans

    return ConsignmentDepartureTransportMeans(
        sequence_number=seq, type_of_identification=type_, identification_number=ident, nationality="DE"
    )


def _house_means(seq: int, type_: str, ident: str = "HHAB1234") -> cc015c.HouseConsignmentDepartureTransportMeans:
    from ncts5.messages.cc015c import HouseConsignmentDepartureTransportMeans

    return HouseConsignmentDepartureTransportMeans(
        sequence_number=seq, type_of_identification=type_, identification_number=ident, nationality="DE"
    )


def _means_170(seq: int, type_: str, ident: str = "HHAB1234") -> cc170c.ConsignmentDepartureTransportMeans:
    from ncts5.messages.cc170c import ConsignmentDepartureTransportMeans

    return ConsignmentDepartureTransportMeans(
        sequence_number=seq, type_of_identification=type_, identification_number=ident, nationality="DE"
    )


def _border_means(
    seq: int = 1,
    *,
    office: str | None = "NL000396",
    type_: str | None = "30",
    ident: str | None = "AB123CD",
    nationality: str | None = "DE",
    conveyance: str | None = None,
) -> Callable[[], cc015c.ActiveBorderTransportMeans]:
    """An IE015 active border transport means (office at border: the T1 example's office of destination).

    Returned as a factory: cases are declared when the rules load, and building a model then would
    load the models (and build their validators) before any message needs them.
    """

    def build() -> cc015c.ActiveBorderTransportMeans:
        from ncts5.messages.cc015c import ActiveBorderTransportMeans

        return ActiveBorderTransportMeans(
            sequence_number=seq,
            customs_office_at_border_reference_number=office,
            type_of_identification=type_,
            identification_number=ident,
            nationality=nationality,
            conveyance_reference_number=conveyance,
        )

    return build


def _border_means_170(
    ident: str = "AB123CD", conveyance: str | None = None
) -> Callable[[], cc170c.ActiveBorderTransportMeans]:
    """An IE170 active border transport means, as a factory (see :func:`_border_means`)."""

    def build() -> cc170c.ActiveBorderTransportMeans:
        from ncts5.messages.cc170c import ActiveBorderTransportMeans

        return ActiveBorderTransportMeans(
            sequence_number=1,
            customs_office_at_border_reference_number="NL000396",
            type_of_identification="30",
            identification_number=ident,
            nationality="DE",
            conveyance_reference_number=conveyance,
        )

    return build


def _inland_mode(mode: str | None) -> Callable[[CC015C], None]:
    def change(m: CC015C) -> None:
        m.consignment.inland_mode_of_transport = mode

    change.__name__ = f"inland_mode_{mode}"
    return change


def _departure_means(mode: str | None, *types: str) -> Callable[[CC015C], None]:
    """Inland mode ``mode`` with consignment-level departure transport means of the given types."""

    def change(m: CC015C) -> None:
        m.consignment.inland_mode_of_transport = mode
        m.consignment.departure_transport_means = [_means(i, t) for i, t in enumerate(types, 1)]

    change.__name__ = f"inland_mode_{mode}_departure_means_{'_'.join(types)}"
    return change


def _house_level_means(*types: str, mode: str = "3", ident: str = "HHAB1234") -> Callable[[CC015C], None]:
    """Departure transport means of the given types on the house consignment instead of the consignment."""

    def change(m: CC015C) -> None:
        m.consignment.inland_mode_of_transport = mode
        m.consignment.departure_transport_means = []
        m.consignment.house_consignment[0].departure_transport_means = [
            _house_means(i, t, ident) for i, t in enumerate(types, 1)
        ]

    change.__name__ = f"inland_mode_{mode}_house_level_means_{'_'.join(types)}_{ident}"
    return change


def _first_means(field: str, value: str | None) -> Callable[[CC015C], None]:
    """One field of the example's (first) departure transport means set to ``value``."""

    def change(m: CC015C) -> None:
        setattr(m.consignment.departure_transport_means[0], field, value)

    change.__name__ = f"departure_means_{field}_{value}"
    return change


def _first_means_170(field: str, value: str) -> Callable[[CC170C], None]:
    def change(m: CC170C) -> None:
        setattr(m.consignment.departure_transport_means[0], field, value)

    change.__name__ = f"ie170_departure_means_{field}_{value}"
    return change


def _border(
    *means: Callable[[], cc015c.ActiveBorderTransportMeans], mode: str | None = None
) -> Callable[[CC015C], None]:
    """The given active border transport means, with mode of transport at the border ``mode``."""

    def change(m: CC015C) -> None:
        m.consignment.mode_of_transport_at_the_border = mode
        m.consignment.active_border_transport_means = [build() for build in means]

    change.__name__ = f"border_mode_{mode}_with_{len(means)}_border_means"
    return change


def _border_170(
    means: Callable[[], cc170c.ActiveBorderTransportMeans], mode: str | None = None
) -> Callable[[CC170C], None]:
    def change(m: CC170C) -> None:
        m.consignment.mode_of_transport_at_the_border = mode
        m.consignment.active_border_transport_means = [means()]

    change.__name__ = f"ie170_border_mode_{mode}_with_border_means"
    return change


def _security(security: str) -> Callable[[CC015C | P6CC015C], None]:
    def change(m: CC015C | P6CC015C) -> None:
        m.transit_operation.security = security

    change.__name__ = f"security_{security}"
    return change


def _transit_office(reference_number: str) -> Callable[[CC015C], None]:
    def change(m: CC015C) -> None:
        from ncts5.messages.cc015c import CustomsOfficeOfTransitDeclared

        m.customs_office_of_transit_declared = [
            CustomsOfficeOfTransitDeclared(sequence_number=1, reference_number=reference_number)
        ]

    change.__name__ = f"transit_office_{reference_number}"
    return change


def _both(*changes: Callable[[CC015C], None]) -> Callable[[CC015C], None]:
    """The changes one after the other."""

    def change(m: CC015C) -> None:
        for c in changes:
            c(m)

    change.__name__ = "_and_".join(c.__name__.strip("_") for c in changes)
    return change


def _vessel(type_: str, ident: str) -> Callable[[CC015C], None]:
    """By sea (inland mode 1), one departure transport means of type ``type_`` identified by ``ident``."""

    def change(m: CC015C) -> None:
        m.consignment.inland_mode_of_transport = "1"
        m.consignment.departure_transport_means = [_means(1, type_, ident)]

    change.__name__ = f"vessel_type_{type_}_{ident.replace(' ', '_')}"
    return change


def _no_departure_means(m: CC015C) -> None:
    m.consignment.departure_transport_means = []


def _containers(m: CC015C) -> None:
    m.consignment.container_indicator = "1"


# ---------------------------------------------------------------------- C0826, B1891


def _c0826(ctx: Context[CC015C]) -> Iterator[Outcome]:
    c = ctx.message.consignment
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


def _house_means_beside_consignment_means(m: CC015C) -> None:
    m.consignment.house_consignment[0].departure_transport_means = [_house_means(1, "30")]


C0826 = Rule(
    "C0826",
    "No departure transport means for postal consignments (inland mode 5); never at both levels.",
    messages=IE015,
    checks="With 19 04 000 000 Inland mode of transport 5 (mail) no 19 05 000 000 DEPARTURE TRANSPORT MEANS is "
    "declared at any level; otherwise, when the consignment declares them, no house consignment does.",
    why="Postal consignments travel by mail, not on a means of transport the declarant identifies; and one means "
    "declared for the whole consignment leaves nothing to declare per house consignment.",
    fix="Remove the departure transport means for mail; otherwise declare them either for the whole consignment "
    "or per house consignment, not both.",
    check=_c0826,
    cases=(
        Fires(T1_ROAD, _inland_mode("5"), at=f"{_DTM}[1]", code=15, says="(mail)"),
        Fires(T1_ROAD, _house_means_beside_consignment_means, at=f"{_HOUSE_DTM}[1]", code=15, says="remove"),
        Silent(T1_ROAD),
        Silent(T1_ROAD, _house_level_means("30")),
    ),
    releases=P5_P6,
)


def _b1891(ctx: Context[CC015C]) -> Iterator[Outcome]:
    consignment = ctx.message.consignment
    if consignment.inland_mode_of_transport == "5":
        why = "during the transition period postal consignments (inland mode of transport 5) declare no transport means"
        yield from ctx.forbid(consignment, "departure_transport_means", why, code=None)
    elif not _in_containers(ctx.message):
        why = "during the transition period goods not in containers need the departure transport means"
        yield from ctx.require(consignment, "departure_transport_means", why, code=None)


B1891 = Rule(
    "B1891",
    "Transition: departure transport means is forbidden for post, optional with containers, required otherwise.",
    messages=IE015,
    phases=TRANSITION,
    error_code=50,
    suspends=("C0826",),
    checks="During the transition period C0826 is switched off: the consignment declares no 19 05 000 000 "
    "DEPARTURE TRANSPORT MEANS for mail (inland mode 5), may leave them out for goods in containers, and "
    "declares them otherwise.",
    why="Until TPendDate customs convert declarations to the phase 4 message, which carries the departure "
    "transport means at consignment level only and requires them unless the goods are in containers or mail.",
    fix="Declare the departure transport means at consignment level, or remove them for postal consignments.",
    check=_b1891,
    cases=(
        Fires(T1_ROAD, _inland_mode("5"), at=f"{_DTM}[1]", phase="transition", code=50, says="postal"),
        Fires(T1_ROAD, _no_departure_means, at=_DTM, phase="transition", code=50, says="provide"),
        Silent(T1_ROAD, phase="transition"),
        Silent(T1_ROAD, _both(_containers, _no_departure_means), phase="transition"),
        Silent(T1_ROAD, _containers, phase="transition"),
        Silent(T1_ROAD, _both(_inland_mode("5"), _no_departure_means), phase="transition"),
        Suspends(T1_ROAD, _inland_mode("5")),
    ),
)

# ---------------------------------------------------------------------- R0855, B1890


def _r0855(ctx: Context[CC015C | CC170C]) -> Iterator[Outcome]:
    c = ctx.message.consignment
    mode = c.inland_mode_of_transport
    if mode == "2":
        return
    limit = 3 if mode == "3" else 1
    for owner in _owners(ctx.message):
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


def _ie170_by_air_with_two_means(m: CC170C) -> None:
    m.consignment.inland_mode_of_transport = "4"
    m.consignment.departure_transport_means = [_means_170(1, "40", "LH1234"), _means_170(2, "41", "DABCD")]


R0855 = Rule(
    "R0855",
    "At most one departure transport means per level, up to 3 by road, any number by rail.",
    messages=IE015_IE170,
    checks="The consignment and each house consignment declare at most 3 19 05 000 000 DEPARTURE TRANSPORT MEANS "
    "by road (inland mode 3), any number by rail (inland mode 2), and at most 1 otherwise.",
    why="A road vehicle pulls at most two trailers and a train any number of wagons; every other mode moves the "
    "goods on one means, so further iterations cannot be right.",
    fix="Keep the means the goods actually leave on (vehicle and trailers by road) and remove the others.",
    check=_r0855,
    cases=(
        Fires(T1_ROAD, _departure_means("3", "30", "31", "31", "31"), at=f"{_DTM}[4]", code=14, says="at most 3"),
        Fires(T1_ROAD, _departure_means("1", "10", "10"), at=f"{_DTM}[2]", says="only 1"),
        Fires(T1_ROAD, _departure_means(None, "30", "30"), at=f"{_DTM}[2]", says="not given"),
        Fires(T1_ROAD, _house_level_means("10", "10", mode="1"), at=f"{_HOUSE_DTM}[2]"),
        Fires(IE170_PRESENTATION, _ie170_by_air_with_two_means, at=f"{_DTM_170}[2]"),
        Silent(T1_ROAD),
        Silent(IE170_PRESENTATION),
        Silent(T1_ROAD, _departure_means("3", "30", "31", "31")),
        Silent(T1_ROAD, _departure_means("2", "20", "20", "20", "20", "20")),
        Silent(T1_ROAD, _departure_means("1", "10")),
    ),
    releases=P5_P6,
)


def _b1890(ctx: Context[CC015C]) -> Iterator[Outcome]:
    consignment = ctx.message.consignment
    mode = consignment.inland_mode_of_transport
    limit = 3 if mode == "3" else 1
    why = f"during the transition period, with inland mode of transport {mode or '(none)'}"
    yield from _at_most(ctx, consignment, "departure_transport_means", limit, why)


B1890 = Rule(
    "B1890",
    "Transition: at most 3 departure transport means for road (inland mode 3), otherwise at most 1.",
    messages=IE015,
    phases=TRANSITION,
    error_code=50,
    suspends=("R0855",),
    checks="During the transition period R0855 is switched off: the consignment declares at most 3 19 05 000 000 "
    "DEPARTURE TRANSPORT MEANS by road (inland mode 3) and at most 1 otherwise, rail included.",
    why="Until TPendDate customs convert declarations to the phase 4 message, which has room for one means of "
    "transport, or a vehicle and two trailers by road.",
    fix="Keep one departure transport means (up to 3 by road) and remove the others.",
    check=_b1890,
    cases=(
        Fires(T1_ROAD, _departure_means("3", "30", "31", "31", "31"), at=f"{_DTM}[4]", phase="transition", code=50),
        Fires(T1_ROAD, _departure_means("2", "20", "20"), at=f"{_DTM}[2]", phase="transition", says="once"),
        Fires(T1_ROAD, _departure_means("1", "10", "10"), at=f"{_DTM}[2]", phase="transition"),
        Fires(T1_ROAD, _departure_means(None, "30", "30", "30"), at=(f"{_DTM}[2]", f"{_DTM}[3]"), phase="transition"),
        Silent(T1_ROAD, phase="transition"),
        Silent(T1_ROAD, _departure_means("3", "30", "31", "31"), phase="transition"),
        Silent(T1_ROAD, _departure_means("2", "20"), phase="transition"),
        Suspends(T1_ROAD, _departure_means("1", "10", "10")),
    ),
)

# ---------------------------------------------------------------------- R0472


def _r0472(ctx: Context[CC015C | CC170C]) -> Iterator[Outcome]:
    c = ctx.message.consignment
    mode = c.inland_mode_of_transport
    if mode not in MODES_WITH_TYPED_MEANS:
        return
    for group in _departure_groups(ctx.message):
        for dtm in group:
            t = dtm.type_of_identification
            if t is not None and t[0] != mode:
                yield ctx.violation(
                    dtm,
                    "type_of_identification",
                    f"type {t} does not match {ctx.label(c, 'inland_mode_of_transport')} {mode}: use a "
                    f"{ctx.label(dtm, 'type_of_identification')} starting with {mode}, or correct the inland mode",
                )


R0472 = Rule(
    "R0472",
    "The first digit of each departure means' type of identification equals the inland mode.",
    messages=IE015_IE170,
    checks="With 19 04 000 000 Inland mode of transport 1, 2, 3, 4 or 8, the first digit of each departure "
    "transport means' 19 05 061 000 Type of identification (at the level used) is that mode.",
    why="The types of identification are grouped by mode (1x sea, 2x rail, 3x road, 4x air, 8x inland "
    "waterway): a road vehicle cannot carry goods declared as leaving by sea.",
    fix="Choose the type of identification of the mode the goods leave by, or correct the inland mode.",
    check=_r0472,
    cases=(
        Fires(T1_ROAD, _first_means("type_of_identification", "20"), at=f"{_DTM}[1]/typeOfIdentification", code=14),
        Fires(T1_ROAD, _house_level_means("10"), at=f"{_HOUSE_DTM}[1]/typeOfIdentification", says="starting with 3"),
        Fires(
            IE170_PRESENTATION,
            _first_means_170("type_of_identification", "80"),
            at=f"{_DTM_170}[1]/typeOfIdentification",
        ),
        Silent(T1_ROAD),
        Silent(T1_ROAD, _inland_mode("5")),
        Silent(T1_ROAD, _inland_mode("7")),
        Silent(T1_ROAD, _inland_mode("9")),
        Silent(T1_ROAD, _inland_mode(None)),
    ),
    releases=P5_P6,
)

# ---------------------------------------------------------------------- R0473, B1815


def _r0473(ctx: Context[CC015C | CC170C]) -> Iterator[Outcome]:
    for dtm in _all_departure_means(ctx.message):
        if dtm.type_of_identification in UPPERCASE_DEPARTURE_TYPES and _has_lowercase(dtm.identification_number):
            yield ctx.violation(
                dtm,
                "identification_number",
                f"with type of identification {dtm.type_of_identification} the "
                f"{ctx.label(dtm, 'identification_number')} must not contain lowercase letters: write it in capitals",
            )


_lowercase_registration = _first_means("identification_number", "hh-ab 1234")

R0473 = Rule(
    "R0473",
    "Departure means identified by registration-style types must not use lowercase letters.",
    messages=IE015_IE170,
    checks="A departure transport means whose 19 05 061 000 Type of identification is 10, 20, 21, 30, 31, 40, 41 "
    "or 80 (IMO number, wagon, registration, IATA or ENI numbers) has no lowercase letter in its 19 05 017 000 "
    "Identification number.",
    why="These numbers are matched against registers and other declarations, which write them in capitals; "
    "lowercase letters make the same vehicle look like another one.",
    fix="Write the identification number in capitals.",
    check=_r0473,
    cases=(
        Fires(T1_ROAD, _lowercase_registration, at=f"{_DTM}[1]/identificationNumber", code=14, says="capitals"),
        Fires(T1_ROAD, _house_level_means("30", ident="hhab1"), at=f"{_HOUSE_DTM}[1]/identificationNumber"),
        Fires(
            IE170_PRESENTATION,
            _first_means_170("identification_number", "Hhab1234"),
            at=f"{_DTM_170}[1]/identificationNumber",
        ),
        Silent(T1_ROAD),
        Silent(IE170_PRESENTATION),
        Silent(T1_ROAD, _vessel("11", "Nordic Star")),
    ),
    releases=P5_P6,
)

B1815 = Rule(
    "B1815",
    "Transition period: R0473 (no lowercase in departure means identification) is switched off.",
    messages=IE015,
    phases=TRANSITION,
    error_code=50,
    suspends=("R0473",),
    checks="Nothing in the message: during the transition period R0473 is switched off.",
    why="Declarations converted from NCTS phase 4 keep the identification numbers as phase 4 accepted them, "
    "lowercase letters included.",
    fix="Nothing to fix during the transition period; after it, follow R0473.",
    cases=(Suspends(T1_ROAD, _lowercase_registration),),
)

# ---------------------------------------------------------------------- R0474, R0476


def _r0474(ctx: Context[CC015C | CC170C]) -> Iterator[Outcome]:
    if ctx.message.consignment.inland_mode_of_transport != "3":
        return
    for owner in _owners(ctx.message):
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


R0474 = Rule(
    "R0474",
    "By road (inland mode 3) the first departure transport means is the vehicle (type 30).",
    messages=IE015_IE170,
    checks="With 19 04 000 000 Inland mode of transport 3 (road) the first departure transport means of the "
    "consignment and of each house consignment has 19 05 061 000 Type of identification 30.",
    why="By road the goods leave on a vehicle, identified by its registration number; trailers follow it.",
    fix="Declare the road vehicle first, with type 30, and its trailers after it with type 31.",
    check=_r0474,
    cases=(
        Fires(
            T1_ROAD,
            _first_means("type_of_identification", "31"),
            at=f"{_DTM}[1]/typeOfIdentification",
            code=14,
            says="set 19 05 061 000 Type of identification to 30",
        ),
        Fires(T1_ROAD, _house_level_means("31"), at=f"{_HOUSE_DTM}[1]/typeOfIdentification"),
        Silent(T1_ROAD),
        Silent(IE170_PRESENTATION),
        Silent(T1_ROAD, _departure_means("1", "10")),
    ),
    releases=P5_P6,
)


def _r0476(ctx: Context[CC015C | CC170C]) -> Iterator[Outcome]:
    c = ctx.message.consignment
    if c.inland_mode_of_transport != "3":
        return
    owners: list[Owner]
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


def _ie170_second_vehicle(m: CC170C) -> None:
    m.consignment.departure_transport_means.append(_means_170(2, "30"))


R0476 = Rule(
    "R0476",
    "By road (inland mode 3) the 2nd and 3rd departure transport means are trailers (type 31).",
    messages=IE015_IE170,
    checks="With 19 04 000 000 Inland mode of transport 3 (road) the second and third departure transport means "
    "(of the consignment, or else of a house consignment) have 19 05 061 000 Type of identification 31.",
    why="By road only one vehicle moves the goods; the further means are the trailers it pulls, identified by "
    "their own registration numbers.",
    fix="Declare the trailers with type 31 after the vehicle, or remove means that are not trailers.",
    check=_r0476,
    cases=(
        Fires(T1_ROAD, _departure_means("3", "30", "31", "30"), at=f"{_DTM}[3]/typeOfIdentification", code=14),
        Fires(T1_ROAD, _house_level_means("30", "30"), at=f"{_HOUSE_DTM}[2]/typeOfIdentification", says="to 31"),
        Fires(IE170_PRESENTATION, _ie170_second_vehicle, at=f"{_DTM_170}[2]/typeOfIdentification"),
        Silent(T1_ROAD),
        Silent(T1_ROAD, _departure_means("3", "30", "31", "31")),
    ),
    releases=P5_P6,
)

# ---------------------------------------------------------------------- B1091


def _b1091(ctx: Context[CC015C | CC170C]) -> Iterator[Outcome]:
    for dtm in ctx.message.consignment.departure_transport_means:
        if dtm.type_of_identification == "99":
            yield ctx.violation(
                dtm,
                "type_of_identification",
                f"code 99 (unknown) in {ctx.label(dtm, 'type_of_identification')} is reserved for legacy messages "
                "upgraded by customs: give the real type of identification (e.g. 30 for a road vehicle)",
            )


B1091 = Rule(
    "B1091",
    "Transition period: native messages must not use type of identification 99 (unknown) for departure means.",
    messages=IE015_IE170,
    phases=TRANSITION,
    error_code=50,
    checks="During the transition period no consignment-level departure transport means of a message the trader "
    "sends has 19 05 061 000 Type of identification 99 (unknown).",
    why="Code 99 exists only for phase 4 declarations customs upgrade, which did not state the type; a phase 5 "
    "message states the real one.",
    fix="Give the real type of identification, e.g. 30 for a road vehicle.",
    check=_b1091,
    cases=(
        Fires(
            T1_ROAD,
            _first_means("type_of_identification", "99"),
            at=f"{_DTM}[1]/typeOfIdentification",
            phase="transition",
            code=50,
        ),
        Fires(
            IE170_PRESENTATION,
            _first_means_170("type_of_identification", "99"),
            at=f"{_DTM_170}[1]/typeOfIdentification",
            phase="transition",
        ),
        Silent(T1_ROAD, phase="transition"),
        Silent(IE170_PRESENTATION, phase="transition"),
    ),
)

# ---------------------------------------------------------------------- B1892, B1897


def _b1892(ctx: Context[CC015C]) -> Iterator[Outcome]:
    if _in_containers(ctx.message):
        return
    why = "during the transition period, for goods not in containers, each departure transport means is identified"
    for means in ctx.message.consignment.departure_transport_means:
        yield from ctx.require(means, "type_of_identification", why, code=None)
        yield from ctx.require(means, "identification_number", why, code=None)


B1892 = Rule(
    "B1892",
    "Transition: each departure transport means needs its type and identification number unless in containers.",
    messages=IE015,
    phases=TRANSITION,
    error_code=50,
    checks="During the transition period each consignment-level departure transport means gives 19 05 061 000 "
    "Type of identification and 19 05 017 000 Identification number, unless the goods travel in containers.",
    why="Until TPendDate customs convert declarations to the phase 4 message, which requires the identity of the "
    "means of transport for goods not in containers.",
    fix="Give the type and the identification number of the departure transport means.",
    check=_b1892,
    cases=(
        Fires(
            T1_ROAD,
            _first_means("identification_number", None),
            at=f"{_DTM}[1]/identificationNumber",
            phase="transition",
            code=50,
        ),
        Fires(
            T1_ROAD,
            _first_means("type_of_identification", None),
            at=f"{_DTM}[1]/typeOfIdentification",
            phase="transition",
        ),
        Silent(T1_ROAD, phase="transition"),
        Silent(
            T1_ROAD,
            _both(
                _containers,
                _first_means("identification_number", None),
                _first_means("type_of_identification", None),
            ),
            phase="transition",
        ),
    ),
)


def _b1897(ctx: Context[CC015C]) -> Iterator[Outcome]:
    consignment = ctx.message.consignment
    for means in consignment.departure_transport_means:
        if consignment.inland_mode_of_transport == "2":
            why = "during the transition period rail transport (inland mode of transport 2) declares no nationality"
            yield from ctx.forbid(means, "nationality", why, code=None)
        elif not _in_containers(ctx.message):
            why = "during the transition period, for goods not in containers, the transport means needs a nationality"
            yield from ctx.require(means, "nationality", why, code=None)


_no_nationality = _first_means("nationality", None)

B1897 = Rule(
    "B1897",
    "Transition: nationality of departure transport means is forbidden for rail, required unless in containers.",
    messages=IE015,
    phases=TRANSITION,
    error_code=50,
    checks="During the transition period a consignment-level departure transport means gives no 19 05 062 000 "
    "Nationality by rail (inland mode 2), and gives one otherwise unless the goods travel in containers.",
    why="Until TPendDate customs convert declarations to the phase 4 message, which has no nationality for trains "
    "and requires it for other means of transport carrying goods not in containers.",
    fix="Remove the nationality by rail; otherwise give the nationality of the means of transport.",
    check=_b1897,
    cases=(
        Fires(T1_ROAD, _inland_mode("2"), at=f"{_DTM}[1]/nationality", phase="transition", code=50, says="rail"),
        Fires(T1_ROAD, _no_nationality, at=f"{_DTM}[1]/nationality", phase="transition", says="provide"),
        Silent(T1_ROAD, phase="transition"),
        Silent(T1_ROAD, _both(_containers, _no_nationality), phase="transition"),
        Silent(T1_ROAD, _both(_containers, _no_nationality, _inland_mode("2")), phase="transition"),
    ),
)

# ---------------------------------------------------------------------- G0119, G0088


def _g0119(ctx: Context[CC015C | CC170C]) -> Iterator[Outcome]:
    c = ctx.message.consignment
    if c.inland_mode_of_transport == "5" or c.departure_transport_means:
        return
    if any(te.container_identification_number for te in c.transport_equipment):
        return  # multimodal units with container numbers may be waived by customs
    missing = [hc for hc in c.house_consignment if not hc.departure_transport_means]
    if not missing:
        return
    if not is_ie015(ctx.message):
        yield ctx.unchecked(
            "needs the pre-lodged IE015 declaration this presentation notification completes: the departure "
            "transport means may already be declared there",
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


def _only_house_1_declares_its_means(m: CC015C) -> None:
    _house_level_means("30")(m)
    second = m.consignment.house_consignment[0].model_copy(deep=True)
    second.sequence_number = 2
    second.departure_transport_means = []
    m.consignment.house_consignment.append(second)


def _containers_with_numbers_without_means(m: CC015C) -> None:
    from ncts5.messages.cc015c import TransportEquipment

    _no_departure_means(m)
    m.consignment.container_indicator = "1"
    m.consignment.transport_equipment = [
        TransportEquipment(sequence_number=1, container_identification_number="MSCU1234567", number_of_seals=0)
    ]


def _ie170_without_departure_means(m: CC170C) -> None:
    m.consignment.departure_transport_means = []


G0119 = Rule(
    "G0119",
    "Departure transport means should be declared unless mail, containers or an AEO waiver apply.",
    messages=IE015_IE170,
    checks="The consignment, or else every house consignment, declares 19 05 000 000 DEPARTURE TRANSPORT MEANS, "
    "except for mail (inland mode 5) and for goods in containers with container numbers.",
    why="Customs identify the means the goods leave on; they may waive it for containers and for AEOs whose "
    "records trace the means, which the message cannot show, so ncts5 only warns.",
    fix="Declare the departure transport means (type, identification number, nationality), unless a waiver applies.",
    check=_g0119,
    cases=(
        Fires(T1_ROAD, _no_departure_means, at=_DTM, code=13, says="AEO"),
        Fires(
            T1_ROAD,
            _only_house_1_declares_its_means,
            at=f"{_CONSIGNMENT}/HouseConsignment[2]/DepartureTransportMeans",
            says="other house consignments",
        ),
        Silent(T1_ROAD),
        Silent(T1_ROAD, _both(_no_departure_means, _inland_mode("5"))),
        Silent(T1_ROAD, _containers_with_numbers_without_means),
        Undecided(IE170_PRESENTATION, _ie170_without_departure_means, at=_DTM_170),
    ),
    releases=P5_P6,
)

G0088 = Rule(
    "G0088",
    "By road, the trailer's registration number should be declared too, where there is a trailer.",
    messages=IE015_IE170,
    reason="needs the vehicle itself (or the carrier's transport documents): whether the road vehicle pulls a "
    "trailer is stated nowhere in the message",
    checks="By road (inland mode 3) a trailer the vehicle pulls is declared as a further departure transport means "
    "with its own registration number.",
    why="Customs identify every unit the goods travel in; a trailer left out cannot be matched at the border or "
    "at destination.",
    fix="Declare each trailer after the vehicle, with type 31 and its registration number.",
    cases=(Undecided(T1_ROAD), Undecided(IE170_PRESENTATION)),
    releases=P5_P6,
)

# ---------------------------------------------------------------------- G0112


def _g0112(ctx: Context[CC015C]) -> Iterator[Outcome]:
    c = ctx.message.consignment
    means: list[DepartureMeans | cc015c.ActiveBorderTransportMeans] = [
        *_all_departure_means(ctx.message),
        *c.active_border_transport_means,
    ]
    for m in means:
        if m.type_of_identification != "11":
            continue
        if _is_imo_number(m.identification_number):
            yield ctx.violation(
                m,
                "type_of_identification",
                f"{ctx.label(m, 'identification_number')} {m.identification_number!r} is an IMO ship "
                f"number: set {ctx.label(m, 'type_of_identification')} to 10 (IMO number) instead of 11 (name)",
            )
        else:
            yield ctx.unchecked(
                "needs the IMO ship register (or the ship's papers): whether the vessel named under type 11 has an "
                "IMO number, to be declared instead, is not in the message",
                ctx.path(m, "type_of_identification"),
            )


G0112 = Rule(
    "G0112",
    "A ship with an IMO number is identified by it (type 10), not by its name (type 11).",
    messages=IE015,
    checks="A departure or active border transport means identified by name (type 11) does not give an IMO ship "
    "number (7 digits with a valid check digit) as that name; ships with an IMO number use type 10.",
    why="The IMO number identifies a ship for life, whatever it is called; names are ambiguous and only for "
    "vessels without an IMO number.",
    fix="Set the type of identification to 10 and give the IMO number.",
    check=_g0112,
    cases=(
        Fires(
            T1_ROAD,
            _vessel("11", "IMO 9074729"),
            at=f"{_DTM}[1]/typeOfIdentification",
            says="set 19 05 061 000 Type of identification to 10",
        ),
        Fires(
            T1_ROAD,
            _border(_border_means(type_="11", ident="9074729")),
            at=f"{_ABTM}/typeOfIdentification",
            says="IMO ship number",
        ),
        Silent(T1_ROAD),
        Silent(T1_ROAD, _vessel("10", "9074729")),
        Undecided(T1_ROAD, _vessel("11", "NORDIC STAR"), at=f"{_DTM}[1]/typeOfIdentification"),
        Undecided(T1_ROAD, _vessel("11", "9074728"), at=f"{_DTM}[1]/typeOfIdentification"),  # wrong check digit
    ),
    releases=P5_P6,
)

# ---------------------------------------------------------------------- R0076, B1811


def _r0076(ctx: Context[CC015C | CC170C]) -> Iterator[Outcome]:
    for abtm in ctx.message.consignment.active_border_transport_means:
        if abtm.type_of_identification in UPPERCASE_BORDER_TYPES and _has_lowercase(abtm.identification_number):
            yield ctx.violation(
                abtm,
                "identification_number",
                f"with type of identification {abtm.type_of_identification} the "
                f"{ctx.label(abtm, 'identification_number')} must not contain lowercase letters: write it in capitals",
            )


_lowercase_border_registration = _border(_border_means(ident="ab123cd"))

R0076 = Rule(
    "R0076",
    "Active border means identified by registration-style types must not use lowercase letters.",
    messages=IE015_IE170,
    checks="An active border transport means whose 19 08 061 000 Type of identification is 10, 21, 30, 40, 41 or "
    "80 has no lowercase letter in its 19 08 017 000 Identification number.",
    why="These numbers are matched against registers and the border office's records, which write them in "
    "capitals; lowercase letters make the same means look like another one.",
    fix="Write the identification number in capitals.",
    check=_r0076,
    cases=(
        Fires(T1_ROAD, _lowercase_border_registration, at=f"{_ABTM}/identificationNumber", code=14),
        Fires(
            IE170_PRESENTATION,
            _border_170(_border_means_170(ident="ab123cd")),
            at=f"{_ABTM_170}/identificationNumber",
            says="capitals",
        ),
        Silent(T1_ROAD, _border(_border_means())),
        Silent(T1_ROAD, _border(_border_means(type_="11", ident="Nordic"))),
    ),
    releases=P5_P6,
)

B1811 = Rule(
    "B1811",
    "Transition period: R0076 (no lowercase in active border means identification) is switched off.",
    messages=IE015,
    phases=TRANSITION,
    error_code=50,
    suspends=("R0076",),
    checks="Nothing in the message: during the transition period R0076 is switched off.",
    why="Declarations converted from NCTS phase 4 keep the identification numbers as phase 4 accepted them, "
    "lowercase letters included.",
    fix="Nothing to fix during the transition period; after it, follow R0076.",
    cases=(Suspends(T1_ROAD, _lowercase_border_registration),),
)

# ---------------------------------------------------------------------- C0531, R0315


def _c0531(ctx: Context[CC015C]) -> Iterator[Outcome]:
    c = ctx.message.consignment
    security = ctx.message.transit_operation.security
    if not has_security_data(security) or c.mode_of_transport_at_the_border != "4":
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


def _by_air(security: str, mode: str, conveyance: str | None) -> Callable[[CC015C], None]:
    """Security ``security``, border mode ``mode``, one active border means with conveyance ``conveyance``."""
    border = _border(_border_means(conveyance=conveyance), mode=mode)

    def change(m: CC015C) -> None:
        m.transit_operation.security = security
        border(m)

    change.__name__ = f"security_{security}_border_mode_{mode}_conveyance_{conveyance}"
    return change


def _plane_without_flight_number(m: CC015C) -> None:
    m.transit_operation.security = "2"
    _border(_border_means(type_="40", ident="LH1234"), mode="4")(m)


C0531 = Rule(
    "C0531",
    "With security data and transport by air at the border, the flight number is required.",
    messages=IE015,
    checks="With 11 07 000 000 Security 1, 2 or 3 and 19 03 000 000 Mode of transport at the border 4 (air), "
    "each active border transport means gives 19 02 000 000 Conveyance reference number (the flight number).",
    why="For air cargo the safety and security risk analysis works per flight: the flight number is what ties "
    "the goods to the aircraft.",
    fix="Give the IATA/ICAO flight number as conveyance reference number.",
    check=_c0531,
    cases=(
        Fires(T1_ROAD, _plane_without_flight_number, at=f"{_ABTM}/conveyanceReferenceNumber", code=13),
        Silent(T1_ROAD, _by_air("0", "4", None)),
        Silent(T1_ROAD, _by_air("2", "3", None)),
        Silent(T1_ROAD, _by_air("2", "4", "LH1234")),
    ),
    releases=P5_P6,
)


def _r0315(ctx: Context[CC015C | CC170C]) -> Iterator[Outcome]:
    c = ctx.message.consignment
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


def _flight(mode: str, conveyance: str) -> Callable[[CC015C], None]:
    change = _border(_border_means(conveyance=conveyance), mode=mode)
    change.__name__ = f"border_mode_{mode}_conveyance_{conveyance.replace(' ', '_')}"
    return change


R0315 = Rule(
    "R0315",
    "By air at the border, the conveyance reference is a flight number (an..3 + n..4 + optional letter).",
    messages=IE015_IE170,
    checks="With 19 03 000 000 Mode of transport at the border 4 (air), each 19 02 000 000 Conveyance reference "
    "number is an IATA/ICAO flight number: an airline prefix of up to 3 characters, up to 4 digits, an optional "
    "letter.",
    why="Customs match the goods with the flight's cargo manifest by its flight number.",
    fix="Write the flight number without spaces, e.g. LH1234 or BAW12A.",
    check=_r0315,
    cases=(
        Fires(T1_ROAD, _flight("4", "LH 1234"), at=f"{_ABTM}/conveyanceReferenceNumber", code=14, says="LH1234"),
        Fires(T1_ROAD, _flight("4", "LH123456"), at=f"{_ABTM}/conveyanceReferenceNumber"),
        Fires(T1_ROAD, _flight("4", "ABCD123"), at=f"{_ABTM}/conveyanceReferenceNumber"),
        Fires(T1_ROAD, _flight("4", "LH12AB"), at=f"{_ABTM}/conveyanceReferenceNumber"),
        Fires(
            IE170_PRESENTATION,
            _border_170(_border_means_170(conveyance="FLIGHT-12"), mode="4"),
            at=f"{_ABTM_170}/conveyanceReferenceNumber",
        ),
        Silent(T1_ROAD, _flight("4", "LH1234")),
        Silent(T1_ROAD, _flight("4", "BAW12A")),
        Silent(T1_ROAD, _flight("4", "U21")),
        Silent(T1_ROAD, _flight("1", "VOYAGE 77/2")),
    ),
    releases=P5_P6,
)

# ---------------------------------------------------------------------- G0789


#: Why G0789 cannot decide on an IE170.
_G0789_NEEDS_IE015 = (
    "needs the pre-lodged IE015 declaration: the declared offices of transit, exit and destination are there, "
    "not in the IE170"
)


def _declared_offices(m: CC015C | P6CC015C) -> set[str]:
    """The reference numbers of the declared offices of transit, exit for transit and destination."""
    offices = {o.reference_number for o in m.customs_office_of_transit_declared}
    offices |= {o.reference_number for o in m.customs_office_of_exit_for_transit_declared}
    offices.add(m.customs_office_of_destination_declared.reference_number)
    return offices


def _not_at_a_declared_office(
    ctx: Context[CC015C | CC170C | P6CC015C | P6CC170C],
    declaration: CC015C | P6CC015C,
    means: Sequence[BorderMeans],
) -> Iterator[Outcome]:
    """A warning for each active border transport means whose office at border is none of the declared offices."""
    offices = _declared_offices(declaration)
    for abtm in means:
        if abtm.customs_office_at_border_reference_number not in offices:
            yield ctx.violation(
                abtm,
                "customs_office_at_border_reference_number",
                f"{ctx.label(abtm, 'customs_office_at_border_reference_number')} should be the border crossing "
                "point: use one of the declared offices of transit, exit for transit or destination "
                f"({', '.join(sorted(offices))})",
            )


def _g0789(ctx: Context[CC015C | CC170C]) -> Iterator[Outcome]:
    c = ctx.message.consignment
    given = [a for a in c.active_border_transport_means if a.customs_office_at_border_reference_number]
    if not given:
        return
    m = ctx.message
    if not is_ie015(m):
        for abtm in given:
            yield ctx.unchecked(_G0789_NEEDS_IE015, ctx.path(abtm, "customs_office_at_border_reference_number"))
        return
    yield from _not_at_a_declared_office(ctx, m, given)


#: G0789's cases, the same in both releases.
_G0789_CASES = (
    Fires(
        T1_ROAD,
        _border(_border_means(office="BE000001")),
        at=f"{_ABTM}/customsOfficeAtBorderReferenceNumber",
        says="NL000396",
    ),
    Silent(T1_ROAD, _border(_border_means())),
    Silent(T1_ROAD, _both(_transit_office("BE000001"), _border(_border_means(office="BE000001")))),
    Undecided(
        IE170_PRESENTATION,
        _border_170(_border_means_170()),
        at=f"{_ABTM_170}/customsOfficeAtBorderReferenceNumber",
    ),
)

G0789 = Rule(
    "G0789",
    "The customs office at border is one of the declared offices of transit, exit for transit or destination.",
    messages=IE015_IE170,
    checks="Each 19 08 084 000 Customs office at border reference number is the reference number of a declared "
    "office of transit, office of exit for transit or the office of destination.",
    why="The office at border names the border crossing point where that active means will be presented; it "
    "can only be an office the movement passes.",
    fix="Use the reference number of the declared office where the means crosses the border.",
    check=_g0789,
    cases=_G0789_CASES,
)


def _g0789_p6(ctx: Context[P6CC015C | P6CC170C]) -> Iterator[Outcome]:
    m = ctx.message
    means = m.consignment.active_border_transport_means
    if not is_ie015(m):
        for abtm in means:
            yield ctx.unchecked(_G0789_NEEDS_IE015, ctx.path(abtm, "customs_office_at_border_reference_number"))
        return
    yield from _not_at_a_declared_office(ctx, m, means)


G0789_P6 = Rule(
    "G0789",
    "The customs office at border is one of the declared offices of transit, exit for transit or destination.",
    messages=IE015_IE170,
    releases=P6,
    checks="Each 19 08 084 000 Customs office at border reference number (required in Phase 6) is the reference "
    "number of a declared office of transit, office of exit for transit or the office of destination; as in "
    "Phase 5, only the wording changed (the transitional period is named NCTS-P4/NCTS-P5).",
    why="The office at border names the border crossing point where that active means will be presented; it "
    "can only be an office the movement passes.",
    fix="Use the reference number of the declared office where the means crosses the border.",
    check=_g0789_p6,
    cases=_G0789_CASES,
)


# ---------------------------------------------------------------------- B1016, B1838, B1850 (transition)


def _b1016(ctx: Context[CC015C]) -> Iterator[Outcome]:
    for abtm in ctx.message.consignment.active_border_transport_means:
        if abtm.customs_office_at_border_reference_number is None:
            yield ctx.violation(
                abtm,
                "customs_office_at_border_reference_number",
                f"provide {ctx.label(abtm, 'customs_office_at_border_reference_number')}: only declarations "
                "upgraded from NCTS phase 4 may omit it",
            )


B1016 = Rule(
    "B1016",
    "Transition period: a native IE015 gives the customs office at border for each active border means.",
    messages=IE015,
    phases=TRANSITION,
    error_code=50,
    checks="During the transition period each active border transport means of a declaration the trader sends "
    "gives 19 08 084 000 Customs office at border reference number.",
    why="Only declarations customs upgrade from phase 4, which had no such item, may lack it; after the "
    "transition period B2101 requires it of every declaration.",
    fix="Give the reference number of the office where the means crosses the border.",
    check=_b1016,
    cases=(
        Fires(
            T1_ROAD,
            _border(_border_means(office=None)),
            at=f"{_ABTM}/customsOfficeAtBorderReferenceNumber",
            phase="transition",
            code=50,
        ),
        Silent(T1_ROAD, _border(_border_means()), phase="transition"),
    ),
)


def _b1838(ctx: Context[CC015C]) -> Iterator[Outcome]:
    c = ctx.message.consignment
    rail = c.mode_of_transport_at_the_border == "2"
    for abtm in c.active_border_transport_means:
        if abtm.nationality is None and not rail:
            continue
        why = "rail transport at the border" if rail else f"{ctx.label(abtm, 'nationality')} is given"
        for field in ("type_of_identification", "identification_number"):
            if getattr(abtm, field) is None:
                yield ctx.violation(abtm, field, f"{why}: provide {ctx.label(abtm, field)}")


B1838 = Rule(
    "B1838",
    "Transition period: active border means type and number are required with a nationality or by rail.",
    messages=IE015,
    phases=TRANSITION,
    error_code=50,
    checks="During the transition period an active border transport means gives 19 08 061 000 Type of "
    "identification and 19 08 017 000 Identification number when it gives 19 08 062 000 Nationality or the "
    "mode of transport at the border is 2 (rail).",
    why="Until TPendDate customs convert declarations to the phase 4 message, which identifies the means "
    "crossing the border whenever its nationality is known, and always for trains.",
    fix="Give the type of identification and the identification number of the active border transport means.",
    check=_b1838,
    cases=(
        Fires(
            T1_ROAD,
            _border(_border_means(type_=None, ident=None), mode="3"),
            at=(f"{_ABTM}/identificationNumber", f"{_ABTM}/typeOfIdentification"),
            phase="transition",
            code=50,
            says="is given",
        ),
        Fires(
            T1_ROAD,
            _border(_border_means(nationality=None, ident=None), mode="2"),
            at=f"{_ABTM}/identificationNumber",
            phase="transition",
            says="rail",
        ),
        Silent(T1_ROAD, phase="transition"),
        Silent(T1_ROAD, _border(_border_means(nationality=None, ident=None), mode="3"), phase="transition"),
    ),
)


def _b1850(ctx: Context[CC015C]) -> Iterator[Outcome]:
    c = ctx.message.consignment
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


B1850 = Rule(
    "B1850",
    "Transition period: active border means nationality is required unless transport at the border is by rail.",
    messages=IE015,
    phases=TRANSITION,
    error_code=50,
    checks="During the transition period each active border transport means gives 19 08 062 000 Nationality "
    "unless the mode of transport at the border is 2 (rail).",
    why="Until TPendDate customs convert declarations to the phase 4 message, which requires the nationality of "
    "the means crossing the border except for trains.",
    fix="Give the nationality of the active border transport means.",
    check=_b1850,
    cases=(
        Fires(
            T1_ROAD,
            _border(_border_means(nationality=None), mode="3"),
            at=f"{_ABTM}/nationality",
            phase="transition",
            code=50,
        ),
        Fires(
            T1_ROAD,
            _border(_border_means(nationality=None)),
            at=f"{_ABTM}/nationality",
            phase="transition",
            says="not given",
        ),
        Silent(T1_ROAD, _border(_border_means(nationality=None), mode="2"), phase="transition"),
        Silent(T1_ROAD, _border(_border_means()), phase="transition"),
    ),
)

# ---------------------------------------------------------------------- C0599, B1889


def _c0599(ctx: Context[CC015C]) -> Iterator[Outcome]:
    op = ctx.message.transit_operation
    if has_security_data(op.security) and op.additional_declaration_type == "A":
        why = f"{stated(ctx, op, 'security')} on a standard (type A) declaration"
        yield from ctx.require(ctx.message.consignment, "mode_of_transport_at_the_border", why)


def _declaration(security: str, additional_type: str, border_mode: str | None) -> Callable[[CC015C | P6CC015C], None]:
    def change(m: CC015C | P6CC015C) -> None:
        m.transit_operation.security = security
        m.transit_operation.additional_declaration_type = additional_type
        m.consignment.mode_of_transport_at_the_border = border_mode

    change.__name__ = f"security_{security}_type_{additional_type}_border_mode_{border_mode}"
    return change


C0599 = Rule(
    "C0599",
    "Mode of transport at the border: required with safety and security data on a standard declaration.",
    messages=IE015,
    phases=FINAL,
    checks="A standard declaration (additional declaration type A) with 11 07 000 000 Security 1, 2 or 3 gives "
    "19 03 000 000 Mode of transport at the border.",
    why="The safety and security risk analysis depends on how the goods cross the border of the security area; "
    "a pre-lodged declaration may give it later.",
    fix="Give the mode of transport of the active means crossing the border.",
    check=_c0599,
    cases=(
        Fires(T1_ROAD, _security("2"), at=_BORDER_MODE, code=13, says="11 07 000 000 Security 2"),
        Silent(T1_ROAD),
        Silent(T1_ROAD, _declaration("0", "A", None)),
        Silent(T1_ROAD, _declaration("2", "D", None)),
        Silent(T1_ROAD, _declaration("2", "A", "3")),
    ),
)


def _c0599_p6(ctx: Context[P6CC015C]) -> Iterator[Outcome]:
    op = ctx.message.transit_operation
    if op.security == "2" and op.additional_declaration_type == "A":
        why = f"{stated(ctx, op, 'security')} (exit summary declaration) on a standard (type A) declaration"
        yield from ctx.require(ctx.message.consignment, "mode_of_transport_at_the_border", why)


C0599_P6 = Rule(
    "C0599",
    "Mode of transport at the border: required on a standard declaration with an exit summary (security 2).",
    messages=IE015,
    releases=P6,
    checks="A standard declaration (additional declaration type A) with 11 07 000 000 Security 2 gives "
    "19 03 000 000 Mode of transport at the border.  Unlike Phase 5, security 1 and 3 no longer require it.",
    why="The exit safety and security risk analysis depends on how the goods leave the security area; a "
    "pre-lodged declaration may give it later.",
    fix="Give the mode of transport of the active means crossing the border.",
    check=_c0599_p6,
    cases=(
        Fires(T1_ROAD, _security("2"), at=_BORDER_MODE, code=13, says="11 07 000 000 Security 2"),
        Silent(T1_ROAD),
        Silent(T1_ROAD, _declaration("1", "A", None)),
        Silent(T1_ROAD, _declaration("3", "A", None)),
        Silent(T1_ROAD, _declaration("2", "D", None)),
        Silent(T1_ROAD, _declaration("2", "A", "3")),
    ),
)


def _b1889(ctx: Context[CC015C]) -> Iterator[Outcome]:
    op = ctx.message.transit_operation
    consignment = ctx.message.consignment
    if not has_security_data(op.security) or consignment.mode_of_transport_at_the_border is not None:
        return
    country = ctx.message.customs_office_of_departure.reference_number[:2]
    in_eu = ctx.in_list("CL010", country)
    if in_eu is None:
        yield ctx.unchecked(undecided("CL010", country), ctx.path(consignment, "mode_of_transport_at_the_border"))
    elif not in_eu:
        yield ctx.violation(
            consignment,
            "mode_of_transport_at_the_border",
            f"during the transition period a declaration with security {op.security} whose office of departure "
            f"is outside the EU ({country}) needs the mode of transport at the border: "
            f"provide {ctx.label(consignment, 'mode_of_transport_at_the_border')}",
        )


def _departure_from(security: str, office: str, border_mode: str | None = None) -> Callable[[CC015C], None]:
    def change(m: CC015C) -> None:
        m.transit_operation.security = security
        m.customs_office_of_departure.reference_number = office
        m.consignment.mode_of_transport_at_the_border = border_mode

    change.__name__ = f"security_{security}_departure_{office}_border_mode_{border_mode}"
    return change


B1889 = Rule(
    "B1889",
    "Transition: mode of transport at the border is required with a security declaration from outside the EU.",
    messages=IE015,
    phases=TRANSITION,
    error_code=50,
    suspends=("C0599",),
    needs="the official code list CL010 (EU member states) to recognise an office outside the EU",
    reason="needs code list CL010 (CountryCodesCommunity), packaged with ncts5; a newer edition is imported with "
    "`ncts5 codelists import RD_NCTS-P5.json.gz`",
    checks="During the transition period C0599 is switched off: a declaration with 11 07 000 000 Security 1, 2 "
    "or 3 whose office of departure is outside the Union (not in CL010) gives 19 03 000 000 Mode of transport "
    "at the border.",
    why="Until TPendDate the Union's safety and security analysis of goods entering from a common transit "
    "country needs the border mode; departures inside the Union may leave it out.",
    fix="Give the mode of transport of the active means crossing the border.",
    check=_b1889,
    cases=(
        Fires(T1_ROAD, _departure_from("1", "CH001234"), at=_BORDER_MODE, phase="transition", code=50, says="(CH)"),
        Silent(T1_ROAD, _departure_from("1", "DE004058"), phase="transition"),
        Silent(T1_ROAD, _departure_from("0", "CH001234"), phase="transition"),
        Silent(T1_ROAD, _departure_from("2", "CH001234", "3"), phase="transition"),
        Undecided(
            T1_ROAD,
            _departure_from("1", "CH001234"),
            at=_BORDER_MODE,
            phase="transition",
            without_lists=("CL010",),
        ),
        Suspends(T1_ROAD, _security("1")),
    ),
)

# ---------------------------------------------------------------------- C0806, B1806


def _c0806(ctx: Context[CC015C]) -> Iterator[Outcome]:
    op = ctx.message.transit_operation
    c = ctx.message.consignment
    if c.mode_of_transport_at_the_border == "5":
        why = f"{ctx.label(c, 'mode_of_transport_at_the_border')} is 5 (postal consignment)"
        yield from ctx.forbid(c, "active_border_transport_means", why)
    elif has_security_data(op.security) and op.additional_declaration_type == "A":
        why = f"{stated(ctx, op, 'security')} on a standard (type A) declaration"
        yield from ctx.require(c, "active_border_transport_means", why)


C0806 = Rule(
    "C0806",
    "Active border transport means: not allowed for postal traffic, required with S&S data on type A.",
    messages=IE015,
    phases=FINAL,
    checks="With 19 03 000 000 Mode of transport at the border 5 (mail) no 19 08 000 000 ACTIVE BORDER TRANSPORT "
    "MEANS is declared; otherwise a standard declaration (type A) with security 1, 2 or 3 declares at least one.",
    why="Mail crosses the border without a means the declarant identifies; for other goods the safety and "
    "security analysis needs the means that will cross the border.",
    fix="Remove the active border transport means for mail; declare them for a standard declaration with "
    "safety and security data.",
    check=_c0806,
    cases=(
        Fires(T1_ROAD, _border(_border_means(office="DE004058"), mode="5"), at=f"{_ABTM}", code=15, says="postal"),
        Fires(T1_ROAD, _security("1"), at=f"{_CONSIGNMENT}/ActiveBorderTransportMeans", code=13),
        Silent(T1_ROAD),
        Silent(T1_ROAD, _both(_security("1"), _border(_border_means(office="DE004058")))),
    ),
)


def _c0806_p6(ctx: Context[P6CC015C]) -> Iterator[Outcome]:
    op = ctx.message.transit_operation
    c = ctx.message.consignment
    if c.mode_of_transport_at_the_border == "5":
        why = f"{ctx.label(c, 'mode_of_transport_at_the_border')} is 5 (postal consignment)"
        yield from ctx.forbid(c, "active_border_transport_means", why)
    elif op.security == "2" and op.additional_declaration_type == "A":
        why = f"{stated(ctx, op, 'security')} (exit summary declaration) on a standard (type A) declaration"
        yield from ctx.require(c, "active_border_transport_means", why)


C0806_P6 = Rule(
    "C0806",
    "Active border transport means: not allowed for postal traffic, required with an exit summary on type A.",
    messages=IE015,
    releases=P6,
    checks="With 19 03 000 000 Mode of transport at the border 5 (mail) no 19 08 000 000 ACTIVE BORDER TRANSPORT "
    "MEANS is declared; otherwise a standard declaration (type A) with 11 07 000 000 Security 2 declares at least "
    "one.  Unlike Phase 5, security 1 and 3 no longer require them.",
    why="Mail crosses the border without a means the declarant identifies; for other goods the exit safety and "
    "security analysis needs the means that will cross the border.",
    fix="Remove the active border transport means for mail; declare them for a standard declaration with security 2.",
    check=_c0806_p6,
    cases=(
        Fires(T1_ROAD, _border(_border_means(office="DE004058"), mode="5"), at=f"{_ABTM}", code=15, says="postal"),
        Fires(T1_ROAD, _security("2"), at=f"{_CONSIGNMENT}/ActiveBorderTransportMeans", code=13, says="Security 2"),
        Silent(T1_ROAD),
        Silent(T1_ROAD, _security("1")),
        Silent(T1_ROAD, _security("3")),
        Silent(T1_ROAD, _declaration("2", "D", None)),
        Silent(T1_ROAD, _both(_security("2"), _border(_border_means(office="DE004058")))),
    ),
)


def _b1806(ctx: Context[CC015C]) -> Iterator[Outcome]:
    c = ctx.message.consignment
    mode = c.mode_of_transport_at_the_border
    if mode is not None and mode not in ("2", "5"):
        why = f"during the transition period {stated(ctx, c, 'mode_of_transport_at_the_border')} needs it"
        yield from ctx.require(c, "active_border_transport_means", why, code=None)


def _border_mode(mode: str | None) -> Callable[[CC015C | P6CC015C], None]:
    def change(m: CC015C | P6CC015C) -> None:
        m.consignment.mode_of_transport_at_the_border = mode

    change.__name__ = f"border_mode_{mode}"
    return change


B1806 = Rule(
    "B1806",
    "Transition period: active border transport means required when a border mode other than rail or post is given.",
    messages=IE015,
    phases=TRANSITION,
    error_code=50,
    suspends=("C0806",),
    checks="During the transition period C0806 is switched off: a declaration giving 19 03 000 000 Mode of "
    "transport at the border other than 2 (rail) or 5 (mail) declares 19 08 000 000 ACTIVE BORDER TRANSPORT "
    "MEANS.",
    why="Until TPendDate customs convert declarations to the phase 4 message, which identifies the means crossing "
    "the border whenever the border mode is known and is not rail or mail.",
    fix="Declare the active border transport means.",
    check=_b1806,
    cases=(
        Fires(
            T1_ROAD,
            _border_mode("3"),
            at=f"{_CONSIGNMENT}/ActiveBorderTransportMeans",
            phase="transition",
            code=50,
            says="19 03 000 000 Mode of transport at the border 3",
        ),
        Silent(T1_ROAD, phase="transition"),
        Silent(T1_ROAD, _border_mode("2"), phase="transition"),
        Silent(T1_ROAD, _border_mode("5"), phase="transition"),
        Suspends(T1_ROAD, _security("1")),
    ),
)

# ---------------------------------------------------------------------- R0789


def _r0789(ctx: Context[CC015C]) -> Iterator[Outcome]:
    msg = ctx.message
    if msg.customs_office_of_transit_declared:
        return
    c = msg.consignment
    count = len(c.active_border_transport_means)
    transit_office = f"{ctx.data_element(msg, 'customs_office_of_transit_declared')} Customs office of transit"
    for i in range(1, count):
        yield ctx.violation(
            c,
            "active_border_transport_means",
            f"{count} active border transport means without any {transit_office}: keep one "
            "(the means crossing the border) or declare the offices of transit where the means change",
            index=i,
        )


def _border_means_count(count: int) -> Callable[[CC015C], None]:
    change = _border(*(_border_means(i, office="DE004058", ident=f"HHAB{i:04d}") for i in range(1, count + 1)))
    change.__name__ = f"{count}_border_means"
    return change


R0789 = Rule(
    "R0789",
    "Without a declared customs office of transit only one active border transport means is allowed.",
    messages=IE015,
    checks="A declaration without 17 04 000 000 CUSTOMS OFFICE OF TRANSIT (DECLARED) declares at most one "
    "19 08 000 000 ACTIVE BORDER TRANSPORT MEANS (up to 9 with offices of transit).",
    why="The active means can only change where customs see the goods, at an office of transit; without one the "
    "goods cross the border on a single means.",
    fix="Keep the means crossing the border, or declare the offices of transit where the means change.",
    check=_r0789,
    cases=(
        Fires(
            T1_ROAD,
            _border_means_count(2),
            at=f"{_CONSIGNMENT}/ActiveBorderTransportMeans[2]",
            code=14,
            says="17 04 000 000 Customs office of transit",
        ),
        Silent(T1_ROAD, _border_means_count(1)),
        Silent(T1_ROAD, _both(_border_means_count(3), _transit_office("CH001234"))),
    ),
    releases=P5_P6,
)

# ---------------------------------------------------------------------- G0115, G0020, G0118


def _g0115(ctx: Context[CC015C | CC170C]) -> Iterator[Outcome]:
    c = ctx.message.consignment
    if c.mode_of_transport_at_the_border is not None:
        return
    label = ctx.label(c, "mode_of_transport_at_the_border")
    if c.inland_mode_of_transport == "2":
        yield ctx.violation(
            c,
            "mode_of_transport_at_the_border",
            f"rail movements ({stated(ctx, c, 'inland_mode_of_transport')}) cannot leave it out: provide {label}",
        )
        return
    msg = ctx.message
    references = [msg.customs_office_of_departure.reference_number]
    if is_ie015(msg):
        references.append(msg.customs_office_of_destination_declared.reference_number)
        references += [o.reference_number for o in msg.customs_office_of_transit_declared]
    outside: list[str] = []
    for reference in references:
        country = office_country(reference)
        in_union = ctx.in_list("CL010", country)
        if in_union is None:
            yield ctx.unchecked(undecided("CL010", country), ctx.path(c, "mode_of_transport_at_the_border"))
            return
        if not in_union and country is not None and country not in outside:
            outside.append(country)
    if outside:
        yield ctx.violation(
            c,
            "mode_of_transport_at_the_border",
            f"the movement crosses the external border of the Union (offices in {', '.join(outside)}): provide {label}",
        )


def _ie170_by_rail(m: CC170C) -> None:
    m.consignment.inland_mode_of_transport = "2"


G0115 = Rule(
    "G0115",
    "The border mode of transport may be left out only for non-rail movements that stay inside the Union.",
    messages=IE015_IE170,
    checks="19 03 000 000 Mode of transport at the border is given for rail movements (inland mode 2) and for "
    "movements whose office of departure, transit or destination is outside the Union (CL010).",
    why="The Union customs code requires the border mode; customs waive it only for movements by means other "
    "than rail that never cross the Union's external border.",
    fix="Give the mode of transport at the border.",
    check=_g0115,
    cases=(
        Fires(T1_ROAD, _inland_mode("2"), at=_BORDER_MODE, says="rail movements"),
        Fires(IE170_PRESENTATION, _ie170_by_rail, at="/CC170C/Consignment/modeOfTransportAtTheBorder"),
        Fires(T1_ROAD, _transit_office("CH001234"), at=_BORDER_MODE, says="offices in CH"),
        Silent(T1_ROAD),
        Silent(IE170_PRESENTATION),
        Silent(T1_ROAD, _both(_inland_mode("2"), _border_mode("2"))),
        Undecided(T1_ROAD, at=_BORDER_MODE, without_lists=("CL010",)),
    ),
    releases=P5_P6,
)

G0020 = Rule(
    "G0020",
    "The mode of transport at the border is that of the active means expected to cross the S&S area border.",
    messages=IE015_IE170,
    reason="needs the transport plan (the carrier's or the declarant's): which means will be active when the goods "
    "cross the border of the security area is stated nowhere else in the message to compare with",
    checks="19 03 000 000 Mode of transport at the border is the mode of the active means of transport expected "
    "to carry the goods out of or into the safety and security area.",
    why="The safety and security analysis is about the means that actually crosses the border, not the one the "
    "goods leave the office of departure on.",
    fix="Give the mode of the means crossing the border, e.g. 1 for goods shipped after a road leg to the port.",
    cases=(Undecided(T1_ROAD), Undecided(IE170_PRESENTATION)),
    releases=P5_P6,
)

G0118 = Rule(
    "G0118",
    "Active border transport means may be waived for multimodal units or AEOC holders without S&S data.",
    messages=IE015,
    reason="needs the customs decisions system (the waiver authorisation) and the EOS AEO records (the holder's "
    "AEOC status); the message states neither, nor the logistical pattern",
    checks="Without safety and security data, the active border transport means may be left out for goods in "
    "numbered multimodal units under a customs authorisation, or for AEOC holders whose records trace the means.",
    why="Customs accept the missing means only under those waivers, which they grant outside the declaration.",
    fix="Declare the active border transport means unless such a waiver applies.",
    cases=(Undecided(T1_ROAD),),
    releases=P5_P6,
)
