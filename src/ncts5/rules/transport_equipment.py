"""Rules on TRANSPORT EQUIPMENT (containers), its SEALs and GOODS REFERENCEs.

Transport equipment (19 07 000 000) records containers and sealed non-containerised loads; each
instance counts its seals (19 10 068 000), lists them (19 10 000 000) and says which goods items it
carries (19 07 044 000).  The same checks serve IE015 and IE170 where both tables name a rule.

Each rule is one :class:`~ncts5.rules.declaration.Rule` value named by its id, with its check and
its example cases just above it (see :mod:`ncts5.rules.declaration`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ncts5.rules.context import Context, Outcome
from ncts5.rules.declaration import (
    IE015,
    IE015_IE170,
    IE170,
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
from ncts5.rules.kit import field_label, is_ie015, stated

if TYPE_CHECKING:
    from ncts5.messages import cc015c, cc170c
    from ncts5.messages.cc015c import CC015C
    from ncts5.messages.cc170c import CC170C
    from ncts5.messages.p6.cc015c import CC015C as P6CC015C
    from ncts5.messages.p6.cc170c import CC170C as P6CC170C

#: Authorisation type for the use of seals of a special type (CL235).
SEALS_AUTHORISATION = "C523"
#: Authorisation type of the authorised consignor, the simplified transit procedure (CL235).
AUTHORISED_CONSIGNOR = "C521"

_TE = "/CC015C/Consignment/TransportEquipment"
_TE_170 = "/CC170C/Consignment/TransportEquipment"


@dataclass(frozen=True)
class _Equipment:
    """A transport equipment of a rule example: container number, seal identifiers, goods item numbers.

    Built into the message's model only when a case runs (loading the rules loads no message models).
    """

    seq: int = 1
    container: str | None = "MSCU1234567"
    seals: tuple[str, ...] = ()
    refs: tuple[int, ...] = ()

    def ie015(self) -> cc015c.TransportEquipment:
        from ncts5.messages.cc015c import GoodsReference, Seal, TransportEquipment

        return TransportEquipment(
            sequence_number=self.seq,
            container_identification_number=self.container,
            number_of_seals=len(self.seals),
            seal=[Seal(sequence_number=i, identifier=s) for i, s in enumerate(self.seals, 1)],
            goods_reference=[
                GoodsReference(sequence_number=i, declaration_goods_item_number=n) for i, n in enumerate(self.refs, 1)
            ],
        )

    def ie170(self) -> cc170c.TransportEquipment:
        from ncts5.messages.cc170c import GoodsReference, Seal, TransportEquipment

        return TransportEquipment(
            sequence_number=self.seq,
            container_identification_number=self.container,
            number_of_seals=len(self.seals),
            seal=[Seal(sequence_number=i, identifier=s) for i, s in enumerate(self.seals, 1)],
            goods_reference=[
                GoodsReference(sequence_number=i, declaration_goods_item_number=n) for i, n in enumerate(self.refs, 1)
            ],
        )


def _containers(*equipment: _Equipment) -> Callable[[CC015C], None]:
    """A change declaring containers (container indicator 1) carried by ``equipment``."""

    def change(m: CC015C) -> None:
        m.consignment.container_indicator = "1"
        m.consignment.transport_equipment = [e.ie015() for e in equipment]

    return change


def _named(name: str, change: Callable[[CC015C], None]) -> Callable[[CC015C], None]:
    change.__name__ = name
    return change


def _first_seal_count(count: int) -> Callable[[CC015C], None]:
    """A change setting the TIR example's number of seals (it has one seal, numbered 1)."""

    def change(m: CC015C) -> None:
        m.consignment.transport_equipment[0].number_of_seals = count

    change.__name__ = f"number_of_seals_{count}"
    return change


def _unsealed(m: CC015C | P6CC015C) -> None:
    """The TIR example's transport equipment without its seal: neither container nor sealed."""
    te = m.consignment.transport_equipment[0]
    te.number_of_seals, te.seal = 0, []


# ------------------------------------------------------------------------------------------- C0055


