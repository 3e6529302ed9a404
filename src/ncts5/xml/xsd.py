"""Optional cross-check against the official XSD files the user holds, per NCTS release.

ncts5's models enforce the schema themselves; this exists for users who want
the official files' verdict too (``ncts5 validate --xsd DIR``).  ``DIR`` is either

* one release's schema folder (``cc015c.xsd``, ``cc170c.xsd``, … directly in it), as distributed;
  its release is read from the ``version`` of its ``cc015c.xsd`` (``51.x`` → Phase 5, ``60.x`` →
  Phase 6), or
* a folder holding one such folder per release, e.g. ``p5-51.8.6/`` and ``p6-60.4.16/`` side by
  side (any subfolder names: each subfolder's release is read from its schema version).

Each message is checked against the schema of the release it is read under.  A message of a release
the folder has no schema for gets one ``SCHEMA`` error saying which folder to give instead: the
official verdict was asked for and could not be given, and a batch of mixed releases carries on.
The schemas are compiled once per validator with lxml (about 50 ms per release), not per file.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType

from lxml import etree

from ncts5.errors import NCTSError
from ncts5.messages.catalogue import DEFAULT_RELEASE, RELEASES, Release, message_type, messages
from ncts5.messages.meta import XmlModel
from ncts5.report import Finding


class XsdError(NCTSError):
    """The XSD folder is missing, incomplete or not a schema."""


def schema_version(release: Release) -> str:
    """The schema version ncts5's models of ``release`` follow, e.g. ``60.4.16`` (from the folder name)."""
    return messages(release)[0].xsd_folder.partition("-")[2]


def _release_of_version(version: str) -> Release | None:
    """The release whose schema versions share ``version``'s major number (``60.4.17`` → ``"6"``)."""
    major = version.strip().partition(".")[0]
    for r in RELEASES:
        if schema_version(r).partition(".")[0] == major:
            return r
    return None


def _describe(release: Release, version: str) -> str:
    return f"schema {version} (Phase {release})"


def _parse(path: Path) -> etree._ElementTree:
    try:
        parser = etree.XMLParser(no_network=True, resolve_entities=False)
        return etree.parse(str(path), parser)
    except etree.XMLSyntaxError as exc:
        raise XsdError(f"{path}: not a usable XML schema: {exc}") from None


class XsdValidator:
    """Validates raw message bytes against the official schema of their release (see the module doc)."""

    def __init__(self, directory: str | Path) -> None:
        self.directory = Path(directory)
        if not self.directory.is_dir():
            raise XsdError(f"{self.directory}: not a folder of XSD files")
        folders: dict[Release, tuple[Path, str]] = {}
        files = [m.xsd_file for m in messages(DEFAULT_RELEASE)]
        candidates = [self.directory] if (self.directory / files[0]).is_file() else _release_folders(self.directory)
        if not candidates:
            raise XsdError(
                f"{self.directory}: missing {', '.join(files)} "
                f"(give a release's schema folder, or a folder holding one per release such as "
                f"{', '.join(messages(r)[0].xsd_folder + '/' for r in RELEASES)})"
            )
        for folder in candidates:
            release, version = self._release_of_folder(folder)
            if release in folders:
                raise XsdError(
                    f"{self.directory}: two folders of Phase {release} schemas ({folders[release][0].name}, "
                    f"{folder.name}): keep one"
                )
            folders[release] = (folder, version)
        self.folders: Mapping[Release, tuple[Path, str]] = MappingProxyType(folders)
        """Per release the folder holding its schemas and their version."""
        self._schemas: dict[tuple[str, Release], etree.XMLSchema] = {}

    @staticmethod
    def _release_of_folder(folder: Path) -> tuple[Release, str]:
        missing = [m.xsd_file for m in messages(DEFAULT_RELEASE) if not (folder / m.xsd_file).is_file()]
        if missing:
            raise XsdError(f"{folder}: missing {', '.join(missing)}")
        path = folder / messages(DEFAULT_RELEASE)[0].xsd_file
        version = _parse(path).getroot().get("version")
        release = _release_of_version(version) if version else None
        if version is None or release is None:
            known = ", ".join(_describe(r, schema_version(r)) for r in RELEASES)
            found = f"version {version!r}" if version else "no version attribute"
            raise XsdError(f"{path}: {found}, so its NCTS release is unknown (ncts5 knows {known})")
        return release, version

    @property
    def releases(self) -> tuple[Release, ...]:
        """The releases this folder has schemas for."""
        return tuple(r for r in RELEASES if r in self.folders)

    def compile_all(self) -> None:
        """Compile every message's schema now, so an unusable folder is reported before any file is read."""
        for release in self.releases:
            for m in messages(release):
                self.schema(m.root_name, release)

    def schema(self, message: str, release: Release = DEFAULT_RELEASE) -> etree.XMLSchema:
        """The compiled schema of one message (by root name) of ``release``, compiled on first use."""
        key = (message, release)
        if key not in self._schemas:
            folder = self._folder(release)
            path = folder / message_type(message, release).xsd_file
            try:
                self._schemas[key] = etree.XMLSchema(_parse(path))
            except etree.XMLSchemaParseError as exc:
                raise XsdError(f"{path}: not a usable XML schema: {exc}") from None
        return self._schemas[key]

    def _folder(self, release: Release) -> Path:
        if release not in self.folders:
            raise XsdError(self._missing_release(release))
        return self.folders[release][0]

    def _missing_release(self, release: Release) -> str:
        held = " and ".join(_describe(r, v) for r, (_, v) in sorted(self.folders.items()))
        wanted = messages(release)[0].xsd_folder
        every = ", ".join(messages(r)[0].xsd_folder + "/" for r in RELEASES)
        return (
            f"official XSD check not run: the XSD folder {self.directory} is {held} but the message is "
            f"Phase {release}: give the {schema_version(release)} folder ({wanted}/), or a folder holding "
            f"both ({every})"
        )

    def findings(self, raw: bytes, message: str, release: Release = DEFAULT_RELEASE) -> list[Finding]:
        """``SCHEMA`` findings for every error the official schema of ``release`` reports.

        Without a schema of that release in the folder: one ``SCHEMA`` error saying which folder to give.
        """
        if release not in self.folders:
            return [Finding("SCHEMA", "error", f"/{message}", None, self._missing_release(release))]
        schema = self.schema(message, release)
        parser = etree.XMLParser(no_network=True, resolve_entities=False, load_dtd=False, huge_tree=False)
        doc = etree.fromstring(raw, parser)
        if schema.validate(doc):
            return []
        out = []
        for e in schema.error_log:
            path, data_element = _ncts_path(e.path, message, release)
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


def _release_folders(directory: Path) -> list[Path]:
    """The subfolders of ``directory`` that hold schema files (one per release, e.g. ``p5-51.8.6``)."""
    first = messages(DEFAULT_RELEASE)[0].xsd_file
    return sorted(p for p in directory.iterdir() if p.is_dir() and (p / first).is_file())


def _ncts_path(path: str | None, message: str, release: Release) -> tuple[str | None, str | None]:
    """An lxml error path (``/ncts:CC015C/Guarantee/GRN``) in ncts5's form, and its data element.

    ncts5 paths name the root without prefix and give every repeated element its
    1-based index (``/CC015C/Guarantee[1]/GRN``); libxml2 indexes only elements
    that have same-named siblings.  The data elements come from ``release``'s models.
    """
    if not path or not path.startswith("/"):
        return None, None
    try:
        cls: type[XmlModel] | None = message_type(message, release).model()
    except KeyError:
        cls = None
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
