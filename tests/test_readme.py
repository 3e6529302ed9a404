"""README.md cannot drift: every code block is run or parsed, and what it says it prints is compared.

Every fenced block of README.md is one of these, or the test fails (an unknown language is not
skipped silently):

``python`` blocks run in a fresh namespace with the repository root as working directory and the
packaged reference data only (whatever is imported on this machine). What they print is claimed in
comments, and every such comment is checked:

- a ``print(...)`` statement claims the lines it prints: the comment at the end of its (last) line,
  then the full-line ``# `` comments directly after it (at any indentation, so a ``print`` in a loop
  lists every line the loop prints). The block's whole standard output, trailing spaces removed,
  must equal the claims of all its prints in source order: a print that claims nothing must print
  nothing;
- a long printed line may be wrapped: a comment line starting with ``#   `` (``#`` and three spaces)
  continues the line before it, joined with one space;
- a bare expression that is not a print with a comment at the end of its line
  (``TransitOperation.item("lrn")   # Item(xml_name='LRN', ...)``) claims the expression's ``repr``:
  equal to the comment, or, where the comment contains ``...``, starting with the text before it;
- a comment at the end of any other statement (an assignment, a ``for``, an argument) explains and
  claims nothing; a full-line comment that is not a print's claim fails the test, so no claim is
  ever ignored.

``sh`` and ``console`` blocks (``$ `` prompts stripped; an indented line continues the command
before it; ``&&`` separates commands; ``# …`` ends a command): each ``ncts5 …`` command must parse
with the CLI's own parser. Placeholders follow one rule: an optional part ``[--opt A|B]`` is dropped
for the bare command and then tried once per alternative (``--opt A``, ``--opt B``); a placeholder
in capitals (``FILE``, ``FILE|DIR|GLOB...``) is replaced by each of its example values in
``PLACEHOLDERS`` (an unknown one fails, so a new placeholder gets a value here). The commands
written without any placeholder whose subcommand only reads (``read_only``) also run for real: exit
0 and some output (JSON that parses for ``--format json``). Other commands are set-up (``python3 -m
venv``, ``pip install``, ``pytest``): the CI entry point ``.ci/run`` runs the README's test command,
which is checked here segment by segment.
"""

from __future__ import annotations

import ast
import contextlib
import io
import itertools
import json
import re
import tokenize
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ncts5 import codelists

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"

_FENCE = re.compile(r"^```(\w*)\n(.*?)^```", re.S | re.M)
_PLACEHOLDER = re.compile(r"^[A-Z]+(\|[A-Z]+)*(\.\.\.)?$")
_OPTIONAL = re.compile(r"\[([^\]]*)\]")

# Example values for the placeholders of the command lines (parsed only, never run).
PLACEHOLDERS: dict[str, list[str]] = {
    "FILE|DIR|GLOB...": ["examples/t1-road.xml", "examples", "examples/*.xml"],
    "FILE": ["examples/t1-road.xml"],
    "OUT": ["out.xml"],
    "DIR": ["examples"],
    "NAME": ["without-b1890"],
    "ID": ["R0849"],
    "DAYS": ["30"],
    "N": ["2"],
}


def read_only(words: list[str]) -> bool:
    """Commands that only read, run for real when written without placeholders (`codelists import` writes)."""
    if words[0] == "codelists":
        return len(words) == 1 or words[1] != "import"
    return words[0] in {"validate", "rules", "explain"}


class Block:
    """One fenced block of the README: its language, text, section heading and first line."""

    def __init__(self, lang: str, body: str, section: str, line: int) -> None:
        self.lang, self.body, self.section, self.line = lang, body, section, line

    @property
    def name(self) -> str:
        return f"README.md line {self.line} ({self.section})"


def _blocks() -> list[Block]:
    text = README.read_text(encoding="utf-8")
    blocks = []
    for match in _FENCE.finditer(text):
        before = text[: match.start()]
        headings = re.findall(r"^## (.*)$", before, re.M)
        blocks.append(
            Block(match.group(1), match.group(2), headings[-1] if headings else "top", before.count("\n") + 2)
        )
    return blocks


BLOCKS = _blocks()
PYTHON = [b for b in BLOCKS if b.lang == "python"]
SHELL = [b for b in BLOCKS if b.lang in {"sh", "console"}]


