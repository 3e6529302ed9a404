"""Rules on the CUSTOMS OFFICE data groups: departure, destination, transit, exit for transit.

Most of these rules look at the country of an office, which is the first two characters of
its reference number (``DE004058`` is in Germany), and ask whether that country belongs to
one of the country code lists: CL010 (Union member states), CL112 (common transit countries
outside the Union), CL009 (every common transit country) or CL147 (the customs security
agreement area). Those lists are packaged, so the checks are decidable offline; when a list
is not available a check reports *not checked* instead of guessing.

G0034 also needs the roles of the destination office, which the customs office list knows.

Each rule is one :class:`~ncts5.rules.declaration.Rule` value named by its id, with its check and
its example cases just above it (see :mod:`ncts5.rules.declaration`).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypeVar

from ncts5.messages.facets import to_text
from ncts5.rules.context import Context, Outcome
from ncts5.rules.declaration import IE015, P5_P6, P6, TRANSITION, Fires, Rule, Silent, Suspends, Undecided
from ncts5.rules.examples import T1_ROAD, TIR
from ncts5.rules.kit import (
    EXPORT_DECLARATION,
    declaration_exports_followed_by_transit,
    exports_followed_by_transit,
    has_entry_summary,
    has_exit_summary,
    has_security_data,
    office_country,
    undecided,
)

if TYPE_CHECKING:
    from ncts5.messages.cc015c import (
        CC015C,
        CustomsOfficeOfDeparture,
        CustomsOfficeOfDestinationDeclared,
        CustomsOfficeOfTransitDeclared,
    )
    from ncts5.messages.p6 import cc015c as p6
    from ncts5.messages.p6.cc015c import CC015C as P6CC015C

    #: An IE015 of either release, for the helpers the Phase 5 and Phase 6 checks share.
    AnyCC015C = CC015C | P6CC015C

#: The context a check of this module takes (the country-list wrapper keeps it).
_Ctx = TypeVar("_Ctx", bound="Context[Any]")

_DEPARTURE = "/CC015C/CustomsOfficeOfDeparture/referenceNumber"
_DESTINATION = "/CC015C/CustomsOfficeOfDestinationDeclared/referenceNumber"
_TRANSIT = "/CC015C/CustomsOfficeOfTransitDeclared"
_EXIT = "/CC015C/CustomsOfficeOfExitForTransitDeclared"
#: After the T1 example's preparation date and time (2026-03-02T09:15:00).
_LATER = datetime(2026, 3, 3, 8, 0, 0)

# ---------------------------------------------------------------------------------- country lists


class _Undecided(Exception):
    """A check needed to know whether a country is in a list that cannot tell (missing or partial)."""

    def __init__(self, list_id: str, country: str) -> None:
        super().__init__(list_id, country)
        self.list_id = list_id
        self.country = country

    def reason(self) -> str:
        return undecided(self.list_id, self.country)


def _lookup(ctx: Context[AnyCC015C], list_id: str, country: str | None) -> bool | None:
    """Whether ``country`` is in ``list_id`` on the decisive date; None when the lists cannot tell."""
    if country is None:
        return False
    found = ctx.in_list(list_id, country)
    if found is None and list_id == "CL010" and ctx.in_list("CL112", country):
        return False  # CL112 holds the contracting parties other than the Union: none is a member state
    return found


def _member(ctx: Context[AnyCC015C], list_id: str, country: str | None) -> bool:
    """Like :func:`_lookup`, raising :class:`_Undecided` instead of answering None."""
    found = _lookup(ctx, list_id, country)
    if found is None:
        raise _Undecided(list_id, country or "")
    return found


def _any(ctx: Context[AnyCC015C], list_id: str, countries: Iterable[str | None], *, outside: bool = False) -> bool:
    """Whether one of ``countries`` is in (``outside``: is not in) the list; undecided only if no answer is sure."""
    unsure: str | None = None
    for country in countries:
        found = _lookup(ctx, list_id, country)
        if found is None:
            unsure = country
        elif found != outside:
            return True
    if unsure is not None:
        raise _Undecided(list_id, unsure)
    return False


def _country_lists(fn: Callable[[_Ctx], Iterator[Outcome]]) -> Callable[[_Ctx], Iterator[Outcome]]:
    """Turn an undecidable country question into a *not checked* outcome of the decorated check."""

    @functools.wraps(fn)
    def wrapper(ctx: _Ctx) -> Iterator[Outcome]:
        try:
            yield from fn(ctx)
        except _Undecided as unsure:
            yield ctx.unchecked(unsure.reason())

    return wrapper


def _unsure(
    ctx: Context[CC015C],
    list_id: str,
    office: CustomsOfficeOfDeparture | CustomsOfficeOfDestinationDeclared | CustomsOfficeOfTransitDeclared,
) -> Outcome:
    """*Not checked* for one office whose country the lists cannot classify."""
    return ctx.unchecked(
        undecided(list_id, office_country(office.reference_number) or ""), ctx.path(office, "reference_number")
    )


def _countries(
    offices: Iterable[CustomsOfficeOfTransitDeclared | p6.CustomsOfficeOfTransitDeclared],
) -> list[str | None]:
    return [office_country(o.reference_number) for o in offices]


def _group(ctx: Context[AnyCC015C], field: str) -> str:
    """Number and name of a data group of the message root, e.g. ``17 04 000 000 CUSTOMS OFFICE ...``."""
    return ctx.label(ctx.message, field)


# ---------------------------------------------------------------------------------- example changes


def _movement(
    departure: str | None = None,
    destination: str | None = None,
    *,
    transit: tuple[str, ...] = (),
    exits: tuple[str, ...] = (),
    routing: tuple[str, ...] = (),
    security: str | None = None,
    declaration_type: str | None = None,
    arrival: datetime | None = None,
) -> Callable[[CC015C], None]:
    """A change to an example's offices (and what decides which offices it needs).

    Offices of transit and of exit for transit are replaced by the given ones (none by default);
    departure, destination, routing, security and declaration type change only when given.
    """
    parts = [
        f"{declaration_type}" if declaration_type else "",
        f"security_{security}" if security else "",
        f"from_{departure}" if departure else "",
        f"to_{destination}" if destination else "",
        f"routed_{'_'.join(routing)}" if routing else "",
        f"via_{'_'.join(transit)}" if transit else "",
        f"exit_{'_'.join(exits)}" if exits else "",
        f"arriving_{arrival:%Y%m%dT%H%M}" if arrival else "",
    ]

    def change(m: CC015C) -> None:
        from ncts5.messages.cc015c import (
            CountryOfRoutingOfConsignment,
            CustomsOfficeOfExitForTransitDeclared,
            CustomsOfficeOfTransitDeclared,
        )

        if departure:
            m.customs_office_of_departure.reference_number = departure
        if destination:
            m.customs_office_of_destination_declared.reference_number = destination
        if security:
            m.transit_operation.security = security
        if declaration_type:
            m.transit_operation.declaration_type = declaration_type
        if routing:
            m.consignment.country_of_routing_of_consignment = [
                CountryOfRoutingOfConsignment(sequence_number=i, country=c) for i, c in enumerate(routing, 1)
            ]
        m.customs_office_of_transit_declared = [
            CustomsOfficeOfTransitDeclared(
                sequence_number=i, reference_number=ref, arrival_date_and_time_estimated=arrival
            )
            for i, ref in enumerate(transit, 1)
        ]
        m.customs_office_of_exit_for_transit_declared = [
            CustomsOfficeOfExitForTransitDeclared(sequence_number=i, reference_number=ref)
            for i, ref in enumerate(exits, 1)
        ]

    change.__name__ = "_".join(p for p in parts if p) or "no_offices_of_transit"
    return change


# ---------------------------------------------------------------------------------- R0003


def _r0003(ctx: Context[CC015C]) -> Iterator[Outcome]:
    first_seen: dict[str, CustomsOfficeOfTransitDeclared] = {}
    for office in ctx.message.customs_office_of_transit_declared:
        ref = office.reference_number
        if ref in first_seen:
            yield ctx.violation(
                office,
                "reference_number",
                f"customs office {ref} is already declared as office of transit (sequence number "
                f"{first_seen[ref].sequence_number}); each {ctx.label(office, 'reference_number')} may appear "
                "only once: remove the repeated office of transit",
            )
        else:
            first_seen[ref] = office


R0003 = Rule(
    "R0003",
    "Each customs office of transit may be declared only once.",
    messages=IE015,
    checks="No two CUSTOMS OFFICE OF TRANSIT (DECLARED) give the same 17 04 001 000 Reference number.",
    why="An office of transit is where the goods cross into another customs territory; the same office twice "
    "describes no route and would be notified twice.",
    fix="Remove the repeated office of transit.",
    check=_r0003,
    cases=(
        Fires(
            T1_ROAD,
            _movement(transit=("CH001234", "DE004058", "CH001234")),
            at=f"{_TRANSIT}[3]/referenceNumber",
            code=14,
            says="sequence number 1",
        ),
        Silent(T1_ROAD, _movement(transit=("CH001234", "DE004058"))),
    ),
    releases=P5_P6,
)

# ---------------------------------------------------------------------------------- R0005


def _r0005(ctx: Context[CC015C]) -> Iterator[Outcome]:
    prepared = ctx.message.preparation_date_and_time
    for office in ctx.message.customs_office_of_transit_declared:
        arrival = office.arrival_date_and_time_estimated
        if arrival is None:
            continue
        a, p = arrival, prepared
        if (a.tzinfo is None) != (p.tzinfo is None):  # compare wall-clock times when only one has a zone
            a, p = a.replace(tzinfo=None), p.replace(tzinfo=None)
        if a <= p:
            yield ctx.violation(
                office,
                "arrival_date_and_time_estimated",
                f"the estimated arrival at office of transit {office.reference_number} is not after the message's "
                f"preparation date and time ({to_text(prepared)}); give a later "
                f"{ctx.label(office, 'arrival_date_and_time_estimated')}",
            )


def _late_arrival(m: CC015C) -> None:
    _movement(transit=("CH001234",), arrival=datetime(2026, 3, 1, 12, 0, 0))(m)


R0005 = Rule(
    "R0005",
    "The estimated arrival at an office of transit must be later than the message's preparation time.",
    messages=IE015,
    checks="Each 15 03 000 000 Arrival date and time (estimated) at an office of transit is after the message's "
    "preparation date and time.",
    why="The estimate announces when the goods will reach the office; a time that has already passed when the "
    "declaration is written cannot be one.",
    fix="Give an arrival date and time after the moment the message is prepared.",
    check=_r0005,
    cases=(
        Fires(
            T1_ROAD,
            _movement(transit=("CH001234",), arrival=datetime(2026, 3, 2, 9, 15, 0)),
            at=f"{_TRANSIT}[1]/arrivalDateAndTimeEstimated",
            code=14,
        ),
        Fires(T1_ROAD, _late_arrival, at=f"{_TRANSIT}[1]/arrivalDateAndTimeEstimated", says="2026-03-02T09:15:00"),
        Silent(T1_ROAD, _movement(transit=("CH001234",), arrival=_LATER)),
        Silent(T1_ROAD, _movement(transit=("AT000100",))),
    ),
    releases=P5_P6,
)

B1904 = Rule(
    "B1904",
    "Transition: the estimated arrival date at a transit office need not lie after the message preparation.",
    messages=IE015,
    phases=TRANSITION,
    error_code=50,
    suspends=("R0005",),
    checks="Nothing of its own: during the transition period R0005 (arrival at an office of transit after the "
    "message's preparation) is switched off.",
    why="Until TPendDate customs convert declarations to the phase 4 message, which did not carry this check.",
    fix="Nothing to fix during the transition period; afterwards follow R0005.",
    cases=(Suspends(T1_ROAD, _late_arrival),),
)

# ---------------------------------------------------------------------------------- R0006


@_country_lists
def _r0006(ctx: Context[CC015C]) -> Iterator[Outcome]:
    msg = ctx.message
    transit = msg.customs_office_of_transit_declared
    destination = msg.customs_office_of_destination_declared.reference_number
    dep_country = office_country(msg.customs_office_of_departure.reference_number)
    dest_country = office_country(destination)
    transit_countries = _countries(transit)
    label = _group(ctx, "customs_office_of_transit_declared")
    code = 13 if not transit else 14
    if _member(ctx, "CL112", dest_country) and dest_country not in transit_countries:
        yield ctx.violation(
            msg,
            "customs_office_of_transit_declared",
            f"the office of destination {destination} is in the common transit country {dest_country}: declare the "
            f"office where the goods enter {dest_country} as {label}",
            code=code,
        )
    from_ctc_to_union = _member(ctx, "CL112", dep_country) and _member(ctx, "CL010", dest_country)
    if from_ctc_to_union and not _any(ctx, "CL010", transit_countries):
        yield ctx.violation(
            msg,
            "customs_office_of_transit_declared",
            f"the goods leave the common transit country {dep_country} for the Union ({dest_country}): declare "
            f"the office where they enter the Union as {label}",
            code=code,
        )


R0006 = Rule(
    "R0006",
    "Offices of transit must include one in the destination's CTC country, and one in the Union when "
    "a movement from a CTC country ends in the Union.",
    messages=IE015,
    checks="When the office of destination is in a common transit country outside the Union (CL112), an office of "
    "transit is in that country; when the office of departure is in such a country and the destination in the "
    "Union (CL010), an office of transit is in the Union.",
    why="An office of transit is where the goods enter another contracting party of the convention; the country "
    "of destination and the Union, entered from outside, each need theirs.",
    fix="Declare the office where the goods enter the country of destination (or the Union) as an office of transit.",
    check=_r0006,
    cases=(
        Fires(
            T1_ROAD,
            _movement("DE004058", "CH001234", transit=("AT000100",)),
            at=_TRANSIT,
            code=14,
            says="enter CH",
        ),
        Fires(T1_ROAD, _movement("DE004058", "CH001234"), at=_TRANSIT, code=13),
        Fires(
            T1_ROAD,
            _movement("CH001234", "DE004058", transit=("CH002000",)),
            at=_TRANSIT,
            says="enter the Union",
        ),
        Silent(T1_ROAD, _movement("DE004058", "CH001234", transit=("AT000100", "CH002000"))),
        Silent(T1_ROAD, _movement("CH001234", "DE004058", transit=("CH002000", "DE004058"))),
        Silent(T1_ROAD),
        Silent(T1_ROAD, _movement("NO000100", "CH001234", transit=("CH002000",))),
        Undecided(T1_ROAD, _movement("CH001234", "DE004058", transit=("CH002000",)), without_lists=("CL010",)),
    ),
    releases=P5_P6,
)

B1813 = Rule(
    "B1813",
    "Transition period: uniqueness (R0003) and country (R0006) checks of offices of transit are switched off.",
    messages=IE015,
    phases=TRANSITION,
    error_code=50,
    suspends=("R0003", "R0006"),
    checks="Nothing of its own: during the transition period R0003 (each office of transit once) and R0006 "
    "(offices of transit in the countries entered) are switched off.",
    why="Until TPendDate customs convert declarations to the phase 4 message, which did not carry these checks.",
    fix="Nothing to fix during the transition period; afterwards follow R0003 and R0006.",
    cases=(Suspends(T1_ROAD, _movement("DE004058", "CH001234", transit=("AT000100", "AT000100"))),),
)

# ---------------------------------------------------------------------------------- R0906


def _r0906(ctx: Context[CC015C]) -> Iterator[Outcome]:
    msg = ctx.message
    transit = msg.customs_office_of_transit_declared
    destination = msg.customs_office_of_destination_declared.reference_number
    if office_country(destination) != "AD" or not transit:  # without any office of transit C0030 reports the gap
        return
    if not any(office_country(o.reference_number) == "AD" for o in transit):
        yield ctx.violation(
            msg,
            "customs_office_of_transit_declared",
            f"the office of destination {destination} is in Andorra but no office of transit is: declare the "
            f"Andorran office where the goods enter Andorra as {_group(ctx, 'customs_office_of_transit_declared')}",
        )


R0906 = Rule(
    "R0906",
    "A movement to an office of destination in Andorra must pass an office of transit in Andorra.",
    messages=IE015,
    checks="When the office of destination is in Andorra, one of the offices of transit is in Andorra too (a "
    "declaration without any office of transit is C0030's finding).",
    why="Andorra is outside the Union's customs territory for the goods concerned: they enter it at an Andorran "
    "office, which must be declared as office of transit.",
    fix="Declare the Andorran office where the goods enter Andorra as an office of transit.",
    check=_r0906,
    cases=(
        Fires(T1_ROAD, _movement("FR000100", "AD000001", transit=("FR000200",)), at=_TRANSIT, code=14),
        Silent(T1_ROAD, _movement("FR000100", "AD000001", transit=("FR000200", "AD000002"))),
        Silent(T1_ROAD, _movement("FR000100", "AD000001")),
        Silent(T1_ROAD, _movement("FR000100", "ES000100", transit=("FR000200",))),
    ),
    releases=P5_P6,
)

# ---------------------------------------------------------------------------------- C0030


def _c0030_requirement(ctx: Context[CC015C]) -> tuple[str, str]:
    """Whether offices of transit are required ("R"), optional ("O") or not allowed ("N"), and why."""
    msg = ctx.message
    kind = msg.transit_operation.declaration_type
    dep_country = office_country(msg.customs_office_of_departure.reference_number)
    dest_country = office_country(msg.customs_office_of_destination_declared.reference_number)
    if kind in ("TIR", "T2SM"):
        return "N", f"declaration type {kind} has no offices of transit"
    if _member(ctx, "CL112", dep_country) and _member(ctx, "CL112", dest_country) and dep_country == dest_country:
        return "O", "the movement stays within one common transit country"
    if kind == "T2":
        return "R", "declaration type T2 needs offices of transit"
    if kind == "T":
        items = (i for h in msg.consignment.house_consignment for i in h.consignment_item)
        if any(item.declaration_type == "T2" for item in items):
            return "R", "goods items declared as T2 need offices of transit"
    if _member(ctx, "CL112", dep_country) or _member(ctx, "CL112", dest_country):
        return "R", "the office of departure or destination is in a common transit country outside the Union"
    for route in msg.consignment.country_of_routing_of_consignment:
        if _member(ctx, "CL112", route.country):
            return "R", f"the goods are routed through the common transit country {route.country}"
    if "AD" in (dep_country, dest_country):
        return "R", "the movement starts or ends in Andorra"
    if msg.customs_office_of_exit_for_transit_declared:
        return "R", "an office of exit for transit is declared"
    return "O", "offices of transit are optional for this movement"


@_country_lists
def _c0030(ctx: Context[CC015C]) -> Iterator[Outcome]:
    msg = ctx.message
    transit = msg.customs_office_of_transit_declared
    requirement, why = _c0030_requirement(ctx)
    label = _group(ctx, "customs_office_of_transit_declared")
    if requirement == "N":
        for i, _office in enumerate(transit):
            yield ctx.violation(msg, "customs_office_of_transit_declared", f"{why}: remove {label}", code=15, index=i)
    elif requirement == "R" and not transit:
        yield ctx.violation(msg, "customs_office_of_transit_declared", f"{why}: declare {label}", code=13)


def _t_with_a_t2_item(m: CC015C) -> None:
    m.transit_operation.declaration_type = "T"
    m.consignment.house_consignment[0].consignment_item[0].declaration_type = "T2"


C0030 = Rule(
    "C0030",
    "Offices of transit are not allowed for TIR and T2SM, and required when the movement crosses into "
    "or out of a common transit country, is T2, or goes to or from Andorra.",
    messages=IE015,
    checks="No CUSTOMS OFFICE OF TRANSIT (DECLARED) for declaration types TIR and T2SM. Otherwise at least one is "
    "required for T2 (or T with T2 items), when the office of departure or destination or a country of routing "
    "is in a common transit country outside the Union (CL112), for a movement to or from Andorra, and with an "
    "office of exit for transit; it is optional within one such country and in every other case.",
    why="Offices of transit are where the goods enter another contracting party; TIR and T2SM movements use "
    "other arrangements and take none.",
    fix="Declare the office where the goods enter each territory as office of transit, or remove the offices of "
    "transit from a TIR or T2SM declaration.",
    check=_c0030,
    cases=(
        Fires(TIR, _movement(transit=("DE004058", "NL000396")), at=(f"{_TRANSIT}[1]", f"{_TRANSIT}[2]"), code=15),
        Fires(T1_ROAD, _movement(declaration_type="T2SM", transit=("IT000100",)), at=f"{_TRANSIT}[1]", code=15),
        Fires(T1_ROAD, _movement(declaration_type="T2"), at=_TRANSIT, code=13, says="T2"),
        Fires(T1_ROAD, _t_with_a_t2_item, at=_TRANSIT, code=13, says="goods items declared as T2"),
        Fires(T1_ROAD, _movement("DE004058", "CH001234"), at=_TRANSIT, says="common transit country"),
        Fires(T1_ROAD, _movement("GB000100", "DE004058"), at=_TRANSIT, says="common transit country"),
        Fires(T1_ROAD, _movement(routing=("DE", "CH", "IT")), at=_TRANSIT, says="routed through"),
        Fires(T1_ROAD, _movement("ES000100", "AD000001"), at=_TRANSIT, says="Andorra"),
        Fires(T1_ROAD, _movement(exits=("FR000100",)), at=_TRANSIT, says="exit for transit"),
        Silent(T1_ROAD),
        Silent(TIR),
        Silent(T1_ROAD, _movement("DE004058", "NL000396", transit=("BE000100",))),
        Silent(T1_ROAD, _movement("CH001234", "CH002000", declaration_type="T2")),
        Undecided(T1_ROAD, _movement("GB000100", "DE004058"), without_lists=("CL112",)),
    ),
    releases=P5_P6,
)

# ---------------------------------------------------------------------------------- G0030


def _via(msg: CC015C, departure: str | None, destination: str | None) -> list[str]:
    """The countries of routing the goods pass *between* the departure and the destination country.

    Countries listed before the departure country or after the destination country are not
    passed on the way: the declaration guide has the routing end with the country of destination,
    which after an export is a third country beyond the office of destination (an office of exit).
    """
    routes = sorted(msg.consignment.country_of_routing_of_consignment, key=lambda r: r.sequence_number)
    countries = [r.country for r in routes]
    start = countries.index(departure) + 1 if departure in countries else 0
    end = len(countries) - countries[::-1].index(destination) - 1 if destination in countries else len(countries)
    return countries[start:end]


@_country_lists
def _g0030(ctx: Context[CC015C]) -> Iterator[Outcome]:
    msg = ctx.message
    dep_country = office_country(msg.customs_office_of_departure.reference_number)
    dest_country = office_country(msg.customs_office_of_destination_declared.reference_number)
    if not (_member(ctx, "CL010", dep_country) and _member(ctx, "CL010", dest_country)):
        return
    if _any(ctx, "CL010", _countries(msg.customs_office_of_transit_declared)):
        return  # checked first: a Union office of transit settles it without classifying the route
    found = {c: _lookup(ctx, "CL009", c) for c in _via(msg, dep_country, dest_country)}
    outside = [c for c, inside in found.items() if inside is False]
    if not outside:
        unsure = [c for c, inside in found.items() if inside is None]
        if unsure:
            raise _Undecided("CL009", unsure[0])
        return
    yield ctx.violation(
        msg,
        "customs_office_of_transit_declared",
        f"the goods travel between Union member states through {', '.join(sorted(set(outside)))}, outside the "
        f"common transit area: declare the office where they re-enter the Union as "
        f"{_group(ctx, 'customs_office_of_transit_declared')}",
        code=13,
    )


G0030 = Rule(
    "G0030",
    "A Union-to-Union movement through a country outside common transit should declare the office of "
    "transit where the goods re-enter the Union.",
    messages=IE015,
    checks="A movement between two Union member states whose routing passes a country outside the common transit "
    "area (CL009) between them declares an office of transit in the Union. Countries routed before the departure "
    "or after the destination country are not passed on the way.",
    why="Outside the common transit area the transit procedure is interrupted; customs need the office where "
    "the goods come back under it.",
    fix="Declare the office where the goods re-enter the Union as an office of transit.",
    check=_g0030,
    cases=(
        Fires(
            T1_ROAD,
            _movement("DE004058", "GR000100", routing=("DE", "AL", "GR")),
            at=_TRANSIT,
            code=13,
            says="through AL",
        ),
        Fires(
            T1_ROAD,
            _movement("DE004058", "GR000100", routing=("DE", "AL", "GR", "US")),
            at=_TRANSIT,
            says="through AL, outside",
        ),
        Silent(T1_ROAD, _movement("DE004058", "GR000100", routing=("DE", "AL", "GR"), transit=("GR000200",))),
        Silent(T1_ROAD, _movement("DE004058", "DE004851", routing=("DE", "US"))),
        Silent(T1_ROAD, _movement("DE004058", "NL000396", routing=("DE", "NL", "US"))),
        Silent(T1_ROAD, _movement("DE004058", "NL000396", routing=("US", "DE", "NL"))),
        Silent(T1_ROAD, _movement("DE004058", "IT000100", routing=("DE", "CH", "IT"))),
        Undecided(T1_ROAD, _movement("DE004058", "GR000100", routing=("DE", "AL", "GR")), without_lists=("CL009",)),
    ),
    releases=P5_P6,
)

# ---------------------------------------------------------------------------------- G0142


def _party(ctx: Context[CC015C], country: str | None) -> str | None:
    """The contracting party of the common transit convention a country belongs to (the Union is one)."""
    if _member(ctx, "CL112", country):  # complete list: asked first
        return country
    if _member(ctx, "CL010", country):
        return "EU"
    return None


@_country_lists
def _g0142(ctx: Context[CC015C]) -> Iterator[Outcome]:
    msg = ctx.message
    if msg.transit_operation.declaration_type in ("TIR", "T2SM"):
        return
    start = _party(ctx, office_country(msg.customs_office_of_departure.reference_number))
    if start is None:
        return
    routes = sorted(msg.consignment.country_of_routing_of_consignment, key=lambda r: r.sequence_number)
    destination = office_country(msg.customs_office_of_destination_declared.reference_number)
    path = [start]
    for country in [r.country for r in routes] + [destination]:
        party = _party(ctx, country)
        if party is not None and party != path[-1]:
            path.append(party)
    entered = list(dict.fromkeys(path[1:]))
    covered = {_party(ctx, c) for c in _countries(msg.customs_office_of_transit_declared)}
    for party in entered:
        if party in covered:
            continue
        where = "the Union" if party == "EU" else party
        yield ctx.violation(
            msg,
            "customs_office_of_transit_declared",
            f"the goods pass from one contracting party of common transit into {where}: declare the office where "
            f"they enter {where} as {_group(ctx, 'customs_office_of_transit_declared')}",
            code=13,
        )


G0142 = Rule(
    "G0142",
    "Each contracting party the goods enter after the one of departure should have an office of transit.",
    messages=IE015,
    checks="Following the office of departure, the countries of routing and the office of destination, every "
    "contracting party of common transit the goods enter (the Union counts as one) has an office of transit "
    "(not for TIR and T2SM).",
    why="Each contracting party controls the goods where they enter its territory; that office is the office of "
    "transit.",
    fix="Declare an office of transit for each contracting party the goods enter.",
    check=_g0142,
    cases=(
        Fires(T1_ROAD, _movement("DE004058", "CH001234"), at=_TRANSIT, code=13, says="into CH"),
        Fires(
            T1_ROAD,
            _movement("DE004058", "AT000100", routing=("DE", "CH", "AT"), transit=("CH002000",)),
            at=_TRANSIT,
            says="into the Union",
        ),
        Fires(T1_ROAD, _movement("DE004058", "AT000100", routing=("DE", "CH", "AT")), at=(_TRANSIT, _TRANSIT)),
        Fires(
            T1_ROAD,
            _movement("CH001234", "NO000100", routing=("CH", "DE", "NO"), transit=("DE004058",)),
            at=_TRANSIT,
            says="into NO",
        ),
        Silent(T1_ROAD),
        Silent(
            T1_ROAD, _movement("DE004058", "AT000100", routing=("DE", "CH", "AT"), transit=("CH002000", "AT000200"))
        ),
        Silent(T1_ROAD, _movement("DE004058", "CH001234", transit=("CH002000",))),
        Silent(TIR, _movement(destination="CH001234")),
        Undecided(T1_ROAD, _movement("DE004058", "CH001234"), without_lists=("CL112",)),
    ),
    releases=P5_P6,
)

# ---------------------------------------------------------------------------------- C0598 and B1831


@_country_lists
def _c0598(ctx: Context[CC015C]) -> Iterator[Outcome]:
    security = ctx.message.transit_operation.security
    if not has_entry_summary(security):
        return
    for office in ctx.message.customs_office_of_transit_declared:
        if office.arrival_date_and_time_estimated is not None:
            continue
        in_area = _lookup(ctx, "CL147", office_country(office.reference_number))
        if in_area is None:
            yield _unsure(ctx, "CL147", office)
        elif in_area:
            yield ctx.violation(
                office,
                "arrival_date_and_time_estimated",
                f"security {security} includes an entry summary declaration and office of transit "
                f"{office.reference_number} is in the security area: provide "
                f"{ctx.label(office, 'arrival_date_and_time_estimated')}",
                code=13,
            )


C0598 = Rule(
    "C0598",
    "With an entry summary declaration (security 1 or 3), the estimated arrival is required at offices "
    "of transit in the security area.",
    messages=IE015,
    checks="With 11 07 000 000 Security 1 or 3, each office of transit in the customs security agreement area "
    "(CL147) gives 15 03 000 000 Arrival date and time (estimated).",
    why="An entry summary declaration lets the office where the goods enter the security area analyse the risk "
    "before they arrive; it needs to know when.",
    fix="Give the estimated arrival at each office of transit in the security area.",
    check=_c0598,
    cases=(
        Fires(
            T1_ROAD,
            _movement("DE004058", "CH001234", transit=("CH002000",), security="1"),
            at=f"{_TRANSIT}[1]/arrivalDateAndTimeEstimated",
            code=13,
        ),
        Fires(
            T1_ROAD,
            _movement("DE004058", "CH001234", transit=("CH002000",), security="3"),
            at=f"{_TRANSIT}[1]/arrivalDateAndTimeEstimated",
        ),
        Silent(T1_ROAD, _movement(transit=("CH002000",), security="0")),
        Silent(T1_ROAD, _movement(transit=("CH002000",), security="2")),
        Silent(T1_ROAD, _movement(transit=("CH002000",), security="1", arrival=_LATER)),
        Silent(T1_ROAD, _movement("DE004058", "GB000100", transit=("GB000200",), security="1")),
        Undecided(
            T1_ROAD,
            _movement("DE004058", "GB000100", transit=("GB000200",), security="1"),
            at=f"{_TRANSIT}[1]/referenceNumber",
            without_lists=("CL147",),
        ),
    ),
    releases=P5_P6,
)


@_country_lists
def _b1831(ctx: Context[CC015C]) -> Iterator[Outcome]:
    msg = ctx.message
    transit = msg.customs_office_of_transit_declared
    departure = msg.customs_office_of_departure.reference_number
    if not has_security_data(msg.transit_operation.security) or not transit:
        return
    if _member(ctx, "CL010", office_country(departure)):
        return
    for office in transit:
        if office.arrival_date_and_time_estimated is not None:
            continue
        in_union = _lookup(ctx, "CL010", office_country(office.reference_number))
        if in_union is None:
            yield _unsure(ctx, "CL010", office)
        elif in_union:
            yield ctx.violation(
                office,
                "arrival_date_and_time_estimated",
                f"during the transition period, goods with security data that enter the Union at office of transit "
                f"{office.reference_number} from an office of departure outside the Union ({departure}) need "
                f"{ctx.label(office, 'arrival_date_and_time_estimated')}",
            )


B1831 = Rule(
    "B1831",
    "Transition period: the estimated arrival is required at Union offices of transit when the "
    "office of departure is outside the Union and security data is declared.",
    messages=IE015,
    phases=TRANSITION,
    error_code=50,
    suspends=("C0598",),
    checks="During the transition period C0598 is switched off; instead, with security data (11 07 000 000 "
    "Security 1, 2 or 3) and an office of departure outside the Union, each office of transit in the Union "
    "(CL010) gives 15 03 000 000 Arrival date and time (estimated).",
    why="Until TPendDate the Union's entry risk analysis runs at its offices of transit for goods coming from "
    "outside, and it needs to know when they arrive.",
    fix="Give the estimated arrival at each Union office of transit.",
    check=_b1831,
    cases=(
        Fires(
            T1_ROAD,
            _movement("CH001234", "NL000396", transit=("DE004058", "CH002000"), security="2"),
            at=f"{_TRANSIT}[1]/arrivalDateAndTimeEstimated",
            phase="transition",
            code=50,
        ),
        Silent(T1_ROAD, _movement("CH001234", transit=("DE004058",), security="0"), phase="transition"),
        Silent(T1_ROAD, _movement("DE004058", transit=("DE004058",), security="2"), phase="transition"),
        Silent(T1_ROAD, _movement("CH001234", transit=("DE004058",), security="1", arrival=_LATER), phase="transition"),
        Undecided(
            T1_ROAD,
            _movement("CH001234", "NL000396", transit=("DE004058",), security="2"),
            at=f"{_TRANSIT}[1]/referenceNumber",
            phase="transition",
            without_lists=("CL010",),
        ),
        Suspends(T1_ROAD, _movement("DE004058", "CH001234", transit=("CH002000",), security="1")),
    ),
)

# ---------------------------------------------------------------------------------- C0587, B1966, G0587, R0103


@_country_lists
def _c0587(ctx: Context[AnyCC015C]) -> Iterator[Outcome]:
    msg = ctx.message
    if not msg.customs_office_of_exit_for_transit_declared:
        return
    security = msg.transit_operation.security
    if has_exit_summary(security):
        if _any(ctx, "CL147", _countries(msg.customs_office_of_transit_declared), outside=True):
            return
        why = "no office of transit is outside the customs security agreement area (CL147)"
    else:
        why = f"security {security} includes no exit summary declaration"
    label = _group(ctx, "customs_office_of_exit_for_transit_declared")
    for i, _office in enumerate(msg.customs_office_of_exit_for_transit_declared):
        yield ctx.violation(
            msg, "customs_office_of_exit_for_transit_declared", f"{why}: remove {label}", code=15, index=i
        )


_TWO_EXITS = ("FR000100", "BE000100")

C0587 = Rule(
    "C0587",
    "An office of exit for transit is allowed only with an exit summary declaration (security 2 or 3) "
    "and an office of transit outside the security area.",
    messages=IE015,
    checks="CUSTOMS OFFICE OF EXIT FOR TRANSIT (DECLARED) is given only with 11 07 000 000 Security 2 or 3 and at "
    "least one office of transit outside the customs security agreement area (CL147).",
    why="The office of exit for transit is where goods with an exit summary declaration leave the security area "
    "during the transit; without an exit summary or without leaving the area there is no such office.",
    fix="Remove the office of exit for transit, or declare the exit summary data and the office of transit "
    "outside the security area.",
    check=_c0587,
    cases=(
        Fires(
            T1_ROAD,
            _movement("DE004058", "NL000396", transit=("GB000100",), exits=_TWO_EXITS, security="0"),
            at=(f"{_EXIT}[1]", f"{_EXIT}[2]"),
            code=15,
            says="security 0",
        ),
        Fires(
            T1_ROAD,
            _movement("DE004058", "NL000396", transit=("GB000100",), exits=_TWO_EXITS, security="1"),
            at=(f"{_EXIT}[1]", f"{_EXIT}[2]"),
        ),
        Fires(
            T1_ROAD,
            _movement("DE004058", "NL000396", transit=("CH001234",), exits=_TWO_EXITS, security="2"),
            at=(f"{_EXIT}[1]", f"{_EXIT}[2]"),
            says="outside the customs security agreement area",
        ),
        Silent(T1_ROAD),
        Silent(
            T1_ROAD,
            _movement("DE004058", "IE000100", transit=("GB000100", "IE000200"), exits=("FR000100",), security="2"),
        ),
        Silent(
            T1_ROAD,
            _movement("DE004058", "IE000100", transit=("GB000100", "IE000200"), exits=("FR000100",), security="3"),
        ),
        Undecided(
            T1_ROAD,
            _movement("DE004058", "IE000100", transit=("GB000100",), exits=("FR000100",), security="2"),
            without_lists=("CL147",),
        ),
    ),
)


def _c0587_p6(ctx: Context[P6CC015C]) -> Iterator[Outcome]:
    """Phase 6 states on Security what ncts5's Phase 5 check already read there, so the check is shared."""
    yield from _c0587(ctx)


