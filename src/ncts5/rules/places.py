"""Rules on places: location of goods, place of loading and unloading, countries of routing.

Each rule is one :class:`~ncts5.rules.declaration.Rule` value named by its id, with its check and
its example cases just above it (see :mod:`ncts5.rules.declaration`).  The transition rules sit
beside the final-phase condition they switch off.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

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
from ncts5.rules.examples import IE170_PRESENTATION, T1_ROAD, TIR
from ncts5.rules.kit import has_entry_summary, has_security_data, is_ie015, office_country, stated, undecided

if TYPE_CHECKING:
    from ncts5.messages import cc015c, cc170c
    from ncts5.messages.cc015c import CC015C
    from ncts5.messages.cc170c import CC170C
    from ncts5.messages.p6.cc015c import CC015C as P6CC015C

_CONSIGNMENT = "/CC015C/Consignment"
_LOCATION = f"{_CONSIGNMENT}/LocationOfGoods"
_LOCATION_170 = "/CC170C/Consignment/LocationOfGoods"


def _postcode_location(country: str, house_number: str | None = None) -> cc015c.LocationOfGoods:
    """The T1 example's location of goods identified by postcode (qualifier T) instead of its office."""
    from ncts5.messages.cc015c import LocationOfGoods, PostcodeAddress

    address = PostcodeAddress(house_number=house_number, postcode="20457", country=country)
    return LocationOfGoods(type_of_location="A", qualifier_of_identification="T", postcode_address=address)


# ------------------------------------------------------------------------------------------- C0382


def _c0382(ctx: Context[CC015C | CC170C]) -> Iterator[Outcome]:
    location = ctx.message.consignment.location_of_goods
    address = location.postcode_address if location is not None else None
    if address is None or address.house_number is not None:
        return
    postcode_only = ctx.in_list("CL198", address.country)
    if postcode_only is None:
        yield ctx.unchecked(undecided("CL198", address.country), ctx.path(address, "house_number"))
    elif not postcode_only:
        yield ctx.violation(
            address,
            "house_number",
            f"in {address.country} a postcode alone does not identify the location (the country is not in CL198): "
            f"provide {ctx.label(address, 'house_number')}",
            code=13,
        )


def _postcode_in_germany(m: CC015C) -> None:
    m.consignment.location_of_goods = _postcode_location("DE")


def _postcode_in_ireland(m: CC015C) -> None:
    m.consignment.location_of_goods = _postcode_location("IE")


def _postcode_and_house_number(m: CC015C) -> None:
    m.consignment.location_of_goods = _postcode_location("DE", house_number="12")


def _ie170_postcode_in_the_netherlands(m: CC170C) -> None:
    from ncts5.messages.cc170c import PostcodeAddress

    location = m.consignment.location_of_goods
    location.qualifier_of_identification, location.authorisation_number = "T", None
    location.postcode_address = PostcodeAddress(postcode="3089 JH", country="NL")


C0382 = Rule(
    "C0382",
    "A postcode address of the location of goods needs a house number unless its country is in CL198.",
    messages=IE015_IE170,
    checks="A location of goods identified by 16 15 081 000 POSTCODE ADDRESS gives 16 15 081 023 House number, "
    "unless its country is one where a postcode alone identifies a building (CL198, e.g. IE, LU).",
    why="Customs must be able to find the goods for a control; in most countries a postcode covers a whole "
    "street or district, so without the house number the place is not identified.",
    fix="Add the house number of the location, or identify the location another way (customs office, "
    "authorisation number, UN/LOCODE, address).",
    check=_c0382,
    cases=(
        Fires(T1_ROAD, _postcode_in_germany, at=f"{_LOCATION}/PostcodeAddress/houseNumber", code=13, says="CL198"),
        Fires(
            IE170_PRESENTATION, _ie170_postcode_in_the_netherlands, at=f"{_LOCATION_170}/PostcodeAddress/houseNumber"
        ),
        Silent(T1_ROAD, _postcode_in_ireland),
        Silent(T1_ROAD, _postcode_and_house_number),
        Silent(T1_ROAD),
        Undecided(
            T1_ROAD, _postcode_in_germany, at=f"{_LOCATION}/PostcodeAddress/houseNumber", without_lists=("CL198",)
        ),
    ),
    releases=P5_P6,
)

# ------------------------------------------------------------------------------------------- C0387