@pytest.fixture(autouse=True)
def packaged_reference_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The packaged reference data only, and the repository root as working directory."""
    monkeypatch.setenv(codelists.ENV_VAR, str(tmp_path / "ncts5-data"))
    monkeypatch.chdir(ROOT)
    codelists.reload()
    yield
    monkeypatch.undo()
    codelists.reload()


def test_every_block_is_covered() -> None:
    assert {b.lang for b in BLOCKS} <= {"python", "sh", "console"}, [b.name for b in BLOCKS]
    assert len(PYTHON) >= 3 and len(SHELL) >= 3


# --- python blocks -------------------------------------------------------------------------------


def _comments(code: str) -> dict[int, tuple[str, bool]]:
    """Line number -> (comment text after ``#``, whether the comment is the whole line)."""
    lines = code.splitlines()
    found = {}
    for tok in tokenize.generate_tokens(io.StringIO(code).readline):
        if tok.type == tokenize.COMMENT:
            row, col = tok.start
            found[row] = (tok.string[1:], not lines[row - 1][:col].strip())
    return found


def _claimed_line(text: str, lines: list[str]) -> None:
    """Add one comment's text to the claimed output lines: a new line, or a ``#   `` continuation."""
    if text.startswith("   ") and lines:
        lines[-1] = f"{lines[-1]} {text.strip()}"
    else:
        lines.append(text[1:] if text.startswith(" ") else text)


def _is_print(node: ast.AST) -> bool:
    return (
        isinstance(node, ast.Expr)
        and isinstance(node.value, ast.Call)
        and isinstance(node.value.func, ast.Name)
        and node.value.func.id == "print"
    )


def _claims(code: str) -> tuple[list[str], dict[int, str], list[int]]:
    """The printed lines claimed, the reprs claimed by line, and the full-line comments left unclaimed."""
    comments = _comments(code)
    used: set[int] = set()
    printed: list[str] = []
    reprs: dict[int, str] = {}
    exprs = sorted((n for n in ast.walk(ast.parse(code)) if isinstance(n, ast.Expr)), key=lambda n: n.lineno)
    for node in exprs:
        end = node.end_lineno or node.lineno
        trailing = comments.get(end)
        if _is_print(node):
            if trailing and not trailing[1]:
                _claimed_line(trailing[0], printed)
                used.add(end)
            row = end + 1
            while row in comments and comments[row][1]:
                _claimed_line(comments[row][0], printed)
                used.add(row)
                row += 1
        elif trailing and not trailing[1]:
            reprs[node.lineno] = trailing[0].strip()
    unclaimed = [row for row, (_, whole) in comments.items() if whole and row not in used]
    return printed, reprs, unclaimed


class _Show(ast.NodeTransformer):
    """Wrap each bare expression that claims a repr in ``__readme_show__(line, expression)``."""

    def __init__(self, lines: set[int]) -> None:
        self.lines = lines

    def visit_Expr(self, node: ast.Expr) -> ast.Expr:
        if node.lineno in self.lines:
            show = ast.Name("__readme_show__", ast.Load())
            node.value = ast.Call(show, [ast.Constant(node.lineno), node.value], [])
        return node


def test_the_claim_rules() -> None:
    code = (
        "print(1)   # 1\n"
        "for i in (2, 3):   # explains\n"
        "    print(i, 'long')\n"
        "# 2\n"
        "#   long\n"
        "# 3 long\n"
        "x = 4   # explains\n"
        "repr(x)   # '4...\n"
    )
    printed, reprs, unclaimed = _claims(code)
    assert printed == ["1", "2 long", "3 long"]
    assert reprs == {8: "'4..."}
    assert unclaimed == []
    assert _claims("x = 1\n# a claim nobody checks\n")[2] == [2]


@pytest.mark.parametrize("block", PYTHON, ids=[b.section for b in PYTHON])
def test_python_block_prints_what_it_says(block: Block) -> None:
    printed, reprs, unclaimed = _claims(block.body)
    assert not unclaimed, f"{block.name}: comment lines {unclaimed} of the block claim output no print makes"
    assert printed or reprs, f"{block.name}: the block claims no output"
    tree = ast.fix_missing_locations(_Show(set(reprs)).visit(ast.parse(block.body)))
    shown: dict[int, str] = {}

    def show(line: int, value: Any) -> Any:
        shown[line] = repr(value)
        return value

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(tree, block.name, "exec"), {"__readme_show__": show, "__name__": "__readme__"})
    assert [line.rstrip() for line in out.getvalue().splitlines()] == printed, block.name
    for line, claim in reprs.items():
        assert line in shown, f"{block.name}: line {line} did not run"
        if "..." in claim:
            prefix = claim.split("...", 1)[0]
            assert prefix and shown[line].startswith(prefix), (block.name, line, shown[line])
        else:
            assert shown[line] == claim, (block.name, line)


