"""Fixtures of the sources tests: a loopback HTTP server the fetcher may reach."""

from collections.abc import Iterator

import pytest

from tests.sources.httpserver import LoopbackServer


@pytest.fixture
def loopback(settings) -> Iterator[LoopbackServer]:  # type: ignore[no-untyped-def]
    """A scripted server on 127.0.0.1, opened to the fetcher for this test only."""
    settings.FETCH_ALLOW_LOOPBACK_FOR_TESTS = True
    server = LoopbackServer().start()
    yield server
    server.stop()
