"""Technical rules (E1102..E1407): the shorter formats and smaller multiplicities of the transition period.

While the decisive date is on or before TPendDate, customs still convert every
IE015 into the older phase-4 message, whose fields are shorter and whose data
groups repeat less.  Each rule here names a maximum format or multiplicity; the
places it applies to are the ones the IE015 table attaches the rule to (read
from the generated models), so a check never spells an XML path by hand.
All of them run only in the transition phase and report error code 50
(transitional constraint violation).

Each rule is one :class:`~ncts5.rules.declaration.Rule` value named by its id, with its check and
its example cases just above it (see :mod:`ncts5.rules.declaration`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ncts5.messages.meta import XmlModel
from ncts5.rules.context import Context, Outcome
from ncts5.rules.declaration import IE015, TRANSITION, Fires, Rule, Silent, Undecided
from ncts5.rules.examples import T1_ROAD, TIR
from ncts5.rules.options import Phase
from ncts5.rules.registry import message_places

if TYPE_CHECKING:
    from ncts5.messages.cc015c import CC015C, ConsignmentItem, HouseConsignment

WHEN = "during the transition period"
#: The phase every case of these rules is validated in.
TP: Phase = "transition"

_CONSIGNMENT = "/CC015C/Consignment"
_HOUSE = f"{_CONSIGNMENT}/HouseConsignment[1]"
_ITEM = f"{_HOUSE}/ConsignmentItem[1]"


def places(ctx: Context[CC015C], rule_id: str) -> Iterator[tuple[XmlModel, str]]:
    """Every (model, field name) of this message that the message table attaches ``rule_id`` to."""
    for path in message_places(type(ctx.message)).get(rule_id, ()):
        steps = path.strip("/").split("/")[1:]
        parents: list[XmlModel] = list(ctx.all("/".join(steps[:-1]))) if len(steps) > 1 else [ctx.message]
        for model in parents:
            child = type(model).__xml_by_name__.get(steps[-1])
            if child is not None:
                yield model, child.field


def _values(model: XmlModel, field: str) -> Iterator[tuple[int | None, Any]]:
    value = getattr(model, field)
    if isinstance(value, list):
        yield from enumerate(value)
    elif value is not None:
        yield None, value


# ------------------------------------------------------------------------------------------- formats

#: Why a value breaks a format, or None when it meets it.
Problem = Callable[[Any], str | None]


def _format_check(ctx: Context[CC015C], rule_id: str, fmt: str, problem: Problem) -> Iterator[Outcome]:
    """A finding for every value at the rule's places for which ``problem`` returns a reason."""
    for model, field in places(ctx, rule_id):
        for index, value in _values(model, field):
            reason = problem(value)
            if reason:
                label = ctx.label(model, field)
                yield ctx.violation(model, field, f"{WHEN} {label} has format {fmt}: {reason}", index=index)


def _max_chars(limit: int) -> Problem:
    def problem(value: Any) -> str | None:
        n = len(str(value))
        return f"it has {n} characters, shorten it to at most {limit}" if n > limit else None

    return problem


def _decimal(total: int, fraction: int) -> Problem:
    """Digits as XSD counts them: trailing zeros after the point do not count."""

    def problem(value: Any) -> str | None:
        _sign, digits, exponent = Decimal(value).normalize().as_tuple()
        assert isinstance(exponent, int)
        decimals = max(0, -exponent)
        n = len(digits) + max(0, exponent)
        if decimals > fraction:
            return f"it has {decimals} decimal places, round it to at most {fraction}"
        if n > total:
            return f"it has {n} digits, at most {total} are allowed"
        return None

    return problem


def _max_digits(limit: int) -> Problem:
    def problem(value: Any) -> str | None:
        n = len(str(abs(int(value))))
        return f"{value} has {n} digits, at most {limit} are allowed" if n > limit else None

    return problem


_WHY_FORMAT = (
    "Until TPendDate customs convert every IE015 into the phase 4 message, whose field is shorter; a longer value "
    "cannot be converted."
)

# Where the format cases change the example: each returns the data group holding the field.


def _item(m: CC015C) -> ConsignmentItem:
    return m.consignment.house_consignment[0].consignment_item[0]


def _house(m: CC015C) -> HouseConsignment:
    return m.consignment.house_consignment[0]


def _holder_address(m: CC015C) -> XmlModel:
    address = m.holder_of_the_transit_procedure.address
    assert address is not None  # the examples give the holder's address
    return address


