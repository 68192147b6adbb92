"""The queue: filters, search, sort, CSV export and bulk actions."""

import csv
import io
import re

import pytest

from claims.models import Claim
from tests.dashboard.conftest import page
from tests.factories import ClaimFactory, SpeakerFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_queue_filters_searches_and_sorts(client, editor, reviewer):
    ada = SpeakerFactory(name="Ada Lovelace", key="ada")
    a = ClaimFactory(speaker=ada, quote="Bridges cost twice as much.")
    b = ClaimFactory(rated=True, actor=editor)
    c = ClaimFactory(quote="Nobody has seen this before.")
    from claims import services

    services.assign_claim(c, actor=editor, assignee=reviewer)
    client.force_login(editor)

    def ids(query: str) -> set[int]:
        html = page(client, "/claims/" + query)
        return {int(x) for x in re.findall(r'name="claims" value="(\d+)"', html)}

    assert ids("") == {a.pk, b.pk, c.pk}
    assert ids("?status=rated") == {b.pk}
    assert ids("?verdict=mostly_false") == {b.pk}
    assert ids("?speaker=lovelace") == {a.pk}
    assert ids(f"?speaker_id={ada.pk}") == {a.pk}
    assert ids(f"?source_id={a.source_id}") == {a.pk}
    assert ids(f"?assignee={reviewer.pk}") == {c.pk}
    assert ids("?assignee=none") == {a.pk, b.pk}
    assert ids("?q=bridges") == {a.pk}
    assert ids("?older_than=1") == set()
    html = page(client, "/claims/?sort=oldest")
    order = [int(x) for x in re.findall(r'name="claims" value="(\d+)"', html)]
    assert order == [a.pk, b.pk, c.pk]
    # A bad filter value is named, not silently turned into an empty queue.
    assert "Select a valid choice" in page(client, "/claims/?status=bogus")


def test_queue_exports_the_current_view_as_csv(client, editor):
    ClaimFactory(quote="=HYPERLINK(1) looks like a formula")
    ClaimFactory(rated=True, actor=editor)
    client.force_login(editor)
    response = client.get("/claims/export.csv?status=pending")
    assert response["Content-Type"] == "text/csv"
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][:4] == ["id", "status", "verdict", "quote"]
    assert len(rows) == 2 and rows[1][1] == "pending"
    assert rows[1][3].startswith("'=HYPERLINK")


def test_queue_bulk_assigns_and_dismisses_all_or_none(client, editor, reviewer):
    claims = ClaimFactory.create_batch(3)
    rated = ClaimFactory(rated=True, actor=editor)
    client.force_login(editor)
    response = client.post(
        "/claims/bulk/",
        {
            "claims": [c.pk for c in claims],
            "action": "assign",
            "assignee": reviewer.pk,
            "next": "?status=pending",
        },
    )
    assert response["Location"] == "/claims/?status=pending"
    assert Claim.objects.filter(assignee=reviewer).count() == 3
    # One claim cannot be dismissed: nothing is dismissed.
    response = client.post(
        "/claims/bulk/",
        {"claims": [claims[0].pk, rated.pk], "action": "dismiss", "reason": "opinion"},
        follow=True,
    )
    assert "Nothing changed" in response.content.decode()
    assert Claim.objects.filter(status="dismissed").count() == 0
    client.post(
        "/claims/bulk/",
        {"claims": [c.pk for c in claims], "action": "dismiss", "reason": "duplicate"},
    )
    assert Claim.objects.filter(status="dismissed").count() == 3


def test_queue_bulk_assign_by_a_reviewer_is_refused(client, reviewer):
    claims = ClaimFactory.create_batch(2)
    other = UserFactory(username="other", role="reviewer")
    client.force_login(reviewer)
    response = client.post(
        "/claims/bulk/",
        {"claims": [c.pk for c in claims], "action": "assign", "assignee": other.pk},
        follow=True,
    )
    assert "you may not assign claims" in response.content.decode()
    assert not Claim.objects.filter(assignee__isnull=False).exists()


def test_queue_sorts_by_checkworthiness_with_unscored_last(client, editor):
    unscored = ClaimFactory()
    low = ClaimFactory(checkworthiness=0.2)
    high = ClaimFactory(checkworthiness=0.9)
    client.force_login(editor)
    html = page(client, "/claims/?sort=checkworthy")
    order = [int(x) for x in re.findall(r'name="claims" value="(\d+)"', html)]
    assert order == [high.pk, low.pk, unscored.pk]
