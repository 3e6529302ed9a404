"""Rules on the parties: holder of the transit procedure, representative, consignor, consignee,
carrier, additional supply chain actors and their contact persons.

Consignee-specific rules (levels, code 30600) are in :mod:`ncts5.rules.consignee`; the helpers
here (name/address, postcode, "not all the same") are shared with it.

Each rule is one :class:`~ncts5.rules.declaration.Rule` value named by its id, with its check and
its example cases just above it (see :mod:`ncts5.rules.declaration`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING

from ncts5.messages.meta import XmlModel
from ncts5.rules.context import Context, Outcome
from ncts5.rules.declaration import IE015, IE015_IE170, P5_P6, P6, Fires, Rule, Silent, Undecided
from ncts5.rules.examples import IE170_PRESENTATION, T1_ROAD, TIR
from ncts5.rules.kit import is_ie015, stated, undecided

if TYPE_CHECKING:
    from typing import Any

    from ncts5.messages import cc015c, cc170c
    from ncts5.messages.cc015c import CC015C
    from ncts5.messages.cc170c import CC170C

    #: A party named by number, or else by name and address (C0250, and B1821 in consignee.py).
    NamedParty = (
        cc015c.HolderOfTheTransitProcedure
        | cc015c.ConsignmentConsignor
        | cc015c.ConsignmentConsignee
        | cc015c.HouseConsignmentConsignor
        | cc015c.HouseConsignmentConsignee
        | cc015c.ConsignmentItemConsignee
        | cc170c.HolderOfTheTransitProcedure
    )
    #: An address whose postcode CL505 makes optional (C0505, and B1822 in consignee.py).
    PostalAddress = (
        cc015c.HolderOfTheTransitProcedureAddress
        | cc015c.ConsignmentConsignorAddress
        | cc015c.ConsignmentConsigneeAddress
        | cc015c.LocationOfGoodsAddress
        | cc015c.HouseConsignmentConsignorAddress
        | cc015c.HouseConsignmentConsigneeAddress
        | cc015c.ConsignmentItemConsigneeAddress
        | cc170c.HolderOfTheTransitProcedureAddress
        | cc170c.LocationOfGoodsAddress
    )
    #: A party identified by an EORI or TCUIN where the declaration is lodged in the Union (R0850).
    NumberedParty = (
        cc015c.HolderOfTheTransitProcedure
        | cc015c.Representative
        | cc015c.ConsignmentConsignor
        | cc015c.EconomicOperator
        | cc015c.HouseConsignmentConsignor
        | cc170c.HolderOfTheTransitProcedure
        | cc170c.Representative
        | cc170c.EconomicOperator
    )

_HOLDER = "/CC015C/HolderOfTheTransitProcedure"
_CONSIGNMENT = "/CC015C/Consignment"
_HOUSE = f"{_CONSIGNMENT}/HouseConsignment"

# ---------------------------------------------------------------- shared helpers


def name_and_address(ctx: Context[Any], party: NamedParty) -> Iterator[Outcome]:
    """Name and address are required for a party without identification number.

    With an identification number they must be left out exactly when the number is registered in EOS
    (or in the national database of a CTC country), which only customs can tell: that half is reported
    as not checked.
    """
    if party.identification_number is not None:
        yield ctx.unchecked(
            "whether the identification number is registered in EOS or the national database cannot be checked "
            "offline; if it is, name and address must be left out, otherwise both are required",
            ctx.path(party, "identification_number"),
        )
        return
    for field in ("name", "address"):
        if getattr(party, field) is None:
            yield ctx.violation(
                party,
                field,
                f"no {ctx.label(party, 'identification_number')} is given: provide {ctx.label(party, field)}",
                code=13,
            )


def postcode_required(ctx: Context[Any], address: PostalAddress) -> Iterator[Outcome]:
    """A missing postcode is wrong unless the address's country has no postcodes (CL505)."""
    if address.postcode is not None:
        return
    without = ctx.in_list("CL505", address.country)
    if without is None:
        yield ctx.unchecked(undecided("CL505", address.country), ctx.path(address, "postcode"))
    elif not without:
        yield ctx.violation(
            address,
            "postcode",
            f"{address.country} uses postcodes (it is not in CL505): provide {ctx.label(address, 'postcode')}",
            code=13,
        )


