#!/usr/bin/env python3
"""Build the packaged code lists and customs office list from an official reference data payload.

    python tools/update_codelists.py ../shared/reference/csrd2 \
        --overview ../shared/reference/ddnta-q2-p6/CodeListOverview-2025-07-01-PROD.csv
    python tools/update_codelists.py RD_NCTS-P5.json.gz COL-Generic-20250212.json.gz --overview FILE.csv
    python tools/update_codelists.py --check [PAYLOAD... --overview FILE.csv]

The official NCTS reference data (``RD_NCTS-P5.json.gz``: every code list by name;
``COL-Generic-YYYYMMDD.json.gz``: the customs office list) is what customs check a declaration
against, so it is what ncts5 ships: this tool reads the payload with the same importer users run
(``ncts5 codelists import``: the same shape check, the same meaning of its dates), and writes

* ``src/ncts5/codelists/data/official/CLnnn.json.gz``: one list each, gzip (no timestamp, so the
  bytes only change when the data does), entries as compact rows;
* ``src/ncts5/codelists/data/official/offices.json.gz``: the customs office list with roles;
* ``src/ncts5/codelists/data/official.json``: the provenance record (payload files, their sha256,
  message ids and snapshot dates, this generator) and an index of every file with its entry count
  and sha256, which ncts5 checks when it loads a file; with ``--overview``, each list's one-line
  description from the official code list overview (a CSV with ``CL_NUMBER`` and ``DESCRIPTION``
  columns), which ``ncts5 explain CLnnn`` shows.

The lists the official payload does not carry (CL027 Flag, CL060 MessageTypes, CL192
LanguageByCustoms) are written by hand from the specification in
``src/ncts5/codelists/data/CLnnn.json``; this tool refuses to overwrite them and ``--check``
verifies their layout.

``--check`` verifies the packaged files against the index (checksums, counts, layout) and, when
payload files are given, that regenerating from them gives byte-identical files: the test suite
runs it with the snapshot in ``../shared/reference/csrd2``.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DATA = REPO / "src" / "ncts5" / "codelists" / "data"
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(REPO / "src"))

from codelists.jsonfmt import dumps  # noqa: E402

from ncts5.codelists.catalogue import NAMES  # noqa: E402
from ncts5.codelists.codec import decode, encode  # noqa: E402
from ncts5.codelists.importer import ParsedFile, read_reference_data  # noqa: E402
from ncts5.codelists.offices import encode_offices  # noqa: E402
from ncts5.codelists.packaged import INDEX_NAME, OFFICES_FILE, OFFICIAL_DIR  # noqa: E402

GENERATOR = "tools/update_codelists.py"
#: Lists with more entries than this keep their descriptions and version dates in a second file.
LARGE = 10_000
MORE_COLUMNS = ("description", "version_from")


def gzip_bytes(obj: Any) -> bytes:
    """*obj* as compact UTF-8 JSON, gzipped without a timestamp so equal data gives equal bytes."""
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    return gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)


def payloads(paths: list[Path]) -> list[Path]:
    """The payload files named, or found in a named folder (``RD_*.json.gz``, ``COL-*.json.gz``)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(path.glob("RD_*.json*")) + sorted(path.glob("COL-*.json*")))
        else:
            found.append(path)
    if not found:
        raise SystemExit("no payload given: name RD_NCTS-P5.json.gz and COL-Generic-*.json.gz, or their folder")
    return found


def descriptions(overview: Path | None) -> dict[str, str]:
    """One-line description of each known list id from the official code list overview CSV."""
    if overview is None:
        return {}
    with overview.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    if not rows or not {"CL_NUMBER", "DESCRIPTION"} <= set(rows[0]):
        raise SystemExit(f"{overview}: expected the columns CL_NUMBER and DESCRIPTION")
    found = {row["CL_NUMBER"].strip(): " ".join(row["DESCRIPTION"].split()) for row in rows}
    return {list_id: found[list_id] for list_id in sorted(found) if list_id in NAMES and found[list_id]}


def build(paths: list[Path], overview: Path | None = None) -> tuple[dict[str, bytes], dict[str, Any]]:
    """Every file to write under ``data/official/`` (by name) and the index ``official.json``."""
    parsed: list[ParsedFile] = [read_reference_data(path) for path in paths]
    hand_written = {p.stem for p in DATA.glob("CL*.json")}
    files: dict[str, bytes] = {}
    sources: list[dict[str, Any]] = []
    lists: dict[str, dict[str, Any]] = {}
    offices: dict[str, Any] | None = None
    for item in parsed:
        raw = item.path.read_bytes()
        sources.append(
            {
                "file": item.path.name,
                "kind": item.kind,
                "sha256": hashlib.sha256(raw).hexdigest(),
                "snapshot_date": item.snapshot_date.isoformat(),
                "origin": item.lists[0].origin if item.lists else item.offices.origin if item.offices else "",
            }
        )
        for code_list in item.lists:
            if code_list.id in hand_written:
                raise SystemExit(
                    f"{code_list.id} is in {item.path.name} and hand-written in data/{code_list.id}.json: "
                    "delete the hand-written file, the official list replaces it"
                )
            if code_list.id in lists:
                raise SystemExit(f"{code_list.id} is in two payloads")
            name = f"{code_list.id}.json.gz"
            encoded = encode(code_list, compact=True)
            more: dict[str, Any] | None = None
            if len(code_list) > LARGE:
                # Checking a code needs the codes only: a large list's other columns go in a file
                # of their own, read the first time an entry (a description) is asked for.
                apart = {k: encoded["entries"].pop(k) for k in MORE_COLUMNS if k in encoded["entries"]}
                if apart:
                    more_name = f"{code_list.id}.more.json.gz"
                    files[more_name] = gzip_bytes(apart)
                    more = {"file": more_name, "sha256": hashlib.sha256(files[more_name]).hexdigest()}
            files[name] = gzip_bytes(encoded)
            lists[code_list.id] = {
                "name": code_list.name,
                "origin": code_list.origin,
                "file": name,
                "entries": len(code_list),
                "snapshot_date": code_list.snapshot_date.isoformat(),
                "sha256": hashlib.sha256(files[name]).hexdigest(),
            }
            if more is not None:
                lists[code_list.id]["more"] = more
        if item.offices is not None:
            if offices is not None:
                raise SystemExit("two customs office lists given")
            files[OFFICES_FILE] = gzip_bytes(encode_offices(item.offices))
            offices = {
                "origin": item.offices.origin,
                "file": OFFICES_FILE,
                "offices": len(item.offices.offices),
                "counts": item.offices.role_counts(),
                "snapshot_date": item.offices.snapshot_date.isoformat(),
                "sha256": hashlib.sha256(files[OFFICES_FILE]).hexdigest(),
            }
    index = {
        "format": 1,
        "generator": GENERATOR,
        "sources": sources,
        "lists": dict(sorted(lists.items())),
        "offices": offices,
        "descriptions": descriptions(overview),
    }
    if overview is not None:
        sources.append({"file": overview.name, "kind": "code-list-overview",
                        "sha256": hashlib.sha256(overview.read_bytes()).hexdigest()})  # fmt: skip
    return files, index


