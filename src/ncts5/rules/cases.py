"""Running a rule's declared example cases, and saying exactly why one does not hold.

``tests/rules/test_catalogue.py`` runs every case of every rule through :func:`failures`; anyone
changing a rule can do the same from a shell::

    python -c "from ncts5.rules.cases import failures; from ncts5.rules.registry import get; \\
print(failures(get('R0849')))"

A case's message is the named example, changed by the case's typed function, written to XML and
read back: a change that makes it schema-invalid is a failure of the case, never a silent pass.
The engine's :class:`~ncts5.rules.engine.Run` says which checks ran, so a *silent* case for a rule
that does not apply (wrong message, wrong phase, suspended, misspelt id) fails.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from ncts5.codelists.model import CheckResult
from ncts5.errors import NCTSError
from ncts5.messages.catalogue import Release
from ncts5.messages.message import Message
from ncts5.rules import examples
from ncts5.rules.context import CodeLists
from ncts5.rules.declaration import Case, Fires, Rule, Silent, Suspends, Undecided
from ncts5.rules.engine import Run, resolve_options, run
from ncts5.rules.options import Phase
from ncts5.rules.registry import RuleSet, rule_set


@dataclass(frozen=True)
class _Adjusted:
    """The installed code lists as a case declares them: lists it supplies (as if the user had imported
    them, ``with_lists``) and lists it leaves out (no data, ``without_lists``; ``"offices"`` for the roles)."""

    installed: CodeLists
    given: dict[str, frozenset[str]]
    missing: frozenset[str]

    def check(self, list_id: str, value: str, on: date | None = None) -> CheckResult:
        if list_id in self.missing:
            reason = f"code list {list_id} is not available (left out by the example)"
            return CheckResult(list_id=list_id, value=value, status="not-checked", reason=reason)
        codes = self.given.get(list_id)
        if codes is None:
            return self.installed.check(list_id, value, on=on)
        if value in codes:
            return CheckResult(list_id, value, "valid", f"{value!r} is in {list_id} (given by the example)")
        return CheckResult(list_id, value, "invalid", f"{value!r} is not in {list_id} (given by the example)")

    def office_has_role(self, reference_number: str, role: str, on: date | None = None) -> bool | None:
        if "offices" in self.missing:
            return None
        return self.installed.office_has_role(reference_number, role, on=on)


def message_of(case: Case, release: Release = "5") -> Message:
    """The case's example in ``release`` with its change applied, written to XML and read back (schema-checked).

    Writing and reading back also makes a change that built Phase 5 data groups (a check's example
    changes are typed against the Phase 5 models) into the Phase 6 ones, by their XML names.
    """
    from ncts5.xml.reader import from_xml

    message = examples.load(case.example, release)
    if case.change is not None:
        case.change(message)
    return from_xml(message.to_xml(), release=release)


def run_case(
    case: Case,
    *,
    phase: Phase | None = None,
    rules: RuleSet | None = None,
    codelists: CodeLists | None = None,
    release: Release = "5",
) -> Run:
    """One engine run of the case's message, in the case's phase (or ``phase``)."""
    from ncts5 import codelists as installed

    lists: CodeLists = codelists or installed
    given = getattr(case, "with_lists", ())
    without = getattr(case, "without_lists", ())
    if given or without:
        lists = _Adjusted(lists, {list_id: frozenset(codes) for list_id, codes in given}, frozenset(without))
    options = resolve_options(phase=phase or getattr(case, "phase", "final"), profile=getattr(case, "profile", None))
    return run(message_of(case, release), options, rules=rules or rule_set(), codelists=lists)


def _describe(case: Case, release: Release) -> str:
    change = getattr(case.change, "__name__", "unchanged").strip("_").replace("_", " ")
    phase = getattr(case, "phase", "final")
    return f"{type(case).__name__}({case.example}, {change}, {phase}, Phase {release})"


def failures(rule: Rule, rules: RuleSet | None = None, release: Release | None = None) -> list[str]:
    """Why each case of ``rule`` does not hold, on every release it belongs to (or ``release``)."""
    found: list[str] = []
    for number in (release,) if release else rule.release_numbers:
        for case in rule.cases_for(number):
            try:
                problems = _case_failures(rule, case, rules or rule_set(), number)
            except NCTSError as exc:
                problems = [f"the example is not a valid message after its change: {exc}"]
            found += [f"{rule.id} {_describe(case, number)}: {p}" for p in problems]
    return found


def _case_failures(rule: Rule, case: Case, rules: RuleSet, release: Release) -> list[str]:
    if isinstance(case, Suspends):
        return _suspension_failures(rule, case, rules)
    result = run_case(case, rules=rules, release=release)
    mine = [f for f in result.findings if f.rule == rule.id]
    crashed = [n.reason for n in result.not_checked if n.rule == rule.id and "internal error" in n.reason]
    if crashed:
        return crashed
    if isinstance(case, Fires):
        return _fires_failures(case, mine)
    if isinstance(case, Silent):
        problems = [f"fired: {f}" for f in mine]
        if rule.id not in result.ran:
            problems.append("the rule did not run (wrong message or phase, suspended, or no check)")
        return problems
    return _undecided_failures(rule, case, result, mine)


def _fires_failures(case: Fires, mine: list[Any]) -> list[str]:
    problems = []
    paths = sorted(f.path for f in mine)
    if paths != sorted(case.paths):
        problems.append(f"expected findings at {sorted(case.paths)}, got {paths}")
    if not case.paths:
        problems.append("a Fires case must list the paths of its findings")
    for f in mine:
        if case.code is not None and f.error_code != case.code:
            problems.append(f"error code {f.error_code} instead of {case.code}: {f}")
        if case.says is not None and case.says not in f.message:
            problems.append(f"message lacks {case.says!r}: {f.message}")
    return problems


def _undecided_failures(rule: Rule, case: Undecided, result: Run, mine: list[Any]) -> list[str]:
    problems = [f"fired: {f}" for f in mine]
    if rule.status == "not-checkable":
        if rule.id not in result.not_checkable:
            problems.append("the rule is not in scope for this message and phase")
        return problems
    reported = [n for n in result.not_checked if n.rule == rule.id]
    if not reported:
        problems.append("the rule was not reported as not checked")
    elif case.at is not None and case.at not in {n.path for n in reported}:
        problems.append(f"not checked at {[n.path for n in reported]}, expected {case.at}")
    return problems


def _suspension_failures(rule: Rule, case: Suspends, rules: RuleSet) -> list[str]:
    problems = []
    if not rule.suspends:
        return ["a Suspends case belongs to a rule that suspends others"]
    final = run_case(case, phase="final", rules=rules)
    transition = run_case(case, phase="transition", rules=rules)
    for suspended in (case.of,) if case.of else rule.suspends:
        if not any(f.rule == suspended for f in final.findings):
            problems.append(f"{suspended} does not fire in the final phase, so the example proves nothing")
        if any(f.rule == suspended for f in transition.findings):
            problems.append(f"{suspended} still fires in the transition phase")
    return problems