def _c0387(ctx: Context[CC015C | CC170C]) -> Iterator[Outcome]:
    msg = ctx.message
    places: list[cc015c.PlaceOfLoading | cc015c.PlaceOfUnloading | cc170c.PlaceOfLoading | None]
    places = [msg.consignment.place_of_loading]
    if is_ie015(msg):  # the IE170 has no place of unloading
        places.append(msg.consignment.place_of_unloading)
    for place in places:
        if place is None or place.un_locode is not None:
            continue
        for field in ("country", "location"):
            if getattr(place, field) is None:
                yield ctx.violation(
                    place,
                    field,
                    f"no {ctx.label(place, 'un_locode')} is given: provide {ctx.label(place, field)} "
                    "(or give the UN/LOCODE instead)",
                    code=13,
                )


def _loading_named_by_location_only(m: CC015C) -> None:
    from ncts5.messages.cc015c import PlaceOfLoading

    m.consignment.place_of_loading = PlaceOfLoading(location="Hamburg")


def _unloading_named_by_country_only(m: CC015C) -> None:
    from ncts5.messages.cc015c import PlaceOfUnloading

    m.consignment.place_of_unloading = PlaceOfUnloading(country="NL")


def _places_by_un_locode(m: CC015C) -> None:
    from ncts5.messages.cc015c import PlaceOfLoading, PlaceOfUnloading

    m.consignment.place_of_loading = PlaceOfLoading(un_locode="DEHAM")
    m.consignment.place_of_unloading = PlaceOfUnloading(un_locode="NLRTM")


def _loading_by_country_and_location(m: CC015C) -> None:
    from ncts5.messages.cc015c import PlaceOfLoading

    m.consignment.place_of_loading = PlaceOfLoading(country="DE", location="Hamburg")


def _ie170_loading_named_by_location_only(m: CC170C) -> None:
    from ncts5.messages.cc170c import PlaceOfLoading

    m.consignment.place_of_loading = PlaceOfLoading(location="Hamburg")


C0387 = Rule(
    "C0387",
    "A place of loading or unloading without UN/LOCODE needs its country and location.",
    messages=IE015_IE170,
    checks="A place of loading or unloading without UN LOCODE gives both its Country and its Location.",
    why="The UN/LOCODE identifies a place on its own; without it customs need the country and the name of "
    "the place to know where the goods are loaded or unloaded.",
    fix="Give the UN/LOCODE of the place, or else both its country and its location.",
    check=_c0387,
    cases=(
        Fires(T1_ROAD, _loading_named_by_location_only, at=f"{_CONSIGNMENT}/PlaceOfLoading/country", code=13),
        Fires(
            T1_ROAD, _unloading_named_by_country_only, at=f"{_CONSIGNMENT}/PlaceOfUnloading/location", says="UN LOCODE"
        ),
        Fires(
            IE170_PRESENTATION, _ie170_loading_named_by_location_only, at="/CC170C/Consignment/PlaceOfLoading/country"
        ),
        Silent(T1_ROAD, _places_by_un_locode),
        Silent(T1_ROAD, _loading_by_country_and_location),
    ),
    releases=P5_P6,
)

# ------------------------------------------------------------------------------------------- C0671


def _c0671(ctx: Context[CC015C | CC170C]) -> Iterator[Outcome]:
    location = ctx.message.consignment.location_of_goods
    if location is None or location.additional_identifier is None:
        return
    if location.economic_operator is None and location.authorisation_number is None:
        yield ctx.violation(
            location,
            "additional_identifier",
            f"{ctx.label(location, 'additional_identifier')} only completes an economic operator's EORI number or "
            f"an authorisation number, and neither is given: remove it, or provide "
            f"{ctx.label(location, 'economic_operator')} or {ctx.label(location, 'authorisation_number')}",
            code=15,
        )


def _additional_identifier(m: CC015C) -> None:
    location = m.consignment.location_of_goods
    assert location is not None  # the T1 example has one
    location.additional_identifier = "0001"


def _ie170_additional_identifier(m: CC170C) -> None:
    m.consignment.location_of_goods.additional_identifier = "0001"


def _operator_with_additional_identifier(m: CC015C) -> None:
    from ncts5.messages.cc015c import EconomicOperator, LocationOfGoods

    m.consignment.location_of_goods = LocationOfGoods(
        type_of_location="B",
        qualifier_of_identification="X",
        economic_operator=EconomicOperator(identification_number="DE123456789012345"),
        additional_identifier="0001",
    )


