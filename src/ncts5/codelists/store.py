"""Where imported code lists live on disk, and how they are written and read without ever breaking.

Layout of ``<data dir>/codelists/``::

    manifest.json          the table of contents: for each imported list its file, origin, date,
                           entry count, size and sha256; the same for the customs office list
    CL231-<token>.json     one compact JSON file per list (loaded only when asked for)
    offices-<token>.json   the customs office list, source of CL141 and CL171-CL177
    import.lock            held while an import writes (it holds the importer's pid)

**Imports** are serialised by ``import.lock`` (``fcntl.flock`` on POSIX, ``msvcrt.locking`` on
Windows). An import parses and checks its file first, without the lock; then, holding it,
reads the current manifest, writes the new list files under a fresh token (a *generation*),
and replaces ``manifest.json`` in one ``os.replace``: a reader sees the old complete set or the
new complete set, never a mix, and two imports never write a manifest derived from a stale one.
An import that cannot get the lock within :data:`LOCK_TIMEOUT` seconds gives up with the
holder's pid and changes nothing.

**Files a reader may still use are not deleted under it.** An import keeps the files of the
manifest it replaced (the previous generation) and deletes only older ones, together with
whatever killed imports left (temporary files, files no manifest names) — only names ncts5
itself gives. A reader that still finds a file gone (it read a manifest two imports ago)
re-reads the manifest and reloads its whole view; see :class:`~ncts5.codelists.registry.Registry`.

**Every file is checked against the manifest** when it is read: size and sha256 of its bytes,
then the list id and entry count inside. A file that fails is *damaged*: that list is not
available, with the repair command, and nothing else is affected. A manifest that cannot be
read makes every list damaged (the user imported data; falling back silently to the packaged
lists would hide that). A manifest written by an earlier ncts5 (format 1, without checksums)
counts as damaged too: import the reference data again.

The data directory is, in order: the ``data_dir`` argument, ``$NCTS5_DATA_DIR``, then the
platform's per-user data folder (``$XDG_DATA_HOME/ncts5`` or ``~/.local/share/ncts5`` on
Linux, ``~/Library/Application Support/ncts5`` on macOS, ``%LOCALAPPDATA%\\ncts5`` on Windows).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import stat
import sys
import time
import uuid
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import IO, Any

from ncts5.codelists.codec import DecodeError, decode, encode
from ncts5.codelists.errors import CodeListStoreError
from ncts5.codelists.model import CodeList
from ncts5.codelists.offices import OfficeIndex, decode_offices, encode_offices

ENV_VAR = "NCTS5_DATA_DIR"
APP_NAME = "ncts5"
SUBDIR = "codelists"
MANIFEST = "manifest.json"
LOCK_FILE = "import.lock"
FORMAT = 2
#: How long an import waits for another one to finish before giving up, in seconds.
LOCK_TIMEOUT = 60.0
#: A manifest is a few kilobytes (15 KB with every official list); more is not one.
MAX_MANIFEST_BYTES = 4 * 1024 * 1024

_TOKEN = r"[0-9a-f]{12}"
_OWN_FILE_RE = re.compile(rf"^(?:CL\d{{3}}|offices)-{_TOKEN}\.json$")
_TEMP_FILE_RE = re.compile(rf"^\.(?:manifest|(?:CL\d{{3}}|offices)-{_TOKEN})\.json\.[0-9a-f]{{8}}\.tmp$")
_SHA256_RE = re.compile(r"^[0-9a-f]{64}$")
_READ_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)

#: What identifies one version of ``manifest.json``: device, inode, mtime in ns, size.
Stamp = tuple[int, int, int, int]


def default_data_dir() -> Path:
    """The per-user data directory: ``$NCTS5_DATA_DIR`` if set, else the platform convention."""
    override = os.environ.get(ENV_VAR)
    if override:
        return Path(override).expanduser()
    home = Path.home()
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA")
        return (Path(base) if base else home / "AppData" / "Local") / APP_NAME
    if sys.platform == "darwin":
        return home / "Library" / "Application Support" / APP_NAME
    xdg = os.environ.get("XDG_DATA_HOME")
    # XDG says a relative XDG_DATA_HOME is invalid and must be ignored.
    base_dir = Path(xdg) if xdg and Path(xdg).is_absolute() else home / ".local" / "share"
    return base_dir / APP_NAME


def resolve_data_dir(data_dir: str | os.PathLike[str] | None) -> Path:
    """*data_dir* when given, else :func:`default_data_dir`."""
    return Path(data_dir).expanduser() if data_dir is not None else default_data_dir()


class StoredFileMissing(CodeListStoreError):
    """A file the manifest names is not there: damage, or a reader whose manifest is two imports old."""


class ImportLockTimeout(CodeListStoreError):
    """Another import held the lock for longer than the wait allowed."""

    def __init__(self, path: Path, holder: str, waited: float) -> None:
        self.holder = holder
        self.waited = waited
        super().__init__(path, f"another import is running (lock held by {holder}); waited {waited:g} s")


@dataclass(frozen=True, slots=True)
class StoredList:
    """What the manifest says about one imported list (enough to list it without loading it)."""

    id: str
    name: str
    origin: str
    snapshot_date: date
    entries: int
    complete: bool
    file: str
    size: int = 0
    sha256: str = ""
    command: str = ""  # the command that imported it: the repair when the file is damaged


@dataclass(frozen=True, slots=True)
class StoredOffices:
    """What the manifest says about the imported customs office list."""

    origin: str
    snapshot_date: date
    counts: Mapping[str, int]
    file: str
    entries: int = 0
    size: int = 0
    sha256: str = ""
    command: str = ""


@dataclass(frozen=True, slots=True)
class Manifest:
    """The table of contents of a data directory; ``generation`` is the token of the import that wrote it."""

    lists: Mapping[str, StoredList]
    offices: StoredOffices | None
    generation: str = ""

    def files(self) -> set[str]:
        """The names of every file this manifest refers to."""
        names = {s.file for s in self.lists.values()}
        if self.offices is not None:
            names.add(self.offices.file)
        return names

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "generation": self.generation,
            "lists": {
                s.id: {
                    "name": s.name,
                    "origin": s.origin,
                    "snapshot_date": s.snapshot_date.isoformat(),
                    "entries": s.entries,
                    "complete": s.complete,
                    "file": s.file,
                    "bytes": s.size,
                    "sha256": s.sha256,
                    "command": s.command,
                }
                for s in sorted(self.lists.values(), key=lambda s: s.id)
            },
            "offices": None
            if self.offices is None
            else {
                "origin": self.offices.origin,
                "snapshot_date": self.offices.snapshot_date.isoformat(),
                "counts": dict(self.offices.counts),
                "entries": self.offices.entries,
                "file": self.offices.file,
                "bytes": self.offices.size,
                "sha256": self.offices.sha256,
                "command": self.offices.command,
            },
        }

    @classmethod
    def from_json(cls, obj: Any) -> Manifest:
        """Read a format-2 manifest; raise :class:`DecodeError` (or a lookup error) when it is not one."""
        if isinstance(obj, dict) and obj.get("format") == 1:
            raise DecodeError("written by an earlier version of ncts5, without checksums")
        if not isinstance(obj, dict) or obj.get("format") != FORMAT:
            raise DecodeError(f"not a format-{FORMAT} manifest")
        lists = {}
        for list_id, v in obj["lists"].items():
            lists[list_id] = StoredList(
                id=list_id,
                name=str(v["name"]),
                origin=str(v["origin"]),
                snapshot_date=date.fromisoformat(v["snapshot_date"]),
                entries=_count(v["entries"], f"{list_id}.entries"),
                complete=bool(v["complete"]),
                file=_file_name(v["file"], list_id),
                size=_count(v["bytes"], f"{list_id}.bytes"),
                sha256=_sha256(v["sha256"], list_id),
                command=str(v["command"]),
            )
        raw = obj["offices"]
        offices = (
            None
            if raw is None
            else StoredOffices(
                origin=str(raw["origin"]),
                snapshot_date=date.fromisoformat(raw["snapshot_date"]),
                counts={str(k): _count(v, f"offices.counts.{k}") for k, v in raw["counts"].items()},
                entries=_count(raw["entries"], "offices.entries"),
                file=_file_name(raw["file"], "offices"),
                size=_count(raw["bytes"], "offices.bytes"),
                sha256=_sha256(raw["sha256"], "offices"),
                command=str(raw["command"]),
            )
        )
        return cls(lists=lists, offices=offices, generation=str(obj["generation"]))


def _count(value: Any, what: str) -> int:
    if type(value) is not int or value < 0:
        raise DecodeError(f"{what}: expected a count, got {value!r}")
    return value


def _file_name(value: Any, owner: str) -> str:
    # Only a name ncts5 gives, in the manifest's own directory: never a path to elsewhere.
    if not isinstance(value, str) or not _OWN_FILE_RE.match(value) or not value.startswith(f"{owner}-"):
        raise DecodeError(f"{owner}: {value!r} is not the name of a stored {owner} file")
    return value


def _sha256(value: Any, owner: str) -> str:
    if not isinstance(value, str) or not _SHA256_RE.match(value):
        raise DecodeError(f"{owner}: {value!r} is not a sha256 checksum")
    return value


EMPTY = Manifest(lists={}, offices=None)


def _stamp(st: os.stat_result) -> Stamp:
    return (st.st_dev, st.st_ino, st.st_mtime_ns, st.st_size)


def _open_regular(path: Path) -> IO[bytes]:
    """Open a stored file without ever blocking (a FIFO put in its place is refused, not waited on)."""
    fd = os.open(path, _READ_FLAGS)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise CodeListStoreError(path, f"{path.name} is not a regular file")
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


class Store:
    """Reads and writes the imported lists of one data directory."""

    def __init__(self, data_dir: str | os.PathLike[str] | None = None) -> None:
        self.data_dir = resolve_data_dir(data_dir)
        self.root = self.data_dir / SUBDIR

    # -- reading ---------------------------------------------------------------------------

    def stamp(self) -> Stamp | None:
        """The current manifest's :data:`Stamp` (one ``stat``), or None when there is none."""
        try:
            return _stamp(os.stat(self.root / MANIFEST))
        except OSError:
            return None

    def read_manifest(self) -> tuple[Manifest, Stamp | None]:
        """The manifest (empty when nothing was ever imported here) and the stamp of what was read.

        Raises :class:`CodeListStoreError` when the manifest is damaged.
        """
        path = self.root / MANIFEST
        try:
            with _open_regular(path) as fh:
                st = os.fstat(fh.fileno())
                data = fh.read(MAX_MANIFEST_BYTES + 1)
        except FileNotFoundError:
            return EMPTY, None
        except OSError as exc:
            raise CodeListStoreError(path, f"the manifest cannot be read ({exc.strerror or exc})") from exc
        if len(data) > MAX_MANIFEST_BYTES:
            raise CodeListStoreError(path, f"the manifest is damaged (larger than {MAX_MANIFEST_BYTES} bytes)")
        try:
            return Manifest.from_json(json.loads(data)), _stamp(st)
        except (ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
            reason = exc.args[0] if isinstance(exc, KeyError) and exc.args else exc
            what = f"missing {reason!r}" if isinstance(exc, KeyError) else str(reason)
            raise CodeListStoreError(path, f"the manifest is damaged ({what})") from exc

    def manifest(self) -> Manifest:
        """The manifest, or an empty one when nothing was ever imported here; raises when damaged."""
        return self.read_manifest()[0]

    def _read_verified(self, name: str, size: int, sha256: str) -> bytes:
        """The bytes of stored file *name*, if they are the ones the manifest recorded."""
        path = self.root / name
        try:
            with _open_regular(path) as fh:
                data = fh.read(size + 1)
        except FileNotFoundError:
            raise StoredFileMissing(path, f"{name} is missing") from None
        except OSError as exc:
            raise CodeListStoreError(path, f"{name} cannot be read ({exc.strerror or exc})") from exc
        if len(data) != size:
            found = f"more than {size}" if len(data) > size else str(len(data))
            raise CodeListStoreError(
                path, f"{name} is truncated or was replaced: {found} bytes, the manifest recorded {size}"
            )
        if hashlib.sha256(data).hexdigest() != sha256:
            raise CodeListStoreError(path, f"{name} was changed after it was imported (its sha256 differs)")
        return data

    def verify(self, stored: StoredList | StoredOffices) -> str | None:
        """What is wrong with a stored file (size, checksum), or None; never parses it."""
        try:
            self._read_verified(stored.file, stored.size, stored.sha256)
        except CodeListStoreError as exc:
            return exc.problem
        return None

    def load_list(self, stored: StoredList) -> CodeList:
        """Load one imported list named by the manifest; raise :class:`CodeListStoreError` if it fails its checks."""
        data = self._read_verified(stored.file, stored.size, stored.sha256)
        path = self.root / stored.file
        try:
            code_list = decode(json.loads(data), "imported")
        except (ValueError, RecursionError) as exc:  # DecodeError and JSONDecodeError are ValueErrors
            raise CodeListStoreError(path, f"{stored.file} is not a stored code list ({exc})") from exc
        if code_list.id != stored.id:
            raise CodeListStoreError(path, f"{stored.file} holds {code_list.id}, not {stored.id}")
        if len(code_list) != stored.entries:
            raise CodeListStoreError(
                path, f"{stored.file} holds {len(code_list)} entries, the manifest recorded {stored.entries}"
            )
        return code_list

    def load_offices(self, stored: StoredOffices) -> OfficeIndex:
        """Load the imported customs office list named by the manifest, checked as :meth:`load_list` is."""
        data = self._read_verified(stored.file, stored.size, stored.sha256)
        path = self.root / stored.file
        try:
            index = decode_offices(json.loads(data))
        except (ValueError, RecursionError) as exc:
            raise CodeListStoreError(path, f"{stored.file} is not a stored customs office list ({exc})") from exc
        if len(index.offices) != stored.entries:
            raise CodeListStoreError(
                path, f"{stored.file} holds {len(index.offices)} offices, the manifest recorded {stored.entries}"
            )
        return index

    # -- writing ---------------------------------------------------------------------------

    def commit(
        self,
        lists: Iterable[CodeList] = (),
        offices: OfficeIndex | None = None,
        *,
        command: str = "",
        lock_timeout: float | None = None,
    ) -> Manifest:
        """Store *lists* (replacing same-id lists) and *offices*, all or nothing; return the new manifest.

        *command* is recorded with each (``{id}`` replaced by the list id): the command that
        imports it again, which is the repair should its file be damaged.

        Holds the import lock throughout (waiting up to *lock_timeout*, default
        :data:`LOCK_TIMEOUT`, else :class:`ImportLockTimeout`). Raises :class:`OSError` when
        the directory is not writable; the previous state is then still the one in force.
        """
        self.root.mkdir(parents=True, exist_ok=True)
        with self.import_lock(LOCK_TIMEOUT if lock_timeout is None else lock_timeout):
            try:
                current = self.manifest()
            except CodeListStoreError:
                # The lists it named cannot be trusted: a good import starts afresh.
                current = EMPTY
            token = uuid.uuid4().hex[:12]
            written: list[Path] = []
            try:
                new_lists = dict(current.lists)
                for code_list in lists:
                    name = f"{code_list.id}-{token}.json"
                    size, digest = self._write(name, _dump(encode(code_list, compact=True)), written)
                    new_lists[code_list.id] = StoredList(
                        id=code_list.id,
                        name=code_list.name,
                        origin=code_list.origin,
                        snapshot_date=code_list.snapshot_date,
                        entries=len(code_list),
                        complete=code_list.complete,
                        file=name,
                        size=size,
                        sha256=digest,
                        command=command.replace("{id}", code_list.id),
                    )
                new_offices = current.offices
                if offices is not None:
                    name = f"offices-{token}.json"
                    size, digest = self._write(name, _dump(encode_offices(offices)), written)
                    new_offices = StoredOffices(
                        origin=offices.origin,
                        snapshot_date=offices.snapshot_date,
                        counts=offices.role_counts(),
                        entries=len(offices.offices),
                        file=name,
                        size=size,
                        sha256=digest,
                        command=command,
                    )
                manifest = Manifest(lists=new_lists, offices=new_offices, generation=token)
                self._write(MANIFEST, _dump(manifest.to_json()), None)
            except BaseException:
                for path in written:
                    with contextlib.suppress(OSError):
                        path.unlink()
                raise
            _sync_directory(self.root)
            # Keep the generation just replaced: a reader may be using it. The import is done
            # whatever happens here; what is left is collected next time.
            with contextlib.suppress(OSError):
                self.collect_garbage(keep=manifest.files() | current.files())
        return manifest

    def _write(self, name: str, data: bytes, written: list[Path] | None) -> tuple[int, str]:
        """Write *data* to ``root/name`` through a temporary file and an atomic rename; return size and sha256."""
        target = self.root / name
        tmp = self.root / f".{name}.{uuid.uuid4().hex[:8]}.tmp"
        try:
            with tmp.open("wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            _replace(tmp, target)
        except BaseException:
            with contextlib.suppress(OSError):
                tmp.unlink()
            raise
        if written is not None:
            written.append(target)
        return len(data), hashlib.sha256(data).hexdigest()

    def collect_garbage(self, keep: set[str]) -> list[str]:
        """Delete list files not in *keep* and temporary files; return the names deleted.

        Only names ncts5 itself gives are touched; call it holding the import lock, so that
        every temporary file found is a killed import's. A file that cannot be deleted (open
        by a reader on Windows) is left for the next import.
        """
        removed = []
        with os.scandir(self.root) as entries:
            for entry in entries:
                name = entry.name
                if name in keep or not (_OWN_FILE_RE.match(name) or _TEMP_FILE_RE.match(name)):
                    continue
                try:
                    os.unlink(entry.path)
                except OSError:
                    continue
                removed.append(name)
        return removed

    # -- the import lock -------------------------------------------------------------------

    @contextlib.contextmanager
    def import_lock(self, timeout: float = LOCK_TIMEOUT) -> Iterator[None]:
        """Hold ``import.lock`` (exclusive, between processes) for the duration of the block.

        Waits up to *timeout* seconds, then raises :class:`ImportLockTimeout` naming the pid
        written in the file by the holder. The lock dies with its holder: a killed import
        never leaves the directory locked.
        """
        self.root.mkdir(parents=True, exist_ok=True)
        path = self.root / LOCK_FILE
        fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o644)
        try:
            start = time.monotonic()
            delay = 0.005
            while not _try_lock(fd):
                waited = time.monotonic() - start
                if waited >= timeout:
                    raise ImportLockTimeout(path, _holder(path), round(waited, 1))
                time.sleep(min(delay, timeout - waited))
                delay = min(delay * 2, 0.2)
            try:
                os.ftruncate(fd, 0)
                os.lseek(fd, 0, os.SEEK_SET)
                os.write(fd, f"{os.getpid()}\n".encode("ascii"))
                yield
            finally:
                with contextlib.suppress(OSError):
                    os.ftruncate(fd, 0)
                _unlock(fd)
        finally:
            os.close(fd)


def _dump(obj: Any) -> bytes:
    # dumps, not dump: dump streams through the pure-Python encoder, 10x slower.
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _holder(path: Path) -> str:
    """Who holds the lock, from the pid its holder wrote: ``"pid 1234"`` (or a vaguer phrase)."""
    try:
        with _open_regular(path) as fh:
            text = fh.read(32).decode("ascii", "replace").strip()
    except (OSError, CodeListStoreError):
        text = ""
    return f"pid {text}" if text.isdigit() else "another process"


def _replace(source: Path, target: Path) -> None:
    """``os.replace``, retried briefly on Windows, where a reader holding *target* open blocks it."""
    for _ in range(50):
        try:
            os.replace(source, target)
            return
        except PermissionError:
            if sys.platform != "win32":
                raise
            time.sleep(0.02)
    os.replace(source, target)


def _sync_directory(path: Path) -> None:
    """Make the renames in *path* durable (POSIX); a no-op where directories cannot be opened."""
    if sys.platform == "win32":
        return
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


if sys.platform == "win32":
    import msvcrt

    # Lock one byte far past the pid, so that a waiting process can still read the pid.
    _LOCK_OFFSET = 1 << 20

    def _try_lock(fd: int) -> bool:
        os.lseek(fd, _LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, _LOCK_OFFSET, os.SEEK_SET)
        with contextlib.suppress(OSError):
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
