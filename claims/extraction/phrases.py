"""Read the speaker noun phrase next to a cue verb: "Miller", "the ministry", "Gen. X"."""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import lexicon
from .names import (
    bare,
    is_org_word,
    is_role_noun,
    is_title,
    looks_like_person,
    split_name,
)

# A capitalised token keeps the dot of an initial or a short title ("J.", "U.S.",
# "Sen."); one branch per first letter keeps the scan fast.
_TOKEN = re.compile(
    r"[A-Z](?:\.(?:[A-Z]\.)*|(?<=M)(?:r|rs|s|aj|essrs)\.|(?<=D)r\.|(?<=S)(?:en|ens|r|t|gt)\."
    r"|(?<=R)(?:ep|eps|ev)\.|(?<=G)(?:ov|en|ens)\.|(?<=L)t\.|(?<=C)(?:ol|apt|mdr)\.|(?<=A)dm\."
    r"|(?<=J)r\.|(?<=P)(?:rof|res)\.|(?<=H)on\.|(?<=F)t\.|[\w’'\-&]*)"
    r"|[\w&][\w’'\-&]*|[^\w\s]"
)
_WORD = re.compile(r"\w")
_DETERMINERS = frozenset(["the", "a", "an", "his", "her", "their", "its", "our", "this", "that", "one", "another"])
_ADVERBS = frozenset(
    ["also", "has", "have", "had", "would", "will", "could", "did", "does", "do", "was", "is", "then", "later", "once", "again", "recently", "earlier", "previously", "first", "further", "simply", "only", "still", "even", "already", "never", "often", "repeatedly", "flatly", "bluntly", "reportedly", "publicly", "privately", "famously", "quickly", "not", "just", "both", "may", "might", "must", "can", "should", "shall", "has", "been", "have", "been"]
)
_LINKS = frozenset(["for", "of", "at", "from", "with", "in"])
_HEAD_LINKS = _LINKS | {"on"}
_PLACE_BEFORE = frozenset("in at of from near to".split())
_CLAUSE_STOP = frozenset(
    ["that", "which", "who", "whom", "whose", "and", "or", "but", "because", "when", "while", "as", "if", "than", "where", "after", "before", "since", "though", "although", "so", "to", "by", "said", "says", "told"]
)
_TIME = re.compile(
    r"(?:\s+(?:on|last|this|late|early|in|at|earlier|later))*\s+(?:Monday|Tuesday|Wednesday|"
    r"Thursday|Friday|Saturday|Sunday|night|morning|afternoon|evening|week|month|year|"
    r"today|tonight|yesterday|statement|interview)\s*$"
)
_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)$")
_MAX_NP = 10
_CONTRACTION = re.compile(r"[’'](?:d|s|ll|ve|re|m)$")
_LEADING = frozenset(
    ["on", "in", "during", "after", "before", "at", "asked", "speaking", "when", "while", "as", "since", "despite", "following", "addition", "later", "earlier", "from", "with", "without", "under", "for", "like", "unlike", "according", "by"]
)
_CONJUNCTIONS = frozenset(
    ["but", "and", "so", "yet", "still", "now", "then", "also", "instead", "meanwhile"]
)


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
    return [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text, lo, hi)]


def _capitalised(word: str) -> bool:
    return word[:1].isupper() or bool(_ORDINAL.match(word))


def _pronoun(word: str) -> str:
    low = _CONTRACTION.sub("", word.lower())
    return low if low in lexicon.PRONOUNS else ""


