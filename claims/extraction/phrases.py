"""Read the speaker noun phrase next to a cue verb: "Miller", "the ministry", "Gen. X"."""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import lexicon
from .names import bare, is_role_noun, is_title

_TOKEN = re.compile(
    r"(?:[A-Z]\.){2,}|(?:Mr|Mrs|Ms|Dr|Sen|Sens|Rep|Reps|Gov|Gen|Lt|Col|Adm|Sgt|Capt|Maj|Rev"
    r"|Jr|Sr|St|Prof|Cmdr|Hon|Pres|Ft|Mt|Gens|Messrs)\.|[A-Z]\.|[\w&][\w’'\-&]*|[^\w\s]"
)
_DETERMINERS = frozenset("the a an his her their its our this that one another".split())
_ADVERBS = frozenset(
    """also has have had would will could did does do was is then later once again
    recently earlier previously first further simply only still even already never
    often repeatedly flatly bluntly reportedly publicly privately famously quickly
    has, not just both""".split()
)
_LINKS = frozenset("for of at from with in".split())
_CLAUSE_STOP = frozenset(
    """that which who whom whose and or but because when while as if than where after
    before since though although so to by said says told""".split()
)
_MAX_NP = 9
_CONTRACTION = re.compile(r"[’'](?:d|s|ll|ve|re|m)$")
_LEADING = frozenset(
    """on in during after before at asked speaking when while as since despite
    following in addition later earlier from with without under for like unlike
    according""".split()
)
_CONJUNCTIONS = frozenset("but and so yet still now then also instead meanwhile".split())


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
    return word[:1].isupper()


def _classify(text: str, start: int, end: int, appositive: str = "") -> Mention | None:
    phrase = text[start:end]
    words = phrase.split()
    if not words:
        return None
    low = [w.lower() for w in words]
    if len(words) == 1:
        pronoun = _CONTRACTION.sub("", low[0])
        if pronoun in lexicon.PRONOUNS:
            return Mention(phrase[: len(pronoun)], start, start + len(pronoun), "pronoun", appositive, start)
    head = bare(words[-1])
    if _capitalised(words[-1]) and head not in _DETERMINERS:
        from .names import is_org_word, looks_like_person, split_name

        run_start = len(words)
        while run_start > 0 and (
            _capitalised(words[run_start - 1])
            or (low[run_start - 1] in ("of", "de", "van", "von") and run_start > 1)
        ):
            run_start -= 1
        run = " ".join(words[run_start:])
        _, name = split_name(run)
        if looks_like_person(name) and not any(is_org_word(w) for w in name.split()):
            offset = phrase.rindex(name.split()[0]) if name else 0
            return Mention(
                phrase[offset:], start + offset, end, "name", appositive, start
            )
        if low[0] in _DETERMINERS and low[0] != "the":
            return Mention(phrase, start, end, "nominal", appositive, start)
        return Mention(phrase, start, end, "org", appositive, start)
    if head in lexicon.PRONOUNS or head in _DETERMINERS:
        return None
    return Mention(phrase, start, end, "nominal", appositive, start)


def subject_before(text: str, lo: int, hi: int) -> Mention | None:
    """Return the noun phrase that ends just before ``hi`` (the cue), if any."""
    tokens = _tokens(text, max(lo, hi - 260), hi)
    i = len(tokens) - 1
    while i >= 0 and (
        tokens[i][2].lower() in _ADVERBS
        or (tokens[i][2].endswith("ly") and tokens[i][2].islower() and i > 0)
    ):
        i -= 1
    if i > 0 and tokens[i][2] == ")":
        j = i - 1
        while j >= 0 and tokens[j][2] != "(" and i - j < 12:
            j -= 1
        if j > 0 and tokens[j][2] == "(":
            i = j - 1
    appositive = ""
    if i > 0 and tokens[i][2] == ",":
        j = i - 1
        while j >= 0 and tokens[j][2] not in (",", ".", ";", ":", "(", ")") and i - j < 30:
            j -= 1
        if j > 0 and tokens[j][2] == ",":
            appositive = text[tokens[j + 1][0] : tokens[i - 1][1]]
            i = j - 1
        else:
            return None
    if i < 0 or not re.match(r"[\w’']", tokens[i][2]):
        return None
    end = tokens[i][1]
    word = tokens[i][2]
    if _CONTRACTION.sub("", word.lower()) in lexicon.PRONOUNS:
        return _classify(text, tokens[i][0], end, appositive)
    if word.lower() in _CLAUSE_STOP or word.lower() in _DETERMINERS:
        return None
    k = i
    capital_run = _capitalised(word)
    while k > 0 and i - k < _MAX_NP:
        prev = tokens[k - 1][2]
        low = prev.lower()
        if not re.match(r"[\w’']", prev):
            break
        if low in _DETERMINERS:
            k -= 1
            break
        if low in _CLAUSE_STOP or low in lexicon.PRONOUNS:
            break
        if low in _LINKS:
            # "a spokeswoman for the Cruz campaign": keep going only after a role noun.
            if k > 1 and (is_role_noun(tokens[k - 2][2]) or low == "of" and _capitalised(tokens[k - 2][2])):
                k -= 1
                continue
            break
        if capital_run and not _capitalised(prev) and not is_role_noun(prev):
            break
        if lexicon.CUE_RE.fullmatch(low) and not is_title(prev):
            break
        if not _capitalised(prev) and not is_role_noun(prev) and not _adjective(prev):
            break
        k -= 1
    return _classify(text, tokens[k][0], end, appositive)


