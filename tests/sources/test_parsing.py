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


@pytest.mark.parametrize("declared", ["iso-8859-1", "windows-1252"])
def test_utf8_under_a_wrong_charset_header_is_read_as_utf8(declared):
    text = "President Fran\u00e7ois Hollande said it\u2019s \u201cthe end.\u201d"
    article = parsing.parse_document(
        text.encode("utf-8"), max_bytes=1000, encoding=declared
    )
    assert article.text == text


@pytest.mark.parametrize("misread_as", ["latin-1", "cp1252"])
def test_mojibake_in_the_text_itself_is_repaired(misread_as):
    text = "President Fran\u00e7ois Hollande said it\u2019s \u201cthe end.\u201d"
    # A CMS that stored UTF-8 read as another charset: "FranÃ§ois", "itâ€™s".
    garbled = "".join(
        chr(byte)
        if misread_as == "latin-1" or byte in (0x81, 0x8D, 0x8F, 0x90, 0x9D)
        else bytes([byte]).decode("cp1252")
        for byte in text.encode("utf-8")
    )
    assert "Fran\u00c3\u00a7ois" in garbled
    article = parsing.parse_document(garbled.encode("utf-8"), max_bytes=1000)
    assert article.text == text


def test_accents_curly_quotes_and_symbols_are_kept_as_they_are():
    text = (
        "\u201cCaf\u00e9 \u00c3 la carte\u201d costs \u00a35, she said \u2014 "
        "na\u00efvely, in S\u00e3o Paulo."
    )
    assert parsing.parse_document(text.encode(), max_bytes=1000).text == text
