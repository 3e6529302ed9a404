"""Assembling one declaration from its plan, step by step.

:func:`declarations` draws a :class:`~ncts5.testing.plan.Plan` and its
:class:`~ncts5.testing.plan.Levels`, then fills in the consignment, its house consignments and
their goods items in a fixed order of named steps (:class:`_Assembly`), each choosing only among
the values the rules allow given the plan and the earlier steps.  The order is part of the
behaviour: it is the order of the draws, so a seed keeps drawing the same declaration.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from hypothesis import strategies as st

from ncts5.messages.cc015c import CC015C
from ncts5.testing import goods as goods_
from ncts5.testing import header, parties, transport
from ncts5.testing.draws import Data, Draw, chance, countries, kg, not_all_same, numbered, pick, site_of, tweak, vary
from ncts5.testing.identifiers import codes, export_mrns, ucrs
from ncts5.testing.plan import PHASES, Levels, Plan, levels, plans
from ncts5.testing.tables import (
    ADDITIONAL_REFERENCES,
    COMPANY_STEMS,
    SUPPORTING_DOCUMENTS,
    TRANSPORT_DOCUMENTS,
    UNPACKED,
)

__all__ = ["declarations"]

#: Code 30600 (additional information): the consignee is unknown, the goods travel to order.
_CONSIGNEE_UNKNOWN = {"code": "30600", "text": "To order, consignee unknown"}
#: Methods of payment of transport charges (CL116).
_PAYMENT_METHODS = ("A", "D", "H", "Y", "Z")
#: Roles of additional supply chain actors (CL704): consolidator, freight forwarder, manufacturer, warehouse keeper.
_SUPPLY_CHAIN_ROLES = ("CS", "FW", "MF", "WH")


@dataclass
class _Assembly:
    """One declaration under construction: the plan, its levels and the data groups built so far."""

    draw: Draw
    plan: Plan
    levels: Levels
    holder: Data
    authorisations: list[Data]
    operation: Data
    consignment: Data = field(default_factory=dict)
    houses: list[Data] = field(default_factory=list)
    items: list[list[Data]] = field(default_factory=list)
    #: The countries of destination per house consignment, for their consignees.
    destinations: list[str] = field(default_factory=list)
    departure_means: list[Data] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.houses = [{} for _ in self.plan.item_types]
        self.items = [[{} for _ in h] for h in self.plan.item_types]
        self.destinations = [self.plan.country_of_destination] * len(self.houses)

    @property
    def flat(self) -> list[Data]:
        """Every goods item, in declaration order."""
        return [it for h in self.items for it in h]

    def _owners(self, level: str) -> list[Data]:
        return self.houses if level == "house" else self.flat

    # ------------------------------------------------------------------------------------ countries

    def countries_of_dispatch_and_destination(self) -> None:
        """Countries of dispatch and destination (C0909, C0343, B1965, R0506, R0507)."""
        draw, plan, lv, consignment = self.draw, self.plan, self.levels, self.consignment
        if lv.dispatch == "consignment":
            consignment["country_of_dispatch"] = plan.dep
        elif lv.dispatch in ("house", "item"):
            owners = self._owners(lv.dispatch)
            for owner, country in zip(owners, countries(draw, plan.dep, len(owners)), strict=True):
                owner["country_of_dispatch"] = country
        if lv.destination == "consignment":
            consignment["country_of_destination"] = plan.country_of_destination
        elif lv.destination == "house":
            self.destinations = countries(draw, plan.dest, len(self.houses))
            for house, country in zip(self.houses, self.destinations, strict=True):
                house["country_of_destination"] = country
        else:
            flat = self.flat
            for it, country in zip(flat, countries(draw, plan.dest, len(flat)), strict=True):
                it["country_of_destination"] = country

    def modes_of_transport(self) -> None:
        plan, consignment = self.plan, self.consignment
        if plan.container is not None:
            consignment["container_indicator"] = plan.container
        consignment["inland_mode_of_transport"] = plan.mode
        if plan.border_mode is not None:
            consignment["mode_of_transport_at_the_border"] = plan.border_mode

    def references(self) -> None:
        """UCR and transport documents: C0502, B2400 (no item documents after the transition period);
        B1895, B1896 (the first item's transport document when there is no UCR), E1301 during it."""
        draw, plan, level = self.draw, self.plan, self.levels.ucr
        kinds = TRANSPORT_DOCUMENTS[plan.mode]
        year = plan.prepared.year
        if level == "consignment":
            self.consignment["reference_number_ucr"] = draw(ucrs(plan.dep, year))
        elif level in ("house", "item"):
            owners = self._owners(level)
            for owner, ucr in zip(owners, vary([draw(ucrs(plan.dep, year)) for _ in owners]), strict=True):
                owner["reference_number_ucr"] = ucr
        elif level == "consignment-document":
            self.consignment["transport_document"] = numbered([goods_.document(draw, kinds, plan.dep)])
        elif level == "house-document":
            for house in self.houses:
                house["transport_document"] = numbered([goods_.document(draw, kinds, plan.dep)])
        elif level == "item-document" or plan.security != "0":  # "none": only without S&S data (B1896)
            for i, it in enumerate(self.flat):
                if i == 0 or chance(draw, 0.5):
                    it["transport_document"] = numbered([goods_.document(draw, kinds, plan.dep)])

    # -------------------------------------------------------------------------------------- parties

    def consignor(self) -> None:
        """Consignor at one level (C0542, B1820, R0506)."""
        draw, plan = self.draw, self.plan
        if self.levels.consignor == "consignment":
            self.consignment["consignor"] = parties.party(draw, plan.dep)
        elif self.levels.consignor == "house":
            for house, party in zip(
                self.houses, vary([parties.party(draw, plan.dep) for _ in self.houses]), strict=True
            ):
                house["consignor"] = party

    def consignee(self) -> None:
        """Consignee at one level, or code 30600 where it is unknown (C0001, B1823, G0001, B1877)."""
        draw, plan, lv = self.draw, self.plan, self.levels
        if lv.consignee == "consignment":
            self.consignment["consignee"] = parties.party(draw, plan.country_of_destination)
        elif lv.consignee in ("house", "item"):
            owners = self._owners(lv.consignee)
            owner_countries = (
                self.destinations
                if lv.consignee == "house"
                else [it.get("country_of_destination", plan.country_of_destination) for it in self.flat]
            )
            # with code 30600 some of them (at least the first) declare the consignee unknown instead
            unknown = [lv.consignee_unknown and (i == 0 or chance(draw, 0.3)) for i in range(len(owners))]
            known = vary([parties.party(draw, c) for c, u in zip(owner_countries, unknown, strict=True) if not u])
            it_known = iter(known)
            for owner, u in zip(owners, unknown, strict=True):
                if u:
                    owner["additional_information"] = numbered([_CONSIGNEE_UNKNOWN])
                else:
                    owner["consignee"] = next(it_known)
        elif lv.consignee_unknown:
            self.consignment["additional_information"] = numbered([_CONSIGNEE_UNKNOWN])

    def other_parties(self) -> None:
        """Carrier (with S&S data only, R3060-R3062) and additional supply chain actors."""
        draw, plan = self.draw, self.plan
        if plan.security != "0" and chance(draw, 0.3):
            number = parties.other_identification(draw, plan.dep, self.holder["identification_number"])
            self.consignment["carrier"] = {"identification_number": number}
        if chance(draw, 0.15):
            role = pick(draw, _SUPPLY_CHAIN_ROLES)
            actor = {"role": role, "identification_number": parties.identification(draw, plan.dep)}
            self.consignment["additional_supply_chain_actor"] = numbered([actor])

    # ------------------------------------------------------------------------------------ transport

    def location_of_goods(self) -> None:
        """For standard declarations (optional when pre-lodged, C0710, B1804)."""
        if self.plan.additional == "A" or chance(self.draw, 0.3):
            c521 = next((a["reference_number"] for a in self.authorisations if a["type"] == "C521"), None)
            holder_id = self.holder["identification_number"]
            self.consignment["location_of_goods"] = transport.location_of_goods(self.draw, self.plan, holder_id, c521)

    def departure_transport_means(self) -> None:
        """At one level (C0826), different per house consignment (R0506)."""
        draw, plan, level = self.draw, self.plan, self.levels.means
        if level == "consignment":
            self.departure_means = self.consignment["departure_transport_means"] = transport.departure_means(draw, plan)
        elif level == "house":
            per_house = [transport.departure_means(draw, plan) for _ in self.houses]
            if all(means == per_house[0] for means in per_house):
                vehicle = per_house[-1][0]
                per_house[-1] = [{**vehicle, "identification_number": tweak(vehicle["identification_number"])}]
            for house, means in zip(self.houses, per_house, strict=True):
                house["departure_transport_means"] = means
            self.departure_means = per_house[0]

    def countries_of_routing(self) -> None:
        """C0586 (binding itinerary or S&S), B1848 (only and always with S&S)."""
        plan = self.plan
        if plan.transition:
            routing = plan.security != "0"
        else:
            routing = self.operation["binding_itinerary"] == "1" or plan.security != "0" or chance(self.draw, 0.4)
        if routing:
            route = plan.route.countries
            if plan.third_country:
                route += (plan.country_of_destination,)  # "end with the country of destination" (guide, 16 12)
            self.consignment["country_of_routing_of_consignment"] = numbered([{"country": c} for c in route])

    def active_border_transport_means(self) -> None:
        """C0806 (S&S on a standard declaration; never by post), B1806 (a border mode other than rail or
        post during the transition period), R0789/E1406 (one)."""
        plan, border = self.plan, self.plan.border_mode
        if border in (None, "5"):
            return
        required = (plan.security != "0" and plan.additional == "A") or (plan.transition and border != "2")
        if required or chance(self.draw, 0.3):
            means = transport.border_means(self.draw, plan, self.departure_means)
            self.consignment["active_border_transport_means"] = means

    def places_of_loading_and_unloading(self) -> None:
        """C0403, C0191 after the transition period; B1893, B1858 during it."""
        draw, plan = self.draw, self.plan
        if plan.transition:
            loading = plan.security != "0"
            unloading = plan.security != "0" and (
                self.operation.get("specific_circumstance_indicator") != "XXX" or chance(draw, 0.5)
            )
        else:
            loading = plan.additional == "A" or chance(draw, 0.5)
            unloading = plan.security in ("1", "3") or (plan.security == "2" and chance(draw, 0.5))
        if loading:
            self.consignment["place_of_loading"] = transport.place(draw, site_of(plan.departure), short=plan.transition)
        if unloading:
            site = site_of(plan.destination)
            self.consignment["place_of_unloading"] = transport.place(draw, site, short=plan.transition)

    def consignment_documents(self) -> None:
        """Documents for the whole consignment: none during the transition period (E1301)."""
        draw = self.draw
        if self.plan.transition:
            return
        if chance(draw, 0.2):
            doc = {"type": pick(draw, SUPPORTING_DOCUMENTS), "reference_number": f"INV-{draw(codes('9999999'))}"}
            self.consignment["supporting_document"] = numbered([doc])
        if chance(draw, 0.15):
            self.consignment["additional_reference"] = numbered([{"type": pick(draw, ADDITIONAL_REFERENCES)}])

    def transport_charges(self) -> None:
        """Not without S&S data (C0186), at one level (C0337, B1875, E1301, B2400), different where every
        house consignment or item has them (R0506, B1877)."""
        draw, plan = self.draw, self.plan
        if plan.security == "0" or not chance(draw, 0.4):
            return
        if chance(draw, 0.5):
            self.consignment["transport_charges"] = {"method_of_payment": pick(draw, _PAYMENT_METHODS)}
        else:
            owners = self.flat if plan.transition else self.houses
            for owner, method in zip(owners, not_all_same(draw, _PAYMENT_METHODS, len(owners)), strict=True):
                owner["transport_charges"] = {"method_of_payment": method}

    # ---------------------------------------------------------------------------------------- goods

    def goods(self) -> None:
        """House consignments and their goods items: numbering (R0988, R0007), types (C0045), masses
        (R0983, R0994, R0221)."""
        shipper = pick(self.draw, COMPANY_STEMS).upper()
        numbers = iter(range(1, self.plan.items + 1))
        total = Decimal(0)
        for h, (house, house_items, types) in enumerate(
            zip(self.houses, self.items, self.plan.item_types, strict=True), 1
        ):
            total += self._house_consignment(house, house_items, types, numbers, f"{shipper} {h}")
        self.consignment["gross_mass"] = total  # R0994
        self.consignment["house_consignment"] = numbered(self.houses)

    def _house_consignment(
        self, house: Data, house_items: list[Data], types: list[str | None], numbers: Iterator[int], marks: str
    ) -> Decimal:
        """One house consignment: its export MRN after the transition period (G0026) and its goods
        items; a house consignment weighs at least its goods items (R0983).  Returns its gross mass."""
        draw, plan = self.draw, self.plan
        export_mrn: str | None = draw(export_mrns(plan.dep, plan.prepared.year)) if plan.export else None
        if export_mrn is not None and not plan.transition:
            house["previous_document"] = numbered([{"type": "N830", "reference_number": export_mrn}])
        items_gross = Decimal(0)
        counted: list[tuple[str, str]] = []  # (package kind, marks) of the items counting their packages
        for g, (item, kind) in enumerate(zip(house_items, types, strict=True), 1):
            item["goods_item_number"] = g
            item["declaration_goods_item_number"] = next(numbers)
            items_gross += self._goods_item(item, kind, export_mrn, counted, f"{marks}/{g}")
        packing = Decimal(draw(st.integers(1, 40))) if chance(draw, 0.3) else 0  # packing material may add to it
        gross = kg(items_gross + packing)
        house["gross_mass"] = gross
        house["consignment_item"] = house_items
        return gross

    def _goods_item(
        self, item: Data, kind: str | None, export_mrn: str | None, counted: list[tuple[str, str]], marks: str
    ) -> Decimal:
        """One goods item: goods, packages, masses and documents.  Returns its gross mass."""
        draw, plan = self.draw, self.plan
        goods = pick(draw, goods_.goods_for(plan))
        if kind is not None:
            item["declaration_type"] = kind
        item["commodity"] = goods_.commodity(draw, plan, goods, export=export_mrn is not None)
        gross = goods_.mass(draw, plan, goods)
        if counted and chance(draw, 0.05):
            # R0364, R0219-R0221: packed in another item's packages (same kind and marks): 0 packages
            # and a gross mass of 0, the mass being counted with that item
            package_kind, shared_marks = pick(draw, counted)
            item["packaging"] = numbered(
                [{"type_of_packages": package_kind, "number_of_packages": 0, "shipping_marks": shared_marks}]
            )
            gross = Decimal(0)
        else:
            item["packaging"] = goods_.packaging(draw, goods, gross, marks)
            p = item["packaging"][0]
            if p.get("number_of_packages") and p.get("shipping_marks") and p["type_of_packages"] not in UNPACKED:
                counted.append((p["type_of_packages"], p["shipping_marks"]))
        if not plan.transition or chance(draw, 0.9):  # B2101: required after the transition period
            item["commodity"]["goods_measure"] = goods_.goods_measure(draw, plan, gross, export=export_mrn is not None)
        documents = goods_.item_documents(
            draw, plan, goods, kind or plan.declaration_type, export_mrn if plan.transition else None
        )
        information = item.get("additional_information", []) + documents.pop("additional_information", [])
        item.update(documents)
        if information:  # code 30600 drawn with the consignee, then the item's own information
            item["additional_information"] = numbered(
                [{k: v for k, v in i.items() if k != "sequence_number"} for i in information]
            )
        return gross

    # -------------------------------------------------------------------------------------- message

    def equipment(self) -> None:
        equipment = transport.transport_equipment(self.draw, self.plan, self.plan.items)
        if equipment:
            self.consignment["transport_equipment"] = equipment

    def message(self) -> CC015C:
        """The message around the consignment: header, offices, holder, guarantees, representative."""
        draw, plan = self.draw, self.plan
        message: Data = {
            "phase_id": "NCTS5.1",
            "message_sender": self.holder["identification_number"],
            "message_recipient": f"NTA.{plan.dep}",
            "preparation_date_and_time": plan.prepared,
            "message_identification": f"MSG{plan.prepared:%Y%m%d}{draw(codes('999999'))}",
            "message_type": "CC015C",
            "transit_operation": self.operation,
            "authorisation": self.authorisations,
            "customs_office_of_departure": {"reference_number": plan.departure.ref},
            "customs_office_of_destination_declared": {"reference_number": plan.destination.ref},
            "customs_office_of_transit_declared": header.offices_of_transit(draw, plan),
            "holder_of_the_transit_procedure": self.holder,
            "guarantee": header.guarantees(draw, plan),
            "consignment": self.consignment,
        }
        if plan.security in ("2", "3") and plan.route.exit:
            # C0587, G0587: with an exit summary declaration, where the goods leave the security area
            message["customs_office_of_exit_for_transit_declared"] = numbered(
                [{"reference_number": ref} for ref in plan.route.exit]
            )
        if chance(draw, 0.2):
            number = parties.other_identification(draw, plan.dep, self.holder["identification_number"])
            message["representative"] = {"identification_number": number, "status": "2"}
        return CC015C.model_validate(message)


@st.composite
def _declaration(draw: Draw, phase: str) -> CC015C:
    plan: Plan = draw(plans(phase))
    lv = levels(draw, plan)
    holder = parties.holder(draw, plan)
    authorisations = header.authorisations(draw, plan)
    operation = header.transit_operation(draw, plan)
    assembly = _Assembly(draw, plan, lv, holder, authorisations, operation)
    assembly.countries_of_dispatch_and_destination()
    assembly.modes_of_transport()
    assembly.references()
    assembly.consignor()
    assembly.consignee()
    assembly.other_parties()
    assembly.location_of_goods()
    assembly.departure_transport_means()
    assembly.countries_of_routing()
    assembly.active_border_transport_means()
    assembly.places_of_loading_and_unloading()
    assembly.consignment_documents()
    assembly.transport_charges()
    assembly.goods()
    assembly.equipment()
    return assembly.message()


def declarations(*, phase: str = "final") -> st.SearchStrategy[CC015C]:
    """Realistic IE015 declarations with no error finding when validated in ``phase`` (see
    :func:`ncts5.testing.valid_declarations`)."""
    if phase not in PHASES:
        raise ValueError(f"unknown phase {phase!r}: use 'final' or 'transition'")
    return _declaration(phase)
