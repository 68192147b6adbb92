"""Remembered ETags of feed pages, so a repeat request is a 304 without a query.

A page's ETag is remembered in Django's cache beside a generation: a token that
every write changing what a feed page can show replaces once it commits
(`forget_feed_etags()`: transitions, assignments, edits of a claim, its speaker
or its article). A tag remembered under an older generation is not used.

The generation is read before the page is queried, so a change committed
meanwhile replaces it after the tag is stored and the tag is never used. Only
pages with more rows after them are remembered: rows that settle into the feed
(`FACTCHECK_FEED_SETTLE_SECONDS`) land after every row shown, so they can
change the last page and its `next` without any write being committed then.

Remembering needs a cache every process shares (`CACHE_URL`): a per-process
cache would not hear the writes of the others. Writes that do not call
`forget_feed_etags()` (raw SQL, a data migration) are seen when the tags expire.
"""

import hashlib
import secrets
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

GENERATION_KEY = "feed-etags:generation"
REMEMBER_SECONDS = 300


def remembering() -> bool:
    """Return whether feed ETags are remembered (a shared cache is configured)."""
    return bool(settings.FACTCHECK_FEED_REMEMBER_ETAGS)


def forget_feed_etags() -> None:
    """Stop using every remembered feed ETag once the current transaction commits."""
    if remembering():
        # robust: the write has committed; a cache that is down must not turn it
        # into an error or stop the callbacks after this one.
        transaction.on_commit(_new_generation, robust=True)


def _new_generation() -> None:
    cache.set(GENERATION_KEY, secrets.token_hex(8), None)


def page_key(*parts: Any) -> str:
    """Return the cache key of the page named by `parts` (path, format, …)."""
    return "feed-etags:" + hashlib.sha256(repr(parts).encode()).hexdigest()[:32]


def remembered_etag(key: str) -> tuple[str | None, str | None]:
    """Return the ETag remembered for `key` if still current, and the generation.

    Pass the generation to `remember_etag` after querying the page.
    """
    found = cache.get_many([GENERATION_KEY, key])
    generation = found.get(GENERATION_KEY)
    if generation is None:  # first use, or the cache was emptied
        cache.add(GENERATION_KEY, secrets.token_hex(8), None)
        return None, cache.get(GENERATION_KEY)
    entry = found.get(key)
    if entry is not None and entry[0] == generation:
        return entry[1], generation
    return None, generation


def remember_etag(key: str, etag: str, generation: str | None) -> None:
    """Remember `etag` for `key` under the `generation` read before the query."""
    if generation is not None:
        cache.set(key, (generation, etag), REMEMBER_SECONDS)