def _item_consignee_address(m: CC015C) -> XmlModel:
    from ncts5.messages.cc015c import ConsignmentItemConsignee, ConsignmentItemConsigneeAddress

    address = ConsignmentItemConsigneeAddress(
        street_and_number="Havenweg 8", postcode="3089 JH", city="Rotterdam", country="NL"
    )
    _item(m).consignee = ConsignmentItemConsignee(name="Maas Import BV", address=address)
    return address


def _departure_means(m: CC015C) -> XmlModel:
    return m.consignment.departure_transport_means[0]


def _border_means(m: CC015C) -> XmlModel:
    from ncts5.messages.cc015c import ActiveBorderTransportMeans

    means = ActiveBorderTransportMeans(sequence_number=1, identification_number="SHIP")
    m.consignment.active_border_transport_means = [means]
    return means


def _consignor(m: CC015C) -> XmlModel:
    consignor = m.consignment.consignor
    assert consignor is not None  # the T1 example names its consignor
    return consignor


def _consignee_address(m: CC015C) -> XmlModel:
    consignee = m.consignment.consignee
    assert consignee is not None and consignee.address is not None  # the T1 example gives it
    return consignee.address


def _item_previous_document(m: CC015C) -> XmlModel:
    return _item(m).previous_document[0]


def _item_supporting_document(m: CC015C) -> XmlModel:
    from ncts5.messages.cc015c import ConsignmentItemSupportingDocument

    document = ConsignmentItemSupportingDocument(sequence_number=1, type="N935", reference_number="INV-1")
    _item(m).supporting_document = [document]
    return document


def _packaging(m: CC015C) -> XmlModel:
    return _item(m).packaging[0]


def _commodity(m: CC015C) -> XmlModel:
    return _item(m).commodity


def _consignment(m: CC015C) -> XmlModel:
    return m.consignment


def _goods_measure(m: CC015C) -> XmlModel:
    measure = _item(m).commodity.goods_measure
    assert measure is not None  # the examples give the masses
    return measure


def _place_of_loading(m: CC015C) -> XmlModel:
    from ncts5.messages.cc015c import PlaceOfLoading

    m.consignment.place_of_loading = PlaceOfLoading(country="DE", location="Hamburg")
    return m.consignment.place_of_loading


def _set(where: Callable[[CC015C], XmlModel], field: str, value: str | int | Decimal) -> Callable[[CC015C], None]:
    """A change setting ``field`` of the data group ``where`` returns (creating it if needed) to ``value``."""

    def change(m: CC015C) -> None:
        setattr(where(m), field, value)

    shown = f"of_{len(value)}_characters" if isinstance(value, str) else str(value).replace(".", "_")
    change.__name__ = f"{where.__name__.strip('_')}_{field}_{shown}"
    return change


# ------------------------------------------------------------------------------------------- E1102


def _e1102(ctx: Context[CC015C]) -> Iterator[Outcome]:
    yield from _format_check(ctx, "E1102", "an..9", _max_chars(9))


E1102 = Rule(
    "E1102",
    "Transition: postcodes have at most 9 characters.",
    messages=IE015,
    phases=TRANSITION,
    error_code=50,
    checks="During the transition period every postcode (holder of the transit procedure, consignor, consignee, "
    "location of goods, goods item consignee) has at most 9 characters (an..9).",
    why=_WHY_FORMAT,
    fix="Shorten the postcode to 9 characters (leave out spaces and dashes the address does not need).",
    check=_e1102,
    cases=(
        Fires(
            T1_ROAD,
            _set(_holder_address, "postcode", "D-20457-HH"),
            at="/CC015C/HolderOfTheTransitProcedure/Address/postcode",
            phase=TP,
            code=50,
            says="has format an..9",
        ),
        Fires(
            T1_ROAD,
            _set(_item_consignee_address, "postcode", "1234567890"),
            at=f"{_ITEM}/Consignee/Address/postcode",
            phase=TP,
        ),
        Silent(T1_ROAD, phase=TP),
        Silent(TIR, phase=TP),
        Silent(T1_ROAD, _set(_holder_address, "postcode", "D-20457-H"), phase=TP),
        Silent(T1_ROAD, _set(_item_consignee_address, "postcode", "123456789"), phase=TP),
    ),
)

# ------------------------------------------------------------------------------------------- E1103


def _e1103(ctx: Context[CC015C]) -> Iterator[Outcome]:
    yield from _format_check(ctx, "E1103", "an..27", _max_chars(27))


