"""Turn a speaker phrase into a name: expand surnames, resolve pronouns and nominals."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from . import lexicon
from .names import (
    NAME_RUN_RE,
    bare,
    gender,
    is_role_noun,
    looks_like_person,
    split_name,
)
from .people import People
from .phrases import Mention
from .sentences import Sentences
from .subjects import subject_before

_LOOKBACK_SENTENCES = 6
_REACH = 500  # characters of one sentence searched for an antecedent


@dataclass(slots=True)
class Speaker:
    """A resolved speaker: the name to show and the role the article gives."""

    name: str | None
    role: str
    gender: str | None  # None: not looked up yet (see Resolver.sex)
    person: bool


class Resolver:
    """Resolve mentions against the people named earlier in one article."""

    def __init__(self, masked: str, sentences: Sentences, people: People) -> None:
        self.masked = masked
        self.sentences = sentences
        self.people = people

    def name(self, text: str, pos: int) -> Speaker:
        title, name = split_name(text)
        known = gender("", title)
        person = self.people.expand(name, pos, known)
        if person is not None:
            return Speaker(
                person.name, person.role or title, known or person.gender or None, True
            )
        return Speaker(name, title, gender(name, title) or None, True)

    def sex(self, speaker: Speaker) -> str:
        """Return the speaker's gender, voting on pronouns only when first asked."""
        if speaker.gender is None:
            speaker.gender = self.people.gender_of(speaker.name or "")
        return speaker.gender

    def resolve(self, mention: Mention, last: Speaker | None) -> Speaker:
        if mention.kind == "name":
            # Keep the title ("Mr. Grant") so that its gender guides the expansion.
            phrase = self.masked[max(mention.np_start, mention.start - 6) : mention.end]
            titled = phrase if gender("", split_name(phrase)[0]) else mention.text
            return self.name(titled, mention.start)
        if mention.kind == "org":
            words = mention.text.split()
            if words and words[0].lower() == "the":
                words = words[1:]
            return Speaker(" ".join(words), "", "", False)
        if mention.kind == "pronoun":
            low = mention.text.lower()
            if low in lexicon.PERSON_PRONOUNS and low not in ("i", "we"):
                found = self.antecedent(
                    mention.start, lexicon.PERSON_PRONOUNS[low], last
                )
                return found or Speaker(None, "", "", True)
            if low in ("they", "it") and last is not None and not last.person:
                return last
            return Speaker(None, "", "", False)
        words = mention.text.split()
        linked = [
            n for n, word in enumerate(words) if word in ("of", "for", "at") and n
        ]
        head = bare(
            words[linked[0] - 1] if linked else words[-1]
        )  # "the secretary of state"
        first = words[0].lower()
        if head in lexicon.PERSON_NOUNS and first in ("the", "this"):
            found = self.antecedent(mention.start, "", last, role=head)
            if found is not None:
                return found
        return Speaker(mention.text, "", "", False)

    def _windows(self, pos: int) -> Iterator[tuple[int, int]]:
        """Yield the text before ``pos`` in its sentence, then earlier sentences."""
        start = self.sentences.bounds(pos)[0]
        yield max(start, pos - _REACH), pos
        for _ in range(_LOOKBACK_SENTENCES):
            previous = self.sentences.previous(start)
            if previous is None:
                return
            # Only a sentence's opening can hold its subject; long ones are cut.
            yield previous[0], min(previous[1], previous[0] + _REACH)
            start = previous[0]

    def _cue_subjects(self, lo: int, hi: int) -> set[int]:
        """Return where the named subjects of the cues in ``[lo, hi)`` end."""
        found = set()
        for cue in self.sentences.cues_in(lo, hi)[:4]:
            mention = subject_before(self.masked, lo, cue.start())
            if mention is not None and mention.kind == "name":
                found.add(mention.end)
        return found

    def _pronoun_speaks(self, lo: int, hi: int, want: str) -> bool:
        """Return True when the window has "he said"-style speech before any name."""
        found = _SPEAKING_PRONOUN[want].search(self.masked, lo, hi)
        if found is None:
            return False
        name = NAME_RUN_RE.search(self.masked, lo, found.start())
        return name is None or not looks_like_person(split_name(name.group())[1])

    def antecedent(
        self, pos: int, want: str, last: Speaker | None, role: str = ""
    ) -> Speaker | None:
        """Return the nearest named person before ``pos`` compatible with ``want``."""
        if role:
            person = self.people.with_role(role, pos)
            if person is not None:
                return Speaker(person.name, person.role, person.gender, True)
        for first, (lo, hi) in enumerate(self._windows(pos)):
            opening = self.masked[lo : min(hi, lo + 24)].lower().split()[:2]
            if opening and opening[0] in _CONJUNCTIONS:
                opening = opening[1:]
            if want and opening and opening[0] in _PRONOUN_OF[want] and first:
                continue  # "He nodded…": that sentence's subject is our pronoun too
            if want and first and self._pronoun_speaks(lo, hi, want):
                continue  # "That's why, he argued, …": the same pronoun spoke there
            candidates: list[tuple[Speaker, bool]] = []
            starts: list[int] = []
            for match in NAME_RUN_RE.finditer(self.masked, lo, hi):
                run = match.group()
                _, name = split_name(run)
                if (
                    not name
                    or not looks_like_person(name)
                    or _modifier(self.masked, match.end())
                ):
                    continue
                if (
                    " " not in name
                    and self.people.expand(name, match.start()) is None
                    and (
                        last is None
                        or not last.name
                        or bare(last.name.split()[-1]) != bare(name)
                    )
                ):
                    continue  # a lone capitalised word nobody has named in full
                speaker = self.name(run, match.start())
                if want and self.sex(speaker) not in ("", want):
                    continue
                speaks = bool(lexicon.CUE_RE.match(self.masked, match.end() + 1))
                candidates.append((speaker, speaks))
                starts.append(match.end())
            if len(candidates) > 1:
                # "Lena Park, an aide, warned Monday that Tom Reyes …": the person
                # a cue reports on, even with words between them, is the speaker.
                subjects = self._cue_subjects(lo, hi)
                candidates = [
                    (speaker, speaks or at in subjects)
                    for (speaker, speaks), at in zip(candidates, starts, strict=True)
                ]
            if candidates:
                talking = [speaker for speaker, speaks in candidates if speaks]
                if last is not None and last.name and last.person:
                    for speaker in talking or [c[0] for c in candidates]:
                        if speaker.name == last.name:
                            return last
                if talking:
                    return talking[0]
                return candidates[0][0]
        if (
            last is not None
            and last.person
            and last.name
            and (not want or self.sex(last) in ("", want))
        ):
            return last
        return None