C0587_P6 = Rule(
    "C0587",
    "An office of exit for transit is allowed only with an exit summary declaration (security 2 or 3) "
    "and an office of transit outside the security area.",
    messages=IE015,
    releases=P6,
    checks="CUSTOMS OFFICE OF EXIT FOR TRANSIT (DECLARED) is given only with 11 07 000 000 Security 2 or 3 and at "
    "least one office of transit outside the customs security agreement area (CL147). Unlike Phase 5, whose "
    "text tested Declaration type (a misprint ncts5 read as Security), Phase 6 names Security itself.",
    why="The office of exit for transit is where goods with an exit summary declaration leave the security area "
    "during the transit; without an exit summary or without leaving the area there is no such office.",
    fix="Remove the office of exit for transit, or declare the exit summary data and the office of transit "
    "outside the security area.",
    check=_c0587_p6,
    cases=(
        Fires(
            T1_ROAD,
            _movement("DE004058", "NL000396", transit=("GB000100",), exits=_TWO_EXITS, security="0"),
            at=(f"{_EXIT}[1]", f"{_EXIT}[2]"),
            code=15,
            says="security 0",
        ),
        Fires(
            T1_ROAD,
            _movement("DE004058", "NL000396", transit=("CH001234",), exits=_TWO_EXITS, security="2"),
            at=(f"{_EXIT}[1]", f"{_EXIT}[2]"),
            code=15,
            says="outside the customs security agreement area",
        ),
        Silent(T1_ROAD),
        Silent(
            T1_ROAD,
            _movement("DE004058", "IE000100", transit=("GB000100", "IE000200"), exits=("FR000100",), security="3"),
        ),
        Undecided(
            T1_ROAD,
            _movement("DE004058", "IE000100", transit=("GB000100",), exits=("FR000100",), security="2"),
            without_lists=("CL147",),
        ),
    ),
)