def _c0055(ctx: Context[CC015C | CC170C]) -> Iterator[Outcome]:
    c = ctx.message.consignment
    equipment = c.transport_equipment
    indicator = ctx.label(c, "container_indicator")
    if c.container_indicator == "0":
        for te in equipment:
            if te.container_identification_number is not None:
                yield ctx.violation(
                    te,
                    "container_identification_number",
                    f"{indicator} is 0 (no containers): remove {ctx.label(te, 'container_identification_number')} "
                    f"or set the container indicator to 1",
                    code=15,
                )
    elif (
        c.container_indicator == "1"
        and equipment
        and all(te.container_identification_number is None for te in equipment)
    ):
        te = equipment[0]
        yield ctx.violation(
            te,
            "container_identification_number",
            f"{indicator} is 1 (containers): provide {ctx.label(te, 'container_identification_number')} "
            f"for at least one transport equipment",
            code=13,
        )


def _container_number_without_containers(m: CC015C) -> None:
    m.consignment.transport_equipment[0].container_identification_number = "MSCU1234567"


def _ie170_container_number_without_containers(m: CC170C) -> None:
    m.consignment.transport_equipment = [_Equipment().ie170()]


C0055 = Rule(
    "C0055",
    "Container numbers are not allowed without containers, and at least one is required with them.",
    messages=IE015_IE170,
    checks="With 19 01 000 000 Container indicator 0 no transport equipment gives a 19 07 063 000 Container "
    "identification number; with indicator 1 at least one does.",
    why="The container indicator says whether the goods travel in containers; container numbers contradict "
    "an indicator 0, and containers without any number cannot be identified.",
    fix="Set the container indicator to match the goods, and give the number of each container.",
    check=_c0055,
    cases=(
        Fires(TIR, _container_number_without_containers, at=f"{_TE}[1]/containerIdentificationNumber", code=15),
        Fires(
            T1_ROAD,
            _named(
                "containers_without_numbers",
                _containers(_Equipment(1, None, refs=(1,)), _Equipment(2, None, refs=(2,))),
            ),
            at=f"{_TE}[1]/containerIdentificationNumber",
            code=13,
        ),
        Fires(
            IE170_PRESENTATION,
            _ie170_container_number_without_containers,
            at=f"{_TE_170}[1]/containerIdentificationNumber",
        ),
        Silent(TIR),
        Silent(
            T1_ROAD,
            _named(
                "a_container_and_a_sealed_load",
                _containers(_Equipment(1, refs=(1,)), _Equipment(2, None, ("S1",), refs=(2,))),
            ),
        ),
    ),
    releases=P5_P6,
)

# ------------------------------------------------------------------------------------------- C0670, G0670


def _c0670(ctx: Context[CC015C | CC170C]) -> Iterator[Outcome]:
    equipment = ctx.message.consignment.transport_equipment
    if len(equipment) == 1 and equipment[0].container_identification_number is not None:
        return
    for te in equipment:
        if not te.goods_reference:
            why = (
                "there is more than one transport equipment"
                if len(equipment) > 1
                else "the transport equipment is not a container"
            )
            yield ctx.violation(
                te,
                "goods_reference",
                f"{why}: add {ctx.label(te, 'goods_reference')} for each goods item it carries",
                code=13,
            )


def _ie170_second_container_without_references(m: CC170C) -> None:
    m.consignment.container_indicator = "1"
    m.consignment.transport_equipment = [_Equipment(1, refs=(1,)).ie170(), _Equipment(2, "MSCU7654321").ie170()]


def _goods_reference(m: CC015C) -> None:
    from ncts5.messages.cc015c import GoodsReference

    reference = GoodsReference(sequence_number=1, declaration_goods_item_number=1)
    m.consignment.transport_equipment[0].goods_reference = [reference]


_ONE_CONTAINER = _named("one_container", _containers(_Equipment()))
_SECOND_CONTAINER_WITHOUT_REFERENCES = _named(
    "second_container_without_references", _containers(_Equipment(1, refs=(1,)), _Equipment(2, "MSCU7654321"))
)

C0670 = Rule(
    "C0670",
    "Goods references are required unless the only transport equipment is one container.",
    messages=IE015_IE170,
    checks="Each transport equipment lists its 19 07 044 000 GOODS REFERENCE, unless the declaration has a "
    "single transport equipment and it is a container.",
    why="With several containers or sealed loads customs must know which goods are in which, to control and "
    "release them; a single container evidently holds all the goods.",
    fix="For each transport equipment, list the declaration goods item numbers of the goods it carries.",
    check=_c0670,
    cases=(
        Fires(TIR, at=f"{_TE}[1]/GoodsReference", code=13, says="not a container"),
        Fires(T1_ROAD, _SECOND_CONTAINER_WITHOUT_REFERENCES, at=f"{_TE}[2]/GoodsReference"),
        Fires(IE170_PRESENTATION, _ie170_second_container_without_references, at=f"{_TE_170}[2]/GoodsReference"),
        Silent(T1_ROAD, _ONE_CONTAINER),
        Silent(TIR, _goods_reference),
    ),
)


