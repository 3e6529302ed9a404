"""Generic rules the tables attach to many paths: sequence numbers and the end of the transition period.

These checks do not name their paths: they walk the message and act on every field
whose table entry carries the rule id, so they cover each place the IE015 and IE170
tables name them, and only those.

Each rule is one :class:`~ncts5.rules.declaration.Rule` value named by its id, with its check and
its example cases just above it (see :mod:`ncts5.rules.declaration`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import cache
from typing import TYPE_CHECKING, Any

from ncts5.messages.meta import Child, XmlModel
from ncts5.rules.context import Context, Outcome, routes
from ncts5.rules.declaration import FINAL, IE015, IE015_IE170, P5_P6, Fires, Rule, Silent, Undecided
from ncts5.rules.examples import IE170_PRESENTATION, T1_ROAD, TIR

if TYPE_CHECKING:
    from ncts5.messages.cc015c import CC015C
    from ncts5.messages.cc170c import CC170C

_CONSIGNMENT = "/CC015C/Consignment"
_ITEM = f"{_CONSIGNMENT}/HouseConsignment[1]/ConsignmentItem"
_REFERENCE = "/CC015C/Guarantee[1]/GuaranteeReference[1]"


@cache
def _numbered_groups(cls: type[XmlModel]) -> tuple[Child, ...]:
    """The repeated data groups of ``cls`` whose sequence number the tables subject to R0987."""
    return tuple(c for c in cls.__xml_children__ if c.repeated and c.model is not None and _numbered(c.model))


@cache
def _b2101_fields(cls: type[XmlModel]) -> tuple[Child, ...]:
    """The fields of ``cls`` whose table entry carries B2101."""
    return tuple(c for c in cls.__xml_children__ if "B2101" in c.item.rules)


def _numbered(cls: type[XmlModel]) -> bool:
    """Whether the data group's sequence number is one the tables subject to R0987."""
    by_name = cls.__xml_by_name__.get("sequenceNumber")
    return by_name is not None and "R0987" in by_name.item.rules


# ------------------------------------------------------------------------------------------- R0987


def _r0987(ctx: Context[CC015C | CC170C]) -> Iterator[Outcome]:
    # Every data group class of the message that holds numbered repeated groups, at every place it sits.
    for cls in routes(type(ctx.message)):
        groups = _numbered_groups(cls)
        if not groups:
            continue
        for model in ctx.instances(cls):
            for child in groups:
                iterations: list[Any] = getattr(model, child.field)
                for position, group in enumerate(iterations, 1):
                    if group.sequence_number != position:
                        yield ctx.violation(
                            group,
                            "sequence_number",
                            f"iteration {position} of {child.item.description} has sequence number "
                            f"{group.sequence_number}: number iterations 1, 2, 3, ... in order, so set it to "
                            f"{position}",
                        )


def _guarantee_reference_numbered_2(m: CC015C) -> None:
    m.guarantee[0].guarantee_reference[0].sequence_number = 2


def _second_packaging_numbered_1(m: CC015C) -> None:
    from ncts5.messages.cc015c import Packaging

    item = m.consignment.house_consignment[0].consignment_item[1]
    item.packaging.append(Packaging(sequence_number=1, type_of_packages="CT", number_of_packages=2))


def _transport_means_3_and_house_consignment_7(m: CC015C) -> None:
    m.consignment.departure_transport_means[0].sequence_number = 3
    m.consignment.house_consignment[0].sequence_number = 7


def _seals_numbered_1_and_3(m: CC170C) -> None:
    from ncts5.messages.cc170c import Seal, TransportEquipment

    m.consignment.transport_equipment = [
        TransportEquipment(
            sequence_number=1,
            number_of_seals=2,
            seal=[Seal(sequence_number=1, identifier="S1"), Seal(sequence_number=3, identifier="S2")],
        )
    ]


R0987 = Rule(
    "R0987",
    "Sequence numbers of a repeated data group run 1, 2, 3, ... in document order.",
    messages=IE015_IE170,
    checks="In every repeated data group the tables number, the iterations' sequence numbers are 1, 2, 3, ... "
    "in the order they appear.",
    why="Sequence numbers identify an iteration in customs' replies and amendments (a rejection names goods "
    "item 2, seal 3); gaps, repeats or a wrong order make those references ambiguous.",
    fix="Renumber each repeated data group from 1 upwards in the order of its iterations.",
    check=_r0987,
    cases=(
        Fires(T1_ROAD, _guarantee_reference_numbered_2, at=f"{_REFERENCE}/sequenceNumber", code=14, says="set it to 1"),
        Fires(T1_ROAD, _second_packaging_numbered_1, at=f"{_ITEM}[2]/Packaging[2]/sequenceNumber"),
        Fires(
            T1_ROAD,
            _transport_means_3_and_house_consignment_7,
            at=(
                f"{_CONSIGNMENT}/DepartureTransportMeans[1]/sequenceNumber",
                f"{_CONSIGNMENT}/HouseConsignment[1]/sequenceNumber",
            ),
        ),
        Fires(
            IE170_PRESENTATION,
            _seals_numbered_1_and_3,
            at="/CC170C/Consignment/TransportEquipment[1]/Seal[2]/sequenceNumber",
        ),
        Silent(T1_ROAD),
        Silent(TIR),
        Silent(IE170_PRESENTATION),
    ),
    releases=P5_P6,
)