def _b1966(ctx: Context[CC015C]) -> Iterator[Outcome]:
    msg = ctx.message
    if not has_exit_summary(msg.transit_operation.security) or not msg.customs_office_of_exit_for_transit_declared:
        return
    outside = False
    unknown = False
    for office in msg.customs_office_of_transit_declared:
        inside = ctx.in_list("CL147", office.reference_number[:2])
        if inside is None:
            unknown = True
        elif not inside:
            outside = True
    if outside:
        return
    if unknown:
        yield ctx.unchecked(
            "the code list CL147 (security agreement area) in use cannot tell whether every office of transit "
            "lies inside the area: import the official reference data",
            ctx.path(msg, "customs_office_of_exit_for_transit_declared"),
        )
        return
    why = (
        "during the transition period an office of exit for transit is only declared when at least one office "
        "of transit lies outside the security agreement area (CL147)"
    )
    yield from ctx.forbid(msg, "customs_office_of_exit_for_transit_declared", why, code=None)


_B1966_NEEDS = "the official code list CL147 (security agreement area) to recognise a transit office outside it"


def _exit_for_transit(security: str, transit: str | None) -> Callable[[CC015C], None]:
    return _movement(transit=(transit,) if transit else (), exits=("NL000396",), security=security)


B1966 = Rule(
    "B1966",
    "Transition: with an exit summary declaration, an office of exit for transit only when a transit office lies "
    "outside the security area.",
    messages=IE015,
    phases=TRANSITION,
    error_code=50,
    suspends=("C0587",),
    needs=_B1966_NEEDS,
    reason=f"needs {_B1966_NEEDS}",
    checks="During the transition period C0587 is switched off; instead, with 11 07 000 000 Security 2 or 3, "
    "CUSTOMS OFFICE OF EXIT FOR TRANSIT (DECLARED) is given only when at least one office of transit is outside "
    "the customs security agreement area (CL147).",
    why="The office of exit for transit is where goods with an exit summary declaration leave the security area; "
    "a route that never leaves it has none.",
    fix="Remove the office of exit for transit, or declare the office of transit outside the security area.",
    check=_b1966,
    cases=(
        Fires(T1_ROAD, _exit_for_transit("2", "CH001234"), at=f"{_EXIT}[1]", phase="transition", code=50),
        Fires(T1_ROAD, _exit_for_transit("2", None), at=f"{_EXIT}[1]", phase="transition"),
        Silent(T1_ROAD, _exit_for_transit("2", "RS001234"), phase="transition"),
        Silent(T1_ROAD, _exit_for_transit("3", "TR001234"), phase="transition"),
        Silent(T1_ROAD, _exit_for_transit("1", "CH001234"), phase="transition"),
        Undecided(T1_ROAD, _exit_for_transit("3", "CH001234"), at=_EXIT, phase="transition", without_lists=("CL147",)),
        Suspends(T1_ROAD, _exit_for_transit("0", None)),
    ),
)


