"""Batches: the automatic ``--jobs`` stays in process for small batches; a dying worker costs only its file."""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
from pathlib import Path

import pytest

import ncts5
from ncts5.cli import AUTO_MIN_BYTES, AUTO_MIN_FILES, default_workers, main
from tests.conftest import EXAMPLES

T1 = EXAMPLES / "t1-road.xml"


def sized(folder: Path, count: int, size: int) -> list[str]:
    """``count`` sparse files of ``size`` bytes (only their size is read)."""
    names = []
    for i in range(count):
        path = folder / f"f{i}.xml"
        with path.open("wb") as f:
            f.truncate(size)
        names.append(str(path))
    return names


def test_default_workers_stay_in_process_unless_files_and_bytes_repay_workers(tmp_path):
    many_small = sized(tmp_path, 200, 5_000)
    assert default_workers(many_small, cpus=2) == 1  # the 200 small files
    few_large = sized(tmp_path, AUTO_MIN_FILES - 1, AUTO_MIN_BYTES)
    assert default_workers(few_large, cpus=8) == 1
    enough = sized(tmp_path, AUTO_MIN_FILES, AUTO_MIN_BYTES // AUTO_MIN_FILES)
    assert default_workers(enough, cpus=2) == 2
    assert default_workers(enough, cpus=1) == 1
    assert default_workers([*enough, "-", str(tmp_path / "missing.xml")], cpus=2) == 2


@pytest.mark.skipif(
    multiprocessing.get_start_method() != "fork",
    reason="the dying validation is patched into this process; only forked workers inherit the patch",
)
def test_a_worker_that_dies_costs_only_its_file(capsys, monkeypatch, tmp_path):
    real = ncts5.validate

    def validate(data, **options):
        if isinstance(data, Path) and data.name == "dies.xml":
            os.kill(os.getpid(), signal.SIGKILL)  # as the kernel's OOM killer would
        return real(data, **options)

    monkeypatch.setattr(ncts5, "validate", validate)
    names = []
    for name in ["a", "b", "c", "dies", "d", "e", "f", "g"]:
        path = tmp_path / f"{name}.xml"
        path.write_bytes(T1.read_bytes())
        names.append(str(path))
    code = main(["validate", "--no-config", "--jobs", "2", "--format", "json", *names])
    out, err = capsys.readouterr()
    assert code == 1 and "Traceback" not in err
    results = json.loads(out)
    assert [r["file"] for r in results] == names  # every file, in order
    dead = results[3]
    assert not dead["valid"]
    assert [f["rule"] for f in dead["findings"]] == ["WORKER"]
    assert dead["findings"][0]["message"].startswith(f"the worker validating {names[3]} died (signal 9)")
    assert all(r["valid"] for i, r in enumerate(results) if i != 3)


def test_standard_input_is_read_in_process_with_workers(monkeypatch, capsys):
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(T1.read_bytes())))
    code = main(["validate", "--no-config", "--jobs", "2", "--format", "json", "-", str(T1)])
    out, _ = capsys.readouterr()
    assert code == 0
    assert [r["file"] for r in json.loads(out)] == ["-", str(T1)]


@pytest.mark.skipif(multiprocessing.get_start_method() != "fork", reason="workers must inherit the broken stdin")
def test_workers_that_cannot_start_leave_the_batch_to_this_process(monkeypatch, capsys):
    import io
    import sys

    class Stdin:  # no close(): a forked worker fails while starting, before any file
        buffer = io.BytesIO(T1.read_bytes())

    monkeypatch.setattr(sys, "stdin", Stdin)
    code = main(["validate", "--no-config", "--jobs", "2", "--format", "json", "-", str(T1), str(T1)])
    out, _ = capsys.readouterr()
    assert code == 0
    assert [r["valid"] for r in json.loads(out)] == [True, True, True]
