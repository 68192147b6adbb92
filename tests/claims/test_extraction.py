"""Behaviour of the pure quote extractor on the seed article and hand-written text."""

import json
from pathlib import Path

import pytest

from claims.extraction import Quote, extract
from claims.extraction.names import gender, looks_like_person

SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_933459f4706ab866.txt"


def read_seed() -> str:
    if not SEED.exists():
        pytest.skip(f"seed article missing: {SEED}")
    return SEED.read_bytes().decode("utf-8")


def only(quotes: list[Quote], start_of_quote: str) -> Quote:
    found = [q for q in quotes if q.quote.startswith(start_of_quote)]
    assert len(found) == 1, [q.quote for q in quotes]
    return found[0]


def test_seed_article_yields_exactly_its_four_quotes():
    text = read_seed()
    quotes = extract(text)
    expected = [
        ("It is incredibly concerning", "Matthew Miller", "Miller"),
        ("We’ve been talking about", "John Kirby", "Kirby"),
        ("Russia may give North Korea", "Evan Medeiros", "Evan Medeiros"),
        ("this relationship could give", "Evan Medeiros", "He"),
    ]
    assert len(quotes) == 4
    for quote, (opening, speaker, mention) in zip(quotes, expected, strict=True):
        assert quote.quote.startswith(opening)
        assert quote.speaker == speaker
        assert text[quote.speaker_start : quote.speaker_end] == mention
        assert text[quote.start : quote.end] == quote.quote
        assert text[quote.context_start : quote.context_end] == quote.context


def test_seed_article_offsets_are_exact():
    text = read_seed()
    quotes = extract(text)
    first = "It is incredibly concerning"
    assert (quotes[0].start, quotes[0].end) == (
        text.index(first),
        text.index(first) + 27,
    )
    kirby = quotes[1]
    assert kirby.quote.endswith("that we’ve put out there")
    assert text[kirby.start - 1] == "“" and text[kirby.end : kirby.end + 2] == ",”"
    russia = quotes[2]
    assert russia.quote.endswith("could be very destabilizing.")
    assert text[russia.end] == "”"
    added = quotes[3]
    assert added.quote.endswith("starting nuclear testing again.")
    assert text[added.start - 1] == "“" and text[added.end] == "”"


def test_seed_article_roles_and_cues():
    quotes = extract(read_seed())
    assert quotes[0].role == "U.S. State Department spokesperson"
    assert quotes[0].cue == "stated"
    assert quotes[1].role == "White House national security spokesperson"
    assert quotes[1].cue == "explained"
    assert quotes[2].cue == "warned"
    assert quotes[3].cue == "added"
    assert len({q.group for q in quotes}) == 4


def test_quote_to_dict_is_json_ready():
    quote = extract(read_seed())[0]
    data = quote.to_dict()
    assert json.loads(json.dumps(data)) == data
    assert set(data) >= {"quote", "speaker", "start", "end", "role", "cue", "kind"}


def test_post_and_inverted_attribution():
    text = (
        "The general spoke last week.\n\n"
        "“We are ready,” said Gen. Mark Milley, chairman of the Joint Chiefs.\n\n"
        "“The risk is real,” Milley told reporters."
    )
    quotes = extract(text)
    assert [q.speaker for q in quotes] == ["Mark Milley", "Mark Milley"]
    assert quotes[0].cue == "said"
    assert text[quotes[1].speaker_start : quotes[1].speaker_end] == "Milley"


def test_colon_introduction_and_following_paragraph():
    text = (
        "White House spokesman John Kirby spoke to reporters on Monday.\n\n"
        "Kirby said: “We have been clear about this for months.”\n\n"
        "“Nothing has changed since then.”"
    )
    quotes = extract(text)
    assert [q.speaker for q in quotes] == ["John Kirby", "John Kirby"]
    assert quotes[0].role == "White House spokesman"


def test_split_quote_shares_one_group():
    text = "“We will win,” she said. “And we will win big.”\n"
    text = "Senator Jane Holloway opened the rally.\n\n" + text
    quotes = extract(text)
    assert len(quotes) == 2
    assert quotes[0].group == quotes[1].group
    assert {q.kind for q in quotes} == {"split"}
    assert {q.speaker for q in quotes} == {"Jane Holloway"}


def test_split_quote_in_one_sentence():
    text = "“The plan,” said Mayor Tom Reyes, “is already late.”"
    quotes = extract(text)
    assert [q.quote for q in quotes] == ["The plan", "is already late."]
    assert quotes[0].group == quotes[1].group
    assert [q.speaker for q in quotes] == ["Tom Reyes", "Tom Reyes"]


def test_multi_paragraph_quote_continues_the_group():
    text = (
        "Governor Ann Baxter read her statement aloud:\n\n"
        "“The first part of the plan is about roads.\n\n"
        "“The second part is about schools and clinics.\n\n"
        "“The third part pays for both.”\n\n"
        "Reporters had no questions."
    )
    quotes = extract(text)
    assert len(quotes) == 3
    assert len({q.group for q in quotes}) == 1
    assert {q.speaker for q in quotes} == {"Ann Baxter"}
    assert quotes[0].quote == "The first part of the plan is about roads."


def test_nested_single_quotes_stay_inside():
    text = "“He told me, ‘Go home,’ and I did,” Maria Lopez said."
    (quote,) = extract(text)
    assert quote.quote == "He told me, ‘Go home,’ and I did"
    assert quote.speaker == "Maria Lopez"


def test_ascii_and_nyt_style_marks():
    text = (
        'The mayor, Paul Grant, was blunt. "We are broke," Mr. Grant said.\n\n'
        "''It will take years,'' he added.\n\n"
        "``Nobody wants that,'' Grant said."
    )
    quotes = extract(text)
    assert [q.quote for q in quotes] == [
        "We are broke",
        "It will take years",
        "Nobody wants that",
    ]
    assert {q.speaker for q in quotes} == {"Paul Grant"}


def test_missing_closing_mark_at_end_of_text():
    text = "Lena Park said on Friday: “We will appeal the ruling"
    (quote,) = extract(text)
    assert quote.quote == "We will appeal the ruling"
    assert quote.end == len(text)
    assert quote.speaker == "Lena Park"


def test_scare_quotes_terms_and_titles_are_rejected():
    text = (
        "The rivals met in a so-called “peace plan” summit on Tuesday.\n\n"
        "Two lesser candidates were sent to the “undercard” debate.\n\n"
        "She wrote the memoir “Open Roads” in 2014.\n\n"
        "He appeared on “Sunday Table” to defend the budget.\n\n"
        "Fans call him “The Hammer” at rallies."
    )
    assert extract(text) == []


def test_partial_quote_with_speaker():
    text = "Senator Bob Marsh called the bill “a disaster for farmers” on Monday."
    (quote,) = extract(text)
    assert quote.kind == "partial"
    assert quote.speaker == "Bob Marsh"
    assert quote.cue == "called"


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        # A quote that ends the sentence but began inside it is partial, whatever
        # follows it.
        ("The mayor called the lines “unacceptable.” She left at noon.", "partial"),
        ("Cole said that Reyes “has no interest in a deal.” She left.", "partial"),
        ("Cole said that Reyes “has no interest in a deal.”", "partial"),
        # The whole utterance, after a cue, a colon or on its own, is direct.
        ("Reyes said, “We will win.” He left.", "direct"),
        ("Reyes warned: “taxes will rise.” He left.", "direct"),
    ],
)
def test_a_quote_that_continues_its_sentence_is_partial(sentence, kind):
    assert [q.kind for q in extract(sentence + "\n")] == [kind]


def test_according_to_and_organisation_speaker():
    text = (
        "“The talks were productive,” according to the State Department.\n\n"
        "“We reject the report,” the ministry said in a statement."
    )
    quotes = extract(text)
    assert quotes[0].speaker == "State Department"
    assert quotes[0].cue == "according to"
    assert quotes[1].speaker == "the ministry"


def test_pronoun_resolves_to_the_previous_speaker():
    text = (
        "Campaign manager Sarah Voss met donors in Ohio.\n\n"
        "“We are ahead in every poll,” Voss said. “The numbers do not lie.”\n\n"
        "Later she added, “We will keep going.”"
    )
    quotes = extract(text)
    assert [q.speaker for q in quotes] == ["Sarah Voss"] * 3
    assert quotes[2].cue == "added"


def test_nominal_speaker_resolves_to_named_spokesman():
    text = (
        "Pentagon spokesman Carl Woods briefed reporters.\n\n"
        "“No decision has been made,” the spokesman said."
    )
    (quote,) = extract(text)
    assert quote.speaker == "Carl Woods"
    assert text[quote.speaker_start : quote.speaker_end] == "the spokesman"


def test_unattributed_quote_has_no_speaker():
    text = "The gate was quiet.\n\n“Everyone deserves a second chance in life.”"
    (quote,) = extract(text)
    assert quote.speaker is None
    assert quote.speaker_start is None and quote.speaker_end is None


def test_results_are_sorted_and_spans_valid():
    text = read_seed() * 3
    quotes = extract(text)
    assert [q.start for q in quotes] == sorted(q.start for q in quotes)
    for quote in quotes:
        assert text[quote.start : quote.end] == quote.quote
        assert 0.0 <= quote.confidence <= 1.0
        assert quote.kind in ("direct", "partial", "split")


def test_empty_and_quote_free_text():
    assert extract("") == []
    assert extract("No quotation marks here at all.\n\nNone.") == []


