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
_TIME_UNITS = lexicon.words("years months weeks days hours minutes decades")
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


def _head_ahead(tokens: list[tuple[int, int, str]], index: int) -> int:
    """Return where a role noun or a name follows a few plain lowercase words
    ("best friend", "base chief", "undecided Republican voter"), else 0."""
    for ahead in range(index, min(len(tokens), index + 4)):
        word = tokens[ahead][2]
        if ahead > index and (_capitalised(word) or is_role_noun(word)):
            return ahead
        low = word.lower()
        if (
            not word.isalpha()
            or not word.islower()
            or low in _CLAUSE_STOP
            or low in _LINKS
            or low in lexicon.CUE_WORDS
        ):
            return 0
    return 0


def _past_number(tokens: list[tuple[int, int, str]], index: int) -> int:
    """Return where a role or name follows a number like "9/11" or "2016", else
    ``index``: the number only modifies what follows it."""
    ahead = index
    while ahead < len(tokens) and (
        tokens[ahead][2].isdecimal() or tokens[ahead][2] in ("/", "-")
    ):
        ahead += 1
    if ahead == index or ahead >= len(tokens) or ahead - index > 5:
        return index
    word = tokens[ahead][2]
    return ahead if is_role_noun(word) or _capitalised(word) else index


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
    # "her introducer, Lena Marsh": "her" before a word is a determiner.
    owner = first.lower() == "her" and len(tokens) > 1 and _WORD.match(tokens[1][2])
    if _pronoun(first) and not owner:
        return classify(text, tokens[0][0], tokens[0][1], "", tokens[:1])
    if first.lower() in _HEAD_LINKS:
        return None  # "…,” said in an interview: the subject came before the quote
    k = 1 if first.lower() in _DETERMINERS or owner else 0
    k = _past_number(tokens, k)  # "said 9/11 widow Terry Strada"
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
            # Only before the head: after a name the next word is its verb.
            plain = not any(_capitalised(t[2]) for t in tokens[k:stop])
            head = _head_ahead(tokens, stop) if plain else 0
            if (
                not head
                and stop + 1 < len(tokens)
                and tokens[stop + 1][2] == ","
                and tokens[stop - 1][2].lower() in _LINKS | _DETERMINERS
                and word.isalpha()
            ):
                stop += 1  # "the ambassador at the time, John Herbst": the object
                break
            if not head:
                break
            stop = head  # "said his best friend at Lehigh", "the base chief"
        stop += 1
    while stop > k and (
        tokens[stop - 1][2].lower() in _LINKS
        or tokens[stop - 1][2].lower() in _DETERMINERS
    ):
        stop -= 1
    if stop <= k:
        return None
    kin = _owner_apposition(text, tokens, stop)
    if kin is not None:
        return kin
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
        # One name word counts when a title came with it ("Mrs. Baxter drew cheers").
        if (
            named is not None
            and named.kind == "name"
            and (" " in named.text or run > k)
        ):
            return named
    if owner and (mention is None or mention.kind != "name"):
        # "according to her lawyers": with no name given, the owner speaks for them.
        return classify(text, tokens[0][0], tokens[0][1], "", tokens[:1])
    return mention


def _owner_apposition(
    text: str, tokens: list[tuple[int, int, str]], stop: int
) -> Mention | None:
    """Return the name in "Woods's son, Grant, …" or "Ann Lee's communications
    director, Dana Cole": the apposition, not the owner."""
    if not tokens[stop - 1][2].endswith(("'s", "’s")):
        return None
    comma = stop
    while (
        comma < len(tokens)
        and comma - stop < 3
        and tokens[comma][2].isalpha()
        and tokens[comma][2].islower()
    ):
        comma += 1
    if comma == stop or comma + 1 >= len(tokens) or tokens[comma][2] != ",":
        return None
    first = comma + 1
    close = first
    while close < len(tokens) and close - first < 5 and tokens[close][2] not in ",.;":
        close += 1
    if close == first:
        return None
    named = classify(
        text, tokens[first][0], tokens[close - 1][1], "", tokens[first:close]
    )
    return named if named is not None and named.kind == "name" else None


