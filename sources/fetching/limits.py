"""The limits of one fetch: its deadline, and reading a body within the byte caps."""

import http.client
import time
import zlib

from ..exceptions import PermanentImportError, TransientImportError

CHUNK = 64 * 1024


class FetchTimeout(TransientImportError):
    """The server was too slow: connecting, or the whole exchange past its deadline."""


class ResponseTooLarge(PermanentImportError):
    """The body, compressed or decompressed, passed the byte cap."""


class UnsupportedContent(PermanentImportError):
    """The server answered with a content type or encoding factcheck does not import."""


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


def read_body(
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
        chunk = response.read1(CHUNK)
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