C0671 = Rule(
    "C0671",
    "The additional identifier of the location of goods is only given with an economic operator or an "
    "authorisation number.",
    messages=IE015_IE170,
    checks="16 15 053 000 Additional identifier is only given when the location of goods also gives an "
    "ECONOMIC OPERATOR or an Authorisation number.",
    why="The additional identifier tells apart several locations of one trader or one authorisation; on "
    "its own it identifies nothing.",
    fix="Remove the additional identifier, or identify the location by the economic operator or the "
    "authorisation number it belongs to.",
    check=_c0671,
    cases=(
        Fires(T1_ROAD, _additional_identifier, at=f"{_LOCATION}/additionalIdentifier", code=15),
        Silent(IE170_PRESENTATION, _ie170_additional_identifier),
        Silent(T1_ROAD, _operator_with_additional_identifier),
        Silent(T1_ROAD),
    ),
    releases=P5_P6,
)

# ------------------------------------------------------------------------------------------- C0394

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


def _c0394(ctx: Context[CC015C | CC170C]) -> Iterator[Outcome]:
    location = ctx.message.consignment.location_of_goods
    if location is None:
        return
    qualifier = location.qualifier_of_identification
    wanted = _LOCATION_PART.get(qualifier)
    if wanted is None:
        return
    for part in _LOCATION_PART.values():
        present = getattr(location, part) is not None
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
    if qualifier == "V" and location.contact_person is not None:
        yield ctx.violation(
            location,
            "contact_person",
            f"a location identified by a customs office (qualifier V) has no contact person: remove "
            f"{ctx.label(location, 'contact_person')}",
            code=15,
        )


def _qualifier_u_without_un_locode(m: CC015C) -> None:
    location = m.consignment.location_of_goods
    assert location is not None  # the T1 example has one
    location.qualifier_of_identification, location.customs_office = "U", None


def _ie170_operator_with_address_and_un_locode(m: CC170C) -> None:
    from ncts5.messages.cc170c import EconomicOperator, LocationOfGoodsAddress

    location = m.consignment.location_of_goods
    location.qualifier_of_identification, location.authorisation_number = "X", None
    location.economic_operator = EconomicOperator(identification_number="DE123456789012345")
    location.address = LocationOfGoodsAddress(street_and_number="Am Hafen 12", city="Hamburg", country="DE")
    location.un_locode = "DEHAM"


def _customs_office_with_contact_person(m: CC015C) -> None:
    from ncts5.messages.cc015c import LocationOfGoodsContactPerson

    location = m.consignment.location_of_goods
    assert location is not None  # the T1 example has one
    location.contact_person = LocationOfGoodsContactPerson(name="A. Person", phone_number="+49 40 1")


def _address_with_contact_person(m: CC015C) -> None:
    from ncts5.messages.cc015c import LocationOfGoods, LocationOfGoodsAddress, LocationOfGoodsContactPerson

    m.consignment.location_of_goods = LocationOfGoods(
        type_of_location="B",
        qualifier_of_identification="Z",
        address=LocationOfGoodsAddress(street_and_number="Am Hafen 12", city="Hamburg", country="DE"),
        contact_person=LocationOfGoodsContactPerson(name="A. Person", phone_number="+49 40 1"),
    )


C0394 = Rule(
    "C0394",
    "The qualifier of identification decides which single part of LOCATION OF GOODS identifies it; "
    "a contact person is not allowed with a customs office.",
    messages=IE015_IE170,
    checks="16 15 046 000 Qualifier of identification names the one part that identifies the location "
    "(T postcode address, U UN LOCODE, V customs office, W GNSS, X economic operator, Y authorisation number, "
    "Z address): that part is given and no other; with V there is no contact person.",
    why="Customs look the location up by the part the qualifier announces; a second identification could "
    "point elsewhere, and a customs office needs no contact person.",
    fix="Give exactly the part the qualifier names and remove the others, or change the qualifier to match "
    "the part you give.",
    check=_c0394,
    cases=(
        Fires(T1_ROAD, _qualifier_u_without_un_locode, at=f"{_LOCATION}/UNLocode", code=13),
        Fires(
            IE170_PRESENTATION,
            _ie170_operator_with_address_and_un_locode,
            at=(f"{_LOCATION_170}/Address", f"{_LOCATION_170}/UNLocode"),
            code=15,
        ),
        Fires(T1_ROAD, _customs_office_with_contact_person, at=f"{_LOCATION}/ContactPerson", code=15),
        Silent(T1_ROAD),
        Silent(TIR),
        Silent(IE170_PRESENTATION),
        Silent(T1_ROAD, _postcode_and_house_number),
        Silent(T1_ROAD, _address_with_contact_person),
    ),
    releases=P5_P6,
)

