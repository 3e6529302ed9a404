"""Realistic IE015 declarations that pass the DDNTA rules: ``declarations(phase="final"|"transition")``.

:func:`ncts5.testing.schema_valid` explores everything the XSD allows, which is
what a parser needs.  A program that *builds* or *consumes* declarations needs
the other kind of example: one a customs office would accept, so that a failing
test points at the program and not at an impossible input.  :func:`declarations`
draws such declarations: every example has no error finding in
``ncts5.validate(msg, phase=phase)`` (guideline warnings and rules ncts5 cannot
check offline may remain).

How it stays valid without filtering: an example is built top-down from a few
decisions (the :class:`_Plan`: declaration type, route, security, transport,
house consignments and goods items), and every later choice is made only among
the values the rules allow given the earlier ones: offices of transit come with
the route, GRNs only with the guarantee types of CL286, a place of unloading
only with the securities that allow it, and so on.  The rule ids behind each
choice are named where it is made.  Nothing is drawn from a regex or rejected
afterwards, so an example costs a few milliseconds.

Values come from small tables of real data (customs offices with the roles
they hold in the customs office list, UN/LOCODEs, HS sub-headings, package
kinds, UN numbers; ``tests/test_valid_declarations.py`` checks them against the
official reference data) and from the packaged code lists.  Identifiers with
check digits (MRN, GRN, container and IMO numbers) carry correct ones.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any, TypeVar

from hypothesis import strategies as st

from ncts5.messages.cc015c import CC015C

__all__ = [
    "COUNTRIES",
    "GOODS",
    "OFFICES",
    "PHASES",
    "ROUTES",
    "Country",
    "Goods",
    "Office",
    "Route",
    "Site",
    "check_digit",
    "codes",
    "declarations",
    "eori_numbers",
    "export_mrns",
    "grns",
]

PHASES = ("final", "transition")
T = TypeVar("T")
Data = dict[str, Any]
Draw = Callable[[st.SearchStrategy[Any]], Any]

# ============================================================================================ identifiers

_RADIX = {"A": 26, "9": 10, "X": 36}
_ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _spell(template: str, n: int) -> str:
    """The ``n``-th string of ``template`` (see :func:`codes`)."""
    out = []
    for ch in reversed(template):
        radix = _RADIX.get(ch)
        if radix is None:
            out.append(ch)
            continue
        n, r = divmod(n, radix)
        out.append(chr(65 + r) if ch == "A" else _ALNUM[r])
    return "".join(reversed(out))


def codes(template: str) -> st.SearchStrategy[str]:
    """Strings shaped by ``template``: ``A`` a capital letter, ``9`` a digit, ``X`` either, anything else literal.

    One integer draw per string instead of one per character (or a regex) keeps generation fast,
    and shrinks an identifier towards ``AA000``.
    """
    space = 1
    for ch in template:
        space *= _RADIX.get(ch, 1)
    return st.integers(0, space - 1).map(lambda n: _spell(template, n))


def check_digit(text: str) -> str:
    """The ISO 6346 check digit that MRNs, GRNs and container numbers end with.

    Letters count 10, 12, 13, ... (skipping multiples of 11), position ``i`` weighs ``2**i``, and
    the sum modulo 11 is the digit (10 is written 0).
    """
    values: dict[str, int] = {str(d): d for d in range(10)}
    value = 10
    for letter in "ABCDEFGHIJKLMNOPQRSTUVWXYZ":
        if value % 11 == 0:
            value += 1
        values[letter] = value
        value += 1
    return str(sum(values[c] * 2**i for i, c in enumerate(text)) % 11 % 10)


def _imo_number(n: int) -> str:
    """An IMO ship number: 7 digits, the last the check digit over the first six weighted 7 to 2."""
    six = f"{900_000 + n % 100_000:06d}"
    return f"IMO{six}{sum(int(d) * w for d, w in zip(six, range(7, 1, -1), strict=True)) % 10}"


def eori_numbers(country: str) -> st.SearchStrategy[str]:
    """EORI numbers of ``country``: its code and 12 digits (R0850 asks for two letters and up to 15 more)."""
    return codes("999999999999").map(lambda digits: f"{country}{digits}")


def _mrns(country: str, year: int, letters: str) -> st.SearchStrategy[str]:
    """MRNs: year, country, 12 characters, a procedure letter from ``letters``, the check digit."""

    def build(body: str, letter: str) -> str:
        head = f"{year % 100:02d}{country}{body}{letter}"
        return head + check_digit(head)

    return st.tuples(codes("XXXXXXXXXXXX"), st.sampled_from(letters)).map(lambda t: build(*t))


def export_mrns(country: str, year: int) -> st.SearchStrategy[str]:
    """MRNs of export declarations lodged in ``country`` in ``year``: procedure letter A, B or E as the
    17th character and a correct check digit (R0416)."""
    return _mrns(country, year, "ABE")


def grns(country: str, year: int, *, voucher: bool = False) -> st.SearchStrategy[str]:
    """Guarantee reference numbers: year, country, 12 characters and a check digit (17 characters);
    a voucher (guarantee type 4) adds a letter and 6 digits (24 characters, R0318)."""

    def build(body: str, suffix: str) -> str:
        head = f"{year % 100:02d}{country}{body}"
        return head + check_digit(head) + suffix

    return st.tuples(codes("XXXXXXXXXXXX"), codes("A999999") if voucher else st.just("")).map(lambda t: build(*t))


def _container_number(owner: str, serial: int) -> str:
    head = f"{owner}{serial:06d}"
    return head + check_digit(head)


# ============================================================================================ value tables


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
    """What data of one country looks like: language (CL192), currency (CL048), TIR code, company
    legal forms, streets, the shape of a vehicle registration, and a few sites."""

    code: str
    language: str
    currency: str
    tir_code: str
    legal_forms: tuple[str, ...]
    streets: tuple[str, ...]
    plate: str
    sites: tuple[Site, ...]


def _country(code: str, language: str, currency: str, tir: str, forms: str, streets: str, plate: str,
             *sites: str) -> Country:
    """A :class:`Country` from compact text: ``forms`` and ``streets`` separated by ``|``, each site
    ``city|postcode|UN/LOCODE|latitude|longitude``."""
    return Country(
        code, language, currency, tir, tuple(forms.split("|")), tuple(streets.split("|")), plate,
        tuple(Site(code, *site.split("|")) for site in sites),
    )


COUNTRIES: dict[str, Country] = {
    c.code: c
    for c in (
        _country("DE", "DE", "EUR", "DEU", "GmbH|AG|GmbH & Co. KG",
                 "Hafenstrasse|Industriestrasse|Am Sandtorkai|Lindenallee|Gewerbering", "AA99999",
                 "Hamburg|20457|DEHAM|+53.54130|+9.98440", "Frankfurt am Main|60314|DEFRA|+50.11050|+8.73100",
                 "Koeln|50667|DECGN|+50.93750|+6.96030", "Stuttgart|70327|DESTR|+48.78230|+9.17700",
                 "Weil am Rhein|79576|DEWLR|+47.59470|+7.61070"),
        _country("NL", "NL", "EUR", "NLD", "B.V.|N.V.", "Havenweg|Industrieweg|Marconistraat|Kanaalweg", "99AAA9",
                 "Venlo|5928 LN|NLVEN|+51.37040|+6.17240", "Amsterdam|1043 AP|NLAMS|+52.38400|+4.84100"),
        _country("BE", "NL", "EUR", "BEL", "NV|BV|SA", "Havenlaan|Noorderlaan|Industrieweg|Rue du Port", "9AAA999",
                 "Antwerpen|2030|BEANR|+51.26000|+4.40000", "Gent|9042|BEGNE|+51.10000|+3.76000"),
        _country("FR", "FR", "EUR", "FRA", "SAS|SA|SARL",
                 "Rue de l'Industrie|Avenue du Port|Rue des Entrepots|Boulevard Lenine", "AA999AA",
                 "Lyon|69007|FRLIO|+45.73600|+4.83700", "Paris|75012|FRPAR|+48.84000|+2.38800",
                 "Strasbourg|67100|FRSXB|+48.56400|+7.78000"),
        _country("IT", "IT", "EUR", "ITA", "S.p.A.|S.r.l.", "Via dell'Industria|Via del Porto|Viale Europa|Via Roma",
                 "AA999AA", "Milano|20126|ITMIL|+45.51000|+9.21600", "Verona|37135|ITVRN|+45.40300|+10.97000",
                 "Torino|10156|ITTRN|+45.11100|+7.69200"),
        _country("AT", "DE", "EUR", "AUT", "GmbH|AG", "Hafenstrasse|Industriezeile|Handelskai|Gewerbestrasse",
                 "A99999A", "Wien|1110|ATVIE|+48.17000|+16.44000", "Graz|8055|ATGRZ|+47.01000|+15.43000",
                 "Salzburg|5020|ATSZG|+47.81000|+13.03000"),
        _country("PL", "PL", "PLN", "POL", "Sp. z o.o.|S.A.", "ul. Portowa|ul. Przemyslowa|ul. Magazynowa|ul. Lesna",
                 "AA99999", "Poznan|61-131|PLPOZ|+52.40600|+16.92500", "Warszawa|02-146|PLWAW|+52.18000|+20.98000",
                 "Wroclaw|54-530|PLWRO|+51.10500|+16.90000"),
        _country("CZ", "CS", "CZK", "CZE", "s.r.o.|a.s.", "Prumyslova|Skladova|Logisticka|Nadrazni", "9A99999",
                 "Praha|102 00|CZPRG|+50.05800|+14.50200", "Brno|627 00|CZBRQ|+49.15100|+16.69400"),
        _country("SE", "SV", "SEK", "SWE", "AB", "Hamngatan|Industrivagen|Lagervagen|Terminalgatan", "AAA99A",
                 "Goteborg|417 64|SEGOT|+57.70900|+11.91000", "Malmo|211 20|SEMMA|+55.61500|+12.99000",
                 "Stockholm|115 21|SESTO|+59.34200|+18.11000"),
        _country("DK", "DA", "DKK", "DNK", "A/S|ApS", "Havnegade|Industrivej|Transitvej|Lagervej", "AA99999",
                 "Aarhus|8000|DKAAR|+56.15500|+10.22000", "Padborg|6330|DKPAO|+54.82500|+9.36300"),
        _country("ES", "ES", "EUR", "ESP", "S.A.|S.L.",
                 "Calle del Puerto|Avenida de la Industria|Calle Mayor|Poligono Sur", "9999AAA",
                 "Barcelona|08040|ESBCN|+41.35000|+2.14000", "Madrid|28042|ESMAD|+40.46000|-3.58000"),
        _country("HU", "HU", "HUF", "HUN", "Kft.|Zrt.", "Ipari ut|Raktar utca|Kikoto sor", "AAA999",
                 "Budapest|1097|HUBUD|+47.46000|+19.08000"),
        _country("CH", "DE", "CHF", "CHE", "AG|GmbH|SA", "Hafenstrasse|Industriestrasse|Rue du Rhone|Bahnhofstrasse",
                 "AA999999", "Basel|4057|CHBSL|+47.58000|+7.59000", "Zuerich|8005|CHZRH|+47.38800|+8.51800",
                 "Geneve|1211|CHGVA|+46.20400|+6.14300"),
        _country("NO", "NO", "NOK", "NOR", "AS|ASA", "Havnegata|Industriveien|Lagerveien", "AA99999",
                 "Oslo|0150|NOOSL|+59.90700|+10.75500", "Halden|1788|NOHAL|+59.12400|+11.38700"),
        _country("GB", "EN", "GBP", "GBR", "Ltd|plc", "Trafford Park Road|Dock Road|Commerce Way", "AA99AAA",
                 "Manchester|M17 1PA|GBMNC|+53.47000|-2.32000", "Birmingham|B26 3QJ|GBBHM|+52.45000|-1.73000"),
        _country("US", "EN", "USD", "USA", "Inc.|LLC|Corp.", "Harbor Boulevard|Commerce Drive|Main Street", "AAA9999",
                 "New York|10001|USNYC|+40.75000|-73.99700", "Houston|77002|USHOU|+29.75800|-95.36700"),
        _country("CN", "EN", "CNY", "CHN", "Co. Ltd.", "Pudong Avenue|Century Road", "A99999",
                 "Shanghai|200120|CNSGH|+31.23000|+121.47000"),
        _country("JP", "EN", "JPY", "JPN", "K.K.|Co. Ltd.", "Minato Mirai|Kaigan-dori", "AA9999",
                 "Yokohama|231-0023|JPYOK|+35.44000|+139.64000", "Osaka|530-0001|JPOSA|+34.70000|+135.50000"),
        _country("AE", "EN", "AED", "ARE", "LLC|FZE", "Sheikh Zayed Road|Jebel Ali Free Zone", "A99999",
                 "Dubai||AEDXB|+25.20000|+55.27000"),
    )
}


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
    ref: Office(ref, city, frozenset(roles.split()))
    for ref, city, roles in (
        ("DE004851", "Hamburg", "DEP DES TRA EXT TXT"),
        ("DE002452", "Bremerhaven", "DEP DES TRA EXT"),
        ("DE003358", "Frankfurt am Main", "DEP DES"),
        ("DE003302", "Frankfurt am Main", "DEP DES TRA EXT TXT"),
        ("DE007202", "Koeln", "DEP DES"),
        ("DE009552", "Stuttgart", "DEP DES"),
        ("DE004103", "Rielasingen", "DEP DES TRA EXT"),
        ("NL000205", "Venlo", "DEP DES EXT"),
        ("NL000854", "Amsterdam", "DEP DES TRA EXT"),
        ("NL000510", "Rotterdam", "DEP DES TRA EXT TXT"),
        ("BE101000", "Antwerpen", "DEP DES TRA EXT"),
        ("BE312000", "Gent", "DEP DES TRA EXT"),
        ("FR002650", "Lyon", "DEP DES TRA EXT"),
        ("FR003260", "Paris", "DEP DES EXT"),
        ("FR004310", "Strasbourg", "DEP DES EXT"),
        ("IT277100", "Milano", "DEP DES TRA EXT"),
        ("IT136100", "Verona", "DEP DES EXT"),
        ("IT314100", "Torino", "DEP DES EXT"),
        ("IT275105", "Ponte Chiasso", "DEP DES TRA EXT"),
        ("AT100000", "Wien", "DEP DES"),
        ("AT700000", "Graz", "DEP DES"),
        ("AT600000", "Salzburg", "DEP DES"),
        ("PL391010", "Poznan", "DEP DES EXT"),
        ("PL451010", "Wroclaw", "DEP DES EXT"),
        ("PL441010", "Warszawa", "DEP DES EXT"),
        ("CZ510201", "Praha", "DEP DES TRA EXT"),
        ("CZ530201", "Brno", "DEP DES TRA EXT"),
        ("SE603303", "Goteborg", "DEP DES TRA EXT"),
        ("SE000050", "Malmo", "DEP DES TRA EXT"),
        ("SE603340", "Svinesund", "DEP DES TRA"),
        ("DK004701", "Aarhus", "DEP DES TRA EXT TXT"),
        ("DK005604", "Padborg", "DEP DES EXT"),
        ("ES000841", "Barcelona", "DEP DES EXT"),
        ("ES002801", "Madrid", "DEP DES TRA EXT"),
        ("ES002861", "Madrid", "DEP DES EXT"),
        ("HU101000", "Budapest", "DEP DES EXT"),
        ("CH001801", "Basel", "DEP DES TRA"),
        ("CH001841", "Basel", "DEP DES TRA"),
        ("CH004181", "Chiasso", "DEP DES TRA"),
        ("CH003071", "St. Margrethen", "DEP DES TRA"),
        ("CH002711", "Zuerich", "DEP DES"),
        ("CH006021", "Geneve", "DEP DES TRA"),
        ("NO365001", "Oslo", "DEP DES TRA"),
        ("NO371001", "Svinesund", "DEP DES TRA"),
        ("GB000149", "Purfleet", "DEP DES TRA"),
        ("GB000191", "Manchester", "DEP DES TRA"),
    )
}

#: Contracting parties of common transit outside the Union that routes start or end in (CL112).
CTC_COUNTRIES = frozenset({"CH", "NO", "GB"})
#: Countries whose addresses a postcode (and house number) identify (CL190 CountryAddressPostcodeBased).
POSTCODE_ADDRESS_COUNTRIES = frozenset({"IE", "LU", "NL"})
#: Countries outside common transit (not in CL009) that exported goods are going to.
THIRD_COUNTRIES = frozenset({"US", "CN", "JP", "AE"})


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


ROUTES: tuple[Route, ...] = (
    # inside the Union: offices of transit optional, none declared
    Route(("DE004851", "DE003358"), ("NL000205", "NL000854"), modes=("3", "3", "2")),
    Route(("DE007202",), ("NL000854",), modes=("8", "3")),
    Route(("PL391010", "PL451010"), ("DE003358", "DE007202", "DE009552"), modes=("3", "3", "2")),
    Route(("CZ510201", "CZ530201"), ("DE009552", "DE003358"), modes=("3", "2")),
    Route(("DE009552", "DE003358"), ("FR004310", "FR003260", "FR002650"), modes=("3", "2")),
    Route(("IT277100", "IT136100"), ("AT100000", "AT600000", "AT700000"), modes=("3", "2")),
    Route(("BE101000", "BE312000"), ("ES000841", "ES002861"), ("FR",)),
    Route(("SE603303", "SE000050"), ("DK004701", "DK005604")),
    Route(("AT100000", "AT700000"), ("HU101000",), modes=("3", "2")),
    Route(("DK004701",), ("DE004851", "DE003358")),
    Route(("NL000205",), ("IT277100", "IT314100"), ("DE", "AT")),
    Route(("DE004851",), ("SE603303",), modes=("1",)),
    Route(("DE004851",), ("SE603303", "SE000050"), ("DK",)),
    Route(("DE003302",), ("ES002801",), modes=("4",)),
    Route(("FR002650",), ("ES000841",)),
    Route(("PL441010",), ("DE003358", "DE009552"), modes=("5",)),
    # export followed by transit: to an office of exit, the goods leaving the Union for a third country
    Route(("DE009552", "DE003358"), ("DE004851", "DE002452"), modes=("3", "2"), export_to=("US", "CN", "JP", "AE")),
    Route(("CZ510201", "CZ530201"), ("DE004851",), modes=("3", "2"), export_to=("CN", "US")),
    Route(("FR003260", "FR002650"), ("BE101000",), export_to=("US", "AE")),
    # into or through a common transit country outside the Union: offices of transit required
    Route(("DE009552", "DE003358"), ("CH002711", "CH006021"), transit=("CH001801",), modes=("3", "3", "2")),
    Route(("FR004310", "FR002650"), ("CH006021",), transit=("CH001841",)),
    Route(("IT277100", "IT314100"), ("CH002711",), transit=("CH004181",)),
    Route(("AT600000",), ("CH002711",), transit=("CH003071",)),
    Route(("SE603303",), ("NO365001",), transit=("NO371001",)),
    Route(("DK004701",), ("NO365001",), ("SE",), transit=("NO371001",)),
    Route(("DE003358", "DE009552"), ("IT277100", "IT136100"), ("CH",), ("CH001801", "IT275105"), ("3", "2")),
    Route(("NL000854", "NL000205"), ("GB000191",), transit=("GB000149",), border="1", exit=("NL000510",)),
    Route(("DE007202", "DE003358"), ("GB000191",), ("NL",), ("GB000149",), border="1", exit=("NL000510",)),
    # from a common transit country outside the Union into the Union
    Route(("CH002711",), ("DE009552", "DE003358"), transit=("DE004103",), modes=("3", "2")),
    Route(("CH002711",), ("IT277100",), transit=("IT275105",)),
    Route(("NO365001",), ("SE603303",), transit=("SE603340",)),
)


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


GOODS: tuple[Goods, ...] = (
    Goods("Hydraulic pumps", "841350", None, ("PX", "CS"), (80, 2500)),
    Goods("Ball bearings", "848210", "90", ("CT", "BX", "PX"), (20, 1800)),
    Goods("Lithium-ion batteries for e-bikes", "850760", "00", ("CT", "PX"), (50, 1200), "3480"),
    Goods("Wooden dining room furniture", "940360", "10", ("PX", "NF"), (200, 6000)),
    Goods("Cotton T-shirts", "610910", "00", ("CT", "BG"), (30, 900)),
    Goods("Red wine in 0.75 l bottles", "220421", None, ("CT", "PX"), (150, 4000), excise=True),
    Goods("Scotch whisky in 0.7 l bottles", "220830", None, ("CT", "PX"), (100, 3000), excise=True),
    Goods("Cigarettes", "240220", None, ("CT",), (50, 2000), excise=True),
    Goods("Extra virgin olive oil", "150920", None, ("CT", "DR"), (100, 3000)),
    Goods("Solvent-based paints", "320890", None, ("DR", "PL"), (100, 5000), "1263"),
    Goods("Seamless steel line pipes", "730419", None, ("NE", "BE"), (1000, 20000)),
    Goods("Durum wheat in bulk", "100199", "00", ("VR",), (5000, 24000)),
    Goods("Portable computers", "847130", "00", ("CT", "PX"), (10, 600)),
    Goods("Parts for motor vehicles", "870899", None, ("PX", "CR", "CS"), (40, 3000)),
    Goods("New pneumatic car tyres", "401110", "00", ("NE", "PX"), (100, 5000)),
    Goods("Frozen cod fillets", "030489", None, ("CT",), (200, 18000)),
    Goods("Polyethylene granules", "390110", "90", ("BG", "PX", "VR"), (500, 22000)),
    Goods("Glazed ceramic floor tiles", "690721", "00", ("PX",), (800, 20000)),
    Goods("Surgical instruments", "901890", None, ("CS", "CT"), (5, 400)),
    Goods("Green coffee beans", "090111", "00", ("SA", "BG"), (600, 19000)),
    Goods("Printed books", "490199", "00", ("CT", "PX"), (50, 3000)),
    Goods("Diesel fuel", "271019", None, ("VL",), (8000, 30000), "1202", excise=True),
)

#: Package kinds of CL181 (bulk: not counted) and CL182 (unpacked: counted, marks optional), C0060.
BULK = frozenset({"VG", "VL", "VO", "VQ", "VR", "VS", "VY"})
UNPACKED = frozenset({"NE", "NF", "NG"})
#: Typical mass of one package of a kind (kg), to count packages in proportion to the mass.
_PACKAGE_KG = {"PX": 450, "CS": 40, "CT": 12, "BX": 15, "BG": 25, "DR": 200, "PL": 20, "NE": 300, "NF": 60,
               "BE": 1500, "CR": 120, "SA": 60}
#: Goods fit for the post (small, packed, not dangerous) and for air freight (no bulk).
_POSTAL_GOODS = tuple(
    g for g in GOODS if g.kg[0] <= 50 and g.un is None and not set(g.packages) & (BULK | UNPACKED) and not g.excise
)
_AIR_GOODS = tuple(g for g in GOODS if not set(g.packages) & BULK and g.kg[1] <= 6000)

_STEMS = (
    "Nordwerk", "Alpina", "Baltica", "Rheinland", "Danubia", "Helvetia", "Iberica", "Europa", "Vistula",
    "Atlas", "Meridian", "Polaris", "Aurora", "Orion", "Cascade", "Kestrel", "Granite", "Harbour",
)
_TRADES = ("Logistics", "Trading", "Maschinenbau", "Import", "Export", "Spedition", "Foods", "Industries")
_FIRST = ("Anna", "Jan", "Marta", "Luca", "Sofia", "Pieter", "Eva", "Tomas", "Ines", "Lars", "Clara", "Marek")
_LAST = ("Novak", "Berg", "Rossi", "Dubois", "Jansen", "Kowalska", "Lindqvist", "Weber", "Garcia", "Horvat")
_CALLING = {"DE": "49", "NL": "31", "BE": "32", "FR": "33", "IT": "39", "AT": "43", "PL": "48", "CZ": "420",
            "SE": "46", "DK": "45", "ES": "34", "HU": "36", "CH": "41", "NO": "47"}

#: Inland mode -> the types of identification of its departure means (CL750, R0472), first one for the vehicle.
_MEANS_TYPES = {"1": ("10", "11"), "2": ("20", "21"), "3": ("30",), "4": ("40", "41"), "8": ("80",)}
#: Border mode -> the type of identification of the active means crossing the border (CL219).
_BORDER_TYPE = {"1": "10", "2": "21", "3": "30", "4": "40", "8": "80"}
#: Inland mode -> transport document types (CL754).
TRANSPORT_DOCUMENTS = {"1": ("N705", "N714"), "2": ("N720",), "3": ("N730", "N760"), "4": ("N740", "N741"),
                        "5": ("N750",), "8": ("N760",)}
SUPPORTING_DOCUMENTS = ("N380", "N325", "N954", "N864")
ADDITIONAL_REFERENCES = ("Y901", "Y903", "Y900", "Y922")
_AIRLINES = ("LH", "KL", "AF", "SK", "IB", "LX")
_AIRCRAFT_MARKS = {"DE": "D", "FR": "F", "IT": "I", "ES": "EC", "NL": "PH", "AT": "OE", "SE": "SE"}
_SHIP_NAMES = ("NORDIC STAR", "BALTIC TRADER", "ELBE CARRIER", "MARE NOSTRUM")
_CONTAINER_OWNERS = ("MSCU", "MAEU", "CMAU", "HLXU", "TGHU")
_NEIGHBOURS = {
    "DE": ("NL", "PL", "CZ", "AT"), "NL": ("BE", "DE"), "BE": ("NL", "FR"), "FR": ("BE", "ES"), "IT": ("AT", "FR"),
    "AT": ("DE", "HU"), "PL": ("CZ", "DE"), "CZ": ("PL", "AT"), "SE": ("DK",), "DK": ("SE", "DE"), "ES": ("FR",),
    "HU": ("AT",), "CH": ("DE",), "NO": ("SE",), "GB": ("NL",),
}

# ============================================================================================ helpers


def _pick(draw: Draw, options: Sequence[T]) -> T:
    return draw(st.sampled_from(options))  # type: ignore[no-any-return]


def _chance(draw: Draw, p: float) -> bool:
    """True with probability about ``p``; shrinks to False."""
    return draw(st.integers(0, 19)) < round(p * 20)  # type: ignore[no-any-return]


def _numbered(items: Sequence[Data]) -> list[Data]:
    """Sequence numbers 1, 2, 3 ... in document order (R0987)."""
    return [{"sequence_number": i, **item} for i, item in enumerate(items, 1)]


def _tweak(text: str) -> str:
    """``text`` with its last character changed, to tell apart two values that were drawn equal."""
    return text[:-1] + ("2" if text[-1] == "1" else "1")


def _vary(values: list[Any]) -> list[Any]:
    """The values with the last one changed if all are the same: data repeated on every house
    consignment or goods item must differ somewhere (R0506, R0507, B1877), also when hypothesis
    shrinks the draws to equal values."""
    if len(values) > 1 and all(v == values[0] for v in values[1:]):
        last = values[-1]
        if isinstance(last, str):
            values[-1] = _tweak(last)
        elif "identification_number" in last:
            values[-1] = {**last, "identification_number": _tweak(last["identification_number"])}
        else:
            values[-1] = {**last, "name": _tweak(last["name"])}
    return values


def _not_all_same(draw: Draw, pool: Sequence[str], count: int, first: str | None = None) -> list[str]:
    """``count`` codes from ``pool`` (the first one given or drawn), not all the same (R0506, R0507, B1877)."""
    values = [first or _pick(draw, pool)] + [_pick(draw, pool) for _ in range(count - 1)]
    if count > 1 and len(set(values)) == 1:
        values[-1] = next(v for v in pool if v != values[0])
    return values


def _countries(draw: Draw, first: str, count: int) -> list[str]:
    """``count`` countries: ``first`` and its neighbours, not all the same."""
    return _not_all_same(draw, (first, *_NEIGHBOURS.get(first, ())), count, first)


def _kg(value: Decimal) -> Decimal:
    """A mass with at most 3 decimals (E1109 allows 3 during the transition period)."""
    return value.quantize(Decimal("0.001")).normalize() if value % 1 else value.quantize(Decimal(1))


def _site_of(office: Office) -> Site:
    """The site of an office's city, or else its country's first site."""
    sites = COUNTRIES[office.country].sites
    return next((s for s in sites if s.city == office.city), sites[0])


# ============================================================================================ the plan


@dataclass
class _Plan:
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


@st.composite
def _plans(draw: Draw, phase: str) -> _Plan:
    transition = phase == "transition"
    declaration_type = _pick(draw, ("T1", "T1", "T1", "T2", "T2F", "T", "T", "TIR", "TIR"))
    # E1406: one house consignment during the transition period; otherwise 1 to 3
    houses = 1 if transition else _pick(draw, (1, 1, 1, 2, 2, 3))
    counts = [draw(st.integers(1, 4)) for _ in range(houses)]
    if declaration_type == "T" and sum(counts) < 2:
        counts[0] = 2  # R0507: the goods items of a mixed declaration must not all have the same type
    item_types: list[list[str | None]] = [[None] * n for n in counts]
    if declaration_type == "T":
        flat: list[str | None] = [_pick(draw, ("T1", "T1", "T2", "T2F")) for _ in range(sum(counts))]
        if len(set(flat)) == 1:
            flat[-1] = "T2" if flat[0] != "T2" else "T1"
        it = iter(flat)
        item_types = [[next(it) for _ in range(n)] for n in counts]
    t2 = declaration_type == "T2" or any("T2" in h for h in item_types)
    route = _pick(draw, _pick(draw, _route_choices(declaration_type, t2)))
    departure = OFFICES[_pick(draw, route.departure)]
    destination = OFFICES[_pick(draw, route.destination)]
    security = _pick(draw, ("0", "0", "1", "2", "3"))
    additional = "A" if route.export_to else _pick(draw, ("A", "A", "A", "A", "A", "D"))
    # export followed by transit (previous document N830, only for exports from the Union): goods on
    # their way out of the Union, to a common transit country or to an office of exit (G0034)
    export = bool(route.export_to) or (
        declaration_type in ("T1", "TIR")
        and additional == "A"
        and departure.country not in CTC_COUNTRIES
        and (route.end in CTC_COUNTRIES or "EXT" in destination.roles)
        and _chance(draw, 0.4)
    )
    final = _pick(draw, route.export_to) if route.export_to else route.end
    from_union = departure.country not in CTC_COUNTRIES
    reduced = declaration_type != "TIR" and not export and from_union and _chance(draw, 0.1)
    authorisations: list[str] = []
    if declaration_type != "TIR" and from_union and _chance(draw, 0.3):
        authorisations.append("C521")  # authorised consignor
        if _chance(draw, 0.4):
            authorisations.append("C523")  # seals of a special type
    if reduced:
        authorisations.append("C524")  # R0859, C0101: the reduced data set needs its authorisation
    mode = "3" if declaration_type == "TIR" else _pick(draw, route.modes)
    border = route.border or mode
    if (security != "0" and additional == "A") or route.leaves_union or mode == "2":
        # C0599 (S&S on a standard declaration), B1889 (S&S from outside the Union); G0115 lets the
        # border mode be left out only for non-rail movements that stay inside the Union
        border_mode: str | None = border
    else:
        border_mode = _pick(draw, (border, None))
    if additional == "D":
        container = _pick(draw, ("0", "1", None))  # C0822: optional when pre-lodged
    else:
        container = _pick(draw, ("0", "0", "1")) if mode in ("1", "3") else "0"
    day = date(2026, 1, 5) + timedelta(days=draw(st.integers(0, 330)))
    prepared = datetime(day.year, day.month, day.day, draw(st.integers(6, 19)), draw(st.integers(0, 59)))
    return _Plan(
        phase, declaration_type, item_types, route, departure, destination, final, security, additional,
        reduced, authorisations, mode, border_mode, container, export, prepared,
    )


# ============================================================================================ parties


def _company(draw: Draw, country: str) -> str:
    """A company name of at most 35 characters (E1104 during the transition period)."""
    stem, trade, form = _pick(draw, _STEMS), _pick(draw, _TRADES), _pick(draw, COUNTRIES[country].legal_forms)
    name = f"{stem} {trade} {form}"
    return name if len(name) <= 35 else f"{stem} {form}"


def _address(draw: Draw, country: str, site: Site | None = None) -> Data:
    """Street, postcode (C0505; at most 9 characters, E1102), city and country."""
    c = COUNTRIES[country]
    site = site or _pick(draw, c.sites)
    address: Data = {"street_and_number": f"{_pick(draw, c.streets)} {draw(st.integers(1, 180))}"}
    if site.postcode:  # none where the country has no postcodes (CL505)
        address["postcode"] = site.postcode
    return {**address, "city": site.city, "country": country}


def _contact(draw: Draw, country: str) -> Data:
    first, last = _pick(draw, _FIRST), _pick(draw, _LAST)
    phone = f"+{_CALLING.get(country, '1')} {draw(codes('999 9999999'))}"
    contact: Data = {"name": f"{first} {last}", "phone_number": phone}
    if _chance(draw, 0.5):
        contact["e_mail_address"] = f"{first.lower()}.{last.lower()}@example.{country.lower()}"
    return contact


def _identification(draw: Draw, country: str) -> str:
    """An EORI number in the Union, the national trader number elsewhere (CHE + UID, NO + organisation number)."""
    if country == "CH":
        return f"CHE{draw(codes('999999999'))}"
    if country in ("NO", "US", "CN", "JP", "AE"):
        return f"{country}{draw(codes('999999999'))}"
    return draw(eori_numbers(country))  # type: ignore[no-any-return]


def _other_identification(draw: Draw, country: str, holder: str) -> str:
    """A number that is not the holder's (the carrier and the representative are other persons, G0090)."""
    number = _identification(draw, country)
    return _tweak(number) if number == holder else number


