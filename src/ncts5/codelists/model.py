"""Value types of the code list API: an entry, a list, and the outcome of checking one value.

A :class:`CodeList` indexes its entries once when it is built, so that membership is a set
lookup even for the 100,000-entry UN/LOCODE list: the rule engine checks every coded field
of every declaration and must not pay for the size of a list.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

Status = Literal["valid", "invalid", "not-checked"]
Source = Literal["packaged", "imported"]

#: Lists with at most this many active codes report them in :attr:`CheckResult.allowed`,
#: so that a finding can say what would have been accepted.
SHORT_LIST = 30

_Period = tuple[date | None, date | None]


@dataclass(frozen=True, slots=True)
class Entry:
    """One code of a list, with the period in which customs accept it (None = open-ended)."""

    code: str
    description: str = ""
    active_from: date | None = None
    active_to: date | None = None

    def is_active(self, on: date) -> bool:
        """True when *on* falls inside the entry's validity period (both ends included)."""
        return (self.active_from is None or self.active_from <= on) and (self.active_to is None or on <= self.active_to)


@dataclass(frozen=True, slots=True)
class CodeList:
    """A code list as it is in force: where it came from, as of when, and its entries.

    ``source`` is ``"packaged"`` (shipped with ncts5) or ``"imported"`` (official or user
    reference data stored in the data directory); ``origin`` says in words where the values
    come from. ``complete`` is False for a packaged list written from a source that names only
    some codes: a value missing from such a list is *not checked* rather than *invalid*, so
    that ncts5 never rejects a code it merely does not know.
    """

    id: str
    name: str
    source: Source
    origin: str
    snapshot_date: date
    entries: tuple[Entry, ...]
    complete: bool = True
    _undated: frozenset[str] = field(init=False, repr=False, compare=False)
    _dated: dict[str, tuple[_Period, ...]] = field(init=False, repr=False, compare=False)
    _all: frozenset[str] = field(init=False, repr=False, compare=False)
    _by_date: dict[date, frozenset[str]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        undated: set[str] = set()
        dated: dict[str, list[_Period]] = {}
        for entry in self.entries:
            if entry.active_from is None and entry.active_to is None:
                undated.add(entry.code)
            else:
                dated.setdefault(entry.code, []).append((entry.active_from, entry.active_to))
        for code in undated:
            dated.pop(code, None)  # an open-ended entry makes the code's other periods moot
        object.__setattr__(self, "_undated", frozenset(undated))
        object.__setattr__(self, "_dated", {code: tuple(periods) for code, periods in dated.items()})
        object.__setattr__(self, "_all", frozenset(undated | dated.keys()))
        object.__setattr__(self, "_by_date", {})

    def __repr__(self) -> str:
        return (
            f"CodeList(id={self.id!r}, name={self.name!r}, source={self.source!r}, "
            f"snapshot_date={self.snapshot_date.isoformat()!r}, entries={len(self.entries)}, complete={self.complete})"
        )

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries)

    def __contains__(self, code: object) -> bool:
        """True when *code* is active today."""
        return isinstance(code, str) and self.is_valid(code)

    def is_valid(self, code: str, on: date | None = None) -> bool:
        """True when *code* is in the list and active on *on* (default: today)."""
        if code in self._undated:
            return True
        periods = self._dated.get(code)
        if not periods:
            return False
        day = on or date.today()
        return any((start is None or start <= day) and (end is None or day <= end) for start, end in periods)

    def knows(self, code: str) -> bool:
        """True when *code* appears in the list at all, active or not on any date."""
        return code in self._all

    def codes(self, on: date | None = None) -> frozenset[str]:
        """The codes active on *on* (default: today)."""
        if not self._dated:
            return self._all
        day = on or date.today()
        cached = self._by_date.get(day)
        if cached is None:
            cached = self._undated | {code for code in self._dated if self.is_valid(code, day)}
            if len(self._by_date) > 16:
                self._by_date.clear()
            self._by_date[day] = cached
        return cached

    def active_codes_in_order(self, on: date | None = None) -> tuple[str, ...]:
        """Active codes in list order, each once: how a short list is shown to a user."""
        active = self.codes(on)
        seen: dict[str, None] = {}
        for entry in self.entries:
            if entry.code in active:
                seen.setdefault(entry.code, None)
        return tuple(seen)

    def entries_for(self, code: str) -> tuple[Entry, ...]:
        """Every entry carrying *code* (several when a code has several validity periods)."""
        return tuple(entry for entry in self.entries if entry.code == code)

    def description(self, code: str) -> str | None:
        """The description of *code*, or None when the list does not hold it."""
        for entry in self.entries:
            if entry.code == code:
                return entry.description
        return None


@dataclass(frozen=True, slots=True)
class CheckResult:
    """The outcome of checking one value against one list.

    ``status`` is ``"valid"``, ``"invalid"`` or ``"not-checked"`` (no data to decide:
    the list is neither packaged nor imported, or the packaged list is known to be partial).
    ``allowed`` holds the active codes of a short list (at most :data:`SHORT_LIST`) when the
    value is invalid, so that a finding can say what to use instead.
    """

    list_id: str
    value: str
    status: Status
    reason: str
    allowed: tuple[str, ...] | None = None
    list_name: str | None = None
    source: Source | None = None
    snapshot_date: date | None = None

    @property
    def ok(self) -> bool:
        """False only for ``invalid``: a not-checked value is not an error of the declaration."""
        return self.status != "invalid"
