"""One catalogue of messages: every layer reads ``ncts5.messages.catalogue``; what type checkers need agrees with it."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import ncts5
from ncts5.messages import catalogue
from ncts5.messages.catalogue import MESSAGES, NAMESPACE, message_class
from ncts5.messages.message import Message
from ncts5.rules.registry import rule_places
from ncts5.xml.parsing import root_name
from ncts5.xml.xsd import XsdError, XsdValidator
from tests.conftest import XSD_DIR, need_shared

SRC = Path(__file__).resolve().parent.parent / "src" / "ncts5"
ROOT_NAMES = [m.root_name for m in MESSAGES]


@pytest.mark.parametrize("entry", MESSAGES, ids=ROOT_NAMES)
def test_each_entry_names_its_generated_model(entry: catalogue.MessageType) -> None:
    cls = entry.model()
    assert issubclass(cls, Message)
    assert cls.root_name == entry.root_name == cls.__name__
    assert cls.__module__ == entry.module
    assert (SRC / "messages" / f"{entry.module.rsplit('.', 1)[1]}.py").is_file()
    assert re.fullmatch(r"IE\d{3}", entry.ie)
    assert getattr(ncts5, entry.root_name) is cls  # the package root exports it, loaded on demand


def test_every_generated_message_is_in_the_catalogue() -> None:
    generated = set()
    for path in (SRC / "messages").glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            if isinstance(node, ast.ClassDef) and any(getattr(b, "id", None) == "Message" for b in node.bases):
                generated.add(node.name)
    assert generated == set(ROOT_NAMES)


def test_what_type_checkers_read_agrees_with_the_catalogue() -> None:
    # AnyMessage, the package's __all__ and its TYPE_CHECKING imports are spelled out for type
    # checkers; this keeps them equal to the catalogue when a message is added.
    assert set(re.findall(r"\w+", catalogue.AnyMessage)) == set(ROOT_NAMES)
    assert set(ROOT_NAMES) <= set(ncts5.__all__)
    tree = ast.parse((SRC / "__init__.py").read_text(encoding="utf-8"))
    imported = {
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("ncts5.messages.cc")
        for alias in node.names
    }
    assert imported == set(ROOT_NAMES)


def test_reader_accepts_exactly_the_catalogue() -> None:
    from lxml import etree

    for name in ROOT_NAMES:
        assert root_name(etree.Element(f"{{{NAMESPACE}}}{name}"), source=None) == name
    with pytest.raises(ncts5.ParseError, match=", ".join(f"ncts:{n}" for n in sorted(ROOT_NAMES))):
        root_name(etree.Element(f"{{{NAMESPACE}}}CC013C"), source=None)


def test_rule_places_cover_every_message() -> None:
    messages = {message for places in rule_places().values() for message, _ in places}
    assert messages == set(ROOT_NAMES)


def test_message_class_rejects_unknown_messages() -> None:
    with pytest.raises(KeyError):
        message_class("CC999C")


def test_the_xsd_check_wants_every_catalogue_schema(tmp_path: Path) -> None:
    with pytest.raises(XsdError, match=", ".join(m.xsd_file for m in MESSAGES)):
        XsdValidator(tmp_path)


def test_the_xsd_check_compiles_every_catalogue_schema() -> None:
    validator = XsdValidator(need_shared(XSD_DIR))
    validator.compile_all()
    for name in ROOT_NAMES:
        assert validator.schema(name) is validator.schema(name)  # compiled once
