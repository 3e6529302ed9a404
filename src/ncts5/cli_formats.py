"""The CI report formats of ``ncts5 validate``: SARIF 2.1.0, JUnit XML and GitHub workflow commands.

Each takes the per-file results the command gathers (:meth:`ncts5.report.Report.to_dict` plus
``file``) and returns the whole report as text, so the command writes it to stdout or to
``--output`` alike.  How each format carries what ncts5 knows:

* **SARIF** (code-scanning tools): one run; a result per finding (``error``/``warning``) at the
  file and line; the rules that occur, with their summary and explanation, in ``tool.driver.rules``.
  Rules that could not be decided (*not checked*) are not results, which code scanning would turn
  into alerts on every file: they are ``toolExecutionNotifications`` of the run's invocation
  (level ``note``, ``error`` under ``--strict``), naming the rule and the file.
* **JUnit** (test report viewers): one test suite, one test case per file, a ``<failure>`` per
  file that fails the run, listing its errors; warnings and rules not checked go to the case's
  ``<system-out>``.
* **GitHub** (``::error``/``::warning`` workflow commands): an annotation per finding at its file
  and line; under ``--strict`` an ``::error`` per file with rules not checked.  The summary line
  ends the output.
"""

from __future__ import annotations

import json
from collections.abc import Collection
from pathlib import Path
from typing import Any
from urllib.parse import quote
from xml.etree import ElementTree as ET

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


# --------------------------------------------------------------------------- shared
def failed(result: dict[str, Any], strict: bool) -> bool:
    """Whether a file fails the run: an error finding, or (under --strict) a rule not checked."""
    return not result["valid"] or (strict and not result.get("complete", True))


def _unchecked(result: dict[str, Any]) -> list[str]:
    return sorted({n["rule"] for n in result.get("not_checked", [])})


def _where(finding: dict[str, Any]) -> str:
    line = f" (line {finding['line']})" if finding.get("line") else ""
    return f"{finding['path']}{line}"


def _text(finding: dict[str, Any]) -> str:
    de = f" [{finding['data_element']}]" if finding.get("data_element") else ""
    return f"{finding['message']}{de}"


def _describe(rule_id: str, releases: Collection[str] = ("5",)) -> tuple[str, str]:
    """A rule id's short description and help text (DDNTA rules, code lists, SCHEMA and PARSE).

    ``releases`` are those of the files the id was reported for: where Phase 5 and Phase 6 declare
    the id differently (a rule whose meaning changed), both are described.
    """
    from ncts5.rules.registry import registry

    found: dict[str, Any] = {}
    for release in ("5", "6"):
        if release not in releases:
            continue
        rule = registry(release).get(rule_id)
        if rule is not None and all(rule.releases != other.releases for other in found.values()):
            found[release] = rule
    if len(found) == 1:
        (rule,) = found.values()
        help_text = "\n\n".join(t for t in (rule.checks, rule.why, rule.fix) if t)
        return rule.summary, help_text or rule.summary
    if found:
        summary = " / ".join(f"Phase {release}: {rule.summary}" for release, rule in found.items())
        parts = [
            f"Phase {release}: " + " ".join(t for t in (rule.checks, rule.why, rule.fix) if t)
            for release, rule in found.items()
        ]
        return summary, "\n\n".join(parts)
    if rule_id == "SCHEMA":
        text = "The message breaks its NCTS schema (elements, order, occurrences, value formats)."
        return text, text
    if rule_id == "PHASE":
        text = "The options ask for the transition phase, which Phase 6 does not have: validated in the final phase."
        return text, text
    if rule_id == "PARSE":
        text = "The input is not a readable NCTS message (missing, not well-formed XML, wrong root, too large)."
        return text, text
    from ncts5.codelists.catalogue import NAMES

    if rule_id in NAMES:
        text = f"The value is not in code list {rule_id} ({NAMES[rule_id]})."
        return text, f"{text} `ncts5 explain {rule_id}` shows the list, its source and its date."
    text = f"{rule_id}: a national rule of the profile in use (docs/profiles.md); the finding says what it asks."
    return text, text


# --------------------------------------------------------------------------- SARIF
def _artifact_uri(name: str) -> str:
    path = Path(name)
    return path.resolve().as_uri() if path.is_absolute() else quote(path.as_posix())


def _location(name: str, finding: dict[str, Any] | None = None) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": {"uri": _artifact_uri(name)}}
    if finding is not None and finding.get("line"):
        region: dict[str, Any] = {"startLine": finding["line"]}
        if finding.get("column"):
            region["startColumn"] = finding["column"]
        physical["region"] = region
    location: dict[str, Any] = {"physicalLocation": physical}
    if finding is not None and finding["path"].startswith("/"):
        location["logicalLocations"] = [{"fullyQualifiedName": finding["path"], "kind": "element"}]
    return location


def _information_uri() -> str | None:
    """The project's home page from the installed distribution's metadata, when it names one."""
    from importlib.metadata import PackageNotFoundError, metadata

    try:
        meta = metadata("ncts5")
    except PackageNotFoundError:
        return None
    for entry in meta.get_all("Project-URL") or []:
        _, _, url = str(entry).partition(",")
        if url.strip().startswith("https://"):
            return url.strip()
    home = meta.get_all("Home-page") or []
    return next((str(h) for h in home if str(h).startswith("https://")), None)