def _party(draw: Draw, country: str) -> Data:
    """A consignor or consignee: by number, by name and address, or both (C0250 needs one of them)."""
    how = _pick(draw, ("id", "both", "both", "name"))
    party: Data = {}
    if how != "name":
        party["identification_number"] = _identification(draw, country)
    if how != "id":
        party["name"] = _company(draw, country)
        party["address"] = _address(draw, country)
    return party


# ============================================================================================ header


def _transit_operation(draw: Draw, plan: _Plan) -> Data:
    op: Data = {
        "lrn": f"{plan.dep}{plan.prepared.year % 100}{draw(codes('XXXXXXXXXXXX'))}",
        "declaration_type": plan.declaration_type,
        "additional_declaration_type": plan.additional,
        "security": plan.security,
        "reduced_dataset_indicator": "1" if plan.reduced else "0",  # R0849: never for TIR
        "binding_itinerary": "0",
    }
    if plan.declaration_type == "TIR":  # C0411, R0990: an IRU carnet number
        op["tir_carnet_number"] = _pick(draw, ("XA", "XB", "XC")) + str(draw(st.integers(25_000_000, 99_999_999)))
    # C0586 / B1848: a binding itinerary lists the countries of routing, which the transition period
    # allows only with safety and security data
    if (not plan.transition or plan.security != "0") and _chance(draw, 0.2):
        op["binding_itinerary"] = "1"
    if plan.security in ("2", "3") and _chance(draw, 0.2):
        op["specific_circumstance_indicator"] = "A20"  # express consignment
    elif plan.security != "0" and _chance(draw, 0.15):
        op["specific_circumstance_indicator"] = "XXX"  # AEO
    if _chance(draw, 0.3):
        op["communication_language_at_departure"] = _pick(draw, (COUNTRIES[plan.dep].language, "EN"))
    if "C521" in plan.authorisations and (plan.additional == "A" or _chance(draw, 0.5)):
        # C0839: an authorised consignor sets the date by which the goods are to be presented
        op["limit_date"] = plan.prepared.date() + timedelta(days=draw(st.integers(3, 10)))
    return op