E1103 = Rule(
    "E1103",
    "Transition: transport means identification numbers have at most 27 characters.",
    messages=IE015,
    phases=TRANSITION,
    error_code=50,
    checks="During the transition period the identification number of every departure and active border transport "
    "means has at most 27 characters (an..27).",
    why=_WHY_FORMAT,
    fix="Shorten the identification number to 27 characters.",
    check=_e1103,
    cases=(
        Fires(
            T1_ROAD,
            _set(_departure_means, "identification_number", "A" * 28),
            at=f"{_CONSIGNMENT}/DepartureTransportMeans[1]/identificationNumber",
            phase=TP,
            code=50,
            says="has format an..27",
        ),
        Fires(
            T1_ROAD,
            _set(_border_means, "identification_number", "B" * 28),
            at=f"{_CONSIGNMENT}/ActiveBorderTransportMeans[1]/identificationNumber",
            phase=TP,
        ),
        Silent(T1_ROAD, phase=TP),
        Silent(TIR, phase=TP),
        Silent(T1_ROAD, _set(_departure_means, "identification_number", "A" * 27), phase=TP),
        Silent(T1_ROAD, _set(_border_means, "identification_number", "B" * 27), phase=TP),
    ),
)

# ------------------------------------------------------------------------------------------- E1104


def _e1104(ctx: Context[CC015C]) -> Iterator[Outcome]:
    yield from _format_check(ctx, "E1104", "an..35", _max_chars(35))


E1104 = Rule(
    "E1104",
    "Transition: party names, streets and document reference numbers have at most 35 characters.",
    messages=IE015,
    phases=TRANSITION,
    error_code=50,
    checks="During the transition period every party's name and street and number (holder of the transit "
    "procedure, consignor, consignee, location of goods, goods item consignee) and the reference number of every "
    "goods item's previous document, supporting document, transport document and additional reference have at "
    "most 35 characters (an..35).",
    why=_WHY_FORMAT,
    fix="Shorten the value to 35 characters (for a document number that does not fit, declare '0', G0321).",
    check=_e1104,
    cases=(
        Fires(
            T1_ROAD,
            _set(_consignor, "name", "Nordwerk Maschinenbau Aktiengesellschaft"),
            at=f"{_CONSIGNMENT}/Consignor/name",
            phase=TP,
            code=50,
            says="13 02 016 000 Name has format an..35: it has 40 characters, shorten it to at most 35",
        ),
        Fires(
            T1_ROAD,
            _set(_consignee_address, "street_and_number", "S" * 36),
            at=f"{_CONSIGNMENT}/Consignee/Address/streetAndNumber",
            phase=TP,
        ),
        Fires(
            T1_ROAD,
            _set(_item_previous_document, "reference_number", "R" * 36),
            at=f"{_ITEM}/PreviousDocument[1]/referenceNumber",
            phase=TP,
        ),
        Fires(
            T1_ROAD,
            _set(_item_supporting_document, "reference_number", "R" * 70),
            at=f"{_ITEM}/SupportingDocument[1]/referenceNumber",
            phase=TP,
        ),
        Silent(T1_ROAD, phase=TP),
        Silent(TIR, phase=TP),
        Silent(T1_ROAD, _set(_consignor, "name", "N" * 35), phase=TP),
        Silent(T1_ROAD, _set(_consignee_address, "street_and_number", "S" * 35), phase=TP),
        Silent(T1_ROAD, _set(_item_previous_document, "reference_number", "R" * 35), phase=TP),
        Silent(T1_ROAD, _set(_item_supporting_document, "reference_number", "R" * 35), phase=TP),
    ),
)

# ------------------------------------------------------------------------------------------- E1105


def _e1105(ctx: Context[CC015C]) -> Iterator[Outcome]:
    yield from _format_check(ctx, "E1105", "an..42", _max_chars(42))


E1105 = Rule(
    "E1105",
    "Transition: shipping marks have at most 42 characters.",
    messages=IE015,
    phases=TRANSITION,
    error_code=50,
    checks="During the transition period the shipping marks of every packaging have at most 42 characters (an..42).",
    why=_WHY_FORMAT,
    fix="Shorten the shipping marks to 42 characters.",
    check=_e1105,
    cases=(
        Fires(
            T1_ROAD,
            _set(_packaging, "shipping_marks", "M" * 43),
            at=f"{_ITEM}/Packaging[1]/shippingMarks",
            phase=TP,
            code=50,
            says="has format an..42",
        ),
        Silent(T1_ROAD, phase=TP),
        Silent(TIR, phase=TP),
        Silent(T1_ROAD, _set(_packaging, "shipping_marks", "M" * 42), phase=TP),
    ),
)

