"""Turn a speaker phrase into a name: expand surnames, resolve pronouns and nominals."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from . import lexicon
from .forward import sentence_subject
from .names import (
    FIRST_NAMES,
    NAME_RUN_RE,
    apposed_head,
    bare,
    gender,
    given_name,
    is_role_noun,
    is_title,
    looks_like_person,
    noun_gender,
    split_name,
)
from .people import People
from .phrases import Mention
from .sentences import MASK, Sentences
from .subjects import subject_before

# A second name joined by "and" before or after a speaker's name.
_NAME_WORDS = r"(?:[A-Z][\w.’'\-]*\s+){0,3}[A-Z][\w’'\-]*"
_AND_BEFORE = re.compile(r"(" + _NAME_WORDS + r")\s+and\s+$")
_AND_AFTER = re.compile(r"\s+and\s+(" + _NAME_WORDS + r")\b")
_NOT_SUBJECT_BEFORE = lexicon.words(
    "between with of for to by from against and about on at in"
)
_PREPOSITION_BEFORE = re.compile(r"\b(?:for|to|with|against|about|on|of|by)\s+$")
_SUBORDINATE_BEFORE = re.compile(r"\b(?:when|after|before|while|until|because)\s+$")
# "McLenney said": a lone surname the article never gives in full still speaks.
_SAYS = re.compile(r" (?:said|says|told|tells|wrote|writes|added|adds)\b")
_PLACE_BEFORE = re.compile(r"\b(?:in|at|near|outside|inside|across)\s+(?:the\s+)?$")
_COURTESY = frozenset({"Mr.", "Mrs.", "Ms.", "Dr."})
# "Trump's wife, " before a given name: the family's surname is the owner's.
_KIN_BEFORE = re.compile(
    r"\b([A-Z][\w\-]+)(?:’s|'s|’|')\s+(wife|husband|son|daughter|father|mother"
    r"|brother|sister|grandson|granddaughter|grandfather|grandmother),\s+$"
)
# Title words that say nothing alone before a name ("the celebrity press ReganBooks").
_MODIFIERS_ONLY = frozenset({"former", "press", "senior", "junior", "then"})
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

    def __init__(
        self, masked: str, sentences: Sentences, people: People, writer: str = ""
    ) -> None:
        self.masked = masked
        self.sentences = sentences
        self.people = people
        # "“…,” I said" in a piece by one named writer: the writer speaks.
        self.writer = Speaker(writer, "", "", True) if writer else None

    def name(self, text: str, pos: int) -> Speaker:
        title, name = split_name(text)
        name = self.people.trim(name)
        known = gender("", title)
        person = self.people.expand(name, pos, known, later=True)
        if person is None and " " not in name and given_name(name):
            person = self.people.by_given_name(name, pos)  # "Megyn", Megyn Kelly
        if person is not None:
            role = person.role or title
            sex = (
                known
                or person.gender
                or gender("", role)
                or self.people.apposed_gender(person)
                or None
            )
            return Speaker(person.name, role, sex, True)
        kin = (
            _KIN_BEFORE.search(self.masked, max(0, pos - 60), pos)
            if " " not in name and given_name(name)
            else None
        )
        if kin is not None:
            # "Trump's wife, Melania," is Melania Trump, "his wife" as her role.
            return Speaker(
                f"{name} {kin.group(1)}",
                kin.group().rstrip(", "),  # the role as written
                noun_gender(kin.group(2)) or gender(name) or None,
                True,
            )
        return Speaker(name, title, gender(name, title) or None, True)

    def _common_word(self, mention: Mention) -> bool:
        """Return True for a capitalised word that only opens its sentence: "Good"
        in "Good information can still drive out bad", when the article also
        writes "good" in lower case and no speech verb follows."""
        word = mention.text
        if " " in word or not word[1:].islower() or word.endswith("s"):
            return False  # "Protesters marching …" are who speaks
        after = self.masked[mention.end : mention.end + 30].split(None, 1)
        if (
            not after
            or not after[0][:1].islower()
            or after[0] in _AUXILIARIES  # "State has told lawmakers"
            or lexicon.CUE_RE.match(after[0])
        ):
            return False
        start = self.sentences.bounds(mention.start)[0]
        if self.masked[start : mention.start].strip(" \t\n\xa0“\"‘'("):
            return False  # not the sentence's first word
        return self.people.written_lower(word.lower())

    def _given_apposed(self, name: str, start: int) -> bool:
        """Return True for a lone given name set off by commas or after "named":
        "Her husband, Jim, shook his head", "a resident named Caroline"."""
        before = self.masked[max(0, start - 6) : start]
        end = start + len(name)
        return (
            (
                before.endswith("named ")
                or (before.endswith(", ") and self.masked.startswith(",", end))
            )
            and not name.isupper()
            and given_name(name)
        )

    def sex(self, speaker: Speaker) -> str:
        """Return the speaker's gender, voting on pronouns only when first asked."""
        if speaker.gender is None:
            speaker.gender = self.people.gender_of(speaker.name or "")
        return speaker.gender

    def pair(self, mention: Mention) -> Mention | None:
        """Return "A and B" when ``mention`` names one of two people joined by
        "and" ("Carl Woods and Dana Cole wrote"), as one mention of kind "pair"."""
        if mention.kind != "name":
            return None
        lo = mention.np_start if mention.np_start >= 0 else mention.start
        window = self.masked[max(0, lo - 60) : lo]
        # The pattern ends in r"\s+and\s+$": most windows fail that test at once.
        ends_in_and = window[-1:].isspace() and window.rstrip().endswith("and")
        before = _AND_BEFORE.search(window) if ends_in_and else None
        after = _AND_AFTER.match(self.masked, mention.end)
        if before is not None:
            start, end = lo - len(before.group()), mention.end
            other = before.group(1)
        elif after is not None:
            start, end = lo, after.end()
            other = after.group(1)
        else:
            return None
        if not (self._person(other) and self._person(mention.text)):
            return None
        ahead = self.masked[max(0, start - 12) : start].split()
        if ahead and ahead[-1].lower() in _NOT_SUBJECT_BEFORE:
            return None  # "the feud between Baxter and Reyes": not who speaks
        text = self.masked[start:end]
        return Mention(text, start, end, "pair", "", start)

    def _person(self, run: str) -> bool:
        """Return True for a run that surely names a person: a title or a known
        first name with it, or a surname the article gives in full."""
        title, name = split_name(run)
        if not name or not looks_like_person(name):
            return False
        if title or name.split()[0].lower() in FIRST_NAMES:
            return True
        return self.people.expand(name.split()[-1], len(self.masked)) is not None

    def resolve(
        self, mention: Mention, last: Speaker | None, last_at: int = -1
    ) -> Speaker:
        """Return who ``mention`` names; ``last`` spoke the quote before, named
        at ``last_at``."""
        if mention.kind in ("name", "org") and (
            _heading(mention.text)
            or never_speaks(mention.text)
            or self._common_word(mention)
        ):
            # "FULL TEXT.", "Someone called it …", "Good information"
            return Speaker(None, "", "", False)
        if mention.kind == "pair":
            first, _, second = mention.text.partition(" and ")
            one = self.name(first, mention.start)
            two = self.name(second, mention.end - len(second))
            if one.name and two.name:
                return Speaker(f"{one.name} and {two.name}", "", "", False)
            return one if one.name else two
        if mention.kind == "name":
            # Keep the title ("Mr. Grant") so that its gender guides the expansion.
            phrase = self.masked[max(mention.np_start, mention.start - 6) : mention.end]
            titled = phrase if gender("", split_name(phrase)[0]) else mention.text
            speaker = self.name(titled, mention.start)
            if not speaker.role and mention.np_start < mention.start:
                # "Sen. Cole said" with no full name anywhere: the title is the role.
                before = self.masked[mention.np_start : mention.start].split()
                if (
                    before
                    and all(is_title(word) for word in before)
                    and before[-1].lower() not in _MODIFIERS_ONLY
                ):
                    speaker.role = " ".join(before)
            return speaker
        if mention.kind == "org":
            if " " not in mention.text:
                # "Bloomberg said" after "Michael Bloomberg": the firm's name is
                # his surname; the article has named the person in full.
                person = self.people.expand(mention.text, mention.start)
                if person is not None and person.name.split()[0].lower() in FIRST_NAMES:
                    return Speaker(person.name, person.role, person.gender, True)
            words = mention.text.split()
            if words and words[0].lower() == "the":
                words = words[1:]
            return Speaker(" ".join(words), "", "", False)
        if mention.kind == "pronoun":
            low = mention.text.lower()
            if low == "i" and self.writer is not None:
                return self.writer
            if low in lexicon.PERSON_PRONOUNS and low not in ("i", "we"):
                found = self.antecedent(
                    mention.start,
                    lexicon.PERSON_PRONOUNS[low],
                    last,
                    bound=self._bound(mention.start, mention.end),
                    last_at=last_at,
                )
                return found or Speaker(None, "", "", True)
            if low in ("they", "it") and last is not None and not last.person:
                return last
            if low in ("it", "they"):
                # "The Security Council … pledged … what it called “…”": the
                # sentence's subject, when it is an organisation.
                start = self.sentences.bounds(mention.start)[0]
                subject = sentence_subject(self.masked, start, mention.start)
                if subject is not None and subject.kind == "org":
                    return self.resolve(subject, last)
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
        if head in _DOCUMENTS and first in ("the", "this", "that") and len(words) <= 3:
            found = self._issuer(mention.start, head, last)
            if found is not None:
                return found
        return Speaker(mention.text, "", "", False)

    def _issuer(self, pos: int, noun: str, last: Speaker | None) -> Speaker | None:
        """Return who issued "the statement" that speaks at ``pos``: "Dana Cole
        released a statement. “…,” the statement said" gives Dana Cole."""
        issued = _ISSUED[noun]
        for lo, hi in self._windows(pos):
            found = issued.search(self.masked, lo, hi)
            if found is None:
                continue
            subject = subject_before(self.masked, lo, found.start())
            if subject is None or subject.kind not in ("name", "org", "pronoun"):
                return None
            speaker = self.resolve(subject, last)
            return speaker if speaker.name else None
        return None

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
            if cue.group().endswith("ing"):
                continue  # "X went after Y, calling him …": Y is no subject
            mention = subject_before(self.masked, lo, cue.start())
            if mention is not None and mention.kind == "name":
                found.add(mention.end)
        return found

    def _subordinate(self, at: int) -> bool:
        """Return True when the name at ``at`` opens a clause such as "when Tapper
        asked …": who asks there is not who answers next."""
        return bool(_SUBORDINATE_BEFORE.search(self.masked, max(0, at - 10), at))

    def _only_oblique(
        self, name: str, candidates: list[tuple[Speaker, bool]], heads: list[int]
    ) -> bool:
        """Return True when every mention of ``name`` follows a preposition."""
        found = [
            at
            for (speaker, _), at in zip(candidates, heads, strict=True)
            if speaker.name == name
        ]
        return bool(found) and all(
            _PREPOSITION_BEFORE.search(self.masked, max(0, at - 8), at) for at in found
        )

    def _introduced(self, match: re.Match[str], name: str) -> bool:
        """Return True when ``match`` is the first full mention of ``name`` and an
        apposition follows it: "Henry Crespo, president of …"."""
        if " " not in name:
            return False
        apposition = _APPOSITION.match(self.masked, match.end())
        if apposition is None or not (
            apposition.group(1) or is_role_noun(apposition.group(2))
        ):
            return False
        mentions = self.people.full_mentions(name.split()[-1])
        return bool(mentions) and mentions[0].start >= match.start()

    def _pronoun_speaks(self, lo: int, hi: int, want: str) -> bool:
        """Return True when the window has "he said"-style speech before any name."""
        found = _SPEAKING_PRONOUN[want].search(self.masked, lo, hi)
        if found is None:
            return False
        return not any(
            looks_like_person(split_name(name.group())[1])
            for name in NAME_RUN_RE.finditer(self.masked, lo, found.start())
        )

    def _bound(self, start: int, end: int) -> frozenset[str]:
        """Return the people that a pronoun opening its sentence cannot mean:
        those named after it and before the quote ("He has called Baxter “…”")."""
        lo, hi = self.sentences.bounds(start)
        words = self.masked[lo:start].split()
        if len(words) > 1 or (words and words[0].lower() not in _CONJUNCTIONS):
            return frozenset()  # "Though she called …, Cole said": she may be Cole
        quote = self.masked.find(MASK, end, hi)
        bound = set()
        for run in NAME_RUN_RE.finditer(self.masked, end, hi if quote < 0 else quote):
            name = split_name(run.group())[1]
            if (
                not looks_like_person(name)
                or run.group().endswith(("’s", "'s"))
                or _modifier(self.masked, run.end())
            ):
                continue  # "…, recalling Mr. Cole's remark", "the Cole campaign"
            person = self.name(run.group(), run.start()).name
            if person and bare(person.split()[-1]) == bare(name.split()[-1]):
                bound.add(person)
        return frozenset(bound)

    def antecedent(
        self,
        pos: int,
        want: str,
        last: Speaker | None,
        role: str = "",
        bound: frozenset[str] = frozenset(),
        last_at: int = -1,
    ) -> Speaker | None:
        """Return the nearest named person before ``pos`` compatible with ``want``
        and not among the ``bound`` people."""
        if role:
            person = self.people.with_role(role, pos)
            if person is not None:
                return Speaker(person.name, person.role, person.gender, True)
        # The previous speaker, when only a description names them.
        described = (
            want
            and last is not None
            and last.name
            and not last.person
            and noun_gender(apposed_head(last.name)) == want
        )
        for first, (lo, hi) in enumerate(self._windows(pos)):
            if described and lo <= last_at < hi:
                # "Bell's mother said she was “proud.” “…,” she said": the woman
                # who just spoke, though only a description names her.
                return last
            opening = self.masked[lo : min(hi, lo + 24)].lower().split()[:2]
            if opening and opening[0] in _CONJUNCTIONS:
                opening = opening[1:]
            if want and opening and opening[0] in _PRONOUN_OF[want] and first:
                continue  # "He nodded…": that sentence's subject is our pronoun too
            if want and first and self._pronoun_speaks(lo, hi, want):
                continue  # "That's why, he argued, …": the same pronoun spoke there
            if want and not first:
                # "Over the years, she said, email kept her close to Clinton,
                # although she admitted “…”": the first "she" is ours, and no
                # name after it can be.
                spoke = _SPEAKING_PRONOUN[want].search(self.masked, lo, hi)
                if spoke is not None:
                    hi = spoke.start()
            elif want and opening and opening[0] in _SUBORDINATORS:
                # "When the interview turned to Allen, he offered his thoughts on
                # Trump": the main clause's subject is our pronoun, so no name
                # after it is its antecedent, or ours.
                acting = _MAIN_PRONOUN[want].match(self.masked, lo, hi)
                if acting is not None:
                    hi = acting.start(1)
            elif want and (main := _MAIN_PRONOUN[want].match(self.masked, lo, hi)):
                # "At 29, she still lives with posters of Dirty Dancing. “…,” she
                # said": an earlier sentence whose subject, after an opening phrase,
                # is our pronoun is about the same person; its names are not them.
                if not lexicon.CUE_RE.match(main.group(2)):
                    continue
                # "Cole would have voted for Baxter, he says, …": a speech tag; the
                # names after it are what he talks about, those before may be him.
                hi = main.start(1)
            candidates: list[tuple[Speaker, bool]] = []
            introduced: list[Speaker] = []
            starts: list[int] = []
            heads: list[int] = []
            for match in NAME_RUN_RE.finditer(self.masked, lo, hi):
                run = match.group()
                title, name = split_name(run)
                if (
                    not name
                    or not looks_like_person(name)
                    or _modifier(self.masked, match.end())
                    or _PLACE_BEFORE.search(
                        self.masked, max(lo, match.start() - 12), match.start()
                    )
                ):
                    continue  # "the Baxter campaign", "Growing up in El Paso, he"
                if (
                    " " not in name
                    and title not in _COURTESY  # "Mr. Woods argued": a person
                    and not self._given_apposed(name, match.start())
                    and self.people.expand(name, match.start()) is None
                    and (
                        last is None
                        or not last.name
                        or bare(last.name.split()[-1]) != bare(name)
                    )
                    and not _SAYS.match(self.masked, match.end())
                ):
                    continue  # a lone capitalised word nobody has named in full
                speaker = self.name(run, match.start())
                if want and self.sex(speaker) not in ("", want):
                    if title or " " in name:
                        continue
                    # "Clinton" after "Bill Clinton" and "Hillary Clinton": for a
                    # "she", the Clinton who is a woman.
                    person = self.people.expand(name, match.start(), want)
                    if (
                        person is None
                        or person.gender != want
                        or self.people.pronoun_after(match.end()) not in ("", want)
                    ):
                        continue  # "… congratulated Clinton on her victory. He …"
                    speaker = Speaker(person.name, person.role, want, True)
                if speaker.name in bound:
                    continue
                # "Trump’s continued appeal": an owner does not speak.
                speaks = not run.endswith(("’s", "'s")) and bool(
                    lexicon.CUE_RE.match(self.masked, match.end() + 1)
                )
                if first and not speaks and self._introduced(match, name):
                    introduced.append(speaker)
                candidates.append((speaker, speaks))
                starts.append(match.end())
                heads.append(match.start())
            if len(candidates) > 1:
                # "Lena Park, an aide, warned Monday that Tom Reyes …": the person
                # a cue reports on, even with words between them, is the speaker.
                subjects = self._cue_subjects(lo, hi)
                candidates = [
                    (
                        speaker,
                        (speaks or at in subjects) and not self._subordinate(head),
                    )
                    for (speaker, speaks), at, head in zip(
                        candidates, starts, heads, strict=True
                    )
                ]
            if (
                candidates
                and len(candidates) > 1
                and (not first or (opening and opening[0] in _OPENERS))
            ):
                # In the pronoun's own sentence, its subject is the likeliest
                # antecedent: "Perez hammered Trump, whom he described as …"; so
                # it is in one that opens with a phrase: "In an article from the
                # Ledger, Byrne warned …".
                opener = sentence_subject(self.masked, lo, hi)
                if opener is not None and opener.kind == "name":
                    for (speaker, _), at in zip(candidates, starts, strict=True):
                        if at == opener.end:
                            return speaker
            if candidates:
                talking = [speaker for speaker, speaks in candidates if speaks]
                if (
                    first
                    and not talking
                    and len(candidates) > 1
                    and last is not None
                    and last.name
                    and self._only_oblique(last.name, candidates, heads)
                ):
                    # "Jackson, a consultant, crossed party lines to vote for
                    # Obama. “…,” he said": the previous speaker, named there only
                    # after a preposition, is talked about; the subject goes on.
                    opener = sentence_subject(self.masked, lo, hi)
                    if opener is not None and opener.kind == "name":
                        for (speaker, _), at in zip(candidates, starts, strict=True):
                            if at == opener.end:
                                return speaker
                if last is not None and last.name and last.person:
                    for speaker in talking or [c[0] for c in candidates]:
                        if speaker.name == last.name:
                            return last
                if talking:
                    return talking[0]
                if len(introduced) == 1:
                    # "…, which worries Henry Crespo, president of the caucus. “…,”
                    # he said": the person just introduced with a role speaks next,
                    # unless the sentence's subject is one of the people it names.
                    opener = sentence_subject(self.masked, lo, hi)
                    if opener is None or opener.kind != "name":
                        return introduced[0]
                return candidates[0][0]
        if (
            last is not None
            and last.person
            and last.name
            and (not want or self.sex(last) in ("", want))
            and last.name not in bound
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
# "When the interview turned to Allen, he offered his thoughts", "Dismayed by …,
# he's committed to …": an opening phrase, then a pronoun as the main clause's
# subject (group 1) and its verb (group 2).
_MAIN_PRONOUN = {
    sex: re.compile(
        r"\s*[^,.;:\n]{1,200},\s+("
        + word
        + r")(?:[’']s|[’']d|[’']ll)?\s+(?!and\b|or\b)([a-z]+)\b"
    )
    for sex, word in (("m", "he"), ("f", "she"))
}
_SUBORDINATORS = lexicon.words(
    "when after as while before once since though although if because until upon"
)
_CONJUNCTIONS = frozenset(["but", "and", "so", "then", "yet"])
_AUXILIARIES = lexicon.words(
    "has have had is are was were will would can could should may might must does "
    "did do also"
)
# What an issuer puts out, and how: "released a written statement", "sent an email".
_DOCUMENTS = lexicon.words("statement email e-mail letter memo release")
_ISSUED = {
    noun: re.compile(
        r"\b(?:issued|released|provided|sent|put out|posted|wrote|published"
        r"|emailed|distributed|circulated)\s+(?:(?:a|an|the|his|her|their|its)\s+)?"
        r"(?:[\w-]+\s+){0,2}" + noun + r"\b"
    )
    for noun in _DOCUMENTS
}
# ", president of …", ", a consultant": an apposition that introduces a person.
_APPOSITION = re.compile(r",\s+(?:(an?\s|the\s)|([a-z]+))")
# A sentence opening with these names things in its opening phrase before its subject.
_OPENERS = lexicon.words(
    """
    in at on after before during from with when while as although though since
    despite following amid under like unlike speaking asked
    """
)
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


def _heading(text: str) -> bool:
    """Return True for words in capitals that head a section, not a speaker's
    name: "FULL TEXT", "CHINA'S DECLINE" (but "MS. CLINTON" in a transcript)."""
    words = text.split()
    return len(words) > 1 and text.isupper() and not is_title(words[0])


@functools.lru_cache(maxsize=1 << 12)  # the same few words again and again
def never_speaks(text: str) -> bool:
    """Return True for one word that names nobody: "Someone", "Thirty", "Oct."."""
    if " " in text:
        return False
    low = text.lower().rstrip(".")
    return low in lexicon.NOT_SPEAKERS or bool(lexicon.NUMBER_WORD.fullmatch(low))


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