def _authorisations(draw: Draw, plan: _Plan) -> list[Data]:
    names = {"C521": "ACR", "C523": "SSE", "C524": "TRD"}
    return _numbered(
        [
            {"type": kind, "reference_number": f"{plan.dep}{names[kind]}{draw(codes('9999999999'))}"}
            for kind in plan.authorisations
        ]
    )


def _guarantee_types(draw: Draw, plan: _Plan) -> list[str]:
    """R0900: B for TIR; CL230 when departing from the Union (R only on the Rhine); CL229 otherwise."""
    if plan.declaration_type == "TIR":
        return ["B"]
    if plan.from_union:
        options = ["0", "1", "1", "1", "2", "3", "4", "5", "8"] + (["R"] if plan.mode == "8" else [])
    else:
        options = ["0", "1", "1", "2", "3", "4", "9"]
    kinds = [_pick(draw, options)]
    if _chance(draw, 0.15):
        kinds.append(_pick(draw, [k for k in ("1", "2", "3") if k != kinds[0]]))
    return kinds


def _guarantees(draw: Draw, plan: _Plan) -> list[Data]:
    out = []
    for kind in _guarantee_types(draw, plan):
        g: Data = {"guarantee_type": kind}
        if kind == "8" or (kind == "3" and _chance(draw, 0.3)):
            g["other_guarantee_reference"] = f"{plan.dep}-{draw(codes('99999999'))}"  # C0130
        if kind in ("0", "1", "2", "3", "4", "5", "9"):  # C0085: the types of CL076 carry references
            refs = []
            for _ in range(2 if kind == "1" and _chance(draw, 0.15) else 1):
                ref: Data = {}
                if kind in ("0", "1", "2", "4", "9"):  # C0086: GRN and access code exactly for CL286
                    ref["grn"] = draw(grns(plan.dep, plan.prepared.year - 1, voucher=kind == "4"))
                    ref["access_code"] = draw(codes("XXXX"))  # E1118: 4 characters
                # B2101 wants amount and currency after the transition period; B1898 pairs them during it
                if not plan.transition or _chance(draw, 0.6):
                    ref["amount_to_be_covered"] = Decimal(draw(st.integers(100_000, 50_000_000))) / 100
                    ref["currency"] = _pick(draw, ("EUR", COUNTRIES[plan.dep].currency))
                refs.append(ref)
            g["guarantee_reference"] = _numbered(refs)
        out.append(g)
    return _numbered(out)


