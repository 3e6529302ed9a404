"""Rules on the message header: message type, correlation identifier.

Each rule is one :class:`~ncts5.rules.declaration.Rule` value named by its id, with its check and
its example cases just above it (see :mod:`ncts5.rules.declaration`).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ncts5.rules.context import Context, Outcome
from ncts5.rules.declaration import IE015, IE015_IE170, P5_P6, TRANSITION, Fires, Rule, Silent, Suspends, Undecided
from ncts5.rules.examples import IE170_PRESENTATION, T1_ROAD

if TYPE_CHECKING:
    from ncts5.messages.cc015c import CC015C
    from ncts5.messages.cc170c import CC170C


def _not_imported(list_id: str, value: str) -> str:
    """Why C0511 cannot decide: its lists are not part of the official reference data ncts5 packages."""
    return (
        f"code list {list_id} cannot tell whether {value!r} belongs to it: it is not part of the packaged reference "
        f"data; import it with `ncts5 codelists import --list {list_id} FILE.csv`"
    )


# ------------------------------------------------------------------------------------------- C0511


def _c0511(ctx: Context[CC015C | CC170C]) -> Iterator[Outcome]:
    message = ctx.message
    label = ctx.label(message, "correlation_identifier")
    present = message.correlation_identifier is not None
    with_correlation = ctx.in_list("CL610", message.message_type)
    if with_correlation is None:
        yield ctx.unchecked(_not_imported("CL610", message.message_type), ctx.path(message, "correlation_identifier"))
        return
    if with_correlation:
        if not present:
            msg = f"a {message.message_type} message answers an earlier one: give its {label}"
            yield ctx.violation(message, "correlation_identifier", msg, code=13)
        return
    if not present:
        return
    without_header = ctx.in_list("CL385", message.message_type)
    if without_header is None:
        yield ctx.unchecked(_not_imported("CL385", message.message_type), ctx.path(message, "correlation_identifier"))
    elif without_header:
        msg = f"a {message.message_type} message has no correlation: remove the {label}"
        yield ctx.violation(message, "correlation_identifier", msg, code=15)


def _correlated(m: CC015C | CC170C) -> None:
    m.correlation_identifier = "MSG20260301-0001"


_CORRELATION = "/CC015C/correlationIdentifier"
#: CL610 and CL385 as a user would import them.  Test data: the real lists name the messages NCTS
#: exchanges in answer to another one; here CL610 names the IE015 so that the example shows the rule.
_IE015_ANSWERS = (("CL610", ("CC015C",)),)
_IE015_OPTIONAL = (("CL610", ("CC004C",)), ("CL385", ("CC999C",)))
_IE170_WITHOUT_HEADER = (("CL610", ("CC004C",)), ("CL385", ("CC170C",)))

C0511 = Rule(
    "C0511",
    "The correlation identifier is required or forbidden according to the message type (CL610, CL385).",
    messages=IE015_IE170,
    needs="code lists CL610 (MessageWithCorrelationIdentifier) and CL385 (MessageTypeWithoutHeader)",
    reason="needs code lists CL610 and CL385, which are not part of the packaged reference data: import them with "
    "`ncts5 codelists import --list CL610 FILE.csv` (and the same for CL385)",
    checks="The Correlation identifier is given when the message type is in CL610 (MessageWithCorrelationIdentifier), "
    "absent when it is in CL385 (MessageTypeWithoutHeader), and optional otherwise.",
    why="Customs match a message that answers another one to it by the correlation identifier; for the message "
    "types of CL385 NCTS correlates nothing, so an identifier there is refused.",
    fix="Give the message identification of the message this one answers, or remove the correlation identifier.",
    check=_c0511,
    cases=(
        Fires(T1_ROAD, at=_CORRELATION, code=13, says="give its Correlation identifier", with_lists=_IE015_ANSWERS),
        Fires(
            IE170_PRESENTATION,
            _correlated,
            at="/CC170C/correlationIdentifier",
            code=15,
            says="remove the Correlation identifier",
            with_lists=_IE170_WITHOUT_HEADER,
        ),
        Silent(T1_ROAD, with_lists=_IE015_OPTIONAL),
        Silent(T1_ROAD, _correlated, with_lists=_IE015_OPTIONAL),
        Undecided(T1_ROAD, at=_CORRELATION),
        Undecided(IE170_PRESENTATION, at="/CC170C/correlationIdentifier"),
        Undecided(T1_ROAD, _correlated, at=_CORRELATION, with_lists=(("CL610", ("CC004C",)),)),
    ),
    releases=P5_P6,
)

# ------------------------------------------------------------------------------------------- B1833 (transition)

B1833 = Rule(
    "B1833",
    "Transition period: the correlation identifier is optional (C0511 is suspended).",
    messages=IE015,
    phases=TRANSITION,
    error_code=50,
    suspends=("C0511",),
    checks="Nothing in the message: during the transition period C0511 is switched off and the correlation "
    "identifier is optional for every message type.",
    why="Until TPendDate customs exchange messages with NCTS phase 4 systems, which do not correlate messages the "
    "phase 5 way.",
    fix="Nothing to fix during the transition period; after it, follow C0511.",
    cases=(Suspends(T1_ROAD, with_lists=_IE015_ANSWERS),),
)

# ------------------------------------------------------------------------------------------- R0008

R0008 = Rule(
    "R0008",
    "The correlation identifier repeats the message identification of the message it answers.",
    messages=IE015_IE170,
    reason="needs the NCTS record of the earlier message this one answers",
    checks="The Correlation identifier equals the Message identification of the request or rejected message this "
    "message answers.",
    why="Customs match the answer to its request by this identifier; any other value correlates it with the "
    "wrong message or none.",
    fix="Copy the message identification of the message you answer.",
    cases=(Undecided(T1_ROAD), Undecided(IE170_PRESENTATION)),
    releases=P5_P6,
)
