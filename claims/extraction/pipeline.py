"""Run the steps in order: pair marks, frame each quote, resolve speakers, filter."""

from __future__ import annotations

import re
from dataclasses import replace

from .attribution import Frame, frame, light_frame, previous_sentence_intro
from .lexicon import CUE_RE, PRONOUNS
from .marks import Span, find_spans
from .names import clean_role, looks_like_person
from .nicknames import lift, overlaps, place
from .people import find_people
from .phrases import Mention
from .quote import Quote
from .resolve import Resolver, Speaker, never_speaks
from .sentences import MASK, Sentences, mask
from .shield import shield, unshield
from .speech import is_speech, kind_of, title_case

# How often each attribution names the right person (lenient, against PolNeAR's
# silver labels on train, shrunk toward the mean by 20 quotes' weight):
# `python -m claims.extraction.evaluation --split train --calibration`. The
# labels' own errors, most of them in pronoun chains, make these lower bounds.
_CONFIDENCE = {
    "post": 0.98,
    "split": 0.98,
    "follow": 0.98,
    "continued": 0.98,
    "dash": 0.97,
    "signature": 0.97,
    "transcript": 0.97,
    "pre": 0.96,
    "inverted": 0.96,
    "mixed": 0.96,
    "final": 0.94,
    "colon": 0.92,
    "possessive": 0.91,
    "intro": 0.9,
    "subject": 0.89,
    "according": 0.89,
}
# The same when the mention is a pronoun ("he said"): resolving it is the risk.
_PRONOUN_CONFIDENCE = {
    "final": 0.89,
    "continued": 0.89,
    "subject": 0.87,
    "split": 0.86,
    "intro": 0.85,
    "inverted": 0.85,
    "colon": 0.85,
    "post": 0.84,
    "pre": 0.84,
    "possessive": 0.82,
    "mixed": 0.8,
    "follow": 0.8,
}
_NO_SPEAKER = 0.45  # a quote nobody is named for: a reviewer should look
# Who spoke, the mention's span, the cue and how the attribution was found.
Entry = tuple[Speaker | None, int | None, int | None, str, str]
_LABEL = re.compile(r"([A-Z][A-Z’'\-]+(?: [A-Z][A-Z’'\-]+)?):\s")
_CONTEXT_REACH = 400  # characters of sentence kept on each side of a quote
_CUED = frozenset(
    {"post", "inverted", "pre", "colon", "according", "final", "subject", "mixed"}
)
_PARTICIPLE_ONLY = re.compile(r"\s*(?:And\s+)?[A-Z][a-z]+ing\s*[,:]?\s*")
# "Indeed, “…”", "On the other hand, “…”": only an adverbial opening before the quote.
_OPENING_ONLY = re.compile(
    r"\s*(?:[A-Z][a-z]*ly|(?i:indeed|still|instead|moreover|however|later|then|yet"
    r"|and|but|so|also|again|besides|meanwhile|furthermore|now|rather|thus|in|on|at"
    r"|for|of|as|after|before|from|with|by))(?:\s+[A-Za-z][A-Za-z-]*[a-z]){0,4},"
    r"(?:\s*[a-z]+(?:\s+[a-z]+){0,4},)?\s*"
)
# A signature line after a quote paragraph: "”¶-Dana Cole, Harbor Policy Institute."
_SIGNATURE = re.compile(
    r"[”\"'’]*[ \t]*\n\s*[-–—]?[ \t]*([A-Z][\w’'-]+(?: [A-Z][\w.’'-]*){1,3}),"
    r" ([A-Z][^\n“”\",;]{1,80}?)\.?[”\"]?[ \t]*(?:\n|$)"
)
_BARE_AFTER = re.compile(r"[\s.,;:!?)\]—–\-\ue000”\"']*")


def _opening_only(before: str) -> bool:
    """Return True when ``before`` is only an adverbial opening, with no cue."""
    return bool(_OPENING_ONLY.fullmatch(before)) and not CUE_RE.search(before)


def _bare(fr: Frame) -> bool:
    """Return True when the quote is a sentence of its own."""
    return not fr.before.strip(" \t\xa0") and bool(_BARE_AFTER.fullmatch(fr.after))