def _holder(draw: Draw, plan: _Plan) -> Data:
    """The holder, established in the country of departure and identified by number (R0850, G0120)."""
    country = plan.dep
    holder: Data = {"identification_number": _identification(draw, country)}
    if _chance(draw, 0.7):
        holder["name"] = _company(draw, country)
        holder["address"] = _address(draw, country)
    if plan.declaration_type == "TIR":  # C0904
        code = COUNTRIES[country].tir_code
        holder["tir_holder_identification_number"] = f"{code}/{draw(st.integers(1, 999))}/{draw(st.integers(1, 99999))}"
    if _chance(draw, 0.4):
        holder["contact_person"] = _contact(draw, country)
    return holder


def _offices_of_transit(draw: Draw, plan: _Plan) -> list[Data]:
    out = []
    for day, ref in enumerate(plan.route.transit, 1):
        office: Data = {"reference_number": ref}
        # C0598 (ENS: arrival at offices in the security area), B1831 (S&S from outside the Union during
        # the transition period); R0005: after the message was prepared
        if plan.security != "0" or _chance(draw, 0.3):
            hours = draw(st.integers(1, 9))
            office["arrival_date_and_time_estimated"] = plan.prepared + timedelta(days=day, hours=hours)
        out.append(office)
    return _numbered(out)


