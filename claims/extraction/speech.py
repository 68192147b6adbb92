"""Tell speech from scare quotes, titles and nicknames, and name each quote's kind."""

from __future__ import annotations

import re

from . import lexicon
from .attribution import Frame
from .marks import Span
from .resolve import Speaker

_SENTENCE_END = re.compile(r"[.!?…]$")
_WORDS = re.compile(r"[\w’'\-]+")
_MINOR = lexicon.words(
    """
    a an the of and or in on at to for with by from as is vs. vs
    """
)


def title_case(quote: str) -> bool:
    """Return True for a short text capitalised throughout, as titles are."""
    if len(quote) > 90:
        return False  # titles and slogans are short
    found = False
    for match in _WORDS.finditer(quote):  # lazily: most quotes fail at once
        word = match.group()
        if not (word[:1].isupper() or word.lower() in _MINOR or word[:1].isdigit()):
            return False
        found = True
    return found


def is_speech(
    text: str, span: Span, fr: Frame, how: str, speaker: Speaker | None
) -> bool:
    """Return False for scare quotes, terms, titles of works and nicknames."""
    quote = text[span.start : span.end]
    words = len(quote.split(None, 3))  # only "more than three" matters: 4 at most
    if title_case(quote) and (words <= 3 or not _SENTENCE_END.search(quote)):
        # Titles of shows and books, slogans and nicknames are capitalised throughout.
        last_word = _last_word(fr.before)
        if fr.scare or how not in _ATTRIBUTED or last_word in _TITLE_BEFORE:
            return False
        if last_word.endswith(("’s", "'s")):
            return False
        if (
            how in _GOES_ON
            and _SENTENCE_END.search(quote)
            and last_word not in _DETERMINERS  # a “No-B.S.” barbecue
        ):
            return True  # “…,” said Reyes. “Never.”: the same voice goes on
        return how in (
            "post",
            "inverted",
            "pre",
            "colon",
            "according",
            "mixed",
            "final",
        )
    if fr.scare and words <= 3 and how in _WEAK:
        return False  # a so-called “term” in a sentence whose subject was only guessed
    if how in _ATTRIBUTED or words > 3:
        return True
    if fr.scare:
        return False
    after = fr.after.lstrip(" \t\xa0")
    # the “undercard” debate: a term inside a noun phrase
    return not (_last_word(fr.before) in _DETERMINERS and after[:1].islower())


def _last_word(before: str) -> str:
    """Return the last word before the quote, lowercased ("" when none)."""
    words = before.rstrip(" \t\xa0")[-60:].rsplit(None, 1)
    return words[-1].lower() if words else ""


_GOES_ON = frozenset({"split", "continued", "follow"})
_WEAK = frozenset({"subject", "possessive", "follow"})  # guesses, not cues
_ATTRIBUTED = frozenset(
    {
        "post",
        "inverted",
        "pre",
        "transcript",
        "according",
        "intro",
        "colon",
        "continued",
        "split",
        "follow",
        "mixed",
        "subject",
        "final",
        "dash",
        "possessive",
    }
)
_FIRST_LETTER = re.compile(r"[^\W\d_]")
_TITLE_BEFORE = lexicon.words("on in to of from at with by for")
_DETERMINERS = lexicon.words("the a an this that his her their its")


def kind_of(text: str, span: Span, fr: Frame, how: str) -> str:
    """Return "direct", "partial" or "split" for one quoted piece."""
    if how == "split":
        return "split"
    before = fr.before.rstrip(" \t\xa0")
    after = fr.after.lstrip(" \t\xa0")
    first = text[span.start : span.start + 1]
    if not first.isalpha():  # "[…]", "‘…": the first letter further in
        found = _FIRST_LETTER.search(text, span.start, span.end)
        first = found.group() if found else ""
    if first.islower() and before and not before.endswith((":", "\n")):
        # "called the lines “unacceptable.”", "said that Reyes “has no …”": the
        # quote goes on a sentence that began outside it.
        return "partial"
    starts_sentence = (
        not before or before.endswith((":", ",", "that")) or how in ("pre", "intro")
    )
    ends_sentence = not after or after[:1] in ",.;:!?—" or how in ("post", "inverted")
    if (
        starts_sentence
        and ends_sentence
        and (before.endswith(":") or not before or how != "mixed")
    ):
        return "direct"
    if text[span.start : span.start + 1].islower() or how == "mixed":
        return "partial"
    return "direct" if starts_sentence or ends_sentence else "partial"
