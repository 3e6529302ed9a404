"""The engine runs the rules it is given, with the code lists it is given, and says which ran."""

from __future__ import annotations

from collections.abc import Iterator

from ncts5 import codelists
from ncts5.messages.cc015c import CC015C
from ncts5.rules import examples
from ncts5.rules.context import Context, Outcome
from ncts5.rules.declaration import FINAL, IE015, TRANSITION, Rule
from ncts5.rules.engine import Run, resolve_options, run
from ncts5.rules.options import Phase
from ncts5.rules.registry import RuleSet


def _always(ctx: Context[CC015C]) -> Iterator[Outcome]:
    consignment = ctx.message.consignment
    yield ctx.violation(consignment, "departure_transport_means", "stand-in finding", index=0)


def _broken(ctx: Context[CC015C]) -> Iterator[Outcome]:
    raise RuntimeError("a bug")


STAND_IN = Rule("R0855", "stand-in", messages=IE015, check=_always)
SUSPENDER = Rule("B1890", "suspends R0855", messages=IE015, phases=TRANSITION, suspends=("R0855",))


def _run(rules: RuleSet, phase: Phase) -> Run:
    message = examples.load(examples.T1_ROAD)
    options = resolve_options(phase=phase, known=rules.rules, codelists=False)
    return run(message, options, rules=rules, codelists=codelists)


def test_a_rule_set_given_as_argument_is_what_runs_and_suspensions_are_data() -> None:
    rules = RuleSet({"R0855": STAND_IN, "B1890": SUSPENDER})
    final = _run(rules, "final")
    assert [f.rule for f in final.findings] == ["R0855"]
    assert final.ran == {"R0855"}
    transition = _run(rules, "transition")
    assert transition.findings == [] and transition.ran == frozenset()


def test_a_crashing_check_is_not_counted_as_run() -> None:
    rules = RuleSet({"R0855": Rule("R0855", "broken", messages=IE015, phases=FINAL, check=_broken)})
    result = _run(rules, "final")
    assert result.ran == frozenset()
    assert [n.rule for n in result.not_checked if "internal error" in n.reason] == ["R0855"]


def test_not_checkable_rules_in_scope_are_recorded() -> None:
    rules = RuleSet({"R0100": Rule("R0100", "not checkable", messages=IE015, reason="needs NCTS state")})
    result = _run(rules, "final")
    assert result.not_checkable == {"R0100"}
