"""The store under concurrency and damage: every fault of issue 8 reproduced, and none of them breaking.

Concurrency is tested with real processes (the ``ncts5`` CLI or the Python API in a
subprocess) against a temporary data directory. Payloads are small synthetic ones so that
each test takes a few seconds; a race is looped a few times, not thousands.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from codelist_helpers import minimal_col, minimal_payload, tree, write_json

import ncts5
from ncts5 import codelists
from ncts5.codelists import CodeListImportError, CodeListNotAvailable, CodeListStoreError
from ncts5.codelists import store as store_module
from ncts5.codelists.errors import CodeListDamaged
from ncts5.codelists.registry import Registry
from ncts5.codelists.store import LOCK_FILE, MANIFEST, SUBDIR, Manifest, Store

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"

# -- helpers -------------------------------------------------------------------------------------


def _declaration_types(*codes: str) -> list[dict[str, Any]]:
    return [{"state": "valid", "activeFrom": "2024-01-01", "code": c, "description": f"type {c}"} for c in codes]


def _payload(tmp_path: Path, name: str, *codes: str) -> Path:
    """An official-shaped payload whose DeclarationType (CL231) holds *codes*."""
    return write_json(tmp_path / name, minimal_payload({"DeclarationType": _declaration_types(*codes)}))


def _env(data_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env[codelists.ENV_VAR] = str(data_dir)
    return env


def _cli(data_dir: Path, *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ncts5.cli", *args],
        capture_output=True,
        text=True,
        env=_env(data_dir),
        cwd=ROOT,
        timeout=timeout,  # a guard against a hang, not a speed assertion
    )


# Starts the CLI with everything imported, says so, then waits for a signal file, so that
# two processes run their imports at the same moment (start-up would otherwise keep them apart).
_CLI_ON_SIGNAL = textwrap.dedent(
    """
    import os, sys, time
    import ncts5.codelists.cli, ncts5.codelists.registry
    from ncts5.cli import main
    ready, go = sys.argv.pop(1), sys.argv.pop(1)
    open(ready, "w").close()
    while not os.path.exists(go):
        time.sleep(0.001)
    sys.exit(main())
    """
)


def _start_together(data_dir: Path, sync: Path, *commands: tuple[str, ...]) -> list[subprocess.CompletedProcess[str]]:
    """Run several ``ncts5`` commands in parallel processes released at once; their results."""
    sync.mkdir(exist_ok=True)
    go = sync / "go"
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _CLI_ON_SIGNAL, str(sync / f"ready-{i}"), str(go), *command],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=_env(data_dir),
            cwd=ROOT,
        )
        for i, command in enumerate(commands)
    ]
    deadline = time.monotonic() + 60  # a guard against a hang, not a speed assertion
    while not all((sync / f"ready-{i}").exists() for i in range(len(procs))) and time.monotonic() < deadline:
        time.sleep(0.005)
    go.touch()
    results = []
    for proc in procs:
        out, err = proc.communicate(timeout=60)
        results.append(subprocess.CompletedProcess(proc.args, proc.returncode, out, err))
    for path in sync.iterdir():
        path.unlink()
    return results


def _stored(data_dir: Path) -> dict[str, bytes]:
    """The data directory's files and bytes, but the lock file (which holds its holder's pid)."""
    return {name: data for name, data in tree(data_dir).items() if not name.endswith(LOCK_FILE)}


def _consistent(data_dir: Path) -> Manifest:
    """The manifest, after checking that it reads and that every file it names is there, intact."""
    store = Store(data_dir)
    manifest = store.manifest()
    for stored in manifest.lists.values():
        assert store.verify(stored) is None, stored.file
    if manifest.offices is not None:
        assert store.verify(manifest.offices) is None, manifest.offices.file
    return manifest


def _list_file(data_dir: Path, list_id: str) -> Path:
    return data_dir / SUBDIR / Store(data_dir).manifest().lists[list_id].file


# -- concurrent imports ----------------------------------------------------------------------------


def test_concurrent_code_list_and_office_imports_keep_both(tmp_path: Path) -> None:
    """RD and COL imported at once: the second to commit must build on the first, not on a stale manifest."""
    rd = _payload(tmp_path, "rd.json", "T1", "T2")
    col = write_json(tmp_path / "col.json", minimal_col())
    for round_ in range(5):
        data_dir = tmp_path / f"data-{round_}"
        results = _start_together(
            data_dir, tmp_path / "go", ("codelists", "import", str(rd)), ("codelists", "import", str(col))
        )
        assert [r.returncode for r in results] == [0, 0], [r.stderr for r in results]
        manifest = _consistent(data_dir)
        assert "CL231" in manifest.lists
        assert manifest.offices is not None
        registry = Registry(data_dir)
        assert registry.get("CL231").codes() == {"T1", "T2"}
        assert registry.customs_office("DE000001") is not None


def test_concurrent_imports_of_code_lists_leave_a_manifest_naming_existing_files(tmp_path: Path) -> None:
    """Two RD imports at once: the manifest names files that exist and hold one import's lists, whole."""
    first = _payload(tmp_path, "first.json", "A1")
    second = _payload(tmp_path, "second.json", "B1")
    data_dir = tmp_path / "data"
    for _ in range(5):
        results = _start_together(
            data_dir, tmp_path / "go", ("codelists", "import", str(first)), ("codelists", "import", str(second))
        )
        assert [r.returncode for r in results] == [0, 0], [r.stderr for r in results]
        _consistent(data_dir)
        registry = Registry(data_dir)
        assert registry.get("CL231").codes() in ({"A1"}, {"B1"})
        assert registry.get("CL232").source == "imported"
        statuses = {row.status for row in registry.status()}
        assert "damaged" not in statuses


