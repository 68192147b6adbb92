"""Find the speaker phrase that ends just before a cue ("Miller said")."""

from __future__ import annotations

import bisect
import re
from operator import itemgetter

from . import lexicon
from .names import bare, is_role_noun, is_title, looks_like_person, plural_role
from .phrases import (
    _CLAUSE_STOP,
    _DETERMINERS,
    _LINKS,
    _MAX_NP,
    _WORD,
    Mention,
    _adjective,
    _capitalised,
    _modifier_noun,
    _pronoun,
    _tokens,
    classify,
)

_ADVERBS = lexicon.words(
    """
    also has have had would will could did does do was is then later once again
    recently earlier previously first further simply only still even already never
    often repeatedly flatly bluntly reportedly publicly privately famously quickly
    not just both may might must can should shall has been have been however though
    too instead meanwhile indeed
    """
)

# Auxiliaries that are also names: capitalised after a word in lower case or a mark,
# they are the name (George Will, Theresa May); after a capital, a headline's verb.
_NAMES_TOO = frozenset({"Will", "May"})
_CLAUSE_WORDS = lexicon.words(
    "while when whenever as if because though although after before since so yet"
    " and but or where which that then still"
)

_START = itemgetter(0)  # a token's start
_PLACE_BEFORE = frozenset(["in", "at", "of", "from", "near", "to"])
_BETWEEN = frozenset(["in", "at", "on", "during", "from", "via", "with"])


_TIME_WORDS = tuple(
    sorted(
        lexicon.words("""
        Monday Tuesday Wednesday Thursday Friday Saturday Sunday night morning
        afternoon evening week month year today tonight yesterday statement interview
        """)
    )
)
_TIME = re.compile(
    r"(?:\s+(?:on|last|this|late|early|in|at|earlier|later|during|a))*\s+(?:"
    + "|".join(_TIME_WORDS)
    + r")\s*$"
)


def _time_start(text: str, lo: int, hi: int) -> int:
    """Return where words like "on Monday" end ``text[lo:hi]``, else ``hi``."""
    if not text[lo:hi].rstrip().endswith(_TIME_WORDS):
        return hi  # the pattern only matches at the end: most windows need no search
    time = _TIME.search(text, lo, hi)
    if time is None:
        return hi
    words = time.group().lower().split()
    if (
        words[-1] in ("statement", "interview")
        and "in" not in words
        and not _IN_DETERMINER.search(text, max(lo, time.start() - 12), time.start())
    ):
        return hi  # "the statement said": the statement is the subject
    return time.start()


_IN_DETERMINER = re.compile(r"\bin\s+(?:the|his|her|their|its|a|an)\s*$")


def _skip_back(tokens: list[tuple[int, int, str]], i: int) -> int:
    """Step back over adverbs, auxiliaries, "went on to" and parentheses."""
    while i >= 0:
        word = tokens[i][2]
        low = word.lower()
        if word in _NAMES_TOO and (
            i == 0
            or not _capitalised(tokens[i - 1][2])
            or tokens[i - 1][2].lower() in _CLAUSE_WORDS
        ):
            return i  # "“…,” Will wrote", "While May said": a name, not an auxiliary
        if low in _ADVERBS or (word.endswith("ly") and word.islower() and i > 0):
            i -= 1
        elif low == "to" and i > 1:
            i -= 1  # "went on to say", "declined to say", "went so far as to say"
            while i > 0 and tokens[i][2].lower() in ("on", "as", "far", "so"):
                i -= 1
            i -= 1
        elif word == ")":
            j = i - 1
            while j >= 0 and tokens[j][2] != "(" and i - j < 12:
                j -= 1
            if j <= 0:
                return i
            i = j - 1
        else:
            return i
    return i


def _token_at(tokens: list[tuple[int, int, str]], start: int, default: int) -> int:
    """Return the index of the token that starts at ``start``, else ``default``
    (token starts only grow, so a binary search finds it)."""
    index = bisect.bisect_left(tokens, start, key=_START)
    return index if index < len(tokens) and tokens[index][0] == start else default


