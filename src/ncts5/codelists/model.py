"""Value types of the code list API: an entry, a list, and the outcome of checking one value.

A :class:`CodeList` indexes its entries once when it is built, so that membership is a set
lookup even for the 100,000-entry UN/LOCODE list: the rule engine checks every coded field
of every declaration and must not pay for the size of a list.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal, cast

Status = Literal["valid", "invalid", "not-checked"]
Source = Literal["packaged", "imported"]

#: Lists with at most this many active codes report them in :attr:`CheckResult.allowed`,
#: so that a finding can say what would have been accepted.
SHORT_LIST = 30


@dataclass(frozen=True, slots=True)
class Entry:
    """One code of a list, with the dates that really bound its validity (None = open).

    Each date means one thing, because the official payload's ``activeFrom`` does not mean what
    its name suggests:

    * ``active_from`` / ``active_to``: the code is in force from / until that day (both
      included). Only a source that states a validity window sets them: the simple per-list
      format, or an explicit ``activeTo`` in an official payload.
    * ``withdrawn_from``: the official data lists the code with ``state: invalid`` in a version
      that starts that day: from then on customs reject it; before it, it was in the list.
    * ``version_from``: the official ``activeFrom`` of a valid entry, the start of the entry's
      *current version* (a changed description moves it), not the day the code came into
      existence. It is kept to be shown, and never makes an earlier declaration invalid.
    """

    code: str
    description: str = ""
    active_from: date | None = None
    active_to: date | None = None
    withdrawn_from: date | None = None
    version_from: date | None = None

    @property
    def dated(self) -> bool:
        """True when a date bounds the entry's validity (``version_from`` does not)."""
        return self.active_from is not None or self.active_to is not None or self.withdrawn_from is not None

    def is_active(self, on: date) -> bool:
        """True when *on* falls inside the entry's validity period (both ends included)."""
        return (
            (self.active_from is None or self.active_from <= on)
            and (self.active_to is None or on <= self.active_to)
            and (self.withdrawn_from is None or on < self.withdrawn_from)
        )

    def why_not_active(self, on: date) -> str | None:
        """Why the entry is not in force on *on*, with its dates; None when it is."""
        if self.withdrawn_from is not None and on >= self.withdrawn_from:
            return f"withdrawn from the list on {self.withdrawn_from} (state 'invalid' in the reference data)"
        if self.active_from is not None and on < self.active_from:
            return f"in force only from {self.active_from}"
        if self.active_to is not None and on > self.active_to:
            return f"in force only until {self.active_to}"
        return None


#: The fields of an entry in the order of :class:`Entry`, as the columns of a stored list.
COLUMNS = ("code", "description", "active_from", "active_to", "withdrawn_from", "version_from")
_DATE_COLUMNS = COLUMNS[2:]
_BOUNDS = ("active_from", "active_to", "withdrawn_from")  # version_from bounds nothing


