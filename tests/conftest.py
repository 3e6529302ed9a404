"""Shared fixtures: the repository's examples and the read-only reference folder."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SHARED = ROOT.parent / "shared"
XSD_DIR = SHARED / "xsd" / "p5-51.8.6"
SAMPLES = SHARED / "samples" / "hmrc-validator"
REFERENCE = SHARED / "reference"


def need_shared(path: Path) -> Path:
    """Skip the calling test, with the reason, when the reference folder is not beside the repo."""
    if not path.exists():
        pytest.skip(f"reference material not found at {path} (../shared beside the repository)")
    return path