def subject_before(text: str, lo: int, hi: int) -> Mention | None:
    """Return the noun phrase that ends just before ``hi`` (the cue), if any.

    Most subjects sit within a few words of the cue, so a short window is tried
    first and the long one only when the phrase may reach past it.
    """
    if hi - lo > _SHORT:
        window = text[hi - _SHORT : hi]
        if "," not in window and " who" not in window and " which" not in window:
            mention = _subject_before(text, hi - _SHORT, hi)
            if mention is not None and mention.np_start > hi - _SHORT + 30:
                return mention
    return _subject_before(text, lo, hi)


_SHORT = 90


def _subject_before(text: str, lo: int, hi: int) -> Mention | None:
    lo = max(lo, hi - 220)
    hi = _time_start(text, max(lo, hi - 48), hi)
    tokens = _tokens(text, lo, hi)
    i = _skip_back(tokens, len(tokens) - 1)
    direct_at = None  # where the phrase read as ``direct`` ends, once it is read
    if i >= 0 and tokens[i][2] != ",":
        # "…, which was seen as a failure, de Blasio said": a name right before the
        # cue is the subject, whatever clauses come earlier.
        direct_at, direct = i, _np_ending_at(text, tokens, i, "", lo)
        if direct is not None and direct.kind in ("name", "pronoun"):
            return direct
        if direct is not None:
            # "Reyes in his announcement speech called": a phrase after a preposition
            # sits between the subject and its verb.
            at = _token_at(tokens, direct.np_start, 0)
            if at > 1 and tokens[at - 1][2] in _BETWEEN:
                named = _np_ending_at(text, tokens, at - 2, "", lo)
                if named is not None and named.kind == "name":
                    return named
    # "Lena Park, who chairs X, said" / "the analyst who founded X tweeted".
    low = text[lo:hi].lower()
    if "who" in low or "which" in low:  # most windows hold no relative clause
        for j in range(i, max(0, i - 45), -1):
            word = tokens[j][2]
            word = "" if word in _ACRONYMS else word.lower()  # "WHO" is no pronoun
            if word in ("who", "whose") and tokens[j - 1][2] == "and":
                break  # "X, the director of Y and whose film Z, told": one apposition
            if word in ("who", "whose") or (
                word == "which" and tokens[j - 1][2] == ","
            ):
                appositive = text[tokens[j][0] : tokens[i][1]]
                if tokens[j - 1][2] == ",":
                    # "Tom Reyes, whose town, Dayton, is …, argues": the name first.
                    named = _np_ending_at(text, tokens, j - 2, appositive, lo)
                    at = _token_at(tokens, named.np_start, 0) if named else 0
                    if (
                        named is not None
                        and named.kind == "nominal"
                        and at > 1
                        and tokens[at - 1][2] in _BETWEEN
                    ):
                        # "says to Carl Woods on camera, who responds": the
                        # person before the phrase of place or manner.
                        person = _np_ending_at(text, tokens, at - 2, appositive, lo)
                        if person is not None and person.kind == "name":
                            at = _token_at(tokens, person.np_start, 0)
                            if at and tokens[at - 1][2] in ("to", "told"):
                                return person  # the one spoken to answers
                    if (
                        named is not None
                        and named.kind in ("name", "pronoun")
                        and not named.text.endswith(".")  # "…, of Raleigh, N.C., who"
                        and not (at and tokens[at - 1][2] in _PLACE_BEFORE)
                    ):
                        return named
                    i = j - 1  # else the comma ends a longer apposition: see below
                    break
                stop = j - 1
                mention = _np_ending_at(text, tokens, stop, appositive, lo)
                if mention is not None and mention.kind == "nominal" and stop > 0:
                    named = _before_comma(text, tokens, mention, lo)
                    return named or mention
                return mention
            if tokens[j][2] in (";", ":", "“", "”", '"', "that"):
                break  # "charges that Dana Cole, for one, called": a new clause
    if i > 1 and tokens[i][2] == "," and tokens[i - 1][2] == ")":
        i = _skip_back(tokens, i - 1)  # "Gov. Ann Baxter (R-Ohio), said"
    if i > 0 and tokens[i][2] == ",":
        # "Maria Perez, 41, of Tampa, Fla., said": try each comma back for a person.
        fallback = None
        for j in range(i - 1, max(0, i - 45), -1):
            mark = tokens[j][2]
            if mark in (";", ":", "“", "”", '"'):
                break
            if mark != ",":
                continue
            appositive = text[tokens[j + 1][0] : tokens[i - 1][1]]
            end = _skip_back(tokens, j - 1) if tokens[j - 1][2] == ")" else j - 1
            mention = _np_ending_at(text, tokens, end, appositive, lo)
            if mention is not None and mention.kind in ("name", "pronoun"):
                # "…, retired in Cambridge, Mass., said": a place after a preposition.
                at = _token_at(tokens, mention.np_start, 0)
                if at and tokens[at - 1][2].lower() in _PLACE_BEFORE:
                    continue
                if (
                    at > 1
                    and tokens[at - 1][2] == "and"
                    and _capitalised(tokens[at - 2][2])
                    and looks_like_person(appositive)
                ):
                    # "A spokeswoman for the Centers for Disease Control and
                    # Prevention, Jasmine Reed, said": the end of a body's name.
                    continue
                if _names_a_thing(tokens, at):
                    # "X, editor of the Vatican's newspaper, L'Osservatore Romano,
                    # said": the name of the newspaper; the person comes first.
                    fallback = fallback or mention
                    continue
                return mention
            if fallback is None and good(mention):
                fallback = mention
        if fallback is None:
            # "Lena Park, who chairs X said": one comma, the name before it.
            mention = _np_ending_at(text, tokens, i - 1, "", lo)
            if mention is not None and mention.kind in ("name", "pronoun"):
                return mention
        return fallback
    if i == direct_at:
        return direct  # the same phrase as above: no need to read it again
    return _np_ending_at(text, tokens, i, "", lo)