# "he said", "she quickly added". The word boundary before the pronoun is checked
# after its first letter (no word character two back), so that the pattern starts
# with a plain letter and re skips ahead to the next H or S instead of trying a
# boundary at every position.
_SPEAKING_PRONOUN = {
    sex: re.compile(word + r"\s+(?:\w+ly\s+)?" + lexicon.CUE_RE.pattern)
    for sex, word in (("m", r"[Hh](?<!\w.)e"), ("f", r"[Ss](?<!\w.)he"))
}
_CONJUNCTIONS = frozenset(["but", "and", "so", "then", "yet"])
_PRONOUN_OF = {
    "m": frozenset({"he", "he’s", "he's"}),
    "f": frozenset({"she", "she’s", "she's"}),
}
_MODIFIED = lexicon.words(
    """
    administration campaign campaigns supporters voters aides officials camp team
    allies era policy policies presidency doctrine rally rallies foundation
    university fans backers
    """
)


def _modifier(text: str, end: int) -> bool:
    """Return True when the name modifies a noun ("the Baxter administration")."""
    rest = text[end : end + 30]
    if rest.startswith(("’s", "'s", "’", "'")):
        return True
    words = rest.split(None, 2)
    if not words:
        return False
    word = words[0].strip(".,")
    # "the Baxter campaign"; "Baxter aide Tom Reyes", "Baxter campaign manager".
    return word.lower() in _MODIFIED or (
        word.islower()
        and len(words) > 1
        and is_role_noun(word)
        and words[1][:1].isupper()
    )


def _surname_like(token: str) -> bool:
    return (
        token[:1].isupper() and token.lower() not in lexicon.TITLES and len(token) > 2
    )
