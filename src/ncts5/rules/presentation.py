"""Rules that only the IE170 presentation notification names.

An IE170 completes a pre-lodged IE015 (additional declaration type D) that NCTS already
holds. Most of its conditions depend on that stored declaration (its security, its reduced
data set indicator, its authorisations, what it already declared): ncts5 sees only the
IE170, so those are declared not checkable. Where part of a condition depends on the IE170
alone (mode of transport 5, the place of loading), that part is checked; the rest is
reported as not checked rather than passed.

Phase 6 keeps the same split: its conditions add the CCA15D and CCA13D (the declaration and its
amendment in their Phase 6 form) beside the IE015 and IE013, which an IE170 does not carry either.
The Phase 6 declarations (``<ID>_P6``, and C0412, which replaces C0404) sit below their Phase 5 ones.

Each rule is one :class:`~ncts5.rules.declaration.Rule` value named by its id, with its check and
its example cases just above it (see :mod:`ncts5.rules.declaration`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from ncts5.rules.context import Context, Outcome
from ncts5.rules.declaration import IE170, P5_P6, P6, Fires, Rule, Silent, Undecided
from ncts5.rules.examples import IE170_PRESENTATION

if TYPE_CHECKING:
    from ncts5.messages.cc170c import CC170C
    from ncts5.messages.p6.cc170c import CC170C as P6CC170C

#: What decides the conditions on the stored declaration (the reason of the not-checkable rules).
_STORED_IE015 = "needs the pre-lodged IE015 (or its latest IE013 amendment) held by NCTS"
#: The same in Phase 6, where the stored declaration may also be a CCA15D amended by a CCA13D.
_STORED_IE015_P6 = (
    "needs the pre-lodged declaration held by NCTS: its IE015 or CCA15D, or its latest IE013 or CCA13D amendment"
)

#: Mode of transport code for fixed transport installations (pipelines, power lines).
_FIXED_INSTALLATION = "5"

_CONSIGNMENT = "/CC170C/Consignment"


def _border_mode(mode: str | None, means: int) -> Callable[[CC170C], None]:
    """A change: mode of transport at the border ``mode`` and ``means`` active border transport means."""

    def change(m: CC170C) -> None:
        from ncts5.messages.cc170c import ActiveBorderTransportMeans

        m.consignment.mode_of_transport_at_the_border = mode
        m.consignment.active_border_transport_means = [
            ActiveBorderTransportMeans(
                sequence_number=i,
                customs_office_at_border_reference_number="DE004058",
                type_of_identification="40",
                identification_number=f"IMO930000{i}",
                nationality="DE",
            )
            for i in range(1, means + 1)
        ]

    change.__name__ = f"border_mode_{mode}_with_{means}_active_border_means"
    return change


def _house_means(m: CC170C) -> None:
    from ncts5.messages.cc170c import HouseConsignmentDepartureTransportMeans

    m.consignment.house_consignment[0].departure_transport_means = [
        HouseConsignmentDepartureTransportMeans(
            sequence_number=1, type_of_identification="30", identification_number="HHCD5678", nationality="DE"
        )
    ]


# ------------------------------------------------------------------------------------------- C0404


def _c0404(ctx: Context[CC170C]) -> Iterator[Outcome]:
    consignment = ctx.message.consignment
    if consignment.place_of_loading is None:
        yield ctx.violation(
            consignment,
            "place_of_loading",
            f"a presentation notification must say where the goods are loaded: provide "
            f"{ctx.label(consignment, 'place_of_loading')}",
            code=13,
        )


def _place_of_loading(m: CC170C) -> None:
    from ncts5.messages.cc170c import PlaceOfLoading

    m.consignment.place_of_loading = PlaceOfLoading(un_locode="DEHAM")


C0404 = Rule(
    "C0404",
    "An IE170 must give the place of loading.",
    messages=IE170,
    checks="The presentation notification has 16 13 000 000 PLACE OF LOADING.",
    why="The IE170 presents the goods of a pre-lodged declaration; where they are loaded is what the office of "
    "departure needs to find and control them, whatever the declaration said.",
    fix="Give the place of loading: its UN/LOCODE, or its country and location.",
    check=_c0404,
    cases=(
        Fires(IE170_PRESENTATION, at=f"{_CONSIGNMENT}/PlaceOfLoading", code=13, says="16 13 000 000 PLACE OF LOADING"),
        Silent(IE170_PRESENTATION, _place_of_loading),
    ),
)

# ------------------------------------------------------------------------------------------- C0412
# Phase 6 successor of C0404.  Every branch that makes the place of loading required reads the stored
# declaration: whether it already gave a place of loading and, if not, the security of its CCA15D or
# CCA13D.  CL289 (CountryPlaceOfLoadingNotRequired, which the package does not ship) only matters
# together with that security, so even with CL289 imported the IE170 alone never decides that the
# place of loading is missing wrongly; and a place of loading given is allowed in every branch.
# Hence not checkable, not a check that could only pass.

C0412 = Rule(
    "C0412",
    "An IE170 must give the place of loading unless the stored declaration gave one or its security and the "
    "office of departure's country (CL289) make it optional.",
    messages=IE170,
    reason=f"{_STORED_IE015_P6}: the condition is whether it gave a place of loading and, if not, the security "
    "of its CCA15D or CCA13D; the country list CL289 (CountryPlaceOfLoadingNotRequired), which the package does "
    "not ship, decides only together with that security",
    checks="Unlike Phase 5 (C0404, always required), 16 13 000 000 PLACE OF LOADING is optional when the pre-lodged "
    "declaration (IE015, CCA15D, or its IE013 or CCA13D amendment) gave one, or when its CCA15D or CCA13D has "
    "11 07 000 000 Security 0 or 2 and the office of departure is in a country of CL289; otherwise required. "
    "A place of loading given in the IE170 is always allowed; one left out can only be judged against the stored "
    "declaration, so ncts5 reports the rule as not checked.",
    why="The office of departure needs to know where the goods are loaded to find and control them; if the "
    "declaration already said so, or the country does not ask for it without entry summary data, the IE170 "
    "need not repeat it.",
    fix="Give the place of loading (its UN/LOCODE, or its country and location) unless your pre-lodged declaration "
    "already gave one.",
    error_code=13,
    releases=P6,
    cases=(Undecided(IE170_PRESENTATION),),
)

# ------------------------------------------------------------------------------------------- C0807


def _c0807(ctx: Context[CC170C]) -> Iterator[Outcome]:
    return _no_border_means_at_fixed_installation(
        ctx,
        "whether ACTIVE BORDER TRANSPORT MEANS is required depends on the security of the pre-lodged IE015 "
        "held by NCTS",
    )


def _no_border_means_at_fixed_installation(ctx: Context[CC170C | P6CC170C], unknown: str) -> Iterator[Outcome]:
    """C0807 in both releases: none with mode at the border 5; without any, ``unknown`` (the stored data decides)."""
    consignment = ctx.message.consignment
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
        yield ctx.unchecked(unknown, ctx.path(consignment, "active_border_transport_means"))


#: Where C0807 fires on the example given two active border transport means.
_TWO_BORDER_MEANS = (f"{_CONSIGNMENT}/ActiveBorderTransportMeans[1]", f"{_CONSIGNMENT}/ActiveBorderTransportMeans[2]")
#: C0807's cases beside the firing one: the same in both releases.
_C0807_QUIET = (
    Silent(IE170_PRESENTATION, _border_mode("5", 0)),
    Silent(IE170_PRESENTATION, _border_mode("1", 1)),
    Silent(IE170_PRESENTATION, _border_mode(None, 1)),
    Undecided(IE170_PRESENTATION, _border_mode("1", 0), at=f"{_CONSIGNMENT}/ActiveBorderTransportMeans"),
)

C0807 = Rule(
    "C0807",
    "With mode of transport at the border 5 (fixed installation) an IE170 has no active border "
    "transport means; otherwise the stored declaration's security decides.",
    messages=IE170,
    checks="With 19 03 000 000 Mode of transport at the border 5 (fixed transport installation) the IE170 has no "
    "19 08 000 000 ACTIVE BORDER TRANSPORT MEANS. Otherwise they are required when the pre-lodged declaration "
    "has security data, which only NCTS knows: without any, ncts5 reports the rule as not checked.",
    why="Goods moved by pipeline or power line cross the border without a vehicle; with an entry or exit summary "
    "declaration customs need the means that crosses the border for their risk analysis.",
    fix="Remove the active border transport means for a fixed installation; otherwise declare them when the "
    "declaration carries safety and security data.",
    check=_c0807,
    cases=(
        Fires(IE170_PRESENTATION, _border_mode("5", 2), at=_TWO_BORDER_MEANS, code=15),
        *_C0807_QUIET,
    ),
)


def _c0807_p6(ctx: Context[P6CC170C]) -> Iterator[Outcome]:
    return _no_border_means_at_fixed_installation(
        ctx,
        "whether ACTIVE BORDER TRANSPORT MEANS is required depends on the pre-lodged IE015 held by NCTS (its "
        "security, and whether it or its latest IE013 amendment already declared active border transport means)",
    )


C0807_P6 = Rule(
    "C0807",
    "With mode of transport at the border 5 (fixed installation) an IE170 has no active border "
    "transport means; otherwise the stored declaration's security and means decide.",
    messages=IE170,
    checks="With 19 03 000 000 Mode of transport at the border 5 (fixed transport installation) the IE170 has no "
    "19 08 000 000 ACTIVE BORDER TRANSPORT MEANS. Unlike Phase 5, otherwise they are required only when the "
    "pre-lodged IE015 has security data and neither it nor its IE013 amendment declared any, which only NCTS "
    "knows: without any in the IE170, ncts5 reports the rule as not checked.",
    why="Goods moved by pipeline or power line cross the border without a vehicle; with an entry or exit summary "
    "declaration customs need the means that crosses the border, which the IE170 must supply if the declaration "
    "did not.",
    fix="Remove the active border transport means for a fixed installation; otherwise declare them when the "
    "declaration carries safety and security data and did not declare them already.",
    check=_c0807_p6,
    releases=P6,
    cases=(
        Fires(
            IE170_PRESENTATION,
            _border_mode("5", 2),
            at=_TWO_BORDER_MEANS,
            code=15,
            says="fixed transport installation",
        ),
        *_C0807_QUIET,
    ),
)

# ------------------------------------------------------------------------------------------- C0833


def _c0833(ctx: Context[CC170C]) -> Iterator[Outcome]:
    return _no_departure_means_at_fixed_installation(
        ctx,
        "departure transport means at both consignment and house consignment level is allowed only when "
        "the pre-lodged IE015 held by NCTS already gave some; ncts5 cannot see it",
    )


def _no_departure_means_at_fixed_installation(ctx: Context[CC170C | P6CC170C], unknown: str) -> Iterator[Outcome]:
    """C0833 in both releases: none with inland mode 5; at both levels, ``unknown`` (the stored data decides)."""
    consignment = ctx.message.consignment
    houses = consignment.house_consignment
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
            for i, _hm in enumerate(house.departure_transport_means):
                yield ctx.violation(
                    house,
                    "departure_transport_means",
                    f"{why}: remove {ctx.label(house, 'departure_transport_means')} of the house consignment",
                    code=15,
                    index=i,
                )
    elif consignment.departure_transport_means and any(h.departure_transport_means for h in houses):
        yield ctx.unchecked(unknown, ctx.path(consignment, "departure_transport_means"))


def _fixed_installation_with_means(m: CC170C) -> None:
    m.consignment.inland_mode_of_transport = _FIXED_INSTALLATION
    _house_means(m)


def _fixed_installation_without_means(m: CC170C) -> None:
    m.consignment.inland_mode_of_transport = _FIXED_INSTALLATION
    m.consignment.departure_transport_means = []


#: Where C0833 fires on the example given departure transport means at both levels.
_MEANS_AT_BOTH_LEVELS = (
    f"{_CONSIGNMENT}/DepartureTransportMeans[1]",
    f"{_CONSIGNMENT}/HouseConsignment[1]/DepartureTransportMeans[1]",
)
#: C0833's cases beside the firing one: the same in both releases.
_C0833_QUIET = (
    Silent(IE170_PRESENTATION),
    Silent(IE170_PRESENTATION, _fixed_installation_without_means),
    Undecided(IE170_PRESENTATION, _house_means, at=f"{_CONSIGNMENT}/DepartureTransportMeans"),
)

C0833 = Rule(
    "C0833",
    "With inland mode of transport 5 (fixed installation) an IE170 has no departure transport means; "
    "otherwise what the stored declaration gave decides.",
    messages=IE170,
    checks="With 19 04 000 000 Inland mode of transport 5 (fixed transport installation) the IE170 has no "
    "19 05 000 000 DEPARTURE TRANSPORT MEANS at consignment or house consignment level. Otherwise means at both "
    "levels are allowed only when the pre-lodged declaration gave none, which only NCTS knows: ncts5 reports "
    "that case as not checked.",
    why="Goods leaving by pipeline or power line have no vehicle to identify; and the means are declared at one "
    "level so that customs know which vehicle carries which goods.",
    fix="Remove the departure transport means for a fixed installation; otherwise declare them at one level.",
    check=_c0833,
    cases=(
        Fires(IE170_PRESENTATION, _fixed_installation_with_means, at=_MEANS_AT_BOTH_LEVELS, code=15),
        *_C0833_QUIET,
    ),
)


def _c0833_p6(ctx: Context[P6CC170C]) -> Iterator[Outcome]:
    return _no_departure_means_at_fixed_installation(
        ctx,
        "departure transport means at both consignment and house consignment level is allowed only when the "
        "pre-lodged declaration held by NCTS (its IE015 or CCA15D, or its IE013 or CCA13D amendment) already gave "
        "some; ncts5 cannot see it",
    )


C0833_P6 = Rule(
    "C0833",
    "With inland mode of transport 5 (fixed installation) an IE170 has no departure transport means; "
    "otherwise what the stored declaration (IE015/CCA15D, IE013/CCA13D) gave decides.",
    messages=IE170,
    checks="With 19 04 000 000 Inland mode of transport 5 (fixed transport installation) the IE170 has no "
    "19 05 000 000 DEPARTURE TRANSPORT MEANS at consignment or house consignment level. Otherwise means at both "
    "levels are allowed only when the pre-lodged declaration gave none, which only NCTS knows: ncts5 reports "
    "that case as not checked. Unlike Phase 5, the stored declaration may also be a CCA15D or CCA13D (the text's "
    "'IE015 or CCA15D' is read as whichever of the two NCTS holds).",
    why="Goods leaving by pipeline or power line have no vehicle to identify; and the means are declared at one "
    "level so that customs know which vehicle carries which goods.",
    fix="Remove the departure transport means for a fixed installation; otherwise declare them at one level.",
    check=_c0833_p6,
    releases=P6,
    cases=(
        Fires(
            IE170_PRESENTATION,
            _fixed_installation_with_means,
            at=_MEANS_AT_BOTH_LEVELS,
            code=15,
            says="inland mode of transport 5",
        ),
        *_C0833_QUIET,
    ),
)

# ------------------------------------------------------------------------------------------- needs the stored IE015

C0170 = Rule(
    "C0170",
    "Inland mode of transport is not allowed in an IE170 when the stored declaration used the reduced data set.",
    messages=IE170,
    reason=f"{_STORED_IE015}: the condition is its reduced dataset indicator",
    checks="With the reduced data set in the pre-lodged declaration (or its amendment), the IE170 gives no "
    "19 04 000 000 Inland mode of transport; otherwise it may.",
    why="The reduced data set leaves the inland mode of transport out altogether; the IE170 cannot add what the "
    "declaration's data set does not carry.",
    fix="Leave the inland mode of transport out when your pre-lodged declaration used the reduced data set.",
    cases=(Undecided(IE170_PRESENTATION),),
)

C0170_P6 = Rule(
    "C0170",
    "Inland mode of transport is not allowed in an IE170 when the stored declaration (IE015/CCA15D, "
    "IE013/CCA13D) used the reduced data set.",
    messages=IE170,
    reason=f"{_STORED_IE015_P6}: the condition is its reduced dataset indicator",
    checks="With the reduced data set in the pre-lodged declaration or its amendment, the IE170 gives no "
    "19 04 000 000 Inland mode of transport; otherwise it may. Unlike Phase 5, the declaration may also be a "
    "CCA15D and the amendment a CCA13D.",
    why="The reduced data set leaves the inland mode of transport out altogether; the IE170 cannot add what the "
    "declaration's data set does not carry.",
    fix="Leave the inland mode of transport out when your pre-lodged declaration used the reduced data set.",
    releases=P6,
    cases=(Undecided(IE170_PRESENTATION),),
)

C0600 = Rule(
    "C0600",
    "Mode of transport at the border is required in an IE170 when the stored declaration has security data.",
    messages=IE170,
    reason=f"{_STORED_IE015}: the condition is its security",
    checks="When the pre-lodged declaration has 11 07 000 000 Security 1, 2 or 3, the IE170 gives 19 03 000 000 "
    "Mode of transport at the border.",
    why="An entry or exit summary declaration needs to know how the goods cross the border for the risk analysis.",
    fix="Give the mode of transport at the border whenever your declaration carries safety and security data.",
    cases=(Undecided(IE170_PRESENTATION),),
    releases=P5_P6,
)

C0808 = Rule(
    "C0808",
    "With security data and transport by air, the IE170's active border transport means need a conveyance "
    "reference number.",
    messages=IE170,
    reason=f"{_STORED_IE015}: the condition is its security (mode 4 alone decides nothing)",
    checks="When the pre-lodged declaration has security data and the IE170's mode of transport at the border is "
    "4 (air), each active border transport means gives 19 02 000 000 Conveyance reference number.",
    why="For an air shipment with safety and security data the flight number identifies the crossing customs assess.",
    fix="Give the flight number as conveyance reference number when the goods fly and security data is declared.",
    cases=(Undecided(IE170_PRESENTATION),),
)

C0808_P6 = Rule(
    "C0808",
    "With security data in the stored declaration (IE015 or CCA15D) and transport by air, the IE170's active "
    "border transport means need a conveyance reference number.",
    messages=IE170,
    reason=f"{_STORED_IE015_P6}: the condition is the security of its IE015 or CCA15D (mode 4 alone decides nothing)",
    checks="When the pre-lodged IE015 or CCA15D has 11 07 000 000 Security 1, 2 or 3 and the IE170's mode of "
    "transport at the border is 4 (air), each active border transport means gives 19 02 000 000 Conveyance "
    "reference number. Unlike Phase 5, the declaration may also be a CCA15D.",
    why="For an air shipment with safety and security data the flight number identifies the crossing customs assess.",
    fix="Give the flight number as conveyance reference number when the goods fly and security data is declared.",
    releases=P6,
    cases=(Undecided(IE170_PRESENTATION),),
)

C0824 = Rule(
    "C0824",
    "Container indicator is required in an IE170 unless the stored declaration gave one.",
    messages=IE170,
    reason=f"{_STORED_IE015}: the condition is whether it had a container indicator",
    checks="The IE170 gives 19 01 000 000 Container indicator when the pre-lodged declaration (or its latest "
    "amendment) did not.",
    why="By presentation customs must know whether the goods travel in containers; a pre-lodged declaration may "
    "have left it open.",
    fix="Give the container indicator unless your pre-lodged declaration already did.",
    cases=(Undecided(IE170_PRESENTATION),),
)

C0824_P6 = Rule(
    "C0824",
    "Container indicator is required in an IE170 unless the stored declaration (IE015/CCA15D, or its latest "
    "IE013/CCA13D amendment) gave one.",
    messages=IE170,
    reason=f"{_STORED_IE015_P6}: the condition is whether it had a container indicator",
    checks="The IE170 gives 19 01 000 000 Container indicator when the latest amendment (IE013 or CCA13D), or "
    "without one the declaration (IE015 or CCA15D), did not. Unlike Phase 5, the declaration may also be a CCA15D "
    "and the amendment a CCA13D.",
    why="By presentation customs must know whether the goods travel in containers; a pre-lodged declaration may "
    "have left it open.",
    fix="Give the container indicator unless your pre-lodged declaration already did.",
    releases=P6,
    cases=(Undecided(IE170_PRESENTATION),),
)

C0840 = Rule(
    "C0840",
    "Limit date in an IE170 depends on the stored declaration's authorisation C521 and limit date.",
    messages=IE170,
    reason=f"{_STORED_IE015}: the condition is its authorisations and limit date",
    checks="Without authorisation C521 (authorised consignor) in the pre-lodged declaration the IE170 gives no "
    "15 11 000 000 Limit date; with it, the IE170 gives one when the declaration did not.",
    why="Only an authorised consignor sets the limit date itself, and the presented movement needs one.",
    fix="As authorised consignor, give the limit date if the pre-lodged declaration lacked it; otherwise leave it out.",
    cases=(Undecided(IE170_PRESENTATION),),
)

C0840_P6 = Rule(
    "C0840",
    "Limit date in an IE170 depends on the stored declaration's (IE015/CCA15D, IE013/CCA13D) authorisation "
    "C521 and limit date.",
    messages=IE170,
    reason=f"{_STORED_IE015_P6}: the condition is its authorisations and limit date",
    checks="Without authorisation C521 (authorised consignor) in the pre-lodged declaration the IE170 gives no "
    "15 11 000 000 Limit date; with it, the IE170 gives one when neither the declaration nor its amendment did. "
    "Unlike Phase 5, the declaration may also be a CCA15D and the amendment a CCA13D.",
    why="Only an authorised consignor sets the limit date itself, and the presented movement needs one.",
    fix="As authorised consignor, give the limit date if the pre-lodged declaration lacked it; otherwise leave it out.",
    releases=P6,
    cases=(Undecided(IE170_PRESENTATION),),
)

R0790 = Rule(
    "R0790",
    "The IE170 may repeat active border transport means only when the stored declaration has offices of transit.",
    messages=IE170,
    reason=f"{_STORED_IE015}: the condition is whether it declared offices of transit",
    checks="The IE170 has up to 9 ACTIVE BORDER TRANSPORT MEANS when the pre-lodged declaration (or its amendment) "
    "declares offices of transit, otherwise at most one.",
    why="Without offices of transit the goods cross one border, so one means of transport crosses it.",
    fix="Declare a single active border transport means unless your declaration names offices of transit.",
    cases=(Undecided(IE170_PRESENTATION),),
)

R0790_P6 = Rule(
    "R0790",
    "The IE170 may repeat active border transport means only when the stored declaration (IE015/CCA15D, "
    "IE013/CCA13D) has offices of transit.",
    messages=IE170,
    reason=f"{_STORED_IE015_P6}: the condition is whether it declared offices of transit",
    checks="The IE170 has up to 9 ACTIVE BORDER TRANSPORT MEANS when the pre-lodged declaration or its amendment "
    "declares offices of transit, otherwise at most one. Unlike Phase 5, the declaration may also be a CCA15D and "
    "the amendment a CCA13D.",
    why="Without offices of transit the goods cross one border, so one means of transport crosses it.",
    fix="Declare a single active border transport means unless your declaration names offices of transit.",
    releases=P6,
    cases=(Undecided(IE170_PRESENTATION),),
)

G0045 = Rule(
    "G0045",
    "What an IE170 gives replaces the corresponding data of the stored declaration.",
    messages=IE170,
    reason="describes how NCTS merges the IE170 into the pre-lodged IE015 it holds; nothing in the message to check",
    checks="Nothing in the message: the guideline says that the IE170's consignment data overrides the same data "
    "of the pre-lodged declaration (or of its latest amendment).",
    why="Customs never reject for it; it tells the declarant which data counts after presentation.",
    fix="Nothing to fix; give in the IE170 the data as it is at presentation.",
    cases=(Undecided(IE170_PRESENTATION),),
)

G0045_P6 = Rule(
    "G0045",
    "What an IE170 gives replaces the corresponding data of the stored declaration (IE015/CCA15D, IE013/CCA13D).",
    messages=IE170,
    reason="describes how NCTS merges the IE170 into the pre-lodged declaration it holds (IE015 or CCA15D, or its "
    "latest IE013 or CCA13D amendment); nothing in the message to check",
    checks="Nothing in the message: the guideline says that the IE170's consignment data overrides the same data "
    "of the pre-lodged declaration or of its latest amendment. Unlike Phase 5, these may also be a CCA15D and a "
    "CCA13D.",
    why="Customs never reject for it; it tells the declarant which data counts after presentation.",
    fix="Nothing to fix; give in the IE170 the data as it is at presentation.",
    releases=P6,
    cases=(Undecided(IE170_PRESENTATION),),
)

G0165 = Rule(
    "G0165",
    "Under a simplified procedure whose authorisation foresees seals, the number of seals should be above 0.",
    messages=IE170,
    reason=f"{_STORED_IE015}: the authorisations are in the declaration, not in the IE170",
    checks="Under a simplified procedure whose authorisation foresees seals, 19 10 068 000 Number of seals is "
    "greater than 0.",
    why="An authorised consignor allowed to seal the goods itself must apply the seals it was authorised for.",
    fix="Declare the seals you applied.",
    cases=(Undecided(IE170_PRESENTATION),),
    releases=P5_P6,
)

G0196 = Rule(
    "G0196",
    "An IE170 transport data group must repeat the full details, not only what changed.",
    messages=IE170,
    reason=f"{_STORED_IE015}: only a comparison with the stored data shows a partial group",
    checks="Each transport data group of the IE170 (transport equipment, departure transport means) gives its full "
    "details, not only what differs from the declaration.",
    why="The IE170 replaces the declaration's data group as a whole (G0045): a partial group would lose the rest.",
    fix="Repeat every detail of a transport data group you give in the IE170.",
    cases=(Undecided(IE170_PRESENTATION),),
    releases=P5_P6,
)
