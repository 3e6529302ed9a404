"""How DDNTA 6.4.1 treats each rule id of DDNTA 5.15.2, read from ``phase6.json``.

``tools/compare_ddnta.py`` writes ``phase6.json`` from the two appendices (a test keeps it fresh):
per id of the Phase 6 IE015/IE170 tables its class (``same``, ``reworded``, ``changed``, ``new``)
and per Phase 5 id Phase 6 no longer has, ``dropped``.  The catalogue's declarations follow it (a
test checks that ``same``/``reworded`` ids share one declaration and ``changed``/``new`` ones have
their own); the CLI and the docs read it to say what changed.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any, Literal

Classification = Literal["same", "reworded", "changed", "new", "dropped"]


@cache
def _data() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(resources.files(__package__).joinpath("phase6.json").read_text("utf-8"))
    return data


#: What each class means for the catalogue, in the words ``ncts5 explain`` and the rule pages use.
MEANING: dict[Classification, str] = {
    "same": "the same in Phase 5 and Phase 6: one declaration serves both",
    "reworded": "reworded in Phase 6 with the same meaning: one declaration serves both",
    "changed": "changed in Phase 6: each release has its own declaration",
    "new": "new in Phase 6",
    "dropped": "Phase 5 only: DDNTA 6.4.1 no longer has it",
}


def classification(rule_id: str) -> Classification | None:
    """The id's class, or None for an id neither release's IE015/IE170 tables name."""
    data = _data()
    found = data["rules"].get(rule_id)
    if found is not None:
        cls: Classification = found["class"]
        return cls
    return "dropped" if rule_id in data["dropped"] else None


def functional_diff(rule_id: str) -> str | None:
    """The word difference of the functional descriptions (Phase 5 ``[-…-]``, Phase 6 ``{+…+}``), if any."""
    found = _data()["rules"].get(rule_id)
    diff = found.get("functional_diff") if found else None
    return diff or None
