"""Rules on the GUARANTEE and GUARANTEE REFERENCE data groups, final and transition period.

Each rule is one :class:`~ncts5.rules.declaration.Rule` value named by its id, with its check and
its example cases just above it (see :mod:`ncts5.rules.declaration`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from ncts5.rules.context import Context, Outcome
from ncts5.rules.declaration import IE015, P5_P6, TRANSITION, Fires, Rule, Silent, Undecided
from ncts5.rules.examples import T1_ROAD, TIR
from ncts5.rules.kit import office_country, undecided

if TYPE_CHECKING:
    from ncts5.messages.cc015c import CC015C, Guarantee

_GUARANTEE = "/CC015C/Guarantee[1]"
_REFERENCE = f"{_GUARANTEE}/GuaranteeReference[1]"


def guarantees(ctx: Context[CC015C]) -> Iterator[Guarantee]:
    """The guarantees whose type is a valid CL251 code: the others already have a CL251 finding,
    and every condition on the guarantee type would only repeat it in a misleading way."""
    for g in ctx.message.guarantee:
        if not ctx.invalid_code(g, "guarantee_type"):
            yield g


def _guarantee_type(guarantee_type: str) -> Callable[[CC015C], None]:
    def change(m: CC015C) -> None:
        m.guarantee[0].guarantee_type = guarantee_type

    change.__name__ = f"guarantee_type_{guarantee_type}"
    return change


# ------------------------------------------------------------------------------------------- C0086


def _c0086(ctx: Context[CC015C]) -> Iterator[Outcome]:
    for g in guarantees(ctx):
        with_grn = ctx.in_list("CL286", g.guarantee_type)
        if with_grn is None:
            if g.guarantee_type is not None:
                yield ctx.unchecked("code list CL286 is not available", ctx.path(g, "guarantee_type"))
            continue
        for ref in g.guarantee_reference:
            for field in ("grn", "access_code"):
                present = getattr(ref, field) is not None
                if with_grn and not present:
                    msg = f"guarantee type {g.guarantee_type} is identified by a GRN: provide {ctx.label(ref, field)}"
                    yield ctx.violation(ref, field, msg, code=13)
                elif not with_grn and present:
                    msg = f"guarantee type {g.guarantee_type} has no GRN: remove {ctx.label(ref, field)}"
                    yield ctx.violation(ref, field, msg, code=15)


def _type_0_without_grn(m: CC015C) -> None:
    m.guarantee[0].guarantee_type = "0"
    m.guarantee[0].guarantee_reference[0].grn = None


C0086 = Rule(
    "C0086",
    "GRN and access code are required exactly for the guarantee types of CL286 (with GRN).",
    messages=IE015,
    checks="Each guarantee reference of a guarantee type in CL286 (types identified by a GRN: 0, 1, 2, 4, 9) "
    "gives 99 03 069 000 GRN and 99 03 070 000 Access code; other types give neither.",
    why="The office of departure looks the guarantee up in the guarantee management system by GRN and access "
    "code; for the other types there is nothing to look up.",
    fix="Give the GRN and access code of the guarantee certificate, or remove them for a type without GRN.",
    check=_c0086,
    cases=(
        Fires(T1_ROAD, _type_0_without_grn, at=f"{_REFERENCE}/GRN", code=13),
        Fires(T1_ROAD, _guarantee_type("3"), at=(f"{_REFERENCE}/GRN", f"{_REFERENCE}/accessCode"), code=15),
        Silent(T1_ROAD),
        Undecided(T1_ROAD, at=f"{_GUARANTEE}/guaranteeType", without_lists=("CL286",)),
    ),
    releases=P5_P6,
)

# ------------------------------------------------------------------------------------------- C0085


def _c0085(ctx: Context[CC015C]) -> Iterator[Outcome]:
    for g in guarantees(ctx):
        with_reference = ctx.in_list("CL076", g.guarantee_type)
        if with_reference is None:
            yield ctx.unchecked(undecided("CL076", g.guarantee_type), ctx.path(g, "guarantee_type"))
            continue
        label = ctx.label(g, "guarantee_reference")
        if with_reference and not g.guarantee_reference:
            msg = f"guarantee type {g.guarantee_type} is identified by a reference: provide {label}"
            yield ctx.violation(g, "guarantee_reference", msg, code=13)
        elif not with_reference:
            for i in range(len(g.guarantee_reference)):
                msg = f"guarantee type {g.guarantee_type} takes no guarantee reference: remove {label}"
                yield ctx.violation(g, "guarantee_reference", msg, code=15, index=i)


def _no_reference(m: CC015C) -> None:
    m.guarantee[0].guarantee_reference = []


C0085 = Rule(
    "C0085",
    "A guarantee reference is required for the guarantee types of CL076 and not allowed for the others.",
    messages=IE015,
    checks="A guarantee of a type in CL076 has at least one 99 03 000 000 GUARANTEE REFERENCE; a guarantee of "
    "any other type (8, A, B, J, R) has none.",
    why="Comprehensive, individual and voucher guarantees are identified by their reference; guarantee waivers "
    "and TIR carry no reference customs could check.",
    fix="Add the guarantee reference for a referenced type, or remove it for a type that takes none.",
    check=_c0085,
    cases=(
        Fires(T1_ROAD, _no_reference, at=f"{_GUARANTEE}/GuaranteeReference", code=13),
        Fires(T1_ROAD, _guarantee_type("A"), at=f"{_GUARANTEE}/GuaranteeReference[1]", code=15, says="type A"),
        Silent(T1_ROAD),
        Silent(TIR),
        Undecided(T1_ROAD, at=f"{_GUARANTEE}/guaranteeType", without_lists=("CL076",)),
    ),
    releases=P5_P6,
)

# ------------------------------------------------------------------------------------------- C0130


def _c0130(ctx: Context[CC015C]) -> Iterator[Outcome]:
    for g in guarantees(ctx):
        label = ctx.label(g, "other_guarantee_reference")
        if g.guarantee_type == "8" and g.other_guarantee_reference is None:
            msg = f"guarantee type 8 (public body, no guarantee required) is identified this way: provide {label}"
            yield ctx.violation(g, "other_guarantee_reference", msg, code=13)
        elif g.guarantee_type not in ("8", "3") and g.other_guarantee_reference is not None:
            msg = f"guarantee type {g.guarantee_type} takes no other guarantee reference: remove {label}"
            yield ctx.violation(g, "other_guarantee_reference", msg, code=15)


def _other_reference(m: CC015C) -> None:
    m.guarantee[0].other_guarantee_reference = "PUBLIC BODY 42"


def _cash_with_other_reference(m: CC015C) -> None:
    m.guarantee[0].guarantee_type = "3"
    m.guarantee[0].other_guarantee_reference = "CASH 991"


C0130 = Rule(
    "C0130",
    "Other guarantee reference: required for type 8, optional for type 3, not allowed for other types.",
    messages=IE015,
    checks="99 03 073 000 Other guarantee reference is given for guarantee type 8, may be given for type 3 "
    "(cash) and is absent for every other type.",
    why="A public body exempt from guarantee (type 8) is identified only by that reference; other types are "
    "identified by their GRN or carnet.",
    fix="Give the reference for type 8; remove it for types other than 3 and 8.",
    check=_c0130,
    cases=(
        Fires(TIR, _guarantee_type("8"), at=f"{_GUARANTEE}/otherGuaranteeReference", code=13),
        Fires(T1_ROAD, _other_reference, at=f"{_GUARANTEE}/otherGuaranteeReference", code=15),
        Silent(TIR),
        Silent(TIR, _cash_with_other_reference),
    ),
    releases=P5_P6,
)

# ------------------------------------------------------------------------------------------- R0318


def _r0318(ctx: Context[CC015C]) -> Iterator[Outcome]:
    for g in guarantees(ctx):
        length = 24 if g.guarantee_type == "4" else 17
        for ref in g.guarantee_reference:
            if ref.grn is not None and len(ref.grn) != length:
                kind = "a voucher (type 4)" if length == 24 else f"guarantee type {g.guarantee_type}"
                msg = (
                    f"the GRN of {kind} has {length} characters, this one {len(ref.grn)}: "
                    f"check {ctx.label(ref, 'grn')} against the guarantee document"
                )
                yield ctx.violation(ref, "grn", msg)


def _long_grn(m: CC015C) -> None:
    m.guarantee[0].guarantee_reference[0].grn = "26DE0000000000017A123456"


def _voucher_with_long_grn(m: CC015C) -> None:
    m.guarantee[0].guarantee_type = "4"
    _long_grn(m)


R0318 = Rule(
    "R0318",
    "A GRN has 24 characters for guarantee type 4 (vouchers) and 17 for every other type.",
    messages=IE015,
    checks="The GRN of an individual guarantee in the form of vouchers (type 4) has 24 characters; every other "
    "GRN has 17.",
    why="The GRN's length is part of its structure: a voucher number extends the 17-character GRN by the "
    "voucher's own number, and a GRN of the wrong length cannot be found.",
    fix="Copy the GRN from the guarantee certificate or voucher, complete and without additions.",
    check=_r0318,
    cases=(
        Fires(T1_ROAD, _guarantee_type("4"), at=f"{_REFERENCE}/GRN", code=14),
        Fires(T1_ROAD, _long_grn, at=f"{_REFERENCE}/GRN", says="17 characters"),
        Silent(T1_ROAD),
        Silent(T1_ROAD, _voucher_with_long_grn),
    ),
    releases=P5_P6,
)

# ------------------------------------------------------------------------------------------- R0900


def _guarantee_list(ctx: Context[CC015C]) -> tuple[str, str] | None:
    """The list guarantee types must come from (id and who it is for), or None when CL010 is unavailable."""
    office = ctx.message.customs_office_of_departure
    country = office.reference_number[:2]
    if country in ("SM", "AD"):
        return "CL230", f"a movement from {country}"
    in_union = ctx.in_list("CL010", country)
    if in_union is None:
        return None
    if in_union:
        return "CL230", f"a Union movement (departure in {country})"
    return "CL229", f"a common transit movement from {country}"


def _r0900(ctx: Context[CC015C]) -> Iterator[Outcome]:
    msg = ctx.message
    op = msg.transit_operation
    if op.declaration_type == "TIR":
        for g in guarantees(ctx):
            if g.guarantee_type != "B":
                text = f"a TIR declaration is covered by the TIR guarantee: set {ctx.label(g, 'guarantee_type')} to B"
                yield ctx.violation(g, "guarantee_type", text)
        return
    chosen = _guarantee_list(ctx)
    if chosen is None:
        office = msg.customs_office_of_departure
        country = office_country(office.reference_number)
        yield ctx.unchecked(undecided("CL010", country), ctx.path(office, "reference_number"))
        return
    list_id, movement = chosen
    for g in guarantees(ctx):
        allowed = ctx.in_list(list_id, g.guarantee_type)
        if allowed is None:
            yield ctx.unchecked(undecided(list_id, g.guarantee_type), ctx.path(g, "guarantee_type"))
        elif not allowed:
            text = (
                f"guarantee type {g.guarantee_type} cannot cover {movement} under declaration type "
                f"{op.declaration_type}: choose a type of {list_id}"
            )
            yield ctx.violation(g, "guarantee_type", text)


def _departure(office: str, guarantee_type: str) -> Callable[[CC015C], None]:
    def change(m: CC015C) -> None:
        m.customs_office_of_departure.reference_number = office
        m.guarantee[0].guarantee_type = guarantee_type

    change.__name__ = f"departure_{office}_guarantee_type_{guarantee_type}"
    return change


R0900 = Rule(
    "R0900",
    "Guarantee type B for TIR; otherwise from CL230 when departing from the Union, SM or AD, else CL229.",
    messages=IE015,
    checks="A TIR declaration uses guarantee type B. Other declarations use a type of CL230 when the office of "
    "departure is in the Union (CL010), San Marino or Andorra, and a type of CL229 otherwise.",
    why="Which guarantees may cover a movement depends on where it starts: the Union and the common transit "
    "countries accept different guarantee types, and TIR is covered by the carnet's own guarantee chain.",
    fix="Choose a guarantee type allowed for the country of departure (type B for TIR).",
    check=_r0900,
    cases=(
        Fires(TIR, _guarantee_type("1"), at=f"{_GUARANTEE}/guaranteeType", code=14, says="to B"),
        Fires(T1_ROAD, _guarantee_type("9"), at=f"{_GUARANTEE}/guaranteeType", says="CL230"),
        Fires(T1_ROAD, _departure("SM000001", "9"), at=f"{_GUARANTEE}/guaranteeType", says="CL230"),
        Fires(T1_ROAD, _departure("CH001234", "B"), at=f"{_GUARANTEE}/guaranteeType", says="CL229"),
        Silent(T1_ROAD, _departure("CH001234", "9")),
        Silent(T1_ROAD),
        Silent(TIR),
        Undecided(T1_ROAD, at=f"{_GUARANTEE}/guaranteeType", without_lists=("CL230",)),
    ),
    releases=P5_P6,
)

# ------------------------------------------------------------------------------------------- B1898 (transition)


def _b1898(ctx: Context[CC015C]) -> Iterator[Outcome]:
    for g in ctx.message.guarantee:
        for ref in g.guarantee_reference:
            if ref.amount_to_be_covered is not None:
                why = "during the transition period the amount to be covered needs its currency"
                yield from ctx.require(ref, "currency", why, code=None)
            else:
                why = "during the transition period a currency is only declared with an amount to be covered"
                yield from ctx.forbid(ref, "currency", why, code=None)


def _no_currency(m: CC015C) -> None:
    m.guarantee[0].guarantee_reference[0].currency = None


def _no_amount(m: CC015C) -> None:
    m.guarantee[0].guarantee_reference[0].amount_to_be_covered = None


def _neither_amount_nor_currency(m: CC015C) -> None:
    _no_amount(m)
    _no_currency(m)


B1898 = Rule(
    "B1898",
    "Transition: a guarantee currency is required with an amount to be covered and forbidden without one.",
    messages=IE015,
    phases=TRANSITION,
    error_code=50,
    checks="During the transition period 99 03 012 000 Currency is given exactly when 99 03 071 000 Amount to "
    "be covered is.",
    why="Until TPendDate customs convert the declaration to the phase 4 message, where the currency belongs to "
    "the amount and cannot stand alone or be missing beside it.",
    fix="Give the currency of the amount to be covered, or remove the currency when no amount is declared.",
    check=_b1898,
    cases=(
        Fires(T1_ROAD, _no_currency, at=f"{_REFERENCE}/currency", phase="transition", code=50),
        Fires(T1_ROAD, _no_amount, at=f"{_REFERENCE}/currency", phase="transition", says="remove 99 03 012 000"),
        Silent(T1_ROAD, phase="transition"),
        Silent(T1_ROAD, _neither_amount_nor_currency, phase="transition"),
    ),
)
