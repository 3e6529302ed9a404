"""Reading JSON and CSV input files and checking their shape, with errors that say where.

Shared by the official payload importer and the simple per-list format: a :class:`ShapeError`
carries a JSON-path-like location (``$.lists.DeclarationType.listEntries[3].state``) and is
turned into a :class:`~ncts5.codelists.errors.CodeListImportError` naming the file.

Input files are untrusted, so reading them is bounded before anything is parsed:

* only a regular file is opened (a FIFO, ``/dev/zero``, a socket or a directory is refused
  from its ``stat``, so nothing blocks or streams for ever);
* gzip is decompressed as a stream and stops at :data:`MAX_JSON_BYTES` of output (a gzip
  "bomb" of gigabytes of zeros costs at most that much memory), after at most
  :data:`MAX_FILE_BYTES` of compressed input;
* JSON nesting deeper than :data:`MAX_JSON_DEPTH` is refused by a linear scan *before* the
  recursive parser runs, and a number longer than :data:`MAX_NUMBER_DIGITS` characters by the
  parser's number hooks.

For scale: the official ``RD_NCTS-P5.json.gz`` is 1.2 MB (13.9 MB of JSON, nested 5 deep,
no numbers) and ``COL-Generic-*.json.gz`` 0.1 MB (1.5 MB of JSON). Refusing a file over a
bound needs at most about three times :data:`MAX_JSON_BYTES` of memory; parsing a well-formed
payload about ten times its JSON size (the official one: ~125 MB).
"""

from __future__ import annotations

import functools
import itertools
import json
import operator
import os
import re
import stat
import zlib
from datetime import date
from pathlib import Path
from typing import IO, Any

from ncts5.codelists.errors import CodeListImportError

DATE_RE = re.compile(r"\d{4}-[01]\d-[0-3]\d")

_MiB = 1024 * 1024
#: The most JSON (plain, or decompressed from gzip) ncts5 reads from one file: 4.6 times the
#: official RD_NCTS-P5 payload (13.9 MB).
MAX_JSON_BYTES = 64 * _MiB
#: The most compressed bytes read from one gzip file (the official payload: 1.2 MB).
MAX_FILE_BYTES = 64 * _MiB
#: The deepest JSON nesting accepted (the official payloads nest 5 deep).
MAX_JSON_DEPTH = 64
#: The longest number accepted, in characters (the official payloads hold no number at all).
MAX_NUMBER_DIGITS = 40
#: The most gzip members in one file (the official payloads have one; bgzip writes one per 64 KiB).
MAX_GZIP_MEMBERS = 4096

_READ_CHUNK = 64 * 1024  # small: zlib copies the unread rest of its input at the end of each member
_OUTPUT_CHUNK = _MiB
_GZIP_MAGIC = b"\x1f\x8b"
_GZIP_WBITS = 16 + zlib.MAX_WBITS


class ShapeError(Exception):
    """A shape problem at a JSON path; turned into :class:`CodeListImportError` with the file name."""


# -- reading bytes -------------------------------------------------------------------------------


def _mib(n: int) -> str:
    return f"{n // _MiB} MiB"