def _names_a_thing(tokens: list[tuple[int, int, str]], at: int) -> bool:
    """Return True when the name at ``at`` follows ", " after a common noun that is
    no person ("the newspaper, the Ledger"): it names that thing."""
    if at < 2 or tokens[at - 1][2] != ",":
        return False
    word = tokens[at - 2][2]
    if not (word.isalpha() and word.islower()):
        return False
    low = bare(word)
    if low in lexicon.ORG_WORDS or low in _THINGS:
        return True
    return not (is_role_noun(word) or plural_role(word) or low in lexicon.PERSON_NOUNS)


# Things that end in a role-like suffix ("-er") but name no person.
_THINGS = lexicon.words("newspaper paper tabloid daily weekly")


def _before_comma(
    text: str, tokens: list[tuple[int, int, str]], mention: Mention, lo: int
) -> Mention | None:
    """Return the name before ", the …" when ``mention`` is that apposition."""
    index = _token_at(tokens, mention.np_start, -1)
    if index > 1 and tokens[index - 1][2] == ",":
        named = _np_ending_at(text, tokens, index - 2, mention.text, lo)
        if named is not None and named.kind == "name":
            return named
    return None


def good(mention: Mention | None) -> bool:
    """Return True for a phrase that can speak: a name, pronoun or person noun."""
    if mention is None:
        return False
    if mention.kind != "nominal":
        return True
    words = mention.text.split()
    # "the director of the Federal Bureau": the head comes before the link word.
    link = next((n for n, word in enumerate(words) if n and word in _LINKS), 0)
    head = bare(words[link - 1] if link else words[-1])
    return (
        head in lexicon.PERSON_NOUNS
        or head in lexicon.ORG_WORDS
        or is_role_noun(head)
        or plural_role(head)
        or _plural_org(head)
        or head in _DOCUMENTS  # "The report concluded that …"
    )


def _plural_org(head: str) -> bool:
    """Return True for bodies that speak together: "the groups", "the agencies"."""
    if not head.endswith("s") or head.endswith("ss"):
        return False
    single = head[:-3] + "y" if head.endswith("ies") else head[:-1]
    return single in _BODIES


_DOCUMENTS = lexicon.words(
    """
    report study survey poll analysis audit memo letter email statement filing
    lawsuit complaint ruling indictment document editorial ad sign banner placard
    note tweet
    """
)
_BODIES = lexicon.words(
    """
    group union company agency firm organization organisation campaign party
    committee council bank network association coalition government ministry court
    newspaper outlet
    """
)