# ============================================================================================ transport


def _means_id(draw: Draw, kind: str, country: str) -> str:
    """The identification number of a means of transport of type ``kind``, in capitals (R0473, R0076)."""
    if kind in ("30", "31"):
        return draw(codes(COUNTRIES[country].plate))  # type: ignore[no-any-return]
    if kind == "10":
        return _imo_number(draw(st.integers(0, 99_999)))
    if kind == "11":
        return _pick(draw, _SHIP_NAMES)
    if kind == "20":
        return draw(codes("999999999999"))  # type: ignore[no-any-return]  # UIC wagon number
    if kind == "21":
        return f"EC{draw(st.integers(100, 9999))}"
    if kind == "40":
        return f"{_pick(draw, _AIRLINES)}{draw(st.integers(100, 9999))}"
    if kind == "41":
        return f"{_AIRCRAFT_MARKS.get(country, country[0])}-{draw(codes('AAAA'))}"
    return draw(codes("99999999"))  # type: ignore[no-any-return]  # 80: European vessel identification


def _departure_means(draw: Draw, plan: _Plan) -> list[Data]:
    """A vehicle with up to two trailers by road (R0474, R0476), up to three wagons by rail (R0855),
    else one means (B1890 also limits rail to one during the transition period)."""
    kinds = _MEANS_TYPES[plan.mode]
    country = _pick(draw, (plan.dep, plan.dep, plan.dest))
    if plan.mode == "3":
        types = ["30"] + ["31"] * _pick(draw, (0, 0, 1, 2))
    elif plan.mode == "2" and not plan.transition:
        types = [_pick(draw, kinds)] * _pick(draw, (1, 1, 2, 3))
    else:
        types = [_pick(draw, kinds)]
    means = []
    for kind in types:
        m: Data = {"type_of_identification": kind, "identification_number": _means_id(draw, kind, country)}
        if not (plan.transition and plan.mode == "2"):  # B1897: no nationality by rail during the transition
            m["nationality"] = country
        means.append(m)
    return _numbered(_vary(means))


def _border_means(draw: Draw, plan: _Plan, departure_means: list[Data]) -> list[Data]:
    """The active means crossing the border, with the office where it crosses among the declared
    ones (G0789) and every item B2101 asks for; by air with its flight number (C0531, R0315)."""
    assert plan.border_mode is not None
    kind = _BORDER_TYPE[plan.border_mode]
    same = [m for m in departure_means if m["type_of_identification"] == kind and "nationality" in m]
    if same:
        ident, nationality = same[0]["identification_number"], same[0]["nationality"]
    else:
        nationality = plan.dep
        ident = _means_id(draw, kind, nationality)
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
    return _numbered([means])


def _place(draw: Draw, site: Site, *, short: bool) -> Data:
    """A place of loading or unloading: UN/LOCODE, or country and location (C0387)."""
    how = _pick(draw, ("code", "code", "all", "name"))
    place: Data = {}
    if how != "name":
        place["un_locode"] = site.unlocode
    if how != "code":
        place["country"] = site.country
        place["location"] = site.city[:17] if short else site.city  # E1114
    return place


