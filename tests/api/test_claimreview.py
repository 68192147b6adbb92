"""ClaimReview JSON-LD: every field Google lists, honest shortening, safe embedding."""

import json
import re
from datetime import UTC, datetime

import pytest
from django.test import override_settings

from claims import claimreview, services
from claims.models import Claim
from tests.factories import ClaimFactory, SourceFactory, SpeakerFactory

LONG_QUOTE = (
    "Under this government unemployment has fallen by more than two percent in every "
    "single region of the country since the spring"
)


@pytest.fixture
def rated_claim(db):  # type: ignore[no-untyped-def]
    source = SourceFactory(
        title="Budget debate: what the minister said",
        url="https://news.example.org/2026/budget",
        publisher="Example News",
        published_at=datetime(2026, 11, 2, 8, 0, tzinfo=UTC),
    )
    speaker = SpeakerFactory(
        name="Maria Lopez", key="maria lopez", role="finance minister"
    )
    return ClaimFactory(source=source, speaker=speaker, quote=LONG_QUOTE, rated=True)


def _is_iso_datetime(value: str) -> bool:
    return datetime.fromisoformat(value).tzinfo is not None


@override_settings(
    FACTCHECK_PUBLISHER_NAME="Example Checks",
    FACTCHECK_PUBLISHER_URL="https://checks.example.org",
)
def test_claimreview_has_every_required_and_recommended_field(anon_client, rated_claim):
    response = anon_client.get(f"/api/v1/claims/{rated_claim.pk}/claimreview/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/ld+json")
    review = json.loads(response.content)
    assert review["@context"] == "https://schema.org"
    assert review["@type"] == "ClaimReview"
    # Required: claimReviewed (≤ 75 characters), reviewRating, url.
    assert 0 < len(review["claimReviewed"]) <= 75
    assert review["url"] == f"https://checks.example.org/fact-checks/{rated_claim.pk}/"
    assert review["reviewRating"] == {
        "@type": "Rating",
        "ratingValue": 2,
        "bestRating": 5,
        "worstRating": 1,
        "alternateName": "Mostly false",
    }
    # Recommended: author, datePublished, itemReviewed.
    assert review["author"] == {
        "@type": "Organization",
        "name": "Example Checks",
        "url": "https://checks.example.org",
    }
    assert _is_iso_datetime(review["datePublished"])
    item = review["itemReviewed"]
    assert item["@type"] == "Claim"
    assert item["author"] == {
        "@type": "Person",
        "name": "Maria Lopez",
        "jobTitle": "finance minister",
    }
    assert item["datePublished"] == "2026-11-02T08:00:00+00:00"
    work = {
        "@type": "CreativeWork",
        "url": "https://news.example.org/2026/budget",
        "headline": "Budget debate: what the minister said",
        "publisher": {"@type": "Organization", "name": "Example News"},
        "datePublished": "2026-11-02T08:00:00+00:00",
    }
    assert item["firstAppearance"] == work
    assert item["appearance"] == [work]


def test_claim_reviewed_is_shortened_at_a_word_with_an_ellipsis(rated_claim):
    short = claimreview.claim_review(rated_claim)["claimReviewed"]
    assert len(short) <= 75 and short.endswith("…")
    stem = short.removesuffix("…")
    # Honest: a prefix of the quote ending on a whole word.
    assert LONG_QUOTE.startswith(stem)
    assert LONG_QUOTE[len(stem)] == " "


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Short and true.", "Short and true."),
        ("x" * 75, "x" * 75),
        ("y" * 90, "y" * 74 + "…"),
        ("  spaced   out  ", "spaced out"),
        ("word " * 20, "word " * 14 + "word…"),
    ],
)
def test_shorten_keeps_short_text_and_cuts_long_text_honestly(text, expected):
    assert claimreview.shorten(text) == expected
    assert len(claimreview.shorten(text)) <= 75


def test_unproven_rating_has_a_name_but_no_number(db, editor):
    claim = ClaimFactory(sourced=True)
    services.rate_claim(
        claim, actor=editor, verdict=Claim.Verdict.UNPROVEN, summary="No data exists."
    )
    rating = claimreview.claim_review(claim)["reviewRating"]
    assert rating == {"@type": "Rating", "alternateName": "Unproven"}


def test_correction_shows_as_date_modified(db, editor):
    claim = ClaimFactory(rated=True)
    services.correct_rating(
        claim, actor=editor, verdict="false", summary="Worse.", note="New figures"
    )
    claim = Claim.objects.get(pk=claim.pk)
    review = claimreview.claim_review(claim)
    assert review["reviewRating"]["ratingValue"] == 1
    assert review["dateModified"] > review["datePublished"]


def test_claimreview_of_an_unrated_claim_is_404(anon_client, editor_client):
    claim = ClaimFactory(sourced=True)
    for client in (anon_client, editor_client):
        response = client.get(f"/api/v1/claims/{claim.pk}/claimreview/")
        assert response.status_code == 404


def test_json_ld_script_cannot_be_broken_out_of(db):
    hostile = 'He said "</script><script>alert(1)</script>" & <!-- it  --> worked'
    claim = ClaimFactory(quote=hostile, rated=True)
    claim.speaker.name = "</SCRIPT><img src=x onerror=alert(2)>"
    html = str(claimreview.json_ld_script(claim))
    assert html.startswith('<script type="application/ld+json">')
    assert html.endswith("</script>")
    inner = html.removeprefix('<script type="application/ld+json">').removesuffix(
        "</script>"
    )
    # Nothing inside can close the element or open a comment or tag.
    assert not re.search(r"[<>&]", inner)
    assert "</script" not in inner.lower()
    data = json.loads(inner)
    assert data["itemReviewed"]["author"]["name"] == claim.speaker.name
    assert data["claimReviewed"] == claimreview.shorten(hostile)


@pytest.mark.django_db
def test_claimreview_feed_is_a_datafeed_of_every_published_rating(anon_client):
    rated = ClaimFactory.create_batch(3, rated=True)
    ClaimFactory(sourced=True)
    response = anon_client.get("/api/v1/claimreview/?page_size=2")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/ld+json")
    feed = json.loads(response.content)
    assert feed["@context"] == "https://schema.org" and feed["@type"] == "DataFeed"
    elements = feed["dataFeedElement"]
    assert [e["@type"] for e in elements] == ["ClaimReview", "ClaimReview"]
    assert all("@context" not in e for e in elements)
    next_url = re.search(r'<([^>]+)>; rel="next"', response["Link"]).group(1)
    rest = json.loads(anon_client.get(next_url).content)["dataFeedElement"]
    urls = [e["url"] for e in elements + rest]
    assert sorted(urls) == sorted(claimreview.review_url(c) for c in rated)
