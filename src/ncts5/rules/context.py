"""What a rule's check sees: the message, the phase, reference data, and paths.

Checks are small functions of a :class:`Context`.  They navigate the typed
models directly and report problems with :meth:`Context.violation`, naming the
model instance and the field; the context turns that into the XML path with
1-based indices and the field's data element number, so no check ever spells
a path or a number by hand.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar

from ncts5.messages.facets import to_text as _text
from ncts5.messages.message import Message
from ncts5.messages.meta import Child, Item, XmlModel
from ncts5.rules.options import Phase

if TYPE_CHECKING:
    from ncts5.codelists.model import CheckResult

#: The message a check reads: ``Context[CC015C]`` for an IE015 rule, ``Context[CC015C | CC170C]`` for both.
M = TypeVar("M", bound=Message, covariant=True)


class CodeLists(Protocol):
    """What the rules ask of the code lists; the :mod:`ncts5.codelists` module is one.

    The engine receives it as an argument, so a caller (or a rule example) can answer from other
    lists than the installed ones without touching any process-wide state.
    """

    def check(self, list_id: str, value: str, on: date | None = None) -> CheckResult: ...

    def office_has_role(self, reference_number: str, role: str, on: date | None = None) -> bool | None: ...


@dataclass(frozen=True, slots=True)
class Violation:
    """A check's report of one problem, before the engine adds the rule id and severity."""

    path: str
    data_element: str | None
    message: str
    error_code: int | None = None
    value: str | None = None


@dataclass(frozen=True, slots=True)
class Unchecked:
    """A check's report that it could not decide, and why."""

    reason: str
    path: str | None = None


Outcome = Violation | Unchecked
T = TypeVar("T", bound=XmlModel)
_ABSENT: Any = object()
Route = tuple[str, ...]


_FIELDS: dict[type[XmlModel], dict[str, Child]] = {}


def _fields(cls: type[XmlModel]) -> dict[str, Child]:
    """The XML children of ``cls`` by Python field name (built once per class)."""
    found = _FIELDS.get(cls)
    if found is None:
        found = _FIELDS[cls] = {c.field: c for c in reversed(cls.__xml_children__)}  # first wins, as in item()
    return found


def _item(cls: type[XmlModel], field: str) -> Item:
    child = _fields(cls).get(field)
    return child.item if child is not None else cls.item(field)  # unknown: item() raises its KeyError


@cache
def routes(root: type[XmlModel]) -> dict[type[XmlModel], tuple[Route, ...]]:
    """For every data group class below ``root``: the XML element names leading to it from the root.

    A class can sit at several places (an ``Address`` under each party), so it has one route per
    place; the message's own class has the empty route.  Derived once per message class from the
    models' field metadata.
    """
    found: dict[type[XmlModel], list[Route]] = {root: [()]}

    def walk(cls: type[XmlModel], route: Route) -> None:
        for child in cls.__xml_children__:
            if child.model is not None:
                here = (*route, child.xml_name)
                found.setdefault(child.model, []).append(here)
                walk(child.model, here)

    walk(root, ())
    return {cls: tuple(r) for cls, r in found.items()}


