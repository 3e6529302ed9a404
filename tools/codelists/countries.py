"""The NCTS adjustments to ISO data that tools/update_codelists.py applies.

pycountry gives ISO 3166-1 countries, ISO 4217 currencies and ISO 639-1 languages. NCTS uses
the EU's Geonomenclature instead of plain ISO 3166: a few non-ISO codes are added and some
lists are subsets (EU member states, common transit countries...). Those adjustments are
public facts written down here, each with the reason it holds; nothing is read from any
official snapshot. The code-list tests cross-check the generated files against the official
reference data when it is available and fail on any code we ship that the official list lacks.
"""

from __future__ import annotations

#: Geonomenclature codes that ISO 3166-1 does not assign (code -> English description).
GEONOMENCLATURE_EXTRA: dict[str, str] = {
    "XC": "Ceuta",
    "XI": "United Kingdom (Northern Ireland)",
    "XK": "Kosovo",
    "XL": "Melilla",
    "XS": "Serbia",
}

#: Geonomenclature codes for places that are not countries (only meaningful as statistical
#: "countries", never in an address or as a nationality).
GEONOMENCLATURE_Q_CODES: dict[str, str] = {
    "QP": "High seas",
    "QQ": "Stores and provisions",
    "QR": "Stores and provisions within the framework of intra-EU trade",
    "QS": "Stores and provisions within the framework of trade with third countries",
    "QU": "Countries and territories not specified",
    "QV": "Countries and territories not specified within the framework of intra-EU trade",
    "QW": "Countries and territories not specified within the framework of trade with third countries",
    "QX": "Countries and territories not specified for commercial or military reasons",
    "QY": "Countries and territories not specified for commercial or military reasons in intra-EU trade",
    "QZ": "Countries and territories not specified for commercial or military reasons in trade with third countries",
}

#: The 27 member states of the European Union (Greece is GR in customs, not EL).
EU_MEMBER_STATES: tuple[str, ...] = (
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU",
    "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
)  # fmt: skip

#: Contracting parties of the Convention on a common transit procedure besides the EU that
#: NCTS lists: the EFTA countries Switzerland, Iceland and Norway (1987), Türkiye (2012), North
#: Macedonia (2015), Serbia (2016), the United Kingdom (2021) and Ukraine (2022). Georgia
#: (2024) is left out: NCTS code lists did not carry it as a common transit country when these
#: files were written, and a packaged list must never accept more than NCTS does.
CTC_CONTRACTING_PARTIES: tuple[str, ...] = ("CH", "IS", "NO", "TR", "MK", "RS", "GB", "UA")

#: Andorra and San Marino are in customs union with the EU and use Union transit.
CUSTOMS_UNION_PARTNERS: tuple[str, ...] = ("AD", "SM")

#: Northern Ireland is treated as part of the Union customs territory for goods (Windsor
#: Framework) and has its own office codes (XI......).
NORTHERN_IRELAND = "XI"

#: Countries whose customs security area the EU shares by agreement (Switzerland, Norway).
SECURITY_AGREEMENT_PARTNERS: tuple[str, ...] = ("CH", "NO")

#: ISO codes a list does not use as a country of its own (code -> why), per list. A means of
#: transport registered in these territories carries the nationality of the state they belong
#: to. (The cross-check test against the official reference data confirmed this set.)
EXCLUDED: dict[str, dict[str, str]] = {
    "CL008": {},
    "CL165": {
        "AX": "Åland Islands: Finnish registration (FI)",
        "GF": "French Guiana: French registration (FR)",
        "GP": "Guadeloupe: French registration (FR)",
        "MF": "Saint Martin (French part): French registration (FR)",
        "MQ": "Martinique: French registration (FR)",
        "RE": "Réunion: French registration (FR)",
        "YT": "Mayotte: French registration (FR)",
        "GG": "Guernsey: British registration (GB)",
        "IM": "Isle of Man: British registration (GB)",
        "JE": "Jersey: British registration (GB)",
        "SJ": "Svalbard and Jan Mayen: Norwegian registration (NO)",
    },
    "CL248": {},
}

#: Currencies accepted for the guarantee amount: the national currencies of the common
#: transit countries (EU member states, CTC contracting parties), by country for review.
CTC_CURRENCIES: dict[str, str] = {
    "EUR": "euro area member states, Andorra, San Marino",
    "CZK": "Czechia",
    "DKK": "Denmark",
    "HUF": "Hungary",
    "PLN": "Poland",
    "RON": "Romania",
    "SEK": "Sweden",
    "CHF": "Switzerland",
    "ISK": "Iceland",
    "NOK": "Norway",
    "GBP": "United Kingdom",
    "TRY": "Türkiye",
    "MKD": "North Macedonia",
    "RSD": "Serbia",
    "UAH": "Ukraine",
}

#: Currencies of common transit countries that ISO 4217 (and so pycountry) has withdrawn, kept
#: with the last day they were legal tender so that only declarations decisive before it
#: accept them: code -> (name, last day).
WITHDRAWN_CURRENCIES: dict[str, tuple[str, str]] = {
    # Bulgaria adopted the euro on 2026-01-01; ISO 4217 (pycountry 26.2.16) no longer lists BGN.
    "BGN": ("Bulgarian Lev", "2025-12-31"),
}

#: Languages customs of the common transit countries communicate in (ISO 639-1, upper case
#: as NCTS writes them): the 24 official EU languages, then those of the other parties.
CUSTOMS_LANGUAGES: tuple[str, ...] = (
    "BG", "CS", "DA", "DE", "EL", "EN", "ES", "ET", "FI", "FR", "GA", "HR", "HU", "IT", "LT",
    "LV", "MT", "NL", "PL", "PT", "RO", "SK", "SL", "SV",
    "IS", "NO", "TR", "MK", "SR", "UK", "KA", "CA",
)  # fmt: skip
