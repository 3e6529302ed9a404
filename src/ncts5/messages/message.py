"""The base class of every root message (the catalogue in :mod:`ncts5.messages.catalogue` lists them)."""

from __future__ import annotations

from typing import ClassVar

from pydantic import PrivateAttr

from ncts5.messages.catalogue import DEFAULT_RELEASE, Release
from ncts5.messages.meta import XmlModel
from ncts5.messages.xml_writer import write


class Message(XmlModel):
    """A whole NCTS message: knows its XML root name and writes itself as XML."""

    root_name: ClassVar[str] = ""
    release: ClassVar[Release] = DEFAULT_RELEASE
    """The NCTS release whose schema the model follows (Phase 6 models say ``"6"``)."""
    # xsi:schemaLocation and friends on the root: kept so a round trip loses nothing.
    _xml_extra_attributes: dict[str, str] = PrivateAttr(default_factory=dict)

    def to_xml(self) -> bytes:
        """UTF-8 XML with an XML declaration and the ``ncts:`` namespace prefix."""
        return write(self)
