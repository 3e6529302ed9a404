"""Rules on places: location of goods, place of loading and place of unloading.

Which sub-groups of LOCATION OF GOODS go with which qualifier of identification is
condition C0394, declared by another topic; here are the conditions inside those
sub-groups.
"""

from __future__ import annotations

from collections.abc import Iterator

from ncts5.rules.context import Context, Outcome
from ncts5.rules.registry import not_checkable, rule


@rule("C0382", "A postcode address of the location of goods needs a house number unless its country is in CL198.")
def c0382(ctx: Context) -> Iterator[Outcome]:
    for address in ctx.all("Consignment/LocationOfGoods/PostcodeAddress"):
        if address.house_number is not None:  # type: ignore[attr-defined]
            continue
        country = address.country  # type: ignore[attr-defined]
        postcode_only = ctx.in_list("CL198", country)
        if postcode_only is None:
            yield ctx.unchecked(
                f"code list CL198 (countries where a postcode alone identifies an address) is not available "
                f"for {country}",
                ctx.path(address, "house_number"),
            )
        elif not postcode_only:
            yield ctx.violation(
                address,
                "house_number",
                f"in {country} a postcode alone does not identify the location (the country is not in CL198): "
                f"provide {ctx.label(address, 'house_number')}",
                code=13,
            )


@rule("C0387", "A place of loading or unloading without UN/LOCODE needs its country and location.")
def c0387(ctx: Context) -> Iterator[Outcome]:
    for path in ("Consignment/PlaceOfLoading", "Consignment/PlaceOfUnloading"):
        for place in ctx.all(path):
            if place.un_locode is not None:  # type: ignore[attr-defined]
                continue
            for field in ("country", "location"):
                if getattr(place, field) is None:
                    yield ctx.violation(
                        place,
                        field,
                        f"no {ctx.label(place, 'un_locode')} is given: provide {ctx.label(place, field)} "
                        "(or give the UN/LOCODE instead)",
                        code=13,
                    )


@rule(
    "C0671",
    "The additional identifier of the location of goods is only given with an economic operator or an "
    "authorisation number.",
)
def c0671(ctx: Context) -> Iterator[Outcome]:
    for loc in ctx.all("Consignment/LocationOfGoods"):
        if loc.additional_identifier is None:  # type: ignore[attr-defined]
            continue
        if loc.economic_operator is None and loc.authorisation_number is None:  # type: ignore[attr-defined]
            yield ctx.violation(
                loc,
                "additional_identifier",
                f"{ctx.label(loc, 'additional_identifier')} only completes an economic operator's EORI number or "
                f"an authorisation number, and neither is given: remove it, or provide "
                f"{ctx.label(loc, 'economic_operator')} or {ctx.label(loc, 'authorisation_number')}",
                code=15,
            )


not_checkable(
    "G0014",
    "GNSS coordinates: '+' (optional) for north and east, '-' for south and west.",
    reason="the schema already allows only an optional sign and digits; whether the sign matches the real "
    "hemisphere of the location cannot be known from the message",
    module=__name__,
)
not_checkable(
    "G0500",
    "The content of CL326 (qualifier of identification) and the use of qualifier T are defined nationally.",
    reason="depends on each national administration's own use of CL326, which is not part of the common reference data",
    module=__name__,
)
