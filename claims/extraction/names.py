"""Recognise person names, split titles off them and expand surnames to full names."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from . import lexicon

_CAP = (
    r"(?:(?:[A-Z]\.){1,3}|(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Adm|Sgt|Capt|Maj|Rev|Jr|Sr"
    r"|St|Prof|Cmdr|Hon|Pres)\.|(?:Mc|Mac|O’|O'|D’|D')?[A-Z][\w’'\-]*)"
)
_LINK = r"(?:\s+(?:(?:de|del|van|von|da|di|la|le|bin|al|el|ibn|du|of)\s+)?)"
# A run of capitalised words: "Sen. Ted Cruz", "Donald J. Trump", "Martin O’Malley".
NAME_RUN_RE = re.compile(_CAP + r"(?:" + _LINK + _CAP + r")*")
_POSSESSIVE = re.compile(r"(?:’s|'s|’|')$")
_PARTY = frozenset({"democrat", "republican", "democratic", "gop", "independent", "libertarian"})
_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})
_ROLE_SUFFIX = re.compile(
    r"(?:ist|ists|er|ers|or|ors|man|men|woman|women|person|ant|ent|ary|ian|ee)$"
)


def bare(token: str) -> str:
    """Return ``token`` lowercased without possessive or trailing dots."""
    return _POSSESSIVE.sub("", token).rstrip(".,").lower()


def is_title(token: str) -> bool:
    return token.lower() in lexicon.TITLES or bare(token) in lexicon.TITLES


def is_role_noun(token: str) -> bool:
    low = bare(token)
    return (
        low in lexicon.TITLES
        or low in lexicon.PERSON_NOUNS
        or bool(_ROLE_SUFFIX.search(low) and token.islower())
    )


def is_org_word(token: str) -> bool:
    return bare(token) in lexicon.ORG_WORDS


def split_name(run: str) -> tuple[str, str]:
    """Split a capitalised run into (title, name): "Sen. Ted Cruz" → ("Sen.", "Ted Cruz")."""
    tokens = run.split()
    cut = 0
    for index, token in enumerate(tokens[:-1]):
        if token.endswith(("’s", "'s", "s’", "s'")):
            cut = index + 1  # "The Washington Post's Ed O'Keefe"
            continue
        if is_title(token) or token == "of" or bare(token) in _PARTY or (
            index < cut + 1 and token == "State"
        ):
            cut = index + 1
        elif cut and tokens[cut - 1] == "of":
            cut = index + 1
    name_tokens = tokens[cut:]
    while name_tokens and bare(name_tokens[-1]) in _SUFFIXES and len(name_tokens) > 2:
        name_tokens.pop()
    if name_tokens:
        name_tokens[-1] = _POSSESSIVE.sub("", name_tokens[-1])
    return " ".join(tokens[:cut]), " ".join(name_tokens)


def looks_like_person(name: str) -> bool:
    tokens = name.split()
    if not tokens or tokens[0] in lexicon.NOT_NAME_START:
        return False
    if any(is_org_word(t) for t in tokens):
        return False
    return all(t[:1].isupper() or t in lexicon.PARTICLES for t in tokens)


def gender(name: str, title: str = "") -> str:
    """Return "m", "f" or "" for a name, from its title or first name."""
    low_title = title.lower()
    if any(t in low_title for t in ("mrs", "ms.", "miss", "woman", "madam")):
        return "f"
    if "mr." in low_title or "mr " in low_title or low_title.endswith("man"):
        return "m"
    first = name.split()[0].lower() if name else ""
    if first in lexicon.FEMALE_NAMES:
        return "f"
    if first in lexicon.MALE_NAMES:
        return "m"
    return ""


@dataclass(slots=True)
class Person:
    """A named person as the article first gives them in full."""

    name: str
    role: str
    gender: str
    start: int


@dataclass
class People:
    """Every multi-word person name in an article, in order, for surname lookup."""

    starts: list[int] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    by_surname: dict[str, list[int]] = field(default_factory=dict)
    votes: dict[str, list[int]] = field(default_factory=dict)

    def gender_of(self, name: str, known: str = "") -> str:
        """Return the gender a name's title or first name gives, else the pronouns' vote."""
        if known:
            return known
        he, she = self.votes.get(bare(name.split()[-1]), (0, 0)) if name else (0, 0)
        if he > 2 * she:
            return "m"
        if she > 2 * he:
            return "f"
        return ""

    def add(self, person: Person) -> None:
        self.starts.append(person.start)
        self.people.append(person)
        key = bare(person.name.split()[-1])
        self.by_surname.setdefault(key, []).append(len(self.people) - 1)

    def expand(self, name: str, pos: int) -> Person | None:
        """Return the closest earlier full mention sharing ``name``'s surname."""
        tokens = name.split()
        if not tokens:
            return None
        indices = self.by_surname.get(bare(tokens[-1]), [])
        best = None
        for index in indices:
            person = self.people[index]
            if person.start > pos:
                break
            if len(tokens) > 1 and bare(tokens[0]) != bare(person.name.split()[0]):
                continue
            best = person
        return best

    def before(self, pos: int) -> list[Person]:
        """Return the people mentioned before ``pos``, nearest first."""
        index = bisect.bisect_left(self.starts, pos)
        return self.people[:index][::-1]


def role_before(text: str, start: int) -> str:
    """Return the role words written just before a name ("spokesperson Matthew Miller")."""
    window = text[max(0, start - 120) : start]
    tokens = window.split()
    if not tokens or not (is_role_noun(tokens[-1]) or is_title(tokens[-1])):
        return ""
    kept: list[str] = []
    for token in reversed(tokens):
        low = token.lower()
        if token.endswith((",", ";", ":", "\ue000", "”", '"')) and kept:
            break
        if low in _ROLE_STOP or token.endswith((".", "!", "?")) and kept and (
            bare(token) not in lexicon.ABBREVIATIONS and len(bare(token)) > 2
        ):
            break
        kept.append(token)
        if len(kept) >= 8:
            break
    role = " ".join(reversed(kept)).strip(" ,")
    return role[:1].upper() + role[1:] if role else ""


_ROLE_STOP = frozenset(
    """the a an by to for with from at in on and or but that which who whom said says
    is was are were has have had when while as than told according said, of""".split()
)


_PRONOUN_AFTER = re.compile(r"\b(?:[Hh]e|[Hh]is|[Hh]im|[Ss]he|[Hh]er)\b")
_FEMININE = frozenset({"she", "her"})


def find_people(text: str, end: int) -> People:
    """Collect multi-word person names in ``text[:end]``."""
    people = People()
    for match in NAME_RUN_RE.finditer(text, 0, end):  # names inside quotes count too
        run = match.group()
        key = bare(run.split()[-1])
        if key in people.by_surname or " " in run:
            # The first pronoun after a name is a cheap vote on its gender.
            pronoun = _PRONOUN_AFTER.search(text, match.end(), match.end() + 120)
            if pronoun:
                tally = people.votes.setdefault(key, [0, 0])
                tally[pronoun.group().lower() in _FEMININE] += 1
        if " " not in run:
            continue
        title, name = split_name(run)
        if " " not in name or not looks_like_person(name):
            continue
        name_start = match.start() + run.index(name) if name in run else match.start()
        role = title or role_before(text, match.start())
        if title and not role_before(text, match.start()) == "":
            role = role_before(text, match.start()) + " " + title
        people.add(Person(name, role, gender(name, title), name_start))
    return people