def _hold_lock_in_subprocess(data_dir: Path) -> subprocess.Popen[str]:
    script = textwrap.dedent(
        """
        import sys
        from ncts5.codelists.store import Store
        with Store(sys.argv[1]).import_lock():
            print("locked", flush=True)
            sys.stdin.read()
        """
    )
    holder = subprocess.Popen(
        [sys.executable, "-c", script, str(data_dir)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None
    assert holder.stdout.readline().strip() == "locked"
    return holder


def test_an_import_gives_up_with_the_lock_holders_pid_and_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data_dir = tmp_path / "data"
    Registry(data_dir).import_reference_data(_payload(tmp_path, "rd.json", "T1"))
    before = _stored(data_dir)
    holder = _hold_lock_in_subprocess(data_dir)
    try:
        monkeypatch.setattr(store_module, "LOCK_TIMEOUT", 0.3)
        with pytest.raises(CodeListImportError) as caught:
            Registry(data_dir).import_reference_data(_payload(tmp_path, "other.json", "X9"))
        message = str(caught.value)
        assert f"another import is running (lock held by pid {holder.pid})" in message
        assert "nothing was changed" in message
        assert _stored(data_dir) == before
        # The CLI says the same on one line, exit 1.
        script = (
            "import sys; import ncts5.codelists.store as s; s.LOCK_TIMEOUT = 0.3; "
            "from ncts5.cli import main; sys.exit(main())"
        )
        done = subprocess.run(
            [sys.executable, "-c", script, "codelists", "import", str(tmp_path / "other.json")],
            capture_output=True,
            text=True,
            env=_env(data_dir),
            timeout=60,
        )
        assert done.returncode == 1
        assert done.stderr.count("\n") == 1
        assert f"lock held by pid {holder.pid}" in done.stderr
        assert "Traceback" not in done.stderr
    finally:
        holder.communicate("", timeout=30)
    assert _stored(data_dir) == before
    Registry(data_dir).import_reference_data(tmp_path / "other.json")  # the lock is free again
    assert Registry(data_dir).get("CL231").codes() == {"X9"}


def test_a_killed_import_never_leaves_the_store_locked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data_dir = tmp_path / "data"
    holder = _hold_lock_in_subprocess(data_dir)
    holder.send_signal(signal.SIGKILL)
    holder.wait(timeout=30)
    monkeypatch.setattr(store_module, "LOCK_TIMEOUT", 5.0)
    Registry(data_dir).import_reference_data(_payload(tmp_path, "rd.json", "T1"))
    assert Registry(data_dir).get("CL231").codes() == {"T1"}
    assert (data_dir / SUBDIR / LOCK_FILE).read_text() == ""  # released: no pid left behind


# -- readers while another process imports ----------------------------------------------------------

# Imports two payloads alternately, *n* times, then exits.
_IMPORT_LOOP = textwrap.dedent(
    """
    import sys
    from ncts5.codelists.registry import Registry
    data_dir, n, *payloads = sys.argv[1:]
    registry = Registry(data_dir)
    for i in range(int(n)):
        registry.import_reference_data(payloads[i % len(payloads)])
    """
)


@pytest.fixture
def importing(tmp_path: Path) -> Iterator[tuple[Path, subprocess.Popen[str]]]:
    """A data directory and a process that keeps importing into it (A1 and B1 alternately)."""
    data_dir = tmp_path / "data"
    first = _payload(tmp_path, "first.json", "A1")
    second = _payload(tmp_path, "second.json", "B1")
    Registry(data_dir).import_reference_data(first)
    proc = subprocess.Popen(
        [sys.executable, "-c", _IMPORT_LOOP, str(data_dir), "20", str(second), str(first)],
        stderr=subprocess.PIPE,
        text=True,
    )
    yield data_dir, proc
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err


def test_lookups_while_another_process_imports_never_fail(importing: tuple[Path, subprocess.Popen[str]]) -> None:
    data_dir, proc = importing
    registry = Registry(data_dir)
    seen = set()
    rounds = 0
    while proc.poll() is None or rounds < 20:
        rounds += 1
        # A new view every round: read the manifest, then load lists lazily while imports go on.
        registry.reload() if rounds % 2 else registry.refresh()
        codes = registry.get("CL231").codes()
        assert codes in ({"A1"}, {"B1"})  # one import's list, whole
        seen.add(frozenset(codes))
        for list_id in ("CL232", "CL244"):  # loaded lazily, from the same view
            result = registry.check(list_id, "Z9")
            assert result.status in ("valid", "invalid"), result.reason
        assert not [row for row in registry.status() if row.status == "damaged"]
    assert seen


def test_validation_while_another_process_imports_gives_every_file_its_result(
    importing: tuple[Path, subprocess.Popen[str]],
) -> None:
    data_dir, proc = importing
    files = [str(EXAMPLES / "t1-road.xml"), str(EXAMPLES / "tir.xml")]
    runs = 0
    while proc.poll() is None or runs < 2:
        runs += 1
        done = _cli(data_dir, "validate", "--format", "json", *files)
        assert "internal error" not in done.stderr, done.stderr
        # nor a check that failed on a file gone (the engine reports that as not checked)
        assert "internal error" not in done.stdout, [line for line in done.stdout.splitlines() if "internal" in line]
        assert done.returncode in (0, 1), done.stderr
        results = json.loads(done.stdout)
        assert [r["file"] for r in results] == files
        assert done.returncode == (0 if all(r["valid"] for r in results) else 1)


def test_a_long_running_registry_keeps_working_across_imports_and_picks_them_up_on_refresh(
    tmp_path: Path,
) -> None:
    data_dir = tmp_path / "data"
    _cli(data_dir, "codelists", "import", str(_payload(tmp_path, "first.json", "A1"))).check_returncode()
    registry = Registry(data_dir)
    assert registry.get("CL231").codes() == {"A1"}  # loaded; CL232 and the rest not yet
    # Two imports by another process: the generation this registry read is deleted.
    for name in ("second.json", "third.json"):
        _cli(data_dir, "codelists", "import", str(_payload(tmp_path, name, "B1"))).check_returncode()
    assert registry.check("CL231", "A1").status == "valid"  # the view in use keeps answering
    # A list first needed now: its file in the old view is gone, so the whole view is renewed.
    assert registry.get("CL232").source == "imported"
    assert registry.get("CL231").codes() == {"B1"}
    # One more import: nothing changes until the defined point, refresh().
    _cli(data_dir, "codelists", "import", str(_payload(tmp_path, "fourth.json", "C1"))).check_returncode()
    assert registry.check("CL231", "B1").status == "valid"
    assert registry.refresh() is True
    assert registry.check("CL231", "C1").status == "valid"
    assert registry.refresh() is False  # nothing new: one stat, no reload


def test_validate_is_the_point_where_the_default_registry_picks_up_an_import(
    tmp_path: Path, isolated_data_dir: Path
) -> None:
    codelists.import_reference_data(_payload(tmp_path, "first.json", "A1"))
    assert codelists.check("CL231", "A1").status == "valid"
    _cli(isolated_data_dir, "codelists", "import", str(_payload(tmp_path, "second.json", "B1"))).check_returncode()
    assert codelists.check("CL231", "B1").status == "invalid"  # still the view read before
    ncts5.validate(EXAMPLES / "t1-road.xml")
    assert codelists.check("CL231", "B1").status == "valid"


# -- damaged files ---------------------------------------------------------------------------------


def _truncate(path: Path, data_dir: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def _replace_with_other_list(path: Path, data_dir: Path) -> None:
    path.write_bytes(_list_file(data_dir, "CL232").read_bytes())


def _garbage(path: Path, data_dir: Path) -> None:
    path.write_bytes(os.urandom(path.stat().st_size))


def _delete(path: Path, data_dir: Path) -> None:
    path.unlink()


def _fifo(path: Path, data_dir: Path) -> None:
    path.unlink()
    os.mkfifo(path)


def _append(path: Path, data_dir: Path) -> None:
    with path.open("ab") as fh:
        fh.write(b" ")


DAMAGE = {
    "truncated": (_truncate, "is truncated or was replaced"),
    "replaced by another list": (_replace_with_other_list, "is truncated or was replaced"),
    "garbage of the same size": (_garbage, "was changed after it was imported"),
    "deleted": (_delete, "is missing"),
    "a FIFO in its place": (_fifo, "is not a regular file"),
    "grown": (_append, "is truncated or was replaced: more than"),
}


@pytest.fixture
def imported(tmp_path: Path, isolated_data_dir: Path) -> Path:
    """The default data directory with a payload imported: CL231 holds only Z1 (the packaged one has T1)."""
    codelists.import_reference_data(_payload(tmp_path, "RD_test.json", "Z1"))
    codelists.import_reference_data(write_json(tmp_path / "COL_test.json", minimal_col()))
    return isolated_data_dir


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs os.mkfifo (POSIX)")
@pytest.mark.parametrize("case", list(DAMAGE))
def test_a_damaged_list_file_makes_that_list_not_available_and_nothing_else(imported: Path, case: str) -> None:
    damage, problem = DAMAGE[case]
    path = _list_file(imported, "CL231")
    damage(path, imported)
    codelists.reload()
    result = codelists.check("CL231", "Z1")
    assert result.status == "not-checked"
    assert f"CL231 DeclarationType is not available (damaged: {path.name} {problem}" in result.reason
    assert "repair: import it again with `ncts5 codelists import RD_test.json`" in result.reason
    assert f"or delete {imported / SUBDIR}" in result.reason
    # No silent fallback to the packaged list, which knows T1.
    assert codelists.check("CL231", "T1").status == "not-checked"
    with pytest.raises(CodeListDamaged) as caught:
        codelists.get("CL231")
    assert isinstance(caught.value, CodeListNotAvailable)
    assert problem in str(caught.value)
    assert not codelists.available("CL231")
    rows = {row.id: row for row in codelists.status()}
    assert rows["CL231"].status == "damaged"
    assert rows["CL231"].source is not None and problem in rows["CL231"].source
    # Every other list is still in force.
    assert codelists.check("CL232", "Z9").status == "valid"
    assert codelists.check("CL141", "DE000001").status == "valid"
    assert {row.status for row in rows.values() if row.id != "CL231"} <= {"imported", "packaged"}


def test_status_reports_a_damaged_file_before_any_lookup_meets_it(imported: Path) -> None:
    _truncate(_list_file(imported, "CL244"), imported)
    codelists.reload()
    rows = {row.id: row for row in codelists.status()}
    assert rows["CL244"].status == "damaged"
    assert rows["CL231"].status == "imported"


def _rewrite_manifest(data_dir: Path, edit: Any) -> None:
    path = data_dir / SUBDIR / MANIFEST
    obj = json.loads(path.read_text(encoding="utf-8"))
    edit(obj)
    path.write_text(json.dumps(obj), encoding="utf-8")


def test_a_file_holding_another_list_is_refused_even_with_a_matching_checksum(imported: Path) -> None:
    """The manifest hand-edited to point CL231 at a copy of CL232's file: the id inside gives it away."""
    source = _list_file(imported, "CL232")
    impostor = source.with_name("CL231-" + source.name.split("-")[1])
    impostor.write_bytes(source.read_bytes())

    def point_at_impostor(obj: dict[str, Any]) -> None:
        obj["lists"]["CL231"].update(file=impostor.name, bytes=impostor.stat().st_size,
                                     sha256=obj["lists"]["CL232"]["sha256"])  # fmt: skip

    _rewrite_manifest(imported, point_at_impostor)
    codelists.reload()
    result = codelists.check("CL231", "Z1")
    assert result.status == "not-checked"
    assert f"{impostor.name} holds CL232, not CL231" in result.reason


def test_an_entry_count_that_differs_from_the_manifest_is_damage(imported: Path) -> None:
    _rewrite_manifest(imported, lambda obj: obj["lists"]["CL231"].update(entries=2))
    codelists.reload()
    assert "holds 1 entries, the manifest recorded 2" in codelists.check("CL231", "Z1").reason


def test_a_damaged_office_file_makes_the_office_lists_not_available(imported: Path) -> None:
    manifest = Store(imported).manifest()
    assert manifest.offices is not None
    _truncate(imported / SUBDIR / manifest.offices.file, imported)
    codelists.reload()
    for list_id in ("CL141", "CL172"):
        result = codelists.check(list_id, "DE000001")
        assert result.status == "not-checked"
        assert "damaged" in result.reason
        assert "ncts5 codelists import COL_test.json" in result.reason
    assert codelists.customs_office("DE000001") is None
    assert codelists.office_has_role("DE000001", "DES") is None  # None: not checked
    assert codelists.check("CL231", "Z1").status == "valid"


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"{not json", "the manifest is damaged (Expecting property name"),
        (b"", "the manifest is damaged"),
        (b"[" * 100_000, "the manifest is damaged"),
        (json.dumps({"format": 1, "lists": {}, "offices": None}).encode(), "earlier version of ncts5"),
        (json.dumps({"format": 2, "generation": "x", "lists": {}}).encode(), "missing 'offices'"),
    ],
    ids=["not JSON", "empty", "deep", "format 1", "incomplete"],
)
def test_a_damaged_manifest_makes_every_list_not_available(imported: Path, content: bytes, problem: str) -> None:
    (imported / SUBDIR / MANIFEST).write_bytes(content)
    codelists.reload()
    for list_id in ("CL231", "CL141", "CL192"):  # imported, office, never imported (packaged)
        result = codelists.check(list_id, "Z1")
        assert result.status == "not-checked"
        assert problem in result.reason
        assert "repair: import the reference data again with `ncts5 codelists import FILE`" in result.reason
    assert {row.status for row in codelists.status()} == {"damaged"}
    assert codelists.office_has_role("DE000001", "DES") is None
    with pytest.raises(CodeListStoreError):
        codelists.get("CL231")


