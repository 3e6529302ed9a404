"""Strategies for anything the XSD accepts, read from the models' own metadata.

``schema_valid(CC015C)`` builds arbitrary messages that schema 51.8.6 accepts: every occurrence
bound, length, pattern, digit count and enumeration is read from the models' metadata, so the
strategies cannot drift from the models.  This is what a parser or a writer needs; realistic
declarations that also pass the rules are :mod:`ncts5.testing.declaration`'s job.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from typing import Any

from hypothesis import strategies as st

from ncts5.messages.facets import Facets, normalize_whitespace, xsd_regex_to_python
from ncts5.messages.meta import Child, XmlModel

__all__ = ["TEXT_CAP", "XML_TEXT", "leaf_values", "schema_valid"]

#: Characters an XML 1.0 document can carry as text, minus controls, private/unassigned code points
#: and Unicode spaces other than the four XML whitespace characters.  (XSD collapses only those four;
#: xmlschema also collapses e.g. U+00A0, so generated values avoid the difference.)
_UNICODE_SPACES = "".join(chr(c) for c in range(0x10000) if chr(c).isspace() and chr(c) not in " \t\n\r")
XML_TEXT = st.characters(
    codec="utf-8",
    exclude_categories=("Cs", "Cc", "Co", "Cn"),
    include_characters="\t\n\r",
    exclude_characters=_UNICODE_SPACES,
)


#: Patterns that only bound free text (``.{1,35}``, ``\P{Z}(.*\P{Z})?``): drawn as plain text, which is
#: far cheaper for hypothesis than regex generation; the validator filter keeps them exact.
_FREE_TEXT = re.compile(r"(?:\.|\\P\{Z\}|[()?*+]|\{\d+(?:,\d+)?\})+")
#: A free-text pattern of bounded length, ``.{4}`` or ``.{1,35}``: its least length is group 1.
_BOUNDED_TEXT = re.compile(r"\.\{(\d+)(?:,\d+)?\}")
#: A pattern that is one repeated atom, ``[A-Z]*`` or ``\d+``: the atom and the quantifier.
_ONE_ATOM_REPEATED = re.compile(r"(\[[^\]]*\]|\\.|[^\\\[\](){}*+?|])([*+])")
#: Longest free text drawn: long enough to be realistic, short enough to keep examples small.
TEXT_CAP = 12


_NO_SPACE = st.characters(
    codec="utf-8",
    exclude_categories=("Cs", "Cc", "Co", "Cn", "Zs", "Zl", "Zp"),
    exclude_characters=_UNICODE_SPACES,
)
_WORD = st.text("abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=8)
#: e-mail patterns (``\P{Z}[^@]*@[^\.]+\..*\P{Z}``) make regex generation reject almost everything;
#: a local part, a domain and a top-level domain drawn separately always fit.
_EMAIL = st.builds(lambda a, b, c: f"{a}@{b}.{c}", _WORD, _WORD, st.sampled_from(["eu", "com", "de", "pl"]))


def _pattern_strategy(f: Facets) -> st.SearchStrategy[str]:
    """Strings matching the most derived step's patterns (other steps are checked by the filter)."""
    step = f.patterns[-1]
    if any("@" in p for p in step):
        return _EMAIL
    options = []
    cap = f.length or f.max_length
    for p in step:
        repeated = _ONE_ATOM_REPEATED.fullmatch(p)
        if cap and repeated:  # e.g. [A-Z]* of length 1: exactly as long as the length facets say
            least = f.length or f.min_length or (1 if repeated.group(2) == "+" else 0)
            p = f"{repeated.group(1)}{{{least},{cap}}}"
        elif cap:  # bound open repetitions by the length facet so that draws are not thrown away
            p = re.sub(r"(?<!\\)\*", f"{{0,{cap}}}", p)
            p = re.sub(r"(?<!\\)\+", f"{{1,{cap}}}", p)
        # \P{Z} becomes \S: the alphabet has no Unicode spaces, and hypothesis wants no such literals
        translated = xsd_regex_to_python(p.replace(r"\P{Z}", r"\S")).replace(r"\d", "[0-9]")
        options.append(st.from_regex(re.compile(translated), fullmatch=True, alphabet=XML_TEXT))
    return st.one_of(options)