def _not_regular(mode: int) -> str | None:
    """What a non-regular file is, in words; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "is a directory, expected a file"
    for test, what in (
        (stat.S_ISFIFO, "a FIFO (named pipe)"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    ):
        if test(mode):
            return f"is {what}, not a regular file: ncts5 reads reference data only from regular files"
    return "is not a regular file: ncts5 reads reference data only from regular files"


def open_regular(path: Path) -> IO[bytes]:
    """Open *path* for reading if, and only if, it is a regular file; never blocks.

    The type is judged from ``stat`` before opening (opening a FIFO would wait for a writer)
    and again from ``fstat`` after, in case the path was swapped in between; ``O_NONBLOCK``
    keeps that window from blocking too.
    """
    try:
        problem = _not_regular(os.stat(path).st_mode)
    except FileNotFoundError:
        raise CodeListImportError(path, "no such file") from None
    except OSError as exc:
        raise CodeListImportError(path, f"cannot read: {exc.strerror or exc}") from None
    if problem is not None:
        raise CodeListImportError(path, problem)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise CodeListImportError(path, f"cannot read: {exc.strerror or exc}") from None
    try:
        problem = _not_regular(os.fstat(fd).st_mode)
        if problem is not None:
            raise CodeListImportError(path, problem)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_bytes(path: Path) -> bytes:
    """The file's bytes, gunzipped when they start with the gzip magic number (so any name works).

    Bounded: at most :data:`MAX_JSON_BYTES` are returned, whatever the file or its compression.
    """
    with open_regular(path) as fh:
        try:
            magic = fh.read(2)
            if magic == _GZIP_MAGIC:
                return _gunzip(path, fh, magic)
            raw = magic + fh.read(MAX_JSON_BYTES - len(magic))
            if fh.read(1):
                raise CodeListImportError(
                    path, f"larger than {_mib(MAX_JSON_BYTES)}, the most ncts5 reads from a reference data file"
                )
            return raw
        except OSError as exc:
            raise CodeListImportError(path, f"cannot read: {exc.strerror or exc}") from None


def _gunzip(path: Path, fh: IO[bytes], head: bytes) -> bytes:
    """Decompress a gzip stream (one or more members) from *fh*, refusing more than the bounds."""
    pieces: list[bytes] = []
    total = 0
    read = len(head)
    members = 1
    pending = head
    inflater = zlib.decompressobj(_GZIP_WBITS)
    try:
        while True:
            if not pending:
                pending = fh.read(_READ_CHUNK)
                read += len(pending)
                if read > MAX_FILE_BYTES:
                    raise CodeListImportError(
                        path, f"larger than {_mib(MAX_FILE_BYTES)} compressed, the most ncts5 reads from a gzip file"
                    )
                if not pending:
                    break
            if inflater.eof:
                if pending[:1] == b"\0" and not pending.strip(b"\0"):
                    pending = b""  # zero padding after the last member, as gzip tolerates
                    continue
                members += 1
                if members > MAX_GZIP_MEMBERS:
                    raise CodeListImportError(
                        path, f"more than {MAX_GZIP_MEMBERS} gzip members: not a reference data file"
                    )
                inflater = zlib.decompressobj(_GZIP_WBITS)
            piece = inflater.decompress(pending, _OUTPUT_CHUNK)
            pending = inflater.unused_data if inflater.eof else inflater.unconsumed_tail
            total += len(piece)
            if total > MAX_JSON_BYTES:
                raise CodeListImportError(
                    path,
                    f"decompresses to more than {_mib(MAX_JSON_BYTES)}, the most ncts5 reads from a reference data "
                    "file (the official RD_NCTS-P5 payload is 14 MB): refused as a likely gzip bomb",
                )
            pieces.append(piece)
        pieces.append(inflater.flush())  # input is exhausted: at most a few hundred bytes remain inside
    except zlib.error as exc:
        raise CodeListImportError(path, f"not a valid gzip file ({exc})") from None
    if not inflater.eof:
        raise CodeListImportError(path, "not a valid gzip file (the compressed data ends early: truncated?)")
    return b"".join(pieces)


def decode_text(raw: bytes, path: Path) -> str:
    """*raw* as UTF-8 text (a byte order mark is tolerated: spreadsheets write one)."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CodeListImportError(path, f"not UTF-8 text (byte {exc.start})") from None


def read_text(path: Path) -> str:
    """The file as UTF-8 text, bounded as :func:`read_bytes` is."""
    return decode_text(read_bytes(path), path)


# -- parsing JSON safely -------------------------------------------------------------------------

# The bytes that matter to nesting: brackets, and what delimits strings (a quote; a backslash
# with the characters an escape can start with, so that an escaped quote is not taken for an end).
_ESCAPES_KEPT = b'[]{}"\\/bfnrtu'
_DROP_TEXT = bytes(b for b in range(256) if b not in _ESCAPES_KEPT)
_DROP_LETTERS = bytes(b for b in range(256) if b not in b'[]{}"')
_DROP_QUOTES = bytes(b for b in range(256) if b not in b"[]{}")
_STRING = re.compile(rb'"[^"]*"')
_DEPTH_STEP = bytes.maketrans(b"[{]}", b"\x02\x02\x00\x00")  # 2 - 1 for an opener, 0 - 1 for a closer


def check_depth(raw: bytes, path: Path, limit: int = MAX_JSON_DEPTH) -> None:
    """Refuse JSON nested deeper than *limit*, before a recursive parser sees it.

    Linear, and in C but for the last step (0.05 s for the official payload): keep only the
    structural bytes, drop escapes and then strings, and follow the depth through the brackets
    left. Brackets left unclosed (a truncated file) count as nesting too, so that the parser
    never recurses past *limit* even on its way to a syntax error. Invalid JSON may be scanned
    wrongly after its first error, but the parser stops at that error.
    """
    # At most three copies of the input at once: the input, the structure, one step of work
    # (hence one step per statement: a chained call would keep the step before alive too).
    if b"\\" in raw:
        structure = raw.translate(None, _DROP_TEXT)
        # Backslashes pair from the left: drop escaped backslashes, then escaped quotes.
        structure = structure.replace(b"\\\\", b"")
        structure = structure.replace(b'\\"', b"")
        structure = structure.translate(None, _DROP_LETTERS)
    else:
        structure = raw.translate(None, _DROP_LETTERS)
    # Dropping two adjacent quotes keeps every other byte's side of the string boundaries:
    # this removes, in C, every string without brackets; the regex sees only the few left.
    structure = structure.replace(b'""', b"")
    if b'"' in structure:
        structure = _STRING.sub(b"", structure)
        structure = structure.translate(None, _DROP_QUOTES)
    if _deeper_than(structure, limit):
        raise CodeListImportError(
            path, f"not a reference data file: JSON nested more than {limit} levels deep (the official payload: 5)"
        )


