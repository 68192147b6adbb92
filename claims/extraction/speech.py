"""Tell speech from scare quotes, titles and nicknames, and name each quote's kind."""

from __future__ import annotations

import re

from .attribution import Frame
from .marks import Span
from .resolve import Speaker

_STRONG = frozenset({"post", "inverted", "pre", "according", "intro", "colon", "continued", "split", "follow"})
_SENTENCE_END = re.compile(r"[.!?…]$")
_MINOR = frozenset("a an the of and or in on at to for with by from as is vs. vs".split())


def _title_case(quote: str) -> bool:
    words = re.findall(r"[\w’'\-]+", quote)
    if not words:
        return False
    return all(w[:1].isupper() or w.lower() in _MINOR or w[:1].isdigit() for w in words)


def is_speech(text: str, span: Span, fr: Frame, how: str, speaker: Speaker | None) -> bool:
    """Return False for scare quotes, terms, titles of works and nicknames."""
    quote = text[span.start : span.end]
    words = len(quote.split())
    if how in _STRONG and how != "follow":
        return not (fr.scare and words <= 6)
    if fr.scare:
        return False
    if how == "mixed":
        return words > 1 or not _title_case(quote)
    if how == "follow":
        return words > 3 or bool(_SENTENCE_END.search(quote))
    return words > 4 and not _title_case(quote)


def kind_of(text: str, span: Span, fr: Frame, how: str) -> str:
    """Return "direct", "partial" or "split" for one quoted piece."""
    if how == "split":
        return "split"
    before = fr.before.rstrip(" \t\xa0")
    after = fr.after.lstrip(" \t\xa0")
    starts_sentence = not before or before.endswith((":", ",", "that")) or how in ("pre", "intro")
    ends_sentence = not after or after[:1] in ",.;:!?—" or how in ("post", "inverted")
    if starts_sentence and ends_sentence and (before.endswith(":") or not before or how != "mixed"):
        return "direct"
    if text[span.start : span.start + 1].islower() or how == "mixed":
        return "partial"
    return "direct" if starts_sentence or ends_sentence else "partial"
