"""Generate ncts5's message models, per NCTS release, from the official schemas and the DDNTA Q2 tables.

Run from the repository root with ``../shared`` beside it::

    python tools/generate_models.py            # rewrite the models of every release
    python tools/generate_models.py --check    # fail if the committed files differ

Release 5 (schema 51.8.6, DDNTA 5.15.2) is written to ``src/ncts5/messages/{simple_types,cc015c,cc170c}.py``,
release 6 (schema 60.4.16, DDNTA 6.4.1) to ``src/ncts5/messages/p6/``.  Data element numbers come
from ``tools/spec/data_elements.csv`` by XML path (one number per path, whatever the release) and,
for the paths only Phase 6 has, from ``tools/spec/data_elements_p6.csv``.

The XSDs are read, never copied: what they enforce is written out as pydantic
models (structure, occurrences, facets), merged with the DDNTA tables (priority,
code list, rule ids) and with ``tools/spec/data_elements.csv`` (data element
numbers).  The generated modules are committed so the package needs nothing at
run time.  Which messages are generated comes from ``ncts5.messages.catalogue``.

The output type-checks for users: every simple type is ``Annotated[<Python type>,
Facets(...)]`` (a ``Literal`` for an enumeration), and fields carry their XML names
as validation and serialization aliases so that ``__init__`` takes Python names.
"""

from __future__ import annotations

import argparse
import csv
import html
import keyword
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from ncts5.messages.catalogue import RELEASES, MessageType, Release, messages

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DE_CSVS = (ROOT / "tools" / "spec" / "data_elements.csv", ROOT / "tools" / "spec" / "data_elements_p6.csv")


@dataclass(frozen=True)
class Source:
    """Where one release's models come from and go to."""

    release: Release
    schema_version: str
    ddnta_version: str
    table_folder: str

    @property
    def entries(self) -> tuple[MessageType, ...]:
        return messages(self.release)

    @property
    def xsd_dir(self) -> Path:
        return SHARED / "xsd" / self.entries[0].xsd_folder

    @property
    def table_dir(self) -> Path:
        return SHARED / "reference" / self.table_folder

    @property
    def out_dir(self) -> Path:
        return ROOT / "src" / Path(*self.entries[0].package.split("."))

    @property
    def package(self) -> str:
        return self.entries[0].package


SOURCES: dict[Release, Source] = {
    "5": Source("5", "51.8.6", "5.15.2", "ddnta-q2"),
    "6": Source("6", "60.4.16", "6.4.1", "ddnta-q2-p6"),
}
assert set(SOURCES) == set(RELEASES)
XS = "{http://www.w3.org/2001/XMLSchema}"
BUILTINS = {
    "xs:string": ("string", "preserve"),
    "xs:normalizedString": ("string", "replace"),
    "xs:token": ("string", "collapse"),
    "xs:integer": ("integer", "collapse"),
    "xs:decimal": ("decimal", "collapse"),
    "xs:date": ("date", "collapse"),
    "xs:dateTime": ("datetime", "collapse"),
}
RESERVED = {"model_config", "model_fields", "copy", "dict", "json", "schema", "validate", "construct", "fields"}


# --------------------------------------------------------------------------- XSD reading
class Schema:
    def __init__(self, directory: Path, entries: tuple[MessageType, ...]) -> None:
        self.complex: dict[str, etree._Element] = {}
        self.simple: dict[str, etree._Element] = {}
        self.groups: dict[str, etree._Element] = {}
        self.roots: dict[str, etree._Element] = {}
        # ermis-types.xsd: HMRC's extension of the Phase 6 set (an optional MRN in IE170's TransitOperation)
        extra = ["ermis-types.xsd"] if (directory / "ermis-types.xsd").is_file() else []
        for name in ["ctypes.xsd", "htypes.xsd", "stypes.xsd", "tcl.xsd", *extra, *(m.xsd_file for m in entries)]:
            tree = etree.parse(str(directory / name))
            for el in tree.getroot():
                n = el.get("name")
                if el.tag == XS + "complexType":
                    self.complex[n] = el
                elif el.tag == XS + "simpleType":
                    self.simple[n] = el
                elif el.tag == XS + "group":
                    self.groups[n] = el
                elif el.tag == XS + "element":
                    self.roots[n] = el


