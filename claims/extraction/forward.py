"""Read a speaker phrase forward: after an inverted cue, or opening a sentence."""

from __future__ import annotations

from . import lexicon
from .names import bare, is_role_noun, is_title
from .phrases import (
    _CLAUSE_STOP,
    _DETERMINERS,
    _HEAD_LINKS,
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

_CONJUNCTIONS = lexicon.words("but and so yet still now then also instead meanwhile")
# Dashes, and the closing mark of a quoted title before the comma ("On “Today,” X").
_SKIPPED = frozenset({"—", "–", "-", "”", '"', "’", "''"})


_LEADING = lexicon.words(
    """
    on in during after before at asked speaking when while as since despite
    following addition later earlier from with without under for like unlike
    according by over through amid across throughout within around beyond among
    against into toward towards upon about
    """
)


def _name_ahead(tokens: list[tuple[int, int, str]], index: int) -> bool:
    """Return True when a name or a role noun follows ("tech executive X", "state
    director")."""
    role = False
    for _, _, word in tokens[index + 1 : index + 4]:
        if _capitalised(word):
            return True
        if (
            not (_modifier_noun(word) or is_role_noun(word))
            or word.lower() in _CLAUSE_STOP
        ):
            return role
        role = is_role_noun(word)
    return role


def subject_after(
    text: str, lo: int, hi: int, tokens: list[tuple[int, int, str]] | None = None
) -> Mention | None:
    """Return the noun phrase that starts at ``lo`` (after an inverted cue), if any.

    ``tokens``, when given, are those of ``text[lo:hi]`` that a caller already has.
    """
    if tokens is None:
        tokens = _tokens(text, lo, min(hi, lo + 300))
    if not tokens:
        return None
    first = tokens[0][2]
    if _pronoun(first):
        return classify(text, tokens[0][0], tokens[0][1], "", tokens[:1])
    if first.lower() in _HEAD_LINKS:
        return None  # "…,” said in an interview: the subject came before the quote
    k = 1 if first.lower() in _DETERMINERS else 0
    stop = k
    while stop < len(tokens) and stop < _MAX_NP:
        word = tokens[stop][2]
        low = word.lower()
        if low == "and" and stop > k and is_title(tokens[stop - 1][2]):
            stop += 1  # "former Utah Gov. and party Chairman Ed Lane"
            continue
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
    mention = classify(
        text, tokens[0][0], tokens[stop - 1][1], appositive, tokens[:stop]
    )
    if mention is not None and mention.kind == "nominal" and appositive:
        # "said another reader, Rosa Delgado": the apposition names them.
        at = text.find(appositive, mention.end)
        named = classify(text, at, at + len(appositive)) if at >= 0 else None
        if named is not None and named.kind == "name":
            return named
    if mention is not None and mention.kind != "name" and _capitalised(tokens[k][2]):
        # "Ann Baxter spoke out Tuesday …": the opening name, not the phrase.
        run = k
        while run + 1 < stop and _capitalised(tokens[run + 1][2]):
            run += 1
        named = classify(text, tokens[0][0], tokens[run][1], "", tokens[: run + 1])
        if named is not None and named.kind == "name" and " " in named.text:
            return named
    return mention


def sentence_subject(text: str, lo: int, hi: int) -> Mention | None:
    """Return the grammatical subject that opens the sentence ``text[lo:hi]``, if any.

    Datelines ("WASHINGTON —"), conjunctions and leading adverbials ending in a comma
    ("On Sunday,", "But a few days later,") are stepped over.
    """
    reach = min(hi, lo + 200)
    tokens = _tokens(text, lo, reach)
    k = 0
    dash = next((n for n, t in enumerate(tokens[:14]) if t[2] in "—–"), -1)
    if dash > 0 and tokens[0][2].isupper() and len(tokens[0][2]) > 1:
        k = dash + 1
    for _ in range(3):
        while k < len(tokens) and (
            tokens[k][2].lower() in _CONJUNCTIONS or tokens[k][2] in _SKIPPED
        ):
            k += 1
        if k >= len(tokens) or not _WORD.match(tokens[k][2]):
            return None
        word = tokens[k][2]
        leading = word.lower() in _LEADING or (
            word.lower().endswith(("ing", "ed", "ly"))
            # "Frustrated, Reyes said" leads in; "Carly Lane" does not.
            and not (k + 1 < len(tokens) and _capitalised(tokens[k + 1][2]))
        )
        # Tokens that reach ``hi`` are the phrase's own: no need to read it again.
        ahead = tokens[k:] if reach == hi else None
        mention = None if leading else subject_after(text, tokens[k][0], hi, ahead)
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
