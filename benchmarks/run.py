"""ncts5 benchmark: full validation next to a bare XSD check, on declarations of growing size.

    python benchmarks/run.py [--quick] [--largest] [--json PATH] [--xsd DIR]

Builds deterministic IE015 declarations from ``examples/t1-road.xml`` (its first
consignment item copied N times, goods item numbers and declaration goods item
numbers 1..N, gross masses raised so the declaration stays rule-valid) and
measures, in one run, medians over repeated runs of:

* ncts5: ``from_xml`` (reading is schema validation in ncts5), the model
  re-validation ``validate(model)`` does for models built in code
  (``model_validate(model_dump(round_trip=True))``), the rule engine, ``to_xml``
  and the whole ``ncts5.validate(bytes)``;
* the reference points: lxml ``etree.XMLSchema`` over ``cc015c.xsd`` (parse +
  validate, schema compiled once) and ``xmlschema.XMLSchema11`` (validate only,
  schema loaded once; skipped with a note when xmlschema is not installed);
* the same 999-item declaration as Phase 6 (PhaseID ``NCTS6``) next to Phase 5, ``validate``
  and ``from_xml``, as ratios Phase 6 / Phase 5 (issue 10);
* the CLI cold start (``python -m ncts5.cli validate examples/t1-road.xml`` and
  the ``ncts5`` console script when it is on PATH) and the peak RSS of a child
  process validating the largest declaration measured.

It prints a table of medians and ratios to lxml, checks the targets of issue 5
and writes JSON (default ``benchmarks/results/latest.json``).  See
``docs/performance.md``.  The benchmark is not part of the test suite.
"""

from __future__ import annotations

import argparse
import gc
import io
import json
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
EXAMPLE_P6 = ROOT / "examples" / "phase6" / "t1-road.xml"
EXAMPLE = ROOT / "examples" / "t1-road.xml"
DEFAULT_XSD = ROOT.parent / "shared" / "xsd" / "p5-51.8.6"
DEFAULT_JSON = ROOT / "benchmarks" / "results" / "latest.json"

#: Schema 51.8.6: HouseConsignment maxOccurs 1999, ConsignmentItem maxOccurs 999 (per house
#: consignment), declarationGoodsItemNumber at most 1999 (so at most 1999 goods items can be
#: numbered without repeats: larger declarations are schema-valid but break R0007).
MAX_HOUSES = 1999
MAX_ITEMS_PER_HOUSE = 999
MAX_DECLARATION_ITEM_NUMBER = 1999

# Targets of issue 5 (the cold start: issue 8, with the official reference data packaged).
TARGET_LXML_RATIO = 3.0
TARGET_XMLSCHEMA_SPEEDUP = 5.0
TARGET_LINEAR = 2.2
TARGET_COLD_START = 0.3
TARGET_MEMORY_RATIO = 10.0
# Target of issue 10: validating a 999-item Phase 6 declaration costs within 10% of Phase 5.
TARGET_PHASE6_RATIO = 1.10
#: The Phase 6 comparison's size and rounds (after one warm-up round), in every run (--quick too).
PHASE6_ITEMS = 999
PHASE6_ROUNDS = 9

#: xmlschema takes about half a second per 1,000 goods items: above this it is not measured.
XMLSCHEMA_MAX_ITEMS = 20_000

Log = Callable[[str], None]


def _use_checkout() -> None:
    """Measure the code next to this file: put ``src/`` first (the same code as ``pip install .``)."""
    if (SRC / "ncts5" / "__init__.py").is_file() and str(SRC) not in sys.path:
        sys.path.insert(0, str(SRC))


def _child_env() -> dict[str, str]:
    env = dict(os.environ)
    if (SRC / "ncts5" / "__init__.py").is_file():
        env["PYTHONPATH"] = os.pathsep.join([str(SRC), *filter(None, [env.get("PYTHONPATH")])])
    return env


# --------------------------------------------------------------------------- sizes
@dataclass(frozen=True)
class Size:
    label: str
    houses: int
    items_per_house: int
    reps: int
    isolated: bool = False  # measured step by step in child processes (the largest declaration)

    @property
    def items(self) -> int:
        return self.houses * self.items_per_house


LARGEST = f"{MAX_HOUSES}x{MAX_ITEMS_PER_HOUSE}"


def sizes_for(args: argparse.Namespace) -> list[Size]:
    small = 3 if args.quick else 7
    big = 1 if args.quick else 3
    out = [
        Size("1", 1, 1, small),
        Size("100", 1, 100, small),
        Size("200", 1, 200, small),
        Size("999", 1, 999, small),
        Size("2x999", 2, 999, small),
    ]
    if not args.quick:
        out += [
            Size("1999x1", MAX_HOUSES, 1, small),
            Size("10x999", 10, 999, big),
            Size("20x999", 20, 999, big),
        ]
    if args.largest:
        out += [
            Size("100x999", 100, 999, 1, isolated=True),
            Size("200x999", 200, 999, 1, isolated=True),
            Size(LARGEST, MAX_HOUSES, MAX_ITEMS_PER_HOUSE, 1, isolated=True),
        ]
    return out


#: (x, 2x) pairs whose time ratio shows whether cost is linear in goods items.
LINEAR_PAIRS = [("100", "200"), ("999", "2x999"), ("10x999", "20x999"), ("100x999", "200x999")]
#: Memory a child step leaves to the rest of the machine (other users, the page cache).
HEADROOM = 4_000_000_000


