"""The SSRF guard, with a fake resolver and connector: refusals before any packet."""
# ruff: noqa: S104 - "0.0.0.0" here is an address to refuse, not one to bind.

import ipaddress
import socket

import pytest
from hypothesis import example, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from sources import fetching
from sources.exceptions import PermanentImportError, TransientImportError, UnsafeURL
from sources.fetching import guard
from tests.sources.fakenet import FakeNetwork, http_response

PUBLIC = "93.184.216.34"
PUBLIC6 = "2606:2800:220:1:248:1893:25c8:1946"


@pytest.fixture(autouse=True)
def no_real_network(monkeypatch):
    """Fail any test here that would reach the real resolver or open a real socket."""

    def refuse(*args, **kwargs):
        raise AssertionError(f"a real network call was attempted: {args!r}")

    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def network_with_everything_answering() -> FakeNetwork:
    """Every name below resolves as named, and every address would answer 200."""
    names = {
        "internal.example": ["10.0.0.5"],
        "metadata.example": ["169.254.169.254"],
        "router.example": ["192.168.1.1"],
        "cgnat.example": ["100.64.12.34"],
        "localhost": ["127.0.0.1", "::1"],
        "mixed.example": [PUBLIC, "10.0.0.1"],
        "mixed6.example": [PUBLIC6, "fd00::1"],
        "mapped.example": ["::ffff:10.0.0.1"],
        "nat64.example": ["64:ff9b::a9fe:a9fe"],
        "ula.example": ["fd12:3456:789a::1"],
        "linklocal6.example": ["fe80::1"],
        "scoped.example": ["fe80::1%eth0"],
        "zero.example": ["0.0.0.0"],
        "multicast.example": ["239.1.2.3"],
        "garbage.example": ["not-an-address"],
    }
    page = http_response()
    addresses = [
        "127.0.0.1", "127.9.9.9", "::1", "10.0.0.5", "10.0.0.1", "169.254.169.254",
        "192.168.1.1", "100.64.12.34", "fd00::1", "fe80::1", "0.0.0.0",
        "::ffff:a00:1", "64:ff9b::a9fe:a9fe", "fd12:3456:789a::1", "239.1.2.3",
        PUBLIC, PUBLIC6,
    ]  # fmt: skip
    pages: dict = dict.fromkeys(addresses, page)
    return FakeNetwork(names, pages)


REFUSED = [
    # Address literals: loopback, private, link-local, shared, multicast, reserved.
    "http://127.0.0.1/",
    "http://127.8.9.10:8080/admin",
    "http://10.1.2.3/",
    "http://172.16.0.1/",
    "http://172.31.255.254/",
    "http://192.168.1.1/",
    "http://169.254.169.254/latest/meta-data/",
    "http://100.64.0.1/",
    "http://0.0.0.0/",
    "http://0.1.2.3/",
    "http://224.0.0.1/",
    "http://240.0.0.1/",
    "http://255.255.255.255/",
    "http://192.0.2.10/",
    "http://198.18.0.1/",
    "http://127.0.0.1./",
    # IPv6 literals and IPv6 forms of IPv4 addresses.
    "http://[::1]/",
    "http://[::]/",
    "http://[::ffff:127.0.0.1]/",
    "http://[::ffff:7f00:1]/",
    "http://[::ffff:169.254.169.254]/",
    "http://[::ffff:10.0.0.1]:8080/",
    "http://[64:ff9b::7f00:1]/",
    "http://[64:ff9b::10.0.0.1]/",
    "http://[64:ff9b::a9fe:a9fe]/",
    "http://[64:ff9b:1::1]/",
    "http://[2002:7f00:1::1]/",
    "http://[::127.0.0.1]/",
    "http://[fc00::1]/",
    "http://[fd12:3456:789a::1]/",
    "http://[fe80::1]/",
    "http://[fe80::1%25eth0]/",
    "http://[fec0::1]/",
    "http://[ff02::1]/",
    "http://[2001:db8::1]/",
    # Integer, octal and hex spellings of IPv4.
    "http://2130706433/",
    "http://0177.0.0.1/",
    "http://0x7f.1/",
    "http://0x7f000001/",
    "http://127.1/",
    "http://017700000001/",
    "http://0xa9.0xfe.0xa9.0xfe/",
    "http://2852039166/",
    "http://0/",
    "http://08.1.1.1/",
    "http://%31%32%37.0.0.1/",
    "http://127.0.0.1%2f@news.example.org/",
    # User-info tricks.
    "http://user@127.0.0.1/",
    "http://news.example.org@10.0.0.1/",
    "http://news.example.org:80@169.254.169.254/",
    "http://user:pass@news.example.org/",
    "http://@news.example.org/",
    # Schemes other than http and https, and malformed URLs.
    "ftp://news.example.org/a",
    "file:///etc/passwd",
    "gopher://127.0.0.1:6379/_FLUSHALL",
    "dict://127.0.0.1:11211/stat",
    "javascript:alert(1)",
    "data:text/html,<p>hi</p>",
    "//news.example.org/a",
    "news.example.org/a",
    "http:///path-only",
    "http://news.example.org:99999/",
    "http://news.example.org:0/",
    "http://[evil.example]/",
    "http://news.example.org\\@10.0.0.1/",
    "http://news.exa mple.org/",
    "http://news.example.org/\r\nHost: 10.0.0.1",
    "",
    # Names that resolve somewhere forbidden (one bad answer is enough).
    "http://internal.example/",
    "http://metadata.example/latest/",
    "http://router.example/",
    "http://cgnat.example/",
    "http://localhost:8000/",
    "http://LOCALHOST/",
    "http://mixed.example/",
    "http://mixed6.example/",
    "http://mapped.example/",
    "http://nat64.example/",
    "http://ula.example/",
    "http://linklocal6.example/",
    "http://scoped.example/",
    "http://zero.example/",
    "http://multicast.example/",
    "http://garbage.example/",
    "https://internal.example/",
]


