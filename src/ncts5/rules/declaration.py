"""The one shape of a rule: a :class:`Rule` value holding everything ncts5 knows about one DDNTA id.

A topic module binds each rule to a module-level name equal to its id, so ``grep -rn R0849 src/``
lands on the only place it lives::

    def _tir_with_reduced_data_set(m: CC015C) -> None:
        m.transit_operation.reduced_dataset_indicator = "1"


    def _r0849(ctx: Context[CC015C]) -> Iterator[Outcome]:
        op = ctx.message.transit_operation
        if op.declaration_type == "TIR" and op.reduced_dataset_indicator != "0":
            yield ctx.violation(op, "reduced_dataset_indicator", "...")


    R0849 = Rule(
        "R0849",
        "A TIR declaration must not use the reduced data set.",
        messages=IE015,
        checks="...", why="...", fix="...",
        check=_r0849,
        cases=(
            Fires(TIR, _tir_with_reduced_data_set, at="/CC015C/TransitOperation/reducedDatasetIndicator"),
            Silent(TIR),
        ),
    )

The same value is read by the engine (which rules run), ``ncts5 rules`` / ``ncts5 explain``, the
generated ``docs/rules`` pages and ``tests/rules/test_catalogue.py`` (which runs every case).
A rule without a ``check`` is either *not checkable* (it has a ``reason``: what would decide it) or
a pure suspension (a transition rule whose whole content is ``suspends``).

Releases: a rule whose meaning Phase 6 kept says ``releases=P5_P6`` and its one check and cases
serve both (each case runs on both releases' example).  Where Phase 6 changed the meaning, a
second value for the same id, bound as ``C0599_P6`` right below the Phase 5 one, says
``releases=P6`` with its own check and cases.  An id new in Phase 6 is bound under its id.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from ncts5.rules.options import PHASES, Phase

if TYPE_CHECKING:
    from ncts5.rules.context import Context, Outcome

Kind = Literal["R", "C", "B", "E", "G"]
Status = Literal["implemented", "reference-data", "not-checkable"]
#: NCTS releases a rule belongs to: Phase 5 (DDNTA 5.15.2) and Phase 6 (DDNTA 6.4.1).
Release = Literal["P5", "P6"]
#: A rule of Phase 5 only (the default: B and E rules, and every id Phase 6 dropped).
P5: tuple[Release, ...] = ("P5",)
#: A rule of Phase 6 only: an id new in Phase 6, or the Phase 6 declaration of an id whose meaning
#: changed (bound as ``<ID>_P6`` beside the Phase 5 one, so ``grep C0599`` finds both).
P6: tuple[Release, ...] = ("P6",)
#: One declaration for both releases: the functional description is unchanged (or only reworded),
#: so Phase 6 shares the check, and the rule's cases run on both releases' examples.
P5_P6: tuple[Release, ...] = ("P5", "P6")
#: A case restricted to one release's example (``release="5"``: its change touches a data group
#: Phase 6 removed).  ``None``: every release of the rule.
CaseRelease = Literal["5", "6"] | None
#: A release as messages name it.
ReleaseNumber = Literal["5", "6"]
_NUMBERS: dict[str, ReleaseNumber] = {"P5": "5", "P6": "6"}
_KINDS: dict[str, Kind] = {"R": "R", "C": "C", "B": "B", "E": "E", "G": "G"}
KIND_NAMES = {"R": "rule", "C": "condition", "B": "business rule", "E": "technical rule", "G": "guideline"}

#: A check: reads the message through its context, yields violations and "could not decide" outcomes.
Check = Callable[["Context[Any]"], Iterable["Outcome"]]
#: A typed change to an example message, e.g. ``def _no_grn(m: CC015C) -> None: ...``.
Change = Callable[[Any], None]

#: Where a rule applies: the messages whose DDNTA table names it (the catalogue test keeps this
#: equal to the tables carried by the generated models).
IE015: tuple[str, ...] = ("CC015C",)
IE170: tuple[str, ...] = ("CC170C",)
IE015_IE170: tuple[str, ...] = ("CC015C", "CC170C")
#: In which phase a rule applies.
BOTH_PHASES: frozenset[Phase] = frozenset(PHASES)
FINAL: frozenset[Phase] = frozenset({"final"})
TRANSITION: frozenset[Phase] = frozenset({"transition"})


def _paths(at: str | tuple[str, ...]) -> tuple[str, ...]:
    return (at,) if isinstance(at, str) else tuple(at)


@dataclass(frozen=True)
class Fires:
    """An example in which the rule reports findings at exactly the paths ``at`` (one per finding).

    ``example`` names a message in ``ncts5/rules/examples``; ``change`` edits its model (the
    result must stay schema-valid).  ``code`` is the IE056 error code every finding must carry,
    ``says`` a text every finding's message must contain.  ``without_lists`` makes code lists
    unavailable for the case; ``with_lists`` supplies lists the package does not ship (e.g.
    ``(("CL553", ("DE", "FR")),)``), as a user would import them, so that a rule needing one can
    show what it decides.  A case runs on the example of every release the rule belongs to
    (``examples/p6/`` holds the Phase 6 form of each example), unless ``release`` names one.
    """

    example: str
    change: Change | None = None
    at: str | tuple[str, ...] = ()
    phase: Phase = "final"
    code: int | None = None
    says: str | None = None
    profile: str | None = None
    without_lists: tuple[str, ...] = ()
    with_lists: tuple[tuple[str, tuple[str, ...]], ...] = ()
    release: CaseRelease = None

    @property
    def paths(self) -> tuple[str, ...]:
        return _paths(self.at)


@dataclass(frozen=True)
class Silent:
    """An example in which the rule runs and reports nothing (it fails if the rule did not run)."""

    example: str
    change: Change | None = None
    phase: Phase = "final"
    profile: str | None = None
    without_lists: tuple[str, ...] = ()
    with_lists: tuple[tuple[str, tuple[str, ...]], ...] = ()
    release: CaseRelease = None


@dataclass(frozen=True)
class Undecided:
    """An example in which the rule is reported as not checked (at ``at``, if given), and no finding.

    For a not-checkable rule: the rule is in scope for this message and phase.  For a check: it
    yields a *could not decide* outcome, typically because a code list it needs is missing
    (``without_lists`` names code lists to treat as unavailable).
    """

    example: str
    change: Change | None = None
    at: str | None = None
    phase: Phase = "final"
    without_lists: tuple[str, ...] = ()
    profile: str | None = None
    with_lists: tuple[tuple[str, tuple[str, ...]], ...] = ()
    release: CaseRelease = None


@dataclass(frozen=True)
class Suspends:
    """For a rule whose whole content is ``suspends``: an example in which each suspended rule
    fires in the final phase and stays silent in the transition phase (``of``: only that one)."""

    example: str
    change: Change | None = None
    of: str | None = None
    with_lists: tuple[tuple[str, tuple[str, ...]], ...] = ()


Case = Fires | Silent | Undecided | Suspends


@dataclass(frozen=True)
class Rule:
    """One DDNTA rule, condition, guideline or technical rule as ncts5 handles it.

    ``summary`` is one line; ``checks``/``why``/``fix`` explain it in our own words: what it checks,
    why customs rejects a message that breaks it, how the declarant fixes it.  ``check`` decides it
    from the message; without a check, ``reason`` says what would decide it (NCTS state, a national
    system).  ``needs`` names reference data the check uses when imported (it reports *not checked*
    without it).  ``suspends`` lists the rules a transition rule switches off while it applies.
    ``topic`` (the module that declares it) and ``places`` (the message paths whose table names it)
    are filled in by the registry.
    """

    id: str
    summary: str
    messages: tuple[str, ...] = ()
    check: Check | None = None
    reason: str | None = None
    needs: str | None = None
    checks: str = ""
    why: str = ""
    fix: str = ""
    phases: frozenset[Phase] = BOTH_PHASES
    releases: tuple[Release, ...] = P5
    error_code: int = 14
    suspends: tuple[str, ...] = ()
    cases: tuple[Case, ...] = ()
    topic: str = ""
    places: tuple[tuple[str, str], ...] = field(default=())

    @property
    def release_numbers(self) -> tuple[ReleaseNumber, ...]:
        """The releases as message releases name them (``("5", "6")``)."""
        return tuple(_NUMBERS[r] for r in self.releases)

    def cases_for(self, release: str) -> tuple[Case, ...]:
        """The cases that run on ``release``'s examples (a transition-phase case: Phase 5 only)."""
        if f"P{release}" not in self.releases:
            return ()
        if release == "5":
            return tuple(c for c in self.cases if getattr(c, "release", None) in (None, "5"))
        return tuple(
            c for c in self.cases if not isinstance(c, Suspends) and c.release in (None, release) and c.phase == "final"
        )

    @property
    def kind(self) -> Kind:
        return _KINDS[self.id[0]]

    @property
    def status(self) -> Status:
        if self.check is None and not self.suspends:
            return "not-checkable"
        return "reference-data" if self.needs else "implemented"

    @property
    def description(self) -> str:
        """The one-line summary (the name the CLI and older callers use)."""
        return self.summary

    @property
    def severity(self) -> Literal["error", "warning"]:
        """Guidelines are advice: customs does not reject for them, so neither do we."""
        return "warning" if self.kind == "G" else "error"

    @property
    def paths(self) -> tuple[str, ...]:
        return tuple(p for _, p in self.places)

    @property
    def explained(self) -> bool:
        """Whether the declaration carries its three-part explanation (every migrated rule does)."""
        return bool(self.checks and self.why and self.fix)

    def count(self, kind: type[Case]) -> int:
        """How many example cases of one kind (``Fires``, ``Silent``...) the rule declares."""
        return sum(1 for c in self.cases if isinstance(c, kind))


def phases_of(phases: Iterable[Phase]) -> frozenset[Phase]:
    return frozenset(phases)