def classify(text: str, start: int, end: int, appositive: str = "") -> Mention | None:
    """Return the mention a phrase makes: the person's name in it, or the phrase."""
    tokens = _tokens(text, start, end)
    if not tokens:
        return None
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
    # The head ends before a link word ("Sen. X of Oregon", "a spokesman for Y"),
    # unless the link sits inside a title ("Secretary of State John Kerry").
    head_end = len(tokens)
    for index, (_, _, word) in enumerate(tokens):
        if (
            word.lower() in _HEAD_LINKS
            and index
            and not (
                is_title(tokens[index - 1][2])
                and index + 1 < len(tokens)
                and tokens[index + 1][2] == "State"
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
        _, name = split_name(run)
        if name and looks_like_person(name) and run_end == len(head) - 1:
            offset = text.rindex(name.split()[0], head[run_start][0], head[run_end][1])
            return Mention(
                text[offset : head[run_end][1]],
                offset,
                head[run_end][1],
                "name",
                appositive,
                start,
            )
        if run_end == len(head) - 1 and head[0][2].lower() not in (
            "a",
            "an",
            "one",
            "another",
        ):
            if all(
                _capitalised(w) or w.lower() in ("the", "of", "&") for _, _, w in head
            ):
                return Mention(
                    text[start : head[-1][1]],
                    start,
                    head[-1][1],
                    "org",
                    appositive,
                    start,
                )
    last = head[-1][2]
    if (
        last.lower() in lexicon.PRONOUNS
        or last.lower() in _DETERMINERS
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
        # "The Clinton campaign said": an organisation, named by its owner.
        return Mention(text[start:end], start, end, "org", appositive, start)
    return Mention(text[start:end], start, end, "nominal", appositive, start)


ORG_NOMINALS = True


def _skip_back(tokens: list[tuple[int, int, str]], i: int) -> int:
    """Step back over adverbs, auxiliaries, "went on to" and parentheses before a cue."""
    while i >= 0:
        word = tokens[i][2]
        low = word.lower()
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
    time = _TIME.search(text, max(lo, hi - 48), hi)
    if time:
        hi = time.start()
    tokens = _tokens(text, lo, hi)
    i = _skip_back(tokens, len(tokens) - 1)
    # "Katie Packer, who is chairman of X, said" / "the guru who founded X tweeted".
    for j in range(i, max(0, i - 25), -1):
        word = tokens[j][2].lower()
        if word in ("who", "whose") or (word == "which" and tokens[j - 1][2] == ","):
            appositive = text[tokens[j][0] : tokens[i][1]]
            if tokens[j - 1][2] == ",":
                i = j - 1  # the comma before "who" ends an apposition: see below
                break
            stop = j - 1
            mention = _np_ending_at(text, tokens, stop, appositive, lo)
            if mention is not None and mention.kind == "nominal" and stop > 0:
                named = _before_comma(text, tokens, mention, lo)
                return named or mention
            return mention
        if tokens[j][2] in (";", ":", "“", "”", '"'):
            break
    if i > 1 and tokens[i][2] == "," and tokens[i - 1][2] == ")":
        i = _skip_back(tokens, i - 1)  # "Gov. John Kasich (R-OH), said"
    if i > 0 and tokens[i][2] == ",":
        # "Cory James, 22, of Flint, Mich., said": try each comma back for a person.
        fallback = None
        for j in range(i - 1, max(0, i - 45), -1):
            mark = tokens[j][2]
            if mark in (";", ":", "“", "”", '"'):
                break
            if mark != ",":
                continue
            appositive = text[tokens[j + 1][0] : tokens[i - 1][1]]
            mention = _np_ending_at(text, tokens, j - 1, appositive, lo)
            if mention is not None and mention.kind in ("name", "pronoun"):
                # "…, retired in Cambridge, Mass., said": a place after a preposition.
                at = next((n for n, t in enumerate(tokens) if t[0] == mention.np_start), 0)
                if at and tokens[at - 1][2].lower() in _PLACE_BEFORE:
                    continue
                return mention
            if fallback is None and good(mention):
                fallback = mention
        if fallback is None:
            # "Katie Packer, who is chairman of X said": one comma, the name before it.
            mention = _np_ending_at(text, tokens, i - 1, "", lo)
            if mention is not None and mention.kind in ("name", "pronoun"):
                return mention
        return fallback
    return _np_ending_at(text, tokens, i, "", lo)


def _before_comma(
    text: str, tokens: list[tuple[int, int, str]], mention: Mention, lo: int
) -> Mention | None:
    """Return the name before ", the …" when ``mention`` is that apposition."""
    index = next((n for n, t in enumerate(tokens) if t[0] == mention.np_start), -1)
    if index > 1 and tokens[index - 1][2] == ",":
        named = _np_ending_at(text, tokens, index - 2, mention.text, lo)
        if named is not None and named.kind == "name":
            return named
    return None


def good(mention: Mention | None) -> bool:
    """Return True for a phrase that can be a speaker: a name, pronoun or a person noun."""
    if mention is None:
        return False
    if mention.kind != "nominal":
        return True
    head = bare(mention.text.split()[-1])
    return (
        head in lexicon.PERSON_NOUNS or head in lexicon.ORG_WORDS or is_role_noun(head)
    )


def _np_ending_at(
    text: str, tokens: list[tuple[int, int, str]], i: int, appositive: str, lo: int
) -> Mention | None:
    """Return the noun phrase whose last token is ``tokens[i]``."""
    if i < 0 or not _WORD.match(tokens[i][2]):
        return None
    end = tokens[i][1]
    word = tokens[i][2]
    if _pronoun(word):
        return classify(text, tokens[i][0], end, appositive)
    if word.lower() in _CLAUSE_STOP or word.lower() in _DETERMINERS:
        return None
    k = i
    capital_run = _capitalised(word)
    while k > 0 and i - k < _MAX_NP:
        prev = tokens[k - 1][2]
        low = prev.lower()
        if not _WORD.match(prev):
            break
        if low in _DETERMINERS:
            k -= 1
            # "James Pethokoukis of the American Enterprise Institute": keep going.
            if k > 1 and tokens[k - 1][2] in ("of", "for", "at") and (
                _capitalised(tokens[k - 2][2]) or is_role_noun(tokens[k - 2][2])
            ):
                k -= 1
                continue
            break
        if low in _CLAUSE_STOP or low in lexicon.PRONOUNS:
            break
        if low in _LINKS:
            if k > 1 and (
                is_role_noun(tokens[k - 2][2])
                or low == "of"
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
        if not _capitalised(prev) and not is_role_noun(prev) and not _adjective(prev):
            if not (
                is_role_noun(word)
                and i - k < 3
                and _modifier_noun(prev)
                and low not in lexicon.PRONOUNS
            ):
                break
        k -= 1
    mention = classify(text, tokens[k][0], end, appositive)
    if mention and mention.kind == "nominal" and appositive and good(mention):
        # "the Vatican spokesman, Federico Lombardi, told": the apposition names them.
        at = text.find(appositive, lo)
        named = classify(text, at, at + len(appositive)) if at >= 0 else None
        if named is not None and named.kind == "name":
            return named
    if (
        mention
        and mention.kind == "nominal"
        and mention.text.split()[0].lower() in ("the", "a", "an")
    ):
        # "Sam Lau, the communications director for X said": the name is before the comma.
        named = _before_comma(text, tokens, mention, lo)
        if named is not None:
            return named
    if mention is not None and mention.kind in ("nominal", "org"):
        # "Anthony Anton, president and CEO of X stated": an apposition left open.
        index = next((n for n, t in enumerate(tokens) if t[0] == mention.np_start), -1)
        for back in range(index - 1, max(0, index - 12), -1):
            word = tokens[back][2]
            if word == ",":
                named = _np_ending_at(text, tokens, back - 1, "", lo)
                if named is not None and named.kind == "name":
                    return named
                break
            if word.lower() in _CLAUSE_STOP or word in (".", ";", ":", "“", "”", '"'):
                break
    return mention


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
_NOT_MODIFIERS = frozenset(
    """after before went said says is was has had will would can could did does got
    made took came gave told asked against over with about into onto from than then
    also just still even not who which that and or but to by at in on of for as""".split()
)


def _name_ahead(tokens: list[tuple[int, int, str]], index: int) -> bool:
    """Return True when a capitalised word follows within a role ("tech executive X")."""
    for _, _, word in tokens[index + 1 : index + 4]:
        if _capitalised(word):
            return True
        if (
            not (_modifier_noun(word) or is_role_noun(word))
            or word.lower() in _CLAUSE_STOP
        ):
            return False
    return False


def subject_after(text: str, lo: int, hi: int) -> Mention | None:
    """Return the noun phrase that starts at ``lo`` (after an inverted cue), if any."""
    tokens = _tokens(text, lo, min(hi, lo + 300))
    if not tokens:
        return None
    first = tokens[0][2]
    if _pronoun(first):
        return classify(text, tokens[0][0], tokens[0][1])
    if first.lower() in _HEAD_LINKS:
        return None  # "…,” said in an interview: the subject came before the quote
    k = 1 if first.lower() in _DETERMINERS else 0
    stop = k
    while stop < len(tokens) and stop < _MAX_NP:
        word = tokens[stop][2]
        low = word.lower()
        if not _WORD.match(word) or low in _CLAUSE_STOP:
            break
        if (
            low in _DETERMINERS
            and stop > k
            and tokens[stop - 1][2].lower() not in _LINKS
        ):
            break
        if low in lexicon.CUE_WORDS and not is_title(word):
            break
        if not (
            _capitalised(word)
            or is_role_noun(word)
            or _adjective(word)
            or low in _LINKS
            or low in _DETERMINERS
            or (_modifier_noun(word) and _name_ahead(tokens, stop))
        ):
            break
        stop += 1
    while stop > k and (
        tokens[stop - 1][2].lower() in _LINKS
        or tokens[stop - 1][2].lower() in _DETERMINERS
    ):
        stop -= 1
    if stop <= k:
        return None
    appositive = ""
    if stop < len(tokens) and tokens[stop][2] == ",":
        close = stop + 1
        while (
            close < len(tokens)
            and tokens[close][2] not in (",", ".", ";", ":")
            and close - stop < 25
        ):
            close += 1
        if close > stop + 1:
            appositive = text[tokens[stop + 1][0] : tokens[close - 1][1]]
    return classify(text, tokens[0][0], tokens[stop - 1][1], appositive)


def sentence_subject(text: str, lo: int, hi: int) -> Mention | None:
    """Return the grammatical subject that opens the sentence ``text[lo:hi]``, if any.

    Datelines ("WASHINGTON —"), conjunctions and leading adverbials ending in a comma
    ("On Sunday,", "But a few days later,") are stepped over.
    """
    tokens = _tokens(text, lo, min(hi, lo + 200))
    k = 0
    dash = next((n for n, t in enumerate(tokens[:14]) if t[2] in "—–"), -1)
    if dash > 0 and tokens[0][2].isupper() and len(tokens[0][2]) > 1:
        k = dash + 1
    for _ in range(3):
        while k < len(tokens) and (
            tokens[k][2].lower() in _CONJUNCTIONS or tokens[k][2] in "—–-"
        ):
            k += 1
        if k >= len(tokens) or not _WORD.match(tokens[k][2]):
            return None
        leading = tokens[k][2].lower() in _LEADING or tokens[k][2].lower().endswith(
            ("ing", "ed", "ly")
        )
        mention = None if leading else subject_after(text, tokens[k][0], hi)
        if mention is not None and (
            mention.kind != "nominal" or _person_like(mention.text)
        ):
            return mention
        comma = next(
            (j for j in range(k + 1, min(len(tokens), k + 16)) if tokens[j][2] == ","),
            -1,
        )
        if comma < 0:
            return None
        k = comma + 1
    return None


def _person_like(phrase: str) -> bool:
    head = bare(phrase.split()[-1])
    return is_role_noun(head) or head in lexicon.PERSON_NOUNS


__all__ = [
    "Mention",
    "classify",
    "is_org_word",
    "sentence_subject",
    "subject_after",
    "subject_before",
]