@_country_lists
def _g0587(ctx: Context[CC015C]) -> Iterator[Outcome]:
    msg = ctx.message
    transit = msg.customs_office_of_transit_declared
    if msg.customs_office_of_exit_for_transit_declared or not has_exit_summary(msg.transit_operation.security):
        return
    if not transit or not _member(ctx, "CL147", office_country(msg.customs_office_of_departure.reference_number)):
        return
    outside = [o.reference_number for o in transit if not _member(ctx, "CL147", office_country(o.reference_number))]
    if outside:
        yield ctx.violation(
            msg,
            "customs_office_of_exit_for_transit_declared",
            f"with an exit summary declaration the goods leave the security area before office of transit "
            f"{outside[0]}: declare the office where they leave it as "
            f"{_group(ctx, 'customs_office_of_exit_for_transit_declared')}",
            code=13,
        )


G0587 = Rule(
    "G0587",
    "With an exit summary declaration, declare the office of exit for transit when the goods leave the "
    "security area for a common transit country outside it.",
    messages=IE015,
    checks="With 11 07 000 000 Security 2 or 3, an office of departure in the customs security agreement area "
    "(CL147) and an office of transit outside it, CUSTOMS OFFICE OF EXIT FOR TRANSIT (DECLARED) is given.",
    why="Goods with an exit summary declaration are controlled where they leave the security area; that office "
    "must be known in advance.",
    fix="Declare the office where the goods leave the security area as office of exit for transit.",
    check=_g0587,
    cases=(
        Fires(
            T1_ROAD,
            _movement("DE004058", "IE000100", transit=("GB000100", "IE000200"), security="2"),
            at=_EXIT,
            code=13,
            says="GB000100",
        ),
        Silent(T1_ROAD, _movement("DE004058", "IE000100", transit=("GB000100",), security="0")),
        Silent(
            T1_ROAD,
            _movement("DE004058", "IE000100", transit=("GB000100",), exits=("FR000100",), security="2"),
        ),
        Silent(T1_ROAD, _movement("DE004058", "IE000100", transit=("CH001234",), security="2")),
        Undecided(
            T1_ROAD,
            _movement("DE004058", "IE000100", transit=("GB000100",), security="2"),
            without_lists=("CL147",),
        ),
    ),
    releases=P5_P6,
)