# ------------------------------------------------------------------------------------------- B2101


def _b2101(ctx: Context[CC015C]) -> Iterator[Outcome]:
    for cls in routes(type(ctx.message)):
        fields = _b2101_fields(cls)
        if not fields:
            continue
        for model in ctx.instances(cls):
            for child in fields:
                value = getattr(model, child.field)
                if value is None or (child.repeated and not value):
                    yield ctx.violation(
                        model,
                        child.field,
                        f"since the end of the transition period this is required: provide "
                        f"{ctx.label(model, child.field)}",
                        code=13,
                    )


def _no_amount_to_be_covered(m: CC015C) -> None:
    m.guarantee[0].guarantee_reference[0].amount_to_be_covered = None


def _no_goods_measure_and_no_gross_mass(m: CC015C) -> None:
    items = m.consignment.house_consignment[0].consignment_item
    items[0].commodity.goods_measure = None
    measure = items[1].commodity.goods_measure
    if measure is not None:
        measure.gross_mass = None


def _transport_means_without(field: str) -> Callable[[CC015C], None]:
    def change(m: CC015C) -> None:
        setattr(m.consignment.departure_transport_means[0], field, None)

    change.__name__ = f"departure_transport_means_without_{field}"
    return change


_MEANS = f"{_CONSIGNMENT}/DepartureTransportMeans[1]"

B2101 = Rule(
    "B2101",
    "After the transition period the data items it relaxed (transport means, amounts, goods measure) are required.",
    messages=IE015,
    phases=FINAL,
    checks="Once the transition period is over, every data item the tables mark with B2101 is present: the amount "
    "to be covered, each goods item's goods measure and gross mass, the departure and active border transport "
    "means' identification, nationality and office at border.",
    why="During the transition period customs accept declarations converted from NCTS phase 4, which lack these "
    "items; after TPendDate every declaration is a phase 5 one and must carry them.",
    fix="Provide the data item the finding names.",
    check=_b2101,
    cases=(
        Fires(T1_ROAD, _no_amount_to_be_covered, at=f"{_REFERENCE}/amountToBeCovered", code=13, says="provide"),
        Fires(
            T1_ROAD,
            _no_goods_measure_and_no_gross_mass,
            at=(f"{_ITEM}[1]/Commodity/GoodsMeasure", f"{_ITEM}[2]/Commodity/GoodsMeasure/grossMass"),
        ),
        Fires(T1_ROAD, _transport_means_without("type_of_identification"), at=f"{_MEANS}/typeOfIdentification"),
        Fires(T1_ROAD, _transport_means_without("identification_number"), at=f"{_MEANS}/identificationNumber"),
        Fires(T1_ROAD, _transport_means_without("nationality"), at=f"{_MEANS}/nationality"),
        Silent(T1_ROAD),
        Silent(TIR),
    ),
)

# ------------------------------------------------------------------------------------------- not checkable

G0002 = Rule(
    "G0002",
    "The schema gives this data item a pattern of its own rather than the usual one for its format.",
    messages=IE015_IE170,
    reason="informational: the pattern is the schema's and ncts5 enforces it when it reads the message (a value "
    "that breaks it is a SCHEMA finding), so no rule check is left to make",
    checks="Nothing beyond the schema: the data item's XSD pattern differs from the one its format usually has.",
    why="Customs reject a value that breaks the schema pattern; ncts5 reports that as a SCHEMA finding.",
    fix="Write the value as the schema's pattern requires (the SCHEMA finding says which).",
    cases=(Undecided(T1_ROAD), Undecided(IE170_PRESENTATION)),
    releases=P5_P6,
)

G0021 = Rule(
    "G0021",
    "Zero is an allowed value for this number.",
    messages=IE015_IE170,
    reason="informational: it permits the value 0 and forbids nothing, so there is nothing the message could break",
    checks="Nothing: the rule only says that 0 is a valid value here.",
    why="Customs never reject a declaration for it; it tells declarants that 0 is not a missing value.",
    fix="Nothing to fix.",
    cases=(Undecided(T1_ROAD), Undecided(IE170_PRESENTATION)),
    releases=P5_P6,
)
