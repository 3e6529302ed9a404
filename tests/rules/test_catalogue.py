"""Every rule's declared example cases hold, and every implemented rule declares both kinds.

One parametrised test per case kind and rule: a ``Fires`` case must produce findings of its rule at
exactly its paths; a ``Silent`` case must produce none *and* the rule's check must have run (so a
silent case for a rule that does not apply, or for an id that does not exist, fails); ``Undecided``
and ``Suspends`` cases prove what they name.  Failures say which case and why.
"""

from __future__ import annotations

import re

import pytest

from ncts5.rules.cases import failures
from ncts5.rules.declaration import Fires, Rule, Silent, Suspends, Undecided
from ncts5.rules.registry import registry

RULES = registry()

#: Topic modules still declared through the legacy ``@rule``/``not_checkable`` adapters: their
#: examples are still in tests/rules/test_<topic>.py.  Each migration removes its modules from this
#: list; the lead empties it when the last batch lands (ncts5/rules/MIGRATION.md).
NOT_YET_MIGRATED: frozenset[str] = frozenset()


def _migrated() -> list[Rule]:
    return [r for r in RULES.values() if r.topic not in NOT_YET_MIGRATED]


@pytest.mark.parametrize("rule", [r for r in RULES.values() if r.cases], ids=lambda r: r.id)
def test_every_declared_case_holds(rule: Rule) -> None:
    assert failures(rule) == []


@pytest.mark.parametrize("rule", _migrated(), ids=lambda r: r.id)
def test_every_migrated_rule_declares_its_cases_and_explanation(rule: Rule) -> None:
    assert rule.explained, f"{rule.id}: give checks=, why= and fix="
    assert rule.messages, f"{rule.id}: give messages="
    if rule.status == "not-checkable":
        assert rule.reason, f"{rule.id}: a rule without a check gives its reason"
        assert rule.count(Undecided) >= 1, f"{rule.id}: declare an Undecided case"
    elif rule.check is None:
        assert rule.count(Suspends) >= 1, f"{rule.id}: a pure suspension declares a Suspends case"
    else:
        assert rule.count(Fires) >= 1, f"{rule.id}: declare at least one Fires case"
        assert rule.count(Silent) >= 1, f"{rule.id}: declare at least one Silent case"


@pytest.mark.parametrize("rule", _migrated(), ids=lambda r: r.id)
def test_declared_messages_are_the_tables_messages(rule: Rule) -> None:
    """Where a rule applies is declared once and agrees with the generated models' table metadata."""
    assert rule.messages == tuple(sorted({m for m, _ in rule.places})), rule.id


def test_not_yet_migrated_lists_only_modules_that_still_use_the_adapters() -> None:
    topics = {r.topic for r in RULES.values()}
    assert topics >= NOT_YET_MIGRATED
    explained = sorted(t for t in NOT_YET_MIGRATED if all(r.explained for r in RULES.values() if r.topic == t))
    assert not explained, f"migrated: remove {explained} from NOT_YET_MIGRATED"


def test_a_silent_case_fails_for_a_rule_that_did_not_run() -> None:
    """The guard against `silent(t1, "R9999")`: a rule whose check never runs cannot pass silently."""
    final_only = next(r for r in RULES.values() if r.phases == frozenset({"final"}) and r.check is not None)
    stand_in = Rule("R9999", "not a rule", messages=("CC015C",), cases=(Silent("t1-road.xml"),))
    assert any("did not run" in f for f in failures(stand_in))
    in_transition = Rule(final_only.id, final_only.summary, cases=(Silent("t1-road.xml", phase="transition"),))
    assert any("did not run" in f for f in failures(in_transition))


def test_a_case_that_breaks_the_schema_fails() -> None:
    def too_long(m: object) -> None:
        m.transit_operation.lrn = "X" * 40  # type: ignore[attr-defined]

    rule = next(r for r in RULES.values() if r.id == "R0849")
    broken = Rule(rule.id, rule.summary, cases=(Fires("tir.xml", too_long, at="/CC015C/TransitOperation/LRN"),))
    assert any("not a valid message" in f for f in failures(broken))


def test_rule_ids_are_bound_once_under_their_own_name() -> None:
    assert all(re.fullmatch(r"[BCEGR]\d{4}", rid) for rid in RULES)
