"""XML to models, reporting every schema problem with its path and data element.

The reader checks what only the document can show (element order, unknown
elements, repetitions, stray text and attributes) while walking the tree into
plain dicts; the models then check every value's facets and every occurrence
bound.  Both kinds of problem are merged into one :class:`~ncts5.errors.SchemaError`
whose paths use XML names and 1-based indices, e.g.
``/CC015C/Consignment/HouseConsignment[1]/ConsignmentItem[2]/Commodity/descriptionOfGoods``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from lxml import etree
from pydantic import ValidationError

from ncts5.errors import SchemaError, SchemaProblem
from ncts5.messages.catalogue import Release, message_class, release_of_phase_id
from ncts5.messages.facets import Facets
from ncts5.messages.message import Message
from ncts5.messages.meta import Child, XmlModel
from ncts5.xml.parsing import DEFAULT_MAX_BYTES, Source, parse, read_source, root_name

M = TypeVar("M", bound=XmlModel)
_XSI = "http://www.w3.org/2001/XMLSchema-instance"
_XSI_ALLOWED = {f"{{{_XSI}}}schemaLocation", f"{{{_XSI}}}noNamespaceSchemaLocation"}


_CACHE_LIMIT = 50_000
#: Problems one SchemaError lists at most: an absurd document (a million unknown elements) must
#: not cost a million problem objects; a last problem says how many more there were.
MAX_PROBLEMS = 10_000


class _Slot:
    """What the walk needs about one child element of a class, gathered once per class."""

    __slots__ = ("cache", "child", "field", "index", "max_occurs", "model", "repeated", "validate", "xml_name")

    def __init__(self, child: Child, index: int) -> None:
        self.child = child
        self.index = index  # position in the class's sequence: elements must come in this order
        self.xml_name = child.xml_name
        self.field = child.field
        self.repeated = child.repeated
        self.max_occurs = child.item.max_occurs
        self.model = child.model
        facets = child.facets
        # Leaf values repeat a lot in real declarations: each simple type's verdicts are cached per text.
        self.cache: dict[str, tuple[bool, Any]] = {} if facets is None else _VERDICTS.setdefault(facets, {})
        self.validate = None if facets is None else facets.validate

    def path(self, parent: str, n: int) -> str:
        return f"{parent}/{self.xml_name}[{n}]" if self.repeated else f"{parent}/{self.xml_name}"


class _Plan:
    """A model class as the walk reads it: its child elements by XML name, and its required ones."""

    __slots__ = ("by_name", "required", "slots")

    def __init__(self, cls: type[XmlModel]) -> None:
        elements = [c for c in cls.__xml_children__ if not c.item.attribute]
        self.by_name = cls.__xml_by_name__
        self.slots = {c.xml_name: _Slot(c, i) for i, c in enumerate(elements)}
        self.required = tuple(c for c in elements if c.item.min_occurs)


# Keyed by the facets themselves, not the type's name: a name can mean other facets in another
# release (Phase 6's phaseIDtype also allows NCTS6).
_VERDICTS: dict[Facets, dict[str, tuple[bool, Any]]] = {}
_PLANS: dict[type[XmlModel], _Plan] = {}


def _plan(cls: type[XmlModel]) -> _Plan:
    plan = _PLANS.get(cls)
    if plan is None:
        plan = _PLANS[cls] = _Plan(cls)
    return plan


class _Walk:
    """One pass over a document; collects problems instead of stopping at the first.

    The walk builds the models itself (:meth:`XmlModel.construct_trusted`) after checking every
    value with the same facet validators the models use, so a document is validated once, not
    twice.  It runs once per element of documents with millions of them, so it is written for
    speed: one lookup per child element, verdicts cached per text, paths built only for problems.
    """

    def __init__(self) -> None:
        self.problems: list[SchemaProblem] = []
        self.unlisted = 0

    def problem(self, path: str, message: str, child: Child | None = None, value: str | None = None) -> None:
        if len(self.problems) >= MAX_PROBLEMS:
            self.unlisted += 1
            return
        de = child.item.data_element if child else None
        self.problems.append(SchemaProblem(path, message, de, value))

    def element(self, el: etree._Element, cls: type[M], path: str, owner: Child | None = None) -> M:
        out: dict[str, Any] = {}
        plan = _PLANS.get(cls) or _plan(cls)
        slots = plan.slots
        counts: dict[str, int] = {}
        position = -1
        last_name = ""
        text = el.text
        if text and not text.isspace():
            self.problem(path, f"unexpected text {text.strip()[:40]!r}: this element holds only elements", owner)
        if el.keys():  # attribute names: cheaper than building el.attrib to find it empty
            self.attributes(el, plan, path, out)
        for sub in el:
            tail = sub.tail
            if tail and not tail.isspace():  # whitespace between elements is layout, anything else a problem
                self.problem(path, f"unexpected text {tail.strip()[:40]!r} between elements", owner)
            tag = sub.tag
            slot = slots.get(tag)
            if slot is None:
                if isinstance(tag, str):  # else a comment, PI or entity: no element
                    self.unknown(tag, cls, path)
                continue
            n = counts.get(tag, 0) + 1
            counts[tag] = n
            index = slot.index
            if index < position:
                where = slot.path(path, n)
                self.problem(where, f"<{tag}> is out of order: it must come before <{last_name}>", slot.child)
            elif index > position:
                position = index
                last_name = tag
            if n > slot.max_occurs:
                limit = slot.max_occurs
                self.problem(slot.path(path, n), f"<{tag}> occurs {n} times; at most {limit} allowed", slot.child)
                continue
            model = slot.model
            if model is not None:
                value = self.element(sub, model, slot.path(path, n), slot.child)
            else:
                if len(sub) or sub.keys():
                    self.leaf_markup(sub, slot.path(path, n), slot.child)
                value_text = sub.text or ""
                verdict = slot.cache.get(value_text)
                if verdict is None:
                    verdict = _verdict(slot, value_text)
                if verdict[0]:
                    value = verdict[1]
                else:
                    self.problem(slot.path(path, n), verdict[1], slot.child, value_text)
                    value = None
            if not slot.repeated:
                out[slot.field] = value
            elif n == 1:
                out[slot.field] = [value]
            else:
                out[slot.field].append(value)
        for child in plan.required:
            if counts.get(child.xml_name, 0) < child.item.min_occurs:
                need = child.item.min_occurs
                what = "is missing" if need == 1 else f"must occur at least {need} times"
                missing = f"{path}/{child.xml_name}"
                self.problem(missing, f"required element <{child.xml_name}> {what}", child)
        return cls.construct_trusted(out)

    def attributes(self, el: etree._Element, plan: _Plan, path: str, out: dict[str, Any]) -> None:
        for name, value in el.attrib.items():
            child = plan.by_name.get(name)
            if child is not None and child.item.attribute:
                out[child.field] = self.value(value, f"{path}/@{name}", child)
            elif name not in _XSI_ALLOWED:
                self.problem(f"{path}/@{name}", f"unknown attribute {name!r}")

    def unknown(self, tag: str, cls: type[XmlModel], path: str) -> None:
        if tag[0] == "{":
            self.problem(f"{path}/{tag}", "unknown element: child elements of NCTS messages have no namespace")
        else:
            self.problem(f"{path}/{tag}", f"unknown element <{tag}> in {cls.__name__}")

    def leaf_markup(self, el: etree._Element, path: str, child: Child) -> None:
        if len(el):
            self.problem(path, "a data item cannot contain elements", child)
        if el.attrib:
            for name in el.attrib:
                if name not in _XSI_ALLOWED:
                    self.problem(f"{path}/@{name}", f"unknown attribute {name!r}", child)

    def value(self, text: str, path: str, child: Child) -> Any:
        """The validated value of an attribute at ``path`` (None after reporting a problem)."""
        facets = child.facets
        assert facets is not None
        ok, result = _checked(_VERDICTS.setdefault(facets, {}), facets.validate, text)
        if not ok:
            self.problem(path, result, child, text)
            return None
        return result


def _verdict(slot: _Slot, text: str) -> tuple[bool, Any]:
    assert slot.validate is not None, f"{slot.xml_name} is a data item without facets"
    return _checked(slot.cache, slot.validate, text)


def _checked(cache: dict[str, tuple[bool, Any]], validate: Callable[[Any], Any], text: str) -> tuple[bool, Any]:
    """``(True, value)`` or ``(False, problem)`` for one leaf text, cached (up to a bound) per simple type."""
    verdict = cache.get(text)
    if verdict is None:
        try:
            verdict = (True, validate(text))
        except ValueError as exc:
            verdict = (False, str(exc))
        if len(cache) < _CACHE_LIMIT:
            cache[text] = verdict
    return verdict


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


def release_of(root: etree._Element, release: Release | None = None) -> Release:
    """The release to read ``root`` under: ``release`` when given, else the one its PhaseID names."""
    return release if release is not None else release_of_phase_id(root.get("PhaseID"))


def _contradiction(root: etree._Element, cls: type[Message]) -> SchemaProblem | None:
    """A problem when the root's PhaseID names another release than the model's (a forced release)."""
    phase_id = root.get("PhaseID")
    if phase_id is None:
        return None
    named = release_of_phase_id(phase_id)
    if named == cls.release:
        return None
    return SchemaProblem(
        f"/{cls.root_name}/@PhaseID",
        f"PhaseID {phase_id.strip()} is a Phase {named} message, read here as Phase {cls.release}: "
        f"read it with release {named} or drop --release",
        None,
        phase_id,
    )


def build(cls: type[Message], root: etree._Element, *, source: str | None = None) -> Message:
    """Build a message model from its root element; raise SchemaError listing every problem.

    A PhaseID naming another release than ``cls``'s (the caller forced the release) is a problem too.
    """
    walk = _Walk()
    contradiction = _contradiction(root, cls)
    if contradiction is not None:
        walk.problems.append(contradiction)
    message = walk.element(root, cls, f"/{cls.root_name}")
    if walk.unlisted:
        more = f"{walk.unlisted} more schema problem(s) not listed: ncts5 lists the first {MAX_PROBLEMS}"
        walk.problems.append(SchemaProblem(f"/{cls.root_name}", more))
    if walk.problems:
        raise SchemaError(walk.problems, source=source)
    extra = {k: v for k, v in root.attrib.items() if k in _XSI_ALLOWED}
    if extra:
        message._xml_extra_attributes = extra
    return message


def from_xml(data: Source, *, release: Release | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> Message:
    """Read any message of the catalogue (:mod:`ncts5.messages.catalogue`) from bytes, XML text or a file path.

    The release (Phase 5 or 6 models) is ``release`` when given, else the one the root's PhaseID names.
    Raises :class:`~ncts5.errors.ParseError` when the input is not a readable NCTS
    message and :class:`~ncts5.errors.SchemaError` listing every schema problem.
    """
    raw, source = read_source(data, max_bytes=max_bytes)
    root = parse(raw, source=source)
    name = root_name(root, source=source)
    return build(message_class(name, release_of(root, release)), root, source=source)


__all__ = ["build", "from_xml", "problems_from_validation", "release_of"]
