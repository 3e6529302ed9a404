"""Structure mutations of Phase 6 documents: ncts5 rejects them exactly when the 60.4.16 XSD does.

The mutations and the agreement check are :mod:`tests.test_mutations`'s, run against the Phase 6
schemas; the seeds carry ``PhaseID="NCTS6"`` (mutations never touch the root's attributes), so
ncts5 reads every mutant as Phase 6 on its own.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import EXAMPLES
from tests.test_mutations import SETTINGS, check_agreement, mutated_documents

SEEDS = [p.read_bytes() for p in sorted((EXAMPLES / "phase6").glob("*.xml"))]


@settings(SETTINGS, max_examples=120)
@given(mutated_documents(st.sampled_from(SEEDS)))
def test_phase6_structure_mutations_rejected_exactly_when_the_xsd_rejects(xsd_schemas_p6, case):
    name, data, done = case
    check_agreement(xsd_schemas_p6, name, data, done)


def _generated() -> st.SearchStrategy[bytes]:
    from ncts5.testing import cc015c, cc170c

    return st.one_of(cc015c(release="6"), cc170c(release="6")).map(lambda m: m.to_xml())


@settings(SETTINGS, max_examples=8)
@given(mutated_documents(_generated()))
def test_mutations_of_generated_phase6_messages_rejected_exactly_when_the_xsd_rejects(xsd_schemas_p6, case):
    name, data, done = case
    check_agreement(xsd_schemas_p6, name, data, done)