# ------------------------------------------------------------------------------------------- E1107


def _e1107(ctx: Context[CC015C]) -> Iterator[Outcome]:
    yield from _format_check(ctx, "E1107", "an..280", _max_chars(280))


E1107 = Rule(
    "E1107",
    "Transition: descriptions of goods have at most 280 characters.",
    messages=IE015,
    phases=TRANSITION,
    error_code=50,
    checks="During the transition period every goods item's description of goods has at most 280 characters (an..280).",
    why=_WHY_FORMAT,
    fix="Shorten the description of goods to 280 characters.",
    check=_e1107,
    cases=(
        Fires(
            T1_ROAD,
            _set(_commodity, "description_of_goods", "D" * 281),
            at=f"{_ITEM}/Commodity/descriptionOfGoods",
            phase=TP,
            code=50,
            says="has format an..280",
        ),
        Silent(T1_ROAD, phase=TP),
        Silent(TIR, phase=TP),
        Silent(T1_ROAD, _set(_commodity, "description_of_goods", "D" * 280), phase=TP),
    ),
)

# ------------------------------------------------------------------------------------------- E1109


def _e1109(ctx: Context[CC015C]) -> Iterator[Outcome]:
    yield from _format_check(ctx, "E1109", "n..11,3", _decimal(11, 3))


E1109 = Rule(
    "E1109",
    "Transition: gross and net masses have at most 11 digits, 3 of them decimals.",
    messages=IE015,
    phases=TRANSITION,
    error_code=50,
    checks="During the transition period the consignment's gross mass and every goods item's gross and net mass "
    "have at most 11 digits, at most 3 of them after the decimal point (n..11,3); trailing zeros after the point "
    "do not count.",
    why=_WHY_FORMAT,
    fix="Round the mass to 3 decimal places (grams) and keep it below 100 000 000 kg.",
    check=_e1109,
    cases=(
        Fires(
            T1_ROAD,
            _set(_consignment, "gross_mass", Decimal("1250.1234")),
            at=f"{_CONSIGNMENT}/grossMass",
            phase=TP,
            code=50,
            says="round it to at most 3",
        ),
        Fires(
            T1_ROAD,
            _set(_goods_measure, "net_mass", Decimal("123456789012")),
            at=f"{_ITEM}/Commodity/GoodsMeasure/netMass",
            phase=TP,
            says="at most 11 are allowed",
        ),
        Fires(
            T1_ROAD,
            _set(_goods_measure, "gross_mass", Decimal("0.0005")),
            at=f"{_ITEM}/Commodity/GoodsMeasure/grossMass",
            phase=TP,
        ),
        Silent(T1_ROAD, phase=TP),
        Silent(TIR, phase=TP),
        Silent(T1_ROAD, _set(_consignment, "gross_mass", Decimal("1250.123000")), phase=TP),
        Silent(T1_ROAD, _set(_goods_measure, "net_mass", Decimal("12345678.901")), phase=TP),
        Silent(T1_ROAD, _set(_goods_measure, "gross_mass", Decimal("0.5")), phase=TP),
    ),
)

# ------------------------------------------------------------------------------------------- E1111


def _e1111(ctx: Context[CC015C]) -> Iterator[Outcome]:
    yield from _format_check(ctx, "E1111", "n..5", _max_digits(5))


E1111 = Rule(
    "E1111",
    "Transition: numbers of packages have at most 5 digits.",
    messages=IE015,
    phases=TRANSITION,
    error_code=50,
    checks="During the transition period the number of packages of every packaging has at most 5 digits (n..5).",
    why=_WHY_FORMAT,
    fix="Keep the number of packages of one packaging below 100 000, or split the goods item.",
    check=_e1111,
    cases=(
        Fires(
            T1_ROAD,
            _set(_packaging, "number_of_packages", 100000),
            at=f"{_ITEM}/Packaging[1]/numberOfPackages",
            phase=TP,
            code=50,
            says="100000 has 6 digits",
        ),
        Silent(T1_ROAD, phase=TP),
        Silent(TIR, phase=TP),
        Silent(T1_ROAD, _set(_packaging, "number_of_packages", 99999), phase=TP),
    ),
)

# ------------------------------------------------------------------------------------------- E1114


def _e1114(ctx: Context[CC015C]) -> Iterator[Outcome]:
    yield from _format_check(ctx, "E1114", "an..17", _max_chars(17))