def test_non_string_input_is_refused():
    with pytest.raises(TypeError):
        extract(b"bytes")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "“Prices are up,” Maria Perez, 41, of Tampa, Fla., who voted twice, said.",
            "Maria Perez",
        ),
        ("“We will see,” Rep. Dana Cole (R-Utah), a budget hawk, said.", "Dana Cole"),
        (
            "“Not now,” Tom Reyes, who chairs the Harbor Council said on Friday.",
            "Tom Reyes",
        ),
        (
            "“It is over,” said Lena Park of the Northern Farm Bureau, a lobby group.",
            "Lena Park",
        ),
        (
            "“Go home,” the Pentagon spokesman, Carl Woods, told reporters.",
            "Carl Woods",
        ),
        ("Senator Bob Marsh toured the plant, saying “jobs come first.”", "Bob Marsh"),
        ("“We won,” cheered supporters. — Ann Lee\n", None),
        (
            "“It will pass,” Rep. Tom Reyes’s chief of staff, Carl Woods, told a"
            " reporter on Monday.",
            "Carl Woods",
        ),
        (
            "In May, Reyes’s Ohio state director, Carl Woods, wrote to the firm,"
            " saying: “We want this now.”",
            "Carl Woods",
        ),
        ("“Fine,” Ms. Dana Cole answered, referring to the deal.", "Dana Cole"),
        (
            "The Union of Harbor Bakers praised her, calling her “a champion.”",
            "Union of Harbor Bakers",
        ),
        ('"This is a waste," said Del. Dana Cole of the Harbor Islands.', "Dana Cole"),
        (
            '"We are thin," said Carl Dana Woods, president of the League.',
            "Carl Dana Woods",
        ),
        (
            "Dana Cole said in a letter that the ad “wrongly” suggests that Harbor"
            " backs the campaign.",
            "Dana Cole",
        ),
        (
            'On NBC\'s "Meet the Voters," Speaker Tom Reyes (R-Utah) said the rally'
            ' shows that all of us need "more listening" and "more learning."',
            "Tom Reyes",
        ),
        ("The Ledger rated 32% of Republican claims as “pants on fire.”", "Ledger"),
        (
            "By contrast, Sen. Dana Cole said that once the Senate goes on recess,"
            " “I intend to help.”",
            "Dana Cole",
        ),
        (
            "Tom Reyes emailed her, telling her, “you are a star!” She replied that it"
            " was an honor.",
            "Tom Reyes",
        ),
        ("“That is it,” said former Utah Gov. and party Chairman Ed Lane.", "Ed Lane"),
        ("Asserting Reyes is wrong, Dana Cole wrote: “He is late.”", "Dana Cole"),
        (
            "Tom Reyes spoke.\n\nThe Ledger seized on Reyes’s claim that there were"
            " “thousands of them” in the city.",
            "Tom Reyes",
        ),
    ],
)
def test_speaker_phrases_with_appositions_and_participles(text, speaker):
    quotes = extract(text)
    assert quotes, text
    if speaker is not None:
        assert quotes[0].speaker == speaker


def test_signature_after_a_horizontal_bar():
    text = "“We need better schools in this town.” ― Rosa Delgado\n"
    (quote,) = extract(text)
    assert quote.speaker == "Rosa Delgado"


def test_dash_signed_colon_introduction():
    text = "WHY THE SHIFT MATTERS - Dana Whitfield: “Turnout rose in every county.”"
    (quote,) = extract(text)
    assert quote.speaker == "Dana Whitfield"


def test_headline_verbs_are_not_part_of_a_name():
    text = "Jane Holloway Wins Ohio.\n\n“This is a good night,” Holloway said."
    (quote,) = extract(text)
    assert quote.speaker == "Jane Holloway"


def test_surname_goes_to_the_most_repeated_full_name():
    text = (
        "Mayor Paul Grant met voters. Paul Grant spoke for an hour. "
        "His daughter Emma Grant introduced him.\n\n"
        "“We are ready,” Grant said."
    )
    (quote,) = extract(text)
    assert quote.speaker == "Paul Grant"


def test_pronoun_skips_a_sentence_where_the_same_pronoun_spoke():
    text = (
        "Analyst Tom Reyes studies the race.\n\n"
        "Reyes compared the field to loyalists of Mark Hale and Joe Briggs. "
        "That is why, he argued, the party should plan ahead.\n\n"
        "“This is a different time,” he said."
    )
    quotes = extract(text)
    assert quotes[-1].speaker == "Tom Reyes"


def test_possessive_fragment_is_attributed_to_the_owner():
    text = "Governor Ann Baxter repeated her promise to be “neutral” in the talks."
    (quote,) = extract(text)
    assert quote.speaker == "Ann Baxter"
    assert quote.kind == "partial"


def test_transcript_labels_name_the_speaker_inside_the_quote():
    text = (
        "Partial transcript as follows:\n\n"
        '"HOST: Governor, do you regret the remark?\n\n'
        '"BAXTER: Not at all. I said what I meant."\n'
    )
    quotes = extract(text)
    assert [q.speaker for q in quotes] == ["Host", "Baxter"]
    assert text[quotes[1].speaker_start : quotes[1].speaker_end] == "BAXTER"


def test_told_never_makes_the_listener_the_speaker():
    text = "Dana Cole left early.\n\n“It is done,” a voter in the hall, told Ben Lee."
    (quote,) = extract(text)
    assert quote.speaker != "Ben Lee"


def test_pronoun_prefers_the_subject_of_a_cue_over_other_names():
    text = (
        "“We are ready,” Tom Reyes said.\n\n"
        "Carl Woods, an aide, warned on Monday that Tom Reyes would lose.\n\n"
        "“It is too late,” he said."
    )
    assert extract(text)[-1].speaker == "Carl Woods"


def test_a_name_modifying_a_role_is_not_the_antecedent():
    text = (
        "Tom Reyes spoke first.\n\n"
        "Reyes adviser Carl Woods, a pollster, made the same point then. "
        "“Voters want change,” he said."
    )
    assert extract(text)[-1].speaker == "Carl Woods"


def test_a_quote_opening_a_sentence_in_the_speakers_paragraph_follows_them():
    text = (
        "There were no calls.\n\n''There were no calls,'' said Carl Woods, who was"
        " the chief of staff to Ann E. Lee, then the agency's director. ''This was an"
        " example of quiet work'' and of his team ''just deciding.''\n\n"
        "''Nothing else,'' a reader wrote.\n\n“Later,” she said."
    )
    speakers = [q.speaker for q in extract(text)]
    assert speakers[:3] == ["Carl Woods"] * 3


def test_reacted_is_a_speech_cue():
    (quote,) = extract("“What sport is he talking about?” reacted Tom Reyes.")
    assert quote.speaker == "Tom Reyes"


@pytest.mark.parametrize(
    ("text", "speaker", "cue"),
    [
        (
            "On the steps of the statehouse, Mr. Reyes expressed a deep regret for"
            " “my inability to end the feud.”",
            "Reyes",
            "expressed",
        ),
        (
            "“Harbor will always be Harbor,” an angry Reyes retaliated.",
            "Reyes",
            "retaliated",
        ),
        (
            "A spokesman for Dana Cole could only quip: “I guess Sunday was booked.”",
            "A spokesman for Dana Cole",
            "quip",
        ),
    ],
)
def test_more_speech_cues(text, speaker, cue):
    (quote,) = extract(text)
    assert (quote.speaker, quote.cue) == (speaker, cue)


def test_a_long_quote_missing_its_comma_still_takes_the_cue_after_it():
    text = (
        "“Dr. Reyes invited both of us to his house today to talk about it” the"
        " Ledger's senior politics editor Tom Cole responded. “As we wrote, he"
        " told us.”\n\nReyes called it “a hoax” the day his rival Tom Cole said so."
    )
    quotes = extract(text)
    # Inside a sentence, the cue after a quote with no comma is someone else's.
    assert [q.speaker for q in quotes] == ["Tom Cole", "Tom Cole", "Reyes"]


def test_a_question_introduced_by_a_comma_keeps_its_cue_before():
    text = (
        "Reyes responds to Lee with, “Why now? That was on my way to Harbor?”"
        " Lee then writes back, “You look great.”"
    )
    assert [q.speaker for q in extract(text)] == ["Reyes", "Lee"]


@pytest.mark.parametrize(
    ("opening", "speaker"),
    [
        # The quote is reported inside an opening clause; the main clause is new.
        ("But even as Reyes claimed on Tuesday that", "Reyes"),
        ("While Reyes claimed that", "Reyes"),
        ("While Reyes called the case", "Reyes"),  # no "that", and no comma yet
        # A plain report inside the quote's own sentence stays the reporter's.
        ("Reyes claimed that", "Tom Lee"),
    ],
)
def test_a_quote_reported_in_an_opening_clause(opening, speaker):
    text = (
        f"{opening} “Cole got in trouble for far less,” a prosecutor, Tom Lee,"
        " said the cases were different."
    )
    (quote,) = extract(text)
    assert quote.speaker == speaker


def test_a_second_quote_after_a_clause_with_its_own_cue_is_not_a_split():
    text = (
        "“It is misleading,” Tom Reyes tweeted after Dana Cole argued that “we"
        " would not have rescued the industry.”\n\n“Apparently there's a young"
        " man with problems,” Reyes said as the heckler yelled: “Go home!”"
    )
    quotes = extract(text)
    assert [q.speaker for q in quotes] == [
        "Tom Reyes",
        "Dana Cole",
        "Tom Reyes",
        "the heckler",
    ]
    assert len({q.group for q in quotes}) == 4


@pytest.mark.parametrize(
    "text",
    [
        "Ann Lee first testified in 2013, and Sen. Tom Reyes (R-Utah) kept asking"
        " her why the agency had tied the violence to “spontaneous” protests.",
        "Sen. Tom Reyes kept asking Ann Lee why the agency had tied it to"
        " “spontaneous” protests.",
    ],
)
def test_a_participle_after_kept_has_its_own_subject(text):
    (quote,) = extract(text)
    assert quote.speaker == "Tom Reyes"


