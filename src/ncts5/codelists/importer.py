"""Reading the official reference data payloads into code lists and a customs office list.

Two official payloads share one envelope, ``{"messageInformation": {"messageID",
"snapshotDate"}, "lists": {...}}``:

* ``RD_NCTS-P5.json.gz``: the code lists by name, shaped as the CTCUP06 JSON Schema says
  (each list ``{"listName", "listEntries": [{"state", "activeFrom", <code field>, ...}]}``;
  the code field is ``code`` for most lists, ``currency``, ``role``, ``type``... for some);
* ``COL-Generic-YYYYMMDD.json.gz``: ``lists.customsOffices``, one entry per office and language
  with ``id``, ``countryId``, ``name`` and ``roles``.

The check of that shape is written out here rather than delegated to a JSON Schema library:
it mirrors CTCUP06 (required lists, required fields, types, date patterns, ``state`` enum,
length limits) and says *where* a file breaks it. Entries whose ``state`` is not ``valid``
are kept as *withdrawn* from their version's date (see :func:`official_entry`). Everything is
parsed and checked in memory first, so a bad file never reaches disk.
The simple per-list format is read by :mod:`ncts5.codelists.simple`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from ncts5.codelists.catalogue import NAMES, OFFICE_LISTS, ids_for_name
from ncts5.codelists.errors import CodeListImportError
from ncts5.codelists.model import CodeList, Entry
from ncts5.codelists.offices import CustomsOffice, OfficeIndex, preferred_name
from ncts5.codelists.shape import ShapeError, arr, date_field, obj, read_json, required, string

_UUID_RE = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_MAX = 4000
_OFFICE_LIST_KEY = "customsoffices"


@dataclass(frozen=True, slots=True)
class _Spec:
    """How CTCUP06 describes the entries of one list."""

    code: str = "code"
    code_min: int = 0
    code_max: int | None = _MAX
    description: str | None = "description"
    description_min: int = 1
    description_max: int | None = _MAX
    state_enum: bool = True


_DEFAULT = _Spec()
_NO_DESCRIPTION = _Spec(description=None, state_enum=False)
_KEYED = {key: _Spec(code=key, code_min=1) for key in ("documentType", "type", "qualifier", "role")}

#: The lists CTCUP06 requires, with the entry shape of each (the default unless stated).
LIST_SPECS: Mapping[str, _Spec] = {
    **dict.fromkeys(
        (
            "CountryCodesCommonTransit", "CountryCodesFullList", "CountryCodesCommunity", "CountryCodesCTC",
            "CountryCodesForAddress", "CountryCustomsSecurityAgreementArea", "CountryAddressPostcodeBased",
            "TransportModeCode", "SupportingDocumentType", "TransportDocumentType", "PreviousDocumentType",
            "DocumentTypeExcise", "KindOfPackages", "KindOfPackagesBulk", "KindOfPackagesUnpacked",
            "AdditionalInformation", "Unit", "FunctionalErrorCodesIeCA", "BusinessRejectionTypeDepExp",
            "RejectionCodeDepartureExport", "Nationality", "ControlType", "SpecificCircumstanceIndicatorCode",
            "DeclarationType", "DeclarationTypeSecurity", "TypeOfIdentificationofMeansOfTransportActive",
            "AuthorisationTypeDeparture", "GuaranteeType", "DeclarationTypeItemLevel",
            "AuthorisationTypeDestination", "IncidentCode", "DeclarationTypeAdditional",
            "RepresentativeStatusCode", "PreviousDocumentExportType", "UnDangerousGoodsCode",
            "GuaranteeTypeWithReference", "GuaranteeTypeWithGRN", "GuaranteeTypeEUNonTIR", "GuaranteeTypeCTC",
            "CountryAddressPostcodeOnly", "PreviousDocumentUnionGoods", "RequestedDocumentType",
            "InvalidGuaranteeReason",
        ),
        _DEFAULT,
    ),
    "CountryWithoutZip": _NO_DESCRIPTION,
    "CUSCode": _NO_DESCRIPTION,
    "HScode": _NO_DESCRIPTION,
    "AdditionalReference": _KEYED["documentType"],
    "TypeOfLocation": _KEYED["type"],
    "TypeOfIdentificationOfMeansOfTransport": _KEYED["type"],
    "QualifierOfTheIdentification": _KEYED["qualifier"],
    "QualifierOfIdentificationIncident": _KEYED["qualifier"],
    "AdditionalSupplyChainActorRoleCode": _KEYED["role"],
    "CurrencyCodes": _Spec(code="currency", code_max=None),
    "TransportChargesMethodOfPayment": _Spec(code="method", code_max=None),
    "UnLocodeExtended": _Spec(code="unLocodeExtendedCode", code_min=1, description="name", description_min=0,
                              description_max=None),
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class ImportedList:
    """One list taken from a file: how many entries were kept and how many were not in a valid state."""

    id: str
    name: str
    entries: int
    dropped: int = 0


@dataclass(frozen=True)
class ParsedFile:
    """Everything read from one file, checked and ready to store."""

    path: Path
    kind: str  # "reference-data", "customs-offices" or "list"
    snapshot_date: date
    lists: tuple[CodeList, ...] = ()
    offices: OfficeIndex | None = None
    imported: tuple[ImportedList, ...] = ()
    skipped: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class ImportSummary:
    """What an import stored, and where: returned by the import functions and printed by the CLI."""

    path: Path
    data_dir: Path
    kind: str
    snapshot_date: date
    lists: tuple[ImportedList, ...]
    offices: int | None = None
    skipped: tuple[str, ...] = ()

    def lines(self) -> list[str]:
        """A short human report: one line per list, then the office count and skipped lists."""
        out = [f"imported {self.path.name} (snapshot {self.snapshot_date}) into {self.data_dir}"]
        for item in sorted(self.lists, key=lambda i: (len(i.id), i.id)):
            extra = f", {item.dropped} dropped (empty code)" if item.dropped else ""
            out.append(f"  {item.id} {item.name}: {item.entries} entries{extra}")
        if self.offices is not None:
            out.append(f"  customs offices: {self.offices}")
        if self.skipped:
            out.append(f"  skipped (unknown to ncts5): {', '.join(self.skipped)}")
        return out


def _envelope(payload: Any) -> tuple[date, str, dict[str, Any]]:
    root = obj(payload, "$")
    for key in ("messageInformation", "lists"):
        if key not in root:
            raise ShapeError(f"$: required property {key!r} is missing")
    info = obj(root["messageInformation"], "$.messageInformation")
    message_id = required(info, "messageID", "$.messageInformation")
    if not _UUID_RE.search(message_id):
        raise ShapeError(f"$.messageInformation.messageID: not a message UUID: {message_id!r}")
    snapshot = date_field(info, "snapshotDate", "$.messageInformation")
    if snapshot is None:  # pragma: no cover - date_field raises for a missing required property
        raise ShapeError("$.messageInformation: required property 'snapshotDate' is missing")
    return snapshot, message_id, obj(root["lists"], "$.lists")


# -- official code lists -------------------------------------------------------------------------


def _official_list(name: str, raw: Any, spec: _Spec) -> tuple[list[Entry], int]:
    where = f"$.lists.{name}"
    body = obj(raw, where)
    string(body, "listName", where, max_len=_MAX)
    if "listEntries" not in body:
        raise ShapeError(f"{where}: required property 'listEntries' is missing")
    entries = arr(body["listEntries"], f"{where}.listEntries")
    kept: list[Entry] = []
    dropped = 0
    for i, raw_entry in enumerate(entries):
        at = f"{where}.listEntries[{i}]"
        entry = obj(raw_entry, at)
        active_from = date_field(entry, "activeFrom", at)
        code = required(entry, spec.code, at, min_len=spec.code_min, max_len=spec.code_max)
        state = required(entry, "state", at)
        if spec.state_enum and state not in ("valid", "invalid"):
            raise ShapeError(f"{at}.state: expected 'valid' or 'invalid', got {state!r}")
        description = (
            string(entry, spec.description, at, min_len=spec.description_min, max_len=spec.description_max)
            if spec.description
            else None
        )
        active_to = date_field(entry, "activeTo", at, required=False)  # not in CTCUP06, honoured if sent
        if not code:
            dropped += 1
            continue
        kept.append(official_entry(code, description or "", state, active_from, active_to))
    return kept, dropped


def official_entry(code: str, description: str, state: str, active_from: date | None, active_to: date | None) -> Entry:
    """An entry of the official payload, with its dates meaning what the payload means by them.

    ``activeFrom`` starts the entry's current *version*: for a valid entry it is kept only to be
    shown (it never makes an earlier declaration invalid); for an entry whose state is not
    ``valid`` it is the day the code was withdrawn. ``activeTo``, not in CTCUP06, is a real end.
    """
    if state == "valid":
        return Entry(code, description, active_to=active_to, version_from=active_from)
    return Entry(
        code, description, active_to=active_to, withdrawn_from=active_from or date.min, version_from=active_from
    )


def _reference_lists(
    lists: dict[str, Any], snapshot: date, origin: str
) -> tuple[list[CodeList], list[ImportedList], list[str]]:
    missing = [name for name in LIST_SPECS if name not in lists]
    if missing:
        shown = ", ".join(missing[:5]) + (f" and {len(missing) - 5} more" if len(missing) > 5 else "")
        raise ShapeError(f"$.lists: required list(s) missing: {shown}")
    code_lists: list[CodeList] = []
    imported: list[ImportedList] = []
    skipped: list[str] = []
    for name, raw in lists.items():
        if name.casefold() == _OFFICE_LIST_KEY:
            continue
        ids = ids_for_name(name)
        spec = LIST_SPECS.get(name)
        if spec is None:
            # Not in CTCUP06, so not constrained by it: take it when ncts5 knows the name and it
            # has the common shape, skip it otherwise rather than refuse the whole file.
            try:
                if not ids:
                    raise ShapeError("unknown list")
                entries, dropped = _official_list(name, raw, _DEFAULT)
            except ShapeError:
                skipped.append(name)
                continue
        else:
            entries, dropped = _official_list(name, raw, spec)
        for list_id in ids:
            code_lists.append(
                CodeList(list_id, NAMES[list_id], "imported", origin, snapshot, tuple(entries), complete=True)
            )
            imported.append(ImportedList(list_id, NAMES[list_id], len(entries), dropped))
        if not ids:
            skipped.append(name)  # in CTCUP06 but unknown to the DDNTA catalogue of ncts5
    return code_lists, imported, skipped


# -- customs offices -----------------------------------------------------------------------------


def _offices(raw: Any, key: str, snapshot: date, origin: str) -> tuple[OfficeIndex, int]:
    where = f"$.lists.{key}"
    body = obj(raw, where)
    if "listEntries" not in body:
        raise ShapeError(f"{where}: required property 'listEntries' is missing")
    entries = arr(body["listEntries"], f"{where}.listEntries")
    merged: dict[str, dict[str, Any]] = {}
    dropped = 0
    for i, raw_entry in enumerate(entries):
        at = f"{where}.listEntries[{i}]"
        entry = obj(raw_entry, at)
        ref = required(entry, "id", at, min_len=1)
        if len(ref) != 8:
            raise ShapeError(f"{at}.id: a customs office reference number has 8 characters, got {ref!r}")
        country = required(entry, "countryId", at, min_len=1)
        name = required(entry, "name", at)
        state = required(entry, "state", at)
        if state not in ("valid", "invalid"):
            raise ShapeError(f"{at}.state: expected 'valid' or 'invalid', got {state!r}")
        active_from = date_field(entry, "activeFrom", at)
        active_to = date_field(entry, "activeTo", at, required=False)
        language = string(entry, "languageCode", at, required=False) or ""
        roles = []
        for j, raw_role in enumerate(arr(entry.get("roles", []), f"{at}.roles")):
            role = required(obj(raw_role, f"{at}.roles[{j}]"), "role", f"{at}.roles[{j}]", min_len=1)
            roles.append(role)
        # An office is listed once per language; it is in service while any entry is valid. An
        # office whose every entry is invalid was withdrawn on the earliest of their versions.
        slot = merged.setdefault(
            ref,
            {"country": country, "roles": set(), "names": [], "valid": False, "to": [], "from": [], "withdrawn": []},
        )
        if state == "valid" and not slot["valid"]:
            slot.update(valid=True, roles=set(), names=[])  # forget invalid versions once a valid one is seen
        if state == "valid" or not slot["valid"]:
            slot["roles"].update(roles)
            slot["names"].append((language, name))
            slot["to" if state == "valid" else "withdrawn"].append(active_to if state == "valid" else active_from)
            if active_from is not None:
                slot["from"].append(active_from)
        else:
            dropped += 1
    offices = {
        ref: CustomsOffice(
            reference_number=ref,
            name=preferred_name(v["names"]),
            country=v["country"],
            roles=frozenset(v["roles"]),
            active_to=None if not v["valid"] or None in v["to"] else max(v["to"]),
            names=tuple(v["names"]),
            withdrawn_from=None if v["valid"] else min((d or date.min for d in v["withdrawn"]), default=date.min),
            version_from=min(v["from"], default=None),
        )
        for ref, v in merged.items()
    }
    return OfficeIndex(origin=origin, snapshot_date=snapshot, offices=offices), dropped


# -- entry points --------------------------------------------------------------------------------


def read_reference_data(path: str | Path) -> ParsedFile:
    """Read and check an official payload (code lists, customs offices or both), gzip or plain JSON.

    Raises :class:`CodeListImportError` naming the file and the first problem found.
    """
    path = Path(path)
    if path.suffix.lower() == ".csv":
        raise CodeListImportError(path, "a CSV file holds one list: import it with --list ID")
    payload = read_json(path)
    try:
        snapshot, message_id, lists = _envelope(payload)
        office_key = next((k for k in lists if k.casefold() == _OFFICE_LIST_KEY), None)
        others = [k for k in lists if k != office_key]
        origin_rd = f"official reference data {path.name} (snapshot {snapshot}, message {message_id})"
        code_lists: list[CodeList] = []
        imported: list[ImportedList] = []
        skipped: list[str] = []
        if others or office_key is None:
            code_lists, imported, skipped = _reference_lists(lists, snapshot, origin_rd)
        offices = None
        if office_key is not None:
            origin_col = f"customs office list {path.name} (snapshot {snapshot}, message {message_id})"
            offices, dropped = _offices(lists[office_key], office_key, snapshot, origin_col)
            for list_id in OFFICE_LISTS:
                count = offices.role_counts()[list_id]
                imported.append(ImportedList(list_id, NAMES[list_id], count, dropped if list_id == "CL141" else 0))
    except ShapeError as exc:
        raise CodeListImportError(path, f"not an NCTS reference data file: {exc}") from None
    if not code_lists and offices is None:
        raise CodeListImportError(path, "holds no code list ncts5 knows")
    kind = "customs-offices" if offices is not None and not code_lists else "reference-data"
    return ParsedFile(path, kind, snapshot, tuple(code_lists), offices, tuple(imported), tuple(skipped))
