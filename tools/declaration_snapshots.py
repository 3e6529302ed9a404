"""Record and compare what ``ncts5.testing``'s strategies draw, to prove a refactoring changed nothing.

    python tools/declaration_snapshots.py record SNAPSHOT.jsonl.gz [--count 1000]
    python tools/declaration_snapshots.py compare SNAPSHOT.jsonl.gz

``record`` draws ``--count`` examples from each strategy (``valid_declarations`` in both phases,
``cc015c``, ``cc170c``), example ``i`` from a choice source seeded with ``i``, and writes one line
per example: the choices it consumed, the SHA-256 of its XML and, for the declarations, the ids of
every finding and not-checked rule ``ncts5.validate`` reports in its phase (packaged code lists only).
Run it against the old code with ``PYTHONPATH=/path/to/old/src``.

``compare`` draws the same examples from the code on the path and reports, per strategy, how many
are identical (message, error findings, all findings, not-checked rules) when the recorded
choices are replayed (the strict test: same decisions, same message) and when drawn afresh from
the same seed; and whether every declaration still has no error finding.  Exit status 1 when a
replay differs or a declaration has an error finding.

Hypothesis sometimes draws a constant it found in the source files of local modules instead of a
random value; that pool changes whenever a literal moves, so both commands empty it: a seed then
means the same draws for any version of the code.

Uses ``ConjectureData``, hypothesis's internal driver (tested with hypothesis 6.170).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import sys
import tempfile
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from random import Random
from typing import Any

from hypothesis.control import BuildContext
from hypothesis.errors import StopTest
from hypothesis.internal.conjecture.data import ConjectureData
from hypothesis.strategies import SearchStrategy

#: strategy name -> (factory, phase to validate in, or None for schema-valid-only strategies)
Strategies = dict[str, tuple[Callable[[], SearchStrategy[Any]], str | None]]


#: What a line records besides the example's description.
KEPT = ("strategy", "seed", "choices")


def _strategies() -> Strategies:
    from ncts5.testing import cc015c, cc170c, valid_declarations

    return {
        "valid_declarations/final": (lambda: valid_declarations(phase="final"), "final"),
        "valid_declarations/transition": (lambda: valid_declarations(phase="transition"), "transition"),
        "cc015c": (cc015c, None),
        "cc170c": (cc170c, None),
    }


def _draw(strategy: SearchStrategy[Any], data: ConjectureData) -> Any | None:
    """One example, or None when the choices were rejected (a filter gave up, or too many choices)."""
    try:
        with BuildContext(data, wrapped_test=_draw):
            return data.draw(strategy)
    except StopTest:
        return None


def _describe(example: Any, phase: str | None) -> dict[str, Any]:
    import ncts5

    out: dict[str, Any] = {"sha256": hashlib.sha256(example.to_xml()).hexdigest()}
    if phase is not None:
        report = ncts5.validate(example, phase=phase)
        out["errors"] = sorted(f.rule for f in report.errors)
        out["findings"] = sorted(f.rule for f in report.findings)
        out["not_checked"] = sorted(n.rule for n in report.not_checked)
    return out


def record(path: Path, count: int) -> None:
    with gzip.open(path, "wt", encoding="utf-8") as out:
        for name, (factory, phase) in _strategies().items():
            strategy = factory()
            for seed in range(count):
                data = ConjectureData(random=Random(seed))
                example = _draw(strategy, data)
                line: dict[str, Any] = {"strategy": name, "seed": seed, "choices": list(data.choices)}
                line.update(_describe(example, phase) if example is not None else {"rejected": True})
                out.write(json.dumps(line) + "\n")
            print(f"{name}: {count} recorded", file=sys.stderr)


def _lines(path: Path) -> Iterator[dict[str, Any]]:
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            yield json.loads(line)


def _differences(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """What differs between two descriptions: ``message`` (its XML), ``errors``, ``findings``, ..."""
    keys = [k for k in dict.fromkeys([*old, *new]) if k not in KEPT]
    return ["message" if k == "sha256" else k for k in keys if old.get(k) != new.get(k)]


def compare(path: Path) -> int:
    strategies = {name: (factory(), phase) for name, (factory, phase) in _strategies().items()}
    tally: dict[str, Counter[str]] = {name: Counter() for name in strategies}
    for old in _lines(path):
        strategy, phase = strategies[old["strategy"]]
        t = tally[old["strategy"]]
        t["examples"] += 1
        if old.get("rejected"):
            t["rejected before"] += 1
            continue
        replayed = _draw(strategy, ConjectureData.for_choices(old["choices"]))
        new = _describe(replayed, phase) if replayed is not None else {"rejected": True}
        differences = _differences(old, new)
        t["replay identical" if not differences else "replay differs"] += 1
        for what in differences:
            t[f"replay: {what} differ"] += 1
        if new.get("errors"):
            t["replay with an error finding"] += 1
        fresh = _draw(strategy, ConjectureData(random=Random(old["seed"])))
        if fresh is None:
            t["seeded rejected"] += 1
            continue
        same = hashlib.sha256(fresh.to_xml()).hexdigest() == old["sha256"]
        t["seeded message identical" if same else "seeded message differs"] += 1
        if phase is not None and not same and _describe(fresh, phase)["errors"]:
            t["seeded with an error finding"] += 1
    failed = False
    for name, t in tally.items():
        print(f"{name}: " + ", ".join(f"{k} {v}" for k, v in sorted(t.items())))
        failed |= bool(t["replay differs"] or t["replay with an error finding"] or t["seeded with an error finding"])
    return 1 if failed else 0


def _without_local_constants() -> None:
    """Keep hypothesis from drawing constants found in local source files (see the module docstring)."""
    from hypothesis.internal.conjecture import providers
    from hypothesis.internal.constants_ast import Constants

    providers._get_local_constants = Constants  # an empty pool
    providers.CONSTANTS_CACHE.cache.clear()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("mode", choices=("record", "compare"))
    parser.add_argument("snapshot", type=Path)
    parser.add_argument("--count", type=int, default=1000, help="examples per strategy (record)")
    args = parser.parse_args(argv)
    # validate with the packaged code lists only, whatever is imported on this machine
    os.environ["NCTS5_DATA_DIR"] = tempfile.mkdtemp(prefix="ncts5-snapshot-")
    _without_local_constants()
    if args.mode == "record":
        record(args.snapshot, args.count)
        return 0
    return compare(args.snapshot)


if __name__ == "__main__":
    sys.exit(main())
