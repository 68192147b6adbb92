"""Word lists the extractor matches against: cues, titles, pronouns, name parts."""

from __future__ import annotations

import re


def words(block: str) -> frozenset[str]:
    """Return the whitespace-separated words of ``block``."""
    return frozenset(block.split())


# Speech and attribution cues, inflected. Multi-word cues come first in the regex.
CUE_PHRASES = (
    "according to",
    "pointed out",
    "went on",
    "chimed in",
    "referred to",
    "spelled out",
    "weighed in",
    "summed up",
    "followed up",
    "shot back",
    "fired back",
    "put it",
    "puts it",
    "points out",
    "point out",
    "goes on",
    "spells out",
    "made clear",
    "made it clear",
    "makes clear",
    "makes it clear",
)
CUE_WORDS = words(
    """
    said says say saying told tells tell added adds add warned warns warning
    explained explains stated states noted notes wrote writes write writing asked asks
    argued argues insisted insists declared declares claimed claims recalled recalls
    remarked replied replies responded responds continued continues concluded concludes
    contended contends acknowledged acknowledges admitted admits announced announces
    observed observes quipped quips joked jokes tweeted tweets posted posts suggested
    suggests stressed stresses emphasized emphasizes emphasised cautioned cautions
    complained complains conceded concedes countered counters predicted predicts
    promised promises vowed vows urged urges shouted yelled screamed lamented laments
    mused muses boasted boasts bragged brags echoed echoes pledged pledges thundered
    testified testifies charged charges alleged alleges reported reports read reads
    described describes called calls dubbed labeled labelled branded praised criticized
    criticised blasted blasts slammed slams mocked mocks accused accuses agreed agrees
    disagreed explaining adding noting saying telling arguing insisting asking
    questioned wondered wonders exclaimed proclaimed proclaims opined conceded
    reiterated reiterates affirmed assured assures demanded demands sighed laughed
    scoffed snapped retorted began begins concluded offered offers recounted
    explains characterized characterizes touted touts hailed hails decried decries
    denounced denounces derided derides dismissed dismisses ridiculed griped grumbled
    predicted speculated speculates reasoned reasons stated acknowledged maintained
    maintains conceded confirmed confirms denied denies advised advises wrote
    concluding cautioning warning calling describing declaring telling thanked written
    interjected blogged texted emailed sings sang chanted intoned boomed barked
    whispered muttered pleaded begged ordered instructed commented editorialized
    summarized wondered pondered marveled gushed raved fumed seethed groused huffed
    sniffed posited theorized estimated figured quoted quoting citing cited
    explaining recalling insisting stating tweeting posting writing responding
    replying acknowledging admitting announcing claiming complaining arguing
    joking quipping predicting promising vowing urging adding noting asking
    remembered remembers reflected reflects recalled cites cite beamed exulted crowed
    cracked chuckled deadpanned cautions marvels gushes fumes insist insisted
    yelling shouting screaming chanting yelled chanted lecturing elaborated elaborates
    elaborating clarified clarifies explains reasoned surmised surmises pointed
    answered answers asserted asserts reacted reacts
    exhorted exhorts exhorting implored implores imploring offering lamenting
    boasting bragging pleading begging conceding confessed confesses confessing
    volunteered protested fretted frets bemoaned bemoans hinted hints teased
    proclaiming stressing emphasizing reiterating musing griping pledging
    threatened threatens threatening confirming denying accusing blasting slamming
    mocking praising criticizing labeling touting hailing countering retorting
    reminded reminds reminding assuring advising pressed interrupted interjects
    expressed expresses expressing retaliated quip
    interjecting remarking asserting denouncing jeered implied implies
    argue vented respond reply warn
    cautioned quipped conceded
    confided confides confiding revealed reveals
    disclosed discloses divulged
    """
)


def _trie_pattern(words: list[str]) -> str:
    """Return a regex alternation of ``words`` factored by prefix (fast in re)."""
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        branches = [
            re.escape(char) + emit(child)
            for char, child in sorted(node.items())
            if char
        ]
        optional = "" in node
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if optional:
            body = "(?:" + body + ")?"
        return body

    return emit(trie)


_CUES = sorted(
    CUE_WORDS
    | set(CUE_PHRASES)
    | {"Said", "Says", "Added", "Asked", "Wrote", "Writes", "Tweeted", "Warned"}
    | {"According to"}
)
# One prefix tree for every cue, behind a look-ahead on the first letters: re then
# rejects most positions at once, which makes the scan about a third faster.
CUE_RE = re.compile(
    r"\b(?=["
    + "".join(sorted({cue[0] for cue in _CUES}))
    + r"])(?:"
    + _trie_pattern(_CUES).replace(re.escape(" "), r"\s+").replace(" ", r"\s+")
    + r")\b"
)
# Verbs that alone make a strong speech frame around a full quote.
STRONG_CUES = words(
    """
    said says told tells added adds warned explained stated noted wrote writes asked
    argued insisted declared claimed recalled remarked replied responded continued
    concluded contended acknowledged admitted announced observed quipped joked tweeted
    posted stressed emphasized cautioned complained conceded countered predicted
    promised vowed urged shouted yelled screamed lamented mused boasted bragged
    echoed pledged thundered testified exclaimed retorted reiterated answered asserted
    """
)

