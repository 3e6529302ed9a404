"""XML to models, reporting every schema problem with its path and data element.

The reader checks what only the document can show (element order, unknown
elements, repetitions, stray text and attributes) while walking the tree into
plain dicts; the models then check every value's facets and every occurrence
bound.  Both kinds of problem are merged into one :class:`~ncts5.errors.SchemaError`
whose paths use XML names and 1-based indices, e.g.
``/CC015C/Consignment/HouseConsignment[1]/ConsignmentItem[2]/Commodity/descriptionOfGoods``.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

from lxml import etree
from pydantic import ValidationError

from ncts5.errors import SchemaError, SchemaProblem
from ncts5.messages.message import Message
from ncts5.messages.meta import Child, XmlModel
from ncts5.xml.parsing import DEFAULT_MAX_BYTES, NAMESPACE, Source, parse, read_source, root_name


class _MessageClasses(Mapping[str, type[Message]]):
    """Message name -> model class, importing a message's models only when it is first needed."""

    _modules: ClassVar[dict[str, str]] = {"CC015C": "ncts5.messages.cc015c", "CC170C": "ncts5.messages.cc170c"}

    def __getitem__(self, name: str) -> type[Message]:
        module = importlib.import_module(self._modules[name])
        return getattr(module, name)  # type: ignore[no-any-return]

    def __iter__(self) -> Iterator[str]:
        return iter(self._modules)

    def __len__(self) -> int:
        return len(self._modules)


MESSAGE_CLASSES: Mapping[str, type[Message]] = _MessageClasses()
_XSI = "http://www.w3.org/2001/XMLSchema-instance"
_XSI_ALLOWED = {f"{{{_XSI}}}schemaLocation", f"{{{_XSI}}}noNamespaceSchemaLocation"}


_CACHE_LIMIT = 50_000
#: Problems one SchemaError lists at most: an absurd document (a million unknown elements) must
#: not cost a million problem objects; a last problem says how many more there were.
MAX_PROBLEMS = 10_000


class _Walk:
    """One pass over a document; collects problems instead of stopping at the first.

    The walk builds the models itself (``model_construct``) after checking every
    value with the same facet validators the models use, so a document is
    validated once, not twice; values repeat a lot in real declarations, so
    each simple type's verdicts are cached per text.
    """

    def __init__(self) -> None:
        self.problems: list[SchemaProblem] = []
        self.reported: set[str] = set()
        self.unlisted = 0

    def problem(self, path: str, message: str, child: Child | None = None, value: str | None = None) -> None:
        if len(self.problems) >= MAX_PROBLEMS:
            self.unlisted += 1
            return
        de = child.item.data_element if child else None
        self.problems.append(SchemaProblem(path, message, de, value))
        self.reported.add(path)

    def element(self, el: etree._Element, cls: type[XmlModel], path: str, owner: Child | None = None) -> XmlModel:
        out: dict[str, Any] = {}
        by_name = cls.__xml_by_name__
        order = _order(cls)
        counts: dict[str, int] = {}
        position = -1
        last_name = ""
        text = el.text
        if text and text.strip():
            self.problem(path, f"unexpected text {text.strip()[:40]!r}: this element holds only elements", owner)
        if el.attrib:
            for name, value in el.attrib.items():
                child = by_name.get(name)
                if child is not None and child.item.attribute:
                    out[child.field] = self.value(value, f"{path}/@{name}", child)
                elif name not in _XSI_ALLOWED:
                    self.problem(f"{path}/@{name}", f"unknown attribute {name!r}")
        for sub in el:
            tail = sub.tail
            if tail and tail.strip():
                self.problem(path, f"unexpected text {tail.strip()[:40]!r} between elements", owner)
            tag = sub.tag
            if not isinstance(tag, str):
                continue
            child = by_name.get(tag)
            if child is None or child.item.attribute:
                if tag[0] == "{":
                    self.problem(f"{path}/{tag}", "unknown element: child elements of NCTS messages have no namespace")
                else:
                    self.problem(f"{path}/{tag}", f"unknown element <{tag}> in {cls.__name__}")
                continue
            n = counts.get(tag, 0) + 1
            counts[tag] = n
            index = order[tag]
            if index < position:
                where = _child_path(path, child, n)
                self.problem(where, f"<{tag}> is out of order: it must come before <{last_name}>", child)
            elif index > position:
                position = index
                last_name = tag
            if n > child.item.max_occurs:
                limit = child.item.max_occurs
                self.problem(_child_path(path, child, n), f"<{tag}> occurs {n} times; at most {limit} allowed", child)
                continue
            if child.model is not None:
                value = self.element(sub, child.model, _child_path(path, child, n), child)
            else:
                if len(sub) or sub.attrib:
                    self.leaf_markup(sub, _child_path(path, child, n), child)
                value = self.value(sub.text or "", path, child, n)
            if child.repeated:
                if n == 1:
                    out[child.field] = [value]
                else:
                    out[child.field].append(value)
            else:
                out[child.field] = value
        for child in _required(cls):
            if counts.get(child.xml_name, 0) < child.item.min_occurs:
                need = child.item.min_occurs
                what = "is missing" if need == 1 else f"must occur at least {need} times"
                missing = f"{path}/{child.xml_name}"
                self.problem(missing, f"required element <{child.xml_name}> {what}", child)
        return cls.construct_trusted(out)

    def leaf_markup(self, el: etree._Element, path: str, child: Child) -> None:
        if len(el):
            self.problem(path, "a data item cannot contain elements", child)
        if el.attrib:
            for name in el.attrib:
                if name not in _XSI_ALLOWED:
                    self.problem(f"{path}/@{name}", f"unknown attribute {name!r}", child)

    def value(self, text: str, path: str, child: Child, n: int = 0) -> Any:
        """The validated value of a data item; ``path`` is its parent's unless ``n`` is 0."""
        facets = child.facets
        assert facets is not None and facets.validate is not None
        cache = _VERDICTS.get(facets.name)
        if cache is None:
            cache = _VERDICTS[facets.name] = {}
        verdict = cache.get(text, _MISS)
        if verdict is _MISS:
            try:
                verdict = (True, facets.validate(text))
            except ValueError as exc:
                verdict = (False, str(exc))
            if len(cache) < _CACHE_LIMIT:
                cache[text] = verdict
        ok, result = verdict
        if not ok:
            self.problem(_child_path(path, child, n) if n else path, result, child, text)
            return None
        return result