_ACRONYMS = frozenset({"WHO", "US"})


def _np_ending_at(
    text: str, tokens: list[tuple[int, int, str]], i: int, appositive: str, lo: int
) -> Mention | None:
    """Return the noun phrase whose last token is ``tokens[i]``."""
    if i < 0 or not _WORD.match(tokens[i][2]):
        return None
    end = tokens[i][1]
    word = tokens[i][2]
    if _pronoun(word):
        return classify(text, tokens[i][0], end, appositive, tokens[i : i + 1])
    if word.lower() in _CLAUSE_STOP or word.lower() in _DETERMINERS:
        return None
    k = i
    capital_run = _capitalised(word)
    while k > 0 and i - k < _MAX_NP:
        prev = tokens[k - 1][2]
        # An acronym is no function word: "WHO chief", "US officials".
        low = prev if prev in _ACRONYMS else prev.lower()
        if not _WORD.match(prev):
            break
        if low in _DETERMINERS:
            if low in ("that", "this") and capital_run:
                break  # "said that Dana Cole …": a conjunction, not a determiner
            k -= 1
            # "Lena Park of the Harbor Policy Institute": keep going.
            if (
                k > 1
                and tokens[k - 1][2] in ("of", "for", "at")
                and (_capitalised(tokens[k - 2][2]) or is_role_noun(tokens[k - 2][2]))
            ):
                k -= 1
                continue
            break
        if low in ("de", "van", "von", "al", "le", "la", "del") and _capitalised(word):
            k -= 1  # "de Blasio", "van Hollen"
            continue
        if low in _CLAUSE_STOP or low in lexicon.PRONOUNS:
            break
        if low in _LINKS:
            if k > 1 and (
                is_role_noun(tokens[k - 2][2])
                or low == "of"
                and _capitalised(tokens[k - 2][2])
                # "the Center for Policy Studies": a name's own link word
                or low == "for"
                and capital_run
                and _capitalised(tokens[k - 2][2])
            ):
                k -= 1
                continue
            break
        if (
            capital_run
            and not _capitalised(prev)
            and not is_role_noun(prev)
            and not _adjective(prev)
        ):
            break
        if low in lexicon.CUE_WORDS and not is_title(prev):
            break
        plain = not _capitalised(prev) and not is_role_noun(prev)
        if (
            plain
            and not _adjective(prev)
            and not (
                is_role_noun(word)
                and i - k < 3
                and _modifier_noun(prev)
                and low not in lexicon.PRONOUNS
            )
        ):
            break
        k -= 1
    mention = classify(text, tokens[k][0], end, appositive, tokens[k : i + 1])
    if (
        mention
        and mention.kind == "nominal"
        and appositive
        and good(mention)
        and appositive.split()[0].lower() not in ("who", "whose", "which", "that")
    ):
        # "the city's spokesman, Carl Woods, told": the apposition names them
        # (a relative clause, "an oncologist who advised Obama", does not).
        at = text.find(appositive, lo)
        named = classify(text, at, at + len(appositive)) if at >= 0 else None
        if named is not None and named.kind == "name":
            return named
    if (
        mention
        and mention.kind == "nominal"
        and mention.text.split()[0].lower() in ("the", "a", "an")
    ):
        # "Dana Cole, the communications director for X said": the name before it.
        named = _before_comma(text, tokens, mention, lo)
        if named is not None:
            return named
    if mention is not None and mention.kind in ("nominal", "org"):
        # "Tom Reyes, president and CEO of X stated": an apposition left open.
        index = _token_at(tokens, mention.np_start, -1)
        for back in range(index - 1, max(0, index - 12), -1):
            word = tokens[back][2]
            if word == ",":
                named = _np_ending_at(text, tokens, back - 1, "", lo)
                if named is not None and named.kind == "name":
                    return named
                break
            if word == "and" and back > 0 and is_role_noun(tokens[back - 1][2]):
                continue  # "Anthony Anton, president and CEO of X stated"
            if word.lower() in _CLAUSE_STOP or word in (".", ";", ":", "“", "”", '"'):
                break
    return mention
