"""The ``ncts5 codelists`` subcommand: which lists are in force, import of reference data, one list's codes.

``register(subparsers)`` adds the subcommand to the main ``ncts5`` parser; each handler is
stored with ``set_defaults(func=...)`` and returns an exit code (0 ok, 1 failure, 2 usage
error) after printing any error as one line on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from ncts5.codelists import packaged
from ncts5.codelists.catalogue import MESSAGE_LIST_IDS, NAMES, import_hint, sort_ids
from ncts5.codelists.errors import UnknownCodeList
from ncts5.codelists.explain import DEFAULT_MAX_AGE_DAYS, staleness
from ncts5.codelists.model import CodeList
from ncts5.codelists.registry import DEFAULT, Registry
from ncts5.errors import NCTSError

PROG = "ncts5 codelists"


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``codelists`` (with ``list``, ``import`` and ``show``) to the ``ncts5`` subparsers."""
    parser = subparsers.add_parser(
        "codelists",
        help="show, check and import the NCTS code lists",
        description="Without a subcommand: list every code list the IE015/IE170 messages use, with the source "
        "and snapshot date in force (same as `list`).",
    )
    _list_options(parser, suppress=False)
    parser.set_defaults(func=handle_list)
    commands = parser.add_subparsers(dest="codelists_command", metavar="{list,status,import,show}")

    listing = commands.add_parser("list", help="list the code lists and which values are in force")
    _list_options(listing, suppress=True)
    listing.set_defaults(func=handle_list)

    status = commands.add_parser(
        "status",
        help="the reference data in use: where it comes from, its snapshot date and age",
        description="Say which reference data is in use (packaged with ncts5 or imported), as of which snapshot, "
        "and warn when it is older than --max-age days, naming the update command.",
    )
    status.add_argument("--max-age", type=int, default=DEFAULT_MAX_AGE_DAYS, metavar="DAYS",
                        help=f"warn when the data is older than DAYS (default {DEFAULT_MAX_AGE_DAYS})")  # fmt: skip
    status.add_argument("--format", choices=("text", "json"), default=argparse.SUPPRESS, help="output format")
    _data_dir_option(status, suppress=True)
    status.set_defaults(func=handle_status)

    importing = commands.add_parser(
        "import",
        help="import official reference data (RD_NCTS-P5, COL) or one list from CSV/JSON",
        description="Import an official payload (gzip or plain JSON), or with --list one list in the simple "
        "format: CSV with a header code,description[,active_from,active_to] or a JSON array of such objects. "
        "Imported lists take precedence over the packaged ones.",
    )
    importing.add_argument("file", type=Path, metavar="FILE", help="file to import")
    importing.add_argument("--list", dest="list_key", metavar="ID", help="import FILE as this one list (e.g. CL231)")
    importing.add_argument(
        "--snapshot-date",
        type=_iso_date,
        metavar="YYYY-MM-DD",
        help="with --list: the date the values are as of (default: the file's, else today)",
    )
    _data_dir_option(importing, suppress=True)
    importing.set_defaults(func=handle_import)

    showing = commands.add_parser("show", help="print the codes of one list")
    showing.add_argument("key", metavar="ID", help="list id (CL231) or name (DeclarationType)")
    showing.add_argument("--on", type=_iso_date, metavar="YYYY-MM-DD", help="only codes in force on this date")
    showing.add_argument("--limit", type=int, metavar="N", help="print at most N entries")
    showing.add_argument("--format", choices=("text", "json"), default=argparse.SUPPRESS, help="output format")
    _data_dir_option(showing, suppress=True)
    showing.set_defaults(func=handle_show)


def _list_options(parser: argparse.ArgumentParser, *, suppress: bool) -> None:
    # On the subcommands the defaults are suppressed so that `codelists --format json list`
    # keeps the value given before the subcommand.
    default: Any = argparse.SUPPRESS if suppress else "text"
    parser.add_argument("--format", choices=("text", "json"), default=default, help="output format (default text)")
    parser.add_argument("--all", action="store_true", default=argparse.SUPPRESS if suppress else False,
                        help="every list ncts5 knows, not only those the messages use")  # fmt: skip
    _data_dir_option(parser, suppress=suppress)


