"""Builders for the transport data groups: departure and border transport means, places of loading
and unloading, location of goods, transport equipment (containers and seals)."""

from __future__ import annotations

from typing import cast

from hypothesis import strategies as st

from ncts5.testing.draws import Data, Draw, chance, numbered, pick, site_of, vary
from ncts5.testing.identifiers import codes, container_number, imo_number
from ncts5.testing.parties import address, contact
from ncts5.testing.plan import Plan
from ncts5.testing.tables import (
    AIRLINES,
    BORDER_MEANS_TYPES,
    CONTAINER_OWNERS,
    COUNTRIES,
    MEANS_TYPES,
    POSTCODE_ADDRESS_COUNTRIES,
    SHIP_NAMES,
    Site,
)

__all__ = ["border_means", "departure_means", "location_of_goods", "means_id", "place", "transport_equipment"]


def means_id(draw: Draw, kind: str, country: str) -> str:
    """The identification number of a means of transport of type ``kind``, in capitals (R0473, R0076)."""
    if kind in ("30", "31"):
        return cast(str, draw(codes(COUNTRIES[country].plate)))
    if kind == "10":
        return imo_number(draw(st.integers(0, 99_999)))
    if kind == "11":
        return pick(draw, SHIP_NAMES)
    if kind == "20":
        return cast(str, draw(codes("999999999999")))  # UIC wagon number
    if kind == "21":
        return f"EC{draw(st.integers(100, 9999))}"
    if kind == "40":
        return f"{pick(draw, AIRLINES)}{draw(st.integers(100, 9999))}"
    if kind == "41":
        return f"{COUNTRIES[country].aircraft_mark}-{draw(codes('AAAA'))}"
    return cast(str, draw(codes("99999999")))  # 80: European vessel identification


def departure_means(draw: Draw, plan: Plan) -> list[Data]:
    """A vehicle with up to two trailers by road (R0474, R0476), up to three wagons by rail (R0855),
    else one means (B1890 also limits rail to one during the transition period)."""
    kinds = MEANS_TYPES[plan.mode]
    country = pick(draw, (plan.dep, plan.dep, plan.dest))
    if plan.mode == "3":
        types = ["30"] + ["31"] * pick(draw, (0, 0, 1, 2))
    elif plan.mode == "2" and not plan.transition:
        types = [pick(draw, kinds)] * pick(draw, (1, 1, 2, 3))
    else:
        types = [pick(draw, kinds)]
    means = []
    for kind in types:
        m: Data = {"type_of_identification": kind, "identification_number": means_id(draw, kind, country)}
        if not (plan.transition and plan.mode == "2"):  # B1897: no nationality by rail during the transition
            m["nationality"] = country
        means.append(m)
    return numbered(vary(means))


def border_means(draw: Draw, plan: Plan, departure: list[Data]) -> list[Data]:
    """The active means crossing the border, with the office where it crosses among the declared
    ones (G0789) and every item B2101 asks for; by air with its flight number (C0531, R0315).
    The departure means continue across the border when they are of the border mode's type."""
    assert plan.border_mode is not None
    kind = BORDER_MEANS_TYPES[plan.border_mode]
    same = [m for m in departure if m["type_of_identification"] == kind and "nationality" in m]
    if same:
        ident, nationality = same[0]["identification_number"], same[0]["nationality"]
    else:
        nationality = plan.dep
        ident = means_id(draw, kind, nationality)
    route = plan.route
    exits = route.exit if plan.security in ("2", "3") else ()  # declared only with an exit summary declaration
    office = (exits or route.transit or (plan.destination.ref,))[0]
    means: Data = {
        "customs_office_at_border_reference_number": office,
        "type_of_identification": kind,
        "identification_number": ident,
        "nationality": nationality,
    }
    if plan.border_mode == "4":
        means["conveyance_reference_number"] = ident
    return numbered([means])


def place(draw: Draw, site: Site, *, short: bool) -> Data:
    """A place of loading or unloading: UN/LOCODE, or country and location (C0387)."""
    how = pick(draw, ("code", "code", "all", "name"))
    result: Data = {}
    if how != "name":
        result["un_locode"] = site.unlocode
    if how != "code":
        result["country"] = site.country
        result["location"] = site.city[:17] if short else site.city  # E1114
    return result


def location_of_goods(draw: Draw, plan: Plan, holder_id: str, authorisation: str | None) -> Data:
    """Where the goods can be examined, identified the way its qualifier says (C0394, C0671)."""
    site = site_of(plan.departure)
    if authorisation is not None:
        qualifier, kind = "Y", "B"  # an authorised consignor's authorised place
    else:
        options = [("V", "A"), ("V", "A"), ("X", "B"), ("U", "A"), ("Z", "D"), ("W", "D")]
        if plan.dep in POSTCODE_ADDRESS_COUNTRIES:
            options.append(("T", "A"))  # a postcode alone locates an address there (CL190)
        qualifier, kind = pick(draw, options)
    loc: Data = {"type_of_location": kind, "qualifier_of_identification": qualifier}
    if qualifier == "V":
        loc["customs_office"] = {"reference_number": plan.departure.ref}
    elif qualifier in ("X", "Y"):
        if qualifier == "X":
            loc["economic_operator"] = {"identification_number": holder_id}
        else:
            loc["authorisation_number"] = authorisation
        if chance(draw, 0.5):
            loc["additional_identifier"] = draw(codes("9999"))
    elif qualifier == "U":
        loc["un_locode"] = site.unlocode
    elif qualifier == "Z":
        loc["address"] = address(draw, plan.dep, site)
    elif qualifier == "W":
        loc["gnss"] = {"latitude": site.lat, "longitude": site.lon}
    else:
        house = str(draw(st.integers(1, 120)))
        loc["postcode_address"] = {"house_number": house, "postcode": site.postcode, "country": plan.dep}
    if qualifier != "V" and chance(draw, 0.3):
        loc["contact_person"] = contact(draw, plan.dep)
    return loc


def transport_equipment(draw: Draw, plan: Plan, items: int) -> list[Data]:
    """Containers (C0823, C0055) or one sealed load (R0448); seals counted (R0106, C0569), unique
    (R0107) and compulsory with seals of a special type (R0165); every goods item referenced once
    (C0670, G0006), the references left out only for a single container."""
    sealed = "C523" in plan.authorisations
    if plan.container == "1":
        numbers = [True] * draw(st.integers(1, min(3, items)))
    elif plan.container == "0" and (sealed or chance(draw, 0.25)):
        numbers = [False]
    else:
        return []
    owner = pick(draw, CONTAINER_OWNERS)
    first_serial = draw(st.integers(100_000, 899_999))
    seal_base = draw(codes("AA999999"))
    count = len(numbers)
    equipment = []
    for i, container in enumerate(numbers):
        te: Data = {}
        if container:
            te["container_identification_number"] = container_number(owner, first_serial + i)
        seals = draw(st.integers(0 if container and not sealed else 1, 2))
        te["number_of_seals"] = seals
        te["seal"] = numbered([{"identifier": f"{seal_base}-{i + 1}{s}"} for s in range(seals)])
        if count > 1 or not container or chance(draw, 0.5):
            # equipment i carries goods items i + 1, i + 1 + count, ...
            te["goods_reference"] = numbered(
                [{"declaration_goods_item_number": n} for n in range(i + 1, items + 1, count)]
            )
        equipment.append(te)
    return numbered(equipment)
