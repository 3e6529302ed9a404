"""Which values are in force for each list, and the lookups built on that.

Precedence is simple: a list imported into the data directory wins over the packaged one;
a list that is neither is *not available*, and checking a value against it reports
``not-checked`` rather than guessing. Lists are loaded on first use and kept, so that the
rule engine pays for reading a list once per process; :meth:`Registry.reload` forgets them
(after an import, or in tests that point ``$NCTS5_DATA_DIR`` elsewhere).

**When another process imports.** A registry holds a *view* of its data directory: one
manifest and the lists loaded from it, so every lookup answers from one consistent set. The
view changes only at defined points: :meth:`Registry.refresh` compares the manifest's stamp
(one ``stat``: device, inode, mtime, size) with the view's and starts a new view when another
process has imported since — :func:`ncts5.validate` calls it before each message, so a
long-running service validates each message against the data in force when it started —;
:meth:`Registry.reload` always starts a new view; an import through the registry does too.
Between those points the view stays usable: an import keeps the files of the generation it
replaces (see :mod:`ncts5.codelists.store`), and a view two imports old that finds a file
gone re-reads the manifest and reloads itself whole, once, instead of failing.

**Damage never escapes into a lookup.** A stored file that fails its check against the
manifest, or a damaged manifest, makes the lists concerned *not available (damaged: ...)*
with the repair command: :meth:`Registry.check` reports ``not-checked`` with that reason,
:meth:`Registry.get` raises :class:`~ncts5.codelists.errors.CodeListDamaged`,
:meth:`Registry.status` shows ``damaged``. A damaged imported list does not fall back to the
packaged one: the user asked for other data than the packaged.
"""

from __future__ import annotations

import os
import shlex
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Literal, TypeVar

from ncts5.codelists import packaged
from ncts5.codelists.catalogue import MESSAGE_LIST_IDS, NAMES, OFFICE_LISTS, import_hint, resolve
from ncts5.codelists.errors import (
    CodeListDamaged,
    CodeListImportError,
    CodeListNotAvailable,
    CodeListStoreError,
    UnknownCodeList,
)
from ncts5.codelists.importer import ImportSummary, ParsedFile, read_reference_data
from ncts5.codelists.model import SHORT_LIST, CheckResult, CodeList
from ncts5.codelists.offices import CustomsOffice, OfficeIndex
from ncts5.codelists.simple import read_list_file
from ncts5.codelists.store import (
    EMPTY,
    ImportLockTimeout,
    Manifest,
    Stamp,
    Store,
    StoredFileMissing,
    StoredList,
    StoredOffices,
)

ListState = Literal["packaged", "imported", "missing", "damaged"]


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
#: How many views a lookup tries when a file of its view has gone (imports by other processes).
_VIEW_ATTEMPTS = 3
_T = TypeVar("_T")


