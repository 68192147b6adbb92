"""The people an article names in full, found lazily by surname or role."""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from . import lexicon
from .names import (
    CAP_TOKEN_RE,
    COURTESY_TITLES,
    FIRST_NAMES,
    MULTI_RUN_RE,
    POSSESSIVE_RE,
    WORD_IN_RUN_RE,
    apposed_head,
    bare,
    gender,
    looks_like_person,
    noun_gender,
    role_apposed,
    role_before,
    split_name,
)

# he, his, him, her, she. The word boundary before it is checked after its first
# letter (no word character two back), so that re skips ahead to the next H or S
# instead of trying a boundary at every position.
_PRONOUN_AFTER = re.compile(r"[HhSs](?<!\w.)(?:(?<=[Hh])(?:e|is|im|er)|(?<=[Ss])he)\b")
_FEMININE = frozenset({"she", "her"})
_CLAUSE_END = re.compile(r"[.;:!?“”\"]|,\s|\s(?:and|but|who|which|that)\s")
_AFTER_WORD = (",", ".", ";", ":", "”", '"', ")", "’", "'", "?", "!")
# A pronoun inside a quote is someone else's: in "Cole said that Baxter “hears
# them”" the "them" is no vote on Cole, so the vote stops at a quotation mark.
_VOTE_STOP = re.compile(r"[“”\"]|''|``")
# Nor does it reach into the next paragraph past its first word: in "… Garten
# said.\n\nSpokeswoman Dana Cole said …, though she", the "she" is Cole's.
_NEW_PARAGRAPH = re.compile(r"\n\s*\S+\s")
# A capitalised word, as ``_occurrences`` indexes it ("Reyes", "O'Neil", "Lopez-Cruz").
_INDEXED = re.compile(r"[A-ZÀ-ÖØ-Þ][^\W_]*(?:['’\-][^\W_]+)*")
_CAPITALISED = re.compile(r"(?<![^\W_])(?<!['’\-])" + _INDEXED.pattern)
_APOSTROPHE = re.compile(r"['’]")
_INDEX_FROM = 40_000  # characters
_ROLE_REACH = 200  # name runs looked at back from a "the spokesman"-style nominal


def _space_or_end(text: str, at: int) -> bool:
    return at == len(text) or text[at].isspace()


def _token_before(text: str, end: int) -> tuple[int, str]:
    """Return where the token ending at ``end`` starts, and the token: after the
    last space, newline or no-break space at most 40 characters back, else at 0."""
    floor = max(0, end - 40)
    left = text.rfind(" ", floor, end) + 1
    token = text[left:end]
    if "\n" in token or "\xa0" in token:  # rare: a line break or no-break space
        left = 1 + max(
            left - 1, text.rfind("\n", floor, end), text.rfind("\xa0", floor, end)
        )
        token = text[left:end]
    return left, token


@functools.lru_cache(maxsize=1 << 14)  # the same few words stand before surnames
def _in_name_run(word: str) -> bool:
    """Return True for a token that may stand before a surname in a full name."""
    if not word or word in lexicon.NOT_NAME_START:  # "But Lena Park"
        return False
    # A capitalised token starts with A-Z: test that before the regex.
    if "A" <= word[0] <= "Z" and CAP_TOKEN_RE.fullmatch(word):
        return True
    return word in lexicon.PARTICLES or word == "of"


def _index_words(text: str) -> dict[str, list[int]]:
    """Map each capitalised whole word to where it starts; "O'Neil's" also counts
    as "O'Neil" and "O" (an apostrophe may follow a word, a hyphen may not)."""
    index: dict[str, list[int]] = {}
    for match in _CAPITALISED.finditer(text):
        token, at = match.group(), match.start()
        end = match.end()
        if end < len(text) and text[end] == "-":
            continue  # "Lopez-" before a non-word: not a whole word
        index.setdefault(token, []).append(at)
        if "'" in token or "’" in token:
            for mark in _APOSTROPHE.finditer(token):
                index.setdefault(token[: mark.start()], []).append(at)
    return index


