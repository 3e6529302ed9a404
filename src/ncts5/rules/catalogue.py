"""Collects every rule declaration: the :class:`~ncts5.rules.declaration.Rule` values of the topic modules.

Each module of this package that is not part of the engine itself is a topic, filed by the data
group its rules check (``guarantee``, ``transit_operation``, ``consignment`` ...), and binds each
of its rules to a module-level name equal to the rule id.  Discovering the modules here means a
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
        "options",
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


def collect() -> dict[str, Rule]:
    """Every rule of every topic module by id, with its topic filled in; an id declared twice is an error."""
    found: dict[str, Rule] = {}
    for topic in TOPICS:
        module = importlib.import_module(f"ncts5.rules.{topic}")
        for name, value in vars(module).items():
            if not isinstance(value, Rule):
                continue
            if name != value.id:
                raise ValueError(f"ncts5.rules.{topic}: rule {value.id} is bound to the name {name}; use {value.id}")
            if value.id in found:
                raise ValueError(f"rule {value.id} declared twice ({found[value.id].topic} and {topic})")
            found[value.id] = replace(value, topic=topic)
    return {rid: found[rid] for rid in sorted(found)}
