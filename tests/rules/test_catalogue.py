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
from ncts5.rules.declaration import Fires, ReleaseNumber, Rule, Silent, Suspends, Undecided
from ncts5.rules.registry import registry

RULES = registry()
#: Every (rule, release) pair: a rule of both releases runs its cases on both releases' examples.
BY_RELEASE: list[tuple[Rule, ReleaseNumber]] = [(r, rel) for rel in ("5", "6") for r in registry(rel).values()]


def _name(pair: tuple[Rule, ReleaseNumber]) -> str:
    return f"{pair[0].id}-P{pair[1]}"


#: Topic modules still declared through the legacy ``@rule``/``not_checkable`` adapters: their
#: examples are still in tests/rules/test_<topic>.py.  Each migration removes its modules from this
#: list; the lead empties it when the last batch lands (ncts5/rules/MIGRATION.md).
NOT_YET_MIGRATED: frozenset[str] = frozenset()


def _migrated() -> list[Rule]:
    return [r for r in RULES.values() if r.topic not in NOT_YET_MIGRATED]


@pytest.mark.parametrize("pair", [p for p in BY_RELEASE if p[0].cases], ids=_name)
def test_every_declared_case_holds(pair: tuple[Rule, ReleaseNumber]) -> None:
    rule, release = pair
    assert failures(rule, release=release) == []


@pytest.mark.parametrize("pair", BY_RELEASE, ids=_name)
def test_every_rule_declares_its_cases_and_explanation_in_each_release(pair: tuple[Rule, ReleaseNumber]) -> None:
    rule, release = pair
    cases = rule.cases_for(release)

    def count(kind: type) -> int:
        return sum(1 for c in cases if isinstance(c, kind))

    where = f"{rule.id} (Phase {release})"
    assert rule.explained, f"{where}: give checks=, why= and fix="
    assert rule.messages, f"{where}: give messages="
    if rule.status == "not-checkable":
        assert rule.reason, f"{where}: a rule without a check gives its reason"
        assert count(Undecided) >= 1, f"{where}: declare an Undecided case"
    elif rule.check is None:
        assert count(Suspends) >= 1, f"{where}: a pure suspension declares a Suspends case"
    else:
        assert count(Fires) >= 1, f"{where}: declare at least one Fires case running on this release"
        assert count(Silent) >= 1, f"{where}: declare at least one Silent case running on this release"


@pytest.mark.parametrize("pair", BY_RELEASE, ids=_name)
def test_declared_messages_are_the_tables_messages(pair: tuple[Rule, ReleaseNumber]) -> None:
    """Where a rule applies is declared once and agrees with each release's table metadata."""
    rule, _ = pair
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
