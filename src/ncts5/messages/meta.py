"""Field metadata and the base model every data group derives from.

Each field of a generated model declares one :class:`Item`: its XML name, data
element number, format, code list, DDNTA priority and rule ids, and its
occurrence bounds.  That declaration is the single source of truth: the XML
reader and writer, schema error messages, the rule engine's findings and
``docs/data-model.md`` all read it from here.
"""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass
from typing import Any, ClassVar, Literal, Self

from pydantic import BaseModel, ConfigDict

from ncts5.messages.facets import Facets

Priority = Literal["R", "O", "D"]


@dataclass(frozen=True, slots=True)
class Item:
    """What schema 51.8.6 and the DDNTA table say about one data group or data item."""

    xml_name: str
    description: str
    data_element: str | None = None
    format: str | None = None
    codelist: str | None = None
    priority: Priority = "R"
    rules: tuple[str, ...] = ()
    min_occurs: int = 1
    max_occurs: int = 1
    attribute: bool = False


@dataclass(frozen=True, slots=True)
class Child:
    """A field of a model as the XML layer sees it (derived once per class)."""

    field: str
    xml_name: str
    item: Item
    repeated: bool
    model: type[XmlModel] | None
    facets: Facets | None


def _unwrap(annotation: Any) -> tuple[Any, Facets | None]:
    """Strip ``Annotated``, ``Optional`` and ``list`` to reach the element type and its facets."""
    facets: Facets | None = None
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            args = typing.get_args(annotation)
            facets = next((m for m in args[1:] if isinstance(m, Facets)), facets)
            annotation = args[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = args[0]
        elif origin is list:
            annotation = typing.get_args(annotation)[0]
        else:
            return annotation, facets


class XmlModel(BaseModel):
    """Base of every data group model: strict about unknown fields, addressable by alias or name."""

    model_config = ConfigDict(
        populate_by_name=True,
        extra="forbid",
        validate_default=False,
        revalidate_instances="never",
        # Building pydantic validators for ~100 classes costs ~0.2 s at import; XML input never needs
        # them (the reader checks values itself), so they are built on first use instead.
        defer_build=True,
    )

    __xml_children__: ClassVar[tuple[Child, ...]] = ()
    __xml_by_name__: ClassVar[dict[str, Child]] = {}

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        super().__pydantic_init_subclass__(**kwargs)
        children: list[Child] = []
        for name, info in cls.model_fields.items():
            item = next((m for m in info.metadata if isinstance(m, Item)), None)
            if item is None:
                continue
            target, facets = _unwrap(info.annotation)
            model = target if isinstance(target, type) and issubclass(target, XmlModel) else None
            if facets is None:
                facets = next((m for m in info.metadata if isinstance(m, Facets)), None)
            children.append(Child(name, item.xml_name, item, item.max_occurs > 1, model, facets))
        cls.__xml_children__ = tuple(children)
        cls.__xml_by_name__ = {c.xml_name: c for c in children}

    @classmethod
    def construct_trusted(cls, values: dict[str, Any]) -> Self:
        """Build an instance from values the XML reader has already validated.

        ``model_construct`` resolves default factories through ``inspect`` on every
        call, which made reading a large declaration ten times slower; the reader
        checks every value against the same facets and bounds, so nothing is lost.
        """
        template = cls.__dict__.get("_ncts_template")
        if template is None:
            template = (
                {c.field: None for c in cls.__xml_children__ if not c.repeated},
                tuple(c.field for c in cls.__xml_children__ if c.repeated),
                tuple(cls.__private_attributes__.items()),
            )
            cls._ncts_template = template  # type: ignore[attr-defined]
        singles, lists, private = template
        data = dict(singles)
        for name in lists:
            data[name] = []
        data.update(values)
        obj = cls.__new__(cls)
        object.__setattr__(obj, "__dict__", data)
        object.__setattr__(obj, "__pydantic_fields_set__", set(values))
        object.__setattr__(obj, "__pydantic_extra__", None)
        object.__setattr__(
            obj,
            "__pydantic_private__",
            {k: v.get_default(call_default_factory=True) for k, v in private} if private else None,
        )
        return obj

    @classmethod
    def item(cls, field: str) -> Item:
        """The metadata of one field, by its Python name."""
        for child in cls.__xml_children__:
            if child.field == field:
                return child.item
        raise KeyError(field)