PERSON_PRONOUNS = {"he": "m", "she": "f", "him": "m", "her": "f", "i": "", "we": ""}
GROUP_PRONOUNS = words("they it")
PRONOUNS = frozenset(PERSON_PRONOUNS) | GROUP_PRONOUNS

# Capitalised verbs that end a name in a headline ("Baxter Wins Ohio").
HEADLINE_VERBS = words(
    """
    wins loses slams blasts rips backs endorses unveils beats leads takes gets makes
    hits attacks mocks praises joins quits drops pulls vows urges warns sues signs
    """
)
# Words that are a title or role when they come before a name ("Sen. Dana Cole").
TITLES = words(
    """
    mr mr. mrs mrs. ms ms. dr dr. sen sen. rep rep. gov gov. gen gen. lt lt. col col.
    adm adm. sgt sgt. capt capt. maj maj. cmdr cmdr. rev rev. hon hon. prof prof. pres
    del.
    pres. st. sir dame lord lady president vice senator congressman congresswoman
    representative governor secretary general admiral colonel captain sergeant judge
    justice chief chairman chairwoman chair speaker leader minister ambassador mayor
    attorney prosecutor director commissioner spokesman spokeswoman spokesperson
    press adviser advisor aide strategist pollster analyst professor economist
    candidate nominee rev. pastor pope king queen prince princess sheriff officer
    agent detective deputy former then-candidate host anchor correspondent reporter
    columnist editor author writer founder executive manager treasurer chancellor
    premier coach senior junior associate assistant counsel lawyer activist
    businessman businesswoman billionaire mogul star actor actress comedian singer
    rapper owner president-elect then-president then-secretary sen.-elect lieut. supt.
    consultant operative organizer chief-of-staff surrogate delegate donor voter
    hopeful front-runner frontrunner contender challenger incumbent professors
    senators sens sens. reps reps. governors presidents secretaries justices
    whip advocate journalist rabbi ceo cfo coo chairwoman councilman councilwoman
    assemblyman assemblywoman superintendent principal pundit blogger
    representatives congressmen congresswomen mayors ministers ambassadors judges
    co-anchor co-host co-founder co-chair co-chairman co-chairwoman shareholder
    bishop cardinal
    """
)
ABBREVIATIONS = words(
    """
    mr mrs ms dr sen rep gov gen lt col adm sgt capt maj cmdr rev hon prof pres st jr
    sr inc co corp ltd no vs u.s u.n u.k d.c a.m p.m jan feb mar apr jun jul aug sep
    sept oct nov dec ft mt ave blvd dept univ assn ariz ark calif colo conn del fla ga
    ill ind kan ky la md mass mich minn miss mo mont neb nev okla ore pa tenn tex va
    vt wash wis wyo n.h n.j n.m n.y n.c n.d s.c s.d r.i w.va e.g i.e etc est
    """
)
# Words that make a capitalised run an organisation or place rather than a person.
ORG_WORDS = words(
    """
    department house senate congress committee university college party campaign
    news times post journal network agency bureau council court institute center
    centre foundation association union ministry office administration commission
    group company corporation inc corp fund bank board school press magazine
    tribune herald channel radio tv television review daily weekly times-picture
    state states republicans democrats republican democratic gop government army navy
    police pentagon white kremlin county city caucus coalition pac club league
    federation society organization organisation service services project alliance
    network cnn msnbc fox nbc abc cbs npr pbs afp reuters bloomberg politico
    breitbart huffpost huffington twitter facebook google instagram youtube monday
    tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december america american
    americans washington iowa hampshire carolina york convention angeles francisco
    diego vegas island islands river street avenue park hall square valley beach
    mountain lake airport hotel church museum stadium arena summit national united
    republic kingdom international global central airlines media station island
    times-picayune jersey florida texas ohio virginia california nevada street
    market exchange stock stocks bureau institution institutions authority forum watch
    """
)
# Capitalised words that start sentences but never names.
NOT_NAME_START = words(
    """
    The A An In On At But And Or If When While After Before As For From To With By
    This That These Those It He She They We I You His Her Their Our Its Then Still
    Yet So Also Now Here There What Why How Who Which Where Asked Like Even Just Only
    Meanwhile However Instead Last Next Some Many Most Other Another Both Each Every
    Since Until Although Though Because During Despite Among Between Over Under About
    Mr Mr. Mrs. Ms. Dr. Sen. Rep. Gov. Gen. Not No Yes Well Oh According Speaking
    Said Says Told Added Earlier Later Today Tonight Yesterday Tomorrow Sources
    New Los Las San Santa Fort Mount Lake Outside Inside Such
    Near Middle Far Upper Lower Greater Great Saint Does Did Do Neither Either Whether
    Should Would Could Is Are Was Were Has Have Had Why Real Dear Ever Hours Days
    Weeks Months Years Minutes Moments Shortly Soon Once Wait Ready First Second Third
    Finally Indeed Perhaps Maybe Often Sometimes Also Again Later Back Besides However
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March
    April June July August September October November December Two Three Four Five
    Six Seven Eight Nine Ten Several Few Most Both All Somewhere Anywhere Everywhere
    Nowhere
    Here There Thus Hence Instead Otherwise Overall Today Tonight
    """
)
# One word that is never who spoke, though it may open the phrase of who did
# ("Someone called it …", "Thirty percent of voters …", "Oct. 31, 2012"):
# indefinite pronouns, quantities and month abbreviations.
NOT_SPEAKERS = words(
    """
    someone somebody anyone anybody everyone everybody nobody whoever whatever
    whichever others some several many few each every multiple hundreds thousands
    dozens millions given likewise feb apr aug sept sep oct nov dec
    """
)
# Number words ("Thirteen years earlier, …", "Twenty-two years ago, …").
NUMBER_WORD = re.compile(
    r"(?i:eleven|twelve|(?:thir|four|fif|six|seven|eigh|nine)teen"
    r"|(?:twen|thir|for|fif|six|seven|eigh|nine)ty(?:-[a-z]+)?|hundred|thousand)"
)
# Sentence adverbs that open a sentence before its subject ("Here in Ohio, Reyes …",
# "Moreover, Cole …"); capitalised only because they come first.
OPENING_ADVERBS = words(
    """
    here there now then still yet so also last next meanwhile however instead earlier
    later today tonight yesterday tomorrow soon once finally indeed perhaps maybe often
    sometimes again back besides thus hence otherwise overall moreover furthermore
    additionally nevertheless nonetheless rather likewise similarly plus regardless
    afterward afterwards therefore consequently accordingly separately elsewhere
    together alternatively ever even just only never already recently previously
    monday tuesday wednesday thursday friday saturday sunday hours days weeks months
    years minutes moments two three four five six seven eight nine ten first second
    third
    """
)
# US states and their AP abbreviations: the tail of a place ("in Portsmouth, N.H.,").
STATES = words(
    """
    alabama alaska arizona arkansas california colorado connecticut delaware florida
    georgia hawaii idaho illinois indiana iowa kansas kentucky louisiana maine maryland
    massachusetts michigan minnesota mississippi missouri montana nebraska nevada
    ohio oklahoma oregon pennsylvania tennessee texas utah vermont virginia washington
    wisconsin wyoming ala. ariz. ark. calif. colo. conn. del. fla. ga. ill. ind. kan.
    ky. la. md. mass. mich. minn. miss. mo. mont. neb. nev. n.h. n.j. n.m. n.y. n.c.
    n.d. okla. ore. pa. r.i. s.c. s.d. tenn. vt. va. wash. w.va. wis. wyo. d.c.
    """
)
# The first word of a two-word state ("New Hampshire") and the words that follow it.
STATE_PAIRS = {
    "new": words("hampshire jersey mexico york"),
    "north": words("carolina dakota"),
    "south": words("carolina dakota"),
    "rhode": words("island"),
    "west": words("virginia"),
}
PARTICLES = words("de del della der van von da di la le bin al el ibn mac st. du")

