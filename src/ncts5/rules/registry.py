"""The rule registry: every DDNTA rule id ncts5 knows, each declared once as a :class:`Rule` value.

Topic modules declare rules in the one shape of :mod:`ncts5.rules.declaration`;
:mod:`ncts5.rules.catalogue` collects them.  Where a rule applies in the XML (paths, data element
numbers) is not repeated in a declaration: it is read from the generated models, whose field
metadata carries the tables' rule ids (:func:`message_places`).

:func:`rule` and :func:`not_checkable` are the declaration forms of modules that are not migrated
yet: thin adapters that build the same :class:`Rule` value and bind it in the declaring module
under its id, exactly where a migrated module binds its own (see ``ncts5/rules/MIGRATION.md``).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import replace
from functools import cache

from ncts5.messages.catalogue import Release as ReleaseNumber
from ncts5.messages.message import Message
from ncts5.messages.meta import XmlModel
from ncts5.rules.declaration import KIND_NAMES, Check, Kind, Rule, Status, phases_of
from ncts5.rules.options import PHASES, Phase

__all__ = [
    "KIND_NAMES",
    "PHASES",
    "Check",
    "Kind",
    "Phase",
    "Rule",
    "RuleSet",
    "Status",
    "all_declared",
    "declared",
    "get",
    "iter_rules",
    "known_ids",
    "message_places",
    "not_checkable",
    "registry",
    "rule",
    "rule_places",
    "rule_set",
]


def _bind(module: str, value: Rule) -> None:
    namespace = vars(sys.modules[module])
    if value.id in namespace:
        raise ValueError(f"rule {value.id} declared twice in {module}")
    namespace[value.id] = value


def rule(
    rule_id: str,
    description: str,
    *,
    phases: Iterable[Phase] = PHASES,
    error_code: int | None = None,
    suspends: Iterable[str] = (),
    needs: str | None = None,
) -> Callable[[Check], Check]:
    """Legacy adapter (unmigrated modules only): declare ``rule_id`` with the decorated check."""
    module = sys._getframe(1).f_globals["__name__"]  # the declaring module (the check may live elsewhere)

    def decorate(fn: Check) -> Check:
        suspended = tuple(suspends)
        code = error_code if error_code is not None else (50 if rule_id[0] == "B" and suspended else 14)
        value = Rule(
            rule_id,
            description,
            check=fn,
            needs=needs,
            reason=f"needs {needs}" if needs else None,
            phases=phases_of(phases),
            error_code=code,
            suspends=suspended,
        )
        _bind(module, value)
        return fn

    return decorate


def not_checkable(
    rule_id: str,
    description: str,
    *,
    reason: str,
    module: str,
    phases: Iterable[Phase] = PHASES,
    suspends: Iterable[str] = (),
) -> None:
    """Legacy adapter (unmigrated modules only): declare a rule that cannot be decided offline."""
    _bind(module, Rule(rule_id, description, reason=reason, phases=phases_of(phases), suspends=tuple(suspends)))


@cache
def message_places(cls: type[Message]) -> dict[str, tuple[str, ...]]:
    """For one message class: every rule id in its table and the XML paths of the fields that name it."""
    places: dict[str, list[str]] = {}

    def walk(model: type[XmlModel], path: str) -> None:
        for child in model.__xml_children__:
            p = f"{path}/{child.xml_name}"
            for rid in child.item.rules:
                places.setdefault(rid, []).append(p)
            if child.model is not None:
                walk(child.model, p)

    walk(cls, f"/{cls.root_name}")
    return {k: tuple(v) for k, v in places.items()}


@cache
def rule_places(release: ReleaseNumber = "5") -> dict[str, tuple[tuple[str, str], ...]]:
    """For every rule id in ``release``'s tables: the (message, XML path) pairs whose field names it."""
    from ncts5.messages.catalogue import messages

    places: dict[str, list[tuple[str, str]]] = {}
    for entry in messages(release):
        cls = entry.model()
        for rid, paths in message_places(cls).items():
            places.setdefault(rid, []).extend((cls.root_name, p) for p in paths)
    return {k: tuple(v) for k, v in places.items()}


@cache
def all_declared() -> tuple[Rule, ...]:
    """Every declared rule of every release, without places (loads no message models)."""
    from ncts5.rules.catalogue import collect

    return collect()