# ------------------------------------------------------------------------------------------- G0014, G0500

G0014 = Rule(
    "G0014",
    "GNSS coordinates: '+' (optional) for north and east, '-' for south and west.",
    messages=IE015_IE170,
    reason="the schema already allows only an optional sign and digits; whether the sign matches the hemisphere "
    "the location really is in needs the location itself (a map of the site), which the message does not give",
    checks="Nothing beyond the schema: latitude and longitude carry an optional '+' or a '-' before the digits.",
    why="A wrong sign moves the location to another hemisphere; customs could not find the goods.",
    fix="Give latitude and longitude in decimal degrees, negative for south and west.",
    cases=(Undecided(T1_ROAD), Undecided(IE170_PRESENTATION)),
    releases=P5_P6,
)

G0500 = Rule(
    "G0500",
    "The content of CL326 (qualifier of identification) and the use of qualifier T are defined nationally.",
    messages=IE015_IE170,
    reason="needs the national rules of the country of departure on the qualifiers of CL326 (and on qualifier T), "
    "which are not part of the common reference data",
    checks="Nothing in the message: each country decides which qualifiers of identification it accepts.",
    why="A national administration may refuse a qualifier it does not use, e.g. a postcode address (T).",
    fix="Use a qualifier of identification the country of departure accepts; its national guide lists them.",
    cases=(Undecided(T1_ROAD), Undecided(IE170_PRESENTATION)),
    releases=P5_P6,
)

# ------------------------------------------------------------------------------------------- C0710, B1804


def _c0710(ctx: Context[CC015C]) -> Iterator[Outcome]:
    msg = ctx.message
    consignment = msg.consignment
    if msg.transit_operation.additional_declaration_type == "D" or consignment.location_of_goods is not None:
        return
    country = office_country(msg.customs_office_of_departure.reference_number)
    in_area = ctx.in_list("CL147", country)
    if in_area is None:
        yield ctx.unchecked(undecided("CL147", country), ctx.path(consignment, "location_of_goods"))
    elif not in_area:
        why = f"the office of departure is in {country}, outside the customs security agreement area"
        yield from ctx.require(consignment, "location_of_goods", why)


def _from_gb_without_location(m: CC015C) -> None:
    m.customs_office_of_departure.reference_number = "GB000060"
    m.consignment.location_of_goods = None


def _no_location(m: CC015C) -> None:
    m.consignment.location_of_goods = None


def _pre_lodged_from_gb_without_location(m: CC015C) -> None:
    _from_gb_without_location(m)
    m.transit_operation.additional_declaration_type = "D"


C0710 = Rule(
    "C0710",
    "Location of goods: required unless pre-lodged or departing from the security agreement area (CL147).",
    messages=IE015,
    phases=FINAL,
    checks="16 15 000 000 LOCATION OF GOODS is given when the declaration is not pre-lodged (additional "
    "declaration type other than D) and the office of departure is outside the customs security agreement "
    "area (CL147); otherwise it is optional.",
    why="Outside the security agreement area customs must know where the goods can be examined before they "
    "release them; a pre-lodged declaration gives the location with the IE170 instead.",
    fix="Add the location of goods, identified as the qualifier of identification says.",
    check=_c0710,
    cases=(
        Fires(T1_ROAD, _from_gb_without_location, at=f"{_CONSIGNMENT}/LocationOfGoods", code=13, says="GB"),
        Silent(T1_ROAD, _no_location),
        Silent(T1_ROAD, _pre_lodged_from_gb_without_location),
        Silent(T1_ROAD),
        Undecided(T1_ROAD, _from_gb_without_location, at=f"{_CONSIGNMENT}/LocationOfGoods", without_lists=("CL147",)),
    ),
    releases=P5_P6,
)

