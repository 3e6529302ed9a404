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
import resource
import shutil
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
EXAMPLE = ROOT / "examples" / "t1-road.xml"
DEFAULT_XSD = ROOT.parent / "shared" / "xsd" / "p5-51.8.6"
DEFAULT_JSON = ROOT / "benchmarks" / "results" / "latest.json"

#: Schema 51.8.6: HouseConsignment maxOccurs 1999, ConsignmentItem maxOccurs 999 (per house
#: consignment), declarationGoodsItemNumber at most 1999 (so at most 1999 goods items can be
#: numbered without repeats: larger declarations are schema-valid but break R0007).
MAX_HOUSES = 1999
MAX_ITEMS_PER_HOUSE = 999
MAX_DECLARATION_ITEM_NUMBER = 1999

# Targets of issue 5.
TARGET_LXML_RATIO = 3.0
TARGET_XMLSCHEMA_SPEEDUP = 5.0
TARGET_LINEAR = 2.2
TARGET_COLD_START = 0.4
TARGET_MEMORY_RATIO = 10.0

#: xmlschema takes about half a second per 1,000 goods items: above this it is not measured.
XMLSCHEMA_MAX_ITEMS = 20_000


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

    @property
    def items(self) -> int:
        return self.houses * self.items_per_house


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
        out.append(Size(f"{MAX_HOUSES}x{MAX_ITEMS_PER_HOUSE}", MAX_HOUSES, MAX_ITEMS_PER_HOUSE, 1))
    return out


#: (x, 2x) pairs whose time ratio shows whether cost is linear in goods items.
LINEAR_PAIRS = [("100", "200"), ("999", "2x999"), ("10x999", "20x999")]


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
    R0007 reports the repeats).
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


# --------------------------------------------------------------------------- timing
def median_time(fn: Callable[[], object], reps: int, *, warmup: bool = True) -> tuple[float, list[float]]:
    """Median wall time of ``fn`` over ``reps`` runs (one untimed run first when ``warmup``)."""
    if warmup:
        fn()
    times = []
    for _ in range(reps):
        gc.collect()
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), times


