"""Optional cross-check against an official XSD folder the user holds.

ncts5's models enforce the schema themselves; this exists for users who want
the official files' verdict too (``ncts5 validate --xsd DIR``).  The schemas
are compiled once per validator with lxml (about 50 ms), not per file.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from ncts5.errors import NCTSError
from ncts5.messages.catalogue import BY_ROOT_NAME, MESSAGES
from ncts5.messages.meta import XmlModel
from ncts5.report import Finding


class XsdError(NCTSError):
    """The XSD folder is missing, incomplete or not a schema."""


class XsdValidator:
    """Validates raw message bytes against the official schema files (``cc015c.xsd``, …) in a folder."""

    def __init__(self, directory: str | Path) -> None:
        self.directory = Path(directory)
        if not self.directory.is_dir():
            raise XsdError(f"{self.directory}: not a folder of XSD files")
        missing = [m.xsd_file for m in MESSAGES if not (self.directory / m.xsd_file).is_file()]
        if missing:
            raise XsdError(f"{self.directory}: missing {', '.join(missing)}")
        self._schemas: dict[str, etree.XMLSchema] = {}

    def compile_all(self) -> None:
        """Compile every message's schema now, so an unusable folder is reported before any file is read."""
        for m in MESSAGES:
            self.schema(m.root_name)

    def schema(self, message: str) -> etree.XMLSchema:
        """The compiled schema of one message (by root name), compiled on first use."""
        if message not in self._schemas:
            path = self.directory / BY_ROOT_NAME[message].xsd_file
            try:
                parser = etree.XMLParser(no_network=True, resolve_entities=False)
                self._schemas[message] = etree.XMLSchema(etree.parse(str(path), parser))
            except (etree.XMLSchemaParseError, etree.XMLSyntaxError) as exc:
                raise XsdError(f"{path}: not a usable XML schema: {exc}") from None
        return self._schemas[message]

    def findings(self, raw: bytes, message: str) -> list[Finding]:
        """``SCHEMA`` findings for every error the official schema reports."""
        schema = self.schema(message)
        parser = etree.XMLParser(no_network=True, resolve_entities=False, load_dtd=False, huge_tree=False)
        doc = etree.fromstring(raw, parser)
        if schema.validate(doc):
            return []
        out = []
        for e in schema.error_log:
            path, data_element = _ncts_path(e.path, message)
            out.append(
                Finding(
                    "SCHEMA",
                    "error",
                    path or f"line {e.line}",
                    data_element,
                    f"official XSD (line {e.line}): {e.message}",
                    line=e.line or None,
                    column=e.column or None,
                )
            )
        return out


def _ncts_path(path: str | None, message: str) -> tuple[str | None, str | None]:
    """An lxml error path (``/ncts:CC015C/Guarantee/GRN``) in ncts5's form, and its data element.

    ncts5 paths name the root without prefix and give every repeated element its
    1-based index (``/CC015C/Guarantee[1]/GRN``); libxml2 indexes only elements
    that have same-named siblings.
    """
    if not path or not path.startswith("/"):
        return None, None
    entry = BY_ROOT_NAME.get(message)
    cls: type[XmlModel] | None = entry.model() if entry is not None else None
    parts = [f"/{message}"]
    data_element = None
    for step in path.strip("/").split("/")[1:]:
        name, bracket, _ = step.partition("[")
        child = cls.__xml_by_name__.get(name) if cls is not None else None
        if child is None or child.item.attribute:  # not an element ncts5 knows: keep libxml2's spelling
            parts.append(step)
            cls, data_element = None, None
            continue
        parts.append(f"{name}[1]" if child.repeated and not bracket else step)
        cls, data_element = child.model, child.item.data_element
    return "/".join(parts), data_element