B1804 = Rule(
    "B1804",
    "Transition period: location of goods is optional (C0710 is switched off).",
    messages=IE015,
    phases=TRANSITION,
    error_code=50,
    suspends=("C0710",),
    checks="Nothing of its own: during the transition period it switches C0710 off, so the location of goods "
    "is optional wherever the office of departure is.",
    why="Until TPendDate customs convert the declaration to the phase 4 message, which has no location of "
    "goods to require.",
    fix="Nothing to fix; give the location of goods if you have it.",
    cases=(Suspends(T1_ROAD, _from_gb_without_location),),
)

# ------------------------------------------------------------------------------------------- C0191, B1858


def _c0191(ctx: Context[CC015C]) -> Iterator[Outcome]:
    op = ctx.message.transit_operation
    consignment = ctx.message.consignment
    if has_entry_summary(op.security):
        why = f"{stated(ctx, op, 'security')} includes an entry summary declaration, naming the place of unloading"
        yield from ctx.require(consignment, "place_of_unloading", why)
    elif op.security == "0":
        yield from ctx.forbid(consignment, "place_of_unloading", "without safety and security data (Security 0)")


def _security(code: str) -> Callable[[CC015C], None]:
    def change(m: CC015C) -> None:
        m.transit_operation.security = code

    change.__name__ = f"security_{code}"
    return change


def _place_of_unloading(m: CC015C) -> None:
    from ncts5.messages.cc015c import PlaceOfUnloading

    m.consignment.place_of_unloading = PlaceOfUnloading(un_locode="NLRTM")


def _entry_summary_with_place_of_unloading(m: CC015C) -> None:
    m.transit_operation.security = "1"
    _place_of_unloading(m)


C0191 = Rule(
    "C0191",
    "Place of unloading: required for security 1 or 3, not allowed for security 0, else optional.",
    messages=IE015,
    phases=FINAL,
    checks="16 14 000 000 PLACE OF UNLOADING is given when 11 07 000 000 Security is 1 or 3 (an entry summary "
    "declaration), absent when it is 0, and optional when it is 2.",
    why="An entry summary declaration tells the office of first entry where the goods will be unloaded; "
    "without safety and security data the place is not part of the declaration.",
    fix="Give the place of unloading with an entry summary declaration; remove it without safety and security data.",
    check=_c0191,
    cases=(
        Fires(T1_ROAD, _security("1"), at=f"{_CONSIGNMENT}/PlaceOfUnloading", code=13),
        Fires(T1_ROAD, _security("3"), at=f"{_CONSIGNMENT}/PlaceOfUnloading", says="11 07 000 000 Security 3"),
        Fires(T1_ROAD, _place_of_unloading, at=f"{_CONSIGNMENT}/PlaceOfUnloading", code=15),
        Silent(T1_ROAD),
        Silent(T1_ROAD, _security("2")),
        Silent(T1_ROAD, _entry_summary_with_place_of_unloading),
    ),
    releases=P5_P6,
)


def _b1858(ctx: Context[CC015C]) -> Iterator[Outcome]:
    op = ctx.message.transit_operation
    consignment = ctx.message.consignment
    if op.security == "0":
        why = "during the transition period there is no place of unloading without safety and security data"
        yield from ctx.forbid(consignment, "place_of_unloading", why, code=None)
    elif op.specific_circumstance_indicator != "XXX":
        why = (
            f"during the transition period {stated(ctx, op, 'security')} needs it unless "
            f"{ctx.label(op, 'specific_circumstance_indicator')} is XXX"
        )
        yield from ctx.require(consignment, "place_of_unloading", why, code=None)


def _exit_summary_by_an_aeo(m: CC015C) -> None:
    m.transit_operation.security = "2"
    m.transit_operation.specific_circumstance_indicator = "XXX"


