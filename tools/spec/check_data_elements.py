#!/usr/bin/env python3
"""Self-check for tools/spec/data_elements.csv (and, with ``--release 6``, data_elements_p6.csv).

Walks the CC015C and CC170C schemas (NCTS P5, 51.8.6) and compares the element
paths they define with the rows of data_elements.csv. Fails (exit 1) and lists
the offending paths when

* an XSD element path has no row in the CSV, or a CSV path is not in the XSD;
* a path appears twice, or the rows are not in XSD document order;
* a data_element is neither empty nor of the form ``NN NN NNN NNN``;
* a name differs from the XSD ``description`` annotation (the root has none).

With ``--release 6`` the Phase 6 schemas (60.4.16) are walked instead: a path keeps its data
element number across releases, so every Phase 6 path must have a row in data_elements.csv (the
same path in Phase 5) or in data_elements_p6.csv (paths only Phase 6 has, in XSD document order,
named as the 60.4.16 schema names them); a row of data_elements_p6.csv must not repeat a Phase 5 path.

Exit 2 means the check could not run (schemas or ``xmlschema`` missing).

Usage: python tools/spec/check_data_elements.py [--xsd-dir DIR] [--csv FILE]
The schema folder defaults to ``../shared/xsd/p5-51.8.6`` seen from the project
root, or ``$NCTS5_XSD_DIR`` when set.
"""

from __future__ import annotations

import argparse
import csv
import os
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
DEFAULT_XSD_DIR = ROOT.parent / "shared" / "xsd" / "p5-51.8.6"
P6_XSD_DIR = ROOT.parent / "shared" / "xsd" / "p6-60.4.16"
MESSAGES = ("CC015C", "CC170C")
HEADER = ["message", "xml_path", "data_element", "name"]
NUMBER = re.compile(r"^\d{2} \d{2} \d{3} \d{3}$")
XS = "{http://www.w3.org/2001/XMLSchema}"


def _description(element) -> str | None:
    """The ``<description value=...>`` of an XSD element declaration, if any."""
    node = getattr(element, "elem", None)
    if node is None:
        return None
    found = node.find(f"{XS}annotation/{XS}documentation/{{*}}description")
    return None if found is None else found.get("value")


def xsd_paths(xsd_dir: Path, message: str) -> list[tuple[str, str | None]]:
    """Every element path of a message schema in document order, with its description."""
    import xmlschema  # imported here so a missing package gives a clear exit 2

    schema = xmlschema.XMLSchema11(str(xsd_dir / f"{message.lower()}.xsd"))
    root = schema.elements[message]
    paths: list[tuple[str, str | None]] = []

    def visit(element, parent: str) -> None:
        path = f"{parent}/{element.local_name}" if parent else element.local_name
        paths.append((path, _description(element)))
        if element.type.has_complex_content():
            for child in element.type.content.iter_elements():
                visit(child, path)

    visit(root, "")
    return paths


def _rows(csv_file: Path) -> tuple[list[list[str]] | None, list[str]]:
    with csv_file.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader, None)
        if header != HEADER:
            return None, [f"{csv_file.name}: header is {header!r}, expected {HEADER!r}"]
        return list(reader), []


def check_release6(p5_csv: Path, p6_csv: Path, xsd_dir: Path) -> list[str]:
    """Problems of the Phase 6 data element numbers: Phase 5 rows by path, plus the Phase 6 additions."""
    p5_rows, problems = _rows(p5_csv)
    p6_rows, more = _rows(p6_csv)
    if p5_rows is None or p6_rows is None:
        return problems + more
    p5_paths = {row[1] for row in p5_rows if len(row) == 4}
    for line, row in enumerate(p6_rows, start=2):
        if len(row) != 4:
            problems.append(f"{p6_csv.name} line {line}: {len(row)} fields instead of 4: {row!r}")
        elif row[2] and not NUMBER.match(row[2]):
            problems.append(f"{p6_csv.name} line {line}: malformed data element {row[2]!r} for {row[1]}")
    added = [row for row in p6_rows if len(row) == 4]
    for message in MESSAGES:
        expected = xsd_paths(xsd_dir, message)
        described = dict(expected)
        mine = [row for row in added if row[0] == message]
        for _, path, _, name in mine:
            if path in p5_paths:
                problems.append(f"{message}: {path} is a Phase 5 path: its number belongs in data_elements.csv")
            elif path not in described:
                problems.append(f"{message}: CSV path not in the Phase 6 XSD: {path}")
            elif name != described[path]:
                problems.append(f"{message}: name {name!r} for {path} differs from XSD {described[path]!r}")
        new_paths = [p for p, _ in expected if p not in p5_paths]
        if [row[1] for row in mine if row[1] in described] != new_paths:
            missing = [p for p in new_paths if p not in {row[1] for row in mine}]
            problems += [f"{message}: Phase 6 XSD path missing from {p6_csv.name}: {p}" for p in missing]
            if not missing:
                problems.append(f"{message}: rows of {p6_csv.name} not in XSD document order")
    return problems


