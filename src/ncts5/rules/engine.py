"""Running the registry over a message: phases, suspensions, profiles, ordering.

The engine decides *which* rules run (message, phase, transition suspensions,
user profile) and turns check outcomes into findings; the checks themselves
know nothing of this.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from ncts5.errors import NCTSError
from ncts5.messages.message import Message
from ncts5.report import Finding, NotChecked
from ncts5.rules.codelist_fields import check_codelists
from ncts5.rules.context import Context, Unchecked, Violation
from ncts5.rules.profiles import Profile, load_profile
from ncts5.rules.registry import Phase, Rule, declared, message_places, registry
from ncts5.validation import gc_paused

_REGISTRY = registry  # the real registry, to tell when a caller has stood in its own


#: End of the NCTS phase 5 transition period (TPendDate) as published for the common transit
#: countries: 21 January 2025.  Used when a caller gives a decisive date but no TPendDate.
TPEND_DATE = date(2025, 1, 21)


class OptionsError(NCTSError, ValueError):
    """Contradictory or unknown validation options (phase, dates, rule ids, profile)."""


@dataclass(frozen=True)
class Options:
    """How to validate: phase (or the dates that decide it), and rule selection."""

    phase: Phase = "final"
    decisive_date: date | None = None
    disable: frozenset[str] = frozenset()
    warn: frozenset[str] = frozenset()
    codelists: bool = True
    profile: str | None = None
    notes: tuple[str, ...] = field(default=())


def resolve_options(
    *,
    phase: str | None = None,
    decisive_date: date | None = None,
    tpend_date: date | None = None,
    disable: Iterable[str] = (),
    warn: Iterable[str] = (),
    profile: str | Profile | None = None,
    codelists: bool = True,
) -> Options:
    """Validate and normalise user options.

    With ``tpend_date`` the phase follows the DDNTA definition: transition while
    the decisive date (default: the message's preparation date) is on or before
    TPendDate.  Passing a phase that contradicts the dates is an error.
    """
    if phase not in (None, "final", "transition"):
        raise OptionsError(f"unknown phase {phase!r}: use 'final' or 'transition'")
    known = declared() if registry is _REGISTRY else registry()
    disabled = {r.upper() for r in disable}
    warned = {r.upper() for r in warn}
    if profile is not None:
        prof = profile if isinstance(profile, Profile) else load_profile(profile)
        disabled |= prof.disable
        warned |= prof.warn
    unknown = sorted(r for r in disabled | warned if r not in known and not re.fullmatch(r"CL\d{3}", r))
    if unknown:
        raise OptionsError(f"unknown rule id(s): {', '.join(unknown)}")
    chosen: Phase = "final" if phase is None else phase  # type: ignore[assignment]
    if tpend_date is None and decisive_date is not None:
        tpend_date = TPEND_DATE
    if tpend_date is not None and decisive_date is not None:
        by_date: Phase = "transition" if decisive_date <= tpend_date else "final"
        if phase is not None and phase != by_date:
            raise OptionsError(f"phase {phase!r} contradicts decisive date {decisive_date} and TPendDate {tpend_date}")
        chosen = by_date
    return Options(
        phase=chosen,
        decisive_date=decisive_date,
        disable=frozenset(disabled),
        warn=frozenset(warned),
        codelists=codelists,
        profile=profile.name if isinstance(profile, Profile) else profile,
    )


_INDEX = re.compile(r"\[(\d+)\]")


def _path_key(path: str) -> tuple[object, ...]:
    return tuple(int(p) if p.isdigit() else p for p in _INDEX.split(path))


def sort_findings(findings: list[Finding]) -> list[Finding]:
    """Document order, then rule id: the same input always gives the same list."""
    return sorted(findings, key=lambda f: (_path_key(f.path), f.rule, f.message))


def _select(
    rules: dict[str, Rule], in_message: Callable[[Rule], bool], phase: Phase, disable: frozenset[str]
) -> list[Rule]:
    suspended: set[str] = set()
    if phase == "transition":
        # A transition rule disables the rule it names wherever that rule is attached ("R0855 will be
        # disabled", with /*/ paths), so suspensions hold for every message, not only those whose
        # table lists the transition rule itself (IE170 carries transport data too).
        for r in rules.values():
            if r.suspends and "transition" in r.phases:
                suspended.update(r.suspends)
    out = []
    for r in rules.values():
        if r.check is None or r.id in disable or r.id in suspended:
            continue
        if phase not in r.phases or not in_message(r):
            continue
        out.append(r)
    return out


def applicable(message_name: str, options: Options) -> list[Rule]:
    """The rules that run for this message in this phase, after suspensions and profile."""
    return _select(registry(), lambda r: message_name in r.messages, options.phase, options.disable)


def applicable_to(message: Message, options: Options) -> Sequence[Rule]:
    """:func:`applicable` for a message instance, without loading any other message's models."""
    if registry is not _REGISTRY:  # a caller (a test) stood in its own rule set for the registry
        return applicable(message.root_name, options)
    return _runnable(type(message), options.phase, options.disable)


@lru_cache(maxsize=64)
def _runnable(cls: type[Message], phase: Phase, disable: frozenset[str]) -> tuple[Rule, ...]:
    """:func:`applicable` for a message class, worked out once per class, phase and disabled set.

    It reads only this message's table (:func:`message_places`), so validating an IE015 loads
    neither the IE170 models nor the places of every rule.
    """
    in_table = message_places(cls)
    return tuple(_select(declared(), lambda r: r.id in in_table, phase, disable))


def run(message: Message, options: Options) -> tuple[list[Finding], list[NotChecked]]:
    """Every finding and every not-checked rule for one schema-valid message."""
    with gc_paused():  # see ncts5.validation.gc_paused
        return _run(message, options)


def _run(message: Message, options: Options) -> tuple[list[Finding], list[NotChecked]]:
    ctx = Context(message, phase=options.phase, decisive_date=options.decisive_date)
    findings: list[Finding] = []
    unchecked: list[NotChecked] = []
    for r in applicable_to(message, options):
        severity = "warning" if r.id in options.warn else r.severity
        try:
            outcomes = list(r.check(ctx))  # type: ignore[misc]
        except Exception as exc:  # a bug in one check must not hide every other finding
            unchecked.append(NotChecked(r.id, f"internal error in ncts5's check: {type(exc).__name__}: {exc}"))
            continue
        for o in outcomes:
            if isinstance(o, Violation):
                code = o.error_code if o.error_code is not None else r.error_code
                findings.append(Finding(r.id, severity, o.path, o.data_element, o.message, code, o.value))
            elif isinstance(o, Unchecked):
                unchecked.append(NotChecked(r.id, o.reason, o.path))
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
    return sort_findings(findings), unique_unchecked
