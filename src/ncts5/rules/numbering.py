"""Generic rules the tables attach to many paths: sequence numbers and the end of the transition period.

These checks do not name their paths: they walk the message and act on every field
whose table entry carries the rule id, so they cover each place the IE015 and IE170
tables name them, and only those.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

from ncts5.messages.meta import Child, XmlModel
from ncts5.rules.context import Context, Outcome, routes
from ncts5.rules.registry import not_checkable, rule


@cache
def _numbered_groups(cls: type[XmlModel]) -> tuple[Child, ...]:
    """The repeated data groups of ``cls`` whose sequence number the tables subject to R0987."""
    return tuple(
        c for c in cls.__xml_children__ if c.repeated and c.model is not None and _numbered(c.model)
    )


@cache
def _b2101_fields(cls: type[XmlModel]) -> tuple[Child, ...]:
    """The fields of ``cls`` whose table entry carries B2101."""
    return tuple(c for c in cls.__xml_children__ if "B2101" in c.item.rules)


def _numbered(cls: type[XmlModel]) -> bool:
    """Whether the data group's sequence number is one the tables subject to R0987."""
    by_name = cls.__xml_by_name__.get("sequenceNumber")
    return by_name is not None and "R0987" in by_name.item.rules


@rule("R0987", "Sequence numbers of a repeated data group run 1, 2, 3, ... in document order.")
def r0987(ctx: Context) -> Iterator[Outcome]:
    # Every data group class of the message that holds numbered repeated groups, at every place it sits.
    for cls in routes(type(ctx.message)):
        groups = _numbered_groups(cls)
        if not groups:
            continue
        for model in ctx.instances(cls):
            for child in groups:
                iterations = getattr(model, child.field)
                for position, group in enumerate(iterations, 1):
                    if group.sequence_number != position:
                        yield ctx.violation(
                            group,
                            "sequence_number",
                            f"iteration {position} of {child.item.description} has sequence number "
                            f"{group.sequence_number}: number iterations 1, 2, 3, ... in order, so set it to "
                            f"{position}",
                        )


@rule(
    "B2101",
    "After the transition period the data items it relaxed (transport means, amounts, goods measure) are required.",
    phases=("final",),
)
def b2101(ctx: Context) -> Iterator[Outcome]:
    for cls in routes(type(ctx.message)):
        fields = _b2101_fields(cls)
        if not fields:
            continue
        for model in ctx.instances(cls):
            for child in fields:
                value = getattr(model, child.field)
                if value is None or (child.repeated and not value):
                    yield ctx.violation(
                        model,
                        child.field,
                        f"since the end of the transition period this is required: provide "
                        f"{ctx.label(model, child.field)}",
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
