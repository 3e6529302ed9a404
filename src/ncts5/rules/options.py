"""How a message is validated: the phase (or the dates that decide it) and which rules count.

The lowest module of the rule engine: the context, the code-list checks, the declarations and the
engine all read :class:`Options` and :data:`Phase`, and none of them is needed to build one.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from ncts5.errors import NCTSError
from ncts5.rules.profiles import NationalRule, Profile, load_profile

Phase = Literal["final", "transition"]
PHASES: tuple[Phase, ...] = ("final", "transition")

#: End of the NCTS phase 5 transition period (TPendDate) as published for the common transit
#: countries: 21 January 2025.  Used when a caller gives a decisive date but no TPendDate.
TPEND_DATE = date(2025, 1, 21)

_CODE_LIST_ID = re.compile(r"CL\d{3}")


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
    #: The profile's national rules (checked by :mod:`ncts5.rules.national` after the DDNTA rules).
    national: tuple[NationalRule, ...] = ()


def resolve_options(
    *,
    known: Collection[str],
    phase: str | None = None,
    decisive_date: date | None = None,
    tpend_date: date | None = None,
    disable: Iterable[str] = (),
    warn: Iterable[str] = (),
    profile: str | Profile | None = None,
    codelists: bool = True,
) -> Options:
    """Validate and normalise user options against the rule ids in ``known``.

    With ``tpend_date`` the phase follows the DDNTA definition: transition while
    the decisive date (default: the message's preparation date) is on or before
    TPendDate.  Passing a phase that contradicts the dates is an error.
    """
    if phase is not None and phase not in PHASES:
        raise OptionsError(f"unknown phase {phase!r}: use 'final' or 'transition'")
    disabled = {r.upper() for r in disable}
    warned = {r.upper() for r in warn}
    national: tuple[NationalRule, ...] = ()
    if profile is not None:
        prof = profile if isinstance(profile, Profile) else load_profile(profile)
        disabled |= prof.disable
        warned |= prof.warn
        national = prof.national_rules
    national_ids = {r.id for r in national}
    unknown = sorted(
        r for r in disabled | warned if r not in known and r not in national_ids and not _CODE_LIST_ID.fullmatch(r)
    )
    if unknown:
        raise OptionsError(f"unknown rule id(s): {', '.join(unknown)}")
    chosen: Phase = "transition" if phase == "transition" else "final"
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
        national=national,
    )
