"""Mask quoted text and split the rest into sentences, to find cues outside quotes."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from .lexicon import ABBREVIATIONS, CUE_RE, words
from .marks import Span

MASK = "\ue000"  # private-use character: never a word character, never a mark
# Searched one line at a time, so it needs no newline branch (a line's trailing
# newlines never start a sentence inside it), which keeps the scan fast.
# A closing ” right before a capital also ends a sentence ("… Hispanics!”Former …").
_BOUNDARY = re.compile(
    r"[.!?]+[\"”’'\ue000)]*(?:[ \t\xa0]+(?=[\ue000“\"‘'(\[A-Z0-9])|(?<=”)(?=[A-Z]))"
)
_INITIALS = re.compile(r"(?:[a-z]\.)+[a-z]")
# Words that open a sentence and never go on a name or a title after an
# abbreviation ("U.S. While …", "10 a.m. The …"; but "U.S. Senate", "Jr., said").
_OPENER = re.compile(
    r"(?:The|A|An|But|And|While|When|Although|Though|Because|If|It|He|She|They|We|I"
    r"|His|Her|Their|This|That|These|Those|Yet|However|Meanwhile|Still)\b"
)
_MASK_RUN = re.compile(MASK + "+")
# Cue words that are also plural nouns, and what marks them as nouns: "his claims",
# "Republican claims", "the report's charges" (but "the report claims" is a cue).
NOUN_CUES = words(
    """
    claims charges reports notes calls promises vows tweets posts remarks comments
    states reads demands warnings statements
    """
)
# "went on" is a cue before a quote or "to say", not in "the Senate goes on recess".
_GOES_ON = re.compile(r"\s*(?:[,:“\"\ue000]|to\b|about\b|''|``)")
# "states" and "reads" are nouns far more often than cues ("many Asian states", "the
# note reads well"): they cue speech only before what is said ("states that", "reads:").
_SAYS_WHAT = re.compile(r"\s*(?:[:“\"\ue000]|,\s*[“\"\ue000`']|that\b|''|``)")
# Participles that also stand as adjectives, after an article: "the alleged owner".
_ADJECTIVE_CUES = words("alleged noted reported stated quoted claimed announced")
_ARTICLE_BEFORE = re.compile(r"\b(?:the|a|an|The|A|An)\s+$")
_NOUN_BEFORE = re.compile(
    r"(?:\b(?:the|a|his|her|their|its|our|your|my|these|those|such|many|of|false"
    r"|new|other|similar|previous|earlier|recent|repeated|Republican|Democratic|GOP"
    r"|political)|\w[’']s?)\s+$"
)


def mask(text: str, spans: list[Span]) -> str:
    """Return ``text`` with every quote's inside replaced by ``MASK`` (same length).

    A final ``. ? !`` stays visible so that a quote ending a sentence still ends it.
    """
    if not spans:
        return text
    pieces: list[str] = []
    last = 0
    for span in spans:
        end = span.end
        if text[end - 1] in ".?!":
            end -= 1
        pieces.append(text[last : span.start])
        pieces.append(MASK * (end - span.start))
        last = end
        if span.tail >= 0:  # the rest of an outer quote after a nested one
            end = span.outer_end - 1
            if text[end - 1] in ".?!":
                end -= 1
            pieces.append(text[last : span.tail])
            pieces.append(MASK * (end - span.tail))
            last = end
    pieces.append(text[last:])
    return "".join(pieces)


class Sentences:
    """Sentence boundaries of a masked text, looked up by position.

    A sentence never crosses a line, so lines are split into sentences lazily, only
    when a quote or a look-back asks about them. A sentence's end is the next
    sentence's start (a line's last sentence keeps its newlines).
    """

    def __init__(self, masked: str) -> None:
        self.masked = masked
        self.length = len(masked)
        self.lines = _find_lines(masked)
        self.ends = [*self.lines[1:], self.length]  # where each line ends
        self._starts: dict[int, list[int]] = {}
        # By sentence start: its cues and where each starts.
        self._cues: dict[int, tuple[list[re.Match[str]], list[int]]] = {}

    def _line_starts(self, line: int) -> list[int]:
        """Return the sentence starts of one line, splitting it on first use."""
        starts = self._starts.get(line)
        if starts is None:
            masked, lo, end = self.masked, self.lines[line], self.ends[line]
            starts = [lo]
            for match in _boundaries(masked, lo, end):
                stop = match.start()
                if masked[stop] == ".":
                    # No boundary after "Mr.", "U.S." or an initial ("Paul J. Grant").
                    space = masked.rfind(" ", max(lo, stop - 30), stop)
                    word = masked[max(space + 1, lo) : stop].lstrip("(\"“‘'").lower()
                    if len(word) == 1 and word.isalpha():
                        continue
                    if (
                        word in ABBREVIATIONS
                        or ("." in word and _INITIALS.fullmatch(word))  # "U.S.A."
                    ) and not _OPENER.match(masked, match.end(), end):
                        # "Calif. The attack …", "the U.S. While …": a word that
                        # only opens a sentence ends the one before.
                        continue
                if match.end() < end:
                    starts.append(match.end())
            self._starts[line] = starts
        return starts

    def bounds(self, pos: int) -> tuple[int, int]:
        """Return (start, end) of the sentence holding ``pos``."""
        line = bisect.bisect_right(self.lines, pos) - 1
        starts = self._line_starts(line)
        index = bisect.bisect_right(starts, pos) - 1
        end = starts[index + 1] if index + 1 < len(starts) else self.ends[line]
        return starts[index], end

    def around(self, first: int, last: int) -> tuple[int, int]:
        """Return the start of the sentence holding ``first`` and the end of the one
        holding ``last`` (``first <= last``), as ``bounds`` would, with one line
        lookup when both are on one line."""
        line = bisect.bisect_right(self.lines, first) - 1
        starts = self._line_starts(line)
        start = starts[bisect.bisect_right(starts, first) - 1]
        if last >= self.ends[line]:
            return start, self.bounds(last)[1]
        index = bisect.bisect_right(starts, last)
        return start, starts[index] if index < len(starts) else self.ends[line]

    def previous(self, start: int) -> tuple[int, int] | None:
        """Return the sentence before the one starting at ``start``."""
        line = bisect.bisect_right(self.lines, start) - 1
        starts = self._line_starts(line)
        index = bisect.bisect_right(starts, start) - 1
        if index > 0:
            return starts[index - 1], starts[index]
        if line == 0:
            return None
        before = self._line_starts(line - 1)
        return before[-1], self.lines[line]

    def cues_in(self, lo: int, hi: int) -> list[re.Match[str]]:
        """Return the cues that start in ``[lo, hi)`` and end by ``hi``, in order.

        Only the sentences that ``[lo, hi)`` reaches are scanned, a third less text
        than whole lines: a cue is words and spaces, so it never crosses a sentence
        boundary, which follows a ". ! ?" and any closing marks.
        """
        line = bisect.bisect_right(self.lines, lo) - 1
        found: list[re.Match[str]] = []
        while line < len(self.lines) and self.lines[line] < hi:
            starts = self._line_starts(line)
            count = len(starts)
            # From the sentence holding ``lo`` (on a later line, its first sentence)
            # to the last one that starts before ``hi``.
            first = bisect.bisect_right(starts, lo, 1) - 1
            for index in range(first, bisect.bisect_left(starts, hi)):
                end = starts[index + 1] if index + 1 < count else self.ends[line]
                cues, at = self._sentence_cues(starts[index], end)
                # Bisect to ``lo``: a sentence may hold thousands of cues.
                for cue in cues[bisect.bisect_left(at, lo) :]:
                    if cue.start() >= hi:
                        break
                    if cue.end() <= hi:
                        found.append(cue)
            line += 1
        return found

    def _sentence_cues(
        self, start: int, end: int
    ) -> tuple[list[re.Match[str]], list[int]]:
        """Return the sentence's cues and where each starts, found once."""
        cached = self._cues.get(start)
        if cached is None:
            masked = self.masked
            cues: list[re.Match[str]] = []
            for cue in _unmasked_cues(masked, start, end):
                word, at = cue.group(), cue.start()
                if word in NOUN_CUES and _noun(masked, at):
                    continue
                if word in _ADJECTIVE_CUES and _ARTICLE_BEFORE.search(
                    masked, max(0, at - 8), at
                ):
                    continue  # "the alleged owner", "a noted economist"
                if word[:2] in ("go", "we") and not _GOES_ON.match(masked, cue.end()):
                    continue
                if word in ("states", "reads") and not _SAYS_WHAT.match(
                    masked, cue.end()
                ):
                    continue
                cues.append(cue)
            cached = self._cues[start] = (cues, [cue.start() for cue in cues])
        return cached


