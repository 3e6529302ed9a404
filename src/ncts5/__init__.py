"""ncts5: build, read and validate EU NCTS Release 5 transit declarations before they reach customs.

The public API is small::

    import ncts5

    message = ncts5.from_xml("declaration.xml")      # CC015C or CC170C model
    report = ncts5.validate("declaration.xml")       # schema, DDNTA rules, code lists
    for finding in report.findings:
        print(finding.rule, finding.path, finding.message)
    xml_bytes = message.to_xml()

Heavy modules (the generated models, the rule catalogue) load on first use, so
``import ncts5`` stays cheap for command-line tools.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from ncts5.errors import NCTSError, ParseError, SchemaError, SchemaProblem
from ncts5.messages.catalogue import BY_ROOT_NAME
from ncts5.report import Finding, NotChecked, Report
from ncts5.validation import is_valid, iter_findings, validate
from ncts5.xml.parsing import DEFAULT_MAX_BYTES, Source

if TYPE_CHECKING:
    # Type checkers need the message classes by name; at run time __getattr__ loads them from the
    # catalogue on first use (tests/test_message_catalogue.py keeps both equal to the catalogue).
    from ncts5 import codelists, identifiers, rules
    from ncts5.messages import builder as build
    from ncts5.messages.catalogue import AnyMessage, AnyP6Message, Release
    from ncts5.messages.cc015c import CC015C
    from ncts5.messages.cc170c import CC170C
    from ncts5.messages.message import Message
    from ncts5.upgrading import UpgradeResult

__version__ = "0.1.0"

__all__ = [
    "CC015C",
    "CC170C",
    "Finding",
    "NCTSError",
    "NotChecked",
    "ParseError",
    "Report",
    "SchemaError",
    "SchemaProblem",
    "__version__",
    "build",
    "codelists",
    "from_xml",
    "identifiers",
    "is_valid",
    "iter_findings",
    "rules",
    "upgrade",
    "validate",
]


def from_xml(
    data: Source, *, release: Release | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> AnyMessage | AnyP6Message:
    """Read a message (an IE015 ``CC015C`` or an IE170 ``CC170C``) from bytes, XML text or a path.

    The root's PhaseID chooses the models (``NCTS6``: Phase 6, ``ncts5.messages.p6``; otherwise
    Phase 5) unless ``release`` (``"5"`` or ``"6"``) forces them; a PhaseID that contradicts a
    forced release is a schema problem.  Raises :class:`ParseError` for input that is not a
    readable NCTS message and :class:`SchemaError` listing every schema problem with its XML path.
    """
    from ncts5.xml.reader import from_xml as read

    if release is not None and release not in ("5", "6"):
        raise ValueError(f"release must be '5' or '6', not {release!r}")
    return cast("AnyMessage | AnyP6Message", read(data, release=release, max_bytes=max_bytes))


def upgrade(message_or_source: Message | Source, *, max_bytes: int = DEFAULT_MAX_BYTES) -> UpgradeResult:
    """Rewrite a Phase 5 IE015/IE170 (a model, or XML bytes, text or a path) as Phase 6.

    Returns the Phase 6 model and every :class:`~ncts5.upgrading.Decision` a person has to take
    (values with no Phase 6 place, elements Phase 6 makes mandatory); ``result.complete`` is False
    while any is open, and ``result.to_xml()`` then marks the file as incomplete.  Raises
    :class:`~ncts5.upgrading.UpgradeError` for a Phase 6 input.
    """
    from ncts5.upgrading import upgrade as run

    return run(message_or_source, max_bytes=max_bytes)


def __getattr__(name: str) -> Any:
    entry = BY_ROOT_NAME.get(name)
    if entry is not None:
        return entry.model()
    if name == "build":  # ncts5.build.declaration(...): the builder lives with the models it fills
        import importlib

        return importlib.import_module("ncts5.messages.builder")
    if name in ("codelists", "identifiers", "rules"):
        import importlib

        return importlib.import_module(f"ncts5.{name}")
    raise AttributeError(f"module 'ncts5' has no attribute {name!r}")