def test_the_next_import_repairs_a_damaged_list(tmp_path: Path, imported: Path) -> None:
    _truncate(_list_file(imported, "CL231"), imported)
    codelists.reload()
    assert codelists.check("CL231", "Z1").status == "not-checked"
    codelists.import_reference_data(tmp_path / "RD_test.json")  # the command the reason names
    assert codelists.check("CL231", "Z1").status == "valid"
    assert codelists.check("CL141", "DE000001").status == "valid"  # the office list was kept


def test_a_damaged_list_gives_every_file_of_a_batch_its_result(imported: Path) -> None:
    _truncate(_list_file(imported, "CL231"), imported)
    files = [str(EXAMPLES / "t1-road.xml"), str(EXAMPLES / "tir.xml"), str(EXAMPLES / "ie170-presentation.xml")]
    done = _cli(imported, "validate", "--format", "json", *files)
    assert "internal error" not in done.stderr
    assert "Traceback" not in done.stderr
    results = json.loads(done.stdout)
    assert [r["file"] for r in results] == files
    for r in results[:2]:  # the IE015 declarations use CL231
        reasons = [n["reason"] for n in r["not_checked"] if n["rule"] == "CL231"]
        assert reasons and all("damaged" in reason and "ncts5 codelists import" in reason for reason in reasons)
    assert done.returncode == (0 if all(r["valid"] for r in results) else 1)


