"""Property tests: any text in, no crash, valid spans out, no super-linear blow-up."""

import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claims.extraction import extract

MARKS = "“”‘’\"'`«» \n\n.,:;!?—-()<>"
WORDS = [
    "he",
    "she",
    "said",
    "told",
    "Mr.",
    "Sen.",
    "Grant",
    "Miller",
    "according",
    "to",
    "the",
    "spokesman",
    "added",
    "that",
    "Ann",
    "Lee",
    "so-called",
    "X",
    "Ann “Bo” Lee",  # quoted nicknames, which move names about (nicknames.py)
    'C.L. "Butch" Otter',
    "Sen. Dana ''Dee'' Cole",
]
pieces = st.one_of(
    st.sampled_from(list(MARKS)),
    st.sampled_from(WORDS).map(lambda w: w + " "),
    st.text(max_size=8),
)
articles = st.lists(pieces, max_size=120).map("".join)


def assert_valid(text: str) -> None:
    quotes = extract(text)
    starts = [q.start for q in quotes]
    assert starts == sorted(starts)
    for quote in quotes:
        assert 0 <= quote.start < quote.end <= len(text)
        assert text[quote.start : quote.end] == quote.quote
        assert quote.quote == quote.quote.strip()
        assert 0 <= quote.context_start <= quote.context_end <= len(text)
        assert text[quote.context_start : quote.context_end] == quote.context
        if quote.speaker_start is not None:
            assert 0 <= quote.speaker_start < quote.speaker_end <= len(text)
        else:
            assert quote.speaker is None
        assert 0.0 <= quote.confidence <= 1.0
        assert quote.kind in ("direct", "partial", "split")
        assert quote.group >= 0


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(articles)
def test_extract_never_fails_on_quote_heavy_text(text):
    assert_valid(text)


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_extract_never_fails_on_arbitrary_text(text):
    assert_valid(text)


def seconds(text: str) -> float:
    started = time.perf_counter()
    extract(text)
    return time.perf_counter() - started


def assert_linear(make, small: int, factor: int = 8) -> None:
    """Time sizes n and factor·n in one run; quadratic work would cost factor² more."""
    seconds(make(small))  # warm up
    little = min(seconds(make(small)) for _ in range(3))
    # The best of two runs: a shared machine can stall one run, never both halves of
    # a quadratic blow-up (factor² = 64 against the 32 allowed).
    big = make(small * factor)
    large = seconds(big)
    if large >= max(little, 1e-3) * factor * 4:
        large = min(large, seconds(big))
    assert large < max(little, 1e-3) * factor * 4, (little, large)


def test_unmatched_marks_scale_linearly():
    assert_linear(lambda n: "“" * n, 12_500)  # 100,000 unmatched marks at the top
    assert_linear(lambda n: "”" * n, 12_500)
    assert_linear(lambda n: "“ x " * n, 12_500)


def test_many_short_quotes_scale_linearly():
    assert_linear(lambda n: '" said a ' * n, 600)
    assert_linear(lambda n: "“Yes,” he said. " * n, 300)


def _invented_name(number: int) -> str:
    letters = ""
    while True:
        number, digit = divmod(number, 26)
        letters += "abcdefghijklmnopqrstuvwxyz"[digit]
        if not number:
            return "Q" + letters + "son"


def test_many_distinct_speakers_scale_linearly():
    # Each surname is looked up once; no lookup may rescan the whole article.
    def article(n: int) -> str:
        return "".join(
            f"Ann {_invented_name(i)} spoke.\n\n“Yes,” {_invented_name(i)} said.\n\n"
            for i in range(n)
        )

    assert_linear(article, 500)
    quotes = extract(article(3))
    assert [q.speaker for q in quotes] == [f"Ann {_invented_name(i)}" for i in range(3)]


def test_many_nominal_speakers_scale_linearly():
    # "the spokeswoman" looks back for a person given that role, a bounded walk.
    def article(n: int) -> str:
        return "".join(
            f"Spokeswoman Ann {_invented_name(i)} spoke.\n\n"
            "“Yes,” the spokeswoman said.\n\n"
            for i in range(n)
        )

    assert_linear(article, 300)
    quotes = extract(article(2))
    assert [q.speaker for q in quotes] == [f"Ann {_invented_name(i)}" for i in range(2)]


def test_many_lone_given_names_scale_linearly():
    # Each given name's full names are found once, not once per mention.
    def article(n: int) -> str:
        return "Megyn Kelly spoke.\n\n" + "“Yes,” Megyn said.\n\n" * n

    assert_linear(article, 300)
    assert {q.speaker for q in extract(article(3))} == {"Megyn Kelly"}


def test_long_article_without_quotes_scales_linearly():
    sentence = "The council met on Tuesday and said nothing of note. "
    assert_linear(lambda n: sentence * n, 12_000)  # up to ~5 MB at the large size


def test_one_huge_quote_scales_linearly():
    assert_linear(lambda n: "Ann Lee said: “" + "word " * n + "”", 25_000)
    text = "Ann Lee said: “" + "word " * 200_000 + "”"  # a 1 MB quote
    (quote,) = extract(text)
    assert quote.speaker == "Ann Lee"
    assert quote.end - quote.start == len("word " * 200_000) - 1


def test_surnames_expand_the_same_in_long_and_short_articles():
    body = (
        "Rosa O'Neil-Park spoke first.\n\nTom Reyes agreed.\n\n"
        "“We will see,” O'Neil-Park's aide said.\n\n“Yes,” O'Neil-Park said.\n\n"
        "“No,” Reyes said.\n\n"
    )
    filler = "The council met on Tuesday and said nothing of note.\n\n" * 1_000
    short = [(q.quote, q.speaker) for q in extract(body)]
    long = [(q.quote, q.speaker) for q in extract(filler + body)]
    assert long == short
    assert ("No", "Tom Reyes") in short


def test_a_nickname_inside_a_longer_quote_leaves_every_span_valid():
    # The nickname's name is moved only when no quote reaches into it.
    assert_valid('Lee « Rafael “Ted” Cruz, ‘spokesman Sen. Dana Cole "added said )”he')
    assert_valid("“I met Rafael “Ted” Cruz today,” she said.\n")
