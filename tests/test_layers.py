"""Imports point downwards only: errors/report → messages → codelists → xml → rules → validation → cli.

The graph is read from the source (``ast``), not from ``sys.modules``, so an import inside a
function counts like one at the top: a late import is still a dependency.  Imports under
``if TYPE_CHECKING:`` are left out (they never run).  ``from ncts5.x import y`` is an import of
the module ``ncts5.x.y`` when that module exists, else of ``ncts5.x``, as the import system
resolves it.  Importing a submodule also runs its packages' ``__init__``; that implicit step
is not an edge (else every module would depend on ``ncts5/__init__.py``, which imports the API).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src"
PACKAGE = SRC / "ncts5"

#: Bottom first. A module belongs to the first entry whose name it is or starts with (+ "."); the
#: entry "ncts5" is the package's ``__init__`` alone.
LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("errors/report", ("ncts5.errors", "ncts5.report", "ncts5.checkdigits", "ncts5.identifiers")),
    ("messages", ("ncts5.messages",)),
    ("codelists", ("ncts5.codelists",)),
    ("xml", ("ncts5.xml",)),
    ("rules", ("ncts5.rules",)),
    ("validation", ("ncts5.validation", "ncts5.upgrading")),
    ("package root", ("ncts5",)),  # the public API re-exports validation; only the CLI and testing sit on it
    ("cli", ("ncts5.cli", "ncts5.cli_formats", "ncts5.config")),
    ("testing", ("ncts5.testing", "ncts5.testing_declarations")),
)

#: Known import cycles inside packages other helpers are reshaping for issue 9, as (importer,
#: imported) edges that close a cycle.  Each is a bug to fix, not a permission: the lead empties
#: this set when the rule catalogue lands.
KNOWN_CYCLE_EDGES: frozenset[tuple[str, str]] = frozenset()


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES: dict[str, Path] = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _statements(node: ast.AST) -> Iterator[ast.stmt]:
    """Every statement that can run, at any depth, skipping the bodies of ``if TYPE_CHECKING:``."""
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.If) and _is_type_checking(child.test):
            for stmt in child.orelse:
                yield stmt
                yield from _statements(stmt)
            continue
        if isinstance(child, ast.stmt):
            yield child
        yield from _statements(child)


def imports_of(name: str) -> set[str]:
    """The ncts5 modules that module ``name`` imports when it runs."""
    path = MODULES[name]
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out: set[str] = set()
    for stmt in _statements(tree):
        if isinstance(stmt, ast.Import):
            out.update(a.name for a in stmt.names if a.name == "ncts5" or a.name.startswith("ncts5."))
        elif isinstance(stmt, ast.ImportFrom):
            if stmt.level:
                base = package.split(".")[: len(package.split(".")) - (stmt.level - 1)]
                source = ".".join([*base, stmt.module] if stmt.module else base)
            else:
                source = stmt.module or ""
            if source != "ncts5" and not source.startswith("ncts5."):
                continue
            for alias in stmt.names:
                sub = f"{source}.{alias.name}"
                out.add(sub if sub in MODULES else source)
    out.discard(name)
    return out


GRAPH: dict[str, set[str]] = {name: imports_of(name) for name in MODULES}


def layer_of(name: str) -> int:
    for index, (_, prefixes) in enumerate(LAYERS):
        # "ncts5" names the package's own __init__ only; every other entry covers a package or module
        if any(name == p or (p != "ncts5" and name.startswith(p + ".")) for p in prefixes):
            return index
    raise LookupError(name)


def strongly_connected(graph: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's algorithm, iteratively: the groups of modules that import each other in a cycle."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    groups: list[list[str]] = []
    counter = 0
    for start in sorted(graph):
        if start in index:
            continue
        work: list[tuple[str, Iterator[str]]] = []
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        work.append((start, iter(sorted(graph[start]))))
        while work:
            node, successors = work[-1]
            for succ in successors:
                if succ not in graph:
                    continue
                if succ not in index:
                    index[succ] = low[succ] = counter
                    counter += 1
                    stack.append(succ)
                    on_stack.add(succ)
                    work.append((succ, iter(sorted(graph[succ]))))
                    break
                if succ in on_stack:
                    low[node] = min(low[node], index[succ])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    group = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        group.append(member)
                        if member == node:
                            break
                    if len(group) > 1:
                        groups.append(sorted(group))
    return groups


def test_the_graph_is_read() -> None:
    # guards the parser above: these imports exist, and one under TYPE_CHECKING is left out
    assert "ncts5.messages.meta" in GRAPH["ncts5.messages.message"]
    assert "ncts5.xml.reader" in GRAPH["ncts5.validation"]  # an import inside a function body
    assert "ncts5.rules.profiles" not in GRAPH["ncts5.validation"]  # only under TYPE_CHECKING
    assert "ncts5.messages.catalogue" in GRAPH["ncts5.xml.parsing"]


def test_layers_are_assigned_as_declared() -> None:
    assert LAYERS[layer_of("ncts5")][0] == "package root"
    assert LAYERS[layer_of("ncts5.cli")][0] == "cli"
    assert LAYERS[layer_of("ncts5.messages.cc015c")][0] == "messages"
    assert LAYERS[layer_of("ncts5.testing")][0] == "testing"


def test_every_module_has_a_layer() -> None:
    unplaced = []
    for name in MODULES:
        try:
            layer_of(name)
        except LookupError:
            unplaced.append(name)
    assert unplaced == [], "add these modules to LAYERS in tests/test_layers.py"


def test_no_import_cycles() -> None:
    graph = {name: {t for t in targets if (name, t) not in KNOWN_CYCLE_EDGES} for name, targets in GRAPH.items()}
    cycles = strongly_connected(graph)
    described = [" ↔ ".join(group) + ": " + "; ".join(_edges_within(group)) for group in cycles]
    assert described == []


def test_known_cycle_edges_still_exist() -> None:
    # an entry whose import is gone must leave the allow-list, so the list only shrinks
    stale = sorted(edge for edge in KNOWN_CYCLE_EDGES if edge[1] not in GRAPH.get(edge[0], set()))
    assert stale == [], "remove these fixed edges from KNOWN_CYCLE_EDGES"


def _edges_within(group: list[str]) -> list[str]:
    members = set(group)
    return [f"{a} → {b}" for a in group for b in sorted(GRAPH[a]) if b in members]


def test_imports_point_downwards() -> None:
    upward = []
    for name, targets in sorted(GRAPH.items()):
        for target in sorted(targets):
            if target in MODULES and layer_of(target) > layer_of(name):
                upward.append(f"{name} ({LAYERS[layer_of(name)][0]}) imports {target} ({LAYERS[layer_of(target)][0]})")
    assert upward == []


@pytest.mark.parametrize("name", sorted(n for n in MODULES if layer_of(n) <= layer_of("ncts5.xml.reader")))
def test_lower_layers_import_neither_rules_nor_validation(name: str) -> None:
    # the specific promise of issue 9: models, code lists and the XML layer run without the rule engine
    assert not {t for t in GRAPH[name] if t.startswith("ncts5.rules") or t == "ncts5.validation"}