def all_the_same(values: Sequence[object]) -> bool:
    """True when there are at least two values, all present and equal (sequence numbers ignored).

    With a single value there is no "other" occurrence to differ from, so nothing is repeated.
    """

    def norm(v: object) -> object:
        if isinstance(v, list):
            return [norm(x) for x in v]
        if isinstance(v, XmlModel):
            return v.model_dump(exclude={"sequence_number"})
        return v

    if len(values) < 2 or any(v is None or v == [] for v in values):
        return False
    first = norm(values[0])
    return all(norm(v) == first for v in values[1:])


# ---------------------------------------------------------------- example changes shared by several rules


def _house_consignments(count: int) -> Callable[[CC015C], None]:
    """A change: the T1 example's goods split over ``count`` house consignments (copies of the first)."""

    def change(m: CC015C) -> None:
        first = m.consignment.house_consignment[0]
        for seq in range(2, count + 1):
            other = first.model_copy(deep=True)
            other.sequence_number = seq
            m.consignment.house_consignment.append(other)

    change.__name__ = f"{count}_house_consignments"
    return change


def _house_consignee(m: CC015C, name: str = "Maas Import BV", country: str = "NL") -> None:
    """Every house consignment gets the same consignee (and the consignment-level one goes)."""
    from ncts5.messages.cc015c import HouseConsignmentConsignee, HouseConsignmentConsigneeAddress

    m.consignment.consignee = None
    for house in m.consignment.house_consignment:
        address = HouseConsignmentConsigneeAddress(
            street_and_number="Havenweg 8", postcode="3089 JH", city="Rotterdam", country=country
        )
        house.consignee = HouseConsignmentConsignee(name=name, address=address)


# ------------------------------------------------------------------------------------------- C0250


def _c0250(ctx: Context[CC015C | CC170C]) -> Iterator[Outcome]:
    msg = ctx.message
    yield from name_and_address(ctx, msg.holder_of_the_transit_procedure)
    if not is_ie015(msg):
        return  # the IE170 names no consignor or consignee
    consignment = msg.consignment
    if consignment.consignor is not None:
        yield from name_and_address(ctx, consignment.consignor)
    if consignment.consignee is not None:
        yield from name_and_address(ctx, consignment.consignee)
    for house in consignment.house_consignment:
        if house.consignor is not None:
            yield from name_and_address(ctx, house.consignor)
    for house in consignment.house_consignment:
        if house.consignee is not None:
            yield from name_and_address(ctx, house.consignee)


def _holder_without_number(field: str) -> Callable[[CC015C], None]:
    def change(m: CC015C) -> None:
        holder = m.holder_of_the_transit_procedure
        holder.identification_number = None
        setattr(holder, field, None)

    change.__name__ = f"holder_without_number_and_{field}"
    return change


def _house_parties_without_address(m: CC015C) -> None:
    from ncts5.messages.cc015c import HouseConsignmentConsignee, HouseConsignmentConsignor

    house = m.consignment.house_consignment[0]
    house.consignor = HouseConsignmentConsignor(name="Nordwerk Maschinenbau AG")
    house.consignee = HouseConsignmentConsignee(name="Maas Import BV")


def _ie170_holder_without_number(m: CC170C) -> None:
    m.holder_of_the_transit_procedure.identification_number = None


C0250 = Rule(
    "C0250",
    "A holder, consignor or consignee without identification number needs name and address.",
    messages=IE015_IE170,
    checks="The holder of the transit procedure, the consignor and the consignee (at consignment or house "
    "consignment level) give name and address when they have no identification number. With a number, name and "
    "address are left out exactly when the number is registered in EOS or a CTC country's database, which only "
    "customs can see: ncts5 reports that half as not checked.",
    why="Customs identify a party by its registered number; without one, name and address are all they have to "
    "know who is responsible for the goods.",
    fix="Give the party's EORI or TCUIN, or else its name and full address.",
    check=_c0250,
    cases=(
        Fires(T1_ROAD, _holder_without_number("name"), at=f"{_HOLDER}/name", code=13, says="13 07 017 000"),
        Fires(T1_ROAD, _holder_without_number("address"), at=f"{_HOLDER}/Address", code=13),
        Fires(
            T1_ROAD,
            _house_parties_without_address,
            at=(f"{_HOUSE}[1]/Consignee/Address", f"{_HOUSE}[1]/Consignor/Address"),
        ),
        Fires(
            IE170_PRESENTATION,
            _ie170_holder_without_number,
            at=("/CC170C/HolderOfTheTransitProcedure/Address", "/CC170C/HolderOfTheTransitProcedure/name"),
        ),
        Silent(TIR),
        Silent(T1_ROAD),
        Undecided(IE170_PRESENTATION, at="/CC170C/HolderOfTheTransitProcedure/identificationNumber"),
    ),
    releases=P5_P6,
)