@cache
def known_ids() -> frozenset[str]:
    """Every rule id ncts5 declares, in any release (what ``--disable``/``--warn`` accept)."""
    return frozenset(r.id for r in all_declared())


@cache
def declared(release: ReleaseNumber = "5") -> dict[str, Rule]:
    """The rules of one release (``"5"`` or ``"6"``) by id, without their places: enough to run rules."""
    _check_release(release)
    return {r.id: r for r in all_declared() if f"P{release}" in r.releases}


def _check_release(release: object) -> None:
    if release not in ("5", "6"):
        raise ValueError(f"release must be '5' or '6', not {release!r}")


@cache
def registry(release: ReleaseNumber = "5") -> dict[str, Rule]:
    """The rules of one release, loaded once, with their places (and, for unmigrated rules, messages)."""
    places = rule_places(release)
    out = {}
    for rid, r in declared(release).items():
        where = places.get(rid, ())
        messages = r.messages or tuple(sorted({m for m, _ in where}))
        out[rid] = replace(r, places=where, messages=messages)
    return out


def get(rule_id: str, release: ReleaseNumber = "5") -> Rule:
    """One rule by id as ``release`` declares it; ``KeyError`` if ncts5 has no entry for it there."""
    return registry(release)[rule_id.upper()]


def iter_rules(release: ReleaseNumber = "5") -> Iterator[Rule]:
    yield from registry(release).values()


class RuleSet:
    """The rules an engine run chooses from, with the choice per message, phase and disabled set cached.

    The engine receives one as an argument: :func:`rule_set` is every declared rule; a caller can
    build another (a subset, a national variant) without touching any global.
    """

    def __init__(self, rules: Mapping[str, Rule] | Iterable[Rule]) -> None:
        values = rules.values() if isinstance(rules, Mapping) else rules
        #: Every rule of every release (one id can have a declaration per release).
        self.rules: tuple[Rule, ...] = tuple(values)
        self._chosen: dict[tuple[type[Message], Phase, frozenset[str]], tuple[Rule, ...]] = {}
        self._suspended: dict[Phase, frozenset[str]] = {}
        self._of: dict[str, dict[str, Rule]] = {}

    def __contains__(self, rule_id: object) -> bool:
        return any(r.id == rule_id for r in self.rules)

    def of(self, release: ReleaseNumber) -> dict[str, Rule]:
        """The rules of one release by id (worked out once: the engine asks for every message)."""
        found = self._of.get(release)
        if found is None:
            found = self._of[release] = {r.id: r for r in self.rules if f"P{release}" in r.releases}
        return found

    def suspended(self, phase: Phase) -> frozenset[str]:
        """The ids the transition rules switch off in ``phase``.

        A transition rule disables the rule it names wherever that rule is attached ("R0855 will
        be disabled", with /*/ paths), so suspensions hold for every message, not only those whose
        table lists the transition rule itself (IE170 carries transport data too).
        """
        found = self._suspended.get(phase)
        if found is None:
            transition = phase == "transition"
            found = frozenset(s for r in self.rules if transition and phase in r.phases for s in r.suspends)
            self._suspended[phase] = found
        return found

    def in_scope(self, cls: type[Message], phase: Phase) -> list[Rule]:
        """Every rule of this message's table that applies in ``phase`` (checks or not), suspensions aside."""
        in_table: Mapping[str, object] | None = None
        release = f"P{cls.release}"  # a rule runs only on messages of the releases it belongs to
        out = []
        for r in self.rules:
            if phase not in r.phases or r.id in self.suspended(phase) or release not in r.releases:
                continue
            if r.messages:
                applies = cls.root_name in r.messages
            else:  # unmigrated: where the tables put it
                if in_table is None:
                    in_table = message_places(cls)
                applies = r.id in in_table
            if applies:
                out.append(r)
        return out

    def runnable(self, cls: type[Message], phase: Phase, disable: frozenset[str]) -> tuple[Rule, ...]:
        """The rules whose check runs for this message class, phase and disabled set (worked out once)."""
        key = (cls, phase, disable)
        found = self._chosen.get(key)
        if found is None:
            found = tuple(r for r in self.in_scope(cls, phase) if r.check is not None and r.id not in disable)
            self._chosen[key] = found
        return found


@cache
def rule_set() -> RuleSet:
    """Every declared rule of every release, as the engine receives them."""
    return RuleSet(all_declared())
