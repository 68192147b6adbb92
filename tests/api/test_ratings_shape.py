"""The ratings feed's plain-function items and orjson bytes match RatingSerializer's."""

import json
from datetime import UTC, datetime

import pytest
from django.db import connection
from django.utils import timezone
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from claims import services
from claims.api.feeds import page_etag, rating_feed
from claims.api.serializers import RatingSerializer
from claims.api.shaping import OrjsonRenderer, rating_items, rating_rows
from claims.models import Claim
from tests.factories import ClaimFactory, SourceFactory, SpeakerFactory

pytestmark = pytest.mark.django_db

FEED = "/api/v1/ratings/"


@pytest.fixture
def desk(editor) -> dict[str, Claim]:  # type: ignore[no-untyped-def]
    """Every kind of feed item: plain, corrected twice, withdrawn, unproven, no
    speaker, an article known only by its canonical URL, pasted text, odd text."""
    published = datetime(2026, 3, 4, 5, 6, 7, 890123, tzinfo=UTC)
    claims = {
        "plain": ClaimFactory(rated=True, speaker_role="finance minister"),
        "corrected": ClaimFactory(rated=True),
        "withdrawn": ClaimFactory(rated=True),
        "unproven": ClaimFactory(sourced=True),
        "no_speaker": ClaimFactory(speaker=None, rated=True),
        "canonical_only": ClaimFactory(
            rated=True,
            source=SourceFactory(
                url="", canonical_url="https://news.example.org/c/1", published_at=None
            ),
        ),
        "pasted": ClaimFactory(
            rated=True,
            source=SourceFactory(url="", canonical_url="", published_at=published),
        ),
        "odd_text": ClaimFactory(
            rated=True,
            quote='<b>“Ünïcode”</b> & line\u2028separator\u2029 "quoted" \\ ',
            speaker=SpeakerFactory(name="Zoë <i>O'Brien</i>", role="", affiliation=""),
        ),
    }
    ClaimFactory(sourced=True)  # never rated: never in the feed
    services.correct_rating(
        claims["corrected"], actor=editor, verdict="true", summary="It did.", note="A"
    )
    services.correct_rating(
        Claim.objects.get(pk=claims["corrected"].pk),
        actor=editor,
        verdict="half_true",
        summary="Partly.",
        note="B",
    )
    services.reopen_claim(claims["withdrawn"], actor=editor, note="More to check")
    services.rate_claim(
        claims["unproven"], actor=editor, verdict="unproven", summary="No data."
    )
    return claims


def _request(path: str = FEED) -> Request:
    return Request(APIRequestFactory().get(path))


def _serializer_items(request: Request) -> list[dict]:
    """The feed page as RatingSerializer makes it, parsed back from DRF's JSON."""
    claims = list(
        rating_feed()
        .order_by("updated_at", "pk")
        .select_related("speaker", "source")
        .prefetch_related("revisions")
    )
    data = RatingSerializer(claims, many=True, context={"request": request}).data
    return json.loads(JSONRenderer().render(data))


def _function_items(request: Request) -> list[dict]:
    rows = list(rating_rows(rating_feed().order_by("updated_at", "pk")))
    url = request.build_absolute_uri("/api/v1/claims/")
    return rating_items(rows, url)


def test_rating_items_equal_the_serializer_for_every_kind_of_item(desk):
    request = _request()
    expected = _serializer_items(request)
    assert len(expected) == 8
    assert json.loads(JSONRenderer().render(_function_items(request))) == expected


def test_rating_items_equal_the_serializer_in_another_time_zone(desk, settings):
    settings.TIME_ZONE = "Europe/Berlin"
    with timezone.override("Europe/Berlin"):
        request = _request()
        expected = _serializer_items(request)
        got = json.loads(JSONRenderer().render(_function_items(request)))
    assert got == expected
    assert expected[0]["updated_at"].endswith(("+01:00", "+02:00"))


@pytest.mark.parametrize("if_none_match", [None, '"stale"'])
def test_ratings_feed_answers_what_the_serializer_would(
    if_none_match, desk, anon_client
):
    # A conditional request fetches the revisions apart; the answer is the same.
    headers = {"HTTP_IF_NONE_MATCH": if_none_match} if if_none_match else {}
    body = anon_client.get(FEED, **headers).json()
    assert body["results"] == _serializer_items(_request())
    assert [r["id"] for r in body["results"]][-1] == desk["unproven"].pk


