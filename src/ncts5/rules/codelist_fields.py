"""Code list checks: every coded field against its list, on the decisive date.

Most coded fields are not constrained by the XSD; customs rejects a value
outside the current list with functional error code 12.  Findings use the code
list id as their rule (``CL251``) so users can disable a list like a rule.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

from ncts5.messages.facets import to_text
from ncts5.messages.meta import Child, XmlModel
from ncts5.report import Finding, NotChecked, Severity
from ncts5.rules.context import routes

if TYPE_CHECKING:
    from ncts5.codelists.model import CheckResult
    from ncts5.rules.context import Context
    from ncts5.rules.options import Options


@cache
def _plan(cls: type[XmlModel]) -> tuple[tuple[str, bool, bool, Child], ...]:
    """What the document-order walk visits in ``cls``: coded fields, and data groups holding some below.

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


@cache
def _coded_fields(cls: type[XmlModel]) -> tuple[Child, ...]:
    """The coded fields of ``cls`` itself."""
    return tuple(c for c in cls.__xml_children__ if c.model is None and c.item.codelist is not None)


def check_codelists(ctx: Context[Any], options: Options) -> tuple[list[Finding], list[NotChecked]]:
    """Every coded field, class by class (each place of a class in document order).

    Findings are sorted by the engine, so their order here does not matter.  Which value's reason a
    list's *not checked* entry gives does: the first in document order.  When one list has values
    with different reasons, the document-order walk decides (:func:`_first_not_checked`).
    """
    findings: list[Finding] = []
    reasons: dict[str, set[str]] = {}
    disabled = options.disable
    check = ctx.code_check
    message_class: type[XmlModel] = type(ctx.message)
    for cls, places in routes(message_class).items():
        coded = [c for c in _coded_fields(cls) if c.item.codelist not in disabled]
        if not coded:
            continue
        for route in places:
            models = ctx.instances_at(route)
            for child in coded:
                field, repeated, list_id = child.field, child.repeated, child.item.codelist or ""
                for position, model in enumerate(models):
                    value = getattr(model, field)
                    if value is None or (repeated and not value):
                        continue
                    for v in value if repeated else (value,):
                        text = v if type(v) is str else to_text(v)
                        result = check(list_id, text)
                        status = result.status
                        if status == "invalid":
                            where = ctx.located(route)[position][1]
                            findings.append(_finding(child, where, text, result, options))
                        elif status == "not-checked":
                            reasons.setdefault(list_id, set()).add(result.reason)
    if any(len(r) > 1 for r in reasons.values()):
        return findings, _first_not_checked(ctx, options)
    return findings, [NotChecked(list_id, next(iter(r))) for list_id, r in reasons.items()]


def _finding(child: Child, where: str, text: str, result: CheckResult, options: Options) -> Finding:
    list_id = child.item.codelist or ""
    allowed = result.allowed
    hint = f"; allowed: {', '.join(allowed)}" if allowed else ""
    why = f": {result.detail}" if result.detail else ""
    msg = f"{text!r} is not a valid {child.item.description} code (code list {list_id}){why}{hint}"
    severity: Severity = "warning" if list_id in options.warn else "error"
    sep = "/@" if child.item.attribute else "/"
    return Finding(list_id, severity, f"{where}{sep}{child.xml_name}", child.item.data_element, msg, 12, text)


def _first_not_checked(ctx: Context[Any], options: Options) -> list[NotChecked]:
    """For each list, the reason of its first not-checked value in document order."""
    unchecked: dict[str, NotChecked] = {}
    disabled = options.disable
    check = ctx.code_check

    def walk(model: XmlModel) -> None:
        for field, repeated, group, child in _plan(type(model)):
            value = getattr(model, field)
            if value is None or (repeated and not value):
                continue
            if group:
                for v in value if repeated else (value,):
                    walk(v)
                continue
            list_id = child.item.codelist or ""
            if list_id in disabled or list_id in unchecked:
                continue
            for v in value if repeated else (value,):
                result = check(list_id, v if type(v) is str else to_text(v))
                if result.status == "not-checked" and list_id not in unchecked:
                    unchecked[list_id] = NotChecked(list_id, result.reason)

    walk(ctx.message)
    return list(unchecked.values())
