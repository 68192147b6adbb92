"""The ratings change feed: cursor sync, updated_since, withdrawals, ETags and 304s."""

from datetime import timedelta

import pytest
from django.utils import timezone

from claims import services
from claims.models import Claim
from tests.factories import ClaimFactory, SpeakerFactory

pytestmark = pytest.mark.django_db


def _sync(client, url: str, seen: list[tuple[int, int]], between=None) -> str:  # type: ignore[no-untyped-def]
    """Follow `next` from `url`, recording (id, version); return the resume link."""
    for _ in range(100):
        body = client.get(url).json()
        seen += [(r["id"], r["version"]) for r in body["results"]]
        if between:
            between()
        if body["next"] is None:
            return body["resume"]
        url = body["next"]
    raise AssertionError("the feed did not end")


def test_incremental_sync_sees_every_rating_exactly_once_while_ratings_are_added(
    postgres, anon_client, editor
):
    ClaimFactory.create_batch(7, rated=True)
    waiting = ClaimFactory.create_batch(9, sourced=True)
    first_rated = Claim.objects.published().order_by("updated_at").first()

    def rate_two_more() -> None:
        for claim in waiting[:2]:
            services.rate_claim(claim, actor=editor, verdict="false", summary="No.")
        del waiting[:2]
        if len(waiting) == 7:
            # After the first page, a rating already seen is corrected: it moves
            # from the front of the feed to its end, and an offset would skip one.
            services.correct_rating(
                Claim.objects.get(pk=first_rated.pk),
                actor=editor,
                verdict="true",
                summary="It did.",
                note="Revised data",
            )

    seen: list[tuple[int, int]] = []
    # Page, add ratings, continue: the new ones land after the cursor.
    resume = _sync(anon_client, "/api/v1/ratings/?page_size=3", seen, rate_two_more)
    rate_two_more()
    resume = _sync(anon_client, resume, seen)
    # Caught up: the resume link is stable and yields nothing new.
    assert _sync(anon_client, resume, seen) == resume

    assert len(seen) == len(set(seen)), "a rating was repeated"
    now = {c.pk: c.version for c in Claim.objects.published()}
    assert len(now) == 16
    assert {pk for pk, _ in seen} == set(now), "a rating was missed"
    latest = {}
    for pk, version in seen:
        latest[pk] = version
    assert latest == now, "a consumer's copy is not the current rating"
    assert sum(1 for pk, _ in seen if pk == first_rated.pk) == 2


def test_updated_since_starts_the_feed_there(anon_client):
    old, new = ClaimFactory.create_batch(2, rated=True)
    Claim.objects.filter(pk=old.pk).update(
        updated_at=timezone.now() - timedelta(days=3)
    )
    since = (timezone.now() - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    body = anon_client.get(f"/api/v1/ratings/?updated_since={since}").json()
    assert [r["id"] for r in body["results"]] == [new.pk]


def test_a_withdrawn_rating_appears_in_the_feed_as_withdrawn(anon_client, editor):
    claim = ClaimFactory(rated=True)
    services.reopen_claim(claim, actor=editor, note="More to check")
    ClaimFactory(sourced=True)  # never rated: never in the feed
    body = anon_client.get("/api/v1/ratings/").json()
    assert [(r["id"], r["withdrawn"], r["rating"]) for r in body["results"]] == [
        (claim.pk, True, None)
    ]


def test_the_feed_hides_changes_still_settling(anon_client, settings):
    ClaimFactory(rated=True)
    settings.FACTCHECK_FEED_SETTLE_SECONDS = 60
    assert anon_client.get("/api/v1/ratings/").json()["results"] == []
    settings.FACTCHECK_FEED_SETTLE_SECONDS = 0
    assert len(anon_client.get("/api/v1/ratings/").json()["results"]) == 1


def test_a_cursor_that_is_not_ours_is_400(anon_client):
    response = anon_client.get("/api/v1/ratings/?cursor=bm90IGEgY3Vyc29y")
    assert response.status_code == 400
    assert "cursor" in response.json()["error"]["detail"]


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/ratings/",
        "/api/v1/ratings/?format=csv",
        "/api/v1/claims/",
        "/api/v1/claimreview/",
        "/api/v1/claims/{pk}/",
        "/api/v1/claims/{pk}/claimreview/",
    ],
)
def test_a_matching_if_none_match_is_304_after_one_query(
    path, anon_client, django_assert_num_queries
):
    claim = ClaimFactory(rated=True)
    url = path.format(pk=claim.pk)
    first = anon_client.get(url)
    assert first.status_code == 200 and first["ETag"]
    # The fingerprint query alone: nothing is loaded, serialised or rendered.
    with django_assert_num_queries(1):
        again = anon_client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again.content == b""
    assert again["ETag"] == first["ETag"]
    assert anon_client.get(url, HTTP_IF_NONE_MATCH='"other"').status_code == 200


def test_other_gets_have_an_etag_and_answer_304(editor_client):
    ClaimFactory(rated=True)
    for url in ("/api/v1/speakers/", "/api/v1/sources/", "/api/v1/imports/"):
        first = editor_client.get(url)
        assert first.status_code == 200 and first["ETag"], url
        again = editor_client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
        assert again.status_code == 304, url


