"""The claims endpoints: content, filters, ordering, workflow actions, their errors."""

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from claims.models import Claim, Evidence
from tests.factories import ClaimFactory, SourceFactory, SpeakerFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_claim_detail_shows_speaker_source_evidence_rating_and_revisions(anon_client):
    source = SourceFactory(publisher="Daily Example", published_at=timezone.now())
    claim = ClaimFactory(source=source, rated=True, confidence=0.84)
    body = anon_client.get(f"/api/v1/claims/{claim.pk}/").json()
    assert body["speaker"]["name"] == claim.speaker.name
    assert body["speaker_confidence"] == 0.84
    assert body["source"] == {
        "id": source.pk,
        "title": source.title,
        "url": source.url,
        "publisher": "Daily Example",
        "published_at": source.published_at.isoformat().replace("+00:00", "Z"),
    }
    assert [e["url"] for e in body["evidence"]] == ["https://stats.example.org/t1"]
    assert body["rating"]["verdict"] == "mostly_false"
    assert body["rating"]["rating_value"] == 2
    assert [r["verdict"] for r in body["revisions"]] == ["mostly_false"]
    assert body["claimreview_url"].endswith(f"/api/v1/claims/{claim.pk}/claimreview/")
    assert body["assignee"] is None


def test_claims_list_shows_anonymous_readers_only_rated_claims(
    anon_client, editor_client
):
    rated = ClaimFactory(rated=True)
    ClaimFactory()
    ClaimFactory(sourced=True)
    assert [c["id"] for c in anon_client.get("/api/v1/claims/").json()["results"]] == [
        rated.pk
    ]
    assert editor_client.get("/api/v1/claims/").json()["count"] == 3


def test_claims_list_filters_by_each_field(editor_client, editor):
    speaker = SpeakerFactory(name="Ada Lovelace", key="ada lovelace")
    source = SourceFactory(title="Engines weekly")
    by_speaker = ClaimFactory(speaker=speaker)
    by_source = ClaimFactory(source=source, quote="Steam is the future of power.")
    rated = ClaimFactory(rated=True)
    assigned = ClaimFactory()
    Claim.objects.filter(pk=assigned.pk).update(assignee=editor)
    old = ClaimFactory()
    Claim.objects.filter(pk=old.pk).update(
        updated_at=timezone.now() - timezone.timedelta(days=9)
    )

    def ids(query: str) -> set[int]:
        response = editor_client.get(f"/api/v1/claims/?{query}")
        assert response.status_code == 200, response.content
        return {c["id"] for c in response.json()["results"]}

    assert ids("status=rated") == {rated.pk}
    assert ids("verdict=mostly_false") == {rated.pk}
    assert ids(f"speaker={speaker.pk}") == {by_speaker.pk}
    assert ids(f"source={source.pk}") == {by_source.pk}
    assert ids(f"assignee={editor.pk}") == {assigned.pk}
    assert ids("search=steam") == {by_source.pk}
    assert ids("search=lovelace") == {by_speaker.pk}
    assert ids("search=engines+weekly") == {by_source.pk}
    since = (timezone.now() - timezone.timedelta(days=1)).isoformat()
    assert old.pk not in ids("updated_since=" + since.replace("+", "%2B"))
    assert old.pk in ids("page_size=100")


def test_claims_list_rejects_a_bad_filter_with_the_error_shape(editor_client):
    response = editor_client.get("/api/v1/claims/?status=nonsense")
    assert response.status_code == 400
    body = response.json()
    assert body["error"]["code"] == "invalid"
    assert "status" in body["error"]["detail"]


def test_claims_list_orders_and_pages_without_overlap(editor_client):
    claims = ClaimFactory.create_batch(5)
    seen = []
    for page in (1, 2, 3):
        body = editor_client.get(
            f"/api/v1/claims/?ordering=-created_at&page_size=2&page={page}"
        ).json()
        seen += [c["id"] for c in body["results"]]
    assert seen == sorted((c.pk for c in claims), reverse=True)


def test_workflow_actions_move_a_claim_from_pending_to_corrected(editor_client):
    claim = ClaimFactory()
    base = f"/api/v1/claims/{claim.pk}"
    steps = [
        (
            "attach-evidence",
            {"url": "https://stats.example.org/x", "stance": "refutes"},
            201,
        ),
        ("mark-sourced", {}, 200),
        ("send-back", {"note": "Find the 2025 table."}, 200),
        ("mark-sourced", {}, 200),
        ("rate", {"verdict": "false", "summary": "It rose."}, 200),
        (
            "correct",
            {"verdict": "half_true", "summary": "Mixed.", "note": "New data"},
            200,
        ),
        ("reopen", {"note": "More to check"}, 200),
        ("send-back", {"note": "Start again"}, 200),
        ("dismiss", {"reason": "opinion"}, 200),
        ("restore", {}, 200),
    ]
    for action, data, code in steps:
        response = editor_client.post(f"{base}/{action}/", data, format="json")
        assert response.status_code == code, (action, response.content)
    claim.refresh_from_db()
    assert claim.status == Claim.Status.PENDING
    assert [r.verdict for r in claim.revisions.all()] == ["false", "half_true"]
    assert list(claim.transitions.values_list("action", flat=True)) == [
        "claim.mark_sourced",
        "claim.send_back",
        "claim.mark_sourced",
        "claim.rate",
        "claim.correct",
        "claim.reopen",
        "claim.send_back",
        "claim.dismiss",
        "claim.restore",
    ]


