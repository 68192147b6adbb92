"""Attribution patterns around one quote: a cue after it, before it, or closing it."""

from __future__ import annotations

import re
from dataclasses import replace

from . import lexicon
from .forward import sentence_subject, subject_after
from .marks import Span
from .phrases import Mention, classify
from .sentences import MASK, Sentences
from .subjects import good, subject_before

WINDOW = 400  # how far before a quote to look for a cue; keeps long sentences linear


GAP_WORDS = re.compile(r"[\w’'.\-]+")


_NAME_AND = re.compile(r"\s*(?:[A-Z][\w.’'\-]*\s+){1,4}and\s+")
_ACCORDING = re.compile(r"according\s+to\s+")
_HARD_STOP = re.compile(r"[;:!?]")
_THAT = re.compile(r"\s+that\b")
_POST_GAP = re.compile(r"[\s,\-—–'’\"”]*")


_COLON_END = re.compile(r"([\w.’'\-]+)\s*:\s*$")


_TAIL_WORDS = re.compile(r"\s*(?:[\w’'.\-]+(?:\s+|$)){0,6}")


def _adjacent(tail: str) -> bool:
    """Return True when at most six words, a comma or colon and "that" end the cue."""
    if len(tail) > 80 or MASK in tail:
        return False
    # Peel off the end what r"\s*[,:]?\s*(?:that\s*)?$" would match, right to left.
    body = tail.rstrip().removesuffix("that").rstrip()
    body = body[:-1] if body.endswith((",", ":")) else body
    return bool(_TAIL_WORDS.fullmatch(body.rstrip()))


def _cue_text(match: re.Match[str]) -> str:
    return " ".join(match.group().split())


def cue_after(
    masked: str, sentences: Sentences, span: Span, end: int
) -> tuple[Mention | None, str, str]:
    """Attribution after the quote: “…,” Miller said / “…,” said Gen. X."""
    found = sentences.cues_in(span.outer_end, min(end, span.outer_end + 200))
    if not found:
        return None, "", ""
    match = found[0]
    gap = masked[span.outer_end : match.start()]
    if MASK in gap or "“" in gap or '"' in gap:
        return _past_title(masked, span, match, gap)
    cue = _cue_text(match)
    if _AS_BEFORE.search(masked, max(0, match.start() - 6), match.start()):
        by = _BY_AFTER.match(masked, match.end())
        if by is not None and len(gap) < 60:
            # “…” – as described by FBI Director Ann Lee –: the agent speaks.
            mention = subject_after(masked, by.end(), end)
            if mention is not None and mention.kind == "name":
                return mention, cue, "post"
    if _POST_GAP.fullmatch(gap):
        # “…,” said X inverts; “…,” recalling X and “…” suggests that X do not.
        mention = (
            None
            if cue.endswith("ing")
            or _THAT.match(masked, match.end())
            # "“Scandal,” thanked Obama for": a verb with an object never inverts
            or cue.split()[0].lower() in _NO_INVERT
            else subject_after(masked, match.end(), end)
        )
        if good(mention):
            return mention, cue, "inverted"
        return None, "", ""
    if _HARD_STOP.search(gap):
        return None, "", ""
    if cue.split()[0].lower() in _INVERTS:
        # "Any “cleareyed” reading of it, said Ann Lee, an expert, would …": the
        # name set off by commas after the inverted cue speaks.
        mention = _parenthetical(masked, match, end)
        if mention is not None:
            return mention, cue, "post"
    if cue.endswith("ing"):
        return None, "", ""  # “…” without reporters asking him: not an attribution
    mention = subject_before(masked, span.outer_end, match.start())
    if mention is None or cue.lower() == "according to":
        return None, "", ""
    lead = masked[span.outer_end : max(span.outer_end, mention.np_start)]
    words = [w.lower() for w in GAP_WORDS.findall(lead)]
    # "“…,” Reyes's chief of staff, Carl Woods, told X": a role may precede the name.
    limit = 10 if lead.rstrip().endswith(",") and mention.kind == "name" else 5
    if words == ["as"] and mention.kind in ("name", "pronoun"):
        return mention, cue, "post"  # “…,” as Reyes said on Monday, …
    if mention.kind == "name" and _NAME_AND.fullmatch(lead):
        return mention, cue, "post"  # “…,” Carl Woods and Dana Cole wrote
    if (
        mention.kind == "name"
        and len(words) <= 10
        and not any(w in _NOT_IN_LEAD for w in words[:-1])
        and _first_named(masked, lead, span)
    ):
        # “…,” state Senate leader Tom Reyes and House Speaker Carl Woods said
        return mention, cue, "post"
    if len(words) > limit or any(w in _NOT_IN_LEAD for w in words):
        return None, "", ""
    # Without a comma or ?/! closing the quote, “…” X said only counts right after it.
    closing = masked[span.end - 1 : span.outer_end + 2]
    if words and not any(c in closing for c in ",?!—") and not _whole(masked, span):
        return None, "", ""
    return mention, cue, "post"


