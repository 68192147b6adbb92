"""HTML and text parsing: metadata from a realistic page, decoding, canonical URLs."""

from datetime import UTC, datetime
from pathlib import Path

import pytest

from sources import parsing
from sources.exceptions import PermanentImportError

ARTICLE = Path(__file__).parent / "data" / "article.html"


def test_a_realistic_page_gives_main_text_and_metadata():
    article = parsing.parse_document(
        ARTICLE.read_bytes(), max_bytes=1_000_000, url="https://ledger.example.org/x"
    )
    assert article.title == "Minister defends jobs figures as critics cite survey"
    assert article.author == "Maria Okafor"
    assert article.publisher == "The Daily Ledger"
    assert article.published_at == datetime(2026, 3, 14, 9, 30, tzinfo=UTC)
    assert article.language == "en"
    assert parsing.canonicalize_url(article.canonical_url) == (
        "https://ledger.example.org/politics/2026/03/14/jobs-figures"
    )
    assert '"The minister is picking the one quarter that flatters him,"' in (
        article.text
    )
    # Navigation, cookie banner, related links, comments and footer are gone.
    for chrome in ("Subscribe", "cookies", "Budget talks", "First!", "rights reserved"):
        assert chrome not in article.text


def test_plain_text_is_kept_as_it_is():
    article = parsing.parse_document(
        b"Title line\r\n\r\nHe said \xe2\x80\x9cyes.\xe2\x80\x9d\r\n", max_bytes=1000
    )
    assert article.text == "Title line\n\nHe said \u201cyes.\u201d"


def test_a_declared_charset_is_used_to_decode():
    latin = "<html><body><p>Caf\u00e9 cr\u00e8me, d\u00e9j\u00e0 vu.</p></body></html>"
    data = latin.encode("iso-8859-1")
    with pytest.raises(PermanentImportError, match="not UTF-8"):
        parsing.decode_text(data, max_bytes=1000)
    assert parsing.decode_text(data, max_bytes=1000, encoding="iso-8859-1") == latin


def test_a_meta_charset_is_sniffed_when_no_header_says():
    page = (
        '<html><head><meta charset="windows-1252"><title>T</title></head><body>'
        + "<p>\u201cWe will not\u201d, she said, \u2014 and left the room. " * 20
        + "</p></body></html>"
    ).encode("cp1252")
    article = parsing.parse_document(page, max_bytes=100_000)
    assert "\u201cWe will not\u201d" in article.text


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"   \n\t ", "empty"),
        (b"%PDF-1.7\x00\x01\x02binary", "binary data"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "binary data"),
        (b"caf\xe9 au lait", "not UTF-8: byte 0xe9 at position 3"),
        (b"x" * 2001, "too large: 2,001 bytes"),
    ],
)
def test_bad_input_is_refused_with_a_clear_error(data, message):
    with pytest.raises(PermanentImportError, match=message):
        parsing.parse_document(data, max_bytes=2000)


def test_an_html_page_without_text_is_refused():
    with pytest.raises(PermanentImportError, match="no article text"):
        parsing.parse_document(
            b"<html><body><script>var a = 1;</script></body></html>", max_bytes=999
        )


@pytest.mark.parametrize(
    ("url", "canonical"),
    [
        (
            "https://News.Example.org:443/a/b?utm_source=x&id=7&fbclid=1#top",
            "https://news.example.org/a/b?id=7",
        ),
        ("http://news.example.org:80", "http://news.example.org/"),
        ("http://news.example.org:8080/a", "http://news.example.org:8080/a"),
        ("https://n.example.org/a?b=2&a=1&gclid=z", "https://n.example.org/a?a=1&b=2"),
        ("", ""),
    ],
)
def test_canonical_urls_drop_tracking_parameters(url, canonical):
    assert parsing.canonicalize_url(url) == canonical


def test_the_content_hash_ignores_whitespace_differences():
    assert parsing.content_sha256("a  b\nc") == parsing.content_sha256(" a b c ")
    assert parsing.content_sha256("a b c") != parsing.content_sha256("a b d")