def extract(text: str, writer: str = "") -> list[Quote]:
    """Return every direct quotation in ``text`` with its speaker, sorted by start.

    ``writer``, the byline's one named person, speaks the quotes the text gives to
    "I"; without it they have no speaker.
    """
    if not isinstance(text, str):
        raise TypeError("extract() takes a str")
    shielded = shield(text)
    work = text if shielded is None else shielded
    spans = find_spans(work)
    moved: list[tuple[int, int]] = []
    if spans:
        lifted, moved = lift(work, spans)
        if moved:
            again = find_spans(lifted)
            if overlaps(again, moved):
                moved = []  # a nickname inside a longer quote: keep the text as is
            else:
                work, spans = lifted, again
    if work is text:
        return _extract(text, spans, writer)
    # "Jose\u0301", "FranÃ§ois": words kept whole, and Rafael “Ted” Cruz one name,
    # then given back as written.
    return [
        replace(
            q,
            quote=text[q.start : q.end],
            speaker=None if q.speaker is None else unshield(q.speaker),
            speaker_start=place(q.speaker_start, moved),
            role=unshield(q.role),
            cue=unshield(q.cue),
            context=text[q.context_start : q.context_end],
        )
        for q in _extract(work, spans, writer)
    ]


def _extract(text: str, spans: list[Span], writer: str = "") -> list[Quote]:
    if not spans:
        return []
    masked = mask(text, spans)
    sentences = Sentences(masked)
    people = find_people(text, spans[-1].outer_end)
    resolver = Resolver(masked, sentences, people, writer)
    para = 0  # newlines before the quote: its paragraph, counted on from the last
    frames = _Frames(masked, sentences, spans)
    used: list[Frame] = []

    speakers: list[Entry] = []
    groups: list[int] = []
    last: Speaker | None = None
    speaker: Speaker | None = None
    last_para = -10
    last_entry = None
    last_at = -1  # where the last speaker is named
    group_first: dict[int, int] = {}  # marks.py group → index of its first piece
    new_group = -1
    for index, span in enumerate(spans):
        since = spans[index - 1].outer_start if index else 0
        newlines = text.count("\n", since, span.outer_start)
        para += newlines
        same_para = index > 0 and not newlines
        # A piece that continues the previous one past its cue needs no search of
        # its own: a light frame (no attribution) is enough for kind and filter.
        splits = same_para and _splits(text, masked, spans, frames, index)
        fr = frames.get(index, light=splits and not span.continuation)
        used.append(fr)
        entry: Entry | None = None
        how = fr.how
        split = False
        label = _LABEL.match(text, span.start, span.end)
        if label is not None:
            # A transcript line: “WALLACE: Let's start …” names its speaker inside.
            speaker = resolver.name(label.group(1).title(), label.start(1))
            entry = (speaker, label.start(1), label.end(1), "", "transcript")
            how = "transcript"
            # The paragraphs that continue this one are this speaker's, even when
            # it continues an unclosed line of another speaker's.
            group_first[span.group] = index
        elif (
            span.continuation
            and span.group in group_first
            and fr.how not in ("post", "inverted")
        ):
            entry = speakers[group_first[span.group]]
            how = "continued"
        elif splits:
            entry = speakers[index - 1]
            how = "split"
            split = True
        elif fr.mention is not None:
            mention = fr.mention
            if mention.kind == "nominal":
                mention = _named(masked, mention) or mention
            elif mention.appositive:
                mention = _example(masked, mention) or mention
            if how in _CUED:  # "Carl Woods and Dana Cole wrote": both speak
                mention = resolver.pair(mention) or mention
            speaker = resolver.resolve(mention, last, last_at)
            entry = (speaker, mention.start, mention.end, fr.cue, how)
        elif (
            (signed := _SIGNATURE.match(text, span.outer_end)) is not None
            and looks_like_person(signed.group(1))
            and not CUE_RE.search(signed.group(2))  # "Dana Cole, Mayor, said"
        ):
            # A quote paragraph signed on the next line: "¶ Dana Cole, Harbor
            # Policy Institute." (a letter, a panel of voices).
            speaker = resolver.name(signed.group(1), signed.start(1))
            entry = (speaker, signed.start(1), signed.end(1), "", "signature")
            how = "signature"
        elif (
            last_entry is not None
            and para - last_para <= 1
            and _PARTICIPLE_ONLY.fullmatch(fr.before)
        ):
            # “…,” Cole said. Adding, “…”: a participle with no subject goes on.
            entry = last_entry
            how = "follow"
        elif not fr.before.strip(" \t\xa0") or _opening_only(fr.before):
            intro = previous_sentence_intro(
                masked, sentences, fr.sentence_start, not _bare(fr)
            )
            if intro is not None and intro.mention is not None:
                speaker = resolver.resolve(intro.mention, last, last_at)
                entry = (
                    speaker,
                    intro.mention.start,
                    intro.mention.end,
                    intro.cue,
                    "intro",
                )
                how = "intro"
            elif last_entry is not None and (
                (_bare(fr) and para - last_para <= 2) or para == last_para
            ):
                # A bare quote paragraph after a speaker's, or a quote opening a
                # sentence in that speaker's paragraph: the same voice goes on.
                entry = last_entry
                how = "follow"
        cut = index > 0 and spans[index - 1].outer_end == span.outer_start
        if cut and (entry is None or entry[0] is None) and speakers[-1][0]:
            entry = speakers[-1]  # “A “B” C”: B cut A off, and A's voice goes on
            how = "continued"
        if entry is None:
            entry = (None, None, None, "", "")
        if how == "continued" or split or (cut and speakers[-1][0] == entry[0]):
            group = groups[-1]
        else:
            new_group += 1
            group = new_group
        group_first.setdefault(span.group, index)
        speakers.append((entry[0], entry[1], entry[2], entry[3], how))
        groups.append(group)
        speaker = entry[0]
        if speaker is not None and speaker.name and speaker is not resolver.writer:
            last = speaker  # the writer is no antecedent for a later "he"
            last_at = -1 if entry[1] is None else entry[1]
            last_para = para
            last_entry = speakers[-1]
    kinds = [
        kind_of(text, span, fr, entry[4])
        for span, fr, entry in zip(spans, used, speakers, strict=True)
    ]
    speech = [
        is_speech(text, span, fr, entry[4], entry[0])
        for span, fr, entry in zip(spans, used, speakers, strict=True)
    ]
    for index in range(1, len(spans)):
        if (
            groups[index] == groups[index - 1]
            and speakers[index][4] == "split"
            and speech[index]  # a title after the quote is no second piece
        ):
            kinds[index - 1] = kinds[index] = "split"

    quotes: list[Quote] = []
    renumber: dict[int, int] = {}
    for span, fr, (speaker, s_start, s_end, cue, how), group, kind, said in zip(
        spans, used, speakers, groups, kinds, speech, strict=True
    ):
        if not said:
            continue
        group_id = renumber.setdefault(group, len(renumber))
        role = ""
        if speaker is not None:
            name = speaker.name
            if name is None:
                speaker = None
                s_start = s_end = None
            elif speaker.person and " " in name:
                # The role where the article introduces them ("Dana Cole, a
                # spokeswoman for the hotels,"), else the words at this mention.
                role = clean_role(people.describe(name) or speaker.role)
            else:
                role = clean_role(speaker.role)
        context_start, context_end = _context(text, span, fr)
        # Given by position, in field order: fifteen keywords would cost as much
        # again as building the quote.
        quotes.append(
            Quote(
                text[span.start : span.end],  # quote
                span.start,  # start
                span.end,  # end
                speaker.name if speaker else None,  # speaker
                s_start if speaker else None,  # speaker_start
                s_end if speaker else None,  # speaker_end
                role,
                cue,
                kind,
                group_id,  # group
                text[context_start:context_end],  # context
                context_start,
                context_end,
                _confidence(text, s_start, s_end, how) if speaker else _NO_SPEAKER,
                how if speaker else "",  # attribution
            )
        )
    return quotes


