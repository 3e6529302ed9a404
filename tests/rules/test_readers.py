"""`ncts5 rules`, `ncts5 explain` and the generated rule pages read the one declaration of each rule."""

from __future__ import annotations

import json

import pytest

from ncts5.cli import main
from ncts5.rules.declaration import Fires, Silent
from ncts5.rules.registry import get, registry


def _out(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert main(list(args)) == 0
    return capsys.readouterr().out


def test_rules_json_reports_examples_and_explanation(capsys: pytest.CaptureFixture[str]) -> None:
    rows = {row["id"]: row for row in json.loads(_out(capsys, "rules", "--format", "json"))}
    assert set(rows) == set(registry())
    r0849 = rows["R0849"]
    assert r0849["examples"]["fires"] == get("R0849").count(Fires) >= 1
    assert r0849["examples"]["silent"] == get("R0849").count(Silent) >= 1
    assert r0849["summary"] == get("R0849").summary
    assert all(r0849["explanation"][k] for k in ("checks", "why", "fix"))
    assert rows["B1898"]["error_code"] == 50 and rows["B1898"]["phases"] == ["transition"]


def test_explain_prints_the_declaration(capsys: pytest.CaptureFixture[str]) -> None:
    out = _out(capsys, "explain", "C0086")
    rule = get("C0086")
    for text in (rule.summary, rule.checks, rule.why, rule.fix, "error code: 14"):
        assert text in out
    assert "applies to: CC015C" in out
    assert f"{rule.count(Fires)} fire, {rule.count(Silent)} stay silent" in out
    assert "/CC015C/Guarantee/GuaranteeReference/GRN  99 03 069 000 GRN" in out


def test_rule_pages_are_generated_from_the_declaration() -> None:
    from tools.generate_docs import rule_page

    page = rule_page(get("R0900"))
    assert page.startswith("# R0900: ")
    assert get("R0900").why in page
    assert "- fires: `tir.xml` (guarantee type 1; final phase) at `/CC015C/Guarantee[1]/guaranteeType`" in page