def test_assign_action_assigns_a_reviewer(editor_client, reviewer):
    claim = ClaimFactory()
    response = editor_client.post(
        f"/api/v1/claims/{claim.pk}/assign/", {"assignee": reviewer.pk}, format="json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["assignee"] == reviewer.username
    claim.refresh_from_db()
    assert claim.assignee == reviewer


def test_an_illegal_move_is_409_and_writes_nothing(editor_client):
    claim = ClaimFactory()
    response = editor_client.post(
        f"/api/v1/claims/{claim.pk}/rate/",
        {"verdict": "false", "summary": "x"},
        format="json",
    )
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "InvalidTransition"
    claim.refresh_from_db()
    assert claim.status == Claim.Status.PENDING and claim.transitions.count() == 0


def test_an_unready_move_is_409_with_the_reason(editor_client):
    claim = ClaimFactory()
    response = editor_client.post(f"/api/v1/claims/{claim.pk}/mark-sourced/")
    assert response.status_code == 409
    assert "evidence" in response.json()["error"]["message"]


def test_action_input_is_validated_by_its_serializer(editor_client):
    claim = ClaimFactory(sourced=True)
    response = editor_client.post(
        f"/api/v1/claims/{claim.pk}/rate/", {"verdict": "sort of"}, format="json"
    )
    assert response.status_code == 400
    detail = response.json()["error"]["detail"]
    assert set(detail) == {"verdict", "summary"}
    response = editor_client.post(
        f"/api/v1/claims/{claim.pk}/attach-evidence/",
        {"stance": "refutes"},
        format="json",
    )
    assert response.status_code == 400
    assert Evidence.objects.filter(claim=claim).count() == 1


def test_status_cannot_be_written_directly(editor_client):
    claim = ClaimFactory()
    for method in ("put", "patch"):
        response = getattr(editor_client, method)(
            f"/api/v1/claims/{claim.pk}/", {"status": "rated"}, format="json"
        )
        assert response.status_code == 405
        assert response.json()["error"]["code"] == "method_not_allowed"
    claim.refresh_from_db()
    assert claim.status == Claim.Status.PENDING


def test_if_match_with_a_stale_etag_is_412(editor_client):
    claim = ClaimFactory(sourced=True)
    etag = editor_client.get(f"/api/v1/claims/{claim.pk}/")["ETag"]
    # Someone else sends it back meanwhile.
    other = APIClient()
    other.force_login(UserFactory(username="ed2", role="editor"))
    assert (
        other.post(
            f"/api/v1/claims/{claim.pk}/send-back/", {"note": "no"}, format="json"
        ).status_code
        == 200
    )
    response = editor_client.post(
        f"/api/v1/claims/{claim.pk}/send-back/",
        {"note": "also no"},
        format="json",
        HTTP_IF_MATCH=etag,
    )
    assert response.status_code == 412
    assert response.json()["error"]["code"] == "precondition_failed"
    assert claim.transitions.filter(action="claim.send_back").count() == 1


def test_if_match_with_the_current_etag_succeeds_and_returns_the_new_etag(
    editor_client,
):
    claim = ClaimFactory(sourced=True)
    first = editor_client.get(f"/api/v1/claims/{claim.pk}/")["ETag"]
    response = editor_client.post(
        f"/api/v1/claims/{claim.pk}/rate/",
        {"verdict": "true", "summary": "Checks out."},
        format="json",
        HTTP_IF_MATCH=first,
    )
    assert response.status_code == 200, response.content
    assert response["ETag"] != first
    assert response["ETag"] == editor_client.get(f"/api/v1/claims/{claim.pk}/")["ETag"]


def test_session_writes_need_the_csrf_token(editor):
    claim = ClaimFactory(sourced=True)
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(editor)
    response = client.post(f"/api/v1/claims/{claim.pk}/send-back/", {"note": "n"})
    assert response.status_code == 403
    assert "CSRF" in response.json()["error"]["message"]
    claim.refresh_from_db()
    assert claim.status == Claim.Status.SOURCED


def test_unknown_api_address_answers_in_the_error_shape(anon_client):
    response = anon_client.get("/api/v1/nothing-here/")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
    missing = anon_client.get("/api/v1/claims/999999/")
    assert missing.status_code == 404
    assert missing.json()["error"]["code"] == "not_found"


def test_claimreview_path_without_slash_redirects_to_it(anon_client):
    claim = ClaimFactory(rated=True)
    response = anon_client.get(f"/api/v1/claims/{claim.pk}/claimreview")
    assert response.status_code == 301
    assert response["Location"].endswith(f"/api/v1/claims/{claim.pk}/claimreview/")


def test_only_desk_staff_can_filter_by_assignee(anon_client, editor_client, editor):
    claim = ClaimFactory(rated=True)
    Claim.objects.filter(pk=claim.pk).update(assignee=editor)
    url = f"/api/v1/claims/?assignee={editor.pk}"
    assert editor_client.get(url).json()["count"] == 1
    assert anon_client.get(url).json()["count"] == 0
    assert anon_client.get("/api/v1/claims/").json()["results"][0]["assignee"] is None
