"""Rules on the AUTHORISATION data group (12 12 000 000).

The reduced data set (11 08 000 000 = 1) is only open to holders of a TRD authorisation
(type C524), so the declaration must carry one; an authorisation of that type makes no
sense on a declaration that does not use the reduced data set.  Whether the authorisation
itself exists, is valid and belongs to the holder is known to customs' decision systems
only.
"""

from __future__ import annotations

from collections.abc import Iterator

from ncts5.rules.context import Context, Outcome
from ncts5.rules.registry import not_checkable, rule

REDUCED_DATA_SET = "C524"


def _has_reduced_data_set_authorisation(ctx: Context) -> bool:
    return any(a.type == REDUCED_DATA_SET for a in ctx.message.authorisation)  # type: ignore[attr-defined]


def _missing_c524(ctx: Context, because: str) -> Outcome:
    """A finding on the first authorisation's type, or on the absent group when there is none."""
    msg = ctx.message
    what = (
        f"{because}: declare the reduced data set authorisation with 12 12 002 000 Type C524 and its reference number"
    )
    if msg.authorisation:  # type: ignore[attr-defined]
        return ctx.violation(msg.authorisation[0], "type", what)  # type: ignore[attr-defined]
    return ctx.violation(msg, "authorisation", what)


@rule("C0101", "A declaration with the reduced data set must include an authorisation.")
def c0101(ctx: Context) -> Iterator[Outcome]:
    msg = ctx.message
    if ctx.reduced_data_set and not msg.authorisation:  # type: ignore[attr-defined]
        yield ctx.violation(
            msg,
            "authorisation",
            "11 08 000 000 Reduced dataset indicator 1 is only open to holders of an authorisation: provide "
            f"{ctx.label(msg, 'authorisation')} with type C524 (reduced data set) and its reference number",
            code=13,
        )


@rule("R0859", "Authorisation type C524 is declared exactly when the reduced data set is used.")
def r0859(ctx: Context) -> Iterator[Outcome]:
    msg = ctx.message
    op = msg.transit_operation  # type: ignore[attr-defined]
    if ctx.reduced_data_set:
        if not _has_reduced_data_set_authorisation(ctx):
            yield _missing_c524(
                ctx, "11 08 000 000 Reduced dataset indicator is 1 but no authorisation is of type C524"
            )
        return
    for a in msg.authorisation:  # type: ignore[attr-defined]
        if a.type == REDUCED_DATA_SET:
            yield ctx.violation(
                a,
                "type",
                "a reduced data set authorisation (C524) is declared but 11 08 000 000 Reduced dataset indicator is "
                f"{op.reduced_dataset_indicator}: remove this authorisation or set the indicator to 1",
            )


@rule("R0350", "Reduced data set by sea, rail or air (inland mode 1, 2 or 4) needs an authorisation of type C524.")
def r0350(ctx: Context) -> Iterator[Outcome]:
    msg = ctx.message
    mode = msg.consignment.inland_mode_of_transport  # type: ignore[attr-defined]
    if ctx.reduced_data_set and mode in ("1", "2", "4") and not _has_reduced_data_set_authorisation(ctx):
        yield _missing_c524(
            ctx,
            f"the reduced data set is used with 19 04 000 000 Inland mode of transport {mode} but no C524 is declared",
        )


not_checkable(
    "R0352",
    "The reduced data set authorisation number must be valid and belong to the holder of the transit procedure.",
    reason="needs the customs decisions system (CDMS or the national one) to know the authorisation, its validity "
    "and its holder",
    module=__name__,
)
not_checkable(
    "G0033",
    "The authorisation reference number should be valid in CDMS or the national decisions system.",
    reason="needs the customs decisions system (CDMS or the national one) to look the number up",
    module=__name__,
)
not_checkable(
    "G0167",
    "For a pre-lodged declaration the authorisation should stay valid until the presentation notification (IE170).",
    reason="needs the authorisation's validity period from the customs decisions system and the date the IE170 "
    "will be sent",
    module=__name__,
)
not_checkable(
    "G0114",
    "Authorisation type C521 is declared when, and only when, the authorised consignor simplification is used.",
    reason="whether the holder is lodging under the authorised-consignor simplification is stated by nothing in the "
    "message except this code itself",
    module=__name__,
)
not_checkable(
    "G0117",
    "The authorisation type list may be extended nationally; national-only codes stay out of common-domain messages.",
    reason="which codes an administration added nationally is not in the common code lists (the common list "
    "itself is checked as CL235)",
    module=__name__,
)
not_checkable(
    "G0102",
    "Each declared authorisation covers the whole declaration, all house consignments included.",
    reason="informational: says how far a declared authorisation reaches and sets no condition the message could break",
    module=__name__,
)
