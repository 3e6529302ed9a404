"""Customs offices and the office code lists derived from them (CL141, CL171-CL177).

The official customs office list (COL) holds one entry per office *and language*, each with
the office's roles (``DEP`` departure, ``DES`` destination, ``TRA`` transit, ``TXT`` exit for
transit, ...). The DDNTA lists CL171 CustomsOfficeDeparture etc. are the offices holding one
role, so ncts5 stores the office list once and derives those lists from it instead of
storing five copies. The package ships the official list (see :mod:`ncts5.codelists.packaged`);
an imported one replaces it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from ncts5.codelists.catalogue import NAMES, OFFICE_LISTS
from ncts5.codelists.codec import DecodeError
from ncts5.codelists.model import CodeList, ColumnEntries, Entry, Source

#: Role codes of the COL file that the transit declaration refers to.
ROLE_DEPARTURE = "DEP"
ROLE_DESTINATION = "DES"
ROLE_TRANSIT = "TRA"
ROLE_EXIT_FOR_TRANSIT = "TXT"
ROLE_EXIT = "EXT"
ROLE_RECOVERY = "REC"
ROLE_GUARANTEE = "GUA"


@dataclass(frozen=True, slots=True)
class CustomsOffice:
    """One customs office: reference number (``CCnnnnnn``), country, roles and names by language."""

    reference_number: str
    name: str
    country: str
    roles: frozenset[str]
    active_from: date | None = None
    active_to: date | None = None
    names: tuple[tuple[str, str], ...] = ()
    withdrawn_from: date | None = None
    version_from: date | None = None

    def is_active(self, on: date) -> bool:
        """True when the office is in service on *on* (dates as on :class:`~ncts5.codelists.model.Entry`)."""
        return self.entry().is_active(on)

    def entry(self) -> Entry:
        """The office as an entry of CL141 and of the role lists."""
        return Entry(
            self.reference_number, self.name, self.active_from, self.active_to, self.withdrawn_from, self.version_from
        )

    def has_role(self, role: str) -> bool:
        """True when the office holds *role* (a COL role code such as ``"DES"``)."""
        return role in self.roles


def preferred_name(names: Iterable[tuple[str, str]]) -> str:
    """The English name when there is one, else the first: a message must name the office once."""
    names = list(names)
    for language, name in names:
        if language.upper() == "EN":
            return name
    return names[0][1] if names else ""


class StoredOffices(Mapping[str, CustomsOffice]):
    """The offices of a stored office list, each built the first time it is asked for.

    A declaration names a handful of offices among thousands: reading the list keeps its rows
    (checked for shape) and builds :class:`CustomsOffice` objects only for the offices looked up;
    the role lists are derived from the rows directly.
    """

    __slots__ = ("_built", "_rows")

    def __init__(self, rows: dict[str, list[Any]]) -> None:
        self._rows = rows
        self._built: dict[str, CustomsOffice] = {}

    def __getitem__(self, ref: str) -> CustomsOffice:
        office = self._built.get(ref)
        if office is None:
            office = self._built[ref] = _office(self._rows[ref])
        return office

    def __contains__(self, ref: object) -> bool:
        return ref in self._rows

    def __iter__(self) -> Iterator[str]:
        return iter(self._rows)

    def __len__(self) -> int:
        return len(self._rows)

    def with_role(self, role: str | None) -> list[list[Any]]:
        """The rows of the offices holding *role* (every office for None), by reference number."""
        return sorted((row for row in self._rows.values() if role is None or role in row[2]), key=lambda r: r[0])


def _office(row: list[Any]) -> CustomsOffice:
    ref, country, roles, start, end, names, withdrawn, version = (*row, None, None)[:8]
    pairs = tuple((str(lang), str(name)) for lang, name in names or ())
    return CustomsOffice(
        str(ref),
        preferred_name(pairs),
        str(country),
        frozenset(roles or ()),
        date.fromisoformat(start) if start else None,
        date.fromisoformat(end) if end else None,
        pairs,
        date.fromisoformat(withdrawn) if withdrawn else None,
        date.fromisoformat(version) if version else None,
    )


@dataclass(frozen=True)
class OfficeIndex:
    """Every imported office, indexed by reference number, with where and when it came from."""

    origin: str
    snapshot_date: date
    offices: Mapping[str, CustomsOffice]
    source: Source = "imported"

    def derived_list(self, list_id: str) -> CodeList:
        """CL141 (every office) or a role list such as CL172 (offices with role ``DES``)."""
        role = OFFICE_LISTS[list_id]
        what = "every office" if role is None else f"offices with role {role}"
        columns: dict[str, list[str | None]]
        more: Callable[[], dict[str, list[str | None]]] | None = None
        if isinstance(self.offices, StoredOffices):  # from the rows, without building every office
            rows = self.offices.with_role(role)
            columns = {"code": [r[0] for r in rows]}
            names: list[list[Any]] = [r[5] for r in rows]

            def descriptions() -> dict[str, list[str | None]]:  # only when an entry is shown
                return {"description": [preferred_name(n) for n in names]}

            for name, i in (("active_from", 3), ("active_to", 4), ("withdrawn_from", 6), ("version_from", 7)):
                values = [r[i] if len(r) > i else None for r in rows]
                if any(values):
                    columns[name] = values
            more = descriptions
        else:
            chosen = sorted(
                (o for o in self.offices.values() if role is None or role in o.roles), key=lambda o: o.reference_number
            )
            columns = {"code": [o.reference_number for o in chosen], "description": [o.name for o in chosen]}
            for name in ("active_from", "active_to", "withdrawn_from", "version_from"):
                values = [day.isoformat() if (day := getattr(o, name)) else None for o in chosen]
                if any(values):
                    columns[name] = values
        return CodeList(
            id=list_id,
            name=NAMES[list_id],
            source=self.source,
            origin=f"derived from {self.origin} ({what})",
            snapshot_date=self.snapshot_date,
            entries=ColumnEntries(columns, more),  # thousands of offices: entries are built only when asked for
        )

    def role_counts(self) -> dict[str, int]:
        """Entry count of every derived list, kept in the manifest so listing needs no load."""
        counts = {}
        for list_id, role in OFFICE_LISTS.items():
            counts[list_id] = sum(1 for o in self.offices.values() if role is None or role in o.roles)
        return counts


def encode_offices(index: OfficeIndex) -> dict[str, Any]:
    """Compact JSON of the office list: one array per office."""
    rows = []
    for o in sorted(index.offices.values(), key=lambda o: o.reference_number):
        rows.append(
            [
                o.reference_number,
                o.country,
                sorted(o.roles),
                o.active_from.isoformat() if o.active_from else None,
                o.active_to.isoformat() if o.active_to else None,
                [list(pair) for pair in o.names],
                o.withdrawn_from.isoformat() if o.withdrawn_from else None,
                o.version_from.isoformat() if o.version_from else None,
            ]
        )
    return {"origin": index.origin, "snapshot_date": index.snapshot_date.isoformat(), "offices": rows}


def decode_offices(obj: Any) -> OfficeIndex:
    """Read what :func:`encode_offices` wrote; raise :class:`DecodeError` when it is not that.

    The rows' shape is checked here (a row per office, its reference, country and roles); offices
    are built when looked up (:class:`StoredOffices`). The file itself has already been checked
    against the sha256 its index or manifest records, so a row cannot have been altered since
    ncts5 wrote it: this check guards against a writer of another version, cheaply (4,000
    offices are read on every cold start).
    """
    try:
        rows: dict[str, list[Any]] = {}
        for row in obj["offices"]:
            if type(row) is not list or not 6 <= len(row) <= 8 or type(row[0]) is not str:
                raise TypeError(f"an office row is [reference, country, roles, from, to, names, ...], got {row!r:.80}")
            if type(row[1]) is not str or type(row[2]) is not list or type(row[5]) is not list:
                raise TypeError(f"office {row[0]}: country, roles or names are malformed")
            rows[row[0]] = row
        return OfficeIndex(
            origin=str(obj["origin"]),
            snapshot_date=date.fromisoformat(obj["snapshot_date"]),
            offices=StoredOffices(rows),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise DecodeError(f"not a stored customs office list: {exc!r}") from None