def _confidence(text: str, start: int | None, end: int | None, how: str) -> float:
    """Return how likely the speaker found by ``how`` is right (see _CONFIDENCE)."""
    if (
        start is not None
        and end is not None
        and end - start < 5  # "he", "they": a pronoun is short
        and text[start:end].lower() in PRONOUNS
    ):
        return _PRONOUN_CONFIDENCE.get(how, 0.84)
    return _CONFIDENCE.get(how, 0.96)


# "the base chief known as Bob", "a man calling himself Paul Paul": a nominal that
# names its speaker at once.
_NAMED = re.compile(
    r"\s+(?:known as|calling (?:him|her)self|going by(?: the (?:name|handle))?"
    r"|identified (?:only )?as|named)\s+((?:[A-Z]\.|[A-Z][\w’'\-]*)"
    r"(?: (?:[A-Z]\.|[A-Z][\w’'\-]*)){0,2})"
)


def _named(masked: str, mention: Mention) -> Mention | None:
    """Return the name a nominal speaker is given right after it, if any."""
    found = _NAMED.match(masked, mention.end, mention.end + 80)
    if found is None:
        return None
    name = found.group(1)
    start = found.start(1)
    return Mention(name, start, start + len(name), "name", "", mention.np_start)


# "Others, like Ann Lee of the Harbor Institute, praised …": the one named.
_EXAMPLE = re.compile(
    r"(?:like|including|such as)\s+((?:[A-Z]\.|[A-Z][\w’'\-]*)"
    r"(?: (?:[A-Z]\.|[A-Z][\w’'\-]*)){0,2})"
)