# --------------------------------------------------------------------------- declarations
def one_house(n: int, houses: int = 1) -> Any:
    """The example with its first consignment item copied ``n`` times into its one house consignment.

    ``houses`` only sets the consignment's gross mass (for :func:`declaration`, which repeats
    the house consignment).
    """
    import ncts5

    message = ncts5.from_xml(EXAMPLE)
    house = message.consignment.house_consignment[0]
    first = house.consignment_item[0]
    items = []
    for i in range(1, n + 1):
        item = first.model_copy(deep=True)
        item.goods_item_number = i
        item.declaration_goods_item_number = i
        items.append(item)
    house.consignment_item = items
    house.gross_mass = first.commodity.goods_measure.gross_mass * n  # >= the sum of the items
    message.consignment.gross_mass = house.gross_mass * houses  # >= the sum of the houses
    return message


_HOUSE = re.compile(rb"\n[ \t]*<HouseConsignment>.*</HouseConsignment>", re.S)
_DGIN = re.compile(rb"(?<=<declarationGoodsItemNumber>)\d+(?=</declarationGoodsItemNumber>)")
_SEQ = re.compile(rb"<sequenceNumber>1</sequenceNumber>")


def declaration(houses: int, n: int) -> bytes:
    """IE015 bytes with ``houses`` house consignments of ``n`` goods items each, deterministic.

    One house consignment is built with the models (see :func:`one_house`) and written with
    ``to_xml``; more are the same house consignment repeated with its sequence number and the
    declaration goods item numbers renumbered (above 1999 they wrap round: schema-valid, but
    R0007 reports the repeats).  The result is byte for byte what ``to_xml`` writes for the
    same declaration built in code, without building millions of models first.
    """
    data = one_house(n, houses).to_xml()
    if houses == 1:
        return data
    match = _HOUSE.search(data)
    assert match is not None
    head, house, tail = data[: match.start()], match.group(0), data[match.end() :]
    pieces = _DGIN.split(house)  # n + 1 pieces around the n declaration goods item numbers
    assert len(pieces) == n + 1
    first_piece = pieces[0]
    seq = _SEQ.search(first_piece)  # the house consignment's own sequence number comes first
    assert seq is not None
    out = [head]
    number = 0
    for h in range(1, houses + 1):
        out.append(first_piece[: seq.start()] + b"<sequenceNumber>%d</sequenceNumber>" % h + first_piece[seq.end() :])
        for piece in pieces[1:]:
            number = number % MAX_DECLARATION_ITEM_NUMBER + 1
            out.append(b"%d" % number)
            out.append(piece)
    out.append(tail)
    return b"".join(out)


def phase6(data: bytes) -> bytes:
    """The same IE015 as a Phase 6 message: its ``PhaseID`` switched to ``NCTS6`` (read as release 6).

    The example's content is schema-valid under 60.4.16 too (it has the transport-means and
    goods-measure elements that became mandatory, and none of the removed ones):
    :func:`measure_phase6` checks that with ncts5 and, when the schema is there, with lxml.
    """
    assert data.count(b'PhaseID="NCTS5.1"') == 1
    return data.replace(b'PhaseID="NCTS5.1"', b'PhaseID="NCTS6"')


# --------------------------------------------------------------------------- timing
def rule_engine() -> Callable[[Any, Any], object]:
    """``engine.run`` as ``validate`` calls it: the packaged rule set and the installed code lists."""
    from ncts5 import codelists
    from ncts5.rules.engine import run
    from ncts5.rules.registry import rule_set

    rules = rule_set()
    return lambda message, options: run(message, options, rules=rules, codelists=codelists)


class References:
    """The lxml and xmlschema reference validators, loaded once."""

    def __init__(self, xsd_dir: Path) -> None:
        self.xsd_dir = xsd_dir
        self.notes: list[str] = []
        self.lxml: Any = None
        self.xmlschema: Any = None
        if not (xsd_dir / "cc015c.xsd").is_file():
            self.notes.append(
                f"the schema folder {xsd_dir} (cc015c.xsd of schema 51.8.6) was not found: the lxml and "
                "xmlschema reference columns and every ratio to them are missing. Put the official schemas in "
                "../shared/xsd/p5-51.8.6 next to the project, or pass --xsd DIR."
            )
            return
        from lxml import etree

        self.lxml = etree.XMLSchema(etree.parse(str(xsd_dir / "cc015c.xsd")))
        try:
            import xmlschema
        except ImportError:
            self.notes.append(
                "xmlschema is not installed (it is in the test extras: pip install '.[test]'): its column is skipped."
            )
        else:
            self.xmlschema = xmlschema.XMLSchema11(str(xsd_dir / "cc015c.xsd"))

    def lxml_validate(self, data: bytes) -> bool:
        from lxml import etree

        parser = etree.XMLParser(huge_tree=len(data) > 10_000_000)
        return bool(self.lxml.validate(etree.fromstring(data, parser)))

    def xmlschema_validate(self, data: bytes) -> bool:
        return bool(self.xmlschema.is_valid(io.BytesIO(data)))


