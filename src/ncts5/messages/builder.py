"""Build a message from plain values by Python field names, with the bookkeeping done for you.

Writing an IE015 with the models alone means setting every sequence number and goods item number,
summing gross masses by hand and spelling flags as ``"0"``/``"1"``.  :func:`declaration` (and
:func:`message` for any message class) take the same field names as the models, as keyword
arguments with nested dicts, lists of dicts or model instances, and fill in what follows from the
rest, reading only the models' metadata (``__xml_children__``: XML names, code lists, facets):

* the header: ``messageType`` from the class, ``preparationDateAndTime`` now, a unique
  ``messageIdentification`` and the newest ``PhaseID`` the schema allows;
* every ``sequenceNumber`` of a repeated data group: its position in the list;
* a goods item (a group whose ``goodsItemNumber`` is required): its ``goodsItemNumber`` is its
  position in its house consignment, its ``declarationGoodsItemNumber`` its position in the
  declaration (R0988, R0007);
* a required ``grossMass`` left out: the total of the nearest gross masses below it, so a house
  consignment weighs its goods items and the consignment its house consignments (R0983, R0994);
* flags (code list CL027) accept ``True``/``False`` and ``1``/``0`` as well as ``"1"``/``"0"``;
* decimals accept ``Decimal``, ``int`` and ``float`` (rounded to the schema's fraction digits).

Values given are kept.  Every leaf is checked against its facets here, so a bad value raises
:class:`BuildError` naming the field (``consignment.house_consignment[0].gross_mass``) rather than
failing later in the XML.
"""

from __future__ import annotations

import math
import uuid
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import ROUND_HALF_EVEN, Decimal
from functools import cache
from typing import Any, TypeVar

from pydantic import ValidationError

from ncts5.errors import NCTSError
from ncts5.messages.cc015c import CC015C
from ncts5.messages.facets import Facets
from ncts5.messages.message import Message
from ncts5.messages.meta import Child, XmlModel

__all__ = ["BuildError", "declaration", "message"]

M = TypeVar("M", bound=Message)

#: The code list of the schema's 0/1 indicators.
FLAG_CODELIST = "CL027"
SEQUENCE_NUMBER = "sequenceNumber"
GOODS_ITEM_NUMBER = "goodsItemNumber"
DECLARATION_GOODS_ITEM_NUMBER = "declarationGoodsItemNumber"
GROSS_MASS = "grossMass"


class BuildError(NCTSError, ValueError):
    """A value given to the builder cannot go into the message; :attr:`field` says where."""

    def __init__(self, field: str, problem: str) -> None:
        self.field = field
        self.problem = problem
        super().__init__(f"{field}: {problem}")


def declaration(**fields: object) -> CC015C:
    """An IE015 transit declaration (Phase 5 ``CC015C``) from values by Python field names.

    Nested data groups are dicts (or model instances), repeated ones lists of them; numbering,
    header defaults and gross mass totals are filled in as the module docstring describes.
    """
    return message(CC015C, **fields)


def message(cls: type[M], /, **fields: object) -> M:
    """A message of class ``cls`` (any generated message model) built like :func:`declaration`."""
    values = {**_header_defaults(cls), **fields}
    data = _Filler().group(cls, values, "")
    try:
        return cls.model_validate(data)
    except ValidationError as error:  # pragma: no cover - _Filler checks what the model checks
        raise BuildError(cls.root_name, str(error)) from None


def _header_defaults(cls: type[Message]) -> dict[str, object]:
    """What a message header says about itself: its type, when it was made, a fresh identifier."""
    by_xml = cls.__xml_by_name__
    defaults: dict[str, object] = {}
    if "messageType" in by_xml:
        defaults[by_xml["messageType"].field] = cls.root_name
    if "preparationDateAndTime" in by_xml:
        defaults[by_xml["preparationDateAndTime"].field] = datetime.now().replace(microsecond=0)
    if "messageIdentification" in by_xml:
        # 32 hexadecimal characters: unique without coordination, inside the schema's 1 to 35
        defaults[by_xml["messageIdentification"].field] = uuid.uuid4().hex
    phase = by_xml.get("PhaseID")
    if phase is not None and phase.facets is not None and phase.facets.enumeration:
        defaults[phase.field] = max(phase.facets.enumeration)  # NCTS5.1 in Phase 5, NCTS6 in Phase 6
    return defaults


def _is_goods_item(cls: type[XmlModel]) -> bool:
    child = cls.__xml_by_name__.get(GOODS_ITEM_NUMBER)
    return child is not None and child.item.min_occurs >= 1


