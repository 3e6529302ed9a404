"""AUTHORISATION rules: the reduced data set and its TRD authorisation (type C524)."""

from __future__ import annotations

import pytest

from ncts5.messages import cc015c
from ncts5.rules.registry import get
from tests.rules.conftest import fires, silent


def authorisations(*types):
    return [
        cc015c.Authorisation(sequence_number=i, type=t, reference_number=f"DE{t}AUTH{i}")
        for i, t in enumerate(types, 1)
    ]


def reduced(msg, *types):
    """Switch the declaration to the reduced data set with the given authorisation types."""
    msg.transit_operation.reduced_dataset_indicator = "1"
    msg.authorisation = authorisations(*types)


# ------------------------------------------------------------------------------------------- C0101


def test_c0101_reduced_data_set_needs_an_authorisation(t1):
    reduced(t1)
    (finding,) = fires(t1, "C0101")
    assert finding.path == "/CC015C/Authorisation"
    assert finding.data_element == "12 12 000 000"
    assert finding.error_code == 13
    assert "C524" in finding.message


def test_c0101_silent_with_an_authorisation_or_without_reduced_data_set(t1):
    silent(t1, "C0101")
    reduced(t1, "C524")
    silent(t1, "C0101")


# ------------------------------------------------------------------------------------------- R0859


def test_r0859_reduced_data_set_needs_a_c524_authorisation(t1):
    reduced(t1, "C521")
    (finding,) = fires(t1, "R0859")
    assert finding.path == "/CC015C/Authorisation[1]/type"
    assert finding.data_element == "12 12 002 000"
    assert finding.error_code == 14
    assert finding.value == "C521"


def test_r0859_reports_the_missing_group_when_there_is_no_authorisation(t1):
    reduced(t1)
    (finding,) = fires(t1, "R0859")
    assert finding.path == "/CC015C/Authorisation"


def test_r0859_no_c524_without_the_reduced_data_set(t1):
    t1.authorisation = authorisations("C521", "C524")
    (finding,) = fires(t1, "R0859")
    assert finding.path == "/CC015C/Authorisation[2]/type"
    assert finding.value == "C524"


@pytest.mark.parametrize("types", [("C524",), ("C521", "C524")])
def test_r0859_silent_with_c524_on_reduced_data_set(t1, types):
    reduced(t1, *types)
    silent(t1, "R0859")


def test_r0859_silent_on_baselines(t1, tir):
    silent(t1, "R0859")
    silent(tir, "R0859")


# ------------------------------------------------------------------------------------------- R0350


@pytest.mark.parametrize("mode", ["1", "2", "4"])
def test_r0350_reduced_data_set_by_sea_rail_or_air_needs_c524(t1, mode):
    reduced(t1, "C521")
    t1.consignment.inland_mode_of_transport = mode
    (finding,) = fires(t1, "R0350")
    assert finding.path == "/CC015C/Authorisation[1]/type"
    assert finding.error_code == 14
    assert f"Inland mode of transport {mode}" in finding.message


def test_r0350_silent_for_road_or_with_c524(t1):
    reduced(t1, "C521")
    silent(t1, "R0350")  # road (3): only R0859 applies
    t1.consignment.inland_mode_of_transport = "2"
    t1.authorisation = authorisations("C521", "C524")
    silent(t1, "R0350")


# ------------------------------------------------------------------------------------------- not checkable


@pytest.mark.parametrize("rule_id", ["R0352", "G0033", "G0167", "G0114", "G0117", "G0102"])
def test_rules_needing_customs_decisions_are_not_checkable(rule_id):
    r = get(rule_id)
    assert r.status == "not-checkable"
    assert r.reason
