"""The one exception family of ncts5.

Callers catch :class:`NCTSError` to handle anything this library refuses; the
subclasses say *why* so that a CLI or a service can map them to exit codes or
HTTP statuses without parsing message strings.
"""

from __future__ import annotations

from dataclasses import dataclass


class NCTSError(Exception):
    """Base class of every error ncts5 raises on purpose."""


class ParseError(NCTSError):
    """The input is not a readable NCTS message (not XML, hostile, wrong root, empty...)."""

    def __init__(
        self, message: str, *, source: str | None = None, line: int | None = None, column: int | None = None
    ) -> None:
        self.source = source
        self.line = line
        self.column = column
        where = ""
        if source:
            where = f"{source}:"
            if line:
                where += f"{line}:"
            where += " "
        super().__init__(f"{where}{message}")
        self.reason = message


@dataclass(frozen=True, slots=True)
class SchemaProblem:
    """One place where a message breaks schema 51.8.6."""

    path: str
    message: str
    data_element: str | None = None
    value: str | None = None

    def __str__(self) -> str:
        de = f" [{self.data_element}]" if self.data_element else ""
        return f"{self.path}{de}: {self.message}"


class SchemaError(NCTSError):
    """The message breaks the schema; :attr:`problems` lists every problem, not the first."""

    def __init__(self, problems: list[SchemaProblem], *, source: str | None = None) -> None:
        self.problems = problems
        self.source = source
        head = f"{source}: " if source else ""
        lines = "\n".join(f"  {p}" for p in problems)
        super().__init__(f"{head}{len(problems)} schema problem(s):\n{lines}")
