"""Find quoted spans by pairing quotation marks, paragraph by paragraph."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Every mark is found with str.find, one kind at a time: on text that is not pure
# ASCII, str.find skips ahead several times faster than a regex character class.
_MARKS = ("“", "”", '"', "«", "»", "''", "``")
_TAG = re.compile(r"<[^<>\n]{0,400}>")
_OPENERS = frozenset("“«`")
_CLOSERS = frozenset("”»")
_SPACE_BEFORE = frozenset(" \t\n\r\xa0([{—–-/")
_AFTER_CLOSE = frozenset(" \t\n\r\xa0,.;:!?)]}—–-/…'’")
_STRIP = " \t\r\n\xa0\u2009\u200a\u202f"


@dataclass(slots=True)
class Span:
    """A quoted stretch: the marks (outer) and the stripped text inside (inner)."""

    outer_start: int
    outer_end: int
    start: int
    end: int
    closed: bool
    group: int
    continued: bool = False  # a later paragraph continues this utterance
    continuation: bool = False  # this piece continues an earlier paragraph
    # “A “B” C”: where C, the rest of A's sentence after the nested B, starts; the
    # outer span then ends at C's closing mark, and C is masked like a quote.
    tail: int = -1


def _looks_opening(text: str, pos: int, width: int) -> bool:
    before = text[pos - 1] if pos else "\n"
    after = text[pos + width] if pos + width < len(text) else "\n"
    return before in _SPACE_BEFORE and not after.isspace()


def _looks_closing(text: str, pos: int, width: int) -> bool:
    before = text[pos - 1] if pos else "\n"
    after = text[pos + width] if pos + width < len(text) else "\n"
    return not before.isspace() and after in _AFTER_CLOSE


def _inner(text: str, start: int, end: int) -> tuple[int, int]:
    """Return the span inside the marks without whitespace or a trailing comma."""
    segment = text[start:end]
    stripped = segment.strip()
    if stripped.endswith(","):
        stripped = stripped[:-1].rstrip()
    if not stripped:
        return start, start
    lead = len(segment) - len(segment.lstrip())
    return start + lead, start + lead + len(stripped)


def _tag_spans(text: str) -> list[tuple[int, int]]:
    if "<" not in text:
        return []
    return [m.span() for m in _TAG.finditer(text)]


def _find_marks(text: str) -> list[tuple[int, str]]:
    """Return ``(position, mark)`` for every quotation mark, in order.

    Each kind is searched from the end of its previous match, as a regex
    alternation would: "'''" holds one "''" mark, not two.
    """
    found: list[tuple[int, str]] = []
    find = text.find
    for mark in _MARKS:
        # A one-character search runs at memchr speed, a two-character one at a
        # fraction of it: most texts have no "`" and many no "'" at all.
        if len(mark) > 1 and mark[0] not in text:
            continue
        at = find(mark)
        while at >= 0:
            found.append((at, mark))
            at = find(mark, at + len(mark))
    found.sort()
    return found


class _Pairing:
    """The state of one left-to-right pass over the marks of a text.

    Newlines are not visited one by one: before each mark, the lines crossed since
    the previous one are handled at once (most articles have more newlines than
    marks). A mark still open at the end of a paragraph closes there.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.spans: list[Span] = []
        self.open_at = -1  # position of the pending opening mark, -1 when none is open
        self.width = 0
        self.group = -1
        self.continuation = (
            False  # the pending quote continues the previous paragraph's
        )
        self.carry = False  # the previous paragraph ended inside a quote
        self.line_start = 0
        self.scanned = 0  # newlines before this position have been handled
        self.nested = False  # a “…” is open inside the pending "…" quote
        self.cut = -1  # line start where an opener cut the quote before it (“A “B”)

    def emit(self, end_mark: int, end_outer: int, closed: bool) -> bool:
        """Close the pending quote at ``end_mark``; return False when it is empty."""
        open_at = self.open_at
        start, end = _inner(self.text, open_at + self.width, end_mark)
        self.open_at = -1
        if end <= start:
            return False
        self.spans.append(
            Span(
                open_at,
                end_outer,
                start,
                end,
                closed,
                self.group,
                False,
                self.continuation,
            )
        )
        return True

    def cross_lines(self, upto: int) -> None:
        """Handle the newlines in ``[scanned, upto)``: the first closes an open quote,
        and a line with text on it ends a quote carried over from a paragraph."""
        text = self.text
        first = text.find("\n", self.scanned, upto)
        self.scanned = upto
        if first < 0:
            return
        last = text.rfind("\n", first, upto)
        if self.open_at >= 0:
            self.carry = self.emit(first, first, False)
            self.line_start = first + 1
        if self.carry and text[self.line_start : last].strip(_STRIP):
            self.carry = False
        self.line_start = last + 1

    def mark(self, pos: int, mark: str) -> None:
        """Open, reopen or close a quote at one mark outside markup."""
        text, size = self.text, len(mark)
        if self.open_at < 0:
            if mark in _CLOSERS and not _looks_opening(text, pos, size):
                self.close_tail(pos, size)
                return
            if (
                mark[0] in "\"'"
                and _looks_closing(text, pos, size)
                and not _looks_opening(text, pos, size)
            ):
                return  # a stray closing mark: no quote is open
            self.continuation = self.carry and not text[self.line_start : pos].strip(
                _STRIP
            )
            if self.continuation:
                self.spans[-1].continued = True
            else:
                self.group += 1
            self.carry = False
            self.open_at, self.width = pos, size
            self.nested = False
            return
        if text[self.open_at] == '"':
            # “Equal Justice” inside a "…" quote is nested, in the other style; a
            # lone ” still closes it ("Oz has a pulpit,” said X).
            if mark == "“" and _looks_opening(text, pos, size):
                self.nested = True
                return
            if mark == "”" and self.nested:
                self.nested = False
                return
        if mark in _OPENERS and not _looks_closing(text, pos, size):
            # A second opener inside an open quote (“A “B” C”): the first quote
            # runs up to it, and the second starts a piece of the same utterance.
            self.emit(pos, pos, False)
            self.continuation = False
            self.open_at, self.width = pos, size
            self.cut = self.line_start
            return
        self.emit(pos, pos + size, True)

    def close_tail(self, pos: int, size: int) -> None:
        """Give C, in “A “B” C” on one line, to B's span when ``pos`` closes C."""
        if self.cut != self.line_start or not self.spans:
            return
        last = self.spans[-1]
        if last.closed and _looks_closing(self.text, pos, size):
            last.tail, last.outer_end = last.outer_end, pos + size
            self.cut = -1


def find_spans(text: str) -> list[Span]:
    """Return every quoted span in ``text``, in order, with multi-paragraph groups."""
    pairing = _Pairing(text)
    tags = _tag_spans(text)
    tag_index = 0
    for pos, mark in _find_marks(text):
        pairing.cross_lines(pos)
        if tags:  # most texts have no markup
            while tag_index < len(tags) and tags[tag_index][1] <= pos:
                tag_index += 1
            if tag_index < len(tags) and tags[tag_index][0] <= pos:
                continue  # marks inside markup such as embedded tweets are attributes
        pairing.mark(pos, mark)
    pairing.cross_lines(len(text))
    if pairing.open_at >= 0:
        pairing.emit(len(text), len(text), False)
    return pairing.spans