# --- sh / console blocks -------------------------------------------------------------------------


def _commands(block: Block) -> list[str]:
    """The block's commands: prompts stripped, indented lines joined, comments cut, split at ``&&``."""
    joined: list[str] = []
    for line in block.body.splitlines():
        line = line.removeprefix("$ ")
        if line[:1].isspace() and joined:
            joined[-1] += " " + line.strip()
        elif line.strip():
            joined.append(line.strip())
    cut = [re.sub(r"(^|\s)#.*$", "", line).strip() for line in joined]
    return [part.strip() for line in cut for part in line.split("&&") if part.strip()]


def _values(word: str) -> list[str]:
    if not _PLACEHOLDER.match(word):
        return [word]
    assert word in PLACEHOLDERS, f"README placeholder {word!r}: give it example values in PLACEHOLDERS"
    return PLACEHOLDERS[word]


def _expand(command: str) -> Iterator[tuple[list[str], bool]]:
    """Concrete argument lists for one documented command, each with whether it is written as is."""
    groups = _OPTIONAL.findall(command)
    base = _OPTIONAL.sub(" ", command).split()[1:]
    variants = [[]] + [[*g.split()[:-1], alt] for g in groups for alt in g.split()[-1].split("|")]
    for extra in variants:
        words = [*base, *extra]
        for concrete in itertools.product(*(_values(w) for w in words)):
            yield list(concrete), not any(_PLACEHOLDER.match(w) for w in words)


def _ncts5_commands() -> list[str]:
    return [c for b in SHELL for c in _commands(b) if c.split()[0] == "ncts5"]


def test_the_command_rules() -> None:
    assert list(_expand("ncts5 rules [--format json]")) == [(["rules"], True), (["rules", "--format", "json"], True)]
    assert [w for w, _ in _expand("ncts5 validate [--phase a|b] FILE")] == [
        ["validate", "examples/t1-road.xml"],
        ["validate", "examples/t1-road.xml", "--phase", "a"],
        ["validate", "examples/t1-road.xml", "--phase", "b"],
    ]
    assert [ok for _, ok in _expand("ncts5 explain ID")] == [False]


@pytest.mark.parametrize("command", _ncts5_commands())
def test_command_parses_and_read_only_ones_run(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    from ncts5.cli import build_parser, main

    parser = build_parser()
    for words, as_written in _expand(command):
        try:
            parser.parse_args(words)
        except SystemExit:
            pytest.fail(f"README command does not parse: ncts5 {' '.join(words)}")
        if as_written and read_only(words):
            capsys.readouterr()
            assert main(words) == 0, f"ncts5 {' '.join(words)}"
            out = capsys.readouterr().out
            assert out.strip(), f"ncts5 {' '.join(words)} printed nothing"
            if "--format" in words and "json" in words:
                json.loads(out)


def test_the_cheap_read_only_commands_are_among_those_run() -> None:
    run = {
        " ".join(words)
        for c in _ncts5_commands()
        for words, as_written in _expand(c)
        if as_written and read_only(words)
    }
    assert {"explain R0849", "rules --format json", "codelists status", "validate examples/t1-road.xml"} <= run


def test_set_up_commands_are_what_ci_runs() -> None:
    """The README's test command is the one .ci/run runs; the install commands are plain pip/venv."""
    ci = _commands(Block("sh", (ROOT / ".ci" / "run").read_text(encoding="utf-8"), ".ci/run", 1))
    setup = [c for b in SHELL for c in _commands(b) if c.split()[0] != "ncts5"]
    assert setup
    for block in SHELL:
        commands = _commands(block)
        if "pytest" in commands:
            assert set(commands) <= set(ci), f"{block.name}: the CI runs {ci}"
    assert all(c.split()[0] in {"python3", ".", "pip", "pytest"} for c in setup), setup
