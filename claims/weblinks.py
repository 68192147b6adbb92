"""Addresses that may become links: http(s) only, never `javascript:` or `data:`."""

from urllib.parse import urlsplit


def http_url(value: str) -> str:
    """Return `value` if it is an http(s) URL, else "" (never a `javascript:` link)."""
    value = (value or "").strip()
    try:
        parts = urlsplit(value)
    except ValueError:
        return ""
    if parts.scheme.lower() in {"http", "https"} and parts.netloc:
        return value
    return ""
