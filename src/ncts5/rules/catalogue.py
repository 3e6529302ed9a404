"""Collects every rule declaration: the :class:`~ncts5.rules.declaration.Rule` values of the topic modules.

Each module of this package that is not part of the engine itself is a topic, filed by the data
group its rules check (``guarantee``, ``transit_operation``, ``consignment`` ...), and binds each
of its rules to a module-level name equal to the rule id (``<ID>_P6`` for the Phase 6 declaration
of an id whose Phase 5 declaration is bound under the id).  Discovering the modules here means a
new topic module needs no edit anywhere else.
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import replace
from pathlib import Path

from ncts5.rules.declaration import Rule

#: Modules of the engine, not topics.
ENGINE_MODULES = frozenset(
    {
        "cases",
        "catalogue",
        "codelist_fields",
        "context",
        "declaration",
        "engine",
        "kit",
        "national",
        "options",
        "phase6",
        "profiles",
        "registry",
    }
)


def _is_topic(name: str) -> bool:
    """Engine modules and private helpers (``_legacy``) are not topics."""
    return name not in ENGINE_MODULES and not name.startswith("_")


TOPICS: tuple[str, ...] = tuple(
    sorted(m.name for m in pkgutil.iter_modules([str(Path(__file__).parent)]) if _is_topic(m.name) and not m.ispkg)
)


def collect() -> tuple[Rule, ...]:
    """Every rule of every topic module, with its topic filled in, sorted by id then releases.

    An id declared twice for one release is an error, and so is a binding name other than the id
    (or ``<ID>_P6`` for a Phase 6 declaration beside a Phase 5 one).
    """
    rules: list[Rule] = []
    owner: dict[tuple[str, str], str] = {}
    for topic in TOPICS:
        module = importlib.import_module(f"ncts5.rules.{topic}")
        for name, value in vars(module).items():
            if not isinstance(value, Rule):
                continue
            beside_p5 = name == f"{value.id}_P6"
            if name != value.id and not (beside_p5 and value.releases == ("P6",)):
                hint = f" (or {value.id}_P6 for a Phase 6 declaration beside a Phase 5 one)" if beside_p5 else ""
                raise ValueError(
                    f"ncts5.rules.{topic}: rule {value.id} is bound to the name {name}; use {value.id}{hint}"
                )
            if beside_p5 and not isinstance(vars(module).get(value.id), Rule):
                raise ValueError(f"ncts5.rules.{topic}: {name} has no Phase 5 declaration {value.id} beside it")
            for release in value.releases:
                if (value.id, release) in owner:
                    where = f"{owner[value.id, release]} and {topic}"
                    raise ValueError(f"rule {value.id} declared twice for {release} ({where})")
                owner[value.id, release] = topic
            rules.append(replace(value, topic=topic))
    return tuple(sorted(rules, key=lambda r: (r.id, r.releases)))
