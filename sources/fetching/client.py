"""HTTP/1.1 over a socket pinned to a checked address: byte caps, one deadline."""

import http.client
import io
import socket
import ssl
import time
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime

from ..exceptions import PermanentImportError, TransientImportError
from .guard import Target
from .limits import CHUNK, Deadline, FetchTimeout, UnsupportedContent, read_body

# connector(address, port, timeout) -> a connected socket; tests inject a fake.
Connector = Callable[[str, int, float], socket.socket]


@dataclass(frozen=True, slots=True)
class FetchResponse:
    """What a server answered; `body` is decompressed and within the byte cap."""

    url: str
    status: int
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    content_type: str = ""

    @property
    def charset(self) -> str:
        """Return the charset the Content-Type header declares, or ""."""
        for param in self.headers.get("content-type", "").split(";")[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "charset":
                return value.strip().strip('"').lower()
        return ""

    @property
    def retry_after(self) -> float | None:
        """Return the seconds the Retry-After header asks for, if it says."""
        value = self.headers.get("retry-after", "").strip()
        if not value:
            return None
        if value.isdigit():
            return float(value)
        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        return max(0.0, when.timestamp() - time.time())


def default_connector(address: str, port: int, timeout: float) -> socket.socket:
    """Open a TCP connection to `address`, an already checked IP, never a name."""
    return socket.create_connection((address, port), timeout=timeout)


class _DeadlineSocket:
    """The few socket methods http.client uses, each bounded by the deadline.

    A per-operation timeout alone lets a server drip one byte a second forever;
    checking the deadline before every receive cuts it off.
    """

    def __init__(self, sock: socket.socket, deadline: Deadline) -> None:
        self._sock = sock
        self._deadline = deadline

    def sendall(self, data: bytes) -> None:
        self._sock.settimeout(self._deadline.remaining())
        self._sock.sendall(data)

    def recv_into(self, buffer: memoryview) -> int:  # type: ignore[type-arg]
        self._sock.settimeout(self._deadline.remaining())
        return self._sock.recv_into(buffer)

    def makefile(
        self, mode: str = "rb", *args: object, **kwargs: object
    ) -> io.BufferedReader:
        return io.BufferedReader(_Raw(self), CHUNK)

    def close(self) -> None:
        # http.client closes the connection as soon as it has the headers of a
        # `Connection: close` answer, before the body is read; `exchange` closes
        # the real socket when it is done.
        pass


class _Raw(io.RawIOBase):
    def __init__(self, sock: _DeadlineSocket) -> None:
        self._sock = sock

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override,type-arg]
        return self._sock.recv_into(buffer)


def exchange(
    target: Target,
    addresses: list[str],
    *,
    method: str,
    headers: dict[str, str],
    body: bytes | None,
    connector: Connector | None,
    connect_timeout: float,
    deadline: Deadline,
    ssl_context: ssl.SSLContext | None,
    wants_body: Callable[[int, dict[str, str]], bool],
    accept: Collection[str] | None,
    max_bytes: int,
    truncate: bool = False,
) -> FetchResponse:
    """Send one request to the first reachable checked address and read the answer."""
    sock = _connect(
        target, addresses, connector, connect_timeout, deadline, ssl_context
    )
    conn = http.client.HTTPConnection(target.host, target.port)
    conn.sock = _DeadlineSocket(sock, deadline)  # type: ignore[assignment]
    try:
        conn.request(method, target.path, body=body, headers=headers)
        response = conn.getresponse()
        got = {k.lower(): v for k, v in response.getheaders()}
        for name in ("www-authenticate", "set-cookie"):
            got.pop(name, None)
        content_type = got.get("content-type", "").split(";")[0].strip().lower()
        if not wants_body(response.status, got):
            return FetchResponse(target.url, response.status, got, b"", content_type)
        if accept is not None and content_type not in accept:
            raise UnsupportedContent(
                f"refused: content type {content_type or '(none)'!r} "
                f"(accepted: {', '.join(sorted(accept))})"
            )
        data = read_body(
            response, got, max_bytes=max_bytes, deadline=deadline, truncate=truncate
        )
        return FetchResponse(target.url, response.status, got, data, content_type)
    except TimeoutError:
        raise FetchTimeout(
            f"timed out: no complete answer within {deadline.seconds:g} s"
        ) from None
    except ssl.SSLCertVerificationError as exc:
        raise PermanentImportError(
            f"TLS certificate refused: {exc.verify_message}"
        ) from None
    except (http.client.IncompleteRead, ConnectionError, ssl.SSLError) as exc:
        raise TransientImportError(f"connection dropped: {exc!r}") from None
    except http.client.HTTPException as exc:
        raise PermanentImportError(f"malformed HTTP response: {exc!r}") from None
    except OSError as exc:
        raise TransientImportError(f"connection failed: {exc}") from None
    finally:
        conn.close()
        sock.close()


def _connect(
    target: Target,
    addresses: list[str],
    connector: Connector | None,
    connect_timeout: float,
    deadline: Deadline,
    ssl_context: ssl.SSLContext | None,
) -> socket.socket:
    """Connect to the checked addresses in turn; never resolve the name again."""
    last: Exception | None = None
    for address in addresses:
        try:
            timeout = min(connect_timeout, deadline.remaining())
            sock = (connector or default_connector)(address, target.port, timeout)
        except TimeoutError:
            last = FetchTimeout(f"timed out connecting to {address}:{target.port}")
            continue
        except OSError as exc:
            last = TransientImportError(
                f"cannot connect to {address}: {exc.strerror or exc}"
            )
            continue
        if target.scheme != "https":
            return sock
        context = ssl_context or ssl.create_default_context()
        try:
            # The timeout bounds the whole handshake, not each read (Python 3.5+),
            # so a server dripping its certificate is cut off too.
            sock.settimeout(min(connect_timeout, deadline.remaining()))
            # SNI and certificate check use the name, the socket the checked address.
            return context.wrap_socket(sock, server_hostname=target.host)
        except TimeoutError:
            sock.close()
            last = FetchTimeout(f"timed out: TLS handshake with {target.host}")
        except ssl.SSLCertVerificationError as exc:
            sock.close()
            raise PermanentImportError(
                f"TLS certificate refused for {target.host}: {exc.verify_message}"
            ) from None
        except (OSError, ssl.SSLError) as exc:
            sock.close()
            last = TransientImportError(
                f"TLS handshake with {target.host} failed: {exc}"
            )
    assert last is not None
    raise last
