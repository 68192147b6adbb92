"""Find the cue and the speaker phrase around one quoted span, within its sentence."""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import lexicon
from .cues import (
    WINDOW,
    according_after,
    cue_after,
    cue_before,
    cue_closing,
    possessor,
    signature,
)
from .forward import sentence_subject
from .marks import Span
from .phrases import Mention
from .sentences import MASK, Sentences

# A sentence that only says who spoke: "Grant said." after a quote ending in a period.
_SAID_ALONE = re.compile(
    r"[A-Z][\w.’'\-]*(?: [A-Z][\w.’'\-]*){0,3}"
    r" (?:said|says|added|wrote|writes)\.(?:\s|$)"
)
_PRONOUN_OPENS = re.compile(r"(?:He|She|They|It|I|We)\b")  # a new sentence
_SUBJECT_REACH = 300  # a sentence subject further back than this is not the speaker
_SPEECH_NOUN = re.compile(
    r"(?:claims?|promises?|pledges?|remarks?|comments?|statements?|assertions?|words"
    r"|vows?|warnings?|arguments?|description|insistence|suggestion)\b"
)
_POSSESSIVE_END = re.compile(r"(?:’s|'s|’|')?\s+")
_THAT_END = re.compile(r"\bthat\s*$")
# A sentence that opens with a subordinate clause: "But even as Reyes claimed …".
_PARTICIPLE_AFTER = re.compile(
    r"[,”\"'’]*\s+(?:telling|saying|adding|writing|noting|arguing|insisting)\b"
)
_OPENS_CLAUSE = re.compile(
    r"\s*(?:(?:But|And|Yet|So)\s+)?(?:even\s+)?"
    r"(?:[Aa]s|[Ww]hile|[Ww]hen|[Aa]fter|[Bb]efore|[Ss]ince|[Bb]ecause|[Aa]lthough"
    r"|[Tt]hough|[Ii]f)\s"
)


def _after_possessive(masked: str, end: int) -> int:
    match = _POSSESSIVE_END.match(masked, end)
    return match.end() if match else end


@dataclass(slots=True)
class Frame:
    """What the sentence around a quote says about it."""

    mention: Mention | None
    cue: str
    how: str  # post, inverted, pre, colon, according, mixed, or "" when nothing
    sentence_start: int
    sentence_end: int
    before: str  # sentence text before the opening mark (masked)
    after: str  # sentence text after the closing mark (masked)
    scare: bool


# "a clip that Judge Ann Baxter called “…,” Reyes said …": the quote is the name
# the judge gave it; "could be termed “…,” the Ledger reported" is passive.
_NAMING_END = re.compile(
    r"(?<!\bbe )(?<!\bbeen )(?<!\bis )(?<!\bwas )(?<!\bare )(?<!\bwere )"
    r"\b(?:called|calls|dubbed|termed|labeled|labelled|branded|deemed)\s*$"
)


def light_frame(masked: str, sentences: Sentences, span: Span) -> Frame:
    """Return the sentence around ``span`` without looking for an attribution."""
    start, end = sentences.around(
        span.outer_start, max(span.outer_start, span.outer_end - 1)
    )
    before = masked[max(start, span.outer_start - WINDOW) : span.outer_start]
    after = masked[span.outer_end : min(end, span.outer_end + WINDOW)]
    return Frame(None, "", "", start, end, before, after, lexicon.scare_before(before))