def _r0103(ctx: Context[CC015C]) -> Iterator[Outcome]:
    msg = ctx.message
    destination = msg.customs_office_of_destination_declared.reference_number
    transit_refs = {o.reference_number for o in msg.customs_office_of_transit_declared}
    for office in msg.customs_office_of_exit_for_transit_declared:
        ref = office.reference_number
        if ref == destination:
            role = "the office of destination"
        elif ref in transit_refs:
            role = "an office of transit"
        else:
            continue
        yield ctx.violation(
            office,
            "reference_number",
            f"office {ref} is also declared as {role}; {ctx.label(office, 'reference_number')} must name the "
            "office where the goods leave the security area, a different office",
        )


R0103 = Rule(
    "R0103",
    "The office of exit for transit must differ from every office of transit and from the office of destination.",
    messages=IE015,
    checks="No 17 06 001 000 Reference number of an office of exit for transit repeats the office of destination "
    "or an office of transit.",
    why="The office of exit for transit has its own role (the goods leave the security area there); an office "
    "already declared in another role cannot take it too.",
    fix="Name the office where the goods leave the security area, distinct from the other offices.",
    check=_r0103,
    cases=(
        Fires(
            T1_ROAD,
            _movement("DE004058", "NL000396", transit=("GB000100", "GB000200"), exits=("FR000100", "NL000396")),
            at=f"{_EXIT}[2]/referenceNumber",
            code=14,
            says="destination",
        ),
        Fires(
            T1_ROAD,
            _movement("DE004058", "NL000396", transit=("GB000100", "GB000200"), exits=("FR000100", "GB000200")),
            at=f"{_EXIT}[2]/referenceNumber",
            says="an office of transit",
        ),
        Silent(T1_ROAD, _movement("DE004058", "NL000396", transit=("GB000100",), exits=("FR000100",))),
    ),
    releases=P5_P6,
)

