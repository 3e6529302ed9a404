"""The few ways every builder draws: pick one of a table, flip a biased coin, number the repetitions,
and keep values that the rules want to differ from coming out all the same."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any, TypeVar, cast

from hypothesis import strategies as st

from ncts5.testing.tables import COUNTRIES, Office, Site

__all__ = ["Data", "Draw", "chance", "countries", "kg", "not_all_same", "numbered", "pick", "site_of", "tweak", "vary"]

T = TypeVar("T")
#: A data group under construction: field names of the generated models to values.
Data = dict[str, Any]
#: The ``draw`` function of :func:`hypothesis.strategies.composite`.
Draw = Callable[[st.SearchStrategy[Any]], Any]


def pick(draw: Draw, options: Sequence[T]) -> T:
    """One of ``options``; shrinks towards the first."""
    return cast(T, draw(st.sampled_from(options)))


def chance(draw: Draw, p: float) -> bool:
    """True with probability about ``p``; shrinks to False."""
    return cast(int, draw(st.integers(0, 19))) < round(p * 20)


def numbered(items: Sequence[Data]) -> list[Data]:
    """Sequence numbers 1, 2, 3 ... in document order (R0987)."""
    return [{"sequence_number": i, **item} for i, item in enumerate(items, 1)]


def tweak(text: str) -> str:
    """``text`` with its last character changed, to tell apart two values that were drawn equal."""
    return text[:-1] + ("2" if text[-1] == "1" else "1")


def vary(values: list[Any]) -> list[Any]:
    """The values with the last one changed if all are the same: data repeated on every house
    consignment or goods item must differ somewhere (R0506, R0507, B1877), also when hypothesis
    shrinks the draws to equal values."""
    if len(values) > 1 and all(v == values[0] for v in values[1:]):
        last = values[-1]
        if isinstance(last, str):
            values[-1] = tweak(last)
        elif "identification_number" in last:
            values[-1] = {**last, "identification_number": tweak(last["identification_number"])}
        else:
            values[-1] = {**last, "name": tweak(last["name"])}
    return values


def not_all_same(draw: Draw, pool: Sequence[str], count: int, first: str | None = None) -> list[str]:
    """``count`` codes from ``pool`` (the first one given or drawn), not all the same (R0506, R0507, B1877)."""
    values = [first or pick(draw, pool)] + [pick(draw, pool) for _ in range(count - 1)]
    if count > 1 and len(set(values)) == 1:
        values[-1] = next(v for v in pool if v != values[0])
    return values


def countries(draw: Draw, first: str, count: int) -> list[str]:
    """``count`` countries: ``first`` and its neighbours, not all the same."""
    return not_all_same(draw, (first, *COUNTRIES[first].neighbours), count, first)


def kg(value: Decimal) -> Decimal:
    """A mass with at most 3 decimals (E1109 allows 3 during the transition period)."""
    return value.quantize(Decimal("0.001")).normalize() if value % 1 else value.quantize(Decimal(1))


def site_of(office: Office) -> Site:
    """The site of an office's city, or else its country's first site."""
    sites = COUNTRIES[office.country].sites
    return next((s for s in sites if s.city == office.city), sites[0])
