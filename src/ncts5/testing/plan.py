"""The decisions a declaration is built from, drawn first: every later choice follows from them.

:func:`plans` draws the :class:`Plan` (declaration type, goods items and their types, route and
offices, security, additional declaration type, reduced data set and authorisations, modes of
transport, containers, export, date); :func:`levels` then decides at which level the data items
that may sit at several levels are declared.  The rule ids behind each decision are named where it
is made.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from hypothesis import strategies as st

from ncts5.testing.draws import Draw, chance, pick
from ncts5.testing.tables import CTC_COUNTRIES, OFFICES, ROUTES, THIRD_COUNTRIES, Office, Route

__all__ = ["PHASES", "Levels", "Plan", "levels", "plans"]

PHASES = ("final", "transition")


@dataclass
class Plan:
    """The decisions an example is built from; every other choice follows from them."""

    phase: str
    declaration_type: str
    item_types: list[list[str | None]]
    route: Route
    departure: Office
    destination: Office
    country_of_destination: str
    security: str
    additional: str
    reduced: bool
    authorisations: list[str]
    mode: str
    border_mode: str | None
    container: str | None
    export: bool
    prepared: datetime

    @property
    def transition(self) -> bool:
        return self.phase == "transition"

    @property
    def dep(self) -> str:
        return self.departure.country

    @property
    def dest(self) -> str:
        return self.destination.country

    @property
    def from_union(self) -> bool:
        return self.dep not in CTC_COUNTRIES

    @property
    def third_country(self) -> bool:
        """Whether the goods end up outside the common transit countries (CL009), e.g. exported to the US."""
        return self.country_of_destination in THIRD_COUNTRIES

    @property
    def items(self) -> int:
        return sum(len(h) for h in self.item_types)


# ------------------------------------------------------------------------------------ declaration type


def _declaration_type(draw: Draw) -> str:
    return pick(draw, ("T1", "T1", "T1", "T2", "T2F", "T", "T", "TIR", "TIR"))


def _item_types(draw: Draw, declaration_type: str, transition: bool) -> list[list[str | None]]:
    """Goods items per house consignment, each with its own declaration type on a mixed (T) declaration."""
    # E1406: one house consignment during the transition period; otherwise 1 to 3
    houses = 1 if transition else pick(draw, (1, 1, 1, 2, 2, 3))
    counts: list[int] = [draw(st.integers(1, 4)) for _ in range(houses)]
    if declaration_type == "T" and sum(counts) < 2:
        counts[0] = 2  # R0507: the goods items of a mixed declaration must not all have the same type
    if declaration_type != "T":
        return [[None] * n for n in counts]
    flat: list[str | None] = [pick(draw, ("T1", "T1", "T2", "T2F")) for _ in range(sum(counts))]
    if len(set(flat)) == 1:
        flat[-1] = "T2" if flat[0] != "T2" else "T1"
    it = iter(flat)
    return [[next(it) for _ in range(n)] for n in counts]


# ----------------------------------------------------------------------------------------------- route

#: The kinds of movement, drawn with equal chances before a route of the kind is.
_ROUTE_KINDS: tuple[Callable[[Route], bool], ...] = (
    lambda r: not r.transit and not r.export_to,  # inside the Union
    lambda r: bool(r.export_to),  # export followed by transit to an office of exit
    lambda r: bool(r.transit) and r.start not in CTC_COUNTRIES,  # into or through a CTC country
    lambda r: r.start in CTC_COUNTRIES,  # from a CTC country into the Union
)


def _allowed(route: Route, declaration_type: str, t2: bool) -> bool:
    """Whether a declaration of this type (with T2 goods or not) may take ``route``."""
    if declaration_type == "TIR":
        # R0901: in the Union; C0030: no offices of transit; the carnet covers road vehicles
        return not route.transit and "3" in route.modes
    if t2:
        return bool(route.transit)  # C0030: T2 goods need offices of transit
    if declaration_type in ("T2F", "T"):
        return not route.transit and not route.export_to  # exports go as T1 (or TIR)
    return True


def _route_choices(declaration_type: str, t2: bool) -> list[tuple[Route, ...]]:
    """The routes a declaration type may take, grouped by kind of movement."""
    groups = [tuple(r for r in ROUTES if kind(r) and _allowed(r, declaration_type, t2)) for kind in _ROUTE_KINDS]
    return [g for g in groups if g]


def _route(draw: Draw, declaration_type: str, item_types: list[list[str | None]]) -> Route:
    """A kind of movement, then a route of that kind the declaration type may take."""
    t2 = declaration_type == "T2" or any("T2" in h for h in item_types)
    return pick(draw, pick(draw, _route_choices(declaration_type, t2)))


# ------------------------------------------------------------------------------------ export, reduced


def _is_export(
    draw: Draw, route: Route, declaration_type: str, additional: str, departure: Office, destination: Office
) -> bool:
    """Export followed by transit (previous document N830, only for exports from the Union): goods on
    their way out of the Union, to a common transit country or to an office of exit (G0034)."""
    return bool(route.export_to) or (
        declaration_type in ("T1", "TIR")
        and additional == "A"
        and departure.country not in CTC_COUNTRIES
        and (route.end in CTC_COUNTRIES or "EXT" in destination.roles)
        and chance(draw, 0.4)
    )


def _authorisations(draw: Draw, declaration_type: str, from_union: bool, reduced: bool) -> list[str]:
    authorisations: list[str] = []
    if declaration_type != "TIR" and from_union and chance(draw, 0.3):
        authorisations.append("C521")  # authorised consignor
        if chance(draw, 0.4):
            authorisations.append("C523")  # seals of a special type
    if reduced:
        authorisations.append("C524")  # R0859, C0101: the reduced data set needs its authorisation
    return authorisations


# ----------------------------------------------------------------------------------------- transport


def _border_mode(draw: Draw, route: Route, mode: str, security: str, additional: str) -> str | None:
    border = route.border or mode
    if (security != "0" and additional == "A") or route.leaves_union or mode == "2":
        # C0599 (S&S on a standard declaration), B1889 (S&S from outside the Union); G0115 lets the
        # border mode be left out only for non-rail movements that stay inside the Union
        return border
    return pick(draw, (border, None))


def _container(draw: Draw, additional: str, mode: str) -> str | None:
    if additional == "D":
        return pick(draw, ("0", "1", None))  # C0822: optional when pre-lodged
    return pick(draw, ("0", "0", "1")) if mode in ("1", "3") else "0"


def _prepared(draw: Draw) -> datetime:
    """When the message is prepared: a working-day hour in 2026."""
    day = date(2026, 1, 5) + timedelta(days=draw(st.integers(0, 330)))
    return datetime(day.year, day.month, day.day, draw(st.integers(6, 19)), draw(st.integers(0, 59)))


@st.composite
def plans(draw: Draw, phase: str) -> Plan:
    """The decisions of one declaration in ``phase``, in the order their draws are made."""
    declaration_type = _declaration_type(draw)
    item_types = _item_types(draw, declaration_type, phase == "transition")
    route = _route(draw, declaration_type, item_types)
    departure = OFFICES[pick(draw, route.departure)]
    destination = OFFICES[pick(draw, route.destination)]
    security = pick(draw, ("0", "0", "1", "2", "3"))
    additional = "A" if route.export_to else pick(draw, ("A", "A", "A", "A", "A", "D"))
    export = _is_export(draw, route, declaration_type, additional, departure, destination)
    final = pick(draw, route.export_to) if route.export_to else route.end
    from_union = departure.country not in CTC_COUNTRIES
    reduced = declaration_type != "TIR" and not export and from_union and chance(draw, 0.1)
    authorisations = _authorisations(draw, declaration_type, from_union, reduced)
    mode = "3" if declaration_type == "TIR" else pick(draw, route.modes)
    border_mode = _border_mode(draw, route, mode, security, additional)
    container = _container(draw, additional, mode)
    return Plan(
        phase,
        declaration_type,
        item_types,
        route,
        departure,
        destination,
        final,
        security,
        additional,
        reduced,
        authorisations,
        mode,
        border_mode,
        container,
        export,
        _prepared(draw),
    )


# -------------------------------------------------------------------------------------------- levels


@dataclass
class Levels:
    """At which level the data items that may sit at several levels are declared."""

    dispatch: str  # consignment | house | item | none
    destination: str  # consignment | house | item
    ucr: str  # consignment | house | item | consignment-document | house-document | item-document | none
    consignee: str  # consignment | house | item | none
    consignee_unknown: bool  # code 30600 instead of a consignee where the levels allow it
    consignor: str  # consignment | house | none
    means: str  # consignment | house | none


def _dispatch_level(draw: Draw, plan: Plan) -> str:
    """Country of dispatch: C0909, one level; during the transition period only for TIR (B1965)."""
    if plan.transition:
        dispatch = "none" if plan.declaration_type != "TIR" else pick(draw, ("consignment", "item"))
    else:
        dispatch = pick(draw, ("consignment", "consignment", "consignment", "house", "item"))
    if (dispatch == "house" and len(plan.item_types) < 2) or (dispatch == "item" and plan.items < 2):
        dispatch = "consignment"  # R0506/R0507: a value on every house or item must differ somewhere
    return dispatch


def _destination_level(draw: Draw, plan: Plan) -> str:
    """Country of destination: C0343, one level; not per house during the transition period (E1301)."""
    destination = pick(draw, ("consignment", "consignment", "consignment", "house", "item"))
    if (
        (destination == "house" and (plan.transition or len(plan.item_types) < 2))
        or (destination == "item" and plan.items < 2)
        or plan.route.export_to
    ):
        destination = "consignment"
    return destination


def _ucr_level(draw: Draw, plan: Plan) -> str:
    """UCR or transport document: C0502 after the transition period, B1895/B1896 during it."""
    if plan.transition:
        ucr = pick(draw, ("consignment", "item", "item-document", "none"))
    else:
        ucr = pick(draw, ("consignment", "consignment", "house", "item", "consignment-document", "house-document"))
    if ucr == "item" and plan.items < 2:
        ucr = "consignment"
    return ucr


def _consignee_level(draw: Draw, plan: Plan, destination: str) -> tuple[str, bool]:
    """Consignee: C0001 (once, or per house consignment) after the transition period, B1820/B1823
    (once, or per goods item) during it; optional for goods leaving the common transit countries,
    where code 30600 (consignee unknown) may replace it with an exit summary declaration (security
    2, 3).  Returns the level and whether the consignee is unknown."""
    lower = "item" if plan.transition else "house"
    if destination == "item" and plan.transition:
        consignee = "item"  # B1820: each item going to a CL009 country needs its own
    elif plan.third_country:
        consignee = pick(draw, ("consignment", lower, "none"))
        if consignee == "none" and plan.transition and plan.security in ("2", "3"):
            consignee = "item"  # B1820: without code 30600 each item then needs one
    else:
        consignee = pick(draw, ("consignment", "consignment", lower))
    unknown = (
        plan.third_country
        and plan.security in ("2", "3")
        and (consignee == lower or (consignee == "none" and not plan.transition))
        and chance(draw, 0.5)
    )
    return consignee, unknown


def _consignor_level(draw: Draw, plan: Plan) -> str:
    """Consignor: none with the reduced data set (C0542, and the guide); never at two levels."""
    if plan.reduced:
        return "none"
    if plan.transition:
        return pick(draw, ("consignment", "consignment", "none"))
    return pick(draw, ("consignment", "consignment", "house", "none"))


def _means_level(draw: Draw, plan: Plan) -> str:
    """Departure transport means: none by post (C0826, B1891); per house only after the transition (E1301)."""
    if plan.mode == "5":
        return "none"
    if plan.transition or len(plan.item_types) < 2:
        return "consignment"
    return pick(draw, ("consignment", "consignment", "house"))


def levels(draw: Draw, plan: Plan) -> Levels:
    """The levels of one declaration, drawn after its plan."""
    dispatch = _dispatch_level(draw, plan)
    destination = _destination_level(draw, plan)
    ucr = _ucr_level(draw, plan)
    consignee, unknown = _consignee_level(draw, plan, destination)
    consignor = _consignor_level(draw, plan)
    means = _means_level(draw, plan)
    return Levels(dispatch, destination, ucr, consignee, unknown, consignor, means)
