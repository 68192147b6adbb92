"""Run the steps in order: pair marks, frame each quote, resolve speakers, filter."""

from __future__ import annotations

import bisect
import re

from .attribution import Frame, frame, previous_sentence_intro
from .marks import Span, find_spans
from .names import find_people
from .quote import Quote
from .resolve import Resolver, Speaker
from .sentences import MASK, Sentences, mask
from .speech import is_speech, kind_of

_CONFIDENCE = {
    "post": 0.95,
    "inverted": 0.95,
    "pre": 0.9,
    "according": 0.85,
    "intro": 0.85,
    "colon": 0.8,
    "continued": 0.85,
    "split": 0.9,
    "follow": 0.75,
    "mixed": 0.7,
    "": 0.5,
}
_BARE_AFTER = re.compile(r"[\s.,;:!?)\]—–\-\ue000”\"']*")


def _bare(fr: Frame) -> bool:
    """Return True when the quote is a sentence of its own."""
    return not fr.before.strip(" \t\xa0") and bool(_BARE_AFTER.fullmatch(fr.after))


def extract(text: str) -> list[Quote]:
    """Return every direct quotation in ``text`` with its speaker, sorted by start."""
    if not isinstance(text, str):
        raise TypeError("extract() takes a str")
    spans = find_spans(text)
    if not spans:
        return []
    masked = mask(text, spans)
    sentences = Sentences(masked)
    people = find_people(text, spans[-1].outer_end)
    resolver = Resolver(masked, sentences, people)
    newlines = [m.start() for m in re.finditer("\n", text)]
    frames = [frame(masked, sentences, span) for span in spans]

    speakers: list[tuple[Speaker | None, int | None, int | None, str, str]] = []
    groups: list[int] = []
    kinds: list[str] = []
    last: Speaker | None = None
    last_para = -10
    group_speaker: dict[int, int] = {}
    new_group = -1
    for index, (span, fr) in enumerate(zip(spans, frames)):
        para = bisect.bisect_left(newlines, span.outer_start)
        how = fr.how
        speaker = None
        mention_span: tuple[int | None, int | None] = (None, None)
        cue = fr.cue
        previous = spans[index - 1] if index else None
        same_para = previous is not None and (
            para == bisect.bisect_left(newlines, previous.outer_start)
        )
        if span.continuation and span.group in group_speaker:
            source = group_speaker[span.group]
            speaker, start, end, cue, _ = speakers[source]
            mention_span = (start, end)
            how = "continued"
        elif fr.mention is not None:
            speaker = resolver.resolve(fr.mention, last)
            mention_span = (fr.mention.start, fr.mention.end)
        elif not fr.before.strip(" \t\xa0"):
            intro = previous_sentence_intro(masked, sentences, fr.sentence_start)
            if intro is not None and intro.mention is not None:
                speaker = resolver.resolve(intro.mention, last)
                mention_span = (intro.mention.start, intro.mention.end)
                cue, how = intro.cue, "intro"
            elif _bare(fr) and last is not None and para - last_para <= 2 and speakers:
                speaker, start, end, cue, _ = speakers[-1]
                mention_span = (start, end)
                how = "split" if same_para and frames[index - 1].how in (
                    "post",
                    "inverted",
                ) else "follow"
        if how == "continued" or (
            how == "split" and previous is not None and groups
        ):
            group = groups[-1]
        elif (
            previous is not None
            and same_para
            and how == "pre"
            and frames[index - 1].how in ("post", "inverted")
            and frames[index - 1].mention is not None
            and fr.mention is not None
            and frames[index - 1].mention.start == fr.mention.start
        ):
            group = groups[-1]
            how = "split"
        else:
            new_group += 1
            group = new_group
        group_speaker.setdefault(span.group, index)
        speakers.append((speaker, mention_span[0], mention_span[1], cue, how))
        groups.append(group)
        kinds.append(kind_of(text, span, fr, how))
        if speaker is not None and speaker.name:
            last = speaker
            last_para = para

    quotes: list[Quote] = []
    renumber: dict[int, int] = {}
    for span, fr, (speaker, s_start, s_end, cue, how), group, kind in zip(
        spans, frames, speakers, groups, kinds
    ):
        if not is_speech(text, span, fr, how, speaker):
            continue
        group_id = renumber.setdefault(group, len(renumber))
        if speaker is not None and speaker.name is None:
            speaker = None
            s_start = s_end = None
        if kind != "split" and how == "split":
            kind = "split"
        context_start, context_end = _context(text, masked, sentences, span)
        quotes.append(
            Quote(
                quote=text[span.start : span.end],
                start=span.start,
                end=span.end,
                speaker=speaker.name if speaker else None,
                speaker_start=s_start if speaker else None,
                speaker_end=s_end if speaker else None,
                role=speaker.role if speaker else "",
                cue=cue,
                kind=kind,
                group=group_id,
                context=text[context_start:context_end],
                context_start=context_start,
                context_end=context_end,
                confidence=_CONFIDENCE.get(how, 0.5) if speaker else 0.45,
            )
        )
    return quotes


def _context(text: str, masked: str, sentences: Sentences, span: Span) -> tuple[int, int]:
    start = sentences.bounds(span.outer_start)[0]
    end = sentences.bounds(max(span.outer_start, span.outer_end - 1))[1]
    end = max(end, span.outer_end)
    while end > start and text[end - 1].isspace():
        end -= 1
    while start < end and text[start].isspace():
        start += 1
    if start > span.start:
        start = span.outer_start
    return start, end


__all__ = ["extract", "MASK"]
