"""The reference tables declarations are drawn from, loaded once from the JSON files in ``data/``.

Each file starts with ``about`` (what its tables hold) and ``source`` (where the values come from);
``tests/test_valid_declarations.py`` checks the values taken from official reference data (customs
offices and their roles, UN/LOCODEs, HS sub-headings, package kinds, UN numbers, document types)
against the snapshot in ``../shared``.  The order of every table is kept as written: the strategies
choose among entries by position, so reordering a table changes which example a seed draws.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from typing import Any

__all__ = [
    "ADDITIONAL_REFERENCES",
    "AIRLINES",
    "BORDER_MEANS_TYPES",
    "BULK",
    "COMPANY_STEMS",
    "COMPANY_TRADES",
    "CONTAINER_OWNERS",
    "COUNTRIES",
    "CTC_COUNTRIES",
    "FIRST_NAMES",
    "GOODS",
    "LAST_NAMES",
    "MEANS_TYPES",
    "OFFICES",
    "POSTCODE_ADDRESS_COUNTRIES",
    "ROUTES",
    "SHIP_NAMES",
    "SUPPORTING_DOCUMENTS",
    "THIRD_COUNTRIES",
    "TRANSPORT_DOCUMENTS",
    "TYPICAL_PACKAGE_KG",
    "UNPACKED",
    "Country",
    "Goods",
    "Office",
    "Route",
    "Site",
]


def _load(name: str) -> dict[str, Any]:
    text = resources.files("ncts5.testing").joinpath("data", f"{name}.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def _strings(values: list[Any]) -> tuple[str, ...]:
    return tuple(str(v) for v in values)


# ------------------------------------------------------------------------------------------- codes

_CODES = _load("codes")
#: Inland mode -> the types of identification of its departure means (CL750, R0472), first one for the vehicle.
MEANS_TYPES: dict[str, tuple[str, ...]] = {k: _strings(v) for k, v in _CODES["CL750_means_by_inland_mode"].items()}
#: Border mode -> the type of identification of the active means crossing the border (CL219).
BORDER_MEANS_TYPES: dict[str, str] = dict(_CODES["CL219_border_means_by_border_mode"])
#: Inland mode -> transport document types (CL754).
TRANSPORT_DOCUMENTS: dict[str, tuple[str, ...]] = {
    k: _strings(v) for k, v in _CODES["CL754_transport_documents_by_inland_mode"].items()
}
SUPPORTING_DOCUMENTS: tuple[str, ...] = _strings(_CODES["CL213_supporting_documents"])
ADDITIONAL_REFERENCES: tuple[str, ...] = _strings(_CODES["CL380_additional_references"])
#: Package kinds of CL181 (bulk: not counted) and CL182 (unpacked: counted, marks optional), C0060.
BULK = frozenset(_strings(_CODES["CL181_bulk_package_kinds"]))
UNPACKED = frozenset(_strings(_CODES["CL182_unpacked_package_kinds"]))
#: Contracting parties of common transit outside the Union that routes start or end in (CL112).
CTC_COUNTRIES = frozenset(_strings(_CODES["CL112_common_transit_countries"]))
#: Countries outside common transit (not in CL009) that exported goods are going to.
THIRD_COUNTRIES = frozenset(_strings(_CODES["third_countries"]))
#: Countries whose addresses a postcode (and house number) identify (CL190 CountryAddressPostcodeBased).
POSTCODE_ADDRESS_COUNTRIES = frozenset(_strings(_CODES["CL190_postcode_address_countries"]))

# ------------------------------------------------------------------------------------------- names

_NAMES = _load("names")
COMPANY_STEMS: tuple[str, ...] = _strings(_NAMES["company_stems"])
COMPANY_TRADES: tuple[str, ...] = _strings(_NAMES["company_trades"])
FIRST_NAMES: tuple[str, ...] = _strings(_NAMES["first_names"])
LAST_NAMES: tuple[str, ...] = _strings(_NAMES["last_names"])
SHIP_NAMES: tuple[str, ...] = _strings(_NAMES["ship_names"])
AIRLINES: tuple[str, ...] = _strings(_NAMES["airlines"])
CONTAINER_OWNERS: tuple[str, ...] = _strings(_NAMES["container_owners"])

# --------------------------------------------------------------------------------------- countries


@dataclass(frozen=True)
class Site:
    """A place parties and goods are at: city, postcode ("" where the country has none), UN/LOCODE, GNSS."""

    country: str
    city: str
    postcode: str
    unlocode: str
    lat: str
    lon: str


@dataclass(frozen=True)
class Country:
    """What data of one country looks like: language (CL192), currency (CL048), TIR association code,
    calling code, aircraft nationality mark, neighbours, company legal forms, streets, the shape of a
    vehicle registration (a :func:`ncts5.testing.identifiers.codes` template), and a few sites."""

    code: str
    language: str
    currency: str
    tir_code: str
    calling_code: str
    aircraft_mark: str
    neighbours: tuple[str, ...]
    plate: str
    legal_forms: tuple[str, ...]
    streets: tuple[str, ...]
    sites: tuple[Site, ...]


def _country(row: dict[str, Any]) -> Country:
    code = str(row["code"])
    return Country(
        code=code,
        language=str(row["language"]),
        currency=str(row["currency"]),
        tir_code=str(row["tir_code"]),
        calling_code=str(row["calling_code"]),
        aircraft_mark=str(row["aircraft_mark"]),
        neighbours=_strings(row["neighbours"]),
        plate=str(row["plate"]),
        legal_forms=_strings(row["legal_forms"]),
        streets=_strings(row["streets"]),
        sites=tuple(
            Site(code, str(s["city"]), str(s["postcode"]), str(s["unlocode"]), str(s["lat"]), str(s["lon"]))
            for s in row["sites"]
        ),
    )


COUNTRIES: dict[str, Country] = {c.code: c for c in map(_country, _load("countries")["countries"])}

# ----------------------------------------------------------------------------------------- offices


@dataclass(frozen=True)
class Office:
    """A customs office, the city it is in and the roles it holds in the customs office list (COL)."""

    ref: str
    city: str
    roles: frozenset[str]

    @property
    def country(self) -> str:
        return self.ref[:2]


#: Real offices (COL snapshot 2025-02-12) with the roles the generator relies on:
#: DEP departure, DES destination, TRA transit, TXT exit for transit, EXT exit.
OFFICES: dict[str, Office] = {
    str(o["ref"]): Office(str(o["ref"]), str(o["city"]), frozenset(_strings(o["roles"])))
    for o in _load("offices")["offices"]
}

# ------------------------------------------------------------------------------------------ routes


@dataclass(frozen=True)
class Route:
    """A movement the generator can declare.

    Offices of departure and of destination to choose from (each group in one country), the
    countries crossed in between, the offices of transit that crossing requires (C0030, R0006,
    G0142) and of exit for transit (C0587, G0587, used with an exit summary declaration), the
    inland modes of transport it is travelled by, the mode at the border when it differs (a lorry
    on a ferry), and, for an export, the third countries the goods are finally going to.
    """

    departure: tuple[str, ...]
    destination: tuple[str, ...]
    via: tuple[str, ...] = ()
    transit: tuple[str, ...] = ()
    modes: tuple[str, ...] = ("3",)
    border: str | None = None
    exit: tuple[str, ...] = ()
    export_to: tuple[str, ...] = ()

    @property
    def start(self) -> str:
        return self.departure[0][:2]

    @property
    def end(self) -> str:
        return self.destination[0][:2]

    @property
    def countries(self) -> tuple[str, ...]:
        """Countries of routing from departure to destination (16 12 000 000, G0061)."""
        return (self.start, *self.via) + ((self.end,) if self.end != self.start else ())

    @property
    def leaves_union(self) -> bool:
        """Starts or ends in, or passes through, a common transit country outside the Union."""
        return bool({self.start, self.end, *self.via} & CTC_COUNTRIES)


_ROUTE_LISTS = ("departure", "destination", "via", "transit", "modes", "exit", "export_to")


def _route(row: dict[str, Any]) -> Route:
    unknown = set(row) - {*_ROUTE_LISTS, "border"}
    if unknown:
        raise ValueError(f"routes.json: unknown keys {sorted(unknown)} in {row}")
    lists = {key: _strings(row[key]) for key in _ROUTE_LISTS if key in row}
    border = row.get("border")
    return Route(**lists, border=None if border is None else str(border))


ROUTES: tuple[Route, ...] = tuple(map(_route, _load("routes")["routes"]))

# ------------------------------------------------------------------------------------------- goods


@dataclass(frozen=True)
class Goods:
    """A kind of goods: description, HS sub-heading (with a CN subdivision when one is certain), the
    package kinds it travels in, the gross mass range of one goods item (kg), its UN number if it is
    dangerous, and whether it is subject to excise duty."""

    description: str
    hs: str
    cn: str | None
    packages: tuple[str, ...]
    kg: tuple[int, int]
    un: str | None = None
    excise: bool = False


def _goods(row: dict[str, Any]) -> Goods:
    low, high = row["kg"]
    return Goods(
        description=str(row["description"]),
        hs=str(row["hs"]),
        cn=None if row["cn"] is None else str(row["cn"]),
        packages=_strings(row["packages"]),
        kg=(int(low), int(high)),
        un=None if row["un"] is None else str(row["un"]),
        excise=bool(row["excise"]),
    )


_GOODS = _load("goods")
GOODS: tuple[Goods, ...] = tuple(map(_goods, _GOODS["goods"]))
#: Typical mass of one package of a kind (kg), to count packages in proportion to the mass.
TYPICAL_PACKAGE_KG: dict[str, int] = {str(k): int(v) for k, v in _GOODS["typical_package_kg"].items()}