# -- leftovers of killed imports -------------------------------------------------------------------


def test_the_next_import_removes_what_killed_imports_left_and_only_that(tmp_path: Path, imported: Path) -> None:
    root = imported / SUBDIR
    manifest = Store(imported).manifest()
    leftovers = [
        ".CL231-0123456789ab.json.89abcdef.tmp",  # a list being written
        ".manifest.json.01234567.tmp",  # the manifest being written
        "CL231-0123456789ab.json",  # written, but the manifest never named it
        "offices-0123456789ab.json",
    ]
    foreign = ["notes.txt", "CL231-backup.json", ".hidden", "CL231-0123456789ab.json.orig"]
    for name in leftovers + foreign:
        (root / name).write_text("x")
    in_use = manifest.files()
    codelists.import_reference_data(_payload(tmp_path, "again.json", "Z2"))
    names = set(os.listdir(root))
    assert not names & set(leftovers)
    assert set(foreign) <= names
    assert in_use <= names  # the generation just replaced stays: a reader may be using it
    assert codelists.check("CL231", "Z2").status == "valid"


def test_a_failed_import_cleans_its_own_files_and_leaves_the_store_as_it_was(
    tmp_path: Path, imported: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = tree(imported)
    original = Store._write

    def fail_on_manifest(self: Store, name: str, data: bytes, written: list[Path] | None) -> tuple[int, str]:
        if name == MANIFEST:
            raise OSError(28, "No space left on device")
        return original(self, name, data, written)

    monkeypatch.setattr(Store, "_write", fail_on_manifest)
    with pytest.raises(CodeListImportError, match="nothing was changed"):
        codelists.import_reference_data(_payload(tmp_path, "new.json", "N1"))
    assert tree(imported) == before
    assert codelists.check("CL231", "Z1", on=date(2025, 1, 1)).status == "valid"