def doc(el: etree._Element, tag: str, attr: str = "value") -> str | None:
    for d in el.iterfind(f"{XS}annotation/{XS}documentation/{tag}"):
        return d.get(attr)
    for d in el.iterfind(f"{XS}annotation/{XS}documentation/{{http://ncts.dgtaxud.ec}}{tag}"):
        return d.get(attr)
    return None


@dataclass
class Node:
    xml_name: str
    description: str
    type_name: str
    min_occurs: int
    max_occurs: int
    complex: bool
    format: str | None
    codelist: str | None
    optionality: str | None
    attribute: bool = False
    extension: bool = False  # added by a schema extension (ermis-types.xsd): no DDNTA table row
    children: list[Node] = field(default_factory=list)
    path: str = ""
    # filled from the DDNTA table and the data element CSV
    priority: str | None = None
    rules: tuple[str, ...] = ()
    table_codelist: str | None = None
    data_element: str | None = None
    class_name: str = ""


def build(schema: Schema, el: etree._Element, path: str) -> Node:
    name = el.get("name")
    type_name = el.get("type")
    mx = el.get("maxOccurs", "1")
    cl = None
    for d in el.iterfind(f"{XS}annotation/{XS}documentation/codeList"):
        cl = d.get("code") or d.get("name")
    node = Node(
        xml_name=name,
        description=doc(el, "description") or name,
        type_name=type_name,
        min_occurs=int(el.get("minOccurs", "1")),
        max_occurs=10**9 if mx == "unbounded" else int(mx),
        complex=type_name in schema.complex,
        format=doc(el, "format"),
        codelist=cl,
        optionality=doc(el, "optionality"),
        path=f"{path}/{name}" if path else name,
    )
    if node.complex:
        node.children = sequence(schema, schema.complex[type_name], node.path)
        for attr in schema.complex[type_name].iterfind(f"{XS}attribute"):
            node.children.insert(0, attribute_node(attr, node.path))
    return node


def attribute_node(attr: etree._Element, path: str) -> Node:
    return Node(
        xml_name=attr.get("name"),
        description=attr.get("name"),
        type_name=attr.get("type"),
        min_occurs=1 if attr.get("use") == "required" else 0,
        max_occurs=1,
        complex=False,
        format=None,
        codelist=None,
        optionality="O",
        attribute=True,
        path=f"{path}/@{attr.get('name')}",
    )


def sequence(schema: Schema, ctype: etree._Element, path: str) -> list[Node]:
    extension = ctype.find(f"{XS}complexContent/{XS}extension")
    if extension is not None:  # the base type's sequence, then the extension's elements
        added = sequence(schema, extension, path)
        for n in added:
            n.extension = True
            n.priority = n.optionality
        return sequence(schema, schema.complex[extension.get("base")], path) + added
    out: list[Node] = []
    seq = ctype.find(f"{XS}sequence")
    if seq is None:
        return out
    for el in seq:
        if el.tag == XS + "element":
            out.append(build(schema, el, path))
        elif el.tag == XS + "group":
            out.extend(sequence(schema, schema.groups[el.get("ref")], path))
        elif el.tag in (XS + "annotation",) or not isinstance(el.tag, str):
            continue
        else:
            raise SystemExit(f"unsupported XSD construct {el.tag} in {path}")
    return out


def message_tree(schema: Schema, root: str) -> Node:
    el = schema.roots[root]
    node = Node(root, root, el.get("type"), 1, 1, True, None, None, "R", path=root)
    ctype = schema.complex[el.get("type")]
    node.children = sequence(schema, ctype, root)
    for attr in ctype.iterfind(f"{XS}attribute"):
        node.children.insert(0, attribute_node(attr, root))
    return node


