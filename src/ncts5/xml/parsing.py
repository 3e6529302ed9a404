"""Turning untrusted bytes into an lxml tree, safely.

Declarations arrive from other systems and users; a document must never make
ncts5 read a file, touch the network, expand entities or eat unbounded memory.
Everything that could (a DTD, entity declarations, an oversized input) is
refused before or during parsing with a :class:`~ncts5.errors.ParseError`.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from lxml import etree

from ncts5.errors import ParseError
from ncts5.messages.catalogue import BY_ROOT_NAME, NAMESPACE

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
    elif isinstance(data, str) and data.lstrip(_TEXT_START)[:1] == "<":
        raw = _text_to_utf8(data)
        name = None
    elif isinstance(data, str) and not data.strip():
        raise ParseError("empty input: expected NCTS XML text or a file name")
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
        except ValueError:  # e.g. a NUL character: no file can have this name
            raise ParseError("not a file name ncts5 can open, nor XML text", source=repr(name)[:80]) from None
    else:
        raise TypeError(f"expected bytes, XML text or a path, got {type(data).__name__}")
    if len(raw) > max_bytes:
        raise ParseError(f"input is above the {max_bytes}-byte limit", source=name)
    return raw, name


def parse(raw: bytes, *, source: str | None = None) -> etree._Element:
    """Parse bytes into an element tree, refusing DTDs and anything not well-formed."""
    if not raw.strip():
        raise ParseError("empty input: expected an NCTS XML message", source=source)
    if _has_doctype(raw):
        raise ParseError("DTDs and entity declarations are not allowed in NCTS messages", source=source)
    try:
        root = etree.fromstring(raw, _parser())
    except etree.XMLSyntaxError as exc:
        line = exc.lineno if exc.lineno else None
        column = exc.position[1] if line and exc.position and exc.position[1] else None
        msg = str(exc.msg if hasattr(exc, "msg") and exc.msg else exc)
        raise ParseError(_explain_limit(msg), source=source, line=line, column=column) from None
    except ValueError as exc:  # e.g. unicode strings with an encoding declaration
        raise ParseError(f"cannot parse input: {exc}", source=source) from None
    if root is None:
        raise ParseError("no root element", source=source)
    tree = root.getroottree()
    if tree.docinfo.internalDTD is not None or tree.docinfo.doctype:
        raise ParseError("DTDs and entity declarations are not allowed in NCTS messages", source=source)
    return root


#: What may precede XML text's first ``<``: whitespace and a byte order mark.
_TEXT_START = "\ufeff \t\r\n"
_ENCODING_DECLARATION = re.compile(r"""^(\ufeff?<\?xml[^>]*?\sencoding\s*=\s*)(["'])[^"']*\2""")


def _text_to_utf8(text: str) -> bytes:
    """XML given as ``str`` is already decoded: whatever encoding its declaration names, it is now UTF-8."""
    try:
        return _ENCODING_DECLARATION.sub(r"\1\2UTF-8\2", text, count=1).encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ParseError(f"XML text holds a character no XML document can hold: {exc.reason}") from None


#: What may come before the root element: white space, the XML declaration, processing instructions, comments.
_PROLOG_ITEM = re.compile(rb"\s+|<\?.*?\?>|<!--.*?-->", re.S)
_UTF16 = {b"\xff\xfe": "utf-16-le", b"\xfe\xff": "utf-16-be", b"<\x00": "utf-16-le", b"\x00<": "utf-16-be"}


def _has_doctype(raw: bytes) -> bool:
    """True when a document type declaration (a DTD, entity declarations) precedes the root element.

    A DOCTYPE is only allowed in the prolog, so the prolog is scanned rather than a fixed-size
    head: a DTD after a long comment is found, and ``<!DOCTYPE`` inside a comment or a value is not.
    """
    text = raw[3:] if raw.startswith(b"\xef\xbb\xbf") else raw
    encoding = _UTF16.get(text[:2])
    if encoding:
        text = text.decode(encoding, "replace").lstrip("\ufeff").encode("utf-8", "replace")
    pos = 0
    while (m := _PROLOG_ITEM.match(text, pos)) is not None and m.end() > pos:
        pos = m.end()
    return text.startswith(b"<!DOCTYPE", pos)


def _explain_limit(msg: str) -> str:
    """libxml2's wording for its safety limits names a parser flag; say what the limit is instead."""
    if "Excessive depth" in msg:
        return "elements are nested more than 256 levels deep: refused (an NCTS message nests at most 7 levels)"
    if "XML_PARSE_HUGE" in msg:
        return "a single text or attribute value is larger than 10 MB: refused (no NCTS data item is that long)"
    return f"not well-formed XML: {msg}"


def root_name(root: etree._Element, *, source: str | None) -> str:
    """The message name of ``root`` (e.g. ``CC015C``), or a ParseError for a root the catalogue lacks."""
    qname = etree.QName(root)
    if qname.namespace != NAMESPACE or qname.localname not in BY_ROOT_NAME:
        shown = f"{{{qname.namespace}}}{qname.localname}" if qname.namespace else qname.localname
        expected = ", ".join(f"ncts:{k}" for k in sorted(BY_ROOT_NAME))
        raise ParseError(
            f"root element {shown} is not an NCTS message ncts5 reads (expected {expected} in namespace {NAMESPACE})",
            source=source,
        )
    name: str = qname.localname
    return name