@pytest.mark.parametrize("url", REFUSED)
def test_fetch_refuses_unsafe_url_before_connecting(url):
    net = network_with_everything_answering()
    with pytest.raises(UnsafeURL) as refused:
        fetching.fetch(url, **net.fetch_kwargs())
    assert str(refused.value).startswith("refused: ")
    assert net.connects == []


def test_ssrf_matrix_covers_at_least_twenty_forms():
    assert len(REFUSED) >= 20


@pytest.mark.parametrize(
    "url",
    ["http://127.0.0.1/", "http://[::1]/", "http://internal.example/"],
)
def test_check_url_is_the_guard_webhooks_reuse(url):
    net = network_with_everything_answering()
    with pytest.raises(UnsafeURL):
        fetching.check_url(url, resolver=net.resolve)


def test_check_url_returns_the_checked_addresses_of_a_public_name():
    net = FakeNetwork({"news.example.org": [PUBLIC, PUBLIC6, PUBLIC]})
    addresses = fetching.check_url(
        "https://news.example.org/a?b=1", resolver=net.resolve
    )
    assert addresses == [PUBLIC, PUBLIC6]
    assert net.lookups == [("news.example.org", 443)]


def test_the_loopback_test_flag_opens_only_loopback(settings):
    settings.FETCH_ALLOW_LOOPBACK_FOR_TESTS = True
    net = network_with_everything_answering()
    for url in ("http://127.0.0.1/", "http://127.9.9.9/", "http://[::1]/"):
        assert fetching.fetch(url, **net.fetch_kwargs()).status == 200
    still_refused = [
        "http://10.0.0.1/",
        "http://169.254.169.254/",
        "http://0.0.0.0/",
        "http://[::ffff:127.0.0.1]/",
        "http://[64:ff9b::7f00:1]/",
        "http://2130706433/",
        "http://[fd00::1]/",
        "http://internal.example/",
        "http://mixed.example/",
    ]
    before = list(net.connects)
    for url in still_refused:
        with pytest.raises(UnsafeURL):
            fetching.fetch(url, **net.fetch_kwargs())
    assert net.connects == before


def test_the_loopback_test_flag_is_off_by_default(settings):
    assert settings.FETCH_ALLOW_LOOPBACK_FOR_TESTS is False


@pytest.mark.parametrize(
    "location",
    [
        "http://169.254.169.254/latest/meta-data/",
        "http://internal.example/",
        "http://2130706433/",
        "http://[::ffff:10.0.0.1]/",
        "http://user@news.example.org/",
        "file:///etc/passwd",
        "gopher://127.0.0.1:6379/_x",
    ],
)
def test_redirect_to_a_forbidden_place_is_refused_before_following(location):
    net = network_with_everything_answering()
    net.names["news.example.org"] = [PUBLIC]
    net.pages[PUBLIC] = http_response(302, b"", headers={"Location": location})
    with pytest.raises(UnsafeURL):
        fetching.fetch("http://news.example.org/story", **net.fetch_kwargs())
    assert net.connects == [(PUBLIC, 80)]


def test_dns_rebinding_between_hops_is_refused():
    """The name answers public first, private on every later lookup."""
    net = network_with_everything_answering()
    net.names["rebind.example"] = lambda n: [PUBLIC] if n == 1 else ["127.0.0.1"]
    net.pages[PUBLIC] = http_response(
        302, b"", headers={"Location": "http://rebind.example/next"}
    )
    with pytest.raises(UnsafeURL, match="127.0.0.1"):
        fetching.fetch("http://rebind.example/", **net.fetch_kwargs())
    assert net.lookups == [("rebind.example", 80), ("rebind.example", 80)]
    assert net.connects == [(PUBLIC, 80)]