def _location_of_goods(draw: Draw, plan: _Plan, holder_id: str, authorisation: str | None) -> Data:
    """Where the goods can be examined, identified the way its qualifier says (C0394, C0671)."""
    site = _site_of(plan.departure)
    if authorisation is not None:
        qualifier, kind = "Y", "B"  # an authorised consignor's authorised place
    else:
        options = [("V", "A"), ("V", "A"), ("X", "B"), ("U", "A"), ("Z", "D"), ("W", "D")]
        if plan.dep in POSTCODE_ADDRESS_COUNTRIES:
            options.append(("T", "A"))  # a postcode alone locates an address there (CL190)
        qualifier, kind = _pick(draw, options)
    loc: Data = {"type_of_location": kind, "qualifier_of_identification": qualifier}
    if qualifier == "V":
        loc["customs_office"] = {"reference_number": plan.departure.ref}
    elif qualifier in ("X", "Y"):
        if qualifier == "X":
            loc["economic_operator"] = {"identification_number": holder_id}
        else:
            loc["authorisation_number"] = authorisation
        if _chance(draw, 0.5):
            loc["additional_identifier"] = draw(codes("9999"))
    elif qualifier == "U":
        loc["un_locode"] = site.unlocode
    elif qualifier == "Z":
        loc["address"] = _address(draw, plan.dep, site)
    elif qualifier == "W":
        loc["gnss"] = {"latitude": site.lat, "longitude": site.lon}
    else:
        house = str(draw(st.integers(1, 120)))
        loc["postcode_address"] = {"house_number": house, "postcode": site.postcode, "country": plan.dep}
    if qualifier != "V" and _chance(draw, 0.3):
        loc["contact_person"] = _contact(draw, plan.dep)
    return loc


def _transport_equipment(draw: Draw, plan: _Plan, items: int) -> list[Data]:
    """Containers (C0823, C0055) or one sealed load (R0448); seals counted (R0106, C0569), unique
    (R0107) and compulsory with seals of a special type (R0165); every goods item referenced once
    (C0670, G0006), the references left out only for a single container."""
    sealed = "C523" in plan.authorisations
    if plan.container == "1":
        numbers = [True] * draw(st.integers(1, min(3, items)))
    elif plan.container == "0" and (sealed or _chance(draw, 0.25)):
        numbers = [False]
    else:
        return []
    owner = _pick(draw, _CONTAINER_OWNERS)
    first_serial = draw(st.integers(100_000, 899_999))
    seal_base = draw(codes("AA999999"))
    count = len(numbers)
    equipment = []
    for i, container in enumerate(numbers):
        te: Data = {}
        if container:
            te["container_identification_number"] = _container_number(owner, first_serial + i)
        seals = draw(st.integers(0 if container and not sealed else 1, 2))
        te["number_of_seals"] = seals
        te["seal"] = _numbered([{"identifier": f"{seal_base}-{i + 1}{s}"} for s in range(seals)])
        if count > 1 or not container or _chance(draw, 0.5):
            # equipment i carries goods items i + 1, i + 1 + count, ...
            te["goods_reference"] = _numbered(
                [{"declaration_goods_item_number": n} for n in range(i + 1, items + 1, count)]
            )
        equipment.append(te)
    return _numbered(equipment)


# ============================================================================================ levels


@dataclass
class _Levels:
    """At which level the data items that may sit at several levels are declared."""

    dispatch: str  # consignment | house | item | none
    destination: str  # consignment | house | item
    ucr: str  # consignment | house | item | consignment-document | house-document | item-document | none
    consignee: str  # consignment | house | item | none
    consignee_unknown: bool  # code 30600 instead of a consignee where the levels allow it
    consignor: str  # consignment | house | none
    means: str  # consignment | house | none


def _levels(draw: Draw, plan: _Plan) -> _Levels:
    houses, items = len(plan.item_types), plan.items
    # country of dispatch: C0909, one level; during the transition period only for TIR (B1965)
    if plan.transition:
        dispatch = "none" if plan.declaration_type != "TIR" else _pick(draw, ("consignment", "item"))
    else:
        dispatch = _pick(draw, ("consignment", "consignment", "consignment", "house", "item"))
    if (dispatch == "house" and houses < 2) or (dispatch == "item" and items < 2):
        dispatch = "consignment"  # R0506/R0507: a value on every house or item must differ somewhere
    # country of destination: C0343, one level; not per house during the transition period (E1301)
    destination = _pick(draw, ("consignment", "consignment", "consignment", "house", "item"))
    if (
        (destination == "house" and (plan.transition or houses < 2))
        or (destination == "item" and items < 2)
        or plan.route.export_to
    ):
        destination = "consignment"
    # UCR: C0502 after the transition period, B1895/B1896 during it
    if plan.transition:
        ucr = _pick(draw, ("consignment", "item", "item-document", "none"))
    else:
        ucr = _pick(draw, ("consignment", "consignment", "house", "item", "consignment-document", "house-document"))
    if ucr == "item" and items < 2:
        ucr = "consignment"
    # consignee: C0001 (once, or per house consignment) after the transition period, B1820/B1823 (once,
    # or per goods item) during it; optional for goods leaving the common transit countries, where
    # code 30600 (consignee unknown) may replace it with an exit summary declaration (security 2, 3)
    lower = "item" if plan.transition else "house"
    if destination == "item" and plan.transition:
        consignee = "item"  # B1820: each item going to a CL009 country needs its own
    elif plan.third_country:
        consignee = _pick(draw, ("consignment", lower, "none"))
        if consignee == "none" and plan.transition and plan.security in ("2", "3"):
            consignee = "item"  # B1820: without code 30600 each item then needs one
    else:
        consignee = _pick(draw, ("consignment", "consignment", lower))
    unknown = (
        plan.third_country
        and plan.security in ("2", "3")
        and (consignee == lower or (consignee == "none" and not plan.transition))
        and _chance(draw, 0.5)
    )
    # consignor: none with the reduced data set (C0542, and the guide); never at two levels
    if plan.reduced:
        consignor = "none"
    elif plan.transition:
        consignor = _pick(draw, ("consignment", "consignment", "none"))
    else:
        consignor = _pick(draw, ("consignment", "consignment", "house", "none"))
    # departure transport means: none by post (C0826, B1891); per house only after the transition (E1301)
    if plan.mode == "5":
        means = "none"
    elif plan.transition or houses < 2:
        means = "consignment"
    else:
        means = _pick(draw, ("consignment", "consignment", "house"))
    return _Levels(dispatch, destination, ucr, consignee, unknown, consignor, means)


# ============================================================================================ goods


def _ucr(draw: Draw, country: str, year: int) -> str:
    """A WCO unique consignment reference: year digit, country, trader number, own reference."""
    return f"{year % 10}{country}{draw(codes('999999999'))}-{draw(codes('XXXXXX'))}"


def _document(draw: Draw, kinds: Sequence[str], country: str) -> Data:
    return {"type": _pick(draw, kinds), "reference_number": f"{country}{draw(codes('99999999'))}"}


def _arc(draw: Draw, country: str, year: int) -> str:
    """The administrative reference code of an e-AD: year, Member State, 16 characters, a digit (G0414)."""
    return f"{year % 100:02d}{country}{draw(codes('XXXXXXXXXXXXXXXX9'))}"