class Registry:
    """The code lists in force for one data directory (the default one unless told otherwise).

    See the module docstring for when it picks up another process's import and how damage is
    reported. Thread-safe: loading is serialised, the lookups of loaded lists take no lock.
    """

    def __init__(self, data_dir: str | os.PathLike[str] | None = None) -> None:
        self._data_dir = data_dir
        self._lock = threading.RLock()
        self.reload()

    # -- state -------------------------------------------------------------------------------

    def reload(self) -> None:
        """Forget every loaded list and re-read the data directory (and ``$NCTS5_DATA_DIR``) on next use."""
        with self._lock:
            self._store: Store | None = None
            self._new_view()

    def refresh(self) -> bool:
        """Start a new view if another process imported since this one was read; True when it did.

        One ``stat`` of the manifest. This is the defined point at which a long-running process
        picks up new data; :func:`ncts5.validate` calls it before each message.
        """
        with self._lock:
            if self._manifest_cache is None or self.store.stamp() == self._stamp:
                return False
            self._new_view()
            return True

    def _new_view(self) -> None:
        """Forget the manifest and everything loaded from it; the next lookup reads the current one."""
        self._manifest_damage: str | None = None
        self._stamp: Stamp | None = None
        self._damaged: dict[str, str] = {}
        self._lists: dict[str, CodeList | None] = {}
        self._offices: OfficeIndex | None = _UNSET
        self._manifest_cache: Manifest | None = None

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
        """The view's manifest, read on first use; empty, with the damage noted, when it is damaged."""
        manifest = self._manifest_cache
        if manifest is None:
            with self._lock:
                if self._manifest_cache is None:
                    try:
                        read, self._stamp = self.store.read_manifest()
                    except CodeListStoreError as exc:
                        self._stamp = self.store.stamp()
                        self._manifest_damage = f"{exc.path}: {exc.problem}"
                        read = EMPTY
                    self._manifest_cache = read
                manifest = self._manifest_cache
        return manifest

    def _retrying(self, read: Callable[[], _T], missing: Callable[[str], _T]) -> _T:
        """*read* from the view; if a file it needs has gone because the manifest changed, renew the view.

        Called holding the lock. A file gone while the manifest is unchanged is damage: *missing*
        gets the problem.
        """
        for _ in range(_VIEW_ATTEMPTS - 1):
            try:
                return read()
            except StoredFileMissing as exc:
                if self.store.stamp() == self._stamp:
                    return missing(exc.problem)
                self._new_view()
        try:
            return read()
        except StoredFileMissing as exc:
            return missing(exc.problem)

    def offices(self) -> OfficeIndex | None:
        """The customs office list in force: imported, else packaged; None when there is neither or it is damaged."""
        index = self._offices
        if index is _UNSET:
            with self._lock:
                index = self._retrying(self._read_offices, self._offices_damaged)
        return index

    def _read_offices(self) -> OfficeIndex | None:
        if self._offices is not _UNSET:
            return self._offices
        manifest = self._manifest()
        index = None
        if self._manifest_damage is not None:
            self._offices_damaged(self._manifest_damage)
        else:
            stored = manifest.offices
            try:
                index = packaged.load_packaged_offices() if stored is None else self.store.load_offices(stored)
            except StoredFileMissing:
                raise
            except CodeListStoreError as exc:
                self._offices_damaged(exc.problem)
        self._offices = index
        return index

    def _offices_damaged(self, problem: str) -> None:
        for list_id in OFFICE_LISTS:
            self._damaged[list_id] = problem
        self._offices = None

    def _load(self, list_id: str) -> CodeList | None:
        """The list in force for *list_id*: imported, else packaged; None when neither or damaged. Cached."""
        try:
            return self._lists[list_id]
        except KeyError:
            pass
        with self._lock:
            return self._retrying(
                lambda: self._read_list(list_id), lambda problem: self._list_damaged(list_id, problem)
            )

    def _read_list(self, list_id: str) -> CodeList | None:
        if list_id in self._lists:
            return self._lists[list_id]
        manifest = self._manifest()
        found: CodeList | None = None
        if self._manifest_damage is not None:
            self._damaged[list_id] = self._manifest_damage
        elif list_id in OFFICE_LISTS:
            index = self._read_offices()
            found = None if index is None else index.derived_list(list_id)
        else:
            stored = manifest.lists.get(list_id)
            try:
                found = self.store.load_list(stored) if stored is not None else packaged.load_packaged(list_id)
            except StoredFileMissing:
                raise
            except CodeListStoreError as exc:
                self._damaged[list_id] = exc.problem
        self._lists[list_id] = found
        return found

    def _list_damaged(self, list_id: str, problem: str) -> None:
        self._damaged[list_id] = problem
        self._lists[list_id] = None

    # -- damage ------------------------------------------------------------------------------

    def damage(self, list_id: str) -> str | None:
        """Why list *list_id* is damaged, with the repair command; None when it is not.

        Reports what lookups found and, for an imported list not loaded yet, checks its file's
        size and checksum against the manifest (without parsing it), so that ``status`` shows
        damage before a validation meets it.
        """
        with self._lock:
            problem = None
            for _ in range(_VIEW_ATTEMPTS):
                problem = self._find_damage(list_id)
                if problem is None or self.store.stamp() == self._stamp:
                    break
                self._new_view()  # not damage: another import replaced the file meanwhile
            if problem is None:
                return None
            # What a load would find: record it, so that lookups and ``available`` agree.
            if list_id in OFFICE_LISTS:
                self._offices_damaged(problem)
            else:
                self._list_damaged(list_id, problem)
            return self._damage_text(list_id, problem)

    def _find_damage(self, list_id: str) -> str | None:
        manifest = self._manifest()
        problem = self._manifest_damage or self._damaged.get(list_id)
        if problem is None:
            stored: StoredList | StoredOffices | None
            if list_id in OFFICE_LISTS:
                stored = manifest.offices if self._offices is _UNSET else None
            else:
                stored = manifest.lists.get(list_id) if list_id not in self._lists else None
            if stored is not None:
                problem = self.store.verify(stored)
        return problem

    def _damage_text(self, list_id: str, problem: str) -> str:
        return f"{list_id} {NAMES[list_id]} is not available (damaged: {problem}); {self._repair(list_id)}"

    def _repair(self, list_id: str) -> str:
        """The command that repairs *list_id*: import its file again, or delete the store (or reinstall)."""
        delete = f"or delete {self.store.root} to use the data packaged with ncts5"
        manifest = self._manifest_cache or EMPTY
        stored = manifest.offices if list_id in OFFICE_LISTS else manifest.lists.get(list_id)
        if self._manifest_damage is not None or (stored is not None and not stored.command):
            return f"repair: import the reference data again with `ncts5 codelists import FILE`, {delete}"
        if stored is None:
            return "repair: reinstall ncts5"
        return f"repair: import it again with `{stored.command}`, {delete}"

    def unavailable_reason(self, list_id: str) -> str:
        """Why *list_id* has no values: damaged (with the repair) or neither packaged nor imported (with the hint)."""
        problem = self._damaged.get(list_id)
        if problem is not None:
            return self._damage_text(list_id, problem)
        name = NAMES[list_id]
        return f"{list_id} {name} is not packaged with ncts5 and has not been imported; {import_hint(list_id)}"

    # -- lookups -----------------------------------------------------------------------------

    def get(self, key: str) -> CodeList:
        """The list *key* (id or name) in force; raise if unknown or not available."""
        list_id = resolve(key)
        if list_id is None:
            raise UnknownCodeList(key)
        found = self._load(list_id)
        if found is None:
            problem = self._damaged.get(list_id)
            if problem is not None:
                raise CodeListDamaged(list_id, NAMES[list_id], problem, self._repair(list_id), self.store.root)
            raise CodeListNotAvailable(list_id, NAMES[list_id], import_hint(list_id))
        return found

    def available(self, key: str) -> bool:
        """True when values are packaged or imported for *key*; never loads a list to say so."""
        list_id = resolve(key)
        if list_id is None:
            return False
        return self._state(list_id) not in ("missing", "damaged")

    def _state(self, list_id: str) -> ListState:
        manifest = self._manifest()
        if self._manifest_damage is not None or list_id in self._damaged:
            return "damaged"
        if list_id in OFFICE_LISTS:
            if manifest.offices is not None:
                return "imported"
            return "packaged" if packaged.has_offices() else "missing"
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
                self.unavailable_reason(list_id),
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
        detail: str | None = None
        day = on or date.today()
        if code_list.knows(value):
            detail = f"{code_list.why_not_active(value, day)}; judged on {day}, the decisive date"
            reason = (
                f"{value!r} is in {list_id} {code_list.name} but not in force: {detail} "
                f"({code_list.source} list, snapshot {code_list.snapshot_date})"
            )
        elif not code_list.complete:
            return CheckResult(
                list_id,
                value,
                "not-checked",
                f"{value!r} is not among the codes of the packaged {list_id} {code_list.name}, which holds only "
                f"the codes its source names; {import_hint(list_id)}",
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
            if office is not None and role not in office.roles:
                detail = (
                    f"customs office {value} ({office.name}) does not have the role {role} that {list_id} "
                    f"{code_list.name} requires; its roles: {', '.join(sorted(office.roles))}"
                )
                reason = f"{detail} ({code_list.source} list, snapshot {code_list.snapshot_date})"
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
            detail=detail,
        )

    def customs_office(self, reference_number: str) -> CustomsOffice | None:
        """The office with this reference number in the list in force, or None (unknown, or no office list)."""
        index = self.offices()
        return None if index is None else index.offices.get(reference_number)

    def office_has_role(self, reference_number: str, role: str, on: date | None = None) -> bool | None:
        """Whether the office is in service (on *on*) and holds *role*; None when there is no office list."""
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
            damage = self.damage(list_id)
            if damage is not None:
                rows.append(ListStatus(list_id, name, "damaged", damage, None, 0, None))
                continue
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
            shown = packaged.listed(list_id)
            if shown is not None:
                rows.append(
                    ListStatus(list_id, name, "packaged", shown.origin, shown.snapshot_date, shown.entries, True)
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
        list_option = "--list {id} " if parsed.kind == "list" else ""
        command = f"ncts5 codelists import {list_option}{shlex.quote(parsed.path.name)}"
        try:
            store.commit(parsed.lists, parsed.offices, command=command)
        except ImportLockTimeout as exc:
            raise CodeListImportError(
                parsed.path, f"{exc.problem}; nothing was changed: try again when it has finished (lock: {exc.path})"
            ) from None
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


#: The registry behind the module-level functions: the default data directory.
DEFAULT = Registry()
