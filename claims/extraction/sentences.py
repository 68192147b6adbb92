"""Mask quoted text and split the rest into sentences, so cues are found outside quotes."""

from __future__ import annotations

import bisect
import re

from .lexicon import ABBREVIATIONS, CUE_RE
from .marks import Span

MASK = "\ue000"  # private-use character: never a word character, never a mark
_BOUNDARY = re.compile(r"[.!?]+[\"”’'\ue000)]*[ \t\xa0]+(?=[\ue000“\"‘'(\[A-Z0-9])|\n+")
_INITIALS = re.compile(r"(?:[a-z]\.)+[a-z]")


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
    pieces.append(text[last:])
    return "".join(pieces)


class Sentences:
    """Sentence boundaries of a masked text, looked up by position."""

    def __init__(self, masked: str) -> None:
        starts = [0]
        for match in _BOUNDARY.finditer(masked):
            stop = match.start()
            if masked[stop] == ".":
                # No boundary after "Mr.", "U.S." or an initial ("Donald J. Trump").
                space = max(
                    masked.rfind(" ", max(0, stop - 30), stop),
                    masked.rfind("\n", max(0, stop - 30), stop),
                )
                word = masked[space + 1 : stop].lstrip("(\"“‘'").lower()
                if word in ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
                    continue
                if "." in word and _INITIALS.fullmatch(word):
                    continue  # "J.J. MacNab", "U.S.A."
            starts.append(match.end())
        self.starts = starts
        self.length = len(masked)
        self.masked = masked
        # Cues are found once per sentence, and only in sentences someone asks about.
        self._cues: dict[int, tuple[list[int], list[re.Match[str]]]] = {}

    def cues_in(self, lo: int, hi: int) -> list[re.Match[str]]:
        """Return the cues that start in ``[lo, hi)`` and end by ``hi``, in order."""
        index = bisect.bisect_right(self.starts, lo) - 1
        if index + 1 >= len(self.starts) or self.starts[index + 1] >= hi:
            # The common case: the range lies in one sentence.
            positions, cues = self._sentence_cues(index)
            first = bisect.bisect_left(positions, lo)
            last = bisect.bisect_left(positions, hi)
            if last and cues[last - 1].end() > hi:
                last -= 1
            return cues[first:last]
        found: list[re.Match[str]] = []
        while index < len(self.starts) and self.starts[index] < hi:
            positions, cues = self._sentence_cues(index)
            first = bisect.bisect_left(positions, lo)
            last = bisect.bisect_left(positions, hi)
            found.extend(cue for cue in cues[first:last] if cue.end() <= hi)
            index += 1
        return found

    def _sentence_cues(self, index: int) -> tuple[list[int], list[re.Match[str]]]:
        cached = self._cues.get(index)
        if cached is None:
            start = self.starts[index]
            end = self.starts[index + 1] if index + 1 < len(self.starts) else self.length
            cues = list(CUE_RE.finditer(self.masked, start, end))
            cached = self._cues[index] = ([cue.start() for cue in cues], cues)
        return cached

    def bounds(self, pos: int) -> tuple[int, int]:
        """Return (start, end) of the sentence holding ``pos``."""
        index = bisect.bisect_right(self.starts, pos) - 1
        end = self.starts[index + 1] if index + 1 < len(self.starts) else self.length
        return self.starts[index], end

    def previous(self, start: int) -> tuple[int, int] | None:
        """Return the sentence before the one starting at ``start``."""
        index = bisect.bisect_right(self.starts, start) - 1
        if index <= 0:
            return None
        return self.starts[index - 1], self.starts[index]
