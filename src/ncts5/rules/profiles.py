"""Named rule profiles: national deviations kept as data, not code.

A profile is a JSON file ``{"name", "description", "disable": [...], "warn": [...]}``.
Packaged profiles live in ``ncts5/rules/profiles/``; a path to a JSON file of the
same shape works everywhere a profile name does.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from ncts5.errors import NCTSError


class ProfileError(NCTSError, ValueError):
    """A profile that does not exist or is not of the documented shape."""


@dataclass(frozen=True)
class Profile:
    name: str
    description: str
    disable: frozenset[str]
    warn: frozenset[str]


def _from_data(data: object, origin: str) -> Profile:
    if not isinstance(data, dict) or not isinstance(data.get("name"), str):
        raise ProfileError(f"{origin}: a profile is a JSON object with a 'name'")
    lists = {}
    for key in ("disable", "warn"):
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ProfileError(f"{origin}: '{key}' must be a list of rule ids")
        lists[key] = frozenset(v.upper() for v in value)
    return Profile(data["name"], str(data.get("description", "")), lists["disable"], lists["warn"])


def available_profiles() -> dict[str, Profile]:
    """The packaged profiles by name."""
    out = {}
    for entry in resources.files("ncts5.rules").joinpath("profiles").iterdir():
        if entry.name.endswith(".json"):
            p = _from_data(json.loads(entry.read_text(encoding="utf-8")), entry.name)
            out[p.name] = p
    return out


def load_profile(name_or_path: str) -> Profile:
    """A packaged profile by name, or a profile file by path."""
    profiles = available_profiles()
    if name_or_path in profiles:
        return profiles[name_or_path]
    path = Path(name_or_path)
    if path.suffix == ".json" and path.is_file():
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ProfileError(f"{path}: cannot read profile: {exc}") from None
        return _from_data(data, str(path))
    known = ", ".join(sorted(profiles)) or "none"
    raise ProfileError(f"unknown profile {name_or_path!r} (packaged profiles: {known}; or give a path to a .json file)")
