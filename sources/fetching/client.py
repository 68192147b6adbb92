"""HTTP/1.1 over a socket pinned to a checked address: byte caps, one deadline."""

import http.client
import io
import socket
import ssl
import time
import zlib
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime

from ..exceptions import PermanentImportError, TransientImportError
from .guard import Target

# connector(address, port, timeout) -> a connected socket; tests inject a fake.
Connector = Callable[[str, int, float], socket.socket]

_CHUNK = 64 * 1024


class FetchTimeout(TransientImportError):
    """The server was too slow: connecting, or the whole exchange past its deadline."""


class ResponseTooLarge(PermanentImportError):
    """The body, compressed or decompressed, passed the byte cap."""


class UnsupportedContent(PermanentImportError):
    """The server answered with a content type or encoding factcheck does not import."""


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


class Deadline:
    """The moment an exchange must be over; every socket operation checks it."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.at = time.monotonic() + seconds

    def remaining(self) -> float:
        left = self.at - time.monotonic()
        if left <= 0:
            raise FetchTimeout(
                f"timed out: no complete answer within {self.seconds:g} s"
            )
        return left


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
        return io.BufferedReader(_Raw(self), _CHUNK)

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
    read_body: Callable[[int, dict[str, str]], bool],
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
        if not read_body(response.status, got):
            return FetchResponse(target.url, response.status, got, b"", content_type)
        if accept is not None and content_type not in accept:
            raise UnsupportedContent(
                f"refused: content type {content_type or '(none)'!r} "
                f"(accepted: {', '.join(sorted(accept))})"
            )
        data = _read_body(
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
            sock.settimeout(min(connect_timeout, deadline.remaining()))
            # SNI and certificate check use the name, the socket the checked address.
            return context.wrap_socket(sock, server_hostname=target.host)
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


def _read_body(
    response: http.client.HTTPResponse,
    headers: dict[str, str],
    *,
    max_bytes: int,
    deadline: Deadline,
    truncate: bool = False,
) -> bytes:
    """Stream the body, stopping as soon as either byte count passes the cap.

    Past the cap the fetch fails, or with `truncate` returns the first
    `max_bytes` (a webhook receiver's chatty 200 is still a delivery).
    """
    length = headers.get("content-length", "")
    if not truncate and length.isdigit() and int(length) > max_bytes:
        raise ResponseTooLarge(
            f"too large: the server announced {int(length):,} bytes "
            f"(the limit is {max_bytes:,})"
        )
    decoder = _Decoder(headers.get("content-encoding", ""), max_bytes)
    received = 0
    while True:
        deadline.remaining()
        chunk = response.read1(_CHUNK)
        if not chunk:
            break
        received += len(chunk)
        over = received - max_bytes
        if over > 0 and not truncate:
            raise ResponseTooLarge(
                f"too large: more than {max_bytes:,} bytes received (the limit)"
            )
        try:
            decoder.feed(chunk[: len(chunk) - over] if over > 0 else chunk)
        except ResponseTooLarge:
            if not truncate:
                raise
            return decoder.partial()
        if over >= 0 and truncate:
            return decoder.partial()
    if response.length:  # read1 does not complain when the server hangs up early
        raise TransientImportError(
            f"connection dropped: {response.length:,} bytes of the body never came"
        )
    return decoder.finish()


class _Decoder:
    """Decompress gzip or deflate incrementally, never past `max_bytes` of output."""

    def __init__(self, encoding: str, max_bytes: int) -> None:
        encoding = encoding.strip().lower()
        if encoding in ("", "identity"):
            self._wbits = 0  # no compression
        elif encoding in ("gzip", "x-gzip"):
            self._wbits = 16 + zlib.MAX_WBITS
        elif encoding == "deflate":
            self._wbits = zlib.MAX_WBITS
        else:
            raise UnsupportedContent(f"refused: content encoding {encoding!r}")
        self._max = max_bytes
        self._out: list[bytes] = []
        self._size = 0
        self._z = zlib.decompressobj(self._wbits) if self._wbits else None
        self._started = False

    def feed(self, data: bytes) -> None:
        if self._z is None:
            self._keep(data)
            return
        while data:
            try:
                out = self._z.decompress(data, self._max - self._size + 1)
            except zlib.error as exc:
                if self._wbits == zlib.MAX_WBITS and not self._started:
                    # Some servers send raw deflate without the zlib header.
                    self._wbits = -zlib.MAX_WBITS
                    self._z = zlib.decompressobj(self._wbits)
                    continue
                raise PermanentImportError(f"corrupt compressed body: {exc}") from None
            self._started = True
            self._keep(out)
            if self._z.unconsumed_tail:
                data = self._z.unconsumed_tail
            elif self._z.eof and self._z.unused_data:
                # Concatenated gzip members.
                data = self._z.unused_data
                self._z = zlib.decompressobj(self._wbits)
            else:
                data = b""

    def _keep(self, out: bytes) -> None:
        self._size += len(out)
        if self._size > self._max:
            self._out.append(out[: len(out) - (self._size - self._max)])
            raise ResponseTooLarge(
                f"too large: the body decompresses to more than {self._max:,} bytes "
                "(the limit)"
            )
        self._out.append(out)

    def partial(self) -> bytes:
        """Return what was decoded so far (at most `max_bytes`)."""
        return b"".join(self._out)

    def finish(self) -> bytes:
        if self._z is not None and self._started and not self._z.eof:
            raise TransientImportError("truncated compressed body")
        return b"".join(self._out)