E1114 = Rule(
    "E1114",
    "Transition: the place of loading location has at most 17 characters.",
    messages=IE015,
    phases=TRANSITION,
    error_code=50,
    checks="During the transition period the location of the place of loading has at most 17 characters (an..17).",
    why=_WHY_FORMAT,
    fix="Shorten the location to 17 characters, or give the place's UN/LOCODE instead.",
    check=_e1114,
    cases=(
        Fires(
            T1_ROAD,
            _set(_place_of_loading, "location", "Hamburg-Waltershof"),
            at=f"{_CONSIGNMENT}/PlaceOfLoading/location",
            phase=TP,
            code=50,
            says="has format an..17",
        ),
        Silent(T1_ROAD, phase=TP),
        Silent(TIR, phase=TP),
        Silent(T1_ROAD, _set(_place_of_loading, "location", "Hamburg Waltersho"), phase=TP),
    ),
)

# ------------------------------------------------------------------------------------------- E1117


def _e1117(ctx: Context[CC015C]) -> Iterator[Outcome]:
    yield from _format_check(ctx, "E1117", "an..26", _max_chars(26))


E1117 = Rule(
    "E1117",
    "Transition: complements of information on goods item documents have at most 26 characters.",
    messages=IE015,
    phases=TRANSITION,
    error_code=50,
    checks="During the transition period the complement of information of every goods item's previous and "
    "supporting document has at most 26 characters (an..26).",
    why=_WHY_FORMAT,
    fix="Shorten the complement of information to 26 characters.",
    check=_e1117,
    cases=(
        Fires(
            T1_ROAD,
            _set(_item_previous_document, "complement_of_information", "C" * 27),
            at=f"{_ITEM}/PreviousDocument[1]/complementOfInformation",
            phase=TP,
            code=50,
            says="has format an..26",
        ),
        Fires(
            T1_ROAD,
            _set(_item_supporting_document, "complement_of_information", "C" * 35),
            at=f"{_ITEM}/SupportingDocument[1]/complementOfInformation",
            phase=TP,
        ),
        Silent(T1_ROAD, phase=TP),
        Silent(TIR, phase=TP),
        Silent(T1_ROAD, _set(_item_previous_document, "complement_of_information", "C" * 26), phase=TP),
        Silent(T1_ROAD, _set(_item_supporting_document, "complement_of_information", "C" * 26), phase=TP),
    ),
)

# ------------------------------------------------------------------------------------------- E1118

E1118 = Rule(
    "E1118",
    "Transition: guarantee access codes have exactly 4 characters.",
    messages=IE015,
    phases=TRANSITION,
    error_code=50,
    reason="the phase 5 schema already fixes 99 03 070 000 Access code at exactly 4 characters, so ncts5 reports "
    "any other length as a SCHEMA finding before any rule runs; no rule check is left to do",
    checks="The schema check: during the transition period, as after it, the access code of a guarantee reference "
    "has exactly 4 characters (an4).",
    why="The access code is the 4-character code that, with the GRN, lets the office of departure use the "
    "guarantee; the phase 4 message customs convert the declaration into holds exactly 4 characters.",
    fix="Copy the 4-character access code of the guarantee.",
    cases=(Undecided(T1_ROAD, phase=TP),),
)

# ------------------------------------------------------------------------------------------- E1301 levels


def _advice(xml_name: str) -> str:
    """Where the transition period wants a data item that it forbids at consignment or house consignment level."""
    if xml_name in {
        "PreviousDocument",
        "SupportingDocument",
        "TransportDocument",
        "AdditionalReference",
        "AdditionalInformation",
    }:
        return "file it on each goods item (house consignment item) it concerns"
    if xml_name in {"Consignor", "DepartureTransportMeans"}:
        return "file it once for the whole consignment (master level)"
    return "file it for the whole consignment (master level) or on the goods items"


def _e1301(ctx: Context[CC015C]) -> Iterator[Outcome]:
    for model, field in places(ctx, "E1301"):
        child = next(c for c in type(model).__xml_children__ if c.field == field)
        level = "house consignment" if type(model).__name__ == "HouseConsignment" else "consignment (master)"
        label = ctx.label(model, field)
        for index, _ in _values(model, field):
            yield ctx.violation(
                model,
                field,
                f"{WHEN} {label} may not be filed at {level} level: {_advice(child.xml_name)}",
                index=index,
            )