def test_etags_change_after_a_transition_and_a_correction(
    anon_client, editor_client, editor
):
    claim = ClaimFactory(rated=True)
    waiting = ClaimFactory(sourced=True)
    urls = ["/api/v1/ratings/", "/api/v1/claims/", f"/api/v1/claims/{claim.pk}/"]
    urls += [f"/api/v1/claims/{claim.pk}/claimreview/", "/api/v1/claimreview/"]
    before = {url: anon_client.get(url)["ETag"] for url in urls}

    services.correct_rating(
        claim, actor=editor, verdict="false", summary="Worse.", note="New figures"
    )
    corrected = {url: anon_client.get(url)["ETag"] for url in urls}
    assert all(corrected[u] != before[u] for u in urls), "a correction kept an ETag"

    feed_before = anon_client.get("/api/v1/ratings/")["ETag"]
    services.rate_claim(waiting, actor=editor, verdict="true", summary="Yes.")
    assert anon_client.get("/api/v1/ratings/")["ETag"] != feed_before

    detail = f"/api/v1/claims/{waiting.pk}/"
    staff_before = editor_client.get(detail)["ETag"]
    services.reopen_claim(Claim.objects.get(pk=waiting.pk), actor=editor, note="Hmm")
    assert editor_client.get(detail)["ETag"] != staff_before


def test_speaker_record_counts_published_verdicts(editor_client, editor):
    speaker = SpeakerFactory()
    ClaimFactory.create_batch(2, speaker=speaker, rated=True)
    unproven = ClaimFactory(speaker=speaker, sourced=True)
    services.rate_claim(unproven, actor=editor, verdict="unproven", summary="No data.")
    ClaimFactory(speaker=speaker)  # pending: not on the record
    body = editor_client.get(f"/api/v1/speakers/{speaker.pk}/").json()
    assert body["record"] == {
        "true": 0,
        "mostly_true": 0,
        "half_true": 0,
        "mostly_false": 2,
        "false": 0,
        "unproven": 1,
        "total": 3,
    }


def test_ratings_feed_filters_by_verdict_speaker_and_source(anon_client, editor):
    speaker = SpeakerFactory()
    mine = ClaimFactory(speaker=speaker, rated=True)
    other = ClaimFactory(sourced=True)
    services.rate_claim(other, actor=editor, verdict="true", summary="Yes.")

    def ids(query: str) -> list[int]:
        response = anon_client.get(f"/api/v1/ratings/?{query}")
        assert response.status_code == 200, response.content
        return [r["id"] for r in response.json()["results"]]

    assert ids("") == [mine.pk, other.pk]
    assert ids("verdict=true") == [other.pk]
    assert ids("verdict=mostly_false") == [mine.pk]
    assert ids(f"speaker={speaker.pk}") == [mine.pk]
    assert ids(f"source={other.source_id}") == [other.pk]
    assert ids("verdict=true&page_size=1&unknown=1") == [other.pk]


def test_ratings_feed_refuses_a_bad_filter_value(anon_client):
    ClaimFactory(rated=True)
    response = anon_client.get("/api/v1/ratings/?verdict=maybe")
    assert response.status_code == 400
    assert "verdict" in response.json()["error"]["detail"]


def test_a_speaker_or_article_edited_in_the_admin_comes_back_in_the_feed(
    client, anon_client, editor
):
    claim = ClaimFactory(rated=True)
    other = ClaimFactory(rated=True)
    urls = ["/api/v1/ratings/", "/api/v1/claims/", f"/api/v1/claims/{claim.pk}/"]
    urls += [f"/api/v1/claims/{claim.pk}/claimreview/", "/api/v1/claimreview/"]
    seen: list[tuple[int, int]] = []
    resume = _sync(anon_client, "/api/v1/ratings/", seen)
    assert _sync(anon_client, resume, []) == resume  # caught up
    tags = {url: anon_client.get(url)["ETag"] for url in urls}
    client.force_login(editor)

    speaker = claim.speaker
    page = f"/admin/claims/speaker/{speaker.pk}/change/"
    form = {"name": "Dana M. Cole", "role": speaker.role, "affiliation": "Ledger"}
    form |= {"claims-TOTAL_FORMS": 0, "claims-INITIAL_FORMS": 0}
    assert client.post(page, form).status_code == 302
    again = anon_client.get(resume).json()["results"]
    assert [(r["id"], r["speaker"]["name"]) for r in again] == [
        (claim.pk, "Dana M. Cole")
    ]
    assert again[0]["version"] == claim.version  # the review itself did not move
    for url, tag in tags.items():
        assert anon_client.get(url, HTTP_IF_NONE_MATCH=tag).status_code == 200, url

    resume = _sync(anon_client, resume, [])
    page = f"/admin/sources/source/{other.source.pk}/change/"
    form = {"title": "Corrected headline", "publisher": "Ledger", "author": ""}
    form |= {"published_at_0": "", "published_at_1": "", "language": "en"}
    form |= {"claims-TOTAL_FORMS": 0, "claims-INITIAL_FORMS": 0}
    assert client.post(page, form).status_code == 302
    again = anon_client.get(resume).json()["results"]
    assert [(r["id"], r["source"]["title"]) for r in again] == [
        (other.pk, "Corrected headline")
    ]
