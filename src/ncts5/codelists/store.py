"""Where imported code lists live on disk, and how they are written without ever half-writing.

Layout of ``<data dir>/codelists/``::

    manifest.json          which file holds each imported list, its origin, date and size
    CL231-<token>.json     one compact JSON file per list (loaded only when asked for)
    offices-<token>.json   the customs office list, source of CL141 and CL171-CL177

An import writes new files under a fresh token and then replaces ``manifest.json`` in one
``os.replace``: until that moment readers see the old lists, afterwards the new ones, never
a mixture. Files no longer named by the manifest are removed afterwards.

The data directory is, in order: the ``data_dir`` argument, ``$NCTS5_DATA_DIR``, then the
platform's per-user data folder (``$XDG_DATA_HOME/ncts5`` or ``~/.local/share/ncts5`` on
Linux, ``~/Library/Application Support/ncts5`` on macOS, ``%LOCALAPPDATA%\\ncts5`` on Windows).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import sys
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ncts5.codelists.codec import DecodeError, decode, encode
from ncts5.codelists.errors import CodeListStoreError
from ncts5.codelists.model import CodeList
from ncts5.codelists.offices import OfficeIndex, decode_offices, encode_offices

ENV_VAR = "NCTS5_DATA_DIR"
APP_NAME = "ncts5"
SUBDIR = "codelists"
MANIFEST = "manifest.json"
FORMAT = 1
_OWN_FILE_RE = re.compile(r"^(?:CL\d{3}|offices)-[0-9a-f]{12}\.json$")


def default_data_dir() -> Path:
    """The per-user data directory: ``$NCTS5_DATA_DIR`` if set, else the platform convention."""
    override = os.environ.get(ENV_VAR)
    if override:
        return Path(override).expanduser()
    home = Path.home()
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA")
        return (Path(base) if base else home / "AppData" / "Local") / APP_NAME
    if sys.platform == "darwin":
        return home / "Library" / "Application Support" / APP_NAME
    xdg = os.environ.get("XDG_DATA_HOME")
    # XDG says a relative XDG_DATA_HOME is invalid and must be ignored.
    base_dir = Path(xdg) if xdg and Path(xdg).is_absolute() else home / ".local" / "share"
    return base_dir / APP_NAME


def resolve_data_dir(data_dir: str | os.PathLike[str] | None) -> Path:
    """*data_dir* when given, else :func:`default_data_dir`."""
    return Path(data_dir).expanduser() if data_dir is not None else default_data_dir()


@dataclass(frozen=True, slots=True)
class StoredList:
    """What the manifest says about one imported list (enough to list it without loading it)."""

    id: str
    name: str
    origin: str
    snapshot_date: date
    entries: int
    complete: bool
    file: str


@dataclass(frozen=True, slots=True)
class StoredOffices:
    """What the manifest says about the imported customs office list."""

    origin: str
    snapshot_date: date
    counts: Mapping[str, int]
    file: str


@dataclass(frozen=True, slots=True)
class Manifest:
    """The table of contents of a data directory."""

    lists: Mapping[str, StoredList]
    offices: StoredOffices | None

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "lists": {
                s.id: {
                    "name": s.name,
                    "origin": s.origin,
                    "snapshot_date": s.snapshot_date.isoformat(),
                    "entries": s.entries,
                    "complete": s.complete,
                    "file": s.file,
                }
                for s in sorted(self.lists.values(), key=lambda s: s.id)
            },
            "offices": None
            if self.offices is None
            else {
                "origin": self.offices.origin,
                "snapshot_date": self.offices.snapshot_date.isoformat(),
                "counts": dict(self.offices.counts),
                "file": self.offices.file,
            },
        }

    @classmethod
    def from_json(cls, obj: Any) -> Manifest:
        if not isinstance(obj, dict) or obj.get("format") != FORMAT:
            raise DecodeError(f"not a format-{FORMAT} manifest")
        lists = {
            list_id: StoredList(
                id=list_id,
                name=str(v["name"]),
                origin=str(v["origin"]),
                snapshot_date=date.fromisoformat(v["snapshot_date"]),
                entries=int(v["entries"]),
                complete=bool(v.get("complete", True)),
                file=str(v["file"]),
            )
            for list_id, v in obj["lists"].items()
        }
        raw = obj.get("offices")
        offices = (
            None
            if raw is None
            else StoredOffices(
                origin=str(raw["origin"]),
                snapshot_date=date.fromisoformat(raw["snapshot_date"]),
                counts={k: int(v) for k, v in raw["counts"].items()},
                file=str(raw["file"]),
            )
        )
        return cls(lists=lists, offices=offices)


EMPTY = Manifest(lists={}, offices=None)


class Store:
    """Reads and writes the imported lists of one data directory."""

    def __init__(self, data_dir: str | os.PathLike[str] | None = None) -> None:
        self.data_dir = resolve_data_dir(data_dir)
        self.root = self.data_dir / SUBDIR

    # -- reading ---------------------------------------------------------------------------

    def manifest(self) -> Manifest:
        """The manifest, or an empty one when nothing was ever imported here."""
        path = self.root / MANIFEST
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return EMPTY
        except OSError as exc:
            raise CodeListStoreError(path, f"cannot read: {exc.strerror or exc}") from exc
        try:
            return Manifest.from_json(json.loads(text))
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise CodeListStoreError(path, f"damaged manifest ({exc})") from exc

    def _read_json(self, name: str) -> Any:
        path = self.root / name
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise CodeListStoreError(path, f"cannot read imported data ({exc})") from exc

    def load_list(self, stored: StoredList) -> CodeList:
        """Load one imported list named by the manifest."""
        try:
            return decode(self._read_json(stored.file), "imported")
        except DecodeError as exc:
            raise CodeListStoreError(self.root / stored.file, f"damaged list ({exc})") from exc

    def load_offices(self, stored: StoredOffices) -> OfficeIndex:
        """Load the imported customs office list named by the manifest."""
        try:
            return decode_offices(self._read_json(stored.file))
        except DecodeError as exc:
            raise CodeListStoreError(self.root / stored.file, f"damaged office list ({exc})") from exc

    # -- writing ---------------------------------------------------------------------------

    def commit(self, lists: Iterable[CodeList] = (), offices: OfficeIndex | None = None) -> Manifest:
        """Store *lists* (replacing same-id lists) and *offices*, all or nothing; return the new manifest.

        Raises :class:`OSError` when the directory is not writable; the previous state is
        then still the one in force.
        """
        try:
            current = self.manifest()
        except CodeListStoreError:
            # The lists it named are unreadable anyway: a good import starts afresh, and the
            # orphaned files are collected below.
            current = EMPTY
        token = uuid.uuid4().hex[:12]
        self.root.mkdir(parents=True, exist_ok=True)
        written: list[Path] = []
        try:
            new_lists = dict(current.lists)
            for code_list in lists:
                name = f"{code_list.id}-{token}.json"
                self._write(name, encode(code_list, compact=True), written)
                new_lists[code_list.id] = StoredList(
                    id=code_list.id,
                    name=code_list.name,
                    origin=code_list.origin,
                    snapshot_date=code_list.snapshot_date,
                    entries=len(code_list),
                    complete=code_list.complete,
                    file=name,
                )
            new_offices = current.offices
            if offices is not None:
                name = f"offices-{token}.json"
                self._write(name, encode_offices(offices), written)
                new_offices = StoredOffices(
                    origin=offices.origin,
                    snapshot_date=offices.snapshot_date,
                    counts=offices.role_counts(),
                    file=name,
                )
            manifest = Manifest(lists=new_lists, offices=new_offices)
            self._write(MANIFEST, manifest.to_json(), written=None)
        except BaseException:
            for path in written:
                with contextlib.suppress(OSError):
                    path.unlink()
            raise
        self._collect_garbage(manifest)
        return manifest

    def _write(self, name: str, obj: Any, written: list[Path] | None) -> None:
        """Write *obj* to ``root/name`` through a temporary file and an atomic rename."""
        target = self.root / name
        tmp = self.root / f".{name}.{uuid.uuid4().hex[:8]}.tmp"
        try:
            with tmp.open("w", encoding="utf-8") as fh:
                # dumps, not dump: dump streams through the pure-Python encoder, 10x slower.
                fh.write(json.dumps(obj, ensure_ascii=False, separators=(",", ":")))
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, target)
        except BaseException:
            with contextlib.suppress(OSError):
                tmp.unlink()
            raise
        if written is not None:
            written.append(target)

    def _collect_garbage(self, manifest: Manifest) -> None:
        """Remove list files of earlier imports; only files ncts5 itself names are touched."""
        keep = {s.file for s in manifest.lists.values()}
        if manifest.offices is not None:
            keep.add(manifest.offices.file)
        for path in self.root.iterdir():
            if _OWN_FILE_RE.match(path.name) and path.name not in keep:
                with contextlib.suppress(OSError):
                    path.unlink()