def _example(masked: str, mention: Mention) -> Mention | None:
    """Return the person an apposition names as an example of a group that is
    no speaker itself ("Others", "Some")."""
    if not never_speaks(mention.text):
        return None
    found = _EXAMPLE.match(mention.appositive)
    if found is None:
        return None
    at = masked.find(found.group(1), mention.end)
    if at < 0:
        return None
    return Mention(found.group(1), at, at + len(found.group(1)), "name", "", at)


_WORDS = re.compile(r"\w+")
_WHO = re.compile(r",\s+who\s")
_CLAUSE_OPENS = re.compile(r"\b(?:after|when|while|as|because|before|since)\s")
# A gap that ends a sentence: "said Susan Collins. ", not "Sen. " or "U.S. ".
_ENDS_SENTENCE = re.compile(r"[a-z]{3}[.!?]\s+$")
# A new sentence, not "Mr. Garin". The mark comes first and the checks look back
# from after it, so re skips ahead to the next mark instead of testing every position.
_NEXT_SENTENCE = re.compile(
    r"[.!?](?<!\bMr.)(?<!\bMs.)(?<!\bDr.)(?<!\bSt.)(?<!\bMrs.)(?<!\bSen.)(?<!\bRep.)"
    r"(?<!\bGov.)(?<!\bGen.)(?<!\b[A-Z].)\s+[A-Z]"
)
_JOINED = re.compile(r"[\s,;“”\"'`]*(?:(?:and|or|but|as well as)[\s“\"'`]*)?")


class _Frames:
    """Frames computed on first use, with attribution shared back along joined quotes.

    “A” and “B,” X said: “A” takes the attribution of “B” when it has only a guess.
    """

    def __init__(self, masked: str, sentences: Sentences, spans: list[Span]) -> None:
        self.masked, self.sentences, self.spans = masked, sentences, spans
        self._full: list[Frame | None] = [None] * len(spans)
        self._final: list[Frame | None] = [None] * len(spans)

    def __getitem__(self, index: int) -> Frame:
        return self.get(index)

    def _frame(self, index: int) -> Frame:
        found = self._full[index]
        if found is None:
            found = self._full[index] = frame(
                self.masked, self.sentences, self.spans[index]
            )
        return found

    def own(self, index: int) -> Frame:
        """Return quote ``index``'s own frame, before any sharing along a chain."""
        return self._frame(index)

    def _joined(self, index: int) -> bool:
        masked, spans = self.masked, self.spans
        between = masked[spans[index].outer_end : spans[index + 1].outer_start]
        return (
            "\n" not in between
            and bool(_JOINED.fullmatch(between))
            and masked[spans[index].end - 1] not in ".?!"
        )

    def get(self, index: int, light: bool = False) -> Frame:
        """Return the frame of quote ``index``; ``light`` skips looking for a cue."""
        known = self._final[index]
        if known is not None:
            return known
        if light:
            known = light_frame(self.masked, self.sentences, self.spans[index])
            self._final[index] = known
            return known
        chain = [index]  # iterative, so a long run of joined quotes cannot recurse
        while (
            chain[-1] + 1 < len(self.spans)
            and self._final[chain[-1]] is None
            and self._frame(chain[-1]).how in ("", "subject")
            and self._joined(chain[-1])
        ):
            chain.append(chain[-1] + 1)
        after = self._final[chain[-1]] or self._frame(chain[-1])
        self._final[chain[-1]] = after
        for position in reversed(chain[:-1]):
            here = self._frame(position)
            # “A “B” C,” X said, or “A “B” C.” ― X: A, cut off by B, is X's too.
            cut = self.spans[position].outer_end == self.spans[position + 1].outer_start
            if after.how in ("post", "inverted") or (cut and here.mention is None):
                here = Frame(
                    after.mention,
                    after.cue,
                    after.how,
                    here.sentence_start,
                    here.sentence_end,
                    here.before,
                    here.after,
                    here.scare,
                )
            self._final[position] = after = here
        return after  # the chain starts at ``index``


