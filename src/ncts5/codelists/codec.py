"""The one JSON shape in which ncts5 keeps a code list, packaged or imported.

A list file records ``id``, ``name``, ``origin`` (where the values come from), ``snapshot_date``,
``complete`` and ``entries``. Hand-written packaged files spell each entry as an object so that
a reviewer can read a diff; generated and imported files store the entries as parallel columns
(``{"code": [...], "description": [...], "version_from": [...]}``, a column whose values are all
empty left out) because the official lists run to 100,000 entries and columns load several
times faster than one small array per entry. :func:`decode` reads both. What each date means is
said on :class:`~ncts5.codelists.model.Entry`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from ncts5.codelists.model import COLUMNS, CodeList, ColumnEntries, Entry, Source


class DecodeError(ValueError):
    """The JSON is not a code list file; the message says which part is wrong."""


def _date(value: Any, what: str) -> date | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise DecodeError(f"{what}: expected a YYYY-MM-DD date, got {value!r}")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise DecodeError(f"{what}: expected a YYYY-MM-DD date, got {value!r}") from None


_DATES = ("active_from", "active_to", "withdrawn_from", "version_from")


def _entry(raw: Any, index: int) -> Entry:
    what = f"entries[{index}]"
    if not isinstance(raw, dict):
        raise DecodeError(f"{what}: expected an object")
    code = raw.get("code")
    description = raw.get("description")
    dates = [raw.get(key) for key in _DATES]
    if not isinstance(code, str) or not code:
        raise DecodeError(f"{what}.code: expected a non-empty string")
    if description is not None and not isinstance(description, str):
        raise DecodeError(f"{what}.description: expected a string")
    active_from, active_to, withdrawn_from, version_from = (
        _date(value, f"{what}.{key}") for key, value in zip(_DATES, dates, strict=True)
    )
    return Entry(code, description or "", active_from, active_to, withdrawn_from, version_from)


def decode(obj: Any, source: Source, *, more: Callable[[], dict[str, list[str | None]]] | None = None) -> CodeList:
    """Build a :class:`CodeList` from the JSON of a list file; raise :class:`DecodeError` if malformed.

    *more* loads columns a large list keeps in a file of its own (see :class:`ColumnEntries`).
    """
    if not isinstance(obj, dict):
        raise DecodeError("expected a JSON object")
    for key in ("id", "name", "origin"):
        if not isinstance(obj.get(key), str) or not obj[key]:
            raise DecodeError(f"{key}: expected a non-empty string")
    snapshot = _date(obj.get("snapshot_date"), "snapshot_date")
    if snapshot is None:
        raise DecodeError("snapshot_date: missing")
    raw_entries = obj.get("entries")
    if not isinstance(raw_entries, list | dict):
        raise DecodeError("entries: expected an array, or an object of columns")
    complete = obj.get("complete", True)
    if not isinstance(complete, bool):
        raise DecodeError("complete: expected true or false")
    entries: Sequence[Entry]
    if isinstance(raw_entries, dict):
        entries = ColumnEntries(_columns(raw_entries), more)  # the stored form; entries are built on access
    else:
        entries = tuple(_entry(raw, i) for i, raw in enumerate(raw_entries))
    try:
        return CodeList(obj["id"], obj["name"], source, obj["origin"], snapshot, entries, complete)
    except ValueError as exc:  # a malformed date in a column, found while indexing
        raise DecodeError(f"entries: a date is not YYYY-MM-DD ({exc})") from None


def _columns(raw: dict[str, Any]) -> dict[str, list[str | None]]:
    """The columns of a stored list, checked: known names, equal lengths, non-empty string codes, strings.

    Written for speed: it runs over the 100,000 entries of the UN/LOCODE list on every load.
    """
    unknown = set(raw) - set(COLUMNS)
    if unknown:
        raise DecodeError(f"entries: unknown column(s) {sorted(unknown)}")
    codes = raw.get("code")
    if not isinstance(codes, list):
        raise DecodeError("entries.code: expected an array")
    if set(map(type, codes)) - {str} or "" in codes:  # map/set run in C: 100,000 codes in a few ms
        raise DecodeError("entries.code: expected non-empty strings")
    for name, column in raw.items():
        if not isinstance(column, list) or len(column) != len(codes):
            raise DecodeError(f"entries.{name}: expected an array as long as entries.code")
        if name != "code" and set(map(type, column)) - {str, type(None)}:
            raise DecodeError(f"entries.{name}: expected strings or null")
    return raw


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def encode(code_list: CodeList, *, compact: bool) -> dict[str, Any]:
    """The JSON object for *code_list*: *compact* stores parallel columns (generated and imported
    lists), otherwise one object per entry (hand-written lists, for readable diffs)."""
    entries: Any
    rows = [
        (
            e.code,
            e.description,
            *(d.isoformat() if d else None for d in (e.active_from, e.active_to, e.withdrawn_from, e.version_from)),
        )
        for e in code_list.entries
    ]
    if compact:
        columns = {name: [row[i] for row in rows] for i, name in enumerate(COLUMNS)}
        entries = {name: values for name, values in columns.items() if name == "code" or any(values)}
    else:
        entries = []
        for row in rows:
            item: dict[str, Any] = {"code": row[0], "description": row[1]}
            item.update((key, value) for key, value in zip(_DATES, row[2:], strict=True) if value)
            entries.append(item)
    return {
        "id": code_list.id,
        "name": code_list.name,
        "origin": code_list.origin,
        "snapshot_date": code_list.snapshot_date.isoformat(),
        "complete": code_list.complete,
        "entries": entries,
    }