_AND_END = re.compile(r"\s+and\s+$")


def _first_named(masked: str, lead: str, span: Span) -> bool:
    """Return True when ``lead``, the words between a quote and the name before its
    cue, is one more person and "and": two people speak together."""
    joined = _AND_END.search(lead)
    if joined is None:
        return False
    body = lead[: joined.start()]
    start = span.outer_end + len(body) - len(body.lstrip(" ,"))
    first = classify(masked, start, span.outer_end + joined.start())
    return first is not None and first.kind == "name"


def _whole(masked: str, span: Span) -> bool:
    """Return True for a long quote that opens its line: a missing
    comma (“… today” the paper's editor responded) is then a slip, not a term."""
    line = masked.rfind("\n", 0, span.outer_start) + 1
    return not masked[line : span.outer_start].strip() and span.end - span.start >= 30


# A short quoted title or term: “Ted Cruz”, ''Unwritten Constitution,''.
_TITLE = re.compile(f"(?:“|\"|''){MASK}{{1,40}}([.?!,]?)(?:”|\"|'')")
_TITLE_END = re.compile(r"(?:”|\"|'')\s*$")


def _plain(window: str) -> str | None:
    """Return ``window`` with each short quoted title read as a plain word.

    A title that ends the window is taken to close an apposition, whose comma the
    mask hides (“author of ''The Long Road,'' put it”). None when nothing changed
    or a longer quote is left.
    """
    plain = _TITLE.sub(_as_word, window)
    if plain == window or any(mark in plain for mark in (MASK, "“", '"', "\n")):
        return None
    body = plain.rstrip()
    if _TITLE_END.search(window.rstrip()) and "," not in window[-6:]:
        plain = body[:-1] + "," + plain[len(body) :]
    return plain


def _as_word(title: re.Match[str]) -> str:
    """“…,” → xxxxx, (same length, a comma inside the marks kept)."""
    comma = title.group(1) == ","
    return "x" * (len(title.group()) - comma) + "," * comma


def _shift(mention: Mention, by: int) -> Mention:
    return replace(
        mention,
        start=mention.start + by,
        end=mention.end + by,
        np_start=mention.np_start + by,
    )


def _past_title(
    masked: str, span: Span, match: re.Match[str], gap: str
) -> tuple[Mention | None, str, str]:
    """“…,” Bill Eastland, wearing “Ted Cruz” pins, said: a title in an apposition.

    The title is read as a plain word in a copy of the gap alone, so the text the
    other quotes see is unchanged and the work stays bounded by the gap.
    """
    plain = _plain(gap)
    if plain is None or not plain.rstrip().endswith(","):
        return None, "", ""
    mention = subject_before(plain, 0, len(plain))
    if mention is None or mention.kind != "name":
        return None, "", ""
    words = [w.lower() for w in GAP_WORDS.findall(plain, 0, mention.np_start)]
    if len(words) > 5 or any(w in _NOT_IN_LEAD for w in words):
        return None, "", ""
    return _shift(mention, span.outer_end), _cue_text(match), "post"