# ------------------------------------------------------------------------------------------- C0505


def _addresses(msg: CC015C | CC170C) -> Iterator[PostalAddress]:
    """Every address C0505 covers, in the order of the data groups."""
    if msg.holder_of_the_transit_procedure.address is not None:
        yield msg.holder_of_the_transit_procedure.address
    consignment = msg.consignment
    if is_ie015(msg):
        cons = msg.consignment
        if cons.consignor is not None and cons.consignor.address is not None:
            yield cons.consignor.address
        if cons.consignee is not None and cons.consignee.address is not None:
            yield cons.consignee.address
    location = consignment.location_of_goods
    if location is not None and location.address is not None:
        yield location.address
    if is_ie015(msg):
        for house in msg.consignment.house_consignment:
            if house.consignor is not None and house.consignor.address is not None:
                yield house.consignor.address
        for house in msg.consignment.house_consignment:
            if house.consignee is not None and house.consignee.address is not None:
                yield house.consignee.address


def _c0505(ctx: Context[CC015C | CC170C]) -> Iterator[Outcome]:
    for address in _addresses(ctx.message):
        yield from postcode_required(ctx, address)


def _consignor_without_postcode(m: CC015C) -> None:
    address = m.consignment.consignor.address if m.consignment.consignor else None
    assert address is not None  # the T1 example's consignor has an address
    address.postcode = None


def _consignee_in_the_emirates_without_postcode(m: CC015C) -> None:
    address = m.consignment.consignee.address if m.consignment.consignee else None
    assert address is not None  # the T1 example's consignee has an address
    address.country, address.postcode = "AE", None


def _holder_without_postcode(m: CC015C) -> None:
    address = m.holder_of_the_transit_procedure.address
    assert address is not None  # the T1 example's holder has an address
    address.postcode = None


def _location_address_without_postcode(m: CC170C) -> None:
    from ncts5.messages.cc170c import LocationOfGoodsAddress

    location = m.consignment.location_of_goods
    location.qualifier_of_identification, location.authorisation_number = "Z", None
    location.address = LocationOfGoodsAddress(street_and_number="Am Hafen 12", city="Hamburg", country="DE")


C0505 = Rule(
    "C0505",
    "An address needs a postcode unless its country has no postcodes (CL505).",
    messages=IE015_IE170,
    checks="Every address of the holder, consignor, consignee (consignment and house consignment level) and "
    "location of goods gives its postcode, unless its country is in CL505 (countries without postcodes).",
    why="A postcode is part of the address wherever the country uses postcodes; without it customs cannot place "
    "the party or the goods.",
    fix="Add the postcode to the address.",
    check=_c0505,
    cases=(
        Fires(T1_ROAD, _consignor_without_postcode, at=f"{_CONSIGNMENT}/Consignor/Address/postcode", code=13),
        Fires(
            IE170_PRESENTATION,
            _location_address_without_postcode,
            at="/CC170C/Consignment/LocationOfGoods/Address/postcode",
            says="DE uses postcodes",
        ),
        Silent(T1_ROAD),
        Silent(T1_ROAD, _consignee_in_the_emirates_without_postcode),
        Undecided(T1_ROAD, _holder_without_postcode, at=f"{_HOLDER}/Address/postcode", without_lists=("CL505",)),
    ),
    releases=P5_P6,
)

# ------------------------------------------------------------------------------------------- C0542


