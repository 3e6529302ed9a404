"""A check Phase 6 shares with Phase 5 type-checks against the Phase 6 models, not only the Phase 5 ones.

Shared checks are written against the Phase 5 models (``Context[CC015C]``) and run on Phase 6
messages too, whose generated models have the same field names for the same XML.  Where they
differ (a goods item has no consignee in Phase 6, a goods measure's gross mass became mandatory),
a shared check must still be right.  This test makes mypy prove it: it copies the package, points
every rules module's model imports at a view of the Phase 6 models (each Phase 6 class under its
name; a class Phase 6 does not have stays the Phase 5 one, so a type alias that also names a Phase
5-only group stays valid), runs ``mypy --strict`` and fails on any error inside a function a Phase 6
rule's shared check can reach (the check itself and the helpers it calls, transitively): reading
``item.consignee`` on a Phase 6 goods item is such an error.  Errors elsewhere (example changes,
Phase 5-only checks, which legitimately use Phase 5 data groups) are ignored, and so are the checks
that are Phase 6's own (typed against the Phase 6 models already).
"""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from ncts5.rules.registry import registry

SRC = Path(__file__).resolve().parents[2] / "src" / "ncts5"
RULES = SRC / "rules"
_REWRITES = (
    (re.compile(r"\bncts5\.messages\.(cc015c|cc170c)\b"), r"ncts5.messages.p6view.\1"),
    (re.compile(r"from ncts5\.messages import "), "from ncts5.messages.p6view import "),
)
_ERROR = re.compile(r"^ncts5/rules/(\w+)\.py:(\d+): error: (.*)$")
_ATTRIBUTE = re.compile(r'"(\w+)" has no attribute "(\w+)"')


def _view(module: str) -> str:
    """A module exporting the Phase 6 classes, and the Phase 5 ones Phase 6 does not have."""
    import importlib

    p5 = importlib.import_module(f"ncts5.messages.{module}")
    p6 = importlib.import_module(f"ncts5.messages.p6.{module}")
    only_p5 = sorted(
        n for n, v in vars(p5).items() if isinstance(v, type) and v.__module__ == p5.__name__ and n not in vars(p6)
    )
    lines = [f"from ncts5.messages.p6.{module} import *  # noqa: F403"]
    lines += [f"from ncts5.messages.{module} import {n} as {n}" for n in only_p5]
    return "\n".join(lines) + "\n"


def _functions(module: str) -> dict[str, tuple[int, int, ast.AST]]:
    tree = ast.parse((RULES / f"{module}.py").read_text(encoding="utf-8"))
    return {
        n.name: (n.lineno, n.end_lineno or n.lineno, n)
        for n in tree.body
        if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)
    }


def _imports(module: str) -> dict[str, tuple[str, str]]:
    """Names a rules module imports from other rules modules: local name → (module, name)."""
    tree = ast.parse((RULES / f"{module}.py").read_text(encoding="utf-8"))
    found = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("ncts5.rules."):
            for alias in node.names:
                found[alias.asname or alias.name] = (node.module.removeprefix("ncts5.rules."), alias.name)
    return found


def _names(node: ast.AST) -> Iterator[str]:
    for sub in ast.walk(node):
        if isinstance(sub, ast.Name):
            yield sub.id
        elif isinstance(sub, ast.Attribute):
            yield sub.attr


def _reachable() -> set[tuple[str, str]]:
    """(module, top-level function) pairs a Phase 6 rule's shared check can reach."""
    modules = {p.stem for p in RULES.glob("*.py")}
    functions = {m: _functions(m) for m in modules}
    imports = {m: _imports(m) for m in modules}
    todo = []
    for rule in registry("6").values():
        if rule.check is None or "P5" not in rule.releases:
            continue  # Phase 6's own checks are typed against the Phase 6 models already
        module = rule.check.__module__.removeprefix("ncts5.rules.")
        todo.append((module, rule.check.__qualname__.split(".")[0]))
    seen: set[tuple[str, str]] = set()
    while todo:
        module, name = todo.pop()
        if (module, name) in seen or name not in functions.get(module, {}):
            continue
        seen.add((module, name))
        for used in set(_names(functions[module][name][2])):
            if used in functions[module]:
                todo.append((module, used))
            elif used in imports[module]:
                todo.append(imports[module][used])
    return seen


@pytest.fixture(scope="module")
def mypy_on_phase6(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[str, int, str]]:
    pytest.importorskip("mypy", reason="mypy is not installed (it comes with the test extras)")
    root = tmp_path_factory.mktemp("p6types")
    shutil.copytree(SRC, root / "ncts5", ignore=shutil.ignore_patterns("__pycache__", "data", "examples"))
    view = root / "ncts5" / "messages" / "p6view"
    view.mkdir()
    (view / "__init__.py").write_text("", encoding="utf-8")
    for module in ("cc015c", "cc170c"):
        (view / f"{module}.py").write_text(_view(module), encoding="utf-8")
    for path in (root / "ncts5" / "rules").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        for pattern, replacement in _REWRITES:
            text = pattern.sub(replacement, text)
        path.write_text(text, encoding="utf-8")
    config = Path(__file__).resolve().parents[2] / "pyproject.toml"
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--config-file", str(config), "--no-error-summary",
         "--cache-dir", str(root / "cache"), "-p", "ncts5.rules"],
        cwd=root, capture_output=True, text=True, check=False,
    )  # fmt: skip
    errors = []
    for line in done.stdout.splitlines():
        m = _ERROR.match(line)
        if m:
            errors.append((m.group(1), int(m.group(2)), m.group(3)))
    assert done.returncode in (0, 1), done.stdout + done.stderr
    return errors


def test_the_rewrite_really_typed_the_rules_against_phase6(mypy_on_phase6: list[tuple[str, int, str]]) -> None:
    """Guard against a vacuous pass: Phase 5-only code must show up as errors against the Phase 6 models."""
    missing = {m.groups() for _, _, text in mypy_on_phase6 if (m := _ATTRIBUTE.search(text))}
    assert ("ConsignmentItem", "transport_charges") in missing  # Phase 6 has no goods-item transport charges


def test_no_shared_check_breaks_on_phase6_models(mypy_on_phase6: list[tuple[str, int, str]]) -> None:
    reachable = _reachable()
    assert len(reachable) > 100
    problems = []
    for module, line, text in mypy_on_phase6:
        for name, (start, end, _) in _functions(module).items():
            if start <= line <= end and (module, name) in reachable:
                problems.append(f"ncts5/rules/{module}.py:{line} in {name}: {text}")
    assert problems == []