def _c0670_p6(ctx: Context[P6CC015C | P6CC170C]) -> Iterator[Outcome]:
    equipment = ctx.message.consignment.transport_equipment
    if len(equipment) < 2:
        return
    for te in equipment:
        if not te.goods_reference:
            yield ctx.violation(
                te,
                "goods_reference",
                f"there is more than one transport equipment: add {ctx.label(te, 'goods_reference')} for each goods "
                "item it carries",
                code=13,
            )


def _two_sealed_loads(m: CC015C) -> None:
    """Two sealed loads (no container), neither listing its goods."""
    m.consignment.transport_equipment = [
        _Equipment(1, None, seals=("DE-1",)).ie015(),
        _Equipment(2, None, seals=("DE-2",)).ie015(),
    ]


C0670_P6 = Rule(
    "C0670",
    "Goods references are required when there is more than one transport equipment.",
    messages=IE015_IE170,
    releases=P6,
    checks="When the declaration has more than one transport equipment, each lists its 19 07 044 000 GOODS "
    "REFERENCE; a single transport equipment may omit them.  Unlike Phase 5, a single transport equipment "
    "without a container number (a sealed load) no longer needs them.",
    why="With several containers or sealed loads customs must know which goods are in which, to control and "
    "release them; a single container or sealed load evidently holds all the goods.",
    fix="For each transport equipment, list the declaration goods item numbers of the goods it carries.",
    check=_c0670_p6,
    cases=(
        Fires(
            T1_ROAD, _SECOND_CONTAINER_WITHOUT_REFERENCES, at=f"{_TE}[2]/GoodsReference", code=13, says="more than one"
        ),
        Fires(T1_ROAD, _two_sealed_loads, at=(f"{_TE}[1]/GoodsReference", f"{_TE}[2]/GoodsReference")),
        Fires(IE170_PRESENTATION, _ie170_second_container_without_references, at=f"{_TE_170}[2]/GoodsReference"),
        Silent(TIR),
        Silent(T1_ROAD, _ONE_CONTAINER),
        Silent(
            T1_ROAD,
            _named("two_listed", _containers(_Equipment(1, refs=(1,)), _Equipment(2, "MSCU7654321", refs=(2,)))),
        ),
    ),
)

G0670 = Rule(
    "G0670",
    "Goods references list every goods item in the container or under the seals (omitted for a single container).",
    messages=IE015_IE170,
    reason="needs the goods themselves (an examination at the office of departure): which goods items are loaded "
    "in which container or under which seals is not in the message",
    checks="Nothing the message can show: the goods references of each transport equipment name all the goods "
    "items it really carries.",
    why="Customs rely on the goods references to find goods in a container or sealed load; a missing item "
    "could not be found, an extra one would be searched for in vain.",
    fix="List, for each container or sealed load, every goods item loaded in it.",
    cases=(Undecided(T1_ROAD), Undecided(IE170_PRESENTATION)),
    releases=P5_P6,
)

# ------------------------------------------------------------------------------------------- R0010

R0010 = Rule(
    "R0010",
    "Containers under F50/F51: each transport equipment carries goods items of one house consignment only.",
    messages=IE170,
    releases=P6,
    reason="needs the pre-lodged IE015 held by NCTS: the IE170 carries neither 11 04 000 000 Specific "
    "circumstance indicator (F50, F51) nor the goods items of its house consignments, so neither the condition "
    "nor which house consignment a goods reference belongs to is in the message",
    checks="When 19 01 000 000 Container indicator is 1 and the declaration's specific circumstance indicator "
    "is F50 or F51, the goods items each transport equipment lists all belong to the same house consignment.",
    why="Under the specific circumstances F50/F51 each house consignment is handled on its own, so a container "
    "must not mix goods of several house consignments.",
    fix="Load (and list) only the goods items of one house consignment in each container.",
    cases=(Undecided(IE170_PRESENTATION),),
)

