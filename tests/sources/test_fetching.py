"""The fetcher against a real loopback server: caps, time limits, types, redirects."""

import gzip
import time
import zlib
from http.server import BaseHTTPRequestHandler

import pytest

from sources import fetching
from sources.exceptions import PermanentImportError, TransientImportError, UnsafeURL
from tests.sources.httpserver import (
    drip,
    endless,
    gzip_bomb,
    redirect,
    respond,
)

PAGE = b"<html><head><title>T</title></head><body><p>Hello.</p></body></html>"


def test_a_page_is_fetched_with_its_type_and_charset(loopback):
    url = loopback.route(
        "/a", respond(200, PAGE, content_type="text/html; charset=ISO-8859-1")
    )
    response = fetching.fetch(url)
    assert (response.status, response.body, response.url) == (200, PAGE, url)
    assert (response.content_type, response.charset) == ("text/html", "iso-8859-1")
    sent = loopback.hits("/a")[0].headers
    assert sent["Host"] == f"127.0.0.1:{loopback.port}"
    assert "gzip" in sent["Accept-Encoding"]


def test_loopback_is_refused_without_the_test_flag(loopback, settings):
    url = loopback.route("/a", respond(200, PAGE))
    settings.FETCH_ALLOW_LOOPBACK_FOR_TESTS = False
    with pytest.raises(UnsafeURL, match="loopback"):
        fetching.fetch(url)
    assert loopback.seen == []


def test_a_gzipped_page_is_decompressed(loopback):
    url = loopback.route(
        "/z",
        respond(200, gzip.compress(PAGE), headers={"Content-Encoding": "gzip"}),
    )
    assert fetching.fetch(url).body == PAGE


def test_an_announced_oversized_body_is_refused_unread(loopback, settings):
    settings.FETCH_MAX_BYTES = 64 * 1024
    url = loopback.route("/big", respond(200, b"x" * (1024 * 1024)))
    with pytest.raises(fetching.ResponseTooLarge, match="announced 1,048,576"):
        fetching.fetch(url)


def test_an_endless_body_is_cut_off_at_the_cap(loopback, settings):
    settings.FETCH_MAX_BYTES = 256 * 1024
    url = loopback.route("/endless", endless(limit=200 * 1024 * 1024))
    started = time.monotonic()
    with pytest.raises(fetching.ResponseTooLarge, match="more than 262,144 bytes"):
        fetching.fetch(url)
    assert time.monotonic() - started < 5


def test_a_gzip_bomb_is_cut_off_at_the_decompressed_cap(loopback, settings):
    settings.FETCH_MAX_BYTES = 1024 * 1024
    bomb = gzip_bomb(100 * 1024 * 1024)  # 100 MB of "a" in about 100 kB
    assert bomb.compressed_size < settings.FETCH_MAX_BYTES  # passes the first cap
    url = loopback.route("/bomb", bomb)
    started = time.monotonic()
    with pytest.raises(fetching.ResponseTooLarge, match="decompresses to more than"):
        fetching.fetch(url)
    assert time.monotonic() - started < 5


def test_a_gzip_bomb_bigger_than_the_cap_compressed_is_refused(loopback, settings):
    settings.FETCH_MAX_BYTES = 16 * 1024
    bomb = gzip_bomb(100 * 1024 * 1024)
    assert bomb.compressed_size > settings.FETCH_MAX_BYTES
    url = loopback.route("/bomb", bomb)
    with pytest.raises(fetching.ResponseTooLarge):
        fetching.fetch(url)


def test_a_slow_drip_is_cut_off_at_the_total_deadline(loopback, settings):
    settings.FETCH_TOTAL_TIMEOUT = 1
    # 2,000 bytes at 20 ms each would take 40 s; every single read is quick.
    url = loopback.route("/drip", drip(PAGE * 30, every=0.02, limit=10))
    started = time.monotonic()
    with pytest.raises(fetching.FetchTimeout, match="within 1 s"):
        fetching.fetch(url)
    elapsed = time.monotonic() - started
    assert 0.9 < elapsed < 2.5


def test_slowly_dripped_headers_are_cut_off_too(loopback, settings):
    settings.FETCH_TOTAL_TIMEOUT = 1

    def drip_headers(req: BaseHTTPRequestHandler) -> None:
        req.wfile.write(b"HTTP/1.1 200 OK\r\n")
        stop = time.monotonic() + 10
        while time.monotonic() < stop:
            req.wfile.write(b"X-Slow: 1\r\n")
            req.wfile.flush()
            time.sleep(0.05)

    url = loopback.route("/slow-headers", drip_headers)
    started = time.monotonic()
    with pytest.raises(TransientImportError):
        fetching.fetch(url)
    assert time.monotonic() - started < 2.5


def test_a_server_that_never_answers_times_out(loopback, settings):
    settings.FETCH_TOTAL_TIMEOUT = 1
    url = loopback.route("/silent", lambda req: time.sleep(5))
    started = time.monotonic()
    with pytest.raises(fetching.FetchTimeout):
        fetching.fetch(url)
    assert time.monotonic() - started < 2.5


@pytest.mark.parametrize(
    "content_type",
    ["application/pdf", "image/png", "application/octet-stream", "", "text/css"],
)
def test_a_refused_content_type_is_not_read(loopback, content_type):
    url = loopback.route("/doc", respond(200, b"%PDF-1.7", content_type=content_type))
    with pytest.raises(fetching.UnsupportedContent, match="content type"):
        fetching.fetch(url)


def test_the_accept_list_can_be_narrowed_to_feeds(loopback):
    url = loopback.route("/page", respond(200, PAGE))
    with pytest.raises(fetching.UnsupportedContent):
        fetching.fetch(url, accept=fetching.FEED_TYPES)


