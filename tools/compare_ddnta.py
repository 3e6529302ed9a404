"""Compare the Phase 5 and Phase 6 DDNTA rule catalogues for IE015 and IE170 (issue 10, items 2 and 3).

    python tools/compare_ddnta.py          # rewrite docs/phase6-rules.md and src/ncts5/rules/phase6.json
    python tools/compare_ddnta.py --check  # exit 1 if either is out of date (the tests run this)

Why: the Phase 6 rule declarations must say, per id, whether the Phase 5 check carries over
(same meaning) or needs its own (changed meaning).  Reading 163 descriptions by eye twice is how
a changed set of codes slips through, so this tool classifies every id the Phase 6 IE015 and
IE170 tables reference from the two published texts (../shared/reference/ddnta-q2 = DDNTA 5.15.2,
ddnta-q2-p6 = DDNTA 6.4.1):

- ``same``: functional and technical description identical after undoing the publication's
  formatting (HTML markup and entities, line wrapping, whitespace).
- ``reworded``: identical once spelling that cannot carry meaning is normalised too (case, quote
  characters, spaces around ``-``/``.``/brackets in data group and item names, a code list's name
  in brackets after its number, a trailing full stop).  No similarity-ratio threshold is used:
  in these texts a change of meaning is often one token (a code added to a set, ``R`` to ``O``,
  a negation), which any ratio high enough to accept harmless rewording also accepts; the ratio
  is recorded for the reader only.
- ``changed``: anything else; the differing clauses are listed.
- ``new``: the id has no Phase 5 text; ``dropped``: Phase 5 IE015/IE170 ids absent from the
  Phase 6 tables (the B and E rules among them).

It also records, per message, where the set of table fields naming an id changed; the Phase 5
status of each id in ncts5's catalogue; and which code lists each release's tables use, whether
ncts5's official payload packages them and whether the Phase 6 code list overview has them in
production.  Outputs are deterministic (sorted, no dates) so ``--check`` can compare bytes.
"""

from __future__ import annotations

import argparse
import csv
import difflib
import html
import json
import re
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT.parent / "shared" / "reference"
P5_DIR = REFERENCE / "ddnta-q2"
P6_DIR = REFERENCE / "ddnta-q2-p6"
DOC = ROOT / "docs" / "phase6-rules.md"
DATA = ROOT / "src" / "ncts5" / "rules" / "phase6.json"
OFFICIAL = ROOT / "src" / "ncts5" / "codelists" / "data" / "official.json"
OVERVIEW = P6_DIR / "CodeListOverview-2025-07-01-PROD.csv"
MESSAGES = ("IE015", "IE170")
CLASSES = ("same", "reworded", "changed", "new", "dropped")
KIND_NAMES = {
    "B": "business rule",
    "C": "condition",
    "E": "technical rule",
    "G": "guideline",
    "R": "rule",
    "S": "sequence",
}
#: What reading both texts adds to a mechanical ``changed``: for the session writing the Phase 6 checks.
NOTES = {
    "C0587": "5.15.2 tests Declaration type in {2,3} (a misprint); 6.4.1 says Security. ncts5's P5 check already "
    "reads Security, so it carries over.",
    "C0599": "Mode of transport at the border required for security 2 only (5.15.2: security 1, 2 or 3).",
    "C0670": "The Container identification number condition is gone: one transport equipment makes goods "
    "references optional whether or not it has a container number.",
    "C0806": "Active border transport means required for security 2 only (5.15.2: security 1, 2 or 3).",
    "C0807": "IE170 active border transport means now required only when neither the IE015 nor the IE013 declared it.",
    "G0001": "Only names the transitional period as NCTS-P4/NCTS-P5; no Phase 6 effect.",
    "G0034": "Splits the answer to an inappropriate office of destination by opt-in NAs (CCA13D/CCA15D, CC056D) "
    "and opt-out NAs (CC013C/CC015C, CC056C).",
    "G0201": "Names IE050/IE115 instead of CD050C/CD115C: customs-to-customs messages, no effect on IE015/IE170.",
    "G0789": "Only names the transitional period as NCTS-P4/NCTS-P5; no Phase 6 effect.",
    "R0219": "Rephrased; read as the same constraint (a 0-package packaging allows no non-zero packaging in the "
    "same item).",
    "R0448": "The Incident clause is gone (CONSIGNMENT-INCIDENT is not in IE015 or IE170); unchanged for them.",
    "R0601": "Only two unbalanced opening brackets added; the meaning reads unchanged.",
}
#: Phase 6 names the IE015/IE013 variants CCA15D/CCA13D next to CC015C/CC013C; rules that gained them.
CCA_NOTE = "Adds the CCA15D/CCA13D message variants beside CC015C/CC013C."
#: A new id "resembles" a dropped Phase 5 id above this similarity of functional descriptions.  0.6
#: finds G0100 after R0100 (same text plus the transit language) and no unrelated pair; C0409/C0412, which
#: extend C0403/C0404 with CL289, score below it because most of their text is new.
RESEMBLES = 0.6
RULE_ID = re.compile(r"^[BCEGRS]\d{4}$")
CODE_LIST = re.compile(r"^CL\d{3}$")


