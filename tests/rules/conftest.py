"""Helpers for rule tests: load an example, change it, validate, look at one rule.

Rule tests follow one pattern: take a baseline declaration, make the smallest
change that breaks (or satisfies) the rule, and assert on the findings of that
rule alone, so that a test never depends on which other rules the baseline
happens to trip.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import ncts5
from ncts5.report import Finding
from tests.conftest import EXAMPLES

#: Rule tests start from these fixed baselines, not from ``examples/``: the examples are kept
#: valid in the final phase and may change, while each rule test depends on its baseline's details
#: (e.g. an export MRN at item level, no place of loading).
BASELINES = Path(ncts5.__file__).parent / "rules" / "examples"


def load(name: str) -> Any:
    """A fresh model of ``ncts5/rules/examples/<name>`` (mutate freely)."""
    return ncts5.from_xml(BASELINES / name)


def load_example(name: str) -> Any:
    """A fresh model of the shipped ``examples/<name>``."""
    return ncts5.from_xml(EXAMPLES / name)


@pytest.fixture(autouse=True)
def _schema_valid(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every mutated message must stay schema-valid, or a 'silent' assertion would prove nothing."""
    import ncts5

    real = ncts5.validate

    def validate(message: Any, **options: Any) -> Any:
        report = real(message, **options)
        broken = [str(f) for f in report.findings if f.rule in ("SCHEMA", "PARSE")]
        assert not broken, f"the test made the message schema-invalid: {broken}"
        return report

    monkeypatch.setattr(ncts5, "validate", validate)


@pytest.fixture
def t1() -> Any:
    return load("t1-road.xml")


@pytest.fixture
def tir() -> Any:
    return load("tir.xml")


@pytest.fixture
def ie170() -> Any:
    return load("ie170-presentation.xml")


def findings_of(message: Any, rule_id: str, **options: Any) -> list[Finding]:
    """The findings of one rule for ``message`` (validated as a model)."""
    report = ncts5.validate(message, **options)
    return [f for f in report.findings if f.rule == rule_id]


def fires(message: Any, rule_id: str, **options: Any) -> list[Finding]:
    found = findings_of(message, rule_id, **options)
    assert found, f"{rule_id} did not fire"
    return found


def silent(message: Any, rule_id: str, **options: Any) -> None:
    found = findings_of(message, rule_id, **options)
    assert not found, f"{rule_id} fired unexpectedly: {[str(f) for f in found]}"


Mutator = Callable[[Any], None]
