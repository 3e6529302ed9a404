"""Hostile reference files: each one refused with a clear CodeListImportError, in bounded memory, store untouched.

The bounds are :data:`ncts5.codelists.shape.MAX_JSON_BYTES` (decompressed or plain JSON),
``MAX_FILE_BYTES`` (compressed input), ``MAX_JSON_DEPTH`` and ``MAX_NUMBER_DIGITS``. The
memory bound (300 MB above the baseline) is proved in a subprocess whose address space is
limited to that, so that exceeding it is a MemoryError rather than a slow machine.
"""

from __future__ import annotations

import gzip
import json
import os
import socket
import struct
import subprocess
import sys
import tempfile
import textwrap
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from codelist_helpers import minimal_payload, tree, write_json
from hypothesis import given, settings
from hypothesis import strategies as st

from ncts5 import codelists
from ncts5.codelists import CodeListImportError, shape

ROOT = Path(__file__).resolve().parents[2]
_MiB = 1024 * 1024


def gzip_of_zeros(path: Path, mebibytes: int) -> Path:
    """A valid gzip file of *mebibytes* MiB of zeros, about 1000 times smaller, built in a fraction of a second.

    Each MiB is deflated independently (a full flush resets the compressor), so every block but
    the first is the same bytes: the stream is the first block, the repeated one, and the end.
    """
    zeros = bytes(_MiB)
    deflate = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    first = deflate.compress(zeros) + deflate.flush(zlib.Z_FULL_FLUSH)
    repeated = deflate.compress(zeros) + deflate.flush(zlib.Z_FULL_FLUSH)
    assert deflate.compress(zeros) + deflate.flush(zlib.Z_FULL_FLUSH) == repeated
    end = deflate.flush()
    crc = 0
    for _ in range(mebibytes):
        crc = zlib.crc32(zeros, crc)
    header = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff"
    trailer = struct.pack("<II", crc, (mebibytes * _MiB) & 0xFFFFFFFF)
    path.write_bytes(header + first + repeated * (mebibytes - 1) + end + trailer)
    return path


@pytest.fixture(scope="session")
def bomb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """1 GiB of zeros in a 1 MB gzip file (the ratio of the issue's 4 GB in 4 MB)."""
    return gzip_of_zeros(tmp_path_factory.mktemp("bomb") / "RD_bomb.json.gz", 1024)


def test_the_bomb_is_a_real_gzip_file(bomb: Path) -> None:
    assert bomb.stat().st_size < 1.1 * _MiB
    with gzip.open(bomb) as fh:  # a prefix is enough to know it is what it says
        assert fh.read(3 * _MiB) == bytes(3 * _MiB)


@pytest.fixture
def store_before(tmp_path: Path, isolated_data_dir: Path) -> Iterator[dict[str, bytes]]:
    """A data directory holding an import; after the test it must be byte for byte the same."""
    codelists.import_reference_data(write_json(tmp_path / "rd-good.json", minimal_payload()))
    before = tree(isolated_data_dir)
    yield before
    assert tree(isolated_data_dir) == before
    assert codelists.get("CL231").source == "imported"