B1858 = Rule(
    "B1858",
    "Transition period: place of unloading required with S&S data unless the AEO indicator XXX is used (C0191 off).",
    messages=IE015,
    phases=TRANSITION,
    error_code=50,
    suspends=("C0191",),
    checks="During the transition period the place of unloading is absent with security 0 and given with any "
    "other security, unless 11 04 000 000 Specific circumstance indicator is XXX.",
    why="Until TPendDate customs convert the declaration to the phase 4 message, whose safety and security "
    "data need the place of unloading except for the authorised economic operator's simplification (XXX).",
    fix="Give the place of unloading with safety and security data (or declare indicator XXX); remove it without them.",
    check=_b1858,
    cases=(
        Fires(T1_ROAD, _place_of_unloading, at=f"{_CONSIGNMENT}/PlaceOfUnloading", phase="transition", code=50),
        Fires(T1_ROAD, _security("2"), at=f"{_CONSIGNMENT}/PlaceOfUnloading", phase="transition", says="XXX"),
        Silent(T1_ROAD, phase="transition"),
        Silent(T1_ROAD, _exit_summary_by_an_aeo, phase="transition"),
        Suspends(T1_ROAD, _security("1")),
    ),
)

# ------------------------------------------------------------------------------------------- C0403, B1893


def _c0403(ctx: Context[CC015C]) -> Iterator[Outcome]:
    op = ctx.message.transit_operation
    if op.additional_declaration_type != "D":
        why = f"{stated(ctx, op, 'additional_declaration_type')} is not pre-lodged"
        yield from ctx.require(ctx.message.consignment, "place_of_loading", why)


def _place_of_loading(m: CC015C) -> None:
    from ncts5.messages.cc015c import PlaceOfLoading

    m.consignment.place_of_loading = PlaceOfLoading(un_locode="DEHAM")


def _pre_lodged(m: CC015C) -> None:
    m.transit_operation.additional_declaration_type = "D"


C0403 = Rule(
    "C0403",
    "Place of loading: required unless the declaration is pre-lodged (additional declaration type D).",
    messages=IE015,
    phases=FINAL,
    checks="16 13 000 000 PLACE OF LOADING is given unless 11 02 000 000 Additional declaration type is D "
    "(pre-lodged), when it is optional.",
    why="Customs need to know where the goods are loaded onto the means of transport; a pre-lodged "
    "declaration may give it later, with the presentation notification (IE170).",
    fix="Add the place of loading (UN/LOCODE, or country and location).",
    check=_c0403,
    cases=(
        Fires(T1_ROAD, at=f"{_CONSIGNMENT}/PlaceOfLoading", code=13, says="Additional declaration type A"),
        Silent(T1_ROAD, _place_of_loading),
        Silent(T1_ROAD, _pre_lodged),
    ),
)

# ------------------------------------------------------------------------------------------- C0409 (Phase 6)


def _c0409(ctx: Context[P6CC015C]) -> Iterator[Outcome]:
    msg = ctx.message
    op = msg.transit_operation
    if op.additional_declaration_type == "D" or msg.consignment.place_of_loading is not None:
        return  # optional when pre-lodged; when given, required and optional alike are met
    departure = msg.customs_office_of_departure
    country = office_country(departure.reference_number)
    not_required = ctx.in_list("CL289", country)
    if not_required is None:
        yield ctx.unchecked(undecided("CL289", country), ctx.path(msg.consignment, "place_of_loading"))
    elif not not_required:
        why = (
            f"{stated(ctx, op, 'additional_declaration_type')} is not pre-lodged and the office of departure's "
            f"country {country} is not in CL289 (CountryPlaceOfLoadingNotRequired)"
        )
        yield from ctx.require(msg.consignment, "place_of_loading", why)


_C0409_NEEDS = (
    "code list CL289 (CountryPlaceOfLoadingNotRequired), which neither the packaged reference data nor the Phase 6 "
    "code list overview includes: import it with `ncts5 codelists import --list CL289 FILE.csv`"
)
#: CL289 as a user would import it.  Test data: which countries the real list holds is not published with the
#: DDNTA; here it holds a code no example uses, or Germany (the T1 example's office of departure).
_CL289_WITHOUT_DE = (("CL289", ("XX",)),)
_CL289_WITH_DE = (("CL289", ("DE",)),)

