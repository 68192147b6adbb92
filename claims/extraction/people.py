"""The people an article names in full, found lazily by surname or role."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from . import lexicon
from .names import (
    CAP_TOKEN_RE,
    MULTI_RUN_RE,
    POSSESSIVE_RE,
    WORD_IN_RUN_RE,
    bare,
    gender,
    looks_like_person,
    role_before,
    split_name,
)

_PRONOUN_AFTER = re.compile(r"\b(?:[Hh]e|[Hh]is|[Hh]im|[Ss]he|[Hh]er)\b")
_FEMININE = frozenset({"she", "her"})


@dataclass(slots=True)
class Person:
    """A named person as the article first gives them in full."""

    name: str
    role: str
    gender: str
    start: int
    run_start: int = -1
    role_done: bool = False


class People:
    """The people an article names in full, found lazily by surname or by role."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._by_surname: dict[str, list[Person]] = {}
        self._votes: dict[str, tuple[int, int]] = {}
        self._index: dict[str, list[tuple[int, int]]] | None = None
        self._best: dict[str, tuple[list[int], list[Person]]] = {}

    def gender_of(self, name: str, known: str = "") -> str:
        """Return the gender a title or first name gives, else the pronouns' vote."""
        if known or not name:
            return known
        surname = POSSESSIVE_RE.sub("", name.split()[-1])
        key = surname.lower()
        if key not in self._votes:
            self._votes[key] = self._vote(surname)
        he, she = self._votes[key]
        if he > 2 * she:
            return "m"
        if she > 2 * he:
            return "f"
        return ""

    def _vote(self, surname: str) -> tuple[int, int]:
        """Count the first pronoun after each mention of ``surname`` (a gender vote)."""
        tally = [0, 0]
        text, at, count = self.text, -1, 0
        while count < 30:
            at = text.find(surname, at + 1)
            if at < 0:
                break
            end = at + len(surname)
            if (at and text[at - 1].isalnum()) or (
                end < len(text) and text[end].isalnum()
            ):
                continue
            count += 1
            pronoun = _PRONOUN_AFTER.search(text, end, end + 120)
            if pronoun:
                tally[pronoun.group().lower() in _FEMININE] += 1
        return tally[0], tally[1]

    def _runs(self) -> dict[str, list[tuple[int, int]]]:
        """Index every multi-word capitalised run by its last word, once per article."""
        if self._index is None:
            self._index = {}
            for match in MULTI_RUN_RE.finditer(self.text):
                # Every prefix counts: "Paul Grant" also heads "Paul Grant Hall".
                start = match.start()
                for word in WORD_IN_RUN_RE.finditer(match.group()):
                    if word.start():
                        end = start + word.end()
                        self._index.setdefault(bare(word.group()), []).append(
                            (start, end)
                        )
        return self._index

    def _runs_ending(self, surname: str) -> list[tuple[int, int]]:
        """Return the capitalised runs of two words or more that end in ``surname``.

        Found from each occurrence of the word, stepping left over capitalised
        tokens, so only the words someone asks about are ever looked at.
        """
        found: list[tuple[int, int]] = []
        text, at = self.text, -1
        word = POSSESSIVE_RE.sub("", surname)
        if not word:
            return found
        while True:
            at = text.find(word, at + 1)
            if at < 0:
                return found
            end = at + len(word)
            if (at and (text[at - 1].isalnum() or text[at - 1] in "’'-")) or (
                end < len(text) and (text[end].isalnum() or text[end] == "-")
            ):
                continue
            start = at
            while start > 1 and text[start - 1] in " \xa0":
                floor = max(0, start - 40)
                left = 1 + max(
                    text.rfind(" ", floor, start - 1),
                    text.rfind("\n", floor, start - 1),
                    text.rfind("\xa0", floor, start - 1),
                )
                token = text[left : start - 1]
                stripped = token.lstrip("“\"‘'([")
                left += len(token) - len(stripped)
                if (
                    not stripped
                    or stripped in lexicon.NOT_NAME_START  # "But Lena Park"
                    or not (
                        CAP_TOKEN_RE.fullmatch(stripped)
                        or stripped in lexicon.PARTICLES
                        or stripped == "of"
                    )
                ):
                    break
                start = left
                if len(stripped) != len(token):
                    break  # an opening mark or bracket starts the run
            while text.startswith(("of ", "of\xa0"), start):
                start += 3
            if start < at:
                found.append((start, end))

    def full_mentions(self, surname: str) -> list[Person]:
        """Return every multi-word mention ending in ``surname``, in order."""
        key = bare(surname)
        if key not in self._by_surname:
            found = []
            for start, end in self._runs_ending(surname):
                run = self.text[start:end]
                title, name = split_name(run)
                if " " not in name or not looks_like_person(name):
                    continue
                name_start = start + run.rindex(name) if name in run else start
                found.append(
                    Person(name, title, gender(name, title), name_start, start)
                )
            self._by_surname[key] = found
        return self._by_surname[key]

    def expand(self, name: str, pos: int, sex: str = "") -> Person | None:
        """Return the earlier full name for ``name``'s surname, most repeated first."""
        tokens = name.split()
        if not tokens:
            return None
        if len(tokens) == 1:
            return self._expand_surname(tokens[0], pos, sex)
        best = None
        earlier = []
        for person in self.full_mentions(POSSESSIVE_RE.sub("", tokens[-1])):
            if person.start > pos:
                break
            if len(tokens) > 1 and bare(tokens[0]) != bare(person.name.split()[0]):
                continue
            earlier.append(person)
            best = person
        if earlier:
            # The name given in full most often wins ("Paul J. Grant" over a
            # daughter named once just before); ties go to the closest mention.
            counts: dict[str, int] = {}
            for person in earlier:
                counts[person.name] = counts.get(person.name, 0) + 1
            top = max(counts.values())
            best = next(p for p in reversed(earlier) if counts[p.name] == top)
        if best is not None and not best.role_done:
            before = role_before(self.text, best.run_start)
            best.role = f"{before} {best.role}".strip() if best.role else before
            best.role_done = True
        return best

    def _expand_surname(self, surname: str, pos: int, sex: str = "") -> Person | None:
        """``expand`` for a lone surname, from a table built once per surname."""
        key = bare(surname) + "/" + sex  # "Mr. Grant" never expands to Emma Grant
        table = self._best.get(key)
        if table is None:
            # After each full mention, the answer so far: most repeated, then closest.
            starts: list[int] = []
            answers: list[Person] = []
            counts: dict[str, int] = {}
            top = 0
            for person in self.full_mentions(POSSESSIVE_RE.sub("", surname)):
                if sex and person.gender and person.gender != sex:
                    continue
                counts[person.name] = counts.get(person.name, 0) + 1
                if counts[person.name] >= top:
                    top, best = counts[person.name], person
                starts.append(person.start)
                answers.append(best)
            table = self._best[key] = (starts, answers)
        starts, answers = table
        index = bisect.bisect_right(starts, pos) - 1
        if index < 0:
            return None
        best = answers[index]
        if not best.role_done:
            before = role_before(self.text, best.run_start)
            best.role = f"{before} {best.role}".strip() if best.role else before
            best.role_done = True
        return best

    def with_role(self, role: str, pos: int) -> Person | None:
        """Return the nearest person named with ``role`` before ``pos``."""
        nearest: tuple[int, str] | None = None
        for spans in self._runs().values():
            for start, end in spans:
                if start >= pos or (nearest and start <= nearest[0]):
                    continue
                after = self.text[end : end + 80].split(",")
                run = self.text[start:end]
                titled = role in role_before(self.text, start).lower() or (
                    role in split_name(run)[0].lower()
                )
                if titled or (
                    len(after) > 2 and not after[0].strip() and role in after[1].lower()
                ):
                    nearest = (start, self.text[start:end])
        if nearest is None:
            return None
        _, name = split_name(nearest[1])
        if " " not in name or not looks_like_person(name):
            return None
        return self.expand(name, pos)


def find_people(text: str, end: int = -1) -> People:
    """Return the lazy registry of the people ``text`` names."""
    return People(text)
