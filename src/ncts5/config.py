"""Project configuration for ``ncts5 validate``: ``[tool.ncts5]`` in ``pyproject.toml`` or ``--config FILE``.

A repository of declarations states its settings once (phase, profile, rules switched off...) instead
of repeating them in every CI job and pre-commit hook.  Options given on the command line win over
the file, key by key.

Where the file comes from:

* ``--config FILE``: a ``pyproject.toml`` (keys under ``[tool.ncts5]``) or a plain TOML file with the
  same keys at top level or under ``[tool.ncts5]``.
* otherwise the nearest ``pyproject.toml`` holding a ``[tool.ncts5]`` table, looked for in the current
  directory and its parents, stopping at the repository root (a folder holding ``.git``) or the
  filesystem root: a checkout never picks up settings from outside itself.

Keys are spelled as the options are, without the dashes (``max-age``, TOML's usual kebab case;
``max_age`` is an unknown key).  An unknown key, a wrong type or a value outside its choices is a
:class:`ConfigError` naming the file, the key and the problem.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

PYPROJECT = "pyproject.toml"
FORMATS = ("text", "json", "sarif", "junit", "github")


class ConfigError(Exception):
    """A configuration file ncts5 cannot use (the CLI makes it a usage error, exit 2)."""


@dataclass(frozen=True)
class Config:
    """The settings read from one file (``path`` None: no file), checked and typed."""

    path: Path | None = None
    values: dict[str, Any] = field(default_factory=dict)

    def get(self, key: str, default: Any = None) -> Any:
        return self.values.get(key, default)


def _choice(*allowed: str) -> Callable[[Any], Any]:
    def check(value: Any) -> Any:
        if not isinstance(value, str) or value not in allowed:
            raise ValueError(f"expected one of {', '.join(repr(a) for a in allowed)}, got {value!r}")
        return value

    return check


def _release(value: Any) -> str:
    # release = 6 and release = "6" both read naturally in TOML
    if isinstance(value, bool) or str(value) not in ("5", "6") or not isinstance(value, int | str):
        raise ValueError(f"expected 5 or 6, got {value!r}")
    return str(value)


def _string(value: Any) -> str:
    if not isinstance(value, str) or not value:
        raise ValueError(f"expected a non-empty string, got {value!r}")
    return value


def _ids(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise ValueError(f"expected a list of rule ids (strings), got {value!r}")
    return tuple(value)


def _bool(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"expected true or false, got {value!r}")
    return value


def _count(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"expected a whole number 0 or more, got {value!r}")
    return value


#: Every key, and how its value is checked.  They mirror ``ncts5 validate``'s options.
KEYS: dict[str, Callable[[Any], Any]] = {
    "phase": _choice("final", "transition"),
    "release": _release,
    "profile": _string,
    "disable": _ids,
    "warn": _ids,
    "strict": _bool,
    "jobs": _count,
    "format": _choice(*FORMATS),
    "max-age": _count,
}


def find(start: Path) -> Path | None:
    """The nearest ``pyproject.toml`` with a ``[tool.ncts5]`` table, from ``start`` up to the repository root."""
    for folder in (start, *start.parents):
        candidate = folder / PYPROJECT
        if candidate.is_file() and "ncts5" in _read(candidate).get("tool", {}):
            return candidate
        if (folder / ".git").exists():
            return None
    return None


def load(path: Path | None = None, *, start: Path | None = None) -> Config:
    """The settings in ``path`` (``--config``), else in the file :func:`find` finds from ``start`` (cwd)."""
    if path is None:
        path = find((start or Path.cwd()).resolve())
        if path is None:
            return Config()
    data = _read(path)
    tool = data.get("tool", {})
    if isinstance(tool, dict) and "ncts5" in tool:
        table, where = tool["ncts5"], "[tool.ncts5]"
        if not isinstance(table, dict):
            raise ConfigError(f"{path}: [tool.ncts5] must be a table")
    elif path.name == PYPROJECT:
        table, where = {}, "[tool.ncts5]"  # named on purpose but holds nothing for ncts5: nothing to apply
    else:
        table, where = data, "top level"
    values: dict[str, Any] = {}
    for key, value in table.items():
        if key not in KEYS:
            hint = f" (did you mean {key.replace('_', '-')!r}?)" if key.replace("_", "-") in KEYS else ""
            known = ", ".join(KEYS)
            raise ConfigError(f"{path}: {where}: unknown key {key!r}{hint}; the keys are {known}")
        try:
            values[key] = KEYS[key](value)
        except ValueError as exc:
            raise ConfigError(f"{path}: {where}: key {key!r}: {exc}") from None
    profile = values.get("profile")
    if profile and profile.endswith(".json") and not Path(profile).is_absolute():
        values["profile"] = str(path.parent / profile)  # a profile file is found beside the configuration
    return Config(path, values)


def _read(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as f:
            return tomllib.load(f)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the configuration: {exc.strerror or exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