# ---------------------------------------------------------------------------------- R0901, R0904, R0905


@_country_lists
def _r0901(ctx: Context[CC015C]) -> Iterator[Outcome]:
    msg = ctx.message
    if msg.transit_operation.declaration_type != "TIR":
        return
    offices: tuple[tuple[CustomsOfficeOfDeparture | CustomsOfficeOfDestinationDeclared, str], ...] = (
        (msg.customs_office_of_departure, "departure"),
        (msg.customs_office_of_destination_declared, "destination"),
    )
    for office, what in offices:
        country = office_country(office.reference_number)
        in_union = _lookup(ctx, "CL010", country)
        if in_union is None:
            yield _unsure(ctx, "CL010", office)
        elif not in_union:
            yield ctx.violation(
                office,
                "reference_number",
                f"a TIR declaration in NCTS starts and ends in the Union, but the office of {what} is in {country}: "
                f"give a Union customs office as {ctx.label(office, 'reference_number')}",
            )


R0901 = Rule(
    "R0901",
    "For TIR, the offices of departure and destination must be in the Union.",
    messages=IE015,
    checks="A TIR declaration has its offices of departure and destination in Union member states (CL010).",
    why="NCTS handles the TIR procedure only on the Union's territory; a TIR operation starting or ending "
    "elsewhere is declared in that country's own system.",
    fix="Give the Union offices where the TIR operation starts and ends in the Union.",
    check=_r0901,
    cases=(
        Fires(TIR, _movement("CH001234", "DE004058"), at=_DEPARTURE, code=14, says="office of departure is in CH"),
        Fires(TIR, _movement("PL301010", "NO000100"), at=_DESTINATION),
        Silent(TIR),
        Silent(T1_ROAD, _movement("CH001234", "NO000100")),
        Undecided(TIR, _movement(destination="MA000100"), at=_DESTINATION, without_lists=("CL010",)),
    ),
    releases=P5_P6,
)


