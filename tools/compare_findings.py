"""Compare every finding of two versions of ncts5 on one fixed corpus of messages.

Refactorings of the rule engine must not change what it reports.  This script proves it in
three steps, each a subcommand:

``corpus DIR``
    Writes the inputs once, as XML files: the shipped examples, the rule examples (baselines),
    the public HMRC samples, a few thousand ``ncts5.testing.valid_declarations()`` draws (final and
    transition phase) and ``schema_valid`` draws with a fixed seed, and mutated copies of the
    declarations (one element dropped or one value swapped for a value of the same element
    elsewhere, kept only when still schema-valid).  Generate it with the *old* version: the
    strategies may change in the new one, the files do not.
``findings DIR OUT``
    Validates every file of the corpus in the final and the transition phase with whatever
    ``ncts5`` is importable (set ``PYTHONPATH`` to compare another checkout) and writes one JSON
    line per finding (input, phase, rule, path, severity, error code, data element, value,
    message) and per not-checked entry (``"kind": "not-checked"``).
``diff OLD NEW``
    Reports what differs, per rule, with examples; ``--ignore-codelists`` leaves out code-list
    findings (``CLnnn``) and not-checked entries.  Exit status 1 when anything differs.
``check DIR BASELINE``
    ``findings`` with the current code into a temporary file, then ``diff`` against BASELINE.

Code-list verdicts depend on the data directory: run both sides with the same
``$NCTS5_DATA_DIR`` (``--data-dir`` sets it).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import sys
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"

# ----------------------------------------------------------------------------------------- corpus


def _draws(strategy: Any, count: int) -> list[Any]:
    """``count`` draws of a hypothesis strategy, the same ones on every run (derandomized)."""
    from hypothesis import HealthCheck, Phase, given, settings

    found: list[Any] = []

    @settings(
        max_examples=count,
        derandomize=True,
        database=None,
        deadline=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy)
    def collect(value: Any) -> None:
        found.append(value)

    collect()
    return found


def _mutations(docs: list[bytes], count: int, seed: int) -> Iterator[bytes]:
    """Schema-valid copies of ``docs`` with one element dropped or one leaf value replaced."""
    from lxml import etree

    import ncts5
    from ncts5.errors import NCTSError

    rng = random.Random(seed)
    values: dict[str, list[str]] = defaultdict(list)
    trees = [etree.fromstring(d) for d in docs]
    for tree in trees:
        for el in tree.iter():
            if len(el) == 0 and el.text is not None:
                values[el.tag].append(el.text)
    made = tries = 0
    while made < count and tries < count * 20:
        tries += 1
        tree = etree.fromstring(etree.tostring(rng.choice(trees)))
        elements = [el for el in tree.iter() if el.getparent() is not None]
        el = rng.choice(elements)
        if rng.random() < 0.4:
            el.getparent().remove(el)
        elif len(el) == 0:
            pool = [v for v in values[el.tag] if v != el.text]
            if not pool:
                continue
            el.text = rng.choice(pool)
        else:
            continue
        data = etree.tostring(tree, xml_declaration=True, encoding="UTF-8")
        try:
            ncts5.from_xml(data)
        except NCTSError:
            continue
        made += 1
        yield data


def make_corpus(out: Path, *, declarations: int, transition: int, arbitrary: int, mutated: int) -> int:
    from ncts5.messages.cc015c import CC015C
    from ncts5.messages.cc170c import CC170C
    from ncts5.testing import schema_valid, valid_declarations

    out.mkdir(parents=True, exist_ok=True)
    written = 0

    def write(name: str, data: bytes) -> None:
        nonlocal written
        (out / f"{name}.xml").write_bytes(data)
        written += 1

    fixed = [("example", ROOT / "examples"), ("baseline", ROOT / "src/ncts5/rules/examples")]
    fixed.append(("hmrc", SHARED / "samples/hmrc-validator"))
    for prefix, folder in fixed:
        for path in sorted(folder.glob("*.xml")):
            write(f"{prefix}-{path.stem}", path.read_bytes())
    valid: list[bytes] = []
    for phase, count in (("final", declarations), ("transition", transition)):
        for i, m in enumerate(_draws(valid_declarations(phase=phase), count)):
            data = m.to_xml()
            valid.append(data)
            write(f"valid-{phase}-{i:05d}", data)
    for cls in (CC015C, CC170C):
        for i, m in enumerate(_draws(schema_valid(cls), arbitrary)):
            write(f"arbitrary-{cls.root_name}-{i:05d}", m.to_xml())
    for i, data in enumerate(_mutations(valid, mutated, seed=5)):
        write(f"mutated-{i:05d}", data)
    return written


# ----------------------------------------------------------------------------------------- findings


def write_findings(corpus: Path, out: Path) -> int:
    import ncts5

    lines = 0
    with out.open("w", encoding="utf-8") as fh:
        for path in sorted(corpus.glob("*.xml")):
            data = path.read_bytes()
            for phase in ("final", "transition"):
                report = ncts5.validate(data, phase=phase)
                for f in report.findings:
                    row = {"input": path.stem, "phase": phase, "kind": "finding", **f.to_dict()}
                    fh.write(json.dumps(row, sort_keys=True) + "\n")
                    lines += 1
                for n in report.not_checked:
                    row = {"input": path.stem, "phase": phase, "kind": "not-checked", **n.to_dict()}
                    fh.write(json.dumps(row, sort_keys=True) + "\n")
                    lines += 1
    return lines


# ----------------------------------------------------------------------------------------- diff

_CODELIST = re.compile(r"CL\d{3}")


def _load(path: Path, ignore_codelists: bool) -> Counter[str]:
    rows: Counter[str] = Counter()
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            if ignore_codelists and (row["kind"] == "not-checked" or _CODELIST.fullmatch(row["rule"])):
                continue
            rows[json.dumps(row, sort_keys=True)] += 1
    return rows


def diff(old: Path, new: Path, *, ignore_codelists: bool, examples: int = 3) -> int:
    a, b = _load(old, ignore_codelists), _load(new, ignore_codelists)
    gone, added = a - b, b - a
    print(
        f"{sum(a.values())} rows before, {sum(b.values())} after; {sum(gone.values())} gone, {sum(added.values())} new"
    )
    by_rule: dict[str, dict[str, list[dict[str, Any]]]] = defaultdict(lambda: {"gone": [], "new": []})
    for side, rows in (("gone", gone), ("new", added)):
        for key, n in rows.items():
            row = json.loads(key)
            by_rule[f"{row['kind']} {row['rule']}"][side].extend([row] * n)
    for rule_key in sorted(by_rule):
        sides = by_rule[rule_key]
        print(f"{rule_key}: {len(sides['gone'])} gone, {len(sides['new'])} new")
        for side in ("gone", "new"):
            for row in sorted(sides[side], key=lambda r: (r["input"], r["phase"], r.get("path") or ""))[:examples]:
                where = f"{row['input']} [{row['phase']}] {row.get('path')}"
                print(f"  {side}: {where}: {row.get('message') or row.get('reason')}")
    return 1 if gone or added else 0


# ----------------------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data-dir", help="set $NCTS5_DATA_DIR (imported code lists) for this run")
    sub = parser.add_subparsers(dest="command", required=True)
    c = sub.add_parser("corpus", help="write the input messages (run with the old version)")
    c.add_argument("dir", type=Path)
    c.add_argument("--declarations", type=int, default=2000, help="valid_declarations() draws, final phase")
    c.add_argument("--transition", type=int, default=500, help="valid_declarations() draws, transition phase")
    c.add_argument("--arbitrary", type=int, default=300, help="schema_valid draws per message type")
    c.add_argument("--mutated", type=int, default=2000, help="mutated declarations")
    f = sub.add_parser("findings", help="write every finding of the importable ncts5 as JSON lines")
    f.add_argument("dir", type=Path)
    f.add_argument("out", type=Path)
    d = sub.add_parser("diff", help="compare two findings files")
    d.add_argument("old", type=Path)
    d.add_argument("new", type=Path)
    d.add_argument("--ignore-codelists", action="store_true", help="leave out CLnnn findings and not-checked entries")
    k = sub.add_parser("check", help="findings of the current code, compared with a baseline file")
    k.add_argument("dir", type=Path)
    k.add_argument("baseline", type=Path)
    k.add_argument("--ignore-codelists", action="store_true", help="leave out CLnnn findings and not-checked entries")
    args = parser.parse_args(argv)
    if args.data_dir:
        os.environ["NCTS5_DATA_DIR"] = args.data_dir
    if args.command == "corpus":
        n = make_corpus(
            args.dir,
            declarations=args.declarations,
            transition=args.transition,
            arbitrary=args.arbitrary,
            mutated=args.mutated,
        )
        print(f"{n} messages written to {args.dir}")
        return 0
    if args.command == "findings":
        print(f"{write_findings(args.dir, args.out)} rows written to {args.out}")
        return 0
    if args.command == "diff":
        return diff(args.old, args.new, ignore_codelists=args.ignore_codelists)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "findings.jsonl"
        write_findings(args.dir, out)
        return diff(args.baseline, out, ignore_codelists=args.ignore_codelists)


if __name__ == "__main__":
    sys.exit(main())