def _deeper_than(brackets: bytes, limit: int) -> bool:
    """Whether the depth ever exceeds *limit* along a string of brackets; stops as soon as it does."""
    if len(brackets) <= limit:
        return False
    depth = 0
    for start in range(0, len(brackets), _OUTPUT_CHUNK):
        steps = brackets[start : start + _OUTPUT_CHUNK].translate(_DEPTH_STEP)
        # The depth after the i-th bracket of the chunk: depth + (sum of the first i steps) - i.
        peak = max(map(operator.sub, itertools.accumulate(steps), itertools.count(1)))
        if depth + peak > limit:
            return True
        depth += sum(steps) - len(steps)
    return False


class _NumberTooLong(ValueError):
    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.length = len(text)


def _int(text: str) -> int:
    if len(text) > MAX_NUMBER_DIGITS:
        raise _NumberTooLong(text)
    return int(text)


def _float(text: str) -> float:
    if len(text) > MAX_NUMBER_DIGITS:
        raise _NumberTooLong(text)
    return float(text)


def parse_json(raw: bytes, path: Path) -> Any:
    """*raw* parsed as JSON within the bounds; every failure is a :class:`CodeListImportError`."""
    check_depth(raw, path)
    text = decode_text(raw, path)
    del raw
    if not text.strip():
        raise CodeListImportError(path, "empty file")
    try:
        return json.loads(text, parse_int=_int, parse_float=_float)
    except _NumberTooLong as exc:
        raise CodeListImportError(
            path,
            f"not a reference data file: a number of {exc.length} characters (more than {MAX_NUMBER_DIGITS})",
        ) from None
    except json.JSONDecodeError as exc:
        raise CodeListImportError(path, f"not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from None
    except RecursionError:  # pragma: no cover - check_depth refuses such nesting first
        raise CodeListImportError(path, "not a reference data file: JSON nested too deeply") from None


def read_json(path: Path) -> Any:
    """The file parsed as JSON; every failure is a :class:`CodeListImportError` naming the file."""
    return parse_json(read_bytes(path), path)


# -- shape helpers -------------------------------------------------------------------------------


def obj(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ShapeError(f"{where}: expected an object, got {kind(value)}")
    return value


def arr(value: Any, where: str) -> list[Any]:
    if not isinstance(value, list):
        raise ShapeError(f"{where}: expected an array, got {kind(value)}")
    return value


def string(
    container: dict[str, Any],
    key: str,
    where: str,
    *,
    required: bool = True,
    min_len: int = 0,
    max_len: int | None = None,
) -> str | None:
    if key not in container:
        if required:
            raise ShapeError(f"{where}: required property {key!r} is missing")
        return None
    value = container[key]
    if not isinstance(value, str):
        raise ShapeError(f"{where}.{key}: expected a string, got {kind(value)}")
    if len(value) < min_len:
        raise ShapeError(f"{where}.{key}: must not be empty")
    if max_len is not None and len(value) > max_len:
        raise ShapeError(f"{where}.{key}: longer than {max_len} characters")
    return value


def required(container: dict[str, Any], key: str, where: str, *, min_len: int = 0, max_len: int | None = None) -> str:
    """A required string property (typed as such, unlike :func:`string`)."""
    value = string(container, key, where, min_len=min_len, max_len=max_len)
    if value is None:  # pragma: no cover - string raises for a missing required property
        raise ShapeError(f"{where}: required property {key!r} is missing")
    return value


def date_field(container: dict[str, Any], key: str, where: str, *, required: bool = True) -> date | None:
    value = string(container, key, where, required=required)
    if value is None:
        return None
    parsed = parse_date(value)
    if parsed is None:
        raise ShapeError(f"{where}.{key}: expected a YYYY-MM-DD date, got {value!r}")
    if parsed is NOT_A_DATE:
        raise ShapeError(f"{where}.{key}: not a calendar date: {value!r}")
    return parsed


NOT_A_DATE = date.min


@functools.lru_cache(maxsize=4096)
def parse_date(value: str) -> date | None:
    """The date in *value*; None without a date pattern, ``NOT_A_DATE`` for e.g. 2025-02-30.

    Cached: a payload of 160,000 entries holds a few hundred distinct dates.
    """
    match = DATE_RE.search(value)  # CTCUP06 patterns are unanchored, as JSON Schema patterns are
    if not match:
        return None
    try:
        return date.fromisoformat(match.group(0))
    except ValueError:
        return NOT_A_DATE


def kind(value: Any) -> str:
    return {dict: "an object", list: "an array", str: "a string", bool: "a boolean", type(None): "null"}.get(
        type(value), "a number"
    )
