"""Technical rules (E1102..E1407): the shorter formats and smaller multiplicities of the transition period.

While the decisive date is on or before TPendDate, customs still convert every
IE015 into the older phase-4 message, whose fields are shorter and whose data
groups repeat less.  Each rule here names a maximum format or multiplicity; the
places it applies to are the ones the IE015 table attaches the rule to (read
from the generated models), so a check never spells an XML path by hand.
All of them run only in the transition phase and report error code 50
(transitional constraint violation).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

from ncts5.messages.meta import XmlModel
from ncts5.rules.context import Context, Outcome
from ncts5.rules.registry import message_places, rule

TP = ("transition",)
TP_CODE = 50
WHEN = "during the transition period"


def places(ctx: Context, rule_id: str) -> Iterator[tuple[XmlModel, str]]:
    """Every (model, field name) of this message that the message table attaches ``rule_id`` to."""
    for path in message_places(type(ctx.message)).get(rule_id, ()):
        steps = path.strip("/").split("/")[1:]
        parents = list(ctx.all("/".join(steps[:-1]))) if len(steps) > 1 else [ctx.message]
        for model in parents:
            child = type(model).__xml_by_name__.get(steps[-1])
            if child is not None:
                yield model, child.field


def _values(model: XmlModel, field: str) -> Iterator[tuple[int | None, Any]]:
    value = getattr(model, field)
    if isinstance(value, list):
        yield from enumerate(value)
    elif value is not None:
        yield None, value


def _format_check(ctx: Context, rule_id: str, fmt: str, problem: Callable[[Any], str | None]) -> Iterator[Outcome]:
    """A finding for every value at the rule's places for which ``problem`` returns a reason."""
    for model, field in places(ctx, rule_id):
        for index, value in _values(model, field):
            reason = problem(value)
            if reason:
                label = ctx.label(model, field)
                yield ctx.violation(model, field, f"{WHEN} {label} has format {fmt}: {reason}", index=index)


def _max_chars(limit: int) -> Callable[[Any], str | None]:
    def problem(value: Any) -> str | None:
        n = len(str(value))
        return f"it has {n} characters, shorten it to at most {limit}" if n > limit else None

    return problem


def _exact_chars(length: int) -> Callable[[Any], str | None]:
    def problem(value: Any) -> str | None:
        n = len(str(value))
        return f"it has {n} characters, exactly {length} are required" if n != length else None

    return problem


def _decimal(total: int, fraction: int) -> Callable[[Any], str | None]:
    """Digits as XSD counts them: trailing zeros after the point do not count."""

    def problem(value: Any) -> str | None:
        _sign, digits, exponent = Decimal(value).normalize().as_tuple()
        assert isinstance(exponent, int)
        decimals = max(0, -exponent)
        n = len(digits) + max(0, exponent)
        if decimals > fraction:
            return f"it has {decimals} decimal places, round it to at most {fraction}"
        if n > total:
            return f"it has {n} digits, at most {total} are allowed"
        return None

    return problem


def _max_digits(limit: int) -> Callable[[Any], str | None]:
    def problem(value: Any) -> str | None:
        n = len(str(abs(int(value))))
        return f"{value} has {n} digits, at most {limit} are allowed" if n > limit else None

    return problem


def _format_rule(rule_id: str, description: str, fmt: str, problem: Callable[[Any], str | None]) -> None:
    def check(ctx: Context) -> Iterator[Outcome]:
        yield from _format_check(ctx, rule_id, fmt, problem)

    check.__name__ = check.__qualname__ = rule_id.lower()
    check.__doc__ = description
    rule(rule_id, description, phases=TP, error_code=TP_CODE)(check)


