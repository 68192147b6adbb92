"""HTTPS through the pinned connection: the socket goes to the checked address, SNI
and certificate checks use the name (a loopback TLS server, a name faked to it)."""

import shutil
import ssl
import subprocess

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
