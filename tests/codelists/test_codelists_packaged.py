"""The lists shipped inside the package: well-formed, named as the DDNTA names them, up to date."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest

from ncts5 import codelists
from ncts5.codelists.catalogue import LARGE_LISTS, NAMES

REPO = Path(__file__).resolve().parents[2]

#: Message lists that are not packaged on purpose: too large or changing too often (offices,
#: CUS, UN numbers, HS, UN/LOCODE, package kinds), or only known from sources that ncts5 may
#: not copy (document types, units, postcode countries). All come with the official import.
NOT_PACKAGED = {"CL190", "CL213", "CL214", "CL349", "CL380", "CL754"} | (
    LARGE_LISTS & set(codelists.list_ids_used_by_messages())
)


def test_every_packaged_file_decodes_and_matches_the_catalogue() -> None:
    ids = codelists.packaged_ids()
    assert len(ids) >= 30
    for list_id in ids:
        code_list = codelists.get(list_id)
        assert code_list.source == "packaged"
        assert code_list.id == list_id
        assert code_list.name == NAMES[list_id]
        assert code_list.origin
        codes = [e.code for e in code_list.entries]
        assert codes, list_id
        assert len(codes) == len(set(codes)), f"{list_id} has duplicate codes"
        assert all(code == code.strip() and code for code in codes), list_id


def test_every_message_list_is_packaged_or_deliberately_left_to_import() -> None:
    used = set(codelists.list_ids_used_by_messages())
    packaged = codelists.packaged_ids() & used
    assert packaged | NOT_PACKAGED == used
    assert not packaged & NOT_PACKAGED
    assert {"CL231", "CL251", "CL048", "CL008", "CL218", "CL027", "CL060"} <= packaged


def test_subsets_are_inside_the_full_country_list() -> None:
    full = codelists.get("CL008").codes()
    for subset in ("CL009", "CL010", "CL112", "CL147", "CL165", "CL248"):
        assert codelists.get(subset).codes() <= full, subset
    assert codelists.get("CL010").codes() <= codelists.get("CL009").codes()
    assert {"XI", "XC", "XL", "XK"} <= full
    assert len(codelists.get("CL010").codes() - {"XI"}) == 27


def test_guarantee_type_subsets_are_inside_guarantee_types() -> None:
    all_types = codelists.get("CL251").codes()
    for subset in ("CL076", "CL286", "CL229", "CL230"):
        assert codelists.get(subset).codes() <= all_types, subset
    assert codelists.get("CL286").codes() <= codelists.get("CL076").codes()


def test_packaged_files_are_installed_as_package_data() -> None:
    # The lead's pyproject ships "codelists/data/*.json"; every list must live exactly there.
    data = resources.files("ncts5.codelists").joinpath("data")
    names = sorted(item.name for item in data.iterdir() if item.name.endswith(".json"))
    assert names == sorted(f"{i}.json" for i in codelists.packaged_ids())
    sample = json.loads(data.joinpath("CL231.json").read_text(encoding="utf-8"))
    assert set(sample) == {"id", "name", "origin", "snapshot_date", "complete", "entries"}


def test_generated_files_are_up_to_date() -> None:
    """tools/update_codelists.py --check: generated lists match pycountry, hand-written ones are canonical."""
    script = REPO / "tools" / "update_codelists.py"
    if not script.is_file():
        pytest.skip("tools/update_codelists.py is not part of this checkout")
    done = subprocess.run([sys.executable, str(script), "--check"], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