def test_a_quote_after_an_owner_in_an_opening_phrase_is_the_speakers():
    text = (
        "From Dana Cole’s “coarse, vulgar effusion” in Harbor to her call for a"
        " “deportation force,” Tom Reyes described Cole as “a caricature.”\n\n"
        "While Cole's clarion call for a “revolution” draws crowds, Ann Lee's"
        " campaign generates less."
    )
    assert [q.speaker for q in extract(text)] == [
        "Tom Reyes",
        "Tom Reyes",
        "Tom Reyes",
        "Dana Cole",
    ]


def test_a_sentence_that_only_names_the_speaker_after_a_full_stop():
    text = "“Harbor, if you are listening, find them.” Reyes said.\n\nLee disagreed."
    (quote,) = extract(text)
    assert quote.speaker == "Reyes"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # A noun "states" is no cue; the inverted cue closing the sentence names her.
        (
            "The plan has worried many Asian states, and it has used “soft power” in"
            " its dealings, said Nora Kim, an expert at Harbor University.",
            "Nora Kim",
        ),
        # Sentence adverbs and places open the sentence before its subject.
        (
            "Lena Marsh came early.\n\nHere in Dayton, Marsh stepped up her pitch,"
            " saying, “We have to get there.”",
            "Lena Marsh",
        ),
        (
            "Moreover, as part of the exchange, Dana Cole cited a report that “less"
            " than one percent” was kept.",
            "Dana Cole",
        ),
        (
            "At a rally in Portsmouth, N.H., on Tuesday, Senator Carl Woods of Vermont"
            " endorsed her, saying she would “make a fine president.”",
            "Carl Woods",
        ),
        (
            "Last month, when I asked Lena Marsh if she would endorse him, she looked"
            " at me and said, “I'm going to endorse you!”",
            "Lena Marsh",
        ),
        (
            "Tom Reyes met the donors.\n\nHours later, Reyes returned the favor,"
            " telling a reporter, “They are friends.”",
            "Tom Reyes",
        ),
        # The pronoun inside the sentence goes to its subject, not to the place.
        (
            "Dana Cole said it was “important.”\n\nSenator Tom Woods of Ohio, who"
            " campaigned with her, said she must reach voters who are in what he"
            " called a “revolutionary mood.”",
            "Tom Woods",
        ),
        # An inverted cue between commas names the speaker after it.
        (
            "The paradox of Baxter, says Carl Woods, a historian at the Library, is"
            " that she was “one of the most powerful of them.”",
            "Carl Woods",
        ),
        # A role phrase before the appositive name: the name speaks.
        (
            "On Wednesday, however, the director of the Harbor Bureau of Records,"
            " Dana P. Cole, said that the files held “private messages.”",
            "Dana P. Cole",
        ),
        (
            "“It's about time,” exhorted her introducer, actress Lena Marsh.",
            "Lena Marsh",
        ),
        # A surname expands to the full name given later in the article.
        (
            "“We will appeal,” Brandt said.\n\nThe lawyer, Carl Brandt, filed it.",
            "Carl Brandt",
        ),
        ("Tom Reyes Jr. ran.\n\n“We will win,” Reyes Jr. said.", "Tom Reyes"),
        (
            "“We disagree,” wrote Representatives Tom E. Reyes.",
            "Tom E. Reyes",
        ),
        (
            "Speaking at a town hall in Salem, New Hampshire, Tom Reyes went after"
            " Cole, calling him “a total stiff.”",
            "Tom Reyes",
        ),
        (
            "HARBOR, Miss. - U.S. District Judge Carl W. Reeves late Thursday blocked"
            " a bill that allowed a “sincere belief” to deny services.",
            "Carl W. Reeves",
        ),
        (
            "It went too far, tarring a former president who is popular, and"
            " uttering charges that Dana Cole, for one, called “liberal lingo.”",
            "Dana Cole",
        ),
        (
            "Tom Reyes on Monday signed an order, while Carl Woods, the former"
            " governor, proposed we “wake up and smell the coffee.”",
            "Carl Woods",
        ),
        (
            "Curt Woods spoke.\n\nWoods's son, Grant, defended his father on"
            " Tuesday, saying: “He is no bigot.”",
            "Grant Woods",  # a given name after a Woods's son takes the family name
        ),
        (
            "Lena Marsh, a donor, spoke. Along with her husband, Milton Marsh, a"
            " banker, she has given to many candidates.\n\n“I feel bad,” she said.",
            "Lena Marsh",
        ),
        (
            "Smiling broadly, Mrs. Baxter drew cheers as she thanked the state and"
            " then boomed, “Today, you proved it.”",
            "Baxter",
        ),
        ("“That is it,” Woods said. Adding, “We are done.”", "Woods"),
        (
            "It was complete when Reyes in his announcement speech called them"
            " “rapists” and promised a wall.",
            "Reyes",
        ),
        (
            "It was three years ago that Tom Reyes, who may run, said it was"
            " “impossible” to win.",
            "Tom Reyes",
        ),
        (
            "Sunday on TV, when asked about the nominee, President Carl Woods said he"
            " expected that Americans will say “no” to the plan.",
            "Carl Woods",
        ),
        (
            "While discussing a tweet, Speaker of the House Rep. Tom Reyes (R-WI)"
            " said “images have no place here.”",
            "Tom Reyes",
        ),
        (
            "“I do not know where he stands,” said undecided Republican voter Lena"
            " Marsh of Derry, N.H., before the event.",
            "Lena Marsh",
        ),
        (
            "“It may have been his first attempt,” said his best friend at Harbor"
            " College, Bruce Tully, who remembered him.",
            "Bruce Tully",
        ),
        (
            "Tom Perez spoke.\n\nPerez hammered Carl Woods, calling him a “wreck,” and"
            " contrasted the candidate, whom he described as “volatile,” with Baxter.",
            "Tom Perez",
        ),
        (
            "“It is rare,” said Dana Hall Marsh, a professor. While not all of it is"
            " true, Marsh said he is “telling them what they want.”",
            "Dana Hall Marsh",
        ),
        (
            "Ann Baxter spoke.\n\nHarbor (AFP) – Democrat Ann Baxter has taken a swipe"
            " at Reyes, saying that “bombastic comments” do harm.",
            "Ann Baxter",
        ),
        (
            "Tom Reyes spoke. Carl Woods, whose hometown, Dayton, is projected to be"
            " underwater within the not too distant future as the ice caps shrink and"
            " the sea rises, argues that it will “destroy our economy.”",
            "Carl Woods",
        ),
        (
            "“It will annoy them,” Tom Reyes tweeted Friday. Experts expect the press"
            " to be played. “We can call it now,” election law expert Ann Lee tweeted.",
            "Ann Lee",
        ),
        (
            "“Thanks for coming,” said master of ceremonies Asab Tabor, an engineer.",
            "Asab Tabor",
        ),
        (
            "Carl Woods, president and CEO of Harbor Restaurant Association stated,"
            " “It is not politics; it is math.”",
            "Carl Woods",
        ),
        (
            "“No comment,” said Dana Cole of the law firm Harbor Brown.",
            "Dana Cole",
        ),
        (
            "The worry grew when Speaker Tom Reyes of Ohio lamented the “sad” state of"
            " the race and criticized the “identity politics” on display.",
            "Tom Reyes",
        ),
        (
            "Harbor Mayor Dana Cole wrote a letter to Attorney General Tom Reyes"
            " asking the department to look into the “fiasco.”",
            "Dana Cole",
        ),
        (
            "Ann Baxter spoke.\n\nAfter spending the past week bickering over whether"
            " the other is “qualified” to be president, Baxter on Monday ripped into"
            " Reyes.",
            "Ann Baxter",
        ),
        (
            "“It was a haven for crooks,” wrote the ambassador at the time, Carl E."
            " Woods.",
            "Carl E. Woods",
        ),
        (
            "Tom Reyes, the governor, spoke.\n\n“I believe he is the best person to"
            " beat Ann Baxter,” the governor said.",
            "Tom Reyes",
        ),
        (
            "Unions backed Ann Baxter early, with the Harbor Federation of Teachers"
            " calling her “the champion we need.”",
            "Harbor Federation of Teachers",
        ),
        (
            "Ann Baxter answered the question on Facebook writing, “Yes, I will.”",
            "Ann Baxter",
        ),
        (
            "Dana Cole, an oncologist who advised Reyes on the overhaul, said it has"
            " been a success “by any metric.”",
            "Dana Cole",
        ),
        (
            "Reyes was asked by moderator Ann Lee whether his plan would risk “adding"
            " another program.”",
            "Ann Lee",
        ),
        (
            "This feature has been called “strategic ambiguity” by Carl Woods, a"
            " professor at Harbor University.",
            "Carl Woods",
        ),
        (
            "From her failures to being “extremely careless” with information – as"
            " described by FBI Director Tom Reyes – many believe she is unfit.",
            "Tom Reyes",
        ),
        (
            "The allure of simplicity, Mr. Woods argued, is a chimera.\n\n“Most of the"
            " complexity derives from efforts to measure” income, he said, rather than"
            " from deductions.",
            "Woods",
        ),
        (
            "Ann Baxter endorsed the deal, although she made it clear that she has"
            " “serious concerns” about it.",
            "Ann Baxter",
        ),
        (
            "“No comment,” said Ann Lee's communications director, Dana Cole.",
            "Dana Cole",
        ),
        (
            "Khan spoke for an hour.\n\nWhen they went out, the American-born children"
            " of immigrants would come up to him.\n\n“They would say, ‘You are a"
            " lawyer,’” Khan said.",
            "Khan",
        ),
        (
            "Tom Reyes came to Harbor.\n\nSigns said Fascist Reyes in red, and a"
            " fascist chant rose.\n\n“Out, out, out!” Mr. Reyes yelled.",
            "Tom Reyes",
        ),
        (
            "Angel Marsh came from Texas to the rally.\n\nGrowing up in El Paso, Marsh"
            " saw families arrive.\n\n“The centers are a disgrace,” he said.",
            "Angel Marsh",
        ),
        (
            "Ann Baxter spoke first.\n\nThe Harbor Post columnist Ruth Marsh has been"
            " critical of Mr. Reyes but wrote that she agreed with him. “They smeared"
            " women,” she wrote.",
            "Ruth Marsh",
        ),
        (
            "“It is a stretch,” Carl Woods of the Harbor Center for Policy Studies"
            " wrote in December.",
            "Carl Woods",
        ),
        (
            "Ann Baxter spoke.\n\nStill, the race “is a dead heat,” as Baxter said on"
            " a radio show Monday, and it will stay close.",
            "Ann Baxter",
        ),
        (
            "“We have had better conventions,” delegate Carl Woods, wearing a hat and"
            " “Ann Baxter” pins, said matter-of-factly.",
            "Carl Woods",
        ),
        (
            "As Dana Cole, professor of law and author of ''The Long Road,'' put it,"
            " ''Senators should remember that a compromise may be better.''",
            "Dana Cole",
        ),
        (
            "“She is filled with resentment,” Carl Woods and Dana Cole wrote.",
            "Carl Woods and Dana Cole",
        ),
        (
            "Carl Woods, the editor of the city's newspaper, the Harbor Ledger, said it"
            " was ''over.''",
            "Carl Woods",
        ),
        (
            "A spokeswoman, Anna Richardson White, spoke on Saturday.\n\n''We are"
            " offering our community the chance,'' Ms. White said.",
            "Anna Richardson White",
        ),
        (
            "Michael Bloomberg, who is thinking about running, said it was hard.\n\n"
            "“It is hard,” Bloomberg said.",
            "Michael Bloomberg",
        ),
        ("“Fight them,” said the cleric Anwar al-Awlaki, who died.", "Anwar al-Awlaki"),
        ("Interestingly Blocher said, “We will win.”", "Blocher"),
        ("“The most unqualified child.” ― Francisco Herrero", "Francisco Herrero"),
        (
            "As the columnist Dana Cole had written a few years earlier, ''We could not"
            " have an industry without him.''",
            "Dana Cole",
        ),
        (
            "Ann Baxter spoke.\n\nMrs. Baxter kept a busy pace. In 2011 she spoke out"
            " for ''shotgun marriages'' as the solution.",
            "Ann Baxter",
        ),
        (
            "Carl Woods spoke.\n\n“Access is valuable,” said Woods, explaining he"
            " worked with Reyes, who was responsible for cleaning up the data and"
            " putting it into the file: “Dana is outstanding with data.”",
            "Carl Woods",
        ),
        (
            "Tom Reyes spoke. It is such a presence that Reyes during a Sunday thanked"
            " its members “for their support in my campaign.”",
            "Tom Reyes",
        ),
        (
            "Dana Cole, star of television’s “Harbor,” thanked Tom Reyes for “taking"
            " these steps.”",
            "Dana Cole",
        ),
        (
            "Tom Reyes said the members will still meet, but said, “It is time we"
            " change how we do it.”",
            "Tom Reyes",
        ),
        (
            "Michael Bloomberg spoke. Now Bloomberg says, “I am convinced.”",
            "Michael Bloomberg",
        ),
        (
            "Celebrities Amy Moore and Dana Cole were there. “We need action,” Moore"
            " said.",
            "Amy Moore",
        ),
        (
            "“They are 100 percent wrong,” said 9/11 widow Dana Cole.",
            "Dana Cole",
        ),
        (
            "“This story is pushed by the media,” Dana Cole, the director of the Harbor"
            " Center and whose work is in the film, told the Ledger.",
            "Dana Cole",
        ),
        (
            "“Will he resign? He must resign!” the party's nominee, Dana Cole, wrote.",
            "Dana Cole",
        ),
        (
            "Reporter Dana Cole tweeted back at Reyes, noting the irony of it coming"
            " from a candidate who promised mass deportation: “Your plan splits up"
            " families.”",
            "Dana Cole",
        ),
        (
            "Dana Cole, exasperated, responded: “What difference does it make?”"
            " Her critics cited it as evidence.",
            "Dana Cole",
        ),
        (
            "“We will win,” Tom Reyes said.\n\nCarl Woods, a consultant, is a"
            " voter who crossed party lines to vote for Reyes in the primary. “He"
            " would not have won without us,” he said.",
            "Carl Woods",
        ),
        (
            "“There never was such an order,” said the base chief known as Dana,"
            " speaking for the first time.",
            "Dana",
        ),
        (
            "“Nobody asked us!” wrote a user calling himself Carl Woods. Others"
            " agreed.",
            "Carl Woods",
        ),
    ],
)
def test_speaker_found_past_openers_places_and_appositions(text, speaker):
    quotes = extract(text)
    assert quotes, text
    assert quotes[-1].speaker == speaker