def _subject_past_title(masked: str, lo: int, hi: int) -> Mention | None:
    """Return the name in "Dana Cole, author of “The Long Road,” said “…”"."""
    lo = max(lo, hi - 220)
    plain = _plain(masked[lo:hi])
    if plain is None:
        return None
    mention = subject_before(plain, 0, len(plain))
    if mention is None or mention.kind != "name":
        return None
    return _shift(mention, lo)


OUTERMOST = True


_AUX_BEFORE = re.compile(r"\b(?:kept|keeps|began|begins|started|starts|was|is)\s+$")
# A second main clause with a named subject: ", and Sen. Tom Reyes kept asking".
_NEW_CLAUSE = re.compile(r"(?:,\s+(?:and|but)|;)\s+(?:[A-Z][\w.’'\-]*\s+)*[A-Z]")
_SUBORDINATE = lexicon.words(
    "after before when while as since because although though if"
)


_INVERTS = lexicon.words(
    """
    said says added adds asked asks wrote writes continued explained recalled noted
    declared replied responded argued insisted warned cautioned quipped joked
    tweeted posted concluded observed remarked
    """
)
_NO_INVERT = lexicon.words(
    """
    thanked called calls dubbed labeled labelled branded praised criticized criticised
    blasted slammed mocked accused described characterized hailed decried denounced
    derided dismissed ridiculed touted
    """
)
_NOT_IN_LEAD = lexicon.words(
    """
    and but while as in on at after before when where which who that because if
    """
)


def cue_closing(
    masked: str, sentences: Sentences, span: Span, end: int
) -> tuple[Mention | None, str, str]:
    """Attribution closing the sentence: “…” in the House, he said in an interview."""
    found = sentences.cues_in(span.outer_end, min(end, span.outer_end + 400))
    # The last cue whose clause quotes nothing more: "“…” are sickening, Hollande
    # said Tuesday, noting that Y “…”" closes at "said", not at "noting".
    for last in reversed(found):
        stop = masked.find(",", last.end(), end)
        stop = end if stop < 0 else stop
        if MASK not in masked[last.start() : stop]:
            break
    else:
        return None, "", ""
    comma = masked.rfind(",", span.outer_end, last.start())
    if comma < 0 or MASK in masked[comma : last.start()]:
        return None, "", ""
    cue = _cue_text(last)
    rest = GAP_WORDS.findall(masked, last.end(), stop)
    if not masked[comma + 1 : last.start()].strip():
        if cue.split()[0].lower() not in _INVERTS:
            return None, "", ""  # “…”, told Ben Lee: the listener follows "told"
        mention = subject_after(masked, last.end(), end)
        return (mention, cue, "final") if good(mention) else (None, "", "")
    if len(rest) > 8 or cue.lower() == "according to":
        return None, "", ""
    mention = subject_before(masked, comma + 1, last.start())
    if (
        mention is not None
        and good(mention)
        and not masked[comma + 1 : mention.np_start].strip()
    ):
        return mention, cue, "final"
    return None, "", ""


_DASH_AFTER = re.compile(r"[\s\xa0]*(?:[-—–]+|―)\s*")


def signature(
    masked: str, sentences: Sentences, span: Span, end: int
) -> tuple[Mention | None, str, str]:
    """A signature under the quote: "…" ¶ — Dana Cole, or “…” ― Rosa Delgado."""
    match = _DASH_AFTER.match(
        masked, span.outer_end, min(len(masked), span.outer_end + 12)
    )
    if match is None:
        return None, "", ""
    between = masked[span.outer_end : match.end()]
    if "\n" not in between and "―" not in between:
        return None, "", ""
    mention = subject_after(masked, match.end(), min(len(masked), match.end() + 80))
    if mention is not None and mention.kind == "name":
        return mention, "", "dash"
    return None, "", ""


