"""The ``ncts5`` command: validate declarations, list and explain rules, manage code lists.

Exit codes: 0 every file valid, 1 any error finding or unreadable file, 2 usage
error (a file, folder or glob that names no file is one: a typo in a CI job fails it, even
under ``--exit-zero``, which only stops findings from failing the run).  No Python traceback
reaches the user: anything unexpected is reported as one line on stderr.
"""

from __future__ import annotations

import argparse
import contextlib
import glob
import io
import json
import os
import re
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any, NoReturn, TextIO

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
        elif not path.exists() and not path.is_symlink():
            # like an empty glob: the command line names nothing to check (a broken link is a file, unreadable)
            raise UsageError(f"{item}: no such file")
        else:
            out.append(item)  # a file that cannot be read is reported as unreadable, like any bad input
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


Job = tuple[str, dict[str, Any], str | None]

#: ``--jobs`` unset (or 0) validates in this process unless the batch holds at least this many files
#: AND this many bytes.  Measured on 2 cores (benchmarks/run.py, "batch" rows): a worker pool costs
#: 0.2-0.3 s to start (each worker imports ncts5 and loads its code lists) while validating takes about
#: 1 ms per small file and 70 us per kB; 200 files of 5 kB took 0.47 s in process and 0.65 s with 2
#: workers, 100 files of 80 kB (8 MB) broke even, 200 of 80 kB (16 MB) took 1.4 s vs 1.1 s.
AUTO_MIN_FILES = 16
AUTO_MIN_BYTES = 16 * 2**20


