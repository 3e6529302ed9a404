"""C0409 (Phase 6) beyond its declared cases: CL289 imported the way a user imports it, and the
hand-over from C0403 (Phase 5 only) to C0409 (Phase 6 only) on the same declaration.

The declared cases supply CL289 through the case runner; here the list goes through
``codelists.import_list`` into a private data directory, so the check reads it as it would in use.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from ncts5 import codelists, validate
from ncts5.rules import examples
from ncts5.rules.examples import T1_ROAD

PLACE_OF_LOADING = "/CC015C/Consignment/PlaceOfLoading"


def _import_cl289(tmp_path: Path, codes: list[str]) -> None:
    path = tmp_path / "CL289.csv"
    path.write_text("code,description\n" + "".join(f"{c},{c}\n" for c in codes), encoding="utf-8")
    codelists.import_list(path, "CL289")


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A private data directory for imported lists, dropped again after the test."""
    monkeypatch.setenv(codelists.ENV_VAR, str(tmp_path / "ncts5-data"))
    codelists.reload()
    yield tmp_path
    monkeypatch.undo()
    codelists.reload()


def _c0409(codes: list[str] | None, data_dir: Path) -> tuple[list[str], list[str]]:
    """(paths of C0409 findings, paths of C0409 not-checked) for the Phase 6 T1 example (no place of loading)."""
    if codes is not None:
        _import_cl289(data_dir, codes)
    report = validate(examples.load(T1_ROAD, "6"))
    found = [f.path for f in report.findings if f.rule == "C0409"]
    unsure = [n.path or "" for n in report.not_checked if n.rule == "C0409"]
    return found, unsure


def test_c0409_requires_the_place_of_loading_where_cl289_does_not_exempt_the_departure_country(data_dir: Path) -> None:
    assert _c0409(["AT", "FR"], data_dir) == ([PLACE_OF_LOADING], [])


def test_c0409_leaves_it_optional_where_cl289_exempts_the_departure_country(data_dir: Path) -> None:
    assert _c0409(["DE"], data_dir) == ([], [])


def test_c0409_is_not_checked_without_cl289(data_dir: Path) -> None:
    assert _c0409(None, data_dir) == ([], [PLACE_OF_LOADING])


def test_c0403_answers_for_phase_5_and_c0409_for_phase_6() -> None:
    p5 = validate(examples.load(T1_ROAD, "5"))
    p6 = validate(examples.load(T1_ROAD, "6"))
    assert [f.path for f in p5.findings if f.rule == "C0403"] == [PLACE_OF_LOADING]
    assert not [f for f in p5.findings if f.rule == "C0409"]
    assert not [n for n in p5.not_checked if n.rule == "C0409"]
    assert not [f for f in p6.findings if f.rule == "C0403"]
    assert [n.path for n in p6.not_checked if n.rule == "C0409"] == [PLACE_OF_LOADING]
