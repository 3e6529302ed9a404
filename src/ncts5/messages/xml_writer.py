"""Models to XML: the official layout, UTF-8, ``ncts:`` prefix, XML declaration.

Element order and names come from each model's field metadata, so the writer has no knowledge of
its own about the messages and cannot drift from them.  It lives with the models rather than in
:mod:`ncts5.xml` (which reads documents into models) because :meth:`Message.to_xml` is part of
the model's API and the messages layer imports nothing above it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from lxml import etree

from ncts5.messages.catalogue import NAMESPACE
from ncts5.messages.facets import to_text

if TYPE_CHECKING:
    from ncts5.messages.message import Message
    from ncts5.messages.meta import XmlModel


def _fill(parent: etree._Element, model: XmlModel) -> None:
    sub = etree.SubElement
    for child in type(model).__xml_children__:
        value: Any = getattr(model, child.field)
        if value is None:
            continue
        if child.item.attribute:
            parent.set(child.xml_name, to_text(value))
            continue
        values = value if child.repeated else (value,)
        for v in values:
            el = sub(parent, child.xml_name)
            if child.model is not None:
                _fill(el, v)
            else:
                el.text = to_text(v)


def to_element(message: Message) -> etree._Element:
    """The message as an lxml element (for callers who post-process the tree)."""
    root = etree.Element(f"{{{NAMESPACE}}}{message.root_name}", nsmap={"ncts": NAMESPACE})
    for name, value in message._xml_extra_attributes.items():
        root.set(name, value)
    _fill(root, message)
    return root


def write(message: Message, *, pretty: bool = True) -> bytes:
    """Serialise a message to UTF-8 XML bytes with an XML declaration."""
    data: bytes = etree.tostring(to_element(message), xml_declaration=True, encoding="UTF-8", pretty_print=pretty)
    return data
