"""Turning untrusted bytes into an lxml tree, safely.

Declarations arrive from other systems and users; a document must never make
ncts5 read a file, touch the network, expand entities or eat unbounded memory.
Everything that could (a DTD, entity declarations, an oversized input) is
refused before or during parsing with a :class:`~ncts5.errors.ParseError`.
"""

from __future__ import annotations

import os
from pathlib import Path

from lxml import etree

from ncts5.errors import ParseError

NAMESPACE = "http://ncts.dgtaxud.ec"
#: Default cap on input size. The largest realistic declaration is a few MB; the cap
#: stops a hostile or runaway file before it is read. Override with ``max_bytes``.
DEFAULT_MAX_BYTES = 64 * 1024 * 1024

Source = bytes | str | os.PathLike[str]


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
        collect_ids=False,
    )


def read_source(data: Source, *, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[bytes, str | None]:
    """Return the raw bytes and a display name for ``data``.

    A ``str`` that starts with ``<`` (after whitespace) is XML text; any other
    ``str`` or a path-like object names a file.
    """
    if isinstance(data, bytes | bytearray | memoryview):
        raw = bytes(data)
        name = None
    elif isinstance(data, str) and data.lstrip()[:1] == "<":
        raw = data.encode("utf-8")
        name = None
    elif isinstance(data, str | os.PathLike):
        path = Path(data)
        name = str(path)
        try:
            size = path.stat().st_size
            if size > max_bytes:
                raise ParseError(f"file is {size} bytes, above the {max_bytes}-byte limit", source=name)
            with path.open("rb") as fh:
                raw = fh.read(max_bytes + 1)
        except ParseError:
            raise
        except IsADirectoryError:
            raise ParseError("is a directory, not an XML file", source=name) from None
        except OSError as exc:
            raise ParseError(f"cannot read file: {exc.strerror or exc}", source=name) from None
    else:
        raise TypeError(f"expected bytes, XML text or a path, got {type(data).__name__}")
    if len(raw) > max_bytes:
        raise ParseError(f"input is above the {max_bytes}-byte limit", source=name)
    return raw, name


def parse(raw: bytes, *, source: str | None = None) -> etree._Element:
    """Parse bytes into an element tree, refusing DTDs and anything not well-formed."""
    if not raw.strip():
        raise ParseError("empty input: expected an NCTS XML message", source=source)
    head = raw[:4096]
    if b"<!DOCTYPE" in head or b"<\x00!\x00D\x00O\x00C" in head or b"<!ENTITY" in head:
        raise ParseError("DTDs and entity declarations are not allowed in NCTS messages", source=source)
    try:
        root = etree.fromstring(raw, _parser())
    except etree.XMLSyntaxError as exc:
        line = exc.lineno if exc.lineno else None
        msg = str(exc.msg if hasattr(exc, "msg") and exc.msg else exc)
        raise ParseError(f"not well-formed XML: {msg}", source=source, line=line) from None
    except ValueError as exc:  # e.g. unicode strings with an encoding declaration
        raise ParseError(f"cannot parse input: {exc}", source=source) from None
    if root is None:
        raise ParseError("no root element", source=source)
    tree = root.getroottree()
    if tree.docinfo.internalDTD is not None or tree.docinfo.doctype:
        raise ParseError("DTDs and entity declarations are not allowed in NCTS messages", source=source)
    return root


def root_name(root: etree._Element, *, source: str | None, known: set[str]) -> str:
    """The message name of ``root`` (e.g. ``CC015C``), or a ParseError for any other root."""
    qname = etree.QName(root)
    if qname.namespace != NAMESPACE or qname.localname not in known:
        shown = f"{{{qname.namespace}}}{qname.localname}" if qname.namespace else qname.localname
        expected = ", ".join(f"ncts:{k}" for k in sorted(known))
        raise ParseError(
            f"root element {shown} is not an NCTS message ncts5 reads (expected {expected} in namespace {NAMESPACE})",
            source=source,
        )
    return qname.localname
