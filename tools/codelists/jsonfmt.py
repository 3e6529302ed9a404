"""The canonical text of a packaged code list file: JSON with one entry per line.

One entry per line keeps a review diff to the codes that changed, which is what a reviewer
of a code list update needs to see.
"""

from __future__ import annotations

import json
from typing import Any

HEADER_KEYS = ("id", "name", "origin", "snapshot_date", "complete")


def dumps(obj: dict[str, Any]) -> str:
    """*obj* (a list file: header keys, then ``entries``) as canonical text."""
    unknown = set(obj) - {*HEADER_KEYS, "entries"}
    if unknown:
        raise ValueError(f"unexpected keys in code list file: {sorted(unknown)}")
    lines = ["{"]
    for key in HEADER_KEYS:
        lines.append(f"  {json.dumps(key)}: {json.dumps(obj[key], ensure_ascii=False)},")
    lines.append('  "entries": [')
    entries = obj["entries"]
    for i, entry in enumerate(entries):
        comma = "," if i < len(entries) - 1 else ""
        lines.append(f"    {json.dumps(entry, ensure_ascii=False)}{comma}")
    lines.append("  ]")
    lines.append("}")
    return "\n".join(lines) + "\n"
