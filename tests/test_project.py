"""Project-wide promises: generated files are current, every table rule has an entry, code is clean."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import ncts5
from ncts5.rules.engine import applicable, resolve_options
from ncts5.rules.registry import registry
from tests.conftest import EXAMPLES, REFERENCE, ROOT, XSD_DIR, need_shared

TABLES = REFERENCE / "ddnta-q2"


def table_ids(name: str) -> set[str]:
    text = need_shared(TABLES / name).read_text(encoding="utf-8")
    return set(re.findall(r"#([bcegr]\d{4})\"", text.lower()))


def test_every_rule_id_of_both_tables_has_a_registry_entry():
    ids = {i.upper() for i in table_ids("IE015_table.md") | table_ids("IE170_table.md")}
    assert len(ids) == 221
    missing = sorted(ids - set(registry()))
    assert not missing, f"rule ids without a registry entry: {missing}"


def test_table_counts_match_the_reference_readme():
    ie015 = {i.upper() for i in table_ids("IE015_table.md")}
    ie170 = {i.upper() for i in table_ids("IE170_table.md")}
    count = {k: sum(1 for i in ie015 if i[0] == k) for k in "BCEGR"}
    assert count == {"B": 44, "C": 45, "E": 14, "G": 52, "R": 54}
    assert {k: sum(1 for i in ie170 if i[0] == k) for k in "BCGR"} == {"B": 1, "C": 20, "G": 20, "R": 15}


def test_registry_entries_are_complete_and_honest():
    for r in registry().values():
        assert r.description and len(r.description) < 200, r.id
        assert r.places, f"{r.id} is attached to no field"
        if r.status == "implemented":  # a check, or a transition rule whose whole content is its suspension
            assert (r.check is not None or r.suspends) and r.reason is None, r.id
        elif r.status == "reference-data":
            assert r.check is not None and r.reason, r.id
        else:
            assert r.check is None and r.reason, r.id


def test_every_implemented_rule_is_named_by_at_least_two_rule_tests():
    """A cheap guard for 'a test where it fires and one where it does not' (reviewed by hand too)."""
    text = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "tests" / "rules").glob("test_*.py"))
    lacking = []
    for r in registry().values():
        if r.status == "not-checkable" or r.cases:  # declared cases: tests/rules/test_catalogue.py runs them
            continue
        needed = 1 if r.suspends else 2  # a pure suspension is proven by its suspended rule's tests
        if len(re.findall(rf"[\"']{r.id}[\"']", text)) < needed:
            lacking.append(r.id)
    assert not lacking


def test_transition_rules_suspend_what_they_name():
    final = {r.id for r in applicable("CC015C", resolve_options(phase="final"))}
    transition = {r.id for r in applicable("CC015C", resolve_options(phase="transition"))}
    for r in registry().values():
        for suspended in r.suspends:
            assert suspended not in transition, (r.id, suspended)
            if registry()[suspended].check is not None and "final" in registry()[suspended].phases:
                assert suspended in final or "CC015C" not in registry()[suspended].messages


@pytest.mark.parametrize("name", sorted(p.name for p in EXAMPLES.glob("*.xml")))
def test_shipped_examples_have_no_error_in_the_final_phase(name):
    report = ncts5.validate(EXAMPLES / name)
    assert report.ok, [str(f) for f in report.errors]


def test_generated_models_are_up_to_date():
    need_shared(XSD_DIR)
    run = subprocess.run([sys.executable, "tools/generate_models.py", "--check"], cwd=ROOT, capture_output=True)
    assert run.returncode == 0, run.stderr.decode()


def test_generated_docs_are_up_to_date():
    run = subprocess.run([sys.executable, "tools/generate_docs.py", "--check"], cwd=ROOT, capture_output=True)
    assert run.returncode == 0, run.stderr.decode()


def test_source_is_ruff_clean():
    ruff = shutil.which("ruff")
    if ruff is None:
        pytest.skip("ruff is not installed (it comes with the test extras)")
    run = subprocess.run([ruff, "check", "src", "tests", "tools"], cwd=ROOT, capture_output=True)
    assert run.returncode == 0, run.stdout.decode()


def test_package_is_mypy_strict_clean(tmp_path):
    """The whole package type-checks under ``mypy --strict`` (pyproject's [tool.mypy], pydantic plugin on)."""
    pytest.importorskip("mypy", reason="mypy is not installed (it comes with the test extras)")
    run = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(tmp_path / "mypy-cache"), "src/ncts5"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "Success: no issues found" in run.stdout


def test_rules_carry_no_type_ignore():
    """Rules are typed through ``Context[CC015C]``: no check needs to silence the type checker."""
    found = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in sorted((ROOT / "src" / "ncts5" / "rules").rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if "type: ignore" in line
    ]
    assert not found, found


def test_package_ships_type_information_and_a_small_public_api():
    assert (Path(ncts5.__file__).parent / "py.typed").exists()
    for name in ncts5.__all__:
        assert getattr(ncts5, name) is not None