def test_ratings_feed_item_shape_is_pinned(desk, anon_client):
    items = {r["id"]: r for r in anon_client.get(FEED).json()["results"]}
    corrected = items[desk["corrected"].pk]
    assert list(corrected) == [
        "id",
        "url",
        "claimreview_url",
        "withdrawn",
        "quote",
        "speaker",
        "speaker_role",
        "source",
        "rating",
        "revisions",
        "version",
        "updated_at",
    ]
    pk = corrected["id"]
    assert corrected["url"] == f"http://testserver/api/v1/claims/{pk}/"
    assert corrected["claimreview_url"] == f"{corrected['url']}claimreview/"
    assert corrected["withdrawn"] is False
    assert list(corrected["speaker"]) == ["id", "name", "role", "affiliation"]
    assert list(corrected["source"]) == [
        "id",
        "title",
        "url",
        "publisher",
        "published_at",
    ]
    rating = corrected["rating"]
    assert {k: v for k, v in rating.items() if k != "rated_at"} == {
        "verdict": "half_true",
        "label": "Half true",
        "rating_value": 3,
        "summary": "Partly.",
    }
    assert rating["rated_at"].endswith("Z")
    assert [
        (r["verdict"], r["rating_value"], r["summary"], r["note"])
        for r in corrected["revisions"]
    ] == [
        ("mostly_false", 2, "The official statistics show a smaller fall.", ""),
        ("true", 5, "It did.", "A"),
        ("half_true", 3, "Partly.", "B"),
    ]
    assert all(r["created_at"].endswith("Z") for r in corrected["revisions"])

    withdrawn = items[desk["withdrawn"].pk]
    assert (withdrawn["withdrawn"], withdrawn["rating"]) == (True, None)
    assert withdrawn["claimreview_url"] is None
    assert len(withdrawn["revisions"]) == 1
    unproven = items[desk["unproven"].pk]["rating"]
    assert (unproven["verdict"], unproven["rating_value"]) == ("unproven", None)
    assert items[desk["no_speaker"].pk]["speaker"] is None
    canonical = items[desk["canonical_only"].pk]["source"]
    assert canonical["url"] == "https://news.example.org/c/1"
    assert canonical["published_at"] is None
    pasted = items[desk["pasted"].pk]["source"]
    assert (pasted["url"], pasted["published_at"]) == (
        "",
        "2026-03-04T05:06:07.890123Z",
    )
    odd = items[desk["odd_text"].pk]
    assert odd["quote"] == desk["odd_text"].quote
    assert odd["speaker"]["name"] == "Zoë <i>O'Brien</i>"


def test_ratings_feed_bytes_equal_drf_json_renderer(desk, anon_client):
    response = anon_client.get(FEED)
    assert response["Content-Type"] == "application/json"
    expected = JSONRenderer().render(response.json())
    assert response.content == expected
    # DRF escapes the JavaScript line separators; so must the orjson path.
    assert b"\\u2028" in response.content and b"\xe2\x80\xa8" not in response.content


def test_orjson_renderer_matches_drf_for_odd_values_and_honours_indent():
    data = {
        "when": datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC),
        "text": "a\u2028b\u2029c “d”",
        1: [None, True, 2.5],
    }
    assert OrjsonRenderer().render(data) == JSONRenderer().render(data)
    indented = "application/json; indent=2"
    assert OrjsonRenderer().render(data, indented) == JSONRenderer().render(
        data, indented
    )
    assert OrjsonRenderer().render(None) == b""


def test_ratings_feed_pretty_printed_on_request(desk, anon_client):
    response = anon_client.get(FEED, HTTP_ACCEPT="application/json; indent=4")
    assert response.status_code == 200
    assert b'\n    "next"' in response.content
    assert response.json()["results"] == _serializer_items(_request())


@pytest.mark.parametrize("size", [1, 3])
def test_ratings_feed_pages_cost_one_query_on_postgresql(
    size, desk, anon_client, django_assert_num_queries
):
    # The page (claim, speaker, article joined, revisions as a JSON array); on
    # SQLite, or after an If-None-Match that did not match, the page's
    # revisions are a second query.
    with django_assert_num_queries(1 if connection.vendor == "postgresql" else 2):
        body = anon_client.get(f"{FEED}?page_size={size}").json()
    assert len(body["results"]) == size
    with django_assert_num_queries(2):
        stale = anon_client.get(f"{FEED}?page_size={size}", HTTP_IF_NONE_MATCH='"x"')
    assert stale.json() == body


def test_ratings_feed_etag_is_the_one_page_etag_gives_for_the_claims(desk, anon_client):
    # The tag made from values() rows equals the one made from model rows, so
    # consumers' cached ETags stay valid across the change.
    response = anon_client.get(f"{FEED}?page_size=3")
    claims = list(rating_feed().order_by("updated_at", "pk")[:3])
    request = _request(f"{FEED}?page_size=3")
    assert response["ETag"] == page_etag(
        "ratings", request, claims, True, OrjsonRenderer()
    )
