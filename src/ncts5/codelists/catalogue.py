"""Which code lists exist, what they are called, and which ones the messages use.

The DDNTA refers to a code list by number (``CL231``) while the official reference data
names it (``DeclarationType``). Everything that accepts a list key goes through
:func:`resolve` so both spellings work everywhere, and so that a typo is reported as an
unknown list instead of silently finding nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from types import MappingProxyType

#: Every code list number the DDNTA (Appendix Q2, 5.15.2) names, with the list name the
#: official reference data uses for it. Two names are shared by two numbers
#: (``MessageWithCorrelationIdentifier``: CL160/CL610, ``RejectionCodeDepartureExport``:
#: CL226/CL227); looking such a name up gives the first number.
_LISTS: tuple[tuple[str, str], ...] = (
    ("CL008", "CountryCodesFullList"),
    ("CL009", "CountryCodesCommonTransit"),
    ("CL010", "CountryCodesCommunity"),
    ("CL016", "CUSCode"),
    ("CL017", "KindOfPackages"),
    ("CL019", "IncidentCode"),
    ("CL027", "Flag"),
    ("CL038", "QualifierOfIdentificationIncident"),
    ("CL042", "DeclarationTypeAdditional"),
    ("CL048", "CurrencyCodes"),
    ("CL060", "MessageTypes"),
    ("CL070", "CountryCodesCustomsOfficeLists"),
    ("CL076", "GuaranteeTypeWithReference"),
    ("CL094", "RepresentativeStatusCode"),
    ("CL101", "UnDangerousGoodsCode"),
    ("CL112", "CountryCodesCTC"),
    ("CL116", "TransportChargesMethodOfPayment"),
    ("CL141", "CustomsOffices"),
    ("CL147", "CountryCustomsSecurityAgreementArea"),
    ("CL152", "HScode"),
    ("CL160", "MessageWithCorrelationIdentifier"),
    ("CL163", "ReleaseType"),
    ("CL164", "ReleaseNotification"),
    ("CL165", "Nationality"),
    ("CL171", "CustomsOfficeDeparture"),
    ("CL172", "CustomsOfficeDestination"),
    ("CL173", "CustomsOfficeTransit"),
    ("CL175", "CustomsOfficeTransitExit"),
    ("CL177", "CustomsOfficeRecovery"),
    ("CL178", "PreviousDocumentUnionGoods"),
    ("CL180", "FunctionalErrorCodesIeCA"),
    ("CL181", "KindOfPackagesBulk"),
    ("CL182", "KindOfPackagesUnpacked"),
    ("CL190", "CountryAddressPostcodeBased"),
    ("CL192", "LanguageByCustoms"),
    ("CL195", "ControlResultCodeDepartureSimplifiedExcluded"),
    ("CL196", "ControlResultCodeDeparture"),
    ("CL198", "CountryAddressPostcodeOnly"),
    ("CL211", "NoReleaseMotivation"),
    ("CL213", "SupportingDocumentType"),
    ("CL214", "PreviousDocumentType"),
    ("CL215", "RequestedDocumentType"),
    ("CL217", "DeclarationTypeSecurity"),
    ("CL218", "TransportModeCode"),
    ("CL219", "TypeOfIdentificationofMeansOfTransportActive"),
    ("CL226", "RejectionCodeDepartureExport"),
    ("CL227", "RejectionCodeDepartureExport"),
    ("CL228", "PreviousDocumentExportType"),
    ("CL229", "GuaranteeTypeCTC"),
    ("CL230", "GuaranteeTypeEUNonTIR"),
    ("CL231", "DeclarationType"),
    ("CL232", "DeclarationTypeItemLevel"),
    ("CL234", "DocumentTypeExcise"),
    ("CL235", "AuthorisationTypeDeparture"),
    ("CL236", "AuthorisationTypeDestination"),
    ("CL239", "AdditionalInformation"),
    ("CL244", "UnLocodeExtended"),
    ("CL248", "CountryCodesForAddress"),
    ("CL251", "GuaranteeType"),
    ("CL252", "InvalidGuaranteeReason"),
    ("CL286", "GuaranteeTypeWithGRN"),
    ("CL289", "CountryPlaceOfLoadingNotRequired"),  # DDNTA 6.4.1 (C0409, C0412); not in 5.15.2
    ("CL294", "CustomsOfficeExitDeclared"),
    ("CL296", "SpecificCircumstanceIndicatorCode"),
    ("CL326", "QualifierOfTheIdentification"),
    ("CL347", "TypeOfLocation"),
    ("CL349", "Unit"),
    ("CL380", "AdditionalReference"),
    ("CL384", "NotificationType"),
    ("CL385", "MessageTypeWithoutHeader"),
    ("CL505", "CountryWithoutZip"),
    ("CL553", "MSCountry"),
    ("CL560", "BusinessRejectionTypeDepExp"),
    ("CL570", "BusinessRejectionTypeDesExt"),
    ("CL610", "MessageWithCorrelationIdentifier"),
    ("CL704", "AdditionalSupplyChainActorRoleCode"),
    ("CL716", "ControlType"),
    ("CL750", "TypeOfIdentificationOfMeansOfTransport"),
    ("CL754", "TransportDocumentType"),
)

#: id -> name.
NAMES: MappingProxyType[str, str] = MappingProxyType(dict(_LISTS))


def _ids_by_name() -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for list_id, name in _LISTS:
        out.setdefault(name, []).append(list_id)
    return {name: tuple(ids) for name, ids in out.items()}


#: name -> every id that carries that name (usually one).
IDS_BY_NAME: MappingProxyType[str, tuple[str, ...]] = MappingProxyType(_ids_by_name())
_IDS_BY_FOLDED_NAME = {name.casefold(): ids for name, ids in IDS_BY_NAME.items()}

#: The 41 code lists referenced by the IE015 (CC015C) and IE170 (CC170C) message tables of
#: DDNTA Appendix Q2. CL010 is not among them: only rules (R0900, R0909...) use it.
MESSAGE_LIST_IDS: tuple[str, ...] = (
    "CL008", "CL009", "CL016", "CL017", "CL027", "CL042", "CL048", "CL060", "CL094", "CL101",
    "CL116", "CL141", "CL152", "CL165", "CL171", "CL172", "CL173", "CL175", "CL190", "CL192",
    "CL213", "CL214", "CL217", "CL218", "CL219", "CL228", "CL231", "CL232", "CL235", "CL239",
    "CL244", "CL248", "CL251", "CL296", "CL326", "CL347", "CL349", "CL380", "CL704", "CL750",
    "CL754",
)  # fmt: skip

#: Code lists that are not lists of their own but views of the customs office list (COL):
#: CL141 is every office, the others the offices holding one role. The role codes are
#: those of the COL file (``roles[].role``).
OFFICE_LISTS: MappingProxyType[str, str | None] = MappingProxyType(
    {
        "CL141": None,
        "CL171": "DEP",  # office of departure
        "CL172": "DES",  # office of destination
        "CL173": "TRA",  # office of transit
        "CL175": "TXT",  # office of exit for transit
        "CL177": "REC",  # office of recovery
    }
)

#: Lists too large, or changing too often, to ship; only an import makes them checkable.
LARGE_LISTS: frozenset[str] = frozenset({"CL016", "CL017", "CL101", "CL152", "CL244", *OFFICE_LISTS})

_ID_RE = re.compile(r"^CL\d{3}$", re.IGNORECASE)


def resolve(key: str) -> str | None:
    """Return the list id for *key* (``"CL231"``, ``"cl231"`` or ``"DeclarationType"``), or None."""
    key = key.strip()
    if _ID_RE.match(key):
        list_id = key.upper()
        return list_id if list_id in NAMES else None
    ids = IDS_BY_NAME.get(key) or _IDS_BY_FOLDED_NAME.get(key.casefold())
    return ids[0] if ids else None


def ids_for_name(name: str) -> tuple[str, ...]:
    """Every id an official list name stands for (two for the two shared names)."""
    return IDS_BY_NAME.get(name, ())


def import_hint(list_id: str) -> str:
    """How a user gets *list_id* checked or brought up to date: the sentence "not available" messages end with."""
    if list_id in OFFICE_LISTS:
        return (
            "import a newer customs office list with `ncts5 codelists import COL-Generic-YYYYMMDD.json.gz` "
            "(or ncts5.codelists.import_reference_data)"
        )
    return (
        "import newer official reference data with `ncts5 codelists import RD_NCTS-P5.json.gz`, "
        f"or this list alone with `ncts5 codelists import --list {list_id} FILE.csv`"
    )


def sort_ids(ids: Iterable[str]) -> list[str]:
    """Ids in numeric order (CL008 < CL010 < CL141)."""
    return sorted(ids, key=lambda i: (len(i), i))