def _least_length(f: Facets) -> int | None:
    """The least length the free-text patterns allow (``.{4}``: 4), when every pattern bounds it."""
    bounds = [_BOUNDED_TEXT.fullmatch(p) for p in f.patterns[-1]] if f.patterns else []
    if not bounds or not all(bounds):
        return None
    return min(int(m.group(1)) for m in bounds if m is not None)


def _valid(f: Facets) -> Callable[[Any], bool]:
    """Whether a value passes every facet (patterns of all derivation steps included)."""

    def ok(value: Any) -> bool:
        try:
            f.validate(value)
        except ValueError:
            return False
        return True

    return ok


@cache
def leaf_values(f: Facets) -> st.SearchStrategy[Any]:
    """Values of one simple type, already in the form the model stores."""
    if f.enumeration is not None:
        return st.sampled_from(sorted(f.enumeration))
    if f.kind == "integer":
        low = f.min_inclusive if f.min_inclusive is not None else 0
        high = f.max_inclusive if f.max_inclusive is not None else 10**9
        return st.integers(low, high).filter(_valid(f))
    if f.kind == "decimal":
        total = f.total_digits or 16
        places = f.fraction_digits or 0
        whole = st.integers(0, 10 ** min(total - places, 12) - 1)
        frac = st.integers(0, 10**places - 1)
        return (
            st.tuples(whole, frac, st.integers(0, places))
            .map(lambda t: Decimal(f"{t[0]}.{str(t[1]).zfill(places)[: t[2]]}" if t[2] else str(t[0])))
            .filter(_valid(f))
        )
    if f.kind == "date":
        return st.dates(date(1990, 1, 1), date(2099, 12, 31))
    if f.kind == "datetime":
        return st.datetimes(datetime(1990, 1, 1), datetime(2099, 12, 31)).map(lambda d: d.replace(microsecond=0))
    sizes = [int(n) for p in (f.patterns[-1] if f.patterns else ()) for n in re.findall(r"\d+", p)]
    high = f.length or f.max_length or (max(sizes) if sizes else TEXT_CAP)
    low = f.length or f.min_length or _least_length(f) or 1
    if not f.patterns or all(_FREE_TEXT.fullmatch(p) for p in f.patterns[-1]):
        # no whitespace: the schema's whitespace facets would shorten the value and waste the draw
        base = st.text(_NO_SPACE, min_size=low, max_size=max(low, min(high, TEXT_CAP)))
    else:
        base = _pattern_strategy(f).map(lambda s: normalize_whitespace(s, f.whitespace))
    return base.filter(_valid(f))


def _child_strategy(child: Child, depth_items: int) -> st.SearchStrategy[Any]:
    if child.model is not None:
        one: st.SearchStrategy[Any] = schema_valid(child.model, max_items=depth_items)
    else:
        assert child.facets is not None
        one = leaf_values(child.facets)
    item = child.item
    # Optional data groups are drawn rarely (1 in 4) so that a whole message stays within what
    # hypothesis can build and shrink quickly; optional data items half of the time.
    rare = child.model is not None
    if child.repeated:
        high = min(item.max_occurs, max(item.min_occurs, depth_items))
        some = st.lists(one, min_size=max(1, item.min_occurs), max_size=max(1, high))
        if item.min_occurs:
            return some
        return st.one_of(st.just([]), st.just([]), st.just([]), some) if rare else st.just([]) | some
    if item.min_occurs == 0:
        return st.one_of(st.none(), st.none(), st.none(), one) if rare else st.none() | one
    return one


@cache
def schema_valid(cls: type[XmlModel], *, max_items: int = 1) -> st.SearchStrategy[Any]:
    """Instances of ``cls`` (any data group or a whole message) that the XSD accepts.

    ``max_items`` caps how many repetitions a repeated element gets, to keep
    examples small; the models' own bounds always hold.
    """
    fields = {c.field: _child_strategy(c, max_items) for c in cls.__xml_children__}
    return st.fixed_dictionaries(fields).map(lambda values: cls.model_validate(values))
