"""Keep a name whole around its quoted nickname: Rafael “Ted” Cruz, C.L. "Butch" Otter.

A nickname in marks is no quotation, and its marks split the name in two, so that
"Rafael" and "Cruz" would look like two people. ``lift`` moves the words before
the nickname right, over it, so that the name reads as one run ("Rafael Cruz") at
the same offsets as the surname; ``place`` maps a speaker span that starts inside
a moved stretch back to where the name starts in the text as written.
"""

from __future__ import annotations

import re

from . import lexicon
from .marks import Span
from .names import FIRST_NAMES, is_title

# A mark, one or two capitalised words, a mark, a space and a capitalised word.
_NICKNAME = re.compile(
    r"(?:[“\"]|'')(?P<nick>(?=[A-Z])[\w.’\-]+(?: [A-Z][\w’\-]*)?)(?:[”\"]|'') "
    r"(?=[A-Z][a-z’'\-]*[a-z]\b)"
)
_INITIALS = re.compile(r"(?:[A-Z]\.)+")
_NOT_A_SURNAME = lexicon.words(
    """
    A An The Of And Or In On At To For With By From As Is Vs But If So Then When
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday Today Tonight
    January February March April May June July August September October November
    December
    """
)  # "He told Sarah “Yes” Monday": an answer, not a nickname


def _name_before(text: str, mark: int) -> int:
    """Return where the name before the opening mark at ``mark`` starts, or -1.

    The word before must be a first name or initials ("Juan", "C.L."), or follow a
    title ("Del. Marcia"); the title then moves with the name.
    """
    if mark < 2 or text[mark - 1] != " ":
        return -1
    start = text.rfind(" ", max(0, mark - 40), mark - 1) + 1
    word = text[start : mark - 1]
    if not word[:1].isupper() or word.endswith(("’s", "'s")):
        return -1
    before = text.rfind(" ", max(0, start - 20), start - 1) + 1
    title = before < start - 1 and is_title(text[before : start - 1])
    if word.lower() in FIRST_NAMES or _INITIALS.fullmatch(word):
        return before if title else start
    return before if title else -1


def lift(text: str, spans: list[Span]) -> tuple[str, list[tuple[int, int]]]:
    """Return ``text`` with each quoted nickname among ``spans`` covered by the
    name before it, and the stretches that moved; ``text`` itself when none."""
    pieces: list[str] = []
    moved: list[tuple[int, int]] = []
    done = 0
    for span in spans:
        if (
            span.end - span.start > 24
            or not text[span.start : span.start + 1].isupper()
        ):
            continue  # most quotes: too long, or not capitalised
        found = _NICKNAME.match(text, span.outer_start)
        if found is None or found.group("nick").endswith((".", "!", "?")):
            continue  # "on “Nightly News.” For": a title ending a sentence
        start = _name_before(text, found.start())
        surname = text[found.end() : found.end() + 20].split(None, 1)[0]
        if start < 0 or start < done or surname.strip(".,;:") in _NOT_A_SURNAME:
            continue
        end = found.end()
        name = text[start : found.start()]
        pieces += (text[done:start], " " * (end - start - len(name)), name)
        moved.append((start, end))
        done = end
    if not moved:
        return text, []
    pieces.append(text[done:])
    return "".join(pieces), moved


def overlaps(spans: list[Span], moved: list[tuple[int, int]]) -> bool:
    """Return True when a quote reaches into a moved stretch, whose text is not
    the text as written."""
    return any(
        span.outer_start < hi and lo < span.outer_end
        for span in spans
        for lo, hi in moved
    )


def place(start: int | None, moved: list[tuple[int, int]]) -> int | None:
    """Return a speaker span's start, moved back to the name as written."""
    if start is None:
        return None
    for lo, hi in moved:
        if lo <= start < hi:
            return lo
    return start
