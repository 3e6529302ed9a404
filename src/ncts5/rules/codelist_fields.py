"""Code list checks: every coded field against its list, on the decisive date.

Most coded fields are not constrained by the XSD; customs rejects a value
outside the current list with functional error code 12.  Findings use the code
list id as their rule (``CL251``) so users can disable a list like a rule.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from ncts5.messages.facets import to_text
from ncts5.messages.meta import Child, XmlModel
from ncts5.report import Finding, NotChecked

if TYPE_CHECKING:
    from ncts5.rules.context import Context
    from ncts5.rules.engine import Options


@cache
def _plan(cls: type[XmlModel]) -> tuple[tuple[str, bool, bool, Child], ...]:
    """What the walk visits in ``cls``, in order: coded fields, and data groups holding some below.

    Each entry is (field, repeated, data group?, child).
    """
    return tuple(
        (c.field, c.repeated, c.model is not None, c)
        for c in cls.__xml_children__
        if (c.item.codelist is not None if c.model is None else _coded(c.model))
    )


@cache
def _coded(cls: type[XmlModel]) -> bool:
    """Whether ``cls`` or a data group below it has a coded field."""
    return bool(_plan(cls))


# A place in the message, kept as (parent, element name, 1-based index or None) until a finding needs
# its text: most values are valid, so most paths would never be read.
Place = tuple["Place | None", str, int | None]


def _path(root: str, place: Place | None) -> str:
    parts = []
    while place is not None:
        place, name, index = place
        parts.append(name if index is None else f"{name}[{index}]")
    return f"/{root}" + "".join(f"/{p}" for p in reversed(parts))


def check_codelists(ctx: Context, options: Options) -> tuple[list[Finding], list[NotChecked]]:
    findings: list[Finding] = []
    unchecked: dict[str, NotChecked] = {}
    disabled = options.disable
    check = ctx.code_check

    def walk(model: XmlModel, place: Place | None) -> None:
        for field, repeated, group, child in _plan(type(model)):
            value = getattr(model, field)
            if value is None or (repeated and not value):
                continue
            if group:
                if repeated:
                    name = child.xml_name
                    for i, v in enumerate(value, 1):
                        walk(v, (place, name, i))
                else:
                    walk(value, (place, child.xml_name, None))
                continue
            list_id = child.item.codelist
            if list_id in disabled:
                continue
            for v in value if repeated else (value,):
                text = v if type(v) is str else to_text(v)
                result = check(list_id, text)
                status = result.status
                if status == "invalid":
                    allowed = result.allowed
                    hint = f"; allowed: {', '.join(allowed)}" if allowed else ""
                    name = child.item.description
                    msg = f"{text!r} is not a valid {name} code (code list {list_id}){hint}"
                    severity = "warning" if list_id in options.warn else "error"
                    sep = "/@" if child.item.attribute else "/"
                    where = f"{_path(ctx.name, place)}{sep}{child.xml_name}"
                    findings.append(Finding(list_id, severity, where, child.item.data_element, msg, 12, text))
                elif status == "not-checked" and list_id not in unchecked:
                    unchecked[list_id] = NotChecked(list_id, result.reason)

    walk(ctx.message, None)
    return findings, list(unchecked.values())
