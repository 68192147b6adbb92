"""The SSRF guard: which URLs and addresses may be reached, checked before use."""

import ipaddress
import socket
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from urllib.parse import SplitResult, urlsplit

from django.conf import settings

from ..exceptions import PermanentImportError, TransientImportError, UnsafeURL

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
# resolver(host, port) -> the addresses the name has, as strings.
Resolver = Callable[[str, int], Iterable[str]]

_DEFAULT_PORTS = {"http": 80, "https": 443}
# Networks that are never a public web site. `is_global` already excludes most of
# them; the explicit list keeps the rule readable and independent of the Python
# version's idea of "global".
_BLOCKED = [
    ipaddress.ip_network(n)
    for n in (
        "0.0.0.0/8",  # "this network", unspecified
        "10.0.0.0/8",  # private
        "100.64.0.0/10",  # shared address space (carrier-grade NAT)
        "127.0.0.0/8",  # loopback
        "169.254.0.0/16",  # link-local, cloud metadata (169.254.169.254)
        "172.16.0.0/12",  # private
        "192.0.0.0/24",  # IETF protocol assignments
        "192.0.2.0/24",  # documentation
        "192.88.99.0/24",  # 6to4 relay anycast
        "192.168.0.0/16",  # private
        "198.18.0.0/15",  # benchmarking
        "198.51.100.0/24",  # documentation
        "203.0.113.0/24",  # documentation
        "224.0.0.0/4",  # multicast
        "240.0.0.0/4",  # reserved, broadcast
        "::/128",  # unspecified
        "::1/128",  # loopback
        "::/96",  # IPv4-compatible (deprecated)
        "64:ff9b:1::/48",  # local-use NAT64
        "100::/64",  # discard-only
        "2001:db8::/32",  # documentation
        "fc00::/7",  # unique local
        "fe80::/10",  # link-local
        "fec0::/10",  # site-local (deprecated)
        "ff00::/8",  # multicast
    )
]
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_TEST_LOOPBACK = (ipaddress.ip_network("127.0.0.0/8"), ipaddress.ip_network("::1/128"))


@dataclass(frozen=True, slots=True)
class Target:
    """A checked URL: scheme, host (IDNA, lower case), port and request path."""

    url: str
    scheme: str
    host: str
    port: int
    path: str
    literal: IPAddress | None  # the host, when the URL names an address


def check_url(
    url: str, *, resolver: Resolver | None = None, resolve: bool = True
) -> list[str]:
    """Raise `UnsafeURL` for an unsafe URL; return the checked addresses to use.

    With `resolve=False` only what needs no DNS lookup is checked (the syntax and
    an address literal), for a quick answer to a user; `fetch` checks again.
    """
    target = parse_url(url)
    if not resolve and target.literal is None:
        return []
    return resolve_safe(target.host, target.port, resolver=resolver)


def parse_url(url: str) -> Target:
    """Split and check the syntax of `url`: http(s), no user info, a plain host."""
    if not isinstance(url, str) or not url:
        raise UnsafeURL("refused: the URL is empty")
    if len(url) > 2000:
        raise UnsafeURL("refused: the URL is longer than 2000 characters")
    if any(ord(c) <= 0x20 or c in "\\\x7f" for c in url):
        raise UnsafeURL(
            "refused: the URL contains spaces, control characters or backslashes"
        )
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise UnsafeURL(f"refused: malformed URL ({exc})") from None
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS:
        raise UnsafeURL(
            f"refused: scheme {scheme or '(none)'!r} (only http and https are fetched)"
        )
    if port == 0:
        raise UnsafeURL("refused: port 0")
    if "@" in parts.netloc:
        raise UnsafeURL("refused: URLs with a user name or password (user@host)")
    host = _host_of(parts)
    literal = _literal_address(host)
    return Target(
        url=url,
        scheme=scheme,
        host=str(literal) if literal else host,
        port=port or _DEFAULT_PORTS[scheme],
        path=(parts.path or "/") + (f"?{parts.query}" if parts.query else ""),
        literal=literal,
    )


def _host_of(parts: SplitResult) -> str:
    raw = parts.hostname or ""
    if not raw:
        raise UnsafeURL("refused: the URL has no host")
    if "%" in raw:
        raise UnsafeURL("refused: a percent-encoded host or a scoped IPv6 address")
    host = raw.rstrip(".").lower()
    if not host:
        raise UnsafeURL("refused: the URL has no host")
    if parts.netloc.startswith("[") or ":" in host:
        return host
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError:
        raise UnsafeURL(f"refused: {host!r} is not a valid host name") from None


