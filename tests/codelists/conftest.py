"""Fixtures for the code list tests: isolated data directories and the official snapshot.

Every test that touches the default registry gets its own empty ``$NCTS5_DATA_DIR`` so that
nothing a developer imported on their machine leaks into the results. The official snapshot
in ``../shared`` is imported once per session (it takes about two seconds).
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from codelist_helpers import COL_FILE, RD_FILE, require_snapshot

from ncts5 import codelists
from ncts5.codelists.registry import Registry


@pytest.fixture(autouse=True)
def isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point the default registry at an empty data directory for every test."""
    data_dir = tmp_path / "ncts5-data"
    monkeypatch.setenv(codelists.ENV_VAR, str(data_dir))
    codelists.reload()
    yield data_dir
    codelists.reload()


@pytest.fixture(scope="session")
def official_rd() -> dict[str, Any]:
    """The official code list payload, parsed (test data only)."""
    require_snapshot()
    return json.loads(gzip.decompress(RD_FILE.read_bytes()))


@pytest.fixture(scope="session")
def snapshot_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data directory holding the imported snapshot (code lists and customs offices), built once."""
    require_snapshot()
    data_dir = tmp_path_factory.mktemp("snapshot-data")
    registry = Registry(data_dir)
    registry.import_reference_data(RD_FILE)
    registry.import_reference_data(COL_FILE)
    return data_dir


@pytest.fixture
def with_snapshot(snapshot_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Make the imported snapshot the default registry's data directory for one test."""
    monkeypatch.setenv(codelists.ENV_VAR, str(snapshot_dir))
    codelists.reload()
    return snapshot_dir