def _r0904(ctx: Context[CC015C]) -> Iterator[Outcome]:
    msg = ctx.message
    dep_country = office_country(msg.customs_office_of_departure.reference_number)
    if dep_country not in ("AD", "SM"):
        return
    destination = msg.customs_office_of_destination_declared
    dest_country = office_country(destination.reference_number)
    in_member_state = _lookup(ctx, "CL553", dest_country)
    if in_member_state is None:
        yield ctx.unchecked(
            f"code list CL553 (MSCountry) cannot tell whether {dest_country!r} is a Union member state: the official "
            "reference data does not include it; import it with `ncts5 codelists import --list CL553 FILE.csv`",
            ctx.path(destination, "reference_number"),
        )
    elif not in_member_state:
        yield ctx.violation(
            destination,
            "reference_number",
            f"a movement from {dep_country} must end in a Union member state, not in {dest_country}: give a "
            f"member state's office as {ctx.label(destination, 'reference_number')}",
        )


#: CL553 as a user would import it, for R0904's cases (the package does not ship it).
_MEMBER_STATES = (("CL553", ("AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE",
                             "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK")),)  # fmt: skip

_R0904_NEEDS = (
    "code list CL553 (MSCountry), which the official reference data does not include: import it with "
    "`ncts5 codelists import --list CL553 FILE.csv`"
)

R0904 = Rule(
    "R0904",
    "From an office of departure in Andorra or San Marino, the office of destination must be in a "
    "Union member state (CL553).",
    messages=IE015,
    needs=_R0904_NEEDS,
    reason=f"needs {_R0904_NEEDS}",
    checks="When the office of departure is in Andorra or San Marino, the office of destination is in a Union "
    "member state (CL553).",
    why="Andorra and San Marino are in customs union with the Union, not contracting parties of common transit: "
    "their transit movements end in a member state.",
    fix="Give an office of destination in a Union member state.",
    check=_r0904,
    cases=(
        Silent(T1_ROAD),
        Silent(T1_ROAD, _movement("CH001234", "MA000100")),
        Undecided(T1_ROAD, _movement("AD000001", "ES000100"), at=_DESTINATION, without_lists=("CL553",)),
        Fires(T1_ROAD, _movement("AD000001", "CH001234"), at=_DESTINATION, with_lists=_MEMBER_STATES, code=14),
        Silent(T1_ROAD, _movement("AD000001", "ES000100"), with_lists=_MEMBER_STATES),
    ),
    releases=P5_P6,
)


@_country_lists
def _r0905(ctx: Context[CC015C]) -> Iterator[Outcome]:
    msg = ctx.message
    destination = msg.customs_office_of_destination_declared
    dest_country = office_country(destination.reference_number)
    if dest_country not in ("AD", "SM"):
        return
    dep_country = office_country(msg.customs_office_of_departure.reference_number)
    if _member(ctx, "CL112", dep_country):
        yield ctx.violation(
            destination,
            "reference_number",
            f"a movement from the common transit country {dep_country} cannot end in {dest_country}: give an "
            f"office outside Andorra and San Marino as {ctx.label(destination, 'reference_number')}",
        )


R0905 = Rule(
    "R0905",
    "From an office of departure in a common transit country outside the Union, the office of "
    "destination cannot be in Andorra or San Marino.",
    messages=IE015,
    checks="When the office of departure is in a common transit country outside the Union (CL112), the office of "
    "destination is not in Andorra or San Marino.",
    why="Andorra and San Marino are reached through the Union under their customs unions with it, not directly "
    "under the common transit convention.",
    fix="End the movement at an office outside Andorra and San Marino.",
    check=_r0905,
    cases=(
        Fires(T1_ROAD, _movement("CH001234", "AD000001"), at=_DESTINATION, code=14, says="cannot end in AD"),
        Fires(T1_ROAD, _movement("CH001234", "SM000100"), at=_DESTINATION),
        Silent(T1_ROAD, _movement("DE004058", "AD000001")),
        Silent(T1_ROAD, _movement("CH001234", "IT000100")),
        Undecided(T1_ROAD, _movement("CH001234", "AD000001"), without_lists=("CL112",)),
    ),
    releases=P5_P6,
)