# ------------------------------------------------------------------------------------------- G0006


def _g0006(ctx: Context[CC015C | CC170C]) -> Iterator[Outcome]:
    msg = ctx.message
    refs = [ref for te in msg.consignment.transport_equipment for ref in te.goods_reference]
    if not refs:
        return
    if not is_ie015(msg):
        yield ctx.unchecked(
            "needs the goods items of the pre-lodged IE015 declaration, which this message does not carry",
            ctx.path(refs[0], "declaration_goods_item_number"),
        )
        return
    label = field_label(
        ctx.group("Consignment", "HouseConsignment", "ConsignmentItem"), "declaration_goods_item_number"
    )
    items = {
        item.declaration_goods_item_number for h in msg.consignment.house_consignment for item in h.consignment_item
    }
    for ref in refs:
        if ref.declaration_goods_item_number not in items:
            yield ctx.violation(
                ref,
                "declaration_goods_item_number",
                f"no consignment item has {label} {ref.declaration_goods_item_number}: use the number of a declared "
                f"goods item ({', '.join(str(n) for n in sorted(items))})",
            )


def _ie170_container_with_reference(m: CC170C) -> None:
    m.consignment.transport_equipment = [_Equipment(refs=(7,)).ie170()]


G0006 = Rule(
    "G0006",
    "Goods references name declaration goods item numbers that exist in the declaration.",
    messages=IE015_IE170,
    checks="Each 19 07 044 000 Declaration goods item number of a goods reference is the declaration goods "
    "item number of a goods item of the declaration.",
    why="A goods reference ties a container or sealed load to goods items; a number no goods item has ties "
    "it to nothing.",
    fix="Use the declaration goods item numbers of the goods items actually declared.",
    check=_g0006,
    cases=(
        Fires(
            T1_ROAD,
            _named("reference_to_goods_item_3", _containers(_Equipment(1, refs=(1, 3)))),
            at=f"{_TE}[1]/GoodsReference[2]/declarationGoodsItemNumber",
            says="11 11 000 000 Declaration goods item number 3",
        ),
        Silent(T1_ROAD, _named("references_to_goods_items_1_2", _containers(_Equipment(1, refs=(1, 2))))),
        Undecided(
            IE170_PRESENTATION,
            _ie170_container_with_reference,
            at=f"{_TE_170}[1]/GoodsReference[1]/declarationGoodsItemNumber",
        ),
    ),
    releases=P5_P6,
)

# ------------------------------------------------------------------------------------------- C0569


def _c0569(ctx: Context[CC015C | CC170C]) -> Iterator[Outcome]:
    for te in ctx.message.consignment.transport_equipment:
        count = ctx.label(te, "number_of_seals")
        if te.number_of_seals > 0 and not te.seal:
            yield ctx.violation(
                te,
                "seal",
                f"{count} is {te.number_of_seals}: list each seal in {ctx.label(te, 'seal')}",
                code=13,
            )
        elif te.number_of_seals == 0:
            for i, _ in enumerate(te.seal):
                yield ctx.violation(
                    te,
                    "seal",
                    f"{count} is 0: remove {ctx.label(te, 'seal')} or give the number of seals",
                    code=15,
                    index=i,
                )


def _seals_not_listed(m: CC015C) -> None:
    m.consignment.transport_equipment[0].seal = []


def _ie170_seal_not_counted(m: CC170C) -> None:
    te = _Equipment(seals=("S1",)).ie170()
    te.number_of_seals = 0
    m.consignment.transport_equipment = [te]


C0569 = Rule(
    "C0569",
    "Seals are listed exactly when the number of seals is greater than 0.",
    messages=IE015_IE170,
    checks="A transport equipment with 19 10 068 000 Number of seals above 0 lists its 19 10 000 000 SEAL; "
    "one with 0 seals lists none.",
    why="Customs check the seals by their identifiers at destination; a count without the seals, or seals "
    "without a count, cannot be checked.",
    fix="List each seal's identifier and give their number, or remove the seals of an unsealed equipment.",
    check=_c0569,
    cases=(
        Fires(TIR, _seals_not_listed, at=f"{_TE}[1]/Seal", code=13),
        Fires(TIR, _first_seal_count(0), at=f"{_TE}[1]/Seal[1]", code=15),
        Fires(IE170_PRESENTATION, _ie170_seal_not_counted, at=f"{_TE_170}[1]/Seal[1]"),
        Silent(TIR),
        Silent(T1_ROAD, _ONE_CONTAINER),
    ),
    releases=P5_P6,
)