C0409 = Rule(
    "C0409",
    "Place of loading: required unless the declaration is pre-lodged or the office of departure's country "
    "does not require it (CL289).",
    messages=IE015,
    releases=P6,
    needs=_C0409_NEEDS,
    reason=f"needs {_C0409_NEEDS}",
    error_code=13,
    checks="16 13 000 000 PLACE OF LOADING is given unless 11 02 000 000 Additional declaration type is D "
    "(pre-lodged) or the country of the office of departure (first two characters of its reference number) is in "
    "CL289 (CountryPlaceOfLoadingNotRequired); then it is optional. New in Phase 6, where it succeeds C0403, "
    "which knew no exempted countries.",
    why="Customs need to know where the goods are loaded onto the means of transport; a pre-lodged declaration "
    "may give it later, and the countries of CL289 do not ask for it at all.",
    fix="Add the place of loading (UN/LOCODE, or country and location).",
    check=_c0409,
    cases=(
        Fires(
            T1_ROAD,
            at=f"{_CONSIGNMENT}/PlaceOfLoading",
            code=13,
            says="not in CL289",
            with_lists=_CL289_WITHOUT_DE,
        ),
        Silent(T1_ROAD, with_lists=_CL289_WITH_DE),
        Silent(T1_ROAD, _place_of_loading),
        Silent(T1_ROAD, _pre_lodged),
        Undecided(T1_ROAD, at=f"{_CONSIGNMENT}/PlaceOfLoading"),
    ),
)


def _b1893(ctx: Context[CC015C]) -> Iterator[Outcome]:
    security = ctx.message.transit_operation.security
    consignment = ctx.message.consignment
    if security == "0":
        why = "during the transition period a declaration without security data (security 0) has no place of loading"
        yield from ctx.forbid(consignment, "place_of_loading", why, code=None)
    else:
        why = f"during the transition period a declaration with security {security} needs the place of loading"
        yield from ctx.require(consignment, "place_of_loading", why, code=None)


def _loading_with_exit_and_entry_summary(m: CC015C) -> None:
    m.transit_operation.security = "3"
    _place_of_loading(m)


B1893 = Rule(
    "B1893",
    "Transition: place of loading is required with a security declaration and forbidden without one.",
    messages=IE015,
    phases=TRANSITION,
    error_code=50,
    suspends=("C0403",),
    checks="During the transition period the place of loading is given exactly when 11 07 000 000 Security is not 0.",
    why="Until TPendDate customs convert the declaration to the phase 4 message, where the place of loading "
    "belongs to the safety and security data only.",
    fix="Give the place of loading with safety and security data; remove it without them.",
    check=_b1893,
    cases=(
        Fires(T1_ROAD, _place_of_loading, at=f"{_CONSIGNMENT}/PlaceOfLoading", phase="transition", code=50),
        Fires(T1_ROAD, _security("2"), at=f"{_CONSIGNMENT}/PlaceOfLoading", phase="transition", says="security 2"),
        Silent(T1_ROAD, phase="transition"),
        Silent(T1_ROAD, _loading_with_exit_and_entry_summary, phase="transition"),
        Suspends(T1_ROAD),
    ),
)

# ------------------------------------------------------------------------------------------- C0586, B1848, G0061


def _c0586(ctx: Context[CC015C]) -> Iterator[Outcome]:
    op = ctx.message.transit_operation
    consignment = ctx.message.consignment
    if op.binding_itinerary == "1":
        why = f"{ctx.label(op, 'binding_itinerary')} is 1"
        yield from ctx.require(consignment, "country_of_routing_of_consignment", why)
    elif has_security_data(op.security):
        why = f"{stated(ctx, op, 'security')} includes safety and security data"
        yield from ctx.require(consignment, "country_of_routing_of_consignment", why)


def _routing(*countries: str) -> Callable[[CC015C], None]:
    def change(m: CC015C) -> None:
        from ncts5.messages.cc015c import CountryOfRoutingOfConsignment

        m.consignment.country_of_routing_of_consignment = [
            CountryOfRoutingOfConsignment(sequence_number=i, country=c) for i, c in enumerate(countries, 1)
        ]

    change.__name__ = f"routing_{'_'.join(countries)}"
    return change


def _binding_itinerary(m: CC015C) -> None:
    m.transit_operation.binding_itinerary = "1"


def _binding_itinerary_through(*countries: str) -> Callable[[CC015C], None]:
    routing = _routing(*countries)

    def change(m: CC015C) -> None:
        _binding_itinerary(m)
        routing(m)

    change.__name__ = f"binding_itinerary_through_{'_'.join(countries)}"
    return change


def _exit_summary_with_routing(m: CC015C) -> None:
    m.transit_operation.security = "2"
    _routing("DE", "NL")(m)


