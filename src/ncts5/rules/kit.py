"""What rules share: one definition of each fact several rules read, and one wording for each reply.

Before this module the security codes were spelled four ways, "export followed by transit" was
defined twice (differently), the *code list cannot decide* reply was copied into three modules and
56 messages typed data element numbers by hand.  A rule module imports what it needs from here;
a fact that only one rule reads stays in that rule.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, TypeGuard, overload

from ncts5.codelists.catalogue import import_hint
from ncts5.messages.meta import XmlModel

if TYPE_CHECKING:
    from ncts5.messages.cc015c import CC015C, ConsignmentItem, HouseConsignment
    from ncts5.messages.cc170c import CC170C
    from ncts5.messages.p6 import cc015c as p6
    from ncts5.messages.p6.cc170c import CC170C as P6CC170C
    from ncts5.rules.context import Context

# ------------------------------------------------------------------------------------------ security (CL217)
#: 11 07 000 000 Security (CL217): 0 no safety and security data, 1 entry summary declaration (ENS),
#: 2 exit summary declaration (EXS), 3 both.


def has_security_data(security: str | None) -> bool:
    """Security 1, 2 or 3: the declaration carries safety and security data."""
    return security in ("1", "2", "3")


def has_entry_summary(security: str | None) -> bool:
    """Security 1 or 3: the declaration includes an entry summary declaration (ENS)."""
    return security in ("1", "3")


def has_exit_summary(security: str | None) -> bool:
    """Security 2 or 3: the declaration includes an exit summary declaration (EXS)."""
    return security in ("2", "3")


# ------------------------------------------------------------------------------------------ export followed by transit
#: The previous document type of an export declaration: the only code of CL228
#: (PreviousDocumentExportType).
EXPORT_DECLARATION = "N830"


def exports_followed_by_transit(house: HouseConsignment | p6.HouseConsignment) -> bool:
    """Whether a house consignment is an *export followed by transit*.

    The DDNTA defines it per house consignment: "<CONSIGNMENT-HOUSE CONSIGNMENT-PREVIOUS
    DOCUMENT.Type> = 'N830'" (G0026, G0071, G0072; G0991: after the transition period N830 is valid
    only in CL228, at house consignment level).  During the transition period the export MRN may
    instead sit on the goods items (B1000): see :func:`item_cites_export`.  The same declaration
    can mix house consignments that follow an export and others that do not, so a rule asks this
    per house consignment; :func:`declaration_exports_followed_by_transit` is for rules about the
    whole declaration.
    """
    return any(d.type == EXPORT_DECLARATION for d in house.previous_document)


def item_cites_export(item: ConsignmentItem) -> bool:
    """Whether a goods item cites an export declaration (the transition period's form, B1000)."""
    return any(d.type == EXPORT_DECLARATION for d in item.previous_document)


def declaration_exports_followed_by_transit(message: CC015C) -> bool:
    """Whether any house consignment of the declaration (or, transition form, any goods item) follows an export."""
    return any(
        exports_followed_by_transit(h) or any(item_cites_export(i) for i in h.consignment_item)
        for h in message.consignment.house_consignment
    )


# ------------------------------------------------------------------------------------------ messages and offices


@overload
def is_ie015(message: CC015C | CC170C) -> TypeGuard[CC015C]: ...
@overload
def is_ie015(message: p6.CC015C | P6CC170C) -> TypeGuard[p6.CC015C]: ...
def is_ie015(message: CC015C | CC170C | p6.CC015C | P6CC170C) -> bool:
    """Narrows a rule's message to the IE015 of its release (for rules the IE015 and IE170 tables share)."""
    return message.root_name == "CC015C"


def office_country(reference_number: str | None) -> str | None:
    """The country a customs office reference number starts with (``DE004058`` → ``DE``)."""
    return reference_number[:2] if reference_number else None


# ------------------------------------------------------------------------------------------ wording


def undecided(list_id: str, value: object) -> str:
    """The one reply of a check that needs a code list which cannot decide (list missing or partial)."""
    return (
        f"code list {list_id} cannot tell whether {value!r} belongs to it (the list is missing, damaged or holds "
        f"only some codes: `ncts5 explain {list_id}` says which); {import_hint(list_id)}"
    )


def field_label(cls: type[XmlModel], field: str) -> str:
    """How a message names a field of data group ``cls``: number and name (``12 12 002 000 Type``).

    From the field metadata, for a field the check has no instance of (e.g. an authorisation type
    the declaration lacks); with an instance at hand :meth:`Context.label` says the same.
    """
    item = cls.item(field)
    return f"{item.data_element} {item.description}" if item.data_element else item.description


def stated(ctx: Context[Any], model: XmlModel, field: str) -> str:
    """A field and its value as a declarant reads them: ``11 07 000 000 Security 1``.

    The number and name come from the field metadata (:meth:`Context.label`), never typed by hand.
    """
    return f"{ctx.label(model, field)} {getattr(model, field)}"


@overload
def houses_and_items(msg: CC015C) -> Iterator[tuple[HouseConsignment, ConsignmentItem]]: ...
@overload
def houses_and_items(msg: p6.CC015C) -> Iterator[tuple[p6.HouseConsignment, p6.ConsignmentItem]]: ...
def houses_and_items(msg: CC015C | p6.CC015C) -> Iterator[tuple[Any, Any]]:
    """Every goods item of an IE015 with the house consignment it belongs to, in document order."""
    for house in msg.consignment.house_consignment:
        for item in house.consignment_item:
            yield house, item


def any_in_list(ctx: Context[Any], list_id: str, codes: Iterable[str]) -> bool | None:
    """True if one of *codes* is in the list, False if none is, None if the list cannot decide one of them."""
    unknown = False
    for code in codes:
        found = ctx.in_list(list_id, code)
        if found:
            return True
        unknown = unknown or found is None
    return None if unknown else False
