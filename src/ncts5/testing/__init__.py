"""Hypothesis strategies for NCTS messages, for ncts5's tests and for yours.

``cc015c()`` and ``cc170c()`` (and ``schema_valid(cls)`` for any data group) build arbitrary
messages that schema 51.8.6 accepts, which is what a parser or writer needs.
``valid_declarations(phase=...)`` builds the other kind: realistic IE015 declarations a customs
office would accept, with no error finding in ``ncts5.validate(msg, phase=phase)``, so that a
failing test points at the program under test and not at an impossible input.

How the declarations stay valid without filtering: an example is built top-down from a few
decisions (:mod:`.plan`: declaration type, route, security, transport, house consignments and goods
items), and every later choice is made only among the values the rules allow given the earlier ones
(:mod:`.parties`, :mod:`.header`, :mod:`.transport`, :mod:`.goods`, assembled in
:mod:`.declaration`): offices of transit come with the route, GRNs only with the guarantee types of
CL286, a place of unloading only with the securities that allow it, and so on.  Nothing is drawn
from a regex or rejected afterwards, so an example costs a few milliseconds.  Values come from small
tables of real data (:mod:`.tables`, loaded from ``data/*.json``) and identifiers with correct check
digits (:mod:`.identifiers`).

Requires the ``hypothesis`` package (``pip install 'ncts5[testing]'``).
"""

from __future__ import annotations

from ncts5.testing.schema import leaf_values, schema_valid
from ncts5.testing.strategies import cc015c, cc170c, valid_declarations

__all__ = ["cc015c", "cc170c", "leaf_values", "schema_valid", "valid_declarations"]