def _consignment_previous_document(m: CC015C) -> None:
    from ncts5.messages.cc015c import ConsignmentPreviousDocument

    m.consignment.previous_document = [
        ConsignmentPreviousDocument(sequence_number=1, type="N830", reference_number="26DE000000000123E1")
    ]


def _consignment_supporting_document(m: CC015C) -> None:
    from ncts5.messages.cc015c import ConsignmentSupportingDocument

    m.consignment.supporting_document = [
        ConsignmentSupportingDocument(sequence_number=1, type="N935", reference_number="I")
    ]


def _consignment_transport_document(m: CC015C) -> None:
    from ncts5.messages.cc015c import ConsignmentTransportDocument

    m.consignment.transport_document = [
        ConsignmentTransportDocument(sequence_number=1, type="N730", reference_number="C")
    ]


def _consignment_additional_reference(m: CC015C) -> None:
    from ncts5.messages.cc015c import ConsignmentAdditionalReference

    m.consignment.additional_reference = [ConsignmentAdditionalReference(sequence_number=1, type="Y023")]


def _consignment_additional_information_twice(m: CC015C) -> None:
    from ncts5.messages.cc015c import ConsignmentAdditionalInformation

    m.consignment.additional_information = [
        ConsignmentAdditionalInformation(sequence_number=i, code="30600") for i in (1, 2)
    ]


def _house_previous_document(m: CC015C) -> None:
    from ncts5.messages.cc015c import HouseConsignmentPreviousDocument

    _house(m).previous_document = [
        HouseConsignmentPreviousDocument(sequence_number=1, type="N337", reference_number="P")
    ]


def _house_consignor(m: CC015C) -> None:
    from ncts5.messages.cc015c import HouseConsignmentConsignor

    _house(m).consignor = HouseConsignmentConsignor(identification_number="DE1")


def _house_consignee(m: CC015C) -> None:
    from ncts5.messages.cc015c import HouseConsignmentConsignee

    _house(m).consignee = HouseConsignmentConsignee(identification_number="NL1")


def _house_departure_transport_means(m: CC015C) -> None:
    from ncts5.messages.cc015c import HouseConsignmentDepartureTransportMeans

    _house(m).departure_transport_means = [
        HouseConsignmentDepartureTransportMeans(
            sequence_number=1, type_of_identification="30", identification_number="HH1", nationality="DE"
        )
    ]


def _house_ucr(m: CC015C) -> None:
    _house(m).reference_number_ucr = "UCR-1"


def _house_country_of_destination(m: CC015C) -> None:
    _house(m).country_of_destination = "NL"


def _house_country_of_dispatch(m: CC015C) -> None:
    _house(m).country_of_dispatch = "DE"


def _house_transport_charges(m: CC015C) -> None:
    from ncts5.messages.cc015c import HouseConsignmentTransportCharges

    _house(m).transport_charges = HouseConsignmentTransportCharges(method_of_payment="A")


E1301 = Rule(
    "E1301",
    "Transition: data groups and items that may not be filed at consignment or house consignment level.",
    messages=IE015,
    phases=TRANSITION,
    error_code=50,
    checks="During the transition period the consignment declares no previous, supporting or transport document, "
    "additional reference or additional information, and a house consignment none of these nor a country of "
    "dispatch or destination, UCR, consignor, consignee, departure transport means or transport charges.",
    why="The phase 4 message customs convert the declaration into until TPendDate has no place for these data at "
    "those levels: documents and references belong to the goods items, consignor and departure transport means "
    "to the whole consignment.",
    fix="File documents, references and additional information on each goods item they concern, and consignor, "
    "consignee, transport means, countries, UCR and transport charges for the whole consignment (or on the goods "
    "items where the declaration guide allows it).",
    check=_e1301,
    cases=(
        Fires(
            T1_ROAD,
            _consignment_previous_document,
            at=f"{_CONSIGNMENT}/PreviousDocument[1]",
            phase=TP,
            code=50,
            says="may not be filed at consignment (master) level: file it on each goods item",
        ),
        Fires(T1_ROAD, _consignment_supporting_document, at=f"{_CONSIGNMENT}/SupportingDocument[1]", phase=TP),
        Fires(T1_ROAD, _consignment_transport_document, at=f"{_CONSIGNMENT}/TransportDocument[1]", phase=TP),
        Fires(T1_ROAD, _consignment_additional_reference, at=f"{_CONSIGNMENT}/AdditionalReference[1]", phase=TP),
        Fires(
            T1_ROAD,
            _consignment_additional_information_twice,
            at=(f"{_CONSIGNMENT}/AdditionalInformation[1]", f"{_CONSIGNMENT}/AdditionalInformation[2]"),
            phase=TP,
        ),
        Fires(T1_ROAD, _house_previous_document, at=f"{_HOUSE}/PreviousDocument[1]", phase=TP),
        Fires(
            T1_ROAD,
            _house_consignor,
            at=f"{_HOUSE}/Consignor",
            phase=TP,
            says="house consignment level: file it once for the whole consignment",
        ),
        Fires(T1_ROAD, _house_consignee, at=f"{_HOUSE}/Consignee", phase=TP),
        Fires(T1_ROAD, _house_departure_transport_means, at=f"{_HOUSE}/DepartureTransportMeans[1]", phase=TP),
        Fires(T1_ROAD, _house_ucr, at=f"{_HOUSE}/referenceNumberUCR", phase=TP, says="or on the goods items"),
        Fires(T1_ROAD, _house_country_of_destination, at=f"{_HOUSE}/countryOfDestination", phase=TP),
        Fires(T1_ROAD, _house_country_of_dispatch, at=f"{_HOUSE}/countryOfDispatch", phase=TP),
        Fires(T1_ROAD, _house_transport_charges, at=f"{_HOUSE}/TransportCharges", phase=TP),
        Silent(T1_ROAD, phase=TP),
        Silent(TIR, phase=TP),
    ),
)

