"""Feed parsing: entries out, entity declarations (billion laughs, XXE) refused fast."""

import time

import pytest

from sources import feeds
from sources.exceptions import PermanentImportError

RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Ledger politics</title>
<link>https://ledger.example.org/</link>
<item><title>One</title><link>https://ledger.example.org/one?utm_source=rss</link>
  <guid>one</guid></item>
<item><title>Two</title><link>/two</link><guid>two</guid></item>
<item><title>Mail</title><link>mailto:desk@ledger.example.org</link></item>
<item><title>No link</title><description>text</description></item>
<item><title>One again</title><link>https://ledger.example.org/one?utm_source=rss</link>
  </item>
</channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom desk</title>
<entry><title>A</title><id>urn:a</id><link href="https://atom.example.org/a"/>
<updated>2026-03-14T09:30:00Z</updated></entry>
</feed>"""

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE rss [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>&lol9;</title>
<item><title>&lol9;</title><link>https://ledger.example.org/lol</link></item>
</channel></rss>"""


def test_rss_entries_come_out_absolute_deduplicated_and_http_only():
    parsed = feeds.parse_feed(RSS, url="https://ledger.example.org/feed.xml")
    assert parsed.title == "Ledger politics"
    assert [e.link for e in parsed.entries] == [
        "https://ledger.example.org/one?utm_source=rss",
        "https://ledger.example.org/two",
    ]
    assert [e.title for e in parsed.entries] == ["One", "Two"]


def test_atom_entries_come_out():
    parsed = feeds.parse_feed(ATOM)
    assert [(e.link, e.guid) for e in parsed.entries] == [
        ("https://atom.example.org/a", "urn:a")
    ]


def test_a_billion_laughs_feed_is_refused_quickly_and_never_expanded(monkeypatch):
    import feedparser

    started = time.monotonic()
    feeds.parse_feed(RSS)
    normal = time.monotonic() - started

    def expand(*args, **kwargs):
        raise AssertionError("the feed reached the XML parser")

    monkeypatch.setattr(feedparser, "parse", expand)
    started = time.monotonic()
    with pytest.raises(PermanentImportError, match="declares XML entities"):
        feeds.parse_feed(BILLION_LAUGHS)
    refused = time.monotonic() - started
    assert refused < max(normal, 0.05)


@pytest.mark.parametrize(
    "feed",
    [
        # External entity (XXE): would read a local file.
        b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b"<rss><channel><title>&x;</title></channel></rss>",
        # Parameter entity fetching a remote DTD.
        b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY % d SYSTEM "http://10.0.0.1/">'
        b"%d;]><rss/>",
        # Lower-case spelling and an empty internal subset.
        b'<?xml version="1.0"?><!doctype rss [ <!entity a "b"> ]><rss/>',
        b'<?xml version="1.0"?><!DOCTYPE rss [ ]><rss/>',
    ],
)
def test_feeds_declaring_entities_are_refused(feed):
    with pytest.raises(PermanentImportError, match="entit"):
        feeds.parse_feed(feed)


def test_a_utf16_feed_is_refused_because_it_hides_declarations():
    with pytest.raises(PermanentImportError, match="UTF-16"):
        feeds.parse_feed(RSS.replace(b"utf-8", b"utf-16").decode().encode("utf-16"))


def test_a_public_doctype_without_an_internal_subset_is_read():
    netscape = RSS.replace(
        b"<rss",
        b'<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" '
        b'"http://my.netscape.com/publish/formats/rss-0.91.dtd">\n<rss',
        1,
    )
    assert (
        len(feeds.parse_feed(netscape, url="https://ledger.example.org/").entries) == 2
    )


@pytest.mark.parametrize(
    "data", [b"", b"<html><body><p>not a feed</p></body></html>", b"just text"]
)
def test_what_is_not_a_feed_is_refused(data):
    with pytest.raises(PermanentImportError):
        feeds.parse_feed(data)


def test_feedparser_is_never_handed_bytes_it_could_take_for_a_path(tmp_path):
    """feedparser opens a str or bytes argument as a file or URL; we pass a stream."""
    secret = tmp_path / "secret.xml"
    secret.write_bytes(ATOM)
    with pytest.raises(PermanentImportError):
        feeds.parse_feed(str(secret).encode())


def test_the_expat_version_is_checked():
    import pyexpat

    assert feeds.expat_is_current() == (pyexpat.version_info >= (2, 6, 0))
