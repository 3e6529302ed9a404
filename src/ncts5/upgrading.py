"""Rewrite a Phase 5 IE015/IE170 as Phase 6, and list what a person has to decide.

The upgrade knows nothing about either schema by itself: it walks the Phase 5 model and fills the
Phase 6 model of the same root by XML name, reading both releases' generated field metadata (the
one source of truth for what each schema allows).  Where the two differ it records a
:class:`Decision` instead of guessing:

* ``dropped``: a Phase 5 value has no Phase 6 place (in 60.4.16: the goods item's consignee,
  transport charges and transport documents).  The values are kept in the decision.
* ``moved``: such a value has an exactly equivalent Phase 6 place, so it was carried there: every
  goods item of a house consignment gives the same consignee (or charges, or documents) and the
  house consignment gives none or the same.  Reported so that nothing moves unseen; it needs no
  decision.
* ``required``: Phase 6 makes an element mandatory (the transport means' identification and
  nationality, the goods measure's gross mass, the guarantee's amount and currency) and the
  Phase 5 message has none.  No value is invented: the element stays absent.

A result that needs a decision is *incomplete*: :attr:`UpgradeResult.complete` is False, its model
was built without validation and lacks the required elements, and :meth:`UpgradeResult.to_xml`
writes a comment before the root saying the file is not schema-valid, plus one comment at each
place concerned, so an incomplete file never looks finished.  The PhaseID becomes ``NCTS6`` (that
change is the upgrade itself, not a decision).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal, cast

from lxml import etree

from ncts5.errors import NCTSError
from ncts5.messages.catalogue import message_class
from ncts5.messages.facets import to_text
from ncts5.messages.message import Message
from ncts5.messages.xml_writer import to_element
from ncts5.xml.parsing import DEFAULT_MAX_BYTES, Source

if TYPE_CHECKING:
    from ncts5.messages.catalogue import AnyP6Message
    from ncts5.messages.meta import Child, XmlModel

__all__ = ["Decision", "UpgradeError", "UpgradeResult", "upgrade"]

Action = Literal["dropped", "required", "moved"]

#: The PhaseID every upgraded message carries, so that readers take it for Phase 6.
PHASE6_ID = "NCTS6"


class UpgradeError(NCTSError):
    """The input cannot be upgraded (it is already Phase 6)."""


@dataclass(frozen=True, slots=True)
class Decision:
    """One difference between the releases that touched this message."""

    path: str
    """The Phase 5 path concerned (for ``required``: where Phase 6 wants the element)."""
    action: Action
    """``dropped`` (no Phase 6 place), ``required`` (Phase 6 mandatory, Phase 5 had none) or ``moved``."""
    message: str
    """What happened and what a person must decide, in words."""
    values: tuple[tuple[str, str], ...] = ()
    """The Phase 5 values concerned, as (path, XML text) pairs: a dropped value is never lost."""
    target: str | None = None
    """For ``moved``: the Phase 6 path the values went to."""

    @property
    def needs_decision(self) -> bool:
        """True unless the value was carried over exactly (``moved``)."""
        return self.action != "moved"

    def to_dict(self) -> dict[str, Any]:
        """The decision as JSON-ready data (the CLI's ``--format json``)."""
        out: dict[str, Any] = {"path": self.path, "action": self.action, "needs_decision": self.needs_decision}
        out["message"] = self.message
        if self.target is not None:
            out["target"] = self.target
        out["values"] = [{"path": p, "value": v} for p, v in self.values]
        return out


@dataclass(frozen=True, slots=True)
class UpgradeResult:
    """The Phase 6 message built from a Phase 5 one, and every decision the upgrade met."""

    message: AnyP6Message
    """The Phase 6 model.  When :attr:`complete` is False it lacks what the ``required`` decisions name."""
    decisions: tuple[Decision, ...] = field(default=())

    @property
    def complete(self) -> bool:
        """True when nothing needs a person's decision: the message then carries over in full."""
        return not any(d.needs_decision for d in self.decisions)

    @property
    def open_decisions(self) -> tuple[Decision, ...]:
        """The decisions a person still has to take (not the ``moved`` notices)."""
        return tuple(d for d in self.decisions if d.needs_decision)

    def to_xml(self) -> bytes:
        """The Phase 6 XML; an incomplete result is marked as such, before the root and in place."""
        if self.complete:
            return self.message.to_xml()
        root = to_element(self.message)
        for d in self.open_decisions:
            _annotate(root, d)
        open_count = len(self.open_decisions)
        head = etree.Comment(
            _comment_text(
                f"INCOMPLETE Phase 6 upgrade by ncts5: {open_count} decision(s) needed (see the ncts5 "
                "upgrade comments below); do not send this file until they are taken"
            )
        )
        root.addprevious(head)
        data: bytes = etree.tostring(root.getroottree(), xml_declaration=True, encoding="UTF-8", pretty_print=True)
        return data


def upgrade(message_or_source: Message | Source, *, max_bytes: int = DEFAULT_MAX_BYTES) -> UpgradeResult:
    """Upgrade a Phase 5 IE015 or IE170 (a model, or XML as bytes, text or a path) to Phase 6.

    Raises :class:`UpgradeError` for a Phase 6 message, and what :func:`ncts5.from_xml` raises for
    input that is not a readable, schema-valid Phase 5 message.
    """
    if isinstance(message_or_source, Message):
        message = message_or_source
    else:
        from ncts5.xml.reader import from_xml

        message = from_xml(message_or_source, max_bytes=max_bytes)
    if message.release != "5":
        raise UpgradeError(f"{message.root_name} is already Phase 6 (PhaseID NCTS6): nothing to upgrade")
    target = message_class(message.root_name, "6")
    root_path = f"/{message.root_name}"
    converter = _Converter()
    values, gone = converter.fields(message, target, root_path)
    converter.drop(gone)
    values["phase_id"] = PHASE6_ID
    converter.require(target, values, root_path)
    upgraded = target.construct_trusted(values)
    upgraded._xml_extra_attributes = dict(message._xml_extra_attributes)
    return UpgradeResult(cast("AnyP6Message", upgraded), tuple(converter.decisions))


# --------------------------------------------------------------------------- the walk
@dataclass(slots=True)
class _Gone:
    """A Phase 5 child with no place in its Phase 6 parent, offered to the grandparent."""

    child: Child
    value: Any
    path: str
    parent_path: str


class _Converter:
    """Builds Phase 6 field values from a Phase 5 model and collects the decisions."""

    def __init__(self) -> None:
        self.decisions: list[Decision] = []

    def fields(self, source: XmlModel, target: type[XmlModel], path: str) -> tuple[dict[str, Any], list[_Gone]]:
        """The Phase 6 values of ``source``'s fields, and its children Phase 6 has no place for here.

        Children that the groups below could not place are offered to this level (:meth:`lift`).
        """
        values: dict[str, Any] = {}
        gone: list[_Gone] = []
        offered: list[_Gone] = []
        for child in type(source).__xml_children__:
            value = getattr(source, child.field)
            if value is None or (child.repeated and not value):
                continue
            if child.item.attribute and child.xml_name == "PhaseID":
                continue  # replaced by NCTS6
            here = f"{path}/@{child.xml_name}" if child.item.attribute else f"{path}/{child.xml_name}"
            place = target.__xml_by_name__.get(child.xml_name)
            if place is None or place.repeated != child.repeated or (place.model is None) != (child.model is None):
                gone.append(_Gone(child, value, here, path))
                continue
            if place.model is None:
                converted = self._leaf(child, place, value, here)
                if converted is not _NO_PLACE:
                    values[place.field] = converted
                continue
            if not child.repeated:
                values[place.field] = self._group(value, place.model, here, offered)
                continue
            keep = value[: place.item.max_occurs]
            values[place.field] = [self._group(v, place.model, f"{here}[{n}]", offered) for n, v in enumerate(keep, 1)]
            for n, extra in enumerate(value[place.item.max_occurs :], len(keep) + 1):
                self._record_drop(
                    f"{here}[{n}]",
                    f"{_what(child)} number {n} of {_where(path)} is more than the {place.item.max_occurs} "
                    "Phase 6 allows: decide which to keep",
                    _leaves(extra, f"{here}[{n}]", False),
                )
        self.lift(target, values, offered, path)
        return values, gone

    def _group(self, source: XmlModel, target: type[XmlModel], path: str, offered: list[_Gone]) -> XmlModel:
        values, gone = self.fields(source, target, path)
        offered.extend(gone)
        self.require(target, values, path)
        return target.construct_trusted(values)

    def _leaf(self, child: Child, place: Child, value: Any, path: str) -> Any:
        values = value if child.repeated else [value]
        if place.facets is None or place.facets == child.facets:
            return value
        try:
            for v in values:
                place.facets.validate(to_text(v))
        except ValueError as exc:
            self._record_drop(
                path,
                f"{_what(child)} of {_where(path)} is not allowed in Phase 6 ({exc}): give a Phase 6 value",
                _leaves(value, path, child.repeated),
            )
            return _NO_PLACE
        return value

    def lift(self, target: type[XmlModel], values: dict[str, Any], offered: list[_Gone], path: str) -> None:
        """Carry groups that Phase 6 has only at this level up from the level below, when that loses nothing.

        Every child (e.g. every goods item of a house consignment) must give the same value, and this
        level none or the same; otherwise each value is a ``dropped`` decision.
        """
        by_name: dict[tuple[str, str], list[_Gone]] = {}
        for g in offered:
            by_name.setdefault((_level_of(g.parent_path), g.child.xml_name), []).append(g)
        for (kind, name), entries in by_name.items():
            place = target.__xml_by_name__.get(name)
            holder = target.__xml_by_name__.get(kind)
            if place is None or place.model is None or place.repeated != entries[0].child.repeated or holder is None:
                self.drop(entries)
                continue
            held = values.get(holder.field)
            siblings = len(held) if isinstance(held, list) else int(held is not None)
            first = _leaves(entries[0].value, "", entries[0].child.repeated)
            uniform = len(entries) == siblings and all(_leaves(e.value, "", e.child.repeated) == first for e in entries)
            converted = self._silent(entries[0].value, place, f"{path}/{name}") if uniform else None
            existing = values.get(place.field)
            if converted is None or (
                existing not in (None, [])
                and _leaves(existing, "", place.repeated) != _leaves(converted, "", place.repeated)
            ):
                self.drop(entries, level=_LEVELS.get(_level_of(path), _level_of(path)))
                continue
            values[place.field] = converted
            for e in entries:
                self.decisions.append(
                    Decision(
                        e.path,
                        "moved",
                        f"{_what(e.child)} of {_where(e.parent_path)} has no Phase 6 place at that level; every "
                        f"{_LEVELS.get(kind, kind)} of {_where(path)} gives the same, so it was carried to "
                        f"{_where(path)}",
                        tuple(_leaves(e.value, e.path, e.child.repeated)),
                        f"{path}/{name}",
                    )
                )

    def _silent(self, value: Any, place: Child, path: str) -> Any:
        """``value`` converted to ``place``'s models, or None when that would need any decision."""
        assert place.model is not None
        trial = _Converter()
        offered: list[_Gone] = []
        items = value if place.repeated else [value]
        if len(items) > place.item.max_occurs:
            return None
        converted = [trial._group(v, place.model, f"{path}[{n}]", offered) for n, v in enumerate(items, 1)]
        if trial.decisions or offered:
            return None
        return converted if place.repeated else converted[0]

    def drop(self, entries: list[_Gone], level: str | None = None) -> None:
        """Record each value as having no Phase 6 place."""
        for e in entries:
            what = _what(e.child)
            if level:
                kind = _LEVELS.get(_level_of(e.parent_path), _level_of(e.parent_path))
                hint = (
                    f"give the {what[0].lower()}{what[1:]} at {level} level (its {kind}s differ, so ncts5 "
                    f"cannot), or split the {level}"
                )
            else:
                hint = "decide where, if anywhere, the information goes in Phase 6"
            self._record_drop(
                e.path,
                f"{what} of {_where(e.parent_path)} has no Phase 6 place: {hint}",
                _leaves(e.value, e.path, e.child.repeated),
            )

    def _record_drop(self, path: str, message: str, leaves: list[tuple[str, str]]) -> None:
        self.decisions.append(Decision(path, "dropped", message, tuple(leaves)))

    def require(self, target: type[XmlModel], values: dict[str, Any], path: str) -> None:
        """A ``required`` decision for each element Phase 6 makes mandatory that ``values`` lacks."""
        for place in target.__xml_children__:
            if place.item.min_occurs < 1 or values.get(place.field) not in (None, []):
                continue
            where = f"{path}/@{place.xml_name}" if place.item.attribute else f"{path}/{place.xml_name}"
            self.decisions.append(
                Decision(
                    where,
                    "required",
                    f"{_what(place)} of {_where(path)} is mandatory in Phase 6 and the Phase 5 message has "
                    "none: supply it (ncts5 does not invent a value)",
                )
            )


_NO_PLACE: Any = object()


# --------------------------------------------------------------------------- wording
_LEVELS = {
    "ConsignmentItem": "goods item",
    "HouseConsignment": "house consignment",
    "Consignment": "consignment",
}


def _what(child: Child) -> str:
    """A data group or item in words, with its data element number, e.g. ``Consignee (13 03 000 000)``."""
    text = child.item.description
    text = text.capitalize() if text.isupper() else text
    return f"{text} ({child.item.data_element})" if child.item.data_element else text


def _where(path: str) -> str:
    """A path in words, innermost first: ``goods item 3 of house consignment 1`` (positions in the file)."""
    parts: list[str] = []
    for step in reversed(path.strip("/").split("/")):
        m = re.fullmatch(r"(\w+)(?:\[(\d+)\])?", step)
        if m is None:
            continue
        name, n = m.group(1), m.group(2)
        if not parts and name not in _LEVELS and name != path.strip("/").split("/")[0]:
            parts.append(f"{name} {n}" if n else name)
        elif name in _LEVELS and (n or len(parts) < 2):
            parts.append(f"{_LEVELS[name]} {n}" if n else f"the {_LEVELS[name]}")
    return " of ".join(parts) if parts else f"the {path.strip('/').split('/')[0]} message"


def _level_of(path: str) -> str:
    """The XML name of a path's last step, without its position: ``.../ConsignmentItem[3]`` → ``ConsignmentItem``."""
    return re.sub(r"\[\d+\]$", "", path.rsplit("/", 1)[-1])


def _leaves(value: Any, path: str, repeated: bool) -> list[tuple[str, str]]:
    """Every leaf of a Phase 5 value as (path, XML text)."""
    if repeated:
        return [leaf for n, v in enumerate(value, 1) for leaf in _leaves(v, f"{path}[{n}]", False)]
    if not hasattr(type(value), "__xml_children__"):
        return [(path, to_text(value))]
    out: list[tuple[str, str]] = []
    for child in type(value).__xml_children__:
        v = getattr(value, child.field)
        if v is None or (child.repeated and not v):
            continue
        here = f"{path}/@{child.xml_name}" if child.item.attribute else f"{path}/{child.xml_name}"
        if child.model is None:
            out += (
                [(f"{here}[{n}]", to_text(x)) for n, x in enumerate(v, 1)] if child.repeated else [(here, to_text(v))]
            )
        else:
            out += _leaves(v, here, child.repeated)
    return out


# --------------------------------------------------------------------------- marking an incomplete file
def _comment_text(text: str) -> str:
    """Text safe inside an XML comment (no ``--``, no trailing ``-``), padded with spaces."""
    return f" {re.sub('-{2,}', '-', text).rstrip('-')} "


def _annotate(root: etree._Element, decision: Decision) -> None:
    """Put a comment where the decision's element is (or would be) in the written tree."""
    steps = decision.path.strip("/").split("/")[1:]
    if steps and steps[-1].startswith("@"):
        steps = steps[:-1]
    parent_steps = steps[:-1] if steps else []
    found = root.xpath("/".join(parent_steps)) if parent_steps else [root]
    parent = found[0] if isinstance(found, list) and found and isinstance(found[0], etree._Element) else None
    text = f"ncts5 upgrade, {decision.action}: {decision.message}"
    if decision.values:  # the Phase 5 values, so whoever edits the file has them at hand
        shown = (f"{p.removeprefix(decision.path).lstrip('/') or '.'}={v}" for p, v in decision.values)
        text += f"; Phase 5 values: {', '.join(shown)}"
    note = etree.Comment(_comment_text(text))
    if parent is None:
        root.insert(0, note)
        return
    name = re.sub(r"\[\d+\]$", "", steps[-1]) if steps else ""
    index = len(parent)
    for i, el in enumerate(parent):
        if isinstance(el.tag, str) and el.tag == name:
            index = i
            break
    parent.insert(index, note)
