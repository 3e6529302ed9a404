"""Builders for the parties of a declaration: holder, consignor, consignee, contact persons, and the
names, addresses and numbers that identify them."""

from __future__ import annotations

from typing import cast

from hypothesis import strategies as st

from ncts5.testing.draws import Data, Draw, chance, pick, tweak
from ncts5.testing.identifiers import codes, eori_numbers
from ncts5.testing.plan import Plan
from ncts5.testing.tables import COMPANY_STEMS, COMPANY_TRADES, COUNTRIES, FIRST_NAMES, LAST_NAMES, Site

__all__ = ["address", "company", "contact", "holder", "identification", "other_identification", "party"]


def company(draw: Draw, country: str) -> str:
    """A company name of at most 35 characters (E1104 during the transition period)."""
    stem, trade = pick(draw, COMPANY_STEMS), pick(draw, COMPANY_TRADES)
    form = pick(draw, COUNTRIES[country].legal_forms)
    name = f"{stem} {trade} {form}"
    return name if len(name) <= 35 else f"{stem} {form}"


def address(draw: Draw, country: str, site: Site | None = None) -> Data:
    """Street, postcode (C0505; at most 9 characters, E1102), city and country."""
    c = COUNTRIES[country]
    site = site or pick(draw, c.sites)
    result: Data = {"street_and_number": f"{pick(draw, c.streets)} {draw(st.integers(1, 180))}"}
    if site.postcode:  # none where the country has no postcodes (CL505)
        result["postcode"] = site.postcode
    return {**result, "city": site.city, "country": country}


def contact(draw: Draw, country: str) -> Data:
    """A contact person with a telephone number of ``country`` and, half of the time, an e-mail address."""
    first, last = pick(draw, FIRST_NAMES), pick(draw, LAST_NAMES)
    phone = f"+{COUNTRIES[country].calling_code} {draw(codes('999 9999999'))}"
    person: Data = {"name": f"{first} {last}", "phone_number": phone}
    if chance(draw, 0.5):
        person["e_mail_address"] = f"{first.lower()}.{last.lower()}@example.{country.lower()}"
    return person


def identification(draw: Draw, country: str) -> str:
    """An EORI number in the Union, the national trader number elsewhere (CHE + UID, NO + organisation number)."""
    if country == "CH":
        return f"CHE{draw(codes('999999999'))}"
    if country in ("NO", "US", "CN", "JP", "AE"):
        return f"{country}{draw(codes('999999999'))}"
    return cast(str, draw(eori_numbers(country)))


def other_identification(draw: Draw, country: str, holder_id: str) -> str:
    """A number that is not the holder's (the carrier and the representative are other persons, G0090)."""
    number = identification(draw, country)
    return tweak(number) if number == holder_id else number


def party(draw: Draw, country: str) -> Data:
    """A consignor or consignee: by number, by name and address, or both (C0250 needs one of them)."""
    how = pick(draw, ("id", "both", "both", "name"))
    result: Data = {}
    if how != "name":
        result["identification_number"] = identification(draw, country)
    if how != "id":
        result["name"] = company(draw, country)
        result["address"] = address(draw, country)
    return result


def holder(draw: Draw, plan: Plan) -> Data:
    """The holder, established in the country of departure and identified by number (R0850, G0120)."""
    country = plan.dep
    result: Data = {"identification_number": identification(draw, country)}
    if chance(draw, 0.7):
        result["name"] = company(draw, country)
        result["address"] = address(draw, country)
    if plan.declaration_type == "TIR":  # C0904
        code = COUNTRIES[country].tir_code
        result["tir_holder_identification_number"] = f"{code}/{draw(st.integers(1, 999))}/{draw(st.integers(1, 99999))}"
    if chance(draw, 0.4):
        result["contact_person"] = contact(draw, country)
    return result
