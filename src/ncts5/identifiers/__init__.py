"""Identifiers of transit declarations, one small module each, in python-stdnum's shape.

Every module has ``compact(value)`` (drop spaces and separators, upper-case), ``validate(value)``
(the compact value, or an :class:`InvalidIdentifier` saying what is wrong and at which character)
and ``is_valid(value)`` (a bool, never raises); :mod:`.container` also has ``format(value)``::

    from ncts5.identifiers import mrn, grn

    mrn.validate("24GB000246J8NY33L7")   # '24GB000246J8NY33L7'
    grn.is_valid("24GB0000010000296")    # False: wrong check digit (R0028)

=================  ============================================================
:mod:`.mrn`         movement reference number (18 characters, ISO 6346 check digit)
:mod:`.grn`         guarantee reference number (17, or 24 for vouchers; check digit)
:mod:`.lrn`         local reference number (up to 22 characters, no structure)
:mod:`.eori`        EORI number (country code and up to 15 letters or digits)
:mod:`.container`   container number (ISO 6346)
:mod:`.tir_carnet`  TIR carnet number (IRU series accepted by R0990)
=================  ============================================================

The rules check declarations with these same functions (R0416 with :mod:`.mrn`, R0990 with
:mod:`.tir_carnet`), and :mod:`ncts5.testing.identifiers` draws valid ones with the same check digits
(:mod:`ncts5.checkdigits`).  This package sits below the message models: it imports only
:mod:`ncts5.errors`, :mod:`ncts5.checkdigits` and (for country codes, on first use) pycountry.
"""

from __future__ import annotations

from types import ModuleType
from typing import TYPE_CHECKING

from ncts5.identifiers.exceptions import (
    InvalidChecksum,
    InvalidComponent,
    InvalidFormat,
    InvalidIdentifier,
    InvalidLength,
)

if TYPE_CHECKING:
    from ncts5.identifiers import container, eori, grn, lrn, mrn, tir_carnet

__all__ = [
    "InvalidChecksum",
    "InvalidComponent",
    "InvalidFormat",
    "InvalidIdentifier",
    "InvalidLength",
    "container",
    "eori",
    "grn",
    "lrn",
    "mrn",
    "tir_carnet",
]

_MODULES = frozenset({"container", "eori", "grn", "lrn", "mrn", "tir_carnet"})


def __getattr__(name: str) -> ModuleType:
    # each identifier module loads on first use, so a rule that checks MRNs costs no container code
    if name in _MODULES:
        import importlib

        return importlib.import_module(f"ncts5.identifiers.{name}")
    raise AttributeError(f"module 'ncts5.identifiers' has no attribute {name!r}")