@dataclass(slots=True)
class Person:
    """A named person as the article first gives them in full."""

    name: str
    role: str
    gender: str
    start: int
    run_start: int = -1
    run_end: int = -1
    role_done: bool = False
    described: bool = False  # role words stand before the name, not only a title
    apposed: list[str] | None = None  # the roles appositions give, found lazily


_COURTESY = COURTESY_TITLES | {""}
_INTRODUCED_WITHIN = 3  # full mentions of a name searched for its role


class People:
    """The people an article names in full, found lazily by surname or by role."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._by_surname: dict[str, list[Person]] = {}
        self._votes: dict[str, tuple[int, int]] = {}
        self._best: dict[str, tuple[list[int], list[Person]]] = {}
        self._words: dict[str, list[int]] | None = None
        self._ordered: list[tuple[int, int]] = []  # multi-word runs found so far
        self._run_scan: Iterator[re.Match[str]] | None = None
        self._scanned_to = -1  # start of the last run found
        self._lower: frozenset[str] | None = None
        self._trimmed: dict[str, str] = {}
        self._described: dict[str, str] = {}  # full name → role (see describe)
        self._given: dict[str, tuple[list[int], list[str]]] = {}  # by_given_name

    def trim(self, name: str) -> str:
        """Drop a first word the article also writes in lower case, unless it is a
        first name: "Fascist Trump" and "Interestingly Blocher" are not names."""
        first, _, rest = name.partition(" ")
        if not rest or first.lower() in FIRST_NAMES or "." in first:
            return name
        known = self._trimmed.get(name)
        if known is not None:
            return known
        self._trimmed[name] = found = self._trim(first, name, rest)
        return found

    def _trim(self, first: str, name: str, rest: str) -> str:
        return rest if self.written_lower(first.lower()) else name

    def written_lower(self, low: str) -> bool:
        """Return True when ``low`` stands as a whitespace-separated word of the
        text, alone or with one mark after it ("fascist", "fascist,")."""
        text = self.text
        if len(text) > _INDEX_FROM:
            if self._lower is None:
                # Split once, in C: cheaper than a regex pass over a long article.
                self._lower = frozenset(text.split())
            lower = self._lower
            return low in lower or any(low + mark in lower for mark in _AFTER_WORD)
        # A short text is cheaper to search than to split into a set.
        at = text.find(low)
        while at >= 0:
            end = at + len(low)
            if (at == 0 or text[at - 1].isspace()) and (
                end == len(text)
                or text[end].isspace()
                or (text[end] in _AFTER_WORD and _space_or_end(text, end + 1))
            ):
                return True
            at = text.find(low, at + 1)
        return False

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

    def pronoun_after(self, end: int) -> str:
        """Return "m" or "f" for the first "he", "his", "she" or "her" in the
        clause after ``end`` ("Clinton on her victory"), "" when there is none."""
        stop = _CLAUSE_END.search(self.text, end, end + 60)
        pronoun = _PRONOUN_AFTER.search(
            self.text, end, stop.start() if stop else end + 60
        )
        if pronoun is None:
            return ""
        return "f" if pronoun.group().lower() in _FEMININE else "m"

    def _vote(self, surname: str) -> tuple[int, int]:
        """Count the first pronoun after each mention of ``surname`` (a gender vote)."""
        tally = [0, 0]
        text = self.text
        for count, at in enumerate(self._occurrences(surname)):
            if count >= 30:
                break
            end = at + len(surname)
            pronoun = _PRONOUN_AFTER.search(text, end, end + 120)
            if (
                pronoun
                and not _VOTE_STOP.search(text, end + 1, pronoun.start())
                and not _NEW_PARAGRAPH.search(text, end, pronoun.start())
            ):
                tally[pronoun.group().lower() in _FEMININE] += 1
        return tally[0], tally[1]

    def _runs(self, pos: int) -> list[tuple[int, int]]:
        """Return the multi-word capitalised runs, sorted: every run that starts
        before ``pos``, and perhaps some after it.

        The text is scanned once per article, and only as far as a look-up asks.
        """
        if self._run_scan is None:
            self._run_scan = MULTI_RUN_RE.finditer(self.text)
        # Runs do not overlap and come in order, and each run's prefixes grow:
        # the list is built sorted, with no duplicates to drop.
        spans = self._ordered
        while self._scanned_to < pos:
            match = next(self._run_scan, None)
            if match is None:
                self._scanned_to = len(self.text) + 1
                break
            # Every prefix counts: "Paul Grant" also heads "Paul Grant Hall".
            start = self._scanned_to = match.start()
            for word in WORD_IN_RUN_RE.finditer(match.group()):
                if word.start():
                    spans.append((start, start + word.end()))
        return spans

    def _occurrences(self, word: str) -> Iterator[int]:
        """Yield where ``word`` stands as a whole word (a possessive may follow).

        In a long text, capitalised words come from an index built in one pass on
        first use, so looking up many surnames never rescans it once per surname.
        A short text is cheaper to scan than to index.
        """
        if len(self.text) > _INDEX_FROM and _INDEXED.fullmatch(word):
            if self._words is None:
                self._words = _index_words(self.text)
            yield from self._words.get(word, ())
            return
        text, at = self.text, -1
        size, length = len(word), len(text)
        while True:
            at = text.find(word, at + 1)
            if at < 0:
                return
            end = at + size
            if (at and (text[at - 1].isalnum() or text[at - 1] in "’'-")) or (
                end < length and (text[end].isalnum() or text[end] == "-")
            ):
                continue
            yield at

    def _runs_ending(self, surname: str) -> list[tuple[int, int]]:
        """Return the capitalised runs of two words or more that end in ``surname``.

        Found from each occurrence of the word, stepping left over capitalised
        tokens, so only the words someone asks about are ever looked at.
        """
        found: list[tuple[int, int]] = []
        text = self.text
        word = POSSESSIVE_RE.sub("", surname)
        if not word:
            return found
        for at in self._occurrences(word):
            start = at
            while start > 1 and text[start - 1] in " \xa0":
                # The token before the space, as _token_before reads it; inline
                # for the common case, since this runs for every occurrence of
                # every surname looked up.
                end = start - 1
                floor = end - 40 if end > 40 else 0
                left = text.rfind(" ", floor, end) + 1
                token = text[left:end]
                if "\n" in token or "\xa0" in token:  # rare: a line break or nbsp
                    left, token = _token_before(text, end)
                stripped = token.lstrip("“\"‘'([")
                if not _in_name_run(stripped):
                    break
                start = left + len(token) - len(stripped)
                if len(stripped) != len(token):
                    break  # an opening mark or bracket starts the run
            if start < at:
                while text.startswith(("of ", "of\xa0"), start):
                    start += 3
                if start < at:
                    found.append((start, at + len(word)))
        return found

    def full_mentions(self, surname: str) -> list[Person]:
        """Return every multi-word mention ending in ``surname``, in order."""
        key = bare(surname)
        if key not in self._by_surname:
            found = []
            for start, end in self._runs_ending(surname):
                run = self.text[start:end]
                title, name = split_name(run)
                name = self.trim(name)
                if " " not in name or not looks_like_person(name):
                    continue
                name_start = start + run.rindex(name) if name in run else start
                found.append(
                    Person(name, title, gender(name, title), name_start, start, end)
                )
            self._by_surname[key] = found
        return self._by_surname[key]

    def expand(
        self, name: str, pos: int, sex: str = "", later: bool = False
    ) -> Person | None:
        """Return the earlier full name for ``name``'s surname, most repeated first.

        With ``later``, a surname named in full only after ``pos`` expands too, when
        the article gives one full name for it.
        """
        tokens = name.split()
        if not tokens:
            return None
        if len(tokens) == 1:
            return self._expand_surname(tokens[0], pos, sex, later)
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
        if best is not None:
            self._titled(best)
        return best

    def by_given_name(self, given: str, pos: int) -> Person | None:
        """Return the one person named in full before ``pos`` whose given name is
        ``given`` ("Megyn" after "Megyn Kelly"), else None (none, or several)."""
        table = self._given.get(given)
        if table is None:
            table = self._given[given] = self._full_by_given(given)
        starts, answers = table
        index = bisect.bisect_left(starts, pos) - 1
        name = answers[index] if index >= 0 else ""
        return self.expand(name, pos) if name else None

    def _full_by_given(self, given: str) -> tuple[list[int], list[str]]:
        """Return where each full name that starts with ``given`` stands, and the
        answer from there on: that name while it is the only one, else ""."""
        starts: list[int] = []
        answers: list[str] = []
        seen: set[str] = set()
        for at in self._occurrences(given):
            run = MULTI_RUN_RE.match(self.text, at)
            if run is None:
                continue
            _, name = split_name(run.group())
            words = name.split()
            if len(words) > 1 and words[0] == given and looks_like_person(name):
                seen.add(name)
                starts.append(at)
                answers.append(name if len(seen) == 1 else "")
        return starts, answers

    def _expand_surname(
        self, surname: str, pos: int, sex: str, later: bool
    ) -> Person | None:
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
            # Named in full only later ("Reyes said …" before "Tom Reyes, a
            # lawyer, …"): the full name counts when it is the only one.
            if (
                not later
                or not answers
                or any(p.name != answers[0].name for p in answers)
            ):
                return None
            index = 0
        best = answers[index]
        self._titled(best)
        return best

    def _titled(self, person: Person) -> None:
        """Add the role words before the name to ``person.role`` (its title)."""
        if not person.role_done:
            before = role_before(self.text, person.run_start)
            person.role = f"{before} {person.role}".strip() if person.role else before
            person.described = bool(before)
            person.role_done = True

    def _apposed(self, person: Person) -> list[str]:
        if person.apposed is None:
            person.apposed = role_apposed(self.text, person.run_start, person.run_end)
        return person.apposed

    def apposed_gender(self, person: Person) -> str:
        """Return the gender an apposition's head noun tells ("her husband, Milton
        Cole", "Dana Cole, a spokeswoman"), never a name inside it ("aide to Mrs.
        Baxter") or a word's ending ("freshman")."""
        for role in self._apposed(person):
            found = noun_gender(apposed_head(role))
            if found:
                return found
        return ""

    def describe(self, name: str) -> str:
        """Return the role the article gives ``name`` where it introduces them: the
        words before the name and the appositions around it ("Dana Cole, a
        spokeswoman for the hotels," → "spokeswoman for the hotels"); "" if none.

        Asked only for the speakers of the quotes returned, so that the many names
        looked at while resolving never pay for it.
        """
        known = self._described.get(name)
        if known is not None:
            return known
        role = ""
        tried = 0
        for person in self.full_mentions(name.split()[-1]):
            if person.name != name:
                continue
            tried += 1
            if tried > _INTRODUCED_WITHIN:
                break
            self._titled(person)
            apposed = self._apposed(person)
            if person.described or apposed:
                role = person.role
                if apposed:
                    # A courtesy title says nothing once a role is given.
                    parts = apposed if bare(role) in _COURTESY else [role, *apposed]
                    role = ", ".join(parts)
                break
        self._described[name] = role
        return role

    def with_role(self, role: str, pos: int) -> Person | None:
        """Return the nearest person named with ``role`` before ``pos``."""
        nearest: tuple[int, str] | None = None
        runs = self._runs(pos)
        # Walk back from ``pos``: the first run given that role is the nearest. The
        # walk is bounded, so many "the spokesman said" stay linear.
        index = bisect.bisect_left(runs, (pos, -1))
        for start, end in reversed(runs[max(0, index - _ROLE_REACH) : index]):
            run = self.text[start:end]
            if role in role_before(self.text, start).lower() or (
                # The title is words of the run, and the role one word: most runs need
                # not be split.
                role in run.lower() and role in split_name(run)[0].lower()
            ):
                nearest = (start, run)
                break
            after = self.text[end : end + 80].split(",")
            if (
                len(after) > 2
                and not after[0].strip()
                and role in after[1].lower()
                and after[1].lstrip()[:1] not in ("”", '"', "’", "'")  # a quote ends
            ):
                nearest = (start, run)
                break
        if nearest is None:
            return None
        _, name = split_name(nearest[1])
        if " " not in name or not looks_like_person(name):
            return None
        return self.expand(name, pos)


def find_people(text: str, end: int = -1) -> People:
    """Return the lazy registry of the people ``text`` names."""
    return People(text)
