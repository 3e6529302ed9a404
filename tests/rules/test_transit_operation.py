"""R0849 and the other TRANSIT OPERATION rules."""

from __future__ import annotations

from datetime import date

import pytest

import ncts5
from ncts5.messages import cc015c
from ncts5.rules.registry import get
from tests.rules.conftest import fires, silent


def test_r0849_fires_for_tir_with_reduced_data_set(tir):
    tir.transit_operation.reduced_dataset_indicator = "1"
    (finding,) = fires(tir, "R0849")
    assert finding.path == "/CC015C/TransitOperation/reducedDatasetIndicator"
    assert finding.data_element == "11 08 000 000"
    assert finding.value == "1"
    assert finding.error_code == 14
    assert "set 11 08 000 000 Reduced dataset indicator to 0" in finding.message


def test_r0849_silent_for_tir_without_reduced_data_set(tir):
    silent(tir, "R0849")


def test_r0849_silent_for_t1_with_reduced_data_set(t1):
    t1.transit_operation.reduced_dataset_indicator = "1"
    silent(t1, "R0849")


# ------------------------------------------------------------------------------------------- C0411 TIR carnet


def test_c0411_requires_carnet_number_for_tir(tir):
    tir.transit_operation.tir_carnet_number = None
    (finding,) = fires(tir, "C0411")
    assert finding.path == "/CC015C/TransitOperation/TIRCarnetNumber"
    assert finding.data_element == "12 06 000 000"
    assert finding.error_code == 13


def test_c0411_forbids_carnet_number_outside_tir(t1):
    t1.transit_operation.tir_carnet_number = "XA30123456"
    (finding,) = fires(t1, "C0411")
    assert finding.path == "/CC015C/TransitOperation/TIRCarnetNumber"
    assert finding.error_code == 15
    assert finding.value == "XA30123456"
    assert "remove 12 06 000 000" in finding.message


def test_c0411_silent_on_baselines(t1, tir):
    silent(t1, "C0411")
    silent(tir, "C0411")


# ------------------------------------------------------------------------------------------- R0990 carnet format


@pytest.mark.parametrize("number", ["1234567", "25000000", "240012"])
def test_r0990_rejects_numbers_outside_the_an10_an11_iru_series(tir, number):
    tir.transit_operation.tir_carnet_number = number
    (finding,) = fires(tir, "R0990")
    assert finding.path == "/CC015C/TransitOperation/TIRCarnetNumber"
    assert finding.error_code == 14
    assert finding.value == number


@pytest.mark.parametrize("number", ["XA30123456", "XE28707033", "FX97370960", "XX959792193", "HX877242599"])
def test_r0990_accepts_iru_series_numbers(tir, number):
    tir.transit_operation.tir_carnet_number = number
    silent(tir, "R0990")


# ------------------------------------------------------------------------------------------- R0911 San Marino


def test_r0911_requires_t2_from_san_marino_to_the_union(t1):
    t1.customs_office_of_departure.reference_number = "SM000001"
    (finding,) = fires(t1, "R0911")
    assert finding.path == "/CC015C/TransitOperation/declarationType"
    assert finding.error_code == 14
    assert finding.value == "T1"
    assert "T2 or T2F" in finding.message


@pytest.mark.parametrize("declaration_type", ["T2", "T2F"])
def test_r0911_silent_for_t2_from_san_marino(t1, declaration_type):
    t1.customs_office_of_departure.reference_number = "SM000001"
    t1.transit_operation.declaration_type = declaration_type
    silent(t1, "R0911")


def test_r0911_silent_when_destination_is_outside_the_union(t1):
    t1.customs_office_of_departure.reference_number = "SM000001"
    t1.customs_office_of_destination_declared.reference_number = "CH001234"
    silent(t1, "R0911")


def test_r0911_silent_for_departure_outside_san_marino(t1):
    silent(t1, "R0911")


# ------------------------------------------------------------------------------------------- C0839 limit date


def _authorised_consignor(msg):
    msg.authorisation = [cc015c.Authorisation(sequence_number=1, type="C521", reference_number="DEACRA1234")]


def test_c0839_requires_limit_date_for_authorised_consignor(t1):
    _authorised_consignor(t1)
    (finding,) = fires(t1, "C0839")
    assert finding.path == "/CC015C/TransitOperation/limitDate"
    assert finding.data_element == "15 11 000 000"
    assert finding.error_code == 13


def test_c0839_forbids_limit_date_without_authorised_consignor(t1):
    t1.transit_operation.limit_date = date(2026, 3, 9)
    (finding,) = fires(t1, "C0839")
    assert finding.path == "/CC015C/TransitOperation/limitDate"
    assert finding.error_code == 15
    assert finding.value == "2026-03-09"


def test_c0839_silent_for_authorised_consignor_with_limit_date(t1):
    _authorised_consignor(t1)
    t1.transit_operation.limit_date = date(2026, 3, 9)
    silent(t1, "C0839")


def test_c0839_limit_date_optional_when_pre_lodged(t1):
    _authorised_consignor(t1)
    t1.transit_operation.additional_declaration_type = "D"
    silent(t1, "C0839")


# ------------------------------------------------------------------------------------------- C0904 TIR holder id


def test_c0904_requires_tir_holder_id_for_tir(tir):
    tir.holder_of_the_transit_procedure.tir_holder_identification_number = None
    (finding,) = fires(tir, "C0904")
    assert finding.path == "/CC015C/HolderOfTheTransitProcedure/TIRHolderIdentificationNumber"
    assert finding.data_element == "13 07 078 000"
    assert finding.error_code == 13


def test_c0904_forbids_tir_holder_id_outside_tir(t1):
    t1.holder_of_the_transit_procedure.tir_holder_identification_number = "DEU/123/45"
    (finding,) = fires(t1, "C0904")
    assert finding.error_code == 15
    assert finding.value == "DEU/123/45"


def test_c0904_silent_on_baselines(t1, tir):
    silent(t1, "C0904")
    silent(tir, "C0904")


def test_c0904_not_checked_on_ie170_without_the_declaration_type(ie170):
    silent(ie170, "C0904")
    report = ncts5.validate(ie170)
    assert any(n.rule == "C0904" and "IE015" in n.reason for n in report.not_checked)


def test_r0100_is_declared_not_checkable():
    r = get("R0100")
    assert r.status == "not-checkable"
    assert r.reason