def _c0542(ctx: Context[CC015C]) -> Iterator[Outcome]:
    op = ctx.message.transit_operation
    cons = ctx.message.consignment
    if op.security == "0" and ctx.reduced_data_set:
        why = (
            f"without safety and security data ({stated(ctx, op, 'security')}) and with the reduced data set "
            f"({stated(ctx, op, 'reduced_dataset_indicator')}) no consignor is declared"
        )
        if cons.consignor is not None:
            yield ctx.violation(cons, "consignor", f"{why}: remove {ctx.label(cons, 'consignor')}", code=15)
        for hc in cons.house_consignment:
            if hc.consignor is not None:
                yield ctx.violation(hc, "consignor", f"{why}: remove {ctx.label(hc, 'consignor')}", code=15)
    elif cons.consignor is not None:
        for hc in cons.house_consignment:
            if hc.consignor is not None:
                yield ctx.violation(
                    hc,
                    "consignor",
                    f"{ctx.label(cons, 'consignor')} is already declared for the whole consignment: remove it "
                    "from this house consignment (a consignor is declared at one level only)",
                    code=15,
                )


def _reduced_data_set(m: CC015C) -> None:
    m.transit_operation.reduced_dataset_indicator = "1"


def _reduced_data_set_with_security(m: CC015C) -> None:
    _reduced_data_set(m)
    m.transit_operation.security = "1"


def _house_consignor(m: CC015C) -> None:
    from ncts5.messages.cc015c import HouseConsignmentConsignor

    m.consignment.house_consignment[0].consignor = HouseConsignmentConsignor(name="Other GmbH")


def _consignor_at_house_level_only(m: CC015C) -> None:
    m.consignment.consignor = None
    _house_consignor(m)


C0542 = Rule(
    "C0542",
    "No consignor with security 0 and the reduced data set; otherwise a consignment-level consignor excludes "
    "house-level ones.",
    messages=IE015,
    checks="With 11 07 000 000 Security 0 and 11 08 000 000 Reduced dataset indicator 1 the declaration has no "
    "CONSIGNOR at any level; otherwise a consignor at consignment level excludes consignors at house "
    "consignment level.",
    why="The reduced data set without safety and security data leaves the consignor out altogether; and one "
    "party declared at two levels would leave customs unsure which one applies.",
    fix="Remove the consignor under the reduced data set without security data; otherwise declare it at one "
    "level only.",
    check=_c0542,
    cases=(
        Fires(T1_ROAD, _reduced_data_set, at=f"{_CONSIGNMENT}/Consignor", code=15, says="11 07 000 000 Security 0"),
        Fires(T1_ROAD, _house_consignor, at=f"{_HOUSE}[1]/Consignor", code=15, says="one level only"),
        Silent(T1_ROAD),
        Silent(T1_ROAD, _reduced_data_set_with_security),
        Silent(T1_ROAD, _consignor_at_house_level_only),
    ),
    releases=P5_P6,
)

# ------------------------------------------------------------------------------------------- R0506

_HOUSE_REPEATS = (
    ("consignor", "declare it once for the whole consignment"),
    ("consignee", "declare it once for the whole consignment"),
    ("departure_transport_means", "declare them once for the whole consignment"),
    ("transport_charges", "declare them once for the whole consignment"),
    ("reference_number_ucr", "declare it once for the whole consignment"),
    ("country_of_destination", "declare it once for the whole consignment"),
    ("country_of_dispatch", "declare it once for the whole consignment"),
)
#: The IE170's house consignments carry only their departure transport means.
_IE170_HOUSE_REPEATS = (("departure_transport_means", "declare them once for the whole consignment"),)


def _r0506(ctx: Context[CC015C | CC170C]) -> Iterator[Outcome]:
    msg = ctx.message
    houses: Sequence[XmlModel] = msg.consignment.house_consignment
    if not houses:
        return
    for field, todo in _HOUSE_REPEATS if is_ie015(msg) else _IE170_HOUSE_REPEATS:
        values = [getattr(hc, field) for hc in houses]
        if all_the_same(values):
            label = ctx.label(houses[0], field)
            yield ctx.violation(
                houses[0],
                field,
                f"all {len(houses)} house consignments declare the same {label}; {todo} instead",
                index=0 if isinstance(values[0], list) else None,
            )


def _same_country_of_destination(m: CC015C) -> None:
    _house_consignments(2)(m)
    m.consignment.country_of_destination = None
    for house in m.consignment.house_consignment:
        house.country_of_destination = "NL"


def _same_consignee(m: CC015C) -> None:
    _house_consignments(2)(m)
    _house_consignee(m)