@dataclass
class Row:
    size: Size
    bytes: int
    times: dict[str, float] = field(default_factory=dict)
    samples: dict[str, list[float]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    ok: dict[str, bool] = field(default_factory=dict)
    findings: int | None = None
    rules_findings: dict[str, int] = field(default_factory=dict)
    peak: dict[str, Any] | None = None  # isolated sizes: the validate child's peak RSS

    def to_dict(self) -> dict[str, Any]:
        lx = self.times.get("lxml")
        return {
            "label": self.size.label,
            "houses": self.size.houses,
            "items_per_house": self.size.items_per_house,
            "items": self.size.items,
            "bytes": self.bytes,
            "reps": self.size.reps,
            "isolated": self.size.isolated,
            "median_seconds": self.times,
            "samples_seconds": self.samples,
            "ratio_to_lxml": {k: v / lx for k, v in self.times.items()} if lx else {},
            "valid": self.ok,
            "findings": self.findings,
            "findings_by_rule": self.rules_findings,
            "notes": self.notes,
        }


def _count_findings(row: Row, report: Any) -> None:
    row.ok["ncts5"] = report.ok
    row.findings = len(report.findings)
    for f in report.findings:
        row.rules_findings[f.rule] = row.rules_findings.get(f.rule, 0) + 1


def _max_bytes(size: int) -> dict[str, int]:
    from ncts5.xml.parsing import DEFAULT_MAX_BYTES

    return {"max_bytes": size + 1} if size > DEFAULT_MAX_BYTES else {}


def measure(size: Size, refs: References, log: Log) -> Row:
    """Every measurement of one size in this process, ``size.reps`` times each.

    The measurements run in rounds (each once per round, after one warm-up round), so that a burst
    of load from elsewhere on the machine touches every column alike rather than one of them.
    """
    import ncts5
    from ncts5.rules.engine import resolve_options

    run = rule_engine()
    start = time.perf_counter()
    data = declaration(size.houses, size.items_per_house)
    log(f"  built: {len(data) / 1e6:.2f} MB in {time.perf_counter() - start:.1f} s")
    row = Row(size, len(data))
    limit = _max_bytes(len(data))
    if limit:
        row.notes.append(f"max_bytes raised to {limit['max_bytes']}")

    tasks: dict[str, Callable[[], object]] = {}
    if refs.lxml is not None:
        row.ok["lxml"] = refs.lxml_validate(data)
        tasks["lxml"] = lambda: refs.lxml_validate(data)
    if refs.xmlschema is not None:
        if size.items <= XMLSCHEMA_MAX_ITEMS:
            row.ok["xmlschema"] = refs.xmlschema_validate(data)
            tasks["xmlschema"] = lambda: refs.xmlschema_validate(data)
        else:
            row.notes.append(f"xmlschema not measured above {XMLSCHEMA_MAX_ITEMS} goods items (minutes per run)")
    message = ncts5.from_xml(data, **limit)
    options = resolve_options()
    cls = type(message)
    tasks["from_xml"] = lambda: ncts5.from_xml(data, **limit)
    tasks["rules"] = lambda: run(message, options)
    tasks["to_xml"] = message.to_xml
    tasks["model_check"] = lambda: cls.model_validate(message.model_dump(round_trip=True))
    tasks["validate"] = lambda: ncts5.validate(data, **limit)

    samples: dict[str, list[float]] = {name: [] for name in tasks}
    for round_ in range(size.reps + (size.reps > 1)):
        for name, fn in tasks.items():
            gc.collect()
            t0 = time.perf_counter()
            fn()
            if round_ or size.reps == 1:  # the first of several rounds only warms up
                samples[name].append(time.perf_counter() - t0)
    for name, times in samples.items():
        row.times[name], row.samples[name] = statistics.median(times), times
        log(f"    {name:<12} {row.times[name] * 1000:10.1f} ms")
    _count_findings(row, ncts5.validate(data, **limit))
    return row


# --------------------------------------------------------------------------- Phase 6 next to Phase 5
def measure_phase6(xsd_p6: Path, log: Log) -> dict[str, Any]:
    """``validate`` and ``from_xml`` of the 999-item declaration as Phase 5 and as Phase 6, in rounds.

    The two are the same bytes but for the PhaseID, measured alternately in one process so that load
    from elsewhere touches both alike; the ratios Phase 6 / Phase 5 are what issue 10 asks about.
    """
    import ncts5
    from ncts5.rules.registry import rule_set

    p5 = declaration(1, PHASE6_ITEMS)
    p6 = phase6(p5)
    report = ncts5.validate(p6)
    assert report.release == "6" and "SCHEMA" not in report.rules(), report.findings[:3]
    assert ncts5.validate(p5).release == "5"
    notes: list[str] = []
    if (xsd_p6 / "cc015c.xsd").is_file():
        from lxml import etree

        schema = etree.XMLSchema(etree.parse(str(xsd_p6 / "cc015c.xsd")))
        assert schema.validate(etree.fromstring(p6)), schema.error_log
    else:
        notes.append(f"{xsd_p6} not found: the Phase 6 declaration was checked by ncts5's 60.4.16 models only")
    tasks: dict[str, Callable[[], object]] = {
        "validate P5": lambda: ncts5.validate(p5),
        "validate P6": lambda: ncts5.validate(p6),
        "from_xml P5": lambda: ncts5.from_xml(p5),
        "from_xml P6": lambda: ncts5.from_xml(p6),
    }
    samples: dict[str, list[float]] = {name: [] for name in tasks}
    for round_ in range(PHASE6_ROUNDS + 1):
        for name, fn in tasks.items():
            gc.collect()
            t0 = time.perf_counter()
            fn()
            if round_:  # the first round only warms up (and imports the Phase 6 models)
                samples[name].append(time.perf_counter() - t0)
    times = {name: statistics.median(values) for name, values in samples.items()}
    for name, seconds in times.items():
        log(f"    {name:<12} {seconds * 1000:10.1f} ms")
    return {
        "items": PHASE6_ITEMS,
        "bytes": len(p6),
        "rounds": PHASE6_ROUNDS,
        "median_seconds": times,
        "samples_seconds": samples,
        "ratio_validate": times["validate P6"] / times["validate P5"],
        "ratio_from_xml": times["from_xml P6"] / times["from_xml P5"],
        "p6_not_checked": len(report.not_checked),
        "rules_run": {
            release: len(rule_set().runnable(type(ncts5.from_xml(data)), "final", frozenset()))
            for release, data in (("5", p5), ("6", p6))
        },
        "findings": {"5": len(ncts5.validate(p5).findings), "6": len(report.findings)},
        "notes": notes,
    }


def _phase6_text(p6: dict[str, Any]) -> list[str]:
    t = p6["median_seconds"]
    return [
        f"Phase 6 next to Phase 5: the {p6['items']}-item declaration, PhaseID NCTS6 vs NCTS5.1, "
        f"median of {p6['rounds']} alternating rounds",
        f"  validate  P5 {t['validate P5'] * 1000:7.1f} ms   P6 {t['validate P6'] * 1000:7.1f} ms   "
        f"P6/P5 {p6['ratio_validate']:.2f}",
        f"  from_xml  P5 {t['from_xml P5'] * 1000:7.1f} ms   P6 {t['from_xml P6'] * 1000:7.1f} ms   "
        f"P6/P5 {p6['ratio_from_xml']:.2f}",
        f"  rules with a check run: P5 {p6['rules_run']['5']}, P6 {p6['rules_run']['6']}; findings: "
        f"P5 {p6['findings']['5']}, P6 {p6['findings']['6']}; P6 not-checked entries {p6['p6_not_checked']}",
        *(f"  note: {n}" for n in p6["notes"]),
    ]


# --------------------------------------------------------------------------- the largest declaration
_STEP_CHILD = r"""
import gc, json, resource, sys, time

step, path, xsd, limit = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
if limit:  # fail with MemoryError rather than make the kernel kill processes on a shared machine
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def hwm():  # peak RSS of this process since its exec, in bytes
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def say(**values):
    print(json.dumps(values), flush=True)


def timed(name, fn):
    gc.collect()
    start = time.perf_counter()
    result = fn()
    say(name=name, seconds=time.perf_counter() - start, hwm=hwm())
    return result


import ncts5
from ncts5.rules.engine import resolve_options, run
from ncts5.rules.registry import rule_set

ncts5.validate(sys.argv[5])  # load every module and code list first
say(name="baseline", hwm=hwm())
with open(path, "rb") as fh:
    data = fh.read()
limit_bytes = len(data) + 1
if step == "lxml":
    from lxml import etree

    schema = etree.XMLSchema(etree.parse(xsd))
    ok = timed("lxml", lambda: schema.validate(etree.fromstring(data, etree.XMLParser(huge_tree=True))))
    say(name="lxml-valid", ok=bool(ok))
elif step == "validate":
    report = timed("validate", lambda: ncts5.validate(data, max_bytes=limit_bytes))
    counts = {}
    for f in report.findings:
        counts[f.rule] = counts.get(f.rule, 0) + 1
    parse = [f.message for f in report.findings if f.rule in ("PARSE", "SCHEMA")][:3]
    say(name="report", ok=report.ok, findings=len(report.findings), by_rule=counts, parse=parse)
else:  # the model steps, one after the other on one message
    message = timed("from_xml", lambda: ncts5.from_xml(data, max_bytes=limit_bytes))
    del data
    gc.collect()
    options = resolve_options()
    rules = rule_set()
    findings = timed("rules", lambda: run(message, options, rules=rules, codelists=ncts5.codelists))
    del findings
    gc.collect()
    xml = timed("to_xml", message.to_xml)
    del xml
    gc.collect()
    cls = type(message)
    timed("model_check", lambda: cls.model_validate(message.model_dump(round_trip=True)))
"""


def _mem_available() -> int | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemAvailable:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return None


def _step(step: str, path: Path, xsd: Path, timeout: float, log: Log) -> tuple[list[dict[str, Any]], str | None]:
    """Run one child step; its progress lines, and why it stopped early (None when it finished)."""
    available = _mem_available()
    limit = max(available - HEADROOM, 1_000_000_000) if available else 0
    cmd = [sys.executable, "-c", _STEP_CHILD, step, str(path), str(xsd / "cc015c.xsd"), str(limit), str(EXAMPLE)]
    log(f"    child {step} (memory limit {limit / 1e9:.1f} GB, time limit {timeout:.0f} s)")
    problem = None
    try:
        proc = subprocess.run(cmd, cwd=ROOT, env=_child_env(), capture_output=True, timeout=timeout, check=False)
        out, err, code = proc.stdout, proc.stderr, proc.returncode
    except subprocess.TimeoutExpired as exc:
        out, err, code = exc.stdout or b"", exc.stderr or b"", None
        problem = f"stopped after {timeout:.0f} s (time limit)"
    lines = [json.loads(line) for line in out.decode().splitlines() if line.startswith("{")]
    for line in lines:
        if "seconds" in line:
            log(f"      {line['name']:<12} {line['seconds']:8.1f} s, peak RSS {line['hwm'] / 1e9:.2f} GB")
    if problem is None and code != 0:
        tail = err.decode(errors="replace").strip().splitlines()[-1:] or [""]
        if code is not None and code < 0:
            problem = f"killed by signal {signal.Signals(-code).name} ({tail[0][:200]})"
        else:
            problem = f"failed: {tail[0][:300]}"
        if "MemoryError" in tail[0] or "memory allocation" in tail[0].lower():
            problem = f"out of memory under the {limit / 1e9:.1f} GB limit: {tail[0][:200]}"
    if problem:
        log(f"      {problem}")
    return lines, problem


def measure_isolated(size: Size, refs: References, budget: float, log: Log) -> Row:
    """One repetition of each measurement, each step in a child process with time and memory limits.

    The largest declaration needs tens of GB in any of the three tools; a child per step keeps
    the benchmark itself small, survives a step that runs out of memory, and reports each step's
    peak RSS.  xmlschema is not measured (it would take most of an hour).
    """
    start = time.perf_counter()
    data = declaration(size.houses, size.items_per_house)
    row = Row(size, len(data))
    log(f"  built: {len(data) / 1e9:.2f} GB in {time.perf_counter() - start:.1f} s")
    row.notes.append(f"max_bytes raised to {len(data) + 1}; one repetition, each step in its own process")
    if refs.xmlschema is not None:
        row.notes.append("xmlschema not measured (about half a second per 1,000 goods items)")
    deadline = time.perf_counter() + budget
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"ie015-{size.label}.xml"
        path.write_bytes(data)
        del data
        gc.collect()
        steps = (["lxml"] if refs.lxml is not None else []) + ["validate", "model"]
        for step in steps:
            left = deadline - time.perf_counter()
            if left < 30:
                row.notes.append(f"{step}: not measured, the {budget:.0f} s budget was used up")
                continue
            lines, problem = _step(step, path, refs.xsd_dir, left, log)
            base = next((x["hwm"] for x in lines if x["name"] == "baseline"), None)
            for line in lines:
                if "seconds" in line:
                    row.times[line["name"]] = line["seconds"]
                    row.samples[line["name"]] = [line["seconds"]]
                if line["name"] == "lxml-valid":
                    row.ok["lxml"] = line["ok"]
                if line["name"] == "report":
                    row.ok["ncts5"] = line["ok"]
                    row.findings = line["findings"]
                    row.rules_findings = line["by_rule"]
                    if line["parse"]:
                        row.notes.append(f"validate reported: {'; '.join(line['parse'])}")
                if line["name"] == "validate" and base is not None:
                    row.peak = {
                        "label": size.label,
                        "bytes": row.bytes,
                        "baseline_rss": base,
                        "peak_rss": line["hwm"],
                        "seconds": line["seconds"],
                        "ratio": line["hwm"] / row.bytes,
                        "ratio_above_baseline": (line["hwm"] - base) / row.bytes,
                        "note": "the validate step's process: it read the file into memory first",
                    }
            peaks = {x["name"]: x["hwm"] for x in lines if "hwm" in x and x["name"] != "baseline"}
            if peaks:
                row.notes.append(
                    f"{step} process peak RSS: " + ", ".join(f"{k} {v / 1e9:.1f} GB" for k, v in peaks.items())
                )
            if problem:
                row.notes.append(f"{step}: {problem}")
    return row


# --------------------------------------------------------------------------- batches
BATCH_FILES = 200


def batch_jobs(log: Log, runs: int = 3) -> list[dict[str, Any]]:
    """``ncts5 validate`` over 200 small files and 200 of 100 goods items: --jobs 1, automatic, 2 (median wall)."""
    out: list[dict[str, Any]] = []
    env = _child_env()
    with tempfile.TemporaryDirectory() as tmp:
        for label, data in (("small (example)", EXAMPLE.read_bytes()), ("100 goods items", declaration(1, 100))):
            folder = Path(tmp) / str(len(out))
            folder.mkdir()
            for i in range(BATCH_FILES):
                (folder / f"d{i:03}.xml").write_bytes(data)
            row: dict[str, Any] = {"files": BATCH_FILES, "label": label, "bytes_each": len(data), "seconds": {}}
            for jobs in ("1", "0", "2"):
                cmd = [sys.executable, "-m", "ncts5.cli", "validate", "-q", "--no-config", "--jobs", jobs, str(folder)]
                times = []
                for _ in range(runs + 1):
                    start = time.perf_counter()
                    subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, check=False)
                    times.append(time.perf_counter() - start)
                row["seconds"]["default" if jobs == "0" else f"jobs {jobs}"] = statistics.median(times[1:])
            one = row["seconds"]["jobs 1"]
            row["ratio_to_jobs_1"] = {k: v / one for k, v in row["seconds"].items()}
            log(f"  {label}: " + ", ".join(f"{k} {v * 1000:.0f} ms" for k, v in row["seconds"].items()))
            out.append(row)
    return out