class Context(Generic[M]):
    """One message under validation, with helpers every check shares.

    Generic in the message, so that a check declared for ``Context[CC015C]`` navigates the IE015
    models with their types (``ctx.message.transit_operation.declaration_type`` is a ``str``).
    """

    def __init__(
        self,
        message: M,
        *,
        phase: Phase = "final",
        decisive_date: date | None = None,
        codelists: CodeLists | None = None,
    ) -> None:
        self.message: M = message
        self.name = message.root_name
        self.phase: Phase = phase
        prepared: datetime = getattr(message, "preparation_date_and_time")  # noqa: B009  (every message has one)
        self.decisive_date = decisive_date or prepared.date()
        if codelists is None:
            from ncts5 import codelists as installed

            codelists = installed
        self.codelists: CodeLists = codelists
        self._paths: dict[int, str] | None = None
        # Each is filled on first use and kept for the run: checks never change the message.
        self._at: dict[Route, list[XmlModel]] = {(): [message]}
        self._paths_at: dict[Route, list[tuple[XmlModel, str]]] = {(): [(message, f"/{self.name}")]}
        self._class_paths: dict[type[XmlModel], dict[int, str]] = {}
        self._verdicts: dict[tuple[str, str], CheckResult] = {}

    # ------------------------------------------------------------------ paths
    def _index(self) -> dict[int, str]:
        """The path of every model instance, from one walk of the whole message (the fallback)."""
        if self._paths is None:
            paths: dict[int, str] = {}

            def walk(model: XmlModel, path: str) -> None:
                paths[id(model)] = path
                for child in type(model).__xml_children__:
                    if child.model is None:
                        continue
                    value = getattr(model, child.field)
                    if child.repeated:
                        for i, v in enumerate(value, 1):
                            walk(v, f"{path}/{child.xml_name}[{i}]")
                    elif value is not None:
                        walk(value, f"{path}/{child.xml_name}")

            walk(self.message, f"/{self.name}")
            self._paths = paths
        return self._paths

    def located(self, route: Route) -> list[tuple[XmlModel, str]]:
        """Every instance at ``route`` with its path, in document order."""
        found = self._paths_at.get(route)
        if found is None:
            found = []
            name = route[-1]
            for model, path in self.located(route[:-1]):
                child = type(model).__xml_by_name__.get(name)
                if child is None:
                    continue
                value = getattr(model, child.field)
                if child.repeated:
                    found.extend((v, f"{path}/{name}[{i}]") for i, v in enumerate(value, 1))
                elif value is not None:
                    found.append((value, f"{path}/{name}"))
            self._paths_at[route] = found
        return found

    def _paths_of(self, cls: type[XmlModel]) -> dict[int, str]:
        """The path of every instance of ``cls``, found along the class's routes only.

        Reports name few places, so paths are worked out per class when one is first asked for
        rather than for the whole message.  Should one instance sit at two places (a message built
        in code may share an object), the whole-message index decides, as it always did.
        """
        index = self._class_paths.get(cls)
        if index is None:
            index = {}
            count = 0
            for route in routes(type(self.message)).get(cls, ()):
                located = self.located(route)
                count += len(located)
                index.update((id(m), p) for m, p in located)
            if len(index) != count:
                index = self._index()
            self._class_paths[cls] = index
        return index

    def path(self, model: XmlModel, field: str | None = None, index: int | None = None) -> str:
        """The XML path of ``model`` (or of its ``field``, 0-based ``index`` for repeated ones)."""
        base = self._paths_of(type(model)).get(id(model))
        if base is None:  # not where its class belongs: look everywhere, as the whole-message index did
            base = self._index().get(id(model), f"/{self.name}/?")
        if field is None:
            return base
        child = _fields(type(model)).get(field)
        if child is None:
            child = next(c for c in type(model).__xml_children__ if c.field == field)
        sep = "/@" if child.item.attribute else "/"
        path = f"{base}{sep}{child.xml_name}"
        if child.repeated and index is not None:
            path += f"[{index + 1}]"
        return path

    def group(self, *route: str) -> type[XmlModel]:
        """The data group class at ``route`` (XML names) in the message's own release's models.

        For naming a field of a group the message lacks (``field_label(ctx.group("Authorisation"),
        "type")``) without importing one release's models: a Phase 6 message never loads Phase 5's.
        """
        model: type[XmlModel] = type(self.message)
        for name in route:
            child = model.__xml_by_name__.get(name)
            if child is None or child.model is None:
                raise KeyError(f"{model.__name__} has no data group {name!r}")
            model = child.model
        return model

    @staticmethod
    def data_element(model: XmlModel, field: str | None = None) -> str | None:
        if field is None:
            return None
        return _item(type(model), field).data_element

    @staticmethod
    def label(model: XmlModel, field: str) -> str:
        """How a message names a field for a declarant: number and name, e.g. ``99 03 069 000 GRN``."""
        item = _item(type(model), field)
        return f"{item.data_element} {item.description}" if item.data_element else item.description

    def violation(
        self,
        model: XmlModel,
        field: str | None,
        message: str,
        *,
        code: int | None = None,
        index: int | None = None,
        value: Any = _ABSENT,
    ) -> Violation:
        """A problem at ``model.field``; the offending value is taken from the model unless given."""
        if value is _ABSENT:
            value = getattr(model, field, None) if field else None
            if isinstance(value, list):
                value = value[index] if index is not None and index < len(value) else None
            if isinstance(value, XmlModel):
                value = None
        shown = None if value is None else (value if isinstance(value, str) else _text(value))
        return Violation(self.path(model, field, index), self.data_element(model, field), message, code, shown)

    def require(self, model: XmlModel, field: str, why: str, code: int | None = 13) -> Iterator[Violation]:
        """A finding when ``model.field`` is absent (or an empty list) although ``why`` makes it required."""
        value = getattr(model, field)
        if value is None or (isinstance(value, list) and not value):
            yield self.violation(model, field, f"{why}: provide {self.label(model, field)}", code=code)

    def forbid(self, model: XmlModel, field: str, why: str, code: int | None = 15) -> Iterator[Violation]:
        """A finding for each occurrence of ``model.field`` although ``why`` excludes it."""
        value = getattr(model, field)
        label = self.label(model, field)
        if isinstance(value, list):
            for i in range(len(value)):
                yield self.violation(model, field, f"{why}: remove {label}", code=code, index=i)
        elif value is not None:
            yield self.violation(model, field, f"{why}: remove {label}", code=code)

    @staticmethod
    def unchecked(reason: str, path: str | None = None) -> Unchecked:
        return Unchecked(reason, path)

    @property
    def reduced_data_set(self) -> bool:
        """Whether the declaration uses the reduced data set (11 08 000 000 Reduced dataset indicator 1).

        A TIR declaration never does: R0849 reports its indicator, and checking the reduced data
        set's consequences (authorisation C524, no consignor, ...) would only repeat that finding.
        """
        op = getattr(self.message, "transit_operation", None)
        if getattr(op, "reduced_dataset_indicator", None) != "1":
            return False
        return getattr(op, "declaration_type", None) != "TIR"

    # ------------------------------------------------------------------ navigation
    def all(self, xml_path: str) -> Iterator[XmlModel]:
        """Every model instance at a slash-separated XML path below the root.

        ``ctx.all("Consignment/HouseConsignment/ConsignmentItem")`` yields each
        consignment item of every house consignment, in document order.
        """
        return iter(self.instances_at(tuple(xml_path.strip("/").split("/"))))

    def instances_at(self, route: Route) -> list[XmlModel]:
        """Every instance at ``route`` (element names from the root), in document order; cached."""
        found = self._at.get(route)
        if found is None:
            found = []
            name = route[-1]
            for model in self.instances_at(route[:-1]):
                child = type(model).__xml_by_name__.get(name)
                if child is None:
                    continue
                value = getattr(model, child.field)
                if child.repeated:
                    found.extend(value)
                elif value is not None:
                    found.append(value)
            self._at[route] = found
        return found

    def first(self, xml_path: str) -> Any:
        return next(self.all(xml_path), None)

    def instances_of(self, cls: type[T]) -> Iterator[T]:
        """:meth:`instances`, typed: every instance of the data group class ``cls`` in the message."""
        for model in self.instances(cls):
            assert isinstance(model, cls)
            yield model

    def instances(self, cls: type[XmlModel]) -> Iterator[XmlModel]:
        """Every instance of data group class ``cls`` in the message, wherever the class sits.

        Place by place (in the order of :func:`routes`), each place in document order; checks that
        apply to a class at every place it appears (R0987, B2101) use this instead of walking the
        whole message.
        """
        for route in routes(type(self.message)).get(cls, ()):
            yield from self.instances_at(route)

    # ------------------------------------------------------------------ reference data
    def invalid_code(self, model: XmlModel, field: str) -> bool:
        """True when the field's value is outside its own code list (already a CLnnn finding).

        Conditions keyed on such a value (e.g. "guarantee type in CL286") cannot be decided; a check
        skips them instead of piling a misleading finding on top of the code list one.
        """
        value = getattr(model, field)
        list_id = type(model).item(field).codelist
        if value is None or list_id is None:
            return False
        return self.code_check(list_id, _text(value)).status == "invalid"

    def in_list(self, list_id: str, value: str | None) -> bool | None:
        """Whether ``value`` is in code list ``list_id`` on the decisive date; None when unknown."""
        if value is None:
            return None
        result = self.code_check(list_id, value)
        if result.status == "not-checked":
            return None
        return result.status == "valid"

    def office_has_role(self, reference_number: str, role: str) -> bool | None:
        """Whether the customs office has ``role`` on the decisive date; None without office data."""
        return self.codelists.office_has_role(reference_number, role, on=self.decisive_date)

    def code_check(self, list_id: str, value: str) -> CheckResult:
        """``codelists.check(list_id, value)`` on the decisive date, asked once per value and run.

        A large declaration repeats the same few codes thousands of times; the verdict cannot
        change while one message is checked.
        """
        key = (list_id, value)
        found = self._verdicts.get(key)
        if found is None:
            found = self._verdicts[key] = self.codelists.check(list_id, value, on=self.decisive_date)
        return found