def _same_transport_means_numbered_apart(m: CC015C) -> None:
    from ncts5.messages.cc015c import HouseConsignmentDepartureTransportMeans

    _house_consignments(2)(m)
    for house, seq in zip(m.consignment.house_consignment, (1, 7), strict=True):
        house.departure_transport_means = [
            HouseConsignmentDepartureTransportMeans(
                sequence_number=seq, type_of_identification="30", identification_number="HHAB1234", nationality="DE"
            )
        ]


def _one_country_of_destination_differs(m: CC015C) -> None:
    _house_consignments(2)(m)
    first, second = m.consignment.house_consignment
    first.country_of_destination, second.country_of_destination = "NL", "BE"
    first.reference_number_ucr = "UCR1"


def _ie170_same_transport_means(m: CC170C) -> None:
    from ncts5.messages.cc170c import HouseConsignmentDepartureTransportMeans

    first = m.consignment.house_consignment[0]
    first.departure_transport_means = [
        HouseConsignmentDepartureTransportMeans(
            sequence_number=1, type_of_identification="30", identification_number="HHAB1234", nationality="DE"
        )
    ]
    second = first.model_copy(deep=True)
    second.sequence_number = 2
    m.consignment.house_consignment.append(second)


R0506 = Rule(
    "R0506",
    "Data given for every house consignment must not be the same for all of them.",
    messages=IE015_IE170,
    checks="When every house consignment gives its consignor, consignee, departure transport means, transport "
    "charges, UCR, country of destination or country of dispatch, at least one of them differs from the others "
    "(sequence numbers aside).",
    why="Data that is the same for every house consignment belongs to the consignment: repeating it per house "
    "consignment makes the declaration longer without saying more.",
    fix="Declare the repeated data once at consignment level and remove it from the house consignments.",
    check=_r0506,
    cases=(
        Fires(
            T1_ROAD,
            _same_country_of_destination,
            at=f"{_HOUSE}[1]/countryOfDestination",
            code=14,
            says="all 2 house consignments",
        ),
        Fires(T1_ROAD, _same_consignee, at=f"{_HOUSE}[1]/Consignee"),
        Fires(T1_ROAD, _same_transport_means_numbered_apart, at=f"{_HOUSE}[1]/DepartureTransportMeans[1]"),
        Fires(
            IE170_PRESENTATION,
            _ie170_same_transport_means,
            at="/CC170C/Consignment/HouseConsignment[1]/DepartureTransportMeans[1]",
        ),
        Silent(T1_ROAD),
        Silent(T1_ROAD, _one_country_of_destination_differs),
        Silent(IE170_PRESENTATION),
    ),
    releases=P5_P6,
)

# ------------------------------------------------------------------------------------------- R0850

_EORI_TCUIN = re.compile(r"[A-Z]{2}[\x21-\x7E]{1,15}")


def _numbered_parties(msg: CC015C | CC170C) -> Iterator[NumberedParty]:
    """The parties R0850 covers, in the order of the data groups."""
    yield msg.holder_of_the_transit_procedure
    if msg.representative is not None:
        yield msg.representative
    if is_ie015(msg) and msg.consignment.consignor is not None:
        yield msg.consignment.consignor
    location = msg.consignment.location_of_goods
    if location is not None and location.economic_operator is not None:
        yield location.economic_operator
    if is_ie015(msg):
        for house in msg.consignment.house_consignment:
            if house.consignor is not None:
                yield house.consignor


def _r0850(ctx: Context[CC015C | CC170C]) -> Iterator[Outcome]:
    office = ctx.message.customs_office_of_departure.reference_number
    country = office[:2]
    numbered = [p for p in _numbered_parties(ctx.message) if p.identification_number is not None]
    if not numbered:
        return
    in_eu = ctx.in_list("CL010", country)
    for party in numbered:
        where = ctx.path(party, "identification_number")
        number = party.identification_number or ""
        if in_eu is None:
            yield ctx.unchecked(undecided("CL010", country), where)
        elif in_eu and not _EORI_TCUIN.fullmatch(number):
            yield ctx.violation(
                party,
                "identification_number",
                f"the declaration is lodged in {country} (office of departure {office}), an EU country: "
                f"{ctx.label(party, 'identification_number')} must be an EORI or TCUIN number (two capital letters "
                "of a country code followed by up to 15 characters, no spaces)",
            )
        else:
            yield ctx.unchecked(
                "whether the number is a registered EORI/TCUIN (or, outside the EU, a national TIN) needs EOS "
                "or the national trader database",
                where,
            )


