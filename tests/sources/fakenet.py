"""A fake resolver and connector: a network for the fetcher that sends no packet."""

import io
from collections.abc import Callable

Answer = list[str] | Callable[[int], list[str]]


class FakeSocket:
    """Plays back one scripted HTTP response and records what the client sent."""

    def __init__(self, response: bytes) -> None:
        self._data = io.BytesIO(response)
        self.sent = b""
        self.closed = False

    def settimeout(self, timeout: float | None) -> None:
        pass

    def sendall(self, data: bytes) -> None:
        self.sent += bytes(data)

    def recv_into(self, buffer: memoryview) -> int:  # type: ignore[type-arg]
        chunk = self._data.read(len(buffer))
        buffer[: len(chunk)] = chunk
        return len(chunk)

    def close(self) -> None:
        self.closed = True


def http_response(
    status: int = 200,
    body: bytes = b"<html><body><p>Hello.</p></body></html>",
    *,
    headers: dict[str, str] | None = None,
) -> bytes:
    lines = [f"HTTP/1.1 {status} Scripted"]
    all_headers = {"Content-Type": "text/html; charset=utf-8", **(headers or {})}
    all_headers["Content-Length"] = str(len(body))
    lines += [f"{name}: {value}" for name, value in all_headers.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


class FakeNetwork:
    """Names map to scripted answers, addresses to scripted HTTP responses.

    `lookups` and `connects` record every question, so a test can assert that a
    refused address was never connected to.
    """

    def __init__(
        self,
        names: dict[str, Answer] | None = None,
        pages: dict[str, bytes | Callable[[], bytes]] | None = None,
    ) -> None:
        self.names = names or {}
        self.pages = pages or {}
        self.lookups: list[tuple[str, int]] = []
        self.connects: list[tuple[str, int]] = []
        self.sockets: list[FakeSocket] = []

    def resolve(self, host: str, port: int) -> list[str]:
        self.lookups.append((host, port))
        answer = self.names.get(host)
        if answer is None:
            raise OSError(f"fake resolver: no such name {host}")
        if callable(answer):
            return answer(sum(1 for h, _ in self.lookups if h == host))
        return list(answer)

    def connect(self, address: str, port: int, timeout: float) -> FakeSocket:
        self.connects.append((address, port))
        page = self.pages.get(address)
        if page is None:
            raise ConnectionRefusedError(f"fake connector: nothing at {address}")
        sock = FakeSocket(page() if callable(page) else page)
        self.sockets.append(sock)
        return sock

    def fetch_kwargs(self) -> dict[str, object]:
        return {"resolver": self.resolve, "connector": self.connect}