_POSSESSOR = re.compile(
    r"\b([A-Z][\w.\-]*(?:\s+[A-Z][\w.\-]*)*)(?:’s|'s|’)\s|\b([Hh]is|[Hh]er)\s"
)


def possessor(
    masked: str, sentences: Sentences, span: Span, start: int
) -> tuple[Mention | None, str, str]:
    """A fragment someone owns: Grant's pledge to be “neutral”, his call for “…”."""
    lo = max(start, span.outer_start - 60)
    found = None
    for match in _POSSESSOR.finditer(masked, lo, span.outer_start):
        found = match
    if found is None or MASK in masked[found.end() : span.outer_start]:
        return None, "", ""
    if found.group(1):
        mention = classify(masked, found.start(1), found.end(1))
        if mention is not None and mention.kind == "name":
            return mention, "", "possessive"
        return None, "", ""
    word = "he" if found.group(2).lower() == "his" else "she"
    mention = Mention(
        found.group(2), found.start(2), found.end(2), "pronoun", "", found.start(2)
    )
    mention.text = word if found.group(2).islower() else word.capitalize()
    return mention, "", "possessive"


def cue_before(
    masked: str, sentences: Sentences, span: Span, start: int
) -> tuple[Mention | None, str, str]:
    """Attribution before the quote: Kirby said: “…” / X warned that “…”."""
    lo = max(start, span.outer_start - WINDOW)
    last = None
    last_adjacent = False  # _adjacent() of the tail after cues[-1], computed once
    cues = sentences.cues_in(lo, span.outer_start)
    if cues:
        last = cues[-1]
        tail = masked[last.end() : span.outer_start]
        last_adjacent = _adjacent(tail)
        hypothetical = _MODAL_BEFORE.search(
            masked, max(lo, last.start() - 12), last.start()
        )
        # "X tweeted …, coming from a candidate who promised deportation: “…”":
        # a cue in a relative clause describes someone; the outer report speaks.
        relative = _RELATIVE_BEFORE.search(
            masked, max(lo, last.start() - 7), last.start()
        )
        if OUTERMOST and (not last_adjacent or hypothetical or relative):
            # “X said Y called it a “…””: the quote belongs to the outer report.
            for match in cues[:-1]:
                # Only the cue's own clause counts: "when asked about X, Reyes said"
                # is a main clause after its comma.
                clause = masked[start : match.start()]
                opening = clause[clause.rfind(",") + 1 :].lower().split()
                if _SUBORDINATE & set(opening):
                    continue  # "after the interview concluded, Maher stated …"
                gap = masked[match.end() : last.start()]
                between = gap.lower().split()
                if _SUBORDINATE & set(between):
                    break  # "X tweeted after Baxter argued that “…”": hers
                if _NEW_CLAUSE.search(gap):
                    break  # "X testified, and Sen. Y kept asking why …": his
                if match.group().split()[0].lower() in lexicon.STRONG_CUES and good(
                    _subject_of_cue(masked, sentences, start, lo, match)
                ):
                    last = match
                    break
    if last is not None:
        cue = _cue_text(last)
        if last is cues[-1]:
            adjacent = last_adjacent
        else:
            adjacent = _adjacent(masked[last.end() : span.outer_start])
        if cue.lower() == "according to":
            mention = subject_after(masked, last.end(), span.outer_start)
            if mention:
                return mention, cue, "according"
        else:
            initial = last.start() - start < 12 and not masked[
                start : last.start()
            ].strip(" \t\xa0\n-—–")
            mention = _agent(masked, last, span)
            passive = mention is None and _PASSIVE_BEFORE.search(
                masked, max(0, last.start() - 12), last.start()
            )
            if passive:
                # "Guccifer was branded “in homage to” Lazar": no agent, and the
                # subject is who was spoken of, not who spoke.
                return None, "", ""
            if (
                mention is None
                and not initial
                and _TITLE_END.search(masked, max(lo, last.start() - 4), last.start())
            ):
                mention = _subject_past_title(masked, lo, last.start())
            if mention is None and not initial and cue.split()[0].lower() in _INVERTS:
                mention = _parenthetical(masked, last, span.outer_start)
            if mention is None and not initial:
                mention = _subject_of_cue(masked, sentences, start, lo, last)
            if mention is None and initial:
                mention = subject_after(
                    masked, last.end(), span.outer_start
                )  # Said Ms. Cole, “…”
            if mention is None:
                mention = sentence_subject(masked, start, last.start())
            if mention is None and adjacent and cue.split()[0].lower() in _INVERTS:
                # "Said Ms. Cole, “…”": speech verbs invert, "acknowledges X" does not.
                mention = subject_after(masked, last.end(), span.outer_start)
            if mention:
                return mention, cue, "pre" if adjacent else "mixed"
    near = max(lo, span.outer_start - 60)
    colon = None  # searched only in a window ending in ":", the one place it can match
    if masked[near : span.outer_start].rstrip().endswith(":"):
        colon = _COLON_END.search(masked, near, span.outer_start)
    if colon:
        named = None
        if colon.group(1)[:1].isupper():
            named = subject_before(masked, lo, colon.end(1))
            short = len(GAP_WORDS.findall(masked, start, colon.start())) <= 6
            # "HEADLINE - Michael P. McDonald: “…”" signs a long line with a dash,
            # and "… - More from Jones: “…”" names where the next lines come from.
            signed = named is not None and (
                masked[max(start, named.np_start - 3) : named.np_start].strip()
                in ("-", "—", "–")
                or masked[max(start, named.np_start - 5) : named.np_start].lower()
                == "from "
            )
            if named and named.kind in ("name", "org") and (short or signed):
                return named, "", "colon"
        mention = sentence_subject(masked, start, colon.start())
        if mention and mention.kind in ("name", "pronoun", "org"):
            return mention, "", "colon"
        if mention is None and named is not None and named.kind == "name":
            # "The surge doesn't surprise pollster Dana Shaw: “…”": a sentence with
            # no speaking subject hands the quote to the person who ends it.
            return named, "", "colon"
    return None, "", ""