class ColumnEntries(Sequence[Entry]):
    """Entries kept as the parallel columns of a stored list, turned into :class:`Entry` on access.

    The UN/LOCODE list has 100,000 entries: an object for each costs a good part of a second,
    while a declaration asks about a handful of codes. A :class:`CodeList` indexes the columns
    directly (:meth:`split`), so loading such a list costs a set of strings. ``columns`` maps a
    name of :data:`COLUMNS` to a list as long as ``code`` (a missing column: every value empty);
    dates are ISO strings. The caller has checked the columns' shape and types. ``more``, when
    given, loads further columns (a large list's descriptions, kept in a file of their own) the
    first time an entry is built: checking a code never needs them.
    """

    __slots__ = ("_columns", "_more", "_size")

    def __init__(
        self, columns: dict[str, list[str | None]], more: Callable[[], dict[str, list[str | None]]] | None = None
    ) -> None:
        self._columns = columns
        self._more = more
        self._size = len(columns["code"])

    def __len__(self) -> int:
        return self._size

    def _entry(self, i: int) -> Entry:
        if self._more is not None:
            more, self._more = self._more, None
            self._columns = {**more(), **self._columns}
        get = self._columns.get
        values = [(column[i] if (column := get(name)) is not None else None) for name in _DATE_COLUMNS]
        start, end, withdrawn, version = (date.fromisoformat(v) if v else None for v in values)
        description = get("description")
        return Entry(str(self._columns["code"][i]), (description[i] if description else None) or "",
                     start, end, withdrawn, version)  # fmt: skip

    def __getitem__(self, index: int | slice) -> Any:
        if isinstance(index, slice):
            return tuple(self._entry(i) for i in range(self._size)[index])
        return self._entry(range(self._size)[index])

    def __iter__(self) -> Iterator[Entry]:
        return (self._entry(i) for i in range(self._size))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and len(self) == len(other) and tuple(self) == tuple(other)

    def __hash__(self) -> int:
        return hash(tuple(self))

    def split(self) -> tuple[set[str], list[Entry]]:
        """The codes of entries no date bounds, and the bounded ones as entries (few: withdrawn or windowed)."""
        bounds = [column for name in _BOUNDS if (column := self._columns.get(name)) is not None]
        codes = cast(list[str], self._columns["code"])  # checked non-empty strings when decoded
        if not any(any(column) for column in bounds):
            return set(codes), []  # the common case: one set of strings
        bounded = [i for i in range(self._size) if any(column[i] for column in bounds)]
        skip = set(bounded)
        return {codes[i] for i in range(self._size) if i not in skip}, [self._entry(i) for i in bounded]


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
    entries: Sequence[Entry]
    complete: bool = True
    _undated: frozenset[str] = field(init=False, repr=False, compare=False)
    _dated: dict[str, tuple[Entry, ...]] = field(init=False, repr=False, compare=False)
    _all: frozenset[str] = field(init=False, repr=False, compare=False)
    _by_date: dict[date, frozenset[str]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        undated: set[str] = set()
        dated: dict[str, list[Entry]] = {}
        if isinstance(self.entries, ColumnEntries):
            undated, with_dates = self.entries.split()
        else:
            with_dates = []
            for entry in self.entries:
                if entry.dated:
                    with_dates.append(entry)
                else:
                    undated.add(entry.code)
        for entry in with_dates:
            dated.setdefault(entry.code, []).append(entry)
        for code in dated.keys() & undated:
            del dated[code]  # an open-ended entry makes the code's other periods moot
        frozen = frozenset(undated)
        object.__setattr__(self, "_undated", frozen)
        object.__setattr__(self, "_dated", {code: tuple(entries) for code, entries in dated.items()})
        object.__setattr__(self, "_all", frozen | dated.keys() if dated else frozen)
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
        dated = self._dated.get(code)
        if not dated:
            return False
        day = on or date.today()
        return any(entry.is_active(day) for entry in dated)

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

    def why_not_active(self, code: str, on: date) -> str:
        """Why *code*, which the list holds, is not in force on *on*: every entry's dates."""
        reasons = [entry.why_not_active(on) for entry in self.entries_for(code)]
        return "; ".join(dict.fromkeys(r for r in reasons if r)) or "not in force"

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
    value is invalid, so that a finding can say what to use instead. ``detail`` says why a value
    the list does hold is refused: its dates (withdrawn, not yet or no longer in force on the
    decisive date) or, for a customs office, the role it lacks; None for a value the list lacks.
    """

    list_id: str
    value: str
    status: Status
    reason: str
    allowed: tuple[str, ...] | None = None
    list_name: str | None = None
    source: Source | None = None
    snapshot_date: date | None = None
    detail: str | None = None

    @property
    def ok(self) -> bool:
        """False only for ``invalid``: a not-checked value is not an error of the declaration."""
        return self.status != "invalid"
