"""Rules on the AUTHORISATION data group (12 12 000 000).

The reduced data set (11 08 000 000 = 1) is only open to holders of a TRD authorisation
(type C524), so the declaration must carry one; an authorisation of that type makes no
sense on a declaration that does not use the reduced data set.  Whether the authorisation
itself exists, is valid and belongs to the holder is known to customs' decision systems
only.

Each rule is one :class:`~ncts5.rules.declaration.Rule` value named by its id, with its check and
its example cases just above it (see :mod:`ncts5.rules.declaration`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from ncts5.rules.context import Context, Outcome
from ncts5.rules.declaration import IE015, P5_P6, Fires, Rule, Silent, Undecided
from ncts5.rules.examples import T1_ROAD, TIR
from ncts5.rules.kit import field_label

if TYPE_CHECKING:
    from ncts5.messages.cc015c import CC015C

#: The authorisation type of the reduced data set (TRD).
REDUCED_DATA_SET = "C524"

_AUTHORISATION = "/CC015C/Authorisation"


def _has_reduced_data_set_authorisation(message: CC015C) -> bool:
    return any(a.type == REDUCED_DATA_SET for a in message.authorisation)


def _missing_c524(ctx: Context[CC015C], because: str) -> Outcome:
    """A finding on the first authorisation's type, or on the absent group when there is none."""
    msg = ctx.message
    authorisation_type = field_label(ctx.group("Authorisation"), "type")
    what = (
        f"{because}: declare the reduced data set authorisation with {authorisation_type} C524 and its reference number"
    )
    if msg.authorisation:
        return ctx.violation(msg.authorisation[0], "type", what)
    return ctx.violation(msg, "authorisation", what)


def _reduced(*types: str) -> Callable[[CC015C], None]:
    """The declaration switched to the reduced data set, with authorisations of the given types."""

    def change(m: CC015C) -> None:
        from ncts5.messages.cc015c import Authorisation

        m.transit_operation.reduced_dataset_indicator = "1"
        m.authorisation = [
            Authorisation(sequence_number=i, type=t, reference_number=f"DE{t}AUTH{i}") for i, t in enumerate(types, 1)
        ]

    change.__name__ = f"reduced_data_set_with_{'_'.join(types) or 'no_authorisation'}"
    return change


def _reduced_by(mode: str, *types: str) -> Callable[[CC015C], None]:
    """:func:`_reduced`, with inland mode of transport ``mode``."""
    reduced = _reduced(*types)

    def change(m: CC015C) -> None:
        reduced(m)
        m.consignment.inland_mode_of_transport = mode

    change.__name__ = f"{reduced.__name__}_inland_mode_{mode}"
    return change


def _c524_without_reduced_data_set(m: CC015C) -> None:
    from ncts5.messages.cc015c import Authorisation

    m.authorisation = [
        Authorisation(sequence_number=1, type="C521", reference_number="DEC521AUTH1"),
        Authorisation(sequence_number=2, type="C524", reference_number="DEC524AUTH2"),
    ]


# ------------------------------------------------------------------------------------------- C0101


def _c0101(ctx: Context[CC015C]) -> Iterator[Outcome]:
    msg = ctx.message
    if ctx.reduced_data_set and not msg.authorisation:
        yield ctx.violation(
            msg,
            "authorisation",
            f"{ctx.label(msg.transit_operation, 'reduced_dataset_indicator')} 1 is only open to holders of an "
            f"authorisation: provide {ctx.label(msg, 'authorisation')} with type C524 (reduced data set) and its "
            "reference number",
            code=13,
        )


C0101 = Rule(
    "C0101",
    "A declaration with the reduced data set must include an authorisation.",
    messages=IE015,
    checks="A declaration with 11 08 000 000 Reduced dataset indicator 1 has at least one 12 12 000 000 "
    "AUTHORISATION; otherwise authorisations are optional.",
    why="The reduced data set is a simplification customs grant by authorisation; a declaration using it "
    "without naming any authorisation claims a simplification nobody granted.",
    fix="Declare the reduced data set authorisation (type C524) with its reference number, or declare the full "
    "data set with the reduced dataset indicator 0.",
    check=_c0101,
    cases=(
        Fires(T1_ROAD, _reduced(), at=_AUTHORISATION, code=13, says="C524"),
        Silent(T1_ROAD),
        Silent(T1_ROAD, _reduced("C524")),
    ),
    releases=P5_P6,
)