def _agent(masked: str, cue: re.Match[str], span: Span) -> Mention | None:
    """Return who speaks in the passive "Reyes was asked by moderator Ann Lee
    whether “…”" or "it was called “…” by Ann Lee": the agent after "by"."""
    if not _PASSIVE_BEFORE.search(masked, max(0, cue.start() - 12), cue.start()):
        return None
    end = span.outer_start
    by = _BY_AFTER.match(masked, cue.end())
    if by is None:
        by = _BY_AFTER.match(masked, span.outer_end)
        end = min(len(masked), span.outer_end + 200)
        if by is None:
            return None
    mention = subject_after(masked, by.end(), end)
    return mention if mention is not None and mention.kind == "name" else None


_AS_BEFORE = re.compile(r"\bas\s+$")
_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|being|is|are)\s+$")
_BY_AFTER = re.compile(r"\s+by\s+")


def _parenthetical(masked: str, cue: re.Match[str], end: int) -> Mention | None:
    """Return the speaker of ", says X, …" set between commas before the quote.

    "The paradox of Baxter, says Carl Woods, a historian, is that she was “…”": the
    name after the inverted cue speaks, not the one before the comma.
    """
    if masked[max(0, cue.start() - 2) : cue.start()].strip() != ",":
        return None
    mention = subject_after(masked, cue.end(), end)
    if mention is None or mention.kind != "name":
        return None
    if not masked.startswith(",", mention.end):
        return None
    return mention