def _holder_number(number: str) -> Callable[[CC015C], None]:
    def change(m: CC015C) -> None:
        m.holder_of_the_transit_procedure.identification_number = number

    change.__name__ = f"holder_number_{number}"
    return change


def _ie170_representative_and_operator(m: CC170C) -> None:
    from ncts5.messages.cc170c import EconomicOperator, Representative

    m.representative = Representative(identification_number="12345", status="2")
    location = m.consignment.location_of_goods
    location.qualifier_of_identification, location.authorisation_number = "X", None
    location.economic_operator = EconomicOperator(identification_number="DE 123")


def _national_number_outside_the_union(m: CC015C) -> None:
    m.customs_office_of_departure.reference_number = "CH001234"
    m.holder_of_the_transit_procedure.identification_number = "123456789"


R0850 = Rule(
    "R0850",
    "Where the declaration is lodged in the EU (CL010), identification numbers are EORI or TCUIN numbers.",
    messages=IE015_IE170,
    checks="When the office of departure is in the Union (CL010), the identification numbers of the holder, "
    "representative, consignors and the location of goods' economic operator have the EORI/TCUIN form: two "
    "capital letters and up to 15 more characters without spaces. Whether the number is registered (EOS, or a "
    "national TIN outside the Union) only customs can tell: ncts5 reports it as not checked.",
    why="Union customs identify economic operators by their EORI (or the TCUIN of a common transit country); a "
    "number of another form cannot be one.",
    fix="Give the party's EORI or TCUIN exactly as registered, country code first and without spaces.",
    check=_r0850,
    cases=(
        Fires(
            T1_ROAD,
            _holder_number("de123456789012345"),
            at=f"{_HOLDER}/identificationNumber",
            code=14,
            says="EORI or TCUIN",
        ),
        Fires(T1_ROAD, _holder_number("123456789"), at=f"{_HOLDER}/identificationNumber"),
        Fires(
            IE170_PRESENTATION,
            _ie170_representative_and_operator,
            at=(
                "/CC170C/Consignment/LocationOfGoods/EconomicOperator/identificationNumber",
                "/CC170C/Representative/identificationNumber",
            ),
        ),
        Silent(T1_ROAD),
        Silent(T1_ROAD, _national_number_outside_the_union),
        Undecided(T1_ROAD, at=f"{_HOLDER}/identificationNumber"),
        Undecided(T1_ROAD, at=f"{_CONSIGNMENT}/Consignor/identificationNumber", without_lists=("CL010",)),
    ),
    releases=P5_P6,
)

# ------------------------------------------------------------------------------------------- G0090


def _g0090(ctx: Context[CC015C]) -> Iterator[Outcome]:
    consignment = ctx.message.consignment
    holder = ctx.message.holder_of_the_transit_procedure
    carrier = consignment.carrier
    if carrier is not None and carrier.identification_number == holder.identification_number:
        yield ctx.violation(
            consignment,
            "carrier",
            f"the carrier {carrier.identification_number} is the holder of the transit procedure: "
            f"remove {ctx.label(consignment, 'carrier')}",
            value=carrier.identification_number,
        )


def _carrier(number: str) -> Callable[[CC015C], None]:
    def change(m: CC015C) -> None:
        from ncts5.messages.cc015c import Carrier

        m.consignment.carrier = Carrier(identification_number=number)

    change.__name__ = f"carrier_{number}"
    return change


G0090 = Rule(
    "G0090",
    "The carrier is declared only when it is not the holder of the transit procedure.",
    messages=IE015,
    checks="CARRIER is not given with the identification number of the holder of the transit procedure.",
    why="A carrier that is the holder adds nothing: the holder is already identified and responsible.",
    fix="Remove the carrier when the holder carries the goods itself.",
    check=_g0090,
    cases=(
        Fires(T1_ROAD, _carrier("DE123456789012345"), at=f"{_CONSIGNMENT}/Carrier", says="holder of the transit"),
        Silent(T1_ROAD),
        Silent(T1_ROAD, _carrier("NL000111222B01")),
    ),
    releases=P5_P6,
)

