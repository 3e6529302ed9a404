"""Compare two or more checkouts of ncts5 on the benchmark's declarations, interleaved.

    python benchmarks/compare.py before=/path/to/old/src after=src [--sizes 1x999,10x999] [--rounds 3]

On a shared machine the load moves by tens of percent between runs, so timings of two versions taken
minutes apart cannot be compared.  This script measures every version once per round, one after the
other, each in a fresh child process that imports ncts5 from the given ``src`` folder, and keeps the
minimum over the rounds.  Per version and size it prints ``from_xml``, ``validate``, the rule engine
and ``to_xml`` in milliseconds, each with the time the garbage collector took in that run (from
``gc.callbacks``), and, for ``validate`` of a file in a process that holds nothing else, the number of
full collections.  The declarations are those of ``benchmarks/run.py``.  See ``docs/performance.md``.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
EXAMPLE = HERE.parent / "examples" / "tir.xml"

_CHILD = r"""
import gc, inspect, json, sys, time

src, path, reps, example = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
sys.path.insert(0, src)
import ncts5

assert ncts5.__file__.startswith(src), ncts5.__file__
from ncts5.rules.engine import resolve_options, run

gc_time = [0.0, 0.0]
full = [0]


def collecting(phase, info):
    if phase == "start":
        gc_time[1] = time.perf_counter()
    else:
        gc_time[0] += time.perf_counter() - gc_time[1]
        full[0] += info["generation"] == 2


gc.callbacks.append(collecting)
ncts5.validate(example)  # every module and code list loaded
data = open(path, "rb").read()
limit = {"max_bytes": len(data) + 1}
out = {}
gc.collect()
gc_time[0], full[0] = 0.0, 0
start = time.perf_counter()
ncts5.validate(path, **limit)  # first, while the process holds nothing else: like the CLI
out["validate (fresh)"] = (time.perf_counter() - start, gc_time[0], full[0])
message = ncts5.from_xml(data, **limit)
options = resolve_options()
if "rules" in inspect.signature(run).parameters:  # the engine receives its rules and code lists
    from ncts5 import codelists
    from ncts5.rules.registry import rule_set

    rules = rule_set()
    engine = lambda: run(message, options, rules=rules, codelists=codelists)
else:
    engine = lambda: run(message, options)
tasks = {
    "from_xml": lambda: ncts5.from_xml(data, **limit),
    "validate": lambda: ncts5.validate(data, **limit),
    "rules": engine,
    "to_xml": message.to_xml,
}
for name, fn in tasks.items():
    best = None
    for _ in range(reps):
        gc.collect()
        gc_time[0], full[0] = 0.0, 0
        start = time.perf_counter()
        result = fn()
        elapsed = time.perf_counter() - start
        del result
        if best is None or elapsed < best[0]:
            best = (elapsed, gc_time[0], full[0])
    out[name] = best
print(json.dumps(out))
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("trees", nargs="+", metavar="LABEL=SRC", help="a name and the src folder of a checkout")
    parser.add_argument("--sizes", default="1x999,2x999,10x999,20x999", help="HOUSESxITEMS, comma-separated")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--reps", type=int, default=3, help="runs per measurement in each child (minimum kept)")
    args = parser.parse_args(argv)
    trees = dict(t.split("=", 1) for t in args.trees)
    sizes = [tuple(int(n) for n in s.split("x")) for s in args.sizes.split(",")]

    sys.path.insert(0, str(HERE))
    from run import _use_checkout, declaration  # the benchmark's declarations, built with this checkout

    _use_checkout()
    best: dict[tuple[str, str, str], tuple[float, float, int]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        files = {}
        for houses, items in sizes:
            files[(houses, items)] = Path(tmp) / f"{houses}x{items}.xml"
            files[(houses, items)].write_bytes(declaration(houses, items))
        for _ in range(args.rounds):
            for (houses, items), path in files.items():
                for label, src in trees.items():
                    cmd = [
                        sys.executable,
                        "-c",
                        _CHILD,
                        str(Path(src).resolve()),
                        str(path),
                        str(args.reps),
                        str(EXAMPLE),
                    ]
                    done = subprocess.run(cmd, capture_output=True, text=True, check=False, env=dict(os.environ))
                    if done.returncode:
                        print(f"{label} {houses}x{items}: {done.stderr.strip().splitlines()[-1]}", file=sys.stderr)
                        continue
                    for name, value in json.loads(done.stdout).items():
                        key = (f"{houses}x{items}", label, name)
                        if key not in best or value[0] < best[key][0]:
                            best[key] = (value[0], value[1], value[2])
    for (size, label, name), (elapsed, gc_time, full) in sorted(best.items()):
        print(f"{size:>8} {label:<10} {name:<17} {elapsed * 1000:9.1f} ms  gc {gc_time * 1000:8.1f} ms  full {full}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