# "Americans will say “no”": a modal cue reports no speech, so an outer one wins.
# Restrictive only: "a candidate who promised …:" describes someone, but "Carl
# Woods, who responds:" is Carl Woods speaking.
_RELATIVE_BEFORE = re.compile(r"(?<!,)(?<!, )\b(?:who|which)\s+$")
_ANY_RELATIVE_BEFORE = re.compile(r"\b(?:who|which|that)\s+$")
_MODAL_BEFORE = re.compile(r"\b(?:will|would|could|should|might|may|must|can)\s+$")
_CLOSED_BEFORE = re.compile(r"[”\"],?\s+$")  # a quote closes right before the cue
_AND_BEFORE = re.compile(r"\b(?:and|but)\s+(?:then\s+|also\s+)?$")
_OBJECT_BEFORE = re.compile(r"\b(?:to|for|by|at|on|in)\s+$")
_GOING_ON_TO = re.compile(r",\s*\w+ing\s+(?:on\s+)?to\s*$")  # "…, going on to say"


def _subject_of_cue(
    masked: str, sentences: Sentences, start: int, lo: int, cue: re.Match[str]
) -> Mention | None:
    """Return who does the cue; a participle ("…, saying") borrows the subject."""
    participle = cue.group().endswith("ing") or bool(
        _GOING_ON_TO.search(masked, max(lo, cue.start() - 30), cue.start())
    )
    if not participle:
        if _AND_BEFORE.search(masked, max(lo, cue.start() - 6), cue.start()):
            # "Ryan lamented the state of the race and criticized the “…”": the
            # subject of the first verb does the second.
            earlier = sentences.cues_in(lo, cue.start())
            if earlier:
                between = masked[earlier[-1].end() : cue.start()]
                # "…, but said": a comma is fine before "but", not before "and".
                if "," not in between or between.rstrip().endswith("but"):
                    return _subject_of_cue(masked, sentences, start, lo, earlier[-1])
        mention = subject_before(masked, lo, cue.start())
        if (
            mention is None
            and cue.group().split()[0].lower() in _INVERTS
            and _CLOSED_BEFORE.search(masked, max(lo, cue.start() - 4), cue.start())
        ):
            # "“…,” said Skelly, explaining …: “…”": the inverted cue's subject.
            mention = subject_after(masked, cue.end(), min(len(masked), cue.end() + 80))
            return mention if mention is not None and mention.kind == "name" else None
        return mention if good(mention) else None
    tail = masked[max(lo, cue.start() - 3) : cue.start()]
    if "," not in tail:
        aux = _AUX_BEFORE.search(masked, max(lo, cue.start() - 12), cue.start())
        # "Sen. Tom Reyes kept asking her …": the participle's own subject.
        mention = subject_before(masked, lo, aux.start() if aux else cue.start())
        if (
            mention is not None
            and mention.kind in ("name", "pronoun", "org")
            # "a letter to Attorney General X asking …": X is no subject.
            and not _OBJECT_BEFORE.search(
                masked, max(lo, mention.np_start - 6), mention.np_start
            )
        ):
            return mention  # "with Tom Reyes tweeting"
    for prior in reversed(sentences.cues_in(lo, cue.start())):
        if _ANY_RELATIVE_BEFORE.search(
            masked, max(lo, prior.start() - 7), prior.start()
        ):
            continue  # "defending not paying an architect who said …, saying": his
        mention = _subject_of_cue(masked, sentences, start, lo, prior)
        if mention is not None:
            return mention
        break
    return sentence_subject(masked, start, cue.start())


def according_after(
    masked: str, sentences: Sentences, span: Span, end: int
) -> tuple[Mention | None, str, str]:
    match = _ACCORDING.search(masked, span.outer_end, min(end, span.outer_end + 300))
    if match:
        mention = subject_after(masked, match.end(), end)
        if mention:
            return mention, "according to", "according"
    return None, "", ""
