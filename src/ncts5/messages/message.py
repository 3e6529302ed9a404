"""The base class of the two root messages, CC015C and CC170C."""

from __future__ import annotations

from typing import ClassVar

from pydantic import PrivateAttr

from ncts5.messages.meta import XmlModel


class Message(XmlModel):
    """A whole NCTS message: knows its XML root name and writes itself as XML."""

    root_name: ClassVar[str] = ""
    # xsi:schemaLocation and friends on the root: kept so a round trip loses nothing.
    _xml_extra_attributes: dict[str, str] = PrivateAttr(default_factory=dict)

    def to_xml(self) -> bytes:
        """UTF-8 XML with an XML declaration and the ``ncts:`` namespace prefix."""
        from ncts5.xml.writer import write

        return write(self)
