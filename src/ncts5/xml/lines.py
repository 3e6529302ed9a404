"""Where a finding is in its source file: the line of the element its XML path names.

Findings name places by XML path (``/CC015C/Guarantee[1]/GRN``); CI tools want lines.
The reader does not record lines while building models (that would cost every read, valid or
not); instead the paths of the findings are resolved against the parsed tree, only when there
are findings.  A path to a missing element resolves to its nearest existing ancestor; an
attribute path to its element.  lxml knows the line of each element, not its column.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from lxml import etree

from ncts5.report import Finding

_STEP = re.compile(r"([A-Za-z_][\w.-]*)(?:\[(\d+)\])?")


class Locator:
    """Resolves XML paths against one parsed document; children are indexed once per parent."""

    def __init__(self, root: etree._Element) -> None:
        self.root = root
        self._elements: dict[str, etree._Element] = {}
        self._children: dict[etree._Element, dict[str, list[etree._Element]]] = {}

    def element(self, path: str) -> etree._Element | None:
        """The element ``path`` names, or its nearest existing ancestor; None for a path not in this document."""
        steps = path.strip("/").split("/")
        if not steps or etree.QName(self.root).localname != steps[0]:
            return None
        el = self.root
        prefix = "/" + steps[0]
        for step in steps[1:]:
            prefix += "/" + step
            known = self._elements.get(prefix)
            if known is not None:
                el = known
                continue
            match = _STEP.fullmatch(step)  # an attribute (@name) or an unknown namespaced element stops here
            if match is None:
                break
            siblings = self._by_tag(el).get(match[1], ())
            n = int(match[2] or 1)
            if not 1 <= n <= len(siblings):
                break
            el = self._elements[prefix] = siblings[n - 1]
        return el

    def line(self, path: str) -> int | None:
        el = self.element(path)
        return el.sourceline if el is not None else None

    def _by_tag(self, el: etree._Element) -> dict[str, list[etree._Element]]:
        index = self._children.get(el)
        if index is None:
            index = self._children[el] = {}
            for child in el:
                if isinstance(child.tag, str):
                    index.setdefault(child.tag, []).append(child)
        return index


def with_lines(findings: Iterable[Finding], root: etree._Element) -> list[Finding]:
    """``findings`` with the line of their path in ``root``'s document (those that know theirs keep it)."""
    locator = Locator(root)
    out = []
    for f in findings:
        line = f.line if f.line is not None else locator.line(f.path)
        out.append(f if line == f.line else replace(f, line=line))
    return out


__all__ = ["Locator", "with_lines"]
