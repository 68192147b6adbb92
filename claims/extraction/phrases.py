"""Tokens and speaker phrases: "Miller", "the ministry", "Gen. X" and their kinds."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from . import lexicon
from .names import (
    bare,
    is_title,
    looks_like_person,
    plural_role,
    split_name,
)

# A capitalised token keeps the dot of an initial or a short title ("J.", "U.S.",
# "Sen."); one branch per first letter keeps the scan fast. Word characters are
# written [a-zA-Z0-9\w…]: the same set, but re tests the ASCII ones against a table
# before it looks up the Unicode word category.
_TOKEN = re.compile(
    r"[A-Z](?:\.(?:[A-Z]\.)*|(?<=M)(?:r|rs|s|aj|essrs)\.|(?<=D)(?:r|el)\.|(?<=S)(?:en|ens|r|t|gt)\."
    r"|(?<=R)(?:ep|eps|ev)\.|(?<=G)(?:ov|en|ens)\.|(?<=L)t\.|(?<=C)(?:ol|apt|mdr)\.|(?<=A)dm\."
    r"|(?<=J)r\.|(?<=P)(?:rof|res)\.|(?<=H)on\.|(?<=F)t\.|[a-zA-Z0-9\w’'\-&]*)"
    r"|[a-z0-9\w&][a-zA-Z0-9\w’'\-&]*|\ue000+|[^\w\s]"
)
# Every character that is not whitespace starts a token, so a token's offset is
# the end of the one before plus the whitespace matched ahead of it.
_SPACED_TOKEN = re.compile(r"(\s*)(" + _TOKEN.pattern + ")")
_WORD = re.compile(r"\w")
_DETERMINERS = lexicon.words("the a an his her their its our this that one another")
_LINKS = lexicon.words("for of at from with in")
_HEAD_LINKS = _LINKS | {"on"}
# Lower-case words that open a clause before its subject.
_CLAUSE_OPENERS = lexicon.words("what that whether which will would did does do")
# Words that never end a noun phrase.
_FUNCTION_WORDS = _HEAD_LINKS | lexicon.words(
    """
    to by as than about into onto after before over and or but nor if while because
    is are was were be been being has have had do does did will would could should
    may might must can now then also still just only even more less already ever
    never not too so very himself herself themselves itself myself ourselves
    """
)
_ORG_LINKS = frozenset({"of", "for", "the", "&", "and", "on"})
_INSTITUTIONS = lexicon.words(
    """
    union federation association council committee bureau institute foundation
    league society commission board department ministry center centre coalition
    alliance fund organization organisation agency authority college university
    """
)
_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)$")
_CONTRACTIONS = ("d", "s", "ll", "ve", "re", "m")  # after ’ or ': "he’d", "they're"


@dataclass(slots=True)
class Mention:
    """A speaker phrase as written, with its absolute span."""

    text: str
    start: int
    end: int
    kind: str  # "name", "pronoun", "nominal", "org"
    appositive: str = ""
    np_start: int = -1  # where the whole phrase starts, title and all


def _tokens(text: str, lo: int, hi: int) -> list[tuple[int, int, str]]:
    """Return ``(start, end, token)`` for each token of ``text[lo:hi]``.

    ``findall`` gives plain strings, much cheaper than a match object per token;
    the offsets follow from the lengths, since only whitespace lies between tokens.
    """
    found = []
    at = lo
    for space, token in _SPACED_TOKEN.findall(text, lo, hi):
        start = at + len(space)
        at = start + len(token)
        found.append((start, at, token))
    return found


@functools.lru_cache(maxsize=1 << 15)  # asked of the same few words again and again
def _capitalised(word: str) -> bool:
    # An ordinal starts with a digit: test that first, the regex only for those.
    return (
        word[:1].isupper()
        or (word[:1].isdecimal() and bool(_ORDINAL.match(word)))
        or (word[1:3] == "l-" and word[:1] in "ae" and word[3:4].isupper())  # al-Assad
    )


# Each pronoun, lowercased, bare or contracted ("he", "she’ll", "i'm"): one dict
# lookup instead of a regex substitution per word.
_PRONOUN_FORMS = {
    pronoun + ending: pronoun
    for pronoun in lexicon.PRONOUNS
    for ending in ["", *(mark + tail for mark in "’'" for tail in _CONTRACTIONS)]
}


def _pronoun(word: str) -> str:
    return _PRONOUN_FORMS.get(word.lower(), "")


def classify(
    text: str,
    start: int,
    end: int,
    appositive: str = "",
    tokens: list[tuple[int, int, str]] | None = None,
) -> Mention | None:
    """Return the mention a phrase makes: the person's name in it, or the phrase.

    ``tokens``, when given, are the phrase's tokens a caller already has.
    """
    if tokens is None:
        tokens = _tokens(text, start, end)
    if not tokens:
        return None
    if len(tokens) > 1 and tokens[0][2] in _CLAUSE_OPENERS:
        # "what multiple lawmakers called", "that Border Patrol agents described":
        # the phrase starts after the clause's first word.
        tokens = tokens[1:]
        start = tokens[0][0]
    if len(tokens) == 1 and _pronoun(tokens[0][2]):
        word = _pronoun(tokens[0][2])
        return Mention(
            text[start : start + len(word)],
            start,
            start + len(word),
            "pronoun",
            appositive,
            start,
        )
    named = _name_after_role(text, tokens, appositive, start)
    if named is not None:
        return named
    # The head ends before a link word ("Sen. X of Oregon", "a spokesman for Y"),
    # unless the link sits inside a title ("Secretary of State Tom Reyes").
    head_end = len(tokens)
    for index, (_, _, word) in enumerate(tokens):
        if (
            word.lower() in _HEAD_LINKS
            and index
            and not (
                is_title(tokens[index - 1][2])
                and index + 1 < len(tokens)
                and (
                    tokens[index + 1][2] == "State"
                    # "Speaker of the House Rep. Tom Reyes": titles all the way.
                    or word == "of"
                    and any(is_title(w) for _, _, w in tokens[index + 2 : -1])
                    and all(
                        _capitalised(w) or w.lower() == "the"
                        for _, _, w in tokens[index + 1 :]
                    )
                )
            )
        ):
            head_end = index
            break
    head = tokens[:head_end]
    if not head:
        return None
    run_end = None
    for index in range(len(head) - 1, -1, -1):
        if _capitalised(head[index][2]) and head[index][2].lower() not in _DETERMINERS:
            run_end = index
            break
    if run_end is not None:
        run_start = run_end
        while run_start > 0 and _capitalised(head[run_start - 1][2]):
            run_start -= 1
        run = text[head[run_start][0] : head[run_end][1]]
        title, name = split_name(run)
        if name and _person_name(title, name) and run_end == len(head) - 1:
            offset = text.rindex(name.split()[0], head[run_start][0], head[run_end][1])
            return Mention(
                text[offset : head[run_end][1]],
                offset,
                head[run_end][1],
                "name",
                appositive,
                start,
            )
        if len(head) == 1 and (
            head[0][2].lower() in lexicon.OPENING_ADVERBS or head[0][2] in _NEVER_ORG
        ):
            return None  # "Last" in "Last month, …", "Wait, …": a sentence's first word
        if (
            run_end == len(head) - 1
            and head[0][2].lower() not in _NOT_ORG_START
            and not (
                len(head) == 1 and (plural_role(head[0][2]) or is_title(head[0][2]))
            )  # "Aides to X", "CEO of X"
            and all(
                _capitalised(w) or w.lower() in ("the", "of", "&") for _, _, w in head
            )
        ):
            # "The Union of Harbor Bakers": the organisation's whole name.
            stop = head[-1][1]
            if len(head) > 1 and head[0][2].lower() in lexicon.OPENING_ADVERBS:
                start = head[1][0]  # "Now Bloomberg says": the sentence's adverb
            if (
                head_end < len(tokens)
                and bare(head[-1][2]) in _INSTITUTIONS
                and _capitalised(tokens[-1][2])
                and all(
                    _capitalised(w) or w.lower() in _ORG_LINKS
                    for _, _, w in tokens[head_end:]
                )
            ):
                stop = tokens[-1][1]
            return Mention(text[start:stop], start, stop, "org", appositive, start)
    last = head[-1][2]
    if (
        last.lower() in lexicon.PRONOUNS
        or last.lower() in _DETERMINERS
        or last in _FUNCTION_WORDS  # "… for continuing to insist"; "From" may name
        or (len(head) == 1 and last.endswith("ed") and last.islower())  # "released"
        or not _WORD.match(last)
    ):
        return None
    if (
        ORG_NOMINALS
        and bare(last) in lexicon.ORG_WORDS
        and any(_capitalised(w) for _, _, w in head[1:-1])
        and head[0][2].lower() in ("the", "a")
        and head[0][2].lower() != "a"
    ):
        # "The Baxter campaign said": an organisation, named by its owner.
        return Mention(text[start:end], start, end, "org", appositive, start)
    return Mention(text[start:end], start, end, "nominal", appositive, start)


def _person_name(title: str, name: str) -> bool:
    """Return True for a person's name; "Ms. White" is one though "White" alone
    could name a house, and "Sen. Bloomberg" though "Bloomberg" could be a firm."""
    if looks_like_person(name):
        return True
    return bool(title) and title.split()[-1] in _COURTESY and " " not in name


# One capitalised word that is never an organisation's name ("Wait, it gets better:").
_NEVER_ORG = lexicon.words(
    """
    What Why How Who Which Where Wait Well Oh Yes No Here There This That These Those
    Yet So Also Now Then Even Just Only Maybe Perhaps Indeed Still More Such
    """
)
_COURTESY = frozenset({"Mr.", "Mrs.", "Ms.", "Dr.", "Sen.", "Rep.", "Gov.", "Gen."})
# An organisation's name never opens with these ("On Wednesday", "A Reyes aide").
_NOT_ORG_START = lexicon.words(
    """
    a an one another on in at after before during since until by from with for to
    """
)


def _name_after_role(
    text: str, tokens: list[tuple[int, int, str]], appositive: str, start: int
) -> Mention | None:
    """Return the name ending a role phrase: "chief of staff Carl Woods", "master
    of ceremonies Ann Lee" (but not "a spokesman for Tom Reyes")."""
    if len(tokens) < 4 or not any(w.lower() in _HEAD_LINKS for _, _, w in tokens):
        return None
    run = len(tokens)
    while run > 0 and _capitalised(tokens[run - 1][2]):
        run -= 1
    if len(tokens) - run < 2 or run == 0:
        return None
    if any(_capitalised(w) for _, _, w in tokens[:run]):
        return None  # "Andrew Pincus of the law firm Mayer Brown": the firm
    before = tokens[run - 1][2]
    if not before.isalpha() or not before.islower() or before in _HEAD_LINKS:
        return None
    if before in _DETERMINERS or before in ("and", "or"):
        return None
    name = text[tokens[run][0] : tokens[-1][1]]
    if not looks_like_person(split_name(name)[1]):
        return None
    return Mention(name, tokens[run][0], tokens[-1][1], "name", appositive, start)


ORG_NOMINALS = True


_CLAUSE_STOP = lexicon.words(
    """
    that which who whom whose and or but because when while as if than where after
    before since though although so to by said says told
    """
)


_MAX_NP = 10


def _adjective(word: str) -> bool:
    return word.islower() and (
        word.endswith(("al", "ic", "ive", "ous", "ior", "ary", "'s", "’s", "ern"))
        or word
        in (
            "top",
            "senior",
            "former",
            "chief",
            "deputy",
            "longtime",
            "press",
            "retired",
            "ranking",
            "acting",
            "leading",
            "founding",
            "managing",
            "presiding",
        )
    )


def _modifier_noun(word: str) -> bool:
    """Return True for a lowercase word that may sit inside a role ("party boss")."""
    return (
        word.islower()
        and not word.endswith(("ed", "ing"))
        and (not word.endswith("s") or word.endswith("ss"))
        and (word not in _NOT_MODIFIERS or not NOTMOD)
    )


NOTMOD = True


_NOT_MODIFIERS = lexicon.words(
    """
    after before went said says is was has had will would can could did does got
    made took came gave told asked against over with about into onto from than then
    also just still even not who which that and or but to by at in on of for as
    """
)