# ------------------------------------------------------------------------------------------- multiplicities


def _max_occurs(ctx: Context[CC015C], rule_id: str, limit: int) -> Iterator[Outcome]:
    for model, field in places(ctx, rule_id):
        value = getattr(model, field)
        label = ctx.label(model, field)
        times = "once" if limit == 1 else f"{limit} times"
        for index in range(limit, len(value)):
            yield ctx.violation(
                model,
                field,
                f"{WHEN} {label} may occur at most {times} here: "
                f"remove occurrence {index + 1} or merge it into the first {'one' if limit == 1 else limit}",
                index=index,
            )


def _e1401(ctx: Context[CC015C]) -> Iterator[Outcome]:
    yield from _max_occurs(ctx, "E1401", 9)


def _previous_documents(count: int) -> Callable[[CC015C], None]:
    def change(m: CC015C) -> None:
        from ncts5.messages.cc015c import ConsignmentItemPreviousDocument

        _item(m).previous_document = [
            ConsignmentItemPreviousDocument(sequence_number=i, type="N830", reference_number=f"26DE00000000{i:04}E1")
            for i in range(1, count + 1)
        ]

    change.__name__ = f"{count}_previous_documents_on_item_1"
    return change


E1401 = Rule(
    "E1401",
    "Transition: at most 9 previous documents per goods item.",
    messages=IE015,
    phases=TRANSITION,
    error_code=50,
    checks="During the transition period a goods item has at most 9 previous documents.",
    why="The phase 4 message customs convert the declaration into until TPendDate holds at most 9 previous "
    "documents per goods item.",
    fix="Keep the 9 previous documents that matter, or split the goods item.",
    check=_e1401,
    cases=(
        Fires(
            T1_ROAD,
            _previous_documents(11),
            at=(f"{_ITEM}/PreviousDocument[10]", f"{_ITEM}/PreviousDocument[11]"),
            phase=TP,
            code=50,
            says="at most 9 times",
        ),
        Silent(T1_ROAD, phase=TP),
        Silent(TIR, phase=TP),
        Silent(T1_ROAD, _previous_documents(9), phase=TP),
    ),
)


def _e1406(ctx: Context[CC015C]) -> Iterator[Outcome]:
    yield from _max_occurs(ctx, "E1406", 1)


def _second_house_consignment(m: CC015C) -> None:
    m.consignment.house_consignment.append(_house(m).model_copy(deep=True))


def _two_border_means(m: CC015C) -> None:
    from ncts5.messages.cc015c import ActiveBorderTransportMeans

    m.consignment.active_border_transport_means = [
        ActiveBorderTransportMeans(sequence_number=i, identification_number=f"SHIP{i}") for i in (1, 2)
    ]


def _two_dangerous_goods(m: CC015C) -> None:
    from ncts5.messages.cc015c import DangerousGoods

    _item(m).commodity.dangerous_goods = [
        DangerousGoods(sequence_number=i, un_number=n) for i, n in ((1, "1202"), (2, "1203"))
    ]