# --- text normalisation ---------------------------------------------------------------------------


class _TextOnly(HTMLParser):
    """Collects the text of an HTML fragment; ``<br>`` becomes a line break."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def strip_markup(fragment: str) -> str:
    """The text of *fragment* with tags removed and entities decoded (``&lt;`` → ``<``)."""
    parser = _TextOnly()
    parser.feed(fragment)
    parser.close()
    return html.unescape("".join(parser.parts))


def clean(fragment: str) -> str:
    """The publication-independent text: markup gone, every run of whitespace one space."""
    return " ".join(strip_markup(fragment).replace("\xa0", " ").split())


_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": "'", "\u201d": "'", '"': "'", "`": "'"})
_DASHES = str.maketrans({"\u2013": "-", "\u2014": "-"})
#: Words the DDNTA uses interchangeably ("... must not contain" / "... shall not contain").
_SYNONYMS = ((re.compile(r"\bmust\b"), "shall"), (re.compile(r"\bare\b"), "is"))
#: Misprints of 5.15.2 that 6.4.1 corrects, each checked by reading both texts.
_MISPRINTS = (
    ("aythority", "authority"),
    ("it's", "its"),
    ("eos ((economic", "eos (economic"),
    ("identifier in in ", "identifier in "),
)
_CL_NAME = re.compile(r"(cl\d{3})\s*\([a-z0-9_ ]+\)")
#: A quoted code followed by its meaning in words: '0' (zero), 'N830' (Goods declaration for exportation).
_CODE_GLOSS = re.compile(r"('[^']*')\s*\(?(?:zero|zero value|[a-z ]+ for [a-z ]+)\)")
_DROPPED = re.compile(r"[\s<>.,;:]")


def loose(text: str) -> str:
    """*text* with the spelling that cannot change a rule's meaning normalised away.

    Case, quote and dash characters, doubled quotes, whitespace (also inside XPaths and data
    group names), the ``<``/``>`` around data item names, the punctuation ``.,;:``, a code list's
    name in brackets after its number, a code's meaning in words after it, the synonyms
    ``must``/``shall`` and ``are``/``is``, and the misprints listed in ``_MISPRINTS``.
    """
    text = text.translate(_QUOTES).translate(_DASHES).casefold().replace("''", "'")
    for wrong, right in _MISPRINTS:
        text = text.replace(wrong, right)
    for pattern, word in _SYNONYMS:
        text = pattern.sub(word, text)
    text = _CL_NAME.sub(r"\1", text)
    text = _CODE_GLOSS.sub(r"\1", text)
    return _DROPPED.sub("", text)


def loose_clauses(text: str) -> tuple[str, ...]:
    """The ``;``-separated statements of *text*, each :func:`loose`, in sorted order.

    A rule's statements separated by ``;`` all hold together, so their order carries no meaning
    (R0506 lists the same three in a different order in 6.4.1).
    """
    return tuple(sorted(loose(part) for part in text.split(";")))


def compare_text(old: str, new: str) -> str:
    """``same``, ``reworded`` or ``changed``: how one description moved from Phase 5 to Phase 6."""
    if old == new:
        return "same"
    if loose(old) == loose(new) or loose_clauses(old) == loose_clauses(new):
        return "reworded"
    return "changed"


_CLAUSE = re.compile(r"\s+(?=(?:IF|THEN|ELSE|AND IF|OR IF)\b)|(?<=;)\s+|(?<=\.)\s+(?=[A-Z<])")


def clauses(text: str) -> list[str]:
    """*text* cut at IF/THEN/ELSE and sentence ends: lines that do not depend on the PDF's wrapping."""
    return [part.strip() for part in _CLAUSE.split(text) if part.strip()]