def walk(node: Node):
    yield node
    for c in node.children:
        yield from walk(c)


# --------------------------------------------------------------------------- simple types
def facets_of(schema: Schema, type_name: str) -> dict[str, object]:
    """Resolve a simple type's restriction chain into one facet record."""
    chain: list[etree._Element] = []
    name = type_name
    while name not in BUILTINS:
        st = schema.simple[name]
        restriction = st.find(f"{XS}restriction")
        chain.append(restriction)
        name = restriction.get("base")
    kind, whitespace = BUILTINS[name]
    f: dict[str, object] = {"kind": kind, "whitespace": whitespace, "patterns": []}
    for restriction in reversed(chain):  # base first, most derived last
        step = [p.get("value") for p in restriction.iterfind(f"{XS}pattern")]
        if step:
            f["patterns"].append(tuple(step))  # type: ignore[union-attr]
        enum = [e.get("value") for e in restriction.iterfind(f"{XS}enumeration")]
        if enum:
            norm = [" ".join(v.split()) if whitespace == "collapse" else v for v in enum]
            f["enumeration"] = frozenset(norm)
        for facet, key in [
            ("length", "length"),
            ("minLength", "min_length"),
            ("maxLength", "max_length"),
            ("minInclusive", "min_inclusive"),
            ("maxInclusive", "max_inclusive"),
            ("totalDigits", "total_digits"),
            ("fractionDigits", "fraction_digits"),
        ]:
            e = restriction.find(f"{XS}{facet}")
            if e is not None:
                f[key] = int(e.get("value"))
    return f


def render_facets(type_name: str, f: dict[str, object]) -> str:
    parts = [f"name={type_name!r}", f"kind={f['kind']!r}", f"whitespace={f['whitespace']!r}"]
    keys = ["length", "min_length", "max_length", "min_inclusive", "max_inclusive", "total_digits", "fraction_digits"]
    for key in keys:
        if key in f:
            parts.append(f"{key}={f[key]!r}")
    if f["patterns"]:
        steps = ", ".join("(" + ", ".join(_raw(p) for p in step) + ",)" for step in f["patterns"])  # type: ignore[union-attr]
        parts.append(f"patterns=({steps},)")
    if "enumeration" in f:
        values = ", ".join(repr(v) for v in sorted(f["enumeration"]))  # type: ignore[arg-type]
        parts.append(f"enumeration=frozenset({{{values}}})")
    return "Facets(" + ", ".join(parts) + ")"


def _raw(pattern: str) -> str:
    if "'" not in pattern and not pattern.endswith("\\"):
        return "r'" + pattern + "'"
    return repr(pattern)


# --------------------------------------------------------------------------- DDNTA tables
@dataclass
class Row:
    depth: int
    name: str
    priority: str
    fmt: str
    codelist: str | None
    rules: tuple[str, ...]


def table_rows(path: Path) -> list[Row]:
    text = path.read_text(encoding="utf-8")
    rows: list[Row] = []
    for tr in re.findall(r"<tr>(.*?)</tr>", text, flags=re.S):
        cells = re.findall(r"<td>(.*?)</td>", tr, flags=re.S)
        if len(cells) != 5:
            continue
        first = html.unescape(cells[0]).replace("\xa0", " ")
        first = re.sub(r"<[^>]+>", "", first).strip()
        depth = 0
        while first.startswith("- "):
            depth += 1
            first = first[2:].lstrip()
        rules = tuple(re.findall(r"[BCEGRS]\d{3,4}", re.sub(r"<[^>]+>", " ", cells[4])))
        cl = re.sub(r"<[^>]+>", "", html.unescape(cells[3])).replace("\xa0", " ").strip() or None
        rows.append(
            Row(depth, first, re.sub(r"<[^>]+>", "", cells[1]).strip(), html.unescape(cells[2]).strip(), cl, rules)
        )
    return rows