def _boundaries(masked: str, lo: int, hi: int) -> Iterator[re.Match[str]]:
    """Yield what ``_BOUNDARY.finditer(masked, lo, hi)`` yields, trying the pattern
    only at a ". ! ?", where it must start; str.find reaches those much faster than
    the regex scan does."""
    stops = []
    for mark in ".!?":
        at = masked.find(mark, lo, hi)
        while at >= 0:
            stops.append(at)
            at = masked.find(mark, at + 1, hi)
    stops.sort()
    resume = lo
    for stop in stops:
        if stop >= resume:
            match = _BOUNDARY.match(masked, stop, hi)
            if match is not None:
                yield match
                resume = match.end()


def _unmasked_cues(masked: str, lo: int, hi: int) -> Iterator[re.Match[str]]:
    """Yield the cue matches in ``masked[lo:hi]``, skipping over masked quotes.

    Nearly half of a line with quotes is mask, where no cue can match; scanning only
    the stretches between masks gives the same matches, since a mask is not a word
    character (so ``\b`` sees the same boundary at either end of a stretch).
    """
    while lo < hi:
        mask_at = masked.find(MASK, lo, hi)
        if mask_at < 0:
            yield from CUE_RE.finditer(masked, lo, hi)
            return
        yield from CUE_RE.finditer(masked, lo, mask_at)
        run = _MASK_RUN.match(masked, mask_at, hi)
        lo = run.end() if run else hi


def _find_lines(masked: str) -> list[int]:
    """Return where each line starts: after every run of newlines (str.find is
    much faster than a regex scan here)."""
    lines, length, find = [0], len(masked), masked.find
    at = find("\n")
    while at >= 0:
        at += 1
        if at < length and masked[at] != "\n":
            lines.append(at)
        at = find("\n", at)
    return lines


def _noun(masked: str, start: int) -> bool:
    """Return True when the cue word at ``start`` follows a determiner or adjective."""
    return bool(_NOUN_BEFORE.search(masked, max(0, start - 24), start))
