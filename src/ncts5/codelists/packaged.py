"""The code lists shipped inside the package (``ncts5/codelists/data/CLnnn.json``).

They are the default when nothing has been imported, so that a fresh install already
catches a wrong declaration type or currency. Each file records its own origin and
snapshot date; ``tools/update_codelists.py`` regenerates the ones derived from pycountry.
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable

from ncts5.codelists.codec import decode
from ncts5.codelists.errors import CodeListStoreError
from ncts5.codelists.model import CodeList

_FILE_RE = re.compile(r"^(CL\d{3})\.json$")


def _data_dir() -> Traversable:
    return resources.files("ncts5.codelists").joinpath("data")


@cache
def packaged_ids() -> frozenset[str]:
    """Ids of every list shipped with the package."""
    found = set()
    for item in _data_dir().iterdir():
        match = _FILE_RE.match(item.name)
        if match:
            found.add(match.group(1))
    return frozenset(found)


@cache
def load_packaged(list_id: str) -> CodeList | None:
    """The packaged list *list_id*, or None when ncts5 does not ship it."""
    if list_id not in packaged_ids():
        return None
    item = _data_dir().joinpath(f"{list_id}.json")
    try:
        code_list = decode(json.loads(item.read_text(encoding="utf-8")), "packaged")
    except (OSError, ValueError) as exc:  # DecodeError and JSONDecodeError are ValueErrors
        raise CodeListStoreError(str(item), f"packaged code list is damaged: {exc}") from exc
    if code_list.id != list_id:
        raise CodeListStoreError(str(item), f"packaged file holds {code_list.id}, expected {list_id}")
    return code_list


def reset() -> None:
    """Forget cached packaged lists (tests that swap the data folder)."""
    packaged_ids.cache_clear()
    load_packaged.cache_clear()
