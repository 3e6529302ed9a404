"""Explaining a code list to a person, and telling them when the reference data is getting old.

``ncts5 explain CL017`` and ``ncts5 codelists status`` read this module: what a list is, which
fields of which messages use it (from the generated field metadata, the one place that says so),
where its values come from, as of when, and how many there are. Reference data changes (codes
are added, offices close), so a verdict given with old data may not be the verdict customs give
today: :func:`staleness` says how old the data in use is and whether that passes a threshold.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date
from functools import cache

from ncts5.codelists import packaged
from ncts5.codelists.catalogue import MESSAGE_LIST_IDS, NAMES, OFFICE_LISTS, import_hint
from ncts5.codelists.registry import DEFAULT, ListStatus, Registry
from ncts5.messages.catalogue import CATALOGUE
from ncts5.messages.meta import XmlModel

#: Reference data older than this many days is reported as stale (the NCTS authorities publish
#: changes continually and advise a daily refresh; three months is the point where an old verdict
#: is more likely wrong than right for offices and the larger lists).
DEFAULT_MAX_AGE_DAYS = 90

UPDATE_COMMAND = "ncts5 codelists import RD_NCTS-P5.json.gz && ncts5 codelists import COL-Generic-YYYYMMDD.json.gz"


@dataclass(frozen=True, slots=True)
class Usage:
    """One field of a message that takes its values from a list."""

    message: str
    path: str
    data_element: str | None
    description: str
    releases: tuple[str, ...] = ("5",)
    """The NCTS releases whose message has this field with this list (``("5", "6")`` mostly)."""


@cache
def usages(list_id: str) -> tuple[Usage, ...]:
    """Every field of every supported message, in both releases, whose values come from *list_id*.

    In document order (Phase 5's, then places only Phase 6 has); a field both releases have is one
    entry naming both.
    """
    found: dict[tuple[str, str], Usage] = {}

    def walk(model: type[XmlModel], message: str, path: str, release: str) -> None:
        for child in model.__xml_children__:
            here = f"{path}/@{child.xml_name}" if child.item.attribute else f"{path}/{child.xml_name}"
            if child.model is not None:
                walk(child.model, message, here, release)
            elif child.item.codelist == list_id:
                key = (message, here)
                seen = found.get(key)
                if seen is None:
                    found[key] = Usage(message, here, child.item.data_element, child.item.description, (release,))
                else:
                    found[key] = replace(seen, releases=(*seen.releases, release))

    for message in CATALOGUE:
        walk(message.model(), message.root_name, f"/{message.root_name}", message.release)
    return tuple(found.values())


@dataclass(frozen=True, slots=True)
class Staleness:
    """How old the reference data in use is, judged on *today*."""

    snapshot_date: date | None
    today: date
    max_age_days: int
    oldest: tuple[str, ...]

    @property
    def age_days(self) -> int | None:
        return None if self.snapshot_date is None else (self.today - self.snapshot_date).days

    @property
    def stale(self) -> bool:
        return self.age_days is not None and self.age_days > self.max_age_days

    def warning(self) -> str | None:
        """One line for people when the data is stale, naming the update command; None otherwise."""
        if not self.stale:
            return None
        lists = ", ".join(self.oldest[:5]) + (f" and {len(self.oldest) - 5} more" if len(self.oldest) > 5 else "")
        return (
            f"warning: the reference data in use is {self.age_days} days old (snapshot {self.snapshot_date}; "
            f"{lists}), older than {self.max_age_days} days: codes and customs offices may have changed since; "
            f"update it with `{UPDATE_COMMAND}`"
        )


def staleness(
    registry: Registry | None = None, *, today: date | None = None, max_age_days: int = DEFAULT_MAX_AGE_DAYS
) -> Staleness:
    """How old the official reference data in force for the message lists is (hand-written lists aside)."""
    rows = [row for row in (registry or DEFAULT).status(MESSAGE_LIST_IDS) if _is_reference_data(row)]
    dated = [row for row in rows if row.snapshot_date is not None]
    oldest_date = min((row.snapshot_date for row in dated if row.snapshot_date), default=None)
    oldest = tuple(row.id for row in dated if row.snapshot_date == oldest_date)
    return Staleness(oldest_date, today or date.today(), max_age_days, oldest)


def _is_reference_data(row: ListStatus) -> bool:
    """Lists whose values come from an official payload or an import (not the ones ncts5 writes itself)."""
    return row.status == "imported" or (row.status == "packaged" and row.id in _official_or_office())


def _official_or_office() -> frozenset[str]:
    return packaged.official_ids() | (frozenset(OFFICE_LISTS) if packaged.has_offices() else frozenset())


def explain_lines(list_id: str, registry: Registry | None = None, *, today: date | None = None) -> Iterator[str]:
    """What ``ncts5 explain CLnnn`` prints: the list, its use, its source and date, its size."""
    registry = registry or DEFAULT
    (row,) = registry.status((list_id,))
    yield f"{list_id} {NAMES[list_id]}: code list"
    description = packaged.description(list_id)
    if description:
        yield f"  {description}"
    role = OFFICE_LISTS.get(list_id)
    if role is not None:
        yield f"  the customs offices holding the role {role} in the customs office list (COL)"
    elif list_id == "CL141":
        yield "  every customs office in the customs office list (COL)"
    found = usages(list_id)
    if found:
        yield "used by:"
        for use in found:
            de = f"{use.data_element} " if use.data_element else ""
            where = "Phase 5 and 6" if len(use.releases) == 2 else f"Phase {use.releases[0]} only"
            yield f"  {use.message} {use.path}  {de}{use.description} ({where})"
    else:
        yield "used by: no field of the supported messages (rules may use it)"
    yield "a value outside the list is rejected by customs with IE056 error code 12 (codelist value not valid)"
    if row.status == "missing":
        yield "values: none: fields using it are reported as not checked"
        yield f"to check them: {import_hint(list_id)}"
        return
    partial = "" if row.complete is not False else " (partial: a code it lacks is not checked)"
    yield f"values: {row.status}{partial}, {row.entries} entries, snapshot {row.snapshot_date}"
    yield f"source: {row.source}"
    yield "releases: the same values serve Phase 5 and Phase 6 messages (the lists keep their numbers across releases)"
    if row.snapshot_date is not None:
        age = ((today or date.today()) - row.snapshot_date).days
        yield f"age: {age} days; to update: {import_hint(list_id)}"
    yield f"codes: `ncts5 codelists show {list_id}`"