def test_a_new_sentence_with_a_colon_starts_a_new_utterance():
    text = (
        "Reyes could “sign an order,” said Carl Woods, head of the union. Reyes"
        " resisted:  “Governors do not have that power.”"
    )
    speakers = [q.speaker for q in extract(text)]
    assert speakers == ["Carl Woods", "Reyes"]


def test_a_plural_role_is_a_description_not_a_name():
    text = (
        "Attorneys for Baxter opposed the effort, saying that her account “was"
        " never the property of the State.”"
    )
    (quote,) = extract(text)
    assert quote.speaker != "Attorneys"


def test_two_named_speakers_joined_by_and_are_kept_together():
    text = (
        "POLLS WERE EARLY - Carl Woods and Dana Cole: “The polls ended too early.”"
        "\n\nThe feud between Baxter and Reyes goes on, as Reyes called it “a farce.”"
    )
    first, second = extract(text)
    assert first.speaker == "Carl Woods and Dana Cole"
    assert text[first.speaker_start : first.speaker_end] == "Carl Woods and Dana Cole"
    assert second.speaker == "Reyes"


@pytest.mark.parametrize(
    ("text", "speaker", "role"),
    [
        ("“The bank is fine,” C.E.O. Tim Sloan said.", "Tim Sloan", "C.E.O."),
        (
            "“It is over,” responded campaign chairman Dana Cole, adding that the race"
            " was done.",
            "Dana Cole",
            "campaign chairman",
        ),
        (
            "Filmmaker Jack Marino said, “At work you would be weeded out.”",
            "Jack Marino",
            "Filmmaker",
        ),
    ],
)
def test_role_words_are_split_off_the_name(text, speaker, role):
    (quote,) = extract(text)
    assert (quote.speaker, quote.role) == (speaker, role)


@pytest.mark.parametrize(
    ("text", "role"),
    [
        # An apposition after the name, ended by a comma, a full stop or a relative.
        (
            "“We are closed,” said Dana Cole, a spokeswoman for Harbor Hotels.",
            "spokeswoman for Harbor Hotels",
        ),
        (
            "Dana Cole, 54, the executive director of the U.S. Harbor Fund, said:"
            " “We are closed.”",
            "executive director of the U.S. Harbor Fund",
        ),
        (
            "“We are closed,” said Dana Cole, a spokeswoman for the hotels who spoke"
            " after the storm.",
            "spokeswoman for the hotels",
        ),
        # An apposition before the name, set off by a comma.
        (
            "“We are closed,” said a spokeswoman for the hotels, Dana Cole.",
            "spokeswoman for the hotels",
        ),
        ("“We are closed,” said the hotel's owner, Dana Cole.", "hotel's owner"),
        # "alleged" after an article is no speech verb, so the cue is "said".
        ("“We are closed,” the alleged owner, Dana Cole, said.", "alleged owner"),
        (
            "“We are closed,” according to the chain's top lawyer, Dana Cole.",
            "chain's top lawyer",
        ),
        # A title stays before the apposition; a courtesy title gives way to it.
        (
            "“We are ready,” said Gen. Dana Cole, chairman of the Joint Chiefs.",
            "Gen., chairman of the Joint Chiefs",
        ),
        ("“We are closed,” said Ms. Dana Cole, the hotels' owner.", "hotels' owner"),
        # The role given when the person is introduced stays with them.
        (
            "Dana Cole, a spokeswoman for the hotels, spoke first.\n\n“We are"
            " closed,” Dana Cole said.",
            "spokeswoman for the hotels",
        ),
    ],
)
def test_an_apposition_gives_the_speakers_role(text, role):
    (quote,) = extract(text)
    assert (quote.speaker, quote.role) == ("Dana Cole", role)


@pytest.mark.parametrize(
    "text",
    [
        # A clause, not an apposition: its subject follows the comma.
        "After meeting Dana Cole, the mayor said the hotels were “closed.”"
        " “We are closed,” Cole said.",
        # A list of names, and a sentence that only ends with a role noun.
        "Dana Cole, Tom Reyes and other owners met. “We are closed,” Cole said.",
        "Voters want a new mayor, Dana Cole said. “We are closed,” Cole said.",
        "He lost his job as a manager. Dana Cole said: “We are closed.”",
        "Critics say she would remember Dana Cole. “We are closed,” Cole said.",
    ],
)
def test_no_role_is_made_up_from_the_words_around_a_name(text):
    quote = extract(text)[-1]
    assert (quote.speaker, quote.role) == ("Dana Cole", "")


