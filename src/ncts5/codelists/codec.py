"""The one JSON shape in which ncts5 keeps a code list, packaged or imported.

A list file records ``id``, ``name``, ``origin`` (where the values come from), ``snapshot_date``,
``complete`` and ``entries``. Packaged files spell each entry as an object so that a reviewer
can read a diff; imported files store each entry as a ``[code, description, from, to]`` array
because the official lists run to 100,000 entries. :func:`decode` reads both.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from ncts5.codelists.model import CodeList, Entry, Source


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


def _entry(raw: Any, index: int) -> Entry:
    what = f"entries[{index}]"
    if isinstance(raw, list):
        if not 1 <= len(raw) <= 4:
            raise DecodeError(f"{what}: expected [code, description, active_from, active_to]")
        code, description, active_from, active_to = (*raw, None, None, None)[:4]
    elif isinstance(raw, dict):
        code = raw.get("code")
        description = raw.get("description")
        active_from = raw.get("active_from")
        active_to = raw.get("active_to")
    else:
        raise DecodeError(f"{what}: expected an object or an array")
    if not isinstance(code, str) or not code:
        raise DecodeError(f"{what}.code: expected a non-empty string")
    if description is not None and not isinstance(description, str):
        raise DecodeError(f"{what}.description: expected a string")
    return Entry(
        code=code,
        description=description or "",
        active_from=_date(active_from, f"{what}.active_from"),
        active_to=_date(active_to, f"{what}.active_to"),
    )


def decode(obj: Any, source: Source) -> CodeList:
    """Build a :class:`CodeList` from the JSON of a list file; raise :class:`DecodeError` if malformed."""
    if not isinstance(obj, dict):
        raise DecodeError("expected a JSON object")
    for key in ("id", "name", "origin"):
        if not isinstance(obj.get(key), str) or not obj[key]:
            raise DecodeError(f"{key}: expected a non-empty string")
    snapshot = _date(obj.get("snapshot_date"), "snapshot_date")
    if snapshot is None:
        raise DecodeError("snapshot_date: missing")
    raw_entries = obj.get("entries")
    if not isinstance(raw_entries, list):
        raise DecodeError("entries: expected an array")
    complete = obj.get("complete", True)
    if not isinstance(complete, bool):
        raise DecodeError("complete: expected true or false")
    return CodeList(
        id=obj["id"],
        name=obj["name"],
        source=source,
        origin=obj["origin"],
        snapshot_date=snapshot,
        entries=tuple(_entry(raw, i) for i, raw in enumerate(raw_entries)),
        complete=complete,
    )


def encode(code_list: CodeList, *, compact: bool) -> dict[str, Any]:
    """The JSON object for *code_list*; *compact* stores entries as arrays (imported lists)."""
    entries: list[Any] = []
    for e in code_list.entries:
        start = e.active_from.isoformat() if e.active_from else None
        end = e.active_to.isoformat() if e.active_to else None
        if compact:
            row: list[Any] = [e.code, e.description, start, end]
            while len(row) > 1 and not row[-1]:
                row.pop()
            entries.append(row)
        else:
            item: dict[str, Any] = {"code": e.code, "description": e.description}
            if start:
                item["active_from"] = start
            if end:
                item["active_to"] = end
            entries.append(item)
    return {
        "id": code_list.id,
        "name": code_list.name,
        "origin": code_list.origin,
        "snapshot_date": code_list.snapshot_date.isoformat(),
        "complete": code_list.complete,
        "entries": entries,
    }