# ------------------------------------------------------------------------------------------- G0120


def _g0120(ctx: Context[CC015C | CC170C]) -> Iterator[Outcome]:
    holder = ctx.message.holder_of_the_transit_procedure
    if holder.identification_number is not None or holder.address is None:
        return
    country = holder.address.country
    in_ctc = ctx.in_list("CL009", country)
    if in_ctc is None:
        yield ctx.unchecked(undecided("CL009", country), ctx.path(holder, "identification_number"))
    elif in_ctc:
        yield ctx.violation(
            holder,
            "identification_number",
            f"the holder is established in {country}, a common transit country: provide "
            f"{ctx.label(holder, 'identification_number')} (EORI or TCUIN) unless the holder is a private person",
        )


def _holder_without_number_in(country: str) -> Callable[[CC015C], None]:
    def change(m: CC015C) -> None:
        holder = m.holder_of_the_transit_procedure
        holder.identification_number = None
        if holder.address is not None:
            holder.address.country = country

    change.__name__ = f"holder_in_{country}_without_number"
    return change


def _ie170_holder_by_name_and_address(m: CC170C) -> None:
    from ncts5.messages.cc170c import HolderOfTheTransitProcedureAddress

    holder = m.holder_of_the_transit_procedure
    holder.identification_number = None
    holder.name = "Elbe Spedition GmbH"
    holder.address = HolderOfTheTransitProcedureAddress(
        street_and_number="Am Hafen 12", postcode="20457", city="Hamburg", country="DE"
    )


G0120 = Rule(
    "G0120",
    "A holder established in a common transit country is identified by number (unless a private person).",
    messages=IE015_IE170,
    checks="A holder of the transit procedure whose address is in a common transit country (CL009) gives 13 07 "
    "017 000 Identification number; only holders established elsewhere, and private persons, may do without.",
    why="Economic operators of the common transit countries are registered (EORI or TCUIN), and customs identify "
    "the holder, who answers for the procedure, by that number.",
    fix="Give the holder's EORI or TCUIN; leave it out only for a private person.",
    check=_g0120,
    cases=(
        Fires(T1_ROAD, _holder_without_number_in("DE"), at=f"{_HOLDER}/identificationNumber", code=14),
        Fires(
            IE170_PRESENTATION,
            _ie170_holder_by_name_and_address,
            at="/CC170C/HolderOfTheTransitProcedure/identificationNumber",
            says="common transit country",
        ),
        Silent(T1_ROAD),
        Silent(IE170_PRESENTATION),
        Silent(T1_ROAD, _holder_without_number_in("US")),
        Undecided(
            T1_ROAD,
            _holder_without_number_in("DE"),
            at=f"{_HOLDER}/identificationNumber",
            without_lists=("CL009",),
        ),
    ),
    releases=P5_P6,
)

# ------------------------------------------------------------------------------------------- R0840

R0840 = Rule(
    "R0840",
    "Carrier and additional supply chain actor numbers are valid EORI or TCUIN numbers.",
    messages=IE015,
    reason="the format is already enforced by the schema; whether the number is a registered EORI or TCUIN "
    "needs EOS or the TCUIN register",
    checks="The identification numbers of the carrier and of additional supply chain actors are registered EORI "
    "or TCUIN numbers.",
    why="Union customs look these operators up in EOS for the safety and security risk analysis.",
    fix="Give the EORI or TCUIN the operator is registered under.",
    cases=(Undecided(T1_ROAD),),
    releases=P5_P6,
)

# ---------------------------------------------------------------- guidelines with nothing to decide

G0062 = Rule(
    "G0062",
    "R0506/R0507 are not strictly enforced on common domain messages.",
    messages=IE015,
    reason="concerns customs-to-customs messages (CC029C, CD001C) after a control; nothing in the declarant's "
    "message to check",
    checks="Nothing in the declaration: the guideline tells customs not to enforce R0506 and R0507 on the messages "
    "they exchange after a control.",
    why="Customs never reject a declaration for it; R0506 and R0507 still apply to the declaration itself.",
    fix="Nothing to fix.",
    cases=(Undecided(T1_ROAD),),
)