def word_diff(old: str, new: str, context: int = 3) -> str:
    """A compact word-level diff: ``[-removed-]{+added+}`` with *context* words either side."""
    a, b = old.split(), new.split()
    ops = difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes()
    out: list[str] = []
    for n, (tag, i1, i2, j1, j2) in enumerate(ops):
        if tag == "equal":
            words = a[i1:i2]
            head = words[:context] if n > 0 else []
            tail = words[-context:] if n < len(ops) - 1 else []
            out.extend(words if len(words) <= len(head) + len(tail) else [*head, "…", *tail])
            continue
        if i2 > i1:
            out.append("[-" + " ".join(a[i1:i2]) + "-]")
        if j2 > j1:
            out.append("{+" + " ".join(b[j1:j2]) + "+}")
    return " ".join(word for word in out if word)


def clause_diff(old: str, new: str) -> list[str]:
    """The clauses only in Phase 5 (``- ``) or only in Phase 6 (``+ ``); clauses :func:`loose`-equal are skipped."""
    a, b = clauses(old), clauses(new)
    matcher = difflib.SequenceMatcher(a=[loose(x) for x in a], b=[loose(x) for x in b], autojunk=False)
    lines: list[str] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            lines.extend(f"- {x}" for x in a[i1:i2])
            lines.extend(f"+ {x}" for x in b[j1:j2])
    return lines


# --- the published texts --------------------------------------------------------------------------


@dataclass(frozen=True)
class RuleText:
    """One rule's descriptions as published, whitespace and markup normalised."""

    functional: str
    technical: str


_SECTION = re.compile(r"^## ([A-Z]\d{4})\s*$", re.MULTILINE)


def parse_rules(folder: Path) -> dict[str, RuleText]:
    """Every rule of ``rules_*.md`` in *folder*: id → functional and technical description."""
    rules: dict[str, RuleText] = {}
    for path in sorted(folder.glob("rules_*.md")):
        text = path.read_text(encoding="utf-8")
        heads = list(_SECTION.finditer(text))
        for head, after in zip(heads, [*heads[1:], None], strict=True):
            body = text[head.end() : after.start() if after else len(text)]
            functional, technical = _split_body(body, f"{path.name} {head.group(1)}")
            rule_id = head.group(1)
            if rule_id in rules and rules[rule_id] != RuleText(functional, technical):
                raise ValueError(f"{path}: {rule_id} published twice with different texts")
            rules[rule_id] = RuleText(functional, technical)
    return rules


def _split_body(body: str, where: str) -> tuple[str, str]:
    marker_f, marker_t = "**Functional Description**", "**Technical Description**"
    if marker_f not in body or marker_t not in body:
        raise ValueError(f"{where}: no functional/technical description headings")
    _, _, rest = body.partition(marker_f)
    functional, _, technical = rest.partition(marker_t)
    return clean(functional), clean(technical)


@dataclass(frozen=True)
class Row:
    """One data group or data item of a message table."""

    path: str
    code_lists: tuple[str, ...]
    rules: tuple[str, ...]


