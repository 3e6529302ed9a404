"""Generic rules the tables attach to many paths: sequence numbers and the end of the transition period.

These checks do not name their paths: they walk the message and act on every field
whose table entry carries the rule id, so they cover each place the IE015 and IE170
tables name them, and only those.
"""

from __future__ import annotations

from collections.abc import Iterator

from ncts5.messages.meta import XmlModel
from ncts5.rules.context import Context, Outcome
from ncts5.rules.registry import not_checkable, rule


def _walk(model: XmlModel) -> Iterator[XmlModel]:
    """Every model instance below ``model`` (itself included), in document order."""
    yield model
    for child in type(model).__xml_children__:
        if child.model is None:
            continue
        value = getattr(model, child.field)
        if child.repeated:
            for v in value:
                yield from _walk(v)
        elif value is not None:
            yield from _walk(value)


def _numbered(cls: type[XmlModel]) -> bool:
    """Whether the data group's sequence number is one the tables subject to R0987."""
    by_name = cls.__xml_by_name__.get("sequenceNumber")
    return by_name is not None and "R0987" in by_name.item.rules


@rule("R0987", "Sequence numbers of a repeated data group run 1, 2, 3, ... in document order.")
def r0987(ctx: Context) -> Iterator[Outcome]:
    for model in _walk(ctx.message):
        for child in type(model).__xml_children__:
            if not (child.repeated and child.model is not None and _numbered(child.model)):
                continue
            iterations = getattr(model, child.field)
            for position, group in enumerate(iterations, 1):
                if group.sequence_number != position:
                    yield ctx.violation(
                        group,
                        "sequence_number",
                        f"iteration {position} of {child.item.description} has sequence number "
                        f"{group.sequence_number}: number iterations 1, 2, 3, ... in order, so set it to {position}",
                    )


@rule(
    "B2101",
    "After the transition period the data items it relaxed (transport means, amounts, goods measure) are required.",
    phases=("final",),
)
def b2101(ctx: Context) -> Iterator[Outcome]:
    for model in _walk(ctx.message):
        for child in type(model).__xml_children__:
            if "B2101" not in child.item.rules:
                continue
            value = getattr(model, child.field)
            if value is None or (child.repeated and not value):
                yield ctx.violation(
                    model,
                    child.field,
                    f"since the end of the transition period this is required: provide {ctx.label(model, child.field)}",
                    code=13,
                )


not_checkable(
    "G0002",
    "The schema gives this data item a pattern of its own rather than the usual one for its format.",
    reason="informational: the pattern is the schema's and ncts5 enforces it when it reads the message (a value "
    "that breaks it is a SCHEMA finding), so no rule check is left to make",
    module=__name__,
)
not_checkable(
    "G0021",
    "Zero is an allowed value for this number.",
    reason="informational: it permits the value 0 and forbids nothing, so there is nothing the message could break",
    module=__name__,
)
