"""docs/identifiers.md cannot drift: its Python snippets run and print what they say."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import pytest

DOC = Path(__file__).resolve().parent.parent / "docs" / "identifiers.md"
_BLOCK = re.compile(r"```python\n(.*?)```", re.S)
_BLOCKS: list[str] = _BLOCK.findall(DOC.read_text(encoding="utf-8"))


def _expected_output(code: str) -> list[str]:
    """The ``# …`` comment lines that directly follow a ``print(...)`` line (at any indentation)."""
    expected: list[str] = []
    lines = code.splitlines()
    for i, line in enumerate(lines):
        if line.lstrip().startswith("print("):
            for follow in lines[i + 1 :]:
                if not follow.startswith("# "):
                    break
                expected.append(follow[2:])
    return expected


def test_the_doc_has_snippets_that_print() -> None:
    assert len(_BLOCKS) >= 3
    assert all(_expected_output(code) for code in _BLOCKS)


@pytest.mark.parametrize("index", range(len(_BLOCKS)))
def test_python_snippet_runs_and_prints_what_it_says(index: int) -> None:
    code = _BLOCKS[index]
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, f"{DOC.name} python block {index + 1}", "exec"), {})
    assert out.getvalue().splitlines() == _expected_output(code)
