"""Shared fixtures: the repository's examples and the read-only reference folder."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SHARED = ROOT.parent / "shared"
XSD_DIR = SHARED / "xsd" / "p5-51.8.6"
XSD_DIR_P6 = SHARED / "xsd" / "p6-60.4.16"
SAMPLES = SHARED / "samples" / "hmrc-validator"
REFERENCE = SHARED / "reference"


def need_shared(path: Path) -> Path:
    """Skip the calling test, with the reason, when the reference folder is not beside the repo."""
    if not path.exists():
        pytest.skip(f"reference material not found at {path} (../shared beside the repository)")
    return path


@pytest.fixture(scope="session")
def xsd_schemas() -> dict[str, object]:
    """The official schemas, compiled once with xmlschema (XSD 1.1), keyed by message name."""
    need_shared(XSD_DIR)
    import xmlschema

    return {
        "CC015C": xmlschema.XMLSchema11(str(XSD_DIR / "cc015c.xsd")),
        "CC170C": xmlschema.XMLSchema11(str(XSD_DIR / "cc170c.xsd")),
    }


@pytest.fixture(scope="session")
def xsd_schemas_p6() -> dict[str, object]:
    """The Phase 6 schemas (60.4.16), compiled once with xmlschema (XSD 1.1), keyed by message name."""
    need_shared(XSD_DIR_P6)
    import xmlschema

    return {
        "CC015C": xmlschema.XMLSchema11(str(XSD_DIR_P6 / "cc015c.xsd")),
        "CC170C": xmlschema.XMLSchema11(str(XSD_DIR_P6 / "cc170c.xsd")),
    }


def canonical(xml: bytes) -> str:
    """C14N 2.0 without comments and insignificant whitespace: the form round trips are compared in."""
    from lxml import etree

    parser = etree.XMLParser(remove_blank_text=True, remove_comments=True)
    tree = etree.fromstring(xml, parser)
    return etree.canonicalize(etree.tostring(tree).decode("utf-8"), strip_text=True, with_comments=False)
