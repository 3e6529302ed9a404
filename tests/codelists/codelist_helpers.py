"""Helpers shared by the code list tests (a module, not conftest, so tests can import it by name)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pytest

from ncts5.codelists.importer import LIST_SPECS

SHARED = Path(__file__).resolve().parents[3] / "shared"
CSRD2 = SHARED / "reference" / "csrd2"
RD_FILE = CSRD2 / "RD_NCTS-P5.json.gz"
COL_FILE = CSRD2 / "COL-Generic-20250212.json.gz"
TCL_XSD = SHARED / "xsd" / "p5-51.8.6" / "tcl.xsd"


def require_snapshot() -> None:
    """Skip the calling test when the official snapshot is not next to the repository."""
    if not RD_FILE.is_file() or not COL_FILE.is_file():
        pytest.skip(f"official reference data snapshot not found in {CSRD2} (../shared is absent)")


def minimal_payload(overrides: dict[str, list[dict[str, Any]]] | None = None) -> dict[str, Any]:
    """A schema-valid official payload with every required list and one entry each.

    Lets the import tests run without ``../shared``; *overrides* replaces the entries of
    named lists.
    """
    lists: dict[str, Any] = {}
    for name, spec in LIST_SPECS.items():
        entry: dict[str, Any] = {"state": "valid", "activeFrom": "2024-01-01", spec.code: "Z9"}
        if spec.description:
            entry[spec.description] = "test entry"
        lists[name] = {"listName": name, "listEntries": [entry]}
    for name, entries in (overrides or {}).items():
        lists[name] = {"listName": name, "listEntries": entries}
    return {
        "messageInformation": {"messageID": "01234567-89ab-cdef-0123-456789abcdef", "snapshotDate": "2025-06-01"},
        "lists": lists,
    }


def minimal_col(entries: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """A customs office payload (COL shape): two valid offices, one not yet active, one invalid."""
    if entries is None:
        entries = [
            {"state": "valid", "activeFrom": "2020-01-01", "languageCode": "DE", "name": "Zollamt Eins",
             "id": "DE000001", "countryId": "DE", "roles": [{"role": "DEP"}, {"role": "DES"}]},
            {"state": "valid", "activeFrom": "2020-01-01", "languageCode": "EN", "name": "Customs office one",
             "id": "DE000001", "countryId": "DE", "roles": [{"role": "DEP"}, {"role": "DES"}]},
            {"state": "valid", "activeFrom": "2026-01-01", "languageCode": "FR", "name": "Bureau futur",
             "id": "FR000002", "countryId": "FR", "roles": [{"role": "TRA"}, {"role": "TXT"}]},
            {"state": "invalid", "activeFrom": "2020-01-01", "languageCode": "FR", "name": "Fermé",
             "id": "FR000003", "countryId": "FR", "roles": [{"role": "DES"}]},
        ]  # fmt: skip
    return {
        "messageInformation": {"messageID": "01234567-89ab-cdef-0123-456789abcdef", "snapshotDate": "2025-06-01"},
        "lists": {"customsOffices": {"listName": "CustomsOffices", "listEntries": entries}},
    }


def write_json(path: Path, obj: Any, *, gz: bool = False) -> Path:
    """Write *obj* as JSON (gzip-compressed when *gz*) and return *path*."""
    data = json.dumps(obj).encode("utf-8")
    path.write_bytes(gzip.compress(data) if gz else data)
    return path


def tree(path: Path) -> dict[str, bytes]:
    """Every file under *path* with its bytes: equal trees mean nothing changed on disk."""
    if not path.exists():
        return {}
    return {str(p.relative_to(path)): p.read_bytes() for p in sorted(path.rglob("*")) if p.is_file()}
