"""Rules that only the IE170 presentation notification names.

An IE170 completes a pre-lodged IE015 (additional declaration type D) that NCTS already
holds. Most of its conditions depend on that stored declaration (its security, its reduced
data set indicator, its authorisations, what it already declared): ncts5 sees only the
IE170, so those are declared not checkable. Where part of a condition depends on the IE170
alone (mode of transport 5, the place of loading), that part is checked; the rest is
reported as not checked rather than passed.
"""

from __future__ import annotations

from collections.abc import Iterator

from ncts5.rules.context import Context, Outcome
from ncts5.rules.registry import not_checkable, rule

_STORED_IE015 = "needs the pre-lodged IE015 (or its latest IE013 amendment) held by NCTS"

#: Mode of transport code for fixed transport installations (pipelines, power lines).
_FIXED_INSTALLATION = "5"


@rule("C0404", "An IE170 must give the place of loading.")
def c0404(ctx: Context) -> Iterator[Outcome]:
    consignment = ctx.message.consignment  # type: ignore[attr-defined]
    if consignment.place_of_loading is None:
        yield ctx.violation(
            consignment,
            "place_of_loading",
            f"a presentation notification must say where the goods are loaded: provide "
            f"{ctx.label(consignment, 'place_of_loading')}",
            code=13,
        )


@rule(
    "C0807",
    "With mode of transport at the border 5 (fixed installation) an IE170 has no active border "
    "transport means; otherwise the stored declaration's security decides.",
)
def c0807(ctx: Context) -> Iterator[Outcome]:
    consignment = ctx.message.consignment  # type: ignore[attr-defined]
    means = consignment.active_border_transport_means
    if consignment.mode_of_transport_at_the_border == _FIXED_INSTALLATION:
        for i, _m in enumerate(means):
            yield ctx.violation(
                consignment,
                "active_border_transport_means",
                f"goods crossing the border by fixed transport installation (mode of transport at the border 5) "
                f"have no means of transport: remove {ctx.label(consignment, 'active_border_transport_means')}",
                code=15,
                index=i,
            )
    elif not means:
        yield ctx.unchecked(
            "whether ACTIVE BORDER TRANSPORT MEANS is required depends on the security of the pre-lodged IE015 "
            "held by NCTS",
            ctx.path(consignment, "active_border_transport_means"),
        )


@rule(
    "C0833",
    "With inland mode of transport 5 (fixed installation) an IE170 has no departure transport means; "
    "otherwise what the stored declaration gave decides.",
)
def c0833(ctx: Context) -> Iterator[Outcome]:
    consignment = ctx.message.consignment  # type: ignore[attr-defined]
    houses = list(consignment.house_consignment)
    if consignment.inland_mode_of_transport == _FIXED_INSTALLATION:
        why = "goods leaving by fixed transport installation (inland mode of transport 5) have no means of transport"
        for i, _m in enumerate(consignment.departure_transport_means):
            yield ctx.violation(
                consignment,
                "departure_transport_means",
                f"{why}: remove {ctx.label(consignment, 'departure_transport_means')}",
                code=15,
                index=i,
            )
        for house in houses:
            for i, _m in enumerate(house.departure_transport_means):
                yield ctx.violation(
                    house,
                    "departure_transport_means",
                    f"{why}: remove {ctx.label(house, 'departure_transport_means')} of the house consignment",
                    code=15,
                    index=i,
                )
    elif consignment.departure_transport_means and any(h.departure_transport_means for h in houses):
        yield ctx.unchecked(
            "departure transport means at both consignment and house consignment level is allowed only when "
            "the pre-lodged IE015 held by NCTS already gave some; ncts5 cannot see it",
            ctx.path(consignment, "departure_transport_means"),
        )


not_checkable(
    "C0170",
    "Inland mode of transport is not allowed in an IE170 when the stored declaration used the reduced data set.",
    reason=f"{_STORED_IE015}: the condition is its reduced dataset indicator",
    module=__name__,
)
not_checkable(
    "C0600",
    "Mode of transport at the border is required in an IE170 when the stored declaration has security data.",
    reason=f"{_STORED_IE015}: the condition is its security",
    module=__name__,
)
not_checkable(
    "C0808",
    "With security data and transport by air, the IE170's active border transport means need a conveyance "
    "reference number.",
    reason=f"{_STORED_IE015}: the condition is its security (mode 4 alone decides nothing)",
    module=__name__,
)
not_checkable(
    "C0824",
    "Container indicator is required in an IE170 unless the stored declaration gave one.",
    reason=f"{_STORED_IE015}: the condition is whether it had a container indicator",
    module=__name__,
)
not_checkable(
    "C0840",
    "Limit date in an IE170 depends on the stored declaration's authorisation C521 and limit date.",
    reason=f"{_STORED_IE015}: the condition is its authorisations and limit date",
    module=__name__,
)
not_checkable(
    "R0790",
    "The IE170 may repeat active border transport means only when the stored declaration has offices of transit.",
    reason=f"{_STORED_IE015}: the condition is whether it declared offices of transit",
    module=__name__,
)
not_checkable(
    "G0045",
    "What an IE170 gives replaces the corresponding data of the stored declaration.",
    reason="describes how NCTS merges the IE170 into the pre-lodged IE015 it holds; nothing in the message to check",
    module=__name__,
)
not_checkable(
    "G0165",
    "Under a simplified procedure whose authorisation foresees seals, the number of seals should be above 0.",
    reason=f"{_STORED_IE015}: the authorisations are in the declaration, not in the IE170",
    module=__name__,
)
not_checkable(
    "G0196",
    "An IE170 transport data group must repeat the full details, not only what changed.",
    reason=f"{_STORED_IE015}: only a comparison with the stored data shows a partial group",
    module=__name__,
)
