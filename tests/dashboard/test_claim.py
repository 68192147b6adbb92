"""The claim page: its article context, and every move through its forms."""

import pytest

from claims.models import ClaimTransition, RatingRevision
from tests.dashboard.conftest import JS_URL, page
from tests.factories import ClaimFactory, SpeakerFactory

pytestmark = pytest.mark.django_db


def test_claim_page_shows_context_speaker_evidence_history_and_claimreview(
    client, editor
):
    speaker = SpeakerFactory(name="Ada Lovelace", key="ada lovelace", role="analyst")
    claim = ClaimFactory(speaker=speaker, rated=True, actor=editor)
    client.force_login(editor)
    html = page(client, f"/claims/{claim.pk}/")
    assert "Ada Lovelace" in html and "analyst" in html
    assert 'href="https://news.example.org/a/' in html
    assert "stats.example.org/t1" in html  # the factory's evidence
    assert "mark sourced" in html and "rate" in html  # the timeline
    assert "ClaimReview preview" in html and "&quot;claimReviewed&quot;" in html
    assert f'href="/fact-checks/{claim.pk}/">public page</a>' in html
    assert "Track record" in html
    # Editors may correct and reopen a rated claim.
    assert (
        'data-action="claim.correct"' in html and 'data-action="claim.reopen"' in html
    )


def test_claim_page_asks_to_check_a_speaker_found_with_less_certainty(client, editor):
    speaker = SpeakerFactory(name="Ada Lovelace", key="ada lovelace")
    unsure = ClaimFactory(speaker=speaker, confidence=0.8)
    sure = ClaimFactory(speaker=speaker, confidence=0.98)
    client.force_login(editor)
    html = page(client, f"/claims/{unsure.pk}/")
    assert "Check the speaker against the article" in html and "about 80%" in html
    assert "Check the speaker" not in page(client, f"/claims/{sure.pk}/")


def test_claim_walks_from_evidence_to_rating_through_the_forms(client, editor):
    claim = ClaimFactory()
    client.force_login(editor)
    url = f"/claims/{claim.pk}/"
    response = client.post(
        url + "evidence/",
        {"url": "https://stats.example.org/q", "stance": "refutes", "excerpt": ""},
        follow=True,
    )
    assert "Evidence added." in response.content.decode()
    response = client.post(
        url + "act/",
        {"action": "claim.mark_sourced", "version": claim.version},
        follow=True,
    )
    assert "Marked sourced." in response.content.decode()
    claim.refresh_from_db()
    response = client.post(
        url + "act/",
        {
            "action": "claim.rate",
            "version": claim.version,
            "verdict": "false",
            "summary": "No such rise.",
        },
        follow=True,
    )
    assert "Rated and published." in response.content.decode()
    claim.refresh_from_db()
    assert (claim.status, claim.verdict) == ("rated", "false")


def test_reviewer_sees_no_rate_control_and_a_forged_rate_is_refused(client, reviewer):
    claim = ClaimFactory(sourced=True)
    client.force_login(reviewer)
    html = page(client, f"/claims/{claim.pk}/")
    assert 'data-action="claim.send_back"' in html
    assert 'data-action="claim.rate"' not in html and 'name="verdict"' not in html
    response = client.post(
        f"/claims/{claim.pk}/act/",
        {
            "action": "claim.rate",
            "version": claim.version,
            "verdict": "true",
            "summary": "forged",
        },
    )
    assert response.status_code == 403
    assert "Nothing changed: you may not rate claims." in response.content.decode()
    claim.refresh_from_db()
    assert claim.status == "sourced" and claim.verdict == ""
    assert not RatingRevision.objects.filter(claim=claim).exists()
    assert not ClaimTransition.objects.filter(claim=claim, action="claim.rate").exists()


def test_an_invalid_move_keeps_the_input_and_says_why(client, editor):
    claim = ClaimFactory(sourced=True)
    client.force_login(editor)
    response = client.post(
        f"/claims/{claim.pk}/act/",
        {
            "action": "claim.rate",
            "version": claim.version,
            "verdict": "false",
            "summary": "",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "This field is required." in html
    assert '<option value="false" selected>' in html
    claim.refresh_from_db()
    assert claim.status == "sourced"


def test_a_move_from_a_stale_page_is_refused(client, editor):
    claim = ClaimFactory(sourced=True)
    client.force_login(editor)
    seen = claim.version
    client.post(
        f"/claims/{claim.pk}/act/",
        {"action": "claim.send_back", "version": seen, "note": "more"},
    )
    response = client.post(
        f"/claims/{claim.pk}/act/",
        {"action": "claim.dismiss", "version": seen, "reason": "opinion"},
    )
    assert response.status_code == 409
    assert "changed by someone else" in response.content.decode()
    claim.refresh_from_db()
    assert claim.status == "pending"


def test_marking_sourced_without_evidence_gives_a_clear_error(client, reviewer):
    claim = ClaimFactory()
    client.force_login(reviewer)
    response = client.post(
        f"/claims/{claim.pk}/act/", {"action": "claim.mark_sourced", "version": 1}
    )
    assert response.status_code == 409
    assert "attach at least one piece of evidence first" in response.content.decode()


def test_evidence_refuses_a_javascript_link(client, reviewer):
    claim = ClaimFactory()
    client.force_login(reviewer)
    response = client.post(
        f"/claims/{claim.pk}/evidence/", {"url": JS_URL, "stance": "context"}
    )
    assert response.status_code == 400
    assert not claim.evidence.exists()


def test_reviewer_takes_an_unassigned_claim_editor_assigns(client, editor, reviewer):
    claim = ClaimFactory()
    client.force_login(reviewer)
    html = page(client, f"/claims/{claim.pk}/")
    assert "Take this claim" in html and 'name="assignee"' not in html
    client.post(f"/claims/{claim.pk}/assign/", {"take": "1"})
    claim.refresh_from_db()
    assert claim.assignee == reviewer
    client.force_login(editor)
    client.post(f"/claims/{claim.pk}/assign/", {"assignee": editor.pk})
    claim.refresh_from_db()
    assert claim.assignee == editor
    html = page(client, f"/claims/{claim.pk}/")
    assert "assigned it to <bdi>ed</bdi>" in html