def _adjective(word: str) -> bool:
    return word.islower() and (
        word.endswith(("al", "ic", "ive", "ous", "ior", "ary", "'s", "’s", "ern", "ed"))
        or word in ("top", "senior", "former", "chief", "deputy", "longtime", "press")
    )


def subject_after(text: str, lo: int, hi: int) -> Mention | None:
    """Return the noun phrase that starts at ``lo`` (after an inverted cue), if any."""
    tokens = _tokens(text, lo, min(hi, lo + 260))
    if not tokens:
        return None
    first = tokens[0][2]
    if _CONTRACTION.sub("", first.lower()) in lexicon.PRONOUNS:
        return _classify(text, tokens[0][0], tokens[0][1])
    k = 0
    if first.lower() in _DETERMINERS:
        k = 1
    end_index = k
    while end_index < len(tokens) and end_index < _MAX_NP:
        word = tokens[end_index][2]
        low = word.lower()
        if not re.match(r"[\w’']", word):
            break
        if low in _LINKS and end_index > k:
            prev = tokens[end_index - 1][2]
            nxt = tokens[end_index + 1][2] if end_index + 1 < len(tokens) else ""
            if is_role_noun(prev) or (low == "of" and _capitalised(nxt) and _capitalised(prev)):
                end_index += 1
                continue
            break
        if low in _CLAUSE_STOP or (low in _DETERMINERS and end_index > k):
            if low == "the" and end_index > k and tokens[end_index - 1][2].lower() in _LINKS:
                end_index += 1
                continue
            break
        if not (_capitalised(word) or is_role_noun(word) or _adjective(word)):
            break
        end_index += 1
    if end_index == 0 or (end_index == k):
        return None
    appositive = ""
    if end_index < len(tokens) and tokens[end_index][2] == ",":
        stop = end_index + 1
        while stop < len(tokens) and tokens[stop][2] not in (",", ".", ";", ":") and stop - end_index < 25:
            stop += 1
        if stop > end_index + 1:
            appositive = text[tokens[end_index + 1][0] : tokens[stop - 1][1]]
    return _classify(text, tokens[0][0], tokens[end_index - 1][1], appositive)


def sentence_subject(text: str, lo: int, hi: int) -> Mention | None:
    """Return the grammatical subject that opens the sentence ``text[lo:hi]``, if any."""
    tokens = _tokens(text, lo, min(hi, lo + 300))
    k = 0
    while k < len(tokens) and (tokens[k][2].lower() in _CONJUNCTIONS or tokens[k][2] in "—–-"):
        k += 1
    if k < len(tokens) and (
        tokens[k][2].lower() in _LEADING or tokens[k][2].lower().endswith(("ing", "ed"))
    ):
        for j in range(k + 1, min(len(tokens), k + 16)):
            if tokens[j][2] == ",":
                k = j + 1
                break
        else:
            return None
    if k >= len(tokens) or not re.match(r"[\w’']", tokens[k][2]):
        return None
    mention = subject_after(text, tokens[k][0], hi)
    if mention is None or mention.kind == "nominal" and not is_role_noun(mention.text.split()[-1]):
        return None
    return mention
