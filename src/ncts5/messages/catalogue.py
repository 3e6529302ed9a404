"""The NCTS messages ncts5 supports: the one list the reader, XSD check, rules, CLI and package root read.

Adding a message (phase 6 brings more trader messages) is one entry in :data:`MESSAGES`, then
``python tools/generate_models.py`` to write its models, whose module and class names follow from
the root name (``CC015C`` → ``ncts5.messages.cc015c.CC015C``).  The only other line to touch is the
:data:`AnyMessage` union below, which type checkers need spelled out; a test keeps it equal to
:data:`MESSAGES`.

This module imports no model: a message's models load when :meth:`MessageType.model` is first
called, so validating an IE015 never builds the IE170 classes.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING, TypeAlias

if TYPE_CHECKING:
    from ncts5.messages.cc015c import CC015C
    from ncts5.messages.cc170c import CC170C
    from ncts5.messages.message import Message

#: Every message model ncts5 reads or writes; keep equal to :data:`MESSAGES` (tests/test_message_catalogue.py checks).
AnyMessage: TypeAlias = "CC015C | CC170C"

#: The XML namespace of every NCTS phase 5 message's root element (child elements have none).
NAMESPACE = "http://ncts.dgtaxud.ec"


@dataclass(frozen=True, slots=True)
class MessageType:
    """One supported message: its XML root name, its IE number and where its models and schema are."""

    root_name: str
    """The root element's local name, e.g. ``CC015C``; also the model class's name."""
    ie: str
    """The message's number in the NCTS specifications, e.g. ``IE015``."""
    title: str
    """What the message is, in a few words."""

    @property
    def module(self) -> str:
        """The generated module holding the message's models."""
        return f"ncts5.messages.{self.root_name.lower()}"

    @property
    def class_name(self) -> str:
        """The root model's class name in :attr:`module`."""
        return self.root_name

    @property
    def xsd_file(self) -> str:
        """The message's schema file in the official XSD folder."""
        return f"{self.root_name.lower()}.xsd"

    def model(self) -> type[Message]:
        """The root model class, importing the message's models on first use."""
        cls: type[Message] = getattr(importlib.import_module(self.module), self.class_name)
        return cls


MESSAGES: tuple[MessageType, ...] = (
    MessageType("CC015C", "IE015", "declaration data"),
    MessageType("CC170C", "IE170", "presentation notification for a pre-lodged declaration"),
)

#: :data:`MESSAGES` by root name.
BY_ROOT_NAME: Mapping[str, MessageType] = MappingProxyType({m.root_name: m for m in MESSAGES})


def message_type(root_name: str) -> MessageType:
    """The catalogue entry for a root name; ``KeyError`` for a message ncts5 does not support."""
    return BY_ROOT_NAME[root_name]


def message_class(root_name: str) -> type[Message]:
    """The root model class for a root name (``CC015C`` → :class:`ncts5.messages.cc015c.CC015C`)."""
    return BY_ROOT_NAME[root_name].model()


def describe() -> str:
    """The supported messages for people, e.g. ``IE015 CC015C, IE170 CC170C``."""
    return ", ".join(f"{m.ie} {m.root_name}" for m in MESSAGES)
