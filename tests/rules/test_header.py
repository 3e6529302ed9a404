"""B1833, the suspension of C0511, proven with the code list C0511 needs (ncts5 does not package CL610).

A ``Suspends`` case cannot supply code lists yet, so this test does what one would: C0511 fires in the
final phase and is switched off, by B1833, in the transition phase, in the IE015 and the IE170.
"""

from __future__ import annotations

from ncts5.rules.cases import run_case
from ncts5.rules.declaration import Fires
from ncts5.rules.examples import IE170_PRESENTATION, T1_ROAD
from ncts5.rules.options import Phase
from ncts5.rules.registry import RuleSet, rule_set

#: CL610 as a user would import it (test data: here it names the IE015 and the IE170, so that C0511 fires).
CL610 = (("CL610", ("CC015C", "CC170C")),)


def _c0511(example: str, phase: Phase, rules: RuleSet | None = None) -> tuple[list[str], bool]:
    """The paths of C0511's findings in one example and phase, and whether its check ran."""
    result = run_case(Fires(example, with_lists=CL610), phase=phase, rules=rules)
    return [f.path for f in result.findings if f.rule == "C0511"], "C0511" in result.ran


def test_b1833_switches_c0511_off_in_the_transition_phase() -> None:
    assert _c0511(T1_ROAD, "final") == (["/CC015C/correlationIdentifier"], True)
    assert _c0511(T1_ROAD, "transition") == ([], False)


def test_the_suspension_holds_in_the_ie170_too() -> None:
    # "C0511 attached to /*/correlationIdentifier shall be disabled": every message, not only the IE015
    assert _c0511(IE170_PRESENTATION, "final") == (["/CC170C/correlationIdentifier"], True)
    assert _c0511(IE170_PRESENTATION, "transition") == ([], False)


def test_b1833_is_what_switches_c0511_off() -> None:
    everything = rule_set()
    without_b1833 = RuleSet(r for r in everything.rules if r.id != "B1833")
    assert _c0511(T1_ROAD, "transition", without_b1833) == (["/CC015C/correlationIdentifier"], True)
