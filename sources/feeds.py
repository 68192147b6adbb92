"""RSS and Atom parsing with feedparser, entity declarations refused; pure."""

import functools
import io
import logging
import pyexpat
import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from .exceptions import PermanentImportError

log = logging.getLogger(__name__)

# Expat 2.6 fixed the last known quadratic-time parsing of large tokens
# (CVE-2023-52425); older versions still parse, but only after the checks below.
EXPAT_MINIMUM = (2, 6, 0)
MAX_ENTRIES = 200

# Any entity declaration, general or parameter: factcheck never expands them, so a
# billion-laughs feed (or an external entity) is refused before a parser sees it.
_ENTITY_DECLARATION = re.compile(rb"<!ENTITY", re.I)
_INTERNAL_SUBSET = re.compile(rb"<!DOCTYPE[^>\[]*\[", re.I)


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One item of a feed: its link (absolute http/https), title and id."""

    link: str
    title: str = ""
    guid: str = ""


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    title: str
    entries: list[FeedEntry]


def expat_is_current() -> bool:
    """Return whether the linked Expat has the fixes feeds should be parsed with."""
    return pyexpat.version_info >= EXPAT_MINIMUM


@functools.cache
def _warn_if_expat_is_old() -> None:
    if not expat_is_current():
        log.warning(
            "Expat %s is older than %s; feeds are still parsed, with entity "
            "declarations refused before parsing",
            pyexpat.EXPAT_VERSION,
            ".".join(map(str, EXPAT_MINIMUM)),
        )


def refuse_entities(data: bytes) -> None:
    """Raise `PermanentImportError` if `data` declares entities or a DTD subset."""
    head = data[:4]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in head:
        # UTF-16/32 would hide a declaration from the byte scan below.
        raise PermanentImportError("refused: feeds in UTF-16 or UTF-32 are not read")
    if _ENTITY_DECLARATION.search(data) or _INTERNAL_SUBSET.search(data):
        raise PermanentImportError(
            "refused: the feed declares XML entities (a DTD internal subset); "
            "entity expansion is off, so it is not read"
        )


def parse_feed(data: bytes, *, url: str = "") -> ParsedFeed:
    """Return the entries of an RSS or Atom document; refuse entity declarations."""
    import feedparser

    if not data.strip():
        raise PermanentImportError("empty: the feed has no content")
    refuse_entities(data)
    _warn_if_expat_is_old()
    # A stream, never bytes or str: feedparser would treat those as a path or URL
    # and open it itself, behind the SSRF guard's back.
    result = feedparser.parse(
        io.BytesIO(data),
        response_headers={"content-location": url} if url else None,
        sanitize_html=True,
        resolve_relative_uris=True,
    )
    if not result.get("version") and not result.get("entries"):
        problem = result.get("bozo_exception")
        raise PermanentImportError(
            f"not an RSS or Atom feed{f': {problem}' if problem else ''}"
        )
    entries = []
    seen = set()
    for item in result.get("entries", [])[:MAX_ENTRIES]:
        link = _entry_link(item, base=url)
        if link and link not in seen:
            seen.add(link)
            entries.append(
                FeedEntry(
                    link=link,
                    title=str(item.get("title", ""))[:500],
                    guid=str(item.get("id", ""))[:500],
                )
            )
    return ParsedFeed(
        title=str(result.get("feed", {}).get("title", ""))[:300], entries=entries
    )


def _entry_link(item: dict, *, base: str) -> str:  # type: ignore[type-arg]
    link = str(item.get("link", "") or "").strip()
    if not link:
        return ""
    link = urljoin(base, link) if base else link
    if urlsplit(link).scheme.lower() not in ("http", "https") or len(link) > 2000:
        return ""
    return link
