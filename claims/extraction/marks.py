"""Find quoted spans by pairing quotation marks, paragraph by paragraph."""

from __future__ import annotations

import re
from dataclasses import dataclass

# One alternation, so the scan is a single C-level pass over the text. Newlines are
# tokens too: a mark still open at the end of a paragraph closes there.
_TOKEN = re.compile(r"[“”\"«»\n]|''|``")
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


def find_spans(text: str) -> list[Span]:
    """Return every quoted span in ``text``, in order, with multi-paragraph groups."""
    spans: list[Span] = []
    tags = _tag_spans(text)
    tag_index = 0
    open_at = -1  # position of the pending opening mark, -1 when none is open
    width = 0
    group = -1
    continuation = False  # the pending quote continues the previous paragraph's
    carry = False  # the previous paragraph ended inside a quote
    line_start = 0

    def emit(end_mark: int, end_outer: int, closed: bool) -> bool:
        start, end = _inner(text, open_at + width, end_mark)
        if end <= start:
            return False
        spans.append(
            Span(open_at, end_outer, start, end, closed, group, False, continuation)
        )
        return True

    for match in _TOKEN.finditer(text):
        pos = match.start()
        mark = match.group()
        if mark == "\n":
            if open_at >= 0:
                carry = emit(pos, pos, False)
                open_at = -1
            elif carry and text[line_start:pos].strip(_STRIP):
                carry = False
            line_start = pos + 1
            continue
        while tag_index < len(tags) and tags[tag_index][1] <= pos:
            tag_index += 1
        if tag_index < len(tags) and tags[tag_index][0] <= pos:
            continue  # marks inside markup such as embedded tweets are attributes
        size = len(mark)
        if open_at < 0:
            if mark in _CLOSERS and not _looks_opening(text, pos, size):
                continue
            if (
                mark[0] in "\"'"
                and _looks_closing(text, pos, size)
                and not _looks_opening(text, pos, size)
            ):
                continue  # a stray closing mark: no quote is open
            continuation = carry and not text[line_start:pos].strip(_STRIP)
            if continuation:
                spans[-1].continued = True
            else:
                group += 1
            carry = False
            open_at, width = pos, size
            continue
        if mark in _OPENERS and not _looks_closing(text, pos, size):
            # A second opener inside an open quote: the first mark was stray.
            open_at, width = pos, size
            continue
        emit(pos, pos + size, True)
        open_at = -1
    if open_at >= 0:
        emit(len(text), len(text), False)
    return spans
