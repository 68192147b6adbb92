"""Fixtures of the sources tests: a loopback HTTP server the fetcher may reach."""

import ipaddress
import socket
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


_LOOPBACK_NAMES = {"localhost"}


def _is_loopback(host: object) -> bool:
    if isinstance(host, bytes):
        host = host.decode()
    if host in _LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(str(host)).is_loopback
    except ValueError:
        return False


@pytest.fixture(autouse=True)
def only_loopback_packets(monkeypatch):  # type: ignore[no-untyped-def]
    """Fail a sources test that looks up or connects to anything but loopback."""
    real_getaddrinfo = socket.getaddrinfo
    real_connect = socket.create_connection

    def getaddrinfo(host, *args, **kwargs):  # type: ignore[no-untyped-def]
        assert _is_loopback(host), f"a test looked up a real name: {host!r}"
        return real_getaddrinfo(host, *args, **kwargs)

    def create_connection(address, *args, **kwargs):  # type: ignore[no-untyped-def]
        assert _is_loopback(address[0]), f"a test connected to {address!r}"
        return real_connect(address, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    monkeypatch.setattr(socket, "create_connection", create_connection)