def _data_dir_option(parser: argparse.ArgumentParser, *, suppress: bool) -> None:
    parser.add_argument(
        "--data-dir",
        type=Path,
        metavar="DIR",
        default=argparse.SUPPRESS if suppress else None,
        help="data directory of imported lists (default: $NCTS5_DATA_DIR or the platform's user data folder)",
    )


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a YYYY-MM-DD date: {text!r}") from None


def _registry(args: argparse.Namespace) -> Registry:
    data_dir = getattr(args, "data_dir", None)
    return Registry(data_dir) if data_dir is not None else DEFAULT


def _or_stdout(out: TextIO | None) -> TextIO:
    """The stream a handler writes to: the given one (tests), else the process's (typed, unlike ``or``)."""
    return out if out is not None else sys.stdout


def _or_stderr(err: TextIO | None) -> TextIO:
    return err if err is not None else sys.stderr


def _fail(exc: Exception, code: int, err: TextIO) -> int:
    message = " ".join(str(exc).split())  # one line, whatever the exception holds
    print(f"{PROG}: error: {message}", file=err)
    return code


# -- handlers ----------------------------------------------------------------------------------


def handle_list(args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Table (or JSON array) of the lists with status packaged|imported|missing, source, date, size."""
    out = _or_stdout(out)
    err = _or_stderr(err)
    ids = sort_ids(NAMES) if getattr(args, "all", False) else list(MESSAGE_LIST_IDS)
    try:
        registry = _registry(args)
        rows = registry.status(ids)
    except NCTSError as exc:
        return _fail(exc, 1, err)
    if getattr(args, "format", "text") == "json":
        json.dump([row.to_json() for row in rows], out, indent=2)
        out.write("\n")
        return 0
    width = max(len(row.name) for row in rows)
    out.write(f"{'ID':<6} {'NAME':<{width}} {'STATUS':<8} {'SNAPSHOT':<10} {'ENTRIES':>7}  SOURCE\n")
    for row in rows:
        snapshot = row.snapshot_date.isoformat() if row.snapshot_date else "-"
        source = row.source or "-"
        if row.complete is False:
            source += " [partial]"
        out.write(f"{row.id:<6} {row.name:<{width}} {row.status:<8} {snapshot:<10} {row.entries:>7}  {source}\n")
    missing = [row.id for row in rows if row.status == "missing"]
    out.write(f"\ndata directory: {registry.data_dir}\n")
    if missing:
        out.write(
            f"{len(missing)} list(s) not checked until imported ({', '.join(missing)}): "
            "`ncts5 codelists import --list ID FILE.csv`\n"
        )
    warning = staleness(registry).warning()
    if warning:
        out.write(warning + "\n")
    return 0


def handle_status(args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """The data in use, by source and snapshot, and a warning when it is older than --max-age days."""
    out = _or_stdout(out)
    err = _or_stderr(err)
    try:
        registry = _registry(args)
        rows = registry.status(MESSAGE_LIST_IDS)
        age = staleness(registry, max_age_days=getattr(args, "max_age", DEFAULT_MAX_AGE_DAYS))
    except NCTSError as exc:
        return _fail(exc, 1, err)
    groups: dict[tuple[str, str], list[str]] = {}
    for row in rows:
        key = (row.status, f"{row.snapshot_date or '-'}")
        groups.setdefault(key, []).append(row.id)
    if getattr(args, "format", "text") == "json":
        json.dump(
            {
                "data_dir": str(registry.data_dir),
                "snapshot_date": age.snapshot_date.isoformat() if age.snapshot_date else None,
                "age_days": age.age_days,
                "max_age_days": age.max_age_days,
                "stale": age.stale,
                "warning": age.warning(),
                "lists": [row.to_json() for row in rows],
            },
            out,
            indent=2,
        )
        out.write("\n")
        return 0
    out.write(f"reference data for the {len(rows)} code lists the messages use:\n")
    for (state, snapshot), ids in sorted(groups.items()):
        out.write(f"  {state:<8} snapshot {snapshot:<10}  {len(ids):>2} list(s): {', '.join(ids)}\n")
    prov = packaged.provenance()
    if prov.sources:
        files = ", ".join(f"{name} ({day})" for name, day, _ in prov.sources)
        out.write(f"packaged with ncts5 from: {files}\n")
    out.write(f"data directory: {registry.data_dir}\n")
    if age.snapshot_date is not None:
        out.write(f"age: {age.age_days} days (snapshot {age.snapshot_date}; warning after {age.max_age_days})\n")
    warning = age.warning()
    if warning:
        out.write(warning + "\n")
    return 0


def handle_import(args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Import FILE (official payload, or one list with --list) and report what was stored."""
    out = _or_stdout(out)
    err = _or_stderr(err)
    data_dir = getattr(args, "data_dir", None)
    try:
        if getattr(args, "list_key", None):
            summary = DEFAULT.import_list(
                args.file, args.list_key, data_dir=data_dir, snapshot_date=getattr(args, "snapshot_date", None)
            )
        else:
            if getattr(args, "snapshot_date", None) is not None:
                return _fail(ValueError("--snapshot-date only applies with --list"), 2, err)
            summary = DEFAULT.import_reference_data(args.file, data_dir=data_dir)
    except UnknownCodeList as exc:
        return _fail(exc, 2, err)
    except NCTSError as exc:
        return _fail(exc, 1, err)
    for line in summary.lines():
        out.write(line + "\n")
    return 0


def handle_show(args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Print one list: its source, snapshot date and entries (optionally those in force on --on)."""
    out = _or_stdout(out)
    err = _or_stderr(err)
    try:
        code_list = _registry(args).get(args.key)
    except UnknownCodeList as exc:
        return _fail(exc, 2, err)
    except NCTSError as exc:
        return _fail(exc, 1, err)
    on: date | None = getattr(args, "on", None)
    entries = [e for e in code_list.entries if on is None or e.is_active(on)]
    limit = getattr(args, "limit", None)
    shown = entries if limit is None or limit < 0 else entries[:limit]
    if getattr(args, "format", "text") == "json":
        json.dump(_show_json(code_list, shown), out, indent=2, ensure_ascii=False)
        out.write("\n")
        return 0
    completeness = (
        "complete" if code_list.complete else f"partial: codes it lacks are not checked; {import_hint(code_list.id)}"
    )
    out.write(f"{code_list.id} {code_list.name}\n")
    out.write(f"status: {code_list.source} ({completeness})\n")
    out.write(f"source: {code_list.origin}\n")
    out.write(f"snapshot date: {code_list.snapshot_date}\n")
    out.write(f"entries: {len(code_list)}" + (f" ({len(entries)} in force on {on})" if on else "") + "\n\n")
    width = max((len(e.code) for e in shown), default=4)
    for e in shown:
        period = ""
        if e.active_from or e.active_to:
            period = f"  [{e.active_from or '…'} to {e.active_to or '…'}]"
        out.write(f"{e.code:<{width}}  {e.description}{period}\n")
    if len(shown) < len(entries):
        out.write(f"… {len(entries) - len(shown)} more (use --limit)\n")
    return 0


def _show_json(code_list: CodeList, entries: list[Any]) -> dict[str, Any]:
    return {
        "id": code_list.id,
        "name": code_list.name,
        "status": code_list.source,
        "source": code_list.origin,
        "snapshot_date": code_list.snapshot_date.isoformat(),
        "complete": code_list.complete,
        "entries": [
            {
                "code": e.code,
                "description": e.description,
                "active_from": e.active_from.isoformat() if e.active_from else None,
                "active_to": e.active_to.isoformat() if e.active_to else None,
            }
            for e in entries
        ],
    }
