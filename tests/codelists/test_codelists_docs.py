"""docs/codelists.md cannot drift: its Python snippets run and print what they say, its commands parse."""

from __future__ import annotations

import contextlib
import io
import re
import shlex
from pathlib import Path

import pytest

DOC = Path(__file__).resolve().parents[2] / "docs" / "codelists.md"
_BLOCK = re.compile(r"```(python|console)\n(.*?)```", re.S)


def _blocks(kind: str) -> list[str]:
    return [body for lang, body in _BLOCK.findall(DOC.read_text(encoding="utf-8")) if lang == kind]


def _expected_output(code: str) -> list[str]:
    """The ``# …`` comment lines that directly follow a ``print(...)`` line: what it must print."""
    expected: list[str] = []
    lines = code.splitlines()
    for i, line in enumerate(lines):
        if line.startswith("print("):
            for follow in lines[i + 1 :]:
                if not follow.startswith("# "):
                    break
                expected.append(follow[2:])
    return expected


@pytest.mark.parametrize("index", range(len(_blocks("python"))))
def test_python_snippet_runs_and_prints_what_it_says(index: int) -> None:
    code = _blocks("python")[index]
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, f"{DOC.name} python block {index + 1}", "exec"), {})
    assert out.getvalue().splitlines() == _expected_output(code)


def test_the_doc_has_snippets() -> None:
    assert _blocks("python")
    assert len(_blocks("console")) >= 2


@pytest.mark.parametrize("index", range(len(_blocks("console"))))
def test_console_commands_parse(index: int) -> None:
    from ncts5.cli import build_parser

    parser = build_parser()
    commands = [line[2:] for line in _blocks("console")[index].splitlines() if line.startswith("$ ")]
    assert commands
    for command in commands:
        words = shlex.split(command.split("#", 1)[0])
        assert words[0] == "ncts5"
        words = [w for w in words[1:] if not (w.startswith("[") or w.endswith("]"))]  # optional parts
        parser.parse_args(words)