class References:
    """The lxml and xmlschema reference validators, loaded once."""

    def __init__(self, xsd_dir: Path | None) -> None:
        self.notes: list[str] = []
        self.lxml: Any = None
        self.xmlschema: Any = None
        if xsd_dir is None or not (xsd_dir / "cc015c.xsd").is_file():
            where = xsd_dir if xsd_dir is not None else DEFAULT_XSD
            self.notes.append(
                f"XSD folder {where} (cc015c.xsd of schema 51.8.6) not found: the lxml and xmlschema reference "
                "columns and every ratio to them are missing. Put the schemas in ../shared/xsd/p5-51.8.6 or pass "
                "--xsd DIR."
            )
            return
        from lxml import etree

        self.lxml = etree.XMLSchema(etree.parse(str(xsd_dir / "cc015c.xsd")))
        try:
            import xmlschema
        except ImportError:
            self.notes.append(
                "xmlschema is not installed (it is in the test extras: pip install '.[test]'): column skipped."
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

    def to_dict(self) -> dict[str, Any]:
        return {
            "label": self.size.label,
            "houses": self.size.houses,
            "items_per_house": self.size.items_per_house,
            "items": self.size.items,
            "bytes": self.bytes,
            "reps": self.size.reps,
            "median_seconds": self.times,
            "samples_seconds": self.samples,
            "ratio_to_lxml": {k: v / self.times["lxml"] for k, v in self.times.items()} if "lxml" in self.times else {},
            "valid": self.ok,
            "findings": self.findings,
            "findings_by_rule": self.rules_findings,
            "notes": self.notes,
        }


def measure(size: Size, refs: References, log: Callable[[str], None]) -> Row:
    import ncts5
    from ncts5.rules.engine import resolve_options, run
    from ncts5.xml.parsing import DEFAULT_MAX_BYTES

    start = time.perf_counter()
    data = declaration(size.houses, size.items_per_house)
    log(f"  built {size.label}: {size.items} goods items, {len(data) / 1e6:.2f} MB in {time.perf_counter() - start:.1f} s")
    row = Row(size, len(data))
    limit = {"max_bytes": len(data) + 1} if len(data) > DEFAULT_MAX_BYTES else {}
    if limit:
        row.notes.append(f"max_bytes raised to {len(data) + 1} (default {DEFAULT_MAX_BYTES})")
    reps, warm = size.reps, size.reps > 1

    def timed(name: str, fn: Callable[[], object]) -> None:
        t0 = time.perf_counter()
        row.times[name], row.samples[name] = median_time(fn, reps, warmup=warm)
        log(f"    {name:<12} {row.times[name] * 1000:10.1f} ms  ({time.perf_counter() - t0:.1f} s)")

    if refs.lxml is not None:
        row.ok["lxml"] = refs.lxml_validate(data)
        timed("lxml", lambda: refs.lxml_validate(data))
    if refs.xmlschema is not None:
        if size.items <= XMLSCHEMA_MAX_ITEMS:
            row.ok["xmlschema"] = refs.xmlschema_validate(data)
            timed("xmlschema", lambda: refs.xmlschema_validate(data))
        else:
            row.notes.append(f"xmlschema not measured above {XMLSCHEMA_MAX_ITEMS} goods items (minutes per run)")
    gc.collect()

    timed("from_xml", lambda: ncts5.from_xml(data, **limit))
    message = ncts5.from_xml(data, **limit)
    options = resolve_options()
    timed("rules", lambda: run(message, options))
    timed("to_xml", message.to_xml)
    cls = type(message)
    timed("model_check", lambda: cls.model_validate(message.model_dump(round_trip=True)))
    del message
    gc.collect()

    report: Any = None

    def whole() -> None:
        nonlocal report
        report = None  # let the previous report go before the next run
        report = ncts5.validate(data, **limit)

    timed("validate", whole)
    assert report is not None
    row.ok["ncts5"] = report.ok
    row.findings = len(report.findings)
    for f in report.findings:
        row.rules_findings[f.rule] = row.rules_findings.get(f.rule, 0) + 1
    del report
    gc.collect()
    return row


# --------------------------------------------------------------------------- cold start and memory
def cold_start(log: Callable[[str], None], runs: int = 5) -> dict[str, Any]:
    """Wall time of the CLI validating the small example, median of ``runs`` (after one warm-up run)."""
    commands: dict[str, list[str]] = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "python -m ncts5.cli validate": [sys.executable, "-m", "ncts5.cli", "validate", str(EXAMPLE)],
    }
    script = shutil.which("ncts5")
    notes = []
    if script:
        commands["ncts5 validate"] = [script, "validate", str(EXAMPLE)]
    else:
        notes.append("the ncts5 console script is not on PATH (pip install . puts it there): not measured")
    out: dict[str, Any] = {"notes": notes, "median_seconds": {}, "samples_seconds": {}, "exit_codes": {}}
    env = _child_env()
    # An installed package has its bytecode compiled (pip does it); a checkout gets it on first import
    # unless PYTHONDONTWRITEBYTECODE forbids it. Measure the installed situation: bytecode allowed, in a
    # private cache, written by the untimed first run.
    if env.pop("PYTHONDONTWRITEBYTECODE", None):
        notes.append(
            "PYTHONDONTWRITEBYTECODE is set here: cold start was measured with bytecode allowed (as after "
            "pip install) in a private PYTHONPYCACHEPREFIX"
        )
    with tempfile.TemporaryDirectory() as pycache:
        env["PYTHONPYCACHEPREFIX"] = pycache
        for name, cmd in commands.items():
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
            log(f"  {name:<30} {statistics.median(times) * 1000:8.1f} ms (exit {code})")
    if script:
        out["ncts5_script"] = script
    return out