FEMALE_NAMES = words(
    """
    joy faith rose iris june
    hillary carly nancy sarah kellyanne hope megyn elizabeth michelle melania ivanka
    huma debbie jennifer jill susan mary patricia linda barbara margaret lisa karen
    betty helen sandra donna carol ruth sharon laura kimberly deborah jessica amy
    anna rebecca kathleen amanda stephanie katie kate katy heather julie nicole
    emily maria dana diane janet catherine christine samantha rachel andrea hannah
    alicia kristen kirsten claire tammy marsha kelly ann anne joni dianne maxine
    loretta condoleezza madeleine theresa angela marine nikki jeanne jan cathy
    kathy valerie ayanna tulsi kamala amy gretchen chelsea sally robin jane joan
    judy judith martha victoria brooke erin lauren maggie katrina jan janice abby
    tina gina rosie omarosa sheila stephanie alison allison paula wendy pam pamela
    jeanine ruth ginsburg beyonce oprah phyllis tammy kayleigh sara ellen emma
    beverly shelly holly molly polly lily ashley shirley dolly
    ana rosa carmen lucia sofia isabel elena adriana veronica gabriela claudia monica
    daniela betsy liz
    """
)
MALE_NAMES = words(
    """
    will rich grant gene skip buck chip duke guy wade cliff
    donald bernie ted marco jeb john ben chris rand mike mitch paul barack joe bill
    george jim james robert michael william david richard charles thomas mark steven
    stephen kevin brian jeff jeffrey scott eric tim timothy jason ryan gary larry
    frank jerry dennis walter peter harry henry jack roger tony tom ron rick reince
    newt rudy lindsey jason corey sean steve martin martin andrew josh jon jonathan
    matthew matt daniel dan patrick pat greg gregory kenneth ken ronald edward ed
    raymond ray samuel sam bobby bob lou luis carlos jose juan antonio barry gavin
    howard hugh jared eliot elliott evan fred keith kirk lamar lance leon marc nick
    nathan noah phil philip randy rex sheldon stuart todd trey troy vince wayne
    vladimir xi bashar benjamin bibi shinzo justin francois emmanuel boris kim
    hosni recep abdel karl kurt cory tad brad tommy jimmy billy johnny mitt al
    newt harold ralph russell roy doug douglas chuck charlie willie dick don
    wesley bradley stanley
    francisco miguel pedro manuel jorge alejandro ricardo fernando javier rafael
    roberto eduardo sergio mario enrique raul freddy ammon pete
    """
)

