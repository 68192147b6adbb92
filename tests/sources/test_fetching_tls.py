"""HTTPS through the pinned connection: the socket goes to the checked address, SNI
and certificate checks use the name (a loopback TLS server, a name faked to it)."""

import shutil
import socket
import ssl
import subprocess
import threading
import time

import pytest

from sources import fetching
from sources.exceptions import PermanentImportError
from tests.sources.httpserver import LoopbackServer, respond

NAME = "news.example.org"


@pytest.fixture
def certificate(tmp_path):
    if shutil.which("openssl") is None:
        pytest.skip("needs the openssl command to make a test certificate")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
            "-subj", f"/CN={NAME}", "-addext", f"subjectAltName=DNS:{NAME}",
            "-keyout", str(key), "-out", str(cert),
        ],
        check=True,
        capture_output=True,
    )  # fmt: skip
    return str(cert), str(key)


@pytest.fixture
def tls_server(settings, certificate):
    settings.FETCH_ALLOW_LOOPBACK_FOR_TESTS = True
    server = LoopbackServer()
    server.sni = server.use_tls(*certificate)  # type: ignore[attr-defined]
    server.route("/a", respond(200, b"<p>over TLS</p>"))
    server.start()
    yield server
    server.stop()


def to_loopback(host, port):
    return ["127.0.0.1"]


def test_https_connects_to_the_checked_address_with_the_name_for_sni(
    tls_server, certificate
):
    context = ssl.create_default_context(cafile=certificate[0])
    response = fetching.fetch(
        f"https://{NAME}:{tls_server.port}/a", resolver=to_loopback, ssl_context=context
    )
    assert response.body == b"<p>over TLS</p>"
    assert tls_server.sni == [NAME]
    assert tls_server.seen[0].headers["Host"] == f"{NAME}:{tls_server.port}"


def test_a_certificate_for_another_name_is_refused(tls_server, certificate):
    context = ssl.create_default_context(cafile=certificate[0])
    with pytest.raises(PermanentImportError, match="TLS certificate refused"):
        fetching.fetch(
            f"https://other.example.org:{tls_server.port}/a",
            resolver=to_loopback,
            ssl_context=context,
        )
    assert tls_server.seen == []


def test_an_untrusted_certificate_is_refused(tls_server):
    with pytest.raises(PermanentImportError, match="TLS certificate refused"):
        fetching.fetch(f"https://{NAME}:{tls_server.port}/a", resolver=to_loopback)


def test_a_handshake_dripped_a_byte_at_a_time_is_cut_off_at_the_deadline(settings):
    settings.FETCH_ALLOW_LOOPBACK_FOR_TESTS = True
    settings.FETCH_TOTAL_TIMEOUT = 1
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    done = threading.Event()

    def drip_a_server_hello() -> None:
        conn, _ = listener.accept()
        with conn:
            conn.recv(65536)  # the ClientHello
            # A handshake record announced as 16,000 bytes, sent one byte every
            # 20 ms: each read is quick, the whole would take over five minutes.
            conn.sendall(b"\x16\x03\x03\x3e\x80")
            while not done.wait(0.02):
                try:
                    conn.sendall(b"\x00")
                except OSError:
                    return

    server = threading.Thread(target=drip_a_server_hello, daemon=True)
    server.start()
    started = time.monotonic()
    try:
        with pytest.raises(fetching.FetchTimeout, match="TLS handshake"):
            fetching.fetch(f"https://{NAME}:{port}/a", resolver=to_loopback)
    finally:
        done.set()
        server.join(5)
        listener.close()
    assert time.monotonic() - started < 2.5