# ------------------------------------------------------------------------------------------- R0106, B1832


def _r0106(ctx: Context[CC015C | CC170C]) -> Iterator[Outcome]:
    for te in ctx.message.consignment.transport_equipment:
        highest = max((s.sequence_number for s in te.seal), default=0)
        if te.number_of_seals != highest:
            yield ctx.violation(
                te,
                "number_of_seals",
                f"{ctx.label(te, 'number_of_seals')} is {te.number_of_seals} but the seals are numbered up to "
                f"{highest}: make the number of seals equal to the last seal's sequence number",
            )


def _ie170_seals_numbered_1_and_3(m: CC170C) -> None:
    te = _Equipment(seals=("S1", "S2")).ie170()
    te.seal[1].sequence_number = 3
    m.consignment.transport_equipment = [te]


R0106 = Rule(
    "R0106",
    "The number of seals equals the highest seal sequence number of that transport equipment.",
    messages=IE015_IE170,
    checks="19 10 068 000 Number of seals of each transport equipment equals the sequence number of its last seal.",
    why="The seals are numbered 1, 2, 3 ...; a count that differs from the last number means a seal is missing "
    "from the list or counted twice.",
    fix="Make the number of seals equal to the number of seals listed, numbered from 1 without gaps.",
    check=_r0106,
    cases=(
        Fires(TIR, _first_seal_count(2), at=f"{_TE}[1]/numberOfSeals", code=14),
        Fires(IE170_PRESENTATION, _ie170_seals_numbered_1_and_3, at=f"{_TE_170}[1]/numberOfSeals", says="up to 3"),
        Silent(TIR),
    ),
    releases=P5_P6,
)

B1832 = Rule(
    "B1832",
    "Transition period: R0106 (number of seals equals the last seal number) is switched off.",
    messages=IE015,
    phases=TRANSITION,
    error_code=50,
    suspends=("R0106",),
    checks="Nothing of its own: during the transition period it switches R0106 off.",
    why="Until TPendDate customs convert the declaration to the phase 4 message, which counts seals without "
    "numbering them, so the count cannot be compared with a last seal number.",
    fix="Nothing to fix; give the number of seals as the seals show.",
    cases=(Suspends(TIR, _first_seal_count(2)),),
)

# ------------------------------------------------------------------------------------------- R0107


def _r0107(ctx: Context[CC015C | CC170C]) -> Iterator[Outcome]:
    first_seen: dict[str, str] = {}
    for te in ctx.message.consignment.transport_equipment:
        for seal in te.seal:
            here = ctx.path(seal, "identifier")
            where = first_seen.setdefault(seal.identifier, here)
            if where != here:
                yield ctx.violation(
                    seal,
                    "identifier",
                    f"{ctx.label(seal, 'identifier')} {seal.identifier!r} is already declared at {where}: "
                    "each seal is listed once; correct or remove the duplicate",
                )


def _ie170_one_seal_twice(m: CC170C) -> None:
    m.consignment.transport_equipment = [_Equipment(seals=("S1", "S1")).ie170()]


R0107 = Rule(
    "R0107",
    "Each seal identifier is used only once in the whole declaration.",
    messages=IE015_IE170,
    checks="No 19 10 015 000 Identifier of a seal occurs twice, in the same or in different transport equipment.",
    why="A seal is one physical object with its own number; the same number twice is a typing error or a "
    "seal counted twice.",
    fix="Correct the identifier of the duplicate seal, or remove it.",
    check=_r0107,
    cases=(
        Fires(
            T1_ROAD,
            _named(
                "seal_s1_on_two_containers",
                _containers(
                    _Equipment(1, "MSCU1234567", ("S1", "S2"), (1,)), _Equipment(2, "MSCU7654321", ("S3", "S1"), (2,))
                ),
            ),
            at=f"{_TE}[2]/Seal[2]/identifier",
            code=14,
            says=f"{_TE}[1]/Seal[1]/identifier",
        ),
        Fires(IE170_PRESENTATION, _ie170_one_seal_twice, at=f"{_TE_170}[1]/Seal[2]/identifier"),
        Silent(TIR),
        Silent(
            T1_ROAD,
            _named(
                "three_different_seals",
                _containers(
                    _Equipment(1, "MSCU1234567", ("S1", "S2"), (1,)), _Equipment(2, "MSCU7654321", ("S3",), (2,))
                ),
            ),
        ),
    ),
    releases=P5_P6,
)

