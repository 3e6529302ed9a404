"""Rules on the parties: holder of the transit procedure, representative, consignor, consignee,
carrier, additional supply chain actors and their contact persons.

Consignee-specific rules (levels, code 30600) are in :mod:`ncts5.rules.consignee`; the helpers
here (name/address, postcode, "not all the same") are shared with it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ncts5.rules.context import Context, Outcome
from ncts5.rules.registry import not_checkable, rule

# ---------------------------------------------------------------- shared helpers


def name_and_address(ctx: Context, party: Any) -> Iterator[Outcome]:
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


def postcode_required(ctx: Context, address: Any) -> Iterator[Outcome]:
    """A missing postcode is wrong unless the address's country has no postcodes (CL505)."""
    if address.postcode is not None:
        return
    without = ctx.in_list("CL505", address.country)
    if without is None:
        yield ctx.unchecked(
            f"code list CL505 (countries without postcodes) is not available for {address.country}",
            ctx.path(address, "postcode"),
        )
    elif not without:
        yield ctx.violation(
            address,
            "postcode",
            f"{address.country} uses postcodes (it is not in CL505): provide {ctx.label(address, 'postcode')}",
            code=13,
        )


def all_the_same(values: list[Any]) -> bool:
    """True when there are at least two values, all present and equal (sequence numbers ignored).

    With a single value there is no "other" occurrence to differ from, so nothing is repeated.
    """

    def norm(v: Any) -> Any:
        if isinstance(v, list):
            return [norm(x) for x in v]
        if hasattr(v, "model_dump"):
            return v.model_dump(exclude={"sequence_number"})
        return v

    if len(values) < 2 or any(v is None or v == [] for v in values):
        return False
    first = norm(values[0])
    return all(norm(v) == first for v in values[1:])


# ---------------------------------------------------------------- name, address, postcode

_NAMED_PARTIES = (
    "HolderOfTheTransitProcedure",
    "Consignment/Consignor",
    "Consignment/Consignee",
    "Consignment/HouseConsignment/Consignor",
    "Consignment/HouseConsignment/Consignee",
)

_ADDRESSES = (
    "HolderOfTheTransitProcedure/Address",
    "Consignment/Consignor/Address",
    "Consignment/Consignee/Address",
    "Consignment/LocationOfGoods/Address",
    "Consignment/HouseConsignment/Consignor/Address",
    "Consignment/HouseConsignment/Consignee/Address",
)


@rule("C0250", "A holder, consignor or consignee without identification number needs name and address.")
def c0250(ctx: Context) -> Iterator[Outcome]:
    for path in _NAMED_PARTIES:
        for party in ctx.all(path):
            yield from name_and_address(ctx, party)


@rule("C0505", "An address needs a postcode unless its country has no postcodes (CL505).")
def c0505(ctx: Context) -> Iterator[Outcome]:
    for path in _ADDRESSES:
        for address in ctx.all(path):
            yield from postcode_required(ctx, address)


# ---------------------------------------------------------------- consignor


