"""Code lists of NCTS Release 5: lookup, checking, packaged defaults and import of official data.

Customs reject a declaration whose codes are not in the current code lists, and the XSD
constrains few of them, so ncts5 checks every coded field here::

    from ncts5 import codelists

    codelists.get("CL231")                   # or codelists.get("DeclarationType")
    "T1" in codelists.get("CL231")           # True
    codelists.check("CL251", "7").status     # "invalid", with the allowed codes
    codelists.check("CL172", "NL000396")     # "invalid": that office is no office of destination

The official reference data (every code list the messages use and the customs office list, as
of the snapshot recorded in the package) ships with ncts5; newer official payloads
(``RD_NCTS-P5.json.gz``, ``COL-Generic-*.json.gz``) can be imported with
:func:`import_reference_data` or ``ncts5 codelists import FILE`` and then take precedence.
:func:`staleness` says how old the data in use is. See ``docs/codelists.md``.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from ncts5.codelists import packaged as _packaged
from ncts5.codelists.catalogue import MESSAGE_LIST_IDS, NAMES, OFFICE_LISTS
from ncts5.codelists.errors import (
    CodeListDamaged,
    CodeListImportError,
    CodeListNotAvailable,
    CodeListStoreError,
    UnknownCodeList,
)
from ncts5.codelists.explain import DEFAULT_MAX_AGE_DAYS, Staleness, staleness
from ncts5.codelists.importer import ImportedList, ImportSummary
from ncts5.codelists.model import SHORT_LIST, CheckResult, CodeList, Entry
from ncts5.codelists.offices import (
    ROLE_DEPARTURE,
    ROLE_DESTINATION,
    ROLE_EXIT,
    ROLE_EXIT_FOR_TRANSIT,
    ROLE_TRANSIT,
    CustomsOffice,
)
from ncts5.codelists.registry import DEFAULT as _DEFAULT
from ncts5.codelists.registry import ListStatus, Registry
from ncts5.codelists.store import ENV_VAR, default_data_dir

__all__ = [
    "DEFAULT_MAX_AGE_DAYS",
    "ENV_VAR",
    "NAMES",
    "OFFICE_LISTS",
    "ROLE_DEPARTURE",
    "ROLE_DESTINATION",
    "ROLE_EXIT",
    "ROLE_EXIT_FOR_TRANSIT",
    "ROLE_TRANSIT",
    "SHORT_LIST",
    "CheckResult",
    "CodeList",
    "CodeListDamaged",
    "CodeListImportError",
    "CodeListNotAvailable",
    "CodeListStoreError",
    "CustomsOffice",
    "Entry",
    "ImportSummary",
    "ImportedList",
    "ListStatus",
    "Registry",
    "Staleness",
    "UnknownCodeList",
    "available",
    "check",
    "customs_office",
    "data_dir",
    "default_data_dir",
    "get",
    "import_list",
    "import_reference_data",
    "list_ids_used_by_messages",
    "office_has_role",
    "packaged_ids",
    "refresh",
    "reload",
    "staleness",
    "status",
]


def get(key: str) -> CodeList:
    """The list in force for *key*, a DDNTA id (``"CL231"``) or a list name (``"DeclarationType"``).

    Raises :class:`UnknownCodeList` for a key no list has, :class:`CodeListNotAvailable` for
    a list that is neither packaged nor imported (the message says how to import it).
    """
    return _DEFAULT.get(key)


def available(key: str) -> bool:
    """True when *key* names a list with packaged or imported values."""
    return _DEFAULT.available(key)


def check(list_id: str, value: str, on: date | None = None) -> CheckResult:
    """Check *value* against a list on date *on* (the decisive date; default today).

    Returns ``valid``, ``invalid`` (with ``allowed`` codes for short lists) or ``not-checked``
    (no values to decide with). Raises :class:`UnknownCodeList` for an unknown list id.
    """
    return _DEFAULT.check(list_id, value, on)


def customs_office(reference_number: str) -> CustomsOffice | None:
    """The imported customs office with this reference number, or None."""
    return _DEFAULT.customs_office(reference_number)


def office_has_role(reference_number: str, role: str, on: date | None = None) -> bool | None:
    """Whether the office exists and has *role* (``"DEP"``, ``"DES"``, ``"TRA"``, ``"TXT"``...).

    None means *not checked*: no customs office list has been imported.
    """
    return _DEFAULT.office_has_role(reference_number, role, on)


def list_ids_used_by_messages() -> tuple[str, ...]:
    """The 41 list ids referenced by the IE015 and IE170 message tables of the DDNTA."""
    return MESSAGE_LIST_IDS


def packaged_ids() -> frozenset[str]:
    """Ids of the lists that ship with ncts5."""
    return _packaged.packaged_ids()


def status(ids: tuple[str, ...] | None = None) -> list[ListStatus]:
    """Source, snapshot date and size of the values in force for *ids* (default: the message lists)."""
    return _DEFAULT.status(ids if ids is not None else MESSAGE_LIST_IDS)


def import_reference_data(
    path: str | os.PathLike[str], *, data_dir: str | os.PathLike[str] | None = None
) -> ImportSummary:
    """Import an official reference data file (gzip or plain JSON) into the data directory.

    The file is read and checked completely before anything is written; a bad file raises
    :class:`CodeListImportError` and leaves the data directory as it was.
    """
    return _DEFAULT.import_reference_data(path, data_dir=data_dir)


def import_list(
    path: str | os.PathLike[str],
    list_key: str,
    *,
    data_dir: str | os.PathLike[str] | None = None,
    snapshot_date: date | None = None,
) -> ImportSummary:
    """Import one list from a simple CSV (``code,description[,active_from,active_to]``) or JSON file."""
    return _DEFAULT.import_list(path, list_key, data_dir=data_dir, snapshot_date=snapshot_date)


def data_dir() -> Path:
    """The data directory imported lists are read from (``$NCTS5_DATA_DIR`` or the platform default)."""
    return _DEFAULT.data_dir


def refresh() -> bool:
    """Pick up another process's import if there was one since the data in use was read (True if so).

    One ``stat`` of the data directory's manifest; :func:`ncts5.validate` calls it before each
    message, so a long-running service needs no restart after ``ncts5 codelists import``.
    """
    return _DEFAULT.refresh()


def reload() -> None:
    """Forget loaded lists: the next lookup re-reads ``$NCTS5_DATA_DIR`` and the data directory."""
    _packaged.reset()
    _DEFAULT.reload()
