"""The public fact-check page: what readers and search engines see of a rating."""

import json
import re
from typing import Any

import pytest
from django.test.utils import override_settings

from claims import services
from claims.models import Claim
from tests.dashboard.conftest import XSS_NAME, XSS_QUOTE, hostile_claim, page
from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db


def correct(claim: Claim, editor: Any, verdict: str, summary: str, note: str) -> None:
    """Correct the stored claim's rating."""
    services.correct_rating(
        Claim.objects.get(pk=claim.pk),
        actor=editor,
        verdict=verdict,
        summary=summary,
        note=note,
    )


LD_SCRIPT = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


@override_settings(FACTCHECK_PUBLISHER_URL="https://checks.example.org")
def test_a_rating_has_a_public_page_carrying_its_claimreview(client, editor):
    claim = ClaimFactory(sourced=True, actor=editor)
    services.rate_claim(claim, actor=editor, verdict="false", summary="Not so.")
    correct(
        claim, editor, "mostly_false", "Closer, but no.", "New figures from the bureau"
    )
    html = page(client, f"/fact-checks/{claim.pk}/")  # no login
    assert claim.quote in html and claim.speaker.name in html
    assert "Mostly false" in html and "Closer, but no." in html
    assert "New figures from the bureau" in html  # the correction stays visible
    assert f'href="{claim.source.url}"' in html
    (data,) = LD_SCRIPT.findall(html)
    review = json.loads(data)
    assert review["@type"] == "ClaimReview"
    # The markup names this page as the review's address.
    url = f"https://checks.example.org/fact-checks/{claim.pk}/"
    assert review["url"] == url
    assert f'<link rel="canonical" href="{url}">' in html
    assert review["reviewRating"]["alternateName"] == "Mostly false"


def test_only_ratings_are_public_and_a_withdrawn_one_is_gone(client, editor):
    pending = ClaimFactory()
    page(client, f"/fact-checks/{pending.pk}/", status=404)
    page(client, "/fact-checks/999999/", status=404)
    rated = ClaimFactory(rated=True, actor=editor)
    page(client, f"/fact-checks/{rated.pk}/")
    services.reopen_claim(rated, actor=editor, note="Checking again")
    gone = page(client, f"/fact-checks/{rated.pk}/", status=410)
    assert "withdrawn" in gone and rated.quote not in gone


def test_hostile_text_on_the_public_page_stays_text(client, editor):
    claim = hostile_claim(rated=True, actor=editor)
    html = page(client, f"/fact-checks/{claim.pk}/")
    assert XSS_QUOTE not in html and "&lt;script&gt;window.__xss=1" in html
    assert "<mark>&lt;script&gt;window.__xss=1" in html  # the quote in its paragraph
    assert XSS_NAME not in html
    assert "javascript:" not in html  # the article's address is not a web link
    (data,) = LD_SCRIPT.findall(html)
    assert not re.search(r"[<>]", data)
    assert json.loads(data)["itemReviewed"]["author"]["name"] == XSS_NAME


def test_the_public_page_costs_three_queries_and_a_304_one(
    client, editor, django_assert_num_queries
):
    claim = ClaimFactory(rated=True, actor=editor)
    for round in range(3):
        correct(claim, editor, "false", f"Still no ({round}).", "Again")
    url = f"/fact-checks/{claim.pk}/"
    with django_assert_num_queries(3):
        first = client.get(url)
    assert first.status_code == 200 and first["ETag"]
    with django_assert_num_queries(1):
        again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    correct(claim, editor, "true", "It was right after all.", "New figures")
    changed = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200 and b"It was right after all." in changed.content


def test_the_list_of_fact_checks_and_the_sitemap_show_only_ratings(client, editor):
    rated = ClaimFactory.create_batch(3, rated=True, actor=editor)
    pending = ClaimFactory()
    html = page(client, "/fact-checks/")
    for claim in rated:
        assert f'href="/fact-checks/{claim.pk}/"' in html
    assert f'href="/fact-checks/{pending.pk}/"' not in html
    xml = page(client, "/sitemap.xml")
    for claim in rated:
        assert f"<loc>http://testserver/fact-checks/{claim.pk}/</loc>" in xml
    assert f"/fact-checks/{pending.pk}/<" not in xml
    assert xml.count("<lastmod>") == 3


@pytest.mark.parametrize("url", ["/fact-checks/", "/sitemap.xml"])
def test_the_list_and_the_sitemap_cost_the_same_for_any_size(
    url, client, editor, django_assert_max_num_queries
):
    ClaimFactory(rated=True, actor=editor)
    with django_assert_max_num_queries(2) as few:
        page(client, url)
    ClaimFactory.create_batch(6, rated=True, actor=editor)
    with django_assert_max_num_queries(len(few)) as many:
        page(client, url)
    assert len(many) == len(few)


def test_with_nothing_published_the_list_and_the_sitemap_are_empty(client):
    ClaimFactory()
    assert "No fact check is published yet." in page(client, "/fact-checks/")
    assert "<url>" not in page(client, "/sitemap.xml")
    page(client, "/fact-checks/?page=99")  # past the end: the last page