_PEAK_CHILD = """
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


def peak_memory(row: Row, log: Callable[[str], None]) -> dict[str, Any]:
    """Peak RSS of a fresh child process that validates ``row``'s declaration from a file.

    The child reads its own high-water mark (``VmHWM``) rather than ``getrusage``: on Linux
    ``ru_maxrss`` survives ``exec``, so a child started by this (large) process would report at
    least this process's size.  ``getrusage`` is kept in the JSON for comparison.
    """
    data = declaration(row.size.houses, row.size.items_per_house)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"ie015-{row.size.label}.xml"
        path.write_bytes(data)
        size = len(data)
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
    log(
        f"  {row.size.label}: peak RSS {result['peak_rss'] / 1e6:.0f} MB for {size / 1e6:.2f} MB "
        f"({result['ratio']:.1f}x; {result['ratio_above_baseline']:.1f}x above the {result['baseline_rss'] / 1e6:.0f} MB "
        f"baseline), validate {result['seconds']:.2f} s"
    )
    return result


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
    head = f"{'size':<10}{'items':>9}{'KB':>10}" + "".join(f"{title:>11}" for _, title in COLUMNS)
    head += f"{'val/lxml':>10}{'xs/val':>8}{'findings':>10}"
    lines = ["medians in ms", head, "-" * len(head)]
    for r in rows:
        cells = "".join(f"{_ms(r.times.get(key)):>11}" for key, _ in COLUMNS)
        lx, xs, val = r.times.get("lxml"), r.times.get("xmlschema"), r.times.get("validate")
        ratio = f"{val / lx:.2f}" if lx and val else "-"
        speed = f"{xs / val:.1f}" if xs and val else "-"
        lines.append(
            f"{r.size.label:<10}{r.size.items:>9}{r.bytes / 1000:>10.0f}{cells}{ratio:>10}{speed:>8}{r.findings!s:>10}"
        )
    lines.append("")
    lines.append("ratios to lxml parse+XSD (same bytes)")
    head2 = f"{'size':<10}" + "".join(f"{title:>11}" for key, title in COLUMNS if key != "lxml")
    lines += [head2, "-" * len(head2)]
    for r in rows:
        lx = r.times.get("lxml")
        cells = "".join(
            f"{(r.times[key] / lx if lx and key in r.times else float('nan')):>11.2f}" for key, _ in COLUMNS if key != "lxml"
        )
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


def targets(rows: list[Row], lin: list[dict[str, Any]], cold: dict[str, Any], peak: dict[str, Any] | None) -> list[dict]:
    out: list[dict[str, Any]] = []
    r999 = next((r for r in rows if r.size.label == "999"), None)

    def add(name: str, value: float | None, limit: float, higher_is_better: bool = False, note: str = "") -> None:
        if value is None:
            out.append({"target": name, "value": None, "limit": limit, "met": None, "note": note or "not measured"})
            return
        met = value >= limit if higher_is_better else value <= limit
        out.append({"target": name, "value": value, "limit": limit, "met": met, "note": note})

    if r999 is not None:
        v, lx, xs = r999.times.get("validate"), r999.times.get("lxml"), r999.times.get("xmlschema")
        add("validate(999 items) / lxml parse+XSD", v / lx if v and lx else None, TARGET_LXML_RATIO)
        add("xmlschema / validate(999 items)", xs / v if v and xs else None, TARGET_XMLSCHEMA_SPEEDUP, True)
    for pair in lin:
        add(
            f"validate time {pair['to']} / {pair['from']} (x{pair['items_ratio']:.2f} items)",
            pair["time_ratio"].get("validate"),
            TARGET_LINEAR * pair["items_ratio"] / 2,
        )
    cli = cold["median_seconds"].get("ncts5 validate", cold["median_seconds"].get("python -m ncts5.cli validate"))
    add("CLI cold start (s)", cli, TARGET_COLD_START)
    if peak is not None and "ratio" in peak:
        add(f"peak RSS / size ({peak['label']})", peak["ratio"], TARGET_MEMORY_RATIO)
    else:
        add("peak RSS / size", None, TARGET_MEMORY_RATIO)
    return out


def machine() -> dict[str, Any]:
    import lxml
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
        "platform": platform.platform(),
        "python": platform.python_version(),
        "lxml": ".".join(map(str, lxml.etree.LXML_VERSION)),
        "libxml2": ".".join(map(str, lxml.etree.LIBXML_VERSION)),
        "pydantic": pydantic.VERSION,
        "xmlschema": xs_version,
        "ncts5": ncts5.__version__,
        "ncts5_from": str(Path(ncts5.__file__).parent),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer sizes (up to 2x999 items) and 3 repetitions")
    parser.add_argument(
        "--largest",
        action="store_true",
        help=f"also the largest declaration schema 51.8.6 allows ({MAX_HOUSES} x {MAX_ITEMS_PER_HOUSE} goods items)",
    )
    parser.add_argument("--json", type=Path, default=DEFAULT_JSON, help=f"where to write results (default {DEFAULT_JSON})")
    parser.add_argument("--xsd", type=Path, default=DEFAULT_XSD, help=f"schema 51.8.6 folder (default {DEFAULT_XSD})")
    parser.add_argument("--no-memory", action="store_true", help="skip the peak RSS child process")
    args = parser.parse_args(argv)

    _use_checkout()

    def log(text: str) -> None:
        print(text, file=sys.stderr, flush=True)

    info = machine()
    log(f"ncts5 {info['ncts5']} from {info['ncts5_from']}; Python {info['python']}, lxml {info['lxml']}, "
        f"pydantic {info['pydantic']}, xmlschema {info['xmlschema']}; {info['nproc']} CPU ({info['cpu']})")
    refs = References(args.xsd.resolve() if args.xsd else None)
    for note in refs.notes:
        log(f"NOTE: {note}")

    rows: list[Row] = []
    for size in sizes_for(args):
        log(f"size {size.label} ({size.houses} x {size.items_per_house} goods items, {size.reps} runs)")
        rows.append(measure(size, refs, log))
    log("cold start")
    cold = cold_start(log)
    peaks: list[dict[str, Any]] = []
    if not args.no_memory:
        log("peak memory")
        chosen = [r for r in rows if r.size.label == "999"]
        if rows[-1] not in chosen:
            chosen.append(rows[-1])
        peaks = [peak_memory(r, log) for r in chosen]
    lin = linearity(rows)
    goals = targets(rows, lin, cold, peaks[-1] if peaks else None)

    print(f"ncts5 benchmark: {info['nproc']} CPU {info['cpu']}, Python {info['python']}, lxml {info['lxml']}, "
          f"pydantic {info['pydantic']}, xmlschema {info['xmlschema']}")
    print()
    print(table(rows))
    print()
    print("linearity (time at 2x goods items / time at x)")
    for pair in lin:
        parts = ", ".join(f"{k} {v:.2f}" for k, v in pair["time_ratio"].items())
        print(f"  {pair['from']:>7} -> {pair['to']:<8} items x{pair['items_ratio']:.2f}: {parts}")
    print()
    print("cold start (median of 5, wall)")
    for name, seconds in cold["median_seconds"].items():
        print(f"  {name:<30} {seconds * 1000:7.0f} ms")
    for note in cold["notes"]:
        print(f"  note: {note}")
    if peaks:
        print()
        print("peak RSS of a child process validating the declaration from a file")
        for p in peaks:
            if "error" in p:
                print(f"  {p['label']}: failed: {p['error'][-300:]}")
                continue
            print(
                f"  {p['label']:<10} {p['bytes'] / 1e6:8.2f} MB -> peak {p['peak_rss'] / 1e6:8.0f} MB = {p['ratio']:.1f}x size "
                f"({p['ratio_above_baseline']:.1f}x above the {p['baseline_rss'] / 1e6:.0f} MB after loading ncts5)"
            )
    print()
    print("targets (issue 5)")
    for g in goals:
        status = "n/a" if g["met"] is None else "met" if g["met"] else "MISSED"
        value = "-" if g["value"] is None else f"{g['value']:.2f}"
        print(f"  {status:<7} {g['target']:<52} {value:>8} (limit {g['limit']:.2f}) {g['note']}")
    notes = refs.notes + [f"{r.size.label}: {n}" for r in rows for n in r.notes]
    if notes:
        print()
        for note in notes:
            print(f"note: {note}")

    result = {
        "command": " ".join(["python", "benchmarks/run.py", *(argv if argv is not None else sys.argv[1:])]),
        "date": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "machine": info,
        "sizes": [r.to_dict() for r in rows],
        "linearity": lin,
        "cold_start": cold,
        "peak_memory": peaks,
        "targets": goals,
        "notes": notes,
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(result, indent=2) + "\n")
    print(f"\nwrote {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