def _refused(path: Path, problem: str, *, as_list: bool = False) -> str:
    with pytest.raises(CodeListImportError) as caught:
        if as_list:
            codelists.import_list(path, "CL231")
        else:
            codelists.import_reference_data(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: "), message
    assert problem in message, message
    assert "\n" not in message
    return message


# -- decompressed and read sizes -------------------------------------------------------------------


def test_a_gzip_bomb_is_refused(bomb: Path, store_before: dict[str, bytes]) -> None:
    message = _refused(bomb, "decompresses to more than 64 MiB")
    assert "gzip bomb" in message


def test_a_gzip_bomb_given_as_a_simple_list_is_refused(bomb: Path, store_before: dict[str, bytes]) -> None:
    _refused(bomb, "decompresses to more than 64 MiB", as_list=True)


def test_a_plain_file_over_the_limit_is_refused(tmp_path: Path, store_before: dict[str, bytes]) -> None:
    big = tmp_path / "big.json"
    with big.open("wb") as fh:
        fh.truncate(shape.MAX_JSON_BYTES + 1)  # sparse: costs no disk
    _refused(big, "larger than 64 MiB")


def test_compressed_input_is_bounded_too(
    tmp_path: Path, store_before: dict[str, bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Empty deflate blocks decompress to nothing: only the compressed-size bound stops them."""
    monkeypatch.setattr(shape, "MAX_FILE_BYTES", _MiB)  # the same code path as 64 MiB, at 1/64 of the work
    header = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff"
    empty_block = b"\x00\x00\x00\xff\xff"  # a stored block of length 0, not the last
    last_block, trailer = b"\x03\x00", bytes(8)  # crc32 and size of nothing
    assert gzip.decompress(header + empty_block * 3 + last_block + trailer) == b""
    path = tmp_path / "empty-blocks.json.gz"
    path.write_bytes(header + empty_block * (2 * _MiB // len(empty_block)) + last_block + trailer)
    _refused(path, "larger than 1 MiB compressed")


def test_gzip_members_are_bounded(tmp_path: Path, store_before: dict[str, bytes]) -> None:
    path = tmp_path / "members.json.gz"
    path.write_bytes(gzip.compress(b"", mtime=0) * (shape.MAX_GZIP_MEMBERS + 1))
    _refused(path, f"more than {shape.MAX_GZIP_MEMBERS} gzip members")


def test_multi_member_gzip_and_zero_padding_are_accepted(tmp_path: Path) -> None:
    data = json.dumps(minimal_payload()).encode()
    half = len(data) // 2
    path = tmp_path / "rd.json.gz"
    path.write_bytes(gzip.compress(data[:half]) + gzip.compress(data[half:]) + bytes(1000))
    codelists.import_reference_data(path)
    assert codelists.get("CL231").source == "imported"


def test_trailing_garbage_after_the_gzip_stream_is_refused(tmp_path: Path, store_before: dict[str, bytes]) -> None:
    path = tmp_path / "rd.json.gz"
    path.write_bytes(gzip.compress(json.dumps(minimal_payload()).encode()) + b"garbage")
    _refused(path, "not a valid gzip file")


# -- not regular files ---------------------------------------------------------------------------


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_dev_zero_is_refused(store_before: dict[str, bytes]) -> None:
    _refused(Path("/dev/zero"), "is a character device, not a regular file")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs os.mkfifo (POSIX)")
def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path, store_before: dict[str, bytes]) -> None:
    fifo = tmp_path / "RD_NCTS-P5.json.gz"
    os.mkfifo(fifo)
    _refused(fifo, "is a FIFO (named pipe), not a regular file")
    _refused(fifo, "is a FIFO (named pipe), not a regular file", as_list=True)


def test_a_directory_is_refused(tmp_path: Path, store_before: dict[str, bytes]) -> None:
    _refused(tmp_path, "is a directory, expected a file")


@pytest.mark.skipif(not hasattr(socket, "AF_UNIX"), reason="needs Unix sockets")
def test_a_socket_is_refused(store_before: dict[str, bytes]) -> None:
    with tempfile.TemporaryDirectory() as short:  # socket paths are limited to ~100 characters
        path = Path(short) / "rd.sock"
        with socket.socket(socket.AF_UNIX) as server:
            server.bind(str(path))
            _refused(path, "is a socket, not a regular file")


# -- JSON nesting and numbers ----------------------------------------------------------------------

DEEP = 100_000


@pytest.mark.parametrize(
    "content",
    [b"[" * DEEP + b"]" * DEEP, b"[" * DEEP, b'{"a":' * DEEP + b"1" + b"}" * DEEP, b'{"lists": ' + b"[" * DEEP],
    ids=["balanced", "unclosed", "objects", "inside an object"],
)
@pytest.mark.parametrize("as_list", [False, True], ids=["payload", "simple list"])
def test_deep_nesting_is_refused_before_it_is_parsed(
    tmp_path: Path, store_before: dict[str, bytes], content: bytes, as_list: bool
) -> None:
    path = tmp_path / "deep.json"
    path.write_bytes(content)
    _refused(path, "JSON nested more than 64 levels deep", as_list=as_list)


def test_nesting_up_to_the_limit_reaches_the_shape_check(tmp_path: Path, store_before: dict[str, bytes]) -> None:
    path = tmp_path / "nested.json"
    path.write_bytes(b"[" * 64 + b"]" * 64)
    _refused(path, "$: expected an object, got an array")


@pytest.mark.parametrize(
    "number", [b"1" * 100_000, b"-" + b"9" * 100_000, b"0." + b"1" * 100_000, b"1e" + b"1" * 100_000]
)
@pytest.mark.parametrize("as_list", [False, True], ids=["payload", "simple list"])
def test_a_huge_number_is_refused(tmp_path: Path, store_before: dict[str, bytes], number: bytes, as_list: bool) -> None:
    path = tmp_path / "number.json"
    path.write_bytes(b'{"messageInformation": ' + number + b"}")
    _refused(path, f"a number of {len(number)} characters (more than 40)", as_list=as_list)


def test_ordinary_numbers_still_parse(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_bytes(b'[1, -2.5e3, 12345678901234567890, "x"]')
    assert shape.read_json(path) == [1, -2500.0, 12345678901234567890, "x"]


def _depth(value: Any) -> int:
    if isinstance(value, dict):
        return 1 + max((_depth(v) for v in value.values()), default=0)
    if isinstance(value, list):
        return 1 + max((_depth(v) for v in value), default=0)
    return 0


_TRICKY_TEXT = st.text(alphabet='[]{}"\\/bnu é', max_size=6)
_JSON_VALUES = st.recursive(
    st.none() | st.integers() | _TRICKY_TEXT,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_TRICKY_TEXT, inner, max_size=3),
    max_leaves=30,
)


@settings(max_examples=300, deadline=None)
@given(value=_JSON_VALUES, ascii_only=st.booleans())
def test_the_depth_scan_agrees_with_the_parser(value: Any, ascii_only: bool) -> None:
    """Brackets and quotes inside strings, escapes and non-ASCII text never fool the scan."""
    raw = json.dumps(value, ensure_ascii=ascii_only).encode()
    depth = _depth(value)
    shape.check_depth(raw, Path("x.json"), limit=depth)
    if depth:
        with pytest.raises(CodeListImportError, match=f"nested more than {depth - 1} levels"):
            shape.check_depth(raw, Path("x.json"), limit=depth - 1)


# -- simple CSV lists ----------------------------------------------------------------------------


def test_a_csv_field_over_the_csv_limit_is_refused(tmp_path: Path, store_before: dict[str, bytes]) -> None:
    path = tmp_path / "list.csv"
    path.write_bytes(b"code,description\nA," + b"x" * 200_000 + b"\n")
    _refused(path, "near line 2: not readable as CSV (field larger than field limit", as_list=True)


# -- bounded memory and the CLI ----------------------------------------------------------------------

_LIMITED_IMPORT = textwrap.dedent(
    """
    import re, resource, sys
    from ncts5.codelists.errors import CodeListImportError
    from ncts5.codelists.registry import Registry
    path, data_dir, as_list = sys.argv[1], sys.argv[2], sys.argv[3] == "list"
    registry = Registry(data_dir)
    with open("/proc/self/status") as fh:
        used = int(re.search(r"VmSize:\\s+(\\d+) kB", fh.read()).group(1)) * 1024
    resource.setrlimit(resource.RLIMIT_AS, (used + 300 * 1024 * 1024, resource.getrlimit(resource.RLIMIT_AS)[1]))
    try:
        registry.import_list(path, "CL231") if as_list else registry.import_reference_data(path)
    except CodeListImportError as exc:
        print(f"refused: {exc}")
    except MemoryError:
        print("MemoryError")
    else:
        print("imported")
    """
)


def _deep_brackets(path: Path) -> Path:
    with path.open("wb") as fh:
        for _ in range(60):
            fh.write(b"[" * _MiB)
    return path


def _escaped_deep_brackets(path: Path) -> Path:
    """The worst case of the depth scan: a backslash makes it keep one more copy."""
    with path.open("wb") as fh:
        fh.write(b'["\\\\", ')
        for _ in range(60):
            fh.write(b"[" * _MiB)
    return path


def _huge_number(path: Path) -> Path:
    path.write_bytes(b"[" + b"7" * (60 * _MiB) + b"]")
    return path


HOSTILE: dict[str, tuple[Callable[[Path], Path], str]] = {
    "gzip bomb": (lambda p: gzip_of_zeros(p, 1024), "decompresses to more than 64 MiB"),
    "60 MiB of brackets": (_deep_brackets, "nested more than 64 levels deep"),
    "60 MiB of brackets after an escape": (_escaped_deep_brackets, "nested more than 64 levels deep"),
    "a 60 MiB number": (_huge_number, "a number of 62914560 characters"),
}


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs Linux /proc to measure the baseline")
@pytest.mark.parametrize("case", list(HOSTILE))
@pytest.mark.parametrize("as_list", [False, True], ids=["payload", "simple list"])
def test_hostile_files_are_refused_within_300_mb_above_the_baseline(tmp_path: Path, case: str, as_list: bool) -> None:
    make, problem = HOSTILE[case]
    path = make(tmp_path / "hostile.json")
    data_dir = tmp_path / "data"
    done = subprocess.run(
        [sys.executable, "-c", _LIMITED_IMPORT, str(path), str(data_dir), "list" if as_list else "payload"],
        capture_output=True,
        text=True,
        timeout=120,  # a guard against a hang, not a speed assertion
    )
    assert done.returncode == 0, done.stderr  # not killed, no traceback
    assert done.stdout.startswith("refused: "), done.stdout
    assert problem in done.stdout
    assert not data_dir.exists()  # nothing written, not even the directory


def _deep(directory: Path) -> Path:
    path = directory / "deep.json"
    path.write_bytes(b"[" * DEEP)
    return path


@pytest.mark.parametrize(
    ("make", "problem"),
    [
        (lambda p: gzip_of_zeros(p / "RD.json.gz", 100), "decompresses to more than 64 MiB"),
        (lambda p: p, "is a directory"),
        (_deep, "nested more than 64"),
    ],
    ids=["bomb", "directory", "deep"],
)
def test_the_cli_prints_one_error_line_and_exits_1(
    tmp_path: Path, isolated_data_dir: Path, make: Callable[[Path], Path], problem: str
) -> None:
    path = make(tmp_path)
    done = _cli(isolated_data_dir, "codelists", "import", str(path))
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1, done.stderr
    assert done.stderr.startswith(f"ncts5 codelists: error: {path}: ")
    assert problem in done.stderr
    assert not isolated_data_dir.exists()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs os.mkfifo (POSIX)")
def test_the_cli_refuses_a_fifo_promptly(tmp_path: Path, isolated_data_dir: Path) -> None:
    fifo = tmp_path / "COL.json.gz"
    os.mkfifo(fifo)
    done = _cli(isolated_data_dir, "codelists", "import", str(fifo))  # would hang for ever on open()
    assert done.returncode == 1
    assert done.stderr == (
        f"ncts5 codelists: error: {fifo}: is a FIFO (named pipe), not a regular file: "
        "ncts5 reads reference data only from regular files\n"
    )


def _cli(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env[codelists.ENV_VAR] = str(data_dir)
    return subprocess.run(
        [sys.executable, "-m", "ncts5.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=60,  # a guard against a hang, not a speed assertion
    )


def test_the_official_payload_is_well_inside_the_bounds() -> None:
    """The bounds leave room: the real payloads are a fraction of each."""
    from codelist_helpers import COL_FILE, RD_FILE, require_snapshot

    require_snapshot()
    for path in (RD_FILE, COL_FILE):
        raw = shape.read_bytes(path)
        assert len(raw) < shape.MAX_JSON_BYTES / 4
        assert path.stat().st_size < shape.MAX_FILE_BYTES / 16
        shape.check_depth(raw, path, limit=8)
