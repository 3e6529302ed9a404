"""The public strategies: arbitrary schema-valid messages and realistic, rule-valid declarations."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal, overload

from hypothesis import strategies as st

from ncts5.messages.catalogue import Release, message_class
from ncts5.testing.declaration import declarations
from ncts5.testing.schema import schema_valid

if TYPE_CHECKING:
    from ncts5.messages.cc015c import CC015C
    from ncts5.messages.cc170c import CC170C
    from ncts5.messages.message import Message
    from ncts5.messages.p6.cc015c import CC015C as P6CC015C
    from ncts5.messages.p6.cc170c import CC170C as P6CC170C

__all__ = ["cc015c", "cc170c", "valid_declarations"]


def _with_phase_id(message: Message) -> Message:
    """A Phase 6 message names its release (``NCTS6``): without it a reader takes it for Phase 5."""
    return message.model_copy(update={"phase_id": "NCTS6"})


def _messages(root_name: str, max_items: int, release: Release) -> st.SearchStrategy[Any]:
    strategy: st.SearchStrategy[Any] = schema_valid(message_class(root_name, release), max_items=max_items)
    return strategy if release == "5" else strategy.map(_with_phase_id)


@overload
def cc015c(*, max_items: int = 1, release: Literal["5"] = "5") -> st.SearchStrategy[CC015C]: ...
@overload
def cc015c(*, max_items: int = 1, release: Literal["6"]) -> st.SearchStrategy[P6CC015C]: ...
def cc015c(*, max_items: int = 1, release: Release = "5") -> st.SearchStrategy[Any]:
    """Arbitrary schema-valid IE015 declarations (not necessarily rule-valid): 51.8.6, or 60.4.16 with ``release="6"``.

    Phase 6 messages carry ``PhaseID="NCTS6"``, so :func:`ncts5.from_xml` reads them back as Phase 6.
    """
    return _messages("CC015C", max_items, release)


@overload
def cc170c(*, max_items: int = 1, release: Literal["5"] = "5") -> st.SearchStrategy[CC170C]: ...
@overload
def cc170c(*, max_items: int = 1, release: Literal["6"]) -> st.SearchStrategy[P6CC170C]: ...
def cc170c(*, max_items: int = 1, release: Release = "5") -> st.SearchStrategy[Any]:
    """Arbitrary schema-valid IE170 presentation notifications (Phase 5, or Phase 6 with ``release="6"``)."""
    return _messages("CC170C", max_items, release)


def _as_phase6(message: CC015C) -> P6CC015C:
    """The Phase 6 form of a rule-valid Phase 5 declaration (:func:`ncts5.upgrade`; never incomplete here)."""
    from ncts5.upgrading import upgrade

    result = upgrade(message)
    if not result.complete:  # the generator always gives what Phase 6 makes mandatory
        raise AssertionError(f"valid_declarations(release='6'): upgrade left decisions open: {result.decisions}")
    return result.message  # type: ignore[return-value]


@overload
def valid_declarations(*, phase: str = "final", release: Literal["5"] = "5") -> st.SearchStrategy[CC015C]: ...
@overload
def valid_declarations(*, phase: str = "final", release: Literal["6"]) -> st.SearchStrategy[P6CC015C]: ...
def valid_declarations(*, phase: str = "final", release: Release = "5") -> st.SearchStrategy[Any]:
    """Realistic IE015 declarations with no error finding when validated in ``phase``.

    ``phase`` is ``"final"`` (after the transition period) or ``"transition"`` (decisive date on or
    before TPendDate: one house consignment, documents and several consignees only per goods item,
    country of dispatch only for TIR, the shorter formats).  Guideline warnings and the rules ncts5
    cannot check offline (reported as *not checked*) may remain.  Raises :class:`ValueError` for
    another phase.  ``release="6"`` gives the same declarations in their Phase 6 form (60.4.16,
    ``PhaseID="NCTS6"``), valid under the Phase 6 rules; Phase 6 has no transition phase.
    """
    if release not in ("5", "6"):
        raise ValueError(f"release must be '5' or '6', not {release!r}")
    if release == "6":
        if phase != "final":
            raise ValueError("Phase 6 has no transition period: valid_declarations(release='6') takes phase='final'")
        return declarations(phase=phase).map(_as_phase6)
    return declarations(phase=phase)