def test_a_role_never_tells_the_gender_by_a_name_or_an_ending_inside_it():
    # "freshman" is no man, and "aide to Mrs. Baxter" no woman: the pronoun after
    # each quote still goes to the speaker named in the sentence before.
    text = (
        "Ann Baxter spoke first.\n\n“It is over,” said Lena Dunmore, a freshman at"
        " Harbor State, who said she voted early.\n\n“It was easy,” she said."
    )
    assert extract(text)[-1].speaker == "Lena Dunmore"
    text = (
        "Ann Baxter spoke first.\n\n“It is over,” said Tom Reyes, an aide to Mrs."
        " Baxter, who said he voted early.\n\n“It was easy,” he said."
    )
    assert extract(text)[-1].speaker == "Tom Reyes"


def test_a_title_after_a_quote_does_not_make_it_a_split_piece():
    text = (
        "“We have had better conventions,” delegate Carl Woods, wearing a hat and"
        " “Ann Baxter” pins, said."
    )
    (quote,) = extract(text)
    assert quote.kind == "direct"


def test_a_report_closing_the_sentence_wins_over_a_later_participle():
    text = (
        "Tom Reyes’s “excesses” are sickening, Dana Cole said Tuesday in Harbor,"
        " noting that the nominee “makes you want to leave.”"
    )
    assert [(q.quote, q.speaker, q.cue) for q in extract(text)] == [
        ("excesses", "Dana Cole", "said"),
        ("makes you want to leave.", "Dana Cole", "noting"),
    ]


def test_the_subject_of_a_passive_speech_verb_is_not_the_speaker():
    text = "The group was branded “in homage to” Carl Woods, Dana Cole wrote."
    (quote,) = extract(text)
    assert quote.speaker == "Dana Cole"


@pytest.mark.parametrize(
    "text",
    [
        # A participle's object does not speak: "calling him" is said of Baxter.
        "Tom Reyes is attacking a rival: Carl Baxter.\n\nSpeaking at a town hall"
        " event in Salem, New Hampshire, Reyes went after Baxter, calling him “a"
        " total stiff.”\n\nHe says, “You would not hire him.”",
        # A name in a sentence's opening phrase is not its subject.
        "Tom Reyes wrote a book about it.\n\nIn an earlier article from Harbor"
        " Journalism, Reyes expressed concern about the vote.\n\nHe wrote, “The"
        " count is now poised to fail.”",
    ],
)
def test_a_pronoun_goes_back_to_the_subject_not_an_object(text):
    assert extract(text)[-1].speaker == "Tom Reyes"


def test_a_closing_mark_glued_to_the_next_sentence_still_ends_it():
    text = (
        "Reyes tweeted. “I love Harbor!”Former candidate Jeb Bush broke down what was"
        " wrong with it to the Dutch newspaper NRC Handelsblad: “It was insensitive.”"
    )
    quote = extract(text)[-1]
    assert (quote.speaker, quote.role) == ("Jeb Bush", "Former candidate")


def test_curly_marks_nest_inside_a_straight_quote():
    text = (
        'Dr. Cole stated:\n\n"The department is not about “Equal Justice” anymore. It'
        ' is about politics.\n\n"The solution is not politics."'
    )
    quotes = extract(text)
    assert [q.quote[:24] for q in quotes] == [
        "The department is not ab",
        "The solution is not poli",
    ]
    assert [q.speaker for q in quotes] == ["Cole", "Cole"]


def test_a_straight_quote_may_close_with_a_curly_mark():
    text = '"Oz has a huge pulpit,” said Dana Cole, a professor. “He can’t do that.”'
    assert [(q.quote, q.speaker) for q in extract(text)] == [
        ("Oz has a huge pulpit", "Dana Cole"),
        ("He can’t do that.", "Dana Cole"),
    ]


def test_a_transcript_label_owns_the_paragraphs_that_continue_it():
    text = (
        '"WALLACE: Do you really see those two as equal?\n\n"COLE: Well, look, Reyes'
        ' has been out there.\n\n"But the truth is that we focus on the issues.'
    )
    assert [q.speaker for q in extract(text)][-2:] == ["Cole", "Cole"]


def test_it_in_an_organisations_sentence_is_that_organisation():
    text = (
        "The Harbor Security Council on Friday condemned the test and pledged"
        ' sanctions as a deterrence to what it called "a clear threat to peace."'
    )
    assert extract(text)[0].speaker == "Harbor Security Council"


def test_a_new_sentence_with_its_own_cue_is_a_new_utterance():
    text = (
        "“We are shocked,” one employee told station WXYZ. He was a “respected"
        " manager,” Dana Cole said in a statement."
    )
    assert [(q.speaker, q.kind) for q in extract(text)] == [
        ("one employee", "direct"),
        ("Dana Cole", "partial"),
    ]


def test_an_inverted_cue_set_off_by_commas_after_a_partial_quote():
    text = (
        "Any ''cleareyed'' reading of the move, said Dana Cole, an expert at the"
        " Harbor Center, would see it as an admission."
    )
    assert extract(text)[0].speaker == "Dana Cole"


def test_a_quote_cut_by_a_nested_opener_is_two_pieces_of_one_utterance():
    text = (
        "Intro.\n\n“Ann Lee’s claim that a deal “has to do with trust” shows she has"
        " no clue,” said Dana Cole, president of the Group.\n\n“I would rather live"
        " in what he calls “hell” than live with him.” ― Tom Reyes\n"
    )
    quotes = extract(text)
    assert [q.quote for q in quotes] == [
        "Ann Lee’s claim that a deal",
        "has to do with trust",
        "I would rather live in what he calls",
        "hell",
    ]
    assert [q.speaker for q in quotes] == ["Dana Cole"] * 2 + ["Tom Reyes"] * 2
    assert quotes[0].group == quotes[1].group != quotes[2].group == quotes[3].group
    assert all(text[q.start : q.end] == q.quote for q in quotes)


def test_names_with_combining_accents_or_mojibake_stay_whole():
    nfd = (
        "“We will win,” said Jose\u0301 Marti\u0301nez, the mayor."
        " “It is time,” he added."
    )
    quotes = extract(nfd)
    assert [q.speaker for q in quotes] == ["Jose\u0301 Marti\u0301nez"] * 2
    assert all(nfd[q.start : q.end] == q.quote for q in quotes)
    assert nfd[quotes[0].speaker_start : quotes[0].speaker_end] == quotes[0].speaker
    garbled = "“It is an attack,” said President Fran\u00c3\u00a7ois Hollande."
    assert extract(garbled)[0].speaker == "Fran\u00c3\u00a7ois Hollande"
    assert extract(garbled)[0].role == "President"
    # A text that already holds a stand-in character is read as it is.
    odd = "“Fine,” said Jose\u0301 Lee \ua000."
    assert extract(odd)[0].quote == "Fine"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # A newsletter line names where the next lines come from.
        (
            "What it means for the race - More from Cole: “The map is a start.”\n",
            "Cole",
        ),
        # No speaking subject: the person who ends the sentence owns the quote.
        (
            "The timing does not surprise Republican pollster Dana Shaw: “Lesser-known"
            " candidates often get a boost.”\n",
            "Dana Shaw",
        ),
        # A sentence's first word is never an organisation speaking.
        ("Wait, it gets better:\n\n“By law, the cap is set every year.”\n", None),
    ],
)
def test_colon_introductions_without_a_speech_verb(text, speaker):
    assert [q.speaker for q in extract(text)] == [speaker]


def test_a_state_abbreviation_or_a_sentence_adverb_is_never_the_speaker():
    text = (
        "Tom Reyes said the plan was sound. His standing rose after the floods in"
        " Harbor City, Calif., and his call for “a total rebuild” of the levees.\n"
    )
    assert [q.speaker for q in extract(text)] == ["Tom Reyes"]
    text = (
        "Dana Cole spent little on ads. More importantly, two months out, her"
        " campaign said it was “a ground game now.”\n"
    )
    assert extract(text)[0].speaker != "More"


def test_a_person_just_introduced_with_a_role_is_the_next_he():
    text = (
        "While Tom Reyes had a band of artists writing songs for him, that has not"
        " happened for Lee, which worries Carl Woods, president of the Harbor"
        " Caucus.\n\n“No one is writing songs for Lee,” he said.\n"
    )
    assert extract(text)[0].speaker == "Carl Woods"
    # The sentence's own subject still wins over the person it introduces.
    text = (
        "Tom Reyes brought in a new manager, retired general Carl Woods, last month."
        " He praised the staff but said, “We are in a new game.”\n"
    )
    assert extract(text)[0].speaker == "Tom Reyes"


@pytest.mark.parametrize(
    "text",
    [
        # A preposition is never a speaker.
        "Reyes called the plan a ''giveaway'' for continuing to insist it was fair.\n",
        "[<a href='x'>A Rally “Anger in here is palpable” (with tweets)</a>.]\n",
        "When those voting “yes” were declared the winners, the hall cheered.\n",
        "The judge was unmoved. Reyes's “claim is speculative,” the order released"
        " Friday said.\n",
        # A section heading in capitals is not a speaker.
        "ABSTRACT.\n\nA short summary.\n\nFULL TEXT.\n\n“The economy matters most.”\n",
        # Nor is a determiner opening its sentence.
        "Such is the latest revenge: a play called “Sons of Reyes” in the city.\n",
    ],
)
def test_function_words_and_headings_are_never_speakers(text):
    speakers = [q.speaker for q in extract(text)]
    assert not {"for", "with", "were", "released", "FULL TEXT", "Such"} & set(speakers)


