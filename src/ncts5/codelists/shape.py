"""Reading JSON and CSV input files and checking their shape, with errors that say where.

Shared by the official payload importer and the simple per-list format: a :class:`ShapeError`
carries a JSON-path-like location (``$.lists.DeclarationType.listEntries[3].state``) and is
turned into a :class:`~ncts5.codelists.errors.CodeListImportError` naming the file.
"""

from __future__ import annotations

import functools
import gzip
import json
import re
import zlib
from datetime import date
from pathlib import Path
from typing import Any

from ncts5.codelists.errors import CodeListImportError

DATE_RE = re.compile(r"\d{4}-[01]\d-[0-3]\d")


class ShapeError(Exception):
    """A shape problem at a JSON path; turned into :class:`CodeListImportError` with the file name."""


# -- reading bytes -------------------------------------------------------------------------------


def read_bytes(path: Path) -> bytes:
    """The file's bytes, gunzipped when they start with the gzip magic number (so any name works)."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise CodeListImportError(path, "no such file") from None
    except IsADirectoryError:
        raise CodeListImportError(path, "is a directory, expected a file") from None
    except OSError as exc:
        raise CodeListImportError(path, f"cannot read: {exc.strerror or exc}") from None
    if raw[:2] == b"\x1f\x8b":
        try:
            raw = gzip.decompress(raw)
        except (OSError, EOFError, zlib.error) as exc:
            raise CodeListImportError(path, f"not a valid gzip file ({exc})") from None
    return raw


def read_text(path: Path) -> str:
    """The file as UTF-8 text (a byte order mark is tolerated: spreadsheets write one)."""
    raw = read_bytes(path)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CodeListImportError(path, f"not UTF-8 text (byte {exc.start})") from None


def read_json(path: Path) -> Any:
    """The file parsed as JSON; every failure is a :class:`CodeListImportError` naming the file."""
    text = read_text(path)
    if not text.strip():
        raise CodeListImportError(path, "empty file")
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise CodeListImportError(path, f"not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from None


# -- shape helpers -------------------------------------------------------------------------------


def obj(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ShapeError(f"{where}: expected an object, got {kind(value)}")
    return value


def arr(value: Any, where: str) -> list[Any]:
    if not isinstance(value, list):
        raise ShapeError(f"{where}: expected an array, got {kind(value)}")
    return value


def string(
    container: dict[str, Any],
    key: str,
    where: str,
    *,
    required: bool = True,
    min_len: int = 0,
    max_len: int | None = None,
) -> str | None:
    if key not in container:
        if required:
            raise ShapeError(f"{where}: required property {key!r} is missing")
        return None
    value = container[key]
    if not isinstance(value, str):
        raise ShapeError(f"{where}.{key}: expected a string, got {kind(value)}")
    if len(value) < min_len:
        raise ShapeError(f"{where}.{key}: must not be empty")
    if max_len is not None and len(value) > max_len:
        raise ShapeError(f"{where}.{key}: longer than {max_len} characters")
    return value


def required(container: dict[str, Any], key: str, where: str, *, min_len: int = 0, max_len: int | None = None) -> str:
    """A required string property (typed as such, unlike :func:`string`)."""
    value = string(container, key, where, min_len=min_len, max_len=max_len)
    if value is None:  # pragma: no cover - string raises for a missing required property
        raise ShapeError(f"{where}: required property {key!r} is missing")
    return value


def date_field(container: dict[str, Any], key: str, where: str, *, required: bool = True) -> date | None:
    value = string(container, key, where, required=required)
    if value is None:
        return None
    parsed = parse_date(value)
    if parsed is None:
        raise ShapeError(f"{where}.{key}: expected a YYYY-MM-DD date, got {value!r}")
    if parsed is NOT_A_DATE:
        raise ShapeError(f"{where}.{key}: not a calendar date: {value!r}")
    return parsed


NOT_A_DATE = date.min


@functools.lru_cache(maxsize=4096)
def parse_date(value: str) -> date | None:
    """The date in *value*; None without a date pattern, ``NOT_A_DATE`` for e.g. 2025-02-30.

    Cached: a payload of 160,000 entries holds a few hundred distinct dates.
    """
    match = DATE_RE.search(value)  # CTCUP06 patterns are unanchored, as JSON Schema patterns are
    if not match:
        return None
    try:
        return date.fromisoformat(match.group(0))
    except ValueError:
        return NOT_A_DATE


def kind(value: Any) -> str:
    return {dict: "an object", list: "an array", str: "a string", bool: "a boolean", type(None): "null"}.get(
        type(value), "a number"
    )