class _TableRows(HTMLParser):
    """The cells of each ``<tr>``: text per cell, and whether the first cell is bold (a data group)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[tuple[list[str], bool]] = []
        self._cells: list[str] | None = None
        self._cell: list[str] | None = None
        self._bold = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "tr":
            self._cells, self._bold = [], False
        elif tag == "td" and self._cells is not None:
            self._cell = []
        elif tag == "strong" and self._cells == [] and self._cell is not None:
            self._bold = True
        elif tag == "br" and self._cell is not None:
            self._cell.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag == "td" and self._cells is not None and self._cell is not None:
            self._cells.append("".join(self._cell))
            self._cell = None
        elif tag == "tr" and self._cells is not None:
            if self._cells:
                self.rows.append((self._cells, self._bold))
            self._cells = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def parse_table(path: Path) -> list[Row]:
    """The rows of one ``IE0NN_table.md``, each with its DDNTA path (``GROUP-GROUP.Item``).

    The first cell's ``- `` prefixes give the depth; bold names are data groups.  Paths use the
    notation of the functional descriptions, so a reader can match them by eye.
    """
    parser = _TableRows()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    rows: list[Row] = []
    groups: list[str] = []
    for cells, is_group in parser.rows:
        if len(cells) != 5:
            raise ValueError(f"{path}: a table row has {len(cells)} cells, expected 5: {cells!r}")
        raw = cells[0].replace("\xa0", " ")
        depth = 0
        while raw.lstrip().startswith("-"):
            raw = raw.lstrip()[1:]
            depth += 1
        name = " ".join(raw.split())
        if is_group:
            groups = [*groups[:depth], name]
            parts = groups
        else:
            parts = groups[:depth]
        if len(parts) > 1 and parts[0] == "MESSAGE":
            parts = parts[1:]  # the descriptions name groups without the message root
        row_path = "-".join(parts) if is_group else "-".join(parts) + "." + name
        tokens_cl = tuple(t for t in cells[3].split() if t.strip())
        tokens_rules = tuple(t for t in cells[4].split() if t.strip())
        for token in tokens_cl:
            if not CODE_LIST.match(token):
                raise ValueError(f"{path}: {row_path}: unexpected code list cell {token!r}")
        for token in tokens_rules:
            if not RULE_ID.match(token):
                raise ValueError(f"{path}: {row_path}: unexpected rule cell {token!r}")
        rows.append(Row(row_path, tokens_cl, tokens_rules))
    if not rows:
        raise ValueError(f"{path}: no table rows found")
    return rows


def places(rows: list[Row]) -> dict[str, tuple[str, ...]]:
    """Rule id → the table paths naming it, in table order."""
    found: dict[str, list[str]] = {}
    for row in rows:
        for rule_id in row.rules:
            found.setdefault(rule_id, []).append(row.path)
    return {rule_id: tuple(paths) for rule_id, paths in found.items()}


# --- the comparison -------------------------------------------------------------------------------


@dataclass
class Comparison:
    """Everything the two outputs show, built once from the reference texts and ncts5's catalogue."""

    rules: dict[str, dict[str, Any]] = field(default_factory=dict)
    dropped: dict[str, dict[str, Any]] = field(default_factory=dict)
    code_lists: dict[str, dict[str, Any]] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)


def p5_statuses() -> dict[str, str]:
    """Rule id → its status in ncts5's Phase 5 catalogue (``implemented``, ``reference-data``, ``not-checkable``)."""
    sys.path.insert(0, str(ROOT / "src"))
    from ncts5.rules.registry import registry

    return {rule_id: rule.status for rule_id, rule in registry().items() if "P5" in rule.releases}


def _places_of(folder: Path) -> dict[str, dict[str, tuple[str, ...]]]:
    return {message: places(parse_table(folder / f"{message}_table.md")) for message in MESSAGES}


def _code_lists_of(folder: Path) -> dict[str, dict[str, list[str]]]:
    """Code list → message → the table paths that use it."""
    found: dict[str, dict[str, list[str]]] = {}
    for message in MESSAGES:
        for row in parse_table(folder / f"{message}_table.md"):
            for number in row.code_lists:
                found.setdefault(number, {}).setdefault(message, []).append(row.path)
    return found


def _list_names(folder: Path) -> dict[str, str]:
    with (folder / "code_lists.csv").open(encoding="utf-8", newline="") as handle:
        return {row["Code List"]: row["Title"] for row in csv.DictReader(handle)}


