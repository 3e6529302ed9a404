"""What validation returns: findings shaped like customs' own IE056 rejections."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Severity = Literal["error", "warning"]

#: IE056 functional error codes (CL217 is not it: this is the FunctionalErrorCodes list)
#: that ncts5 uses, so a caller can map findings the way customs would.
ERROR_CODES: dict[int, str] = {
    12: "codelist value not valid",
    13: "missing (condition)",
    14: "rule violated",
    15: "not supported in this position (condition)",
    26: "duplicate detected",
    50: "transitional constraint",
    90: "unknown or not valid message",
}


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem in a message.

    ``rule`` is the official DDNTA id (``R0849``, ``C0086``...), a code list id
    (``CL251``) for a value outside its list, ``SCHEMA`` for a schema problem, ``PARSE`` for
    unreadable input, or ``PHASE`` for a transition phase asked of a Phase 6 message.  ``line``
    and ``column`` (1-based) place it in the source file when the message was read from XML: the
    line of the element the path
    names (of its nearest existing ancestor for a missing element); ``column`` is known
    only where the parser or the official schema reports one.
    """

    rule: str
    severity: Severity
    path: str
    data_element: str | None
    message: str
    error_code: int | None = None
    value: str | None = None
    # Where in the source file, not what is wrong where in the message: the same finding read from
    # a model and from its XML compares equal.
    line: int | None = field(default=None, compare=False)
    column: int | None = field(default=None, compare=False)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def __str__(self) -> str:
        de = f" [{self.data_element}]" if self.data_element else ""
        return f"{self.path}{de}: {self.rule} {self.message}"


@dataclass(frozen=True, slots=True)
class NotChecked:
    """A rule ncts5 could not decide offline, and why (never reported as passing)."""

    rule: str
    reason: str
    path: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Report:
    """The result of :func:`ncts5.validate`: every finding, in a deterministic order."""

    message: str | None
    findings: list[Finding] = field(default_factory=list)
    not_checked: list[NotChecked] = field(default_factory=list)
    phase: str = "final"
    source: str | None = None
    release: str = "5"
    """The NCTS release the message was read under: ``"5"`` or ``"6"``."""

    @property
    def ok(self) -> bool:
        """True when there is no error finding (warnings do not make a message invalid)."""
        return not any(f.severity == "error" for f in self.findings)

    @property
    def complete(self) -> bool:
        """True when every rule and code list was decided: nothing is listed as not checked."""
        return not self.not_checked

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "warning"]

    def __iter__(self) -> Iterator[Finding]:
        return iter(self.findings)

    def rules(self) -> set[str]:
        """The ids of every finding, e.g. ``{"R0849", "CL251"}``."""
        return {f.rule for f in self.findings}

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.source,
            "message": self.message,
            "valid": self.ok,
            "complete": self.complete,
            "phase": self.phase,
            "release": self.release,
            "findings": [f.to_dict() for f in self.findings],
            "not_checked": [n.to_dict() for n in self.not_checked],
        }
