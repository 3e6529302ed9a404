"""``.pre-commit-hooks.yaml``: a repository of declarations runs ``ncts5 validate`` in pre-commit."""

from __future__ import annotations

import re
import shlex

from ncts5.cli import build_parser
from tests.conftest import ROOT

HOOKS = ROOT / ".pre-commit-hooks.yaml"


def read_hooks(text: str) -> list[dict[str, str]]:
    """The hooks of a pre-commit hooks file, in the YAML subset it uses: a list of flat ``key: value`` maps."""
    hooks: list[dict[str, str]] = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        match = re.fullmatch(r"(- |  )([a-z_]+): (.+)", line)
        assert match, f"line {number} is outside the subset this reader knows: {line!r}"
        if match[1] == "- ":
            hooks.append({})
        assert hooks, f"line {number}: a key before the first hook"
        assert match[2] not in hooks[-1], f"line {number}: {match[2]} twice"
        hooks[-1][match[2]] = match[3]
    return hooks


def test_the_hook_validates_xml_files_with_the_real_command():
    hooks = read_hooks(HOOKS.read_text(encoding="utf-8"))
    assert [h["id"] for h in hooks] == ["ncts5-validate"]
    hook = hooks[0]
    assert hook["language"] == "python"
    assert hook["pass_filenames"] == "true"
    assert hook["require_serial"] == "true"  # one ncts5 for all files: it picks its own workers
    assert re.search(hook["files"], "declarations/t1.xml") and not re.search(hook["files"], "notes.txt")
    program, *args = shlex.split(hook["entry"])
    assert program == "ncts5"  # [project.scripts]
    parsed = build_parser().parse_args([*args, "t1.xml"])
    assert parsed.command == "validate" and parsed.files == ["t1.xml"]


def test_the_entry_is_the_installed_console_script():
    import tomllib

    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
    assert scripts["ncts5"] == "ncts5.cli:entry"
