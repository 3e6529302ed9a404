"""Builders for the data groups at the top of a declaration: transit operation, authorisations,
guarantees and the customs offices of transit."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from hypothesis import strategies as st

from ncts5.testing.draws import Data, Draw, chance, numbered, pick
from ncts5.testing.identifiers import codes, grns, lrns, tir_carnet_numbers
from ncts5.testing.plan import Plan
from ncts5.testing.tables import COUNTRIES

__all__ = ["authorisations", "guarantees", "offices_of_transit", "transit_operation"]


def transit_operation(draw: Draw, plan: Plan) -> Data:
    """LRN, declaration types, security and indicators, and the optional items that follow from them."""
    op: Data = {
        "lrn": draw(lrns(plan.dep, plan.prepared.year)),
        "declaration_type": plan.declaration_type,
        "additional_declaration_type": plan.additional,
        "security": plan.security,
        "reduced_dataset_indicator": "1" if plan.reduced else "0",  # R0849: never for TIR
        "binding_itinerary": "0",
    }
    if plan.declaration_type == "TIR":  # C0411, R0990: an IRU carnet number
        op["tir_carnet_number"] = draw(tir_carnet_numbers())
    # C0586 / B1848: a binding itinerary lists the countries of routing, which the transition period
    # allows only with safety and security data
    if (not plan.transition or plan.security != "0") and chance(draw, 0.2):
        op["binding_itinerary"] = "1"
    if plan.security in ("2", "3") and chance(draw, 0.2):
        op["specific_circumstance_indicator"] = "A20"  # express consignment
    elif plan.security != "0" and chance(draw, 0.15):
        op["specific_circumstance_indicator"] = "XXX"  # AEO
    if chance(draw, 0.3):
        op["communication_language_at_departure"] = pick(draw, (COUNTRIES[plan.dep].language, "EN"))
    if "C521" in plan.authorisations and (plan.additional == "A" or chance(draw, 0.5)):
        # C0839: an authorised consignor sets the date by which the goods are to be presented
        op["limit_date"] = plan.prepared.date() + timedelta(days=draw(st.integers(3, 10)))
    return op


#: Authorisation type -> the letters national authorisation numbers of the type carry.
_AUTHORISATION_LETTERS = {"C521": "ACR", "C523": "SSE", "C524": "TRD"}


def authorisations(draw: Draw, plan: Plan) -> list[Data]:
    """The plan's authorisations, each with a national reference number."""
    return numbered(
        [
            {"type": kind, "reference_number": f"{plan.dep}{_AUTHORISATION_LETTERS[kind]}{draw(codes('9999999999'))}"}
            for kind in plan.authorisations
        ]
    )


def _guarantee_types(draw: Draw, plan: Plan) -> list[str]:
    """R0900: B for TIR; CL230 when departing from the Union (R only on the Rhine); CL229 otherwise."""
    if plan.declaration_type == "TIR":
        return ["B"]
    if plan.from_union:
        options = ["0", "1", "1", "1", "2", "3", "4", "5", "8"] + (["R"] if plan.mode == "8" else [])
    else:
        options = ["0", "1", "1", "2", "3", "4", "9"]
    kinds = [pick(draw, options)]
    if chance(draw, 0.15):
        kinds.append(pick(draw, [k for k in ("1", "2", "3") if k != kinds[0]]))
    return kinds


def _guarantee_reference(draw: Draw, plan: Plan, kind: str) -> Data:
    ref: Data = {}
    if kind in ("0", "1", "2", "4", "9"):  # C0086: GRN and access code exactly for CL286
        ref["grn"] = draw(grns(plan.dep, plan.prepared.year - 1, voucher=kind == "4"))
        ref["access_code"] = draw(codes("XXXX"))  # E1118: 4 characters
    # B2101 wants amount and currency after the transition period; B1898 pairs them during it
    if not plan.transition or chance(draw, 0.6):
        ref["amount_to_be_covered"] = Decimal(draw(st.integers(100_000, 50_000_000))) / 100
        ref["currency"] = pick(draw, ("EUR", COUNTRIES[plan.dep].currency))
    return ref


def guarantees(draw: Draw, plan: Plan) -> list[Data]:
    """One or two guarantees of the types the declaration allows, with their references."""
    out = []
    for kind in _guarantee_types(draw, plan):
        g: Data = {"guarantee_type": kind}
        if kind == "8" or (kind == "3" and chance(draw, 0.3)):
            g["other_guarantee_reference"] = f"{plan.dep}-{draw(codes('99999999'))}"  # C0130
        if kind in ("0", "1", "2", "3", "4", "5", "9"):  # C0085: the types of CL076 carry references
            count = 2 if kind == "1" and chance(draw, 0.15) else 1
            g["guarantee_reference"] = numbered([_guarantee_reference(draw, plan, kind) for _ in range(count)])
        out.append(g)
    return numbered(out)


def offices_of_transit(draw: Draw, plan: Plan) -> list[Data]:
    """The route's offices of transit, a day apart, with an estimated arrival where it is needed."""
    out = []
    for day, ref in enumerate(plan.route.transit, 1):
        office: Data = {"reference_number": ref}
        # C0598 (ENS: arrival at offices in the security area), B1831 (S&S from outside the Union during
        # the transition period); R0005: after the message was prepared
        if plan.security != "0" or chance(draw, 0.3):
            hours = draw(st.integers(1, 9))
            office["arrival_date_and_time_estimated"] = plan.prepared + timedelta(days=day, hours=hours)
        out.append(office)
    return numbered(out)