def test_a_sentence_opening_outside_a_place_leads_into_its_subject():
    text = (
        "Outside the arena in Harbor City, Dana Cole held a sign, saying the mayor"
        " was “a disgrace to the city.”\n"
    )
    assert extract(text)[0].speaker == "Dana Cole"
    text = "Outside the arena, protesters held signs, saying he is “a disgrace.”\n"
    assert extract(text)[0].speaker != "Outside"


def test_first_person_quotes_are_the_writers_when_one_is_named():
    text = "“Your Honor,” I said, “I regret it.” The judge nodded. “Fine,” he said.\n"
    assert [q.speaker for q in extract(text)] == [None, None, None]
    quotes = extract(text, writer="Dana Cole")
    assert [q.speaker for q in quotes] == ["Dana Cole", "Dana Cole", None]
    assert text[quotes[0].speaker_start : quotes[0].speaker_end] == "I"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "His focus on what several lawmakers called “fraud” led to calls to go.\n",
            "several lawmakers",
        ),
        (
            "Tunnels are so common there that Border Patrol agents described the ground"
            " as “Swiss cheese.”\n",
            "Border Patrol agents",
        ),
    ],
)
def test_a_clause_opener_is_not_part_of_the_speaker(text, speaker):
    quote = extract(text)[0]
    assert quote.speaker == speaker
    assert text[quote.speaker_start : quote.speaker_end] == speaker


def test_a_statement_speaks_for_whoever_issued_it():
    text = (
        "The paper said Dana Cole provided a written statement.\n\n"
        "“It was a mistake,” the statement said in part.\n"
    )
    assert extract(text)[0].speaker == "Dana Cole"
    # With no issuer in sight, the statement itself is the speaker, not nobody.
    assert extract("“It was a mistake,” the statement said.\n")[0].speaker == (
        "the statement"
    )
    # "in a statement" is still how someone spoke, not who.
    text = "Dana Cole in a statement Monday said it was “a mistake.”\n"
    assert extract(text)[0].speaker == "Dana Cole"


def test_a_pronoun_never_means_a_person_named_later_in_its_own_clause():
    text = (
        "Glenn Beck spoke in Indiana. The radio host has filled his speeches for "
        "Tom Cole with imagery. He has declared Cole to be “anointed” by God.\n"
    )
    # "He has declared Cole …": whoever he is, he is not Cole.
    assert extract(text)[0].speaker == "Glenn Beck"
    text = (
        "Alan Garten, a lawyer, said Dan Cole was “wrong.” "
        "He said Cole was bound by “a standard agreement.”\n"
    )
    assert [q.speaker for q in extract(text)] == ["Alan Garten", "Alan Garten"]
    # A possessive or a modifier after the pronoun may be the pronoun's own.
    text = (
        "Tom Reyes spoke first. And he wants no fight, recalling how rivals used "
        "Mr. Reyes's remark that it was “a fairy tale.”\n"
    )
    assert extract(text)[0].speaker == "Tom Reyes"


def test_a_pronoun_in_the_next_paragraph_casts_no_gender_vote():
    text = (
        "Tom Reyes's lawyer, Alan Garten, said Dana Cole was “looking for "
        "publicity.” He said Cole was bound by “a standard agreement.”\n\n"
        "“We will enforce it,” Garten said.\n\n"
        "Campaign spokeswoman Hope Hicks said staff sign such deals, though she "
        "did not discuss their terms.\n"
    )
    # The "she" in the next paragraph is Hicks's, not a vote that Garten is a woman.
    assert extract(text)[1].speaker == "Alan Garten"


@pytest.mark.parametrize(
    "opening",
    [
        "Indeed, ",
        "Specifically, ",
        "On the other hand, ",
        "Still, ",
        # A prepositional phrase may name a group, capitalised or hyphenated.
        "For Harbor-City voters, on the other hand, ",
    ],
)
def test_a_quote_after_an_adverbial_opening_goes_on_in_the_same_voice(opening):
    text = f"He concluded, “There is no case.” {opening}“We cite a dozen cases.”\n"
    text = "Tom Reyes spoke last. " + text
    assert [q.speaker for q in extract(text)] == ["Tom Reyes", "Tom Reyes"]
    # An opening that holds a speaker of its own is no adverb.
    text = "Pelosi told a story. Another child responded, “That's her husband.”\n"
    assert extract(text)[0].speaker != "Pelosi"


def test_who_asks_in_a_when_clause_is_not_who_answers_next():
    text = (
        "Speaker Paul Ryan spoke on Sunday.\n\n"
        "Ryan also did not exude confidence when Tom Reyes asked whether "
        "the party would hold the House.\n\n"
        "“I just think you always run like everything is on the line,” he said.\n"
    )
    assert extract(text)[0].speaker == "Paul Ryan"
    # Outside such a clause, the one who asks is still the likelier voice.
    text = text.replace("when Tom Reyes asked", "and Tom Reyes asked")
    assert extract(text)[0].speaker == "Tom Reyes"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "The two lawmakers, however, argue that “there is precedent.”\n",
            "The two lawmakers",
        ),
        ("Freddy circled the boat as his friends jeered, “Goodbye!”\n", "his friends"),
        (
            "Tom Reyes tried to laugh it off by interjecting, “Only on Tuesdays.”\n",
            "Tom Reyes",
        ),
    ],
)
def test_more_speech_verbs(text, speaker):
    assert extract(text)[0].speaker == speaker


def test_a_surname_two_people_share_goes_to_the_one_of_the_pronouns_gender():
    people = (
        "Sen. Tom Cole spoke first. Ann Marie Cole, a teacher, died in 2012. "
        "Ann Marie Cole was 52. Ed Park spoke at the service.\n\n"
    )
    # "Cole" alone is most often Ann Marie Cole here, but "he" is Tom Cole.
    text = people + "Cole has made guns his cause. “It is a test,” he told me.\n"
    assert extract(text)[0].speaker == "Tom Cole"
    # Unless the text itself says which Cole it was: "Cole on her award".
    text = people + "Ed Park praised Cole on her award. “It is a test,” he said.\n"
    assert extract(text)[0].speaker == "Ed Park"


def test_a_name_after_the_pronoun_that_already_spoke_in_its_sentence_is_not_it():
    text = (
        "Dana Cole shook her head.\n\n"
        "Over the years, she said, email kept her close to Ann Baxter, although "
        "she admitted “emails can be a curse.”\n"
    )
    assert extract(text)[0].speaker == "Dana Cole"


def test_a_lone_surname_that_speaks_is_an_antecedent_even_never_given_in_full():
    text = (
        "Voters like Tyra Price worry. McPrice said Clinton does not show "
        "consistency.\n\n“It is not something she says often,” she said.\n"
    )
    # "McPrice" (the article's own spelling) is never given in full, but speaks.
    assert extract(text)[0].speaker == "McPrice"


@pytest.mark.parametrize(
    ("text", "speaker", "mention"),
    [
        (
            "Sen. Rafael “Ted” Cole said the plan was “a disaster.”\n",
            "Rafael Cole",
            "Sen. Rafael “Ted” Cole",
        ),
        (
            '"It is a big year," state Del. Marcia "Cia" Lopez, shouted.\n',
            "Marcia Lopez",
            'Del. Marcia "Cia" Lopez',
        ),
        ("“We won,” said C.L. “Butch” Otter.\n", "C.L. Otter", "C.L. “Butch” Otter"),
        (
            "''We won,'' said Juan ''Chico'' Ortiz.\n",
            "Juan Ortiz",
            "Juan ''Chico'' Ortiz",
        ),
    ],
)
def test_a_quoted_nickname_is_no_quote_and_keeps_the_name_whole(text, speaker, mention):
    (quote,) = extract(text)
    assert quote.speaker == speaker
    assert text[quote.speaker_start : quote.speaker_end] == mention
    assert text[quote.start : quote.end] == quote.quote


def test_a_one_word_answer_before_a_day_is_still_a_quote():
    text = "Asked whether she would run, Dana Cole told Sarah “Yes” Monday.\n"
    assert [q.quote for q in extract(text)] == ["Yes"]


def test_a_second_quote_with_its_own_inverted_cue_is_its_speakers():
    text = (
        "“He will have to stop,” said Sen. Dana Cole. “He will have to earn it,” "
        "added Rep. Ann Marie Baxter.\n"
    )
    quotes = extract(text)
    assert [q.speaker for q in quotes] == ["Dana Cole", "Ann Marie Baxter"]
    assert [q.kind for q in quotes] == ["direct", "direct"]
    # With no cue of its own, the second piece is still the first speaker's.
    text = "“He will have to stop,” said Sen. Dana Cole. “He will have to earn it.”\n"
    assert [q.kind for q in extract(text)] == ["split", "split"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Good information drives out bad only when “the truth is sexier.”",
        "Federal labor groups long fought “inherently governmental” jobs.",
    ],
)
def test_a_common_word_opening_a_sentence_is_no_speaker(sentence):
    text = (
        f"Tom Reyes spoke on Monday.\n\nIt is good news for federal staff. {sentence}\n"
    )
    assert extract(text)[0].speaker is None
    # A plural noun is a description that may speak; "Will" before a verb is a name.
    assert extract("Protesters marching by chanted “What curfew?”\n")[0].speaker == (
        "Protesters"
    )
    assert extract("Will said the plan was “a bluff,” and good.\n")[0].speaker == "Will"