G0062_P6 = Rule(
    "G0062",
    "R0506/R0507 are not strictly enforced on common domain messages.",
    messages=IE015,
    releases=P6,
    reason="concerns the messages customs exchange after a control (CC029C, CCA29D, CD001C); nothing in the "
    "declarant's message to check",
    checks="Nothing in the declaration: the guideline tells customs not to enforce R0506 and R0507 on the messages "
    "they exchange after a control. Unlike Phase 5, it also names the opt-in administrations' forms CCA15D, "
    "CCA13D and CCA29D beside CC015C, CC013C and CC029C.",
    why="Customs never reject a declaration for it; R0506 and R0507 still apply to the declaration itself.",
    fix="Nothing to fix.",
    cases=(Undecided(T1_ROAD),),
)

G0105 = Rule(
    "G0105",
    "Contact person details serve communication only.",
    messages=IE015_IE170,
    reason="states that a contact person carries no legal liability; it sets no condition on the data",
    checks="Nothing in the message: the guideline says what a CONTACT PERSON is for.",
    why="Customs never reject for it; the party, not its contact person, answers for the declaration.",
    fix="Nothing to fix; give a contact person customs can reach.",
    cases=(Undecided(T1_ROAD), Undecided(IE170_PRESENTATION)),
    releases=P5_P6,
)

G0123 = Rule(
    "G0123",
    "A consignor is declared when different from the holder of the transit procedure.",
    messages=IE015,
    reason="needs to know who actually consigns the goods, which only the declarant's own records show: a "
    "declaration without a consignor may mean the holder is the consignor",
    checks="A consignor different from the holder of the transit procedure is declared, for the consignment or "
    "for each house consignment it concerns.",
    why="Customs need to know who sends the goods; when the holder is the consignor, the holder's data says it "
    "already.",
    fix="Declare the consignor whenever it is not the holder.",
    cases=(Undecided(T1_ROAD),),
    releases=P5_P6,
)

G0201 = Rule(
    "G0201",
    "Only EU member states validate R0840; offices of transit may ask for a new ENS instead of rejecting.",
    messages=IE015,
    reason="concerns how customs offices of transit treat R0840 on CD050C/CD115C messages; nothing in the "
    "declarant's message to check",
    checks="Nothing in the declaration: the guideline tells customs how to treat R0840 on the messages they exchange.",
    why="Customs never reject a declaration for it.",
    fix="Nothing to fix.",
    cases=(Undecided(T1_ROAD),),
)

G0201_P6 = Rule(
    "G0201",
    "Only EU member states validate R0840; offices of transit may ask for a new ENS instead of rejecting.",
    messages=IE015,
    releases=P6,
    reason="concerns how customs offices of transit treat R0840 on the IE050/IE115 messages a CTC country sends; "
    "nothing in the declarant's message to check",
    checks="Nothing in the declaration: the guideline tells customs how to treat R0840 on the messages they exchange. "
    "Unlike Phase 5, it names those messages IE050 and IE115 rather than CD050C and CD115C.",
    why="Customs never reject a declaration for it.",
    fix="Nothing to fix.",
    cases=(Undecided(T1_ROAD),),
)

G0825 = Rule(
    "G0825",
    "Documents, references, information and supply chain actors are recorded at the level they relate to.",
    messages=IE015,
    reason="needs to know which goods each document, reference, information or actor concerns, which only the "
    "declarant knows; the data itself does not say",
    checks="Previous, supporting and transport documents, additional references, additional information and "
    "supply chain actors sit at consignment, house consignment or goods item level, whichever they concern.",
    why="Customs read an entry as applying to everything below its level; at the wrong level it covers goods it "
    "does not concern or misses goods it does.",
    fix="Move each entry to the level of the goods it concerns.",
    cases=(Undecided(T1_ROAD),),
    releases=P5_P6,
)

G0850 = Rule(
    "G0850",
    "The representative is declared when the holder uses one.",
    messages=IE015_IE170,
    reason="needs to know whether the holder uses a representative, which only the declarant knows: a message "
    "without one may be lodged by the holder itself",
    checks="A REPRESENTATIVE is declared whenever the holder of the transit procedure acts through one.",
    why="Customs must know who lodges the declaration on the holder's behalf and in which capacity.",
    fix="Declare the representative, with its status, whenever one acts for the holder.",
    cases=(Undecided(T1_ROAD), Undecided(IE170_PRESENTATION)),
    releases=P5_P6,
)
