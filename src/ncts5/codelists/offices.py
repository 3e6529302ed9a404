"""Customs offices and the office code lists derived from them (CL141, CL171-CL177).

The official customs office list (COL) holds one entry per office *and language*, each with
the office's roles (``DEP`` departure, ``DES`` destination, ``TRA`` transit, ``TXT`` exit for
transit, ...). The DDNTA lists CL171 CustomsOfficeDeparture etc. are the offices holding one
role, so ncts5 stores the office list once and derives those lists from it instead of
storing five copies. Nothing here is packaged: without an import, offices are not checked.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from ncts5.codelists.catalogue import NAMES, OFFICE_LISTS
from ncts5.codelists.codec import DecodeError
from ncts5.codelists.model import CodeList, Entry

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

    def is_active(self, on: date) -> bool:
        """True when the office exists on *on*."""
        return (self.active_from is None or self.active_from <= on) and (self.active_to is None or on <= self.active_to)

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


@dataclass(frozen=True)
class OfficeIndex:
    """Every imported office, indexed by reference number, with where and when it came from."""

    origin: str
    snapshot_date: date
    offices: Mapping[str, CustomsOffice]

    def derived_list(self, list_id: str) -> CodeList:
        """CL141 (every office) or a role list such as CL172 (offices with role ``DES``)."""
        role = OFFICE_LISTS[list_id]
        chosen = [o for o in self.offices.values() if role is None or role in o.roles]
        what = "every office" if role is None else f"offices with role {role}"
        return CodeList(
            id=list_id,
            name=NAMES[list_id],
            source="imported",
            origin=f"derived from {self.origin} ({what})",
            snapshot_date=self.snapshot_date,
            entries=tuple(
                Entry(o.reference_number, o.name, o.active_from, o.active_to)
                for o in sorted(chosen, key=lambda o: o.reference_number)
            ),
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
            ]
        )
    return {"origin": index.origin, "snapshot_date": index.snapshot_date.isoformat(), "offices": rows}


def decode_offices(obj: Any) -> OfficeIndex:
    """Read what :func:`encode_offices` wrote; raise :class:`DecodeError` when it is not that."""
    try:
        offices: dict[str, CustomsOffice] = {}
        for ref, country, roles, start, end, names in obj["offices"]:
            pairs = tuple((str(lang), str(name)) for lang, name in names)
            offices[ref] = CustomsOffice(
                reference_number=ref,
                name=preferred_name(pairs),
                country=country,
                roles=frozenset(roles),
                active_from=date.fromisoformat(start) if start else None,
                active_to=date.fromisoformat(end) if end else None,
                names=pairs,
            )
        return OfficeIndex(
            origin=str(obj["origin"]),
            snapshot_date=date.fromisoformat(obj["snapshot_date"]),
            offices=offices,
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise DecodeError(f"not a stored customs office list: {exc!r}") from None
