"""Rules on places: location of goods, place of loading and unloading."""

from __future__ import annotations

import pytest

import ncts5
from ncts5 import codelists
from ncts5.messages import cc015c as m
from ncts5.messages import cc170c
from ncts5.rules.registry import get
from tests.rules.conftest import fires, silent
from tests.rules.test_consignee import data_dir, lists  # noqa: F401

PLACE_RULES = ("C0382", "C0387", "C0671")


def postcode_location(msg, country, house_number=None, module=m):
    """Location of goods identified by postcode (qualifier T), as in the guide's postcode address."""
    loc = msg.consignment.location_of_goods
    loc.qualifier_of_identification, loc.customs_office, loc.authorisation_number = "T", None, None
    loc.postcode_address = module.PostcodeAddress(house_number=house_number, postcode="20457", country=country)


# ---------------------------------------------------------------- C0382


@pytest.mark.usefixtures("lists")
def test_c0382_house_number_required(t1):
    postcode_location(t1, "DE")
    (finding,) = fires(t1, "C0382")
    assert finding.path == "/CC015C/Consignment/LocationOfGoods/PostcodeAddress/houseNumber"
    assert finding.error_code == 13
    assert finding.data_element == "16 15 081 023"


@pytest.mark.parametrize(("country", "house_number"), [("IE", None), ("LU", None), ("DE", "12")])
@pytest.mark.usefixtures("lists")
def test_c0382_silent(t1, country, house_number):
    postcode_location(t1, country, house_number)
    silent(t1, "C0382")


@pytest.mark.usefixtures("lists")
def test_c0382_in_ie170(ie170):
    postcode_location(ie170, "NL", module=cc170c)
    (finding,) = fires(ie170, "C0382")
    assert finding.path == "/CC170C/Consignment/LocationOfGoods/PostcodeAddress/houseNumber"


@pytest.mark.usefixtures("data_dir")
def test_c0382_not_checked_without_cl198(t1):
    if codelists.available("CL198"):
        pytest.skip("CL198 is packaged")
    postcode_location(t1, "DE")
    silent(t1, "C0382")
    (nc,) = [n for n in ncts5.validate(t1).not_checked if n.rule == "C0382"]
    assert nc.path == "/CC015C/Consignment/LocationOfGoods/PostcodeAddress/houseNumber"
    assert "CL198" in nc.reason


# ---------------------------------------------------------------- C0387


@pytest.mark.parametrize(
    ("group", "xml", "missing", "suffix"),
    [
        ("place_of_loading", "PlaceOfLoading", "country", "country"),
        ("place_of_loading", "PlaceOfLoading", "location", "location"),
        ("place_of_unloading", "PlaceOfUnloading", "country", "country"),
        ("place_of_unloading", "PlaceOfUnloading", "location", "location"),
    ],
)
def test_c0387_country_and_location_without_unlocode(t1, group, xml, missing, suffix):
    cls = m.PlaceOfLoading if group == "place_of_loading" else m.PlaceOfUnloading
    place = cls(country="DE", location="Hamburg")
    setattr(place, missing, None)
    setattr(t1.consignment, group, place)
    (finding,) = fires(t1, "C0387")
    assert finding.path == f"/CC015C/Consignment/{xml}/{suffix}"
    assert finding.error_code == 13
    assert "UN LOCODE" in finding.message


@pytest.mark.parametrize(
    "place", [m.PlaceOfLoading(un_locode="DEHAM"), m.PlaceOfLoading(country="DE", location="Hamburg")]
)
def test_c0387_silent(t1, place):
    t1.consignment.place_of_loading = place
    t1.consignment.place_of_unloading = m.PlaceOfUnloading(un_locode="NLRTM")
    silent(t1, "C0387")


def test_c0387_in_ie170(ie170):
    ie170.consignment.place_of_loading = cc170c.PlaceOfLoading(location="Hamburg")
    (finding,) = fires(ie170, "C0387")
    assert finding.path == "/CC170C/Consignment/PlaceOfLoading/country"


# ---------------------------------------------------------------- C0671


def test_c0671_additional_identifier_needs_operator_or_authorisation(t1):
    t1.consignment.location_of_goods.additional_identifier = "0001"
    (finding,) = fires(t1, "C0671")
    assert finding.path == "/CC015C/Consignment/LocationOfGoods/additionalIdentifier"
    assert finding.error_code == 15
    assert finding.value == "0001"


def test_c0671_silent_with_an_authorisation_number(ie170):
    ie170.consignment.location_of_goods.additional_identifier = "0001"
    silent(ie170, "C0671")


def test_c0671_silent_with_an_economic_operator(t1):
    loc = t1.consignment.location_of_goods
    loc.qualifier_of_identification, loc.customs_office = "X", None
    loc.economic_operator = m.EconomicOperator(identification_number="DE123456789012345")
    loc.additional_identifier = "0001"
    silent(t1, "C0671")


# ---------------------------------------------------------------- not checkable and baselines


@pytest.mark.parametrize("rule_id", ["G0014", "G0500"])
def test_declared_not_checkable_with_a_reason(rule_id):
    r = get(rule_id)
    assert r.status == "not-checkable"
    assert r.reason and r.topic == "places"


@pytest.mark.usefixtures("lists")
def test_place_rules_silent_on_every_example(t1, tir, ie170):
    for msg in (t1, tir, ie170):
        assert not [str(f) for f in ncts5.validate(msg).findings if f.rule in PLACE_RULES]
