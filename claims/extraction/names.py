"""Recognise person names, split titles off them and expand surnames to full names."""

from __future__ import annotations

import functools
import re
from pathlib import Path

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
        # "Director-General", "Editor-in-Chief": titles joined by hyphens
        or (
            "-" in token[1:-1]
            and all(
                part in lexicon.TITLES or part in ("in", "at")
                for part in bare(token).split("-")
            )
        )
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
    following = following.lower()
    return low.endswith("ies") and (following in _FIRST_NAMES or following in _CENSUS)


# Words of places and bodies that are also common surnames.
_SURNAME_PLACES = frozenset({"park", "hall", "church", "white"})
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
    if len(tokens) > 1 and (
        first in _FIRST_NAMES
        # "Lena Park", "Frank Church": a given name the census knows before a
        # surname that is also a place's word
        or (
            len(tokens) == 2
            and first in _CENSUS
            and bare(tokens[-1]) in _SURNAME_PLACES
        )
    ):
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
    return _CENSUS.get(first, "")


def given_name(word: str) -> bool:
    """Return True for a word the name lists or the census know as a given name."""
    low = word.lower()
    return low in _FIRST_NAMES or low in _CENSUS


def _census_names() -> dict[str, str]:
    """Return {given name: "m" or "f"} from first_names.txt (census data)."""
    found: dict[str, str] = {}
    sex = ""
    text = (Path(__file__).parent / "first_names.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.startswith("["):
            sex = line.strip("[]")
        elif line and not line.startswith("#"):
            found.update(dict.fromkeys(line.split(), sex))
    return found


_CENSUS = _census_names()


def role_before(text: str, start: int) -> str:
    """Return the role words just before a name ("spokesperson Matthew Miller")."""
    window = text[max(0, start - 120) : start]
    last = window.rsplit(None, 1)[-1:]  # most names have no role: test the last word
    if not last or not (is_role_noun(last[0]) or is_title(last[0])):
        return ""
    if last[0] in _VERBS_LIKE_ROLES:
        return ""  # "… remember Tom Reyes"
    if last[0].endswith(",") or _ends_sentence(last[0]):
        # "said the mayor, Dana Cole" is an apposition (role_apposed); "… his
        # boxing career. Tom Reyes" starts a sentence.
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
        if token.rstrip("'").endswith((",", ";", ":", "\ue000", "”", '"')) and kept:
            break  # "this country,'' former Gov. Jeb Bush"
        if token in _DASHES or "(" in token or ")" in token:
            break  # "WASHINGTON — Sen.", "(like top aide": a dateline, an aside
        if token[-1] in "’'" and token[-2:-1] in (".", "!", "?"):
            break  # "‘You Should Be Investigated.’ Massachusetts Sen.": a headline
        word = low.rstrip(".,")
        if token.islower() and (
            word in _ROLE_BREAK
            or (word.endswith("ed") and word not in _ED_MODIFIERS)
            or (word.endswith("ly") and word not in _LY_MODIFIERS)
        ):
            break  # "… left Sen.", "Trump pumped suburban GOP chairman"
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
    if kept and kept[-1].lower() in lexicon.OPENING_ADVERBS:
        kept.pop()  # "Even HBO comedian John Oliver"
    return " ".join(reversed(kept)).strip(" ,")


def clean_role(role: str) -> str:
    """Return ``role`` as a reader should see it: no courtesy title alone ("Mr."),
    no pronoun ("He's"), no full stop that only ended the sentence."""
    if not role:
        return role
    words = role.split()
    while words and len(words[0]) == 1 and words[0].islower():
        words.pop(0)  # "r Mr.": a word cut off at the window's edge
    while words and bare(words[-1]) in COURTESY_TITLES:
        words.pop()  # "Mr." says nothing of what the person does
    if len(words) == 1 and bare(words[0]).split("'")[0] in lexicon.PRONOUNS:
        return ""
    if words and words[-1].endswith("."):
        core = words[-1].rstrip(".")
        if words[-1].endswith("..") or (
            core.isalpha()
            and len(core) > 3
            and bare(core) not in lexicon.ABBREVIATIONS
            and not is_title(words[-1])
        ):
            words[-1] = core  # "… of the Growers Association.", "… Association.."
    return " ".join(words)


COURTESY_TITLES = frozenset({"mr", "mrs", "ms", "miss", "mx", "messrs"})


def role_apposed(text: str, start: int, end: int) -> list[str]:
    """Return the roles that appositions give a name at ``start:end``: set off by
    a comma before it ("said a spokeswoman for the hotels, Dana Cole") and after
    it ("Dana Cole, a spokeswoman for the hotels, said")."""
    roles = []
    # Before the name, an apposition ("the mayor, Dana Cole, said") is no clause's
    # object with the name as the next one's subject ("Critics attacked the mayor,
    # Dana Cole said").
    if text.endswith(", ", 0, start) and not _CLAUSE_AFTER_RE.match(text, end):
        words = text[max(0, start - _APPOSED_REACH) : start - 2].split(" ")
        before = _apposition_before(words)
        opener = words[-len(before) - 1] if len(words) > len(before) else ""
        if (
            before
            and opener[:1].isupper()
            and opener.endswith(",")
            and not text.startswith(",", end)
        ):
            # "Preceded by Carl Woods, the county sheriff, Dana Cole spoke": the
            # phrase is Woods's apposition, and Dana Cole the sentence's subject.
            before = []
        # A noun phrase opens it ("said the mayor, Dana Cole", "with her husband,
        # Milton Cole", "Reyes's aide, Dana Cole"), the longest that has a role.
        for at, word in enumerate(before):
            if word.lower() in _APPOSED_DETERMINERS or _OWNER_RE.search(word):
                role = _role_phrase(before[at:])
                if role:
                    roles.append(role)
                    break
    if text.startswith(", ", end):
        after = text[end + 2 : end + 2 + _APPOSED_REACH].split(" ")
        if after[0][:-1].isdigit() and after[0].endswith(","):
            after = after[1:]  # "Dana Cole, 54, a lawyer"
        roles.append(_role_phrase(_apposition_after(after)))
    return [role for role in roles if role]


_CLAUSE_AFTER_RE = re.compile(
    r"\s+(?:" + lexicon.CUE_RE.pattern + r"|(?:is|was|has|had|will|would|says)\b)"
)
_APPOSED_REACH = 120  # characters read on each side of a name for an apposition
_APPOSED_WORDS = 12  # a longer phrase is a clause, not an apposition
_RELATIVES = lexicon.words("who whom whose which that where when")
_APPOSED_STOP = lexicon.words(
    """
    while because since although though after before as according if but and or
    is was are were be been has have had
    """
)
_APPOSED_PREPOSITIONS = lexicon.words(
    "of for at in on with from to by as like unlike among about under after over"
)
_APPOSED_DETERMINERS = lexicon.words(
    "a an the his her their its our your my one another"
)
_OWNER_RE = re.compile(r"\w(?:’s|'s|s’|s')$")  # "Reyes's aide, Dana Cole"
_APPOSED_MARK_RE = re.compile('[“”"()\\[\\]\n—–:\ue000]')


def _apposition_after(tokens: list[str]) -> list[str]:
    """Return the tokens of an apposition read forward from its comma, or [] when
    the words run on as a clause ("After meeting Reyes, the mayor said …")."""
    kept: list[str] = []
    for token in tokens[:_APPOSED_WORDS]:
        cut = _APPOSED_MARK_RE.split(token, 1)[0]
        low = cut.lower()
        if not cut or low in _RELATIVES:
            return kept
        if low in lexicon.CUE_WORDS or low in _APPOSED_STOP:
            return []
        if _ends_phrase(cut):
            return [*kept, cut.rstrip("'’")[:-1]]
        kept.append(cut)
        if cut != token:
            return kept
    return kept if len(tokens) < _APPOSED_WORDS else []


def _apposition_before(tokens: list[str]) -> list[str]:
    """Return the tokens of an apposition read back from its comma, or []."""
    kept: list[str] = []
    last = len(tokens) - 1
    for at in range(last, max(-1, last - _APPOSED_WORDS), -1):
        token = tokens[at]
        cut = _APPOSED_MARK_RE.split(token)[-1]
        low = cut.lower()
        if (
            not cut
            or _ends_phrase(cut)
            or low in _APPOSED_STOP
            or low in _RELATIVES
            # "said a spokeswoman", but "the alleged shooter", "a noted economist"
            or (
                low in lexicon.CUE_WORDS
                and not (at and tokens[at - 1].lower() in _APPOSED_DETERMINERS)
            )
        ):
            if low == "according" and kept[-1:] == ["to"]:
                kept.pop()  # "according to a spokeswoman for the hotels, Dana Cole"
            break
        kept.append(cut)
        if cut != token:
            break
    else:
        if len(tokens) > _APPOSED_WORDS:
            return []  # ran on past the longest apposition
    return kept[::-1]


def apposed_head(role: str) -> str:
    """Return the head noun of ``role``, the word before its first preposition
    ("spokeswoman" for "spokeswoman for the hotels")."""
    head = ""
    for word in role.split():
        if word.lower() in _APPOSED_PREPOSITIONS:
            break
        head = word
    return head


def noun_gender(noun: str) -> str:
    """Return the gender a role noun says: "spokeswoman", "husband", not "freshman"."""
    low = bare(noun)
    if low in lexicon.FEMALE_ROLES:
        return "f"
    if low in lexicon.MALE_ROLES:
        return "m"
    if low in lexicon.TITLES or low in lexicon.PERSON_NOUNS:
        if low.endswith("woman"):
            return "f"
        if low.endswith("man"):
            return "m"
    return ""


def _ends_phrase(token: str) -> bool:
    """Return True when a comma or a sentence's end follows ``token``: "hotels,",
    "soil,''", "Ohio." (not "U.S." or "Sen.")."""
    token = token.rstrip("'’")
    return token.endswith((",", ";")) or _ends_sentence(token)


def _ends_sentence(token: str) -> bool:
    """Return True for a word that ends a sentence: "career.", "Ohio!" (not the
    abbreviations "U.S.", "Sen.", "Calif.")."""
    if token.endswith(("!", "?")):
        return True
    return (
        token.endswith(".")
        and len(token) > 2  # "B." is an initial
        and "." not in token[:-1]
        and bare(token) not in lexicon.ABBREVIATIONS
        and token.lower() not in lexicon.TITLES  # "Sens."
    )


def _role_phrase(tokens: list[str]) -> str:
    """Return ``tokens`` as a role when a role noun heads them ("a spokeswoman
    for the hotels" → "spokeswoman for the hotels"), else ""."""
    while tokens and tokens[0].lower() in _APPOSED_DETERMINERS:
        tokens = tokens[1:]
    head = 0
    while head < len(tokens) and tokens[head].lower() not in _APPOSED_PREPOSITIONS:
        head += 1
    if (
        not head
        or not is_role_noun(tokens[head - 1])
        or tokens[0] in lexicon.NOT_NAME_START
        or plural_role(tokens[head - 1])  # "Dana Cole and other leaders"
    ):
        return ""
    return " ".join(tokens)


# Verbs with a role noun's ending ("-er"), found before names.
_VERBS_LIKE_ROLES = lexicon.words(
    "remember consider offer deliver discover wonder gather suffer bother enter cover"
)
_DASHES = frozenset({"—", "–", "-", "--"})
# Lower-case words that never open a role before a name: verbs and adverbs that
# end the clause before it ("can deny insurgent Bernie Sanders", "left Sen. Cruz").
_ROLE_BREAK = lexicon.words(
    """
    although though through likewise also even just only not never so too very
    can could will would should may might must did does do left chosen deny offend
    assist help meet met beat face faces join thank praise blame accuse attack
    defeat endorse back support hire fire pick tap name elect nominate replace
    succeed challenge interview ask urge invite call visit include includes leave
    let see saw hear heard watch watched make made take took give gave get got
    force be been being out up down off almost threw brought sent led won lost hit
    ran put kept found thought felt held stood paid built bought caught taught fought
    sought drew grew knew spoke broke chose drove struck
    """
)
# Past participles that do describe a person ("retired Gen.", "embattled Gov.").
_ED_MODIFIERS = lexicon.words(
    """
    retired embattled elected appointed indicted disgraced acclaimed celebrated
    renowned noted famed beleaguered jailed ousted fired accused alleged convicted
    unnamed unidentified registered married divorced widowed respected talented
    esteemed decorated distinguished seasoned licensed certified qualified skilled
    trained armed wounded injured detained imprisoned exiled deposed unemployed
    self-described self-proclaimed so-called red-haired bearded bespectacled
    syndicated undecided presumed failed beloved revered unaffiliated committed
    dedicated tenured
    """
)
_LY_MODIFIERS = lexicon.words(
    "likely unlikely elderly early friendly lowly deadly burly portly worldly"
    " nightly weekly daily monthly yearly quarterly newly"
)
_ROLE_STOP = lexicon.words(
    """
    the a an by to for with from at in on and or but that which who whom said says
    is was are were has have had when while as than told according said, of
    after before against about into over during since like unlike among between
    behind toward towards upon within without including via
    he she they we i you it him them us a.m. p.m.
    """
)
