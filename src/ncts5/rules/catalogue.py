"""Loads every topic module of :mod:`ncts5.rules` so that its rules register themselves.

Each module in this package that is not part of the engine itself is a topic
(guarantee, parties, transport, goods items, offices, transition, ...) holding
the rules of that part of the DDNTA tables.  Discovering them here means a new
topic module needs no edit anywhere else.
"""

from __future__ import annotations

import importlib
import pkgutil

import ncts5.rules as _package

#: Modules of the engine, not topics.
ENGINE_MODULES = frozenset({"catalogue", "codelist_fields", "context", "engine", "profiles", "registry"})

TOPICS: tuple[str, ...] = tuple(
    sorted(m.name for m in pkgutil.iter_modules(_package.__path__) if m.name not in ENGINE_MODULES and not m.ispkg)
)

for _name in TOPICS:
    importlib.import_module(f"ncts5.rules.{_name}")
