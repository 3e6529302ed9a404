"""Code list checks: every coded field against its list, on the decisive date.

Most coded fields are not constrained by the XSD; customs rejects a value
outside the current list with functional error code 12.  Findings use the code
list id as their rule (``CL251``) so users can disable a list like a rule.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ncts5.messages.facets import to_text
from ncts5.messages.meta import XmlModel
from ncts5.report import Finding, NotChecked

if TYPE_CHECKING:
    from ncts5.rules.context import Context
    from ncts5.rules.engine import Options


def check_codelists(ctx: Context, options: Options) -> tuple[list[Finding], list[NotChecked]]:
    from ncts5 import codelists

    findings: list[Finding] = []
    unchecked: dict[str, NotChecked] = {}
    cache: dict[tuple[str, str], object] = {}

    def walk(model: XmlModel, path: str) -> None:
        for child in type(model).__xml_children__:
            value = getattr(model, child.field)
            if value is None or (child.repeated and not value):
                continue
            if child.model is not None:
                if child.repeated:
                    for i, v in enumerate(value, 1):
                        walk(v, f"{path}/{child.xml_name}[{i}]")
                else:
                    walk(value, f"{path}/{child.xml_name}")
                continue
            list_id = child.item.codelist
            if list_id is None or list_id in options.disable:
                continue
            sep = "/@" if child.item.attribute else "/"
            for v in value if child.repeated else (value,):
                text = to_text(v)
                key = (list_id, text)
                result = cache.get(key)
                if result is None:
                    result = cache[key] = codelists.check(list_id, text, on=ctx.decisive_date)
                status = result.status  # type: ignore[attr-defined]
                if status == "invalid":
                    allowed = result.allowed  # type: ignore[attr-defined]
                    hint = f"; allowed: {', '.join(allowed)}" if allowed else ""
                    name = child.item.description
                    msg = f"{text!r} is not a valid {name} code (code list {list_id}){hint}"
                    severity = "warning" if list_id in options.warn else "error"
                    where = f"{path}{sep}{child.xml_name}"
                    findings.append(Finding(list_id, severity, where, child.item.data_element, msg, 12, text))
                elif status == "not-checked" and list_id not in unchecked:
                    unchecked[list_id] = NotChecked(list_id, result.reason)  # type: ignore[attr-defined]

    walk(ctx.message, f"/{ctx.name}")
    return findings, list(unchecked.values())