def check(csv_file: Path, xsd_dir: Path) -> list[str]:
    problems: list[str] = []
    rows, header_problems = _rows(csv_file)
    if rows is None:
        return [p.split(": ", 1)[1] for p in header_problems]

    by_message: dict[str, list[list[str]]] = {m: [] for m in MESSAGES}
    for line, row in enumerate(rows, start=2):
        if len(row) != 4:
            problems.append(f"line {line}: {len(row)} fields instead of 4: {row!r}")
            continue
        message, path, number, name = row
        if message not in by_message:
            problems.append(f"line {line}: unknown message {message!r}")
            continue
        if path.split("/")[0] != message:
            problems.append(f"line {line}: path {path!r} does not start with {message}")
        if number and not NUMBER.match(number):
            problems.append(f"line {line}: malformed data element {number!r} for {path}")
        if not name.strip():
            problems.append(f"line {line}: empty name for {path}")
        by_message[message].append(row)

    for message in MESSAGES:
        expected = xsd_paths(xsd_dir, message)
        expected_paths = [p for p, _ in expected]
        described = dict(expected)
        got_paths = [row[1] for row in by_message[message]]

        missing = [p for p in expected_paths if p not in set(got_paths)]
        extra = [p for p in got_paths if p not in described]
        dupes = sorted({p for p in got_paths if got_paths.count(p) > 1})
        problems += [f"{message}: XSD path missing from CSV: {p}" for p in missing]
        problems += [f"{message}: CSV path not in XSD: {p}" for p in extra]
        problems += [f"{message}: duplicate CSV path: {p}" for p in dupes]
        if not (missing or extra or dupes) and got_paths != expected_paths:
            first = next(i for i, (a, b) in enumerate(zip(got_paths, expected_paths, strict=False)) if a != b)
            problems.append(
                f"{message}: rows not in XSD document order from row {first + 1}: "
                f"{got_paths[first]} (XSD has {expected_paths[first]})"
            )
        for _, path, _, name in by_message[message]:
            want = described.get(path)
            if want is not None and name != want:
                problems.append(f"{message}: name {name!r} for {path} differs from XSD {want!r}")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--xsd-dir", type=Path, default=Path(os.environ.get("NCTS5_XSD_DIR", DEFAULT_XSD_DIR)))
    parser.add_argument("--csv", type=Path, default=HERE / "data_elements.csv")
    parser.add_argument("--release", choices=("5", "6"), default="5", help="the schemas to check against")
    parser.add_argument("--p6-csv", type=Path, default=HERE / "data_elements_p6.csv")
    args = parser.parse_args(argv)
    if args.release == "6" and "NCTS5_XSD_DIR" not in os.environ and args.xsd_dir == DEFAULT_XSD_DIR:
        args.xsd_dir = P6_XSD_DIR

    if not all((args.xsd_dir / f"{m.lower()}.xsd").is_file() for m in MESSAGES):
        print(f"cannot check: schemas not found in {args.xsd_dir}", file=sys.stderr)
        return 2
    try:
        import xmlschema  # noqa: F401
    except ImportError:
        print("cannot check: the 'xmlschema' package is not installed", file=sys.stderr)
        return 2

    if args.release == "6":
        problems = check_release6(args.csv, args.p6_csv, args.xsd_dir)
        if not problems:
            print(f"OK: every CC015C and CC170C path of {args.xsd_dir} has its row")
            return 0
    else:
        problems = check(args.csv, args.xsd_dir)
    if problems:
        print(f"{len(problems)} problem(s) in {args.csv}:")
        for problem in problems:
            print(f"  {problem}")
        return 1
    with args.csv.open(encoding="utf-8") as handle:
        count = sum(1 for _ in handle) - 1
    print(f"OK: {count} rows match the CC015C and CC170C schemas in {args.xsd_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