def _splits(
    text: str, masked: str, spans: list[Span], frames: _Frames, index: int
) -> bool:
    """Return True when quote ``index`` continues the previous one past its cue.

    “A,” she said, “B.” and “A,” she said. “B.” are one utterance split by the
    attribution; anything else between the pieces starts a new utterance.
    """
    prev = frames[index - 1]
    if prev.how not in ("post", "inverted") or prev.mention is None:
        return False
    first = spans[index - 1]
    if title_case(text[first.start : first.end]) and not is_speech(
        text, first, prev, prev.how, None
    ):
        return False  # On “Sunday Table,” Reyes said: “…”: a title is no first piece
    between = masked[spans[index - 1].outer_end : spans[index].outer_start]
    if between.count(MASK) > 40 or "\n" in between or len(between) > 300:
        return False  # a short title (“Sunday Table”) may sit between the pieces
    sentence_end = _NEXT_SENTENCE.search(between)
    if sentence_end and (
        CUE_RE.search(between, sentence_end.end())
        or between.rstrip().endswith((":", ".", "!", "?"))
    ):
        # “A,” X said. Y, speaking later, said, “B.” / Y replied: “B.” / “A,” X
        # said. Experts agree. “B,” … (a whole sentence between the pieces).
        return False
    if (
        sentence_end
        or (_ENDS_SENTENCE.search(between) and _cue_follows(masked, spans[index]))
    ) and frames.own(index).how in ("post", "inverted"):
        # “A,” X told Y. He was a “B,” Cole said / “A,” said X. “B,” added Y:
        # B has its own cue.
        return False
    tail = masked[
        max(prev.mention.end, spans[index - 1].outer_end) : spans[index].outer_start
    ]
    clause = _CLAUSE_OPENS.search(tail)
    if clause and CUE_RE.search(tail, clause.end()):
        return False  # “A,” X tweeted after Cole argued that “B”: B is Cole's
    who = _WHO.search(tail)
    if who and tail.rstrip().endswith(":") and CUE_RE.search(tail, who.end()):
        return False  # “A,” X says to Cole, who responds: “B”
    return len(_WORDS.findall(tail)) <= 12 or between.rstrip().endswith(",")


def _cue_follows(masked: str, span: Span) -> bool:
    """Return True when a cue may follow the quote in its sentence (“B,” added Y),
    a cheap test before the quote's own frame is built."""
    if masked[span.end - 1 : span.end] == ".":
        return False  # “B.”: the sentence is over
    after = masked[span.outer_end : span.outer_end + 60]
    stop = _NEXT_SENTENCE.search(after)
    return bool(CUE_RE.search(after, 0, stop.start() if stop else len(after)))


def _context(text: str, span: Span, fr: Frame) -> tuple[int, int]:
    """Return the sentence(s) around the quote, cut to a few hundred characters."""
    start, end = fr.sentence_start, fr.sentence_end
    if span.outer_start - start > _CONTEXT_REACH:
        start = text.rfind(" ", span.outer_start - _CONTEXT_REACH, span.outer_start) + 1
        start = start or span.outer_start
    if end - span.outer_end > _CONTEXT_REACH:
        cut = text.find(" ", span.outer_end, span.outer_end + _CONTEXT_REACH)
        end = cut if cut >= 0 else span.outer_end + _CONTEXT_REACH
    end = max(end, span.outer_end)
    stripped = text[start:end].rstrip()
    end = start + len(stripped)
    start += len(stripped) - len(stripped.lstrip())
    if start > span.start:
        start = span.outer_start
    return start, max(end, span.end)


__all__ = ["extract", "MASK"]
