"""Builders for goods items: what they are, how they are packed, what they weigh, and the documents
that travel with them."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from hypothesis import strategies as st

from ncts5.testing.draws import Data, Draw, chance, kg, numbered, pick
from ncts5.testing.identifiers import arcs, codes, mrns
from ncts5.testing.plan import Plan
from ncts5.testing.tables import (
    ADDITIONAL_REFERENCES,
    BULK,
    GOODS,
    SUPPORTING_DOCUMENTS,
    TYPICAL_PACKAGE_KG,
    UNPACKED,
    Goods,
)

__all__ = ["commodity", "document", "goods_for", "goods_measure", "item_documents", "mass", "packaging"]

#: Goods fit for the post (small, packed, not dangerous) and for air freight (no bulk).
_POSTAL_GOODS = tuple(
    g for g in GOODS if g.kg[0] <= 50 and g.un is None and not set(g.packages) & (BULK | UNPACKED) and not g.excise
)
_AIR_GOODS = tuple(g for g in GOODS if not set(g.packages) & BULK and g.kg[1] <= 6000)


def goods_for(plan: Plan) -> tuple[Goods, ...]:
    """The kinds of goods that travel by the plan's inland mode of transport."""
    if plan.mode == "5":
        return _POSTAL_GOODS
    if plan.mode == "4":
        return _AIR_GOODS
    return GOODS


def document(draw: Draw, kinds: Sequence[str], country: str) -> Data:
    """A transport document of one of ``kinds``, numbered in ``country``."""
    return {"type": pick(draw, kinds), "reference_number": f"{country}{draw(codes('99999999'))}"}


def packaging(draw: Draw, goods: Goods, gross: Decimal, marks: str) -> list[Data]:
    """Packages by kind (C0060): bulk not counted, unpacked counted, others counted and marked;
    as many as the mass suggests (at most 5 digits, E1111; marks at most 42 characters, E1105)."""
    kind = pick(draw, goods.packages)
    p: Data = {"type_of_packages": kind}
    if kind not in BULK:
        p["number_of_packages"] = max(1, min(99_999, int(gross) // TYPICAL_PACKAGE_KG.get(kind, 25)))
        if kind not in UNPACKED or chance(draw, 0.3):
            p["shipping_marks"] = marks[:42]
    return numbered([p])


def mass(draw: Draw, plan: Plan, goods: Goods) -> Decimal:
    """The gross mass of one goods item in kg: in the goods' range, or up to 30 kg by post."""
    low, high = (1, 30) if plan.mode == "5" else goods.kg
    gross = Decimal(draw(st.integers(low, high)))
    if chance(draw, 0.2):
        gross += Decimal(draw(st.integers(1, 999))) / 1000
    return kg(gross)


def goods_measure(draw: Draw, plan: Plan, gross: Decimal, *, export: bool) -> Data:
    """Gross mass (B2101 after the transition period) and net mass: required after an export in the
    final phase (C0837), not with the reduced data set (C0837, B1805), never above the gross (R0223)."""
    measure: Data = {"gross_mass": gross}
    if not plan.reduced and ((export and not plan.transition) or chance(draw, 0.6)):
        share = Decimal(draw(st.integers(80, 98))) / 100
        measure["net_mass"] = kg(gross * share) if gross else kg(Decimal(draw(st.integers(1, 500))))
    return measure


def commodity(draw: Draw, plan: Plan, goods: Goods, *, export: bool) -> Data:
    """Description, commodity code and UN number of a goods item."""
    result: Data = {"description_of_goods": goods.description}
    # C0153: the commodity code is required except for TIR without an export (B1834: optional in transition)
    optional = plan.transition or (plan.declaration_type == "TIR" and not export)
    if not optional or chance(draw, 0.8):
        code: Data = {"harmonized_system_sub_heading_code": goods.hs}
        if goods.cn is not None and plan.from_union and chance(draw, 0.5):  # C0821: CN only from the Union
            code["combined_nomenclature_code"] = goods.cn
        result["commodity_code"] = code
    if goods.un is not None:
        result["dangerous_goods"] = numbered([{"un_number": goods.un}])  # E1406: one per item
    return result


def _previous_documents(draw: Draw, plan: Plan, kind: str, export_mrn: str | None) -> list[Data]:
    previous = []
    if export_mrn is not None:
        previous.append({"type": "N830", "reference_number": export_mrn})
    if kind in ("T2", "T2F") and not plan.from_union:
        proof = pick(draw, ("N825", "C620", "N822"))  # T2L, T2LF, T2 declaration (CL178)
        mrn = draw(mrns(pick(draw, ("DE", "IT", "FR")), plan.prepared.year, "T" if proof == "N822" else "J"))
        previous.append({"type": proof, "reference_number": mrn})
    elif not previous and chance(draw, 0.15):
        previous.append({"type": "N337", "reference_number": f"{plan.dep}TS{draw(codes('9999999999'))}"})
    return previous


def _supporting_documents(draw: Draw, plan: Plan, goods: Goods, kind: str) -> list[Data]:
    supporting = []
    if goods.excise and kind in ("T2", "T2F") and plan.from_union and chance(draw, 0.6):
        supporting.append({"type": "C651", "reference_number": draw(arcs(plan.dep, plan.prepared.year))})
    if not plan.from_union and chance(draw, 0.3):
        supporting.append({"type": "NZZZ", "reference_number": f"{plan.dep}EX{draw(codes('99999999'))}"})
    if chance(draw, 0.3):
        doc: Data = {"type": pick(draw, SUPPORTING_DOCUMENTS), "reference_number": f"INV-{draw(codes('9999999'))}"}
        if chance(draw, 0.3):
            doc["document_line_item_number"] = draw(st.integers(1, 40))
        if not plan.reduced and chance(draw, 0.2):  # the guide: none with the reduced data set
            doc["complement_of_information"] = "original attached"  # E1117: at most 26 characters
        supporting.append(doc)
    return supporting


def _additional_references(draw: Draw, plan: Plan, goods: Goods, kind: str) -> list[Data]:
    references = []
    if goods.excise and kind == "T1" and plan.export and chance(draw, 0.6):
        references.append({"type": "C651", "reference_number": draw(arcs(plan.dep, plan.prepared.year))})  # C0015
    if chance(draw, 0.15):
        references.append({"type": pick(draw, ADDITIONAL_REFERENCES)})
    return references


def item_documents(draw: Draw, plan: Plan, goods: Goods, kind: str, export_mrn: str | None) -> Data:
    """Documents of one goods item.

    Export MRNs here only during the transition period (B1000: one; G0991 wants them at house level
    after it).  Union goods leaving a common transit country prove their status (C0035, R0020: CL178).
    Excise goods carry their e-AD: as supporting document when moving as Union goods under duty
    suspension (T2/T2F), as additional reference after an export (T1, C0015, G0424), R0601 and B1922.
    """
    docs: Data = {}
    previous = _previous_documents(draw, plan, kind, export_mrn)
    if previous:
        docs["previous_document"] = numbered(previous)
    supporting = _supporting_documents(draw, plan, goods, kind)
    if supporting:
        docs["supporting_document"] = numbered(supporting)
    references = _additional_references(draw, plan, goods, kind)
    if references:
        docs["additional_reference"] = numbered(references)
    if plan.export and chance(draw, 0.2):
        docs["additional_information"] = numbered([{"code": "20300", "text": "Export"}])
    return docs