# ---------------------------------------------------------------------------------- G0034

#: COL role of the offices in CL294 CustomsOfficeExitDeclared (declared office of exit).
_EXIT_ROLE = "EXT"


@_country_lists
def _g0034(ctx: Context[CC015C]) -> Iterator[Outcome]:
    if declaration_exports_followed_by_transit(ctx.message):
        yield from _appropriate_destination(ctx)


def _appropriate_destination(ctx: Context[AnyCC015C]) -> Iterator[Outcome]:
    """G0034's test of an export followed by transit: a Union office of destination has the roles DES and EXT."""
    destination = ctx.message.customs_office_of_destination_declared
    ref = destination.reference_number
    if not _member(ctx, "CL010", office_country(ref)):
        return  # an office in a common transit country outside the Union is always appropriate
    roles = {role: ctx.office_has_role(ref, role) for role in ("DES", _EXIT_ROLE)}
    if None in roles.values():
        yield ctx.unchecked(
            "the customs office list (CL141) is not available, so whether the office of destination is also an "
            "office of exit cannot be told: import it with `ncts5 codelists import COL-Generic-YYYYMMDD.json.gz`",
            ctx.path(destination, "reference_number"),
        )
        return
    missing = [name for role, name in (("DES", "destination (CL172)"), (_EXIT_ROLE, "exit (CL294)")) if not roles[role]]
    if missing:
        yield ctx.violation(
            destination,
            "reference_number",
            f"after an export declaration, the transit must end at an office that is an office of destination and "
            f"of exit; {ref} is not an office of {' or '.join(missing)}: choose such an office as "
            f"{ctx.label(destination, 'reference_number')}",
            code=12,
        )


def _no_export(m: CC015C) -> None:
    """No previous document of the T1 example cites an export declaration any more."""
    for house in m.consignment.house_consignment:
        house.previous_document = []
        for item in house.consignment_item:
            item.previous_document = [d for d in item.previous_document if d.type != EXPORT_DECLARATION]


def _export_at_house_level(m: CC015C) -> None:
    """The export MRN moved from the goods items to the house consignment (the final-phase form, G0991)."""
    from ncts5.messages.cc015c import HouseConsignmentPreviousDocument

    _no_export(m)
    m.consignment.house_consignment[0].previous_document = [
        HouseConsignmentPreviousDocument(sequence_number=1, type="N830", reference_number="26DE000000000123E1")
    ]


def _export_at_consignment_level_only(m: CC015C) -> None:
    """N830 only in the consignment's previous documents: not an export followed by transit (per house consignment)."""
    from ncts5.messages.cc015c import ConsignmentPreviousDocument

    _no_export(m)
    m.consignment.previous_document = [
        ConsignmentPreviousDocument(sequence_number=1, type="N830", reference_number="26DE000000000123E1")
    ]


def _destination(reference_number: str) -> Callable[[CC015C], None]:
    def change(m: CC015C) -> None:
        m.customs_office_of_destination_declared.reference_number = reference_number

    change.__name__ = f"destination_{reference_number}"
    return change


_G0034_NEEDS = "customs office list (CL141)"

G0034 = Rule(
    "G0034",
    "After export, a transit ending at a Union office should end at an office that is both an office "
    "of destination and an office of exit.",
    messages=IE015,
    needs=_G0034_NEEDS,
    reason=f"needs {_G0034_NEEDS}",
    error_code=12,
    checks="When the declaration is an export followed by transit (a house consignment, or during the transition "
    "period a goods item, cites an export declaration N830) and the office of destination is in the Union "
    "(CL010), that office has both the destination role (CL172) and the exit role (CL294) in the customs office "
    "list. An office in a common transit country outside the Union is always appropriate.",
    why="After export the goods must leave the Union: a transit ending inside it must end at an office that can "
    "also confirm their exit, or the export is never closed.",
    fix="Choose an office of destination that is both an office of destination and an office of exit, e.g. the "
    "office at the Union's border where the goods leave.",
    check=_g0034,
    cases=(
        Fires(T1_ROAD, at=_DESTINATION, code=12, says="not an office of destination (CL172)"),
        Fires(T1_ROAD, _export_at_house_level, at=_DESTINATION, says="not an office of destination (CL172)"),
        Fires(T1_ROAD, at=_DESTINATION, phase="transition"),
        Fires(T1_ROAD, _destination("DE002151"), at=_DESTINATION, says="not an office of exit (CL294)"),
        Fires(T1_ROAD, _destination("NL999999"), at=_DESTINATION, says="destination (CL172) or exit (CL294)"),
        Silent(T1_ROAD, _destination("DE004851")),
        Silent(T1_ROAD, _destination("CH001234")),
        Silent(T1_ROAD, _no_export),
        Silent(T1_ROAD, _export_at_consignment_level_only),
        Undecided(T1_ROAD, at=_DESTINATION, without_lists=("offices",)),
    ),
)


def _p6_follows_export(message: P6CC015C) -> bool:
    """Like :func:`~ncts5.rules.kit.declaration_exports_followed_by_transit`, on the Phase 6 model.

    DDNTA 6.4.1 places the export declaration (N830) at house consignment level, but Phase 6 no longer
    has G0991 refusing it on a goods item (CL214 holds N830), so a goods item citing it counts too.
    """
    return any(
        exports_followed_by_transit(house)
        or any(d.type == EXPORT_DECLARATION for item in house.consignment_item for d in item.previous_document)
        for house in message.consignment.house_consignment
    )


@_country_lists
def _g0034_p6(ctx: Context[P6CC015C]) -> Iterator[Outcome]:
    if _p6_follows_export(ctx.message):
        yield from _appropriate_destination(ctx)


G0034_P6 = Rule(
    "G0034",
    "After export, a transit ending at a Union office should end at an office that is both an office "
    "of destination and an office of exit.",
    messages=IE015,
    releases=P6,
    needs=_G0034_NEEDS,
    reason=f"needs {_G0034_NEEDS}",
    error_code=12,
    checks="When the declaration is an export followed by transit (a house or goods item previous document is an "
    "export declaration N830) and the office of destination is in the Union (CL010), that office has both the "
    "destination role (CL172) and the exit role (EXT: CL294 CustomsOfficeExitDeclared is the offices with that "
    "role) in the customs office list; an office in a common transit country outside the Union is always "
    "appropriate. Unlike Phase 5, the guideline answers opt-in administrations' CCA15D with CC056D; a CC015C is "
    "the opt-out form, answered with CC056C, code 12, as before.",
    why="After export the goods must leave the Union: a transit ending inside it must end at an office that can "
    "also confirm their exit, or the export is never closed.",
    fix="Choose an office of destination that is both an office of destination and an office of exit, e.g. the "
    "office at the Union's border where the goods leave.",
    check=_g0034_p6,
    cases=(
        Fires(T1_ROAD, at=_DESTINATION, code=12, says="not an office of destination (CL172)"),
        Fires(T1_ROAD, _destination("DE002151"), at=_DESTINATION, code=12, says="not an office of exit (CL294)"),
        Silent(T1_ROAD, _destination("DE004851")),
        Silent(T1_ROAD, _destination("CH001234")),
        Silent(T1_ROAD, _no_export),
        Undecided(T1_ROAD, at=_DESTINATION, without_lists=("offices",)),
        Undecided(T1_ROAD, _destination("FR000100"), without_lists=("CL010",)),
    ),
)