# ------------------------------------------------------------------------------------------- R0448


def _unsealed_loads(ctx: Context[CC015C | CC170C | P6CC015C | P6CC170C]) -> Iterator[Outcome]:
    """R0448's IE015/IE170 clause, the same in both releases (Phase 6 dropped only the Incident clause)."""
    for te in ctx.message.consignment.transport_equipment:
        if te.container_identification_number is None and te.number_of_seals == 0:
            yield ctx.violation(
                te,
                "number_of_seals",
                f"transport equipment without {ctx.label(te, 'container_identification_number')} is only declared "
                f"for sealed goods: give the seals and their number in {ctx.label(te, 'number_of_seals')}, "
                "or remove this transport equipment",
            )


def _r0448(ctx: Context[CC015C | CC170C]) -> Iterator[Outcome]:
    yield from _unsealed_loads(ctx)


def _ie170_unsealed_load(m: CC170C) -> None:
    m.consignment.transport_equipment = [_Equipment(container=None).ie170()]


#: R0448's cases, the same in both releases.
_R0448_CASES = (
    Fires(TIR, _unsealed, at=f"{_TE}[1]/numberOfSeals", code=14),
    Fires(IE170_PRESENTATION, _ie170_unsealed_load, at=f"{_TE_170}[1]/numberOfSeals"),
    Silent(TIR),
    Silent(T1_ROAD, _ONE_CONTAINER),
)

R0448 = Rule(
    "R0448",
    "Transport equipment without a container number must have at least one seal.",
    messages=IE015_IE170,
    checks="A transport equipment without 19 07 063 000 Container identification number has 19 10 068 000 "
    "Number of seals above 0.",
    why="Transport equipment records containers and sealed loads; one that is neither records nothing customs "
    "could check.",
    fix="Give the seals of the load, or its container number, or remove the transport equipment.",
    check=_r0448,
    cases=_R0448_CASES,
)


def _r0448_p6(ctx: Context[P6CC015C | P6CC170C]) -> Iterator[Outcome]:
    yield from _unsealed_loads(ctx)


R0448_P6 = Rule(
    "R0448",
    "Transport equipment without a container number must have at least one seal.",
    messages=IE015_IE170,
    releases=P6,
    checks="A transport equipment without 19 07 063 000 Container identification number has 19 10 068 000 "
    "Number of seals above 0.  Phase 6 dropped the same clause for incident transport equipment, which "
    "neither the IE015 nor the IE170 carries, so the check is unchanged.",
    why="Transport equipment records containers and sealed loads; one that is neither records nothing customs "
    "could check.",
    fix="Give the seals of the load, or its container number, or remove the transport equipment.",
    check=_r0448_p6,
    cases=_R0448_CASES,
)

# ------------------------------------------------------------------------------------------- R0165


def _r0165(ctx: Context[CC015C]) -> Iterator[Outcome]:
    authorisation_type = field_label(ctx.group("Authorisation"), "type")
    types = {a.type for a in ctx.message.authorisation}
    unsealed = [te for te in ctx.message.consignment.transport_equipment if te.number_of_seals == 0]
    if not unsealed:
        return
    if SEALS_AUTHORISATION in types:
        for te in unsealed:
            yield ctx.violation(
                te,
                "number_of_seals",
                f"{authorisation_type} {SEALS_AUTHORISATION} (seals of a special type) is declared: "
                f"seal the goods and give {ctx.label(te, 'number_of_seals')} greater than 0",
            )
    elif AUTHORISED_CONSIGNOR in types:
        for te in unsealed:
            yield ctx.unchecked(
                f"needs the authorised consignor's authorisation ({AUTHORISED_CONSIGNOR}) itself, from the customs "
                "authority that granted it: whether it requires seals is recorded there, not in the message",
                ctx.path(te, "number_of_seals"),
            )