def _one_border_means_and_one_dangerous_goods(m: CC015C) -> None:
    from ncts5.messages.cc015c import DangerousGoods

    _border_means(m)
    _item(m).commodity.dangerous_goods = [DangerousGoods(sequence_number=1, un_number="1202")]


E1406 = Rule(
    "E1406",
    "Transition: only one house consignment, one active border transport means and one dangerous goods entry "
    "per goods item.",
    messages=IE015,
    phases=TRANSITION,
    error_code=50,
    checks="During the transition period the declaration has one house consignment and at most one active border "
    "transport means, and each goods item at most one DANGEROUS GOODS entry.",
    why="The phase 4 message customs convert the declaration into until TPendDate knows no house consignments and "
    "holds one active border transport means and one UN number per goods item.",
    fix="Lodge one declaration per house consignment, declare the means crossing the border only, and split goods "
    "items that contain several dangerous substances.",
    check=_e1406,
    cases=(
        Fires(
            T1_ROAD,
            _second_house_consignment,
            at=f"{_CONSIGNMENT}/HouseConsignment[2]",
            phase=TP,
            code=50,
            says="at most once",
        ),
        Fires(T1_ROAD, _two_border_means, at=f"{_CONSIGNMENT}/ActiveBorderTransportMeans[2]", phase=TP),
        Fires(T1_ROAD, _two_dangerous_goods, at=f"{_ITEM}/Commodity/DangerousGoods[2]", phase=TP),
        Silent(T1_ROAD, phase=TP),
        Silent(TIR, phase=TP),
        Silent(T1_ROAD, _one_border_means_and_one_dangerous_goods, phase=TP),
    ),
)

DOCUMENT_LIMIT = 99


def _e1407(ctx: Context[CC015C]) -> Iterator[Outcome]:
    fields = ("supporting_document", "transport_document", "additional_reference")
    for house in ctx.message.consignment.house_consignment:
        for item in house.consignment_item:
            seen = 0
            for field in fields:
                for index in range(len(getattr(item, field))):
                    seen += 1
                    if seen > DOCUMENT_LIMIT:
                        yield ctx.violation(
                            item,
                            field,
                            f"{WHEN} goods item {item.goods_item_number} may carry at most {DOCUMENT_LIMIT} supporting "
                            f"documents, transport documents and additional references together: remove "
                            f"{ctx.label(item, field)} occurrence {index + 1} or move references into fewer entries",
                            index=index,
                        )


def _documents(supporting: int, transport: int, references: int, *, items: int = 1) -> Callable[[CC015C], None]:
    """A change giving the first ``items`` goods items that many documents of each kind."""

    def change(m: CC015C) -> None:
        from ncts5.messages.cc015c import (
            ConsignmentItemAdditionalReference,
            ConsignmentItemSupportingDocument,
            ConsignmentItemTransportDocument,
        )

        for item in _house(m).consignment_item[:items]:
            item.supporting_document = [
                ConsignmentItemSupportingDocument(sequence_number=i, type="N935", reference_number=f"S{i}")
                for i in range(1, supporting + 1)
            ]
            item.transport_document = [
                ConsignmentItemTransportDocument(sequence_number=i, type="N730", reference_number=f"T{i}")
                for i in range(1, transport + 1)
            ]
            item.additional_reference = [
                ConsignmentItemAdditionalReference(sequence_number=i, type="Y923") for i in range(1, references + 1)
            ]

    change.__name__ = (
        f"{supporting}_supporting_{transport}_transport_documents_{references}_references_on_{items}_items"
    )
    return change


E1407 = Rule(
    "E1407",
    "Transition: at most 99 supporting documents, transport documents and additional references together per "
    "goods item.",
    messages=IE015,
    phases=TRANSITION,
    error_code=50,
    checks="During the transition period a goods item has at most 99 supporting documents, transport documents and "
    "additional references together.",
    why="The phase 4 message customs convert the declaration into until TPendDate holds these as one list of at "
    "most 99 documents per goods item.",
    fix="Keep at most 99 documents and references per goods item, or split the goods item.",
    check=_e1407,
    cases=(
        Fires(
            T1_ROAD,
            _documents(40, 40, 21),
            at=(f"{_ITEM}/AdditionalReference[20]", f"{_ITEM}/AdditionalReference[21]"),
            phase=TP,
            code=50,
            says="at most 99",
        ),
        Silent(T1_ROAD, phase=TP),
        Silent(TIR, phase=TP),
        Silent(T1_ROAD, _documents(40, 40, 19, items=2), phase=TP),
    ),
)