def test_an_unknown_content_encoding_is_refused(loopback):
    url = loopback.route("/br", respond(200, PAGE, headers={"Content-Encoding": "br"}))
    with pytest.raises(fetching.UnsupportedContent, match="encoding"):
        fetching.fetch(url)


def test_redirects_are_followed_up_to_the_limit(loopback, settings):
    settings.FETCH_MAX_REDIRECTS = 5
    for n in range(7):
        loopback.route(f"/r{n}", redirect(f"/r{n + 1}"))
    loopback.route("/r7", respond(200, PAGE))
    # Five redirects reach the page...
    response = fetching.fetch(loopback.url("/r2"))
    assert response.url == loopback.url("/r7") and response.body == PAGE
    # ...six are too many, and the sixth is never requested.
    loopback.seen.clear()
    with pytest.raises(PermanentImportError, match="too many redirects"):
        fetching.fetch(loopback.url("/r1"))
    assert [s.path for s in loopback.seen] == [f"/r{n}" for n in range(1, 7)]


def test_a_redirect_from_loopback_to_metadata_is_refused(loopback):
    url = loopback.route("/go", redirect("http://169.254.169.254/latest/meta-data/"))
    with pytest.raises(UnsafeURL, match="link-local"):
        fetching.fetch(url)


@pytest.mark.parametrize(
    ("status", "error"),
    [
        (404, PermanentImportError),
        (410, PermanentImportError),
        (403, PermanentImportError),
        (429, TransientImportError),
        (500, TransientImportError),
        (503, TransientImportError),
    ],
)
def test_http_errors_are_permanent_or_transient(loopback, status, error):
    url = loopback.route("/e", respond(status, b"no"))
    with pytest.raises(error, match=f"HTTP {status}"):
        fetching.fetch(url)


def test_a_closed_port_is_a_transient_error(loopback):
    url = loopback.url("/")
    loopback.stop()
    with pytest.raises(TransientImportError, match="connect"):
        fetching.fetch(url)


def test_webhook_style_post_returns_any_status_and_follows_no_redirect(loopback):
    loopback.route("/hook", redirect("/elsewhere", status=307))
    loopback.route(
        "/busy",
        respond(503, b"later", content_type="text/plain", headers={"Retry-After": "7"}),
    )
    kwargs = {
        "method": "POST",
        "body": b'{"a": 1}',
        "headers": {"Content-Type": "application/json", "webhook-id": "msg_1"},
        "follow_redirects": False,
        "raise_for_status": False,
        "accept": None,
    }
    moved = fetching.fetch(loopback.url("/hook"), **kwargs)
    assert moved.status == 307 and moved.headers["location"] == "/elsewhere"
    busy = fetching.fetch(loopback.url("/busy"), **kwargs)
    assert (busy.status, busy.body, busy.retry_after) == (503, b"later", 7.0)
    assert [s.path for s in loopback.seen] == ["/hook", "/busy"]
    assert loopback.seen[0].method == "POST" and loopback.seen[0].body == b'{"a": 1}'
    assert loopback.seen[0].headers["webhook-id"] == "msg_1"


def test_a_not_modified_answer_is_returned_for_conditional_gets(loopback):
    url = loopback.route("/feed", respond(304, b"", content_type=""))
    response = fetching.fetch(url, headers={"If-None-Match": '"v1"'})
    assert (response.status, response.body) == (304, b"")
    assert loopback.seen[0].headers["If-None-Match"] == '"v1"'


@pytest.mark.parametrize(
    ("encoding", "packed"),
    [
        ("deflate", zlib.compress(PAGE)),
        ("deflate", zlib.compress(PAGE)[2:-4]),  # raw deflate, no zlib header
        ("gzip", gzip.compress(PAGE[:30]) + gzip.compress(PAGE[30:])),  # two members
        ("identity", PAGE),
    ],
)
def test_deflate_raw_deflate_and_multi_member_gzip_are_decoded(
    loopback, encoding, packed
):
    url = loopback.route(
        "/c", respond(200, packed, headers={"Content-Encoding": encoding})
    )
    assert fetching.fetch(url).body == PAGE


def test_a_truncated_gzip_body_is_a_transient_error(loopback):
    url = loopback.route(
        "/t",
        respond(200, gzip.compress(PAGE)[:-12], headers={"Content-Encoding": "gzip"}),
    )
    with pytest.raises(TransientImportError, match="truncated"):
        fetching.fetch(url)


def test_a_body_shorter_than_announced_is_a_transient_error(loopback):
    def short(req: BaseHTTPRequestHandler) -> None:
        req.send_response(200)
        req.send_header("Content-Type", "text/html")
        req.send_header("Content-Length", "5000")
        req.end_headers()
        req.wfile.write(PAGE)
        req.close_connection = True

    url = loopback.route("/short", short)
    with pytest.raises(TransientImportError, match="connection dropped"):
        fetching.fetch(url)


@pytest.mark.parametrize("compressed", [False, True])
def test_truncate_body_returns_the_first_bytes_of_a_long_answer(loopback, compressed):
    body = b"<p>" + b"y" * 100_000
    packed = gzip.compress(body) if compressed else body
    headers = {"Content-Encoding": "gzip"} if compressed else {}
    url = loopback.route("/long", respond(200, packed, headers=headers))
    response = fetching.fetch(url, max_bytes=1000, truncate_body=True)
    assert response.body == body[:1000]
    with pytest.raises(fetching.ResponseTooLarge):
        fetching.fetch(url, max_bytes=1000)