@pytest.mark.parametrize(
    "text",
    [
        # The pronoun after the opening clause is the sentence's subject: Carl
        # Woods, named after it, is who it talks about.
        pytest.param(
            "Tom Reyes spoke to the magazine.\n\n“I am center-right,” Reyes said.\n\n"
            "When the interview steered Reyes toward the race, he offered his"
            " thoughts on how front-runner Carl Woods argued that the race was"
            " over.\n\n“I think it is funny,” he said.\n",
            id="pronoun-of-a-main-clause",
        ),
        # "Woods's claims": the word after an owner is a noun, not his speech.
        pytest.param(
            "Tom Reyes, the former ambassador, wants Harbor to rebut Carl Woods's"
            " claims. The new strategy is a “very welcome tack,” he said.\n",
            id="owner-before-a-speech-verb",
        ),
        # A watchdog named "… Watch" is an organisation, not a "he".
        pytest.param(
            "Pastor Tom Reyes slammed the scouts on his weekly radio show,"
            " “Generations with Tom Reyes,” Right Wing Watch first reported.\n\n"
            "He then implied that scout leaders should be put to death, by having"
            " “a millstone be hanged” around their necks.\n",
            id="watch-is-an-organisation",
        ),
    ],
)
def test_names_that_are_no_antecedent_of_a_later_pronoun(text):
    assert extract(text)[-1].speaker == "Tom Reyes"


def test_a_quote_paragraph_signed_on_the_next_line_is_the_signers():
    text = (
        "Tom Reyes wants a balanced budget.\n\n"
        '"I worry that we may see a return of the balanced-budget crowd.\n'
        'Dana Cole, Harbor Policy Institute."\n\n'
        '"We will need stimulus again.\n\nCarl Woods, Economic Policy Center."\n'
    )
    assert [q.speaker for q in extract(text)] == ["Dana Cole", "Carl Woods"]
    # A line that only opens with a name and a comma is a sentence, not a signature.
    for line in (
        "Dana Cole, the owner, said nothing more about the storm that day.",
        "Dana Cole, Harbor's mayor, left.",
        "Dana Cole, Mayor Reyes said.",
    ):
        text = f'"We are open," Tom Reyes said.\n\n"We are closed."\n\n{line}\n'
        assert [q.speaker for q in extract(text)] == ["Tom Reyes", "Tom Reyes"]


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ('"The war is a reminder," Will wrote.', "George Will"),
        (
            'While Will acknowledges the mayor\'s appeal as a "forceful persona," '
            "he prefers the governor.",
            "George Will",
        ),
        ('"We will see," May said.', "Ann May"),
    ],
)
def test_a_name_that_is_also_an_auxiliary_speaks(sentence, speaker):
    text = f"Columnist George Will and Senator Ann May spoke.\n\n{sentence}\n"
    assert [q.speaker for q in extract(text)] == [speaker]


def test_an_auxiliary_in_a_title_case_headline_is_no_name():
    text = 'Reyes Will Say "No" To A Debate\n\n"I will not debate," Tom Reyes said.\n'
    assert all(q.speaker != "Reyes Will" for q in extract(text))


def test_a_participle_after_the_quote_reports_an_organisations_words():
    text = (
        'The Harbor Foundation did not want to address "that man," telling a '
        'station that it is focused on "ending violence."\n'
    )
    assert [q.speaker for q in extract(text)] == ["Harbor Foundation"] * 2


def test_the_subject_after_an_opening_phrase_and_its_apposition_speaks():
    text = (
        "Preceded at the lectern by Carl Woods, the county sheriff, Dana Cole "
        'launched into a lament for the "forgotten families" who are "victims '
        'of neglect."\n'
    )
    quotes = extract(text)
    assert [(q.speaker, q.role) for q in quotes] == [("Dana Cole", "")] * 2


def test_two_people_with_roles_after_the_quote_speak_together():
    text = (
        '"We can only wonder what the intent is," state Senate leader Tom Reyes and '
        "House Speaker Carl Woods, both Republicans, said in a statement.\n\n"
        'The Harbor League said it would "support the nominee," while Sen. Dana '
        "Cole and Rep. Ann Lee suggested they would not.\n"
    )
    assert [q.speaker for q in extract(text)] == [
        "Tom Reyes and Carl Woods",
        "Harbor League",
    ]


@pytest.mark.parametrize(
    ("sentence", "role"),
    [
        ("WASHINGTON — Sen. Tom Reyes spoke on Monday.", "Sen."),
        (
            "Harbor, Ohio (AP) — Republican candidate Tom Reyes spoke.",
            "Republican candidate",
        ),
        ("Voters who left Sen. Tom Reyes spoke on Monday.", "Sen."),
        ("The party has chosen Harbor Mayor Tom Reyes to speak.", "Harbor Mayor"),
        ("Nothing can deny insurgent Tom Reyes a win.", "insurgent"),
        ("Even HBO comedian Tom Reyes spoke on Monday.", "HBO comedian"),
        (
            "Critics singled out campaign manager Tom Reyes on Monday.",
            "campaign manager",
        ),
        (
            "The syndicated radio host Tom Reyes spoke on Monday.",
            "syndicated radio host",
        ),
        ("The retired Gen. Tom Reyes spoke on Monday.", "retired Gen."),
        (
            "Harbor’s newly elected mayor Tom Reyes spoke on Monday.",
            "Harbor’s newly elected mayor",
        ),
    ],
)
def test_a_role_before_a_name_starts_after_a_dateline_a_verb_or_an_adverb(
    sentence, role
):
    text = f'{sentence}\n\n"We will win," Reyes said.\n'
    assert [q.role for q in extract(text)] == [role]


@pytest.mark.parametrize(
    ("sentence", "role"),
    [
        ('"We will win," Mr. Reyes said.', ""),
        ("‘Stop The Count.’ Ohio Sen. Tom Reyes spoke on Monday.", "Ohio Sen."),
        (
            "He heard Tom Reyes, president of the Harbor Growers Association.",
            "president of the Harbor Growers Association",
        ),
        ("The talk show host Tom Reyes spoke on Monday.", "talk show host"),
    ],
)
def test_a_role_is_what_the_person_does_not_a_courtesy_or_a_headline(sentence, role):
    text = f'Tom Reyes arrived.\n\n{sentence}\n\n"We will win," Reyes said.\n'
    assert {q.role for q in extract(text)} == {role}


def test_each_quote_says_how_its_speaker_was_found_and_how_sure_that_is():
    text = (
        "Tom Reyes, the mayor, spoke on Monday.\n\n"
        '"We will win," Reyes said. "We always do."\n\n'
        '"It is late," he said.\n\n'
        '"Go home," said Dana Cole.\n\n'
        'Dana Cole said: "Not yet."\n\n'
        '"Nobody knows."\n'
    )
    quotes = extract(text)
    assert [(q.attribution, q.speaker) for q in quotes] == [
        ("post", "Tom Reyes"),
        ("split", "Tom Reyes"),
        ("post", "Tom Reyes"),
        ("inverted", "Dana Cole"),
        ("pre", "Dana Cole"),
        ("follow", "Dana Cole"),
    ]
    # A resolved pronoun is less sure than the name itself.
    assert quotes[2].confidence < quotes[0].confidence
    assert all(0.0 < q.confidence < 1.0 for q in quotes)
    unattributed = extract('"Nobody knows."\n')
    assert [(q.speaker, q.attribution) for q in unattributed] == [(None, "")]
    assert unattributed[0].confidence < min(q.confidence for q in quotes)


@pytest.mark.parametrize(
    "between",
    [
        "At 29 years old, she still lives at home, her walls covered with posters "
        "of Ann Baxter and Tom Reyes.",
        "Dismayed by Ann Baxter’s years in office, she's committed to the senator.",
        "Things have changed, she says, since a mayor (think Ann Baxter) could "
        "hide her behavior.",
    ],
)
def test_a_sentence_led_by_the_same_pronoun_names_no_antecedent(between):
    # That sentence's subject, after its opening phrase, is the "she" who speaks
    # next: the names inside it are people she talks about.
    text = (
        f"Dana Cole, a nurse from Hemet, is among the voters the party lost. "
        f"{between}\n\n“I will not vote this year,” she said.\n"
    )
    assert extract(text)[0].speaker == "Dana Cole"


def test_a_given_name_the_census_knows_tells_a_speakers_sex():
    # "Marvin" is in no hand-written list; the census names say he is a man, so the
    # "she" after his name is somebody else and the "he" who speaks is him.
    text = (
        "“She was generous,” a friend, Lena Okafor, told reporters.\n\n"
        "Marvin Tate, a pastor in Hemet, said that she was a regular at the church. "
        "“She is a kind woman,” he added.\n"
    )
    assert [q.speaker for q in extract(text)][-1] == "Marvin Tate"
    assert gender("Marvin Tate") == "m" and gender("Gwendolyn Tate") == "f"
    assert gender("Dana Tate") == "f"  # the hand-written lists come first
    assert gender("Jordan Tate") == gender("Lu Kang") == ""  # shared or rare: unknown


def test_a_given_name_before_a_surname_that_is_also_a_places_word_is_a_person():
    # "Park" names parks too, but "Lena" is a given name: Lena Park is the "she".
    text = (
        "Dana Cole disagreed. “There will be no delays,” she said.\n\n"
        "Lena Park was more hopeful. “Maybe it will help,” she said.\n"
    )
    assert [q.speaker for q in extract(text)] == ["Dana Cole", "Lena Park"]
    assert not looks_like_person("Roman Catholic Church")


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        (
            "In a clip that Judge Ann Baxter called “distasteful,” Tom Reyes "
            "expressed a wish to leave.",
            "Ann Baxter",
        ),
        # Passive: nobody named before the quote called it that.
        (
            "The work could be termed “influence peddling,” Tom Reyes wrote.",
            "Tom Reyes",
        ),
    ],
)
def test_the_verb_that_names_a_quote_outranks_a_cue_after_it(sentence, speaker):
    assert extract(sentence + "\n")[0].speaker == speaker