def norm(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


def merge_table(tree: Node, rows: list[Row]) -> list[str]:
    """Attach priority, code list and rule ids to the XSD nodes, walking both in document order."""
    problems: list[str] = []
    nodes = [n for n in walk(tree) if not n.attribute and not n.extension]
    # the table's first row is MESSAGE (the root); the XSD's root is the message element itself
    if len(nodes) != len(rows):
        problems.append(f"{tree.xml_name}: {len(nodes)} XSD elements but {len(rows)} table rows")
    for n, r in zip(nodes, rows, strict=False):
        if n is not tree and norm(n.description) != norm(r.name):
            problems.append(f"{n.path}: XSD says {n.description!r}, table says {r.name!r}")
        n.priority = r.priority
        n.rules = r.rules
        n.table_codelist = r.codelist
    return problems


def load_data_elements() -> dict[str, str]:
    """Data element numbers by XML path, from every CSV (a path keeps its number across releases)."""
    out: dict[str, str] = {}
    for path in DE_CSVS:
        if path.exists():
            with path.open(encoding="utf-8") as fh:
                out.update((r["xml_path"], r["data_element"]) for r in csv.DictReader(fh) if r["data_element"].strip())
    return out


# --------------------------------------------------------------------------- naming
def snake(name: str) -> str:
    s = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", name)
    s = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", s).lower()
    if keyword.iskeyword(s) or s in RESERVED or s.startswith("model_"):
        s += "_"
    return s


def _leaf_signature(c: Node) -> tuple:
    return (c.xml_name, c.type_name, c.data_element, c.rules, c.priority, c.min_occurs, c.max_occurs)


def signature(node: Node) -> tuple:
    return (
        node.type_name,
        node.xml_name,
        node.data_element,
        node.rules,
        node.priority,
        node.table_codelist,
        tuple(signature(c) if c.complex else _leaf_signature(c) for c in node.children),
    )


def assign_class_names(tree: Node) -> list[Node]:
    """One class per distinct (type, metadata) shape; the element name when that is unambiguous."""
    complex_nodes = [n for n in walk(tree) if n.complex]
    by_name: dict[str, set[tuple]] = {}
    for n in complex_nodes:
        by_name.setdefault(n.xml_name, set()).add(signature(n))
    parents: dict[int, Node] = {}
    for n in walk(tree):
        for c in n.children:
            parents[id(c)] = n
    names: dict[tuple, str] = {}
    used: set[str] = set()
    ordered: list[Node] = []
    for n in complex_nodes:
        sig = signature(n)
        if sig in names:
            n.class_name = names[sig]
            continue
        if len(by_name[n.xml_name]) == 1:
            candidate = n.xml_name
        else:
            parent = parents.get(id(n))
            candidate = (parent.class_name if parent else "") + n.xml_name
        base = candidate
        i = 2
        while candidate in used:
            candidate = f"{base}{i}"
            i += 1
        used.add(candidate)
        names[sig] = candidate
        n.class_name = candidate
        ordered.append(n)
    return ordered


# --------------------------------------------------------------------------- rendering
HEADER = '''"""{title}

Generated by ``tools/generate_models.py`` from schema {schema} and DDNTA Q2 {ddnta};
do not edit by hand.  Every field's :class:`~ncts5.messages.meta.Item` records its
XML name, data element number, format, code list, priority and rule ids.
"""
'''


def render_item(n: Node) -> str:
    parts = [repr(n.xml_name), repr(n.description)]
    if n.data_element:
        parts.append(f"data_element={n.data_element!r}")
    fmt = n.format
    if fmt:
        parts.append(f"format={fmt!r}")
    cl = n.codelist or n.table_codelist
    if cl:
        parts.append(f"codelist={cl!r}")
    if n.priority and n.priority != "R":
        parts.append(f"priority={n.priority!r}")
    if n.rules:
        parts.append(f"rules={n.rules!r}")
    if n.min_occurs != 1:
        parts.append(f"min_occurs={n.min_occurs}")
    if n.max_occurs != 1:
        parts.append(f"max_occurs={n.max_occurs}")
    if n.attribute:
        parts.append("attribute=True")
    return "Item(" + ", ".join(parts) + ")"


def render_field(n: Node) -> str:
    """One model field: Python name, typed value, metadata, default and XML name.

    The XML name is given as ``validation_alias`` and ``serialization_alias``, not ``alias``:
    type checkers that see pydantic models through ``dataclass_transform`` (mypy without the
    pydantic plugin, pyright) name an ``__init__`` parameter after ``alias``, and users build
    models by Python name.  Defaults are keywords (``default=None``) so pyright sees them.
    """
    base = n.class_name if n.complex else f"st.{n.type_name}"
    item = render_item(n)
    fname = snake(n.xml_name)
    args: list[str] = []
    if n.max_occurs > 1:
        if not n.min_occurs:
            args.append("default_factory=empty_list")
    elif n.min_occurs == 0:
        args.append("default=None")
    if fname != n.xml_name:
        args += [f"validation_alias={n.xml_name!r}", f"serialization_alias={n.xml_name!r}"]
    if n.max_occurs > 1:
        if n.min_occurs:
            args.append(f"min_length={n.min_occurs}")
        if n.max_occurs < 10**9:
            args.append(f"max_length={n.max_occurs}")
        annotation = f"list[{base}]"
    else:
        annotation = f"{base} | None" if n.min_occurs == 0 else base
    default = f" = Field({', '.join(args)})" if args else ""
    return f"    {fname}: Annotated[{annotation}, {item}]{default}"


def class_doc(n: Node, level: str) -> str:
    bits = [n.description.capitalize() if n.description.isupper() else n.description]
    if n.data_element:
        bits.append(f"data element {n.data_element}")
    bits.append(f"XML {n.path}")
    if n.rules:
        bits.append("rules " + ", ".join(n.rules))
    text = "; ".join(bits) + "."
    lines = []
    line = ""
    for word in text.split():
        if len(line) + len(word) + 1 > 90:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    body = "\n    ".join(lines)
    return f'    """{body}\n    """' if len(lines) > 1 else f'    """{body}"""'


def post_order(tree: Node, ordered: list[Node]) -> list[Node]:
    """Class-defining nodes, each after every class it refers to."""
    defining = {n.class_name: n for n in ordered}
    done: set[str] = set()
    out: list[Node] = []

    def visit(n: Node) -> None:
        for c in n.children:
            if c.complex:
                visit(c)
        if n.class_name not in done:
            done.add(n.class_name)
            out.append(defining[n.class_name])

    visit(tree)
    return out


def render_message(tree: Node, ordered: list[Node], ie: str, src: Source) -> str:
    title = f"{tree.xml_name} ({ie}) data groups as pydantic models (NCTS Phase {src.release})."
    out = [HEADER.format(title=title, schema=src.schema_version, ddnta=src.ddnta_version)]
    out.append("from __future__ import annotations\n")
    out.append("from typing import Annotated, ClassVar\n")
    out.append("from pydantic import Field\n")
    out.append(f"from {src.package} import simple_types as st")
    if src.release != "5":
        out.append("from ncts5.messages.catalogue import Release")
    out.append("from ncts5.messages.message import Message")
    out.append("from ncts5.messages.meta import Item, XmlModel, empty_list\n")
    names = ["    " + repr(n.class_name) + "," for n in ordered]
    out.append("__all__ = [\n" + "\n".join(sorted(names)) + "\n]\n")
    for n in post_order(tree, ordered):  # children before parents: no forward references
        base = "Message" if n is tree else "XmlModel"
        out.append(f"\nclass {n.class_name}({base}):")
        out.append(class_doc(n, ""))
        if n is tree:
            out.append(f"\n    root_name: ClassVar[str] = {tree.xml_name!r}")
            if src.release != "5":
                out.append(f"    release: ClassVar[Release] = {src.release!r}")
        out.append("")
        seen: set[str] = set()
        for c in n.children:
            line = render_field(c)
            fname = snake(c.xml_name)
            if fname in seen:
                raise SystemExit(f"duplicate field {fname} in {n.path}")
            seen.add(fname)
            out.append(line)
    return "\n".join(out) + "\n"


#: The Python type a value of each XSD kind becomes (an enumeration becomes a ``Literal``).
PYTHON_TYPES = {"string": "str", "integer": "int", "decimal": "Decimal", "date": "date", "datetime": "datetime"}


def python_type(f: dict[str, object]) -> str:
    """What type checkers see for a simple type: its Python type, or a ``Literal`` of its enumeration."""
    enumeration = f.get("enumeration")
    if isinstance(enumeration, frozenset):
        assert f["kind"] == "string", "enumerations of other kinds would need typed literals"
        return "Literal[" + ", ".join(repr(v) for v in sorted(enumeration)) + "]"
    return PYTHON_TYPES[str(f["kind"])]


def render_simple_types(schema: Schema, type_names: set[str], src: Source) -> str:
    roots = " and ".join(m.root_name for m in src.entries)
    title = f"The XSD simple types {roots} use (NCTS Phase {src.release}), as annotated Python types."
    out = [HEADER.format(title=title, schema=src.schema_version, ddnta=src.ddnta_version)]
    facets = {name: facets_of(schema, name) for name in sorted(type_names)}
    types = {name: python_type(f) for name, f in facets.items()}
    used = set(types.values())
    out.append("from __future__ import annotations\n")
    if used & {"date", "datetime"}:
        out.append("from datetime import " + ", ".join(sorted(used & {"date", "datetime"})))
    if "Decimal" in used:
        out.append("from decimal import Decimal")
    literal = ", Literal" if any(t.startswith("Literal[") for t in used) else ""
    out.append(f"from typing import Annotated{literal}, TypeAlias\n")
    out.append("from ncts5.messages.facets import Facets\n")
    for name, f in facets.items():
        out.append(f"{name}: TypeAlias = Annotated[{types[name]}, {render_facets(name, f)}]")
    return "\n".join(out) + "\n"


def generate(src: Source) -> dict[Path, str]:
    schema = Schema(src.xsd_dir, src.entries)
    de = load_data_elements()
    files: dict[Path, str] = {}
    simple: set[str] = set()
    problems: list[str] = []
    for entry in src.entries:
        tree = message_tree(schema, entry.root_name)
        problems += merge_table(tree, table_rows(src.table_dir / f"{entry.ie}_table.md"))
        for n in walk(tree):
            n.data_element = de.get(n.path.replace("/@", "/"))
            if not n.complex:
                simple.add(n.type_name)
        ordered = assign_class_names(tree)
        files[src.out_dir / f"{entry.module.rsplit('.', 1)[1]}.py"] = render_message(tree, ordered, entry.ie, src)
    if problems:
        print("\n".join(problems), file=sys.stderr)
        raise SystemExit(1)
    files[src.out_dir / "simple_types.py"] = render_simple_types(schema, simple, src)
    if src.release != "5":
        files[src.out_dir / "__init__.py"] = PACKAGE_DOC.format(release=src.release, schema=src.schema_version)
    return files


PACKAGE_DOC = '''"""NCTS Phase {release} message models (schema {schema}), generated by ``tools/generate_models.py``.

Loaded only when a Phase {release} message is read or built (see :mod:`ncts5.messages.catalogue`).
"""
'''


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="fail if the generated files are out of date")
    args = parser.parse_args()
    files: dict[Path, str] = {}
    for src in SOURCES.values():
        if not src.xsd_dir.is_dir():
            print(f"schema folder not found: {src.xsd_dir}", file=sys.stderr)
            return 2
        files.update(generate(src))
    stale = [p for p, text in files.items() if not p.exists() or p.read_text(encoding="utf-8") != text]
    if args.check:
        for p in stale:
            print(f"out of date: {p.relative_to(ROOT)}", file=sys.stderr)
        return 1 if stale else 0
    for p, text in files.items():
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
        print(f"wrote {p.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
