"""The simple per-list format, for users without the official reference data feed.

One list per file: CSV with a header row ``code,description[,active_from,active_to]`` (UTF-8,
ISO dates, both ends included), or JSON: an array of objects with those keys, or
``{"snapshot_date": ..., "origin": ..., "entries": [...]}``. The list is taken as complete.
The file is read within the same bounds as an official payload (see :mod:`ncts5.codelists.shape`).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

from ncts5.codelists.catalogue import NAMES, OFFICE_LISTS
from ncts5.codelists.errors import CodeListImportError
from ncts5.codelists.importer import ImportedList, ParsedFile
from ncts5.codelists.model import CodeList, Entry
from ncts5.codelists.shape import ShapeError, arr, date_field, decode_text, obj, parse_json, read_bytes, string

_SIMPLE_COLUMNS = ("code", "description", "active_from", "active_to")
_JSON_START = re.compile(rb"(?:\xef\xbb\xbf)?[ \t\r\n]*[\[{]")


def _simple_entry(row: Mapping[str, Any], where: str) -> Entry:
    code = row.get("code")
    if not isinstance(code, str) or not code.strip():
        raise ShapeError(f"{where}: 'code' is missing or empty")
    description = row.get("description") or ""
    if not isinstance(description, str):
        raise ShapeError(f"{where}: 'description' must be text")
    dates: list[date | None] = []
    for key in ("active_from", "active_to"):
        value = row.get(key)
        if value in (None, ""):
            dates.append(None)
            continue
        if not isinstance(value, str):
            raise ShapeError(f"{where}: '{key}' must be a YYYY-MM-DD date")
        try:
            dates.append(date.fromisoformat(value.strip()))
        except ValueError:
            raise ShapeError(f"{where}: '{key}' must be a YYYY-MM-DD date, got {value!r}") from None
    if dates[0] and dates[1] and dates[1] < dates[0]:
        raise ShapeError(f"{where}: active_to is before active_from")
    return Entry(code.strip(), description.strip(), dates[0], dates[1])


def _simple_csv(text: str) -> list[Entry]:
    reader = csv.DictReader(io.StringIO(text))
    try:
        return _csv_entries(reader)
    except csv.Error as exc:  # e.g. a field over csv's size limit (128 KiB)
        raise ShapeError(f"near line {reader.line_num + 1}: not readable as CSV ({exc})") from None


def _csv_entries(reader: csv.DictReader[str]) -> list[Entry]:
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    if "code" not in header:
        raise ShapeError("line 1: expected a header row naming the columns code,description[,active_from,active_to]")
    unknown = [h for h in header if h and h not in _SIMPLE_COLUMNS]
    if unknown:
        raise ShapeError(f"line 1: unknown column(s) {', '.join(unknown)}; allowed: {', '.join(_SIMPLE_COLUMNS)}")
    reader.fieldnames = header
    entries = []
    for row in reader:
        if not any((v or "").strip() for v in row.values() if isinstance(v, str)):
            continue  # blank line
        if None in row:
            raise ShapeError(f"line {reader.line_num}: more fields than header columns")
        entries.append(_simple_entry(row, f"line {reader.line_num}"))
    return entries


def _simple_json(payload: Any) -> tuple[list[Entry], date | None, str | None]:
    snapshot = None
    origin = None
    if isinstance(payload, dict):
        if "entries" not in payload:
            raise ShapeError("$: expected an array of entries or an object with 'entries'")
        if payload.get("snapshot_date") is not None:
            snapshot = date_field(payload, "snapshot_date", "$")
        origin = string(payload, "origin", "$", required=False)
        payload = payload["entries"]
    rows = arr(payload, "entries")
    return (
        [_simple_entry(obj(row, f"entry {i + 1}"), f"entry {i + 1}") for i, row in enumerate(rows)],
        snapshot,
        origin,
    )


def read_list_file(path: str | Path, list_id: str, *, snapshot_date: date | None = None) -> ParsedFile:
    """Read one list in the simple CSV/JSON format as list *list_id* (an id such as ``"CL231"``)."""
    path = Path(path)
    if list_id in OFFICE_LISTS:
        raise CodeListImportError(
            path, f"{list_id} is derived from the customs office list: import the COL file without --list"
        )
    raw = read_bytes(path)
    try:
        if path.suffix.lower() == ".json" or _JSON_START.match(raw):
            entries, file_snapshot, origin = _simple_json(parse_json(raw, path))
        else:
            entries = _simple_csv(decode_text(raw, path))
            file_snapshot, origin = None, None
    except ShapeError as exc:
        raise CodeListImportError(path, str(exc)) from None
    if not entries:
        raise CodeListImportError(path, "holds no entries")
    snapshot = snapshot_date or file_snapshot or date.today()
    code_list = CodeList(
        id=list_id,
        name=NAMES[list_id],
        source="imported",
        origin=origin or f"user file {path.name}",
        snapshot_date=snapshot,
        entries=tuple(entries),
        complete=True,
    )
    return ParsedFile(
        path, "list", snapshot, (code_list,), None, (ImportedList(list_id, code_list.name, len(entries)),), ()
    )
