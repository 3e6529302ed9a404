"""Running rules over a message: phases, suspensions, profiles, ordering.

The engine decides *which* rules run (message, phase, transition suspensions, user profile) and
turns check outcomes into findings; the checks themselves know nothing of this.  It receives the
rules (a :class:`~ncts5.rules.registry.RuleSet`) and the code lists as arguments and keeps no
state between runs.  :class:`Run` also records which rules' checks ran, so an example can prove
that a rule was executed rather than merely silent.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date

from ncts5.messages.message import Message
from ncts5.report import Finding, NotChecked
from ncts5.rules.codelist_fields import check_codelists
from ncts5.rules.context import CodeLists, Context, Unchecked, Violation
from ncts5.rules.national import check_national
from ncts5.rules.options import TPEND_DATE, Options, OptionsError
from ncts5.rules.options import resolve_options as _resolve
from ncts5.rules.profiles import Profile
from ncts5.rules.registry import Rule, RuleSet, known_ids, message_places, rule_set

__all__ = [
    "TPEND_DATE",
    "Options",
    "OptionsError",
    "Run",
    "applicable",
    "resolve_options",
    "run",
    "sort_findings",
]


def resolve_options(
    *,
    phase: str | None = None,
    decisive_date: date | None = None,
    tpend_date: date | None = None,
    disable: Iterable[str] = (),
    warn: Iterable[str] = (),
    profile: str | Profile | None = None,
    codelists: bool = True,
    known: Collection[str] | None = None,
) -> Options:
    """:func:`ncts5.rules.options.resolve_options`; rule ids are checked against ``known`` (default: all)."""
    return _resolve(
        known=known_ids() if known is None else known,
        phase=phase,
        decisive_date=decisive_date,
        tpend_date=tpend_date,
        disable=disable,
        warn=warn,
        profile=profile,
        codelists=codelists,
    )


_INDEX = re.compile(r"\[(\d+)\]")


def _path_key(path: str) -> tuple[object, ...]:
    return tuple(int(p) if p.isdigit() else p for p in _INDEX.split(path))


def sort_findings(findings: list[Finding]) -> list[Finding]:
    """Document order, then rule id: the same input always gives the same list."""
    return sorted(findings, key=lambda f: (_path_key(f.path), f.rule, f.message))


def applicable(message_name: str, options: Options) -> list[Rule]:
    """The rules whose check runs for this message in this phase, after suspensions and profile."""
    from ncts5.messages.catalogue import message_class

    return list(rule_set().runnable(message_class(message_name), options.phase, options.disable))


def _undeclared(message: Message, rules: RuleSet) -> list[NotChecked]:
    """Every rule id of the message's DDNTA table that ``rules`` has no declaration of for its release.

    With the packaged catalogue there are none (tests/rules/test_catalogue.py keeps it so); a caller's
    own rule set may lack some, and a report must then say so rather than look complete.
    """
    cls = type(message)
    here = rules.of(cls.release)
    reason = f"ncts5 has no Phase {cls.release} declaration of this rule in the rule set it was given"
    return [NotChecked(rid, reason) for rid in message_places(cls) if rid not in here]


@dataclass(frozen=True)
class Run:
    """What one engine run found, and which rules it ran.

    ``ran`` holds the ids whose check was executed to the end; ``not_checkable`` the ids of rules
    in scope for this message and phase that cannot be decided offline (they are never reported
    as passing, and not repeated in every report either: ``ncts5 rules`` lists them).
    """

    findings: list[Finding]
    not_checked: list[NotChecked]
    ran: frozenset[str]
    not_checkable: frozenset[str]


def run(message: Message, options: Options, *, rules: RuleSet, codelists: CodeLists) -> Run:
    """Every finding and every not-checked rule for one schema-valid message."""
    ctx: Context[Message] = Context(
        message, phase=options.phase, decisive_date=options.decisive_date, codelists=codelists
    )
    findings: list[Finding] = []
    unchecked: list[NotChecked] = []
    ran: set[str] = set()
    for r in rules.runnable(type(message), options.phase, options.disable):
        assert r.check is not None  # runnable() keeps only rules with a check
        severity = "warning" if r.id in options.warn else r.severity
        try:
            outcomes = list(r.check(ctx))
        except Exception as exc:  # a bug in one check must not hide every other finding
            unchecked.append(NotChecked(r.id, f"internal error in ncts5's check: {type(exc).__name__}: {exc}"))
            continue
        ran.add(r.id)
        for o in outcomes:
            if isinstance(o, Violation):
                code = o.error_code if o.error_code is not None else r.error_code
                findings.append(Finding(r.id, severity, o.path, o.data_element, o.message, code, o.value))
            elif isinstance(o, Unchecked):
                unchecked.append(NotChecked(r.id, o.reason, o.path))
    unchecked.extend(_undeclared(message, rules))
    if options.national:
        national_findings, national_unchecked = check_national(ctx, options)
        findings.extend(national_findings)
        unchecked.extend(national_unchecked)
    if options.codelists:
        cl_findings, cl_unchecked = check_codelists(ctx, options)
        findings.extend(cl_findings)
        unchecked.extend(cl_unchecked)
    seen: set[tuple[str, str | None, str]] = set()
    unique_unchecked = []
    for n in unchecked:
        key = (n.rule, n.path, n.reason)
        if key not in seen:
            seen.add(key)
            unique_unchecked.append(n)
    unique_unchecked.sort(key=lambda n: (n.rule, n.path or "", n.reason))
    not_checkable = frozenset(r.id for r in rules.in_scope(type(message), options.phase) if r.status == "not-checkable")
    return Run(sort_findings(findings), unique_unchecked, frozenset(ran), not_checkable)
