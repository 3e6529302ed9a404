"""The ``ncts5`` command: validate declarations, list and explain rules, manage code lists.

Exit codes: 0 every file valid, 1 any error finding or unreadable file, 2 usage
error.  No Python traceback reaches the user: anything unexpected is reported
as one line on stderr.
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any, TextIO

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """A command line ncts5 cannot act on (exit code 2)."""


# --------------------------------------------------------------------------- files
def expand(inputs: Sequence[str]) -> list[str]:
    """Files named on the command line: plain paths, globs, and folders (recursive ``*.xml``)."""
    out: list[str] = []
    for item in inputs:
        if item == "-":
            out.append(item)
            continue
        path = Path(item)
        if path.is_dir():
            found = sorted(str(p) for p in path.rglob("*") if p.is_file() and p.suffix.lower() == ".xml")
            if not found:
                raise UsageError(f"{item}: folder holds no .xml files")
            out.extend(found)
        elif not path.exists() and glob.has_magic(item):
            found = sorted(p for p in glob.glob(item, recursive=True) if Path(p).is_file())
            if not found:
                raise UsageError(f"{item}: no file matches")
            out.extend(found)
        else:
            out.append(item)  # a missing file is reported as unreadable, like any bad input
    return out


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date YYYY-MM-DD") from None


# --------------------------------------------------------------------------- validate
def _validate_one(job: tuple[str, dict[str, Any], str | None]) -> dict[str, Any]:
    """Validate one file; runs in worker processes, so it takes and returns plain data."""
    name, options, xsd_dir = job
    import ncts5

    xsd = _xsd_cache(xsd_dir) if xsd_dir else None
    # a Path, not the str: a file whose name starts with "<" is still a file, not XML text
    data: Any = sys.stdin.buffer.read() if name == "-" else Path(name)
    report = ncts5.validate(data, xsd=xsd, **options)
    result = report.to_dict()
    result["file"] = name
    return result


_XSD: dict[str, Any] = {}


def _xsd_cache(directory: str) -> Any:
    from ncts5.xml.xsd import XsdValidator

    if directory not in _XSD:
        _XSD[directory] = XsdValidator(directory)
    return _XSD[directory]


def _progress(done: int, total: int, stream: TextIO) -> None:
    stream.write(f"\rvalidated {done}/{total}")
    if done == total:
        stream.write("\n")
    stream.flush()


def _run_jobs(jobs: list[tuple[str, dict[str, Any], str | None]], workers: int, show: bool) -> list[dict[str, Any]]:
    if len(jobs) < 8 or workers <= 1:
        results = []
        for i, job in enumerate(jobs, 1):
            results.append(_validate_one(job))
            if show:
                _progress(i, len(jobs), sys.stderr)
        return results
    from concurrent.futures import ProcessPoolExecutor

    results_by_index: dict[int, dict[str, Any]] = {}
    with ProcessPoolExecutor(max_workers=workers) as pool:
        chunk = max(1, len(jobs) // (workers * 8))
        for i, result in enumerate(pool.map(_validate_one, jobs, chunksize=chunk)):
            results_by_index[i] = result
            if show:
                _progress(i + 1, len(jobs), sys.stderr)
    return [results_by_index[i] for i in range(len(jobs))]


def cmd_validate(args: argparse.Namespace) -> int:
    from ncts5.rules.engine import OptionsError, resolve_options
    from ncts5.rules.profiles import ProfileError
    from ncts5.xml.xsd import XsdError

    options: dict[str, Any] = {
        "phase": args.phase,
        "decisive_date": args.decisive_date,
        "tpend_date": args.tpend_date,
        "disable": tuple(args.disable),
        "warn": tuple(args.warn),
        "profile": args.profile,
        "codelists": not args.no_codelists,
    }
    try:
        resolve_options(**options)
        if args.xsd:
            v = _xsd_cache(args.xsd)
            v.schema("CC015C")
            v.schema("CC170C")
        files = expand(args.files)
    except (OptionsError, ProfileError, XsdError) as exc:
        raise UsageError(str(exc)) from None
    if files.count("-") > 1:
        raise UsageError("standard input (-) can be named once")
    show = sys.stderr.isatty() and args.format == "text" and len(files) > 1 and not args.quiet
    jobs = [(f, options, args.xsd) for f in files]
    try:
        results = _run_jobs(jobs, args.jobs or os.cpu_count() or 1, show)
    except OptionsError as exc:  # e.g. --phase contradicting --tpend-date and a file's preparation date
        raise UsageError(str(exc)) from None
    if args.format == "json":
        json.dump(results, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        _print_text(results, quiet=args.quiet)
    return EXIT_OK if all(r["valid"] for r in results) else EXIT_INVALID


def _print_text(results: list[dict[str, Any]], *, quiet: bool) -> None:
    out = sys.stdout
    errors = warnings = 0
    for r in results:
        for f in r["findings"]:
            if f["severity"] == "error":
                errors += 1
            else:
                warnings += 1
            if quiet and f["severity"] != "error":
                continue
            de = f" [{f['data_element']}]" if f["data_element"] else ""
            level = "" if f["severity"] == "error" else " (warning)"
            out.write(f"{r['file']}:{f['path']}: {f['rule']}{level} {f['message']}{de}\n")
        unchecked = sorted({n["rule"] for n in r.get("not_checked", [])})
        if unchecked and not quiet:
            out.write(
                f"{r['file']}: not checked (reference data missing or NCTS state needed): {', '.join(unchecked)}"
                " (reasons: --format json or `ncts5 explain ID`)\n"
            )
    valid = sum(1 for r in results if r["valid"])
    out.write(
        f"{len(results)} file(s): {valid} valid, {len(results) - valid} invalid; "
        f"{errors} error(s), {warnings} warning(s)\n"
    )


# --------------------------------------------------------------------------- rules
def cmd_rules(args: argparse.Namespace) -> int:
    from ncts5.rules.registry import iter_rules

    rows = []
    for r in iter_rules():
        if args.status and r.status != args.status:
            continue
        rows.append(
            {
                "id": r.id,
                "kind": r.kind,
                "status": r.status,
                "phases": sorted(r.phases),
                "severity": r.severity,
                "messages": list(r.messages),
                "topic": r.topic,
                "description": r.description,
                "reason": r.reason,
                "suspends": list(r.suspends),
            }
        )
    if args.format == "json":
        json.dump(rows, sys.stdout, indent=2)
        sys.stdout.write("\n")
        return EXIT_OK
    for row in rows:
        phases = "both" if len(row["phases"]) == 2 else row["phases"][0]
        sys.stdout.write(f"{row['id']}  {row['status']:<15} {phases:<10} {row['description']}\n")
    counts: dict[str, int] = {}
    for row in rows:
        counts[row["status"]] = counts.get(row["status"], 0) + 1
    summary = ", ".join(f"{v} {k}" for k, v in sorted(counts.items()))
    sys.stdout.write(f"{len(rows)} rules: {summary}\n")
    return EXIT_OK


def cmd_explain(args: argparse.Namespace) -> int:
    from ncts5.messages.cc015c import CC015C
    from ncts5.messages.cc170c import CC170C
    from ncts5.rules.registry import KIND_NAMES, registry

    rule_id = args.id.upper()
    rules = registry()
    if rule_id not in rules:
        raise UsageError(f"unknown rule id {args.id!r}; `ncts5 rules` lists them")
    r = rules[rule_id]
    lines = [
        f"{r.id} ({KIND_NAMES[r.kind]}, {r.severity}): {r.description}",
        f"status: {r.status}" + (f" ({r.reason})" if r.reason else ""),
        f"phases: {', '.join(sorted(r.phases))}",
        f"topic: ncts5.rules.{r.topic}",
    ]
    if r.suspends:
        lines.append(f"suspends in the transition phase: {', '.join(r.suspends)}")
    lines.append("fields:")
    classes = {"CC015C": CC015C, "CC170C": CC170C}
    for message, path in r.places:
        item = _item_at(classes[message], path)
        de = f"{item.data_element} " if item and item.data_element else ""
        desc = item.description if item else ""
        lines.append(f"  {path}  {de}{desc}")
    sys.stdout.write("\n".join(lines) + "\n")
    return EXIT_OK


def _item_at(cls: Any, path: str) -> Any:
    parts = path.strip("/").split("/")[1:]
    item = None
    for part in parts:
        child = cls.__xml_by_name__.get(part) if cls else None
        if child is None:
            return None
        item, cls = child.item, child.model
    return item


# --------------------------------------------------------------------------- parser
def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ncts5",
        description="Validate EU NCTS phase 5 transit declarations (IE015 CC015C, IE170 CC170C) before sending them.",
    )
    from ncts5 import __version__

    parser.add_argument("--version", action="version", version=f"ncts5 {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    v = sub.add_parser("validate", help="check declarations: schema, DDNTA rules, code lists")
    v.add_argument("files", nargs="+", metavar="FILE", help="XML files, folders (recursive) or globs; - for stdin")
    v.add_argument("--phase", choices=["final", "transition"], default=None, help="rule phase (default final)")
    v.add_argument("--decisive-date", type=_date, help="decisive date YYYY-MM-DD (default: preparation date)")
    v.add_argument(
        "--tpend-date",
        type=_date,
        help="end of the transition period (default 2025-01-21 once a date is given); the phase follows the dates",
    )
    v.add_argument("--format", choices=["text", "json"], default="text")
    v.add_argument("--xsd", metavar="DIR", help="also validate against the official XSD files in DIR")
    v.add_argument("--disable", action="append", default=[], metavar="ID", help="switch a rule off (repeatable)")
    v.add_argument("--warn", action="append", default=[], metavar="ID", help="report a rule as a warning (repeatable)")
    v.add_argument("--profile", metavar="NAME", help="named rule profile or profile .json file")
    v.add_argument("--no-codelists", action="store_true", help="skip code list checks")
    v.add_argument("--jobs", type=int, default=0, help="worker processes for many files (default: all cores)")
    v.add_argument("-q", "--quiet", action="store_true", help="print errors and the summary only")
    v.set_defaults(func=cmd_validate)

    r = sub.add_parser("rules", help="list every DDNTA rule ncts5 knows and its status")
    r.add_argument("--format", choices=["text", "json"], default="text")
    r.add_argument("--status", choices=["implemented", "reference-data", "not-checkable"])
    r.set_defaults(func=cmd_rules)

    e = sub.add_parser("explain", help="show one rule and the fields it touches")
    e.add_argument("id", metavar="ID")
    e.set_defaults(func=cmd_explain)

    try:
        from ncts5.codelists.cli import register
    except ImportError:  # pragma: no cover - the code list package is part of every install
        pass
    else:
        register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse: --help (0) or a usage error (2)
        return int(exc.code or 0)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return int(args.func(args))
    except UsageError as exc:
        sys.stderr.write(f"ncts5: {exc}\n")
        return EXIT_USAGE
    except KeyboardInterrupt:
        sys.stderr.write("ncts5: interrupted\n")
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # the promise: never a traceback
        sys.stderr.write(f"ncts5: internal error: {type(exc).__name__}: {exc} (please report this)\n")
        return EXIT_INVALID


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
