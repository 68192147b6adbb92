"""The project's only outbound HTTP client: SSRF-guarded, pinned, capped and timed.

    fetch(url) ─▶ guard.parse_url ─▶ guard.resolve_safe (one lookup, every address
    checked) ─▶ client.exchange (connect to the checked address, Host/SNI = the name,
    byte caps, one deadline) ─▶ redirect? re-check the new URL from the top.

Pure: imports no models. URL import, feed polling and webhook delivery all use it.
"""

import ssl
from collections.abc import Collection, Mapping
from urllib.parse import urljoin

from django.conf import settings

from ..exceptions import PermanentImportError, TransientImportError, UnsafeURL
from .client import Connector, FetchResponse, default_connector, exchange
from .guard import Resolver, check_url, default_resolver, parse_url, resolve_safe
from .limits import Deadline, FetchTimeout, ResponseTooLarge, UnsupportedContent

__all__ = [
    "ARTICLE_TYPES",
    "FEED_TYPES",
    "FetchResponse",
    "FetchTimeout",
    "ResponseTooLarge",
    "UnsafeURL",
    "UnsupportedContent",
    "check_url",
    "default_connector",
    "default_resolver",
    "fetch",
    "parse_url",
    "resolve_safe",
]

ARTICLE_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/plain"})
FEED_TYPES = frozenset(
    {
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
        "application/xml",
        "text/xml",
    }
)
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})


def fetch(
    url: str,
    *,
    resolver: Resolver | None = None,
    connector: Connector | None = None,
    max_bytes: int | None = None,
    accept: Collection[str] | None = ARTICLE_TYPES | FEED_TYPES,
    method: str = "GET",
    body: bytes | None = None,
    headers: Mapping[str, str] | None = None,
    follow_redirects: bool = True,
    raise_for_status: bool = True,
    timeout: float | None = None,
    ssl_context: ssl.SSLContext | None = None,
    truncate_body: bool = False,
) -> FetchResponse:
    """Fetch `url` safely and return the final response.

    Raises `UnsafeURL` for a URL or address factcheck must not reach (before any
    connection), `TransientImportError` for timeouts, dropped connections, 429
    and 5xx, and `PermanentImportError` for other 4xx, a refused content type, a
    body over `max_bytes` (compressed or not) and too many redirects.

    `accept=None` takes any content type; `raise_for_status=False` returns 4xx
    and 5xx answers instead of raising; `follow_redirects=False` returns a 3xx
    as it is (webhook delivery wants all three). A 304 is always returned.
    `truncate_body=True` returns the first `max_bytes` of a longer body instead of
    raising `ResponseTooLarge`.
    """
    cap = max_bytes if max_bytes is not None else settings.FETCH_MAX_BYTES
    deadline = Deadline(float(timeout or settings.FETCH_TOTAL_TIMEOUT))
    sent = {
        "User-Agent": f"factcheck/0.1 (+{settings.FACTCHECK_PUBLISHER_URL})",
        "Accept-Encoding": "gzip, deflate",
        "Accept": ", ".join(sorted(accept)) if accept else "*/*",
        "Connection": "close",
    }
    sent.update(headers or {})

    def wants_body(status: int, got: dict[str, str]) -> bool:
        if status == 304 or (follow_redirects and status in REDIRECT_STATUSES):
            return False
        return 200 <= status < 300 or not raise_for_status

    current = url
    for _hop in range(settings.FETCH_MAX_REDIRECTS + 1):
        target = parse_url(current)
        addresses = resolve_safe(target.host, target.port, resolver=resolver)
        response = exchange(
            target,
            addresses,
            method=method,
            headers=sent,
            body=body,
            connector=connector,
            connect_timeout=float(settings.FETCH_CONNECT_TIMEOUT),
            deadline=deadline,
            ssl_context=ssl_context,
            wants_body=wants_body,
            accept=accept,
            max_bytes=cap,
            truncate=truncate_body,
        )
        status = response.status
        if follow_redirects and status in REDIRECT_STATUSES:
            location = response.headers.get("location", "")
            if not location:
                raise PermanentImportError(f"HTTP {status} without a Location header")
            current = urljoin(current, location)
            if status == 303 or (status in (301, 302) and method == "POST"):
                method, body = "GET", None
            continue
        if raise_for_status:
            _raise_for_status(response)
        return response
    raise PermanentImportError(
        f"too many redirects (more than {settings.FETCH_MAX_REDIRECTS})"
    )


def _raise_for_status(response: FetchResponse) -> None:
    status = response.status
    if status < 300 or status == 304:
        return
    where = f"HTTP {status} from {response.url}"
    if status in (408, 425, 429) or status >= 500:
        raise TransientImportError(f"{where} (will retry)")
    raise PermanentImportError(where)
