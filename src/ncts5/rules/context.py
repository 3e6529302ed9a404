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
from datetime import date
from typing import Any

from ncts5.messages.message import Message
from ncts5.messages.meta import XmlModel
from ncts5.rules.registry import Phase


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
_ABSENT: Any = object()


class Context:
    """One message under validation, with helpers every check shares."""

    def __init__(self, message: Message, *, phase: Phase = "final", decisive_date: date | None = None) -> None:
        self.message = message
        self.name = message.root_name
        self.phase: Phase = phase
        self.decisive_date = decisive_date or message.preparation_date_and_time.date()  # type: ignore[attr-defined]
        self._paths: dict[int, str] | None = None

    # ------------------------------------------------------------------ paths
    def _index(self) -> dict[int, str]:
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

    def path(self, model: XmlModel, field: str | None = None, index: int | None = None) -> str:
        """The XML path of ``model`` (or of its ``field``, 0-based ``index`` for repeated ones)."""
        base = self._index().get(id(model), f"/{self.name}/?")
        if field is None:
            return base
        child = next(c for c in type(model).__xml_children__ if c.field == field)
        sep = "/@" if child.item.attribute else "/"
        path = f"{base}{sep}{child.xml_name}"
        if child.repeated and index is not None:
            path += f"[{index + 1}]"
        return path

    @staticmethod
    def data_element(model: XmlModel, field: str | None = None) -> str | None:
        if field is None:
            return None
        return type(model).item(field).data_element

    @staticmethod
    def label(model: XmlModel, field: str) -> str:
        """How a message names a field for a declarant: number and name, e.g. ``99 03 069 000 GRN``."""
        item = type(model).item(field)
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
        current: list[XmlModel] = [self.message]
        for name in xml_path.strip("/").split("/"):
            nxt: list[XmlModel] = []
            for model in current:
                child = type(model).__xml_by_name__.get(name)
                if child is None:
                    continue
                value = getattr(model, child.field)
                if child.repeated:
                    nxt.extend(value)
                elif value is not None:
                    nxt.append(value)
            current = nxt
        yield from current

    def first(self, xml_path: str) -> Any:
        return next(self.all(xml_path), None)

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
        from ncts5 import codelists

        return codelists.check(list_id, _text(value), on=self.decisive_date).status == "invalid"

    def in_list(self, list_id: str, value: str | None) -> bool | None:
        """Whether ``value`` is in code list ``list_id`` on the decisive date; None when unknown."""
        if value is None:
            return None
        from ncts5 import codelists

        result = codelists.check(list_id, value, on=self.decisive_date)
        if result.status == "not-checked":
            return None
        return result.status == "valid"


def _text(value: Any) -> str:
    from ncts5.messages.facets import to_text

    return to_text(value)