def _child_path(path: str, child: Child, n: int) -> str:
    return f"{path}/{child.xml_name}[{n}]" if child.repeated else f"{path}/{child.xml_name}"


_REQUIRED: dict[type[XmlModel], tuple[Child, ...]] = {}


def _required(cls: type[XmlModel]) -> tuple[Child, ...]:
    req = _REQUIRED.get(cls)
    if req is None:
        req = _REQUIRED[cls] = tuple(c for c in cls.__xml_children__ if c.item.min_occurs and not c.item.attribute)
    return req


_MISS: Any = object()
_VERDICTS: dict[str, dict[str, tuple[bool, Any]]] = {}
_ORDERS: dict[type[XmlModel], dict[str, int]] = {}


def _order(cls: type[XmlModel]) -> dict[str, int]:
    order = _ORDERS.get(cls)
    if order is None:
        order = _ORDERS[cls] = {c.xml_name: i for i, c in enumerate(cls.__xml_children__) if not c.item.attribute}
    return order


def schema_path_of(cls: type[XmlModel], root: str, loc: tuple[int | str, ...]) -> tuple[str, Child | None]:
    """Translate a pydantic error location into an XML path and the field it names."""
    path = f"/{root}"
    current: type[XmlModel] | None = cls
    child: Child | None = None
    for part in loc:
        if isinstance(part, int):
            path += f"[{part + 1}]"
            continue
        if current is None:
            break
        child = current.__xml_by_name__.get(part)
        if child is None:  # a Python field name (models built in code)
            child = next((c for c in current.__xml_children__ if c.field == part), None)
        if child is None:
            path += f"/{part}"
            current = None
            continue
        path += f"/@{child.xml_name}" if child.item.attribute else f"/{child.xml_name}"
        current = child.model
    return path, child


def problems_from_validation(cls: type[XmlModel], root: str, exc: ValidationError) -> list[SchemaProblem]:
    """Schema problems for a pydantic ValidationError, with XML paths and data element numbers."""
    out: list[SchemaProblem] = []
    for err in exc.errors(include_url=False):
        path, child = schema_path_of(cls, root, tuple(err["loc"]))
        msg = err["msg"]
        if msg.startswith("Value error, "):
            msg = msg[len("Value error, ") :]
        if err["type"] == "missing":
            msg = "required element is missing"
        value = err.get("input")
        shown = value if isinstance(value, str) else None
        out.append(SchemaProblem(path, msg, child.item.data_element if child else None, shown))
    return out


def build(cls: type[Message], root: etree._Element, *, source: str | None = None) -> Message:
    """Build a message model from its root element; raise SchemaError listing every problem."""
    walk = _Walk()
    message = walk.element(root, cls, f"/{cls.root_name}")
    if walk.unlisted:
        more = f"{walk.unlisted} more schema problem(s) not listed: ncts5 lists the first {MAX_PROBLEMS}"
        walk.problems.append(SchemaProblem(f"/{cls.root_name}", more))
    if walk.problems:
        raise SchemaError(walk.problems, source=source)
    extra = {k: v for k, v in root.attrib.items() if k in _XSI_ALLOWED}
    if extra:
        message._xml_extra_attributes = extra
    return message  # type: ignore[return-value]


def from_xml(data: Source, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Message:
    """Read an IE015 (CC015C) or IE170 (CC170C) message from bytes, XML text or a file path.

    Raises :class:`~ncts5.errors.ParseError` when the input is not a readable NCTS
    message and :class:`~ncts5.errors.SchemaError` listing every schema problem.
    """
    raw, source = read_source(data, max_bytes=max_bytes)
    root = parse(raw, source=source)
    name = root_name(root, source=source, known=set(MESSAGE_CLASSES))
    return build(MESSAGE_CLASSES[name], root, source=source)


__all__ = ["MESSAGE_CLASSES", "NAMESPACE", "build", "from_xml", "problems_from_validation"]
