"""Errors of the code list API, all :class:`~ncts5.errors.NCTSError` so callers can catch one family."""

from __future__ import annotations

from pathlib import Path

from ncts5.errors import NCTSError


class UnknownCodeList(NCTSError, KeyError):
    """No code list has this id or name: a typo or a list the DDNTA does not define.

    A ``KeyError`` too, because ``get`` is a mapping lookup; ``str()`` gives the plain
    message rather than ``KeyError``'s quoted repr.
    """

    def __init__(self, key: str) -> None:
        self.key = key
        super().__init__(
            f"unknown code list {key!r}: use a DDNTA id such as 'CL231' or a list name such as 'DeclarationType'"
        )

    def __str__(self) -> str:
        return str(self.args[0])


class CodeListNotAvailable(NCTSError):
    """The list exists but ncts5 has no values for it: not packaged and never imported."""

    def __init__(self, list_id: str, name: str, hint: str) -> None:
        self.list_id = list_id
        self.name = name
        super().__init__(f"code list {list_id} {name} is not packaged with ncts5 and has not been imported: {hint}")


class CodeListImportError(NCTSError):
    """A file given to the importer is unreadable or not of the expected shape; nothing was stored."""

    def __init__(self, path: str | Path, problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{path}: {problem}")


class CodeListStoreError(NCTSError):
    """The data directory holds imported lists that cannot be read (edited or truncated by hand)."""

    def __init__(self, path: str | Path, problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{path}: {problem} (import the reference data again, or delete the directory)")


class CodeListDamaged(CodeListNotAvailable, CodeListStoreError):
    """The list's stored values failed their check against the manifest (or the manifest is damaged).

    Both a :class:`CodeListNotAvailable` (the list has no usable values: checking against it
    reports *not checked*) and a :class:`CodeListStoreError` (the data directory needs repair).
    A damaged imported list never falls back to the packaged one: the user asked for newer data.
    """

    def __init__(self, list_id: str, name: str, problem: str, repair: str, path: str | Path = "") -> None:
        self.list_id = list_id
        self.name = name
        self.problem = problem
        self.repair = repair
        self.path = str(path)
        NCTSError.__init__(self, f"code list {list_id} {name} is not available (damaged: {problem}); {repair}")
