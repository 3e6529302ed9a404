"""The public strategies: arbitrary schema-valid messages and realistic, rule-valid declarations."""

from __future__ import annotations

from hypothesis import strategies as st

from ncts5.messages.cc015c import CC015C
from ncts5.messages.cc170c import CC170C
from ncts5.testing.declaration import declarations
from ncts5.testing.schema import schema_valid

__all__ = ["cc015c", "cc170c", "valid_declarations"]


def cc015c(*, max_items: int = 1) -> st.SearchStrategy[CC015C]:
    """Arbitrary schema-valid IE015 declarations (not necessarily rule-valid)."""
    strategy: st.SearchStrategy[CC015C] = schema_valid(CC015C, max_items=max_items)
    return strategy


def cc170c(*, max_items: int = 1) -> st.SearchStrategy[CC170C]:
    """Arbitrary schema-valid IE170 presentation notifications."""
    strategy: st.SearchStrategy[CC170C] = schema_valid(CC170C, max_items=max_items)
    return strategy


def valid_declarations(*, phase: str = "final") -> st.SearchStrategy[CC015C]:
    """Realistic IE015 declarations with no error finding when validated in ``phase``.

    ``phase`` is ``"final"`` (after the transition period) or ``"transition"`` (decisive date on or
    before TPendDate: one house consignment, documents and several consignees only per goods item,
    country of dispatch only for TIR, the shorter formats).  Guideline warnings and the rules ncts5
    cannot check offline (reported as *not checked*) may remain.  Raises :class:`ValueError` for
    another phase.
    """
    return declarations(phase=phase)