def test_a_sentence_with_the_pronoun_as_a_speech_tag_still_names_the_antecedent():
    # "…, he says" after a main clause is a speech tag, not a subject after an
    # opening phrase: the name before it is who "he" is.
    text = (
        "Carl Woods, a lawyer, will vote in Tampa. Tom Reyes would have voted for "
        "Dana Cole anyway, he says. Still, he says, the race has dampened his "
        "enthusiasm.\n\n“I am not excited this year,” he says.\n"
    )
    assert extract(text)[0].speaker == "Tom Reyes"


@pytest.mark.parametrize(
    "sentence",
    [
        "Someone called it a “quiet revolution,” and I agree.",
        "Others, reacting to the delay, shouted, “Stop the coverup!”",
        "Thirty percent of voters “strongly agree” with the plan.",
        "Oct. 31, 2012 The “hug.”",
    ],
)
def test_an_indefinite_word_a_number_or_a_month_names_nobody(sentence):
    # The text does not say who spoke: no speaker, rather than "Someone".
    quote = extract(f"The race tightened in Harbor.\n\n{sentence}\n")[0]
    assert quote.speaker is None and quote.speaker_start is None
    # A number word opens a phrase of time, not a share of people: who the
    # remarks are by does not say them.
    text = (
        "Forty-one percent of respondents say Tom Reyes’s comments on the video are"
        " “completely unacceptable,” while 31 percent call them “typical.”\n"
    )
    assert [q.speaker for q in extract(text)] == [None, None]
    # A person named as one of them speaks.
    text = "Others, like Ann Lee of the Harbor Institute, called it “overdue.”\n"
    quote = extract(text)[0]
    assert quote.speaker == text[quote.speaker_start : quote.speaker_end] == "Ann Lee"


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        (
            "Thirteen years earlier, she had voted for the plan from “the view of a "
            "senator.”",
            "Ann Baxter",
        ),
        (
            "At a forum that month in Aspen, Colo., the former executive ended her "
            "speech by quoting a painter: “Every obstacle yields.”",
            "Ann Baxter",
        ),
        (
            "After the attack in Harbor, Calif., a familiar voice celebrated on "
            "Twitter: “We have arrived.”",
            None,
        ),
    ],
)
def test_an_opening_phrase_leads_in_to_the_subject(sentence, speaker):
    # A number word opens a phrase like "Two years earlier,"; "Calif." is two
    # tokens, the word and its dot, and the place ends after them.
    text = f"Ann Baxter, a former executive, spoke on Monday.\n\n{sentence}\n"
    assert extract(text)[-1].speaker == speaker


def test_a_word_that_only_opens_a_sentence_ends_one_after_an_abbreviation():
    # "U.S. While …" and "10 a.m. The …" are two sentences; "U.S. Sen." is not.
    text = (
        "Reyes wants to ban imports to the U.S. While Dana Cole opposes him, the "
        "firms say they are “deeply concerned.”\n\n"
        "He met U.S. Sen. Ann Lee, who said it was “fine.”\n"
    )
    assert [q.speaker for q in extract(text)] == ["the firms", "Ann Lee"]


def test_a_plural_noun_before_a_given_name_is_no_part_of_the_name():
    quotes = extract(
        "Celebrities Marvin Tate and Dana Cole backed it. Tate thanked "
        "him for “stepping up.”\n"
    )
    assert quotes[0].speaker == "Marvin Tate"


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("The firms said it was “a concern.”", "The firms"),
        ("The agencies warned that it was “a concern.”", "The agencies"),
        (
            "Multiple outlets reported that he had “more than one talk.”",
            "Multiple outlets",
        ),
        # A place is no body that speaks.
        ("Marchers in the streets chanted “What curfew?”", "Marchers"),
    ],
)
def test_bodies_that_speak_together_are_speakers(sentence, speaker):
    assert extract(sentence + "\n")[0].speaker == speaker


def test_a_title_before_a_cue_is_no_first_piece_of_a_split_quote():
    text = "In an interview on “Sunday Table,” Dana Cole said: “We will stay.”\n"
    (quote,) = extract(text)
    assert (quote.quote, quote.speaker) == ("We will stay.", "Dana Cole")
    assert quote.kind == "direct" and quote.attribution != "split"


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        (
            "The report, released by the Harbor Institute on Tuesday, concluded "
            "that the policy was “largely ineffective.”",
            "The report",
        ),
        ("The lawsuit contends that the city was “reckless.”", "The lawsuit"),
        ("The ad says “nothing will change.”", "The ad"),
        ("The sign read “Welcome, Mr. President.”", "The sign"),
    ],
)
def test_a_document_that_reports_speaks(sentence, speaker):
    assert extract(sentence + "\n")[0].speaker == speaker


def test_a_pronoun_after_a_described_speaker_is_that_speaker():
    # Only a description names her, but she just spoke: not the lawyer before.
    text = (
        "His lawyer, Naomi Fischer, argued that the case was “thin.”\n\n"
        "Bell’s mother said she was “proud of him.” “He is a good son,” she said.\n"
    )
    assert [q.speaker for q in extract(text)][-1] == "Bell’s mother"
    # Only where that speaker is named: not the same words in someone's apposition.
    text = (
        "“No comment,” a spokeswoman said.\n\nDana Cole, a spokeswoman for the"
        " ministry, linked it to the vote. “It is wrong,” she wrote.\n"
    )
    assert [q.speaker for q in extract(text)] == ["a spokeswoman", "Dana Cole"]


def test_a_short_capitalised_second_piece_goes_on_the_first():
    text = (
        "“I have never seen anything like it,” said Rep. Dana Cole. “Never.”\n\n"
        "“We have a common enemy,” Tom Reyes told delegates. “Marvin Tate.”\n\n"
        "“It was fine,” said Ann Lee, before the event, a “No-Frills” barbecue.\n"
    )
    quotes = extract(text)
    assert [(q.quote, q.speaker, q.kind) for q in quotes] == [
        ("I have never seen anything like it", "Dana Cole", "split"),
        ("Never.", "Dana Cole", "split"),
        ("We have a common enemy", "Tom Reyes", "split"),
        ("Marvin Tate.", "Tom Reyes", "split"),
        ("It was fine", "Ann Lee", "direct"),
    ]


@pytest.mark.parametrize("place", ["", " on camera"])
def test_the_one_spoken_to_who_answers_speaks_the_answer(place):
    text = (
        f"“Go to the refuge,” Tom Reyes says to Carl Woods{place}, who responds:"
        " “Okay!”\n"
    )
    answer = extract(text)[1]
    assert (answer.speaker, answer.attribution) == ("Carl Woods", "pre")


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        # "WHO" is an organisation, not the pronoun; "Director-General" a title.
        (
            "“We are optimistic,” WHO Director-General Tedros Adhanom Ghebreyesus"
            " told reporters.",
            "Tedros Adhanom Ghebreyesus",
        ),
        ("“We are optimistic,” US officials told reporters.", "US officials"),
        # The apposition after a body's name ending in "and …" is who speaks.
        (
            "A spokeswoman for the Centers for Disease Control and Prevention, Ann"
            " Lee, said the agency was “monitoring the situation.”",
            "Ann Lee",
        ),
    ],
)
def test_acronyms_hyphenated_titles_and_long_bodies_before_a_name(sentence, speaker):
    assert extract(sentence + "\n")[0].speaker == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Voters were split. Her husband, Jim, shook his head. “He is all talk,”"
            " he said.\n",
            "Jim",
        ),
        (
            "Tom Reyes spoke first. The woman identified herself as a resident named"
            " Caroline.\n\n“He truly cares,” she said.\n",
            "Caroline",
        ),
        # A given name that is no apposition is no antecedent: "Freddy was dead".
        (
            "Tom Reyes spoke of his brother. Four years later, Freddy was dead.\n\n"
            "“He was a peacemaker,” he said.\n",
            "Tom Reyes",
        ),
    ],
)
def test_a_lone_given_name_set_off_as_an_apposition_is_an_antecedent(text, speaker):
    assert extract(text)[-1].speaker == speaker


def test_a_given_name_after_a_named_persons_kin_takes_the_family_name():
    text = "Reyes’s wife, Ana, spoke first. “He is kind,” she said.\n"
    (quote,) = extract(text)
    assert (quote.speaker, quote.role) == ("Ana Reyes", "Reyes’s wife")


def test_a_lone_given_name_expands_to_the_one_full_name_that_starts_with_it():
    text = (
        "Fox host Megyn Kelly interviewed him on Monday. “Only you,” Megyn said.\n\n"
        "Tom Reyes and Tom Lee met. “Fine,” Tom said.\n"
    )
    # Two full names start with "Tom": which one is not for us to guess.
    assert [q.speaker for q in extract(text)] == ["Megyn Kelly", "Tom"]


def test_common_occupations_are_roles_and_speakers():
    text = (
        "Janet Wu, a nurse, said the plan was “fine.”\n\n"
        "The nurse added that it was “overdue.”\n"
    )
    quotes = extract(text)
    assert [(q.speaker, q.role) for q in quotes] == [("Janet Wu", "nurse")] * 2


def test_a_participle_borrows_the_main_clause_not_a_relative_clause():
    text = (
        "Tom Reyes was defensive when forced to defend not paying a lawyer who"
        " said he was stiffed, saying, “Maybe he did not do a good job.”\n"
    )
    assert extract(text)[0].speaker == "Tom Reyes"


def test_a_title_before_a_name_never_given_in_full_is_the_role():
    text = "“We will win,” President Biden said.\n\n“We will win,” Sen. Cole said.\n"
    assert [(q.speaker, q.role) for q in extract(text)] == [
        ("Biden", "President"),
        ("Cole", "Sen."),
    ]