def _production_lists() -> dict[str, str]:
    """CL number → entity name of every list the Phase 6 overview has in production."""
    with OVERVIEW.open(encoding="utf-8", newline="") as handle:
        return {
            row["CL_NUMBER"]: row["ENTITY_NAME"]
            for row in csv.DictReader(handle)
            if row["ENVIRONMENT"] == "PROD" and row["APPLICABILITY"] == "NCTS-P6"
        }


def _packaged_lists() -> dict[str, str]:
    """CL number → how ncts5 packages it: ``list`` or ``offices`` (official payload), ``built-in`` (its own file)."""
    official = json.loads(OFFICIAL.read_text(encoding="utf-8"))
    packaged = dict.fromkeys(official["lists"], "list")
    packaged.update(dict.fromkeys(official["offices"]["counts"], "offices"))
    for path in OFFICIAL.parent.glob("CL*.json"):
        packaged.setdefault(path.stem, "built-in")
    return packaged


def compare() -> Comparison:
    """Classify every id of the Phase 6 IE015/IE170 tables and compare the code lists they use."""
    texts5, texts6 = parse_rules(P5_DIR), parse_rules(P6_DIR)
    places5, places6 = _places_of(P5_DIR), _places_of(P6_DIR)
    statuses = p5_statuses()
    ids6 = sorted({rule_id for table in places6.values() for rule_id in table})
    ids5 = sorted({rule_id for table in places5.values() for rule_id in table})
    result = Comparison()
    for rule_id in ids6:
        if rule_id not in texts6:
            raise ValueError(f"{rule_id} is referenced by a Phase 6 table but has no text in {P6_DIR}")
        entry: dict[str, Any] = {
            "kind": rule_id[0],
            "p5_status": statuses.get(rule_id, "absent"),
            "places": {m: list(places6[m][rule_id]) for m in MESSAGES if rule_id in places6[m]},
        }
        old, new = texts5.get(rule_id), texts6[rule_id]
        if old is None:
            entry["class"] = "new"
            entry["functional"] = new.functional
            resembles = {
                other: round(
                    difflib.SequenceMatcher(a=texts5[other].functional, b=new.functional, autojunk=False).ratio(), 3
                )
                for other in ids5
                if other not in texts6
            }
            close = sorted(
                (other for other, ratio in resembles.items() if ratio >= RESEMBLES), key=resembles.__getitem__
            )
            if close:
                # Information for the reader, not a class: a dropped Phase 5 id whose text this one continues.
                entry["resembles"] = {other: resembles[other] for other in close}
        else:
            functional = compare_text(old.functional, new.functional)
            technical = compare_text(old.technical, new.technical)
            entry["functional"], entry["technical"] = functional, technical
            entry["class"] = (
                "changed"
                if "changed" in (functional, technical)
                else max(functional, technical, key=("same", "reworded").index)
            )
            if functional != "same":
                entry["functional_diff"] = word_diff(old.functional, new.functional)
                entry["similarity"] = round(
                    difflib.SequenceMatcher(a=old.functional, b=new.functional, autojunk=False).ratio(), 3
                )
            if functional == "changed":
                entry["functional_clauses"] = clause_diff(old.functional, new.functional)
            if technical == "changed":
                entry["technical_clauses"] = clause_diff(old.technical, new.technical)
        note = NOTES.get(rule_id)
        if note is None and old is not None and "CCA1" in new.functional and "CCA1" not in old.functional:
            note = CCA_NOTE
        if note:
            entry["note"] = note
        moved = {}
        for message in MESSAGES:
            before, after = set(places5[message].get(rule_id, ())), set(places6[message].get(rule_id, ()))
            if rule_id in places5[message] and before != after:
                moved[message] = {"added": sorted(after - before), "removed": sorted(before - after)}
        if moved:
            entry["places_changed"] = moved
        result.rules[rule_id] = entry
    for rule_id in ids5:
        if rule_id not in places6["IE015"] and rule_id not in places6["IE170"]:
            result.dropped[rule_id] = {
                "kind": rule_id[0],
                "p5_status": statuses.get(rule_id, "absent"),
                "in_p6_texts": rule_id in texts6,
                "places_p5": {m: list(places5[m][rule_id]) for m in MESSAGES if rule_id in places5[m]},
            }
    result.code_lists = _compare_code_lists(
        _named_lists({i: texts5[i] for i in ids5}), _named_lists({i: texts6[i] for i in ids6})
    )
    counts = {name: 0 for name in CLASSES}
    for entry in result.rules.values():
        counts[entry["class"]] += 1
    counts["dropped"] = len(result.dropped)
    counts["p6_ids"] = len(ids6)
    counts["p5_ids"] = len(ids5)
    counts["shared_ids"] = len(set(ids6) & set(texts5))
    counts["places_changed"] = sum(1 for entry in result.rules.values() if "places_changed" in entry)
    result.counts = counts
    return result


