"""Which values are in force for each list, and the lookups built on that.

Precedence is simple: a list imported into the data directory wins over the packaged one;
a list that is neither is *not available*, and checking a value against it reports
``not-checked`` rather than guessing. Lists are loaded on first use and kept, so that the
rule engine pays for reading a list once per process; :meth:`Registry.reload` forgets them
(after an import, or in tests that point ``$NCTS5_DATA_DIR`` elsewhere).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Literal

from ncts5.codelists import packaged
from ncts5.codelists.catalogue import MESSAGE_LIST_IDS, NAMES, OFFICE_LISTS, import_hint, resolve
from ncts5.codelists.errors import CodeListImportError, CodeListNotAvailable, UnknownCodeList
from ncts5.codelists.importer import ImportSummary, ParsedFile, read_reference_data
from ncts5.codelists.model import SHORT_LIST, CheckResult, CodeList
from ncts5.codelists.offices import CustomsOffice, OfficeIndex
from ncts5.codelists.simple import read_list_file
from ncts5.codelists.store import Manifest, Store

ListState = Literal["packaged", "imported", "missing"]


@dataclass(frozen=True, slots=True)
class ListStatus:
    """One row of ``ncts5 codelists``: which values are in force for a list."""

    id: str
    name: str
    status: ListState
    source: str | None
    snapshot_date: date | None
    entries: int
    complete: bool | None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "status": self.status,
            "source": self.source,
            "snapshot_date": self.snapshot_date.isoformat() if self.snapshot_date else None,
            "entries": self.entries,
            "complete": self.complete,
        }


_UNSET: Any = object()


class Registry:
    """The code lists in force for one data directory (the default one unless told otherwise)."""

    def __init__(self, data_dir: str | os.PathLike[str] | None = None) -> None:
        self._data_dir = data_dir
        self._lock = threading.RLock()
        self.reload()

    # -- state -------------------------------------------------------------------------------

    def reload(self) -> None:
        """Forget every loaded list and re-read the data directory (and ``$NCTS5_DATA_DIR``) on next use."""
        with self._lock:
            self._store: Store | None = None
            self._manifest_cache: Manifest | None = None
            self._lists: dict[str, CodeList | None] = {}
            self._offices: OfficeIndex | None = _UNSET

    @property
    def store(self) -> Store:
        if self._store is None:
            self._store = Store(self._data_dir)
        return self._store

    @property
    def data_dir(self) -> Path:
        """The directory imported lists are read from."""
        return self.store.data_dir

    def _manifest(self) -> Manifest:
        if self._manifest_cache is None:
            self._manifest_cache = self.store.manifest()
        return self._manifest_cache

    def offices(self) -> OfficeIndex | None:
        """The imported customs office list, or None when none was imported."""
        if self._offices is _UNSET:
            with self._lock:
                if self._offices is _UNSET:
                    stored = self._manifest().offices
                    self._offices = None if stored is None else self.store.load_offices(stored)
        return self._offices

    def _load(self, list_id: str) -> CodeList | None:
        """The list in force for *list_id*: imported, else packaged, else None. Cached."""
        try:
            return self._lists[list_id]
        except KeyError:
            pass
        with self._lock:
            if list_id in self._lists:
                return self._lists[list_id]
            found: CodeList | None
            if list_id in OFFICE_LISTS:
                index = self.offices()
                found = None if index is None else index.derived_list(list_id)
            else:
                stored = self._manifest().lists.get(list_id)
                found = self.store.load_list(stored) if stored is not None else packaged.load_packaged(list_id)
            self._lists[list_id] = found
            return found

    # -- lookups -----------------------------------------------------------------------------

    def get(self, key: str) -> CodeList:
        """The list *key* (id or name) in force; raise if unknown or not available."""
        list_id = resolve(key)
        if list_id is None:
            raise UnknownCodeList(key)
        found = self._load(list_id)
        if found is None:
            raise CodeListNotAvailable(list_id, NAMES[list_id], import_hint(list_id))
        return found

    def available(self, key: str) -> bool:
        """True when values are packaged or imported for *key*; never loads a list to say so."""
        list_id = resolve(key)
        if list_id is None:
            return False
        return self._state(list_id) != "missing"

    def _state(self, list_id: str) -> ListState:
        manifest = self._manifest()
        if list_id in OFFICE_LISTS:
            return "imported" if manifest.offices is not None else "missing"
        if list_id in manifest.lists:
            return "imported"
        return "packaged" if list_id in packaged.packaged_ids() else "missing"

    def check(self, list_id: str, value: str, on: date | None = None) -> CheckResult:
        """Check *value* against list *list_id* on date *on* (default today). Fast: one dict lookup per call."""
        try:
            code_list = self._lists[list_id]
        except KeyError:
            resolved = resolve(list_id)
            if resolved is None:
                raise UnknownCodeList(list_id) from None
            code_list = self._load(resolved)
            list_id = resolved
        if code_list is None:
            name = NAMES[list_id]
            return CheckResult(
                list_id,
                value,
                "not-checked",
                f"{list_id} {name} is not packaged with ncts5 and has not been imported; {import_hint(list_id)}",
                list_name=name,
            )
        list_id = code_list.id
        if code_list.is_valid(value, on):
            return CheckResult(
                list_id,
                value,
                "valid",
                f"{value!r} is in {list_id} {code_list.name}",
                list_name=code_list.name,
                source=code_list.source,
                snapshot_date=code_list.snapshot_date,
            )
        if code_list.knows(value):
            day = on or date.today()
            periods = ", ".join(_period(e.active_from, e.active_to) for e in code_list.entries_for(value))
            reason = f"{value!r} is in {list_id} {code_list.name} but not in force on {day} ({periods})"
        elif not code_list.complete:
            return CheckResult(
                list_id,
                value,
                "not-checked",
                f"{value!r} is not among the codes of the packaged {list_id} {code_list.name}, which holds only "
                f"the codes its public source names; {import_hint(list_id)}",
                list_name=code_list.name,
                source=code_list.source,
                snapshot_date=code_list.snapshot_date,
            )
        else:
            reason = (
                f"{value!r} is not a code of {list_id} {code_list.name} "
                f"({code_list.source} list, snapshot {code_list.snapshot_date})"
            )
            role = OFFICE_LISTS.get(list_id)
            office = self.customs_office(value) if role else None
            if office is not None:
                reason = (
                    f"customs office {value} ({office.name}) does not have the role {role} that "
                    f"{list_id} {code_list.name} requires; its roles: {', '.join(sorted(office.roles))}"
                )
        active = code_list.codes(on)
        allowed = code_list.active_codes_in_order(on) if len(active) <= SHORT_LIST else None
        return CheckResult(
            list_id,
            value,
            "invalid",
            reason,
            allowed=allowed,
            list_name=code_list.name,
            source=code_list.source,
            snapshot_date=code_list.snapshot_date,
        )

    def customs_office(self, reference_number: str) -> CustomsOffice | None:
        """The imported office with this reference number, or None (unknown, or no office list imported)."""
        index = self.offices()
        return None if index is None else index.offices.get(reference_number)

    def office_has_role(self, reference_number: str, role: str, on: date | None = None) -> bool | None:
        """Whether the office exists (on *on*) and holds *role*; None when no office list was imported."""
        index = self.offices()
        if index is None:
            return None
        office = index.offices.get(reference_number)
        if office is None or not office.is_active(on or date.today()):
            return False
        return role.upper() in office.roles

    def status(self, ids: Iterable[str] = MESSAGE_LIST_IDS) -> list[ListStatus]:
        """Which values are in force for each of *ids* (default: the lists the messages use)."""
        manifest = self._manifest()
        rows: list[ListStatus] = []
        for list_id in ids:
            name = NAMES[list_id]
            offices = manifest.offices
            stored = manifest.lists.get(list_id)
            if list_id in OFFICE_LISTS and offices is not None:
                role = OFFICE_LISTS[list_id]
                what = "every office" if role is None else f"offices with role {role}"
                origin = f"derived from {offices.origin} ({what})"
                count = offices.counts.get(list_id, 0)
                rows.append(ListStatus(list_id, name, "imported", origin, offices.snapshot_date, count, True))
                continue
            if list_id not in OFFICE_LISTS and stored is not None:
                rows.append(
                    ListStatus(
                        list_id, name, "imported", stored.origin, stored.snapshot_date, stored.entries, stored.complete
                    )
                )
                continue
            shipped = None if list_id in OFFICE_LISTS else packaged.load_packaged(list_id)
            if shipped is not None:
                rows.append(
                    ListStatus(
                        list_id, name, "packaged", shipped.origin, shipped.snapshot_date, len(shipped), shipped.complete
                    )
                )
            else:
                rows.append(ListStatus(list_id, name, "missing", None, None, 0, None))
        return rows

    # -- imports -----------------------------------------------------------------------------

    def _commit(self, parsed: ParsedFile, data_dir: str | os.PathLike[str] | None) -> ImportSummary:
        store = Store(data_dir) if data_dir is not None else self.store
        try:
            store.commit(parsed.lists, parsed.offices)
        except OSError as exc:
            raise CodeListImportError(
                parsed.path, f"cannot write to {store.root}: {exc.strerror or exc}; nothing was changed"
            ) from exc
        self.reload()
        return ImportSummary(
            path=parsed.path,
            data_dir=store.data_dir,
            kind=parsed.kind,
            snapshot_date=parsed.snapshot_date,
            lists=parsed.imported,
            offices=None if parsed.offices is None else len(parsed.offices.offices),
            skipped=parsed.skipped,
        )

    def import_reference_data(
        self, path: str | os.PathLike[str], *, data_dir: str | os.PathLike[str] | None = None
    ) -> ImportSummary:
        """Import an official payload (RD_NCTS-P5 code lists or the COL customs office list)."""
        return self._commit(read_reference_data(Path(path)), data_dir)

    def import_list(
        self,
        path: str | os.PathLike[str],
        list_key: str,
        *,
        data_dir: str | os.PathLike[str] | None = None,
        snapshot_date: date | None = None,
    ) -> ImportSummary:
        """Import one list in the simple CSV/JSON format as list *list_key* (id or name)."""
        list_id = resolve(list_key)
        if list_id is None:
            raise UnknownCodeList(list_key)
        return self._commit(read_list_file(Path(path), list_id, snapshot_date=snapshot_date), data_dir)


def _period(start: date | None, end: date | None) -> str:
    if start and end:
        return f"in force {start} to {end}"
    if start:
        return f"in force from {start}"
    if end:
        return f"in force until {end}"
    return "always in force"


#: The registry behind the module-level functions: the default data directory.
DEFAULT = Registry()