@dataclass
class _Filler:
    """One walk over the given values, top-down, with the declaration-wide goods item counter."""

    goods_items: Iterator[int] = field(default_factory=lambda: iter(range(1, 1_000_000)))

    def group(self, cls: type[XmlModel], given: object, path: str, position: int | None = None) -> dict[str, Any]:
        values = _as_mapping(given, cls, path)
        unknown = sorted(set(values) - {c.field for c in cls.__xml_children__})
        if unknown:
            raise BuildError(path or cls.__name__, f"{cls.__name__} has no field {', '.join(map(repr, unknown))}")
        out: dict[str, Any] = {}
        numbers = self._numbers(cls, position)
        for child in cls.__xml_children__:
            where = f"{path}.{child.field}" if path else child.field
            value = values.get(child.field)
            if value is None:
                value = numbers.get(child.xml_name)
            if value is None:
                continue
            out[child.field] = self._value(child, value, where)
        for child in cls.__xml_children__:
            if child.field not in out and child.xml_name == GROSS_MASS and child.item.min_occurs >= 1:
                total = _total(cls, out, path)
                if total is not None:
                    out[child.field] = total
        for child in cls.__xml_children__:
            if child.field not in out and child.item.min_occurs >= 1:
                where = f"{path}.{child.field}" if path else child.field
                raise BuildError(where, f"required ({_describe(child)}) but not given")
        return out

    def _numbers(self, cls: type[XmlModel], position: int | None) -> dict[str, int]:
        """The numbers a group at ``position`` (1-based) in its list takes unless given."""
        numbers: dict[str, int] = {}
        if position is None:
            return numbers
        if SEQUENCE_NUMBER in cls.__xml_by_name__:
            numbers[SEQUENCE_NUMBER] = position
        if _is_goods_item(cls):
            numbers[GOODS_ITEM_NUMBER] = position
            numbers[DECLARATION_GOODS_ITEM_NUMBER] = next(self.goods_items)
        return numbers

    def _value(self, child: Child, value: object, where: str) -> Any:
        if child.repeated:
            if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Sequence):
                raise BuildError(where, f"expected a list, got {type(value).__name__}")
            if len(value) > child.item.max_occurs:
                raise BuildError(where, f"at most {child.item.max_occurs} allowed, got {len(value)}")
            return [self._one(child, v, f"{where}[{i}]", i + 1) for i, v in enumerate(value)]
        return self._one(child, value, where, None)

    def _one(self, child: Child, value: object, where: str, position: int | None) -> Any:
        if child.model is not None:
            return self.group(child.model, value, where, position)
        if child.facets is None:  # pragma: no cover - every generated leaf has facets
            return value
        return _leaf(child, child.facets, value, where)


def _as_mapping(given: object, cls: type[XmlModel], path: str) -> Mapping[str, object]:
    if isinstance(given, XmlModel):
        if not isinstance(given, cls):
            raise BuildError(path, f"expected {cls.__name__}, got {type(given).__name__}")
        return {name: getattr(given, name) for name in given.model_fields_set}
    if isinstance(given, Mapping):
        return given
    raise BuildError(path or cls.__name__, f"expected a dict or {cls.__name__}, got {type(given).__name__}")


def _leaf(child: Child, facets: Facets, value: object, where: str) -> Any:
    try:
        if child.item.codelist == FLAG_CODELIST:
            value = _flag(value)
        elif facets.kind == "decimal":
            value = _decimal(value, facets)
        return facets.validate(value)
    except ValueError as error:
        raise BuildError(where, f"{error} ({_describe(child)})") from None


def _flag(value: object) -> object:
    """``True``/``1`` as ``"1"``, ``False``/``0`` as ``"0"``; text is left to the facets."""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int) and value in (0, 1):
        return str(value)
    if isinstance(value, str):
        return value
    raise ValueError(f"a flag is True/False, 1/0 or '1'/'0', not {value!r}")


def _decimal(value: object, facets: Facets) -> object:
    """A float becomes the decimal it prints as, rounded to the schema's fraction digits."""
    if not isinstance(value, float):
        return value
    if not math.isfinite(value):
        raise ValueError(f"{value!r} is not a decimal number")
    number = Decimal(repr(value))
    places = facets.fraction_digits
    exponent = number.as_tuple().exponent
    if places is not None and isinstance(exponent, int) and -exponent > places:
        number = number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_EVEN).normalize()
    return number


def _total(cls: type[XmlModel], values: Mapping[str, Any], path: str) -> Decimal | None:
    """The sum of the nearest gross masses below a group, or None when there are none below it."""
    masses = list(_masses_below(cls, values, path))
    if not masses:
        return None
    missing = [where for where, mass in masses if mass is None]
    if missing:
        raise BuildError(
            f"{path}.gross_mass" if path else "gross_mass",
            f"not given, and it cannot be totalled because {missing[0]} is not given",
        )
    total = sum((mass for _, mass in masses if mass is not None), Decimal(0))
    # 850.5 + 120.000 is 970.500: written as 970.5, the way a person writes a total (trailing zeros of
    # the fraction only; an integral total keeps its digits).
    return total.quantize(Decimal(1)) if total == total.to_integral_value() else total.normalize()


def _masses_below(cls: type[XmlModel], values: Mapping[str, Any], path: str) -> Iterator[tuple[str, Decimal | None]]:
    """Each nearest gross mass below a group, or None where a group that would hold one is absent."""
    for child in cls.__xml_children__:
        if child.model is None or not _holds_mass(child.model):
            continue
        where = f"{path}.{child.field}".lstrip(".")
        value = values.get(child.field)
        if value is None:
            if not child.repeated:
                yield where, None
            continue
        elements = [(f"{where}[{i}]", v) for i, v in enumerate(value)] if child.repeated else [(where, value)]
        mass = child.model.__xml_by_name__.get(GROSS_MASS)
        for at, element in elements:
            if mass is not None:
                yield f"{at}.{mass.field}", element.get(mass.field)
            else:
                yield from _masses_below(child.model, element, at)


@cache
def _holds_mass(cls: type[XmlModel]) -> bool:
    """Whether a group has a gross mass or holds a group that has one."""
    return GROSS_MASS in cls.__xml_by_name__ or any(
        c.model is not None and _holds_mass(c.model) for c in cls.__xml_children__
    )


def _describe(child: Child) -> str:
    item = child.item
    de = f" {item.data_element}" if item.data_element else ""
    return f"{item.description}{de}"