def test_connection_is_pinned_to_the_checked_address():
    """One lookup per hop; the connector gets the checked IP, the server the name."""
    net = network_with_everything_answering()
    net.names["rebind.example"] = lambda n: [PUBLIC] if n == 1 else ["10.0.0.1"]
    net.pages[PUBLIC] = http_response(200, b"<p>public</p>")
    response = fetching.fetch("http://rebind.example/a?x=1", **net.fetch_kwargs())
    assert response.body == b"<p>public</p>"
    assert net.lookups == [("rebind.example", 80)]
    assert net.connects == [(PUBLIC, 80)]
    request = net.sockets[0].sent.decode()
    assert request.startswith("GET /a?x=1 HTTP/1.1\r\n")
    assert "\r\nHost: rebind.example\r\n" in request


def test_a_public_ipv6_answer_is_used_and_bracketed_in_the_host_header():
    net = FakeNetwork({}, {PUBLIC6: http_response(200, b"<p>v6</p>")})
    response = fetching.fetch(f"http://[{PUBLIC6}]:8080/", **net.fetch_kwargs())
    assert response.body == b"<p>v6</p>"
    assert net.lookups == []  # a literal needs no lookup
    assert f"Host: [{PUBLIC6}]:8080" in net.sockets[0].sent.decode()


def test_the_next_checked_address_is_tried_when_one_refuses():
    net = FakeNetwork(
        {"news.example.org": ["93.184.216.35", PUBLIC]},
        {PUBLIC: http_response(200, b"<p>second</p>")},
    )
    response = fetching.fetch("http://news.example.org/", **net.fetch_kwargs())
    assert response.body == b"<p>second</p>"
    assert net.connects == [("93.184.216.35", 80), (PUBLIC, 80)]


def test_redirects_are_limited(settings):
    settings.FETCH_MAX_REDIRECTS = 3
    net = FakeNetwork(
        {"loop.example": [PUBLIC]},
        {PUBLIC: lambda: http_response(302, b"", headers={"Location": "/again"})},
    )
    with pytest.raises(PermanentImportError, match="too many redirects"):
        fetching.fetch("http://loop.example/", **net.fetch_kwargs())
    assert len(net.connects) == 4  # the first request and three redirects


@pytest.mark.parametrize(
    ("host", "expected"),
    [
        ("2130706433", "127.0.0.1"),
        ("0177.0.0.1", "127.0.0.1"),
        ("0x7f.1", "127.0.0.1"),
        ("127.1", "127.0.0.1"),
        ("0xa9fea9fe", "169.254.169.254"),
        ("10.0x10.1", "10.16.0.1"),
        ("news.example.org", None),
        ("256.1.1.1", None),
    ],
)
def test_legacy_ipv4_spellings_are_read_like_inet_aton(host, expected):
    parsed = guard.parse_legacy_ipv4(host)
    assert (str(parsed) if parsed else None) == expected


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (
            socket.gaierror(socket.EAI_NONAME, "Name or service not known"),
            "no such host",
        ),
        (socket.gaierror(socket.EAI_AGAIN, "Temporary failure"), "cannot resolve"),
        (TimeoutError("resolver timed out"), "cannot resolve"),
    ],
)
def test_lookup_failures_are_permanent_only_for_a_name_that_does_not_exist(
    error, expected
):
    def resolver(host, port):
        raise error

    permanent = expected == "no such host"
    with pytest.raises(
        PermanentImportError if permanent else TransientImportError, match=expected
    ):
        fetching.check_url("http://gone.example/", resolver=resolver)


@given(st.integers(min_value=0, max_value=2**32 - 1))
@example(int(ipaddress.IPv4Address("127.0.0.1")))
@example(int(ipaddress.IPv4Address("169.254.169.254")))
@example(int(ipaddress.IPv4Address("100.64.0.1")))
@example(int(ipaddress.IPv4Address("192.0.0.9")))
@example(int(ipaddress.IPv4Address("192.88.99.1")))
@example(int(ipaddress.IPv4Address("198.18.0.1")))
@example(int(ipaddress.IPv4Address("93.184.216.34")))
@hypothesis_settings(max_examples=500, deadline=None)
def test_every_ipv6_form_of_an_ipv4_address_gets_the_same_answer(number):
    """Mapped, NAT64 and 6to4 forms cannot smuggle an address past the check."""
    v4 = ipaddress.IPv4Address(number)
    forms = [
        ipaddress.IPv6Address(f"::ffff:{v4}"),
        ipaddress.IPv6Address(int(ipaddress.IPv6Address("64:ff9b::")) | number),
        ipaddress.IPv6Address((0x2002 << 112) | (number << 80)),
    ]
    refused = guard.unsafe_reason(v4) is not None
    if not v4.is_global or v4.is_multicast:
        assert refused
    for form in forms:
        assert (guard.unsafe_reason(form) is not None) == refused, form
