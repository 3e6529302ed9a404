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


def empty_list() -> list[Any]:
    """The ``default_factory`` of every optional repeated field in the generated models.

    ``default_factory=list`` would do the same at run time, but strict type checkers then see the
    field's default as a list of unknown type.
    """
    return []


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
            annotation = next(a for a in typing.get_args(annotation) if a is not type(None))
        elif origin is list:
            annotation = typing.get_args(annotation)[0]
        else:
            return annotation, facets


# The instance slots pydantic's BaseModel declares, set directly: ``object.__setattr__`` costs a
# lookup per call, and the reader builds one instance per element of documents with millions.
_new = object.__new__
_set_dict = BaseModel.__dict__["__dict__"].__set__
_set_fields_set = BaseModel.__dict__["__pydantic_fields_set__"].__set__
_set_extra = BaseModel.__dict__["__pydantic_extra__"].__set__
_set_private = BaseModel.__dict__["__pydantic_private__"].__set__


class _Template:
    """A class's ``__dict__`` with no value set: single fields first, then lists (as ever)."""

    __slots__ = ("fields", "lists", "private")

    def __init__(self, cls: type[XmlModel]) -> None:
        children = cls.__xml_children__
        self.fields: dict[str, Any] = {c.field: None for c in children if not c.repeated}
        self.fields.update((c.field, None) for c in children if c.repeated)
        self.lists = tuple(c.field for c in children if c.repeated)
        self.private = tuple(cls.__private_attributes__.items())

    def private_values(self) -> dict[str, Any]:
        return {k: v.get_default(call_default_factory=True) for k, v in self.private}


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
        The instance is what ``model_construct`` makes: every field in ``__dict__``
        (absent ones None or a fresh empty list), the given ones as fields set.
        """
        template = cls.__dict__.get("_ncts_template")
        if template is None:
            template = _Template(cls)
            type.__setattr__(cls, "_ncts_template", template)
        data = template.fields.copy()
        data.update(values)
        for name in template.lists:
            if data[name] is None:
                data[name] = []
        obj = _new(cls)
        _set_dict(obj, data)
        _set_fields_set(obj, set(values))
        _set_extra(obj, None)
        _set_private(obj, template.private_values() if template.private else None)
        return obj

    @classmethod
    def item(cls, field: str) -> Item:
        """The metadata of one field, by its Python name."""
        for child in cls.__xml_children__:
            if child.field == field:
                return child.item
        raise KeyError(field)
