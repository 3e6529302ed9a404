"""The NCTS messages ncts5 supports: the one list the reader, XSD check, rules, CLI and package root read.

Adding a message (phase 6 brings more trader messages) is one entry in :data:`MESSAGES`, then
``python tools/generate_models.py`` to write its models, whose module and class names follow from
the root name (``CC015C`` → ``ncts5.messages.cc015c.CC015C``).  The only other line to touch is the
:data:`AnyMessage` union below, which type checkers need spelled out; a test keeps it equal to
:data:`MESSAGES`.

Each entry belongs to one NCTS release: ``"5"`` (schema 51.8.6, DDNTA 5.15.2; models in
``ncts5.messages``) or ``"6"`` (schema 60.4.16, DDNTA 6.4.1; models in ``ncts5.messages.p6``).
A message's release follows from its root's ``PhaseID`` (:func:`release_of_phase_id`); the one
lookup by root name and release is :func:`message_type`.  :data:`MESSAGES` and
:data:`BY_ROOT_NAME` are the default release's (Phase 5) entries, the names the package root exports.

This module imports no model: a message's models load when :meth:`MessageType.model` is first
called, so validating an IE015 never builds the IE170 classes, nor a Phase 5 file the Phase 6 ones.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING, Literal, TypeAlias, get_args

if TYPE_CHECKING:
    from ncts5.messages.cc015c import CC015C
    from ncts5.messages.cc170c import CC170C
    from ncts5.messages.message import Message
    from ncts5.messages.p6.cc015c import CC015C as P6CC015C
    from ncts5.messages.p6.cc170c import CC170C as P6CC170C

#: Every message model ncts5 reads or writes; keep equal to :data:`MESSAGES` (tests/test_message_catalogue.py checks).
AnyMessage: TypeAlias = "CC015C | CC170C"
#: The same for the Phase 6 models (``ncts5.messages.p6``).
AnyP6Message: TypeAlias = "P6CC015C | P6CC170C"

#: The XML namespace of every NCTS message's root element, Phase 5 and 6 (child elements have none).
NAMESPACE = "http://ncts.dgtaxud.ec"

#: An NCTS release ncts5 reads: Phase 5 or Phase 6.
Release = Literal["5", "6"]
RELEASES: tuple[Release, ...] = get_args(Release)
#: The release of a message whose PhaseID does not name one (PhaseID is optional in both schemas).
DEFAULT_RELEASE: Release = "5"

#: Per release: the schema folder name (as in the official distribution) and the PhaseIDs that name it.
_XSD_FOLDERS: Mapping[Release, str] = MappingProxyType({"5": "p5-51.8.6", "6": "p6-60.4.16"})
_PHASE_IDS: Mapping[Release, tuple[str, ...]] = MappingProxyType({"5": ("NCTS5.0", "NCTS5.1"), "6": ("NCTS6",)})


def release_of_phase_id(phase_id: str | None) -> Release:
    """The release a PhaseID names: ``NCTS6`` → ``"6"``; ``NCTS5.0``, ``NCTS5.1``, none (or junk) → ``"5"``.

    Junk is read as Phase 5 so that its schema check reports the value, as it always has.
    """
    return "6" if phase_id is not None and phase_id.strip() in _PHASE_IDS["6"] else DEFAULT_RELEASE


def phase_ids(release: Release) -> tuple[str, ...]:
    """The PhaseID values that name ``release``."""
    return _PHASE_IDS[release]


@dataclass(frozen=True, slots=True)
class MessageType:
    """One supported message: its XML root name, its IE number and where its models and schema are."""

    root_name: str
    """The root element's local name, e.g. ``CC015C``; also the model class's name."""
    ie: str
    """The message's number in the NCTS specifications, e.g. ``IE015``."""
    title: str
    """What the message is, in a few words."""
    release: Release = DEFAULT_RELEASE
    """The NCTS release whose schema and tables the models follow."""

    @property
    def package(self) -> str:
        """The package of the release's generated models (Phase 5's keep their historical place)."""
        return "ncts5.messages" if self.release == "5" else f"ncts5.messages.p{self.release}"

    @property
    def module(self) -> str:
        """The generated module holding the message's models."""
        return f"{self.package}.{self.root_name.lower()}"

    @property
    def xsd_folder(self) -> str:
        """The name of the release's official schema folder, e.g. ``p6-60.4.16``."""
        return _XSD_FOLDERS[self.release]

    @property
    def phase_ids(self) -> tuple[str, ...]:
        """The PhaseID values a message of this release carries (or it carries none)."""
        return _PHASE_IDS[self.release]

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


_TITLES = (
    ("CC015C", "IE015", "declaration data"),
    ("CC170C", "IE170", "presentation notification for a pre-lodged declaration"),
)

#: Every message of every release.
CATALOGUE: tuple[MessageType, ...] = tuple(MessageType(*t, release=r) for r in RELEASES for t in _TITLES)

_BY_KEY: Mapping[tuple[str, Release], MessageType] = MappingProxyType({(m.root_name, m.release): m for m in CATALOGUE})

#: The default release's messages (Phase 5): the classes the package root exports by name.
MESSAGES: tuple[MessageType, ...] = tuple(m for m in CATALOGUE if m.release == DEFAULT_RELEASE)

#: :data:`MESSAGES` by root name.
BY_ROOT_NAME: Mapping[str, MessageType] = MappingProxyType({m.root_name: m for m in MESSAGES})


def messages(release: Release) -> tuple[MessageType, ...]:
    """The messages of one release."""
    return tuple(m for m in CATALOGUE if m.release == release)


def message_type(root_name: str, release: Release = DEFAULT_RELEASE) -> MessageType:
    """The catalogue entry for a root name and release; ``KeyError`` for a message ncts5 does not support."""
    return _BY_KEY[(root_name, release)]


def message_class(root_name: str, release: Release = DEFAULT_RELEASE) -> type[Message]:
    """The root model class: ``CC015C`` → :class:`ncts5.messages.cc015c.CC015C` (release 6: ``ncts5.messages.p6``)."""
    return _BY_KEY[(root_name, release)].model()


def describe() -> str:
    """The supported messages for people, e.g. ``IE015 CC015C, IE170 CC170C``."""
    return ", ".join(f"{m.ie} {m.root_name}" for m in MESSAGES)
