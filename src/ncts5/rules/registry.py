"""The rule registry: every DDNTA rule id ncts5 knows, with what it can do about it.

Every id the IE015 and IE170 tables reference is declared exactly once, in a
topic module, in one of three ways:

* :func:`rule` decorates a check function: status ``implemented``;
* :func:`rule` with ``needs=`` marks a check that uses reference data the user
  may not have imported (customs offices, large code lists): status
  ``reference-data``; without the data it reports *not checked*;
* :func:`not_checkable` declares a rule that needs NCTS state (earlier
  messages, MRNs, guarantee balances): it is listed with its reason and never
  reported as passing.

Where a rule applies (messages, XML paths, data element numbers) is not
repeated here: it is read from the generated models, whose field metadata
carries the tables' rule ids.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from ncts5.messages.meta import XmlModel
    from ncts5.rules.context import Context, Outcome

Kind = Literal["R", "C", "B", "E", "G"]
Status = Literal["implemented", "reference-data", "not-checkable"]
Phase = Literal["final", "transition"]
PHASES: tuple[Phase, ...] = ("final", "transition")
KIND_NAMES = {"R": "rule", "C": "condition", "B": "business rule", "E": "technical rule", "G": "guideline"}
Check = Callable[["Context"], Iterable["Outcome"]]


@dataclass(frozen=True)
class Rule:
    """One DDNTA rule, condition or guideline as ncts5 handles it."""

    id: str
    description: str
    status: Status
    phases: frozenset[Phase] = frozenset(PHASES)
    check: Check | None = None
    reason: str | None = None
    suspends: tuple[str, ...] = ()
    error_code: int = 14
    topic: str = ""
    places: tuple[tuple[str, str], ...] = field(default=())

    @property
    def kind(self) -> Kind:
        return self.id[0]  # type: ignore[return-value]

    @property
    def severity(self) -> Literal["error", "warning"]:
        """Guidelines are advice: customs does not reject for them, so neither do we."""
        return "warning" if self.kind == "G" else "error"

    @property
    def messages(self) -> tuple[str, ...]:
        return tuple(sorted({m for m, _ in self.places}))

    @property
    def paths(self) -> tuple[str, ...]:
        return tuple(p for _, p in self.places)


_RULES: dict[str, Rule] = {}


def _register(r: Rule) -> None:
    if r.id in _RULES:
        raise ValueError(f"rule {r.id} declared twice ({_RULES[r.id].topic} and {r.topic})")
    _RULES[r.id] = r


def _topic(module: str) -> str:
    return module.rsplit(".", 1)[-1]


def rule(
    rule_id: str,
    description: str,
    *,
    phases: Iterable[Phase] = PHASES,
    error_code: int | None = None,
    suspends: Iterable[str] = (),
    needs: str | None = None,
) -> Callable[[Check], Check]:
    """Register a check function as the implementation of ``rule_id``.

    ``needs`` names reference data the check uses when available (it then
    yields a not-checked outcome without it); ``suspends`` lists rule ids a
    transition-period rule disables while it applies.
    """

    def decorate(fn: Check) -> Check:
        code = error_code if error_code is not None else (50 if rule_id[0] == "B" and suspends else 14)
        _register(
            Rule(
                id=rule_id,
                description=description,
                status="reference-data" if needs else "implemented",
                phases=frozenset(phases),
                check=fn,
                reason=f"needs {needs}" if needs else None,
                suspends=tuple(suspends),
                error_code=code,
                topic=_topic(fn.__module__),
            )
        )
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
    """Declare a rule that cannot be decided from the message and the code lists alone."""
    _register(
        Rule(
            id=rule_id,
            description=description,
            status="not-checkable",
            phases=frozenset(phases),
            reason=reason,
            suspends=tuple(suspends),
            topic=_topic(module),
        )
    )


@cache
def message_places(cls: type[XmlModel]) -> dict[str, tuple[str, ...]]:
    """For one message class: every rule id in its table and the XML paths of the fields that name it."""
    places: dict[str, list[str]] = {}

    def walk(model: type[XmlModel], path: str) -> None:
        for child in model.__xml_children__:
            p = f"{path}/{child.xml_name}"
            for rid in child.item.rules:
                places.setdefault(rid, []).append(p)
            if child.model is not None:
                walk(child.model, p)

    walk(cls, f"/{cls.root_name}")  # type: ignore[attr-defined]
    return {k: tuple(v) for k, v in places.items()}


@cache
def rule_places() -> dict[str, tuple[tuple[str, str], ...]]:
    """For every rule id in the tables: the (message, XML path) pairs whose field names it."""
    from ncts5.messages.cc015c import CC015C
    from ncts5.messages.cc170c import CC170C

    places: dict[str, list[tuple[str, str]]] = {}
    for cls in (CC015C, CC170C):
        for rid, paths in message_places(cls).items():
            places.setdefault(rid, []).extend((cls.root_name, p) for p in paths)
    return {k: tuple(v) for k, v in places.items()}


@cache
def declared() -> dict[str, Rule]:
    """Every declared rule by id, without its places: enough to run rules, and it loads no message models.

    Validating one message should not import the other message's models (a cold start cost); the
    engine picks a message's rules with :func:`message_places` instead of :attr:`Rule.messages`.
    """
    import ncts5.rules.catalogue  # noqa: F401  (importing registers every topic module)

    return {rid: _RULES[rid] for rid in sorted(_RULES)}


@cache
def registry() -> dict[str, Rule]:
    """Every declared rule, loaded once, with its places filled in from the models."""
    rules = declared()
    places = rule_places()
    return {rid: Rule(**{**r.__dict__, "places": places.get(rid, ())}) for rid, r in rules.items()}


def get(rule_id: str) -> Rule:
    """One rule by id; ``KeyError`` if ncts5 has no entry for it."""
    return registry()[rule_id.upper()]


def iter_rules() -> Iterator[Rule]:
    yield from registry().values()