C0586 = Rule(
    "C0586",
    "Country of routing: required with a binding itinerary or with safety and security data.",
    messages=IE015,
    phases=FINAL,
    checks="16 12 000 000 COUNTRY OF ROUTING OF CONSIGNMENT is given when 16 17 000 000 Binding itinerary is 1 "
    "or 11 07 000 000 Security is 1, 2 or 3.",
    why="A binding itinerary is the list of countries the goods must cross, and safety and security risk "
    "analysis needs the route of the goods.",
    fix="List the countries the goods pass through, in order, from departure to destination.",
    check=_c0586,
    cases=(
        Fires(
            T1_ROAD,
            _binding_itinerary,
            at=f"{_CONSIGNMENT}/CountryOfRoutingOfConsignment",
            code=13,
            says="Binding itinerary",
        ),
        Fires(T1_ROAD, _security("2"), at=f"{_CONSIGNMENT}/CountryOfRoutingOfConsignment", code=13),
        Silent(T1_ROAD),
        Silent(T1_ROAD, _binding_itinerary_through("DE", "NL")),
    ),
    releases=P5_P6,
)


def _b1848(ctx: Context[CC015C]) -> Iterator[Outcome]:
    op = ctx.message.transit_operation
    consignment = ctx.message.consignment
    if has_security_data(op.security):
        why = f"during the transition period {stated(ctx, op, 'security')} needs the countries of routing"
        yield from ctx.require(consignment, "country_of_routing_of_consignment", why, code=None)
    else:
        why = "during the transition period countries of routing are given only with safety and security data"
        yield from ctx.forbid(consignment, "country_of_routing_of_consignment", why, code=None)


_ROUTING = f"{_CONSIGNMENT}/CountryOfRoutingOfConsignment"

B1848 = Rule(
    "B1848",
    "Transition period: countries of routing only, and always, with safety and security data (C0586 off).",
    messages=IE015,
    phases=TRANSITION,
    error_code=50,
    suspends=("C0586",),
    checks="During the transition period the countries of routing are given exactly when 11 07 000 000 "
    "Security is 1, 2 or 3, whatever the binding itinerary.",
    why="Until TPendDate customs convert the declaration to the phase 4 message, where the countries of "
    "routing belong to the safety and security data only.",
    fix="Give the countries of routing with safety and security data; remove them without.",
    check=_b1848,
    cases=(
        Fires(T1_ROAD, _security("1"), at=_ROUTING, phase="transition", code=50),
        Fires(T1_ROAD, _routing("DE", "NL"), at=(f"{_ROUTING}[1]", f"{_ROUTING}[2]"), phase="transition"),
        Silent(T1_ROAD, phase="transition"),
        Silent(T1_ROAD, _exit_summary_with_routing, phase="transition"),
        Suspends(T1_ROAD, _binding_itinerary),
    ),
)


def _g0061(ctx: Context[CC015C]) -> Iterator[Outcome]:
    msg = ctx.message
    consignment = msg.consignment
    routing = [r.country for r in consignment.country_of_routing_of_consignment]
    if msg.transit_operation.binding_itinerary != "1" or not routing:
        return
    ends = {
        "departure": office_country(msg.customs_office_of_departure.reference_number),
        "destination": office_country(msg.customs_office_of_destination_declared.reference_number),
    }
    missing = [f"{country} (office of {role})" for role, country in ends.items() if country not in routing]
    if missing:
        yield ctx.violation(
            consignment,
            "country_of_routing_of_consignment",
            f"the binding itinerary {', '.join(routing)} leaves out {' and '.join(missing)}: list every country "
            "from the office of departure to the office of destination, in order",
            index=0,
            value=" ".join(routing),
        )


G0061 = Rule(
    "G0061",
    "With a binding itinerary the countries of routing run from the departure to the destination country.",
    messages=IE015,
    checks="With 16 17 000 000 Binding itinerary 1, the countries of routing include the countries of the "
    "office of departure and of the office of destination.",
    why="A binding itinerary is the whole route the goods must follow; one that leaves out where they start "
    "or end is incomplete.",
    fix="List every country of the route, from the country of departure to the country of destination.",
    check=_g0061,
    cases=(
        Fires(T1_ROAD, _binding_itinerary_through("DE", "BE"), at=f"{_ROUTING}[1]", says="NL (office of destination)"),
        Silent(T1_ROAD, _routing("DE", "BE")),
        Silent(T1_ROAD, _binding_itinerary_through("DE", "BE", "NL")),
    ),
    releases=P5_P6,
)