@rule(
    "C0542",
    "No consignor with security 0 and the reduced data set; otherwise a consignment-level consignor excludes "
    "house-level ones.",
)
def c0542(ctx: Context) -> Iterator[Outcome]:
    op = ctx.message.transit_operation  # type: ignore[attr-defined]
    cons = ctx.message.consignment  # type: ignore[attr-defined]
    if op.security == "0" and ctx.reduced_data_set:
        why = (
            "without safety and security data (11 07 000 000 Security 0) and with the reduced data set "
            "(11 08 000 000 Reduced dataset indicator 1) no consignor is declared"
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


# ---------------------------------------------------------------- repeated house consignment data

_HOUSE_REPEATS = (
    ("consignor", "declare it once for the whole consignment"),
    ("consignee", "declare it once for the whole consignment"),
    ("departure_transport_means", "declare them once for the whole consignment"),
    ("transport_charges", "declare them once for the whole consignment"),
    ("reference_number_ucr", "declare it once for the whole consignment"),
    ("country_of_destination", "declare it once for the whole consignment"),
    ("country_of_dispatch", "declare it once for the whole consignment"),
)


@rule("R0506", "Data given for every house consignment must not be the same for all of them.")
def r0506(ctx: Context) -> Iterator[Outcome]:
    hcs = ctx.message.consignment.house_consignment  # type: ignore[attr-defined]
    for field, todo in _HOUSE_REPEATS:
        if not hasattr(hcs[0], field):
            continue  # not in this message (IE170 house consignments carry only transport means)
        values = [getattr(hc, field) for hc in hcs]
        if all_the_same(values):
            label = ctx.label(hcs[0], field)
            yield ctx.violation(
                hcs[0],
                field,
                f"all {len(hcs)} house consignments declare the same {label}; {todo} instead",
                index=0 if isinstance(values[0], list) else None,
            )


# ---------------------------------------------------------------- identification numbers

_EORI_TCUIN = re.compile(r"[A-Z]{2}[\x21-\x7E]{1,15}")
_R0850_NUMBERS = (
    "HolderOfTheTransitProcedure",
    "Representative",
    "Consignment/Consignor",
    "Consignment/LocationOfGoods/EconomicOperator",
    "Consignment/HouseConsignment/Consignor",
)


@rule(
    "R0850",
    "Where the declaration is lodged in the EU (CL010), identification numbers are EORI or TCUIN numbers.",
)
def r0850(ctx: Context) -> Iterator[Outcome]:
    office = ctx.message.customs_office_of_departure.reference_number  # type: ignore[attr-defined]
    country = office[:2]
    numbered = [p for path in _R0850_NUMBERS for p in ctx.all(path) if p.identification_number is not None]  # type: ignore[attr-defined]
    if not numbered:
        return
    in_eu = ctx.in_list("CL010", country)
    for party in numbered:
        where = ctx.path(party, "identification_number")
        number = party.identification_number  # type: ignore[attr-defined]
        if in_eu is None:
            yield ctx.unchecked(f"code list CL010 (EU countries) is not available for {country}", where)
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


not_checkable(
    "R0840",
    "Carrier and additional supply chain actor numbers are valid EORI or TCUIN numbers.",
    reason="the format is already enforced by the schema; whether the number is a registered EORI or TCUIN "
    "needs EOS or the TCUIN register",
    module=__name__,
)

# ---------------------------------------------------------------- guidelines with nothing to decide

not_checkable(
    "G0062",
    "R0506/R0507 are not strictly enforced on common domain messages.",
    reason="concerns customs-to-customs messages (CC029C, CD001C) after a control; nothing in the declarant's "
    "message to check",
    module=__name__,
)
not_checkable(
    "G0105",
    "Contact person details serve communication only.",
    reason="states that a contact person carries no legal liability; it sets no condition on the data",
    module=__name__,
)
not_checkable(
    "G0123",
    "A consignor is declared when different from the holder of the transit procedure.",
    reason="who the actual consignor is, and whether it differs from the holder, is not in the message when "
    "the consignor is left out",
    module=__name__,
)
not_checkable(
    "G0201",
    "Only EU member states validate R0840; offices of transit may ask for a new ENS instead of rejecting.",
    reason="concerns how customs offices of transit treat R0840 on CD050C/CD115C messages; nothing in the "
    "declarant's message to check",
    module=__name__,
)
not_checkable(
    "G0825",
    "Documents, references, information and supply chain actors are recorded at the level they relate to.",
    reason="whether information relates to the whole consignment, one house consignment or one item is a "
    "matter of its meaning, not of the data",
    module=__name__,
)
not_checkable(
    "G0850",
    "The representative is declared when the holder uses one.",
    reason="whether the holder uses a representative is not in the message when the representative is left out",
    module=__name__,
)