def _authorisation(type_: str) -> Callable[[CC015C], None]:
    def change(m: CC015C) -> None:
        from ncts5.messages.cc015c import Authorisation

        m.authorisation = [Authorisation(sequence_number=1, type=type_, reference_number="DE-AUTH-0001")]

    change.__name__ = f"authorisation_{type_}"
    return change


def _seals_authorisation_with_an_unsealed_container(m: CC015C) -> None:
    _authorisation(SEALS_AUTHORISATION)(m)
    _containers(_Equipment(1, refs=(1,)), _Equipment(2, "MSCU7654321", ("S1",), (2,)))(m)


def _authorised_consignor_with_an_unsealed_container(m: CC015C) -> None:
    _authorisation(AUTHORISED_CONSIGNOR)(m)
    _ONE_CONTAINER(m)


R0165 = Rule(
    "R0165",
    "With an authorisation for seals of a special type, every transport equipment has seals.",
    messages=IE015,
    checks="When an authorisation of type C523 (use of seals of a special type) is declared, every transport "
    "equipment has 19 10 068 000 Number of seals above 0.",
    why="The authorisation lets the consignor seal the goods himself instead of customs; it is declared "
    "precisely so that the goods travel under those seals.",
    fix="Seal every container or load and list the seals, or remove the authorisation if it is not used.",
    check=_r0165,
    cases=(
        Fires(
            T1_ROAD, _seals_authorisation_with_an_unsealed_container, at=f"{_TE}[1]/numberOfSeals", code=14, says="C523"
        ),
        Silent(TIR, _authorisation(SEALS_AUTHORISATION)),
        Silent(T1_ROAD, _ONE_CONTAINER),
        Undecided(T1_ROAD, _authorised_consignor_with_an_unsealed_container, at=f"{_TE}[1]/numberOfSeals"),
    ),
    releases=P5_P6,
)

# ------------------------------------------------------------------------------------------- C0822


def _c0822(ctx: Context[CC015C]) -> Iterator[Outcome]:
    op = ctx.message.transit_operation
    if op.additional_declaration_type != "D":
        why = f"{stated(ctx, op, 'additional_declaration_type')} is not pre-lodged"
        yield from ctx.require(ctx.message.consignment, "container_indicator", why)


def _no_container_indicator(m: CC015C) -> None:
    m.consignment.container_indicator = None


def _pre_lodged_without_container_indicator(m: CC015C) -> None:
    m.transit_operation.additional_declaration_type = "D"
    _no_container_indicator(m)


C0822 = Rule(
    "C0822",
    "Container indicator: required unless the declaration is pre-lodged (additional declaration type D).",
    messages=IE015,
    checks="19 01 000 000 Container indicator is given unless 11 02 000 000 Additional declaration type is D "
    "(pre-lodged), when it is optional.",
    why="Customs plan controls by whether the goods travel in containers; a pre-lodged declaration may say "
    "so later, in the presentation notification (IE170).",
    fix="Set the container indicator: 1 when the goods travel in containers, 0 otherwise.",
    check=_c0822,
    cases=(
        Fires(T1_ROAD, _no_container_indicator, at="/CC015C/Consignment/containerIndicator", code=13),
        Silent(T1_ROAD),
        Silent(T1_ROAD, _pre_lodged_without_container_indicator),
    ),
    releases=P5_P6,
)

# ------------------------------------------------------------------------------------------- C0823, G0332


def _c0823(ctx: Context[CC015C | CC170C]) -> Iterator[Outcome]:
    c = ctx.message.consignment
    if c.container_indicator == "1":
        why = f"{stated(ctx, c, 'container_indicator')} declares containers, each one a transport equipment"
        yield from ctx.require(c, "transport_equipment", why)
    elif c.container_indicator is None:
        why = f"{ctx.label(c, 'container_indicator')} is absent, and transport equipment depends on it"
        yield from ctx.forbid(c, "transport_equipment", why)


def _containers_without_equipment(m: CC015C) -> None:
    m.consignment.container_indicator = "1"


def _ie170_equipment_without_container_indicator(m: CC170C) -> None:
    m.consignment.container_indicator = None
    m.consignment.transport_equipment = [_Equipment(container=None, seals=("DE-SEAL-1",)).ie170()]


def _ie170_sealed_load_in_containers(m: CC170C) -> None:
    m.consignment.container_indicator = "1"
    m.consignment.transport_equipment = [_Equipment(container=None, seals=("DE-SEAL-1",)).ie170()]