def print_batches(rows: list[dict[str, Any]]) -> None:
    print()
    print(f"batches: {BATCH_FILES} files, wall time (median of 3) and ratio to --jobs 1 (default must be <= 1.00)")
    for r in rows:
        cells = ", ".join(f"{k} {v * 1000:.0f} ms ({r['ratio_to_jobs_1'][k]:.2f})" for k, v in r["seconds"].items())
        print(f"  {r['label']} ({r['bytes_each'] / 1000:.0f} kB each): {cells}")


# --------------------------------------------------------------------------- cold start and memory
def cold_start(log: Log, runs: int = 5) -> dict[str, Any]:
    """Wall time of the CLI validating the small example, median of ``runs`` (after one warm-up run)."""
    commands: dict[str, list[str]] = {
        "python -c pass (interpreter only)": [sys.executable, "-c", "pass"],
        "python -m ncts5.cli validate": [sys.executable, "-m", "ncts5.cli", "validate", str(EXAMPLE)],
    }
    script = shutil.which("ncts5")
    notes = []
    if script:
        commands["ncts5 validate"] = [script, "validate", str(EXAMPLE)]
        # the Phase 6 form of the same file: its release's models load instead of Phase 5's (issue 10)
        commands["ncts5 validate (Phase 6 file)"] = [script, "validate", str(EXAMPLE_P6)]
    else:
        notes.append("the ncts5 console script is not on PATH (pip install . puts it there): not measured")
    out: dict[str, Any] = {"notes": notes, "median_seconds": {}, "samples_seconds": {}, "exit_codes": {}}
    env = _child_env()
    # An installed package has its bytecode compiled (pip does it); a checkout gets it on first import
    # unless PYTHONDONTWRITEBYTECODE forbids it. Measure the installed situation: bytecode allowed, in a
    # private cache, written by the untimed first run.
    plain = dict(env)
    if env.pop("PYTHONDONTWRITEBYTECODE", None):
        notes.append(
            "PYTHONDONTWRITEBYTECODE is set here: cold start was measured with bytecode allowed (as after "
            "pip install) in a private PYTHONPYCACHEPREFIX; the last line is this environment as it is, where a "
            "checkout's modules are compiled from source on every start"
        )
        label = "python -m ncts5.cli validate (no .pyc)"
        commands[label] = commands["python -m ncts5.cli validate"]
    with tempfile.TemporaryDirectory() as pycache:
        env["PYTHONPYCACHEPREFIX"] = pycache
        for name, cmd in commands.items():
            if name.endswith("(no .pyc)"):
                env = plain
            times = []
            code = None
            for i in range(runs + 1):
                start = time.perf_counter()
                proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, check=False)
                elapsed = time.perf_counter() - start
                code = proc.returncode
                if i:  # the first run warms the file system cache and writes the bytecode
                    times.append(elapsed)
            out["median_seconds"][name] = statistics.median(times)
            out["samples_seconds"][name] = times
            out["exit_codes"][name] = code
            log(f"  {name:<40} {statistics.median(times) * 1000:8.1f} ms (exit {code})")
    if script:
        out["ncts5_script"] = script
    return out