# ------------------------------------------------------------------------------------------- R0859


def _r0859(ctx: Context[CC015C]) -> Iterator[Outcome]:
    msg = ctx.message
    op = msg.transit_operation
    indicator = ctx.label(op, "reduced_dataset_indicator")
    if ctx.reduced_data_set:
        if not _has_reduced_data_set_authorisation(msg):
            yield _missing_c524(ctx, f"{indicator} is 1 but no authorisation is of type C524")
        return
    for a in msg.authorisation:
        if a.type == REDUCED_DATA_SET:
            yield ctx.violation(
                a,
                "type",
                f"a reduced data set authorisation (C524) is declared but {indicator} is "
                f"{op.reduced_dataset_indicator}: remove this authorisation or set the indicator to 1",
            )


R0859 = Rule(
    "R0859",
    "Authorisation type C524 is declared exactly when the reduced data set is used.",
    messages=IE015,
    checks="With 11 08 000 000 Reduced dataset indicator 1 at least one 12 12 002 000 Type is C524 (reduced data "
    "set); with indicator 0 no authorisation is of type C524.",
    why="The C524 authorisation is what entitles the holder to the reduced data set, and the indicator is what "
    "tells customs it is used: one without the other is a contradiction customs cannot resolve.",
    fix="Declare the C524 authorisation when using the reduced data set; otherwise remove it (or set the "
    "indicator to 1 if the reduced data set was meant).",
    check=_r0859,
    cases=(
        Fires(T1_ROAD, _reduced("C521"), at=f"{_AUTHORISATION}[1]/type", code=14, says="C524"),
        Fires(T1_ROAD, _reduced(), at=_AUTHORISATION),
        Fires(T1_ROAD, _c524_without_reduced_data_set, at=f"{_AUTHORISATION}[2]/type", says="remove this"),
        Silent(T1_ROAD),
        Silent(TIR),
        Silent(T1_ROAD, _reduced("C524")),
        Silent(T1_ROAD, _reduced("C521", "C524")),
    ),
    releases=P5_P6,
)

# ------------------------------------------------------------------------------------------- R0350


def _r0350(ctx: Context[CC015C]) -> Iterator[Outcome]:
    msg = ctx.message
    mode = msg.consignment.inland_mode_of_transport
    if ctx.reduced_data_set and mode in ("1", "2", "4") and not _has_reduced_data_set_authorisation(msg):
        yield _missing_c524(
            ctx,
            f"the reduced data set is used with {ctx.label(msg.consignment, 'inland_mode_of_transport')} {mode} "
            "but no C524 is declared",
        )


R0350 = Rule(
    "R0350",
    "Reduced data set by sea, rail or air (inland mode 1, 2 or 4) needs an authorisation of type C524.",
    messages=IE015,
    checks="A declaration with the reduced data set whose 19 04 000 000 Inland mode of transport is 1 (sea), "
    "2 (rail) or 4 (air) declares an authorisation of type C524.",
    why="By sea, rail and air the reduced data set is only open to holders of the TRD authorisation, who "
    "must name it so customs can verify it.",
    fix="Declare the C524 authorisation with its reference number, or declare the full data set.",
    check=_r0350,
    cases=(
        Fires(T1_ROAD, _reduced_by("1", "C521"), at=f"{_AUTHORISATION}[1]/type", code=14, says="transport 1"),
        Fires(T1_ROAD, _reduced_by("2", "C521"), at=f"{_AUTHORISATION}[1]/type", says="transport 2"),
        Fires(T1_ROAD, _reduced_by("4", "C521"), at=f"{_AUTHORISATION}[1]/type", says="transport 4"),
        Silent(T1_ROAD),
        Silent(T1_ROAD, _reduced("C521")),  # by road only R0859 applies
        Silent(T1_ROAD, _reduced_by("2", "C521", "C524")),
    ),
    releases=P5_P6,
)

