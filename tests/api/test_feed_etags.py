"""Remembered feed ETags: a repeat 304 without a query, forgotten by every write."""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.contrib import admin
from django.utils import timezone

from claims import services
from claims.models import Claim
from tests.factories import ClaimFactory, SpeakerFactory

pytestmark = pytest.mark.django_db

FIRST_PAGE = "/api/v1/ratings/?page_size=1"


@pytest.fixture(autouse=True)
def _remembering(settings) -> None:  # type: ignore[no-untyped-def]
    # As with CACHE_URL set; tests/api/conftest.py empties the cache around each.
    settings.FACTCHECK_FEED_REMEMBER_ETAGS = True


def _remembered_tag(client, url: str) -> str:  # type: ignore[no-untyped-def]
    """Return the ETag of `url` after a conditional request has remembered it."""
    tag = client.get(url)["ETag"]
    assert client.get(url, HTTP_IF_NONE_MATCH=tag).status_code == 304
    return str(tag)


def test_a_remembered_etag_is_a_304_without_a_query(
    anon_client, django_assert_num_queries
):
    ClaimFactory.create_batch(2, rated=True)
    tag = anon_client.get(FIRST_PAGE)["ETag"]
    with django_assert_num_queries(1):  # the page, and its tag is remembered
        assert anon_client.get(FIRST_PAGE, HTTP_IF_NONE_MATCH=tag).status_code == 304
    with django_assert_num_queries(0):
        again = anon_client.get(FIRST_PAGE, HTTP_IF_NONE_MATCH=tag)
    assert again.status_code == 304 and again["ETag"] == tag
    other = anon_client.get(FIRST_PAGE, HTTP_IF_NONE_MATCH='"other"')
    assert other.status_code == 200 and other["ETag"] == tag


def test_a_remembered_304_still_counts_against_the_key(settings, key_client):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {
            **settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"],
            "api_key": "4/min",
        },
    }
    ClaimFactory.create_batch(2, rated=True)
    tag = _remembered_tag(key_client, FIRST_PAGE)
    codes = [
        key_client.get(FIRST_PAGE, HTTP_IF_NONE_MATCH=tag).status_code for _ in range(3)
    ]
    assert codes == [304, 304, 429]


def test_nothing_is_remembered_without_a_shared_cache(
    anon_client, settings, django_assert_num_queries
):
    settings.FACTCHECK_FEED_REMEMBER_ETAGS = False
    ClaimFactory.create_batch(2, rated=True)
    tag = _remembered_tag(anon_client, FIRST_PAGE)
    with django_assert_num_queries(1):
        assert anon_client.get(FIRST_PAGE, HTTP_IF_NONE_MATCH=tag).status_code == 304


def test_the_last_page_is_never_remembered(anon_client, django_assert_num_queries):
    ClaimFactory(rated=True)
    tag = _remembered_tag(anon_client, "/api/v1/ratings/")
    with django_assert_num_queries(1):
        again = anon_client.get("/api/v1/ratings/", HTTP_IF_NONE_MATCH=tag)
    assert again.status_code == 304


def test_a_row_settling_into_the_last_page_changes_its_etag(
    anon_client, settings, monkeypatch
):
    # No write commits while the row settles, so only the query can see it.
    settings.FACTCHECK_FEED_SETTLE_SECONDS = 60
    shown, settling = ClaimFactory.create_batch(2, rated=True)
    Claim.objects.filter(pk=shown.pk).update(
        updated_at=timezone.now() - timedelta(minutes=5)
    )
    url = "/api/v1/ratings/?page_size=1"
    tag = _remembered_tag(anon_client, url)
    monkeypatch.setattr(
        "claims.api.feeds.feed_cutoff", lambda: timezone.now() + timedelta(seconds=1)
    )
    moved = anon_client.get(url, HTTP_IF_NONE_MATCH=tag)
    assert moved.status_code == 200 and moved.json()["next"] is not None


def _correct(claim: Claim, editor) -> None:  # type: ignore[no-untyped-def]
    services.correct_rating(
        claim, actor=editor, verdict="false", summary="No.", note="New figures"
    )


def _reopen(claim: Claim, editor) -> None:  # type: ignore[no-untyped-def]
    services.reopen_claim(claim, actor=editor, note="More to check")


def _assign(claim: Claim, editor) -> None:  # type: ignore[no-untyped-def]
    services.assign_claim(claim, actor=editor, assignee=editor)


def _rename_speaker(claim: Claim, editor) -> None:  # type: ignore[no-untyped-def]
    services.claims_shown_changed(speaker=claim.speaker)


def _retitle_article(claim: Claim, editor) -> None:  # type: ignore[no-untyped-def]
    services.claims_shown_changed(source=claim.source)


def _merge_speaker(claim: Claim, editor) -> None:  # type: ignore[no-untyped-def]
    services.merge_speakers(SpeakerFactory(), [claim.speaker], actor=editor)


def _edit_in_admin(claim: Claim, editor) -> None:  # type: ignore[no-untyped-def]
    claim.speaker_role = "mayor"
    form = SimpleNamespace(changed_data=["speaker_role"], fields={"speaker_role": 1})
    admin.site._registry[Claim].save_model(None, claim, form, True)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "write",
    [
        _correct,
        _reopen,
        _assign,
        _rename_speaker,
        _retitle_article,
        _merge_speaker,
        _edit_in_admin,
    ],
)
def test_every_write_that_moves_a_claim_forgets_remembered_etags(
    write, anon_client, editor, django_capture_on_commit_callbacks
):
    first, _ = ClaimFactory.create_batch(2, rated=True)
    tag = _remembered_tag(anon_client, FIRST_PAGE)
    with django_capture_on_commit_callbacks(execute=True):
        write(Claim.objects.get(pk=first.pk), editor)
    changed = anon_client.get(FIRST_PAGE, HTTP_IF_NONE_MATCH=tag)
    assert changed.status_code == 200 and changed["ETag"] != tag


def test_moves_of_claims_never_rated_keep_remembered_etags(
    anon_client, editor, django_capture_on_commit_callbacks, django_assert_num_queries
):
    ClaimFactory.create_batch(2, rated=True)
    waiting = ClaimFactory()
    tag = _remembered_tag(anon_client, FIRST_PAGE)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.attach_evidence(waiting, actor=editor, url="https://example.org/a")
        services.mark_claim_sourced(waiting, actor=editor)
    assert callbacks == []  # no feed page can show it: nothing to forget
    with django_assert_num_queries(0):
        assert anon_client.get(FIRST_PAGE, HTTP_IF_NONE_MATCH=tag).status_code == 304
    with django_capture_on_commit_callbacks(execute=True):
        services.rate_claim(waiting, actor=editor, verdict="true", summary="Yes.")
    with django_assert_num_queries(1):  # forgotten: the page is read again
        assert anon_client.get(FIRST_PAGE, HTTP_IF_NONE_MATCH=tag).status_code == 304
