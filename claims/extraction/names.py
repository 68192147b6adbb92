"""Recognise person names, split titles off them and expand surnames to full names."""

from __future__ import annotations

import functools
import re

from . import lexicon

# One capitalised token: an initial or initials ("J.", "U.S."), a short title with its
# dot ("Sen.", "Mrs."), or a word. Written as one branch per first letter so that re
# can skip ahead quickly; a word never keeps a final dot, so "Benghazi. Bob" splits.
_CAP = (
    r"[A-Z](?:\.(?:[A-Z]\.){0,2}|(?<=M)(?:r|rs|s|aj)\.|(?<=D)r\.|(?<=S)(?:en|r|t|gt)\."
    r"|(?<=R)(?:ep|ev)\.|(?<=G)(?:ov|en)\.|(?<=L)t\.|(?<=C)(?:ol|apt|mdr)\.|(?<=A)dm\."
    r"|(?<=J)r\.|(?<=P)(?:rof|res)\.|(?<=H)on\.|[a-zA-Z0-9\w’'\-]*)"
)  # [a-zA-Z0-9\w…]: \w, with the ASCII letters found in a table first
_LINK = r"(?:\s+(?:(?:de|del|van|von|da|di|la|le|bin|al|el|ibn|du|of)\s+|[ae]l-)?)"
# A run of capitalised words: "Sen. Dana Cole", "Paul J. Grant", "Sean O’Hara".
NAME_RUN_RE = re.compile(_CAP + r"(?:" + _LINK + _CAP + r")*")
CAP_TOKEN_RE = re.compile(_CAP)
WORD_IN_RUN_RE = re.compile(r"\S+")
MULTI_RUN_RE = re.compile(_CAP + r"(?:" + _LINK + _CAP + r")+")
POSSESSIVE_RE = re.compile(r"(?:’s|'s|’|')$")
_PARTY = frozenset(
    {"democrat", "republican", "democratic", "gop", "independent", "libertarian"}
)
FIRST_NAMES = lexicon.MALE_NAMES | lexicon.FEMALE_NAMES
_FIRST_NAMES = FIRST_NAMES
_HYPHEN_ROLES = ("-born", "-based", "-area", "-backed", "-led", "-run", "-owned")
_OF, _STATE = "of", "State"  # "Secretary of State Tom Reyes"
_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})
_ROLE_SUFFIX = re.compile(
    r"(?:ist|ists|er|ers|or|ors|man|men|woman|women|person|ant|ent|ary|ian|ee)$"
)


@functools.lru_cache(maxsize=1 << 15)
def bare(token: str) -> str:
    """Return ``token`` lowercased without possessive or trailing dots."""
    if token.endswith(("s", "’", "'")):
        token = POSSESSIVE_RE.sub("", token)
    return token.rstrip(".,").lower()


@functools.lru_cache(maxsize=1 << 14)
def is_title(token: str) -> bool:
    return (
        token.lower() in lexicon.TITLES
        or bare(token) in lexicon.TITLES
        # "C.E.O.", "V.P.": an abbreviation written with dots
        or ("." in token[:-1] and token.replace(".", "").lower() in lexicon.TITLES)
    )


@functools.lru_cache(maxsize=1 << 15)
def is_role_noun(token: str) -> bool:
    low = bare(token)
    return (
        low in lexicon.TITLES
        or low in lexicon.PERSON_NOUNS
        or bool(
            len(low) > 5
            and token.islower()
            and _ROLE_SUFFIX.search(low)
            and low not in lexicon.NOT_ROLES
        )
    )


def is_org_word(token: str) -> bool:
    return bare(token) in lexicon.ORG_WORDS


@functools.lru_cache(maxsize=1 << 14)
def split_name(run: str) -> tuple[str, str]:
    """Split a run into (title, name): "Sen. Dana Cole" → ("Sen.", "Dana Cole")."""
    tokens = run.split()
    while (
        len(tokens) > 1
        and tokens[0] in lexicon.NOT_NAME_START
        and not is_title(tokens[0])
    ):
        tokens = tokens[1:]  # "Now Grant says": a sentence's first word
    if len(tokens) > 1 and _opening_word(tokens[0], tokens[1]):
        tokens = tokens[1:]  # "Interestingly Blocher", "Celebrities Julianne Moore"
    for index in range(1, len(tokens) - 1):
        before = tokens[index - 1]
        if tokens[index] == _OF and not (
            is_title(before) or is_role_noun(before) or is_org_word(before)
        ):
            tokens = tokens[:index]  # "Sen. Dana Cole of Ohio": the place follows
            break
    for index, token in enumerate(tokens[1:], 1):
        # Headline case: "Ann Baxter Wins Ohio" names Ann Baxter.
        low = token.lower()
        if low in lexicon.CUE_WORDS or low in lexicon.HEADLINE_VERBS:
            tokens = tokens[:index]
            break
    cut = 0
    for index, token in enumerate(tokens[:-1]):
        if token.endswith(_HYPHEN_ROLES):
            cut = index + 1  # "Texas-born Tom Reyes"
            continue
        if token.endswith(("’s", "'s", "s’", "s'")):
            cut = index + 1  # "The Daily Ledger's Lena Park"
            continue
        if (
            (
                is_title(token)
                or token == _OF
                or bare(token) in _PARTY
                or (index < cut + 1 and token == _STATE)
            )
            or cut
            and tokens[cut - 1] == "of"
        ):
            cut = index + 1
    name_tokens = tokens[cut:]
    if (
        len(name_tokens) > 2
        and name_tokens[-2].lower() in _FIRST_NAMES
        and (
            len(name_tokens) > 3
            or is_org_word(name_tokens[0])
            # "Filmmaker Jack Marino": a role noun capitalised to open a sentence
            or (
                is_role_noun(name_tokens[0].lower())
                and name_tokens[0].lower() not in _FIRST_NAMES
            )
        )
    ):
        # "Undersecretary for Trade Affairs Nancy Hale": a known first name
        # starts the name even when no title word marks the cut.
        cut += len(name_tokens) - 2
        name_tokens = name_tokens[-2:]
    while name_tokens and bare(name_tokens[-1]) in _SUFFIXES and len(name_tokens) > 1:
        name_tokens.pop()
    if name_tokens and name_tokens[-1].endswith(("s", "’", "'")):
        name_tokens[-1] = POSSESSIVE_RE.sub("", name_tokens[-1])
    return " ".join(tokens[:cut]), " ".join(name_tokens)