# Nouns that, after "the", point back to a named person ("the spokesman said").
# Kin and other nouns that say a person's gender ("her husband, Milton Marsh").
MALE_ROLES = words(
    """
    husband father son brother uncle nephew grandfather grandson king prince
    boyfriend widower
    """
)
FEMALE_ROLES = words(
    """
    wife mother daughter sister aunt niece grandmother granddaughter queen princess
    girlfriend widow actress
    """
)
PERSON_NOUNS = (
    MALE_ROLES
    | FEMALE_ROLES
    | words(
        """
    friend colleague neighbor neighbour partner classmate roommate
    spokesman spokeswoman spokesperson official officials aide adviser advisor
    candidate senator governor president congressman congresswoman secretary
    chairman chairwoman director businessman businesswoman billionaire mogul nominee
    front-runner frontrunner real-estate developer lawmaker minister ambassador
    mayor leader speaker host anchor reporter author writer economist professor
    analyst strategist pollster expert source activist lawyer attorney judge
    veteran woman man star manager chief executive founder pastor republican
    democrat independent contender hopeful challenger incumbent congressman
    former vice strategist user users fan fans voter voters supporter supporters
    resident residents member members
    nurse chef clerk cook nun priest monk imam surgeon pilot mechanic architect
    athlete poet playwright model guard citizen mom dad cousin fiancee fiance boss
    entrepreneur waitress teen graduate
    """
    )
)

# Words with a role's ending ("-er", "-or", "-ent", "-ee") that name no one.
NOT_ROLES = words(
    """
    whether together another neither either rather further however number matter
    weather answer member other order under never over after later power paper water
    center centre winter summer september october november december corner
    border chapter character quarter disaster error factor sector interior behavior
    favor labor honor mirror moment comment agreement environment investment movement
    payment element percent recent different current present event content extent
    degree coffee anniversary summary library
    salary military primary contrary necessary temporary ordinary january february
    whatever whenever wherever forever consumer computer theater theatre chamber
    """
)
# Cues before a quote that mark a name, title or term rather than speech.
SCARE_WORDS = words(
    """
    so-called dubbed nicknamed titled entitled named book novel film movie show series
    song album documentary play program programme column essay article headline ad
    video episode sitcom musical memoir podcast slogan motto label brand mantra chant
    chants catchphrase
    """
)
SCARE_PAIRS = frozenset(
    {
        ("so", "called"),
        ("known", "as"),
        ("the", "word"),
        ("the", "term"),
        ("the", "phrase"),
        ("the", "words"),
        ("the", "hashtag"),
        ("the", "slogan"),
    }
)


# The last word every test in scare_before needs (extend it with a new test): most
# quotes fail on their last word, before the two before it are read.
_SCARE_LAST = SCARE_WORDS | {second for _, second in SCARE_PAIRS} | {"called"}


def scare_before(before: str) -> bool:
    """Return True when the words before a quote announce a term or a title."""
    words: list[str] = []  # the last three words, stripped of commas and colons
    for word in reversed(before[-40:].lower().replace("-", " - ").split()):
        word = word.strip(",:")
        if word:
            if not words and word not in _SCARE_LAST:
                return False
            words.insert(0, word)
            if len(words) == 3:
                break
    if not words:
        return False
    if words[-1] in SCARE_WORDS or (
        len(words) > 2 and words[-2:] == ["-", "called"] and words[-3] == "so"
    ):
        return True
    return len(words) > 1 and (words[-2], words[-1]) in SCARE_PAIRS