_CL_REF = re.compile(r"\bCL\d{3}\b")


def _named_lists(texts: dict[str, RuleText]) -> dict[str, list[str]]:
    """Code list → the rule ids whose description names it (C0409 names CL289, which no table cell does)."""
    found: dict[str, set[str]] = {}
    for rule_id, text in texts.items():
        for number in _CL_REF.findall(text.functional + " " + text.technical):
            found.setdefault(number, set()).add(rule_id)
    return {number: sorted(ids) for number, ids in found.items()}


def _compare_code_lists(named5: dict[str, list[str]], named6: dict[str, list[str]]) -> dict[str, dict[str, Any]]:
    """Every list the IE015/IE170 tables or their rules name, in either release, with how ncts5 has it."""
    used5, used6 = _code_lists_of(P5_DIR), _code_lists_of(P6_DIR)
    names5, names6 = _list_names(P5_DIR), _list_names(P6_DIR)
    production, packaged = _production_lists(), _packaged_lists()
    lists: dict[str, dict[str, Any]] = {}
    for number in sorted(set(used5) | set(used6) | set(named5) | set(named6)):
        entry: dict[str, Any] = {
            "name": names6.get(number) or names5.get(number) or production.get(number, ""),
            "p5_rules": named5.get(number, []),
            "p6_rules": named6.get(number, []),
            "p5_tables": sorted(used5.get(number, {})),
            "p6_tables": sorted(used6.get(number, {})),
            "packaged": packaged.get(number, "no"),
            "p6_production": number in production,
        }
        if number in production and production[number] != entry["name"]:
            entry["p6_production_name"] = production[number]
        if number in names5 and number in names6 and names5[number] != names6[number]:
            entry["p5_name"] = names5[number]
        for message in MESSAGES:
            before = set(used5.get(number, {}).get(message, ()))
            after = set(used6.get(number, {}).get(message, ()))
            if before and after and before != after:
                entry.setdefault("places_changed", {})[message] = {
                    "added": sorted(after - before),
                    "removed": sorted(before - after),
                }
        lists[number] = entry
    return lists


# --- the outputs ----------------------------------------------------------------------------------


def render_json(result: Comparison) -> str:
    """The machine-readable record: compact, sorted keys, one entry per line, no dates."""
    lines = ["{"]
    head = {
        "format": 1,
        "generator": "tools/compare_ddnta.py",
        "sources": {"5": "DDNTA Appendix Q2 5.15.2", "6": "DDNTA Appendix Q2 6.4.1", "messages": list(MESSAGES)},
        "counts": result.counts,
    }
    for key, value in head.items():
        lines.append(f"  {json.dumps(key)}: {json.dumps(value, sort_keys=True, ensure_ascii=False)},")
    sections = (("rules", result.rules), ("dropped", result.dropped), ("code_lists", result.code_lists))
    for n, (name, entries) in enumerate(sections):
        lines.append(f"  {json.dumps(name)}: {{")
        keys = sorted(entries)
        for i, key in enumerate(keys):
            comma = "," if i < len(keys) - 1 else ""
            value = json.dumps(entries[key], sort_keys=True, ensure_ascii=False)
            lines.append(f"    {json.dumps(key)}: {value}{comma}")
        lines.append("  }" + ("," if n < len(sections) - 1 else ""))
    lines.append("}")
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    """*text* safe inside a Markdown table cell (``<DATA ITEM>`` would be read as an HTML tag)."""
    return html.escape(text, quote=False).replace("|", "&#124;").replace("\n", "<br>")