_format_rule("E1102", "Transition: postcodes have at most 9 characters.", "an..9", _max_chars(9))
_format_rule(
    "E1103", "Transition: transport means identification numbers have at most 27 characters.", "an..27", _max_chars(27)
)
_format_rule(
    "E1104",
    "Transition: party names, streets and document reference numbers have at most 35 characters.",
    "an..35",
    _max_chars(35),
)
_format_rule("E1105", "Transition: shipping marks have at most 42 characters.", "an..42", _max_chars(42))
_format_rule("E1107", "Transition: descriptions of goods have at most 280 characters.", "an..280", _max_chars(280))
_format_rule(
    "E1109",
    "Transition: gross and net masses have at most 11 digits, 3 of them decimals.",
    "n..11,3",
    _decimal(11, 3),
)
_format_rule("E1111", "Transition: numbers of packages have at most 5 digits.", "n..5", _max_digits(5))
_format_rule("E1114", "Transition: the place of loading location has at most 17 characters.", "an..17", _max_chars(17))
_format_rule(
    "E1117",
    "Transition: complements of information on goods item documents have at most 26 characters.",
    "an..26",
    _max_chars(26),
)
_format_rule("E1118", "Transition: guarantee access codes have exactly 4 characters.", "an4", _exact_chars(4))


# ---------------------------------------------------------------------------------------------- levels


def _advice(xml_name: str) -> str:
    """Where the transition period wants a data item that it forbids at consignment or house consignment level."""
    if xml_name in {
        "PreviousDocument",
        "SupportingDocument",
        "TransportDocument",
        "AdditionalReference",
        "AdditionalInformation",
    }:
        return "file it on each goods item (house consignment item) it concerns"
    if xml_name in {"Consignor", "DepartureTransportMeans"}:
        return "file it once for the whole consignment (master level)"
    return "file it for the whole consignment (master level) or on the goods items"


@rule(
    "E1301",
    "Transition: data groups and items that may not be filed at consignment or house consignment level.",
    phases=TP,
    error_code=TP_CODE,
)
def e1301(ctx: Context) -> Iterator[Outcome]:
    for model, field in places(ctx, "E1301"):
        child = next(c for c in type(model).__xml_children__ if c.field == field)
        level = "house consignment" if type(model).__name__ == "HouseConsignment" else "consignment (master)"
        label = ctx.label(model, field)
        for index, _ in _values(model, field):
            yield ctx.violation(
                model,
                field,
                f"{WHEN} {label} may not be filed at {level} level: {_advice(child.xml_name)}",
                index=index,
            )


def _max_occurs(ctx: Context, rule_id: str, limit: int) -> Iterator[Outcome]:
    for model, field in places(ctx, rule_id):
        value = getattr(model, field)
        label = ctx.label(model, field)
        times = "once" if limit == 1 else f"{limit} times"
        for index in range(limit, len(value)):
            yield ctx.violation(
                model,
                field,
                f"{WHEN} {label} may occur at most {times} here: "
                f"remove occurrence {index + 1} or merge it into the first {'one' if limit == 1 else limit}",
                index=index,
            )


@rule("E1401", "Transition: at most 9 previous documents per goods item.", phases=TP, error_code=TP_CODE)
def e1401(ctx: Context) -> Iterator[Outcome]:
    yield from _max_occurs(ctx, "E1401", 9)


@rule(
    "E1406",
    "Transition: only one house consignment, one active border transport means and one dangerous goods entry "
    "per goods item.",
    phases=TP,
    error_code=TP_CODE,
)
def e1406(ctx: Context) -> Iterator[Outcome]:
    yield from _max_occurs(ctx, "E1406", 1)


DOCUMENT_LIMIT = 99


@rule(
    "E1407",
    "Transition: at most 99 supporting documents, transport documents and additional references together per "
    "goods item.",
    phases=TP,
    error_code=TP_CODE,
)
def e1407(ctx: Context) -> Iterator[Outcome]:
    fields = ("supporting_document", "transport_document", "additional_reference")
    for item in ctx.all("Consignment/HouseConsignment/ConsignmentItem"):
        seen = 0
        for field in fields:
            for index in range(len(getattr(item, field))):
                seen += 1
                if seen > DOCUMENT_LIMIT:
                    yield ctx.violation(
                        item,
                        field,
                        f"{WHEN} goods item {item.goods_item_number} may carry at most {DOCUMENT_LIMIT} supporting "  # type: ignore[attr-defined]
                        f"documents, transport documents and additional references together: remove "
                        f"{ctx.label(item, field)} occurrence {index + 1} or move references into fewer entries",
                        index=index,
                    )
