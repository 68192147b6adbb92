"""Turn raw bytes into article text and metadata; pure, no models, no network."""

import codecs
import hashlib
import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime

import ftfy

from .exceptions import PermanentImportError

_HTML_START = re.compile(
    rb"^\s*(<!doctype html|<html|<head|<body|<article|<p[\s>])", re.I
)
# Bytes that never occur in text files: NUL and the C0 controls other than
# tab, newline, form feed and carriage return.
_BINARY_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")


@dataclass(frozen=True, slots=True)
class ParsedArticle:
    """An article's main text and whatever metadata the document gave."""

    text: str
    title: str = ""
    author: str = ""
    publisher: str = ""
    published_at: datetime | None = None
    language: str = ""
    canonical_url: str = ""


def decode_text(data: bytes, *, max_bytes: int, encoding: str = "") -> str:
    """Return `data` as text, refusing empty, oversized, binary or undecodable input.

    Text is UTF-8 unless `encoding` (a charset a server or a meta tag declared)
    names another codec.
    """
    if len(data) > max_bytes:
        raise PermanentImportError(
            f"too large: {len(data):,} bytes (the limit is {max_bytes:,})"
        )
    if not data.strip():
        raise PermanentImportError("empty: there is no text to import")
    if _BINARY_BYTES.search(data[:65536]):
        raise PermanentImportError("binary data: this is not a text or HTML article")
    codec = _codec(encoding)
    if codec != "utf-8-sig":
        # Bytes that are valid UTF-8 are UTF-8 whatever a header declares: Latin-1
        # text almost never forms UTF-8 sequences, and servers often mislabel.
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError:
            pass
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        name = "UTF-8" if codec == "utf-8-sig" else encoding
        raise PermanentImportError(
            f"not {name}: byte 0x{data[exc.start]:02x} at position {exc.start} "
            "cannot be decoded"
        ) from None
    return text


def _codec(encoding: str) -> str:
    """Return the codec for a declared charset; UTF-8 when absent or unknown."""
    try:
        name = codecs.lookup(encoding).name if encoding else "utf-8"
    except LookupError:
        name = "utf-8"
    return "utf-8-sig" if name in ("utf-8", "ascii") else name


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)""", re.I)


def sniff_charset(data: bytes) -> str:
    """Return the charset an HTML page declares in a meta tag near its top, or ""."""
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii").lower() if match else ""


# What UTF-8 read as Latin-1 or cp1252 leaves behind ("FranÃ§ois", "itâ€™s"):
# A UTF-8 lead byte read as Ã, Â or â, then a continuation byte read as Latin-1
# (U+0080-U+00BF) or as cp1252 (€ ‚ ƒ … ’ “ ” – — ™ and the rest).
_MOJIBAKE = re.compile("[ÂÃâ][\u0080-\u00bf€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]")
# Only the encoding repairs: quotes stay curly and the text keeps its characters.
_FIX_ENCODING = ftfy.TextFixerConfig(
    unescape_html=False,
    remove_terminal_escapes=False,
    fix_latin_ligatures=False,
    fix_character_width=False,
    uncurl_quotes=False,
    fix_line_breaks=False,
    remove_control_chars=False,
    normalization=None,
)


def clean_text(text: str) -> str:
    """Normalise line endings and strip trailing blanks; offsets index the result.

    A page served with the wrong charset arrives as mojibake ("FranÃ§ois"): ftfy
    undoes it, so names and quotes are read as the writer wrote them.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _MOJIBAKE.search(text):
        text = ftfy.fix_text(text, _FIX_ENCODING)
    text = unicodedata.normalize("NFC", text)
    return text.strip()


def content_sha256(text: str) -> str:
    """Return the dedupe key of an article's text (whitespace-insensitive)."""
    folded = " ".join(text.split())
    return hashlib.sha256(folded.encode()).hexdigest()


def looks_like_html(data: bytes) -> bool:
    return bool(_HTML_START.match(data[:1024]))


def parse_document(
    data: bytes, *, max_bytes: int, url: str = "", encoding: str = ""
) -> ParsedArticle:
    """Return the article in `data`: plain text as is, HTML through trafilatura."""
    html = looks_like_html(data)
    if html and not encoding:
        encoding = sniff_charset(data)
    text = decode_text(data, max_bytes=max_bytes, encoding=encoding)
    if html:
        return parse_html(text, url=url)
    return ParsedArticle(text=clean_text(text))


def parse_html(html: str, *, url: str = "") -> ParsedArticle:
    """Return the main text and metadata of an HTML page."""
    import trafilatura

    doc = trafilatura.bare_extraction(
        html,
        url=url or None,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
    )
    text = clean_text(getattr(doc, "text", "") or "") if doc else ""
    if not text:
        raise PermanentImportError("no article text found in the HTML page")
    head = _head_metadata(html)
    published_at = _aware(head.get("published")) or _aware(getattr(doc, "date", None))
    return ParsedArticle(
        text=text,
        title=(getattr(doc, "title", "") or "")[:500],
        author=(getattr(doc, "author", "") or "")[:300],
        publisher=(getattr(doc, "sitename", "") or "")[:200],
        published_at=published_at,
        language=(getattr(doc, "language", "") or head.get("language", ""))[:16],
        canonical_url=getattr(doc, "url", "") or "",
    )


_PUBLISHED_META = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "dc.date.issued",
    "dcterms.created",
)


def _head_metadata(html: str) -> dict[str, str]:
    """Return what the page head says precisely: the language and publication time.

    trafilatura reads the date to the day and leaves the language to a detector;
    the page's own `<html lang>` and `article:published_time` are better.
    """
    import lxml.html
    from lxml.etree import ParserError

    found: dict[str, str] = {}
    try:
        root = lxml.html.document_fromstring(html.encode())
    except (ParserError, ValueError):
        return found
    lang = (
        root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang") or ""
    )
    if re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*", lang.strip()):
        found["language"] = lang.strip().lower()
    for meta in root.iterfind(".//meta"):
        key = (
            meta.get("property") or meta.get("name") or meta.get("itemprop") or ""
        ).lower()
        if key in _PUBLISHED_META and meta.get("content") and "published" not in found:
            found["published"] = meta.get("content", "").strip()
    return found


def _aware(value: str | None) -> datetime | None:
    """Return an ISO 8601 date or time as an aware datetime (UTC when unzoned)."""
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def guess_title(text: str) -> str:
    """Return the first line of a plain-text article, as its title."""
    first = text.split("\n", 1)[0].strip()
    return first[:200]


_TRACKING_PARAMS = re.compile(
    r"^(utm_\w+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|igshid|ref|ref_src|cmpid|"
    r"ocid|smid|_ga|yclid|spm)$",
    re.I,
)


def canonicalize_url(url: str) -> str:
    """Return `url` without tracking parameters, fragment or default port."""
    from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

    if not url:
        return ""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    port = parts.port
    netloc = (
        host if port in (None, 80 if scheme == "http" else 443) else f"{host}:{port}"
    )
    query = urlencode(
        sorted(
            (k, v)
            for k, v in parse_qsl(parts.query, keep_blank_values=True)
            if not _TRACKING_PARAMS.match(k)
        )
    )
    return urlunsplit((scheme, netloc, parts.path or "/", query, ""))
