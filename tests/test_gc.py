"""The library never touches Python's garbage collector: it is process-wide state, not ncts5's to switch.

Validating with the collector paused once made another thread's garbage grow a process from 45 MB
to 996 MB (issue 9): while eight threads validated, some pause was always open.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable, Iterator

import pytest

import ncts5
from ncts5.rules.engine import resolve_options, run
from tests.conftest import EXAMPLES

T1 = EXAMPLES / "t1-road.xml"
IE170 = EXAMPLES / "ie170-presentation.xml"


@pytest.fixture
def collector_switches(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Record every call to the collector's process-wide switches while the test runs."""
    calls: list[str] = []
    for name in ("disable", "enable", "freeze", "unfreeze", "set_threshold"):
        original: Callable[..., object] = getattr(gc, name)

        def record(*args: object, _name: str = name, _original: Callable[..., object] = original) -> object:
            calls.append(_name)
            return _original(*args)

        monkeypatch.setattr(gc, name, record)
    yield calls


@pytest.mark.parametrize("enabled", [True, False], ids=["collector-on", "collector-off"])
def test_validating_leaves_the_collector_as_it_was(enabled: bool, collector_switches: list[str]) -> None:
    was = gc.isenabled()
    try:
        (gc.enable if enabled else gc.disable)()
        collector_switches.clear()
        message = ncts5.from_xml(T1)
        assert gc.isenabled() is enabled
        assert ncts5.validate(T1.read_bytes()).ok
        assert gc.isenabled() is enabled
        assert ncts5.validate(message).ok
        assert gc.isenabled() is enabled
        from ncts5 import codelists
        from ncts5.rules.registry import rule_set

        assert run(message, resolve_options(), rules=rule_set(), codelists=codelists).findings == []
        assert ncts5.validate(IE170).ok
        assert gc.isenabled() is enabled
        assert collector_switches == []  # not switched off and back on either
    finally:
        (gc.enable if was else gc.disable)()


def test_eight_threads_validating_never_see_the_collector_off(collector_switches: list[str]) -> None:
    assert gc.isenabled(), "the test runner itself runs with the collector on"
    data = T1.read_bytes()
    start = threading.Barrier(9)
    stop = threading.Event()
    seen_off: list[int] = []
    reports: list[bool] = []
    samples = 0

    def validate_repeatedly() -> None:
        start.wait()
        for _ in range(5):
            reports.append(ncts5.validate(data).ok)

    def watch() -> None:
        nonlocal samples
        start.wait()
        while not stop.is_set():
            samples += 1
            if not gc.isenabled():
                seen_off.append(samples)

    workers = [threading.Thread(target=validate_repeatedly) for _ in range(8)]
    watcher = threading.Thread(target=watch)
    for t in [*workers, watcher]:
        t.start()
    for t in workers:
        t.join()
    stop.set()
    watcher.join()
    assert reports == [True] * 40  # every validation ran (and found the example valid)
    assert samples > 0
    assert seen_off == []
    assert collector_switches == []
    assert gc.isenabled()
