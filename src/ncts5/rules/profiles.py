"""Named rule profiles: national deviations kept as data, not code.

A profile is a JSON file ``{"name", "description", "disable": [...], "warn": [...],
"national_rules": [...]}``.  Packaged profiles live in ``ncts5/rules/profiles/``; a path to a JSON
file of the same shape works everywhere a profile name does.

A *national rule* is an administration's own rule on top of the DDNTA (HMRC's GB002, an opt-out
country's security codes): its own id, the messages, releases and countries of departure it
applies to, from which date, and either the values a field may take (``field`` + ``allowed``) or,
when nothing in the message decides it, ``not_checked`` (the reason).  ``docs/profiles.md``
describes the shape; :mod:`ncts5.rules.national` checks it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from ncts5.errors import NCTSError


class ProfileError(NCTSError, ValueError):
    """A profile that does not exist or is not of the documented shape."""


@dataclass(frozen=True)
class NationalRule:
    """One administration's rule, as a profile declares it (see the module docstring)."""

    id: str
    summary: str
    source: str
    messages: tuple[str, ...]
    releases: tuple[str, ...]
    departure_countries: frozenset[str]
    from_date: date | None
    field: str | None
    allowed: tuple[str, ...]
    not_checked: str | None
    error_code: int
    severity: Literal["error", "warning"]
    fix: str


@dataclass(frozen=True)
class Profile:
    name: str
    description: str
    disable: frozenset[str]
    warn: frozenset[str]
    national_rules: tuple[NationalRule, ...] = ()


#: A profile file is small; anything larger is not one (and is not read into memory whole).
MAX_PROFILE_BYTES = 1 << 20
_NATIONAL_ID = re.compile(r"[A-Z]{2}[A-Z0-9]{1,10}")
_FIELD = re.compile(r"/CC\d{3}[A-Z](/[A-Za-z]+)+")
_NATIONAL_KEYS = {
    "id", "summary", "source", "messages", "releases", "departure_countries", "from",
    "field", "allowed", "not_checked", "error_code", "severity", "fix",
}  # fmt: skip


def _strings(value: Any, where: str, what: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise ProfileError(f"{where}: '{what}' must be a list of non-empty strings")
    return tuple(value)


def _national(data: Any, where: str) -> NationalRule:
    if not isinstance(data, dict):
        raise ProfileError(f"{where}: a national rule is a JSON object")
    unknown = sorted(set(data) - _NATIONAL_KEYS)
    if unknown:
        raise ProfileError(f"{where}: unknown key(s) {', '.join(unknown)}; known: {', '.join(sorted(_NATIONAL_KEYS))}")
    rid = data.get("id")
    if not isinstance(rid, str) or not _NATIONAL_ID.fullmatch(rid):
        raise ProfileError(f"{where}: 'id' must be the administration's rule id, e.g. \"GB002\"")
    where = f"{where} ({rid})"
    for key in ("summary", "source"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            raise ProfileError(f"{where}: '{key}' is required (what the rule says; where it is published)")
    messages = _strings(data.get("messages", ["CC015C"]), where, "messages")
    releases = _strings(data.get("releases", ["5", "6"]), where, "releases")
    if not set(releases) <= {"5", "6"}:
        raise ProfileError(f'{where}: \'releases\' holds "5" and/or "6"')
    countries = _strings(data.get("departure_countries", []), where, "departure_countries")
    from_date = None
    if "from" in data:
        try:
            from_date = date.fromisoformat(data["from"])
        except (TypeError, ValueError):
            raise ProfileError(f"{where}: 'from' must be a date such as \"2025-09-01\"") from None
    field, allowed, not_checked = data.get("field"), data.get("allowed"), data.get("not_checked")
    if (field is None) == (not_checked is None):
        raise ProfileError(f"{where}: give either 'field' and 'allowed', or 'not_checked' (why it cannot be decided)")
    if field is not None:
        if not isinstance(field, str) or not _FIELD.fullmatch(field) or field.split("/")[1] not in messages:
            raise ProfileError(
                f"{where}: 'field' must be an XML path of one of its messages, e.g. /CC015C/TransitOperation/security"
            )
        allowed = _strings(allowed, where, "allowed")
    elif not isinstance(not_checked, str) or not not_checked.strip():
        raise ProfileError(f"{where}: 'not_checked' must say what would decide the rule")
    code = data.get("error_code", 12)
    if not isinstance(code, int) or isinstance(code, bool) or not 1 <= code <= 99:
        raise ProfileError(f"{where}: 'error_code' must be an IE056 error code (1-99)")
    severity = data.get("severity", "error")
    if severity not in ("error", "warning"):
        raise ProfileError(f'{where}: \'severity\' is "error" or "warning"')
    return NationalRule(
        rid,
        data["summary"].strip(),
        data["source"].strip(),
        messages,
        releases,
        frozenset(c.upper() for c in countries),
        from_date,
        field,
        tuple(allowed or ()),
        not_checked,
        code,
        severity,
        str(data.get("fix", "")),
    )


def _from_data(data: object, origin: str) -> Profile:
    if not isinstance(data, dict) or not isinstance(data.get("name"), str):
        raise ProfileError(f"{origin}: a profile is a JSON object with a 'name'")
    lists = {}
    for key in ("disable", "warn"):
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ProfileError(f"{origin}: '{key}' must be a list of rule ids")
        lists[key] = frozenset(v.upper() for v in value)
    national = data.get("national_rules", [])
    if not isinstance(national, list):
        raise ProfileError(f"{origin}: 'national_rules' must be a list")
    rules = tuple(_national(r, f"{origin}: national_rules[{i}]") for i, r in enumerate(national))
    ids = [r.id for r in rules]
    if len(set(ids)) != len(ids):
        raise ProfileError(f"{origin}: a national rule id appears twice")
    return Profile(data["name"], str(data.get("description", "")), lists["disable"], lists["warn"], rules)


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
            with path.open("rb") as f:
                raw = f.read(MAX_PROFILE_BYTES + 1)
            if len(raw) > MAX_PROFILE_BYTES:
                raise ProfileError(f"{path}: not a profile: larger than {MAX_PROFILE_BYTES} bytes")
            data = json.loads(raw.decode("utf-8"))
        except (OSError, ValueError, RecursionError) as exc:
            if isinstance(exc, ProfileError):
                raise
            raise ProfileError(f"{path}: cannot read profile: {exc}") from None
        return _from_data(data, str(path))
    known = ", ".join(sorted(profiles)) or "none"
    raise ProfileError(f"unknown profile {name_or_path!r} (packaged profiles: {known}; or give a path to a .json file)")