def frame(masked: str, sentences: Sentences, span: Span) -> Frame:
    """Return the attribution frame of ``span`` from its own sentence."""
    start, end = sentences.around(
        span.outer_start, max(span.outer_start, span.outer_end - 1)
    )
    before = masked[max(start, span.outer_start - WINDOW) : span.outer_start]
    after = masked[span.outer_end : min(end, span.outer_end + WINDOW)]
    scare = lexicon.scare_before(before)
    post_end = end
    if (
        end - span.outer_end < 3
        and end < len(masked)
        and masked[end - 1] != "\n"
        and masked[span.end - 1] in "?!."
        # “X responded: “…?” Critics said …”; “X replied with, “…?” Y wrote back”
        and not before.rstrip().endswith((":", ","))
    ):
        if masked[span.end - 1] != "." and not _PRONOUN_OPENS.match(masked, end):
            # “…?” Grant asked. The mark ended the sentence, the cue follows it.
            post_end = sentences.bounds(end)[1]
        elif _SAID_ALONE.match(masked, end, min(len(masked), end + 60)):
            post_end = sentences.bounds(end)[1]  # “… missing.” Grant said.
    for finder, bound in (
        (cue_after, post_end),
        (cue_before, start),
        (according_after, end),
        (cue_closing, end),
        (signature, end),
    ):
        mention, cue, how = finder(masked, sentences, span, bound)
        if how == "post" and _NAMING_END.search(before):
            # The verb that names the quote outranks a cue after it.
            own = cue_before(masked, sentences, span, start)
            if own[0] is not None:
                mention, cue, how = own
        if (
            how == "post"
            and _OPENS_CLAUSE.match(masked, start)
            # the quote is in that clause: "that" leads to it, or no comma yet
            and (_THAT_END.search(before) or "," not in masked[start : span.start])
        ):
            # "Even as Reyes claimed that “…,” a prosecutor said …": the quote is
            # the opening clause's report; the main clause after it is another.
            own = cue_before(masked, sentences, span, start)
            if own[0] is not None:
                mention, cue, how = own
        if mention is not None:
            return Frame(mention, cue, how, start, end, before, after, scare)
    if 8 < span.outer_start - start < _SUBJECT_REACH:
        owner, cue, how = possessor(masked, sentences, span, start)
        if owner is not None and _SPEECH_NOUN.match(
            masked, _after_possessive(masked, owner.end)
        ):
            # "The Ledger seized on Reyes's claim that there were “thousands”": the
            # owner of the words, not the sentence's subject.
            return Frame(owner, cue, how, start, end, before, after, scare)
        mention = _clause_subject(masked, start, span.outer_start)
        if mention is not None and (
            mention.kind in ("name", "pronoun")
            or (mention.kind == "org" and _PARTICIPLE_AFTER.match(masked, span.end))
        ):
            # "The Harbor Foundation would not name “that man,” telling a station
            # …": a participle after the quote reports the subject's words.
            return Frame(mention, "", "subject", start, end, before, after, scare)
        # "After bickering over whether the other is “qualified,” Baxter ripped
        # into Reyes": the quote sits in the opening clause, the subject follows;
        # before an owner only when it speaks ("From Reyes's “…” to …, Will wrote").
        mention = sentence_subject(masked, start, end)
        if (
            mention is not None
            and mention.kind == "name"
            and mention.start > span.end
            and (owner is None or lexicon.CUE_RE.match(masked, mention.end + 1))
        ):
            return Frame(mention, "", "subject", start, end, before, after, scare)
        if owner is not None:
            return Frame(owner, cue, how, start, end, before, after, scare)
    return Frame(None, "", "", start, end, before, after, scare)


# Where a second clause with its own subject starts: "X signed it, while Y proposed".
_CLAUSE_JOIN = re.compile(r"(?:,\s+(?:while|whereas|but|and)|;)\s+")


def _clause_subject(masked: str, start: int, end: int) -> Mention | None:
    """Return the subject of the clause the quote sits in, else the sentence's."""
    joins = list(_CLAUSE_JOIN.finditer(masked, start, end))
    if joins:
        mention = sentence_subject(masked, joins[-1].end(), end)
        if mention is not None and mention.kind == "name":
            return mention
    return sentence_subject(masked, start, end)


INTRO_SUBJECT = True
CROSS = 2  # newlines allowed between an introducing sentence and a bare quote


def previous_sentence_intro(
    masked: str, sentences: Sentences, start: int, same_paragraph: bool
) -> Frame | None:
    """Return who speaks in the sentence before ``start`` when it introduces the quote.

    That sentence either ends in a colon (“Kirby said:”) or, in the same paragraph,
    names a speaker with a cue and quotes nothing itself (“X agreed. “…””).
    """
    previous = sentences.previous(start)
    if previous is None:
        return None
    s0, s1 = previous
    s0 = max(s0, s1 - WINDOW)  # a long sentence is read from its end
    text = masked[s0:s1].rstrip()
    end = s0 + len(text)
    probe = Span(end, end, end, end, True, -1)
    if text.endswith(":"):
        mention, cue, how = cue_before(masked, sentences, probe, s0)
        if mention is None:
            mention = sentence_subject(masked, s0, end)
    elif MASK not in text and masked.count("\n", s0, start) <= (
        0 if same_paragraph else CROSS
    ):
        found = sentences.cues_in(s0, end)
        if found and found[-1].group().split()[0] in lexicon.STRONG_CUES:
            mention, cue, how = cue_before(masked, sentences, probe, s0)
        elif INTRO_SUBJECT:
            # "Baxter touted her record. “We need …”": the sentence's subject speaks.
            mention, cue = sentence_subject(masked, s0, end), ""
            if mention is not None and mention.kind != "name":
                return None
        else:
            return None
    else:
        return None
    if mention is None or mention.kind == "nominal":
        return None
    return Frame(mention, cue if mention else "", "intro", s0, s1, "", "", False)
