"""A loopback HTTP server with scripted answers: pages, redirects, feeds and bombs."""

import contextlib
import ssl
import threading
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

Handler = Callable[[BaseHTTPRequestHandler], None]


@dataclass
class Seen:
    """One request the server received."""

    method: str
    path: str
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""


class LoopbackServer:
    """A threaded http.server on 127.0.0.1, a free port; paths map to handlers."""

    def __init__(self) -> None:
        self.routes: dict[str, Handler] = {}
        self.seen: list[Seen] = []
        outer = self

        class RequestHandler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                self._handle()

            def do_POST(self) -> None:
                self._handle()

            def _handle(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                outer.seen.append(
                    Seen(self.command, self.path, dict(self.headers.items()), body)
                )
                handler = outer.routes.get(self.path.split("?")[0])
                if handler is None:
                    respond(404, b"not found", content_type="text/plain")(self)
                    return
                # The client hangs up at a cap, as it should.
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    handler(self)

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), RequestHandler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self._thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def use_tls(self, certfile: str, keyfile: str) -> list[str]:
        """Serve HTTPS with this certificate; return the list SNI names land in."""
        names: list[str] = []
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(certfile, keyfile)
        context.sni_callback = lambda sock, name, ctx: names.append(name or "")
        self.httpd.socket = context.wrap_socket(self.httpd.socket, server_side=True)
        return names

    def start(self) -> "LoopbackServer":
        self._thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def route(self, path: str, handler: Handler) -> str:
        """Serve `handler` at `path`; return the URL."""
        self.routes[path] = handler
        return self.url(path)

    def hits(self, path: str) -> list[Seen]:
        return [s for s in self.seen if s.path.split("?")[0] == path]


def respond(
    status: int = 200,
    body: bytes = b"",
    *,
    content_type: str = "text/html; charset=utf-8",
    headers: dict[str, str] | None = None,
) -> Handler:
    """Answer with a fixed status, body and headers."""

    def handler(req: BaseHTTPRequestHandler) -> None:
        req.send_response(status)
        if content_type:
            req.send_header("Content-Type", content_type)
        for name, value in (headers or {}).items():
            req.send_header(name, value)
        req.send_header("Content-Length", str(len(body)))
        req.send_header("Connection", "close")
        req.end_headers()
        req.wfile.write(body)

    return handler


def redirect(location: str, status: int = 302) -> Handler:
    return respond(status, b"", headers={"Location": location})


def drip(body: bytes, *, every: float, limit: float = 10.0) -> Handler:
    """Send `body` one byte at a time, `every` seconds apart, for at most `limit` s."""

    def handler(req: BaseHTTPRequestHandler) -> None:
        req.send_response(200)
        req.send_header("Content-Type", "text/html")
        req.send_header("Content-Length", str(len(body)))
        req.end_headers()
        stop = time.monotonic() + limit
        for byte in body:
            if time.monotonic() > stop:
                return
            req.wfile.write(bytes([byte]))
            req.wfile.flush()
            time.sleep(every)

    return handler


def endless(chunk: bytes = b"<p>" + b"x" * 8189 + b"</p>", *, limit: int) -> Handler:
    """Stream chunks without Content-Length, up to `limit` bytes or a hang-up."""

    def handler(req: BaseHTTPRequestHandler) -> None:
        req.send_response(200)
        req.send_header("Content-Type", "text/html")
        req.send_header("Connection", "close")
        req.end_headers()
        sent = 0
        while sent < limit:
            req.wfile.write(chunk)
            sent += len(chunk)
        req.close_connection = True

    return handler


def gzip_bomb(size: int) -> Handler:
    """A small gzip body that inflates to `size` bytes."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)  # gzip framing
    parts = [packer.compress(b"<p>")]
    block = b"a" * (1 << 20)
    for start in range(0, size, len(block)):
        parts.append(packer.compress(block[: size - start]))
    payload = b"".join(parts) + packer.flush()

    def handler(req: BaseHTTPRequestHandler) -> None:
        respond(
            200, payload, content_type="text/html", headers={"Content-Encoding": "gzip"}
        )(req)

    handler.compressed_size = len(payload)  # type: ignore[attr-defined]
    return handler


def conditional(body: bytes, *, etag: str, content_type: str) -> Handler:
    """Answer 304 when the client sends the current ETag, the body otherwise."""

    def handler(req: BaseHTTPRequestHandler) -> None:
        if req.headers.get("If-None-Match") == etag:
            req.send_response(304)
            req.send_header("ETag", etag)
            req.send_header("Content-Length", "0")
            req.end_headers()
            return
        respond(
            200,
            body,
            content_type=content_type,
            headers={"ETag": etag, "Last-Modified": "Sat, 28 Nov 2026 08:00:00 GMT"},
        )(req)

    return handler