def index_text(index: dict[str, Any]) -> str:
    return json.dumps(index, indent=1, ensure_ascii=False) + "\n"


def write(paths: list[Path], overview: Path | None) -> int:
    files, index = build(paths, overview)
    target = DATA / OFFICIAL_DIR
    target.mkdir(parents=True, exist_ok=True)
    for old in target.glob("*.json.gz"):
        if old.name not in files:
            old.unlink()
    for name, data in files.items():
        (target / name).write_bytes(data)
    (DATA / INDEX_NAME).write_text(index_text(index), encoding="utf-8")
    size = sum(len(d) for d in files.values())
    print(f"wrote {len(files)} files ({size / 1e6:.2f} MB) to {target.relative_to(REPO)} and {INDEX_NAME}")
    return 0


def check(paths: list[Path], overview: Path | None = None) -> list[str]:
    """What is wrong with the packaged files (and, given payloads, what regenerating would change)."""
    problems: list[str] = []
    index_path = DATA / INDEX_NAME
    try:
        index = json.loads(index_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        return [f"{INDEX_NAME}: {exc}"]
    named = {entry["file"]: entry for entry in index["lists"].values()}
    named.update({entry["more"]["file"]: entry["more"] for entry in index["lists"].values() if entry.get("more")})
    if index.get("offices"):
        named[index["offices"]["file"]] = index["offices"]
    for path in sorted((DATA / OFFICIAL_DIR).glob("*")):
        if path.name not in named:
            problems.append(f"{OFFICIAL_DIR}/{path.name}: not in {INDEX_NAME}")
    for name, entry in named.items():
        path = DATA / OFFICIAL_DIR / name
        if not path.exists():
            problems.append(f"{OFFICIAL_DIR}/{name}: missing")
        elif hashlib.sha256(path.read_bytes()).hexdigest() != entry["sha256"]:
            problems.append(f"{OFFICIAL_DIR}/{name}: checksum differs from {INDEX_NAME}")
    for path in sorted(DATA.glob("CL*.json")):
        check_hand_written(path, problems)
        if path.stem in index["lists"]:
            problems.append(f"{path.name}: also in the official data; delete the hand-written file")
    if paths:
        files, fresh = build(paths, overview)
        if index_text(fresh) != index_text(index):
            problems.append(f"{INDEX_NAME}: differs from what the payload gives (run {GENERATOR})")
        for name, data in files.items():
            path = DATA / OFFICIAL_DIR / name
            if not path.exists() or path.read_bytes() != data:
                problems.append(f"{OFFICIAL_DIR}/{name}: differs from what the payload gives (run {GENERATOR})")
    return problems


def check_hand_written(path: Path, problems: list[str]) -> None:
    """Append to *problems* what is wrong with one hand-written list file."""
    text = path.read_text(encoding="utf-8")
    try:
        obj = json.loads(text)
        code_list = decode(obj, "packaged")
    except ValueError as exc:
        problems.append(f"{path.name}: {exc}")
        return
    if f"{code_list.id}.json" != path.name:
        problems.append(f"{path.name}: holds {code_list.id}")
    if NAMES.get(code_list.id) != code_list.name:
        problems.append(f"{path.name}: name {code_list.name!r}, DDNTA says {NAMES.get(code_list.id)!r}")
    if "written by ncts5" not in code_list.origin:
        problems.append(f"{path.name}: origin must say it is written by ncts5 and from which source")
    codes = [e.code for e in code_list.entries]
    if len(codes) != len(set(codes)):
        problems.append(f"{path.name}: duplicate codes")
    if text != dumps(obj):
        problems.append(f"{path.name}: not in canonical layout")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("payload", nargs="*", type=Path, help="RD_NCTS-P5 / COL-Generic payload files, or a folder")
    parser.add_argument("--overview", type=Path, metavar="CSV", help="official code list overview (descriptions)")
    parser.add_argument("--check", action="store_true", help="verify instead of writing; exit 1 on any problem")
    args = parser.parse_args(argv)
    if not args.check:
        return write(payloads(args.payload), args.overview)
    problems = check(payloads(args.payload) if args.payload else [], args.overview)
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