# ------------------------------------------------------------------------------------------- not checkable

R0352 = Rule(
    "R0352",
    "The reduced data set authorisation number must be valid and belong to the holder of the transit procedure.",
    messages=IE015,
    reason="needs the customs decisions system (CDMS or the national one) to know the authorisation, its validity "
    "and its holder",
    checks="With the reduced data set by sea, rail or air, at least one declared authorisation number is a valid "
    "reduced data set authorisation of the holder of the transit procedure.",
    why="Customs look the number up in their decisions system; a number that does not exist, has expired or "
    "belongs to someone else grants no simplification.",
    fix="Copy the authorisation number from the holder's own, valid TRD authorisation decision.",
    cases=(Undecided(T1_ROAD),),
    releases=P5_P6,
)

G0033 = Rule(
    "G0033",
    "The authorisation reference number should be valid in CDMS or the national decisions system.",
    messages=IE015,
    reason="needs the customs decisions system (CDMS or the national one) to look the number up",
    checks="Each 12 12 001 000 Reference number names an authorisation known to the customs decisions system.",
    why="Customs verify every authorisation a declaration relies on; an unknown number cannot be verified.",
    fix="Copy the reference number exactly as it appears on the authorisation decision.",
    cases=(Undecided(T1_ROAD),),
    releases=P5_P6,
)

G0167 = Rule(
    "G0167",
    "For a pre-lodged declaration the authorisation should stay valid until the presentation notification (IE170).",
    messages=IE015,
    reason="needs the authorisation's validity period from the customs decisions system and the date the IE170 "
    "will be sent",
    checks="The authorisations of a pre-lodged declaration are still valid when the presentation notification "
    "is sent, since customs check them again then.",
    why="A pre-lodged declaration is validated again when the goods are presented; an authorisation that has "
    "expired in between no longer covers the movement.",
    fix="Present the goods while the authorisation is valid, or renew it before sending the IE170.",
    cases=(Undecided(T1_ROAD),),
    releases=P5_P6,
)

G0114 = Rule(
    "G0114",
    "Authorisation type C521 is declared when, and only when, the authorised consignor simplification is used.",
    messages=IE015,
    reason="needs the customs decisions system (CDMS or the national one) to know whether the holder lodges under "
    "the authorised-consignor simplification: nothing in the message but this code itself says so",
    checks="12 12 002 000 Type C521 (authorised consignor) appears exactly when the declaration is lodged under "
    "the authorised consignor simplification.",
    why="The authorised consignor may place goods under transit without presenting them at the office of "
    "departure; customs must know which declarations rely on that.",
    fix="Declare C521 with its reference number when lodging as authorised consignor, and only then.",
    cases=(Undecided(T1_ROAD),),
    releases=P5_P6,
)

G0117 = Rule(
    "G0117",
    "The authorisation type list may be extended nationally; national-only codes stay out of common-domain messages.",
    messages=IE015,
    reason="needs the national extensions of the authorisation type list published by the country's customs "
    "administration; the common list itself is checked as CL235",
    checks="An authorisation type that exists only in a national extension of the code list is not sent in "
    "messages exchanged between countries.",
    why="Other countries' systems know only the common codes; a national code would be meaningless to them.",
    fix="Use a common code of CL235 for authorisations other countries need to know about.",
    cases=(Undecided(T1_ROAD),),
    releases=P5_P6,
)

G0102 = Rule(
    "G0102",
    "Each declared authorisation covers the whole declaration, all house consignments included.",
    messages=IE015,
    reason="informational: says how far a declared authorisation reaches and sets no condition the message could break",
    checks="Nothing in the message: an authorisation declared once applies to every house consignment.",
    why="Customs never reject a declaration for it; it explains why authorisations are declared once, at "
    "declaration level.",
    fix="Nothing to fix; declare each authorisation once for the whole declaration.",
    cases=(Undecided(T1_ROAD),),
    releases=P5_P6,
)
