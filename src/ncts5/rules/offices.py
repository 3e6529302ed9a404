"""Rules on the CUSTOMS OFFICE data groups: departure, destination, transit, exit for transit.

Most of these rules look at the country of an office, which is the first two characters of
its reference number (``DE004058`` is in Germany), and ask whether that country belongs to
one of the country code lists: CL010 (Union member states), CL112 (common transit countries
outside the Union), CL009 (every common transit country) or CL147 (the customs security
agreement area). Those lists are packaged, so the checks are decidable offline; when a list
is not available a check reports *not checked* instead of guessing.

G0034 also needs the roles of the destination office, which only the customs office list
(CL141, imported by the user) knows.

C0394 (which part of LOCATION OF GOODS the qualifier of identification asks for) lives here
as well because one of its alternatives is a customs office; it serves IE015 and IE170.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from ncts5.messages.meta import XmlModel
from ncts5.rules.context import Context, Outcome
from ncts5.rules.registry import rule

# ---------------------------------------------------------------------------------- helpers

#: What the lists are, for messages.
_LIST_NAMES = {
    "CL009": "CountryCodesCommonTransit",
    "CL010": "CountryCodesCommunity",
    "CL112": "CountryCodesCTC",
    "CL147": "CountryCustomsSecurityAgreementArea",
    "CL228": "PreviousDocumentExportType",
    "CL553": "MSCountry",
}


class _Undecided(Exception):
    """A check needed to know whether a country is in a list that cannot tell (missing or partial)."""

    def __init__(self, list_id: str, country: str) -> None:
        super().__init__(list_id, country)
        self.list_id = list_id
        self.country = country

    def reason(self) -> str:
        name = _LIST_NAMES.get(self.list_id, "")
        return (
            f"cannot tell whether {self.country} is in {self.list_id} {name}: the list is not available or "
            "ncts5's packaged copy is partial; import the official reference data "
            "(`ncts5 codelists import RD_NCTS-P5.json.gz`) to check this rule"
        )


def _country(reference_number: str | None) -> str | None:
    """The country of a customs office: the first two characters of its reference number."""
    if not reference_number or len(reference_number) < 2:
        return None
    return reference_number[:2].upper()


def _lookup(ctx: Context, list_id: str, country: str | None) -> bool | None:
    """Whether ``country`` is in ``list_id`` on the decisive date; None when the lists cannot tell."""
    if country is None:
        return False
    found = ctx.in_list(list_id, country)
    if found is None and list_id == "CL010" and ctx.in_list("CL112", country):
        return False  # CL112 holds the contracting parties other than the Union: none is a member state
    return found


def _member(ctx: Context, list_id: str, country: str | None) -> bool:
    """Like :func:`_lookup`, raising :class:`_Undecided` instead of answering None."""
    found = _lookup(ctx, list_id, country)
    if found is None:
        raise _Undecided(list_id, country or "")
    return found


def _any(ctx: Context, list_id: str, countries: Iterable[str | None], *, outside: bool = False) -> bool:
    """Whether one of ``countries`` is in (``outside``: is not in) the list; undecided only if no answer is sure."""
    undecided: str | None = None
    for country in countries:
        found = _lookup(ctx, list_id, country)
        if found is None:
            undecided = country
        elif found != outside:
            return True
    if undecided is not None:
        raise _Undecided(list_id, undecided)
    return False


def _country_lists(fn: Callable[[Context], Iterator[Outcome]]) -> Callable[[Context], Iterator[Outcome]]:
    """Turn an undecidable country question into a *not checked* outcome of the decorated check."""

    @functools.wraps(fn)
    def wrapper(ctx: Context) -> Iterator[Outcome]:
        try:
            yield from fn(ctx)
        except _Undecided as undecided:
            yield ctx.unchecked(undecided.reason())

    return wrapper


def _undecided(ctx: Context, list_id: str, office: Any) -> Outcome:
    """*Not checked* for one office whose country the lists cannot classify."""
    reason = _Undecided(list_id, _country(office.reference_number) or "").reason()
    return ctx.unchecked(reason, ctx.path(office, "reference_number"))


def _offices(ctx: Context) -> tuple[Any, Any, Any, list[Any], list[Any]]:
    """The message and its offices: departure, destination, transit (list), exit for transit (list)."""
    msg = ctx.message
    return (
        msg,
        getattr(msg, "customs_office_of_departure", None),
        getattr(msg, "customs_office_of_destination_declared", None),
        list(getattr(msg, "customs_office_of_transit_declared", None) or []),
        list(getattr(msg, "customs_office_of_exit_for_transit_declared", None) or []),
    )


def _ref(office: Any) -> str | None:
    return None if office is None else office.reference_number


def _security(ctx: Context) -> str | None:
    op = getattr(ctx.message, "transit_operation", None)
    return None if op is None else getattr(op, "security", None)


def _declaration_type(ctx: Context) -> str | None:
    op = getattr(ctx.message, "transit_operation", None)
    return None if op is None else getattr(op, "declaration_type", None)


def _group(ctx: Context, field: str) -> str:
    """Number and name of a data group of the message root, e.g. ``17 04 000 000 CUSTOMS OFFICE ...``."""
    return ctx.label(ctx.message, field)


# ---------------------------------------------------------------------------------- transit offices


@rule("R0003", "Each customs office of transit may be declared only once.")
def r0003(ctx: Context) -> Iterator[Outcome]:
    _, _, _, transit, _ = _offices(ctx)
    first_seen: dict[str, Any] = {}
    for office in transit:
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


@rule("R0005", "The estimated arrival at an office of transit must be later than the message's preparation time.")
def r0005(ctx: Context) -> Iterator[Outcome]:
    msg, _, _, transit, _ = _offices(ctx)
    prepared = msg.preparation_date_and_time
    for office in transit:
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
                f"preparation date and time ({_text(prepared)}); give a later "
                f"{ctx.label(office, 'arrival_date_and_time_estimated')}",
            )


@rule(
    "R0006",
    "Offices of transit must include one in the destination's CTC country, and one in the Union when "
    "a movement from a CTC country ends in the Union.",
)
@_country_lists
def r0006(ctx: Context) -> Iterator[Outcome]:
    msg, dep, dest, transit, _ = _offices(ctx)
    dep_country, dest_country = _country(_ref(dep)), _country(_ref(dest))
    transit_countries = [_country(o.reference_number) for o in transit]
    label = _group(ctx, "customs_office_of_transit_declared")
    code = 13 if not transit else 14
    if _member(ctx, "CL112", dest_country) and dest_country not in transit_countries:
        yield ctx.violation(
            msg,
            "customs_office_of_transit_declared",
            f"the office of destination {_ref(dest)} is in the common transit country {dest_country}: declare the "
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


@rule(
    "B1813",
    "Transition period: uniqueness (R0003) and country (R0006) checks of offices of transit are switched off.",
    phases=("transition",),
    suspends=("R0003", "R0006"),
)
def b1813(ctx: Context) -> Iterator[Outcome]:
    """B1813 has no condition of its own: its whole effect is the suspension, which the engine applies."""
    yield from ()


@rule("R0906", "A movement to an office of destination in Andorra must pass an office of transit in Andorra.")
def r0906(ctx: Context) -> Iterator[Outcome]:
    msg, _, dest, transit, _ = _offices(ctx)
    if _country(_ref(dest)) != "AD" or not transit:  # without any office of transit C0030 reports the gap
        return
    if not any(_country(o.reference_number) == "AD" for o in transit):
        yield ctx.violation(
            msg,
            "customs_office_of_transit_declared",
            f"the office of destination {_ref(dest)} is in Andorra but no office of transit is: declare the "
            f"Andorran office where the goods enter Andorra as {_group(ctx, 'customs_office_of_transit_declared')}",
        )


def _c0030_requirement(ctx: Context) -> tuple[str, str]:
    """Whether offices of transit are required ("R"), optional ("O") or not allowed ("N"), and why."""
    _, dep, dest, _, exits = _offices(ctx)
    kind = _declaration_type(ctx)
    dep_country, dest_country = _country(_ref(dep)), _country(_ref(dest))
    if kind in ("TIR", "T2SM"):
        return "N", f"declaration type {kind} has no offices of transit"
    if _member(ctx, "CL112", dep_country) and _member(ctx, "CL112", dest_country) and dep_country == dest_country:
        return "O", "the movement stays within one common transit country"
    if kind == "T2":
        return "R", "declaration type T2 needs offices of transit"
    if kind == "T":
        items = ctx.all("Consignment/HouseConsignment/ConsignmentItem")
        if any(getattr(item, "declaration_type", None) == "T2" for item in items):
            return "R", "goods items declared as T2 need offices of transit"
    if _member(ctx, "CL112", dep_country) or _member(ctx, "CL112", dest_country):
        return "R", "the office of departure or destination is in a common transit country outside the Union"
    for route in ctx.all("Consignment/CountryOfRoutingOfConsignment"):
        if _member(ctx, "CL112", route.country):
            return "R", f"the goods are routed through the common transit country {route.country}"
    if "AD" in (dep_country, dest_country):
        return "R", "the movement starts or ends in Andorra"
    if exits:
        return "R", "an office of exit for transit is declared"
    return "O", "offices of transit are optional for this movement"


@rule(
    "C0030",
    "Offices of transit are not allowed for TIR and T2SM, and required when the movement crosses into "
    "or out of a common transit country, is T2, or goes to or from Andorra.",
)
@_country_lists
def c0030(ctx: Context) -> Iterator[Outcome]:
    msg, _, _, transit, _ = _offices(ctx)
    requirement, why = _c0030_requirement(ctx)
    label = _group(ctx, "customs_office_of_transit_declared")
    if requirement == "N":
        for i, _office in enumerate(transit):
            yield ctx.violation(msg, "customs_office_of_transit_declared", f"{why}: remove {label}", code=15, index=i)
    elif requirement == "R" and not transit:
        yield ctx.violation(msg, "customs_office_of_transit_declared", f"{why}: declare {label}", code=13)


@rule(
    "G0030",
    "A Union-to-Union movement through a country outside common transit should declare the office of "
    "transit where the goods re-enter the Union.",
)
@_country_lists
def g0030(ctx: Context) -> Iterator[Outcome]:
    msg, dep, dest, transit, _ = _offices(ctx)
    if not (_member(ctx, "CL010", _country(_ref(dep))) and _member(ctx, "CL010", _country(_ref(dest)))):
        return
    if _any(ctx, "CL010", (_country(o.reference_number) for o in transit)):
        return  # checked first: a Union office of transit settles it without classifying the route
    found = {c: _lookup(ctx, "CL009", c) for c in _via(ctx, _country(_ref(dep)), _country(_ref(dest)))}
    outside = [c for c, inside in found.items() if inside is False]
    if not outside:
        undecided = [c for c, inside in found.items() if inside is None]
        if undecided:
            raise _Undecided("CL009", undecided[0])
        return
    yield ctx.violation(
        msg,
        "customs_office_of_transit_declared",
        f"the goods travel between Union member states through {', '.join(sorted(set(outside)))}, outside the "
        f"common transit area: declare the office where they re-enter the Union as "
        f"{_group(ctx, 'customs_office_of_transit_declared')}",
        code=13,
    )


def _via(ctx: Context, departure: str | None, destination: str | None) -> list[str]:
    """The countries of routing the goods pass *between* the departure and the destination country.

    Countries listed before the departure country or after the destination country are not
    passed on the way: the declaration guide has the routing end with the country of destination,
    which after an export is a third country beyond the office of destination (an office of exit).
    """
    routes = sorted(ctx.all("Consignment/CountryOfRoutingOfConsignment"), key=lambda r: r.sequence_number)  # type: ignore[attr-defined]
    countries = [r.country for r in routes]  # type: ignore[attr-defined]
    start = countries.index(departure) + 1 if departure in countries else 0
    end = len(countries) - countries[::-1].index(destination) - 1 if destination in countries else len(countries)
    return countries[start:end]


def _party(ctx: Context, country: str | None) -> str | None:
    """The contracting party of the common transit convention a country belongs to (the Union is one)."""
    if _member(ctx, "CL112", country):  # complete list: asked first
        return country
    if _member(ctx, "CL010", country):
        return "EU"
    return None


@rule("G0142", "Each contracting party the goods enter after the one of departure should have an office of transit.")
@_country_lists
def g0142(ctx: Context) -> Iterator[Outcome]:
    msg, dep, dest, transit, _ = _offices(ctx)
    if _declaration_type(ctx) in ("TIR", "T2SM"):
        return
    start = _party(ctx, _country(_ref(dep)))
    if start is None:
        return
    routes = sorted(ctx.all("Consignment/CountryOfRoutingOfConsignment"), key=lambda r: r.sequence_number)
    path = [start]
    for country in [r.country for r in routes] + [_country(_ref(dest))]:
        party = _party(ctx, country)
        if party is not None and party != path[-1]:
            path.append(party)
    entered = list(dict.fromkeys(path[1:]))
    covered = {_party(ctx, _country(o.reference_number)) for o in transit}
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


# ---------------------------------------------------------------------------------- arrival date at transit


@rule(
    "C0598",
    "With an entry summary declaration (security 1 or 3), the estimated arrival is required at offices "
    "of transit in the security area.",
)
@_country_lists
def c0598(ctx: Context) -> Iterator[Outcome]:
    _, _, _, transit, _ = _offices(ctx)
    if _security(ctx) not in ("1", "3"):
        return
    for office in transit:
        if office.arrival_date_and_time_estimated is not None:
            continue
        in_area = _lookup(ctx, "CL147", _country(office.reference_number))
        if in_area is None:
            yield _undecided(ctx, "CL147", office)
        elif in_area:
            yield ctx.violation(
                office,
                "arrival_date_and_time_estimated",
                f"security {_security(ctx)} includes an entry summary declaration and office of transit "
                f"{office.reference_number} is in the security area: provide "
                f"{ctx.label(office, 'arrival_date_and_time_estimated')}",
                code=13,
            )


@rule(
    "B1831",
    "Transition period: the estimated arrival is required at Union offices of transit when the "
    "office of departure is outside the Union and security data is declared.",
    phases=("transition",),
    suspends=("C0598",),
)
@_country_lists
def b1831(ctx: Context) -> Iterator[Outcome]:
    _, dep, _, transit, _ = _offices(ctx)
    if _security(ctx) not in ("1", "2", "3") or not transit:
        return
    if _member(ctx, "CL010", _country(_ref(dep))):
        return
    for office in transit:
        if office.arrival_date_and_time_estimated is not None:
            continue
        in_union = _lookup(ctx, "CL010", _country(office.reference_number))
        if in_union is None:
            yield _undecided(ctx, "CL010", office)
        elif in_union:
            yield ctx.violation(
                office,
                "arrival_date_and_time_estimated",
                f"during the transition period, goods with security data that enter the Union at office of transit "
                f"{office.reference_number} from an office of departure outside the Union ({_ref(dep)}) need "
                f"{ctx.label(office, 'arrival_date_and_time_estimated')}",
            )


# ---------------------------------------------------------------------------------- exit for transit


@rule(
    "C0587",
    "An office of exit for transit is allowed only with an exit summary declaration (security 2 or 3) "
    "and an office of transit outside the security area.",
)
@_country_lists
def c0587(ctx: Context) -> Iterator[Outcome]:
    msg, _, _, transit, exits = _offices(ctx)
    if not exits:
        return
    security = _security(ctx)
    if security in ("2", "3"):
        if _any(ctx, "CL147", (_country(o.reference_number) for o in transit), outside=True):
            return
        why = "no office of transit is outside the customs security agreement area (CL147)"
    else:
        why = f"security {security} includes no exit summary declaration"
    label = _group(ctx, "customs_office_of_exit_for_transit_declared")
    for i, _office in enumerate(exits):
        yield ctx.violation(
            msg, "customs_office_of_exit_for_transit_declared", f"{why}: remove {label}", code=15, index=i
        )


@rule(
    "G0587",
    "With an exit summary declaration, declare the office of exit for transit when the goods leave the "
    "security area for a common transit country outside it.",
)
@_country_lists
def g0587(ctx: Context) -> Iterator[Outcome]:
    msg, dep, _, transit, exits = _offices(ctx)
    if exits or _security(ctx) not in ("2", "3") or not transit:
        return
    if not _member(ctx, "CL147", _country(_ref(dep))):
        return
    outside = [o.reference_number for o in transit if not _member(ctx, "CL147", _country(o.reference_number))]
    if outside:
        yield ctx.violation(
            msg,
            "customs_office_of_exit_for_transit_declared",
            f"with an exit summary declaration the goods leave the security area before office of transit "
            f"{outside[0]}: declare the office where they leave it as "
            f"{_group(ctx, 'customs_office_of_exit_for_transit_declared')}",
            code=13,
        )


@rule(
    "R0103",
    "The office of exit for transit must differ from every office of transit and from the office of destination.",
)
def r0103(ctx: Context) -> Iterator[Outcome]:
    _, _, dest, transit, exits = _offices(ctx)
    transit_refs = {o.reference_number for o in transit}
    for office in exits:
        ref = office.reference_number
        if ref == _ref(dest):
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


# ---------------------------------------------------------------------------------- departure and destination


@rule("R0901", "For TIR, the offices of departure and destination must be in the Union.")
@_country_lists
def r0901(ctx: Context) -> Iterator[Outcome]:
    _, dep, dest, _, _ = _offices(ctx)
    if _declaration_type(ctx) != "TIR":
        return
    for office, what in ((dep, "departure"), (dest, "destination")):
        if office is None:
            continue
        country = _country(office.reference_number)
        in_union = _lookup(ctx, "CL010", country)
        if in_union is None:
            yield _undecided(ctx, "CL010", office)
        elif not in_union:
            yield ctx.violation(
                office,
                "reference_number",
                f"a TIR declaration in NCTS starts and ends in the Union, but the office of {what} is in {country}: "
                f"give a Union customs office as {ctx.label(office, 'reference_number')}",
            )


@rule(
    "R0904",
    "From an office of departure in Andorra or San Marino, the office of destination must be in a "
    "Union member state (CL553).",
)
@_country_lists
def r0904(ctx: Context) -> Iterator[Outcome]:
    _, dep, dest, _, _ = _offices(ctx)
    dep_country = _country(_ref(dep))
    if dep_country not in ("AD", "SM") or dest is None:
        return
    dest_country = _country(dest.reference_number)
    if not _member(ctx, "CL553", dest_country):
        yield ctx.violation(
            dest,
            "reference_number",
            f"a movement from {dep_country} must end in a Union member state, not in {dest_country}: give a "
            f"member state's office as {ctx.label(dest, 'reference_number')}",
        )


@rule(
    "R0905",
    "From an office of departure in a common transit country outside the Union, the office of "
    "destination cannot be in Andorra or San Marino.",
)
@_country_lists
def r0905(ctx: Context) -> Iterator[Outcome]:
    _, dep, dest, _, _ = _offices(ctx)
    if dest is None:
        return
    dest_country = _country(dest.reference_number)
    if dest_country not in ("AD", "SM"):
        return
    dep_country = _country(_ref(dep))
    if _member(ctx, "CL112", dep_country):
        yield ctx.violation(
            dest,
            "reference_number",
            f"a movement from the common transit country {dep_country} cannot end in {dest_country}: give an "
            f"office outside Andorra and San Marino as {ctx.label(dest, 'reference_number')}",
        )


def _export_followed_by_transit(ctx: Context) -> bool:
    """True when a previous document refers to an export declaration (CL228, e.g. N830)."""
    paths = (
        "Consignment/PreviousDocument",
        "Consignment/HouseConsignment/PreviousDocument",
        "Consignment/HouseConsignment/ConsignmentItem/PreviousDocument",
    )
    return any(_member(ctx, "CL228", doc.type) for p in paths for doc in ctx.all(p))


#: COL role of the offices in CL294 CustomsOfficeExitDeclared (declared office of exit).
_EXIT_ROLE = "EXT"


@rule(
    "G0034",
    "After export, a transit ending at a Union office should end at an office that is both an office "
    "of destination and an office of exit.",
    needs="customs office list (CL141)",
)
@_country_lists
def g0034(ctx: Context) -> Iterator[Outcome]:
    _, _, dest, _, _ = _offices(ctx)
    if dest is None or not _export_followed_by_transit(ctx):
        return
    ref = dest.reference_number
    if not _member(ctx, "CL010", _country(ref)):
        return  # an office in a common transit country outside the Union is always appropriate
    from ncts5 import codelists

    roles = {role: codelists.office_has_role(ref, role, on=ctx.decisive_date) for role in ("DES", _EXIT_ROLE)}
    if None in roles.values():
        yield ctx.unchecked(
            "customs office list (CL141) not imported: cannot tell whether the office of destination is also "
            "an office of exit",
            ctx.path(dest, "reference_number"),
        )
        return
    missing = [name for role, name in (("DES", "destination (CL172)"), (_EXIT_ROLE, "exit (CL294)")) if not roles[role]]
    if missing:
        yield ctx.violation(
            dest,
            "reference_number",
            f"after an export declaration, the transit must end at an office that is an office of destination and "
            f"of exit; {ref} is not an office of {' or '.join(missing)}: choose such an office as "
            f"{ctx.label(dest, 'reference_number')}",
            code=12,
        )


# ---------------------------------------------------------------------------------- location of goods

#: Qualifier of identification -> the one part of LOCATION OF GOODS that identifies the location.
_LOCATION_PART = {
    "T": "postcode_address",
    "U": "un_locode",
    "V": "customs_office",
    "W": "gnss",
    "X": "economic_operator",
    "Y": "authorisation_number",
    "Z": "address",
}


@rule(
    "C0394",
    "The qualifier of identification decides which single part of LOCATION OF GOODS identifies it; "
    "a contact person is not allowed with a customs office.",
)
def c0394(ctx: Context) -> Iterator[Outcome]:
    for location in ctx.all("Consignment/LocationOfGoods"):
        yield from _location_parts(ctx, location)


def _location_parts(ctx: Context, location: XmlModel) -> Iterator[Outcome]:
    qualifier = getattr(location, "qualifier_of_identification", None)
    wanted = _LOCATION_PART.get(qualifier or "")
    if wanted is None:
        return
    for part in _LOCATION_PART.values():
        present = getattr(location, part, None) is not None
        if part == wanted and not present:
            yield ctx.violation(
                location,
                part,
                f"qualifier of identification {qualifier} identifies the location by "
                f"{ctx.label(location, part)}: provide it",
                code=13,
            )
        elif part != wanted and present:
            yield ctx.violation(
                location,
                part,
                f"qualifier of identification {qualifier} identifies the location by "
                f"{ctx.label(location, wanted)} only: remove {ctx.label(location, part)}",
                code=15,
            )
    if qualifier == "V" and getattr(location, "contact_person", None) is not None:
        yield ctx.violation(
            location,
            "contact_person",
            f"a location identified by a customs office (qualifier V) has no contact person: remove "
            f"{ctx.label(location, 'contact_person')}",
            code=15,
        )


def _text(value: Any) -> str:
    from ncts5.messages.facets import to_text

    return to_text(value)