def sentence_subject(text: str, lo: int, hi: int) -> Mention | None:
    """Return the grammatical subject that opens the sentence ``text[lo:hi]``, if any.

    Datelines ("WASHINGTON —"), conjunctions and leading adverbials ending in a comma
    ("On Sunday,", "But a few days later,") are stepped over.
    """
    reach = min(hi, lo + 200)
    tokens = _tokens(text, lo, reach)
    k = 0
    dash = -1
    window = text[lo:reach]
    if "-" in window or "—" in window or "–" in window:
        dash = next(
            (n for n, t in enumerate(tokens[:14]) if t[2] in ("—", "–", "-")), -1
        )
    # "WASHINGTON —", "HARBOR, Miss. -", "Washington (AFP) –": a dateline.
    if dash > 0 and (
        (tokens[0][2].isupper() and len(tokens[0][2]) > 1)
        or (dash > 2 and tokens[dash - 1][2] == ")" and tokens[1][2] == "(")
    ):
        k = dash + 1
    for _ in range(3):
        while k < len(tokens) and (
            tokens[k][2].lower() in _CONJUNCTIONS or tokens[k][2] in _SKIPPED
        ):
            k += 1
        if k >= len(tokens) or not _WORD.match(tokens[k][2]):
            return None
        word = tokens[k][2]
        low = word.lower()
        # "Frustrated, Reyes said" and "Here in Ohio, Reyes said" lead in; "Carly
        # Lane" and "Now Reyes says" do not.
        name_next = k + 1 < len(tokens) and _capitalised(tokens[k + 1][2])
        leading = (
            low in _LEADING
            or (
                (
                    low.endswith(("ing", "ed", "ly"))
                    or low in lexicon.OPENING_ADVERBS
                    # "Thirteen years ago," (but "Forty-one percent of voters")
                    or (
                        lexicon.NUMBER_WORD.fullmatch(low)
                        and k + 1 < len(tokens)
                        and tokens[k + 1][2] in _TIME_UNITS
                    )
                )
                and not name_next
            )
            or (  # "More importantly, his campaign …"
                low in ("more", "most")
                and k + 1 < len(tokens)
                and tokens[k + 1][2].endswith("ly")
            )
            or (  # "Outside the arena, protesters …" but "Outside groups said"
                low in ("outside", "inside")
                and k + 1 < len(tokens)
                and tokens[k + 1][2] in _DETERMINERS
            )
        )
        # Tokens that reach ``hi`` are the phrase's own: no need to read it again.
        ahead = tokens[k:] if reach == hi else _reread(text, tokens, k, reach, hi)
        mention = None if leading else subject_after(text, tokens[k][0], hi, ahead)
        if (
            mention is not None
            and mention.kind == "nominal"
            and k
            and mention.appositive
        ):
            # "Preceded by Carl Woods, the county sheriff, Dana Cole launched …": the
            # nominal closes the opening phrase; the name after it is the subject.
            named = _subject_in(text, mention)
            if named is not None:
                return named
        if mention is not None and (
            mention.kind != "nominal" or _person_like(mention.text)
        ):
            return mention
        comma = next(
            (j for j in range(k + 1, min(len(tokens), k + 25)) if tokens[j][2] == ","),
            -1,
        )
        if comma < 0:
            return _after_date(text, tokens, k, hi) if leading else None
        k = comma + 1
        # "At a rally in Portsmouth, N.H., on Tuesday, Senator …": the state is
        # the end of the place, not the subject.
        k += _state_length(tokens, k)
    return None


def _reread(
    text: str, tokens: list[tuple[int, int, str]], k: int, reach: int, hi: int
) -> list[tuple[int, int, str]] | None:
    """Return the tokens ``subject_after`` reads from ``tokens[k]`` (up to 300
    characters, and past ``reach``), keeping those already read, else None.

    A token never holds whitespace, so one that ends before a space is the same
    whatever lies beyond ``reach``; only the tokens after the last space may have
    been cut short, and they are read again with the rest.
    """
    keep = len(tokens)
    if keep and tokens[-1][1] == reach:
        keep -= 1
        while keep > k and tokens[keep - 1][1] == tokens[keep][0]:
            keep -= 1
    if keep <= k:
        return None
    stop = min(hi, tokens[k][0] + 300)
    return tokens[k:keep] + _tokens(text, tokens[keep - 1][1], stop)


def _after_date(
    text: str, tokens: list[tuple[int, int, str]], k: int, hi: int
) -> Mention | None:
    """Return the subject after a short opening date with no comma: "In 2011 she
    spoke out for …", "On Monday Reyes said"."""
    for j in range(k + 1, min(len(tokens), k + 4)):
        before = tokens[j - 1][2]
        if before.isdecimal() or before in _DAYS:
            word = tokens[j][2]
            if _pronoun(word) or _capitalised(word):
                return subject_after(text, tokens[j][0], hi)
            return None
    return None


_DAYS = lexicon.words("Monday Tuesday Wednesday Thursday Friday Saturday Sunday")


def _state_length(tokens: list[tuple[int, int, str]], k: int) -> int:
    """Return how many tokens a US state and its comma take at ``tokens[k]``."""
    if k + 1 >= len(tokens):
        return 0
    word = tokens[k][2].lower()
    if word in lexicon.STATES and tokens[k + 1][2] == ",":
        return 2
    if (  # "Calif.": the word and its dot are two tokens
        tokens[k + 1][2] == "."
        and k + 2 < len(tokens)
        and tokens[k + 2][2] == ","
        and word + "." in lexicon.STATES
    ):
        return 3
    second = lexicon.STATE_PAIRS.get(word)
    if (
        second
        and k + 2 < len(tokens)
        and tokens[k + 1][2].lower() in second
        and tokens[k + 2][2] == ","
    ):
        return 3
    return 0


def _subject_in(text: str, mention: Mention) -> Mention | None:
    """Return the name that opens ``mention``'s apposition when a verb follows it
    with no comma: not an apposition but the clause's subject ("…, Dana Cole said")."""
    at = text.find(mention.appositive, mention.end)
    tokens = _tokens(text, at, at + len(mention.appositive)) if at >= 0 else []
    run = 0
    while run < len(tokens) and _capitalised(tokens[run][2]):
        run += 1
    if not run or run >= len(tokens):
        return None
    verb = tokens[run][2]
    if not verb.isalpha() or not verb.islower() or verb in _NOT_VERBS:
        return None
    named = classify(text, tokens[0][0], tokens[run - 1][1], "", tokens[:run])
    return named if named is not None and named.kind == "name" else None


_NOT_VERBS = lexicon.words("of and or for from in at on with who whose which that")


def _person_like(phrase: str) -> bool:
    head = bare(phrase.split()[-1])
    return is_role_noun(head) or head in lexicon.PERSON_NOUNS
