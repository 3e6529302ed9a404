"""``ncts5.testing.cc015c()`` / ``cc170c()`` work in a user's test with hypothesis's default health checks.

Before, one IE015 draw in nine was thrown away (``.{4}`` drawn 1 to 4 characters long, ``[A-Z]*`` of
length 1 drawn empty), and ``@given(cc015c())`` failed the ``filter_too_much`` health check in 18
of 20 runs.  ``too_slow`` is left out: it measures the machine, and tests never assert timings.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from ncts5.testing import cc015c, cc170c


@pytest.mark.parametrize("strategy", [cc015c, cc170c], ids=["cc015c", "cc170c"])
def test_strategies_pass_the_health_checks(strategy: Any) -> None:
    drawn = []

    @settings(max_examples=10, database=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
    @given(strategy())
    def use(message: Any) -> None:
        drawn.append(message)

    use()  # raises FailedHealthCheck when too many draws are rejected
    assert len(drawn) >= 10