def sarif(results: list[dict[str, Any]], *, strict: bool = False) -> str:
    """The results as one SARIF 2.1.0 log (one run)."""
    from ncts5 import __version__

    rule_ids = sorted({f["rule"] for r in results for f in r["findings"]})
    index = {rule_id: i for i, rule_id in enumerate(rule_ids)}
    rules = []
    releases: dict[str, set[str]] = {}
    for r in results:
        for f in r["findings"]:
            releases.setdefault(f["rule"], set()).add(r.get("release") or "5")
    for rule_id in rule_ids:
        summary, help_text = _describe(rule_id, releases[rule_id])
        rules.append({"id": rule_id, "shortDescription": {"text": summary}, "help": {"text": help_text}})
    out_results: list[dict[str, Any]] = []
    notifications: list[dict[str, Any]] = []
    for r in results:
        named = r["file"] != "-"  # standard input has no artifact to point at
        for f in r["findings"]:
            result: dict[str, Any] = {
                "ruleId": f["rule"],
                "ruleIndex": index[f["rule"]],
                "level": "error" if f["severity"] == "error" else "warning",
                "message": {"text": f"{f['path']}: {_text(f)}"},
            }
            if named:
                result["locations"] = [_location(r["file"], f)]
            out_results.append(result)
        reasons: dict[str, str] = {}
        for n in r.get("not_checked", []):
            reasons.setdefault(n["rule"], n["reason"])
        for rule_id, reason in sorted(reasons.items()):
            note: dict[str, Any] = {
                "level": "error" if strict else "note",
                "message": {"text": f"{r['file']}: {rule_id} not checked: {reason}"},
                "associatedRule": {"id": rule_id},
            }
            if named:
                note["locations"] = [_location(r["file"])]
            notifications.append(note)
    driver: dict[str, Any] = {"name": "ncts5", "version": __version__, "semanticVersion": __version__}
    if uri := _information_uri():
        driver["informationUri"] = uri
    driver["rules"] = rules
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": driver},
                "invocations": [{"executionSuccessful": True, "toolExecutionNotifications": notifications}],
                "results": out_results,
            }
        ],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


# --------------------------------------------------------------------------- JUnit
def junit(results: list[dict[str, Any]], *, strict: bool = False) -> str:
    """The results as JUnit XML: one test suite, one test case per file, a failure per failing file."""
    failures = sum(1 for r in results if failed(r, strict))
    counts = {"tests": str(len(results)), "failures": str(failures), "errors": "0", "skipped": "0"}
    suites = ET.Element("testsuites", {"name": "ncts5", **counts})
    suite = ET.SubElement(suites, "testsuite", {"name": "ncts5 validate", **counts})
    for r in results:
        case = ET.SubElement(
            suite, "testcase", {"name": r["file"], "classname": f"ncts5.{r['message'] or 'unreadable'}"}
        )
        errors = [f for f in r["findings"] if f["severity"] == "error"]
        warnings = [f for f in r["findings"] if f["severity"] != "error"]
        unchecked = _unchecked(r)
        if failed(r, strict):
            lines = [f"{_where(f)}: {f['rule']} {_text(f)}" for f in errors]
            if strict and unchecked:
                lines.append(f"not checked (--strict: a failure): {', '.join(unchecked)}")
            summary = f"{len(errors)} error(s)" + (f", {len(unchecked)} rule(s) not checked" if strict else "")
            failure = ET.SubElement(case, "failure", {"message": summary, "type": "ncts5"})
            failure.text = "\n".join(lines) + "\n"
        out = [f"{_where(f)}: {f['rule']} (warning) {_text(f)}" for f in warnings]
        if unchecked and not strict:
            out.append(f"not checked: {', '.join(unchecked)}")
        if out:
            ET.SubElement(case, "system-out").text = "\n".join(out) + "\n"
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"


# --------------------------------------------------------------------------- GitHub
def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _command(level: str, message: str, file: str, line: int | None, column: int | None, title: str) -> str:
    props = []
    if file != "-":
        props.append(f"file={_escape_property(file)}")
    if line:
        props.append(f"line={line}")
    if column:
        props.append(f"col={column}")
    props.append(f"title={_escape_property(title)}")
    return f"::{level} {','.join(props)}::{_escape_data(message)}\n"


def github(results: list[dict[str, Any]], *, strict: bool = False, summary: str = "") -> str:
    """The results as GitHub Actions workflow commands, one annotation per finding."""
    out = []
    for r in results:
        for f in r["findings"]:
            level = "error" if f["severity"] == "error" else "warning"
            message = f"{f['path']}: {_text(f)}"
            out.append(_command(level, message, r["file"], f.get("line"), f.get("column"), f["rule"]))
        unchecked = _unchecked(r)
        if strict and unchecked:
            message = f"not checked (--strict: a failure): {', '.join(unchecked)}"
            out.append(_command("error", message, r["file"], None, None, "not checked"))
    if summary:
        out.append(summary)
    return "".join(out)


__all__ = ["failed", "github", "junit", "sarif"]