def _opening_word(token: str, following: str) -> bool:
    """Return True for a sentence's capitalised first word that names no one: an
    adverb ("Interestingly Blocher") or a plural noun before a first name
    ("Celebrities Julianne Moore", but "Priorities USA" is a name)."""
    low = token.lower()
    if low in _FIRST_NAMES or not token.isalpha():
        return False
    if low.endswith("ly") and len(low) > 6:
        return True
    return low.endswith("ies") and following.lower() in _FIRST_NAMES


_STATE_ABBREVIATIONS = frozenset(s for s in lexicon.STATES if s.endswith("."))


@functools.lru_cache(maxsize=1 << 14)
def looks_like_person(name: str) -> bool:
    tokens = name.split()
    if not tokens or tokens[0] in lexicon.NOT_NAME_START:
        return False
    first = tokens[0].lower()
    if len(tokens) > 1 and first.endswith("ing") and first not in _FIRST_NAMES:
        return False  # "Asserting Grant": a participle opening the sentence
    if "-" in name and any(t.endswith(_HYPHEN_ROLES) for t in tokens):
        return False  # "American-born"
    if len(tokens) > 1 and first in _FIRST_NAMES:
        pass  # "Michael Bloomberg", "Kathleen Hall Jamieson": a person after all
    elif any(is_org_word(t) for t in tokens):
        return False  # "Harbor Hotels", "Bloomberg"
    if len(tokens) == 1 and (
        plural_role(tokens[0])
        or (tokens[0].isupper() and is_title(tokens[0]))
        or tokens[0].lower().rstrip(".") + "." in _STATE_ABBREVIATIONS
    ):
        return False  # "Attorneys for Baxter said", "Aides", "CEO", "Calif."
    return all(
        t[:1].isupper() or t in lexicon.PARTICLES or t.startswith(("al-", "el-"))
        for t in tokens
    )


def plural_role(token: str) -> bool:
    """Return True for a plural role noun ("Attorneys", "Aides")."""
    low = token.lower()
    return low.endswith("s") and (
        low[:-1] in lexicon.TITLES or low[:-1] in lexicon.PERSON_NOUNS
    )


@functools.lru_cache(maxsize=1 << 14)
def gender(name: str, title: str = "") -> str:
    """Return "m", "f" or "" for a name, from its title or first name."""
    low_title = title.lower()
    if low_title:  # most names come without a title
        if any(t in low_title for t in ("mrs", "ms.", "miss", "woman", "madam")):
            return "f"
        if "mr." in low_title or "mr " in low_title or low_title.endswith("man"):
            return "m"
        for word in low_title.replace(",", " ").split():
            if word in lexicon.FEMALE_ROLES:
                return "f"
            if word in lexicon.MALE_ROLES:
                return "m"
    first = name.split()[0].lower() if name else ""
    if first in lexicon.FEMALE_NAMES:
        return "f"
    if first in lexicon.MALE_NAMES:
        return "m"
    return ""


def role_before(text: str, start: int) -> str:
    """Return the role words just before a name ("spokesperson Matthew Miller")."""
    window = text[max(0, start - 120) : start]
    last = window.rsplit(None, 1)[-1:]  # most names have no role: test the last word
    if not last or not (is_role_noun(last[0]) or is_title(last[0])):
        return ""
    tokens = window.split()
    kept: list[str] = []
    for token in reversed(tokens):
        if "”" in token[:-1]:  # "Hispanics!”Former candidate": the quote ends it
            token = token.rsplit("”", 1)[1]
            if token and token.lower() not in _ROLE_STOP:
                kept.append(token)
            break
        low = token.lower()
        if token.endswith((",", ";", ":", "\ue000", "”", '"')) and kept:
            break
        if (
            low in _ROLE_STOP
            or (token.islower() and low in lexicon.CUE_WORDS)  # "responded"
            or token.endswith((".", "!", "?"))
            and kept
            and (bare(token) not in lexicon.ABBREVIATIONS and len(bare(token)) > 2)
        ):
            break
        kept.append(token)
        if len(kept) >= 8:
            break
    role = " ".join(reversed(kept)).strip(" ,")
    return role[:1].upper() + role[1:] if role else ""


_ROLE_STOP = lexicon.words(
    """
    the a an by to for with from at in on and or but that which who whom said says
    is was are were has have had when while as than told according said, of
    """
)