_PEAK_CHILD = r"""
import json, resource, sys, time


def hwm():  # peak RSS of this process since its exec, in bytes
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


import ncts5
ncts5.validate(sys.argv[2])  # load every module and code list first: the baseline
base = hwm()
start = time.perf_counter()
report = ncts5.validate(sys.argv[1], max_bytes=int(sys.argv[3]))
elapsed = time.perf_counter() - start
print(json.dumps({"baseline_rss": base, "peak_rss": hwm(), "seconds": elapsed, "ok": report.ok,
                  "findings": len(report.findings),
                  "getrusage_maxrss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024}))
"""


def peak_memory(row: Row, log: Log) -> dict[str, Any]:
    """Peak RSS of a fresh child process that validates ``row``'s declaration from a file.

    The child reads its own high-water mark (``VmHWM``) rather than ``getrusage``: on Linux
    ``ru_maxrss`` survives ``exec``, so a child started by this (large) process would report at
    least this process's size.  ``getrusage`` is kept in the JSON for comparison.
    """
    data = declaration(row.size.houses, row.size.items_per_house)
    size = len(data)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"ie015-{row.size.label}.xml"
        path.write_bytes(data)
        del data
        gc.collect()
        cmd = [sys.executable, "-c", _PEAK_CHILD, str(path), str(EXAMPLE), str(max(size + 1, 64 * 1024 * 1024))]
        proc = subprocess.run(cmd, cwd=ROOT, env=_child_env(), capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        log(f"  peak RSS child failed ({proc.returncode}): {proc.stderr.strip()[-500:]}")
        return {"label": row.size.label, "bytes": size, "error": proc.stderr.strip()[-2000:]}
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    result.update(
        label=row.size.label,
        bytes=size,
        ratio=result["peak_rss"] / size,
        ratio_above_baseline=(result["peak_rss"] - result["baseline_rss"]) / size,
    )
    log(f"  {_peak_text(result)}")
    return result


def _peak_text(p: dict[str, Any]) -> str:
    return (
        f"{p['label']:<10} {p['bytes'] / 1e6:9.2f} MB -> peak RSS {p['peak_rss'] / 1e6:8.0f} MB = {p['ratio']:5.1f}x "
        f"size ({p['ratio_above_baseline']:.1f}x above the {p['baseline_rss'] / 1e6:.0f} MB of a process that "
        f"has validated the small example), validate {p['seconds']:.2f} s"
    )


# --------------------------------------------------------------------------- report
COLUMNS = [
    ("from_xml", "from_xml"),
    ("model_check", "model chk"),
    ("rules", "rules"),
    ("to_xml", "to_xml"),
    ("validate", "validate"),
    ("lxml", "lxml"),
    ("xmlschema", "xmlschema"),
]


def _ms(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    ms = seconds * 1000
    return f"{ms:.2f}" if ms < 10 else f"{ms:.1f}" if ms < 1000 else f"{ms:.0f}"


def table(rows: list[Row]) -> str:
    head = f"{'size':<10}{'items':>8}{'KB':>9}" + "".join(f"{title:>10}" for _, title in COLUMNS)
    head += f"{'us/item':>9}{'val/lxml':>9}{'xs/val':>8}{'findings':>9}"
    lines = ["medians in ms (us/item: validate per goods item)", head, "-" * len(head)]
    for r in rows:
        cells = "".join(f"{_ms(r.times.get(key)):>10}" for key, _ in COLUMNS)
        lx, xs, val = r.times.get("lxml"), r.times.get("xmlschema"), r.times.get("validate")
        per_item = f"{val / r.size.items * 1e6:.0f}" if val else "-"
        ratio = f"{val / lx:.2f}" if lx and val else "-"
        speed = f"{xs / val:.1f}" if xs and val else "-"
        found = "-" if r.findings is None else str(r.findings)
        lines.append(
            f"{r.size.label:<10}{r.size.items:>8}{r.bytes / 1000:>9.0f}{cells}{per_item:>9}{ratio:>9}{speed:>8}"
            f"{found:>9}"
        )
    lines += ["", "ratios to lxml parse+XSD of the same bytes"]
    keys = [(key, title) for key, title in COLUMNS if key != "lxml"]
    head2 = f"{'size':<10}" + "".join(f"{title:>10}" for _, title in keys)
    lines += [head2, "-" * len(head2)]
    for r in rows:
        lx = r.times.get("lxml")
        cells = "".join(f"{(f'{r.times[k] / lx:.2f}' if lx and k in r.times else '-'):>10}" for k, _ in keys)
        lines.append(f"{r.size.label:<10}{cells}")
    return "\n".join(lines)


def linearity(rows: list[Row]) -> list[dict[str, Any]]:
    by_label = {r.size.label: r for r in rows}
    out = []
    for small, large in LINEAR_PAIRS:
        a, b = by_label.get(small), by_label.get(large)
        if a is None or b is None:
            continue
        ratios = {k: b.times[k] / a.times[k] for k in a.times if k in b.times and a.times[k] > 0}
        out.append({"from": small, "to": large, "items_ratio": b.size.items / a.size.items, "time_ratio": ratios})
    return out


def targets(
    rows: list[Row],
    lin: list[dict[str, Any]],
    cold: dict[str, Any],
    peak: dict[str, Any] | None,
    p6: dict[str, Any] | None = None,
) -> list:
    out: list[dict[str, Any]] = []
    r999 = next((r for r in rows if r.size.label == "999"), None)

    def add(name: str, value: float | None, limit: float, higher_is_better: bool = False) -> None:
        if value is None:
            out.append({"target": name, "value": None, "limit": limit, "met": None, "by": None})
            return
        met = value >= limit if higher_is_better else value <= limit
        by = limit / value if higher_is_better else value / limit  # > 1: missed by that factor
        out.append({"target": name, "value": value, "limit": limit, "met": met, "by": by})

    if r999 is not None:
        v, lx, xs = r999.times.get("validate"), r999.times.get("lxml"), r999.times.get("xmlschema")
        add("validate(999 items) / lxml parse+XSD  <= 3", v / lx if v and lx else None, TARGET_LXML_RATIO)
        add("xmlschema / validate(999 items)  >= 5", xs / v if v and xs else None, TARGET_XMLSCHEMA_SPEEDUP, True)
    for pair in lin:
        add(
            f"validate time {pair['to']} / {pair['from']}  <= 2.2",
            pair["time_ratio"].get("validate"),
            TARGET_LINEAR * pair["items_ratio"] / 2,
        )
    seconds = cold["median_seconds"]
    cli = seconds.get("ncts5 validate", seconds.get("python -m ncts5.cli validate"))  # with bytecode, as installed
    add(f"CLI cold start, seconds  < {TARGET_COLD_START}", cli, TARGET_COLD_START)
    if "ncts5 validate (Phase 6 file)" in seconds:
        phase6_cli = seconds["ncts5 validate (Phase 6 file)"]
        add(f"CLI cold start, Phase 6 file, seconds  < {TARGET_COLD_START}", phase6_cli, TARGET_COLD_START)
    if peak is not None and "ratio" in peak:
        add(f"peak RSS / size ({peak['label']})  < 10", peak["ratio"], TARGET_MEMORY_RATIO)
    else:
        add("peak RSS / size  < 10", None, TARGET_MEMORY_RATIO)
    if p6 is not None:  # issue 10
        add("Phase 6 / Phase 5 validate(999 items)  <= 1.1", p6["ratio_validate"], TARGET_PHASE6_RATIO)
        add("Phase 6 / Phase 5 from_xml(999 items)  <= 1.1", p6["ratio_from_xml"], TARGET_PHASE6_RATIO)
    return out


def machine() -> dict[str, Any]:
    import lxml.etree
    import pydantic

    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        cpu = platform.processor()
    mem = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem = int(line.split()[1]) * 1024
    except OSError:
        pass
    try:
        import xmlschema

        xs_version = xmlschema.__version__
    except ImportError:
        xs_version = None
    import ncts5

    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "memory_bytes": mem,
        "load_average": os.getloadavg() if hasattr(os, "getloadavg") else None,
        "platform": platform.platform(),
        "python": platform.python_version(),
        "lxml": ".".join(map(str, lxml.etree.LXML_VERSION)),
        "libxml2": ".".join(map(str, lxml.etree.LIBXML_VERSION)),
        "pydantic": pydantic.VERSION,
        "xmlschema": xs_version,
        "ncts5": ncts5.__version__,
        "ncts5_from": str(Path(ncts5.__file__).parent),
    }


def report(
    info: dict[str, Any],
    rows: list[Row],
    lin: list[dict[str, Any]],
    cold: dict[str, Any],
    peaks: list[dict[str, Any]],
    goals: list[dict[str, Any]],
    notes: list[str],
    p6: dict[str, Any] | None = None,
) -> None:
    mem = f", {info['memory_bytes'] / 2**30:.0f} GiB" if info["memory_bytes"] else ""
    print(
        f"ncts5 {info['ncts5']} benchmark: {info['nproc']} CPU ({info['cpu']}){mem}; Python {info['python']}, "
        f"lxml {info['lxml']} (libxml2 {info['libxml2']}), pydantic {info['pydantic']}, xmlschema {info['xmlschema']}"
    )
    print()
    print(table(rows))
    print()
    print("linearity: time at 2x goods items / time at x")
    for pair in lin:
        parts = ", ".join(f"{k} {v:.2f}" for k, v in pair["time_ratio"].items())
        print(f"  {pair['from']:>7} -> {pair['to']:<8} {parts}")
    print()
    print("cold start: wall time, median of 5 after a warm-up run")
    for name, seconds in cold["median_seconds"].items():
        print(f"  {name:<40} {seconds * 1000:6.0f} ms")
    for note in cold["notes"]:
        print(f"  note: {note}")
    if peaks:
        print()
        print("peak RSS of a child process validating the declaration (VmHWM)")
        for p in peaks:
            print(f"  {p['label']}: failed: {p['error'][-300:]}" if "error" in p else f"  {_peak_text(p)}")
    if p6 is not None:
        print()
        print("\n".join(_phase6_text(p6)))
    print()
    print("targets (issues 5 and 10)")
    for g in goals:
        status = "n/a" if g["met"] is None else "met" if g["met"] else "MISSED"
        value = "-" if g["value"] is None else f"{g['value']:.2f}"
        by = f" (missed by {g['by']:.2f}x)" if g["met"] is False else ""
        print(f"  {status:<7} {g['target']:<48} {value:>8}{by}")
    if notes:
        print()
        for note in notes:
            print(f"note: {note}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="sizes up to 2x999 goods items, 3 repetitions")
    parser.add_argument(
        "--largest",
        action="store_true",
        help=f"also 100x999, 200x999 and the largest declaration schema 51.8.6 allows ({LARGEST}), each step in a "
        "child process with time and memory limits",
    )
    parser.add_argument(
        "--largest-budget",
        type=float,
        default=900,
        metavar="SECONDS",
        help="time allowed for each declaration measured with --largest (default 900)",
    )
    parser.add_argument("--json", type=Path, default=DEFAULT_JSON, help=f"results file (default {DEFAULT_JSON})")
    parser.add_argument("--xsd", type=Path, default=DEFAULT_XSD, help=f"schema 51.8.6 folder (default {DEFAULT_XSD})")
    parser.add_argument("--no-memory", action="store_true", help="skip the peak RSS child processes")
    args = parser.parse_args(argv)

    _use_checkout()

    def log(text: str) -> None:
        print(text, file=sys.stderr, flush=True)

    info = machine()
    log(f"ncts5 {info['ncts5']} from {info['ncts5_from']}; load average {info['load_average']}")
    refs = References(args.xsd.resolve())
    for note in refs.notes:
        log(f"NOTE: {note}")

    rows: list[Row] = []
    for size in sizes_for(args):
        log(f"size {size.label}: {size.houses} x {size.items_per_house} goods items, {size.reps} run(s)")
        if size.isolated:
            rows.append(measure_isolated(size, refs, args.largest_budget, log))
        else:
            rows.append(measure(size, refs, log))
    log(f"Phase 6 next to Phase 5: {PHASE6_ITEMS} goods items, {PHASE6_ROUNDS} rounds")
    p6 = measure_phase6(args.xsd.resolve().parent / "p6-60.4.16", log)
    log("cold start")
    cold = cold_start(log)
    log("batches")
    batches = batch_jobs(log)
    peaks: list[dict[str, Any]] = []
    if not args.no_memory:
        log("peak memory")
        in_process = [r for r in rows if not r.size.isolated]
        chosen = [r for r in in_process if r.size.label == "999"]
        if in_process and in_process[-1] not in chosen:
            chosen.append(in_process[-1])
        peaks = [peak_memory(r, log) for r in chosen]
        peaks += [r.peak for r in rows if r.peak is not None]
    lin = linearity(rows)
    good_peaks = [p for p in peaks if "ratio" in p]
    goals = targets(rows, lin, cold, good_peaks[-1] if good_peaks else None, p6)
    notes = refs.notes + [f"{r.size.label}: {n}" for r in rows for n in r.notes]
    report(info, rows, lin, cold, peaks, goals, notes, p6)
    print_batches(batches)

    result = {
        "command": " ".join(["python", "benchmarks/run.py", *(argv if argv is not None else sys.argv[1:])]),
        "date": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "machine": info,
        "sizes": [r.to_dict() for r in rows],
        "linearity": lin,
        "cold_start": cold,
        "batches": batches,
        "peak_memory": peaks,
        "phase6": p6,
        "targets": goals,
        "notes": notes,
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(result, indent=2) + "\n")
    print(f"\nwrote {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
