"""The small messages rule examples start from (``Fires(T1_ROAD, change, at=...)``).

Each is a schema-valid message chosen for its details (a T1 by road with an export MRN at item
level and no place of loading; a TIR declaration; a pre-lodged declaration's IE170).  They are
fixed: a rule's examples depend on them, so change one only together with the examples that break.
The shipped ``examples/`` folder is for users and may change freely.

``p6/`` holds each example's Phase 6 form: the same data written by :func:`ncts5.upgrade` (a test
keeps them equal), so a case's change and the paths of its findings mean the same in both releases.
"""

from __future__ import annotations

from importlib import resources

from ncts5.messages.catalogue import Release
from ncts5.messages.message import Message

#: A T1 declaration by road, Hamburg to Rotterdam, two goods items, guarantee type 1 with a GRN.
T1_ROAD = "t1-road.xml"
#: A TIR declaration (guarantee type B, carnet XA30123456).
TIR = "tir.xml"
#: An IE170 presentation notification for a pre-lodged declaration.
IE170_PRESENTATION = "ie170-presentation.xml"

NAMES: tuple[str, ...] = (T1_ROAD, TIR, IE170_PRESENTATION)


def load(name: str, release: Release = "5") -> Message:
    """A fresh model of one example in ``release`` (the caller may change it freely)."""
    from ncts5.xml.reader import from_xml

    if name not in NAMES:
        raise KeyError(f"no rule example {name!r}; the examples are {', '.join(NAMES)}")
    folder = resources.files(__name__)
    if release == "6":
        folder = folder.joinpath("p6")
    return from_xml(folder.joinpath(name).read_bytes(), release=release)