def default_workers(files: Sequence[str], cpus: int | None = None) -> int:
    """Worker processes when ``--jobs`` is not given: 1 (in process) unless workers repay their start."""
    cpus = cpus or os.cpu_count() or 1
    if cpus < 2 or len(files) < AUTO_MIN_FILES:
        return 1
    size = 0
    for name in files:
        with contextlib.suppress(OSError):  # an unreadable file is reported when its turn comes
            size += os.stat(name).st_size if name != "-" else 0
        if size >= AUTO_MIN_BYTES:
            return min(cpus, len(files) // (AUTO_MIN_FILES // 2))
    return 1


def _run_jobs(jobs: list[Job], workers: int, show: bool) -> list[dict[str, Any]]:
    """Validate every job, in this process or in ``workers`` processes; results in the order of ``jobs``."""
    total = len(jobs)
    results: dict[int, dict[str, Any]] = {}
    # standard input is this process's: a worker cannot read it
    in_process = [i for i, job in enumerate(jobs) if workers <= 1 or total < 2 or job[0] == "-"]
    for i in in_process:
        results[i] = _validate_one(jobs[i])
        if show:
            _progress(len(results), total, sys.stderr)
    pooled = [i for i in range(total) if i not in results]
    if pooled:
        progress = (lambda: _progress(len(results), total, sys.stderr)) if show else None
        _run_pool(jobs, pooled, workers, results, progress)
    return [results[i] for i in range(total)]


def _run_pool(
    jobs: list[Job],
    todo: list[int],
    workers: int,
    results: dict[int, dict[str, Any]],
    progress: Any,
) -> None:
    """Validate ``jobs[i]`` for each i in ``todo`` in worker processes, filling ``results``.

    A worker that dies (killed for memory, a crash in a C library) breaks a ``ProcessPoolExecutor``
    and every file still queued in it.  Each worker marks the file it starts in a shared array, so
    after a break only the files started and unfinished (one per worker at most) are suspects: each
    is validated again alone in a process of its own, and one that kills that process too becomes an
    error result for its file.  The files never started go to a fresh pool; if no worker started a
    file at all (workers cannot start here), the rest are validated in this process.
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed
    from concurrent.futures.process import BrokenProcessPool

    started = multiprocessing.RawArray("b", len(jobs))
    while todo:
        pool = ProcessPoolExecutor(max_workers=min(workers, len(todo)), initializer=_worker_init, initargs=(started,))
        broken = False
        try:
            futures = {pool.submit(_validate_marked, i, jobs[i]): i for i in todo}
            for future in as_completed(futures):
                results[futures[future]] = future.result()
                if progress:
                    progress()
        except BrokenProcessPool:  # from result(), or from submit() when a worker died at once
            broken = True
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
        todo = [i for i in todo if i not in results]
        if broken:
            suspects = [i for i in todo if started[i]]
            if not suspects:  # no worker got as far as a file: validate the rest here, not in a loop
                suspects, workers = todo, 0
            for i in suspects:
                results[i] = _validate_alone(jobs[i]) if workers else _validate_one(jobs[i])
                if progress:
                    progress()
            todo = [i for i in todo if i not in results]


_STARTED: Any = None


def _worker_init(started: Any) -> None:
    global _STARTED
    _STARTED = started


def _validate_marked(index: int, job: Job) -> dict[str, Any]:
    """:func:`_validate_one` in a pool worker, marking the file as started first."""
    _STARTED[index] = 1
    return _validate_one(job)


def _validate_alone(job: Job) -> dict[str, Any]:
    """Validate one file in a process of its own: its result, or an error result if the process dies."""
    import multiprocessing

    receive, send = multiprocessing.Pipe(duplex=False)
    process = multiprocessing.Process(target=_validate_to_pipe, args=(job, send), daemon=True)
    process.start()
    send.close()
    try:
        outcome: tuple[str, Any] | None = receive.recv()
    except EOFError:  # the process died before it could answer
        outcome = None
    finally:
        receive.close()
        process.join()
    if outcome is None:
        return _died(job[0], process.exitcode)
    kind, value = outcome
    if kind == "error":
        raise value
    result: dict[str, Any] = value
    return result


def _validate_to_pipe(job: Job, send: Any) -> None:
    try:
        send.send(("result", _validate_one(job)))
    except Exception as exc:  # the parent raises it, as a pool would
        send.send(("error", exc))
    finally:
        send.close()


def _died(name: str, exitcode: int | None) -> dict[str, Any]:
    """The result of a file whose worker process died: an error for that file, not for the batch."""
    from ncts5.report import Finding, Report

    how = f"signal {-exitcode}" if exitcode and exitcode < 0 else f"exit code {exitcode}"
    message = f"the worker validating {name} died ({how}); out of memory? try it alone or with --jobs 1"
    report = Report(message=None, findings=[Finding("WORKER", "error", "/", None, message)])  # "/": the whole file
    result = report.to_dict()
    result["file"] = name
    return result


def cmd_validate(args: argparse.Namespace) -> int:
    from ncts5.rules.engine import OptionsError, resolve_options
    from ncts5.rules.profiles import ProfileError
    from ncts5.xml.xsd import XsdError

    _apply_config(args)
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
        if args.release:  # only when given: worker results stay what they were without it
            options["release"] = args.release
        if args.xsd:
            _xsd_cache(args.xsd).compile_all()
        files = expand(args.files)
    except (OptionsError, ProfileError, XsdError) as exc:
        raise UsageError(str(exc)) from None
    if files.count("-") > 1:
        raise UsageError("standard input (-) can be named once")
    show = sys.stderr.isatty() and (args.format == "text" or args.output) and len(files) > 1 and not args.quiet
    jobs = [(f, options, args.xsd) for f in files]
    try:
        results = _run_jobs(jobs, args.jobs or default_workers(files), show)
    except OptionsError as exc:  # e.g. --phase contradicting --tpend-date and a file's preparation date
        raise UsageError(str(exc)) from None
    _write_report(_report_text(results, args), args.output)
    if args.format != "text" and (warning := _staleness(args)):
        sys.stderr.write(warning + "\n")  # the report stays one document of its format
    from ncts5.cli_formats import failed

    passed = not any(failed(r, args.strict) for r in results)
    return EXIT_OK if passed or args.exit_zero else EXIT_INVALID


#: The validate options a configuration file may set (its keys), their ``args`` names and built-in defaults.
_CONFIGURABLE: dict[str, tuple[str, Any]] = {
    "phase": ("phase", None),
    "release": ("release", None),
    "profile": ("profile", None),
    "disable": ("disable", ()),
    "warn": ("warn", ()),
    "strict": ("strict", False),
    "jobs": ("jobs", 0),
    "format": ("format", "text"),
    "max-age": ("max_age", 90),
}


def _apply_config(args: argparse.Namespace) -> None:
    """Fill the options not given on the command line from the configuration file, then the defaults."""
    from ncts5.config import Config, ConfigError, load

    try:
        config = Config() if args.no_config else load(Path(args.config) if args.config else None)
    except ConfigError as exc:
        raise UsageError(str(exc)) from None
    for key, (attr, default) in _CONFIGURABLE.items():
        if getattr(args, attr) is None:
            setattr(args, attr, config.get(key, default))
    if args.jobs < 0:
        raise UsageError(f"--jobs {args.jobs}: expected 0 (automatic) or more")


def _report_text(results: list[dict[str, Any]], args: argparse.Namespace) -> str:
    """The whole report of ``validate`` in the format asked for."""
    from ncts5 import cli_formats

    if args.format == "json":
        return json.dumps(results, indent=2, ensure_ascii=False) + "\n"
    if args.format == "sarif":
        return cli_formats.sarif(results, strict=args.strict)
    if args.format == "junit":
        return cli_formats.junit(results, strict=args.strict)
    if args.format == "github":
        return cli_formats.github(results, strict=args.strict, summary=_summary(results, args.strict))
    out = io.StringIO()
    warning = None if args.quiet else _staleness(args)
    _print_text(results, quiet=args.quiet, strict=args.strict, warning=warning, out=out)
    return out.getvalue()


def _write_report(text: str, output: str | None) -> None:
    """Write the report to stdout, or to ``--output`` (a file that cannot be written is a usage error)."""
    if output is None or output == "-":
        sys.stdout.write(text)
        return
    try:
        Path(output).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"{output}: cannot write the report: {exc.strerror or exc}") from None


def _staleness(args: argparse.Namespace) -> str | None:
    """The warning when the reference data in use is older than --max-age days (it never fails a run)."""
    if args.no_codelists:
        return None
    from ncts5 import codelists
    from ncts5.errors import NCTSError

    try:
        return codelists.staleness(max_age_days=args.max_age).warning()
    except NCTSError as exc:  # a damaged installation or data directory: say so, the findings still stand
        return f"warning: cannot tell how old the reference data is: {exc}"


def _print_text(
    results: list[dict[str, Any]],
    *,
    quiet: bool,
    strict: bool = False,
    warning: str | None = None,
    out: TextIO | None = None,
) -> None:
    out = out or sys.stdout
    for r in results:
        for f in r["findings"]:
            if quiet and f["severity"] != "error":
                continue
            de = f" [{f['data_element']}]" if f["data_element"] else ""
            level = "" if f["severity"] == "error" else " (warning)"
            out.write(f"{_place(r['file'], f)} {f['rule']}{level} {f['message']}{de}\n")
        unchecked = sorted({n["rule"] for n in r.get("not_checked", [])})
        if unchecked and (strict or not quiet):
            out.write(
                f"{r['file']}: not checked (reference data missing or NCTS state needed): {', '.join(unchecked)}"
                " (reasons: --format json or `ncts5 explain ID`)\n"
            )
    if warning:
        out.write(warning + "\n")  # before the summary, which stays the last line
    out.write(_summary(results, strict))


def _place(file: str, finding: dict[str, Any]) -> str:
    """``FILE:LINE: PATH:`` where the line is known (editors and CI logs link it), else ``FILE:PATH:``."""
    line, path = finding.get("line"), finding["path"]
    if not line:
        return f"{file}:{path}:"
    if not path.startswith("/"):  # a PARSE finding's path is the line itself
        return f"{file}:{line}:"
    return f"{file}:{line}: {path}:"


def _summary(results: list[dict[str, Any]], strict: bool) -> str:
    """The last line of the text report: files, findings and rules not checked, counted."""
    errors = sum(1 for r in results for f in r["findings"] if f["severity"] == "error")
    warnings = sum(1 for r in results for f in r["findings"] if f["severity"] != "error")
    unchecked_counts = [len({n["rule"] for n in r.get("not_checked", [])}) for r in results]
    unchecked_files = sum(1 for n in unchecked_counts if n)
    unchecked_rules = sum(unchecked_counts)
    valid = sum(1 for r in results if r["valid"])
    not_checked = (
        f"; {unchecked_rules} rule(s) not checked in {unchecked_files} file(s)"
        + (" (--strict: a failure)" if strict else "")
        if unchecked_files
        else "; 0 rule(s) not checked"  # not "every rule checked": an unreadable file had none run
    )
    return (
        f"{len(results)} file(s): {valid} valid, {len(results) - valid} invalid; "
        f"{errors} error(s), {warnings} warning(s){not_checked}\n"
    )


# --------------------------------------------------------------------------- rules
def cmd_rules(args: argparse.Namespace) -> int:
    from ncts5.rules.declaration import Fires, Silent, Suspends, Undecided
    from ncts5.rules.registry import iter_rules

    rows: list[dict[str, Any]] = []
    for r in iter_rules(args.release):
        if args.status and r.status != args.status:
            continue
        rows.append(
            {
                "id": r.id,
                "kind": r.kind,
                "status": r.status,
                "phases": sorted(r.phases) if args.release == "5" else ["final"],
                "releases": list(r.releases),
                "release": args.release,
                "phase6": _phase6_class(r.id),
                "severity": r.severity,
                "error_code": r.error_code,
                "messages": list(r.messages),
                "topic": r.topic,
                "summary": r.summary,
                "description": r.summary,
                "explanation": {"checks": r.checks, "why": r.why, "fix": r.fix},
                "reason": r.reason,
                "suspends": list(r.suspends),
                "examples": {
                    "fires": r.count(Fires),
                    "silent": r.count(Silent),
                    "not_checked": r.count(Undecided),
                    "suspends": r.count(Suspends),
                },
            }
        )
    if args.format == "json":
        json.dump(rows, sys.stdout, indent=2)
        sys.stdout.write("\n")
        return EXIT_OK
    for row in rows:
        if args.release == "5":
            third = "both" if len(row["phases"]) == 2 else row["phases"][0]
        else:  # Phase 6 has one phase: say instead how the rule compares with Phase 5
            third = row["phase6"] or ""
        sys.stdout.write(f"{row['id']}  {row['status']:<15} {third:<10} {row['summary']}\n")
    counts: dict[str, int] = {}
    for row in rows:
        counts[row["status"]] = counts.get(row["status"], 0) + 1
    summary = ", ".join(f"{v} {k}" for k, v in sorted(counts.items()))
    sys.stdout.write(f"{len(rows)} rules: {summary}\n")
    return EXIT_OK


def _national_rule(profile: str, rule_id: str) -> Any:
    """The profile's national rule ``rule_id``, or None; a profile that cannot be loaded is a usage error."""
    from ncts5.rules.profiles import ProfileError, load_profile

    try:
        loaded = load_profile(profile)
    except ProfileError as exc:
        raise UsageError(str(exc)) from None
    return next((r for r in loaded.national_rules if r.id == rule_id), None)


def _national_text(r: Any, profile: str) -> str:
    """``ncts5 explain GB002 --profile uk``: a national rule as its profile declares it."""
    where = ", ".join(sorted(r.departure_countries)) or "any country"
    lines = [
        f"{r.id} (national rule of profile {profile}, {r.severity}): {r.summary}",
        "",
        f"source: {r.source}",
        f"applies to: {', '.join(r.messages)}; releases {', '.join(r.releases)}; departures from {where}"
        + (f"; from {r.from_date.isoformat()}" if r.from_date else ""),
    ]
    if r.not_checked:
        lines.append(f"status: not checked ({r.not_checked})")
    else:
        lines += [f"field: {r.field}; allowed: {', '.join(r.allowed)}", f"error code: {r.error_code}"]
        if r.fix:
            lines.append(f"fix: {r.fix}")
    return "\n".join(lines) + "\n"


def _phase6_class(rule_id: str) -> str | None:
    """How DDNTA 6.4.1 treats the id: same, reworded, changed, new, dropped (``rules/phase6.json``)."""
    from ncts5.rules.phase6 import classification

    return classification(rule_id)


def cmd_explain(args: argparse.Namespace) -> int:
    from ncts5.rules.registry import registry

    rule_id = args.id.upper()
    if re.fullmatch(r"CL\d{3}", rule_id):
        return _explain_code_list(rule_id)
    if args.profile:
        national = _national_rule(args.profile, rule_id)
        if national is not None:
            sys.stdout.write(_national_text(national, args.profile))
            return EXIT_OK
    release = args.release
    if release is None:
        release = "5" if rule_id in registry("5") or rule_id not in registry("6") else "6"
    rules = registry(release)
    if rule_id not in rules:
        other = "6" if release == "5" else "5"
        if rule_id in registry(other):
            raise UsageError(
                f"{rule_id} is not a Phase {release} rule ({_phase6_class(rule_id) or 'not in its tables'}); "
                f"`ncts5 explain {rule_id} --release {other}` shows it"
            )
        from ncts5.rules.profiles import available_profiles

        owners = sorted(n for n, p in available_profiles().items() if any(r.id == rule_id for r in p.national_rules))
        if owners:
            raise UsageError(
                f"{rule_id} is a national rule of profile {owners[0]}: `ncts5 explain {rule_id} --profile {owners[0]}`"
            )
        raise UsageError(f"unknown rule id {args.id!r}; `ncts5 rules --release {release}` lists them")
    sys.stdout.write(explain_text(rules[rule_id], release))
    return EXIT_OK


def _explain_code_list(list_id: str) -> int:
    """``ncts5 explain CL017``: what the list is, where the messages use it, its source and date."""
    from ncts5.codelists.catalogue import NAMES
    from ncts5.codelists.explain import explain_lines

    if list_id not in NAMES:
        raise UsageError(f"unknown code list {list_id!r}; `ncts5 codelists --all` lists them")
    sys.stdout.write("\n".join(explain_lines(list_id)) + "\n")
    return EXIT_OK


def explain_text(r: Any, release: str = "5") -> str:
    """``ncts5 explain``'s page for one rule, read from its declaration (the docs' rule pages say the same)."""
    from ncts5.messages.catalogue import message_class
    from ncts5.rules.declaration import KIND_NAMES, Fires, Silent, Suspends, Undecided

    lines = [f"{r.id} ({KIND_NAMES[r.kind]}, {r.severity}): {r.summary}", ""]
    # Phase 6 has one phase: a rule shown as Phase 6 declares it applies in the final phase only
    phases = ", ".join(sorted(r.phases)) if release == "5" else "final (Phase 6 has no transition period)"
    for title, text in (("What it checks", r.checks), ("Why customs rejects it", r.why), ("How to fix it", r.fix)):
        if text:
            lines += [f"{title}:", f"  {text}", ""]
    lines += [
        f"status: {r.status}" + (f" ({r.reason})" if r.reason else ""),
        f"applies to: {', '.join(r.messages)}; phases: {phases}; release {', '.join(r.releases)}",
        f"error code: {r.error_code}",
        f"declared in: ncts5.rules.{r.topic}",
    ]
    lines += _release_lines(r)
    if r.suspends:
        lines.append(f"suspends in the transition phase: {', '.join(r.suspends)}")
    counts = {"fire": r.count(Fires), "stay silent": r.count(Silent), "not checked": r.count(Undecided)}
    counts["suspension"] = r.count(Suspends)
    shown = ", ".join(f"{n} {what}" for what, n in counts.items() if n)
    lines.append(f"examples: {shown or 'none declared yet'}")
    lines.append("fields:")
    for message, path in r.places:
        item = _item_at(message_class(message), path)
        de = f"{item.data_element} " if item and item.data_element else ""
        desc = item.description if item else ""
        lines.append(f"  {path}  {de}{desc}")
    return "\n".join(lines) + "\n"


def _release_lines(r: Any) -> list[str]:
    """How the two releases treat the id (from the DDNTA comparison), and where the other declaration is."""
    from ncts5.rules.phase6 import MEANING, classification

    found = classification(r.id)
    if found is None:
        return []
    line = f"DDNTA 6.4.1: {MEANING[found]}"
    if found == "changed":
        other = "6" if r.releases == ("P5",) else "5"
        line += f"; `ncts5 explain {r.id} --release {other}` shows the other"
    return [line]


def _item_at(cls: Any, path: str) -> Any:
    parts = path.strip("/").split("/")[1:]
    item = None
    for part in parts:
        child = cls.__xml_by_name__.get(part) if cls else None
        if child is None:
            return None
        item, cls = child.item, child.model
    return item


# --------------------------------------------------------------------------- upgrade
def cmd_upgrade(args: argparse.Namespace) -> int:
    """``ncts5 upgrade``: a Phase 5 IE015/IE170 rewritten as Phase 6, and the decisions it needs.

    The XML goes to OUT or stdout; the decisions to stderr (text) or, with ``--format json``, as one
    JSON object on stdout (holding the XML too when there is no OUT).  Exit 0 when nothing needs a
    decision, 1 when something does or the file is unreadable, 2 for a Phase 6 input.
    """
    from ncts5.errors import NCTSError
    from ncts5.upgrading import UpgradeError, upgrade

    name = "<stdin>" if args.file == "-" else args.file
    try:
        result = upgrade(sys.stdin.buffer.read() if args.file == "-" else Path(args.file))
    except UpgradeError as exc:
        raise UsageError(f"{name}: {exc}") from None
    except NCTSError as exc:
        text = str(exc) if str(exc).startswith(name) else f"{name}: {exc}"
        if args.format == "json":
            print(json.dumps({"file": name, "error": text}, indent=2))
        else:
            sys.stderr.write(f"ncts5: {text}\n")
        return EXIT_INVALID
    xml = result.to_xml()
    if args.output:
        try:
            Path(args.output).write_bytes(xml)
        except OSError as exc:
            raise UsageError(f"cannot write {args.output}: {exc.strerror or exc}") from None
    code = EXIT_OK if result.complete else EXIT_INVALID
    if args.format == "json":
        out: dict[str, Any] = {"file": name, "root": result.message.root_name, "release": "6"}
        out |= {"complete": result.complete, "output": args.output}
        out["decisions"] = [d.to_dict() for d in result.decisions]
        if not args.output:
            out["xml"] = xml.decode("utf-8")
        print(json.dumps(out, indent=2))
        return code
    if not args.output:
        sys.stdout.buffer.write(xml)
        sys.stdout.flush()
    for d in result.decisions:
        sys.stderr.write(f"{name}: {d.action}: {d.path}: {d.message}\n")
    needed = len(result.open_decisions)
    verdict = "complete" if result.complete else f"INCOMPLETE, {needed} decision(s) needed"
    sys.stderr.write(f"{name}: upgraded to Phase 6 ({verdict})\n")
    return code


# --------------------------------------------------------------------------- parser
def build_parser() -> argparse.ArgumentParser:
    from ncts5 import __version__
    from ncts5.messages.catalogue import describe

    parser = argparse.ArgumentParser(
        prog="ncts5",
        description=f"Validate EU NCTS phase 5 transit declarations ({describe()}) before sending them.",
    )

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
    v.add_argument(
        "--format",
        choices=["text", "json", "sarif", "junit", "github"],
        default=None,
        help="report format: text (default), json, sarif (SARIF 2.1.0), junit (JUnit XML), github (annotations)",
    )
    v.add_argument("-o", "--output", metavar="FILE", help="write the report to FILE instead of standard output")
    v.add_argument(
        "--exit-zero",
        action="store_true",
        help="exit 0 even when files are invalid (report-only CI); usage errors still exit 2",
    )
    v.add_argument(
        "--xsd",
        metavar="DIR",
        help="also validate against the official XSD files in DIR: one release's schema folder, or a folder "
        "holding both (p5-51.8.6/, p6-60.4.16/); each file is checked against its own release's schema",
    )
    v.add_argument(
        "--release",
        choices=("5", "6"),
        help="read every file as NCTS Phase 5 or 6 (default: each file's PhaseID decides; NCTS6 is 6)",
    )
    v.add_argument("--disable", action="append", metavar="ID", help="switch a rule off (repeatable)")
    v.add_argument("--warn", action="append", metavar="ID", help="report a rule as a warning (repeatable)")
    v.add_argument("--profile", metavar="NAME", help="named rule profile or profile .json file")
    v.add_argument("--no-codelists", action="store_true", help="skip code list checks")
    v.add_argument(
        "--jobs",
        type=int,
        metavar="N",
        help="worker processes (default 0: automatic, in process unless the batch is large enough to repay workers)",
    )
    v.add_argument("-q", "--quiet", action="store_true", help="print errors and the summary only")
    v.add_argument(
        "--strict",
        action=argparse.BooleanOptionalAction,
        help="fail (exit 1) a file in which any rule or code list could not be decided (not checked)",
    )
    v.add_argument(
        "--config",
        metavar="FILE",
        help="read settings from FILE (a pyproject.toml, or TOML with the same keys) instead of the nearest "
        "pyproject.toml's [tool.ncts5]; options given here win over the file",
    )
    v.add_argument("--no-config", action="store_true", help="ignore configuration files")
    v.add_argument(
        "--max-age",
        type=int,
        default=None,
        metavar="DAYS",
        help="warn when the reference data in use is older than DAYS (default 90)",
    )
    v.set_defaults(func=cmd_validate)

    r = sub.add_parser("rules", help="list every DDNTA rule ncts5 knows and its status")
    r.add_argument("--format", choices=["text", "json"], default="text")
    r.add_argument("--status", choices=["implemented", "reference-data", "not-checkable"])
    r.add_argument(
        "--release",
        choices=["5", "6"],
        default="5",
        help="the NCTS release whose rule catalogue to list (5: DDNTA 5.15.2, the default; 6: DDNTA 6.4.1)",
    )
    r.set_defaults(func=cmd_rules)

    e = sub.add_parser("explain", help="show one rule and the fields it touches")
    e.add_argument("id", metavar="ID")
    e.add_argument(
        "--release",
        choices=["5", "6"],
        default=None,
        help="explain the rule as this release declares it (default: Phase 5, or Phase 6 for an id only Phase 6 has)",
    )
    e.add_argument("--profile", metavar="NAME", help="also know the national rules of this profile (GB002 ...)")
    e.set_defaults(func=cmd_explain)

    u = sub.add_parser("upgrade", help="rewrite a Phase 5 IE015/IE170 as Phase 6 and list what needs deciding")
    u.add_argument("file", metavar="FILE", help="a Phase 5 message; - for stdin")
    u.add_argument("-o", "--output", metavar="OUT", help="write the Phase 6 XML here (default stdout)")
    u.add_argument("--format", choices=["text", "json"], default="text", help="how to report the decisions")
    u.set_defaults(func=cmd_upgrade)

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
        # Files may follow options (`ncts5 validate a.xml --strict b.xml`): argparse stops collecting
        # a positional list at the first option, so the rest of the files come back as extras.
        args, extra = parser.parse_known_args(argv)
        if extra and getattr(args, "command", None) == "validate" and not any(e.startswith("-") for e in extra):
            args.files = [*args.files, *extra]
        elif extra:
            parser.error(f"unrecognized arguments: {' '.join(extra)}")
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


def entry() -> NoReturn:
    """The ``ncts5`` command: :func:`main`, then leave without the interpreter's teardown.

    Freeing the models, schemas and code lists of a run at exit takes 30-50 ms, a sixth of a small
    file's cold start, for memory the operating system reclaims anyway. Everything the run wrote
    is flushed first; a process pool has already been shut down by then. Library callers use
    :func:`main`, which returns normally.
    """
    code = main()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (BrokenPipeError, ValueError):  # the reader went away, or a stream was closed
        raise SystemExit(code) from None
    os._exit(code)


if __name__ == "__main__":  # pragma: no cover
    entry()
