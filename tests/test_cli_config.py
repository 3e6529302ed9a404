"""``[tool.ncts5]`` in pyproject.toml and ``--config FILE``: found, honoured, overridden, checked."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ncts5.cli import main
from ncts5.config import KEYS, Config, find, load
from tests.conftest import EXAMPLES

T1 = EXAMPLES / "t1-road.xml"


@pytest.fixture
def bad(tmp_path: Path) -> Path:
    """T1 with an unknown country of dispatch: one CL008 error and nothing else."""
    path = tmp_path / "bad.xml"
    path.write_bytes(T1.read_bytes().replace(b"<countryOfDispatch>DE<", b"<countryOfDispatch>XX<"))
    return path


def run(capsys, monkeypatch, cwd: Path, *args: str) -> tuple[int, str, str]:
    monkeypatch.chdir(cwd)
    code = main(list(args))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def project(root: Path, table: str, name: str = "pyproject.toml") -> Path:
    (root / ".git").mkdir(exist_ok=True)
    path = root / name
    path.write_text(table, encoding="utf-8")
    return path


def test_tool_table_in_the_nearest_pyproject_is_honoured_from_a_subfolder(capsys, monkeypatch, tmp_path, bad):
    project(tmp_path, '[project]\nname = "declarations"\n\n[tool.ncts5]\ndisable = ["CL008"]\nformat = "json"\n')
    sub = tmp_path / "a" / "b"
    sub.mkdir(parents=True)
    code, out, _ = run(capsys, monkeypatch, sub, "validate", str(bad))
    assert code == 0
    assert json.loads(out)[0]["findings"] == []


def test_command_line_wins_over_the_file(capsys, monkeypatch, tmp_path, bad):
    project(tmp_path, '[tool.ncts5]\ndisable = ["CL008"]\nformat = "json"\nstrict = true\n')
    code, out, _ = run(capsys, monkeypatch, tmp_path, "validate", "--format", "text", "--warn", "C0806", str(bad))
    assert code == 1  # strict from the file: T1 has rules not checked
    assert out.endswith("0 error(s), 0 warning(s); 3 rule(s) not checked in 1 file(s) (--strict: a failure)\n")
    code, out, _ = run(capsys, monkeypatch, tmp_path, "validate", "--no-strict", "--disable", "C0806", str(bad))
    assert code == 1  # --disable on the command line replaces the file's list: CL008 is back
    assert "CL008" in json.loads(out)[0]["findings"][0]["rule"]
    code, out, _ = run(capsys, monkeypatch, tmp_path, "validate", "--no-config", "--no-strict", str(T1))
    assert code == 0 and out.startswith(str(T1))  # text: the file's format ignored too


def test_config_option_reads_a_plain_toml_file_top_level_or_tool_table(capsys, monkeypatch, tmp_path, bad):
    plain = tmp_path / "ncts5.toml"
    plain.write_text('warn = ["CL008"]\nmax-age = 100000\n', encoding="utf-8")
    code, out, _ = run(capsys, monkeypatch, tmp_path, "validate", "--config", str(plain), str(bad))
    assert code == 0
    assert "CL008 (warning)" in out and "days old" not in out  # max-age read: the data is not "old"
    plain.write_text('[tool.ncts5]\nwarn = ["CL008"]\n', encoding="utf-8")
    assert run(capsys, monkeypatch, tmp_path, "validate", "--config", str(plain), str(bad))[0] == 0


def test_a_pyproject_without_the_table_and_a_repository_root_end_the_search(tmp_path):
    outer = tmp_path / "outer"
    inner = outer / "repo" / "sub"
    inner.mkdir(parents=True)
    (outer / "pyproject.toml").write_text("[tool.ncts5]\nstrict = true\n")
    assert find(inner) == outer / "pyproject.toml"
    (outer / "repo" / ".git").write_text("gitdir: elsewhere\n")  # a worktree's .git is a file
    assert find(inner) is None
    (inner / "pyproject.toml").write_text("[tool.other]\nx = 1\n")
    assert find(inner) is None
    assert load(start=inner) == Config()


def test_profile_file_is_found_beside_the_configuration(tmp_path):
    path = project(tmp_path, '[tool.ncts5]\nprofile = "rules/ours.json"\nrelease = 6\nphase = "transition"\n')
    config = load(path)
    assert config.values == {"profile": str(tmp_path / "rules" / "ours.json"), "release": "6", "phase": "transition"}


@pytest.mark.parametrize(
    ("table", "problem"),
    [
        ("max_age = 3", "unknown key 'max_age' (did you mean 'max-age'?)"),
        ("colour = 'red'", "unknown key 'colour'"),
        ("jobs = 'four'", "key 'jobs': expected a whole number 0 or more, got 'four'"),
        ("jobs = -1", "key 'jobs': expected a whole number"),
        ("strict = 1", "key 'strict': expected true or false, got 1"),
        ("disable = 'C0806'", "key 'disable': expected a list of rule ids"),
        ("format = 'xml'", "key 'format': expected one of 'text', 'json'"),
        ("release = 7", "key 'release': expected 5 or 6, got 7"),
        ("phase = true", "key 'phase': expected one of 'final', 'transition', got True"),
        ("ncts5 = 3", "[tool.ncts5] must be a table"),
        ("strict = ", "not valid TOML"),
    ],
)
def test_bad_configuration_is_a_usage_error_naming_file_key_and_problem(capsys, monkeypatch, tmp_path, table, problem):
    text = f"[tool]\n{table}\n" if table.startswith("ncts5 =") else f"[tool.ncts5]\n{table}\n"
    path = project(tmp_path, text)
    code, out, err = run(capsys, monkeypatch, tmp_path, "validate", str(T1))
    assert code == 2 and out == ""
    assert err.startswith(f"ncts5: {path}: ") and problem in err
    assert err.count("\n") == 1


def test_missing_config_file_is_a_usage_error(capsys, monkeypatch, tmp_path):
    code, _, err = run(capsys, monkeypatch, tmp_path, "validate", "--config", str(tmp_path / "no.toml"), str(T1))
    assert code == 2 and "no.toml: cannot read the configuration" in err


def test_every_key_mirrors_a_validate_option():
    from ncts5.cli import _CONFIGURABLE, build_parser

    assert set(KEYS) == set(_CONFIGURABLE)
    validate = build_parser()._subparsers._group_actions[0].choices["validate"]  # type: ignore[union-attr]
    options = {o for a in validate._actions for o in a.option_strings}
    assert {f"--{key}" for key in KEYS} <= options