def _literal_address(host: str) -> IPAddress | None:
    """Return the address a host literal names; refuse odd IPv4 spellings."""
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        pass
    numeric = parse_legacy_ipv4(host)
    if numeric is not None:
        # 2130706433, 0177.0.0.1, 0x7f.1 and friends: browsers and libc read them
        # as addresses; no real site is written that way, so refuse outright.
        raise UnsafeURL(
            f"refused: {host!r} is an unusual spelling of the address {numeric}"
        )
    if host.replace(".", "").isdigit():
        raise UnsafeURL(f"refused: {host!r} is not a valid address")
    return None


def parse_legacy_ipv4(host: str) -> ipaddress.IPv4Address | None:
    """Read `host` the way inet_aton does (decimal, octal, hex; 1 to 4 parts)."""
    parts = host.split(".")
    if not 1 <= len(parts) <= 4:
        return None
    numbers = []
    for part in parts:
        try:
            if part.lower().startswith("0x"):
                numbers.append(int(part[2:] or "0", 16))
            elif len(part) > 1 and part.startswith("0"):
                numbers.append(int(part, 8))
            else:
                numbers.append(int(part, 10))
        except ValueError:
            return None
    *head, last = numbers
    if any(n > 255 for n in head) or last >= 256 ** (4 - len(head)):
        return None
    value = last
    for index, n in enumerate(head):
        value |= n << (8 * (3 - index))
    return ipaddress.IPv4Address(value)


def resolve_safe(
    host: str, port: int, *, resolver: Resolver | None = None
) -> list[str]:
    """Resolve `host` once and return its addresses if every one of them is safe."""
    literal = _literal_address(host)
    if literal is not None:
        check_address(literal, host=host)
        return [str(literal)]
    try:
        answers = list((resolver or default_resolver)(host, port))
    except socket.gaierror as exc:
        if exc.errno == socket.EAI_NONAME:
            raise PermanentImportError(f"no such host: {host}") from None
        raise TransientImportError(f"cannot resolve {host}: {exc}") from None
    except OSError as exc:
        raise TransientImportError(f"cannot resolve {host}: {exc}") from None
    if not answers:
        raise TransientImportError(f"cannot resolve {host}: no addresses")
    addresses = []
    for answer in answers:
        try:
            address = ipaddress.ip_address(answer.split("%", 1)[0])
        except ValueError:
            raise UnsafeURL(f"refused: {host} resolved to {answer!r}") from None
        if "%" in answer:
            raise UnsafeURL(f"refused: {host} resolved to a scoped address {answer}")
        check_address(address, host=host)
        if str(address) not in addresses:
            addresses.append(str(address))
    return addresses


def check_address(address: IPAddress, *, host: str = "") -> None:
    """Raise `UnsafeURL` unless `address` is a public unicast address."""
    reason = unsafe_reason(address)
    if reason is None:
        return
    if settings.FETCH_ALLOW_LOOPBACK_FOR_TESTS and any(
        address in net for net in _TEST_LOOPBACK
    ):
        return
    where = f"{host} resolves to {address}" if host != str(address) else str(address)
    raise UnsafeURL(f"refused: {where}, {reason}")


def unsafe_reason(address: IPAddress) -> str | None:
    """Return why `address` must not be connected to, or None if it is public."""
    if isinstance(address, ipaddress.IPv6Address):
        embedded = address.ipv4_mapped
        if embedded is None and address in _NAT64:
            embedded = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
        if embedded is None and address.sixtofour is not None:
            embedded = address.sixtofour
        if embedded is not None:
            inner = unsafe_reason(embedded)
            return f"an IPv6 form of {embedded}: {inner}" if inner else None
        if address.teredo is not None:
            return "a Teredo tunnel address"
    for network in _BLOCKED:
        if address.version == network.version and address in network:
            return _describe(address, network)
    if not address.is_global or address.is_multicast:
        return "not a public address"
    return None


def _describe(address: IPAddress, network: ipaddress._BaseNetwork) -> str:
    if address.is_loopback:
        return "a loopback address"
    if address.is_unspecified:
        return "the unspecified address"
    if address.is_multicast:
        return "a multicast address"
    if address.is_link_local:
        return "a link-local address (cloud metadata lives here)"
    if address in ipaddress.ip_network("100.64.0.0/10"):
        return "a shared (carrier-grade NAT) address"
    if address.is_private:
        return f"a private address ({network})"
    return f"a reserved address ({network})"


def default_resolver(host: str, port: int) -> list[str]:
    """Return the addresses of `host` from the system resolver (one lookup)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [str(info[4][0]) for info in infos]