def _where(entry_places: dict[str, list[str]], limit: int = 3) -> str:
    parts: list[str] = []
    for message, paths in sorted(entry_places.items()):
        shown = "; ".join(paths[:limit]) + (f"; +{len(paths) - limit} more" if len(paths) > limit else "")
        parts.append(f"{message}: {shown}")
    return _cell("\n".join(parts))


def _moved(entry: dict[str, Any]) -> str:
    parts: list[str] = []
    for message, change in sorted(entry.get("places_changed", {}).items()):
        for sign, key in (("+", "added"), ("-", "removed")):
            parts.extend(f"{message} {sign} {path}" for path in change[key])
    return _cell("\n".join(parts))


def render_markdown(result: Comparison) -> str:
    """The human document: counts, how the classes are decided, then one table per class."""
    c = result.counts
    out = [
        "# Phase 6 rules beside Phase 5 (IE015, IE170)",
        "",
        "Generated by `python tools/compare_ddnta.py` from DDNTA Appendix Q2 5.15.2 (`../shared/reference/ddnta-q2`)",
        "and 6.4.1 (`../shared/reference/ddnta-q2-p6`) and ncts5's Phase 5 rule catalogue; do not edit by hand",
        "(`--check` fails when it is stale). The same facts, for code, are in `src/ncts5/rules/phase6.json`.",
        "",
        f"The Phase 6 IE015 and IE170 tables reference **{c['p6_ids']}** rule ids, **{c['shared_ids']}** of them",
        f"also published in Phase 5. The Phase 5 tables referenced {c['p5_ids']}.",
        "",
        "| class | ids | meaning |",
        "|---|---:|---|",
        f"| same | {c['same']} | functional and technical description identical (markup, entities, whitespace aside) |",
        f"| reworded | {c['reworded']} | identical after normalising spelling that carries no meaning (below) |",
        f"| changed | {c['changed']} | the text differs beyond that: read the clauses, decide the check |",
        f"| new | {c['new']} | not in Phase 5 |",
        f"| dropped | {c['dropped']} | in the Phase 5 IE015/IE170 tables, not in Phase 6's |",
        "",
        f"{c['places_changed']} shared ids are named by a different set of table fields in Phase 6",
        "(column *fields*, or the note of a changed rule).",
        "",
        "**Reworded** means equal after: case; quote and dash characters; doubled quotes; all whitespace",
        "(also inside XPaths and data group names); `<` `>` around data items; the punctuation `. , ; :`; a code",
        "list's name in brackets after its number; a code's meaning in words after it (`'0' (zero)`); `must`/`shall`,",
        "`are`/`is`; a few misprints 6.4.1 corrects (`aythority`, `it's`, `((`, `in in`); or the same `;`-separated",
        "statements in another order. No similarity ratio decides a class: a change of meaning here is often one",
        "token (`{1,2,3}` → `'2'`), which any ratio that accepts rewording accepts too; the ratio is in the JSON.",
        "Diffs show `[-Phase 5-]{+Phase 6+}`; *P5 status* is the id's status in ncts5's Phase 5 catalogue.",
        "",
    ]
    for name in ("changed", "new", "reworded", "same"):
        ids = sorted(rule_id for rule_id, e in result.rules.items() if e["class"] == name)
        out += [f"## {name} ({len(ids)})", ""]
        if name == "changed":
            out += [
                "| id | kind | P5 status | where (Phase 6) | functional: differing clauses | technical | note |",
                "|---|---|---|---|---|---|---|",
            ]
        elif name == "new":
            out += ["| id | kind | where (Phase 6) | functional description |", "|---|---|---|---|"]
        elif name == "reworded":
            out += [
                "| id | kind | P5 status | where (Phase 6) | functional diff | fields |",
                "|---|---|---|---|---|---|",
            ]
        else:
            out += ["| id | kind | P5 status | where (Phase 6) | fields |", "|---|---|---|---|---|"]
        for rule_id in ids:
            e = result.rules[rule_id]
            kind = KIND_NAMES[e["kind"]]
            where = _where(e["places"])
            if name == "changed":
                clauses_ = _cell("\n".join(e.get("functional_clauses", [])) or "(functional reworded only)")
                tech = e["technical"]
                note = _cell(e.get("note", ""))
                moved = _moved(e)
                if moved:
                    note = f"{note}<br>fields: {moved}" if note else f"fields: {moved}"
                out.append(f"| {rule_id} | {kind} | {e['p5_status']} | {where} | {clauses_} | {tech} | {note} |")
            elif name == "new":
                close = e.get("resembles", {})
                lead = ", ".join(f"{other} ({ratio})" for other, ratio in sorted(close.items()))
                text = (f"resembles dropped {lead}: " if lead else "") + e["functional"]
                out.append(f"| {rule_id} | {kind} | {where} | {_cell(text)} |")
            elif name == "reworded":
                diff = _cell(e.get("functional_diff", "(technical description only)"))
                out.append(f"| {rule_id} | {kind} | {e['p5_status']} | {where} | {diff} | {_moved(e)} |")
            else:
                out.append(f"| {rule_id} | {kind} | {e['p5_status']} | {where} | {_moved(e)} |")
        out.append("")
    out += [
        f"## dropped ({c['dropped']})",
        "",
        "| id | kind | P5 status | still in 6.4.1 texts | where (Phase 5) |",
        "|---|---|---|---|---|",
    ]
    for rule_id, e in sorted(result.dropped.items()):
        in_texts = "yes" if e["in_p6_texts"] else "no"
        out.append(
            f"| {rule_id} | {KIND_NAMES[e['kind']]} | {e['p5_status']} | {in_texts} | {_where(e['places_p5'])} |"
        )
    out += [
        "",
        "## Code lists",
        "",
        "Lists the IE015/IE170 tables use, or their rules name. *packaged*: how ncts5 ships it (`list`/`offices`",
        "from the official Phase 5 payload, `built-in` its own file, `no`); *P6 production*: listed in",
        "`CodeListOverview-2025-07-01-PROD.csv`.",
        "",
        "| list | name | Phase 5 tables | Phase 6 tables | packaged | P6 production | fields changed |",
        "|---|---|---|---|---|---|---|",
    ]
    for number, e in sorted(result.code_lists.items()):
        name = e["name"] + (f" (P5: {e['p5_name']})" if "p5_name" in e else "")
        name += f" (overview: {e['p6_production_name']})" if "p6_production_name" in e else ""
        prod = "yes" if e["p6_production"] else "no"
        out.append(
            f"| {number} | {_cell(name)} | {', '.join(e['p5_tables']) or '-'} | {', '.join(e['p6_tables']) or '-'} "
            f"| {', '.join(e['p6_rules']) or '-'} | {e['packaged']} | {prod} | {_moved(e)} |"
        )
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--check", action="store_true", help="exit 1 if the outputs are out of date")
    args = parser.parse_args(argv)
    if not P5_DIR.is_dir() or not P6_DIR.is_dir():
        print(f"compare_ddnta: reference material missing: {P5_DIR} and {P6_DIR} are needed", file=sys.stderr)
        return 2
    result = compare()
    outputs = {DOC: render_markdown(result), DATA: render_json(result)}
    stale = [path for path, text in outputs.items() if not path.is_file() or path.read_text(encoding="utf-8") != text]
    if args.check:
        for path in stale:
            print(f"{path.relative_to(ROOT)} is out of date: run python tools/compare_ddnta.py", file=sys.stderr)
        return 1 if stale else 0
    for path in stale:
        path.write_text(outputs[path], encoding="utf-8")
        print(f"wrote {path.relative_to(ROOT)}")
    print(", ".join(f"{key} {value}" for key, value in result.counts.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