def _packaging(draw: Draw, goods: Goods, gross: Decimal, marks: str) -> list[Data]:
    """Packages by kind (C0060): bulk not counted, unpacked counted, others counted and marked;
    as many as the mass suggests (at most 5 digits, E1111; marks at most 42 characters, E1105)."""
    kind = _pick(draw, goods.packages)
    p: Data = {"type_of_packages": kind}
    if kind not in BULK:
        p["number_of_packages"] = max(1, min(99_999, int(gross) // _PACKAGE_KG.get(kind, 25)))
        if kind not in UNPACKED or _chance(draw, 0.3):
            p["shipping_marks"] = marks[:42]
    return _numbered([p])


def _mass(draw: Draw, plan: _Plan, goods: Goods) -> Decimal:
    low, high = (1, 30) if plan.mode == "5" else goods.kg
    gross = Decimal(draw(st.integers(low, high)))
    if _chance(draw, 0.2):
        gross += Decimal(draw(st.integers(1, 999))) / 1000
    return _kg(gross)


def _goods_measure(draw: Draw, plan: _Plan, gross: Decimal, *, export: bool) -> Data:
    """Gross mass (B2101 after the transition period) and net mass: required after an export in the
    final phase (C0837), not with the reduced data set (C0837, B1805), never above the gross (R0223)."""
    measure: Data = {"gross_mass": gross}
    if not plan.reduced and ((export and not plan.transition) or _chance(draw, 0.6)):
        share = Decimal(draw(st.integers(80, 98))) / 100
        measure["net_mass"] = _kg(gross * share) if gross else _kg(Decimal(draw(st.integers(1, 500))))
    return measure


def _commodity(draw: Draw, plan: _Plan, goods: Goods, *, export: bool) -> Data:
    commodity: Data = {"description_of_goods": goods.description}
    # C0153: the commodity code is required except for TIR without an export (B1834: optional in transition)
    optional = plan.transition or (plan.declaration_type == "TIR" and not export)
    if not optional or _chance(draw, 0.8):
        code: Data = {"harmonized_system_sub_heading_code": goods.hs}
        if goods.cn is not None and plan.from_union and _chance(draw, 0.5):  # C0821: CN only from the Union
            code["combined_nomenclature_code"] = goods.cn
        commodity["commodity_code"] = code
    if goods.un is not None:
        commodity["dangerous_goods"] = _numbered([{"un_number": goods.un}])  # E1406: one per item
    return commodity


def _item_documents(draw: Draw, plan: _Plan, goods: Goods, kind: str, export_mrn: str | None) -> Data:
    """Documents of one goods item.

    Export MRNs here only during the transition period (B1000: one; G0991 wants them at house level
    after it).  Union goods leaving a common transit country prove their status (C0035, R0020: CL178).
    Excise goods carry their e-AD: as supporting document when moving as Union goods under duty
    suspension (T2/T2F), as additional reference after an export (T1), R0601 and B1922.
    """
    docs: Data = {}
    year = plan.prepared.year
    previous = []
    if export_mrn is not None:
        previous.append({"type": "N830", "reference_number": export_mrn})
    if kind in ("T2", "T2F") and not plan.from_union:
        proof = _pick(draw, ("N825", "C620", "N822"))  # T2L, T2LF, T2 declaration (CL178)
        mrn = draw(_mrns(_pick(draw, ("DE", "IT", "FR")), year, "T" if proof == "N822" else "J"))
        previous.append({"type": proof, "reference_number": mrn})
    elif not previous and _chance(draw, 0.15):
        previous.append({"type": "N337", "reference_number": f"{plan.dep}TS{draw(codes('9999999999'))}"})
    if previous:
        docs["previous_document"] = _numbered(previous)
    supporting = []
    if goods.excise and kind in ("T2", "T2F") and plan.from_union and _chance(draw, 0.6):
        supporting.append({"type": "C651", "reference_number": _arc(draw, plan.dep, year)})
    if not plan.from_union and _chance(draw, 0.3):
        supporting.append({"type": "NZZZ", "reference_number": f"{plan.dep}EX{draw(codes('99999999'))}"})
    if _chance(draw, 0.3):
        doc: Data = {"type": _pick(draw, SUPPORTING_DOCUMENTS), "reference_number": f"INV-{draw(codes('9999999'))}"}
        if _chance(draw, 0.3):
            doc["document_line_item_number"] = draw(st.integers(1, 40))
        if not plan.reduced and _chance(draw, 0.2):  # the guide: none with the reduced data set
            doc["complement_of_information"] = "original attached"  # E1117: at most 26 characters
        supporting.append(doc)
    if supporting:
        docs["supporting_document"] = _numbered(supporting)
    references = []
    if goods.excise and kind == "T1" and plan.export and _chance(draw, 0.6):
        references.append({"type": "C651", "reference_number": _arc(draw, plan.dep, year)})  # C0015, G0424
    if _chance(draw, 0.15):
        references.append({"type": _pick(draw, ADDITIONAL_REFERENCES)})
    if references:
        docs["additional_reference"] = _numbered(references)
    if plan.export and _chance(draw, 0.2):
        docs["additional_information"] = _numbered([{"code": "20300", "text": "Export"}])
    return docs


def _goods_for(plan: _Plan) -> tuple[Goods, ...]:
    if plan.mode == "5":
        return _POSTAL_GOODS
    if plan.mode == "4":
        return _AIR_GOODS
    return GOODS


# ============================================================================================ assembly


@st.composite
def _declaration(draw: Draw, phase: str) -> CC015C:
    plan: _Plan = draw(_plans(phase))
    levels = _levels(draw, plan)
    year = plan.prepared.year
    holder = _holder(draw, plan)
    holder_id = holder["identification_number"]
    authorisations = _authorisations(draw, plan)
    c521 = next((a["reference_number"] for a in authorisations if a["type"] == "C521"), None)
    op = _transit_operation(draw, plan)

    consignment: Data = {}
    houses: list[Data] = [{} for _ in plan.item_types]
    items: list[list[Data]] = [[{} for _ in h] for h in plan.item_types]
    flat = [it for h in items for it in h]

    # countries of dispatch and destination (C0909, C0343, B1965, R0506, R0507)
    if levels.dispatch == "consignment":
        consignment["country_of_dispatch"] = plan.dep
    elif levels.dispatch in ("house", "item"):
        owners = houses if levels.dispatch == "house" else flat
        for owner, country in zip(owners, _countries(draw, plan.dep, len(owners)), strict=True):
            owner["country_of_dispatch"] = country
    destinations = [plan.country_of_destination] * len(houses)
    if levels.destination == "consignment":
        consignment["country_of_destination"] = plan.country_of_destination
    elif levels.destination == "house":
        destinations = _countries(draw, plan.dest, len(houses))
        for house, country in zip(houses, destinations, strict=True):
            house["country_of_destination"] = country
    else:
        for it, country in zip(flat, _countries(draw, plan.dest, len(flat)), strict=True):
            it["country_of_destination"] = country

    if plan.container is not None:
        consignment["container_indicator"] = plan.container
    consignment["inland_mode_of_transport"] = plan.mode
    if plan.border_mode is not None:
        consignment["mode_of_transport_at_the_border"] = plan.border_mode

    # UCR and transport documents: C0502, B2400 (no item documents after the transition period);
    # B1895, B1896 (the first item's transport document when there is no UCR), E1301 during it
    kinds = TRANSPORT_DOCUMENTS[plan.mode]
    if levels.ucr == "consignment":
        consignment["reference_number_ucr"] = _ucr(draw, plan.dep, year)
    elif levels.ucr in ("house", "item"):
        owners = houses if levels.ucr == "house" else flat
        for owner, ucr in zip(owners, _vary([_ucr(draw, plan.dep, year) for _ in owners]), strict=True):
            owner["reference_number_ucr"] = ucr
    elif levels.ucr == "consignment-document":
        consignment["transport_document"] = _numbered([_document(draw, kinds, plan.dep)])
    elif levels.ucr == "house-document":
        for house in houses:
            house["transport_document"] = _numbered([_document(draw, kinds, plan.dep)])
    elif levels.ucr == "item-document" or plan.security != "0":  # "none": only without S&S data (B1896)
        for i, it in enumerate(flat):
            if i == 0 or _chance(draw, 0.5):
                it["transport_document"] = _numbered([_document(draw, kinds, plan.dep)])

    # parties (C0542, C0001, B1820, B1823, G0001, R3060-R3062, R0506, B1877)
    if levels.consignor == "consignment":
        consignment["consignor"] = _party(draw, plan.dep)
    elif levels.consignor == "house":
        for house, party in zip(houses, _vary([_party(draw, plan.dep) for _ in houses]), strict=True):
            house["consignor"] = party
    unknown_info = [{"code": "30600", "text": "To order, consignee unknown"}]
    if levels.consignee == "consignment":
        consignment["consignee"] = _party(draw, plan.country_of_destination)
    elif levels.consignee in ("house", "item"):
        owners = houses if levels.consignee == "house" else flat
        owner_countries = (
            destinations if levels.consignee == "house"
            else [it.get("country_of_destination", plan.country_of_destination) for it in flat]
        )
        # with code 30600 some of them (at least the first) declare the consignee unknown instead
        unknown = [levels.consignee_unknown and (i == 0 or _chance(draw, 0.3)) for i in range(len(owners))]
        parties = _vary([_party(draw, c) for c, u in zip(owner_countries, unknown, strict=True) if not u])
        it_parties = iter(parties)
        for owner, u in zip(owners, unknown, strict=True):
            if u:
                owner["additional_information"] = _numbered(unknown_info)
            else:
                owner["consignee"] = next(it_parties)
    elif levels.consignee_unknown:
        consignment["additional_information"] = _numbered(unknown_info)
    if plan.security != "0" and _chance(draw, 0.3):
        consignment["carrier"] = {"identification_number": _other_identification(draw, plan.dep, holder_id)}
    if _chance(draw, 0.15):
        role = _pick(draw, ("CS", "FW", "MF", "WH"))
        actor = {"role": role, "identification_number": _identification(draw, plan.dep)}
        consignment["additional_supply_chain_actor"] = _numbered([actor])

    # location of goods: for standard declarations (optional when pre-lodged, C0710, B1804)
    if plan.additional == "A" or _chance(draw, 0.3):
        consignment["location_of_goods"] = _location_of_goods(draw, plan, holder_id, c521)

    # departure transport means, at one level (C0826), different per house consignment (R0506)
    departure_means: list[Data] = []
    if levels.means == "consignment":
        departure_means = consignment["departure_transport_means"] = _departure_means(draw, plan)
    elif levels.means == "house":
        per_house = [_departure_means(draw, plan) for _ in houses]
        if all(means == per_house[0] for means in per_house):
            vehicle = per_house[-1][0]
            per_house[-1] = [{**vehicle, "identification_number": _tweak(vehicle["identification_number"])}]
        for house, means in zip(houses, per_house, strict=True):
            house["departure_transport_means"] = means
        departure_means = per_house[0]

    # countries of routing: C0586 (binding itinerary or S&S), B1848 (only and always with S&S)
    if plan.transition:
        routing = plan.security != "0"
    else:
        routing = op["binding_itinerary"] == "1" or plan.security != "0" or _chance(draw, 0.4)
    if routing:
        countries = plan.route.countries
        if plan.third_country:
            countries += (plan.country_of_destination,)  # "end with the country of destination" (guide, 16 12)
        consignment["country_of_routing_of_consignment"] = _numbered([{"country": c} for c in countries])

    # active border transport means: C0806 (S&S on a standard declaration; never by post), B1806 (a
    # border mode other than rail or post during the transition period), R0789/E1406 (one)
    border = plan.border_mode
    if border not in (None, "5"):
        required = (plan.security != "0" and plan.additional == "A") or (plan.transition and border != "2")
        if required or _chance(draw, 0.3):
            consignment["active_border_transport_means"] = _border_means(draw, plan, departure_means)

    # places of loading and unloading (C0403, C0191 after the transition period; B1893, B1858 during it)
    if plan.transition:
        loading = plan.security != "0"
        unloading = plan.security != "0" and (op.get("specific_circumstance_indicator") != "XXX" or _chance(draw, 0.5))
    else:
        loading = plan.additional == "A" or _chance(draw, 0.5)
        unloading = plan.security in ("1", "3") or (plan.security == "2" and _chance(draw, 0.5))
    if loading:
        consignment["place_of_loading"] = _place(draw, _site_of(plan.departure), short=plan.transition)
    if unloading:
        consignment["place_of_unloading"] = _place(draw, _site_of(plan.destination), short=plan.transition)

    # documents for the whole consignment: none during the transition period (E1301)
    if not plan.transition:
        if _chance(draw, 0.2):
            doc = {"type": _pick(draw, SUPPORTING_DOCUMENTS), "reference_number": f"INV-{draw(codes('9999999'))}"}
            consignment["supporting_document"] = _numbered([doc])
        if _chance(draw, 0.15):
            consignment["additional_reference"] = _numbered([{"type": _pick(draw, ADDITIONAL_REFERENCES)}])

    # transport charges: not without S&S data (C0186), at one level (C0337, B1875, E1301, B2400),
    # different where every house consignment or item has them (R0506, B1877)
    if plan.security != "0" and _chance(draw, 0.4):
        methods = ("A", "D", "H", "Y", "Z")
        if _chance(draw, 0.5):
            consignment["transport_charges"] = {"method_of_payment": _pick(draw, methods)}
        else:
            owners = flat if plan.transition else houses
            for owner, method in zip(owners, _not_all_same(draw, methods, len(owners)), strict=True):
                owner["transport_charges"] = {"method_of_payment": method}

    # goods: numbering (R0988, R0007), types (C0045), masses (R0983, R0994, R0221)
    declaration_item = 0
    consignment_gross = Decimal(0)
    shipper = _pick(draw, _STEMS).upper()
    goods_table = _goods_for(plan)
    for h, (house, house_items, types) in enumerate(zip(houses, items, plan.item_types, strict=True), 1):
        export_mrn = draw(export_mrns(plan.dep, year)) if plan.export else None
        if export_mrn is not None and not plan.transition:
            house["previous_document"] = _numbered([{"type": "N830", "reference_number": export_mrn}])  # G0026
        house_gross = Decimal(0)
        counted: list[tuple[str, str]] = []  # (package kind, marks) of the items counting their packages
        for g, (item, kind) in enumerate(zip(house_items, types, strict=True), 1):
            declaration_item += 1
            goods = _pick(draw, goods_table)
            item["goods_item_number"] = g
            item["declaration_goods_item_number"] = declaration_item
            if kind is not None:
                item["declaration_type"] = kind
            item["commodity"] = _commodity(draw, plan, goods, export=export_mrn is not None)
            gross = _mass(draw, plan, goods)
            shared = bool(counted) and _chance(draw, 0.05)
            if shared:
                # R0364, R0219-R0221: packed in another item's packages (same kind and marks): 0 packages
                # and a gross mass of 0, the mass being counted with that item
                package_kind, marks = _pick(draw, counted)
                item["packaging"] = _numbered(
                    [{"type_of_packages": package_kind, "number_of_packages": 0, "shipping_marks": marks}]
                )
                gross = Decimal(0)
            else:
                item["packaging"] = _packaging(draw, goods, gross, f"{shipper} {h}/{g}")
                p = item["packaging"][0]
                if p.get("number_of_packages") and p.get("shipping_marks") and p["type_of_packages"] not in UNPACKED:
                    counted.append((p["type_of_packages"], p["shipping_marks"]))
            if not plan.transition or _chance(draw, 0.9):  # B2101: required after the transition period
                measure = _goods_measure(draw, plan, gross, export=export_mrn is not None)
                item["commodity"]["goods_measure"] = measure
            documents = _item_documents(draw, plan, goods, kind or plan.declaration_type,
                                        export_mrn if plan.transition else None)
            information = item.get("additional_information", []) + documents.pop("additional_information", [])
            item.update(documents)
            if information:  # code 30600 drawn with the consignee, then the item's own information
                item["additional_information"] = _numbered([{k: v for k, v in i.items() if k != "sequence_number"}
                                                            for i in information])
            house_gross += gross
        # R0983: a house consignment weighs at least its goods items (packing material may add to it)
        house["gross_mass"] = _kg(house_gross + (Decimal(draw(st.integers(1, 40))) if _chance(draw, 0.3) else 0))
        consignment_gross += house["gross_mass"]
        house["consignment_item"] = house_items
    consignment["gross_mass"] = consignment_gross  # R0994
    consignment["house_consignment"] = _numbered(houses)
    equipment = _transport_equipment(draw, plan, len(flat))
    if equipment:
        consignment["transport_equipment"] = equipment

    message: Data = {
        "phase_id": "NCTS5.1",
        "message_sender": holder_id,
        "message_recipient": f"NTA.{plan.dep}",
        "preparation_date_and_time": plan.prepared,
        "message_identification": f"MSG{plan.prepared:%Y%m%d}{draw(codes('999999'))}",
        "message_type": "CC015C",
        "transit_operation": op,
        "authorisation": authorisations,
        "customs_office_of_departure": {"reference_number": plan.departure.ref},
        "customs_office_of_destination_declared": {"reference_number": plan.destination.ref},
        "customs_office_of_transit_declared": _offices_of_transit(draw, plan),
        "holder_of_the_transit_procedure": holder,
        "guarantee": _guarantees(draw, plan),
        "consignment": consignment,
    }
    if plan.security in ("2", "3") and plan.route.exit:
        # C0587, G0587: with an exit summary declaration, where the goods leave the security area
        message["customs_office_of_exit_for_transit_declared"] = _numbered(
            [{"reference_number": ref} for ref in plan.route.exit]
        )
    if _chance(draw, 0.2):
        message["representative"] = {"identification_number": _other_identification(draw, plan.dep, holder_id),
                                     "status": "2"}
    return CC015C.model_validate(message)


def declarations(*, phase: str = "final") -> st.SearchStrategy[CC015C]:
    """Realistic IE015 declarations with no error finding when validated in ``phase``.

    ``phase`` is ``"final"`` (after the transition period) or ``"transition"`` (decisive date on or
    before TPendDate: one house consignment, documents and several consignees only per goods item,
    country of dispatch only for TIR, the shorter formats).  Guideline warnings and the rules ncts5
    cannot check offline (reported as *not checked*) may remain.
    """
    if phase not in PHASES:
        raise ValueError(f"unknown phase {phase!r}: use 'final' or 'transition'")
    return _declaration(phase)