C0823 = Rule(
    "C0823",
    "Transport equipment: required for containers, optional otherwise, not allowed without the indicator.",
    messages=IE015_IE170,
    checks="19 07 000 000 TRANSPORT EQUIPMENT is given when 19 01 000 000 Container indicator is 1, optional "
    "when it is 0, and absent when the indicator is absent.",
    why="Each container is declared as a transport equipment; and whether transport equipment belongs in the "
    "declaration at all depends on the container indicator.",
    fix="Declare each container as a transport equipment; give the container indicator whenever you declare "
    "transport equipment.",
    check=_c0823,
    cases=(
        Fires(T1_ROAD, _containers_without_equipment, at="/CC015C/Consignment/TransportEquipment", code=13),
        Fires(TIR, _no_container_indicator, at=f"{_TE}[1]", code=15),
        Fires(IE170_PRESENTATION, _ie170_equipment_without_container_indicator, at=f"{_TE_170}[1]"),
        Silent(T1_ROAD),
        Silent(TIR),
        Silent(IE170_PRESENTATION),
        Silent(IE170_PRESENTATION, _ie170_sealed_load_in_containers),
    ),
    releases=P5_P6,
)


def _g0332(ctx: Context[CC015C | CC170C]) -> Iterator[Outcome]:
    c = ctx.message.consignment
    if c.container_indicator is None:
        for i in range(len(c.transport_equipment)):
            yield ctx.violation(
                c,
                "transport_equipment",
                f"transport equipment is declared but {ctx.label(c, 'container_indicator')}, which governs it, is "
                "absent: set the container indicator or remove the transport equipment",
                index=i,
            )


G0332 = Rule(
    "G0332",
    "Without a container indicator there should be no transport equipment.",
    messages=IE015_IE170,
    checks="Transport equipment is declared only together with 19 01 000 000 Container indicator.",
    why="The container indicator tells what the transport equipment records (containers or sealed loads); "
    "without it the transport equipment cannot be read.",
    fix="Give the container indicator, or remove the transport equipment.",
    check=_g0332,
    cases=(
        Fires(TIR, _no_container_indicator, at=f"{_TE}[1]"),
        Fires(IE170_PRESENTATION, _ie170_equipment_without_container_indicator, at=f"{_TE_170}[1]"),
        Silent(TIR),
        Silent(IE170_PRESENTATION),
    ),
    releases=P5_P6,
)

# ------------------------------------------------------------------------------------------- G0103


def _g0103(ctx: Context[CC015C | CC170C]) -> Iterator[Outcome]:
    c = ctx.message.consignment
    equipment: Sequence[cc015c.TransportEquipment | cc170c.TransportEquipment] = c.transport_equipment
    for i, te in enumerate(equipment):
        if te.container_identification_number is None and not te.seal and not te.number_of_seals:
            yield ctx.violation(
                c,
                "transport_equipment",
                f"this transport equipment has neither a {ctx.label(te, 'container_identification_number')} nor "
                "seals; goods that are neither containerised nor sealed are not recorded here: remove it or add the "
                "container number or the seals",
                index=i,
            )


def _unsealed_container(m: CC015C) -> None:
    _unsealed(m)
    m.consignment.transport_equipment[0].container_identification_number = "MSKU1234565"


def _ie170_sealed_load(m: CC170C) -> None:
    m.consignment.transport_equipment = [_Equipment(container=None, seals=("DE-SEAL-1",)).ie170()]


G0103 = Rule(
    "G0103",
    "Transport equipment records containers or sealed goods; unsealed, non-containerised goods are not.",
    messages=IE015_IE170,
    checks="Each transport equipment has a 19 07 063 000 Container identification number or seals.",
    why="Transport equipment exists to identify containers and sealed loads; goods that are neither are "
    "described by their packages, not here.",
    fix="Remove the transport equipment, or give its container number or its seals.",
    check=_g0103,
    cases=(
        Fires(TIR, _unsealed, at=f"{_TE}[1]"),
        Fires(IE170_PRESENTATION, _ie170_unsealed_load, at=f"{_TE_170}[1]"),
        Silent(TIR),
        Silent(TIR, _unsealed_container),
        Silent(IE170_PRESENTATION, _ie170_sealed_load),
    ),
    releases=P5_P6,
)
