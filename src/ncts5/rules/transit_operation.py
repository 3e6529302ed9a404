"""Rules on the TRANSIT OPERATION data group: declaration type, TIR carnet and holder, limit date.

Each rule is one :class:`~ncts5.rules.declaration.Rule` value named by its id, with its check and
its example cases just above it (see :mod:`ncts5.rules.declaration`).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import TYPE_CHECKING

from ncts5.identifiers import tir_carnet
from ncts5.rules.context import Context, Outcome
from ncts5.rules.declaration import IE015, IE015_IE170, P5_P6, P6, Fires, Rule, Silent, Undecided
from ncts5.rules.examples import IE170_PRESENTATION, T1_ROAD, TIR
from ncts5.rules.kit import field_label, is_ie015, office_country, undecided

if TYPE_CHECKING:
    from ncts5.messages.cc015c import CC015C
    from ncts5.messages.cc170c import CC170C
    from ncts5.messages.p6.cc015c import CC015C as P6CC015C
    from ncts5.messages.p6.cc170c import CC170C as P6CC170C

_OP = "/CC015C/TransitOperation"

# ------------------------------------------------------------------------------------------- R0849


def _r0849(ctx: Context[CC015C]) -> Iterator[Outcome]:
    op = ctx.message.transit_operation
    if op.declaration_type == "TIR" and op.reduced_dataset_indicator != "0":
        yield ctx.violation(
            op,
            "reduced_dataset_indicator",
            f"a TIR declaration cannot use the reduced data set; set {ctx.label(op, 'reduced_dataset_indicator')} to 0",
        )


def _reduced_data_set(m: CC015C) -> None:
    m.transit_operation.reduced_dataset_indicator = "1"


R0849 = Rule(
    "R0849",
    "A TIR declaration must not use the reduced data set.",
    messages=IE015,
    checks="A declaration of type TIR has 11 08 000 000 Reduced dataset indicator 0.",
    why="The reduced data set is a simplification of the Union and common transit procedures for authorised "
    "consignors; TIR movements are covered by the TIR carnet and always declare the full data set.",
    fix="Set the reduced dataset indicator to 0 and declare the data the full data set requires.",
    check=_r0849,
    cases=(
        Fires(TIR, _reduced_data_set, at=f"{_OP}/reducedDatasetIndicator", code=14, says="to 0"),
        Silent(TIR),
        Silent(T1_ROAD, _reduced_data_set),
    ),
    releases=P5_P6,
)

# ------------------------------------------------------------------------------------------- C0411


def _c0411(ctx: Context[CC015C]) -> Iterator[Outcome]:
    op = ctx.message.transit_operation
    label = ctx.label(op, "tir_carnet_number")
    if op.declaration_type == "TIR" and op.tir_carnet_number is None:
        yield ctx.violation(
            op, "tir_carnet_number", f"a TIR declaration must give the carnet: provide {label}", code=13
        )
    elif op.declaration_type != "TIR" and op.tir_carnet_number is not None:
        yield ctx.violation(
            op,
            "tir_carnet_number",
            f"declaration type {op.declaration_type} is not TIR: remove {label}",
            code=15,
        )


def _no_carnet(m: CC015C) -> None:
    m.transit_operation.tir_carnet_number = None


def _carnet(m: CC015C) -> None:
    m.transit_operation.tir_carnet_number = "XA30123456"


C0411 = Rule(
    "C0411",
    "The TIR carnet number is required for declaration type TIR and not allowed for any other type.",
    messages=IE015,
    checks="12 06 000 000 TIR Carnet number is present exactly when 11 01 000 000 Declaration type is TIR.",
    why="A TIR movement travels under its carnet, which customs must identify; any other declaration type "
    "has no carnet, so a number there contradicts the declaration type.",
    fix="Give the carnet number for a TIR declaration; remove it from any other declaration type.",
    check=_c0411,
    cases=(
        Fires(TIR, _no_carnet, at=f"{_OP}/TIRCarnetNumber", code=13),
        Fires(T1_ROAD, _carnet, at=f"{_OP}/TIRCarnetNumber", code=15, says="remove 12 06 000 000"),
        Silent(T1_ROAD),
        Silent(TIR),
    ),
    releases=P5_P6,
)

# ------------------------------------------------------------------------------------------- R0990

# TIR carnet numbers of the IRU series that NCTS accepts in R0990 (two letters of which one is "X",
# then a serial number from 25 000 000 upwards): ncts5.identifiers.tir_carnet, applied as written.


def _r0990(ctx: Context[CC015C]) -> Iterator[Outcome]:
    op = ctx.message.transit_operation
    number = op.tir_carnet_number
    if number is not None and (tir_carnet.compact(number) != number or not tir_carnet.is_valid(number)):
        yield ctx.violation(
            op,
            "tir_carnet_number",
            f"{number!r} is not an IRU TIR carnet number: {ctx.label(op, 'tir_carnet_number')} must be two letters "
            "including an X followed by a serial number of 8 or 9 digits from 25000000 up (e.g. XA30123456); "
            "copy it from the carnet",
        )


def _numeric_carnet(m: CC015C) -> None:
    m.transit_operation.tir_carnet_number = "25000000"


def _short_carnet(m: CC015C) -> None:
    m.transit_operation.tir_carnet_number = "240012"


def _nine_digit_carnet(m: CC015C) -> None:
    m.transit_operation.tir_carnet_number = "HX877242599"


R0990 = Rule(
    "R0990",
    "A TIR carnet number has 10 or 11 characters and follows the IRU numbering (e.g. XA30123456).",
    messages=IE015,
    checks="The TIR carnet number is two letters, one of them X, followed by a serial number of 8 or 9 digits "
    "from 25000000 upwards.",
    why="NCTS checks the carnet against the IRU series in use; the older numeric series is no longer issued.",
    fix="Copy the number exactly as printed on the carnet, letters included.",
    check=_r0990,
    cases=(
        Fires(TIR, _numeric_carnet, at=f"{_OP}/TIRCarnetNumber", code=14),
        Fires(TIR, _short_carnet, at=f"{_OP}/TIRCarnetNumber"),
        Silent(TIR),
        Silent(TIR, _nine_digit_carnet),
    ),
    releases=P5_P6,
)

# ------------------------------------------------------------------------------------------- R0911


def _r0911(ctx: Context[CC015C]) -> Iterator[Outcome]:
    msg = ctx.message
    op = msg.transit_operation
    if office_country(msg.customs_office_of_departure.reference_number) != "SM":
        return
    if op.declaration_type in ("T2", "T2F"):
        return
    destination = msg.customs_office_of_destination_declared
    country = office_country(destination.reference_number)
    in_eu = ctx.in_list("CL010", country)
    if in_eu is None:
        yield ctx.unchecked(undecided("CL010", country), ctx.path(destination, "reference_number"))
    elif in_eu:
        yield ctx.violation(
            op,
            "declaration_type",
            f"goods leaving San Marino for an office of destination in the Union ({country}) travel as Union goods: "
            f"set {ctx.label(op, 'declaration_type')} to T2 or T2F",
        )


def _from_san_marino(m: CC015C) -> None:
    m.customs_office_of_departure.reference_number = "SM000001"


def _t2_from_san_marino(m: CC015C) -> None:
    _from_san_marino(m)
    m.transit_operation.declaration_type = "T2F"


def _from_san_marino_to_switzerland(m: CC015C) -> None:
    _from_san_marino(m)
    m.customs_office_of_destination_declared.reference_number = "CH001234"


R0911 = Rule(
    "R0911",
    "From San Marino to an EU office of destination the declaration type must be T2 or T2F.",
    messages=IE015,
    checks="A declaration whose office of departure is in San Marino and whose office of destination is in the "
    "Union (CL010) has declaration type T2 or T2F.",
    why="Goods leaving San Marino for the Union move as Union goods under the customs union with the EU.",
    fix="Declare the movement as T2 (or T2F for special fiscal territories).",
    check=_r0911,
    cases=(
        Fires(T1_ROAD, _from_san_marino, at=f"{_OP}/declarationType", code=14, says="T2 or T2F"),
        Silent(T1_ROAD),
        Silent(T1_ROAD, _t2_from_san_marino),
        Silent(T1_ROAD, _from_san_marino_to_switzerland),
        Undecided(
            T1_ROAD,
            _from_san_marino,
            at="/CC015C/CustomsOfficeOfDestinationDeclared/referenceNumber",
            without_lists=("CL010",),
        ),
    ),
    releases=P5_P6,
)

# ------------------------------------------------------------------------------------------- C0839


def _c0839(ctx: Context[CC015C]) -> Iterator[Outcome]:
    msg = ctx.message
    op = msg.transit_operation
    authorisation_type = field_label(ctx.group("Authorisation"), "type")
    label = ctx.label(op, "limit_date")
    authorised_consignor = any(a.type == "C521" for a in msg.authorisation)
    if not authorised_consignor:
        if op.limit_date is not None:
            yield ctx.violation(
                op,
                "limit_date",
                f"only an authorised consignor ({authorisation_type} C521) sets a limit date: remove {label}",
                code=15,
            )
    elif op.additional_declaration_type != "D" and op.limit_date is None:
        yield ctx.violation(
            op,
            "limit_date",
            f"an authorised consignor (authorisation C521) must set the date by which the goods are to be presented "
            f"at destination: provide {label}",
            code=13,
        )


def _authorised_consignor(m: CC015C) -> None:
    from ncts5.messages.cc015c import Authorisation

    m.authorisation = [Authorisation(sequence_number=1, type="C521", reference_number="DEACRA1234")]


def _limit_date(m: CC015C) -> None:
    m.transit_operation.limit_date = date(2026, 3, 9)


def _authorised_consignor_with_limit_date(m: CC015C) -> None:
    _authorised_consignor(m)
    _limit_date(m)


def _authorised_consignor_pre_lodged(m: CC015C) -> None:
    _authorised_consignor(m)
    m.transit_operation.additional_declaration_type = "D"


C0839 = Rule(
    "C0839",
    "The limit date is required for an authorised consignor (C521) unless pre-lodged, else not allowed.",
    messages=IE015,
    checks="15 11 000 000 Limit date is given when an authorisation of type C521 (authorised consignor) is "
    "declared and the declaration is not pre-lodged; it is optional when pre-lodged, and absent without C521.",
    why="Only an authorised consignor fixes the date by which the goods must reach the office of destination "
    "itself; for everyone else the office of departure sets it.",
    fix="As authorised consignor, give the limit date; otherwise remove it.",
    check=_c0839,
    cases=(
        Fires(T1_ROAD, _authorised_consignor, at=f"{_OP}/limitDate", code=13),
        Fires(T1_ROAD, _limit_date, at=f"{_OP}/limitDate", code=15),
        Silent(T1_ROAD),
        Silent(T1_ROAD, _authorised_consignor_with_limit_date),
        Silent(T1_ROAD, _authorised_consignor_pre_lodged),
    ),
    releases=P5_P6,
)

# ------------------------------------------------------------------------------------------- C0904


def _c0904(ctx: Context[CC015C | CC170C]) -> Iterator[Outcome]:
    msg = ctx.message
    if not is_ie015(msg):
        # IE170 carries no declaration type: the one that counts is in the pre-lodged IE015.
        yield ctx.unchecked(
            "needs the declaration type of the pre-lodged IE015 declaration, which this message does not carry",
            ctx.path(msg.holder_of_the_transit_procedure, "tir_holder_identification_number"),
        )
        return
    yield from _tir_holder_matches_declaration_type(ctx, msg)


def _tir_holder_matches_declaration_type(
    ctx: Context[CC015C | CC170C | P6CC015C | P6CC170C], msg: CC015C | P6CC015C
) -> Iterator[Outcome]:
    """C0904 on a declaration (either release): the TIR holder number exactly when its type is TIR."""
    holder = msg.holder_of_the_transit_procedure
    declaration_type = msg.transit_operation.declaration_type
    label = ctx.label(holder, "tir_holder_identification_number")
    present = holder.tir_holder_identification_number is not None
    if declaration_type == "TIR" and not present:
        yield ctx.violation(
            holder,
            "tir_holder_identification_number",
            f"a TIR declaration must identify the carnet holder: provide {label}",
            code=13,
        )
    elif declaration_type != "TIR" and present:
        yield ctx.violation(
            holder,
            "tir_holder_identification_number",
            f"declaration type {declaration_type} is not TIR: remove {label}",
            code=15,
        )


def _no_tir_holder(m: CC015C | P6CC015C) -> None:
    m.holder_of_the_transit_procedure.tir_holder_identification_number = None


def _tir_holder(m: CC015C | P6CC015C) -> None:
    m.holder_of_the_transit_procedure.tir_holder_identification_number = "DEU/123/45"


_TIR_HOLDER = "/CC015C/HolderOfTheTransitProcedure/TIRHolderIdentificationNumber"

C0904 = Rule(
    "C0904",
    "The TIR holder identification number is required for a TIR declaration and not allowed otherwise.",
    messages=IE015_IE170,
    checks="13 07 078 000 TIR holder identification number is present exactly when the declaration type is TIR.",
    why="Under TIR the holder of the carnet is identified by the number the national association gave it; "
    "other procedures identify the holder by EORI or TCUIN only.",
    fix="For a TIR declaration give the carnet holder's identification number; otherwise remove it.",
    check=_c0904,
    cases=(
        Fires(TIR, _no_tir_holder, at=_TIR_HOLDER, code=13),
        Fires(T1_ROAD, _tir_holder, at=_TIR_HOLDER, code=15),
        Silent(T1_ROAD),
        Silent(TIR),
        Undecided(IE170_PRESENTATION, at="/CC170C/HolderOfTheTransitProcedure/TIRHolderIdentificationNumber"),
    ),
)


def _c0904_p6(ctx: Context[P6CC015C | P6CC170C]) -> Iterator[Outcome]:
    msg = ctx.message
    if not is_ie015(msg):
        # The Phase 6 IE170 carries no declaration type either: it is in the stored declaration.
        yield ctx.unchecked(
            "needs the declaration type of the pre-lodged declaration held by NCTS (its IE015 or CCA15D, or its "
            "latest IE013 or CCA13D amendment), which this message does not carry",
            ctx.path(msg.holder_of_the_transit_procedure, "tir_holder_identification_number"),
        )
        return
    yield from _tir_holder_matches_declaration_type(ctx, msg)


C0904_P6 = Rule(
    "C0904",
    "The TIR holder identification number is required for a TIR declaration and not allowed otherwise.",
    messages=IE015_IE170,
    checks="13 07 078 000 TIR holder identification number is present exactly when the declaration type is TIR. "
    "Unlike Phase 5, an IE170 takes the declaration type from the stored IE015 or CCA15D (or its IE013 or "
    "CCA13D amendment), which ncts5 cannot see: it reports the IE170 as not checked.",
    why="Under TIR the holder of the carnet is identified by the number the national association gave it; "
    "other procedures identify the holder by EORI or TCUIN only.",
    fix="For a TIR declaration give the carnet holder's identification number; otherwise remove it.",
    check=_c0904_p6,
    releases=P6,
    cases=(
        Fires(TIR, _no_tir_holder, at=_TIR_HOLDER, code=13, says="provide 13 07 078 000"),
        Fires(T1_ROAD, _tir_holder, at=_TIR_HOLDER, code=15, says="remove 13 07 078 000"),
        Silent(T1_ROAD),
        Silent(TIR),
        Undecided(IE170_PRESENTATION, at="/CC170C/HolderOfTheTransitProcedure/TIRHolderIdentificationNumber"),
    ),
)

# ------------------------------------------------------------------------------------------- R0100

R0100 = Rule(
    "R0100",
    "The communication language at departure chooses the language customs use towards the trader.",
    messages=IE015,
    reason="describes how the customs system picks the language of its replies; it sets no condition on the "
    "message (the language code itself is checked against CL192)",
    checks="Nothing in the message: the rule tells the office of departure which language to answer in.",
    why="Customs never rejects a declaration for it; a language code outside CL192 is a code list finding.",
    fix="Nothing to fix; choose the language you want customs' messages in.",
    cases=(Undecided(T1_ROAD),),
)

# ------------------------------------------------------------------------------------------- G0100

G0100 = Rule(
    "G0100",
    "The communication languages at departure, transit and destination choose the language customs use "
    "towards the trader.",
    messages=IE015,
    reason="describes how each office's customs system picks the language of its messages to the trader (the "
    "language given, or else the office's default); it sets no condition on the message (the language code "
    "itself is checked against CL192)",
    checks="Nothing in the message: the guideline tells the offices of departure, transit and destination which "
    "language to use towards the trader, the one declared or else their default. It replaces the Phase 5 rule "
    "R0100, which named the office of departure only.",
    why="Customs never reject a declaration for it; a language code outside CL192 is a code list finding.",
    fix="Nothing to fix; give the communication language at departure if you want customs' messages in it.",
    releases=P6,
    cases=(Undecided(T1_ROAD),),
)
